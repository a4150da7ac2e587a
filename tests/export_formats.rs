//! `folio export --format json|brat|claimreview` on a fixture with emoji
//! (ZWJ sequences, flags, skin tones), CJK, combining accents and CRLF line
//! endings: every format's char offsets pick out exactly the span's text (in
//! Rust and in Python's string indexing), and each format carries the fields
//! its specification requires.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use folio::analysis::{Progress, analyse};
use folio::annotations::export::{self, brat, claim_review, web_annotation};
use folio::annotations::file::{self, AnnotationFile, ClaimRecord};
use folio::annotations::{Annotations, Claim, SpeakerFix};
use folio::document::Document;
use serde_json::Value;

/// The fixture article: CRLF line endings, a ZWJ family emoji inside a
/// quotation, CJK, decomposed accents (`e` + U+0301), a flag and a thumbs-up
/// with a skin tone. 273 chars.
const FIXTURE: &str = "“We will not give in 👩\u{200d}👩\u{200d}👧,” President Emmanuel Macron said in Paris on Monday.\r\n\r\nAngela Merkel met officials in 東京 and Berlin. “The cafe\u{301} is closed,” said Jose\u{301} Garci\u{301}a, a spokesman for Renault.\r\n\r\nThe flag 🇫🇷 flew over Paris.\r\nMacron said the deal was “very close” 👍🏽.\r\n";

/// Chars `[start, end)` of `text`.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// Byte range of the first occurrence of `from` through the end of `to`.
fn bytes(text: &str, from: &str, to: &str) -> std::ops::Range<usize> {
    let start = text.find(from).unwrap();
    start..start + text.get(start..).unwrap().find(to).unwrap() + to.len()
}

/// The fixture in a temporary folder (as `fixture.txt`), with four claims:
/// `c1` a sentence with CJK (false, a two-line note, Merkel), `c2` two
/// sentences across a CRLF (a verdict with a space, Macron), `c3` the
/// emoji quotation (unverified) and `c4` orphaned (its text is gone).
struct Fixture {
    dir: tempfile::TempDir,
    doc: Document,
    exported: AnnotationFile,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixture.txt");
    std::fs::write(&path, FIXTURE).unwrap();
    let doc = Document::open(&path).unwrap();
    let analysis = analyse(&doc, &Progress::default());
    let created = "2026-11-29T08:00:00Z".parse().unwrap();
    let claim = |id: &str, span, verdict: &str, note: &str, speaker: Option<&str>| Claim {
        id: id.to_owned(),
        span,
        label: "checkable".to_owned(),
        verdict: verdict.to_owned(),
        note: note.to_owned(),
        speaker: speaker.map(str::to_owned),
        created,
        modified: None,
    };
    let claims = vec![
        claim(
            "c1",
            bytes(FIXTURE, "Angela Merkel met", "Berlin."),
            "false",
            "Merkel was in Brussels.\nSee the\tagenda\u{2028}(2 Feb).",
            Some("angela-merkel"),
        ),
        claim(
            "c2",
            bytes(FIXTURE, "The flag", "“very close”"),
            "half true",
            "",
            Some("emmanuel-macron"),
        ),
        claim("c3", bytes(FIXTURE, "“We", ",”"), "unverified", "", None),
    ];
    // Parsed, so fields other versions add (with defaults) need no change.
    let orphan: ClaimRecord = toml::from_str(
        r#"id = "c4"
start = 5
end = 9
exact = "gone"
prefix = "the words "
suffix = " are"
label = "checkable"
verdict = "misleading"
note = "Deleted in the second edition."
created = 2026-11-29T08:00:00Z
"#,
    )
    .unwrap();
    let annotations = Annotations::new(claims, vec![orphan]);
    let exported = export::to_file(&doc, Some(&analysis), &annotations);
    Fixture { dir, doc, exported }
}

impl Fixture {
    fn article(&self) -> PathBuf {
        self.dir.path().join("fixture.txt")
    }

    /// Saves the reader's claims as the article's sidecar, for the CLI.
    fn save_sidecar(&self) {
        let sidecar = AnnotationFile {
            entities: Vec::new(),
            quotes: Vec::new(),
            ..self.exported.clone()
        };
        std::fs::write(
            file::sidecar_path(&self.article()),
            file::to_toml(&sidecar).unwrap(),
        )
        .unwrap();
    }

    /// Runs `folio export fixture.txt ARGS` in the fixture's folder.
    fn folio(&self, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_folio"))
            .current_dir(self.dir.path())
            .arg("export")
            .arg("fixture.txt")
            .args(args)
            .output()
            .unwrap()
    }
}

fn mention_count(file: &AnnotationFile) -> usize {
    file.entities.iter().map(|e| e.mentions.len()).sum()
}

