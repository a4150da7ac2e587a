//! One person under one row of the all-articles view: an article that only
//! ever says "Obama" lists a person "Obama", another "Barack Obama", and
//! merged by name they were two rows (151 and 127 of the 840 PolNeAR
//! articles). Within an article the document memory joins the two; across
//! articles this does, when the open articles leave little doubt whose
//! surname it is.

use std::collections::HashMap;

use super::CorpusEntity;
use crate::analysis::EntityKind;

/// The share of the articles that give a full name ending in the surname
/// that one person's full names must have: "Clinton" stays on its own
/// beside "Hillary Clinton" (563 articles) and "Bill Clinton" (88),
/// "Obama" joins "Barack Obama" (127, against 9 for "Michelle Obama").
const DOMINANT_SHARE: f64 = 0.9;

/// Joins each one-word person's name to the full name that the open
/// articles give a person with that surname, when one person has at least
/// [`DOMINANT_SHARE`] of those articles and is named in full in at least
/// half as many articles as the surname is used alone (so a given name
/// tagged a person in seven articles, "David", does not join the one
/// "Larry David"). A person is the first and last word of a full name:
/// "Donald Trump" and "Donald J. Trump" are one; the row is the commoner
/// spelling. The joined row adds the surname's mentions and articles and
/// lists it in [`CorpusEntity::also`]. Indices into the result differ from
/// those into `entities`.
pub(super) fn join_short_names(entities: Vec<CorpusEntity>) -> Vec<CorpusEntity> {
    // Articles naming each person (first and last word) in full, and the
    // row of its commonest spelling, per surname.
    let mut people: HashMap<&str, HashMap<&str, Person>> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        let Some((first, last)) = full_name(e) else {
            continue;
        };
        let person = people.entry(last).or_default().entry(first).or_default();
        person.articles += e.articles.len();
        let commoner = person
            .row
            .and_then(|r| entities.get(r))
            .is_none_or(|r| e.articles.len() > r.articles.len());
        if commoner {
            person.row = Some(i);
        }
    }
    // Which row each one-word name joins.
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        if e.kind != EntityKind::Person || e.name.contains(char::is_whitespace) {
            continue;
        }
        let Some(candidates) = people.get(e.name.as_str()) else {
            continue;
        };
        let all: usize = candidates.values().map(|p| p.articles).sum();
        let Some(best) = candidates.values().max_by_key(|p| p.articles) else {
            continue;
        };
        #[allow(clippy::cast_precision_loss)] // article counts, far below 2^52
        let dominant = best.articles as f64 >= DOMINANT_SHARE * all as f64;
        if dominant
            && best.articles * 2 >= e.articles.len()
            && let Some(row) = best.row
        {
            joins.push((i, row));
        }
    }
    merge(entities, &joins)
}

/// A person named in full in the open articles.
#[derive(Debug, Default)]
struct Person {
    /// Articles that name them, summed over the spellings.
    articles: usize,
    /// The row of the spelling most articles use.
    row: Option<usize>,
}

/// The first and last word of a person's name of two words or more.
fn full_name(e: &CorpusEntity) -> Option<(&str, &str)> {
    if e.kind != EntityKind::Person {
        return None;
    }
    let mut words = e.name.split_whitespace();
    let first = words.next()?;
    let last = words.next_back()?;
    Some((first, last))
}

/// `entities` with each `(short, full)` of `joins` merged: the short row's
/// mentions, articles and name go to the full row, and the short row goes.
fn merge(entities: Vec<CorpusEntity>, joins: &[(usize, usize)]) -> Vec<CorpusEntity> {
    // A short row has one word and a full row two or more: none is both.
    let mut entities: Vec<Option<CorpusEntity>> = entities.into_iter().map(Some).collect();
    for &(short, full) in joins {
        let Some(joined) = entities.get_mut(short).and_then(Option::take) else {
            continue;
        };
        let Some(Some(into)) = entities.get_mut(full) else {
            continue;
        };
        into.mentions += joined.mentions;
        into.articles.extend(joined.articles);
        into.articles.sort_unstable();
        into.articles.dedup();
        into.also.push(joined.name);
    }
    entities.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, articles: &[usize]) -> CorpusEntity {
        CorpusEntity {
            kind: EntityKind::Person,
            name: name.to_owned(),
            mentions: articles.len() * 2,
            articles: articles.to_vec(),
            also: Vec::new(),
        }
    }

    fn rows(entities: &[CorpusEntity]) -> Vec<(&str, Vec<usize>, Vec<&str>)> {
        entities
            .iter()
            .map(|e| {
                let also = e.also.iter().map(String::as_str).collect();
                (e.name.as_str(), e.articles.clone(), also)
            })
            .collect()
    }

    #[test]
    fn a_surname_joins_the_one_person_the_articles_name_in_full() {
        let joined = join_short_names(vec![
            person("Barack Obama", &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
            person("Obama", &[5, 10, 11]),
            person("Michelle Obama", &[2]),
        ]);
        assert_eq!(
            rows(&joined),
            [
                ("Barack Obama", (0..12).collect(), vec!["Obama"]),
                ("Michelle Obama", vec![2], vec![]),
            ]
        );
        assert_eq!(joined[0].mentions, 26);
    }

    #[test]
    fn a_surname_two_people_share_stays_on_its_own() {
        // Counts from the 840 PolNeAR articles: 563 and 88 of 651.
        let hillary: Vec<usize> = (0..563).collect();
        let bill: Vec<usize> = (563..651).collect();
        let entities = vec![
            person("Hillary Clinton", &hillary),
            person("Bill Clinton", &bill),
            person("Clinton", &[700, 701]),
        ];
        assert_eq!(join_short_names(entities.clone()), entities);
    }

    #[test]
    fn spellings_of_one_person_count_together_and_the_commoner_is_the_row() {
        let joined = join_short_names(vec![
            person("Donald J. Trump", &[0, 1]),
            person("Donald Trump", &[2, 3, 4, 5, 6, 7, 8, 9]),
            person("Ivanka Trump", &[3]),
            person("Trump", &[10]),
        ]);
        let names: Vec<_> = rows(&joined);
        assert_eq!(names[0], ("Donald J. Trump", vec![0, 1], vec![]));
        assert_eq!(
            names[1],
            (
                "Donald Trump",
                vec![2, 3, 4, 5, 6, 7, 8, 9, 10],
                vec!["Trump"]
            )
        );
    }

    #[test]
    fn a_name_used_alone_far_more_than_in_full_is_not_joined() {
        // "David", a given name the tagger took for a person in seven
        // articles, and "Larry David" in one.
        let entities = vec![
            person("David", &[0, 1, 2, 3, 4, 5, 6]),
            person("Larry David", &[7]),
        ];
        assert_eq!(join_short_names(entities.clone()), entities);
    }

    #[test]
    fn only_people_join() {
        let place = CorpusEntity {
            kind: EntityKind::Place,
            ..person("Washington", &[0])
        };
        let entities = vec![place, person("George Washington", &[1, 2])];
        assert_eq!(join_short_names(entities.clone()), entities);
    }
}
