//! `folio export --format brat`: brat standoff
//! (<https://brat.nlplab.org/standoff.html>), the `.ann` file that goes next
//! to a `.txt` holding the article text its offsets count.
//!
//! - `T` lines: `T1\tPerson 17 32\tEmmanuel Macron` for each entity mention
//!   (types `Person`, `Place`, `Organisation`, `Misc`), quotation
//!   (`Quotation`) and claim (`Claim`). Offsets are chars (code points),
//!   end-exclusive. A span that crosses a line break is split into fragments
//!   (`START END;START END`) and its text is the fragments' texts joined by a
//!   space, as brat requires.
//! - `A` lines: a claim's `Verdict` and `Label`, a quotation's `Kind`
//!   (`speech`, `scare`) and `Unclosed` flag.
//! - `#` lines (`AnnotatorNotes`): a mention's canonical name when it differs
//!   from the mention, a quotation's speaker, a claim's note and speaker. Line
//!   breaks and tabs in notes become spaces (a note is one line in brat).
//!
//! Claims that are no longer in the article (orphaned) and empty spans
//! cannot be written as brat spans; they are left out and listed in
//! [`Standoff::left_out`].

use std::fmt::Write as _;

use super::{locate, names_by_id, speaker_name};
use crate::analysis::EntityKind;
use crate::annotations::file::AnnotationFile;
use crate::document::Document;

/// A brat `.ann` file and what could not go in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standoff {
    /// The `.ann` text: one annotation per line, each line ending in `\n`.
    pub ann: String,
    /// One line per span left out, saying which and why.
    pub left_out: Vec<String>,
}

/// Characters that end a line for brat, which reads `.ann` files with
/// Python's line splitting (`str.splitlines`): a span's fragments and notes
/// must not contain them.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{b}'
            | '\u{c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// The brat type of an entity kind.
pub fn entity_type(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Place => "Place",
        EntityKind::Organisation => "Organisation",
        EntityKind::Misc => "Misc",
    }
}

/// The `.ann` lines for `file`, whose spans are chars of `doc`; the `.txt`
/// to go with it is `doc.text()` exactly.
pub fn to_standoff(doc: &Document, file: &AnnotationFile) -> Standoff {
    let mut out = Writer::new(doc, None);
    write_lines(file, &mut out);
    Standoff {
        ann: out.ann,
        left_out: out.left_out,
    }
}

