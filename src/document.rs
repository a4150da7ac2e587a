//! The article: its decoded text, its paragraphs and the digest of its source bytes.
//!
//! Every position in folio is a **byte offset** into [`Document::text`]; ranges are
//! end-exclusive (`start..end`). Files on disk count Unicode scalar values instead
//! ([`Document::char_offset`] and [`Document::byte_offset`] convert between the two).

mod char_index;
mod decode;
pub mod markup;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use char_index::CharIndex;
use markup::Markup;

/// Why an article could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The file could not be read (missing, a folder, no permission, …).
    #[error("cannot read {path}: {reason}")]
    Read {
        /// The path as the user gave it.
        path: PathBuf,
        /// The operating system's reason (kept out of the error chain so it
        /// is printed once).
        reason: std::io::Error,
    },
}

/// A decoded article.
///
/// Decoding is lossless for valid UTF-8; damaged UTF-8 gets U+FFFD with one
/// warning; a legacy file (Windows-1252, …) is detected and decoded. A leading
/// byte-order mark stays in the text as U+FEFF (never drawn), so char offsets
/// equal those of the file. Line endings (LF, CRLF, lone CR) are kept in the
/// text, so exported offsets count them too.
#[derive(Debug, Clone)]
pub struct Document {
    path: Option<PathBuf>,
    text: String,
    encoding: &'static str,
    sha256: String,
    paragraphs: Vec<Range<usize>>,
    warnings: Vec<String>,
    /// Built when first asked for: a derived text (a section, a normalized
    /// copy) is read by the analysis only, which counts in bytes.
    chars: OnceLock<CharIndex>,
    markup: Markup,
}

impl Document {
    /// Reads and decodes the file at `path`.
    ///
    /// # Errors
    /// [`DocumentError::Read`] when the file cannot be read.
    pub fn open(path: &Path) -> Result<Self, DocumentError> {
        let bytes = std::fs::read(path).map_err(|reason| DocumentError::Read {
            path: path.to_path_buf(),
            reason,
        })?;
        Ok(Self::from_bytes(&bytes, Some(path.to_path_buf())))
    }

    /// Decodes `bytes` (the whole source file) into a document; never fails
    /// (see [`decode`](self) for the rule: UTF-8, damaged UTF-8, or a
    /// detected legacy encoding).
    pub fn from_bytes(bytes: &[u8], path: Option<PathBuf>) -> Self {
        Self::decoded(bytes, path, sha256_hex(bytes))
    }

    /// The first bytes of a file, decoded like [`Self::from_bytes`] for a
    /// preview, without a SHA-256 (empty): a prefix's hash names nothing
    /// annotations could attach to, and hashing (with its CPU probe) would
    /// delay the first frame.
    pub(crate) fn from_head(bytes: &[u8], path: Option<PathBuf>) -> Self {
        Self::decoded(bytes, path, String::new())
    }

    /// `bytes` decoded, with the given hash.
    fn decoded(bytes: &[u8], path: Option<PathBuf>, sha256: String) -> Self {
        let decode::Decoded {
            text,
            encoding,
            mut warnings,
        } = decode::decode(bytes);
        if looks_binary(bytes) {
            warnings.push(
                "this looks like a binary file, not text: shown with placeholders".to_owned(),
            );
        }
        let paragraphs = split_paragraphs(&text);
        let chars = OnceLock::from(CharIndex::new(&text));
        Self {
            path,
            text,
            encoding,
            sha256,
            paragraphs,
            warnings,
            chars,
            markup: Markup::default(),
        }
    }

    /// The text from the first of `paragraphs` (byte ranges of this
    /// document's text, in order: its paragraphs or pieces of them) to the
    /// last, as a document whose paragraphs they are, for analysing a long
    /// text a section at a time. A byte offset in it plus the first range's
    /// start is an offset in this document. Empty when `paragraphs` is.
    pub(crate) fn section(&self, paragraphs: &[Range<usize>]) -> Self {
        let (start, end) = match (paragraphs.first(), paragraphs.last()) {
            (Some(first), Some(last)) => (first.start, last.end),
            _ => (0, 0),
        };
        let text = self.text.get(start..end).unwrap_or("").to_owned();
        let paragraphs = (paragraphs.iter())
            .map(|p| p.start.saturating_sub(start)..p.end.saturating_sub(start))
            .collect();
        Self::derived(text, paragraphs)
    }

