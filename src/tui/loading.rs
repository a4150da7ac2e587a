//! Reading the articles off the UI thread. A large file or HTML page (1 MB
//! of HTML takes about a quarter of a second to extract) would otherwise hold
//! the first frame back. Instead a large plain-text file is shown at once
//! from its first bytes ([`preview_bytes`]) while the rest is read, decoded,
//! hashed and indexed; other inputs show what is being read. Keys are live
//! throughout: the preview scrolls, and `q` (or `Esc`, `Ctrl-c` before
//! there is text) quits at once.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::first_frame::{FirstFrame, HEAVY_WORK_AFTER};
use super::session::Session;
use super::wake::{Wake, Waker, Wakes};
use crate::app::{App, Effect};
use crate::config::startup::Settings;
use crate::document::Document;
use crate::document::markup::SourceFormat;
use crate::theme::Theme;

/// Files at least this long (bytes) are shown from their first bytes while
/// the rest is read; smaller ones are read whole before the first frame
/// (that takes about as long as reading a preview).
pub(super) const PREVIEW_FROM: u64 = 256 * 1024;

/// How many leading bytes the preview decodes in a window of `cells`
/// character cells (`None` when the size is unknown): three screens' worth
/// (a byte per cell, or a third of a screen of three-byte characters),
/// within [`PREVIEW_BYTES`]. Reading and decoding them is on the way to the
/// first frame: at 120×40 cells, 14 KB take a tenth of a millisecond.
pub(super) fn preview_bytes(cells: Option<usize>) -> usize {
    cells.map_or(*PREVIEW_BYTES.end(), |cells| {
        cells
            .saturating_mul(3)
            .clamp(*PREVIEW_BYTES.start(), *PREVIEW_BYTES.end())
    })
}

/// The terminal window's size in character cells, if it can be told.
fn window_cells() -> Option<usize> {
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(width, height)| usize::from(width) * usize::from(height))
}

/// The fewest and most bytes a preview decodes (see [`preview_bytes`]).
pub(super) const PREVIEW_BYTES: std::ops::RangeInclusive<usize> = 8 * 1024..=128 * 1024;

/// Articles smaller than this in all (bytes; regular files only) are read
/// and opened on the drawing thread once the settings are known: starting
/// a reading thread and being woken by it when it is done took longer
/// (about 1.5 ms on a two-core virtual machine, where an idle core is slow
/// to wake) than reading them (a few tenths of a millisecond).
const READ_AT_ONCE_BELOW: u64 = 64 * 1024;

/// How long the articles may take to open before the screen says what is
/// being read (the wait ends the moment they, or a preview, arrive).
const READING_NOTICE_AFTER: Duration = Duration::from_millis(20);

/// Every article, opened on a background thread (small ones on the drawing
/// thread, see [`READ_AT_ONCE_BELOW`]).
pub(super) struct Loader {
    /// Index of the path being read.
    reading: Arc<AtomicUsize>,
    paths: Vec<PathBuf>,
    /// Hands the session settings to the reading thread (see [`Loader::open_with`]).
    settings: mpsc::Sender<Arc<Settings>>,
    /// The first article's first bytes, until shown.
    preview: Option<Document>,
    /// The reading thread, until started: with a preview, only once the
    /// preview is on the screen.
    reader: Option<Reader>,
    /// Whether the articles are small enough to be read here instead (see
    /// [`READ_AT_ONCE_BELOW`]).
    read_here: bool,
}

/// What the reading thread needs.
struct Reader {
    paths: Vec<PathBuf>,
    reading: Arc<AtomicUsize>,
    settings_given: mpsc::Receiver<Arc<Settings>>,
    waker: Waker,
}

/// What the screen shows while the articles are read.
enum Screen {
    /// Nothing yet: a status line says what is being read.
    Reading,
    /// The first article's first bytes, scrollable, without annotations.
    Preview(Box<App>),
}

