//! Re-anchoring on the sample article after an editor touched it: a line
//! added on top, a figure corrected inside one claim, a paragraph with
//! another claim removed. The app finds what it can, flags the changed claim
//! with its old and new words, lists the orphan, and writes everything back.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{SAMPLE, draw, find_on_screen, fixed_now, press, row_text, screen_text};
use folio::analysis::{Progress, analyse};
use folio::annotations::file::AnnotationFile;
use folio::annotations::{Annotations, Claim, export};
use folio::app::App;
use folio::document::Document;
use folio::keymap::Keymap;
use folio::theme::Theme;

const BIDEN: &str = "Biden last week ordered the deployment of 3,000 US troops to Poland, Germany and Romania, preparing for an invasion that Moscow flatly denies is coming.";
const QUOTE: &str = "“The geopolitical objective of Russia today is clearly not Ukraine, but to clarify the rules of cohabitation with NATO and the EU,”";
const SOURCES: &str = "Two sources close to Macron said one aim of his visit was to buy time";

/// The annotation file for three claims on the unedited sample.
fn saved_before_the_edit() -> AnnotationFile {
    let doc = Document::open(std::path::Path::new(SAMPLE)).unwrap();
    let text = doc.text();
    let sources = text.find(SOURCES).unwrap();
    // The claim runs to the end of its paragraph (one line).
    let sources_end = sources + text.get(sources..).unwrap().find('\n').unwrap();
    let claims = [
        ("c1", text.find(BIDEN).unwrap(), BIDEN.len()),
        ("c2", text.find(QUOTE).unwrap(), QUOTE.len()),
        ("c3", sources, sources_end - sources),
    ]
    .into_iter()
    .map(|(id, at, len)| Claim {
        id: id.to_owned(),
        span: at..at + len,
        label: "checkable".to_owned(),
        verdict: "true".to_owned(),
        note: String::new(),
        speaker: None,
        created: fixed_now(),
        modified: None,
    })
    .collect();
    export::to_file(&doc, None, &Annotations::new(claims, vec![]))
}

/// The sample as an editor left it.
fn edited_sample() -> String {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let sources_line = text.lines().find(|l| l.starts_with(SOURCES)).unwrap();
    let edited = format!("Updated on 7 February with the Pentagon's figures.\n{text}")
        .replace("3,000 US troops", "3,500 US troops")
        .replace(&format!("{sources_line}\n"), "");
    assert_ne!(edited.len(), text.len());
    edited
}

fn app_on_edited_sample() -> App {
    let doc = Document::from_bytes(
        edited_sample().as_bytes(),
        Some(std::path::PathBuf::from(SAMPLE)),
    );
    let analysis = analyse(&doc, &Progress::default());
    let mut app = App::new(
        doc,
        Ok(Some(saved_before_the_edit())),
        Theme::builtin(false),
        Keymap::builtin(),
    )
    .with_clock(fixed_now);
    app.set_analysis(analysis);
    app.resize(120, 40);
    app
}

#[test]
fn the_edited_sample_keeps_moves_flags_and_orphans_claims() {
    let before = saved_before_the_edit();
    let app = app_on_edited_sample();
    let annotations = app.annotations();
    let found: Vec<(&str, &str)> = annotations
        .claims()
        .iter()
        .map(|c| (c.id.as_str(), app.document().slice(c.span.clone())))
        .collect();
    assert_eq!(
        found,
        [
            ("c2", QUOTE),
            ("c1", BIDEN.replace("3,000", "3,500").as_str()),
        ]
    );
    assert_eq!(annotations.changed_from("c1"), Some(BIDEN));
    assert_eq!(annotations.changed_from("c2"), None);
    assert_eq!(annotations.orphans().len(), 1);
    let c3 = before.claims.iter().find(|c| c.id == "c3").unwrap();
    assert_eq!(&annotations.orphans()[0], c3);
    // Written back: the orphan as read, the changed claim with both texts.
    let saved = app.sidecar_file();
    assert_eq!(saved.claims.len(), 3);
    assert_eq!(&saved.claims[2], c3);
    let c1 = saved.claims.iter().find(|c| c.id == "c1").unwrap();
    assert_eq!(c1.exact, BIDEN.replace("3,000", "3,500"));
    assert_eq!(c1.changed_from.as_deref(), Some(BIDEN));
    assert_eq!(c1.prefix, " Volodymyr Zelensky on Tuesday.\n");
}

#[test]
fn the_panel_lists_orphaned_and_changed_claims() {
    let mut app = app_on_edited_sample();
    let buffer = draw(&app, 120, 40);
    let screen = screen_text(&buffer);
    // The app opens on the claims view: c2 and c1 in text order, the
    // changed one marked, the orphan last.
    assert!(screen.contains("│ Claims (3) · Tab t"), "{screen}");
    let c2 = find_on_screen(&buffer, "   “The geopolitical").unwrap();
    assert!(
        row_text(&buffer, c2.1 - 1).contains("│ true checkable · Emmanuel M…"),
        "{screen}"
    );
    assert!(
        row_text(&buffer, c2.1 + 1).contains("│ true checkable")
            && row_text(&buffer, c2.1 + 1).trim_end().ends_with(" changed"),
        "{screen}"
    );
    assert!(
        row_text(&buffer, c2.1 + 2).contains("│   Biden last week ordered"),
        "{screen}"
    );
    assert!(
        row_text(&buffer, c2.1 + 3)
            .trim_end()
            .ends_with(" orphaned"),
        "{screen}"
    );
    assert!(
        row_text(&buffer, c2.1 + 4).contains("│   Two sources close to Mac…"),
        "{screen}"
    );
    // With the focus on the changed claim, the footer says what it was.
    press(&mut app, "\tj");
    let focused = screen_text(&draw(&app, 120, 40));
    assert!(
        focused.contains("│ was: …nt of 3,000 US troops"),
        "{focused}"
    );
    press(&mut app, "\t");
    assert!(row_text(&buffer, 39).contains("3 claims (1 orphaned)"));
    insta::assert_debug_snapshot!("orphaned_and_changed_claims", buffer);

    // On the changed claim, the status bar says so.
    press(&mut app, "}}");
    let status = row_text(&draw(&app, 120, 40), 39);
    assert!(
        status.contains("claim 2/2 · true · words changed"),
        "{status}"
    );
    // The form says the words changed, with those the verdict was given on.
    press(&mut app, "c");
    let form = screen_text(&draw(&app, 120, 40));
    assert!(form.contains("Edit claim c1 · its words changed"), "{form}");
    assert!(form.contains("the verdict was given on: “Biden"), "{form}");
    // Saving the claim again (the reader has seen the new words) clears the flag.
    press(&mut app, "\n");
    assert_eq!(app.annotations().changed_from("c1"), None);
    assert!(!screen_text(&draw(&app, 120, 40)).contains(" changed"));
}

