//! Named entity recognition: people, places, organisations and misc names
//! (demonyms, events, nationalities) in an article, each with every byte
//! range that mentions it and why it has its type.
//!
//! One pipeline, a stage per module:
//! 1. `tokens`: words with byte spans, per sentence;
//! 2. [`features`]: each word's features — form, shape, affixes,
//!    neighbours, punctuation, capitals lines, gazetteer and lexicon
//!    membership — hashed to ids;
//! 3. [`model`] and [`tagger`]: an averaged perceptron trained on
//!    CoNLL-2003 ([`training`], `examples/train_ner.rs`) labels words with
//!    BILOU tags ([`labels`]) in two passes, the second seeing what the
//!    first found for the same word elsewhere in the article;
//! 4. [`memory`]: mentions grouped into entities ("Macron" joins "Emmanuel
//!    Macron", "US" is "United States");
//! 5. [`reason`]: the evidence behind each entity's type.
//!
//! Cost is linear in the text: only words with a capital letter (and short
//! connectors between them) are scored; every lookup is a hash.

mod caps;
pub mod clustering;
pub mod clusters;
pub mod features;
pub(crate) mod kind_nouns;
pub mod labels;
pub mod memory;
pub mod model;
mod possessive;
pub mod reason;
pub(crate) mod slug;
pub mod tagger;
pub(crate) mod tokens;
pub mod training;

use std::borrow::Cow;
use std::ops::Range;

use super::gazetteer::{HashMap, HashSet};
use super::{Entity, Progress};
use crate::document::Document;
use features::{FeatureIds, Sentence};
use labels::Label;
use memory::Mention;
use tagger::LocalPart;

/// Named entities of `doc`, in order of first mention.
///
/// `sentences` are byte ranges into [`Document::text`] (end-exclusive), as
/// [`super::sentences::segment`] returns them. Each entity's mentions are
/// byte ranges into the text, end-exclusive, sorted and non-overlapping;
/// titles and possessive `'s` lie outside them. Sets `progress` from 100 to
/// 800 permille.
pub fn recognise(doc: &Document, sentences: &[Range<usize>], progress: &Progress) -> Vec<Entity> {
    let words = tokens::SentenceWords::new(doc.text(), sentences);
    recognise_tokenised(doc, sentences, &words, progress)
}

/// [`recognise`] with the words of every sentence already cut.
pub(crate) fn recognise_tokenised(
    doc: &Document,
    sentences: &[Range<usize>],
    words: &tokens::SentenceWords<'_>,
    progress: &Progress,
) -> Vec<Entity> {
    let text = doc.text();
    let model = model::embedded();
    let total = sentences.len().max(1);
    let mut memory = tagger::DocumentMemory::default();
    // Pass one's labels of every sentence, one after another (one list, not
    // one per sentence: a long article has tens of thousands of sentences);
    // sentence k's are `pass_one[ends[k - 1]..ends[k]]`, none when it has
    // no candidate word.
    let mut pass_one: Vec<Label> = Vec::new();
    let mut ends: Vec<u32> = Vec::with_capacity(sentences.len());
    // Pass two's scores of every candidate word's local features, in
    // reading order: computed while pass one has the features at hand, so
    // pass two need not extract them again.
    let mut local_scores = ScoreQueue::default();
    let tables = features::is_table_document(text, sentences);
    let mut lookups = features::Lookups::default();
    // The sentences with a candidate word, as pass one built them, for
    // pass two.
    let mut built: Vec<Sentence<'_>> = Vec::new();
    let mut scorer = LocalScorer::default();
    let mut buffers = features::ContextBuffers::default();
    let prose = features::ProseNames::new(words, caps::TitleCase::MostlyOrAp);
    for (n, range) in sentences.iter().enumerate() {
        let sentence = Sentence::with_words(
            text,
            range.clone(),
            Cow::Borrowed(words.get(n)),
            tables,
            Some(&prose),
        );
        let labels = if sentence.candidate.iter().any(|c| *c) {
            let context = features::SentenceContext::new_in(
                text,
                &sentence,
                &mut lookups,
                std::mem::take(&mut buffers),
            );
            scorer.score(&sentence, &context, &model, &mut local_scores);
            buffers = context.into_buffers();
            let base = |i: usize| scorer.local.get(i).copied().unwrap_or_default();
            tagger::decode_from(&sentence, base, None, &model.local)
        } else {
            Vec::new()
        };
        memory.add(&sentence, &labels);
        pass_one.extend_from_slice(&labels);
        ends.push(u32::try_from(pass_one.len()).unwrap_or(u32::MAX));
        if !labels.is_empty() {
            built.push(sentence);
        }
        if n % 64 == 0 {
            progress.set(100 + u32::try_from(300 * n / total).unwrap_or(300));
        }
    }
    let mut mentions = Vec::new();
    let mut explained = Explained::default();
    let mut start = 0;
    let mut built = built.into_iter();
    // Pass two's document features of the sentence at hand, reused.
    let mut document: Vec<FeatureIds> = Vec::new();
    for (n, &end) in ends.iter().enumerate() {
        let first = pass_one.get(start..end as usize).unwrap_or(&[]);
        start = end as usize;
        if first.is_empty() {
            // No word of the sentence may be part of a name.
            continue;
        }
        let Some(sentence) = built.next() else {
            break;
        };
        memory.features_into(&sentence, first, &mut document);
        // Candidates come in the order pass one scored them.
        let base = |_| local_scores.pop().unwrap_or_default();
        let labels = tagger::decode_from(&sentence, base, Some(&document), &model.document);
        let tagged = Tagged {
            sentence: &sentence,
            labels: &labels,
            document: &document,
        };
        collect_mentions(
            text,
            &tagged,
            &prose,
            &model.document,
            &mut explained,
            &mut lookups,
            &mut mentions,
        );
        if n % 64 == 0 {
            progress.set(400 + u32::try_from(300 * n / total).unwrap_or(300));
        }
    }
    progress.set(700);
    let entities = memory::resolve(possessive::join(text, mentions));
    progress.set(800);
    entities
}

/// Scores and shape hashes ([`LocalPart`]) kept from pass one for pass
/// two, first in, first out, in blocks that are freed as soon as pass two
/// has read them: they are the largest thing the analysis holds, and the
/// mentions pass two finds take their place.
#[derive(Default)]
struct ScoreQueue {
    blocks: std::collections::VecDeque<std::vec::IntoIter<LocalPart>>,
    filling: Vec<LocalPart>,
}

impl ScoreQueue {
    /// Scores per block (about 300 KB).
    const BLOCK: usize = 4096;

    fn push(&mut self, part: LocalPart) {
        if self.filling.len() == Self::BLOCK {
            let full = std::mem::replace(&mut self.filling, Vec::with_capacity(Self::BLOCK));
            self.blocks.push_back(full.into_iter());
        }
        if self.filling.capacity() == 0 {
            self.filling.reserve_exact(Self::BLOCK);
        }
        self.filling.push(part);
    }

    /// The oldest scores not read yet.
    fn pop(&mut self) -> Option<LocalPart> {
        loop {
            if let Some(block) = self.blocks.front_mut() {
                if let Some(scores) = block.next() {
                    return Some(scores);
                }
                self.blocks.pop_front();
                continue;
            }
            if self.filling.is_empty() {
                return None;
            }
            let last = std::mem::take(&mut self.filling);
            self.blocks.push_back(last.into_iter());
        }
    }
}

/// Pass one's scoring of the local features of a sentence's candidate
/// words, for both passes' tables, with what a word form contributes
/// remembered per form.
///
/// A word's first local features depend on its text and the sentence's
/// capitals alone ([`features::SentenceContext::form_into`]), and scores
/// are sums taken in feature order from zero: the sum of those first
/// features is the same wherever the word is repeated, and is kept, so a
/// repeated name costs neither their hashing nor their look-ups in the
/// model (a table larger than the core's caches). The labels are the same
/// as scoring every feature every time, to the bit.
#[derive(Default)]
struct LocalScorer<'a> {
    /// Per word form and [`Sentence::caps_line`]: the sums of its form
    /// features in the local and the document table.
    forms: HashMap<(&'a str, bool), FormScores>,
    /// The local-table scores and shape hash of every word of the
    /// sentence at hand (zero for words that are no candidate).
    local: Vec<LocalPart>,
    /// The local features of the word at hand, reused.
    ids: FeatureIds,
    /// The form features of a new word form, reused.
    form_ids: FeatureIds,
}

/// What one word form's features contribute to its scores, in each
/// table (see [`LocalScorer`]): integer sums, to which the word's other
/// features add exactly.
struct FormScores {
    local: model::Sums,
    document: model::Sums,
    /// The form's [`features::shape_hash`], for the label history.
    shape_hash: u64,
}

impl<'a> LocalScorer<'a> {
    /// Scores every candidate word of `sentence` (whose features
    /// `context` gives): local-table scores into [`LocalScorer::local`],
    /// document-table scores onto `queue`, in word order.
    fn score(
        &mut self,
        sentence: &Sentence<'a>,
        context: &features::SentenceContext<'_, 'a>,
        model: &model::Model,
        queue: &mut ScoreQueue,
    ) {
        self.local.clear();
        self.local
            .resize(sentence.words.len(), LocalPart::default());
        for (i, word) in sentence.words.iter().enumerate() {
            if !sentence.candidate.get(i).copied().unwrap_or(false) {
                continue;
            }
            let form_ids = &mut self.form_ids;
            let form = self
                .forms
                .entry((word.text, sentence.caps_line))
                .or_insert_with(|| {
                    form_ids.clear();
                    context.form_into(i, form_ids);
                    let mut scores = FormScores {
                        local: [0; labels::COUNT],
                        document: [0; labels::COUNT],
                        shape_hash: context.shape_hash(i),
                    };
                    model.add_all_to_both(form_ids, &mut scores.local, &mut scores.document);
                    scores
                });
            self.ids.clear();
            context.context_into(i, &mut self.ids);
            let (mut local, mut document) = (form.local, form.document);
            model.add_all_to_both(&self.ids, &mut local, &mut document);
            let shape_hash = form.shape_hash;
            if let Some(slot) = self.local.get_mut(i) {
                *slot = LocalPart {
                    scores: [0.0; labels::COUNT],
                    shape_hash,
                };
                model.local.add_sums(&local, &mut slot.scores);
            }
            let mut scores = [0.0; labels::COUNT];
            model.document.add_sums(&document, &mut scores);
            queue.push(LocalPart { scores, shape_hash });
        }
    }
}

/// One sentence after pass two: its words, labels and document features.
struct Tagged<'s, 'a> {
    sentence: &'s Sentence<'a>,
    labels: &'s [Label],
    document: &'s [FeatureIds],
}

/// The grouping keys of the mentions explained so far. An entity takes the
/// reason of its first mention ([`memory::resolve`]), so only the first
/// mention of each type and name is explained: the others would cost time
/// and memory for reasons nobody reads.
type Explained = HashSet<u64>;

/// The word after a one-word name at words `range` of `sentence` that
/// makes it a person's time in office, "administration" or "presidency"
/// in lower case ("the Obama administration", "the Reagan presidency"),
/// when the tagger said otherwise. A country or region keeps its kind
/// ("the US administration"), and so does a city that is no listed
/// surname; a town ("Obama", in Japan) and a city that is one ("Bush",
/// "Lincoln") are presidents here.
fn person_before_tenure<'s>(
    sentence: &Sentence<'s>,
    range: Range<usize>,
    tagged: super::EntityKind,
) -> Option<&'s str> {
    use super::gazetteer::{self, PlaceKind};
    if tagged == super::EntityKind::Person || range.len() != 1 {
        return None;
    }
    let name = sentence.words.get(range.start)?.text;
    let next = sentence.words.get(range.end)?;
    if next.gap != tokens::Gap::Space
        || !matches!(
            next.text,
            "administration" | "administrations" | "presidency"
        )
    {
        return None;
    }
    // "the Republican administration": a common word is no president,
    // unless it is a surname too ("Bush", "Ford", "Carter").
    if gazetteer::is_dictionary_word(name) && !gazetteer::is_last_name(name) {
        return None;
    }
    let may_be_a_person = match gazetteer::place_entry(name) {
        None => gazetteer::organisation(name).is_none(),
        Some((_, PlaceKind::Country | PlaceKind::Region)) => false,
        Some((_, PlaceKind::Town)) => true,
        Some((_, PlaceKind::City)) => gazetteer::is_last_name(name),
    };
    may_be_a_person.then_some(next.text)
}

/// Whether the word at byte `start` of `text` follows an `@` or a `#`
/// directly: a social-media handle, a hashtag or an e-mail's domain.
fn after_handle_sign(text: &str, start: usize) -> bool {
    start
        .checked_sub(1)
        .and_then(|k| text.as_bytes().get(k))
        .is_some_and(|b| matches!(b, b'@' | b'#'))
}

