//! folio — read and annotate news articles in a terminal.
pub mod analysis;
pub mod annotations;
pub mod app;
pub mod document;
pub mod keymap;
pub mod theme;
