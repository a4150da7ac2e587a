//! Runs the whole analysis over one text file and prints what it found and
//! how long it took; for whole-process measurements such as peak memory:
//! `/usr/bin/time -v cargo run --release --example analyse_file -- FILE`.

use std::process::ExitCode;
use std::time::Instant;

use folio::analysis::{Progress, analyse};
use folio::document::Document;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: analyse_file FILE");
        return ExitCode::from(2);
    };
    let doc = match Document::open(std::path::Path::new(&path)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("analyse_file: {e}");
            return ExitCode::FAILURE;
        }
    };
    let started = Instant::now();
    let analysis = analyse(&doc, &Progress::default());
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    #[allow(clippy::cast_precision_loss)]
    let mb_per_s = doc.text().len() as f64 / seconds / 1e6;
    println!(
        "{} bytes, {} sentences, {} entities, {} quotations in {seconds:.3} s ({mb_per_s:.1} MB/s)",
        doc.text().len(),
        analysis.sentences.len(),
        analysis.entities.len(),
        analysis.quotations.len()
    );
    ExitCode::SUCCESS
}
