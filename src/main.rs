//! folio's executable: parse the command line, run, report errors in one line.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    match folio::cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // A corpus run where some articles failed, or Ctrl-C: its own status.
            let status = if err.is::<folio::cli::SomeFailed>() {
                ExitCode::from(folio::cli::SomeFailed::EXIT_CODE)
            } else if err.is::<folio::cli::Interrupted>() {
                ExitCode::from(folio::cli::Interrupted::EXIT_CODE)
            } else {
                ExitCode::FAILURE
            };
            // Paths and messages may hold control characters: never print them raw.
            let message = folio::view::safe_line(&format!("{err:#}"));
            // Not eprintln!, which panics when stderr is gone (a closed terminal).
            let _ = writeln!(std::io::stderr(), "folio: {message}");
            status
        }
    }
}
