//! Features of words for the sequence tagger, hashed to 64-bit ids.
//!
//! In the spirit of Ratinov & Roth (2009, "Design challenges and
//! misconceptions in named entity recognition"): the word, its lower case,
//! shape, prefixes and suffixes, its neighbours and the punctuation between
//! them, its place in the sentence, whether the line is in capitals, and
//! every signal of folio's gazetteers and lexicons — places, organisations,
//! demonyms (as BILOU positions of the longest listed name that covers the
//! word), given names, surnames, common words, titles, organisation and
//! event cues, reporting verbs. The tagger weighs them; none decides alone.
//!
//! Features are hashed with FNV-1a (64-bit) and a final mix, so that ids are
//! the same on every machine and build: the model file stores these ids.

use std::borrow::Cow;
use std::ops::Range;

use super::super::gazetteer::{self, HashMap, HashSet, Listed, PlaceKind};
use super::clusters::Clusters;
use super::tokens::{Gap, Word};

/// One word's features as hashed ids; the tagger adds label features.
pub type FeatureIds = Vec<u64>;

/// FNV-1a over bytes, finished with a 64-bit mix.
#[derive(Debug, Clone, Copy)]
pub struct Hasher(u64);

impl Hasher {
    /// A hasher started with the feature's template name (`"w"`, `"shape"`…).
    /// A `const fn`: hot paths start from `const { Hasher::new("w-1") }`,
    /// hashed when folio is compiled rather than for every word.
    pub const fn new(template: &str) -> Self {
        Hasher(0xcbf2_9ce4_8422_2325)
            .bytes(template.as_bytes())
            .byte(0xff)
    }

    /// Feeds `bytes`.
    pub const fn bytes(mut self, bytes: &[u8]) -> Self {
        let mut k = 0;
        while k < bytes.len() {
            self.0 ^= bytes[k] as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
            k += 1;
        }
        self
    }

    /// Feeds one byte.
    pub const fn byte(self, b: u8) -> Self {
        self.bytes(&[b])
    }

    /// Feeds `text` in lower case, without allocating.
    pub fn lower(mut self, text: &str) -> Self {
        if text.is_ascii() {
            // Nearly every word: the same bytes, without decoding characters.
            for &b in text.as_bytes() {
                self = self.byte(b.to_ascii_lowercase());
            }
            return self;
        }
        let mut buf = [0u8; 4];
        for c in text.chars() {
            if c.is_ascii() {
                self = self.byte(c.to_ascii_lowercase() as u8);
            } else {
                for l in c.to_lowercase() {
                    self = self.bytes(l.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
        self
    }

    /// The feature id (never 0, which marks an empty slot in the model).
    pub const fn finish(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^= h >> 33;
        if h == 0 { 1 } else { h }
    }
}

/// A feature from a template and one string value.
pub(crate) const fn feature(template: &str, value: &str) -> u64 {
    Hasher::new(template).bytes(value.as_bytes()).finish()
}

/// A feature from a template alone (a flag); hot paths take it as
/// `const { flag("bias") }`.
const fn flag(template: &str) -> u64 {
    Hasher::new(template).finish()
}

/// A sentence's words and what the tagger needs to know of them.
#[derive(Debug)]
pub struct Sentence<'a> {
    /// The words, in order (see [`super::tokens::words`]), owned or
    /// borrowed from a text's [`super::tokens::SentenceWords`].
    pub(crate) words: Cow<'a, [Word<'a>]>,
    /// Whether the sentence is written in capitals (a headline or table).
    pub(crate) caps_line: bool,
    /// Per word: whether it may be part of a name. Others are tagged `O`
    /// without being scored: a name needs a capital letter, or is a short
    /// lower-case connector between capitalised words ("Bank of England").
    pub(crate) candidate: Vec<bool>,
    /// Whether the sentence is a line of a results table: a number and no
    /// lower-case letter ("Hamburg 2 Bochum 1").
    pub(crate) table_line: bool,
    /// Whether the article is mostly such tables (sports results, market
    /// prices): places there often name teams.
    pub(crate) table_document: bool,
}

/// Whether the sentence at `range` of `text` is a line of a table (see
/// `Sentence::table_line`).
pub fn is_table_line(text: &str, range: Range<usize>) -> bool {
    let bytes = text.as_bytes().get(range).unwrap_or(&[]);
    bytes.iter().any(u8::is_ascii_digit) && !bytes.iter().any(u8::is_ascii_lowercase)
}

/// Whether at least one sentence in five of `sentences` is a table line.
pub fn is_table_document(text: &str, sentences: &[Range<usize>]) -> bool {
    let tables = sentences
        .iter()
        .filter(|r| is_table_line(text, (*r).clone()))
        .count();
    tables * 5 >= sentences.len().max(1)
}

impl<'a> Sentence<'a> {
    /// Whether word `i` may continue a name begun before it: only spaces,
    /// a hyphen or an ampersand lie between them ("Lockerbie, Scotland" is
    /// two names), and the word before is no possessive ("America's
    /// President").
    pub fn continues(&self, i: usize) -> bool {
        let after_possessive = i
            .checked_sub(1)
            .and_then(|k| self.words.get(k))
            .is_some_and(|w| w.possessive);
        // Looked up only after an ampersand: the decoder asks this of
        // every candidate word.
        let after_place = || {
            i.checked_sub(1)
                .and_then(|k| self.words.get(k))
                .is_some_and(|w| gazetteer::place(w.text).is_some())
        };
        self.candidate.get(i).copied().unwrap_or(false)
            && !after_possessive
            && self.words.get(i).is_some_and(|w| match w.gap {
                Gap::Space | Gap::Hyphen => true,
                // "Procter & Gamble" is one firm, "Berlin & Warsaw" two places.
                Gap::Ampersand => !after_place(),
                _ => false,
            })
    }

    /// Cuts the sentence at `range` (bytes of `text`) into words;
    /// `table_document` says whether its article is mostly tables (see
    /// [`is_table_document`]).
    pub fn new(text: &'a str, range: Range<usize>, table_document: bool) -> Self {
        let words = super::tokens::words(text, range.clone());
        Self::with_words(text, range, Cow::Owned(words), table_document, None)
    }

    /// [`Sentence::new`] with the words already cut (`words` must be what
    /// [`super::tokens::words`] gives for `range`) and, when known, the
    /// words the article capitalises in its prose (see [`ProseNames`]).
    pub(crate) fn with_words(
        text: &'a str,
        range: Range<usize>,
        words: Cow<'a, [Word<'a>]>,
        table_document: bool,
        prose: Option<&ProseNames<'_, '_>>,
    ) -> Self {
        let caps_line = super::caps::is_caps_line(text, range.clone());
        let candidate = candidates(&words, prose);
        Sentence {
            words,
            caps_line,
            candidate,
            table_line: is_table_line(text, range),
            table_document,
        }
    }
}

/// Which words may be part of a name (see [`Sentence::candidate`]): words
/// with a capital, and name connectors ("of", "du", "van") with a
/// capitalised word before and one after, possibly past another connector
/// ("Department for Work and Pensions", "Ursula von der Leyen").
fn candidates(words: &[Word<'_>], prose: Option<&ProseNames<'_, '_>>) -> Vec<bool> {
    let mut capital: Vec<bool> = words.iter().map(|w| w.capital).collect();
    // In a headline in title case ("Trump Says He Will Win In Ohio"),
    // capitals say little: only words the article capitalises in its
    // prose, or that may be names on their own, count as capitalised.
    let styles = prose.map_or(super::caps::TitleCase::Mostly, |p| p.styles);
    if super::caps::is_title_case_line(words, &capital, styles) {
        for (c, w) in capital.iter_mut().zip(words) {
            *c = *c && (prose.is_some_and(|p| p.contains(w.text)) || may_name_on_its_own(w.text));
        }
    }
    // Looked up only next to a capitalised word: most words are not.
    let connector = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| gazetteer::is_name_connector(w.text))
    };
    (0..words.len())
        .map(|i| {
            if capital[i] {
                // "The", "But", "He" opening a sentence before a lower-case
                // word: a capital that says nothing, and no name.
                let next_capital = capital.get(i + 1).copied().unwrap_or(false);
                return !(words[i].initial
                    && !next_capital
                    && gazetteer::is_function_word(words[i].text));
            }
            let before = i > 0 && capital[i - 1] || i > 1 && capital[i - 2] && connector(i - 1);
            let after = capital.get(i + 1).copied().unwrap_or(false)
                || (capital.get(i + 2).copied().unwrap_or(false) && connector(i + 1));
            before && after && connector(i)
        })
        .collect()
}

