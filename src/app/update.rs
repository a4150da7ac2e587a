//! Applying one [`Action`] to the [`App`].

use std::ops::Range;

use super::line_input::LineInput;
use super::panel::PanelKey;
use super::selection::Motion;
use super::{Action, App, Effect, Mode, Target};
use crate::keymap::Context;

/// Rows kept above a span scrolled into view from below.
const CONTEXT_ROWS: usize = 3;

impl App {
    /// Applies `action`; returns the effect the main loop must perform, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let page = self.page_height().max(1);
        let effect = self.apply(action, page);
        if action.scrolls() {
            self.keep_cursor_on_screen(action);
        }
        effect
    }

    fn apply(&mut self, action: Action, page: usize) -> Option<Effect> {
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
            Action::ToggleSuggestions => self.toggle_suggestions(),
            Action::NextSuggestion => self.step_suggestion(true),
            Action::PrevSuggestion => self.step_suggestion(false),
            Action::DismissSuggestion => return self.dismiss_suggestion(),
            Action::MarkClaim => self.open_claim_form(),
            Action::DeleteClaim => return self.delete_claim(),
            Action::Undo => return self.undo(true),
            Action::Redo => return self.undo(false),
            Action::Search => self.mode = Mode::Search(LineInput::default()),
            Action::SearchNext => self.step_search(true),
            Action::SearchPrev => self.step_search(false),
            Action::FocusPanel => self.focus_panel(),
            Action::FocusArticle => self.focus = Context::Article,
            Action::PanelNext => self.step_panel(true),
            Action::PanelPrev => self.step_panel(false),
            Action::PanelJump => return self.panel_jump(),
            Action::PanelEdit => return self.panel_key(PanelKey::Edit),
            Action::PanelRemove => return self.panel_key(PanelKey::Remove),
            Action::PanelFilter => return self.panel_key(PanelKey::Filter),
            Action::PanelSort => return self.panel_key(PanelKey::Sort),
            Action::TogglePanelView => self.next_panel_view(),
            Action::SetSpeaker => self.open_speaker_form(),
            Action::StartSelection => self.start_selection(),
            Action::CancelSelection => {
                self.end_selection();
                // Esc while selecting words for an orphan gives up on it.
                if let Some(id) = self.attaching.take() {
                    self.message = Some(format!(
                        "attaching {} cancelled",
                        crate::safe_text::safe_line(&id)
                    ));
                }
            }
            Action::SelectNextWord => self.move_selection(Motion::NextWord),
            Action::SelectPrevWord => self.move_selection(Motion::PrevWord),
            Action::SelectNextSentence => self.move_selection(Motion::NextSentence),
            Action::SelectPrevSentence => self.move_selection(Motion::PrevSentence),
            Action::SelectNextQuote => self.move_selection(Motion::NextQuote),
            Action::SelectPrevQuote => self.move_selection(Motion::PrevQuote),
            Action::SelectMention => self.move_selection(Motion::Mention),
            Action::SelectSentence => self.move_selection(Motion::Sentence),
            Action::SelectQuote => self.move_selection(Motion::Quote),
            Action::TagSelection => self.open_tag_form(),
            Action::CorrectMention => self.open_mention_form(),
            Action::OpenLink => return self.open_link(),
            Action::WriteReport => return self.write_report(),
            Action::NextArticle => return Some(Effect::NextArticle),
            Action::PrevArticle => return Some(Effect::PrevArticle),
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::Suspend => return Some(Effect::Suspend),
            Action::Quit => return self.quit(),
        }
        None
    }

    /// Asks for the report (`W`) once there is something true to report:
    /// not from a preview, nor before the analysis, when it would say that
    /// the article has no quotations and names nobody.
    fn write_report(&mut self) -> Option<Effect> {
        if self.preview {
            self.message = Some(super::accessors::STILL_READING.to_owned());
            return None;
        }
        if self.analysis.is_none() {
            self.message = Some(super::accessors::STILL_ANALYSING.to_owned());
            return None;
        }
        Some(Effect::WriteReport)
    }

    /// Quits, unless the last change is not saved: then the first `q` warns
    /// and only a second `q` in a row quits.
    fn quit(&mut self) -> Option<Effect> {
        let quit = self.key_hint(Action::Quit);
        match self.unsaved_reason() {
            Some(why) => {
                self.message = Some(format!(
                    "NOT SAVED ({why}) — press {quit} again to quit anyway"
                ));
                self.quit_armed = true;
                None
            }
            None => Some(Effect::Quit),
        }
    }

    /// After scrolling, brings the sentence cursor onto the screen if the
    /// reader's place left it, so `c`, `)` and `]` act on what is visible.
    /// `g` and `G` put it on the first and last sentence, as in vim.
    fn keep_cursor_on_screen(&mut self, action: Action) {
        let Some(analysis) = &self.analysis else {
            return;
        };
        let sentences = &analysis.sentences;
        let Some(last) = sentences.len().checked_sub(1) else {
            return;
        };
        let visible = self
            .layout()
            .visible_bytes(self.top, self.page_height().max(1));
        let on_screen = |span: &Range<usize>| visible.contains(&span.start);
        let sentence = match action {
            Action::Top => 0,
            Action::Bottom => last,
            _ if self.target_span().is_some_and(|span| on_screen(&span)) => return,
            // Scrolled down past the cursor: the first sentence that starts on
            // screen (or the one running through it); up: the last one.
            _ if self
                .target_span()
                .is_some_and(|span| span.start < visible.start) =>
            {
                let first_starting = sentences.partition_point(|s| s.start < visible.start);
                match sentences.get(first_starting) {
                    Some(s) if s.start < visible.end => first_starting,
                    _ => first_starting.saturating_sub(1),
                }
            }
            _ => sentences
                .partition_point(|s| s.start < visible.end)
                .saturating_sub(1),
        };
        self.forget_picks();
        self.sentence = sentence;
        self.target = Target::Sentence;
    }

    fn scroll_down(&mut self, rows: usize) {
        let top = {
            let mut layout = self.layout();
            let below = layout.down(self.top, rows);
            layout.clamp_top(below, self.page_height())
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
            let above = layout.up(target, CONTEXT_ROWS.min(height / 3));
            layout.clamp_top(above, height)
        };
        self.top = top;
    }

    /// Where "next" searches from: the start of what the reader last moved to
    /// if it is on screen, else the top of the screen.
    pub(super) fn reading_position(&self) -> usize {
        match self.target_span().map(|span| span.start) {
            Some(byte) if self.shows(byte) => byte,
            _ => self.layout().byte_at(self.top),
        }
    }

    /// The span of the current target.
    pub(crate) fn target_span(&self) -> Option<Range<usize>> {
        // Claims are the reader's, there before the analysis ends.
        if let Target::Claim(i) = self.target {
            return self.annotations.claims().get(i).map(|c| c.span.clone());
        }
        let analysis = self.analysis.as_ref()?;
        match self.target {
            Target::Sentence => analysis.sentences.get(self.sentence).cloned(),
            Target::Quote(i) => analysis.quotations.get(i).map(|q| q.span.clone()),
            Target::Claim(_) => None,
        }
    }

    /// Whether the row holding `byte` is on the screen.
    fn shows(&self, byte: usize) -> bool {
        let height = self.page_height().max(1);
        let mut layout = self.layout();
        let at = layout.position_of(byte);
        layout.distance(self.top, at, height).is_some()
    }

    /// Moves the sentence cursor to the sentence holding `byte`; what the
    /// reader picked before is forgotten (see [`App::forget_picks`]).
    pub(super) fn move_sentence_cursor_to(&mut self, byte: usize) {
        self.forget_picks();
        if let Some(analysis) = &self.analysis {
            let sentences = &analysis.sentences;
            self.sentence = sentences
                .partition_point(|s| s.end <= byte)
                .min(sentences.len().saturating_sub(1));
        }
    }

    /// Makes `span` the place the reader is at: cursor, scroll, target.
    pub(super) fn go_to(&mut self, span: Range<usize>, target: Target) {
        self.move_sentence_cursor_to(span.start);
        self.target = target;
        self.scroll_into_view(span.start);
    }

    fn step_quote(&mut self, forward: bool) {
        let Some(analysis) = &self.analysis else {
            self.message = Some(super::accessors::STILL_ANALYSING.to_owned());
            return;
        };
        let starts: Vec<usize> = analysis.quotations.iter().map(|q| q.span.start).collect();
        let next = match self.target {
            Target::Quote(i) if forward => Some(i + 1).filter(|&n| n < starts.len()),
            Target::Quote(i) => i.checked_sub(1),
            _ => step_from(&starts, |&s| s, self.reading_position(), forward),
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
                let on_quote = matches!(self.target, Target::Quote(_));
                self.message = Some(
                    match (on_quote, forward) {
                        (true, true) => "no more quotations: this is the last",
                        (true, false) => "no more quotations: this is the first",
                        (false, true) => "no quotation after this point",
                        (false, false) => "no quotation before this point",
                    }
                    .to_owned(),
                );
            }
        }
    }

    fn step_sentence(&mut self, forward: bool) {
        let Some(analysis) = &self.analysis else {
            self.message = Some(super::accessors::STILL_ANALYSING.to_owned());
            return;
        };
        let sentences = &analysis.sentences;
        if sentences.is_empty() {
            self.message = Some("this article has no sentences".to_owned());
            return;
        }
        // From the sentence cursor while its start is on the screen, else
        // from the top of the screen: after `G` the next sentence is below,
        // not the one after a sentence that starts far above.
        let on_screen = sentences
            .get(self.sentence)
            .is_some_and(|s| self.shows(s.start));
        let next = match (on_screen, forward) {
            (true, true) => Some(self.sentence + 1).filter(|&n| n < sentences.len()),
            (true, false) => self.sentence.checked_sub(1),
            (false, _) => step_from(
                sentences,
                |s| s.start,
                self.layout().byte_at(self.top),
                forward,
            ),
        };
        match next.and_then(|i| sentences.get(i).map(|s| (i, s.start))) {
            Some((i, start)) => {
                self.forget_picks();
                self.sentence = i;
                self.target = Target::Sentence;
                self.scroll_into_view(start);
            }
            None => {
                let which = if forward { "last" } else { "first" };
                self.message = Some(format!("no more sentences: this is the {which}"));
            }
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
            _ => step_from(&starts, |&s| s, self.reading_position(), forward),
        };
        match next.and_then(|i| {
            self.annotations
                .claims()
                .get(i)
                .map(|c| (i, c.span.clone()))
        }) {
            Some((i, span)) => self.go_to(span, Target::Claim(i)),
            None if starts.is_empty() => {
                let orphans = self.annotations.orphans().len();
                self.message = Some(if orphans > 0 {
                    format!(
                        "no claims in this text ({orphans} orphaned: their text is gone from the article)"
                    )
                } else {
                    format!(
                        "no claims yet: {} marks one",
                        self.key_hint(Action::MarkClaim)
                    )
                });
            }
            None => self.message = Some("no more claims".to_owned()),
        }
    }

    fn focus_panel(&mut self) {
        // The view on show: the claims view of an article without entities
        // still lists its (orphaned) claims to edit or remove.
        let shown_rows = self.panels.current().selected().is_some();
        if !self.areas.has_panel() {
            self.message = Some("the window is too narrow for the panel".to_owned());
        } else if !shown_rows && self.analysis.is_none() {
            self.message = Some(super::accessors::STILL_ANALYSING.to_owned());
        } else if !shown_rows && self.panels.entities.rows().is_empty() {
            self.message = Some("no entities found".to_owned());
        } else {
            self.focus = Context::Panel;
        }
    }

    /// Goes to the selected entity's next mention after the reading
    /// position (or after the mention selected, when it is one of its).
    pub(crate) fn jump_to_mention(&mut self) {
        self.go_to_mention(false);
    }

    /// Goes to the selected entity's first mention in the article.
    pub(crate) fn jump_to_first_mention(&mut self) {
        self.go_to_mention(true);
    }

    fn go_to_mention(&mut self, first: bool) {
        let Some(analysis) = &self.analysis else {
            return;
        };
        let Some(entity) = self
            .panels
            .entities
            .selected_entity()
            .and_then(|e| analysis.entities.get(e))
        else {
            return;
        };
        let from = match &self.selected_mention {
            _ if first => 0,
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
        self.go_to(mention.clone(), Target::Sentence);
        self.selected_mention = Some(mention);
    }
}

/// The index of the first item starting at or after `position` (forward)
/// or the last one starting before it (back); `items` are sorted by
/// `start`.
fn step_from<T>(
    items: &[T],
    start: impl Fn(&T) -> usize,
    position: usize,
    forward: bool,
) -> Option<usize> {
    let i = items.partition_point(|item| start(item) < position);
    if forward {
        (i < items.len()).then_some(i)
    } else {
        i.checked_sub(1)
    }
}
