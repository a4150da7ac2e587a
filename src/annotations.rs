//! The reader's work: claims (and, later, entity corrections), with undo.
//!
//! In memory every span is a byte range into the article text. On disk
//! ([`mod@file`]) spans count chars and carry their text, so a file can be checked
//! and re-anchored against the article.

pub mod anchor;
pub mod corrections;
pub mod export;
pub mod file;
pub mod history;
pub mod selector;
pub mod speaker_fixes;
pub mod store;

use std::ops::Range;

/// The verdicts a claim can have, in the order the claim form offers them.
pub const VERDICTS: &[&str] = &[
    "unverified",
    "true",
    "mostly-true",
    "misleading",
    "false",
    "opinion",
];

/// The label a new claim gets.
pub const DEFAULT_LABEL: &str = "checkable";

/// The labels the claim form offers by default, [`DEFAULT_LABEL`] first.
pub const LABELS: &[&str] = &[
    DEFAULT_LABEL,
    "statistic",
    "prediction",
    "promise",
    "quotation",
];

/// The labels and verdicts the claim form offers, in order; the first of
/// each is what a new claim gets. Comes from the config file when the reader
/// has one ([`ClaimVocabulary::default`] holds [`LABELS`] and [`VERDICTS`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimVocabulary {
    /// Kinds of claim (`checkable`, `statistic`, …).
    pub labels: Vec<String>,
    /// Verdicts (`unverified`, `true`, …).
    pub verdicts: Vec<String>,
}

impl ClaimVocabulary {
    /// The verdict or label of the vocabulary that `word`, which it lacks,
    /// is one or two edits from (a transposition counting one): what a
    /// hand edit of the annotation file likely meant (`misleading` for
    /// `mislaeding`). `None` for a word of the vocabulary, or one unlike
    /// any: a verdict of the reader's own.
    pub fn misspelt(&self, word: &str) -> Option<&str> {
        let all = || self.verdicts.iter().chain(&self.labels);
        if all().any(|w| w == word) {
            return None;
        }
        all()
            .map(|w| (strsim::damerau_levenshtein(w, word), w))
            .filter(|(edits, _)| *edits <= 2)
            .min_by_key(|(edits, _)| *edits)
            .map(|(_, w)| w.as_str())
    }
}

impl Default for ClaimVocabulary {
    fn default() -> Self {
        let owned = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect();
        Self {
            labels: owned(LABELS),
            verdicts: owned(VERDICTS),
        }
    }
}

/// A claim the reader marked: a span of the article with a verdict and a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// `c1`, `c2`, … never reused within one annotation file.
    pub id: String,
    /// Byte range into the article text, end-exclusive.
    pub span: Range<usize>,
    /// What kind of claim (`checkable` by default).
    pub label: String,
    /// One of the vocabulary's verdicts (files may hold others; they are
    /// kept as they are).
    pub verdict: String,
    /// The reader's note; may hold line breaks (`\n`).
    pub note: String,
    /// Id of the entity who made the claim, when known (a quotation's speaker).
    pub speaker: Option<String>,
    /// When the claim was first made, UTC to the second (`2026-11-29T08:00:00Z`).
    pub created: toml::value::Datetime,
    /// When it was last changed (made or edited), UTC to the second; `None`
    /// for claims from files written before folio recorded it.
    pub modified: Option<toml::value::Datetime>,
}

/// The reader's word on who said one quotation: an entity (a person folio
/// knows) or a name as typed. Overrides folio's attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerFix {
    /// Byte range of the quotation, marks included.
    pub span: Range<usize>,
    /// Entity id of the speaker.
    pub speaker: Option<String>,
    /// The speaker as typed, when it is no known person.
    pub speaker_text: Option<String>,
}

/// A claim from the file whose text can no longer be found in the article.
/// Kept verbatim and written back, so nothing is lost.
pub type OrphanedClaim = file::ClaimRecord;

