//! Greedy left-to-right decoding of BILOU labels, in two passes.
//!
//! Pass one tags each sentence from its local features. Its labels, counted
//! per word form over the whole article, become the document features of
//! pass two (Ratinov & Roth 2009's "context aggregation" and "prediction
//! history"): a word tagged as the last word of a person's name elsewhere
//! ("Emmanuel Macron") is likely a person where it stands alone ("Macron").
//! Decoding keeps the sequence well formed: a name opened with `B` is closed
//! with `L` before a word that cannot be part of a name.

use super::super::gazetteer::HashMap;
use super::features::{self, FeatureIds, Hasher, Sentence};
use super::labels::{COUNT, Label, Position};
use super::model::{Scores, Weights};

/// What the decoder needs of a candidate word besides the labels before
/// it: the scores of its local features, and the hash of its shape
/// ([`features::shape_hash`]) for the label history. A caller that knows
/// them already (the analysis, which computed the shape for the features)
/// saves working them out twice.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalPart {
    /// Scores of every label from the word's local features.
    pub scores: Scores,
    /// [`features::shape_hash`] of the word.
    pub shape_hash: u64,
}

/// The label-history features of word `i` given the labels already chosen.
pub fn history_of(sentence: &Sentence<'_>, labels: &[Label], i: usize) -> [u64; 3] {
    let shape = sentence
        .words
        .get(i)
        .map_or(0, |w| features::shape_hash(w.text));
    history_with_shape(labels, i, shape)
}

/// [`history_of`] with the word's shape hash given.
fn history_with_shape(labels: &[Label], i: usize, shape_hash: u64) -> [u64; 3] {
    let previous = i
        .checked_sub(1)
        .and_then(|k| labels.get(k))
        .map_or(0, |l| l.index());
    let before = i
        .checked_sub(2)
        .and_then(|k| labels.get(k))
        .map_or(0, |l| l.index());
    features::history(previous, before, shape_hash)
}

/// The best label for word `i` of `sentence` given `scores`, among those
/// that keep the sequence well formed after `previous`.
// A hint, as for `Table::add_row`: called for every candidate word in both
// passes, and inlined or not as unrelated code changed.
#[inline]
pub fn best_label(sentence: &Sentence<'_>, i: usize, previous: Label, scores: &Scores) -> Label {
    let next_may_continue = sentence.continues(i + 1);
    let may_continue = sentence.continues(i);
    let allowed = allowed_labels(previous, next_may_continue, may_continue);
    let mut best = (f32::NEG_INFINITY, Label::OUTSIDE);
    for (k, &score) in scores.iter().enumerate() {
        if allowed & (1 << k) != 0 && score > best.0 {
            best = (score, Label::from_index(k));
        }
    }
    best.1
}

/// The labels (bit `k` for label index `k`) that keep the sequence well
/// formed after `previous`: only a label that may follow it, no open name
/// when the next word cannot continue one, no continuation when this word
/// cannot continue one. Worked out once for every case: the decoder asks
/// for every candidate word.
fn allowed_labels(previous: Label, next_may_continue: bool, may_continue: bool) -> u32 {
    static TABLE: std::sync::LazyLock<[[u32; 4]; COUNT]> = std::sync::LazyLock::new(|| {
        let mut table = [[0; 4]; COUNT];
        for (p, row) in table.iter_mut().enumerate() {
            for (case, mask) in row.iter_mut().enumerate() {
                let (next_may_continue, may_continue) = (case & 2 != 0, case & 1 != 0);
                for k in 0..COUNT {
                    let label = Label::from_index(k);
                    let continues = matches!(label.0, Some((_, Position::Inside | Position::Last)));
                    let allowed = label.may_follow(Label::from_index(p))
                        && (next_may_continue || !label.is_open())
                        && (may_continue || !continues);
                    if allowed {
                        *mask |= 1 << k;
                    }
                }
            }
        }
        table
    });
    let case = usize::from(next_may_continue) * 2 + usize::from(may_continue);
    TABLE
        .get(previous.index())
        .and_then(|row| row.get(case))
        .copied()
        .unwrap_or(0)
}

/// Scores of every label for one word from its feature ids.
pub fn score(weights: &impl Weights, ids: &[u64]) -> Scores {
    let mut scores = [0.0; COUNT];
    weights.add_all(ids, &mut scores);
    scores
}

/// Labels for every word of `sentence`: candidates scored from `local`
/// (and `document`, when given) features and the labels before them,
/// others `O`.
pub fn decode(
    sentence: &Sentence<'_>,
    local: &[FeatureIds],
    document: Option<&[FeatureIds]>,
    weights: &impl Weights,
) -> Vec<Label> {
    let base = |i: usize| LocalPart {
        scores: score(weights, local.get(i).map_or(&[][..], Vec::as_slice)),
        shape_hash: sentence
            .words
            .get(i)
            .map_or(0, |w| features::shape_hash(w.text)),
    };
    decode_from(sentence, base, document, weights)
}

