//! The article pane: wrapped text with entities, quotations, claims, the
//! sentence cursor and search matches styled by the theme.

use std::num::NonZeroU16;
use std::ops::Range;

use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::scroll::{Row, visible_bytes};
use crate::app::{App, Target};
use crate::document::Document;
use crate::wrap::{glyph, visual_order};

/// A styled byte range; later layers are patched over earlier ones.
type Layer = (Range<usize>, Style);

/// Draws the visible rows of the article into `area`.
pub(super) fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let rows = app.layout().rows(app.top(), usize::from(area.height));
    let window = visible_bytes(&rows);
    let layers = layers(app, &window);
    let base = app.theme().text();
    let buffer = frame.buffer_mut();
    let area = area.intersection(buffer.area);
    buffer.set_style(area, base);
    for (row, y) in rows.iter().zip(area.top()..area.bottom()) {
        if let Row::Text(range) = row {
            let line = Rect::new(area.x, y, area.width, 1);
            draw_line(buffer, app.document(), range.clone(), line, (base, &layers));
        }
    }
    let marks: Vec<bool> = rows
        .iter()
        .map(|row| match row {
            Row::Text(range) => app.suggestion_marks(range),
            Row::Blank => false,
        })
        .collect();
    draw_suggestion_marks(frame, app, area, &marks);
}

/// A mark in the left margin (two columns left of the text) beside each
/// row of a sentence worth checking.
fn draw_suggestion_marks(frame: &mut Frame, app: &App, area: Rect, marks: &[bool]) {
    let Some(x) = area.x.checked_sub(2) else {
        return;
    };
    let style = app.theme().suggestion();
    let buffer = frame.buffer_mut();
    for (row, _) in marks.iter().enumerate().filter(|(_, on)| **on) {
        let Ok(dy) = u16::try_from(row) else { break };
        if dy >= area.height {
            break;
        }
        if let Some(cell) = buffer.cell_mut((x, area.y + dy)) {
            cell.set_symbol(SUGGESTION_MARK).set_style(style);
        }
    }
}

/// The margin mark of a suggestion.
const SUGGESTION_MARK: &str = "▍";

/// One line of text, `text[range]`, written into the cells of `line` (one
/// row): each grapheme with the style of the layers over it, cut where the
/// row ends. Lines with right-to-left text are shown in visual order
/// (Unicode Bidirectional Algorithm, UAX #9). The cells are written here
/// rather than through a `Paragraph`, which would split the text into
/// graphemes and measure them a second time (a third of the time to draw
/// a screen).
fn draw_line(
    buffer: &mut Buffer,
    doc: &Document,
    range: Range<usize>,
    line: Rect,
    (base, layers): (Style, &[Layer]),
) {
    // The window's layers, cut down to this line's once: each grapheme then
    // checks the few that can cover it.
    let on_line: Vec<&Layer> = layers
        .iter()
        .filter(|(span, _)| span.start < range.end && range.start < span.end)
        .collect();
    let paragraph_start = doc.paragraph_start(range.start);
    let mut column = 0;
    let mut x = line.x;
    for (offset, grapheme) in visual_order(doc.text(), paragraph_start, range) {
        let (shown, width) = glyph(grapheme, column);
        column += width;
        let Ok(cells) = u16::try_from(width) else {
            break;
        };
        if cells == 0 {
            continue;
        }
        if x.saturating_add(cells) > line.right() {
            break;
        }
        let style = on_line
            .iter()
            .filter(|(span, _)| span.contains(&offset))
            .fold(base, |style, (_, layer)| style.patch(*layer));
        put_glyph(buffer, (x, line.y), &shown, cells, style);
        x += cells;
    }
}

