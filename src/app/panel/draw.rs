//! Drawing pieces the panel views share: row styles, group headings,
//! entity rows, and putting a list of lines into the panel.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::analysis::EntityKind;
use crate::safe_text::safe_text;
use crate::theme::Theme;

/// The style of a panel row: plain, or selected (brighter when the panel has
/// the focus).
pub fn row_style(theme: &Theme, selected: bool, focused: bool) -> Style {
    match (selected, focused) {
        (false, _) => theme.text(),
        (true, true) => theme.ui("ui.selection"),
        (true, false) => theme.ui("ui.selection.unfocused"),
    }
}

/// The panel's name for a group of entities.
pub fn heading(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Place => "Places",
        EntityKind::Organisation => "Organisations",
        EntityKind::Misc => "Other",
    }
}

/// A heading row: ` name (count)`, cut to `width` columns.
pub fn heading_row(theme: &Theme, name: &str, count: usize, width: usize) -> Line<'static> {
    let count = format!(" ({count})");
    let name = safe_text(name, width.saturating_sub(count.width() + 1));
    Line::from(Span::styled(
        format!(" {name}{count}"),
        theme.ui("ui.heading"),
    ))
}

/// An entity row `width` cells wide: its name in its kind's colour, `count`
/// right-aligned and dim, all on `style` (the row's selection style).
pub fn entity_row(
    theme: &Theme,
    style: Style,
    width: usize,
    name: &str,
    kind: EntityKind,
    guess: bool,
    count: String,
) -> Line<'static> {
    // A dim "?" after a name whose type is the model's guess (see
    // `Reason::is_guess`): the rows to check first.
    let mark = if guess { GUESS_MARK } else { "" };
    let name = safe_text(name, width.saturating_sub(count.len() + mark.len() + 4));
    let gap = width.saturating_sub(name.width() + mark.len() + count.len() + 3);
    Line::from(vec![
        Span::styled("  ", style),
        Span::styled(name, style.patch(theme.entity(kind, false))),
        Span::styled(mark, style.patch(theme.ui("ui.dim"))),
        Span::styled(" ".repeat(gap + 1), style),
        Span::styled(count, style.patch(theme.ui("ui.dim"))),
    ])
}

/// What follows the name of an entity whose type is a guess in the panel.
pub const GUESS_MARK: &str = " ?";

/// Draws `lines` into `area` on the theme's text style.
pub fn render(theme: &Theme, lines: Vec<Line<'_>>, area: Rect, buf: &mut Buffer) {
    Paragraph::new(lines).style(theme.text()).render(area, buf);
}

/// Draws a one-line dim note (` no quotations`) into `area`.
pub fn render_note(theme: &Theme, note: &str, area: Rect, buf: &mut Buffer) {
    Paragraph::new(note.to_owned())
        .style(theme.ui("ui.dim"))
        .render(area, buf);
}
