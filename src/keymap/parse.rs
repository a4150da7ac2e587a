//! Reading `[keys.*]` tables (helix style) into bindings, with a warning
//! (file, line, key) for every entry folio cannot use.

use toml_edit::{Item, TableLike};

use super::{Context, KeyPress};
use crate::action::Action;
use crate::warning::{Source, Warning, key_part};

/// The action name that removes a binding (helix's `no_op` works too).
pub const UNBIND: &str = "none";

/// One usable entry of a `[keys.*]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub context: Context,
    pub keys: Vec<KeyPress>,
    /// `None` unbinds the keys.
    pub action: Option<Action>,
    /// Where it was written, for warnings about it.
    pub line: usize,
    /// Its dotted key (`keys.normal."g g"`).
    pub dotted: String,
}

/// The entries of a `[keys]` table: one sub-table per context (`normal`,
/// `panel`); in each, `"key" = "action"` or `"key1 key2" = "action"` for a
/// sequence, or a nested table (`g = { g = "top" }`). Problems become
/// warnings and the entry is skipped; of two entries that clash (the same
/// keys, or one a prefix of the other) the first one written is kept.
pub(super) fn entries(keys: &dyn TableLike, source: Source) -> (Vec<Entry>, Vec<Warning>) {
    let mut found: Vec<(Entry, usize)> = Vec::new();
    let mut warnings = Vec::new();
    for (section, item) in keys.iter() {
        let span = keys.key(section).and_then(toml_edit::Key::span);
        let dotted = format!("keys.{}", key_part(section));
        let Some(context) = Context::ALL.into_iter().find(|c| c.name() == section) else {
            let known: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
            warnings.push(source.warning(
                span,
                dotted,
                format!("unknown key table (known: {})", known.join(", ")),
            ));
            continue;
        };
        let Some(table) = item.as_table_like() else {
            warnings.push(source.warning(span, dotted, "expected a table of key = \"action\""));
            continue;
        };
        let mut walker = Walker {
            context,
            source,
            found: &mut found,
            warnings: &mut warnings,
        };
        walker.table(table, &[], &dotted);
    }
    (
        found.into_iter().map(|(entry, _)| entry).collect(),
        warnings,
    )
}

struct Walker<'a, 'w> {
    context: Context,
    source: Source<'a>,
    found: &'w mut Vec<(Entry, usize)>,
    warnings: &'w mut Vec<Warning>,
}

impl Walker<'_, '_> {
    fn table(&mut self, table: &dyn TableLike, prefix: &[KeyPress], dotted: &str) {
        for (name, item) in table.iter() {
            let span = table.key(name).and_then(toml_edit::Key::span);
            let line = self.source.line(span.clone());
            let dotted = format!("{dotted}.{}", key_part(name));
            let Some(presses) = KeyPress::parse_sequence(name) else {
                self.warn(
                    line,
                    dotted,
                    format!("unknown key name \"{name}\" (ignored)"),
                );
                continue;
            };
            let keys: Vec<KeyPress> = prefix.iter().chain(&presses).copied().collect();
            if let Some(nested) = item.as_table_like() {
                self.table(nested, &keys, &dotted);
                continue;
            }
            let action = match item.as_str() {
                Some(UNBIND | "no_op") => None,
                Some(name) => match Action::from_name(name) {
                    Some(action) => Some(action),
                    None => {
                        self.warn(line, dotted, format!("unknown action \"{name}\" (ignored)"));
                        continue;
                    }
                },
                None => {
                    self.warn(line, dotted, "expected an action name in quotes (ignored)");
                    continue;
                }
            };
            self.push(Entry {
                context: self.context,
                keys,
                action,
                line,
                dotted,
            });
        }
    }

    fn push(&mut self, entry: Entry) {
        let (line, dotted) = (entry.line, entry.dotted.clone());
        // Unbinding a key clashes only with binding the very same keys: `j =
        // "none"` next to `"j k" = …` is how to make `j` a prefix quietly.
        let clash = self.found.iter().find(|(other, _)| {
            other.context == entry.context
                && (other.keys == entry.keys
                    || (other.action.is_some()
                        && entry.action.is_some()
                        && (other.keys.starts_with(&entry.keys)
                            || entry.keys.starts_with(&other.keys))))
        });
        match clash {
            Some((other, other_line)) => {
                let problem = if other.keys == entry.keys {
                    format!(
                        "{} is bound twice (first on line {other_line}); this one is ignored",
                        KeyPress::sequence_name(&entry.keys)
                    )
                } else {
                    let (short, long) = if other.keys.len() < entry.keys.len() {
                        (&other.keys, &entry.keys)
                    } else {
                        (&entry.keys, &other.keys)
                    };
                    format!(
                        "{} clashes with line {other_line}: {} is bound, so {} could never be typed; this one is ignored",
                        KeyPress::sequence_name(&entry.keys),
                        KeyPress::sequence_name(short),
                        KeyPress::sequence_name(long),
                    )
                };
                self.warn(line, dotted, problem);
            }
            None => self.found.push((entry, line)),
        }
    }

    fn warn(&mut self, line: usize, key: String, problem: impl Into<String>) {
        self.warnings.push(Warning {
            file: self.source.file.to_owned(),
            line,
            key,
            problem: problem.into(),
        });
    }
}

/// The entries of `item` if it is a `[keys]` table (see [`entries`]).
pub(super) fn keys_of(item: Option<&Item>, source: Source) -> (Vec<Entry>, Vec<Warning>) {
    match item {
        Some(item) => match item.as_table_like() {
            Some(table) => entries(table, source),
            None => (
                Vec::new(),
                vec![source.warning(
                    item.span(),
                    "keys",
                    "expected a table such as [keys.normal]",
                )],
            ),
        },
        None => (Vec::new(), Vec::new()),
    }
}
