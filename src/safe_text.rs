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

#[cfg(test)]
mod tests {
    use super::*;

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
