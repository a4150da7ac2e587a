//! Articles are untrusted: whatever bytes they hold, what folio writes to the
//! terminal must contain no control sequence from the text, and what it shows
//! must line up. These tests check the bytes a real crossterm backend writes,
//! not only the buffer.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use folio::analysis::{Progress, analyse};
use folio::app::App;
use folio::document::Document;
use folio::theme::Theme;

const HOSTILE: &[u8] =
    b"Breaking:\x1b]0;owned\x07 minister resigns\x1b[2J\x1b[?25l \x1b]52;c;aGk=\x07 end\xc2\x9b31m said Emmanuel Macron.";

fn app_for(bytes: &[u8], width: u16, height: u16) -> App {
    let doc = Document::from_bytes(bytes, None);
    common::app_with(doc, width, height, Theme::builtin(false))
}

use common::terminal_bytes;

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

#[test]
fn escape_sequences_in_the_article_never_reach_the_terminal() {
    let hostile = terminal_bytes(&app_for(HOSTILE, 100, 20), 100, 20);
    let clean_text = HOSTILE
        .iter()
        .map(|&b| if b < 0x20 || b == 0x7f { b'x' } else { b })
        .collect::<Vec<u8>>();
    let clean = terminal_bytes(&app_for(&clean_text, 100, 20), 100, 20);
    for forbidden in [&b"\x1b]"[..], b"\x07", b"\xc2\x9b", b"\x1b[2J"] {
        assert!(
            !contains(&hostile, forbidden),
            "{:?} reached the terminal",
            String::from_utf8_lossy(forbidden)
        );
    }
    // folio itself may hide the cursor; the article must not add another.
    assert_eq!(count(&hostile, b"\x1b[?25l"), count(&clean, b"\x1b[?25l"));
    // The control characters are drawn as visible placeholders instead.
    let shown = String::from_utf8_lossy(&hostile);
    assert!(shown.contains("\u{241B}]0;owned\u{2407}"), "{shown}");
}

#[test]
fn line_endings_form_feed_and_nul_display_safely_and_offsets_count_the_original() {
    let bytes = b"One line\rTwo lines\r\nThree said Emmanuel Macron\x0c\x00 end";
    let app = app_for(bytes, 80, 12);
    let buffer = common::draw(&app, 80, 12);
    let screen = common::screen_text(&buffer);
    assert!(
        screen.contains("One line") && screen.contains("Two lines"),
        "{screen}"
    );
    assert!(
        screen.contains("Three said Emmanuel Macron\u{240C}\u{2400} end"),
        "{screen}"
    );
    let bytes_out = terminal_bytes(&app, 80, 12);
    assert!(!bytes_out.contains(&b'\r') && !bytes_out.contains(&0x0c) && !bytes_out.contains(&0));
    // Exported offsets count the original chars, CR included.
    let exported = app.export_file();
    let original = String::from_utf8(bytes.to_vec()).unwrap();
    let macron = exported
        .entities
        .iter()
        .find(|e| e.name == "Emmanuel Macron")
        .unwrap();
    let m = &macron.mentions[0];
    let chars: String = original
        .chars()
        .skip(m.start)
        .take(m.end - m.start)
        .collect();
    assert_eq!(chars, "Emmanuel Macron");
    assert_eq!(m.start, original.find("Emmanuel").unwrap());
}

#[test]
fn tabs_expand_in_the_display_and_highlights_stay_on_their_words() {
    let app = app_for("Name:\tEmmanuel Macron\tsaid it.".as_bytes(), 80, 12);
    let buffer = common::draw(&app, 80, 12);
    let (x, y) = common::find_on_screen(&buffer, "Emmanuel Macron").unwrap();
    // "Name:" starts at the text margin (column 2); the tab reaches column 8 of the text.
    assert_eq!(x, 2 + 8);
    let person = Theme::builtin(false).entity(folio::analysis::EntityKind::Person, false);
    for dx in 0..15 {
        assert_eq!(buffer[(x + dx, y)].fg, person.fg.unwrap(), "cell {dx}");
    }
    assert_ne!(buffer[(x + 15, y)].fg, person.fg.unwrap());
}

#[test]
fn wide_and_combined_characters_keep_highlights_and_the_panel_border_aligned() {
    let text = "Crowds held \u{2744}\u{FE0F} signs; \u{1F469}\u{1F3FD}\u{200D}\u{1F52C} Dr. Okafor spoke in \u{1F1FA}\u{1F1E6} Kyiv. Dr. Okafor said caf\u{e9} and cafe\u{301}.";
    for width in [30u16, 47, 80, 81, 97, 120, 200] {
        let app = app_for(text.as_bytes(), width, 14);
        let buffer = common::draw(&app, width, 14);
        if app_has_panel(width) {
            let border_x: Vec<u16> = (0..13)
                .filter_map(|y| (0..width).find(|&x| buffer[(x, y)].symbol() == "│"))
                .collect();
            assert!(
                border_x.windows(2).all(|w| w[0] == w[1]),
                "width {width}: {border_x:?}"
            );
        }
    }
    let app = app_for(text.as_bytes(), 120, 14);
    let buffer = common::draw(&app, 120, 14);
    let place = Theme::builtin(false).entity(folio::analysis::EntityKind::Place, false);
    let (x, y) = common::find_on_screen(&buffer, "Kyiv").unwrap();
    for dx in 0..4 {
        assert_eq!(buffer[(x + dx, y)].fg, place.fg.unwrap());
    }
    assert_ne!(buffer[(x + 4, y)].fg, place.fg.unwrap());
    assert_ne!(buffer[(x - 1, y)].fg, place.fg.unwrap());
    // "Dr." is a title: outside the highlight; "Okafor" is the person.
    let person = Theme::builtin(false).entity(folio::analysis::EntityKind::Person, false);
    let (x, y) = common::find_on_screen(&buffer, "Dr. Okafor").unwrap();
    assert_ne!(buffer[(x, y)].fg, person.fg.unwrap());
    for dx in 4..10 {
        assert_eq!(buffer[(x + dx, y)].fg, person.fg.unwrap(), "cell {dx}");
    }
}

