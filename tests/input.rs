//! Input formats: HTML pages (fixtures shaped like real news pages) and
//! Markdown become exact article text with markup; offsets, the SHA-256
//! and analysis refer to that text.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use folio::analysis::{Analysis, EntityKind, Progress, analyse};
use folio::app::corpus::CorpusPanel;
use folio::app::{App, Effect};
use folio::document::Document;
use folio::document::markup::{MarkupKind, SourceFormat};
use folio::input;
use folio::keymap::Keymap;
use folio::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn open(path: &str) -> Document {
    input::open(Path::new(path)).unwrap()
}

/// The text of every markup span of `kind`.
fn marked(doc: &Document, kind: fn(MarkupKind) -> bool) -> Vec<&str> {
    doc.markup()
        .spans
        .iter()
        .filter(|m| kind(m.kind))
        .map(|m| doc.slice(m.span.clone()))
        .collect()
}

const NEWS_PAGE_TEXT: &str = "Macron flies to Moscow for talks with Putin

By Jane Doe, Paris correspondent

French President Emmanuel Macron flies to Moscow on Monday in a risky diplomatic move, seeking commitments from Russian President Vladimir Putin to dial down tensions with Ukraine.

Speaking to the Journal du Dimanche, he said: “The geopolitical objective of Russia today is clearly not Ukraine.” Officials in Berlin & Warsaw welcomed the trip.

A \u{AD}Franco-German line

Germany’s Chancellor Olaf Scholz will visit Kyiv and Moscow next week, his office confirmed on Sunday.

“We need a new balance in Europe,” Mr Macron told reporters.

The options on the table include:

• new talks in the Normandy format;

• a summit of the OSCE.

Washington has ordered 3,000 troops to Poland, Germany and Romania, according to the Pentagon.
";

#[test]
fn a_news_page_keeps_the_article_and_drops_navigation_ads_related_links_and_comments() {
    let doc = open("tests/fixtures/news-page.html");
    assert_eq!(doc.text(), NEWS_PAGE_TEXT);
    let markup = doc.markup();
    assert_eq!(markup.format, SourceFormat::Html);
    assert_eq!(
        markup.title.as_deref(),
        Some("Macron flies to Moscow for talks with Putin")
    );
    assert_eq!(
        marked(&doc, |k| matches!(k, MarkupKind::Heading(_))),
        [
            "Macron flies to Moscow for talks with Putin",
            "A \u{AD}Franco-German line"
        ]
    );
    assert_eq!(
        marked(&doc, |k| k == MarkupKind::Emphasis),
        ["Journal du Dimanche"]
    );
    assert_eq!(marked(&doc, |k| k == MarkupKind::Strong), ["confirmed"]);
    assert_eq!(
        marked(&doc, |k| k == MarkupKind::Quote),
        ["“We need a new balance in Europe,” Mr Macron told reporters."]
    );
    assert_eq!(
        marked(&doc, |k| k == MarkupKind::ListItem),
        [
            "• new talks in the Normandy format;",
            "• a summit of the OSCE."
        ]
    );
    let links: Vec<(&str, &str)> = markup
        .links
        .iter()
        .map(|l| (doc.slice(l.span.clone()), l.url.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            ("Kyiv", "https://example.org/kyiv"),
            ("Pentagon", "/pentagon-statement")
        ]
    );
}

#[test]
fn the_extracted_text_is_what_sha256_and_analysis_refer_to() {
    let doc = open("tests/fixtures/news-page.html");
    let text_sha = Document::from_bytes(NEWS_PAGE_TEXT.as_bytes(), None);
    assert_eq!(doc.sha256(), text_sha.sha256());
    let analysis = analyse(&doc, &Progress::default());
    let person = |name: &str| {
        analysis
            .entities
            .iter()
            .find(|e| e.name == name)
            .map(|e| (e.kind, e.mentions.len()))
    };
    assert_eq!(person("Emmanuel Macron"), Some((EntityKind::Person, 3)));
    assert_eq!(person("Olaf Scholz"), Some((EntityKind::Person, 1)));
    let quote = analysis
        .quotations
        .iter()
        .find(|q| doc.slice(q.span.clone()).starts_with("“We need"))
        .unwrap();
    assert_eq!(
        analysis.speaker_name(quote).as_deref(),
        Some("Emmanuel Macron")
    );
}

