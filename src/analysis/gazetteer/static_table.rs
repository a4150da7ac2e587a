//! Hash tables of strings laid out at compile time: `build.rs` places the
//! gazetteer forms in slots, and the analysis looks words up in them with no
//! table to build at start-up (building them took about half of a short
//! article's `folio export`).
//!
//! A table is open addressing over a power-of-two number of groups of eight
//! slots, at most [`MAX_LOAD_PERCENT`] full. Each slot has a one-byte tag (0
//! when empty, else the top byte of the key's [`hash`]) and the key's place
//! in the table's text (a span: byte offset, 24 bits, and byte length,
//! 8 bits). A key goes in the first empty slot of its home group (from the
//! hash's low bits) or, when that is full, of the next group that is not.
//! A lookup compares the eight tags of a group at once, as one `u64`, and a
//! key's bytes only where its tag is: most words looked up are in no
//! gazetteer, and their lookup ends at the first group with an empty slot
//! (the scheme of SwissTable, without SIMD). The tags of a 38,000-form table
//! take 64 KB and stay in cache. Nothing here holds a pointer but the text
//! itself, so the tables cost the dynamic linker no relocations.
//!
//! `build.rs` includes this file too (for [`hash`], [`tag`], [`home_group`],
//! [`pack_span`] and [`span_range`]); it must stay free of paths into the crate.

/// The most a table is filled, in percent of its slots: most lookups then
/// read one group of tags.
#[allow(dead_code, reason = "used by build.rs")]
pub const MAX_LOAD_PERCENT: usize = 70;

/// Bits of a span that hold a string's byte length.
const LEN_BITS: u32 = 8;
/// Bits of a span that hold a string's byte offset.
const START_BITS: u32 = 24;
/// The longest key or value a table can hold, in bytes.
#[allow(dead_code, reason = "used by build.rs")]
pub const MAX_LEN: usize = (1 << LEN_BITS) - 1;
/// The longest text a table can have, in bytes.
#[allow(dead_code, reason = "used by build.rs")]
pub const MAX_TEXT: usize = 1 << START_BITS;

/// Two constants of [`hash`]: the first 128 bits of the fraction of pi, a
/// number with nothing up its sleeve.
const PI: [u64; 2] = [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344];

/// A 64-bit hash of `bytes`, the same on every target and in every run
/// (little-endian reads, fixed constants, no seed): `build.rs` places keys
/// with it and lookups find them with it. Sixteen bytes at a time (the last
/// 0 to 16 read as two words, see [`two_words`]), each folded into the
/// length with one [`folded_multiply`]: one multiply for most words. Low
/// bits (the group) and high bits (the tag) both depend on every byte.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h = (bytes.len() as u64) ^ PI[0];
    let mut rest = bytes;
    while rest.len() > 16 {
        let Some((chunk, tail)) = rest.split_first_chunk::<16>() else {
            break;
        };
        let (a, b) = two_words(chunk);
        h = folded_multiply(a ^ h, b ^ PI[1]);
        rest = tail;
    }
    let (a, b) = two_words(rest);
    folded_multiply(a ^ h, b ^ PI[1])
}

