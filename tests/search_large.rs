//! Searching an article longer than folio searches on the spot: the search
//! runs on its own thread, the first match from the reading position is
//! shown first, the count follows, and keys work in between.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use folio::app::App;
use folio::app::search::SEARCH_ON_THE_SPOT;
use folio::document::Document;
use folio::keymap::Keymap;
use folio::theme::Theme;

/// The sample repeated past [`SEARCH_ON_THE_SPOT`], with one German
/// paragraph in every copy; not analysed (a search needs no analysis).
fn long_app() -> (App, usize) {
    let sample = std::fs::read_to_string(common::SAMPLE).unwrap();
    let copy = format!("{sample}\n\nDie Straße nach Moskau.\n\n");
    let copies = SEARCH_ON_THE_SPOT / copy.len() + 2;
    let doc = Document::from_bytes(copy.repeat(copies).as_bytes(), None);
    let mut app = App::new(doc, Ok(None), Theme::builtin(false), Keymap::builtin());
    app.resize(120, 40);
    (app, copies)
}

fn status(app: &App) -> String {
    common::row_text(&common::draw(app, 120, 40), 39)
}

#[test]
fn a_long_article_is_searched_off_the_key_and_counted_after() {
    let (mut app, copies) = long_app();
    common::press(&mut app, "/STRASSE\n");
    assert!(
        app.searching() || status(&app).contains("match"),
        "{}",
        status(&app)
    );
    // A key while the search runs is answered, not queued behind it.
    common::press(&mut app, "j");
    app.finish_search();
    assert!(!app.searching());
    // `ß` matched `SS`: one match per copy; the first is in the first copy.
    common::press(&mut app, "n");
    let shown = status(&app);
    assert!(
        shown.contains(&format!("/{copies} for “STRASSE”")),
        "{shown}"
    );
}

#[test]
fn the_count_replaces_the_first_match_message_and_n_steps_on() {
    let (mut app, copies) = long_app();
    common::press(&mut app, "/moskau\n");
    app.finish_search();
    let shown = status(&app);
    assert!(
        shown.contains(&format!("match 1/{copies} for “moskau”")),
        "{shown}"
    );
    common::press(&mut app, "n");
    assert!(status(&app).contains(&format!("match 2/{copies}")));
    common::press(&mut app, "/no such words\n");
    app.finish_search();
    assert!(status(&app).contains("not found"), "{}", status(&app));
}