impl Loader {
    /// Reads the preview of a large plain-text first article (see
    /// [`preview`]) here, at once: a new thread can take longer to get a
    /// core than reading it takes. Without a preview, starts reading
    /// `paths` in order (reading, decoding, extracting) on a thread at once,
    /// before the settings are known; with one, the thread starts once the
    /// preview is drawn, so that neither starting it nor reading the rest
    /// competes with that frame. Once [`Loader::open_with`] has given the
    /// settings, the thread opens each article as a session (which starts
    /// its own analysis) and sends [`Wake::Loaded`] to `waker`. Dropping the
    /// loader before that ends the thread. Small files (see
    /// [`READ_AT_ONCE_BELOW`]) get no thread: [`Loader::open_with`] opens
    /// them.
    pub(super) fn start(paths: &[PathBuf], waker: Waker) -> Self {
        let preview = paths
            .first()
            .and_then(|path| preview(path, || preview_bytes(window_cells())));
        let read_here = preview.is_none() && small_files(paths);
        let reading = Arc::new(AtomicUsize::new(0));
        let (settings, settings_given) = mpsc::channel::<Arc<Settings>>();
        let reader = Reader {
            paths: paths.to_vec(),
            reading: Arc::clone(&reading),
            settings_given,
            waker,
        };
        let mut loader = Self {
            reading,
            paths: paths.to_vec(),
            settings,
            preview,
            reader: Some(reader),
            read_here,
        };
        if loader.preview.is_none() && !read_here {
            loader.start_reading();
        }
        loader
    }

    /// Starts the reading thread, unless it runs already.
    fn start_reading(&mut self) {
        self.start_reading_after(Duration::ZERO);
    }

    /// Starts the reading thread, unless it runs already; it begins to
    /// read after `wait`.
    fn start_reading_after(&mut self, wait: Duration) {
        if let Some(reader) = self.reader.take() {
            std::thread::spawn(move || {
                std::thread::sleep(wait);
                reader.run();
            });
        }
    }

    /// Gives the reading thread the session settings: the articles read so
    /// far become sessions drawn with them. Small files are read and opened
    /// here and now (their [`Wake::Loaded`] is sent before this returns).
    pub(super) fn open_with(&mut self, settings: Arc<Settings>) {
        // The thread is gone only when reading failed, which it reports.
        let _ = self.settings.send(settings);
        if self.read_here
            && let Some(reader) = self.reader.take()
        {
            reader.run();
        }
    }

    /// Shows the preview (or what is being read) until every article is
    /// open, handling keys and resizes as they come. Returns the sessions
    /// with the first one scrolled to where the reader left the preview;
    /// `Ok(None)` when the reader quit first or a stop signal came.
    ///
    /// # Errors
    /// An article could not be read, or the terminal failed.
    pub(super) fn show_until_loaded(
        &mut self,
        terminal: &mut super::Screen,
        settings: &Settings,
        first_frame: &mut FirstFrame,
        wakes: &Wakes,
        stop: &AtomicBool,
    ) -> anyhow::Result<Option<Vec<Session>>> {
        let (mut screen, mut redraw, mut first) = match self.preview.take() {
            Some(doc) => {
                let size = terminal.size()?;
                let mut app = App::new(
                    Arc::new(doc),
                    Ok(None),
                    settings.theme.clone(),
                    settings.keymap.clone(),
                )
                .with_layout(settings.layout)
                .into_preview();
                app.resize(size.width, size.height);
                app.notify(format!("reading the rest of {}…", self.current_path()));
                (Screen::Preview(Box::new(app)), true, None)
            }
            // A small article is open before the notice would be read: no
            // frame for it, the article is the first frame.
            None => (
                Screen::Reading,
                false,
                Some(wakes.recv_timeout(READING_NOTICE_AFTER)),
            ),
        };
        loop {
            if stop.load(Ordering::Relaxed) {
                return Ok(None);
            }
            if redraw {
                self.draw(terminal, &screen, first_frame.theme(settings))?;
                let switched = first_frame.drawn(settings).cloned();
                // After the terminal's answer to the colour query (it has
                // read the frame by then) or right after the frame; for a
                // preview, a refresh later (see `HEAVY_WORK_AFTER`).
                self.start_reading_after(if matches!(screen, Screen::Preview(_)) {
                    HEAVY_WORK_AFTER
                } else {
                    Duration::ZERO
                });
                if let Some(theme) = switched {
                    if let Screen::Preview(app) = &mut screen {
                        app.set_theme(theme);
                    }
                    continue;
                }
            }
            let wake = match first.take() {
                Some(Ok(wake)) => wake,
                Some(Err(RecvTimeoutError::Timeout)) => {
                    redraw = true;
                    continue;
                }
                Some(Err(RecvTimeoutError::Disconnected)) | None => match wakes.recv() {
                    Ok(wake) => wake,
                    Err(_) => anyhow::bail!("reading the articles failed"),
                },
            };
            redraw = !matches!(wake, Wake::Analysed | Wake::Searched);
            match wake {
                Wake::Loaded(result) => {
                    let mut sessions = result?;
                    if let Some(theme) = first_frame.switched() {
                        for session in &mut sessions {
                            session.app.set_theme(theme.clone());
                        }
                    }
                    if let (Screen::Preview(preview), Some(first)) = (&screen, sessions.first_mut())
                    {
                        let size = terminal.size()?;
                        first.app.resize(size.width, size.height);
                        carry_over(preview, &mut first.app);
                    }
                    return Ok(Some(sessions));
                }
                Wake::Input(event) => {
                    if handle_event(&mut screen, event) {
                        return Ok(None);
                    }
                }
                Wake::InputFailed(err) => return Err(err.into()),
                Wake::Stop => return Ok(None),
                Wake::Analysed | Wake::Searched => {}
            }
        }
    }

