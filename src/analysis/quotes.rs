//! Quotation detection and speaker attribution.
//!
//! A scanner walks each paragraph with a stack of open quotation marks. It
//! knows straight `"` and `'`, curly “ ” ‘ ’, guillemets « » ‹ › and the low
//! mark „; straight marks open or close by which side touches a word, and a
//! single mark between two letters (or before a year's digits, or in “’n’”)
//! is an apostrophe. Only outermost quotations are reported; marks nested
//! inside one only keep the stack honest. A double quotation left open at the
//! end of its paragraph continues when the next paragraph opens with a mark
//! of the same family (news style closes only the last paragraph), and
//! otherwise ends with its paragraph; an unclosed single mark is taken for an
//! apostrophe and dropped.
//!
//! The speaker is read from the words next to the quotation in the same
//! sentence: `,” Macron explained`, `,” said Macron`, `,” he said` after it;
//! `Macron said: “…”`, `according to Macron, “…”` before it. A pronoun stands
//! for the nearest person mentioned before the quotation in the same or the
//! previous paragraph. A quotation with no reporting clause of its own
//! keeps the speaker of the quotation before it in the same paragraph.

use std::ops::Range;

use super::entities::tokens::{self, Word};
use super::{Entity, EntityKind, Quotation, gazetteer};
use crate::document::Document;

/// Quotations of `doc`, sorted by start. Each span is a byte range into
/// [`Document::text`], end-exclusive, from the opening mark through the
/// closing mark (or to the end of the paragraph where an unclosed quotation
/// stops). `speaker` indexes `entities` and always names a person.
pub fn find(doc: &Document, entities: &[Entity]) -> Vec<Quotation> {
    let text = doc.text();
    let paragraphs = doc.paragraphs();
    let people = PersonMentions::new(entities);
    let mut found: Vec<(Quotation, bool)> = scan(text, paragraphs)
        .into_iter()
        .map(|found| {
            let (speaker, has_clause) = attribute(text, paragraphs, &found, &people);
            let quotation = Quotation {
                speaker,
                span: found.span,
            };
            (quotation, has_clause)
        })
        .collect();
    found.sort_by_key(|(q, _)| (q.span.start, q.span.end));
    inherit_speakers(doc, &mut found, &people);
    found.into_iter().map(|(q, _)| q).collect()
}

/// Gives an unattributed quotation the speaker of the quotation before it
/// when both share a paragraph, no reporting clause follows it and no other
/// person is named between them (`“One,” Lopez said. “Two.”`). Each item
/// pairs a quotation with whether a reporting clause was found for it.
fn inherit_speakers(doc: &Document, quotations: &mut [(Quotation, bool)], people: &PersonMentions) {
    let paragraph_of = |byte: usize| doc.paragraphs().partition_point(|p| p.end < byte);
    let mut previous: Option<(usize, Option<usize>, usize)> = None;
    for (q, has_clause) in quotations.iter_mut() {
        let paragraph = paragraph_of(q.span.start);
        if q.speaker.is_none()
            && !*has_clause
            && let Some((end, Some(speaker), p)) = previous
            && p == paragraph
            && people
                .nearest_before(q.span.start, end)
                .is_none_or(|other| other == speaker)
        {
            q.speaker = Some(speaker);
        }
        previous = Some((q.span.end, q.speaker, paragraph_of(q.span.end)));
    }
}

/// The two families of quotation marks; a mark only closes its own family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

/// What a mark can do, before its context is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `"` or `'`: opens or closes depending on its neighbours.
    Straight,
    /// “ (opens, but closes a quotation opened with „), ‘, «, ‹, „.
    Opening,
    /// ” ’ » ›.
    Closing,
}

/// The family and shape of `c`, if it is a quotation mark.
fn mark(c: char) -> Option<(Family, Shape)> {
    Some(match c {
        '"' => (Family::Double, Shape::Straight),
        '\'' => (Family::Single, Shape::Straight),
        '“' | '„' | '«' => (Family::Double, Shape::Opening),
        '”' | '»' => (Family::Double, Shape::Closing),
        '‘' | '‹' => (Family::Single, Shape::Opening),
        '’' | '›' => (Family::Single, Shape::Closing),
        _ => return None,
    })
}

/// An opening mark waiting for its closing mark.
#[derive(Debug, Clone, Copy)]
struct Open {
    /// Byte offset of the opening mark (of the first paragraph, for a
    /// quotation continued across paragraphs).
    start: usize,
    family: Family,
    /// The opening character itself ("„" is closed by "“").
    ch: char,
}

