//! A search of a long article on a thread of its own: the text is folded and
//! searched [`CHUNK`] bytes at a time, starting where the reader is, so the
//! first match is reported as soon as its chunk is done and the full list
//! (for the count and `n`) follows when every chunk is.

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::fold;
use crate::document::Document;

/// Bytes of the article folded and searched at a time (a few milliseconds).
pub const CHUNK: usize = 1 << 20;

/// Tells the reader's loop that a search has news; called from the search
/// thread.
#[derive(Clone)]
pub struct Notify(pub Arc<dyn Fn() + Send + Sync>);

impl std::fmt::Debug for Notify {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Notify")
    }
}

/// What a search thread reports, in this order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The first match at or after the reading position (wrapping round to
    /// the article's start), as a byte range. Not sent when nothing matches.
    First(Range<usize>),
    /// Every non-overlapping match, in text order.
    All(Vec<Range<usize>>),
}

/// What [`Job::poll`] found.
#[derive(Debug)]
pub enum Poll {
    /// A report.
    Found(Found),
    /// Nothing new yet.
    Pending,
    /// The thread is gone.
    Ended,
}

/// A running search.
#[derive(Debug)]
pub struct Job {
    /// What the reader typed.
    pub query: String,
    /// Where the reader was (byte offset): the first match is the first at
    /// or after it.
    pub from: usize,
    receiver: Receiver<Found>,
}

impl Job {
    /// Starts searching `doc` for `query` (not empty) from byte `from`;
    /// `notify` is called after each report.
    pub fn start(doc: Arc<Document>, query: String, from: usize, notify: Option<Notify>) -> Self {
        let (sender, receiver) = mpsc::channel();
        let needle = fold::fold_str(&query);
        std::thread::spawn(move || {
            let report = |found: Found| {
                let sent = sender.send(found).is_ok();
                if let Some(notify) = &notify {
                    (notify.0)();
                }
                sent
            };
            search(doc.text(), &needle, from, report);
        });
        Self {
            query,
            from,
            receiver,
        }
    }

    /// The next report, if one has come; [`Poll::Ended`] when the thread
    /// ended without reporting everything (it cannot, short of a panic).
    pub fn poll(&self) -> Poll {
        match self.receiver.try_recv() {
            Ok(found) => Poll::Found(found),
            Err(TryRecvError::Empty) => Poll::Pending,
            Err(TryRecvError::Disconnected) => Poll::Ended,
        }
    }

    /// Waits for the next report (`None` once the thread has ended).
    pub fn wait(&self) -> Option<Found> {
        self.receiver.recv().ok()
    }
}

/// Searches `text` for `needle` (folded) chunk by chunk from the chunk
/// holding `from` to the end, then from the start; `report` gets
/// [`Found::First`] once and [`Found::All`] at the end, and stops the search
/// by returning `false` (nobody is listening any more).
pub fn search(text: &str, needle: &str, from: usize, mut report: impl FnMut(Found) -> bool) {
    let bounds = chunk_bounds(text, CHUNK);
    let chunks = bounds.len().saturating_sub(1);
    let here = bounds
        .partition_point(|&b| b <= from)
        .saturating_sub(1)
        .min(chunks.saturating_sub(1));
    let mut found: Vec<Option<Vec<Range<usize>>>> = vec![None; chunks];
    let mut first_sent = false;
    for k in (here..chunks).chain(0..here) {
        let (Some(&start), Some(&end)) = (bounds.get(k), bounds.get(k + 1)) else {
            continue;
        };
        let matches = find_in(text, start..end, needle);
        if !first_sent {
            let first = matches.iter().find(|m| k != here || m.start >= from);
            if let Some(first) = first {
                first_sent = true;
                if !report(Found::First(first.clone())) {
                    return;
                }
            }
        }
        if let Some(slot) = found.get_mut(k) {
            *slot = Some(matches);
        }
    }
    let mut all: Vec<Range<usize>> = Vec::new();
    for (k, matches) in found.into_iter().enumerate() {
        let (Some(&start), Some(&end)) = (bounds.get(k), bounds.get(k + 1)) else {
            continue;
        };
        match all.last().map(|last| last.end) {
            // The last match runs into this chunk: search it again from
            // there, as one pass over the whole text would.
            Some(last_end) if last_end > start => {
                all.extend(find_in(text, last_end..end.max(last_end), needle));
            }
            _ => all.extend(matches.into_iter().flatten()),
        }
    }
    if !first_sent && let Some(first) = all.first() {
        // Only matches before `from` in its own chunk: wrap round to the first.
        if !report(Found::First(first.clone())) {
            return;
        }
    }
    report(Found::All(all));
}

/// Matches of `needle` that start in `starts` (a chunk of `text`), looking
/// past its end far enough for a match that starts inside it to end.
pub fn find_in(text: &str, starts: Range<usize>, needle: &str) -> Vec<Range<usize>> {
    // A folded byte comes from at most four original bytes (a whole char).
    let mut end = starts
        .end
        .saturating_add(4 * needle.len() + 4)
        .min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let Some(piece) = text.get(starts.start..end) else {
        return Vec::new();
    };
    fold::fold(piece, starts.start).find(needle, starts)
}

/// Byte offsets cutting `text` into pieces of about `size` bytes on char
/// boundaries: `[0, …, text.len()]`.
fn chunk_bounds(text: &str, size: usize) -> Vec<usize> {
    let mut bounds = vec![0];
    let mut at = 0;
    while at < text.len() {
        let mut next = (at + size.max(4)).min(text.len());
        while !text.is_char_boundary(next) {
            next -= 1;
        }
        bounds.push(next);
        at = next;
    }
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, query: &str, from: usize) -> Vec<Found> {
        let mut reports = Vec::new();
        search(text, &fold::fold_str(query), from, |f| {
            reports.push(f);
            true
        });
        reports
    }

    #[test]
    fn the_first_match_is_the_first_from_the_reading_position_wrapping_round() {
        let text = "Kyiv. ".repeat(400_000);
        let at = |i: usize| i * 6..i * 6 + 4;
        let reports = run(&text, "KYIV", 6 * 300_000 + 1);
        assert_eq!(reports.len(), 2);
        assert_eq!(reports[0], Found::First(at(300_001)));
        let Found::All(all) = &reports[1] else {
            panic!("no list");
        };
        assert_eq!(all.len(), 400_000);
        assert_eq!(all.last(), Some(&at(399_999)));
        // Past the last match: round to the first.
        let reports = run(&text, "kyiv", text.len() - 1);
        assert_eq!(reports[0], Found::First(at(0)));
        assert_eq!(run("no match here", "kyiv", 0), [Found::All(Vec::new())]);
    }

    #[test]
    fn chunked_search_finds_what_one_pass_finds() {
        // Matches straddle every chunk boundary: the chunk size is no
        // multiple of the pattern's period.
        let text = "Straße aaa ΟΔΟΣ ".repeat(CHUNK / 7);
        for query in ["strasse", "aa", "οδος", "e a"] {
            let whole = fold::fold(&text, 0).find(&fold::fold_str(query), 0..text.len());
            let reports = run(&text, query, 12_345);
            assert_eq!(reports.last(), Some(&Found::All(whole)), "{query}");
        }
    }

    #[test]
    fn a_search_nobody_listens_to_stops() {
        let text = "Kyiv ".repeat(1000);
        let mut calls = 0;
        search(&text, "kyiv", 0, |_| {
            calls += 1;
            false
        });
        assert_eq!(calls, 1);
    }
}
