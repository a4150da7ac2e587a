//! The panel's view of every open article at once (`folio a.txt b.html`):
//! entities merged by kind and name, with their mentions in all articles and
//! how many articles mention them.

use super::panel::{select_row_if, step_selection};
use crate::analysis::{Analysis, EntityKind};

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

/// Entities of every open article, grouped by kind, most mentioned first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusPanel {
    /// Merged entities.
    pub entities: Vec<CorpusEntity>,
    /// Headings and entities in display order.
    pub rows: Vec<CorpusRow>,
    /// Index into `rows` of the selected entity row.
    pub selected: Option<usize>,
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
        let selected = rows.iter().position(|r| matches!(r, CorpusRow::Entity(_)));
        Self {
            entities,
            rows,
            selected,
        }
    }

    /// The selected entity.
    pub fn selected_entity(&self) -> Option<&CorpusEntity> {
        match self.rows.get(self.selected?)? {
            CorpusRow::Entity(e) => self.entities.get(*e),
            CorpusRow::Heading(..) => None,
        }
    }

    /// Selects row `row` if it is an entity; returns whether it is.
    pub fn select_row(&mut self, row: usize) -> bool {
        select_row_if(&self.rows, &mut self.selected, row, |r| {
            matches!(r, CorpusRow::Entity(_))
        })
    }

    /// Moves the selection to the next (or previous) entity row, stopping
    /// at the ends.
    pub fn step(&mut self, forward: bool) {
        let is_entity = |row: &CorpusRow| matches!(row, CorpusRow::Entity(_));
        self.selected = step_selection(&self.rows, self.selected, forward, is_entity);
    }
}

impl super::App {
    /// `Enter` in the all-articles view: jumps to the selected entity's next
    /// mention in this article, or says it has none here.
    pub(crate) fn jump_to_corpus_entity(&mut self) {
        let Some(wanted) = self.corpus.as_ref().and_then(|c| c.selected_entity()) else {
            return;
        };
        let (kind, name) = (wanted.kind, wanted.name.clone());
        let here = self.analysis.as_ref().and_then(|a| {
            a.entities
                .iter()
                .position(|e| e.kind == kind && e.name == name)
        });
        let row = here.and_then(|e| {
            self.panel
                .rows
                .iter()
                .position(|r| *r == super::panel::PanelRow::Entity(e))
        });
        match row {
            Some(row) => {
                self.panel.selected = Some(row);
                self.jump_to_mention();
            }
            None => {
                let (next, prev) = (
                    self.key_hint(super::Action::NextArticle),
                    self.key_hint(super::Action::PrevArticle),
                );
                self.message = Some(format!(
                    "{} is not mentioned in this article ({next} and {prev} switch articles)",
                    crate::view::safe_line(&name)
                ));
            }
        }
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
            .rows
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
        assert_eq!(corpus.rows[0], CorpusRow::Heading(EntityKind::Person, 2));
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
