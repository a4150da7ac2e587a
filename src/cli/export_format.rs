//! `folio export --format`: which format, turning the exported annotation
//! file into its text, and the files that go with it (brat's `.txt`).

use std::path::Path;

use anyhow::Context as _;
use clap::ValueEnum;

use crate::annotations::export::{brat, claim_review, markdown, web_annotation};
use crate::annotations::file::{self, AnnotationFile};
use crate::annotations::store;
use crate::document::Document;

/// What `folio export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// folio's annotation file, with entities and quotations.
    Toml,
    /// W3C Web Annotation Data Model, JSON-LD (an AnnotationCollection).
    Json,
    /// brat standoff `.ann`; with -o x.ann, the article text goes to x.txt.
    Brat,
    /// schema.org ClaimReview JSON-LD, for claims with a verdict.
    Claimreview,
    /// One line of JSON per article: `path`, `sha256` and the annotation
    /// file's fields (for many articles; see the README).
    Jsonl,
    /// A fact-check report in CommonMark: claims with speaker, verdict,
    /// label and note, then quotations and the people and organisations.
    Markdown,
}

/// The text of `exported` (whose spans are chars of `doc`) in `format`.
/// For brat, spans it cannot hold are named on standard error.
///
/// # Errors
/// Only if TOML or JSON cannot represent a value (not expected).
pub(super) fn render(
    format: ExportFormat,
    doc: &Document,
    exported: &AnnotationFile,
) -> anyhow::Result<String> {
    Ok(match format {
        ExportFormat::Toml => {
            file::to_toml(exported).context("cannot format the export as TOML")?
        }
        ExportFormat::Json => json_text(&web_annotation::collection(doc, exported))?,
        ExportFormat::Claimreview => {
            for claim in exported
                .claims
                .iter()
                .filter(|c| c.orphaned && claim_review::has_verdict(&c.verdict))
            {
                eprintln!(
                    "folio: claimreview: claim {} is no longer in the article (orphaned): its review has no appearance",
                    crate::view::safe_line(&claim.id)
                );
            }
            let names = crate::annotations::export::names_by_id(exported);
            for claim in exported.claims.iter().filter(|c| {
                claim_review::has_verdict(&c.verdict)
                    && claim_review::author_is_a_guess(exported, c)
            }) {
                let name = claim_review::author(exported, &names, claim).unwrap_or_default();
                eprintln!(
                    "folio: claimreview: claim {}: its speaker, {}, is folio's guess from weak evidence: left out of the review (confirm or correct it with s on the quotation)",
                    crate::view::safe_line(&claim.id),
                    crate::view::safe_line(name)
                );
            }
            json_text(&claim_review::reviews(exported))?
        }
        ExportFormat::Jsonl => {
            super::corpus::export_record(Path::new(&exported.article.path), exported)?
        }
        ExportFormat::Markdown => markdown::report(exported, doc.markup().title.as_deref()),
        ExportFormat::Brat => {
            let standoff = brat::to_standoff(doc, exported);
            report_left_out(&standoff.left_out);
            standoff.ann
        }
    })
}

/// Names on standard error the spans a brat export left out.
pub(super) fn report_left_out(left_out: &[String]) {
    for line in left_out {
        eprintln!("folio: brat: {}", crate::view::safe_line(line));
    }
}

/// Writes what must sit beside the export at `out`: for brat, the article
/// text its offsets count (see [`write_brat_text`]); nothing for the others.
///
/// # Errors
/// As [`write_brat_text`].
pub(super) fn write_companions(
    format: ExportFormat,
    doc: &Document,
    article: &Path,
    out: &Path,
) -> anyhow::Result<()> {
    match format {
        ExportFormat::Brat => write_brat_text(doc, article, out),
        ExportFormat::Toml
        | ExportFormat::Json
        | ExportFormat::Claimreview
        | ExportFormat::Jsonl
        | ExportFormat::Markdown => Ok(()),
    }
}

