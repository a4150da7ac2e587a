//! Classification of one candidate name into an entity kind, from the
//! gazetteers and the words around it.
//!
//! Rules, in order: the place gazetteer; the organisation gazetteer; an
//! organisation cue word in the name; a lone all-caps acronym (an
//! organisation); a demonym (misc); a preceding title, a reporting verb next
//! to the name ("X said", "said X", "according to X") or a known given name
//! first (a person). A name none of these rules types is left unknown for
//! the document memory to settle.

use std::ops::Range;

use super::super::EntityKind;
use super::super::gazetteer::{self, PlaceKind};
use super::candidates::Candidate;
use super::tokens::{Gap, Word};

/// A candidate with its type, as the first pass sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Typed {
    /// Byte range of the name in the document text, end-exclusive.
    pub(crate) span: Range<usize>,
    /// The name as written.
    pub(crate) surface: String,
    /// Its kind, or `None` when no rule applied.
    pub(crate) kind: Option<EntityKind>,
    /// The key that groups names of one entity: the gazetteer's canonical
    /// name for listed places and organisations, else the surface.
    pub(crate) key: String,
    /// Whether the name opens its sentence, so its capital says nothing.
    pub(crate) initial: bool,
    /// Why it got its kind (`"gazetteer: place"`, `"title: President"`, …).
    pub(crate) reason: String,
}

/// Words that may sit between a name and its reporting verb ("Macron has said").
const VERB_HELPERS: &[&str] = &[
    "has",
    "had",
    "have",
    "also",
    "then",
    "later",
    "earlier",
    "previously",
    "once",
    "again",
];