    /// A document over `text` taken as it is — no decoding, no copy, no
    /// hash (its SHA-256 is empty) — for a text derived from an article
    /// that only the analysis reads (its normalized form).
    pub(crate) fn from_derived_text(text: String) -> Self {
        let paragraphs = split_paragraphs(&text);
        Self::derived(text, paragraphs)
    }

    /// A document over `text` with `paragraphs` (byte ranges of it), with
    /// no path, hash, warnings or markup: text the analysis derived.
    fn derived(text: String, paragraphs: Vec<Range<usize>>) -> Self {
        let chars = OnceLock::new();
        Self {
            path: None,
            text,
            encoding: "UTF-8",
            sha256: String::new(),
            paragraphs,
            warnings: Vec::new(),
            chars,
            markup: Markup::default(),
        }
    }

    /// A document whose text was extracted from another format (Markdown,
    /// HTML): `text` is the article text, and the SHA-256 is of its UTF-8
    /// bytes, so it identifies the text every offset counts in. `encoding`
    /// names the source's encoding; `warnings` are the source's decoding
    /// problems.
    pub fn from_extracted(
        text: &str,
        path: Option<PathBuf>,
        encoding: &'static str,
        warnings: Vec<String>,
        markup: Markup,
    ) -> Self {
        let mut doc = Self::from_bytes(text.as_bytes(), path);
        doc.encoding = encoding;
        doc.warnings = warnings;
        doc.markup = markup;
        doc
    }

    /// The path the article was read from, if it came from a file.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The decoded text (UTF-8, a leading byte-order mark kept as U+FEFF,
    /// line endings as in the source).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The encoding the source was decoded from (WHATWG name: `UTF-8`,
    /// `windows-1252`, …).
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }

    /// Lower-case hex SHA-256 of the source bytes, before any decoding.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Paragraphs as byte ranges into [`Self::text`], in order, without their
    /// line endings and never empty. See [`split_paragraphs`] for the rule.
    pub fn paragraphs(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// The start (byte offset into [`Self::text`]) of the paragraph holding
    /// byte `at`; `at` itself when no paragraph does (a blank line).
    pub fn paragraph_start(&self, at: usize) -> usize {
        let i = self.paragraphs.partition_point(|p| p.end < at);
        self.paragraphs
            .get(i)
            .filter(|p| p.start <= at)
            .map_or(at, |p| p.start)
    }

    /// Problems met while decoding, one human-readable line each.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The text in `range` (bytes), or `""` when the range is out of bounds or
    /// not on char boundaries. The one place folio slices the article.
    pub fn slice(&self, range: Range<usize>) -> &str {
        self.text.get(range).unwrap_or("")
    }

    /// The char (Unicode scalar value) offset of byte offset `byte`.
    /// A byte inside a character counts as that character's start; past the end
    /// clamps to the number of chars.
    pub fn char_offset(&self, byte: usize) -> usize {
        self.chars().char_offset(&self.text, byte)
    }

    /// The byte offset of char offset `char`, or `None` past the end of the text.
    /// `char == len_chars` gives `text.len()`.
    pub fn byte_offset(&self, char: usize) -> Option<usize> {
        self.chars().byte_offset(&self.text, char)
    }

    /// Display markup, title and links (empty for plain text).
    pub fn markup(&self) -> &Markup {
        &self.markup
    }

    /// Number of chars (Unicode scalar values) in the text.
    pub fn len_chars(&self) -> usize {
        self.chars().len_chars()
    }

    fn chars(&self) -> &CharIndex {
        self.chars.get_or_init(|| CharIndex::new(&self.text))
    }
}

