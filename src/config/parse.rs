//! Reading `config.toml` entry by entry: each known key checked for its type
//! and range, anything else reported with file, line and key.

use std::path::Path;

use toml_edit::{Item, TableLike};

use super::warning::{Source, Warning, key_part};
use super::{ClaimVocabulary, Config};
use crate::theme::Theme;

/// The narrowest text width folio accepts (a column of words still reads).
const MIN_TEXT_WIDTH: i64 = 20;
/// Widest panel or text width folio accepts, in columns.
const MAX_WIDTH: i64 = 1000;
/// The narrowest panel `panel_width` accepts (besides 0): room for a
/// border and a short name.
const MIN_PANEL_WIDTH: i64 = 12;
/// Most labels or verdicts the claim form lists.
const MAX_CHOICES: usize = 30;

/// See [`Config::from_toml`].
pub(super) fn config(text: &str, file: &str, theme_dir: Option<&Path>) -> (Config, Vec<Warning>) {
    let source = Source { file, text };
    let mut config = Config::default();
    let doc = match toml_edit::Document::parse(text.to_owned()) {
        Ok(doc) => doc,
        Err(err) => {
            let line = source.line(err.span());
            let warning = Warning {
                file: file.to_owned(),
                line,
                key: String::new(),
                problem: format!(
                    "not valid TOML: {}; using the defaults",
                    err.message().trim()
                ),
            };
            return (config, vec![warning]);
        }
    };
    let mut warnings = Vec::new();
    let table = doc.as_table();
    for (key, item) in table.iter() {
        let span = table.key(key).and_then(toml_edit::Key::span);
        let mut warn =
            |problem: String| warnings.push(source.warning(span.clone(), key_part(key), problem));
        match key {
            "theme" => match item.as_str() {
                Some(name) if Theme::names(theme_dir).iter().any(|n| n == name) => {
                    config.theme = Some(name.to_owned());
                }
                Some(name) => warn(format!(
                    "unknown theme \"{name}\" (themes: {}); folio chooses one",
                    Theme::names(theme_dir).join(", ")
                )),
                None => warn("expected a theme name in quotes".to_owned()),
            },
            "mouse" => match item.as_bool() {
                Some(on) => config.mouse = on,
                None => warn("expected true or false; the mouse stays on".to_owned()),
            },
            "panel_width" => match panel_width(item) {
                Ok(columns) => config.panel_width = Some(columns),
                Err(problem) => warn(format!("{problem}; the panel is sized by the window")),
            },
            "text_width" => match width(item, MIN_TEXT_WIDTH) {
                Ok(columns) => config.text_width = columns,
                Err(problem) => warn(format!("{problem}; using {}", config.text_width)),
            },
            "claims" => match item.as_table_like() {
                Some(claims) => config.claims = claim_lists(claims, source, &mut warnings),
                None => warn("expected a table: [claims]".to_owned()),
            },
            "keys" => warnings.extend(config.keymap.apply_keys(Some(item), source)),
            _ => warn(
                "unknown setting (ignored; `folio config --print-default` lists them)".to_owned(),
            ),
        }
    }
    (config, warnings)
}

/// The panel's columns: 0 (no panel), or from [`MIN_PANEL_WIDTH`] to
/// [`MAX_WIDTH`]; a narrower panel would show its border and nothing in it.
fn panel_width(item: &Item) -> Result<u16, String> {
    match width(item, 0) {
        Ok(columns) if columns == 0 || i64::from(columns) >= MIN_PANEL_WIDTH => Ok(columns),
        _ => Err(format!(
            "expected 0 (no panel) or a whole number from {MIN_PANEL_WIDTH} to {MAX_WIDTH}"
        )),
    }
}

/// A column count from `min` to [`MAX_WIDTH`].
fn width(item: &Item, min: i64) -> Result<u16, String> {
    let range = format!("a whole number from {min} to {MAX_WIDTH}");
    match item.as_integer() {
        Some(n) if (min..=MAX_WIDTH).contains(&n) => u16::try_from(n).map_err(|_| range),
        _ => Err(format!("expected {range}")),
    }
}

/// `[claims]`: `labels` and `verdicts`, each a list of distinct, non-empty,
/// one-line names; a bad list keeps the default.
fn claim_lists(
    claims: &dyn TableLike,
    source: Source,
    warnings: &mut Vec<Warning>,
) -> ClaimVocabulary {
    let mut lists = ClaimVocabulary::default();
    for (key, item) in claims.iter() {
        let span = claims.key(key).and_then(toml_edit::Key::span);
        let dotted = format!("claims.{}", key_part(key));
        let target = match key {
            "labels" => &mut lists.labels,
            "verdicts" => &mut lists.verdicts,
            _ => {
                warnings.push(source.warning(span, dotted, "unknown setting (ignored)"));
                continue;
            }
        };
        match names(item) {
            Ok(names) => *target = names,
            Err(problem) => {
                warnings.push(source.warning(
                    span,
                    dotted,
                    format!("{problem}; using the defaults"),
                ));
            }
        }
    }
    lists
}

fn names(item: &Item) -> Result<Vec<String>, String> {
    let expected = format!("expected a list of 1 to {MAX_CHOICES} names in quotes");
    let array = item.as_array().ok_or_else(|| expected.clone())?;
    let mut names: Vec<String> = Vec::new();
    for value in array {
        let name = value.as_str().ok_or_else(|| expected.clone())?.trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err("a name is empty or holds a control character".to_owned());
        }
        if names.iter().any(|n| n == name) {
            return Err(format!("\"{name}\" is listed twice"));
        }
        names.push(name.to_owned());
    }
    if names.is_empty() || names.len() > MAX_CHOICES {
        return Err(expected);
    }
    Ok(names)
}

#[cfg(test)]
mod tests;
