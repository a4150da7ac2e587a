//! Scores folio's named entity recognition against a CoNLL-2003 file.
//!
//! `cargo run --release --example conll_eval -- PATH [--errors]`
//!
//! Each document's text is rebuilt (tokens joined by spaces, sentences by
//! newlines), analysed with `folio::analysis::analyse`, and its entity
//! mentions are mapped back to tokens and scored with the conlleval
//! definition (see `folio::eval`): per type, micro-averaged, untyped, and
//! for the prose subset. Also prints the analysis speed in chars/s.
//! `--errors` prints, on standard error, the commonest kinds of error
//! (missed, spurious, wrong type, wrong span; gold and predicted type; the
//! reason folio gave) with counts and examples; `--all-errors` lists every
//! error as `kind<TAB>gold<TAB>predicted<TAB>reason<TAB>words`; `--prose`
//! keeps only the errors in prose sentences. That output
//! contains the data's text, so it is for the terminal only.
//! `--by-evidence` also prints the precision of the people, places and
//! organisations whose type has evidence and of those whose type is the
//! model's guess ([`folio::analysis::entities::reason::Reason::is_guess`]),
//! the split the panel shows.

use std::collections::HashMap;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use folio::analysis::Analysis;
use folio::analysis::{Progress, analyse};
use folio::document::Document;
use folio::eval::{Chunk, Scorer, Table, conll, conll_type, predicted_mentions};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let summary = args.iter().any(|a| a == "--errors");
    let all = args.iter().any(|a| a == "--all-errors");
    let prose_only = args.iter().any(|a| a == "--prose");
    let by_evidence = args.iter().any(|a| a == "--by-evidence");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: conll_eval PATH [--errors | --all-errors] [--prose] [--by-evidence]");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("conll_eval: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut scorer = Scorer::default();
    let mut chars = 0usize;
    let mut elapsed = Duration::ZERO;
    let mut errors: Vec<ErrorLine> = Vec::new();
    // Predicted people, places and organisations: [with evidence, guessed]
    // × (predicted, right).
    let mut evidence = [(0usize, 0usize); 2];
    for document in conll::parse(&text) {
        let (article, tokens) = conll::rebuild(&document);
        let doc = Document::from_bytes(article.as_bytes(), None);
        let started = Instant::now();
        let analysis = analyse(&doc, &Progress::default());
        elapsed += started.elapsed();
        chars += doc.len_chars();
        let predicted = predicted_mentions(&analysis, &tokens);
        for (sentence, mentions) in document.sentences.iter().zip(&predicted) {
            let gold = conll::chunks(sentence.iter().map(|t| t.tag.as_str()));
            let chunks = typed(&analysis, mentions);
            scorer.add_sentence(&gold, &chunks, conll::is_prose(sentence));
            for ((_, e), chunk) in mentions.iter().zip(&chunks) {
                let Some(entity) = analysis.entities.get(*e) else {
                    continue;
                };
                if chunk.1 == "MISC" {
                    continue;
                }
                let cell = &mut evidence[usize::from(entity.reason.is_guess())];
                cell.0 += 1;
                cell.1 += usize::from(gold.contains(chunk));
            }
            if (summary || all) && (!prose_only || conll::is_prose(sentence)) {
                errors.extend(sentence_errors(
                    sentence,
                    &gold,
                    &chunks,
                    &reasons(&analysis, mentions),
                ));
            }
        }
    }
    if all {
        for e in &errors {
            eprintln!(
                "{}\t{}\t{}\t{}\t{}",
                e.kind, e.gold, e.predicted, e.reason, e.words
            );
        }
    }
    if summary {
        print_summary(&errors);
    }
    print_table("all sentences", &scorer.all);
    print_table("prose subset", &scorer.prose);
    if by_evidence {
        println!("people, places and organisations by evidence");
        for ((predicted, right), name) in evidence.iter().zip(["evidence", "guessed"]) {
            #[allow(clippy::cast_precision_loss)]
            let precision = 100.0 * *right as f64 / (*predicted).max(1) as f64;
            println!("  {name:<8} precision {precision:>6.2} ({right} of {predicted})");
        }
    }
    let seconds = elapsed.as_secs_f64().max(1e-9);
    #[allow(clippy::cast_precision_loss)]
    let rate = chars as f64 / seconds;
    println!("analysis: {chars} chars in {seconds:.3} s = {rate:.0} chars/s");
    ExitCode::SUCCESS
}

