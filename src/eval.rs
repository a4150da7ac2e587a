//! Evaluation of the named entity recogniser against CoNLL-2003-style data.
//!
//! Scoring follows conlleval, the shared task's scorer (Tjong Kim Sang & De
//! Meulder, 2003): a predicted entity counts as correct only when its token
//! span and its type both equal a gold entity's; precision is correct /
//! predicted, recall correct / gold, F1 their harmonic mean, all in percent.
//! [`Scorer`] also keeps the untyped score (span only) and the same figures
//! for the "prose" subset of sentences ([`conll::is_prose`]).
//!
//! folio's kinds map to CoNLL types as person → PER, place → LOC,
//! organisation → ORG, misc → MISC. `examples/conll_eval.rs` runs the whole
//! analysis over a CoNLL file and prints these figures.

pub mod conll;

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use crate::analysis::{Analysis, EntityKind};

/// An entity chunk of one sentence: token range (end-exclusive) and CoNLL type.
pub type Chunk = (Range<usize>, String);

/// The CoNLL type folio's `kind` maps to.
pub fn conll_type(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "PER",
        EntityKind::Place => "LOC",
        EntityKind::Organisation => "ORG",
        EntityKind::Misc => "MISC",
    }
}

/// Correct, predicted and gold counts for one table cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted entities equal to a gold entity.
    pub correct: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Gold entities.
    pub gold: usize,
}

impl Counts {
    /// Precision in percent (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        percent(self.correct, self.predicted)
    }

    /// Recall in percent (0 when there is no gold entity).
    pub fn recall(&self) -> f64 {
        percent(self.correct, self.gold)
    }

    /// F1 (harmonic mean of precision and recall) in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    fn add(&mut self, correct: usize, predicted: usize, gold: usize) {
        self.correct += correct;
        self.predicted += predicted;
        self.gold += gold;
    }
}

#[allow(clippy::cast_precision_loss)]
fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// Scores of one set of sentences: per type, micro-averaged over types, and
/// untyped (span only).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Per CoNLL type (`PER`, `LOC`, …), counting exact span and type.
    pub per_type: BTreeMap<String, Counts>,
    /// All types together (micro average).
    pub micro: Counts,
    /// Spans only, types ignored.
    pub untyped: Counts,
}

impl Table {
    fn add(&mut self, gold: &[Chunk], predicted: &[Chunk]) {
        let gold_set: HashSet<&Chunk> = gold.iter().collect();
        let correct: Vec<&Chunk> = predicted.iter().filter(|c| gold_set.contains(c)).collect();
        self.micro.add(correct.len(), predicted.len(), gold.len());
        for (_, kind) in gold {
            self.per_type.entry(kind.clone()).or_default().gold += 1;
        }
        for (_, kind) in predicted {
            self.per_type.entry(kind.clone()).or_default().predicted += 1;
        }
        for (_, kind) in correct {
            self.per_type.entry(kind.clone()).or_default().correct += 1;
        }
        let gold_spans: HashSet<&Range<usize>> = gold.iter().map(|(r, _)| r).collect();
        let span_correct = predicted
            .iter()
            .filter(|(r, _)| gold_spans.contains(r))
            .count();
        self.untyped
            .add(span_correct, predicted.len(), gold_spans.len());
    }
}

/// Accumulates scores sentence by sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scorer {
    /// Every sentence.
    pub all: Table,
    /// Prose sentences only (see [`conll::is_prose`]).
    pub prose: Table,
}

impl Scorer {
    /// Adds one sentence's gold and predicted chunks; `prose` says whether
    /// it belongs to the prose subset.
    pub fn add_sentence(&mut self, gold: &[Chunk], predicted: &[Chunk], prose: bool) {
        self.all.add(gold, predicted);
        if prose {
            self.prose.add(gold, predicted);
        }
    }
}

/// The analysis's entity mentions as chunks per sentence. `tokens` holds,
/// per sentence, each token's byte range in the analysed text (as
/// [`conll::rebuild`] returns them). A mention covers every token it
/// overlaps; a mention that crosses sentences, or overlaps tokens of an
/// earlier mention, is dropped.
pub fn predicted_chunks(analysis: &Analysis, tokens: &[Vec<Range<usize>>]) -> Vec<Vec<Chunk>> {
    predicted_mentions(analysis, tokens)
        .into_iter()
        .map(|sentence| {
            sentence
                .into_iter()
                .filter_map(|(range, entity)| {
                    let kind = analysis.entities.get(entity)?.kind;
                    Some((range, conll_type(kind).to_owned()))
                })
                .collect()
        })
        .collect()
}

