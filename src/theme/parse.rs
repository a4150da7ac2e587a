//! Reading a helix-style theme file into styles.

use std::collections::HashMap;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use toml::{Table, Value};

use super::SCOPES;

/// Parses `source` into scope → style, plus one warning per problem.
#[cfg(test)]
pub(super) fn parse_theme(source: &str) -> (HashMap<String, Style>, Vec<String>) {
    match source.parse::<Table>() {
        Ok(table) => {
            let (styles, problems) = styles(table);
            let warnings = problems
                .into_iter()
                .map(|(key, problem)| format!("{key}: {problem}"))
                .collect();
            (styles, warnings)
        }
        Err(err) => (
            HashMap::new(),
            vec![format!("not valid TOML: {}", err.message())],
        ),
    }
}

/// `child` laid over `parent` (helix's `inherits`): the child's scopes
/// replace the parent's, and the palettes merge name by name, so a child
/// that only changes `[palette]` recolours every scope of the parent.
pub(super) fn inherit(mut parent: Table, mut child: Table) -> Table {
    let mut palette = match parent.remove("palette") {
        Some(Value::Table(palette)) => palette,
        _ => Table::new(),
    };
    match child.remove("palette") {
        Some(Value::Table(colours)) => palette.extend(colours),
        // Not a table: it replaces the parent's, and `styles` reports it.
        Some(other) => {
            child.insert("palette".to_owned(), other);
        }
        None => {}
    }
    parent.remove(super::INHERITS);
    parent.insert("palette".to_owned(), Value::Table(palette));
    parent.extend(child);
    parent
}

/// Resolves a theme table (its `inherits` already applied) into scope →
/// style, plus the key and the problem of each entry that was skipped.
pub(super) fn styles(mut table: Table) -> (HashMap<String, Style>, Vec<(String, String)>) {
    let mut warnings = Vec::new();
    table.remove(super::INHERITS);
    let palette = match table.remove("palette") {
        Some(Value::Table(palette)) => palette,
        Some(_) => {
            warnings.push(("palette".to_owned(), "must be a table".to_owned()));
            Table::new()
        }
        None => Table::new(),
    };
    let mut styles = HashMap::new();
    for (scope, value) in &table {
        if !SCOPES.contains(&scope.as_str()) {
            warnings.push((scope.clone(), "unknown scope (ignored)".to_owned()));
            continue;
        }
        match style_of(value, &palette) {
            Ok(style) => {
                styles.insert(scope.clone(), style);
            }
            Err(problem) => warnings.push((scope.clone(), format!("{problem} (ignored)"))),
        }
    }
    (styles, warnings)
}

fn style_of(value: &Value, palette: &Table) -> Result<Style, String> {
    match value {
        Value::String(name) => Ok(Style::default().fg(colour(name, palette)?)),
        Value::Table(fields) => {
            let mut style = Style::default();
            for (key, field) in fields {
                match (key.as_str(), field) {
                    ("fg", Value::String(name)) => style = style.fg(colour(name, palette)?),
                    ("bg", Value::String(name)) => style = style.bg(colour(name, palette)?),
                    ("modifiers", Value::Array(names)) => {
                        for name in names {
                            style = style.add_modifier(modifier(name)?);
                        }
                    }
                    _ => return Err(format!("unexpected key \"{key}\" or value type")),
                }
            }
            Ok(style)
        }
        _ => Err("expected a colour name or a table".to_owned()),
    }
}

fn colour(name: &str, palette: &Table) -> Result<Color, String> {
    let resolved = match palette.get(name) {
        Some(Value::String(value)) => value.as_str(),
        Some(_) => return Err(format!("palette entry \"{name}\" is not a string")),
        None => name,
    };
    Color::from_str(resolved).map_err(|_| format!("unknown colour \"{resolved}\""))
}

fn modifier(value: &Value) -> Result<Modifier, String> {
    Ok(match value.as_str() {
        Some("bold") => Modifier::BOLD,
        Some("dim") => Modifier::DIM,
        Some("italic") => Modifier::ITALIC,
        Some("underlined") => Modifier::UNDERLINED,
        Some("reversed") => Modifier::REVERSED,
        Some("crossed_out") => Modifier::CROSSED_OUT,
        _ => return Err(format!("unknown modifier {value}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_names_hex_and_terminal_colours() {
        let (styles, warnings) = parse_theme(
            "\"ui.text\" = \"ink\"\n\"quote\" = { fg = \"#102030\", bg = \"light-blue\", modifiers = [\"italic\"] }\n[palette]\nink = \"red\"\n",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            styles.get("ui.text"),
            Some(&Style::default().fg(Color::Red))
        );
        let quote = Style::default()
            .fg(Color::Rgb(0x10, 0x20, 0x30))
            .bg(Color::LightBlue)
            .add_modifier(Modifier::ITALIC);
        assert_eq!(styles.get("quote"), Some(&quote));
    }

    #[test]
    fn bad_entries_are_warnings_not_failures() {
        let (styles, warnings) = parse_theme(
            "\"quote\" = \"no-such-colour\"\n\"ui.bogus\" = \"red\"\n\"claim\" = { modifiers = [\"sparkly\"] }\n\"entity\" = \"blue\"\n",
        );
        assert_eq!(styles.len(), 1);
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("ui.bogus")));
    }

    #[test]
    fn invalid_toml_gives_one_warning() {
        let (styles, warnings) = parse_theme("this is = = not toml");
        assert!(styles.is_empty());
        assert_eq!(warnings.len(), 1);
    }
}