#[test]
fn a_wire_story_keeps_byline_numbered_list_and_absolute_links() {
    let doc = open("tests/fixtures/wire-story.htm");
    assert_eq!(
        doc.text(),
        "Ceasefire talks resume in Geneva

Reporting by Ahmed Karimi; editing by Ruth Okafor

GENEVA, March 3 (Wire) — Delegations from both sides returned to the negotiating table on Tuesday, a United Nations spokesman said, after a week-long pause.

“There is no alternative to dialogue,” said Maria Lopez, the UN envoy. She added that the talks would run “as long as it takes”.

3. Prisoner exchanges

4. Humanitarian corridors

The previous round collapsed in January. Read more

Further sessions are scheduled for Thursday and Friday at the Palais des Nations, officials said. Diplomats described the mood as cautious but constructive, and said the agenda had been agreed in advance by both delegations.
"
    );
    let link = &doc.markup().links[0];
    assert_eq!(doc.slice(link.span.clone()), "Read more");
    assert_eq!(
        link.url,
        "https://wire.example.com/world/2025/talks-collapse.html"
    );
}

#[test]
fn html_is_detected_by_content_without_an_extension() {
    let bytes = std::fs::read("tests/fixtures/news-page.html").unwrap();
    assert_eq!(
        input::detect(&bytes, Some(Path::new("saved-page"))),
        SourceFormat::Html
    );
    let doc = input::from_bytes(&bytes, None);
    assert_eq!(doc.text(), NEWS_PAGE_TEXT);
    // Plain text that merely mentions a tag stays plain text.
    let plain = b"The <html> tag starts a page.";
    assert_eq!(input::detect(plain, None), SourceFormat::Text);
    assert_eq!(
        input::from_bytes(plain, None).text(),
        "The <html> tag starts a page."
    );
}

#[test]
fn a_page_too_short_for_readability_still_gives_its_text() {
    let doc = input::from_bytes(
        b"<html><body><p>Short &amp; sweet.</p><div class=\"ad\">Buy!</div><script>x()</script></body></html>",
        None,
    );
    assert_eq!(doc.text(), "Short & sweet.\n");
}

#[test]
fn a_page_with_only_a_title_shows_it_and_an_empty_page_says_why() {
    // A page that scripts fill in, saved before they ran.
    let scripted = input::from_bytes(
        b"<html><head><title>Council votes</title></head><body><script>render()</script></body></html>",
        None,
    );
    assert_eq!(scripted.text(), "Council votes\n");
    assert!(scripted.warnings().is_empty());
    let empty = input::from_bytes(b"<html><body><div id=\"app\"></div></body></html>", None);
    assert_eq!(empty.text(), "");
    assert_eq!(
        empty.warnings(),
        ["no article text found in this page (a page that scripts fill in holds none)"]
    );
    // An empty file is no page: nothing to warn of.
    assert!(
        input::from_bytes(b"", Some("a.html".into()))
            .warnings()
            .is_empty()
    );
}

