//! Keys → actions, as data.
//!
//! The defaults live in `src/keymap/default.toml` (embedded in the binary);
//! every binding there names an [`Action`]. The help overlay is generated from
//! the same table, so what `?` shows is what the keys do.

mod key;

use std::collections::HashMap;

use ratatui::crossterm::event::KeyEvent;

use crate::app::action::Action;
pub use key::KeyPress;

const DEFAULT_KEYMAP: &str = include_str!("keymap/default.toml");

/// Where the keyboard focus is; each context has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Reading the article.
    Article,
    /// Browsing the entity panel.
    Panel,
    /// Extending a selection (`v`) in the article.
    Select,
}

impl Context {
    /// Both contexts, in the order help shows them.
    pub const ALL: [Context; 3] = [Context::Article, Context::Panel, Context::Select];

    /// The section name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Context::Article => "article",
            Context::Panel => "panel",
            Context::Select => "select",
        }
    }
}

/// Why a keymap file was rejected or an entry skipped.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeymapError {
    /// The file is not TOML.
    #[error("keymap is not valid TOML: {0}")]
    Toml(String),
    /// An entry names an unknown section, key or action.
    #[error("keymap [{section}] \"{key}\": {problem}")]
    Entry {
        /// The section (`article`, `panel`).
        section: String,
        /// The key as written.
        key: String,
        /// What is wrong with it.
        problem: String,
    },
}

/// Key bindings per context, plus the order they were written in (for help).
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<(Context, KeyPress), Action>,
    listed: Vec<(Context, KeyPress, Action)>,
}

impl Keymap {
    /// The shipped defaults.
    ///
    /// # Errors
    /// Only if the embedded file is broken, which a unit test rules out.
    pub fn builtin() -> Result<Self, KeymapError> {
        Self::from_toml(DEFAULT_KEYMAP)
    }

    /// Parses a keymap file.
    ///
    /// # Errors
    /// [`KeymapError::Toml`] for invalid TOML; [`KeymapError::Entry`] for the
    /// first entry with an unknown section, key name or action name.
    pub fn from_toml(source: &str) -> Result<Self, KeymapError> {
        let table: toml::Table = source
            .parse()
            .map_err(|e: toml::de::Error| KeymapError::Toml(e.message().to_owned()))?;
        let mut keymap = Keymap {
            bindings: HashMap::new(),
            listed: Vec::new(),
        };
        for (section, entries) in &table {
            let entry_error = |key: &str, problem: &str| KeymapError::Entry {
                section: section.clone(),
                key: key.to_owned(),
                problem: problem.to_owned(),
            };
            let context = Context::ALL
                .into_iter()
                .find(|c| c.name() == section)
                .ok_or_else(|| entry_error("", "unknown section"))?;
            let entries = entries
                .as_table()
                .ok_or_else(|| entry_error("", "not a table"))?;
            for (key, action) in entries {
                let press =
                    KeyPress::parse(key).ok_or_else(|| entry_error(key, "unknown key name"))?;
                let action = action
                    .as_str()
                    .and_then(Action::from_name)
                    .ok_or_else(|| entry_error(key, "unknown action"))?;
                keymap.bindings.insert((context, press), action);
                keymap.listed.push((context, press, action));
            }
        }
        Ok(keymap)
    }

    /// The action bound to `event` in `context`, if any.
    pub fn action(&self, context: Context, event: KeyEvent) -> Option<Action> {
        self.bindings
            .get(&(context, KeyPress::from_event(event)))
            .copied()
    }

    /// For help: each action bound in `context` with its key names, in the
    /// order of [`Action::ALL`].
    pub fn help(&self, context: Context) -> Vec<(Action, Vec<String>)> {
        Action::ALL
            .iter()
            .filter_map(|&action| {
                let keys: Vec<String> = self
                    .listed
                    .iter()
                    .filter(|(c, _, a)| *c == context && *a == action)
                    .map(|(_, press, _)| press.to_string())
                    .collect();
                (!keys.is_empty()).then_some((action, keys))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn defaults_parse_and_bind_the_documented_keys() {
        let keymap = Keymap::builtin().unwrap();
        let key = |code, mods| KeyEvent::new(code, mods);
        assert_eq!(
            keymap.action(
                Context::Article,
                key(KeyCode::Char(']'), KeyModifiers::NONE)
            ),
            Some(Action::NextQuote)
        );
        assert_eq!(
            keymap.action(
                Context::Article,
                key(KeyCode::Char('d'), KeyModifiers::CONTROL)
            ),
            Some(Action::HalfPageDown)
        );
        // Terminals send `G` and `?` with or without SHIFT; both must work.
        assert_eq!(
            keymap.action(
                Context::Article,
                key(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Bottom)
        );
        assert_eq!(
            keymap.action(Context::Panel, key(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::PanelJump)
        );
        assert_eq!(
            keymap.action(Context::Panel, key(KeyCode::Char(']'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn help_lists_every_key_of_an_action() {
        let keymap = Keymap::builtin().unwrap();
        let help = keymap.help(Context::Article);
        let scroll = help.iter().find(|(a, _)| *a == Action::ScrollDown).unwrap();
        assert_eq!(scroll.1, ["j", "down"]);
    }

    #[test]
    fn bad_entries_are_reported_with_their_place() {
        let err = Keymap::from_toml("[article]\nj = \"fly_away\"\n").unwrap_err();
        assert_eq!(err.to_string(), "keymap [article] \"j\": unknown action");
        assert!(Keymap::from_toml("[article]\nC-nope = \"quit\"\n").is_err());
        assert!(Keymap::from_toml("[elsewhere]\nj = \"quit\"\n").is_err());
    }
}
