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
    // Marked as a claim, the sentence is suggested no more.
    let buffer = draw(&app, 120, 40);
    let (_, marked) = find_on_screen(&buffer, "Two sources close to").unwrap();
    assert_ne!(buffer[(0, marked)].symbol(), MARK);
}

#[test]
fn without_the_marks_c_keeps_the_default_label() {
    let mut app = sample_app();
    press(&mut app, "c\n");
    assert_eq!(app.annotations().claims()[0].label, "checkable");
}

#[test]
fn x_dismisses_a_suggestion_in_the_sidecar_u_brings_it_back_and_a_reopened_file_keeps_it() {
    use folio::analysis::{Progress, analyse};
    use folio::app::{App, Effect};
    use folio::document::Document;
    use folio::keymap::Keymap;

    let mut app = sample_app();
    press(&mut app, "S");
    let before = draw(&app, 120, 40);
    let (_, troops) = find_on_screen(&before, "Biden last week ordered").unwrap();
    assert_eq!(before[(0, troops)].symbol(), MARK);
    // `/` search moves the sentence cursor to the troops sentence.
    press(&mut app, "/3,000 US\n");
    assert_eq!(press(&mut app, "x"), [Effect::Save]);
    let dismissed = draw(&app, 120, 40);
    assert_eq!(dismissed[(0, troops)].symbol(), " ");
    let file = app.sidecar_file();
    assert_eq!(file.dismissed.len(), 1);
    assert!(
        file.dismissed[0]
            .exact
            .starts_with("Biden last week ordered")
    );
    let toml = toml::to_string(&file).unwrap();
    assert!(toml.contains("[[dismissed]]"), "{toml}");

    // Reopened with that file, the suggestion stays dismissed.
    let doc = Document::open(std::path::Path::new(common::SAMPLE)).unwrap();
    let analysis = analyse(&doc, &Progress::default());
    let mut reopened = App::new(
        doc,
        Ok(Some(file)),
        Theme::builtin(false),
        Keymap::builtin(),
    );
    reopened.set_analysis(analysis);
    reopened.resize(120, 40);
    press(&mut reopened, "S");
    assert_eq!(draw(&reopened, 120, 40)[(0, troops)].symbol(), " ");

    // u undoes the dismissal.
    press(&mut app, "u");
    assert_eq!(draw(&app, 120, 40)[(0, troops)].symbol(), MARK);
    assert!(app.sidecar_file().dismissed.is_empty());
}

#[test]
fn the_suggested_view_ranks_by_score_and_enter_jumps_to_the_sentence() {
    let mut app = sample_app();
    press(&mut app, "tt");
    let buffer = draw(&app, 120, 40);
    let screen = common::screen_text(&buffer);
    assert!(screen.contains("Suggested ("), "{screen}");
    // Scores in the panel go down row by row.
    let scores: Vec<f64> = screen
        .lines()
        .take(39) // not the status bar
        .filter_map(|l| l.split_once('│').map(|(_, panel)| panel.trim()))
        .filter_map(|p| p.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(scores.len() >= 3, "{screen}");
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    press(&mut app, "\tj\n");
    let buffer = draw(&app, 120, 40);
    let status = row_text(&buffer, 39);
    assert!(
        status.contains(&format!("worth checking {:.2}", scores[1])),
        "{status}"
    );
    // The marks are on and the chosen sentence is marked.
    assert!((0..39).any(|y| buffer[(0, y)].symbol() == MARK));
}

#[test]
fn g_s_in_an_article_with_nothing_worth_checking_says_so() {
    let doc = folio::input::from_bytes(b"Hello.\n\nGoodbye.\n", None);
    let mut app = common::app_with(doc, 100, 30, Theme::builtin(false));
    press(&mut app, "gs");
    assert_eq!(
        app.message(),
        Some("no sentence of this article is suggested for checking")
    );
    // The sample has suggestions: past the last one the walk says so.
    let mut app = sample_app();
    press(&mut app, "G");
    press(&mut app, "gs");
    assert_eq!(app.message(), Some("no more suggestions this way"));
}

#[test]
fn the_first_g_s_after_opening_describes_the_first_sentence_when_it_is_suggested() {
    // The sample's first sentence (the title) is its top suggestion.
    let mut app = sample_app();
    let first = app.analysis().unwrap().sentences[0].clone();
    let suggested = app
        .analysis()
        .unwrap()
        .suggestions
        .iter()
        .any(|s| s.span == first);
    assert!(suggested, "the first sentence is suggested");
    press(&mut app, "gs");
    let message = app.message().unwrap_or_default().to_owned();
    assert!(message.starts_with("worth checking"), "{message}");
    assert_eq!(app.sentence(), 0);
}
