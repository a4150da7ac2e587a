//! The side panel: one [`PanelView`] per list it can show (entities,
//! quotations, claims, all articles, links, suggestions), each owning its
//! rows, selection, stepping, `Enter`, extra keys and drawing, and
//! [`Panels`], which holds them in `t` order and runs what they ask for.
//!
//! Adding a view: write `panel/NAME.rs` with a type implementing
//! [`PanelView`], then add it to [`Panels`] here (a field and one entry in
//! each of [`Panels::views`] and `Panels::views_mut`). Nothing else in the
//! app, the mouse code or the drawing code names a view.

pub mod claims;
pub mod corpus;
pub mod draw;
pub mod entities;
pub mod links;
pub mod quotes;
pub mod suggested;

use std::ops::Range;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Action, App, Effect, Target};
use crate::keymap::Context;

pub use claims::ClaimsView;
pub use corpus::CorpusView;
pub use entities::EntitiesView;
pub use links::LinksView;
pub use quotes::{QuotesView, SCARE_QUOTES, UNKNOWN_SPEAKER};
pub use suggested::SuggestedView;

/// The keys a panel view may give a meaning of its own (`c`, `d`, `f`, `s`
/// in the panel by default); a view that has none says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelKey {
    /// Edit the selected row's item (a claim: its form).
    Edit,
    /// Remove the selected row's item (undoable).
    Remove,
    /// Show only some rows (claims: one verdict, then the next, then all).
    Filter,
    /// Change the order of the rows (claims: by position or by verdict).
    Sort,
}

impl PanelKey {
    /// The action bound to this key in the keymap.
    pub fn action(self) -> Action {
        match self {
            PanelKey::Edit => Action::PanelEdit,
            PanelKey::Remove => Action::PanelRemove,
            PanelKey::Filter => Action::PanelFilter,
            PanelKey::Sort => Action::PanelSort,
        }
    }
}

/// What a view asks the app to do after `Enter`, a click or one of its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PanelCommand {
    /// Put the reader at `span` (byte range) with `target`; show `message`.
    GoTo {
        /// Byte range in the article.
        span: Range<usize>,
        /// What `c` and `d` then act on.
        target: Target,
        /// A status bar message, if any.
        message: Option<String>,
    },
    /// Go to the next mention of entity `i` (index into the analysis'
    /// entities) after the reading position, selecting it in the entities
    /// view.
    NextMention(usize),
    /// Go to a suggested sentence (byte range), showing the suggestion
    /// marks, with a message saying why it is suggested.
    Suggestion(Range<usize>, String),
    /// Open the claim form on claim `i` (index into the claims).
    EditClaim(usize),
    /// Remove claim `i` (index into the claims), undoably.
    RemoveClaim(usize),
    /// Remove the orphaned claim with this id, undoably.
    RemoveOrphan(String),
    /// Attach the orphaned claim with this id to the words the reader
    /// selects next.
    AttachOrphan(String),
    /// Hand `effect` to the main loop: another open article is to be
    /// shown ([`Effect::ShowInArticle`], [`Effect::ShowClaimInArticle`]).
    Effect(Effect),
    /// Show a message in the status bar.
    Message(String),
}