/// The names `tagged` marks, with their reasons.
fn collect_mentions<'a>(
    text: &'a str,
    tagged: &Tagged<'_, 'a>,
    prose: &features::ProseNames<'_, 'a>,
    weights: &model::Table,
    explained: &mut Explained,
    lookups: &mut features::Lookups<'a>,
    out: &mut Vec<Mention<'a>>,
) {
    let Tagged {
        sentence,
        labels,
        document,
    } = *tagged;
    let (names, cue_heads) = with_untagged_names(text, sentence, labels);
    let names = join_institutions(sentence, names);
    let names = split_place_after_of(text, sentence, join_saints_buildings(sentence, names));
    if names.is_empty() {
        return;
    }
    // What explaining needs, computed for the first mention that needs it:
    // the gazetteer marks of the sentence's words.
    let mut marks: Option<Vec<Vec<&'static str>>> = None;
    // The last name of the sentence a kind noun typed, for the names
    // listed after it.
    let mut cued_list: Option<CuedName> = None;
    // The words and kind of the last name with brackets after it, for the
    // names credited in them.
    let mut head: Option<(Range<usize>, super::EntityKind)> = None;
    for (mut range, mut kind) in names {
        // "Work Secretary Alan Johnson", "US Attorney Paul McNulty": a title
        // inside a name ends what came before; the words after it name a
        // person.
        let inner_title = (range.start + 1..range.end.saturating_sub(1))
            .rev()
            .find(|&k| is_inner_title(sentence, k));
        if let Some(k) = inner_title {
            range.start = k + 1;
            kind = super::EntityKind::Person;
        }
        if opens_with_party_member(sentence, range.clone()) {
            range.start += 1;
            kind = super::EntityKind::Person;
        }
        range.start = after_titles(sentence, range.clone(), kind);
        // "So Doug believes…": a word linking the sentence to the one
        // before is not part of the name after it.
        while kind == super::EntityKind::Person
            && range.len() > 1
            && (sentence.words.get(range.start))
                .is_some_and(|w| super::gazetteer::is_discourse_opener(w.text))
        {
            range.start += 1;
        }
        range.end = before_trailing_titles(sentence, range.clone(), kind);
        // "Likewise, …", "Meanwhile …": a word that links the sentence to
        // the one before names nothing on its own.
        if range.len() == 1
            && sentence
                .words
                .get(range.start)
                .is_some_and(|w| super::gazetteer::is_discourse_opener(w.text))
        {
            continue;
        }
        // "@HillaryClinton", "#NeverTrump", "lnolan@breitbart.com": an
        // account, a topic or an address, which the tagger takes for a
        // person, place or organisation, is no entity of the panel. (A
        // name of two words, "@Hillary Clinton folks", is the person.)
        if range.len() == 1
            && sentence
                .words
                .get(range.start)
                .is_some_and(|w| after_handle_sign(text, w.span.start))
        {
            continue;
        }
        // "Work Secretary Alan Johnson", "Health Minister": a common word
        // before a cabinet title names the portfolio, not an entity.
        if range.len() == 1 && is_portfolio(sentence, range.start) {
            continue;
        }
        // "General Election": the "title" was part of a phrase, and what is
        // left is a common word, not a person (nor, as the tagger may say,
        // an organisation or a place).
        let after_title = range
            .start
            .checked_sub(1)
            .and_then(|k| sentence.words.get(k))
            .is_some_and(|w| super::gazetteer::is_title(w.text));
        if kind != super::EntityKind::Misc
            && after_title
            && range.len() == 1
            && sentence
                .words
                .get(range.start)
                .is_some_and(|w| super::gazetteer::is_common_word(w.text))
        {
            continue;
        }
        // "Sens." of "Sens. Ted Cruz and Marco Rubio": an abbreviated
        // title alone (or its plural), which the tagger may take for an
        // organisation, is no name.
        let lone_title = |w: &tokens::Word<'_>| {
            let word = w.text.strip_suffix('.').unwrap_or(w.text);
            let abbreviated_title =
                |t: &str| super::gazetteer::is_title(t) && super::gazetteer::is_abbreviation(t);
            let full_stop =
                w.text.ends_with('.') || text.get(w.span.end..).is_some_and(|t| t.starts_with('.'));
            full_stop
                && (abbreviated_title(word)
                    || word.strip_suffix('s').is_some_and(abbreviated_title))
        };
        if range.len() == 1 && sentence.words.get(range.start).is_some_and(lone_title) {
            continue;
        }
        // "I'm with you" mid-sentence, "I" or "To" in a line of capitals:
        // a function word (or its contraction) alone is no name, unless it
        // is also a given name ("Will") or the letter "A" ("Serie A").
        let lone_function_word = |w: &tokens::Word<'_>| {
            super::gazetteer::is_function_word(w.text)
                && !super::gazetteer::is_first_name(w.text)
                && w.text != "A"
        };
        if range.len() == 1
            && sentence
                .words
                .get(range.start)
                .is_some_and(lone_function_word)
        {
            continue;
        }
        // "Incredibly, some people think…", "Bosses, journalists…": a
        // common word opening a sentence, that no list names and the
        // article never capitalises inside a sentence, has its capital
        // from its place: no person, place or organisation. (Misc keeps
        // "Republican" and "Democratic" of "Democratic nominee"; a state's
        // abbreviation, "(Ill.)", is read later.)
        let opening_common_word = |w: &tokens::Word<'_>| {
            w.initial
                && super::gazetteer::is_unlisted_common_word(w.text)
                && super::gazetteer::state_of_abbreviation(w.text).is_none()
                && !prose.contains(w.text)
        };
        if range.len() == 1
            && kind != super::EntityKind::Misc
            && sentence
                .words
                .get(range.start)
                .is_some_and(opening_common_word)
        {
            continue;
        }
        // "PC", "PM", "IPO" alone: a common acronym, a thing or a role,
        // names no person, place or organisation (the tagger had the list
        // only as a feature). Misc keeps them: CoNLL-2003 has "GMT" and
        // "AIDS" as misc.
        if range.len() == 1
            && kind != super::EntityKind::Misc
            && sentence
                .words
                .get(range.start)
                .is_some_and(|w| super::gazetteer::is_common_acronym(w.text))
        {
            continue;
        }
        // "Radio 4", "Channel 4": a numbered broadcaster is an organisation.
        let channel = sentence
            .words
            .get(range.end - 1)
            .map(|w| w.text)
            .filter(|w| matches!(*w, "Radio" | "Channel"));
        let mut channel_cue = None;
        if (kind == super::EntityKind::Misc || channel.is_some())
            && let Some(number) = edition_number(sentence, range.end)
        {
            range.end = number + 1;
            channel_cue = channel;
        }
        // "(R-Ky.)": a party's letter before a state is no part of it (in
        // one name, only a hyphen can join them, and then the state's
        // context is the letter).
        if range.len() == 2
            && state_abbreviation(text, sentence, range.start + 1..range.end).is_some()
        {
            range.start += 1;
        }
        // A numbered channel, or a cue heading words the tagger left out:
        // the cue is the whole evidence.
        let organisation_cue = channel_cue.or_else(|| {
            (cue_heads.contains(&range.start))
                .then(|| sentence.words.get(range.start).map(|w| w.text))
                .flatten()
        });
        let ruled = match organisation_cue {
            Some(cue) => Some((
                super::EntityKind::Organisation,
                reason::Evidence::OrganisationCue(cue.to_owned()),
            )),
            None => ruled_kind(
                text,
                sentence,
                range.clone(),
                kind,
                head.clone(),
                &mut cued_list,
            ),
        };
        if let Some((ruled_kind, _)) = &ruled {
            kind = *ruled_kind;
        }
        if kind == super::EntityKind::Misc && ruled.is_some() {
            range.end = title_after_possessive(sentence, labels, range.end);
            if let Some(listed) = cued_list.as_mut() {
                listed.0 = range.end;
            }
        }
        let (Some(first), Some(last)) = (
            sentence.words.get(range.start),
            sentence.words.get(range.end - 1),
        ) else {
            continue;
        };
        let span = first.span.start..last.span.end;
        let Some(surface) = text.get(span.clone()) else {
            continue;
        };
        if kind_nouns::brackets_after(text, &sentence.words, range.end).is_some() {
            head = Some((range.clone(), kind));
        }
        let reason = if !explained.insert(memory::typed_key_hash(kind, surface)) {
            None
        } else if let Some((_, evidence)) = ruled {
            Some(Box::new(reason::Reason::from_evidence(evidence)))
        } else {
            let marks = marks
                .get_or_insert_with(|| features::gazetteer_marks_with(text, sentence, lookups));
            // Only the words of this name, and only the features a reason
            // can name.
            let ids: Vec<Vec<u64>> = range
                .clone()
                .map(|i| {
                    let mut v = Vec::new();
                    features::readable_into(sentence, marks, lookups, i, &mut v);
                    v.extend(document.get(i).into_iter().flatten());
                    v
                })
                .collect();
            let borrowed: Vec<&[u64]> = ids.iter().map(Vec::as_slice).collect();
            Some(Box::new(reason::explain(
                sentence, marks, range, labels, &borrowed, weights,
            )))
        };
        out.push(Mention {
            span,
            surface,
            kind,
            reason,
        });
    }
}

/// Where a work's title that ends before word `end` of `sentence` ends
/// once the untagged capitalised words after its possessive are taken in:
/// "Schindler" in "films include Schindler's List, Michael Collins" is the
/// title "Schindler's List" (and the list goes on after it). `end` itself
/// when the last word has no possessive or no such word follows.
fn title_after_possessive(sentence: &Sentence<'_>, labels: &[Label], end: usize) -> usize {
    let possessive = end
        .checked_sub(1)
        .and_then(|k| sentence.words.get(k))
        .is_some_and(|w| w.possessive);
    if !possessive {
        return end;
    }
    let mut after = end;
    while sentence.words.get(after).is_some_and(|w| {
        w.text.starts_with(char::is_uppercase) && w.gap == tokens::Gap::Space && !w.possessive
    }) && labels.get(after).is_some_and(|l| *l == Label::OUTSIDE)
    {
        after += 1;
    }
    after
}

/// The index of the number of one or two digits that word `end` of
/// `sentence` is, when it may belong to the name that ends before it: an
/// edition or sequel ("Euro 96", "Shrek 2"), a channel ("Radio 4's"). The
/// tagger, whose candidates all have a capital, cannot take it in. Read
/// only after misc names and "Radio" or "Channel": on
/// CoNLL-2003 dev, numbers after teams and people are scores far more
/// often than parts of their names (typed F1 fell from 89.9 to 87.7 when
/// every kind took them; misc alone gains 0.06). Never
/// in a results table ("Hamburg 2 Bochum 1"), after a possessive, before
/// another number or a name ("Leeds 2 Arsenal 1", "2-1", "9/11"), nor
/// before a unit ("Vodafone 3 per cent").
fn edition_number(sentence: &Sentence<'_>, end: usize) -> Option<usize> {
    if sentence.table_line || sentence.table_document {
        return None;
    }
    let last = sentence.words.get(end.checked_sub(1)?)?;
    let number = sentence.words.get(end)?;
    let digits =
        (1..=2).contains(&number.text.len()) && number.text.bytes().all(|b| b.is_ascii_digit());
    if last.possessive || number.gap != tokens::Gap::Space || !digits {
        return None;
    }
    // "Radio 4's Today programme": what follows a possessive is no score.
    let free = number.possessive
        || sentence.words.get(end + 1).is_none_or(|next| {
            let unit = matches!(
                next.text,
                "per"
                    | "percent"
                    | "pc"
                    | "million"
                    | "billion"
                    | "bn"
                    | "m"
                    | "points"
                    | "pts"
                    | "goals"
                    | "runs"
                    | "wickets"
                    | "years"
                    | "pence"
                    | "p"
                    | "cents"
                    | "to"
            );
            let name_or_number = next
                .text
                .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
            next.gap != tokens::Gap::Hyphen && !unit && !name_or_number
        });
    free.then_some(end)
}

/// A name a noun around it typed (see [`kind_nouns`]): the end of its
/// words (exclusive), its kind and the evidence.
type CuedName = (usize, super::EntityKind, reason::Evidence);

/// The kind a rule gives the name at words `range` of `sentence`, which
/// the tagger took for `tagged`, and the evidence: a noun around it
/// ("box-office flops Alexander", "security firm Sophos"), the list such a
/// name opened (`cued_list`, the sentence's last such name, kept up to
/// date: "classics such as Space Invaders, Lunar Lander and Bejewelled"),
/// or a hyphened participle after a listed place ("California-based"),
/// or the brackets after the name before it, `head` (its words and kind;
/// see [`kind_nouns::credit_in_brackets`]).
fn ruled_kind(
    text: &str,
    sentence: &Sentence<'_>,
    range: Range<usize>,
    tagged: super::EntityKind,
    head: Option<(Range<usize>, super::EntityKind)>,
    cued_list: &mut Option<CuedName>,
) -> Option<(super::EntityKind, reason::Evidence)> {
    use super::EntityKind::{Misc, Organisation, Person, Place};
    if tagged != Place && state_abbreviation(text, sentence, range.clone()).is_some() {
        return Some((Place, reason::Evidence::Gazetteer(reason::List::Region)));
    }
    let written = sentence
        .words
        .get(range.clone())
        .and_then(|name| tokens::text_of(text, name));
    if tagged != Misc && written.is_some_and(super::gazetteer::is_technology) {
        return Some((Misc, reason::Evidence::Gazetteer(reason::List::Technology)));
    }
    let cued = kind_nouns::credit_in_brackets(text, &sentence.words, range.clone(), tagged, head)
        .or_else(|| kind_nouns::kind_cue(text, sentence, range.clone(), tagged))
        .map(|cue| {
            let word = cue.word;
            let evidence = match (cue.by, cue.kind) {
                (kind_nouns::CueBy::Channel, _) => reason::Evidence::Channel(word),
                (kind_nouns::CueBy::Maker, _) => reason::Evidence::Maker(word),
                (kind_nouns::CueBy::Craft, _) => reason::Evidence::Craft(word),
                (kind_nouns::CueBy::Year, _) => reason::Evidence::YearOfWork(word),
                (kind_nouns::CueBy::Noun, Misc) => reason::Evidence::WorkCue(word),
                (kind_nouns::CueBy::Noun, _) => reason::Evidence::OrganisationCue(word),
            };
            (cue.kind, evidence)
        })
        .or_else(|| {
            cued_list
                .take()
                .filter(|(end, ..)| kind_nouns::continues_list(text, sentence, *end, range.clone()))
                .map(|(_, kind, evidence)| (kind, evidence))
        });
    if let Some((kind, evidence)) = &cued {
        *cued_list = Some((range.end, *kind, evidence.clone()));
        return cued;
    }
    if let Some(list) = place_after_in(text, sentence, range.clone(), tagged)
        .or_else(|| place_before_office(text, sentence, range.clone(), tagged))
        .or_else(|| dateline_place(text, sentence, range.clone(), tagged))
        .or_else(|| place_after_party_letter(text, sentence, range.clone(), tagged))
    {
        return Some((Place, reason::Evidence::Gazetteer(list)));
    }
    if let Some(word) = person_before_tenure(sentence, range.clone(), tagged) {
        return Some((Person, reason::Evidence::Tenure(word.to_owned())));
    }
    if let Some(words) = work_title_words(sentence, range.clone(), tagged) {
        return Some((Misc, reason::Evidence::WorkTitle(words.to_owned())));
    }
    if let Some(cue) = event_cue_last(sentence, range.clone(), tagged) {
        return Some((Misc, reason::Evidence::EventCue(cue.to_owned())));
    }
    if let Some(time) = time_possessive_before(sentence, range.clone(), tagged) {
        return Some((Misc, reason::Evidence::EventCue(format!("{time}'s"))));
    }
    if let Some(cue) = work_cue_last(sentence, range.clone(), tagged) {
        return Some((Misc, reason::Evidence::WorkCue(cue.to_owned())));
    }
    if let Some(cue) = organisation_cue_last(sentence, range.clone(), tagged) {
        return Some((
            Organisation,
            reason::Evidence::OrganisationCue(cue.to_owned()),
        ));
    }
    if let Some(cue) = state_noun(sentence, range.clone(), tagged) {
        return Some((Place, reason::Evidence::PlaceCue(cue.to_owned())));
    }
    if let Some(title) = title_before(sentence, range.clone(), tagged) {
        return Some((Person, reason::Evidence::Title(title.to_owned())));
    }
    if let Some(word) = inner_capital(sentence, range.clone(), tagged) {
        return Some((
            Organisation,
            reason::Evidence::InnerCapital(word.to_owned()),
        ));
    }
    // As misc, CoNLL-2003's reading of the whole compound, it stays.
    if !matches!(tagged, Person | Organisation) {
        return None;
    }
    let list = place_before_participle(text, sentence, range)?;
    Some((Place, reason::Evidence::Gazetteer(list)))
}

