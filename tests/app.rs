//! Whole-app tests: the sample article in a 120×40 test terminal, driven by
//! keys, checked by assertions on real values and by snapshots of the text
//! *and* the styles of every cell (a lost colour fails a snapshot).
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{
    draw, find_on_screen, press, press_key, row_text, sample_app, sample_app_sized, screen_text,
};
use folio::analysis::EntityKind;
use folio::app::{Effect, Mode};
use folio::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::{Color, Modifier};

#[test]
fn first_screen_shows_article_panel_and_status() {
    let app = sample_app();
    let buffer = draw(&app, 120, 40);
    let screen = screen_text(&buffer);
    assert!(
        screen.contains("French President Emmanuel Macron has said"),
        "{screen}"
    );
    for (name, count) in [
        ("Emmanuel Macron", 7),
        ("Vladimir Putin", 3),
        ("Joe Biden", 2),
        ("Volodymyr Zelensky", 1),
    ] {
        let panel_row = screen
            .lines()
            .filter_map(|l| l.split_once('│').map(|(_, panel)| panel))
            .find(|p| p.contains(name));
        let panel_row = panel_row.unwrap_or_else(|| panic!("{name} not in the panel\n{screen}"));
        assert!(
            panel_row.trim_end().ends_with(&format!(" {count}")),
            "{panel_row}"
        );
    }
    assert!(
        screen.contains("People (4)")
            && screen.contains("Places (")
            && screen.contains("Organisations (")
    );
    let status = row_text(&buffer, 39);
    assert!(
        status.contains("4 quotes") && status.contains("0 claims") && status.contains("? help"),
        "{status}"
    );

    // Mentions are coloured by type: "Emmanuel Macron" on the first row in the person colour.
    let theme = Theme::builtin(false);
    let (x, y) = find_on_screen(&buffer, "Emmanuel Macron").unwrap();
    assert_eq!(
        buffer[(x, y)].fg,
        theme.entity(EntityKind::Person, false).fg.unwrap()
    );
    let (x, y) = find_on_screen(&buffer, "Ukraine").unwrap();
    assert_eq!(
        buffer[(x, y)].fg,
        theme.entity(EntityKind::Place, false).fg.unwrap()
    );
    insta::assert_debug_snapshot!(buffer);
}

#[test]
fn two_quote_jumps_highlight_the_second_quotation() {
    let mut app = sample_app();
    assert!(press(&mut app, "]]").is_empty());
    let buffer = draw(&app, 120, 40);
    assert!(
        row_text(&buffer, 39).contains("quote 2/4"),
        "{}",
        row_text(&buffer, 39)
    );
    let theme = Theme::builtin(false);
    let (x, y) = find_on_screen(&buffer, "\"Super April\"").unwrap();
    assert_eq!(buffer[(x + 1, y)].bg, theme.quote(true).bg.unwrap());
    insta::assert_debug_snapshot!(buffer);
}

#[test]
fn the_third_quotation_names_its_speaker() {
    let mut app = sample_app();
    press(&mut app, "]]]");
    let buffer = draw(&app, 120, 40);
    assert!(
        row_text(&buffer, 39).contains("quote 3/4 · speech · Emmanuel Macron"),
        "{}",
        row_text(&buffer, 39)
    );
    press(&mut app, "][[[[");
    let buffer = draw(&app, 120, 40);
    assert!(
        row_text(&buffer, 39).contains("quote 1/4"),
        "{}",
        row_text(&buffer, 39)
    );
}

