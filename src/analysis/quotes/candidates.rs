//! Candidate speakers of a quotation whose reporting clause named nobody,
//! each with the features the ranker ([`super::ranking`]) weighs: where the
//! candidate stands (the quotation's sentence before or after it, the
//! sentences before in its paragraph, the paragraph before), whether it
//! opens its clause (a subject), follows a preposition or takes a
//! possessive (not a subject), whether a verb of saying follows it or lies
//! between it and the quotation, its distance, its kind, whether a pronoun
//! stands for it, and whether it spoke the quotation before.
//!
//! Candidates are person and organisation mentions outside quotations
//! (never places), `he`/`she` resolved to a person of fitting gender, and
//! the speaker of the previous quotation; plus one "nobody" candidate whose
//! features say how likely the quotation is to have no speaker at all (a
//! scare quote).

/// How far before a quotation its speaker is looked for among names, in
/// bytes, however long its paragraphs (three times as far for what a
/// pronoun may stand for): more than two paragraphs of news, so only a
/// text without paragraph breaks reaches it.
const LOOK_BACK_BYTES: usize = 4000;

/// How much of a name's sentence before it is read for its clause (the
/// words since the last comma or colon, at most six of which count): a
/// sentence of 50 KB without a full stop would otherwise be read again for
/// every name in it.
const LEAD_BYTES: usize = 300;

/// The most names before a quotation, and after it, that are its
/// candidates, and the most pronouns of each stretch of text that are:
/// the nearest ones. A quotation of news has a handful; thousands of
/// names and quotations in one long sentence would otherwise cost time
/// and memory by the square of their number.
pub(super) const MAX_NEAR: usize = 128;

use std::cell::OnceCell;
use std::ops::Range;

use super::super::{Entity, EntityKind, gazetteer};
use super::people::People;
use super::speech_verbs::is_speech_verb;

/// Names of the features, in the order of [`Candidate::features`].
pub const FEATURES: [&str; 33] = [
    "nobody",
    "description",
    "nobody_title_case",
    "nobody_short",
    "nobody_scare",
    "nobody_opens_paragraph",
    "nobody_mid_sentence",
    "same_sentence_before",
    "same_sentence_after",
    "earlier_sentence",
    "previous_paragraph",
    "next_sentence",
    "nearest",
    "first_in_sentence",
    "clause_initial",
    "lower_words_before",
    "after_preposition",
    "possessive",
    "speaks",
    "speech_verb_between",
    "distance",
    "organisation",
    "pronoun",
    "salience",
    "spoke_elsewhere",
    "short_quote_same_sentence",
    "scare_same_sentence",
    "follows",
    "follows_opens_paragraph",
    "follows_paragraphs_back",
    "follows_someone_between",
    "after_and",
    "opens_paragraph_previous_paragraph",
];

/// Number of features.
pub const N_FEATURES: usize = FEATURES.len();

/// Index of feature `name` in [`FEATURES`], evaluated at compile time.
macro_rules! at {
    ($name:literal) => {
        const { index_of($name) }
    };
}

/// Index of feature `name` in [`FEATURES`]. Only called in const blocks
/// (through `at!`), where a misspelt name fails the build.
#[allow(clippy::panic)]
const fn index_of(name: &str) -> usize {
    let mut i = 0;
    while i < N_FEATURES {
        if str_eq(FEATURES[i], name) {
            return i;
        }
        i += 1;
    }
    panic!("unknown feature");
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Where a candidate stands relative to the quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// In the quotation's sentence, before the opening mark.
    SameSentenceBefore,
    /// In the quotation's sentence, after the closing mark.
    SameSentenceAfter,
    /// In an earlier sentence of the quotation's paragraph.
    EarlierSentence,
    /// In the paragraph before the quotation's.
    PreviousParagraph,
    /// In the sentence after the quotation, same paragraph.
    NextSentence,
    /// Not in the text near the quotation: the speaker of an earlier quotation.
    Earlier,
    /// The "nobody" candidate.
    Nowhere,
}

/// How a candidate came to be one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// A mention of the entity.
    Mention,
    /// A pronoun (the word, e.g. "he") resolved to the entity.
    Pronoun(String),
    /// The entity spoke the quotation before, ending in this paragraph (index).
    Follows(usize),
    /// A description with no name before a verb of saying in the
    /// quotation's sentence ("a spokeswoman for the council said"): the words.
    Description(String),
    /// Nobody: the quotation has no speaker.
    Nobody,
}

/// One candidate speaker of a quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Index into the entities; `None` for the "nobody" and description
    /// candidates.
    pub entity: Option<usize>,
    /// Feature values, in the order of [`FEATURES`].
    pub features: [f32; N_FEATURES],
    /// Where it stands.
    pub region: Region,
    /// How it came to be a candidate.
    pub via: Via,
}

