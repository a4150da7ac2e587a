//! Learning word clusters from text without labels, for
//! [`super::clusters`]: the exchange algorithm (Kneser & Ney 1993; Martin,
//! Liermann & Ney 1998) on the one-sided "predictive" class bigram model of
//! Uszkoreit & Brants (2008), P(w | v) = P(w | c(w)) · P(c(w) | v).
//!
//! Words are moved one at a time to the class that most raises the
//! likelihood of the text, Σ_{v,c} N(v,c) log N(v,c) − Σ_c N(c) log N(c),
//! where N(v,c) counts word v followed by a word of class c. Deterministic:
//! words are visited in order of frequency (ties by text), ties between
//! classes go to the word's own class, then the lowest number.

use super::super::gazetteer::HashMap;
use super::tokens;
use crate::analysis::sentences;
use crate::document::Document;

/// The words of every sentence of `doc`, cut as the tagger cuts them.
pub fn sentence_words(doc: &Document) -> Vec<Vec<&str>> {
    let text = doc.text();
    sentences::segment(doc)
        .into_iter()
        .map(|r| tokens::words(text, r).iter().map(|w| w.text).collect())
        .collect()
}

/// Clusters the words seen at least `min_count` times in `sentences`, once
/// for each number of classes in `classes`, with `iterations` passes over
/// the words at most (fewer when no word moves). Returns each such word
/// with its class at each clustering (in the order of `classes`), most
/// frequent first. `progress` hears one line per pass.
pub fn cluster(
    sentences: &[Vec<&str>],
    min_count: u32,
    classes: &[usize],
    iterations: usize,
    mut progress: impl FnMut(&str),
) -> Vec<(String, Vec<u16>)> {
    let corpus = Corpus::new(sentences, min_count);
    progress(&format!(
        "{} words seen {min_count}+ times, {} distinct bigrams",
        corpus.words.len(),
        corpus.bigrams
    ));
    let mut out: Vec<(String, Vec<u16>)> = corpus
        .words
        .iter()
        .map(|w| (w.clone(), Vec::with_capacity(classes.len())))
        .collect();
    for &count in classes {
        let assignment = exchange(&corpus, count.max(1), iterations, &mut progress);
        for (entry, class) in out.iter_mut().zip(assignment) {
            entry.1.push(class);
        }
    }
    out
}

/// The text as word numbers: the words kept (0..words.len()), one number
/// for all rarer words, one for the start of a sentence.
struct Corpus {
    words: Vec<String>,
    /// Per word number (kept words, then the rare word): the words before
    /// it and how often, sorted by number.
    predecessors: Vec<Vec<(u32, u32)>>,
    /// Per word number: how often it follows another word.
    counts: Vec<u64>,
    /// Rows of N(v, ·): every word number, the rare one and the start.
    rows: usize,
    bigrams: usize,
    total: u64,
}

impl Corpus {
    fn new(sentences: &[Vec<&str>], min_count: u32) -> Corpus {
        let mut seen: HashMap<&str, u32> = HashMap::default();
        for s in sentences {
            for w in s {
                *seen.entry(w).or_insert(0) += 1;
            }
        }
        let mut kept: Vec<(&str, u32)> = seen
            .iter()
            .filter(|(_, n)| **n >= min_count)
            .map(|(w, n)| (*w, *n))
            .collect();
        kept.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let number: HashMap<&str, u32> = kept
            .iter()
            .enumerate()
            .map(|(k, (w, _))| (*w, k as u32))
            .collect();
        let rare = kept.len() as u32;
        let start = rare + 1;
        let mut pairs: HashMap<(u32, u32), u32> = HashMap::default();
        let mut total = 0u64;
        for s in sentences {
            let mut previous = start;
            for w in s {
                let current = number.get(w).copied().unwrap_or(rare);
                *pairs.entry((previous, current)).or_insert(0) += 1;
                total += 1;
                previous = current;
            }
        }
        let mut predecessors = vec![Vec::new(); kept.len() + 1];
        let mut counts = vec![0u64; kept.len() + 1];
        for (&(v, w), &m) in &pairs {
            predecessors[w as usize].push((v, m));
            counts[w as usize] += u64::from(m);
        }
        for list in &mut predecessors {
            list.sort_unstable();
        }
        Corpus {
            words: kept.iter().map(|(w, _)| (*w).to_string()).collect(),
            predecessors,
            counts,
            rows: kept.len() + 2,
            bigrams: pairs.len(),
            total,
        }
    }
}

