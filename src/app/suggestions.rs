//! Check-worthiness suggestions in the reader: `S` shows or hides their
//! margin marks, `g s` / `g S` walk them, `c` on a suggested sentence
//! opens the claim form with the suggestion's proposed label, and `x`
//! dismisses one (saved in the annotation file, undoable).
//!
//! The marks start hidden: most news sentences with a figure or a named
//! source score above the threshold, so shown by default they would mark
//! half the article before the reader asked what to check.

use std::ops::Range;

use super::{App, Effect, Target};
use crate::analysis::checkworthy::{self, Suggestion};

impl App {
    /// The suggestions at or above the threshold that the reader has not
    /// dismissed, in text order.
    pub(crate) fn suggestions(&self) -> impl Iterator<Item = &Suggestion> {
        self.analysis
            .iter()
            .flat_map(|a| a.suggestions.iter())
            .filter(|s| self.is_suggested(s))
    }

    /// The suggestions the `Suggested (N)` view lists: best first, ties in
    /// text order, dismissed ones and sentences holding a claim left out.
    pub(crate) fn ranked_suggestions(&self) -> Vec<&Suggestion> {
        let mut all: Vec<&Suggestion> = self.suggestions().collect();
        all.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.span.start.cmp(&b.span.start))
        });
        all
    }

    fn is_suggested(&self, s: &Suggestion) -> bool {
        s.score >= checkworthy::THRESHOLD
            && !self.annotations.is_dismissed(&s.span)
            && !self.annotations.is_claimed(&s.span)
    }

    /// Dismisses the suggestion on the sentence under the cursor, or brings
    /// a dismissed one back.
    pub(super) fn dismiss_suggestion(&mut self) -> Option<Effect> {
        if self.refuse_read_only() {
            return None;
        }
        let span = self
            .analysis
            .as_ref()
            .and_then(|a| a.suggestions.get(self.sentence))
            .filter(|s| s.score >= checkworthy::THRESHOLD)
            .map(|s| s.span.clone());
        let Some(span) = span else {
            self.message = Some(if self.analysis.is_none() {
                super::accessors::STILL_ANALYSING.to_owned()
            } else {
                "no suggestion on this sentence".to_owned()
            });
            return None;
        };
        let mut now = false;
        let what = if self.annotations.is_dismissed(&span) {
            "suggestion brought back"
        } else {
            "suggestion dismissed"
        };
        self.change_annotations(what, |a| now = a.toggle_dismissed(span));
        self.message = Some(
            if now {
                "suggestion dismissed (u undoes, x brings it back)"
            } else {
                "suggestion brought back"
            }
            .to_owned(),
        );
        Some(Effect::Save)
    }

    /// Whether the margin mark of a suggestion belongs on the row at `row`
    /// (a byte range of the text): marks are shown and a suggested
    /// sentence overlaps the row.
    pub(crate) fn suggestion_marks(&self, rows: &Range<usize>) -> bool {
        let Some(analysis) = self.analysis.as_ref().filter(|_| self.show_suggestions) else {
            return false;
        };
        // Sentences are in text order: look only at those on the row.
        let all = &analysis.suggestions;
        let first = all.partition_point(|s| s.span.end <= rows.start);
        all.get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(|s| s.span.start < rows.end)
            .any(|s| self.is_suggested(s))
    }

    pub(super) fn toggle_suggestions(&mut self) {
        self.show_suggestions = !self.show_suggestions;
        self.message = Some(if self.show_suggestions {
            format!(
                "{} sentences worth checking marked (g s goes to the next, c marks a claim, S hides)",
                self.suggestions().count()
            )
        } else {
            "suggestion marks hidden (S shows them)".to_owned()
        });
    }

    /// Moves the sentence cursor to the next (or previous) suggestion.
    pub(super) fn step_suggestion(&mut self, forward: bool) {
        // While the marks were hidden, the sentence at hand counts as the
        // next one: right after opening, `g s` on the first sentence (the
        // cursor's) must not pass over it.
        let first_look = !self.show_suggestions;
        self.show_suggestions = true;
        let here = self
            .analysis
            .as_ref()
            .and_then(|a| a.sentences.get(self.sentence))
            .map_or(0, |s| s.start);
        let spans: Vec<(Range<usize>, String)> = self
            .suggestions()
            .map(|s| (s.span.clone(), describe(s)))
            .collect();
        let found = if forward {
            spans
                .iter()
                .find(|(s, _)| s.start > here || (first_look && s.start == here))
        } else {
            spans.iter().rev().find(|(s, _)| s.start < here)
        };
        match found {
            Some((span, message)) => {
                self.go_to(span.clone(), Target::Sentence);
                self.message = Some(message.clone());
            }
            None if !spans.is_empty() => {
                self.message = Some("no more suggestions this way".to_owned());
            }
            None if self.analysis.is_none() => {
                self.message = Some(super::accessors::STILL_ANALYSING.to_owned())
            }
            None => {
                self.message =
                    Some("no sentence of this article is suggested for checking".to_owned());
            }
        }
    }

    /// The proposed label of the suggestion whose sentence is exactly
    /// `span`, while the marks are shown.
    pub(super) fn suggested_label(&self, span: &Range<usize>) -> Option<&'static str> {
        if !self.show_suggestions {
            return None;
        }
        self.suggestions()
            .find(|s| s.span == *span)
            .map(|s| s.label.as_str())
    }
}

/// `worth checking 0.97: statistic, number + change verb` for the status bar.
pub(crate) fn describe(s: &Suggestion) -> String {
    // The label first; a cue that says it again is left out, and one that
    // says more ("quotation by Emmanuel Macron" for "quotation") takes
    // its place.
    let reasons: Vec<String> = s.reasons.iter().map(ToString::to_string).collect();
    let label = s.label.to_string();
    let first = reasons
        .iter()
        .find(|r| r.starts_with(&format!("{label} ")))
        .cloned()
        .unwrap_or_else(|| label.clone());
    let mut why = vec![first];
    for reason in reasons {
        if reason != label && !why.contains(&reason) {
            why.push(reason);
        }
    }
    format!("worth checking {:.2}: {}", s.score, why.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::checkworthy::{ClaimLabel, Reason};

    #[test]
    fn a_label_that_is_also_a_cue_is_said_once() {
        let suggestion = Suggestion {
            span: 0..10,
            score: 0.91,
            reasons: vec![Reason::Comparison, Reason::Promise],
            label: ClaimLabel::Promise,
        };
        assert_eq!(
            describe(&suggestion),
            "worth checking 0.91: promise, comparison"
        );
        let quoted = Suggestion {
            span: 0..10,
            score: 0.87,
            reasons: vec![Reason::Quotation("Emmanuel Macron".to_owned())],
            label: ClaimLabel::Quotation,
        };
        assert_eq!(
            describe(&quoted),
            "worth checking 0.87: quotation by Emmanuel Macron"
        );
    }
}
