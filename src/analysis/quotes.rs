//! Quotation detection (stub, to be written).
use super::{Entity, Quotation};
use crate::document::Document;
/// Quotations of `doc`.
pub fn find(_doc: &Document, _entities: &[Entity]) -> Vec<Quotation> {
    Vec::new()
}
