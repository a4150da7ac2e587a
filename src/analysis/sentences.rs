//! Sentence segmentation.
//!
//! Each paragraph is split on its own with the Unicode sentence boundaries of
//! UAX #29 (see `breaks`); splits that UAX #29 makes after an
//! abbreviation that does not end a sentence ("Mr.", "U.S.", "J.") are then
//! undone, and every sentence is trimmed of surrounding whitespace.

use std::ops::Range;

use super::{breaks, gazetteer};
use crate::document::Document;

/// Sentences of `doc` as byte ranges into [`Document::text`], end-exclusive,
/// in order, trimmed, never empty and never crossing a paragraph.
pub fn segment(doc: &Document) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    for paragraph in doc.paragraphs() {
        push_sentences(doc.text(), paragraph.clone(), &mut sentences);
    }
    sentences
}

/// The sentence of `doc` holding byte `byte`, or the first one after it
/// in the same paragraph (a byte range into [`Document::text`],
/// end-exclusive, as [`segment`] gives it); `None` when the paragraph
/// has none from there. Segments that paragraph only, so it is cheap
/// before the whole analysis is done.
pub fn sentence_at(doc: &Document, byte: usize) -> Option<Range<usize>> {
    let paragraphs = doc.paragraphs();
    let at = paragraphs.partition_point(|p| p.end <= byte);
    let paragraph = paragraphs.get(at)?.clone();
    segment_paragraph(doc.text(), paragraph)
        .into_iter()
        .find(|s| s.end > byte)
}

/// Sentences of the paragraph at `range` (bytes of `text`), as byte ranges
/// into `text`.
fn segment_paragraph(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    push_sentences(text, range, &mut sentences);
    sentences
}

/// Appends the sentences of the paragraph at `range` (bytes of `text`) to
/// `out`, as byte ranges into `text`.
fn push_sentences(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(paragraph) = text.get(range.clone()) else {
        return;
    };
    // The sentence being built, untrimmed: whether the next piece joins it
    // depends on how it ends.
    let mut open: Option<Range<usize>> = None;
    for piece in breaks::sentence_bounds(paragraph) {
        let piece = range.start + piece.start..range.start + piece.end;
        match open.as_mut() {
            Some(last)
                if !ends_sentence(
                    text.get(last.clone()).unwrap_or(""),
                    text.get(piece.clone()).unwrap_or(""),
                ) =>
            {
                last.end = piece.end;
            }
            _ => {
                out.extend(open.replace(piece).and_then(|r| trim(text, r)));
            }
        }
    }
    out.extend(open.and_then(|r| trim(text, r)));
}

/// Whether the sentence piece `before` really ends a sentence, given the piece
/// `after` that UAX #29 split off behind it.
fn ends_sentence(before: &str, after: &str) -> bool {
    let Some(abbreviation) = final_abbreviation(before) else {
        return true;
    };
    let next_word = after.split_whitespace().next().unwrap_or("");
    let next_char = next_word.chars().next();
    let continues_lowercase_or_number =
        next_char.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    if gazetteer::is_name_abbreviation(abbreviation) {
        return false;
    }
    if gazetteer::is_open_abbreviation(abbreviation) {
        return !continues_lowercase_or_number;
    }
    // Single initials ("J.") and dotted acronyms ("U.S.", "a.m.") end a
    // sentence only when a word that typically opens a sentence follows.
    let initial_or_acronym = abbreviation
        .split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    if initial_or_acronym {
        let word: String = next_word.chars().filter(|c| c.is_alphanumeric()).collect();
        return gazetteer::is_function_word(&word) && !continues_lowercase_or_number;
    }
    true
}

/// The abbreviation (without its final full stop) that `piece` ends with, if
/// its last word ends in a full stop: `"met Mr. "` → `"Mr"`, `"the U.S."` → `"U.S"`.
fn final_abbreviation(piece: &str) -> Option<&str> {
    let last_word = piece.split_whitespace().next_back()?;
    let last_word = last_word.trim_start_matches(['(', '[', '"', '\'', '“', '‘', '«']);
    let bare = last_word.strip_suffix('.')?;
    (!bare.is_empty() && !bare.ends_with('.')).then_some(bare)
}

/// `range` without surrounding whitespace, or `None` when nothing is left.
fn trim(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = text.get(range.clone())?;
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.end - (s.len() - s.trim_end().len());
    (start < end).then_some(start..end)
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_sentence_at_a_byte_is_found_in_its_paragraph_alone() {
        let doc = Document::from_bytes(
            b"Mr. Orlov left. He said so.\n\nA second one.".as_slice(),
            None,
        );
        assert_eq!(sentence_at(&doc, 0), Some(0..15));
        assert_eq!(sentence_at(&doc, 17), Some(16..27));
        // Between paragraphs: the next paragraph's first sentence.
        assert_eq!(sentence_at(&doc, 28), Some(29..42));
        assert_eq!(sentence_at(&doc, 100), None);
        assert_eq!(
            segment(&doc),
            [0..15, 16..27, 29..42],
            "the same ranges as the whole segmentation"
        );
    }
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let doc = Document::from_bytes(text.as_bytes(), None);
        segment(&doc)
            .into_iter()
            .map(|r| doc.slice(r).to_owned())
            .collect()
    }

    #[test]
    fn splits_plain_sentences_and_trims() {
        assert_eq!(
            sentences("The ferry left at noon.  It sank by dusk! Why?"),
            ["The ferry left at noon.", "It sank by dusk!", "Why?"]
        );
    }

    #[test]
    fn never_crosses_a_paragraph() {
        assert_eq!(
            sentences("A short line without a stop\nAnother one."),
            ["A short line without a stop", "Another one."]
        );
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Okafor met Dr. Lind and J. R. Hale in St. Ives. They ate."),
            [
                "Mr. Okafor met Dr. Lind and J. R. Hale in St. Ives.",
                "They ate."
            ]
        );
    }

    #[test]
    fn dotted_acronyms_end_a_sentence_only_before_a_sentence_opener() {
        assert_eq!(
            sentences("Troops left the U.S. Army base. They moved to the U.S. The move was quiet."),
            [
                "Troops left the U.S. Army base.",
                "They moved to the U.S.",
                "The move was quiet."
            ]
        );
    }

    #[test]
    fn etc_ends_a_sentence_unless_lowercase_follows() {
        assert_eq!(
            sentences("Pens, ink, etc. were sold. Apples, pears, etc. Then rain."),
            [
                "Pens, ink, etc. were sold.",
                "Apples, pears, etc.",
                "Then rain."
            ]
        );
    }

    #[test]
    fn months_and_e_g_do_not_end_sentences() {
        assert_eq!(
            sentences("It began on Jan. 5 with fruit, e.g. Figs and dates. Done."),
            [
                "It began on Jan. 5 with fruit, e.g. Figs and dates.",
                "Done."
            ]
        );
    }

    #[test]
    fn empty_and_odd_input() {
        assert!(sentences("").is_empty());
        assert!(sentences("   \n\n  ").is_empty());
        assert_eq!(sentences("..."), ["..."]);
        assert_eq!(sentences("😀 é\u{301}! 中文。"), ["😀 é\u{301}!", "中文。"]);
    }
}
