//! Every string in the annotation file survives writing and reading back
//! exactly — quotes, backslashes, `'''`, `"""`, leading newlines, CRLF and lone
//! CR, every C0 and C1 control character, DEL, U+2028/U+2029, BOM, emoji,
//! lone combining marks — and a second TOML parser (Python's `tomllib`) reads
//! the same values from what folio writes.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

use folio::annotations::file::{self, AnnotationFile, OFFSET_UNIT, SCHEMA};
use proptest::prelude::*;

/// The strings of one file, one per field that holds free text.
#[derive(Debug, Clone)]
struct Strings {
    path: String,
    name: String,
    exact: String,
    prefix: String,
    suffix: String,
    label: String,
    verdict: String,
    speaker: String,
    note: String,
    speaker_text: String,
    /// Ids (entity, quotation, claim, `nested_in`).
    id: String,
    /// The remaining strings: `sha256`, `encoding`, `origin`.
    other: String,
}

impl Strings {
    /// The same text in every field.
    fn all(text: &str) -> Self {
        Self {
            path: text.to_owned(),
            name: text.to_owned(),
            exact: text.to_owned(),
            prefix: text.to_owned(),
            suffix: text.to_owned(),
            label: text.to_owned(),
            verdict: text.to_owned(),
            speaker: text.to_owned(),
            note: text.to_owned(),
            speaker_text: text.to_owned(),
            id: text.to_owned(),
            other: text.to_owned(),
        }
    }
}

/// An annotation file with one record of each kind and placeholder strings.
/// Built by parsing, so fields other branches add (with defaults) need no
/// change here.
fn template() -> AnnotationFile {
    let source = format!(
        r#"schema = {SCHEMA}
offset_unit = "{OFFSET_UNIT}"

[article]
path = "a.txt"
sha256 = "{}"

[[entities]]
id = "e1"
kind = "person"
name = "n"
origin = "user"
mentions = [{{ start = 3, end = 9, exact = "x" }}]

[[quotes]]
id = "q1"
start = 10
end = 20
exact = "x"
unclosed = true
speaker = "s"
speaker_text = "t"

[[claims]]
id = "c1"
start = 10
end = 20
exact = "x"
label = "l"
verdict = "v"
speaker = "s"
created = 2026-11-29T08:00:00Z

[[speakers]]
start = 10
end = 20
exact = "x"
speaker = "s"
speaker_text = "t"
"#,
        "ab".repeat(32)
    );
    file::parse(Path::new("template.folio.toml"), &source).unwrap()
}

/// The template holding `s` in every free-text field: the article path, an
/// entity name and mention, a quotation, a claim and a speaker fix.
fn file_with(s: &Strings) -> AnnotationFile {
    let mut file = template();
    file.article.path = s.path.clone();
    let entity = &mut file.entities[0];
    entity.name = s.name.clone();
    entity.mentions[0].exact = s.exact.as_str().into();
    let quote = &mut file.quotes[0];
    quote.exact = s.exact.clone();
    quote.speaker = Some(s.speaker.clone());
    quote.speaker_text = Some(s.speaker_text.clone());
    let claim = &mut file.claims[0];
    claim.exact = s.exact.clone();
    claim.prefix = s.prefix.clone();
    claim.suffix = s.suffix.clone();
    claim.label = s.label.clone();
    claim.verdict = s.verdict.clone();
    claim.speaker = Some(s.speaker.clone());
    claim.note = s.note.clone();
    let fix = &mut file.speakers[0];
    fix.exact = s.exact.clone();
    fix.speaker = Some(s.speaker.clone());
    fix.speaker_text = Some(s.speaker_text.clone());
    file.entities[0].id = s.id.clone();
    file.quotes[0].id = s.id.clone();
    file.quotes[0].nested_in = Some(s.id.clone());
    // A claim's id may be any string but a blank one, which folio refuses.
    file.claims[0].id = claim_id(&s.id);
    file.article.sha256 = s.other.clone();
    file.article.encoding = s.other.clone();
    file.entities[0].origin = s.other.clone();
    file
}

