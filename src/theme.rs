//! Colours and text modifiers, looked up by meaning.
//!
//! Views never name a colour: they ask the [`Theme`] for the style of a meaning
//! (`theme.entity(kind)`, `theme.quote(current)`, …). A theme is a helix-style
//! TOML file (see `themes/default.toml`): dotted scopes that fall back to their
//! parent, a `[palette]` of named colours. Unknown scopes and bad values are
//! warnings, never errors that stop folio.

#[rustfmt::skip] // generated (see the file): kept as the test writes it
mod builtin;
pub mod detect;
mod load;
mod parse;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ratatui::style::Style;
use toml::Table;

use crate::analysis::EntityKind;
use crate::document::markup::MarkupKind;
use crate::warning::{Source, Warning, key_part};

const DEFAULT_THEME: &str = include_str!("../themes/default.toml");
const MONOCHROME_THEME: &str = include_str!("../themes/monochrome.toml");

/// The themes shipped in the binary (`themes/NAME.toml`): name and text.
pub const SHIPPED: &[(&str, &str)] = &[
    ("default", DEFAULT_THEME),
    ("light", include_str!("../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../themes/high-contrast.toml"),
    ),
    ("monochrome", MONOCHROME_THEME),
];

/// The key naming the theme a theme file builds on (helix's `inherits`).
const INHERITS: &str = "inherits";

/// Why a named theme could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// No user theme and no shipped theme has that name.
    #[error("unknown theme \"{name}\" (themes: {known})")]
    Unknown {
        /// The name asked for.
        name: String,
        /// The names that exist, comma-separated.
        known: String,
    },
    /// A user theme file exists but cannot be read.
    #[error("cannot read theme file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Every scope folio asks for. A theme key outside this list is reported as a
/// warning (it would never be used).
pub const SCOPES: &[&str] = &[
    "ui.text",
    "ui.dim",
    "ui.border",
    "ui.border.focused",
    "ui.heading",
    "ui.selection",
    "ui.selection.unfocused",
    "ui.selection.text",
    "ui.statusbar",
    "ui.statusbar.key",
    "ui.statusbar.warning",
    "ui.statusbar.weak",
    "ui.popup",
    "ui.popup.title",
    "ui.popup.key",
    "ui.input",
    "entity",
    "entity.person",
    "entity.place",
    "entity.organisation",
    "entity.misc",
    "entity.selected",
    "quote",
    "quote.current",
    "claim",
    "claim.current",
    "claim.changed",
    "claim.orphaned",
    "verdict",
    "verdict.unverified",
    "verdict.true",
    "verdict.mostly-true",
    "verdict.misleading",
    "verdict.false",
    "verdict.opinion",
    "sentence.current",
    "suggestion",
    "search.match",
    "search.current",
    "markup",
    "markup.heading",
    "markup.emphasis",
    "markup.strong",
    "markup.code",
    "markup.quote",
    "markup.list",
    "markup.link",
];

/// A resolved theme: scope name → style.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    styles: HashMap<String, Style>,
    warnings: Vec<String>,
}

impl Theme {
    /// The shipped theme for this environment: `themes/monochrome.toml` when
    /// `no_color` (the `NO_COLOR` convention), else `themes/default.toml`.
    pub fn builtin(no_color: bool) -> Self {
        if no_color {
            Self::from_toml(MONOCHROME_THEME).without_colours()
        } else {
            Self::compiled_default()
        }
    }

    /// `themes/default.toml` as compiled into the binary (see
    /// `theme/builtin.rs`, which a test keeps equal to the file), so that
    /// the reader's first frame parses no TOML.
    fn compiled_default() -> Self {
        let styles = builtin::DEFAULT_STYLES
            .iter()
            .map(|(scope, style)| ((*scope).to_owned(), *style))
            .collect();
        Self {
            styles,
            warnings: Vec::new(),
        }
    }

    /// Parses a theme file's text; `inherits = "NAME"` builds on a shipped
    /// theme. Never fails: a file that is not TOML gives an empty theme (plain
    /// text) and one warning; bad entries are skipped with a warning each (see
    /// [`Theme::warnings`]).
    pub fn from_toml(source: &str) -> Self {
        let mut warnings = Vec::new();
        let table = match source.parse::<Table>() {
            Ok(table) => load::resolve_inherits(table, None, "theme", &mut warnings),
            Err(err) => {
                warnings.push(format!("theme: not valid TOML: {}", err.message()));
                Table::new()
            }
        };
        Self::from_table(table, "theme", source, warnings)
    }

    /// The theme called `name`: `USER_DIR/themes/NAME.toml` when `user_dir`
    /// (the config folder) has one, else the shipped theme of that name (see
    /// [`SHIPPED`]). A theme may build on another with `inherits = "NAME"`
    /// (user themes first, then shipped ones). Problems inside the files are
    /// warnings (see [`Theme::warnings`]).
    ///
    /// # Errors
    /// [`ThemeError::Unknown`] when no theme has that name (or the name is not
    /// a plain file name); [`ThemeError::Read`] when the user's file cannot be
    /// read.
    pub fn load(name: &str, user_dir: Option<&Path>) -> Result<Self, ThemeError> {
        let (file, source) = load::find(name, user_dir)?;
        let mut warnings = Vec::new();
        let table = match source.parse::<Table>() {
            Ok(table) => load::resolve_inherits(table, user_dir, &file, &mut warnings),
            Err(err) => {
                warnings.push(format!("{file}: not valid TOML: {}", err.message()));
                Table::new()
            }
        };
        Ok(Self::from_table(table, &file, &source, warnings))
    }

