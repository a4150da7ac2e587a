//! `folio config` as a user runs it: the printed default is a valid config,
//! and a bad config is reported entry by entry with file, line and key.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

fn folio(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent-folio-test")
        .output()
        .unwrap()
}

#[test]
fn the_printed_default_config_checks_clean() {
    let out = folio(&["config", "--print-default"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("mouse = true\n") && text.contains("[keys.normal]\n"));
    assert!(text.contains("\"g g\" = \"top\"\n"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, &text).unwrap();
    let out = folio(&["config", "--file", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        path.to_str().unwrap()
    );
}

#[test]
fn a_bad_config_lists_each_problem_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "mouse = 1\n\n[keys.panel]\nj = \"fly\"\n").unwrap();
    let out = folio(&["config", "--file", path.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    let file = path.display();
    assert_eq!(
        err,
        format!(
            "{file}:1: mouse: expected true or false; the mouse stays on\n\
             {file}:4: keys.panel.j: unknown action \"fly\" (ignored)\n\
             folio: 2 problem(s) in {file}\n"
        )
    );
}

#[test]
fn config_checks_the_theme_file_the_config_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "theme = \"bad\"\n").unwrap();
    std::fs::create_dir(dir.path().join("themes")).unwrap();
    let theme = dir.path().join("themes/bad.toml");
    std::fs::write(&theme, "\"entity.person\" = { fg = \"#zzzzzz\" }\n").unwrap();
    let out = folio(&["config", "--file", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        format!(
            "{}:1: \"entity.person\": unknown colour \"#zzzzzz\" (ignored)\n\
             folio: 1 problem(s) in {}\n",
            theme.display(),
            path.display()
        )
    );
}

#[test]
fn an_unknown_theme_on_the_command_line_is_an_error_listing_the_themes() {
    let out = folio(&["--theme", "purple", "samples/macron-moscow.txt"]);
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "folio: --theme: unknown theme \"purple\" (themes: default, light, high-contrast, monochrome)\n"
    );
}
