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

use super::file::{self, AnnotationFile, FileError, SCHEMA};

/// One annotation file and what this session last saw in it.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    on_disk: Option<String>,
    /// Where to save instead when `path`'s folder cannot be written.
    fallback: Option<PathBuf>,
    /// The schema of the file as read, when older than [`SCHEMA`]: the file
    /// is backed up before it is first overwritten in the new schema.
    migrate_from: Option<u32>,
    /// What the reader should be told about where their work went.
    notice: Option<String>,
    /// Whether the file as read still has to be checked for fields folio
    /// does not know (`mystery`, `claims[2].colour`), which the first save
    /// would drop: checked then, not on opening, which stays cheap.
    check_unknown: bool,
    /// The conflict file this session wrote last, with the text it wrote:
    /// later conflicts update it, while a conflict file of another session
    /// is never overwritten.
    conflict: Option<(PathBuf, String)>,
    /// When the annotations were read from the data folder's copy but the
    /// file beside the article can be written again: that file, and the
    /// text it held then (`None`: no file). The next save goes back there
    /// (see [`Store::save`]).
    home: Option<(PathBuf, Option<String>)>,
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
        let migrate_from = match &parsed {
            Ok(Some(read)) if read.schema < SCHEMA => Some(read.schema),
            _ => None,
        };
        let check_unknown = matches!(parsed, Ok(Some(_)));
        // A conflict file left by an earlier session waits to be merged.
        let notice = existing_conflict(&path).map(|kept| {
            format!(
                "{} holds annotations another session could not save: merge it by hand",
                shown(&kept)
            )
        });
        let store = Self {
            path,
            on_disk,
            fallback: None,
            migrate_from,
            notice,
            check_unknown,
            conflict: None,
            home: None,
        };
        (store, parsed)
    }

    /// Opens the annotations of the article at `article` whose bytes hash to
    /// `sha256` (lower-case hex): the sidecar beside it, or the copy in the
    /// user's data folder ([`fallback_sidecar`]) when there is no sidecar or
    /// the copy is newer. Saves go to the data folder when the article's
    /// folder cannot be written.
    pub fn open_article(
        article: &Path,
        sha256: &str,
    ) -> (Self, Result<Option<AnnotationFile>, FileError>) {
        Self::open_with_fallback(
            &file::sidecar_path(article),
            fallback_for_article(article, sha256),
        )
    }

    /// As [`Store::open_article`], with the sidecar path and the data-folder
    /// path given.
    pub fn open_with_fallback(
        sidecar: &Path,
        fallback: Option<PathBuf>,
    ) -> (Self, Result<Option<AnnotationFile>, FileError>) {
        let chosen = annotations_path(sidecar, fallback.as_deref());
        let (mut store, parsed) = Self::open(&chosen);
        if chosen == sidecar {
            // An older copy in the data folder that differs may hold claims
            // the sidecar lacks (saved while the folder was read-only):
            // say so rather than hide it.
            let other = fallback.as_deref().filter(|copy| {
                file::read_text(copy)
                    .ok()
                    .flatten()
                    .is_some_and(|text| Some(&text) != store.on_disk.as_ref())
            });
            if let Some(copy) = other
                && store.notice.is_none()
            {
                store.notice = Some(format!(
                    "an older copy of these annotations is in {}: merge it by hand if it holds claims",
                    shown(copy)
                ));
            }
            store.fallback = fallback;
        } else {
            // Saved there while the file beside the article was read-only
            // or its folder could not be written: once it can be again,
            // the next save goes back beside the article (in git, where the
            // reader looks), and the copy, which it then holds, goes.
            let writable = folder_writable(sidecar) && !is_read_only(sidecar);
            if writable && let Ok(beside) = file::read_text(sidecar) {
                store.home = Some((sidecar.to_path_buf(), beside));
            }
            if store.notice.is_none() {
                store.notice = Some(format!("annotations from {}", shown(&chosen)));
            }
        }
        (store, parsed)
    }

    /// The annotation file's path (the link's target for a symbolic link).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the annotations go when the annotation file's folder cannot be
    /// written, while they have not gone there yet (`None` once they have:
    /// then [`Store::path`] is that place).
    pub fn fallback(&self) -> Option<&Path> {
        self.fallback.as_deref()
    }

    /// What happened that the reader should know (annotations read from or
    /// saved to the data folder, a file upgraded and backed up), once.
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    /// Saves `annotations` atomically, unless the file changed on disk since
    /// this store last read or wrote it. A file of an older schema is first
    /// copied to a backup ([`backup_path`]). When the file's folder cannot be
    /// written, or the file is read-only, the annotations go to the data
    /// folder from then on (see
    /// [`Store::take_notice`]).
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
        let there = file::read_text(&self.path)?;
        if there.is_none() && self.on_disk.is_some() {
            // Deleted by another program (`git clean`, a file manager):
            // nothing there to merge with, and this session holds every
            // annotation the file had, so it is written again.
            self.notice = Some(format!(
                "{} was deleted by another program; written again",
                shown(&self.path)
            ));
        } else if there != self.on_disk {
            let path = self.path.clone();
            return Err(self.keep_in_conflict_file(path, text));
        }
        if self.home.is_some() {
            self.back_up_old_schema()?;
            self.back_up_unknown_fields()?;
            if self.go_home(&text)? {
                return Ok(());
            }
        }
        let written = refuse_read_only(&self.path)
            .and_then(|()| self.back_up_old_schema())
            .and_then(|()| self.back_up_unknown_fields())
            .and_then(|()| write_atomic(&self.path, &text));
        match (written, self.fallback.take()) {
            (Ok(()), fallback) => {
                self.fallback = fallback;
                self.on_disk = Some(text);
                Ok(())
            }
            (Err(err), Some(fallback)) if name_too_long(&err) => {
                let why = "its name beside the article is too long for the file system";
                self.save_to_fallback(fallback, text, why.to_owned())
            }
            (Err(_), Some(fallback)) if is_read_only(&self.path) => {
                // The reader's chmod is respected, and the claims kept.
                let why = format!("{} is read-only", shown(&self.path));
                self.save_to_fallback(fallback, text, why)
            }
            (Err(_), Some(fallback)) if !folder_writable(&self.path) => {
                let folder = folder_of(&self.path);
                let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
                let why = format!("{} cannot be written", shown(&folder));
                self.save_to_fallback(fallback, text, why)
            }
            (Err(err), fallback) => {
                self.fallback = fallback;
                Err(err)
            }
        }
    }

    /// Saves `text` beside the article again ([`Store::home`]) when the
    /// file there still holds what it held on opening, then removes the
    /// data folder's copy this store read (if it still holds what was
    /// read: every annotation of it is in `text`). Whether it did; `false`
    /// leaves the save to the copy, as before.
    fn go_home(&mut self, text: &str) -> Result<bool, FileError> {
        let Some((home, seen)) = self.home.take() else {
            return Ok(false);
        };
        if file::read_text(&home)? != seen || write_atomic(&home, text).is_err() {
            return Ok(false);
        }
        let copy = std::mem::replace(&mut self.path, home);
        let copy_unchanged = file::read_text(&copy)? == self.on_disk;
        let removed = copy_unchanged && std::fs::remove_file(&copy).is_ok();
        self.notice = Some(if removed {
            format!(
                "saved beside the article again: {} (the copy in the data folder is removed)",
                shown(&self.path)
            )
        } else {
            format!(
                "saved beside the article again: {} (an older copy stays in {})",
                shown(&self.path),
                shown(&copy)
            )
        });
        self.on_disk = Some(text.to_owned());
        self.migrate_from = None;
        self.fallback = Some(copy);
        Ok(true)
    }

    /// Moves this store to `fallback` and saves `text` there, telling the
    /// reader `why`; the file beside the article (if any) is left as it was.
    fn save_to_fallback(
        &mut self,
        fallback: PathBuf,
        text: String,
        why: String,
    ) -> Result<(), FileError> {
        if let Some(folder) = fallback.parent() {
            std::fs::create_dir_all(folder).map_err(|reason| FileError::Write {
                path: fallback.clone(),
                reason,
            })?;
        }
        // A copy already there (from an older session) is not overwritten.
        if file::read_text(&fallback)?.is_some_and(|there| there != text) {
            return Err(self.keep_in_conflict_file(fallback, text));
        }
        write_atomic(&fallback, &text)?;
        // The path first: a narrow status bar cuts the end.
        self.notice = Some(format!("saved to {} ({why})", shown(&fallback)));
        self.path = fallback;
        self.on_disk = Some(text);
        self.migrate_from = None;
        Ok(())
    }

    /// Writes `text`, which could not be saved to `path` because another
    /// program changed it, to a conflict file beside it: the one this
    /// session wrote before if it still holds what was written there, else
    /// a free one ([`free_conflict_path`]). Returns the error that names
    /// both files (or the write's error).
    fn keep_in_conflict_file(&mut self, path: PathBuf, text: String) -> FileError {
        let own = self.conflict.as_ref().and_then(|(kept, wrote)| {
            let unchanged = file::read_text(kept).ok()?.as_deref() == Some(wrote.as_str());
            unchanged.then(|| kept.clone())
        });
        let kept = own.unwrap_or_else(|| free_conflict_path(&path, &text));
        if let Err(err) = write_atomic(&kept, &text) {
            return err;
        }
        self.conflict = Some((kept.clone(), text));
        FileError::ChangedOnDisk { path, kept }
    }

    /// Copies the file as read to `<path>.unknown.bak` (numbered like
    /// [`backup_path`]'s) if it has fields folio does not know and has not
    /// been backed up yet: saving writes only the fields folio knows.
    fn back_up_unknown_fields(&mut self) -> Result<(), FileError> {
        let Some(old) = self.on_disk.as_ref().filter(|_| self.check_unknown) else {
            return Ok(());
        };
        let unknown = file::parse(&self.path, old)
            .map(|read| unknown_fields(old, &read))
            .unwrap_or_default();
        if unknown.is_empty() {
            self.check_unknown = false;
            return Ok(());
        }
        let backup = numbered_backup_path(&self.path, "unknown", old);
        if file::read_text(&backup)?.as_deref() != Some(old.as_str()) {
            write_atomic(&backup, old)?;
        }
        let mut fields = unknown
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if unknown.len() > 3 {
            fields.push_str(", …");
        }
        // The path first: a narrow status bar cuts the end.
        self.notice = Some(format!(
            "file as it was kept as {}: folio does not know {fields}",
            shown(&backup)
        ));
        // Checked once the copy is safe (a failed copy is tried again).
        self.check_unknown = false;
        Ok(())
    }

    /// Copies the file as read to [`backup_path`] if it has an older schema
    /// and has not been backed up yet.
    fn back_up_old_schema(&mut self) -> Result<(), FileError> {
        let (Some(schema), Some(old)) = (self.migrate_from, &self.on_disk) else {
            return Ok(());
        };
        let backup = backup_path(&self.path, schema, old);
        if file::read_text(&backup)?.as_deref() != Some(old.as_str()) {
            write_atomic(&backup, old)?;
        }
        // The path first: a narrow status bar cuts the end.
        self.notice = Some(format!(
            "old schema-{schema} file kept as {}; saved as schema {SCHEMA}",
            shown(&backup)
        ));
        self.migrate_from = None;
        Ok(())
    }
}

