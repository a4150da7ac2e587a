//! `W`: the fact-check report (Markdown) of the article, written by the
//! main loop beside the annotation file (`article.txt.folio.md`).

use std::path::Path;

use super::App;
use crate::annotations::export::{self, markdown};
use crate::annotations::file::FileError;
use crate::safe_text::safe_line;

impl App {
    /// The fact-check report as `folio export --format markdown` writes it
    /// (orphaned claims flagged; quotations and entities once analysed).
    pub fn report(&self) -> String {
        let file = export::to_export(&self.doc, self.analysis.as_ref(), &self.annotations);
        markdown::report(&file, self.doc.markup().title.as_deref())
    }

    /// Tells the app the result of writing the report to `path`.
    pub fn report_written(&mut self, path: &Path, result: Result<(), FileError>) {
        self.message = Some(match result {
            Ok(()) => {
                let claims = self.annotations.claims().len() + self.annotations.orphans().len();
                let plural = if claims == 1 { "" } else { "s" };
                format!(
                    "report with {claims} claim{plural} written to {}",
                    safe_line(&path.display().to_string())
                )
            }
            Err(err) => format!("report NOT written: {}", safe_line(&err.to_string())),
        });
    }
}