/// A quotation to rank speakers for.
pub(super) struct Target {
    /// Its byte span.
    pub(super) span: Range<usize>,
    /// Index of the paragraph of its opening mark.
    pub(super) first_paragraph: usize,
    /// Index of the paragraph of its end.
    pub(super) last_paragraph: usize,
    /// Whether the kind rules took it for a scare quote.
    pub(super) scare: bool,
    /// The speaker of the previous outermost speech quotation and the
    /// paragraph it ended in, with the end byte.
    pub(super) previous: Option<(usize, usize, usize)>,
}

/// What every quotation of one document shares.
pub(super) struct Scene<'a> {
    pub(super) text: &'a str,
    pub(super) paragraphs: &'a [Range<usize>],
    pub(super) sentences: &'a [Range<usize>],
    pub(super) entities: &'a [Entity],
    pub(super) people: People,
    /// Person and organisation mentions outside quotations, sorted.
    pub(super) mentions: Vec<(Range<usize>, usize)>,
    /// Entities a reporting clause named somewhere in the document.
    pub(super) spoke: Vec<bool>,
    /// Where the whitespace-separated words of `text` start, found once
    /// (see [`word_starts`]).
    pub(super) word_starts: OnceCell<Vec<usize>>,
    /// The verbs of saying of the text, for long stretches between a
    /// candidate and its quotation (see [`SpeechVerbs`]).
    pub(super) speech_verbs: SpeechVerbs<'a>,
}

/// The byte offsets, ascending, where a whitespace-separated word of `text`
/// starts: a character that is not whitespace, at the start or after one
/// that is. Counting them between two offsets counts words without reading
/// the text again (see [`Scene::words_in`]).
pub(super) fn word_starts(text: &str) -> Vec<usize> {
    // About one word per six bytes of news prose: one allocation, rarely regrown.
    let mut starts = Vec::with_capacity(text.len() / 5 + 1);
    let mut after_space = true;
    let bytes = text.as_bytes();
    let chunks = bytes.chunks_exact(8);
    let rest_at = bytes.len() - chunks.remainder().len();
    for (n, chunk) in chunks.enumerate() {
        let at = n * 8;
        let mut eight = [0; 8];
        eight.copy_from_slice(chunk);
        let eight = u64::from_le_bytes(eight);
        if eight & HIGH_BITS == 0 {
            after_space = ascii_word_starts(eight, at, after_space, &mut starts);
        } else {
            for (i, &byte) in chunk.iter().enumerate() {
                after_space = byte_word_start(text, at + i, byte, after_space, &mut starts);
            }
        }
    }
    for (i, &byte) in bytes.get(rest_at..).unwrap_or(&[]).iter().enumerate() {
        after_space = byte_word_start(text, rest_at + i, byte, after_space, &mut starts);
    }
    starts
}

/// The top bit of each byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// A byte value repeated in each byte of a `u64`.
const fn each_byte(value: u8) -> u64 {
    value as u64 * 0x0101_0101_0101_0101
}

/// [`word_starts`] of eight ASCII bytes read as a little-endian `eight`,
/// starting at byte offset `at`, after whitespace or not: pushes the word
/// starts and says whether the last byte is whitespace. Each byte's test
/// sets its top bit; no byte carries into the next, as each is below 0x80.
fn ascii_word_starts(eight: u64, at: usize, after_space: bool, starts: &mut Vec<usize>) -> bool {
    // Top bit set where the byte is ≥ 9, ≥ 14, and not a space (0x20).
    let from_tab = (eight + each_byte(0x80 - 9)) & HIGH_BITS;
    let from_14 = (eight + each_byte(0x80 - 14)) & HIGH_BITS;
    let not_blank = ((eight ^ each_byte(b' ')) + each_byte(0x7f)) & HIGH_BITS;
    // Tab, line feed, vertical tab, form feed, carriage return or space.
    let space = (from_tab & !from_14) | (!not_blank & HIGH_BITS);
    let space_before = (space << 8) | if after_space { 0x80 } else { 0 };
    let mut found = !space & space_before & HIGH_BITS;
    while found != 0 {
        starts.push(at + found.trailing_zeros() as usize / 8);
        found &= found - 1;
    }
    space & (1 << 63) != 0
}

/// [`word_starts`] of the byte at `k` of `text`, `byte`, after whitespace
/// or not: pushes `k` when a word starts there and says whether the
/// character `byte` belongs to is whitespace. ASCII bytes are whole
/// characters; a continuation byte goes with the character its lead byte
/// began, whose class it keeps.
fn byte_word_start(
    text: &str,
    k: usize,
    byte: u8,
    after_space: bool,
    starts: &mut Vec<usize>,
) -> bool {
    let space = match byte {
        b'\t'..=b'\r' | b' ' => true,
        0..=0x7f => false,
        0x80..=0xbf => return after_space,
        _ => may_be_space(byte) && starts_space(text, k),
    };
    if after_space && !space {
        starts.push(k);
    }
    space
}

