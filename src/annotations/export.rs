//! Building the annotation file from the article, its analysis and the
//! reader's claims: byte ranges become char offsets with their text.
//!
//! The other export formats are made from that file (so they carry exactly
//! what the TOML export carries): [`web_annotation`] (W3C Web Annotation
//! JSON-LD), [`brat`] (brat standoff), [`claim_review`] (schema.org
//! ClaimReview JSON-LD) and [`markdown`] (a fact-check report). Offsets are chars (Unicode scalar values) in all.

pub mod brat;
pub mod claim_review;
mod iri;
pub mod markdown;
pub mod web_annotation;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::file::{
    AnnotationFile, ArticleRecord, ClaimRecord, DismissedRecord, EntityRecord, OFFSET_UNIT,
    QuoteRecord, SCHEMA, SpanRecord, SpeakerRecord,
};
use super::{Annotations, Claim, corrections};
use crate::analysis::{Analysis, Entity, Quotation, SpeakerEvidence};
use crate::document::Document;

pub use super::selector::{CONTEXT_CHARS, context};

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
    let entities = analysis.map_or_else(Vec::new, |a| entity_records(doc, a).collect());
    let quotes = analysis.map_or_else(Vec::new, |a| quote_records(doc, a, annotations).collect());
    let mut claims: Vec<ClaimRecord> = annotations
        .claims()
        .iter()
        .map(|c| ClaimRecord {
            changed_from: annotations.changed_from(&c.id).map(str::to_owned),
            ..claim_record(doc, c)
        })
        .collect();
    claims.extend(annotations.orphans().iter().cloned());
    let mut speakers: Vec<SpeakerRecord> = annotations
        .speakers()
        .iter()
        .map(|fix| {
            let span = span_record(doc, &fix.span);
            let (prefix, suffix) = context(doc, &fix.span);
            SpeakerRecord {
                start: span.start,
                end: span.end,
                exact: span.exact,
                prefix: prefix.to_owned(),
                suffix: suffix.to_owned(),
                speaker: fix.speaker.clone(),
                speaker_text: fix.speaker_text.clone(),
            }
        })
        .collect();
    speakers.extend(annotations.orphaned_speakers().iter().cloned());
    let mut dismissed: Vec<DismissedRecord> = annotations
        .dismissed()
        .iter()
        .map(|range| {
            let span = span_record(doc, range);
            let (prefix, suffix) = context(doc, range);
            DismissedRecord {
                start: span.start,
                end: span.end,
                exact: span.exact,
                prefix: prefix.to_owned(),
                suffix: suffix.to_owned(),
            }
        })
        .collect();
    dismissed.extend(annotations.orphaned_dismissed().iter().cloned());
    let mut corrections = corrections::to_records(doc, annotations.corrections());
    corrections.extend(annotations.orphaned_corrections().iter().cloned());
    AnnotationFile {
        schema: SCHEMA,
        offset_unit: OFFSET_UNIT.to_owned(),
        last_claim: annotations.last_claim_to_save(),
        article: ArticleRecord {
            path,
            sha256: doc.sha256().to_owned(),
            encoding: doc.encoding().to_owned(),
            url: doc.markup().url.clone(),
        },
        entities,
        quotes,
        claims,
        speakers,
        corrections,
        dismissed,
    }
}

/// The `[[entities]]` records of `analysis`, one at a time, in order of
/// first mention: a long article's export need not hold them all (every
/// mention's text) at once.
pub fn entity_records<'a>(
    doc: &'a Document,
    analysis: &'a Analysis,
) -> impl Iterator<Item = EntityRecord> + 'a {
    analysis.entities.iter().map(|e| entity_record(doc, e))
}

/// The record of `entity`, its mentions' spans as chars of `doc`.
fn entity_record(doc: &Document, entity: &Entity) -> EntityRecord {
    EntityRecord {
        id: entity.id.clone(),
        kind: entity.kind,
        name: entity.name.clone(),
        origin: if entity.reason.is_reader_tagged() {
            "user"
        } else {
            "auto"
        }
        .to_owned(),
        reason: entity.reason.to_string(),
        kind_guessed: entity.reason.is_guess(),
        mentions: mention_records(doc, &entity.mentions),
    }
}

/// The `[[quotes]]` records of `analysis`, one at a time, in reading
/// order, with the reader's speaker fixes in `annotations` applied.
pub fn quote_records<'a>(
    doc: &'a Document,
    analysis: &'a Analysis,
    annotations: &'a Annotations,
) -> impl Iterator<Item = QuoteRecord> + 'a {
    analysis.quotations.iter().enumerate().map(move |(i, q)| {
        let speaker_id = q
            .speaker
            .and_then(|s| analysis.entities.get(s))
            .map(|e| e.id.as_str());
        quote_record(doc, annotations, i, q, speaker_id)
    })
}

/// The record of quotation `i`, `q`, whose speaker entity (if any) has id
/// `speaker_id`; the reader's speaker fix in `annotations`, if any, wins.
fn quote_record(
    doc: &Document,
    annotations: &Annotations,
    i: usize,
    q: &Quotation,
    speaker_id: Option<&str>,
) -> QuoteRecord {
    let span = span_record(doc, &q.span);
    let (speaker, speaker_text, evidence) = match annotations.speaker_fix(&q.span) {
        Some(fix) => (
            fix.speaker.clone(),
            fix.speaker_text.clone(),
            Some("reader".to_owned()),
        ),
        None => (
            speaker_id.map(str::to_owned),
            q.speaker_text.clone(),
            (q.evidence != SpeakerEvidence::None).then(|| q.evidence.as_str().to_owned()),
        ),
    };
    let weak = evidence.as_deref() != Some("reader") && q.evidence.is_weak();
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
        speaker_evidence: evidence,
        speaker_weak: weak,
    }
}

