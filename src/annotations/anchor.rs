//! Finding the claims and speaker fixes of an annotation file in the article
//! again (re-anchoring), so an edited article never silently moves them.
//!
//! Each stored span is a [`Selector`], found again as
//! [`super::selector`] describes; a claim found whose words changed is
//! flagged *changed* and keeps the words it was made on; one not found is
//! *orphaned*: kept as read and written back, never dropped.

use std::ops::Range;

use super::file::{AnnotationFile, ClaimRecord, DismissedRecord, SpeakerRecord};
use super::selector::{Selector, locate, similarity};
use super::{Annotations, Claim, SpeakerFix, corrections};
use crate::document::Document;

/// The claims and speaker fixes of `file`, anchored in `doc`. A claim found
/// by the fuzzy step whose words changed gets `changed_from` (its words when
/// it was made); a claim or fix that cannot be found is kept as orphaned.
pub fn claims_from_file(doc: &Document, file: &AnnotationFile) -> Annotations {
    let (found, orphans) = find_all(doc, &file.claims);
    let mut changed = Vec::new();
    let claims = found
        .into_iter()
        .map(|(span, record)| {
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
        .map(|(span, record)| SpeakerFix {
            span,
            speaker: record.speaker.clone(),
            speaker_text: record.speaker_text.clone(),
        })
        .collect();
    let (found, orphaned_dismissed) = find_all(doc, &file.dismissed);
    let dismissed = found.into_iter().map(|(span, _)| span).collect();
    let (corrections, orphaned_corrections) = corrections::from_records(doc, &file.corrections);
    let mut annotations = Annotations::new(claims, orphans)
        .with_last_claim(file.last_claim)
        .with_speakers(speakers, orphaned_speakers)
        .with_corrections(corrections, orphaned_corrections)
        .with_dismissed(dismissed, orphaned_dismissed);
    for (id, original) in changed {
        annotations.mark_changed(&id, original);
    }
    annotations
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

/// Each of `records` found in `doc` (byte range, record), in order, and
/// those not found (orphaned), as read.
fn find_all<'r, R: Stored>(
    doc: &Document,
    records: &'r [R],
) -> (Vec<(Range<usize>, &'r R)>, Vec<R>) {
    let mut found = Vec::new();
    let mut orphans = Vec::new();
    for record in records {
        match locate(doc, &record.selector()) {
            Some((span, _)) => found.push((span, record)),
            None => orphans.push(record.clone()),
        }
    }
    (found, orphans)
}

#[cfg(test)]
mod tests;
