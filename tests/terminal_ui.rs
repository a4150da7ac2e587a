//! What a reader sees in a real terminal (issue 14): the built binary runs in
//! a tmux pane, keys go in with `send-keys`, the screen comes back with
//! `capture-pane`. Each test here failed before its fix.
//!
//! Needs tmux; without it a test says so and passes unless `CI` is set.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "common/tmux.rs"]
mod tmux;

use std::time::Duration;

/// The session every test here drives.
const SESSION: &str = "folio";
/// How long a screen may take to show what a test waits for.
const PATIENCE: Duration = Duration::from_secs(20);

/// A tmux server running folio on `article` in a `width`×`height` pane.
fn folio_in_tmux(tag: &str, article: &std::path::Path, width: u16, height: u16) -> tmux::Server {
    let server = tmux::Server::new(tag);
    let command = format!(
        "exec {} {}",
        tmux::quoted(env!("CARGO_BIN_EXE_folio")),
        tmux::quoted(&article.display().to_string())
    );
    server.start(SESSION, width, height, &command);
    server
}

/// The sample, copied into a fresh folder (its sidecar goes there).
fn sample_copy(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let article = dir.path().join("macron-moscow.txt");
    std::fs::copy(common::SAMPLE, &article).unwrap();
    article
}

/// The status bar: the last line of the screen.
fn status_line(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

#[test]
fn v_and_e_act_on_the_newest_target_not_an_old_panel_pick() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = sample_copy(&dir);
    let tmux = folio_in_tmux("newest", &article, 120, 40);
    tmux.wait_for_all(SESSION, &["People (4)", "? help"], PATIENCE);
    // Pick Vladimir Putin in the panel and jump to him, back to the article.
    tmux.keys(SESSION, &["Tab", "j", "Enter"]);
    tmux.wait_for_all(SESSION, &["Vladimir Putin: mention 1/3"], PATIENCE);
    tmux.keys(SESSION, &["Escape"]);
    // A search is the newest move: `v` starts on its match.
    tmux.keys(SESSION, &["/", "Kremlin", "Enter"]);
    tmux.wait_for_all(SESSION, &["match 1/1"], PATIENCE);
    tmux.keys(SESSION, &["v"]);
    let screen = tmux.wait_for_all(SESSION, &["SELECT “"], PATIENCE);
    assert!(
        status_line(&screen).contains("SELECT “Kremlin”"),
        "{screen}"
    );
    // A sentence move after that: `E` has no mention to act on, and surely
    // not the one picked in the panel long before.
    tmux.keys(SESSION, &["Escape", ")", "E"]);
    let screen = tmux.wait_for_all(SESSION, &["no mention here"], PATIENCE);
    assert!(!screen.contains("Correct “"), "{screen}");
    // The panel jump, when it is the newest move, still wins.
    tmux.keys(SESSION, &["Tab", "Enter", "Escape", "v"]);
    let screen = tmux.wait_for_all(SESSION, &["SELECT “"], PATIENCE);
    assert!(
        status_line(&screen).contains("SELECT “Vladimir Putin”"),
        "{screen}"
    );
}

#[test]
fn without_a_terminal_folio_says_which_subcommand_prints_instead() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = sample_copy(&dir);
    let out = dir.path().join("out.txt");
    let tmux = tmux::Server::new("noterm");
    tmux.start(SESSION, 160, 30, "sh");
    let folio = tmux::quoted(env!("CARGO_BIN_EXE_folio"));
    let article = tmux::quoted(&article.display().to_string());
    let out_path = tmux::quoted(&out.display().to_string());
    // Standard output redirected to a file, from a real terminal.
    let redirected = format!("{folio} {article} > {out_path}; echo redirected=$?");
    tmux.keys(SESSION, &[&redirected, "Enter"]);
    let screen = tmux.wait_for_all(SESSION, &["redirected="], PATIENCE);
    assert!(screen.contains("redirected=1"), "{screen}");
    assert!(screen.contains("the reader needs a terminal"), "{screen}");
    assert!(screen.contains("`folio text "), "{screen}");
    assert!(screen.contains("`folio export "), "{screen}");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        b"",
        "nothing written to the file"
    );
    assert_eq!(tmux.format(SESSION, "#{alternate_on}"), "0");
    // No terminal at all: a new session (setsid) with stdin from /dev/null.
    let err = dir.path().join("err.txt");
    let err_path = tmux::quoted(&err.display().to_string());
    let detached = format!(
        "setsid -w {folio} {article} < /dev/null > {out_path} 2> {err_path}; echo detached=$?"
    );
    tmux.keys(SESSION, &["clear", "Enter", &detached, "Enter"]);
    let screen = tmux.wait_for_all(SESSION, &["detached="], PATIENCE);
    assert!(screen.contains("detached=1"), "no panic (101): {screen}");
    let stderr = std::fs::read_to_string(&err).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("folio: the reader needs a terminal"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
