//! The annotation file and `folio export`: every span's chars equal its
//! `exact`, the TOML parses back to the same value, claims survive reopening,
//! and errors name the path.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::process::Command;

use common::{SAMPLE, press, sample_app};
use folio::annotations::file::{self, AnnotationFile};
use folio::annotations::store::Store;
use folio::document::Document;
use folio::keymap::Keymap;
use folio::theme::Theme;

/// Chars `[start, end)` of `text`.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn assert_every_span_matches(text: &str, exported: &AnnotationFile) {
    for entity in &exported.entities {
        for m in &entity.mentions {
            assert_eq!(
                chars(text, m.start, m.end),
                &*m.exact,
                "mention of {}",
                entity.name
            );
        }
    }
    for q in &exported.quotes {
        assert_eq!(chars(text, q.start, q.end), q.exact, "{}", q.id);
    }
    for c in &exported.claims {
        assert_eq!(chars(text, c.start, c.end), c.exact, "{}", c.id);
        let prefix_len = c.prefix.chars().count();
        assert_eq!(chars(text, c.start - prefix_len, c.start), c.prefix);
        assert_eq!(
            chars(text, c.end, c.end + c.suffix.chars().count()),
            c.suffix
        );
    }
}

#[test]
fn export_round_trips_and_every_span_equals_its_exact_text() {
    let mut app = sample_app();
    // A claim on Macron's quotation, and one on the sentence after it.
    press(&mut app, "]]]c\n)c\n");
    let exported = app.export_file();
    assert_eq!(
        (exported.schema, exported.offset_unit.as_str()),
        (3, "char")
    );
    assert_eq!(exported.article.path, SAMPLE);
    assert_eq!(exported.article.sha256, app.document().sha256());
    assert_eq!(exported.quotes.len(), 4);
    assert_eq!(exported.claims.len(), 2);

    let text = std::fs::read_to_string(SAMPLE).unwrap();
    assert_every_span_matches(&text, &exported);

    let quote_claim = &exported.claims[0];
    assert_eq!(quote_claim.exact, exported.quotes[2].exact);
    assert_eq!(
        (quote_claim.start, quote_claim.end),
        (exported.quotes[2].start, exported.quotes[2].end)
    );
    assert_eq!(quote_claim.speaker.as_deref(), Some("emmanuel-macron"));
    assert_eq!(
        exported.quotes[2].speaker.as_deref(),
        Some("emmanuel-macron")
    );
    assert!(
        exported
            .entities
            .iter()
            .any(|e| e.id == "emmanuel-macron" && e.mentions.len() == 7)
    );
    assert_eq!(
        exported.claims[1].exact.split_whitespace().next(),
        Some("Russia")
    );
    assert_eq!(quote_claim.created.to_string(), "2026-11-29T08:00:00Z");

    let written = file::to_toml(&exported).unwrap();
    assert!(
        written.contains(
            "origin = \"auto\"\nreason = 'title \"President\" + given name'\nmentions = [\n    { start = 17, end = 32, exact = \"Emmanuel Macron\" },\n"
        ),
        "{written}"
    );
    // The panel's "?": SWIFT's kind is the model's guess; no other is.
    let guessed: Vec<(&str, &str)> = exported
        .entities
        .iter()
        .filter(|e| e.kind_guessed)
        .map(|e| (e.id.as_str(), e.reason.as_str()))
        .collect();
    assert_eq!(guessed, [("swift", "word and context")]);
    assert!(
        written.contains("reason = \"word and context\"\nkind_guessed = true\nmentions"),
        "{written}"
    );
    let parsed = file::parse(Path::new("x.folio.toml"), &written).unwrap();
    assert_eq!(parsed, exported);
}

#[test]
fn claims_come_back_when_the_article_is_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::copy(SAMPLE, &article).unwrap();
    let doc = Document::open(&article).unwrap();
    let mut app = folio::app::App::new(
        doc.clone(),
        Ok(None),
        Theme::builtin(false),
        Keymap::builtin(),
    );
    app.set_analysis(folio::analysis::analyse(&doc, &Default::default()));
    app.resize(120, 40);
    press(&mut app, "]]c\n");
    let sidecar = file::sidecar_path(&article);
    let (mut store, _) = Store::open(&sidecar);
    store.save(&app.sidecar_file()).unwrap();
    // The sidecar holds the reader's work only; entities are recomputed.
    let saved = file::load(&sidecar).unwrap().unwrap();
    assert!(saved.entities.is_empty() && saved.quotes.is_empty());
    assert_eq!(saved.claims.len(), 1);

    let (_, loaded) = Store::open(&sidecar);
    let reopened = folio::app::App::new(doc, loaded, Theme::builtin(false), Keymap::builtin());
    assert_eq!(reopened.annotations().claims(), app.annotations().claims());
    assert_eq!(
        reopened
            .document()
            .slice(reopened.annotations().claims()[0].span.clone()),
        "\"Super April\""
    );
}

#[test]
fn a_corrupt_annotation_file_is_reported_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::copy(SAMPLE, &article).unwrap();
    let sidecar = file::sidecar_path(&article);
    std::fs::write(&sidecar, "schema = 1\n[[claims]\n").unwrap();
    let doc = Document::open(&article).unwrap();
    let mut app = folio::app::App::new(
        doc.clone(),
        file::load(&sidecar),
        Theme::builtin(false),
        Keymap::builtin(),
    );
    app.set_analysis(folio::analysis::analyse(&doc, &Default::default()));
    app.resize(120, 40);
    assert!(
        press(&mut app, "]c\n").is_empty(),
        "no save may be asked for"
    );
    match app.save_state() {
        folio::app::SaveState::ReadOnly(why) => {
            assert!(why.contains("article.txt.folio.toml:2:"), "{why}")
        }
        other => panic!("expected read-only, got {other:?}"),
    }
    assert_eq!(
        std::fs::read_to_string(&sidecar).unwrap(),
        "schema = 1\n[[claims]\n"
    );
}

