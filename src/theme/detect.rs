//! Is the terminal's background light? Asked once at start-up, before the
//! full screen opens, so folio can pick the `light` theme when no theme is
//! configured.
//!
//! Two sources, cheapest first: the `COLORFGBG` variable some terminals set
//! (`"15;0"`: white on black), then the terminal itself through an OSC 11
//! query (via `terminal-colorsaurus`, which also sends a DA1 query that every
//! terminal answers, so a terminal that does not support OSC 11 is found out
//! at once instead of waiting out the timeout). The query is skipped when it
//! could hang or print junk: standard input or output not a terminal,
//! `TERM=dumb`, or `CI` set; and when keys typed ahead wait to be read,
//! which the query would drop.

use std::io::IsTerminal;
use std::time::Duration;

/// The longest folio waits for the terminal's answer (an SSH session may be
/// slow; a terminal that cannot answer is detected sooner by its DA1 reply).
pub const QUERY_TIMEOUT: Duration = Duration::from_millis(150);

/// Whether keys typed ahead (`folio FILE⏎]` typed in one go) wait to be
/// read. The query reads the terminal's answer from the same input and
/// drops whatever else it finds there: with keys waiting, folio keeps its
/// default theme and the keys. Looking moves them into crossterm's event
/// queue, where the reader's key thread finds them.
fn keys_waiting() -> bool {
    ratatui::crossterm::event::poll(Duration::ZERO).unwrap_or(false)
}

/// What the environment says about the background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    /// A light background: use the `light` theme.
    Light,
    /// A dark background: use the `default` theme.
    Dark,
    /// Nobody could tell.
    Unknown,
}

/// The terminal's background, from `COLORFGBG` or an OSC 11 query (see the
/// module comment for when the query is skipped). Never blocks longer than
/// [`QUERY_TIMEOUT`]; prints nothing.
pub fn background() -> Background {
    let var = |name: &str| std::env::var(name).ok();
    if let Some(found) = var("COLORFGBG").and_then(|v| from_colorfgbg(&v)) {
        return found;
    }
    let ttys = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if !may_query(ttys, var("TERM").as_deref(), var("CI").is_some()) || keys_waiting() {
        return Background::Unknown;
    }
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = QUERY_TIMEOUT;
    match terminal_colorsaurus::theme_mode(options) {
        Ok(terminal_colorsaurus::ThemeMode::Light) => Background::Light,
        Ok(terminal_colorsaurus::ThemeMode::Dark) => Background::Dark,
        Err(_) => Background::Unknown,
    }
}

/// Reads `COLORFGBG` (`"fg;bg"` or `"fg;default;bg"`, ANSI colour numbers):
/// background 7 (white) or 9–15 (bright) is light, 0–6 and 8 are dark.
pub fn from_colorfgbg(value: &str) -> Option<Background> {
    let bg: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    match bg {
        7 | 9..=15 => Some(Background::Light),
        0..=6 | 8 => Some(Background::Dark),
        _ => None,
    }
}

/// Whether an OSC 11 query is safe: both ends are terminals, the terminal
/// is not `dumb`, and we are not under CI (where nobody answers).
pub fn may_query(ttys: bool, term: Option<&str>, ci: bool) -> bool {
    ttys && !ci && term.is_some_and(|t| !t.is_empty() && t != "dumb")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colorfgbg_names_the_background_last() {
        assert_eq!(from_colorfgbg("15;0"), Some(Background::Dark));
        assert_eq!(from_colorfgbg("0;15"), Some(Background::Light));
        assert_eq!(from_colorfgbg("0;default;7"), Some(Background::Light));
        assert_eq!(from_colorfgbg("7;8"), Some(Background::Dark));
        assert_eq!(from_colorfgbg("default;default"), None);
        assert_eq!(from_colorfgbg(""), None);
        assert_eq!(from_colorfgbg("0;200"), None);
    }

    #[test]
    fn the_query_needs_two_terminals_a_real_term_and_no_ci() {
        assert!(may_query(true, Some("xterm-256color"), false));
        assert!(!may_query(false, Some("xterm-256color"), false));
        assert!(!may_query(true, Some("dumb"), false));
        assert!(!may_query(true, None, false));
        assert!(!may_query(true, Some("tmux-256color"), true));
    }
}