#[test]
fn markdown_renders_headings_emphasis_lists_and_quotes_as_prose() {
    let doc = open("tests/fixtures/briefing.md");
    assert_eq!(
        doc.text(),
        "Morning briefing: Macron in Moscow

By the Europe desk — updated 07:00 UTC

French President Emmanuel Macron flies to Moscow on Monday, seeking commitments from Russian President Vladimir Putin to dial down tensions with Ukraine.

What was said

\"The geopolitical objective of Russia today is clearly not Ukraine,\" Macron told the Journal du Dimanche.

What to watch

• Talks in the Kremlin on Monday

• A visit to Kyiv on Tuesday

1. first with Volodymyr Zelensky

2. then with the Rada

Officials in Berlin & Warsaw use SWIFT as leverage. A new line.

 The end.
"
    );
    assert_eq!(doc.markup().format, SourceFormat::Markdown);
    assert_eq!(
        doc.markup().title.as_deref(),
        Some("Morning briefing: Macron in Moscow")
    );
    assert_eq!(
        marked(&doc, |k| matches!(k, MarkupKind::Heading(_))),
        [
            "Morning briefing: Macron in Moscow",
            "What was said",
            "What to watch"
        ]
    );
    assert_eq!(
        marked(&doc, |k| k == MarkupKind::Emphasis),
        ["By the Europe desk", "Journal du Dimanche"]
    );
    assert_eq!(marked(&doc, |k| k == MarkupKind::Strong), ["07:00 UTC"]);
    assert_eq!(marked(&doc, |k| k == MarkupKind::Code), ["SWIFT"]);
    assert_eq!(
        marked(&doc, |k| k == MarkupKind::Quote),
        [
            "\"The geopolitical objective of Russia today is clearly not Ukraine,\" Macron told the Journal du Dimanche."
        ]
    );
    assert_eq!(
        doc.markup().links[0].url,
        "https://en.wikipedia.org/wiki/Ukraine"
    );
    assert_eq!(doc.slice(doc.markup().links[0].span.clone()), "Ukraine");
    // Analysed as prose: the quotation and its speaker are found.
    let analysis = analyse(&doc, &Progress::default());
    let quote = &analysis.quotations[0];
    assert!(
        doc.slice(quote.span.clone())
            .starts_with("\"The geopolitical")
    );
    assert_eq!(
        analysis.speaker_name(quote).as_deref(),
        Some("Emmanuel Macron")
    );
}

#[test]
fn markdown_tables_footnotes_and_front_matter_read_as_prose() {
    let source = "---\ntitle: Front matter\n---\n\n# Notes\n\n\
                  | City | Country |\n|---|---|\n| London | UK |\n\n\
                  Angela Merkel spoke.[^1] Then more.\n\n\
                  [^1]: Footnote text mentioning Berlin.\n";
    let doc = input::from_bytes(source.as_bytes(), Some("notes.md".into()));
    assert_eq!(
        doc.text(),
        "Notes\n\nCity Country\n\nLondon UK\n\nAngela Merkel spoke.[1] Then more.\n\n\
         [1] Footnote text mentioning Berlin.\n"
    );
    // The table's cells are places to the analysis, as in prose.
    let analysis = analyse(&doc, &Progress::default());
    let names: Vec<&str> = analysis.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"London"), "{names:?}");
    assert!(names.contains(&"Berlin"), "{names:?}");
}

#[test]
fn markdown_leaves_out_the_code_of_script_and_style_elements() {
    let source = "# Title\n\nBefore <script>alert(\"Evil Corp\")</script> after. \
                  Also <STYLE type=\"text/css\">p { color: red }</STYLE> done, \
                  <b>bold</b> kept.\n\n<script>\nvar x = \"Block\";\n</script>\n\n\
                  An unclosed <script>hidden() to the end of its paragraph\n\nNext paragraph.\n";
    let doc = input::from_bytes(source.as_bytes(), Some("brief.md".into()));
    assert_eq!(doc.markup().format, SourceFormat::Markdown);
    assert_eq!(
        doc.text(),
        "Title\n\nBefore after. Also done, bold kept.\n\nAn unclosed\n\nNext paragraph.\n"
    );
}

#[test]
fn plain_text_has_no_markup_and_keeps_its_source_digest() {
    let doc = open("samples/macron-moscow.txt");
    assert_eq!(doc.markup().format, SourceFormat::Text);
    assert!(doc.markup().spans.is_empty());
    assert_eq!(
        doc.sha256(),
        "cfd5f66062d0298d008fecd575ce504fd585d8aaec5a2fd2bf6bd3deadcc93b1"
    );
}