fn words(sentence: &[conll::Token], range: &std::ops::Range<usize>) -> String {
    sentence
        .get(range.clone())
        .unwrap_or_default()
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One wrong, missed or spurious entity.
struct ErrorLine {
    /// `missed`, `spurious`, `type` or `span`.
    kind: &'static str,
    gold: String,
    predicted: String,
    /// Why folio typed the predicted entity as it did (`-` when missed).
    reason: String,
    /// The gold words, then ` | ` and the predicted words for a span error.
    words: String,
}

/// Predicted chunks with their CoNLL types.
fn typed(analysis: &Analysis, mentions: &[(std::ops::Range<usize>, usize)]) -> Vec<Chunk> {
    mentions
        .iter()
        .filter_map(|(r, e)| {
            Some((
                r.clone(),
                conll_type(analysis.entities.get(*e)?.kind).to_owned(),
            ))
        })
        .collect()
}

/// The reason of each predicted chunk's entity, in the order of `mentions`.
fn reasons(analysis: &Analysis, mentions: &[(std::ops::Range<usize>, usize)]) -> Vec<String> {
    mentions
        .iter()
        .map(|(_, e)| {
            analysis
                .entities
                .get(*e)
                .map_or_else(String::new, |x| x.reason.to_string())
        })
        .collect()
}

fn sentence_errors(
    sentence: &[conll::Token],
    gold: &[Chunk],
    predicted: &[Chunk],
    reasons: &[String],
) -> Vec<ErrorLine> {
    let reason = |i: usize| reasons.get(i).cloned().unwrap_or_default();
    let mut out = Vec::new();
    for (range, kind) in gold {
        let same = predicted.iter().position(|(r, _)| r == range);
        let overlap = predicted
            .iter()
            .position(|(r, _)| r.start < range.end && range.start < r.end);
        let line = match (same, overlap) {
            (Some(i), _) => match predicted.get(i) {
                Some((_, k)) if k == kind => continue,
                Some((_, k)) => ("type", k.clone(), reason(i), words(sentence, range)),
                None => continue,
            },
            (None, Some(i)) => {
                let Some((r, k)) = predicted.get(i) else {
                    continue;
                };
                let both = format!("{} | {}", words(sentence, range), words(sentence, r));
                ("span", k.clone(), reason(i), both)
            }
            (None, None) => (
                "missed",
                "-".to_owned(),
                "-".to_owned(),
                words(sentence, range),
            ),
        };
        out.push(ErrorLine {
            kind: line.0,
            gold: kind.clone(),
            predicted: line.1,
            reason: line.2,
            words: line.3,
        });
    }
    for (i, (range, kind)) in predicted.iter().enumerate() {
        let touches = gold
            .iter()
            .any(|(r, _)| r.start < range.end && range.start < r.end);
        if !touches {
            out.push(ErrorLine {
                kind: "spurious",
                gold: "-".to_owned(),
                predicted: kind.clone(),
                reason: reason(i),
                words: words(sentence, range),
            });
        }
    }
    out
}

/// The commonest error kinds (kind, gold type, predicted type, reason without
/// its details), most frequent first, with three examples each.
fn print_summary(errors: &[ErrorLine]) {
    let mut groups: HashMap<(&str, &str, &str, &str), Vec<&str>> = HashMap::new();
    for e in errors {
        let reason = e.reason.split([':', '(']).next().unwrap_or("").trim();
        groups
            .entry((e.kind, &e.gold, &e.predicted, reason))
            .or_default()
            .push(&e.words);
    }
    let mut sorted: Vec<_> = groups.into_iter().collect();
    sorted.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    eprintln!(
        "{} errors; commonest kinds (kind gold->predicted, reason):",
        errors.len()
    );
    for ((kind, gold, predicted, reason), examples) in sorted.iter().take(40) {
        let shown: Vec<&str> = examples.iter().take(3).copied().collect();
        eprintln!(
            "{:>5}  {kind:<8} {gold:>4} -> {predicted:<4} {reason:<24} e.g. {}",
            examples.len(),
            shown.join(" / ")
        );
    }
}

fn print_table(title: &str, table: &Table) {
    println!("{title}");
    println!(
        "  {:<8} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6}",
        "type", "P", "R", "F1", "gold", "pred", "ok"
    );
    let rows = table
        .per_type
        .iter()
        .map(|(k, c)| (k.as_str(), c))
        .chain([("micro", &table.micro), ("untyped", &table.untyped)]);
    for (name, c) in rows {
        println!(
            "  {:<8} {:>7.2} {:>7.2} {:>7.2} {:>6} {:>6} {:>6}",
            name,
            c.precision(),
            c.recall(),
            c.f1(),
            c.gold,
            c.predicted,
            c.correct
        );
    }
}
