//! Check-worthiness: which sentences of an article make claims worth
//! checking, how strongly (a score in 0..1), why (typed [`Reason`]s) and as
//! what kind of claim ([`ClaimLabel`]).
//!
//! A logistic regression over hashed word, word-pair and cue features (see
//! [`features`]), trained by `examples/train_checkworthy.rs` on ClaimBuster
//! (Arslan, Hassan, Li & Tremayne, ICWSM 2020, as released for CheckThat!
//! 2024) with settings chosen on its crowdsourced set and the CheckThat!
//! 2019 debates; weights embedded from `models/checkworthy.bin`. Pure: no
//! I/O.

pub mod cues;
pub mod features;
pub mod model;

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use cues::Cue;
use features::{Sentence, Signals};
use model::Model;

use super::entities::tokens::SentenceWords;
use super::{Entity, Quotation};
use crate::document::Document;

/// The embedded weights file.
const WEIGHTS: &[u8] = include_bytes!("../../models/checkworthy.bin");

/// Score at or above which a sentence counts as check-worthy (the model's
/// bias is set in training so that this threshold is the best on dev).
pub const THRESHOLD: f32 = 0.5;

/// The embedded model; all zeros (every score 0.5) if the file were
/// unreadable, which a unit test rules out.
pub fn embedded() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(WEIGHTS).unwrap_or_else(|_| Model::zeros(8)))
}

/// Why a sentence is suggested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A quantity together with a change verb ("rose to 5%").
    NumberChange,
    /// A number, percentage or sum of money.
    Number,
    /// A comparative or superlative ("more than", "the highest").
    Comparison,
    /// A prediction ("will", "is expected to").
    Prediction,
    /// A promise ("we will", "pledged").
    Promise,
    /// Cause and effect ("because", "led to").
    Cause,
    /// Part of a quotation whose speaker the text names.
    Quotation(String),
    /// No cue fired: the words whose own weights in the model raise the
    /// score most (at most three, as written).
    Words(Vec<String>),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NumberChange => f.write_str("number + change verb"),
            Reason::Number => f.write_str("number"),
            Reason::Comparison => f.write_str("comparison"),
            Reason::Prediction => f.write_str("prediction"),
            Reason::Promise => f.write_str("promise"),
            Reason::Cause => f.write_str("cause and effect"),
            Reason::Quotation(name) => write!(f, "quotation by {name}"),
            Reason::Words(words) => {
                f.write_str("words ")?;
                for (k, word) in words.iter().enumerate() {
                    let comma = if k > 0 { ", " } else { "" };
                    write!(f, "{comma}\"{word}\"")?;
                }
                Ok(())
            }
        }
    }
}

/// The proposed claim label, from the default claim vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimLabel {
    /// A figure: numbers, percentages, money.
    Statistic,
    /// A statement about the future.
    Prediction,
    /// A commitment to act.
    Promise,
    /// Someone's quoted words.
    Quotation,
    /// Any other checkable statement.
    Checkable,
}

impl ClaimLabel {
    /// The label as the claim vocabulary writes it (`statistic`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimLabel::Statistic => "statistic",
            ClaimLabel::Prediction => "prediction",
            ClaimLabel::Promise => "promise",
            ClaimLabel::Quotation => "quotation",
            ClaimLabel::Checkable => "checkable",
        }
    }
}

impl fmt::Display for ClaimLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One scored sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The sentence: byte range into the document text, end-exclusive.
    pub span: Range<usize>,
    /// Check-worthiness in 0..1; at or above [`THRESHOLD`] it is suggested.
    pub score: f32,
    /// Why, strongest first: the cues that fired; for a suggestion no cue
    /// explains, the words the model weighs most ([`Reason::Words`]);
    /// empty for other sentences without a cue.
    pub reasons: Vec<Reason>,
    /// The proposed claim label.
    pub label: ClaimLabel,
}

// Scores come from a sigmoid: never NaN.
impl Eq for Suggestion {}

/// Scores every sentence of an analysed document, in text order.
/// `text` is the document text the analysis' byte ranges index.
pub fn score_sentences(
    text: &str,
    sentences: &[Range<usize>],
    entities: &[Entity],
    quotations: &[Quotation],
) -> Vec<Suggestion> {
    let words = SentenceWords::new(text, sentences);
    score_tokenised(text, sentences, &words, entities, quotations)
}

