//! Correcting the machine by hand, through the app: a keyboard selection,
//! tagging it, fixing mentions (remove, join, rename), undo, and corrections
//! surviving a save and reopening.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::{SAMPLE, draw, find_on_screen, press, press_key, row_text, sample_app, screen_text};
use folio::analysis::{EntityKind, analyse};
use folio::annotations::file;
use folio::annotations::store::Store;
use folio::app::{App, Mode};
use folio::document::Document;
use folio::keymap::Keymap;
use folio::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn selected(app: &App) -> &str {
    app.document()
        .slice(app.selection().map(|s| s.span()).unwrap_or(0..0))
}

/// The kind and reason (as the panel shows it) of the entity `id`.
fn kind_and_reason(app: &App, id: &str) -> (EntityKind, String) {
    let entities = &app.analysis().unwrap().entities;
    let entity = entities.iter().find(|e| e.id == id).unwrap();
    (entity.kind, entity.reason.to_string())
}

fn entity_texts(app: &App, id: &str) -> Option<Vec<String>> {
    let entity = app.analysis()?.entities.iter().find(|e| e.id == id)?;
    let doc = app.document();
    Some(
        entity
            .mentions
            .iter()
            .map(|m| doc.slice(m.clone()).to_owned())
            .collect(),
    )
}

/// The sample copied to a temporary folder, opened with its sidecar (if any).
fn open(article: &Path) -> App {
    let doc = Document::open(article).unwrap();
    let (_, loaded) = Store::open(&file::sidecar_path(article));
    let mut app = App::new(
        doc.clone(),
        loaded,
        Theme::builtin(false),
        Keymap::builtin(),
    )
    .with_clock(common::fixed_now);
    app.set_analysis(analyse(&doc, &Default::default()));
    app.resize(120, 40);
    app
}

fn save(app: &App, article: &Path) {
    let (mut store, _) = Store::open(&file::sidecar_path(article));
    store.save(&app.sidecar_file()).unwrap();
}

#[test]
fn v_selects_by_word_quotation_and_sentence_and_c_marks_the_selection() {
    let mut app = sample_app();
    press(&mut app, "]]]v");
    assert_eq!(selected(&app), "The");
    press(&mut app, "www");
    assert_eq!(selected(&app), "The geopolitical objective of");
    press(&mut app, "b");
    assert_eq!(selected(&app), "The geopolitical objective");

    let buffer = draw(&app, 120, 40);
    let theme = Theme::builtin(false);
    let (x, y) = find_on_screen(&buffer, "geopolitical").unwrap();
    assert_eq!(
        buffer[(x, y)].bg,
        theme.scope("ui.selection.text").bg.unwrap()
    );
    let (x, y) = find_on_screen(&buffer, "Russia today").unwrap();
    assert_ne!(
        buffer[(x, y)].bg,
        theme.scope("ui.selection.text").bg.unwrap()
    );
    assert!(
        row_text(&buffer, 39).contains("SELECT “The geopolitical objective”"),
        "{}",
        row_text(&buffer, 39)
    );
    insta::assert_debug_snapshot!("selection", buffer);

    press(&mut app, "q");
    assert!(selected(&app).starts_with("“The geopolitical objective"));
    assert!(selected(&app).ends_with("NATO and the EU,”"));
    // A long selection keeps its place in the bar: its excerpt, then its
    // key hints, shrink first.
    let chars = format!("{} chars", selected(&app).chars().count());
    for width in [120, 80, 60] {
        let bar = row_text(&draw(&app, width, 40), 39);
        assert!(bar.contains("SELECT ") && bar.contains(&chars), "{bar}");
    }
    press(&mut app, "s");
    assert!(selected(&app).ends_with("before his departure for Moscow."));
    let sentence = app.selection().unwrap().span();
    // `(` moves the end back over the previous sentence: the selection grows.
    press(&mut app, "(");
    assert!(selected(&app).starts_with("Two sources close to Macron"));
    press(&mut app, "s");
    assert!(selected(&app).starts_with("Two sources close to Macron"));
    press(&mut app, ")");
    assert_eq!(app.selection().unwrap().head, sentence);

    press(&mut app, "\x1b");
    assert!(app.selection().is_none());
    press(&mut app, "gg]]]vwwc");
    assert!(matches!(app.mode(), Mode::Claim(_)));
    press(&mut app, "\n");
    let claims = app.annotations().claims();
    assert_eq!(claims.len(), 1);
    assert_eq!(
        app.document().slice(claims[0].span.clone()),
        "The geopolitical objective"
    );
    assert!(app.selection().is_none(), "marking ends the selection");
}

