//! Marking, editing and removing claims, with undo and redo.

use super::claim_form::ClaimForm;
use super::speaker_form::SpeakerForm;
use super::{Action, App, Effect, Mode, SaveState, Target};
use crate::annotations::{Annotations, SpeakerFix};

impl App {
    pub(super) fn open_claim_form(&mut self) {
        if self.refuse_read_only() {
            return;
        }
        // A selection is what the reader means to mark; else the target;
        // while the analysis runs, a claim the reader went to, else the
        // first sentence on the screen (the form would otherwise be
        // refused, and a note typed on would run as commands).
        let on_claim = matches!(self.target, Target::Claim(_));
        let span = match &self.selection {
            Some(selection) => Some(selection.span()),
            None if self.analysis.is_none() && !on_claim => {
                crate::analysis::sentences::sentence_at(&self.doc, self.layout().byte_at(self.top))
            }
            None => self.target_span(),
        };
        let Some(span) = span else {
            self.message = Some("nothing to mark here".to_owned());
            return;
        };
        // An orphan removed meanwhile leaves a plain claim form.
        if let Some(id) = self.attaching.take()
            && self.annotations.orphans().iter().any(|o| o.id == id)
        {
            // Two claims on the same words would be one too many.
            if let Some(other) = self
                .annotations
                .claim_at(&span)
                .and_then(|i| self.annotations.claims().get(i))
            {
                self.message = Some(format!(
                    "{} is already on these words: select others for {}",
                    crate::safe_text::safe_line(&other.id),
                    crate::safe_text::safe_line(&id)
                ));
                self.attaching = Some(id);
                return;
            }
            self.open_attach_form(&id, span);
            return;
        }
        // A claim inside a quotation is its speaker's (the reader's fix first).
        let speaker = self
            .analysis
            .as_ref()
            .and_then(|a| {
                a.quotations.iter().position(|q| {
                    q.parent.is_none() && q.span.start <= span.start && span.end <= q.span.end
                })
            })
            .and_then(|i| self.quote_speaker(i).0);
        let form = match self
            .annotations
            .claim_at(&span)
            .and_then(|i| self.annotations.claims().get(i))
        {
            Some(existing) => ClaimForm::edit(existing, &self.vocabulary),
            None => {
                let label = self.suggested_label(&span);
                let mut form = ClaimForm::new(span, speaker, &self.vocabulary);
                if let Some(label) = label {
                    form.propose_label(label);
                }
                form
            }
        };
        self.mode = Mode::Claim(Box::new(form));
    }

    /// Saves the open claim form as its claim when it has changes: for a
    /// stop the reader cannot be asked about (a signal, as when the
    /// terminal closes), where the typed note would otherwise be lost.
    /// What was done ("marked claim c3"), or `None` when no changed form
    /// was open. The caller writes the annotation file ([`Effect::Save`]).
    pub fn save_open_claim_form(&mut self) -> Option<String> {
        let Mode::Claim(form) = &self.mode else {
            return None;
        };
        if !form.changed() {
            return None;
        }
        let form = form.as_ref().clone();
        self.mode = Mode::Normal;
        self.submit_claim(&form)?;
        self.message.clone()
    }

    /// Tells the reader which claims' verdicts or labels look like
    /// misspellings of the form's (a hand-edited `verdict = "mislaeding"`,
    /// which would otherwise be read, shown and exported as a verdict of
    /// its own without a word). Called once the vocabulary is set.
    pub fn check_vocabulary(&mut self) {
        let annotations = &self.annotations;
        let words = annotations
            .claims()
            .iter()
            .map(|c| (&c.id, &c.verdict, &c.label))
            .chain(
                annotations
                    .orphans()
                    .iter()
                    .map(|o| (&o.id, &o.verdict, &o.label)),
            );
        let mut misspelt = Vec::new();
        for (id, verdict, label) in words {
            for (field, word) in [("verdict", verdict), ("label", label)] {
                if let Some(meant) = self.vocabulary.misspelt(word) {
                    misspelt.push(format!(
                        "claim {}'s {field} “{}” looks like “{meant}” misspelt",
                        crate::safe_text::safe_line(id),
                        crate::safe_text::safe_line(word)
                    ));
                }
            }
        }
        if let Some(first) = misspelt.first() {
            let more = match misspelt.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            let edit = self.key_hint(Action::MarkClaim);
            self.notify(format!("{first}{more}: {edit} on it chooses another"));
        }
    }

