//! Finding the claims of an annotation file in the article again
//! (re-anchoring), so an edited article does not silently move them.
//!
//! A claim stays where its char offsets say when the text there still equals
//! its `exact`; otherwise it moves to the one place the article contains
//! `exact`; otherwise it is orphaned: kept and written back, never dropped.

use super::file::AnnotationFile;
use super::{Annotations, Claim, SpeakerFix, corrections};
use crate::document::Document;

/// The claims and speaker fixes of `file`, anchored in `doc`.
pub fn claims_from_file(doc: &Document, file: &AnnotationFile) -> Annotations {
    let mut claims = Vec::new();
    let mut orphans = Vec::new();
    for record in &file.claims {
        match anchor(doc, record.start, record.end, &record.exact) {
            Some(span) => claims.push(Claim {
                id: record.id.clone(),
                span,
                label: record.label.clone(),
                verdict: record.verdict.clone(),
                note: record.note.clone(),
                speaker: record.speaker.clone(),
                created: record.created,
                modified: record.modified,
            }),
            None => orphans.push(record.clone()),
        }
    }
    let mut speakers = Vec::new();
    let mut orphaned_speakers = Vec::new();
    for record in &file.speakers {
        match anchor(doc, record.start, record.end, &record.exact) {
            Some(span) => speakers.push(SpeakerFix {
                span,
                speaker: record.speaker.clone(),
                speaker_text: record.speaker_text.clone(),
            }),
            None => orphaned_speakers.push(record.clone()),
        }
    }
    let (corrections, orphaned_corrections) = corrections::from_records(doc, &file.corrections);
    Annotations::new(claims, orphans)
        .with_speakers(speakers, orphaned_speakers)
        .with_corrections(corrections, orphaned_corrections)
}

/// The byte range in `doc` of the span that was chars `[start, end)` with
/// text `exact`, if it can be found unambiguously.
pub(crate) fn anchor(
    doc: &Document,
    start: usize,
    end: usize,
    exact: &str,
) -> Option<std::ops::Range<usize>> {
    if exact.is_empty() {
        return None;
    }
    let at_offsets = doc
        .byte_offset(start)
        .zip(doc.byte_offset(end))
        .filter(|(start, end)| start < end && doc.slice(*start..*end) == exact);
    if let Some((start, end)) = at_offsets {
        return Some(start..end);
    }
    let mut found = doc.text().match_indices(exact);
    match (found.next(), found.next()) {
        (Some((start, exact)), None) => Some(start..start + exact.len()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::export::to_file;
    use super::*;

    fn claim(span: std::ops::Range<usize>) -> Claim {
        Claim {
            id: "c1".to_owned(),
            span,
            label: "checkable".to_owned(),
            verdict: "false".to_owned(),
            note: "see “source”".to_owned(),
            speaker: None,
            created: "2026-11-29T08:00:00Z".parse().unwrap(),
            modified: None,
        }
    }

    #[test]
    fn a_claim_round_trips_through_char_offsets() {
        let doc = Document::from_bytes("Ça va. “Kyiv” is far. The end.".as_bytes(), None);
        let start = doc.text().find("“Kyiv").unwrap();
        let span = start..doc.text().find(" The").unwrap();
        let file = to_file(
            &doc,
            None,
            &Annotations::new(vec![claim(span.clone())], vec![]),
        );
        let record = &file.claims[0];
        assert_eq!((record.start, record.end), (7, 21));
        assert_eq!(record.exact, "“Kyiv” is far.");
        assert_eq!(record.prefix, "Ça va. ");
        assert_eq!(record.suffix, " The end.");
        let again = claims_from_file(&doc, &file);
        assert_eq!(again.claims()[0].span, span);
        assert!(again.orphans().is_empty());
    }

    #[test]
    fn a_moved_claim_is_found_and_a_vanished_one_is_kept_as_orphan() {
        let before = Document::from_bytes(b"One. Two is true. Three.", None);
        let span = 5..17;
        let file = to_file(&before, None, &Annotations::new(vec![claim(span)], vec![]));
        let moved = Document::from_bytes(b"Zero. One. Two is true. Three.", None);
        assert_eq!(claims_from_file(&moved, &file).claims()[0].span, 11..23);
        let gone = Document::from_bytes(b"One. Three.", None);
        let annotations = claims_from_file(&gone, &file);
        assert!(annotations.claims().is_empty());
        assert_eq!(annotations.orphans()[0].exact, "Two is true.");
        assert_eq!(to_file(&gone, None, &annotations).claims, file.claims);
    }
}