/// Like [`predicted_chunks`], but each chunk carries the index into
/// `analysis.entities` of the entity it mentions instead of its type (for
/// error reports that show why an entity got its type).
pub fn predicted_mentions(
    analysis: &Analysis,
    tokens: &[Vec<Range<usize>>],
) -> Vec<Vec<(Range<usize>, usize)>> {
    let flat: Vec<(usize, usize, &Range<usize>)> = tokens
        .iter()
        .enumerate()
        .flat_map(|(s, ts)| ts.iter().enumerate().map(move |(t, r)| (s, t, r)))
        .collect();
    let mut out: Vec<Vec<(Range<usize>, usize)>> = vec![Vec::new(); tokens.len()];
    let mut taken_until: Vec<usize> = vec![0; tokens.len()];
    for (mention, entity) in analysis.mentions() {
        let first = flat.partition_point(|(_, _, r)| r.end <= mention.start);
        let after = flat.partition_point(|(_, _, r)| r.start < mention.end);
        let (Some(&(s, a, _)), Some(&(s2, b, _))) =
            (flat.get(first), flat.get(after.wrapping_sub(1)))
        else {
            continue;
        };
        if after <= first || s != s2 {
            continue;
        }
        let (Some(chunks), Some(until)) = (out.get_mut(s), taken_until.get_mut(s)) else {
            continue;
        };
        if a < *until {
            continue;
        }
        *until = b + 1;
        chunks.push((a..b + 1, entity));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Progress, analyse};
    use crate::document::Document;

    /// An invented snippet, IOB1: three people, two places, one organisation.
    const SNIPPET: &str = "-DOCSTART- -X- -X- O

Mr NNP I-NP O
Ondrej NNP I-NP I-PER
Vasko NNP I-NP I-PER
said VBD I-VP O
the DT I-NP O
Plimsoll NNP I-NP I-ORG
Group NNP I-NP I-ORG
had VBD I-VP O
left VBN I-VP O
Germany NNP I-NP I-LOC
. . O O

Vasko NNP I-NP I-PER
flew VBD I-VP O
to TO I-PP O
Paris NNP I-NP I-LOC
with IN I-PP O
Maria NNP I-NP I-PER
Okafor NNP I-NP I-PER
. . O O
";

    fn score(snippet: &str) -> Scorer {
        let mut scorer = Scorer::default();
        for document in conll::parse(snippet) {
            let (text, tokens) = conll::rebuild(&document);
            let doc = Document::from_bytes(text.as_bytes(), None);
            let analysis = analyse(&doc, &Progress::default());
            let predicted = predicted_chunks(&analysis, &tokens);
            for (sentence, chunks) in document.sentences.iter().zip(&predicted) {
                let gold = conll::chunks(sentence.iter().map(|t| t.tag.as_str()));
                scorer.add_sentence(&gold, chunks, conll::is_prose(sentence));
            }
        }
        scorer
    }

    #[test]
    fn exact_figures_on_a_hand_made_snippet() {
        let gold: Vec<Chunk> = vec![(1..3, "PER".into()), (5..7, "ORG".into())];
        let predicted: Vec<Chunk> = vec![
            (1..3, "PER".into()),
            (5..7, "LOC".into()),
            (9..10, "LOC".into()),
        ];
        let mut scorer = Scorer::default();
        scorer.add_sentence(&gold, &predicted, true);
        let micro = scorer.all.micro;
        assert_eq!((micro.correct, micro.predicted, micro.gold), (1, 3, 2));
        assert!((micro.precision() - 100.0 / 3.0).abs() < 1e-9);
        assert!((micro.recall() - 50.0).abs() < 1e-9);
        assert!((micro.f1() - 40.0).abs() < 1e-9);
        let untyped = scorer.all.untyped;
        assert_eq!(
            (untyped.correct, untyped.predicted, untyped.gold),
            (2, 3, 2)
        );
        assert!((untyped.f1() - 80.0).abs() < 1e-9);
        let org = scorer.all.per_type.get("ORG").copied().unwrap_or_default();
        assert_eq!((org.correct, org.predicted, org.gold), (0, 0, 1));
        assert_eq!(scorer.prose, scorer.all);
    }

    #[test]
    fn the_whole_analysis_on_an_invented_snippet() {
        let scorer = score(SNIPPET);
        let micro = scorer.all.micro;
        assert_eq!(micro.gold, 6);
        assert_eq!(micro.correct, micro.predicted, "{scorer:?}");
        assert!(micro.f1() > 99.0, "{scorer:?}");
        // The second sentence has 8 tokens of which 3 are lower-case words
        // (≥ 30%): prose; so is the first.
        assert_eq!(scorer.prose.micro.gold, 6);
        // A wrong gold type (Paris as ORG) lowers the score.
        let wrong = SNIPPET.replace("Paris NNP I-NP I-LOC", "Paris NNP I-NP I-ORG");
        let worse = score(&wrong).all.micro;
        assert!(worse.f1() < micro.f1(), "{worse:?}");
        assert_eq!(worse.correct + 1, micro.correct);
    }
}
