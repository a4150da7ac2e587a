//! What waits until the first frame is on the screen: asking the terminal
//! for its background colour, reading keys, and work that only has to be
//! running soon after (the watchdog), so that starting it does not hold
//! the frame back.
//!
//! Asking first would hold the first frame back by a round trip to the
//! terminal (over SSH, a network round trip). The answer comes in on the
//! same input as keys, so the thread that reads keys starts only once the
//! answer is in.

use std::time::Duration;

use super::wake::{self, Waker};
use crate::config::startup::Settings;
use crate::theme::Theme;

/// How long after the first frame the work that keeps a core busy begins:
/// the analysis, and reading the rest of a large file. One refresh of a
/// 60 Hz terminal: started at once, on a two-core machine that work
/// competed with the terminal showing the frame, which then came a refresh
/// later in about half the runs (`ttff` beside `less`). It delays an
/// analysis or a read that takes tenths of a second by a sixtieth.
pub(super) const HEAVY_WORK_AFTER: Duration = Duration::from_millis(16);

/// The steps left for after the first frame, and the theme they chose.
pub(super) struct FirstFrame {
    /// Until the first frame is drawn: where the key-reading thread will
    /// send terminal events, and what else runs then.
    pending: Option<(Waker, Box<dyn FnOnce()>)>,
    /// The light theme, once the terminal said its background is light.
    switched: Option<Theme>,
}

impl FirstFrame {
    /// Nothing drawn yet; `waker` is where the key-reading thread will send
    /// terminal events; `later` runs once the first frame is drawn.
    pub(super) fn new(waker: Waker, later: impl FnOnce() + 'static) -> Self {
        Self {
            pending: Some((waker, Box::new(later))),
            switched: None,
        }
    }

    /// The theme to draw with: `settings.theme` unless the terminal's
    /// answer switched it.
    pub(super) fn theme<'a>(&'a self, settings: &'a Settings) -> &'a Theme {
        self.switched.as_ref().unwrap_or(&settings.theme)
    }

    /// The theme the terminal's answer switched to, if it did.
    pub(super) fn switched(&self) -> Option<&Theme> {
        self.switched.as_ref()
    }

    /// Call after every frame. The first time only: asks the terminal for
    /// its background when `settings` say to (waiting at most
    /// [`crate::theme::detect::QUERY_TIMEOUT`]), starts reading keys, runs
    /// what was left for later, and returns the theme to redraw with when
    /// it is not `settings.theme` (from then on also [`FirstFrame::theme`]).
    pub(super) fn drawn(&mut self, settings: &Settings) -> Option<&Theme> {
        let (waker, later) = self.pending.take()?;
        self.switched = settings.theme_for_background();
        wake::spawn_input(waker);
        later();
        self.switched.as_ref()
    }
}
