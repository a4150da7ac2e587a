//! Finding quotation spans: a scanner walks each paragraph with a stack of
//! open quotation marks and reports every level of nesting.
//!
//! Curly marks and guillemets say which way they face; a straight `"` or `'`
//! opens when it touches a word on its right only and closes when it touches
//! one on its left (see [`marks`] for apostrophes and inch signs). When the
//! paragraph ends with a quotation still open, the next paragraph may re-open
//! it with a mark of the same family — news style quotes a speech over
//! several paragraphs and closes only the last — and the whole run is one
//! quotation. Otherwise an open double quotation ends with its paragraph and
//! is reported unclosed; an open single mark is taken for an apostrophe and
//! dropped, unless it was already continued over a paragraph break.

use std::ops::Range;

use super::marks::{self, Family, Shape};

/// One quotation as the scanner found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    /// Byte range into the text, from the opening mark through the closing
    /// mark (or through the end of the last paragraph reached).
    pub(super) span: Range<usize>,
    /// Whether the span ends with a closing mark.
    pub(super) closed: bool,
    /// Index of the paragraph holding the opening mark.
    pub(super) first_paragraph: usize,
    /// Index of the paragraph holding the end of the span.
    pub(super) last_paragraph: usize,
}

/// An opening mark waiting for its closing mark.
#[derive(Debug, Clone, Copy)]
struct Open {
    /// Byte offset of the opening mark (in the first paragraph, for a
    /// quotation continued across paragraphs).
    start: usize,
    family: Family,
    /// The opening character itself ("„" is closed by "“").
    ch: char,
    /// Index of the paragraph of the opening mark.
    paragraph: usize,
}

/// What one mark does in its context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Opens a quotation.
    Open,
    /// Closes the open quotation at this stack index.
    Close(usize),
    /// A straight double mark that opens while another straight double
    /// quotation (at this stack index) is open: the open one is taken to
    /// end, unclosed, where this one starts.
    Restart(usize),
    /// Not a quotation mark here.
    Ignore,
}

/// Whether `c` may sit right before an opening mark without being part of a word.
fn opens_after(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
        || marks::mark(c).is_some()
}

/// Whether `c` may sit right after a closing mark.
fn closes_before(c: char) -> bool {
    c.is_whitespace() || (!c.is_alphanumeric() && c != '_')
}

/// One paragraph's chars with what the decision for each mark needs.
struct Paragraph {
    /// `(byte offset into the text, char)`.
    chars: Vec<(usize, char)>,
    /// For each index, whether the next single quotation mark after it in
    /// the paragraph closes a clause: a `’` or `'` right after `,` `.` `!`
    /// `?` `;` `:` (`… back down,’ said Helen Ward`).
    single_closer_after: Vec<bool>,
    /// Byte offset of the end of the paragraph.
    end: usize,
}

impl Paragraph {
    fn new(text: &str, range: &Range<usize>) -> Self {
        // Two straight single marks typed for a double one (`''Yes,'' he
        // said`) count as one `"`.
        let mut chars: Vec<(usize, char)> = Vec::with_capacity(range.len());
        for (i, c) in text.get(range.clone()).unwrap_or("").char_indices() {
            if c == '\''
                && let Some(last) = chars.last_mut()
                && last.1 == '\''
                && last.0 + 1 == range.start + i
            {
                last.1 = '"';
                continue;
            }
            chars.push((range.start + i, c));
        }
        let mut single_closer_after = vec![false; chars.len()];
        let mut seen = false;
        for (i, &(_, c)) in chars.iter().enumerate().rev() {
            if let Some(slot) = single_closer_after.get_mut(i) {
                *slot = seen;
            }
            let single = marks::mark(c).is_some_and(|(f, _)| f == Family::Single);
            if single && !marks::is_apostrophe(&chars, i) {
                let after_clause = matches!(
                    marks::char_at(&chars, i.checked_sub(1)),
                    Some(',' | '.' | '!' | '?' | ';' | ':' | '…')
                );
                seen = matches!(c, '\'' | '’') && after_clause;
            }
        }
        Self {
            chars,
            single_closer_after,
            end: range.end,
        }
    }