/// Writes a glyph `cells` columns wide at `at`: a tab's spaces one to a
/// cell, anything else in the first cell (a wide character covers the
/// cells after it, which the frame's diff then skips, as with a
/// `Paragraph`).
fn put_glyph(buffer: &mut Buffer, (x, y): (u16, u16), shown: &str, cells: u16, style: Style) {
    let tab = cells > 1 && shown.bytes().all(|b| b == b' ');
    if tab {
        for dx in 0..cells {
            if let Some(cell) = buffer.cell_mut((x + dx, y)) {
                cell.set_symbol(" ").set_style(style);
            }
        }
        return;
    }
    if let Some(cell) = buffer.cell_mut((x, y)) {
        cell.set_symbol(shown).set_style(style);
        if let Some(width) = NonZeroU16::new(cells).filter(|_| counted_wider(shown)) {
            cell.set_diff_option(CellDiffOption::ForcedWidth(width));
        }
    }
}

/// Whether ratatui takes `shown` for wider than folio's layout does: it
/// counts each halfwidth katakana sound mark (U+FF9E, U+FF9F) as a column
/// of its own on top of the Unicode width (ratatui-core `cell_width`),
/// and the frame's diff would then skip the character after it. Such a
/// cell is given folio's width.
fn counted_wider(shown: &str) -> bool {
    shown.contains(['\u{FF9E}', '\u{FF9F}'])
}

/// Every styled span that touches `window`, lowest layer first.
fn layers(app: &App, window: &Range<usize>) -> Vec<Layer> {
    let theme = app.theme();
    let overlaps = |span: &Range<usize>| span.start < window.end && window.start < span.end;
    // Markup first: it styles the text before (and under) the analysis.
    let mut layers: Vec<Layer> = app
        .document()
        .markup()
        .spans
        .iter()
        .filter(|m| overlaps(&m.span))
        .map(|m| (m.span.clone(), theme.markup(m.kind)))
        .collect();
    let Some(analysis) = app.analysis() else {
        return layers;
    };
    if let Some(sentence) = analysis.sentences.get(app.sentence()) {
        layers.push((sentence.clone(), theme.current_sentence()));
    }
    for quote in analysis.quotations.iter().filter(|q| overlaps(&q.span)) {
        layers.push((quote.span.clone(), theme.quote(false)));
    }
    for claim in app
        .annotations()
        .claims()
        .iter()
        .filter(|c| overlaps(&c.span))
    {
        layers.push((claim.span.clone(), theme.claim(false)));
    }
    let first = app
        .mentions()
        .partition_point(|(m, _)| m.end <= window.start);
    for (mention, kind) in app
        .mentions
        .iter()
        .skip(first)
        .take_while(|(m, _)| m.start < window.end)
    {
        layers.push((mention.clone(), theme.entity(*kind, false)));
    }
    if let Some(search) = app.search() {
        let first = search.matches.partition_point(|m| m.end <= window.start);
        for found in search
            .matches
            .iter()
            .skip(first)
            .take_while(|m| m.start < window.end)
        {
            layers.push((found.clone(), theme.search_match(false)));
        }
    }
    match app.target() {
        Target::Quote(i) => {
            if let Some(quote) = analysis.quotations.get(i) {
                layers.push((quote.span.clone(), theme.quote(true)));
            }
        }
        Target::Claim(i) => {
            if let Some(claim) = app.annotations().claims().get(i) {
                layers.push((claim.span.clone(), theme.claim(true)));
            }
        }
        Target::Sentence => {}
    }
    if let Some(mention) = app.selected_mention() {
        let kind = app
            .mentions
            .iter()
            .find(|(m, _)| m == mention)
            .map(|(_, k)| *k);
        if let Some(kind) = kind {
            layers.push((mention.clone(), theme.entity(kind, true)));
        }
    }
    if let Some(selection) = app.selection() {
        layers.push((selection.span(), theme.scope("ui.selection.text")));
    }
    if let Some(found) = app.search().and_then(|s| s.matches.get(s.current)) {
        layers.push((found.clone(), theme.search_match(true)));
    }
    layers
}
