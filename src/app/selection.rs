//! The keyboard selection: `v` starts it on the word at the cursor; motions
//! move its head by word, sentence or quotation; text objects take the
//! mention, sentence or quotation under the head whole. A claim (`c`), a tag
//! (`T`) or a mention correction (`E`) then acts on it; Esc drops it.

use std::ops::Range;

use super::{App, Target};
use crate::keymap::Context;

/// A span of the article chosen from the keyboard: everything from the
/// anchor (where it started) to the head (what the last motion reached).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Byte range of the unit the selection started on.
    pub anchor: Range<usize>,
    /// Byte range of the unit the last motion moved to.
    pub head: Range<usize>,
}

impl Selection {
    /// A selection of exactly `span`.
    pub fn of(span: Range<usize>) -> Self {
        Self {
            anchor: span.clone(),
            head: span,
        }
    }

    /// The selected byte range, end-exclusive: from the earlier start of
    /// anchor and head to the later end.
    pub fn span(&self) -> Range<usize> {
        self.anchor.start.min(self.head.start)..self.anchor.end.max(self.head.end)
    }
}

/// A motion or text object in selection mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// Head to the next word.
    NextWord,
    /// Head to the previous word.
    PrevWord,
    /// Head to the next sentence.
    NextSentence,
    /// Head to the previous sentence.
    PrevSentence,
    /// Head to the next quotation.
    NextQuote,
    /// Head to the previous quotation.
    PrevQuote,
    /// Select the entity mention under the head.
    Mention,
    /// Select the sentence under the head.
    Sentence,
    /// Select the innermost quotation under the head.
    Quote,
}

/// Whether `c` belongs to a word (letters and digits; an apostrophe or
/// hyphen only between them, checked by the caller).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The word that starts at or after byte `from` in `text`.
pub fn word_after(text: &str, from: usize) -> Option<Range<usize>> {
    let rest = text.get(from..)?;
    let (start, _) = rest.char_indices().find(|(_, c)| is_word_char(*c))?;
    let start = from + start;
    Some(start..word_end(text, start))
}

/// The word that ends at or before byte `to` in `text`.
pub fn word_before(text: &str, to: usize) -> Option<Range<usize>> {
    let head = text.get(..to)?;
    let (last, c) = head.char_indices().rev().find(|(_, c)| is_word_char(*c))?;
    let end = last + c.len_utf8();
    let mut start = last;
    let before = head.get(..last).unwrap_or("");
    for (i, c) in before.char_indices().rev() {
        let joins = matches!(c, '\'' | '’' | '-')
            && before
                .get(..i)
                .and_then(|b| b.chars().next_back())
                .is_some_and(is_word_char);
        if is_word_char(c) || joins {
            start = i;
        } else {
            break;
        }
    }
    Some(start..end)
}