    /// Attaches the orphaned claim `id` to new words: the next claim form
    /// opened, on the words the reader selects, is that claim's, with its
    /// verdict, label and note (its title says so; `Esc` there cancels).
    pub(super) fn attach_orphan(&mut self, id: &str) {
        if self.refuse_read_only() {
            return;
        }
        self.attaching = Some(id.to_owned());
        self.focus = crate::keymap::Context::Article;
        let sentence = self
            .key_in(crate::keymap::Context::Select, Action::SelectSentence)
            .map(|key| format!(", then {key} for a sentence"))
            .unwrap_or_default();
        self.message = Some(format!(
            "attaching orphaned claim {}: select the words it is about now ({}{sentence}), then {}",
            crate::safe_text::safe_line(id),
            self.key_hint(Action::StartSelection),
            self.key_hint(Action::MarkClaim),
        ));
    }

    /// Opens the claim form on `span` (byte range) for the orphaned claim
    /// `id`, with its verdict, label, note and times.
    fn open_attach_form(&mut self, id: &str, span: std::ops::Range<usize>) {
        let Some(orphan) = self.annotations.orphans().iter().find(|o| o.id == id) else {
            return;
        };
        let claim = crate::annotations::Claim {
            id: orphan.id.clone(),
            span,
            label: orphan.label.clone(),
            verdict: orphan.verdict.clone(),
            note: orphan.note.clone(),
            speaker: orphan.speaker.clone(),
            created: orphan.created,
            modified: orphan.modified,
        };
        self.mode = Mode::Claim(Box::new(ClaimForm::edit(&claim, &self.vocabulary)));
    }

