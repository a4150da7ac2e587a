//! The speaker popup: the quotation, a name field and the matching people.

use ratatui::Frame;
use ratatui::layout::Position as Cursor;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{centred, draw_popup, safe_text};
use crate::app::App;
use crate::app::speaker_form::SpeakerForm;

/// People listed at most.
const LIST_ROWS: usize = 8;

/// Draws `form` as a popup and puts the terminal cursor in the name field.
pub(super) fn draw(frame: &mut Frame, app: &App, form: &SpeakerForm) {
    let Some(analysis) = app.analysis() else {
        return;
    };
    let theme = app.theme();
    let popup = theme.ui("ui.popup");
    let title_style = popup.patch(theme.scope("ui.popup.title"));
    let rows = form.matches.len().clamp(1, LIST_ROWS);
    let height = u16::try_from(rows + 6).unwrap_or(u16::MAX);
    let area = centred(app.areas().whole, 70, height);
    let width = usize::from(area.width.saturating_sub(2));
    let quote = analysis
        .quotations
        .get(form.quote)
        .map_or("", |q| app.document().slice(q.span.clone()));
    let field_width = width.saturating_sub(6);
    let (typed, column) = crate::safe_text::input_window(
        form.input.text(),
        form.input.before_cursor().len(),
        field_width,
    );
    let mut lines = vec![
        Line::from(Span::styled(
            safe_text(quote, width),
            popup.patch(theme.quote(false)),
        )),
        Line::default(),
        Line::from(vec![
            Span::styled("Name  ", title_style),
            Span::styled(format!("{typed:<field_width$}"), theme.ui("ui.input")),
        ]),
    ];
    let first = form.selected.saturating_sub(LIST_ROWS - 1);
    for (i, &entity) in form.matches.iter().enumerate().skip(first).take(LIST_ROWS) {
        let name = analysis
            .entities
            .get(entity)
            .map_or("", |e| e.name.as_str());
        let style = if i == form.selected {
            theme.ui("ui.selection")
        } else {
            popup
        };
        lines.push(Line::from(Span::styled(
            format!("  {}", safe_text(name, width.saturating_sub(2))),
            style,
        )));
    }
    if form.matches.is_empty() {
        let hint = if form.input.text().trim().is_empty() {
            "no people found"
        } else {
            "no such person: Enter sets the name as typed"
        };
        lines.push(Line::from(Span::styled(
            format!("  {hint}"),
            popup.patch(theme.scope("ui.dim")),
        )));
    }
    lines.push(Line::from(Span::styled(
        "↑/↓ choose · type to filter or name someone · Enter set · Esc cancel",
        popup.patch(theme.scope("ui.dim")),
    )));
    let inner = draw_popup(
        frame,
        area,
        Span::styled(" Who said this? ", title_style),
        popup,
        Paragraph::new(lines),
    );
    let x = inner.x + 6 + u16::try_from(column).unwrap_or(0);
    if x < inner.right() && inner.y + 2 < inner.bottom() {
        frame.set_cursor_position(Cursor::new(x, inner.y + 2));
    }
}
