//! The `Claims (N)` view: every claim of the article with its verdict
//! (coloured by meaning), label, speaker, first words, a mark when it has a
//! note and its state (changed, orphaned); `Enter` goes to a claim, `c`
//! edits it, `d` removes it (undoable), `f` shows one verdict at a time, `s`
//! sorts by position or by verdict. With several articles open it lists the
//! claims of all of them, grouped by article.

mod summary;
mod text;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::draw::{heading_row, render, row_style};
use super::{PanelCommand, PanelKey, PanelView, Row, Rows, Selection};
use crate::app::{Action, App, Effect, Target};
use crate::safe_text::{safe_line, safe_text};
pub use summary::{ArticleClaims, ClaimState, ClaimSummary, summaries};
use text::{around_first_difference, describe, elsewhere, first_line};

/// How the view orders claims.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ClaimOrder {
    /// In article order (orphans last).
    #[default]
    Position,
    /// By verdict, in the order the claim form offers verdicts, then by
    /// position.
    Verdict,
}

/// One row of the view: claims take two rows (verdict line, then words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimRow {
    /// An article heading (only with several articles open): index into
    /// the view's groups, and how many of its claims are listed.
    Article(usize, usize),
    /// A claim's first line: group, index into the group's claims.
    Claim(usize, usize),
    /// A claim's second line (its words).
    Words(usize, usize),
}

impl Row for ClaimRow {
    fn selectable(&self) -> bool {
        matches!(self, ClaimRow::Claim(..))
    }
}

/// The claims view's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimsView {
    /// Group 0 is this article; the others follow in the order they were
    /// opened.
    groups: Vec<ArticleClaims>,
    /// The claims of the other open articles, as last shared.
    others: Vec<ArticleClaims>,
    /// Only claims with this verdict are listed.
    filter: Option<String>,
    /// The order of the rows.
    order: ClaimOrder,
    /// The verdicts in the order the claim form offers them.
    verdicts: Vec<String>,
    list: Rows<ClaimRow>,
}

impl ClaimsView {
    /// The rows, in display order.
    pub fn rows(&self) -> &[ClaimRow] {
        &self.list.rows
    }

    /// The claim on row `row`.
    pub fn claim(&self, row: ClaimRow) -> Option<&ClaimSummary> {
        match row {
            ClaimRow::Claim(g, i) | ClaimRow::Words(g, i) => self.groups.get(g)?.claims.get(i),
            ClaimRow::Article(..) => None,
        }
    }

    /// The selected claim and whether it is in this article.
    pub fn selected_claim(&self) -> Option<(&ClaimSummary, bool)> {
        match *self.list.selected_row()? {
            ClaimRow::Claim(g, i) => Some((self.groups.get(g)?.claims.get(i)?, g == 0)),
            _ => None,
        }
    }

    /// The verdict filter, if any.
    pub fn filter(&self) -> Option<&str> {
        self.filter.as_deref()
    }

    /// The order of the rows.
    pub fn order(&self) -> ClaimOrder {
        self.order
    }

    fn rank(&self, verdict: &str) -> usize {
        self.verdicts
            .iter()
            .position(|v| v == verdict)
            .unwrap_or(self.verdicts.len())
    }