/// One list the panel can show. The view keeps its own rows and selection
/// (row indices count from 0 at the top of the list) and reads the app only
/// through its accessors.
pub trait PanelView: std::fmt::Debug {
    /// The name in the panel's title (`Entities`, `Claims (3)`).
    fn title(&self, app: &App) -> String;
    /// Whether `t` offers the view now (a links view only when the article
    /// has links).
    fn available(&self, _app: &App) -> bool {
        true
    }
    /// Rebuilds the rows from the app (after analysis, corrections, an
    /// annotation change, new articles), keeping the selected item when it
    /// is still listed.
    fn refresh(&mut self, app: &App);
    /// The view's rows and selection (`None` while it lists nothing).
    fn rows(&self) -> Option<&dyn Selection>;
    /// The same, to move the selection.
    fn rows_mut(&mut self) -> Option<&mut dyn Selection>;
    /// The selected row, if any.
    fn selected(&self) -> Option<usize> {
        self.rows()?.selected()
    }
    /// Moves the selection to the next (or previous) selectable row,
    /// stopping at the ends.
    fn step(&mut self, forward: bool) {
        if let Some(rows) = self.rows_mut() {
            rows.step(forward);
        }
    }
    /// Selects row `row` if it is selectable; returns whether it is.
    fn select_row(&mut self, row: usize) -> bool {
        self.rows_mut().is_some_and(|rows| rows.select_row(row))
    }
    /// `Enter` (or a click) on the selected row.
    fn jump(&self, app: &App) -> Option<PanelCommand>;
    /// One of the panel keys; `None` when the view gives it no meaning.
    fn key(&mut self, _key: PanelKey, _app: &App) -> Option<PanelCommand> {
        None
    }
    /// The panel keys this view answers to, for the title's hints.
    fn keys(&self) -> &'static [PanelKey] {
        &[]
    }
    /// Whether `o` opens the selected row (the links view).
    fn opens_links(&self) -> bool {
        false
    }
    /// A line under the list while the panel has the focus (why the
    /// selected entity got its type); `None` for none.
    fn footer(&self, _app: &App) -> Option<String> {
        None
    }
    /// Draws the rows into `area` of `buf`, from [`first_shown`] on.
    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer, focused: bool);
}

/// Every panel view, in the order `t` goes through them, and which one is
/// shown.
#[derive(Debug, Default)]
pub struct Panels {
    /// People, places, organisations and other entities.
    pub entities: EntitiesView,
    /// Quotations grouped by speaker.
    pub quotes: QuotesView,
    /// The reader's claims (and those of every open article).
    pub claims: ClaimsView,
    /// Entities of every open article (when several are open).
    pub corpus: CorpusView,
    /// The article's links (HTML and Markdown articles that have any).
    pub links: LinksView,
    /// Sentences worth checking, best first (when there are any).
    pub suggested: SuggestedView,
    /// Index into [`Panels::views`] of the view shown.
    current: usize,
}

impl Panels {
    /// The views in `t` order.
    pub fn views(&self) -> [&dyn PanelView; 6] {
        [
            &self.entities,
            &self.quotes,
            &self.claims,
            &self.corpus,
            &self.links,
            &self.suggested,
        ]
    }

    /// The views in `t` order, to change.
    fn views_mut(&mut self) -> [&mut dyn PanelView; 6] {
        [
            &mut self.entities,
            &mut self.quotes,
            &mut self.claims,
            &mut self.corpus,
            &mut self.links,
            &mut self.suggested,
        ]
    }

    /// The view shown.
    pub fn current(&self) -> &dyn PanelView {
        let shown = self.views().into_iter().nth(self.current);
        shown.unwrap_or(&self.entities)
    }

    /// The view shown, to change (`None` never happens: `current` is kept
    /// in range).
    fn current_mut(&mut self) -> Option<&mut dyn PanelView> {
        let current = self.current;
        self.views_mut().into_iter().nth(current)
    }

    /// Shows the view `pick` picks (`|p| &p.claims`).
    pub fn show(&mut self, pick: impl Fn(&Self) -> &dyn PanelView) {
        let wanted: *const dyn PanelView = pick(self);
        let found = self
            .views()
            .into_iter()
            .position(|v| std::ptr::addr_eq(v, wanted));
        if let Some(i) = found {
            self.current = i;
        }
    }

    /// Whether the view shown is `view` (compared by identity).
    pub fn is_current(&self, view: &dyn PanelView) -> bool {
        std::ptr::addr_eq(self.current(), view)
    }
}

/// Which panel view is shown and whether it has the keys: what `>` and
/// `<` carry from one open article to the next, so that switching
/// articles keeps the screen as the reader left it (the all-articles view
/// in focus stays so).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PanelState {
    /// Index into [`Panels::views`].
    view: usize,
    /// Whether the panel has the keys.
    focused: bool,
}

impl App {
    /// The panel's views.
    pub fn panels(&self) -> &Panels {
        &self.panels
    }

