//! `folio suggest`: the article's sentences worth checking, ranked by
//! check-worthiness, with score, proposed label and reasons; or, with
//! `--each-line`, one score per input line (for evaluation and scripts).
//! Offsets count chars of the text `folio text` prints, end-exclusive.

use std::io::{Read as _, Write as _};
use std::path::Path;

use anyhow::Context as _;
use serde::Serialize;

use super::generate::write_stdout;
use super::inspect::{Seq, shorten, write_table};
use crate::analysis::checkworthy::{self, Suggestion};
use crate::document::Document;
use crate::input;
use crate::view::safe_line;

/// Longest sentence text a table row shows, in columns.
const TEXT_COLUMNS: usize = 80;

/// How `folio suggest` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SuggestFormat {
    /// Aligned columns, to read in the terminal.
    Table,
    /// One JSON document with the article and the list.
    Json,
    /// One JSON object a suggestion, one a line, each with its article's
    /// `path` (for streams and many articles).
    Jsonl,
}

/// One suggestion as `--format json|jsonl` writes it.
#[derive(Debug, Serialize)]
struct Record {
    rank: usize,
    start: usize,
    end: usize,
    score: f32,
    label: &'static str,
    reasons: Vec<String>,
    text: String,
}

/// One `--format jsonl` line: a suggestion and the article it is in.
#[derive(Debug, Serialize)]
struct Line<'a> {
    path: &'a str,
    #[serde(flatten)]
    record: Record,
}

#[derive(Serialize)]
#[serde(bound(serialize = "Seq<I>: Serialize"))]
struct Listing<'a, I> {
    offset_unit: &'static str,
    path: String,
    sha256: &'a str,
    suggestions: Seq<I>,
}

/// The suggestions of the article at `path` to print, best first, at most
/// `top`: those at or above the threshold, leaving out those the reader
/// dismissed in the annotation file and the sentences that hold one of the
/// reader's claims. With the document, for their offsets and text.
fn ranked(path: &Path, top: Option<usize>) -> anyhow::Result<(Document, Vec<Suggestion>)> {
    let article = super::annotated::open(path, crate::analysis::Scope::All)?;
    let (doc, annotations) = (article.doc, article.annotations);
    let mut suggestions = article.analysis.suggestions;
    // Only the suggestions are printed: entities and quotations go now,
    // before the rows are made (they are large on a long text).
    drop((article.analysis.entities, article.analysis.quotations));
    suggestions.retain(|s| {
        s.score >= checkworthy::THRESHOLD
            && !annotations.is_dismissed(&s.span)
            && !annotations.is_claimed(&s.span)
    });
    let mut shown: Vec<Suggestion> = checkworthy::ranked(&suggestions)
        .into_iter()
        .take(top.unwrap_or(usize::MAX))
        .cloned()
        .collect();
    shown.shrink_to_fit();
    Ok((doc, shown))
}

/// Prints the suggestions of the article at `path` (see [`ranked`]).
pub(super) fn suggest(
    path: &Path,
    format: SuggestFormat,
    top: Option<usize>,
) -> anyhow::Result<()> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    write(path, format, top, &mut stdout)?;
    stdout.flush().context("cannot write to standard output")
}

/// What [`suggest`] prints for the article at `path`, as a string: for each
/// article of a corpus run (`--format jsonl`: one line a suggestion, each
/// naming the article) and for the file `--output-dir` writes.
pub(crate) fn rendered(
    path: &Path,
    format: SuggestFormat,
    top: Option<usize>,
) -> anyhow::Result<String> {
    let mut out = Vec::new();
    write(path, format, top, &mut out)?;
    String::from_utf8(out).context("cannot format the suggestions")
}

/// Writes the suggestions of the article at `path` to `out` in `format`.
fn write(
    path: &Path,
    format: SuggestFormat,
    top: Option<usize>,
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    let (doc, shown) = ranked(path, top)?;
    let doc = &doc;
    match format {
        SuggestFormat::Table => {
            // Each row is made as it is written (twice: widths, then
            // rows), so a long article's list is never all in memory.
            let rows = || {
                shown.iter().enumerate().map(|(i, s)| {
                    let r = record(doc, i, s);
                    vec![
                        r.rank.to_string(),
                        format!("{:.3}", r.score),
                        r.label.to_owned(),
                        r.start.to_string(),
                        r.end.to_string(),
                        safe_line(&r.reasons.join(", ")),
                        shorten(&safe_line(&r.text), TEXT_COLUMNS),
                    ]
                })
            };
            write_table(
                &["RANK", "SCORE", "LABEL", "START", "END", "REASONS", "TEXT"],
                rows,
                out,
            )?;
            Ok(())
        }
        SuggestFormat::Json => write_json(path, doc, &shown, out),
        SuggestFormat::Jsonl => write_jsonl(path, doc, &shown, out),
    }
}

/// Writes the one JSON document of `shown`, suggestions of `doc` read from
/// `path`, with its final new line.
fn write_json(
    path: &Path,
    doc: &Document,
    shown: &[Suggestion],
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    let listing = Listing {
        offset_unit: crate::annotations::file::OFFSET_UNIT,
        path: path.display().to_string(),
        sha256: doc.sha256(),
        suggestions: Seq::new(shown.iter().enumerate().map(|(i, s)| record(doc, i, s))),
    };
    serde_json::to_writer_pretty(&mut *out, &listing).context("cannot format as JSON")?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Writes the JSONL lines of `shown`, suggestions of `doc` read from
/// `path`, one at a time (a long article has thousands).
fn write_jsonl(
    path: &Path,
    doc: &Document,
    shown: &[Suggestion],
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    let path = path.to_string_lossy();
    for (i, s) in shown.iter().enumerate() {
        let line = Line {
            path: &path,
            record: record(doc, i, s),
        };
        serde_json::to_writer(&mut *out, &line).context("cannot format as JSON")?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Prints the score of each line of `path` (`-`: standard input), read as a
/// one-sentence article, one score a line in input order.
pub(super) fn each_line(path: &Path) -> anyhow::Result<()> {
    let bytes = if input::is_stdin(path) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        bytes
    } else {
        std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?
    };
    if let Some(why) = crate::document::binary_evidence(&bytes) {
        anyhow::bail!(
            "{} looks like a binary file, not sentences ({why})",
            path.display()
        );
    }
    let (text, _, _) = crate::document::decode_text(&bytes);
    let mut out = String::with_capacity(text.len() / 8);
    for line in text.lines() {
        let score = checkworthy::score_line(line.trim_end_matches('\r'));
        out.push_str(&format!("{score:.6}\n"));
    }
    write_stdout(out.as_bytes())
}

/// The record of `s`, ranked `i + 1`.
fn record(doc: &Document, i: usize, s: &Suggestion) -> Record {
    Record {
        rank: i + 1,
        start: doc.char_offset(s.span.start),
        end: doc.char_offset(s.span.end),
        score: s.score,
        label: s.label.as_str(),
        reasons: s.reasons.iter().map(ToString::to_string).collect(),
        text: doc.slice(s.span.clone()).to_owned(),
    }
}
