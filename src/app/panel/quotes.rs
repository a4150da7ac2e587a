//! The quotations view: quotations grouped by speaker, in order of each
//! speaker's first quotation; unattributed speech, then scare quotes, last.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::draw::{render, render_note, row_style};
use super::{PanelCommand, PanelView, Row, Rows, Selection};
use crate::analysis::QuoteKind;
use crate::app::{App, Target};
use crate::safe_text::safe_text;

/// Group name for speech with no speaker.
pub const UNKNOWN_SPEAKER: &str = "speaker unknown";
/// Group name for scare quotes.
pub const SCARE_QUOTES: &str = "scare quotes";

/// One row of the quotations view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteRow {
    /// A speaker (or "speaker unknown", or "scare quotes") and how many
    /// quotations follow.
    Speaker(String, usize),
    /// A quotation: index into [`crate::analysis::Analysis::quotations`].
    Quote(usize),
}

impl Row for QuoteRow {
    fn selectable(&self) -> bool {
        matches!(self, QuoteRow::Quote(_))
    }
}

/// Quotations grouped by speaker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuotesView {
    list: Rows<QuoteRow>,
}

impl QuotesView {
    /// Groups `quotes` — each `(index, group name)` in reading order — by
    /// group name.
    pub fn new(quotes: &[(usize, String)]) -> Self {
        Self {
            list: Rows::new(rows(quotes)),
        }
    }

    /// The rows, in display order.
    pub fn rows(&self) -> &[QuoteRow] {
        &self.list.rows
    }

    /// The selected quotation (index into the analysis' quotations).
    pub fn selected_quote(&self) -> Option<usize> {
        match self.list.selected_row()? {
            QuoteRow::Quote(q) => Some(*q),
            QuoteRow::Speaker(..) => None,
        }
    }
}

fn rows(quotes: &[(usize, String)]) -> Vec<QuoteRow> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (index, name) in quotes {
        match groups.iter_mut().find(|(n, _)| n == name) {
            Some((_, members)) => members.push(*index),
            None => groups.push((name.clone(), vec![*index])),
        }
    }
    let last = |name: &str| match name {
        UNKNOWN_SPEAKER => 1,
        SCARE_QUOTES => 2,
        _ => 0,
    };
    groups.sort_by_key(|(name, _)| last(name));
    let mut rows = Vec::new();
    for (name, members) in groups {
        rows.push(QuoteRow::Speaker(name, members.len()));
        rows.extend(members.into_iter().map(QuoteRow::Quote));
    }
    rows
}

/// Each quotation of the app's analysis with the group it goes in: its
/// speaker as the reader or folio has it, else unknown or scare quotes.
fn grouped(app: &App) -> Vec<(usize, String)> {
    let Some(analysis) = app.analysis() else {
        return Vec::new();
    };
    analysis
        .quotations
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let fixed = app.annotations().speaker_fix(&q.span).is_some();
            let scare = q.kind == QuoteKind::Scare;
            let group = match app.quote_speaker(i).1 {
                Some(name) => name,
                None if scare && !fixed => SCARE_QUOTES.to_owned(),
                None => UNKNOWN_SPEAKER.to_owned(),
            };
            (i, group)
        })
        .collect()
}

impl PanelView for QuotesView {
    fn title(&self, _app: &App) -> String {
        "Quotes by speaker".to_owned()
    }

    fn refresh(&mut self, app: &App) {
        if app.analysis().is_none() {
            return;
        }
        let rows = rows(&grouped(app));
        // The selected quotation stays selected under its new speaker.
        let kept = self.selected_quote();
        self.list = Rows::new(rows);
        if let Some(kept) = kept {
            self.list.select(&QuoteRow::Quote(kept));
        }
    }

    fn rows(&self) -> Option<&dyn Selection> {
        Some(&self.list)
    }

    fn rows_mut(&mut self) -> Option<&mut dyn Selection> {
        Some(&mut self.list)
    }

    fn jump(&self, app: &App) -> Option<PanelCommand> {
        let i = self.selected_quote()?;
        let span = app.analysis()?.quotations.get(i)?.span.clone();
        Some(PanelCommand::GoTo {
            span,
            target: Target::Quote(i),
            message: None,
        })
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer, focused: bool) {
        let theme = app.theme();
        let Some(analysis) = app.analysis() else {
            return;
        };
        if self.list.rows.is_empty() {
            render_note(theme, " no quotations", area, buf);
            return;
        }
        let width = usize::from(area.width);
        let height = usize::from(area.height).max(1);
        let lines: Vec<Line> = self
            .list
            .shown(height)
            .map(|(i, row)| match row {
                QuoteRow::Speaker(name, count) => Line::from(Span::styled(
                    format!(" {} ({count})", safe_text(name, width.saturating_sub(8))),
                    theme.ui("ui.heading"),
                )),
                QuoteRow::Quote(q) => {
                    let text = analysis
                        .quotations
                        .get(*q)
                        .map_or("", |q| app.document().slice(q.span.clone()));
                    let style = row_style(theme, Some(i) == self.list.selected, focused);
                    Line::from(vec![
                        Span::styled("  ", style),
                        Span::styled(
                            safe_text(text, width.saturating_sub(3)),
                            style.patch(theme.quote(false)),
                        ),
                    ])
                }
            })
            .collect();
        render(theme, lines, area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_speaker_with_unknown_and_scare_last() {
        let quotes = [
            (0, SCARE_QUOTES.to_owned()),
            (1, "Emmanuel Macron".to_owned()),
            (2, UNKNOWN_SPEAKER.to_owned()),
            (3, "Emmanuel Macron".to_owned()),
        ];
        let mut panel = QuotesView::new(&quotes);
        assert_eq!(
            panel.rows(),
            [
                QuoteRow::Speaker("Emmanuel Macron".to_owned(), 2),
                QuoteRow::Quote(1),
                QuoteRow::Quote(3),
                QuoteRow::Speaker(UNKNOWN_SPEAKER.to_owned(), 1),
                QuoteRow::Quote(2),
                QuoteRow::Speaker(SCARE_QUOTES.to_owned(), 1),
                QuoteRow::Quote(0),
            ]
        );
        assert_eq!(panel.selected_quote(), Some(1));
        panel.step(true);
        panel.step(true);
        assert_eq!(panel.selected_quote(), Some(2));
    }
}
