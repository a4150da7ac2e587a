//! `folio entities`, `folio quotes` and `folio text`: what folio reads in an
//! article, printed for people (tables) or scripts (TOML, JSON). Offsets
//! count chars of the text `folio text` prints, end-exclusive.

use std::collections::HashMap;
use std::path::Path;

use std::io::Write as _;

use anyhow::Context as _;
use serde::Serialize;
use unicode_width::UnicodeWidthStr as _;

use super::Format;
use super::annotated::Annotated;
use super::generate::write_stdout;
use crate::analysis::Scope;
use crate::annotations::export;
use crate::annotations::file::{ArticleRecord, EntityRecord, OFFSET_UNIT, QuoteRecord};
use crate::input;
use crate::view::safe_line;

/// Longest quotation text a table row shows, in columns.
const QUOTE_COLUMNS: usize = 72;

/// What `--format toml|json` prints: the article and one list.
#[derive(Serialize)]
struct Listing<'a> {
    offset_unit: &'static str,
    article: &'a ArticleRecord,
    #[serde(skip_serializing_if = "Option::is_none")]
    entities: Option<&'a [EntityRecord]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quotes: Option<&'a [QuoteRecord]>,
}

/// Prints the article text as folio reads it (decoded, UTF-8).
pub(super) fn text(path: &Path) -> anyhow::Result<()> {
    let doc = input::open(path)?;
    write_stdout(doc.text().as_bytes())
}

/// Prints the named entities of the article at `path`.
pub(super) fn entities(path: &Path, format: Format) -> anyhow::Result<()> {
    let article = analysed(path)?;
    let (doc, analysis) = (&article.doc, &article.analysis);
    let out = match format {
        // A row per entity, made from one record at a time: a long
        // article's mentions are never all copied at once.
        Format::Table => entity_table(export::entity_records(doc, analysis)),
        Format::Toml | Format::Json => {
            let entities: Vec<EntityRecord> = export::entity_records(doc, analysis).collect();
            serialise(
                &Listing {
                    offset_unit: OFFSET_UNIT,
                    article: &article_record(&article),
                    entities: Some(&entities),
                    quotes: None,
                },
                format,
            )?
        }
    };
    write_stdout(out.as_bytes())
}

/// Prints the quotations of the article at `path`, with the reader's
/// speaker corrections applied.
pub(super) fn quotes(path: &Path, format: Format) -> anyhow::Result<()> {
    let mut article = analysed(path)?;
    // Speakers are named by id and name: the entities' mentions can go.
    for entity in &mut article.analysis.entities {
        entity.mentions = Vec::new();
    }
    let (doc, analysis) = (&article.doc, &article.analysis);
    let records = || export::quote_records(doc, analysis, &article.annotations);
    if format == Format::Table {
        let names: HashMap<&str, &str> = (analysis.entities.iter())
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect();
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        write_table(
            &["ID", "START", "END", "KIND", "SPEAKER", "HOW", "TEXT"],
            || records().map(|q| quote_row(q, &names)),
            &mut stdout,
        )
        .and_then(|()| stdout.flush())
        .context("cannot write to standard output")?;
        return Ok(());
    }
    let quotes: Vec<QuoteRecord> = records().collect();
    let out = serialise(
        &Listing {
            offset_unit: OFFSET_UNIT,
            article: &article_record(&article),
            entities: None,
            quotes: Some(&quotes),
        },
        format,
    )?;
    write_stdout(out.as_bytes())
}

/// The article at `path` as `folio export` reads it: analysed (without
/// check-worthiness, which neither listing shows), with the reader's
/// annotations (entity corrections, speaker fixes) applied.
fn analysed(path: &Path) -> anyhow::Result<Annotated> {
    let mut article = super::annotated::open(path, Scope::WithoutSuggestions)?;
    article.analysis.sentences = Vec::new();
    Ok(article)
}

/// The `[article]` record of the export of `article`.
fn article_record(article: &Annotated) -> ArticleRecord {
    export::to_export(&article.doc, None, &article.annotations).article
}

