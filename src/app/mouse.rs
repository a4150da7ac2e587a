//! The mouse: the wheel scrolls the pane under the pointer (or help), a
//! click in the panel selects its row and jumps to it, a click on the article
//! puts the cursor there (on a quotation: that quotation; on a name: its
//! entity).

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position as Cell, Rect};

use super::panel::{PanelView, first_shown};
use super::{Action, App, Effect, Mode, Target};
use crate::keymap::Context;

/// Lines one wheel notch scrolls the article.
const WHEEL_LINES: usize = 3;

impl App {
    /// Handles one mouse event (cells counted from the terminal's top-left);
    /// returns what the main loop must do. In help the wheel scrolls and a
    /// click closes it; forms ignore the mouse (they keep the keyboard's
    /// focus).
    pub fn handle_mouse(&mut self, event: MouseEvent) -> Option<Effect> {
        if let Mode::Help { scroll } = &mut self.mode {
            match event.kind {
                MouseEventKind::ScrollDown => *scroll += WHEEL_LINES,
                MouseEventKind::ScrollUp => *scroll = scroll.saturating_sub(WHEEL_LINES),
                MouseEventKind::Down(_) => self.mode = Mode::Normal,
                _ => {}
            }
            return None;
        }
        if self.mode != Mode::Normal {
            return None;
        }
        let cell = Cell::new(event.column, event.row);
        let in_panel = self.areas.has_panel() && self.areas.panel.contains(cell);
        match event.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = event.kind == MouseEventKind::ScrollDown;
                self.pending_keys.clear();
                if in_panel {
                    self.update(if down {
                        Action::PanelNext
                    } else {
                        Action::PanelPrev
                    })
                } else if self.areas.article.contains(cell) {
                    let action = if down {
                        Action::ScrollDown
                    } else {
                        Action::ScrollUp
                    };
                    (0..WHEEL_LINES).find_map(|_| self.update(action))
                } else {
                    None
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.pending_keys.clear();
                self.message = None;
                if in_panel {
                    self.click_panel(cell)
                } else {
                    self.click_article(cell);
                    None
                }
            }
            _ => None,
        }
    }

    /// Selects the panel row under `cell` and jumps to it (an entity's next
    /// mention, or the quotation).
    fn click_panel(&mut self, cell: Cell) -> Option<Effect> {
        let list = self.panel_list_area();
        if !list.contains(cell) {
            return None;
        }
        let height = usize::from(list.height);
        let offset = usize::from(cell.y - list.y);
        let selected = match self.panel_view {
            PanelView::Entities => {
                let row = first_shown(self.panel.selected, height) + offset;
                self.panel.select_row(row)
            }
            PanelView::Quotes => {
                let row = first_shown(self.quote_panel.selected, height) + offset;
                self.quote_panel.select_row(row)
            }
            PanelView::AllArticles => self.corpus.as_mut().is_some_and(|corpus| {
                let row = first_shown(corpus.selected, height) + offset;
                corpus.select_row(row)
            }),
        };
        if selected {
            self.update(Action::PanelJump)
        } else {
            None
        }
    }

    /// The panel's list as drawn: without its last row while the panel has
    /// the focus and shows why the selected entity got its type.
    fn panel_list_area(&self) -> Rect {
        let list = self.areas.panel_list();
        let detail = self.focus == Context::Panel
            && self.panel_view == PanelView::Entities
            && list.height > 2
            && self
                .panel
                .selected_entity()
                .is_some_and(|e| self.analysis.as_ref().is_some_and(|a| e < a.entities.len()));
        if detail {
            Rect {
                height: list.height - 1,
                ..list
            }
        } else {
            list
        }
    }

    /// Puts the reader at the text under `cell`: the sentence cursor there,
    /// the innermost quotation around it as the target, and the entity of a
    /// name under it selected (in the panel too).
    fn click_article(&mut self, cell: Cell) {
        let text = self.areas.text;
        if !text.contains(cell) {
            return;
        }
        self.focus = Context::Article;
        let (row, column) = (usize::from(cell.y - text.y), usize::from(cell.x - text.x));
        let top = self.top;
        let Some(byte) = self.layout().byte_at_cell(top, row, column) else {
            return;
        };
        let Some(analysis) = &self.analysis else {
            return;
        };
        let sentences = &analysis.sentences;
        self.sentence = sentences
            .partition_point(|s| s.end <= byte)
            .min(sentences.len().saturating_sub(1));
        self.target = analysis
            .quotations
            .iter()
            .enumerate()
            .filter(|(_, q)| q.span.contains(&byte))
            .min_by_key(|(_, q)| q.span.len())
            .map_or(Target::Sentence, |(i, _)| Target::Quote(i));
        let mention = self
            .mentions
            .iter()
            .find(|(m, _)| m.contains(&byte))
            .map(|(m, _)| m.clone());
        let entity = mention.as_ref().and_then(|m| {
            let (i, e) = analysis
                .entities
                .iter()
                .enumerate()
                .find(|(_, e)| e.mentions.contains(m))?;
            let nth = e.mentions.iter().position(|x| x == m).unwrap_or(0) + 1;
            Some((i, format!("{}: mention {nth}/{}", e.name, e.mentions.len())))
        });
        self.selected_mention = mention;
        if let Some((i, message)) = entity {
            self.panel.select_entity(i);
            self.message = Some(message);
        }
    }
}