#[test]
fn tag_a_selection_onto_an_entity_then_remove_rename_undo_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::copy(SAMPLE, &article).unwrap();
    let mut app = open(&article);

    // "weekly Journal du Dimanche", this mention only, joins the paper.
    press(&mut app, "/weekly Journal du Dimanche\nv");
    assert_eq!(selected(&app), "weekly Journal du Dimanche");
    press(&mut app, "T");
    assert!(matches!(app.mode(), Mode::Correction(_)));
    press(&mut app, "3journal");
    let picker = draw(&app, 120, 40);
    let screen = screen_text(&picker);
    assert!(
        screen.contains("Tag “weekly Journal du Dimanche”"),
        "{screen}"
    );
    assert!(screen.contains("new entity “weekly Journal du Dimanche”"));
    assert!(screen.contains("Journal du Dimanche (organisation, 1)"));
    insta::assert_debug_snapshot!("tag_picker", picker);
    press_key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, "\n2");
    assert_eq!(app.mode(), &Mode::Normal);
    assert_eq!(
        entity_texts(&app, "journal-du-dimanche").unwrap(),
        ["weekly Journal du Dimanche"]
    );

    // Remove every "Kremlin"; undo brings it back, redo removes it again.
    press(&mut app, "/Kremlin\nvE21");
    assert_eq!(entity_texts(&app, "kremlin"), None);
    assert!(!screen_text(&draw(&app, 120, 40)).contains("Kremlin   "));
    press(&mut app, "u");
    assert_eq!(entity_texts(&app, "kremlin").unwrap(), ["Kremlin"]);
    press_key(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(entity_texts(&app, "kremlin"), None);

    // Rename Emmanuel Macron; his quotation's speaker follows.
    press(&mut app, "/Emmanuel Macron\nvE4");
    press_key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut app, "President Macron\n");
    assert_eq!(app.quote_speaker(2).1.as_deref(), Some("President Macron"));
    assert_eq!(app.annotations().corrections().len(), 3);

    save(&app, &article);
    let saved = std::fs::read_to_string(file::sidecar_path(&article)).unwrap();
    assert!(
        saved.contains(
            "[[corrections]]\naction = \"remove\"\nscope = \"all\"\nexact = \"Kremlin\"\n"
        ),
        "{saved}"
    );
    let reopened = open(&article);
    assert_eq!(entity_texts(&reopened, "kremlin"), None);
    assert_eq!(
        entity_texts(&reopened, "journal-du-dimanche").unwrap(),
        ["weekly Journal du Dimanche"]
    );
    let export = reopened.export_file();
    let macron = export
        .entities
        .iter()
        .find(|e| e.id == "emmanuel-macron")
        .unwrap();
    assert_eq!(
        (macron.name.as_str(), macron.mentions.len()),
        ("President Macron", 7)
    );
    assert_eq!(export.corrections.len(), 3);
}

#[test]
fn undoing_the_only_correction_shows_the_entity_again() {
    // With no other annotation, undo brings back an empty annotation file;
    // the entity must come back on screen too, not only in the file.
    let mut app = sample_app();
    press(&mut app, "/Kremlin\nvE21");
    assert_eq!(entity_texts(&app, "kremlin"), None);
    press(&mut app, "u");
    assert!(app.annotations().corrections().is_empty());
    assert_eq!(entity_texts(&app, "kremlin").unwrap(), ["Kremlin"]);
    assert!(screen_text(&draw(&app, 120, 40)).contains("Kremlin"));
}

#[test]
fn a_retype_to_the_same_kind_or_a_rename_to_another_entity_s_name_records_nothing() {
    let mut app = sample_app();
    // "Moscow" is a place: retyping this mention as a place changes nothing.
    press(&mut app, "/Moscow\nE122");
    assert!(app.annotations().corrections().is_empty());
    let bar = row_text(&draw(&app, 120, 40), 39);
    assert!(bar.contains("“Moscow” is a place already"), "{bar}");
    // Renaming Emmanuel Macron to Vladimir Putin would list two rows of
    // one name.
    press(&mut app, "/Emmanuel Macron\nvE4");
    press_key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut app, "Vladimir Putin\n");
    assert!(app.annotations().corrections().is_empty());
    let screen = screen_text(&draw(&app, 120, 40));
    assert!(
        screen.contains("“Vladimir Putin” is another entity's name"),
        "{screen}"
    );
}

