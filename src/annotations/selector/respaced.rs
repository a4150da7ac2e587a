//! A re-anchoring step for spans too long for the fuzzy step: the span's
//! words, in order, with only the white space between them changed (a
//! re-wrapped paragraph, line endings turned from `\n` into `\r\n`).
//!
//! Linear in the article for each span: every place the span's first word
//! stands is tried (at most [`MAX_TRIES`]), each try stops at the first
//! char that differs, and the tries together read at most
//! [`READS_PER_BYTE`] times the article and the span.

use std::ops::Range;

/// Places tried: where the span's first word stands more often than this,
/// the step gives up (the span stays orphaned) rather than take long.
const MAX_TRIES: usize = 10_000;
/// Chars all tries may compare, per byte of the article and the span: a
/// span of one word repeated in a text of that word repeated would
/// otherwise be compared in full at every place.
const READS_PER_BYTE: usize = 8;

/// The byte range (end-exclusive) of the one place in `text` that holds
/// the words of `exact` with only white space changed: every run of white
/// space in `exact` is a run of one or more white-space chars there, and
/// every other char is the same. The range starts at the first word and
/// ends after the last (white space at `exact`'s ends is not looked for).
/// `None` when no place or several places fit, or `exact` has no word.
pub(super) fn find(text: &str, exact: &str) -> Option<Range<usize>> {
    let words = exact.trim();
    let first = words.split(char::is_whitespace).next()?;
    if first.is_empty() {
        return None;
    }
    let mut found = None;
    let mut budget = READS_PER_BYTE.saturating_mul(text.len().saturating_add(exact.len()));
    for (tries, (at, _)) in text.match_indices(first).enumerate() {
        if tries == MAX_TRIES {
            return None;
        }
        let end = text
            .get(at..)
            .and_then(|rest| match_length(rest, words, &mut budget));
        if budget == 0 {
            return None;
        }
        let Some(end) = end else {
            continue;
        };
        if found.is_some() {
            return None;
        }
        found = Some(at..at + end);
    }
    found
}

/// How many bytes of the start of `text` hold `words` (trimmed) with only
/// white space changed, if they do; each char of `words` compared takes
/// one from `budget`, and none is found once it is spent.
fn match_length(text: &str, words: &str, budget: &mut usize) -> Option<usize> {
    let mut have = text.char_indices().peekable();
    let mut want = words.chars().peekable();
    let mut end = 0;
    while let Some(w) = want.next() {
        *budget = budget.checked_sub(1)?;
        if w.is_whitespace() {
            while want.next_if(|c| c.is_whitespace()).is_some() {}
            // At least one white-space char here, then all of its run.
            have.next_if(|(_, c)| c.is_whitespace())?;
            while have.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            continue;
        }
        let (at, c) = have.next()?;
        if c != w {
            return None;
        }
        end = at + c.len_utf8();
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_words_across_changed_line_endings_and_wrapping() {
        let text = "Intro.\r\n\r\nOne two\r\nthree  four.\r\n\r\nEnd.";
        let span = find(text, "One two three\n\nfour.").unwrap();
        assert_eq!(text.get(span), Some("One two\r\nthree  four."));
    }

    #[test]
    fn white_space_must_stay_white_space_and_words_must_stay_words() {
        // Spaces added inside a word, or removed between two, are changes
        // of words: not this step's to find.
        assert_eq!(find("One tw o three", "One two three"), None);
        assert_eq!(find("One twothree", "One two three"), None);
        assert_eq!(find("One two three", "One  two\tthree"), Some(0..13));
    }

    #[test]
    fn two_places_that_fit_are_no_answer() {
        let text = "Say it: a b c. Again: a  b c.";
        assert_eq!(find(text, "a b c."), None);
        assert_eq!(find(text, "Again: a b c."), Some(15..29));
    }

    #[test]
    fn a_span_repeating_one_word_gives_up_within_its_budget() {
        // The span stands once, at byte 2; but 3,000 places start like it,
        // and telling that it stands only once would compare them in
        // full, about 3,000 × 6,000 chars. The step gives up: an orphan
        // the reader re-marks, not a hang.
        let text = format!("{}b", "a ".repeat(3_000));
        let span = format!("{}b", "a ".repeat(2_999));
        assert_eq!(find(&text, &span), None);
        // Found while the budget lasts.
        assert_eq!(find("x a b", "a  b"), Some(2..5));
    }

    #[test]
    fn a_span_of_white_space_alone_has_no_words_to_find() {
        assert_eq!(find("a b", "  \n"), None);
        assert_eq!(find("a b", ""), None);
    }
}
