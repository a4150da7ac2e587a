//! The one view of an article every subcommand prints: the text, the
//! reader's annotations found again in it, and the analysis with the
//! reader's entity corrections replayed, as the reader shows it.

use std::path::Path;

use crate::analysis::{Analysis, Progress, Scope, analyse_scoped};
use crate::annotations::{Annotations, anchor, corrections, file, speaker_fixes, store};
use crate::document::Document;

/// An article as the reader sees it.
pub(crate) struct Annotated {
    /// The article text (every offset counts its chars).
    pub doc: Document,
    /// Claims, speaker fixes and corrections from its annotation file,
    /// re-anchored in `doc` (empty when there is no file).
    pub annotations: Annotations,
    /// Entities, quotations and suggestions, with `annotations`' entity
    /// corrections and speakers applied.
    pub analysis: Analysis,
}

/// Reads the article at `path` (`-`: standard input), loads its annotation
/// file (beside it, or in the data folder for standard input or a
/// read-only folder), analyses it (as far as `scope` asks) and applies
/// the reader's corrections.
///
/// # Errors
/// The article cannot be read or is binary; the annotation file cannot be
/// read or parsed; standard input was read but there is no data folder.
pub(crate) fn open(path: &Path, scope: Scope) -> anyhow::Result<Annotated> {
    let doc = crate::input::open(path)?;
    let sidecar = if crate::input::is_stdin(path) {
        crate::input::sidecar_for(path, &doc)?
    } else {
        // A read-only folder's annotations may be in the data folder.
        let fallback = store::fallback_for_article(path, doc.sha256());
        store::annotations_path(&file::sidecar_path(path), fallback.as_deref())
    };
    let annotations = file::load(&sidecar)?
        .map(|f| anchor::claims_from_file(&doc, &f))
        .unwrap_or_default();
    let mut analysis = analyse_scoped(&doc, &Progress::default(), scope);
    corrections::apply(&mut analysis, annotations.corrections(), &doc);
    speaker_fixes::apply(&mut analysis, annotations.speakers(), doc.text());
    Ok(Annotated {
        doc,
        annotations,
        analysis,
    })
}
