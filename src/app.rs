//! The application state and how user intents change it.
//!
//! [`App`] holds everything on screen; keys become [`Action`]s through the
//! keymap (or edit a field in a text mode); [`App::update`] applies one action
//! and may return an [`Effect`] for the main loop to perform (saving, quitting),
//! so the state logic is pure and testable without a terminal.

pub use crate::action;
mod accessors;
pub mod claim_form;
mod claims;
mod correcting;
pub mod correction_form;
mod keys;
pub mod line_input;
pub mod links;
mod mouse;
pub mod note_editor;
pub mod panel;
mod report;
pub use report::{write_report, write_report_beside};
mod saving;
mod screen;
pub mod scroll;
pub mod search;
pub mod selection;
pub mod speaker_form;
mod speakers;
mod suggestions;
mod update;

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

pub use crate::action::Action;
use claim_form::ClaimForm;
use correction_form::CorrectionForm;
use line_input::LineInput;
use panel::Panels;
pub use panel::corpus;
use scroll::{Position, WrapCache};
use selection::Selection;
use speaker_form::SpeakerForm;

use crate::analysis::{Analysis, EntityKind};
use crate::annotations::file::{AnnotationFile, FileError};
use crate::annotations::history::History;
use crate::annotations::{Annotations, ClaimVocabulary, anchor};
use crate::document::Document;
use crate::keymap::{Context, KeyPress, Keymap};
use crate::layout::{Areas, LayoutPrefs};
use crate::theme::Theme;

/// What the main loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Write the annotation file now.
    Save,
    /// Leave folio.
    Quit,
    /// Open [`App::current_link`] with the system opener.
    OpenLink,
    /// Show the next open article (several files were given).
    NextArticle,
    /// Show the previous open article.
    PrevArticle,
    /// Show open article `article` (an index in the order the articles were
    /// given) at a mention of all-articles entity `entity`; the main loop
    /// then calls [`App::show_corpus_entity`] on that article's app.
    ShowInArticle {
        /// The open article to show.
        article: usize,
        /// An index into [`corpus::CorpusPanel::entities`].
        entity: usize,
    },
    /// Show open article `article` (an index in the order the articles were
    /// given) at its claim `claim` (an index into its claims); the main
    /// loop then calls [`App::show_claim`] on that article's app.
    ShowClaimInArticle {
        /// The open article to show.
        article: usize,
        /// An index into that article's claims.
        claim: usize,
    },
    /// Write the fact-check report ([`App::report`]) beside the annotation
    /// file, then tell the app with [`App::report_written`].
    WriteReport,
    /// Hand the terminal back to the shell and stop until continued.
    Suspend,
}

/// Which screen has the keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Reading: keys go through the keymap (article or panel context).
    Normal,
    /// The help overlay, scrolled down `scroll` rows.
    Help {
        /// First help row shown.
        scroll: usize,
    },
    /// Typing a search query.
    Search(LineInput),
    /// The claim form.
    Claim(Box<ClaimForm>),
    /// Choosing the speaker of a quotation.
    Speaker(SpeakerForm),
    /// Correcting entities: tagging a selection or fixing a mention.
    Correction(Box<CorrectionForm>),
}

/// What the reader last moved to; `c` and `d` act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The sentence under the sentence cursor.
    Sentence,
    /// Quotation `i` (index into [`Analysis::quotations`]).
    Quote(usize),
    /// Claim `i` (index into [`Annotations::claims`]).
    Claim(usize),
}

/// Whether the reader's work is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing changed since opening.
    Unchanged,
    /// Every change is on disk.
    Saved,
    /// A change is waiting for the main loop to save it.
    Pending,
    /// The last save failed; the message says why.
    Failed(String),
    /// The annotation file could not be read; folio will not overwrite it.
    ReadOnly(String),
}

/// The current search: its query, matches (byte ranges) and which one is current.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchState {
    /// What the reader typed.
    pub query: String,
    /// Matches in order.
    pub matches: Vec<Range<usize>>,
    /// Index into `matches`.
    pub current: usize,
    /// Whether the current match is still the newest place the reader went
    /// to (`v` and `E` start there); any later move clears it.
    pub at_cursor: bool,
}