/// `text` made safe to show in a terminal: each line with its control
/// characters (which TOML and JSON escape, but brat's text fields and C1
/// controls keep) shown as placeholders, so an article cannot send escape
/// sequences to the reader's terminal. Files and pipes get the exact text.
pub(super) fn for_terminal(text: &str) -> String {
    text.split('\n')
        .map(crate::view::safe_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes `value` to `out` as [`json_text`] gives it, as it goes.
///
/// # Errors
/// `out` fails (its own error, so that a closed pipe is known as one), or a
/// value cannot be represented in JSON (not expected; `InvalidData`).
pub(super) fn write_json(
    out: &mut impl std::io::Write,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// `value` as pretty-printed JSON with a final newline.
fn json_text(value: &impl serde::Serialize) -> anyhow::Result<String> {
    let mut text =
        serde_json::to_string_pretty(value).context("cannot format the export as JSON")?;
    text.push('\n');
    Ok(text)
}

/// Writes the article text whose chars the brat `.ann` at `ann` counts to the
/// same path with the extension `.txt`, as brat expects. A `.txt` that is
/// there already (the article itself, or any other file) is left alone if
/// it holds exactly that text (UTF-8, as decoded) and the export is
/// refused otherwise.
///
/// # Errors
/// `ann` itself ends in `.txt`; the `.txt` exists with other text (the
/// article in another encoding, another article); reading or writing
/// fails.
fn write_brat_text(doc: &Document, article: &Path, ann: &Path) -> anyhow::Result<()> {
    let txt = ann.with_extension("txt");
    // Case-blind: on some file systems a.TXT is a.txt.
    if ann
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("txt"))
    {
        anyhow::bail!(
            "a brat export needs a name other than .txt (the text goes there): {}",
            ann.display()
        );
    }
    if super::same_file(&txt, article) {
        let bytes =
            std::fs::read(article).with_context(|| format!("cannot read {}", article.display()))?;
        if bytes == doc.text().as_bytes() {
            return Ok(());
        }
        anyhow::bail!(
            "refusing to replace the article {} with its decoded text for brat: choose another -o",
            txt.display()
        );
    }
    // Another file of that name (another article, or the text of another
    // brat pair) is never replaced; an earlier export of this text is
    // left as it is.
    match std::fs::read(&txt) {
        Ok(existing) if existing == doc.text().as_bytes() => return Ok(()),
        Ok(_) => anyhow::bail!(
            "refusing to replace {}: it holds other text, and brat keeps the text              beside the .ann; remove it or choose another -o",
            txt.display()
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", txt.display())),
    }
    store::write_atomic(&txt, doc.text())?;
    Ok(())
}

/// An export in TOML, JSON-LD or brat written as it is made.
pub(super) struct Streamed<'a> {
    pub(super) format: ExportFormat,
    pub(super) doc: &'a Document,
    pub(super) annotations: &'a crate::annotations::Annotations,
}

impl Streamed<'_> {
    /// Writes the export of `analysis` to `out`; returns the spans a brat
    /// export left out (none for the others).
    pub(super) fn write(
        &self,
        analysis: crate::analysis::Analysis,
        out: &mut impl std::io::Write,
    ) -> std::io::Result<Vec<String>> {
        let (doc, annotations) = (self.doc, self.annotations);
        if self.format == ExportFormat::Toml {
            let rest = crate::annotations::export::to_export(doc, None, annotations);
            let entities = crate::annotations::export::entity_records(doc, &analysis);
            let quotes = crate::annotations::export::quote_records(doc, &analysis, annotations);
            crate::annotations::file::write_toml_with(&rest, entities, quotes, out).map_err(
                |err| match err {
                    // Kept whole, so that a closed pipe is known as one.
                    crate::annotations::file::WriteError::Io(io) => io,
                    other => std::io::Error::other(other),
                },
            )?;
            return Ok(Vec::new());
        }
        let exported = crate::annotations::export::to_export_from(doc, analysis, annotations);
        if self.format == ExportFormat::Brat {
            return brat::write_standoff(doc, &exported, out);
        }
        let collection = web_annotation::collection(doc, &exported);
        write_json(out, &collection)?;
        Ok(Vec::new())
    }
}