#[test]
fn a_narrow_bar_cuts_the_speaker_before_it_drops_the_quotation() {
    let mut app = sample_app();
    press(&mut app, "]]]");
    let bar_at = |app: &mut folio::app::App, width: u16| {
        app.resize(width, 20);
        row_text(&draw(app, width, 20), 19)
    };
    // Wide enough: the whole name.
    let bar = bar_at(&mut app, 80);
    assert!(
        bar.contains("quote 3/4 · speech · Emmanuel Macron  │"),
        "{bar}"
    );
    // Narrower: the kind goes ("speech": a quotation with a speaker is
    // one), then as much of the name as fits, then an ellipsis; the
    // quotation's number stays.
    let bar = bar_at(&mut app, 62);
    assert!(
        bar.contains("quote 3/4 · Emmanuel Macron  │  up to date   ? help"),
        "{bar}"
    );
    let bar = bar_at(&mut app, 56);
    assert!(
        bar.contains("quote 3/4 · Emmanuel M…  │  up to date ? help"),
        "{bar}"
    );
    let bar = bar_at(&mut app, 50);
    assert!(bar.contains("quote 3/4 · Emma…  │"), "{bar}");
    // Only where even a cut name leaves no room does the quotation go.
    let bar = bar_at(&mut app, 45);
    assert!(!bar.contains("quote"), "{bar}");
    assert!(bar.contains("up to date"), "{bar}");
    // The article's name, which the reader chose, gives way to who is
    // quoted; without a quotation in hand it stays.
    app.set_article_label("macron-moscow.txt".to_owned());
    let bar = bar_at(&mut app, 62);
    assert!(
        !bar.contains("macron-moscow.txt")
            && bar.contains("%  │  quote 3/4 · Emmanuel Macron  │  up to date"),
        "{bar}"
    );
    let bar = bar_at(&mut app, 100);
    assert!(
        bar.contains("macron-moscow.txt  │   39%  │  quote 3/4 · speech · Emmanuel Macron"),
        "{bar}"
    );
    press(&mut app, ")");
    let bar = bar_at(&mut app, 62);
    assert!(bar.contains("macron-moscow.txt  │"), "{bar}");
}

#[test]
fn a_long_article_name_is_cut_short_before_it_leaves_the_bar_for_a_message() {
    let mut app = sample_app();
    app.set_article_label(
        "13/840 breitbart_2015-12-07_clinton-camp-trump-s-islamaphobi.txt".to_owned(),
    );
    let bar_at = |app: &mut folio::app::App, width: u16| {
        app.resize(width, 40);
        row_text(&draw(app, width, 40), 39)
    };
    let bar = bar_at(&mut app, 120);
    assert!(bar.contains("13/840 breitbart_2015-12-07_clinton-camp-trump-s-islamaphobi.txt  │"));
    app.notify("Bernie Sanders: mention 1/5 · article 13/840");
    let bar = bar_at(&mut app, 120);
    assert!(
        bar.starts_with(" 13/840 breitbart_2015-12-…  │")
            && bar.contains("│  Bernie Sanders: mention 1/5 · article 13/840"),
        "{bar}"
    );
}

#[test]
fn a_speaker_found_through_a_pronoun_says_so_dimmed_when_weak() {
    let mut app = sample_app();
    press(&mut app, "]");
    let buffer = draw(&app, 120, 40);
    let label = "quote 1/4 · speech · he → Emmanuel Macron";
    assert!(
        row_text(&buffer, 39).contains(label),
        "{}",
        row_text(&buffer, 39)
    );
    let theme = Theme::builtin(false);
    let (x, y) = find_on_screen(&buffer, label).unwrap();
    // Dimmed exactly when the ranker was unsure of the pronoun's person.
    let doc =
        folio::document::Document::open(std::path::Path::new("samples/macron-moscow.txt")).unwrap();
    let analysis = folio::analysis::analyse(&doc, &folio::analysis::Progress::default());
    let style = if analysis.quotations[0].evidence.is_weak() {
        theme.ui("ui.statusbar.weak")
    } else {
        theme.ui("ui.statusbar")
    };
    assert_eq!(
        (buffer[(x, y)].fg, buffer[(x, y)].modifier),
        (style.fg.unwrap(), style.add_modifier)
    );
    assert_ne!(
        theme.ui("ui.statusbar.weak").fg,
        theme.ui("ui.statusbar").fg
    );
    // A reporting clause is strong evidence: the label keeps the bar's style.
    press(&mut app, "]]");
    let buffer = draw(&app, 120, 40);
    let (x, y) = find_on_screen(&buffer, "quote 3/4 · speech · Emmanuel Macron").unwrap();
    assert_eq!(buffer[(x, y)].fg, theme.ui("ui.statusbar").fg.unwrap());
}

