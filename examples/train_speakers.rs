//! Trains the speaker ranker's weights (`src/analysis/quotes/speaker_weights.txt`)
//! from PolNeAR train attribution gold.
//!
//! `cargo run --release --example train_speakers -- POLNEAR_DIR [--out FILE]
//! [--half even|odd]`
//!
//! POLNEAR_DIR holds `gold.json` and `articles/` (see its README; the data is
//! never committed). Each article is analysed with `folio::analysis::analyse`;
//! every quotation the ranker decides (no reporting clause named its
//! speaker) that matches a gold quotation exactly (marks and spaces
//! stripped) becomes one example: its candidates, with the right ones being
//! the candidates whose entity's name or mentions hold the gold speaker's
//! surname (the scorer's rule), or the "nobody" candidate for a gold scare
//! quote. Quotations whose gold speaker no candidate matches, or whose gold
//! speaker is empty or a description, are left out.
//!
//! The model is a conditional logit: P(candidate) = softmax of w·features
//! over the quotation's candidates; the loss is −log of the probability of
//! the right candidates plus an L2 penalty, minimised by full-batch gradient
//! descent from zero for a fixed number of steps, articles in name order: no
//! randomness, so the same data always gives the same bytes. `--half even`
//! trains on the articles at even positions (in name order) and reports
//! ranking accuracy on the odd ones too (and `odd` the other way round), to
//! check the figures generalise. Writes the weights to FILE (default:
//! standard output).

use std::collections::HashSet;
use std::ops::Range;
use std::process::ExitCode;

use folio::analysis::quotes::candidates::{Candidate, FEATURES, N_FEATURES, Via};
use folio::analysis::quotes::ranking_examples;
use folio::analysis::{Progress, analyse};
use folio::document::Document;

/// L2 penalty per example.
const L2: f64 = 1e-3;
/// Gradient descent steps and step size.
const STEPS: usize = 600;
const RATE: f64 = 0.5;

/// One training example: candidates and which are right.
struct Example {
    features: Vec<[f32; N_FEATURES]>,
    right: Vec<bool>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: train_speakers POLNEAR_DIR [--out FILE] [--half even|odd]");
        return ExitCode::FAILURE;
    };
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|k| args.get(k + 1))
    };
    let out = value("--out");
    let half = value("--half").map(String::as_str);
    let gold_text = match std::fs::read_to_string(format!("{dir}/gold.json")) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {dir}/gold.json: {e}");
            return ExitCode::FAILURE;
        }
    };
    let gold: serde_json::Value = match serde_json::from_str(&gold_text) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("gold.json: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut articles: Vec<&serde_json::Value> = gold
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    articles.sort_by_key(|a| a["file"].as_str().unwrap_or("").to_owned());
    let mut train = Vec::new();
    let mut held = Vec::new();
    for (k, article) in articles.iter().enumerate() {
        let examples = examples(dir, article);
        let in_train = match half {
            Some("even") => k % 2 == 0,
            Some("odd") => k % 2 == 1,
            _ => true,
        };
        if in_train {
            train.extend(examples);
        } else {
            held.extend(examples);
        }
    }
    let weights = fit(&train);
    eprintln!(
        "examples: {} train, {} held out; ranking accuracy {:.3} train{}",
        train.len(),
        held.len(),
        accuracy(&weights, &train),
        if held.is_empty() {
            String::new()
        } else {
            format!(", {:.3} held out", accuracy(&weights, &held))
        }
    );
    let mut file = String::from(
        "# Speaker ranker weights, written by examples/train_speakers.rs from PolNeAR\n\
         # train attribution gold (the data itself is not in the repository).\n",
    );
    for (name, w) in FEATURES.iter().zip(weights) {
        file.push_str(&format!("{name} {w:.4}\n"));
    }
    match out {
        Some(path) => {
            if let Err(e) = std::fs::write(path, file) {
                eprintln!("cannot write {path}: {e}");
                return ExitCode::FAILURE;
            }
        }
        None => print!("{file}"),
    }
    ExitCode::SUCCESS
}

