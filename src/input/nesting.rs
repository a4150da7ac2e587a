//! A cap on how deep an HTML page nests its elements, applied to the source
//! before it is parsed.
//!
//! Why: the HTML parser checks the stack of open elements for every tag,
//! and Readability and the text walker recurse into every child, so a page
//! of 100,000 nested `<div>`s took minutes and then overflowed the stack.
//! Browsers cap the depth of the tree they build for the same reason (Blink
//! at 512). Here the start and end tags of elements nested deeper than
//! [`MAX_DEPTH`] are left out, so their content joins the element at the
//! cap: no text is lost, and real pages (a few dozen levels) are untouched.

use std::borrow::Cow;

/// Deepest nesting of elements kept: real pages stay well under it; the
/// walker's recursion stays far from the 2 MB stack of a reading thread.
pub const MAX_DEPTH: usize = 256;

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag a page may leave out (the next sibling closes
/// them), and that cannot hold themselves: not counted, as an unclosed
/// `<p>` or `<li>` adds no depth in the tree the parser builds.
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rp",
];

/// Elements whose content is raw text, never tags.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// One tag of the source: its byte range, lower-case name, and whether it
/// is an end tag.
struct Tag {
    range: std::ops::Range<usize>,
    name: String,
    end: bool,
    self_closing: bool,
}

/// `source` with the start and end tags of elements nested deeper than
/// `max_depth` left out (their content stays), or `source` itself when no
/// element is that deep. Comments and the content of scripts and styles are
/// passed over. Byte offsets: the output is the input with whole tags
/// removed.
pub fn capped(source: &str, max_depth: usize) -> Cow<'_, str> {
    if deepest(source) <= max_depth {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut copied = 0;
    let mut depth = 0usize;
    for tag in tags(source) {
        let Some(delta) = counted(&tag) else {
            continue;
        };
        let keep = if delta {
            depth += 1;
            depth <= max_depth
        } else {
            let keep = depth <= max_depth;
            depth = depth.saturating_sub(1);
            keep
        };
        if !keep {
            out.push_str(source.get(copied..tag.range.start).unwrap_or(""));
            copied = tag.range.end;
        }
    }
    out.push_str(source.get(copied..).unwrap_or(""));
    Cow::Owned(out)
}

/// The deepest nesting of counted elements in `source`.
fn deepest(source: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for tag in tags(source) {
        match counted(&tag) {
            Some(true) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Some(false) => depth = depth.saturating_sub(1),
            None => {}
        }
    }
    deepest
}

/// Whether `tag` opens (`Some(true)`) or closes (`Some(false)`) a counted
/// element; `None` for void, self-closing and implied-end elements.
fn counted(tag: &Tag) -> Option<bool> {
    let name = tag.name.as_str();
    if VOID.contains(&name) || IMPLIED_END.contains(&name) || tag.self_closing {
        return None;
    }
    Some(!tag.end)
}

/// The tags of `source` in order, comments and raw text skipped.
fn tags(source: &str) -> impl Iterator<Item = Tag> + '_ {
    let bytes = source.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let start = at + memchr::memchr(b'<', bytes.get(at..)?)?;
            at = start + 1;
            let rest = bytes.get(start..)?;
            if rest.starts_with(b"<!--") {
                at = start
                    + 4
                    + memchr::memmem::find(bytes.get(start + 4..)?, b"-->")
                        .map_or(rest.len(), |e| e + 3);
                continue;
            }
            let end = rest.get(1) == Some(&b'/');
            let name_start = start + 1 + usize::from(end);
            let name_len = bytes
                .get(name_start..)?
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            if name_len == 0 || !bytes.get(name_start)?.is_ascii_alphabetic() {
                continue;
            }
            let close = tag_end(bytes, name_start + name_len)?;
            at = close + 1;
            let name = source
                .get(name_start..name_start + name_len)?
                .to_ascii_lowercase();
            let self_closing = bytes.get(close.wrapping_sub(1)) == Some(&b'/');
            if !end && RAW_TEXT.contains(&name.as_str()) {
                // Skip to the matching end tag: a script's "<div>" is text.
                at = end_tag(bytes, at, name.as_bytes()).unwrap_or(bytes.len());
            }
            return Some(Tag {
                range: start..close + 1,
                name,
                end,
                self_closing,
            });
        }
    })
}

/// The index of the `>` that ends a tag whose attributes start at `from`
/// (a `>` inside a quoted attribute value does not).
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (k, &b) in bytes.get(from..)?.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(from + k),
            _ => {}
        }
    }
    None
}

/// Where the end tag of raw-text element `name` (lower case) starts, at or
/// after byte `from`, in any case.
fn end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let start = at + memchr::memchr(b'<', bytes.get(at..)?)?;
        let candidate = bytes.get(start + 2..start + 2 + name.len());
        if bytes.get(start + 1) == Some(&b'/')
            && candidate.is_some_and(|c| c.eq_ignore_ascii_case(name))
        {
            return Some(start);
        }
        at = start + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_within_the_cap_is_untouched() {
        let page = "<html><body><div class=\"a>b\"><p>One<p>Two<br><img src=x/>\
                    <script>if (a<b) { x = '<div><div><div>'; }</script></div></body></html>";
        // html, body, div, script: a script's "<div>"s are text.
        assert_eq!(deepest(page), 4);
        assert!(matches!(capped(page, 4), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_deeper_than_the_cap_are_left_out_and_their_text_kept() {
        let page = format!(
            "<body>{}<p>deep text</p>{}<p>after</p></body>",
            "<div>".repeat(10),
            "</div>".repeat(10)
        );
        let flat = capped(&page, 3);
        assert_eq!(
            flat,
            "<body><div><div><p>deep text</p></div></div><p>after</p></body>"
        );
        assert_eq!(deepest(&flat), 3);
    }

    #[test]
    fn comments_and_broken_tags_are_passed_over() {
        let page = "<!-- <div><div> --><div>a < b <3 </div><div";
        assert_eq!(deepest(page), 1);
        assert_eq!(capped(page, 0), "<!-- <div><div> -->a < b <3 <div");
    }
}
