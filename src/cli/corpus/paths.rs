//! Which articles a corpus run reads: paths given as arguments, folders
//! walked recursively (filtered by `--glob`), and `--files-from FILE|-`
//! (one path a line). Paths stream out lazily in a fixed order, so a
//! million-file crawl never sits in memory as a list.

use std::collections::{HashSet, VecDeque};
use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use globset::{Glob, GlobSet, GlobSetBuilder};

/// One input of a run: an article's path, or a folder that could not be
/// listed (which becomes an error record like an unreadable article).
pub(crate) type Item = Result<PathBuf, (PathBuf, String)>;

/// Which files a walked folder contributes.
#[derive(Debug, Clone)]
pub(crate) struct Filter {
    globs: Option<GlobSet>,
    /// The patterns without a `/`, which also match a file's name alone.
    name_globs: Option<GlobSet>,
    /// A folder never walked into (as `std::fs::canonicalize` gives it):
    /// the run's `--output-dir`, whose files are the run's own output.
    skipped: Option<PathBuf>,
}

impl Filter {
    /// A filter keeping files whose path relative to the walked folder
    /// matches any of `patterns` (glob syntax: `*`, `?`, `[ab]`, `{a,b}`,
    /// `**`; `*` also matches `/`, so `*.txt` finds `.txt` files at any
    /// depth; a pattern without `/` also matches the file's name alone, as
    /// in `.gitignore`: `001.txt` finds `a/001.txt`), or every file if
    /// `patterns` is empty. Hidden files and
    /// folders (names starting with `.`) and the files folio writes beside
    /// articles (annotation files, their conflict copies, reports and
    /// their backups) are never articles.
    ///
    /// # Errors
    /// A pattern is not a valid glob.
    pub(crate) fn new(patterns: &[String]) -> anyhow::Result<Self> {
        let mut filter = Self {
            globs: None,
            name_globs: None,
            skipped: None,
        };
        if patterns.is_empty() {
            return Ok(filter);
        }
        let mut set = GlobSetBuilder::new();
        let mut names = GlobSetBuilder::new();
        for pattern in patterns {
            let glob = Glob::new(pattern).with_context(|| format!("bad --glob {pattern:?}"))?;
            if !pattern.contains('/') {
                names.add(glob.clone());
            }
            set.add(glob);
        }
        filter.globs = Some(set.build().context("bad --glob")?);
        filter.name_globs = Some(names.build().context("bad --glob")?);
        Ok(filter)
    }

    /// This filter, never walking into `folder` (a run's output folder:
    /// a second run would read the first one's output as articles). A
    /// folder that does not exist yet is created first, so that it can be
    /// recognised under any name.
    ///
    /// # Errors
    /// `folder` cannot be created.
    pub(crate) fn skipping(mut self, folder: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create the folder {}", folder.display()))?;
        self.skipped = std::fs::canonicalize(folder).ok();
        Ok(self)
    }

    fn keeps(&self, relative: &Path) -> bool {
        let name = relative.file_name();
        if name.is_some_and(|n| {
            let n = n.to_string_lossy();
            is_folio_s_own(&n) || is_folio_output(&n)
        }) {
            return false;
        }
        let Some(globs) = &self.globs else {
            return true;
        };
        globs.is_match(relative)
            || (self.name_globs.as_ref()).is_some_and(|g| name.is_some_and(|n| g.is_match(n)))
    }
}

/// Whether a file named `name` is one folio writes beside an article: an
/// annotation file (`a.txt.folio.toml`), its conflict copy
/// (`a.txt.folio.toml.conflict.toml`), a fact-check report
/// (`a.txt.folio.md`) or a report's backup (`a.txt.folio.md.bak`).
fn is_folio_s_own(name: &str) -> bool {
    name.ends_with(".folio.toml")
        || name.ends_with(".folio.md")
        || name.contains(".folio.toml.")
        || name.contains(".folio.md.")
}

/// Whether a file named `name` is what a corpus run writes with
/// `--output-dir` (or a script's JSON): entities and quotations as JSON or
/// TOML, JSON-LD, brat standoff, ClaimReview. None is an article, and a
/// run over a folder that holds an earlier run's output would read them
/// as articles. (A `text` run's `.txt` output is the article's text, and
/// stays an article.)
fn is_folio_output(name: &str) -> bool {
    [
        ".json",
        ".jsonl",
        ".jsonld",
        ".ann",
        ".entities.toml",
        ".quotes.toml",
    ]
    .iter()
    .any(|suffix| name.ends_with(suffix))
}

fn hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."))
}

/// The articles under `root` in a fixed order: each folder's entries
/// sorted by name, files and subfolders together, depth first.
pub(crate) struct Walk {
    root: PathBuf,
    filter: Filter,
    /// Entries still to visit, in order.
    pending: VecDeque<PathBuf>,
    /// The folders listed so far, as found on disk: a link back to a folder
    /// above ("sub/up" → "..") is not walked again.
    listed: HashSet<PathBuf>,
}

