//! The people a quotation can be attributed to: every person mention outside
//! quotation marks, sorted, with a grammatical gender where a title gives
//! one away ("Ms Hewitt", "Mr Howard"), for resolving "he" and "she".

use std::ops::Range;

use super::super::entities::tokens;
use super::super::{Entity, EntityKind, gazetteer};
use super::genders::{self, Gender};

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
    /// For each mention, whether no preposition comes right before it (a
    /// name after "with" or "to" is seldom what a later "he" means).
    subject: Vec<bool>,
    /// Gender of each entity (indexed like the entities).
    genders: Vec<Gender>,
    /// Sentences of the text (byte ranges, sorted), to find the sentence
    /// a mention or pronoun is in.
    sentence_starts: Vec<usize>,
    /// Sentences opened by "He" or "She" outside quotations, resolved in
    /// reading order: `(byte offset of the pronoun, entity, whether a
    /// reporting verb follows)`, sorted. A subject pronoun keeps its
    /// sentence about the person it stands for, so a later "he" may mean
    /// that person rather than someone the sentence only names ("She said
    /// her model was Maria Costa. … She added …").
    subjects: Vec<(usize, usize, bool)>,
    /// Sentences that open with a nominal speaker and a verb of saying
    /// ("A spokeswoman for the council said …"), in reading order.
    nominals: Vec<Nominal>,
}

/// A nominal speaker opening a sentence: a person a later "he" or "she"
/// may mean, though no name is given.
struct Nominal {
    /// Byte offset of the sentence.
    at: usize,
    /// Index of the sentence.
    sentence: usize,
    /// The words naming the speaker ("The museum spokeswoman").
    phrase: String,
    /// The gender the noun gives ("spokeswoman": female).
    gender: Gender,
}

impl People {
    /// The person mentions of `entities` in `text`, leaving out those inside
    /// the `quoted` spans (sorted by start, outermost quotations only): the
    /// people a speaker names are not the speaker. `sentences` are the
    /// text's sentences (byte ranges, sorted).
    pub(super) fn new(
        text: &str,
        entities: &[Entity],
        quoted: &[Range<usize>],
        sentences: &[Range<usize>],
    ) -> Self {
        let mentions = mentions_outside(entities, quoted, &[EntityKind::Person]);
        let speaking = mentions.iter().map(|(r, _)| speaks(text, r.end)).collect();
        let subject = mentions
            .iter()
            .map(|(r, _)| !after_preposition(text, r.start))
            .collect();
        let genders = entities.iter().map(|e| gender(text, e)).collect();
        let mut people = Self {
            mentions,
            speaks: speaking,
            subject,
            genders,
            sentence_starts: sentences.iter().map(|r| r.start).collect(),
            subjects: Vec::new(),
            nominals: Vec::new(),
        };
        for (k, sentence) in sentences.iter().enumerate() {
            if inside(quoted, sentence.start) {
                continue;
            }
            if let Some((phrase, gender)) = nominal_subject(text, sentence.clone()) {
                people.nominals.push(Nominal {
                    at: sentence.start,
                    sentence: k,
                    phrase,
                    gender,
                });
            }
        }
        for sentence in sentences {
            let initial = subject_pronoun(text, sentence.clone()).map(|(at, p)| (at, p, at));
            // ", he claimed," stands for someone before the sentence: the
            // words around it are what he claimed, not who.
            let parenthetical = parenthetical_pronouns(text, sentence.clone())
                .into_iter()
                .map(|(at, p)| (at, p, sentence.start));
            for (at, pronoun, before) in initial.into_iter().chain(parenthetical) {
                if inside(quoted, at) {
                    continue;
                }
                let from = at.saturating_sub(PRONOUN_REACH);
                if people.nominal_for(pronoun, before, from).is_some() {
                    continue;
                }
                if let Some(entity) = people.pronoun(pronoun, before, from) {
                    let speaks = speaks(text, at + pronoun.len());
                    people.subjects.push((at, entity, speaks));
                }
            }
        }
        people
    }

