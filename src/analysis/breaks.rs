//! Word and sentence boundaries (Unicode UAX #29), fast for Latin text.
//!
//! Analysis cuts every sentence into words and every paragraph into
//! sentences, so this is its hottest code. Text whose characters all lie in
//! ASCII, Latin-1, Latin Extended-A/B or General Punctuation (news in English
//! and most European languages, with curly quotes and dashes) is segmented
//! here from small class tables that copy UAX #29's for those characters.
//! Anything else — other scripts, combining marks, emoji, format characters —
//! goes to `unicode-segmentation`, whose results the fast path reproduces
//! exactly (checked by property tests against it).

mod sentence;
mod word;

pub(crate) use sentence::sentence_bounds;
pub(crate) use word::word_tokens;

/// Whether every character of `text` has a word and sentence class that the
/// fast path knows (see the module doc).
fn is_fast(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(rest) = bytes.get(at..) {
        // Skip the ASCII stretch, then check the one character after it.
        let Some(skip) = ascii_prefix_len(rest) else {
            return true;
        };
        at += skip;
        match text.get(at..).and_then(|s| s.chars().next()) {
            Some(c) if fast_char(c).is_some() => at += c.len_utf8(),
            _ => return false,
        }
    }
    true
}

/// The length of the ASCII run that opens `bytes`, `None` when all of it
/// is ASCII. Blocks of 16 bytes are checked whole (`is_ascii` reads a word
/// at a time): the fast-path check reads every sentence, and news is
/// nearly all ASCII.
pub(super) fn ascii_prefix_len(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 16;
    let mut at = 0;
    while let Some(block) = bytes.get(at..at + BLOCK) {
        if !block.is_ascii() {
            break;
        }
        at += BLOCK;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    rest.iter().position(|b| !b.is_ascii()).map(|k| at + k)
}

/// The sentence class of `c` for the fast path, or `None` when only
/// `unicode-segmentation` knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sc {
    /// Space (not a line break).
    Sp,
    /// Line or paragraph separator: CR, LF, NEL, U+2028, U+2029.
    ParaSep,
    /// `.` and one-dot leader: may end a sentence or an abbreviation.
    ATerm,
    /// `!`, `?` and the like.
    STerm,
    /// Quotation marks and brackets.
    Close,
    /// Comma, hyphen, colon, semicolon, en and em dash.
    SContinue,
    Numeric,
    Upper,
    Lower,
    /// Anything else.
    Any,
}

/// The word class of a character for the fast path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wc {
    /// Letters (AHLetter).
    Letter,
    Numeric,
    /// `:`, `·`, U+2027.
    MidLetter,
    /// `.`, `'`, `‘`, `’`, U+2024: join letters or digits.
    MidNumLet,
    /// `,`, `;`, U+2044: join digits.
    MidNum,
    /// `_` and connector punctuation.
    ExtendNumLet,
    /// Space characters that stick together.
    Space,
    /// A line break: CR, LF, form feed, NEL, …
    Newline,
    /// CR, which keeps a following LF.
    Cr,
    Other,
}

/// Both classes of every ASCII character, by code.
static ASCII: [(Wc, Sc); 128] = {
    let mut table = [(Wc::Other, Sc::Any); 128];
    let mut code = 0;
    while code < 128 {
        table[code] = classify(code as u32);
        code += 1;
    }
    table
};

/// Both classes of `c`, or `None` outside the fast path's characters.
#[inline]
fn fast_char(c: char) -> Option<(Wc, Sc)> {
    match ASCII.get(c as usize) {
        Some(&classes) => Some(classes),
        None => non_ascii(c),
    }
}

