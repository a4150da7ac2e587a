//! Word clusters: classes of words that occur in like contexts, learned
//! without labels from news text by [`super::clustering`], and read here as
//! tagger features (Ratinov & Roth 2009 found word classes the largest single
//! gain over a baseline tagger on CoNLL-2003). "Leeds" and "Chelsea" share a
//! class because both are followed by scores; so do "Reuters" and "AP".
//!
//! File layout (little-endian), written by [`write()`]: `FOLIOCLU` (8 bytes),
//! version `u32` = 1, number of words `u32`, number of levels `u32`, then
//! the words' keys (`u64`, see [`key`]) in ascending order, then per word
//! `levels` × `u16` cluster numbers (one per clustering, coarse to fine).
//! Looked up in place by binary search: nothing is parsed at start-up.

use std::sync::LazyLock;

use super::features::Hasher;
use super::model::read_u32;

/// The cluster file, trained by `examples/train_clusters.rs` (see NOTICE
/// for the text it reads).
static EMBEDDED: &[u8] = include_bytes!("../../../models/clusters.bin");

/// Magic bytes that open a cluster file.
pub const MAGIC: &[u8; 8] = b"FOLIOCLU";
const HEADER: usize = 8 + 4 + 4 + 4;

/// The key of a word form in the file: a hash of its exact text.
pub fn key(word: &str) -> u64 {
    Hasher::new("cluster").bytes(word.as_bytes()).finish()
}

/// A cluster file's words and levels, borrowed from its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Clusters {
    keys: &'static [u8],
    ids: &'static [u8],
    words: usize,
    levels: usize,
}

impl Clusters {
    /// The clusters embedded in the binary (none if the file is malformed),
    /// read once.
    pub fn embedded() -> Clusters {
        static CLUSTERS: LazyLock<Clusters> = LazyLock::new(|| {
            Clusters::parse(EMBEDDED).unwrap_or(Clusters {
                keys: &[],
                ids: &[],
                words: 0,
                levels: 0,
            })
        });
        *CLUSTERS
    }

    /// Reads a cluster file's header; `None` if it is not one.
    pub fn parse(bytes: &'static [u8]) -> Option<Clusters> {
        if bytes.get(..8)? != MAGIC {
            return None;
        }
        let u32_at = |at: usize| read_u32(bytes, at).map(|n| n as usize);
        if u32_at(8)? != 1 {
            return None;
        }
        let words = u32_at(12)?;
        let levels = u32_at(16)?;
        let keys_end = HEADER.checked_add(words.checked_mul(8)?)?;
        let ids_end = keys_end.checked_add(words.checked_mul(levels)?.checked_mul(2)?)?;
        Some(Clusters {
            keys: bytes.get(HEADER..keys_end)?,
            ids: bytes.get(keys_end..ids_end)?,
            words,
            levels,
        })
    }

    /// The number of clusterings (levels) of each word.
    pub fn levels(&self) -> usize {
        self.levels
    }

    /// The clusters of `word` at every level, coarse to fine, if the word
    /// was seen often enough in training. A word in capitals ("SMITH") not
    /// found as written is looked up as prose writes it ("Smith").
    pub fn of(&self, word: &str) -> Option<&'static [u8]> {
        self.exact(word).or_else(|| {
            let caps = word.chars().count() > 1 && word.chars().all(|c| !c.is_lowercase());
            if caps {
                self.exact(&super::features::title_case(word))
            } else {
                None
            }
        })
    }

    /// The clusters of `word` as written: `levels` little-endian `u16`s.
    fn exact(&self, word: &str) -> Option<&'static [u8]> {
        let wanted = key(word);
        let key_at = |k: usize| -> Option<u64> {
            let b: [u8; 8] = self.keys.get(k * 8..k * 8 + 8)?.try_into().ok()?;
            Some(u64::from_le_bytes(b))
        };
        // Keys are hashes, spread evenly: guessing a key's place from its
        // value (interpolation search) finds it in a few steps; binary
        // search takes over after a few guesses, whatever the keys.
        let (mut low, mut high) = (0usize, self.words);
        let mut guesses = 0;
        while low < high {
            let mid = if guesses < 4 {
                guesses += 1;
                let (first, last) = (key_at(low)?, key_at(high - 1)?);
                if wanted < first || wanted > last {
                    return None;
                }
                let spread = u128::from(last - first).max(1);
                let offset = u128::from(wanted - first) * (high - 1 - low) as u128 / spread;
                low + offset as usize
            } else {
                low + (high - low) / 2
            };
            match key_at(mid)?.cmp(&wanted) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => {
                    let at = mid * self.levels * 2;
                    return self.ids.get(at..at + self.levels * 2);
                }
            }
        }
        None
    }
}