    /// The view shown and whether the panel has the keys.
    pub fn panel_state(&self) -> PanelState {
        PanelState {
            view: self.panels.current,
            focused: self.focus == Context::Panel,
        }
    }

    /// Shows the view of `state` if this article has something in it (else
    /// the entities view), with the keys where `state` had them. A text
    /// selection being made here is left as it is.
    pub fn set_panel_state(&mut self, state: PanelState) {
        let available = self
            .panels
            .views()
            .get(state.view)
            .is_some_and(|v| v.available(self));
        self.panels.current = if available { state.view } else { 0 };
        if self.focus != Context::Select {
            self.focus = if state.focused {
                Context::Panel
            } else {
                Context::Article
            };
        }
    }

    /// Rebuilds every panel view from the app's state (each keeps its
    /// selection when it can).
    pub(crate) fn refresh_panels(&mut self) {
        let mut panels = std::mem::take(&mut self.panels);
        for view in panels.views_mut() {
            view.refresh(self);
        }
        self.panels = panels;
    }

    /// `t`: shows the next view that has something to show (the entities
    /// view always has).
    pub(super) fn next_panel_view(&mut self) {
        let views = self.panels.views();
        let count = views.len();
        let start = self.panels.current;
        let next = (1..=count)
            .map(|step| (start + step) % count)
            .find(|&i| views.get(i).is_some_and(|v| v.available(self)))
            .unwrap_or(0);
        self.panels.current = next;
    }

    /// `j`/`k` (and the wheel) in the panel.
    pub(super) fn step_panel(&mut self, forward: bool) {
        if let Some(view) = self.panels.current_mut() {
            view.step(forward);
        }
    }

    /// `Enter` in the panel.
    pub(super) fn panel_jump(&mut self) -> Option<Effect> {
        let command = self.panels.current().jump(self)?;
        self.run_panel_command(command)
    }

    /// A panel key (`c`, `d`, `f`, `s` in the panel).
    pub(super) fn panel_key(&mut self, key: PanelKey) -> Option<Effect> {
        let mut panels = std::mem::take(&mut self.panels);
        let command = panels.current_mut().and_then(|view| view.key(key, self));
        let answers = panels.current().keys().contains(&key);
        self.panels = panels;
        match command {
            Some(command) => self.run_panel_command(command),
            None if !answers => {
                let key = self.key_hint(key.action());
                self.message = Some(format!("{key} does nothing in this panel view"));
                None
            }
            None => None,
        }
    }

    /// Selects the row `offset` rows below the top of the list drawn `height`
    /// rows tall; returns whether a row was selected.
    pub(super) fn select_panel_row(&mut self, offset: usize, height: usize) -> bool {
        self.panels.current_mut().is_some_and(|view| {
            let row = first_shown(view.selected(), height) + offset;
            view.select_row(row)
        })
    }

    /// Whether the panel draws a footer line under its list now.
    pub(crate) fn panel_footer(&self) -> Option<String> {
        if self.focus != Context::Panel {
            return None;
        }
        self.panels.current().footer(self)
    }

    /// The footer as drawn under the panel's list, in an area `width`
    /// columns wide and `height` rows tall: word-wrapped, so that a long
    /// reason is read whole, on at most [`MAX_FOOTER_ROWS`] rows that leave
    /// the list two; the last row is cut with `…` when the footer goes on.
    /// Empty when there is no footer or no room for one.
    pub(crate) fn panel_footer_rows(&self, width: u16, height: u16) -> Vec<String> {
        let Some(footer) = self.panel_footer() else {
            return Vec::new();
        };
        let room = usize::from(height.saturating_sub(2)).min(MAX_FOOTER_ROWS);
        footer_rows(&footer, usize::from(width), room)
    }

