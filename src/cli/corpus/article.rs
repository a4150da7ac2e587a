//! One article of a corpus run: read, analyse, and turn into a JSONL record
//! or a file in the output folder. Runs on worker threads, so it returns
//! its failure as data (an error record) instead of stopping the run.
//!
//! JSONL records (one JSON object a line, UTF-8, offsets in chars,
//! end-exclusive, as everywhere in folio):
//! - `entities`: `{"path", "sha256", "offset_unit", "article", "entities"}`
//! - `quotes`: `{"path", "sha256", "offset_unit", "article", "quotes"}`
//! - `export`: `{"path", "sha256"}` and the annotation file's fields
//!   (`schema`, `offset_unit`, `article`, `entities`, `quotes`, `claims`, …)
//! - `text`: `{"path", "sha256", "text"}`
//! - a failed article: `{"path", "error"}`, `error` a one-line message.
//!
//! `path` is the path as given (or as found in a walked folder), `sha256`
//! the lower-case hex SHA-256 of the article's bytes.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use anyhow::Context as _;
use serde::Serialize;

use super::super::export_format::{self, ExportFormat};
use super::super::inspect;
use super::super::suggest::{self, SuggestFormat};
use super::{ListFormat, TextFormat};
use crate::annotations::file::{
    AnnotationFile, ArticleRecord, EntityRecord, OFFSET_UNIT, QuoteRecord,
};
use crate::annotations::{export, store};
use crate::document::Document;
use crate::input;

/// What a run prints for each article.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Task {
    /// `folio entities`.
    Entities(ListFormat),
    /// `folio quotes`.
    Quotes(ListFormat),
    /// `folio export`.
    Export(ExportFormat),
    /// `folio text`.
    Text(TextFormat),
    /// `folio suggest`, with its `--top`.
    Suggest(SuggestFormat, Option<usize>),
}

impl Task {
    /// Whether the output is for people to read (a table, the plain
    /// text): many articles print one after another, each under a
    /// `==> path <==` line (as `head` and `tail` name their files).
    pub(crate) fn is_for_people(self) -> bool {
        matches!(
            self,
            Self::Entities(ListFormat::Table)
                | Self::Quotes(ListFormat::Table)
                | Self::Suggest(SuggestFormat::Table, _)
                | Self::Text(TextFormat::Plain)
        )
    }

    /// Whether the format is JSONL (one record a line).
    pub(crate) fn is_jsonl(self) -> bool {
        matches!(
            self,
            Self::Entities(ListFormat::Jsonl)
                | Self::Quotes(ListFormat::Jsonl)
                | Self::Export(ExportFormat::Jsonl)
                | Self::Text(TextFormat::Jsonl)
                | Self::Suggest(SuggestFormat::Jsonl, _)
        )
    }

    /// What each line of its `--format jsonl` output holds, for messages.
    pub(crate) fn jsonl_lines(self) -> &'static str {
        match self {
            Self::Suggest(..) => "one line per suggested sentence",
            _ => "one record per article",
        }
    }

    /// What `--output-dir` appends to an article's file name, or why this
    /// format cannot be written there.
    pub(crate) fn file_suffix(self) -> anyhow::Result<&'static str> {
        Ok(match self {
            Self::Entities(ListFormat::Json | ListFormat::Jsonl) => ".entities.json",
            Self::Entities(ListFormat::Toml) => ".entities.toml",
            Self::Quotes(ListFormat::Json | ListFormat::Jsonl) => ".quotes.json",
            Self::Quotes(ListFormat::Toml) => ".quotes.toml",
            Self::Entities(ListFormat::Table) | Self::Quotes(ListFormat::Table) => {
                anyhow::bail!("--output-dir writes --format json, toml or jsonl, not tables")
            }
            Self::Suggest(SuggestFormat::Json, _) => ".suggestions.json",
            Self::Suggest(SuggestFormat::Jsonl, _) => ".suggestions.jsonl",
            Self::Suggest(SuggestFormat::Table, _) => {
                anyhow::bail!("--output-dir writes --format json or jsonl, not tables")
            }
            Self::Export(ExportFormat::Toml) => ".folio.toml",
            Self::Export(ExportFormat::Json) => ".jsonld",
            Self::Export(ExportFormat::Brat) => ".ann",
            Self::Export(ExportFormat::Claimreview) => ".claimreview.json",
            Self::Export(ExportFormat::Markdown) => ".folio.md",
            Self::Export(ExportFormat::Jsonl) | Self::Text(TextFormat::Jsonl) => ".json",
            Self::Text(TextFormat::Plain) => ".txt",
        })
    }
}

