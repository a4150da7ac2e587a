//! Trains folio's named entity tagger and writes the model file the binary
//! embeds.
//!
//! `cargo run --release --example train_ner -- TRAIN DEV [OUT] [--epochs N]`
//!
//! TRAIN and DEV are CoNLL-2003 files (`../shared/eval/conll2003-train.txt`,
//! `../shared/eval/conll2003-dev.txt`); OUT defaults to `models/ner.bin`.
//! The number of epochs of each pass (at most N, default 30) is chosen on
//! DEV (with at most 12, pass one was still improving at the last epoch;
//! it peaks near 21). The same files give the same bytes. The data is never stored in the
//! repository; only the learned weights are (see NOTICE).

use std::process::ExitCode;
use std::time::Instant;

use folio::analysis::entities::training;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut paths = Vec::new();
    let mut max_epochs = 30;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--epochs" {
            match it.next().and_then(|n| n.parse().ok()) {
                Some(n) => max_epochs = n,
                None => {
                    eprintln!("train_ner: --epochs needs a number");
                    return ExitCode::from(2);
                }
            }
        } else {
            paths.push(a.as_str());
        }
    }
    let (Some(train_path), Some(dev_path)) = (paths.first(), paths.get(1)) else {
        eprintln!("usage: train_ner TRAIN DEV [OUT] [--epochs N]");
        return ExitCode::from(2);
    };
    let out = paths.get(2).copied().unwrap_or("models/ner.bin");
    let read = |path: &str| match std::fs::read(path) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) => {
            eprintln!("train_ner: cannot read {path}: {e}");
            None
        }
    };
    let (Some(train_text), Some(dev_text)) = (read(train_path), read(dev_path)) else {
        return ExitCode::FAILURE;
    };
    let started = Instant::now();
    let train_docs = training::read_conll(&train_text);
    let dev_docs = training::read_conll(&dev_text);
    let train = training::prepare(&train_docs);
    let dev = training::prepare(&dev_docs);
    eprintln!(
        "train_ner: {} training and {} development documents prepared in {:.1} s",
        train.len(),
        dev.len(),
        started.elapsed().as_secs_f64()
    );
    let bytes = training::train(&train, &dev, max_epochs, |line| {
        eprintln!("train_ner: {line}")
    });
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("train_ner: cannot write {out}: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "train_ner: wrote {out} ({:.1} MB) in {:.0} s",
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