/// [`decode`] with the scores of each candidate word's local features
/// and its shape hash given by `base(word index)`, so that a caller who
/// worked them out already (pass two reuses pass one's features) need not
/// compute them again. The sums run in the same order as [`decode`]'s, so
/// the labels are the same.
#[inline] // see model::Table::add_to
pub fn decode_from(
    sentence: &Sentence<'_>,
    mut base: impl FnMut(usize) -> LocalPart,
    document: Option<&[FeatureIds]>,
    weights: &impl Weights,
) -> Vec<Label> {
    let mut labels = Vec::with_capacity(sentence.words.len());
    for i in 0..sentence.words.len() {
        if !sentence.candidate.get(i).copied().unwrap_or(false) {
            labels.push(Label::OUTSIDE);
            continue;
        }
        let part = base(i);
        let history = history_with_shape(&labels, i, part.shape_hash);
        let extra = document
            .and_then(|d| d.get(i))
            .map_or(&[][..], |v| v.as_slice());
        let mut scores = part.scores;
        weights.add_all(extra, &mut scores);
        weights.add_all(&history, &mut scores);
        let previous = labels.last().copied().unwrap_or(Label::OUTSIDE);
        labels.push(best_label(sentence, i, previous, &scores));
    }
    labels
}

/// Pass one's labels counted per word form (in lower case) over a document.
#[derive(Debug, Default)]
pub struct DocumentMemory {
    counts: HashMap<u64, [u16; COUNT]>,
}

/// The document feature of the commonest type (index 0–3 of
/// [`super::labels::kind_index`]) that the other occurrences of a word
/// form were tagged with.
pub(crate) const fn doc_type_feature(kind: u8) -> u64 {
    const { Hasher::new("doc-type") }.byte(kind).finish()
}

fn form_key(word: &str) -> u64 {
    const { Hasher::new("form") }.lower(word).finish()
}

impl DocumentMemory {
    /// Counts the pass-one `labels` of the candidate words of `sentence`.
    pub fn add(&mut self, sentence: &Sentence<'_>, labels: &[Label]) {
        for ((word, label), candidate) in sentence.words.iter().zip(labels).zip(&sentence.candidate)
        {
            if *candidate {
                let c = self.counts.entry(form_key(word.text)).or_insert([0; COUNT]);
                c[label.index()] = c[label.index()].saturating_add(1);
            }
        }
    }

    /// Document features of every word of `sentence` whose pass-one labels
    /// were `labels`: what the other occurrences of the same word form were
    /// tagged (each label seen; the commonest type).
    pub fn features(&self, sentence: &Sentence<'_>, labels: &[Label]) -> Vec<FeatureIds> {
        let mut out = Vec::new();
        self.features_into(sentence, labels, &mut out);
        out
    }

    /// [`DocumentMemory::features`] written into `out`, whose lists are
    /// emptied and reused with the memory they have (pass two goes through
    /// every sentence): list `i` for word `i`, and empty lists past the
    /// last word when an earlier sentence was longer.
    pub fn features_into(
        &self,
        sentence: &Sentence<'_>,
        labels: &[Label],
        out: &mut Vec<FeatureIds>,
    ) {
        // Lists past this sentence's words are emptied, not dropped: the
        // next, longer sentence reuses their room.
        if out.len() < sentence.words.len() {
            out.resize_with(sentence.words.len(), Vec::new);
        }
        for (i, f) in out.iter_mut().enumerate() {
            f.clear();
            if i >= sentence.words.len() {
                continue;
            }
            if !sentence.candidate.get(i).copied().unwrap_or(false) {
                continue;
            }
            // At most 3 + 16 + 2 features: one allocation.
            f.reserve(21);
            let Some(word) = sentence.words.get(i) else {
                continue;
            };
            // Pass one's view of the words after this one, which greedy
            // decoding has not reached yet.
            let next = labels.get(i + 1).map_or(0, |l| l.index() as u8);
            let after = labels.get(i + 2).map_or(0, |l| l.index() as u8);
            f.push(const { Hasher::new("pass-one+1") }.byte(next).finish());
            f.push(
                const { Hasher::new("pass-one+1+2") }
                    .byte(next)
                    .byte(after)
                    .finish(),
            );
            let own = labels.get(i).map_or(0, |l| l.index() as u8);
            f.push(const { Hasher::new("pass-one") }.byte(own).finish());
            let Some(counts) = self.counts.get(&form_key(word.text)) else {
                continue;
            };
            let mut other = *counts;
            if let Some(own) = labels.get(i) {
                other[own.index()] = other[own.index()].saturating_sub(1);
            }
            let mut by_type = [0u32; 4];
            for (k, &n) in other.iter().enumerate().skip(1) {
                if n > 0 {
                    f.push(const { Hasher::new("doc-label") }.byte(k as u8).finish());
                    by_type[(k - 1) / 4] += u32::from(n);
                }
            }
            let names: u32 = by_type.iter().sum();
            if names == 0 {
                if other[0] > 0 {
                    f.push(const { Hasher::new("doc-only-outside").finish() });
                }
                continue;
            }
            let (top, &top_n) = by_type
                .iter()
                .enumerate()
                .max_by_key(|(k, n)| (**n, std::cmp::Reverse(*k)))
                .unwrap_or((0, &0));
            f.push(doc_type_feature(top as u8));
            if top_n * 2 > names + u32::from(other[0]) {
                f.push(
                    const { Hasher::new("doc-type-most") }
                        .byte(top as u8)
                        .finish(),
                );
            }
        }
    }
}
