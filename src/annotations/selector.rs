//! W3C TextQuoteSelector (<https://www.w3.org/TR/annotation-model/#text-quote-selector>)
//! with a position: how folio stores a span (char offsets, its text `exact`,
//! up to [`CONTEXT_CHARS`] chars of `prefix` and `suffix`) and how it finds
//! that span in the article again. A leaf: it knows the document, not the
//! annotation file; [`super::anchor`] (reading a file) and
//! [`super::export`] (writing one) both build on it.
//!
//! A selector is looked for, in order:
//! 1. at its offsets, if the text there still equals `exact`;
//! 2. at the one place the article contains `exact`;
//! 3. among several copies of `exact`, at the one whose context fits clearly
//!    best (if none does, on to step 4);
//! 4. near its offsets, as text like `exact` between context that still
//!    fits, and not where its neighbour would fit just as well had it been
//!    deleted (`fuzzy`); a span longer than that step's limit (2,000
//!    chars), instead, at the one place that holds its words with only
//!    the white space between them changed (`respaced`);
//! 5. otherwise it is not found (the caller keeps it as orphaned).

mod fuzzy;
mod respaced;
pub(crate) mod similarity;

use std::ops::Range;

use crate::document::Document;

/// Chars of context kept on each side of a stored span.
pub const CONTEXT_CHARS: usize = 32;

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
    /// A long span's words stand once in the article with only the white
    /// space between them changed.
    Respaced,
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
    if selector.exact.chars().nth(fuzzy::MAX_EXACT_CHARS).is_some() {
        return respaced::find(text, selector.exact).map(|span| (span, Found::Respaced));
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

/// The up to [`CONTEXT_CHARS`] chars of `doc` just before and just after the
/// byte range `span` (W3C TextQuoteSelector `prefix` and `suffix`).
pub fn context<'d>(doc: &'d Document, span: &Range<usize>) -> (&'d str, &'d str) {
    let start = doc.char_offset(span.start);
    let end = doc.char_offset(span.end);
    let prefix_start = doc
        .byte_offset(start.saturating_sub(CONTEXT_CHARS))
        .unwrap_or(0);
    let suffix_end = doc
        .byte_offset((end + CONTEXT_CHARS).min(doc.len_chars()))
        .unwrap_or(span.end);
    (
        doc.slice(prefix_start..span.start),
        doc.slice(span.end..suffix_end),
    )
}
