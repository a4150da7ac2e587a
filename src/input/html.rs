//! An HTML page's main text, extracted the way reader modes do.
//!
//! `dom_smoothie` (a port of Mozilla's Readability, over html5ever) picks the
//! article's content and drops navigation, ads, related links and comments;
//! this module walks what is left and lays it out as prose: headings,
//! paragraphs, list items and block quotes become blocks; emphasis, code and
//! links become markup. Scripts, styles, forms, images and navigation are
//! never text. Character references (`&amp;`, `&shy;`, `&#8220;`) are decoded
//! by the HTML parser. The page's title opens the text (as a heading) and
//! its byline follows, so both can be read and annotated.

use std::collections::HashSet;
use std::path::Path;

use dom_query::NodeRef;

use super::blocks;
use super::builder::{TextBuilder, collapse, list_marker};
use crate::document::markup::{Markup, MarkupKind, SourceFormat};

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button",
    "select", "textarea", "svg", "iframe", "img", "picture", "video", "audio", "canvas", "object",
    "head", "title", "meta", "link",
];

/// Class or id words that mark page furniture Readability may leave inside
/// the article: ads, sharing buttons, newsletter boxes, related links.
const CLUTTER: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "sponsored",
    "promo",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "comments",
    "cookie-banner",
    "paywall",
];

/// Whether `node`'s class or id is one of [`CLUTTER`] (whole words,
/// case-insensitive, `-` and `_` separating words).
fn is_clutter(node: &NodeRef) -> bool {
    ["class", "id"].iter().any(|attr| {
        node.attr(attr).is_some_and(|value| {
            value
                .split_whitespace()
                .any(|word| CLUTTER.contains(&word.to_ascii_lowercase().as_str()))
        })
    })
}

/// Whether `node` is a picture's caption: `<figcaption>`, or an element
/// whose class or id has a word ending in `caption`.
fn is_caption(node: &NodeRef) -> bool {
    node.node_name()
        .is_some_and(|n| n.eq_ignore_ascii_case("figcaption"))
        || ["class", "id"].iter().any(|attr| {
            node.attr(attr).is_some_and(|value| {
                value.split_whitespace().any(|word| {
                    word.to_ascii_lowercase()
                        .rsplit(['-', '_'])
                        .next()
                        .is_some_and(|last| last.ends_with("caption"))
                })
            })
        })
}

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "address",
    "header",
    "details",
    "summary",
    "center",
];

/// The article text of the HTML `source` and its markup: the page's title
/// (unless the body opens with it) and byline (unless the body holds it),
/// then the body. `path` is only named in no output; it is kept for
/// symmetry with the other readers.
pub fn extract(source: &str, _path: Option<&Path>) -> (String, Markup) {
    extract_with(source, true)
}

/// The article body of the HTML `source` alone, without the title and
/// byline [`extract`] puts first: what Readability's own output holds, for
/// measuring extraction (`examples/readability_eval.rs`).
pub fn extract_body(source: &str) -> String {
    extract_with(source, false).0
}

fn extract_with(source: &str, title_and_byline: bool) -> (String, Markup) {
    // A page nested thousands deep would take minutes to parse and
    // overflow the stack when walked.
    let source = super::nesting::capped(source, super::nesting::MAX_DEPTH);
    let (text, markup) = extract_blocks(&source, title_and_byline);
    // Gallery furniture is known only by its words once laid out.
    blocks::without_blocks(&text, markup, |block, _| blocks::is_gallery_control(block))
}

