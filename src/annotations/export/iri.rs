//! IRIs for the JSON-LD exports: the article's path as an IRI reference and
//! stable `urn:folio:` ids for annotations.

use std::fmt::Write as _;

/// `path` as an IRI reference: an `http(s)://` URL stays as it is, an
/// absolute path becomes a `file://` IRI, a relative one stays relative
/// (resolved against where the export is read).
/// Every byte other than ASCII letters, digits, `-._~` and `/` is
/// percent-encoded (UTF-8), so spaces, `#`, `%` and control characters cannot
/// change what the IRI means.
pub(crate) fn from_path(path: &str) -> String {
    let is_url = path.starts_with("https://") || path.starts_with("http://");
    if is_url && !path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return path.to_owned();
    }
    let encoded = encode(path, b"/");
    if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

/// The id of an annotation (or, with no `parts`, of the collection) of the
/// article whose SHA-256 is `sha256`: `urn:folio:SHA256:part:part`, each part
/// percent-encoded as in [`from_path`] (without keeping `/`).
pub(crate) fn urn(sha256: &str, parts: &[&str]) -> String {
    let mut id = format!("urn:folio:{}", encode(sha256, b""));
    for part in parts {
        id.push(':');
        id.push_str(&encode(part, b""));
    }
    id
}

fn encode(text: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) || keep.contains(&byte) {
            out.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_ids_are_percent_encoded() {
        assert_eq!(
            from_path("samples/macron-moscow.txt"),
            "samples/macron-moscow.txt"
        );
        assert_eq!(
            from_path("/tmp/a b#1%/é.txt"),
            "file:///tmp/a%20b%231%25/%C3%A9.txt"
        );
        assert_eq!(
            from_path("https://www.bbc.co.uk/news/world-europe-60256360"),
            "https://www.bbc.co.uk/news/world-europe-60256360"
        );
        assert_eq!(from_path("https://a b"), "https%3A//a%20b");
        assert_eq!(urn("ab12", &["c1"]), "urn:folio:ab12:c1");
        assert_eq!(urn("ab12", &["x/y", "1"]), "urn:folio:ab12:x%2Fy:1");
        assert_eq!(urn("ab12", &[]), "urn:folio:ab12");
    }
}
