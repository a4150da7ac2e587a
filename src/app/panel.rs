//! The side panel's model: entities grouped by kind, most mentioned first.

use crate::analysis::{Analysis, EntityKind};

/// One row of the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelRow {
    /// A group heading with the number of entities in the group.
    Heading(EntityKind, usize),
    /// An entity: index into [`Analysis::entities`].
    Entity(usize),
}

/// Panel rows and which entity is selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Panel {
    /// Headings and entities in display order.
    pub rows: Vec<PanelRow>,
    /// Index into `rows` of the selected entity row (if any entity exists).
    pub selected: Option<usize>,
}

impl Panel {
    /// Groups of [`EntityKind::ALL`] (empty groups left out); inside a group,
    /// most mentions first, ties in order of first mention.
    pub fn new(analysis: &Analysis) -> Self {
        let mut rows = Vec::new();
        for kind in EntityKind::ALL {
            let mut members: Vec<usize> = (0..analysis.entities.len())
                .filter(|&i| analysis.entities.get(i).is_some_and(|e| e.kind == kind))
                .collect();
            if members.is_empty() {
                continue;
            }
            members.sort_by_key(|&i| {
                let count = analysis.entities.get(i).map_or(0, |e| e.mentions.len());
                (std::cmp::Reverse(count), i)
            });
            rows.push(PanelRow::Heading(kind, members.len()));
            rows.extend(members.into_iter().map(PanelRow::Entity));
        }
        let selected = rows.iter().position(|r| matches!(r, PanelRow::Entity(_)));
        Self { rows, selected }
    }

    /// The selected entity (index into [`Analysis::entities`]).
    pub fn selected_entity(&self) -> Option<usize> {
        match self.rows.get(self.selected?)? {
            PanelRow::Entity(e) => Some(*e),
            PanelRow::Heading(..) => None,
        }
    }

    /// Selects row `row` if it is an entity; returns whether it is.
    pub fn select_row(&mut self, row: usize) -> bool {
        select_row_if(&self.rows, &mut self.selected, row, |r| {
            matches!(r, PanelRow::Entity(_))
        })
    }

    /// Selects the row of entity `entity` (index into [`Analysis::entities`]).
    pub fn select_entity(&mut self, entity: usize) {
        if let Some(row) = self
            .rows
            .iter()
            .position(|r| *r == PanelRow::Entity(entity))
        {
            self.selected = Some(row);
        }
    }

    /// Moves the selection `forward` (or back) to the next entity row, stopping
    /// at the ends.
    pub fn step(&mut self, forward: bool) {
        let is_entity = |row: &PanelRow| matches!(row, PanelRow::Entity(_));
        self.selected = step_selection(&self.rows, self.selected, forward, is_entity);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Entity;

    #[test]
    fn groups_by_kind_most_mentioned_first() {
        let analysis = Analysis {
            entities: vec![
                Entity::with_mentions("Biden", EntityKind::Person, 2),
                Entity::with_mentions("Kyiv", EntityKind::Place, 1),
                Entity::with_mentions("Macron", EntityKind::Person, 7),
                Entity::with_mentions("Putin", EntityKind::Person, 2),
            ],
            ..Analysis::default()
        };
        let mut panel = Panel::new(&analysis);
        assert_eq!(
            panel.rows,
            [
                PanelRow::Heading(EntityKind::Person, 3),
                PanelRow::Entity(2),
                PanelRow::Entity(0),
                PanelRow::Entity(3),
                PanelRow::Heading(EntityKind::Place, 1),
                PanelRow::Entity(1),
            ]
        );
        assert_eq!(panel.selected_entity(), Some(2));
        panel.step(true);
        panel.step(true);
        panel.step(true);
        assert_eq!(panel.selected_entity(), Some(1));
        panel.step(true);
        assert_eq!(panel.selected_entity(), Some(1));
        panel.step(false);
        assert_eq!(panel.selected_entity(), Some(3));
    }
}

/// The first row a panel list `height` rows tall shows: the top, or far
/// enough down that the selected row is on screen with the row after it
/// (the view draws from here; a mouse click counts from here).
pub fn first_shown(selected: Option<usize>, height: usize) -> usize {
    (selected.unwrap_or(0) + 2).saturating_sub(height.max(1))
}

/// Selects row `row` of `rows` if `selectable` accepts it; returns whether it
/// did (a click on a heading selects nothing).
pub(super) fn select_row_if<T>(
    rows: &[T],
    selected: &mut Option<usize>,
    row: usize,
    selectable: impl Fn(&T) -> bool,
) -> bool {
    let accepted = rows.get(row).is_some_and(selectable);
    if accepted {
        *selected = Some(row);
    }
    accepted
}

/// The selection after one step through `rows` from `selected`, forward or
/// back, to the next row that `selectable` accepts; it stays put at the ends.
pub(super) fn step_selection<T>(
    rows: &[T],
    selected: Option<usize>,
    forward: bool,
    selectable: impl Fn(&T) -> bool,
) -> Option<usize> {
    let current = selected?;
    let accepts = |i: &usize| rows.get(*i).is_some_and(&selectable);
    let next = if forward {
        (current + 1..rows.len()).find(accepts)
    } else {
        (0..current).rev().find(accepts)
    };
    next.or(Some(current))
}

/// Which list the panel shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PanelView {
    /// People, places, organisations and other entities.
    #[default]
    Entities,
    /// Quotations grouped by speaker.
    Quotes,
    /// Entities of every open article (when several are open).
    AllArticles,
    /// The article's links (HTML and Markdown articles that have any).
    Links,
    /// Sentences worth checking, best first (when there are any).
    Suggested,
}