/// One quotation as the scanner found it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    span: Range<usize>,
    /// Whether the span ends with a closing mark.
    closed: bool,
    /// Index of the paragraph holding the opening mark.
    first_paragraph: usize,
    /// Index of the paragraph holding the end of the span.
    last_paragraph: usize,
}

/// Whether `c` may sit right before an opening mark without being part of a word.
fn opens_after(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
        || mark(c).is_some()
}

/// Whether `c` may sit right after a closing mark.
fn closes_before(c: char) -> bool {
    c.is_whitespace() || (!c.is_alphanumeric() && c != '_')
}

/// Whether the single mark at `i` of `chars` is an apostrophe: between two
/// letters or digits ("It’s", "USSR’s"), before the digits of a year ("’90s"),
/// or one of the two marks of "’n’".
fn is_apostrophe(chars: &[(usize, char)], i: usize) -> bool {
    let at = |k: Option<usize>| k.and_then(|k| chars.get(k)).map(|&(_, c)| c);
    let prev = at(i.checked_sub(1));
    let next = at(i.checked_add(1));
    let is_mark = |c: Option<char>| matches!(c, Some('\'' | '’' | '‘'));
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    if word(prev) && word(next) {
        return true;
    }
    let starts_word = prev.is_none_or(char::is_whitespace);
    if starts_word && next.is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    // "rock ’n’ roll": the first mark before "n’", the second after "’n".
    let first_of_n = starts_word && next == Some('n') && is_mark(at(i.checked_add(2)));
    let second_of_n =
        prev == Some('n') && is_mark(at(i.checked_sub(2))) && next.is_none_or(char::is_whitespace);
    first_of_n || second_of_n
}

/// What one mark does in its context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Open,
    Close,
    /// A straight double mark that opens while another is still open: the
    /// open one is taken to end where this one starts.
    Restart,
    Ignore,
}

/// Decides what the mark at `i` of `chars` does given the open `stack`.
fn action(chars: &[(usize, char)], i: usize, stack: &[Open]) -> Action {
    let Some(&(_, c)) = chars.get(i) else {
        return Action::Ignore;
    };
    let Some((family, shape)) = mark(c) else {
        return Action::Ignore;
    };
    let prev = i.checked_sub(1).and_then(|k| chars.get(k)).map(|&(_, c)| c);
    let next = chars.get(i + 1).map(|&(_, c)| c);
    let left_flanking = next.is_some_and(|n| !n.is_whitespace()) && prev.is_none_or(opens_after);
    let right_flanking = prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(closes_before);
    let family_open = stack.iter().any(|o| o.family == family);
    if family == Family::Single && is_apostrophe(chars, i) {
        return Action::Ignore;
    }
    match shape {
        Shape::Opening => {
            let closes_low_mark = c == '“' && stack.last().is_some_and(|o| o.ch == '„');
            if closes_low_mark || (family_open && right_flanking && !left_flanking) {
                Action::Close
            } else {
                Action::Open
            }
        }
        Shape::Closing => {
            if family_open {
                Action::Close
            } else {
                Action::Ignore
            }
        }
        Shape::Straight => match (family_open, left_flanking, right_flanking) {
            (true, true, false) if family == Family::Double => Action::Restart,
            (true, true, false) => Action::Open,
            (true, _, _) => Action::Close,
            (false, true, _) => Action::Open,
            (false, false, _) => Action::Ignore,
        },
    }
}

/// Open marks deeper than this are ignored: no real text nests so deep, and
/// the bound keeps every stack operation cheap on junk input.
const MAX_DEPTH: usize = 16;

