//! Conversion between byte offsets and char (Unicode scalar value) offsets
//! without rescanning the whole text: a checkpoint every [`STRIDE`] chars.

/// Chars between two checkpoints.
const STRIDE: usize = 64;

/// Byte offsets of every `STRIDE`-th char of one text.
#[derive(Debug, Clone, Default)]
pub(super) struct CharIndex {
    checkpoints: Vec<usize>,
    len_chars: usize,
}

impl CharIndex {
    pub(super) fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut len_chars = 0;
        for (i, (byte, _)) in text.char_indices().enumerate() {
            if i % STRIDE == 0 {
                checkpoints.push(byte);
            }
            len_chars += 1;
        }
        Self {
            checkpoints,
            len_chars,
        }
    }

    pub(super) fn len_chars(&self) -> usize {
        self.len_chars
    }

    pub(super) fn char_offset(&self, text: &str, byte: usize) -> usize {
        let byte = byte.min(text.len());
        let k = self
            .checkpoints
            .partition_point(|&b| b <= byte)
            .saturating_sub(1);
        let from = self.checkpoints.get(k).copied().unwrap_or(0);
        let counted = text
            .get(from..)
            .unwrap_or("")
            .char_indices()
            .take_while(|&(i, _)| from + i < byte)
            .count();
        k * STRIDE + counted
    }

    pub(super) fn byte_offset(&self, text: &str, char: usize) -> Option<usize> {
        if char == self.len_chars {
            return Some(text.len());
        }
        let from = *self.checkpoints.get(char / STRIDE)?;
        let (i, _) = text.get(from..)?.char_indices().nth(char % STRIDE)?;
        Some(from + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_char_of_mixed_text() {
        let text = "Zelensky – “Kyiv” ✓ 🇺🇦 ".repeat(20);
        let index = CharIndex::new(&text);
        for (c, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_offset(&text, b), c);
            assert_eq!(index.byte_offset(&text, c), Some(b));
        }
        assert_eq!(
            index.byte_offset(&text, index.len_chars()),
            Some(text.len())
        );
        assert_eq!(index.byte_offset(&text, index.len_chars() + 1), None);
    }
}
