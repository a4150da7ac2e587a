//! Applying one [`Action`] to the [`App`].

use std::ops::Range;

use super::claim_form::ClaimForm;
use super::line_input::LineInput;
use super::search::find_all;
use super::{Action, App, Effect, Mode, SaveState, SearchState, Target};
use crate::keymap::Context;

/// Rows kept above a span scrolled into view from below.
const CONTEXT_ROWS: usize = 3;

impl App {
    /// Applies `action`; returns the effect the main loop must perform, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let page = self.page_height().max(1);
        match action {
            Action::ScrollDown => self.scroll_down(1),
            Action::ScrollUp => self.scroll_up(1),
            Action::HalfPageDown => self.scroll_down(page / 2),
            Action::HalfPageUp => self.scroll_up(page / 2),
            Action::PageDown => self.scroll_down(page.saturating_sub(2).max(1)),
            Action::PageUp => self.scroll_up(page.saturating_sub(2).max(1)),
            Action::Top => self.top = super::Position::default(),
            Action::Bottom => {
                let bottom = self.layout().bottom_top(page);
                self.top = bottom;
            }
            Action::NextQuote => self.step_quote(true),
            Action::PrevQuote => self.step_quote(false),
            Action::NextSentence => self.step_sentence(true),
            Action::PrevSentence => self.step_sentence(false),
            Action::NextClaim => self.step_claim(true),
            Action::PrevClaim => self.step_claim(false),
            Action::MarkClaim => self.open_claim_form(),
            Action::DeleteClaim => return self.delete_claim(),
            Action::Undo => return self.undo(true),
            Action::Redo => return self.undo(false),
            Action::Search => self.mode = Mode::Search(LineInput::default()),
            Action::SearchNext => self.step_search(true),
            Action::SearchPrev => self.step_search(false),
            Action::FocusPanel => self.focus_panel(),
            Action::FocusArticle => self.focus = Context::Article,
            Action::PanelNext => self.panel.step(true),
            Action::PanelPrev => self.panel.step(false),
            Action::PanelJump => self.jump_to_mention(),
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::Quit => return Some(Effect::Quit),
        }
        None
    }

    fn scroll_down(&mut self, rows: usize) {
        let top = {
            let mut layout = self.layout();
            let max_top = layout.bottom_top(self.page_height());
            layout.down(self.top, rows).min(max_top)
        };
        self.top = top;
    }

    fn scroll_up(&mut self, rows: usize) {
        let top = self.layout().up(self.top, rows);
        self.top = top;
    }

    /// Scrolls so that byte offset `byte` is on screen, leaving some context
    /// above it; does nothing if it is already visible.
    pub(crate) fn scroll_into_view(&mut self, byte: usize) {
        let height = self.page_height().max(1);
        let top = {
            let mut layout = self.layout();
            let target = layout.position_of(byte);
            if layout.distance(self.top, target, height).is_some() {
                return;
            }
            let max_top = layout.bottom_top(height);
            layout.up(target, CONTEXT_ROWS.min(height / 3)).min(max_top)
        };
        self.top = top;
    }

    /// Where "next" searches from: the start of what the reader last moved to
    /// if it is on screen, else the top of the screen.
    fn reading_position(&self) -> usize {
        let height = self.page_height().max(1);
        let target = self.target_span().map(|span| span.start);
        let mut layout = self.layout();
        if let Some(byte) = target {
            let at = layout.position_of(byte);
            if layout.distance(self.top, at, height).is_some() {
                return byte;
            }
        }
        layout.byte_at(self.top)
    }

    /// The span of the current target.
    pub(crate) fn target_span(&self) -> Option<Range<usize>> {
        let analysis = self.analysis.as_ref()?;
        match self.target {
            Target::Sentence => analysis.sentences.get(self.sentence).cloned(),
            Target::Quote(i) => analysis.quotations.get(i).map(|q| q.span.clone()),
            Target::Claim(i) => self.annotations.claims().get(i).map(|c| c.span.clone()),
        }
    }

    /// Moves the sentence cursor to the sentence holding `byte`.
    fn move_sentence_cursor_to(&mut self, byte: usize) {
        if let Some(analysis) = &self.analysis {
            let sentences = &analysis.sentences;
            self.sentence = sentences
                .partition_point(|s| s.end <= byte)
                .min(sentences.len().saturating_sub(1));
        }
    }

    /// Makes `span` the place the reader is at: cursor, scroll, target.
    fn go_to(&mut self, span: Range<usize>, target: Target) {
        self.move_sentence_cursor_to(span.start);
        self.target = target;
        self.scroll_into_view(span.start);
    }

    fn step_quote(&mut self, forward: bool) {
        let Some(analysis) = &self.analysis else {
            self.message = Some("still analysing…".to_owned());
            return;
        };
        let starts: Vec<usize> = analysis.quotations.iter().map(|q| q.span.start).collect();
        let next = match self.target {
            Target::Quote(i) if forward => Some(i + 1).filter(|&n| n < starts.len()),
            Target::Quote(i) => i.checked_sub(1),
            _ => step_from(&starts, self.reading_position(), forward),
        };
        match next.and_then(|i| starts.get(i).map(|&s| (i, s))) {
            Some((i, start)) => {
                let end = analysis.quotations.get(i).map_or(start, |q| q.span.end);
                self.go_to(start..end, Target::Quote(i));
            }
            None if starts.is_empty() => {
                self.message = Some("this article has no quotations".to_owned())
            }
            None => {
                let which = if forward { "last" } else { "first" };
                self.message = Some(format!("no more quotations: this is the {which}"));
            }
        }
    }

    fn step_sentence(&mut self, forward: bool) {
        let Some(analysis) = &self.analysis else {
            return;
        };
        let count = analysis.sentences.len();
        if count == 0 {
            return;
        }
        let next = if forward {
            (self.sentence + 1).min(count - 1)
        } else {
            self.sentence.saturating_sub(1)
        };
        if let Some(span) = analysis.sentences.get(next).cloned() {
            self.sentence = next;
            self.target = Target::Sentence;
            self.scroll_into_view(span.start);
        }
    }

    fn step_claim(&mut self, forward: bool) {
        let starts: Vec<usize> = self
            .annotations
            .claims()
            .iter()
            .map(|c| c.span.start)
            .collect();
        let next = match self.target {
            Target::Claim(i) if forward => Some(i + 1).filter(|&n| n < starts.len()),
            Target::Claim(i) => i.checked_sub(1),
            _ => step_from(&starts, self.reading_position(), forward),
        };
        match next.and_then(|i| {
            self.annotations
                .claims()
                .get(i)
                .map(|c| (i, c.span.clone()))
        }) {
            Some((i, span)) => self.go_to(span, Target::Claim(i)),
            None if starts.is_empty() => {
                self.message = Some("no claims yet: c marks one".to_owned())
            }
            None => self.message = Some("no more claims".to_owned()),
        }
    }

    fn open_claim_form(&mut self) {
        if let SaveState::ReadOnly(why) = &self.save_state {
            self.message = Some(format!("annotations are read-only: {why}"));
            return;
        }
        let Some(analysis) = &self.analysis else {
            self.message = Some("still analysing…".to_owned());
            return;
        };
        let speaker = match self.target {
            Target::Quote(i) => analysis
                .quotations
                .get(i)
                .and_then(|q| q.speaker)
                .and_then(|s| analysis.entities.get(s))
                .map(|e| e.id.clone()),
            _ => None,
        };
        let Some(span) = self.target_span() else {
            self.message = Some("nothing to mark here".to_owned());
            return;
        };
        let form = match self
            .annotations
            .claim_at(&span)
            .and_then(|i| self.annotations.claims().get(i))
        {
            Some(existing) => ClaimForm::edit(existing),
            None => ClaimForm::new(span, speaker),
        };
        self.mode = Mode::Claim(Box::new(form));
    }

    pub(super) fn submit_claim(&mut self, form: &ClaimForm) -> Option<Effect> {
        let claim = form.to_claim(self.annotations.next_claim_id(), (self.now)());
        let id = claim.id.clone();
        self.change_annotations(|a| a.upsert_claim(claim));
        if let Target::Claim(_) = self.target {
            self.target = self
                .claim_index(&id)
                .map_or(Target::Sentence, Target::Claim);
        }
        let verb = if form.editing.is_some() {
            "updated"
        } else {
            "marked"
        };
        self.message = Some(format!("{verb} claim {id}"));
        Some(Effect::Save)
    }

    fn claim_index(&self, id: &str) -> Option<usize> {
        self.annotations.claims().iter().position(|c| c.id == id)
    }

    fn delete_claim(&mut self) -> Option<Effect> {
        if let SaveState::ReadOnly(why) = &self.save_state {
            self.message = Some(format!("annotations are read-only: {why}"));
            return None;
        }
        let claim = match self.target {
            Target::Claim(i) => self.annotations.claims().get(i),
            _ => {
                let span = self.target_span()?;
                let claims = self.annotations.claims();
                claims.iter().find(|c| c.span == span).or_else(|| {
                    claims
                        .iter()
                        .find(|c| c.span.start < span.end && span.start < c.span.end)
                })
            }
        };
        let Some(id) = claim.map(|c| c.id.clone()) else {
            self.message = Some("no claim here".to_owned());
            return None;
        };
        self.change_annotations(|a| {
            a.remove_claim(&id);
        });
        if let Target::Claim(_) = self.target {
            self.target = Target::Sentence;
        }
        self.message = Some(format!("removed claim {id} (u undoes)"));
        Some(Effect::Save)
    }

    fn change_annotations(&mut self, change: impl FnOnce(&mut crate::annotations::Annotations)) {
        self.history.record(self.annotations.clone());
        change(&mut self.annotations);
        self.save_state = SaveState::Pending;
    }

    fn undo(&mut self, back: bool) -> Option<Effect> {
        if let SaveState::ReadOnly(_) = self.save_state {
            return None;
        }
        let current = std::mem::take(&mut self.annotations);
        let result = if back {
            self.history.undo(current)
        } else {
            self.history.redo(current)
        };
        let (state, changed) = match result {
            Ok(state) => (state, true),
            Err(state) => (state, false),
        };
        self.annotations = state;
        if let Target::Claim(i) = self.target
            && i >= self.annotations.claims().len()
        {
            self.target = Target::Sentence;
        }
        self.message = Some(
            match (back, changed) {
                (true, true) => "undone",
                (false, true) => "redone",
                (true, false) => "nothing to undo",
                (false, false) => "nothing to redo",
            }
            .to_owned(),
        );
        changed.then(|| {
            self.save_state = SaveState::Pending;
            Effect::Save
        })
    }

    pub(super) fn run_search(&mut self, query: String) {
        if query.is_empty() {
            self.search = None;
            return;
        }
        let matches = find_all(self.doc.text(), &query);
        if matches.is_empty() {
            self.message = Some(format!("not found: {query}"));
            self.search = None;
            return;
        }
        let from = self.reading_position();
        let current = matches.iter().position(|m| m.start >= from).unwrap_or(0);
        self.search = Some(SearchState {
            query,
            matches,
            current,
        });
        self.show_search_match();
    }

    fn step_search(&mut self, forward: bool) {
        let Some(search) = &mut self.search else {
            self.message = Some("no search yet: / starts one".to_owned());
            return;
        };
        let count = search.matches.len();
        search.current = if forward {
            (search.current + 1) % count
        } else {
            (search.current + count - 1) % count
        };
        self.show_search_match();
    }

    fn show_search_match(&mut self) {
        let Some(search) = &self.search else { return };
        let Some(span) = search.matches.get(search.current).cloned() else {
            return;
        };
        self.message = Some(format!(
            "match {}/{} for “{}”",
            search.current + 1,
            search.matches.len(),
            search.query
        ));
        self.go_to(span, Target::Sentence);
    }

    fn focus_panel(&mut self) {
        if !self.areas.has_panel() {
            self.message = Some("the window is too narrow for the panel".to_owned());
        } else if self.panel.rows.is_empty() {
            self.message = Some("no entities found".to_owned());
        } else {
            self.focus = Context::Panel;
        }
    }

    fn jump_to_mention(&mut self) {
        let Some(analysis) = &self.analysis else {
            return;
        };
        let Some(entity) = self
            .panel
            .selected_entity()
            .and_then(|e| analysis.entities.get(e))
        else {
            return;
        };
        let from = match &self.selected_mention {
            Some(current) if entity.mentions.contains(current) => current.start + 1,
            _ => self.reading_position(),
        };
        let index = entity
            .mentions
            .iter()
            .position(|m| m.start >= from)
            .unwrap_or(0);
        let Some(mention) = entity.mentions.get(index).cloned() else {
            return;
        };
        self.message = Some(format!(
            "{}: mention {}/{}",
            entity.name,
            index + 1,
            entity.mentions.len()
        ));
        self.selected_mention = Some(mention.clone());
        self.go_to(mention, Target::Sentence);
    }
}

/// The index of the first start after `position` (forward) or the last one
/// before it (back); `starts` is sorted.
fn step_from(starts: &[usize], position: usize, forward: bool) -> Option<usize> {
    if forward {
        let i = starts.partition_point(|&s| s < position);
        (i < starts.len()).then_some(i)
    } else {
        starts.partition_point(|&s| s < position).checked_sub(1)
    }
}
