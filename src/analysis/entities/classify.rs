//! Classification of one candidate name into an entity kind, from the
//! gazetteers and the words around it.
//!
//! Rules, in order: the place gazetteer; the organisation gazetteer; an
//! organisation cue word in the name; a lone all-caps acronym (an
//! organisation); a demonym (misc); a preceding title, a reporting verb next
//! to the name ("X said", "said X", "according to X") or a known given name
//! first (a person). A name none of these rules types is left unknown for
//! the document memory to settle.

use std::borrow::Cow;
use std::ops::Range;

use super::super::EntityKind;
use super::super::gazetteer::{self, PlaceKind};
use super::candidates::Candidate;
use super::caps;
use super::tokens::{Gap, Word};

/// A candidate with its type, as the first pass sees it. Borrows the
/// document text (`'a`): one is made for every capitalised run of words, so
/// it allocates nothing unless a reason is composed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Typed<'a> {
    /// Byte range of the name in the document text, end-exclusive.
    pub(crate) span: Range<usize>,
    /// The name as written: the text at `span`.
    pub(crate) surface: &'a str,
    /// Its kind, or `None` when no rule applied.
    pub(crate) kind: Option<EntityKind>,
    /// The key that groups names of one entity: the gazetteer's canonical
    /// name for listed places and organisations, else the surface.
    pub(crate) key: &'a str,
    /// Whether the name opens its sentence, so its capital says nothing.
    pub(crate) initial: bool,
    /// Why it got its kind (`"gazetteer: place"`, `"title: President"`, …).
    pub(crate) reason: Cow<'static, str>,
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
pub(crate) fn classify<'a>(
    text: &'a str,
    words: &[Word<'_>],
    candidate: &Candidate,
) -> Option<Typed<'a>> {
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