/// The one word of the name at words `name` of `sentence`, which the
/// tagger took for a person, when a capital letter inside it joins two
/// words into a company's or product's name ("TimeWarner", "GameBoy"): a
/// surname does that only after a prefix ("McNulty", "MacDonald",
/// "DeJesus", "VanLandingham"; in CoNLL-2003 train, 36 of the 37 word
/// forms of people with a capital inside have one, "MaliVai" not).
/// Organisation, as 17 of the 26 such word forms without a prefix there
/// are ("BellSouth", "CompuServe"; 2 are misc, 6 no name, 1 the person).
fn inner_capital<'a>(
    sentence: &Sentence<'a>,
    name: Range<usize>,
    tagged: super::EntityKind,
) -> Option<&'a str> {
    if tagged != super::EntityKind::Person || name.len() != 1 {
        return None;
    }
    let word = sentence.words.get(name.start)?.text;
    // Where a lower-case letter is followed by a capital.
    let joint = word
        .char_indices()
        .zip(word.chars().skip(1))
        .find(|((_, a), b)| a.is_lowercase() && b.is_uppercase())
        .map(|((at, a), _)| at + a.len_utf8())?;
    let head = word.get(..joint)?;
    let prefix = matches!(
        head,
        "Mc" | "Mac" | "De" | "Di" | "Da" | "Du" | "La" | "Le" | "Van" | "Von" | "Fitz"
    );
    // A capital opens the word, and a lower-case letter follows the joint.
    let shaped = head.starts_with(char::is_uppercase)
        && word
            .get(joint..)
            .is_some_and(|rest| rest.chars().nth(1).is_some_and(char::is_lowercase));
    (shaped && !prefix).then_some(word)
}

/// The words that make the name at words `name` of `sentence`, which the
/// tagger took for a person, place or organisation, the title of a work:
/// a possessive that opens it ("My Left Foot", "Your Face"), a
/// capitalised pronoun inside it ("Curb Your Enthusiasm") or, in a
/// person's name, "of the" ("Shaun of the Dead"); names of people, places
/// and organisations have none of these.
fn work_title_words<'a>(
    sentence: &Sentence<'a>,
    name: Range<usize>,
    tagged: super::EntityKind,
) -> Option<&'a str> {
    if tagged == super::EntityKind::Misc || name.len() < 2 {
        return None;
    }
    let word = |k: usize| sentence.words.get(k).map(|w| w.text);
    if let Some(possessive @ ("My" | "Your" | "Our")) = word(name.start) {
        return Some(possessive);
    }
    // A capitalised pronoun inside: "Curb Your Enthusiasm", "Pimp My Ride",
    // "Have I Got News For You". ("I" is left out, for "World War I"; and
    // "Our", for campaigns such as "Save Our Schools".)
    let pronoun = (name.start + 1..name.end)
        .filter_map(word)
        .find(|w| matches!(*w, "My" | "Your" | "You" | "Me" | "We"));
    if pronoun.is_some() {
        return pronoun;
    }
    let of_the = (name.start + 1..name.end.saturating_sub(2))
        .any(|k| word(k) == Some("of") && matches!(word(k + 1), Some("the" | "The")));
    (tagged == super::EntityKind::Person && of_the).then_some("of the")
}

/// The event cue that ends the name of two or more words at `name` of
/// `sentence`, which the tagger took for a person, place or organisation:
/// "MTV Europe Music Awards", "Norwich Union Grand Prix" name events,
/// misc in CoNLL-2003. A person keeps a surname that is also a cue ("Doris
/// Day").
fn event_cue_last<'a>(
    sentence: &Sentence<'a>,
    name: Range<usize>,
    tagged: super::EntityKind,
) -> Option<&'a str> {
    let last =
        last_of_several_words(sentence, name).filter(|_| tagged != super::EntityKind::Misc)?;
    let surname = tagged == super::EntityKind::Person && super::gazetteer::is_last_name(last);
    (super::gazetteer::is_event_cue(last) && !surname).then_some(last)
}

/// The span of time whose possessive comes right before the name at words
/// `name` of `sentence`, which the tagger took for a person, place or
/// organisation, after "this", "last" or "next": "this year's Worlds",
/// "next month's European Indoors", "last week's Budget" name events
/// (misc), not the places or bodies that hold them.
fn time_possessive_before<'a>(
    sentence: &Sentence<'a>,
    name: Range<usize>,
    tagged: super::EntityKind,
) -> Option<&'a str> {
    if tagged == super::EntityKind::Misc {
        return None;
    }
    let time = sentence.words.get(name.start.checked_sub(1)?)?;
    let which = sentence.words.get(name.start.checked_sub(2)?)?;
    let is_time = matches!(
        time.text,
        "year" | "month" | "week" | "season" | "summer" | "winter" | "spring" | "autumn"
    );
    let deictic = matches!(
        which.text,
        "this" | "last" | "next" | "This" | "Last" | "Next"
    );
    (time.possessive && is_time && deictic).then_some(time.text)
}

/// The work cue that ends the name of two or more words at `name` of
/// `sentence`, which the tagger took for a person, place or organisation:
/// "The Catherine Tate Show", "Race Equality Strategy" (see
/// [`super::gazetteer::is_work_cue_last`]).
fn work_cue_last<'a>(
    sentence: &Sentence<'a>,
    name: Range<usize>,
    tagged: super::EntityKind,
) -> Option<&'a str> {
    last_of_several_words(sentence, name).filter(|last| {
        tagged != super::EntityKind::Misc && super::gazetteer::is_work_cue_last(last)
    })
}

/// The organisation cue that ends the name of two or more words at `name`
/// of `sentence`, which the tagger took for a person: "Shady Records".
/// Places keep theirs: "Soviet Union" is a place in CoNLL-2003 (typed F1
/// on dev fell by 0.2 when places took this rule).
fn organisation_cue_last<'a>(
    sentence: &Sentence<'a>,
    name: Range<usize>,
    tagged: super::EntityKind,
) -> Option<&'a str> {
    let last =
        last_of_several_words(sentence, name).filter(|_| tagged == super::EntityKind::Person)?;
    super::gazetteer::is_organisation_cue(last).then_some(last)
}

/// "Republic" in the name of two or more words at `name` of `sentence`,
/// which the tagger took for an organisation or a person, when it names
/// a state: last ("Slovak Republic", "Kyrgyz Republic") or before "of"
/// ("Federal Republic of Yugoslavia"). Every such name in CoNLL-2003
/// train is a place (62 of 62); a party's name has "Republican".
fn state_noun<'a>(
    sentence: &Sentence<'a>,
    name: Range<usize>,
    tagged: super::EntityKind,
) -> Option<&'a str> {
    if !matches!(
        tagged,
        super::EntityKind::Organisation | super::EntityKind::Person
    ) {
        return None;
    }
    let word = |k: usize| sentence.words.get(k).map(|w| w.text);
    if last_of_several_words(sentence, name.clone()) == Some("Republic") {
        return word(name.end - 1);
    }
    (name.start..name.end.saturating_sub(2))
        .find(|&k| word(k) == Some("Republic") && word(k + 1) == Some("of"))
        .and_then(word)
}

/// The last word of the name at words `name` of `sentence`, when it has
/// two or more: a one-word name is never only its cue.
fn last_of_several_words<'a>(sentence: &Sentence<'a>, name: Range<usize>) -> Option<&'a str> {
    (name.len() >= 2)
        .then(|| sentence.words.get(name.end - 1))
        .flatten()
        .map(|w| w.text)
}

/// Where the name at words `name` of `sentence`, of kind `kind`, starts
/// once the titles that open it are left out. A title is never part of a
/// person's name ("Mr Macron" → "Macron"), and a courtesy title or an
/// occupation opens no other kind of name: "Mr. Welch" and "Rapper
/// Eminem", which the tagger may take for a place or an organisation, are
/// left to the title rule of [`ruled_kind`]; a misc name keeps them ("Miss
/// World", "Singer World Series"). One word is always left.
fn after_titles(sentence: &Sentence<'_>, name: Range<usize>, kind: super::EntityKind) -> usize {
    let mut start = name.start;
    while start + 1 < name.end
        && sentence.words.get(start).is_some_and(|w| {
            (kind == super::EntityKind::Person && super::gazetteer::is_title(w.text))
                || (kind != super::EntityKind::Misc
                    && (super::gazetteer::is_honorific(w.text)
                        || super::gazetteer::is_occupation(w.text)))
        })
    {
        start += 1;
    }
    start
}

/// The gazetteer that lists the name at words `name` of `sentence` as a
/// place, when "in" comes right before it ("In" opening the sentence), or
/// before a word of direction before it, or a settlement noun and "of"
/// ("the city of Groningen"), and the tagger took it for an organisation
/// ("Bluewater in Kent", "shops in central London", "In Montreal, …").
fn place_after_in(
    text: &str,
    sentence: &Sentence<'_>,
    name: Range<usize>,
    tagged: super::EntityKind,
) -> Option<reason::List> {
    if tagged != super::EntityKind::Organisation || !spaced(sentence, name.start) {
        return None;
    }
    let word = |k: usize| sentence.words.get(k).map(|w| w.text);
    let mut before = name.start.checked_sub(1)?;
    if word(before).is_some_and(is_direction) && spaced(sentence, before) {
        before = before.checked_sub(1)?;
    }
    let after_in = match word(before) {
        Some("in" | "In") => true,
        // "the northern city of Groningen": the noun says what it is.
        Some("of") => before
            .checked_sub(1)
            .and_then(word)
            .is_some_and(is_settlement_noun),
        _ => false,
    };
    if !after_in {
        return None;
    }
    listed_place(text, sentence, name)
}

/// The gazetteer list of the place at words `name` of `sentence` when an
/// office held for it follows, only spaces apart ("Florida Sen. Marco
/// Rubio", "Texas governor"): the tagger, reading a name before a title,
/// often takes the state for an organisation. The offices are listed in
/// `lexicons/offices_of_places.txt`.
fn place_before_office(
    text: &str,
    sentence: &Sentence<'_>,
    name: Range<usize>,
    tagged: super::EntityKind,
) -> Option<reason::List> {
    if tagged != super::EntityKind::Organisation || !spaced(sentence, name.end) {
        return None;
    }
    let office = sentence.words.get(name.end)?;
    if !super::gazetteer::is_office_of_place(office.text) {
        return None;
    }
    listed_place(text, sentence, name)
}

/// The gazetteer list of the place at words `name` of `sentence` after a
/// party's letter and a hyphen ("Sen. Ted Cruz (R-Texas)"), which the
/// tagger may take for an organisation or a person.
fn place_after_party_letter(
    text: &str,
    sentence: &Sentence<'_>,
    name: Range<usize>,
    tagged: super::EntityKind,
) -> Option<reason::List> {
    if tagged == super::EntityKind::Place || !after_party_letter(text, sentence, name.start) {
        return None;
    }
    listed_place(text, sentence, name)
}

/// The gazetteer list of the place at words `name` of `sentence` when it
/// opens the sentence as a news agency's dateline: a bracketed agency in
/// capitals after it ("Cleveland (AFP) – The convention began"), which
/// the tagger took for part of an organisation's context.
fn dateline_place(
    text: &str,
    sentence: &Sentence<'_>,
    name: Range<usize>,
    tagged: super::EntityKind,
) -> Option<reason::List> {
    if tagged != super::EntityKind::Organisation || name.start != 0 {
        return None;
    }
    let last = sentence.words.get(name.end.checked_sub(1)?)?;
    let after = text.get(last.span.end..)?.trim_start_matches(' ');
    let agency = after.strip_prefix('(')?.split(')').next()?;
    let capitals =
        (2..=8).contains(&agency.len()) && agency.bytes().all(|b| b.is_ascii_uppercase());
    if !capitals {
        return None;
    }
    listed_place(text, sentence, name.clone()).or_else(|| {
        // "WASHINGTON (AP) —": datelines are often in capitals.
        let first = sentence.words.get(name.start)?;
        let written = text.get(first.span.start..last.span.end)?;
        if written.chars().any(char::is_lowercase) {
            return None;
        }
        let (_, kind) = super::gazetteer::place_entry(&features::title_case_words(written))?;
        Some(reason::List::from(kind))
    })
}

/// A noun that names a kind of place before "of" and its name ("the city
/// of Groningen", "the port of Aden").
fn is_settlement_noun(word: &str) -> bool {
    matches!(
        word,
        "city" | "town" | "village" | "capital" | "port" | "suburb" | "province" | "region"
    )
}

/// A lower-case word that places a town within a larger one ("central
/// London", "north Wales").
fn is_direction(word: &str) -> bool {
    matches!(
        word,
        "central"
            | "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "downtown"
            | "rural"
            | "inner"
            | "outer"
    )
}

/// The gazetteer that lists the name at words `name` of `sentence` as a
/// place, if one does.
fn listed_place(text: &str, sentence: &Sentence<'_>, name: Range<usize>) -> Option<reason::List> {
    let (first, last) = (
        sentence.words.get(name.start)?,
        sentence.words.get(name.end.checked_sub(1)?)?,
    );
    let (_, kind) = super::gazetteer::place_entry(text.get(first.span.start..last.span.end)?)?;
    Some(reason::List::from(kind))
}