/// Writes a cluster file: `words` pairs a word form with its cluster at
/// each of `levels` levels (every entry must have `levels` numbers).
/// Entries are sorted by key, so the same clusters give the same bytes.
pub fn write(words: &[(String, Vec<u16>)], levels: usize) -> Vec<u8> {
    let mut entries: Vec<(u64, &[u16])> = words
        .iter()
        .map(|(w, ids)| (key(w), ids.as_slice()))
        .collect();
    entries.sort_by_key(|e| e.0);
    // Two forms with one key (a hash collision) keep the first.
    entries.dedup_by_key(|e| e.0);
    let mut out = Vec::with_capacity(HEADER + entries.len() * (8 + 2 * levels));
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&1u32.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    out.extend_from_slice(&(levels as u32).to_le_bytes());
    for (k, _) in &entries {
        out.extend_from_slice(&k.to_le_bytes());
    }
    for (_, ids) in &entries {
        for level in 0..levels {
            let id = ids.get(level).copied().unwrap_or(0);
            out.extend_from_slice(&id.to_le_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leak(bytes: Vec<u8>) -> &'static [u8] {
        Box::leak(bytes.into_boxed_slice())
    }

    #[test]
    fn written_clusters_are_found_again_and_capitals_read_as_prose() {
        let words = vec![
            ("Leeds".to_string(), vec![3, 40]),
            ("Chelsea".to_string(), vec![3, 41]),
            ("said".to_string(), vec![1, 7]),
        ];
        let clusters = Clusters::parse(leak(write(&words, 2))).expect("a cluster file");
        assert_eq!(clusters.levels(), 2);
        assert_eq!(clusters.of("Leeds"), Some(&[3u8, 0, 40, 0][..]));
        assert_eq!(clusters.of("LEEDS"), Some(&[3u8, 0, 40, 0][..]));
        assert_eq!(clusters.of("said"), Some(&[1u8, 0, 7, 0][..]));
        assert_eq!(clusters.of("leeds"), None);
        assert_eq!(clusters.of("Arsenal"), None);
    }

    #[test]
    fn every_word_of_a_large_file_is_found() {
        let words: Vec<(String, Vec<u16>)> = (0..5000u16)
            .map(|k| (format!("word{k}"), vec![k % 64]))
            .collect();
        let clusters = Clusters::parse(leak(write(&words, 1))).expect("a cluster file");
        for (word, ids) in &words {
            assert_eq!(clusters.of(word), Some(&ids[0].to_le_bytes()[..]), "{word}");
        }
        assert_eq!(clusters.of("word5000"), None);
    }

    #[test]
    fn a_truncated_file_is_refused() {
        let words = vec![("Leeds".to_string(), vec![3])];
        let bytes = write(&words, 1);
        assert!(Clusters::parse(leak(bytes[..bytes.len() - 1].to_vec())).is_none());
        assert!(Clusters::parse(leak(b"FOLIONER".to_vec())).is_none());
    }

    #[test]
    fn the_embedded_clusters_put_days_together_and_apart_from_verbs() {
        let clusters = Clusters::embedded();
        assert_eq!(clusters.levels(), 3);
        let coarse = |w: &str| clusters.of(w).map(|ids| ids[..2].to_vec());
        assert!(coarse("Monday").is_some());
        assert_eq!(coarse("Monday"), coarse("Tuesday"));
        assert_ne!(coarse("Monday"), coarse("said"));
    }
}