fn classify_words<'a>(
    text: &'a str,
    words: &[Word<'_>],
    range: Range<usize>,
    after_title: bool,
) -> Option<Typed<'a>> {
    let first = words.get(range.start)?;
    let last = words.get(range.end.checked_sub(1)?)?;
    let span = first.span.start..last.span.end;
    let surface = text.get(span.clone())?;
    let single = range.len() == 1;
    let initial = first.initial;
    let typed = |kind: Option<EntityKind>, key: &'a str, reason: Cow<'static, str>| Typed {
        span: span.clone(),
        surface,
        kind,
        key,
        initial,
        reason,
    };
    let looks_like_a_name = range
        .clone()
        .filter_map(|i| words.get(i))
        .all(|w| !w.is_acronym() || w.text.chars().count() < 2);
    let (town, place) = match gazetteer::place_entry(surface) {
        Some((canonical, PlaceKind::Town)) => (Some(canonical), None),
        place => (None, place),
    };
    let country = place.is_some_and(|(_, k)| k == PlaceKind::Country);
    if after_title && looks_like_a_name && !country {
        return Some(typed(Some(EntityKind::Person), surface, "title".into()));
    }
    if let Some((canonical, kind)) = place {
        return Some(typed(
            Some(EntityKind::Place),
            canonical,
            kind.reason().into(),
        ));
    }
    if let Some(organisation) = gazetteer::organisation(surface) {
        return Some(typed(
            Some(EntityKind::Organisation),
            organisation,
            "gazetteer: organisation".into(),
        ));
    }
    if range
        .clone()
        .skip(1)
        .filter_map(|i| words.get(i))
        .any(|w| w.gap == Gap::Ampersand)
    {
        return Some(typed(
            Some(EntityKind::Organisation),
            surface,
            "cue: &".into(),
        ));
    }
    // The head of "Treaty of Rome" is the word before "of".
    let head = range
        .clone()
        .filter_map(|i| words.get(i))
        .take_while(|w| !matches!(w.text, "of" | "for"))
        .last()
        .unwrap_or(last);
    let event = [last, head]
        .into_iter()
        .find(|w| gazetteer::is_event_cue(w.text));
    if !single && let Some(cue) = event {
        let reason = format!("cue: {} (event)", cue.text);
        return Some(typed(Some(EntityKind::Misc), surface, reason.into()));
    }
    let cue = range
        .clone()
        .filter_map(|i| words.get(i))
        .find(|w| gazetteer::is_organisation_cue(w.text));
    if let Some(cue) = cue
        && !(single && initial)
    {
        let reason = format!("cue: {}", cue.text);
        return Some(typed(
            Some(EntityKind::Organisation),
            surface,
            reason.into(),
        ));
    }
    if !single && gazetteer::is_place_cue(last.text) {
        let reason = format!("cue: {}", last.text);
        return Some(typed(Some(EntityKind::Place), surface, reason.into()));
    }
    if is_dateline(text, words, &range) {
        return Some(typed(Some(EntityKind::Place), surface, "dateline".into()));
    }
    if single && first.is_acronym() {
        // "GERMANY - Bunds fell": a place name in capitals, not an acronym.
        if surface.chars().count() >= 4
            && let Some((canonical, kind)) = gazetteer::place_entry(&caps::title_case(surface))
        {
            return Some(typed(
                Some(EntityKind::Place),
                canonical,
                format!("{} (capitals)", kind.reason()).into(),
            ));
        }
        // "NOTE", "ORDERS": a heading or label word in capitals. Shorter
        // words are more often acronyms ("SEC", "WHO").
        let label = surface.len() >= 4 && gazetteer::is_common_word(surface);
        if !gazetteer::is_common_acronym(surface) && !label {
            return Some(typed(
                Some(EntityKind::Organisation),
                surface,
                "acronym".into(),
            ));
        }
    }
    if gazetteer::is_demonym(surface) {
        return Some(typed(
            Some(EntityKind::Misc),
            surface,
            "gazetteer: demonym".into(),
        ));
    }
    if !single && gazetteer::is_demonym(last.text) {
        return Some(typed(
            Some(EntityKind::Misc),
            surface,
            "gazetteer: demonym phrase".into(),
        ));
    }
    if !looks_like_a_name {
        return Some(typed(None, surface, "unknown".into()));
    }
    if before_country_in_brackets(text, last.span.end) {
        return Some(typed(
            Some(EntityKind::Person),
            surface,
            "name (country)".into(),
        ));
    }
    if let Some(reason) = near_reporting_verb(words, &range) {
        return Some(typed(Some(EntityKind::Person), surface, reason.into()));
    }
    if !single && gazetteer::is_first_name(first.text) {
        return Some(typed(
            Some(EntityKind::Person),
            surface,
            "gazetteer: given name".into(),
        ));
    }
    let names_a_place = range.clone().filter_map(|i| words.get(i)).any(|w| {
        gazetteer::place_entry(w.text).is_some_and(|(_, k)| k != PlaceKind::Town)
            || gazetteer::is_demonym(w.text)
    });
    // "Zorbly Moscow" opening a sentence: "Zorbly" may be any word.
    let unsure_opener = initial && !is_known_word(first.text);
    if !single && names_a_place && !unsure_opener {
        return Some(typed(
            Some(EntityKind::Organisation),
            surface,
            "shape: name with a place".into(),
        ));
    }
    let surname = gazetteer::is_last_name(last.text) && !gazetteer::is_first_name(last.text);
    if !initial && surname && is_plain_name(last.text) {
        return Some(typed(
            Some(EntityKind::Person),
            surface,
            "gazetteer: surname".into(),
        ));
    }
    if let Some(town) = town {
        return Some(typed(
            Some(EntityKind::Place),
            town,
            PlaceKind::Town.reason().into(),
        ));
    }
    if let Some(reason) = place_preposition(words, range.start) {
        return Some(typed(Some(EntityKind::Place), surface, reason.into()));
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
            surface,
            "shape: personal name".into(),
        ));
    }
    Some(typed(None, surface, "unknown".into()))
}

