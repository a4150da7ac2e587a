//! Any article at any window size, after any keys: drawing never panics.
#![no_main]

use folio::analysis::{Progress, analyse};
use folio::app::App;
use folio::document::Document;
use folio::keymap::Keymap;
use folio::theme::Theme;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fuzz_target!(|input: (u8, u8, Vec<u8>, &[u8])| {
    let (width, height, keys, bytes) = input;
    let (width, height) = (u16::from(width), u16::from(height % 80));
    let doc = Document::from_bytes(bytes, None);
    let analysis = analyse(&doc, &Progress::default());
    let mut app = App::new(doc, Ok(None), Theme::builtin(false), Keymap::builtin().expect("keymap"));
    app.set_analysis(analysis);
    app.resize(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    const KEYS: &[char] = &['j', 'k', 'G', 'g', ']', '[', ')', '(', '}', '{', 'c', 'd', 'u', '/', 'n', '?', '\t', '\n', 'x'];
    for key in keys.into_iter().take(40) {
        let code = match KEYS.get(usize::from(key) % KEYS.len()) {
            Some('\t') => KeyCode::Tab,
            Some('\n') => KeyCode::Enter,
            Some(c) => KeyCode::Char(*c),
            None => KeyCode::Esc,
        };
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        terminal.draw(|frame| folio::view::draw(frame, &app)).expect("draw");
    }
});
