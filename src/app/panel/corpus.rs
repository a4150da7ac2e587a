//! The panel's view of every open article at once (`folio a.txt b.html`):
//! entities merged by kind and name, with their mentions in all articles and
//! how many articles mention them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::draw::{entity_row, heading, heading_row, render, row_style};
use super::{PanelCommand, PanelView, Row, Rows, Selection};
use crate::analysis::{Analysis, EntityKind};
use crate::app::{Action, App};
use crate::safe_text::safe_line;

/// One entity across the open articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusEntity {
    /// Its kind (the same in every article it is merged from).
    pub kind: EntityKind,
    /// Its canonical name.
    pub name: String,
    /// Mentions in all open articles together.
    pub mentions: usize,
    /// Open articles that mention it.
    pub articles: usize,
}

/// One row of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorpusRow {
    /// A group heading and the number of entities in it.
    Heading(EntityKind, usize),
    /// An entity: index into [`CorpusPanel::entities`].
    Entity(usize),
}

impl Row for CorpusRow {
    fn selectable(&self) -> bool {
        matches!(self, CorpusRow::Entity(_))
    }
}

/// Entities of every open article, grouped by kind, most mentioned first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusPanel {
    /// Merged entities.
    pub entities: Vec<CorpusEntity>,
    /// Headings and entities in display order, and the selected entity row.
    list: Rows<CorpusRow>,
}

impl CorpusPanel {
    /// Merges the entities of `analyses` (one per open article) by kind and
    /// name.
    pub fn new(analyses: &[&Analysis]) -> Self {
        let mut entities: Vec<CorpusEntity> = Vec::new();
        for analysis in analyses {
            for entity in &analysis.entities {
                match entities
                    .iter_mut()
                    .find(|e| e.kind == entity.kind && e.name == entity.name)
                {
                    Some(merged) => {
                        merged.mentions += entity.mentions.len();
                        merged.articles += 1;
                    }
                    None => entities.push(CorpusEntity {
                        kind: entity.kind,
                        name: entity.name.clone(),
                        mentions: entity.mentions.len(),
                        articles: 1,
                    }),
                }
            }
        }
        let mut rows = Vec::new();
        for kind in EntityKind::ALL {
            let mut members: Vec<usize> = (0..entities.len())
                .filter(|&i| entities.get(i).is_some_and(|e| e.kind == kind))
                .collect();
            if members.is_empty() {
                continue;
            }
            members.sort_by_key(|&i| {
                let e = entities.get(i);
                (
                    std::cmp::Reverse(e.map_or((0, 0), |e| (e.articles, e.mentions))),
                    i,
                )
            });
            rows.push(CorpusRow::Heading(kind, members.len()));
            rows.extend(members.into_iter().map(CorpusRow::Entity));
        }
        Self {
            entities,
            list: Rows::new(rows),
        }
    }

    /// Headings and entities in display order.
    pub fn rows(&self) -> &[CorpusRow] {
        &self.list.rows
    }

    /// The selected entity.
    pub fn selected_entity(&self) -> Option<&CorpusEntity> {
        match self.list.selected_row()? {
            CorpusRow::Entity(e) => self.entities.get(*e),
            CorpusRow::Heading(..) => None,
        }
    }

    /// Moves the selection to the next (or previous) entity row, stopping
    /// at the ends.
    pub fn step(&mut self, forward: bool) {
        self.list.step(forward);
    }
}

/// The all-articles view: [`CorpusPanel`] once several articles are open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusView {
    corpus: Option<CorpusPanel>,
}

impl CorpusView {
    /// Shows `corpus`, keeping the selected entity when it is still listed.
    pub fn set(&mut self, mut corpus: CorpusPanel) {
        let kept = self
            .corpus
            .as_ref()
            .and_then(CorpusPanel::selected_entity)
            .map(|e| (e.kind, e.name.clone()));
        if let Some((kind, name)) = kept {
            let row = corpus.list.rows.iter().position(|r| match r {
                CorpusRow::Entity(e) => corpus
                    .entities
                    .get(*e)
                    .is_some_and(|e| e.kind == kind && e.name == name),
                CorpusRow::Heading(..) => false,
            });
            corpus.list.selected = row.or(corpus.list.selected);
        }
        self.corpus = Some(corpus);
    }
}