    /// The index of the sentence holding byte `at`.
    fn sentence_of(&self, at: usize) -> usize {
        self.sentence_starts.partition_point(|&s| s <= at)
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
    /// title or given name does not contradict the pronoun, the nearest one
    /// a reporting verb follows ("Waterson said he was …"), or else the
    /// nearest one no preposition comes before, or else the nearest one.
    /// When the nearest fitting person is in an earlier sentence, the
    /// choice is made among that sentence's people, first mentioned first:
    /// a sentence's subject is what a following "he" most often means
    /// (centering theory: Grosz, Joshi & Weinstein 1995) — "Mr Johnson was
    /// asked why Mr Smith left. He replied: …" is Mr Johnson.
    pub(super) fn pronoun(&self, pronoun: &str, before: usize, from: usize) -> Option<usize> {
        let mut fitting = self.fitting(pronoun, before, from);
        if let Some(&(_, _, _, nearest)) = fitting.first()
            && nearest < self.sentence_of(before)
        {
            // That sentence's people, in reading order.
            fitting.retain(|(_, _, _, sentence)| *sentence == nearest);
            fitting.reverse();
        }
        fitting
            .iter()
            .find(|(_, speaks, _, _)| *speaks)
            .or_else(|| fitting.iter().find(|(_, _, subject, _)| *subject))
            .or_else(|| fitting.first())
            .map(|(entity, _, _, _)| *entity)
    }

    /// The nominal speaker a pronoun at byte `before` stands for, when one
    /// opens a sentence at or after byte `from`, its noun fits the
    /// pronoun, and no fitting person is named in a later sentence: "The
    /// museum spokeswoman said … “…,” she added."
    pub(super) fn nominal_for(&self, pronoun: &str, before: usize, from: usize) -> Option<&str> {
        let wanted = genders::of_pronoun(pronoun);
        // Nominals are in text order: start from the last one before.
        let end = self.nominals.partition_point(|n| n.at < before);
        let nominal = self.nominals[..end]
            .iter()
            .rev()
            .take_while(|n| n.at >= from)
            .find(|n| n.gender.fits(wanted))?;
        let person = self.fitting(pronoun, before, from).first().map(|f| f.3);
        person
            .is_none_or(|sentence| nominal.sentence >= sentence)
            .then_some(nominal.phrase.as_str())
    }

    /// The people a pronoun at byte `before` may stand for, nearest first:
    /// `(entity, whether a reporting verb follows, whether no preposition
    /// comes before, sentence index)`, named at or after byte `from`, their
    /// gender not contradicting the pronoun's.
    fn fitting(
        &self,
        pronoun: &str,
        before: usize,
        from: usize,
    ) -> Vec<(usize, bool, bool, usize)> {
        let wanted = genders::of_pronoun(pronoun);
        let k = self.mentions.partition_point(|(r, _)| r.end <= before);
        let named = (0..k).rev().take(LOOK_BACK).filter_map(|m| {
            let (range, entity) = self.mentions.get(m)?;
            let speaks = self.speaks.get(m).copied().unwrap_or(false);
            let subject = self.subject.get(m).copied().unwrap_or(true);
            Some((range.start, *entity, speaks, subject))
        });
        let j = self.subjects.partition_point(|(at, _, _)| *at < before);
        let pronouns = self.subjects.get(..j).unwrap_or(&[]).iter().rev();
        let pronouns = pronouns
            .take(LOOK_BACK)
            .map(|&(at, e, speaks)| (at, e, speaks, true));
        // Nearest first: named mentions and resolved subject pronouns merged.
        let mut nearby: Vec<(usize, usize, bool, bool)> = named.chain(pronouns).collect();
        nearby.sort_by_key(|(at, ..)| std::cmp::Reverse(*at));
        nearby
            .into_iter()
            .filter(|(at, entity, _, _)| {
                let g = self
                    .genders
                    .get(*entity)
                    .copied()
                    .unwrap_or(Gender::Unknown);
                *at >= from && g.fits(wanted)
            })
            .take(LOOK_BACK)
            .map(|(at, entity, speaks, subject)| (entity, speaks, subject, self.sentence_of(at)))
            .collect()
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

/// How far back (bytes) a sentence-opening pronoun looks for its person:
/// about the paragraph before, as for pronouns in reporting clauses.
const PRONOUN_REACH: usize = 1200;

/// The "He" or "She" that opens `sentence` of `text` (possibly after "And"
/// or "But"), with its byte offset.
fn subject_pronoun(text: &str, sentence: Range<usize>) -> Option<(usize, &'static str)> {
    let start = sentence.start;
    let head = text.get(start..sentence.end.min(start + 12))?;
    let rest = head
        .strip_prefix("And ")
        .or_else(|| head.strip_prefix("But "))
        .unwrap_or(head);
    let at = start + (head.len() - rest.len());
    ["He ", "She ", "he ", "she "]
        .into_iter()
        .find(|p| rest.starts_with(p))
        .map(|p| (at, if p.len() == 3 { "he" } else { "she" }))
}

/// The nominal speaker that opens `sentence` of `text`, with the gender
/// its noun gives: "A"/"An"/"The"/"One", at most seven more words, a
/// spokesman, spokeswoman or spokesperson, then within six words a verb
/// of saying ("A Harbour Trust spokeswoman confirmed").
fn nominal_subject(text: &str, sentence: Range<usize>) -> Option<(String, Gender)> {
    let mut end = sentence.end.min(sentence.start + 200);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Most sentences open with another word: look at the first word
    // segment before cutting the whole sentence into words. A first word
    // "A", "An", "The" or "One" is its segment or the start of it ("The's").
    let first = super::super::breaks::word_tokens(text.get(sentence.start..end)?).next()?;
    if !["A", "The", "One"].iter().any(|w| first.1.starts_with(w)) {
        return None;
    }
    // No word can be a spokes- noun where the text holds none.
    memchr::memmem::find(text.get(sentence.start..end)?.as_bytes(), b"spokes")?;
    let words = tokens::words(text, sentence.start..end);
    if !matches!(words.first()?.text, "A" | "An" | "The" | "One") {
        return None;
    }
    let (noun, gender) = words.iter().enumerate().take(9).find_map(|(k, w)| {
        let gender = match w.text {
            "spokesman" => Gender::Male,
            "spokeswoman" => Gender::Female,
            "spokesperson" => Gender::Unknown,
            _ => return None,
        };
        Some((k, gender))
    })?;
    let verb = (noun + 1..=noun + 6).find(|&k| {
        words
            .get(k)
            .is_some_and(|w| gazetteer::is_reporting_verb(w.text))
    })?;
    let last = words.get(verb - 1)?;
    let phrase = text.get(sentence.start..last.span.end)?;
    Some((phrase.to_owned(), gender))
}

/// Every ", he" or ", she" in `sentence` of `text` followed by a verb of
/// saying (", he claimed,"), with its byte offset, in order.
fn parenthetical_pronouns(text: &str, sentence: Range<usize>) -> Vec<(usize, &'static str)> {
    let body = text.get(sentence.clone()).unwrap_or("");
    // One pass over the commas (most sentences have none of the pronouns).
    memchr::memchr_iter(b',', body.as_bytes())
        .filter_map(|k| {
            let rest = body.get(k..)?;
            let (needle, pronoun) = [(", he ", "he"), (", she ", "she")]
                .into_iter()
                .find(|(needle, _)| rest.starts_with(needle))?;
            let verb = rest.get(needle.len()..)?.split_whitespace().next()?;
            let verb = verb.trim_end_matches(|c: char| !c.is_alphanumeric());
            gazetteer::is_reporting_verb(verb).then_some((sentence.start + k + 2, pronoun))
        })
        .collect()
}

/// Whether byte `at` lies inside one of the `quoted` spans (sorted by start).
fn inside(quoted: &[Range<usize>], at: usize) -> bool {
    let k = quoted.partition_point(|q| q.start <= at);
    k.checked_sub(1)
        .and_then(|k| quoted.get(k))
        .is_some_and(|q| at < q.end)
}

/// Whether a preposition comes right before byte `start` of `text`,
/// titles aside ("talks with Russian President Vladimir Putin").
/// The mentions of entities of `kinds`, as `(byte range, entity index)`
/// sorted by start, leaving out those starting inside the `quoted` spans
/// (sorted by start, outermost quotations only): the people a speaker names
/// are not the speaker.
pub(super) fn mentions_outside(
    entities: &[Entity],
    quoted: &[Range<usize>],
    kinds: &[EntityKind],
) -> Vec<(Range<usize>, usize)> {
    let inside = |at: usize| {
        let k = quoted.partition_point(|q| q.start <= at);
        k.checked_sub(1)
            .and_then(|k| quoted.get(k))
            .is_some_and(|q| at < q.end)
    };
    let mut mentions: Vec<(Range<usize>, usize)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| kinds.contains(&e.kind))
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.clone(), i)))
        .filter(|(m, _)| !inside(m.start))
        .collect();
    mentions.sort_by_key(|(r, _)| r.start);
    mentions
}

