//! Analysis: pure functions from a [`Document`] to what it mentions and quotes.
//!
//! No I/O, no terminal. Every span is a byte range into [`Document::text`],
//! end-exclusive. [`analyse`] runs the three passes in order — sentences,
//! named entities, quotations (whose speakers are found among the entities) —
//! and reports its progress so the UI can show it for long articles.

mod breaks;
pub mod checkworthy;
pub mod entities;
mod gazetteer;
mod normalize;
pub mod quotes;
mod sections;
pub mod sentences;

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use serde::{Deserialize, Serialize};

use crate::document::Document;
pub use quotes::SpeakerEvidence;

/// The type of a named entity, as the panel groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person ("Emmanuel Macron").
    Person,
    /// A place: country, city, region, continent ("Ukraine", "Moscow").
    Place,
    /// An organisation: institution, company, party, news outlet ("NATO", "the Kremlin").
    Organisation,
    /// Anything else worth marking, such as demonyms ("French", "Soviet").
    Misc,
}

impl EntityKind {
    /// All kinds, in the order the side panel shows them.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Organisation,
        EntityKind::Misc,
    ];

    /// Lower-case name as written in files and theme scopes (`person`, `place`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organisation => "organisation",
            EntityKind::Misc => "misc",
        }
    }
}

/// One named entity and every place the article mentions it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Stable id derived from the canonical name (`emmanuel-macron`), unique
    /// within one analysis, so files diff well when the recogniser changes.
    pub id: String,
    /// The entity's type.
    pub kind: EntityKind,
    /// Canonical name: the fullest form the article uses ("Emmanuel Macron").
    pub name: String,
    /// Byte ranges of its mentions, sorted, non-overlapping. Titles are outside
    /// ("President" is not part of a mention); possessive `'s` is outside too.
    pub mentions: Vec<Range<usize>>,
    /// Why the entity has its kind, from its first mention: the strongest
    /// evidence the tagger weighed (`title "President" + given name`), or
    /// the reader's correction. Shown, never parsed.
    pub reason: entities::reason::Reason,
}

#[cfg(test)]
impl Entity {
    /// An entity named `name` with `mentions` three-byte mentions 10 bytes
    /// apart, for tests of the panels that list entities.
    pub(crate) fn with_mentions(name: &str, kind: EntityKind, mentions: usize) -> Self {
        Self {
            id: name.to_lowercase(),
            kind,
            name: name.to_owned(),
            mentions: (0..mentions).map(|i| i * 10..i * 10 + 3).collect(),
            reason: entities::reason::Reason::default(),
        }
    }
}

/// What a quotation is used for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Someone's words, reported as they said or wrote them.
    #[default]
    Speech,
    /// Scare quotes: a term, title or nickname set off by marks (the
    /// so-called “peace plan”, a "new balance"), not a report of speech.
    Scare,
}

impl QuoteKind {
    /// Lower-case name as written in files (`speech`, `scare`).
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Speech => "speech",
            QuoteKind::Scare => "scare",
        }
    }
}

/// One quotation: the quoted words and who said them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// Byte range including the opening and closing marks (or up to the end of
    /// the paragraph when the quotation is never closed). A quotation that
    /// runs over several paragraphs (each re-opened with a mark, only the last
    /// closed) is one span from the first opening mark to the closing mark.
    pub span: Range<usize>,
    /// Index into [`Analysis::entities`] of the person the text says spoke
    /// these words, when it says so.
    pub speaker: Option<usize>,
    /// Speech or scare quotes.
    pub kind: QuoteKind,
    /// Index into [`Analysis::quotations`] of the quotation this one is
    /// nested in (“… ‘inner’ …”), `None` for an outermost quotation.
    pub parent: Option<usize>,
    /// Whether no closing mark was found: the span then ends with the last
    /// paragraph the quotation reaches.
    pub unclosed: bool,
    /// The words naming the speaker when they name no person entity
    /// ("a spokesman", "the Conservative leader", "officials"); `None` when
    /// `speaker` is set or nobody is named.
    pub speaker_text: Option<String>,
    /// How the speaker (entity or words) was found.
    pub evidence: SpeakerEvidence,
}

/// Everything [`analyse`] finds in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Sentences as byte ranges, in order, never crossing a paragraph, trimmed.
    pub sentences: Vec<Range<usize>>,
    /// Named entities in order of first mention.
    pub entities: Vec<Entity>,
    /// Quotations in reading order: sorted by start, an enclosing quotation
    /// before the ones nested in it.
    pub quotations: Vec<Quotation>,
    /// Every sentence scored for check-worthiness, in text order (see
    /// [`checkworthy`]).
    pub suggestions: Vec<checkworthy::Suggestion>,
}

impl Analysis {
    /// Who said `quotation` as the text has it: the speaker entity's name, or
    /// the phrase naming the speaker ("a spokesman"), or `None`.
    pub fn speaker_name(&self, quotation: &Quotation) -> Option<String> {
        quotation
            .speaker
            .and_then(|i| self.entities.get(i))
            .map(|e| e.name.clone())
            .or_else(|| quotation.speaker_text.clone())
    }

    /// Every mention as `(byte range, index into entities)`, sorted by start.
    pub fn mentions(&self) -> Vec<(Range<usize>, usize)> {
        let mut all: Vec<(Range<usize>, usize)> = self
            .entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.clone(), i)))
            .collect();
        all.sort_by_key(|(r, _)| (r.start, r.end));
        all
    }
}

