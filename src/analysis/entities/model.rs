//! The tagger's weights: a table from feature id to one weight per label,
//! read in place from the model file embedded in the binary (no parsing, no
//! copy at start-up), and the same interface for the weights being trained.
//!
//! File layout (little-endian), written by [`super::training::write_model`]:
//! `FOLIONER` (8 bytes), version `u32` = 2, number of tables `t: u32`,
//! `slots: u32`, `rows: u32`, `t` × `scale: f32`, then `slots` × (`key:
//! u64`, `row: u32`) open-addressed by [`slot_of`] with linear probing (key
//! 0 = empty; keys inserted in increasing order), then `rows` × `t` ×
//! [`COUNT`] `i16` weights (weight = `i16 × scale` of its table). Row `r`
//! holds every table's weights of one key, side by side, zeros where a
//! table lacks the key: the two passes ask for mostly the same features,
//! and one probe then finds both (the probes are cache misses: the tables
//! are larger than the core's cache). Table 0 holds the first (local)
//! pass, table 1 the second (document) pass.

use super::labels::COUNT;

/// The model file, trained by `examples/train_ner.rs` on CoNLL-2003 train
/// (see NOTICE).
static EMBEDDED: &[u8] = include_bytes!("../../../models/ner.bin");

/// Magic bytes that open a model file.
pub const MAGIC: &[u8; 8] = b"FOLIONER";
/// The version of the layout above.
pub const VERSION: u32 = 2;
/// Bytes of one slot: key and row index.
pub const SLOT_BYTES: usize = 12;

/// Per-label scores for one word.
pub type Scores = [f32; COUNT];

/// Anything that gives weights for feature ids.
pub trait Weights {
    /// Adds the weights of `feature` for every label to `scores`.
    fn add_to(&self, feature: u64, scores: &mut Scores);

    /// Adds the weights of every id of `features` to `scores`, in order
    /// (so the sums are the same as [`Weights::add_to`] one by one).
    fn add_all(&self, features: &[u64], scores: &mut Scores) {
        for &id in features {
            self.add_to(id, scores);
        }
    }
}

/// The first slot to probe for `key` in a table of `slots` slots.
pub fn slot_of(key: u64, slots: usize) -> usize {
    ((u128::from(key) * slots as u128) >> 64) as usize
}

/// One table of the model file, borrowed from its bytes: the key slots
/// that all tables share, and this table's column of the rows.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    slots: &'static [u8],
    rows: &'static [u8],
    slot_count: usize,
    /// Weights per row: [`COUNT`] per table of the file.
    row_width: usize,
    /// Where this table's weights start in a row.
    column: usize,
    scale: f32,
}

impl Table {
    const EMPTY: Table = Table {
        slots: &[],
        rows: &[],
        slot_count: 0,
        row_width: COUNT,
        column: 0,
        scale: 0.0,
    };

    fn row_of(&self, key: u64) -> Option<usize> {
        if self.slot_count == 0 {
            return None;
        }
        let mut s = slot_of(key, self.slot_count);
        for _ in 0..self.slot_count {
            let at = s * SLOT_BYTES;
            // One bounds check per slot, then fixed-size reads.
            let slot: &[u8; SLOT_BYTES] = self.slots.get(at..at + SLOT_BYTES)?.try_into().ok()?;
            let [k0, k1, k2, k3, k4, k5, k6, k7, r0, r1, r2, r3] = *slot;
            let found = u64::from_le_bytes([k0, k1, k2, k3, k4, k5, k6, k7]);
            if found == 0 {
                return None;
            }
            if found == key {
                return Some(u32::from_le_bytes([r0, r1, r2, r3]) as usize);
            }
            // Keys went in in increasing order and never moved, so a run
            // holds them in increasing order: a larger key means this one
            // would have stood before it (Amble and Knuth's ordered hash
            // tables). A missing key stops here, not at the next gap.
            if found > key {
                return None;
            }
            // The next slot, wrapping (without a division: misses probe
            // several slots).
            s += 1;
            if s == self.slot_count {
                s = 0;
            }
        }
        None
    }
}

impl Table {
    /// Adds the stored weights of `row` (integer steps of [`Table::scale`])
    /// to `sums`.
    // A hint: called for every feature found, and LLVM's choice to inline
    // it changed with unrelated code elsewhere (callgrind: 2% of the analysis).
    #[inline]
    fn add_row(&self, row: usize, sums: &mut Sums) {
        let start = (row * self.row_width + self.column) * 2;
        let Some(bytes) = self.rows.get(start..start + COUNT * 2) else {
            return;
        };
        let Ok(bytes) = <&[u8; COUNT * 2]>::try_from(bytes) else {
            return;
        };
        // Fixed-size arrays, so the compiler can use vector instructions.
        let mut weights = [0i16; COUNT];
        for (w, pair) in weights.iter_mut().zip(bytes.chunks_exact(2)) {
            *w = i16::from_le_bytes([pair[0], pair[1]]);
        }
        for (sum, w) in sums.iter_mut().zip(weights) {
            *sum += i32::from(w);
        }
    }

