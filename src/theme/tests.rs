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
fn every_shipped_theme_loads_cleanly_and_defines_every_scope() {
    for (name, _) in SHIPPED {
        let theme = Theme::load(name, None).unwrap();
        assert_eq!(theme.warnings(), &[] as &[String], "{name}");
        for scope in SCOPES {
            assert!(theme.defines(scope), "{name}: {scope}");
        }
    }
}

#[test]
fn light_inherits_the_default_scopes_with_its_own_palette() {
    let light = Theme::load("light", None).unwrap();
    let dark = Theme::load("default", None).unwrap();
    // Same modifiers (from default.toml), other colours (from light.toml).
    let (l, d) = (
        light.entity(EntityKind::Person, false),
        dark.entity(EntityKind::Person, false),
    );
    assert_eq!(l.add_modifier, d.add_modifier);
    assert_eq!(l.fg, Some(Color::Rgb(0xb3, 0x59, 0x00)));
    assert_eq!(light.text().bg, Some(Color::Rgb(0xff, 0xff, 0xff)));
    assert!(light.quote(false).add_modifier.contains(Modifier::ITALIC));
    let contrast = Theme::load("high-contrast", None).unwrap();
    assert_eq!(contrast.text().fg, Some(Color::Rgb(0xff, 0xff, 0xff)));
    assert_eq!(contrast.text().bg, Some(Color::Rgb(0, 0, 0)));
}

#[test]
fn user_themes_are_found_first_and_may_inherit_shipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("themes")).unwrap();
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join("themes").join(name), text).unwrap();
    };
    write(
        "paper.toml",
        "inherits = \"light\"\n[palette]\nperson = \"#800000\"\n",
    );
    write(
        "default.toml",
        "inherits = \"default\"\n\"quote\" = \"red\"\n",
    );
    write("loop-a.toml", "inherits = \"loop-b\"\n");
    write("loop-b.toml", "inherits = \"loop-a\"\n");
    let user = Some(dir.path());

    let paper = Theme::load("paper", user).unwrap();
    assert_eq!(paper.warnings(), &[] as &[String]);
    assert_eq!(
        paper.entity(EntityKind::Person, false).fg,
        Some(Color::Rgb(0x80, 0, 0))
    );
    // Everything else comes from light, and through it from default.
    assert_eq!(paper.text().bg, Some(Color::Rgb(0xff, 0xff, 0xff)));
    // A user theme named like a shipped one builds on the shipped one.
    let default = Theme::load("default", user).unwrap();
    assert_eq!(default.warnings(), &[] as &[String]);
    assert_eq!(default.quote(false).fg, Some(Color::Red));
    assert!(default.defines("entity.person"));
    let looped = Theme::load("loop-a", user).unwrap();
    assert!(
        looped.warnings()[0].contains("loop"),
        "{:?}",
        looped.warnings()
    );

    let names = Theme::names(user);
    assert_eq!(
        names,
        [
            "default",
            "light",
            "high-contrast",
            "monochrome",
            "loop-a",
            "loop-b",
            "paper"
        ]
    );
    let err = Theme::load("nope", user).unwrap_err().to_string();
    assert!(
        err.starts_with("unknown theme \"nope\" (themes: default, light"),
        "{err}"
    );
    assert!(Theme::load("../themes/default", user).is_err());
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
fn a_theme_text_may_inherit_a_shipped_theme() {
    let theme = Theme::from_toml("inherits = \"monochrome\"\n\"quote\" = \"red\"\n");
    assert_eq!(theme.warnings(), &[] as &[String]);
    assert_eq!(theme.quote(false).fg, Some(Color::Red));
    assert!(
        theme
            .claim(false)
            .add_modifier
            .contains(Modifier::UNDERLINED)
    );
    let broken = Theme::from_toml("inherits = \"nope\"\n");
    assert_eq!(broken.warnings().len(), 1);
    assert!(broken.warnings()[0].contains("unknown theme \"nope\""));
}

#[test]
fn bad_entries_in_a_user_theme_name_file_line_and_scope() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("themes")).unwrap();
    let path = dir.path().join("themes/odd.toml");
    std::fs::write(
        &path,
        "inherits = \"default\"\n\n\"ui.bogus\" = \"red\"\nquote = \"no-such-colour\"\n",
    )
    .unwrap();
    let theme = Theme::load("odd", Some(dir.path())).unwrap();
    let file = path.display();
    assert_eq!(
        theme.warnings(),
        [
            format!("{file}:3: \"ui.bogus\": unknown scope (ignored)"),
            format!("{file}:4: quote: unknown colour \"no-such-colour\" (ignored)"),
        ]
    );
    // The rest of the theme is default's.
    assert!(theme.defines("entity.person"));
}

#[test]
fn scopes_fall_back_to_their_parent() {
    let theme = Theme::from_toml("\"entity\" = { fg = \"red\" }\n");
    assert_eq!(theme.entity(EntityKind::Place, false).fg, Some(Color::Red));
    assert_eq!(theme.scope("quote"), Style::default());
}

/// Rust source declaring `styles` as `DEFAULT_STYLES`, sorted by scope:
/// what `src/theme/builtin.rs` holds.
fn builtin_source(styles: &HashMap<String, Style>) -> String {
    let mut scopes: Vec<(&String, &Style)> = styles.iter().collect();
    scopes.sort_by_key(|(scope, _)| *scope);
    let mut out = String::from(
        "//! `themes/default.toml` resolved into styles and compiled in, so that\n\
         //! the reader's first frame parses no TOML. Generated from that file: do\n\
         //! not edit. A test checks the two agree; `FOLIO_REGENERATE=1 cargo test\n\
         //! --lib theme` rewrites this file.\n\n\
         use ratatui::style::{Color, Modifier, Style};\n\n",
    );
    out.push_str(&format!(
        "/// Scope and style of every entry of the default theme.\npub(super) const DEFAULT_STYLES: [(&str, Style); {}] = [\n",
        scopes.len()
    ));
    for (scope, style) in scopes {
        let mut value = String::from("Style::new()");
        if let Some(fg) = style.fg {
            value.push_str(&format!(".fg(Color::{fg:?})"));
        }
        if let Some(bg) = style.bg {
            value.push_str(&format!(".bg(Color::{bg:?})"));
        }
        if let Some(underline) = style.underline_color {
            value.push_str(&format!(".underline_color(Color::{underline:?})"));
        }
        if !style.add_modifier.is_empty() {
            value.push_str(&format!(
                ".add_modifier(Modifier::from_bits_retain({:#06x}))",
                style.add_modifier.bits()
            ));
        }
        if !style.sub_modifier.is_empty() {
            value.push_str(&format!(
                ".remove_modifier(Modifier::from_bits_retain({:#06x}))",
                style.sub_modifier.bits()
            ));
        }
        out.push_str(&format!("    ({scope:?}, {value}),\n"));
    }
    out.push_str("];\n");
    out
}

#[test]
fn the_compiled_in_default_theme_is_themes_default_toml() {
    let parsed = Theme::from_toml(DEFAULT_THEME);
    assert_eq!(parsed.warnings(), &[] as &[String]);
    crate::generated::assert_up_to_date(
        "src/theme/builtin.rs",
        &builtin_source(&parsed.styles),
        "themes/default.toml",
        "theme",
    );
    assert_eq!(Theme::builtin(false).styles, parsed.styles);
}