/// One exchange clustering into `classes` classes: the class of every kept
/// word, in word-number order.
fn exchange(
    corpus: &Corpus,
    classes: usize,
    iterations: usize,
    progress: &mut impl FnMut(&str),
) -> Vec<u16> {
    let clustered = corpus.predecessors.len();
    // x ln x for every count the text can give, looked up, not computed.
    let xlogx: Vec<f64> = (0..=corpus.total + 1)
        .map(|x| {
            if x == 0 {
                0.0
            } else {
                x as f64 * (x as f64).ln()
            }
        })
        .collect();
    let f = |x: u64| xlogx[x as usize];
    // Start: word k in class k mod classes (the frequent words apart).
    let mut class: Vec<usize> = (0..clustered).map(|k| k % classes).collect();
    let mut n = vec![0u64; corpus.rows * classes];
    let mut class_total = vec![0u64; classes];
    for (w, list) in corpus.predecessors.iter().enumerate() {
        for &(v, m) in list {
            n[v as usize * classes + class[w]] += u64::from(m);
        }
        class_total[class[w]] += corpus.counts[w];
    }
    let mut gain = vec![0f64; classes];
    for pass in 1..=iterations {
        let mut moved = 0usize;
        for (w, (list, &count)) in corpus.predecessors.iter().zip(&corpus.counts).enumerate() {
            if count == 0 {
                continue;
            }
            let from = class[w];
            for &(v, m) in list {
                n[v as usize * classes + from] -= u64::from(m);
            }
            class_total[from] -= count;
            for (c, g) in gain.iter_mut().enumerate() {
                *g = f(class_total[c]) - f(class_total[c] + count);
            }
            for &(v, m) in list {
                let row = &n[v as usize * classes..(v as usize + 1) * classes];
                let m = u64::from(m);
                for (g, &x) in gain.iter_mut().zip(row) {
                    *g += f(x + m) - f(x);
                }
            }
            let mut best = from;
            for (c, &g) in gain.iter().enumerate() {
                if g > gain[best] + 1e-9 {
                    best = c;
                }
            }
            for &(v, m) in list {
                n[v as usize * classes + best] += u64::from(m);
            }
            class_total[best] += count;
            if best != from {
                class[w] = best;
                moved += 1;
            }
        }
        progress(&format!(
            "{classes} classes, pass {pass}: {moved} words moved"
        ));
        if moved == 0 {
            break;
        }
    }
    class.truncate(corpus.words.len());
    class.into_iter().map(|c| c as u16).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_like_contexts_share_a_class() {
        // Teams are followed by scores, verbs by "the".
        let text = [
            "Leeds 2 Chelsea 1",
            "Arsenal 3 Leeds 0",
            "Chelsea 1 Arsenal 1",
            "he said the talks failed",
            "she told the court",
            "they said the vote failed",
            "we told the talks",
            "Leeds 0 Arsenal 2",
            "Chelsea 2 Leeds 2",
        ];
        let sentences: Vec<Vec<&str>> = text.iter().map(|s| s.split(' ').collect()).collect();
        let clusters = cluster(&sentences, 2, &[2], 20, |_| {});
        let class = |word: &str| {
            clusters
                .iter()
                .find(|(w, _)| w == word)
                .map(|(_, c)| c[0])
                .expect("a kept word")
        };
        assert_eq!(class("Leeds"), class("Chelsea"));
        assert_eq!(class("Leeds"), class("Arsenal"));
        assert_eq!(class("said"), class("told"));
        assert_ne!(class("Leeds"), class("said"));
        // Most frequent first, ties by text ("2", "Leeds" and "the" are
        // seen 4 times); words seen once are not kept.
        let first: Vec<&str> = clusters.iter().take(3).map(|(w, _)| w.as_str()).collect();
        assert_eq!(first, ["2", "Leeds", "the"]);
        assert!(clusters.iter().all(|(w, _)| w != "court"));
    }

    #[test]
    fn the_same_text_gives_the_same_clusters() {
        let text = "the cat sat on the mat and the dog sat on the cat";
        let sentences = vec![text.split(' ').collect::<Vec<_>>(); 3];
        let a = cluster(&sentences, 1, &[3, 2], 10, |_| {});
        let b = cluster(&sentences, 1, &[3, 2], 10, |_| {});
        assert_eq!(a, b);
        assert!(a.iter().all(|(_, c)| c.len() == 2 && c[0] < 3 && c[1] < 2));
    }

    #[test]
    fn sentences_are_cut_into_the_tagger_s_words() {
        let doc = Document::from_bytes(b"Mr Macron met Putin. He said: \"No.\"", None);
        let words = sentence_words(&doc);
        assert_eq!(words.len(), 2);
        assert_eq!(words[0], vec!["Mr", "Macron", "met", "Putin"]);
    }
}