/// Where the annotations of the article whose bytes hash to `sha256_hex` are
/// kept when the article's folder cannot be written (or the article came on
/// standard input): `annotations/<sha256_hex>.folio.toml` in the user's data
/// folder (`$XDG_DATA_HOME/folio` or `~/.local/share/folio` on Linux,
/// `~/Library/Application Support/folio` on macOS, the roaming app-data
/// folder on Windows). `None` when there is no home folder or `sha256_hex` is not a
/// hex string.
pub fn fallback_sidecar(sha256_hex: &str) -> Option<PathBuf> {
    if sha256_hex.is_empty() || !sha256_hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let dirs = directories::ProjectDirs::from("", "", "folio")?;
    Some(
        dirs.data_dir()
            .join("annotations")
            .join(format!("{sha256_hex}.folio.toml")),
    )
}

/// Where the annotations of the article file at `article` go when its
/// folder cannot be written: `annotations/path-<H>.folio.toml` in the data
/// folder, `H` the SHA-256 of the article's absolute path, so that the
/// claims stay with the file when it is edited (and re-anchor), and another
/// file with the same bytes does not take them. A copy an older folio kept
/// under the text's SHA-256 `sha256` ([`fallback_sidecar`]) is used while
/// no copy by path exists and the folder still cannot be written. `None`
/// as for [`fallback_sidecar`].
pub fn fallback_for_article(article: &Path, sha256: &str) -> Option<PathBuf> {
    let absolute = std::fs::canonicalize(article).unwrap_or_else(|_| article.to_path_buf());
    let key = crate::document::sha256_hex(absolute.as_os_str().as_encoded_bytes());
    let by_path = fallback_sidecar(&key)?.with_file_name(format!("path-{key}.folio.toml"));
    let by_text = fallback_sidecar(sha256);
    // Only where the folder cannot be written, as when that copy was made:
    // elsewhere a copy by text is another article's (standard input's).
    match by_text {
        Some(old) if !by_path.exists() && old.exists() && !folder_writable(article) => Some(old),
        _ => Some(by_path),
    }
}

