//! Word tokens with byte spans, for the recogniser and the quotation
//! attributor.
//!
//! Words are the UAX #29 word segments (see [`super::super::breaks`]) that
//! contain a letter or digit. Two adjustments make them fit names: a
//! possessive `'s` / `’s` is left outside the span ("America's" → "America"),
//! and an abbreviation keeps its full stop ("Mr.", "U.S.", "J.").

use std::ops::Range;

use super::super::breaks;
use super::super::gazetteer;

/// What separates a word from the word before it in the same sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gap {
    /// The word opens its sentence.
    Start,
    /// Only spaces or tabs (no line break).
    Space,
    /// A single hyphen ("Guinea-Bissau").
    Hyphen,
    /// An ampersand between spaces ("Standard & Poor").
    Ampersand,
    /// Anything else: punctuation, quotation marks, line breaks.
    Other,
}

/// One word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    /// Byte range into the document text, end-exclusive, possessive excluded.
    pub(crate) span: Range<usize>,
    /// The text of `span`.
    pub(crate) text: &'a str,
    /// Whether a possessive `'s` / `’s` followed (and was left out of `span`).
    pub(crate) possessive: bool,
    /// What separates this word from the previous one.
    pub(crate) gap: Gap,
    /// Whether the word opens its sentence or directly follows an opening
    /// quotation mark, so that its capital letter says nothing about it.
    pub(crate) initial: bool,
    /// Whether the word has an upper-case letter anywhere ([`has_capital`]),
    /// found once: several passes ask it of every word.
    pub(crate) capital: bool,
}

impl Word<'_> {
    /// Whether the word starts with an upper-case letter.
    pub(crate) fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the word is an all-capitals acronym of two or more letters
    /// ("NATO", "EU"), without digits or full stops.
    pub(crate) fn is_acronym(&self) -> bool {
        self.text.chars().count() >= 2 && self.text.chars().all(|c| c.is_uppercase())
    }
}

/// Whether the word segment `token`, followed by a full stop, is an
/// abbreviation that owns that full stop.
fn takes_full_stop(token: &str) -> bool {
    let mut chars = token.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    single_capital || token.contains('.') || gazetteer::is_abbreviation(token)
}

/// Possessive endings left outside a word's span.
const POSSESSIVES: &[&str] = &["'s", "’s"];

/// Opening quotation marks after which a capital letter is not informative.
const OPENING_MARKS: &[char] = &['"', '\'', '“', '‘', '«', '„', '(', '['];

/// The text of `words` (a run of one sentence's words) as `text`, which
/// their spans index, writes it: from the first word's start to the last
/// word's end. `None` for no words.
pub(crate) fn text_of<'t>(text: &'t str, words: &[Word<'_>]) -> Option<&'t str> {
    text.get(words.first()?.span.start..words.last()?.span.end)
}

/// The words of the sentence at `range` (byte offsets into `text`).
pub(crate) fn words(text: &str, range: Range<usize>) -> Vec<Word<'_>> {
    let Some(sentence) = text.get(range.clone()) else {
        return Vec::new();
    };
    // About one word per six bytes of news prose: one allocation, no regrowth.
    let mut words = Vec::with_capacity(sentence.len() / 6 + 1);
    push_words(text, range, &mut words);
    words
}

/// The words of every sentence of a text, cut once and shared by the
/// passes that read them (named entities, check-worthiness), so that no
/// pass tokenises a sentence again.
///
/// They are kept in blocks of [`SentenceWords::BLOCK`] words, each sentence
/// within one block: blocks of one size are freed and allocated again from
/// one section of a long text to the next, which the allocator can reuse,
/// where a single list sized to each section left the heap growing with
/// the text.
pub(crate) struct SentenceWords<'a> {
    blocks: Vec<Vec<Word<'a>>>,
    /// Per sentence: its block and its words' range in that block.
    at: Vec<(u32, Range<u32>)>,
}

impl<'a> SentenceWords<'a> {
    /// Words per block (about 80 KB).
    const BLOCK: usize = 2048;

    /// The words of each of `sentences` (byte ranges into `text`), as
    /// [`words`] cuts them.
    pub(crate) fn new(text: &'a str, sentences: &[Range<usize>]) -> Self {
        let mut blocks: Vec<Vec<Word<'a>>> = Vec::new();
        let mut at = Vec::with_capacity(sentences.len());
        let mut sentence = Vec::new();
        for range in sentences {
            sentence.clear();
            push_words(text, range.clone(), &mut sentence);
            let fits = blocks
                .last()
                .is_some_and(|b| b.capacity() - b.len() >= sentence.len());
            if !fits {
                blocks.push(Vec::with_capacity(Self::BLOCK.max(sentence.len())));
            }
            let index = blocks.len().saturating_sub(1);
            let Some(block) = blocks.last_mut() else {
                continue;
            };
            let start = block.len();
            block.append(&mut sentence);
            let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            at.push((to_u32(index), to_u32(start)..to_u32(block.len())));
        }
        SentenceWords { blocks, at }
    }

    /// The number of sentences.
    pub(crate) fn len(&self) -> usize {
        self.at.len()
    }

    /// The words of sentence `k` (empty past the last sentence).
    pub(crate) fn get(&self, k: usize) -> &[Word<'a>] {
        self.at
            .get(k)
            .and_then(|(b, range)| {
                self.blocks
                    .get(*b as usize)?
                    .get(range.start as usize..range.end as usize)
            })
            .unwrap_or(&[])
    }
}

