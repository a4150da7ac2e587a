//! Analysis reads the text a person reads: invisible format characters
//! (soft hyphen, zero-width space, …; see [`is_invisible_format`]) are
//! removed and each grapheme cluster is put in Unicode Normalization Form C,
//! so `Bundes\u{AD}regierung` is one word and `Zelensky`-with-a-combining
//! accent (NFD) matches its precomposed (NFC) form. Spans found in the
//! normalized text are mapped back to byte offsets of the original.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::document::is_invisible_format;

/// A normalized copy of a text and the way back to the original's offsets.
pub(super) struct Normalized {
    /// The text analysis runs on.
    pub(super) text: String,
    /// Each grapheme cluster that normalization changed: its bytes in the
    /// normalized text and in the original, in order.
    changed: Vec<(Range<usize>, Range<usize>)>,
}

/// The normalized form of `text`, or `None` when it is already normal (the
/// common case, which then costs one scan and no copy).
pub(super) fn normalize(text: &str) -> Option<Normalized> {
    if !needs_normalizing(text) {
        return None;
    }
    let mut normalized = String::with_capacity(text.len());
    let mut changed = Vec::new();
    let mut line_start = 0;
    // A grapheme cluster never spans a line feed, so lines with nothing
    // suspect are copied whole and only the rare others are walked by
    // grapheme.
    for line in text.split_inclusive('\n') {
        if line.is_ascii() || !line.chars().any(is_suspect) {
            normalized.push_str(line);
            line_start += line.len();
            continue;
        }
        for (offset, grapheme) in line.grapheme_indices(true) {
            let start = normalized.len();
            let plain = grapheme.chars().filter(|&c| !is_invisible_format(c)).nfc();
            normalized.extend(plain);
            if normalized.get(start..) != Some(grapheme) {
                let offset = line_start + offset;
                changed.push((start..normalized.len(), offset..offset + grapheme.len()));
            }
        }
        line_start += line.len();
    }
    Some(Normalized {
        text: normalized,
        changed,
    })
}

/// Whether `text` has an invisible format character or is not in NFC. ASCII
/// is always normal, so only the characters beyond it are looked at, and the
/// NFC check runs only on the lines where one of them is a combining mark or
/// not NFC on its own. (A line feed composes with nothing and no mark is
/// reordered across it, so the text is NFC when each line is.)
fn needs_normalizing(text: &str) -> bool {
    let mut suspect = false;
    // Only the characters beyond ASCII: runs of ASCII are skipped in
    // blocks (see `breaks::ascii_prefix_len`).
    let mut at = 0;
    while let Some(run) = text
        .as_bytes()
        .get(at..)
        .and_then(super::breaks::ascii_prefix_len)
    {
        at += run;
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if is_invisible_format(c) {
            return true;
        }
        suspect |= is_suspect(c);
        at += c.len_utf8();
    }
    suspect
        && text.split_inclusive('\n').any(|line| {
            !line.is_ascii() && line.chars().any(is_suspect) && !unicode_normalization::is_nfc(line)
        })
}

/// Whether `c` may change under normalization: an invisible format
/// character, a combining mark (which can be out of order even where each
/// mark is NFC alone), or a character not NFC on its own. Text without
/// such characters is already normal.
fn is_suspect(c: char) -> bool {
    !c.is_ascii()
        && (is_invisible_format(c)
            || unicode_normalization::char::canonical_combining_class(c) != 0
            || unicode_normalization::is_nfc_quick(std::iter::once(c))
                != unicode_normalization::IsNormalized::Yes)
}

impl Normalized {
    /// The original byte range of normalized range `span`: a span starting or
    /// ending inside a changed grapheme covers all of it.
    pub(super) fn original(&self, span: &Range<usize>) -> Range<usize> {
        self.original_start(span.start)..self.original_end(span.end)
    }

    fn original_start(&self, at: usize) -> usize {
        let before = self.changed.partition_point(|(norm, _)| norm.start <= at);
        match before.checked_sub(1).and_then(|i| self.changed.get(i)) {
            Some((norm, orig)) if at < norm.end => orig.start,
            Some((norm, orig)) => at - norm.end + orig.end,
            None => at,
        }
    }

    fn original_end(&self, at: usize) -> usize {
        let before = self.changed.partition_point(|(norm, _)| norm.start < at);
        match before.checked_sub(1).and_then(|i| self.changed.get(i)) {
            Some((norm, orig)) if at <= norm.end => orig.end,
            Some((norm, orig)) => at - norm.end + orig.end,
            None => at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_text_needs_nothing() {
        assert!(normalize("President Emmanuel Macron, “Kyiv”, 日本").is_none());
    }

    #[test]
    fn soft_hyphens_vanish_and_spans_map_back() {
        let text = "Die Bundes\u{AD}regierung sagt";
        let n = normalize(text).unwrap();
        assert_eq!(n.text, "Die Bundesregierung sagt");
        let word = n.text.find("Bundesregierung").unwrap();
        let span = n.original(&(word..word + "Bundesregierung".len()));
        assert_eq!(text.get(span), Some("Bundes\u{AD}regierung"));
        let after = n.text.find("sagt").unwrap();
        assert_eq!(text.get(n.original(&(after..after + 4))), Some("sagt"));
    }

    #[test]
    fn decomposed_accents_compose_and_map_back_whole() {
        let text = "Zelens\u{301}ky and Zelenśky met";
        let n = normalize(text).unwrap();
        assert_eq!(n.text, "Zelenśky and Zelenśky met");
        let first = 0..n.text.find(" and").unwrap();
        assert_eq!(text.get(n.original(&first)), Some("Zelens\u{301}ky"));
        let met = n.text.find("met").unwrap();
        assert_eq!(text.get(n.original(&(met..met + 3))), Some("met"));
    }

    #[test]
    fn marks_that_are_already_normal_leave_the_text_alone_line_by_line() {
        // A macron on a letter that has no precomposed form, and an accent
        // after a line break (it cannot compose with the line feed): NFC.
        let normal = "the x\u{304} of a sample\n\u{301}Zelenśky\nA plain line.\n";
        assert!(normalize(normal).is_none());
        // A decomposed accent on a later line is found and composed.
        let text = format!("{normal}Zelens\u{301}ky spoke.\n");
        let n = normalize(&text).unwrap();
        assert_eq!(n.text, format!("{normal}Zelenśky spoke.\n"));
    }
}
