//! A small multi-line text field for claim notes: insert, delete and move by
//! grapheme cluster (never inside a character), Enter starts a new line,
//! ↑/↓ move between lines, and [`rows`] lays the text out in a box.
//!
//! Written here rather than taken from `ratatui-textarea` (which does support
//! ratatui 0.30) because notes come back from files that anyone can edit:
//! every glyph must go through folio's one control-character guard
//! ([`crate::wrap::glyph`]), the form state must stay `Clone + Eq` for
//! `Mode`, and the editing keys match [`super::line_input::LineInput`].

use std::ops::Range;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

use crate::wrap::glyph;

/// Text with line breaks (`\n`) and a cursor: a byte offset on a grapheme
/// boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteEditor {
    text: String,
    cursor: usize,
}

impl NoteEditor {
    /// An editor holding `text` exactly, cursor at the end.
    pub fn new(text: &str) -> Self {
        Self {
            cursor: text.len(),
            text: text.to_owned(),
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's byte offset in [`NoteEditor::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts pasted `text` at the cursor: line breaks (`\r\n`, `\r`) become
    /// `\n`, tabs spaces, other control characters are dropped.
    pub fn insert_str(&mut self, text: &str) {
        let cleaned: String = text
            .replace("\r\n", "\n")
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' => Some('\n'),
                '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        self.text.insert_str(self.cursor, &cleaned);
        self.cursor += cleaned.len();
    }

    /// Applies an editing key; false for keys it does not use (Esc, Tab, …)
    /// and for ↑ on the first line or ↓ on the last, so the caller can move
    /// to another field.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let (start, end) = (self.line_start(), self.line_end());
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            KeyCode::Char('k') if ctrl => self.text.replace_range(self.cursor..end, ""),
            KeyCode::Char('a') if ctrl => self.cursor = start,
            KeyCode::Char('e') if ctrl => self.cursor = end,
            KeyCode::Char(c) if !ctrl && !alt && !c.is_control() => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            KeyCode::Enter if !alt => {
                self.text.insert(self.cursor, '\n');
                self.cursor += 1;
            }
            KeyCode::Backspace => {
                let previous = self.previous_boundary();
                self.text.replace_range(previous..self.cursor, "");
                self.cursor = previous;
            }
            KeyCode::Delete => {
                let next = self.next_boundary();
                self.text.replace_range(self.cursor..next, "");
            }
            KeyCode::Left => self.cursor = self.previous_boundary(),
            KeyCode::Right => self.cursor = self.next_boundary(),
            KeyCode::Home => self.cursor = start,
            KeyCode::End => self.cursor = end,
            KeyCode::Up if start > 0 => self.move_to_line(start - 1),
            KeyCode::Down if end < self.text.len() => self.move_to_line(end + 1),
            _ => return false,
        }
        true
    }

    /// Moves to the line holding byte `at`, keeping the cursor's column (in
    /// graphemes) where the line is long enough.
    fn move_to_line(&mut self, at: usize) {
        let column = self
            .text
            .get(self.line_start()..self.cursor)
            .map_or(0, |t| t.graphemes(true).count());
        let start = self
            .text
            .get(..at)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let line = self.text.get(start..).unwrap_or("");
        let line = line.split('\n').next().unwrap_or("");
        self.cursor = start
            + line
                .grapheme_indices(true)
                .nth(column)
                .map_or(line.len(), |(i, _)| i);
    }

    fn line_start(&self) -> usize {
        let before = self.text.get(..self.cursor).unwrap_or("");
        before.rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        let after = self.text.get(self.cursor..).unwrap_or("");
        after
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i)
    }

    fn previous_boundary(&self) -> usize {
        super::line_input::grapheme_before(&self.text, self.cursor)
    }

    fn next_boundary(&self) -> usize {
        super::line_input::grapheme_after(&self.text, self.cursor)
    }
}