/// Whether a word has an upper-case letter (a number inside a name, as in
/// "1860 Munich", is not enough: names without a capital are too rare).
pub(crate) fn has_capital(word: &str) -> bool {
    // Byte by byte while the word is ASCII (nearly every word): no
    // character decoding or Unicode tables.
    for &b in word.as_bytes() {
        if b.is_ascii_uppercase() {
            return true;
        }
        if !b.is_ascii() {
            return word.chars().any(char::is_uppercase);
        }
    }
    false
}

/// Appends the words of the sentence at `range` of `text` to `words`.
fn push_words<'a>(text: &'a str, range: Range<usize>, words: &mut Vec<Word<'a>>) {
    let Some(sentence) = text.get(range.clone()) else {
        return;
    };
    let mut previous_end: Option<usize> = None;
    let mut consumed_until = range.start;
    for (offset, token) in breaks::word_tokens(sentence) {
        let start = range.start + offset;
        let mut end = start + token.len();
        if start < consumed_until {
            continue;
        }
        let mut span_end = end;
        let mut possessive = false;
        if end < range.end && text.get(end..end + 1) == Some(".") && takes_full_stop(token) {
            end += 1;
            span_end = end;
        } else if let Some(suffix) = POSSESSIVES
            .iter()
            .find(|s| token.len() > s.len() && token.ends_with(*s))
        {
            span_end = end - suffix.len();
            possessive = true;
        }
        consumed_until = end;
        let gap_text = previous_end.and_then(|p| text.get(p..start));
        let gap = match gap_text {
            None => Gap::Start,
            Some(" ") => Gap::Space,
            Some(g)
                if !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}') =>
            {
                Gap::Space
            }
            Some("-" | "\u{2011}") => Gap::Hyphen,
            Some(" & " | "&") => Gap::Ampersand,
            Some(_) => Gap::Other,
        };
        let initial = match gap_text {
            None => true,
            Some(" ") => false,
            Some(g) => g.trim_end().ends_with(OPENING_MARKS) && !g.trim_end().ends_with(['.', ',']),
        };
        let word = text.get(start..span_end).unwrap_or("");
        words.push(Word {
            span: start..span_end,
            text: word,
            possessive,
            gap,
            initial,
            capital: has_capital(word),
        });
        previous_end = Some(end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_are_found_in_any_script() {
        for (word, capital) in [
            ("macron", false),
            ("Macron", true),
            ("eU", true),
            ("élysée", false),
            ("Élysée", true),
            ("éLYSÉE", true),
            ("ΣΟΦΙΑ", true),
            ("中文", false),
            ("", false),
        ] {
            assert_eq!(has_capital(word), capital, "{word}");
            assert_eq!(capital, word.chars().any(char::is_uppercase));
        }
        // Each word knows it once cut.
        let text = "Mr Macron met eU and élysée staff in ΣΟΦΙΑ";
        let capitals: Vec<bool> = words(text, 0..text.len())
            .iter()
            .map(|w| w.capital)
            .collect();
        assert_eq!(
            capitals,
            [true, true, false, true, false, false, false, false, true]
        );
    }

    fn texts(text: &str) -> Vec<&str> {
        words(text, 0..text.len())
            .into_iter()
            .map(|w| w.text)
            .collect()
    }

    #[test]
    fn possessives_stay_outside_and_abbreviations_keep_their_stop() {
        assert_eq!(
            texts("America's Mr. Lee met the USSR’s U.S. envoy J. Doe."),
            [
                "America", "Mr.", "Lee", "met", "the", "USSR", "U.S.", "envoy", "J.", "Doe"
            ]
        );
        let w = words("Putin's aide", 0..12);
        assert_eq!(
            w.first().map(|w| (w.span.clone(), w.possessive)),
            Some((0..5, true))
        );
    }

    #[test]
    fn the_text_of_words_runs_from_the_first_to_the_last_as_written() {
        let t = "for BBC  One's Top of the Pops";
        let w = words(t, 0..t.len());
        assert_eq!(text_of(t, &w[1..3]), Some("BBC  One"));
        assert_eq!(text_of(t, &w[3..]), Some("Top of the Pops"));
        assert_eq!(text_of(t, &[]), None);
    }

    #[test]
    fn gaps_and_initial_words() {
        let text = "Guinea-Bissau, said: \"The end\"";
        let w = words(text, 0..text.len());
        let gaps: Vec<Gap> = w.iter().map(|w| w.gap).collect();
        assert_eq!(
            gaps,
            [Gap::Start, Gap::Hyphen, Gap::Other, Gap::Other, Gap::Space]
        );
        let initial: Vec<bool> = w.iter().map(|w| w.initial).collect();
        assert_eq!(initial, [true, false, false, true, false]);
    }

    #[test]
    fn shared_words_equal_each_sentence_cut_alone_across_blocks() {
        // Enough sentences to fill several blocks, and one sentence longer
        // than a block.
        let mut text = String::new();
        let mut sentences = Vec::new();
        for k in 0..400 {
            let start = text.len();
            text.push_str(&format!(
                "Mr. Lee met the U.S. envoy in Paris's old town {k} times. "
            ));
            sentences.push(start..text.len() - 1);
        }
        let start = text.len();
        text.push_str(&"word ".repeat(SentenceWords::BLOCK + 10));
        sentences.push(start..text.len());
        let shared = SentenceWords::new(&text, &sentences);
        assert!(shared.blocks.len() > 2);
        for (k, range) in sentences.iter().enumerate() {
            assert_eq!(shared.get(k), words(&text, range.clone()).as_slice());
        }
        assert_eq!(shared.get(sentences.len()), &[]);
    }

    #[test]
    fn odd_input() {
        assert!(texts("").is_empty());
        assert!(texts("\"\"\"“‘’ ... !!").is_empty());
        assert_eq!(texts("😀 e\u{301}t 中文"), ["e\u{301}t", "中", "文"]);
    }
}