/// The full 128-bit product of `a` and `b`, its two halves xor-ed together.
fn folded_multiply(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

/// Up to sixteen bytes as two little-endian words, without a loop: 8 to 16
/// bytes as their first eight and last eight (overlapping), 4 to 7 as their
/// first four and last four, 1 to 3 as their first, middle and last byte.
/// Two byte strings of one length that give the same words are the same.
fn two_words(bytes: &[u8]) -> (u64, u64) {
    let n = bytes.len();
    if let (Some(first), Some(last)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        return (u64::from_le_bytes(*first), u64::from_le_bytes(*last));
    }
    if let (Some(first), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        let (first, last) = (u32::from_le_bytes(*first), u32::from_le_bytes(*last));
        return (u64::from(first), u64::from(last));
    }
    let byte = |i: usize| u64::from(bytes.get(i).copied().unwrap_or(0));
    if n == 0 {
        return (0, 0);
    }
    (byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16, 0)
}

/// The tag of a key with this hash: its top byte, never 0 (0 marks an empty slot).
pub fn tag(hash: u64) -> u8 {
    ((hash >> 56) as u8).max(1)
}

/// The group of slots a key with this hash is looked for first, in a table
/// of `group_count` groups (a power of two).
pub fn home_group(hash: u64, group_count: usize) -> usize {
    hash as usize & group_count.wrapping_sub(1)
}

/// The slots per group.
pub const GROUP: usize = 8;

/// The bytes of `group` (eight tags) that equal `tag`, as the high bit of
/// each such byte. May also flag a byte just above a match (the borrow of
/// the subtraction): callers compare the key anyway, and for `tag` 0 a
/// flag means there is a real 0 byte below it, so "any empty slot" is exact.
fn matching_bytes(group: u64, tag: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let x = group ^ (ONES * u64::from(tag));
    x.wrapping_sub(ONES) & !x & (ONES << 7)
}

/// A string's place in a table's text, packed: byte offset then byte length.
#[allow(dead_code, reason = "used by build.rs")]
pub fn pack_span(start: usize, len: usize) -> u32 {
    debug_assert!(start < MAX_TEXT && len <= MAX_LEN);
    ((start as u32) << LEN_BITS) | len as u32
}

/// A set or map of strings laid out by `build.rs`.
pub struct StaticTable {
    /// Every key and value, each distinct string once.
    pub text: &'static str,
    /// Per group of [`GROUP`] slots, their tags: slot `GROUP * g + i` has
    /// bits `8 * i .. 8 * i + 8` of `tags[g]`, 0 when empty, else the key's
    /// [`tag`]. A power of two of them.
    pub tags: &'static [u64],
    /// Per slot, the key as a span of `text` (see [`pack_span`]).
    pub keys: &'static [u32],
    /// For a map, per slot, the value of the key as a span of `text`; empty
    /// for a set.
    pub values: &'static [u32],
}

impl StaticTable {
    /// The slot holding `key`, if the table has it.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.find_bytes(key.as_bytes())
    }

    /// The slot holding the key of these bytes, if the table has it.
    #[inline] // every word list is looked up through it, a probe or two each
    pub fn find_bytes(&self, key: &[u8]) -> Option<usize> {
        let h = hash(key);
        let wanted = tag(h);
        let mut g = home_group(h, self.tags.len());
        loop {
            let group = *self.tags.get(g)?;
            let mut matches = matching_bytes(group, wanted);
            while matches != 0 {
                let at = GROUP * g + matches.trailing_zeros() as usize / 8;
                if self.span_bytes(*self.keys.get(at)?) == Some(key) {
                    return Some(at);
                }
                matches &= matches - 1;
            }
            if matching_bytes(group, 0) != 0 {
                return None;
            }
            g = (g + 1) & (self.tags.len() - 1);
        }
    }

    /// Whether the table holds `key`.
    pub fn contains(&self, key: &str) -> bool {
        self.find(key).is_some()
    }

    /// The value of the key in slot `at` (for a map).
    pub fn value(&self, at: usize) -> Option<&'static str> {
        let (start, end) = span_range(*self.values.get(at)?);
        self.text.get(start..end)
    }

    /// Every key with its slot, in slot order (for the tests, which compare
    /// the tables with their slow construction).
    #[cfg(test)]
    pub fn keys(&self) -> impl Iterator<Item = (usize, &'static str)> + '_ {
        let text = self.text;
        let tags = self.tags.iter().flat_map(|group| group.to_le_bytes());
        tags.zip(self.keys)
            .enumerate()
            .filter(|(_, (tag, _))| *tag != 0)
            .filter_map(move |(at, (_, &span))| {
                let (start, end) = span_range(span);
                Some((at, text.get(start..end)?))
            })
    }

    /// The bytes at a span of the text.
    fn span_bytes(&self, span: u32) -> Option<&'static [u8]> {
        let (start, end) = span_range(span);
        self.text.as_bytes().get(start..end)
    }
}

/// The byte range of a packed span (see [`pack_span`]), end-exclusive.
pub fn span_range(span: u32) -> (usize, usize) {
    let start = (span >> LEN_BITS) as usize;
    (start, start + (span & ((1 << LEN_BITS) - 1)) as usize)
}
