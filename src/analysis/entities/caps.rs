//! All-capitals lines ("RUSSIA BEATS POLAND IN WORLD CUP QUALIFIER"):
//! headlines and tables whose capitals say nothing about names. The tagger
//! knows it through a feature.

use std::ops::Range;

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
}