/// Whether a character whose UTF-8 encoding starts with `lead` may be
/// whitespace: only U+0085, U+00A0, U+1680, U+2000–U+205F and U+3000,
/// whose lead bytes are these, are whitespace beyond ASCII.
fn may_be_space(lead: u8) -> bool {
    matches!(lead, 0xc2 | 0xe1 | 0xe2 | 0xe3)
}

/// Whether the character at byte `k` of `text` is whitespace.
fn starts_space(text: &str, k: usize) -> bool {
    text.get(k..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_whitespace)
}

/// Pronouns that may stand for a speaker.
fn is_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she" | "He" | "She")
}

impl Scene<'_> {
    /// Sets up the scene: person and organisation mentions outside the
    /// `quoted` spans (sorted by start, outermost only).
    pub(super) fn mentions_outside(
        entities: &[Entity],
        quoted: &[Range<usize>],
    ) -> Vec<(Range<usize>, usize)> {
        super::people::mentions_outside(
            entities,
            quoted,
            &[EntityKind::Person, EntityKind::Organisation],
        )
    }

    /// The sentence holding byte `at`, or the empty range at `at`.
    fn sentence_at(&self, at: usize) -> Range<usize> {
        let k = self.sentences.partition_point(|s| s.end <= at);
        self.sentences
            .get(k)
            .filter(|s| s.start <= at)
            .cloned()
            .unwrap_or(at..at)
    }

    fn paragraph(&self, k: usize) -> Range<usize> {
        self.paragraphs.get(k).cloned().unwrap_or(0..0)
    }

    /// `at`, or the start of the next character when `at` falls inside one.
    fn char_boundary_from(&self, at: usize) -> usize {
        let mut at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at += 1;
        }
        at
    }

    fn slice(&self, range: Range<usize>) -> &str {
        let end = range.end.min(self.text.len());
        let start = range.start.min(end);
        self.text.get(start..end).unwrap_or("")
    }

    /// How many words `self.slice(range).split_whitespace()` gives, without
    /// reading the slice: a word starting inside it, plus one cut at its
    /// start.
    fn words_in(&self, range: Range<usize>) -> usize {
        let end = range.end.min(self.text.len());
        let start = range.start.min(end);
        let Some(slice) = self.text.get(start..end) else {
            return 0;
        };
        let cut_at_start = usize::from(slice.chars().next().is_some_and(|c| !c.is_whitespace()));
        let starts = self.word_starts.get_or_init(|| word_starts(self.text));
        let after = starts.partition_point(|&k| k <= start);
        let before_end = starts.partition_point(|&k| k < end);
        cut_at_start + before_end.saturating_sub(after)
    }

    /// Mentions (index into `self.mentions`) starting in `range`.
    fn mentions_in(&self, range: Range<usize>) -> Range<usize> {
        let a = self
            .mentions
            .partition_point(|(r, _)| r.start < range.start);
        let b = self.mentions.partition_point(|(r, _)| r.start < range.end);
        a..b.max(a)
    }

    /// The candidates for `target`, "nobody" first.
    pub(super) fn candidates(&self, target: &Target) -> Vec<Candidate> {
        let span = &target.span;
        let quoted = self.slice(span.clone());
        let short = quoted.split_whitespace().nth(4).is_none();
        let first = self.paragraph(target.first_paragraph);
        let last = self.paragraph(target.last_paragraph);
        let opens_paragraph = first.start == span.start;
        let before_sentence = self.sentence_at(span.start);
        let b0_start = before_sentence.start.min(span.start).max(first.start);
        let after_sentence = self.sentence_at(span.end.saturating_sub(1));
        let a0_end = if after_sentence.end > span.end {
            after_sentence.end.min(last.end)
        } else {
            // The sentence ends with the quotation: a clause may still follow
            // up to the next full stop (looked for no further than a
            // name would be).
            let rest_end = self.char_boundary_from(span.end + LOOK_BACK_BYTES);
            let rest = self.slice(span.end..last.end.min(rest_end));
            span.end + rest.find(['.', '!', '?']).unwrap_or(rest.len())
        };
        let next_sentence = self.sentence_at(a0_end + 1);
        let a1_end = if next_sentence.start > a0_end && next_sentence.end <= last.end {
            next_sentence.end
        } else {
            a0_end
        };
        // The previous paragraph, but no further back than LOOK_BACK_BYTES:
        // a text with no paragraph breaks (a file on one line) would
        // otherwise make every name before the quotation a candidate.
        let p1_start = target
            .first_paragraph
            .checked_sub(1)
            .map_or(first.start, |k| self.paragraph(k).start)
            .max(span.start.saturating_sub(LOOK_BACK_BYTES));
        let mid_sentence = !self.slice(b0_start..span.start).trim().is_empty();
        // Pronouns and descriptions are read within the look-back, however
        // long the sentences: one of 50 KB without a full stop would
        // otherwise be read again for every quotation in it.
        let from = self.char_boundary_from(span.start.saturating_sub(LOOK_BACK_BYTES));
        let to = self.char_boundary_from(span.end + LOOK_BACK_BYTES);

        let mut nobody = [0.0; N_FEATURES];
        nobody[at!("nobody")] = 1.0;
        nobody[at!("nobody_short")] = f32::from(short);
        nobody[at!("nobody_scare")] = f32::from(target.scare);
        nobody[at!("nobody_opens_paragraph")] = f32::from(opens_paragraph);
        nobody[at!("nobody_mid_sentence")] = f32::from(mid_sentence);
        nobody[at!("nobody_title_case")] = f32::from(title_case(quoted));
        let mut out = vec![Candidate {
            entity: None,
            features: nobody,
            region: Region::Nowhere,
            via: Via::Nobody,
        }];

        let region_of = |at: usize| -> Option<Region> {
            if at < span.start {
                if at >= b0_start {
                    Some(Region::SameSentenceBefore)
                } else if at >= first.start {
                    Some(Region::EarlierSentence)
                } else if at >= p1_start {
                    Some(Region::PreviousParagraph)
                } else {
                    None
                }
            } else if at >= span.end && at < a0_end {
                Some(Region::SameSentenceAfter)
            } else if at >= span.end && at < a1_end {
                Some(Region::NextSentence)
            } else {
                None
            }
        };

        let verbs = &self.speech_verbs;

        // Mentions.
        let before = self.mentions_in(p1_start..span.start);
        let before = before.start.max(before.end.saturating_sub(MAX_NEAR))..before.end;
        let after = self.mentions_in(span.end..a1_end);
        let after = after.start..after.end.min(after.start + MAX_NEAR);
        for k in before.clone().chain(after.clone()) {
            let Some((range, entity)) = self.mentions.get(k).cloned() else {
                continue;
            };
            let Some(region) = region_of(range.start) else {
                continue;
            };
            let nearest = if range.start < span.start {
                k + 1 == before.end
                    || self.mentions[k + 1..before.end]
                        .iter()
                        .all(|(_, e)| *e == entity)
            } else {
                self.mentions[after.start..k]
                    .iter()
                    .all(|(_, e)| *e == entity)
            };
            let mut f = self.position_features(&range, span, region, target, short, verbs);
            f[at!("nearest")] = f32::from(nearest);
            f[at!("organisation")] = f32::from(
                self.entities
                    .get(entity)
                    .is_some_and(|e| e.kind == EntityKind::Organisation),
            );
            self.entity_features(&mut f, entity);
            // A name in an earlier sentence that says nothing ("Hannah
            // Blake arrived.") is no reason to give her the words.
            let silent = matches!(region, Region::EarlierSentence | Region::PreviousParagraph)
                && f[at!("speaks")] == 0.0
                && f[at!("speech_verb_between")] == 0.0;
            if silent {
                continue;
            }
            out.push(Candidate {
                entity: Some(entity),
                features: f,
                region,
                via: Via::Mention,
            });
        }

        // Pronouns in the quotation's sentence and the sentence before.
        let pronoun_from = target
            .first_paragraph
            .checked_sub(3)
            .map_or(0, |k| self.paragraph(k).start)
            .max(span.start.saturating_sub(3 * LOOK_BACK_BYTES));
        let earlier = self.sentence_at(b0_start.saturating_sub(2));
        let pronoun_ranges = [
            earlier.start.max(first.start).max(from)..b0_start.max(from),
            b0_start.max(from)..span.start,
            span.end..a0_end.min(to),
        ];
        for range in pronoun_ranges {
            if range.start >= range.end {
                continue;
            }
            let words = word_spans(self.slice(range.clone()));
            let pronouns: Vec<(usize, &str)> = if range.start < span.start {
                let mut last: Vec<_> = words
                    .rev()
                    .filter(|(_, w)| is_pronoun(w))
                    .take(MAX_NEAR)
                    .collect();
                last.reverse();
                last
            } else {
                words
                    .filter(|(_, w)| is_pronoun(w))
                    .take(MAX_NEAR)
                    .collect()
            };
            for (offset, word) in pronouns {
                let start = range.start + offset;
                let Some(region) = region_of(start) else {
                    continue;
                };
                let word_range = start..start + word.len();
                let mut f = self.position_features(&word_range, span, region, target, short, verbs);
                f[at!("pronoun")] = 1.0;
                f[at!("nearest")] = f32::from(
                    self.mentions_in(if start < span.start {
                        word_range.end..span.start
                    } else {
                        span.end..start
                    })
                    .is_empty(),
                );
                // "A spokesman for the alliance said: “…” He said … “…”"
                if let Some(phrase) = self.people.nominal_for(word, start, pronoun_from) {
                    f[at!("description")] = 1.0;
                    out.push(Candidate {
                        entity: None,
                        features: f,
                        region,
                        via: Via::Description(phrase.to_owned()),
                    });
                    continue;
                }
                let Some(entity) = self.people.pronoun(word, start, pronoun_from) else {
                    continue;
                };
                self.entity_features(&mut f, entity);
                out.push(Candidate {
                    entity: Some(entity),
                    features: f,
                    region,
                    via: Via::Pronoun(word.to_lowercase()),
                });
            }
        }

        // A description before a verb of saying in the quotation's sentence.
        if let Some((range, words)) = self.description_before(b0_start.max(from)..span.start) {
            let mut f = self.position_features(
                &range,
                span,
                Region::SameSentenceBefore,
                target,
                short,
                verbs,
            );
            f[at!("description")] = 1.0;
            f[at!("nearest")] = f32::from(self.mentions_in(range.end..span.start).is_empty());
            out.push(Candidate {
                entity: None,
                features: f,
                region: Region::SameSentenceBefore,
                via: Via::Description(words),
            });
        }

        // The speaker of the quotation before.
        if let Some((entity, paragraph, end)) = target.previous
            && target.first_paragraph <= paragraph + 3
        {
            let between = self.mentions_in(end..span.start);
            let someone = self
                .mentions
                .get(between)
                .unwrap_or(&[])
                .iter()
                .any(|(_, e)| *e != entity && self.is_person(*e));
            // Within a paragraph, a person named since breaks the run:
            // "“One,” Lopez said. Then Weber arrived. “Three.”" is nobody's
            // for certain.
            let broken = someone && !opens_paragraph;
            let mut f = [0.0; N_FEATURES];
            f[at!("follows")] = 1.0;
            f[at!("follows_opens_paragraph")] = f32::from(opens_paragraph);
            #[allow(clippy::cast_precision_loss)]
            {
                f[at!("follows_paragraphs_back")] =
                    target.first_paragraph.saturating_sub(paragraph) as f32 / 3.0;
            }
            f[at!("follows_someone_between")] = f32::from(someone);
            self.entity_features(&mut f, entity);
            out.extend((!broken).then_some(Candidate {
                entity: Some(entity),
                features: f,
                region: Region::Earlier,
                via: Via::Follows(paragraph),
            }));
        }
        out
    }

    /// The subject of the last verb of saying in `range` when it is a
    /// description with no name ("A Freedom Partners official said that"):
    /// its byte range and words.
    fn description_before(&self, range: Range<usize>) -> Option<(Range<usize>, String)> {
        let text = self.slice(range.clone());
        // Words from the last, up to the verb and then back to the clause's
        // start: the words before it are never needed.
        let mut words = word_spans(text).rev();
        let (verb_at, _) = words
            .find(|(_, w)| w.chars().next().is_some_and(char::is_lowercase) && is_speech_verb(w))?;
        let clause_start = last_clause_mark(text.get(..verb_at)?).map_or(0, |k| k + 1);
        let mut subject: Vec<(usize, &str)> =
            words.take_while(|(at, _)| *at >= clause_start).collect();
        subject.reverse();
        while subject
            .last()
            .is_some_and(|(_, w)| gazetteer::is_helper_word(w))
        {
            subject.pop();
        }
        let (&(first_at, first), &(last_at, last)) = (subject.first()?, subject.last()?);
        let lower: Vec<String> = subject.iter().map(|(_, w)| w.to_lowercase()).collect();
        let opens = gazetteer::is_description_opener(lower.first()?);
        let plural = subject.len() <= 2 && last.ends_with('s') && last.len() > 3;
        if subject.len() > 7
            || lower.iter().any(|w| gazetteer::is_never_in_description(w))
            || !(opens || plural)
            || !last.chars().next().is_some_and(char::is_lowercase)
            || first.is_empty()
        {
            return None;
        }
        let start = range.start + first_at;
        let end = range.start + last_at + last.len();
        // A name at the end is a mention candidate already.
        if self
            .mentions_in(start..end)
            .clone()
            .any(|k| self.mentions.get(k).is_some_and(|(r, _)| r.end == end))
        {
            return None;
        }
        Some((start..end, self.slice(start..end).to_owned()))
    }

    fn is_person(&self, entity: usize) -> bool {
        self.entities
            .get(entity)
            .is_some_and(|e| e.kind == EntityKind::Person)
    }

    /// Features of the entity itself: how often it is mentioned and whether
    /// it spoke elsewhere.
    fn entity_features(&self, f: &mut [f32; N_FEATURES], entity: usize) {
        #[allow(clippy::cast_precision_loss)]
        let count = self.entities.get(entity).map_or(0, |e| e.mentions.len()) as f32;
        f[at!("salience")] = (1.0 + count).ln() / 4.0;
        f[at!("spoke_elsewhere")] = f32::from(self.spoke.get(entity).copied().unwrap_or(false));
    }

    /// Features of a candidate word at `range` in `region`.
    fn position_features(
        &self,
        range: &Range<usize>,
        span: &Range<usize>,
        region: Region,
        target: &Target,
        short: bool,
        verbs: &SpeechVerbs<'_>,
    ) -> [f32; N_FEATURES] {
        let mut f = [0.0; N_FEATURES];
        let slot = match region {
            Region::SameSentenceBefore => at!("same_sentence_before"),
            Region::SameSentenceAfter => at!("same_sentence_after"),
            Region::EarlierSentence => at!("earlier_sentence"),
            Region::PreviousParagraph => at!("previous_paragraph"),
            Region::NextSentence | Region::Earlier | Region::Nowhere => at!("next_sentence"),
        };
        f[slot] = 1.0;
        let same = matches!(
            region,
            Region::SameSentenceBefore | Region::SameSentenceAfter
        );
        f[at!("short_quote_same_sentence")] = f32::from(short && same);
        f[at!("scare_same_sentence")] = f32::from(target.scare && same);
        let opens = self.paragraph(target.first_paragraph).start == span.start;
        f[at!("opens_paragraph_previous_paragraph")] =
            f32::from(opens && region == Region::PreviousParagraph);

        let sentence = self.sentence_at(range.start);
        let lead_start = sentence
            .start
            .min(range.start)
            .max(range.start.saturating_sub(LEAD_BYTES));
        let lead = self.slice(self.char_boundary_from(lead_start)..range.start);
        let first_in_sentence = self.mentions_in(sentence.start..range.start).is_empty();
        f[at!("first_in_sentence")] = f32::from(first_in_sentence);
        // At most six lower-case words count: stop at the sixth.
        let lower = last_clause(lead)
            .split_whitespace()
            .map(trim_to_alphanumeric)
            .filter(|w| {
                w.chars().next().is_some_and(char::is_lowercase) && !gazetteer::is_subject_lead(w)
            })
            .take(6)
            .count();
        f[at!("clause_initial")] = f32::from(lower == 0);
        #[allow(clippy::cast_precision_loss)]
        {
            f[at!("lower_words_before")] = lower.min(6) as f32 / 6.0;
        }
        let previous_word = lead
            .split_whitespace()
            .rev()
            .map(trim_to_alphanumeric)
            .find(|w| !w.is_empty() && !w.chars().next().is_some_and(char::is_uppercase))
            .unwrap_or("");
        let right_before = lead
            .split_whitespace()
            .next_back()
            .map(trim_to_alphanumeric)
            .unwrap_or("");
        f[at!("after_preposition")] = f32::from(gazetteer::is_preposition(previous_word));
        f[at!("after_and")] = f32::from(matches!(right_before, "and" | "or" | "with"));
        let tail = self.slice(range.end..(range.end + 160).min(sentence.end.max(range.end)));
        f[at!("possessive")] =
            f32::from(tail.starts_with("'s") || tail.starts_with("’s") || tail.starts_with('\''));
        f[at!("speaks")] = f32::from(speaks(tail));
        let (from, to) = if range.end <= span.start {
            (range.end, span.start.min(sentence.end.max(range.end)))
        } else {
            (span.end, range.start)
        };
        f[at!("speech_verb_between")] = f32::from(verbs.any_between(from..to.max(from)));
        let gap = if range.end <= span.start {
            range.end..span.start
        } else {
            span.end..range.start
        };
        #[allow(clippy::cast_precision_loss)]
        let words = self.words_in(gap).min(200) as f32;
        f[at!("distance")] = (1.0 + words).ln() / 4.0;
        f
    }
}

