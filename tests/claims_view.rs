//! The `Claims (N)` panel view on the sample article: three claims marked
//! with the keys a reader uses, listed with verdicts coloured by meaning,
//! then walked, filtered, sorted, edited and removed from the panel.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{draw, find_on_screen, press, press_key, row_text, sample_app, screen_text};
use folio::app::panel::claims::ClaimOrder;
use folio::app::{App, Effect, Mode};
use folio::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// Opens the claim form on what the keys `go` reach, moves the verdict
/// down `verdict` places and the label down `label` places, types `note`,
/// and saves.
fn mark(app: &mut App, go: &str, verdict: usize, label: usize, note: &str) {
    press(app, go);
    press(app, "c");
    assert!(matches!(app.mode(), Mode::Claim(_)), "{go}");
    for _ in 0..verdict {
        press_key(app, KeyCode::Down, KeyModifiers::NONE);
    }
    press_key(app, KeyCode::Tab, KeyModifiers::NONE);
    for _ in 0..label {
        press_key(app, KeyCode::Down, KeyModifiers::NONE);
    }
    press_key(app, KeyCode::Tab, KeyModifiers::NONE);
    press(app, note);
    assert_eq!(
        press_key(app, KeyCode::Char('s'), KeyModifiers::CONTROL),
        Some(Effect::Save)
    );
}

/// The sample with three claims: Macron's quotation (false, with a note),
/// the troops sentence (misleading statistic), and the last sentence
/// (unverified); the panel shows the claims view.
fn app_with_claims() -> App {
    let mut app = sample_app();
    mark(&mut app, "]]]", 4, 0, "Check the interview");
    mark(&mut app, "/3,000 US\n", 3, 1, "");
    mark(&mut app, "G", 0, 0, "");
    assert_eq!(app.annotations().claims().len(), 3);
    press(&mut app, "tt");
    app
}

/// The ids of the claims the view lists, top to bottom.
fn listed(app: &App) -> Vec<String> {
    let view = app.claims_view();
    view.rows()
        .iter()
        .filter(|r| matches!(r, folio::app::panel::claims::ClaimRow::Claim(..)))
        .filter_map(|r| view.claim(*r).map(|c| c.id.clone()))
        .collect()
}

#[test]
fn the_claims_view_lists_verdict_label_speaker_words_and_note_mark() {
    let app = app_with_claims();
    let buffer = draw(&app, 120, 40);
    let screen = screen_text(&buffer);
    assert!(screen.contains("│ Claims (3) · Tab t"), "{screen}");
    // In text order: the quotation (Macron's), the troops, the last line.
    let (x, y) = find_on_screen(&buffer, "false checkable · Emmanue…").expect(&screen);
    assert!(row_text(&buffer, y).trim_end().ends_with('✎'), "{screen}");
    assert!(
        row_text(&buffer, y + 1).contains("   “The geopolitical"),
        "{screen}"
    );
    assert!(
        row_text(&buffer, y + 2).contains("│ misleading statistic"),
        "{screen}"
    );
    assert!(
        row_text(&buffer, y + 3).contains("│   Biden last week"),
        "{screen}"
    );
    assert!(
        row_text(&buffer, y + 4).contains("│ unverified checkable"),
        "{screen}"
    );
    // Verdicts are coloured by meaning, from the theme.
    let theme = Theme::builtin(false);
    assert_eq!(buffer[(x, y)].fg, theme.verdict("false").fg.unwrap());
    let (mx, my) = find_on_screen(&buffer, "misleading statistic").unwrap();
    assert_eq!(buffer[(mx, my)].fg, theme.verdict("misleading").fg.unwrap());
    assert_ne!(theme.verdict("false").fg, theme.verdict("misleading").fg);
    insta::assert_debug_snapshot!("claims_view", buffer);
}

#[test]
fn enter_jumps_to_the_claim_and_d_removes_it_undoably() {
    let mut app = app_with_claims();
    press(&mut app, "\tj\n");
    let status = row_text(&draw(&app, 120, 40), 39);
    assert!(
        status.contains("claim 2/3 · misleading") && status.contains("claim c2: misleading"),
        "{status}"
    );
    assert_eq!(press(&mut app, "d"), [Effect::Save]);
    assert_eq!(listed(&app), ["c1", "c3"]);
    assert!(screen_text(&draw(&app, 120, 40)).contains("│ Claims (2)"));
    // The next claim is selected where the removed one was.
    press(&mut app, "\n");
    assert!(row_text(&draw(&app, 120, 40), 39).contains("claim c3: unverified"));
    assert_eq!(press(&mut app, "u"), [Effect::Save]);
    assert_eq!(listed(&app), ["c1", "c2", "c3"]);
}

#[test]
fn c_edits_the_selected_claim() {
    let mut app = app_with_claims();
    press(&mut app, "\t");
    press(&mut app, "c");
    let Mode::Claim(form) = app.mode() else {
        panic!("no claim form");
    };
    assert_eq!(form.editing.as_ref().map(|c| c.id.as_str()), Some("c1"));
    // Moving the verdict up one place and saving updates the row.
    press_key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press_key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(app.annotations().claims()[0].verdict, "misleading");
    assert!(screen_text(&draw(&app, 120, 40)).contains("│ misleading checkable · Em…"));
}