/// Whether a capitalised `word` may be (part of) a name even where every
/// word has a capital: not a function word, and either no common English
/// word or a listed place or organisation ("Ohio", "FBI", "Clinton"; not
/// "Says").
fn may_name_on_its_own(word: &str) -> bool {
    !gazetteer::is_function_word(word)
        && (!gazetteer::is_dictionary_word(word)
            || gazetteer::place(word).is_some()
            || gazetteer::organisation(word).is_some())
}

/// The words an article capitalises inside sentences of prose (not
/// opening them, and not in headlines in capitals or title case):
/// "Trump" in "said Mr Trump", never "Says". In a title-case headline
/// they tell the names from the words capitalised for the headline. Found
/// on the first question: most articles have no such headline and never
/// ask.
pub(crate) struct ProseNames<'w, 'a> {
    sentences: &'w super::tokens::SentenceWords<'a>,
    names: std::cell::OnceCell<HashSet<&'a str>>,
    /// The ways of writing a headline in title case that count.
    styles: super::caps::TitleCase,
}

impl<'w, 'a> ProseNames<'w, 'a> {
    /// The prose names of the article whose words are `sentences`, with
    /// headlines in title case written in one of the ways of `styles`.
    ///
    /// The analysis knows the AP's style too; the tagger's training data
    /// is read without it, as the committed tagger was trained: reading
    /// CoNLL-2003's lines so changes its training, and the tagger
    /// retrained so scored 0.3 higher on CoNLL dev but made about 8 more
    /// wrong rows on the BBC articles.
    pub(crate) fn new(
        sentences: &'w super::tokens::SentenceWords<'a>,
        styles: super::caps::TitleCase,
    ) -> Self {
        ProseNames {
            sentences,
            names: std::cell::OnceCell::new(),
            styles,
        }
    }

    /// Whether the article capitalises `word` in its prose.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.names
            .get_or_init(|| {
                let mut names = HashSet::default();
                // One list for every sentence's capitals, refilled.
                let mut capital: Vec<bool> = Vec::new();
                for k in 0..self.sentences.len() {
                    let words = self.sentences.get(k);
                    capital.clear();
                    capital.extend(words.iter().map(|w| w.capital));
                    if super::caps::is_headline_capitalised(words, &capital, self.styles) {
                        continue;
                    }
                    let inside = words
                        .iter()
                        .zip(&capital)
                        .filter(|(w, c)| **c && !w.initial);
                    names.extend(inside.map(|(w, _)| w.text));
                }
                names
            })
            .contains(word)
    }
}

/// The word's shape with runs collapsed: "Xx", "X.X.", "d", "Xx-Xx", "xXx".
/// Built on the stack: shapes are made for every word near a candidate.
fn shape(word: &str) -> Shape {
    if word.is_ascii() {
        return ascii_shape(word.as_bytes());
    }
    let mut out = Shape::default();
    let mut last = None;
    for c in word.chars().take(12) {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if last != Some(s) {
            out.push(s);
            last = Some(s);
        }
    }
    out
}

/// [`shape`] of an ASCII word (nearly every word), byte by byte: the
/// same classes without decoding characters or Unicode tables.
fn ascii_shape(word: &[u8]) -> Shape {
    let mut out = Shape::default();
    let mut last = 0u8;
    for &b in word.iter().take(12) {
        let s = match b {
            b'A'..=b'Z' => b'X',
            b'a'..=b'z' => b'x',
            b'0'..=b'9' => b'd',
            _ => b,
        };
        if out.len == 0 || last != s {
            if let Some(slot) = out.bytes.get_mut(out.len) {
                *slot = s;
                out.len += 1;
            }
            last = s;
        }
    }
    out
}