    fn draw(
        &self,
        terminal: &mut super::Screen,
        screen: &Screen,
        theme: &Theme,
    ) -> anyhow::Result<()> {
        match screen {
            Screen::Preview(app) => {
                terminal.draw(|frame| crate::view::draw(frame, app))?;
            }
            Screen::Reading => {
                let message = self.message();
                let style = theme.ui("ui.statusbar");
                terminal.draw(|frame| {
                    let area = frame.area();
                    let bar = Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1);
                    frame.render_widget(Paragraph::new(message.as_str()).style(style), bar);
                })?;
            }
        }
        Ok(())
    }

    /// The path being read, made safe to show.
    fn current_path(&self) -> String {
        let i = self.reading.load(Ordering::Relaxed);
        self.paths.get(i).map_or_else(String::new, |p| {
            crate::view::safe_line(&p.display().to_string())
        })
    }

    /// `reading a.html (2 of 3)…  q quits`, with the path made safe.
    fn message(&self) -> String {
        let i = self.reading.load(Ordering::Relaxed);
        let of = if self.paths.len() > 1 {
            format!(" ({} of {})", i + 1, self.paths.len())
        } else {
            String::new()
        };
        format!(" reading {}{of}…  q quits", self.current_path())
    }
}

impl Reader {
    /// Reads, decodes and extracts each article in turn; once the settings
    /// are given, opens them as sessions and sends [`Wake::Loaded`] (the
    /// sessions, or the first failure).
    fn run(self) {
        let mut kept: Option<Arc<Settings>> = None;
        let mut sessions = Vec::with_capacity(self.paths.len());
        for (i, path) in self.paths.iter().enumerate() {
            self.reading.store(i, Ordering::Relaxed);
            let doc = match crate::input::open(path) {
                Ok(doc) => doc,
                Err(err) => {
                    sessions.push(Err(err.into()));
                    break;
                }
            };
            let settings = match kept.take() {
                Some(settings) => settings,
                // Given a fraction of a millisecond after the start;
                // without them nobody would show the article.
                None => match self.settings_given.recv() {
                    Ok(given) => given,
                    Err(_) => return,
                },
            };
            let session = Session::open(path, doc, &settings, self.waker.clone());
            let failed = session.is_err();
            sessions.push(session);
            if failed {
                break;
            }
            kept = Some(settings);
        }
        let _ = self
            .waker
            .send(Wake::Loaded(sessions.into_iter().collect()));
    }
}

/// Applies one terminal event while loading; whether the reader quit.
/// The preview takes every key (annotating says it is still analysing, as
/// it does while a loaded article is analysed); with no preview yet, only
/// the quit keys do anything.
fn handle_event(screen: &mut Screen, event: Event) -> bool {
    match (screen, event) {
        (Screen::Preview(app), Event::Key(key)) => app.handle_key(key) == Some(Effect::Quit),
        (Screen::Preview(app), Event::Mouse(mouse)) => {
            app.handle_mouse(mouse) == Some(Effect::Quit)
        }
        (Screen::Preview(app), Event::Resize(width, height)) => {
            app.resize(width, height);
            false
        }
        (Screen::Reading, Event::Key(key)) => is_quit_key(key),
        _ => false,
    }
}

/// `q`, `Esc` or `Ctrl-c`, pressed.
fn is_quit_key(key: KeyEvent) -> bool {
    key.kind != KeyEventKind::Release
        && (matches!(key.code, KeyCode::Char('q') | KeyCode::Esc)
            || (key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)))
}

