//! Training the tagger: an averaged perceptron (Collins 2002) over the
//! features of [`super::features`] and [`super::tagger`], learned greedily
//! left to right with the labels it predicts as history, on CoNLL-2003.
//!
//! [`train`] picks the number of epochs of each pass on the development
//! file, builds pass two's document features on the training file from
//! pass-one labels of a model that did not see that part of it (five-fold
//! jackknife, so pass two learns how far to trust pass one on unseen text),
//! and writes the model file that [`super::model`] embeds. The same files
//! give the same bytes: the order of examples comes from a fixed-seed
//! generator and the file is written in sorted key order.

use std::ops::Range;

use super::super::EntityKind;
use super::super::gazetteer::HashMap;
use super::features::{self, FeatureIds, Sentence};
use super::labels::{self, COUNT, Label};
use super::model::{MAGIC, SLOT_BYTES, Scores, VERSION, Weights, slot_of};
use super::tagger::{self, DocumentMemory};
use crate::analysis::sentences;
use crate::document::Document;
use crate::eval::conll;

/// One CoNLL document rebuilt as folio reads it (see [`conll::rebuild`]),
/// with its gold names as byte ranges of the text.
#[derive(Debug)]
pub struct GoldDocument {
    text: String,
    sentences: Vec<Range<usize>>,
    names: Vec<(Range<usize>, EntityKind)>,
}

/// Reads CoNLL-2003 text into documents with gold names.
pub fn read_conll(data: &str) -> Vec<GoldDocument> {
    conll::parse(data)
        .iter()
        .map(|document| {
            let (text, tokens) = conll::rebuild(document);
            let mut names = Vec::new();
            for (sentence, ranges) in document.sentences.iter().zip(&tokens) {
                for (chunk, kind) in conll::chunks(sentence.iter().map(|t| t.tag.as_str())) {
                    let (Some(first), Some(last)) = (
                        ranges.get(chunk.start),
                        ranges.get(chunk.end.saturating_sub(1)),
                    ) else {
                        continue;
                    };
                    let kind = match kind.as_str() {
                        "PER" => EntityKind::Person,
                        "LOC" => EntityKind::Place,
                        "ORG" => EntityKind::Organisation,
                        _ => EntityKind::Misc,
                    };
                    names.push((first.start..last.end, kind));
                }
            }
            let doc = Document::from_bytes(text.as_bytes(), None);
            let sentences = sentences::segment(&doc);
            GoldDocument {
                text,
                sentences,
                names,
            }
        })
        .collect()
}

/// A sentence ready for training: words, local features, gold labels.
#[derive(Debug)]
pub struct Example<'a> {
    sentence: Sentence<'a>,
    local: Vec<FeatureIds>,
    gold: Vec<Label>,
}

/// Sentences of one document, ready for training.
pub type Prepared<'a> = Vec<Example<'a>>;

/// Cuts each document into sentences and words, computes local features
/// and maps the gold names onto words. A gold name keeps only its candidate
/// words (see `Sentence::candidate`): the tagger cannot label others.
pub fn prepare(documents: &[GoldDocument]) -> Vec<Prepared<'_>> {
    documents
        .iter()
        .map(|d| {
            let tables = features::is_table_document(&d.text, &d.sentences);
            // Candidates as the analysis finds them, headlines in title
            // case included (they need the words the article capitalises
            // in its prose).
            let words = super::tokens::SentenceWords::new(&d.text, &d.sentences);
            // Headlines in the AP's style read as the committed tagger
            // was trained (see `ProseNames::new`).
            let prose = features::ProseNames::new(&words, super::caps::TitleCase::Mostly);
            d.sentences
                .iter()
                .enumerate()
                .map(|(n, range)| {
                    let sentence = Sentence::with_words(
                        &d.text,
                        range.clone(),
                        std::borrow::Cow::Owned(words.get(n).to_vec()),
                        tables,
                        Some(&prose),
                    );
                    let local = features::local(&d.text, &sentence);
                    let gold = gold_labels(&sentence, &d.names);
                    Example {
                        sentence,
                        local,
                        gold,
                    }
                })
                .collect()
        })
        .collect()
}

