//! Building the annotation file from the article, its analysis and the
//! reader's claims: byte ranges become char offsets with their text.

use std::ops::Range;

use super::file::{
    AnnotationFile, ArticleRecord, ClaimRecord, EntityRecord, OFFSET_UNIT, QuoteRecord, SCHEMA,
    SpanRecord, SpeakerRecord,
};
use super::{Annotations, Claim, corrections};
use crate::analysis::Analysis;
use crate::document::Document;

/// Chars of context kept on each side of a claim.
pub const CONTEXT_CHARS: usize = 32;

/// The whole annotation file for `doc`. `analysis` is `None` while it is still
/// running; entities and quotations are then left out. Orphaned claims are
/// written back as they were read.
pub fn to_file(
    doc: &Document,
    analysis: Option<&Analysis>,
    annotations: &Annotations,
) -> AnnotationFile {
    let path = doc
        .path()
        .map_or_else(|| "-".to_owned(), |p| p.display().to_string());
    let entities = analysis.map_or_else(Vec::new, |a| {
        a.entities
            .iter()
            .map(|e| EntityRecord {
                id: e.id.clone(),
                kind: e.kind,
                name: e.name.clone(),
                origin: if e.reason == corrections::TAGGED_REASON {
                    "user"
                } else {
                    "auto"
                }
                .to_owned(),
                mentions: e.mentions.iter().map(|m| span_record(doc, m)).collect(),
            })
            .collect()
    });
    let quotes = analysis.map_or_else(Vec::new, |a| {
        a.quotations
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let span = span_record(doc, &q.span);
                // The reader's word on the speaker wins over folio's.
                let (speaker, speaker_text) = match annotations.speaker_fix(&q.span) {
                    Some(fix) => (fix.speaker.clone(), fix.speaker_text.clone()),
                    None => (
                        q.speaker
                            .and_then(|s| a.entities.get(s))
                            .map(|e| e.id.clone()),
                        q.speaker_text.clone(),
                    ),
                };
                QuoteRecord {
                    id: quote_id(i),
                    start: span.start,
                    end: span.end,
                    exact: span.exact,
                    kind: q.kind,
                    nested_in: q.parent.map(quote_id),
                    unclosed: q.unclosed,
                    speaker,
                    speaker_text,
                }
            })
            .collect()
    });
    let mut claims: Vec<ClaimRecord> = annotations
        .claims()
        .iter()
        .map(|c| claim_record(doc, c))
        .collect();
    claims.extend(annotations.orphans().iter().cloned());
    let mut speakers: Vec<SpeakerRecord> = annotations
        .speakers()
        .iter()
        .map(|fix| {
            let span = span_record(doc, &fix.span);
            SpeakerRecord {
                start: span.start,
                end: span.end,
                exact: span.exact,
                speaker: fix.speaker.clone(),
                speaker_text: fix.speaker_text.clone(),
            }
        })
        .collect();
    speakers.extend(annotations.orphaned_speakers().iter().cloned());
    let mut corrections = corrections::to_records(doc, annotations.corrections());
    corrections.extend(annotations.orphaned_corrections().iter().cloned());
    AnnotationFile {
        schema: SCHEMA,
        offset_unit: OFFSET_UNIT.to_owned(),
        article: ArticleRecord {
            path,
            sha256: doc.sha256().to_owned(),
            encoding: doc.encoding().to_owned(),
        },
        entities,
        quotes,
        claims,
        speakers,
        corrections,
    }
}

/// The id of quotation `index` (0-based) in the file: `q1`, `q2`, …
fn quote_id(index: usize) -> String {
    format!("q{}", index + 1)
}

fn span_record(doc: &Document, span: &Range<usize>) -> SpanRecord {
    SpanRecord {
        start: doc.char_offset(span.start),
        end: doc.char_offset(span.end),
        exact: doc.slice(span.clone()).to_owned(),
    }
}

fn claim_record(doc: &Document, claim: &Claim) -> ClaimRecord {
    let span = span_record(doc, &claim.span);
    let prefix_start = doc
        .byte_offset(span.start.saturating_sub(CONTEXT_CHARS))
        .unwrap_or(0);
    let suffix_end = doc
        .byte_offset((span.end + CONTEXT_CHARS).min(doc.len_chars()))
        .unwrap_or(claim.span.end);
    ClaimRecord {
        id: claim.id.clone(),
        start: span.start,
        end: span.end,
        exact: span.exact,
        prefix: doc.slice(prefix_start..claim.span.start).to_owned(),
        suffix: doc.slice(claim.span.end..suffix_end).to_owned(),
        label: claim.label.clone(),
        verdict: claim.verdict.clone(),
        speaker: claim.speaker.clone(),
        note: claim.note.clone(),
        created: claim.created,
        modified: claim.modified,
    }
}
