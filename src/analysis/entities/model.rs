//! The tagger's weights: a table from feature id to one weight per label,
//! read in place from the model file embedded in the binary (no parsing, no
//! copy at start-up), and the same interface for the weights being trained.
//!
//! File layout (little-endian), written by [`super::training::write_model`]:
//! `FOLIONER` (8 bytes), version `u32` = 1, number of tables `u32`, then per
//! table: `slots: u32`, `rows: u32`, `scale: f32`, `slots` × (`key: u64`,
//! `row: u32`) open-addressed by [`slot_of`] with linear probing (key 0 =
//! empty), then `rows` × [`COUNT`] `i16` weights (weight = `i16 × scale`).
//! Table 0 holds the first (local) pass, table 1 the second (document) pass.

use super::labels::COUNT;

/// The model file, trained by `examples/train_ner.rs` on CoNLL-2003 train
/// (see NOTICE).
static EMBEDDED: &[u8] = include_bytes!("../../../models/ner.bin");

/// Magic bytes that open a model file.
pub const MAGIC: &[u8; 8] = b"FOLIONER";
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

/// One table of the model file, borrowed from its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    slots: &'static [u8],
    rows: &'static [u8],
    slot_count: usize,
    scale: f32,
}

impl Table {
    const EMPTY: Table = Table {
        slots: &[],
        rows: &[],
        slot_count: 0,
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
    /// Adds the weights of `row` to `scores`.
    fn add_row(&self, row: usize, scores: &mut Scores) {
        let Some(bytes) = self.rows.get(row * COUNT * 2..(row + 1) * COUNT * 2) else {
            return;
        };
        let Ok(bytes) = <&[u8; COUNT * 2]>::try_from(bytes) else {
            return;
        };
        // Fixed-size arrays, so the compiler can use vector instructions;
        // each score still gets the same multiply and add as one at a time.
        let mut weights = [0.0f32; COUNT];
        for (k, w) in weights.iter_mut().enumerate() {
            *w = f32::from(i16::from_le_bytes([bytes[2 * k], bytes[2 * k + 1]]));
        }
        for (score, w) in scores.iter_mut().zip(weights) {
            *score += w * self.scale;
        }
    }
}

impl Weights for Table {
    // A hint: LLVM's choice to inline this into the scoring loops changed
    // with unrelated code in their callers (callgrind: 1% of the analysis).
    #[inline]
    fn add_to(&self, feature: u64, scores: &mut Scores) {
        if let Some(row) = self.row_of(feature) {
            self.add_row(row, scores);
        }
    }
}

/// The two passes' tables.
#[derive(Debug, Clone, Copy)]
pub struct Model {
    /// Local features only.
    pub local: Table,
    /// Local and document (non-local) features.
    pub document: Table,
}

/// The little-endian `u32` at byte `at` of `bytes`, if there is one.
pub(crate) fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// Reads the tables of a model file; `None` when it is malformed.
pub fn parse(bytes: &'static [u8]) -> Option<Vec<Table>> {
    if bytes.get(..8)? != MAGIC || read_u32(bytes, 8)? != 1 {
        return None;
    }
    let count = read_u32(bytes, 12)? as usize;
    let mut at = 16;
    let mut tables = Vec::with_capacity(count);
    for _ in 0..count {
        let slot_count = read_u32(bytes, at)? as usize;
        let row_count = read_u32(bytes, at + 4)? as usize;
        let scale = f32::from_bits(read_u32(bytes, at + 8)?);
        at += 12;
        let slots = bytes.get(at..at + slot_count * SLOT_BYTES)?;
        at += slot_count * SLOT_BYTES;
        let rows = bytes.get(at..at + row_count * COUNT * 2)?;
        at += row_count * COUNT * 2;
        tables.push(Table {
            slots,
            rows,
            slot_count,
            scale,
        });
    }
    Some(tables)
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
}