/// The title right before the name at words `name` of `sentence` (only a
/// space between), when the tagger took the name for a place or an
/// organisation that no gazetteer lists as a country, that is no single
/// common word ("General Election") and no word of which is an
/// organisation or place cue: a title names a person ("US President
/// Bush", where "Bush" is also a town in Egypt).
fn title_before<'a>(
    sentence: &Sentence<'a>,
    name: Range<usize>,
    tagged: super::EntityKind,
) -> Option<&'a str> {
    use super::EntityKind::{Organisation, Place};
    if !matches!(tagged, Place | Organisation) || !spaced(sentence, name.start) {
        return None;
    }
    let title = sentence.words.get(name.start.checked_sub(1)?)?;
    if !super::gazetteer::is_title(title.text)
        && !super::gazetteer::is_occupation(title.text)
        && !is_lower_case_role(title.text)
    {
        return None;
    }
    let words = sentence.words.get(name)?;
    // "Massachusetts General Hospital": the word was no title there.
    let cue = words.iter().any(|w| {
        super::gazetteer::is_organisation_cue(w.text) || super::gazetteer::is_place_cue(w.text)
    });
    // "General Election": a common word after a title is no surname.
    let common = words.len() == 1
        && words
            .first()
            .is_some_and(|w| super::gazetteer::is_common_word(w.text));
    let country = words.len() == 1
        && words.first().is_some_and(|w| {
            super::gazetteer::place_entry(w.text)
                .is_some_and(|(_, kind)| kind == super::gazetteer::PlaceKind::Country)
        });
    (!country && !cue && !common).then_some(title.text)
}

/// Where the name at words `name` of `sentence`, of kind `kind`, ends once
/// the titles that close it are left out: "Kyrgyz President", "South
/// Carolina Gov" (CoNLL-2003 dev) name a place and the role of a person
/// named after it. A person keeps them ("John Major", "Billie Jean King"),
/// and so does a misc name; one word is always left.
fn before_trailing_titles(
    sentence: &Sentence<'_>,
    name: Range<usize>,
    kind: super::EntityKind,
) -> usize {
    let mut end = name.end;
    if !matches!(
        kind,
        super::EntityKind::Organisation | super::EntityKind::Place
    ) {
        return end;
    }
    let word = |k: usize| sentence.words.get(k).map(|w| w.text);
    while end > name.start + 1 && word(end - 1).is_some_and(super::gazetteer::is_title) {
        // "The New Hampshire Union Leader": "Leader" after an
        // organisation's cue ends a newspaper's name, not a role ("Supreme
        // Court Justice" still loses its title).
        if kind == super::EntityKind::Organisation
            && word(end - 1) == Some("Leader")
            && word(end - 2).is_some_and(super::gazetteer::is_organisation_cue)
        {
            break;
        }
        end -= 1;
    }
    end
}

/// A role written in lower case before a person's name: "leader"
/// ("democracy leader Aung San Suu Kyi"; 25 of 27 capitalised words after
/// it in CoNLL-2003 train are a person's) or an occupation ("goalkeeper
/// Rustu Recber"). Titles are left out: in lower case, "miss", "major"
/// and "general" are other words.
fn is_lower_case_role(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next().filter(|c| c.is_lowercase()) else {
        return false;
    };
    let capitalised: String = first.to_uppercase().chain(chars).collect();
    word == "leader" || super::gazetteer::is_occupation(&capitalised)
}

/// The gazetteer that lists the name at words `name` of `sentence` as a
/// place, when a hyphened participle follows it ("California-based",
/// "Ballymena-born"): the tagger, which saw such words whole in CoNLL-2003
/// ("California-based" is one token there), often calls the place an
/// organisation.
fn place_before_participle(
    text: &str,
    sentence: &Sentence<'_>,
    name: Range<usize>,
) -> Option<reason::List> {
    let next = sentence.words.get(name.end)?;
    let participle = matches!(
        next.text,
        "based" | "born" | "bred" | "raised" | "headquartered" | "registered" | "listed"
    );
    if !participle || next.gap != tokens::Gap::Hyphen {
        return None;
    }
    listed_place(text, sentence, name)
}

/// Whether word `k` of `sentence` is a portfolio before a cabinet title
/// ("Work" in "Work Secretary", "Health" in "Health Minister"): a common
/// word in capitals, listed as no place, organisation or demonym, right
/// before "Secretary" or "Minister".
fn is_portfolio(sentence: &Sentence<'_>, k: usize) -> bool {
    use super::gazetteer as g;
    let before_title = sentence
        .words
        .get(k + 1)
        .is_some_and(|w| matches!(w.text, "Secretary" | "Minister"));
    before_title
        && sentence.words.get(k).is_some_and(|w| {
            g::is_dictionary_word(w.text)
                && !w.text.bytes().all(|b| b.is_ascii_uppercase())
                && g::place(w.text).is_none()
                && g::organisation(w.text).is_none()
                && !g::is_demonym(w.text)
        })
}

/// The names `labels` give the words of `sentence` (word ranges, in
/// order), with the capitalised words the tagger left out where a rule
/// says a name follows: after a work or organisation noun ("classics such
/// as Space Invaders", see [`kind_nouns::untagged_after_noun`]) and after
/// an organisation cue and "for" or "of" ("A Department for Work"; an
/// organisation, which [`join_institutions`] then heads with its cue;
/// the second list gives those cues' word indices).
fn with_untagged_names(
    text: &str,
    sentence: &Sentence<'_>,
    labels: &[Label],
) -> (Vec<(Range<usize>, super::EntityKind)>, Vec<usize>) {
    let mut names = labels::decode(labels);
    let tagged: Vec<Range<usize>> = names.iter().map(|(r, _)| r.clone()).collect();
    let mut untagged = kind_nouns::untagged_after_noun(text, sentence, &tagged);
    let institutions = untagged_institution_names(sentence, &tagged);
    if untagged.is_empty() && institutions.is_empty() {
        return (names, Vec::new());
    }
    let cue_heads = institutions.iter().map(|(_, cue)| *cue).collect();
    untagged.extend(
        institutions
            .into_iter()
            .map(|(r, _)| (r, super::EntityKind::Organisation)),
    );
    // A run both rules found is one name; a tagged name a run took in is
    // no name of its own.
    untagged.sort_by_key(|(r, _)| r.start);
    untagged.dedup_by_key(|(r, _)| r.start);
    names.retain(|(r, _)| !untagged.iter().any(|(u, _)| u.contains(&r.start)));
    names.extend(untagged);
    names.sort_by_key(|(r, _)| r.start);
    (names, cue_heads)
}

/// The capitalised words (word ranges) right after an organisation cue
/// and "for" or "of" (and perhaps "the") that the tagger left out of every
/// name in `tagged`, each with its cue's word index: "Work" and
/// "Department" in "A Department for Work and Pensions spokeswoman". The
/// cue is untagged, or the last word of a tagged name, which the range
/// then starts with ("The Department" + "of Health").
fn untagged_institution_names(
    sentence: &Sentence<'_>,
    tagged: &[Range<usize>],
) -> Vec<(Range<usize>, usize)> {
    let free = |k: usize| !tagged.iter().any(|r| r.contains(&k));
    // "The Department" + "of Health": the tagger may end a name at its
    // cue; the run then takes that name in.
    let name_ending_at = |k: usize| tagged.iter().find(|r| r.end == k + 1);
    let mut found = Vec::new();
    for start in 0..sentence.words.len() {
        // Only a capitalised candidate opens a run (see
        // `kind_nouns::capitalised_run`): the cheap test first.
        let capitalised = sentence.candidate.get(start) == Some(&true)
            && sentence
                .words
                .get(start)
                .is_some_and(|w| w.text.starts_with(char::is_uppercase));
        if !capitalised {
            continue;
        }
        let Some(cue) = institution_head(sentence, start, 0)
            .filter(|&cue| free(cue) || (name_ending_at(cue).is_some() && free(start)))
        else {
            continue;
        };
        let Some(mut run) = kind_nouns::capitalised_run(sentence, start, tagged) else {
            continue;
        };
        if let Some(name) = name_ending_at(cue) {
            run.start = name.start;
        }
        // "College for All Act" is a law, not a college.
        let event = (run.end.checked_sub(1).and_then(|k| sentence.words.get(k)))
            .is_some_and(|w| super::gazetteer::is_event_cue(w.text));
        if !event {
            found.push((run, cue));
        }
    }
    found
}

/// Names (word ranges of `sentence`, in order) with the institutions the
/// tagger cut restored:
/// - a person's, place's or organisation's name right after an
///   organisation cue and "for" or "of" (and an optional "the") takes them
///   in and becomes an organisation: "Work" in
///   "Department for Work", "England" in "Bank of England" (the tagger,
///   trained on Reuters news, rarely saw a cue before "for");
/// - two names are joined into one organisation where only "and"
///   separates them, an organisation cue opens the first or closes the
///   second, and the words either side of "and" and after it are common
///   words or two given names open the two names: "Department for Work" and "Pensions", "Commons Work" and
///   "Pensions Committee". "and" is no name connector for the tagger, as
///   it joins two names far more often than it continues one ("Lotte and
///   Hyundai").
fn join_institutions(
    sentence: &Sentence<'_>,
    names: Vec<(Range<usize>, super::EntityKind)>,
) -> Vec<(Range<usize>, super::EntityKind)> {
    let word = |k: usize| sentence.words.get(k);
    let spaced = |k: usize| spaced(sentence, k);
    let mut out: Vec<(Range<usize>, super::EntityKind)> = Vec::with_capacity(names.len());
    let mut names = names.into_iter().peekable();
    while let Some((mut range, mut kind)) = names.next() {
        let free_from = out.last().map_or(0, |(before, _)| before.end);
        // "The Department of Health": the article is no part of the name.
        if kind == super::EntityKind::Organisation
            && word(range.start).is_some_and(|w| w.text == "The")
            && opens_with_institution(sentence, range.start + 1..range.end)
        {
            range.start += 1;
        }
        // Not a misc name: "College for All Act" is a law, not a college.
        // The tagger may have taken the cue in itself ("Department for
        // Work"); "and Pensions" still ends the name.
        let headed = kind == super::EntityKind::Organisation
            && opens_with_institution(sentence, range.clone());
        if headed {
            let free_to = next_name_start(&mut names, sentence);
            range.end = capitalised_after_and(sentence, range.end, free_to);
        } else if kind != super::EntityKind::Misc
            && let Some(cue) = institution_head(sentence, range.start, free_from)
        {
            range.start = cue;
            kind = super::EntityKind::Organisation;
            // "and Pensions" ends the institution's name even where the
            // tagger left it out.
            let free_to = next_name_start(&mut names, sentence);
            range.end = capitalised_after_and(sentence, range.end, free_to);
        }
        // "Council" on "Foreign Relations": the subject after "on" is part
        // of the name, with any "and" and more of it after.
        if let Some((before, before_kind)) = out.last_mut()
            && before.end + 1 == range.start
            && word(before.end).is_some_and(|w| w.text == "on")
            && spaced(before.end)
            && spaced(range.start)
            && heads_subject_after_on(sentence, before.clone())
            && subject_words(sentence, range.clone())
        {
            before.end = range.end;
            *before_kind = super::EntityKind::Organisation;
            while let Some((next, _)) = names.peek()
                && next.start == before.end + 1
                && word(before.end).is_some_and(|w| w.text == "and")
                && spaced(before.end)
                && spaced(next.start)
                && subject_words(sentence, next.clone())
            {
                before.end = next.end;
                names.next();
            }
            let free_to = next_name_start(&mut names, sentence);
            before.end = capitalised_after_and(sentence, before.end, free_to);
            continue;
        }
        if heads_subject_after_on(sentence, range.clone()) {
            // "Committee on Appropriations", the subject untagged.
            let free_to = next_name_start(&mut names, sentence);
            let end = capitalised_after(sentence, range.end, free_to, "on");
            if end > range.end {
                range.end = capitalised_after_and(sentence, end, free_to);
                kind = super::EntityKind::Organisation;
            }
        }
        if let Some((before, before_kind)) = out.last_mut()
            && before.end + 1 == range.start
            && word(before.end).is_some_and(|w| w.text == "and")
            && spaced(before.end)
            && spaced(range.start)
            // "Gervais and The Office": a name of its own follows.
            && word(range.start).is_some_and(|w| w.text != "The")
            && (word(before.start).is_some_and(|w| super::gazetteer::is_organisation_cue(w.text))
                || word(range.end - 1)
                    .is_some_and(|w| super::gazetteer::is_organisation_cue(w.text)))
            // Common words either side of "and" ("Work and Pensions
            // Committee", "Health and Human Services"), not names of their
            // own ("Bank of England and Barclays", "Ryan and Senate"); or
            // two given names ("Bill and Melinda Gates Foundation").
            && ((common_words(sentence, before.end - 1..before.end)
                && common_words(sentence, range.clone()))
                || (before.len() == 1
                    && range.len() > 2
                    && given_name(sentence, before.start)
                    && given_name(sentence, range.start)))
        {
            before.end = range.end;
            *before_kind = super::EntityKind::Organisation;
            continue;
        }
        out.push((range, kind));
    }
    out
}

/// Splits a person or organisation name "X of P", where P is a listed place
/// and no word of X is an organisation, place or event cue or a title, into
/// X and the place P: "Karlsruhe of Germany" is a team and its country,
/// "Keith O'Neill of Norwich" a player and his town. Names of institutions
/// keep theirs ("Bank of England", "Duke of Edinburgh").
fn split_place_after_of(
    text: &str,
    sentence: &Sentence<'_>,
    names: Vec<(Range<usize>, super::EntityKind)>,
) -> Vec<(Range<usize>, super::EntityKind)> {
    use super::EntityKind::{Organisation, Person, Place};
    let mut out = Vec::with_capacity(names.len());
    for (range, kind) in names {
        let institution = |w: &tokens::Word<'_>| {
            use super::gazetteer::{is_event_cue, is_organisation_cue, is_place_cue, is_title};
            is_organisation_cue(w.text)
                || is_place_cue(w.text)
                || is_event_cue(w.text)
                || is_title(w.text)
        };
        let of = (range.start + 1..range.end.saturating_sub(1))
            .find(|&k| sentence.words.get(k).is_some_and(|w| w.text == "of"))
            .filter(|&of| {
                matches!(kind, Person | Organisation)
                    && (sentence.words.get(range.start..of))
                        .is_some_and(|x| !x.iter().any(institution))
                    && listed_place(text, sentence, of + 1..range.end).is_some()
            });
        match of {
            Some(of) => {
                out.push((range.start..of, kind));
                out.push((of + 1..range.end, Place));
            }
            None => out.push((range, kind)),
        }
    }
    out
}

