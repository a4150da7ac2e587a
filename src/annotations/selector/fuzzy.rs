//! The last step of re-anchoring: a span whose words changed a little is
//! found near where it was, between context that still fits.
//!
//! Bounded in time whatever the article's size: only a window of
//! [`RADIUS_CHARS`] around the stored offsets is searched, at most
//! [`MAX_ANCHORS`] places on each side are tried, and spans longer than
//! [`MAX_EXACT_CHARS`] are not searched for (`super::respaced` looks
//! for those with only their white space changed).

use std::ops::Range;

use super::CONTEXT_CHARS;
use super::Selector;
use super::similarity::{best_prefix_match, similarity};

/// How far (in chars) before and after its stored offsets a span is looked for.
const RADIUS_CHARS: usize = 100_000;
/// Longest span (in chars) the fuzzy step looks for.
pub(super) const MAX_EXACT_CHARS: usize = 2_000;
/// Places tried per side (where the prefix ends, where the suffix starts).
const MAX_ANCHORS: usize = 8;
/// Chars of the prefix's end and the suffix's start searched for verbatim.
const ANCHOR_CHARS: usize = 16;
/// Least similarity of the new text to the old `exact`.
const MIN_EXACT: f64 = 0.7;
/// Least similarity of each side's context to the stored prefix or suffix.
const MIN_CONTEXT: f64 = 0.6;
/// How much better the best place must score than any other place.
const CLEAR_MARGIN: f64 = 0.1;

/// The byte range in `text` that `selector` most likely became, if one place
/// fits clearly: its text is like `exact` and both its prefix and its suffix
/// fit better than they would if the span had been deleted (so a claim whose
/// sentence was removed is not moved to a near-identical neighbour).
/// `expected` is the byte range the stored char offsets point to, clamped.
pub(super) fn find(
    text: &str,
    selector: &Selector,
    expected: Range<usize>,
) -> Option<Range<usize>> {
    let exact: Vec<char> = selector.exact.chars().collect();
    if exact.is_empty() || exact.len() > MAX_EXACT_CHARS {
        return None;
    }
    // Without context nothing can tell a changed span from a look-alike.
    if selector.prefix.is_empty() && selector.suffix.is_empty() {
        return None;
    }
    let window = back_chars(text, expected.start, RADIUS_CHARS)
        ..forward_chars(text, expected.end, RADIUS_CHARS);
    let reach = exact.len() + exact.len() / 2 + ANCHOR_CHARS;
    let mut candidates = Vec::new();
    for start in start_anchors(text, selector, &window, expected.start) {
        let after: Vec<char> = text
            .get(start..)
            .unwrap_or("")
            .chars()
            .take(reach)
            .collect();
        let (n, _) = best_prefix_match(&exact, &after);
        let end = forward_chars(text, start, n);
        candidates.push(start..end);
    }
    let reversed: Vec<char> = exact.iter().rev().copied().collect();
    for end in end_anchors(text, selector, &window, expected.end) {
        let before: Vec<char> = text
            .get(..end)
            .unwrap_or("")
            .chars()
            .rev()
            .take(reach)
            .collect();
        let (n, _) = best_prefix_match(&reversed, &before);
        candidates.push(back_chars(text, end, n)..end);
    }
    let mut fitting: Vec<(Range<usize>, f64)> = candidates
        .into_iter()
        .filter_map(|span| Some((span.clone(), fit(text, selector, span)?)))
        .collect();
    fitting.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (best, score) = fitting.first()?.clone();
    let rival = fitting
        .iter()
        .filter(|(span, _)| span.end <= best.start || best.end <= span.start)
        .map(|(_, s)| *s)
        .next();
    match rival {
        Some(other) if score - other < CLEAR_MARGIN => None,
        _ => Some(trimmed_like(text, best, selector.exact)),
    }
}

/// `span` of `text` without the white space at either end that `exact`
/// has not there: a paragraph break the best match took in when the
/// article was reflowed ("\n\n“The geopolitical…”") is no part of the
/// claim. Nor, for an `exact` of one paragraph, is any other paragraph the
/// match reached into: the longest paragraph of `span` is kept
/// ("t\n\nMaternity pay…", where a changed headline ended in a letter of
/// the claim's old prefix). `span` itself when nothing else would be left.
fn trimmed_like(text: &str, span: Range<usize>, exact: &str) -> Range<usize> {
    let span = if has_paragraph_break(exact) {
        span
    } else {
        longest_paragraph(text, span)
    };
    let Some(words) = text.get(span.clone()) else {
        return span;
    };
    let lead = if exact.starts_with(char::is_whitespace) {
        0
    } else {
        words.len() - words.trim_start().len()
    };
    let rest = words.get(lead..).unwrap_or("");
    let trail = if exact.ends_with(char::is_whitespace) {
        0
    } else {
        rest.len() - rest.trim_end().len()
    };
    if lead + trail >= words.len() {
        return span;
    }
    span.start + lead..span.end - trail
}

/// Whether `words` hold a blank line (see [`longest_paragraph`]).
fn has_paragraph_break(words: &str) -> bool {
    longest_paragraph(words, 0..words.len()) != (0..words.len())
}