/// Whether a verb of saying lies between two offsets of a text:
/// [`SpeechVerbs::any_between`] reads the stretch, until the stretches read
/// add up to many times the text (thousands of names and quotations in one
/// sentence, each name a candidate of each quotation); from then on it
/// answers from the words of the whole text, cut once. News never gets
/// there: cutting every word of it costs more than its reading.
pub(super) struct SpeechVerbs<'t> {
    text: &'t str,
    /// The text's words, split at whitespace, as byte ranges of it,
    /// and per word the number of verbs of saying before it.
    words: OnceCell<(Vec<Range<usize>>, Vec<u32>)>,
    /// Bytes read so far, and how many may be before the words are cut.
    read: std::cell::Cell<usize>,
    budget: usize,
}

impl<'t> SpeechVerbs<'t> {
    /// Bytes that may be read per byte of the text before its words are cut.
    const READS_PER_BYTE: usize = 16;

    /// The verbs of `text`, not yet looked for.
    pub(super) fn new(text: &'t str) -> Self {
        Self::with_budget(text, text.len().saturating_mul(Self::READS_PER_BYTE))
    }

    /// [`SpeechVerbs::new`] that cuts the words once `budget` bytes are read.
    fn with_budget(text: &'t str, budget: usize) -> Self {
        SpeechVerbs {
            text,
            words: OnceCell::new(),
            read: std::cell::Cell::new(0),
            budget,
        }
    }