/// Where the next of `names` starts (the words before it belong to no
/// other name), or the end of `sentence` when none is left.
fn next_name_start(
    names: &mut std::iter::Peekable<impl Iterator<Item = (Range<usize>, super::EntityKind)>>,
    sentence: &Sentence<'_>,
) -> usize {
    names
        .peek()
        .map_or(sentence.words.len(), |(next, _)| next.start)
}

/// Where a name ending before word `end` ends once the capitalised common
/// words after an "and" right after it are taken in ("Department for Work"
/// and "Pensions"); `end` itself when there are none, or another word
/// comes first. The words stop at `free_to`, the start of the next name.
fn capitalised_after_and(sentence: &Sentence<'_>, end: usize, free_to: usize) -> usize {
    capitalised_after(sentence, end, free_to, "and")
}

/// [`capitalised_after_and`] after the word `link` ("and", "on").
fn capitalised_after(sentence: &Sentence<'_>, end: usize, free_to: usize, link: &str) -> usize {
    let word = |k: usize| sentence.words.get(k);
    let spaced = |k: usize| spaced(sentence, k);
    if !(word(end).is_some_and(|w| w.text == link) && spaced(end)) {
        return end;
    }
    let capitalised = |k: usize| {
        spaced(k) && word(k).is_some_and(|w| w.text.starts_with(|c: char| c.is_uppercase()))
    };
    let mut k = end + 1;
    while k < free_to && capitalised(k) {
        k += 1;
    }
    if k > end + 1 && subject_words(sentence, end + 1..k) {
        k
    } else {
        end
    }
}

/// Whether the name at words `name` of `sentence` ends with a word that
/// heads an organisation whose subject follows "on" ("Council", see
/// [`super::gazetteer::takes_subject_after_on`]) and the word after it is
/// "on".
fn heads_subject_after_on(sentence: &Sentence<'_>, name: Range<usize>) -> bool {
    let word = |k: usize| sentence.words.get(k);
    name.end > name.start
        && word(name.end - 1).is_some_and(|w| super::gazetteer::takes_subject_after_on(w.text))
        && word(name.end).is_some_and(|w| w.text == "on")
}

/// Whether words `words` of `sentence` may be the subject of an
/// institution's name: common words ([`common_words`]), no day or month
/// ("the Committee on Monday").
fn subject_words(sentence: &Sentence<'_>, words: Range<usize>) -> bool {
    common_words(sentence, words.clone())
        && sentence.words.get(words).is_some_and(|w| {
            w.iter()
                .all(|w| !super::gazetteer::is_calendar_word(w.text))
        })
}

/// The US state that the one word at `name` of `sentence` abbreviates in
/// newspaper style (see [`super::gazetteer::state_of_abbreviation`]),
/// when the text says it is one: a full stop right after it, and before
/// it a party's letter and a hyphen ("McConnell (R-Ky.)"), an opening
/// bracket ("McCain (Ariz.)") or a comma after a capitalised word
/// ("Allentown, Pa."). Such words are also names ("Tex", "Ky") and
/// words ("Pa", "Miss"), so the tagger often takes them for people.
fn state_abbreviation(
    text: &str,
    sentence: &Sentence<'_>,
    name: Range<usize>,
) -> Option<&'static str> {
    if name.len() != 1 {
        return None;
    }
    let word = sentence.words.get(name.start)?;
    // The full stop first: it rules out nearly every name, with no look-up.
    if !text.get(word.span.end..)?.starts_with('.') {
        return None;
    }
    let state = super::gazetteer::state_of_abbreviation(word.text)?;
    let before = text.get(..word.span.start)?;
    let previous = name
        .start
        .checked_sub(1)
        .and_then(|k| sentence.words.get(k));
    let after_party = after_party_letter(text, sentence, name.start);
    let after_town = before.ends_with(", ") && previous.is_some_and(|p| p.is_capitalised());
    (after_party || after_town || before.ends_with('(')).then_some(state)
}

/// Whether word `k` of `sentence` follows a US party's letter and a
/// hyphen ("R-" of "McConnell (R-Ky.)", "D-" of "(D-New York)").
fn after_party_letter(text: &str, sentence: &Sentence<'_>, k: usize) -> bool {
    let Some(word) = sentence.words.get(k) else {
        return false;
    };
    let previous = k.checked_sub(1).and_then(|p| sentence.words.get(p));
    word.gap == tokens::Gap::Hyphen
        && previous.is_some_and(|p| matches!(p.text, "R" | "D" | "I"))
        && text
            .get(..word.span.start)
            .is_some_and(|b| b.ends_with('-'))
}

/// Whether word `k` of `sentence` follows the word before it after spaces
/// only (no punctuation between them).
fn spaced(sentence: &Sentence<'_>, k: usize) -> bool {
    sentence
        .words
        .get(k)
        .is_some_and(|w| w.gap == tokens::Gap::Space)
}

/// Names (word ranges of `sentence`, in order) with the buildings named
/// after a saint joined up: the tagger ends "St David" at its possessive
/// and takes "Centre" (of "St David's Shopping Centre") for a name of its
/// own. A saint's name ("St", "St.", "Saint" and a name) that ends in a
/// possessive and the capitalised words only spaces apart after it, the
/// last a building noun, are one name, whether the tagger left those
/// words out or tagged them: a place ("St Paul's Cathedral", "St James's
/// Park"), or an organisation when the noun is an organisation cue ("St
/// Mary's Hospital", "St John's College").
fn join_saints_buildings(
    sentence: &Sentence<'_>,
    names: Vec<(Range<usize>, super::EntityKind)>,
) -> Vec<(Range<usize>, super::EntityKind)> {
    let words = &sentence.words;
    let capitalised = |k: usize| words.get(k).is_some_and(|w| w.is_capitalised());
    let mut out: Vec<(Range<usize>, super::EntityKind)> = Vec::with_capacity(names.len());
    for (mut range, mut kind) in names {
        if out
            .last()
            .is_some_and(|(before, _)| before.end > range.start)
        {
            // Taken in by the saint's name before it.
            continue;
        }
        let saint = range.len() >= 2
            && words
                .get(range.start)
                .is_some_and(|w| matches!(w.text, "St" | "Saint"))
            && words.get(range.end - 1).is_some_and(|w| w.possessive);
        if saint {
            let mut end = range.end;
            // Only spaces after the word before and its possessive.
            while capitalised(end) && spaced(sentence, end) {
                end += 1;
            }
            if let Some(building) = (end > range.end)
                .then(|| words.get(end - 1))
                .flatten()
                .and_then(|w| building_kind(w.text))
            {
                range.end = end;
                kind = building;
            }
        }
        out.push((range, kind));
    }
    out
}

/// Whether word `k` of `sentence` is a title inside a name the tagger
/// joined up: a title ("Work Secretary Alan Johnson"), or a word that is
/// part of a title only before another ("Attorney") when a given name
/// follows it ("US Attorney Paul McNulty"; "Attorney" is no title word of
/// the tagger's, as "Attorney General" has the title last).
fn is_inner_title(sentence: &Sentence<'_>, k: usize) -> bool {
    let Some(word) = sentence.words.get(k) else {
        return false;
    };
    super::gazetteer::is_title(word.text)
        || (super::gazetteer::is_title_modifier(word.text) && given_name(sentence, k + 1))
}

/// Whether the name at words `name` of `sentence` opens with a party's
/// member before a given name: "Democrat Hillary Clinton", "Republican Jeb
/// Bush", which the tagger may take whole for an organisation. The party
/// is what the person is, not a word of the name; "Republican National
/// Committee" has no given name.
fn opens_with_party_member(sentence: &Sentence<'_>, name: Range<usize>) -> bool {
    let party_member = sentence
        .words
        .get(name.start)
        .is_some_and(|w| matches!(w.text, "Democrat" | "Republican"));
    party_member && name.len() > 1 && given_name(sentence, name.start + 1)
}

/// The kind of a building's name that `noun` ends: organisation for an
/// organisation cue ("Hospital", "College"), place for a place cue
/// ("Park", "Square") or a church or centre.
fn building_kind(noun: &str) -> Option<super::EntityKind> {
    if super::gazetteer::is_organisation_cue(noun) {
        Some(super::EntityKind::Organisation)
    } else if super::gazetteer::is_place_cue(noun)
        || matches!(noun, "Abbey" | "Cathedral" | "Centre" | "Center" | "Chapel")
    {
        Some(super::EntityKind::Place)
    } else {
        None
    }
}

/// Whether word `k` of `sentence` is a given name ("Melinda").
fn given_name(sentence: &Sentence<'_>, k: usize) -> bool {
    sentence
        .words
        .get(k)
        .is_some_and(|w| super::gazetteer::is_first_name(w.text))
}

/// Whether every word of `words` (a range of word indices) is a common
/// English word, so that no name of its own ("Barclays") is taken into an
/// institution's.
fn common_words(sentence: &Sentence<'_>, words: Range<usize>) -> bool {
    sentence.words.get(words).is_some_and(|w| {
        w.iter()
            .all(|w| super::gazetteer::is_dictionary_word(w.text))
    })
}

/// Whether the name at words `name` of `sentence` opens with an
/// organisation cue and "for" or "of" ("Department for Work").
fn opens_with_institution(sentence: &Sentence<'_>, name: Range<usize>) -> bool {
    let word = |k: usize| sentence.words.get(k).filter(|_| name.contains(&k));
    word(name.start).is_some_and(|w| super::gazetteer::is_organisation_cue(w.text))
        && word(name.start + 1).is_some_and(|w| matches!(w.text, "for" | "of"))
}

/// The index of the organisation cue that heads the name starting at word
/// `start` ("Department" for "Work" in "Department for Work", "Bank" for
/// "England" in "Bank of England"), when the words between are "for"
/// or "of" and perhaps "the", all spaced, and no word from `free_from` on
/// belongs to another name.
fn institution_head(sentence: &Sentence<'_>, start: usize, free_from: usize) -> Option<usize> {
    let word = |k: usize| sentence.words.get(k);
    let spaced = |k: usize| spaced(sentence, k);
    let mut k = start.checked_sub(1)?;
    if word(k).is_some_and(|w| w.text == "the") && spaced(start) {
        k = k.checked_sub(1)?;
    }
    let linked =
        word(k).is_some_and(|w| matches!(w.text, "for" | "of")) && spaced(k) && spaced(k + 1);
    let cue = k.checked_sub(1)?;
    (linked
        && cue >= free_from
        && word(cue).is_some_and(|w| {
            w.text.starts_with(|c: char| c.is_uppercase())
                && super::gazetteer::is_organisation_cue(w.text)
        }))
    .then_some(cue)
}

#[cfg(test)]
mod tests {
    use super::super::{EntityKind, sentences};
    use super::*;

    /// The index of the `n`th word of `sentence` (counting from 0) that is
    /// `text`; panics when there is none.
    fn nth_word(sentence: &Sentence<'_>, text: &str, n: usize) -> usize {
        let mut at = (sentence.words.iter().enumerate()).filter(|(_, w)| w.text == text);
        at.nth(n)
            .map(|(k, _)| k)
            .expect("the word is in the sentence")
    }

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

    /// Each entity's name, kind and reason as the panel shows it.
    fn with_reasons(text: &str) -> Vec<(String, EntityKind, String)> {
        let doc = Document::from_bytes(text.as_bytes(), None);
        recognise(&doc, &sentences::segment(&doc), &Progress::default())
            .iter()
            .map(|e| (e.name.clone(), e.kind, e.reason.to_string()))
            .collect()
    }

