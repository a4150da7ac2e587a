//! All-capitals lines ("RUSSIA BEATS POLAND IN WORLD CUP QUALIFIER"):
//! headlines and tables whose capitals say nothing about names. The tagger
//! knows it through a feature.

use std::ops::Range;

use super::super::gazetteer;
use super::tokens::Word;

/// Whether the sentence at `range` of `text` is written in capitals: at
/// least four cased letters, and at most one in ten of them lower case.
pub(crate) fn is_caps_line(text: &str, range: Range<usize>) -> bool {
    let Some(sentence) = text.get(range) else {
        return false;
    };
    let (mut upper, mut lower) = (0usize, 0usize);
    // Every sentence passes here: count ASCII letters by byte, decode the rest.
    for (i, byte) in sentence.bytes().enumerate() {
        // Settled once even all the bytes left as capitals could not outweigh
        // the lower-case letters already seen (most sentences, early on).
        if lower * 10 > upper + (sentence.len() - i) {
            return false;
        }
        match byte {
            b'A'..=b'Z' => upper += 1,
            b'a'..=b'z' => lower += 1,
            0..=0xBF => {}
            _ => match sentence.get(i..).and_then(|s| s.chars().next()) {
                Some(c) if c.is_uppercase() => upper += 1,
                Some(c) if c.is_lowercase() => lower += 1,
                _ => {}
            },
        }
    }
    upper >= 4 && lower * 10 <= upper
}

/// Whether `words` (a sentence's, with `capital[i]` telling whether word
/// `i` has a capital) are mostly capitalised: at least four start with a
/// letter, and four in five of those have a capital.
pub(crate) fn is_mostly_capitalised(words: &[Word<'_>], capital: &[bool]) -> bool {
    // Settled without decoding a letter for most sentences: a capital
    // needs four lower-case starts to outweigh.
    let capitals = capital.iter().filter(|c| **c).count();
    let lower = words
        .iter()
        .filter(|w| {
            w.text
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_lowercase)
        })
        .count();
    if capitals < 4 || capitals < 4 * lower {
        return false;
    }
    let (mut total, mut capitalised) = (0usize, 0usize);
    for (w, c) in words.iter().zip(capital) {
        if w.text.starts_with(char::is_alphabetic) {
            total += 1;
            capitalised += usize::from(*c);
        }
    }
    total >= 4 && capitalised * 5 >= total * 4
}

/// Which ways of writing a headline in title case
/// [`is_title_case_line`] knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TitleCase {
    /// Every word capitalised, or nearly ("Trump Says He Will Win In
    /// Ohio").
    Mostly,
    /// Those, and every word capitalised but the short words of grammar,
    /// as the AP and most US papers write headlines ("As Debt Rises, the
    /// Government Will Soon Spend More on Interest Than on the Military").
    MostlyOrAp,
}

/// Whether `words` (as for [`is_mostly_capitalised`]) make a headline in
/// title case, written in one of the ways of `styles`, with a capitalised
/// function word after the first word, which prose writes in lower case.
pub(crate) fn is_title_case_line(words: &[Word<'_>], capital: &[bool], styles: TitleCase) -> bool {
    is_headline_capitalised(words, capital, styles)
        && words
            .iter()
            .skip(1)
            .any(|w| gazetteer::is_title_case_tell(w.text))
}

/// Whether `words` are capitalised as a headline is, in one of the ways
/// of `styles`.
pub(crate) fn is_headline_capitalised(
    words: &[Word<'_>],
    capital: &[bool],
    styles: TitleCase,
) -> bool {
    match styles {
        TitleCase::Mostly => is_mostly_capitalised(words, capital),
        TitleCase::MostlyOrAp => {
            is_mostly_capitalised(words, capital) || capitalised_but_small_words(words, capital)
        }
    }
}

/// Whether every word of `words` that starts with a letter is capitalised
/// but function words in lower case ("the", "on"), and at least four are.
fn capitalised_but_small_words(words: &[Word<'_>], capital: &[bool]) -> bool {
    // Counted first, without a look-up: most prose sentences have fewer.
    if capital.iter().filter(|c| **c).count() < 4 {
        return false;
    }
    let mut capitalised = 0usize;
    for (w, c) in words.iter().zip(capital) {
        if *c {
            capitalised += 1;
        } else if w.text.starts_with(char::is_alphabetic)
            && !gazetteer::is_lower_case_function_word(w.text)
        {
            return false;
        }
    }
    capitalised >= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_lines_are_mostly_capitals() {
        let t = "RUSSIA BEATS POLAND IN WORLD CUP QUALIFIER";
        assert!(is_caps_line(t, 0..t.len()));
        let t = "Russia beat Poland in a World Cup qualifier";
        assert!(!is_caps_line(t, 0..t.len()));
        assert!(!is_caps_line("EU", 0..2), "too few letters");
    }

    fn title_case(text: &str) -> bool {
        let words = crate::analysis::entities::tokens::words(text, 0..text.len());
        let capital: Vec<bool> = words.iter().map(|w| w.is_capitalised()).collect();
        is_title_case_line(&words, &capital, TitleCase::MostlyOrAp)
    }

    #[test]
    fn title_case_lines_capitalise_the_small_words_of_grammar() {
        assert!(title_case("Trump Says He Will Win In Ohio"));
        assert!(title_case(
            "The Unlikely Friendship Of A Rancher And A Poet"
        ));
        // Prose, a list of names, and a headline in sentence case.
        assert!(!title_case("The manager of Kestrel Rovers said so."));
        assert!(!title_case("Orla Brandt, Jon Verrick, Amara Okonkwo"));
        assert!(!title_case("Triple triumph for Little Britain"));
        // The AP's style: the short words of grammar in lower case.
        assert!(title_case(
            "As Debt Rises, the Government Will Soon Spend More on Interest Than on the Military"
        ));
        assert!(title_case(
            "Manhole Fires and Burst Pipes: How Winter Wreaks Havoc on What Is Underneath"
        ));
        assert!(!title_case(
            "Barack Obama and Michelle Obama in the White House"
        ));
        // Not as the tagger's training data is read.
        let ap =
            "As Debt Rises, the Government Will Soon Spend More on Interest Than on the Military";
        let words = crate::analysis::entities::tokens::words(ap, 0..ap.len());
        let capital: Vec<bool> = words.iter().map(|w| w.is_capitalised()).collect();
        assert!(!is_title_case_line(&words, &capital, TitleCase::Mostly));
    }
}
