//! Global options (`--theme`, `--config`, `--no-mouse`) work before or after
//! a subcommand, as clap users expect: they never turn the subcommand's name
//! into an article path.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;

const SAMPLE: &str = "samples/macron-moscow.txt";

fn folio() -> Command {
    let mut cmd = Command::cargo_bin("folio").unwrap();
    cmd.env("XDG_CONFIG_HOME", "/nonexistent-folio-test");
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let output = folio().args(args).assert().success().get_output().clone();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_theme_before_or_after_a_subcommand_leaves_its_output_alone() {
    let plain = stdout_of(&["export", SAMPLE]);
    assert!(plain.contains("id = \"emmanuel-macron\""));
    assert_eq!(stdout_of(&["--theme", "light", "export", SAMPLE]), plain);
    assert_eq!(stdout_of(&["export", SAMPLE, "--theme", "light"]), plain);
    assert_eq!(stdout_of(&["--no-mouse", "export", SAMPLE]), plain);
    let text = stdout_of(&["text", SAMPLE]);
    assert_eq!(stdout_of(&["--theme", "light", "text", SAMPLE]), text);
}

#[test]
fn config_checks_the_file_given_by_the_global_option_in_either_place() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "mouse = 1\n").unwrap();
    let bad = bad.to_str().unwrap();
    for args in [["--config", bad, "config"], ["config", "--config", bad]] {
        let output = folio().args(args).assert().failure().get_output().clone();
        let err = String::from_utf8(output.stderr).unwrap();
        assert_eq!(
            err,
            format!(
                "{bad}:1: mouse: expected true or false; the mouse stays on\n\
                 folio: 1 problem(s) in {bad}\n"
            ),
            "{args:?}"
        );
    }
}

#[test]
fn config_refuses_a_named_file_that_does_not_exist_as_the_reader_does() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.toml");
    let missing = missing.to_str().unwrap();
    let expected = format!("folio: config file {missing} does not exist\n");
    for args in [
        vec!["--config", missing, "config"],
        vec!["config", "--file", missing],
        // The subcommands read no settings, but a missing file named to
        // them is a mistake too, not something to skip in silence.
        vec!["--config", missing, "export", SAMPLE],
        vec!["entities", SAMPLE, "--config", missing],
    ] {
        let output = folio().args(&args).assert().code(1).get_output().clone();
        assert_eq!(
            String::from_utf8(output.stderr).unwrap(),
            expected,
            "{args:?}"
        );
    }
    // Without a named file, a missing default config is no problem.
    let out = stdout_of(&["config"]);
    assert!(
        out.ends_with("(not there: folio uses the defaults)\n"),
        "{out}"
    );
}
