//! The panel's view of every open article at once (`folio a.txt b.html`):
//! entities merged by kind and name, with their mentions in all articles and
//! how many articles mention them.

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::draw::{entity_row, heading, heading_row, render, row_style};
use super::{PanelCommand, PanelView, Row, Rows, Selection};
use crate::analysis::{Analysis, EntityKind};
use crate::app::{Action, App, Effect};
use crate::keymap::Context;
use crate::safe_text::safe_line;

mod short_names;

/// One entity across the open articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusEntity {
    /// Its kind (the same in every article it is merged from).
    pub kind: EntityKind,
    /// Its canonical name.
    pub name: String,
    /// Mentions in all open articles together.
    pub mentions: usize,
    /// The open articles that mention it: indices in the order the
    /// articles were given, ascending.
    pub articles: Vec<usize>,
    /// Other names it has in some articles: a person's surname, in
    /// articles that never name them in full ("Obama" of "Barack Obama").
    pub also: Vec<String>,
}

impl CorpusEntity {
    /// Whether `entity`, of one article, is (part of) this one.
    fn is(&self, entity: &crate::analysis::Entity) -> bool {
        entity.kind == self.kind && (entity.name == self.name || self.also.contains(&entity.name))
    }
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
    /// Merged entities, shared by clones (every open article's view).
    pub entities: Arc<[CorpusEntity]>,
    /// How many articles are open.
    pub articles: usize,
    /// Headings and entities in display order, and the selected entity row.
    list: Rows<CorpusRow>,
}

impl CorpusPanel {
    /// Merges the entities of `analyses` (one per open article, in the
    /// order the articles were given; `None` for one not analysed yet) by
    /// kind and name, and a person's surname used alone into their full
    /// name, when the open articles give one person that surname.
    pub fn new(analyses: &[Option<&Analysis>]) -> Self {
        let mut entities: Vec<CorpusEntity> = Vec::new();
        // Where each kind and name is in `entities`: a folder of hundreds
        // of articles has tens of thousands of names.
        let mut index: HashMap<(EntityKind, &str), usize> = HashMap::new();
        for (article, analysis) in analyses.iter().enumerate() {
            for entity in analysis.iter().flat_map(|a| &a.entities) {
                let key = (entity.kind, entity.name.as_str());
                match index.get(&key).and_then(|&i| entities.get_mut(i)) {
                    Some(merged) => {
                        merged.mentions += entity.mentions.len();
                        // An article lists a name once; checked all the same.
                        if merged.articles.last() != Some(&article) {
                            merged.articles.push(article);
                        }
                    }
                    None => {
                        index.insert(key, entities.len());
                        entities.push(CorpusEntity {
                            kind: entity.kind,
                            name: entity.name.clone(),
                            mentions: entity.mentions.len(),
                            articles: vec![article],
                            also: Vec::new(),
                        });
                    }
                }
            }
        }
        let entities = short_names::join_short_names(entities);
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
                    std::cmp::Reverse(e.map_or((0, 0), |e| (e.articles.len(), e.mentions))),
                    i,
                )
            });
            rows.push(CorpusRow::Heading(kind, members.len()));
            rows.extend(members.into_iter().map(CorpusRow::Entity));
        }
        Self {
            articles: analyses.len(),
            entities: entities.into(),
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

    /// Selects the row of entity `entity` (an index into
    /// [`CorpusPanel::entities`]); returns whether it is listed.
    pub fn select_entity(&mut self, entity: usize) -> bool {
        let row = self
            .list
            .rows
            .iter()
            .position(|r| *r == CorpusRow::Entity(entity));
        if row.is_some() {
            self.list.selected = row;
        }
        row.is_some()
    }
}

/// The open article to show for an entity that article `here` does not
/// mention: the first after it (going round) of those that do, given in
/// ascending order.
fn next_article(articles: &[usize], here: usize) -> Option<usize> {
    articles
        .iter()
        .find(|&&a| a > here)
        .or_else(|| articles.first())
        .copied()
        .filter(|&a| a != here)
}

/// The all-articles view: [`CorpusPanel`] once several articles are open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusView {
    corpus: Option<CorpusPanel>,
    /// Which open article this view is shown with (an index in the order
    /// the articles were given).
    here: usize,
}