#[test]
fn marking_a_quotation_as_claim_opens_the_form_and_saves_on_enter() {
    let mut app = sample_app();
    press(&mut app, "]]c");
    assert!(matches!(app.mode(), Mode::Claim(_)));
    let form = draw(&app, 120, 40);
    assert!(screen_text(&form).contains("Mark claim"));
    insta::assert_debug_snapshot!("claim_form", form);

    // ↓ picks "true", typing writes the note (Enter there starts a new
    // line), Ctrl-S saves.
    press_key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, "Elections in April 2022");
    assert_eq!(
        press_key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL),
        Some(Effect::Save)
    );
    let claims = app.annotations().claims();
    assert_eq!(claims.len(), 1);
    assert_eq!(
        app.document().slice(claims[0].span.clone()),
        "\"Super April\""
    );
    assert_eq!(
        (claims[0].verdict.as_str(), claims[0].note.as_str()),
        ("true", "Elections in April 2022")
    );
    let buffer = draw(&app, 120, 40);
    assert!(row_text(&buffer, 39).contains("1 claim"));
    let theme = Theme::builtin(false);
    let (x, y) = find_on_screen(&buffer, "Super April").unwrap();
    assert!(buffer[(x, y)].modifier.contains(Modifier::UNDERLINED));
    assert_ne!(theme.claim(false), ratatui::style::Style::default());
    insta::assert_debug_snapshot!("claim_saved", buffer);
}

#[test]
fn escape_cancels_the_claim_form() {
    let mut app = sample_app();
    // A typed note makes Esc ask first: the second one cancels.
    press(&mut app, "cnote\x1b");
    assert!(matches!(app.mode(), Mode::Claim(_)));
    press(&mut app, "\x1b");
    assert!(matches!(app.mode(), Mode::Normal));
    assert!(app.annotations().claims().is_empty());
}

#[test]
fn claim_on_the_speakers_quotation_records_the_speaker() {
    let mut app = sample_app();
    press(&mut app, "]]]c\n");
    let claim = &app.annotations().claims()[0];
    assert_eq!(claim.speaker.as_deref(), Some("emmanuel-macron"));
    assert!(
        app.document()
            .slice(claim.span.clone())
            .starts_with("“The geopolitical objective")
    );
}

#[test]
fn sentence_claims_undo_redo_and_delete() {
    let mut app = sample_app();
    // The sentence cursor starts on the first sentence; `)` moves to the second.
    press(&mut app, ")c\n");
    let first = app.annotations().claims()[0].clone();
    assert!(
        app.document()
            .slice(first.span.clone())
            .starts_with("French President Emmanuel Macron flies to Moscow")
    );
    assert_eq!(press(&mut app, "u"), [Effect::Save]);
    assert!(app.annotations().claims().is_empty());
    assert_eq!(
        press_key(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL),
        Some(Effect::Save)
    );
    assert_eq!(app.annotations().claims(), std::slice::from_ref(&first));
    // `c` on a claimed sentence edits the same claim instead of adding one.
    press(&mut app, "c");
    press_key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press(&mut app, "\n");
    assert_eq!(app.annotations().claims().len(), 1);
    assert_eq!(app.annotations().claims()[0].verdict, "opinion");
    assert_eq!(app.annotations().claims()[0].id, "c1");
    // `}` goes to the claim, `d` removes it, `u` brings it back.
    press(&mut app, "gg}");
    assert_eq!(press(&mut app, "d"), [Effect::Save]);
    assert!(app.annotations().claims().is_empty());
    press(&mut app, "u");
    assert_eq!(app.annotations().claims().len(), 1);
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut app = sample_app();
    press(&mut app, "?");
    let buffer = draw(&app, 120, 40);
    let screen = screen_text(&buffer);
    for line in [
        "Go to the next quotation",
        "Mark the selection, quotation or sentence",
        "Open the link in the current sentence",
    ] {
        assert!(screen.contains(line), "{line}\n{screen}");
    }
    insta::assert_debug_snapshot!(buffer);
    // The panel's keys are further down: `j` scrolls the help.
    press(&mut app, "jjjjjjjjjjj");
    let scrolled = screen_text(&draw(&app, 120, 40));
    assert!(
        scrolled.contains("Jump to the selected row (an entity's next mention"),
        "{scrolled}"
    );
    press(&mut app, "q");
    assert!(matches!(app.mode(), Mode::Normal));
}

