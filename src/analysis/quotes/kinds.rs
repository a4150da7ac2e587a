//! Telling speech from scare quotes.
//!
//! A quotation is *speech* when it reports someone's words and *scare* when
//! the marks set off a term, a title or a nickname (the so-called “peace
//! plan”, a "new balance", 'Super April'). The rules, in order:
//!
//! 1. a quotation that is unclosed or runs over paragraphs is speech;
//! 2. one right after a naming word (so-called, dubbed, called, termed,
//!    nicknamed, known as, …) and at most 8 words long is scare;
//! 3. one that ends with or contains sentence punctuation (`.`, `!`, `?`, a
//!    closing `,` before a reporting clause) is speech;
//! 4. one with a reporting clause attached, or after a colon, is speech;
//! 5. one of at most 4 words is scare, as is one of at most 6 words after an
//!    article or possessive ("a", "the", "their") or one written in title
//!    case (a headline or a name of a work);
//! 6. anything else is speech: a long phrase lifted from a statement
//!    ("discussing “ongoing diplomatic and deterrence efforts”") is the
//!    speaker's wording even when no clause names the speaker.

use super::super::{QuoteKind, gazetteer};
use super::attribution::Attribution;
use super::scanner::Found;

/// At most the 48 bytes of `text` right before byte `start`.
fn just_before(text: &str, start: usize) -> &str {
    let mut from = start.saturating_sub(48);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    text.get(from..start).unwrap_or("")
}

/// Up to two lower-case words right before byte `start` of `text`, nearest last.
fn words_before(text: &str, start: usize) -> Vec<String> {
    let before = just_before(text, start);
    let mut words: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(2)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '–')
                .to_lowercase()
        })
        .collect();
    words.reverse();
    words
}

/// Whether every word of `inner` longer than three characters starts with
/// a capital, and there is one: a headline or a name of a work.
fn title_case(inner: &str) -> bool {
    let mut long = inner
        .split_whitespace()
        .filter(|w| w.chars().nth(3).is_some())
        .peekable();
    long.peek().is_some() && long.all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// The kind of `found` in `text`, given its attribution.
pub(super) fn classify(text: &str, found: &Found, attribution: &Attribution) -> QuoteKind {
    if !found.closed || found.first_paragraph != found.last_paragraph {
        return QuoteKind::Speech;
    }
    let quoted = text.get(found.span.clone()).unwrap_or("");
    let mut inner = quoted.chars();
    inner.next();
    inner.next_back();
    let inner = inner.as_str().trim();
    // No rule looks at more than 12 words: a count of 13 stands for more.
    let words = inner.split_whitespace().take(13).count();
    let before = words_before(text, found.span.start);
    let last_before = before.last().map_or("", String::as_str);
    let known_as = before.iter().map(String::as_str).eq(["known", "as"]);
    if words <= 8 && (gazetteer::is_naming_word(last_before) || known_as) {
        return QuoteKind::Scare;
    }
    let sentence_punctuation = inner.ends_with(['.', '!', '?', ',', ';', ':', '…'])
        || [". ", "! ", "? "].iter().any(|p| inner.contains(p));
    if sentence_punctuation || attribution.clause {
        return QuoteKind::Speech;
    }
    if just_before(text, found.span.start)
        .trim_end()
        .ends_with(':')
    {
        return QuoteKind::Speech;
    }
    if words <= 4
        || (words <= 6 && gazetteer::is_determiner(last_before))
        || ((2..=12).contains(&words) && title_case(inner))
    {
        return QuoteKind::Scare;
    }
    QuoteKind::Speech
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`title_case`] as [`classify`] read it before, on all the words
    /// (at most 12) of a quotation.
    fn title_case_collected(inner: &str) -> bool {
        let words: Vec<&str> = inner.split_whitespace().collect();
        let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
        words.len() <= 12
            && !long.is_empty()
            && long
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    }

    proptest::proptest! {
        #[test]
        fn title_case_agrees_with_collecting_the_words(
            inner in "[ aAbÉé“.]{0,60}"
        ) {
            let words = inner.split_whitespace().take(13).count();
            proptest::prop_assert_eq!(
                words <= 12 && title_case(&inner),
                title_case_collected(&inner)
            );
        }
    }
}