/// [`to_export`] of an analysis the caller no longer needs: each entity's
/// mentions are freed as its record is made, so a long article's export
/// holds its records and not also the analysis they came from.
pub fn to_export_from(
    doc: &Document,
    analysis: Analysis,
    annotations: &Annotations,
) -> AnnotationFile {
    let mut file = to_export(doc, None, annotations);
    let Analysis {
        entities,
        quotations,
        ..
    } = analysis;
    let ids: Vec<String> = entities.iter().map(|e| e.id.clone()).collect();
    file.entities = Vec::with_capacity(entities.len());
    for entity in entities {
        file.entities.push(entity_record(doc, &entity));
    }
    file.quotes = Vec::with_capacity(quotations.len());
    for (i, q) in quotations.into_iter().enumerate() {
        let speaker_id = q.speaker.and_then(|s| ids.get(s)).map(String::as_str);
        file.quotes
            .push(quote_record(doc, annotations, i, &q, speaker_id));
    }
    file
}

/// The annotation file as `folio export` prints it: [`to_file`] with every
/// orphaned claim (its words are gone from `doc`) flagged `orphaned`, so it
/// is written without offsets that would not index its `exact`. A claim
/// found again carries its new offsets, and one whose words changed
/// `changed_from`, as in [`to_file`]. The sidecar keeps an orphan's last
/// offsets instead (they help find it again), so it is written by
/// [`to_file`].
pub fn to_export(
    doc: &Document,
    analysis: Option<&Analysis>,
    annotations: &Annotations,
) -> AnnotationFile {
    let mut file = to_file(doc, analysis, annotations);
    let orphans: Vec<&str> = annotations
        .orphans()
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    for claim in &mut file.claims {
        claim.orphaned = orphans.contains(&claim.id.as_str());
    }
    file
}

/// The id of quotation `index` (0-based) in the file: `q1`, `q2`, …
fn quote_id(index: usize) -> String {
    format!("q{}", index + 1)
}

/// A span as chars of the article, with its text.
struct Located {
    start: usize,
    end: usize,
    exact: String,
}

fn span_record(doc: &Document, span: &Range<usize>) -> Located {
    Located {
        start: doc.char_offset(span.start),
        end: doc.char_offset(span.end),
        exact: doc.slice(span.clone()).to_owned(),
    }
}

/// The mentions of one entity as records, those that read the same
/// sharing one string.
fn mention_records(doc: &Document, mentions: &[Range<usize>]) -> Vec<SpanRecord> {
    /// Distinct texts remembered per entity: most have one to three
    /// ("Emmanuel Macron", "Macron"); past that, a new string each.
    const REMEMBERED: usize = 8;
    let mut texts: Vec<Arc<str>> = Vec::new();
    mentions
        .iter()
        .map(|m| {
            let text = doc.slice(m.clone());
            let exact = match texts.iter().find(|t| ***t == *text) {
                Some(seen) => Arc::clone(seen),
                None => {
                    let new: Arc<str> = Arc::from(text);
                    if texts.len() < REMEMBERED {
                        texts.push(Arc::clone(&new));
                    }
                    new
                }
            };
            SpanRecord {
                start: doc.char_offset(m.start),
                end: doc.char_offset(m.end),
                exact,
            }
        })
        .collect()
}

fn claim_record(doc: &Document, claim: &Claim) -> ClaimRecord {
    let span = span_record(doc, &claim.span);
    let (prefix, suffix) = context(doc, &claim.span);
    ClaimRecord {
        id: claim.id.clone(),
        orphaned: false,
        start: span.start,
        end: span.end,
        exact: span.exact,
        prefix: prefix.to_owned(),
        suffix: suffix.to_owned(),
        label: claim.label.clone(),
        verdict: claim.verdict.clone(),
        speaker: claim.speaker.clone(),
        note: claim.note.clone(),
        created: claim.created,
        changed_from: None,
        modified: claim.modified,
    }
}

/// The byte range of chars `[start, end)` of `doc` when their text is
/// `exact`; `None` when it is not (an orphaned claim, or a file made from
/// another version of the article).
pub fn locate(doc: &Document, start: usize, end: usize, exact: &str) -> Option<Range<usize>> {
    let bytes = doc.byte_offset(start)?..doc.byte_offset(end)?;
    (bytes.start <= bytes.end && doc.slice(bytes.clone()) == exact).then_some(bytes)
}

/// Names of the entities of `file` by id, so a `speaker` id can be shown as
/// the person's name.
pub fn names_by_id(file: &AnnotationFile) -> HashMap<&str, &str> {
    file.entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect()
}

/// Who spoke, for people: the entity's name when `speaker` is a known id,
/// else the id itself, else `speaker_text` (words such as "a spokesman").
pub fn speaker_name<'f>(
    names: &HashMap<&str, &'f str>,
    speaker: Option<&'f str>,
    speaker_text: Option<&'f str>,
) -> Option<&'f str> {
    match speaker {
        Some(id) => Some(names.get(id).copied().unwrap_or(id)),
        None => speaker_text,
    }
}
