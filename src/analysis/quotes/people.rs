//! The people a quotation can be attributed to: every person mention outside
//! quotation marks, sorted, with a grammatical gender where a title gives
//! one away ("Ms Hewitt", "Mr Howard"), for resolving "he" and "she".

use std::ops::Range;

use super::super::{Entity, EntityKind, gazetteer};

/// What a title says about the person it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
    Unknown,
}

/// Titles that name a man.
const MALE_TITLES: &[&str] = &[
    "Mr",
    "Sir",
    "Lord",
    "King",
    "Prince",
    "Duke",
    "Congressman",
    "Chairman",
    "Spokesman",
];

/// Titles that name a woman.
const FEMALE_TITLES: &[&str] = &[
    "Ms",
    "Mrs",
    "Miss",
    "Dame",
    "Lady",
    "Queen",
    "Princess",
    "Duchess",
    "Baroness",
    "Congresswoman",
    "Chairwoman",
    "Spokeswoman",
];

/// How many mentions a pronoun looks back over, at most.
const LOOK_BACK: usize = 32;

/// Person mentions for attribution.
pub(super) struct People {
    /// `(byte range, entity index)`, sorted by start, outside quotations.
    mentions: Vec<(Range<usize>, usize)>,
    /// For each mention, whether a reporting verb follows it ("Mr Johnson
    /// told", "Waterson said"): the person speaking, whom a later "he"
    /// most likely means.
    speaks: Vec<bool>,
    /// Gender of each entity (indexed like the entities).
    genders: Vec<Gender>,
}

impl People {
    /// The person mentions of `entities` in `text`, leaving out those inside
    /// the `quoted` spans (sorted by start, outermost quotations only): the
    /// people a speaker names are not the speaker.
    pub(super) fn new(text: &str, entities: &[Entity], quoted: &[Range<usize>]) -> Self {
        let inside = |at: usize| {
            let k = quoted.partition_point(|q| q.start <= at);
            k.checked_sub(1)
                .and_then(|k| quoted.get(k))
                .is_some_and(|q| at < q.end)
        };
        let mut mentions: Vec<(Range<usize>, usize)> = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Person)
            .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.clone(), i)))
            .filter(|(m, _)| !inside(m.start))
            .collect();
        mentions.sort_by_key(|(r, _)| r.start);
        let speaks = mentions.iter().map(|(r, _)| speaks(text, r.end)).collect();
        let genders = entities.iter().map(|e| gender(text, e)).collect();
        Self {
            mentions,
            speaks,
            genders,
        }
    }

    /// The person mention that ends exactly at byte `end`. (Mentions never
    /// overlap, so sorted by start they are sorted by end too.)
    pub(super) fn ending_at(&self, end: usize) -> Option<(Range<usize>, usize)> {
        let k = self.mentions.partition_point(|(r, _)| r.end < end);
        self.mentions.get(k).filter(|(r, _)| r.end == end).cloned()
    }

    /// The first person mention inside `range`, if any.
    pub(super) fn first_in(&self, range: Range<usize>) -> Option<(Range<usize>, usize)> {
        let k = self
            .mentions
            .partition_point(|(r, _)| r.start < range.start);
        self.mentions
            .get(k)
            .filter(|(r, _)| r.end <= range.end)
            .cloned()
    }

    /// The entity a pronoun (`he`, `she`) at byte `before` stands for: among
    /// the people mentioned before it and at or after byte `from` whose
    /// title does not contradict the pronoun, the nearest one a reporting
    /// verb follows ("Waterson said he was …"), or else the nearest one.
    pub(super) fn pronoun(&self, pronoun: &str, before: usize, from: usize) -> Option<usize> {
        let wanted = if pronoun.eq_ignore_ascii_case("she") {
            Gender::Female
        } else {
            Gender::Male
        };
        let k = self.mentions.partition_point(|(r, _)| r.end <= before);
        let fitting: Vec<(usize, bool)> = (0..k)
            .rev()
            .take(LOOK_BACK)
            .filter_map(|m| {
                let (range, entity) = self.mentions.get(m)?;
                let g = self
                    .genders
                    .get(*entity)
                    .copied()
                    .unwrap_or(Gender::Unknown);
                let fits = g == Gender::Unknown || g == wanted;
                let speaks = self.speaks.get(m).copied().unwrap_or(false);
                (range.start >= from && fits).then_some((*entity, speaks))
            })
            .collect();
        fitting
            .iter()
            .find(|(_, speaks)| *speaks)
            .or_else(|| fitting.first())
            .map(|(entity, _)| *entity)
    }
}

impl People {
    /// The person mentioned last before byte `before` (and at or after byte
    /// `from`), if a reporting verb follows that mention ("Mr Howard
    /// said."); `None` when another person was mentioned after the speaker.
    pub(super) fn last_speaker(&self, before: usize, from: usize) -> Option<usize> {
        let k = self.mentions.partition_point(|(r, _)| r.end <= before);
        let m = k.checked_sub(1)?;
        let (range, entity) = self.mentions.get(m)?;
        let speaks = self.speaks.get(m).copied().unwrap_or(false);
        (range.start >= from && speaks).then_some(*entity)
    }
}

/// Whether a reporting verb (maybe after one helper word: "also said")
/// follows byte `end` of `text`, right away or after an apposition
/// ("David Frost, director general of the chambers, warned").
fn speaks(text: &str, end: usize) -> bool {
    let mut to = (end + 120).min(text.len());
    while to < text.len() && !text.is_char_boundary(to) {
        to += 1;
    }
    let mut after = text.get(end..to).unwrap_or("");
    if let Some(apposition) = after.strip_prefix(',') {
        let Some((_, rest)) = apposition.split_once(',') else {
            return false;
        };
        after = rest;
    }
    if !after.starts_with(char::is_whitespace) {
        return false;
    }
    let mut words = after
        .split_whitespace()
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()));
    let first = words.next().unwrap_or("");
    let second = words.next().unwrap_or("");
    gazetteer::is_reporting_verb(first)
        || (matches!(first, "also" | "later" | "then" | "has" | "had")
            && gazetteer::is_reporting_verb(second))
}

/// The gender the titles before `entity`'s mentions give it.
fn gender(text: &str, entity: &Entity) -> Gender {
    if entity.kind != EntityKind::Person {
        return Gender::Unknown;
    }
    for mention in entity.mentions.iter().take(LOOK_BACK) {
        let from = mention.start.saturating_sub(16);
        let mut from = from;
        while from > 0 && !text.is_char_boundary(from) {
            from -= 1;
        }
        let before = text.get(from..mention.start).unwrap_or("");
        let title = before
            .split_whitespace()
            .next_back()
            .map_or("", |w| w.trim_end_matches('.'));
        if MALE_TITLES.contains(&title) {
            return Gender::Male;
        }
        if FEMALE_TITLES.contains(&title) {
            return Gender::Female;
        }
    }
    Gender::Unknown
}
