//! Keys and pasted text: through the keymap while reading, to the open
//! form or prompt otherwise; and how a key is named in hints.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::claim_form::{self, FormOutcome};
use super::correction_form::CorrectionOutcome;
use super::speaker_form::SpeakerOutcome;
use super::{Action, App, Effect, Mode};
use crate::keymap::{Context, KeyPress, Lookup};

impl App {
    /// Handles one key press and returns what the main loop must do.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Effect> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        // Ctrl-J is a line feed, which is Enter: the terminal turns an
        // Enter typed before folio set it up into one (`/Putin⏎` typed
        // ahead), as readline and vim read it.
        let key = if key.code == KeyCode::Char('j') && key.modifiers == KeyModifiers::CONTROL {
            KeyEvent::new_with_kind(KeyCode::Enter, KeyModifiers::NONE, key.kind)
        } else {
            key
        };
        // In a form or prompt Ctrl-C is Esc, as in a shell: it cancels (a
        // changed claim form asks first, so no note is lost), where it
        // used to do nothing and left the reader typing into the form.
        let key = if !matches!(self.mode, Mode::Normal)
            && key.code == KeyCode::Char('c')
            && key.modifiers == KeyModifiers::CONTROL
        {
            KeyEvent::new_with_kind(KeyCode::Esc, KeyModifiers::NONE, key.kind)
        } else {
            key
        };
        // Ctrl-Z suspends from a form or prompt too, as it does while
        // reading: the form stays as typed and is there again after `fg`.
        if !matches!(self.mode, Mode::Normal)
            && key.code == KeyCode::Char('z')
            && key.modifiers == KeyModifiers::CONTROL
        {
            return Some(Effect::Suspend);
        }
        // Esc and a key typed right after it reach folio as one Alt-key
        // (the terminal cannot tell them apart): while reading, an Alt-key
        // the keymap does not bind is taken for the two keys, so that `Esc`
        // `q` quits rather than saying "A-q is not bound". Forms keep it:
        // there Esc may cancel what was typed.
        if let KeyCode::Char(c) = key.code
            && key.modifiers == KeyModifiers::ALT
            && matches!(self.mode, Mode::Normal)
            && self.keymap.lookup(self.focus, &[KeyPress::from_event(key)]) == Lookup::Unbound
        {
            let esc = KeyEvent::new_with_kind(KeyCode::Esc, KeyModifiers::NONE, key.kind);
            let first = self.handle_key(esc);
            let plain = KeyEvent::new_with_kind(KeyCode::Char(c), KeyModifiers::NONE, key.kind);
            return self.handle_key(plain).or(first);
        }
        // The screen shows only "window too small": no key may change what
        // the reader cannot see (a `d` deleting a claim unseen). Quitting
        // still works.
        if self.areas.too_small() {
            let lookup = self.keymap.lookup(self.focus, &[KeyPress::from_event(key)]);
            let quits = matches!(self.mode, Mode::Normal) && lookup == Lookup::Action(Action::Quit);
            if !quits {
                return None;
            }
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
                        // Esc alone cancels, and says nothing.
                        if key.code != KeyCode::Esc {
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
                    KeyCode::Char('j') | KeyCode::Down => {
                        *scroll = (*scroll + 1).min(self.help_max_scroll.get());
                    }
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
}
