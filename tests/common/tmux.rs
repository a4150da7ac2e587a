//! A private tmux server for driving the built folio in a real terminal:
//! start it in a pane, wait for text on screen, type, find its process id.
//! Included with `#[path = "common/tmux.rs"] mod tmux;`.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A tmux server on its own socket, killed (with its panes) when dropped.
pub struct Server {
    socket: String,
    /// The server's process id, to end it if `kill-server` does not.
    pid: Option<u32>,
}

impl Server {
    /// A server named after `tag` and this test process. A session of its
    /// own keeps it running while test sessions come and go (a server whose
    /// last session ends exits, racing with the next session's start).
    pub fn new(tag: &str) -> Self {
        let mut server = Self {
            socket: format!("folio-test-{tag}-{}", std::process::id()),
            pid: None,
        };
        server.start("keep-alive", 20, 5, "exec sleep 600");
        let pid = server.run(&["display-message", "-p", "#{pid}"]).stdout;
        server.pid = String::from_utf8_lossy(&pid).trim().parse().ok();
        server
    }

    /// Runs `tmux ARGS` against this server.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Starts session `name`, `width`×`height`, running `command` (a shell
    /// command; `exec` it so the pane's process is the program itself).
    pub fn start(&self, name: &str, width: u16, height: u16, command: &str) {
        let (width, height) = (width.to_string(), height.to_string());
        let out = self.run(&[
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            &width,
            "-y",
            &height,
            command,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Session `name`'s value of a tmux format such as `#{alternate_on}`.
    pub fn format(&self, name: &str, format: &str) -> String {
        let out = self
            .run(&["display-message", "-p", "-t", name, format])
            .stdout;
        String::from_utf8_lossy(&out).trim().to_owned()
    }

    /// What session `name`'s pane shows.
    pub fn screen(&self, name: &str) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", name]).stdout).into_owned()
    }

    /// Waits until session `name` shows every one of `texts` at once; panics
    /// with the screen after `patience`.
    pub fn wait_for_all(&self, name: &str, texts: &[&str], patience: Duration) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(name);
            if texts.iter().all(|text| screen.contains(text)) {
                return screen;
            }
            assert!(
                start.elapsed() < patience,
                "never saw {texts:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Types `text` into session `name` as it is (`\r` is Enter, `\t` Tab),
    /// all at once.
    pub fn type_text(&self, name: &str, text: &str) {
        let out = self.run(&["send-keys", "-t", name, "-l", text]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Sends `keys` to session `name` one at a time, as a person types:
    /// tmux key names (`Enter`, `C-s`) or plain words, with a pause after each.
    pub fn keys(&self, name: &str, keys: &[&str]) {
        for key in keys {
            let out = self.run(&["send-keys", "-t", name, key]);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// The process id of the program running in session `name`'s pane.
    pub fn pane_pid(&self, name: &str) -> u32 {
        let out = self.run(&["display-message", "-p", "-t", name, "#{pane_pid}"]);
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("a pane pid")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // End the programs in the panes first, then the server.
        let panes = self.run(&["list-panes", "-a", "-F", "#{pane_pid}"]).stdout;
        for pid in String::from_utf8_lossy(&panes).split_whitespace() {
            let _ = Command::new("kill").arg(pid).status();
        }
        let _ = self.run(&["kill-server"]);
        // Under load a `kill-server` has been seen to leave the server
        // running; SIGTERM makes it end its sessions and exit.
        let Some(pid) = self.pid else { return };
        for _ in 0..100 {
            if !Path::new(&format!("/proc/{pid}")).exists() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = Command::new("kill").arg(pid.to_string()).status();
    }
}

/// Whether tmux can be run. Without it the caller should skip, unless `CI`
/// is set: CI installs tmux, so there its absence is a failure.
pub fn available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required in CI (.ci/run installs it)"
        );
        eprintln!("SKIPPED: tmux is not installed (apt-get install tmux)");
    }
    found
}

/// `text` in single quotes for `sh`.
pub fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}