/// Which annotation file to read for an article with sidecar path `sidecar`
/// and data-folder copy `fallback`: the copy when there is no sidecar or the
/// copy was written more recently, else the sidecar.
pub fn annotations_path(sidecar: &Path, fallback: Option<&Path>) -> PathBuf {
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified());
    if let Some(fallback) = fallback
        && let Ok(copy) = modified(fallback)
    {
        let use_copy = match modified(sidecar) {
            Ok(beside) => copy > beside,
            Err(err) => is_absent(&err),
        };
        if use_copy {
            return fallback.to_path_buf();
        }
    }
    sidecar.to_path_buf()
}

/// `path` for the status bar, with the home folder as `~`.
fn shown(path: &Path) -> String {
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    match home
        .as_deref()
        .and_then(|home| path.strip_prefix(home).ok())
    {
        Some(inside) => format!("~/{}", inside.display()),
        None => path.display().to_string(),
    }
}

/// Whether `err` says the file is not there (or its folder is not a folder,
/// or its name is too long to be there).
fn is_absent(err: &std::io::Error) -> bool {
    matches!(
        err.kind(),
        std::io::ErrorKind::NotFound
            | std::io::ErrorKind::NotADirectory
            | std::io::ErrorKind::InvalidFilename
    )
}

/// Whether `err` says the file's name is longer than the file system
/// allows (an article's long name plus `.folio.toml`).
fn name_too_long(err: &FileError) -> bool {
    matches!(err, FileError::Write { reason, .. } if reason.kind() == std::io::ErrorKind::InvalidFilename)
}

