//! Candidate names: runs of capitalised words in one sentence, split at
//! titles.
//!
//! A run is a sequence of capitalised words separated by spaces or hyphens,
//! which may contain lower-case name connectors ("Journal du Dimanche") and,
//! after an organisation cue word, "of"/"for" ("Bank of England"). A
//! possessive ends a run. A title ("President", "Prime Minister") splits a
//! run and is never part of a name: the words before it form a separate
//! candidate ("French"), the words after it name a person. Leading function
//! words ("The", "Before") are dropped, and a run containing a weekday or
//! month name is no candidate at all ("Super April").

use std::ops::Range;

use super::super::gazetteer;
use super::tokens::{Gap, Word};

/// Runs longer than this many words are title-case headlines or junk, not names.
const MAX_RUN_WORDS: usize = 8;

/// One candidate name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Indices into the sentence's words, end-exclusive, never empty.
    pub(crate) words: Range<usize>,
    /// Whether a title directly precedes the candidate ("President Putin").
    pub(crate) after_title: bool,
}

/// Candidates of one sentence, in order.
pub(crate) fn candidates(words: &[Word<'_>]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for run in runs(words) {
        if run.len() > MAX_RUN_WORDS {
            continue;
        }
        for candidate in split_at_titles(words, run) {
            if let Some(c) = tidy(words, candidate) {
                out.push(c);
            }
        }
    }
    out
}

fn word<'w, 'a>(words: &'w [Word<'a>], i: usize) -> Option<&'w Word<'a>> {
    words.get(i)
}

