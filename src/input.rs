//! Input formats: the bytes of a file (or standard input) and a path hint
//! become the article [`Document`].
//!
//! Plain text is decoded as it is (see [`crate::document`]); Markdown is
//! rendered to prose ([`markdown`]); an HTML page's main text is extracted
//! as reader modes do ([`html`]). The article text
//! of every format is what all offsets, the SHA-256, analysis and annotations
//! refer to; `folio text FILE` prints it.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::document::markup::SourceFormat;
use crate::document::{Document, binary_evidence, decode_text};

mod blocks;
mod builder;
pub mod html;
pub mod markdown;
mod nesting;
mod sniff;

/// The path that means standard input.
pub const STDIN: &str = "-";

/// Why an input could not be read as an article.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read (missing, no permission, …).
    #[error("cannot read {}: {reason}", path.display())]
    Read {
        /// The path as the user gave it.
        path: PathBuf,
        /// The operating system's reason.
        reason: std::io::Error,
    },
    /// The path names a folder.
    #[error(
        "{} is a folder, not an article: give the reader its articles by name \
         (folio DIR/*.txt); the listings (folio entities DIR, quotes, export, suggest) \
         take folders",
        path.display()
    )]
    Folder {
        /// The path as the user gave it.
        path: PathBuf,
    },
    /// The bytes look like a binary file (NUL bytes or many control bytes).
    #[error("{} looks like a binary file, not an article ({why})", path.display())]
    Binary {
        /// The path as the user gave it.
        path: PathBuf,
        /// What gave it away: "a NUL byte at byte 7" (see
        /// [`crate::document::binary_evidence`]).
        why: String,
    },
}

/// Whether `path` means standard input (`-`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// Where the annotations of the article read from `path` live: beside it,
/// or for standard input (`-`) in the data folder, keyed by the text's
/// SHA-256 ([`crate::annotations::store::fallback_sidecar`]).
///
/// # Errors
/// Standard input was read but the system names no data folder.
pub fn sidecar_for(path: &Path, doc: &Document) -> anyhow::Result<PathBuf> {
    if is_stdin(path) {
        crate::annotations::store::fallback_sidecar(doc.sha256()).ok_or_else(|| {
            anyhow::anyhow!("no data folder for the annotations of standard input (is HOME set?)")
        })
    } else {
        Ok(crate::annotations::file::sidecar_path(path))
    }
}

/// Reads every byte of `path` (`-` reads standard input to its end),
/// unless its first bytes are binary (see [`crate::document::looks_binary`]):
/// those are judged before the rest is read, so that `/dev/zero` or a
/// device that never ends is refused at once instead of filling memory.
///
/// # Errors
/// [`InputError::Folder`] for a folder, [`InputError::Binary`],
/// [`InputError::Read`] otherwise.
pub fn read(path: &Path) -> Result<Vec<u8>, InputError> {
    if is_stdin(path) {
        return read_unless_binary(path, std::io::stdin().lock());
    }
    if path.is_dir() {
        return Err(InputError::Folder {
            path: path.to_path_buf(),
        });
    }
    let file = std::fs::File::open(path).map_err(|reason| InputError::Read {
        path: path.to_path_buf(),
        reason,
    })?;
    read_unless_binary(path, file)
}

/// Reads `reader` (the input at `path`) to its end after checking its first
/// [`SNIFF_BYTES`] for binary content.
fn read_unless_binary(path: &Path, mut reader: impl Read) -> Result<Vec<u8>, InputError> {
    let read_error = |reason| InputError::Read {
        path: path.to_path_buf(),
        reason,
    };
    let (mut bytes, binary) = sniff(&mut reader).map_err(read_error)?;
    if let Some(why) = binary {
        return Err(InputError::Binary {
            path: path.to_path_buf(),
            why,
        });
    }
    reader.read_to_end(&mut bytes).map_err(read_error)?;
    Ok(bytes)
}