fn gold_labels(sentence: &Sentence<'_>, names: &[(Range<usize>, EntityKind)]) -> Vec<Label> {
    let words = &sentence.words;
    let mut spans = Vec::new();
    for (range, kind) in names {
        let first = words.partition_point(|w| w.span.start < range.start);
        let after = words.partition_point(|w| w.span.start < range.end);
        // Runs of candidate words inside the name.
        let mut start = None;
        for i in first..=after {
            let candidate = i < after && sentence.candidate.get(i).copied().unwrap_or(false);
            match (candidate, start) {
                (true, None) => start = Some(i),
                (true, Some(s)) if !sentence.continues(i) => {
                    spans.push((s..i, *kind));
                    start = Some(i);
                }
                (false, Some(s)) => {
                    spans.push((s..i, *kind));
                    start = None;
                }
                _ => {}
            }
        }
    }
    labels::encode(words.len(), &spans)
}

/// A fixed-seed xorshift generator, for the order of training examples.
#[derive(Debug)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// An averaged perceptron being trained.
#[derive(Debug, Default)]
pub struct Trainer {
    index: HashMap<u64, usize>,
    weights: Vec<Scores>,
    /// Sum of `step × update`, for averaging (Daumé's trick).
    stamped: Vec<[f64; COUNT]>,
    step: f64,
}

impl Weights for Trainer {
    fn add_to(&self, feature: u64, scores: &mut Scores) {
        if let Some(w) = self.index.get(&feature).and_then(|&r| self.weights.get(r)) {
            for (s, x) in scores.iter_mut().zip(w) {
                *s += x;
            }
        }
    }
}

impl Trainer {
    fn update(&mut self, ids: &[u64], label: usize, delta: f32) {
        for &id in ids {
            let next = self.weights.len();
            let row = *self.index.entry(id).or_insert(next);
            if row == next {
                self.weights.push([0.0; COUNT]);
                self.stamped.push([0.0; COUNT]);
            }
            self.weights[row][label] += delta;
            self.stamped[row][label] += self.step * f64::from(delta);
        }
    }

