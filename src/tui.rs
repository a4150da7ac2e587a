//! The full-screen session: terminal set-up and restore, background analysis,
//! and the loop that turns events into updates and effects.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, TryRecvError};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};

use crate::analysis::{Analysis, Progress, analyse};
use crate::annotations::file;
use crate::annotations::store::Store;
use crate::app::{App, Effect};
use crate::document::Document;
use crate::keymap::Keymap;
use crate::theme::Theme;
use crate::view;

/// How long the first frame waits for analysis: short articles are coloured
/// from the start, long ones show their text at once and colour in later.
const FIRST_FRAME_WAIT: Duration = Duration::from_millis(40);
/// How often the screen refreshes analysis progress.
const PROGRESS_TICK: Duration = Duration::from_millis(80);

/// Opens `path` in the reader until the user quits.
///
/// # Errors
/// The article cannot be read, or the terminal fails. The terminal is
/// restored on every exit path, panics included (ratatui's panic hook
/// restores it, then chains to the previous hook).
pub fn run(path: &Path) -> anyhow::Result<()> {
    let doc = Arc::new(Document::open(path)?);
    let (mut store, annotation_file) = Store::open(&file::sidecar_path(path));
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut app = App::new(
        doc.clone(),
        annotation_file,
        Theme::builtin(no_color),
        Keymap::builtin()?,
    );

    let progress = Progress::default();
    let (sender, receiver) = mpsc::channel::<Analysis>();
    let worker_progress = progress.clone();
    std::thread::spawn(move || {
        let analysis = analyse(&doc, &worker_progress);
        let _ = sender.send(analysis);
    });
    if let Ok(analysis) = receiver.recv_timeout(FIRST_FRAME_WAIT) {
        app.set_analysis(analysis);
    }

    let mut terminal = TerminalGuard::new();
    let result = event_loop(terminal.get(), &mut app, &receiver, &progress, &mut store);
    drop(terminal);
    result?;
    match app.unsaved_reason() {
        Some(why) => anyhow::bail!("quit with annotations NOT saved: {why}"),
        None => Ok(()),
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    receiver: &mpsc::Receiver<Analysis>,
    progress: &Progress,
    store: &mut Store,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    loop {
        terminal.draw(|frame| view::draw(frame, app))?;
        let waiting = app.analysis().is_none();
        if waiting {
            match receiver.try_recv() {
                Ok(analysis) => app.set_analysis(analysis),
                Err(TryRecvError::Empty) => app.set_analysis_progress(progress.get()),
                Err(TryRecvError::Disconnected) => app.set_analysis(Analysis::default()),
            }
        }
        if waiting && !event::poll(PROGRESS_TICK)? {
            continue;
        }
        let effect = match event::read()? {
            Event::Key(key) => app.handle_key(key),
            Event::Resize(width, height) => {
                app.resize(width, height);
                None
            }
            _ => None,
        };
        match effect {
            Some(Effect::Save) => app.saved(store.save(&app.sidecar_file())),
            Some(Effect::Quit) => return Ok(()),
            None => {}
        }
    }
}

/// The terminal in raw mode on the alternate screen; restored when dropped.
struct TerminalGuard(DefaultTerminal);

impl TerminalGuard {
    fn new() -> Self {
        Self(ratatui::init())
    }

    fn get(&mut self) -> &mut DefaultTerminal {
        &mut self.0
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        ratatui::restore();
    }
}
