//! Word clusters: classes of words that occur in like contexts, learned
//! without labels from news text by [`super::clustering`], and read here as
//! tagger features (Ratinov & Roth 2009 found word classes the largest single
//! gain over a baseline tagger on CoNLL-2003). "Leeds" and "Chelsea" share a
//! class because both are followed by scores; so do "Reuters" and "AP".
//!
//! File layout (little-endian), written by [`write()`]: `FOLIOCLU` (8 bytes),
//! version `u32` = 2, number of words `u32`, number of levels `u32`, number
//! of slots `u32` (a power of two), then per slot a record of
//! `record_bytes`: the word's `fragment` (0 for an empty slot) and
//! `levels` × `u16` cluster numbers (one per clustering, coarse to fine).
//! It is a hash table, looked up in place: a word's search starts at the
//! slot its [`key`]'s low bits give and goes on to the next until it finds
//! the word's fragment or an empty slot. At most `MAX_LOAD_PERCENT` of
//! the slots are full, so most look-ups read one record: one cache miss,
//! where a search of sorted keys waited for several in turn. Nothing is
//! parsed at start-up.

use std::sync::LazyLock;

use super::features::Hasher;
use super::model::read_u32;

/// The cluster file, trained by `examples/train_clusters.rs` (see NOTICE
/// for the text it reads).
static EMBEDDED: &[u8] = include_bytes!("../../../models/clusters.bin");

/// Magic bytes that open a cluster file.
pub const MAGIC: &[u8; 8] = b"FOLIOCLU";
/// The file format's version.
const VERSION: u32 = 2;
const HEADER: usize = 8 + 4 + 4 + 4 + 4;
/// The most a file's slots are filled, in percent.
const MAX_LOAD_PERCENT: usize = 70;

/// The key of a word form in the file: a hash of its exact text.
pub fn key(word: &str) -> u64 {
    Hasher::new("cluster").bytes(word.as_bytes()).finish()
}

/// What a slot stores of a word's key: its top 32 bits, never 0 (0 marks
/// an empty slot). The low bits choose the slot, so the two together tell
/// words apart as well as 48 bits of the key do.
fn fragment(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

/// Bytes of one slot's record in a file of `levels` levels.
fn record_bytes(levels: usize) -> usize {
    4 + 2 * levels
}

/// A cluster file's words and levels, borrowed from its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Clusters {
    /// The slots' records, [`record_bytes`] each.
    records: &'static [u8],
    /// The number of slots: a power of two, or 0 for no clusters.
    slots: usize,
    levels: usize,
}

impl Clusters {
    /// The clusters embedded in the binary (none if the file is malformed),
    /// read once.
    pub fn embedded() -> Clusters {
        static CLUSTERS: LazyLock<Clusters> = LazyLock::new(|| {
            Clusters::parse(EMBEDDED).unwrap_or(Clusters {
                records: &[],
                slots: 0,
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
        if u32_at(8)? != VERSION as usize {
            return None;
        }
        let levels = u32_at(16)?;
        let slots = u32_at(20)?;
        if !slots.is_power_of_two() {
            return None;
        }
        let end = HEADER.checked_add(slots.checked_mul(record_bytes(levels))?)?;
        if end != bytes.len() {
            return None;
        }
        Some(Clusters {
            records: bytes.get(HEADER..end)?,
            slots,
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
        let fragment = fragment(wanted);
        let size = record_bytes(self.levels);
        let mask = self.slots.wrapping_sub(1);
        let mut slot = wanted as usize & mask;
        // At most every slot once, should a file have no empty slot.
        for _ in 0..self.slots {
            let record = self.records.get(slot * size..slot * size + size)?;
            let (stored, ids) = record.split_first_chunk::<4>()?;
            match u32::from_le_bytes(*stored) {
                0 => return None,
                found if found == fragment => return Some(ids),
                _ => slot = (slot + 1) & mask,
            }
        }
        None
    }
}

/// Writes a cluster file: `words` pairs a word form with its cluster at
/// each of `levels` levels (every entry must have `levels` numbers). Words
/// go in in order of key, so the same clusters give the same bytes; of two
/// forms that one look-up cannot tell apart (a hash collision), the first
/// in that order is kept.
pub fn write(words: &[(String, Vec<u16>)], levels: usize) -> Vec<u8> {
    let mut entries: Vec<(u64, &[u16])> = words
        .iter()
        .map(|(w, ids)| (key(w), ids.as_slice()))
        .collect();
    entries.sort_by_key(|e| e.0);
    let slots = (entries.len() * 100 / MAX_LOAD_PERCENT + 1).next_power_of_two();
    let mask = slots - 1;
    let mut table: Vec<Option<(u32, &[u16])>> = vec![None; slots];
    let mut stored = 0;
    for (key, ids) in entries {
        let fragment = fragment(key);
        let mut slot = key as usize & mask;
        while let Some(place) = table.get_mut(slot) {
            match place {
                None => {
                    *place = Some((fragment, ids));
                    stored += 1;
                    break;
                }
                Some((found, _)) if *found == fragment => break,
                Some(_) => slot = (slot + 1) & mask,
            }
        }
    }
    let mut out = Vec::with_capacity(HEADER + slots * record_bytes(levels));
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(stored as u32).to_le_bytes());
    out.extend_from_slice(&(levels as u32).to_le_bytes());
    out.extend_from_slice(&(slots as u32).to_le_bytes());
    for slot in table {
        let (fragment, ids) = slot.unwrap_or((0, &[]));
        out.extend_from_slice(&fragment.to_le_bytes());
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
