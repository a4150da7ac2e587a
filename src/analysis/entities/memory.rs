//! Document memory: the tagger's mentions grouped into entities, so that
//! one article agrees with itself.
//!
//! - Places take their gazetteer name ("US", "America" → "United States"),
//!   organisations theirs ("Nato" → "NATO"); other names group by their
//!   words regardless of case ("OKORO" in a headline joins "Okoro").
//! - A person's shorter name joins the full name it ends or, for a given
//!   name, the one full name it opens: "Macron" joins "Emmanuel Macron",
//!   "Tim" joins "Tim Okoro". When several full names end the same way,
//!   the one mentioned last before wins.
//! - An entity takes the type most of its mentions have; a word tagged a
//!   person somewhere and part of that person's name elsewhere joins him.
//!
//! Every lookup is a hash map: cost is linear in the number of mentions.

use std::ops::Range;

use super::super::gazetteer::{self, HashMap, HashSet};
use super::super::{Entity, EntityKind};
use super::reason::{Evidence, List, Reason};
use super::slug::Ids;

/// One mention found by the tagger.
#[derive(Debug, Clone)]
pub struct Mention<'a> {
    /// Byte range of the mention in the text, end-exclusive.
    pub span: Range<usize>,
    /// The text of `span`.
    pub surface: &'a str,
    /// The type the tagger gave it.
    pub kind: EntityKind,
    /// Why, when explained: only the first mention of each type and name
    /// is, as its entity takes that one's reason (boxed, so that the many
    /// mentions without one stay small).
    pub reason: Option<Box<Reason>>,
}

/// An entity being assembled.
#[derive(Debug)]
struct Draft {
    name: String,
    /// Mentions per type, to settle the entity's type by majority.
    kinds: [usize; 4],
    first_kind: EntityKind,
    mentions: Vec<Range<usize>>,
    reason: Reason,
}

impl Draft {
    /// An entity named `name`, of `kind` until its mentions vote, with the
    /// reason of the mention `m` that starts it; no mentions yet.
    fn new(name: &str, kind: EntityKind, m: &Mention<'_>) -> Self {
        Self {
            name: name.to_owned(),
            kinds: [0; 4],
            first_kind: kind,
            mentions: Vec::new(),
            reason: m.reason.as_deref().cloned().unwrap_or_default(),
        }
    }
}

/// The grouping key of a surface: its words in upper case, single-spaced,
/// with typographic apostrophes read as `'` ("O’Brien" is "O'Brien": one
/// article often mixes the two).
fn key(surface: &str) -> String {
    let mut out = String::with_capacity(surface.len());
    push_key(surface, &mut out);
    out
}

/// The keys of `surfaces`, one per surface, as slices of one string
/// (`arena`, emptied first): one allocation instead of one per mention.
fn keys_in<'k>(surfaces: impl Iterator<Item = &'k str>, arena: &'k mut String) -> Vec<&'k str> {
    arena.clear();
    let mut ends = Vec::new();
    for surface in surfaces {
        push_key(surface, arena);
        ends.push(arena.len());
    }
    let arena: &'k str = arena;
    let mut start = 0;
    ends.into_iter()
        .map(|end| {
            let k = arena.get(start..end).unwrap_or("");
            start = end;
            k
        })
        .collect()
}

/// The first word of a [`key`]: the key of its surface's first word (a
/// key has its surface's words, upper-cased, one space apart).
fn first_word(key: &str) -> &str {
    key.split(' ').next().unwrap_or(key)
}

/// The last word of a [`key`]: the key of its surface's last word.
fn last_word(key: &str) -> &str {
    key.rsplit(' ').next().unwrap_or(key)
}

/// The last two words of a [`key`] of three words or more: the key of its
/// surface's last two ("SUU KYI" of "AUNG SAN SUU KYI").
fn ending(key: &str) -> Option<&str> {
    let mut spaces = key.rmatch_indices(' ').map(|(at, _)| at);
    spaces.next()?;
    let second_last = spaces.next()?;
    key.get(second_last + 1..)
}

/// Appends [`key`]`(surface)` to `out`.
fn push_key(surface: &str, out: &mut String) {
    if surface.is_ascii() {
        push_ascii_key(surface, out);
        return;
    }
    for (k, w) in surface.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if w.is_ascii() {
            // Nearly every name: copied whole, then upper-cased in place.
            let start = out.len();
            out.push_str(w);
            if let Some(copied) = out.get_mut(start..) {
                copied.make_ascii_uppercase();
            }
        } else {
            out.extend(key_chars(w));
        }
    }
}

/// [`push_key`] of an ASCII surface (nearly every name), a byte at a time:
/// `split_whitespace` decodes and classifies every character, and was a
/// third of the grouping's time.
fn push_ascii_key(surface: &str, out: &mut String) {
    // The ASCII characters `char::is_whitespace` accepts: tab to carriage
    // return (vertical tab included, unlike `u8::is_ascii_whitespace`) and
    // space.
    let is_space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = surface.as_bytes();
    let mut at = 0;
    let mut first = true;
    while let Some(skip) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|b| !is_space(b)))
    {
        let start = at + skip;
        let rest = bytes.get(start..).unwrap_or_default();
        at = start + rest.iter().position(is_space).unwrap_or(rest.len());
        if !first {
            out.push(' ');
        }
        first = false;
        let copied = out.len();
        out.push_str(surface.get(start..at).unwrap_or(""));
        if let Some(word) = out.get_mut(copied..) {
            word.make_ascii_uppercase();
        }
    }
}

/// The characters of a non-ASCII word's key: upper case, apostrophes
/// folded to `'`.
fn key_chars(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
            c => c,
        })
        .flat_map(char::to_uppercase)
}

/// The grouping key of a surface of `kind`: a word that names a team in
/// one sentence and a city in the next stays two entities.
fn typed_key(kind: EntityKind, surface: &str) -> String {
    let mut out = String::with_capacity(kind.as_str().len() + 1 + surface.len());
    push_typed_key(kind, surface, &mut out);
    out
}

/// Appends [`typed_key`]`(kind, surface)` to `out` (a caller that looks a
/// key up for every mention reuses one buffer).
fn push_typed_key(kind: EntityKind, surface: &str, out: &mut String) {
    push_kind(kind, out);
    push_key(surface, out);
}

/// What opens a [`typed_key`] of `kind`: its name and a colon.
fn push_kind(kind: EntityKind, out: &mut String) {
    out.push_str(kind.as_str());
    out.push(':');
}