/// The folder `path` is in: `.` (the working folder) for a bare file name,
/// whose parent is "".
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Whether a new file can be created in `path`'s folder.
fn folder_writable(path: &Path) -> bool {
    tempfile::tempfile_in(folder_of(path)).is_ok()
}

/// Where a file of schema `schema` at `path` is backed up before it is first
/// saved in the current schema: `<path>.schema<N>.bak`, or
/// `<path>.schema<N>.<k>.bak` when that exists with other text than `text`.
pub fn backup_path(path: &Path, schema: u32, text: &str) -> PathBuf {
    numbered_backup_path(path, &format!("schema{schema}"), text)
}

/// `<path>.<label>.bak`, or `<path>.<label>.<k>.bak` when that exists with
/// other text than `text` (`<path>.bak`, `<path>.<k>.bak` for an empty
/// `label`): a backup never replaces another.
pub fn numbered_backup_path(path: &Path, label: &str, text: &str) -> PathBuf {
    let label = if label.is_empty() {
        String::new()
    } else {
        format!(".{label}")
    };
    let named = |k: u32| {
        let mut name = path.as_os_str().to_owned();
        match k {
            1 => name.push(format!("{label}.bak")),
            _ => name.push(format!("{label}.{k}.bak")),
        }
        PathBuf::from(name)
    };
    free_or_holding(named, text, 1)
}

/// The first of `named(1)`, `named(2)`, … (up to 999) that does not exist
/// or already holds `text`; `named(otherwise)` when none does.
fn free_or_holding(named: impl Fn(u32) -> PathBuf, text: &str, otherwise: u32) -> PathBuf {
    (1..1000)
        .map(&named)
        .find(|p| file::read_text(p).is_ok_and(|t| t.is_none_or(|t| t == text)))
        .unwrap_or_else(|| named(otherwise))
}