/// Decodes the bytes of a file as [`Document::from_bytes`] does: the text,
/// the encoding's WHATWG name and the warnings.
pub fn decode_text(bytes: &[u8]) -> (String, &'static str, Vec<String>) {
    let decode::Decoded {
        text,
        encoding,
        warnings,
    } = decode::decode(bytes);
    (text, encoding, warnings)
}

/// Format characters that are not part of what a reader sees: byte-order
/// mark, soft hyphen, zero-width space and (non-)joiners, left-to-right and
/// right-to-left marks, word joiner, and the bidirectional embeddings,
/// overrides and isolates. They take no cell on screen, and analysis reads
/// through them (`Bundes\u{AD}regierung` is one word).
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{FEFF}' | '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Splits `text` into paragraphs (byte ranges, end-exclusive, trimmed of
/// surrounding whitespace, never empty).
///
/// Blank lines separate paragraphs; a single line break inside a paragraph is
/// soft. Text with no blank line at all (one paragraph per line, as many news
/// exports are) treats every line as a paragraph. LF, CRLF and lone CR all end
/// lines.
pub fn split_paragraphs(text: &str) -> Vec<Range<usize>> {
    let lines = line_ranges(text);
    let is_blank = |r: &Range<usize>| text.get(r.clone()).is_none_or(|l| l.trim().is_empty());
    let has_blank_separator = lines.windows(3).any(|w| match w {
        [a, b, c] => !is_blank(a) && is_blank(b) && !is_blank(c),
        _ => false,
    });
    let mut paragraphs = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for line in lines {
        if is_blank(&line) || !has_blank_separator {
            if let Some(p) = current.take() {
                paragraphs.push(p);
            }
            if is_blank(&line) {
                continue;
            }
        }
        current = Some(match current {
            Some(p) => p.start..line.end,
            None => line,
        });
    }
    paragraphs.extend(current);
    paragraphs
        .into_iter()
        .filter_map(|r| trim_range(text, r))
        .collect()
}

/// Whether `bytes` look like a binary file: in the first 8 KiB, a NUL byte
/// (UTF-16 text, which starts with its byte-order mark, aside) or more than
/// one control byte (other than tab, CR, LF, FF) in ten. Hostile articles
/// with a few escape sequences are text, shown with placeholders.
pub fn looks_binary(bytes: &[u8]) -> bool {
    binary_evidence(bytes).is_some()
}

/// What makes `bytes` look like a binary file ([`looks_binary`]), for an
/// error message: where the first NUL byte is (a byte offset from 0), or
/// how many control bytes the first 8 KiB hold; `None` for text.
pub fn binary_evidence(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..8192).unwrap_or(bytes);
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return Some(format!("a NUL byte at byte {at}"));
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    (controls * 10 > head.len())
        .then(|| format!("{controls} control bytes in its first {} bytes", head.len()))
}

/// Byte ranges of the lines of `text`, without their terminators.
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    // memchr finds the next terminator many bytes at a time.
    while let Some(found) = bytes
        .get(start..)
        .and_then(|rest| memchr::memchr2(b'\n', b'\r', rest))
    {
        let end = start + found;
        lines.push(start..end);
        let crlf = bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n');
        start = end + if crlf { 2 } else { 1 };
    }
    if start < bytes.len() {
        lines.push(start..bytes.len());
    }
    lines
}

/// `range` without leading and trailing whitespace, or `None` if nothing is left.
fn trim_range(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = text.get(range.clone())?;
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.end - (s.len() - s.trim_end().len());
    (start < end).then_some(start..end)
}