/// The longest paragraph (byte range) of `span` of `text`, paragraphs
/// being parted by a blank line (a line break, maybe white space, and
/// another): a line break alone may only wrap a paragraph. `span` when it
/// holds one paragraph.
fn longest_paragraph(text: &str, span: Range<usize>) -> Range<usize> {
    let Some(words) = text.get(span.clone()) else {
        return span;
    };
    let mut best = span.clone();
    let mut best_len = None;
    let mut from = 0;
    let mut consider = |piece: Range<usize>| {
        if best_len.is_none_or(|len| piece.len() > len) {
            best_len = Some(piece.len());
            best = span.start + piece.start..span.start + piece.end;
        }
    };
    let mut rest = words;
    let mut offset = 0;
    while let Some(at) = rest.find('\n') {
        let after = rest.get(at + 1..).unwrap_or("");
        let blank = after.trim_start_matches([' ', '\t', '\r']);
        let gap = after.len() - blank.len();
        if blank.starts_with('\n') {
            consider(from..offset + at);
            from = offset + at + 1 + gap + 1;
            rest = blank.get(1..).unwrap_or("");
            offset = from;
        } else {
            rest = after;
            offset += at + 1;
        }
    }
    consider(from..words.len());
    best
}

/// How well `span` of `text` fits `selector`, or `None` when it does not fit.
fn fit(text: &str, selector: &Selector, span: Range<usize>) -> Option<f64> {
    let words = text.get(span.clone()).filter(|w| !w.is_empty())?;
    let prefix_chars = CONTEXT_CHARS.max(selector.prefix.chars().count());
    let suffix_chars = CONTEXT_CHARS.max(selector.suffix.chars().count());
    let before = |at: usize| {
        text.get(back_chars(text, at, prefix_chars)..at)
            .unwrap_or("")
    };
    let after = |at: usize| {
        text.get(at..forward_chars(text, at, suffix_chars))
            .unwrap_or("")
    };
    let exact = similarity(words, selector.exact);
    let prefix = similarity(selector.prefix, before(span.start));
    let suffix = similarity(selector.suffix, after(span.end));
    // Were the span deleted, the old suffix would follow the old prefix
    // straight away, and the old prefix would end where the old suffix starts.
    let suffix_if_deleted = similarity(selector.suffix, after(span.start));
    let prefix_if_deleted = similarity(selector.prefix, before(span.end));
    let fits = exact >= MIN_EXACT
        && prefix >= MIN_CONTEXT
        && suffix >= MIN_CONTEXT
        && prefix > prefix_if_deleted
        && suffix > suffix_if_deleted;
    fits.then_some(2.0 * exact + prefix + suffix)
}

/// Where the span may start: just after each verbatim copy of the prefix's
/// last chars in `window` (nearest to `expected` first), and `expected`.
fn start_anchors(
    text: &str,
    selector: &Selector,
    window: &Range<usize>,
    expected: usize,
) -> Vec<usize> {
    let tail: String = {
        let chars: Vec<char> = selector.prefix.chars().collect();
        chars[chars.len().saturating_sub(ANCHOR_CHARS)..]
            .iter()
            .collect()
    };
    let mut anchors = occurrences(text, &tail, window, expected)
        .into_iter()
        .map(|at| at + tail.len())
        .collect::<Vec<_>>();
    if selector.prefix.is_empty() {
        anchors.push(0);
    }
    anchors.push(expected);
    anchors
}

/// Where the span may end: at each verbatim copy of the suffix's first chars
/// in `window` (nearest to `expected` first), and `expected`.
fn end_anchors(
    text: &str,
    selector: &Selector,
    window: &Range<usize>,
    expected: usize,
) -> Vec<usize> {
    let head: String = selector.suffix.chars().take(ANCHOR_CHARS).collect();
    let mut anchors = occurrences(text, &head, window, expected);
    if selector.suffix.is_empty() {
        anchors.push(text.len());
    }
    anchors.push(expected);
    anchors
}

/// Byte offsets of up to [`MAX_ANCHORS`] copies of `needle` in `window`,
/// nearest to `expected` first. An empty needle has none.
fn occurrences(text: &str, needle: &str, window: &Range<usize>, expected: usize) -> Vec<usize> {
    if needle.is_empty() {
        return Vec::new();
    }
    let haystack = text.get(window.clone()).unwrap_or("");
    // A needle found very often (a run of spaces) says nothing; stop counting.
    let mut found: Vec<usize> = haystack
        .match_indices(needle)
        .take(64 * MAX_ANCHORS)
        .map(|(at, _)| window.start + at)
        .collect();
    found.sort_by_key(|&at| at.abs_diff(expected));
    found.truncate(MAX_ANCHORS);
    found
}

/// The byte offset `n` chars before `at` (or 0).
pub(super) fn back_chars(text: &str, at: usize, n: usize) -> usize {
    if n == 0 {
        return at;
    }
    text.get(..at)
        .and_then(|head| head.char_indices().rev().nth(n - 1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` chars after `at` (or the end of `text`).
pub(super) fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    text.get(at..)
        .and_then(|tail| tail.char_indices().nth(n))
        .map_or(text.len(), |(i, _)| at + i)
}