#[test]
fn an_orphaned_claim_is_attached_to_the_words_selected_for_it() {
    let mut app = app_on_edited_sample();
    let orphan = app.annotations().orphans()[0].clone();
    assert_eq!(orphan.id, "c3");
    // The claims view lists c2, c1, then the orphan: `c` on it asks for
    // the words it is about now, in the article.
    press(&mut app, "\tjjc");
    let status = screen_text(&draw(&app, 120, 40));
    assert!(
        status.contains(
            "attaching orphaned claim c3: select the words it is about now (v, then s for a sentence), then c"
        ),
        "{status}"
    );
    assert_eq!(app.focus(), folio::keymap::Context::Article);
    // Words that carry another claim are refused.
    press(&mut app, "/The geopolitical objective\n");
    press(&mut app, "vqc");
    let status = screen_text(&draw(&app, 120, 40));
    assert!(
        status.contains("c2 is already on these words: select others for c3"),
        "{status}"
    );
    assert!(!matches!(app.mode(), folio::app::Mode::Claim(_)));
    // Esc while selecting gives the attaching up; `c` on the orphan again
    // takes it up.
    press(&mut app, "\u{1b}");
    let status = row_text(&draw(&app, 120, 40), 39);
    assert!(status.contains("attaching c3 cancelled"), "{status}");
    press(&mut app, "\tc");
    assert!(screen_text(&draw(&app, 120, 40)).contains("attaching orphaned claim c3"));
    // The reader selects the sentence that now says it; `c` opens the form
    // with the orphan's verdict, label and the words it was made on.
    const NOW: &str = "His political advisers see a potential electoral dividend, although Macron has yet to announce whether he will run.";
    press(&mut app, "/His political advisers\n");
    press(&mut app, "vsc");
    let form = screen_text(&draw(&app, 120, 40));
    assert!(form.contains("Attach orphaned claim c3"), "{form}");
    assert!(
        form.contains("the verdict was given on: “Two sources close to Macron"),
        "{form}"
    );
    assert!(
        form.contains("[true]") && form.contains("[checkable]"),
        "{form}"
    );
    press(&mut app, "\n");
    let annotations = app.annotations();
    assert!(annotations.orphans().is_empty());
    let claim = annotations.claims().iter().find(|c| c.id == "c3").unwrap();
    assert_eq!(app.document().slice(claim.span.clone()), NOW);
    assert_eq!(
        (claim.verdict.as_str(), claim.label.as_str(), claim.created),
        ("true", "checkable", orphan.created)
    );
    // Its verdict was given on other words: the claim says which.
    assert_eq!(annotations.changed_from("c3"), Some(orphan.exact.as_str()));
    let status = row_text(&draw(&app, 120, 40), 39);
    assert!(
        status.contains("attached claim c3 to the selected words"),
        "{status}"
    );
    // Undone, it is the orphan it was.
    press(&mut app, "u");
    assert_eq!(app.annotations().orphans(), [orphan]);
    assert!(app.annotations().claims().iter().all(|c| c.id != "c3"));
}

#[test]
fn a_claim_form_saved_without_a_change_changes_nothing() {
    let mut app = app_on_edited_sample();
    // c2 is neither changed nor orphaned: Enter on its form as it opened.
    press(&mut app, "\tc\n");
    let status = row_text(&draw(&app, 120, 40), 39);
    assert!(status.contains("claim c2 unchanged"), "{status}");
    press(&mut app, "u");
    let status = row_text(&draw(&app, 120, 40), 39);
    assert!(status.contains("nothing to undo"), "{status}");
}

#[test]
fn a_misspelt_verdict_or_label_in_a_hand_edited_file_is_told_on_opening() {
    let mut file = saved_before_the_edit();
    file.claims[1].verdict = "mislaeding".to_owned();
    file.claims[2].label = "statistik".to_owned();
    // A verdict of the reader's own, like none offered, is theirs.
    file.claims[0].verdict = "needs-a-source".to_owned();
    let doc = Document::open(std::path::Path::new(SAMPLE)).unwrap();
    let mut app = App::new(
        doc,
        Ok(Some(file)),
        Theme::builtin(false),
        Keymap::builtin(),
    )
    .with_vocabulary(folio::annotations::ClaimVocabulary::default());
    app.check_vocabulary();
    assert_eq!(
        app.message(),
        Some(
            "claim c2's verdict “mislaeding” looks like “misleading” misspelt (and 1 more): c on it chooses another"
        )
    );
}
