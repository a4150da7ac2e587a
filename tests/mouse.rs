//! The mouse through the app API: synthesised crossterm mouse events on the
//! sample in a 120×40 app (article pane on the left, panel from column 90).
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{draw, find_on_screen, press, row_text, sample_app, sample_app_sized};
use folio::app::{App, Mode};
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    app.handle_mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
}

fn click(app: &mut App, column: u16, row: u16) {
    mouse(app, MouseEventKind::Down(MouseButton::Left), column, row);
}

#[test]
fn the_wheel_scrolls_the_article_under_the_pointer() {
    let mut app = sample_app_sized(80, 12, false);
    let first = row_text(&draw(&app, 80, 12), 1);
    mouse(&mut app, MouseEventKind::ScrollDown, 10, 5);
    let scrolled = row_text(&draw(&app, 80, 12), 1);
    assert_ne!(scrolled, first);
    // One notch is three rows: the row that was fourth is now first.
    let mut by_keys = sample_app_sized(80, 12, false);
    press(&mut by_keys, "jjj");
    assert_eq!(row_text(&draw(&by_keys, 80, 12), 1), scrolled);
    mouse(&mut app, MouseEventKind::ScrollUp, 10, 5);
    assert_eq!(row_text(&draw(&app, 80, 12), 1), first);
}

#[test]
fn the_wheel_over_the_panel_moves_its_selection_not_the_article() {
    let mut app = sample_app();
    let before = draw(&app, 120, 40);
    assert_eq!(app.panel().selected_row(), Some(1));
    mouse(&mut app, MouseEventKind::ScrollDown, 100, 10);
    mouse(&mut app, MouseEventKind::ScrollDown, 100, 10);
    let after = draw(&app, 120, 40);
    assert_eq!(
        row_text(&after, 1).get(..80),
        row_text(&before, 1).get(..80)
    );
    // Macron, Putin, Biden: the wheel went down two entities.
    assert_eq!(app.panel().selected_row(), Some(3));
    let (_, y) = find_on_screen(&after, "Joe Biden").unwrap();
    assert_ne!(after[(93, y)].bg, before[(93, y)].bg);
}

#[test]
fn a_click_on_a_panel_entry_selects_it_and_jumps_to_its_mention() {
    let mut app = sample_app_sized(120, 12, false);
    let screen = draw(&app, 120, 12);
    // "Ukraine" is under Places, below the People.
    let (x, y) = find_on_screen(&screen, "Ukraine  ").unwrap();
    assert!(x > 90, "the panel entry, not the article: {x}");
    click(&mut app, x + 2, y);
    let ukraine = app
        .analysis()
        .unwrap()
        .entities
        .iter()
        .position(|e| e.name == "Ukraine")
        .unwrap();
    assert_eq!(app.panel().selected_entity(), Some(ukraine));
    let status = row_text(&draw(&app, 120, 12), 11);
    assert!(status.contains("Ukraine: mention 1/7"), "{status}");
    // A second click goes on to the next mention.
    let screen = draw(&app, 120, 12);
    let (x, y) = find_on_screen(&screen, "Ukraine  ").unwrap();
    click(&mut app, x, y);
    let status = row_text(&draw(&app, 120, 12), 11);
    assert!(status.contains("Ukraine: mention 2/7"), "{status}");
}

#[test]
fn a_click_on_a_name_selects_its_entity_and_a_click_in_a_quotation_targets_it() {
    let mut app = sample_app();
    let screen = draw(&app, 120, 40);
    let (x, y) = find_on_screen(&screen, "Vladimir Putin").unwrap();
    click(&mut app, x + 3, y);
    let analysis = app.analysis().unwrap();
    let putin = analysis
        .entities
        .iter()
        .position(|e| e.name == "Vladimir Putin")
        .unwrap();
    assert_eq!(app.panel().selected_entity(), Some(putin));
    let mention = app.selected_mention().cloned().unwrap();
    assert_eq!(app.document().slice(mention), "Vladimir Putin");
    let status = row_text(&draw(&app, 120, 40), 39);
    assert!(status.contains("Vladimir Putin: mention 1/3"), "{status}");

    // Inside the third quotation: it becomes the target, as `]` would make it.
    let (x, y) = find_on_screen(&screen, "geopolitical objective").unwrap();
    click(&mut app, x, y);
    let status = row_text(&draw(&app, 120, 40), 39);
    assert!(
        status.contains("quote 3/4 · speech · Emmanuel Macron"),
        "{status}"
    );
    press(&mut app, "c");
    let Mode::Claim(form) = app.mode() else {
        panic!("no claim form")
    };
    assert!(
        app.document()
            .slice(form.span.clone())
            .starts_with("“The geopolitical")
    );
}

#[test]
fn clicks_on_blank_cells_borders_and_the_status_bar_change_nothing() {
    let mut app = sample_app();
    let before = draw(&app, 120, 40);
    for (x, y) in [(0, 0), (1, 5), (119, 39), (89, 10), (90, 0), (200, 200)] {
        click(&mut app, x, y);
        mouse(&mut app, MouseEventKind::Moved, x, y);
    }
    assert_eq!(draw(&app, 120, 40), before);
}

#[test]
fn the_mouse_is_ignored_while_a_form_is_open() {
    let mut app = sample_app();
    press(&mut app, "]c");
    mouse(&mut app, MouseEventKind::ScrollDown, 10, 10);
    click(&mut app, 100, 5);
    assert!(matches!(app.mode(), Mode::Claim(_)));
}

#[test]
fn in_help_the_wheel_scrolls_and_a_click_closes() {
    let mut app = sample_app_sized(120, 20, false);
    press(&mut app, "?");
    let first = draw(&app, 120, 20);
    mouse(&mut app, MouseEventKind::ScrollDown, 60, 10);
    assert_eq!(app.mode(), &Mode::Help { scroll: 3 });
    assert_ne!(draw(&app, 120, 20), first);
    mouse(&mut app, MouseEventKind::ScrollUp, 60, 10);
    assert_eq!(draw(&app, 120, 20), first);
    click(&mut app, 60, 10);
    assert_eq!(app.mode(), &Mode::Normal);
}

#[test]
fn a_drag_on_the_article_selects_whole_words_and_c_marks_them() {
    let mut app = sample_app();
    let screen = draw(&app, 120, 40);
    let (x, y) = find_on_screen(&screen, "Kremlin plans").unwrap();
    // From inside "Kremlin" to inside "plans": both words whole.
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), x + 3, y);
    assert!(app.selection().is_none(), "a click alone selects nothing");
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), x + 9, y);
    mouse(&mut app, MouseEventKind::Up(MouseButton::Left), x + 9, y);
    let span = app.selection().unwrap().span();
    assert_eq!(app.document().slice(span.clone()), "Kremlin plans");
    // Dragging back before the start selects backwards from the first word.
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), x + 3, y);
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), x - 4, y);
    let back = app.selection().unwrap().span();
    assert_eq!(app.document().slice(back), "the Kremlin");
    // The selection is the keyboard's: `c` marks it as a claim.
    press(&mut app, "c");
    assert!(matches!(app.mode(), Mode::Claim(_)));
    press(&mut app, "\n");
    let claims = app.annotations().claims();
    assert_eq!(app.document().slice(claims[0].span.clone()), "the Kremlin");
}
