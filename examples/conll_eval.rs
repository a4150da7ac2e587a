//! Scores folio's named entity recognition against a CoNLL-2003 file.
//!
//! `cargo run --release --example conll_eval -- PATH [--errors]`
//!
//! Each document's text is rebuilt (tokens joined by spaces, sentences by
//! newlines), analysed with `folio::analysis::analyse`, and its entity
//! mentions are mapped back to tokens and scored with the conlleval
//! definition (see `folio::eval`): per type, micro-averaged, untyped, and
//! for the prose subset. Also prints the analysis speed in chars/s.
//! `--errors` lists every wrong or missed entity on standard error as
//! `kind<TAB>gold<TAB>predicted<TAB>words`, for error analysis; that output
//! contains the data's text, so it is for the terminal only.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use folio::analysis::{Progress, analyse};
use folio::document::Document;
use folio::eval::{Chunk, Scorer, Table, conll, predicted_chunks};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let errors = args.iter().any(|a| a == "--errors");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: conll_eval PATH [--errors]");
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
    for document in conll::parse(&text) {
        let (article, tokens) = conll::rebuild(&document);
        let doc = Document::from_bytes(article.as_bytes(), None);
        let started = Instant::now();
        let analysis = analyse(&doc, &Progress::default());
        elapsed += started.elapsed();
        chars += doc.len_chars();
        let predicted = predicted_chunks(&analysis, &tokens);
        for (sentence, chunks) in document.sentences.iter().zip(&predicted) {
            let gold = conll::chunks(sentence.iter().map(|t| t.tag.as_str()));
            scorer.add_sentence(&gold, chunks, conll::is_prose(sentence));
            if errors {
                report_errors(sentence, &gold, chunks);
            }
        }
    }
    print_table("all sentences", &scorer.all);
    print_table("prose subset", &scorer.prose);
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

fn report_errors(sentence: &[conll::Token], gold: &[Chunk], predicted: &[Chunk]) {
    for (range, kind) in gold {
        match predicted.iter().find(|(r, _)| r == range) {
            Some((_, k)) if k == kind => {}
            Some((_, k)) => eprintln!("type\t{kind}\t{k}\t{}", words(sentence, range)),
            None => {
                let overlap = predicted
                    .iter()
                    .find(|(r, _)| r.start < range.end && range.start < r.end);
                match overlap {
                    Some((r, k)) => eprintln!(
                        "span\t{kind}\t{k}\t{} | {}",
                        words(sentence, range),
                        words(sentence, r)
                    ),
                    None => eprintln!("missed\t{kind}\t-\t{}", words(sentence, range)),
                }
            }
        }
    }
    for (range, kind) in predicted {
        let touches = gold
            .iter()
            .any(|(r, _)| r.start < range.end && range.start < r.end);
        if !touches {
            eprintln!("spurious\t-\t{kind}\t{}", words(sentence, range));
        }
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
