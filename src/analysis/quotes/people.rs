//! The people a quotation can be attributed to: every person mention outside
//! quotation marks, sorted, with a grammatical gender where a title gives
//! one away ("Ms Hewitt", "Mr Howard"), for resolving "he" and "she".

use std::ops::Range;

use super::super::{Entity, EntityKind};

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
        let genders = entities.iter().map(|e| gender(text, e)).collect();
        Self { mentions, genders }
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

    /// The entity a pronoun (`he`, `she`) at byte `before` stands for: the
    /// nearest person mentioned before it and at or after byte `from`, whose
    /// title does not contradict the pronoun.
    pub(super) fn pronoun(&self, pronoun: &str, before: usize, from: usize) -> Option<usize> {
        let wanted = if pronoun.eq_ignore_ascii_case("she") {
            Gender::Female
        } else {
            Gender::Male
        };
        let k = self.mentions.partition_point(|(r, _)| r.end <= before);
        self.mentions
            .get(..k)?
            .iter()
            .rev()
            .take(LOOK_BACK)
            .take_while(|(r, _)| r.start >= from)
            .find(|(_, i)| {
                let g = self.genders.get(*i).copied().unwrap_or(Gender::Unknown);
                g == Gender::Unknown || g == wanted
            })
            .map(|(_, i)| *i)
    }
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
