//! How article text becomes terminal cells: safe glyphs and word wrapping.
//!
//! Nothing from the article reaches the terminal as a control sequence: every
//! control character is replaced by a visible placeholder ([`glyph`]), and the
//! width bookkeeping here is the same one rendering uses, so wrapping and
//! drawing always agree. Widths are terminal columns, measured per grapheme
//! cluster (UAX #29) with `unicode-width`.

use std::borrow::Cow;
use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, Level};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::document::is_invisible_format;

/// Columns between tab stops.
pub const TAB_STOP: usize = 8;

/// What one grapheme cluster of the article shows as, at display column `column`:
/// the text to draw (never containing a control character) and its width.
pub fn glyph(grapheme: &str, column: usize) -> (Cow<'_, str>, usize) {
    match grapheme {
        "\t" => {
            let width = TAB_STOP - column % TAB_STOP;
            (Cow::Owned(" ".repeat(width)), width)
        }
        // Line breaks inside a paragraph are soft: they read as a space.
        "\n" | "\r" | "\r\n" | "\u{2028}" | "\u{2029}" => (Cow::Borrowed(" "), 1),
        _ if grapheme.chars().all(is_invisible_format) => (Cow::Borrowed(""), 0),
        // A letter or digit with a format character attached ("l" + zero-
        // width joiner): terminals disagree on the character's width (tmux
        // gives it a column, shifting the panel's border), so it is not
        // drawn. Emoji sequences ("👩‍💻") keep their joiners: width tables
        // and terminals agree on them. (ASCII, nearly every grapheme drawn,
        // is passed over at once.)
        _ if !grapheme.is_ascii()
            && grapheme.chars().next().is_some_and(char::is_alphanumeric)
            && grapheme.chars().any(is_invisible_format) =>
        {
            let shown: String = grapheme
                .chars()
                .filter(|c| !is_invisible_format(*c))
                .collect();
            let width = shown.width();
            (Cow::Owned(shown), width)
        }
        _ if grapheme.chars().any(is_unsafe) => {
            let shown: String = grapheme.chars().map(placeholder).collect();
            let width = shown.width();
            (Cow::Owned(shown), width)
        }
        _ => (Cow::Borrowed(grapheme), grapheme.width()),
    }
}

/// Characters a terminal would act on instead of showing: C0 and C1 controls
/// and DEL.
fn is_unsafe(c: char) -> bool {
    c.is_control()
}

/// The visible stand-in for `c`: control pictures (U+2400 block) for C0 and DEL,
/// U+FFFD for C1; any other char is itself.
fn placeholder(c: char) -> char {
    match u32::from(c) {
        code @ 0..=0x1F => char::from_u32(0x2400 + code).unwrap_or('\u{FFFD}'),
        0x7F => '\u{2421}',
        _ if c.is_control() => '\u{FFFD}',
        _ => c,
    }
}

/// The grapheme clusters of `text[range]` (UAX #29, extended) with their
/// absolute byte offsets; nothing when `range` is not a char range of `text`.
pub fn graphemes(text: &str, range: Range<usize>) -> Graphemes<'_> {
    let text = text.get(range.clone()).unwrap_or("");
    Graphemes {
        text,
        start: range.start,
        at: 0,
    }
}

/// The iterator of [`graphemes`]. An ASCII character followed by another
/// (or by the end) is a cluster of its own, except CR before LF: those are
/// taken a byte at a time. Only the rest goes through the UAX #29
/// segmenter, which looks each character up in several property tables
/// (a third of the time to draw a screen of English went there).
pub struct Graphemes<'a> {
    /// `text[range]`.
    text: &'a str,
    /// `range.start`.
    start: usize,
    /// Byte offset in `text` of the next cluster (always a boundary).
    at: usize,
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.text.as_bytes();
        let first = *bytes.get(self.at)?;
        let alone =
            first.is_ascii() && first != b'\r' && bytes.get(self.at + 1).is_none_or(u8::is_ascii);
        let rest = self.text.get(self.at..)?;
        let cluster = if alone {
            rest.get(..1)?
        } else {
            // Starting the segmenter here is sound: `at` is a boundary, and
            // the rules that look back (emoji sequences, conjuncts, flags)
            // look back only within a cluster or over regional indicators,
            // which segment in pairs from any boundary.
            rest.graphemes(true).next()?
        };
        let offset = self.start + self.at;
        self.at += cluster.len();
        Some((offset, cluster))
    }
}