/// What became of one article.
#[derive(Debug)]
pub(crate) struct Outcome {
    /// Its size in bytes (0 if unknown), for the progress bar's MB/s.
    pub(crate) bytes: u64,
    /// The JSONL line (with its `\n`; empty with `--output-dir`), or the
    /// error record's line and the one-line message.
    pub(crate) result: Result<String, (String, String)>,
}

/// The output files of one `--output-dir` run, each with the article it
/// holds (as found on disk), shared by the worker threads: two articles
/// whose paths map to one output file ("x.txt" and "../x.txt") must not
/// overwrite each other's output unnoticed.
#[derive(Debug, Default)]
pub(crate) struct Written(std::sync::Mutex<HashMap<PathBuf, PathBuf>>);

impl Written {
    /// Claims `out` for the article at `article`: false when another
    /// article of this run has it.
    fn claim(&self, out: &Path, article: &Path) -> bool {
        let article = std::fs::canonicalize(article).unwrap_or_else(|_| article.to_path_buf());
        let mut written = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let holder = written
            .entry(out.to_path_buf())
            .or_insert_with(|| article.clone());
        *holder == article
    }
}

/// Processes the article at `path`: its JSONL line, or with `out_dir` its
/// file written there (see [`output_path`]), once per output file of the
/// run (`written`).
pub(crate) fn process(
    task: Task,
    out_dir: Option<&Path>,
    written: &Written,
    path: PathBuf,
) -> Outcome {
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    let result = match out_dir {
        None => record(task, &path),
        Some(dir) => write_file(task, dir, written, &path).map(|()| String::new()),
    }
    .map_err(|err| failure(&path, &format!("{err:#}")));
    Outcome { bytes, result }
}

/// The error record of the article at `path` and its message.
pub(crate) fn failure(path: &Path, message: &str) -> (String, String) {
    #[derive(Serialize)]
    struct ErrorRecord<'a> {
        path: &'a str,
        error: &'a str,
    }
    let line = json_line(&ErrorRecord {
        path: &path.to_string_lossy(),
        error: message,
    })
    .unwrap_or_else(|_| "{\"error\":\"cannot format the error\"}\n".to_owned());
    (line, message.to_owned())
}

/// The JSONL line of `task` for the article at `path` (for a table, the
/// article's table under its name).
fn record(task: Task, path: &Path) -> anyhow::Result<String> {
    let shown = path.to_string_lossy();
    match task {
        Task::Entities(ListFormat::Table)
        | Task::Quotes(ListFormat::Table)
        | Task::Suggest(SuggestFormat::Table, _)
        | Task::Text(TextFormat::Plain) => {
            let shown_text = match task {
                Task::Quotes(_) => inspect::quotes_table(path)?,
                Task::Suggest(_, top) => suggest::rendered(path, SuggestFormat::Table, top)?,
                Task::Text(_) => inspect::text_shown(path)?,
                _ => inspect::entities_table(path)?,
            };
            Ok(format!(
                "==> {} <==\n{shown_text}\n",
                crate::view::safe_line(&shown)
            ))
        }
        Task::Entities(_) | Task::Quotes(_) => {
            let (_, exported) = exported(path)?;
            json_line(&ListingRecord {
                path: &shown,
                sha256: &exported.article.sha256,
                listing: listing(task, &exported),
            })
        }
        Task::Export(_) => {
            let (_, exported) = exported(path)?;
            export_record(path, &exported)
        }
        Task::Text(_) => {
            let doc = input::open(path)?;
            json_line(&TextRecord {
                path: &shown,
                sha256: doc.sha256(),
                text: doc.text(),
            })
        }
        // One line a suggestion (none for an article without any).
        Task::Suggest(_, top) => suggest::rendered(path, SuggestFormat::Jsonl, top),
    }
}

