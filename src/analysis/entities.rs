//! Named entity recognition: people, places, organisations and misc names
//! (demonyms) in an article, each with every byte range that mentions it.
//!
//! A rule-based recogniser over hand-written gazetteers (see
//! [`super::gazetteer`]), in two passes:
//! 1. per sentence, [`tokens`] cuts words with byte spans, [`candidates`]
//!    gathers runs of capitalised words split at titles, and [`classify`]
//!    types each from gazetteers and context (titles, reporting verbs,
//!    given names);
//! 2. [`memory`] merges the typed names into entities (a person's last name
//!    becomes an alias) and finds all their mentions in one Aho–Corasick scan
//!    of the whole text.

mod candidates;
mod caps;
mod classify;
mod memory;
pub(crate) mod slug;
mod sport;
pub(crate) mod tokens;

use std::ops::Range;

use super::{Entity, EntityKind, Progress, gazetteer};
use crate::document::Document;

/// Named entities of `doc`, in order of first mention.
///
/// `sentences` are byte ranges into [`Document::text`] (end-exclusive), as
/// [`super::sentences::segment`] returns them. Each entity's mentions are
/// byte ranges into the text, end-exclusive, sorted and non-overlapping;
/// titles and possessive `'s` lie outside them. Sets `progress` from 100 to
/// 800 permille.
pub fn recognise(doc: &Document, sentences: &[Range<usize>], progress: &Progress) -> Vec<Entity> {
    let text = doc.text();
    let total = text.len().max(1);
    let mut typed = Vec::new();
    let mut sport = sport::Evidence::default();
    // Indices into `typed` of names that are teams if the text is about sport.
    let mut team_slots = Vec::new();
    let mut venues = Vec::new();
    for (n, sentence) in sentences.iter().enumerate() {
        let words = tokens::words(text, sentence.clone());
        if caps::is_caps_line(text, sentence.clone()) {
            let table = is_caps_table_line(&words);
            sport.add(&words, table);
            for mut t in caps::typed(text, sentence.clone(), &words) {
                if table && t.kind == Some(EntityKind::Place) && !t.reason.contains("country") {
                    t.kind = Some(EntityKind::Organisation);
                    t.reason = format!("table: team ({})", t.reason).into();
                }
                typed.push(t);
            }
            continue;
        }
        let table = is_table_line(&words);
        sport.add(&words, table);
        for candidate in candidates::candidates(&words) {
            let Some(mut t) = classify::classify(text, &words, &candidate) else {
                continue;
            };
            let place = t.kind == Some(EntityKind::Place) && !t.reason.ends_with("country");
            if table && (place || t.kind.is_none()) && !sport::is_label(text, &t) {
                t.kind = Some(EntityKind::Organisation);
                t.reason = format!("table: team ({})", t.reason).into();
            } else if sport::is_team_slot(text, &words, &t) {
                team_slots.push(typed.len());
            } else if sport::is_venue(&words, &t) {
                venues.push(typed.len());
            }
            typed.push(t);
        }
        if n % 64 == 0 {
            let done = u32::try_from(600 * sentence.end.min(total) / total).unwrap_or(600);
            progress.set(100 + done);
        }
    }
    if sport.is_sport() {
        // A lone "Alan" or "Caddick" is more likely a player named in full
        // elsewhere than a team.
        let people: gazetteer::HashSet<&str> = typed
            .iter()
            .filter(|t| t.kind == Some(EntityKind::Person) && t.surface.contains(' '))
            .flat_map(|t| t.surface.split_whitespace())
            .collect();
        let teams: Vec<usize> = team_slots
            .into_iter()
            .filter(|&i| {
                typed.get(i).is_some_and(|t| {
                    t.kind == Some(EntityKind::Place) || !people.contains(t.surface)
                })
            })
            .collect();
        for i in teams {
            if let Some(t) = typed.get_mut(i) {
                sport::as_team(t);
            }
        }
        for i in venues {
            if let Some(t) = typed.get_mut(i) {
                sport::as_venue(t);
            }
        }
    }
    progress.set(700);
    memory::resolve(text, &typed, progress)
}

