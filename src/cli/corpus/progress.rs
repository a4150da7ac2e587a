//! The progress bar of a corpus run, on standard error: articles done of
//! how many, MB/s of article bytes read, time left (from the bytes left,
//! not the articles: one large article among small ones would otherwise
//! sit at "ETA 0s"). Drawn only when
//! standard error is a terminal and `--quiet` is not given; otherwise every
//! call does nothing but print the error lines.

use std::io::{IsTerminal as _, Write as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often the MB/s figure changes.
const RATE_EVERY: Duration = Duration::from_millis(250);

/// The bar, or nothing.
pub(crate) struct Bar {
    bar: Option<ProgressBar>,
    start: Instant,
    bytes: u64,
    /// The run's article bytes, once counted (0 until then).
    total_bytes: Arc<AtomicU64>,
    rate_shown: Instant,
}

/// Where another thread sets the run's totals (see [`Bar::handle`]).
pub(crate) struct Totals {
    bar: ProgressBar,
    bytes: Arc<AtomicU64>,
}

impl Totals {
    /// Sets the number of articles in the run and their bytes, once known.
    pub(crate) fn set(&self, articles: u64, bytes: u64) {
        self.bytes.store(bytes, Ordering::Relaxed);
        self.bar.set_length(articles);
    }
}

impl Bar {
    /// A bar if `wanted` and standard error is a terminal.
    pub(crate) fn new(wanted: bool) -> Self {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            let style =
                ProgressStyle::with_template("{bar:30} {human_pos}/{human_len} articles  {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        let now = Instant::now();
        Self {
            bar,
            start: now,
            bytes: 0,
            total_bytes: Arc::default(),
            rate_shown: now,
        }
    }

    /// A handle to set the totals from another thread, if there is a bar.
    pub(crate) fn handle(&self) -> Option<Totals> {
        self.bar.clone().map(|bar| Totals {
            bar,
            bytes: Arc::clone(&self.total_bytes),
        })
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
            let total = self.total_bytes.load(Ordering::Relaxed);
            let left = (total > 0 && megabytes > 0.0).then(|| {
                let seconds_left = total.saturating_sub(self.bytes) as f64 / 1e6 / megabytes;
                format!("  ETA {}", duration(seconds_left))
            });
            bar.set_message(format!(
                "{articles:.0} articles/s  {megabytes:.2} MB/s{}",
                left.unwrap_or_default()
            ));
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

/// `seconds` as the bar shows a time left: `45s`, `3m 05s`, `2h 10m`.
fn duration(seconds: f64) -> String {
    // Whole seconds, rounded up: "0s" only when nothing is left.
    let total = seconds.max(0.0).ceil() as u64;
    match (total / 3600, total % 3600 / 60, total % 60) {
        (0, 0, s) => format!("{s}s"),
        (0, m, s) => format!("{m}m {s:02}s"),
        (h, m, _) => format!("{h}h {m:02}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_left_read_in_seconds_minutes_and_hours() {
        assert_eq!(duration(0.0), "0s");
        assert_eq!(duration(0.2), "1s");
        assert_eq!(duration(185.0), "3m 05s");
        assert_eq!(duration(7_800.0), "2h 10m");
    }
}