/// Types `candidate` (word indices into the sentence `words`) with the text
/// `text` the words point into.
pub(crate) fn classify(text: &str, words: &[Word<'_>], candidate: &Candidate) -> Option<Typed> {
    let mut range = candidate.words.clone();
    loop {
        let typed = classify_words(text, words, range.clone(), candidate.after_title)?;
        let first_is_known = words
            .get(range.start)
            .is_some_and(|w| is_known_word(w.text));
        // "Despite Moscow": an unknown capitalised word that opens the sentence
        // is no part of the name behind it.
        if typed.kind.is_none() && typed.initial && range.len() > 1 && !first_is_known {
            range.start += 1;
            continue;
        }
        return Some(typed);
    }
}

/// Whether a gazetteer knows `word` on its own.
fn is_known_word(word: &str) -> bool {
    gazetteer::place(word).is_some()
        || gazetteer::organisation(word).is_some()
        || gazetteer::is_demonym(word)
        || gazetteer::is_first_name(word)
        || gazetteer::is_organisation_cue(word)
}

fn classify_words(
    text: &str,
    words: &[Word<'_>],
    range: Range<usize>,
    after_title: bool,
) -> Option<Typed> {
    let first = words.get(range.start)?;
    let last = words.get(range.end.checked_sub(1)?)?;
    let span = first.span.start..last.span.end;
    let surface = text.get(span.clone())?.to_owned();
    let single = range.len() == 1;
    let initial = first.initial;
    let typed = |kind: Option<EntityKind>, key: &str, reason: &str| Typed {
        span: span.clone(),
        surface: surface.clone(),
        kind,
        key: key.to_owned(),
        initial,
        reason: reason.to_owned(),
    };
    let looks_like_a_name = range
        .clone()
        .filter_map(|i| words.get(i))
        .all(|w| !w.is_acronym() || w.text.chars().count() < 2);
    let place = gazetteer::place_entry(&surface);
    let country = place.is_some_and(|(_, k)| k == PlaceKind::Country);
    if after_title && looks_like_a_name && !country {
        return Some(typed(Some(EntityKind::Person), &surface, "title"));
    }
    if let Some((canonical, kind)) = place {
        return Some(typed(Some(EntityKind::Place), canonical, kind.reason()));
    }
    if let Some(organisation) = gazetteer::organisation(&surface) {
        return Some(typed(
            Some(EntityKind::Organisation),
            organisation,
            "gazetteer: organisation",
        ));
    }
    let cue = range
        .clone()
        .filter_map(|i| words.get(i))
        .find(|w| gazetteer::is_organisation_cue(w.text));
    if let Some(cue) = cue
        && !(single && initial)
    {
        let reason = format!("cue: {}", cue.text);
        return Some(typed(Some(EntityKind::Organisation), &surface, &reason));
    }
    if !single && gazetteer::is_place_cue(last.text) {
        let reason = format!("cue: {}", last.text);
        return Some(typed(Some(EntityKind::Place), &surface, &reason));
    }
    if single && first.is_acronym() && !gazetteer::is_common_acronym(&surface) {
        return Some(typed(Some(EntityKind::Organisation), &surface, "acronym"));
    }
    if gazetteer::is_demonym(&surface) {
        return Some(typed(
            Some(EntityKind::Misc),
            &surface,
            "gazetteer: demonym",
        ));
    }
    if !looks_like_a_name {
        return Some(typed(None, &surface, "unknown"));
    }
    if let Some(reason) = near_reporting_verb(words, &range) {
        return Some(typed(Some(EntityKind::Person), &surface, reason));
    }
    if !single && gazetteer::is_first_name(first.text) {
        return Some(typed(
            Some(EntityKind::Person),
            &surface,
            "gazetteer: given name",
        ));
    }
    let surname = gazetteer::is_last_name(last.text) && !gazetteer::is_first_name(last.text);
    if !initial && surname && is_plain_name(last.text) {
        return Some(typed(
            Some(EntityKind::Person),
            &surface,
            "gazetteer: surname",
        ));
    }
    let plain = range
        .clone()
        .filter_map(|i| words.get(i))
        .enumerate()
        .all(|(k, w)| {
            let initial_letter = k + 1 < range.len() && is_initial_letter(w.text);
            (initial_letter || is_plain_name(w.text)) && w.gap != Gap::Hyphen
        });
    let opens_with_initial = is_initial_letter(first.text);
    if (!initial || opens_with_initial) && plain && (2..=3).contains(&range.len()) {
        return Some(typed(
            Some(EntityKind::Person),
            &surface,
            "shape: personal name",
        ));
    }
    Some(typed(None, &surface, "unknown"))
}

/// Whether `word` is an initial: one capital letter and a full stop ("J.").
fn is_initial_letter(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Whether `word` is spelled like a personal name: a capital, then
/// lower-case letters (with at most one inner capital, "McCain"), and
/// apostrophes or hyphens ("O'Neill").
fn is_plain_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().filter(|c| c.is_uppercase()).count() <= 1
        && chars.all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
}

/// The reason phrase when the name at `range` is the subject or object of a
/// reporting verb: "X said", "X has said", "said X", "according to X".
fn near_reporting_verb(words: &[Word<'_>], range: &Range<usize>) -> Option<&'static str> {
    let text = |i: usize| words.get(i).map_or("", |w| w.text);
    let spaced = |i: usize| words.get(i).is_some_and(|w| w.gap == Gap::Space);
    let after = range.end;
    let verb_after = spaced(after)
        && (gazetteer::is_reporting_verb(text(after))
            || ((VERB_HELPERS.contains(&text(after)) || text(after).ends_with("ly"))
                && spaced(after + 1)
                && gazetteer::is_reporting_verb(text(after + 1))));
    let before = range.start;
    let verb_before = spaced(before)
        && before >= 1
        && gazetteer::is_reporting_verb(text(before - 1))
        && words.get(before - 1).is_some_and(|w| !w.is_capitalised());
    let according_to = spaced(before)
        && before >= 2
        && text(before - 1) == "to"
        && text(before - 2).eq_ignore_ascii_case("according");
    if verb_after {
        Some("X-said")
    } else if verb_before {
        Some("said-X")
    } else if according_to {
        Some("according-to-X")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::candidates::candidates;
    use super::super::tokens::words;
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Option<EntityKind>, String)> {
        let w = words(text, 0..text.len());
        candidates(&w)
            .iter()
            .filter_map(|c| classify(text, &w, c))
            .map(|t| (t.surface, t.kind, t.key))
            .collect()
    }

    fn entry(s: &str, k: Option<EntityKind>, key: &str) -> (String, Option<EntityKind>, String) {
        (s.to_owned(), k, key.to_owned())
    }

    #[test]
    fn gazetteers_cues_and_acronyms() {
        use EntityKind::*;
        assert_eq!(
            kinds("In America the Kremlin, NATO and the Journal du Dimanche met Soviet staff."),
            [
                entry("America", Some(Place), "United States"),
                entry("Kremlin", Some(Organisation), "Kremlin"),
                entry("NATO", Some(Organisation), "NATO"),
                entry(
                    "Journal du Dimanche",
                    Some(Organisation),
                    "Journal du Dimanche"
                ),
                entry("Soviet", Some(Misc), "Soviet"),
            ]
        );
    }

    #[test]
    fn people_from_titles_verbs_and_given_names() {
        use EntityKind::*;
        assert_eq!(
            kinds("Aides to Queen Nyla met Maria Kovacs, sources close to Orlov said."),
            [
                entry("Nyla", Some(Person), "Nyla"),
                entry("Maria Kovacs", Some(Person), "Maria Kovacs"),
                entry("Orlov", Some(Person), "Orlov"),
            ]
        );
        assert_eq!(
            kinds("Officials said so, according to Brandt."),
            [entry("Brandt", Some(Person), "Brandt")]
        );
    }

    #[test]
    fn unknown_sentence_openers_are_dropped_from_names() {
        assert_eq!(
            kinds("Nonetheless Ukraine waited."),
            [entry("Ukraine", Some(EntityKind::Place), "Ukraine")]
        );
        assert_eq!(
            kinds("Zorbly Moscow waited."),
            [entry("Moscow", Some(EntityKind::Place), "Moscow")]
        );
        assert_eq!(kinds("Zorbly waited."), [entry("Zorbly", None, "Zorbly")]);
    }
}