    /// Rows from the groups, filtered and ordered; the selected claim (by
    /// article and id) stays selected, else the row where it was.
    fn rebuild(&mut self) {
        let kept = self.selected_claim().map(|(c, here)| (c.id.clone(), here));
        let was = self.list.selected;
        let grouped = self.groups.len() > 1;
        let mut rows = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            let mut members: Vec<usize> = (0..group.claims.len())
                .filter(|&i| {
                    let verdict = group.claims.get(i).map(|c| c.verdict.as_str());
                    self.filter.is_none() || verdict == self.filter.as_deref()
                })
                .collect();
            members.sort_by_key(|&i| {
                let claim = group.claims.get(i);
                let at = claim.and_then(|c| c.start).unwrap_or(usize::MAX);
                let rank = match self.order {
                    ClaimOrder::Position => 0,
                    ClaimOrder::Verdict => claim.map_or(0, |c| self.rank(&c.verdict)),
                };
                (rank, at, i)
            });
            if grouped {
                rows.push(ClaimRow::Article(g, members.len()));
            }
            for i in members {
                rows.push(ClaimRow::Claim(g, i));
                rows.push(ClaimRow::Words(g, i));
            }
        }
        self.list = Rows::new(rows);
        let found = kept.and_then(|(id, here)| {
            self.list.rows.iter().position(|r| match r {
                ClaimRow::Claim(g, i) => {
                    (*g == 0) == here
                        && self
                            .groups
                            .get(*g)
                            .and_then(|group| group.claims.get(*i))
                            .is_some_and(|c| c.id == id)
                }
                _ => false,
            })
        });
        match (found, was) {
            (Some(row), _) => self.list.selected = Some(row),
            // The claim went (removed): the one now where it was.
            (None, Some(row)) => {
                let rows = &self.list.rows;
                let near = (row.min(rows.len())..rows.len())
                    .chain((0..row.min(rows.len())).rev())
                    .find(|&r| rows.get(r).is_some_and(Row::selectable));
                if let Some(near) = near {
                    self.list.selected = Some(near);
                }
            }
            (None, None) => {}
        }
    }

    /// Sets the claims of the other open articles (several files given).
    pub fn set_others(&mut self, others: Vec<ArticleClaims>) {
        self.others = others;
    }

    /// The next verdict filter: each verdict that some listed claim has,
    /// in vocabulary order, then none.
    fn next_filter(&self) -> Option<String> {
        let mut present: Vec<&str> = self
            .groups
            .iter()
            .flat_map(|g| g.claims.iter().map(|c| c.verdict.as_str()))
            .collect();
        present.sort_by_key(|v| (self.rank(v), v.to_string()));
        present.dedup();
        let next = match &self.filter {
            None => present.first(),
            Some(now) => present
                .iter()
                .position(|v| v == now)
                .and_then(|i| present.get(i + 1)),
        };
        next.map(|v| (*v).to_owned())
    }
}

impl App {
    /// Gives the claims view the claims of the other open articles (one
    /// entry per article, this one left out).
    pub fn set_other_claims(&mut self, others: Vec<ArticleClaims>) {
        self.panels.claims.set_others(others);
        let mut panels = std::mem::take(&mut self.panels);
        panels.claims.refresh(self);
        self.panels = panels;
    }

    /// Shows the claims view when re-anchoring changed or orphaned a
    /// claim, so the reader sees at once what to look at again.
    pub(crate) fn show_reanchored_claims(&mut self) {
        let annotations = self.annotations();
        if annotations.orphans().is_empty() && annotations.changed_claims().next().is_none() {
            return;
        }
        self.panels.show(|p| &p.claims);
    }

    /// The claims view: its rows, filter and order.
    pub fn claims_view(&self) -> &ClaimsView {
        &self.panels.claims
    }

    /// Removes the orphaned claim `id`, undoably.
    fn remove_orphan(&mut self, id: &str) -> Option<crate::app::Effect> {
        if self.refuse_read_only() {
            return None;
        }
        self.change_annotations(format!("orphaned claim {id} removed"), |a| {
            a.remove_orphan(id);
        });
        let undo = self.key_hint(Action::Undo);
        self.message = Some(format!("removed orphaned claim {id} ({undo} undoes)"));
        Some(crate::app::Effect::Save)
    }
}

/// Runs the command to remove an orphan (the view's own command).
pub(super) fn remove_orphan(app: &mut App, id: &str) -> Option<crate::app::Effect> {
    app.remove_orphan(id)
}