#[test]
fn f_filters_by_verdict_and_s_sorts_by_verdict() {
    let mut app = app_with_claims();
    press(&mut app, "\tf");
    // The first verdict (in the vocabulary's order) that a claim has.
    assert_eq!(app.claims_view().filter(), Some("unverified"));
    assert_eq!(listed(&app), ["c3"]);
    assert!(screen_text(&draw(&app, 120, 40)).contains("│ Claims (1/3 unverified)"));
    press(&mut app, "ff");
    assert_eq!(app.claims_view().filter(), Some("false"));
    assert_eq!(listed(&app), ["c1"]);
    press(&mut app, "f");
    assert_eq!(app.claims_view().filter(), None);
    press(&mut app, "s");
    assert_eq!(app.claims_view().order(), ClaimOrder::Verdict);
    assert_eq!(listed(&app), ["c3", "c2", "c1"]);
    press(&mut app, "s");
    assert_eq!(listed(&app), ["c1", "c2", "c3"]);
}

#[test]
fn without_claims_t_skips_the_view_and_panel_keys_say_they_do_nothing() {
    let mut app = sample_app();
    press(&mut app, "t");
    assert!(screen_text(&draw(&app, 120, 40)).contains("Quotes by speaker"));
    press(&mut app, "t");
    assert!(!screen_text(&draw(&app, 120, 40)).contains("Claims ("));
    press(&mut app, "\td");
    assert!(row_text(&draw(&app, 120, 40), 39).contains("d does nothing in this panel view"));
}

#[test]
fn a_click_on_a_claims_words_selects_and_goes_to_that_claim() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut app = app_with_claims();
    let buffer = draw(&app, 120, 40);
    let (x, y) = find_on_screen(&buffer, "   Biden last week").unwrap();
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x + 4,
        row: y,
        modifiers: KeyModifiers::NONE,
    });
    let status = row_text(&draw(&app, 120, 40), 39);
    assert!(status.contains("claim c2: misleading"), "{status}");
    assert_eq!(
        app.claims_view()
            .selected_claim()
            .map(|(c, _)| c.id.as_str()),
        Some("c2")
    );
}

#[test]
fn no_key_but_quit_acts_while_the_window_is_too_small() {
    // At a normal size, "{" then "d" removes the claim reached.
    let mut seen = app_with_claims();
    press(&mut seen, "{d");
    assert_eq!(seen.annotations().claims().len(), 2);
    // In a window too small to show anything, the same keys change nothing.
    let mut app = app_with_claims();
    app.resize(20, 5);
    press(&mut app, "{d");
    assert_eq!(app.annotations().claims().len(), 3);
    // Quitting works as at any size (a second q when the work is unsaved).
    assert!(press(&mut app, "qq").contains(&Effect::Quit));
}

#[test]
fn the_title_counts_the_claims_of_every_open_article() {
    let mut app = app_with_claims();
    let other = app_with_claims();
    app.set_other_claims(vec![folio::app::panel::claims::ArticleClaims {
        article: "other.txt".to_owned(),
        index: Some(1),
        claims: folio::app::panel::claims::summaries(&other),
    }]);
    let screen = screen_text(&draw(&app, 120, 40));
    assert!(screen.contains("│ Claims (6)"), "{screen}");
}

#[test]
fn enter_on_another_articles_claim_shows_it_there() {
    let mut app = app_with_claims();
    let mut other = app_with_claims();
    app.set_other_claims(vec![folio::app::panel::claims::ArticleClaims {
        article: "other.txt".to_owned(),
        index: Some(1),
        claims: folio::app::panel::claims::summaries(&other),
    }]);
    // This article's three claims, then other.txt's: its second is c2.
    assert_eq!(listed(&app), ["c1", "c2", "c3", "c1", "c2", "c3"]);
    press(&mut app, "	jjjj");
    assert_eq!(
        press(&mut app, "d"),
        [],
        "d does not remove another article's claim"
    );
    assert!(
        row_text(&draw(&app, 120, 40), 39).contains("c2 is in other.txt: Enter goes there"),
        "{}",
        row_text(&draw(&app, 120, 40), 39)
    );
    assert_eq!(
        press(
            &mut app, "
"
        ),
        [Effect::ShowClaimInArticle {
            article: 1,
            claim: 1
        }]
    );
    // The main loop shows other.txt, which goes to its claim c2.
    press(&mut other, "G");
    other.show_claim(1);
    let screen = draw(&other, 120, 40);
    assert!(
        row_text(&screen, 39).contains("claim c2: misleading"),
        "{}",
        row_text(&screen, 39)
    );
    assert_eq!(
        other
            .claims_view()
            .selected_claim()
            .map(|(c, _)| c.id.as_str()),
        Some("c2")
    );
}

