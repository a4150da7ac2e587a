//! A one-line text field (search query, claim note): insert, delete and move
//! by grapheme cluster, so the cursor never lands inside a character.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

/// Text being typed and the cursor's byte offset in it (always on a grapheme
/// boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    cursor: usize,
}

impl LineInput {
    /// A field holding `text`, cursor at the end.
    pub fn new(text: &str) -> Self {
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        Self {
            cursor: text.len(),
            text,
        }
    }

    /// The text typed so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text before the cursor (to place the terminal cursor).
    pub fn before_cursor(&self) -> &str {
        self.text.get(..self.cursor).unwrap_or("")
    }

    /// Applies an editing key; returns false for keys a line field does not use
    /// (Enter, Esc, arrows up/down, …) so the caller can act on them.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.text.len(),
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            KeyCode::Backspace => {
                let start = self.previous_boundary();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            KeyCode::Delete => {
                let end = self.next_boundary();
                self.text.replace_range(self.cursor..end, "");
            }
            KeyCode::Left => self.cursor = self.previous_boundary(),
            KeyCode::Right => self.cursor = self.next_boundary(),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.len(),
            _ => return false,
        }
        true
    }

    fn previous_boundary(&self) -> usize {
        self.before_cursor()
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        let after = self.text.get(self.cursor..).unwrap_or("");
        self.cursor + after.graphemes(true).next().map_or(0, str::len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(input: &mut LineInput, code: KeyCode) {
        input.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    #[test]
    fn edits_by_grapheme() {
        let mut input = LineInput::default();
        for c in "Kyiv 🇺🇦!".chars() {
            press(&mut input, KeyCode::Char(c));
        }
        press(&mut input, KeyCode::Left);
        press(&mut input, KeyCode::Backspace);
        assert_eq!(input.text(), "Kyiv !");
        press(&mut input, KeyCode::Home);
        press(&mut input, KeyCode::Delete);
        assert_eq!(input.text(), "yiv !");
        assert_eq!(input.before_cursor(), "");
        assert!(!input.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    }

    #[test]
    fn control_characters_are_never_inserted() {
        let input = LineInput::new("a\u{1b}[2Jb");
        assert_eq!(input.text(), "a[2Jb");
    }
}
