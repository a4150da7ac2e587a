//! Correcting entities by hand: opening the tag and mention forms, recording
//! a correction (undoable, saved) and replaying every correction on the
//! analysis.

use std::ops::Range;

use super::correction_form::CorrectionForm;
use super::{Action, App, Effect, Mode};
use crate::annotations::corrections::{self, Correction, CorrectionAction};
use crate::annotations::speaker_fixes;
use crate::keymap::Context;

impl App {
    /// Rebuilds what is shown (entities, colours, panel, speakers,
    /// suggestions) from the analysis folio made with the reader's
    /// corrections and speakers replayed on top.
    pub(crate) fn apply_corrections(&mut self) {
        let Some(raw) = &self.raw_analysis else {
            return;
        };
        let mut analysis = raw.clone();
        corrections::apply(&mut analysis, self.annotations.corrections(), &self.doc);
        speaker_fixes::apply(&mut analysis, self.annotations.speakers(), self.doc.text());
        self.mentions = analysis
            .mentions()
            .into_iter()
            .filter_map(|(span, e)| Some((span, analysis.entities.get(e)?.kind)))
            .collect();
        if let Some(mention) = &self.selected_mention
            && !self.mentions.iter().any(|(m, _)| m == mention)
        {
            self.selected_mention = None;
        }
        self.analysis = Some(analysis);
        self.entities_changed = true;
        self.refresh_panels();
    }

    /// Whether annotations may change now; says why not in the status bar.
    fn may_correct(&mut self) -> bool {
        if self.refuse_read_only() {
            return false;
        }
        if self.analysis.is_none() {
            self.message = Some(super::accessors::STILL_ANALYSING.to_owned());
            return false;
        }
        true
    }

    /// `T`: opens the tag picker on the selection.
    pub(super) fn open_tag_form(&mut self) {
        if !self.may_correct() {
            return;
        }
        let Some(span) = self.selection.as_ref().map(|s| s.span()) else {
            let (select, tag) = (
                self.key_hint(Action::StartSelection),
                self.key_hint(Action::TagSelection),
            );
            self.message = Some(format!("{select} selects text first, then {tag} tags it"));
            return;
        };
        let exact = self.doc.slice(span.clone()).to_owned();
        if exact.contains('\n') {
            self.message = Some("a mention stays within one paragraph".to_owned());
            return;
        }
        let count = corrections::occurrences(self.doc.text(), &exact).len();
        self.mode = Mode::Correction(Box::new(CorrectionForm::tag(span, &exact, count)));
    }

    /// `E`: opens the correction picker on the mention under the selection
    /// (or the one picked in the panel).
    pub(super) fn open_mention_form(&mut self) {
        if !self.may_correct() {
            return;
        }
        let Some(mention) = self.mention_at_cursor() else {
            let search = self.key_hint(Action::Search);
            let select = self.key_hint(Action::StartSelection);
            let mention = self
                .keymap
                .key_for(Context::Select, Action::SelectMention)
                .unwrap_or_else(|| Action::SelectMention.name().to_owned());
            let correct = self.key_hint(Action::CorrectMention);
            self.message = Some(format!(
                "no mention here: search for it ({search}) or {select}, {mention} on a name, then {correct}"
            ));
            return;
        };
        let Some(analysis) = &self.analysis else {
            return;
        };
        let Some(entity) = analysis
            .entities
            .iter()
            .find(|e| e.mentions.contains(&mention))
        else {
            return;
        };
        let exact = self.doc.slice(mention.clone());
        let count = analysis
            .entities
            .iter()
            .flat_map(|e| &e.mentions)
            .filter(|m| self.doc.slice((*m).clone()) == exact)
            .count();
        let form = CorrectionForm::mention(
            mention.clone(),
            exact,
            (entity.id.clone(), entity.name.clone()),
            count,
        );
        self.mode = Mode::Correction(Box::new(form));
    }

    /// The mention the reader points at: equal to the selection, else under
    /// its head, else inside it; without a selection, the one jumped to from
    /// the panel; with the panel's focus, the selected entity's first
    /// mention (or the one jumped to).
    fn mention_at_cursor(&self) -> Option<Range<usize>> {
        if self.focus == Context::Panel {
            let entity = self.panels.entities.selected_entity();
            let entity = entity.and_then(|e| self.analysis.as_ref()?.entities.get(e))?;
            return match &self.selected_mention {
                Some(m) if entity.mentions.contains(m) => Some(m.clone()),
                _ => entity.mentions.first().cloned(),
            };
        }
        let Some(selection) = &self.selection else {
            // The mention jumped to from the panel, else one the current
            // search match falls in (`/Kremlin` `E`).
            let found = self.search_match_at_cursor();
            let in_match = |m: &&Range<usize>| {
                found
                    .as_ref()
                    .is_some_and(|f| f.start < m.end && m.start < f.end)
            };
            return self
                .selected_mention
                .clone()
                .or_else(|| self.mentions.iter().map(|(m, _)| m).find(in_match).cloned());
        };
        let span = selection.span();
        let head = selection.head.start;
        let mentions = || self.mentions.iter().map(|(m, _)| m);
        mentions()
            .find(|m| **m == span)
            .or_else(|| mentions().find(|m| m.contains(&head)))
            .or_else(|| mentions().find(|m| m.start < span.end && span.start < m.end))
            .cloned()
    }

