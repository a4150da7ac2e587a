//! Measures folio's HTML article extraction against Mozilla Readability's
//! test pages (`../shared/eval/readability-pages`: one folder per page with
//! `source.html` and the `expected.html` Readability extracts).
//!
//! Per page, the extracted text and `expected.html`'s text become bags of
//! lower-cased word tokens (maximal runs of alphanumeric chars); precision,
//! recall and F1 are computed on their multiset intersection. Scored twice:
//! the text folio shows (title and byline first, which `expected.html` does
//! not hold) and the body alone. Prints every page (worst first, by body
//! F1), then the means.
//!
//! `cargo run --release --example readability_eval -- ../shared/eval/readability-pages`

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

/// Precision, recall and F1 of `got` against `want` (token bags).
#[derive(Debug, Clone, Copy, Default)]
struct Score {
    precision: f64,
    recall: f64,
    f1: f64,
}

fn tokens(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *bag.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

#[allow(clippy::cast_precision_loss)]
fn score(got: &str, want: &str) -> Score {
    let (got, want) = (tokens(got), tokens(want));
    let total = |bag: &HashMap<String, usize>| bag.values().sum::<usize>();
    let common: usize = got
        .iter()
        .map(|(word, n)| (*n).min(want.get(word).copied().unwrap_or(0)))
        .sum();
    let (got_total, want_total) = (total(&got), total(&want));
    if got_total == 0 && want_total == 0 {
        return Score {
            precision: 1.0,
            recall: 1.0,
            f1: 1.0,
        };
    }
    let precision = if got_total == 0 {
        0.0
    } else {
        common as f64 / got_total as f64
    };
    let recall = if want_total == 0 {
        0.0
    } else {
        common as f64 / want_total as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Score {
        precision,
        recall,
        f1,
    }
}

/// Elements a browser lays out as blocks (or breaks): their text is a
/// word apart from what is around it, even with no whitespace between.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "tr",
    "table",
    "figure",
    "figcaption",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "dt",
    "dd",
    "dl",
    "hr",
    "img",
];

/// The text of `node` as a reader sees it: text nodes in order, blocks
/// apart, scripts and styles left out.
fn visible_text(node: &dom_query::NodeRef) -> String {
    let mut out = String::new();
    for child in node.children() {
        if child.is_text() {
            out.push_str(&child.text());
        } else if child.is_element() || child.is_document() {
            let name = child.node_name().unwrap_or_default().to_ascii_lowercase();
            if matches!(name.as_str(), "script" | "style" | "noscript" | "template") {
                continue;
            }
            let block = BLOCKS.contains(&name.as_str());
            if block {
                out.push(' ');
            }
            out.push_str(&visible_text(&child));
            if block {
                out.push(' ');
            }
        }
    }
    out
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: readability_eval DIR (folders with source.html and expected.html)");
        return ExitCode::from(2);
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("readability_eval: cannot read {dir}");
        return ExitCode::FAILURE;
    };
    let mut pages: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("source.html").is_file() && p.join("expected.html").is_file())
        .collect();
    pages.sort();
    let mut rows = Vec::new();
    for page in &pages {
        let (Ok(source), Ok(expected)) = (
            std::fs::read(page.join("source.html")),
            std::fs::read_to_string(page.join("expected.html")),
        ) else {
            eprintln!("readability_eval: cannot read {}", page.display());
            continue;
        };
        let want = visible_text(&dom_query::Document::from(expected.as_str()).root());
        let shown = folio::input::from_bytes(&source, Some(Path::new("source.html").into()));
        let (decoded, _, _) = folio::document::decode_text(&source);
        let body = folio::input::html::extract_body(&decoded);
        let name = page
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        rows.push((name, score(&body, &want), score(shown.text(), &want)));
    }
    rows.sort_by(|a, b| a.1.f1.total_cmp(&b.1.f1));
    println!(
        "{:<48} {:>6} {:>6} {:>6} {:>8}",
        "page", "P", "R", "F1", "F1+head"
    );
    for (name, body, shown) in &rows {
        println!(
            "{name:<48} {:>6.3} {:>6.3} {:>6.3} {:>8.3}",
            body.precision, body.recall, body.f1, shown.f1
        );
    }
    #[allow(clippy::cast_precision_loss)]
    let mean = |f: &dyn Fn(&(String, Score, Score)) -> f64| {
        rows.iter().map(f).sum::<f64>() / rows.len().max(1) as f64
    };
    println!(
        "{} pages: body only mean F1 {:.4} (P {:.4}, R {:.4}); with title and byline mean F1 {:.4}; body F1 below 0.80: {}",
        rows.len(),
        mean(&|r| r.1.f1),
        mean(&|r| r.1.precision),
        mean(&|r| r.1.recall),
        mean(&|r| r.2.f1),
        rows.iter().filter(|r| r.1.f1 < 0.80).count()
    );
    ExitCode::SUCCESS
}