fn serialise(listing: &Listing, format: Format) -> anyhow::Result<String> {
    match format {
        Format::Json => serde_json::to_string_pretty(listing)
            .map(|s| s + "\n")
            .context("cannot format as JSON"),
        _ => toml::to_string(listing).context("cannot format as TOML"),
    }
}

/// `KIND  MENTIONS  NAME  ID`, one entity a row, in order of first mention.
fn entity_table(entities: impl Iterator<Item = EntityRecord>) -> String {
    let rows: Vec<Vec<String>> = entities
        .map(|e| {
            vec![
                kind_name(e.kind).to_owned(),
                e.mentions.len().to_string(),
                safe_line(&e.name),
                e.id,
            ]
        })
        .collect();
    table(&["KIND", "MENTIONS", "NAME", "ID"], &rows)
}

/// The row of `q` in the `ID  START  END  KIND  SPEAKER  HOW  TEXT` table
/// of quotations; HOW is how the speaker was found (`clause`, `pronoun`,
/// `follows`, `subject`, `reader`, …), with `?` after it when the evidence
/// is weak. `names` gives each speaker id's name.
fn quote_row(q: QuoteRecord, names: &HashMap<&str, &str>) -> Vec<String> {
    let speaker = match (&q.speaker, &q.speaker_text) {
        (Some(id), _) => names.get(id.as_str()).map_or(id.as_str(), |n| n).to_owned(),
        (None, Some(text)) => text.clone(),
        (None, None) => "-".to_owned(),
    };
    let how = q.speaker_evidence.as_deref().map_or_else(
        || "-".to_owned(),
        |how| format!("{how}{}", if q.speaker_weak { "?" } else { "" }),
    );
    vec![
        q.id,
        q.start.to_string(),
        q.end.to_string(),
        q.kind.as_str().to_owned(),
        safe_line(&speaker),
        how,
        shorten(&safe_line(&q.exact), QUOTE_COLUMNS),
    ]
}

fn kind_name(kind: crate::analysis::EntityKind) -> &'static str {
    use crate::analysis::EntityKind;
    match kind {
        EntityKind::Person => "person",
        EntityKind::Place => "place",
        EntityKind::Organisation => "organisation",
        EntityKind::Misc => "misc",
    }
}

/// Columns padded to their widest cell (by terminal width); the last column
/// is not padded.
pub(super) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_table(header, || rows.iter().cloned(), &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// [`table`] written to `out` with its rows made by `rows` twice, once to
/// measure the columns and once to write them, so that no more than a row
/// is in memory at a time however long the table.
///
/// # Errors
/// Writing to `out` failed.
pub(super) fn write_table<I>(
    header: &[&str],
    rows: impl Fn() -> I,
    out: &mut impl std::io::Write,
) -> std::io::Result<()>
where
    I: Iterator<Item = Vec<String>>,
{
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows() {
        for (width, cell) in widths.iter_mut().zip(&row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut line = String::new();
    for row in std::iter::once(header).chain(rows()) {
        line.clear();
        let last = row.len().saturating_sub(1);
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c < last {
                let pad = widths.get(c).copied().unwrap_or(0) - cell.width() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// `text` cut to at most `columns` terminal columns, ending in `…` if cut.
pub(super) fn shorten(text: &str, columns: usize) -> String {
    if text.width() <= columns {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > columns {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_by_width_and_leave_the_last_column_unpadded() {
        let rows = vec![
            vec![
                "person".to_owned(),
                "Zoë Ødegård".to_owned(),
                "x".to_owned(),
            ],
            vec!["place".to_owned(), "北京".to_owned(), "y".to_owned()],
        ];
        assert_eq!(
            table(&["KIND", "NAME", "ID"], &rows),
            "KIND    NAME         ID\nperson  Zoë Ødegård  x\nplace   北京         y\n"
        );
    }

    #[test]
    fn long_text_is_shortened_with_an_ellipsis() {
        assert_eq!(shorten("“Peace is possible”", 10), "“Peace is…");
        assert_eq!(shorten("short", 10), "short");
    }
}
