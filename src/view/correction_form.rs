//! The entity correction popup: what is being corrected, the question, a
//! typed filter or name when the step takes one, the answers and the keys.

use ratatui::Frame;
use ratatui::layout::{Position as Cursor, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{centred, draw_popup, safe_text};
use crate::app::App;
use crate::app::correction_form::{CorrectionForm, Step};

/// Answers listed at most (the list scrolls with the highlight).
const LIST_ROWS: usize = 8;
/// Width of the "Filter  " / "Name    " label.
const LABEL_WIDTH: usize = 8;

/// `area` moved up or down so that it does not cover the article row
/// holding byte `byte`: the reader sees what they are correcting.
fn away_from(app: &App, byte: usize, area: Rect) -> Rect {
    let text = app.areas().text;
    let rows = usize::from(text.height);
    let row = {
        let mut layout = app.layout();
        let at = layout.position_of(byte);
        layout.distance(app.top(), at, rows)
    };
    let Some(row) = row.and_then(|r| u16::try_from(r).ok()) else {
        return area;
    };
    let row_y = text.y + row;
    if row_y < area.y || row_y >= area.bottom() {
        return area;
    }
    let below = row_y + 2;
    let y = if below + area.height <= text.bottom() {
        below
    } else {
        row_y.saturating_sub(area.height + 1).max(text.y)
    };
    Rect { y, ..area }
}

/// Draws `form` as a popup; puts the terminal cursor in the text field when
/// the step takes typing.
pub(super) fn draw(frame: &mut Frame, app: &App, form: &CorrectionForm) {
    let theme = app.theme();
    let popup = theme.ui("ui.popup");
    let title_style = popup.patch(theme.scope("ui.popup.title"));
    let dim = popup.patch(theme.scope("ui.dim"));
    let rows = form.choices.len().clamp(1, LIST_ROWS);
    let field = usize::from(form.typing());
    let height = u16::try_from(rows + field + 5).unwrap_or(u16::MAX);
    let area = away_from(app, form.span.start, centred(app.areas().whole, 72, height));
    let width = usize::from(area.width.saturating_sub(2));
    let title = match &form.entity {
        None => format!(" Tag “{}” ", safe_text(&form.exact, 40)),
        Some((_, name)) => format!(
            " Correct “{}” · {} ",
            safe_text(&form.exact, 30),
            safe_text(name, 24)
        ),
    };
    let mut lines = vec![Line::from(Span::styled(form.question(), title_style))];
    // The cursor's column in the typed field, when there is one.
    let mut cursor_column = None;
    if form.typing() {
        let label = if form.step == Step::Name {
            "Name    "
        } else {
            "Filter  "
        };
        let field_width = width.saturating_sub(LABEL_WIDTH);
        let (typed, column) = crate::safe_text::input_window(
            form.input.text(),
            form.input.before_cursor().len(),
            field_width,
        );
        cursor_column = Some(column);
        lines.push(Line::from(vec![
            Span::styled(label, title_style),
            Span::styled(format!("{typed:<field_width$}"), theme.ui("ui.input")),
        ]));
    }
    let first = form.selected.saturating_sub(LIST_ROWS - 1);
    for (i, (_, label)) in form.choices.iter().enumerate().skip(first).take(LIST_ROWS) {
        let style = if i == form.selected {
            theme.ui("ui.selection")
        } else {
            popup
        };
        let number = if form.typing() || i >= 9 {
            "  ".to_owned()
        } else {
            format!("{} ", i + 1)
        };
        let text = format!(" {number}{}", safe_text(label, width.saturating_sub(4)));
        lines.push(Line::from(Span::styled(text, style)));
    }
    if form.choices.is_empty() && form.step != Step::Name {
        lines.push(Line::from(Span::styled("   no entity matches", dim)));
    }
    lines.push(Line::default());
    let hint = match form.step {
        Step::Name => "type the name · Enter rename · Esc cancel",
        Step::Target => "↑/↓ choose · type to filter · Enter pick · Esc cancel",
        _ => "↑/↓ or 1–9 choose · Enter pick · Esc cancel",
    };
    lines.push(Line::from(Span::styled(hint, dim)));
    let inner = draw_popup(
        frame,
        area,
        Span::styled(title, title_style),
        popup,
        Paragraph::new(lines),
    );
    if let Some(column) = cursor_column {
        let column = column + LABEL_WIDTH;
        let x = inner.x + u16::try_from(column).unwrap_or(u16::MAX);
        if x < inner.right() && inner.y + 1 < inner.bottom() {
            frame.set_cursor_position(Cursor::new(x, inner.y + 1));
        }
    }
}
