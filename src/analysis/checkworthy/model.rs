//! The check-worthiness model: a logistic regression over hashed features,
//! its weights in a small binary file (`models/checkworthy.bin`, embedded)
//! written by `examples/train_checkworthy.rs`.
//!
//! File format (little-endian): the 8 magic bytes `FOLIOCW1`, one byte
//! `bits`, an `f32` offset added to every margin (it puts the decision
//! threshold at 0.5), then `2^bits` weights as `f32`. A feature hash `h`
//! uses the weight at `h & (2^bits - 1)`.

use thiserror::Error;

const MAGIC: &[u8; 8] = b"FOLIOCW1";
/// Bytes before the weights: magic, bits, offset.
const HEADER: usize = 13;

/// Why a weights file could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ModelError {
    /// The file does not start with `FOLIOCW1`.
    #[error("not a folio check-worthiness model (bad magic bytes)")]
    Magic,
    /// `bits` is outside 8..=24 or the file's length does not match it.
    #[error("model file has {found} bytes where {bits} bits need {expected}")]
    Length {
        /// The bucket bits the header gives.
        bits: u8,
        /// The byte length the header implies.
        expected: usize,
        /// The byte length found.
        found: usize,
    },
}

/// Weights of a logistic regression over `2^bits` hashed feature buckets.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    bits: u8,
    /// Added to every margin.
    pub offset: f32,
    weights: Vec<f32>,
}

impl Model {
    /// A model with every weight zero (every sentence scores 0.5).
    pub fn zeros(bits: u8) -> Self {
        let bits = bits.clamp(8, 24);
        Self {
            bits,
            offset: 0.0,
            weights: vec![0.0; 1 << bits],
        }
    }

    /// The bucket of a feature hash.
    pub fn bucket(&self, hash: u32) -> usize {
        (hash & ((1u32 << self.bits) - 1)) as usize
    }

    /// All weights, indexed by bucket.
    pub fn weights_mut(&mut self) -> &mut [f32] {
        &mut self.weights
    }

    /// The weight of a feature hash.
    pub fn weight(&self, hash: u32) -> f32 {
        self.weights.get(self.bucket(hash)).copied().unwrap_or(0.0)
    }

    /// The offset plus the sum of the weights of `features` (hashes, each counted once).
    pub fn margin(&self, features: &[u32]) -> f32 {
        self.offset + features.iter().map(|&h| self.weight(h)).sum::<f32>()
    }

    /// The probability-like score in 0..1 of `features`.
    pub fn score(&self, features: &[u32]) -> f32 {
        sigmoid(self.margin(features))
    }

    /// The model as file bytes (see the module documentation).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + self.weights.len() * 4);
        out.extend_from_slice(MAGIC);
        out.push(self.bits);
        out.extend_from_slice(&self.offset.to_le_bytes());
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads a model from file bytes.
    ///
    /// # Errors
    /// [`ModelError`] when the magic bytes or the length are wrong.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(ModelError::Magic)?;
        let (&bits, rest) = rest.split_first().ok_or(ModelError::Magic)?;
        let (offset, rest) = rest.split_first_chunk::<4>().ok_or(ModelError::Length {
            bits,
            expected: HEADER,
            found: bytes.len(),
        })?;
        let expected = if (8..=24).contains(&bits) {
            4usize << bits
        } else {
            0
        };
        if expected == 0 || rest.len() != expected {
            return Err(ModelError::Length {
                bits,
                expected: expected + HEADER,
                found: bytes.len(),
            });
        }
        let weights = rest
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok(Self {
            bits,
            offset: f32::from_le_bytes(*offset),
            weights,
        })
    }
}

/// The logistic function.
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_round_trips_through_its_bytes() {
        let mut model = Model::zeros(8);
        model.weights_mut()[3] = 1.5;
        model.offset = -0.25;
        let bytes = model.to_bytes();
        assert_eq!(bytes.len(), 13 + 256 * 4);
        assert_eq!(Model::from_bytes(&bytes), Ok(model.clone()));
        assert_eq!(model.weight(256 + 3), 1.5);
    }

    #[test]
    fn a_truncated_or_foreign_file_is_refused() {
        let bytes = Model::zeros(8).to_bytes();
        assert!(matches!(
            Model::from_bytes(&bytes[..100]),
            Err(ModelError::Length { bits: 8, .. })
        ));
        assert_eq!(Model::from_bytes(b"PK\x03\x04"), Err(ModelError::Magic));
    }
}