impl PanelView for ClaimsView {
    fn title(&self, app: &App) -> String {
        // Every group the view lists counts: with several articles open it
        // shows the claims of all of them.
        let all = self.groups.iter().map(|g| g.claims.len()).sum::<usize>();
        let mut title = match &self.filter {
            Some(verdict) => {
                let shown = self
                    .groups
                    .iter()
                    .flat_map(|g| g.claims.iter())
                    .filter(|c| &c.verdict == verdict)
                    .count();
                format!("Claims ({shown}/{all} {})", safe_line(verdict))
            }
            None => format!("Claims ({all})"),
        };
        if self.order == ClaimOrder::Verdict {
            title.push_str(" by verdict");
        }
        let _ = app;
        title
    }

    fn available(&self, app: &App) -> bool {
        let annotations = app.annotations();
        !annotations.claims().is_empty()
            || !annotations.orphans().is_empty()
            || self.others.iter().any(|a| !a.claims.is_empty())
    }

    fn refresh(&mut self, app: &App) {
        let mut groups = vec![ArticleClaims {
            article: "this article".to_owned(),
            index: None,
            claims: summaries(app),
        }];
        groups.extend(self.others.iter().cloned());
        self.groups = groups;
        self.verdicts = app.vocabulary().verdicts.clone();
        self.rebuild();
    }

    fn rows(&self) -> Option<&dyn Selection> {
        Some(&self.list)
    }

    fn rows_mut(&mut self) -> Option<&mut dyn Selection> {
        Some(&mut self.list)
    }

    fn select_row(&mut self, row: usize) -> bool {
        // A click on a claim's words selects the claim.
        match self.list.rows.get(row) {
            Some(ClaimRow::Words(..)) => self.list.select_row(row.saturating_sub(1)),
            _ => self.list.select_row(row),
        }
    }

    fn jump(&self, app: &App) -> Option<PanelCommand> {
        let (claim, here) = self.selected_claim()?;
        let Some(group) = (!here).then(|| self.group_of_selected()).flatten() else {
            return Some(match claim.index {
                Some(i) => {
                    let span = app.annotations().claims().get(i)?.span.clone();
                    PanelCommand::GoTo {
                        span,
                        target: Target::Claim(i),
                        message: Some(describe(claim)),
                    }
                }
                None => PanelCommand::Message(format!(
                    "{} is orphaned: its words are no longer in the article ({} removes it)",
                    claim.id,
                    app.key_hint(PanelKey::Remove.action())
                )),
            });
        };
        Some(match (group.index, claim.index) {
            (Some(article), Some(claim)) => {
                PanelCommand::Effect(Effect::ShowClaimInArticle { article, claim })
            }
            // An orphan elsewhere has no place to show.
            _ => elsewhere(app, claim, &group.article),
        })
    }

    fn key(&mut self, key: PanelKey, app: &App) -> Option<PanelCommand> {
        match key {
            PanelKey::Filter => {
                self.filter = self.next_filter();
                self.rebuild();
                Some(PanelCommand::Message(match &self.filter {
                    Some(v) => format!("claims: only {}", safe_line(v)),
                    None => "claims: every verdict".to_owned(),
                }))
            }
            PanelKey::Sort => {
                self.order = match self.order {
                    ClaimOrder::Position => ClaimOrder::Verdict,
                    ClaimOrder::Verdict => ClaimOrder::Position,
                };
                self.rebuild();
                Some(PanelCommand::Message(
                    match self.order {
                        ClaimOrder::Position => "claims in article order",
                        ClaimOrder::Verdict => "claims by verdict",
                    }
                    .to_owned(),
                ))
            }
            PanelKey::Edit | PanelKey::Remove => {
                let (claim, here) = self.selected_claim()?;
                if !here {
                    let group = self.group_of_selected()?;
                    return Some(elsewhere(app, claim, &group.article));
                }
                Some(match (key, claim.index) {
                    (PanelKey::Edit, Some(i)) => PanelCommand::EditClaim(i),
                    (_, Some(i)) => PanelCommand::RemoveClaim(i),
                    (PanelKey::Edit, None) => PanelCommand::AttachOrphan(claim.id.clone()),
                    (_, None) => PanelCommand::RemoveOrphan(claim.id.clone()),
                })
            }
        }
    }

