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

/// One quotation mark of a paragraph.
#[derive(Debug, Clone, Copy)]
struct Mark {
    /// Byte offset into the text.
    at: usize,
    /// The mark; two straight single marks typed for a double one
    /// (`''Yes,'' he said`) are one `"`.
    ch: char,
    /// Its length in bytes (2 for a merged `''`).
    len: usize,
}

/// Chars a mark's decision may look at before it ([`after_sentence_end`]).
const BEFORE: usize = 3;
/// Chars a mark's decision may look at after it (a 12-letter word two
/// chars on, in [`marks::is_measure`]).
const AFTER: usize = 14;

/// Most chars a window holds: [`BEFORE`], the mark and [`AFTER`].
const WINDOW: usize = BEFORE + 1 + AFTER;

/// The chars around a mark as `(byte offset, char)` (see
/// [`Paragraph::window`]), held on the stack: a window is read for every
/// mark, often twice, and is never longer than [`WINDOW`].
struct Window {
    chars: [(usize, char); WINDOW],
    /// How many of `chars` are filled.
    len: usize,
}

impl Window {
    fn new() -> Self {
        Self {
            chars: [(0, '\0'); WINDOW],
            len: 0,
        }
    }

    /// Appends `c`; a full window keeps what it holds.
    fn push(&mut self, c: (usize, char)) {
        if let Some(slot) = self.chars.get_mut(self.len) {
            *slot = c;
            self.len += 1;
        }
    }

    /// The filled chars, in text order.
    fn chars(&self) -> &[(usize, char)] {
        self.chars.get(..self.len).unwrap_or(&[])
    }
}

/// One paragraph's quotation marks with what the decision for each needs.
///
/// Only the marks are kept, not every char: the rules look at a few chars
/// on either side of a mark, which [`Paragraph::window`] decodes on demand,
/// so a long paragraph with a few marks costs little more than finding them.
struct Paragraph<'t> {
    text: &'t str,
    /// Byte range of the paragraph in `text`.
    range: Range<usize>,
    /// Every quotation mark and apostrophe, in order.
    marks: Vec<Mark>,
    /// For each mark, whether the next single quotation mark after it in
    /// the paragraph closes a clause: a `’` or `'` right after `,` `.` `!`
    /// `?` `;` `:` (`… back down,’ said Helen Ward`).
    single_closer_after: Vec<bool>,
}

impl<'t> Paragraph<'t> {
    fn new(text: &'t str, range: &Range<usize>) -> Self {
        let body = text.get(range.clone()).unwrap_or("");
        let bytes = body.as_bytes();
        let mut starts: Vec<usize> = mark_lead_bytes(bytes).collect();
        starts.sort_unstable();
        let mut marks: Vec<Mark> = Vec::new();
        for offset in starts {
            let Some(ch) = body.get(offset..).and_then(|s| s.chars().next()) else {
                continue;
            };
            if marks::mark(ch).is_none() {
                continue;
            }
            let at = range.start + offset;
            if ch == '\''
                && let Some(last) = marks.last_mut()
                && last.ch == '\''
                && last.at + 1 == at
            {
                last.ch = '"';
                last.len = 2;
                continue;
            }
            marks.push(Mark {
                at,
                ch,
                len: ch.len_utf8(),
            });
        }
        let mut paragraph = Self {
            text,
            range: range.clone(),
            marks,
            single_closer_after: Vec::new(),
        };
        let mut single_closer_after = vec![false; paragraph.marks.len()];
        let mut seen = false;
        for (m, mark) in paragraph.marks.iter().enumerate().rev() {
            if let Some(slot) = single_closer_after.get_mut(m) {
                *slot = seen;
            }
            let single = marks::mark(mark.ch).is_some_and(|(f, _)| f == Family::Single);
            if !single {
                continue;
            }
            let (window, i) = paragraph.window(m);
            let chars = window.chars();
            if !marks::is_apostrophe(chars, i) {
                let after_clause = matches!(
                    marks::char_at(chars, i.checked_sub(1)),
                    Some(',' | '.' | '!' | '?' | ';' | ':' | '…')
                );
                seen = matches!(mark.ch, '\'' | '’') && after_clause;
            }
        }
        paragraph.single_closer_after = single_closer_after;
        paragraph
    }