impl Walk {
    /// Walks the folder `root`.
    pub(crate) fn new(root: PathBuf, filter: Filter) -> Self {
        Self {
            pending: VecDeque::from([root.clone()]),
            root,
            filter,
            listed: HashSet::new(),
        }
    }
}

impl Iterator for Walk {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while let Some(path) = self.pending.pop_front() {
            let is_root = path == self.root;
            if !is_root && hidden(&path) {
                continue;
            }
            // Follows symbolic links, as `folio FILE` does.
            let metadata = std::fs::metadata(&path);
            if !metadata.as_ref().is_ok_and(std::fs::Metadata::is_dir) {
                // A pipe, a device or a socket in a folder is no article
                // (reading one may never end); a broken link becomes an
                // error record.
                let special = metadata.is_ok_and(|m| !m.is_file());
                let relative = path.strip_prefix(&self.root).unwrap_or(&path);
                if !special && self.filter.keeps(relative) {
                    return Some(Ok(path));
                }
                continue;
            }
            if let Ok(found) = std::fs::canonicalize(&path)
                && ((!is_root && self.filter.skipped.as_ref() == Some(&found))
                    || !self.listed.insert(found))
            {
                continue;
            }
            match sorted_entries(&path) {
                Ok(entries) => {
                    for entry in entries.into_iter().rev() {
                        self.pending.push_front(entry);
                    }
                }
                Err(err) => {
                    return Some(Err((
                        path.clone(),
                        format!("cannot list {}: {err}", path.display()),
                    )));
                }
            }
        }
        None
    }
}

fn sorted_entries(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(folder)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.sort();
    Ok(entries)
}

/// `path` as inputs: a folder's articles ([`Walk`]), else the path itself
/// (an article, `-` for standard input, or a missing file that becomes an
/// error record). A named pipe, a device or a socket is an error record:
/// reading one in a run of many articles may never end (a pipe with no
/// writer), and the articles after it would wait for it.
pub(crate) fn expand(path: PathBuf, filter: &Filter) -> Box<dyn Iterator<Item = Item> + Send> {
    // Follows symbolic links, as the walk does.
    let metadata = std::fs::metadata(&path);
    if metadata.as_ref().is_ok_and(std::fs::Metadata::is_dir) {
        return Box::new(Walk::new(path, filter.clone()));
    }
    if metadata.is_ok_and(|m| !m.is_file()) && !crate::input::is_stdin(&path) {
        let why = format!(
            "{} is a pipe, a device or a socket, not a file: in a run of many articles \
             folio reads only files (give it alone, or on standard input as -)",
            crate::view::safe_line(&path.display().to_string())
        );
        return Box::new(std::iter::once(Err((path, why))));
    }
    Box::new(std::iter::once(Ok(path)))
}