    /// The kinds of the entities of `shown` (see [`with_reasons`]) named
    /// `name`.
    fn kinds_named(shown: &[(String, EntityKind, String)], name: &str) -> Vec<EntityKind> {
        shown
            .iter()
            .filter(|(n, ..)| n == name)
            .map(|(_, kind, _)| *kind)
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
    fn a_reason_names_the_given_name_before_the_surname() {
        // Both are listed (US Census), and "Parsons" as a surname weighs
        // more; the reason still reads in a name's order.
        let shown = with_reasons("Richard Parsons spoke to reporters on Tuesday.");
        assert_eq!(
            shown,
            [(
                "Richard Parsons".to_owned(),
                EntityKind::Person,
                "given name + surname".to_owned()
            )]
        );
    }

    #[test]
    fn document_memory_joins_a_surname_to_the_full_name() {
        use EntityKind::*;
        assert_eq!(
            entities(
                "Orlov arrived late.\nDutch Prime Minister Pieter Orlov's car broke down near the station, Orlov said."
            ),
            [
                entity(Person, "Pieter Orlov", &["Orlov", "Pieter Orlov", "Orlov"]),
                entity(Misc, "Dutch", &["Dutch"]),
            ]
        );
    }

    #[test]
    fn a_name_with_a_curly_or_a_straight_apostrophe_is_one_entity() {
        use EntityKind::*;
        let found = entities(
            "Sales rose, said John O\u{2019}Brien of the British Retail Consortium. \
             John O'Brien added that prices fell.",
        );
        assert_eq!(
            found,
            [
                entity(
                    Person,
                    "John O\u{2019}Brien",
                    &["John O\u{2019}Brien", "John O'Brien"]
                ),
                entity(
                    Organisation,
                    "British Retail Consortium",
                    &["British Retail Consortium"]
                ),
            ]
        );
    }

    #[test]
    fn handles_hashtags_and_addresses_are_no_entities() {
        use EntityKind::*;
        let found = entities(
            "Follow him on Twitter @LucasNolan_ or email lnolan@breitbart.com. \
             Supporters of #NeverTrump met Hillary Clinton, who wrote on \
             @HillaryClinton that Clinton would win.",
        );
        assert_eq!(
            found,
            [
                entity(Organisation, "Twitter", &["Twitter"]),
                entity(Person, "Hillary Clinton", &["Hillary Clinton", "Clinton"]),
            ]
        );
        // Two words after the sign name the person: "@Hillary Clinton folks".
        let found = entities("Why are @Hillary Clinton folks so quiet, asked Axelrod.");
        assert!(found.iter().any(|e| e.1 == "Hillary Clinton"), "{found:?}");
    }

    #[test]
    fn a_name_before_administration_or_presidency_is_a_person() {
        use EntityKind::*;
        let found = entities(
            "Officials in the Obama administration disagreed. The US administration \
             said no, and the Reagan presidency was different. The Republican \
             administration spent more.",
        );
        assert_eq!(
            found,
            [
                entity(Person, "Obama", &["Obama"]),
                entity(Place, "United States", &["US"]),
                entity(Person, "Reagan", &["Reagan"]),
                entity(Misc, "Republican", &["Republican"]),
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
        let found = entities("On Monday, President Vance said he would visit in April.");
        assert_eq!(found, [entity(EntityKind::Person, "Vance", &["Vance"])]);
    }

    #[test]
    fn holidays_are_no_entities_and_an_election_is_no_person() {
        let found =
            entities("Sales rose before Christmas. She spoke ahead of the General Election.");
        // Neither is a person, place or organisation.
        assert!(
            found
                .iter()
                .all(|(k, n, _)| *k == EntityKind::Misc && !n.contains("Christmas")),
            "{found:?}"
        );
        let found = entities("Turnout fell at the last General Election, officials said.");
        assert!(
            found.iter().all(|(k, _, _)| *k != EntityKind::Person),
            "{found:?}"
        );
    }

    #[test]
    fn a_title_case_headline_gives_only_the_names_its_prose_capitalises() {
        let found = entities(
            "Kestrel Rovers Boss Says He Will Stay On At Granby Park\n\n\
             The manager of Kestrel Rovers, Orla Brandt, said on Monday that she would stay.",
        );
        let names: Vec<&str> = found.iter().map(|(_, n, _)| n.as_str()).collect();
        assert!(
            names
                .iter()
                .all(|n| !n.contains("Says") && !n.contains("Stay")),
            "{found:?}"
        );
        assert!(names.contains(&"Kestrel Rovers"), "{found:?}");
        assert!(names.contains(&"Orla Brandt"), "{found:?}");
    }

    #[test]
    fn an_organisation_cue_before_for_or_of_heads_the_name_after_it() {
        use EntityKind::*;
        let found =
            entities("A Department for Work and Pensions spokeswoman said the figures were wrong.");
        assert_eq!(
            found,
            [entity(
                Organisation,
                "Department for Work and Pensions",
                &["Department for Work and Pensions"]
            )]
        );
        // The tagger saw no name in these; the cue and "for" say one follows.
        let shown = with_reasons("A Department for Work and Pensions spokeswoman said so.");
        assert_eq!(
            shown,
            [(
                "Department for Work and Pensions".to_owned(),
                Organisation,
                "cue \"Department\"".to_owned()
            )]
        );
        let found = entities("The Department of Health and Social Care said so.");
        assert_eq!(
            found,
            [entity(
                Organisation,
                "Department of Health and Social Care",
                &["Department of Health and Social Care"]
            )]
        );
        let found = entities("A grant from the Bill and Melinda Gates Foundation paid for it.");
        let names: Vec<&str> = found.iter().map(|(_, n, _)| n.as_str()).collect();
        assert_eq!(names, ["Bill and Melinda Gates Foundation"], "{found:?}");
        // Two organisations, each with a name of its own, stay two.
        let found = entities("Officials from the Bank of England and Barclays met on Monday.");
        let names: Vec<&str> = found.iter().map(|(_, n, _)| n.as_str()).collect();
        assert_eq!(names, ["Bank of England", "Barclays"], "{found:?}");
    }

    #[test]
    fn untagged_words_after_a_cue_and_for_or_of_name_an_institution() {
        let names = |t: &str, tagged: &[Range<usize>]| {
            let sentence = Sentence::new(t, 0..t.len(), false);
            let words: Vec<&str> = sentence.words.iter().map(|w| w.text).collect();
            untagged_institution_names(&sentence, tagged)
                .into_iter()
                .map(|(run, cue)| (words[cue].to_owned(), words[run].join(" ")))
                .collect::<Vec<_>>()
        };
        let t = "A Department for Work and Pensions spokeswoman said so.";
        assert_eq!(names(t, &[]), [("Department".into(), "Work".into())]);
        let t = "He left the Office of the Chief Economist today.";
        assert_eq!(names(t, &[]), [("Office".into(), "Chief Economist".into())]);
        // A law named after an institution.
        assert!(names("Senators backed the College for All Act.", &[]).is_empty());
        // A name the tagger ended at its cue is taken in.
        assert_eq!(
            names(
                "A Department for Work spokeswoman said so.",
                std::slice::from_ref(&(1..2))
            ),
            [("Department".into(), "Department for Work".into())]
        );
        assert_eq!(
            names(
                "The Department of Health said so.",
                std::slice::from_ref(&(0..2))
            ),
            [("Department".into(), "The Department of Health".into())]
        );
        // A company's name the tagger ended at its cue takes in what
        // follows.
        assert_eq!(
            names(
                "The Lehman Holdings of Ohio said so.",
                std::slice::from_ref(&(1..3))
            ),
            [("Holdings".into(), "Lehman Holdings of Ohio".into())]
        );
    }

    #[test]
    fn a_name_after_a_title_is_a_person_unless_a_cue_says_otherwise() {
        let found = entities(
            "The rapper attacked US President Bush and the presence of US troops in Iraq.",
        );
        assert!(
            found.contains(&entity(EntityKind::Person, "Bush", &["Bush"])),
            "{found:?}"
        );
        let found = entities("He oversees a research center at Massachusetts General Hospital.");
        assert!(
            !found.iter().any(|(k, ..)| *k == EntityKind::Person),
            "{found:?}"
        );
    }

    #[test]
    fn a_numbered_radio_or_channel_is_one_organisation() {
        let shown = with_reasons(
            "Barry Hugill told Radio 4's Today programme that more lawyers were needed. \
             It was shown on Channel 4 and BBC Radio 4 last year.",
        );
        for (name, cue) in [
            ("Radio 4", "Radio"),
            ("Channel 4", "Channel"),
            ("BBC Radio 4", "Radio"),
        ] {
            let expected = (
                name.to_owned(),
                EntityKind::Organisation,
                format!("cue \"{cue}\""),
            );
            assert!(shown.contains(&expected), "{expected:?} not in {shown:?}");
        }
    }

    #[test]
    fn an_institution_the_tagger_opened_with_its_cue_takes_in_and_pensions() {
        use EntityKind::Organisation;
        let t = "A Department for Work and Pensions spokeswoman said so.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        // The tagger's name: "Department for Work" (words 1 to 3).
        assert_eq!(
            join_institutions(&sentence, vec![(1..4, Organisation)]),
            [(1..6, Organisation)]
        );
        // The tagger may take in the article: "The Department of Health".
        let t = "The Department of Health and Social Care said so.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        assert_eq!(
            join_institutions(&sentence, vec![(0..4, Organisation)]),
            [(1..7, Organisation)]
        );
    }

    #[test]
    fn titles_open_no_name_and_courtesy_titles_no_name_of_any_kind() {
        use EntityKind::{Organisation, Person, Place};
        let t = "Mr. Welch met President Joe Biden at General Motors.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        // The tagger's "Mr. Welch" as a place, "President Joe Biden" as a
        // person, "General Motors" as an organisation.
        assert_eq!(after_titles(&sentence, 0..2, Place), 1);
        assert_eq!(after_titles(&sentence, 3..6, Person), 4);
        assert_eq!(after_titles(&sentence, 7..9, Organisation), 7);
        assert_eq!(after_titles(&sentence, 0..1, Person), 0);
        let t = "Rapper Eminem played at the Singer World Series.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        assert_eq!(after_titles(&sentence, 0..2, Organisation), 1);
        assert_eq!(after_titles(&sentence, 5..8, EntityKind::Misc), 5);
    }

    #[test]
    fn a_title_after_a_place_or_an_organisation_is_no_part_of_its_name() {
        use EntityKind::{Organisation, Person, Place};
        let t = "South Carolina Gov David Beasley met Prime Minister John Major.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        assert_eq!(before_trailing_titles(&sentence, 0..3, Place), 2);
        assert_eq!(before_trailing_titles(&sentence, 0..3, Organisation), 2);
        let major = 8..10;
        assert_eq!(sentence.words[9].text, "Major");
        assert_eq!(before_trailing_titles(&sentence, major, Person), 10);
        // One word is always left.
        assert_eq!(before_trailing_titles(&sentence, 2..3, Place), 3);
    }

    #[test]
    fn a_word_that_links_a_sentence_to_the_one_before_names_nothing() {
        // The tagger takes this "Likewise" for an organisation.
        let found = entities(
            "Officials in Bishkek said the ink would be checked.\n\n\
             Likewise, any voter who refuses will not vote.",
        );
        let names: Vec<&str> = found.iter().map(|(_, n, _)| n.as_str()).collect();
        assert_eq!(names, ["Bishkek"], "{found:?}");
        // Nor does "Look," opening a spoken sentence.
        let found = entities(
            "So, I'm with you. I'm with everybody. Look, I'm self funding, said the \
             candidate in Iowa.",
        );
        let names: Vec<&str> = found.iter().map(|(_, n, _)| n.as_str()).collect();
        assert_eq!(names, ["Iowa"], "{found:?}");
    }

    #[test]
    fn a_lower_case_role_before_a_name_makes_it_a_person() {
        use EntityKind::{Organisation, Place};
        let t = "Democracy leader Aung San Suu Kyi met goalkeeper Rustu Recber, \
                 then miss England and the major Hong Kong banks.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        let word = |w: &str| nth_word(&sentence, w, 0);
        let aung = word("Aung")..word("Kyi") + 1;
        let rustu = word("Rustu")..word("Recber") + 1;
        let england = word("England")..word("England") + 1;
        let hong_kong = word("Hong")..word("Kong") + 1;
        assert_eq!(title_before(&sentence, aung, Organisation), Some("leader"));
        assert_eq!(title_before(&sentence, rustu, Place), Some("goalkeeper"));
        // In lower case a title is another word.
        assert_eq!(title_before(&sentence, england, Place), None);
        assert_eq!(title_before(&sentence, hong_kong, Place), None);
    }

    #[test]
    fn republic_names_a_state_last_or_before_of() {
        use EntityKind::{Organisation, Person, Place};
        let t = "The Kyrgyz Republic and the Federal Republic of Yugoslavia met Republican Party leaders.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        let word = |w: &str| nth_word(&sentence, w, 0);
        let kyrgyz = word("Kyrgyz")..word("Republic") + 1;
        let federal = word("Federal")..word("Yugoslavia") + 1;
        let party = word("Republican")..word("Party") + 1;
        assert_eq!(
            state_noun(&sentence, kyrgyz.clone(), Organisation),
            Some("Republic")
        );
        assert_eq!(
            state_noun(&sentence, federal.clone(), Person),
            Some("Republic")
        );
        assert_eq!(state_noun(&sentence, federal, Place), None);
        assert_eq!(state_noun(&sentence, party, Organisation), None);
        // One word is never only its cue.
        let republic = word("Republic")..word("Republic") + 1;
        assert_eq!(state_noun(&sentence, republic, Organisation), None);
    }

    #[test]
    fn a_title_of_a_work_or_a_cue_at_the_end_retypes_what_the_tagger_said() {
        use EntityKind::{Misc, Organisation, Person, Place};
        let t = "My Left Foot beat Shaun of the Dead at the MTV Europe Music Awards, \
                 said Doris Day of Shady Records.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        let word = |w: &str| nth_word(&sentence, w, 0);
        let my_left_foot = 0..3;
        let shaun = word("Shaun")..word("Dead") + 1;
        let awards = word("MTV")..word("Awards") + 1;
        let doris_day = word("Doris")..word("Day") + 1;
        let records = word("Shady")..word("Records") + 1;
        assert_eq!(
            work_title_words(&sentence, my_left_foot.clone(), Person),
            Some("My")
        );
        assert_eq!(work_title_words(&sentence, my_left_foot, Misc), None);
        assert_eq!(
            work_title_words(&sentence, shaun.clone(), Person),
            Some("of the")
        );
        // An institution may have "of the" ("Bank of the West").
        assert_eq!(work_title_words(&sentence, shaun, Organisation), None);
        let t = "Curb Your Enthusiasm and World War I ran on Have I Got News For You.";
        let titles = Sentence::new(t, 0..t.len(), false);
        let word = |w: &str| nth_word(&titles, w, 0);
        let curb = 0..3;
        let war = word("World")..word("War") + 2;
        let news = word("Got")..word("You") + 1;
        assert_eq!(work_title_words(&titles, curb, Organisation), Some("Your"));
        assert_eq!(work_title_words(&titles, news, Organisation), Some("You"));
        // A Roman numeral is no pronoun.
        assert_eq!(work_title_words(&titles, war, Place), None);
        assert_eq!(
            event_cue_last(&sentence, awards.clone(), Organisation),
            Some("Awards")
        );
        assert_eq!(
            event_cue_last(&sentence, awards.start + 3..awards.end, Place),
            None
        );
        assert_eq!(event_cue_last(&sentence, doris_day.clone(), Person), None);
        assert_eq!(
            organisation_cue_last(&sentence, records.clone(), Person),
            Some("Records")
        );
        // "Soviet Union" is a place in CoNLL-2003: places keep their cues.
        assert_eq!(organisation_cue_last(&sentence, records, Place), None);
        assert_eq!(organisation_cue_last(&sentence, doris_day, Person), None);
    }

    #[test]
    fn a_work_in_a_list_takes_the_words_after_its_possessive() {
        let found = with_reasons(
            "The actor, whose films include Schindler's List, Michael Collins and \
             Star Wars, said he would return.",
        );
        let works: Vec<(&str, EntityKind)> = found
            .iter()
            .filter(|(name, ..)| name != "Schindler")
            .map(|(name, kind, _)| (name.as_str(), *kind))
            .collect();
        assert_eq!(
            works,
            [
                ("Schindler's List", EntityKind::Misc),
                ("Michael Collins", EntityKind::Misc),
                ("Star Wars", EntityKind::Misc)
            ]
        );
        assert_eq!(found[0].2, "work cue \"films\"");
    }

    #[test]
    fn a_place_after_of_leaves_a_team_or_person_unless_an_institution_names_it() {
        use EntityKind::{Organisation, Person, Place};
        let t = "Karlsruhe of Germany met Keith O'Neill of Norwich and the Bank of England.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        let split = split_place_after_of(
            t,
            &sentence,
            vec![(0..3, Organisation), (4..8, Person), (10..13, Organisation)],
        );
        assert_eq!(
            split,
            [
                (0..1, Organisation),
                (2..3, Place),
                (4..6, Person),
                (7..8, Place),
                (10..13, Organisation)
            ]
        );
    }

    #[test]
    fn a_number_after_a_name_is_its_edition_only_where_no_score_or_unit_is_read() {
        let number = |t: &str, name: &str| {
            let sentence = Sentence::new(t, 0..t.len(), false);
            let end = sentence.words.iter().position(|w| w.text == name).unwrap() + 1;
            edition_number(&sentence, end).map(|k| sentence.words[k].text.to_owned())
        };
        assert_eq!(
            number("England hosted Euro 96 in June.", "Euro"),
            Some("96".into())
        );
        assert_eq!(number("They saw Shrek 2.", "Shrek"), Some("2".into()));
        assert_eq!(
            number("He told Radio 4's Today programme so.", "Radio"),
            Some("4".into())
        );
        for (t, name) in [
            ("Leeds 2 Arsenal 1 was the score.", "Leeds"),
            ("Hamburg won 2-1 and Bochum 2-1 too.", "Bochum"),
            ("Shares in Vodafone 3 per cent down.", "Vodafone"),
            ("They watched Fahrenheit 9/11 twice.", "Fahrenheit"),
            ("It is Euro 1996 now.", "Euro"),
        ] {
            assert_eq!(number(t, name), None, "{t}");
        }
        let t = "Hamburg 2 Bochum 1";
        let table = Sentence::new(t, 0..t.len(), true);
        assert_eq!(edition_number(&table, 1), None);
    }

    #[test]
    fn a_listed_place_after_in_is_the_place_where_the_tagger_said_organisation() {
        use EntityKind::{Organisation, Person, Place};
        let t = "It was a similar story at the shops in Cardiff on Saturday.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        let cardiff = nth_word(&sentence, "Cardiff", 0);
        let name = cardiff..cardiff + 1;
        let text = |k| place_after_in(t, &sentence, name.clone(), k);
        assert!(text(Organisation).is_some());
        // What the tagger said otherwise stays; so does a place not after "in".
        assert_eq!(text(Person), None);
        assert_eq!(text(Place), None);
        let t = "Cardiff said so.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        assert_eq!(place_after_in(t, &sentence, 0..1, Organisation), None);
        // A word of direction may come between ("in central London").
        let t = "Shops in central London and central London shops.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        assert_eq!(
            place_after_in(t, &sentence, 3..4, Organisation),
            Some(reason::List::City)
        );
        assert_eq!(place_after_in(t, &sentence, 6..7, Organisation), None);
        // "In" opening the sentence; a settlement noun and "of".
        let t = "In Montreal, police in the city of Groningen and the Bank of Groningen.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        let at = |w: &str, n: usize| nth_word(&sentence, w, n);
        let (montreal, groningen, bank) =
            (at("Montreal", 0), at("Groningen", 0), at("Groningen", 1));
        assert!(place_after_in(t, &sentence, montreal..montreal + 1, Organisation).is_some());
        assert!(place_after_in(t, &sentence, groningen..groningen + 1, Organisation).is_some());
        assert_eq!(
            place_after_in(t, &sentence, bank..bank + 1, Organisation),
            None
        );
    }

