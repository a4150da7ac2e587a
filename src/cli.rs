//! The command line: `folio FILE` opens the reader; `folio export FILE`
//! prints the annotation file.

use std::io::{IsTerminal as _, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::analysis::{Progress, analyse};
use crate::annotations::{anchor, corrections, export, file, store};
use crate::document::Document;

pub mod export_format;

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
  folio export a.txt -o a.toml             write them to a file";

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the article's entities, quotations and claims as TOML, W3C Web
    /// Annotation JSON-LD, brat standoff or schema.org ClaimReview (offsets
    /// in chars, end-exclusive).
    Export {
        /// The article.
        file: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The export format.
        #[arg(short, long, value_enum, default_value_t = export_format::ExportFormat::Toml)]
        format: export_format::ExportFormat,
    },
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

fn export_command(
    path: &Path,
    output: Option<&Path>,
    format: export_format::ExportFormat,
) -> anyhow::Result<()> {
    let doc = Document::open(path)?;
    let fallback = store::fallback_sidecar(doc.sha256());
    let annotation_file = file::load(&store::annotations_path(
        &file::sidecar_path(path),
        fallback.as_deref(),
    ))?;
    let annotations = annotation_file
        .as_ref()
        .map(|f| anchor::claims_from_file(&doc, f))
        .unwrap_or_default();
    let mut analysis = analyse(&doc, &Progress::default());
    corrections::apply(&mut analysis, annotations.corrections(), &doc);
    let exported = export::to_file(&doc, Some(&analysis), &annotations);
    let text = export_format::render(format, &doc, &exported)?;
    match output {
        Some(out) => {
            if same_file(out, path) {
                anyhow::bail!(
                    "refusing to write the export over the article itself: {}",
                    out.display()
                );
            }
            export_format::write_companions(format, &doc, path, out)?;
            store::write_atomic(out, &text)?;
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            let text = if stdout.is_terminal() {
                export_format::for_terminal(&text)
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

/// Whether `a` and `b` name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
