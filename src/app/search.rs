//! Case-insensitive text search over the article.
//!
//! Both sides are compared in their Unicode full case folding ([`fold`]):
//! "PUTIN", "Putin" and "putin" match, and so do "ÉLYSÉE" and "élysée",
//! "STRASSE" and "Straße", "ΟΔΟΣ" and "οδος", "file" and "ﬁle", "istanbul"
//! and "İstanbul". Matches are byte ranges of the original text.
//!
//! An article up to [`SEARCH_ON_THE_SPOT`] bytes is searched at once (a
//! few milliseconds); a longer one on its own thread ([`job`]), so no key
//! waits for it: the first match is shown as soon as it is found and the
//! count follows.

pub mod fold;
pub mod job;

use std::ops::Range;
use std::sync::Arc;

/// What a search step that went past the last match and on from the first
/// adds to the status bar.
const WENT_ON_FROM_THE_TOP: &str = " · went on from the top";

use super::{App, SearchState, Target};
use job::{Found, Job, Notify};

/// The longest article (bytes) searched on the spot rather than on a
/// search thread: folding and searching 2 MB takes a few milliseconds.
pub const SEARCH_ON_THE_SPOT: usize = 2 << 20;

/// Every non-overlapping match of `query` in `text`, in order, as byte
/// ranges (end-exclusive), compared in case folding ([`fold`]). An empty
/// query matches nothing. Costs a folded copy of the text.
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    let needle = fold::fold_str(query);
    if needle.is_empty() {
        return Vec::new();
    }
    fold::fold(text, 0).find(&needle, 0..text.len())
}

/// The search thread of a long article, if one runs, and how to wake the
/// reader's loop when it reports.
#[derive(Debug, Default)]
pub struct Searcher {
    notify: Option<Notify>,
    job: Option<Job>,
}

impl App {
    pub(super) fn run_search(&mut self, query: String) {
        self.searcher.job = None;
        if query.is_empty() {
            // An empty search clears the marks of the last one.
            self.message = Some(if self.search.take().is_some() {
                "search cleared".to_owned()
            } else {
                "nothing to search for".to_owned()
            });
            return;
        }
        let from = self.reading_position();
        if self.doc.text().len() > SEARCH_ON_THE_SPOT {
            self.message = Some(format!("searching for “{query}”…"));
            self.search = None;
            let notify = self.searcher.notify.clone();
            self.searcher.job = Some(Job::start(Arc::clone(&self.doc), query, from, notify));
            return;
        }
        let matches = find_all(self.doc.text(), &query);
        self.show_matches(query, matches, from, true);
    }

    /// Installs `matches` of `query` as the search, current being the first
    /// at or after byte `from`; jumps there when `jump`, else keeps the
    /// reader where they are.
    fn show_matches(&mut self, query: String, matches: Vec<Range<usize>>, from: usize, jump: bool) {
        if matches.is_empty() {
            self.message = Some(format!("not found: {query}"));
            self.search = None;
            return;
        }
        let after = matches.iter().position(|m| m.start >= from);
        self.search = Some(SearchState {
            query,
            matches,
            current: after.unwrap_or(0),
            at_cursor: false,
        });
        if jump {
            self.show_search_match();
        } else {
            self.search_message();
        }
        // No match after the reading position: the first one is above it,
        // as `n` says when it goes round.
        if after.is_none()
            && let Some(message) = &mut self.message
        {
            message.push_str(WENT_ON_FROM_THE_TOP);
        }
    }

    /// Wakes the reader's loop through `notify` when a search thread has
    /// news (call [`App::poll_search`] then).
    pub fn set_search_notify(&mut self, notify: Arc<dyn Fn() + Send + Sync>) {
        self.searcher.notify = Some(Notify(notify));
    }

    /// Whether a search thread is still running.
    pub fn searching(&self) -> bool {
        self.searcher.job.is_some()
    }