#[test]
fn retyping_a_guessed_entity_to_its_own_kind_confirms_it() {
    let mut app = sample_app();
    press(&mut app, "\t");
    // People (4), places (12), then the organisations: SWIFT, the panel's
    // one guess ("SWIFT ?"), is the fifth.
    press(&mut app, &"j".repeat(20));
    let screen = screen_text(&draw(&app, 120, 40));
    assert!(screen.contains("SWIFT ?"), "{screen}");
    press(&mut app, "E131");
    assert_eq!(app.annotations().corrections().len(), 1);
    assert_eq!(
        kind_and_reason(&app, "swift"),
        (EntityKind::Organisation, "retyped by the reader".to_owned())
    );
    let buffer = draw(&app, 120, 40);
    let status = row_text(&buffer, 39);
    assert!(
        status.contains("confirmed “SWIFT” as organisation"),
        "{status}"
    );
    let screen = screen_text(&buffer);
    assert!(
        screen.contains("SWIFT  ") && !screen.contains("SWIFT ?"),
        "{screen}"
    );
    assert!(!app.export_file().entities.iter().any(|e| e.kind_guessed));
    // Journal du Dimanche, above it, is no guess (cue "Journal"): the
    // same retype records nothing.
    press(&mut app, "k");
    press(&mut app, "E131");
    assert_eq!(app.annotations().corrections().len(), 1);
    let status = row_text(&draw(&app, 120, 40), 39);
    assert!(
        status.contains("“Journal du Dimanche” is an organisation already"),
        "{status}"
    );
}

#[test]
fn join_one_mention_to_another_person_and_tag_a_new_one() {
    let mut app = sample_app();
    // The last "Macron", this mention only, joined to Vladimir Putin.
    press(&mut app, "G/Macron has yet\nvE3putin\n2");
    let putin = entity_texts(&app, "vladimir-putin").unwrap();
    assert_eq!(putin.last().map(String::as_str), Some("Macron"));
    assert_eq!(entity_texts(&app, "emmanuel-macron").unwrap().len(), 6);

    // "Super April" is no entity yet: tag it as a new misc one, everywhere.
    press(&mut app, "gg/Super April\nv");
    assert_eq!(selected(&app), "Super April");
    press(&mut app, "T4\n1");
    let tagged = app
        .analysis()
        .unwrap()
        .entities
        .iter()
        .find(|e| e.name == "Super April")
        .unwrap();
    assert_eq!(tagged.kind, EntityKind::Misc);
    assert_eq!(
        app.export_file()
            .entities
            .iter()
            .find(|e| e.name == "Super April")
            .unwrap()
            .origin,
        "user"
    );
    let status = row_text(&draw(&app, 120, 40), 39);
    assert!(status.contains("tagged “Super April” as misc"), "{status}");
}

#[test]
fn e_in_the_panel_retypes_the_selected_entity() {
    let mut app = sample_app();
    press(&mut app, "\t");
    // People (4), places (12), then the organisations: RT is the sixth.
    press(&mut app, &"j".repeat(21));
    press(&mut app, "E");
    let screen = screen_text(&draw(&app, 120, 40));
    assert!(screen.contains("Correct “RT” · RT"), "{screen}");
    press(&mut app, "141");
    assert_eq!(
        kind_and_reason(&app, "rt"),
        (EntityKind::Misc, "retyped by the reader".to_owned())
    );
    let screen = screen_text(&draw(&app, 120, 40));
    assert!(screen.contains("Organisations (6)"), "{screen}");
    assert!(screen.contains("Other (7)"), "{screen}");
}

#[test]
fn e_right_after_a_search_corrects_the_mention_found_and_old_claims_open() {
    let mut app = sample_app();
    press(&mut app, "/Kremlin\nE21");
    assert_eq!(entity_texts(&app, "kremlin"), None);

    // A claim written before folio recorded `modified` still opens.
    let old = "schema = 1\noffset_unit = \"char\"\n[article]\npath = \"a\"\nsha256 = \"0\"\n\
        [[claims]]\nid = \"c1\"\nstart = 0\nend = 6\nexact = \"French\"\nlabel = \"checkable\"\n\
        verdict = \"true\"\nnote = \"one\\ntwo\"\ncreated = 2026-11-29T08:00:00Z\n";
    let parsed = file::parse(Path::new("old.folio.toml"), old).unwrap();
    assert_eq!(parsed.claims[0].modified, None);
    assert_eq!(parsed.claims[0].note, "one\ntwo");
}
