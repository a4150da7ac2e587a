//! Where each part of the screen goes, for a given terminal size.

use ratatui::layout::Rect;

/// Below this width folio shows only "window too small".
pub const MIN_WIDTH: u16 = 30;
/// Below this height folio shows only "window too small".
pub const MIN_HEIGHT: u16 = 6;
/// The article text is never wider than this many columns (readable measure).
pub const MAX_TEXT_WIDTH: u16 = 100;
/// The side panel is shown from this terminal width up.
pub const PANEL_MIN_TERMINAL_WIDTH: u16 = 80;

/// The article pane keeps at least this many columns when the panel has a
/// configured width.
pub const MIN_ARTICLE_WIDTH: u16 = 40;

/// The reader's layout settings (`config.toml`: `panel_width`, `text_width`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutPrefs {
    /// Panel width in columns (0: no panel); `None`: a quarter of the window,
    /// 26 to 36 columns, from [`PANEL_MIN_TERMINAL_WIDTH`] up.
    pub panel_width: Option<u16>,
    /// The widest the article text gets, in columns.
    pub text_width: u16,
}

impl Default for LayoutPrefs {
    fn default() -> Self {
        Self {
            panel_width: None,
            text_width: MAX_TEXT_WIDTH,
        }
    }
}

/// The screen's parts, in terminal cells.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    /// The whole terminal.
    pub whole: Rect,
    /// The article pane (left).
    pub article: Rect,
    /// Where article text is drawn: inside the pane, with margins, at most
    /// [`MAX_TEXT_WIDTH`] (or the configured width) wide, centred in the
    /// pane when the pane is wider.
    pub text: Rect,
    /// The entity panel (right), when the terminal is wide enough.
    pub panel: Rect,
    /// The status bar (bottom row).
    pub status: Rect,
}

impl Areas {
    /// Splits `whole` into article, panel and status bar. Any size works; a
    /// size below the minimum gives empty areas (see [`Areas::too_small`]).
    pub fn new(whole: Rect) -> Self {
        Self::with_prefs(whole, LayoutPrefs::default())
    }

    /// Like [`Areas::new`], with the reader's panel and text widths. A
    /// configured panel is shown while the article keeps
    /// [`MIN_ARTICLE_WIDTH`] columns.
    pub fn with_prefs(whole: Rect, prefs: LayoutPrefs) -> Self {
        if whole.width < MIN_WIDTH || whole.height < MIN_HEIGHT {
            return Self {
                whole,
                ..Self::default()
            };
        }
        let body_height = whole.height - 1;
        let panel_width = match prefs.panel_width {
            Some(width) if whole.width >= width.saturating_add(MIN_ARTICLE_WIDTH) => width,
            Some(_) => 0,
            None if whole.width >= PANEL_MIN_TERMINAL_WIDTH => (whole.width / 4).clamp(26, 36),
            None => 0,
        };
        let article = Rect::new(whole.x, whole.y, whole.width - panel_width, body_height);
        let panel = Rect::new(article.right(), whole.y, panel_width, body_height);
        let status = Rect::new(whole.x, whole.y + body_height, whole.width, 1);
        let margin = 2;
        let text_width = article
            .width
            .saturating_sub(2 * margin)
            .min(prefs.text_width.max(1));
        // Wider than the readable measure, the text column sits in the
        // middle of the pane rather than leaving the gap before the panel.
        let spare = article.width.saturating_sub(2 * margin + text_width);
        let text = Rect::new(
            article.x + margin + spare / 2,
            article.y + 1,
            text_width,
            article.height.saturating_sub(1),
        );
        Self {
            whole,
            article,
            text,
            panel,
            status,
        }
    }

    /// Whether the terminal is below the minimum size.
    pub fn too_small(&self) -> bool {
        self.status.height == 0
    }

    /// Whether the panel is shown.
    pub fn has_panel(&self) -> bool {
        self.panel.width > 0
    }

    /// Where the panel's list is drawn: inside its left border, below its
    /// title row (empty without a panel).
    pub fn panel_list(&self) -> Rect {
        if !self.has_panel() {
            return Rect::default();
        }
        let p = self.panel;
        Rect::new(p.x + 1, p.y + 1, p.width - 1, p.height.saturating_sub(1))
    }

    /// Width of the article text in columns (at least 1).
    pub fn text_width(&self) -> usize {
        usize::from(self.text.width.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminal_gets_panel_and_readable_text_width() {
        let areas = Areas::new(Rect::new(0, 0, 200, 50));
        assert_eq!(areas.panel.width, 36);
        assert_eq!(areas.text.width, MAX_TEXT_WIDTH);
        // Centred in the 164-column pane: 32 columns either side.
        assert_eq!(areas.text.x, 32);
        assert_eq!(areas.article.right() - areas.text.right(), 32);
        assert_eq!(areas.status, Rect::new(0, 49, 200, 1));
        let areas = Areas::new(Rect::new(0, 0, 120, 40));
        assert_eq!(
            (areas.article.width, areas.panel.width, areas.text.width),
            (90, 30, 86)
        );
    }

    #[test]
    fn the_panel_list_is_inside_the_drawn_block() {
        let areas = Areas::new(Rect::new(0, 0, 120, 40));
        let block = ratatui::widgets::Block::new()
            .borders(ratatui::widgets::Borders::LEFT)
            .title(" Entities ");
        assert_eq!(areas.panel_list(), block.inner(areas.panel));
        assert_eq!(
            Areas::new(Rect::new(0, 0, 60, 20)).panel_list(),
            Rect::default()
        );
    }

    #[test]
    fn configured_widths_are_kept_while_the_article_has_room() {
        let prefs = LayoutPrefs {
            panel_width: Some(50),
            text_width: 60,
        };
        let areas = Areas::with_prefs(Rect::new(0, 0, 120, 40), prefs);
        assert_eq!((areas.panel.width, areas.text.width), (50, 60));
        // 80 columns leave only 30 for the article: the panel goes.
        let areas = Areas::with_prefs(Rect::new(0, 0, 80, 40), prefs);
        assert_eq!((areas.panel.width, areas.text.width), (0, 60));
        let none = LayoutPrefs {
            panel_width: Some(0),
            ..prefs
        };
        assert!(!Areas::with_prefs(Rect::new(0, 0, 200, 40), none).has_panel());
    }

    #[test]
    fn narrow_terminal_drops_the_panel_and_tiny_one_is_too_small() {
        assert!(!Areas::new(Rect::new(0, 0, 60, 20)).has_panel());
        assert!(Areas::new(Rect::new(0, 0, 29, 20)).too_small());
        assert!(Areas::new(Rect::new(0, 0, 0, 0)).too_small());
    }
}
