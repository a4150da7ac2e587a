//! Where the article pane is scrolled to, in wrapped rows, computed lazily.
//!
//! The article is a sequence of blocks, one per paragraph: its wrapped lines,
//! then one blank row (none after the last). A [`Position`] names a row by its
//! paragraph and its row inside that block, so scrolling and drawing only ever
//! wrap the paragraphs they pass over; each paragraph is wrapped once per width
//! and cached ([`WrapCache`]).

use std::cell::RefMut;
use std::ops::Range;

use crate::document::Document;
use crate::wrap::wrap;

/// A row of the article: `row` counts the rows of paragraph `para`'s block;
/// `row == lines.len()` is the blank row after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// Paragraph index.
    pub para: usize,
    /// Row within that paragraph's block.
    pub row: usize,
}

/// One row as drawn: a wrapped line (byte range into the text) or the blank
/// row between paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A line of text.
    Text(Range<usize>),
    /// The gap after a paragraph.
    Blank,
}

/// Wrapped lines per paragraph, valid for one width. A paragraph is
/// wrapped only as far as it is looked at, `WRAP_CHUNK` bytes at a time,
/// so one huge paragraph (a 1 MB single line) costs what is on screen.
#[derive(Debug, Clone, Default)]
pub struct WrapCache {
    width: usize,
    lines: Vec<Option<Wrapped>>,
}

/// Bytes of a paragraph wrapped at a time: about a screen of text at
/// common widths (16 KiB took 0.3 ms of the first frame of a 1 MB line).
const WRAP_CHUNK: usize = 4 * 1024;

/// A paragraph's wrapped lines so far.
#[derive(Debug, Clone, Default)]
struct Wrapped {
    /// Lines wrapped so far (absolute byte ranges), in order.
    lines: Vec<Range<usize>>,
    /// Where the next line starts, while the paragraph is not wrapped to
    /// its end.
    resume: Option<usize>,
}

impl Wrapped {
    /// Wraps `paragraph` on from `resume` by at least one more chunk (to its
    /// end if that is near). Each chunk is wrapped on its own and its last
    /// two lines are dropped and wrapped again with the next chunk: a line
    /// decided before them cannot depend on text past the chunk, so the
    /// result is the same as wrapping the paragraph whole.
    fn extend(&mut self, text: &str, paragraph: &Range<usize>, width: usize, chunk: usize) {
        let Some(from) = self.resume else {
            return;
        };
        let mut size = chunk.max(1);
        loop {
            let mut end = (from + size).min(paragraph.end);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let mut lines = wrap(text, from..end, width);
            if end >= paragraph.end {
                self.lines.append(&mut lines);
                self.resume = None;
                return;
            }
            if lines.len() >= 3 {
                let keep = lines.len() - 2;
                self.resume = lines.get(keep).map(|l| l.start);
                lines.truncate(keep);
                self.lines.append(&mut lines);
                return;
            }
            // Too little text for three lines (wide columns, invisible
            // characters): take a bigger bite.
            size = size.saturating_mul(2);
        }
    }
}

impl WrapCache {
    /// Drops every cached paragraph unless `width` is the cached width.
    pub fn set_width(&mut self, width: usize, paragraphs: usize) {
        if self.width != width || self.lines.len() != paragraphs {
            self.width = width;
            self.lines = vec![None; paragraphs];
        }
    }

    /// Lines of paragraph `para` wrapped at least until `enough` says so
    /// (given the lines so far) or to its end; whether that is its end.
    fn lines_until(
        &mut self,
        doc: &Document,
        para: usize,
        enough: impl Fn(&[Range<usize>]) -> bool,
    ) -> (&[Range<usize>], bool) {
        let width = self.width;
        let Some(slot) = self.lines.get_mut(para) else {
            return (&[], true);
        };
        let range = doc.paragraphs().get(para).cloned().unwrap_or(0..0);
        let wrapped = slot.get_or_insert_with(|| Wrapped {
            lines: Vec::new(),
            resume: Some(range.start),
        });
        while wrapped.resume.is_some() && !enough(&wrapped.lines) {
            wrapped.extend(doc.text(), &range, width, WRAP_CHUNK);
        }
        (&wrapped.lines, wrapped.resume.is_none())
    }

    /// Every line of paragraph `para` (wrapping it to its end if needed).
    fn lines(&mut self, doc: &Document, para: usize) -> &[Range<usize>] {
        self.lines_until(doc, para, |_| false).0
    }

