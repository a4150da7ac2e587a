//! Every subcommand prints the article as the reader sees it: the reader's
//! entity corrections (retype, rename, remove) saved beside the
//! article are applied by `folio entities` and `folio quotes` exactly as by
//! `folio export`.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;

/// The reader's corrections of the sample: NATO is retyped as a place,
/// the Kremlin is no entity, and Macron's entity is renamed.
const CORRECTIONS: &str = r#"schema = 2
offset_unit = "char"

[article]
path = "a.txt"
sha256 = "unknown"

[[corrections]]
action = "retype"
scope = "all"
exact = "NATO"
kind = "place"

[[corrections]]
action = "remove"
scope = "all"
exact = "Kremlin"

[[corrections]]
action = "rename"
scope = "all"
exact = "Emmanuel Macron"
name = "President Macron"
"#;

/// The sample as `a.txt` in a temporary folder, with the corrections above
/// as its annotation file.
fn corrected_sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("samples/macron-moscow.txt", dir.path().join("a.txt")).unwrap();
    std::fs::write(dir.path().join("a.txt.folio.toml"), CORRECTIONS).unwrap();
    dir
}

fn stdout_of(dir: &tempfile::TempDir, args: &[&str]) -> String {
    let output = Command::cargo_bin("folio")
        .unwrap()
        .current_dir(dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_entity_table_shows_the_corrections() {
    let dir = corrected_sample();
    let table = stdout_of(&dir, &["entities", "a.txt"]);
    let rows: Vec<&str> = table.lines().collect();
    assert!(
        rows.contains(
            &"place         2         NATO                 nato                 retyped by the reader"
        ),
        "{table}"
    );
    assert!(!table.contains("Kremlin"), "{table}");
    assert!(
        rows.contains(
            &"person        7         President Macron     emmanuel-macron      title \"President\" + given name"
        ),
        "{table}"
    );
}

#[test]
fn entities_and_quotes_print_what_export_prints() {
    let dir = corrected_sample();
    let export: toml::Value = toml::from_str(&stdout_of(&dir, &["export", "a.txt"])).unwrap();
    let entities: toml::Value =
        toml::from_str(&stdout_of(&dir, &["entities", "a.txt", "--format", "toml"])).unwrap();
    assert_eq!(entities["entities"], export["entities"]);
    let quotes: toml::Value =
        toml::from_str(&stdout_of(&dir, &["quotes", "a.txt", "--format", "toml"])).unwrap();
    assert_eq!(quotes["quotes"], export["quotes"]);
    // The quotation table names the speaker by the corrected name.
    let table = stdout_of(&dir, &["quotes", "a.txt"]);
    assert!(
        table.contains("speech  President Macron  clause   “The geopolitical objective"),
        "{table}"
    );
}
