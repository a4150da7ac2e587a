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
/// How long a screen may take to show what a test waits for: generous,
/// as the tests run side by side on a busy machine; a test that passes
/// goes on as soon as the screen shows it.
const PATIENCE: Duration = Duration::from_secs(60);

/// A tmux server running folio on `article` in a `width`×`height` pane.
fn folio_in_tmux(tag: &str, article: &std::path::Path, width: u16, height: u16) -> tmux::Server {
    folio_on_articles(tag, &[article], width, height)
}

/// A tmux server running folio on `articles` in a `width`×`height` pane.
fn folio_on_articles(
    tag: &str,
    articles: &[&std::path::Path],
    width: u16,
    height: u16,
) -> tmux::Server {
    let server = tmux::Server::new(tag);
    let mut command = format!("exec {}", tmux::quoted(env!("CARGO_BIN_EXE_folio")));
    for article in articles {
        command.push(' ');
        command.push_str(&tmux::quoted(&article.display().to_string()));
    }
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
    // Tab, not Esc: an Esc followed quickly by a key reads as Alt+key.
    tmux.keys(SESSION, &["Tab"]);
    // A search is the newest move: `v` starts on its match.
    tmux.keys(SESSION, &["/", "Kremlin", "Enter"]);
    tmux.wait_for_all(SESSION, &["match 1/1"], PATIENCE);
    tmux.keys(SESSION, &["v"]);
    let screen = tmux.wait_for_all(SESSION, &["SELECT “"], PATIENCE);
    assert!(
        status_line(&screen).contains("SELECT “Kremlin”"),
        "{screen}"
    );
    // `v` again drops the selection; a sentence move after that: `E` has no mention to act on, and surely
    // not the one picked in the panel long before.
    tmux.keys(SESSION, &["v", ")", "E"]);
    let screen = tmux.wait_for_all(SESSION, &["no mention here"], PATIENCE);
    assert!(!screen.contains("Correct “"), "{screen}");
    // The panel jump, when it is the newest move, still wins.
    tmux.keys(SESSION, &["Tab", "Enter", "Tab", "v"]);
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

#[test]
fn a_wide_window_centres_the_text_column() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = sample_copy(&dir);
    let tmux = folio_in_tmux("wide", &article, 200, 50);
    let screen = tmux.wait_for_all(SESSION, &["People (4)", "? help"], PATIENCE);
    // The longest article line, and where the panel's border is on it.
    let line = screen
        .lines()
        .filter(|l| l.contains('│') && !l.trim_start().starts_with('│'))
        .max_by_key(|l| l.split('│').next().unwrap().trim_end().chars().count())
        .unwrap();
    let before_border = line.split('│').next().unwrap();
    let left = before_border.chars().take_while(|c| *c == ' ').count();
    let right = before_border
        .chars()
        .rev()
        .take_while(|c| *c == ' ')
        .count();
    assert!(
        left >= 30 && left.abs_diff(right) <= 4,
        "text not centred (left {left}, right {right}):\n{screen}"
    );
}

#[test]
fn the_status_bar_names_the_article_and_tells_same_names_apart() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = sample_copy(&dir);
    let tmux = folio_in_tmux("name", &article, 120, 40);
    let screen = tmux.wait_for_all(SESSION, &["People (4)", "? help"], PATIENCE);
    assert!(
        status_line(&screen).contains("macron-moscow.txt"),
        "{screen}"
    );
    drop(tmux);
    // Two articles called 001.txt, in different folders.
    let (politics, tech) = (dir.path().join("politics"), dir.path().join("tech"));
    for folder in [&politics, &tech] {
        std::fs::create_dir(folder).unwrap();
        std::fs::copy(common::SAMPLE, folder.join("001.txt")).unwrap();
    }
    let tmux = tmux::Server::new("names");
    let command = format!(
        "exec {} {} {}",
        tmux::quoted(env!("CARGO_BIN_EXE_folio")),
        tmux::quoted(&politics.join("001.txt").display().to_string()),
        tmux::quoted(&tech.join("001.txt").display().to_string()),
    );
    tmux.start(SESSION, 120, 40, &command);
    tmux.wait_for_all(SESSION, &["1/2 politics/001.txt", "? help"], PATIENCE);
    tmux.keys(SESSION, &[">"]);
    tmux.wait_for_all(SESSION, &["2/2 tech/001.txt"], PATIENCE);
}

/// The screen's rows from the first one holding `from` on, trimmed and
/// joined without breaks: a message wrapped over rows reads as one line.
fn joined_rows(screen: &str, from: &str) -> String {
    let rows: Vec<&str> = screen.lines().collect();
    let start = rows.iter().position(|r| r.contains(from)).unwrap_or(0);
    rows[start..].iter().map(|r| r.trim()).collect()
}

