//! One key press, as written in keymap files ("j", "C-d", "pageup").

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with the modifiers that matter for binding. SHIFT is folded into the
/// character (`G`, `?`), because terminals disagree on whether they report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyPress {
    code: KeyCode,
    modifiers: KeyModifiers,
}

const NAMED: &[(&str, KeyCode)] = &[
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("space", KeyCode::Char(' ')),
    ("backspace", KeyCode::Backspace),
];

impl KeyPress {
    /// Parses a key name: an optional `C-` / `A-` prefix, then one character or
    /// one of the named keys. `None` for anything else.
    pub fn parse(name: &str) -> Option<Self> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = name;
        loop {
            if let Some(r) = rest.strip_prefix("C-").filter(|r| !r.is_empty()) {
                modifiers |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("A-").filter(|r| !r.is_empty()) {
                modifiers |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match NAMED.iter().find(|(n, _)| *n == rest) {
            Some((_, code)) => *code,
            None => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_control() => KeyCode::Char(c),
                    _ => return None,
                }
            }
        };
        Some(Self::normalised(code, modifiers))
    }

    /// Parses a key sequence: key names separated by spaces (`"g g"`,
    /// `"C-w j"`); a lone `" "` is the space key. `None` if any name is unknown
    /// or there is none.
    pub fn parse_sequence(names: &str) -> Option<Vec<Self>> {
        if names == " " {
            return Self::parse("space").map(|press| vec![press]);
        }
        let presses: Option<Vec<Self>> = names.split_whitespace().map(Self::parse).collect();
        presses.filter(|presses| !presses.is_empty())
    }

    /// A key sequence as written in keymap files: names joined by spaces.
    pub fn sequence_name(presses: &[Self]) -> String {
        let names: Vec<String> = presses.iter().map(ToString::to_string).collect();
        names.join(" ")
    }

    /// The key as hints show it: as in keymap files, with a named key
    /// capitalised (`Tab`, `Enter`, `C-Esc`) so it reads as a key, not a word.
    pub fn hint_name(&self) -> String {
        let name = self.to_string();
        if !NAMED.iter().any(|(_, code)| *code == self.code) {
            return name;
        }
        let (modifiers, key) = name.split_at(name.rfind('-').map_or(0, |i| i + 1));
        let mut chars = key.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
        format!("{modifiers}{}{}", first.unwrap_or_default(), chars.as_str())
    }

    /// Whether this is an arrow or paging key (up, down, left, right,
    /// pageup, pagedown, home, end): hints name another key when there is one.
    pub fn is_navigation(&self) -> bool {
        matches!(
            self.code,
            KeyCode::Up
                | KeyCode::Down
                | KeyCode::Left
                | KeyCode::Right
                | KeyCode::PageUp
                | KeyCode::PageDown
                | KeyCode::Home
                | KeyCode::End
        )
    }

    /// The binding a terminal key event stands for.
    pub fn from_event(event: KeyEvent) -> Self {
        Self::normalised(event.code, event.modifiers)
    }

    fn normalised(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let modifiers = modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        Self { code, modifiers }
    }
}

impl fmt::Display for KeyPress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("C-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("A-")?;
        }
        match NAMED.iter().find(|(_, code)| *code == self.code) {
            Some((name, _)) => f.write_str(name),
            None => match self.code {
                KeyCode::Char(c) => write!(f, "{c}"),
                other => write!(f, "{other:?}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_back() {
        for name in ["j", "C-d", "pageup", "?", "]", "A-C-x", "space", "G"] {
            let press = KeyPress::parse(name).unwrap();
            let again = KeyPress::parse(&press.to_string()).unwrap();
            assert_eq!(press, again, "{name}");
        }
        assert_eq!(KeyPress::parse("C-d").unwrap().to_string(), "C-d");
        assert_eq!(KeyPress::parse("jk"), None);
        assert_eq!(KeyPress::parse(""), None);
        assert_eq!(KeyPress::parse("C-"), None);
    }

    #[test]
    fn sequences_split_at_spaces() {
        let g = KeyPress::parse("g").unwrap();
        assert_eq!(KeyPress::parse_sequence("g g"), Some(vec![g, g]));
        assert_eq!(KeyPress::parse_sequence(" g  g "), Some(vec![g, g]));
        assert_eq!(
            KeyPress::parse_sequence(" "),
            Some(vec![KeyPress::parse("space").unwrap()])
        );
        assert_eq!(KeyPress::parse_sequence(""), None);
        assert_eq!(KeyPress::parse_sequence("g nope"), None);
        let seq = KeyPress::parse_sequence("C-w j").unwrap();
        assert_eq!(KeyPress::sequence_name(&seq), "C-w j");
    }
}
