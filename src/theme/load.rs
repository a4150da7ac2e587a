//! Finding a theme by name (user folder, then shipped) and laying the themes
//! it `inherits` from under it.

use std::path::Path;

use toml::Table;

use super::{INHERITS, SHIPPED, Theme, ThemeError, parse};

/// How many `inherits` links folio follows before it calls it a loop.
const MAX_INHERITS: usize = 8;

/// The text of theme `name` and the name to show in warnings.
pub(super) fn find(name: &str, user_dir: Option<&Path>) -> Result<(String, String), ThemeError> {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if plain && let Some(dir) = user_dir {
        let path = dir.join("themes").join(format!("{name}.toml"));
        if path.is_file() {
            return match std::fs::read_to_string(&path) {
                Ok(text) => Ok((path.display().to_string(), text)),
                Err(source) => Err(ThemeError::Read { path, source }),
            };
        }
    }
    match SHIPPED.iter().find(|(n, _)| plain && *n == name) {
        Some((n, text)) => Ok((format!("themes/{n}.toml"), (*text).to_owned())),
        None => Err(ThemeError::Unknown {
            name: name.to_owned(),
            known: Theme::names(user_dir).join(", "),
        }),
    }
}

/// `table` with the chain of themes it `inherits` from laid under it.
pub(super) fn resolve_inherits(
    mut table: Table,
    user_dir: Option<&Path>,
    file: &str,
    warnings: &mut Vec<String>,
) -> Table {
    let mut chain = vec![file.to_owned()];
    let mut layers = Vec::new();
    while let Some(parent) = table.get(INHERITS).cloned() {
        let Some(parent) = parent.as_str() else {
            warnings.push(format!("{file}: inherits must be a theme name (ignored)"));
            break;
        };
        if chain.len() > MAX_INHERITS {
            warnings.push(format!(
                "{file}: inherits goes round in a loop (stopped at \"{parent}\")"
            ));
            break;
        }
        // A user theme may share a shipped theme's name and build on it.
        let found = find(parent, user_dir).and_then(|(parent_file, text)| {
            if chain.contains(&parent_file) {
                find(parent, None)
            } else {
                Ok((parent_file, text))
            }
        });
        let parent_table = match found {
            Ok((parent_file, _)) if chain.contains(&parent_file) => {
                warnings.push(format!(
                    "{file}: inherits goes round in a loop (stopped at \"{parent}\")"
                ));
                break;
            }
            Ok((parent_file, text)) => match text.parse::<Table>() {
                Ok(parent_table) => {
                    chain.push(parent_file);
                    parent_table
                }
                Err(err) => {
                    warnings.push(format!("{parent_file}: not valid TOML: {}", err.message()));
                    break;
                }
            },
            Err(err) => {
                warnings.push(format!("{file}: inherits: {err}"));
                break;
            }
        };
        layers.push(std::mem::replace(&mut table, parent_table));
    }
    // `table` is now the oldest ancestor; lay each descendant over it.
    for child in layers.into_iter().rev() {
        table = parse::inherit(table, child);
    }
    table
}