/// [`score_sentences`] with the words of every sentence already cut.
pub(crate) fn score_tokenised(
    text: &str,
    sentences: &[Range<usize>],
    words: &SentenceWords<'_>,
    entities: &[Entity],
    quotations: &[Quotation],
) -> Vec<Suggestion> {
    let mentions = mention_kinds(entities);
    let model = embedded();
    let mut first_mention = 0;
    sentences
        .iter()
        .enumerate()
        .map(|(n, span)| {
            while mentions
                .get(first_mention)
                .is_some_and(|(r, _)| r.end <= span.start)
            {
                first_mention += 1;
            }
            let kinds = mentions
                .get(first_mention..)
                .unwrap_or(&[])
                .iter()
                .take_while(|(r, _)| r.start < span.end)
                .map(|(_, k)| *k)
                .collect();
            let sentence = Sentence {
                text,
                span: span.clone(),
                entities: kinds,
                speaker: speaker_of(span, entities, quotations),
            };
            let (signals, hashed) = features::extract_from(&sentence, words.get(n));
            let score = model.score(&hashed);
            let mut reasons = reasons(&signals);
            // A suggestion no cue explains names the words that weigh
            // most in the model, not nothing.
            if reasons.is_empty() && score >= THRESHOLD {
                let telling = features::telling_words(words.get(n), model, 3);
                if !telling.is_empty() {
                    reasons.push(Reason::Words(
                        telling.into_iter().map(str::to_owned).collect(),
                    ));
                }
            }
            Suggestion {
                span: span.clone(),
                score,
                reasons,
                label: label(&signals),
            }
        })
        .collect()
}

/// Those of `suggestions` (an analysis' list) at or above [`THRESHOLD`], best first
/// (ties in text order).
pub fn ranked(suggestions: &[Suggestion]) -> Vec<&Suggestion> {
    let mut out: Vec<&Suggestion> = suggestions
        .iter()
        .filter(|s| s.score >= THRESHOLD)
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.span.start.cmp(&b.span.start))
    });
    out
}

/// The score of `line` read as one sentence of a one-line article (entities
/// and quotations found by the full analysis): what `folio suggest
/// --each-line` prints and what the model was trained on.
pub fn score_line(line: &str) -> f32 {
    embedded().score(&line_features(line))
}

/// The hashed features of `line` read as one sentence of a one-line
/// article, for [`score_line`] and the training program.
pub fn line_features(line: &str) -> Vec<u32> {
    let doc = Document::from_bytes(line.as_bytes(), None);
    let text = doc.text();
    let sentences = super::sentences::segment(&doc);
    let entities = super::entities::recognise(&doc, &sentences, &super::Progress::default());
    let quotations = super::quotes::find(&doc, &sentences, &entities);
    let span = 0..text.len();
    let mut kinds: Vec<_> = entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |_| e.kind))
        .collect();
    kinds.sort_unstable();
    let sentence = Sentence {
        text,
        span: span.clone(),
        entities: kinds,
        speaker: speaker_of(&span, &entities, &quotations),
    };
    features::extract(&sentence).1
}

/// Every mention as (byte range, kind), sorted by start.
fn mention_kinds(entities: &[Entity]) -> Vec<(Range<usize>, super::EntityKind)> {
    let mut all: Vec<_> = entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (m.clone(), e.kind)))
        .collect();
    all.sort_by_key(|(r, _)| r.start);
    all
}

/// The named speaker of a speech quotation overlapping `span`.
fn speaker_of(
    span: &Range<usize>,
    entities: &[Entity],
    quotations: &[Quotation],
) -> Option<String> {
    let start = quotations.partition_point(|q| q.span.end <= span.start);
    quotations
        .get(start..)
        .unwrap_or(&[])
        .iter()
        .take_while(|q| q.span.start < span.end)
        .filter(|q| q.span.end > span.start && q.kind == super::QuoteKind::Speech)
        .find_map(|q| {
            q.speaker
                .and_then(|i| entities.get(i))
                .map(|e| e.name.clone())
        })
}

/// The reasons the signals give, strongest first.
fn reasons(s: &Signals) -> Vec<Reason> {
    let mut out = Vec::new();
    if s.quantity() && s.has(Cue::Change) {
        out.push(Reason::NumberChange);
    } else if s.quantity() {
        out.push(Reason::Number);
    }
    if s.has(Cue::Comparative) || s.has(Cue::Superlative) {
        out.push(Reason::Comparison);
    }
    if s.has(Cue::Promise) {
        out.push(Reason::Promise);
    } else if s.has(Cue::Predictive) {
        out.push(Reason::Prediction);
    }
    if s.has(Cue::Causal) {
        out.push(Reason::Cause);
    }
    if let Some(name) = &s.speaker {
        out.push(Reason::Quotation(name.clone()));
    }
    // Every sentence keeps its reasons, and a vector's first push makes
    // room for four: exact size saves most of it on a long text.
    out.shrink_to_fit();
    out
}

/// The proposed label: a promise, a prediction, a statistic, a quotation,
/// or otherwise a checkable statement.
fn label(s: &Signals) -> ClaimLabel {
    if s.has(Cue::Promise) {
        ClaimLabel::Promise
    } else if s.number || s.percent {
        ClaimLabel::Statistic
    } else if s.has(Cue::Predictive) {
        ClaimLabel::Prediction
    } else if s.speaker.is_some() {
        ClaimLabel::Quotation
    } else {
        ClaimLabel::Checkable
    }
}

#[cfg(test)]
mod tests;
