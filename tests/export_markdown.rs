//! `folio export --format markdown` and `W` in the reader: the fact-check
//! report on the sample article with claims marked by the keys, as a
//! snapshot, parsed back with pulldown-cmark (every claim a block quote
//! holding exactly its words, no HTML), with markup in article and note
//! text escaped.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{app_with, fixed_now, press, press_key, sample_app};
use folio::annotations::export::{self, markdown};
use folio::annotations::{Annotations, Claim};
use folio::app::{App, Effect};
use folio::document::Document;
use folio::theme::Theme;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// The sample with two claims marked by the keys: Macron's quotation
/// (false, with a two-line note) and the troops sentence (misleading
/// statistic).
fn sample_with_claims() -> App {
    let mut app = sample_app();
    press(&mut app, "]]]c");
    for _ in 0..4 {
        press_key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    }
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut app, "Check the interview.");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    press(&mut app, "JDD, 6 Feb.");
    press_key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    press(&mut app, "/3,000 US\nc");
    for _ in 0..3 {
        press_key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    }
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press_key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press_key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(app.annotations().claims().len(), 2);
    app
}

/// The texts inside each block quote of `report`, and whether any HTML
/// came out.
fn block_quotes(report: &str) -> (Vec<String>, bool) {
    let mut quotes = Vec::new();
    let mut depth = 0;
    let mut html = false;
    for event in Parser::new(report) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => {
                depth += 1;
                quotes.push(String::new());
            }
            Event::End(TagEnd::BlockQuote(_)) => depth -= 1,
            Event::Text(text) if depth > 0 => quotes.last_mut().unwrap().push_str(&text),
            Event::SoftBreak if depth > 0 => quotes.last_mut().unwrap().push('\n'),
            Event::Html(_) | Event::InlineHtml(_) => html = true,
            _ => {}
        }
    }
    (quotes, html)
}

#[test]
fn the_report_on_the_sample_lists_claims_quotations_and_people() {
    let app = sample_with_claims();
    let report = app.report();
    insta::assert_snapshot!("sample_report", report);
    let (quotes, html) = block_quotes(&report);
    assert!(!html);
    let claims: Vec<&str> = app
        .annotations()
        .claims()
        .iter()
        .map(|c| app.document().slice(c.span.clone()))
        .collect();
    assert_eq!(quotes, claims);
    // The speaker of the claim on Macron's quotation, and the note's lines.
    assert!(report.contains("- Speaker: Emmanuel Macron\n- Verdict: **false**"));
    // The panel's "SWIFT ?": its kind is the model's guess, and says so.
    assert!(report.contains("\n- SWIFT (1 mention, kind guessed)\n- RT (1 mention)\n"));
    assert!(report.contains("- Note: Check the interview.\\\n  JDD, 6 Feb.\n"));
    // Headings in order, parsed back.
    let headings: Vec<String> = {
        let mut all = Vec::new();
        let mut inside = false;
        for event in Parser::new(&report) {
            match event {
                Event::Start(Tag::Heading { .. }) => {
                    inside = true;
                    all.push(String::new());
                }
                Event::End(TagEnd::Heading(_)) => inside = false,
                Event::Text(t) if inside => all.last_mut().unwrap().push_str(&t),
                _ => {}
            }
        }
        all
    };
    assert_eq!(
        headings,
        [
            "Fact-check: macron-moscow.txt",
            "Claims",
            "Claim c1: false",
            "Claim c2: misleading",
            "Quotations",
            "People",
            "Organisations"
        ]
    );
}

