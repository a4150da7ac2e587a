//! The links view of the side panel: reached with `t` only when the article
//! has links; Enter jumps to a link's text, `o` opens the selected link, a
//! click selects and jumps.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::{draw, find_on_screen, press, row_text, screen_text};
use folio::app::{App, Effect};
use folio::theme::Theme;
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

/// `path` read as `folio` reads it (HTML extracted), analysed, in a 120×40 app.
fn app_for(path: &str) -> App {
    let doc = folio::input::open(Path::new(path)).unwrap();
    common::app_with(doc, 120, 40, Theme::builtin(false))
}

/// Presses `t` until the panel's title says `Links`; at most once per view.
/// (Drawn 200 columns wide, so that any app up to that width fits.)
fn show_links(app: &mut App) -> bool {
    (0..4).any(|_| {
        press(app, "t");
        screen_text(&draw(app, 200, 40)).contains(" Links (")
    })
}

const PAGE: &str = "tests/fixtures/news-page.html";

#[test]
fn the_links_view_lists_the_pages_links_with_their_urls() {
    let mut app = app_for(PAGE);
    app.resize(200, 40);
    assert!(show_links(&mut app));
    let screen = draw(&app, 200, 40);
    let text = screen_text(&screen);
    // Only the article's two links: navigation, related and footer links are
    // dropped with the page furniture.
    assert!(text.contains(" Links (2) · Tab t "), "{text}");
    let (_, kyiv_row) = find_on_screen(&screen, "  Kyiv https://example.org/kyiv ").unwrap();
    let (_, pentagon_row) = find_on_screen(&screen, "  Pentagon /pentagon-statement ").unwrap();
    assert_eq!(pentagon_row, kyiv_row + 1);
    assert!(find_on_screen(&screen, "/subscribe").is_none());
    assert!(!row_text(&screen, kyiv_row + 2).contains('/'));
    // At 120 columns the panel is narrower: URLs are cut, never wrapped.
    app.resize(120, 40);
    let screen = draw(&app, 120, 40);
    let (_, row) = find_on_screen(&screen, "  Kyiv https://example.org/").unwrap();
    assert!(row_text(&screen, row).trim_end().ends_with('…'));
}

#[test]
fn enter_jumps_to_the_selected_link_and_o_opens_it() {
    let mut app = app_for(PAGE);
    // On the title there is no link.
    assert_eq!(app.current_link(), None);
    assert!(show_links(&mut app));
    // Tab to the panel, Enter on the first link, back to the article: the
    // cursor is now on the sentence holding "Kyiv".
    assert_eq!(press(&mut app, "\t\n"), []);
    let screen = screen_text(&draw(&app, 120, 40));
    assert!(
        screen.contains("link 1/2: https://example.org/kyiv"),
        "{screen}"
    );
    // `o` in the panel opens the selected link.
    assert_eq!(press(&mut app, "o"), [Effect::OpenLink]);
    let link = app.current_link().unwrap();
    assert_eq!(link.url, "https://example.org/kyiv");
    assert_eq!(app.document().slice(link.span.clone()), "Kyiv");
    // The main loop tells the app whether an opener took it.
    let none = std::io::Error::new(std::io::ErrorKind::NotFound, "xdg-open not found");
    app.link_opened("https://example.org/kyiv", Err(none));
    let bar = row_text(&draw(&app, 120, 40), 39);
    assert!(
        bar.contains("cannot open https://example.org/kyiv: no program to open links"),
        "{bar}"
    );
    press(&mut app, "\x1b");
    let link = app.current_link().unwrap();
    assert_eq!(link.url, "https://example.org/kyiv");

    // The second link is relative: Enter still jumps to it, `o` refuses it.
    assert_eq!(press(&mut app, "\tj\n"), []);
    assert_eq!(app.current_link().unwrap().url, "/pentagon-statement");
    assert_eq!(press(&mut app, "o"), []);
    let screen = screen_text(&draw(&app, 120, 40));
    assert!(
        screen.contains("not opening /pentagon-statement"),
        "{screen}"
    );
    press(&mut app, "\x1b");
    let link = app.current_link().unwrap();
    assert_eq!(app.document().slice(link.span.clone()), "Pentagon");
    // j stops at the last link.
    press(&mut app, "\tjjk");
    assert_eq!(app.current_link().unwrap().url, "https://example.org/kyiv");
}

#[test]
fn a_click_on_a_link_row_selects_and_jumps_to_it() {
    let mut app = app_for(PAGE);
    assert!(show_links(&mut app));
    let (x, y) = find_on_screen(&draw(&app, 120, 40), "Pentagon /pentagon").unwrap();
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    });
    let screen = screen_text(&draw(&app, 120, 40));
    assert!(screen.contains("link 2/2: /pentagon-statement"), "{screen}");
}

#[test]
fn plain_text_never_offers_a_links_view() {
    let mut app = common::sample_app();
    let titles: Vec<&str> = (0..4)
        .map(|_| {
            press(&mut app, "t");
            let screen = screen_text(&draw(&app, 120, 40));
            ["Entities", "Quotes by speaker", "Links", "Suggested"]
                .into_iter()
                .find(|name| {
                    screen.contains(&format!(" {name} · Tab t "))
                        || screen.contains(&format!(" {name} ("))
                })
                .unwrap_or("none")
        })
        .collect();
    // The sample has sentences worth checking: t also reaches their view.
    assert_eq!(
        titles,
        [
            "Quotes by speaker",
            "Suggested",
            "Entities",
            "Quotes by speaker"
        ]
    );
    assert_eq!(app.current_link(), None);
}

#[test]
fn snapshot_of_the_links_view() {
    let mut app = app_for(PAGE);
    assert!(show_links(&mut app));
    press(&mut app, "\tj");
    insta::assert_debug_snapshot!(draw(&app, 120, 40));
}
