//! The full-screen session: terminal set-up and restore, background analysis,
//! and the loop that turns events into updates and effects.

use std::io::{BufWriter, Stdout, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use ratatui::crossterm::terminal::EnterAlternateScreen;
use ratatui::crossterm::{execute, queue};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::app::Effect;
use crate::app::panel::PanelState;
use crate::config::startup::{self, Overrides, Settings};
use crate::view;

mod first_frame;
mod labels;
mod loading;
mod reopen;
mod session;
mod wake;
mod watch;
use first_frame::FirstFrame;
use loading::Loader;
use session::Session;
use wake::{Wake, Waker, Wakes};

/// How often the watchdog checks the terminal and the stop flag.
const WATCHDOG_TICK: Duration = Duration::from_millis(100);

/// How often the loop wakes without input while an analysis runs, to show
/// its progress (otherwise it sleeps until a key, a finished analysis or a
/// stop signal wakes it).
const TICK: Duration = Duration::from_millis(100);

/// Opens the articles at `paths` in the reader until the user quits; the
/// first is shown, `>` and `<` switch between them. For `-` the article is
/// read from standard input to its end first; keys then come from the
/// terminal itself (crossterm reads `/dev/tty` when standard input is not
/// one), and annotations go to the data folder, keyed by the text's SHA-256.
///
/// The settings come from `overrides` over the config file (see
/// [`startup::settings`]).
///
/// # Errors
/// An article cannot be read, the settings are wrong (a `--theme` or
/// `--config` that does not exist), or the terminal fails. The terminal is
/// restored on every exit path, panics included (our panic hook restores
/// it, then chains to the previous hook).
pub fn run(paths: &[PathBuf], overrides: &Overrides) -> anyhow::Result<()> {
    let (waker, wakes) = mpsc::channel();
    // Reading starts first: a long article's first bytes are read here
    // while the rest waits for the settings.
    let mut loader = Loader::start(paths, waker.clone());
    let settings = Arc::new(startup::settings(overrides)?);
    // Printed before the full screen opens, so they are still there after
    // quitting; the status bar shows the first.
    for warning in &settings.warnings {
        eprintln!("folio: {}", view::safe_line(warning));
    }
    // Without a terminal the reader could only panic or fill a file with
    // escape codes: say which subcommand prints instead.
    if let Some(missing) = missing_terminal() {
        anyhow::bail!("{}", needs_terminal(missing, paths));
    }
    loader.open_with(Arc::clone(&settings));
    let stop = stop_on_signals()?;
    let mut terminal = TerminalGuard::new(settings.mouse)?;
    let saving = Arc::new(Mutex::new(()));
    // Keys are read, and the watchdog runs, once the first frame is up
    // (see `first_frame`).
    let mut first_frame = {
        let (stop, saving, waker) = (Arc::clone(&stop), Arc::clone(&saving), waker.clone());
        FirstFrame::new(waker.clone(), move || spawn_watchdog(stop, saving, waker))
    };
    let Some(mut sessions) =
        loader.show_until_loaded(terminal.get(), &settings, &mut first_frame, &wakes, &stop)?
    else {
        // Stopped while the articles were still loading: no annotation was
        // made yet, but the run did not end by the reader's choice.
        if stop.load(Ordering::Relaxed) {
            anyhow::bail!("stopped by a signal while loading");
        }
        return Ok(());
    };
    let paths: Vec<&std::path::Path> = sessions.iter().map(|s| s.path.as_path()).collect();
    let labels = labels::article_labels(&paths);
    for (session, label) in sessions.iter_mut().zip(labels) {
        session.app.set_article_label(label);
        let searched = waker.clone();
        session.app.set_search_notify(Arc::new(move || {
            let _ = searched.send(Wake::Searched);
        }));
        if let Some(first) = settings.warnings.first() {
            let more = match settings.warnings.len() {
                1 => String::new(),
                n => format!(" (+{} more: {})", n - 1, overrides.check_command()),
            };
            session.app.notify(format!("{first}{more}"));
        }
    }
    if sessions.is_empty() {
        anyhow::bail!("no article given");
    }
    if sessions.len() > 1 {
        share_entities(&mut sessions);
    }

    let result = event_loop(
        terminal.get(),
        &mut sessions,
        (&settings, &mut first_frame),
        &wakes,
        &stop,
        &saving,
    );
    // Whatever ended the loop (a failed draw on a closed terminal, a
    // keyboard that failed), a claim form being filled in is kept.
    let kept = save_open_claim_forms(&mut sessions, &saving);
    drop(terminal);
    result.map_err(|err| match kept.as_str() {
        "" => err,
        kept => anyhow::anyhow!("{err:#}{kept}"),
    })?;
    let unsaved: Vec<String> = sessions
        .iter()
        .filter_map(|s| {
            s.app
                .unsaved_reason()
                .map(|why| format!("{}: {why}", s.path.display()))
        })
        .collect();
    if unsaved.is_empty() {
        Ok(())
    } else {
        anyhow::bail!("quit with annotations NOT saved: {}", unsaved.join("; "))
    }
}

fn event_loop(
    terminal: &mut Screen,
    sessions: &mut [Session],
    (settings, first_frame): (&Settings, &mut FirstFrame),
    wakes: &Wakes,
    stop: &AtomicBool,
    saving: &Mutex<()>,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    for session in sessions.iter_mut() {
        session.app.resize(size.width, size.height);
    }
    let mut current = 0;
    let mut redraw = true;
    loop {
        if stop.load(Ordering::Relaxed) {
            // Every change was saved when it was made, but for a claim form
            // being filled in: it is saved now. Then only the terminal is left.
            let kept = save_open_claim_forms(sessions, saving);
            anyhow::bail!("stopped by a signal (annotations were already saved{kept})");
        }
        let analysed_before = analysed(sessions);
        for (i, session) in sessions.iter_mut().enumerate() {
            redraw |= session.poll_analysis() && i == current;
        }
        if sessions.len() > 1 && analysed(sessions) != analysed_before {
            share_entities(sessions);
            share_claims(sessions);
            redraw = true;
        }
        let Some(session) = sessions.get_mut(current) else {
            return Ok(());
        };
        let app = &mut session.app;
        if redraw {
            terminal.draw(|frame| view::draw(frame, app))?;
            redraw = false;
            panic_if_asked_for_a_test();
            let switched = first_frame.drawn(settings).cloned();
            // After the terminal's answer to the colour query (it has shown
            // the frame by then) or right after the frame when not asking.
            for session in sessions.iter_mut() {
                session.start_analysis();
            }
            if let Some(theme) = switched {
                for session in sessions.iter_mut() {
                    session.app.set_theme(theme.clone());
                }
                redraw = true;
                continue;
            }
        }
        // While an analysis runs, wake every TICK to show its progress;
        // otherwise sleep until something happens.
        let wake = if analysed(sessions) < sessions.len() {
            match wakes.recv_timeout(TICK) {
                Ok(wake) => wake,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        } else {
            match wakes.recv() {
                Ok(wake) => wake,
                Err(_) => return Ok(()),
            }
        };
        let event = match wake {
            Wake::Input(event) => event,
            Wake::InputFailed(err) => return Err(err.into()),
            Wake::Searched => {
                for (i, session) in sessions.iter_mut().enumerate() {
                    redraw |= session.app.poll_search() && i == current;
                }
                continue;
            }
            Wake::Analysed | Wake::Stop | Wake::Loaded(_) => continue,
        };
        redraw = true;
        let Some(session) = sessions.get_mut(current) else {
            return Ok(());
        };
        let app = &mut session.app;
        let effect = match event {
            Event::Key(key) => app.handle_key(key),
            Event::Paste(text) => {
                app.handle_paste(&text);
                None
            }
            Event::Mouse(mouse) => app.handle_mouse(mouse),
            Event::Resize(width, height) => {
                for session in sessions.iter_mut() {
                    session.app.resize(width, height);
                }
                None
            }
            _ => None,
        };
        let count = sessions.len();
        let Some(session) = sessions.get_mut(current) else {
            return Ok(());
        };
        let app = &mut session.app;
        // What `>` and `<` carry to the article they show.
        let state = app.panel_state();
        match effect {
            Some(Effect::Save) => {
                // The watchdog never ends the process in the middle of a save.
                let _saving = saving.lock();
                app.saved(session.store.save(&app.sidecar_file()));
                if let Some(notice) = session.store.take_notice() {
                    app.notify(notice);
                }
            }
            Some(Effect::Quit) => return Ok(()),
            Some(Effect::OpenLink) => {
                if let Some(url) = app.current_link().map(|l| l.url.clone()) {
                    // The opener is started, not waited for (keys never wait
                    // for a browser); it gets the URL as one argument, never
                    // through a shell. Starting fails at once when no opener
                    // is installed.
                    let started = open::that_detached(&url);
                    app.link_opened(&url, started);
                }
            }
            Some(Effect::WriteReport) => {
                let (path, result) = crate::app::write_report_beside(
                    session.store.path(),
                    session.store.fallback(),
                    &app.report(),
                );
                app.report_written(&path, result);
            }
            Some(Effect::Suspend) => {
                suspend(terminal, settings.mouse)?;
                redraw = true;
            }
            Some(Effect::NextArticle | Effect::PrevArticle) if count == 1 => {
                app.notify(
                    "only this article is open: give folio several to go from one to the next",
                );
            }
            Some(Effect::ShowInArticle { article, entity }) if article < count => {
                let went_round = article < current;
                current = article;
                // Before the views are rebuilt: `entity` indexes the
                // all-articles list the reader chose from.
                if let Some(session) = sessions.get_mut(current) {
                    session.app.show_corpus_entity(entity, went_round);
                }
                share_claims(sessions);
            }
            Some(Effect::ShowClaimInArticle { article, claim }) if article < count => {
                current = article;
                share_claims(sessions);
                if let Some(session) = sessions.get_mut(current) {
                    session.app.show_claim(claim);
                }
            }
            Some(Effect::NextArticle) => {
                current = (current + 1) % sessions.len();
                article_shown(sessions, current, state);
                if current == 0 {
                    went_round(sessions, current, "back to the first article");
                }
            }
            Some(Effect::PrevArticle) => {
                current = (current + sessions.len() - 1) % sessions.len();
                article_shown(sessions, current, state);
                if current == sessions.len() - 1 {
                    went_round(sessions, current, "back to the last article");
                }
            }
            // An article that is no longer open: nothing to show.
            Some(Effect::ShowInArticle { .. } | Effect::ShowClaimInArticle { .. }) | None => {}
        }
        // After every key, mouse event or resize: one `stat` of the file.
        if let Some(session) = sessions.get_mut(current) {
            session.check_article_on_disk();
        }
        // A correction here renames, retypes or removes entities in the
        // all-articles view at once.
        let corrected = sessions
            .get_mut(current)
            .is_some_and(|s| s.app.take_entities_changed());
        if corrected && sessions.len() > 1 {
            share_entities(sessions);
        }
    }
}

/// Shows article `current` with the panel as the reader left it in the
/// article before (`state`), with the claims made in the one left. (Its
/// corrections reached the all-articles view as they were made.)
fn article_shown(sessions: &mut [Session], current: usize, state: PanelState) {
    share_claims(sessions);
    if let Some(session) = sessions.get_mut(current) {
        session.app.set_panel_state(state);
    }
}

/// Tells the reader of article `current` that `>` or `<` went round the
/// list, as search does at its ends.
fn went_round(sessions: &mut [Session], current: usize, message: &str) {
    if let Some(session) = sessions.get_mut(current) {
        session.app.notify(message);
    }
}

/// How many sessions have finished their analysis.
fn analysed(sessions: &[Session]) -> usize {
    sessions
        .iter()
        .filter(|s| s.app.analysis().is_some())
        .count()
}

/// Gives every session the entities of all analysed articles (the panel's
/// all-articles view).
fn share_entities(sessions: &mut [Session]) {
    let analyses: Vec<Option<&crate::analysis::Analysis>> =
        sessions.iter().map(|s| s.app.analysis()).collect();
    let corpus = crate::app::corpus::CorpusPanel::new(&analyses);
    for (here, session) in sessions.iter_mut().enumerate() {
        session.app.set_corpus(corpus.clone(), here);
        // Every change so far is in the list now.
        session.app.take_entities_changed();
    }
}

/// Gives every session the claims of the other open articles (the claims
/// view groups them by article); run when an article is shown again, so
/// its view has the claims made elsewhere since.
fn share_claims(sessions: &mut [Session]) {
    if sessions.len() < 2 {
        return;
    }
    // Named as in the status bar: with the folder too when two open
    // articles share a file name ("x/page.html", "y/page.html").
    let paths: Vec<&std::path::Path> = sessions.iter().map(|s| s.path.as_path()).collect();
    let names = labels::article_names(&paths);
    let all: Vec<crate::app::panel::claims::ArticleClaims> = sessions
        .iter()
        .zip(names)
        .enumerate()
        .map(
            |(index, (s, article))| crate::app::panel::claims::ArticleClaims {
                article,
                index: Some(index),
                claims: crate::app::panel::claims::summaries(&s.app),
            },
        )
        .collect();
    for (i, session) in sessions.iter_mut().enumerate() {
        // Only articles with claims: each of hundreds of open articles
        // holding the name of every other made memory grow with the square
        // of their number.
        let others = all
            .iter()
            .enumerate()
            .filter(|(j, a)| *j != i && !a.claims.is_empty())
            .map(|(_, a)| a.clone())
            .collect();
        session.app.set_other_claims(others);
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
/// returns to the loop, so a stop signal would go unanswered. A terminal
/// gone counts as a stop signal: the loop is woken to leave the way it
/// does after one, saving a claim form being filled in. The watchdog exits
/// when the loop has not left a second after a stop, never during a save.
fn spawn_watchdog(stop: Arc<AtomicBool>, saving: Arc<Mutex<()>>, waker: Waker) {
    std::thread::spawn(move || {
        let mut stopped_at: Option<Instant> = None;
        loop {
            std::thread::sleep(WATCHDOG_TICK);
            if stopped_at.is_none() && (stop.load(Ordering::Relaxed) || terminal_gone()) {
                stop.store(true, Ordering::Relaxed);
                stopped_at = Some(Instant::now());
                // The loop may be asleep waiting for a key: wake it to leave.
                let _ = waker.send(Wake::Stop);
            }
            let overdue = stopped_at.is_some_and(|at| at.elapsed() > Duration::from_secs(1));
            if overdue {
                let _saving = saving.lock();
                restore_terminal();
                // Not eprintln!: with the terminal gone, stderr may fail too.
                let _ = writeln!(
                    std::io::stderr(),
                    "folio: stopped (annotations were already saved)"
                );
                std::process::exit(1);
            }
        }
    });
}

/// What folio lacks to run full-screen, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MissingTerminal {
    /// Standard output goes to a file or a pipe: the screen would be
    /// escape codes in it.
    Output,
    /// No keyboard: standard input is no terminal and there is no
    /// controlling terminal to read keys from (`/dev/tty`).
    Keyboard,
}

/// Checks that folio can draw and read keys: standard output is a terminal,
/// and so is standard input or the controlling terminal (keys come from
/// there when the article is piped in).
fn missing_terminal() -> Option<MissingTerminal> {
    use std::io::IsTerminal as _;
    if !std::io::stdout().is_terminal() {
        return Some(MissingTerminal::Output);
    }
    if std::io::stdin().is_terminal() {
        return None;
    }
    #[cfg(unix)]
    let keyboard = std::fs::File::open("/dev/tty").is_ok();
    #[cfg(not(unix))]
    let keyboard = false;
    (!keyboard).then_some(MissingTerminal::Keyboard)
}

/// The one line said when folio cannot open the reader: why, and which
/// subcommand prints the text or the annotations instead.
fn needs_terminal(missing: MissingTerminal, paths: &[PathBuf]) -> String {
    let why = match missing {
        MissingTerminal::Output => "standard output is not a terminal",
        MissingTerminal::Keyboard => "there is no terminal to read keys from",
    };
    let file = match paths {
        [one] => view::safe_line(&one.display().to_string()),
        _ => "FILE".to_owned(),
    };
    let file = if file.contains(char::is_whitespace) {
        format!("'{file}'")
    } else {
        file
    };
    // A name that starts with a dash would be read as an option.
    let file = if file.trim_start_matches('\'').starts_with('-') && file != "-" {
        format!("-- {file}")
    } else {
        file
    };
    format!(
        "the reader needs a terminal ({why}): `folio text {file}` prints the text, `folio export {file}` the annotations"
    )
}

/// Whether folio's terminal has gone away (window closed, tmux killed).
/// On Unix the controlling terminal can no longer be opened then; asking
/// crossterm for the size alone is not enough, since it falls back to
/// `tput`, which answers 80×24 with no terminal at all.
fn terminal_gone() -> bool {
    #[cfg(unix)]
    if std::fs::File::open("/dev/tty").is_err() {
        return true;
    }
    ratatui::crossterm::terminal::size().is_err()
}

/// Saves every open claim form with changes (see
/// [`crate::app::App::save_open_claim_form`]); what was saved, for the exit message
/// ("; saved the open claim form: marked claim c3"), empty when nothing was.
fn save_open_claim_forms(sessions: &mut [Session], saving: &Mutex<()>) -> String {
    let mut kept = String::new();
    for session in sessions {
        let Some(done) = session.app.save_open_claim_form() else {
            continue;
        };
        // The watchdog never ends the process in the middle of a save.
        let _saving = saving.lock();
        let app = &mut session.app;
        app.saved(session.store.save(&app.sidecar_file()));
        kept.push_str(&format!("; saved the open claim form: {done}"));
    }
    kept
}

/// A flag raised by SIGTERM, SIGHUP or SIGINT. The handlers only set it; the
/// watchdog wakes the loop within one [`WATCHDOG_TICK`], and it leaves through the normal path,
/// which restores the terminal.
fn stop_on_signals() -> anyhow::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    Ok(stop)
}

/// The reader's terminal. Frames go through a buffer as large as a full
/// frame so each reaches the terminal in one write, not in the 1 KiB pieces
/// of the standard output's own buffer.
pub(crate) type Screen = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Room for a full frame of a large window (styles included).
const FRAME_BUFFER_BYTES: usize = 256 * 1024;

/// The terminal in raw mode on the alternate screen, with bracketed paste
/// (so pasted text arrives as one event, never as key presses) and, if
/// asked, mouse capture; restored when dropped, and by the panic hook.
struct TerminalGuard(Screen);

impl TerminalGuard {
    /// # Errors
    /// The terminal cannot be put in raw mode or on the alternate screen.
    fn new(mouse: bool) -> anyhow::Result<Self> {
        // Our hook restores the terminal (paste and mouse modes off, raw
        // mode and the alternate screen left), then chains to the previous.
        let previous_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            previous_hook(info);
        }));
        let terminal = open_terminal(mouse).map_err(|err| {
            restore_terminal();
            anyhow::anyhow!("cannot open the terminal: {err}")
        })?;
        Ok(Self(terminal))
    }

    fn get(&mut self) -> &mut Screen {
        &mut self.0
    }
}