/// Pieces that have broken TOML writers: string delimiters, escapes, line
/// breaks of every kind, invisible and combining characters.
const NASTY: &[&str] = &[
    "\"",
    "'",
    "\\",
    "'''",
    "\"\"\"",
    "\\u0041",
    "\\n",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{0}",
    "\u{1b}[2J",
    "\u{7f}",
    "\u{80}",
    "\u{85}",
    "\u{9f}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{301}",
    "\u{200d}",
    "👩\u{200d}👩\u{200d}👧",
    "🇫🇷",
    "e\u{301}",
    "東京",
    "#",
    "= [x]",
    " ",
];

/// Every control character (C0, DEL, C1) on its own.
fn controls() -> impl Iterator<Item = String> {
    ('\u{0}'..='\u{1f}')
        .chain('\u{7f}'..='\u{9f}')
        .map(String::from)
}

fn nasty_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(NASTY).prop_map(str::to_owned),
        1 => proptest::char::range('\u{0}', '\u{a0}').prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

fn nasty_strings() -> impl Strategy<Value = Strings> {
    (
        proptest::collection::vec(nasty_string(), 6),
        proptest::collection::vec(nasty_string(), 6),
    )
        .prop_map(|(a, b)| Strings {
            path: a[0].clone(),
            name: a[1].clone(),
            exact: a[2].clone(),
            prefix: a[3].clone(),
            suffix: a[4].clone(),
            label: b[0].clone(),
            verdict: b[1].clone(),
            speaker: b[2].clone(),
            note: b[3].clone(),
            speaker_text: b[4].clone(),
            id: a[5].clone(),
            other: b[5].clone(),
        })
}

/// The claim id a test string makes: the string itself unless blank.
fn claim_id(text: &str) -> String {
    if text.trim().is_empty() {
        format!("c{text}1")
    } else {
        text.to_owned()
    }
}