/// Everything the reader has annotated in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    claims: Vec<Claim>,
    orphans: Vec<OrphanedClaim>,
    speakers: Vec<SpeakerFix>,
    orphaned_speakers: Vec<file::SpeakerRecord>,
    /// Claim id → the words the claim was made on, for claims whose words the
    /// article has since changed (found again by the fuzzy re-anchoring step).
    changed: std::collections::BTreeMap<String, String>,
    corrections: Vec<corrections::Correction>,
    orphaned_corrections: Vec<corrections::CorrectionRecord>,
    /// Sentences (byte ranges) whose check-worthiness suggestion the reader
    /// dismissed, sorted.
    dismissed: Vec<Range<usize>>,
    orphaned_dismissed: Vec<file::DismissedRecord>,
    /// The highest claim number given so far, removed claims included (see
    /// [`file::AnnotationFile::last_claim`]).
    last_claim: u64,
}

impl Annotations {
    /// Annotations made of `claims` (any order) and `orphans`.
    pub fn new(mut claims: Vec<Claim>, orphans: Vec<OrphanedClaim>) -> Self {
        claims.sort_by_key(|c| (c.span.start, c.span.end));
        Self {
            claims,
            orphans,
            ..Self::default()
        }
    }

    /// These annotations with `speakers` (fixes found in the article) and
    /// `orphaned` (fixes whose quotation is gone, kept as read).
    pub fn with_speakers(
        mut self,
        speakers: Vec<SpeakerFix>,
        orphaned: Vec<file::SpeakerRecord>,
    ) -> Self {
        self.speakers = speakers;
        self.orphaned_speakers = orphaned;
        self
    }

    /// These annotations with entity `corrections` (in the order they are
    /// replayed) and `orphaned` one-mention corrections whose text is gone.
    pub fn with_corrections(
        mut self,
        corrections: Vec<corrections::Correction>,
        orphaned: Vec<corrections::CorrectionRecord>,
    ) -> Self {
        self.corrections = corrections;
        self.orphaned_corrections = orphaned;
        self
    }

    /// The reader's entity corrections, oldest first.
    pub fn corrections(&self) -> &[corrections::Correction] {
        &self.corrections
    }

    /// One-mention corrections whose mention could not be found again.
    pub fn orphaned_corrections(&self) -> &[corrections::CorrectionRecord] {
        &self.orphaned_corrections
    }

    /// Adds `correction` after the others (it is replayed last).
    pub fn push_correction(&mut self, correction: corrections::Correction) {
        self.corrections.push(correction);
    }

    /// These annotations with `dismissed` suggestions (sentences found in
    /// the article) and `orphaned` ones whose sentence is gone, kept as read.
    pub fn with_dismissed(
        mut self,
        mut dismissed: Vec<Range<usize>>,
        orphaned: Vec<file::DismissedRecord>,
    ) -> Self {
        dismissed.sort_by_key(|r| (r.start, r.end));
        self.dismissed = dismissed;
        self.orphaned_dismissed = orphaned;
        self
    }

    /// Sentences whose suggestion the reader dismissed (byte ranges, sorted).
    pub fn dismissed(&self) -> &[Range<usize>] {
        &self.dismissed
    }

    /// Dismissed suggestions whose sentence could not be found again.
    pub fn orphaned_dismissed(&self) -> &[file::DismissedRecord] {
        &self.orphaned_dismissed
    }

    /// Whether a claim overlaps `span` (byte range): the reader has
    /// already acted on that sentence, so it is suggested no more.
    pub fn is_claimed(&self, span: &Range<usize>) -> bool {
        self.claims
            .iter()
            .any(|c| c.span.start < span.end && span.start < c.span.end)
    }

    /// Whether the suggestion of the sentence at `span` is dismissed.
    pub fn is_dismissed(&self, span: &Range<usize>) -> bool {
        self.dismissed
            .binary_search_by_key(&(span.start, span.end), |r| (r.start, r.end))
            .is_ok()
    }

    /// Dismisses the suggestion of the sentence at `span`, or brings it back
    /// when it was dismissed; returns whether it is dismissed now.
    pub fn toggle_dismissed(&mut self, span: Range<usize>) -> bool {
        match self
            .dismissed
            .binary_search_by_key(&(span.start, span.end), |r| (r.start, r.end))
        {
            Ok(i) => {
                self.dismissed.remove(i);
                false
            }
            Err(i) => {
                self.dismissed.insert(i, span);
                true
            }
        }
    }

