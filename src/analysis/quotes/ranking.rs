//! Choosing a speaker among the [`candidates`](super::candidates): a linear
//! score over each candidate's features, the highest wins (the "nobody"
//! candidate included). The weights are learned from PolNeAR train
//! attribution gold by `examples/train_speakers.rs` (a conditional logit:
//! softmax over a quotation's candidates, full-batch gradient descent, no
//! randomness, so the same data gives the same file) and embedded from
//! `speaker_weights.txt`, one `feature weight` a line.

use std::sync::LazyLock;

use super::candidates::{Candidate, FEATURES, N_FEATURES, Via};

/// Subtracted from the "nobody" candidate's score when choosing (not when
/// training): the model is trained on scare quotes as "nobody", but a reader
/// is better served by a speaker shown as weak evidence than by none. One
/// scalar chosen on PolNeAR train (0.842 -> 0.851 speaker accuracy; on the
/// odd half of the articles with weights trained on the even half, 0.846 ->
/// 0.856); the 50 quotation fixtures still hold.
const NOBODY_PENALTY: f32 = 2.0;

/// The embedded weights file.
const WEIGHTS: &str = include_str!("speaker_weights.txt");

/// The weights in the order of [`FEATURES`]; a feature missing from the
/// file weighs 0.
fn weights() -> &'static [f32; N_FEATURES] {
    static W: LazyLock<[f32; N_FEATURES]> = LazyLock::new(|| parse(WEIGHTS));
    &W
}

/// Parses a weights file (`feature weight` lines, `#` comments); unknown
/// features and unreadable numbers are skipped.
pub fn parse(file: &str) -> [f32; N_FEATURES] {
    let mut w = [0.0; N_FEATURES];
    for line in file.lines().filter(|l| !l.starts_with('#')) {
        let mut parts = line.split_whitespace();
        if let (Some(name), Some(value)) = (parts.next(), parts.next())
            && let Some(k) = FEATURES.iter().position(|f| *f == name)
            && let Ok(v) = value.parse::<f32>()
            && let Some(slot) = w.get_mut(k)
        {
            *slot = v;
        }
    }
    w
}

/// The score of `candidate` under `weights`.
pub fn score(weights: &[f32; N_FEATURES], candidate: &Candidate) -> f32 {
    weights
        .iter()
        .zip(&candidate.features)
        .map(|(w, f)| w * f)
        .sum()
}

/// The best candidate (with "nobody" handicapped by [`NOBODY_PENALTY`]) and
/// its probability under the model as trained (softmax over all candidates,
/// no penalty, 0..=1), or `None` when there are none.
pub(super) fn best(candidates: &[Candidate]) -> Option<(&Candidate, f32)> {
    let w = weights();
    let scores: Vec<f32> = candidates.iter().map(|c| score(w, c)).collect();
    let penalised = candidates.iter().zip(&scores).map(|(c, s)| {
        if c.via == Via::Nobody {
            s - NOBODY_PENALTY
        } else {
            *s
        }
    });
    let (k, _) =
        penalised
            .enumerate()
            .fold(None, |best: Option<(usize, f32)>, (k, s)| match best {
                Some((_, b)) if b >= s => best,
                _ => Some((k, s)),
            })?;
    let top = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let total: f32 = scores.iter().map(|s| (s - top).exp()).sum();
    // Candidates for the same entity share its probability.
    let chosen = candidates.get(k)?;
    let mass: f32 = candidates
        .iter()
        .zip(&scores)
        .filter(|(c, _)| c.entity == chosen.entity && c.via != Via::Nobody)
        .map(|(_, s)| (s - top).exp())
        .sum();
    let mass = if chosen.via == Via::Nobody {
        scores.get(k).map_or(0.0, |s| (s - top).exp())
    } else {
        mass
    };
    Some((chosen, mass / total.max(f32::MIN_POSITIVE)))
}
