//! Drawing the [`App`] into a ratatui frame. Views read the app and ask the
//! theme for styles by meaning; they never change state or pick colours.

mod article;
mod claim_form;
mod correction_form;
mod help;
pub use crate::layout;
mod panel;
mod speaker_form;
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::app::{App, Mode};

/// Draws the whole screen. Call [`App::resize`] with the frame's size first.
pub fn draw(frame: &mut Frame, app: &App) {
    let areas = app.areas();
    if areas.too_small() {
        let text = format!(
            "window too small (need {}×{})",
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        );
        frame.render_widget(
            Paragraph::new(Line::from(text))
                .style(app.theme().text())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            areas.whole,
        );
        return;
    }
    frame.render_widget(
        ratatui::widgets::Block::new().style(app.theme().text()),
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

pub use crate::safe_text::safe_line;
pub(crate) use crate::safe_text::safe_text;

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
