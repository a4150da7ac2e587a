//! Property tests: any text, any window size, any keys — folio never
//! panics, never lets a control character from the text reach the terminal,
//! and every exported span still equals its text.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use folio::analysis::{Progress, analyse};
use folio::app::App;
use folio::document::Document;
use folio::keymap::Keymap;
use folio::theme::Theme;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Pieces that real and hostile articles are made of.
fn article_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z]{1,9}",
        Just(" ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("\t".to_owned()),
        Just(". ".to_owned()),
        Just("President Emmanuel Macron".to_owned()),
        Just(" said ".to_owned()),
        Just("Kyiv".to_owned()),
        Just("NATO".to_owned()),
        prop::sample::select(vec!["“", "”", "‘", "’", "\"", "'", "«", "»", "„", "‹", "›"])
            .prop_map(str::to_owned),
        prop::sample::select(vec![
            "\u{1b}]0;x\u{7}",
            "\u{1b}[2J",
            "\u{9b}31m",
            "\u{0}",
            "\u{c}",
            "\u{7f}",
            "\u{85}"
        ])
        .prop_map(str::to_owned),
        prop::sample::select(vec![
            "🇺🇦",
            "👩🏽\u{200D}🔬",
            "❄\u{FE0F}",
            "e\u{301}",
            "日本語",
            "שלום",
            "مرحبا",
            "\u{FEFF}",
            "\u{AD}",
            "\u{200B}"
        ])
        .prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

fn keys() -> impl Strategy<Value = Vec<KeyEvent>> {
    let key = prop_oneof![
        prop::sample::select(vec![
            'j', 'k', 'g', 'G', ']', '[', ')', '(', '}', '{', 'c', 'd', 'u', 'n', 'N', '/', '?',
            'x', 'q', 'v', 'w', 'b', 'e', 's', 'T', 'E', '1', '2', '3', '4'
        ])
        .prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::Down,
            KeyCode::Up,
            KeyCode::PageDown
        ])
        .prop_map(|code| KeyEvent::new(code, KeyModifiers::NONE)),
        Just(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)),
        Just(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)),
        Just(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
    ];
    prop::collection::vec(key, 0..30)
}

/// Control bytes that only the text could have put there: ratatui itself
/// writes ESC sequences for colours and cursor moves, never these.
fn leaked_control(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    if let Some(c) = text.chars().find(|&c| matches!(c, '\u{0}'..='\u{8}' | '\u{a}'..='\u{1a}' | '\u{1c}'..='\u{1f}' | '\u{7f}'..='\u{9f}')) {
        return Some(format!("{c:?}"));
    }
    // Every ESC must start a CSI (ESC [) sequence of ratatui's: never OSC, DCS, …
    text.match_indices('\u{1b}')
        .find(|(i, _)| text.get(i + 1..i + 2) != Some("["))
        .map(|(i, _)| format!("ESC at {i}: {:?}", text.get(i..(i + 8).min(text.len()))))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_article_any_size_any_keys(text in article_text(), width in 0u16..160, height in 0u16..50, keys in keys()) {
        let doc = Document::from_bytes(text.as_bytes(), None);
        let analysis = analyse(&doc, &Progress::default());
        let mut app = App::new(doc, Ok(None), Theme::builtin(false), Keymap::builtin());
        app.set_analysis(analysis);
        app.resize(width, height);
        for key in keys {
            app.handle_key(key);
            let bytes = common::terminal_bytes(&app, width, height);
            prop_assert_eq!(leaked_control(&bytes), None);
        }
        let bytes = common::terminal_bytes(&app, width, height);
        prop_assert_eq!(leaked_control(&bytes), None);

        let exported = app.export_file();
        let chars: Vec<char> = text.chars().collect();
        let text_of = |start: usize, end: usize| chars.get(start..end).map(|c| c.iter().collect::<String>());
        for entity in &exported.entities {
            for m in &entity.mentions {
                prop_assert_eq!(text_of(m.start, m.end), Some(m.exact.to_string()));
            }
        }
        for q in &exported.quotes {
            prop_assert_eq!(text_of(q.start, q.end), Some(q.exact.clone()));
        }
        for c in &exported.claims {
            prop_assert_eq!(text_of(c.start, c.end), Some(c.exact.clone()));
        }
    }

    #[test]
    fn any_bytes_open_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..2000), width in 0u16..120, height in 0u16..40) {
        let doc = Document::from_bytes(&bytes, None);
        let analysis = analyse(&doc, &Progress::default());
        let mut app = App::new(doc, Ok(None), Theme::builtin(false), Keymap::builtin());
        app.set_analysis(analysis);
        app.resize(width, height);
        let frame = common::terminal_bytes(&app, width, height);
        prop_assert_eq!(leaked_control(&frame), None);
    }
}
