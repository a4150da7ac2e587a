//! Article text made safe to put on a terminal line: control characters
//! shown as placeholders, line breaks as spaces, cut by display width.
//! A leaf module: the app (messages) and the views (drawing) both use it.

use unicode_segmentation::UnicodeSegmentation;

use crate::wrap::glyph;

/// `text` made safe for the terminal (controls shown as placeholders, line
/// breaks as spaces) and cut to at most `max` columns with an ellipsis.
pub fn safe_text(text: &str, max: usize) -> String {
    let mut shown = String::new();
    let mut columns = 0;
    for grapheme in text.graphemes(true) {
        let (glyph, width) = glyph(grapheme, columns);
        if columns + width > max {
            if max > 0 {
                while columns + 1 > max {
                    let Some(last) = shown.pop() else { break };
                    columns = columns
                        .saturating_sub(unicode_width::UnicodeWidthChar::width(last).unwrap_or(0));
                }
                shown.push('…');
            }
            return shown;
        }
        columns += width;
        shown.push_str(&glyph);
    }
    shown
}

/// `text` made safe to print on one line (controls as placeholders), whole.
pub fn safe_line(text: &str) -> String {
    safe_text(text, usize::MAX)
}

/// What a one-line input shows in `max` columns with its cursor at byte
/// `cursor` of `text` (a char boundary): the text made safe (as
/// [`safe_text`]), scrolled so that the cursor stays on screen, with an
/// ellipsis first when the start is cut; and the cursor's column (0-based,
/// below `max` when `max` > 1).
pub fn input_window(text: &str, cursor: usize, max: usize) -> (String, usize) {
    use unicode_width::UnicodeWidthStr;
    let (before, after) = text.split_at(cursor.min(text.len()));
    let shown_before = safe_line(before);
    let before_width = shown_before.width();
    if before_width < max {
        return (safe_text(text, max), before_width);
    }
    // The end of what is before the cursor, in the columns left by the
    // ellipsis and the cursor's own.
    let room = max.saturating_sub(2);
    let (mut tail_start, mut tail_width) = (shown_before.len(), 0);
    for (at, grapheme) in shown_before.grapheme_indices(true).rev() {
        let width = grapheme.width();
        if tail_width + width > room {
            break;
        }
        tail_width += width;
        tail_start = at;
    }
    let mut shown = String::from("…");
    shown.push_str(shown_before.get(tail_start..).unwrap_or(""));
    let column = 1 + tail_width;
    shown.push_str(&safe_text(after, max.saturating_sub(column)));
    (shown, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_longer_than_its_field_scrolls_to_the_cursor() {
        assert_eq!(input_window("Kremlin", 7, 10), ("Kremlin".to_owned(), 7));
        assert_eq!(input_window("Kremlin", 0, 5), ("Krem…".to_owned(), 0));
        // Typing at the end of a long search: its end shows, after "…".
        let typed = "the geopolitical objective";
        assert_eq!(
            input_window(typed, typed.len(), 10),
            ("…bjective".to_owned(), 9)
        );
        // The cursor in the middle: the words before it, then what fits.
        assert_eq!(input_window(typed, 16, 10), ("…olitical…".to_owned(), 9));
        assert_eq!(input_window("日本語です", 15, 6), ("…です".to_owned(), 5));
        assert_eq!(
            input_window("a\u{1b}b", 4, 10),
            ("a\u{241B}b".to_owned(), 3)
        );
    }

    #[test]
    fn safe_text_neutralises_controls_and_truncates_by_width() {
        assert_eq!(safe_text("a\u{1b}[2Jb", 10), "a\u{241B}[2Jb");
        assert_eq!(safe_text("Journal du Dimanche", 10), "Journal d…");
        assert_eq!(safe_text("日本語", 5), "日本…");
        assert_eq!(safe_text("short", 5), "short");
        assert_eq!(safe_text("x", 0), "");
        assert_eq!(safe_line("two\nlines"), "two lines");
    }
}