    fn keys(&self) -> &'static [PanelKey] {
        &[
            PanelKey::Edit,
            PanelKey::Remove,
            PanelKey::Filter,
            PanelKey::Sort,
        ]
    }

    /// The selected claim's note, or what a changed claim said before.
    fn footer(&self, _app: &App) -> Option<String> {
        let (claim, _) = self.selected_claim()?;
        match &claim.state {
            ClaimState::Changed(was) => {
                let (was, _) = around_first_difference(was, &claim.text);
                Some(format!(" was: {was}"))
            }
            ClaimState::Orphaned => Some(" orphaned: its words are gone".to_owned()),
            ClaimState::Found => None,
        }
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer, focused: bool) {
        let theme = app.theme();
        let width = usize::from(area.width);
        let height = usize::from(area.height).max(1);
        if self.list.rows.is_empty() {
            let note = match &self.filter {
                Some(v) => format!(" no {} claims", safe_line(v)),
                None => " no claims".to_owned(),
            };
            super::draw::render_note(theme, &note, area, buf);
            return;
        }
        let selected_claim = match self.list.selected_row() {
            Some(ClaimRow::Claim(g, i)) => Some((*g, *i)),
            _ => None,
        };
        let lines: Vec<Line> = self
            .list
            .shown(height)
            .map(|(_, row)| {
                let is_selected = |g, i| selected_claim == Some((g, i));
                match *row {
                    ClaimRow::Article(g, count) => {
                        let name = self.groups.get(g).map_or("", |a| a.article.as_str());
                        heading_row(theme, name, count, width)
                    }
                    ClaimRow::Claim(g, i) => {
                        let style = row_style(theme, is_selected(g, i), focused);
                        self.claim(*row)
                            .map_or_else(Line::default, |c| first_line(app, c, style, width))
                    }
                    ClaimRow::Words(g, i) => {
                        let style = row_style(theme, is_selected(g, i), focused);
                        let text = self.claim(*row).map_or("", |c| c.text.as_str());
                        let words = safe_text(text, width.saturating_sub(4));
                        let gap = width.saturating_sub(words.width() + 3);
                        Line::from(vec![
                            Span::styled("   ", style),
                            Span::styled(words, style.patch(theme.ui("ui.dim"))),
                            Span::styled(" ".repeat(gap), style),
                        ])
                    }
                }
            })
            .collect();
        render(theme, lines, area, buf);
    }
}

impl ClaimsView {
    fn group_of_selected(&self) -> Option<&ArticleClaims> {
        match *self.list.selected_row()? {
            ClaimRow::Claim(g, _) => self.groups.get(g),
            _ => None,
        }
    }

    /// Selects the row of this article's claim `claim` (an index into its
    /// annotations' claims); returns whether it is listed (a verdict
    /// filter may hide it).
    fn select_claim_here(&mut self, claim: usize) -> bool {
        let Some(group) = self.groups.first() else {
            return false;
        };
        let Some(k) = group.claims.iter().position(|c| c.index == Some(claim)) else {
            return false;
        };
        let row = self
            .list
            .rows
            .iter()
            .position(|r| *r == ClaimRow::Claim(0, k));
        row.is_some_and(|row| self.list.select_row(row))
    }
}