#[test]
fn o_opens_the_web_link_of_the_current_sentence_and_refuses_relative_ones() {
    use folio::app::{App, Effect};
    use folio::theme::Theme;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(app: &mut App, c: char) -> Option<Effect> {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }
    let doc = open("tests/fixtures/news-page.html");
    let mut app = common::app_with(doc, 120, 40, Theme::builtin(false));
    // The title has no link: nothing to open.
    assert_eq!(key(&mut app, 'o'), None);
    // Walk the sentences: `o` opens exactly the sentences holding a web link.
    let mut opened = Vec::new();
    for _ in 0..12 {
        key(&mut app, ')');
        let effect = key(&mut app, 'o');
        let url = app.current_link().map(|l| l.url.clone());
        opened.push((url, effect));
    }
    opened.dedup();
    let with_links: Vec<_> = opened
        .into_iter()
        .filter(|(url, _)| url.is_some())
        .collect();
    assert_eq!(
        with_links,
        [
            (
                Some("https://example.org/kyiv".to_owned()),
                Some(Effect::OpenLink)
            ),
            // A relative link (the page names no URL of its own) is not opened.
            (Some("/pentagon-statement".to_owned()), None),
        ]
    );
}

/// The reader of article `here` of `corpus` at 120×40, analysed.
fn corpus_app(doc: Document, analysis: Analysis, corpus: &CorpusPanel, here: usize) -> App {
    let mut app = App::new(doc, Ok(None), Theme::builtin(false), Keymap::builtin());
    app.set_analysis(analysis);
    app.set_corpus(corpus.clone(), here);
    app.resize(120, 40);
    app
}

/// The rows of `app`'s screen at 120×40.
fn screen(app: &App) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| folio::view::draw(f, app)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..40)
        .map(|y| (0..120).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// Presses `keys` in `app`, without modifiers.
fn press(app: &mut App, keys: &[KeyCode]) {
    for key in keys {
        app.handle_key(KeyEvent::new(*key, KeyModifiers::NONE));
    }
}

#[test]
fn the_panel_shows_entities_across_all_open_articles() {
    let sample = open("samples/macron-moscow.txt");
    let page = open("tests/fixtures/news-page.html");
    let sample_analysis = analyse(&sample, &Progress::default());
    let page_analysis = analyse(&page, &Progress::default());
    let corpus = CorpusPanel::new(&[Some(&sample_analysis), Some(&page_analysis)]);
    let mut app = corpus_app(sample, sample_analysis, &corpus, 0);
    // `t` twice: entities, quotations, then all articles.
    press(&mut app, &[KeyCode::Char('t'), KeyCode::Char('t')]);
    let rows = screen(&app);
    assert!(rows[0].contains("All articles"), "{}", rows[0]);
    assert!(
        rows[2].contains("Emmanuel Macron") && rows[2].ends_with("10 in 2"),
        "{}",
        rows[2]
    );
    assert!(
        rows[3].contains("Vladimir Putin") && rows[3].ends_with("5 in 2"),
        "{}",
        rows[3]
    );
    // Olaf Scholz is only in the page: Enter asks the main loop to show the
    // page (article 1) at him.
    let scholz = (2..8).find(|&y| rows[y].contains("Olaf Scholz")).unwrap();
    let mut keys = vec![KeyCode::Tab];
    keys.extend(std::iter::repeat_n(KeyCode::Char('j'), scholz - 2));
    press(&mut app, &keys);
    let effect = app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let Some(Effect::ShowInArticle { article, entity }) = effect else {
        panic!("Enter on Olaf Scholz gave {effect:?}");
    };
    assert_eq!(article, 1);
    // The page's app, as the main loop shows it: the all-articles view in
    // focus on Olaf Scholz, the reader on his one mention.
    let page = open("tests/fixtures/news-page.html");
    let mut page_app = corpus_app(page, page_analysis.clone(), &corpus, 1);
    page_app.show_corpus_entity(entity, false);
    let rows = screen(&page_app);
    assert!(rows[0].contains("All articles"), "{}", rows[0]);
    assert!(
        rows[39].contains("Olaf Scholz: mention 1/1 · article 2/2"),
        "{}",
        rows[39]
    );
    let mention = page_analysis
        .entities
        .iter()
        .find(|e| e.name == "Olaf Scholz")
        .and_then(|e| e.mentions.first().cloned())
        .unwrap();
    assert_eq!(page_app.selected_mention(), Some(&mention));
    assert_eq!(page_app.document().text().get(mention), Some("Olaf Scholz"));
    // Back in the sample, Emmanuel Macron is mentioned 7 times here and 3
    // in the page: Enter steps through the 7, then on to the page.
    press(&mut app, &[KeyCode::Char('k'); 8]);
    for n in 1..=7 {
        let effect = app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        assert_eq!(effect, None);
        let status = &screen(&app)[39];
        assert!(
            status.contains(&format!("Emmanuel Macron: mention {n}/7")),
            "{status}"
        );
    }
    let effect = app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(
        matches!(effect, Some(Effect::ShowInArticle { article: 1, .. })),
        "{effect:?}"
    );
    // `>` from here carries the panel as it is (all articles, in focus) to
    // the article it shows.
    page_app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(page_app.focus(), folio::keymap::Context::Article);
    page_app.set_panel_state(app.panel_state());
    assert_eq!(page_app.focus(), folio::keymap::Context::Panel);
    assert!(screen(&page_app)[0].contains("All articles"));
    // Coming back round to the sample, deep in it, starts at Macron's
    // first mention, not at the next one below the reader.
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('G')]);
    let macron = corpus
        .entities
        .iter()
        .position(|e| e.name == "Emmanuel Macron")
        .unwrap();
    app.show_corpus_entity(macron, true);
    let status = &screen(&app)[39];
    assert!(
        status.contains("Emmanuel Macron: mention 1/7 · back round to article 1/2"),
        "{status}"
    );
}

