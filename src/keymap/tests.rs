use super::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn press(name: &str) -> Vec<KeyPress> {
    KeyPress::parse_sequence(name).unwrap()
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn defaults_parse_and_bind_the_documented_keys() {
    let keymap = Keymap::builtin();
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
fn g_g_goes_to_the_top_and_g_alone_waits() {
    let keymap = Keymap::builtin();
    assert_eq!(keymap.lookup(Context::Article, &press("g")), Lookup::Prefix);
    assert_eq!(
        keymap.lookup(Context::Article, &press("g g")),
        Lookup::Action(Action::Top)
    );
    assert_eq!(
        keymap.lookup(Context::Article, &press("g e")),
        Lookup::Action(Action::Bottom)
    );
    assert_eq!(
        keymap.lookup(Context::Article, &press("g x")),
        Lookup::Unbound
    );
    assert_eq!(
        keymap.lookup(Context::Article, &press("home")),
        Lookup::Action(Action::Top)
    );
}

#[test]
fn help_lists_every_key_of_an_action() {
    let keymap = Keymap::builtin();
    let help = keymap.help(Context::Article);
    let scroll = help.iter().find(|(a, _)| *a == Action::ScrollDown).unwrap();
    assert_eq!(scroll.1, ["j", "down"]);
    let top = help.iter().find(|(a, _)| *a == Action::Top).unwrap();
    assert_eq!(top.1, ["g g", "home"]);
}

#[test]
fn the_builtin_keymap_binds_every_action_somewhere() {
    let keymap = Keymap::builtin();
    for action in Action::ALL {
        let bound = Context::ALL
            .iter()
            .any(|&c| keymap.help(c).iter().any(|(a, _)| a == action));
        assert!(bound, "{} has no key", action.name());
    }
}

fn user(source: &str) -> (Keymap, Vec<String>) {
    let mut keymap = Keymap::builtin();
    let warnings = keymap.apply_toml(source, "config.toml").unwrap();
    (keymap, warnings.iter().map(ToString::to_string).collect())
}

#[test]
fn user_keys_override_defaults_for_the_same_keys_only() {
    let (keymap, warnings) = user(
        "mouse = true\n[keys.normal]\nj = \"page_down\"\n\"C-x\" = \"quit\"\nq = \"none\"\n[keys.panel]\nx = \"panel_jump\"\n",
    );
    assert_eq!(warnings, [] as [String; 0]);
    let at = |c, k: &str| keymap.lookup(c, &press(k));
    assert_eq!(at(Context::Article, "j"), Lookup::Action(Action::PageDown));
    assert_eq!(
        at(Context::Article, "down"),
        Lookup::Action(Action::ScrollDown)
    );
    assert_eq!(at(Context::Article, "C-x"), Lookup::Action(Action::Quit));
    assert_eq!(at(Context::Article, "q"), Lookup::Unbound);
    assert_eq!(at(Context::Panel, "q"), Lookup::Action(Action::Quit));
    assert_eq!(at(Context::Panel, "x"), Lookup::Action(Action::PanelJump));
}

#[test]
fn a_user_key_replaces_default_sequences_it_begins_and_nested_tables_are_sequences() {
    let (keymap, warnings) = user("[keys.normal]\ng = \"top\"\n");
    assert_eq!(
        warnings,
        [
            "config.toml:2: keys.normal.g: replaces g g (top): a key cannot both act and begin a sequence (unbind it with \"none\" to silence this)",
            "config.toml:2: keys.normal.g: replaces g e (bottom): a key cannot both act and begin a sequence (unbind it with \"none\" to silence this)",
            "config.toml:2: keys.normal.g: replaces g s (next_suggestion): a key cannot both act and begin a sequence (unbind it with \"none\" to silence this)",
            "config.toml:2: keys.normal.g: replaces g S (prev_suggestion): a key cannot both act and begin a sequence (unbind it with \"none\" to silence this)",
        ]
    );
    assert_eq!(
        keymap.lookup(Context::Article, &press("g")),
        Lookup::Action(Action::Top)
    );
    // Unbinding says it is meant (in either order): no warning, and `j`
    // waits for `k`.
    let mut last = None;
    for text in [
        "[keys.normal]\nj = \"none\"\n\"j k\" = \"quit\"\n",
        "[keys.normal]\n\"j k\" = \"quit\"\nj = \"none\"\n",
    ] {
        let (keymap, warnings) = user(text);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(keymap.lookup(Context::Article, &press("j")), Lookup::Prefix);
        last = Some(keymap);
    }
    let keymap = last.unwrap();
    assert_eq!(
        keymap.lookup(Context::Article, &press("j k")),
        Lookup::Action(Action::Quit)
    );
    let (keymap, warnings) = user("[keys.normal.z]\nz = \"next_quote\"\nt = \"top\"\n");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        keymap.lookup(Context::Article, &press("z z")),
        Lookup::Action(Action::NextQuote)
    );
    assert_eq!(keymap.lookup(Context::Article, &press("z")), Lookup::Prefix);
}

#[test]
fn bad_entries_are_warnings_with_file_line_and_key() {
    let (keymap, warnings) = user(
        "[keys.normal]\nj = \"fly_away\"\n\"C-nope\" = \"quit\"\nk = 3\n[keys.elsewhere]\nx = \"quit\"\n",
    );
    assert_eq!(
        warnings,
        [
            "config.toml:2: keys.normal.j: unknown action \"fly_away\" (ignored)",
            "config.toml:3: keys.normal.C-nope: unknown key name \"C-nope\" (ignored)",
            "config.toml:4: keys.normal.k: expected an action name in quotes (ignored)",
            "config.toml:5: keys.elsewhere: unknown key table (known: normal, panel, select)",
        ]
    );
    // The defaults for those keys are untouched.
    assert_eq!(
        keymap.lookup(Context::Article, &press("j")),
        Lookup::Action(Action::ScrollDown)
    );
}

#[test]
fn clashes_inside_one_file_are_warned_and_the_first_entry_kept() {
    let (keymap, warnings) = user(
        "[keys.normal]\nspace = \"quit\"\n\" \" = \"help\"\nz = \"top\"\n\"z z\" = \"bottom\"\n",
    );
    assert_eq!(
        warnings,
        [
            "config.toml:3: keys.normal.\" \": space is bound twice (first on line 2); this one is ignored",
            "config.toml:5: keys.normal.\"z z\": z z clashes with line 4: z is bound, so z z could never be typed; this one is ignored",
        ]
    );
    assert_eq!(
        keymap.lookup(Context::Article, &press("space")),
        Lookup::Action(Action::Quit)
    );
    assert_eq!(
        keymap.lookup(Context::Article, &press("z")),
        Lookup::Action(Action::Top)
    );
}

#[test]
fn text_that_is_not_toml_is_an_error() {
    let mut keymap = Keymap::builtin();
    assert!(matches!(
        keymap.apply_toml("[keys.normal\n", "x.toml"),
        Err(KeymapError::Toml(_))
    ));
}

#[test]
fn hints_name_the_first_key_bound_and_pass_over_arrows() {
    let mut keymap = Keymap::builtin();
    assert_eq!(
        keymap
            .key_for(Context::Article, Action::NextQuote)
            .as_deref(),
        Some("]")
    );
    assert_eq!(
        keymap.key_for(Context::Panel, Action::PanelNext).as_deref(),
        Some("j")
    );
    assert_eq!(
        keymap
            .key_for(Context::Select, Action::CancelSelection)
            .as_deref(),
        Some("Esc")
    );
    assert_eq!(
        keymap
            .key_for(Context::Article, Action::FocusPanel)
            .as_deref(),
        Some("Tab")
    );
    let source =
        "[keys.panel]\nj = \"none\"\nJ = \"panel_next\"\n[keys.normal]\n\"]\" = \"none\"\n";
    assert!(keymap.apply_toml(source, "test").unwrap().is_empty());
    assert_eq!(
        keymap.key_for(Context::Panel, Action::PanelNext).as_deref(),
        Some("J")
    );
    assert_eq!(keymap.key_for(Context::Article, Action::NextQuote), None);
}

/// Rust source declaring `keymap`'s bindings, in order, as
/// `DEFAULT_BINDINGS`: what `src/keymap/builtin.rs` holds.
fn builtin_source(keymap: &Keymap) -> String {
    let mut out = String::from(
        "//! `src/keymap/default.toml` as bindings, in the file's order, compiled\n\
         //! in so that start-up parses no TOML. Generated from that file: do not\n\
         //! edit. A test checks the two agree; `FOLIO_REGENERATE=1 cargo test\n\
         //! --lib keymap` rewrites this file.\n\n\
         use super::Context;\n\
         use crate::action::Action;\n\n",
    );
    out.push_str(&format!(
        "/// Context, keys (as written in keymap files) and action of every default binding.\n\
         pub(super) const DEFAULT_BINDINGS: [(Context, &str, Action); {}] = [\n",
        keymap.bindings.len()
    ));
    for binding in &keymap.bindings {
        out.push_str(&format!(
            "    (Context::{:?}, {:?}, Action::{:?}),\n",
            binding.context,
            KeyPress::sequence_name(&binding.keys),
            binding.action
        ));
    }
    out.push_str("];\n");
    out
}

#[test]
fn the_compiled_in_keymap_is_default_toml() {
    let mut parsed = Keymap::empty();
    let warnings = parsed.apply_toml(DEFAULT_KEYMAP, "default.toml").unwrap();
    assert_eq!(warnings, vec![]);
    crate::generated::assert_up_to_date(
        "src/keymap/builtin.rs",
        &builtin_source(&parsed),
        "src/keymap/default.toml",
        "keymap",
    );
    assert_eq!(Keymap::builtin(), parsed);
}

#[test]
fn unbinding_every_key_that_quits_keeps_ctrl_c_and_says_so() {
    let mut keymap = Keymap::builtin();
    let source = "[keys.normal]\nq = \"none\"\n\"C-c\" = \"none\"\n";
    let warnings = keymap.apply_toml(source, "config.toml").unwrap();
    let shown: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        ["config.toml:3: keys.normal.C-c: leaves no key to quit folio: C-c quits still"]
    );
    let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(keymap.action(Context::Article, ctrl_c), Some(Action::Quit));
    assert_eq!(
        keymap.action(
            Context::Article,
            key(KeyCode::Char('q'), KeyModifiers::NONE)
        ),
        None
    );
    // Another key to quit is enough.
    let mut keymap = Keymap::builtin();
    let source = "[keys.normal]\nq = \"none\"\n\"C-c\" = \"none\"\nx = \"quit\"\n";
    assert!(keymap.apply_toml(source, "config.toml").unwrap().is_empty());
    assert_eq!(keymap.action(Context::Article, ctrl_c), None);
}