    fn run_panel_command(&mut self, command: PanelCommand) -> Option<Effect> {
        match command {
            PanelCommand::GoTo {
                span,
                target,
                message,
            } => {
                self.go_to(span, target);
                if message.is_some() {
                    self.message = message;
                }
                None
            }
            PanelCommand::NextMention(entity) => {
                self.panels.entities.select_entity(entity);
                self.jump_to_mention();
                None
            }
            PanelCommand::Suggestion(span, message) => {
                self.show_suggestions = true;
                self.go_to(span, Target::Sentence);
                self.message = Some(message);
                None
            }
            PanelCommand::EditClaim(i) => {
                let span = self.annotations.claims().get(i)?.span.clone();
                self.go_to(span, Target::Claim(i));
                self.update(Action::MarkClaim)
            }
            PanelCommand::RemoveClaim(i) => {
                let span = self.annotations.claims().get(i)?.span.clone();
                self.go_to(span, Target::Claim(i));
                self.update(Action::DeleteClaim)
            }
            PanelCommand::RemoveOrphan(id) => claims::remove_orphan(self, &id),
            PanelCommand::AttachOrphan(id) => {
                self.attach_orphan(&id);
                None
            }
            PanelCommand::Effect(effect) => Some(effect),
            PanelCommand::Message(message) => {
                self.message = Some(message);
                None
            }
        }
    }
}

/// Rows of a list with a selection: the state every view shares. `R` says
/// which of its rows can be selected (not headings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows<R> {
    /// The rows in display order, shared by clones (the all-articles view
    /// of each of hundreds of open articles lists the same rows).
    pub rows: Arc<[R]>,
    /// Index into `rows` of the selected row (`None` when none can be).
    pub selected: Option<usize>,
}

impl<R> Default for Rows<R> {
    fn default() -> Self {
        Self {
            rows: Arc::from([]),
            selected: None,
        }
    }
}

/// A row that may or may not be selected (a heading cannot).
pub trait Row {
    /// Whether the reader can select this row.
    fn selectable(&self) -> bool;
}

impl<R: Row + PartialEq> Rows<R> {
    /// `rows` with the first selectable one selected.
    pub fn new(rows: Vec<R>) -> Self {
        let selected = rows.iter().position(Row::selectable);
        Self {
            rows: rows.into(),
            selected,
        }
    }

    /// `rows`, keeping the row equal to the one selected in `self` selected
    /// when it is still there (else the first selectable).
    pub fn replaced(&self, rows: Vec<R>) -> Self {
        let mut new = Self::new(rows);
        if let Some(kept) = self.selected_row()
            && let Some(row) = new.rows.iter().position(|r| r == kept)
        {
            new.selected = Some(row);
        }
        new
    }

    /// The selected row.
    pub fn selected_row(&self) -> Option<&R> {
        self.rows.get(self.selected?)
    }

    /// Selects row `row` if it is selectable; returns whether it is.
    pub fn select_row(&mut self, row: usize) -> bool {
        let accepted = self.rows.get(row).is_some_and(Row::selectable);
        if accepted {
            self.selected = Some(row);
        }
        accepted
    }

    /// Selects the first row equal to `row`, if there is one.
    pub fn select(&mut self, row: &R) {
        if let Some(i) = self.rows.iter().position(|r| r == row) {
            self.selected = Some(i);
        }
    }

    /// Moves the selection to the next (or previous) selectable row; it
    /// stays put at the ends.
    pub fn step(&mut self, forward: bool) {
        let Some(current) = self.selected else {
            return;
        };
        let accepts = |i: &usize| self.rows.get(*i).is_some_and(Row::selectable);
        let next = if forward {
            (current + 1..self.rows.len()).find(accepts)
        } else {
            (0..current).rev().find(accepts)
        };
        self.selected = next.or(Some(current));
    }

    /// The rows on screen in a list `height` rows tall, with their indices:
    /// from [`first_shown`] on, so the selection is in view.
    pub fn shown(&self, height: usize) -> impl Iterator<Item = (usize, &R)> {
        self.rows
            .iter()
            .enumerate()
            .skip(first_shown(self.selected, height))
            .take(height)
    }
}

/// A list's selection, whatever its rows are: what [`PanelView`]'s
/// selection methods move by default.
pub trait Selection {
    /// Index of the selected row.
    fn selected(&self) -> Option<usize>;
    /// See [`Rows::step`].
    fn step(&mut self, forward: bool);
    /// See [`Rows::select_row`].
    fn select_row(&mut self, row: usize) -> bool;
}