/// A word shape: at most 12 characters of at most 4 bytes each.
#[derive(Debug, Clone, Copy)]
struct Shape {
    bytes: [u8; 48],
    len: usize,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            bytes: [0; 48],
            len: 0,
        }
    }
}

impl Shape {
    fn push(&mut self, c: char) {
        let mut buf = [0u8; 4];
        let encoded = c.encode_utf8(&mut buf).as_bytes();
        if let Some(slot) = self.bytes.get_mut(self.len..self.len + encoded.len()) {
            slot.copy_from_slice(encoded);
            self.len += encoded.len();
        }
    }

    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }
}

impl PartialEq<&str> for Shape {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

/// The last character of the text between two words other than a space,
/// as a short feature value: `^` at the start, `_` for plain spaces.
fn gap_mark(text: &str, from: Option<usize>, to: usize) -> char {
    let Some(from) = from else {
        return '^';
    };
    let gap = text.get(from..to).unwrap_or("");
    if gap == " " {
        return '_';
    }
    match gap.trim_matches(char::is_whitespace).chars().next_back() {
        None if gap.contains('\n') => '\n',
        None => '_',
        Some(c) => c,
    }
}

/// What the word lists and gazetteers say of the words and names of one
/// text, looked up once per distinct form: an article repeats its names
/// and words, and each look-up tries a dozen lists.
#[derive(Default)]
pub(crate) struct Lookups<'a> {
    /// What is known of each word form near a candidate.
    forms: HashMap<&'a str, FormLookups>,
    /// [`lookup`] of a single word.
    listed: HashMap<&'a str, Option<&'static [&'static str; 4]>>,
}

/// The look-ups of one word form, each made when first needed.
#[derive(Default)]
struct FormLookups {
    /// [`lexicon_bits`] found, and which lists were tried (a word seen
    /// only near candidates needs only the [`NEIGHBOUR_FLAGS`] lists, and
    /// most words are such neighbours).
    found: u16,
    tried: u16,
    /// [`Clusters::of`], once asked for (a word right beside a candidate).
    clusters: Option<Option<&'static [u8]>>,
}

impl FormLookups {
    /// [`lexicon_bits`]`(word, mask)`, `word` being this form.
    fn bits(&mut self, word: &str, mask: u16) -> u16 {
        let missing = mask & !self.tried;
        if missing != 0 {
            self.found |= lexicon_bits(word, missing);
            self.tried |= missing;
        }
        self.found & mask
    }

    /// `clusters.of(word)`, `word` being this form.
    fn clusters(&mut self, clusters: &Clusters, word: &str) -> Option<&'static [u8]> {
        *self.clusters.get_or_insert_with(|| clusters.of(word))
    }
}

impl<'a> Lookups<'a> {
    /// [`lexicon_bits`]`(word, mask)`.
    fn bits(&mut self, word: &'a str, mask: u16) -> u16 {
        self.forms.entry(word).or_default().bits(word, mask)
    }

    /// [`lookup`]`(name)`.
    fn listed(&mut self, name: &'a str) -> Option<&'static [&'static str; 4]> {
        *self.listed.entry(name).or_insert_with(|| lookup(name))
    }
}

/// Appends the features of word `i` of `sentence` that a reason can name
/// (see [`super::reason::explain`]): its word lists, its neighbours' and
/// its gazetteer `marks` (of [`gazetteer_marks_with`]). A part of
/// [`SentenceContext::word_into`]'s, so that explaining a name needs
/// neither the whole context of its sentence nor all its features again;
/// nothing when the word is no candidate (or past the end).
pub(crate) fn readable_into<'a>(
    sentence: &Sentence<'a>,
    marks: &[Vec<&'static str>],
    lookups: &mut Lookups<'a>,
    i: usize,
    f: &mut FeatureIds,
) {
    let words = &sentence.words;
    if !sentence.candidate.get(i).copied().unwrap_or(false) {
        return;
    }
    let (Some(word), Some(marks)) = (words.get(i), marks.get(i)) else {
        return;
    };
    if let Some(before) = i.checked_sub(1).and_then(|k| words.get(k)) {
        let bits = lookups.bits(before.text, NEIGHBOUR_FLAGS);
        push_flags(bits, NEIGHBOUR_FLAGS, &const { flag_ids("-1") }, f);
    }
    if let Some(after) = words.get(i + 1) {
        let bits = lookups.bits(after.text, NEIGHBOUR_FLAGS);
        push_flags(bits, NEIGHBOUR_FLAGS, &const { flag_ids("+1") }, f);
    }
    let bits = lookups.bits(word.text, OWN_FLAGS);
    push_flags(bits, OWN_FLAGS, &const { flag_ids("lex") }, f);
    for m in marks {
        f.push(mark_feature(const { Hasher::new("gaz") }, m));
    }
}

/// The feature of gazetteer mark `m` under a template's started `hasher`.
fn mark_feature(hasher: Hasher, m: &str) -> u64 {
    hasher.bytes(m.as_bytes()).finish()
}

/// Gazetteer positions of the words of `sentence`: per word, the labels of
/// the listed names covering it (`"country|B"`, `"org|U"`, …).
#[cfg(test)]
pub(crate) fn gazetteer_marks(text: &str, sentence: &Sentence<'_>) -> Vec<Vec<&'static str>> {
    gazetteer_marks_with(text, sentence, &mut Lookups::default())
}

/// Gazetteer positions of the words of `sentence`: per word, the labels of
/// the listed names covering it (`"country|B"`, `"org|U"`, …), with
/// look-ups remembered in `lookups`.
pub(crate) fn gazetteer_marks_with<'a, 's: 'a>(
    text: &'a str,
    sentence: &Sentence<'s>,
    lookups: &mut Lookups<'a>,
) -> Vec<Vec<&'static str>> {
    let mut marks = Vec::new();
    gazetteer_marks_into(text, sentence, lookups, &mut marks);
    marks
}