#[test]
fn export_command_prints_toml_and_writes_files() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::copy(SAMPLE, &article).unwrap();
    let folio = env!("CARGO_BIN_EXE_folio");

    let output = Command::new(folio)
        .arg("export")
        .arg(&article)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed = String::from_utf8(output.stdout).unwrap();
    let exported = file::parse(Path::new("stdout"), &printed).unwrap();
    assert_eq!(exported.quotes.len(), 4);
    assert_every_span_matches(&std::fs::read_to_string(SAMPLE).unwrap(), &exported);
    assert!(
        !file::sidecar_path(&article).exists(),
        "export must not create the sidecar"
    );

    let out = dir.path().join("out.toml");
    let status = Command::new(folio)
        .arg("export")
        .arg(&article)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    // The pipe gets records written as they are made, the file the text
    // of the whole export: the same bytes.
    assert_eq!(std::fs::read_to_string(&out).unwrap(), printed);
    assert_eq!(file::load(&out).unwrap(), Some(exported));
    // "-o -" is standard output, not a file named "-".
    let dashed = Command::new(folio)
        .current_dir(dir.path())
        .arg("export")
        .arg(&article)
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert!(dashed.status.success());
    assert_eq!(String::from_utf8(dashed.stdout).unwrap(), printed);
    assert!(!dir.path().join("-").exists());

    // Never over the article itself.
    let output = Command::new(folio)
        .arg("export")
        .arg(&article)
        .arg("-o")
        .arg(&article)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("refusing to write the export over the article")
    );
    assert_eq!(
        std::fs::read(&article).unwrap(),
        std::fs::read(SAMPLE).unwrap()
    );
    // Nor over its annotation file, which holds the reader's claims.
    let sidecar = file::sidecar_path(&article);
    std::fs::write(&sidecar, &printed).unwrap();
    let output = Command::new(folio)
        .arg("export")
        .arg(&article)
        .arg("-o")
        .arg(&sidecar)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("refusing to write the export over the article's annotation file")
    );
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), printed);
}

#[test]
fn a_missing_article_is_a_one_line_error_naming_the_path() {
    let folio = env!("CARGO_BIN_EXE_folio");
    for args in [
        vec!["no/such/article.txt"],
        vec!["export", "no/such/article.txt"],
    ] {
        let output = Command::new(folio).args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with("folio: cannot read no/such/article.txt: "),
            "{stderr}"
        );
        assert_eq!(
            stderr.matches("No such file").count(),
            1,
            "the reason once: {stderr}"
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn a_speaker_fix_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::copy(SAMPLE, &article).unwrap();
    let open = |loaded| {
        let doc = Document::open(&article).unwrap();
        let analysis = folio::analysis::analyse(&doc, &Default::default());
        let mut app = folio::app::App::new(doc, loaded, Theme::builtin(false), Keymap::builtin());
        app.set_analysis(analysis);
        app.resize(120, 40);
        app
    };
    let sidecar = file::sidecar_path(&article);
    let (mut store, loaded) = Store::open(&sidecar);
    let mut app = open(loaded);
    press(&mut app, "]]]]sPutin\n");
    store.save(&app.sidecar_file()).unwrap();
    let (_, loaded) = Store::open(&sidecar);
    let reopened = open(loaded);
    assert_eq!(
        reopened.quote_speaker(3).0.as_deref(),
        Some("vladimir-putin")
    );
    assert_eq!(
        reopened.export_file().quotes[3].speaker.as_deref(),
        Some("vladimir-putin")
    );
}

#[test]
fn errors_about_odd_paths_are_one_safe_line() {
    let folio = env!("CARGO_BIN_EXE_folio");
    let dir = tempfile::tempdir().unwrap();
    // A folder, and a name holding an escape sequence: the message names it
    // with placeholders and never sends the sequence to the terminal.
    let hostile = dir.path().join("evil\u{1b}]0;owned\u{7}.txt");
    for (path, reason) in [
        (
            dir.path().to_path_buf(),
            "is a folder, not an article: give the reader its articles by name (folio DIR/*.txt)",
        ),
        (hostile, "No such file"),
    ] {
        let output = Command::new(folio).arg(&path).output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(reason), "{stderr}");
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
            "{stderr:?}"
        );
    }
}

#[test]
fn an_empty_article_exports_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("empty.txt");
    std::fs::write(&article, "").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("export")
        .arg(&article)
        .output()
        .unwrap();
    assert!(output.status.success());
    let exported = file::parse(
        Path::new("stdout"),
        &String::from_utf8(output.stdout).unwrap(),
    )
    .unwrap();
    assert!(
        exported.entities.is_empty() && exported.quotes.is_empty() && exported.claims.is_empty()
    );
}

#[test]
fn an_export_made_from_a_consumed_analysis_is_the_same_file() {
    let mut app = sample_app();
    press(&mut app, "]]]c\n");
    let doc = app.document().clone();
    let analysis = app.analysis().cloned().unwrap();
    let by_reference =
        folio::annotations::export::to_export(&doc, Some(&analysis), app.annotations());
    let consumed = folio::annotations::export::to_export_from(&doc, analysis, app.annotations());
    assert_eq!(consumed, by_reference);
    assert_eq!(
        consumed.quotes[2].speaker.as_deref(),
        Some("emmanuel-macron")
    );
    assert_eq!(consumed.claims.len(), 1);
}
