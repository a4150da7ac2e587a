//! Whole-app tests of the shipped themes: the sample drawn with each, the
//! text and the style of every cell snapshotted (insta), and the meanings
//! checked on real cells.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{draw, find_on_screen, press, sample_app_sized, sample_app_themed};
use folio::analysis::EntityKind;
use folio::theme::Theme;
use ratatui::style::{Color, Modifier};

#[test]
fn light_theme_paints_a_light_screen_with_entities_and_the_current_quote() {
    let theme = Theme::load("light", None).unwrap();
    let mut app = sample_app_themed(120, 40, theme.clone());
    press(&mut app, "]]]");
    let buffer = draw(&app, 120, 40);
    let white = Color::Rgb(0xff, 0xff, 0xff);
    // Plain text, the panel and the blank margin all sit on the light background.
    let (x, y) = find_on_screen(&buffer, "has said he thinks").unwrap();
    assert_eq!((buffer[(x, y)].bg, buffer[(0, 0)].bg), (white, white));
    let (x, y) = find_on_screen(&buffer, "Emmanuel Macron").unwrap();
    assert_eq!(
        buffer[(x, y)].fg,
        theme.entity(EntityKind::Person, false).fg.unwrap()
    );
    assert_ne!(buffer[(x, y)].fg, white);
    // The third quotation is the current one: its own background, in italics.
    let (x, y) = find_on_screen(&buffer, "geopolitical objective").unwrap();
    assert_eq!(buffer[(x, y)].bg, theme.quote(true).bg.unwrap());
    assert!(buffer[(x, y)].modifier.contains(Modifier::ITALIC));
    insta::assert_debug_snapshot!(buffer);
}

#[test]
fn high_contrast_theme_draws_white_on_black_with_modifiers() {
    let theme = Theme::load("high-contrast", None).unwrap();
    let mut app = sample_app_themed(120, 40, theme);
    press(&mut app, "]]]");
    let buffer = draw(&app, 120, 40);
    let (x, y) = find_on_screen(&buffer, "has said he thinks").unwrap();
    assert_eq!(
        (buffer[(x, y)].fg, buffer[(x, y)].bg),
        (Color::Rgb(0xff, 0xff, 0xff), Color::Rgb(0, 0, 0))
    );
    let (x, y) = find_on_screen(&buffer, "geopolitical objective").unwrap();
    assert!(
        buffer[(x, y)]
            .modifier
            .contains(Modifier::ITALIC | Modifier::BOLD)
    );
    insta::assert_debug_snapshot!(buffer);
}

#[test]
fn monochrome_by_name_draws_exactly_what_no_color_draws() {
    let mut by_name = sample_app_themed(120, 40, Theme::load("monochrome", None).unwrap());
    let mut no_color = sample_app_sized(120, 40, true);
    press(&mut by_name, "]]]");
    press(&mut no_color, "]]]");
    let buffer = draw(&by_name, 120, 40);
    assert_eq!(buffer, draw(&no_color, 120, 40));
    // No colour anywhere, but the meanings are still there.
    for y in 0..40 {
        for x in 0..120 {
            assert_eq!(
                (buffer[(x, y)].fg, buffer[(x, y)].bg),
                (Color::Reset, Color::Reset)
            );
        }
    }
    let (x, y) = find_on_screen(&buffer, "Emmanuel Macron").unwrap();
    assert!(buffer[(x, y)].modifier.contains(Modifier::BOLD));
    insta::assert_debug_snapshot!(buffer);
}