#[test]
fn w_writes_the_report_from_the_claims_view_too() {
    let mut app = app_with_claims();
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(press(&mut app, "W"), vec![Effect::WriteReport]);
}

#[test]
fn c_on_a_claim_edits_it_while_the_analysis_still_runs() {
    let mut app = sample_app();
    mark(&mut app, "G", 0, 0, "");
    let file = app.sidecar_file();
    // Reopened, before the analysis ends: `}` goes to the claim, and `c`
    // edits it rather than marking the first sentence on the screen.
    let doc = folio::document::Document::open(std::path::Path::new(common::SAMPLE)).unwrap();
    let mut reopened = App::new(
        doc,
        Ok(Some(file)),
        Theme::builtin(false),
        folio::keymap::Keymap::builtin(),
    );
    reopened.resize(120, 40);
    press(&mut reopened, "}c");
    let screen = screen_text(&draw(&reopened, 120, 40));
    assert!(matches!(reopened.mode(), Mode::Claim(_)), "{screen}");
    assert!(screen.contains(" Edit claim c1 "), "{screen}");
    press(&mut reopened, "\x1b");
    assert_eq!(reopened.annotations().claims().len(), 1);
}

#[test]
fn esc_on_a_changed_claim_form_asks_before_it_discards() {
    let mut app = sample_app();
    // Nothing typed: one Esc closes the form, also on a sentence whose
    // label folio proposes (a statistic).
    press(&mut app, "c\x1b");
    assert!(matches!(app.mode(), Mode::Normal));
    press(&mut app, "S");
    let mut proposed = false;
    for _ in 0..10 {
        press(&mut app, "gsc");
        let Mode::Claim(form) = app.mode() else {
            panic!("no claim form")
        };
        proposed = form.label() == "statistic";
        press(&mut app, "\x1b");
        assert!(matches!(app.mode(), Mode::Normal));
        if proposed {
            break;
        }
    }
    assert!(proposed, "no statistic among the suggestions");
    // A note typed: the first Esc asks, any key goes on editing, the
    // second Esc in a row discards.
    press(&mut app, "cTo check");
    press(&mut app, "\x1b");
    let screen = screen_text(&draw(&app, 120, 40));
    assert!(matches!(app.mode(), Mode::Claim(_)), "{screen}");
    assert!(
        screen.contains("Esc or Ctrl-C again discards your changes"),
        "{screen}"
    );
    press(&mut app, "!\x1b\x1b");
    assert!(matches!(app.mode(), Mode::Normal));
    assert!(app.annotations().claims().is_empty());
    // Ctrl-C in the form is Esc, as in a shell: it never quits, cancels
    // an untouched form, and on a changed one asks before it drops the
    // note.
    press(&mut app, "c");
    assert_eq!(
        press_key(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL),
        None
    );
    assert!(matches!(app.mode(), Mode::Normal));
    press(&mut app, "cA note");
    press_key(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(matches!(app.mode(), Mode::Claim(_)));
    let screen = screen_text(&draw(&app, 120, 40));
    assert!(screen.contains("Esc or Ctrl-C again discards"), "{screen}");
    press_key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(app.annotations().claims()[0].note, "A note");
}

#[test]
fn a_stop_signal_saves_a_changed_claim_form_instead_of_dropping_it() {
    let mut app = sample_app();
    // An untouched form is no claim.
    press(&mut app, "]c");
    assert_eq!(app.save_open_claim_form(), None);
    press(&mut app, "\x1b");
    // A typed note is kept, on the quotation the form was opened on.
    press(&mut app, "cSource?");
    assert_eq!(
        app.save_open_claim_form().as_deref(),
        Some("marked claim c1")
    );
    assert!(matches!(app.mode(), Mode::Normal));
    let claims = app.annotations().claims();
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].note, "Source?");
    assert_eq!(claims[0].speaker.as_deref(), Some("emmanuel-macron"));
    assert_eq!(app.save_open_claim_form(), None);
}

#[test]
fn the_claim_form_names_the_speaker_of_quoted_words_and_says_when_folio_guessed() {
    // Macron's quotation, whose reporting clause names him.
    let mut app = sample_app();
    press(&mut app, "]]]c");
    let form = screen_text(&draw(&app, 120, 40));
    assert!(form.contains("│Speaker  Emmanuel Macron   "), "{form}");
    // Our own text, where folio's ranker is unsure and takes the
    // paraphrase's subject, Blair, for the speaker of Howard's words.
    let doc =
        folio::document::Document::open(std::path::Path::new("tests/fixtures/weak-speaker.txt"))
            .unwrap();
    let mut app = common::app_with(doc, 120, 40, Theme::builtin(false));
    press(&mut app, "]c");
    let form = screen_text(&draw(&app, 120, 40));
    assert!(
        form.contains("│Speaker  Tony Blair · folio's guess: s on the quotation sets it"),
        "{form}"
    );
    // Outside quotations, no speaker row.
    press_key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut app, "Gc");
    assert!(!screen_text(&draw(&app, 120, 40)).contains("Speaker"));
}