/// [`gazetteer_marks_with`] into `marks` (one list per word, emptied
/// first), whose lists are reused from sentence to sentence.
fn gazetteer_marks_into<'a, 's: 'a>(
    text: &'a str,
    sentence: &Sentence<'s>,
    lookups: &mut Lookups<'a>,
    marks: &mut Vec<Vec<&'static str>>,
) {
    let words = &sentence.words;
    for list in marks.iter_mut() {
        list.clear();
    }
    marks.resize_with(words.len(), Vec::new);
    let mut mark = |range: Range<usize>, what: &'static [&'static str; 4]| {
        let len = range.len();
        for (k, i) in range.enumerate() {
            let m = match (len, k) {
                (1, _) => what[3],
                (_, 0) => what[0],
                (_, k) if k + 1 == len => what[2],
                _ => what[1],
            };
            if let Some(v) = marks.get_mut(i) {
                v.push(m);
            }
        }
    };
    if sentence.caps_line {
        let start = words.first().map_or(0, |w| w.span.start);
        let end = words.last().map_or(0, |w| w.span.end);
        let Some(line) = text.get(start..end) else {
            return;
        };
        for (range, listed) in gazetteer::find_ignoring_case(line) {
            let (a, b) = (range.start + start, range.end + start);
            let first = words.partition_point(|w| w.span.end <= a);
            let after = words.partition_point(|w| w.span.start < b);
            if first < after {
                mark(first..after, listed_marks(listed));
            }
        }
        return;
    }
    let mut i = 0;
    while i < words.len() {
        if !sentence.candidate[i] || !words[i].capital {
            i += 1;
            continue;
        }
        let mut found = None;
        // Most capitalised words open no listed name of several words:
        // one look-up instead of up to three of each run.
        let longest = if gazetteer::opens_listed_name(words[i].text) {
            4
        } else {
            1
        };
        for len in (1..=longest).rev() {
            let j = i + len;
            if j > words.len() || !(i + 1..j).all(|k| joined(words, k)) {
                continue;
            }
            let Some(name) = text.get(words[i].span.start..words[j - 1].span.end) else {
                continue;
            };
            // Single words repeat through an article; longer runs seldom
            // do, and remembering them all would cost megabytes.
            let what = if len == 1 {
                lookups.listed(name)
            } else {
                lookup(name)
            };
            if let Some(what) = what {
                found = Some((j, what));
                break;
            }
        }
        match found {
            Some((j, what)) => {
                mark(i..j, what);
                i = j;
            }
            None => i += 1,
        }
    }
}

/// Whether word `k` continues the name of the word before it: a space or
/// hyphen between them and no possessive before.
fn joined(words: &[Word<'_>], k: usize) -> bool {
    let before = k.checked_sub(1).and_then(|b| words.get(b));
    words.get(k).is_some_and(|w| {
        matches!(w.gap, Gap::Space | Gap::Hyphen) && before.is_some_and(|b| !b.possessive)
    })
}

const COUNTRY: [&str; 4] = ["country|B", "country|I", "country|L", "country|U"];
const CITY: [&str; 4] = ["city|B", "city|I", "city|L", "city|U"];
const REGION: [&str; 4] = ["region|B", "region|I", "region|L", "region|U"];
const TOWN: [&str; 4] = ["town|B", "town|I", "town|L", "town|U"];
const ORG: [&str; 4] = ["org|B", "org|I", "org|L", "org|U"];
const DEMONYM: [&str; 4] = ["demonym|B", "demonym|I", "demonym|L", "demonym|U"];

fn place_marks(kind: PlaceKind) -> &'static [&'static str; 4] {
    match kind {
        PlaceKind::Country => &COUNTRY,
        PlaceKind::City => &CITY,
        PlaceKind::Region => &REGION,
        PlaceKind::Town => &TOWN,
    }
}

fn listed_marks(listed: Listed) -> &'static [&'static str; 4] {
    match listed {
        Listed::Place(_, kind) => place_marks(kind),
        Listed::Organisation(_) => &ORG,
        Listed::Demonym(_) => &DEMONYM,
    }
}

/// What the gazetteers say `name` is, places first.
fn lookup(name: &str) -> Option<&'static [&'static str; 4]> {
    if let Some((_, kind)) = gazetteer::place_entry(name) {
        return Some(place_marks(kind));
    }
    if gazetteer::organisation(name).is_some() {
        return Some(&ORG);
    }
    gazetteer::is_demonym(name).then_some(&DEMONYM)
}

/// Names of the word-list flags, in bit order (see [`lexicon_bits`]).
const FLAGS: [&str; 12] = [
    "first-name",
    "last-name",
    "common-word",
    "title",
    "title-modifier",
    "org-cue",
    "event-cue",
    "place-cue",
    "calendar",
    "function-word",
    "common-acronym",
    "said",
];
/// The one level of a neighbour's clusters the tagger reads (256 classes):
/// all three cost 8% more time and scored 0.2 points lower on CoNLL dev.
const NEIGHBOUR_LEVEL: Range<usize> = 1..2;

/// Flags of the word itself: every list but reporting verbs.
const OWN_FLAGS: u16 = (1 << 11) - 1;
/// Flags of a neighbouring word: titles before, reporting verbs after,
/// organisation cues, given names.
const NEIGHBOUR_FLAGS: u16 = 1 << 3 | 1 << 11 | 1 << 5 | 1;

/// Which of the word lists in `mask` hold `word`, one bit per entry of
/// [`FLAGS`].
fn lexicon_bits(word: &str, mask: u16) -> u16 {
    let tests: [fn(&str) -> bool; 12] = [
        gazetteer::is_first_name,
        gazetteer::is_last_name,
        gazetteer::is_common_word,
        gazetteer::is_title,
        gazetteer::is_title_modifier,
        gazetteer::is_organisation_cue,
        gazetteer::is_event_cue,
        gazetteer::is_place_cue,
        gazetteer::is_calendar_word,
        gazetteer::is_function_word,
        gazetteer::is_common_acronym,
        gazetteer::is_reporting_verb,
    ];
    let mut bits = 0;
    for (k, test) in tests.iter().enumerate() {
        if mask & (1 << k) != 0 && test(word) {
            bits |= 1 << k;
        }
    }
    bits
}