/// Scans every paragraph for quotations, outermost only.
fn scan(text: &str, paragraphs: &[Range<usize>]) -> Vec<Found> {
    let mut found = Vec::new();
    // An unclosed double quotation from the previous paragraph, with the end
    // of that paragraph and the index of its first paragraph.
    let mut carried: Option<(Open, usize, usize)> = None;
    for (p, paragraph) in paragraphs.iter().enumerate() {
        let Some(body) = text.get(paragraph.clone()) else {
            continue;
        };
        let chars: Vec<(usize, char)> = body
            .char_indices()
            .map(|(i, c)| (paragraph.start + i, c))
            .collect();
        let mut stack: Vec<Open> = Vec::new();
        let mut first_paragraph = p;
        let mut skip_first = false;
        if let Some((open, end, first)) = carried.take() {
            let continues = chars
                .first()
                .and_then(|&(_, c)| mark(c))
                .is_some_and(|(family, shape)| family == open.family && shape != Shape::Closing);
            if continues {
                stack.push(open);
                first_paragraph = first;
                skip_first = true;
            } else {
                found.push(Found {
                    span: open.start..end,
                    closed: false,
                    first_paragraph: first,
                    last_paragraph: p.saturating_sub(1),
                });
            }
        }
        for (i, &(at, c)) in chars.iter().enumerate() {
            let Some((family, _)) = mark(c) else {
                continue;
            };
            if skip_first && i == 0 {
                continue;
            }
            match action(&chars, i, &stack) {
                Action::Ignore => {}
                Action::Open if stack.len() >= MAX_DEPTH => {}
                Action::Open => stack.push(Open {
                    start: at,
                    family,
                    ch: c,
                }),
                Action::Restart => {
                    if let Some(k) = stack.iter().position(|o| o.family == family) {
                        if k == 0 {
                            let end = trim_end(text, at);
                            found.push(Found {
                                span: stack.first().map_or(at, |o| o.start)..end,
                                closed: false,
                                first_paragraph,
                                last_paragraph: p,
                            });
                            first_paragraph = p;
                        }
                        stack.truncate(k);
                    }
                    stack.push(Open {
                        start: at,
                        family,
                        ch: c,
                    });
                }
                Action::Close => {
                    if let Some(k) = stack.iter().rposition(|o| o.family == family) {
                        if k == 0
                            && let Some(open) = stack.first()
                        {
                            found.push(Found {
                                span: open.start..at + c.len_utf8(),
                                closed: true,
                                first_paragraph,
                                last_paragraph: p,
                            });
                            first_paragraph = p;
                        }
                        stack.truncate(k);
                    }
                }
            }
        }
        if let Some(open) = stack.iter().find(|o| o.family == Family::Double) {
            carried = Some((*open, paragraph.end, first_paragraph));
        }
    }
    if let Some((open, end, first)) = carried {
        found.push(Found {
            span: open.start..end,
            closed: false,
            first_paragraph: first,
            last_paragraph: paragraphs.len().saturating_sub(1),
        });
    }
    found
}

/// `at`, moved back over whitespace.
fn trim_end(text: &str, at: usize) -> usize {
    let before = text.get(..at).unwrap_or("");
    before.trim_end().len()
}

/// Person mentions, sorted by start, for attribution.
struct PersonMentions {
    mentions: Vec<(Range<usize>, usize)>,
}

impl PersonMentions {
    fn new(entities: &[Entity]) -> Self {
        let mut mentions: Vec<(Range<usize>, usize)> = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Person)
            .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.clone(), i)))
            .collect();
        mentions.sort_by_key(|(r, _)| r.start);
        Self { mentions }
    }

    /// The person mention that starts exactly at byte `start`.
    fn starting_at(&self, start: usize) -> Option<&(Range<usize>, usize)> {
        let k = self.mentions.partition_point(|(r, _)| r.start < start);
        self.mentions.get(k).filter(|(r, _)| r.start == start)
    }

    /// The person mention that ends exactly at byte `end`. (Mentions never
    /// overlap, so sorted by start they are sorted by end too.)
    fn ending_at(&self, end: usize) -> Option<&(Range<usize>, usize)> {
        let k = self.mentions.partition_point(|(r, _)| r.end < end);
        self.mentions.get(k).filter(|(r, _)| r.end == end)
    }

    /// The last person mention ending at or before byte `before` and starting
    /// at or after byte `from`.
    fn nearest_before(&self, before: usize, from: usize) -> Option<usize> {
        let k = self.mentions.partition_point(|(r, _)| r.end <= before);
        self.mentions
            .get(k.checked_sub(1)?)
            .filter(|(r, _)| r.start >= from)
            .map(|(_, i)| *i)
    }
}

/// How far (bytes) attribution looks before the opening and after the
/// closing mark; a reporting clause is a handful of words.
const WINDOW: usize = 160;

/// `at`, moved back to the nearest char boundary of `text`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `at`, moved forward to the nearest char boundary of `text` (at most its length).
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Words that may sit between a speaker and the reporting verb ("he later said").
fn is_helper(word: &str) -> bool {
    matches!(
        word,
        "has" | "had" | "have" | "also" | "then" | "later" | "earlier" | "once" | "again"
    ) || (word.len() > 3 && word.ends_with("ly"))
}

