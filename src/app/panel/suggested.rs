//! The `Suggested (N)` view: sentences worth checking, best first, with
//! their score and proposed label.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::draw::{render, row_style};
use super::{PanelCommand, PanelView, Rows, Selection};
use crate::app::App;
use crate::safe_text::safe_text;

/// Row `i` is suggestion `i` of `App::ranked_suggestions`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SuggestedView {
    list: Rows<usize>,
}

impl PanelView for SuggestedView {
    fn title(&self, app: &App) -> String {
        format!("Suggested ({})", app.ranked_suggestions().len())
    }

    fn available(&self, app: &App) -> bool {
        app.suggestions().next().is_some()
    }

    fn refresh(&mut self, app: &App) {
        let count = app.ranked_suggestions().len();
        let kept = self
            .list
            .selected
            .map(|row| row.min(count.saturating_sub(1)));
        self.list = Rows::new((0..count).collect());
        if let Some(row) = kept {
            self.list.select_row(row);
        }
    }

    fn rows(&self) -> Option<&dyn Selection> {
        Some(&self.list)
    }

    fn rows_mut(&mut self) -> Option<&mut dyn Selection> {
        Some(&mut self.list)
    }

    fn jump(&self, app: &App) -> Option<PanelCommand> {
        let rank = *self.list.selected_row()?;
        let ranked = app.ranked_suggestions();
        let s = ranked.get(rank)?;
        Some(PanelCommand::Suggestion(
            s.span.clone(),
            crate::app::suggestions::describe(s),
        ))
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer, focused: bool) {
        let theme = app.theme();
        let width = usize::from(area.width);
        let height = usize::from(area.height).max(1);
        let ranked = app.ranked_suggestions();
        let lines: Vec<Line> = self
            .list
            .shown(height)
            .filter_map(|(row, &rank)| Some((row, *ranked.get(rank)?)))
            .map(|(row, s)| {
                let style = row_style(theme, Some(row) == self.list.selected, focused);
                let head = format!(" {:.2} {:<10} ", s.score, s.label.as_str());
                let text = safe_text(
                    app.document().slice(s.span.clone()),
                    width.saturating_sub(head.width()).max(1),
                );
                Line::from(vec![
                    Span::styled(head, style.patch(theme.suggestion())),
                    Span::styled(text, style),
                ])
            })
            .collect();
        render(theme, lines, area, buf);
    }
}