/// A 64-bit hash of [`typed_key`], made without building the key: equal
/// keys give equal hashes.
pub(super) fn typed_key_hash(kind: EntityKind, surface: &str) -> u64 {
    let mut hasher = super::features::Hasher::new(kind.as_str());
    let mut buf = [0u8; 4];
    for (k, w) in surface.split_whitespace().enumerate() {
        if k > 0 {
            hasher = hasher.byte(b' ');
        }
        if w.is_ascii() {
            // Nearly every name: the same bytes as by character, faster.
            for &b in w.as_bytes() {
                hasher = hasher.byte(b.to_ascii_uppercase());
            }
            continue;
        }
        for c in key_chars(w) {
            hasher = hasher.bytes(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    hasher.finish()
}

/// The canonical name of a place or organisation surface, trying its
/// title-case form for headlines in capitals. A name the gazetteer gives
/// only with accents the article's spelling lacks ("Macon" for "Mâcon",
/// "God" for the Hungarian town of "Göd") keeps the article's spelling:
/// the list matched its accent-free alias, which is often another place
/// or no place at all.
fn canonical(surface: &str, kind: EntityKind) -> Option<&'static str> {
    let look = |s: &str| {
        match kind {
            EntityKind::Place => {
                gazetteer::place(s).or_else(|| gazetteer::state_of_abbreviation(s))
            }
            EntityKind::Organisation => gazetteer::organisation(s).or_else(|| gazetteer::place(s)),
            _ => None,
        }
        .filter(|name| !only_accents_added(name, s))
    };
    look(surface).or_else(|| {
        if surface.chars().any(char::is_lowercase) {
            return None;
        }
        look(&super::features::title_case_words(surface))
    })
}

/// Whether `name` is `written` with accents added: as many characters, and
/// where they differ, `name`'s is a letter beyond ASCII and `written`'s an
/// ASCII letter ("Būsh" and "Bush"; not "Côte d'Ivoire" and "Ivory
/// Coast").
fn only_accents_added(name: &str, written: &str) -> bool {
    let (mut differs, mut same_length) = (false, true);
    let mut written_chars = written.chars();
    for a in name.chars() {
        let Some(b) = written_chars.next() else {
            same_length = false;
            break;
        };
        if a.to_lowercase().eq(b.to_lowercase()) {
            continue;
        }
        if a.is_ascii() || !a.is_alphabetic() || !b.is_ascii_alphabetic() {
            return false;
        }
        differs = true;
    }
    differs && same_length && written_chars.next().is_none()
}

/// A name in the hand-written organisation gazetteer (seats of government,
/// news outlets, international bodies) that is no listed place, or only a
/// town, is an organisation, whatever the context: "the Kremlin" said, not
/// the place; "Nokia's N-Gage", not the Finnish town.
fn prefer_listed_organisation(m: &mut Mention<'_>) {
    // A one-word person may share a listed firm's name ("Ford"); a longer
    // listed name ("Fiat Auto") is the firm.
    let retype = match m.kind {
        EntityKind::Place | EntityKind::Misc => true,
        EntityKind::Person => m.surface.contains(' '),
        EntityKind::Organisation => false,
    };
    // A town of the same name gives way ("Nokia", "Whitehall", "Xinhua");
    // a city does not ("Westminster", "Toyota").
    if retype && gazetteer::organisation(m.surface).is_some() && town_at_most(m.surface) {
        m.kind = EntityKind::Organisation;
        m.reason = Some(Box::new(Reason::from_evidence(Evidence::Gazetteer(
            List::Organisation,
        ))));
    }
}

/// A one-word name that is a listed demonym and no listed place names a
/// people, not a person or an organisation: "Pakistani, Bangladeshi and
/// black Caribbean origin" (misc, as in CoNLL-2003).
fn prefer_demonym(m: &mut Mention<'_>) {
    if matches!(m.kind, EntityKind::Misc | EntityKind::Place)
        || m.surface.contains(' ')
        || !gazetteer::is_demonym(m.surface)
        || gazetteer::place(m.surface).is_some()
    {
        return;
    }
    m.kind = EntityKind::Misc;
    m.reason = Some(Box::new(Reason::from_evidence(Evidence::Gazetteer(
        List::Demonym,
    ))));
}

/// Head words that settle the type of a name of two or more words,
/// whatever the context: the last word of an organisation's name
/// ("Lehman Brothers", "Pensions Committee") and the first of a
/// geographical feature's ("River Thames", "Lake Geneva"); and the last word
/// of a place's, in a name the tagger took for a person's.
fn prefer_head_word(m: &mut Mention<'_>) {
    let mut words = m.surface.split_whitespace();
    let (Some(first), Some(last)) = (words.next(), words.next_back()) else {
        return;
    };
    // Last words that make a name an organisation whatever the tagger
    // said, chosen from CoNLL-2003 train's counts (see the list).
    let organisation_head = gazetteer::is_organisation_head(last);
    // A given name before a cue that is also a surname is a person
    // ("Michael Bay", "Grace Park").
    let given_and_surname = || gazetteer::is_first_name(first) && gazetteer::is_last_name(last);
    let place_head = if matches!(first, "River" | "Lake" | "Mount" | "Loch") {
        Some(first)
    } else {
        // A name the tagger took for a person that ends in a street's or
        // a landmark's word ("Ridgeway Street", "Tower Bridge") is that
        // place: in CoNLL-2003 train, 144 of the 146 names of two or more
        // words that end in a place cue are places or organisations.
        (m.kind == EntityKind::Person && gazetteer::is_place_cue(last) && !given_and_surname())
            .then_some(last)
    };
    // A town whose name ends in one keeps its kind ("State College").
    let listed_place = || m.kind == EntityKind::Place && gazetteer::place(m.surface).is_some();
    if organisation_head && m.kind != EntityKind::Organisation && !listed_place() {
        m.kind = EntityKind::Organisation;
        m.reason = Some(Box::new(Reason::from_evidence(Evidence::OrganisationCue(
            last.to_owned(),
        ))));
    } else if let Some(cue) = place_head.filter(|_| m.kind != EntityKind::Place) {
        m.kind = EntityKind::Place;
        m.reason = Some(Box::new(Reason::from_evidence(Evidence::PlaceCue(
            cue.to_owned(),
        ))));
    }
}

/// "The Santy worm first appeared… Santy is not the first malicious
/// program": a name that a noun beside it or its own words mark as a work
/// or product (misc) is one wherever the article names it, with that
/// reason; the tagger alone took the bare "Santy" for a person.
fn spread_work_cues(mentions: &mut [Mention<'_>], keys: &[&str]) {
    let marked = |m: &Mention<'_>, _: &str| {
        first_evidence(m).is_some_and(|e| {
            matches!(
                e,
                Evidence::WorkCue(_)
                    | Evidence::WorkTitle(_)
                    | Evidence::Channel(_)
                    | Evidence::Craft(_)
            )
        })
    };
    spread_decided_kind(mentions, keys, EntityKind::Misc, marked, |_| true);
}

/// "Editor's note: Donald Trump is a serial liar", where the tagger took
/// "Donald Trump" for an organisation, in an article that names him a
/// person everywhere else: a full name that opens with a listed given name
/// and is a person at most of its mentions is a person at all of them
/// ("one sense per discourse", Gale, Church & Yarowsky 1992), with that
/// reason. Only such names: on CoNLL-2003 dev a vote over every name
/// costs (a town's dateline and its team in a results table), and so does
/// one over one-word names (a company "Ericsson" said, once a person).
/// Such a name that is a person at no more than half of its mentions in
/// full (none, or one of two) is one when its last word alone is a person
/// at most (and two or more) of its mentions ("Donald J. Trump" beside
/// "Trump"), if its words are a person's only: no listed organisation,
/// connector or cue.
fn agree_on_full_names(mentions: &mut [Mention<'_>], keys: &[&str]) {
    let full_name = |m: &Mention<'_>| {
        let mut words = m.surface.split_whitespace();
        words.next().is_some_and(gazetteer::is_first_name) && words.next().is_some()
    };
    // Asked of every mention three times below: worked out once.
    let full_names: Vec<bool> = mentions.iter().map(full_name).collect();
    // Mentions per type of each such name, by key.
    let mut kinds: HashMap<&str, [usize; 4]> = HashMap::default();
    for ((m, k), _) in mentions
        .iter()
        .zip(keys)
        .zip(&full_names)
        .filter(|(_, full)| **full)
    {
        kinds.entry(*k).or_default()[kind_index(m.kind)] += 1;
    }
    let person = kind_index(EntityKind::Person);
    let persons_by_majority = |counts: &[usize; 4]| {
        let total: usize = counts.iter().sum();
        counts[person] < total && counts[person] * 2 > total
    };
    if kinds.values().any(persons_by_majority) {
        spread_decided_kind(
            mentions,
            keys,
            EntityKind::Person,
            |m, k| full_name(m) && kinds.get(k).is_some_and(persons_by_majority),
            |_| true,
        );
    }
    // "the ubiquitous Donald J. Trump", a person at half of its mentions
    // in full at most, in an article where "Trump" alone is one at most of
    // its mentions (and at two or more: the tagger's one "Qaeda" makes no
    // person of "Al Qaeda").
    // Names of people's words only: no listed organisation ("Al Qaeda"),
    // no connector ("Johnson & Johnson", "Star of David") and no cue
    // ("Clinton Foundation").
    let people_s_words = |m: &Mention<'_>| {
        gazetteer::organisation(m.surface).is_none()
            && m.surface.split_whitespace().all(|w| {
                w.starts_with(char::is_uppercase)
                    && !gazetteer::is_organisation_cue(w)
                    && !gazetteer::is_place_cue(w)
            })
    };
    // Whether mention `i` is a full name the article mostly gives no
    // person (the cheap tests first: most mentions are no full name).
    let never_a_person = |i: usize, m: &Mention<'_>, k: &str| {
        full_names.get(i).copied().unwrap_or(false)
            && kinds
                .get(k)
                .is_some_and(|c| c[person] * 2 <= c.iter().sum())
            && people_s_words(m)
    };
    let mut wanted: HashMap<&str, [usize; 4]> = HashMap::default();
    for (i, (m, k)) in mentions.iter().zip(keys).enumerate() {
        if never_a_person(i, m, k) {
            wanted.entry(last_word(k)).or_default();
        }
    }
    if wanted.is_empty() {
        return;
    }
    for (m, k) in mentions.iter().zip(keys) {
        if m.surface.contains(char::is_whitespace) {
            continue;
        }
        if let Some(counts) = wanted.get_mut(*k) {
            counts[kind_index(m.kind)] += 1;
        }
    }
    for (i, (m, k)) in mentions.iter_mut().zip(keys).enumerate() {
        if !never_a_person(i, m, k) {
            continue;
        }
        let person_surname = wanted
            .get(last_word(k))
            .is_some_and(|c| c[person] >= 2 && c[person] * 2 > c.iter().sum::<usize>());
        if person_surname {
            m.kind = EntityKind::Person;
            m.reason = Some(Box::new(Reason(vec![
                Evidence::GivenName,
                Evidence::DocumentMemory,
            ])));
        }
    }
}