    #[test]
    fn a_title_inside_a_name_leaves_the_person_after_it() {
        let found = entities("Work and Pensions Secretary Alan Johnson said the plan would work.");
        assert!(
            found.contains(&entity(
                EntityKind::Person,
                "Alan Johnson",
                &["Alan Johnson"]
            )),
            "{found:?}"
        );
    }

    #[test]
    fn a_listed_armed_group_is_one_organisation_under_its_names() {
        let found = entities(
            "Islamic State fighters took the town, and ISIS later claimed the attack, \
             officials in Baghdad said.",
        );
        assert!(
            found.contains(&entity(
                EntityKind::Organisation,
                "Islamic State",
                &["Islamic State", "ISIS"]
            )),
            "{found:?}"
        );
    }

    #[test]
    fn a_party_member_before_a_given_name_is_no_word_of_the_name() {
        let t = "Democrat Hillary Clinton met Republican National Committee staff and \
                 Republican Trump.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        let word = |w: &str, n: usize| nth_word(&sentence, w, n);
        assert!(opens_with_party_member(&sentence, 0..3));
        // The party's word alone, or before no given name, stays.
        assert!(!opens_with_party_member(&sentence, 0..1));
        let committee = word("Republican", 0)..word("Committee", 0) + 1;
        assert!(!opens_with_party_member(&sentence, committee));
        let trump = word("Republican", 1)..word("Trump", 0) + 1;
        assert!(!opens_with_party_member(&sentence, trump));
    }

