//! Prints the entities folio finds in a text, with their mentions and the
//! reason for each type: `cargo run --release --example ner_debug -- FILE`
//! (`-` reads standard input). For looking at the recogniser's decisions.

use std::io::Read;
use std::process::ExitCode;

use folio::analysis::{Progress, analyse};
use folio::document::Document;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: ner_debug FILE|-");
        return ExitCode::from(2);
    };
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(&path).map(|b| bytes = b)
    };
    if let Err(e) = read {
        eprintln!("ner_debug: cannot read {path}: {e}");
        return ExitCode::FAILURE;
    }
    let doc = Document::from_bytes(&bytes, None);
    let analysis = analyse(&doc, &Progress::default());
    for entity in &analysis.entities {
        let mentions: Vec<&str> = entity
            .mentions
            .iter()
            .map(|m| doc.slice(m.clone()))
            .collect();
        println!(
            "{:<12} {:<30} {:<40} {}",
            entity.kind.as_str(),
            entity.name,
            entity.reason,
            mentions.join(" | ")
        );
    }
    ExitCode::SUCCESS
}
