//! Whole-app tests for what the reader is told and shown (issue 14): the
//! sample article in a test terminal, driven by keys, checked on the drawn
//! screen. Each test here failed before its fix.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{draw, press, press_key, row_text, sample_app};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// The status bar of a 120×40 screen.
fn status(app: &folio::app::App) -> String {
    row_text(&draw(app, 120, 40), 39)
}

#[test]
fn undo_and_redo_say_what_they_undid() {
    let mut app = sample_app();
    press(&mut app, ")c\n");
    assert!(status(&app).contains("marked claim c1"));
    press(&mut app, "gg}d");
    assert!(status(&app).contains("removed claim c1"));
    press(&mut app, "u");
    assert!(
        status(&app).contains("undone: claim c1 removed"),
        "{}",
        status(&app)
    );
    press(&mut app, "u");
    assert!(
        status(&app).contains("undone: claim c1 marked"),
        "{}",
        status(&app)
    );
    press(&mut app, "u");
    assert!(status(&app).contains("nothing to undo"));
    press_key(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(
        status(&app).contains("redone: claim c1 marked"),
        "{}",
        status(&app)
    );
    // A speaker fix and an entity correction name themselves too.
    press(&mut app, "]]]]sBiden\n");
    press(&mut app, "u");
    assert!(
        status(&app).contains("undone: speaker of quote 4 set to Joe Biden"),
        "{}",
        status(&app)
    );
    press(&mut app, "/Kremlin\nE21");
    press(&mut app, "u");
    assert!(
        status(&app).contains("undone: removed “Kremlin”"),
        "{}",
        status(&app)
    );
}

#[test]
fn the_position_percentage_moves_smoothly_to_100_and_back() {
    let mut app = common::sample_app_sized(80, 12, false);
    let percent = |app: &folio::app::App| -> u32 {
        let status = row_text(&draw(app, 80, 12), 11);
        let digits: String = status
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().unwrap()
    };
    let mut seen = vec![percent(&app)];
    for _ in 0..200 {
        press(&mut app, "j");
        seen.push(percent(&app));
    }
    assert_eq!(seen.last(), Some(&100), "{seen:?}");
    // One row down adds one row's share of the text: never a leap to 100%.
    for pair in seen.windows(2) {
        assert!(pair[0] <= pair[1], "went back: {seen:?}");
        assert!(
            pair[1] - pair[0] <= 5,
            "jumped {} → {}: {seen:?}",
            pair[0],
            pair[1]
        );
    }
    // And one row up from the end takes back about as much.
    press(&mut app, "k");
    assert!(percent(&app) >= 95, "{}", percent(&app));
}

/// The sample in a 120×40 app whose keymap has `rebind` (keymap TOML)
/// applied over the defaults.
fn app_with_keys(rebind: &str) -> folio::app::App {
    use folio::analysis::{Progress, analyse};
    use folio::keymap::Keymap;
    let doc = folio::document::Document::open(std::path::Path::new(common::SAMPLE)).unwrap();
    let analysis = analyse(&doc, &Progress::default());
    let mut keymap = Keymap::builtin();
    let warnings = keymap.apply_toml(rebind, "test").unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let theme = folio::theme::Theme::builtin(false);
    let mut app = folio::app::App::new(doc, Ok(None), theme, keymap);
    app.set_analysis(analysis);
    app.resize(120, 40);
    app
}

#[test]
fn key_hints_follow_the_keymap() {
    let defaults = sample_app();
    let screen = common::screen_text(&draw(&defaults, 120, 40));
    assert!(status(&defaults).contains("4 quotes ]/["), "{screen}");
    assert!(screen.contains("Entities · Tab t"), "{screen}");
    let mut app = app_with_keys(
        r#"
[keys.normal]
"]" = "none"
"[" = "none"
m = "next_quote"
M = "prev_quote"
c = "none"
a = "mark_claim"
tab = "none"
p = "focus_panel"
t = "none"
T = "toggle_panel_view"
u = "none"
U = "undo"

[keys.panel]
j = "none"
J = "panel_next"
"#,
    );
    let screen = common::screen_text(&draw(&app, 120, 40));
    assert!(status(&app).contains("4 quotes m/M"), "{}", status(&app));
    assert!(screen.contains("Entities · p T "), "{screen}");
    press(&mut app, "}");
    assert!(
        status(&app).contains("no claims yet: a marks one"),
        "{}",
        status(&app)
    );
    press(&mut app, ")a\n");
    press(&mut app, "gg}d");
    assert!(
        status(&app).contains("removed claim c1 (U undoes)"),
        "{}",
        status(&app)
    );
    press(&mut app, "p");
    let screen = common::screen_text(&draw(&app, 120, 40));
    assert!(screen.contains("Entities · J/k Enter t "), "{screen}");
    // While selecting: the select table's keys.
    let mut app = app_with_keys("[keys.select]\nc = \"none\"\nx = \"mark_claim\"\n");
    press(&mut app, "v");
    assert!(
        status(&app).contains("· x claim · T tag · E correct · Esc"),
        "{}",
        status(&app)
    );
}

#[test]
fn help_shows_the_last_message_whole_after_a_key_cleared_it() {
    let mut app = sample_app();
    press(&mut app, "c\n");
    app.saved(Err(folio::annotations::file::FileError::ChangedOnDisk {
        path: "a/very/long/folder/name/for/the/article.txt.folio.toml".into(),
        kept: "a/very/long/folder/name/for/the/article.txt.folio.toml.conflict.toml".into(),
    }));
    press(&mut app, "j?");
    app.resize(80, 40);
    let screen = common::screen_text(&draw(&app, 80, 40));
    assert!(screen.contains("Last message"), "{screen}");
    let joined = screen
        .lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        joined.contains("a/very/long/folder/name/for/the/article.txt.folio.toml.conflict.toml: merge them by hand"),
        "{screen}"
    );
}

#[test]
fn a_search_longer_than_the_bar_shows_its_end() {
    let mut app = sample_app();
    let words = "the geopolitical objective of Russia today is not Ukraine, it is to become \
                 a threat to Europe and the rest of the free world, said Macron in his interview";
    press(&mut app, &format!("/{words}"));
    let bar = status(&app);
    assert_eq!(bar.chars().count(), 120, "{bar}");
    assert!(bar.starts_with("/…"), "{bar}");
    assert!(
        bar.trim_end().ends_with("said Macron in his interview"),
        "{bar}"
    );
}

#[test]
fn stepping_past_the_quotations_says_whether_one_is_current() {
    let mut app = sample_app();
    press(&mut app, "gg[");
    assert!(
        status(&app).contains("no quotation before this point"),
        "{}",
        status(&app)
    );
    press(&mut app, "]");
    assert!(status(&app).contains("quote 1/4"), "{}", status(&app));
    press(&mut app, "[");
    assert!(
        status(&app).contains("no more quotations: this is the first"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_panel_title_too_long_for_the_panel_ends_in_an_ellipsis() {
    let mut app = sample_app();
    press(&mut app, ")c\ntt");
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    let top = row_text(&draw(&app, 120, 40), 0);
    assert!(top.contains("│ Claims (1) · j/k Enter"), "{top}");
    assert!(top.trim_end().ends_with('…'), "{top}");
}
