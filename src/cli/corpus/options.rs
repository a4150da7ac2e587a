//! What a corpus run is told (the options every corpus subcommand takes,
//! the formats) and how it ends when not every article went well.

use std::path::{Path, PathBuf};

/// The options every corpus subcommand takes.
#[derive(Debug, Clone, clap::Args)]
pub struct CorpusArgs {
    /// Also read the articles listed in FILE, one path a line (`-` reads
    /// the list from standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// In folders, read only the files whose path below the folder matches
    /// GLOB (repeatable; `*.txt` matches at any depth). Default: every file
    /// except hidden ones and `*.folio.toml`.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Write one file per article into DIR (the path as given, plus
    /// `.entities.json`, `.folio.toml`, …) instead of standard output.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// How many articles to analyse at once, 1 to 1024 (default: one per
    /// core).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: Option<u16>,
    /// No progress bar (there is none either when standard error is not a
    /// terminal).
    #[arg(short, long)]
    pub quiet: bool,
}

impl CorpusArgs {
    /// The format asked for, else `for_files` when writing files
    /// (`--output-dir`, which takes no tables), else `default`.
    pub fn format_or<F>(&self, asked: Option<F>, for_files: F, default: F) -> F {
        match (asked, &self.output_dir) {
            (Some(format), _) => format,
            (None, Some(_)) => for_files,
            (None, None) => default,
        }
    }

    /// The one article of a single-article call (one path, not a folder, no
    /// list, no output folder), if this is one.
    pub(super) fn single<'a>(&self, files: &'a [PathBuf]) -> Option<&'a Path> {
        match files {
            [file] if self.files_from.is_none() && self.output_dir.is_none() && !file.is_dir() => {
                Some(file)
            }
            _ => None,
        }
    }
}

/// How `folio entities` and `folio quotes` print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned columns, to read in the terminal.
    Table,
    /// TOML, as in the annotation file.
    Toml,
    /// JSON, for scripts.
    Json,
    /// One JSON object per article, one a line (for many articles).
    Jsonl,
}

impl ListFormat {
    /// The single-article format, unless JSONL.
    pub(super) fn single(self) -> Option<super::super::Format> {
        match self {
            Self::Table => Some(super::super::Format::Table),
            Self::Toml => Some(super::super::Format::Toml),
            Self::Json => Some(super::super::Format::Json),
            Self::Jsonl => None,
        }
    }
}

/// How `folio text` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextFormat {
    /// The text itself.
    Plain,
    /// One JSON object per article (`path`, `sha256`, `text`), one a line.
    Jsonl,
}

/// Some articles of a corpus run failed (each has an error record and a
/// line on standard error). `folio` exits with [`SomeFailed::EXIT_CODE`].
#[derive(Debug, thiserror::Error)]
#[error("{failed} of {total} articles failed")]
pub struct SomeFailed {
    /// Articles that failed.
    pub failed: u64,
    /// Articles in the run.
    pub total: u64,
}

impl SomeFailed {
    /// The exit status of a run where some articles failed.
    pub const EXIT_CODE: u8 = 3;
}

/// A corpus run was stopped by SIGINT (Ctrl-C) or SIGTERM after `done`
/// complete records. `folio` exits with [`Interrupted::EXIT_CODE`].
#[derive(Debug, thiserror::Error)]
#[error("interrupted after {done} articles")]
pub struct Interrupted {
    /// Articles printed (or written) before the stop.
    pub done: u64,
}

impl Interrupted {
    /// The shell's status for a process ended by SIGINT.
    pub const EXIT_CODE: u8 = 130;
}