fn extract_blocks(source: &str, title_and_byline: bool) -> (String, Markup) {
    let mut out = TextBuilder::new(SourceFormat::Html);
    let mut walker = Walker::default();
    let (page, captions) = cleaned(source);
    walker.base = page_url(&page);
    let url = walker.base.clone();
    walker.caption_texts = captions;
    match dom_smoothie::Readability::with_document(page, None, None).and_then(|mut r| r.parse()) {
        Ok(article) => {
            let title = collapse(&article.title);
            let content = dom_query::Document::from(article.content.as_ref());
            let body_text = collapse(&content.root().text());
            if title_and_byline && !title.is_empty() && !body_text.starts_with(&title) {
                out.block();
                out.open(MarkupKind::Heading(1));
                out.push(&title);
                out.close(|k| matches!(k, MarkupKind::Heading(_)));
            }
            if let Some(byline) = article.byline.as_deref().map(collapse)
                && title_and_byline
                && !byline.is_empty()
                && !body_text.contains(&byline)
            {
                out.block();
                out.open(MarkupKind::Emphasis);
                out.push(&number_apart(&byline));
                out.close(|k| k == MarkupKind::Emphasis);
            }
            walker.in_article = true;
            walker.walk(&mut out, &content.root());
            out.set_title(Some(article.title));
            out.set_byline(article.byline);
        }
        Err(_) => {
            // Readability found no article (a very short page): read the
            // whole body with the same rules rather than show nothing.
            let (page, _) = cleaned(source);
            let title = page.select("title").text().to_string();
            let heading = collapse(&title);
            if title_and_byline
                && !heading.is_empty()
                && !collapse(&page.select("body").text()).starts_with(&heading)
            {
                out.block();
                out.open(MarkupKind::Heading(1));
                out.push(&heading);
                out.close(|k| matches!(k, MarkupKind::Heading(_)));
            }
            walker.walk(&mut out, &page.root());
            out.set_title(Some(title));
        }
    }
    let (text, mut markup) = out.finish();
    markup.url = url;
    (text, markup)
}

/// The page parsed, without the elements [`is_clutter`] names. Readability
/// drops class names from what it keeps, so furniture it would leave inside
/// the article (an ad box between paragraphs) is removed before it runs.
/// An element holding most of the page's text is never furniture, whatever
/// its class says (`<body class="paywall">` holds the article). Also
/// returns the text of every caption (collapsed), so the walker can read a
/// repeated one once.
fn cleaned(source: &str) -> (dom_query::Document, HashSet<String>) {
    let page = dom_query::Document::from(source);
    let total = visible_chars(&page.root());
    for node in page.select("[class], [id]").nodes() {
        if is_clutter(node) && visible_chars(node) * 2 <= total {
            node.remove_from_parent();
        }
    }
    // Readability drops classes (and turns a text-only <div> into a <p>):
    // the walker knows captions by their text.
    let mut captions = HashSet::new();
    for node in page.select("figcaption, [class], [id]").nodes() {
        if is_caption(node) {
            captions.insert(collapse(&node.text()));
        }
    }
    (page, captions)
}

/// Fewest words of a caption that is read only once: shorter ones are
/// photo credits, which rightly repeat.
const MIN_CAPTION_WORDS: usize = 6;

/// Elements whose text is never shown.
const INVISIBLE: &[&str] = &["script", "style", "noscript", "template", "head"];

/// Chars of text under `node` a reader would see (not in scripts, styles,
/// the head), whitespace left out.
fn visible_chars(node: &NodeRef) -> usize {
    node.children()
        .iter()
        .map(|child| {
            if child.is_text() {
                child.text().chars().filter(|c| !c.is_whitespace()).count()
            } else if child.is_element() {
                let name = child.node_name().unwrap_or_default().to_ascii_lowercase();
                if INVISIBLE.contains(&name.as_str()) {
                    0
                } else {
                    visible_chars(child)
                }
            } else if child.is_document() {
                visible_chars(child)
            } else {
                0
            }
        })
        .sum()
}