    /// Lines of paragraph `para` at least up to line `row` (all of them if
    /// it has fewer); whether that is all of them.
    fn lines_through(
        &mut self,
        doc: &Document,
        para: usize,
        row: usize,
    ) -> (&[Range<usize>], bool) {
        self.lines_until(doc, para, |lines| lines.len() > row)
    }

    /// Lines of paragraph `para` at least up to the one holding byte `byte`.
    fn lines_to_byte(&mut self, doc: &Document, para: usize, byte: usize) -> &[Range<usize>] {
        self.lines_until(doc, para, |lines| {
            lines.last().is_some_and(|l| l.end >= byte)
        })
        .0
    }
}

/// Row arithmetic over one document and its wrap cache.
pub struct Layout<'a> {
    doc: &'a Document,
    cache: RefMut<'a, WrapCache>,
}

impl<'a> Layout<'a> {
    /// A layout of `doc`, using (and filling) `cache`.
    pub fn new(doc: &'a Document, cache: RefMut<'a, WrapCache>) -> Self {
        Self { doc, cache }
    }

    fn block_rows(&mut self, para: usize) -> usize {
        let gap = usize::from(para + 1 < self.doc.paragraphs().len());
        self.cache.lines(self.doc, para).len() + gap
    }

    /// The rows of paragraph `para`'s block if it has at most `row + 1`,
    /// else some number above `row` (the block is wrapped only that far).
    fn block_rows_past(&mut self, para: usize, row: usize) -> usize {
        let gap = usize::from(para + 1 < self.doc.paragraphs().len());
        let (lines, complete) = self.cache.lines_through(self.doc, para, row);
        if complete {
            lines.len() + gap
        } else {
            lines.len().max(row + 1) + 1
        }
    }

    /// The last row of the article.
    pub fn last(&mut self) -> Position {
        let para = self.doc.paragraphs().len().saturating_sub(1);
        let row = self.block_rows(para).saturating_sub(1);
        Position { para, row }
    }

    /// `n` rows below `pos`, stopping at the last row.
    pub fn down(&mut self, mut pos: Position, mut n: usize) -> Position {
        let paragraphs = self.doc.paragraphs().len();
        while n > 0 {
            let rows = self.block_rows_past(pos.para, pos.row + n);
            if pos.row + n < rows {
                pos.row += n;
                break;
            }
            if pos.para + 1 >= paragraphs {
                pos.row = rows.saturating_sub(1);
                break;
            }
            n -= rows - pos.row;
            pos = Position {
                para: pos.para + 1,
                row: 0,
            };
        }
        pos
    }

    /// `n` rows above `pos`, stopping at the first row.
    pub fn up(&mut self, mut pos: Position, mut n: usize) -> Position {
        while n > 0 {
            if pos.row >= n {
                pos.row -= n;
                break;
            }
            if pos.para == 0 {
                pos.row = 0;
                break;
            }
            n -= pos.row + 1;
            let para = pos.para - 1;
            pos = Position {
                para,
                row: self.block_rows(para).saturating_sub(1),
            };
        }
        pos
    }

    /// The row showing byte offset `byte` (the nearest paragraph when `byte`
    /// falls between paragraphs).
    pub fn position_of(&mut self, byte: usize) -> Position {
        let paragraphs = self.doc.paragraphs();
        let para = paragraphs
            .partition_point(|p| p.end <= byte)
            .min(paragraphs.len().saturating_sub(1));
        let lines = self.cache.lines_to_byte(self.doc, para, byte);
        let row = lines
            .partition_point(|l| l.end < byte)
            .min(lines.len().saturating_sub(1));
        Position { para, row }
    }

    /// Rows from `from` down to `to`, if `to` is at or below `from` and less
    /// than `limit` rows away.
    pub fn distance(&mut self, from: Position, to: Position, limit: usize) -> Option<usize> {
        if to < from {
            return None;
        }
        let mut pos = from;
        for steps in 0..limit {
            if pos == to {
                return Some(steps);
            }
            let next = self.down(pos, 1);
            if next == pos {
                return None;
            }
            pos = next;
        }
        None
    }

    /// The top row that puts the article's last row at the bottom of a pane
    /// `height` rows tall (the first row if the article is shorter).
    pub fn bottom_top(&mut self, height: usize) -> Position {
        let last = self.last();
        self.up(last, height.saturating_sub(1))
    }

    /// Whether a pane `height` rows tall with `top` as its first row shows
    /// the article's last row. Looks only at those rows, where comparing
    /// `top` with [`Self::bottom_top`] would wrap the last paragraph whole.
    pub fn shows_end(&mut self, top: Position, height: usize) -> bool {
        let bottom = self.down(top, height.saturating_sub(1));
        self.down(bottom, 1) == bottom
    }