/// `text` laid out in rows of at most `width` columns: each line (split at
/// `\n`) is cut after the last space that fits where it overflows, as the
/// article is wrapped, or between graphemes inside a word longer than a
/// row. The space stays at the end of its row, so the rows cover every
/// byte. Byte ranges into `text`, end-exclusive; at least one row.
pub fn rows(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let mut start = line_start;
        let mut column = 0;
        // Where the row may be cut: just after its last space.
        let mut after_space: Option<usize> = None;
        for (i, grapheme) in line.grapheme_indices(true) {
            let at = line_start + i;
            let w = glyph(grapheme, column).1;
            if column + w > width && column > 0 {
                let cut = after_space.filter(|&cut| cut > start).unwrap_or(at);
                rows.push(start..cut);
                start = cut;
                // The columns of what moved down to the new row.
                column = text
                    .get(cut..at)
                    .unwrap_or("")
                    .graphemes(true)
                    .fold(0, |c, g| c + glyph(g, c).1);
                after_space = None;
            }
            column += glyph(grapheme, column).1;
            if grapheme.chars().all(char::is_whitespace) {
                after_space = Some(at + grapheme.len());
            }
        }
        rows.push(start..line_start + line.len());
        line_start += line.len() + 1;
    }
    rows
}

/// Which of `rows` holds byte `cursor`: at a soft break, the later row.
pub fn cursor_row(rows: &[Range<usize>], cursor: usize) -> usize {
    let last = rows.len().saturating_sub(1);
    (0..rows.len())
        .find(|&r| {
            let row = &rows[r.min(last)];
            let next_starts_here = rows.get(r + 1).is_some_and(|n| n.start == cursor);
            row.start <= cursor && cursor <= row.end && !next_starts_here
        })
        .unwrap_or(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(editor: &mut NoteEditor, code: KeyCode) -> bool {
        editor.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn typed(editor: &mut NoteEditor, text: &str) {
        for c in text.chars() {
            press(editor, KeyCode::Char(c));
        }
    }

    #[test]
    fn enter_breaks_lines_and_arrows_keep_the_column() {
        let mut editor = NoteEditor::default();
        typed(&mut editor, "Check 🇺🇦 figures");
        press(&mut editor, KeyCode::Enter);
        typed(&mut editor, "ok");
        assert_eq!(editor.text(), "Check 🇺🇦 figures\nok");
        assert!(press(&mut editor, KeyCode::Up));
        assert_eq!(editor.text().get(..editor.cursor()), Some("Ch"));
        assert!(
            !press(&mut editor, KeyCode::Up),
            "first line: the form takes ↑"
        );
        for _ in 0..5 {
            press(&mut editor, KeyCode::Right);
        }
        press(&mut editor, KeyCode::Backspace);
        assert_eq!(editor.text(), "Check  figures\nok");
        press(&mut editor, KeyCode::End);
        assert!(press(&mut editor, KeyCode::Down));
        assert_eq!(editor.cursor(), editor.text().len());
        assert!(!press(&mut editor, KeyCode::Down));
        assert!(!press(&mut editor, KeyCode::Esc));
    }

    #[test]
    fn pastes_keep_line_breaks_but_no_controls() {
        let mut editor = NoteEditor::new("a");
        editor.insert_str("\r\nb\rc\u{1b}[2J\td");
        assert_eq!(editor.text(), "a\nb\nc[2J d");
    }

    #[test]
    fn rows_cut_long_lines_and_place_the_cursor() {
        let text = "abcdef\n\nxy";
        let laid = rows(text, 4);
        assert_eq!(laid, vec![0..4, 4..6, 7..7, 8..10]);
        assert_eq!(cursor_row(&laid, 4), 1);
        assert_eq!(cursor_row(&laid, 6), 1);
        assert_eq!(cursor_row(&laid, 7), 2);
        assert_eq!(cursor_row(&laid, 10), 3);
        assert_eq!(rows("日本語", 3), vec![0..3, 3..6, 6..9]);
    }

    #[test]
    fn rows_break_after_a_space_and_cut_only_words_longer_than_a_row() {
        let text = "Check the interview again";
        let shown = |laid: Vec<Range<usize>>| -> Vec<String> {
            laid.into_iter()
                .map(|r| text.get(r).unwrap_or("?").to_owned())
                .collect()
        };
        let laid = shown(rows(text, 10));
        assert_eq!(laid, ["Check the ", "interview ", "again"]);
        // A word longer than a row is cut; the rest joins the next words.
        let long = "see https://example.org/a/long/path now";
        let laid: Vec<&str> = rows(long, 12)
            .into_iter()
            .map(|r| long.get(r).unwrap_or("?"))
            .collect();
        assert_eq!(
            laid,
            ["see ", "https://exam", "ple.org/a/lo", "ng/path now"]
        );
        // The cursor at the end of a word that moved down is on its new row.
        let laid = rows("ab cd", 4);
        assert_eq!(laid, vec![0..3, 3..5]);
        assert_eq!(cursor_row(&laid, 5), 1);
        assert_eq!(cursor_row(&laid, 3), 1);
    }
}