/// The `.ann` text [`to_standoff`] gives, written to `sink` a few hundred
/// lines at a time, so a long article's standoff is never all in memory.
/// Returns what [`Standoff::left_out`] lists.
///
/// # Errors
/// Writing to `sink` failed.
pub fn write_standoff(
    doc: &Document,
    file: &AnnotationFile,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<Vec<String>> {
    let mut out = Writer::new(doc, Some(sink));
    write_lines(file, &mut out);
    out.finish()
}

/// Writes the lines of `file` with `out`.
fn write_lines(file: &AnnotationFile, out: &mut Writer<'_>) {
    let names = names_by_id(file);
    for entity in &file.entities {
        for mention in &entity.mentions {
            let what = format!("a mention of {}", entity.name);
            let Some(t) = out.span(
                entity_type(entity.kind),
                (mention.start, mention.end, &*mention.exact),
                &what,
            ) else {
                continue;
            };
            if *mention.exact != *entity.name {
                out.note(&t, &entity.name);
            }
        }
    }
    for quote in &file.quotes {
        let what = format!("quotation {}", quote.id);
        let Some(t) = out.span("Quotation", (quote.start, quote.end, &quote.exact), &what) else {
            continue;
        };
        out.attribute("Kind", &t, Some(quote.kind.as_str()));
        if quote.unclosed {
            out.attribute("Unclosed", &t, None);
        }
        let speaker = speaker_name(
            &names,
            quote.speaker.as_deref(),
            quote.speaker_text.as_deref(),
        );
        if let Some(name) = speaker {
            out.note(&t, &format!("speaker: {name}"));
        }
    }
    for claim in &file.claims {
        let what = format!("claim {}", claim.id);
        let Some(t) = out.span("Claim", (claim.start, claim.end, &claim.exact), &what) else {
            continue;
        };
        let mut notes = Vec::new();
        for (name, value) in [("Verdict", &claim.verdict), ("Label", &claim.label)] {
            if is_attribute_value(value) {
                out.attribute(name, &t, Some(value));
            } else if !value.is_empty() {
                notes.push(format!("{}: {value}", name.to_lowercase()));
            }
        }
        if let Some(name) = speaker_name(&names, claim.speaker.as_deref(), None) {
            notes.push(format!("speaker: {name}"));
        }
        if !claim.note.is_empty() {
            notes.push(claim.note.clone());
        }
        if !notes.is_empty() {
            out.note(&t, &notes.join("; "));
        }
    }
}

/// Whether `value` can be a brat attribute value (one word, no spaces).
fn is_attribute_value(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The fragments of a span that starts at char `start` of the article and
/// whose text is `exact`: its maximal runs without a line break, as
/// `(start, end, text)` with chars of the article, end-exclusive. Empty when
/// the span holds nothing but line breaks.
pub fn fragments(start: usize, exact: &str) -> Vec<(usize, usize, &str)> {
    let mut pieces = Vec::new();
    let mut run: Option<(usize, usize)> = None; // (first char, first byte)
    let mut chars = 0;
    for (byte, c) in exact.char_indices() {
        if is_line_break(c) {
            if let Some((char_start, byte_start)) = run.take() {
                pieces.push((char_start, chars, exact.get(byte_start..byte).unwrap_or("")));
            }
        } else if run.is_none() {
            run = Some((chars, byte));
        }
        chars += 1;
    }
    if let Some((char_start, byte_start)) = run {
        pieces.push((char_start, chars, exact.get(byte_start..).unwrap_or("")));
    }
    pieces
        .into_iter()
        .map(|(s, e, text)| (start + s, start + e, text))
        .collect()
}

/// Numbers annotations and collects the lines, passing them on to its
/// sink, when it has one, as they pile up.
struct Writer<'d> {
    doc: &'d Document,
    ann: String,
    sink: Option<&'d mut dyn std::io::Write>,
    /// The first error the sink gave; nothing is written after it.
    failed: Option<std::io::Error>,
    left_out: Vec<String>,
    spans: usize,
    attributes: usize,
    notes: usize,
}

impl<'d> Writer<'d> {
    /// Lines kept before they go to the sink, in bytes.
    const SPILL_BYTES: usize = 1 << 16;

    fn new(doc: &'d Document, sink: Option<&'d mut dyn std::io::Write>) -> Self {
        Self {
            doc,
            ann: String::new(),
            sink,
            failed: None,
            left_out: Vec::new(),
            spans: 0,
            attributes: 0,
            notes: 0,
        }
    }

    /// Passes the lines so far to the sink once there are enough of them
    /// (all of them when `all`).
    fn spill(&mut self, all: bool) {
        let Some(sink) = self.sink.as_mut() else {
            return;
        };
        if self.ann.len() < Self::SPILL_BYTES && !all {
            return;
        }
        if self.failed.is_none()
            && let Err(err) = sink.write_all(self.ann.as_bytes())
        {
            self.failed = Some(err);
        }
        self.ann.clear();
    }

    /// The spans left out, once the last lines are written.
    fn finish(mut self) -> std::io::Result<Vec<String>> {
        self.spill(true);
        match self.failed {
            Some(err) => Err(err),
            None => Ok(self.left_out),
        }
    }

    /// Writes a `T` line for the span `(start, end, exact)` (chars) and
    /// returns its id, or records why it was left out (`what` names it).
    fn span(
        &mut self,
        kind: &str,
        (start, end, exact): (usize, usize, &str),
        what: &str,
    ) -> Option<String> {
        if locate(self.doc, start, end, exact).is_none() {
            self.left_out
                .push(format!("{what} is not in the article (orphaned): left out"));
            return None;
        }
        let pieces = fragments(start, exact);
        if pieces.is_empty() {
            self.left_out.push(format!(
                "{what} spans no text (empty or only line breaks): left out"
            ));
            return None;
        }
        self.spans += 1;
        let id = format!("T{}", self.spans);
        let offsets: Vec<String> = pieces.iter().map(|(s, e, _)| format!("{s} {e}")).collect();
        let texts: Vec<&str> = pieces.iter().map(|(_, _, text)| *text).collect();
        // Writing to a String cannot fail.
        let _ = writeln!(
            self.ann,
            "{id}\t{kind} {}\t{}",
            offsets.join(";"),
            texts.join(" ")
        );
        self.spill(false);
        Some(id)
    }

    /// An `A` line: a multi-valued attribute with `value`, or a binary one.
    fn attribute(&mut self, name: &str, target: &str, value: Option<&str>) {
        self.attributes += 1;
        let value = value.map(|v| format!(" {v}")).unwrap_or_default();
        let _ = writeln!(self.ann, "A{}\t{name} {target}{value}", self.attributes);
        self.spill(false);
    }

    /// A `#` line: an annotator's note on `target`, on one line.
    fn note(&mut self, target: &str, text: &str) {
        self.notes += 1;
        let one_line: String = text
            .chars()
            .map(|c| {
                if is_line_break(c) || c == '\t' {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let _ = writeln!(
            self.ann,
            "#{}\tAnnotatorNotes {target}\t{one_line}",
            self.notes
        );
        self.spill(false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_split_at_every_line_break_and_count_chars() {
        assert_eq!(fragments(10, "ab"), [(10, 12, "ab")]);
        assert_eq!(
            fragments(10, "é👍\r\nx\u{2028}yz\n"),
            [(10, 12, "é👍"), (14, 15, "x"), (16, 18, "yz")]
        );
        assert_eq!(fragments(3, "\n\r\n"), []);
        assert_eq!(fragments(3, ""), []);
    }

    #[test]
    fn attribute_values_are_single_words() {
        assert!(is_attribute_value("mostly-true"));
        assert!(!is_attribute_value("half true"));
        assert!(!is_attribute_value(""));
    }
}
