//! Keys → actions, as data (helix style).
//!
//! The defaults live in `src/keymap/default.toml` (embedded in the binary
//! for `folio config --print-default`, and compiled into bindings in
//! `keymap/builtin.rs`, which a test keeps equal to it): one
//! `[keys.CONTEXT]` table per focus context (`normal` for the article,
//! `panel`), each entry binding a key or a key sequence (`"g g"`) to an
//! [`Action`] name. The reader's `config.toml` has the same tables; its
//! entries replace the defaults for the same keys. The help overlay is
//! generated from the result, so what `?` shows is what the keys do.

#[rustfmt::skip] // generated (see the file): kept as the test writes it
mod builtin;
mod key;
mod parse;

use ratatui::crossterm::event::KeyEvent;

use crate::action::Action;
use crate::warning::{Source, Warning};
pub use key::KeyPress;
pub use parse::UNBIND;

/// The shipped keymap, in config-file form (`[keys.normal]`, `[keys.panel]`).
pub const DEFAULT_KEYMAP: &str = include_str!("keymap/default.toml");

/// Where the keyboard focus is; each context has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Reading the article (`[keys.normal]`).
    Article,
    /// Browsing the entity panel (`[keys.panel]`).
    Panel,
    /// Extending a selection (`v`) in the article (`[keys.select]`).
    Select,
}

impl Context {
    /// Every context, in the order help shows them.
    pub const ALL: [Context; 3] = [Context::Article, Context::Panel, Context::Select];

    /// The table name in keymap files: `[keys.NAME]`.
    pub fn name(self) -> &'static str {
        match self {
            Context::Article => "normal",
            Context::Panel => "panel",
            Context::Select => "select",
        }
    }
}

/// Why the keymap could not be read at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeymapError {
    /// The file is not TOML.
    #[error("keymap is not valid TOML: {0}")]
    Toml(String),
}

/// What a sequence of key presses means in a context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// The keys are bound to this action.
    Action(Action),
    /// The keys begin one or more longer sequences: wait for the next key.
    Prefix,
    /// Nothing is bound to these keys.
    Unbound,
}

/// One binding: keys typed in a context run an action.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Binding {
    context: Context,
    keys: Vec<KeyPress>,
    action: Action,
}

