//! `folio completions SHELL` and `folio man`: generated from the clap
//! definition, so they always match the arguments folio takes.

use std::io::Write as _;

use anyhow::Context as _;
use clap::CommandFactory as _;

use super::Cli;

/// Prints the completion script for `shell` on standard output.
///
/// # Errors
/// Standard output cannot be written.
pub(super) fn completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "folio", &mut script);
    write_stdout(&script)
}

/// Prints the manual page (roff) on standard output.
///
/// # Errors
/// Standard output cannot be written.
pub(super) fn man() -> anyhow::Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .context("cannot render the manual page")?;
    write_stdout(&page)
}

/// Writes `bytes` to standard output and flushes.
pub(super) fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .context("cannot write to standard output")
}
