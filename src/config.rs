//! The reader's settings file, `config.toml` in the platform's config folder
//! (`directories`: `$XDG_CONFIG_HOME/folio` on Linux and the macOS and
//! Windows equivalents): theme, mouse, panel and text width, the claim form's
//! labels and verdicts, and key overrides (`[keys.*]`, see [`crate::keymap`]).
//!
//! A bad key or value never stops folio: it becomes a [`Warning`] naming the
//! file, line and key, and the default is used for that entry.

mod parse;
pub mod startup;
pub use crate::warning;

use std::path::{Path, PathBuf};

use crate::keymap::{DEFAULT_KEYMAP, Keymap};
use crate::layout::MAX_TEXT_WIDTH;
pub use warning::Warning;

/// The commented settings part of the default config (the keymap follows it
/// in [`default_text`]).
pub const DEFAULT_SETTINGS: &str = include_str!("config/default.toml");

/// folio's config folder (`…/folio`), if the platform has a home folder.
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "folio").map(|dirs| dirs.config_dir().to_path_buf())
}

/// The config file folio reads when no `--config` is given.
pub fn default_path() -> Option<PathBuf> {
    config_dir().map(|dir| dir.join("config.toml"))
}

/// The whole default config, commented, as `folio config --print-default`
/// prints it: the settings, then the default keymap in `[keys.*]` tables.
/// It parses to [`Config::default`] (a test checks it).
pub fn default_text() -> String {
    format!("{DEFAULT_SETTINGS}\n{DEFAULT_KEYMAP}")
}

/// The choices the claim form offers (labels and verdicts).
pub use crate::annotations::ClaimVocabulary;

/// Every setting, with defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The theme asked for, if any (else folio chooses: see `default.toml`).
    pub theme: Option<String>,
    /// Capture the mouse.
    pub mouse: bool,
    /// Side panel width in columns (0 hides it); `None` sizes it by the window.
    pub panel_width: Option<u16>,
    /// Widest the article text gets, in columns.
    pub text_width: u16,
    /// The claim form's labels and verdicts.
    pub claims: ClaimVocabulary,
    /// The default keymap with the file's `[keys.*]` entries applied.
    pub keymap: Keymap,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            theme: None,
            mouse: true,
            panel_width: None,
            text_width: MAX_TEXT_WIDTH,
            claims: ClaimVocabulary::default(),
            keymap: Keymap::builtin(),
        }
    }
}

impl Config {
    /// Reads the config at `path`. A missing file gives the defaults and no
    /// warning; an unreadable one the defaults and one warning. Themes named
    /// in it are looked for in `path`'s folder too (`themes/NAME.toml`).
    pub fn load(path: &Path) -> (Config, Vec<Warning>) {
        let file = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => Self::from_toml(&text, &file, path.parent()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => (Config::default(), vec![]),
            Err(err) => (
                Config::default(),
                vec![Warning {
                    file,
                    line: 0,
                    key: String::new(),
                    problem: format!("cannot read it ({err}); using the defaults"),
                }],
            ),
        }
    }

    /// Parses a config's text; `file` names it in warnings, `theme_dir` is
    /// the folder whose `themes/` holds user themes (to check `theme`).
    /// Never fails: text that is not TOML gives the defaults and one warning.
    pub fn from_toml(text: &str, file: &str, theme_dir: Option<&Path>) -> (Config, Vec<Warning>) {
        parse::config(text, file, theme_dir)
    }
}
