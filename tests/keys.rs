//! Keys and messages through the app API: key sequences (`g g`), the pending
//! prefix in the status bar, and settings warnings shown there.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{draw, press, press_key, row_text, sample_app, sample_app_sized};
use folio::app::Mode;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

#[test]
fn a_half_typed_sequence_shows_in_the_status_bar_and_completes_or_cancels() {
    let mut app = sample_app_sized(80, 12, false);
    press(&mut app, "G");
    let bottom = row_text(&draw(&app, 80, 12), 1);
    press(&mut app, "g");
    let status = row_text(&draw(&app, 80, 12), 11);
    assert!(status.contains("│  g …"), "{status}");
    assert_eq!(row_text(&draw(&app, 80, 12), 1), bottom);
    // Esc cancels the pending `g` quietly; the next `g g` goes to the top.
    press(&mut app, "\x1b");
    assert!(app.pending_keys().is_empty());
    assert!(!row_text(&draw(&app, 80, 12), 11).contains("g …"));
    press(&mut app, "gg");
    let first = row_text(&draw(&app, 80, 12), 1);
    assert!(
        first.contains("French President Emmanuel Macron"),
        "{first}"
    );
    // An unbound second key says so and does nothing else.
    press(&mut app, "gx");
    let status = row_text(&draw(&app, 80, 12), 11);
    assert!(status.contains("g x is not bound"), "{status}");
    press(&mut app, "ge");
    assert_eq!(row_text(&draw(&app, 80, 12), 1), bottom);
}

#[test]
fn a_settings_warning_shows_in_the_status_bar_after_the_article_warning() {
    let mut app = sample_app_sized(120, 12, false);
    app.notify("config.toml:3: mouse: expected true or false; the mouse stays on");
    let status = row_text(&draw(&app, 120, 12), 11);
    assert!(
        status.contains("config.toml:3: mouse: expected true or false"),
        "{status}"
    );
    // The next key clears it, as any message.
    press(&mut app, "j");
    assert!(!row_text(&draw(&app, 120, 12), 11).contains("config.toml"));
}

#[test]
fn ctrl_j_a_line_feed_is_enter_in_prompts_and_forms() {
    // An Enter typed ahead of folio's start reaches it as a line feed.
    let mut app = sample_app();
    press(&mut app, "/PUTIN");
    press_key(&mut app, KeyCode::Char('j'), KeyModifiers::CONTROL);
    assert!(matches!(app.mode(), Mode::Normal));
    let status = row_text(&draw(&app, 120, 40), 39);
    assert!(status.contains("match 1/3"), "{status}");
    press(&mut app, "c");
    press_key(&mut app, KeyCode::Char('j'), KeyModifiers::CONTROL);
    assert!(matches!(app.mode(), Mode::Normal));
    assert_eq!(app.annotations().claims().len(), 1);
}
