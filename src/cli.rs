//! The command line: `folio FILE` opens the reader; `folio export FILE`
//! prints the annotation file; `entities`, `quotes` and `text` print what
//! folio reads (see [`inspect`]); `completions` and `man` document folio.

use std::io::{IsTerminal as _, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::analysis::{Progress, analyse};
use crate::annotations::{anchor, export, file, store};

mod generate;
mod inspect;

/// Read and annotate news articles in the terminal: named entities in colour,
/// quotations and their speakers, claims with verdicts, all saved as TOML.
#[derive(Debug, Parser)]
#[command(version, args_conflicts_with_subcommands = true, after_help = EXAMPLES)]
pub struct Cli {
    /// The articles to open: plain text (UTF-8 or a legacy encoding),
    /// Markdown (`.md`) or a saved HTML page (`.html`, or detected by its
    /// content). `-`, or no file with standard input redirected, reads
    /// standard input.
    pub files: Vec<PathBuf>,
    /// What to do instead of opening the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

const EXAMPLES: &str = "Examples:
  folio samples/macron-moscow.txt          read and annotate (press ? for keys)
  folio export samples/macron-moscow.txt   print entities, quotes and claims as TOML
  folio export a.txt -o a.toml             write them to a file
  folio entities a.txt --format json       the named entities, as JSON
  folio quotes a.txt                       the quotations and their speakers, as a table
  folio text a.txt                         the article text every offset counts in
  curl -s URL | folio -                    read a page from standard input (keys still work)
  folio export - < page.html               export in a pipe (annotations of stdin live in the data folder)
  folio completions bash > folio.bash      shell completions (bash, zsh, fish, elvish, powershell)
  folio man > folio.1                      the manual page";

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the article's entities, quotations and claims as TOML
    /// (offsets in chars, end-exclusive).
    Export {
        /// The article (`-` reads standard input).
        file: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the named entities: kind, name, mention count, id and the
    /// char offsets of every mention.
    Entities {
        /// The article (`-` reads standard input).
        file: PathBuf,
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print the quotations: id, char offsets, kind, speaker and text.
    Quotes {
        /// The article (`-` reads standard input).
        file: PathBuf,
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print the article text exactly as folio reads it: every offset folio
    /// writes counts chars of this text.
    Text {
        /// The article (`-` reads standard input).
        file: PathBuf,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print folio's manual page (roff), e.g. `folio man > folio.1`.
    Man,
}

/// How the listing subcommands print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// TOML, as in the annotation file.
    Toml,
    /// JSON, for scripts.
    Json,
}

/// Runs folio with the process arguments.
///
/// # Errors
/// Any failure to read the article or its annotation file, or to write the
/// output; the message names the path.
pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Export { file, output }) => export_command(&file, output.as_deref()),
        Some(Command::Entities { file, format }) => inspect::entities(&file, format),
        Some(Command::Quotes { file, format }) => inspect::quotes(&file, format),
        Some(Command::Text { file }) => inspect::text(&file),
        Some(Command::Completions { shell }) => generate::completions(shell),
        Some(Command::Man) => generate::man(),
        None => match cli.files.as_slice() {
            // `folio < article.txt`, `curl … | folio`: standard input is the article.
            [] if !std::io::stdin().is_terminal() => {
                crate::tui::run(&[PathBuf::from(crate::input::STDIN)])
            }
            [] => anyhow::bail!("no article given: run folio FILE (folio --help shows more)"),
            files if files.iter().filter(|f| crate::input::is_stdin(f)).count() > 1 => {
                anyhow::bail!("standard input (-) can be read only once")
            }
            files => crate::tui::run(files),
        },
    }
}

fn export_command(path: &Path, output: Option<&Path>) -> anyhow::Result<()> {
    let doc = crate::input::open_text(path)?;
    let annotation_file = file::load(&crate::input::sidecar_for(path, &doc)?)?;
    let annotations = annotation_file
        .as_ref()
        .map(|f| anchor::claims_from_file(&doc, f))
        .unwrap_or_default();
    let analysis = analyse(&doc, &Progress::default());
    let exported = export::to_file(&doc, Some(&analysis), &annotations);
    let text = file::to_toml(&exported).context("cannot format the export as TOML")?;
    match output {
        Some(out) => {
            if same_file(out, path) {
                anyhow::bail!(
                    "refusing to write the export over the article itself: {}",
                    out.display()
                );
            }
            store::write_atomic(out, &text)?;
        }
        None => {
            let mut stdout = std::io::stdout().lock();
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
