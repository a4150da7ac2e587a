//! Document memory: turns the first pass's typed names into entities, then
//! finds every mention of every entity in one scan of the text.
//!
//! Every typed name keeps its type across the document; a person's full name
//! and last name become aliases of that person ("Macron" joins "Emmanuel
//! Macron"). One Aho–Corasick automaton (leftmost-longest, case-sensitive)
//! over all known surface forms then scans the whole text once; a match
//! counts only on word boundaries (no letter or digit right before or after
//! it, so a possessive `'s` stays outside the mention).

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::super::gazetteer::{self, HashMap};
use super::super::{Entity, EntityKind, Progress};
use super::classify::Typed;
use super::slug::Ids;

/// An entity being assembled.
#[derive(Debug)]
struct Draft {
    kind: EntityKind,
    /// The canonical name: gazetteer name for places, fullest form otherwise.
    name: String,
    mentions: Vec<Range<usize>>,
    /// Why it has its kind (see [`Entity::reason`]).
    reason: String,
}

/// Entities under construction and the surface forms that name them.
#[derive(Debug, Default)]
struct Memory {
    drafts: Vec<Draft>,
    /// `(kind, grouping key)` → draft index.
    by_key: HashMap<(EntityKind, String), usize>,
    /// Surface form → draft index.
    surfaces: HashMap<String, usize>,
    /// Given name → the one person whose full name it opens.
    first_names: HashMap<String, usize>,
}

impl Memory {
    /// The draft for `(kind, key)`, created with `name` when new.
    fn draft(&mut self, kind: EntityKind, key: &str, name: &str, reason: &str) -> usize {
        if let Some(&i) = self.by_key.get(&(kind, key.to_owned())) {
            return i;
        }
        self.drafts.push(Draft {
            kind,
            name: name.to_owned(),
            mentions: Vec::new(),
            reason: reason.to_owned(),
        });
        let i = self.drafts.len() - 1;
        self.by_key.insert((kind, key.to_owned()), i);
        i
    }

    /// Makes `surface` name draft `i`, unless it already names something more
    /// specific than misc.
    fn alias(&mut self, surface: &str, i: usize) {
        if !usable_alias(surface) {
            return;
        }
        let replace = match self.surfaces.get(surface) {
            None => true,
            Some(&j) => {
                self.drafts
                    .get(j)
                    .is_some_and(|d| d.kind == EntityKind::Misc)
                    && self
                        .drafts
                        .get(i)
                        .is_some_and(|d| d.kind != EntityKind::Misc)
            }
        };
        if replace {
            self.surfaces.insert(surface.to_owned(), i);
        }
    }

    fn kind_of(&self, i: usize) -> Option<EntityKind> {
        self.drafts.get(i).map(|d| d.kind)
    }
}

/// Whether `surface` may be searched for as a name: not a lone letter, a
/// function word or a weekday or month.
fn usable_alias(surface: &str) -> bool {
    surface.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        && !gazetteer::is_function_word(surface)
        && !gazetteer::is_calendar_word(surface)
}

/// The entities of `text`, in order of first mention, from the first pass's
/// typed names (in reading order). Sets `progress` from 700 to 800 permille.
pub(crate) fn resolve(text: &str, typed: &[Typed], progress: &Progress) -> Vec<Entity> {
    let mut memory = Memory::default();
    remember_places_organisations_misc(&mut memory, typed);
    remember_people(&mut memory, typed);
    remember_unknown(&mut memory, text, typed);
    scan(text, &mut memory, progress);
    finish(memory)
}

/// Places, organisations and misc names: one entity per gazetteer key.
fn remember_places_organisations_misc(memory: &mut Memory, typed: &[Typed]) {
    for t in typed {
        let Some(kind) = t.kind.filter(|k| *k != EntityKind::Person) else {
            continue;
        };
        let name = if kind == EntityKind::Place {
            t.key
        } else {
            t.surface
        };
        let i = memory.draft(kind, t.key, name, &t.reason);
        if let Some(d) = memory.drafts.get_mut(i)
            && kind != EntityKind::Place
            && t.surface.chars().count() > d.name.chars().count()
        {
            t.surface.clone_into(&mut d.name);
        }
        memory.alias(t.surface, i);
    }
}

/// People: fuller names first, so that a shorter form ("Macron", "Mr
/// Macron"'s "Macron") joins the full name it ends.
fn remember_people(memory: &mut Memory, typed: &[Typed]) {
    let mut people: Vec<&Typed> = typed
        .iter()
        .filter(|t| t.kind == Some(EntityKind::Person))
        .collect();
    people.sort_by_key(|t| std::cmp::Reverse(t.surface.split_whitespace().count()));
    let mut names: Vec<(String, usize)> = Vec::new();
    for t in people {
        let joined = names
            .iter()
            .find(|(name, _)| *name == t.surface || name.ends_with(&format!(" {}", t.surface)))
            .map(|(_, i)| *i);
        let i = match joined {
            Some(i) => i,
            None => {
                let i = memory.draft(EntityKind::Person, t.surface, t.surface, &t.reason);
                names.push((t.surface.to_owned(), i));
                i
            }
        };
        if memory
            .surfaces
            .get(t.surface)
            .and_then(|&j| memory.kind_of(j))
            .is_none_or(|k| k == EntityKind::Misc || k == EntityKind::Person)
        {
            memory.surfaces.insert(t.surface.to_owned(), i);
        }
    }
    for (name, i) in &names {
        if let Some(last) = name.split_whitespace().next_back() {
            memory.alias(last, *i);
        }
    }
    memory.first_names = first_name_aliases(&names);
}

