//! The names the status bar gives open articles: the file name, with as many
//! of its parent folders as it takes to tell two articles apart
//! (`politics/001.txt`, `tech/001.txt`), and `1/2 ` before it when several
//! are open.

use std::path::{Component, Path};

/// What standard input (`-`) is called.
const STDIN_NAME: &str = "standard input";

/// One label per path, in order: `name` for a single article, `i/n name`
/// for several. Each name is the shortest tail of its path (whole
/// components, `/`-joined) that no other path's name equals; two paths
/// that are the same file as given keep their whole path.
pub(super) fn article_labels(paths: &[&Path]) -> Vec<String> {
    let names = article_names(paths);
    let count = names.len();
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| match count {
            1 => name,
            _ => format!("{}/{count} {name}", i + 1),
        })
        .collect()
}

/// The shortest tails of `paths` (file name, then folders above it as
/// needed) that tell them apart: "x/page.html" and "y/page.html".
pub(super) fn article_names(paths: &[&Path]) -> Vec<String> {
    let parts: Vec<Vec<String>> = paths.iter().map(|p| components(p)).collect();
    let longest = parts.iter().map(Vec::len).max().unwrap_or(0);
    let mut depth = 1;
    loop {
        let names: Vec<String> = parts.iter().map(|p| tail(p, depth)).collect();
        let unique = names
            .iter()
            .enumerate()
            .all(|(i, n)| names.iter().enumerate().all(|(j, m)| i == j || n != m));
        if unique || depth >= longest {
            break names;
        }
        depth += 1;
    }
}

/// The path's components as text (`-` as [`STDIN_NAME`]); the root and
/// `.` are left out.
fn components(path: &Path) -> Vec<String> {
    if crate::input::is_stdin(path) {
        return vec![STDIN_NAME.to_owned()];
    }
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_owned()),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => None,
        })
        .collect()
}

/// The last `depth` components joined with `/` (all of them if fewer).
fn tail(parts: &[String], depth: usize) -> String {
    parts[parts.len().saturating_sub(depth)..].join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(paths: &[&str]) -> Vec<String> {
        let paths: Vec<&Path> = paths.iter().map(Path::new).collect();
        article_labels(&paths)
    }

    #[test]
    fn one_article_is_named_by_its_file_name() {
        assert_eq!(labels(&["articles/bbc/001.txt"]), ["001.txt"]);
        assert_eq!(labels(&["-"]), ["standard input"]);
    }

    #[test]
    fn same_file_names_get_the_folders_that_tell_them_apart() {
        assert_eq!(
            labels(&["bbc/politics/001.txt", "bbc/tech/001.txt", "b.html"]),
            ["1/3 politics/001.txt", "2/3 tech/001.txt", "3/3 b.html"]
        );
        assert_eq!(
            labels(&["/a/x/news/001.txt", "/b/x/news/001.txt"]),
            ["1/2 a/x/news/001.txt", "2/2 b/x/news/001.txt"]
        );
        // A file given twice cannot be told apart: its whole path, twice.
        assert_eq!(
            labels(&["./a/001.txt", "a/001.txt"]),
            ["1/2 a/001.txt", "2/2 a/001.txt"]
        );
        assert_eq!(labels(&["a.txt", "-"]), ["1/2 a.txt", "2/2 standard input"]);
        // The claims view names the articles without their position.
        let paths = [Path::new("x/page.html"), Path::new("y/page.html")];
        assert_eq!(article_names(&paths), ["x/page.html", "y/page.html"]);
    }
}