/// Whether the words at `range` are a wire-story dateline: capitals opening
/// the sentence, not starting with a given name, then a comma and a listed
/// place or a month ("KHASAVYURT , Russia 1996-08-30", "LONDON, Aug 30";
/// not "JOHN SMITH, Ohio").
fn is_dateline(text: &str, words: &[Word<'_>], range: &Range<usize>) -> bool {
    let (Some(last), Some(next)) = (
        range.end.checked_sub(1).and_then(|i| words.get(i)),
        words.get(range.end),
    ) else {
        return false;
    };
    let capitals = words.get(range.clone()).is_some_and(|run| {
        run.iter()
            .all(|w| w.text.chars().all(|c| !c.is_lowercase()))
    });
    let comma = text
        .get(last.span.end..next.span.start)
        .is_some_and(|gap| gap.trim() == ",");
    let month = next
        .text
        .get(..3)
        .is_some_and(|m| gazetteer::is_calendar_word(m) || is_month_abbreviation(m));
    let given_name = words
        .get(range.start)
        .is_some_and(|w| gazetteer::is_first_name(&caps::title_case(w.text)));
    range.start == 0
        && capitals
        && comma
        && !given_name
        && (gazetteer::place(next.text).is_some() || month)
}

/// Whether `word` is a three-letter month abbreviation ("Aug").
fn is_month_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "May"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// Whether the text from byte `end` goes on with a country in brackets,
/// as results lists name athletes: "Sandrine Testud ( France ) beat …".
fn before_country_in_brackets(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..) else {
        return false;
    };
    let Some(inner) = rest.trim_start().strip_prefix('(') else {
        return false;
    };
    let Some((inside, _)) = inner.split_once(')') else {
        return false;
    };
    let inside = inside.trim();
    inside.len() < 40
        && (gazetteer::place_entry(inside).is_some_and(|(_, k)| k == PlaceKind::Country)
            || gazetteer::is_demonym(inside))
}

/// The reason phrase when the word before word `start` makes the name
/// there a place: "in X", "near X", "the city of X".
fn place_preposition(words: &[Word<'_>], start: usize) -> Option<&'static str> {
    let text = |i: usize| words.get(i).map_or("", |w| w.text);
    let spaced = |i: usize| words.get(i).is_some_and(|w| w.gap == Gap::Space);
    let before = start.checked_sub(1)?;
    if !spaced(start) {
        return None;
    }
    match text(before) {
        "in" | "near" | "outside" => Some("in-X: place"),
        "of" if spaced(before)
            && before >= 1
            && matches!(
                text(before - 1),
                "city" | "town" | "village" | "province" | "region" | "district" | "capital"
            ) =>
        {
            Some("city-of-X: place")
        }
        _ => None,
    }
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
            .map(|t| (t.surface.to_owned(), t.kind, t.key.to_owned()))
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
    fn events_demonym_phrases_athletes_and_places_from_context() {
        use EntityKind::*;
        assert_eq!(
            kinds(
                "Fans of the World Cup and South Korean fans met Ilka Dravnik ( France ) in Zubrovka."
            ),
            [
                entry("World Cup", Some(Misc), "World Cup"),
                entry("South Korean", Some(Misc), "South Korean"),
                entry("Ilka Dravnik", Some(Person), "Ilka Dravnik"),
                entry("France", Some(Place), "France"),
                entry("Zubrovka", Some(Place), "Zubrovka"),
            ]
        );
        assert_eq!(
            kinds("Fans bought shares in Real Madrid in Stansted, the town of Velvik."),
            [
                entry("Real Madrid", Some(Organisation), "Real Madrid"),
                entry("Stansted", Some(Place), "Stansted"),
                entry("Velvik", Some(Place), "Velvik"),
            ]
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
