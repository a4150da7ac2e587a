//! The form that opens on `s`: set or fix who said the current quotation,
//! choosing one of the people folio found or typing a name.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::line_input::LineInput;
use crate::analysis::{Analysis, EntityKind};
use crate::annotations::SpeakerFix;

/// The speaker being chosen for one quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerForm {
    /// Index of the quotation in [`Analysis::quotations`].
    pub quote: usize,
    /// What the reader typed: filters the people, or is the name itself.
    pub input: LineInput,
    /// People (indices into [`Analysis::entities`]) matching the input, most
    /// mentioned first.
    pub matches: Vec<usize>,
    /// Index into `matches` of the highlighted person.
    pub selected: usize,
}

/// What a key did to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeakerOutcome {
    /// Still choosing.
    Choosing,
    /// Enter: set this speaker.
    Set(SpeakerFix),
    /// Esc: change nothing.
    Cancel,
}

impl SpeakerForm {
    /// A form for quotation `quote`, listing every person.
    pub fn new(quote: usize, analysis: &Analysis) -> Self {
        let mut form = Self {
            quote,
            input: LineInput::default(),
            matches: Vec::new(),
            selected: 0,
        };
        form.refilter(analysis);
        form
    }

    /// Handles one key: ↑/↓ choose a person, typing filters (or names someone
    /// new), Enter sets the highlighted person — or the typed name when no
    /// person matches it — and Esc cancels.
    pub fn handle_key(&mut self, key: KeyEvent, analysis: &Analysis) -> SpeakerOutcome {
        if key.modifiers.contains(KeyModifiers::ALT) {
            return SpeakerOutcome::Cancel;
        }
        match key.code {
            KeyCode::Esc => return SpeakerOutcome::Cancel,
            KeyCode::Enter => return self.choice(analysis),
            KeyCode::Down | KeyCode::Tab => {
                self.selected = (self.selected + 1).min(self.matches.len().saturating_sub(1));
            }
            KeyCode::Up | KeyCode::BackTab => self.selected = self.selected.saturating_sub(1),
            _ => {
                if self.input.handle_key(key) {
                    self.refilter(analysis);
                }
            }
        }
        SpeakerOutcome::Choosing
    }

    /// Inserts pasted text into the name and filters again.
    pub fn paste(&mut self, text: &str, analysis: &Analysis) {
        self.input.insert_str(text);
        self.refilter(analysis);
    }

    fn choice(&self, analysis: &Analysis) -> SpeakerOutcome {
        let Some(quotation) = analysis.quotations.get(self.quote) else {
            return SpeakerOutcome::Cancel;
        };
        let span = quotation.span.clone();
        let typed = self.input.text().trim();
        match self
            .matches
            .get(self.selected)
            .and_then(|&e| analysis.entities.get(e))
        {
            Some(person) => SpeakerOutcome::Set(SpeakerFix {
                span,
                speaker: Some(person.id.clone()),
                speaker_text: None,
            }),
            None if !typed.is_empty() => SpeakerOutcome::Set(SpeakerFix {
                span,
                speaker: None,
                speaker_text: Some(typed.to_owned()),
            }),
            None => SpeakerOutcome::Cancel,
        }
    }

    fn refilter(&mut self, analysis: &Analysis) {
        let wanted = self.input.text().trim().to_lowercase();
        let mut people: Vec<usize> = (0..analysis.entities.len())
            .filter(|&i| {
                analysis.entities.get(i).is_some_and(|e| {
                    e.kind == EntityKind::Person && e.name.to_lowercase().contains(&wanted)
                })
            })
            .collect();
        people.sort_by_key(|&i| {
            std::cmp::Reverse(analysis.entities.get(i).map_or(0, |e| e.mentions.len()))
        });
        self.matches = people;
        self.selected = 0;
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
    fn filters_people_and_sets_one_or_a_typed_name() {
        let doc = Document::from_bytes(
            "President Emmanuel Macron met President Joe Biden. “We agree,” a spokesman said."
                .as_bytes(),
            None,
        );
        let analysis = analyse(&doc, &Progress::default());
        let mut form = SpeakerForm::new(0, &analysis);
        assert_eq!(form.matches.len(), 2);
        for c in "bid".chars() {
            form.handle_key(key(KeyCode::Char(c)), &analysis);
        }
        let SpeakerOutcome::Set(fix) = form.handle_key(key(KeyCode::Enter), &analysis) else {
            panic!("no speaker set");
        };
        assert_eq!(fix.speaker.as_deref(), Some("joe-biden"));
        assert_eq!(doc.slice(fix.span), "“We agree,”");

        let mut form = SpeakerForm::new(0, &analysis);
        for c in "Élysée press office".chars() {
            form.handle_key(key(KeyCode::Char(c)), &analysis);
        }
        let SpeakerOutcome::Set(fix) = form.handle_key(key(KeyCode::Enter), &analysis) else {
            panic!("no speaker set");
        };
        assert_eq!(
            (fix.speaker, fix.speaker_text.as_deref()),
            (None, Some("Élysée press office"))
        );
    }
}