/// The first [`SNIFF_BYTES`] of `reader` (fewer at its end), read off it,
/// and what makes them look binary ([`binary_evidence`]), if anything.
///
/// # Errors
/// Reading fails.
pub(crate) fn sniff(reader: &mut impl Read) -> std::io::Result<(Vec<u8>, Option<String>)> {
    // Sized up front: one read, not a run of doubling ones.
    let mut head = Vec::with_capacity(SNIFF_BYTES as usize);
    reader.take(SNIFF_BYTES).read_to_end(&mut head)?;
    let binary = binary_evidence(&head);
    Ok((head, binary))
}

/// Reads `path` (or standard input for `-`) into a document. Binary input
/// (see [`crate::document::looks_binary`]) is refused: the reader and every subcommand say
/// the same one line rather than show placeholders or meaningless output.
///
/// # Errors
/// As [`read`].
pub fn open(path: &Path) -> Result<Document, InputError> {
    let bytes = read(path)?;
    Ok(from_bytes(&bytes, Some(path.to_path_buf())))
}

/// How many leading bytes [`crate::document::looks_binary`] judges a file by.
const SNIFF_BYTES: u64 = 8192;

/// Checks, before the reader takes the terminal, that the file at `path` can
/// be an article: it can be read and its first bytes are not binary. Only
/// those bytes are read; standard input (`-`) is left for [`open()`], which
/// checks it the same way.
///
/// # Errors
/// The error [`open()`] would give: [`InputError::Folder`],
/// [`InputError::Read`] or [`InputError::Binary`].
pub fn check_article(path: &Path) -> Result<(), InputError> {
    if is_stdin(path) {
        return Ok(());
    }
    if path.is_dir() {
        return Err(InputError::Folder {
            path: path.to_path_buf(),
        });
    }
    let read_error = |reason| InputError::Read {
        path: path.to_path_buf(),
        reason,
    };
    let (_, binary) = std::fs::File::open(path)
        .and_then(|mut f| sniff(&mut f))
        .map_err(read_error)?;
    match binary {
        Some(why) => Err(InputError::Binary {
            path: path.to_path_buf(),
            why,
        }),
        None => Ok(()),
    }
}

/// The article in `bytes`; `path` is where they came from (`-` for
/// standard input), used as a format hint (see [`detect`]). Never fails.
pub fn from_bytes(bytes: &[u8], path: Option<PathBuf>) -> Document {
    let format = detect(bytes, path.as_deref());
    if format == SourceFormat::Text {
        return Document::from_bytes(bytes, path);
    }
    let (source, encoding, mut warnings) = decode_text(bytes);
    let (text, markup) = match format {
        SourceFormat::Markdown => markdown::render(&source),
        _ => html::extract(&source, path.as_deref()),
    };
    if text.trim().is_empty() && !source.trim().is_empty() {
        // A page built by scripts, or markup with nothing to read: say so
        // rather than show an empty screen.
        warnings.push(match format {
            SourceFormat::Markdown => "no text to read in this Markdown file".to_owned(),
            _ => "no article text found in this page (a page that scripts fill in holds none)"
                .to_owned(),
        });
    }
    Document::from_extracted(&text, path, encoding, warnings, markup)
}

/// The format of `bytes`: by the file name's extension (`.md`,
/// `.markdown`; `.html`, `.htm`, `.xhtml`), else HTML when the bytes open
/// as an HTML document does, past comments, an XML declaration and
/// whitespace, as browsers sniff (`sniff::looks_like_html`), else plain
/// text.
pub fn detect(bytes: &[u8], path: Option<&Path>) -> SourceFormat {
    let extension = path
        .and_then(Path::extension)
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("md" | "markdown") => return SourceFormat::Markdown,
        Some("html" | "htm" | "xhtml") => return SourceFormat::Html,
        _ => {}
    }
    if sniff::looks_like_html(bytes) {
        SourceFormat::Html
    } else {
        SourceFormat::Text
    }
}