/// Wraps the paragraph `text[paragraph]` to `width` columns at word
/// boundaries; a word longer than a line is cut between graphemes.
///
/// Returns one byte range per display line (absolute offsets into `text`,
/// end-exclusive), without the whitespace at the break. Always at least one
/// line; `width` 0 is treated as 1.
pub fn wrap(text: &str, paragraph: Range<usize>, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line_start: Option<usize> = None;
    let mut column = 0;
    // Where the last run of whitespace began and ended on this line, and the
    // column just after it: the place to break if the current word overflows.
    let mut last_gap: Option<(usize, usize, usize)> = None;
    let mut line_end = paragraph.start;
    for (offset, grapheme) in graphemes(text, paragraph.clone()) {
        let is_space = grapheme.chars().all(char::is_whitespace);
        let Some(start) = line_start else {
            if !is_space {
                line_start = Some(offset);
                column = glyph(grapheme, 0).1;
                line_end = offset + grapheme.len();
            }
            continue;
        };
        let (_, w) = glyph(grapheme, column);
        if is_space {
            let gap_start = match last_gap {
                Some((gap_start, gap_end, _)) if gap_end == offset => gap_start,
                _ => offset,
            };
            column += w;
            last_gap = Some((gap_start, offset + grapheme.len(), column));
            continue;
        }
        if column + w > width {
            match last_gap.filter(|&(gap_start, _, _)| gap_start > start) {
                Some((gap_start, gap_end, gap_column)) => {
                    lines.push(start..gap_start);
                    line_start = Some(gap_end);
                    column -= gap_column;
                }
                None => {
                    lines.push(start..offset);
                    line_start = Some(offset);
                    column = 0;
                }
            }
            last_gap = None;
            if column + w > width && column > 0 {
                // The word carried over is itself too long: cut it here.
                lines.push(line_start.unwrap_or(offset)..offset);
                line_start = Some(offset);
                column = 0;
            }
        }
        column += w;
        line_end = offset + grapheme.len();
    }
    match line_start {
        Some(start) => lines.push(start..line_end.max(start)),
        None => lines.push(paragraph.start..paragraph.start),
    }
    lines
}

/// The graphemes of the line `text[range]` (with their absolute byte
/// offsets) in the order they are drawn: reading order, except that
/// right-to-left runs are reversed, and the runs laid out in the direction
/// of the line's paragraph, which starts at byte `paragraph_start` of
/// `text`: that of its first strong letter (UAX #9 rules P2 and P3), so a
/// wrapped line that starts with Arabic in an English paragraph still
/// reads left to right.
pub fn visual_order(text: &str, paragraph_start: usize, range: Range<usize>) -> Vec<(usize, &str)> {
    let logical: Vec<(usize, &str)> = graphemes(text, range.clone()).collect();
    let line = text.get(range.clone()).unwrap_or("");
    let has_rtl = line.chars().any(is_right_to_left);
    if !has_rtl {
        return logical;
    }
    // The paragraph's first strong letter comes at the latest in this line,
    // which holds a right-to-left one.
    let before = text
        .get(paragraph_start.min(range.start)..range.end)
        .unwrap_or(line);
    let direction = match unicode_bidi::get_base_direction(before) {
        unicode_bidi::Direction::Ltr => Some(Level::ltr()),
        unicode_bidi::Direction::Rtl => Some(Level::rtl()),
        unicode_bidi::Direction::Mixed => None,
    };
    let bidi = BidiInfo::new(line, direction);
    let Some(paragraph) = bidi.paragraphs.first() else {
        return logical;
    };
    let (levels, runs) = bidi.visual_runs(paragraph, 0..line.len());
    let mut ordered = Vec::with_capacity(logical.len());
    for run in runs {
        let in_run = logical
            .iter()
            .filter(|(offset, _)| run.contains(&(offset - range.start)))
            .copied();
        if levels.get(run.start).is_some_and(|level| level.is_rtl()) {
            ordered.extend(in_run.rev());
        } else {
            ordered.extend(in_run);
        }
    }
    ordered
}