#[test]
fn a_long_message_and_help_lines_are_shown_whole() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = sample_copy(&dir);
    let sidecar = folio::annotations::file::sidecar_path(&article);
    let tmux = folio_in_tmux("long", &article, 120, 40);
    tmux.wait_for_all(SESSION, &["People (4)", "? help"], PATIENCE);
    tmux.keys(SESSION, &[")", "c", "Enter"]);
    tmux.wait_for_all(SESSION, &["marked claim c1", "saved"], PATIENCE);
    // Another program changes the annotation file: the next save is kept
    // aside, and the message names where.
    let mut text = std::fs::read_to_string(&sidecar).unwrap();
    text.push_str("# changed by another program\n");
    std::fs::write(&sidecar, text).unwrap();
    tmux.keys(SESSION, &[")", "c", "Enter"]);
    let screen = tmux.wait_for_all(SESSION, &["NOT SAVED", "merge them by hand"], PATIENCE);
    let kept = format!("{}.conflict.toml", sidecar.display());
    let message = joined_rows(&screen, "was changed by another program");
    assert!(message.contains(&format!("in{kept}: merge")), "{screen}");
    assert!(std::path::Path::new(&kept).exists());
    drop(tmux);

    // Help at 80 columns: a doc line longer than the popup wraps.
    let tmux = folio_in_tmux("help80", &article, 80, 40);
    tmux.wait_for_all(SESSION, &["? help"], PATIENCE);
    tmux.keys(SESSION, &["?"]);
    let screen = tmux.wait_for_all(SESSION, &["folio help"], PATIENCE);
    let help: String = screen
        .lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("Mark the selection, quotation or sentence as a claim, or edit its claim"),
        "{screen}"
    );
}

/// What session `name`'s pane shows, with its colours as escape codes.
fn screen_with_colours(server: &tmux::Server, name: &str) -> String {
    let out = server.run(&["capture-pane", "-p", "-e", "-t", name]).stdout;
    String::from_utf8_lossy(&out).into_owned()
}

/// Starts folio on the sample with `COLORFGBG` set to `colours` and returns
/// the screen, with colours, once the text is painted `want` (an SGR
/// colour such as `48;2;255;255;255`) and two captures in a row agree (a
/// capture can catch tmux halfway through a frame: the top in the new
/// colours, the bottom still in the old), or the patience runs out.
fn sample_under_colorfgbg(tag: &str, colours: &str, want: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let article = sample_copy(&dir);
    let server = tmux::Server::new(tag);
    let command = format!(
        "COLORFGBG={} exec {} {}",
        tmux::quoted(colours),
        tmux::quoted(env!("CARGO_BIN_EXE_folio")),
        tmux::quoted(&article.display().to_string())
    );
    server.start(SESSION, 120, 40, &command);
    server.wait_for_all(SESSION, &["has said he thinks", "? help"], PATIENCE);
    let start = std::time::Instant::now();
    let mut previous = String::new();
    loop {
        let screen = screen_with_colours(&server, SESSION);
        if (screen.contains(want) && screen == previous) || start.elapsed() > PATIENCE {
            return screen;
        }
        previous = screen;
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_light_terminal_background_switches_to_the_light_theme_after_the_first_frame() {
    if !tmux::available() {
        return;
    }
    // The light theme paints the text white (#ffffff) behind dark text
    // (#1f2328); the default theme's text is #d8dee9 on the terminal's own.
    let white_background = "48;2;255;255;255";
    let light = sample_under_colorfgbg("light-bg", "0;15", white_background);
    assert!(light.contains(white_background), "{light}");
    assert!(light.contains("38;2;31;35;40"), "{light}");
    assert!(!light.contains("38;2;216;222;233"), "{light}");
    let dark = sample_under_colorfgbg("dark-bg", "15;0", "38;2;216;222;233");
    assert!(dark.contains("38;2;216;222;233"), "{dark}");
    assert!(!dark.contains(white_background), "{dark}");
}

#[test]
fn keys_with_nothing_to_do_on_an_empty_article_say_so() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("empty.txt");
    std::fs::write(&article, "").unwrap();
    let tmux = folio_in_tmux("empty", &article, 120, 20);
    // "no quotes": the analysis is done.
    tmux.wait_for_all(SESSION, &["empty.txt", "no quotes", "? help"], PATIENCE);
    // `)` has no sentence to go to; `>` no other article.
    tmux.keys(SESSION, &[")"]);
    tmux.wait_for_all(SESSION, &["this article has no sentences"], PATIENCE);
    tmux.keys(SESSION, &[">"]);
    tmux.wait_for_all(SESSION, &["only this article is open"], PATIENCE);
}

#[test]
fn stepping_past_the_last_article_says_it_went_round() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let first = sample_copy(&dir);
    let second = dir.path().join("short.txt");
    std::fs::write(&second, "Angela Merkel met Olaf Scholz in Berlin.\n").unwrap();
    let server = folio_on_articles("round", &[&first, &second], 120, 30);
    server.wait_for_all(SESSION, &["1/2", "? help"], PATIENCE);
    server.keys(SESSION, &[">"]);
    server.wait_for_all(SESSION, &["2/2"], PATIENCE);
    server.keys(SESSION, &[">"]);
    server.wait_for_all(SESSION, &["1/2", "back to the first article"], PATIENCE);
    server.keys(SESSION, &["<"]);
    server.wait_for_all(SESSION, &["2/2", "back to the last article"], PATIENCE);
}