/// The feature `PREFIX|flag` of the word-list flag `name` (an entry of
/// [`FLAGS`]) of the word that `prefix` names (`"lex"` the word itself,
/// `"-1"` the one before…).
pub(crate) const fn flag_feature(prefix: &str, name: &str) -> u64 {
    Hasher::new(prefix).bytes(name.as_bytes()).finish()
}

/// [`flag_feature`] of every entry of [`FLAGS`], in bit order; callers
/// take them as `const { flag_ids("-1") }`.
const fn flag_ids(prefix: &str) -> [u64; FLAGS.len()] {
    let mut ids = [0; FLAGS.len()];
    let mut k = 0;
    while k < FLAGS.len() {
        ids[k] = flag_feature(prefix, FLAGS[k]);
        k += 1;
    }
    ids
}

/// Pushes the feature of `ids` (see [`flag_ids`]) for each bit of
/// `bits & mask`.
fn push_flags(bits: u16, mask: u16, ids: &[u64; FLAGS.len()], out: &mut FeatureIds) {
    for (k, id) in ids.iter().enumerate() {
        if bits & mask & (1 << k) != 0 {
            out.push(*id);
        }
    }
}

/// The local features of every candidate word of `sentence` (an empty list
/// for the others), in word order.
pub fn local(text: &str, sentence: &Sentence<'_>) -> Vec<FeatureIds> {
    let mut out = vec![Vec::new(); sentence.candidate.len()];
    if !sentence.candidate.iter().any(|c| *c) {
        return out;
    }
    let mut lookups = Lookups::default();
    let context = SentenceContext::new(text, sentence, &mut lookups);
    for (i, features) in out.iter_mut().enumerate() {
        context.word_into(i, features);
    }
    out
}

/// Makes `list` hold `len` copies of `value`, in the room it already has.
fn refill<T: Clone>(list: &mut Vec<T>, len: usize, value: T) {
    list.clear();
    list.resize(len, value);
}

/// What the local features of a sentence's words are computed from, worked
/// out once per sentence: the gazetteer marks of every word, and the shapes
/// and word lists of every word near a candidate. Built for pass one's
/// sentences, and for the sentences whose names are explained, where only
/// the words of those names need their features again.
pub(crate) struct SentenceContext<'c, 's> {
    text: &'c str,
    sentence: &'c Sentence<'s>,
    marks: Vec<Vec<&'static str>>,
    shapes: Vec<Shape>,
    bits: Vec<u16>,
    /// The embedded word clusters.
    clusters: Clusters,
    /// The clusters of every word right before or after a candidate (see
    /// [`Clusters::of`]), `None` for the others and for words too rare to
    /// have them. A candidate's own are looked up once per word form.
    neighbour_clusters: Vec<Option<&'static [u8]>>,
}

/// The per-word lists of a [`SentenceContext`], handed from one sentence's
/// context to the next (see [`SentenceContext::into_buffers`]) so that a
/// long text does not allocate them for every sentence.
#[derive(Default)]
pub(crate) struct ContextBuffers {
    marks: Vec<Vec<&'static str>>,
    shapes: Vec<Shape>,
    bits: Vec<u16>,
    neighbour_clusters: Vec<Option<&'static [u8]>>,
}

