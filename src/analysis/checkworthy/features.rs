//! Features of one sentence for the check-worthiness model: its words and
//! word pairs (lower-cased, numbers folded to `NUM`/`YEAR`), and cue
//! signals that carry over from debates to news — numbers, percentages and
//! money, change verbs, comparisons, causal and predictive forms, named
//! entities, a quotation's speaker, hedges and opinion markers. Each feature
//! is a string hashed (FNV-1a, 32-bit) into the model's buckets.

use std::ops::Range;

use super::cues::{Cue, Lists, PAIR_START};
use crate::analysis::EntityKind;
use crate::analysis::entities::tokens;

/// What the scorer knows about one sentence.
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    /// The whole document text.
    pub text: &'a str,
    /// The sentence: byte range into `text`, end-exclusive.
    pub span: Range<usize>,
    /// Kinds of the named entity mentions inside the sentence.
    pub entities: Vec<EntityKind>,
    /// The speaker of a quotation the sentence is part of, when the text names one.
    pub speaker: Option<String>,
}

/// The cue signals found in a sentence, from which reasons and labels come.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signals {
    /// A numeral ("3,000", "5.2") or number word ("million").
    pub number: bool,
    /// A percentage ("%", "percent", "per cent").
    pub percent: bool,
    /// Money: a currency sign or a money word ("$", "£", "dollars", "budget").
    pub money: bool,
    /// A year (four digits from 1900 to 2099).
    pub year: bool,
    /// One bit per [`Cue`], in the order of [`Cue::ALL`].
    pub cues: u32,
    /// Whether a named entity is mentioned.
    pub entity: bool,
    /// The speaker of the quotation the sentence is in.
    pub speaker: Option<String>,
    /// Number of words.
    pub words: usize,
}

impl Signals {
    /// Whether the sentence has a `cue` word.
    pub fn has(&self, cue: Cue) -> bool {
        self.cues & cue.bit() != 0
    }

    /// Whether the sentence states a quantity: a number or a percentage
    /// (money words alone, "tax", "budget", are no quantity).
    pub fn quantity(&self) -> bool {
        self.number || self.percent
    }
}

/// FNV-1a over the bytes of `parts`, with a separator byte between parts,
/// so `("w", "ab")` and `("wa", "b")` differ. Stable across platforms and
/// releases: the shipped weights depend on it.
pub fn hash(parts: &[&str]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x0100_0193);
        }
        for b in part.bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h
}

/// The signals and hashed features (before bucketing) of `sentence`.
pub fn extract(sentence: &Sentence) -> (Signals, Vec<u32>) {
    extract_from(
        sentence,
        &tokens::words(sentence.text, sentence.span.clone()),
    )
}

