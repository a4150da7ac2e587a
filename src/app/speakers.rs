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

    /// Who spoke the words at `span` (byte range), for the claim form: the
    /// speaker shown for the outermost quotation holding them, and whether
    /// that is only folio's guess from weak evidence (no speaker set by the
    /// reader). `None` outside quotations or with nobody named.
    pub fn speaker_of_words(&self, span: &std::ops::Range<usize>) -> Option<(String, bool)> {
        let analysis = self.analysis.as_ref()?;
        let i = analysis.quotations.iter().position(|q| {
            q.parent.is_none() && q.span.start <= span.start && span.end <= q.span.end
        })?;
        let quotation = analysis.quotations.get(i)?;
        let name = self.quote_speaker(i).1?;
        let guess =
            self.annotations.speaker_fix(&quotation.span).is_none() && quotation.evidence.is_weak();
        Some((name, guess))
    }
}
