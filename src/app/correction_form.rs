//! The small picker that corrects entities by hand, one question at a time.
//!
//! On a selection (`T`): kind → new entity or one of that kind → which
//! mentions. On a mention (`E`): retype (kind → which mentions), remove
//! (which mentions), join (entity → which mentions) or rename (new name).

use std::ops::Range;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::line_input::LineInput;
use crate::analysis::{Analysis, EntityKind};
use crate::annotations::corrections::{Correction, CorrectionAction, Scope};

/// The question the form is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Retype, remove, join or rename?
    Action,
    /// Which kind?
    Kind,
    /// A new entity, or which existing one? (typing filters)
    Target,
    /// Every mention of the text, or this one only?
    Scope,
    /// The new name (typed).
    Name,
}

/// One answer offered at a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// A correction to make.
    Action(CorrectionAction),
    /// An entity kind.
    Kind(EntityKind),
    /// Make a new entity of the text.
    NewEntity,
    /// An existing entity: its id.
    Entity(String),
    /// Which mentions.
    Scope(Scope),
}

/// A correction being put together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionForm {
    /// Byte range of the selection or mention, end-exclusive.
    pub span: Range<usize>,
    /// Its text.
    pub exact: String,
    /// For a mention: the id and name of its entity; `None` when tagging.
    pub entity: Option<(String, String)>,
    /// How many places "every mention" covers.
    pub all_count: usize,
    /// The correction chosen so far.
    pub action: CorrectionAction,
    /// The kind chosen (tag, retype).
    pub kind: Option<EntityKind>,
    /// The entity chosen (join, tag onto an existing one).
    pub target: Option<String>,
    /// The current question.
    pub step: Step,
    /// The answers offered, with their labels.
    pub choices: Vec<(Choice, String)>,
    /// Index into `choices` of the highlighted answer.
    pub selected: usize,
    /// The filter (entity step) or the new name (name step).
    pub input: LineInput,
}

/// What a key did to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorrectionOutcome {
    /// Still answering.
    Choosing,
    /// The last answer: make this correction.
    Done(Correction),
    /// Esc: change nothing.
    Cancel,
}

impl CorrectionForm {
    /// Tagging the selection `span` (text `exact`, occurring as a word
    /// `all_count` times): starts with the kind.
    pub fn tag(span: Range<usize>, exact: &str, all_count: usize) -> Self {
        let mut form = Self::blank(span, exact, None, all_count, CorrectionAction::Tag);
        form.ask(Step::Kind, None);
        form
    }

    /// Correcting the mention `span` of the entity `(id, name)`, whose text
    /// is a mention `all_count` times: starts with what to do.
    pub fn mention(
        span: Range<usize>,
        exact: &str,
        entity: (String, String),
        all_count: usize,
    ) -> Self {
        let mut form = Self::blank(
            span,
            exact,
            Some(entity),
            all_count,
            CorrectionAction::Retype,
        );
        form.ask(Step::Action, None);
        form
    }

    fn blank(
        span: Range<usize>,
        exact: &str,
        entity: Option<(String, String)>,
        all_count: usize,
        action: CorrectionAction,
    ) -> Self {
        Self {
            span,
            exact: exact.to_owned(),
            entity,
            all_count,
            action,
            kind: None,
            target: None,
            step: Step::Action,
            choices: Vec::new(),
            selected: 0,
            input: LineInput::default(),
        }
    }

