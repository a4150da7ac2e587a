//! Case-insensitive text search over the article.
//!
//! Both sides are compared after Unicode simple lower-casing, char by char
//! (`char::to_lowercase`), so "PUTIN", "Putin" and "putin" match, and so do
//! "ÉLYSÉE" and "élysée". Matches are byte ranges of the original text.

use std::ops::Range;

use super::{App, SearchState, Target};

/// Every non-overlapping match of `query` in `text`, in order, as byte
/// ranges (end-exclusive). An empty query matches nothing. Allocates nothing
/// per char, so searching a very long article costs time, not memory.
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    let Some(&first) = needle.first() else {
        return Vec::new();
    };
    let mut matches = Vec::new();
    let mut resume = 0;
    for (start, c) in text.char_indices() {
        if start < resume || c.to_lowercase().next() != Some(first) {
            continue;
        }
        if let Some(end) = match_at(text, start, &needle) {
            matches.push(start..end);
            resume = end;
        }
    }
    matches
}

/// The end of a match of `needle` (already lower-cased) starting at byte
/// `start`, if there is one.
fn match_at(text: &str, start: usize, needle: &[char]) -> Option<usize> {
    let rest = text.get(start..)?;
    let mut folded = rest
        .char_indices()
        .flat_map(|(i, c)| c.to_lowercase().map(move |l| (l, start + i + c.len_utf8())));
    let mut end = start;
    for want in needle {
        let (got, got_end) = folded.next()?;
        if got != *want {
            return None;
        }
        end = got_end;
    }
    Some(end)
}

impl App {
    pub(super) fn run_search(&mut self, query: String) {
        if query.is_empty() {
            self.search = None;
            return;
        }
        let matches = find_all(self.doc.text(), &query);
        if matches.is_empty() {
            self.message = Some(format!("not found: {query}"));
            self.search = None;
            return;
        }
        let from = self.reading_position();
        let current = matches.iter().position(|m| m.start >= from).unwrap_or(0);
        self.search = Some(SearchState {
            query,
            matches,
            current,
            at_cursor: false,
        });
        self.show_search_match();
    }

    pub(super) fn step_search(&mut self, forward: bool) {
        let Some(search) = &mut self.search else {
            let search = self.key_hint(super::Action::Search);
            self.message = Some(format!("no search yet: {search} starts one"));
            return;
        };
        let count = search.matches.len();
        search.current = if forward {
            (search.current + 1) % count
        } else {
            (search.current + count - 1) % count
        };
        self.show_search_match();
    }

    fn show_search_match(&mut self) {
        let Some(search) = &self.search else { return };
        let Some(span) = search.matches.get(search.current).cloned() else {
            return;
        };
        self.message = Some(format!(
            "match {}/{} for “{}”",
            search.current + 1,
            search.matches.len(),
            search.query
        ));
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
