//! `W`: the fact-check report (Markdown) of the article, written by the
//! main loop beside the annotation file (`article.txt.folio.md`).

use std::path::{Path, PathBuf};

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

    /// Tells the app the result of writing the report to `path`; `kept` is
    /// where the file it replaced was kept, if it was (see
    /// [`write_report`]).
    pub fn report_written(&mut self, path: &Path, result: Result<Option<PathBuf>, FileError>) {
        self.message = Some(match result {
            Ok(kept) => {
                let claims = self.annotations.claims().len() + self.annotations.orphans().len();
                let plural = if claims == 1 { "" } else { "s" };
                let kept = kept.map_or_else(String::new, |k| {
                    format!(
                        " (the file there, not folio's as written, kept as {})",
                        safe_line(&k.display().to_string())
                    )
                });
                format!(
                    "report with {claims} claim{plural} written to {}{kept}",
                    safe_line(&path.display().to_string())
                )
            }
            Err(err) => format!("report NOT written: {}", safe_line(&err.to_string())),
        });
    }
}

/// The last line of a report `W` writes: the SHA-256 of the text above it,
/// so that the next `W` can tell a report left as written (replaced) from
/// one the reader edited or another file (kept).
const STAMP: &str = "<!-- written by folio; sha256 of the text above: ";

/// Writes `report` to `path` atomically with its `STAMP`. A file already
/// there that is not a report left as folio wrote it (edited since, or
/// another file) is first copied to `<path>.bak` (`<path>.<k>.bak` when
/// that holds something else); returns that copy's path.
///
/// # Errors
/// [`FileError::Read`] or [`FileError::Write`]: nothing was replaced.
pub fn write_report(path: &Path, report: &str) -> Result<Option<PathBuf>, FileError> {
    let stamped = format!(
        "{report}{STAMP}{} -->\n",
        crate::document::sha256_hex(report.as_bytes())
    );
    let kept = match crate::annotations::file::read_text(path)? {
        Some(old) if old != stamped && !is_unedited_report(&old) => {
            let backup = crate::annotations::store::numbered_backup_path(path, "", &old);
            crate::annotations::store::write_atomic(&backup, &old)?;
            Some(backup)
        }
        _ => None,
    };
    crate::annotations::store::write_atomic(path, &stamped)?;
    Ok(kept)
}

/// [`write_report`] beside the annotation file `annotations`
/// (`article.txt.folio.md`), or, when that fails and the annotations have
/// a place in the data folder (`fallback`, see
/// [`crate::annotations::store::Store::fallback`]), beside that place, as
/// the claims go there when the article's folder cannot be written.
/// Returns the path written (or last tried) and the result.
pub fn write_report_beside(
    annotations: &Path,
    fallback: Option<&Path>,
    report: &str,
) -> (PathBuf, Result<Option<PathBuf>, FileError>) {
    let beside = annotations.with_extension("md");
    let result = write_report(&beside, report);
    match fallback {
        Some(fallback) if result.is_err() => {
            let copy = fallback.with_extension("md");
            if let Some(folder) = copy.parent() {
                // A failure here shows as the write's own error.
                let _ = std::fs::create_dir_all(folder);
            }
            let result = write_report(&copy, report);
            (copy, result)
        }
        _ => (beside, result),
    }
}

/// Whether `text` is a report as `W` wrote it: its last line is the
/// [`STAMP`] of the text above.
fn is_unedited_report(text: &str) -> bool {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let Some((above, last)) = body.rsplit_once('\n').map(|(a, l)| (format!("{a}\n"), l)) else {
        return false;
    };
    last.strip_prefix(STAMP)
        .and_then(|rest| rest.strip_suffix(" -->"))
        .is_some_and(|hash| hash == crate::document::sha256_hex(above.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn a_report_that_cannot_go_beside_the_article_goes_to_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        let fallback = dir.path().join("annotations/path-1.folio.toml");
        // Nobody, not even root, can create files in /proc.
        let beside = Path::new("/proc/version.folio.toml");
        let (path, result) = write_report_beside(beside, Some(&fallback), "# Report\n");
        assert_eq!(path, dir.path().join("annotations/path-1.folio.md"));
        assert_eq!(result.unwrap(), None);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .starts_with("# Report\n")
        );
        // Without a data folder the error is the one beside the article.
        let (path, result) = write_report_beside(beside, None, "# Report\n");
        assert_eq!(path, Path::new("/proc/version.folio.md"));
        assert!(result.is_err());
    }

    #[test]
    fn a_report_left_as_written_is_replaced_and_an_edited_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.folio.md");
        assert_eq!(
            write_report(&path, "# Report\n\none claim\n").unwrap(),
            None
        );
        // Left as written: replaced without a copy.
        assert_eq!(
            write_report(&path, "# Report\n\ntwo claims\n").unwrap(),
            None
        );
        // Edited by the reader: kept before it is replaced.
        let edited = std::fs::read_to_string(&path)
            .unwrap()
            .replace("two", "my two");
        std::fs::write(&path, &edited).unwrap();
        let kept = write_report(&path, "# Report\n\nthree claims\n").unwrap();
        let backup = dir.path().join("a.txt.folio.md.bak");
        assert_eq!(kept.as_deref(), Some(backup.as_path()));
        assert_eq!(std::fs::read_to_string(&backup).unwrap(), edited);
        // Another file of the reader's, never written by folio: kept too,
        // beside the first copy, not over it.
        std::fs::write(&path, "my own notes\n").unwrap();
        let kept = write_report(&path, "# Report\n").unwrap();
        assert_eq!(kept, Some(dir.path().join("a.txt.folio.md.2.bak")));
        assert_eq!(std::fs::read_to_string(&backup).unwrap(), edited);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .starts_with("# Report\n<!-- written by folio")
        );
    }
}
