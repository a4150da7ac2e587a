//! folio's executable: parse the command line, run, report errors in one line.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    match folio::cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // Paths and messages may hold control characters: never print them raw.
            let message = folio::view::safe_line(&format!("{err:#}"));
            // Not eprintln!, which panics when stderr is gone (a closed terminal).
            let _ = writeln!(std::io::stderr(), "folio: {message}");
            ExitCode::FAILURE
        }
    }
}
