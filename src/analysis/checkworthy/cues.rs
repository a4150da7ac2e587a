//! Cue word lists for check-worthiness, read from the data file `cues.txt`
//! (embedded): change verbs, comparatives, predictive and causal forms,
//! hedges and opinion markers. Hand-written for folio.

use std::collections::HashSet;
use std::sync::OnceLock;

use foldhash::fast::FixedState;

/// A kind of cue word; each is one section of `cues.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// Change verbs: rose, fell, doubled, cut.
    Change,
    /// Comparatives: more, fewer, higher, than.
    Comparative,
    /// Superlatives and records: most, highest, first, never.
    Superlative,
    /// Cause and effect: because, led to, due to.
    Causal,
    /// Predictions: will, would, going to, expected.
    Predictive,
    /// Promises: promise, pledge, vow, "we will".
    Promise,
    /// Hedges that mark belief, not fact: I think, perhaps.
    Hedge,
    /// Opinion and courtesy: should, wonderful, thank.
    Opinion,
    /// Number words: million, half, twenty.
    NumberWord,
    /// Money and public finance: dollars, budget, tax.
    Money,
    /// First-person pronouns.
    FirstPerson,
    /// Second-person pronouns.
    SecondPerson,
    /// Reporting verbs: said, told, according to.
    Reporting,
}

impl Cue {
    /// Every cue, in the order of their feature slots.
    pub const ALL: [Cue; 13] = [
        Cue::Change,
        Cue::Comparative,
        Cue::Superlative,
        Cue::Causal,
        Cue::Predictive,
        Cue::Promise,
        Cue::Hedge,
        Cue::Opinion,
        Cue::NumberWord,
        Cue::Money,
        Cue::FirstPerson,
        Cue::SecondPerson,
        Cue::Reporting,
    ];

    /// The section name in `cues.txt` and the feature name.
    pub fn name(self) -> &'static str {
        match self {
            Cue::Change => "change",
            Cue::Comparative => "comparative",
            Cue::Superlative => "superlative",
            Cue::Causal => "causal",
            Cue::Predictive => "predictive",
            Cue::Promise => "promise",
            Cue::Hedge => "hedge",
            Cue::Opinion => "opinion",
            Cue::NumberWord => "number_word",
            Cue::Money => "money",
            Cue::FirstPerson => "first_person",
            Cue::SecondPerson => "second_person",
            Cue::Reporting => "reporting",
        }
    }

    fn index(self) -> usize {
        Cue::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }
}

const DATA: &str = include_str!("cues.txt");

type Set = HashSet<&'static str, FixedState>;

/// One set of words (single words and `a_b` pairs) per cue.
pub struct Lists {
    sets: Vec<Set>,
}

impl Lists {
    /// The embedded lists, parsed once.
    pub fn get() -> &'static Lists {
        static LISTS: OnceLock<Lists> = OnceLock::new();
        LISTS.get_or_init(|| parse(DATA))
    }

    /// Whether `word` (lower-case; a pair joined by `_`) is a `cue` word.
    pub fn has(&self, cue: Cue, word: &str) -> bool {
        self.sets.get(cue.index()).is_some_and(|s| s.contains(word))
    }
}

/// Parses `[section]` headers and space-separated words; `#` starts a
/// comment line; unknown sections are ignored.
fn parse(data: &'static str) -> Lists {
    let mut sets: Vec<Set> = Cue::ALL.iter().map(|_| Set::default()).collect();
    let mut current: Option<usize> = None;
    for line in data.lines().map(str::trim) {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Cue::ALL.iter().position(|c| c.name() == name);
            continue;
        }
        if let Some(set) = current.and_then(|i| sets.get_mut(i)) {
            set.extend(line.split_whitespace());
        }
    }
    Lists { sets }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_of_the_data_file_is_read() {
        let lists = Lists::get();
        for cue in Cue::ALL {
            assert!(
                lists.sets.get(cue.index()).is_some_and(|s| !s.is_empty()),
                "{} is empty",
                cue.name()
            );
        }
        assert!(lists.has(Cue::Change, "doubled"));
        assert!(lists.has(Cue::Causal, "due_to"));
        assert!(!lists.has(Cue::Change, "macron"));
    }
}
