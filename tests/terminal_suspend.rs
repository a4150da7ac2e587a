//! `Ctrl-Z` in a real terminal: under a shell with job control (bash in a
//! tmux pane), folio gives the terminal back and stops; `fg` brings it back
//! with the whole screen redrawn and keys working, and `q` then leaves the
//! terminal as it was. Needs tmux and bash (see tests/terminal.rs); without
//! them this test says so and passes unless `CI` is set.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "common/tmux.rs"]
mod tmux;

use std::time::{Duration, Instant};

/// How long a screen may take to show what a test waits for: generous,
/// as the tests run side by side on a busy machine; a test that passes
/// goes on as soon as the screen shows it.
const PATIENCE: Duration = Duration::from_secs(60);

#[test]
fn ctrl_z_stops_folio_and_fg_brings_it_back_redrawn() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    let server = tmux::Server::new("suspend");
    // An interactive shell, so that there is job control to stop folio.
    server.start(
        "shell",
        120,
        40,
        "env PS1='shell> ' bash --norc --noprofile -i",
    );
    server.wait_for_all("shell", &["shell>"], PATIENCE);
    let command = format!(
        "{} --theme default --config {} {}\r",
        tmux::quoted(env!("CARGO_BIN_EXE_folio")),
        tmux::quoted(&config.display().to_string()),
        tmux::quoted(common::SAMPLE)
    );
    server.type_text("shell", &command);
    server.wait_for_all("shell", &["People (4)", "4 quotes"], PATIENCE);
    server.keys("shell", &["]"]);
    server.wait_for_all("shell", &["quote 1/4"], PATIENCE);

    server.keys("shell", &["C-z"]);
    let stopped = server.wait_for_all("shell", &["Stopped"], PATIENCE);
    assert!(!stopped.contains("People (4)"), "{stopped}");
    assert_eq!(server.format("shell", "#{alternate_on}"), "0");
    // The shell gets its cursor back.
    assert_eq!(server.format("shell", "#{cursor_flag}"), "1");

    server.type_text("shell", "fg\r");
    // The whole screen again, not only what changes next.
    let back = server.wait_for_all("shell", &["People (4)", "quote 1/4", "Moscow"], PATIENCE);
    assert!(!back.contains("Stopped"), "{back}");
    server.keys("shell", &["]"]);
    server.wait_for_all("shell", &["quote 2/4"], PATIENCE);

    server.keys("shell", &["q"]);
    let start = Instant::now();
    while server.format("shell", "#{alternate_on}") != "0" {
        assert!(start.elapsed() < PATIENCE, "folio did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(server.format("shell", "#{mouse_any_flag}"), "0");
    server.wait_for_all("shell", &["shell>"], PATIENCE);
}