    /// The reader's speaker fixes.
    pub fn speakers(&self) -> &[SpeakerFix] {
        &self.speakers
    }

    /// Speaker fixes whose quotation could not be found again.
    pub fn orphaned_speakers(&self) -> &[file::SpeakerRecord] {
        &self.orphaned_speakers
    }

    /// The reader's speaker for the quotation at `span`, if they set one.
    pub fn speaker_fix(&self, span: &Range<usize>) -> Option<&SpeakerFix> {
        self.speakers.iter().find(|fix| fix.span == *span)
    }

    /// Sets (or replaces) the speaker of the quotation at `fix.span`.
    pub fn set_speaker(&mut self, fix: SpeakerFix) {
        // Every claim made on the quotation was made by its speaker.
        for claim in &mut self.claims {
            if fix.span.start <= claim.span.start && claim.span.end <= fix.span.end {
                claim.speaker.clone_from(&fix.speaker);
            }
        }
        self.speakers.retain(|old| old.span != fix.span);
        self.speakers.push(fix);
        self.speakers.sort_by_key(|f| (f.span.start, f.span.end));
    }

    /// Claims sorted by position.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// Claims that could not be found in the article again.
    pub fn orphans(&self) -> &[OrphanedClaim] {
        &self.orphans
    }

    /// The id the next new claim gets: one more than the largest `cN` in
    /// use or ever given (a removed claim's id is not given again).
    pub fn next_claim_id(&self) -> String {
        let largest = self.largest_claim_number().max(self.last_claim);
        let next = largest.checked_add(1).unwrap_or_else(|| {
            // A file edited by hand up to `c18446744073709551615`: the
            // lowest number no claim has (it never wraps round to `c0`).
            let used: std::collections::HashSet<u64> = self.claim_numbers().collect();
            (1..u64::MAX)
                .find(|n| !used.contains(n))
                .unwrap_or(u64::MAX)
        });
        format!("c{next}")
    }

    /// The `N` of every `cN` id in use.
    fn claim_numbers(&self) -> impl Iterator<Item = u64> + '_ {
        self.claims
            .iter()
            .map(|c| c.id.as_str())
            .chain(self.orphans.iter().map(|o| o.id.as_str()))
            .filter_map(claim_number)
    }

    /// The largest `N` of the `cN` ids in use, 0 when none.
    fn largest_claim_number(&self) -> u64 {
        self.claim_numbers().max().unwrap_or(0)
    }

    /// Starts the claim numbering after `last` (the file's `last_claim`).
    pub fn with_last_claim(mut self, last: u64) -> Self {
        self.last_claim = last;
        self
    }

    /// The `last_claim` to write: the highest number given, or 0 (left
    /// out) when the ids in use already say it.
    pub fn last_claim_to_save(&self) -> u64 {
        if self.last_claim > self.largest_claim_number() {
            self.last_claim
        } else {
            0
        }
    }

    /// The words claim `id` was made on, when the article's words at the
    /// claim have changed since (the claim's span holds the new words).
    pub fn changed_from(&self, id: &str) -> Option<&str> {
        self.changed.get(id).map(String::as_str)
    }

    /// Claims whose words changed, as `(id, words the claim was made on)`.
    pub fn changed_claims(&self) -> impl Iterator<Item = (&str, &str)> {
        self.changed
            .iter()
            .map(|(id, was)| (id.as_str(), was.as_str()))
    }

    /// Records that claim `id` was made on `original`, words the article no
    /// longer has at the claim.
    pub fn mark_changed(&mut self, id: &str, original: String) {
        self.changed.insert(id.to_owned(), original);
    }

    /// Adds `claim`, or replaces the claim with the same id, keeping the order.
    /// Saving a changed claim again means the reader has seen its new words:
    /// it is no longer flagged as changed.
    pub fn upsert_claim(&mut self, claim: Claim) {
        if let Some(n) = claim_number(&claim.id) {
            self.last_claim = self.last_claim.max(n);
        }
        self.changed.remove(&claim.id);
        self.claims.retain(|c| c.id != claim.id);
        let at = self
            .claims
            .partition_point(|c| (c.span.start, c.span.end) <= (claim.span.start, claim.span.end));
        self.claims.insert(at, claim);
    }

    /// Removes and returns the claim with `id`.
    pub fn remove_claim(&mut self, id: &str) -> Option<Claim> {
        let at = self.claims.iter().position(|c| c.id == id)?;
        self.changed.remove(id);
        Some(self.claims.remove(at))
    }

    /// Removes the orphaned claim `id` (one whose words are gone from the
    /// article); returns it, or `None` when there is no such orphan.
    pub fn remove_orphan(&mut self, id: &str) -> Option<OrphanedClaim> {
        let at = self.orphans.iter().position(|c| c.id == id)?;
        Some(self.orphans.remove(at))
    }

    /// Index of the claim whose span is exactly `span`.
    pub fn claim_at(&self, span: &Range<usize>) -> Option<usize> {
        self.claims.iter().position(|c| c.span == *span)
    }
}

