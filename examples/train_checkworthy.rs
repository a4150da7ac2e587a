//! Trains folio's check-worthiness model and writes its weights file.
//!
//! `cargo run --release --example train_checkworthy -- TRAIN.tsv DEV.tsv
//! [DEBATES_DEV.tsv] [-o models/checkworthy.bin]`
//!
//! TRAIN and DEV are ClaimBuster TSVs (`id label fine_label sentence`, header
//! line); DEBATES_DEV the CheckThat! 2019 debates (`doc:line` ids). A
//! logistic regression over hashed features (see
//! `folio::analysis::checkworthy::features`) is fitted with AdaGrad on TRAIN
//! in an order shuffled by a fixed seed; the L2 penalty and the number of
//! epochs are chosen by average precision plus F1 on DEV (with the debates'
//! MAP breaking ties), and the bias is moved so that 0.5 is DEV's best F1
//! threshold. Same data, same seed: the same bytes.

// A training program: a failed write is the end of it.
#![allow(clippy::expect_used, clippy::cast_precision_loss)]

use std::collections::BTreeMap;
use std::process::ExitCode;

use folio::analysis::checkworthy::features::hash;
use folio::analysis::checkworthy::line_features;
use folio::analysis::checkworthy::model::Model;

/// Buckets: 2^BITS weights.
const BITS: u8 = 18;
/// The shuffling seed.
const SEED: u64 = 0x5eed_c0de;
/// AdaGrad's base learning rate.
const RATE: f32 = 0.2;
const PENALTIES: [f32; 4] = [0.0, 1e-6, 1e-5, 1e-4];
const MAX_EPOCHS: usize = 12;

struct Example {
    id: String,
    label: bool,
    sentence: String,
    features: Vec<u32>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut output = "models/checkworthy.bin".to_owned();
    let mut inputs = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        if a == "-o" {
            output = it.next().unwrap_or(output);
        } else {
            inputs.push(a);
        }
    }
    let [train, dev, rest @ ..] = inputs.as_slice() else {
        eprintln!("usage: train_checkworthy TRAIN.tsv DEV.tsv [DEBATES_DEV.tsv] [-o FILE]");
        return ExitCode::from(2);
    };
    let train = read(train);
    let dev = read(dev);
    let debates = rest.first().map(|p| read(p));
    eprintln!("train {} dev {}", train.len(), dev.len());
    let mut best: Option<(f64, f64, usize, f32, Model)> = None;
    for penalty in PENALTIES {
        let mut trainer = Trainer::new(penalty);
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut rng = SEED;
        for epoch in 1..=MAX_EPOCHS {
            shuffle(&mut order, &mut rng);
            for &i in &order {
                trainer.step(&train[i]);
            }
            let dev_scores: Vec<f32> = dev
                .iter()
                .map(|e| trainer.model.score(&e.features))
                .collect();
            let ap = average_precision(&dev, &dev_scores);
            let (f1, _) = best_f1(&dev, &dev_scores);
            let map = debates.as_ref().map_or(0.0, |d| mean_ap(d, &trainer.model));
            eprintln!(
                "penalty {penalty:e} epoch {epoch}: dev AP {ap:.4} best F1 {f1:.4} debates MAP {map:.4}"
            );
            let key = ap + f1;
            if best
                .as_ref()
                .is_none_or(|b| key > b.0 + 1e-9 || (key > b.0 - 1e-9 && map > b.1))
            {
                best = Some((key, map, epoch, penalty, trainer.model.clone()));
            }
        }
    }
    let Some((_, _, epoch, penalty, mut model)) = best else {
        return ExitCode::FAILURE;
    };
    let scores: Vec<f32> = dev.iter().map(|e| model.score(&e.features)).collect();
    let (_, threshold) = best_f1(&dev, &scores);
    // Move the bias so that the best threshold becomes 0.5.
    let shift = -logit(threshold);
    model.offset = shift;
    let scores: Vec<f32> = dev.iter().map(|e| model.score(&e.features)).collect();
    let (p, r, f1) = f1_at(&dev, &scores, 0.5);
    eprintln!(
        "chosen: penalty {penalty:e}, {epoch} epochs; dev at 0.5: precision {p:.4} recall {r:.4} F1 {f1:.4}, AP {:.4}",
        average_precision(&dev, &scores)
    );
    if let Some(d) = &debates {
        eprintln!("debates dev MAP {:.4}", mean_ap(d, &model));
    }
    report_weights(&model, &train);
    std::fs::write(&output, model.to_bytes()).expect("cannot write the model file");
    eprintln!("wrote {output}");
    ExitCode::SUCCESS
}

/// Logistic regression trained with AdaGrad and a lazy-free L2 penalty on
/// the features of each example.
struct Trainer {
    model: Model,
    squares: Vec<f32>,
    penalty: f32,
}

impl Trainer {
    fn new(penalty: f32) -> Self {
        let model = Model::zeros(BITS);
        let squares = vec![1e-8; 1 << BITS];
        Self {
            model,
            squares,
            penalty,
        }
    }

    fn step(&mut self, example: &Example) {
        let p = self.model.score(&example.features);
        let gradient = p - if example.label { 1.0 } else { 0.0 };
        let buckets: Vec<usize> = example
            .features
            .iter()
            .map(|&h| self.model.bucket(h))
            .collect();
        let weights = self.model.weights_mut();
        for b in buckets {
            let g = gradient + self.penalty * weights[b];
            self.squares[b] += g * g;
            weights[b] -= RATE * g / self.squares[b].sqrt();
        }
    }
}

