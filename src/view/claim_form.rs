//! The claim form popup: the claimed text, the verdict list and the note.

use ratatui::Frame;
use ratatui::layout::Position as Cursor;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::{centred, safe_text};
use crate::annotations::VERDICTS;
use crate::app::App;
use crate::app::claim_form::ClaimForm;
use crate::wrap::wrap;

/// Rows of the full form: two excerpt rows, blank, verdicts, blank, note,
/// blank, hints; plus the border.
const FULL_HEIGHT: u16 = 10;
/// Rows of the compact form used on short terminals: excerpt, verdicts, note,
/// hints; plus the border.
const COMPACT_HEIGHT: u16 = 6;
/// Width of the "Verdict  " and "Note     " labels.
const LABEL_WIDTH: usize = 9;

/// Draws `form` as a popup and places the terminal cursor in the note field.
pub(super) fn draw(frame: &mut Frame, app: &App, form: &ClaimForm) {
    let theme = &app.theme;
    let popup = theme.ui("ui.popup");
    let title_style = popup.patch(theme.scope("ui.popup.title"));
    let compact = app.areas.whole.height < FULL_HEIGHT + 2;
    let height = if compact { COMPACT_HEIGHT } else { FULL_HEIGHT };
    let area = centred(app.areas.whole, 76, height);
    let inner_width = usize::from(area.width.saturating_sub(2));
    let field_width = inner_width.saturating_sub(LABEL_WIDTH).max(1);
    let title = match &form.editing {
        Some(claim) => format!(" Edit claim {} ", claim.id),
        None => " Mark claim ".to_owned(),
    };
    let excerpt_style = popup.patch(theme.claim(false));
    let excerpt = excerpt_lines(app, form, inner_width);
    let excerpt_rows = if compact { 1 } else { 2 };
    let (note, cursor_column) = note_window(form, field_width);
    let mut verdicts = vec![Span::styled("Verdict  ", title_style)];
    verdicts.extend(verdict_spans(
        form,
        field_width,
        popup,
        theme.ui("ui.selection"),
    ));
    let hint = Line::from(Span::styled(
        "↑/↓ verdict · type a note · Enter save · Esc cancel",
        popup.patch(theme.scope("ui.dim")),
    ));
    let note_line = Line::from(vec![
        Span::styled("Note     ", title_style),
        Span::styled(format!("{note:<field_width$}"), theme.ui("ui.input")),
    ]);
    let mut lines: Vec<Line> = excerpt
        .into_iter()
        .take(excerpt_rows)
        .map(|l| Line::from(Span::styled(l, excerpt_style)))
        .collect();
    let note_row = if compact {
        lines.extend([Line::from(verdicts), note_line, hint]);
        2
    } else {
        lines.extend([
            Line::default(),
            Line::from(verdicts),
            Line::default(),
            note_line,
            Line::default(),
            hint,
        ]);
        5
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(title, title_style))
        .style(popup);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
    let cursor_x = inner.x + u16::try_from(LABEL_WIDTH + cursor_column).unwrap_or(u16::MAX);
    let cursor_y = inner.y + note_row;
    if cursor_x < inner.right() && cursor_y < inner.bottom() {
        frame.set_cursor_position(Cursor::new(cursor_x, cursor_y));
    }
}

/// The verdict choices: all of them when they fit in `width` columns (the
/// chosen one in brackets), else only the chosen one with its position.
fn verdict_spans(
    form: &ClaimForm,
    width: usize,
    normal: Style,
    chosen: Style,
) -> Vec<Span<'static>> {
    let full_width: usize = VERDICTS.iter().map(|v| v.width() + 2).sum();
    if full_width <= width {
        VERDICTS
            .iter()
            .enumerate()
            .map(|(i, verdict)| {
                if i == form.verdict {
                    Span::styled(format!("[{verdict}]"), chosen)
                } else {
                    Span::styled(format!(" {verdict} "), normal)
                }
            })
            .collect()
    } else {
        let label = format!(
            "◂ {} ▸ {}/{}",
            form.verdict(),
            form.verdict + 1,
            VERDICTS.len()
        );
        vec![Span::styled(safe_text(&label, width), chosen)]
    }
}

/// The part of the note that fits in `width` columns around the cursor, and
/// the cursor's column in it. Long notes scroll sideways; "…" marks a cut.
fn note_window(form: &ClaimForm, width: usize) -> (String, usize) {
    let before = safe_text(form.note.before_cursor(), usize::MAX);
    let after = safe_text(
        form.note
            .text()
            .get(form.note.before_cursor().len()..)
            .unwrap_or(""),
        usize::MAX,
    );
    let room = width.saturating_sub(1);
    if before.width() <= room {
        let shown = safe_text(&format!("{before}{after}"), width);
        return (shown, before.width());
    }
    // Keep the end of what is before the cursor, behind an ellipsis.
    let mut tail: Vec<&str> = Vec::new();
    let mut used = 1;
    for grapheme in before.graphemes(true).rev() {
        if used + grapheme.width() > room {
            break;
        }
        used += grapheme.width();
        tail.push(grapheme);
    }
    tail.reverse();
    (format!("…{}", tail.concat()), used)
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