#[test]
fn panel_focus_and_enter_jump_to_the_entitys_mentions() {
    let mut app = sample_app();
    press(&mut app, "\t\n");
    let buffer = draw(&app, 120, 40);
    // The panel's last rows say why Macron is a person, wrapped whole in
    // its 29 columns: "President" before the name, then the listed given
    // name.
    let panel = |y: u16| {
        let row = row_text(&buffer, y);
        row.rsplit('│').next().unwrap_or_default().trim().to_owned()
    };
    assert_eq!(
        [panel(37), panel(38)],
        ["person: title \"President\" +", "given name"]
    );
    assert!(
        row_text(&buffer, 39).contains("Emmanuel Macron: mention 1/7"),
        "{}",
        row_text(&buffer, 39)
    );
    let theme = Theme::builtin(false);
    let selected = theme.entity(EntityKind::Person, true);
    let (x, y) = find_on_screen(&buffer, "Emmanuel Macron").unwrap();
    assert_eq!(buffer[(x, y)].bg, selected.bg.unwrap());
    insta::assert_debug_snapshot!(buffer);
    // j selects Vladimir Putin; Enter twice goes to his second mention.
    press(&mut app, "j\n\n");
    let buffer = draw(&app, 120, 40);
    assert!(
        row_text(&buffer, 39).contains("Vladimir Putin: mention 2/3"),
        "{}",
        row_text(&buffer, 39)
    );
    press(&mut app, "\t");
    press(&mut app, "q");
}

#[test]
fn a_type_the_model_guessed_is_marked_in_the_panel() {
    // In the sample, only "SWIFT" is typed from its words and context
    // alone (no list, cue or title): its row ends in "?", and its detail
    // line says it is a guess. The listed "Kremlin" has no mark.
    let mut app = sample_app();
    press(&mut app, "\t");
    let buffer = draw(&app, 120, 40);
    let (_, y) = find_on_screen(&buffer, "SWIFT").unwrap();
    assert!(
        row_text(&buffer, y).contains("SWIFT ?"),
        "{}",
        row_text(&buffer, y)
    );
    let (_, y) = find_on_screen(&buffer, "Kremlin").unwrap();
    let kremlin = row_text(&buffer, y);
    assert!(!kremlin.contains('?'), "{kremlin}");
    // From Emmanuel Macron: three more people, twelve places, then NATO,
    // Kremlin, EU, Journal du Dimanche and SWIFT.
    for _ in 0..(3 + 12 + 5) {
        press(&mut app, "j");
    }
    let buffer = draw(&app, 120, 40);
    let why = row_text(&buffer, 38);
    assert!(why.contains("a guess: word and context"), "{why}");
}

#[test]
fn keys_that_do_nothing_say_why() {
    let mut app = sample_app();
    press(&mut app, "Z");
    assert_eq!(app.message(), Some("Z is not bound (? lists the keys)"));
    // An empty search clears the last one's marks, and says so.
    press(&mut app, "/\n");
    assert_eq!(app.message(), Some("nothing to search for"));
    press(&mut app, "/Putin\n/\n");
    assert_eq!(app.message(), Some("search cleared"));
}

#[test]
fn search_is_case_insensitive_and_n_repeats() {
    let mut app = sample_app();
    press(&mut app, "/PUTIN\n");
    let buffer = draw(&app, 120, 40);
    assert!(
        row_text(&buffer, 39).contains("match 1/3"),
        "{}",
        row_text(&buffer, 39)
    );
    press(&mut app, "n");
    assert!(row_text(&draw(&app, 120, 40), 39).contains("match 2/3"));
    press(&mut app, "NN");
    assert!(row_text(&draw(&app, 120, 40), 39).contains("match 3/3"));
    press(&mut app, "/no such words\n");
    assert!(row_text(&draw(&app, 120, 40), 39).contains("not found"));
}

#[test]
fn no_color_keeps_meanings_visible_by_modifiers() {
    let app = sample_app_sized(120, 40, true);
    let buffer = draw(&app, 120, 40);
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    }
    let (x, y) = find_on_screen(&buffer, "Emmanuel Macron").unwrap();
    assert!(buffer[(x, y)].modifier.contains(Modifier::BOLD));
    let (x, y) = find_on_screen(&buffer, "new balance").unwrap();
    assert!(buffer[(x, y)].modifier.contains(Modifier::ITALIC));
    insta::assert_debug_snapshot!(buffer);
}