    /// The question of the current step, for the view.
    pub fn question(&self) -> &'static str {
        match self.step {
            Step::Action => "What is wrong with this mention?",
            Step::Kind => "What is it?",
            Step::Target if self.action == CorrectionAction::Join => "Join it to which entity?",
            Step::Target => "A new entity, or one folio knows?",
            Step::Scope => "Which mentions?",
            Step::Name => "The entity's name",
        }
    }

    /// Whether the step takes typed text (a filter or a name).
    pub fn typing(&self) -> bool {
        matches!(self.step, Step::Target | Step::Name)
    }

    /// Handles one key: ↑/↓ (or Tab, or j/k when not typing) choose, a digit
    /// picks directly, Enter answers, Esc cancels; typing filters the
    /// entities or edits the name.
    pub fn handle_key(&mut self, key: KeyEvent, analysis: &Analysis) -> CorrectionOutcome {
        if key.modifiers.contains(KeyModifiers::ALT) {
            return CorrectionOutcome::Cancel;
        }
        let last = self.choices.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc => return CorrectionOutcome::Cancel,
            KeyCode::Enter => return self.answer(analysis),
            KeyCode::Down | KeyCode::Tab => self.selected = (self.selected + 1).min(last),
            KeyCode::Up | KeyCode::BackTab => self.selected = self.selected.saturating_sub(1),
            KeyCode::Char('j') if !self.typing() => self.selected = (self.selected + 1).min(last),
            KeyCode::Char('k') if !self.typing() => self.selected = self.selected.saturating_sub(1),
            KeyCode::Char(c @ '1'..='9') if !self.typing() => {
                let pick = c as usize - '1' as usize;
                if pick < self.choices.len() {
                    self.selected = pick;
                    return self.answer(analysis);
                }
            }
            _ if self.typing() && self.input.handle_key(key) && self.step == Step::Target => {
                self.ask(Step::Target, Some(analysis));
            }
            _ => {}
        }
        CorrectionOutcome::Choosing
    }

    /// Inserts pasted text into the filter or name.
    pub fn paste(&mut self, text: &str, analysis: &Analysis) {
        if self.typing() {
            self.input.insert_str(text);
            if self.step == Step::Target {
                self.ask(Step::Target, Some(analysis));
            }
        }
    }

    /// Takes the highlighted answer (or the typed name) and moves on.
    fn answer(&mut self, analysis: &Analysis) -> CorrectionOutcome {
        if self.step == Step::Name {
            let name = self.input.text().trim();
            if name.is_empty() {
                return CorrectionOutcome::Choosing;
            }
            let mut correction = Correction::new(CorrectionAction::Rename, &self.exact, None);
            correction.name = Some(name.to_owned());
            return CorrectionOutcome::Done(correction);
        }
        let Some((choice, _)) = self.choices.get(self.selected).cloned() else {
            return CorrectionOutcome::Choosing;
        };
        match choice {
            Choice::Action(action) => {
                self.action = action;
                match action {
                    CorrectionAction::Retype | CorrectionAction::Tag => self.ask(Step::Kind, None),
                    CorrectionAction::Remove => self.ask(Step::Scope, None),
                    CorrectionAction::Join => self.ask(Step::Target, Some(analysis)),
                    CorrectionAction::Rename => {
                        let name = self.entity.as_ref().map_or("", |(_, n)| n.as_str());
                        self.input = LineInput::new(name);
                        self.ask(Step::Name, None);
                    }
                }
            }
            Choice::Kind(kind) => {
                self.kind = Some(kind);
                if self.action == CorrectionAction::Tag {
                    self.ask(Step::Target, Some(analysis));
                } else {
                    self.ask(Step::Scope, None);
                }
            }
            Choice::NewEntity => {
                self.target = None;
                self.ask(Step::Scope, None);
            }
            Choice::Entity(id) => {
                self.target = Some(id);
                self.ask(Step::Scope, None);
            }
            Choice::Scope(scope) => {
                let span = (scope == Scope::Mention).then(|| self.span.clone());
                let mut correction = Correction::new(self.action, &self.exact, span);
                correction.kind = self.kind;
                correction.entity = self.target.clone();
                return CorrectionOutcome::Done(correction);
            }
        }
        CorrectionOutcome::Choosing
    }

    /// Moves to `step` and lists its answers.
    fn ask(&mut self, step: Step, analysis: Option<&Analysis>) {
        if self.step != step && step == Step::Target {
            self.input = LineInput::default();
        }
        self.step = step;
        self.selected = 0;
        let exact = &self.exact;
        self.choices = match step {
            Step::Action => vec![
                (
                    Choice::Action(CorrectionAction::Retype),
                    "retype: another kind".to_owned(),
                ),
                (
                    Choice::Action(CorrectionAction::Remove),
                    "remove: it is no entity".to_owned(),
                ),
                (
                    Choice::Action(CorrectionAction::Join),
                    "join: the same entity as another one".to_owned(),
                ),
                (
                    Choice::Action(CorrectionAction::Rename),
                    "rename the entity".to_owned(),
                ),
            ],
            Step::Kind => EntityKind::ALL
                .into_iter()
                .map(|k| (Choice::Kind(k), k.as_str().to_owned()))
                .collect(),
            Step::Target => self.targets(analysis),
            Step::Scope => {
                let all = match self.action {
                    CorrectionAction::Tag => {
                        format!("everywhere “{exact}” occurs ({})", self.all_count)
                    }
                    _ => format!("every mention of “{exact}” ({})", self.all_count),
                };
                vec![
                    (Choice::Scope(Scope::All), all),
                    (
                        Choice::Scope(Scope::Mention),
                        "this mention only".to_owned(),
                    ),
                ]
            }
            Step::Name => Vec::new(),
        };
    }

    /// A new entity (when tagging) and the entities matching the filter: of
    /// the chosen kind when tagging, any other entity when joining.
    fn targets(&self, analysis: Option<&Analysis>) -> Vec<(Choice, String)> {
        let wanted = self.input.text().trim().to_lowercase();
        let own = self.entity.as_ref().map(|(id, _)| id.as_str());
        let mut choices = Vec::new();
        if self.action == CorrectionAction::Tag {
            choices.push((Choice::NewEntity, format!("new entity “{}”", self.exact)));
        }
        let Some(analysis) = analysis else {
            return choices;
        };
        let mut entities: Vec<_> = analysis
            .entities
            .iter()
            .filter(|e| Some(e.id.as_str()) != own)
            .filter(|e| self.action != CorrectionAction::Tag || Some(e.kind) == self.kind)
            .filter(|e| e.name.to_lowercase().contains(&wanted))
            .collect();
        entities.sort_by_key(|e| std::cmp::Reverse(e.mentions.len()));
        choices.extend(entities.into_iter().map(|e| {
            let label = format!("{} ({}, {})", e.name, e.kind.as_str(), e.mentions.len());
            (Choice::Entity(e.id.clone()), label)
        }));
        choices
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Progress, analyse};
    use crate::document::Document;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn join_a_surname_to_a_person_for_this_mention_only() {
        let text = "Joe Biden met Putin. Vladimir Putin said no. Putin left.";
        let doc = Document::from_bytes(text.as_bytes(), None);
        let analysis = analyse(&doc, &Progress::default());
        let at = text.find("Putin").unwrap();
        let entity = ("putin".to_owned(), "Putin".to_owned());
        let mut form = CorrectionForm::mention(at..at + 5, "Putin", entity, 2);
        assert_eq!(form.step, Step::Action);
        form.handle_key(key(KeyCode::Char('3')), &analysis);
        assert_eq!(form.step, Step::Target);
        for c in "vlad".chars() {
            form.handle_key(key(KeyCode::Char(c)), &analysis);
        }
        assert_eq!(form.choices.len(), 1, "{:?}", form.choices);
        form.handle_key(key(KeyCode::Enter), &analysis);
        assert_eq!(form.step, Step::Scope);
        form.handle_key(key(KeyCode::Down), &analysis);
        let CorrectionOutcome::Done(correction) = form.handle_key(key(KeyCode::Enter), &analysis)
        else {
            panic!("no correction");
        };
        assert_eq!(correction.action, CorrectionAction::Join);
        assert_eq!(correction.span, Some(at..at + 5));
        assert_eq!(correction.entity.as_deref(), Some("vladimir-putin"));
    }

    #[test]
    fn tag_a_selection_as_a_new_organisation_everywhere() {
        let doc = Document::from_bytes(b"The Elysee said so.", None);
        let analysis = analyse(&doc, &Progress::default());
        let mut form = CorrectionForm::tag(4..10, "Elysee", 1);
        form.handle_key(key(KeyCode::Char('3')), &analysis);
        assert_eq!(
            (form.kind, form.step),
            (Some(EntityKind::Organisation), Step::Target)
        );
        assert_eq!(form.choices[0].0, Choice::NewEntity);
        form.handle_key(key(KeyCode::Enter), &analysis);
        let CorrectionOutcome::Done(c) = form.handle_key(key(KeyCode::Enter), &analysis) else {
            panic!("no correction");
        };
        assert_eq!(
            (c.action, c.kind, c.entity, c.span),
            (
                CorrectionAction::Tag,
                Some(EntityKind::Organisation),
                None,
                None
            )
        );
        assert_eq!(
            CorrectionForm::tag(4..10, "Elysee", 1).handle_key(key(KeyCode::Esc), &analysis),
            CorrectionOutcome::Cancel
        );
    }
}
