//! What waits until the first frame is on the screen: asking the terminal
//! for its background colour, and reading keys.
//!
//! Asking first would hold the first frame back by a round trip to the
//! terminal (over SSH, a network round trip). The answer comes in on the
//! same input as keys, so the thread that reads keys starts only once the
//! answer is in.

use super::wake::{self, Waker};
use crate::config::startup::Settings;
use crate::theme::Theme;

/// The steps left for after the first frame: `Some` until it is drawn.
pub(super) struct FirstFrame {
    waker: Option<Waker>,
}

impl FirstFrame {
    /// Nothing drawn yet; `waker` is where the key-reading thread will send
    /// terminal events.
    pub(super) fn new(waker: Waker) -> Self {
        Self { waker: Some(waker) }
    }

    /// Call after every frame. The first time only: asks the terminal for
    /// its background when `settings` say to (waiting at most
    /// [`crate::theme::detect::QUERY_TIMEOUT`]), starts reading keys, and
    /// returns the theme to redraw with when it is not `settings.theme`.
    pub(super) fn drawn(&mut self, settings: &Settings) -> Option<Theme> {
        let waker = self.waker.take()?;
        let theme = settings.theme_for_background();
        wake::spawn_input(waker);
        theme
    }
}