/// Writes the single-article output of `task` for `path` under `dir`.
///
/// # Errors
/// Besides failures to read or write: the output file would land in the
/// article's own folder (where it could replace another article, as
/// `a.txt` for the text of `a`, or the article's annotation file), or
/// another article of the run has the same output file.
fn write_file(task: Task, dir: &Path, written: &Written, path: &Path) -> anyhow::Result<()> {
    let out = output_path(dir, path, task.file_suffix()?);
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    if beside_the_article(&out, path) {
        anyhow::bail!(
            "--output-dir would write {} beside the article, where it could replace an \
             article or its annotations: choose a folder outside the articles",
            out.display()
        );
    }
    if !written.claim(&out, path) {
        anyhow::bail!(
            "{} is already the output of another article of this run (their paths differ \
             only by a root or `..`): give them from one folder",
            out.display()
        );
    }
    let text = match task {
        Task::Entities(format) | Task::Quotes(format) => {
            let (_, exported) = exported(path)?;
            let listing = listing(task, &exported);
            match format {
                // In the annotation file's layout: a mention a line.
                ListFormat::Toml => crate::annotations::file::format_part(&listing)
                    .context("cannot format as TOML")?,
                ListFormat::Jsonl => record(task, path)?,
                _ => {
                    serde_json::to_string_pretty(&listing).context("cannot format as JSON")? + "\n"
                }
            }
        }
        Task::Export(format) => {
            let (doc, exported) = exported(path)?;
            export_format::write_companions(format, &doc, path, &out)?;
            export_format::render(format, &doc, &exported)?
        }
        Task::Text(TextFormat::Plain) => input::open(path)?.text().to_owned(),
        Task::Text(TextFormat::Jsonl) => record(task, path)?,
        Task::Suggest(format, top) => suggest::rendered(path, format, top)?,
    };
    store::write_atomic(&out, &text)?;
    Ok(())
}

/// Whether the output file `out` is in the same folder as the article at
/// `path` (the output folder mirrors the articles' own).
fn beside_the_article(out: &Path, path: &Path) -> bool {
    let folder = |p: &Path| {
        let parent = p.parent().filter(|f| !f.as_os_str().is_empty());
        std::fs::canonicalize(parent.unwrap_or(Path::new(".")))
    };
    matches!((folder(out), folder(path)), (Ok(a), Ok(b)) if a == b)
}

/// Where `--output-dir DIR` puts the output for the article at `path`:
/// `DIR/` + the path as given, without its root and `.`/`..` parts, +
/// `suffix` (`corpus/a.txt` → `DIR/corpus/a.txt.entities.json`), so two
/// articles never share an output file unless their paths differ only by
/// those parts.
pub(crate) fn output_path(dir: &Path, path: &Path, suffix: &str) -> PathBuf {
    let mut out = dir.to_path_buf();
    for part in path.components() {
        if let Component::Normal(name) = part {
            out.push(name);
        }
    }
    let mut name = out.into_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The article at `path` as `folio export` builds it: analysed, with the
/// reader's annotation file (beside it, or its copy in the data folder)
/// applied (see [`super::super::annotated::open`]).
pub(crate) fn exported(path: &Path) -> anyhow::Result<(Document, AnnotationFile)> {
    let article = super::super::annotated::open(path, crate::analysis::Scope::WithoutSuggestions)?;
    let exported = export::to_export(&article.doc, Some(&article.analysis), &article.annotations);
    Ok((article.doc, exported))
}

/// `value` as one line of JSON with its `\n`.
fn json_line(value: &impl Serialize) -> anyhow::Result<String> {
    let mut line = serde_json::to_string(value).context("cannot format as JSON")?;
    line.push('\n');
    Ok(line)
}

/// The JSONL record of `folio export --format jsonl` for one article.
pub(crate) fn export_record(path: &Path, exported: &AnnotationFile) -> anyhow::Result<String> {
    json_line(&ExportRecord {
        path: &path.to_string_lossy(),
        sha256: &exported.article.sha256,
        file: exported,
    })
}

/// What `folio entities|quotes --format json` prints (the same fields, in
/// the same order).
#[derive(Serialize)]
struct Listing<'a> {
    offset_unit: &'static str,
    article: &'a ArticleRecord,
    #[serde(skip_serializing_if = "Option::is_none")]
    entities: Option<&'a [EntityRecord]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quotes: Option<&'a [QuoteRecord]>,
}

