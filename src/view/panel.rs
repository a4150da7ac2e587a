//! The side panel's frame: its border, its title with the keys that work
//! there, progress while analysing, and the footer under the list; the view shown
//! ([`crate::app::panel::PanelView`]) draws its own rows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::safe_text;
use crate::app::panel::PanelView;
use crate::app::{Action, App};
use crate::keymap::Context;

/// The keys that work on the panel, from the keymap, for its title:
/// ` · j/k enter t` with the focus here (with `o` in a view that opens
/// links, and the view's own keys), ` · tab t` without; an unbound action
/// is left out.
fn title_hints(app: &App, view: &dyn PanelView, focused: bool) -> String {
    let key = |context, action| app.key_in(context, action);
    let keys: Vec<String> = if focused {
        let step = match (
            key(Context::Panel, Action::PanelNext),
            key(Context::Panel, Action::PanelPrev),
        ) {
            (Some(next), Some(prev)) => Some(format!("{next}/{prev}")),
            (next, prev) => next.or(prev),
        };
        let open = view
            .opens_links()
            .then(|| key(Context::Panel, Action::OpenLink))
            .flatten();
        let own = view
            .keys()
            .iter()
            .filter_map(|k| key(Context::Panel, k.action()));
        [step, key(Context::Panel, Action::PanelJump), open]
            .into_iter()
            .flatten()
            .chain(own)
            .chain(key(Context::Panel, Action::TogglePanelView))
            .collect()
    } else {
        [
            key(Context::Article, Action::FocusPanel),
            key(Context::Article, Action::TogglePanelView),
        ]
        .into_iter()
        .flatten()
        .collect()
    };
    if keys.is_empty() {
        String::new()
    } else {
        format!(" · {}", keys.join(" "))
    }
}

/// Draws the panel into `area` (its left border included).
pub(super) fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme();
    let focused = app.focus() == Context::Panel;
    let border = theme.ui(if focused {
        "ui.border.focused"
    } else {
        "ui.border"
    });
    let view = app.panels().current();
    let title = format!(" {}{} ", view.title(app), title_hints(app, view, focused));
    // Cut with an ellipsis, so that a narrow panel shows the hints go on
    // (`?` lists them all).
    let title = if title.width() > usize::from(area.width.saturating_sub(1)) {
        format!(
            "{} ",
            safe_text(title.trim_end(), usize::from(area.width.saturating_sub(2)))
        )
    } else {
        title
    };
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(border)
        .title(Span::styled(title, border));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.analysis().is_none() {
        let progress = format!(" analysing… {}%", app.analysis_progress() / 10);
        frame.render_widget(Paragraph::new(progress).style(theme.ui("ui.dim")), inner);
        return;
    }
    let footer = app.panel_footer_rows(inner.width, inner.height);
    // At most MAX_FOOTER_ROWS, and the list keeps two rows: fits in u16.
    let taken = u16::try_from(footer.len()).unwrap_or(0);
    let inner = if taken == 0 {
        inner
    } else {
        let rows = Rect::new(inner.x, inner.bottom() - taken, inner.width, taken);
        let lines: Vec<Line> = footer.into_iter().map(Line::from).collect();
        frame.render_widget(Paragraph::new(lines).style(theme.ui("ui.dim")), rows);
        Rect {
            height: inner.height - taken,
            ..inner
        }
    };
    view.draw(app, inner, frame.buffer_mut(), focused);
}