#[test]
fn halfwidth_katakana_sound_marks_never_hide_the_next_character() {
    // ratatui counts U+FF9E and U+FF9F as a column more than folio's layout
    // does; every cluster must still reach the terminal.
    let text = "\u{FF76}\u{FF9E}\u{FF77}\u{FF9E}\u{FF78}\u{FF9E} \u{FF8A}\u{FF9F}\u{FF8B}\u{FF9F}\n\n\u{FF9E}bare mark";
    let app = app_for(text.as_bytes(), 80, 12);
    let bytes = terminal_bytes(&app, 80, 12);
    for cluster in ["\u{FF77}\u{FF9E}", "\u{FF8B}\u{FF9F}", "bare mark"] {
        assert!(
            contains(&bytes, cluster.as_bytes()),
            "{cluster} was not sent to the terminal"
        );
    }
}

#[test]
fn a_one_megabyte_line_opens_scrolls_and_searches() {
    let line = "President Emmanuel Macron said \"yes\" in Kyiv. ".repeat(22_000);
    assert!(line.len() > 1_000_000);
    let mut app = app_for(line.as_bytes(), 120, 40);
    // From the end, the search finds the last match; `n` wraps to the first.
    common::press(&mut app, "G/kyiv\n");
    let screen = common::screen_text(&common::draw(&app, 120, 40));
    assert!(screen.contains("match 22000/22000"), "{screen}");
    common::press(&mut app, "n");
    let screen = common::screen_text(&common::draw(&app, 120, 40));
    assert!(screen.contains("match 1/22000"), "{screen}");
    assert_eq!(app.analysis().unwrap().quotations.len(), 22_000);
}

fn app_has_panel(width: u16) -> bool {
    width >= folio::view::layout::PANEL_MIN_TERMINAL_WIDTH
}

#[test]
fn right_to_left_text_reads_in_order_with_highlights_on_the_right_words() {
    let text =
        "In Jerusalem, the sign read \u{05E9}\u{05DC}\u{05D5}\u{05DD} and Emmanuel Macron smiled.";
    let app = app_for(text.as_bytes(), 120, 12);
    let screen = common::screen_text(&common::draw(&app, 120, 12));
    assert!(
        screen.contains("read \u{05DD}\u{05D5}\u{05DC}\u{05E9} and"),
        "{screen}"
    );
    let buffer = common::draw(&app, 120, 12);
    let (x, y) = common::find_on_screen(&buffer, "Emmanuel Macron").unwrap();
    let person = Theme::builtin(false).entity(folio::analysis::EntityKind::Person, false);
    assert_eq!(buffer[(x, y)].fg, person.fg.unwrap());
}

#[test]
fn a_utf8_bom_is_not_drawn_and_does_not_shift_offsets() {
    let bytes = "\u{FEFF}Emmanuel Macron spoke.".as_bytes();
    let app = app_for(bytes, 80, 12);
    let buffer = common::draw(&app, 80, 12);
    assert_eq!(
        common::find_on_screen(&buffer, "Emmanuel Macron"),
        Some((2, 1))
    );
    let exported = app.export_file();
    let original = String::from_utf8(bytes.to_vec()).unwrap();
    for entity in &exported.entities {
        for m in &entity.mentions {
            let chars: String = original
                .chars()
                .skip(m.start)
                .take(m.end - m.start)
                .collect();
            assert_eq!(chars, &*m.exact);
        }
    }
}

#[test]
fn a_windows_1252_article_is_decoded_and_the_export_says_so() {
    let app = app_for(b"Caf\xe9 owner said \x93no comment\x94.", 80, 12);
    let screen = common::screen_text(&common::draw(&app, 80, 12));
    assert!(screen.contains("Café owner said “no comment”."), "{screen}");
    assert_eq!(app.export_file().article.encoding, "windows-1252");
}

#[test]
fn entity_matching_sees_through_soft_hyphens_and_normalization_forms() {
    let text = "President Jos\u{e9} Mart\u{ed} spoke to Emmanuel Mac\u{AD}ron. Later Jose\u{301} Marti\u{301} left.";
    let doc = Document::from_bytes(text.as_bytes(), None);
    let analysis = analyse(&doc, &Progress::default());
    let person = |name: &str| analysis.entities.iter().find(|e| e.name == name).unwrap();
    let marti: Vec<&str> = person("Jos\u{e9} Mart\u{ed}")
        .mentions
        .iter()
        .map(|m| doc.slice(m.clone()))
        .collect();
    assert_eq!(marti, ["Jos\u{e9} Mart\u{ed}", "Jose\u{301} Marti\u{301}"]);
    let macron: Vec<&str> = person("Emmanuel Macron")
        .mentions
        .iter()
        .map(|m| doc.slice(m.clone()))
        .collect();
    assert_eq!(macron, ["Emmanuel Mac\u{AD}ron"]);
    let app = app_for(text.as_bytes(), 120, 12);
    let screen = common::screen_text(&common::draw(&app, 120, 12));
    assert!(
        screen.contains("to Emmanuel Macron. Later"),
        "the soft hyphen takes no cell: {screen}"
    );
}
