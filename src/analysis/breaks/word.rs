//! Word tokens: the UAX #29 word segments that hold a letter or digit.

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

use super::{Wc, classes_at, is_fast};

/// The word segments of `text` (UAX #29) that contain a letter or digit, as
/// `(byte offset into text, segment)`, in order. Punctuation, spaces and
/// symbols between them are left out.
pub(crate) fn word_tokens(text: &str) -> WordTokens<'_> {
    if is_fast(text) {
        WordTokens::Fast { text, at: 0 }
    } else {
        WordTokens::Slow(text.split_word_bound_indices())
    }
}

/// Iterator of [`word_tokens`].
pub(crate) enum WordTokens<'a> {
    /// Text the class tables cover, from byte `at` on.
    Fast { text: &'a str, at: usize },
    /// Anything else, through `unicode-segmentation`.
    Slow(UWordBoundIndices<'a>),
}

impl<'a> Iterator for WordTokens<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            WordTokens::Fast { text, at } => next_fast(text, at),
            WordTokens::Slow(segments) => {
                segments.find(|(_, s)| s.chars().any(char::is_alphanumeric))
            }
        }
    }
}

/// The character at byte `at` of `text` with its word class and length.
fn class_at(text: &str, at: usize) -> Option<(char, Wc, usize)> {
    classes_at(text, at).map(|(c, (wc, _), len)| (c, wc, len))
}

/// The next word token of fast-path `text` from byte `*at`, advancing `*at`.
fn next_fast<'a>(text: &'a str, at: &mut usize) -> Option<(usize, &'a str)> {
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(*at) {
        // The common cases first: a word starting with an ASCII letter or
        // digit, and ASCII spaces and punctuation, which are segments of
        // their own between words and hold no letter.
        if byte.is_ascii_alphanumeric() {
            let start = *at;
            let class = if byte.is_ascii_digit() {
                Wc::Numeric
            } else {
                Wc::Letter
            };
            *at = run_end(text, start + 1, class);
            return Some((start, text.get(start..*at)?));
        }
        if byte.is_ascii() && byte != b'_' {
            *at += 1;
            continue;
        }
        let (c, wc, len) = class_at(text, *at)?;
        let start = *at;
        *at += len;
        match wc {
            Wc::Letter | Wc::Numeric | Wc::ExtendNumLet => {
                *at = run_end(text, *at, wc);
                let token = text.get(start..*at)?;
                if token.chars().any(char::is_alphanumeric) {
                    return Some((start, token));
                }
            }
            // Other characters are segments of their own; some are digits
            // ("²") or letters outside the letter class.
            _ if c.is_alphanumeric() => return Some((start, text.get(start..*at)?)),
            _ => {}
        }
    }
    None
}

/// Where a word that reached byte `at` with a character of class `last`
/// ends (UAX #29 rules WB5–WB13b for the fast path's classes).
#[inline] // called for every word: the call costs as much as a short word
fn run_end(text: &str, mut at: usize, mut last: Wc) -> usize {
    let bytes = text.as_bytes();
    loop {
        // Most of a word is ASCII letters and digits, which join whatever
        // run `last` ends (WB5, WB8–WB10, WB13b): skip them a byte at a time.
        let run = bytes.get(at..).map_or(0, |rest| {
            rest.iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count()
        });
        if run > 0 {
            at += run;
            last = match bytes.get(at - 1) {
                Some(b) if b.is_ascii_digit() => Wc::Numeric,
                _ => Wc::Letter,
            };
        }
        let Some((_, next, len)) = class_at(text, at) else {
            break;
        };
        let joins = matches!(
            (last, next),
            (Wc::Letter | Wc::Numeric, Wc::Letter | Wc::Numeric)
                | (
                    Wc::Letter | Wc::Numeric | Wc::ExtendNumLet,
                    Wc::ExtendNumLet
                )
                | (Wc::ExtendNumLet, Wc::Letter | Wc::Numeric)
        );
        if joins {
            at += len;
            last = next;
            continue;
        }
        // "can't", "U.S", "3,000": a middle mark between two letters or two digits.
        let middle = match last {
            Wc::Letter => matches!(next, Wc::MidLetter | Wc::MidNumLet).then_some(Wc::Letter),
            Wc::Numeric => matches!(next, Wc::MidNum | Wc::MidNumLet).then_some(Wc::Numeric),
            _ => None,
        };
        // The character after the mark is looked at only after a mark:
        // most words end at a space.
        let Some(want) = middle else { break };
        match class_at(text, at + len) {
            Some((_, after, after_len)) if after == want => {
                at += len + after_len;
                last = after;
            }
            _ => break,
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices()
            .filter(|(_, s)| s.chars().any(char::is_alphanumeric))
            .collect()
    }

    #[test]
    fn words_of_news_text() {
        let text = "Macron’s “deal”: 3,000 U.S. troops — don't_go a:b ½ x.5";
        let found: Vec<&str> = word_tokens(text).map(|(_, s)| s).collect();
        assert_eq!(
            found,
            [
                "Macron’s",
                "deal",
                "3,000",
                "U.S",
                "troops",
                "don't_go",
                "a:b",
                "½",
                "x",
                "5"
            ]
        );
        assert_eq!(word_tokens(text).collect::<Vec<_>>(), reference(text));
    }

    proptest! {
        #[test]
        fn the_fast_path_agrees_with_unicode_segmentation(
            text in "[aZé3_ .,:;'’‘\"“”!?()\\-–·ª¸\t\n\r²ŁßÀ\u{2024}\u{202f}\u{2007}\u{2044}\u{a0}]{0,24}"
        ) {
            prop_assert_eq!(word_tokens(&text).collect::<Vec<_>>(), reference(&text));
        }
    }
}
