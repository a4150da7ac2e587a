//! The side panel's frame: its border, its title with the keys that work
//! there, progress while analysing, and the footer line; the view shown
//! ([`crate::app::panel::PanelView`]) draws its own rows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

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
    let focused = app.focus == Context::Panel;
    let border = theme.ui(if focused {
        "ui.border.focused"
    } else {
        "ui.border"
    });
    let view = app.panels().current();
    let title = format!(" {}{} ", view.title(app), title_hints(app, view, focused));
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(border)
        .title(Span::styled(title, border));
    let inner = reanchoring(frame, app, block.inner(area));
    frame.render_widget(block, area);
    if app.analysis().is_none() {
        let progress = format!(" analysing… {}%", app.analysis_progress / 10);
        frame.render_widget(Paragraph::new(progress).style(theme.ui("ui.dim")), inner);
        return;
    }
    let inner = match app.panel_footer() {
        Some(footer) if inner.height > 2 => {
            let row = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
            let footer = safe_text(&footer, usize::from(inner.width));
            frame.render_widget(Paragraph::new(footer).style(theme.ui("ui.dim")), row);
            Rect {
                height: inner.height - 1,
                ..inner
            }
        }
        _ => inner,
    };
    view.draw(app, inner, frame.buffer_mut(), focused);
}

/// Draws, at the bottom of `area`, the claims re-anchoring could not place
/// (orphaned, with the words they were made on) and those whose words
/// changed (old and new words); returns the rest of `area`. Takes at most
/// half of it; nothing when every claim is where it was.
fn reanchoring(frame: &mut Frame, app: &App, area: Rect) -> Rect {
    let theme = app.theme();
    let width = usize::from(area.width);
    let annotations = app.annotations();
    let text = |s: &str, indent: usize| safe_text(s, width.saturating_sub(indent + 1));
    let mut lines = Vec::new();
    let orphans = annotations.orphans();
    if !orphans.is_empty() {
        lines.push(Line::styled(
            format!(" Orphaned claims ({})", orphans.len()),
            theme.ui("ui.heading"),
        ));
        for orphan in orphans {
            let row = format!("  {} {}", orphan.id, orphan.exact);
            lines.push(Line::styled(text(&row, 0), theme.ui("ui.dim")));
        }
    }
    let changed: Vec<(&str, &str)> = annotations.changed_claims().collect();
    if !changed.is_empty() {
        lines.push(Line::styled(
            format!(" Changed claims ({})", changed.len()),
            theme.ui("ui.heading"),
        ));
        for (id, was) in changed {
            let now = annotations
                .claims()
                .iter()
                .find(|c| c.id == id)
                .map_or("", |c| app.document().slice(c.span.clone()));
            let (was, now) = around_first_difference(was, now);
            let was = format!("  {id} was: {was}");
            let now = format!("  {} now: {now}", " ".repeat(id.chars().count()));
            lines.push(Line::styled(text(&was, 0), theme.ui("ui.dim")));
            lines.push(Line::styled(text(&now, 0), theme.text()));
        }
    }
    let rows = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .min(area.height / 2);
    if rows == 0 {
        return area;
    }
    let bottom = Rect::new(area.x, area.bottom() - rows, area.width, rows);
    frame.render_widget(Paragraph::new(lines).style(theme.text()), bottom);
    Rect {
        height: area.height - rows,
        ..area
    }
}

/// `was` and `now` from a few chars before where they first differ (with
/// `…` when cut), so that a narrow panel shows what changed.
fn around_first_difference(was: &str, now: &str) -> (String, String) {
    const LEAD: usize = 8;
    let same = was
        .chars()
        .zip(now.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let skip = same.saturating_sub(LEAD);
    let cut = |s: &str| {
        let rest: String = s.chars().skip(skip).collect();
        if skip > 0 { format!("…{rest}") } else { rest }
    };
    (cut(was), cut(now))
}
