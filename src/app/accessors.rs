//! What the views and tests read of the [`App`]: the article, analysis,
//! annotations, theme, mode and the rest, through methods rather than fields.

use std::ops::Range;

use super::panel::EntitiesView;
use super::scroll::Position;
use super::selection::Selection;
use super::{App, Mode, SaveState, SearchState, Target};
use crate::analysis::{Analysis, EntityKind};
use crate::annotations::{Annotations, ClaimVocabulary};
use crate::document::Document;
use crate::keymap::{Context, KeyPress, Keymap};
use crate::layout::Areas;
use crate::theme::Theme;

impl App {
    /// The article.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The analysis, once it has finished.
    pub fn analysis(&self) -> Option<&Analysis> {
        self.analysis.as_ref()
    }

    /// The reader's annotations.
    pub fn annotations(&self) -> &Annotations {
        &self.annotations
    }

    /// Whether annotations are saved.
    pub fn save_state(&self) -> &SaveState {
        &self.save_state
    }

    /// Whether annotations may not change, because their file could not be
    /// read (folio never overwrites it) or the article is still being read
    /// (a preview); if so, says so and what to do in the status bar.
    pub(crate) fn refuse_read_only(&mut self) -> bool {
        if self.preview {
            self.message = Some(STILL_READING.to_owned());
            return true;
        }
        let SaveState::ReadOnly(why) = &self.save_state else {
            return false;
        };
        self.message = Some(format!(
            "no change can be saved until the annotation file is fixed or moved away and folio reopened: {why}"
        ));
        true
    }

    /// The panel's entities view: its rows and selection.
    pub fn panel(&self) -> &EntitiesView {
        &self.panels.entities
    }

    /// The theme views draw with.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Draws with `theme` from the next frame on (once the terminal has
    /// said its background is light, say).
    pub fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }

    /// The entity mention the reader jumped to or clicked (byte range).
    pub fn selected_mention(&self) -> Option<&Range<usize>> {
        self.selected_mention.as_ref()
    }

    /// The first keys of a sequence typed so far (`g` while `g g` is being
    /// typed); empty when no sequence is pending.
    pub fn pending_keys(&self) -> &[KeyPress] {
        &self.pending_keys
    }

    /// The current mode.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The keyboard selection, if one is being made.
    pub fn selection(&self) -> Option<&Selection> {
        self.selection.as_ref()
    }

    /// The screen's areas at the current size.
    pub fn areas(&self) -> Areas {
        self.areas
    }

    /// Which part of the screen has the keyboard (article, panel, selection).
    pub fn focus(&self) -> Context {
        self.focus
    }

    /// How far the background analysis has got (permille).
    pub fn analysis_progress(&self) -> u32 {
        self.analysis_progress
    }

    /// The message in the status bar, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The last message shown (help shows it again, whole).
    pub fn last_message(&self) -> Option<&str> {
        self.last_message.as_deref()
    }

    /// The article's name for the status bar, when set.
    pub fn article_label(&self) -> Option<&str> {
        self.article_label.as_deref()
    }

    /// The keys (help lists them).
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// The article row at the top of the screen.
    pub fn top(&self) -> Position {
        self.top
    }

    /// What the reader last moved to (`c` and `d` act on it).
    pub fn target(&self) -> Target {
        self.target
    }

    /// The current search, if any.
    pub fn search(&self) -> Option<&SearchState> {
        self.search.as_ref()
    }

    /// The sentence under the cursor (index into the analysis' sentences).
    pub fn sentence(&self) -> usize {
        self.sentence
    }

    /// Every entity mention (byte range, kind), sorted by start.
    pub fn mentions(&self) -> &[(Range<usize>, EntityKind)] {
        &self.mentions
    }

    /// The labels and verdicts the claim form offers, in order.
    pub fn vocabulary(&self) -> &ClaimVocabulary {
        &self.vocabulary
    }
}

/// What a key that needs the analysis says before it is in.
pub(crate) const STILL_ANALYSING: &str = "still analysing…";

/// What a preview says to a key that would annotate or report.
pub(crate) const STILL_READING: &str =
    "still reading the article: claims, corrections and the report wait until all of it is in";
