//! folio — read and annotate news articles in a terminal.
pub mod analysis;
pub mod document;