/// Whether word `i` may continue a name from the word before it. `&` joins
/// firm names ("Procter & Gamble") but not two places ("Berlin & Warsaw").
fn joins(words: &[Word<'_>], i: usize) -> bool {
    let Some(this) = word(words, i) else {
        return false;
    };
    let Some(before) = word(words, i.wrapping_sub(1)) else {
        return false;
    };
    let joined = match this.gap {
        Gap::Space | Gap::Hyphen => true,
        Gap::Ampersand => {
            gazetteer::place(before.text).is_none() || gazetteer::place(this.text).is_none()
        }
        _ => false,
    };
    joined && !before.possessive
}

/// Whether word `i` is capitalised.
fn capitalised(words: &[Word<'_>], i: usize) -> bool {
    word(words, i).is_some_and(Word::is_capitalised)
}

/// Runs of capitalised words, as word index ranges.
fn runs(words: &[Word<'_>]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !capitalised(words, i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut last = i;
        // Whether the run has gone on past "of"/"for" after a cue word: an
        // institution's or event's long name, which may go on with "and",
        // "in" or "on" ("Organisation for Security and Cooperation in Europe").
        let mut long_name = false;
        loop {
            let next = last + 1;
            if capitalised(words, next) && joins(words, next) {
                last = next;
                continue;
            }
            let after_cue = word(words, next).is_some_and(|w| {
                matches!(w.text, "of" | "for")
                    && word(words, last).is_some_and(|l| {
                        gazetteer::is_organisation_cue(l.text) || gazetteer::is_event_cue(l.text)
                    })
            });
            let bridge = after_cue
                || word(words, next).is_some_and(|w| {
                    gazetteer::is_name_connector(w.text)
                        || (long_name && matches!(w.text, "and" | "in" | "on" | "of" | "for"))
                });
            if bridge
                && joins(words, next)
                && capitalised(words, next + 1)
                && joins(words, next + 1)
            {
                long_name |= after_cue;
                last = next + 1;
                continue;
            }
            break;
        }
        runs.push(start..last + 1);
        i = last + 1;
    }
    runs
}

/// The length in words of the title that starts at word `i` (inside `run`),
/// or 0 when no title starts there.
fn title_length(words: &[Word<'_>], run: &Range<usize>, i: usize) -> usize {
    let text = |k: usize| word(words, k).map_or("", |w| w.text);
    let mut k = i;
    while k < run.end && gazetteer::is_title_modifier(text(k)) {
        k += 1;
    }
    if k >= run.end || !gazetteer::is_title(text(k)) {
        return 0;
    }
    while k + 1 < run.end && gazetteer::is_title(text(k + 1)) {
        k += 1;
    }
    k + 1 - i
}

/// `run` cut into candidates at its titles, unless the whole run is a known
/// place or organisation ("St. Petersburg", "General Motors" stays whole when
/// listed).
fn split_at_titles(words: &[Word<'_>], run: Range<usize>) -> Vec<Candidate> {
    let mut parts = Vec::new();
    let mut start = run.start;
    let mut after_title = false;
    let mut i = run.start;
    while i < run.end {
        let follows_connector =
            i > run.start && word(words, i - 1).is_some_and(|w| !w.is_capitalised());
        // "Australian Tom Moody": a demonym before a given name stands apart.
        let demonym_before_name = i + 1 < run.end
            && word(words, i).is_some_and(|w| gazetteer::is_demonym(w.text))
            && word(words, i + 1).is_some_and(|w| gazetteer::is_first_name(w.text));
        if demonym_before_name {
            parts.push(Candidate {
                words: start..i + 1,
                after_title,
            });
            i += 1;
            start = i;
            after_title = false;
            continue;
        }
        let length = if follows_connector {
            0
        } else {
            title_length(words, &run, i)
        };
        if length == 0 {
            i += 1;
            continue;
        }
        if start < i {
            parts.push(Candidate {
                words: start..i,
                after_title,
            });
        }
        i += length;
        start = i;
        after_title = true;
    }
    if start < run.end {
        parts.push(Candidate {
            words: start..run.end,
            after_title,
        });
    }
    parts
}

/// `candidate` without leading function words (and common nouns that open a
/// sentence), or `None` when nothing is left or it names a day or month.
fn tidy(words: &[Word<'_>], mut candidate: Candidate) -> Option<Candidate> {
    while let Some(first) = word(words, candidate.words.start) {
        let droppable = gazetteer::is_function_word(first.text)
            || (first.initial && gazetteer::is_common_noun(first.text))
            || !first.is_capitalised();
        if !droppable || candidate.words.is_empty() {
            break;
        }
        candidate.words.start += 1;
    }
    if candidate.words.is_empty() {
        return None;
    }
    let names_a_date = candidate
        .words
        .clone()
        .any(|i| word(words, i).is_some_and(|w| gazetteer::is_calendar_word(w.text)));
    (!names_a_date).then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::words;
    use super::*;

    fn names(text: &str) -> Vec<(String, bool)> {
        let w = words(text, 0..text.len());
        candidates(&w)
            .into_iter()
            .map(|c| {
                let s = w.get(c.words.start).map_or(0, |x| x.span.start);
                let e = w.get(c.words.end - 1).map_or(0, |x| x.span.end);
                (text.get(s..e).unwrap_or("").to_owned(), c.after_title)
            })
            .collect()
    }

    #[test]
    fn titles_split_runs_and_are_never_part_of_a_name() {
        assert_eq!(
            names("French President Emmanuel Macron met Prime Minister Ana Ruiz."),
            [
                ("French".to_owned(), false),
                ("Emmanuel Macron".to_owned(), true),
                ("Ana Ruiz".to_owned(), true)
            ]
        );
    }

    #[test]
    fn connectors_possessives_and_dates() {
        assert_eq!(
            names("Before the Journal du Dimanche ran America's Super April story on Monday"),
            [
                ("Journal du Dimanche".to_owned(), false),
                ("America".to_owned(), false)
            ]
        );
        assert_eq!(
            names("the Bank of England and the Department of Justice"),
            [
                ("Bank of England".to_owned(), false),
                ("Department of Justice".to_owned(), false)
            ]
        );
    }

    #[test]
    fn a_demonym_before_a_given_name_stands_apart() {
        assert_eq!(
            names("the Australian Tom Moody and British Airways"),
            [
                ("Australian".to_owned(), false),
                ("Tom Moody".to_owned(), false),
                ("British Airways".to_owned(), false)
            ]
        );
    }

    #[test]
    fn a_title_alone_is_nothing() {
        assert!(names("The President spoke.").is_empty());
    }
}
