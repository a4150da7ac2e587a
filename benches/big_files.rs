//! Speed of the three paths a big article takes (issue 16), on real, varied
//! news: the PolNeAR training articles in
//! `../shared/eval/polnear-train/articles` (beside the project, never in
//! it), concatenated in name order and repeated to 10 MB. `cargo bench
//! --bench big_files`.
//!
//! - first frame: what the reader does before its first frame of a big
//!   file (decode the first 32 KB, build the app, draw 120×40), and what it
//!   then does in the background (decode, hash and index all 10 MB);
//! - search: folding and searching all 10 MB (the search thread's whole
//!   job) and one 1 MB chunk (what the first match waits for);
//! - export: writing the TOML of 10 MB's entities and quotations.
//!
//! Without the corpus the bench says so and measures nothing.

// Bench set-up: a failed expect is a broken bench.
#![allow(clippy::expect_used)]

mod common;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use folio::analysis::{Progress, analyse};
use folio::annotations::{Annotations, export, file};
use folio::app::App;
use folio::app::search::{find_all, fold, job};
use folio::document::Document;
use folio::keymap::Keymap;
use folio::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Bytes of text every path is measured on.
const SIZE: usize = 10_000_000;

/// The PolNeAR articles concatenated (blank lines between them) and
/// repeated to at least `size` bytes, cut at a paragraph break; `None`
/// when the corpus is not there.
fn real_news(size: usize) -> Option<String> {
    let corpus = common::real_news().filter(|c| !c.is_empty())?;
    let mut text = String::with_capacity(size + corpus.len());
    while text.len() < size {
        text.push_str(&corpus);
    }
    let cut = text
        .get(..size)
        .and_then(|t| t.rfind("\n\n"))
        .unwrap_or(text.len());
    text.truncate(cut);
    Some(text)
}

fn first_frame(c: &mut Criterion, text: &str) {
    let mut group = c.benchmark_group("first frame of 10 MB");
    group.bench_function("preview: decode 14 KB, build the app, draw 120x40", |b| {
        // Three screens of a 120x40 window, as `tui::loading::preview_bytes` reads.
        let head = text.get(..14_400).unwrap_or(text);
        let theme = Theme::builtin(false);
        let keymap = Keymap::builtin();
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        b.iter(|| {
            let doc = Document::from_bytes(black_box(head.as_bytes()), None);
            let mut app = App::new(doc, Ok(None), theme.clone(), keymap.clone());
            app.resize(120, 40);
            terminal
                .draw(|frame| folio::view::draw(frame, &app))
                .map(|_| ())
        })
    });
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("background: decode, hash and index 10 MB", |b| {
        b.iter(|| Document::from_bytes(black_box(text.as_bytes()), None))
    });
    group.finish();
}

fn search(c: &mut Criterion, text: &str) {
    let mut group = c.benchmark_group("search 10 MB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("every match of 'hillary' (search thread)", |b| {
        b.iter(|| find_all(black_box(text), "hillary").len())
    });
    group.finish();
    let needle = fold::fold_str("Hillary");
    let mut group = c.benchmark_group("search 1 MB chunk");
    group.throughput(Throughput::Bytes(job::CHUNK as u64));
    group.bench_function("first-match chunk (fold and find 1 MB)", |b| {
        b.iter(|| job::find_in(black_box(text), 0..job::CHUNK, &needle).len())
    });
    group.finish();
}

fn export_toml(c: &mut Criterion, text: &str) {
    let doc = Document::from_bytes(text.as_bytes(), None);
    let analysis = analyse(&doc, &Progress::default());
    let exported = export::to_export(&doc, Some(&analysis), &Annotations::default());
    let mut group = c.benchmark_group("export 10 MB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("write the TOML (streamed)", |b| {
        b.iter(|| {
            let mut sink = std::io::sink();
            file::write_toml(black_box(&exported), &mut sink).is_ok()
        })
    });
    group.finish();
}

fn big_files(c: &mut Criterion) {
    let Some(text) = real_news(SIZE) else {
        eprintln!("big_files: ../shared/eval/polnear-train/articles is missing; nothing measured");
        return;
    };
    first_frame(c, &text);
    search(c, &text);
    export_toml(c, &text);
}

criterion_group!(benches, big_files);
criterion_main!(benches);