fn logit(p: f32) -> f32 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln()
}

fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        // xorshift64*
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        let r = state.wrapping_mul(0x2545_f491_4f6c_dd1d);
        order.swap(i, (r % (i as u64 + 1)) as usize);
    }
}

fn read(path: &str) -> Vec<Example> {
    let text = std::fs::read_to_string(path).expect("cannot read the TSV");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name);
    let sentence_col = column("sentence").unwrap_or(3);
    lines
        .filter(|l| !l.is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let sentence = cells.get(sentence_col).copied().unwrap_or("").to_owned();
            Example {
                id: cells.first().copied().unwrap_or("").to_owned(),
                label: cells.get(1) == Some(&"1"),
                features: line_features(&sentence),
                sentence,
            }
        })
        .collect()
}

/// Tie-aware average precision (as score.py).
fn average_precision(examples: &[Example], scores: &[f32]) -> f64 {
    let mut pairs: Vec<(f32, bool)> = scores
        .iter()
        .copied()
        .zip(examples.iter().map(|e| e.label))
        .collect();
    let positives = pairs.iter().filter(|p| p.1).count();
    if positives == 0 {
        return f64::NAN;
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut ap, mut tp, mut fp, mut prev) = (0.0, 0usize, 0usize, 0.0);
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        while j < pairs.len() && pairs[j].0 == pairs[i].0 {
            if pairs[j].1 {
                tp += 1
            } else {
                fp += 1
            }
            j += 1;
        }
        let recall = tp as f64 / positives as f64;
        ap += (recall - prev) * tp as f64 / (tp + fp) as f64;
        prev = recall;
        i = j;
    }
    ap
}

fn f1_at(examples: &[Example], scores: &[f32], threshold: f32) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (e, &s) in examples.iter().zip(scores) {
        match (e.label, s >= threshold) {
            (true, true) => tp += 1.0,
            (false, true) => fp += 1.0,
            (true, false) => fn_ += 1.0,
            _ => {}
        }
    }
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The best F1 over thresholds midway between distinct scores.
fn best_f1(examples: &[Example], scores: &[f32]) -> (f64, f32) {
    let mut sorted: Vec<f32> = scores.to_vec();
    sorted.sort_by(f32::total_cmp);
    sorted.dedup();
    let mut best = (0.0, 0.5);
    for w in sorted.windows(2) {
        let t = (w[0] + w[1]) / 2.0;
        let (_, _, f) = f1_at(examples, scores, t);
        if f > best.0 {
            best = (f, t);
        }
    }
    best
}

/// Mean over `doc:line` documents with a positive of their average precision.
fn mean_ap(examples: &[Example], model: &Model) -> f64 {
    let mut docs: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, e) in examples.iter().enumerate() {
        let doc = e.id.rsplit_once(':').map_or("", |(d, _)| d);
        docs.entry(doc).or_default().push(i);
    }
    let aps: Vec<f64> = docs
        .values()
        .filter_map(|idx| {
            let subset: Vec<Example> = idx
                .iter()
                .map(|&i| Example {
                    id: String::new(),
                    label: examples[i].label,
                    sentence: String::new(),
                    features: Vec::new(),
                })
                .collect();
            let scores: Vec<f32> = idx
                .iter()
                .map(|&i| model.score(&examples[i].features))
                .collect();
            let ap = average_precision(&subset, &scores);
            (!ap.is_nan()).then_some(ap)
        })
        .collect();
    aps.iter().sum::<f64>() / aps.len().max(1) as f64
}

/// Prints the named cue features' weights and the heaviest words.
fn report_weights(model: &Model, train: &[Example]) {
    let cues = [
        "number",
        "percent",
        "money",
        "year",
        "entity",
        "person",
        "place",
        "organisation",
        "speaker",
        "question",
        "number+change",
        "number+comparative",
        "number+entity",
        "number+year",
        "first_person+hedge",
        "first_person+opinion",
        "first_person+predictive",
        "change",
        "comparative",
        "superlative",
        "causal",
        "predictive",
        "promise",
        "hedge",
        "opinion",
        "number_word",
        "first_person",
        "second_person",
        "reporting",
        "len<5",
        "len<10",
        "len<20",
        "len<30",
        "len>=30",
    ];
    let mut named: Vec<(f32, String)> = cues
        .iter()
        .map(|c| (model.weight(hash(&["cue", c])), format!("cue:{c}")))
        .collect();
    named.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
    eprintln!("cue weights:");
    for (w, name) in &named {
        eprintln!("  {w:+.3} {name}");
    }
    let mut words: BTreeMap<String, f32> = BTreeMap::new();
    for e in train {
        for w in e.sentence.split_whitespace() {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            words
                .entry(w.clone())
                .or_insert_with(|| model.weight(hash(&["w", &w])));
        }
    }
    let mut words: Vec<(String, f32)> = words.into_iter().collect();
    words.sort_by(|a, b| b.1.total_cmp(&a.1));
    let top: Vec<String> = words
        .iter()
        .take(15)
        .map(|(w, v)| format!("{w} {v:+.2}"))
        .collect();
    let bottom: Vec<String> = words
        .iter()
        .rev()
        .take(15)
        .map(|(w, v)| format!("{w} {v:+.2}"))
        .collect();
    eprintln!("heaviest words: {}", top.join(", "));
    eprintln!("lightest words: {}", bottom.join(", "));
}