    /// The names of every theme `load` can find: shipped ones, then the
    /// user's (`USER_DIR/themes/*.toml`), sorted within each group.
    pub fn names(user_dir: Option<&Path>) -> Vec<String> {
        let mut names: Vec<String> = SHIPPED.iter().map(|(n, _)| (*n).to_owned()).collect();
        let mut user: Vec<String> = user_dir
            .and_then(|dir| std::fs::read_dir(dir.join("themes")).ok())
            .into_iter()
            .flatten()
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                let stem = path.file_stem()?.to_str()?.to_owned();
                (path.extension()? == "toml" && !names.contains(&stem)).then_some(stem)
            })
            .collect();
        user.sort();
        names.extend(user);
        names
    }

    /// The theme of `table` (resolved from `file`, whose text is `source`);
    /// each skipped entry becomes a warning with its line in `file` (none
    /// when it came from a theme `file` inherits).
    fn from_table(table: Table, file: &str, source: &str, mut warnings: Vec<String>) -> Self {
        let (styles, problems) = parse::styles(table);
        // Line numbers need a second parse: only for a theme with problems.
        let lines = if problems.is_empty() {
            HashMap::new()
        } else {
            key_lines(source)
        };
        let mut found: Vec<Warning> = problems
            .into_iter()
            .map(|(key, problem)| Warning {
                file: file.to_owned(),
                line: lines.get(&key).copied().unwrap_or(0),
                key: key_part(&key),
                problem,
            })
            .collect();
        // In file order (inherited scopes come first in the merged table).
        found.sort_by_key(|w| w.line);
        warnings.extend(found.iter().map(ToString::to_string));
        Self { styles, warnings }
    }

    /// Whether `scope` or one of its parents has a style in this theme (an
    /// empty `{}` counts: it says "plain" on purpose).
    pub fn defines(&self, scope: &str) -> bool {
        let mut name = scope;
        loop {
            if self.styles.contains_key(name) {
                return true;
            }
            match name.rfind('.') {
                Some(dot) => name = name.get(..dot).unwrap_or(""),
                None => return false,
            }
        }
    }

    /// Problems found while parsing, one line each, naming the scope.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The style of `scope`, falling back to its parents ("a.b.c" → "a.b" → "a"),
    /// then to no style at all.
    pub fn scope(&self, scope: &str) -> Style {
        let mut name = scope;
        loop {
            if let Some(style) = self.styles.get(name) {
                return *style;
            }
            match name.rfind('.') {
                Some(dot) => name = name.get(..dot).unwrap_or(""),
                None => return Style::default(),
            }
        }
    }

    /// Plain article and panel text.
    pub fn text(&self) -> Style {
        self.scope("ui.text")
    }

    /// A mention of an entity of `kind`; `selected` when it is the one the
    /// reader jumped to from the panel.
    pub fn entity(&self, kind: EntityKind, selected: bool) -> Style {
        let base = self.scope(&format!("entity.{}", kind.as_str()));
        if selected {
            base.patch(self.scope("entity.selected"))
        } else {
            base
        }
    }

    /// A quotation; `current` for the one the reader moved to.
    pub fn quote(&self, current: bool) -> Style {
        self.scope(if current { "quote.current" } else { "quote" })
    }

    /// A claim span; `current` for the one the reader moved to.
    pub fn claim(&self, current: bool) -> Style {
        self.scope(if current { "claim.current" } else { "claim" })
    }

    /// A claim's verdict as the claims view writes it: `verdict.NAME`
    /// (`false`, `misleading`, `true`, …), falling back to `verdict` for a
    /// verdict the theme does not name (the reader's own vocabulary).
    pub fn verdict(&self, verdict: &str) -> Style {
        let name: String = verdict
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        self.scope(&format!("verdict.{name}"))
    }

    /// The mark of a claim whose words changed since it was made
    /// (`changed`) or are gone from the article (`orphaned`).
    pub fn claim_state(&self, orphaned: bool) -> Style {
        self.scope(if orphaned {
            "claim.orphaned"
        } else {
            "claim.changed"
        })
    }

    /// The margin mark beside a sentence worth checking (`S` shows them).
    pub fn suggestion(&self) -> Style {
        self.scope("suggestion")
    }

    /// The sentence under the cursor (meant to be subtle).
    pub fn current_sentence(&self) -> Style {
        self.scope("sentence.current")
    }

    /// A search match; `current` for the one `n`/`N` moved to.
    pub fn search_match(&self, current: bool) -> Style {
        self.scope(if current {
            "search.current"
        } else {
            "search.match"
        })
    }

    /// Markup from a Markdown or HTML article (heading, emphasis, block
    /// quote, link, …), under entities and quotations.
    pub fn markup(&self, kind: MarkupKind) -> Style {
        self.scope(kind.scope())
    }

    /// Any other UI element, by scope name (`ui.*`).
    pub fn ui(&self, scope: &str) -> Style {
        self.text().patch(self.scope(scope))
    }

    fn without_colours(mut self) -> Self {
        for style in self.styles.values_mut() {
            style.fg = None;
            style.bg = None;
            style.underline_color = None;
        }
        self
    }
}

/// The line of each top-level key of a theme file (empty if it is not TOML).
fn key_lines(source: &str) -> HashMap<String, usize> {
    let Ok(doc) = toml_edit::Document::parse(source.to_owned()) else {
        return HashMap::new();
    };
    let at = Source {
        file: "",
        text: source,
    };
    let table = doc.as_table();
    table
        .iter()
        .map(|(key, _)| {
            let span = table.key(key).and_then(toml_edit::Key::span);
            (key.to_owned(), at.line(span))
        })
        .collect()
}

#[cfg(test)]
mod tests;
