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
    /// `text` is kept exactly (a note from a file may hold line breaks); the
    /// view shows control characters as placeholders.
    pub fn new(text: &str) -> Self {
        Self {
            cursor: text.len(),
            text: text.to_owned(),
        }
    }

    /// Inserts pasted `text` at the cursor: line breaks and tabs become
    /// spaces, other control characters are dropped.
    pub fn insert_str(&mut self, text: &str) {
        let cleaned: String = text
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        self.text.insert_str(self.cursor, &cleaned);
        self.cursor += cleaned.len();
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
        // Alt+key is what a terminal sends for Esc typed just before a key:
        // never insert it as text.
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.text.len(),
            KeyCode::Char(c) if !ctrl && !alt && !c.is_control() => {
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
        grapheme_before(&self.text, self.cursor)
    }

    fn next_boundary(&self) -> usize {
        grapheme_after(&self.text, self.cursor)
    }
}

/// The byte offset of the grapheme boundary before byte `cursor` of `text`
/// (0 at the start): where Backspace and ← go.
pub(super) fn grapheme_before(text: &str, cursor: usize) -> usize {
    text.get(..cursor)
        .unwrap_or("")
        .grapheme_indices(true)
        .next_back()
        .map_or(0, |(i, _)| i)
}

/// The byte offset of the grapheme boundary after byte `cursor` of `text`
/// (`cursor` itself at the end): where Delete and → reach.
pub(super) fn grapheme_after(text: &str, cursor: usize) -> usize {
    let after = text.get(cursor..).unwrap_or("");
    cursor + after.graphemes(true).next().map_or(0, str::len)
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
    fn pasted_text_is_one_line_without_controls_and_alt_keys_are_not_text() {
        let mut input = LineInput::new("note:");
        input.insert_str(" a\nb\u{1b}[2J\tc");
        assert_eq!(input.text(), "note: a b[2J c");
        assert!(!input.handle_key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT)));
        assert_eq!(input.text(), "note: a b[2J c");
        // Text from a file is kept as it is.
        assert_eq!(LineInput::new("two\nlines").text(), "two\nlines");
    }
}
