//! The annotation file's safety rules, end to end: the built folio in a real
//! terminal (tmux) with a corrupt file, a file from a newer folio, and an
//! article whose folder cannot be written. Needs tmux (see tests/terminal.rs).
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "common/tmux.rs"]
mod tmux;

use std::path::Path;
use std::time::Duration;

use common::SAMPLE;
use folio::annotations::file;
use tmux::quoted;

/// How long a screen may take to show what a test waits for: generous,
/// as the tests run side by side on a busy machine; a test that passes
/// goes on as soon as the screen shows it.
const PATIENCE: Duration = Duration::from_secs(60);

/// Runs folio on `article` in session `name` with `data` as XDG_DATA_HOME.
fn open(server: &tmux::Server, name: &str, article: &Path, data: &Path) {
    let command = format!(
        "exec env XDG_DATA_HOME={} {} {}",
        quoted(&data.display().to_string()),
        quoted(env!("CARGO_BIN_EXE_folio")),
        quoted(&article.display().to_string())
    );
    server.start(name, 120, 40, &command);
}

/// A corrupt file and a newer-schema file are reported with what and where,
/// claims cannot be made, and the files are left byte for byte as they were.
#[test]
fn unreadable_annotation_files_make_annotations_read_only_and_are_kept() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let server = tmux::Server::new("store-read-only");
    let cases = [
        (
            "corrupt",
            "schema = 2\noffset_unit = \"char\"\n[[claims]\n",
            "corrupt.txt.folio.toml:3:",
        ),
        (
            "newer",
            "schema = 4\nfuture = true\n",
            "newer.txt.folio.toml has schema 4; this foli",
        ),
    ];
    for (name, content, shown) in cases {
        let article = dir.path().join(format!("{name}.txt"));
        std::fs::copy(SAMPLE, &article).unwrap();
        let sidecar = file::sidecar_path(&article);
        std::fs::write(&sidecar, content).unwrap();
        open(&server, name, &article, &dir.path().join("data"));
        let screen = server.wait_for_all(name, &["People (4)", "read-only", shown], PATIENCE);
        assert!(screen.contains("annotations are read-only:"), "{screen}");
        // The file's claims are unknown, not none.
        assert!(screen.contains("claims not read"), "{screen}");
        assert!(!screen.contains("0 claims"), "{screen}");
        // Try to mark a claim: folio refuses, says why and what to do.
        server.type_text(name, "c");
        server.wait_for_all(
            name,
            &["no change can be saved until the annotation"],
            PATIENCE,
        );
        server.type_text(name, "\r)c\rq");
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), content);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(name))
            .collect();
        assert_eq!(names.len(), 2, "nothing but article and sidecar: {names:?}");
    }
}

/// `/proc` is a folder nobody, not even root, can create files in: an
/// article there is annotated in the data folder, found there again on the
/// next start, and exported from there.
#[cfg(target_os = "linux")]
#[test]
fn an_article_in_an_unwritable_folder_is_annotated_in_the_data_folder() {
    if !tmux::available() {
        return;
    }
    let article = Path::new("/proc/version");
    let sha = folio::document::Document::open(article)
        .unwrap()
        .sha256()
        .to_owned();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Named by the article's path (`path-<SHA-256 of /proc/version>`), so
    // that the claims stay with the file when its text changes.
    let key = folio::document::sha256_hex(b"/proc/version");
    let copy = data.join(format!("folio/annotations/path-{key}.folio.toml"));
    let server = tmux::Server::new("store-data-folder");
    open(&server, "first", article, &data);
    // `no quotes` (the quotation count of this text) shows once the
    // analysis is in: only then can claims be made.
    server.wait_for_all("first", &["0 claims", "no quotes"], PATIENCE);
    // The report cannot go beside the article either: it goes there too.
    server.type_text("first", "W");
    server.wait_for_all(
        "first",
        &[
            "report with 0 claims written to",
            "/data/folio/annotations/",
        ],
        PATIENCE,
    );
    let report = std::fs::read_to_string(copy.with_extension("md")).unwrap();
    assert!(report.contains("/proc/version"), "{report}");
    server.type_text("first", "c");
    server.wait_for_all("first", &["unverified"], PATIENCE);
    server.type_text("first", "\r");
    // The whole message, wrapped above the status bar when it is long.
    server.wait_for_all(
        "first",
        &["marked claim c1 · saved to", "/data/folio/annotations/"],
        PATIENCE,
    );
    let saved = file::load(&copy).unwrap().unwrap();
    assert_eq!(saved.claims.len(), 1);
    assert_eq!(saved.article.sha256, sha);
    server.type_text("first", "q");

    open(&server, "again", article, &data);
    server.wait_for_all(
        "again",
        &["annotations from", "/data/folio/annotations/"],
        PATIENCE,
    );
    // Any key clears the message; the claim is there.
    server.type_text("again", "j");
    server.wait_for_all("again", &["1 claim"], PATIENCE);
    server.type_text("again", "q");

    let export = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("export")
        .arg(article)
        .env("XDG_DATA_HOME", &data)
        .output()
        .unwrap();
    let printed = String::from_utf8(export.stdout).unwrap();
    let exported = file::parse(Path::new("stdout"), &printed).unwrap();
    assert_eq!(exported.claims, saved.claims);
}
