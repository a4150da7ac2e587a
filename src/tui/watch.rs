//! Noticing that an open article's file changed on disk: the reader shows
//! and anchors claims to the text as it was read, and says so once the
//! file holds other bytes.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a cheap look at a file tells: its size and when it was last
/// written. A change of either sends the watch to read the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(path: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Self {
            len: metadata.len(),
            modified: metadata.modified().ok(),
        })
    }
}

/// Watches one open article's file (none for standard input).
#[derive(Debug)]
pub(super) struct ArticleWatch {
    path: PathBuf,
    /// The file as last looked at; `None` when it could not be.
    stamp: Option<Stamp>,
    /// SHA-256 (lower-case hex) of the bytes the reader shows.
    sha256: String,
    /// Whether the reader was told: once is enough.
    told: bool,
}

impl ArticleWatch {
    /// Watches `path`, whose bytes as read have SHA-256 `sha256`; `None`
    /// for standard input, which cannot change under the reader.
    pub(super) fn new(path: &Path, sha256: &str) -> Option<Self> {
        if crate::input::is_stdin(path) {
            return None;
        }
        Some(Self {
            path: path.to_path_buf(),
            stamp: Stamp::of(path),
            sha256: sha256.to_owned(),
            told: false,
        })
    }

    /// A message for the reader the first time the file holds other bytes
    /// than those shown. Costs one `stat` while the file's size and time
    /// stay as they were; reads the file when they change (an editor that
    /// rewrites it unchanged is not reported). A file gone is not reported:
    /// the reader's claims are saved all the same.
    pub(super) fn check(&mut self, name: &str) -> Option<String> {
        if self.told {
            return None;
        }
        let now = Stamp::of(&self.path);
        if now == self.stamp {
            return None;
        }
        self.stamp = now;
        let bytes = std::fs::read(&self.path).ok()?;
        if crate::document::sha256_hex(&bytes) == self.sha256 {
            return None;
        }
        self.told = true;
        Some(format!(
            "{name} changed on disk after folio read it: you are marking the text as read; \
             reopen it for the new text (claims re-anchor to it)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_once_when_the_bytes_change_and_not_when_only_the_time_does() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Macron went to Moscow.\n").unwrap();
        let read = crate::document::sha256_hex(b"Macron went to Moscow.\n");
        let mut watch = ArticleWatch::new(&path, &read).unwrap();
        assert_eq!(watch.check("a.txt"), None);
        // Written again with the same bytes (an editor saving unchanged).
        std::fs::write(&path, "Macron went to Moscow.\n").unwrap();
        assert_eq!(watch.check("a.txt"), None);
        std::fs::write(&path, "Macron went to Kyiv.\n").unwrap();
        let told = watch.check("a.txt").unwrap();
        assert!(told.starts_with("a.txt changed on disk"), "{told}");
        std::fs::write(&path, "Macron went to Paris, then Kyiv.\n").unwrap();
        assert_eq!(watch.check("a.txt"), None, "told once");
    }

    #[test]
    fn a_file_gone_or_standard_input_is_not_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "text").unwrap();
        let mut watch = ArticleWatch::new(&path, &crate::document::sha256_hex(b"text")).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(watch.check("a.txt"), None);
        assert!(ArticleWatch::new(Path::new("-"), "00").is_none());
    }
}
