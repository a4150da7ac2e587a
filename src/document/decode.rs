//! Turning the bytes of a file into text: UTF-8 when it is UTF-8, a legacy
//! encoding (Windows-1252, …) when the bytes say so, never a failure.
//!
//! The rule: valid UTF-8 is taken as is (a byte-order mark stays in the text
//! as U+FEFF, so char offsets match the file's; it is never drawn). Input
//! with valid multi-byte UTF-8 sequences, at least as many as invalid
//! ones, is UTF-8 with some damage:
//! each invalid sequence becomes U+FFFD, with one warning. Anything else
//! (high bytes but few or no UTF-8 sequences) is a legacy file: `chardetng`
//! guesses its encoding and `encoding_rs` decodes it (WHATWG Encoding
//! Standard), with a warning naming the encoding.

use encoding_rs::{Encoding, UTF_8};

/// Decoded text, the name of the encoding used (WHATWG label, e.g. `UTF-8`,
/// `windows-1252`) and what the reader should be told about it.
pub(super) struct Decoded {
    pub(super) text: String,
    pub(super) encoding: &'static str,
    pub(super) warnings: Vec<String>,
}

pub(super) fn decode(bytes: &[u8]) -> Decoded {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            warnings: Vec::new(),
        };
    }
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        // A UTF-16 byte-order mark (a UTF-8 one was handled above).
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        return with_warning(text.into_owned(), encoding, had_errors);
    }
    if is_damaged_utf8(bytes) {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let replaced = text.matches('\u{FFFD}').count();
        return Decoded {
            text,
            encoding: UTF_8.name(),
            warnings: vec![format!(
                "the file is not valid UTF-8: {replaced} invalid sequence(s) shown as \u{FFFD}"
            )],
        };
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    if !is_latin(encoding) && mostly_ascii_letters(bytes) {
        // A few stray bytes in English text ("We\x92re") read as Cyrillic
        // or Greek letters; a text in those scripts has most of its letters
        // in high bytes.
        encoding = encoding_rs::WINDOWS_1252;
    } else if encoding != encoding_rs::WINDOWS_1252
        && (nearly_all_ascii_letters(bytes) || letter_before_digit(encoding, bytes))
    {
        // English with a pound sign or two ("£1,400"): too few high bytes
        // for the detector to tell Western from Central European, which
        // reads 0xA3 as "Ł". Polish or Czech has far more, and no letter
        // of theirs comes right before a number ("Ł5"), as a currency
        // sign does.
        encoding = encoding_rs::WINDOWS_1252;
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    with_warning(text.into_owned(), encoding, had_errors)
}

fn with_warning(text: String, encoding: &'static Encoding, had_errors: bool) -> Decoded {
    let damage = if had_errors {
        ", with invalid bytes shown as \u{FFFD}"
    } else {
        ""
    };
    Decoded {
        warnings: vec![format!("not UTF-8: decoded as {}{damage}", encoding.name())],
        text,
        encoding: encoding.name(),
    }
}

/// Whether `encoding` writes the Latin alphabet (Western, Central
/// European, Turkish, Baltic, Vietnamese); the others write Cyrillic,
/// Greek, Hebrew, Arabic, Thai or East Asian scripts.
fn is_latin(encoding: &'static Encoding) -> bool {
    use encoding_rs::*;
    [
        WINDOWS_1250,
        WINDOWS_1252,
        WINDOWS_1254,
        WINDOWS_1257,
        WINDOWS_1258,
        ISO_8859_2,
        ISO_8859_3,
        ISO_8859_4,
        ISO_8859_10,
        ISO_8859_13,
        ISO_8859_14,
        ISO_8859_15,
        ISO_8859_16,
    ]
    .contains(&encoding)
}

/// Whether the bytes of 0x80 and above are fewer than a third of the
/// ASCII letters: the text is written in the Latin alphabet, whatever its
/// few other bytes are (in Cyrillic or Greek text most letters are high
/// bytes).
fn mostly_ascii_letters(bytes: &[u8]) -> bool {
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    high * 3 < letters
}

/// Whether the bytes of 0x80 and above are fewer than one in 40 of the
/// ASCII letters: too few to be the accented letters of a language other
/// than English (Polish, Czech, Turkish text has about one in ten).
fn nearly_all_ascii_letters(bytes: &[u8]) -> bool {
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    high * 40 < letters
}

/// Whether `bytes` read in `encoding` put a letter beyond ASCII right
/// before a digit ("Ł5"), where Windows-1252 reads a sign ("£5").
fn letter_before_digit(encoding: &'static Encoding, bytes: &[u8]) -> bool {
    let at_high_byte_before_digit = bytes
        .windows(2)
        .filter(|pair| pair[0] >= 0x80 && pair[1].is_ascii_digit())
        .map(|pair| [pair[0]]);
    for byte in at_high_byte_before_digit {
        let (there, _) = encoding.decode_without_bom_handling(&byte);
        let (western, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        let letter = |text: &str| text.chars().all(char::is_alphabetic);
        if letter(&there) && !letter(&western) {
            return true;
        }
    }
    false
}

/// Whether `bytes` are UTF-8 with some damage: they hold valid multi-byte
/// sequences, at least as many as invalid ones. A legacy encoding of
/// Japanese or Chinese (Shift_JIS, GBK) makes a valid pair now and then by
/// chance, and invalid ones far more often.
fn is_damaged_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid > 0 && valid >= invalid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_bytes_in_english_are_western_and_cyrillic_text_stays_cyrillic() {
        // chardetng alone reads these two bytes as Cyrillic ("Ра").
        let stray = decode(b"He said: \xd0\xe0 and then left the room for good after the meeting.");
        assert_eq!(stray.encoding, "windows-1252");
        assert!(
            stray.text.starts_with("He said: \u{d0}\u{e0} and"),
            "{}",
            stray.text
        );
        // Quotation marks too, in a short sentence.
        let short = decode(b"He said \x93yes\x94 and \xd0\xe0 left.");
        assert_eq!(short.encoding, "windows-1252");
        assert_eq!(
            short.text,
            "He said \u{201c}yes\u{201d} and \u{d0}\u{e0} left."
        );
        // "Привет, мир" and a Latin word: most letters are high bytes.
        let russian = decode(b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0! Moscow");
        assert_eq!(russian.encoding, "windows-1251");
        assert_eq!(russian.text, "Привет, мир! Moscow");
    }

    #[test]
    fn japanese_in_shift_jis_is_no_damaged_utf8() {
        // "東京で首相は会見を開き、…": its bytes hold one valid UTF-8 pair
        // by chance (C5 8E).
        let bytes = b"\x93\x8c\x8b\x9e\x82\xc5\x8e\xf1\x91\x8a\x82\xcd\x89\xef\x8c\xa9\x82\xf0\x8a\x4a\x82\xab\x81\x41\x90\x56\x82\xb5\x82\xa2\x8c\x6f\x8d\xcf\x90\xad\x8d\xf4\x82\xc9\x82\xc2\x82\xa2\x82\xc4\x98\x62\x82\xb5\x82\xbd\x81\x42\x8b\x4c\x8e\xd2\x82\xcd\x8e\xbf\x96\xe2\x82\xb5\x82\xbd\x81\x42";
        let decoded = decode(bytes);
        assert_eq!(decoded.encoding, "Shift_JIS");
        assert_eq!(
            decoded.text,
            "東京で首相は会見を開き、新しい経済政策について話した。記者は質問した。"
        );
    }

    #[test]
    fn a_pound_sign_in_english_is_western_and_polish_stays_central_european() {
        let english = "The tax will rise by \u{a3}1,400 a year for a family, the minister \
                       told MPs on Tuesday, and by \u{a3}600 for a pensioner living alone.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(english);
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, "windows-1252");
        assert_eq!(decoded.text, english);
        // One short line: too few letters to count, but "Ł5" is no word.
        let short = decode(b"It cost \xa35.\n");
        assert_eq!(short.text, "It cost \u{a3}5.\n");
        let polish = "Zażółć gęślą jaźń, powiedział w Łodzi burmistrz miasta.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(polish);
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, "windows-1250");
        assert_eq!(decoded.text, polish);
    }

    #[test]
    fn windows_1252_is_detected_and_decoded() {
        let decoded = decode(b"Caf\xe9 owner said \x93no comment\x94.");
        assert_eq!(decoded.text, "Café owner said “no comment”.");
        assert_eq!(decoded.encoding, "windows-1252");
        assert_eq!(decoded.warnings, ["not UTF-8: decoded as windows-1252"]);
    }

    #[test]
    fn damaged_utf8_keeps_its_text_and_warns_once() {
        let decoded = decode(
            "Zelensky – “Kyiv” \u{0}"
                .as_bytes()
                .iter()
                .copied()
                .chain(*b"\xff\xfe end")
                .collect::<Vec<u8>>()
                .as_slice(),
        );
        assert_eq!(decoded.text, "Zelensky – “Kyiv” \u{0}\u{FFFD}\u{FFFD} end");
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.warnings.len(), 1);
    }

    #[test]
    fn utf8_with_bom_keeps_the_bom_as_a_char() {
        let decoded = decode(b"\xEF\xBB\xBFok");
        assert_eq!(decoded.text, "\u{FEFF}ok");
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let decoded = decode(b"\xFF\xFEK\x00y\x00i\x00v\x00");
        assert_eq!(decoded.text, "\u{FEFF}Kyiv");
        assert_eq!(decoded.encoding, "UTF-16LE");
    }
}
