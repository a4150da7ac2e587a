//! Check-worthiness suggestions in the reader: `S` shows margin marks in
//! the theme's `suggestion` style beside the sentences worth checking, `g s`
//! walks them, and `c` on one opens the claim form with its proposed label.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{draw, find_on_screen, press, row_text, sample_app};
use folio::theme::Theme;

const MARK: &str = "▍";

#[test]
fn marks_start_hidden_and_s_shows_them_in_the_suggestion_style() {
    let mut app = sample_app();
    let hidden = draw(&app, 120, 40);
    assert!((0..39).all(|y| hidden[(0, y)].symbol() == " "));

    press(&mut app, "S");
    let buffer = draw(&app, 120, 40);
    let theme = Theme::builtin(false);
    // The troops sentence (a figure) is marked on its row, in the theme's style.
    let (_, troops) = find_on_screen(&buffer, "Biden last week ordered").unwrap();
    assert_eq!(buffer[(0, troops)].symbol(), MARK);
    assert_eq!(buffer[(0, troops)].fg, theme.suggestion().fg.unwrap());
    // A row holding only the quotation's opening words is not.
    let (_, quote) = find_on_screen(&buffer, "“The geopolitical objective").unwrap();
    assert_eq!(buffer[(0, quote)].symbol(), " ");
    assert!(
        row_text(&buffer, 39).contains("sentences worth checking marked"),
        "{}",
        row_text(&buffer, 39)
    );
    insta::assert_debug_snapshot!("suggestion_marks", buffer);

    press(&mut app, "S");
    let again = draw(&app, 120, 40);
    assert_eq!(again[(0, troops)].symbol(), " ");
}

#[test]
fn c_on_a_suggested_statistic_proposes_the_statistic_label() {
    let mut app = sample_app();
    press(&mut app, "S");
    // Walk the suggestions to the troops sentence.
    let mut found = false;
    for _ in 0..20 {
        press(&mut app, "gs");
        let status = row_text(&draw(&app, 120, 40), 39);
        if status.contains("statistic, number") {
            found = true;
            break;
        }
    }
    assert!(found, "no statistic among the suggestions");
    press(&mut app, "c\n");
    let claims = app.annotations().claims();
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].label, "statistic");
    // The first statistic: "one aim of his visit … for several months".
    let text = app.document().slice(claims[0].span.clone());
    assert!(
        text.starts_with("Two sources close to Macron said one aim"),
        "{text}"
    );
}

#[test]
fn without_the_marks_c_keeps_the_default_label() {
    let mut app = sample_app();
    press(&mut app, "c\n");
    assert_eq!(app.annotations().claims()[0].label, "checkable");
}