    /// The chars around mark `m` as `(byte offset, char)`, up to [`BEFORE`]
    /// before and [`AFTER`] after it within the paragraph, with merged marks
    /// as one char, and the index of mark `m` among them.
    fn window(&self, m: usize) -> (Window, usize) {
        let mut chars = Window::new();
        let Some(mark) = self.marks.get(m) else {
            return (chars, 0);
        };
        // The chars before, nearest first.
        let mut before = Window::new();
        let mut at = mark.at;
        let mut earlier = m;
        while before.len < BEFORE && at > self.range.start {
            let previous_mark = earlier.checked_sub(1).and_then(|k| self.marks.get(k));
            if let Some(p) = previous_mark.filter(|p| p.at + p.len == at) {
                before.push((p.at, p.ch));
                at = p.at;
                earlier -= 1;
                continue;
            }
            let Some(c) = self
                .text
                .get(self.range.start..at)
                .and_then(|s| s.chars().next_back())
            else {
                break;
            };
            at -= c.len_utf8();
            before.push((at, c));
        }
        let i = before.len;
        for &c in before.chars().iter().rev() {
            chars.push(c);
        }
        chars.push((mark.at, mark.ch));
        let mut at = mark.at + mark.len;
        let mut later = m + 1;
        while chars.len < i + 1 + AFTER && at < self.range.end {
            if let Some(n) = self.marks.get(later).filter(|n| n.at == at) {
                chars.push((n.at, n.ch));
                at += n.len;
                later += 1;
                continue;
            }
            let Some(c) = self
                .text
                .get(at..self.range.end)
                .and_then(|s| s.chars().next())
            else {
                break;
            };
            chars.push((at, c));
            at += c.len_utf8();
        }
        (chars, i)
    }

    /// Byte offset just past mark `m`.
    fn end_of(&self, m: usize) -> usize {
        self.marks
            .get(m)
            .map_or(self.range.end, |mark| mark.at + mark.len)
    }

