//! Finding the claims and speaker fixes of an annotation file in the article
//! again (re-anchoring), so an edited article never silently moves them.
//!
//! Each stored span is a [`Selector`], found again as
//! [`super::selector`] describes; a claim found whose words changed is
//! flagged *changed* and keeps the words it was made on; one not found is
//! *orphaned*: kept as read and written back, never dropped.

use std::ops::Range;

use super::file::{AnnotationFile, ClaimRecord, DismissedRecord, SpeakerRecord};
use super::selector::{Found, Selector, context, locate, similarity};
use super::{Annotations, Claim, SpeakerFix, corrections};
use crate::document::Document;

/// The claims and speaker fixes of `file`, anchored in `doc`. A claim found
/// by the fuzzy step whose words changed gets `changed_from` (its words when
/// it was made); a claim or fix that cannot be found is kept as orphaned.
pub fn claims_from_file(doc: &Document, file: &AnnotationFile) -> Annotations {
    reanchor(doc, file).0
}

/// [`claims_from_file`], and the ids of the claims found at another place
/// among other words: their words are nowhere else in the article, but
/// neither the text before nor the text after them is like what it was
/// (their sentence was deleted and the same words stand elsewhere, or
/// their paragraph moved). Not wrong, but worth a look: the reader is told.
pub fn reanchor(doc: &Document, file: &AnnotationFile) -> (Annotations, Vec<String>) {
    let (found, orphans) = find_all(doc, &file.claims);
    let mut changed = Vec::new();
    let moved = found
        .iter()
        .filter(|(span, record, how)| {
            *how == Found::Moved && !context_fits(doc, span, &record.selector())
        })
        .map(|(_, record, _)| record.id.clone())
        .collect();
    let claims = found
        .into_iter()
        .map(|(span, record, _)| {
            let now = doc.slice(span.clone());
            // The words the verdict was given on: the oldest known, until
            // the article says them again.
            let original = record.changed_from.as_deref().unwrap_or(&record.exact);
            if !similarity::same_words(now, original) {
                changed.push((record.id.clone(), original.to_owned()));
            }
            Claim {
                id: record.id.clone(),
                span,
                label: record.label.clone(),
                verdict: record.verdict.clone(),
                note: record.note.clone(),
                speaker: record.speaker.clone(),
                created: record.created,
                modified: record.modified,
            }
        })
        .collect();
    let (found, orphaned_speakers) = find_all(doc, &file.speakers);
    let speakers = found
        .into_iter()
        .map(|(span, record, _)| SpeakerFix {
            span,
            speaker: record.speaker.clone(),
            speaker_text: record.speaker_text.clone(),
        })
        .collect();
    let (found, orphaned_dismissed) = find_all(doc, &file.dismissed);
    let dismissed = found.into_iter().map(|(span, _, _)| span).collect();
    let (corrections, orphaned_corrections) = corrections::from_records(doc, &file.corrections);
    let mut annotations = Annotations::new(claims, orphans)
        .with_last_claim(file.last_claim)
        .with_speakers(speakers, orphaned_speakers)
        .with_corrections(corrections, orphaned_corrections)
        .with_dismissed(dismissed, orphaned_dismissed);
    for (id, original) in changed {
        annotations.mark_changed(&id, original);
    }
    (annotations, moved)
}

/// Whether the text around `span` of `doc` is like the stored context of
/// `selector` on at least one side (a side stored empty fits only an edge
/// of the article).
fn context_fits(doc: &Document, span: &Range<usize>, selector: &Selector<'_>) -> bool {
    /// Least similarity (0 to 1) of one side's context to what was stored.
    const FITS: f64 = 0.5;
    let (before, after) = context(doc, span);
    similarity::similarity(selector.prefix, before) >= FITS
        || similarity::similarity(selector.suffix, after) >= FITS
}

/// A record of the annotation file that stores a span as a selector.
trait Stored: Clone {
    /// The record's span as a selector.
    fn selector(&self) -> Selector<'_>;
}

macro_rules! stored {
    ($($record:ty),*) => {$(
        impl Stored for $record {
            fn selector(&self) -> Selector<'_> {
                Selector {
                    start: self.start,
                    end: self.end,
                    exact: &self.exact,
                    prefix: &self.prefix,
                    suffix: &self.suffix,
                }
            }
        }
    )*};
}

stored!(ClaimRecord, SpeakerRecord, DismissedRecord);

/// Records found again: byte range, record, how it was found.
type Located<'r, R> = Vec<(Range<usize>, &'r R, Found)>;

/// Each of `records` found in `doc`, in order, and those not found
/// (orphaned), as read.
fn find_all<'r, R: Stored>(doc: &Document, records: &'r [R]) -> (Located<'r, R>, Vec<R>) {
    let mut found = Vec::new();
    let mut orphans = Vec::new();
    for record in records {
        match locate(doc, &record.selector()) {
            Some((span, how)) => found.push((span, record, how)),
            None => orphans.push(record.clone()),
        }
    }
    (found, orphans)
}

#[cfg(test)]
mod tests;
