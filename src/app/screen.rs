//! The terminal's size: the screen's areas, the wrap width, and the row
//! arithmetic over the article at that width.

use super::App;
use super::scroll::Layout;
use crate::keymap::Context;
use crate::layout::Areas;

impl App {
    /// Sets the terminal size in cells; call before drawing and on every resize.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.areas = Areas::with_prefs(
            ratatui::layout::Rect::new(0, 0, width, height),
            self.layout_prefs,
        );
        let paragraphs = self.doc.paragraphs().len();
        self.wrap_cache
            .get_mut()
            .set_width(self.areas.text_width(), paragraphs);
        let top = self.layout().clamp_top(self.top, self.page_height());
        self.top = top;
        // A panel too narrow to show keeps no focus: the keys go back to
        // the article, not to a view the reader cannot see.
        if self.focus == Context::Panel && !self.areas.has_panel() {
            self.focus = Context::Article;
        }
    }

    /// Row arithmetic over the article at the current width. Keep it short-lived:
    /// it borrows the wrap cache.
    pub(crate) fn layout(&self) -> Layout<'_> {
        Layout::new(&self.doc, self.wrap_cache.borrow_mut())
    }

    /// Rows of the article pane.
    pub(crate) fn page_height(&self) -> usize {
        usize::from(self.areas.text.height)
    }
}