/// The links view: one row per link of the article, in reading order
/// (row `i` is [`crate::document::markup::Markup::links`]`[i]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkPanel {
    /// Index of the selected link; `None` when the article has none.
    pub selected: Option<usize>,
}

impl LinkPanel {
    /// A view of `count` links with the first one selected.
    pub fn new(count: usize) -> Self {
        Self {
            selected: (count > 0).then_some(0),
        }
    }

    /// Selects link `row` if there is one (of `count`); returns whether there is.
    pub fn select_row(&mut self, row: usize, count: usize) -> bool {
        let exists = row < count;
        if exists {
            self.selected = Some(row);
        }
        exists
    }

    /// Moves the selection to the next (or previous) of `count` links.
    pub fn step(&mut self, count: usize, forward: bool) {
        let rows = vec![(); count];
        self.selected = step_selection(&rows, self.selected, forward, |_| true);
    }
}

#[cfg(test)]
mod link_panel_tests {
    use super::*;

    #[test]
    fn steps_through_links_and_stops_at_the_ends() {
        let mut panel = LinkPanel::new(3);
        assert_eq!(panel.selected, Some(0));
        panel.step(3, false);
        assert_eq!(panel.selected, Some(0));
        panel.step(3, true);
        panel.step(3, true);
        panel.step(3, true);
        assert_eq!(panel.selected, Some(2));
        assert!(!panel.select_row(3, 3));
        assert!(panel.select_row(1, 3));
        assert_eq!(panel.selected, Some(1));
        assert_eq!(LinkPanel::new(0).selected, None);
    }
}

/// One row of the quotations view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteRow {
    /// A speaker (or "speaker unknown", or "scare quotes") and how many
    /// quotations follow.
    Speaker(String, usize),
    /// A quotation: index into [`Analysis::quotations`].
    Quote(usize),
}

/// The quotations view: quotations grouped by speaker, in order of each
/// speaker's first quotation; unattributed speech, then scare quotes, last.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuotePanel {
    /// Headings and quotations in display order.
    pub rows: Vec<QuoteRow>,
    /// Index into `rows` of the selected quotation.
    pub selected: Option<usize>,
}

/// Group name for speech with no speaker.
pub const UNKNOWN_SPEAKER: &str = "speaker unknown";
/// Group name for scare quotes.
pub const SCARE_QUOTES: &str = "scare quotes";

impl QuotePanel {
    /// Groups `quotes` — each `(index, group name)` in reading order — by
    /// group name.
    pub fn new(quotes: &[(usize, String)]) -> Self {
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
        let selected = rows.iter().position(|r| matches!(r, QuoteRow::Quote(_)));
        Self { rows, selected }
    }

    /// The selected quotation (index into [`Analysis::quotations`]).
    pub fn selected_quote(&self) -> Option<usize> {
        match self.rows.get(self.selected?)? {
            QuoteRow::Quote(q) => Some(*q),
            QuoteRow::Speaker(..) => None,
        }
    }

    /// Selects row `row` if it is a quotation; returns whether it is.
    pub fn select_row(&mut self, row: usize) -> bool {
        select_row_if(&self.rows, &mut self.selected, row, |r| {
            matches!(r, QuoteRow::Quote(_))
        })
    }

    /// Moves the selection to the next (or previous) quotation row.
    pub fn step(&mut self, forward: bool) {
        let is_quote = |row: &QuoteRow| matches!(row, QuoteRow::Quote(_));
        self.selected = step_selection(&self.rows, self.selected, forward, is_quote);
    }
}

#[cfg(test)]
mod quote_panel_tests {
    use super::*;

    #[test]
    fn groups_by_speaker_with_unknown_and_scare_last() {
        let quotes = [
            (0, SCARE_QUOTES.to_owned()),
            (1, "Emmanuel Macron".to_owned()),
            (2, UNKNOWN_SPEAKER.to_owned()),
            (3, "Emmanuel Macron".to_owned()),
        ];
        let mut panel = QuotePanel::new(&quotes);
        assert_eq!(
            panel.rows,
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
