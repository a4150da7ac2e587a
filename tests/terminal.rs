//! folio in a real terminal: the built binary runs in a tmux pane, keys are
//! sent with `send-keys`, the screen is read with `capture-pane`, and after `q`
//! the terminal must be back to normal and the claim on disk.
//!
//! Needs tmux. `.ci/run` installs it; elsewhere, without tmux, this test says
//! so and passes unless `CI` is set.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "common/tmux.rs"]
mod tmux;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use folio::annotations::file;

/// The tmux session every test here drives.
const SESSION: &str = "folio";

/// A private tmux server (see `common/tmux.rs`) and its session [`SESSION`].
struct Tmux(tmux::Server);

impl Tmux {
    fn new(tag: &str) -> Self {
        Self(tmux::Server::new(tag))
    }

    fn run(&self, args: &[&str]) -> Output {
        self.0.run(args)
    }

    /// Starts [`SESSION`], `width`×`height`, running the shell command `command`.
    fn start(&self, width: u16, height: u16, command: &str) {
        self.0.start(SESSION, width, height, command);
    }

    fn format(&self, format: &str) -> String {
        self.0.format(SESSION, format)
    }

    /// Waits until the pane shows `text`; panics with the screen after 20 s.
    fn wait_for(&self, text: &str) -> String {
        self.wait_for_all(&[text])
    }

    /// Waits until the pane shows every one of `texts` at once (a frame is
    /// written top to bottom, so a capture can catch half of one).
    fn wait_for_all(&self, texts: &[&str]) -> String {
        self.0.wait_for_all(SESSION, texts, Duration::from_secs(20))
    }

    fn keys(&self, keys: &[&str]) {
        self.0.keys(SESSION, keys);
    }
}

#[test]
fn real_terminal_quote_jumps_claim_quit_and_restore() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("macron-moscow.txt");
    std::fs::copy(common::SAMPLE, &article).unwrap();
    let tmux = Tmux::new("claim");
    // A shell in the pane, so that after folio exits we can see what it left.
    tmux.start(120, 40, "sh");
    let command = format!("'{}' '{}'", env!("CARGO_BIN_EXE_folio"), article.display());
    tmux.keys(&[&command, "Enter"]);

    tmux.wait_for_all(&[
        "People (4)",
        "Emmanuel Macron",
        "Organisations (",
        "4 quotes",
        "? help",
    ]);
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "1",
        "folio draws on the alternate screen"
    );

    tmux.keys(&["]", "]"]);
    tmux.wait_for_all(&["quote 2/4", "\"Super April\""]);
    tmux.keys(&["c"]);
    tmux.wait_for("Mark claim");
    tmux.keys(&["Enter"]);
    tmux.wait_for_all(&["marked claim c1", "1 claim", "saved"]);

    tmux.keys(&["q"]);
    let start = Instant::now();
    while tmux.format("#{alternate_on}") != "0" {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "folio did not leave the alternate screen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        tmux.format("#{cursor_flag}"),
        "1",
        "the cursor is visible again"
    );
    assert_eq!(
        tmux.format("#{mouse_any_flag}"),
        "0",
        "no mouse reporting left on"
    );
    // Raw mode is off: the shell echoes what we type and runs it.
    tmux.keys(&["echo restored-$((6*7))", "Enter"]);
    tmux.wait_for("restored-42");

    let saved = file::load(&file::sidecar_path(Path::new(&article)))
        .unwrap()
        .expect("the sidecar exists");
    assert_eq!(saved.claims.len(), 1);
    assert_eq!(saved.claims[0].exact, "\"Super April\"");
    assert_eq!(saved.claims[0].verdict, "unverified");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn real_terminal_is_restored_after_a_missing_file_error() {
    if !tmux::available() {
        return;
    }
    let tmux = Tmux::new("error");
    tmux.start(100, 20, "sh");
    let command = format!(
        "'{}' no/such/file.txt; echo exit=$?",
        env!("CARGO_BIN_EXE_folio")
    );
    tmux.keys(&[&command, "Enter"]);
    let screen = tmux.wait_for("exit=1");
    assert!(
        screen.contains("folio: cannot read no/such/file.txt"),
        "{screen}"
    );
    assert_eq!(tmux.format("#{alternate_on}"), "0");
}

/// How a run of folio ends, and what the shell then shows.
struct ExitPath {
    name: &'static str,
    /// Extra environment for folio.
    env: &'static str,
    /// What ends it: keys to send, or a signal to send to its pid.
    end: End,
    /// Text the pane shows once folio is gone.
    after: &'static str,
}

enum End {
    Keys(&'static [&'static str]),
    Signal(&'static str),
}