    pub(super) fn submit_claim(&mut self, form: &ClaimForm) -> Option<Effect> {
        let claim = form.to_claim(self.annotations.next_claim_id(), (self.now)());
        let id = claim.id.clone();
        // An orphaned claim given new words: the words its verdict was
        // given on, to show as what it said before when they differ.
        let attached_from = self
            .annotations
            .orphans()
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.changed_from.clone().unwrap_or_else(|| o.exact.clone()));
        // Saving a changed claim's form as it opened says the reader has
        // seen its new words: that is a change.
        let acknowledged = self.annotations.changed_from(&id).is_some();
        if attached_from.is_none() && form.editing.is_some() && !form.changed() && !acknowledged {
            self.mode = Mode::Normal;
            self.end_selection();
            self.message = Some(format!("claim {id} unchanged"));
            return None;
        }
        // What the history records, and what the reader is told.
        let (verb, told) = match (&attached_from, &form.editing) {
            (Some(_), _) => (
                "attached",
                format!("attached claim {id} to the selected words"),
            ),
            (None, Some(_)) => ("edited", format!("updated claim {id}")),
            (None, None) => ("marked", format!("marked claim {id}")),
        };
        let now_says = self.doc.slice(claim.span.clone()).to_owned();
        self.change_annotations(format!("claim {id} {verb}"), |a| {
            a.upsert_claim(claim);
            if let Some(before) = attached_from {
                a.remove_orphan(&id);
                if !crate::annotations::selector::similarity::same_words(&now_says, &before) {
                    a.mark_changed(&id, before);
                }
            }
        });
        self.end_selection();
        if let Target::Claim(_) = self.target {
            self.target = self
                .claim_index(&id)
                .map_or(Target::Sentence, Target::Claim);
        }
        self.message = Some(told);
        Some(Effect::Save)
    }

    fn claim_index(&self, id: &str) -> Option<usize> {
        self.annotations.claims().iter().position(|c| c.id == id)
    }

    /// Opens the speaker form for the current quotation.
    pub(super) fn open_speaker_form(&mut self) {
        if self.refuse_read_only() {
            return;
        }
        match (&self.analysis, self.target) {
            (Some(analysis), Target::Quote(i)) => {
                self.mode = Mode::Speaker(SpeakerForm::new(i, analysis))
            }
            _ => {
                let (set, next) = (
                    self.key_hint(Action::SetSpeaker),
                    self.key_hint(Action::NextQuote),
                );
                self.message = Some(format!(
                    "{set} sets the speaker of a quotation: go to one with {next} first"
                ));
            }
        }
    }

    /// Records the reader's speaker for a quotation.
    pub(super) fn set_speaker(&mut self, fix: SpeakerFix) -> Option<Effect> {
        let what = self.speaker_change(&fix);
        self.change_annotations(what, |a| a.set_speaker(fix));
        self.message = Some(format!(
            "speaker set ({} undoes)",
            self.key_hint(Action::Undo)
        ));
        Some(Effect::Save)
    }

    pub(super) fn delete_claim(&mut self) -> Option<Effect> {
        if self.refuse_read_only() {
            return None;
        }
        let claim = match self.target {
            Target::Claim(i) => self.annotations.claims().get(i),
            _ => {
                let Some(span) = self.target_span() else {
                    self.message = Some("no claim here".to_owned());
                    return None;
                };
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
        self.change_annotations(format!("claim {id} removed"), |a| {
            a.remove_claim(&id);
        });
        if let Target::Claim(_) = self.target {
            self.target = Target::Sentence;
        }
        let undo = self.key_hint(Action::Undo);
        self.message = Some(format!("removed claim {id} ({undo} undoes)"));
        Some(Effect::Save)
    }

    /// Applies `change` to the annotations, undoably; `what` says what it
    /// is (`claim c3 removed`) for the undo and redo messages.
    pub(super) fn change_annotations(
        &mut self,
        what: impl Into<String>,
        change: impl FnOnce(&mut Annotations),
    ) {
        let before = self.annotations.clone();
        change(&mut self.annotations);
        self.save_state = SaveState::Pending;
        self.after_change(&before);
        self.history.record(before, what);
    }

    /// What setting the speaker `fix` does, in words: `speaker of quote 2
    /// set to Vladimir Putin`.
    fn speaker_change(&self, fix: &SpeakerFix) -> String {
        let quote = self
            .analysis
            .as_ref()
            .and_then(|a| a.quotations.iter().position(|q| q.span == fix.span))
            .map_or_else(String::new, |i| format!(" of quote {}", i + 1));
        let entity_name = |id: &String| {
            let entities = self.analysis.as_ref().map(|a| a.entities.as_slice());
            entities
                .and_then(|es| es.iter().find(|e| &e.id == id))
                .map_or_else(|| id.clone(), |e| e.name.clone())
        };
        match fix
            .speaker
            .as_ref()
            .map(entity_name)
            .or(fix.speaker_text.clone())
        {
            Some(name) => format!("speaker{quote} set to {name}"),
            None => format!("speaker{quote} cleared"),
        }
    }

    /// Brings what is shown up to date after the annotations changed from
    /// `before`: corrections are replayed only when they changed.
    fn after_change(&mut self, before: &Annotations) {
        if before.corrections() != self.annotations.corrections()
            || before.speakers() != self.annotations.speakers()
        {
            self.apply_corrections();
        } else {
            self.refresh_panels();
        }
    }

    pub(super) fn undo(&mut self, back: bool) -> Option<Effect> {
        if self.refuse_read_only() {
            return None;
        }
        // What is shown now, to compare with what undo brings back.
        let before = self.annotations.clone();
        let current = std::mem::take(&mut self.annotations);
        let result = if back {
            self.history.undo(current)
        } else {
            self.history.redo(current)
        };
        let (state, what) = match result {
            Ok((state, what)) => (state, Some(what)),
            Err(state) => (state, None),
        };
        let changed = what.is_some();
        self.annotations = state;
        self.after_change(&before);
        if let Target::Claim(i) = self.target
            && i >= self.annotations.claims().len()
        {
            self.target = Target::Sentence;
        }
        self.message = Some(match (back, what) {
            (true, Some(what)) => format!("undone: {what}"),
            (false, Some(what)) => format!("redone: {what}"),
            (true, None) => "nothing to undo".to_owned(),
            (false, None) => "nothing to redo".to_owned(),
        });
        changed.then(|| {
            self.save_state = SaveState::Pending;
            Effect::Save
        })
    }
}
