//! The links view: one row per link of an HTML or Markdown article, in
//! reading order, its text then its URL; `Enter` goes to it, `o` opens it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::draw::{render, row_style};
use super::{PanelCommand, PanelView, Rows, Selection};
use crate::app::{App, Target};
use crate::document::markup::MarkupKind;
use crate::safe_text::{safe_line, safe_text};

/// The article's links; row `i` is link `i` of
/// [`crate::document::markup::Markup::links`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinksView {
    list: Rows<usize>,
}

impl LinksView {
    /// The selected link (index into the article's links).
    pub fn selected_link(&self) -> Option<usize> {
        self.list.selected_row().copied()
    }
}

impl PanelView for LinksView {
    fn title(&self, app: &App) -> String {
        format!("Links ({})", app.document().markup().links.len())
    }

    fn available(&self, app: &App) -> bool {
        !app.document().markup().links.is_empty()
    }

    fn refresh(&mut self, app: &App) {
        let count = app.document().markup().links.len();
        if self.list.rows.len() != count {
            self.list = Rows::new((0..count).collect());
        }
    }

    fn rows(&self) -> Option<&dyn Selection> {
        Some(&self.list)
    }

    fn rows_mut(&mut self) -> Option<&mut dyn Selection> {
        Some(&mut self.list)
    }

    fn jump(&self, app: &App) -> Option<PanelCommand> {
        let links = &app.document().markup().links;
        let i = self.selected_link()?;
        let link = links.get(i)?;
        Some(PanelCommand::GoTo {
            span: link.span.clone(),
            target: Target::Sentence,
            message: Some(format!(
                "link {}/{}: {}",
                i + 1,
                links.len(),
                safe_line(&link.url)
            )),
        })
    }

    fn opens_links(&self) -> bool {
        true
    }

    /// Each link's text then its URL (dim); both cleaned of control
    /// characters and cut to the panel's width (the text to at most half).
    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer, focused: bool) {
        let theme = app.theme();
        let width = usize::from(area.width);
        let height = usize::from(area.height).max(1);
        let links = &app.document().markup().links;
        let lines: Vec<Line> = self
            .list
            .shown(height)
            .filter_map(|(row, &i)| Some((row, i, links.get(i)?)))
            .map(|(row, i, link)| {
                let text = app.document().slice(link.span.clone());
                let text = if text.trim().is_empty() {
                    "(no text)"
                } else {
                    text
                };
                let text = safe_text(text, (width.saturating_sub(3) / 2).max(1));
                let url = safe_text(&link.url, width.saturating_sub(text.width() + 4));
                let style = row_style(theme, Some(row) == self.list.selected, focused);
                Line::from(vec![
                    Span::styled("  ", style),
                    Span::styled(text, style.patch(theme.markup(MarkupKind::Link(i)))),
                    Span::styled(" ", style),
                    Span::styled(url, style.patch(theme.ui("ui.dim"))),
                ])
            })
            .collect();
        render(theme, lines, area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_through_links_and_stops_at_the_ends() {
        let mut view = LinksView {
            list: Rows::new(vec![0, 1, 2]),
        };
        assert_eq!(view.selected_link(), Some(0));
        view.step(false);
        assert_eq!(view.selected_link(), Some(0));
        view.step(true);
        view.step(true);
        view.step(true);
        assert_eq!(view.selected_link(), Some(2));
        assert!(!view.select_row(3));
        assert!(view.select_row(1));
        assert_eq!(view.selected_link(), Some(1));
        assert_eq!(LinksView::default().selected_link(), None);
    }
}