/// The paths listed in `reader`, one a line (a trailing `\r` and blank
/// lines are ignored; a line is taken as it is, spaces included). A line
/// that cannot be read, or one with a NUL byte (no path has one: the list
/// is a binary file, whose "lines" would each become an error record),
/// ends the list with an error item that names `list` (the list file, or
/// `-` for standard input).
pub(crate) fn lines(
    reader: impl BufRead + Send + 'static,
    list: PathBuf,
) -> impl Iterator<Item = Item> + Send {
    let mut failed = false;
    reader
        .split(b'\n')
        .enumerate()
        .map_while(move |(number, line)| {
            if failed {
                return None;
            }
            Some(match line {
                Ok(bytes) if bytes.contains(&0) => {
                    failed = true;
                    Err((
                        list.clone(),
                        format!(
                            "the list of paths is not text (a NUL byte on line {})",
                            number + 1
                        ),
                    ))
                }
                Ok(mut bytes) => {
                    if bytes.last() == Some(&b'\r') {
                        bytes.pop();
                    }
                    Ok(path_from_bytes(bytes))
                }
                Err(err) => {
                    failed = true;
                    Err((
                        list.clone(),
                        format!("cannot read the list of paths: {err}"),
                    ))
                }
            })
        })
        .filter(|item| !matches!(item, Ok(p) if p.as_os_str().is_empty()))
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt as _;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(root: &Path, relative: &str) {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, "x").unwrap();
    }

    fn names(root: &Path, items: impl Iterator<Item = Item>) -> Vec<String> {
        items
            .map(|i| {
                let p = i.unwrap();
                p.strip_prefix(root).unwrap().to_string_lossy().into_owned()
            })
            .collect()
    }

    #[test]
    fn a_walk_is_sorted_depth_first_and_skips_hidden_files_and_sidecars() {
        let dir = tempfile::tempdir().unwrap();
        for f in [
            "b.txt",
            "a/z.txt",
            "a/b/c.md",
            "a.txt",
            "a.txt.folio.toml",
            ".git/x",
            "a/.h.txt",
        ] {
            touch(dir.path(), f);
        }
        let walk = Walk::new(dir.path().to_path_buf(), Filter::new(&[]).unwrap());
        assert_eq!(
            names(dir.path(), walk),
            ["a/b/c.md", "a/z.txt", "a.txt", "b.txt"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_walk_lists_a_folder_once_and_skips_pipes_devices_and_folio_s_files() {
        let dir = tempfile::tempdir().unwrap();
        for f in [
            "a.txt",
            "a.txt.folio.md",
            "a.txt.folio.md.2.bak",
            "a.txt.folio.toml.conflict.toml",
            "sub/b.txt",
            // Earlier runs' outputs.
            "out/sub/b.txt.entities.json",
            "out/sub/b.txt.quotes.toml",
            "out/sub/b.txt.jsonld",
            "out/sub/b.txt.ann",
        ] {
            touch(dir.path(), f);
        }
        // A link back up: "sub/up/sub/up/…" would never end.
        std::os::unix::fs::symlink("..", dir.path().join("sub/up")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
        let fifo = dir.path().join("fifo.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let walk = Walk::new(dir.path().to_path_buf(), Filter::new(&[]).unwrap());
        assert_eq!(names(dir.path(), walk), ["a.txt", "sub/b.txt"]);
        assert!(made.is_ok_and(|s| s.success()) || !fifo.exists());
    }

    #[test]
    fn globs_match_the_path_below_the_walked_folder() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["b.txt", "a/z.txt", "a/b/c.md", "a/y.html"] {
            touch(dir.path(), f);
        }
        let filter = Filter::new(&["*.txt".to_owned(), "a/b/*".to_owned()]).unwrap();
        let walk = Walk::new(dir.path().to_path_buf(), filter);
        assert_eq!(names(dir.path(), walk), ["a/b/c.md", "a/z.txt", "b.txt"]);
        assert!(Filter::new(&["a[".to_owned()]).is_err());
        // A pattern without "/" matches a name at any depth; one with "/"
        // the whole path below the folder.
        let filter = Filter::new(&["z.txt".to_owned(), "b/c.md".to_owned()]).unwrap();
        let walk = Walk::new(dir.path().to_path_buf(), filter);
        assert_eq!(names(dir.path(), walk), ["a/z.txt"]);
    }

    #[test]
    fn a_walk_never_enters_the_run_s_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        // A `text` run's output is text, which only the folder tells apart.
        for f in ["a.txt", "out/a.txt.txt", "sub/b.txt"] {
            touch(dir.path(), f);
        }
        // Named another way than the walk finds it.
        let output = dir.path().join("sub/../out");
        let filter = Filter::new(&[]).unwrap().skipping(&output).unwrap();
        let walk = Walk::new(dir.path().to_path_buf(), filter);
        assert_eq!(names(dir.path(), walk), ["a.txt", "sub/b.txt"]);
        // The walked folder itself is walked, output folder or not.
        let filter = Filter::new(&[]).unwrap().skipping(dir.path()).unwrap();
        let walk = Walk::new(dir.path().to_path_buf(), filter);
        assert_eq!(names(dir.path(), walk).len(), 3);
        // A folder that does not exist yet is made, then skipped.
        let filter = Filter::new(&[])
            .unwrap()
            .skipping(&dir.path().join("new"))
            .unwrap();
        assert!(dir.path().join("new").is_dir());
        touch(dir.path(), "new/c.txt");
        let walk = Walk::new(dir.path().to_path_buf(), filter);
        assert_eq!(
            names(dir.path(), walk),
            ["a.txt", "out/a.txt.txt", "sub/b.txt"]
        );
    }

    #[test]
    fn a_binary_list_of_paths_ends_at_its_first_nul_byte() {
        let list = std::io::Cursor::new(b"a.txt\n\x7fELF\x02\x01\x00\nb.txt\n".to_vec());
        let items: Vec<Item> = lines(list, PathBuf::from("list.txt")).collect();
        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!(items[0].as_ref().ok(), Some(&PathBuf::from("a.txt")));
        let (_, message) = items[1].as_ref().expect_err("the binary line is an error");
        assert_eq!(
            message,
            "the list of paths is not text (a NUL byte on line 2)"
        );
    }

    #[test]
    fn a_list_of_paths_drops_blank_lines_and_carriage_returns() {
        let list = std::io::Cursor::new(b"a.txt\r\n\nb c.txt\nd.txt".to_vec());
        let paths: Vec<PathBuf> = lines(list, PathBuf::from("-"))
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            paths,
            [
                PathBuf::from("a.txt"),
                PathBuf::from("b c.txt"),
                PathBuf::from("d.txt")
            ]
        );
    }
}
