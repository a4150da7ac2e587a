//! Named entity recognition (stub, to be written).
use std::ops::Range;
use super::{Entity, Progress};
use crate::document::Document;
/// Named entities of `doc`.
pub fn recognise(_doc: &Document, _sentences: &[Range<usize>], _progress: &Progress) -> Vec<Entity> {
    Vec::new()
}
