//! What check-worthiness scoring adds to the analysis of a real corpus:
//! `cargo run --release --example checkworthy_cost -- FILE...` joins the
//! files (blank lines between), analyses the text five times, scores its
//! sentences five times, and prints the best time of each and their ratio.
//! E.g. on `../shared/eval/polnear-train/articles/*` (about 4 MB).
//!
//! On a busy machine wall times swing; `--phase analyse|score` runs only
//! that phase five times after the first analysis (`--phase none`: none),
//! so CPU times (`perf stat -e task-clock`) of the three runs give each
//! phase's cost without the wait for a busy CPU.

#![allow(clippy::cast_precision_loss)]

use std::process::ExitCode;
use std::time::{Duration, Instant};

use folio::analysis::checkworthy::score_sentences;
use folio::analysis::{Progress, analyse};
use folio::document::Document;

fn main() -> ExitCode {
    let mut text = String::new();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let phase = args.iter().position(|a| a == "--phase").map(|i| {
        let name = args.get(i + 1).cloned().unwrap_or_default();
        args.drain(i..(i + 2).min(args.len()));
        name
    });
    for path in args {
        match std::fs::read_to_string(&path) {
            Ok(t) => {
                text.push_str(&t);
                text.push_str("\n\n");
            }
            Err(e) => {
                eprintln!("checkworthy_cost: {path}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let doc = Document::from_bytes(text.as_bytes(), None);
    let mut analysis = analyse(&doc, &Progress::default());
    if let Some(phase) = phase {
        for _ in 0..5 {
            if phase == "score" {
                std::hint::black_box(score_sentences(
                    doc.text(),
                    &analysis.sentences,
                    &analysis.entities,
                    &analysis.quotations,
                ));
            } else if phase == "analyse" {
                analysis = analyse(&doc, &Progress::default());
            }
        }
        return ExitCode::SUCCESS;
    }
    let whole = best_of(5, || analysis = analyse(&doc, &Progress::default()));
    let scoring = best_of(5, || {
        std::hint::black_box(score_sentences(
            doc.text(),
            &analysis.sentences,
            &analysis.entities,
            &analysis.quotations,
        ));
    });
    let without = whole.saturating_sub(scoring).as_secs_f64().max(1e-9);
    println!(
        "{} bytes, {} sentences: analysis {:.3} s of which scoring {:.3} s: +{:.1}% over the analysis without scoring",
        doc.text().len(),
        analysis.sentences.len(),
        whole.as_secs_f64(),
        scoring.as_secs_f64(),
        100.0 * scoring.as_secs_f64() / without
    );
    ExitCode::SUCCESS
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}
