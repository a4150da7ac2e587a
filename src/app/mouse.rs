//! The mouse: the wheel scrolls the pane under the pointer (or help), a
//! click in the panel selects its row and jumps to it, a click on the article
//! puts the cursor there (on a quotation: that quotation; on a name: its
//! entity), and a drag on the article selects whole words, as `v` does.

use std::ops::Range;

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position as Cell, Rect};

use super::selection::{Selection, word_after, word_before};
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
                MouseEventKind::ScrollDown => {
                    *scroll = (*scroll + WHEEL_LINES).min(self.help_max_scroll.get());
                }
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
                    self.drag_from = None;
                    self.click_panel(cell)
                } else {
                    self.drag_from = self.article_byte_at(cell);
                    self.click_article(cell);
                    None
                }
            }
            MouseEventKind::Drag(MouseButton::Left) => {
                self.drag_to(cell);
                None
            }
            MouseEventKind::Up(MouseButton::Left) => {
                self.drag_from = None;
                None
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
        let selected = self.select_panel_row(offset, height);
        if selected {
            self.update(Action::PanelJump)
        } else {
            None
        }
    }

    /// The panel's list as drawn: without its last rows while the view
    /// shows a footer there (why the selected entity got its type).
    fn panel_list_area(&self) -> Rect {
        let list = self.areas.panel_list();
        let footer = self.panel_footer_rows(list.width, list.height).len();
        Rect {
            height: list.height - u16::try_from(footer).unwrap_or(0),
            ..list
        }
    }

    /// Puts the reader at the text under `cell`: the sentence cursor there,
    /// the innermost quotation around it as the target, and the entity of a
    /// name under it selected (in the panel too).
    fn click_article(&mut self, cell: Cell) {
        let Some(byte) = self.article_byte_at(cell) else {
            return;
        };
        self.selection = None;
        self.focus = Context::Article;
        self.forget_picks();
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
            self.panels.entities.select_entity(i);
            self.message = Some(message);
        }
    }

    /// The byte offset of the article text drawn at `cell`, if text is there.
    fn article_byte_at(&self, cell: Cell) -> Option<usize> {
        let text = self.areas.text;
        if !text.contains(cell) {
            return None;
        }
        let (row, column) = (usize::from(cell.y - text.y), usize::from(cell.x - text.x));
        self.layout().byte_at_cell(self.top, row, column)
    }

    /// A drag with the left button held to `cell`: selects from the word
    /// where it started to the word under the pointer (the same selection
    /// `v` makes, so `c`, `T` and `E` act on it).
    fn drag_to(&mut self, cell: Cell) {
        let (Some(from), Some(to)) = (self.drag_from, self.article_byte_at(cell)) else {
            return;
        };
        let text = self.doc.text();
        let (anchor, head) = (unit_at(text, from), unit_at(text, to));
        if anchor.is_empty() || head.is_empty() {
            return;
        }
        self.selection = Some(Selection { anchor, head });
        self.focus = Context::Select;
    }
}

/// The word around byte `byte` of `text`, or the one char there when it is
/// not in a word (empty at the end of the text).
fn unit_at(text: &str, byte: usize) -> Range<usize> {
    let next = text
        .get(byte..)
        .and_then(|rest| rest.chars().next())
        .map_or(byte, |c| byte + c.len_utf8());
    // The word's start is found looking back from here, its end forward.
    word_before(text, next)
        .filter(|word| word.contains(&byte))
        .and_then(|word| word_after(text, word.start))
        .unwrap_or(byte..next)
}
