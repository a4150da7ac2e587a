//! Reading the articles off the UI thread. A large file or HTML page (1 MB
//! of HTML takes about a quarter of a second to extract) would otherwise hold
//! the first frame back; instead the screen says what is being read, and
//! `q`, `Esc` or `Ctrl-c` still quit at once.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::TICK;
use super::session::Session;
use crate::config::startup::Settings;
use crate::theme::Theme;

/// Every article, opened on a background thread.
pub(super) struct Loader {
    receiver: mpsc::Receiver<anyhow::Result<Vec<Session>>>,
    /// Index of the path being read.
    reading: Arc<AtomicUsize>,
    paths: Vec<PathBuf>,
}

impl Loader {
    /// Starts opening `paths` in order (reading, decoding, extracting; each
    /// then starts its own analysis).
    pub(super) fn start(paths: &[PathBuf], settings: Arc<Settings>) -> Self {
        let (sender, receiver) = mpsc::channel();
        let reading = Arc::new(AtomicUsize::new(0));
        let worker_reading = Arc::clone(&reading);
        let worker_paths = paths.to_vec();
        std::thread::spawn(move || {
            let sessions = worker_paths
                .iter()
                .enumerate()
                .map(|(i, path)| {
                    worker_reading.store(i, Ordering::Relaxed);
                    Session::open(path, &settings)
                })
                .collect();
            let _ = sender.send(sessions);
        });
        Self {
            receiver,
            reading,
            paths: paths.to_vec(),
        }
    }

    /// The articles, if they are read within `wait`.
    pub(super) fn wait(&self, wait: Duration) -> Option<anyhow::Result<Vec<Session>>> {
        match self.receiver.recv_timeout(wait) {
            Ok(result) => Some(result),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                Some(Err(anyhow::anyhow!("reading the articles failed")))
            }
        }
    }

    /// Shows what is being read until every article is open. `Ok(None)`
    /// when the reader quit first or a stop signal came.
    ///
    /// # Errors
    /// An article could not be read, or the terminal failed.
    pub(super) fn show_until_loaded(
        &self,
        terminal: &mut DefaultTerminal,
        theme: &Theme,
        stop: &AtomicBool,
    ) -> anyhow::Result<Option<Vec<Session>>> {
        let style = theme.ui("ui.statusbar");
        loop {
            if let Some(result) = self.wait(Duration::ZERO) {
                return result.map(Some);
            }
            if stop.load(Ordering::Relaxed) {
                return Ok(None);
            }
            let message = self.message();
            terminal.draw(|frame| {
                let area = frame.area();
                let bar = Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1);
                frame.render_widget(Paragraph::new(message.as_str()).style(style), bar);
            })?;
            if event::poll(TICK)?
                && let Event::Key(key) = event::read()?
                && key.kind != KeyEventKind::Release
                && (matches!(key.code, KeyCode::Char('q') | KeyCode::Esc)
                    || (key.code == KeyCode::Char('c')
                        && key.modifiers.contains(KeyModifiers::CONTROL)))
            {
                return Ok(None);
            }
        }
    }

    /// `reading a.html (2 of 3)…  q quits`, with the path made safe.
    fn message(&self) -> String {
        let i = self.reading.load(Ordering::Relaxed);
        let path = self.paths.get(i).map_or_else(String::new, |p| {
            crate::view::safe_line(&p.display().to_string())
        });
        let of = if self.paths.len() > 1 {
            format!(" ({} of {})", i + 1, self.paths.len())
        } else {
            String::new()
        };
        format!(" reading {path}{of}…  q quits")
    }
}