    /// `top`, or [`Self::bottom_top`] if `top` is below it: no pane shows
    /// empty rows under the article's end. Looks only at the rows from
    /// `top` down unless the end is among them.
    pub fn clamp_top(&mut self, top: Position, height: usize) -> Position {
        if self.shows_end(top, height) {
            top.min(self.bottom_top(height))
        } else {
            top
        }
    }

    /// The `height` rows from `top` down (fewer at the end of the article).
    pub fn rows(&mut self, top: Position, height: usize) -> Vec<Row> {
        let mut rows = Vec::with_capacity(height);
        let mut pos = top;
        while rows.len() < height {
            let (lines, _) = self.cache.lines_through(self.doc, pos.para, pos.row);
            let line = lines.get(pos.row).cloned();
            rows.push(line.map_or(Row::Blank, Row::Text));
            let next = self.down(pos, 1);
            if next == pos {
                break;
            }
            pos = next;
        }
        rows
    }

    /// The bytes shown by the `height` rows from `top`: from the start of the
    /// first text row to the end of the last one.
    pub fn visible_bytes(&mut self, top: Position, height: usize) -> Range<usize> {
        visible_bytes(&self.rows(top, height))
    }

    /// The byte offset of the text drawn in the pane cell `row`, `column`
    /// (counted from the pane's top-left, the pane's first row being `top`);
    /// `None` on a blank row, past the end of a line or below the article.
    pub fn byte_at_cell(&mut self, top: Position, row: usize, column: usize) -> Option<usize> {
        let rows = self.rows(top, row + 1);
        match rows.get(row)? {
            Row::Text(range) => crate::wrap::byte_at_column(
                self.doc.text(),
                self.doc.paragraph_start(range.start),
                range.clone(),
                column,
            ),
            Row::Blank => None,
        }
    }

    /// Byte offset where row `pos` starts (for the position percentage).
    pub fn byte_at(&mut self, pos: Position) -> usize {
        let (lines, _) = self.cache.lines_through(self.doc, pos.para, pos.row);
        match lines.get(pos.row).or(lines.last()) {
            Some(line) => line.start,
            None => 0,
        }
    }
}

