//! The claim form popup: the claimed text, the verdict list and the note.

use ratatui::Frame;
use ratatui::layout::Position as Cursor;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{centred, safe_text};
use crate::annotations::VERDICTS;
use crate::app::App;
use crate::app::claim_form::ClaimForm;
use crate::wrap::wrap;

/// Draws `form` as a popup and places the terminal cursor in the note field.
pub(super) fn draw(frame: &mut Frame, app: &App, form: &ClaimForm) {
    let theme = &app.theme;
    let popup = theme.ui("ui.popup");
    let title_style = popup.patch(theme.scope("ui.popup.title"));
    let area = centred(app.areas.whole, 76, 11);
    let inner_width = usize::from(area.width.saturating_sub(4));
    let title = match &form.editing {
        Some(claim) => format!(" Edit claim {} ", claim.id),
        None => " Mark claim ".to_owned(),
    };
    let excerpt = excerpt_lines(app, form, inner_width);
    let mut verdicts = vec![Span::styled("Verdict  ", title_style)];
    for (i, verdict) in VERDICTS.iter().enumerate() {
        let style = if i == form.verdict {
            theme.ui("ui.selection")
        } else {
            popup
        };
        verdicts.push(Span::styled(format!(" {verdict} "), style));
    }
    let note_width = inner_width.saturating_sub(9);
    let note = safe_text(form.note.text(), note_width);
    let excerpt_style = popup.patch(theme.claim(false));
    let mut lines: Vec<Line> = excerpt
        .into_iter()
        .map(|l| Line::from(Span::styled(l, excerpt_style)))
        .collect();
    lines.extend([
        Line::default(),
        Line::from(verdicts),
        Line::default(),
        Line::from(vec![
            Span::styled("Note     ", title_style),
            Span::styled(format!("{note:<note_width$}"), theme.ui("ui.input")),
        ]),
        Line::default(),
        Line::from(Span::styled(
            "↑/↓ verdict · type a note · Enter save · Esc cancel",
            popup.patch(theme.scope("ui.dim")),
        )),
    ]);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(title, title_style))
        .style(popup);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
    // The note is on the sixth row: two excerpt rows, blank, verdicts, blank.
    let cursor_x =
        inner.x + 9 + u16::try_from(form.note.before_cursor().width().min(note_width)).unwrap_or(0);
    let cursor_y = inner.y + 5;
    if cursor_x < inner.right() && cursor_y < inner.bottom() {
        frame.set_cursor_position(Cursor::new(cursor_x, cursor_y));
    }
}

/// The claimed text in exactly two rows of at most `width` columns; an
/// ellipsis ends the second when the text is longer.
fn excerpt_lines(app: &App, form: &ClaimForm, width: usize) -> [String; 2] {
    let text = app.document().text();
    let rows = wrap(text, form.span.clone(), width.saturating_sub(1).max(1));
    let row = |i: usize| rows.get(i).map_or("", |r| app.document().slice(r.clone()));
    let second = if rows.len() > 2 {
        format!("{}…", safe_text(row(1), width.saturating_sub(1)))
    } else {
        safe_text(row(1), width)
    };
    [safe_text(row(0), width), second]
}
