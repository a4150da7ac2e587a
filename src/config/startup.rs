//! Putting the settings together for a reader session: the config file,
//! then the command line over it, then the theme choice.

use std::path::PathBuf;

use anyhow::Context as _;

use super::{ClaimLists, Config};
use crate::keymap::Keymap;
use crate::theme::Theme;
use crate::theme::detect::{self, Background};
use crate::view::layout::LayoutPrefs;

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

/// Everything a reader session takes from settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The theme to draw with.
    pub theme: Theme,
    /// Keys.
    pub keymap: Keymap,
    /// Capture the mouse.
    pub mouse: bool,
    /// Panel and text widths.
    pub layout: LayoutPrefs,
    /// The claim form's labels and verdicts.
    pub claims: ClaimLists,
    /// Problems with the config or theme files, one line each (file:line: key: …).
    pub warnings: Vec<String>,
}

/// The session's settings: `overrides.config` (or the default config file,
/// if it exists) with the command line over it. The theme is `--theme`, else
/// the config's `theme`, else monochrome when `NO_COLOR` is set, else light
/// when the terminal's background is light ([`detect::background`]), else
/// default.
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
    let theme = match configured {
        Some(theme) => theme,
        None if no_color => Theme::builtin(true),
        None if detect::background() == Background::Light => {
            Theme::load("light", None).unwrap_or_else(|_| Theme::builtin(false))
        }
        None => Theme::builtin(false),
    };
    warnings.extend(theme.warnings().iter().cloned());
    Ok(Settings {
        theme,
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
