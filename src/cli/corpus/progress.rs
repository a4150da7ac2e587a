//! The progress bar of a corpus run, on standard error: articles done of
//! how many, MB/s of article bytes read, time left. Drawn only when
//! standard error is a terminal and `--quiet` is not given; otherwise every
//! call does nothing but print the error lines.

use std::io::{IsTerminal as _, Write as _};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often the MB/s figure changes.
const RATE_EVERY: Duration = Duration::from_millis(250);

/// The bar, or nothing.
pub(crate) struct Bar {
    bar: Option<ProgressBar>,
    start: Instant,
    bytes: u64,
    rate_shown: Instant,
}

impl Bar {
    /// A bar if `wanted` and standard error is a terminal.
    pub(crate) fn new(wanted: bool) -> Self {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{bar:30} {human_pos}/{human_len} articles  {msg}  ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        let now = Instant::now();
        Self {
            bar,
            start: now,
            bytes: 0,
            rate_shown: now,
        }
    }

    /// A handle to set the total from another thread (see
    /// [`Bar::set_total`]), if there is a bar.
    pub(crate) fn handle(&self) -> Option<ProgressBar> {
        self.bar.clone()
    }

    /// Sets the number of articles in the run, once known.
    pub(crate) fn set_total(handle: &ProgressBar, total: u64) {
        handle.set_length(total);
    }

    /// One more article done, of `bytes` bytes.
    pub(crate) fn done(&mut self, bytes: u64) {
        self.bytes += bytes;
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if self.rate_shown.elapsed() >= RATE_EVERY {
            self.rate_shown = Instant::now();
            let seconds = self.start.elapsed().as_secs_f64().max(1e-3);
            let articles = bar.position() as f64 / seconds;
            let megabytes = self.bytes as f64 / 1e6 / seconds;
            bar.set_message(format!("{articles:.0} articles/s  {megabytes:.2} MB/s"));
        }
    }

    /// Prints `line` on standard error above the bar.
    pub(crate) fn println(&self, line: &str) {
        let print = || {
            // Not eprintln!, which panics when standard error is gone.
            let _ = writeln!(std::io::stderr(), "{line}");
        };
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    /// Removes the bar.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