/// [`extract`] with the sentence's words already cut.
pub(crate) fn extract_from(sentence: &Sentence, words: &[tokens::Word<'_>]) -> (Signals, Vec<u32>) {
    let lists = Lists::get();
    let raw = sentence.text.get(sentence.span.clone()).unwrap_or("");
    let mut signals = Signals {
        words: words.len(),
        entity: !sentence.entities.is_empty(),
        speaker: sentence.speaker.clone(),
        ..Signals::default()
    };
    let mut out = Vec::with_capacity(words.len() * 2 + 16);
    let mut previous = String::from("<s>");
    let mut folded = String::new();
    let mut pair = String::new();
    let mut previous_mask = 0;
    for word in words {
        fold(word.text, &mut folded);
        let mask = lists.mask(&folded);
        signals.cues |= mask & !PAIR_START;
        if previous_mask & PAIR_START != 0 {
            pair.clear();
            pair.push_str(&previous);
            pair.push('_');
            pair.push_str(&folded);
            signals.cues |= lists.mask(&pair) & !PAIR_START;
            if pair == "per_cent" {
                signals.percent = true;
            }
        }
        previous_mask = mask;
        match folded.as_str() {
            "NUM" => signals.number = true,
            "YEAR" => signals.year = true,
            "percent" => signals.percent = true,
            _ => {}
        }
        out.push(hash(&["w", &folded]));
        out.push(hash(&["b", &previous, &folded]));
        std::mem::swap(&mut previous, &mut folded);
    }
    signals.number |= signals.has(Cue::NumberWord);
    signals.percent |= raw.contains('%');
    signals.money |= raw.contains(['$', '£', '€']) || signals.has(Cue::Money);
    for (name, on) in named(&signals, sentence) {
        if on {
            out.push(hash(&["cue", name]));
        }
    }
    let length = match words.len() {
        0..5 => "len<5",
        5..10 => "len<10",
        10..20 => "len<20",
        20..30 => "len<30",
        _ => "len>=30",
    };
    out.push(hash(&["cue", length]));
    out.push(hash(&["bias"]));
    out.sort_unstable();
    out.dedup();
    (signals, out)
}

/// The words of a sentence that most raise its check-worthiness score by
/// themselves (their word feature's weight in `model`, largest first, only
/// positive ones; numbers and function words left out: a number's cue says
/// more, and "he" or "into" tells a reader nothing), at most `n`, as
/// written and each once: what the reader is shown when no cue explains a
/// suggestion.
pub(crate) fn telling_words<'w>(
    words: &[tokens::Word<'w>],
    model: &super::model::Model,
    n: usize,
) -> Vec<&'w str> {
    let mut folded = String::new();
    let mut weighed: Vec<(f32, &'w str, String)> = Vec::new();
    for word in words {
        fold(word.text, &mut folded);
        if matches!(folded.as_str(), "NUM" | "YEAR")
            || crate::analysis::gazetteer::is_lower_case_function_word(&folded)
            || weighed.iter().any(|(_, _, f)| *f == folded)
        {
            continue;
        }
        let weight = model.weight(hash(&["w", &folded]));
        if weight > 0.0 {
            weighed.push((weight, word.text, folded.clone()));
        }
    }
    weighed.sort_by(|a, b| b.0.total_cmp(&a.0));
    weighed
        .into_iter()
        .take(n)
        .map(|(_, text, _)| text)
        .collect()
}

/// The named cue features of a sentence and whether each is on; their
/// names are the keys the training program reports weights under
/// (`cue:NAME`).
pub fn named<'s>(signals: &Signals, sentence: &Sentence) -> Vec<(&'s str, bool)> {
    let quantity = signals.quantity();
    let first = signals.has(Cue::FirstPerson);
    let mut all = vec![
        ("number", signals.number),
        ("percent", signals.percent),
        ("money", signals.money),
        ("year", signals.year),
        ("entity", signals.entity),
        ("person", sentence.entities.contains(&EntityKind::Person)),
        ("place", sentence.entities.contains(&EntityKind::Place)),
        (
            "organisation",
            sentence.entities.contains(&EntityKind::Organisation),
        ),
        ("speaker", signals.speaker.is_some()),
        (
            "question",
            sentence_text(sentence).trim_end().ends_with('?'),
        ),
        ("number+change", quantity && signals.has(Cue::Change)),
        (
            "number+comparative",
            quantity && signals.has(Cue::Comparative),
        ),
        ("number+entity", quantity && signals.entity),
        ("number+year", signals.number && signals.year),
        ("first_person+hedge", first && signals.has(Cue::Hedge)),
        ("first_person+opinion", first && signals.has(Cue::Opinion)),
        (
            "first_person+predictive",
            first && signals.has(Cue::Predictive),
        ),
    ];
    for cue in Cue::ALL {
        all.push((cue.name(), signals.has(cue)));
    }
    all
}

fn sentence_text<'a>(sentence: &Sentence<'a>) -> &'a str {
    sentence.text.get(sentence.span.clone()).unwrap_or("")
}

/// Writes `word` as a feature into `out`: lower-case, `’` as `'`; a
/// numeral becomes `NUM`, a year `YEAR`.
fn fold(word: &str, out: &mut String) {
    out.clear();
    if word.bytes().any(|b| b.is_ascii_digit()) {
        let year = word.len() == 4
            && (word.starts_with("19") || word.starts_with("20"))
            && word.bytes().all(|b| b.is_ascii_digit());
        out.push_str(if year { "YEAR" } else { "NUM" });
    } else if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        for c in word.chars() {
            if c == '’' {
                out.push('\'');
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signals(text: &str) -> Signals {
        let sentence = Sentence {
            text,
            span: 0..text.len(),
            entities: Vec::new(),
            speaker: None,
        };
        extract(&sentence).0
    }

    #[test]
    fn a_statistic_has_a_number_a_percentage_and_a_change_verb() {
        let s = signals("Inflation rose to 5.2% in March 2022.");
        assert!(s.number && s.percent && s.year && s.has(Cue::Change));
        assert!(!s.money && !s.has(Cue::Predictive));
    }

    #[test]
    fn a_hedged_opinion_has_no_number() {
        let s = signals("I think it would be a wonderful thing.");
        assert!(s.has(Cue::Hedge) && s.has(Cue::Opinion) && s.has(Cue::Predictive));
        assert!(!s.number && s.has(Cue::FirstPerson));
    }

    #[test]
    fn two_word_cues_are_found() {
        let s = signals("Prices are up by a third due to the war, per cent or not.");
        assert!(s.has(Cue::Change) && s.has(Cue::Causal) && s.percent);
    }

    #[test]
    fn the_hash_separates_parts() {
        assert_ne!(hash(&["w", "ab"]), hash(&["wa", "b"]));
        assert_eq!(hash(&["w", "ab"]), hash(&["w", "ab"]));
    }
}