/// "the Obama administration", "Obama's supporters" in an article that
/// names "Obama" a person everywhere else: the tagger's place or
/// organisation for a one-word name that is a person in at least two of
/// its mentions and in most of them is that person. Listed organisations
/// and places keep their kind, except a town ("Obama" is one in Japan),
/// as in [`spread_titled_names`]; so do words no person's name looks
/// like, with a digit or a short acronym ("G4S", "PAC"), which the tagger
/// may take for people more often than not. A name the article gives a
/// person's full name for is joined to it later, in [`resolve`].
fn agree_on_people_s_one_word_names(mentions: &mut [Mention<'_>], keys: &[&str]) {
    // The cheap tests first: asked of every mention, twice.
    let one_word = |m: &Mention<'_>| {
        let word = m.surface;
        let acronym = || word.chars().count() <= 4 && !word.contains(char::is_lowercase);
        !word.contains(char::is_whitespace)
            && !word.contains(|c: char| c.is_ascii_digit())
            && !acronym()
    };
    let person = kind_index(EntityKind::Person);
    let mut kinds: HashMap<&str, [usize; 4]> = HashMap::default();
    for (m, k) in mentions.iter().zip(keys).filter(|(m, _)| one_word(m)) {
        kinds.entry(*k).or_default()[kind_index(m.kind)] += 1;
    }
    let mostly_a_person = |counts: &[usize; 4]| {
        let total: usize = counts.iter().sum();
        counts[person] >= 2 && counts[person] < total && counts[person] * 2 > total
    };
    if !kinds.values().any(mostly_a_person) {
        return;
    }
    spread_decided_kind(
        mentions,
        keys,
        EntityKind::Person,
        |m, k| one_word(m) && kinds.get(k).is_some_and(mostly_a_person),
        |m| one_word(m) && gives_way_to_a_person(m),
    );
}

/// "extradition to the US." beside "in the US, Britain and Australia":
/// the tagger's misc for a one-word name of a listed country is that
/// country, when the article names the country as a place at least as
/// often (one sense per discourse, as for people in
/// [`agree_on_people_s_one_word_names`]). Only countries, whose short
/// names readers saw split between Places and Other.
fn agree_on_countries(mentions: &mut [Mention<'_>]) {
    let country = |m: &Mention<'_>| {
        if m.surface.contains(char::is_whitespace) {
            return None;
        }
        gazetteer::place_entry(m.surface)
            .filter(|(_, kind)| *kind == gazetteer::PlaceKind::Country)
            .map(|(name, _)| name)
    };
    // Per country: its place mentions and its misc mentions.
    let mut counts: HashMap<&'static str, (usize, usize)> = HashMap::default();
    for m in mentions.iter() {
        let Some(name) = country(m) else { continue };
        let entry = counts.entry(name).or_default();
        match m.kind {
            EntityKind::Place => entry.0 += 1,
            EntityKind::Misc => entry.1 += 1,
            _ => {}
        }
    }
    let mostly_a_place = |(places, misc): &(usize, usize)| *places > 0 && places >= misc;
    for m in mentions.iter_mut().filter(|m| m.kind == EntityKind::Misc) {
        if country(m)
            .and_then(|name| counts.get(name))
            .is_some_and(mostly_a_place)
        {
            m.kind = EntityKind::Place;
            m.reason = Some(Box::new(Reason(vec![
                Evidence::Gazetteer(List::Country),
                Evidence::DocumentMemory,
            ])));
        }
    }
}