    /// Takes what a search thread has reported: the first match is jumped
    /// to, the full list replaces it and gives the count. Whether anything
    /// changed on screen.
    pub fn poll_search(&mut self) -> bool {
        let mut changed = false;
        loop {
            let Some(job) = &self.searcher.job else {
                return changed;
            };
            let found = match job.poll() {
                job::Poll::Found(found) => found,
                job::Poll::Pending => return changed,
                job::Poll::Ended => {
                    self.searcher.job = None;
                    return true;
                }
            };
            self.take_found(found);
            changed = true;
        }
    }

    /// Waits for the running search, if any, to finish and takes its
    /// results (tests, benches, and scripts that need the count).
    pub fn finish_search(&mut self) {
        while let Some(found) = self.searcher.job.as_ref().and_then(Job::wait) {
            self.take_found(found);
        }
        self.searcher.job = None;
    }

    fn take_found(&mut self, found: Found) {
        let Some(job) = &self.searcher.job else {
            return;
        };
        let (query, from) = (job.query.clone(), job.from);
        match found {
            Found::First(first) => {
                self.show_matches(query, vec![first], from, true);
                self.message = Some(format!(
                    "first match for “{}” (counting…)",
                    self.search.as_ref().map_or("", |s| s.query.as_str())
                ));
            }
            Found::All(all) => {
                self.searcher.job = None;
                // The match on screen stays current. The status bar gets the
                // count unless the reader has moved on since (then it keeps
                // whatever it says now).
                let counting = self.message.as_deref().is_some_and(|m| {
                    m.starts_with("first match for") || m.starts_with("searching for")
                });
                let kept_message = self.message.clone();
                let shown = self
                    .search
                    .as_ref()
                    .and_then(|s| s.matches.get(s.current).cloned());
                let at_cursor = self.search.as_ref().is_some_and(|s| s.at_cursor);
                let from = shown.as_ref().map_or(from, |m| m.start);
                self.show_matches(query, all, from, shown.is_none() && counting);
                if let Some(search) = &mut self.search {
                    search.at_cursor |= at_cursor;
                }
                if !counting {
                    self.message = kept_message;
                }
            }
        }
    }

    pub(super) fn step_search(&mut self, forward: bool) {
        if let Some(job) = &self.searcher.job {
            self.message = Some(format!("still searching for “{}”…", job.query));
            return;
        }
        let Some(search) = &mut self.search else {
            let search = self.key_hint(super::Action::Search);
            self.message = Some(format!("no search yet: {search} starts one"));
            return;
        };
        let count = search.matches.len();
        if count == 0 {
            return;
        }
        // Past the last match the search goes on from the top (and before
        // the first, from the end), as in less and vim: say so.
        let wrapped = if forward {
            search.current + 1 == count
        } else {
            search.current == 0
        };
        search.current = if forward {
            (search.current + 1) % count
        } else {
            (search.current + count - 1) % count
        };
        self.show_search_match();
        if wrapped && let Some(message) = &mut self.message {
            message.push_str(if forward {
                WENT_ON_FROM_THE_TOP
            } else {
                " · went on from the end"
            });
        }
    }

    /// `match 3/12 for “query”` in the status bar.
    fn search_message(&mut self) {
        let Some(search) = &self.search else { return };
        self.message = Some(format!(
            "match {}/{} for “{}”",
            search.current + 1,
            search.matches.len(),
            search.query
        ));
    }

    fn show_search_match(&mut self) {
        let Some(search) = &self.search else { return };
        let Some(span) = search.matches.get(search.current).cloned() else {
            return;
        };
        self.search_message();
        self.go_to(span, Target::Sentence);
        if let Some(search) = &mut self.search {
            search.at_cursor = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_case_and_returns_original_byte_ranges() {
        let text = "Putin met PUTIN’s aide; putin.";
        let found: Vec<&str> = find_all(text, "putin")
            .into_iter()
            .map(|r| text.get(r).unwrap())
            .collect();
        assert_eq!(found, ["Putin", "PUTIN", "putin"]);
        assert_eq!(find_all("ÉLYSÉE palace", "élysée"), vec![0..8]);
        assert_eq!(find_all("aaaa", "aa"), [0..2, 2..4]);
        assert!(find_all("text", "").is_empty());
        assert!(find_all("", "x").is_empty());
    }
}
