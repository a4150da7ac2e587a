//! Drawing the [`App`] into a ratatui frame. Views read the app and ask the
//! theme for styles by meaning; they never change state or pick colours.

mod article;
mod claim_form;
mod correction_form;
mod help;
pub mod layout;
mod panel;
mod speaker_form;
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_segmentation::UnicodeSegmentation;

use crate::app::{App, Mode};
use crate::wrap::glyph;

/// Draws the whole screen. Call [`App::resize`] with the frame's size first.
pub fn draw(frame: &mut Frame, app: &App) {
    let areas = app.areas;
    if areas.too_small() {
        let text = format!(
            "window too small (need {}×{})",
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        );
        frame.render_widget(
            Paragraph::new(Line::from(text)).style(app.theme.text()),
            areas.whole,
        );
        return;
    }
    frame.render_widget(
        ratatui::widgets::Block::new().style(app.theme.text()),
        areas.whole,
    );
    article::draw(frame, app, areas.text);
    if areas.has_panel() {
        panel::draw(frame, app, areas.panel);
    }
    status::draw(frame, app, areas.status);
    match app.mode() {
        Mode::Help { scroll } => help::draw(frame, app, *scroll),
        Mode::Claim(form) => claim_form::draw(frame, app, form),
        Mode::Speaker(form) => speaker_form::draw(frame, app, form),
        Mode::Correction(form) => correction_form::draw(frame, app, form),
        Mode::Normal | Mode::Search(_) => {}
    }
}

/// `text` made safe for the terminal (controls shown as placeholders, line
/// breaks as spaces) and cut to at most `max` columns with an ellipsis.
pub(crate) fn safe_text(text: &str, max: usize) -> String {
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

/// A rectangle of `width` × `height` centred in `area` (clipped to it).
pub(crate) fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// Clears `area` and draws `body` there inside a bordered popup titled
/// `title`, in `style`; returns the area inside the border, where a form
/// puts its cursor.
pub(crate) fn draw_popup(
    frame: &mut Frame,
    area: Rect,
    title: Span<'_>,
    style: Style,
    body: Paragraph<'_>,
) -> Rect {
    let block = Block::new().borders(Borders::ALL).title(title).style(style);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(body.block(block), area);
    inner
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
    }
}