/// The end of the word starting at byte `start`: letters and digits, with
/// apostrophes and hyphens inside (`USSR’s`, `full-scale`).
fn word_end(text: &str, start: usize) -> usize {
    let rest = text.get(start..).unwrap_or("");
    let mut end = start;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins = matches!(c, '\'' | '’' | '-')
            && chars.peek().is_some_and(|(_, next)| is_word_char(*next));
        if is_word_char(c) || joins {
            end = start + i + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

impl App {
    /// The reader moved (a jump, a search, a cursor move): the mention picked
    /// before and the search match reached before are no longer where `v`
    /// and `E` act, so the newest place wins. The caller records the new
    /// pick, if any, after calling this.
    pub(super) fn forget_picks(&mut self) {
        self.selected_mention = None;
        if let Some(search) = &mut self.search {
            search.at_cursor = false;
        }
    }

    /// `v`: starts a selection at the cursor: the mention picked in the
    /// panel or clicked, or the search match, when that was the reader's
    /// last move; else the first word of the current quotation, claim or
    /// sentence.
    pub(super) fn start_selection(&mut self) {
        if self.analysis.is_none() {
            self.message = Some(super::accessors::STILL_ANALYSING.to_owned());
            return;
        }
        let target = self.target_span();
        let search_match = self.search_match_at_cursor();
        let from = match (&self.selected_mention, search_match, target) {
            (Some(mention), _, _) => Some(mention.clone()),
            (None, Some(found), _) => Some(found.clone()),
            (None, None, Some(span)) => word_after(self.doc.text(), span.start),
            (None, None, None) => word_after(self.doc.text(), 0),
        };
        let Some(unit) = from else {
            self.message = Some("nothing to select here".to_owned());
            return;
        };
        self.selection = Some(Selection::of(unit));
        self.focus = Context::Select;
    }

    /// The current search match, when the search (or `n`/`N`) was the
    /// reader's last move and the match lies in what the reader is at.
    pub(super) fn search_match_at_cursor(&self) -> Option<Range<usize>> {
        let target = self.target_span()?;
        let search = self.search.as_ref().filter(|s| s.at_cursor)?;
        let found = search.matches.get(search.current)?;
        target.contains(&found.start).then(|| found.clone())
    }

    /// Esc: drops the selection and goes back to reading.
    pub(super) fn end_selection(&mut self) {
        self.selection = None;
        if self.focus == Context::Select {
            self.focus = Context::Article;
        }
    }

    /// Moves the selection's head, or takes a text object, and scrolls it
    /// into view.
    pub(super) fn move_selection(&mut self, motion: Motion) {
        let (Some(selection), Some(analysis)) = (&self.selection, &self.analysis) else {
            return;
        };
        let text = self.doc.text();
        let head = selection.head.clone();
        let sentences = &analysis.sentences;
        let quotes = &analysis.quotations;
        let containing = |span: &Range<usize>| span.start <= head.start && head.start < span.end;
        let moved = match motion {
            Motion::NextWord => word_after(text, head.end),
            Motion::PrevWord => word_before(text, head.start),
            Motion::NextSentence => sentences.iter().find(|s| s.start >= head.end).cloned(),
            Motion::PrevSentence => sentences
                .iter()
                .rev()
                .find(|s| s.end <= head.start)
                .cloned(),
            Motion::NextQuote => quotes
                .iter()
                .find(|q| q.span.start > head.start)
                .map(|q| q.span.clone()),
            Motion::PrevQuote => quotes
                .iter()
                .rev()
                .find(|q| q.span.start < head.start)
                .map(|q| q.span.clone()),
            Motion::Mention => self
                .mentions
                .iter()
                .map(|(m, _)| m)
                .find(|m| containing(m) || (head.start < m.end && m.start < head.end))
                .cloned(),
            Motion::Sentence => sentences.iter().find(|s| containing(s)).cloned(),
            Motion::Quote => quotes
                .iter()
                .rev()
                .find(|q| containing(&q.span))
                .map(|q| q.span.clone()),
        };
        let Some(unit) = moved else {
            self.message = Some(
                match motion {
                    Motion::Mention => "no entity mention here",
                    Motion::Quote => "not inside a quotation",
                    _ => "cannot move further",
                }
                .to_owned(),
            );
            return;
        };
        let whole = matches!(motion, Motion::Mention | Motion::Sentence | Motion::Quote);
        self.selection = Some(match (whole, self.selection.take()) {
            (false, Some(mut selection)) => {
                selection.head = unit.clone();
                selection
            }
            _ => Selection::of(unit.clone()),
        });
        self.move_sentence_cursor_to(unit.start);
        self.target = Target::Sentence;
        self.scroll_into_view(unit.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let text = "the USSR’s full-scale war. “Yes”";
        let at = |needle: &str| text.find(needle).unwrap();
        let w = |r: Option<Range<usize>>| r.and_then(|r| text.get(r));
        assert_eq!(w(word_after(text, 3)), Some("USSR’s"));
        assert_eq!(w(word_after(text, at(" full"))), Some("full-scale"));
        assert_eq!(w(word_before(text, at(". "))), Some("war"));
        assert_eq!(w(word_before(text, at(" full"))), Some("USSR’s"));
        assert_eq!(w(word_after(text, at(". "))), Some("Yes"));
        assert_eq!(w(word_after(text, text.len())), None);
        assert_eq!(w(word_before(text, 0)), None);
        let span = Selection {
            anchor: 10..14,
            head: 2..5,
        };
        assert_eq!(span.span(), 2..14);
    }
}