impl PanelView for CorpusView {
    fn title(&self, _app: &App) -> String {
        "All articles".to_owned()
    }

    fn available(&self, _app: &App) -> bool {
        self.corpus.is_some()
    }

    fn refresh(&mut self, _app: &App) {
        // Set from outside (every open article's analysis) by `set`.
    }

    fn rows(&self) -> Option<&dyn Selection> {
        Some(&self.corpus.as_ref()?.list)
    }

    fn rows_mut(&mut self) -> Option<&mut dyn Selection> {
        Some(&mut self.corpus.as_mut()?.list)
    }

    /// The selected entity's next mention in this article, or a message
    /// that it has none here.
    fn jump(&self, app: &App) -> Option<PanelCommand> {
        let wanted = self.corpus.as_ref()?.selected_entity()?;
        let here = app.analysis().and_then(|a| {
            a.entities
                .iter()
                .position(|e| e.kind == wanted.kind && e.name == wanted.name)
        });
        Some(match here {
            Some(e) => PanelCommand::NextMention(e),
            None => {
                let (next, prev) = (
                    app.key_hint(Action::NextArticle),
                    app.key_hint(Action::PrevArticle),
                );
                PanelCommand::Message(format!(
                    "{} is not mentioned in this article ({next} and {prev} switch articles)",
                    safe_line(&wanted.name)
                ))
            }
        })
    }

    /// Entities of every open article, with their mentions in all of them
    /// and in how many articles (`10 in 2`).
    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer, focused: bool) {
        let Some(corpus) = &self.corpus else {
            return;
        };
        let theme = app.theme();
        let width = usize::from(area.width);
        let height = usize::from(area.height).max(1);
        let lines: Vec<Line> = corpus
            .list
            .shown(height)
            .map(|(i, row)| match *row {
                CorpusRow::Heading(kind, count) => heading_row(theme, heading(kind), count, width),
                CorpusRow::Entity(e) => {
                    let Some(entity) = corpus.entities.get(e) else {
                        return Line::default();
                    };
                    let style = row_style(theme, Some(i) == corpus.list.selected, focused);
                    let count = format!("{} in {}", entity.mentions, entity.articles);
                    // One row stands for many articles' entities, each
                    // with its own evidence: no mark.
                    entity_row(theme, style, width, &entity.name, entity.kind, false, count)
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
    fn merges_by_kind_and_name_and_counts_articles() {
        let a = Analysis {
            entities: vec![
                Entity::with_mentions("Emmanuel Macron", EntityKind::Person, 7),
                Entity::with_mentions("Kyiv", EntityKind::Place, 1),
            ],
            ..Analysis::default()
        };
        let b = Analysis {
            entities: vec![
                Entity::with_mentions("Olaf Scholz", EntityKind::Person, 9),
                Entity::with_mentions("Emmanuel Macron", EntityKind::Person, 3),
            ],
            ..Analysis::default()
        };
        let mut corpus = CorpusPanel::new(&[&a, &b]);
        let shown: Vec<(String, usize, usize)> = corpus
            .rows()
            .iter()
            .filter_map(|r| match r {
                CorpusRow::Entity(e) => corpus.entities.get(*e),
                CorpusRow::Heading(..) => None,
            })
            .map(|e| (e.name.clone(), e.mentions, e.articles))
            .collect();
        // In both articles first, then by mentions.
        assert_eq!(
            shown,
            [
                ("Emmanuel Macron".to_owned(), 10, 2),
                ("Olaf Scholz".to_owned(), 9, 1),
                ("Kyiv".to_owned(), 1, 1),
            ]
        );
        assert_eq!(corpus.rows()[0], CorpusRow::Heading(EntityKind::Person, 2));
        corpus.step(true);
        assert_eq!(
            corpus.selected_entity().map(|e| e.name.as_str()),
            Some("Olaf Scholz")
        );
        corpus.step(true);
        corpus.step(true);
        assert_eq!(
            corpus.selected_entity().map(|e| e.name.as_str()),
            Some("Kyiv")
        );
    }
}
