//! The application state and how user intents change it.
//!
//! [`App`] holds everything on screen; keys become [`Action`]s through the
//! keymap (or edit a field in a text mode); [`App::update`] applies one action
//! and may return an [`Effect`] for the main loop to perform (saving, quitting),
//! so the state logic is pure and testable without a terminal.

pub use crate::action;
pub mod claim_form;
mod claims;
mod correcting;
pub mod correction_form;
pub mod line_input;
pub mod links;
mod mouse;
pub mod note_editor;
pub mod panel;
mod report;
pub mod scroll;
pub mod search;
pub mod selection;
pub mod speaker_form;
mod suggestions;
mod update;

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use crate::action::Action;
use claim_form::{ClaimForm, FormOutcome};
use correction_form::{CorrectionForm, CorrectionOutcome};
use line_input::LineInput;
pub use panel::corpus;
use panel::{EntitiesView, Panels};
use scroll::{Layout, Position, WrapCache};
use selection::Selection;
use speaker_form::{SpeakerForm, SpeakerOutcome};

use crate::analysis::{Analysis, EntityKind};
use crate::annotations::file::{AnnotationFile, FileError};
use crate::annotations::history::History;
use crate::annotations::{Annotations, ClaimVocabulary, anchor, export};
use crate::document::Document;
use crate::keymap::{Context, KeyPress, Keymap, Lookup};
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
    /// Write the fact-check report ([`App::report`]) beside the annotation
    /// file, then tell the app with [`App::report_written`].
    WriteReport,
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
        let (annotations, save_state) = match annotation_file {
            Ok(Some(file)) => (anchor::claims_from_file(&doc, &file), SaveState::Unchanged),
            Ok(None) => (Annotations::default(), SaveState::Unchanged),
            Err(err) => (Annotations::default(), SaveState::ReadOnly(err.to_string())),
        };
        let message = match &save_state {
            SaveState::ReadOnly(why) => Some(format!("annotations are read-only: {why}")),
            _ => doc.warnings().first().cloned(),
        };
        let mut app = Self {
            doc,
            raw_analysis: None,
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
    /// view), keeping the selected entity when it is still listed.
    pub fn set_corpus(&mut self, corpus: corpus::CorpusPanel) {
        self.panels.corpus.set(corpus);
    }

    /// Records how far a background analysis has got (permille).
    pub fn set_analysis_progress(&mut self, permille: u32) {
        self.analysis_progress = permille;
    }

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

    /// The panel's entities view: its rows and selection.
    pub fn panel(&self) -> &EntitiesView {
        &self.panels.entities
    }

    /// The theme views draw with.
    pub fn theme(&self) -> &Theme {
        &self.theme
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

    /// The annotation file as saved beside the article: the reader's work
    /// (claims), not what folio recomputes on every open, so saves stay small
    /// and a newer recogniser does not rewrite files kept in git.
    pub fn sidecar_file(&self) -> AnnotationFile {
        export::to_file(&self.doc, None, &self.annotations)
    }

    /// Everything, as `folio export` prints it: entities and quotations (once
    /// analysis has finished) as well as claims.
    pub fn export_file(&self) -> AnnotationFile {
        export::to_file(&self.doc, self.analysis.as_ref(), &self.annotations)
    }

    /// Tells the app the result of performing [`Effect::Save`].
    pub fn saved(&mut self, result: Result<(), FileError>) {
        self.save_state = match result {
            Ok(()) => SaveState::Saved,
            Err(err) => {
                self.message = Some(err.to_string());
                SaveState::Failed(err.to_string())
            }
        };
    }

    /// Shows `message` in the status bar until the next key, after any
    /// message already there.
    pub fn notify(&mut self, message: impl Into<String>) {
        let message = message.into();
        self.message = Some(match self.message.take() {
            Some(first) => format!("{first} · {message}"),
            None => message,
        });
    }

    /// Why the reader's last change is not on disk, if it is not.
    pub fn unsaved_reason(&self) -> Option<&str> {
        match &self.save_state {
            SaveState::Failed(why) => Some(why),
            SaveState::Pending => Some("a save was still pending"),
            _ => None,
        }
    }

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
        let max_top = self.layout().bottom_top(self.page_height());
        self.top = self.top.min(max_top);
    }

    /// Handles one key press and returns what the main loop must do.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Effect> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if let Some(shown) = self.message.take() {
            self.last_message = Some(shown);
        }
        let quit_armed = std::mem::take(&mut self.quit_armed);
        match &mut self.mode {
            Mode::Normal => {
                let mut keys = std::mem::take(&mut self.pending_keys);
                keys.push(KeyPress::from_event(key));
                match self.keymap.lookup(self.focus, &keys) {
                    Lookup::Action(Action::Quit) if quit_armed => Some(Effect::Quit),
                    Lookup::Action(action) => self.update(action),
                    Lookup::Prefix => {
                        self.pending_keys = keys;
                        self.quit_armed = quit_armed;
                        None
                    }
                    Lookup::Unbound => {
                        if keys.len() > 1 && key.code != KeyCode::Esc {
                            let typed = KeyPress::sequence_name(&keys);
                            let help = self.key_hint(Action::Help);
                            self.message =
                                Some(format!("{typed} is not bound ({help} lists the keys)"));
                        }
                        None
                    }
                }
            }
            Mode::Help { scroll } => {
                match key.code {
                    KeyCode::Char('j') | KeyCode::Down => *scroll += 1,
                    KeyCode::Char('k') | KeyCode::Up => *scroll = scroll.saturating_sub(1),
                    _ => self.mode = Mode::Normal,
                }
                None
            }
            Mode::Search(input) => {
                match key.code {
                    KeyCode::Enter => {
                        let query = input.text().to_owned();
                        self.mode = Mode::Normal;
                        self.run_search(query);
                    }
                    KeyCode::Esc => self.mode = Mode::Normal,
                    _ if key.modifiers.contains(KeyModifiers::ALT) => self.mode = Mode::Normal,
                    _ => {
                        input.handle_key(key);
                    }
                }
                None
            }
            Mode::Speaker(form) => {
                let Some(analysis) = &self.analysis else {
                    self.mode = Mode::Normal;
                    return None;
                };
                match form.handle_key(key, analysis) {
                    SpeakerOutcome::Choosing => None,
                    SpeakerOutcome::Cancel => {
                        self.mode = Mode::Normal;
                        None
                    }
                    SpeakerOutcome::Set(fix) => {
                        self.mode = Mode::Normal;
                        self.set_speaker(fix)
                    }
                }
            }
            Mode::Correction(form) => {
                let Some(analysis) = &self.analysis else {
                    self.mode = Mode::Normal;
                    return None;
                };
                match form.handle_key(key, analysis) {
                    CorrectionOutcome::Choosing => None,
                    CorrectionOutcome::Cancel => {
                        self.mode = Mode::Normal;
                        None
                    }
                    CorrectionOutcome::Done(correction) => {
                        self.mode = Mode::Normal;
                        self.correct(correction)
                    }
                }
            }
            Mode::Claim(form) => match form.handle_key(key) {
                FormOutcome::Editing => None,
                FormOutcome::Cancel => {
                    self.mode = Mode::Normal;
                    None
                }
                FormOutcome::Submit => {
                    let form = form.as_ref().clone();
                    self.mode = Mode::Normal;
                    self.submit_claim(&form)
                }
            },
        }
    }

    /// Handles pasted text: it goes into the search prompt or the claim
    /// note when one is open, and is ignored otherwise (never run as keys).
    pub fn handle_paste(&mut self, text: &str) {
        match &mut self.mode {
            Mode::Search(input) => input.insert_str(text),
            Mode::Claim(form) => {
                form.field = claim_form::Field::Note;
                form.note.insert_str(text);
            }
            Mode::Speaker(form) => {
                if let Some(analysis) = &self.analysis {
                    form.paste(text, analysis);
                }
            }
            Mode::Correction(form) => {
                if let Some(analysis) = &self.analysis {
                    form.paste(text, analysis);
                }
            }
            Mode::Normal | Mode::Help { .. } => {
                let (search, claim) = (
                    self.key_hint(Action::Search),
                    self.key_hint(Action::MarkClaim),
                );
                self.message = Some(format!(
                    "paste ignored: paste into a search ({search}) or a claim note ({claim})"
                ));
            }
        }
    }

    /// Who said quotation `i`, as the reader or folio has it: the person's
    /// entity id (if any) and a name to show (entity name or phrase).
    pub fn quote_speaker(&self, i: usize) -> (Option<String>, Option<String>) {
        let Some(analysis) = &self.analysis else {
            return (None, None);
        };
        let Some(quotation) = analysis.quotations.get(i) else {
            return (None, None);
        };
        let name_of = |id: &str| {
            analysis
                .entities
                .iter()
                .find(|e| e.id == id)
                .map(|e| e.name.clone())
        };
        match self.annotations.speaker_fix(&quotation.span) {
            Some(fix) => {
                let id = fix.speaker.clone();
                let shown = id
                    .as_deref()
                    .and_then(name_of)
                    .or_else(|| fix.speaker_text.clone())
                    .or(id.clone());
                (id, shown)
            }
            None => {
                let person = quotation.speaker.and_then(|s| analysis.entities.get(s));
                (
                    person.map(|e| e.id.clone()),
                    analysis.speaker_name(quotation),
                )
            }
        }
    }

    /// How the reader types `action`, for hints in messages: its key in the
    /// current focus, else while reading (`u`); the action's keymap name
    /// when no key is bound to it (`mark_claim (no key)`).
    pub(crate) fn key_hint(&self, action: Action) -> String {
        self.keymap
            .key_for(self.focus, action)
            .or_else(|| self.keymap.key_for(Context::Article, action))
            .unwrap_or_else(|| format!("{} (no key)", action.name()))
    }

    /// The key bound to `action` in `context`, for hints drawn only when
    /// there is one (status bar, panel title).
    pub(crate) fn key_in(&self, context: Context, action: Action) -> Option<String> {
        self.keymap.key_for(context, action)
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

/// The current time, UTC, to the second.
fn utc_now() -> toml::value::Datetime {
    let text = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    text.parse().unwrap_or(toml::value::Datetime {
        date: None,
        time: None,
        offset: None,
    })
}