impl<'c, 's: 'c> SentenceContext<'c, 's> {
    /// The context of `sentence` (words of `text`), with look-ups
    /// remembered in `lookups`.
    pub(crate) fn new<'a>(
        text: &'a str,
        sentence: &'c Sentence<'s>,
        lookups: &mut Lookups<'a>,
    ) -> Self
    where
        's: 'a,
        'a: 'c,
    {
        Self::new_in(text, sentence, lookups, ContextBuffers::default())
    }

    /// [`SentenceContext::new`] in the lists of `buffers`, whatever they
    /// held before.
    pub(crate) fn new_in<'a>(
        text: &'a str,
        sentence: &'c Sentence<'s>,
        lookups: &mut Lookups<'a>,
        buffers: ContextBuffers,
    ) -> Self
    where
        's: 'a,
        'a: 'c,
    {
        let words = &sentence.words;
        let ContextBuffers {
            mut marks,
            mut shapes,
            mut bits,
            mut neighbour_clusters,
        } = buffers;
        gazetteer_marks_into(text, sentence, lookups, &mut marks);
        let clusters = Clusters::embedded();
        // Shapes, word lists and neighbours' clusters of every word near a
        // candidate, computed once (the look-ups once per word form: one
        // hash of the word for all of them).
        refill(&mut shapes, words.len(), Shape::default());
        refill(&mut bits, words.len(), 0);
        refill(&mut neighbour_clusters, words.len(), None);
        let candidate =
            |k: Option<usize>| k.is_some_and(|k| sentence.candidate.get(k) == Some(&true));
        for (i, word) in words.iter().enumerate() {
            let near = (i.saturating_sub(2)..=i + 2).any(|k| candidate(Some(k)));
            if !near {
                continue;
            }
            shapes[i] = shape(word.text);
            let form = lookups.forms.entry(word.text).or_default();
            bits[i] = if candidate(Some(i)) {
                form.bits(word.text, OWN_FLAGS | NEIGHBOUR_FLAGS)
            } else {
                form.bits(word.text, NEIGHBOUR_FLAGS)
            };
            if candidate(i.checked_sub(1)) || candidate(Some(i + 1)) {
                neighbour_clusters[i] = form.clusters(&clusters, word.text);
            }
        }
        SentenceContext {
            text,
            sentence,
            marks,
            shapes,
            bits,
            clusters,
            neighbour_clusters,
        }
    }

    /// [`shape_hash`] of word `i`, from the shape worked out for its
    /// features; 0 for a word near no candidate, which has none.
    pub(crate) fn shape_hash(&self, i: usize) -> u64 {
        self.shapes.get(i).map_or(0, |shape| {
            const { Hasher::new("") }.bytes(shape.as_bytes()).finish()
        })
    }

    /// The context's lists, for the next sentence's
    /// [`SentenceContext::new_in`].
    pub(crate) fn into_buffers(self) -> ContextBuffers {
        ContextBuffers {
            marks: self.marks,
            shapes: self.shapes,
            bits: self.bits,
            neighbour_clusters: self.neighbour_clusters,
        }
    }

    /// Appends the local features of word `i` to `f`; nothing when the
    /// word is no candidate (or past the end).
    pub(crate) fn word_into(&self, i: usize, f: &mut FeatureIds) {
        self.form_into(i, f);
        self.context_into(i, f);
    }

    /// Appends the first of word `i`'s local features: those that depend
    /// on the word's text and the sentence's [`Sentence::caps_line`] alone
    /// (bias, word, lower case, shape, affixes), the same wherever the
    /// word is repeated, so that a caller may keep them per word form.
    /// Nothing when the word is no candidate (or past the end).
    pub(crate) fn form_into(&self, i: usize, f: &mut FeatureIds) {
        let sentence = self.sentence;
        let (Some(w), Some(shape)) = (sentence.words.get(i), self.shapes.get(i)) else {
            return;
        };
        if !sentence.candidate.get(i).copied().unwrap_or(false) {
            return;
        }
        let sh = shape.as_bytes();
        let caps = if sentence.caps_line { "C" } else { "c" };
        f.push(const { flag("bias") });
        f.push(const { Hasher::new("w") }.bytes(w.text.as_bytes()).finish());
        f.push(const { Hasher::new("lw") }.lower(w.text).finish());
        f.push(const { Hasher::new("shape") }.bytes(sh).finish());
        f.push(
            const { Hasher::new("shape|caps") }
                .bytes(sh)
                .bytes(caps.as_bytes())
                .finish(),
        );
        push_affixes(w.text, f);
        let own = self.clusters.of(w.text);
        self.push_clusters(
            const { Hasher::new("cl") },
            own,
            0..self.clusters.levels(),
            f,
        );
    }

    /// Appends a feature `TEMPLATE|level|cluster` for each of `levels` of
    /// a word's `clusters` (see [`super::clusters`]), or `TEMPLATE|none`
    /// for a word too rare to have them.
    fn push_clusters(
        &self,
        template: Hasher,
        clusters: Option<&[u8]>,
        levels: Range<usize>,
        f: &mut FeatureIds,
    ) {
        match clusters {
            Some(ids) => {
                for level in levels {
                    if let Some(id) = ids.get(level * 2..level * 2 + 2) {
                        f.push(template.byte(level as u8).bytes(id).finish());
                    }
                }
            }
            None if self.clusters.levels() > 0 => {
                f.push(template.byte(0xfe).finish());
            }
            None => {}
        }
    }

    /// Appends the rest of word `i`'s local features, after
    /// [`SentenceContext::form_into`]'s: neighbours, punctuation, place in
    /// the sentence, word lists and gazetteers.
    pub(crate) fn context_into(&self, i: usize, f: &mut FeatureIds) {
        let SentenceContext {
            text,
            sentence,
            marks,
            shapes,
            bits,
            ..
        } = self;
        let words = &sentence.words;
        if !sentence.candidate.get(i).copied().unwrap_or(false) {
            return;
        }
        let w = &words[i];
        let sh = shapes[i].as_bytes();
        // Neighbours: words two either side, in lower case.
        const NEIGHBOURS: [(isize, Hasher, u64); 4] = [
            (-2, Hasher::new("w-2"), flag("w-|^")),
            (-1, Hasher::new("w-1"), flag("w-|^")),
            (1, Hasher::new("w+1"), flag("w+|$")),
            (2, Hasher::new("w+2"), flag("w+|$")),
        ];
        for (d, hasher, edge) in NEIGHBOURS {
            let k = i as isize + d;
            let value = usize::try_from(k).ok().and_then(|k| words.get(k));
            f.push(match value {
                Some(n) => hasher.lower(n.text).finish(),
                None => edge,
            });
        }
        let prev = i.checked_sub(1).and_then(|k| words.get(k));
        let next = words.get(i + 1);
        if let Some(p) = prev {
            f.push(
                const { Hasher::new("w-1|w") }
                    .lower(p.text)
                    .byte(b' ')
                    .lower(w.text)
                    .finish(),
            );
            f.push(
                const { Hasher::new("sh-1|sh") }
                    .bytes(shapes[i - 1].as_bytes())
                    .byte(b' ')
                    .bytes(sh)
                    .finish(),
            );
            push_flags(bits[i - 1], NEIGHBOUR_FLAGS, &const { flag_ids("-1") }, f);
            self.push_clusters(
                const { Hasher::new("cl-1") },
                self.neighbour_clusters[i - 1],
                NEIGHBOUR_LEVEL,
                f,
            );
            if p.possessive {
                f.push(const { flag("-1|possessive") });
            }
        }
        if i >= 2 {
            push_flags(bits[i - 2], NEIGHBOUR_FLAGS, &const { flag_ids("-2") }, f);
            f.push(
                const { Hasher::new("sh-2") }
                    .bytes(shapes[i - 2].as_bytes())
                    .finish(),
            );
        }
        if let Some(n) = next {
            f.push(
                const { Hasher::new("w|w+1") }
                    .lower(w.text)
                    .byte(b' ')
                    .lower(n.text)
                    .finish(),
            );
            f.push(
                const { Hasher::new("sh|sh+1") }
                    .bytes(sh)
                    .byte(b' ')
                    .bytes(shapes[i + 1].as_bytes())
                    .finish(),
            );
            push_flags(bits[i + 1], NEIGHBOUR_FLAGS, &const { flag_ids("+1") }, f);
            self.push_clusters(
                const { Hasher::new("cl+1") },
                self.neighbour_clusters[i + 1],
                NEIGHBOUR_LEVEL,
                f,
            );
        }
        if i + 2 < words.len() {
            push_flags(bits[i + 2], NEIGHBOUR_FLAGS, &const { flag_ids("+2") }, f);
            f.push(
                const { Hasher::new("sh+2") }
                    .bytes(shapes[i + 2].as_bytes())
                    .finish(),
            );
        }
        // Punctuation around the word, which the word list leaves out.
        let before = gap_mark(text, prev.map(|p| p.span.end), w.span.start);
        let after = match next {
            Some(n) => gap_mark(text, Some(w.span.end), n.span.start),
            None => '$',
        };
        let mut buf = [0u8; 4];
        let before = &*before.encode_utf8(&mut buf);
        f.push(
            const { Hasher::new("gap-") }
                .bytes(before.as_bytes())
                .finish(),
        );
        f.push(
            const { Hasher::new("gap-|shape") }
                .bytes(before.as_bytes())
                .byte(b' ')
                .bytes(sh)
                .finish(),
        );
        f.push(
            const { Hasher::new("gap+") }
                .bytes(after.encode_utf8(&mut buf).as_bytes())
                .finish(),
        );
        if w.possessive {
            f.push(const { flag("possessive") });
        }
        if w.initial {
            f.push(const { flag("initial") });
            f.push(const { Hasher::new("initial|lw") }.lower(w.text).finish());
        }
        if i == 0 {
            f.push(const { flag("first-word") });
        }
        if sentence.caps_line {
            f.push(const { flag("caps-line") });
        }
        // Sports results: "Leeds 2 Chelsea 1" names teams, not towns.
        let setting = match (sentence.table_line, sentence.table_document) {
            (true, _) => Some(const { Hasher::new("table-line") }),
            (false, true) => Some(const { Hasher::new("table-document") }),
            (false, false) => None,
        };
        if let Some(setting) = setting {
            f.push(setting.finish());
            f.push(setting.bytes(sh).finish());
            for m in &marks[i] {
                f.push(mark_feature(setting, m));
            }
        }
        push_flags(bits[i], OWN_FLAGS, &const { flag_ids("lex") }, f);
        if sentence.caps_line && w.text.chars().all(|c| !c.is_lowercase()) {
            // "SMITH": look the word up as a name would be written in prose.
            let title = title_case(w.text);
            push_flags(
                lexicon_bits(&title, OWN_FLAGS),
                OWN_FLAGS,
                &const { flag_ids("lex-caps") },
                f,
            );
        }
        for m in &marks[i] {
            f.push(mark_feature(const { Hasher::new("gaz") }, m));
        }
        if prev.is_some() {
            for m in &marks[i - 1] {
                f.push(mark_feature(const { Hasher::new("gaz-1") }, m));
            }
        }
        if next.is_some() {
            for m in &marks[i + 1] {
                f.push(mark_feature(const { Hasher::new("gaz+1") }, m));
            }
        }
    }
}

