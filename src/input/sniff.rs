//! Recognising an HTML page by its first bytes, as browsers do for a
//! resource served without a type (WHATWG MIME Sniffing, "rules for
//! identifying an unknown MIME type"): past a byte-order mark, whitespace,
//! comments and an XML declaration, the first tag is one only HTML opens
//! with (`<!DOCTYPE HTML`, `<html`, `<head>`, `<body>`, `<div>`, …).

/// Tags (lower case, without `<`) that open only an HTML document, from the
/// WHATWG MIME Sniffing standard's table of HTML patterns.
const HTML_TAGS: &[&[u8]] = &[
    b"!doctype html",
    b"html",
    b"head",
    b"script",
    b"iframe",
    b"h1",
    b"div",
    b"font",
    b"table",
    b"a",
    b"style",
    b"title",
    b"b",
    b"body",
    b"br",
    b"p",
];

/// How far into the input the sniffer looks (the standard reads 1,445
/// bytes; saved pages often open with longer comments).
const SNIFF_LIMIT: usize = 16 * 1024;

/// Whether `bytes` start like an HTML document: see the module. Comments
/// (`<!-- … -->`, also the `<!--?xml … ?-->` some saving tools write) and an
/// XML declaration or processing instruction (`<?xml … ?>`) are skipped; a
/// tag counts only when a space, `>` or `/` ends its name (`<body>`, not
/// `<bodyguard>`).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let mut rest = bytes.get(..SNIFF_LIMIT).unwrap_or(bytes);
    rest = rest.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(rest);
    loop {
        rest = rest.trim_ascii_start();
        if let Some(after) = rest.strip_prefix(b"<!--") {
            match find(after, b"-->") {
                Some(end) => rest = after.get(end + 3..).unwrap_or_default(),
                None => return false,
            }
        } else if let Some(after) = rest.strip_prefix(b"<?") {
            // `?>` ends a processing instruction; HTML parsers end it at `>`.
            match find(after, b">") {
                Some(end) => rest = after.get(end + 1..).unwrap_or_default(),
                None => return false,
            }
        } else {
            break;
        }
    }
    let Some(tag) = rest.strip_prefix(b"<") else {
        return false;
    };
    HTML_TAGS.iter().any(|name| {
        tag.len() > name.len()
            && tag
                .get(..name.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(name))
            && tag
                .get(name.len())
                .is_some_and(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
    })
}

/// Byte offset of the first `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_found_past_comments_xml_declarations_and_whitespace() {
        assert!(looks_like_html(b"<!DOCTYPE html><html><body>x"));
        assert!(looks_like_html(
            b"<!--?xml version=\"1.0\" encoding=\"UTF-8\" ?--><!DOCTYPE html PUBLIC \"-//WAPFORUM//DTD\">"
        ));
        assert!(looks_like_html(
            b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- saved from url=(0042)https://example.com/ -->\n\n<HTML lang=en>"
        ));
        assert!(looks_like_html(b"  \r\n\t<head>\n<title>t</title>"));
        assert!(looks_like_html(b"<div class=\"story\">text</div>"));
        assert!(looks_like_html(b"<p>One paragraph.</p>"));
    }

    #[test]
    fn text_that_only_mentions_tags_is_not_html() {
        assert!(!looks_like_html(b"The <html> tag opens a page."));
        assert!(!looks_like_html(b"<bodyguard> is no tag"));
        assert!(!looks_like_html(b"<!-- a comment that never ends"));
        assert!(!looks_like_html(b"<?xml version=\"1.0\"?><rss><channel>"));
        assert!(!looks_like_html(b"<"));
        assert!(!looks_like_html(b""));
    }
}
