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

/// Wrapped lines per paragraph, valid for one width.
#[derive(Debug, Clone, Default)]
pub struct WrapCache {
    width: usize,
    lines: Vec<Option<Vec<Range<usize>>>>,
}

impl WrapCache {
    /// Drops every cached paragraph unless `width` is the cached width.
    pub fn set_width(&mut self, width: usize, paragraphs: usize) {
        if self.width != width || self.lines.len() != paragraphs {
            self.width = width;
            self.lines = vec![None; paragraphs];
        }
    }

    /// Lines of paragraph `para` (wrapping it now if needed).
    fn lines(&mut self, doc: &Document, para: usize) -> &[Range<usize>] {
        let width = self.width;
        match self.lines.get_mut(para) {
            Some(slot) => slot.get_or_insert_with(|| {
                let range = doc.paragraphs().get(para).cloned().unwrap_or(0..0);
                wrap(doc.text(), range, width)
            }),
            None => &[],
        }
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
            let rows = self.block_rows(pos.para);
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
        let lines = self.cache.lines(self.doc, para);
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

    /// The `height` rows from `top` down (fewer at the end of the article).
    pub fn rows(&mut self, top: Position, height: usize) -> Vec<Row> {
        let mut rows = Vec::with_capacity(height);
        let mut pos = top;
        while rows.len() < height {
            let line = self.cache.lines(self.doc, pos.para).get(pos.row).cloned();
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
            Row::Text(range) => crate::wrap::byte_at_column(self.doc.text(), range.clone(), column),
            Row::Blank => None,
        }
    }

    /// Byte offset where row `pos` starts (for the position percentage).
    pub fn byte_at(&mut self, pos: Position) -> usize {
        let lines = self.cache.lines(self.doc, pos.para);
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
}