/// The SHA-256 of `bytes` as 64 lower-case hex digits (the digest folio
/// names articles, data-folder copies and report stamps by).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_a_lone_cr() {
        let text = "One\r\ntwo\rthree\n\nfour";
        let lines: Vec<&str> = line_ranges(text)
            .into_iter()
            .map(|r| text.get(r).unwrap_or("?"))
            .collect();
        assert_eq!(lines, ["One", "two", "three", "", "four"]);
        assert_eq!(
            line_ranges("a\r"),
            vec![0..1],
            "a final terminator opens no line"
        );
        assert!(line_ranges("").is_empty());
    }

    #[test]
    fn paragraph_start_finds_the_paragraph_holding_a_byte() {
        let doc = Document::from_bytes(b"One.\n\nTwo words here.\n", None);
        let two = doc.text().find("Two").unwrap();
        assert_eq!(doc.paragraph_start(two + 4), two);
        assert_eq!(doc.paragraph_start(two), two);
        assert_eq!(doc.paragraph_start(2), 0);
        // The blank line between them belongs to no paragraph.
        assert_eq!(doc.paragraph_start(5), 5);
    }

    #[test]
    fn one_line_per_paragraph_without_blank_lines() {
        let doc = Document::from_bytes(b"First line.\nSecond line.\r\nThird.", None);
        let paras: Vec<&str> = doc
            .paragraphs()
            .iter()
            .map(|r| doc.slice(r.clone()))
            .collect();
        assert_eq!(paras, ["First line.", "Second line.", "Third."]);
    }

    #[test]
    fn blank_lines_separate_and_single_breaks_are_soft() {
        let doc = Document::from_bytes(b"Title\n\nOne\ntwo.\n\n  Three.  \n", None);
        let paras: Vec<&str> = doc
            .paragraphs()
            .iter()
            .map(|r| doc.slice(r.clone()))
            .collect();
        assert_eq!(paras, ["Title", "One\ntwo.", "Three."]);
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let doc = Document::from_bytes(b"a\rb", None);
        assert_eq!(doc.paragraphs(), [0..1, 2..3]);
    }

    #[test]
    fn bom_is_kept_as_a_char_so_offsets_match_the_file() {
        let doc = Document::from_bytes("\u{FEFF}Kyiv said “no”".as_bytes(), None);
        assert_eq!(
            doc.slice(doc.paragraphs()[0].clone()),
            "\u{FEFF}Kyiv said “no”"
        );
        assert_eq!(doc.char_offset(doc.text().find("Kyiv").unwrap()), 1);
        assert_eq!(doc.encoding(), "UTF-8");
    }

    #[test]
    fn binary_input_is_flagged_and_text_is_not() {
        let binary = Document::from_bytes(b"\x7fELF\x02\x01\x01\x00\x00", None);
        assert!(binary.warnings().iter().any(|w| w.contains("binary")));
        let text = Document::from_bytes("Tabs\there, “quotes”, CRLF\r\n".as_bytes(), None);
        assert!(text.warnings().is_empty());
        assert_eq!(
            binary_evidence(b"\x7fELF\x02\x01\x01\x00\x00").as_deref(),
            Some("a NUL byte at byte 7")
        );
        assert_eq!(
            binary_evidence(b"ab\x01\x02\x03").as_deref(),
            Some("3 control bytes in its first 5 bytes")
        );
        // A short article carrying escape sequences is hostile text, not binary.
        assert!(!looks_binary(
            "\"Stop\u{1b}]2;owned\u{7} now\u{9b}2J\" said Merkel.\n".as_bytes()
        ));
        // UTF-16 is full of NUL bytes but starts with its byte-order mark.
        assert!(!looks_binary(b"\xFF\xFEK\x00y\x00i\x00v\x00"));
    }

    #[test]
    fn sha256_is_of_the_source_bytes() {
        let doc = Document::from_bytes(b"abc", None);
        assert_eq!(
            doc.sha256(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_head_decodes_like_the_whole_file_without_a_hash() {
        let bytes = b"Caf\xc3\xa9 au lait.\r\n\r\nSecond paragraph \xff here.\n";
        let (head, whole) = (
            Document::from_head(bytes, None),
            Document::from_bytes(bytes, None),
        );
        assert_eq!(head.text(), whole.text());
        assert_eq!(head.paragraphs(), whole.paragraphs());
        assert_eq!(head.warnings(), whole.warnings());
        assert_eq!(head.sha256(), "");
        assert_eq!(whole.sha256().len(), 64);
    }

    #[test]
    fn empty_input_has_no_paragraphs() {
        let doc = Document::from_bytes(b"", None);
        assert!(doc.paragraphs().is_empty());
        assert_eq!(doc.len_chars(), 0);
    }
}