/// Key bindings per context, in the order they were written (for help).
/// No binding's keys are a prefix of another's in the same context, so a
/// sequence is never ambiguous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Keymap {
    /// The shipped defaults, `src/keymap/default.toml`, compiled in (see
    /// `keymap/builtin.rs`, which a test keeps equal to the file) so that
    /// start-up parses no TOML.
    pub fn builtin() -> Self {
        let bindings = builtin::DEFAULT_BINDINGS
            .iter()
            .filter_map(|&(context, keys, action)| {
                let keys = KeyPress::parse_sequence(keys)?;
                Some(Binding {
                    context,
                    keys,
                    action,
                })
            })
            .collect();
        Keymap { bindings }
    }

    /// A keymap with no bindings at all.
    pub fn empty() -> Self {
        Keymap {
            bindings: Vec::new(),
        }
    }

    /// Applies the `[keys]` tables of a config-shaped TOML text over this
    /// keymap (see [`Keymap::apply_keys`]); `file` names it in warnings.
    ///
    /// # Errors
    /// [`KeymapError::Toml`] when `source` is not TOML.
    pub fn apply_toml(&mut self, source: &str, file: &str) -> Result<Vec<Warning>, KeymapError> {
        let doc = toml_edit::Document::parse(source.to_owned())
            .map_err(|e| KeymapError::Toml(e.message().to_owned()))?;
        let source = Source { file, text: source };
        Ok(self.apply_keys(doc.as_table().get("keys"), source))
    }

    /// Applies a parsed `[keys]` item (from `source`) over this keymap: each
    /// entry replaces the bindings of the same keys and any binding that is a
    /// prefix or extension of them (binding `g` drops `g g`); the action name
    /// [`UNBIND`] (`"none"`) removes them. Returns one warning per entry that
    /// was skipped (unknown table, key name or action; a clash inside the
    /// file), each naming file, line and key.
    pub fn apply_keys(&mut self, keys: Option<&toml_edit::Item>, source: Source) -> Vec<Warning> {
        let (mut entries, mut warnings) = parse::keys_of(keys, source);
        // Unbinding comes first, so `"j k" = …` written before `j = "none"`
        // is not undone by it.
        entries.sort_by_key(|entry| entry.action.is_some());
        // The last entry that took a key to quit away, for the warning below.
        let mut quit_taken: Option<(usize, String)> = None;
        for entry in entries {
            let clashes = |b: &Binding| {
                b.context == entry.context
                    && (b.keys.starts_with(&entry.keys) || entry.keys.starts_with(&b.keys))
            };
            // Most entries clash with nothing: rebuilding the list for each
            // made loading the shipped keymap cost a tenth of a millisecond.
            let dropped: Vec<Binding> = if self.bindings.iter().any(clashes) {
                let (dropped, kept) = std::mem::take(&mut self.bindings)
                    .into_iter()
                    .partition(clashes);
                self.bindings = kept;
                dropped
            } else {
                Vec::new()
            };
            if dropped
                .iter()
                .any(|b| b.context == Context::Article && b.action == Action::Quit)
            {
                quit_taken = Some((entry.line, entry.dotted.clone()));
            }
            if entry.action.is_some() {
                // A binding of other keys went too: say so, since a key cannot
                // both act and begin a sequence.
                for other in dropped.iter().filter(|b| b.keys != entry.keys) {
                    warnings.push(Warning {
                        file: source.file.to_owned(),
                        line: entry.line,
                        key: entry.dotted.clone(),
                        problem: format!(
                            "replaces {} ({}): a key cannot both act and begin a sequence (unbind it with \"{UNBIND}\" to silence this)",
                            KeyPress::sequence_name(&other.keys),
                            other.action.name()
                        ),
                    });
                }
            }
            if let Some(action) = entry.action {
                self.bindings.push(Binding {
                    context: entry.context,
                    keys: entry.keys,
                    action,
                });
            }
        }
        let can_quit = self
            .bindings
            .iter()
            .any(|b| b.context == Context::Article && b.action == Action::Quit);
        if let (false, Some((line, key))) = (can_quit, quit_taken)
            && let Some(keys) = KeyPress::parse_sequence("C-c")
        {
            // A reader who unbound every way out would be locked in.
            self.bindings
                .retain(|b| !(b.context == Context::Article && b.keys == keys));
            self.bindings.push(Binding {
                context: Context::Article,
                keys,
                action: Action::Quit,
            });
            warnings.push(Warning {
                file: source.file.to_owned(),
                line,
                key,
                problem: "leaves no key to quit folio: C-c quits still".to_owned(),
            });
        }
        warnings
    }

    /// What `keys` (the presses so far) mean in `context`.
    pub fn lookup(&self, context: Context, keys: &[KeyPress]) -> Lookup {
        let mut prefix = false;
        for binding in self.bindings.iter().filter(|b| b.context == context) {
            if binding.keys == keys {
                return Lookup::Action(binding.action);
            }
            prefix |= binding.keys.len() > keys.len() && binding.keys.starts_with(keys);
        }
        if prefix {
            Lookup::Prefix
        } else {
            Lookup::Unbound
        }
    }

    /// The action bound to the single key `event` in `context`, if any.
    pub fn action(&self, context: Context, event: KeyEvent) -> Option<Action> {
        match self.lookup(context, &[KeyPress::from_event(event)]) {
            Lookup::Action(action) => Some(action),
            Lookup::Prefix | Lookup::Unbound => None,
        }
    }

    /// The key (or sequence, `"g g"`) bound to `action` in `context`, named
    /// as hints show it (`"]"`, `"C-r"`, `"Tab"`; see
    /// [`KeyPress::hint_name`]): the first
    /// binding written, passing over arrow and paging keys when another key
    /// is bound too (`j` rather than `down`; after the reader unbinds `j`
    /// and binds `J`, `J`). `None` when nothing is bound to it there.
    pub fn key_for(&self, context: Context, action: Action) -> Option<String> {
        let mut bound = self
            .bindings
            .iter()
            .filter(|b| b.context == context && b.action == action);
        let first = bound.clone().next()?;
        let chosen = bound
            .find(|b| !b.keys.iter().all(KeyPress::is_navigation))
            .unwrap_or(first);
        let names: Vec<String> = chosen.keys.iter().map(KeyPress::hint_name).collect();
        Some(names.join(" "))
    }

    /// For help: each action bound in `context` with its keys (sequences as
    /// `"g g"`), in the order of [`Action::ALL`].
    pub fn help(&self, context: Context) -> Vec<(Action, Vec<String>)> {
        Action::ALL
            .iter()
            .filter_map(|&action| {
                let keys: Vec<String> = self
                    .bindings
                    .iter()
                    .filter(|b| b.context == context && b.action == action)
                    .map(|b| KeyPress::sequence_name(&b.keys))
                    .collect();
                (!keys.is_empty()).then_some((action, keys))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