/// The word's 1–4 letter prefixes and suffixes in lower case, for words
/// longer than the affix. ASCII words (nearly all) need no lower-case copy.
fn push_affixes(word: &str, f: &mut FeatureIds) {
    const PREFIXES: [Hasher; 4] = [
        Hasher::new("p1"),
        Hasher::new("p2"),
        Hasher::new("p3"),
        Hasher::new("p4"),
    ];
    const SUFFIXES: [Hasher; 4] = [
        Hasher::new("s1"),
        Hasher::new("s2"),
        Hasher::new("s3"),
        Hasher::new("s4"),
    ];
    if word.is_ascii() {
        let n = word.len();
        for k in 1..=4usize.min(n.saturating_sub(1)) {
            let (prefix, suffix) = (word.get(..k), word.get(n - k..));
            f.push(PREFIXES[k - 1].lower(prefix.unwrap_or("")).finish());
            f.push(SUFFIXES[k - 1].lower(suffix.unwrap_or("")).finish());
        }
        return;
    }
    let lower = word.to_lowercase();
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    for k in 1..=4 {
        if chars.len() > k {
            let cut = chars[k].0;
            let prefix = lower.get(..cut).unwrap_or("");
            f.push(PREFIXES[k - 1].bytes(prefix.as_bytes()).finish());
            let cut = chars[chars.len() - k].0;
            let suffix = lower.get(cut..).unwrap_or("");
            f.push(SUFFIXES[k - 1].bytes(suffix.as_bytes()).finish());
        }
    }
}

/// Every word of `text` (words split at single spaces) in title case:
/// "NEW YORK" → "New York", to look up a name written in capitals.
pub(crate) fn title_case_words(text: &str) -> String {
    let titled: Vec<String> = text.split(' ').map(title_case).collect();
    titled.join(" ")
}

