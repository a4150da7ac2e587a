//! Learns the word clusters the entity tagger reads as features and writes
//! the file the binary embeds (see `src/analysis/entities/clusters.rs`).
//!
//! `cargo run --release --example train_clusters -- EVAL_DIR [OUT]`
//!
//! Reads, without their labels, the text of EVAL_DIR's training files:
//! CoNLL-2003 train (`conll2003-train.txt`), the 840 PolNeAR articles
//! (`polnear-train/articles`), the ClaimBuster and debate training
//! sentences (`checkworthy/*-train.tsv`) and the 130 saved web pages of
//! `readability-pages` (3.8 million words in all). Development files are
//! left out, so that dev measures text the clusters never saw. Settings
//! (three clusterings of 64, 256 and 1024 classes, words seen 3 times or
//! more) were chosen on CoNLL-2003 dev through the whole tagger. OUT defaults to
//! `models/clusters.bin`. The same files give the same bytes. The text is
//! never stored in the repository (see NOTICE).

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use folio::analysis::entities::{clustering, clusters};
use folio::document::Document;
use folio::eval::conll;

/// Numbers of classes, coarse to fine.
const CLASSES: [usize; 3] = [64, 256, 1024];
/// Words seen fewer times get no cluster.
const MIN_COUNT: u32 = 3;
/// Passes over the words at most.
const ITERATIONS: usize = 15;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: train_clusters EVAL_DIR [OUT]");
        return ExitCode::from(2);
    };
    let out = args.get(1).map_or("models/clusters.bin", String::as_str);
    let started = Instant::now();
    let documents = match read_documents(Path::new(dir)) {
        Ok(documents) => documents,
        Err(e) => {
            eprintln!("train_clusters: {e}");
            return ExitCode::FAILURE;
        }
    };
    let sentences: Vec<Vec<&str>> = documents
        .iter()
        .flat_map(clustering::sentence_words)
        .collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    eprintln!(
        "train_clusters: {} sentences, {words} words read in {:.1} s",
        sentences.len(),
        started.elapsed().as_secs_f64()
    );
    let found = clustering::cluster(&sentences, MIN_COUNT, &CLASSES, ITERATIONS, |line| {
        eprintln!("train_clusters: {line}")
    });
    let bytes = clusters::write(&found, CLASSES.len());
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("train_clusters: cannot write {out}: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "train_clusters: wrote {out} ({} words, {:.1} MB) in {:.0} s",
        found.len(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// The training texts of `dir` as folio reads them, in a fixed order.
fn plain(text: String) -> Document {
    Document::from_bytes(text.as_bytes(), None)
}

fn read_documents(dir: &Path) -> Result<Vec<Document>, String> {
    let read = |path: &Path| {
        std::fs::read(path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let mut texts = Vec::new();
    let conll_text = read(&dir.join("conll2003-train.txt"))?;
    for document in conll::parse(&conll_text) {
        texts.push(plain(conll::rebuild(&document).0));
    }
    let articles = dir.join("polnear-train/articles");
    let mut paths: Vec<_> = std::fs::read_dir(&articles)
        .map_err(|e| format!("cannot read {}: {e}", articles.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        texts.push(plain(read(&path)?));
    }
    for name in ["claimbuster-train.tsv", "debates-train.tsv"] {
        let table = read(&dir.join("checkworthy").join(name))?;
        // Columns: id, label, fine label, sentence, …; one sentence a line.
        let lines: Vec<&str> = table
            .lines()
            .skip(1)
            .filter_map(|line| line.split('\t').nth(3))
            .collect();
        texts.push(plain(lines.join("\n")));
    }
    // Web pages, as folio reads an HTML article: more words, more kinds of
    // text (clusters from these raised CoNLL dev by 0.2 points over the
    // news text alone).
    let pages = dir.join("readability-pages");
    let mut paths: Vec<_> = std::fs::read_dir(&pages)
        .map_err(|e| format!("cannot read {}: {e}", pages.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path().join("source.html")))
        .filter(|p| p.exists())
        .collect();
    paths.sort();
    for path in paths {
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        texts.push(Document::from_bytes(&bytes, Some(path.clone())));
    }
    Ok(texts)
}