#[test]
fn the_fixture_is_what_the_tests_expect() {
    let f = fixture();
    assert_eq!(FIXTURE.chars().count(), 273);
    let claims: Vec<_> = f
        .exported
        .claims
        .iter()
        .map(|c| (c.id.as_str(), c.start, c.end))
        .collect();
    assert_eq!(
        claims,
        [
            ("c3", 0, 28),
            ("c1", 83, 128),
            ("c2", 200, 267),
            ("c4", 5, 9)
        ]
    );
    // What the recogniser finds here; the other tests count from this.
    let ids: Vec<_> = f.exported.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "emmanuel-macron",
            "paris",
            "angela-merkel",
            "berlin",
            "jose-garcia",
            "renault"
        ]
    );
    assert_eq!(mention_count(&f.exported), 8);
    let macron = f
        .exported
        .entities
        .iter()
        .find(|e| e.id == "emmanuel-macron")
        .unwrap();
    let mentions: Vec<_> = macron.mentions.iter().map(|m| (m.start, m.end)).collect();
    assert_eq!(mentions, [(39, 54), (230, 236)]);
    let quotes: Vec<_> = f
        .exported
        .quotes
        .iter()
        .map(|q| (q.start, q.end, q.speaker.as_deref()))
        .collect();
    assert_eq!(
        quotes,
        [
            (0, 28, Some("emmanuel-macron")),
            (129, 151, Some("jose-garcia")),
            // "Macron said the deal was “very close”": words Macron said.
            (255, 267, Some("emmanuel-macron"))
        ]
    );
}

// ---- W3C Web Annotation ------------------------------------------------

/// The motivations (and so purposes) the W3C vocabulary defines.
const MOTIVATIONS: &[&str] = &[
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
];

fn str_at<'v>(value: &'v Value, pointer: &str) -> &'v str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{pointer} is not a string in {value:#}"))
}

/// Checks an annotation against the model's MUSTs (§3.1, §3.2, §4.2):
/// `@context` naming the anno context, one IRI `id`, `type` Annotation, a
/// target with a `source` IRI, selectors of known types with their required
/// keys, and textual bodies with a value and a known purpose. Returns the
/// (start, end, exact) of its position selector, if it has one.
fn check_annotation(item: &Value, source: &str) -> Option<(usize, usize, String)> {
    assert_eq!(str_at(item, "/@context"), web_annotation::CONTEXT);
    assert!(str_at(item, "/id").starts_with("urn:folio:"), "{item:#}");
    assert_eq!(str_at(item, "/type"), "Annotation");
    assert!(MOTIVATIONS.contains(&str_at(item, "/motivation")));
    assert_eq!(str_at(item, "/target/source"), source);
    let bodies = item["body"].as_array().unwrap();
    assert!(!bodies.is_empty());
    let mut purposes = HashSet::new();
    for body in bodies {
        assert_eq!(str_at(body, "/type"), "TextualBody");
        assert!(body["value"].is_string(), "{body}");
        let purpose = str_at(body, "/purpose");
        assert!(MOTIVATIONS.contains(&purpose), "{purpose}");
        assert!(purposes.insert(purpose), "one body per purpose: {item:#}");
    }
    let selectors = item["target"]["selector"].as_array().unwrap();
    let quote = &selectors[0];
    assert_eq!(str_at(quote, "/type"), "TextQuoteSelector");
    let exact = str_at(quote, "/exact").to_owned();
    for key in ["prefix", "suffix"] {
        assert!(quote.get(key).is_none_or(Value::is_string));
    }
    match selectors.get(1) {
        None => None,
        Some(position) => {
            assert_eq!(selectors.len(), 2);
            assert_eq!(str_at(position, "/type"), "TextPositionSelector");
            let start = position["start"].as_u64().unwrap() as usize;
            let end = position["end"].as_u64().unwrap() as usize;
            assert!(start <= end);
            Some((start, end, exact))
        }
    }
}