#[test]
fn real_terminal_is_restored_on_every_exit_path() {
    if !tmux::available() {
        return;
    }
    let paths = [
        ExitPath {
            name: "q",
            env: "",
            end: End::Keys(&["q"]),
            after: "exit=0",
        },
        ExitPath {
            name: "ctrl-c",
            env: "",
            end: End::Keys(&["C-c"]),
            after: "exit=0",
        },
        ExitPath {
            name: "sigterm",
            env: "",
            end: End::Signal("TERM"),
            after: "exit=1",
        },
        ExitPath {
            name: "sighup",
            env: "",
            end: End::Signal("HUP"),
            after: "exit=1",
        },
        ExitPath {
            name: "sigint",
            env: "",
            end: End::Signal("INT"),
            after: "exit=1",
        },
        ExitPath {
            name: "panic",
            env: "FOLIO_TEST_PANIC=1 RUST_BACKTRACE=0 ",
            end: End::Keys(&[]),
            after: "panicking on purpose",
        },
    ];
    let dir = tempfile::tempdir().unwrap();
    for path in paths {
        let article = dir.path().join(format!("{}.txt", path.name));
        std::fs::copy(common::SAMPLE, &article).unwrap();
        let tmux = Tmux::new(path.name);
        tmux.start(100, 30, "sh");
        let command = format!(
            "{}'{}' '{}'; echo exit=$?",
            path.env,
            env!("CARGO_BIN_EXE_folio"),
            article.display()
        );
        tmux.keys(&[&command, "Enter"]);
        if !matches!(path.end, End::Keys(&[])) {
            tmux.wait_for_all(&["People (4)", "4 quotes", "? help"]);
        }
        match path.end {
            End::Keys(keys) => tmux.keys(keys),
            End::Signal(signal) => {
                let pattern = article.display().to_string();
                let status = Command::new("pkill")
                    .args([&format!("-{signal}"), "-f", &pattern])
                    .status()
                    .unwrap();
                assert!(status.success(), "{}: pkill found no folio", path.name);
            }
        }
        let screen = tmux.wait_for(path.after);
        assert!(screen.contains("exit="), "{}: {screen}", path.name);
        assert_eq!(
            tmux.format("#{alternate_on}"),
            "0",
            "{}: still on the alternate screen",
            path.name
        );
        assert_eq!(
            tmux.format("#{cursor_flag}"),
            "1",
            "{}: cursor hidden",
            path.name
        );
        assert_eq!(
            tmux.format("#{mouse_any_flag}"),
            "0",
            "{}: mouse reporting left on",
            path.name
        );
        // The tty is back in cooked mode with echo: stty says so.
        tmux.keys(&[
            "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ' '; echo :stty",
            "Enter",
        ]);
        // Only the command's output reads "echo icanon :stty"; the typed line does not.
        tmux.wait_for("echo icanon :stty");
    }
}

#[test]
fn closing_the_terminal_ends_folio() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("closed.txt");
    std::fs::copy(common::SAMPLE, &article).unwrap();
    let tmux = Tmux::new("closed");
    let command = format!("'{}' '{}'", env!("CARGO_BIN_EXE_folio"), article.display());
    tmux.start(100, 30, &command);
    tmux.wait_for_all(&["People (4)", "? help"]);
    // A claim form with a note being typed: closing the window keeps it.
    tmux.keys(&["c"]);
    tmux.wait_for("Note");
    tmux.keys(&["Tab", "Tab"]);
    tmux.0.type_text(SESSION, "typed before the window closed");
    tmux.wait_for("typed before the window closed");
    // The window goes away under folio, as when a terminal is closed.
    tmux.run(&["kill-server"]);
    let pattern = article.display().to_string();
    let start = Instant::now();
    while Command::new("pgrep")
        .args(["-f", &pattern])
        .output()
        .unwrap()
        .status
        .success()
    {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "folio still runs after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let sidecar = std::fs::read_to_string(dir.path().join("closed.txt.folio.toml"))
        .expect("the open claim form was saved");
    assert!(
        sidecar.contains("note = \"typed before the window closed\""),
        "{sidecar}"
    );
}

