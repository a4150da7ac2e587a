//! The full-screen session: terminal set-up and restore, background analysis,
//! and the loop that turns events into updates and effects.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::analysis::{Analysis, Progress, analyse};
use crate::annotations::store::Store;
use crate::app::{App, Effect};
use crate::document::Document;
use crate::keymap::Keymap;
use crate::theme::Theme;
use crate::view;

/// How long the first frame waits for analysis: short articles are coloured
/// from the start, long ones show their text at once and colour in later.
const FIRST_FRAME_WAIT: Duration = Duration::from_millis(40);
/// How often the watchdog checks the terminal and the stop flag.
const WATCHDOG_TICK: Duration = Duration::from_millis(100);

/// How often the loop wakes without input: to show analysis progress and to
/// notice a stop signal.
const TICK: Duration = Duration::from_millis(100);

/// Opens `path` in the reader until the user quits.
///
/// # Errors
/// The article cannot be read, or the terminal fails. The terminal is
/// restored on every exit path, panics included (ratatui's panic hook
/// restores it, then chains to the previous hook).
pub fn run(path: &Path) -> anyhow::Result<()> {
    let doc = Arc::new(Document::open(path)?);
    let (mut store, annotation_file) = Store::open_article(path, doc.sha256());
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut app = App::new(
        doc.clone(),
        annotation_file,
        Theme::builtin(no_color),
        Keymap::builtin()?,
    );
    if let Some(notice) = store.take_notice() {
        app.notify(notice);
    }

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
    let stop = stop_on_signals()?;
    let saving = Arc::new(Mutex::new(()));
    spawn_watchdog(Arc::clone(&stop), Arc::clone(&saving));
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let mut redraw = true;
    loop {
        if stop.load(Ordering::Relaxed) {
            // Every change was saved when it was made; only the terminal is left.
            anyhow::bail!("stopped by a signal (annotations were already saved)");
        }
        if app.analysis().is_none() {
            match receiver.try_recv() {
                Ok(analysis) => app.set_analysis(analysis),
                Err(TryRecvError::Empty) => app.set_analysis_progress(progress.get()),
                Err(TryRecvError::Disconnected) => app.set_analysis(Analysis::default()),
            }
            redraw = true;
        }
        if redraw {
            terminal.draw(|frame| view::draw(frame, app))?;
            redraw = false;
            panic_if_asked_for_a_test();
        }
        if !event::poll(TICK)? {
            continue;
        }
        redraw = true;
        let effect = match event::read()? {
            Event::Key(key) => app.handle_key(key),
            Event::Paste(text) => {
                app.handle_paste(&text);
                None
            }
            Event::Resize(width, height) => {
                app.resize(width, height);
                None
            }
            _ => None,
        };
        match effect {
            Some(Effect::Save) => {
                // The watchdog never ends the process in the middle of a save.
                let _saving = saving.lock();
                app.saved(store.save(&app.sidecar_file()));
                if let Some(notice) = store.take_notice() {
                    app.notify(notice);
                }
            }
            Some(Effect::Quit) => return Ok(()),
            None => {}
        }
    }
}

/// Test hook: with `FOLIO_TEST_PANIC` set, panic after drawing, so the
/// real-terminal test can check that a panic restores the terminal.
#[allow(clippy::panic)]
fn panic_if_asked_for_a_test() {
    if std::env::var_os("FOLIO_TEST_PANIC").is_some() {
        panic!("FOLIO_TEST_PANIC is set: panicking on purpose");
    }
}

/// Ends the process when the loop cannot: crossterm spins forever reading
/// end-of-file from a closed terminal (window closed, tmux killed) and never
/// returns to the loop, so a stop signal would go unanswered. The watchdog
/// exits when the terminal is gone or a stop signal has waited a second,
/// never during a save (every change is already on disk).
fn spawn_watchdog(stop: Arc<AtomicBool>, saving: Arc<Mutex<()>>) {
    std::thread::spawn(move || {
        let mut stopped_at: Option<Instant> = None;
        loop {
            std::thread::sleep(WATCHDOG_TICK);
            if stop.load(Ordering::Relaxed) {
                stopped_at.get_or_insert_with(Instant::now);
            }
            let overdue = stopped_at.is_some_and(|at| at.elapsed() > Duration::from_secs(1));
            let terminal_gone = ratatui::crossterm::terminal::size().is_err();
            if overdue || terminal_gone {
                let _saving = saving.lock();
                ratatui::restore();
                eprintln!("folio: stopped (annotations were already saved)");
                std::process::exit(1);
            }
        }
    });
}

/// A flag raised by SIGTERM, SIGHUP or SIGINT. The handlers only set it; the
/// loop notices it within one [`TICK`] and leaves through the normal path,
/// which restores the terminal.
fn stop_on_signals() -> anyhow::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    Ok(stop)
}

/// The terminal in raw mode on the alternate screen, with bracketed paste
/// (so pasted text arrives as one event, never as key presses); restored
/// when dropped, and by the panic hook.
struct TerminalGuard(DefaultTerminal);

impl TerminalGuard {
    fn new() -> Self {
        // ratatui's hook restores raw mode and the screen, then chains to the
        // previous hook; ours runs first and turns bracketed paste off.
        let terminal = ratatui::init();
        let restore_terminal = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(std::io::stdout(), DisableBracketedPaste);
            restore_terminal(info);
        }));
        let _ = execute!(std::io::stdout(), EnableBracketedPaste);
        Self(terminal)
    }

    fn get(&mut self) -> &mut DefaultTerminal {
        &mut self.0
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}