/// The bytes `rows` show: from the start of the first text row to the end of
/// the last one (empty when no row has text).
pub fn visible_bytes(rows: &[Row]) -> Range<usize> {
    let mut ranges = rows.iter().filter_map(|r| match r {
        Row::Text(range) => Some(range),
        Row::Blank => None,
    });
    let Some(first) = ranges.next() else {
        return 0..0;
    };
    let last = ranges.next_back().unwrap_or(first);
    first.start..last.end.max(first.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document::from_bytes(b"aaa bbb ccc\n\nddd\n\neee fff", None)
    }

    #[test]
    fn walks_rows_across_paragraph_gaps() {
        let doc = doc();
        let cache = std::cell::RefCell::new(WrapCache::default());
        cache.borrow_mut().set_width(7, doc.paragraphs().len());
        let mut layout = Layout::new(&doc, cache.borrow_mut());
        // Rows: "aaa bbb", "ccc", blank, "ddd", blank, "eee fff".
        let top = Position::default();
        assert_eq!(layout.down(top, 3), Position { para: 1, row: 0 });
        assert_eq!(layout.down(top, 99), Position { para: 2, row: 0 });
        assert_eq!(
            layout.up(Position { para: 2, row: 0 }, 2),
            Position { para: 1, row: 0 }
        );
        assert_eq!(layout.bottom_top(3), Position { para: 1, row: 0 });
        assert_eq!(
            layout.position_of(doc.text().find("ccc").unwrap()),
            Position { para: 0, row: 1 }
        );
        assert_eq!(
            layout.distance(top, Position { para: 1, row: 1 }, 10),
            Some(4)
        );
        assert_eq!(layout.distance(top, Position { para: 1, row: 1 }, 4), None);
        let rows = layout.rows(top, 10);
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[2], Row::Blank);
        assert_eq!(rows[5], Row::Text(18..25));
    }

    #[test]
    fn a_pane_cell_maps_back_to_the_byte_drawn_there() {
        let doc = doc();
        let cache = std::cell::RefCell::new(WrapCache::default());
        cache.borrow_mut().set_width(7, doc.paragraphs().len());
        let mut layout = Layout::new(&doc, cache.borrow_mut());
        // Rows: "aaa bbb", "ccc", blank, "ddd", blank, "eee fff".
        let top = Position::default();
        let text = doc.text();
        assert_eq!(layout.byte_at_cell(top, 0, 4), text.find("bbb"));
        assert_eq!(
            layout.byte_at_cell(top, 1, 2),
            Some(text.find("ccc").unwrap() + 2)
        );
        assert_eq!(layout.byte_at_cell(top, 1, 3), None);
        assert_eq!(layout.byte_at_cell(top, 2, 0), None);
        assert_eq!(layout.byte_at_cell(top, 5, 6), Some(text.len() - 1));
        assert_eq!(layout.byte_at_cell(top, 6, 0), None);
        // Scrolled: the pane's first row is "ddd".
        let scrolled = layout.down(top, 3);
        assert_eq!(layout.byte_at_cell(scrolled, 0, 0), text.find("ddd"));
    }

    #[test]
    fn visible_bytes_span_from_the_first_to_the_last_text_row() {
        assert_eq!(visible_bytes(&[Row::Text(3..9)]), 3..9);
        assert_eq!(
            visible_bytes(&[Row::Blank, Row::Text(3..9), Row::Blank, Row::Text(12..20)]),
            3..20
        );
        assert_eq!(visible_bytes(&[Row::Blank]), 0..0);
    }

    #[test]
    fn an_empty_document_has_one_blank_row_and_never_panics() {
        let doc = Document::from_bytes(b"", None);
        let cache = std::cell::RefCell::new(WrapCache::default());
        cache.borrow_mut().set_width(10, 0);
        let mut layout = Layout::new(&doc, cache.borrow_mut());
        let top = Position::default();
        assert_eq!(layout.down(top, 5), top);
        assert_eq!(layout.up(top, 5), top);
        assert_eq!(layout.rows(top, 3), [Row::Blank]);
        assert_eq!(layout.position_of(100), top);
        assert_eq!(layout.byte_at(top), 0);
    }

    /// Wraps `text` (one paragraph) in chunks of `chunk` bytes, as the
    /// cache does for a long paragraph.
    fn wrap_in_chunks(text: &str, width: usize, chunk: usize) -> Vec<Range<usize>> {
        let mut wrapped = Wrapped {
            lines: Vec::new(),
            resume: Some(0),
        };
        while wrapped.resume.is_some() {
            wrapped.extend(text, &(0..text.len()), width, chunk);
        }
        wrapped.lines
    }

    #[test]
    fn a_paragraph_wrapped_in_chunks_wraps_as_it_does_whole() {
        let text = "Ein überraschend langes Wort: Donaudampfschifffahrtsgesellschaftskapitän, \
                    then 東京都 and 🇫🇷🇩🇪 flags,\tone tab, e\u{301} accents and \u{200B}spaces.";
        for width in [1, 3, 7, 12, 40] {
            for chunk in [1, 5, 17, 64] {
                assert_eq!(
                    wrap_in_chunks(text, width, chunk),
                    wrap(text, 0..text.len(), width),
                    "width {width}, chunk {chunk}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn chunked_wrapping_never_differs(
            text in "[a-z ]{0,3}([a-zé東🇫\t ]{1,12} ){0,60}[a-z]{1,3}",
            width in 1usize..30,
            chunk in 1usize..80,
        ) {
            proptest::prop_assert_eq!(
                wrap_in_chunks(&text, width, chunk),
                wrap(&text, 0..text.len(), width)
            );
        }
    }

    #[test]
    fn a_huge_paragraph_is_wrapped_only_as_far_as_the_screen_goes() {
        let text = "word ".repeat(200_000) + "end.";
        let doc = Document::from_bytes(text.as_bytes(), None);
        let cache = std::cell::RefCell::new(WrapCache::default());
        cache.borrow_mut().set_width(80, doc.paragraphs().len());
        {
            let mut layout = Layout::new(&doc, cache.borrow_mut());
            let top = layout.down(Position::default(), 10);
            assert_eq!(top, Position { para: 0, row: 10 });
            assert!(!layout.shows_end(top, 40));
            assert_eq!(layout.clamp_top(top, 40), top);
            assert_eq!(layout.rows(top, 40).len(), 40);
        }
        let wrapped = cache.borrow().lines[0]
            .as_ref()
            .map_or(0, |w| w.lines.len());
        assert!((50..2000).contains(&wrapped), "{wrapped} lines wrapped");
        // The end is still found, and clamps a top below it.
        let mut layout = Layout::new(&doc, cache.borrow_mut());
        let last = layout.last();
        assert_eq!(last.row, 12_500);
        assert_eq!(layout.clamp_top(last, 40).row, 12_461);
        assert!(layout.shows_end(
            Position {
                para: 0,
                row: 12_461
            },
            40
        ));
    }
}