impl App {
    /// Shows this article's claim `claim` (an index into its annotations'
    /// claims), which the main loop has just put on screen for
    /// [`crate::app::Effect::ShowClaimInArticle`]: the claims view in
    /// focus on the claim, and the reader at its words, as `Enter` on a
    /// claim of this article does.
    pub fn show_claim(&mut self, claim: usize) {
        self.focus = crate::keymap::Context::Panel;
        self.panels.show(|p| &p.claims);
        let mut panels = std::mem::take(&mut self.panels);
        if !panels.claims.select_claim_here(claim) {
            // Hidden by a verdict filter: shown with every verdict.
            panels.claims.filter = None;
            panels.claims.rebuild();
            panels.claims.select_claim_here(claim);
        }
        self.panels = panels;
        if let Some(command) = self.panels.claims.jump(self) {
            self.run_panel_command(command);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(id: &str, verdict: &str, start: Option<usize>) -> ClaimSummary {
        ClaimSummary {
            id: id.to_owned(),
            verdict: verdict.to_owned(),
            label: "checkable".to_owned(),
            speaker: None,
            text: format!("words of {id}"),
            has_note: false,
            state: if start.is_some() {
                ClaimState::Found
            } else {
                ClaimState::Orphaned
            },
            start,
            index: start.map(|s| s / 10),
        }
    }

    fn view() -> ClaimsView {
        let mut view = ClaimsView {
            groups: vec![ArticleClaims {
                article: "this article".to_owned(),
                index: Some(1),
                claims: vec![
                    claim("c1", "true", Some(0)),
                    claim("c2", "false", Some(10)),
                    claim("c3", "unverified", None),
                    claim("c4", "false", Some(20)),
                ],
            }],
            verdicts: crate::annotations::VERDICTS
                .iter()
                .map(|v| (*v).to_owned())
                .collect(),
            ..ClaimsView::default()
        };
        view.rebuild();
        view
    }

    fn listed(view: &ClaimsView) -> Vec<&str> {
        view.rows()
            .iter()
            .filter(|r| matches!(r, ClaimRow::Claim(..)))
            .filter_map(|r| view.claim(*r).map(|c| c.id.as_str()))
            .collect()
    }

    #[test]
    fn sorts_by_position_or_verdict_with_orphans_last() {
        let mut view = view();
        assert_eq!(listed(&view), ["c1", "c2", "c4", "c3"]);
        view.order = ClaimOrder::Verdict;
        view.rebuild();
        // unverified, true, …, false: the vocabulary's order.
        assert_eq!(listed(&view), ["c3", "c1", "c2", "c4"]);
    }

    #[test]
    fn filters_one_verdict_after_another_and_keeps_the_selection() {
        let mut view = view();
        view.step(true);
        assert_eq!(
            view.selected_claim().map(|(c, _)| c.id.as_str()),
            Some("c2")
        );
        let mut seen = Vec::new();
        loop {
            view.filter = view.next_filter();
            view.rebuild();
            seen.push((view.filter.clone(), listed(&view).join(" ")));
            if view.filter.is_none() {
                break;
            }
        }
        assert_eq!(
            seen,
            [
                (Some("unverified".to_owned()), "c3".to_owned()),
                (Some("true".to_owned()), "c1".to_owned()),
                (Some("false".to_owned()), "c2 c4".to_owned()),
                (None, "c1 c2 c4 c3".to_owned()),
            ]
        );
        // c2 was filtered out and back: selected again once listed.
        assert_eq!(
            view.selected_claim().map(|(c, _)| c.id.as_str()),
            Some("c2")
        );
    }

    #[test]
    fn other_articles_make_groups_with_headings() {
        let mut view = view();
        view.groups.push(ArticleClaims {
            article: "2/2 other.txt".to_owned(),
            index: Some(1),
            claims: vec![claim("c1", "misleading", Some(5))],
        });
        view.rebuild();
        assert_eq!(view.rows().first(), Some(&ClaimRow::Article(0, 4)));
        assert!(view.rows().contains(&ClaimRow::Article(1, 1)));
        assert_eq!(listed(&view), ["c1", "c2", "c4", "c3", "c1"]);
    }
}