    /// One pass over `documents` in a shuffled order; `document` gives each
    /// sentence's document features (same shape as `documents`), if any.
    pub fn epoch(
        &mut self,
        documents: &[Prepared<'_>],
        document: Option<&[Vec<Vec<FeatureIds>>]>,
        rng_seed: u64,
    ) {
        let mut order: Vec<(usize, usize)> = documents
            .iter()
            .enumerate()
            .flat_map(|(d, s)| (0..s.len()).map(move |k| (d, k)))
            .collect();
        Rng(rng_seed).shuffle(&mut order);
        let empty: Vec<FeatureIds> = Vec::new();
        for (d, k) in order {
            let example = &documents[d][k];
            let extra = document
                .and_then(|all| all.get(d))
                .and_then(|doc| doc.get(k))
                .unwrap_or(&empty);
            self.learn(example, extra);
        }
    }

    fn learn(&mut self, example: &Example<'_>, extra: &[FeatureIds]) {
        let sentence = &example.sentence;
        let mut labels = Vec::with_capacity(sentence.words.len());
        let mut ids = Vec::new();
        for i in 0..sentence.words.len() {
            if !sentence.candidate[i] {
                labels.push(Label::OUTSIDE);
                continue;
            }
            ids.clear();
            ids.extend_from_slice(&example.local[i]);
            if let Some(e) = extra.get(i) {
                ids.extend_from_slice(e);
            }
            ids.extend(tagger::history_of(sentence, &labels, i));
            let scores = tagger::score(self, &ids);
            let previous = labels.last().copied().unwrap_or(Label::OUTSIDE);
            let predicted = tagger::best_label(sentence, i, previous, &scores);
            let gold = example.gold[i];
            self.step += 1.0;
            if predicted != gold {
                self.update(&ids, gold.index(), 1.0);
                self.update(&ids, predicted.index(), -1.0);
            }
            labels.push(predicted);
        }
    }

    /// The averaged weights so far, without rows that are all zero.
    pub fn averaged(&self) -> Averaged {
        let mut rows = HashMap::default();
        for (&id, &row) in &self.index {
            let mut w = [0.0f32; COUNT];
            for (k, x) in w.iter_mut().enumerate() {
                let v = f64::from(self.weights[row][k]) - self.stamped[row][k] / self.step.max(1.0);
                *x = v as f32;
            }
            if w.iter().any(|x| x.abs() > 1e-6) {
                rows.insert(id, w);
            }
        }
        Averaged { rows }
    }
}

/// Averaged perceptron weights.
#[derive(Debug, Default, Clone)]
pub struct Averaged {
    rows: HashMap<u64, Scores>,
}

impl Weights for Averaged {
    fn add_to(&self, feature: u64, scores: &mut Scores) {
        if let Some(w) = self.rows.get(&feature) {
            for (s, x) in scores.iter_mut().zip(w) {
                *s += x;
            }
        }
    }
}

impl Averaged {
    /// Number of features with a weight.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no feature has a weight.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Labels of every sentence of `documents` from `weights`, in one pass.
pub fn tag_pass_one(documents: &[Prepared<'_>], weights: &impl Weights) -> Vec<Vec<Vec<Label>>> {
    documents
        .iter()
        .map(|d| {
            d.iter()
                .map(|e| tagger::decode(&e.sentence, &e.local, None, weights))
                .collect()
        })
        .collect()
}

/// Document features of every sentence from pass-one labels.
pub fn document_features(
    documents: &[Prepared<'_>],
    pass_one: &[Vec<Vec<Label>>],
) -> Vec<Vec<Vec<FeatureIds>>> {
    documents
        .iter()
        .zip(pass_one)
        .map(|(d, labels)| {
            let mut memory = DocumentMemory::default();
            for (e, l) in d.iter().zip(labels) {
                memory.add(&e.sentence, l);
            }
            d.iter()
                .zip(labels)
                .map(|(e, l)| memory.features(&e.sentence, l))
                .collect()
        })
        .collect()
}

/// Precision, recall and F1 (percent) of names found by a labelling.
#[derive(Debug, Clone, Copy, Default)]
pub struct Score {
    /// Exact names (span and type) found and right.
    pub right: usize,
    /// Names predicted.
    pub predicted: usize,
    /// Names in the gold labels.
    pub gold: usize,
}

impl Score {
    /// Harmonic mean of precision and recall, in percent.
    pub fn f1(&self) -> f64 {
        if self.predicted + self.gold == 0 {
            return 0.0;
        }
        200.0 * self.right as f64 / (self.predicted + self.gold) as f64
    }
}

/// Word-level exact-match score of `labels` against the gold labels.
pub fn score(documents: &[Prepared<'_>], labels: &[Vec<Vec<Label>>]) -> Score {
    let mut s = Score::default();
    for (d, l) in documents.iter().zip(labels) {
        for (e, l) in d.iter().zip(l) {
            let gold = labels::decode(&e.gold);
            let predicted = labels::decode(l);
            s.gold += gold.len();
            s.predicted += predicted.len();
            s.right += predicted.iter().filter(|p| gold.contains(p)).count();
        }
    }
    s
}

/// Labels of every sentence in two passes (pass one with `local`, pass two
/// with `document` weights).
pub fn tag_two_passes(
    documents: &[Prepared<'_>],
    local: &impl Weights,
    document: &impl Weights,
) -> Vec<Vec<Vec<Label>>> {
    let first = tag_pass_one(documents, local);
    let extra = document_features(documents, &first);
    documents
        .iter()
        .zip(&extra)
        .map(|(d, x)| {
            d.iter()
                .zip(x)
                .map(|(e, x)| tagger::decode(&e.sentence, &e.local, Some(x), document))
                .collect()
        })
        .collect()
}

/// Trains for up to `max_epochs`, returning the averaged weights of the
/// epoch that scores best on `dev` (by `evaluate`), with that epoch.
fn best_of_epochs(
    train: &[Prepared<'_>],
    extra: Option<&[Vec<Vec<FeatureIds>>]>,
    max_epochs: usize,
    mut evaluate: impl FnMut(&Averaged) -> f64,
    log: &mut impl FnMut(String),
) -> (Averaged, usize) {
    let mut trainer = Trainer::default();
    let mut best = (f64::MIN, Averaged::default(), 0);
    for epoch in 1..=max_epochs {
        trainer.epoch(train, extra, 0x9e37_79b9_7f4a_7c15 ^ epoch as u64);
        let averaged = trainer.averaged();
        let f1 = evaluate(&averaged);
        log(format!(
            "  epoch {epoch}: dev F1 {f1:.2} ({} features)",
            averaged.len()
        ));
        if f1 > best.0 {
            best = (f1, averaged, epoch);
        }
    }
    (best.1, best.2)
}

/// Number of folds for pass one's labels on the training data.
const FOLDS: usize = 5;

/// Trains both passes on `train`, picks epochs on `dev`, and returns the
/// model file's bytes. `log` receives progress lines.
pub fn train(
    train: &[Prepared<'_>],
    dev: &[Prepared<'_>],
    max_epochs: usize,
    mut log: impl FnMut(String),
) -> Vec<u8> {
    log("pass one (local features)".to_owned());
    let (local, local_epochs) = best_of_epochs(
        train,
        None,
        max_epochs,
        |w| score(dev, &tag_pass_one(dev, w)).f1(),
        &mut log,
    );
    log(format!(
        "pass one: {local_epochs} epochs; jackknife labels on train"
    ));
    let mut pass_one: Vec<Vec<Vec<Label>>> = vec![Vec::new(); train.len()];
    for fold in 0..FOLDS {
        let (held, rest): (Vec<usize>, Vec<usize>) =
            (0..train.len()).partition(|d| d % FOLDS == fold);
        let rest_docs: Vec<&Prepared<'_>> = rest.iter().map(|&d| &train[d]).collect();
        let model = fixed_epochs_refs(&rest_docs, local_epochs);
        for d in held {
            pass_one[d] = tag_pass_one(std::slice::from_ref(&train[d]), &model)
                .pop()
                .unwrap_or_default();
        }
        log(format!("  fold {} of {FOLDS}", fold + 1));
    }
    let train_extra = document_features(train, &pass_one);
    log("pass two (local and document features)".to_owned());
    let (document, document_epochs) = best_of_epochs(
        train,
        Some(&train_extra),
        max_epochs,
        |w| score(dev, &tag_two_passes(dev, &local, w)).f1(),
        &mut log,
    );
    log(format!("pass two: {document_epochs} epochs"));
    write_model(&[&local, &document])
}

/// The averaged weights after `epochs` epochs over the sentences of
/// `train` (documents of prepared sentences), shuffled anew each epoch
/// with a fixed seed, so that the same data gives the same weights.
fn fixed_epochs_refs(train: &[&Prepared<'_>], epochs: usize) -> Averaged {
    let mut trainer = Trainer::default();
    for epoch in 1..=epochs {
        let mut order: Vec<(usize, usize)> = train
            .iter()
            .enumerate()
            .flat_map(|(d, s)| (0..s.len()).map(move |k| (d, k)))
            .collect();
        Rng(0x9e37_79b9_7f4a_7c15 ^ epoch as u64).shuffle(&mut order);
        for (d, k) in order {
            trainer.learn(&train[d][k], &[]);
        }
    }
    trainer.averaged()
}

/// The model file for `tables` (see [`super::model`] for the layout):
/// weights quantised to `i16` per table, one row per key that any table
/// weighs, keys in sorted order.
pub fn write_model(tables: &[&Averaged]) -> Vec<u8> {
    let scales: Vec<f32> = tables.iter().map(|t| quantisation_scale(t)).collect();
    let mut rows: std::collections::BTreeMap<u64, Vec<i16>> = std::collections::BTreeMap::new();
    for (k, (table, scale)) in tables.iter().zip(&scales).enumerate() {
        for (&id, weights) in &table.rows {
            let q = weights.map(|w| (w / scale).round().clamp(-32767.0, 32767.0) as i16);
            if q.iter().all(|x| *x == 0) {
                continue;
            }
            let row = rows
                .entry(id)
                .or_insert_with(|| vec![0; tables.len() * COUNT]);
            row[k * COUNT..(k + 1) * COUNT].copy_from_slice(&q);
        }
    }
    let slots = rows.len() * 10 / 7 + 16;
    let mut slot_table = vec![(0u64, 0u32); slots];
    // In increasing key order, which look-ups rely on (see `model`).
    for (row, &id) in rows.keys().enumerate() {
        let mut s = slot_of(id, slots);
        while slot_table[s].0 != 0 {
            s = (s + 1) % slots;
        }
        slot_table[s] = (id, row as u32);
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(tables.len() as u32).to_le_bytes());
    out.extend_from_slice(&(slots as u32).to_le_bytes());
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    for scale in &scales {
        out.extend_from_slice(&scale.to_bits().to_le_bytes());
    }
    for (key, row) in &slot_table {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&row.to_le_bytes());
    }
    debug_assert_eq!(SLOT_BYTES, 12);
    for x in rows.values().flatten() {
        out.extend_from_slice(&x.to_le_bytes());
    }
    out
}

/// The step of `table`'s `i16` weights: its largest weight is ±32767 steps.
fn quantisation_scale(table: &Averaged) -> f32 {
    let max = table
        .rows
        .values()
        .flat_map(|r| r.iter())
        .fold(0.0f32, |m, x| m.max(x.abs()));
    if max > 0.0 { max / 32767.0 } else { 1.0 }
}

#[cfg(test)]
mod tests {
    use super::super::model;
    use super::*;

    #[test]
    fn a_written_model_gives_back_every_weight_of_each_table_and_nothing_else() {
        // Keys next to each other, so that they land in neighbouring slots
        // and look-ups probe past keys that do not match; the second table
        // lacks two of the first's keys and has one of its own.
        let keys = [
            0x0000_0001_0000_0001_u64,
            0x0000_0001_0000_0002,
            0x0000_0001_0000_0003,
            0x8000_0000_0000_0000,
            0xffff_ffff_ffff_fff0,
            0x1234_5678_9abc_def0,
        ];
        let mut first = Averaged::default();
        let mut second = Averaged::default();
        for (n, &key) in keys.iter().enumerate() {
            let mut row = [0.0; COUNT];
            row[n % COUNT] = 1.0 + n as f32;
            row[COUNT - 1] = -2.0;
            first.rows.insert(key, row);
            if n % 3 != 1 {
                second.rows.insert(key, row.map(|w| -3.0 * w));
            }
        }
        second.rows.insert(0x0000_0001_0000_0004, [0.5; COUNT]);
        let bytes: &'static [u8] = Box::leak(write_model(&[&first, &second]).into_boxed_slice());
        let tables = model::parse(bytes).expect("the written model parses");
        assert_eq!(tables.len(), 2);
        let absent = [0x0000_0001_0000_0005_u64, 0x8000_0000_0000_0001, 0x42];
        for (table, averaged) in tables.iter().zip([&first, &second]) {
            for key in keys.iter().chain(&[0x0000_0001_0000_0004]).chain(&absent) {
                let mut scores = [0.0; COUNT];
                table.add_to(*key, &mut scores);
                let want = averaged.rows.get(key).copied().unwrap_or([0.0; COUNT]);
                for (got, want) in scores.iter().zip(want) {
                    // Weights are stored as i16 steps of max / 32767.
                    assert!((got - want).abs() < 2e-3, "{key:#x}: {scores:?}");
                }
            }
        }
        // Both tables at once give what each gives alone.
        let model = model::Model {
            local: tables[0],
            document: tables[1],
        };
        let mut sums = ([0; COUNT], [0; COUNT]);
        model.add_all_to_both(&keys, &mut sums.0, &mut sums.1);
        let mut both = ([0.0; COUNT], [0.0; COUNT]);
        model.local.add_sums(&sums.0, &mut both.0);
        model.document.add_sums(&sums.1, &mut both.1);
        let mut alone = ([0.0; COUNT], [0.0; COUNT]);
        tables[0].add_all(&keys, &mut alone.0);
        tables[1].add_all(&keys, &mut alone.1);
        assert_eq!(both, alone);
    }
}