/// Whether `c` is a strong right-to-left letter (bidi class R or AL). No
/// such letter comes before U+0590 (Hebrew), so Latin text is answered
/// without the class table's binary search, which every drawn line paid.
fn is_right_to_left(c: char) -> bool {
    u32::from(c) >= 0x590 && matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// The byte offset of the grapheme drawn at display `column` (0-based) of
/// the line `text[range]` (in the paragraph starting at `paragraph_start`),
/// in the order [`visual_order`] draws it and with the widths [`glyph`]
/// gives; `None` past the end of the line. This is how a mouse click on the
/// article finds the text under it.
pub fn byte_at_column(
    text: &str,
    paragraph_start: usize,
    range: Range<usize>,
    column: usize,
) -> Option<usize> {
    let mut start = 0;
    for (offset, grapheme) in visual_order(text, paragraph_start, range) {
        let width = glyph(grapheme, start).1;
        if column < start + width {
            return Some(offset);
        }
        start += width;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_joiner_after_a_letter_is_not_drawn_and_an_emoji_sequence_keeps_its_own() {
        assert_eq!(glyph("l\u{200d}", 0), (Cow::Borrowed("l"), 1));
        assert_eq!(glyph("e\u{301}\u{200b}", 0).0, "e\u{301}");
        assert_eq!(glyph("\u{200d}", 0), (Cow::Borrowed(""), 0));
        let coder = "👩\u{200d}💻";
        assert_eq!(glyph(coder, 0), (Cow::Borrowed(coder), coder.width()));
        assert_eq!(glyph("e\u{301}", 0), (Cow::Borrowed("e\u{301}"), 1));
    }

    /// Pieces that meet ASCII in every way the segmenter cares about:
    /// CR LF, combining marks after ASCII letters, emoji ZWJ sequences,
    /// flags (regional indicators), Devanagari conjuncts, Hangul.
    const CLUSTER_PIECES: &[&str] = &[
        "a",
        " ",
        "\r",
        "\n",
        "\r\n",
        "e\u{301}",
        "\u{301}",
        "\u{200d}",
        "👩",
        "👩\u{200d}💻",
        "🇫",
        "🇷",
        "🇫🇷",
        "क्ष",
        "\u{94d}",
        "한",
        "\u{1100}",
        "\u{1161}",
        "’",
        "\t",
        "\u{7f}",
    ];

    proptest::proptest! {
        #[test]
        fn graphemes_agree_with_the_uax29_segmenter(
            pieces in proptest::collection::vec(proptest::sample::select(CLUSTER_PIECES), 0..24),
            cut in 0usize..4,
        ) {
            let text: String = pieces.concat();
            // Also from an offset inside the text, as a paragraph range is.
            let start = text.char_indices().nth(cut).map_or(text.len(), |(i, _)| i);
            let expected: Vec<(usize, &str)> = text
                .get(start..)
                .unwrap_or_default()
                .grapheme_indices(true)
                .map(|(i, g)| (start + i, g))
                .collect();
            let ours: Vec<(usize, &str)> = graphemes(&text, start..text.len()).collect();
            proptest::prop_assert_eq!(ours, expected);
        }
    }

    #[test]
    fn graphemes_of_a_range_that_cuts_a_character_are_none() {
        let text = "é and e";
        assert_eq!(graphemes(text, 1..4).count(), 0);
        assert_eq!(
            graphemes(text, 2..7).collect::<Vec<_>>(),
            [(2, " "), (3, "a"), (4, "n"), (5, "d"), (6, " ")]
        );
    }

    #[test]
    fn no_right_to_left_letter_comes_before_hebrew() {
        let right_to_left_below_hebrew = (0..0x590)
            .filter_map(char::from_u32)
            .find(|&c| matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL));
        assert_eq!(right_to_left_below_hebrew, None);
        assert!(is_right_to_left('\u{5D0}')); // HEBREW LETTER ALEF
        assert!(is_right_to_left('\u{627}')); // ARABIC LETTER ALEF
        assert!(!is_right_to_left('é'));
    }

    fn wrapped(text: &str, width: usize) -> Vec<&str> {
        wrap(text, 0..text.len(), width)
            .into_iter()
            .map(|r| text.get(r).unwrap())
            .collect()
    }

    #[test]
    fn breaks_at_spaces() {
        assert_eq!(
            wrapped("French President Emmanuel Macron flies to Moscow", 20),
            ["French President", "Emmanuel Macron", "flies to Moscow"]
        );
    }

    #[test]
    fn cuts_words_longer_than_a_line() {
        assert_eq!(wrapped("abcdefghij xy", 4), ["abcd", "efgh", "ij", "xy"]);
    }

    #[test]
    fn wide_characters_are_never_split() {
        // Each ideograph is two columns: three fit in 7 columns, not three and a half.
        assert_eq!(wrapped("日本語日本語", 7), ["日本語", "日本語"]);
        assert_eq!(wrapped("👩🏽\u{200D}🔬👩🏽\u{200D}🔬", 3).len(), 2);
    }

    #[test]
    fn fits_exactly_without_an_empty_line() {
        assert_eq!(wrapped("abcd efgh", 4), ["abcd", "efgh"]);
        assert_eq!(wrapped("", 10), [""]);
        assert_eq!(wrapped("   ", 10), [""]);
    }

    #[test]
    fn invisible_format_characters_take_no_cell() {
        for invisible in [
            "\u{FEFF}", "\u{00AD}", "\u{200B}", "\u{2060}", "\u{202E}", "\u{2067}",
        ] {
            assert_eq!(glyph(invisible, 0), (Cow::Borrowed(""), 0), "{invisible:?}");
        }
        assert_eq!(
            wrapped("Bundes\u{00AD}regierung", 15),
            ["Bundes\u{00AD}regierung"]
        );
    }

    #[test]
    fn control_characters_become_placeholders_of_known_width() {
        assert_eq!(glyph("\u{1b}", 0), (Cow::Owned("\u{241B}".to_owned()), 1));
        assert_eq!(glyph("\u{9b}", 0).0, "\u{FFFD}");
        assert_eq!(glyph("\u{7}", 0).0, "\u{2407}");
        assert_eq!(glyph("\t", 3), (Cow::Owned("     ".to_owned()), 5));
        assert_eq!(glyph("\r\n", 0).0, " ");
    }

    #[test]
    fn every_width_gives_lines_that_fit_and_lose_no_word() {
        let text = "Before talks in Moscow with “Russian” President Vladimir Putin on Monday, he called for a \"new balance\".";
        for width in 1..40 {
            let lines = wrapped(text, width);
            for line in &lines {
                let cols: usize = line.graphemes(true).map(|g| glyph(g, 0).1).sum();
                assert!(
                    cols <= width || line.graphemes(true).count() == 1,
                    "{width}: {line:?}"
                );
            }
            let words: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
            assert_eq!(
                words.concat(),
                text.split_whitespace().collect::<String>(),
                "{width}"
            );
        }
    }

    fn shown(text: &str) -> String {
        visual_order(text, 0, 0..text.len())
            .into_iter()
            .map(|(_, g)| g)
            .collect()
    }

    #[test]
    fn left_to_right_lines_keep_their_order() {
        assert_eq!(shown("Macron said “yes” 👩🏽‍🔬"), "Macron said “yes” 👩🏽‍🔬");
    }

    #[test]
    fn right_to_left_runs_are_drawn_reversed_with_their_offsets() {
        // "שלום" (Hebrew, shalom) inside English: its letters are drawn right to left.
        let text = "He said שלום today";
        assert_eq!(shown(text), "He said םולש today");
        let order = visual_order(text, 0, 0..text.len());
        let mem = order.iter().find(|(_, g)| *g == "ם").unwrap();
        assert_eq!(mem.0, text.find('ם').unwrap());
    }

    #[test]
    fn a_wrapped_line_is_laid_out_in_its_paragraphs_direction() {
        // An English paragraph whose second line opens with Arabic ("the
        // French president said peace is possible").
        let text = "Macron met Netanyahu on Monday. قال الرئيس الفرنسي إن السلام ممكن. He said “yes,” according to Reuters.";
        let arabic = text.find('ق').unwrap();
        let drawn = |paragraph_start| -> String {
            visual_order(text, paragraph_start, arabic..text.len())
                .into_iter()
                .map(|(_, g)| g)
                .collect()
        };
        // Left to right, as the paragraph opens: the Arabic (drawn
        // reversed) first, then the English in reading order.
        let in_paragraph = drawn(0);
        assert!(in_paragraph.starts_with("نكمم"), "{in_paragraph}");
        assert!(
            in_paragraph.ends_with("لاق. He said “yes,” according to Reuters."),
            "{in_paragraph}"
        );
        // The same line as a paragraph of its own opens in Arabic: right
        // to left, the English comes first.
        let alone = drawn(arabic);
        assert!(
            alone.starts_with(".He said “yes,” according to Reuters"),
            "{alone}"
        );
    }

    #[test]
    fn a_column_maps_back_to_the_byte_drawn_there() {
        let text = "He said 日本 and שלום\tok";
        let line = 0..text.len();
        let at = |column| byte_at_column(text, 0, line.clone(), column).and_then(|b| text.get(b..));
        assert_eq!(at(0).unwrap(), text);
        assert!(at(3).unwrap().starts_with("said"));
        // Both columns of a wide character lead to it.
        assert!(at(8).unwrap().starts_with("日本"));
        assert!(at(9).unwrap().starts_with("日本"));
        assert!(at(10).unwrap().starts_with("本"));
        // The Hebrew word is drawn reversed: its first column is its last letter.
        let hebrew = text.find('ש').unwrap();
        let first_column = 17;
        assert_eq!(at(first_column), text.get(text.find('ם').unwrap()..));
        assert_eq!(
            byte_at_column(text, 0, line.clone(), first_column + 3),
            Some(hebrew)
        );
        // The tab fills to the next stop (column 24); "ok" follows it.
        assert!(at(22).unwrap().starts_with('\t'));
        assert!(at(24).unwrap().starts_with("ok"));
        assert_eq!(at(26), None);
        assert_eq!(byte_at_column(text, 0, 0..0, 0), None);
    }
}