/// Everything folio shows and remembers while it runs.
#[derive(Debug)]
pub struct App {
    pub(crate) doc: Arc<Document>,
    /// The analysis as folio made it, before the reader's corrections.
    pub(crate) raw_analysis: Option<Analysis>,
    /// Whether the entities changed (a correction, undone or redone) since
    /// the main loop last asked ([`App::take_entities_changed`]).
    pub(crate) entities_changed: bool,
    /// The analysis with the reader's corrections applied: what is shown.
    pub(crate) analysis: Option<Analysis>,
    pub(crate) annotations: Annotations,
    pub(crate) history: History<Annotations>,
    pub(crate) theme: Theme,
    pub(crate) keymap: Keymap,
    pub(crate) mode: Mode,
    pub(crate) focus: Context,
    pub(crate) areas: Areas,
    pub(crate) layout_prefs: LayoutPrefs,
    pub(crate) top: Position,
    pub(crate) wrap_cache: RefCell<WrapCache>,
    pub(crate) sentence: usize,
    pub(crate) target: Target,
    pub(crate) search: Option<SearchState>,
    /// A long article's search thread, while it runs.
    pub(crate) searcher: search::Searcher,
    /// The side panel's views and which one is shown.
    pub(crate) panels: Panels,
    pub(crate) selected_mention: Option<Range<usize>>,
    /// The keyboard selection, while one is being made (focus `Select`).
    pub(crate) selection: Option<Selection>,
    /// Byte offset in the article where the left button went down, while it
    /// is held: a drag from there selects text.
    pub(crate) drag_from: Option<usize>,
    /// Every entity mention (byte range, kind), sorted: the article view's index.
    pub(crate) mentions: Vec<(Range<usize>, EntityKind)>,
    pub(crate) save_state: SaveState,
    pub(crate) message: Option<String>,
    /// The last message shown, kept after a key clears it: help (`?`)
    /// shows it again, whole.
    pub(crate) last_message: Option<String>,
    pub(crate) analysis_progress: u32,
    /// The article's name for the status bar (`001.txt`, or `2/3 b.html`
    /// when several are open).
    pub(crate) article_label: Option<String>,
    /// `q` was pressed once while a change was unsaved; a second `q` quits.
    pub(crate) quit_armed: bool,
    /// The labels and verdicts the claim form offers.
    pub(crate) vocabulary: ClaimVocabulary,
    /// The keys typed so far of a sequence that is not complete (`g` of `g g`).
    pub(crate) pending_keys: Vec<KeyPress>,
    /// Whether the margin marks the sentences worth checking (`S`).
    pub(crate) show_suggestions: bool,
    /// How far the help can scroll down (rows), as its last drawing
    /// found: `j` stops there instead of counting on unseen.
    pub(crate) help_max_scroll: std::cell::Cell<usize>,
    /// Whether this shows the first bytes of a large article while the
    /// rest is read: nothing made here could be kept (see
    /// [`App::into_preview`]).
    pub(crate) preview: bool,
    /// The orphaned claim (its id) that the next claim form attaches to
    /// the words it is opened on (`c` on an orphan in the claims view).
    pub(crate) attaching: Option<String>,
    now: fn() -> toml::value::Datetime,
}