/// The char at byte `at` of `text`, its word and sentence classes and its
/// length in bytes; `None` past the end or for a char the fast path does
/// not cover.
#[inline]
fn classes_at(text: &str, at: usize) -> Option<(char, (Wc, Sc), usize)> {
    let byte = *text.as_bytes().get(at)?;
    if let Some(&classes) = ASCII.get(usize::from(byte)) {
        return Some((char::from(byte), classes, 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, fast_char(c)?, c.len_utf8()))
}

/// [`fast_char`] for ASCII codes (at compile time).
const fn classify(code: u32) -> (Wc, Sc) {
    match code {
        0x0A => (Wc::Newline, Sc::ParaSep),
        0x0D => (Wc::Cr, Sc::ParaSep),
        0x0B | 0x0C => (Wc::Newline, Sc::Sp),
        0x09 => (Wc::Other, Sc::Sp),
        0x20 => (Wc::Space, Sc::Sp),
        0x21 | 0x3F => (Wc::Other, Sc::STerm),
        0x22 | 0x28 | 0x29 | 0x5B | 0x5D | 0x7B | 0x7D => (Wc::Other, Sc::Close),
        0x27 => (Wc::MidNumLet, Sc::Close),
        0x2C => (Wc::MidNum, Sc::SContinue),
        0x2D => (Wc::Other, Sc::SContinue),
        0x2E => (Wc::MidNumLet, Sc::ATerm),
        0x30..=0x39 => (Wc::Numeric, Sc::Numeric),
        0x3A => (Wc::MidLetter, Sc::SContinue),
        0x3B => (Wc::MidNum, Sc::SContinue),
        0x41..=0x5A => (Wc::Letter, Sc::Upper),
        0x61..=0x7A => (Wc::Letter, Sc::Lower),
        0x5F => (Wc::ExtendNumLet, Sc::Any),
        _ => (Wc::Other, Sc::Any),
    }
}

/// [`fast_char`] beyond ASCII.
fn non_ascii(c: char) -> Option<(Wc, Sc)> {
    let code = u32::from(c);
    Some(match code {
        0x85 => (Wc::Newline, Sc::ParaSep),
        0xA0 => (Wc::Other, Sc::Sp),
        0xAB | 0xBB => (Wc::Other, Sc::Close),
        // Soft hyphen is a format character: unicode-segmentation's business.
        0xAD => return None,
        0xB7 => (Wc::MidLetter, Sc::Any),
        0xB8 => (Wc::Letter, Sc::Any),
        0x80..=0x24F => {
            let word = if (code >= 0xC0 && code != 0xD7 && code != 0xF7)
                || matches!(code, 0xAA | 0xB5 | 0xBA)
            {
                Wc::Letter
            } else {
                Wc::Other
            };
            let sentence = if c.is_uppercase() {
                Sc::Upper
            } else if c.is_lowercase() {
                Sc::Lower
            } else if word == Wc::Letter {
                // Title-case digraphs and click letters: neither upper nor lower.
                return None;
            } else {
                Sc::Any
            };
            (word, sentence)
        }
        0x2000..=0x2006 | 0x2008..=0x200A | 0x205F => (Wc::Space, Sc::Sp),
        0x2007 => (Wc::Other, Sc::Sp),
        0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F => return None,
        0x2013 | 0x2014 => (Wc::Other, Sc::SContinue),
        0x2018 | 0x2019 => (Wc::MidNumLet, Sc::Close),
        0x201A..=0x201F | 0x2039 | 0x203A | 0x2045 | 0x2046 => (Wc::Other, Sc::Close),
        0x2024 => (Wc::MidNumLet, Sc::ATerm),
        0x2027 => (Wc::MidLetter, Sc::Any),
        0x2028 | 0x2029 => (Wc::Newline, Sc::ParaSep),
        0x202F => (Wc::ExtendNumLet, Sc::Sp),
        0x203C | 0x203D | 0x2047..=0x2049 => (Wc::Other, Sc::STerm),
        0x203F | 0x2040 | 0x2054 => (Wc::ExtendNumLet, Sc::Any),
        0x2044 => (Wc::MidNum, Sc::Any),
        0x2000..=0x206F => (Wc::Other, Sc::Any),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_punctuation_are_fast_other_scripts_are_not() {
        assert!(is_fast("Zelenśky’s “deal” — Łódź, São Paulo… 3,000!"));
        assert!(!is_fast("中文"));
        assert!(!is_fast("e\u{301}"));
        assert!(!is_fast("Bundes\u{AD}regierung"));
        assert!(!is_fast("\u{1C5}"));
    }

    #[test]
    fn the_ascii_prefix_ends_at_the_first_other_byte() {
        let long = "Kremlin spokesman Dmitry Peskov said on Monday";
        assert_eq!(ascii_prefix_len(long.as_bytes()), None);
        for cut in [0, 5, 15, 16, 17, 31, 32, 40] {
            let (head, tail) = long.split_at(cut);
            let text = format!("{head}’{tail}");
            assert_eq!(ascii_prefix_len(text.as_bytes()), Some(cut), "{text}");
        }
        assert_eq!(ascii_prefix_len(b""), None);
    }
}
