//! `folio entities`, `folio quotes` and `folio text`: what folio reads in an
//! article, printed for people (tables) or scripts (TOML, JSON). Offsets
//! count chars of the text `folio text` prints, end-exclusive.

use std::collections::HashMap;
use std::path::Path;

use std::io::{IsTerminal as _, Write as _};

use anyhow::Context as _;
use serde::Serialize;
use unicode_width::UnicodeWidthStr as _;

use super::Format;
use super::annotated::Annotated;
use super::generate::write_stdout;
use crate::analysis::Scope;
use crate::annotations::export;
use crate::annotations::file::{
    ArticleRecord, EntityRecord, OFFSET_UNIT, QuoteRecord, format_part,
};
use crate::input;
use crate::view::safe_line;

/// Longest quotation text a table row shows, in columns.
const QUOTE_COLUMNS: usize = 72;

/// Records written at a time in a `--format toml` listing.
const RECORDS_AT_A_TIME: usize = 256;

/// Writes what `--format toml|json` prints, the article and one list
/// called `name`, making each record of `records` as it goes: a long
/// article's list is never all in memory. The text is what serialising the
/// whole listing at once gives.
///
/// # Errors
/// Writing to `out` failed, or a value cannot be represented (not expected).
fn write_listing<T: Serialize>(
    out: &mut impl std::io::Write,
    format: Format,
    article: &ArticleRecord,
    name: &'static str,
    records: impl Iterator<Item = T>,
) -> anyhow::Result<()> {
    write_listing_by(out, format, (article, name), records, RECORDS_AT_A_TIME)
}

/// [`write_listing`] formatting `chunk` TOML records at a time.
fn write_listing_by<T: Serialize>(
    out: &mut impl std::io::Write,
    format: Format,
    (article, name): (&ArticleRecord, &'static str),
    records: impl Iterator<Item = T>,
    chunk: usize,
) -> anyhow::Result<()> {
    if format == Format::Json {
        let listing = Listing {
            article,
            name,
            records: Seq::new(records),
        };
        serde_json::to_writer_pretty(&mut *out, &listing).context("cannot format as JSON")?;
        out.write_all(b"\n")?;
        return Ok(());
    }
    #[derive(Serialize)]
    struct Head<'a> {
        offset_unit: &'static str,
        article: &'a ArticleRecord,
    }
    let head = Head {
        offset_unit: OFFSET_UNIT,
        article,
    };
    out.write_all(
        format_part(&head)
            .context("cannot format as TOML")?
            .as_bytes(),
    )?;
    let mut some = Vec::with_capacity(chunk);
    let mut records = records.peekable();
    while records.peek().is_some() {
        some.clear();
        some.extend(records.by_ref().take(chunk.max(1)));
        let part = std::collections::BTreeMap::from([(name, &some)]);
        out.write_all(b"\n")?;
        out.write_all(
            format_part(&part)
                .context("cannot format as TOML")?
                .as_bytes(),
        )?;
    }
    Ok(())
}

/// The JSON listing: `offset_unit`, `article` and the list, serialised
/// from its iterator (taken on first use) one record at a time.
struct Listing<'a, I> {
    article: &'a ArticleRecord,
    name: &'static str,
    records: Seq<I>,
}

impl<I> Serialize for Listing<'_, I>
where
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("offset_unit", OFFSET_UNIT)?;
        map.serialize_entry("article", self.article)?;
        map.serialize_entry(self.name, &self.records)?;
        map.end()
    }
}

/// A sequence serialised from an iterator, one item at a time; it can be
/// serialised once (then it is empty).
pub(super) struct Seq<I>(std::cell::RefCell<Option<I>>);

impl<I> Seq<I> {
    /// The sequence of what `items` gives.
    pub(super) fn new(items: I) -> Self {
        Self(std::cell::RefCell::new(Some(items)))
    }
}

impl<I> Serialize for Seq<I>
where
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.borrow_mut().take().into_iter().flatten())
    }
}

/// Prints the article text as folio reads it (decoded, UTF-8); on a
/// terminal, with control characters shown as placeholders, so that an
/// article's escape sequences never reach it (a pipe or file gets the
/// exact text its offsets count).
pub(super) fn text(path: &Path) -> anyhow::Result<()> {
    write_stdout(text_shown(path)?.as_bytes())
}