/// Raw mode, the alternate screen, bracketed paste and (when `mouse`)
/// mouse reporting, asked for in one write.
fn open_terminal(mouse: bool) -> std::io::Result<Screen> {
    enter_screen(mouse)?;
    let writer = BufWriter::with_capacity(FRAME_BUFFER_BYTES, std::io::stdout());
    Terminal::new(CrosstermBackend::new(writer))
}

/// Puts the terminal in the modes folio draws in (see [`open_terminal`]).
fn enter_screen(mouse: bool) -> std::io::Result<()> {
    ratatui::crossterm::terminal::enable_raw_mode()?;
    let mut stdout = std::io::stdout();
    queue!(stdout, EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        queue!(stdout, EnableMouseCapture)?;
    }
    stdout.flush()
}

/// Hands the terminal back to the shell and stops folio, as `Ctrl-Z` does
/// in less or vim; once continued (`fg`), takes the terminal back and has
/// the next frame redraw everything. Where no shell does job control
/// (folio started directly in a tmux pane, say) the system ignores the stop
/// and folio carries on at once. Annotations are saved as they are made,
/// so nothing waits on the stop.
fn suspend(terminal: &mut Screen, mouse: bool) -> std::io::Result<()> {
    restore_terminal();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter_screen(mouse)?;
    // Not `Terminal::clear`: it asks the terminal where the cursor is, and
    // the answer would go to the thread that reads keys. Both buffers are
    // reset instead, so the next frame is drawn whole onto a cleared screen.
    execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    terminal.swap_buffers();
    terminal.swap_buffers();
    terminal.hide_cursor()
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Turns paste and mouse reporting off and leaves raw mode and the
/// alternate screen. Disabling what was never enabled is harmless. Never
/// panics: when the terminal is gone, writing to it (or to stderr) fails,
/// and the failure is only reported if stderr still works.
fn restore_terminal() {
    // The cursor too: after a panic or `Ctrl-Z` the screen is not dropped,
    // and only its drop would show the cursor again.
    let _ = execute!(
        std::io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        ratatui::crossterm::cursor::Show
    );
    if let Err(err) = ratatui::try_restore() {
        let _ = writeln!(
            std::io::stderr(),
            "folio: could not restore the terminal: {err}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_without_a_terminal_protects_a_name_that_starts_with_a_dash() {
        let hint = |name: &str| needs_terminal(MissingTerminal::Output, &[PathBuf::from(name)]);
        assert!(hint("-dash.txt").contains("`folio text -- -dash.txt`"));
        assert!(hint("-my file.txt").contains("`folio text -- '-my file.txt'`"));
        assert!(hint("a.txt").contains("`folio text a.txt`"));
    }
}