/// The examples of one gold article.
fn examples(dir: &str, article: &serde_json::Value) -> Vec<Example> {
    let Some(file) = article["file"].as_str() else {
        return Vec::new();
    };
    let Ok(bytes) = std::fs::read(format!("{dir}/articles/{file}")) else {
        eprintln!("skipped {file}: cannot read it");
        return Vec::new();
    };
    let Ok(raw) = std::str::from_utf8(&bytes) else {
        return Vec::new();
    };
    let doc = Document::from_bytes(&bytes, None);
    if doc.text() != raw {
        eprintln!("skipped {file}: folio's text differs from the file's");
        return Vec::new();
    }
    let analysis = analyse(&doc, &Progress::default());
    let ranked = ranking_examples(&doc, &analysis.sentences, &analysis.entities);
    // Char offset -> byte offset.
    let mut byte_at: Vec<usize> = raw.char_indices().map(|(b, _)| b).collect();
    byte_at.push(raw.len());
    let norm = |r: Range<usize>| -> Range<usize> {
        let s = raw.get(r.clone()).unwrap_or("");
        let lead = s.len() - s.trim_start_matches(is_mark_or_space).len();
        let trail = s.len() - s.trim_end_matches(is_mark_or_space).len();
        r.start + lead..r.end.saturating_sub(trail).max(r.start + lead)
    };
    let mut out = Vec::new();
    for q in article["quotes"].as_array().into_iter().flatten() {
        if q["nested"].as_bool() == Some(true) {
            continue;
        }
        let (Some(s), Some(e)) = (q["start"].as_u64(), q["end"].as_u64()) else {
            continue;
        };
        let (Some(&s), Some(&e)) = (
            byte_at.get(usize::try_from(s).unwrap_or(usize::MAX)),
            byte_at.get(usize::try_from(e).unwrap_or(usize::MAX)),
        ) else {
            continue;
        };
        let gold_span = norm(s..e);
        let Some((_, candidates)) = ranked
            .iter()
            .find(|(span, _)| norm(span.clone()) == gold_span)
        else {
            continue;
        };
        let right: Vec<bool> = if q["kind"].as_str() == Some("scare") {
            candidates.iter().map(|c| c.via == Via::Nobody).collect()
        } else {
            let speaker = q["speaker"].as_str().unwrap_or("").trim();
            if speaker.is_empty() {
                continue;
            }
            if let Some(head) = q["speaker_head"].as_str() {
                let head = head.replace('’', "'").to_lowercase();
                candidates
                    .iter()
                    .map(|c| matches!(&c.via, Via::Description(words) if words_of(words).contains(&head)))
                    .collect()
            } else if speaker.chars().next().is_none_or(char::is_lowercase) {
                continue;
            } else {
                candidates
                    .iter()
                    .map(|c| names_speaker(c, &analysis.entities, raw, speaker))
                    .collect()
            }
        };
        if !right.iter().any(|r| *r) {
            continue;
        }
        out.push(Example {
            features: candidates.iter().map(|c| c.features).collect(),
            right,
        });
    }
    out
}

fn is_mark_or_space(c: char) -> bool {
    c.is_whitespace() || "“”‘’\"'«»‹›„‚".contains(c)
}

/// [`words`], for a description.
fn words_of(s: &str) -> HashSet<String> {
    words(s)
}

/// Words of a name as the scorer cuts them: lower case, `'s` dropped,
/// hyphenated words also split.
fn words(s: &str) -> HashSet<String> {
    let s = s.replace(['’', '‘'], "'").to_lowercase();
    let mut out = HashSet::new();
    for token in s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-')) {
        let token = token.trim_matches(|c| c == '\'' || c == '-');
        let token = token.strip_suffix("'s").unwrap_or(token);
        if token.is_empty() {
            continue;
        }
        if token.contains('-') {
            out.extend(token.split('-').map(str::to_owned));
        }
        out.insert(token.to_owned());
    }
    out
}

/// Whether the candidate's entity names the gold speaker: its surname is a
/// word of the entity's name or of a mention.
fn names_speaker(
    candidate: &Candidate,
    entities: &[folio::analysis::Entity],
    text: &str,
    speaker: &str,
) -> bool {
    let Some(entity) = candidate.entity.and_then(|i| entities.get(i)) else {
        return false;
    };
    let suffixes = ["jr", "jnr", "sr", "snr", "ii", "iii", "iv"];
    let lower = speaker.replace('’', "'").to_lowercase();
    let Some(surname) = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|t| t.strip_suffix("'s").unwrap_or(t))
        .rfind(|t| !t.is_empty() && !suffixes.contains(t))
    else {
        return false;
    };
    let mut all = words(&entity.name);
    for m in &entity.mentions {
        all.extend(words(text.get(m.clone()).unwrap_or("")));
    }
    surname.chars().count() >= 3 && all.contains(surname)
}

/// Scores of each candidate of `example` under `w`.
fn scores(w: &[f64; N_FEATURES], example: &Example) -> Vec<f64> {
    example
        .features
        .iter()
        .map(|f| w.iter().zip(f).map(|(w, f)| w * f64::from(*f)).sum())
        .collect()
}

/// Fits the weights by gradient descent on the mean loss.
fn fit(examples: &[Example]) -> [f64; N_FEATURES] {
    let mut w = [0.0; N_FEATURES];
    #[allow(clippy::cast_precision_loss)]
    let n = examples.len().max(1) as f64;
    for _ in 0..STEPS {
        let mut grad = [0.0; N_FEATURES];
        for example in examples {
            let s = scores(&w, example);
            let top = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let e: Vec<f64> = s.iter().map(|x| (x - top).exp()).collect();
            let all: f64 = e.iter().sum();
            let right: f64 = e
                .iter()
                .zip(&example.right)
                .filter(|(_, r)| **r)
                .map(|(x, _)| x)
                .sum();
            for ((x, r), f) in e.iter().zip(&example.right).zip(&example.features) {
                // d(-log right/all)/d score = p_all - p_right (within the right ones).
                let p_all = x / all;
                let p_right = if *r { x / right } else { 0.0 };
                for (g, v) in grad.iter_mut().zip(f) {
                    *g += (p_all - p_right) * f64::from(*v);
                }
            }
        }
        for (wk, g) in w.iter_mut().zip(grad) {
            *wk -= RATE * (g / n + L2 * *wk);
        }
    }
    w
}

/// Share of examples whose best-scored candidate is a right one.
fn accuracy(w: &[f64; N_FEATURES], examples: &[Example]) -> f64 {
    let right = examples
        .iter()
        .filter(|example| {
            let s = scores(w, example);
            let best = s
                .iter()
                .enumerate()
                .fold(
                    (0, f64::NEG_INFINITY),
                    |b, (k, x)| if *x > b.1 { (k, *x) } else { b },
                )
                .0;
            example.right.get(best).copied().unwrap_or(false)
        })
        .count();
    #[allow(clippy::cast_precision_loss)]
    let share = right as f64 / examples.len().max(1) as f64;
    share
}