/// "Eminem seeks…" above "Rapper Eminem": a one-word name that a title or
/// an occupation before it marks as a person is that person wherever the
/// article names it alone, whatever the tagger said there (it took the
/// headline's "Eminem" for a misc name and another for an organisation).
/// Listed organisations and places keep their kind ("Mr Boeing",
/// "Boeing"), except a town: "President Obama" makes every "Obama" the
/// president, not the town in Japan the gazetteer lists. The title may be
/// any part of the reason ("title + typed alike elsewhere").
fn spread_titled_names(mentions: &mut [Mention<'_>], keys: &[&str]) {
    let marked = |m: &Mention<'_>, _: &str| {
        !m.surface.contains(' ')
            && m.reason.as_deref().is_some_and(|r| {
                r.0.iter()
                    .any(|e| matches!(e, Evidence::Title(_) | Evidence::Tenure(_)))
            })
    };
    spread_decided_kind(
        mentions,
        keys,
        EntityKind::Person,
        marked,
        gives_way_to_a_person,
    );
}

/// The strongest evidence for `m`'s type, when it was explained.
fn first_evidence<'m>(m: &'m Mention<'_>) -> Option<&'m Evidence> {
    m.reason.as_deref().and_then(|r| r.0.first())
}

/// Gives `kind` to every mention of a name (its words in any case) that
/// has a mention of `kind` that `marked` accepts, with that mention's
/// reason; mentions that `may_take` refuses keep theirs. `keys` are the
/// mentions' [`key`]s, one per mention, which `marked` is given too.
fn spread_decided_kind(
    mentions: &mut [Mention<'_>],
    keys: &[&str],
    kind: EntityKind,
    marked: impl Fn(&Mention<'_>, &str) -> bool,
    may_take: impl Fn(&Mention<'_>) -> bool,
) {
    let mut reasons: HashMap<&str, Box<Reason>> = HashMap::default();
    for (m, k) in mentions.iter().zip(keys) {
        if m.kind == kind
            && marked(m, k)
            && let Some(reason) = &m.reason
        {
            reasons.entry(k).or_insert_with(|| reason.clone());
        }
    }
    if reasons.is_empty() {
        return;
    }
    for (m, k) in mentions.iter_mut().zip(keys) {
        if m.kind == kind {
            continue;
        }
        if let Some(reason) = reasons.get(*k)
            && may_take(m)
        {
            m.kind = kind;
            m.reason = Some(reason.clone());
        }
    }
}

/// Whether `m` may be retyped a person the article names elsewhere: no
/// listed organisation, and no listed place but a town ("Obama", in Japan).
fn gives_way_to_a_person(m: &Mention<'_>) -> bool {
    gazetteer::organisation(m.surface).is_none() && town_at_most(m.surface)
}

/// Whether a place list names `surface`, as it is written (not only through
/// the accent-free alias: "Bush" for "Būsh"), as a place larger than a
/// town.
fn listed_above_a_town(surface: &str) -> bool {
    gazetteer::place_entry(surface).is_some_and(|(name, kind)| {
        kind != gazetteer::PlaceKind::Town && !only_accents_added(name, surface)
    })
}

/// Whether no place list names `surface` but as a town: such a name gives
/// way to a listed firm ("Nokia") or a titled person ("President Obama");
/// a city or a country does not.
fn town_at_most(surface: &str) -> bool {
    gazetteer::place_entry(surface).is_none_or(|(_, kind)| kind == gazetteer::PlaceKind::Town)
}

fn kind_index(kind: EntityKind) -> usize {
    super::labels::kind_index(kind)
}

/// Groups `mentions` (in reading order) into entities, in order of first
/// mention, with ids.
pub fn resolve(mut mentions: Vec<Mention<'_>>) -> Vec<Entity> {
    for m in &mut mentions {
        prefer_head_word(m);
        prefer_listed_organisation(m);
        prefer_demonym(m);
    }
    // Every mention's key, made once: the passes below group by it, and
    // no surface changes from here on.
    let mut arena = String::new();
    let keys = keys_in(mentions.iter().map(|m| m.surface), &mut arena);
    spread_work_cues(&mut mentions, &keys);
    spread_titled_names(&mut mentions, &keys);
    agree_on_full_names(&mut mentions, &keys);
    agree_on_people_s_one_word_names(&mut mentions, &keys);
    agree_on_countries(&mut mentions);
    // "Super April", "Black Friday", "Christmas": dates dressed as names,
    // not entities a reader looks for in the panel.
    let is_date = |m: &Mention<'_>| {
        let mut words = m.surface.split_whitespace();
        let all_dates = words.clone().all(gazetteer::is_calendar_word);
        let misc_date = m.kind == EntityKind::Misc && words.any(gazetteer::is_calendar_word);
        all_dates || misc_date
    };
    let (mentions, keys): (Vec<Mention<'_>>, Vec<&str>) = mentions
        .into_iter()
        .zip(keys)
        .filter(|(m, _)| !is_date(m))
        .unzip();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::default();
    // Last word of a multi-word person name → (start of a full mention, draft), in order.
    let mut surnames: HashMap<&str, Vec<(usize, usize)>> = HashMap::default();
    // Last two words of a person name of three or more ("Suu Kyi" of "Aung
    // San Suu Kyi") → (start of a full mention, draft), in order.
    let mut endings: HashMap<&str, Vec<(usize, usize)>> = HashMap::default();
    // Given name → the drafts of the full names it opens.
    let mut given: HashMap<&str, Vec<usize>> = HashMap::default();
    // The last two words of every person's name of three or more: a
    // two-word person's name among them is no full name of its own.
    let longer_endings: HashSet<&str> = mentions
        .iter()
        .zip(&keys)
        .filter(|(m, _)| m.kind == EntityKind::Person)
        .filter_map(|(_, k)| ending(k))
        .collect();
    // The typed key of the mention at hand, refilled: most mentions
    // repeat a name already grouped, and need no key of their own.
    let mut k = String::new();
    // Full person names first, so that a short name before its full name
    // ("Macron ... Emmanuel Macron") still joins it.
    for (m, &bare) in mentions.iter().zip(&keys) {
        if m.kind != EntityKind::Person || !bare.contains(' ') {
            continue;
        }
        if ending(bare).is_none() && longer_endings.contains(bare) {
            continue;
        }
        k.clear();
        push_kind(EntityKind::Person, &mut k);
        k.push_str(bare);
        let i = match by_key.get(k.as_str()) {
            Some(&i) => i,
            None => {
                drafts.push(Draft::new(m.surface, EntityKind::Person, m));
                by_key.insert(k.clone(), drafts.len() - 1);
                drafts.len() - 1
            }
        };
        surnames
            .entry(last_word(bare))
            .or_default()
            .push((m.span.start, i));
        if let Some(ending) = ending(bare) {
            endings.entry(ending).or_default().push((m.span.start, i));
        }
        let list = given.entry(first_word(bare)).or_default();
        if !list.contains(&i) {
            list.push(i);
        }
    }
    let short_organisations = short_organisation_names(&mentions);
    // Whether the full name a short one would join reads as a person's:
    // it opens with no common word that is nobody's name, or a title
    // preceded it. A bullet's verb run into a name ("Represent Mozilla")
    // is no one whose surname the organisation "Mozilla" could be.
    let reads_as_a_person = |draft: Option<&Draft>| {
        draft.is_some_and(|d| {
            !d.name
                .split_whitespace()
                .next()
                .is_some_and(gazetteer::is_common_word)
                || d.reason.0.iter().any(|e| matches!(e, Evidence::Title(_)))
        })
    };
    for (m, &bare) in mentions.iter().zip(&keys) {
        k.clear();
        push_kind(m.kind, &mut k);
        k.push_str(bare);
        // One word may be a surname, two the last two words of a full name.
        let word_count = m.surface.split_whitespace().count();
        let full_names = match word_count {
            1 => Some(&surnames),
            2 => Some(&endings),
            _ => None,
        };
        // The full name a short one stands for: the draft, and whether it
        // was found by its surname (or last two words) rather than its
        // given name.
        let person_alias = || {
            let by_surname = full_names.and_then(|f| f.get(bare)).and_then(|full| {
                // The full name mentioned last before this mention, else the first.
                let before = full.partition_point(|(start, _)| *start <= m.span.start);
                full.get(before.saturating_sub(1)).map(|(_, i)| (*i, true))
            });
            by_surname.or_else(|| match given.get(bare) {
                Some(list) if list.len() == 1 && word_count == 1 => {
                    list.first().map(|i| (*i, false))
                }
                _ => None,
            })
        };
        // Whether this name is the surname (or last two words) of a person
        // the article names in full, by a name that reads as a person's.
        let a_person_s_surname = || {
            full_names.is_some_and(|f| f.contains_key(bare))
                && reads_as_a_person(person_alias().and_then(|(i, _)| drafts.get(i)))
        };
        // The kind this mention counts for in its entity.
        let mut counted = m.kind;
        let i = match (m.kind, by_key.get(k.as_str())) {
            (_, Some(&i)) => i,
            (EntityKind::Person, None) | (EntityKind::Misc, None)
                if word_count <= 2 && person_alias().is_some() =>
            {
                let (i, by_surname) = person_alias().unwrap_or_default();
                // "Day-Lewis set for Berlin honour" above "Actor Daniel
                // Day-Lewis": the tagger's misc for the surname of a
                // person whose name opens with a given name counts for
                // that person ("Republican" does not make "Sarasota
                // Republican" one, nor "Compaq" "Compaq Computer").
                let given_name_first = |d: &Draft| {
                    d.name
                        .split_whitespace()
                        .next()
                        .is_some_and(gazetteer::is_first_name)
                };
                if by_surname && drafts.get(i).is_some_and(given_name_first) {
                    counted = EntityKind::Person;
                }
                i
            }
            // "Spears seeks aborted tour payment" above "Singer Britney
            // Spears": a one-word organisation no list knows, or a place
            // no list names as written above a town ("Bush" beside Jeb
            // Bush, not the Egyptian town "Būsh"), that is the surname of
            // a person the article names is that person; so is a two-word
            // one that ends a longer person's name ("Suu Kyi").
            (EntityKind::Organisation, None)
                if gazetteer::organisation(m.surface).is_none() && a_person_s_surname() =>
            {
                counted = EntityKind::Person;
                person_alias().unwrap_or_default().0
            }
            (EntityKind::Place, None)
                if !listed_above_a_town(m.surface) && a_person_s_surname() =>
            {
                counted = EntityKind::Person;
                person_alias().unwrap_or_default().0
            }
            // "Exxon" beside "Exxon Mobil": the one organisation the
            // article names in full with that first word.
            (EntityKind::Organisation, None)
                if word_count == 1 && short_organisations.contains_key(bare) =>
            {
                let full = short_organisations.get(bare).copied().unwrap_or_default();
                let full_key = typed_key(EntityKind::Organisation, full);
                match by_key.get(&full_key) {
                    Some(&i) => i,
                    // Named in full further on: its entity starts here.
                    None => {
                        drafts.push(Draft::new(full, EntityKind::Organisation, m));
                        by_key.insert(full_key, drafts.len() - 1);
                        drafts.len() - 1
                    }
                }
            }
            _ => {
                let canonical = canonical(m.surface, m.kind);
                let grouping = canonical.map_or_else(|| k.clone(), |c| typed_key(m.kind, c));
                let i = match by_key.get(&grouping) {
                    Some(&i) => i,
                    None => {
                        // Places take the gazetteer's name, others their own.
                        let name = match (m.kind, canonical) {
                            (EntityKind::Place, Some(c)) => c,
                            _ => m.surface,
                        };
                        drafts.push(Draft::new(name, m.kind, m));
                        drafts.len() - 1
                    }
                };
                by_key.insert(grouping, i);
                by_key.insert(k.clone(), i);
                i
            }
        };
        let Some(d) = drafts.get_mut(i) else {
            continue;
        };
        d.kinds[kind_index(counted)] += 1;
        d.mentions.push(m.span.clone());
        // A name in capitals gives way to the same name in prose.
        let shouting = !d.name.chars().any(char::is_lowercase);
        if shouting && m.surface.chars().any(char::is_lowercase) && key(&d.name) == bare {
            m.surface.clone_into(&mut d.name);
        }
    }
    finish(drafts)
}

/// The organisations an article names in full whose first word alone may
/// stand for them ("Exxon" for "Exxon Mobil", "Quinnipiac" for
/// "Quinnipiac University"): first word's key → the full name, for first
/// words that open one organisation's name only, of two words or more. An
/// acronym stands for itself ("DNC" beside "DNC Chair"), and so does a
/// first word that a list names as a place or organisation ("Washington"
/// of "Washington Post"), a dictionary word ("House" of "House
/// Republicans", "State" of "State Department") or a function word
/// ("The").
fn short_organisation_names<'a>(mentions: &[Mention<'a>]) -> HashMap<String, &'a str> {
    let mut full_names: HashMap<String, Option<&'a str>> = HashMap::default();
    for m in mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Organisation)
    {
        let mut words = m.surface.split_whitespace();
        let (Some(first), Some(_)) = (words.next(), words.next()) else {
            continue;
        };
        let stands_for_it = first.chars().next().is_some_and(char::is_uppercase)
            && first.chars().any(char::is_lowercase)
            && !gazetteer::is_function_word(first)
            && !gazetteer::is_dictionary_word(first)
            && gazetteer::place_entry(first).is_none()
            && gazetteer::organisation(first).is_none();
        if !stands_for_it {
            continue;
        }
        let entry = full_names.entry(key(first)).or_insert(Some(m.surface));
        if entry.is_some_and(|seen| key(seen) != key(m.surface)) {
            *entry = None;
        }
    }
    full_names
        .into_iter()
        .filter_map(|(first, full)| Some((first, full?)))
        .collect()
}

