//! Colours and text modifiers, looked up by meaning.
//!
//! Views never name a colour: they ask the [`Theme`] for the style of a meaning
//! (`theme.entity(kind)`, `theme.quote(current)`, …). A theme is a helix-style
//! TOML file (see `themes/default.toml`): dotted scopes that fall back to their
//! parent, a `[palette]` of named colours. Unknown scopes and bad values are
//! warnings, never errors that stop folio.

mod parse;

use std::collections::HashMap;

use ratatui::style::Style;

use crate::analysis::EntityKind;
use crate::document::markup::MarkupKind;

const DEFAULT_THEME: &str = include_str!("../themes/default.toml");
const MONOCHROME_THEME: &str = include_str!("../themes/monochrome.toml");

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
    "ui.statusbar",
    "ui.statusbar.key",
    "ui.statusbar.warning",
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
    "sentence.current",
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
            Self::from_toml(DEFAULT_THEME)
        }
    }

    /// Parses a theme file's text. Never fails: a file that is not TOML gives an
    /// empty theme (plain text) and one warning; bad entries are skipped with a
    /// warning each (see [`Theme::warnings`]).
    pub fn from_toml(source: &str) -> Self {
        let (styles, warnings) = parse::parse_theme(source);
        Self { styles, warnings }
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    #[test]
    fn every_scope_resolves_in_the_shipped_themes_without_warnings() {
        for theme in [Theme::builtin(false), Theme::builtin(true)] {
            assert_eq!(theme.warnings(), &[] as &[String]);
        }
        let dark = Theme::builtin(false);
        for scope in SCOPES
            .iter()
            .filter(|s| s.starts_with("entity.") || s.starts_with("quote"))
        {
            assert_ne!(dark.scope(scope), Style::default(), "{scope}");
        }
    }

    #[test]
    fn entity_kinds_have_distinct_colours() {
        let theme = Theme::builtin(false);
        let fgs: Vec<Option<Color>> = EntityKind::ALL
            .iter()
            .map(|k| theme.entity(*k, false).fg)
            .collect();
        for (i, a) in fgs.iter().enumerate() {
            assert!(a.is_some());
            assert!(fgs.iter().skip(i + 1).all(|b| b != a), "{fgs:?}");
        }
    }

    #[test]
    fn no_color_keeps_modifiers_and_drops_colours() {
        let theme = Theme::builtin(true);
        let person = theme.entity(EntityKind::Person, false);
        assert_eq!(person.fg, None);
        assert!(person.add_modifier.contains(Modifier::BOLD));
        assert!(theme.quote(false).add_modifier.contains(Modifier::ITALIC));
        assert!(
            theme
                .claim(false)
                .add_modifier
                .contains(Modifier::UNDERLINED)
        );
    }

    #[test]
    fn scopes_fall_back_to_their_parent() {
        let theme = Theme::from_toml("\"entity\" = { fg = \"red\" }\n");
        assert_eq!(theme.entity(EntityKind::Place, false).fg, Some(Color::Red));
        assert_eq!(theme.scope("quote"), Style::default());
    }
}
