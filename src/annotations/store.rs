//! Where one article's annotations live on disk, and saving them safely.
//!
//! A [`Store`] remembers the exact text it last read from or wrote to the
//! annotation file. Before each save it checks the file still holds that
//! text: if another program (a second folio, an editor, `git pull`) changed
//! it, the file is left alone and this session's version goes to a
//! `.conflict.toml` file beside it instead — nothing is overwritten and
//! nothing is lost. (The check and the rename are not one atomic step; a
//! change in the few microseconds between them would still be overwritten.)

use std::io::Write;
use std::path::{Path, PathBuf};

use super::file::{self, AnnotationFile, FileError};

/// One annotation file and what this session last saw in it.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    on_disk: Option<String>,
}

impl Store {
    /// Opens the annotation file at `path` (a symbolic link is followed, so
    /// saves update its target). Returns the store and the file as parsed:
    /// `Ok(None)` when there is none yet.
    pub fn open(path: &Path) -> (Self, Result<Option<AnnotationFile>, FileError>) {
        let path = resolve_link(path);
        let (on_disk, parsed) = match file::read_text(&path) {
            Ok(Some(text)) => {
                let parsed = file::parse(&path, &text).map(Some);
                (Some(text), parsed)
            }
            Ok(None) => (None, Ok(None)),
            Err(err) => (None, Err(err)),
        };
        (Self { path, on_disk }, parsed)
    }

    /// The annotation file's path (the link's target for a symbolic link).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Saves `annotations` atomically, unless the file changed on disk since
    /// this store last read or wrote it.
    ///
    /// # Errors
    /// [`FileError::ChangedOnDisk`] (this version was written to the
    /// `.conflict.toml` file named in the error), [`FileError::Read`] or
    /// [`FileError::Write`].
    pub fn save(&mut self, annotations: &AnnotationFile) -> Result<(), FileError> {
        let text = file::to_toml(annotations).map_err(|e| FileError::Write {
            path: self.path.clone(),
            reason: std::io::Error::other(e),
        })?;
        if file::read_text(&self.path)? != self.on_disk {
            let kept = conflict_path(&self.path);
            write_atomic(&kept, &text)?;
            return Err(FileError::ChangedOnDisk {
                path: self.path.clone(),
                kept,
            });
        }
        write_atomic(&self.path, &text)?;
        self.on_disk = Some(text);
        Ok(())
    }
}

/// Where the annotations of an article with no file of its own (read from
/// standard input) live: `<data dir>/annotations/<sha256>.folio.toml`, the
/// data dir being folio's per-user data folder (`directories`:
/// `~/.local/share/folio` on Linux, `~/Library/Application Support/folio`
/// on macOS, `%APPDATA%\folio\data` on Windows). `None` when the system
/// names no home folder. The folder is not created here.
pub fn fallback_sidecar(sha256_hex: &str) -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "folio")?;
    Some(
        dirs.data_dir()
            .join("annotations")
            .join(format!("{sha256_hex}.folio.toml")),
    )
}

/// Where a session's version goes when the annotation file changed under it.
pub fn conflict_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".conflict.toml");
    PathBuf::from(name)
}

/// `path` itself, or the file a symbolic link at `path` points to.
fn resolve_link(path: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match is_link.then(|| std::fs::canonicalize(path)) {
        Some(Ok(target)) => target,
        _ => path.to_path_buf(),
    }
}

/// Writes `text` to `path` atomically: a temporary file in the same folder
/// (named after `path`, so a leftover from a crash says whose it is) is
/// written and synced, then renamed over `path`, then the folder is synced.
/// A crash leaves either the old file or the new one, never a mix.
///
/// # Errors
/// [`FileError::Write`] when any step fails; the old file is then untouched.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), FileError> {
    let write_error = |reason| FileError::Write {
        path: path.to_path_buf(),
        reason,
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(write_error)?;
    keep_permissions(path, temp.as_file());
    temp.write_all(text.as_bytes()).map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    temp.persist(path).map_err(|e| write_error(e.error))?;
    // Make the rename itself durable. Not every platform can sync a folder.
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Gives the temporary file the permissions of the file it replaces, or
/// `rw-r--r--` for a new one (temporary files start owner-only).
fn keep_permissions(path: &Path, temp: &std::fs::File) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        let _ = temp.set_permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = (path, temp);
}

#[cfg(test)]
mod tests {
    use super::super::file::{ArticleRecord, OFFSET_UNIT, SCHEMA};
    use super::*;

    fn annotations(sha: &str) -> AnnotationFile {
        AnnotationFile {
            schema: SCHEMA,
            offset_unit: OFFSET_UNIT.to_owned(),
            article: ArticleRecord {
                path: "a.txt".to_owned(),
                sha256: sha.to_owned(),
                encoding: "UTF-8".to_owned(),
            },
            entities: Vec::new(),
            quotes: Vec::new(),
            claims: Vec::new(),
            speakers: Vec::new(),
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn saves_replace_atomically_with_readable_permissions_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.folio.toml");
        let (mut store, loaded) = Store::open(&path);
        assert_eq!(loaded.unwrap(), None);
        store.save(&annotations("00")).unwrap();
        store.save(&annotations("ff")).unwrap();
        assert_eq!(file::load(&path).unwrap(), Some(annotations("ff")));
        assert_eq!(names(dir.path()), ["a.txt.folio.toml"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    #[test]
    fn a_file_changed_by_someone_else_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.folio.toml");
        let (mut first, _) = Store::open(&path);
        let (mut second, _) = Store::open(&path);
        first.save(&annotations("first")).unwrap();
        let err = second.save(&annotations("second")).unwrap_err();
        assert!(matches!(err, FileError::ChangedOnDisk { .. }), "{err}");
        assert_eq!(file::load(&path).unwrap(), Some(annotations("first")));
        assert_eq!(
            file::load(&conflict_path(&path)).unwrap(),
            Some(annotations("second"))
        );
        // The first session goes on saving normally.
        first.save(&annotations("first again")).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("shared.toml");
        let link = dir.path().join("a.txt.folio.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        std::fs::write(&target, file::to_toml(&annotations("00")).unwrap()).unwrap();
        let (mut store, loaded) = Store::open(&link);
        assert_eq!(loaded.unwrap(), Some(annotations("00")));
        store.save(&annotations("11")).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(file::load(&target).unwrap(), Some(annotations("11")));
    }
}