/// Drafts with mentions, as entities in order of first mention, with ids.
fn finish(drafts: Vec<Draft>) -> Vec<Entity> {
    let mut drafts: Vec<Draft> = drafts
        .into_iter()
        .filter(|d| !d.mentions.is_empty())
        .collect();
    for d in &mut drafts {
        d.mentions.sort_by_key(|m| (m.start, m.end));
        d.mentions.dedup();
    }
    drafts.sort_by_key(|d| d.mentions.first().map_or(usize::MAX, |m| m.start));
    let mut ids = Ids::default();
    drafts
        .into_iter()
        .map(|d| {
            let best = d.kinds.iter().copied().max().unwrap_or(0);
            // Ties go to the type of the first mention.
            let kind = if d.kinds[kind_index(d.first_kind)] == best {
                d.first_kind
            } else {
                EntityKind::ALL
                    .into_iter()
                    .find(|k| d.kinds[kind_index(*k)] == best)
                    .unwrap_or(d.first_kind)
            };
            Entity {
                id: ids.id_for(&d.name),
                kind,
                name: d.name,
                mentions: d.mentions,
                reason: d.reason,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_share_one_string_and_give_their_words() {
        let mut arena = String::new();
        let surfaces = ["Aung San Suu Kyi", "O\u{2019}Brien", "Emmanuel  Macron"];
        let keys = keys_in(surfaces.into_iter(), &mut arena);
        assert_eq!(keys, ["AUNG SAN SUU KYI", "O'BRIEN", "EMMANUEL MACRON"]);
        // The words of a key are the keys of the surface's words.
        assert_eq!(first_word(keys[0]), key("Aung"));
        assert_eq!(last_word(keys[0]), key("Kyi"));
        assert_eq!(ending(keys[0]), Some("SUU KYI"));
        assert_eq!(
            ending(keys[2]),
            None,
            "two words have no longer name's ending"
        );
        assert_eq!(last_word(keys[1]), "O'BRIEN");
    }

    #[test]
    fn ascii_keys_split_words_as_split_whitespace_does() {
        assert_eq!(key(" Emmanuel \t\x0b Macron\r\n"), "EMMANUEL MACRON");
        // U+001F is a control character, not white space.
        assert_eq!(key("A\x1fB c"), "A\x1fB C");
    }

    proptest::proptest! {
        #[test]
        fn ascii_keys_match_the_general_key(surface in "[\\x00-\\x7f]{0,24}") {
            let words: Vec<String> = surface
                .split_whitespace()
                .map(str::to_ascii_uppercase)
                .collect();
            proptest::prop_assert_eq!(key(&surface), words.join(" "));
        }

        #[test]
        fn a_key_s_words_are_the_keys_of_its_surface_s_words(
            surfaces in proptest::collection::vec("[A-Za-z’'\u{e9}\u{df} \t\u{a0}]{0,20}", 1..6)
        ) {
            let mut arena = String::new();
            let keys = keys_in(surfaces.iter().map(String::as_str), &mut arena);
            for (surface, k) in surfaces.iter().zip(&keys) {
                proptest::prop_assert_eq!(*k, key(surface));
                let words: Vec<&str> = surface.split_whitespace().collect();
                if let (Some(first), Some(last)) = (words.first(), words.last()) {
                    proptest::prop_assert_eq!(first_word(k), key(first));
                    proptest::prop_assert_eq!(last_word(k), key(last));
                }
                let expected_ending = (words.len() >= 3)
                    .then(|| key(&words[words.len() - 2..].join(" ")));
                proptest::prop_assert_eq!(ending(k).map(str::to_owned), expected_ending);
            }
        }
    }

    #[test]
    fn typed_key_hashes_agree_with_the_keys() {
        let same = |a: &str, b: &str| {
            typed_key_hash(EntityKind::Person, a) == typed_key_hash(EntityKind::Person, b)
        };
        assert_eq!(
            typed_key(EntityKind::Person, "Emmanuel  MACRON"),
            "person:EMMANUEL MACRON"
        );
        assert!(same("Emmanuel  MACRON", "emmanuel Macron"));
        // ASCII and other words hash their upper-case keys alike.
        for surface in [
            "Emmanuel Macron",
            "Recep Tayyip Erdoğan",
            "Straße",
            "ÉLYSÉE Palace",
            "Conan O\u{2019}Brien",
        ] {
            let key = typed_key(EntityKind::Person, surface);
            let words = key.strip_prefix("person:").unwrap_or(&key);
            let expected = super::super::features::Hasher::new("person")
                .bytes(words.as_bytes())
                .finish();
            assert_eq!(typed_key_hash(EntityKind::Person, surface), expected);
        }
        assert!(same("Conan O\u{2019}Brien", "Conan O'Brien"));
        assert_eq!(key("O\u{2018}Hare"), "O'HARE");
        assert!(!same("Emmanuel Macron", "Emmanuel Macro"));
        assert_ne!(
            typed_key_hash(EntityKind::Person, "Jordan"),
            typed_key_hash(EntityKind::Place, "Jordan")
        );
    }

    fn mention(surface: &str, nth: usize, kind: EntityKind) -> Mention<'static> {
        Mention {
            span: nth..nth + surface.len(),
            surface: Box::leak(surface.to_owned().into_boxed_str()),
            kind,
            reason: None,
        }
    }

    /// Each entity's name, kind and number of mentions.
    fn names_kinds_and_counts(entities: &[Entity]) -> Vec<(&str, EntityKind, usize)> {
        entities
            .iter()
            .map(|e| (e.name.as_str(), e.kind, e.mentions.len()))
            .collect()
    }

    #[test]
    fn short_names_join_full_names_and_places_take_their_gazetteer_name() {
        use EntityKind::*;
        let entities = resolve(vec![
            mention("Macron", 0, Person),
            mention("Emmanuel Macron", 10, Person),
            mention("US", 30, Place),
            mention("America", 40, Place),
            mention("Emmanuel", 50, Misc),
            mention("MACRON", 60, Person),
        ]);
        let shown = names_kinds_and_counts(&entities);
        assert_eq!(
            shown,
            [("Emmanuel Macron", Person, 4), ("United States", Place, 2)]
        );
        assert_eq!(entities[0].id, "emmanuel-macron");
    }

    #[test]
    fn a_one_word_organisation_that_is_a_person_s_surname_is_that_person() {
        use EntityKind::*;
        let entities = resolve(vec![
            mention("Spears", 0, Organisation),
            mention("Britney Spears", 40, Person),
            mention("Spears", 80, Organisation),
            mention("Spears", 90, Organisation),
            // A listed firm keeps its kind beside a person of its name.
            mention("Kiichiro Toyota", 100, Person),
            mention("Toyota", 120, Organisation),
        ]);
        let shown = names_kinds_and_counts(&entities);
        assert_eq!(
            shown,
            [
                ("Britney Spears", Person, 4),
                ("Kiichiro Toyota", Person, 1),
                ("Toyota", Organisation, 1)
            ]
        );
    }

    #[test]
    fn a_verb_run_into_a_name_makes_no_person_of_an_organisation() {
        use EntityKind::*;
        // Wikipedia's Mozilla page: a bullet "Represent Mozilla in their
        // country/region", which the tagger took for a person, took every
        // "Mozilla" with it.
        let entities = resolve(vec![
            mention("Mozilla", 0, Organisation),
            mention("Mozilla", 20, Organisation),
            mention("Represent Mozilla", 40, Person),
            mention("Mozilla", 80, Organisation),
        ]);
        let shown = names_kinds_and_counts(&entities);
        assert_eq!(
            shown,
            [
                ("Mozilla", Organisation, 3),
                ("Represent Mozilla", Person, 1)
            ]
        );
    }

    #[test]
    fn a_misc_or_unlisted_place_that_is_a_person_s_surname_counts_for_that_person() {
        use EntityKind::*;
        // BBC entertainment/102: the headline's "Day-Lewis" came out misc,
        // a later one a place; "Actor Daniel Day-Lewis" a person.
        let entities = resolve(vec![
            mention("Day-Lewis", 0, Misc),
            mention("Daniel Day-Lewis", 40, Person),
            mention("Day-Lewis", 80, Misc),
            mention("Day-Lewis", 120, Place),
            // A listed place keeps its kind beside a person of its name.
            mention("Michael Jordan", 160, Person),
            mention("Jordan", 200, Place),
            // The tagger's person with no given name first: the misc
            // mentions that join it by its last word still count as misc.
            mention("Sarasota Republican", 240, Person),
            mention("Republican", 280, Misc),
            mention("Republican", 320, Misc),
        ]);
        assert_eq!(
            names_kinds_and_counts(&entities),
            [
                ("Daniel Day-Lewis", Person, 4),
                ("Michael Jordan", Person, 1),
                ("Jordan", Place, 1),
                ("Sarasota Republican", Misc, 3),
            ]
        );
    }

    #[test]
    fn a_name_ending_in_an_organisation_head_is_an_organisation() {
        use EntityKind::*;
        // The tagger's places in BBC entertainment/247 and a PolNeAR
        // article; a one-word "Court", a bank's name and a listed town
        // ("State College", Pennsylvania) keep theirs.
        let entities = resolve(vec![
            mention("New York State Supreme Court", 0, Place),
            mention("Marquette University", 40, Place),
            mention("West Bank", 80, Place),
            mention("Court", 120, Place),
            mention("State College", 160, Place),
        ]);
        assert_eq!(
            names_kinds_and_counts(&entities),
            [
                ("New York State Supreme Court", Organisation, 1),
                ("Marquette University", Organisation, 1),
                ("West Bank", Place, 1),
                ("Court", Place, 1),
                ("State College", Place, 1),
            ]
        );
        let reason = entities[0].reason.to_string();
        assert_eq!(reason, "cue \"Court\"");
    }

    #[test]
    fn a_person_s_name_ending_in_a_place_cue_is_that_place() {
        use EntityKind::*;
        // "the theatre on Ridgeway Street" (BBC entertainment/012): the
        // tagger reads a surname and a common word.
        let entities = resolve(vec![
            mention("Ridgeway Street", 0, Person),
            mention("David Johnston", 40, Person),
            mention("Ridgeway", 80, Organisation),
            // A given name before a cue that is also a surname: the film
            // director, no bay.
            mention("Michael Bay", 120, Person),
        ]);
        assert_eq!(
            names_kinds_and_counts(&entities),
            [
                ("Ridgeway Street", Place, 1),
                ("David Johnston", Person, 1),
                ("Ridgeway", Organisation, 1),
                ("Michael Bay", Person, 1),
            ]
        );
        let reason = entities[0].reason.to_string();
        assert_eq!(reason, "place cue \"Street\"");
    }

    #[test]
    fn the_last_two_words_of_a_longer_person_s_name_are_that_person() {
        use EntityKind::*;
        let entities = resolve(vec![
            mention("Suu Kyi", 0, Organisation),
            mention("Aung San Suu Kyi", 40, Person),
            mention("Suu Kyi", 80, Organisation),
            mention("Suu Kyi", 90, Person),
            // Two words that end no person's name keep their kind.
            mention("San Marino", 100, Place),
            // A two-word name is no given name ("Aung San" opens the
            // person's name, but stays apart).
            mention("Aung San", 120, Organisation),
        ]);
        let shown = names_kinds_and_counts(&entities);
        assert_eq!(
            shown,
            [
                ("Aung San Suu Kyi", Person, 4),
                ("San Marino", Place, 1),
                ("Aung San", Organisation, 1)
            ]
        );
    }

    #[test]
    fn a_name_marked_as_a_work_once_is_one_everywhere_and_demonyms_name_no_one() {
        use EntityKind::*;
        let mut worm = mention("Santy", 10, Misc);
        worm.reason = Some(Box::new(Reason::from_evidence(Evidence::WorkCue(
            "worm".to_owned(),
        ))));
        let entities = resolve(vec![
            mention("Santy", 0, Person),
            worm,
            mention("Santy", 60, Person),
            mention("Bangladeshi", 80, Person),
            // A place keeps its name; a misc name needs no retyping.
            mention("Bangladesh", 100, Place),
            mention("Google", 120, Organisation),
        ]);
        assert_eq!(
            names_kinds_and_counts(&entities),
            [
                ("Santy", Misc, 3),
                ("Bangladeshi", Misc, 1),
                ("Bangladesh", Place, 1),
                ("Google", Organisation, 1)
            ]
        );
        assert_eq!(entities[0].reason.to_string(), "work cue \"worm\"");
        assert_eq!(entities[1].reason.to_string(), "gazetteer demonym");
    }

    #[test]
    fn a_one_word_name_with_a_title_once_is_that_person_everywhere() {
        use EntityKind::*;
        let titled = |surface: &str, nth: usize, title: &str| {
            let mut m = mention(surface, nth, Person);
            m.reason = Some(Box::new(Reason::from_evidence(Evidence::Title(
                title.to_owned(),
            ))));
            m
        };
        let entities = resolve(vec![
            mention("Eminem", 0, Misc),
            titled("Eminem", 20, "Rapper"),
            mention("Eminem", 40, Organisation),
            // A listed firm keeps its kind beside a person of its name.
            titled("Boeing", 60, "Mr"),
            mention("Boeing", 80, Organisation),
        ]);
        assert_eq!(
            names_kinds_and_counts(&entities),
            [
                ("Eminem", Person, 3),
                ("Boeing", Person, 1),
                ("Boeing", Organisation, 1)
            ]
        );
        assert_eq!(entities[0].reason.to_string(), "title \"Rapper\"");
    }

    #[test]
    fn a_full_name_a_person_at_half_its_mentions_is_one_when_its_surname_is() {
        use EntityKind::*;
        // "Donald J. Trump" once a person and once an organisation ("that
        // Donald J. Trump's support"), "Trump" alone a person.
        let entities = resolve(vec![
            mention("Trump", 0, Person),
            mention("Donald J. Trump", 20, Person),
            mention("Donald J. Trump", 60, Organisation),
            mention("Trump", 90, Person),
        ]);
        assert_eq!(
            names_kinds_and_counts(&entities),
            [("Donald J. Trump", Person, 4)]
        );
        // A firm named like a person, never a person alone, stays.
        let entities = resolve(vec![
            mention("Morgan Stanley", 0, Person),
            mention("Morgan Stanley", 20, Organisation),
            mention("Stanley", 40, Organisation),
        ]);
        assert!(
            names_kinds_and_counts(&entities).contains(&("Morgan Stanley", Organisation, 1)),
            "{:?}",
            names_kinds_and_counts(&entities)
        );
    }

    #[test]
    fn an_organisation_s_first_word_alone_stands_for_its_full_name() {
        use EntityKind::*;
        let entities = resolve(vec![
            // Before the full name too.
            mention("Exxon", 0, Organisation),
            mention("Exxon Mobil", 20, Organisation),
            mention("Exxon", 40, Organisation),
            // Acronyms and dictionary words stand for themselves.
            mention("DNC Chair", 60, Organisation),
            mention("DNC", 80, Organisation),
            mention("House Republicans", 100, Organisation),
            mention("House", 120, Organisation),
            // Two organisations open with "Quinnipiac": neither is meant.
            mention("Quinnipiac University", 140, Organisation),
            mention("Quinnipiac Poll", 160, Organisation),
            mention("Quinnipiac", 180, Organisation),
        ]);
        assert_eq!(
            names_kinds_and_counts(&entities),
            [
                ("Exxon Mobil", Organisation, 3),
                ("DNC Chair", Organisation, 1),
                ("DNC", Organisation, 1),
                ("House Republicans", Organisation, 1),
                ("House", Organisation, 1),
                ("Quinnipiac University", Organisation, 1),
                ("Quinnipiac Poll", Organisation, 1),
                ("Quinnipiac", Organisation, 1),
            ]
        );
    }

    #[test]
    fn a_place_matched_without_its_accents_keeps_the_article_s_spelling() {
        assert!(only_accents_added("Būsh", "Bush"));
        assert!(only_accents_added("Mâcon", "MACON"));
        assert!(!only_accents_added("Macon", "Macon"));
        assert!(!only_accents_added("Côte d'Ivoire", "Ivory Coast"));
        assert!(!only_accents_added("United States", "US"));
        assert!(!only_accents_added("Bū", "Bush"));
        assert_eq!(canonical("Bush", EntityKind::Place), None);
        assert_eq!(canonical("US", EntityKind::Place), Some("United States"));
        let entities = resolve(vec![mention("Macon", 0, EntityKind::Place)]);
        assert_eq!(
            names_kinds_and_counts(&entities),
            [("Macon", EntityKind::Place, 1)]
        );
    }

    #[test]
    fn a_surname_of_a_person_named_in_full_is_that_person_not_a_folded_place() {
        use EntityKind::*;
        let entities = resolve(vec![
            mention("Jeb Bush", 0, Person),
            // The tagger's town of Būsh (found by folding), twice.
            mention("Bush", 20, Place),
            mention("Bush", 40, Place),
            // A city the list names exactly keeps its kind beside a person
            // of that surname.
            mention("George Washington", 60, Person),
            mention("Washington", 80, Place),
        ]);
        assert_eq!(
            names_kinds_and_counts(&entities),
            [
                ("Jeb Bush", Person, 3),
                ("George Washington", Person, 1),
                ("Washington", Place, 1),
            ]
        );
    }

    #[test]
    fn a_one_word_name_that_is_mostly_a_person_is_that_person_everywhere() {
        use EntityKind::*;
        let explained = |surface: &str, nth: usize, kind: EntityKind, evidence: Evidence| {
            let mut m = mention(surface, nth, kind);
            m.reason = Some(Box::new(Reason::from_evidence(evidence)));
            m
        };
        let entities = resolve(vec![
            // "Obama said …", "Obama told …", "the Obama administration",
            // "Obama's aides": a town in Japan gives way.
            explained(
                "Obama",
                0,
                Person,
                Evidence::ReportingVerb("said".to_owned()),
            ),
            mention("Obama", 20, Organisation),
            mention("Obama", 40, Person),
            mention("Obama", 60, Place),
            mention("Obama", 80, Person),
            // Two of three, but a listed city keeps its kind.
            explained("Washington", 100, Person, Evidence::Surname),
            mention("Washington", 120, Person),
            mention("Washington", 140, Place),
            // A person once is too few; a short acronym is nobody's name.
            explained("Okafor", 160, Person, Evidence::Surname),
            mention("Okafor", 180, Organisation),
            explained("PAC", 200, Person, Evidence::Surname),
            mention("PAC", 220, Person),
            mention("PAC", 240, Organisation),
        ]);
        assert_eq!(
            names_kinds_and_counts(&entities),
            [
                ("Obama", Person, 5),
                ("Washington", Person, 2),
                ("Washington", Place, 1),
                ("Okafor", Person, 1),
                ("Okafor", Organisation, 1),
                ("PAC", Person, 2),
                ("PAC", Organisation, 1),
            ]
        );
        assert_eq!(entities[0].reason.to_string(), "reporting verb \"said\"");
    }

    #[test]
    fn a_country_the_tagger_calls_misc_once_is_the_place_it_names_elsewhere() {
        use EntityKind::*;
        let entities = resolve(vec![
            mention("US", 0, Place),
            mention("America", 20, Place),
            // "extradition to the US."
            mention("US", 40, Misc),
            // Misc in most mentions, a place in none: left as it is.
            mention("France", 60, Misc),
            // Not a country.
            mention("Paris", 80, Misc),
            mention("Paris", 100, Place),
        ]);
        assert_eq!(
            names_kinds_and_counts(&entities),
            [
                ("United States", Place, 3),
                ("France", Misc, 1),
                ("Paris", Misc, 1),
                ("Paris", Place, 1),
            ]
        );
    }

    #[test]
    fn a_listed_organisation_named_like_a_town_is_the_organisation() {
        use EntityKind::*;
        let entities = resolve(vec![
            mention("Nokia", 0, Place),
            mention("Westminster", 20, Place),
            mention("Kremlin", 40, Place),
        ]);
        assert_eq!(
            names_kinds_and_counts(&entities),
            [
                ("Nokia", Organisation, 1),
                ("Westminster", Place, 1),
                ("Kremlin", Organisation, 1)
            ]
        );
    }

    #[test]
    fn the_latest_full_name_takes_a_shared_surname() {
        use EntityKind::*;
        let entities = resolve(vec![
            mention("Ed Miliband", 0, Person),
            mention("Miliband", 20, Person),
            mention("David Miliband", 40, Person),
            mention("Miliband", 60, Person),
        ]);
        let shown: Vec<(&str, Vec<usize>)> = entities
            .iter()
            .map(|e| {
                (
                    e.name.as_str(),
                    e.mentions.iter().map(|m| m.start).collect(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("Ed Miliband", vec![0, 20]),
                ("David Miliband", vec![40, 60])
            ]
        );
    }
}