    /// Whether a word of `text[range]`, split at whitespace and trimmed of
    /// what is not alphanumeric, is a verb of saying; false for a range
    /// that is not on character boundaries.
    pub(super) fn any_between(&self, range: Range<usize>) -> bool {
        let Some(between) = self.text.get(range.clone()) else {
            return false;
        };
        let read = self.read.get().saturating_add(range.len());
        if self.words.get().is_none() && read <= self.budget {
            self.read.set(read);
            return Self::any_in(between);
        }
        let (words, verbs_before) = self.words.get_or_init(|| {
            let words: Vec<Range<usize>> = self
                .text
                .split_whitespace()
                .map(|w| {
                    let at = w.as_ptr() as usize - self.text.as_ptr() as usize;
                    at..at + w.len()
                })
                .collect();
            let mut verbs_before = Vec::with_capacity(words.len() + 1);
            let mut verbs = 0u32;
            verbs_before.push(0);
            for word in &words {
                let verb = self.text.get(word.clone()).is_some_and(Self::any_in);
                verbs += u32::from(verb);
                verbs_before.push(verbs);
            }
            (words, verbs_before)
        });
        // The words wholly inside `range` are words of `between` as they
        // are; the one or two that cross its ends are read as cut.
        let first = words.partition_point(|w| w.end <= range.start);
        let last = words.partition_point(|w| w.start < range.end);
        if first >= last {
            return false;
        }
        let cut = |k: usize| {
            words.get(k).is_some_and(|w| {
                let part = w.start.max(range.start)..w.end.min(range.end);
                part != *w && self.text.get(part).is_some_and(Self::any_in)
            })
        };
        let whole = |k: usize| {
            words
                .get(k)
                .is_some_and(|w| w.start >= range.start && w.end <= range.end)
        };
        let (inner_first, inner_last) = (
            if whole(first) { first } else { first + 1 },
            if whole(last - 1) { last } else { last - 1 },
        );
        let inner = inner_first < inner_last
            && verbs_before.get(inner_last) > verbs_before.get(inner_first);
        inner || cut(first) || cut(last - 1)
    }