fn listing(task: Task, exported: &AnnotationFile) -> Listing<'_> {
    Listing {
        offset_unit: OFFSET_UNIT,
        article: &exported.article,
        entities: matches!(task, Task::Entities(_)).then_some(exported.entities.as_slice()),
        quotes: matches!(task, Task::Quotes(_)).then_some(exported.quotes.as_slice()),
    }
}

#[derive(Serialize)]
struct ListingRecord<'a> {
    path: &'a str,
    sha256: &'a str,
    #[serde(flatten)]
    listing: Listing<'a>,
}

#[derive(Serialize)]
struct ExportRecord<'a> {
    path: &'a str,
    sha256: &'a str,
    #[serde(flatten)]
    file: &'a AnnotationFile,
}

#[derive(Serialize)]
struct TextRecord<'a> {
    path: &'a str,
    sha256: &'a str,
    text: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_keep_the_given_path_without_root_or_dots() {
        let dir = Path::new("out");
        assert_eq!(
            output_path(dir, Path::new("corpus/a.txt"), ".entities.json"),
            Path::new("out/corpus/a.txt.entities.json")
        );
        assert_eq!(
            output_path(dir, Path::new("/tmp/../x/./b.md"), ".folio.toml"),
            Path::new("out/tmp/x/b.md.folio.toml")
        );
    }

    #[test]
    fn an_output_beside_its_article_or_shared_with_another_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("k");
        std::fs::create_dir(&folder).unwrap();
        let (a, a_txt) = (folder.join("a"), folder.join("a.txt"));
        std::fs::write(&a, "Angela Merkel spoke in Berlin.\n").unwrap();
        std::fs::write(&a_txt, "IMPORTANT ORIGINAL\n").unwrap();
        let text = Task::Text(TextFormat::Plain);
        // `--output-dir /` mirrors an absolute path onto itself, as
        // `--output-dir .` does a relative one: the text of `k/a` would
        // replace the article `k/a.txt`.
        let written = Written::default();
        let err = write_file(text, Path::new("/"), &written, &a).unwrap_err();
        assert!(err.to_string().contains("beside the article"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&a_txt).unwrap(),
            "IMPORTANT ORIGINAL\n"
        );
        // Two articles, one output file.
        let out = dir.path().join("out");
        let other = dir.path().join("other");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("a"), "Olaf Scholz spoke in Bonn.\n").unwrap();
        let written = Written::default();
        write_file(text, &out, &written, &a).unwrap();
        assert!(
            written.claim(&output_path(&out, &a, ".txt"), &a),
            "the same article again"
        );
        let moved = out.join("shared");
        assert!(written.claim(&moved, &a));
        assert!(!written.claim(&moved, &other.join("a")));
    }

    #[test]
    fn an_error_record_is_one_line_of_json_with_path_and_error() {
        let (line, message) = failure(Path::new("a\nb.txt"), "cannot read a\nb.txt: gone");
        assert_eq!(
            line,
            "{\"path\":\"a\\nb.txt\",\"error\":\"cannot read a\\nb.txt: gone\"}\n"
        );
        assert_eq!(message, "cannot read a\nb.txt: gone");
    }
}