#[test]
fn a_surname_used_alone_in_one_article_is_listed_under_the_full_name_of_another() {
    let sample = open("samples/macron-moscow.txt");
    let brief = open("tests/fixtures/surname-only.txt");
    let sample_analysis = analyse(&sample, &Progress::default());
    let brief_analysis = analyse(&brief, &Progress::default());
    let macron = |a: &Analysis| {
        a.entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person && e.name.ends_with("Macron"))
            .map(|e| (e.name.clone(), e.mentions.len()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        macron(&sample_analysis),
        [("Emmanuel Macron".to_owned(), 7)]
    );
    assert_eq!(macron(&brief_analysis), [("Macron".to_owned(), 3)]);
    let corpus = CorpusPanel::new(&[Some(&sample_analysis), Some(&brief_analysis)]);
    let mut app = corpus_app(sample, sample_analysis, &corpus, 0);
    press(&mut app, &[KeyCode::Char('t'), KeyCode::Char('t')]);
    let rows = screen(&app);
    assert!(
        rows[2].contains("Emmanuel Macron") && rows[2].ends_with("10 in 2"),
        "{}",
        rows[2]
    );
    assert!(!rows.iter().any(|r| r.contains("│  Macron ")), "{rows:#?}");
    // Past his seventh mention here, Enter goes to the brief, where he is
    // "Macron", at his first mention there: its headline's first word.
    press(&mut app, &[KeyCode::Tab]);
    // The line under the list says where the surname stands for him.
    let rows = screen(&app);
    let footer: Vec<&str> = rows[35..39]
        .iter()
        .filter_map(|r| r.split('│').nth(1))
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .collect();
    assert_eq!(
        footer.join(" "),
        "in 2 of 2 articles; as “Macron” where no full name is given",
        "{rows:#?}"
    );
    for _ in 1..=7 {
        press(&mut app, &[KeyCode::Enter]);
    }
    let effect = app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let Some(Effect::ShowInArticle { article: 1, entity }) = effect else {
        panic!("Enter past the last mention gave {effect:?}");
    };
    let mut brief_app = corpus_app(brief, brief_analysis, &corpus, 1);
    brief_app.show_corpus_entity(entity, false);
    let status = &screen(&brief_app)[39];
    assert!(
        status.contains("Macron: mention 1/3 · article 2/2"),
        "{status}"
    );
    let first = brief_app.selected_mention().cloned().unwrap();
    assert_eq!(
        brief_app.document().text().get(first.clone()),
        Some("Macron")
    );
    assert_eq!(first, 0..6);
}