#[test]
fn markup_in_the_article_and_the_note_is_text_not_markup() {
    let text = "Intro.\n\n1999. The *deal* was <b>done</b> & [signed](x) by `A_B` # now.\n- Not a list, said Mara.\n";
    let path = std::env::temp_dir().join("folio-markdown-escape.txt");
    std::fs::write(&path, text).unwrap();
    let doc = Document::open(&path).unwrap();
    let start = text.find("1999.").unwrap();
    let end = text.find("Mara.").unwrap() + "Mara.".len();
    let claim = Claim {
        id: "c1".to_owned(),
        span: start..end,
        label: "statistic".to_owned(),
        verdict: "false".to_owned(),
        note: "<script>x</script>\n- **really**".to_owned(),
        speaker: None,
        created: fixed_now(),
        modified: None,
    };
    let app = app_with(doc, 120, 40, Theme::builtin(false));
    let file = export::to_export(
        app.document(),
        app.analysis(),
        &Annotations::new(vec![claim], vec![]),
    );
    let report = markdown::report(&file, Some("A <title> with *stars*"));
    let (quotes, html) = block_quotes(&report);
    assert!(!html, "{report}");
    assert_eq!(quotes, [text.get(start..end).unwrap()]);
    assert!(report.starts_with("# Fact-check: A \\<title\\> with \\*stars\\*\n"));
    // The note's words come back as text: no emphasis, no list, no HTML.
    let mut note = String::new();
    let mut emphasis = false;
    for event in Parser::new(&report) {
        match event {
            Event::Start(Tag::Strong | Tag::Emphasis) => emphasis = true,
            Event::Text(t) => note.push_str(&t),
            _ => {}
        }
    }
    assert!(note.contains("<script>x</script>"), "{note}");
    assert!(note.contains("- **really**"), "{note}");
    // The only strong text is the verdict.
    assert!(emphasis);
    assert_eq!(report.matches("**").count(), 2, "{report}");
    std::fs::remove_file(&path).ok();
}

#[test]
fn w_asks_for_the_report_and_the_cli_prints_the_same() {
    let mut app = sample_with_claims();
    assert_eq!(press(&mut app, "W"), [Effect::WriteReport]);
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("macron-moscow.txt");
    std::fs::copy(common::SAMPLE, &article).unwrap();
    std::fs::write(
        dir.path().join("macron-moscow.txt.folio.toml"),
        folio::annotations::file::to_toml(&app.sidecar_file()).unwrap(),
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .current_dir(dir.path())
        .args(["export", "--format", "markdown", "macron-moscow.txt"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let printed = String::from_utf8(output.stdout).unwrap();
    // The same report, but for the source line (the path as given).
    let source = |r: &str| {
        r.lines()
            .find(|l| l.starts_with("- Source:"))
            .map(str::to_owned)
    };
    assert_eq!(
        source(&printed).as_deref(),
        Some("- Source: `macron-moscow.txt`")
    );
    let without_source = |r: &str| {
        r.lines()
            .filter(|l| !l.starts_with("- Source:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(without_source(&printed), without_source(&app.report()));
}

#[test]
fn the_status_bar_says_how_many_claims_the_report_holds() {
    let mut app = sample_with_claims();
    app.report_written(std::path::Path::new("a.txt.folio.md"), Ok(None));
    assert_eq!(
        app.message(),
        Some("report with 2 claims written to a.txt.folio.md")
    );
    let mut one = sample_app();
    press(&mut one, "]c");
    press_key(&mut one, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(one.annotations().claims().len(), 1);
    one.report_written(std::path::Path::new("a.txt.folio.md"), Ok(None));
    assert_eq!(
        one.message(),
        Some("report with 1 claim written to a.txt.folio.md")
    );
}

#[test]
fn a_note_s_paragraphs_stay_paragraphs_of_its_item() {
    let mut app = sample_app();
    press(&mut app, "]]]c");
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut app, "First point.");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    press(&mut app, "Second point.");
    press_key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        app.annotations().claims()[0].note,
        "First point.\n\nSecond point."
    );
    let report = app.report();
    assert!(report.contains("- Note: First point.\n\n  Second point.\n"));
    // Parsed back, the second paragraph is inside the list item.
    let mut in_item = 0;
    let mut item_paragraphs = Vec::new();
    for event in Parser::new(&report) {
        match event {
            Event::Start(Tag::Item) => in_item += 1,
            Event::End(TagEnd::Item) => in_item -= 1,
            Event::Text(text) if in_item > 0 && text.contains("point") => {
                item_paragraphs.push(text.to_string());
            }
            _ => {}
        }
    }
    assert_eq!(item_paragraphs, ["Note: First point.", "Second point."]);
}
