//! Property test: any Markdown or HTML-shaped input, with any damage, reads
//! into a document without panicking, and every markup span and link lies
//! on char boundaries inside the text.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use folio::input;
use proptest::prelude::*;

/// Pieces of pages and Markdown files, well-formed or not.
fn source() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        "[A-Za-z ]{1,12}",
        prop::sample::select(vec![
            "<p>",
            "</p>",
            "<h1>",
            "</h1>",
            "<h3>",
            "<em>",
            "</em>",
            "<b>",
            "<ul>",
            "<ol start=\"x\">",
            "<li>",
            "</li>",
            "</ul>",
            "<a href=\"/x\">",
            "<a href=\"\">",
            "</a>",
            "<br>",
            "<pre>",
            "</pre>",
            "<blockquote>",
            "<script>",
            "</script>",
            "<nav>",
            "<div class=\"ad\">",
            "</div>",
            "&amp;",
            "&shy;",
            "&#8220;",
            "&#x0;",
            "&bogus;",
            "<!--",
            "-->",
            "<",
            ">",
            "# ",
            "## ",
            "\n",
            "\n\n",
            "> ",
            "- ",
            "1. ",
            "*",
            "**",
            "`",
            "[t](u)",
            "![a](b)",
            "---",
            "“",
            "”",
            "é",
            "👩🏽‍🔬",
            "\u{1b}[2J",
            "\u{0}",
            "\r\n",
        ])
        .prop_map(str::to_owned),
    ];
    (
        prop::collection::vec(piece, 0..60),
        prop::collection::vec(any::<u8>(), 0..4),
    )
        .prop_map(|(pieces, junk)| {
            let mut bytes = pieces.concat().into_bytes();
            let at = bytes.len() / 2;
            bytes.splice(at..at, junk);
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_page_or_markdown_reads_with_spans_inside_the_text(
        bytes in source(),
        name in prop::sample::select(vec!["a.html", "a.md", "a.txt", "-"]),
    ) {
        let doc = input::from_bytes(&bytes, Some(PathBuf::from(name)));
        let text = doc.text();
        for span in doc.markup().spans.iter().map(|m| &m.span)
            .chain(doc.markup().links.iter().map(|l| &l.span))
        {
            prop_assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
            prop_assert!(text.get(span.clone()).is_some(), "{span:?} cuts a char");
        }
        for paragraph in doc.paragraphs() {
            prop_assert!(text.get(paragraph.clone()).is_some());
        }
    }
}