    /// The entities a retype `correction` applies to: the one holding its
    /// mention, or every one with a mention of its words.
    fn retyped_entities<'a>(
        &'a self,
        correction: &'a Correction,
    ) -> impl Iterator<Item = &'a crate::analysis::Entity> + 'a {
        let entities = self.analysis.as_ref().map_or(&[][..], |a| &a.entities);
        entities.iter().filter(move |e| match &correction.span {
            Some(span) => e.mentions.contains(span),
            None => e
                .mentions
                .iter()
                .any(|m| self.doc.slice(m.clone()) == correction.exact),
        })
    }

    /// Whether `correction` retypes whole entities to the kind they have
    /// already, where that kind is the model's guess (the panel's `?`):
    /// the reader confirms it, and the mark goes. Whole: every mention of
    /// its words, or its one mention when the entity has no other.
    fn confirms_a_guess(&self, correction: &Correction) -> bool {
        let Some(kind) = correction.kind else {
            return false;
        };
        if correction.action != CorrectionAction::Retype {
            return false;
        }
        let whole =
            |e: &crate::analysis::Entity| correction.span.is_none() || e.mentions.len() == 1;
        let mut holding = self.retyped_entities(correction).peekable();
        holding.peek().is_some()
            && self
                .retyped_entities(correction)
                .any(|e| e.reason.is_guess())
            && holding.all(|e| e.kind == kind && whole(e))
    }

    /// Why `correction` would change nothing or confuse: a retype to the
    /// kind the mentions have already (unless it confirms a guess), or a
    /// rename to another entity's name (two rows of one name; joining is
    /// what merges them).
    fn pointless(&self, correction: &Correction) -> Option<String> {
        let entities = &self.analysis.as_ref()?.entities;
        match correction.action {
            CorrectionAction::Retype => {
                let kind = correction.kind?;
                if self.confirms_a_guess(correction) {
                    return None;
                }
                let mut holding = self.retyped_entities(correction).peekable();
                let already = holding.peek().is_some() && holding.all(|e| e.kind == kind);
                let kind = match kind {
                    crate::analysis::EntityKind::Person => "a person",
                    crate::analysis::EntityKind::Place => "a place",
                    crate::analysis::EntityKind::Organisation => "an organisation",
                    crate::analysis::EntityKind::Misc => "misc",
                };
                already.then(|| {
                    format!(
                        "“{}” is {kind} already: nothing changed",
                        crate::safe_text::safe_line(&correction.exact)
                    )
                })
            }
            CorrectionAction::Rename => {
                let name = correction.name.as_deref()?;
                let taken = entities
                    .iter()
                    .any(|e| e.name == name && Some(e.id.as_str()) != correction.entity.as_deref());
                taken.then(|| {
                    format!(
                        "“{}” is another entity's name: join the mentions to it instead \
                         (a mention's corrections, then join)",
                        crate::safe_text::safe_line(name)
                    )
                })
            }
            _ => None,
        }
    }

    /// Records `correction` (undoable, saved) and shows its effect; a
    /// pointless one (see [`App::pointless`]) is not recorded, and says why.
    pub(super) fn correct(&mut self, correction: Correction) -> Option<Effect> {
        if let Some(why) = self.pointless(&correction) {
            self.end_selection();
            self.message = Some(why);
            return None;
        }
        let exact = correction.exact.clone();
        let name_of = |id: &str| {
            let entities = self.analysis.as_ref().map(|a| a.entities.as_slice());
            entities
                .and_then(|es| es.iter().find(|e| e.id == id))
                .map_or_else(|| id.to_owned(), |e| e.name.clone())
        };
        let kind = correction.kind.map_or("", |k| k.as_str());
        let what = match correction.action {
            CorrectionAction::Tag => match &correction.entity {
                Some(id) => format!("tagged “{exact}” as {}", name_of(id)),
                None => format!("tagged “{exact}” as {kind}"),
            },
            CorrectionAction::Retype if self.confirms_a_guess(&correction) => {
                format!("confirmed “{exact}” as {kind}")
            }
            CorrectionAction::Retype => format!("retyped “{exact}” as {kind}"),
            CorrectionAction::Remove => format!("removed “{exact}”"),
            CorrectionAction::Join => {
                let to = correction
                    .entity
                    .as_deref()
                    .map(name_of)
                    .unwrap_or_default();
                format!("joined “{exact}” to {to}")
            }
            CorrectionAction::Rename => format!(
                "renamed to “{}”",
                correction.name.as_deref().unwrap_or_default()
            ),
        };
        let scope = if correction.span.is_some() {
            " (this mention)"
        } else {
            ""
        };
        let change = format!("{what}{scope}");
        self.change_annotations(change.clone(), |a| a.push_correction(correction));
        self.end_selection();
        self.message = Some(format!("{change} · {} undoes", self.key_hint(Action::Undo)));
        Some(Effect::Save)
    }
}