#[test]
fn scrolling_keys_move_through_a_short_window() {
    let mut app = sample_app_sized(80, 12, false);
    let top_row = |app: &folio::app::App| row_text(&draw(app, 80, 12), 1);
    let first = top_row(&app);
    press(&mut app, "j");
    assert_ne!(top_row(&app), first);
    press(&mut app, "k");
    assert_eq!(top_row(&app), first);
    press(&mut app, "G");
    assert!(screen_text(&draw(&app, 80, 12)).contains("-RT/Reuters"));
    assert!(row_text(&draw(&app, 80, 12), 11).contains("100%"));
    press(&mut app, "gg");
    assert_eq!(top_row(&app), first);
    press_key(&mut app, KeyCode::Char('d'), KeyModifiers::CONTROL);
    press_key(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    press_key(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
    press_key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(top_row(&app), first);
    // A quote jump scrolls the quotation into view.
    press(&mut app, "]]]]");
    assert!(screen_text(&draw(&app, 80, 12)).contains("deterrence"));
}

#[test]
fn every_small_size_and_overlay_draws_without_panicking() {
    for keys in ["", "?", "]]c", "\t", "/put", "]]]]s", "t\t"] {
        let mut app = sample_app();
        press(&mut app, keys);
        for width in 0..=12u16 {
            for height in 0..=12u16 {
                app.resize(width, height);
                let buffer = draw(&app, width, height);
                if width > 0 && height > 0 {
                    let first_row = row_text(&buffer, 0);
                    assert!(
                        "window too small (need 30×6)".starts_with(first_row.trim_end()),
                        "{first_row}"
                    );
                }
            }
        }
        for (width, height) in [(30, 6), (79, 24), (80, 24), (200, 60), (300, 10)] {
            app.resize(width, height);
            draw(&app, width, height);
        }
    }
}

#[test]
fn quitting_with_an_unsaved_change_asks_twice() {
    let mut app = sample_app();
    assert_eq!(press(&mut app, "c\n"), [Effect::Save]);
    let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    app.saved(Err(folio::annotations::file::FileError::Write {
        path: "ro/a.txt.folio.toml".into(),
        reason: denied,
    }));
    assert!(row_text(&draw(&app, 120, 40), 39).contains("NOT SAVED"));
    assert!(press(&mut app, "q").is_empty(), "the first q only warns");
    assert!(screen_text(&draw(&app, 120, 40)).contains("press q again"));
    assert_eq!(press(&mut app, "q"), [Effect::Quit]);
    // Any other key in between disarms it.
    let mut app = sample_app();
    press(&mut app, "c\n");
    app.saved(Err(folio::annotations::file::FileError::Write {
        path: "a".into(),
        reason: std::io::Error::other("disk full"),
    }));
    assert!(press(&mut app, "qjq").is_empty());
    assert!(app.unsaved_reason().is_some());
}

#[test]
fn the_cursor_follows_the_screen_when_scrolling_leaves_it_behind() {
    let mut app = sample_app_sized(80, 12, false);
    // G puts the cursor on the last sentence: `[` then finds the last quotation.
    press(&mut app, "G[");
    let status = row_text(&draw(&app, 80, 12), 11);
    assert!(status.contains("quote 4/4"), "{status}");
    // Scrolling down past the cursor brings it onto the first sentence shown,
    // so `c` marks something the reader can see.
    press(&mut app, "gg");
    for _ in 0..8 {
        press(&mut app, "j");
    }
    let screen = screen_text(&draw(&app, 80, 12));
    press(&mut app, "c");
    let Mode::Claim(form) = app.mode() else {
        panic!("no claim form")
    };
    let claimed = app.document().slice(form.span.clone()).to_owned();
    let first_words: String = claimed
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        screen.contains(&first_words),
        "{first_words:?} not on screen:\n{screen}"
    );
}

#[test]
fn pasted_text_goes_into_the_note_and_is_never_run_as_keys() {
    let mut app = sample_app();
    press(&mut app, "c");
    app.handle_paste("line one\r\nline two d q\u{1b}[2J");
    assert!(
        press(&mut app, "\n").is_empty(),
        "Enter in the note is a new line"
    );
    assert_eq!(
        press_key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL),
        Some(Effect::Save)
    );
    assert_eq!(
        app.annotations().claims()[0].note,
        "line one\nline two d q[2J"
    );
    app.handle_paste("qqq");
    assert!(matches!(app.mode(), Mode::Normal));
    assert_eq!(app.annotations().claims().len(), 1);
}

