//! folio — read and annotate news articles in a terminal.
//!
//! Data flows one way (see `DESIGN` notes in README.md):
//!
//! - [`document`]: the article's decoded text, paragraphs, SHA-256 and
//!   byte ↔ char offset conversion. Every span in memory is a byte range.
//! - [`input`]: input formats (plain text; the article text all offsets
//!   refer to) and reading files or standard input.
//! - [`analysis`]: pure functions from a document to sentences, named
//!   entities (with mentions) and quotations (with speakers).
//! - [`eval`]: CoNLL-2003 reading and conlleval-style entity scoring, for
//!   measuring the recogniser (`examples/conll_eval.rs`).
//! - [`annotations`]: the reader's claims, undo history, the TOML annotation
//!   file (char offsets, `exact` text), atomic saving and re-anchoring.
//! - [`app`]: state, `update` (applying an [`action::Action`], returning
//!   effects such as save or quit instead of doing I/O) and the side panel's
//!   views ([`app::panel`]).
//! - [`config`]: the reader's `config.toml` (theme, keys, mouse, widths),
//!   with warnings that name file, line and key.
//! - [`keymap`]: keys → actions, loaded from TOML; help is generated from it.
//! - [`theme`]: styles by meaning from helix-style theme TOML.
//! - [`wrap`]: safe glyphs (no control character reaches the terminal) and
//!   word wrapping by grapheme width.
//! - [`view`]: draws the app with ratatui.
//! - [`tui`]: terminal set-up/restore and the event loop; [`cli`]: arguments.
//!
//! Leaf modules many use, which import none of the above: [`action`] (every
//! user intent), [`layout`] (screen areas), [`warning`] (problems in the
//! reader's files, with file, line and key) and [`safe_text`] (text made safe
//! for one terminal line). Arrows point down: nothing below [`app`] imports
//! `app` or `view`.
//!
//! The analysis on its own, as a library:
//!
//! ```
//! use folio::analysis::{EntityKind, Progress, analyse};
//! use folio::document::Document;
//!
//! let text = "“We will not give in,” President Emmanuel Macron said in Paris. Macron left.";
//! let doc = Document::from_bytes(text.as_bytes(), None);
//! let analysis = analyse(&doc, &Progress::default());
//!
//! let macron = &analysis.entities.iter().find(|e| e.kind == EntityKind::Person).unwrap();
//! assert_eq!(macron.name, "Emmanuel Macron");
//! assert_eq!(macron.mentions.len(), 2); // "Macron" joins the full name
//! let quote = &analysis.quotations[0];
//! assert_eq!(doc.slice(quote.span.clone()), "“We will not give in,”");
//! assert_eq!(quote.speaker.map(|s| analysis.entities[s].name.as_str()), Some("Emmanuel Macron"));
//! // Byte offsets in memory, char offsets in files:
//! assert_eq!((quote.span.end, doc.char_offset(quote.span.end)), (26, 22));
//! ```

pub mod action;
pub mod analysis;
pub mod annotations;
pub mod app;
pub mod cli;
pub mod config;
pub mod document;
pub mod eval;
#[cfg(test)]
mod generated;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod safe_text;
pub mod theme;
pub mod tui;
pub mod view;
pub mod warning;
pub mod wrap;