/// The fields of the annotation file `text` (parsed as `read`) that folio
/// would not write back, as dotted paths (`mystery`, `article.publisher`,
/// `claims[2].colour`): those in `text` but not in `read` written out.
fn unknown_fields(text: &str, read: &AnnotationFile) -> Vec<String> {
    let (Ok(original), Some(known)) = (
        text.parse::<toml::Table>(),
        file::to_toml(read)
            .ok()
            .and_then(|t| t.parse::<toml::Table>().ok()),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    missing_keys(&original, &known, "", &mut out);
    out
}

/// Whether `value` holds nothing: an empty string, array or table, `false`
/// or 0.
fn is_empty_value(value: &toml::Value) -> bool {
    use toml::Value;
    match value {
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Table(t) => t.is_empty(),
        Value::Boolean(b) => !b,
        Value::Integer(n) => *n == 0,
        Value::Float(x) => *x == 0.0,
        Value::Datetime(_) => false,
    }
}

/// Appends to `out` the keys of `original` (under `prefix`) that `known`
/// lacks, looking into tables and arrays of tables.
fn missing_keys(original: &toml::Table, known: &toml::Table, prefix: &str, out: &mut Vec<String>) {
    use toml::Value;
    for (key, value) in original {
        let here = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match (value, known.get(key)) {
            // Empty values folio leaves out when it writes (`note = ""`,
            // `last_claim = 0`) lose nothing.
            (value, None) if is_empty_value(value) => {}
            (_, None) => out.push(here),
            (Value::Table(a), Some(Value::Table(b))) => missing_keys(a, b, &here, out),
            (Value::Array(a), Some(Value::Array(b))) => {
                for (k, (a, b)) in a.iter().zip(b).enumerate() {
                    if let (Value::Table(a), Value::Table(b)) = (a, b) {
                        missing_keys(a, b, &format!("{here}[{k}]"), out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Where a session's version goes when the annotation file changed under it.
pub fn conflict_path(path: &Path) -> PathBuf {
    numbered_conflict_path(path, 1)
}

/// `<path>.conflict.toml` for `k` = 1, else `<path>.conflict-<k>.toml`.
fn numbered_conflict_path(path: &Path, k: u32) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    if k == 1 {
        name.push(".conflict.toml");
    } else {
        name.push(format!(".conflict-{k}.toml"));
    }
    PathBuf::from(name)
}

/// The first of [`conflict_path`], `<path>.conflict-2.toml`, … that does not
/// exist or already holds `text`: a conflict file is never overwritten with
/// other annotations.
pub fn free_conflict_path(path: &Path, text: &str) -> PathBuf {
    free_or_holding(|k| numbered_conflict_path(path, k), text, 1000)
}

/// The last conflict file beside `path` ([`free_conflict_path`]'s names), if
/// any is there.
fn existing_conflict(path: &Path) -> Option<PathBuf> {
    (1..1000)
        .map(|k| numbered_conflict_path(path, k))
        .take_while(|p| p.exists())
        .last()
}

/// Refuses to replace a file whose permissions say read-only (`chmod
/// a-w`): the rename that saves would replace it anyway where the folder
/// can be written, or for the superuser.
///
/// # Errors
/// [`FileError::Write`] naming `path` when it is read-only.
fn refuse_read_only(path: &Path) -> Result<(), FileError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.permissions().readonly() => Err(FileError::Write {
            path: path.to_path_buf(),
            reason: std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "the file is read-only (its permissions say so)",
            ),
        }),
        _ => Ok(()),
    }
}

/// Whether the file at `path` exists and its permissions forbid writing.
fn is_read_only(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| meta.permissions().readonly())
}

/// Whether `path` is a symbolic link (dangling or not).
fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// `path` itself, or the file a symbolic link at `path` points to.
fn resolve_link(path: &Path) -> PathBuf {
    match is_symlink(path).then(|| std::fs::canonicalize(path)) {
        Some(Ok(target)) => target,
        // A link to a file not made yet: the file is made where it points,
        // and the link stays.
        Some(Err(_)) => match std::fs::read_link(path) {
            Ok(target) if target.is_relative() => folder_of(path).join(target),
            Ok(target) => target,
            Err(_) => path.to_path_buf(),
        },
        None => path.to_path_buf(),
    }
}

/// Writes `text` to `path` atomically: a temporary file in the same folder
/// (named after `path`, so a leftover from a crash says whose it is) is
/// written and synced, then renamed over `path`, then the folder is synced.
/// A crash leaves either the old file or the new one, never a mix. A
/// symbolic link at `path` is followed (its target is replaced, the link
/// stays), and a device, pipe or socket there (`/dev/stdout`, a FIFO) is
/// written to as it is, never replaced by a file.
///
/// # Errors
/// [`FileError::Write`] when any step fails; the old file is then untouched.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), FileError> {
    write_atomic_with(path, |file| file.write_all(text.as_bytes()))
}

/// [`write_atomic`] of what `write` writes to the temporary file, so a
/// long text need not be in memory whole.
///
/// # Errors
/// [`FileError::Write`] when `write` or any step fails; the old file is
/// then untouched.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), FileError> {
    let write_error = |reason| FileError::Write {
        path: path.to_path_buf(),
        reason,
    };
    let target = resolve_link(path);
    let path = target.as_path();
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let mut special = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(write_error)?;
        return write(&mut special).map_err(write_error);
    }
    let folder = folder_of(path);
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    // The error names the file being written, not the temporary file
    // (whose path tempfile puts in its message).
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(|e| write_error(without_temporary_path(&e, folder)))?;
    keep_permissions(path, temp.as_file());
    write(temp.as_file_mut()).map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    temp.persist(path).map_err(|e| write_error(e.error))?;
    // Make the rename itself durable. Not every platform can sync a folder.
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// The operating system's reason why a temporary file could not be made
/// in `folder`, without tempfile's path of it: "the folder … does not
/// exist" rather than "No such file or directory".
fn without_temporary_path(err: &std::io::Error, folder: &Path) -> std::io::Error {
    if err.kind() == std::io::ErrorKind::NotFound {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        return std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("the folder {} does not exist", folder.display()),
        );
    }
    err.raw_os_error().map_or_else(
        || std::io::Error::from(err.kind()),
        std::io::Error::from_raw_os_error,
    )
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
            last_claim: 0,
            article: ArticleRecord {
                path: "a.txt".to_owned(),
                sha256: sha.to_owned(),
                encoding: "UTF-8".to_owned(),
                url: None,
            },
            entities: Vec::new(),
            quotes: Vec::new(),
            claims: Vec::new(),
            speakers: Vec::new(),
            corrections: Vec::new(),
            dismissed: Vec::new(),
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

    const SCHEMA1: &str = "schema = 1\noffset_unit = \"char\"\n\n[article]\npath = \"a.txt\"\nsha256 = \"00\"\n\n[[speakers]]\nstart = 0\nend = 3\nexact = \"“x”\"\nspeaker_text = \"Jane Doe\"\n";

    #[test]
    fn a_schema_1_file_is_read_and_backed_up_before_its_first_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.folio.toml");
        std::fs::write(&path, SCHEMA1).unwrap();
        let (mut store, loaded) = Store::open(&path);
        let loaded = loaded.unwrap().unwrap();
        assert_eq!(loaded.schema, 1);
        assert_eq!(loaded.speakers[0].prefix, "");
        assert_eq!(store.take_notice(), None);
        let mut upgraded = loaded.clone();
        upgraded.schema = SCHEMA;
        store.save(&upgraded).unwrap();
        let backup = dir.path().join("a.txt.folio.toml.schema1.bak");
        assert_eq!(std::fs::read_to_string(&backup).unwrap(), SCHEMA1);
        assert_eq!(
            store.take_notice().unwrap(),
            format!(
                "old schema-1 file kept as {}; saved as schema 3",
                backup.display()
            )
        );
        assert_eq!(file::load(&path).unwrap().unwrap().schema, 3);
        // Later saves leave the backup alone.
        store.save(&annotations("11")).unwrap();
        assert_eq!(std::fs::read_to_string(&backup).unwrap(), SCHEMA1);
        assert_eq!(store.take_notice(), None);
    }

    #[test]
    fn an_older_backup_with_other_text_is_kept_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.folio.toml");
        let first = dir.path().join("a.txt.folio.toml.schema1.bak");
        std::fs::write(&first, "older").unwrap();
        std::fs::write(&path, SCHEMA1).unwrap();
        let (mut store, _) = Store::open(&path);
        store.save(&annotations("11")).unwrap();
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "older");
        let second = dir.path().join("a.txt.folio.toml.schema1.2.bak");
        assert_eq!(std::fs::read_to_string(second).unwrap(), SCHEMA1);
    }

    #[test]
    fn an_unwritable_folder_sends_saves_to_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        // A "folder" that is a regular file: nothing can be created in it,
        // even by root (who ignores permission bits).
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, "").unwrap();
        let sidecar = blocker.join("a.txt.folio.toml");
        let fallback = dir.path().join("data/annotations/ab12.folio.toml");
        let (mut store, loaded) = Store::open_with_fallback(&sidecar, Some(fallback.clone()));
        assert_eq!(loaded.unwrap(), None);
        assert_eq!(store.path(), sidecar);
        store.save(&annotations("00")).unwrap();
        assert_eq!(store.path(), fallback);
        assert_eq!(file::load(&fallback).unwrap(), Some(annotations("00")));
        let notice = store.take_notice().unwrap();
        assert_eq!(
            notice,
            format!(
                "saved to {} ({} cannot be written)",
                fallback.display(),
                blocker.display()
            )
        );
        store.save(&annotations("11")).unwrap();
        assert_eq!(file::load(&fallback).unwrap(), Some(annotations("11")));
        // Opening again finds the copy in the data folder.
        let (store, loaded) = Store::open_with_fallback(&sidecar, Some(fallback.clone()));
        assert_eq!(loaded.unwrap(), Some(annotations("11")));
        assert_eq!(store.path(), fallback);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_sends_saves_to_the_data_folder() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("read-only");
        std::fs::create_dir(&folder).unwrap();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
        if folder_writable(&folder.join("x")) {
            eprintln!("SKIPPED: running as root, a read-only folder can still be written");
            return;
        }
        let sidecar = folder.join("a.txt.folio.toml");
        let fallback = dir.path().join("data/cd34.folio.toml");
        let (mut store, _) = Store::open_with_fallback(&sidecar, Some(fallback.clone()));
        store.save(&annotations("00")).unwrap();
        assert_eq!(file::load(&fallback).unwrap(), Some(annotations("00")));
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[test]
    fn an_older_data_folder_copy_that_differs_is_mentioned_on_opening() {
        let dir = tempfile::tempdir().unwrap();
        let sidecar = dir.path().join("a.txt.folio.toml");
        let fallback = dir.path().join("copy.folio.toml");
        let (mut copy, _) = Store::open(&fallback);
        copy.save(&annotations("copy")).unwrap();
        let past = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&fallback)
            .unwrap()
            .set_modified(past)
            .unwrap();
        let (mut beside, _) = Store::open(&sidecar);
        beside.save(&annotations("beside")).unwrap();
        let (mut store, loaded) = Store::open_with_fallback(&sidecar, Some(fallback.clone()));
        assert_eq!(loaded.unwrap(), Some(annotations("beside")));
        let notice = store.take_notice().unwrap_or_default();
        assert!(notice.contains("copy.folio.toml"), "{notice}");
        // The same text in both: nothing to say.
        std::fs::copy(&sidecar, &fallback).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&fallback)
            .unwrap()
            .set_modified(past)
            .unwrap();
        let (mut store, _) = Store::open_with_fallback(&sidecar, Some(fallback));
        assert_eq!(store.take_notice(), None);
    }

    #[test]
    fn the_newer_of_sidecar_and_data_folder_copy_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let sidecar = dir.path().join("a.txt.folio.toml");
        let fallback = dir.path().join("copy.folio.toml");
        assert_eq!(annotations_path(&sidecar, Some(&fallback)), sidecar);
        std::fs::write(&fallback, "").unwrap();
        assert_eq!(annotations_path(&sidecar, Some(&fallback)), fallback);
        std::fs::write(&sidecar, "").unwrap();
        let past = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&fallback)
            .unwrap()
            .set_modified(past)
            .unwrap();
        assert_eq!(annotations_path(&sidecar, Some(&fallback)), sidecar);
    }

    #[test]
    fn a_files_data_folder_copy_is_named_by_its_path_not_its_text() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&a, "Same text.").unwrap();
        std::fs::write(&b, "Same text.").unwrap();
        // Texts no older folio kept a copy for.
        let (before, after) = ("00".repeat(32), "01".repeat(32));
        let Some(copy) = fallback_for_article(&a, &before) else {
            return; // no home folder
        };
        let name = copy.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("path-") && name.ends_with(".folio.toml"),
            "{name}"
        );
        // Edited, the same file keeps its copy; another file has its own.
        assert_eq!(fallback_for_article(&a, &after), Some(copy.clone()));
        assert_eq!(
            fallback_for_article(&dir.path().join(".").join("a.txt"), &after),
            Some(copy.clone())
        );
        assert_ne!(fallback_for_article(&b, &before), Some(copy));
    }

    #[test]
    fn the_data_folder_copy_is_named_by_the_articles_hash() {
        assert_eq!(fallback_sidecar("../etc"), None);
        assert_eq!(fallback_sidecar(""), None);
        if let Some(path) = fallback_sidecar("ab12") {
            assert!(
                path.ends_with("folio/annotations/ab12.folio.toml"),
                "{path:?}"
            );
        }
    }

    #[test]
    fn a_file_deleted_by_another_program_is_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.folio.toml");
        let (mut store, _) = Store::open(&path);
        store.save(&annotations("a")).unwrap();
        std::fs::remove_file(&path).unwrap();
        // Saving goes on (it used to end in a conflict file for good).
        store.save(&annotations("b")).unwrap();
        assert_eq!(file::load(&path).unwrap(), Some(annotations("b")));
        let notice = store.take_notice().unwrap_or_default();
        assert!(
            notice.contains("was deleted by another program"),
            "{notice}"
        );
        assert!(!conflict_path(&path).exists());
        store.save(&annotations("c")).unwrap();
        assert_eq!(file::load(&path).unwrap(), Some(annotations("c")));
    }

    #[test]
    fn a_later_session_never_overwrites_an_earlier_conflict_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.folio.toml");
        let (mut a, _) = Store::open(&path);
        let (mut b, _) = Store::open(&path);
        a.save(&annotations("a")).unwrap();
        b.save(&annotations("b")).unwrap_err();
        // The same session's next version updates its own conflict file.
        b.save(&annotations("b2")).unwrap_err();
        let first = conflict_path(&path);
        assert_eq!(file::load(&first).unwrap(), Some(annotations("b2")));
        // Two new sessions: the one that loses writes a second file, and
        // opening says a conflict file waits.
        let (mut c, _) = Store::open(&path);
        let (mut d, _) = Store::open(&path);
        let notice = d.take_notice().unwrap_or_default();
        assert!(
            notice.contains("a.txt.folio.toml.conflict.toml"),
            "{notice}"
        );
        c.save(&annotations("c")).unwrap();
        let err = d.save(&annotations("d")).unwrap_err();
        let second = dir.path().join("a.txt.folio.toml.conflict-2.toml");
        assert!(
            matches!(&err, FileError::ChangedOnDisk { kept, .. } if *kept == second),
            "{err}"
        );
        assert_eq!(file::load(&first).unwrap(), Some(annotations("b2")));
        assert_eq!(file::load(&second).unwrap(), Some(annotations("d")));
    }

    #[test]
    fn fields_folio_does_not_know_are_backed_up_before_the_first_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.folio.toml");
        let (mut store, _) = Store::open(&path);
        store.save(&annotations("00")).unwrap();
        // A file folio wrote has nothing it does not know.
        let (mut again, _) = Store::open(&path);
        again.save(&annotations("01")).unwrap();
        assert_eq!(names(dir.path()), ["a.txt.folio.toml"]);
        let mut text = std::fs::read_to_string(&path).unwrap();
        // An empty value folio would leave out is no unknown field.
        text = text.replace(
            "[article]",
            "mystery = 1\nlast_claim = 0\n\n[article]\npublisher = \"BBC\"\nurl = \"\"",
        );
        std::fs::write(&path, &text).unwrap();
        let (mut edited, loaded) = Store::open(&path);
        let loaded = loaded.unwrap().unwrap();
        edited.save(&loaded).unwrap();
        let backup = dir.path().join("a.txt.folio.toml.unknown.bak");
        assert_eq!(std::fs::read_to_string(&backup).unwrap(), text);
        let notice = edited.take_notice().unwrap_or_default();
        assert!(
            notice.contains("mystery") && notice.contains("article.publisher"),
            "{notice}"
        );
        assert!(
            !notice.contains("last_claim") && !notice.contains("url"),
            "{notice}"
        );
        // Once saved, the file has only known fields: no second backup.
        edited.save(&annotations("02")).unwrap();
        assert_eq!(
            names(dir.path()),
            ["a.txt.folio.toml", "a.txt.folio.toml.unknown.bak"]
        );
    }

    #[test]
    fn an_annotation_file_name_too_long_for_the_file_system_goes_to_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        // 250 bytes: a valid article name, too long with `.folio.toml`.
        let sidecar = file::sidecar_path(&dir.path().join("a".repeat(250)));
        let fallback = dir.path().join("data/path-ab.folio.toml");
        let (mut store, loaded) = Store::open_with_fallback(&sidecar, Some(fallback.clone()));
        assert_eq!(loaded.unwrap(), None, "read as no file yet");
        store.save(&annotations("00")).unwrap();
        assert_eq!(file::load(&fallback).unwrap(), Some(annotations("00")));
        let notice = store.take_notice().unwrap_or_default();
        assert!(notice.contains("too long"), "{notice}");
        // Opened again, the copy is what is read.
        let (_, loaded) = Store::open_with_fallback(&sidecar, Some(fallback));
        assert_eq!(loaded.unwrap(), Some(annotations("00")));
    }

    #[test]
    fn a_read_only_annotation_file_is_not_replaced_and_the_data_folder_takes_the_claims() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.folio.toml");
        let (mut store, _) = Store::open(&path);
        store.save(&annotations("00")).unwrap();
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        let err = store.save(&annotations("ff")).unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(file::load(&path).unwrap(), Some(annotations("00")));
        // With a data folder, the claims go there and the file stays as it is.
        let fallback = dir.path().join("data/path-ab.folio.toml");
        let (mut store, _) = Store::open_with_fallback(&path, Some(fallback.clone()));
        store.save(&annotations("ff")).unwrap();
        assert_eq!(file::load(&path).unwrap(), Some(annotations("00")));
        assert_eq!(file::load(&fallback).unwrap(), Some(annotations("ff")));
        let notice = store.take_notice().unwrap_or_default();
        assert!(notice.contains("is read-only"), "{notice}");
        // Writable again: the next session reads the newer copy and its
        // first save goes back beside the article, which then holds every
        // claim; the copy goes (else each later opening would offer it to
        // merge by hand).
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        std::fs::set_permissions(&path, permissions).unwrap();
        let (mut store, loaded) = Store::open_with_fallback(&path, Some(fallback.clone()));
        assert_eq!(loaded.unwrap(), Some(annotations("ff")));
        store.save(&annotations("ff+1")).unwrap();
        assert_eq!(store.path(), path.as_path());
        assert_eq!(file::load(&path).unwrap(), Some(annotations("ff+1")));
        assert!(!fallback.exists());
        let notice = store.take_notice().unwrap_or_default();
        assert!(
            notice.starts_with("saved beside the article again"),
            "{notice}"
        );
        // And it goes on saving there.
        store.save(&annotations("ff+2")).unwrap();
        assert_eq!(file::load(&path).unwrap(), Some(annotations("ff+2")));
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

    #[test]
    fn writing_into_a_missing_folder_says_which_folder() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing");
        let path = missing.join("x.toml");
        let err = write_atomic(&path, "text").unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot save {}: the folder {} does not exist",
                path.display(),
                missing.display()
            )
        );
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
        assert!(is_symlink(&link));
        assert_eq!(file::load(&target).unwrap(), Some(annotations("11")));
    }

    #[cfg(unix)]
    #[test]
    fn an_atomic_write_follows_a_link_and_writes_into_a_pipe() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.toml");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, "new").unwrap();
        assert!(is_symlink(&link));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        // A named pipe stays a pipe, and its reader gets the text.
        let pipe = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: the link half still ran
        }
        let (sender, received) = std::sync::mpsc::channel();
        {
            let pipe = pipe.clone();
            std::thread::spawn(move || sender.send(std::fs::read_to_string(pipe).unwrap()));
        }
        write_atomic(&pipe, "through the pipe").unwrap();
        // A pipe replaced by a file would leave its reader waiting forever.
        let read = received.recv_timeout(std::time::Duration::from_secs(30));
        assert_eq!(read.as_deref(), Ok("through the pipe"));
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata(&pipe).unwrap().file_type().is_fifo());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_file_not_made_yet_makes_it_and_stays() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("a.txt.folio.toml");
        std::os::unix::fs::symlink("kept/shared.toml", &link).unwrap();
        std::fs::create_dir(dir.path().join("kept")).unwrap();
        let (mut store, loaded) = Store::open(&link);
        assert_eq!(loaded.unwrap(), None);
        store.save(&annotations("11")).unwrap();
        assert!(is_symlink(&link));
        let target = dir.path().join("kept/shared.toml");
        assert_eq!(file::load(&target).unwrap(), Some(annotations("11")));
    }
}
