//! The mouse in a real terminal: folio in a tmux pane turns mouse reporting
//! on (or not, with `--no-mouse`), a click sent as the terminal would send it
//! reaches the app, and reporting is off again after `q`. Needs tmux (see
//! tests/terminal.rs); without it this test says so and passes unless `CI`
//! is set.
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
fn real_terminal_mouse_click_jumps_and_no_mouse_leaves_the_mouse_alone() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    // An empty config of our own: the developer's settings do not leak in.
    std::fs::write(&config, "").unwrap();
    let folio = env!("CARGO_BIN_EXE_folio");
    for no_mouse in [false, true] {
        let server = tmux::Server::new(if no_mouse { "nomouse" } else { "mouse" });
        let flag = if no_mouse { "--no-mouse" } else { "" };
        let command = format!(
            "{} --theme default --config {} {flag} {}; sleep 30",
            tmux::quoted(folio),
            tmux::quoted(&config.display().to_string()),
            tmux::quoted(common::SAMPLE)
        );
        server.start("folio", 120, 40, &command);
        server.wait_for_all("folio", &["People (4)", "? help"], PATIENCE);
        let expected = if no_mouse { "0" } else { "1" };
        assert_eq!(
            server.format("folio", "#{mouse_any_flag}"),
            expected,
            "--no-mouse: {no_mouse}"
        );
        if !no_mouse {
            // A left click (SGR encoding, 1-based cells) on the panel's
            // Ukraine row: the status bar reports the jump to its mention.
            let screen = server.screen("folio");
            let row = screen
                .lines()
                .position(|l| l.contains("│  Ukraine "))
                .unwrap();
            let click = format!("\x1b[<0;100;{}M\x1b[<0;100;{}m", row + 1, row + 1);
            server.type_text("folio", &click);
            server.wait_for_all("folio", &["Ukraine: mention 1/7"], PATIENCE);
        }
        server.type_text("folio", "q");
        let start = Instant::now();
        while server.format("folio", "#{alternate_on}") != "0" {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "folio did not quit"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(
            server.format("folio", "#{mouse_any_flag}"),
            "0",
            "mouse reporting is off again"
        );
    }
}