/// "SMITH" → "Smith".
pub(crate) fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for (k, c) in word.chars().enumerate() {
        if k == 0 {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Label-history features of a word: the previous one and two labels
/// (indices, see [`super::labels::Label::index`]) and the previous label
/// with the word's shape.
pub fn history(previous: usize, before_previous: usize, word_shape_hash: u64) -> [u64; 3] {
    let p = previous as u8;
    let pp = before_previous as u8;
    [
        const { Hasher::new("p1") }.byte(p).finish(),
        const { Hasher::new("p2p1") }.byte(pp).byte(p).finish(),
        const { Hasher::new("p1|shape") }
            .byte(p)
            .bytes(&word_shape_hash.to_le_bytes())
            .finish(),
    ]
}

/// A short hash of a word's shape, for [`history`].
pub fn shape_hash(word: &str) -> u64 {
    const { Hasher::new("") }
        .bytes(shape(word).as_bytes())
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> Sentence<'_> {
        Sentence::new(text, 0..text.len(), false)
    }

    #[test]
    fn a_context_in_reused_buffers_gives_the_features_of_a_new_one() {
        // A long sentence with gazetteer names first, so that the shorter
        // ones after it would read its leftovers if any were kept.
        let texts = [
            "London and New York welcome Mr Smith of the Labour Party , said John Wood .",
            "Angela Merkel visited Paris .",
            "PARIS 1 LYON 2",
        ];
        let mut buffers = ContextBuffers::default();
        let mut lookups = Lookups::default();
        for text in texts {
            let s = sentence(text);
            let fresh = SentenceContext::new(text, &s, &mut Lookups::default());
            let reused = SentenceContext::new_in(text, &s, &mut lookups, buffers);
            for i in 0..s.words.len() {
                let (mut expected, mut got) = (Vec::new(), Vec::new());
                fresh.word_into(i, &mut expected);
                reused.word_into(i, &mut got);
                assert_eq!(got, expected, "{text:?} word {i}");
            }
            buffers = reused.into_buffers();
        }
        assert_eq!(buffers.marks.len(), sentence(texts[2]).words.len());
        assert!(buffers.shapes.capacity() >= sentence(texts[0]).words.len());
    }

    #[test]
    fn readable_features_are_some_of_the_local_features() {
        let text = "Mr Smith of the Labour Party told the BBC in London , said John Wood .";
        let s = sentence(text);
        let context = SentenceContext::new(text, &s, &mut Lookups::default());
        let mut lookups = Lookups::default();
        let marks = gazetteer_marks_with(text, &s, &mut lookups);
        let mut named = 0;
        for i in 0..s.words.len() {
            let (mut all, mut readable) = (Vec::new(), Vec::new());
            context.word_into(i, &mut all);
            readable_into(&s, &marks, &mut lookups, i, &mut readable);
            assert!(readable.iter().all(|id| all.contains(id)), "word {i}");
            named += readable.len();
        }
        assert!(named > 3, "{named}");
    }

    #[test]
    fn ascii_shapes_equal_shapes_by_character() {
        let slow = |word: &str| {
            let mut out = Shape::default();
            let mut last = None;
            for c in word.chars().take(12) {
                let s = match c {
                    c if c.is_uppercase() => 'X',
                    c if c.is_lowercase() => 'x',
                    c if c.is_ascii_digit() => 'd',
                    c => c,
                };
                if last != Some(s) {
                    out.push(s);
                    last = Some(s);
                }
            }
            out.as_bytes().to_vec()
        };
        let words = [
            "",
            "a",
            "Macron",
            "U.S.",
            "1996-08-30",
            "McDonald",
            "NATO's",
            "x-Ray_2",
            "ABCDEFGHIJKLMNOP",
            "aaaaaaaaaaaaaaB",
            "12.5%",
            "O'Neill",
            "\t~",
        ];
        for word in words {
            assert_eq!(shape(word).as_bytes(), slow(word), "{word:?}");
        }
        // Every ASCII byte, alone and between letters.
        for b in 0u8..128 {
            let word = String::from_utf8(vec![b'a', b, b'Z', b]).unwrap_or_default();
            assert_eq!(shape(&word).as_bytes(), slow(&word), "{word:?}");
        }
    }

    #[test]
    fn lower_case_hashes_equal_hashes_of_the_lower_case_text() {
        for word in [
            "Macron",
            "NATO",
            "U.S.",
            "o'neill",
            "Élysée",
            "İstanbul",
            "ΣΟΦΙΑ",
            "",
        ] {
            assert_eq!(
                Hasher::new("lw").lower(word).finish(),
                feature("lw", &word.to_lowercase()),
                "{word:?}"
            );
        }
    }

    #[test]
    fn word_lists_asked_in_parts_give_what_they_give_at_once() {
        let all = OWN_FLAGS | NEIGHBOUR_FLAGS;
        let mut lookups = Lookups::default();
        for word in ["President", "said", "Bank", "John", "Monday", "the", "of"] {
            assert_eq!(
                lookups.bits(word, NEIGHBOUR_FLAGS),
                lexicon_bits(word, all) & NEIGHBOUR_FLAGS
            );
            assert_eq!(lookups.bits(word, all), lexicon_bits(word, all), "{word}");
            assert_eq!(lookups.bits(word, OWN_FLAGS), lexicon_bits(word, OWN_FLAGS));
        }
        assert_ne!(lookups.bits("President", all), 0);
        assert_ne!(lookups.bits("said", NEIGHBOUR_FLAGS), 0);
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape("Macron"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1996-08-30"), "d-d-d");
        assert_eq!(shape("McDonald"), "XxXx");
    }

    #[test]
    fn candidates_are_capitalised_words_and_connectors_between_them() {
        let text = "the Bank of England said on Monday that rates of interest rose";
        let s = sentence(text);
        let picked: Vec<&str> = s
            .words
            .iter()
            .zip(&s.candidate)
            .filter(|(_, c)| **c)
            .map(|(w, _)| w.text)
            .collect();
        assert_eq!(picked, ["Bank", "of", "England", "Monday"]);
        let text = "Ursula von der Leyen spoke of Europe";
        let s = sentence(text);
        assert_eq!(s.candidate, [true, true, true, true, false, false, true]);
    }

    #[test]
    fn gazetteer_marks_cover_the_longest_listed_name() {
        let text = "Officials in New York and the French embassy met NATO.";
        let s = sentence(text);
        let marks = gazetteer_marks(text, &s);
        let shown: Vec<(&str, Vec<&str>)> = s
            .words
            .iter()
            .map(|w| w.text)
            .zip(marks)
            .filter(|(_, m)| !m.is_empty())
            .collect();
        assert_eq!(
            shown,
            [
                ("New", vec!["region|B"]),
                ("York", vec!["region|L"]),
                ("French", vec!["demonym|U"]),
                ("NATO", vec!["org|U"]),
            ]
        );
    }

    #[test]
    fn features_are_stable_ids_and_only_for_candidates() {
        let text = "President Macron flew to Moscow.";
        let s = sentence(text);
        let f = local(text, &s);
        assert!(f[0].contains(&feature("w", "President")));
        assert!(f[1].contains(&Hasher::new("-1").bytes(b"title").finish()));
        assert!(
            f[2].is_empty() && f[3].is_empty(),
            "lower-case words are not scored"
        );
        assert!(
            f[4].contains(&feature("gaz", "city|U")) || f[4].contains(&feature("gaz", "country|U"))
        );
        // The hash is fixed: the model file depends on it.
        assert_ne!(feature("w", "Macron"), feature("lw", "Macron"));
        // The hash is part of the model file's format: it must never change.
        // FNV-1a of "w", 0xff, "Macron", then the murmur3 finaliser.
        assert_eq!(feature("w", "Macron"), 0xd165_5805_fc23_f77e);
    }
}