    #[test]
    fn a_title_modifier_before_a_given_name_is_a_title_inside_a_name() {
        let t =
            "US Attorney Paul McNulty said the Attorney General Office and Attorney Smith agreed.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        assert!(is_inner_title(
            &sentence,
            nth_word(&sentence, "Attorney", 0)
        ));
        // Before a word that is no given name, it is part of a title or
        // an office's name.
        assert!(!is_inner_title(
            &sentence,
            nth_word(&sentence, "Attorney", 1)
        ));
        assert!(!is_inner_title(
            &sentence,
            nth_word(&sentence, "Attorney", 2)
        ));
        assert!(is_inner_title(&sentence, nth_word(&sentence, "General", 0)));
    }

    #[test]
    fn a_state_abbreviation_in_a_newspaper_s_context_is_that_state() {
        let found = entities(
            "Senate Majority Leader Mitch McConnell (R-Ky.) blocked the vote. \
             She lives in Allentown, Pa., and works in Laredo, Tex., with Sen. John McCain (Ariz.). \
             Tex Ritter sang. Pa was tired.",
        );
        let places: Vec<&str> = found
            .iter()
            .filter(|(k, ..)| *k == EntityKind::Place)
            .map(|(_, n, _)| n.as_str())
            .collect();
        for state in ["Kentucky", "Pennsylvania", "Texas", "Arizona"] {
            assert!(places.contains(&state), "{state}: {found:?}");
        }
        // Without the full stop and the comma or bracket before it, the
        // word is what the tagger says: "Tex Ritter" stays a person.
        assert!(
            found
                .iter()
                .any(|(k, n, _)| *k == EntityKind::Person && n == "Tex Ritter"),
            "{found:?}"
        );
        let texas = found.iter().find(|(_, n, _)| n == "Texas");
        assert_eq!(
            texas.map(|(_, _, m)| m.as_slice()),
            Some(&["Tex".to_owned()][..])
        );
    }

    #[test]
    fn leader_is_a_title_but_ends_a_newspaper_s_name_after_a_cue() {
        let found = entities(
            "Senate Majority Leader Mitch McConnell blocked the vote on Tuesday. \
             The New Hampshire Union Leader endorsed him.",
        );
        let people: Vec<&str> = found
            .iter()
            .filter(|(k, ..)| *k == EntityKind::Person)
            .map(|(_, n, _)| n.as_str())
            .collect();
        assert_eq!(people, ["Mitch McConnell"], "{found:?}");
        assert!(
            found.contains(&(
                EntityKind::Organisation,
                "New Hampshire Union Leader".to_owned(),
                vec!["New Hampshire Union Leader".to_owned()]
            )),
            "{found:?}"
        );
    }

    #[test]
    fn a_full_name_that_is_a_person_at_most_mentions_is_one_at_all() {
        // The tagger alone takes the third "Donald Trump", after "note:",
        // for an organisation.
        let found = entities(
            "Donald Trump spoke in Ohio on Monday. Donald Trump said the rally was large.\n\n\
             Editor\u{2019}s note: Donald Trump is a candidate who lies often.",
        );
        assert_eq!(
            found,
            [
                (
                    EntityKind::Person,
                    "Donald Trump".to_owned(),
                    vec!["Donald Trump".to_owned(); 3]
                ),
                (
                    EntityKind::Place,
                    "Ohio".to_owned(),
                    vec!["Ohio".to_owned()]
                ),
            ]
        );
    }

    #[test]
    fn a_full_name_whose_surname_alone_is_a_person_is_one() {
        // The tagger alone takes "Donald J. Trump" for an organisation.
        let found = entities(
            "Trump spoke in Ohio on Monday. Trump said the rally was large. Few golfers \
             are as keen as the ubiquitous Donald J. Trump, who bought a course in 2012.",
        );
        assert_eq!(
            found,
            [
                (
                    EntityKind::Person,
                    "Donald J. Trump".to_owned(),
                    vec![
                        "Trump".to_owned(),
                        "Trump".to_owned(),
                        "Donald J. Trump".to_owned()
                    ]
                ),
                (
                    EntityKind::Place,
                    "Ohio".to_owned(),
                    vec!["Ohio".to_owned()]
                ),
            ]
        );
        let reasons = with_reasons(
            "Trump spoke in Ohio on Monday. Trump said the rally was large. Few golfers \
             are as keen as the ubiquitous Donald J. Trump, who bought a course in 2012.",
        );
        assert_eq!(
            reasons[0],
            (
                "Donald J. Trump".to_owned(),
                EntityKind::Person,
                "given name + typed alike elsewhere".to_owned()
            )
        );
    }

    #[test]
    fn a_common_word_opening_a_sentence_is_no_name() {
        let found = entities(
            "The story falsely attributes a quote to the governor, Emery states. \u{201c}Incredibly, \
             some people actually think they have the right to vote twice,\u{201d} he wrote. \
             Honestly, nobody expected it, said Anna Kowalski of Reuters. Literally, nobody \
             came.\n\nHey, that is what they do. Sorry, he said.\n\n\
             Spotlight won the award. The film Spotlight was a hit.",
        );
        let names: Vec<(EntityKind, &str)> =
            found.iter().map(|(k, n, _)| (*k, n.as_str())).collect();
        // "Literally" was an organisation; "Spotlight" is capitalised
        // inside a sentence too, so it stays a name.
        assert_eq!(
            names,
            [
                (EntityKind::Person, "Emery"),
                (EntityKind::Person, "Anna Kowalski"),
                (EntityKind::Organisation, "Reuters"),
                (EntityKind::Misc, "Spotlight"),
            ],
            "{found:?}"
        );
    }

    #[test]
    fn a_headline_in_the_ap_s_title_case_names_nobody() {
        let found = entities(
            "As Debt Rises, the Government Will Soon Spend More on Interest Than on the Military\n\n\
             The government will soon pay more interest on its debt than it spends on the \
             military, the Congressional Budget Office said.",
        );
        let names: Vec<(EntityKind, &str)> =
            found.iter().map(|(k, n, _)| (*k, n.as_str())).collect();
        assert_eq!(
            names,
            [(EntityKind::Organisation, "Congressional Budget Office")],
            "{found:?}"
        );
    }

    #[test]
    fn a_council_or_committee_takes_its_subject_after_on_into_its_name() {
        let found = entities(
            "He spoke to the Council on Foreign Relations in New York. The Joint \
             Committee on Intelligence and Security said no. A report by Stanford \
             University's Center on Poverty and Inequality came out. The House \
             Committee on Appropriations met.\n\n\
             The Security Council on Monday voted. Later he briefed the Security \
             Council on Iran and Syria.",
        );
        let organisations: Vec<(&str, usize)> = found
            .iter()
            .filter(|(k, ..)| *k == EntityKind::Organisation)
            .map(|(_, n, mentions)| (n.as_str(), mentions.len()))
            .collect();
        assert_eq!(
            organisations,
            [
                ("Council on Foreign Relations", 1),
                ("Joint Committee on Intelligence and Security", 1),
                ("Stanford University", 1),
                ("Center on Poverty and Inequality", 1),
                ("House Committee on Appropriations", 1),
                ("Security Council", 2),
            ],
            "{found:?}"
        );
        let places: Vec<&str> = found
            .iter()
            .filter(|(k, ..)| *k == EntityKind::Place)
            .map(|(_, n, _)| n.as_str())
            .collect();
        assert_eq!(places, ["New York", "Iran", "Syria"], "{found:?}");
    }

    #[test]
    fn a_listed_place_before_an_office_in_a_dateline_or_after_a_party_is_that_place() {
        let found = entities(
            "Cleveland (AFP) \u{2013} The Republican convention began its roll call on Tuesday.\n\n\
             WASHINGTON (AP) \u{2014} The vote was close.\n\n\
             Texas Sen. Ted Cruz says the plan failed. Cruz was battling with Florida Sen. \
             Marco Rubio for second place. The field includes Sens. Ted Cruz (R-Texas), \
             Marco Rubio (R-Fla.) and Rand Paul (R-Ky.).",
        );
        let places: Vec<(&str, usize)> = found
            .iter()
            .filter(|(k, ..)| *k == EntityKind::Place)
            .map(|(_, n, mentions)| (n.as_str(), mentions.len()))
            .collect();
        assert_eq!(
            places,
            [
                ("Cleveland", 1),
                ("Washington", 1),
                ("Texas", 2),
                ("Florida", 2),
                ("Kentucky", 1)
            ],
            "{found:?}"
        );
        let organisations: Vec<&str> = found
            .iter()
            .filter(|(k, ..)| *k == EntityKind::Organisation)
            .map(|(_, n, _)| n.as_str())
            .collect();
        assert_eq!(organisations, ["AFP"], "{found:?}");
    }

    #[test]
    fn a_one_word_name_after_a_title_is_that_person_even_where_a_town_has_it() {
        // "Obama" is also a town in Japan; the tagger alone takes the
        // "Obama" of "The Obama administration" for an organisation.
        let found = entities(
            "The deal is a big win for President Obama. The Obama administration \
             negotiated for months. Obama said it was historic. Obama aides agreed.",
        );
        assert_eq!(
            found,
            [(
                EntityKind::Person,
                "Obama".to_owned(),
                vec!["Obama".to_owned(); 4]
            )]
        );
    }

    #[test]
    fn a_function_word_or_an_abbreviated_title_alone_is_no_name() {
        // The tagger alone takes "I’m" for a person, "Well" for a place
        // and "Sens." for an organisation.
        let found = entities(
            "He paused. So, but, I\u{2019}m with you. I\u{2019}m with everybody, he said.",
        );
        assert_eq!(found, [], "{found:?}");
        let found = entities(
            "Asked about it, Jones said: \u{201c}Well, I\u{2019}m not sure. I\u{2019}d say no.\u{201d}",
        );
        assert_eq!(
            found,
            [(
                EntityKind::Person,
                "Jones".to_owned(),
                vec!["Jones".to_owned()]
            )]
        );
        let found = entities("The field includes Sens. Ted Cruz and Marco Rubio.");
        let names: Vec<&str> = found.iter().map(|(_, n, _)| n.as_str()).collect();
        assert_eq!(names, ["Ted Cruz", "Marco Rubio"], "{found:?}");
    }

    #[test]
    fn a_portfolio_before_a_cabinet_title_is_no_entity() {
        let found = entities(
            "Smith's departure was announced by Work Secretary Alan Johnson on Monday. \
             Health Minister Jane Lee agreed.",
        );
        let names: Vec<&str> = found.iter().map(|(_, n, _)| n.as_str()).collect();
        assert!(names.contains(&"Alan Johnson"), "{found:?}");
        assert!(names.contains(&"Jane Lee"), "{found:?}");
        assert!(!names.contains(&"Work"), "{found:?}");
        assert!(!names.contains(&"Health"), "{found:?}");
    }

    #[test]
    fn a_word_linking_to_the_sentence_before_is_not_part_of_a_name() {
        let found = entities(
            "Doug Smith left in May. \"So Doug believes we have done well,\" he said. \
             Will Smith was not there.",
        );
        let doug = found.iter().find(|(_, n, _)| n == "Doug Smith");
        assert!(
            doug.is_some_and(|(_, _, m)| m.iter().any(|m| m == "Doug")),
            "{found:?}"
        );
        assert!(found.iter().all(|(_, n, _)| n != "So Doug"), "{found:?}");
        assert!(found.iter().any(|(_, n, _)| n == "Will Smith"), "{found:?}");
    }

    #[test]
    fn punctuation_ends_a_name() {
        use EntityKind::*;
        let found = entities("The bomb over Lockerbie, Scotland killed 270 people.");
        let names: Vec<(&str, &[String])> = found
            .iter()
            .map(|(_, n, m)| (n.as_str(), m.as_slice()))
            .collect();
        assert_eq!(
            names,
            [
                ("Lockerbie", &["Lockerbie".to_owned()][..]),
                ("Scotland", &["Scotland".to_owned()][..]),
            ]
        );
        assert_eq!(found[1].0, Place);
    }

    #[test]
    fn nouns_around_a_name_give_works_and_products_misc_and_firms_organisation() {
        let shown = with_reasons(
            "Emmanuel Macron said profits fell, hurt by box-office flops Alexander and Catwoman. \
             Phones now run arcade classics such as Space Invaders, Lunar Lander and Bejewelled. \
             The Santy worm spread fast. A consultant at security firm Sophos warned.",
        );
        let misc = |name: &str, cue: &str| {
            (
                name.to_owned(),
                EntityKind::Misc,
                format!("work cue \"{cue}\""),
            )
        };
        for expected in [
            misc("Alexander", "flops"),
            misc("Catwoman", "flops"),
            misc("Space Invaders", "classics"),
            misc("Lunar Lander", "classics"),
            misc("Bejewelled", "classics"),
            misc("Santy", "worm"),
            (
                "Sophos".to_owned(),
                EntityKind::Organisation,
                "cue \"firm\"".to_owned(),
            ),
        ] {
            assert!(shown.contains(&expected), "{expected:?} not in {shown:?}");
        }
        assert!(
            shown
                .iter()
                .any(|(name, kind, _)| name == "Emmanuel Macron" && *kind == EntityKind::Person),
            "{shown:?}"
        );
    }

    #[test]
    fn programmes_on_a_channel_and_craft_are_misc_wherever_they_are_named() {
        // Sentences in the manner of BBC awards and business news: the
        // tagger alone took these for people, places and organisations.
        let shown = with_reasons(
            "Little Britain began life as a radio series. The prize went to Matt Lucas \
             and David Walliams of Little Britain (BBC Three), over Jonathan Creek (BBC One). \
             Eminem performed on HMS Belfast and for BBC One's Top of the Pops. \
             Flights were delayed by Air Force One landing at Frankfurt airport. \
             Catherine Tate won for The Catherine Tate Show on Tuesday.",
        );
        let misc =
            |name: &str, reason: &str| (name.to_owned(), EntityKind::Misc, reason.to_owned());
        for expected in [
            misc("Little Britain", "programme on \"BBC Three\""),
            misc("Jonathan Creek", "programme on \"BBC One\""),
            misc("Top of the Pops", "programme on \"BBC One\""),
            misc("HMS Belfast", "ship or aircraft \"HMS\""),
            misc("Air Force One", "ship or aircraft \"Air Force One\""),
            misc("Catherine Tate Show", "work cue \"Show\""),
        ] {
            assert!(shown.contains(&expected), "{expected:?} not in {shown:?}");
        }
        // The first "Little Britain", before any cue, follows the cued one.
        assert_eq!(kinds_named(&shown, "Little Britain"), [EntityKind::Misc]);
        assert_eq!(kinds_named(&shown, "Matt Lucas"), [EntityKind::Person]);
        assert_eq!(kinds_named(&shown, "Frankfurt"), [EntityKind::Place]);
    }

    #[test]
    fn brackets_credit_a_persons_programmes_and_a_programmes_makers() {
        let shown = with_reasons(
            "The awards went to these winners.\n\n\
             Julia Fenwick (Harbour Lights/ Von Trapped, ITV1)\n\n\
             Doc Martin (Buffalo Productions, ITV1)\n\n\
             Saturday Night Takeaway (Granada, ITV1)\n",
        );
        let named =
            |name: &str, kind: EntityKind, reason: &str| (name.to_owned(), kind, reason.to_owned());
        for expected in [
            named("Von Trapped", EntityKind::Misc, "programme on \"ITV1\""),
            named("Doc Martin", EntityKind::Misc, "programme on \"ITV1\""),
            named(
                "Buffalo",
                EntityKind::Organisation,
                "maker of a programme on \"ITV1\"",
            ),
            named(
                "Granada",
                EntityKind::Organisation,
                "maker of a programme on \"ITV1\"",
            ),
        ] {
            assert!(shown.contains(&expected), "{expected:?} not in {shown:?}");
        }
        assert_eq!(kinds_named(&shown, "Julia Fenwick"), [EntityKind::Person]);
        assert_eq!(kinds_named(&shown, "Harbour Lights"), [EntityKind::Misc]);
    }

    #[test]
    fn a_saints_name_and_a_building_noun_are_one_name() {
        let shown = with_reasons(
            "A spokeswoman for the St David's Shopping Centre in Cardiff said it was busy. \
             He was taken to St Mary's Hospital in London.",
        );
        for (name, kind) in [
            ("St David's Shopping Centre", EntityKind::Place),
            ("St Mary's Hospital", EntityKind::Organisation),
            ("Cardiff", EntityKind::Place),
            ("London", EntityKind::Place),
        ] {
            assert!(
                kinds_named(&shown, name).contains(&kind),
                "{name}: {shown:?}"
            );
        }
        for fragment in ["St David", "Centre"] {
            assert!(kinds_named(&shown, fragment).is_empty(), "{shown:?}");
        }
    }

    #[test]
    fn a_capital_inside_one_word_makes_a_company_not_a_person() {
        use EntityKind::{Organisation, Person};
        let t = "Profits at US media giant TimeWarner rose, Ian McNulty, Ana DeJesus \
                 and MaliVai Washington said.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        let at = |w: &str| nth_word(&sentence, w, 0);
        let timewarner = at("TimeWarner");
        assert_eq!(
            inner_capital(&sentence, timewarner..timewarner + 1, Person),
            Some("TimeWarner")
        );
        // Tagged an organisation already: nothing to change.
        assert_eq!(
            inner_capital(&sentence, timewarner..timewarner + 1, Organisation),
            None
        );
        // Surnames after a prefix, and a word of a longer name, stay.
        for (start, end) in [
            (at("McNulty"), at("McNulty") + 1),
            (at("DeJesus"), at("DeJesus") + 1),
            (at("MaliVai"), at("Washington") + 1),
            (at("Ian"), at("McNulty") + 1),
        ] {
            assert_eq!(inner_capital(&sentence, start..end, Person), None);
        }
    }

    #[test]
    fn a_technology_alone_is_misc() {
        let shown = with_reasons(
            "The game lets you play via Bluetooth if others are in range. \
             Nokia said Unicode and Wi-Fi would help. Bluetooth costs little.",
        );
        for name in ["Bluetooth", "Unicode"] {
            let expected = (
                name.to_owned(),
                EntityKind::Misc,
                "gazetteer technology".to_owned(),
            );
            assert!(shown.contains(&expected), "{expected:?} not in {shown:?}");
        }
        assert!(
            !shown
                .iter()
                .any(|(name, kind, _)| name.starts_with("Bluetooth") && *kind != EntityKind::Misc),
            "{shown:?}"
        );
        assert!(
            kinds_named(&shown, "Nokia").contains(&EntityKind::Organisation),
            "{shown:?}"
        );
    }

    #[test]
    fn a_name_after_this_years_names_an_event() {
        use EntityKind::{Misc, Organisation, Place};
        let t = "She will not run in this year's Worlds or next month's European Indoors \
                 in Madrid, said last year's winner.";
        let sentence = Sentence::new(t, 0..t.len(), false);
        let at = |w: &str| nth_word(&sentence, w, 0);
        let worlds = at("Worlds");
        assert_eq!(
            time_possessive_before(&sentence, worlds..worlds + 1, Place),
            Some("year")
        );
        let european = at("European");
        assert_eq!(
            time_possessive_before(&sentence, european..european + 2, Organisation),
            Some("month")
        );
        let madrid = at("Madrid");
        assert_eq!(
            time_possessive_before(&sentence, madrid..madrid + 1, Place),
            None
        );
        // Misc already: nothing to change.
        assert_eq!(
            time_possessive_before(&sentence, worlds..worlds + 1, Misc),
            None
        );
    }

    #[test]
    fn a_listed_place_before_based_or_born_is_the_place() {
        let shown = with_reasons(
            "Shares of the California-based firm rose. The Ballymena-born actor spoke.",
        );
        assert_eq!(
            shown,
            [
                (
                    "California".to_owned(),
                    EntityKind::Place,
                    "gazetteer region".to_owned()
                ),
                (
                    "Ballymena".to_owned(),
                    EntityKind::Place,
                    "gazetteer town".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn every_entity_says_why() {
        let shown =
            with_reasons("Chancellor Olaf Scholz met officials of the Bank of England in London.");
        assert_eq!(
            shown,
            [
                (
                    "Olaf Scholz".to_owned(),
                    EntityKind::Person,
                    "surname + title \"Chancellor\"".to_owned()
                ),
                (
                    "Bank of England".to_owned(),
                    EntityKind::Organisation,
                    "cue \"Bank\"".to_owned()
                ),
                (
                    "London".to_owned(),
                    EntityKind::Place,
                    "gazetteer city".to_owned()
                ),
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

    #[test]
    fn and_joins_the_words_of_an_institution() {
        let text = "MPs on the Commons Work and Pensions Committee questioned the Department for Work and Pensions. Lotte and Hyundai bid.";
        let found: Vec<(EntityKind, String)> =
            entities(text).into_iter().map(|(k, n, _)| (k, n)).collect();
        assert!(found.contains(&(
            EntityKind::Organisation,
            "Commons Work and Pensions Committee".to_owned()
        )));
        assert!(found.contains(&(
            EntityKind::Organisation,
            "Department for Work and Pensions".to_owned()
        )));
        assert!(
            !found.iter().any(|(_, n)| n.contains("Lotte and")),
            "{found:?}"
        );
    }

    #[test]
    fn head_words_settle_the_type() {
        let text = "Shares in Lehman Brothers fell as boats sailed up the River Thames.";
        let found: Vec<(EntityKind, String)> =
            entities(text).into_iter().map(|(k, n, _)| (k, n)).collect();
        assert!(found.contains(&(EntityKind::Organisation, "Lehman Brothers".to_owned())));
        assert!(found.contains(&(EntityKind::Place, "River Thames".to_owned())));
    }

    #[test]
    fn remembered_form_scores_equal_scoring_every_feature() {
        // The sample repeats its names ("Macron", "Ukraine") in prose and
        // a headline in capitals: both kinds of remembered form are used.
        let text = format!(
            "MACRON FLIES TO MOSCOW\n\n{}",
            include_str!("../../samples/macron-moscow.txt")
        );
        let doc = Document::from_bytes(text.as_bytes(), None);
        let sentences = sentences::segment(&doc);
        let model = model::embedded();
        let mut lookups = features::Lookups::default();
        let mut scorer = LocalScorer::default();
        let mut queue = ScoreQueue::default();
        let mut scored = 0;
        for range in &sentences {
            let sentence = Sentence::new(doc.text(), range.clone(), false);
            let context = features::SentenceContext::new(doc.text(), &sentence, &mut lookups);
            scorer.score(&sentence, &context, &model, &mut queue);
            let local = features::local(doc.text(), &sentence);
            for (i, ids) in local.iter().enumerate() {
                if !sentence.candidate[i] {
                    continue;
                }
                let bits = |s: model::Scores| s.map(f32::to_bits);
                let expected = tagger::score(&model.local, ids);
                assert_eq!(bits(scorer.local[i].scores), bits(expected));
                // The remembered shape hash is the word's own.
                let shape = features::shape_hash(sentence.words[i].text);
                assert_eq!(scorer.local[i].shape_hash, shape);
                let expected = tagger::score(&model.document, ids);
                let popped = queue.pop().unwrap();
                assert_eq!(bits(popped.scores), bits(expected));
                assert_eq!(popped.shape_hash, shape);
                scored += 1;
            }
        }
        // More than a third of the words took their form's sums from memory.
        let remembered = scored - scorer.forms.len();
        assert!(remembered * 3 > scored, "{remembered} of {scored}");
        assert!(scorer.forms.contains_key(&("MACRON", true)));
        assert!(scorer.forms.contains_key(&("Macron", false)));
    }

    #[test]
    fn the_score_queue_gives_scores_back_in_order_across_blocks() {
        let mut queue = ScoreQueue::default();
        let n = ScoreQueue::BLOCK * 2 + 7;
        for k in 0..n {
            let mut part = LocalPart::default();
            part.scores[0] = k as f32;
            queue.push(part);
        }
        let back: Vec<f32> = std::iter::from_fn(|| queue.pop())
            .map(|s| s.scores[0])
            .collect();
        assert_eq!(back.len(), n);
        assert!(back.iter().enumerate().all(|(k, &v)| v == k as f32));
        assert!(queue.blocks.is_empty() && queue.filling.is_empty());
    }
}
