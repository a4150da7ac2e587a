//! Sentence boundaries (UAX #29), before folio's abbreviation repairs.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::{ASCII, Sc, classes_at, is_fast};

/// The UAX #29 sentence segments of `text` as byte ranges into it,
/// end-exclusive, in order, covering all of it (whitespace included).
pub(crate) fn sentence_bounds(text: &str) -> Vec<Range<usize>> {
    if is_fast(text) {
        return fast(text);
    }
    text.split_sentence_bound_indices()
        .map(|(start, s)| start..start + s.len())
        .collect()
}

/// The character at byte `at` of `text` with its sentence class and length.
fn class_at(text: &str, at: usize) -> Option<(char, Sc, usize)> {
    classes_at(text, at).map(|(c, (_, sc), len)| (c, sc, len))
}

/// Byte offset just past a paragraph separator of length `len` at `at`
/// (a CR takes the LF after it).
fn past_separator(text: &str, c: char, at: usize, len: usize) -> usize {
    let end = at + len;
    if c == '\r' && text.as_bytes().get(end) == Some(&b'\n') {
        end + 1
    } else {
        end
    }
}

/// Sentence segments of fast-path `text` (rules SB3–SB11).
fn fast(text: &str) -> Vec<Range<usize>> {
    let mut bounds = Vec::new();
    let mut start = 0;
    let mut at = 0;
    let mut before: Option<Sc> = None;
    while let Some((c, sc, len)) = class_at(text, at) {
        match sc {
            Sc::ParaSep => {
                let end = past_separator(text, c, at, len);
                bounds.push(start..end);
                (start, at, before) = (end, end, Some(sc));
            }
            Sc::ATerm | Sc::STerm => {
                let next = class_at(text, at + len).map(|(_, n, _)| n);
                let letter_before = matches!(before, Some(Sc::Upper | Sc::Lower));
                // "3.5" and "U.S": no break inside.
                if sc == Sc::ATerm
                    && (next == Some(Sc::Numeric) || (letter_before && next == Some(Sc::Upper)))
                {
                    (at, before) = (at + len, Some(sc));
                    continue;
                }
                match after_terminator(text, at + len, sc) {
                    Some(k) => (at, before) = (k.0, Some(k.1)),
                    None => break,
                }
                if let Some(end) = take_break(text, at, sc, &mut bounds, start) {
                    (start, at) = (end, end);
                }
            }
            _ => {
                // What comes before the next terminator or separator only
                // gives the class before it: skip the plain ASCII between.
                let after = at + len;
                let plain = plain_ascii_run(text.as_bytes().get(after..).unwrap_or_default());
                at = after + plain;
                if plain > 0 {
                    let last = text.as_bytes().get(at - 1).copied().unwrap_or_default();
                    before = ASCII.get(usize::from(last)).map(|&(_, sc)| sc);
                } else {
                    before = Some(sc);
                }
            }
        }
    }
    if start < text.len() {
        bounds.push(start..text.len());
    }
    bounds
}

/// Whether the sentence loop must look at a byte's character: a
/// terminator, a paragraph separator or any byte of a non-ASCII character.
static STOPS: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = byte >= 0x80 || matches!(byte as u8, b'.' | b'!' | b'?' | b'\n' | b'\r');
        byte += 1;
    }
    table
};

/// The number of bytes that open `bytes` before the first one the sentence
/// loop must look at (see [`STOPS`]).
fn plain_ascii_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| STOPS.get(usize::from(b)).copied().unwrap_or(true))
        .unwrap_or(bytes.len())
}

/// After a terminator ending at `at`: the offset past its closing marks and
/// spaces, with the class of the last character passed, or `None` at the end
/// of the text.
fn after_terminator(text: &str, mut at: usize, term: Sc) -> Option<(usize, Sc)> {
    let mut last = term;
    for wanted in [Sc::Close, Sc::Sp] {
        while let Some((_, sc, len)) = class_at(text, at).filter(|(_, sc, _)| *sc == wanted) {
            at += len;
            last = sc;
        }
    }
    class_at(text, at).map(|_| (at, last))
}

/// Decides the break after a terminator of class `term` whose closing marks
/// and spaces end at `at`; records the sentence from `start` and returns where
/// the next one starts, or `None` when the sentence goes on.
fn take_break(
    text: &str,
    at: usize,
    term: Sc,
    bounds: &mut Vec<Range<usize>>,
    start: usize,
) -> Option<usize> {
    let (c, next, len) = class_at(text, at)?;
    let end = match next {
        Sc::ParaSep => past_separator(text, c, at, len),
        // "etc. were": a lower-case word after the full stop goes on.
        _ if term == Sc::ATerm && lower_case_follows(text, at) => return None,
        Sc::SContinue | Sc::ATerm | Sc::STerm => return None,
        _ => at,
    };
    bounds.push(start..end);
    Some(end)
}

/// Whether, from byte `at`, the first letter, separator or terminator is a
/// lower-case letter (rule SB8).
fn lower_case_follows(text: &str, mut at: usize) -> bool {
    while let Some((_, sc, len)) = class_at(text, at) {
        match sc {
            Sc::Lower => return true,
            Sc::Upper | Sc::ParaSep | Sc::ATerm | Sc::STerm => return false,
            _ => at += len,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(text: &str) -> Vec<Range<usize>> {
        text.split_sentence_bound_indices()
            .map(|(start, s)| start..start + s.len())
            .collect()
    }

    #[test]
    fn sentences_of_news_text() {
        let text = "He left the U.S. Army. “Why?” she asked… etc. were 3.5 (ok). \r\nNext";
        let found: Vec<&str> = sentence_bounds(text)
            .into_iter()
            .filter_map(|r| text.get(r))
            .collect();
        assert_eq!(
            found,
            [
                "He left the U.S. ",
                "Army. ",
                "“Why?” ",
                "she asked… etc. were 3.5 (ok). \r\n",
                "Next"
            ]
        );
        assert_eq!(sentence_bounds(text), reference(text));
    }

    proptest! {
        #[test]
        fn the_fast_path_agrees_with_unicode_segmentation(
            text in "[aZé3 .,:;'’\"“”!?()\\-–\t\n\r\u{85}\u{2024}\u{a0}ß]{0,24}"
        ) {
            prop_assert_eq!(sentence_bounds(&text), reference(&text));
        }
    }
}
