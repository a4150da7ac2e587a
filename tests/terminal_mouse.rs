//! The mouse in a real terminal: folio in a tmux pane turns mouse reporting
//! on (or not, with `--no-mouse`), a click sent as the terminal would send it
//! reaches the app, and reporting is off again after `q`. Needs tmux (see
//! tests/terminal.rs); without it this test says so and passes unless `CI`
//! is set.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A tmux server of our own, killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn new(tag: &str) -> Self {
        Self {
            socket: format!("folio-test-{tag}-{}", std::process::id()),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "folio"]).stdout)
            .into_owned()
    }

    fn format(&self, format: &str) -> String {
        let out = self
            .run(&["display-message", "-p", "-t", "folio", format])
            .stdout;
        String::from_utf8_lossy(&out).trim().to_owned()
    }

    /// Waits until the pane shows every one of `texts`; panics after 20 s.
    fn wait_for_all(&self, texts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if texts.iter().all(|text| screen.contains(text)) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "never saw {texts:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_for_all(&[text])
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            assert!(
                self.run(&["send-keys", "-t", "folio", key])
                    .status
                    .success()
            );
            std::thread::sleep(Duration::from_millis(60));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required in CI (.ci/run installs it)"
        );
        eprintln!("SKIPPED: tmux is not installed, the real-terminal mouse test did not run");
    }
    found
}

#[test]
fn real_terminal_mouse_click_jumps_and_no_mouse_leaves_the_mouse_alone() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    // An empty config of our own: the developer's settings do not leak in.
    std::fs::write(&config, "").unwrap();
    let folio = env!("CARGO_BIN_EXE_folio");
    for no_mouse in [false, true] {
        let tmux = Tmux::new(if no_mouse { "nomouse" } else { "mouse" });
        let flag = if no_mouse { "--no-mouse" } else { "" };
        let command = format!(
            "'{folio}' --theme default --config '{}' {flag} '{}'; sleep 30",
            config.display(),
            common::SAMPLE
        );
        let started = tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "folio",
            "-x",
            "120",
            "-y",
            "40",
            &command,
        ]);
        assert!(started.status.success());
        tmux.wait_for_all(&["People (4)", "? help"]);
        let expected = if no_mouse { "0" } else { "1" };
        assert_eq!(
            tmux.format("#{mouse_any_flag}"),
            expected,
            "--no-mouse: {no_mouse}"
        );
        if !no_mouse {
            // A left click (SGR encoding, 1-based cells) on the panel's
            // Ukraine row: the status bar reports the jump to its mention.
            let screen = tmux.screen();
            let row = screen
                .lines()
                .position(|l| l.contains("│  Ukraine "))
                .unwrap();
            let click = format!("\x1b[<0;100;{}M\x1b[<0;100;{}m", row + 1, row + 1);
            assert!(
                tmux.run(&["send-keys", "-t", "folio", "-l", &click])
                    .status
                    .success()
            );
            tmux.wait_for("Ukraine: mention 1/7");
        }
        tmux.keys(&["q"]);
        let start = Instant::now();
        while tmux.format("#{alternate_on}") != "0" {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "folio did not quit"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(
            tmux.format("#{mouse_any_flag}"),
            "0",
            "mouse reporting is off again"
        );
    }
}