    /// Adds the weights that integer `sums` stand for to `scores`.
    pub fn add_sums(&self, sums: &Sums, scores: &mut Scores) {
        for (score, &sum) in scores.iter_mut().zip(sums) {
            // Exact: |sum| stays far below 2^24 (a word has about a hundred
            // features, each at most 2^15).
            #[allow(clippy::cast_precision_loss)]
            let sum = sum as f32;
            *score += sum * self.scale;
        }
    }
}

impl Weights for Table {
    fn add_to(&self, feature: u64, scores: &mut Scores) {
        self.add_all(&[feature], scores);
    }

    /// Sums the stored integer weights first and scales once: exact sums,
    /// so the scores are the same however the features are grouped (see
    /// [`Model::add_all_to_both`]).
    // A hint: LLVM's choice to inline this into the scoring loops changed
    // with unrelated code in their callers (callgrind: 1% of the analysis).
    #[inline]
    fn add_all(&self, features: &[u64], scores: &mut Scores) {
        let mut sums = [0; COUNT];
        for &id in features {
            if let Some(row) = self.row_of(id) {
                self.add_row(row, &mut sums);
            }
        }
        self.add_sums(&sums, scores);
    }
}

/// Per-label sums of a table's stored weights, in integer steps of its
/// scale (see [`Table::add_sums`]).
pub type Sums = [i32; COUNT];

/// The two passes' tables, which share their keys.
#[derive(Debug, Clone, Copy)]
pub struct Model {
    /// Local features only.
    pub local: Table,
    /// Local and document (non-local) features.
    pub document: Table,
}

impl Model {
    /// Adds the stored weights of every id of `features` in the local table
    /// to `local` and in the document table to `document`, with one probe
    /// per id for both. Integer sums: split a word's features in parts,
    /// sum each part, add the parts, and [`Table::add_sums`] gives what
    /// [`Weights::add_all`] on all of them gives, to the bit.
    pub fn add_all_to_both(&self, features: &[u64], local: &mut Sums, document: &mut Sums) {
        debug_assert!(
            std::ptr::eq(self.local.slots, self.document.slots),
            "the tables of one model file"
        );
        // All of a batch's probes first, then their rows: the probes are
        // independent cache misses that the core can wait for together,
        // where a row read right after each probe waited for that probe.
        const BATCH: usize = 32;
        let mut rows = [0usize; BATCH];
        for batch in features.chunks(BATCH) {
            let mut found = 0;
            for &id in batch {
                if let Some(row) = self.local.row_of(id) {
                    rows[found] = row;
                    found += 1;
                }
            }
            for &row in &rows[..found] {
                self.local.add_row(row, local);
                self.document.add_row(row, document);
            }
        }
    }
}

/// The little-endian `u32` at byte `at` of `bytes`, if there is one.
pub(crate) fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// Reads the tables of a model file, which share their slots and rows;
/// `None` when it is malformed.
pub fn parse(bytes: &'static [u8]) -> Option<Vec<Table>> {
    if bytes.get(..8)? != MAGIC || read_u32(bytes, 8)? != VERSION {
        return None;
    }
    let count = read_u32(bytes, 12)? as usize;
    if count > bytes.len() / 4 {
        // More scales than the file has bytes for.
        return None;
    }
    let slot_count = read_u32(bytes, 16)? as usize;
    let row_count = read_u32(bytes, 20)? as usize;
    let mut at = 24;
    let mut scales = Vec::with_capacity(count);
    for _ in 0..count {
        scales.push(f32::from_bits(read_u32(bytes, at)?));
        at += 4;
    }
    let slots = bytes.get(at..at.checked_add(slot_count.checked_mul(SLOT_BYTES)?)?)?;
    at += slots.len();
    let row_width = count.checked_mul(COUNT)?;
    let rows = bytes.get(at..at.checked_add(row_count.checked_mul(row_width * 2)?)?)?;
    if at + rows.len() != bytes.len() {
        return None;
    }
    let tables = scales.into_iter().enumerate().map(|(k, scale)| Table {
        slots,
        rows,
        slot_count,
        row_width,
        column: k * COUNT,
        scale,
    });
    Some(tables.collect())
}

/// The embedded model; empty tables (everything outside names) if the file
/// is malformed, which a test rules out.
pub fn embedded() -> Model {
    let tables = parse(EMBEDDED).unwrap_or_default();
    Model {
        local: tables.first().copied().unwrap_or(Table::EMPTY),
        document: tables.get(1).copied().unwrap_or(Table::EMPTY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_has_both_passes() {
        let tables = parse(EMBEDDED).expect("the model file parses");
        assert_eq!(tables.len(), 2);
        assert!(tables.iter().all(|t| t.slot_count > 10_000));
    }

    #[test]
    fn a_truncated_or_foreign_model_file_is_refused() {
        assert!(parse(&EMBEDDED[..EMBEDDED.len() - 1]).is_none());
        assert!(parse(&EMBEDDED[..24]).is_none());
        assert!(parse(b"FOLIONER").is_none());
        let mut old = EMBEDDED.to_vec();
        old[8] = 1;
        assert!(parse(old.leak()).is_none(), "version 1");
        let mut huge = EMBEDDED.to_vec();
        huge[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(parse(huge.leak()).is_none(), "more tables than bytes");
    }
}