    /// What mark `m` does given the open `stack`.
    fn action(&self, m: usize, stack: &[Open]) -> Action {
        let (window, i) = self.window(m);
        let chars = window.chars();
        let Some(c) = marks::char_at(chars, Some(i)) else {
            return Action::Ignore;
        };
        let Some((family, shape)) = marks::mark(c) else {
            return Action::Ignore;
        };
        if family == Family::Single && marks::is_apostrophe(chars, i) {
            return Action::Ignore;
        }
        let answered = stack.iter().rposition(|o| marks::closes(o.ch, c));
        // An inch sign ("a 15\" screen"), unless a double quotation is
        // open: then the mark after a number closes it ("… a bridge by
        // 2030\" on Monday"), which news has far more often than inches
        // inside quotations.
        if shape == Shape::Straight
            && marks::is_measure(chars, i)
            && !(family == Family::Double && answered.is_some())
        {
            return Action::Ignore;
        }
        let prev = marks::char_at(chars, i.checked_sub(1));
        let next = marks::char_at(chars, i.checked_add(1));
        let left_flanking =
            next.is_some_and(|n| !n.is_whitespace()) && prev.is_none_or(opens_after);
        let right_flanking =
            prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(closes_before);
        let closing_single = family == Family::Single && matches!(c, '’' | '\'');
        let possessive = closing_single
            && marks::is_plural_possessive(
                chars,
                i,
                self.single_closer_after.get(m).copied().unwrap_or(false),
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
            && after_sentence_end(chars, i);
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
                None if word_follows(chars, i) => Action::Open,
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
}

/// Whether a sentence ends right before index `i` of `chars`: `.`, `!`, `?`
/// or `…` and one or two spaces.
fn after_sentence_end(chars: &[(usize, char)], i: usize) -> bool {
    let at = |back: usize| marks::char_at(chars, i.checked_sub(back));
    let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    let stop = |c: Option<char>| matches!(c, Some('.' | '!' | '?' | '…'));
    space(at(1)) && (stop(at(2)) || (space(at(2)) && stop(at(3))))
}

/// Whether a letter, digit or mark comes within two chars after index `i` of `chars`.
fn word_follows(chars: &[(usize, char)], i: usize) -> bool {
    chars
        .iter()
        .skip(i + 1)
        .take(2)
        .any(|&(_, c)| c.is_alphanumeric() || marks::mark(c).is_some())
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
        if !may_quote(text, range) {
            // Most paragraphs quote nobody: nothing opens, closes or
            // continues here, so a quotation carried in ends before it.
            found.extend(carried.take().and_then(ended_unclosed));
            continue;
        }
        let paragraph = Paragraph::new(text, range);
        let mut stack: Vec<Open> = Vec::new();
        let mut skip_first = false;
        if let Some((open, last, end)) = carried.take() {
            let reopens = paragraph.marks.first().is_some_and(|first| {
                first.at == range.start
                    && marks::mark(first.ch).is_some_and(|(family, shape)| {
                        family == open.family && shape != Shape::Closing
                    })
            });
            if reopens {
                stack.push(open);
                skip_first = true;
            } else {
                found.extend(ended_unclosed((open, last, end)));
            }
        }
        for (i, &Mark { at, ch: c, .. }) in paragraph.marks.iter().enumerate() {
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
    found.extend(carried.and_then(ended_unclosed));
    found
}

/// The quotation a carried-over opening mark makes when no paragraph
/// continues it: `(opening, index and end of the last paragraph reached)`.
/// A double quotation ends there, unclosed; a single mark counts only if it
/// was already continued over a paragraph break (else it was an apostrophe).
fn ended_unclosed((open, last, end): (Open, usize, usize)) -> Option<Found> {
    (open.family == Family::Double || open.paragraph < last).then_some(Found {
        span: open.start..end,
        closed: false,
        first_paragraph: open.paragraph,
        last_paragraph: last,
    })
}

/// Whether the paragraph at `range` holds a quotation mark that may open,
/// close or continue a quotation: any mark but an apostrophe between two
/// letters or digits ("Macron’s", "don't"), which [`Paragraph::action`]
/// always ignores. Most paragraphs of news have none, and this check reads
/// only the bytes a mark can start with.
fn may_quote(text: &str, range: &Range<usize>) -> bool {
    let Some(paragraph) = text.get(range.clone()) else {
        return false;
    };
    let bytes = paragraph.as_bytes();
    let in_word = |at: usize, len: usize| {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let before = paragraph.get(..at).and_then(|s| s.chars().next_back());
        let after = paragraph.get(at + len..).and_then(|s| s.chars().next());
        word(before) && word(after)
    };
    let quoting = |at: usize| {
        let Some(c) = paragraph.get(at..).and_then(|s| s.chars().next()) else {
            return false;
        };
        match marks::mark(c) {
            Some(_) if matches!(c, '\'' | '’') => !in_word(at, c.len_utf8()),
            Some(_) => true,
            None => false,
        }
    };
    mark_lead_bytes(bytes).any(quoting)
}

/// Offsets in `bytes` where a quotation mark may start: `"`, `'`, and the
/// lead bytes of the curly marks (U+2018–U+203A) and of « ». Not in order:
/// the first three kinds come first, then the fourth.
fn mark_lead_bytes(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes).chain(memchr::memchr_iter(0xC2, bytes))
}

/// `at`, moved back over whitespace.
fn trim_end(text: &str, at: usize) -> usize {
    text.get(..at).unwrap_or("").trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every char of `text` as `(byte offset, char)`, with `''` merged into
    /// one `"`: what a paragraph's marks and windows must agree with.
    fn all_chars(text: &str) -> Vec<(usize, char)> {
        let mut chars: Vec<(usize, char)> = Vec::new();
        for (at, c) in text.char_indices() {
            if c == '\''
                && let Some(last) = chars.last_mut()
                && last.1 == '\''
                && last.0 + 1 == at
            {
                last.1 = '"';
                continue;
            }
            chars.push((at, c));
        }
        chars
    }

    proptest! {
        #[test]
        fn each_window_is_the_paragraphs_chars_around_its_mark(
            text in "[aZ1 .,:!?'’‘\"“”„«»‹›\u{a0}é-]{0,40}"
        ) {
            let paragraph = Paragraph::new(&text, &(0..text.len()));
            let chars = all_chars(&text);
            let marks: Vec<usize> = chars
                .iter()
                .enumerate()
                .filter(|(_, (_, c))| marks::mark(*c).is_some())
                .map(|(i, _)| i)
                .collect();
            prop_assert_eq!(paragraph.marks.len(), marks.len());
            for (m, &i) in marks.iter().enumerate() {
                let from = i.saturating_sub(BEFORE);
                let to = (i + 1 + AFTER).min(chars.len());
                let (window, at) = paragraph.window(m);
                prop_assert_eq!(window.chars(), &chars[from..to]);
                prop_assert_eq!(at, i - from);
                prop_assert_eq!(paragraph.end_of(m), chars.get(i + 1).map_or(text.len(), |c| c.0));
            }
        }
    }

    #[test]
    fn a_quotation_with_an_apostrophe_and_a_merged_double_mark() {
        let text = "He said ''it’s over'' and “left.”";
        let whole = 0..text.len();
        let found = scan(text, std::slice::from_ref(&whole));
        let spans: Vec<&str> = found
            .iter()
            .filter_map(|f| text.get(f.span.clone()))
            .collect();
        assert_eq!(spans, ["''it’s over''", "“left.”"]);
    }
}