/// Given names that open exactly one multi-word person name, with that
/// person: a lone "Tim" may then stand for "Tim Henman".
fn first_name_aliases(names: &[(String, usize)]) -> HashMap<String, usize> {
    let mut seen: HashMap<String, Option<usize>> = HashMap::default();
    for (name, i) in names {
        let mut words = name.split_whitespace();
        if let (Some(first), Some(_)) = (words.next(), words.next()) {
            seen.entry(first.to_owned())
                .and_modify(|e| {
                    if *e != Some(*i) {
                        *e = None;
                    }
                })
                .or_insert(Some(*i));
        }
    }
    seen.into_iter()
        .filter_map(|(first, i)| Some((first, i?)))
        .collect()
}

/// Names no rule typed: known surfaces are left to the scan; a lone given
/// name that opens exactly one person's full name joins that person; others
/// become misc entities unless they only open a sentence or are a lone
/// common word without "the" before it ("Prices", "Moribund"; but "the
/// Independent").
fn remember_unknown(memory: &mut Memory, text: &str, typed: &[Typed]) {
    for t in typed {
        if t.kind.is_some() || memory.surfaces.contains_key(t.surface) {
            continue;
        }
        if let Some(&person) = memory.first_names.get(t.surface) {
            memory.alias(t.surface, person);
            continue;
        }
        let after_the = text
            .get(..t.span.start)
            .and_then(|before| before.trim_end().rsplit(char::is_whitespace).next())
            .is_some_and(|word| word == "the");
        if t.initial || (is_common_phrase(t.surface) && !after_the) {
            continue;
        }
        let i = memory.draft(EntityKind::Misc, t.key, t.surface, "unsure: misc");
        memory.alias(t.surface, i);
    }
}

/// Whether every word of `surface` is a common English word (see
/// [`gazetteer::is_common_word`]): "Prices", "Amount Coupon Yield", "YEAR-AGO".
/// No rule typed such a run, so its capitals come from a heading, a label
/// or a table, not from a name.
fn is_common_phrase(surface: &str) -> bool {
    !surface.contains(' ')
        && surface
            .split('-')
            .filter(|w| !w.is_empty())
            .all(gazetteer::is_common_word)
}

/// Whether the match at `range` of `text` stands on word boundaries.
fn on_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let before = text.get(..range.start).and_then(|s| s.chars().next_back());
    let after = text.get(range.end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Finds every mention of every remembered surface form in one pass, and
/// of its all-capitals form ("LEICESTERSHIRE" in a headline).
fn scan(text: &str, memory: &mut Memory, progress: &Progress) {
    let capitals: Vec<(String, usize)> = memory
        .surfaces
        .iter()
        .filter(|(s, _)| s.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .map(|(s, &i)| (s.to_uppercase(), i))
        .filter(|(upper, _)| !memory.surfaces.contains_key(upper))
        .collect();
    let patterns: Vec<(&String, usize)> = memory
        .surfaces
        .iter()
        .map(|(s, &i)| (s, i))
        .chain(capitals.iter().map(|(s, i)| (s, *i)))
        .collect();
    if patterns.is_empty() {
        return;
    }
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns.iter().map(|(s, _)| s.as_str()))
    else {
        return;
    };
    let total = text.len().max(1);
    let mut mentions: Vec<(usize, Range<usize>)> = Vec::new();
    for (n, m) in automaton.find_iter(text).enumerate() {
        let range = m.range();
        if n % 256 == 0 {
            let done = u32::try_from(100 * range.end / total).unwrap_or(100);
            progress.set(700 + done);
        }
        if !on_word_boundaries(text, &range) {
            continue;
        }
        if let Some(&(_, i)) = patterns.get(m.pattern().as_usize()) {
            mentions.push((i, range));
        }
    }
    for (mut i, range) in mentions {
        // "Ontario-based", "ex-England": the name is part of a word that is
        // no place or team, so the mention goes to a misc entity of its own.
        if in_compound(text, &range) && memory.kind_of(i).is_some_and(|k| k != EntityKind::Misc) {
            let surface = text.get(range.clone()).unwrap_or_default();
            let key = format!("{surface}-");
            i = memory.draft(
                EntityKind::Misc,
                &key,
                surface,
                "compound: name in a hyphenated word",
            );
        }
        if let Some(d) = memory.drafts.get_mut(i) {
            d.mentions.push(range);
        }
    }
}

/// Whether the match at `range` of `text` is joined by a hyphen to a
/// lower-case word: "Ontario-based", "ex-England", "Amman-bound".
fn in_compound(text: &str, range: &Range<usize>) -> bool {
    let after = text.get(range.end..).unwrap_or_default();
    let before = text.get(..range.start).unwrap_or_default();
    let lower_after = after
        .strip_prefix('-')
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_lowercase);
    let lower_before = before
        .strip_suffix('-')
        .and_then(|s| s.chars().next_back())
        .is_some_and(char::is_lowercase);
    lower_after || lower_before
}

/// Drafts with mentions, as entities in order of first mention, with ids.
fn finish(memory: Memory) -> Vec<Entity> {
    let mut drafts: Vec<Draft> = memory
        .drafts
        .into_iter()
        .filter(|d| !d.mentions.is_empty())
        .collect();
    drafts.sort_by_key(|d| d.mentions.first().map_or(usize::MAX, |m| m.start));
    let mut ids = Ids::default();
    drafts
        .into_iter()
        .map(|d| Entity {
            id: ids.id_for(&d.name),
            kind: d.kind,
            name: d.name,
            mentions: d.mentions,
            reason: d.reason,
        })
        .collect()
}