    /// Whether a word of `text` is a verb of saying (see [`Self::any_between`]).
    fn any_in(text: &str) -> bool {
        text.split_whitespace()
            .map(trim_to_alphanumeric)
            .any(is_speech_verb)
    }
}

/// `word` without the characters that are not alphanumeric at either end
/// (`w.trim_matches(|c: char| !c.is_alphanumeric())`). Most words start
/// and end with an ASCII letter or digit and come back whole without a
/// look at their characters; an ASCII last byte is a whole character.
pub(super) fn trim_to_alphanumeric(word: &str) -> &str {
    let bytes = word.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
    {
        return word;
    }
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// The byte offset where the last clause mark of `s` starts: `,` `;` `:`
/// `(` `"` `—` `–` `“` or `”`.
fn last_clause_mark(s: &str) -> Option<usize> {
    s.rfind([',', ';', ':', '(', '"', '—', '–', '“', '”'])
}

/// The clause `lead` ends with: what follows its last clause mark (see
/// [`last_clause_mark`]), or all of `lead` when it holds none. When a dash
/// or curly quotation mark comes last, the clause is empty: a cut one byte
/// into such a mark, which is no character boundary, gives nothing.
fn last_clause(lead: &str) -> &str {
    last_clause_mark(lead).map_or(lead, |k| lead.get(k + 1..).unwrap_or(""))
}

/// Whether the quoted words are in title case (a name, a headline or a
/// slogan: "Super April"): every word of four letters or more capitalised.
pub(super) fn title_case(quoted: &str) -> bool {
    let mut long = quoted
        .split_whitespace()
        .map(trim_to_alphanumeric)
        .filter(|w| w.chars().nth(3).is_some())
        .peekable();
    long.peek().is_some() && long.all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether a verb of saying follows a name whose following text is `tail`:
/// right away, after helper words ("also said") or after an apposition
/// ("Jo Lee, the party's leader, said").
fn speaks(tail: &str) -> bool {
    let mut rest = tail;
    if let Some(apposition) = rest.strip_prefix(',') {
        match apposition.split_once(',') {
            Some((inner, after)) if !inner.contains(['.', '“', '"']) => rest = after,
            _ => return false,
        }
    }
    for word in rest
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''))
        .take(4)
    {
        if is_speech_verb(word) {
            return true;
        }
        if !(gazetteer::is_helper_word(word) || word.len() > 3 && word.ends_with("ly")) {
            return false;
        }
    }
    false
}