impl App {
    /// An app showing `doc` (shared with the analysis thread), with the annotation file as it was read (`Ok(None)`
    /// when there is none yet; an error makes annotations read-only).
    pub fn new(
        doc: impl Into<Arc<Document>>,
        annotation_file: Result<Option<AnnotationFile>, FileError>,
        theme: Theme,
        keymap: Keymap,
    ) -> Self {
        let doc = doc.into();
        let (annotations, moved, save_state) = match annotation_file {
            Ok(Some(file)) => {
                let (annotations, moved) = anchor::reanchor(&doc, &file);
                (annotations, moved, SaveState::Unchanged)
            }
            Ok(None) => (Annotations::default(), Vec::new(), SaveState::Unchanged),
            Err(err) => (
                Annotations::default(),
                Vec::new(),
                SaveState::ReadOnly(err.to_string()),
            ),
        };
        let message = match (&save_state, moved.as_slice()) {
            (SaveState::ReadOnly(why), _) => Some(format!("annotations are read-only: {why}")),
            (_, []) => doc.warnings().first().cloned(),
            (_, [one]) => Some(format!(
                "claim {} was found at another place, among other words: check it is still your claim",
                crate::safe_text::safe_line(one)
            )),
            (_, many) => Some(format!(
                "claims {} were found at other places, among other words: check they are still your claims",
                crate::safe_text::safe_line(&many.join(", "))
            )),
        };
        let mut app = Self {
            doc,
            raw_analysis: None,
            entities_changed: false,
            analysis: None,
            annotations,
            history: History::default(),
            theme,
            keymap,
            mode: Mode::Normal,
            focus: Context::Article,
            areas: Areas::default(),
            layout_prefs: LayoutPrefs::default(),
            top: Position::default(),
            wrap_cache: RefCell::new(WrapCache::default()),
            sentence: 0,
            target: Target::Sentence,
            search: None,
            searcher: search::Searcher::default(),
            panels: Panels::default(),
            selected_mention: None,
            selection: None,
            drag_from: None,
            mentions: Vec::new(),
            save_state,
            message,
            last_message: None,
            analysis_progress: 0,
            article_label: None,
            quit_armed: false,
            vocabulary: ClaimVocabulary::default(),
            pending_keys: Vec::new(),
            show_suggestions: false,
            help_max_scroll: std::cell::Cell::new(0),
            preview: false,
            attaching: None,
            now: utc_now,
        };
        app.refresh_panels();
        app.show_reanchored_claims();
        app
    }

    /// Offers `vocabulary`'s labels and verdicts in the claim form (from the
    /// reader's config file) instead of the defaults.
    pub fn with_vocabulary(mut self, vocabulary: ClaimVocabulary) -> Self {
        self.vocabulary = vocabulary;
        self
    }

    /// Uses `now` instead of the system clock for claim timestamps (tests).
    pub fn with_clock(mut self, now: fn() -> toml::value::Datetime) -> Self {
        self.now = now;
        self
    }

    /// Makes this the preview of a large article being read: it scrolls
    /// and searches, but refuses claims, corrections and the report, which
    /// the article's own session, opened once it is all read, would not
    /// have.
    pub fn into_preview(mut self) -> Self {
        self.preview = true;
        self
    }

    /// Uses the reader's panel and text widths (call [`App::resize`] after).
    pub fn with_layout(mut self, prefs: LayoutPrefs) -> Self {
        self.layout_prefs = prefs;
        self
    }

    /// Installs the finished analysis, with the reader's corrections
    /// applied on top: colours, panel, quotations, sentences.
    pub fn set_analysis(&mut self, analysis: Analysis) {
        self.raw_analysis = Some(analysis);
        self.apply_corrections();
        self.analysis_progress = 1000;
        self.sentence = 0;
    }

    /// Names this article (`001.txt`), or places it among several open
    /// ones (`2/3 tech/001.txt`); the status bar shows it.
    pub fn set_article_label(&mut self, label: String) {
        self.article_label = Some(label);
    }

    /// Sets the entities of every open article (the panel's all-articles
    /// view), keeping the selected entity when it is still listed; `here`
    /// is this article's index among them, in the order they were given.
    pub fn set_corpus(&mut self, corpus: corpus::CorpusPanel, here: usize) {
        self.panels.corpus.set(corpus, here);
    }

    /// Whether the entities changed since the last call: the main loop
    /// then rebuilds the all-articles view of every open article.
    pub fn take_entities_changed(&mut self) -> bool {
        std::mem::take(&mut self.entities_changed)
    }

    /// Records how far a background analysis has got (permille).
    pub fn set_analysis_progress(&mut self, permille: u32) {
        self.analysis_progress = permille;
    }
}

/// The current time, UTC, to the second.
fn utc_now() -> toml::value::Datetime {
    let text = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    text.parse().unwrap_or(toml::value::Datetime {
        date: None,
        time: None,
        offset: None,
    })
}