#[test]
fn the_claim_form_shows_the_chosen_verdict_and_the_note_on_small_windows() {
    let mut app = sample_app_sized(50, 20, false);
    press(&mut app, "c");
    for _ in 0..5 {
        press_key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    }
    let screen = screen_text(&draw(&app, 50, 20));
    assert!(screen.contains("◂ opinion ▸ 6/6"), "{screen}");
    // A note longer than the field scrolls so the end being typed stays visible.
    press(
        &mut app,
        "The Journal du Dimanche interview ran on 6 February 2022, page 3",
    );
    let screen = screen_text(&draw(&app, 50, 20));
    assert!(screen.contains("2022, page 3"), "{screen}");

    let mut app = sample_app_sized(30, 6, false);
    press(&mut app, "c");
    let screen = screen_text(&draw(&app, 30, 6));
    assert!(
        screen.contains("Verdict") && screen.contains("Note"),
        "{screen}"
    );
}

#[test]
fn s_sets_the_speaker_of_a_quotation_and_undo_restores_it() {
    let mut app = sample_app();
    // Quote 4's speaker is the subject of its clause: folio says how it knows.
    press(&mut app, "]]]]");
    assert!(
        row_text(&draw(&app, 120, 40), 39)
            .contains("quote 4/4 · speech · Emmanuel Macron · subject of the clause")
    );
    press(&mut app, "s");
    assert!(screen_text(&draw(&app, 120, 40)).contains("Who said this?"));
    assert_eq!(press(&mut app, "Biden\n"), [Effect::Save]);
    // The reader's word needs no evidence.
    assert!(row_text(&draw(&app, 120, 40), 39).contains("quote 4/4 · speech · Joe Biden  │"));
    let exported = app.export_file();
    assert_eq!(exported.quotes[3].speaker.as_deref(), Some("joe-biden"));
    assert_eq!(exported.speakers.len(), 1);
    assert_eq!(
        exported.speakers[0].exact,
        "“ongoing diplomatic and deterrence efforts”"
    );
    // A name folio does not know is kept as typed.
    press(&mut app, "sWhite House readout\n");
    assert_eq!(
        app.export_file().quotes[3].speaker_text.as_deref(),
        Some("White House readout")
    );
    press(&mut app, "u");
    assert!(row_text(&draw(&app, 120, 40), 39).contains("Joe Biden"));
    // `s` away from a quotation explains itself.
    press(&mut app, ")s");
    assert!(matches!(app.mode(), Mode::Normal));
}

#[test]
fn t_shows_quotations_grouped_by_speaker_and_enter_jumps() {
    let mut app = sample_app();
    press(&mut app, "t\t");
    let screen = screen_text(&draw(&app, 120, 40));
    assert!(screen.contains("Quotes by speaker"), "{screen}");
    assert!(
        screen.contains("Emmanuel Macron (3)") && screen.contains("scare quotes (1)"),
        "{screen}"
    );
    press(&mut app, "\n");
    let status = row_text(&draw(&app, 120, 40), 39);
    assert!(
        status.contains("quote 1/4 · speech · he → Emmanuel Macron"),
        "{status}"
    );
    press(&mut app, "j\n");
    assert!(row_text(&draw(&app, 120, 40), 39).contains("quote 3/4"));
    // t goes on to the suggestions view, and t again back to the entities.
    press(&mut app, "t");
    assert!(screen_text(&draw(&app, 120, 40)).contains("Suggested ("));
    press(&mut app, "t");
    assert!(screen_text(&draw(&app, 120, 40)).contains("People (4)"));
}

#[test]
fn sentence_steps_go_on_from_the_screen_not_from_a_cursor_left_behind() {
    // A short sentence, then one far taller than the screen.
    let words: Vec<String> = (0..3000).map(|i| format!("word{i}")).collect();
    let text = format!("Short first sentence here.\n\n{} end.\n", words.join(" "));
    let doc = folio::document::Document::from_bytes(text.as_bytes(), None);
    let mut app = common::app_with(doc, 120, 40, Theme::builtin(false));
    assert_eq!(app.sentence(), 0);
    press(&mut app, "G");
    let bottom = app.top();
    // `G` put the cursor on the last sentence, which starts far above the
    // screen: there is no next one, and the screen stays where it is.
    press(&mut app, ")");
    assert_eq!(app.top(), bottom);
    assert_eq!(app.message(), Some("no more sentences: this is the last"));
    // Back: the sentence the screen is in, from its start.
    press(&mut app, "(");
    assert_eq!(app.sentence(), 1);
    assert!(app.top() != bottom);
}

#[test]
fn sentence_steps_move_the_cursor_one_sentence_on_the_sample() {
    let mut app = sample_app();
    press(&mut app, ")");
    assert_eq!(app.sentence(), 1);
    press(&mut app, "((");
    assert_eq!(app.sentence(), 0);
    assert_eq!(app.message(), Some("no more sentences: this is the first"));
}