/// `(byte offset, word)` of the whitespace-separated words of `s`, with
/// punctuation trimmed.
fn word_spans(s: &str) -> impl DoubleEndedIterator<Item = (usize, &str)> {
    s.split_whitespace().filter_map(move |w| {
        let offset = w.as_ptr() as usize - s.as_ptr() as usize;
        let trimmed = trim_to_alphanumeric(w);
        // `trimmed` lies inside `w`: its offset there, without a search.
        let lead = trimmed.as_ptr() as usize - w.as_ptr() as usize;
        (!trimmed.is_empty()).then_some((offset + lead, trimmed))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`word_starts`] as it reads, one character at a time.
    fn word_starts_by_chars(text: &str) -> Vec<usize> {
        let mut after_space = true;
        let mut starts = Vec::new();
        for (k, c) in text.char_indices() {
            if after_space && !c.is_whitespace() {
                starts.push(k);
            }
            after_space = c.is_whitespace();
        }
        starts
    }

    #[test]
    fn word_starts_reads_ascii_bytes_as_the_characters_they_are() {
        let text = "He said:\x0b“no”\u{a0}—\u{2003}twice,\r\nthen\u{2028}left  é";
        assert_eq!(word_starts(text), word_starts_by_chars(text));
        assert_eq!(word_starts("a b"), vec![0, 2]);
        // A vertical tab and an em space separate words too.
        assert_eq!(word_starts("a\x0bb\u{2003}c").len(), 3);
    }

    #[test]
    fn every_whitespace_character_has_a_lead_byte_that_may_be_space() {
        for c in (char::MIN..=char::MAX).filter(|c| !c.is_ascii() && c.is_whitespace()) {
            let mut buf = [0; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(may_be_space(lead), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn speech_verbs_between_two_offsets_are_found_as_by_reading_the_text(
            words in proptest::collection::vec("(said|told|Said|he|Ann|x|says,|“said”|\\.)", 0..400),
            spaces in proptest::collection::vec("( |  |\n|\u{a0})", 400),
            cuts in proptest::collection::vec(0usize..3000, 2),
        ) {
            let mut text = String::new();
            for (word, space) in words.iter().zip(&spaces) {
                text.push_str(word);
                text.push_str(space);
            }
            // No reading budget: every answer comes from the cut words.
            let verbs = SpeechVerbs::with_budget(&text, 0);
            let (a, b) = (cuts[0].min(cuts[1]), cuts[0].max(cuts[1]));
            let read = text.get(a..b).is_some_and(SpeechVerbs::any_in);
            proptest::prop_assert_eq!(verbs.any_between(a..b), read, "{:?}", text.get(a..b));
        }

        #[test]
        fn word_starts_agrees_with_reading_characters(
            text in "[ a.\t\n\r\x0b\x0c\x08\x0e\x1f!\u{a0}\u{85}\u{2003}\u{3000}é“]{0,40}"
        ) {
            proptest::prop_assert_eq!(word_starts(&text), word_starts_by_chars(&text));
        }
    }

    proptest::proptest! {
        #[test]
        fn trim_to_alphanumeric_agrees_with_trimming_characters(
            word in "[a9.,'’“”é\u{301}\u{a0}-]{0,8}"
        ) {
            proptest::prop_assert_eq!(
                trim_to_alphanumeric(&word),
                word.trim_matches(|c: char| !c.is_alphanumeric())
            );
        }
    }

    #[test]
    fn last_clause_is_empty_after_a_dash_or_curly_mark() {
        assert_eq!(last_clause("He said, then Jo"), " then Jo");
        assert_eq!(last_clause("a plan — Jo"), "");
        assert_eq!(last_clause("“Yes” Jo"), "");
        assert_eq!(last_clause("no marks"), "no marks");
        assert_eq!(last_clause("x“a, b"), " b");
    }

    #[test]
    fn words_in_counts_what_split_whitespace_gives_for_every_cut() {
        // Tabs, a no-break space, a line break and a word cut anywhere.
        let text = "“We won’t,” said\tJo Lee,\u{a0}the party's leader.\nIt rained.  ";
        let scene = Scene {
            text,
            paragraphs: &[],
            sentences: &[],
            entities: &[],
            people: People::new(text, &[], &[], &[]),
            mentions: Vec::new(),
            spoke: Vec::new(),
            word_starts: OnceCell::new(),
            speech_verbs: SpeechVerbs::new(text),
        };
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|&k| text.is_char_boundary(k))
            .collect();
        for &start in &cuts {
            for &end in &cuts {
                let expected = scene.slice(start..end).split_whitespace().count();
                assert_eq!(scene.words_in(start..end), expected, "{start}..{end}");
            }
        }
        assert_eq!(scene.words_in(0..text.len()), 10);
    }
}
