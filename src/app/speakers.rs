//! Who said a quotation, as the reader (a speaker fix) or folio has it.

use super::App;

impl App {
    /// Who said quotation `i`, as the reader or folio has it: the person's
    /// entity id (if any) and a name to show (entity name or phrase).
    pub fn quote_speaker(&self, i: usize) -> (Option<String>, Option<String>) {
        let Some(analysis) = &self.analysis else {
            return (None, None);
        };
        let Some(quotation) = analysis.quotations.get(i) else {
            return (None, None);
        };
        let name_of = |id: &str| {
            analysis
                .entities
                .iter()
                .find(|e| e.id == id)
                .map(|e| e.name.clone())
        };
        match self.annotations.speaker_fix(&quotation.span) {
            Some(fix) => {
                let id = fix.speaker.clone();
                let shown = id
                    .as_deref()
                    .and_then(name_of)
                    .or_else(|| fix.speaker_text.clone())
                    .or(id.clone());
                (id, shown)
            }
            None => {
                let person = quotation.speaker.and_then(|s| analysis.entities.get(s));
                (
                    person.map(|e| e.id.clone()),
                    analysis.speaker_name(quotation),
                )
            }
        }
    }
}