/// Puts the loaded article's top row (sized like the preview) on the text
/// the preview's top row showed (the preview is a prefix of the article, so byte offsets agree
/// when the decoded text starts the same).
fn carry_over(preview: &App, full: &mut App) {
    // A blank row between paragraphs has no byte of its own: it is found
    // as the row after the line that holds the byte before it.
    let (byte, rows_after) = {
        let mut layout = preview.layout();
        let byte = layout.byte_at(preview.top);
        let found = layout.position_of(byte);
        let rows_after = layout.distance(found, preview.top, 2).unwrap_or(0);
        (byte, rows_after)
    };
    let same_start = full
        .document()
        .text()
        .get(..byte)
        .is_some_and(|head| preview.document().text().starts_with(head));
    if same_start {
        let top = {
            let mut layout = full.layout();
            let found = layout.position_of(byte);
            layout.down(found, rows_after)
        };
        full.top = top;
    }
}

/// Whether `paths` are regular files (not standard input) of fewer than
/// [`READ_AT_ONCE_BELOW`] bytes in all. A path that cannot be looked at is
/// left to the reading thread, which reports why.
fn small_files(paths: &[PathBuf]) -> bool {
    let mut total = 0;
    for path in paths {
        if crate::input::is_stdin(path) {
            return false;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_file() => total += meta.len(),
            _ => return false,
        }
    }
    total < READ_AT_ONCE_BELOW
}