impl<R: Row + PartialEq> Selection for Rows<R> {
    fn selected(&self) -> Option<usize> {
        self.selected
    }

    fn step(&mut self, forward: bool) {
        Rows::step(self, forward);
    }

    fn select_row(&mut self, row: usize) -> bool {
        Rows::select_row(self, row)
    }
}

/// A plain list: every row (an index into something) can be selected.
impl Row for usize {
    fn selectable(&self) -> bool {
        true
    }
}

/// The first row a panel list `height` rows tall shows: the top, or far
/// enough down that the selected row is on screen with the row after it
/// (the view draws from here; a mouse click counts from here).
pub fn first_shown(selected: Option<usize>, height: usize) -> usize {
    (selected.unwrap_or(0) + 2).saturating_sub(height.max(1))
}

/// The most rows the panel's footer takes from its list.
pub const MAX_FOOTER_ROWS: usize = 3;

/// `footer` word-wrapped to `width` columns on at most `rows` rows, each
/// made safe to print; the last cut with `…` when more would follow. The
/// indent of the first row (a space before the text) is kept on every row.
fn footer_rows(footer: &str, width: usize, rows: usize) -> Vec<String> {
    let text = footer.trim_start();
    let indent = footer.len() - text.len();
    let Some(columns) = width.checked_sub(indent).filter(|&c| c > 0) else {
        return Vec::new();
    };
    let pad = " ".repeat(indent);
    let lines = crate::wrap::wrap(text, 0..text.len(), columns);
    let mut out = Vec::new();
    for (k, line) in lines.iter().enumerate().take(rows) {
        let shown = if k + 1 == rows && k + 1 < lines.len() {
            // More follows: cut the rest to this row, with an ellipsis.
            let rest = text.get(line.start..).unwrap_or_default();
            crate::safe_text::safe_text(rest, columns)
        } else {
            crate::safe_text::safe_text(text.get(line.clone()).unwrap_or_default(), columns)
        };
        out.push(format!("{pad}{shown}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_footer_wraps_at_words_and_is_cut_on_its_last_row() {
        let why = " person: title \"President\" + given name";
        assert_eq!(
            footer_rows(why, 29, 3),
            [" person: title \"President\" +", " given name"]
        );
        assert_eq!(footer_rows(why, 60, 3), [why]);
        assert_eq!(
            footer_rows(why, 20, 2),
            [" person: title", " \"President\" + give…"]
        );
        assert!(footer_rows(why, 1, 3).is_empty());
        assert!(footer_rows(why, 29, 0).is_empty());
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum TestRow {
        Heading,
        Item(u8),
    }

    impl Row for TestRow {
        fn selectable(&self) -> bool {
            matches!(self, TestRow::Item(_))
        }
    }

    #[test]
    fn rows_step_over_headings_and_stop_at_the_ends() {
        use TestRow::{Heading, Item};
        let mut rows = Rows::new(vec![Heading, Item(1), Item(2), Heading, Item(3)]);
        assert_eq!(rows.selected, Some(1));
        rows.step(false);
        assert_eq!(rows.selected, Some(1));
        rows.step(true);
        rows.step(true);
        assert_eq!(rows.selected_row(), Some(&Item(3)));
        rows.step(true);
        assert_eq!(rows.selected, Some(4));
        assert!(!rows.select_row(3));
        assert!(rows.select_row(2));
        let kept = rows.replaced(vec![Heading, Item(2), Item(3)]);
        assert_eq!(kept.selected, Some(1));
        let gone = rows.replaced(vec![Heading, Item(3)]);
        assert_eq!(gone.selected, Some(1));
        assert_eq!(Rows::<TestRow>::new(vec![Heading]).selected, None);
    }

    #[test]
    fn the_selected_row_and_the_next_stay_on_screen() {
        assert_eq!(first_shown(None, 10), 0);
        assert_eq!(first_shown(Some(8), 10), 0);
        assert_eq!(first_shown(Some(9), 10), 1);
        assert_eq!(first_shown(Some(20), 0), 21);
    }
}