/// The text of the article at `path` as `folio text` prints it: exactly
/// as folio reads it, with control characters shown as symbols when
/// standard output is a terminal.
pub(super) fn text_shown(path: &Path) -> anyhow::Result<String> {
    let doc = input::open(path)?;
    if std::io::stdout().is_terminal() {
        return Ok(super::export_format::for_terminal(doc.text()));
    }
    Ok(doc.text().to_owned())
}

/// Prints the named entities of the article at `path`.
pub(super) fn entities(path: &Path, format: Format) -> anyhow::Result<()> {
    if format == Format::Table {
        return write_stdout(entities_table(path)?.as_bytes());
    }
    let article = analysed(path)?;
    let records = export::entity_records(&article.doc, &article.analysis);
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    write_listing(
        &mut stdout,
        format,
        &article_record(&article),
        "entities",
        records,
    )?;
    stdout.flush().context("cannot write to standard output")
}

/// The entity table of the article at `path` (see [`entity_table`]),
/// with the reader's corrections applied, as `folio entities` prints it.
pub(super) fn entities_table(path: &Path) -> anyhow::Result<String> {
    let article = analysed(path)?;
    // A row per entity, made from one record at a time: a long article's
    // mentions are never all copied at once.
    let records = export::entity_records(&article.doc, &article.analysis);
    Ok(entity_table(records, terminal_columns()))
}

/// The article at `path` analysed for its quotations: the entities keep
/// their ids and names (speakers are named by them), not their mentions.
fn analysed_for_quotes(path: &Path) -> anyhow::Result<Annotated> {
    let mut article = analysed(path)?;
    for entity in &mut article.analysis.entities {
        entity.mentions = Vec::new();
    }
    Ok(article)
}

/// The quotation table of the article at `path`, with the reader's
/// speaker corrections applied, as `folio quotes` prints it.
pub(super) fn quotes_table(path: &Path) -> anyhow::Result<String> {
    let article = analysed_for_quotes(path)?;
    let (doc, analysis) = (&article.doc, &article.analysis);
    let names: HashMap<&str, &str> = (analysis.entities.iter())
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let mut table = Vec::new();
    write_table(
        &["ID", "START", "END", "KIND", "SPEAKER", "HOW", "TEXT"],
        || export::quote_records(doc, analysis, &article.annotations).map(|q| quote_row(q, &names)),
        &mut table,
    )?;
    Ok(String::from_utf8_lossy(&table).into_owned())
}

/// Prints the quotations of the article at `path`, with the reader's
/// speaker corrections applied.
pub(super) fn quotes(path: &Path, format: Format) -> anyhow::Result<()> {
    if format == Format::Table {
        return write_stdout(quotes_table(path)?.as_bytes());
    }
    let article = analysed_for_quotes(path)?;
    let (doc, analysis) = (&article.doc, &article.analysis);
    let records = || export::quote_records(doc, analysis, &article.annotations);
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    write_listing(
        &mut stdout,
        format,
        &article_record(&article),
        "quotes",
        records(),
    )?;
    stdout.flush().context("cannot write to standard output")
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

/// The width of the terminal standard output goes to, if it goes to one.
fn terminal_columns() -> Option<usize> {
    use std::io::IsTerminal as _;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(columns, _)| usize::from(columns))
}

/// Fewest columns the WHY column is cut to: where the other columns leave
/// fewer, rows wrap whatever is cut, and WHY is left whole.
const MIN_WHY_COLUMNS: usize = 16;