/// The first `bytes()` bytes of the plain-text file at `path`, decoded,
/// when it is at least [`PREVIEW_FROM`] bytes long; cut after its last
/// line break (or at the last whole UTF-8 character) so no paragraph or
/// character is cut in half where a line break could avoid it. `None` for
/// standard input, small files, HTML, Markdown and binary files, and when
/// the file cannot be read (the full read reports why). `bytes` is asked
/// only for a file long enough to preview (it asks the terminal its size).
pub(super) fn preview(path: &Path, bytes: impl FnOnce() -> usize) -> Option<Document> {
    if crate::input::is_stdin(path) {
        return None;
    }
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() < PREVIEW_FROM {
        return None;
    }
    let bytes = bytes();
    let mut head = Vec::with_capacity(bytes);
    std::fs::File::open(path)
        .ok()?
        .take(bytes as u64)
        .read_to_end(&mut head)
        .ok()?;
    if crate::input::detect(&head, Some(path)) != SourceFormat::Text
        || crate::document::looks_binary(&head)
    {
        return None;
    }
    let cut = match memchr::memrchr(b'\n', &head) {
        Some(i) => i + 1,
        None => match std::str::from_utf8(&head) {
            Ok(_) => head.len(),
            Err(err) => err.valid_up_to(),
        },
    };
    head.truncate(cut);
    Some(Document::from_head(&head, Some(path.to_path_buf())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_text_file_is_previewed_from_its_first_bytes_cut_at_a_line_break() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        let line = "Le président a déclaré que la réunion était «utile».\n";
        let text = line.repeat(PREVIEW_FROM as usize / line.len() + 1);
        std::fs::write(&path, &text).unwrap();
        let bytes = preview_bytes(Some(120 * 40));
        assert_eq!(bytes, 14_400);
        let doc = preview(&path, || bytes).unwrap();
        assert!(doc.text().len() <= bytes);
        assert!(doc.text().len() > bytes - line.len());
        assert!(doc.text().ends_with('\n'));
        assert!(text.starts_with(doc.text()));
        // A prefix is not hashed: only the full read names the article.
        assert_eq!(doc.sha256(), "");
    }

    #[test]
    fn one_long_line_is_cut_at_a_whole_character() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("line.txt");
        // Three-byte characters: 8 KiB is not a multiple of three.
        let text = "€".repeat(PREVIEW_FROM as usize);
        std::fs::write(&path, &text).unwrap();
        let doc = preview(&path, || 8192).unwrap();
        assert_eq!(doc.text().len(), 8190);
        assert!(doc.warnings().is_empty());
    }

    #[test]
    fn the_preview_is_three_screens_of_the_window_within_its_bounds() {
        assert_eq!(preview_bytes(Some(80 * 24)), 8 * 1024);
        assert_eq!(preview_bytes(Some(200 * 60)), 36_000);
        assert_eq!(preview_bytes(Some(1000 * 1000)), 128 * 1024);
        assert_eq!(preview_bytes(None), 128 * 1024);
    }

    #[test]
    fn small_files_html_and_standard_input_get_no_preview() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small.txt");
        std::fs::write(&small, "A short article.\n").unwrap();
        assert!(preview(&small, || 8192).is_none());
        let page = dir.path().join("page.html");
        let html = format!(
            "<html><body><p>{}</p></body></html>",
            "word ".repeat(60_000)
        );
        std::fs::write(&page, html).unwrap();
        assert!(preview(&page, || 8192).is_none());
        assert!(preview(Path::new("-"), || 8192).is_none());
    }

    #[test]
    fn the_loader_reads_the_preview_at_once_then_opens_the_article_with_the_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        let sample = include_str!("../../samples/macron-moscow.txt");
        let text = sample.repeat(PREVIEW_FROM as usize / sample.len() + 1);
        std::fs::write(&path, &text).unwrap();
        let settings = settings();
        let (waker, wakes) = std::sync::mpsc::channel();
        let mut loader = Loader::start(std::slice::from_ref(&path), waker);
        let wait = Duration::from_secs(60);
        // The preview is read at once, without settings.
        let preview = loader.preview.take().expect("a preview of a large text");
        assert!(text.starts_with(preview.text()));
        assert!(preview.text().len() <= *PREVIEW_BYTES.end());
        // Started once the preview is drawn.
        assert!(loader.reader.is_some());
        loader.start_reading();
        loader.open_with(settings);
        let Ok(Wake::Loaded(Ok(mut sessions))) = wakes.recv_timeout(wait) else {
            panic!("the article did not load");
        };
        assert_eq!(sessions[0].app.document().text(), text);
        // The analysis waits for the first frame of the article.
        assert!(wakes.recv_timeout(Duration::from_millis(50)).is_err());
        sessions[0].start_analysis();
        assert!(matches!(wakes.recv_timeout(wait), Ok(Wake::Analysed)));
    }

    #[test]
    fn a_small_article_is_opened_when_the_settings_are_given_without_a_thread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sample.txt");
        let sample = include_str!("../../samples/macron-moscow.txt");
        std::fs::write(&path, sample).unwrap();
        let (waker, wakes) = std::sync::mpsc::channel();
        let mut loader = Loader::start(std::slice::from_ref(&path), waker);
        assert!(loader.preview.is_none());
        // Nothing is read before the settings come.
        assert!(loader.reader.is_some());
        assert!(wakes.try_recv().is_err());
        loader.open_with(settings());
        // Opened before `open_with` returned: no waiting.
        let Ok(Wake::Loaded(Ok(sessions))) = wakes.try_recv() else {
            panic!("the article was not opened at once");
        };
        assert_eq!(sessions[0].app.document().text(), sample);
        // Two files over the limit in all go to the thread.
        let other = dir.path().join("other.txt");
        std::fs::write(&other, "x".repeat(READ_AT_ONCE_BELOW as usize)).unwrap();
        assert!(!small_files(&[path.clone(), other]));
        assert!(!small_files(&[path, PathBuf::from("-")]));
    }

    fn settings() -> Arc<Settings> {
        Arc::new(Settings {
            theme: crate::theme::Theme::builtin(false),
            ask_background: false,
            keymap: crate::keymap::Keymap::builtin(),
            mouse: false,
            layout: crate::view::layout::LayoutPrefs::default(),
            claims: crate::annotations::ClaimVocabulary::default(),
            warnings: Vec::new(),
        })
    }

    fn app(text: &str) -> App {
        let mut app = App::new(
            Document::from_bytes(text.as_bytes(), None),
            Ok(None),
            crate::theme::Theme::builtin(false),
            crate::keymap::Keymap::builtin(),
        );
        app.resize(100, 30);
        app
    }

    #[test]
    fn the_loaded_article_opens_where_the_preview_was_scrolled_to() {
        let sample = include_str!("../../samples/macron-moscow.txt");
        let full_text = sample.repeat(20);
        let mut full = app(&full_text);
        let preview_text = full_text.get(..8000).unwrap();
        // Every row of the first screens, blank rows between paragraphs too.
        for rows in 0..40 {
            let mut preview = app(preview_text);
            let top = preview
                .layout()
                .down(crate::app::scroll::Position::default(), rows);
            preview.top = top;
            full.top = crate::app::scroll::Position::default();
            carry_over(&preview, &mut full);
            assert_eq!(full.top, top, "{rows} rows down");
        }
        // A file that changed under the preview opens at the top.
        let mut preview = app("Another text.\n\nWith two paragraphs.");
        let top = preview.layout().down(preview.top, 2);
        preview.top = top;
        full.top = crate::app::scroll::Position::default();
        carry_over(&preview, &mut full);
        assert_eq!(full.top, crate::app::scroll::Position::default());
    }
}