/// The `N` of a claim id `cN`, if it is one.
fn claim_number(id: &str) -> Option<u64> {
    id.strip_prefix('c')?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(id: &str, span: Range<usize>) -> Claim {
        Claim {
            id: id.to_owned(),
            span,
            label: DEFAULT_LABEL.to_owned(),
            verdict: "unverified".to_owned(),
            note: String::new(),
            speaker: None,
            created: "2026-11-29T08:00:00Z".parse().unwrap(),
            modified: None,
        }
    }

    #[test]
    fn claims_stay_sorted_and_ids_are_not_reused() {
        let mut annotations = Annotations::default();
        assert_eq!(annotations.next_claim_id(), "c1");
        annotations.upsert_claim(claim("c1", 50..60));
        annotations.upsert_claim(claim("c2", 10..20));
        assert_eq!(
            annotations
                .claims()
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>(),
            ["c2", "c1"]
        );
        assert_eq!(annotations.next_claim_id(), "c3");
        assert_eq!(annotations.last_claim_to_save(), 0, "the ids say it");
        assert_eq!(annotations.remove_claim("c2").map(|c| c.span), Some(10..20));
        // A removed claim's id is not given again, in this session or the
        // next (the file keeps the number).
        assert_eq!(annotations.next_claim_id(), "c3");
        assert_eq!(annotations.last_claim_to_save(), 2);
        let reopened = Annotations::new(vec![claim("c1", 50..60)], Vec::new()).with_last_claim(2);
        assert_eq!(reopened.next_claim_id(), "c3");
        let mut edited = claim("c1", 50..60);
        edited.verdict = "false".to_owned();
        annotations.upsert_claim(edited);
        assert_eq!(annotations.claims().len(), 1);
        assert_eq!(annotations.claims()[0].verdict, "false");
    }

    #[test]
    fn the_largest_claim_number_never_wraps_round() {
        let largest = format!("c{}", u64::MAX);
        let annotations =
            Annotations::new(vec![claim(&largest, 0..5), claim("c1", 10..20)], Vec::new());
        assert_eq!(annotations.next_claim_id(), "c2");
        let annotations = Annotations::default().with_last_claim(u64::MAX);
        assert_eq!(annotations.next_claim_id(), "c1");
    }

    #[test]
    fn a_speaker_fix_reaches_the_claims_on_its_quotation() {
        let mut annotations = Annotations::default();
        let mut inside = claim("c1", 12..30);
        inside.speaker = Some("tom-okafor".to_owned());
        annotations.upsert_claim(inside);
        annotations.upsert_claim(claim("c2", 40..50));
        annotations.set_speaker(SpeakerFix {
            span: 10..32,
            speaker: Some("mara-lindqvist".to_owned()),
            speaker_text: None,
        });
        let speakers: Vec<Option<&str>> = annotations
            .claims()
            .iter()
            .map(|c| c.speaker.as_deref())
            .collect();
        assert_eq!(speakers, [Some("mara-lindqvist"), None]);
    }
}
