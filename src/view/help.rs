//! The help overlay, generated from the keymap: every bound action with its
//! keys and doc line, then the keys of the search prompt and claim form.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{centred, draw_popup};
use crate::app::App;
use crate::keymap::Context;

/// Keys of the text modes, which are not remappable.
const FIXED: &[(&str, &str)] = &[
    (
        "Tab S-Tab",
        "claim form: next / previous field (verdict, label, note)",
    ),
    (
        "↑ ↓",
        "claim form: choose the verdict or label; move in the note",
    ),
    (
        "Enter",
        "claim form: save (in the note: a new line); search: search",
    ),
    ("C-s", "claim form: save, from any field"),
    ("1–9 ↑ ↓ Enter", "entity correction (T, E): choose and pick"),
    ("Esc", "any form or search: cancel"),
    ("j k", "help: scroll; any other key closes it"),
];

/// Draws the help popup over the screen, scrolled down `scroll` rows.
pub(super) fn draw(frame: &mut Frame, app: &App, scroll: usize) {
    let theme = &app.theme;
    let popup = theme.ui("ui.popup");
    let key_style = popup.patch(theme.scope("ui.popup.key"));
    let mut lines = Vec::new();
    for context in Context::ALL {
        let title = match context {
            Context::Article => "Reading the article ([keys.normal])",
            Context::Panel => "In the entity panel, after Tab ([keys.panel])",
            Context::Select => "Selecting text, after v ([keys.select])",
        };
        lines.push(Line::from(Span::styled(
            title,
            popup.patch(theme.scope("ui.popup.title")),
        )));
        for (action, keys) in app.keymap.help(context) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", keys.join(", ")), key_style),
                Span::styled(action.doc(), popup),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        "Forms",
        popup.patch(theme.scope("ui.popup.title")),
    )));
    for (keys, doc) in FIXED {
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<18}"), key_style),
            Span::styled(*doc, popup),
        ]));
    }
    let area = centred(
        app.areas.whole,
        96,
        u16::try_from(lines.len() + 2).unwrap_or(u16::MAX),
    );
    let visible = usize::from(area.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    draw_popup(
        frame,
        area,
        Span::styled(
            " folio help · j/k scroll · any other key closes ",
            popup.patch(theme.scope("ui.popup.title")),
        ),
        popup,
        Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
    );
}