#[test]
fn an_article_piped_on_standard_input_is_read_and_keys_come_from_the_terminal() {
    if !tmux::available() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let tmux = Tmux::new("stdin");
    tmux.start(120, 40, "sh");
    // Standard input is a pipe: folio reads it to the end, then reads keys
    // from the terminal; annotations go to the data folder.
    let command = format!(
        "cat '{}' | XDG_DATA_HOME='{}' '{}' -",
        common::SAMPLE,
        data.path().display(),
        env!("CARGO_BIN_EXE_folio")
    );
    tmux.keys(&[&command, "Enter"]);
    tmux.wait_for_all(&["People (4)", "Emmanuel Macron", "? help"]);
    tmux.keys(&["]", "]", "c"]);
    tmux.wait_for("Mark claim");
    tmux.keys(&["Enter"]);
    tmux.wait_for_all(&["marked claim c1", "saved"]);
    tmux.keys(&["q"]);
    let start = Instant::now();
    while tmux.format("#{alternate_on}") != "0" {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "folio did not quit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let sha = "cfd5f66062d0298d008fecd575ce504fd585d8aaec5a2fd2bf6bd3deadcc93b1";
    let sidecar = data
        .path()
        .join("folio/annotations")
        .join(format!("{sha}.folio.toml"));
    let saved = file::load(&sidecar)
        .unwrap()
        .expect("saved in the data folder");
    assert_eq!(saved.article.path, "-");
    assert_eq!(saved.article.sha256, sha);
    assert_eq!(saved.claims[0].exact, "\"Super April\"");
}

#[test]
fn several_articles_open_and_a_key_switches_between_them() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("macron-moscow.txt");
    let page = dir.path().join("news-page.html");
    std::fs::copy(common::SAMPLE, &text).unwrap();
    std::fs::copy("tests/fixtures/news-page.html", &page).unwrap();
    let tmux = Tmux::new("several");
    let command = format!(
        "'{}' '{}' '{}'",
        env!("CARGO_BIN_EXE_folio"),
        text.display(),
        page.display()
    );
    tmux.start(120, 40, &command);
    tmux.wait_for_all(&["1/2 macron-moscow.txt", "4 quotes", "Vladimir Putin"]);
    tmux.keys(&[">"]);
    tmux.wait_for_all(&["2/2 news-page.html", "Olaf Scholz", "Journal du Dimanche"]);
    // A claim in the second article goes to that article's sidecar.
    tmux.keys(&["]", "c"]);
    tmux.wait_for("Mark claim");
    tmux.keys(&["Enter"]);
    tmux.wait_for_all(&["2/2 news-page.html", "marked claim c1"]);
    tmux.keys(&[">"]);
    tmux.wait_for_all(&["1/2 macron-moscow.txt", "0 claims"]);
    tmux.keys(&["q"]);
    let saved = file::load(&file::sidecar_path(&page))
        .unwrap()
        .expect("the HTML page's sidecar exists");
    assert_eq!(
        saved.claims[0].exact,
        "“The geopolitical objective of Russia today is clearly not Ukraine.”"
    );
    assert!(!file::sidecar_path(&text).exists());
}

#[test]
fn real_terminal_select_correct_and_write_a_two_line_note() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("macron-moscow.txt");
    std::fs::copy(common::SAMPLE, &article).unwrap();
    let tmux = Tmux::new("correct");
    let command = format!("'{}' '{}'", env!("CARGO_BIN_EXE_folio"), article.display());
    tmux.start(120, 40, &command);
    tmux.wait_for_all(&["Organisations (7)", "Kremlin", "? help"]);

    // Find "Kremlin", select it, correct it: remove, every mention.
    tmux.keys(&["/", "Kremlin", "Enter", "v"]);
    tmux.wait_for("SELECT “Kremlin”");
    tmux.keys(&["E"]);
    tmux.wait_for("What is wrong with this mention?");
    tmux.keys(&["2", "1"]);
    tmux.wait_for_all(&["removed “Kremlin”", "Organisations (6)", "saved"]);

    // A claim on a selected sentence, with a note of two lines.
    tmux.keys(&["g", "g", "v", "s", "c"]);
    tmux.wait_for("Mark claim");
    tmux.keys(&["line one", "Enter", "line two"]);
    tmux.wait_for_all(&["line one", "line two"]);
    tmux.keys(&["C-s"]);
    tmux.wait_for_all(&["marked claim c1", "1 claim", "saved"]);
    tmux.keys(&["q"]);
    let start = Instant::now();
    while tmux.run(&["has-session", "-t", SESSION]).status.success() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "folio did not quit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    let saved = file::load(&file::sidecar_path(&article))
        .unwrap()
        .expect("the sidecar exists");
    assert_eq!(saved.corrections.len(), 1);
    assert_eq!(saved.corrections[0].exact, "Kremlin");
    assert_eq!(saved.claims[0].note, "line one\nline two");
    assert!(
        saved.claims[0]
            .exact
            .starts_with("French President Emmanuel Macron has said")
    );
}

#[test]
fn keys_typed_before_folio_starts_are_not_lost() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("macron-moscow.txt");
    std::fs::copy(common::SAMPLE, &article).unwrap();
    let tmux = Tmux::new("typeahead");
    // `?` is typed while the pane's shell still sleeps, so it waits in the
    // terminal's input when folio starts, as after `folio FILE⏎?` typed in
    // one go. Without `CI`, folio asks the terminal for its background, as
    // it does for a reader; that query must not eat the key.
    let command = format!(
        "sleep 0.5; env -u CI '{}' '{}'",
        env!("CARGO_BIN_EXE_folio"),
        article.display()
    );
    tmux.start(120, 40, &command);
    tmux.keys(&["?"]);
    tmux.wait_for("folio help");
}