#[test]
fn an_article_without_quotations_offers_no_quotation_keys() {
    let doc = folio::document::Document::from_bytes(b"Rain fell on Leeds all day.\n", None);
    let app = common::app_with(doc, 120, 40, Theme::builtin(false));
    let status = row_text(&draw(&app, 120, 40), 39);
    assert!(status.contains("no quotes"), "{status}");
    assert!(!status.contains("]/["), "{status}");
}

#[test]
fn an_empty_article_says_it_has_no_entities() {
    let doc = folio::document::Document::from_bytes(b"\n\n", None);
    let app = common::app_with(doc, 120, 40, Theme::builtin(false));
    let screen = screen_text(&draw(&app, 120, 40));
    assert!(screen.contains("│ no entities"), "{screen}");
}

#[test]
fn search_steps_say_when_they_go_on_from_the_top_or_the_end() {
    let mut app = sample_app();
    press(&mut app, "/Putin\n");
    let first = app.message().unwrap().to_owned();
    let total: usize = first
        .strip_prefix("match 1/")
        .and_then(|rest| rest.split_once(' '))
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or_else(|| panic!("{first}"));
    assert!(total > 1, "{first}");
    for _ in 1..total {
        press(&mut app, "n");
    }
    assert_eq!(
        app.message(),
        Some(format!("match {total}/{total} for “Putin”").as_str())
    );
    press(&mut app, "n");
    assert_eq!(
        app.message(),
        Some(format!("match 1/{total} for “Putin” · went on from the top").as_str())
    );
    press(&mut app, "N");
    assert_eq!(
        app.message(),
        Some(format!("match {total}/{total} for “Putin” · went on from the end").as_str())
    );
    // A new search from the end of the article, past every mention of
    // NATO, finds the first one above and says so too.
    press(&mut app, "G/NATO\n");
    assert_eq!(
        app.message(),
        Some("match 1/2 for “NATO” · went on from the top")
    );
}

#[test]
fn tab_focuses_the_claims_view_of_an_article_without_entities() {
    let doc = folio::document::Document::from_bytes(
        b"the cat sat on the mat all day.\n\nnothing else happened at all.\n",
        None,
    );
    let mut app = common::app_with(doc, 120, 40, Theme::builtin(false));
    press(&mut app, "c");
    assert!(matches!(app.mode(), Mode::Claim(_)));
    press_key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(app.annotations().claims().len(), 1);
    // On the entities view there is nothing to focus.
    press(&mut app, "\t");
    assert_eq!(app.focus(), folio::keymap::Context::Article);
    // On the claims view, the claim can be reached (to edit or remove).
    press(&mut app, "tt");
    press(&mut app, "\t");
    assert_eq!(app.focus(), folio::keymap::Context::Panel);
}

#[test]
fn a_claim_can_be_marked_before_the_analysis_is_in() {
    let mut app = common::unanalysed_app(
        b"Prices rose by 4% in May. Officials blamed fuel.\n\nA second paragraph.\n",
    );
    assert!(app.analysis().is_none());
    // The form opens on the first sentence on the screen, so the keys
    // typed next go to the form, never to the keymap.
    press(&mut app, "c");
    assert!(matches!(app.mode(), Mode::Claim(_)));
    press(&mut app, "do");
    press_key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let claims = app.annotations().claims();
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].span, 0..25);
}

#[test]
fn a_preview_of_an_article_still_being_read_takes_no_claims() {
    let mut app = common::unanalysed_app(
        b"Prices rose by 4% in May. Officials blamed fuel.\n\nA second paragraph.\n",
    )
    .into_preview();
    // Neither a claim (lost when the whole article replaces the preview)
    // nor a report of an article not yet read.
    for key in ["c", "W"] {
        let effects = press(&mut app, key);
        assert!(effects.is_empty(), "{key}: {effects:?}");
        assert!(matches!(app.mode(), Mode::Normal), "{key}");
        assert!(
            app.message()
                .is_some_and(|m| m.starts_with("still reading the article")),
            "{key}: {:?}",
            app.message()
        );
    }
    assert!(app.annotations().claims().is_empty());
    // Scrolling and searching still work.
    press(&mut app, "/May");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(
        app.message().is_some_and(|m| m.contains("match 1/1")),
        "{:?}",
        app.message()
    );
}

