//! The command line: `folio FILE` opens the reader; `folio export FILE`
//! prints the annotation file.

use std::io::{IsTerminal as _, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::{Progress, analyse};
use crate::annotations::{anchor, export, file, store};
use crate::document::Document;

/// Read and annotate news articles in the terminal: named entities in colour,
/// quotations and their speakers, claims with verdicts, all saved as TOML.
#[derive(Debug, Parser)]
#[command(
    version,
    args_conflicts_with_subcommands = true,
    arg_required_else_help = true,
    after_help = EXAMPLES
)]
pub struct Cli {
    /// The article to open (plain text, UTF-8).
    pub file: Option<PathBuf>,
    /// What to do instead of opening the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

const EXAMPLES: &str = "Examples:
  folio samples/macron-moscow.txt          read and annotate (press ? for keys)
  folio export samples/macron-moscow.txt   print entities, quotes and claims as TOML
  folio export a.txt -o a.toml             write them to a file
  folio export a.txt --format json         W3C Web Annotation JSON-LD
  folio export a.txt --format brat -o a.ann   brat standoff (also writes a.txt beside it)
  folio export a.txt --format claimreview  schema.org ClaimReview for claims with a verdict";

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the article's entities, quotations and claims as TOML, JSON-LD
    /// or brat standoff (offsets in chars, end-exclusive).
    Export {
        /// The article.
        file: PathBuf,
        /// Write to this file instead of standard output (for brat, the
        /// article text goes beside it, with the extension `.txt`).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The export format.
        #[arg(short, long, value_enum, default_value_t = ExportFormat::Toml)]
        format: ExportFormat,
    },
}

/// What `folio export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// folio's annotation file, with entities and quotations.
    Toml,
    /// W3C Web Annotation Data Model, JSON-LD (an AnnotationCollection).
    Json,
    /// brat standoff `.ann` (entity mentions, quotations, claims).
    Brat,
    /// schema.org ClaimReview JSON-LD, for claims with a verdict.
    Claimreview,
}

/// Runs folio with the process arguments.
///
/// # Errors
/// Any failure to read the article or its annotation file, or to write the
/// export; the message names the path.
pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match (cli.command, cli.file) {
        (
            Some(Command::Export {
                file,
                output,
                format,
            }),
            _,
        ) => export_command(&file, output.as_deref(), format),
        (None, Some(file)) => crate::tui::run(&file),
        (None, None) => anyhow::bail!("no article given: run folio FILE (folio --help shows more)"),
    }
}

fn export_command(path: &Path, output: Option<&Path>, format: ExportFormat) -> anyhow::Result<()> {
    let doc = Document::open(path)?;
    let annotation_file = file::load(&file::sidecar_path(path))?;
    let annotations = annotation_file
        .as_ref()
        .map(|f| anchor::claims_from_file(&doc, f))
        .unwrap_or_default();
    let analysis = analyse(&doc, &Progress::default());
    let exported = export::to_file(&doc, Some(&analysis), &annotations);
    let text = match format {
        ExportFormat::Toml => {
            file::to_toml(&exported).context("cannot format the export as TOML")?
        }
        ExportFormat::Json => json_text(&export::web_annotation::to_json(&doc, &exported))?,
        ExportFormat::Claimreview => json_text(&export::claim_review::to_json(&exported))?,
        ExportFormat::Brat => {
            let standoff = export::brat::to_standoff(&doc, &exported);
            for line in &standoff.left_out {
                eprintln!("folio: brat: {}", crate::view::safe_line(line));
            }
            standoff.ann
        }
    };
    match output {
        Some(out) => {
            if same_file(out, path) {
                anyhow::bail!(
                    "refusing to write the export over the article itself: {}",
                    out.display()
                );
            }
            if format == ExportFormat::Brat {
                write_brat_text(&doc, path, out)?;
            }
            store::write_atomic(out, &text)?;
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            let text = if stdout.is_terminal() {
                for_terminal(&text)
            } else {
                text
            };
            stdout
                .write_all(text.as_bytes())
                .context("cannot write to standard output")?;
            stdout.flush().context("cannot write to standard output")?;
        }
    }
    Ok(())
}

/// `text` made safe to show in a terminal: each line with its control
/// characters (which TOML and JSON escape, but brat's text fields and C1
/// controls keep) shown as placeholders, so an article cannot send escape
/// sequences to the reader's terminal. Files and pipes get the exact text.
fn for_terminal(text: &str) -> String {
    text.split('\n')
        .map(crate::view::safe_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `value` as pretty-printed JSON with a final newline.
fn json_text(value: &serde_json::Value) -> anyhow::Result<String> {
    let mut text =
        serde_json::to_string_pretty(value).context("cannot format the export as JSON")?;
    text.push('\n');
    Ok(text)
}

/// Writes the article text whose chars the brat `.ann` at `ann` counts to the
/// same path with the extension `.txt`, as brat expects. When that is the
/// article itself, it is left alone if it already holds exactly that text
/// (UTF-8, as decoded) and the export is refused otherwise.
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
    if same_file(&txt, article) {
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
    store::write_atomic(&txt, doc.text())?;
    Ok(())
}

/// Whether `a` and `b` name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