impl CorpusView {
    /// Shows `corpus` with open article `here`, keeping the selected entity
    /// when it is still listed.
    pub fn set(&mut self, mut corpus: CorpusPanel, here: usize) {
        self.here = here;
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

impl App {
    /// Shows all-articles entity `entity` (an index into
    /// [`CorpusPanel::entities`]) in this article, which the main loop has
    /// just put on screen for [`crate::app::Effect::ShowInArticle`]: the
    /// all-articles view in focus with the entity selected, so that
    /// `Enter` goes on to its next mention, and the reader at its first
    /// mention. `went_round` says the list of articles was gone round to
    /// reach this one (it comes before the one left), which the message
    /// then says.
    pub fn show_corpus_entity(&mut self, entity: usize, went_round: bool) {
        self.focus = Context::Panel;
        self.panels.show(|p| &p.corpus);
        if let Some(corpus) = self.panels.corpus.corpus.as_mut() {
            corpus.select_entity(entity);
        }
        // None when the view was built before this article's entities
        // changed and it does not mention the entity now.
        let Some(here) = self.panels.corpus.mentioned_here(self, entity) else {
            return;
        };
        // From its first mention here, wherever the reader was last time.
        self.panels.entities.select_entity(here);
        self.jump_to_first_mention();
        // Which article this is, briefly: the status bar may leave the
        // article's name out to make room for a message.
        let article = self.panels.corpus.here + 1;
        let count = self.panels.corpus.corpus.as_ref().map_or(0, |c| c.articles);
        let round = if went_round { "back round to " } else { "" };
        if let Some(message) = &self.message {
            self.message = Some(format!("{message} · {round}article {article}/{count}"));
        }
    }
}

impl CorpusView {
    /// Entity `entity` of the list (an index into
    /// [`CorpusPanel::entities`]) as an index into `app`'s entities, when
    /// this article mentions it.
    fn mentioned_here(&self, app: &App, entity: usize) -> Option<usize> {
        let wanted = self.corpus.as_ref()?.entities.get(entity)?;
        let entities = &app.analysis()?.entities;
        // Its full name first, should the article also list the surname
        // on its own.
        entities
            .iter()
            .position(|e| e.kind == wanted.kind && e.name == wanted.name)
            .or_else(|| entities.iter().position(|e| wanted.is(e)))
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

    /// The selected entity's next mention in this article; for an entity
    /// this article does not mention, the next open article that does.
    fn jump(&self, app: &App) -> Option<PanelCommand> {
        let corpus = self.corpus.as_ref()?;
        let row = corpus.list.selected_row()?;
        let CorpusRow::Entity(entity) = *row else {
            return None;
        };
        let wanted = corpus.entities.get(entity)?;
        let here = self.mentioned_here(app, entity);
        // On its last mention here, `Enter` goes on to the next article
        // that mentions it, so that it steps through every mention of all.
        let on_last_mention = |e: usize| {
            let last = app
                .analysis()
                .and_then(|a| a.entities.get(e))
                .and_then(|e| e.mentions.last());
            last.is_some() && app.selected_mention() == last
        };
        Some(match (here, next_article(&wanted.articles, self.here)) {
            (Some(e), Some(article)) if on_last_mention(e) => {
                PanelCommand::Effect(Effect::ShowInArticle { article, entity })
            }
            (Some(e), _) => PanelCommand::NextMention(e),
            (None, Some(article)) => {
                PanelCommand::Effect(Effect::ShowInArticle { article, entity })
            }
            (None, None) => {
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

    /// How many of the open articles mention the selected entity, and the
    /// surname it goes by in those that never name it in full.
    fn footer(&self, _app: &App) -> Option<String> {
        let corpus = self.corpus.as_ref()?;
        let entity = corpus.selected_entity()?;
        let (mentioned, open) = (entity.articles.len(), corpus.articles);
        let mut line = format!(" in {mentioned} of {open} articles");
        if !entity.also.is_empty() {
            let names: Vec<String> = entity
                .also
                .iter()
                .map(|name| format!("“{}”", safe_line(name)))
                .collect();
            line.push_str(&format!(
                "; as {} where no full name is given",
                names.join(", ")
            ));
        }
        Some(line)
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
                    let count = format!("{} in {}", entity.mentions, entity.articles.len());
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
    fn an_entity_elsewhere_is_shown_in_the_next_article_that_mentions_it() {
        assert_eq!(next_article(&[0, 2, 5], 2), Some(5));
        assert_eq!(next_article(&[0, 2, 5], 3), Some(5));
        // Round to the first after the last.
        assert_eq!(next_article(&[0, 2, 5], 5), Some(0));
        assert_eq!(next_article(&[1], 4), Some(1));
        // Only here: nowhere else to go.
        assert_eq!(next_article(&[4], 4), None);
        assert_eq!(next_article(&[], 0), None);
    }

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
        let mut corpus = CorpusPanel::new(&[Some(&a), None, Some(&b)]);
        let shown: Vec<(String, usize, Vec<usize>)> = corpus
            .rows()
            .iter()
            .filter_map(|r| match r {
                CorpusRow::Entity(e) => corpus.entities.get(*e),
                CorpusRow::Heading(..) => None,
            })
            .map(|e| (e.name.clone(), e.mentions, e.articles.clone()))
            .collect();
        // In both analysed articles first, then by mentions; the second
        // article, not analysed yet, mentions nothing.
        assert_eq!(
            shown,
            [
                ("Emmanuel Macron".to_owned(), 10, vec![0, 2]),
                ("Olaf Scholz".to_owned(), 9, vec![2]),
                ("Kyiv".to_owned(), 1, vec![0]),
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
