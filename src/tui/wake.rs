//! Everything that can wake the reader's loop, on one channel: terminal
//! events (read on their own thread), the preview and the finished articles
//! from the loader, finished analyses, and the watchdog's stop notice. The
//! loop blocks on the channel, so it wakes the moment any of them happens
//! and uses no CPU while nothing does.

use std::sync::mpsc::{Receiver, Sender};

use ratatui::crossterm::event::{self, Event};

use super::session::Session;

/// One reason to wake the loop.
pub(super) enum Wake {
    /// A key, paste, mouse or resize event from the terminal.
    Input(Event),
    /// Reading terminal events failed; the reader cannot go on.
    InputFailed(std::io::Error),
    /// Every article is open (or one failed).
    Loaded(anyhow::Result<Vec<Session>>),
    /// An analysis finished; the sessions have it on their own channels.
    Analysed,
    /// A search thread has news for the app (see `App::poll_search`).
    Searched,
    /// A stop signal came (SIGTERM, SIGHUP, SIGINT).
    Stop,
}

/// The sending end, cloned by every thread that can wake the loop.
pub(super) type Waker = Sender<Wake>;

/// The loop's end.
pub(super) type Wakes = Receiver<Wake>;

/// Reads terminal events on a thread of their own and sends each to the
/// loop, until the loop is gone or reading fails. Start it once the
/// terminal is in raw mode; nothing else may read events after that.
pub(super) fn spawn_input(waker: Waker) {
    std::thread::spawn(move || {
        loop {
            let wake = match event::read() {
                Ok(event) => Wake::Input(event),
                Err(err) => {
                    let _ = waker.send(Wake::InputFailed(err));
                    return;
                }
            };
            if waker.send(wake).is_err() {
                return;
            }
        }
    });
}