fn round_trip(original: &AnnotationFile) -> AnnotationFile {
    let written = file::to_toml(original).unwrap();
    file::parse(Path::new("round-trip.folio.toml"), &written)
        .unwrap_or_else(|err| panic!("{err}\n--- written:\n{written}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    /// Arbitrary nasty strings in every free-text field come back equal.
    #[test]
    fn any_strings_survive_the_file(strings in nasty_strings()) {
        let original = file_with(&strings);
        prop_assert_eq!(round_trip(&original), original);
    }
}

#[test]
fn each_nasty_piece_and_control_character_survives_alone_and_at_either_end() {
    let singles = NASTY.iter().map(|s| (*s).to_owned()).chain(controls());
    for piece in singles {
        for text in [
            piece.clone(),
            format!("{piece}middle"),
            format!("middle{piece}"),
            format!("{piece}{piece}{piece}"),
        ] {
            let original = file_with(&Strings::all(&text));
            assert_eq!(round_trip(&original), original, "{text:?}");
        }
    }
}

/// Fixed strings that cover every case of the brief at least once.
fn fixed_nasty_strings() -> Vec<String> {
    let mut all = vec![
        "\"quoted at both ends\"".to_owned(),
        "'single at both ends'".to_owned(),
        "back\\slash\\".to_owned(),
        "'''triple single'''".to_owned(),
        "\"\"\"triple double\"\"\"".to_owned(),
        "\nleading newline".to_owned(),
        "\n\ntwo leading newlines\n".to_owned(),
        "crlf\r\ninside\r\n".to_owned(),
        "lone\rcr\r".to_owned(),
        "del\u{7f}".to_owned(),
        "separators\u{2028}line\u{2029}paragraph".to_owned(),
        "\u{feff}bom first".to_owned(),
        "emoji 👩\u{200d}👩\u{200d}👧 🇫🇷 👍🏽".to_owned(),
        "\u{301}lone combining mark, and another at the end\u{308}".to_owned(),
        "cjk 東京 한국어".to_owned(),
        "tab\there".to_owned(),
        String::new(),
    ];
    all.push(controls().collect());
    all
}

/// Runs `python3 -c script arg`; `None` (with a message) when there is no
/// python3 with `tomllib` (3.11 or newer).
fn python(script: &str, arg: &Path) -> Option<String> {
    let output = match Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(arg)
        .output()
    {
        Ok(output) => output,
        Err(err) => {
            println!("SKIPPED: python3 is not available ({err})");
            return None;
        }
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("No module named 'tomllib'") {
        println!("SKIPPED: python3 has no tomllib (needs 3.11+)");
        return None;
    }
    assert!(output.status.success(), "python3 failed: {stderr}");
    Some(String::from_utf8(output.stdout).unwrap())
}

/// Reads a TOML file with Python's `tomllib` and prints it as ASCII-only JSON
/// (datetimes as ISO strings), so no terminal or encoding layer can alter it.
const TOMLLIB_TO_JSON: &str = "import tomllib, sys, json
with open(sys.argv[1], 'rb') as f:
    data = tomllib.load(f)
print(json.dumps(data, ensure_ascii=True, default=lambda d: d.isoformat()))";

#[test]
fn python_tomllib_reads_the_same_strings() {
    let dir = tempfile::tempdir().unwrap();
    for (i, text) in fixed_nasty_strings().iter().enumerate() {
        let strings = Strings {
            // A different string in each field, so a swap would show.
            note: format!("note {text}"),
            label: format!("{text} label"),
            ..Strings::all(text)
        };
        let original = file_with(&strings);
        let path = dir.path().join(format!("nasty-{i}.folio.toml"));
        std::fs::write(&path, file::to_toml(&original).unwrap()).unwrap();
        let Some(json) = python(TOMLLIB_TO_JSON, &path) else {
            return;
        };
        let read: serde_json::Value = serde_json::from_str(&json).unwrap();
        let field = |pointer: &str| {
            read.pointer(pointer)
                .and_then(serde_json::Value::as_str)
                .unwrap_or_else(|| panic!("{pointer} missing in {json}"))
                .to_owned()
        };
        let expected = [
            ("/article/path", &strings.path),
            ("/entities/0/name", &strings.name),
            ("/entities/0/mentions/0/exact", &strings.exact),
            ("/quotes/0/exact", &strings.exact),
            ("/quotes/0/speaker", &strings.speaker),
            ("/quotes/0/speaker_text", &strings.speaker_text),
            ("/claims/0/exact", &strings.exact),
            ("/claims/0/prefix", &strings.prefix),
            ("/claims/0/suffix", &strings.suffix),
            ("/claims/0/label", &strings.label),
            ("/claims/0/verdict", &strings.verdict),
            ("/claims/0/speaker", &strings.speaker),
            ("/claims/0/note", &strings.note),
            ("/speakers/0/exact", &strings.exact),
            ("/speakers/0/speaker_text", &strings.speaker_text),
            ("/entities/0/id", &strings.id),
            ("/quotes/0/id", &strings.id),
            ("/quotes/0/nested_in", &strings.id),
            ("/claims/0/id", &claim_id(&strings.id)),
            ("/article/sha256", &strings.other),
            ("/article/encoding", &strings.other),
            ("/entities/0/origin", &strings.other),
        ];
        for (pointer, want) in expected {
            assert_eq!(&field(pointer), want, "{pointer} of {text:?}");
        }
        assert_eq!(field("/claims/0/created"), "2026-11-29T08:00:00+00:00");
        assert_eq!(read.pointer("/schema"), Some(&serde_json::json!(SCHEMA)));
        assert_eq!(
            read.pointer("/quotes/0/unclosed"),
            Some(&serde_json::json!(true))
        );
        // And folio reads its own file back to the same value.
        assert_eq!(round_trip(&original), original, "{text:?}");
    }
}
