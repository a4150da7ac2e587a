//! Putting the settings together for a reader session: the config file,
//! then the command line over it, then the theme choice.

use std::path::PathBuf;

use anyhow::Context as _;

use super::{ClaimVocabulary, Config};
use crate::keymap::Keymap;
use crate::layout::LayoutPrefs;
use crate::theme::Theme;
use crate::theme::detect::{self, Background};

/// What the command line says about settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `--config FILE`: read this file instead of the default one.
    pub config: Option<PathBuf>,
    /// `--theme NAME`.
    pub theme: Option<String>,
    /// `--no-mouse`.
    pub no_mouse: bool,
}

impl Overrides {
    /// The command that lists every problem of the settings in use:
    /// `folio config`, or `folio --config FILE config` for another file.
    pub fn check_command(&self) -> String {
        match &self.config {
            Some(file) => format!(
                "folio --config {} config",
                shell_word(&file.display().to_string())
            ),
            None => "folio config".to_owned(),
        }
    }
}

/// `word` as one word of a POSIX shell command: as it is when it holds
/// nothing a shell reads specially, else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "/._-+,:=@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        return word.to_owned();
    }
    format!("'{}'", word.replace('\'', "'\\''"))
}

/// Everything a reader session takes from settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The theme to draw with.
    pub theme: Theme,
    /// Whether the theme is the default one only because nobody chose one:
    /// then the terminal is asked for its background after the first frame
    /// (asking first would hold that frame back by a round trip to the
    /// terminal), and a light background switches to the `light` theme.
    pub ask_background: bool,
    /// Keys.
    pub keymap: Keymap,
    /// Capture the mouse.
    pub mouse: bool,
    /// Panel and text widths.
    pub layout: LayoutPrefs,
    /// The claim form's labels and verdicts.
    pub claims: ClaimVocabulary,
    /// Problems with the config or theme files, one line each (file:line: key: …).
    pub warnings: Vec<String>,
}

/// The session's settings: `overrides.config` (or the default config file,
/// if it exists) with the command line over it. The theme is `--theme`, else
/// the config's `theme`, else monochrome when `NO_COLOR` is set, else the
/// default theme, which the reader swaps for the light one when the
/// terminal says its background is light (see [`Settings::ask_background`]).
///
/// # Errors
/// `--config` names a file that does not exist, or `--theme` a theme that
/// does not exist (the message lists the themes).
pub fn settings(overrides: &Overrides) -> anyhow::Result<Settings> {
    let path = match &overrides.config {
        Some(path) if !path.exists() => {
            anyhow::bail!("config file {} does not exist", path.display())
        }
        Some(path) => Some(path.clone()),
        None => super::default_path(),
    };
    let (config, warnings) = match &path {
        Some(path) => Config::load(path),
        None => (Config::default(), Vec::new()),
    };
    let mut warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    let theme_dir = path.as_deref().and_then(std::path::Path::parent);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let configured = match (&overrides.theme, &config.theme) {
        (Some(name), _) => Some(Theme::load(name, theme_dir).context("--theme")?),
        (None, Some(name)) => match Theme::load(name, theme_dir) {
            Ok(theme) => Some(theme),
            Err(err) => {
                warnings.push(format!("theme: {err}"));
                None
            }
        },
        (None, None) => None,
    };
    let (theme, ask_background) = match configured {
        Some(theme) => (theme, false),
        None if no_color => (Theme::builtin(true), false),
        None => (Theme::builtin(false), true),
    };
    warnings.extend(theme.warnings().iter().cloned());
    Ok(Settings {
        theme,
        ask_background,
        keymap: config.keymap,
        mouse: config.mouse && !overrides.no_mouse,
        layout: LayoutPrefs {
            panel_width: config.panel_width,
            text_width: config.text_width,
        },
        claims: config.claims,
        warnings,
    })
}

impl Settings {
    /// The theme to switch to once the first frame is on the screen: the
    /// `light` theme when [`Settings::ask_background`] is set and the
    /// terminal's background is light ([`detect::background`], which may
    /// wait up to [`detect::QUERY_TIMEOUT`] for the answer); `None` to keep
    /// [`Settings::theme`]. Call it before anything reads the terminal's
    /// input: the answer comes in on it.
    pub fn theme_for_background(&self) -> Option<Theme> {
        if !self.ask_background || detect::background() != Background::Light {
            return None;
        }
        Some(Theme::load("light", None).unwrap_or_else(|_| Theme::builtin(false)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    fn overrides(config: &std::path::Path) -> Overrides {
        Overrides {
            config: Some(config.to_path_buf()),
            // A theme by name: no terminal query in tests.
            theme: Some("high-contrast".to_owned()),
            no_mouse: false,
        }
    }

    #[test]
    fn the_check_command_names_the_config_file_in_use() {
        let chosen = overrides(std::path::Path::new("/tmp/my folio.toml"));
        assert_eq!(
            chosen.check_command(),
            "folio --config '/tmp/my folio.toml' config"
        );
        assert_eq!(Overrides::default().check_command(), "folio config");
        let plain = overrides(std::path::Path::new("conf/folio.toml"));
        assert_eq!(
            plain.check_command(),
            "folio --config conf/folio.toml config"
        );
        assert_eq!(shell_word("it's"), "'it'\\''s'");
    }

    #[test]
    fn the_command_line_goes_over_the_config_and_warnings_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "theme = \"light\"\ntext_width = 70\npanel_width = 3000\n",
        )
        .unwrap();
        let chosen = settings(&overrides(&path)).unwrap();
        // --theme wins over the config's theme.
        assert_eq!(chosen.theme.text().bg, Some(Color::Rgb(0, 0, 0)));
        assert_eq!(
            chosen.layout,
            LayoutPrefs {
                panel_width: None,
                text_width: 70
            }
        );
        assert!(chosen.mouse);
        assert_eq!(
            chosen.warnings,
            [format!(
                "{}:3: panel_width: expected 0 (no panel) or a whole number from 12 to 1000; the panel is sized by the window",
                path.display()
            )]
        );
        let off = Overrides {
            no_mouse: true,
            theme: None,
            ..overrides(&path)
        };
        let chosen = settings(&off).unwrap();
        assert!(!chosen.mouse);
        // The config's theme, since the command line names none.
        assert_eq!(chosen.theme.text().bg, Some(Color::Rgb(0xff, 0xff, 0xff)));
    }

    #[test]
    fn a_missing_config_named_on_the_command_line_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = settings(&overrides(&dir.path().join("nope.toml")))
            .unwrap_err()
            .to_string();
        assert!(err.contains("nope.toml does not exist"), "{err}");
    }
}
