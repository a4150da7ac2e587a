//! Shared set-up for the whole-app tests: the sample article, analysed, in an
//! app sized like a 120×40 terminal, and helpers to press keys and draw.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use folio::analysis::{Progress, analyse};
use folio::app::{App, Effect};
use folio::document::Document;
use folio::keymap::Keymap;
use folio::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The article folio was made for.
pub const SAMPLE: &str = "samples/macron-moscow.txt";

/// A fixed clock, so claim timestamps are the same in every run.
pub fn fixed_now() -> toml::value::Datetime {
    "2026-11-29T08:00:00Z".parse().unwrap()
}

/// The sample, analysed, in a `width`×`height` app; `no_color` picks the
/// monochrome theme.
pub fn sample_app_sized(width: u16, height: u16, no_color: bool) -> App {
    sample_app_themed(width, height, Theme::builtin(no_color))
}

/// The sample, analysed, in a `width`×`height` app drawn with `theme`.
pub fn sample_app_themed(width: u16, height: u16, theme: Theme) -> App {
    let doc = Document::open(std::path::Path::new(SAMPLE)).unwrap();
    app_with(doc, width, height, theme)
}

/// `doc`, analysed, in a `width`×`height` app drawn with `theme`, with no
/// annotation file and the fixed clock.
pub fn app_with(doc: Document, width: u16, height: u16, theme: Theme) -> App {
    let analysis = analyse(&doc, &Progress::default());
    let mut app = App::new(doc, Ok(None), theme, Keymap::builtin()).with_clock(fixed_now);
    app.set_analysis(analysis);
    app.resize(width, height);
    app
}

/// `text` in a 120×40 app with the default theme, the fixed clock and no
/// annotation file, before its analysis is in.
pub fn unanalysed_app(text: &[u8]) -> App {
    let doc = Document::from_bytes(text, None);
    let mut app =
        App::new(doc, Ok(None), Theme::builtin(false), Keymap::builtin()).with_clock(fixed_now);
    app.resize(120, 40);
    app
}

/// The sample in a 120×40 app with the default theme.
pub fn sample_app() -> App {
    sample_app_sized(120, 40, false)
}

/// Presses each key of `keys`; `\n` is Enter, `\t` Tab, `\x1b` Esc. Returns
/// the effects asked for.
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    keys.chars()
        .filter_map(|c| {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\t' => KeyCode::Tab,
                '\x1b' => KeyCode::Esc,
                c => KeyCode::Char(c),
            };
            app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
        })
        .collect()
}

/// Presses one key with modifiers.
pub fn press_key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Option<Effect> {
    app.handle_key(KeyEvent::new(code, modifiers))
}

/// Draws the app into a test terminal of its size and returns the buffer.
pub fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| folio::view::draw(frame, app))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The text of row `y` of `buffer`.
pub fn row_text(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

/// The whole screen as text, one line per row.
pub fn screen_text(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| row_text(buffer, y))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where `needle` first appears on screen: (x, y) of its first cell.
/// Works for text whose characters are one cell wide.
pub fn find_on_screen(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (0..buffer.area.height).find_map(|y| {
        let cells: Vec<&str> = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        let needle: Vec<String> = needle.chars().map(String::from).collect();
        cells
            .windows(needle.len())
            .position(|w| w.iter().zip(&needle).all(|(a, b)| *a == b))
            .map(|x| (u16::try_from(x).unwrap(), y))
    })
}

/// Every byte folio writes to a real crossterm terminal to draw `app` once
/// at `width`×`height`.
pub fn terminal_bytes(app: &App, width: u16, height: u16) -> Vec<u8> {
    let recorder = Recorder::default();
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, width, height));
    let backend = ratatui::backend::CrosstermBackend::new(recorder.clone());
    let mut terminal =
        Terminal::with_options(backend, ratatui::TerminalOptions { viewport }).unwrap();
    terminal
        .draw(|frame| folio::view::draw(frame, app))
        .unwrap();
    recorder.0.borrow().clone()
}

/// A writer that keeps every byte written to it, readable through a clone.
#[derive(Clone, Default)]
struct Recorder(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Recorder {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