#[test]
fn web_annotation_json_has_the_required_fields_and_exact_offsets() {
    let f = fixture();
    let json = serde_json::to_value(web_annotation::collection(&f.doc, &f.exported)).unwrap();
    let source = f.exported.article.path.clone();
    assert!(source.ends_with("/fixture.txt"));
    let source_iri = format!("file://{source}");
    assert_eq!(str_at(&json, "/@context"), web_annotation::CONTEXT);
    assert_eq!(str_at(&json, "/type"), "AnnotationCollection");
    assert_eq!(
        str_at(&json, "/id"),
        format!("urn:folio:{}", f.doc.sha256())
    );
    assert_eq!(str_at(&json, "/first/type"), "AnnotationPage");
    let items = json["first"]["items"].as_array().unwrap();
    let count = mention_count(&f.exported) + 3 + 4;
    assert_eq!(items.len(), count, "mentions, 3 quotations, 4 claims");
    assert_eq!(json["total"], count);

    let mut positioned = 0;
    for item in items {
        if let Some((start, end, exact)) = check_annotation(item, &source_iri) {
            assert_eq!(chars(FIXTURE, start, end), exact, "{item:#}");
            let prefix = item["target"]["selector"][0]["prefix"]
                .as_str()
                .unwrap_or("");
            let suffix = item["target"]["selector"][0]["suffix"]
                .as_str()
                .unwrap_or("");
            let n = prefix.chars().count();
            assert_eq!(chars(FIXTURE, start - n, start), prefix);
            assert_eq!(chars(FIXTURE, end, end + suffix.chars().count()), suffix);
            assert!(n == start.min(32), "prefix of {exact:?} is {n} chars");
            positioned += 1;
        }
    }
    assert_eq!(positioned, count - 1, "all but the orphaned claim");

    let by_id = |suffix: &str| {
        items
            .iter()
            .find(|i| str_at(i, "/id").ends_with(suffix))
            .unwrap_or_else(|| panic!("no {suffix}"))
    };
    let c1 = by_id(":claim:c1");
    assert_eq!(str_at(c1, "/motivation"), "assessing");
    assert_eq!(str_at(c1, "/created"), "2026-11-29T08:00:00Z");
    let bodies: Vec<_> = c1["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (str_at(b, "/purpose"), str_at(b, "/value")))
        .collect();
    assert_eq!(
        bodies,
        [
            ("tagging", "checkable"),
            ("assessing", "false"),
            (
                "commenting",
                "Merkel was in Brussels.\nSee the\tagenda\u{2028}(2 Feb)."
            ),
            ("describing", "Angela Merkel"),
        ]
    );
    let c4 = by_id(":claim:c4");
    assert_eq!(
        c4["target"]["selector"],
        serde_json::json!([{ "type": "TextQuoteSelector", "exact": "gone", "prefix": "the words ", "suffix": " are" }])
    );
    let q2 = by_id(":quote:q2");
    assert_eq!(str_at(q2, "/body/2/value"), "José García");
    let garcia = by_id(":mention:jose-garcia:1");
    assert_eq!(str_at(garcia, "/body/0/value"), "person");
    assert_eq!(
        garcia["target"]["selector"][1],
        serde_json::json!({ "type": "TextPositionSelector", "start": 157, "end": 170 })
    );
}

// ---- brat standoff -----------------------------------------------------

/// The line boundaries of Python's `str.splitlines`, which brat's reader
/// (`codecs` `readlines`) splits `.ann` files at; written out here rather
/// than taken from folio, so the check does not share a mistake.
fn ends_a_line(c: char) -> bool {
    "\n\r\u{b}\u{c}\u{1c}\u{1d}\u{1e}\u{85}\u{2028}\u{2029}".contains(c)
}

/// One parsed `T` line: id, type, fragments (chars), text.
type TextBound = (String, String, Vec<(usize, usize)>, String);

/// Parses and checks a `.ann` against the standoff format: every line is a
/// `T`, `A` or `#` annotation with tab-separated fields; ids are unique;
/// `A` and `#` lines refer to an existing `T`; fragments are in order, inside
/// the text, hold no line break, and the text field is their text joined by
/// a space.
fn check_standoff(ann: &str, text: &str) -> Vec<TextBound> {
    assert!(ann.is_empty() || ann.ends_with('\n'));
    let len = text.chars().count();
    let mut ids = HashSet::new();
    let mut spans = Vec::new();
    for line in ann.lines() {
        let fields: Vec<&str> = line.splitn(3, '\t').collect();
        let id = fields[0];
        assert!(ids.insert(id.to_owned()), "duplicate id {id}");
        match id.chars().next() {
            Some('T') => {
                assert_eq!(fields.len(), 3, "{line:?}");
                let (kind, offsets) = fields[1].split_once(' ').unwrap();
                assert!(kind.chars().all(|c| c.is_ascii_alphanumeric()));
                let mut fragments = Vec::new();
                let mut last_end = 0;
                for fragment in offsets.split(';') {
                    let (s, e) = fragment.split_once(' ').unwrap();
                    let (s, e): (usize, usize) = (s.parse().unwrap(), e.parse().unwrap());
                    assert!(last_end <= s && s < e && e <= len, "{line:?}");
                    assert!(!chars(text, s, e).chars().any(ends_a_line), "{line:?}");
                    last_end = e;
                    fragments.push((s, e));
                }
                let joined: Vec<String> =
                    fragments.iter().map(|&(s, e)| chars(text, s, e)).collect();
                assert_eq!(fields[2], joined.join(" "), "{line:?}");
                spans.push((
                    id.to_owned(),
                    kind.to_owned(),
                    fragments,
                    fields[2].to_owned(),
                ));
            }
            Some('A') => {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                assert!((2..=3).contains(&parts.len()), "{line:?}");
                assert!(
                    ids.contains(parts[1]),
                    "{line:?} refers to a later or missing T"
                );
            }
            Some('#') => {
                assert_eq!(fields.len(), 3, "{line:?}");
                let (kind, target) = fields[1].split_once(' ').unwrap();
                assert_eq!(kind, "AnnotatorNotes");
                assert!(ids.contains(target), "{line:?}");
                assert!(!fields[2].chars().any(|c| ends_a_line(c) || c == '\t'));
            }
            _ => panic!("not a standoff line: {line:?}"),
        }
    }
    spans
}

#[test]
fn brat_standoff_has_exact_char_offsets_and_fragments_across_line_breaks() {
    let f = fixture();
    let standoff = brat::to_standoff(&f.doc, &f.exported);
    let spans = check_standoff(&standoff.ann, FIXTURE);
    assert_eq!(
        spans.len(),
        mention_count(&f.exported) + 3 + 3,
        "mentions, 3 quotations, 3 claims"
    );
    assert_eq!(
        standoff.left_out,
        ["claim c4 is not in the article (orphaned): left out"]
    );
    // The id of the T line with this type, fragments and text.
    let id = |kind: &str, fragments: &[(usize, usize)], text: &str| {
        spans
            .iter()
            .find(|(_, k, f, t)| k == kind && f == fragments && t == text)
            .unwrap_or_else(|| panic!("no {kind} {fragments:?} {text:?} in\n{}", standoff.ann))
            .0
            .clone()
    };
    id("Person", &[(39, 54)], "Emmanuel Macron");
    let macron = id("Person", &[(230, 236)], "Macron");
    let garcia = id("Person", &[(157, 170)], "Jose\u{301} Garci\u{301}a");
    let quote = id(
        "Quotation",
        &[(0, 28)],
        "“We will not give in 👩\u{200d}👩\u{200d}👧,”",
    );
    let c1 = id(
        "Claim",
        &[(83, 128)],
        "Angela Merkel met officials in 東京 and Berlin.",
    );
    // Two fragments: the CRLF between the sentences is not part of either.
    let c2 = id(
        "Claim",
        &[(200, 228), (230, 267)],
        "The flag 🇫🇷 flew over Paris. Macron said the deal was “very close”",
    );
    let has = |kind: char, rest: &str| {
        standoff
            .ann
            .lines()
            .any(|line| line.starts_with(kind) && line.split_once('\t').unwrap().1 == rest)
    };
    assert!(has(
        '#',
        &format!("AnnotatorNotes {macron}\tEmmanuel Macron")
    ));
    assert!(has('#', &format!("AnnotatorNotes {garcia}\tJosé García")));
    assert!(has('A', &format!("Kind {quote} speech")));
    assert!(has(
        '#',
        &format!("AnnotatorNotes {quote}\tspeaker: Emmanuel Macron")
    ));
    assert!(has('A', &format!("Verdict {c1} false")));
    assert!(has('A', &format!("Label {c1} checkable")));
    assert!(has(
        '#',
        &format!(
            "AnnotatorNotes {c1}\tspeaker: Angela Merkel; Merkel was in Brussels. See the agenda (2 Feb)."
        )
    ));
    // A verdict with a space cannot be an attribute value: it goes in the note.
    assert!(has(
        '#',
        &format!("AnnotatorNotes {c2}\tverdict: half true; speaker: Emmanuel Macron")
    ));
    assert!(!standoff.ann.contains(&format!("Verdict {c2}")));
}

// ---- schema.org ClaimReview --------------------------------------------

#[test]
fn claim_review_covers_claims_with_a_verdict_with_the_required_fields() {
    let f = fixture();
    let json = serde_json::to_value(claim_review::reviews(&f.exported)).unwrap();
    let reviews = json.as_array().unwrap();
    let reviewed: Vec<_> = reviews
        .iter()
        .map(|r| str_at(r, "/claimReviewed"))
        .collect();
    assert_eq!(
        reviewed,
        [
            "Angela Merkel met officials in 東京 and Berlin.",
            "The flag 🇫🇷 flew over Paris.\r\nMacron said the deal was “very close”",
            "gone"
        ],
        "c3 is unverified: no review"
    );
    for review in reviews {
        // The properties schema.org's ClaimReview and Google's fact-check
        // guidelines ask for, with their expected types.
        assert_eq!(str_at(review, "/@context"), "https://schema.org");
        assert_eq!(str_at(review, "/@type"), "ClaimReview");
        assert!(!str_at(review, "/claimReviewed").is_empty());
        assert_eq!(str_at(review, "/reviewRating/@type"), "Rating");
        assert!(!str_at(review, "/reviewRating/alternateName").is_empty());
        assert_eq!(str_at(review, "/itemReviewed/@type"), "Claim");
        assert_eq!(
            str_at(review, "/itemReviewed/appearance/@type"),
            "CreativeWork"
        );
        assert!(str_at(review, "/itemReviewed/appearance/url").starts_with("file:///"));
        assert_eq!(str_at(review, "/datePublished"), "2026-11-29T08:00:00Z");
    }
    assert_eq!(str_at(&reviews[0], "/reviewRating/alternateName"), "false");
    assert_eq!(
        reviews[0]["itemReviewed"]["author"],
        serde_json::json!({ "@type": "Person", "name": "Angela Merkel" })
    );
    assert_eq!(
        str_at(&reviews[0], "/reviewBody"),
        "Merkel was in Brussels.\nSee the\tagenda\u{2028}(2 Feb)."
    );
    assert_eq!(
        str_at(&reviews[1], "/reviewRating/alternateName"),
        "half true"
    );
    assert!(reviews[1].get("reviewBody").is_none());
    assert!(reviews[2]["itemReviewed"].get("author").is_none());
}

// ---- the command line, and Python's string indexing -------------------

fn success(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn cli_writes_each_format_and_brat_text_beside_the_ann() {
    let f = fixture();
    f.save_sidecar();
    // The CLI gets the path relative to its folder, and the orphaned claim
    // c4 comes back flagged, without offsets (read as 0).
    let mut relative = AnnotationFile {
        article: file::ArticleRecord {
            path: "fixture.txt".to_owned(),
            ..f.exported.article.clone()
        },
        ..f.exported.clone()
    };
    for claim in relative.claims.iter_mut().filter(|c| c.id == "c4") {
        (claim.orphaned, claim.start, claim.end) = (true, 0, 0);
    }

    let toml = success(&f.folio(&[]));
    assert_eq!(toml, success(&f.folio(&["--format", "toml"])));
    assert_eq!(file::parse(Path::new("stdout"), &toml).unwrap(), relative);

    let printed = success(&f.folio(&["--format", "json"]));
    // Keys in the order of the specification's examples, not sorted.
    assert!(
        printed.starts_with(
            "{\n  \"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n  \"id\": \"urn:folio:"
        ),
        "{printed}"
    );
    assert!(printed.contains("\"type\": \"TextQuoteSelector\",\n              \"exact\": "));
    let json: Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(
        json,
        serde_json::to_value(web_annotation::collection(&f.doc, &relative)).unwrap()
    );

    let reviews: Value = serde_json::from_str(&success(&f.folio(&["-f", "claimreview"]))).unwrap();
    assert_eq!(
        reviews,
        serde_json::to_value(claim_review::reviews(&relative)).unwrap()
    );
    assert_eq!(
        str_at(&reviews, "/0/itemReviewed/appearance/url"),
        "fixture.txt"
    );

    let output = f.folio(&["--format", "brat"]);
    assert_eq!(success(&output), brat::to_standoff(&f.doc, &relative).ann);
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "folio: brat: claim c4 is not in the article (orphaned): left out\n"
    );

    // -o out/a.ann writes out/a.txt with the exact text its offsets count.
    std::fs::create_dir(f.dir.path().join("out")).unwrap();
    success(&f.folio(&["-f", "brat", "-o", "out/a.ann"]));
    let ann = std::fs::read_to_string(f.dir.path().join("out/a.ann")).unwrap();
    let txt = std::fs::read(f.dir.path().join("out/a.txt")).unwrap();
    assert_eq!(txt, FIXTURE.as_bytes());
    assert_eq!(
        check_standoff(&ann, FIXTURE).len(),
        mention_count(&f.exported) + 6
    );

    // Beside the article itself: fixture.ann next to fixture.txt, which is
    // left as it is since it already holds the text.
    success(&f.folio(&["-f", "brat", "-o", "fixture.ann"]));
    assert_eq!(std::fs::read(f.article()).unwrap(), FIXTURE.as_bytes());
    assert!(f.dir.path().join("fixture.ann").exists());

    // Another article where the text would go is never replaced, and no
    // .ann is written beside it.
    let other = "Angela Merkel visited Paris on Monday.\n";
    std::fs::write(f.dir.path().join("victim.txt"), other).unwrap();
    let output = f.folio(&["-f", "brat", "-o", "victim.ann"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("refusing to replace victim.txt"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(f.dir.path().join("victim.txt")).unwrap(),
        other
    );
    assert!(!f.dir.path().join("victim.ann").exists());
    // The same export again leaves its own text as it is.
    success(&f.folio(&["-f", "brat", "-o", "out/a.ann"]));

    // An output named .txt would collide with the text.
    for name in ["x.txt", "x.TXT"] {
        let output = f.folio(&["-f", "brat", "-o", name]);
        assert_eq!(output.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&output.stderr).contains("other than .txt"));
        assert!(!f.dir.path().join(name).exists());
    }
}

#[test]
fn brat_never_replaces_a_legacy_encoded_article_with_its_decoded_text() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = b"Caf\xe9 owner Jos\xe9 Garc\xeda said \"no\" in Paris.\n";
    std::fs::write(dir.path().join("old.txt"), latin1).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .current_dir(dir.path())
        .args(["export", "old.txt", "-f", "brat", "-o", "old.ann"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("refusing to replace the article"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(std::fs::read(dir.path().join("old.txt")).unwrap(), latin1);
    assert!(!dir.path().join("old.ann").exists());
    // Elsewhere, the text goes out as UTF-8 and the offsets count its chars.
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .current_dir(dir.path())
        .args(["export", "old.txt", "-f", "brat", "-o", "utf8.ann"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = std::fs::read_to_string(dir.path().join("utf8.txt")).unwrap();
    assert_eq!(text, "Café owner José García said \"no\" in Paris.\n");
    let ann = std::fs::read_to_string(dir.path().join("utf8.ann")).unwrap();
    let spans = check_standoff(&ann, &text);
    assert!(
        spans
            .iter()
            .any(|(_, kind, fragments, text)| kind == "Person"
                && fragments == &[(11, 22)]
                && text == "José García"),
        "{ann}"
    );
}

/// Checks every span of a Web Annotation JSON file and of a brat `.ann`
/// against the text with Python's own string indexing; prints how many
/// spans it checked.
const PYTHON_CHECK: &str = r#"import codecs, json, sys
json_path, txt_path, ann_path, brat_txt_path = sys.argv[1:5]
text = open(txt_path, encoding='utf-8', newline='').read()
checked = 0
doc = json.load(open(json_path, encoding='utf-8'))
for item in doc['first']['items']:
    quote = item['target']['selector'][0]
    for sel in item['target']['selector'][1:]:
        s, e = sel['start'], sel['end']
        assert text[s:e] == quote['exact'], (s, e, text[s:e], quote['exact'])
        p, x = quote.get('prefix', ''), quote.get('suffix', '')
        assert text[s - len(p):s] == p and text[e:e + len(x)] == x, (p, x)
        checked += 1
# Read as brat reads: codecs.open, whose readlines splits at every Unicode
# line boundary (U+2028, U+0085, FF, ...), so none may be inside a line.
brat_text = codecs.open(brat_txt_path, 'r', encoding='utf8').read()
assert brat_text == text
ann_lines = codecs.open(ann_path, 'r', encoding='utf8').readlines()
written = open(ann_path, encoding='utf-8', newline='').read()
assert len(ann_lines) == written.count('\n'), 'a line break inside a line'
for line in ann_lines:
    assert line.endswith('\n'), line
    line = line[:-1]
    if not line.startswith('T'):
        continue
    ident, kind_offsets, span_text = line.split('\t', 2)
    fragments = [tuple(map(int, f.split(' '))) for f in kind_offsets.split(' ', 1)[1].split(';')]
    pieces = [brat_text[s:e] for s, e in fragments]
    assert all(len(p.splitlines()) == 1 for p in pieces), pieces
    assert ' '.join(pieces) == span_text, (line, pieces)
    checked += 1
print(checked)
"#;

#[test]
fn python_string_indexing_agrees_with_every_exported_offset() {
    let f = fixture();
    f.save_sidecar();
    success(&f.folio(&["-f", "json", "-o", "out.json"]));
    success(&f.folio(&["-f", "brat", "-o", "out.ann"]));
    let dir = f.dir.path();
    let output = match Command::new("python3")
        .arg("-c")
        .arg(PYTHON_CHECK)
        .arg(dir.join("out.json"))
        .arg(f.article())
        .arg(dir.join("out.ann"))
        .arg(dir.join("out.txt"))
        .output()
    {
        Ok(output) => output,
        Err(err) => {
            println!("SKIPPED: python3 is not available ({err})");
            return;
        }
    };
    // Every positioned annotation in the JSON (all but the orphaned claim)
    // and every T line in the .ann (the same spans).
    let spans = mention_count(&f.exported) + 3 + 3;
    assert_eq!(success(&output).trim(), (2 * spans).to_string());
}

#[test]
fn on_a_terminal_the_export_shows_control_characters_as_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("hostile.txt");
    let quotation = "\"Stop\u{1b}]2;owned\u{7} now\u{9b}2J,\"";
    std::fs::write(
        &article,
        format!("{quotation} said Angela Merkel in Paris.\n"),
    )
    .unwrap();
    let command = format!(
        "{} export {} --format brat",
        env!("CARGO_BIN_EXE_folio"),
        article.display()
    );
    // `script` runs the command on a pseudo-terminal and copies what it
    // printed there.
    let output = match Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
    {
        Ok(output) => output,
        Err(err) => {
            println!("SKIPPED: script (util-linux) is not available ({err})");
            return;
        }
    };
    let shown = String::from_utf8(output.stdout).unwrap();
    // Tabs are spaces on screen; the quotation's controls are placeholders.
    assert!(shown.contains("Quotation 0 24"), "{shown:?}");
    assert!(shown.contains("\"Stop\u{241b}]2;owned"), "{shown:?}");
    for control in ['\u{1b}', '\u{7}', '\u{9b}'] {
        assert!(
            !shown.contains(control),
            "{control:?} reached the terminal: {shown:?}"
        );
    }
    // A pipe still gets the exact text, escape and all.
    let piped = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["export", "-f", "brat"])
        .arg(&article)
        .output()
        .unwrap();
    let ann = String::from_utf8(piped.stdout).unwrap();
    assert!(
        ann.contains(&format!("\tQuotation 0 24\t{quotation}\n")),
        "{ann:?}"
    );
}

// ---- any article, any claims ------------------------------------------

/// Pieces of hostile articles: names the recogniser finds, quotation marks,
/// every kind of line break brat cares about, invisible and wide characters.
const ARTICLE_PIECES: &[&str] = &[
    "Angela Merkel",
    "Paris",
    " said ",
    "“",
    "”",
    "\"",
    ". ",
    " ",
    "\r\n",
    "\n",
    "\r",
    "\n\n",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{b}",
    "\u{c}",
    "\u{1c}",
    "\t",
    "\u{1b}[2J",
    "\u{feff}",
    "e\u{301}",
    "\u{301}",
    "👩\u{200d}👩\u{200d}👧",
    "東京",
];

fn article_and_claims()
-> impl proptest::strategy::Strategy<Value = (String, Vec<(usize, usize, usize)>)> {
    use proptest::prelude::*;
    proptest::collection::vec(proptest::sample::select(ARTICLE_PIECES), 0..40).prop_flat_map(
        |pieces| {
            let text = pieces.concat();
            let chars = text.chars().count();
            let claim = (0..=chars, 0..=chars, 0..folio::annotations::VERDICTS.len());
            (Just(text), proptest::collection::vec(claim, 0..6))
        },
    )
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// Whatever the article and wherever the claims, no export panics, every
    /// brat span and JSON position picks out exactly its text, brat lines
    /// hold no line break, and only spans with no text are left out.
    #[test]
    fn every_export_of_any_article_is_exact((text, picks) in article_and_claims()) {
        let doc = Document::from_bytes(text.as_bytes(), Some(PathBuf::from("any.txt")));
        let analysis = analyse(&doc, &Progress::default());
        let claims = picks
            .iter()
            .enumerate()
            .map(|(i, &(a, b, verdict))| Claim {
                id: format!("c{}", i + 1),
                span: doc.byte_offset(a.min(b)).unwrap()..doc.byte_offset(a.max(b)).unwrap(),
                label: "checkable".to_owned(),
                verdict: folio::annotations::VERDICTS[verdict].to_owned(),
                note: text.chars().take(12).collect(),
                speaker: None,
                created: "2026-11-29T08:00:00Z".parse().unwrap(),
                modified: None,
            })
            .collect();
        let exported = export::to_file(&doc, Some(&analysis), &Annotations::new(claims, Vec::new()));
        let text = doc.text();
        let spans = mention_count(&exported) + exported.quotes.len() + exported.claims.len();

        let standoff = brat::to_standoff(&doc, &exported);
        let written = check_standoff(&standoff.ann, text).len();
        proptest::prop_assert_eq!(written + standoff.left_out.len(), spans);
        for why in &standoff.left_out {
            proptest::prop_assert!(why.ends_with("spans no text (empty or only line breaks): left out"), "{}", why);
        }

        let json = serde_json::to_value(web_annotation::collection(&doc, &exported)).unwrap();
        let items = json["first"]["items"].as_array().unwrap();
        proptest::prop_assert_eq!(items.len(), spans);
        for item in items {
            let (start, end, exact) = check_annotation(item, "any.txt").expect("every span is in the article");
            proptest::prop_assert_eq!(chars(text, start, end), exact);
        }

        let reviews = claim_review::reviews(&exported);
        let with_verdict = exported.claims.iter().filter(|c| c.verdict != "unverified").count();
        proptest::prop_assert_eq!(reviews.len(), with_verdict);
    }
}

#[test]
fn a_speaker_set_by_hand_is_the_claim_review_author_and_the_annotations_speaker() {
    let f = fixture();
    let analysis = analyse(&f.doc, &Progress::default());
    let quote = bytes(FIXTURE, "“The cafe", "closed,”");
    let claim = Claim {
        id: "c5".to_owned(),
        span: quote.start + 3..quote.end - 4,
        label: "checkable".to_owned(),
        verdict: "false".to_owned(),
        note: String::new(),
        speaker: Some("jose-garcia".to_owned()),
        created: "2026-11-29T08:00:00Z".parse().unwrap(),
        modified: None,
    };
    let mut annotations = Annotations::new(vec![claim], Vec::new());
    // The reader types a name folio does not know.
    annotations.set_speaker(SpeakerFix {
        span: quote.clone(),
        speaker: None,
        speaker_text: Some("Ana Ruiz".to_owned()),
    });
    let exported = export::to_file(&f.doc, Some(&analysis), &annotations);
    assert_eq!(exported.claims[0].speaker, None);
    let reviews = serde_json::to_value(claim_review::reviews(&exported)).unwrap();
    assert_eq!(
        reviews[0]["itemReviewed"]["author"],
        serde_json::json!({ "@type": "Person", "name": "Ana Ruiz" })
    );
    // The Web Annotation of the claim names the same speaker.
    let json = serde_json::to_value(web_annotation::collection(&f.doc, &exported)).unwrap();
    let items = json["first"]["items"].as_array().unwrap();
    let c5 = items
        .iter()
        .find(|i| str_at(i, "/id").ends_with(":claim:c5"))
        .unwrap();
    let describing: Vec<_> = c5["body"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| str_at(b, "/purpose") == "describing")
        .map(|b| str_at(b, "/value"))
        .collect();
    assert_eq!(describing, ["Ana Ruiz"]);
    // And one set to a person folio knows.
    annotations.set_speaker(SpeakerFix {
        span: quote,
        speaker: Some("angela-merkel".to_owned()),
        speaker_text: None,
    });
    let exported = export::to_file(&f.doc, Some(&analysis), &annotations);
    assert_eq!(exported.claims[0].speaker.as_deref(), Some("angela-merkel"));
    let reviews = serde_json::to_value(claim_review::reviews(&exported)).unwrap();
    assert_eq!(
        reviews[0]["itemReviewed"]["author"]["name"],
        serde_json::json!("Angela Merkel")
    );
}

#[test]
fn claim_review_appearance_is_the_page_url_when_known() {
    let f = fixture();
    let mut file = f.exported.clone();
    file.article.url = Some("https://news.example.com/2026/merkel.html".to_owned());
    let json = serde_json::to_value(claim_review::reviews(&file)).unwrap();
    assert_eq!(
        str_at(&json, "/0/itemReviewed/appearance/url"),
        "https://news.example.com/2026/merkel.html"
    );
}

#[test]
fn an_html_page_keeps_its_canonical_url_in_the_annotation_file() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><title>Harbour vote</title>\
        <link rel=\"canonical\" href=\"https://news.example.com/harbour-vote\"></head>\
        <body><article><h1>Harbour vote</h1>\
        <p>The council voted on Tuesday to rebuild the harbour wall before winter storms.</p>\
        <p>Councillor Anna Reed said the work would take a year and cost less than feared.</p>\
        </article></body></html>";
    std::fs::write(dir.path().join("page.html"), page).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .current_dir(dir.path())
        .args(["export", "page.html"])
        .output()
        .unwrap();
    let exported = file::parse(Path::new("stdout"), &success(&output)).unwrap();
    assert_eq!(
        exported.article.url.as_deref(),
        Some("https://news.example.com/harbour-vote")
    );
    let report = Command::new(env!("CARGO_BIN_EXE_folio"))
        .current_dir(dir.path())
        .args(["export", "page.html", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(
        success(&report).contains("- Source: <https://news.example.com/harbour-vote>\n"),
        "{}",
        success(&report)
    );
}

#[test]
fn a_speaker_folio_only_guessed_is_no_review_author_until_the_reader_confirms_it() {
    // Our own text: Howard speaks, the paraphrase's subject is Blair, and
    // folio's ranker, unsure, takes Blair (weak evidence).
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("weak.txt");
    std::fs::copy("tests/fixtures/weak-speaker.txt", &article).unwrap();
    let doc = folio::input::open(&article).unwrap();
    let analysis = analyse(&doc, &Progress::default());
    let quote = bytes(doc.text(), "\"wrong", "solution\"");
    let claim = Claim {
        id: "c1".to_owned(),
        span: quote.clone(),
        label: "quotation".to_owned(),
        verdict: "misleading".to_owned(),
        note: String::new(),
        speaker: Some("tony-blair".to_owned()),
        created: "2026-12-08T02:00:00Z".parse().unwrap(),
        modified: None,
    };
    let mut annotations = Annotations::new(vec![claim], Vec::new());
    let exported = export::to_file(&doc, Some(&analysis), &annotations);
    let record = &exported.quotes[0];
    assert_eq!(
        (
            record.exact.as_str(),
            record.speaker.as_deref(),
            record.speaker_weak
        ),
        ("\"wrong solution\"", Some("tony-blair"), true)
    );
    assert!(claim_review::author_is_a_guess(
        &exported,
        &exported.claims[0]
    ));
    let reviews = serde_json::to_value(claim_review::reviews(&exported)).unwrap();
    assert_eq!(reviews[0]["itemReviewed"]["author"], Value::Null);
    let report = export::markdown::report(&exported, None);
    assert!(
        report.contains("- Speaker: Tony Blair (folio's guess from weak evidence: check it)"),
        "{report}"
    );
    assert!(
        report.contains("- Tony Blair (a guess): \"wrong solution\""),
        "{report}"
    );

    // `folio export` says why the review names no author.
    let saved = export::to_file(&doc, None, &annotations);
    std::fs::write(file::sidecar_path(&article), file::to_toml(&saved).unwrap()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["export", "-f", "claimreview"])
        .arg(&article)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "folio: claimreview: claim c1: its speaker, Tony Blair, is folio's guess from weak evidence: left out of the review (confirm or correct it with s on the quotation)\n"
    );

    // The reader sets the speaker: the review names them.
    annotations.set_speaker(SpeakerFix {
        span: quote,
        speaker: Some("michael-howard".to_owned()),
        speaker_text: None,
    });
    let exported = export::to_file(&doc, Some(&analysis), &annotations);
    assert!(!claim_review::author_is_a_guess(
        &exported,
        &exported.claims[0]
    ));
    let reviews = serde_json::to_value(claim_review::reviews(&exported)).unwrap();
    assert_eq!(
        reviews[0]["itemReviewed"]["author"]["name"],
        serde_json::json!("Michael Howard")
    );
}
