use super::*;
use crate::app::Action;
use crate::keymap::{Context, KeyPress, Lookup};

fn parse(text: &str) -> (Config, Vec<String>) {
    let (config, warnings) = Config::from_toml(text, "config.toml", None);
    (config, warnings.iter().map(ToString::to_string).collect())
}

#[test]
fn the_printed_default_parses_to_the_defaults_without_warnings() {
    let (config, warnings) = parse(&super::super::default_text());
    assert_eq!(warnings, [] as [String; 0]);
    assert_eq!(config, Config::default());
    assert_eq!(config.claims.verdicts[0], "unverified");
    assert_eq!(config.claims.labels, folio_labels());
    assert_eq!(
        (config.mouse, config.text_width, config.panel_width),
        (true, 100, None)
    );
}

#[test]
fn settings_are_read() {
    let (config, warnings) = parse(
        "theme = \"light\"\nmouse = false\npanel_width = 0\ntext_width = 72\n[claims]\nverdicts = [\"open\", \"done\"]\n[keys.normal]\nx = \"quit\"\n",
    );
    assert_eq!(warnings, [] as [String; 0]);
    assert_eq!(config.theme.as_deref(), Some("light"));
    assert!(!config.mouse);
    assert_eq!((config.panel_width, config.text_width), (Some(0), 72));
    assert_eq!(config.claims.verdicts, ["open", "done"]);
    assert_eq!(config.claims.labels, folio_labels());
    let x = KeyPress::parse_sequence("x").unwrap();
    assert_eq!(
        config.keymap.lookup(Context::Article, &x),
        Lookup::Action(Action::Quit)
    );
}

#[test]
fn a_panel_too_narrow_to_show_a_name_is_refused() {
    for (setting, expected) in [("1", None), ("11", None), ("12", Some(12)), ("0", Some(0))] {
        let (config, warnings) = parse(&format!("panel_width = {setting}\n"));
        assert_eq!(config.panel_width, expected, "panel_width = {setting}");
        assert_eq!(
            warnings.len(),
            usize::from(expected.is_none()),
            "{warnings:?}"
        );
    }
}

#[test]
fn bad_keys_and_values_are_warnings_naming_file_line_and_key() {
    let (config, warnings) = parse(
        "mouse = \"yes\"\ntheme = \"purple\"\ntext_width = 5\npanel_width = -1\ncolour = true\n[claims]\nverdicts = [\"true\", \"true\"]\nlabels = []\nsort = 1\n[keys.normal]\nj = \"jump_around\"\n",
    );
    assert_eq!(
        warnings,
        [
            "config.toml:1: mouse: expected true or false; the mouse stays on",
            "config.toml:2: theme: unknown theme \"purple\" (themes: default, light, high-contrast, monochrome); folio chooses one",
            "config.toml:3: text_width: expected a whole number from 20 to 1000; using 100",
            "config.toml:4: panel_width: expected 0 (no panel) or a whole number from 12 to 1000; the panel is sized by the window",
            "config.toml:5: colour: unknown setting (ignored; `folio config --print-default` lists them)",
            "config.toml:7: claims.verdicts: \"true\" is listed twice; using the defaults",
            "config.toml:8: claims.labels: expected a list of 1 to 30 names in quotes; using the defaults",
            "config.toml:9: claims.sort: unknown setting (ignored)",
            "config.toml:11: keys.normal.j: unknown action \"jump_around\" (ignored)",
        ]
    );
    // Every bad entry kept its default.
    let defaults = Config::default();
    assert_eq!(config, defaults);
}

#[test]
fn text_that_is_not_toml_gives_the_defaults_and_its_line() {
    let (config, warnings) = parse("mouse = false\ntheme = \n");
    assert_eq!(config, Config::default());
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].starts_with("config.toml:2: not valid TOML"),
        "{warnings:?}"
    );
}

#[test]
fn a_missing_file_is_the_defaults_and_a_theme_in_the_config_folder_is_known() {
    let dir = tempfile::tempdir().unwrap();
    let (config, warnings) = Config::load(&dir.path().join("config.toml"));
    assert_eq!((config, warnings), (Config::default(), vec![]));
    std::fs::create_dir(dir.path().join("themes")).unwrap();
    std::fs::write(
        dir.path().join("themes/paper.toml"),
        "inherits = \"light\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("config.toml"), "theme = \"paper\"\n").unwrap();
    let (config, warnings) = Config::load(&dir.path().join("config.toml"));
    assert_eq!(warnings, vec![]);
    assert_eq!(config.theme.as_deref(), Some("paper"));
}

/// The labels folio offers when the config names none.
fn folio_labels() -> Vec<String> {
    crate::annotations::LABELS
        .iter()
        .map(|l| (*l).to_owned())
        .collect()
}
