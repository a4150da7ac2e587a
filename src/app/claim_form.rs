//! The small form that opens on `c`: a verdict from a list and a one-line note.

use std::ops::Range;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::line_input::LineInput;
use crate::annotations::{Claim, DEFAULT_LABEL, VERDICTS};

/// A claim being made or edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimForm {
    /// Byte range of the claimed text.
    pub span: Range<usize>,
    /// The claim being edited, or `None` for a new one.
    pub editing: Option<Claim>,
    /// Index into [`VERDICTS`].
    pub verdict: usize,
    /// The note being typed.
    pub note: LineInput,
    /// Entity id of the speaker (the quotation's speaker), if known.
    pub speaker: Option<String>,
}

/// What a key did to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    /// Still editing.
    Editing,
    /// Enter: save the claim.
    Submit,
    /// Esc: drop the form, change nothing.
    Cancel,
}

impl ClaimForm {
    /// A form for a new claim on `span`.
    pub fn new(span: Range<usize>, speaker: Option<String>) -> Self {
        Self {
            span,
            editing: None,
            verdict: 0,
            note: LineInput::default(),
            speaker,
        }
    }

    /// A form prefilled from an existing claim.
    pub fn edit(claim: &Claim) -> Self {
        Self {
            span: claim.span.clone(),
            verdict: VERDICTS
                .iter()
                .position(|v| *v == claim.verdict)
                .unwrap_or(0),
            note: LineInput::new(&claim.note),
            speaker: claim.speaker.clone(),
            editing: Some(claim.clone()),
        }
    }

    /// The verdict currently chosen. An edited claim whose verdict is not in
    /// the list keeps it until the reader picks another.
    pub fn verdict(&self) -> &str {
        VERDICTS.get(self.verdict).copied().unwrap_or("unverified")
    }

    /// Handles one key: ↑/↓ or Tab/Shift-Tab choose the verdict, Enter
    /// submits, Esc cancels, anything else edits the note.
    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        let count = VERDICTS.len();
        // Esc typed quickly before a key arrives as Alt+key: treat it as Esc.
        if key.modifiers.contains(KeyModifiers::ALT) {
            return FormOutcome::Cancel;
        }
        match key.code {
            KeyCode::Enter => return FormOutcome::Submit,
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Down | KeyCode::Tab => self.verdict = (self.verdict + 1) % count,
            KeyCode::Up | KeyCode::BackTab => self.verdict = (self.verdict + count - 1) % count,
            _ => {
                self.note.handle_key(key);
            }
        }
        FormOutcome::Editing
    }

    /// The claim this form describes, given a fresh `id` and `now` for a new one.
    pub fn to_claim(&self, id: String, now: toml::value::Datetime) -> Claim {
        let (id, created, label) = match &self.editing {
            Some(old) => (old.id.clone(), old.created, old.label.clone()),
            None => (id, now, DEFAULT_LABEL.to_owned()),
        };
        Claim {
            id,
            span: self.span.clone(),
            label,
            verdict: self.verdict().to_owned(),
            note: self.note.text().trim().to_owned(),
            speaker: self.speaker.clone(),
            created,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn chooses_a_verdict_types_a_note_and_submits() {
        let mut form = ClaimForm::new(5..20, Some("joe-biden".to_owned()));
        form.handle_key(key(KeyCode::Up));
        assert_eq!(form.verdict(), "opinion");
        form.handle_key(key(KeyCode::Down));
        form.handle_key(key(KeyCode::Down));
        for c in "Check it".chars() {
            form.handle_key(key(KeyCode::Char(c)));
        }
        assert_eq!(form.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
        let now = "2026-11-29T08:00:00Z".parse().unwrap();
        let claim = form.to_claim("c4".to_owned(), now);
        assert_eq!(
            (
                claim.id.as_str(),
                claim.verdict.as_str(),
                claim.note.as_str()
            ),
            ("c4", "true", "Check it")
        );
        assert_eq!(claim.speaker.as_deref(), Some("joe-biden"));
        let again = ClaimForm::edit(&claim);
        assert_eq!(again.verdict(), "true");
        assert_eq!(again.to_claim("c9".to_owned(), now), claim);
    }
}