/// The speaker of `found`, an index into the entities behind `people`, and
/// whether a reporting clause was found at all (one may name no person:
/// `,” the Kremlin said`).
fn attribute(
    text: &str,
    paragraphs: &[Range<usize>],
    found: &Found,
    people: &PersonMentions,
) -> (Option<usize>, bool) {
    let from = paragraphs
        .get(found.first_paragraph.saturating_sub(1))
        .map_or(0, |p| p.start);
    let pronoun = |before: usize| people.nearest_before(before, from);
    if found.closed
        && let Some(last) = paragraphs.get(found.last_paragraph)
    {
        let window = found.span.end..ceil_boundary(text, last.end.min(found.span.end + WINDOW));
        let after = tokens::words(text, window);
        if let Some(speaker) = after_quotation(text, found, &after, people, &pronoun) {
            return (speaker, true);
        }
    }
    let Some(first) = paragraphs.get(found.first_paragraph) else {
        return (None, false);
    };
    let window_start =
        floor_boundary(text, found.span.start.saturating_sub(WINDOW)).max(first.start);
    let before = tokens::words(text, window_start..found.span.start);
    let speaker = before_quotation(text, found, &before, people, &pronoun);
    (speaker, speaker.is_some())
}

/// Attribution from the words right after the closing mark. `Some(None)`
/// when a reporting clause is there but names no known person; `None` when
/// there is no reporting clause.
fn after_quotation(
    text: &str,
    found: &Found,
    words: &[Word<'_>],
    people: &PersonMentions,
    pronoun: &dyn Fn(usize) -> Option<usize>,
) -> Option<Option<usize>> {
    let first = words.first()?;
    let between = text.get(found.span.end..first.span.start)?;
    if !between.chars().all(char::is_whitespace) {
        return None;
    }
    let last_inside = text
        .get(found.span.start..found.span.end)?
        .chars()
        .rev()
        .nth(1);
    if last_inside == Some('.') && first.is_capitalised() {
        return None;
    }
    let text_at = |k: usize| words.get(k).map_or("", |w| w.text);
    let verb_at = |k: usize| {
        gazetteer::is_reporting_verb(text_at(k))
            || (is_helper(text_at(k)) && gazetteer::is_reporting_verb(text_at(k + 1)))
    };
    // ", he said"
    if gazetteer::is_speaker_pronoun(first.text) && verb_at(1) {
        return Some(pronoun(found.span.start));
    }
    // ", said Macron" / ", said President Macron" / ", said he"
    if gazetteer::is_reporting_verb(first.text) && !first.is_capitalised() {
        let mut k = 1;
        while words.get(k).is_some_and(|w| gazetteer::is_title(w.text)) {
            k += 1;
        }
        let w = words.get(k)?;
        if gazetteer::is_speaker_pronoun(w.text) {
            return Some(pronoun(found.span.start));
        }
        return Some(people.starting_at(w.span.start).map(|(_, i)| *i));
    }
    // ", Macron explained" / ", President Macron said"
    let mut k = 0;
    while words.get(k).is_some_and(|w| gazetteer::is_title(w.text)) {
        k += 1;
    }
    let w = words.get(k)?;
    let Some((mention, speaker)) = people.starting_at(w.span.start) else {
        // ", the Kremlin said": a reporting clause that names no person.
        let verb = (0..CLAUSE_WORDS).find(|&k| gazetteer::is_reporting_verb(text_at(k)))?;
        let clause_end = words.get(verb).map_or(found.span.end, |w| w.span.start);
        let clause = text.get(found.span.end..clause_end)?;
        return (!clause.contains(['.', '!', '?', ';', ':'])).then_some(None);
    };
    let next = words.iter().position(|w| w.span.start >= mention.end)?;
    verb_at(next).then_some(Some(*speaker))
}

/// How many words after a quotation a reporting verb may come and still
/// belong to its reporting clause (", the foreign ministry said").
const CLAUSE_WORDS: usize = 5;

/// Attribution from the words right before the opening mark.
fn before_quotation(
    text: &str,
    found: &Found,
    words: &[Word<'_>],
    people: &PersonMentions,
    pronoun: &dyn Fn(usize) -> Option<usize>,
) -> Option<usize> {
    let last = words.last()?;
    let between = text.get(last.span.end..found.span.start)?;
    if between.contains(['.', '!', '?', ';', '"', '“', '”']) {
        return None;
    }
    let n = words.len();
    let text_at = |k: usize| words.get(k).map_or("", |w| w.text);
    // "according to Macron, “…”"
    if let Some((mention, speaker)) = people.ending_at(last.span.end) {
        let start = words.iter().position(|w| w.span.start == mention.start)?;
        if start >= 2
            && text_at(start - 1) == "to"
            && text_at(start - 2).eq_ignore_ascii_case("according")
        {
            return Some(*speaker);
        }
    }
    // "Macron said: “…”", "Macron said that “…”", "Macron told reporters: “…”"
    let lookback = if between.contains(':') { 4 } else { 2 };
    let verb = (n.saturating_sub(lookback)..n)
        .rev()
        .find(|&k| gazetteer::is_reporting_verb(text_at(k)))?;
    let tail_ok = (verb + 1..n).all(|k| between.contains(':') || text_at(k) == "that");
    if !tail_ok {
        return None;
    }
    let mut subject = verb.checked_sub(1)?;
    if is_helper(text_at(subject)) {
        subject = subject.checked_sub(1)?;
    }
    let word = words.get(subject)?;
    if gazetteer::is_speaker_pronoun(word.text) {
        return pronoun(word.span.start);
    }
    people.ending_at(word.span.end).map(|(_, i)| *i)
}

#[cfg(test)]
mod tests {
    use super::super::{Progress, analyse};
    use super::*;

    /// Quotation texts and speaker names of `text`.
    fn quotes(text: &str) -> Vec<(String, Option<String>)> {
        let doc = Document::from_bytes(text.as_bytes(), None);
        let analysis = analyse(&doc, &Progress::default());
        analysis
            .quotations
            .iter()
            .map(|q| {
                let speaker = q
                    .speaker
                    .and_then(|i| analysis.entities.get(i))
                    .map(|e| e.name.clone());
                (doc.slice(q.span.clone()).to_owned(), speaker)
            })
            .collect()
    }

    fn spans(text: &str) -> Vec<String> {
        quotes(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn apostrophes_are_not_quotation_marks() {
        assert_eq!(
            spans("America's teachers’ union said It’s the ’90s and rock ’n’ roll's back."),
            Vec::<String>::new()
        );
        assert_eq!(
            spans("She called it 'a farce' and the teachers' pay ‘a scandal’."),
            ["'a farce'", "‘a scandal’"]
        );
    }

    #[test]
    fn nested_quotations_report_the_outermost() {
        assert_eq!(
            spans("He wrote: “They told me ‘never again’ twice,” then left. «Oui» „Ja“"),
            ["“They told me ‘never again’ twice,”", "«Oui»", "„Ja“"]
        );
    }

    #[test]
    fn a_quotation_continues_into_a_paragraph_opening_with_the_same_mark() {
        let text =
            "Nadia Brandt said: “We came early.\n“We stayed late,” she added.\nAfter that, quiet.";
        assert_eq!(
            quotes(text),
            [(
                "“We came early.\n“We stayed late,”".to_owned(),
                Some("Nadia Brandt".to_owned())
            )]
        );
    }

    #[test]
    fn an_unclosed_quotation_ends_with_its_paragraph() {
        assert_eq!(
            spans("He said \"this never ends\nNext paragraph \"is fine\" here."),
            ["\"this never ends", "\"is fine\""]
        );
    }

    #[test]
    fn speakers_after_and_before_the_quotation() {
        let text = "Senator Maria Lopez met Carl Weber.\n\
                    “We agree,” Lopez explained. “Maybe,” said Weber. \
                    Weber said: “No.” “Fine,” he replied. “Who knows,” the Kremlin said.";
        assert_eq!(
            quotes(text),
            [
                ("“We agree,”".to_owned(), Some("Maria Lopez".to_owned())),
                ("“Maybe,”".to_owned(), Some("Carl Weber".to_owned())),
                ("“No.”".to_owned(), Some("Carl Weber".to_owned())),
                ("“Fine,”".to_owned(), Some("Carl Weber".to_owned())),
                ("“Who knows,”".to_owned(), None),
            ]
        );
    }

    #[test]
    fn a_following_quotation_in_the_paragraph_keeps_the_speaker() {
        let text = "“One,” Maria Lopez said. “Two.” Then Carl Weber arrived. “Three.”";
        assert_eq!(
            quotes(text),
            [
                ("“One,”".to_owned(), Some("Maria Lopez".to_owned())),
                ("“Two.”".to_owned(), Some("Maria Lopez".to_owned())),
                ("“Three.”".to_owned(), None),
            ]
        );
    }

    #[test]
    fn a_pronoun_needs_a_person_in_reach() {
        let text = "Zara Quill spoke.\nThe weather turned.\n“Rain,” he said.";
        assert_eq!(quotes(text), [("“Rain,”".to_owned(), None)]);
    }
}