#[test]
fn the_report_and_the_panel_wait_for_the_analysis() {
    let mut app = common::unanalysed_app(b"Prices rose by 4% in May.\n");
    // Nor do the keys that read the analysis say there is nothing.
    for key in ["W", "x", "\t"] {
        assert!(press(&mut app, key).is_empty(), "{key:?}");
        assert_eq!(app.message(), Some("still analysing…"), "{key:?}");
    }
    let analysis = folio::analysis::analyse(app.document(), &folio::analysis::Progress::default());
    app.set_analysis(analysis);
    assert_eq!(press(&mut app, "W"), [Effect::WriteReport]);
}

#[test]
fn help_scrolls_no_further_than_its_end() {
    let mut app = sample_app_sized(50, 10, false);
    press(&mut app, "?");
    let top = screen_text(&draw(&app, 50, 10));
    for _ in 0..300 {
        press(&mut app, "j");
    }
    let end = screen_text(&draw(&app, 50, 10));
    assert_ne!(top, end);
    // One `k` from the end moves the text at once, not after 200 presses.
    press(&mut app, "k");
    let one_up = screen_text(&draw(&app, 50, 10));
    assert_ne!(one_up, end);
    press(&mut app, "j");
    assert_eq!(screen_text(&draw(&app, 50, 10)), end);
}

#[test]
fn escape_then_a_key_typed_fast_is_read_as_the_two_keys() {
    // The terminal sends Esc `q` typed together as one Alt-q.
    let mut app = sample_app();
    let effect = press_key(&mut app, KeyCode::Char('q'), KeyModifiers::ALT);
    assert_eq!(effect, Some(Effect::Quit));
    // Alt-z, which nothing binds, is Esc then z: z is not bound either.
    let mut app = sample_app();
    assert_eq!(
        press_key(&mut app, KeyCode::Char('z'), KeyModifiers::ALT),
        None
    );
    assert_eq!(app.message(), Some("z is not bound (? lists the keys)"));
}

#[test]
fn ctrl_z_in_the_claim_form_suspends_and_keeps_what_was_typed() {
    let mut app = sample_app();
    press(&mut app, "c");
    app.handle_paste("half a note");
    assert_eq!(
        press_key(&mut app, KeyCode::Char('z'), KeyModifiers::CONTROL),
        Some(Effect::Suspend)
    );
    // Back from the shell, the form is as it was and saves the note.
    assert!(matches!(app.mode(), Mode::Claim(_)));
    assert_eq!(
        press_key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL),
        Some(Effect::Save)
    );
    assert_eq!(app.annotations().claims()[0].note, "half a note");
    // The search prompt suspends too.
    press(&mut app, "/");
    assert_eq!(
        press_key(&mut app, KeyCode::Char('z'), KeyModifiers::CONTROL),
        Some(Effect::Suspend)
    );
    assert!(matches!(app.mode(), Mode::Search(_)));
}

#[test]
fn narrowing_the_window_past_the_panel_gives_the_keys_back_to_the_article() {
    let mut app = sample_app();
    press(&mut app, "\t");
    assert_eq!(app.focus(), folio::keymap::Context::Panel);
    app.resize(60, 30);
    assert_eq!(app.focus(), folio::keymap::Context::Article);
}

#[test]
fn a_long_speakers_name_gives_way_before_the_articles_name_and_the_claim_count() {
    let mut app = sample_app();
    app.set_article_label("macron-moscow.txt".to_owned());
    // The reader names a committee as the speaker of the third quotation.
    press(&mut app, "]]]s");
    press(&mut app, "Commons Work and Pensions Committee\n");
    app.saved(Ok(()));
    // The next key clears the message ("speaker set").
    press(&mut app, "][");
    let bar = row_text(&draw(&app, 120, 40), 39);
    assert!(
        bar.contains(
            "macron-moscow.txt  │  100%  │  quote 3/4 · speech · Commons Work and Pensions Committee  │  0 claims  │  saved"
        ),
        "{bar}"
    );
    // Narrower, the name is cut before the article's name or the count go.
    app.resize(100, 40);
    let bar = row_text(&draw(&app, 100, 40), 39);
    assert!(
        bar.starts_with(" macron-moscow.txt  │ ")
            && bar.contains("%  │  quote 3/4 · Commons Work and Pensio…  │  0 claims  │  saved"),
        "{bar}"
    );
}