/// Shared progress of a running analysis, in permille (0..=1000). Cheap to
/// clone; one side writes, the UI reads. A [`Progress::part`] writes its
/// own 0..=1000 into a slice of its parent's range, so a section of a long
/// text reports as a share of the whole.
#[derive(Debug, Clone)]
pub struct Progress {
    value: Arc<AtomicU32>,
    /// Where this part's 0 falls in the shared value, in permille.
    from: u32,
    /// How much of the shared value this part's 0..=1000 covers, in permille.
    width: u32,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            value: Arc::default(),
            from: 0,
            width: 1000,
        }
    }
}

impl Progress {
    /// Records `permille` (clamped to 1000) of this part.
    pub fn set(&self, permille: u32) {
        let scaled = self.from + permille.min(1000) * self.width / 1000;
        self.value.store(scaled.min(1000), Ordering::Relaxed);
    }

    /// The last recorded value of the whole, in permille.
    pub fn get(&self) -> u32 {
        self.value.load(Ordering::Relaxed)
    }

    /// The `k`-th of `n` equal parts of this progress (`k < n`).
    #[must_use]
    pub fn part(&self, k: usize, n: usize) -> Progress {
        let n = n.max(1);
        let at = |k: usize| u32::try_from(k * self.width as usize / n).unwrap_or(self.width);
        Progress {
            value: Arc::clone(&self.value),
            from: self.from + at(k),
            width: at(k + 1) - at(k),
        }
    }
}

/// Runs every analysis pass over `doc`, updating `progress` as it goes.
/// Text with invisible format characters or decomposed accents is analysed
/// in normalized form and every span mapped back (see `normalize`), so
/// spans always index `doc.text()`. A text longer than
/// `sections::SECTION_BYTES` is analysed a section at a time, so its
/// memory stays a small multiple of its size (see `sections`).
pub fn analyse(doc: &Document, progress: &Progress) -> Analysis {
    analyse_in_sections(doc, progress, Scope::All, sections::SECTION_BYTES)
}

/// What an analysis computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything [`Analysis`] holds.
    All,
    /// No check-worthiness scores (`suggestions` empty): for a caller that
    /// only lists entities and quotations, which then takes about a tenth
    /// less time and, on a long text, less memory.
    WithoutSuggestions,
}

/// [`analyse`], computing only what `scope` asks for.
pub fn analyse_scoped(doc: &Document, progress: &Progress, scope: Scope) -> Analysis {
    analyse_in_sections(doc, progress, scope, sections::SECTION_BYTES)
}

/// [`analyse`] with sections of `section_bytes`.
fn analyse_in_sections(
    doc: &Document,
    progress: &Progress,
    scope: Scope,
    section_bytes: usize,
) -> Analysis {
    if doc.text().len() <= section_bytes {
        return analyse_section(doc, progress, scope);
    }
    let pieces = sections::pieces(doc.text(), doc.paragraphs(), section_bytes);
    let parts = sections::split(&pieces, section_bytes);
    let mut merged = sections::Merged::new(doc.text().len());
    for (k, part) in parts.iter().enumerate() {
        let pieces = pieces.get(part.clone()).unwrap_or(&[]);
        let bytes: Vec<Range<usize>> = pieces.iter().map(|p| p.bytes.clone()).collect();
        let section = doc.section(&bytes);
        let analysis = analyse_section(&section, &progress.part(k, parts.len()), scope);
        merged.push(analysis, pieces);
    }
    progress.set(1000);
    merged.finish()
}

/// [`analyse`] of one section (or all) of a text, as a whole.
fn analyse_section(doc: &Document, progress: &Progress, scope: Scope) -> Analysis {
    let Some(mut normalized) = normalize::normalize(doc.text()) else {
        return analyse_normal(doc, progress, scope);
    };
    let plain = Document::from_derived_text(std::mem::take(&mut normalized.text));
    let mut analysis = analyse_normal(&plain, progress, scope);
    for sentence in &mut analysis.sentences {
        *sentence = normalized.original(sentence);
    }
    for entity in &mut analysis.entities {
        for mention in &mut entity.mentions {
            *mention = normalized.original(mention);
        }
    }
    for quotation in &mut analysis.quotations {
        quotation.span = normalized.original(&quotation.span);
    }
    for suggestion in &mut analysis.suggestions {
        suggestion.span = normalized.original(&suggestion.span);
    }
    analysis
}

/// [`analyse`] on text that needs no normalization.
fn analyse_normal(doc: &Document, progress: &Progress, scope: Scope) -> Analysis {
    progress.set(0);
    let sentences = sentences::segment(doc);
    progress.set(100);
    // Every sentence cut into words once, for the passes that read words.
    let words = entities::tokens::SentenceWords::new(doc.text(), &sentences);
    let entities = entities::recognise_tokenised(doc, &sentences, &words, progress);
    progress.set(800);
    let quotations = quotes::find(doc, &sentences, &entities);
    let suggestions = match scope {
        Scope::All => {
            checkworthy::score_tokenised(doc.text(), &sentences, &words, &entities, &quotations)
        }
        Scope::WithoutSuggestions => Vec::new(),
    };
    progress.set(1000);
    Analysis {
        sentences,
        entities,
        quotations,
        suggestions,
    }
}
