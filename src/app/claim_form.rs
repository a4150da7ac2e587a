//! The form that opens on `c`: a verdict and a label from the reader's
//! vocabulary, and a note of several lines.

use std::ops::Range;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::note_editor::NoteEditor;
use crate::annotations::{Claim, ClaimVocabulary};

/// The field of the form that has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Choosing the verdict.
    Verdict,
    /// Choosing the label.
    Label,
    /// Writing the note.
    Note,
}

/// A claim being made or edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimForm {
    /// Byte range of the claimed text.
    pub span: Range<usize>,
    /// The claim being edited, or `None` for a new one.
    pub editing: Option<Claim>,
    /// The verdicts offered (the vocabulary's, plus an edited claim's own
    /// verdict when the vocabulary lacks it, so it is kept).
    pub verdicts: Vec<String>,
    /// Index into `verdicts`.
    pub verdict: usize,
    /// The labels offered, likewise.
    pub labels: Vec<String>,
    /// Index into `labels`.
    pub label: usize,
    /// The note being written.
    pub note: NoteEditor,
    /// Entity id of the speaker (the quotation's speaker), if known.
    pub speaker: Option<String>,
    /// The field with the keyboard.
    pub field: Field,
    /// Esc was pressed once on a changed form: a second Esc discards it.
    pub confirming_discard: bool,
    /// The verdict, label and note the form opened with.
    opened_with: (usize, usize, String),
}

/// What a key did to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    /// Still editing.
    Editing,
    /// Ctrl-S, or Enter on the verdict or label: save the claim.
    Submit,
    /// Esc (twice when something was changed): drop the form, change
    /// nothing.
    Cancel,
}

impl ClaimForm {
    /// A form for a new claim on `span`: the vocabulary's first verdict and
    /// label, an empty note.
    pub fn new(span: Range<usize>, speaker: Option<String>, vocabulary: &ClaimVocabulary) -> Self {
        Self {
            span,
            editing: None,
            verdicts: non_empty(&vocabulary.verdicts, "unverified"),
            verdict: 0,
            labels: non_empty(&vocabulary.labels, crate::annotations::DEFAULT_LABEL),
            label: 0,
            note: NoteEditor::default(),
            speaker,
            field: Field::Verdict,
            confirming_discard: false,
            opened_with: (0, 0, String::new()),
        }
    }

    /// A form prefilled from an existing claim.
    pub fn edit(claim: &Claim, vocabulary: &ClaimVocabulary) -> Self {
        let mut form = Self::new(claim.span.clone(), claim.speaker.clone(), vocabulary);
        form.verdict = position_or_push(&mut form.verdicts, &claim.verdict);
        form.label = position_or_push(&mut form.labels, &claim.label);
        form.note = NoteEditor::new(&claim.note);
        form.editing = Some(claim.clone());
        form.opened_with = (form.verdict, form.label, claim.note.clone());
        form
    }

    /// Opens a new form on `label` (when the vocabulary has it), the one
    /// folio proposes: choosing it is no change of the reader's.
    pub fn propose_label(&mut self, label: &str) {
        if let Some(i) = self.labels.iter().position(|x| x == label) {
            self.label = i;
            self.opened_with.1 = i;
        }
    }

    /// Whether the verdict, label or note differ from what the form opened
    /// with.
    pub fn changed(&self) -> bool {
        let (verdict, label, note) = &self.opened_with;
        self.verdict != *verdict || self.label != *label || self.note.text() != note
    }

    /// The verdict chosen.
    pub fn verdict(&self) -> &str {
        self.verdicts.get(self.verdict).map_or("", String::as_str)
    }

    /// The label chosen.
    pub fn label(&self) -> &str {
        self.labels.get(self.label).map_or("", String::as_str)
    }

    /// Handles one key. Tab / Shift-Tab move between verdict, label and
    /// note; on the verdict or label ↑/↓ (←/→) choose and Enter saves, and
    /// typing starts the note; in the note Enter starts a new line and ↑ on
    /// its first line goes back to the label. Ctrl-S saves, Esc cancels;
    /// on a changed form, the first Esc asks and the second discards.
    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        // Esc typed quickly before a key arrives as Alt+key: treat it as Esc.
        if key.modifiers.contains(KeyModifiers::ALT) || key.code == KeyCode::Esc {
            if self.changed() && !self.confirming_discard {
                self.confirming_discard = true;
                return FormOutcome::Editing;
            }
            return FormOutcome::Cancel;
        }
        self.confirming_discard = false;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match (self.field, key.code) {
            (_, KeyCode::Char('s')) if ctrl => return FormOutcome::Submit,
            (field, KeyCode::Tab) => self.field = next_field(field, true),
            (field, KeyCode::BackTab) => self.field = next_field(field, false),
            (Field::Note, code) => {
                let used = self.note.handle_key(key);
                if !used && code == KeyCode::Up {
                    self.field = Field::Label;
                }
            }
            (_, KeyCode::Enter) => return FormOutcome::Submit,
            (field, KeyCode::Down | KeyCode::Right) => self.step(field, true),
            (field, KeyCode::Up | KeyCode::Left) => self.step(field, false),
            (_, KeyCode::Char(_)) if !ctrl => {
                self.field = Field::Note;
                self.note.handle_key(key);
            }
            _ => {}
        }
        FormOutcome::Editing
    }

    fn step(&mut self, field: Field, forward: bool) {
        let (index, count) = match field {
            Field::Verdict => (&mut self.verdict, self.verdicts.len()),
            Field::Label => (&mut self.label, self.labels.len()),
            Field::Note => return,
        };
        let count = count.max(1);
        *index = if forward {
            (*index + 1) % count
        } else {
            (*index + count - 1) % count
        };
    }

    /// The claim this form describes. A new claim gets `id` and is created
    /// and modified `now`; an edited one keeps its id and creation time and
    /// is modified `now` only if something changed.
    pub fn to_claim(&self, id: String, now: toml::value::Datetime) -> Claim {
        let (id, created, modified) = match &self.editing {
            Some(old) => (old.id.clone(), old.created, old.modified),
            None => (id, now, Some(now)),
        };
        let mut claim = Claim {
            id,
            span: self.span.clone(),
            label: self.label().to_owned(),
            verdict: self.verdict().to_owned(),
            note: self.note.text().trim().to_owned(),
            speaker: self.speaker.clone(),
            created,
            modified,
        };
        if self.editing.as_ref().is_some_and(|old| *old != claim) {
            claim.modified = Some(now);
        }
        claim
    }
}

