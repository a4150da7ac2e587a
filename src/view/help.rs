//! The help overlay, generated from the keymap: every bound action with its
//! keys and doc line, then the keys of the search prompt and claim form.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{centred, draw_popup};
use crate::app::{Action, App};
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

/// The help popup's widest, in columns (borders included).
const WIDTH: u16 = 96;
/// Columns of the key column, before each doc line.
const KEY_COLUMN: usize = 20;

/// Draws the help popup over the screen, scrolled down `scroll` rows: the
/// last message first (whole), then the keys. Doc lines wrap under
/// themselves when the popup is narrower than they are.
pub(super) fn draw(frame: &mut Frame, app: &App, scroll: usize) {
    let theme = app.theme();
    let popup = theme.ui("ui.popup");
    let key_style = popup.patch(theme.scope("ui.popup.key"));
    let title_style = popup.patch(theme.scope("ui.popup.title"));
    let inner_width = usize::from(WIDTH.min(app.areas().whole.width).saturating_sub(2));
    let doc_width = inner_width.saturating_sub(KEY_COLUMN).max(8);
    let mut lines = Vec::new();
    if let Some(message) = app.last_message() {
        // A message is gone with the next key; here it can be read again.
        lines.push(Line::from(Span::styled("Last message", title_style)));
        let message = super::safe_line(message);
        let width = inner_width.saturating_sub(2).max(8);
        for range in crate::wrap::wrap(&message, 0..message.len(), width) {
            let line = message.get(range).unwrap_or("");
            lines.push(Line::from(Span::styled(format!("  {line}"), popup)));
        }
        lines.push(Line::default());
    }
    let entry = |lines: &mut Vec<Line<'static>>, keys: String, doc: &str| {
        for (i, range) in crate::wrap::wrap(doc, 0..doc.len(), doc_width)
            .into_iter()
            .enumerate()
        {
            let keys = if i == 0 { keys.clone() } else { String::new() };
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<w$}", w = KEY_COLUMN - 2), key_style),
                Span::styled(doc.get(range).unwrap_or("").to_owned(), popup),
            ]));
        }
    };
    for context in Context::ALL {
        let title = match context {
            Context::Article => "Reading the article ([keys.normal])".to_owned(),
            Context::Panel => match app.key_in(Context::Article, Action::FocusPanel) {
                Some(key) => format!("In the entity panel, after {key} ([keys.panel])"),
                None => "In the entity panel ([keys.panel])".to_owned(),
            },
            Context::Select => match app.key_in(Context::Article, Action::StartSelection) {
                Some(key) => format!("Selecting text, after {key} ([keys.select])"),
                None => "Selecting text ([keys.select])".to_owned(),
            },
        };
        lines.push(Line::from(Span::styled(title, title_style)));
        for (action, keys) in app.keymap().help(context) {
            entry(&mut lines, keys.join(", "), action.doc());
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled("Forms", title_style)));
    for (keys, doc) in FIXED {
        entry(&mut lines, (*keys).to_owned(), doc);
    }
    let area = centred(
        app.areas().whole,
        WIDTH,
        u16::try_from(lines.len() + 2).unwrap_or(u16::MAX),
    );
    let visible = usize::from(area.height.saturating_sub(2));
    let max_scroll = lines.len().saturating_sub(visible);
    app.help_max_scroll.set(max_scroll);
    let scroll = scroll.min(max_scroll);
    draw_popup(
        frame,
        area,
        Span::styled(
            " folio help · j/k scroll · any other key closes ",
            title_style,
        ),
        popup,
        Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
    );
}
