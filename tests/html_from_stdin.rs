//! A saved page read from standard input is recognised as HTML the way
//! browsers sniff it (past an XML declaration written as a comment, as some
//! saving tools do) and its article survives a clutter class on `<body>`.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;

const PAGE: &str = r#"<!--?xml version="1.0" encoding="UTF-8" ?--><!DOCTYPE html PUBLIC "-//WAPFORUM//DTD XHTML Mobile 1.2//EN" "http://www.openmobilealliance.org/tech/DTD/xhtml-mobile12.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Council votes to close the bridge</title></head>
<body class="paywall"><div class="story">
<p>The city council voted on Tuesday to close the old bridge for repairs, after engineers found cracks in two of its piers during an inspection last month.</p>
<p>The mayor said the closure would last at least six months and that ferries would run every twenty minutes while the work went on.</p>
<p>Shop owners near the bridge said they feared losing trade over the summer, when most visitors cross it on foot.</p>
</div></body></html>
"#;

fn text_of(args: &[&str], stdin: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page"), PAGE).unwrap();
    let output = Command::cargo_bin("folio")
        .unwrap()
        .current_dir(dir.path())
        .args(args)
        .write_stdin(stdin)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn standard_input_and_a_file_without_extension_give_the_same_article() {
    let from_stdin = text_of(&["text", "-"], PAGE);
    assert!(!from_stdin.contains('<'), "{from_stdin}");
    assert!(from_stdin.contains("The city council voted on Tuesday to close the old bridge"));
    assert!(from_stdin.contains("feared losing trade over the summer"));
    assert_eq!(text_of(&["text", "page"], ""), from_stdin);
}
