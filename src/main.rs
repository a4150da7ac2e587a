//! folio's executable: parse the command line, run, report errors in one line.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    match folio::cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        // `folio export … | head`: the reader of the pipe has all it wants;
        // end quietly, as other tools do, with the status of SIGPIPE.
        Err(err) if broken_pipe(&err) => ExitCode::from(141),
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

/// Whether `err` comes from writing to a pipe whose reader has closed it.
fn broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        let io = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind);
        // serde_json's writers wrap the io::Error without exposing it as a source.
        let json = cause
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        io == Some(BrokenPipe) || json == Some(BrokenPipe)
    })
}