fn next_field(field: Field, forward: bool) -> Field {
    match (field, forward) {
        (Field::Verdict, true) | (Field::Note, false) => Field::Label,
        (Field::Label, true) | (Field::Verdict, false) => Field::Note,
        (Field::Note, true) | (Field::Label, false) => Field::Verdict,
    }
}

/// `list` as owned strings, or `[fallback]` when it is empty (a config file
/// with an empty list must not leave the form without a choice).
fn non_empty(list: &[String], fallback: &str) -> Vec<String> {
    if list.is_empty() {
        vec![fallback.to_owned()]
    } else {
        list.to_vec()
    }
}

/// The index of `value` in `list`, adding it at the end when missing.
fn position_or_push(list: &mut Vec<String>, value: &str) -> usize {
    list.iter().position(|v| v == value).unwrap_or_else(|| {
        list.push(value.to_owned());
        list.len() - 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(form: &mut ClaimForm, text: &str) {
        for c in text.chars() {
            form.handle_key(key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn chooses_verdict_and_label_writes_two_lines_and_saves_with_ctrl_s() {
        let vocabulary = ClaimVocabulary::default();
        let mut form = ClaimForm::new(5..20, Some("joe-biden".to_owned()), &vocabulary);
        form.handle_key(key(KeyCode::Up));
        assert_eq!(form.verdict(), "opinion");
        form.handle_key(key(KeyCode::Down));
        form.handle_key(key(KeyCode::Down));
        form.handle_key(key(KeyCode::Tab));
        form.handle_key(key(KeyCode::Down));
        assert_eq!((form.verdict(), form.label()), ("true", "statistic"));
        typed(&mut form, "Check it");
        assert_eq!(form.field, Field::Note);
        assert_eq!(form.handle_key(key(KeyCode::Enter)), FormOutcome::Editing);
        typed(&mut form, "against the Pentagon");
        let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(form.handle_key(save), FormOutcome::Submit);
        let created = "2026-11-29T08:00:00Z".parse().unwrap();
        let claim = form.to_claim("c4".to_owned(), created);
        assert_eq!(
            (
                claim.id.as_str(),
                claim.verdict.as_str(),
                claim.label.as_str()
            ),
            ("c4", "true", "statistic")
        );
        assert_eq!(claim.note, "Check it\nagainst the Pentagon");
        assert_eq!((claim.created, claim.modified), (created, Some(created)));
        assert_eq!(claim.speaker.as_deref(), Some("joe-biden"));

        // Editing without a change keeps the time; a change records it.
        let later = "2026-11-30T09:00:00Z".parse().unwrap();
        let mut again = ClaimForm::edit(&claim, &vocabulary);
        assert_eq!(again.to_claim("c9".to_owned(), later), claim);
        again.handle_key(key(KeyCode::Down));
        let edited = again.to_claim("c9".to_owned(), later);
        assert_eq!(
            (edited.verdict.as_str(), edited.created),
            ("mostly-true", created)
        );
        assert_eq!(edited.modified, Some(later));
    }

    #[test]
    fn the_vocabulary_is_the_readers_and_unknown_values_are_kept() {
        let vocabulary = ClaimVocabulary {
            labels: vec!["number".to_owned()],
            verdicts: vec!["ok".to_owned(), "wrong".to_owned()],
        };
        let mut form = ClaimForm::new(0..3, None, &vocabulary);
        assert_eq!((form.verdict(), form.label()), ("ok", "number"));
        form.handle_key(key(KeyCode::Down));
        assert_eq!(form.verdict(), "wrong");
        let mut claim = form.to_claim("c1".to_owned(), "2026-11-29T08:00:00Z".parse().unwrap());
        claim.verdict = "pants-on-fire".to_owned();
        let edit = ClaimForm::edit(&claim, &vocabulary);
        assert_eq!(edit.verdicts, ["ok", "wrong", "pants-on-fire"]);
        assert_eq!(edit.verdict(), "pants-on-fire");
        let empty = ClaimVocabulary {
            labels: Vec::new(),
            verdicts: Vec::new(),
        };
        let form = ClaimForm::new(0..3, None, &empty);
        assert_eq!((form.verdict(), form.label()), ("unverified", "checkable"));
    }
}