/// Whether a sentence is a line of a results table ("Hamburg 2 Bochum 1"):
/// it has a number and no lower-case word. Cities and regions there name
/// teams, which are organisations.
fn is_table_line(words: &[tokens::Word<'_>]) -> bool {
    let number = words.iter().any(|w| is_number(w.text));
    let lower = words
        .iter()
        .any(|w| w.text.chars().next().is_some_and(char::is_lowercase));
    number && !lower && !is_dateline(words)
}

/// Whether an all-capitals sentence is a line of a results table or fixture
/// list: it has a number, or "AT" / "V" / "VS" between two names
/// ("CHICAGO AT TORONTO").
fn is_caps_table_line(words: &[tokens::Word<'_>]) -> bool {
    let marker = words
        .iter()
        .any(|w| is_number(w.text) || matches!(w.text, "AT" | "V" | "VS" | "V." | "VS."));
    marker && !is_dateline(words)
}

/// Whether `word` starts with a digit.
fn is_number(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Whether a sentence holds a year ("LONDON 1996-08-30", "Paris, May 5,
/// 2003"): a dateline, not a results line.
fn is_dateline(words: &[tokens::Word<'_>]) -> bool {
    words.iter().any(|w| {
        w.text.len() == 4
            && (w.text.starts_with("19") || w.text.starts_with("20"))
            && w.text.bytes().all(|b| b.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::super::sentences;
    use super::*;

    fn entities(text: &str) -> Vec<(EntityKind, String, Vec<String>)> {
        let doc = Document::from_bytes(text.as_bytes(), None);
        let sentences = sentences::segment(&doc);
        recognise(&doc, &sentences, &Progress::default())
            .into_iter()
            .map(|e| {
                let mentions = e.mentions.iter().map(|m| doc.slice(m.clone()).to_owned());
                (e.kind, e.name, mentions.collect())
            })
            .collect()
    }

    fn entity(
        kind: EntityKind,
        name: &str,
        mentions: &[&str],
    ) -> (EntityKind, String, Vec<String>) {
        (
            kind,
            name.to_owned(),
            mentions.iter().map(|m| (*m).to_owned()).collect(),
        )
    }

    #[test]
    fn document_memory_joins_a_surname_to_the_full_name() {
        use EntityKind::*;
        assert_eq!(
            entities(
                "Orlov arrived late.\nDutch Prime Minister Pieter Orlov's car broke down near Orlov Street, Orlov said."
            ),
            [
                entity(Person, "Pieter Orlov", &["Orlov", "Pieter Orlov", "Orlov"]),
                entity(Misc, "Dutch", &["Dutch"]),
                entity(Place, "Orlov Street", &["Orlov Street"]),
            ]
        );
    }

    #[test]
    fn a_lone_common_word_in_capitals_is_no_name_unless_after_the() {
        use EntityKind::*;
        assert_eq!(
            entities(
                "MARKETS - Prices of bonds fell.\nMay 13 Arrive in Lisbon.\nAccording to the Independent, shares fell."
            ),
            [
                entity(Place, "Lisbon", &["Lisbon"]),
                entity(Misc, "Independent", &["Independent"]),
            ]
        );
    }

    #[test]
    fn datelines_and_place_names_in_capitals_are_places() {
        use EntityKind::*;
        assert_eq!(
            entities(
                "KORVASK , Russia 1996-08-30\nITALY - Shares firmed. NOTE - Prices are final."
            ),
            [
                entity(Place, "KORVASK", &["KORVASK"]),
                entity(Place, "Russia", &["Russia"]),
                entity(Place, "Italy", &["ITALY"]),
            ]
        );
        // Capitals and a comma, but a given name: no dateline.
        let named = entities("JOHN BLAKE , Ohio , won the race.");
        assert!(
            named
                .iter()
                .all(|(kind, name, _)| !(*kind == Place && name == "JOHN BLAKE")),
            "{named:?}"
        );
    }

    #[test]
    fn long_names_of_institutions_and_events_go_on_past_of_and_and() {
        use EntityKind::*;
        assert_eq!(
            entities(
                "The Department for Work and Pensions and the Treaty of Rome agreed in Leeds."
            ),
            [
                entity(
                    Organisation,
                    "Department for Work and Pensions",
                    &["Department for Work and Pensions"]
                ),
                entity(Misc, "Treaty of Rome", &["Treaty of Rome"]),
                entity(Place, "Leeds", &["Leeds"]),
            ]
        );
    }

    #[test]
    fn a_lone_given_name_joins_its_only_person() {
        use EntityKind::*;
        assert_eq!(
            entities("Coach Tim Okoro left. It was Tim's call, the club said."),
            [entity(Person, "Tim Okoro", &["Tim Okoro", "Tim"])]
        );
    }

    #[test]
    fn headlines_in_capitals_mention_known_names() {
        use EntityKind::*;
        assert_eq!(
            entities("Coach Tim Okoro left.\nOKORO QUITS"),
            [entity(Person, "Tim Okoro", &["Tim Okoro", "OKORO"])]
        );
    }

    #[test]
    fn ampersand_firms_and_names_inside_hyphenated_words() {
        use EntityKind::*;
        assert_eq!(
            entities("Analysts at Varga & Sons met the Ontario-based staff in Ontario."),
            [
                entity(Organisation, "Varga & Sons", &["Varga & Sons"]),
                entity(Misc, "Ontario", &["Ontario"]),
                entity(Place, "Ontario", &["Ontario"]),
            ]
        );
    }

    #[test]
    fn an_ampersand_between_two_places_joins_no_firm() {
        use EntityKind::*;
        assert_eq!(
            entities("Officials in Berlin & Warsaw welcomed the trip."),
            [
                entity(Place, "Berlin", &["Berlin"]),
                entity(Place, "Warsaw", &["Warsaw"]),
            ]
        );
    }

    #[test]
    fn canonical_places_and_possessives() {
        use EntityKind::*;
        let found = entities("America's envoy flew from the US to the U.S. embassy in Britain.");
        assert_eq!(
            found,
            [
                entity(Place, "United States", &["America", "US", "U.S."]),
                entity(Place, "United Kingdom", &["Britain"]),
            ]
        );
    }

    #[test]
    fn dates_titles_and_pronouns_are_never_entities() {
        let found = entities("On Monday, President Vance said He would visit in Super April.");
        assert_eq!(found, [entity(EntityKind::Person, "Vance", &["Vance"])]);
    }

    #[test]
    fn sports_reports_name_teams_after_places() {
        use EntityKind::*;
        let kinds = |text: &str| -> Vec<(EntityKind, String)> {
            entities(text).into_iter().map(|(k, n, _)| (k, n)).collect()
        };
        assert_eq!(
            kinds(
                "Rain fell as Kestrelshire beat Leeds by an innings at Brackley Park.
The bowler took four wickets in the match."
            ),
            [
                (Organisation, "Kestrelshire".to_owned()),
                (Organisation, "Leeds".to_owned()),
                (Place, "Brackley Park".to_owned()),
            ]
        );
        assert_eq!(
            kinds("Rain fell as Kestrelshire officials met in Leeds."),
            [
                (Misc, "Kestrelshire".to_owned()),
                (Place, "Leeds".to_owned())
            ]
        );
        assert_eq!(
            kinds("Granby 2 Kestrel Rovers 1\nLONDON 1996-08-30"),
            [
                (Organisation, "Granby".to_owned()),
                (Organisation, "Kestrel Rovers".to_owned()),
                (Place, "London".to_owned()),
            ]
        );
    }

    #[test]
    fn ids_are_slugs_made_unique() {
        let doc = Document::from_bytes("Kremlin staff met in Kremlin Square.".as_bytes(), None);
        let found = recognise(&doc, &sentences::segment(&doc), &Progress::default());
        let ids: Vec<&str> = found.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["kremlin", "kremlin-square"]);
    }
}
