//! Cue word lists for check-worthiness, read from the data file `cues.txt`
//! (embedded): change verbs, comparatives, predictive and causal forms,
//! hedges and opinion markers. Hand-written for folio.

use std::collections::HashMap;
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

    /// The cue's bit in a [`Lists::mask`].
    pub fn bit(self) -> u32 {
        1 << Cue::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }
}

const DATA: &str = include_str!("cues.txt");

/// The bit of a word that starts a two-word cue (above every [`Cue::bit`]).
pub const PAIR_START: u32 = 1 << 31;

/// Every cue word (single words and `a_b` pairs) with the bits of the cues
/// it belongs to: one lookup per word finds all its cues. The first word of
/// a pair also carries [`PAIR_START`], so pairs are looked up only after one.
pub struct Lists {
    masks: HashMap<&'static str, u32, FixedState>,
}

impl Lists {
    /// The embedded lists, parsed once.
    pub fn get() -> &'static Lists {
        static LISTS: OnceLock<Lists> = OnceLock::new();
        LISTS.get_or_init(|| parse(DATA))
    }

    /// The bits ([`Cue::bit`]) of the cues `word` (lower-case; a pair
    /// joined by `_`) belongs to; 0 for none.
    pub fn mask(&self, word: &str) -> u32 {
        self.masks.get(word).copied().unwrap_or(0)
    }

    /// Whether `word` is a `cue` word.
    pub fn has(&self, cue: Cue, word: &str) -> bool {
        self.mask(word) & cue.bit() != 0
    }
}

/// Parses `[section]` headers and space-separated words; `#` starts a
/// comment line; unknown sections are ignored.
fn parse(data: &'static str) -> Lists {
    let mut masks = HashMap::default();
    let mut current: Option<Cue> = None;
    for line in data.lines().map(str::trim) {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Cue::ALL.iter().copied().find(|c| c.name() == name);
            continue;
        }
        if let Some(cue) = current {
            for word in line.split_whitespace() {
                *masks.entry(word).or_insert(0) |= cue.bit();
                if let Some((first, _)) = word.split_once('_') {
                    *masks.entry(first).or_insert(0) |= PAIR_START;
                }
            }
        }
    }
    Lists { masks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_of_the_data_file_is_read() {
        let lists = Lists::get();
        for cue in Cue::ALL {
            assert!(
                lists.masks.values().any(|m| m & cue.bit() != 0),
                "{} is empty",
                cue.name()
            );
        }
        assert!(lists.has(Cue::Change, "doubled"));
        assert!(lists.has(Cue::Causal, "due_to"));
        assert!(!lists.has(Cue::Change, "macron"));
        assert_eq!(lists.mask("due") & PAIR_START, PAIR_START);
    }
}
