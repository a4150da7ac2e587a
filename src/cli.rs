//! The command line: `folio FILE` opens the reader; `folio export FILE`
//! prints the annotation file.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::analysis::{Progress, analyse};
use crate::annotations::{anchor, export, file, store};
use crate::config::{self, startup, startup::Overrides};
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
    /// Colour theme: default, light, high-contrast, monochrome, or a theme
    /// of yours in the config folder's themes/ (overrides config.toml).
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    /// Leave the mouse to the terminal (its own text selection works).
    #[arg(long)]
    pub no_mouse: bool,
    /// Read settings from FILE instead of the config folder's config.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to do instead of opening the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

const EXAMPLES: &str = "Examples:
  folio samples/macron-moscow.txt          read and annotate (press ? for keys)
  folio export samples/macron-moscow.txt   print entities, quotes and claims as TOML
  folio export a.txt -o a.toml             write them to a file
  folio --theme light a.txt                read with the light theme
  folio config --print-default             show every setting and key, commented";

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the article's entities, quotations and claims as TOML
    /// (offsets in chars, end-exclusive).
    Export {
        /// The article.
        file: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Show where the config file is and check it (every problem, with file
    /// and line; exit status 1 if there is any).
    Config {
        /// Print the default config, commented, instead
        /// (`folio config --print-default > CONFIG_FILE` starts one).
        #[arg(long)]
        print_default: bool,
        /// Check this file instead of the config folder's config.toml.
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
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
        (Some(Command::Export { file, output }), _) => export_command(&file, output.as_deref()),
        (
            Some(Command::Config {
                print_default,
                file,
            }),
            _,
        ) => config_command(print_default, file),
        (None, Some(file)) => {
            let overrides = Overrides {
                config: cli.config,
                theme: cli.theme,
                no_mouse: cli.no_mouse,
            };
            crate::tui::run(&file, startup::settings(&overrides)?)
        }
        (None, None) => anyhow::bail!("no article given: run folio FILE (folio --help shows more)"),
    }
}

/// `folio config`: the default config, or the config file's path and problems.
fn config_command(print_default: bool, file: Option<PathBuf>) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    if print_default {
        stdout
            .write_all(config::default_text().as_bytes())
            .context("cannot write to standard output")?;
        return Ok(());
    }
    let path = file
        .or_else(config::default_path)
        .context("no config folder on this system (no home folder?)")?;
    if !path.exists() {
        writeln!(
            stdout,
            "{} (not there: folio uses the defaults)",
            path.display()
        )
        .context("cannot write to standard output")?;
        return Ok(());
    }
    let (_, warnings) = config::Config::load(&path);
    writeln!(stdout, "{}", path.display()).context("cannot write to standard output")?;
    if warnings.is_empty() {
        return Ok(());
    }
    for warning in &warnings {
        // File names and values come from the reader's files: print them safely.
        eprintln!("{}", crate::view::safe_line(&warning.to_string()));
    }
    anyhow::bail!("{} problem(s) in {}", warnings.len(), path.display())
}

fn export_command(path: &Path, output: Option<&Path>) -> anyhow::Result<()> {
    let doc = Document::open(path)?;
    let annotation_file = file::load(&file::sidecar_path(path))?;
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