/// Where the page says it lives: its canonical link or `og:url`, when
/// absolute.
fn page_url(page: &dom_query::Document) -> Option<String> {
    let canonical = page.select(r#"link[rel="canonical"]"#).attr("href");
    let og = page.select(r#"meta[property="og:url"]"#).attr("content");
    canonical
        .or(og)
        .map(|u| u.trim().to_owned())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

/// `url` with `.` and `..` path segments resolved (`/a/b/../c` → `/a/c`);
/// `origin_end` is where the path starts.
fn without_dot_segments(url: &str, origin_end: usize) -> String {
    let (origin, path) = url.split_at(origin_end.min(url.len()));
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *part {
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                segments.pop();
                if last {
                    segments.push("");
                }
            }
            part => segments.push(part),
        }
    }
    format!("{origin}/{}", segments.join("/"))
}

/// State of one walk over the tree.
#[derive(Default)]
struct Walker {
    /// Per open list: the next item's number (`None` for bullets).
    lists: Vec<Option<u64>>,
    /// Inside `<pre>`: whitespace is kept.
    pre: usize,
    /// The page's own absolute URL, to make relative links absolute.
    base: Option<String>,
    /// Captions read so far in the article (collapsed): a gallery that
    /// shows each caption twice (thumbnail and slide) is read once.
    captions: HashSet<String>,
    /// The text of every caption on the page (see [`cleaned`]).
    caption_texts: HashSet<String>,
    /// Inside a caption: captions nested in it are part of it.
    in_caption: usize,
    /// Walking the article Readability picked: a `<header>` there is the
    /// article's own (headline, standfirst, intro) and is read; on a whole
    /// page it is the site's masthead and is skipped.
    in_article: bool,
}

/// Whether `next`, the text after an element's boundary, would run on
/// from `before` into one false word: a Latin word and a number ("by
/// Lucas Nolan" then "22 Dec 2016" in a `<time>`) or a lower-case word and
/// a capitalised one ("Credit" then "Kevin Frayer"), which the page's
/// style shows apart. Words a page really splits this way ("e" + "Bay")
/// are rarer than bylines, datelines and credits.
fn runs_on(before: &str, next: &str) -> bool {
    let (Some(last), Some(first)) = (before.chars().next_back(), next.chars().next()) else {
        return false;
    };
    letter_meets_number(last, first) || (last.is_lowercase() && first.is_uppercase())
}

/// Whether `first` right after `last` makes a Latin word run into a number.
fn letter_meets_number(last: char, first: char) -> bool {
    last.is_ascii_alphabetic() && first.is_ascii_digit()
}

/// `byline` with a space between a Latin letter and a number that follows
/// it: Readability joins the byline's elements without one ("by Lucas
/// Nolan22 Dec 2016"), which [`runs_on`] prevents in the body.
fn number_apart(byline: &str) -> String {
    let mut out = String::with_capacity(byline.len() + 4);
    let mut previous = None;
    for c in byline.chars() {
        if previous.is_some_and(|p| letter_meets_number(p, c)) {
            out.push(' ');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Whether `node` is a superscript or subscript, whose text joins the
/// word before it ("n²", "H₂O", a footnote mark).
fn is_script_position(node: &NodeRef) -> bool {
    node.node_name()
        .is_some_and(|n| n.eq_ignore_ascii_case("sup") || n.eq_ignore_ascii_case("sub"))
}

impl Walker {
    fn walk(&mut self, out: &mut TextBuilder, node: &NodeRef) {
        for child in node.children() {
            if child.is_text() {
                let text = child.text();
                if self.pre > 0 {
                    out.push(&text);
                } else {
                    if runs_on(out.text(), &text) && !is_script_position(node) {
                        out.push_collapsed(" ");
                    }
                    out.push_collapsed(&text);
                }
            } else if child.is_element() {
                self.element(out, &child);
            } else if child.is_document() {
                self.walk(out, &child);
            }
        }
    }

    fn element(&mut self, out: &mut TextBuilder, node: &NodeRef) {
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        let name = name.as_str();
        if SKIPPED.contains(&name)
            || (name == "header" && !self.in_article)
            || node.attr("hidden").is_some()
        {
            return;
        }
        let maybe_caption = matches!(name, "figcaption" | "p" | "div" | "span");
        if self.in_caption == 0 && maybe_caption && !self.caption_texts.is_empty() {
            let text = collapse(&node.text());
            if !self.caption_texts.contains(&text) {
                self.element_inner(out, node, name);
                return;
            }
            // Photo credits ("Photo by A. Name") rightly repeat.
            if text.split(' ').count() >= MIN_CAPTION_WORDS && !self.captions.insert(text) {
                return;
            }
            self.in_caption += 1;
            self.element_inner(out, node, name);
            self.in_caption -= 1;
            return;
        }
        self.element_inner(out, node, name);
    }

    fn element_inner(&mut self, out: &mut TextBuilder, node: &NodeRef, name: &str) {
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.get(1..).and_then(|l| l.parse().ok()).unwrap_or(1);
                self.wrapped(out, node, MarkupKind::Heading(level), true);
            }
            "blockquote" => self.wrapped(out, node, MarkupKind::Quote, true),
            "pre" => {
                self.pre += 1;
                self.wrapped(out, node, MarkupKind::Code, true);
                self.pre -= 1;
            }
            "em" | "i" | "cite" => self.wrapped(out, node, MarkupKind::Emphasis, false),
            "strong" | "b" => self.wrapped(out, node, MarkupKind::Strong, false),
            "code" | "kbd" | "samp" => self.wrapped(out, node, MarkupKind::Code, false),
            "ul" | "ol" => {
                let start = node.attr("start").and_then(|s| s.trim().parse().ok());
                self.lists
                    .push((name == "ol").then_some(start.unwrap_or(1)));
                self.walk(out, node);
                self.lists.pop();
                out.block();
            }
            "li" => {
                let marker = list_marker(&mut self.lists);
                out.item(&marker);
                self.walk(out, node);
                out.close(|k| k == MarkupKind::ListItem);
                out.block();
            }
            "a" => match node.attr("href") {
                Some(href) if !href.trim().is_empty() => {
                    out.open_link(&self.absolute(href.trim()));
                    self.walk(out, node);
                    out.close_link();
                }
                _ => self.walk(out, node),
            },
            "br" => out.line_break(),
            "hr" => out.block(),
            "td" | "th" => {
                out.push_collapsed(" ");
                self.walk(out, node);
                out.push_collapsed(" ");
            }
            _ if BLOCKS.contains(&name) => {
                out.block();
                self.walk(out, node);
                out.block();
            }
            _ => self.walk(out, node),
        }
    }

    /// Walks `node` inside a span of `kind`; `block` when it stands alone.
    fn wrapped(&mut self, out: &mut TextBuilder, node: &NodeRef, kind: MarkupKind, block: bool) {
        if block {
            out.block();
        }
        out.open(kind);
        self.walk(out, node);
        out.close(move |k| std::mem::discriminant(&k) == std::mem::discriminant(&kind));
        if block {
            out.block();
        }
    }

    /// `href` made absolute against the page's URL when it is relative
    /// (`/news/x` or `x`) and the page says where it came from.
    fn absolute(&self, href: &str) -> String {
        let Some(base) = &self.base else {
            return href.to_owned();
        };
        if href.contains("://") || href.starts_with("mailto:") || href.starts_with('#') {
            return href.to_owned();
        }
        let origin_end = base
            .find("://")
            .and_then(|s| {
                base.get(s + 3..)
                    .and_then(|r| r.find('/'))
                    .map(|e| s + 3 + e)
            })
            .unwrap_or(base.len());
        let origin = base.get(..origin_end).unwrap_or(base);
        if let Some(rest) = href.strip_prefix("//") {
            let scheme = base.get(..base.find("://").unwrap_or(0)).unwrap_or("https");
            return format!("{scheme}://{rest}");
        }
        if href.starts_with('/') {
            return without_dot_segments(&format!("{origin}{href}"), origin_end);
        }
        let folder = base.rfind('/').filter(|&i| i >= origin_end).map_or_else(
            || format!("{origin}/"),
            |i| base.get(..=i).unwrap_or(base).to_owned(),
        );
        without_dot_segments(&format!("{folder}{href}"), origin_end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article page whose `<body>` carries the class word `paywall`,
    /// with an ad box (clutter) inside the article.
    const PAYWALLED: &str = "<!DOCTYPE html><html><head><title>Council votes</title></head>\
        <body class=\"paywall premium\"><article><h1>Council votes to close the bridge</h1>\
        <p>The city council voted on Tuesday to close the old bridge for repairs, \
        after engineers found cracks in two of its piers during an inspection.</p>\
        <div class=\"ad\">Buy one get one free at Harbour Tyres this weekend</div>\
        <p>The mayor said the closure would last at least six months and that \
        ferries would run every twenty minutes while the work went on.</p>\
        <p>Shop owners near the bridge said they feared losing trade over the summer.</p>\
        </article></body></html>";

    #[test]
    fn a_clutter_class_on_the_element_holding_the_article_keeps_it() {
        let (text, _) = extract(PAYWALLED, None);
        assert!(
            text.contains("voted on Tuesday to close the old bridge"),
            "{text}"
        );
        assert!(text.contains("feared losing trade"), "{text}");
        // Small furniture with a clutter class is still removed.
        assert!(!text.contains("Harbour Tyres"), "{text}");
    }

    /// A news page: a site masthead in a page-level `<header>`, and an
    /// article whose own `<header>` holds the headline and the standfirst;
    /// a gallery with its counter, controls and a caption shown twice.
    const WITH_HEADERS: &str = "<!DOCTYPE html><html><head><title>Bridge closes | The Harbour Post</title></head><body>\
        <header class=\"masthead\"><p>The Harbour Post - Subscribe today for unlimited access to local news</p></header>\
        <article><header><h1>Council votes to close the bridge</h1>\
        <p class=\"standfirst\">Engineers found cracks in two piers during a routine inspection last month.</p></header>\
        <p>The city council voted on Tuesday to close the old bridge for repairs, after a long and \
        heated debate that went on well past midnight in the town hall.</p>\
        <div class=\"gallery\"><div>Image 1 of 8</div><div>Caption</div><div>Close</div>\
        <figure><figcaption>Divers inspect the cracked pier below the waterline on Monday</figcaption></figure>\
        <div class=\"slide-caption\">Divers inspect the cracked pier below the waterline on Monday</div></div>\
        <p>The mayor said the closure would last at least six months and that ferries would run \
        every twenty minutes while the work went on, paid for by the city.</p>\
        <p>Shop owners near the bridge said they feared losing trade over the summer months.</p>\
        </article></body></html>";

    #[test]
    fn the_articles_own_header_is_read_and_the_sites_is_not() {
        let body = extract_body(WITH_HEADERS);
        assert!(
            body.starts_with("Council votes to close the bridge\n\nEngineers found cracks"),
            "{body}"
        );
        assert!(!body.contains("Subscribe today"), "{body}");
    }

    #[test]
    fn gallery_controls_and_a_repeated_caption_are_dropped() {
        let body = extract_body(WITH_HEADERS);
        for control in ["Image 1 of 8", "Caption\n", "Close\n"] {
            assert!(!body.contains(control), "{control:?} in {body}");
        }
        assert_eq!(
            body.matches("Divers inspect the cracked pier").count(),
            1,
            "{body}"
        );
        assert!(body.contains("feared losing trade"), "{body}");
    }

    #[test]
    fn words_of_adjacent_elements_do_not_run_together() {
        let page = "<html><body><p>by <a href=\"/n\">Lucas Nolan</a><time>22 Dec 2016</time></p>\
                    <p>Officials said<span>Credit</span><span>Kevin Frayer</span>.</p>\
                    <p>It grows as n<sup>2</sup>, and H<sub>2</sub>O and iPhone stay.</p></body></html>";
        let (text, _) = extract(page, None);
        assert_eq!(
            text,
            "by Lucas Nolan 22 Dec 2016\n\nOfficials said Credit Kevin Frayer.\n\n\
             It grows as n2, and H2O and iPhone stay.\n"
        );
        assert_eq!(
            number_apart("by Lucas Nolan22 Dec 2016651"),
            "by Lucas Nolan 22 Dec 2016651"
        );
    }

    #[test]
    fn visible_chars_leave_out_scripts_and_whitespace() {
        let page = dom_query::Document::from(
            "<html><head><title>T</title></head><body><p>ab c</p><script>var x;</script></body></html>",
        );
        assert_eq!(visible_chars(&page.root()), 3);
    }

    #[test]
    fn relative_links_become_absolute_against_the_page_url() {
        let walker = Walker {
            base: Some("https://news.example.com/world/2026/story.html".to_owned()),
            ..Walker::default()
        };
        assert_eq!(walker.absolute("/sport"), "https://news.example.com/sport");
        assert_eq!(
            walker.absolute("./other.html"),
            "https://news.example.com/world/2026/other.html"
        );
        assert_eq!(
            walker.absolute("//cdn.example.com/x"),
            "https://cdn.example.com/x"
        );
        assert_eq!(walker.absolute("#top"), "#top");
        assert_eq!(walker.absolute("http://a.org/b"), "http://a.org/b");
        let no_base = Walker::default();
        assert_eq!(no_base.absolute("/sport"), "/sport");
    }
}
