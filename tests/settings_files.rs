//! Settings files are the reader's own text: whatever they hold, folio
//! never panics on them and a bad entry is a warning with a line. Also: the
//! README's example config is a real, clean config.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use folio::config::Config;
use folio::theme::Theme;
use proptest::prelude::*;

/// Pieces that settings files (and mistakes in them) are made of.
fn settings_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "theme = ",
        "mouse = ",
        "text_width = ",
        "panel_width = ",
        "[keys.normal]",
        "[keys.panel]",
        "[keys.nowhere]",
        "[claims]",
        "verdicts = ",
        "labels = ",
        "[palette]",
        "inherits = ",
        "\"ui.text\" = ",
        "\"entity.person\" = ",
        "\"g g\" = ",
        "g = ",
        "\"C-\" = ",
        "j = ",
        "{ fg = \"red\", modifiers = [\"bold\"] }",
        "{ g = \"top\" }",
        "\"top\"",
        "\"none\"",
        "\"quit\"",
        "\"light\"",
        "\"default\"",
        "\"x\"",
        "[\"a\", \"a\"]",
        "[]",
        "true",
        "-1",
        "70",
        "99999999999",
        "1.5",
        "\n",
        "\n",
        " ",
        "=",
        "[",
        "]",
        "\"",
        "\u{1b}[2J",
        "é",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_config_text_gives_a_config_and_warnings_with_lines(text in settings_text()) {
        // An error at the very end may sit on the line after the last newline.
        let lines = text.split('\n').count();
        let (config, warnings) = Config::from_toml(&text, "config.toml", None);
        prop_assert!(config.text_width >= 20);
        for warning in warnings {
            prop_assert!(warning.line <= lines, "{warning} in {text:?}");
            prop_assert_eq!(warning.file.as_str(), "config.toml");
        }
    }

    #[test]
    fn any_theme_text_gives_a_theme(text in settings_text()) {
        let theme = Theme::from_toml(&text);
        let _ = theme.text();
        let _ = theme.ui("ui.statusbar.key");
    }
}

#[test]
fn the_readme_example_config_is_clean() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let section = readme.split("## Configure").nth(1).unwrap();
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    let (config, warnings) = Config::from_toml(example, "README.md", None);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(config.theme.as_deref(), Some("light"));
    assert!(!config.mouse);
}
