//! The entities view: people, places, organisations and other entities,
//! most mentioned first, with mention counts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::draw::{entity_row, heading, heading_row, render, render_note, row_style};
use super::{PanelCommand, PanelView, Row, Rows, Selection};
use crate::analysis::{Analysis, EntityKind};
use crate::app::App;

/// One row of the entities view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityRow {
    /// A group heading with the number of entities in the group.
    Heading(EntityKind, usize),
    /// An entity: index into [`Analysis::entities`].
    Entity(usize),
}

impl Row for EntityRow {
    fn selectable(&self) -> bool {
        matches!(self, EntityRow::Entity(_))
    }
}

/// Entities grouped by kind, most mentioned first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntitiesView {
    list: Rows<EntityRow>,
}

impl EntitiesView {
    /// Groups of [`EntityKind::ALL`] (empty groups left out); inside a group,
    /// most mentions first, ties in order of first mention.
    pub fn new(analysis: &Analysis) -> Self {
        Self {
            list: Rows::new(rows(analysis)),
        }
    }

    /// The rows, in display order.
    pub fn rows(&self) -> &[EntityRow] {
        &self.list.rows
    }

    /// The selected row.
    pub fn selected_row(&self) -> Option<usize> {
        self.list.selected
    }

    /// The selected entity (index into [`Analysis::entities`]).
    pub fn selected_entity(&self) -> Option<usize> {
        match self.list.selected_row()? {
            EntityRow::Entity(e) => Some(*e),
            EntityRow::Heading(..) => None,
        }
    }

    /// Selects the row of entity `entity` (index into [`Analysis::entities`]).
    pub fn select_entity(&mut self, entity: usize) {
        self.list.select(&EntityRow::Entity(entity));
    }
}

fn rows(analysis: &Analysis) -> Vec<EntityRow> {
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
        rows.push(EntityRow::Heading(kind, members.len()));
        rows.extend(members.into_iter().map(EntityRow::Entity));
    }
    rows
}

impl PanelView for EntitiesView {
    fn title(&self, _app: &App) -> String {
        "Entities".to_owned()
    }

    fn refresh(&mut self, app: &App) {
        // Entity indices change with corrections: a new analysis starts over.
        if let Some(analysis) = app.analysis() {
            let kept = self.selected_entity();
            self.list = Rows::new(rows(analysis));
            if let Some(kept) = kept {
                self.select_entity(kept);
            }
        }
    }

    fn rows(&self) -> Option<&dyn Selection> {
        Some(&self.list)
    }

    fn rows_mut(&mut self) -> Option<&mut dyn Selection> {
        Some(&mut self.list)
    }

    fn jump(&self, _app: &App) -> Option<PanelCommand> {
        self.selected_entity().map(PanelCommand::NextMention)
    }

    fn footer(&self, app: &App) -> Option<String> {
        // Why the selected entity got its type ("title: President", …).
        let entity = app.analysis()?.entities.get(self.selected_entity()?)?;
        // A guess names no evidence of its kind, which its group heading
        // gives: the line is short enough for the panel.
        if entity.reason.is_guess() {
            Some(format!(" a guess: {}", entity.reason))
        } else {
            Some(format!(" {}: {}", entity.kind.as_str(), entity.reason))
        }
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer, focused: bool) {
        let Some(analysis) = app.analysis() else {
            return;
        };
        let theme = app.theme();
        if self.list.rows.is_empty() {
            render_note(theme, " no entities", area, buf);
            return;
        }
        let width = usize::from(area.width);
        let height = usize::from(area.height).max(1);
        let lines: Vec<Line> = self
            .list
            .shown(height)
            .map(|(i, row)| match *row {
                EntityRow::Heading(kind, count) => heading_row(theme, heading(kind), count, width),
                EntityRow::Entity(e) => {
                    let Some(entity) = analysis.entities.get(e) else {
                        return Line::default();
                    };
                    let style = row_style(theme, Some(i) == self.list.selected, focused);
                    let count = entity.mentions.len().to_string();
                    let guess = entity.reason.is_guess();
                    entity_row(theme, style, width, &entity.name, entity.kind, guess, count)
                }
            })
            .collect();
        render(theme, lines, area, buf);
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
        let mut panel = EntitiesView::new(&analysis);
        assert_eq!(
            panel.rows(),
            [
                EntityRow::Heading(EntityKind::Person, 3),
                EntityRow::Entity(2),
                EntityRow::Entity(0),
                EntityRow::Entity(3),
                EntityRow::Heading(EntityKind::Place, 1),
                EntityRow::Entity(1),
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