    /// Byte offset just past the char (or merged mark) at index `i`.
    fn end_of(&self, i: usize) -> usize {
        match (self.chars.get(i), self.chars.get(i + 1)) {
            (_, Some(&(next, _))) => next,
            _ => self.end,
        }
    }

    /// What the mark at `i` does given the open `stack`.
    fn action(&self, i: usize, stack: &[Open]) -> Action {
        let chars = &self.chars;
        let Some(c) = marks::char_at(chars, Some(i)) else {
            return Action::Ignore;
        };
        let Some((family, shape)) = marks::mark(c) else {
            return Action::Ignore;
        };
        if family == Family::Single && marks::is_apostrophe(chars, i) {
            return Action::Ignore;
        }
        if shape == Shape::Straight && marks::is_measure(chars, i) {
            return Action::Ignore;
        }
        let prev = marks::char_at(chars, i.checked_sub(1));
        let next = marks::char_at(chars, i.checked_add(1));
        let left_flanking =
            next.is_some_and(|n| !n.is_whitespace()) && prev.is_none_or(opens_after);
        let right_flanking =
            prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(closes_before);
        let answered = stack.iter().rposition(|o| marks::closes(o.ch, c));
        let closing_single = family == Family::Single && matches!(c, '’' | '\'');
        let possessive = closing_single
            && marks::is_plural_possessive(
                chars,
                i,
                self.single_closer_after.get(i).copied().unwrap_or(false),
            );
        // A double quotation still open when a sentence ends and the same
        // mark opens again: paragraphs of one quotation run together on one
        // line (`… Christmas. "Over the …`), so it goes on.
        let top = stack.len().checked_sub(1);
        let reopens = family == Family::Double
            && left_flanking
            && !right_flanking
            && top.is_some()
            && answered == top
            && stack
                .last()
                .is_some_and(|o| o.ch == c || shape == Shape::Straight)
            && self.after_sentence_end(i);
        if reopens {
            return Action::Ignore;
        }
        match shape {
            Shape::Opening => {
                let low = stack
                    .iter()
                    .rposition(|o| marks::low_pair(o.ch, c))
                    .filter(|_| !left_flanking || right_flanking);
                match (low, answered) {
                    (Some(k), _) => Action::Close(k),
                    (None, Some(k)) if right_flanking && !left_flanking => Action::Close(k),
                    _ => Action::Open,
                }
            }
            Shape::Closing => match answered {
                Some(_) if possessive => Action::Ignore,
                Some(k) => Action::Close(k),
                None => Action::Ignore,
            },
            Shape::Guillemet => match answered {
                Some(k) => Action::Close(k),
                // An opening guillemet has words after it (French puts a
                // thin or no-break space between); "Next »" opens nothing.
                None if self.word_follows(i) => Action::Open,
                None => Action::Ignore,
            },
            Shape::Straight => match (answered, left_flanking, right_flanking) {
                (Some(k), true, false) => {
                    let straight = stack.get(k).is_some_and(|o| o.ch == '"');
                    if family == Family::Double && straight {
                        Action::Restart(k)
                    } else {
                        Action::Open
                    }
                }
                (Some(_), _, _) if possessive => Action::Ignore,
                (Some(k), _, _) => Action::Close(k),
                (None, true, _) => Action::Open,
                (None, false, _) => Action::Ignore,
            },
        }
    }

    /// Whether a sentence ends right before index `i`: `.`, `!`, `?` or `…`
    /// and one or two spaces.
    fn after_sentence_end(&self, i: usize) -> bool {
        let at = |back: usize| marks::char_at(&self.chars, i.checked_sub(back));
        let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
        let stop = |c: Option<char>| matches!(c, Some('.' | '!' | '?' | '…'));
        space(at(1)) && (stop(at(2)) || (space(at(2)) && stop(at(3))))
    }

