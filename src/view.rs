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
    blank_unseen_styles(frame.buffer_mut());
}

/// Gives each run of spaces that shows nothing of its style (no
/// background, no underline, reversal or strike) the default style, when
/// the run is at least [`BLANK_RUN`] wide. It looks the same, and the
/// terminal is then sent a jump over the run instead of the spaces: the
/// first frame of an article shrinks by about a third (7.0 to 4.4 KB for
/// a 10 KB article at 120×40), which a terminal such as tmux reads sooner.
fn blank_unseen_styles(buffer: &mut ratatui::buffer::Buffer) {
    use ratatui::style::{Color, Modifier};
    let seen = Modifier::UNDERLINED | Modifier::REVERSED | Modifier::CROSSED_OUT;
    let width = usize::from(buffer.area.width).max(1);
    for row in buffer.content.chunks_mut(width) {
        let mut run = 0;
        for x in 0..=row.len() {
            let plain = row.get(x).is_some_and(|cell| {
                cell.symbol() == " " && cell.bg == Color::Reset && !cell.modifier.intersects(seen)
            });
            if plain {
                run += 1;
                continue;
            }
            if run >= BLANK_RUN
                && let Some(cells) = row.get_mut(x - run..x)
            {
                cells.iter_mut().for_each(ratatui::buffer::Cell::reset);
            }
            run = 0;
        }
    }
}

/// The shortest run of spaces worth a cursor jump (which takes 6 to 8 bytes).
const BLANK_RUN: usize = 8;

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

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::style::{Color, Modifier, Style};

    use super::*;

    #[test]
    fn long_runs_of_plain_spaces_lose_their_unseen_style_and_nothing_else_does() {
        let text = Style::new().fg(Color::Rgb(216, 222, 233));
        let mut buffer = Buffer::empty(Rect::new(0, 0, 30, 2));
        // "a b" then 27 spaces, all in the text colour.
        buffer.set_string(0, 0, format!("a b{}", " ".repeat(27)), text);
        // Ten spaces underlined, then ten on a background.
        buffer.set_string(
            0,
            1,
            " ".repeat(10),
            text.add_modifier(Modifier::UNDERLINED),
        );
        buffer.set_string(10, 1, " ".repeat(10), text.bg(Color::Blue));
        blank_unseen_styles(&mut buffer);
        // The space between words is short: it keeps its colour.
        assert_eq!(buffer[(1, 0)].fg, Color::Rgb(216, 222, 233));
        assert_eq!(buffer[(0, 0)].fg, Color::Rgb(216, 222, 233));
        // The 27 trailing spaces are a blank run.
        assert_eq!(buffer[(3, 0)], ratatui::buffer::Cell::default());
        assert_eq!(buffer[(29, 0)], ratatui::buffer::Cell::default());
        // Underline and background show on a space: kept.
        assert!(buffer[(0, 1)].modifier.contains(Modifier::UNDERLINED));
        assert_eq!(buffer[(15, 1)].bg, Color::Blue);
        // Rows are separate: the last 10 cells of row 1 were never styled.
        assert_eq!(buffer[(25, 1)], ratatui::buffer::Cell::default());
    }
}