fn after_preposition(text: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(64);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text.get(from..start).unwrap_or("");
    before
        .split_whitespace()
        .rev()
        .map(super::candidates::trim_to_alphanumeric)
        .find(|w| !w.chars().next().is_some_and(char::is_uppercase))
        .is_some_and(|w| {
            matches!(
                w,
                "with" | "to" | "of" | "for" | "by" | "about" | "against" | "from" | "on" | "at"
            )
        })
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

/// The gender the titles before `entity`'s mentions give it, or else its
/// given name ("Hillary Clinton" → female).
fn gender(text: &str, entity: &Entity) -> Gender {
    if entity.kind != EntityKind::Person {
        return Gender::Unknown;
    }
    for mention in entity.mentions.iter().take(LOOK_BACK) {
        let mut from = mention.start.saturating_sub(16);
        while from > 0 && !text.is_char_boundary(from) {
            from -= 1;
        }
        let before = text.get(from..mention.start).unwrap_or("");
        let title = before.split_whitespace().next_back().unwrap_or("");
        let gender = genders::of_title(title);
        if gender != Gender::Unknown {
            return gender;
        }
    }
    match entity
        .name
        .split_whitespace()
        .collect::<Vec<_>>()
        .as_slice()
    {
        [given, _, ..] => genders::of_given_name(given),
        _ => Gender::Unknown,
    }
}