/// `KIND  MENTIONS  NAME  ID  WHY`, one entity a row, in order of first
/// mention; WHY is the panel's detail line: the reason for the kind, after
/// `a guess:` when the model guessed it. With `columns` (the terminal's
/// width), WHY is cut with `…` so that rows fit, as the quotation table
/// cuts its text (`--format json` has it whole), unless fewer than
/// [`MIN_WHY_COLUMNS`] are left for it.
fn entity_table(entities: impl Iterator<Item = EntityRecord>, columns: Option<usize>) -> String {
    let rows: Vec<Vec<String>> = entities
        .map(|e| {
            let why = if e.kind_guessed {
                format!("a guess: {}", e.reason)
            } else {
                e.reason
            };
            vec![
                kind_name(e.kind).to_owned(),
                e.mentions.len().to_string(),
                safe_line(&e.name),
                e.id,
                safe_line(&why),
            ]
        })
        .collect();
    let header = ["KIND", "MENTIONS", "NAME", "ID", "WHY"];
    let rows = match columns {
        Some(columns) if columns > 0 => {
            // Every column but the last is padded to its widest cell and
            // two spaces.
            let widths = column_widths(&header, rows.iter());
            let before: usize = widths.iter().rev().skip(1).map(|w| w + 2).sum();
            let room = columns.saturating_sub(before + 1);
            if room < MIN_WHY_COLUMNS {
                return table(&header, &rows);
            }
            rows.into_iter()
                .map(|mut row| {
                    if let Some(why) = row.last_mut() {
                        *why = shorten(why, room);
                    }
                    row
                })
                .collect()
        }
        _ => rows,
    };
    table(&header, &rows)
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
    let widths = column_widths(header, rows());
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
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

/// The width of each column of a [`table`] (terminal columns): its widest
/// cell, header included.
fn column_widths<R: std::borrow::Borrow<Vec<String>>>(
    header: &[&str],
    rows: impl Iterator<Item = R>,
) -> Vec<usize> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row.borrow()) {
            *width = (*width).max(cell.width());
        }
    }
    widths
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
    fn the_why_column_is_cut_to_the_terminal_only_where_that_helps() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/macron-moscow.txt");
        let article = super::super::annotated::open(&path, Scope::WithoutSuggestions).unwrap();
        let records = || export::entity_records(&article.doc, &article.analysis);
        let row = |table: &str, id: &str| {
            let line = table.lines().find(|l| l.contains(id)).unwrap();
            line.trim_end().to_owned()
        };
        // Not a terminal: whole. The widest row: NATO's.
        let whole = entity_table(records(), None);
        let nato = "organisation  2         NATO                 nato                 \
                    gazetteer organisation + typed alike elsewhere";
        assert_eq!(row(&whole, "nato"), nato);
        // 100 columns: the first 66 (and the last, left free) leave 33 for
        // WHY, cut with "…".
        let cut = entity_table(records(), Some(100));
        assert_eq!(
            row(&cut, "nato"),
            "organisation  2         NATO                 nato                 \
             gazetteer organisation + typed a…"
        );
        assert!(cut.lines().all(|l| l.width() < 100), "{cut}");
        assert_eq!(row(&cut, "emmanuel-macron"), row(&whole, "emmanuel-macron"));
        // 70 columns leave 3: rows wrap whatever is cut, so WHY stays whole.
        assert_eq!(entity_table(records(), Some(70)), whole);
    }

    #[test]
    fn a_listing_written_a_few_records_at_a_time_is_the_whole_listing() {
        #[derive(Serialize)]
        struct Whole<'a> {
            offset_unit: &'static str,
            article: &'a ArticleRecord,
            entities: &'a [EntityRecord],
        }
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/macron-moscow.txt");
        let article = super::super::annotated::open(&path, Scope::WithoutSuggestions).unwrap();
        let records: Vec<EntityRecord> =
            export::entity_records(&article.doc, &article.analysis).collect();
        assert!(records.len() > 5);
        assert!(records.iter().any(|e| e.id == "emmanuel-macron"));
        let head = article_record(&article);
        let whole = Whole {
            offset_unit: OFFSET_UNIT,
            article: &head,
            entities: &records,
        };
        let written = |format, chunk| {
            let mut out = Vec::new();
            let listed = records.iter().cloned();
            write_listing_by(&mut out, format, (&head, "entities"), listed, chunk).unwrap();
            String::from_utf8(out).unwrap()
        };
        // In the annotation file's layout (a mention a line), holding what
        // plain TOML holds.
        let toml_text = format_part(&whole).unwrap();
        assert!(
            toml_text.contains("\n    { start = 17, end = 32, exact = \"Emmanuel Macron\" },\n")
        );
        assert_eq!(
            toml::from_str::<toml::Value>(&toml_text).unwrap(),
            toml::from_str::<toml::Value>(&toml::to_string(&whole).unwrap()).unwrap()
        );
        assert_eq!(written(Format::Toml, 2), toml_text);
        assert_eq!(written(Format::Toml, 256), toml_text);
        let json_text = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        assert_eq!(written(Format::Json, 2), json_text);
    }

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