    /// Whether a letter or digit comes within two chars after index `i`.
    fn word_follows(&self, i: usize) -> bool {
        self.chars
            .iter()
            .skip(i + 1)
            .take(2)
            .any(|&(_, c)| c.is_alphanumeric() || marks::mark(c).is_some())
    }
}

/// Open marks deeper than this are ignored: no real text nests so deep, and
/// the bound keeps every stack operation cheap on junk input.
const MAX_DEPTH: usize = 16;

/// Every quotation of `text` in the given paragraphs (byte ranges), each
/// level of nesting on its own, in no particular order.
pub(super) fn scan(text: &str, paragraphs: &[Range<usize>]) -> Vec<Found> {
    let mut found = Vec::new();
    // The outermost quotation left open by the previous paragraph, with the
    // index and end of that paragraph.
    let mut carried: Option<(Open, usize, usize)> = None;
    for (p, range) in paragraphs.iter().enumerate() {
        let has_marks = text
            .get(range.clone())
            .unwrap_or("")
            .chars()
            .any(|c| marks::mark(c).is_some());
        if !has_marks {
            // Most paragraphs quote nobody: nothing opens, closes or
            // continues here, so a quotation carried in ends before it.
            if let Some((open, last, end)) = carried.take()
                && (open.family == Family::Double || open.paragraph < last)
            {
                found.push(Found {
                    span: open.start..end,
                    closed: false,
                    first_paragraph: open.paragraph,
                    last_paragraph: last,
                });
            }
            continue;
        }
        let paragraph = Paragraph::new(text, range);
        let mut stack: Vec<Open> = Vec::new();
        let mut skip_first = false;
        if let Some((open, last, end)) = carried.take() {
            let reopens = paragraph.chars.first().is_some_and(|&(_, c)| {
                marks::mark(c)
                    .is_some_and(|(family, shape)| family == open.family && shape != Shape::Closing)
            });
            if reopens {
                stack.push(open);
                skip_first = true;
            } else if open.family == Family::Double || open.paragraph < last {
                found.push(Found {
                    span: open.start..end,
                    closed: false,
                    first_paragraph: open.paragraph,
                    last_paragraph: last,
                });
            }
        }
        for (i, &(at, c)) in paragraph.chars.iter().enumerate() {
            let Some((family, _)) = marks::mark(c) else {
                continue;
            };
            if skip_first && i == 0 {
                continue;
            }
            let open = Open {
                start: at,
                family,
                ch: c,
                paragraph: p,
            };
            match paragraph.action(i, &stack) {
                Action::Ignore => {}
                Action::Open if stack.len() >= MAX_DEPTH => {}
                Action::Open => stack.push(open),
                Action::Restart(k) => {
                    if let Some(old) = stack.get(k) {
                        found.push(Found {
                            span: old.start..trim_end(text, at),
                            closed: false,
                            first_paragraph: old.paragraph,
                            last_paragraph: p,
                        });
                    }
                    stack.truncate(k);
                    stack.push(open);
                }
                Action::Close(k) => {
                    if let Some(old) = stack.get(k) {
                        found.push(Found {
                            span: old.start..paragraph.end_of(i),
                            closed: true,
                            first_paragraph: old.paragraph,
                            last_paragraph: p,
                        });
                    }
                    stack.truncate(k);
                }
            }
        }
        // Inner double quotations still open end here, unclosed; the
        // outermost may continue into the next paragraph.
        for inner in stack.iter().skip(1) {
            if inner.family == Family::Double {
                found.push(Found {
                    span: inner.start..range.end,
                    closed: false,
                    first_paragraph: inner.paragraph,
                    last_paragraph: p,
                });
            }
        }
        if let Some(outer) = stack.first() {
            carried = Some((*outer, p, range.end));
        }
    }
    if let Some((open, last, end)) = carried
        && (open.family == Family::Double || open.paragraph < last)
    {
        found.push(Found {
            span: open.start..end,
            closed: false,
            first_paragraph: open.paragraph,
            last_paragraph: last,
        });
    }
    found
}

/// `at`, moved back over whitespace.
fn trim_end(text: &str, at: usize) -> usize {
    text.get(..at).unwrap_or("").trim_end().len()
}
