//! The reader's speakers replayed on the analysis, so that what is drawn
//! from quotations — the check-worthiness reasons ("quotation by …") — says
//! who the reader said spoke, as the quotations list and the exports do.

use super::SpeakerFix;
use crate::analysis::{Analysis, checkworthy};

/// Gives each quotation the reader set a speaker for (same byte span) that
/// speaker — the entity with the fix's id, else the fix's words — and, when
/// any quotation changed, scores the sentences again. `text` is the
/// document text the analysis' byte ranges index. A fix whose quotation or
/// entity the analysis lacks changes nothing.
pub fn apply(analysis: &mut Analysis, fixes: &[SpeakerFix], text: &str) {
    let mut changed = false;
    for fix in fixes {
        let Some(quotation) = analysis.quotations.iter_mut().find(|q| q.span == fix.span) else {
            continue;
        };
        let speaker = fix
            .speaker
            .as_ref()
            .and_then(|id| analysis.entities.iter().position(|e| &e.id == id));
        let speaker_text = if speaker.is_some() {
            None
        } else {
            fix.speaker_text.clone()
        };
        if quotation.speaker != speaker || quotation.speaker_text != speaker_text {
            quotation.speaker = speaker;
            quotation.speaker_text = speaker_text;
            changed = true;
        }
    }
    if changed {
        analysis.suggestions = checkworthy::score_sentences(
            text,
            &analysis.sentences,
            &analysis.entities,
            &analysis.quotations,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Progress, analyse};
    use crate::document::Document;

    #[test]
    fn a_speaker_set_by_hand_reaches_the_suggestions_reasons() {
        let text = std::fs::read_to_string("samples/macron-moscow.txt").unwrap_or_default();
        let doc = Document::from_bytes(text.as_bytes(), None);
        let mut analysis = analyse(&doc, &Progress::default());
        let quoted = |a: &Analysis| {
            a.suggestions
                .iter()
                .flat_map(|s| s.reasons.iter())
                .map(ToString::to_string)
                .filter(|r| r.starts_with("quotation by"))
                .collect::<Vec<_>>()
        };
        assert!(
            quoted(&analysis)
                .iter()
                .any(|r| r.contains("Emmanuel Macron"))
        );
        let putin = analysis
            .entities
            .iter()
            .find(|e| e.name == "Vladimir Putin")
            .map(|e| e.id.clone());
        let fixes: Vec<SpeakerFix> = analysis
            .quotations
            .iter()
            .filter(|q| q.speaker.is_some())
            .map(|q| SpeakerFix {
                span: q.span.clone(),
                speaker: putin.clone(),
                speaker_text: None,
            })
            .collect();
        apply(&mut analysis, &fixes, doc.text());
        let after = quoted(&analysis);
        assert!(!after.is_empty());
        assert!(
            after.iter().all(|r| r.contains("Vladimir Putin")),
            "{after:?}"
        );
    }
}
