//! Finding the claims and speaker fixes of an annotation file in the article
//! again (re-anchoring), so an edited article never silently moves them.
//!
//! Each stored span is a selector: char offsets `[start, end)`, its text
//! `exact`, and up to [`CONTEXT_CHARS`] chars of `prefix` and `suffix`. It is
//! looked for, in order:
//! 1. at its offsets, if the text there still equals `exact`;
//! 2. at the one place the article contains `exact`;
//! 3. among several copies of `exact`, at the one whose context fits clearly
//!    best (if none does, on to step 4);
//! 4. near its offsets, as text like `exact` between context that still
//!    fits, and not where its neighbour would fit just as well had it been
//!    deleted ([`fuzzy`]); a claim found this way whose words changed is
//!    flagged *changed* and keeps the words it was made on;
//! 5. otherwise it is *orphaned*: kept as read and written back, never dropped.

mod fuzzy;
mod similarity;

use std::ops::Range;

use super::export::CONTEXT_CHARS;
use super::file::AnnotationFile;
use super::{Annotations, Claim, SpeakerFix, corrections};
use crate::document::Document;

/// How a stored span is described: W3C TextQuoteSelector plus a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selector<'a> {
    /// First char, counting Unicode scalar values from 0.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The span's text when it was stored.
    pub exact: &'a str,
    /// Up to [`CONTEXT_CHARS`] chars just before it (empty when unknown).
    pub prefix: &'a str,
    /// Up to [`CONTEXT_CHARS`] chars just after it (empty when unknown).
    pub suffix: &'a str,
}

/// Which step found a span again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Its offsets still hold its text.
    AtOffsets,
    /// Its text occurs once elsewhere.
    Moved,
    /// Its text occurs several times; the context picked one.
    ByContext,
    /// Text like it sits where it was, between fitting context.
    Fuzzy,
}

/// Where `selector` is in `doc` now: a byte range (end-exclusive) and how it
/// was found, or `None` when it cannot be found unambiguously (orphaned).
pub fn locate(doc: &Document, selector: &Selector) -> Option<(Range<usize>, Found)> {
    if selector.exact.is_empty() {
        return None;
    }
    let text = doc.text();
    let expected_start = doc.byte_offset(selector.start).unwrap_or(text.len());
    let expected_end = doc
        .byte_offset(selector.end)
        .unwrap_or(text.len())
        .max(expected_start);
    if doc.slice(expected_start..expected_end) == selector.exact {
        return Some((expected_start..expected_end, Found::AtOffsets));
    }
    // More copies than this is a common phrase: context alone decides.
    const MAX_COPIES: usize = 1_000;
    let copies: Vec<usize> = text
        .match_indices(selector.exact)
        .take(MAX_COPIES + 1)
        .map(|(at, _)| at)
        .collect();
    let len = selector.exact.len();
    match copies.as_slice() {
        [] => {}
        [at] => return Some((*at..*at + len, Found::Moved)),
        many if many.len() <= MAX_COPIES => {
            if let Some(at) = best_by_context(text, selector, many) {
                return Some((at..at + len, Found::ByContext));
            }
            // No copy fits clearly: the span itself may have changed a
            // little; the fuzzy step still refuses copies that tie.
        }
        _ => return None,
    }
    fuzzy::find(text, selector, expected_start..expected_end).map(|span| (span, Found::Fuzzy))
}

/// Among `copies` (byte offsets of `exact`), the one whose prefix and suffix
/// fit the stored ones clearly best.
fn best_by_context(text: &str, selector: &Selector, copies: &[usize]) -> Option<usize> {
    const MIN_SCORE: f64 = 1.0;
    const CLEAR_MARGIN: f64 = 0.2;
    let mut scored: Vec<(usize, f64)> = copies
        .iter()
        .map(|&at| {
            let end = at + selector.exact.len();
            let before = text
                .get(fuzzy::back_chars(text, at, CONTEXT_CHARS)..at)
                .unwrap_or("");
            let after = text
                .get(end..fuzzy::forward_chars(text, end, CONTEXT_CHARS))
                .unwrap_or("");
            let score = similarity::similarity(selector.prefix, before)
                + similarity::similarity(selector.suffix, after);
            (at, score)
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    match scored.as_slice() {
        [(at, best), (_, second), ..] if *best >= MIN_SCORE && best - second >= CLEAR_MARGIN => {
            Some(*at)
        }
        _ => None,
    }
}

/// The `prefix` and `suffix` to store for the byte range `span` of `doc`: up
/// to [`CONTEXT_CHARS`] chars on each side, cut at char boundaries.
pub fn context(doc: &Document, span: &Range<usize>) -> (String, String) {
    // One rule for every prefix and suffix folio writes, in any format.
    let (prefix, suffix) = super::export::context(doc, span);
    (prefix.to_owned(), suffix.to_owned())
}

/// The claims and speaker fixes of `file`, anchored in `doc`. A claim found
/// by the fuzzy step whose words changed gets `changed_from` (its words when
/// it was made); a claim or fix that cannot be found is kept as orphaned.
pub fn claims_from_file(doc: &Document, file: &AnnotationFile) -> Annotations {
    let mut claims = Vec::new();
    let mut orphans = Vec::new();
    let mut changed = Vec::new();
    for record in &file.claims {
        let selector = Selector {
            start: record.start,
            end: record.end,
            exact: &record.exact,
            prefix: &record.prefix,
            suffix: &record.suffix,
        };
        let Some((span, _)) = locate(doc, &selector) else {
            orphans.push(record.clone());
            continue;
        };
        let now = doc.slice(span.clone());
        // The words the verdict was given on: the oldest known, until the
        // article says them again.
        let original = record.changed_from.as_deref().unwrap_or(&record.exact);
        if !similarity::same_words(now, original) {
            changed.push((record.id.clone(), original.to_owned()));
        }
        claims.push(Claim {
            id: record.id.clone(),
            span,
            label: record.label.clone(),
            verdict: record.verdict.clone(),
            note: record.note.clone(),
            speaker: record.speaker.clone(),
            created: record.created,
            modified: record.modified,
        });
    }
    let mut speakers = Vec::new();
    let mut orphaned_speakers = Vec::new();
    for record in &file.speakers {
        let selector = Selector {
            start: record.start,
            end: record.end,
            exact: &record.exact,
            prefix: &record.prefix,
            suffix: &record.suffix,
        };
        match locate(doc, &selector) {
            Some((span, _)) => speakers.push(SpeakerFix {
                span,
                speaker: record.speaker.clone(),
                speaker_text: record.speaker_text.clone(),
            }),
            None => orphaned_speakers.push(record.clone()),
        }
    }
    let mut dismissed = Vec::new();
    let mut orphaned_dismissed = Vec::new();
    for record in &file.dismissed {
        let selector = Selector {
            start: record.start,
            end: record.end,
            exact: &record.exact,
            prefix: &record.prefix,
            suffix: &record.suffix,
        };
        match locate(doc, &selector) {
            Some((span, _)) => dismissed.push(span),
            None => orphaned_dismissed.push(record.clone()),
        }
    }
    let (corrections, orphaned_corrections) = corrections::from_records(doc, &file.corrections);
    let mut annotations = Annotations::new(claims, orphans)
        .with_speakers(speakers, orphaned_speakers)
        .with_corrections(corrections, orphaned_corrections)
        .with_dismissed(dismissed, orphaned_dismissed);
    for (id, original) in changed {
        annotations.mark_changed(&id, original);
    }
    annotations
}

#[cfg(test)]
mod tests;
