//! `folio export` after the article changed: a claim found again is
//! exported at its new place, one whose words changed carries
//! `changed_from`, and one whose words are gone is flagged orphaned with no
//! offsets that pretend to index it — in TOML, W3C Web Annotation, brat and
//! ClaimReview, each in its own way.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use assert_cmd::Command;

const MOVED: &str = "He will visit Ukrainian President Volodymyr Zelensky on Tuesday.";
const CHANGED: &str =
    "Biden last week ordered the deployment of 3,000 US troops to Poland, Germany and Romania";
const CHANGED_NOW: &str =
    "Biden last week ordered the deployment of 2,000 US troops to Poland, Germany and Romania";
const GONE: &str = "He restated that the sovereignty of Ukraine was not up for discussion.";

/// Char offsets, prefix and suffix (32 chars) of `exact` in `text`.
fn selector(text: &str, exact: &str) -> (usize, usize, String, String) {
    let at = text.find(exact).unwrap();
    let start = text.get(..at).unwrap().chars().count();
    let end = start + exact.chars().count();
    let chars: Vec<char> = text.chars().collect();
    let prefix: String = chars[start.saturating_sub(32)..start].iter().collect();
    let suffix: String = chars[end..(end + 32).min(chars.len())].iter().collect();
    (start, end, prefix, suffix)
}

fn claim_toml(id: &str, text: &str, exact: &str, verdict: &str) -> String {
    let (start, end, prefix, suffix) = selector(text, exact);
    let quoted = |s: &str| toml::Value::String(s.to_owned()).to_string();
    format!(
        "[[claims]]\nid = \"{id}\"\nstart = {start}\nend = {end}\nexact = {}\nprefix = {}\nsuffix = {}\n\
         label = \"checkable\"\nverdict = \"{verdict}\"\nnote = \"\"\ncreated = 2026-11-29T08:00:00Z\n\n",
        quoted(exact),
        quoted(&prefix),
        quoted(&suffix)
    )
}

/// The sample with claims made on it, then edited: a paragraph added at the
/// top (moves every claim), "3,000" became "2,000", a sentence deleted.
fn edited_article() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let before = std::fs::read_to_string("samples/macron-moscow.txt").unwrap();
    let mut sidecar =
        "schema = 2\noffset_unit = \"char\"\n\n[article]\npath = \"a.txt\"\nsha256 = \"old\"\n\n"
            .to_owned();
    sidecar += &claim_toml("c1", &before, MOVED, "true");
    sidecar += &claim_toml("c2", &before, CHANGED, "false");
    sidecar += &claim_toml("c3", &before, GONE, "misleading");
    let after = format!(
        "Updated on Tuesday with a correction.\n{}",
        before
            .replace(CHANGED, CHANGED_NOW)
            .replace(&format!(" {GONE}"), "")
    );
    assert!(!after.contains(GONE));
    std::fs::write(dir.path().join("a.txt"), after).unwrap();
    std::fs::write(dir.path().join("a.txt.folio.toml"), sidecar).unwrap();
    dir
}

fn export(dir: &Path, format: &str) -> (String, String) {
    let output = Command::cargo_bin("folio")
        .unwrap()
        .current_dir(dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .args(["export", "a.txt", "--format", format])
        .assert()
        .success()
        .get_output()
        .clone();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn chars(text: &str, start: i64, end: i64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[test]
fn toml_exports_moved_changed_and_orphaned_claims_as_they_are() {
    let dir = edited_article();
    let text = std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
    let (out, _) = export(dir.path(), "toml");
    let file: toml::Value = toml::from_str(&out).unwrap();
    let claims = file["claims"].as_array().unwrap();
    let by_id = |id: &str| {
        claims
            .iter()
            .find(|c| c["id"].as_str() == Some(id))
            .unwrap()
    };
    let offsets = |c: &toml::Value| {
        (
            c["start"].as_integer().unwrap(),
            c["end"].as_integer().unwrap(),
        )
    };

    let moved = by_id("c1");
    let (start, end) = offsets(moved);
    assert_eq!(chars(&text, start, end), MOVED);
    assert!(moved.get("orphaned").is_none() && moved.get("changed_from").is_none());

    let changed = by_id("c2");
    let (start, end) = offsets(changed);
    assert_eq!(chars(&text, start, end), CHANGED_NOW);
    assert_eq!(changed["exact"].as_str(), Some(CHANGED_NOW));
    assert_eq!(changed["changed_from"].as_str(), Some(CHANGED));

    let orphan = by_id("c3");
    assert_eq!(orphan["orphaned"].as_bool(), Some(true));
    assert_eq!(orphan["exact"].as_str(), Some(GONE));
    assert!(
        orphan.get("start").is_none() && orphan.get("end").is_none(),
        "{orphan}"
    );
}

#[test]
fn web_annotation_gives_an_orphan_only_its_quote_and_the_version_it_was_made_on() {
    let dir = edited_article();
    let (out, _) = export(dir.path(), "json");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = json["first"]["items"].as_array().unwrap();
    let claim = |id: &str| {
        items
            .iter()
            .find(|a| a["id"].as_str().unwrap().ends_with(&format!(":claim:{id}")))
            .unwrap()
    };
    let orphan = &claim("c3")["target"];
    let selectors = orphan["selector"].as_array().unwrap();
    assert_eq!(selectors.len(), 1);
    assert_eq!(selectors[0]["type"], "TextQuoteSelector");
    assert_eq!(selectors[0]["exact"], GONE);
    assert_eq!(orphan["state"]["type"], "TimeState");
    assert_eq!(orphan["state"]["sourceDate"], "2026-11-29T08:00:00Z");
    let moved = &claim("c1")["target"];
    assert!(moved.get("state").is_none());
    assert_eq!(moved["selector"].as_array().unwrap().len(), 2);
}

#[test]
fn brat_leaves_the_orphan_out_and_says_so() {
    let dir = edited_article();
    let (out, err) = export(dir.path(), "brat");
    assert!(out.contains(&format!("\t{MOVED}\n")));
    assert!(!out.contains(GONE));
    assert_eq!(
        err,
        "folio: brat: claim c3 is not in the article (orphaned): left out\n"
    );
}

#[test]
fn claim_review_reviews_the_words_the_verdict_was_given_on() {
    let dir = edited_article();
    let (out, err) = export(dir.path(), "claimreview");
    let reviews: serde_json::Value = serde_json::from_str(&out).unwrap();
    let reviews = reviews.as_array().unwrap();
    let review = |verdict: &str| {
        reviews
            .iter()
            .find(|r| r["reviewRating"]["alternateName"] == verdict)
            .unwrap()
    };
    assert_eq!(review("false")["claimReviewed"], CHANGED);
    assert_eq!(review("true")["itemReviewed"]["appearance"]["url"], "a.txt");
    let orphan = review("misleading");
    assert_eq!(orphan["claimReviewed"], GONE);
    assert!(orphan["itemReviewed"].get("appearance").is_none());
    assert_eq!(
        err,
        "folio: claimreview: claim c3 is no longer in the article (orphaned): its review has no appearance\n"
    );
}
