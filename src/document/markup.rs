//! How an article read from Markdown or HTML is to be displayed: headings,
//! emphasis, block quotes, list items and links as byte ranges into the
//! article text, plus the page's title, byline and links.
//!
//! Markup only styles the text; it never changes it. Plain-text articles
//! have none.

use std::ops::Range;

/// The format an article was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SourceFormat {
    /// Plain text, decoded as it is.
    #[default]
    Text,
    /// Markdown (CommonMark), rendered to prose.
    Markdown,
    /// An HTML page, its main text extracted as reader modes do.
    Html,
}

impl SourceFormat {
    /// Lower-case name (`text`, `markdown`, `html`).
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Markdown => "markdown",
            SourceFormat::Html => "html",
        }
    }
}

/// What a span of markup is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkupKind {
    /// A heading of level 1 (the title) to 6.
    Heading(u8),
    /// Emphasis (`*a*`, `<em>`).
    Emphasis,
    /// Strong emphasis (`**a**`, `<strong>`).
    Strong,
    /// Code or preformatted text.
    Code,
    /// A block quote (one span over all its paragraphs).
    Quote,
    /// A list item, its bullet or number included.
    ListItem,
    /// The text of link `i` (index into [`Markup::links`]).
    Link(usize),
}

impl MarkupKind {
    /// The theme scope that styles this kind (`markup.heading`, …).
    pub fn scope(self) -> &'static str {
        match self {
            MarkupKind::Heading(_) => "markup.heading",
            MarkupKind::Emphasis => "markup.emphasis",
            MarkupKind::Strong => "markup.strong",
            MarkupKind::Code => "markup.code",
            MarkupKind::Quote => "markup.quote",
            MarkupKind::ListItem => "markup.list",
            MarkupKind::Link(_) => "markup.link",
        }
    }
}

/// A styled byte range of the article text (end-exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupSpan {
    /// Bytes of the article text.
    pub span: Range<usize>,
    /// What it is.
    pub kind: MarkupKind,
}

/// A link found in the article: where its text is and where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Bytes of the article text showing the link (may be empty for a link
    /// with no text).
    pub span: Range<usize>,
    /// The target as written in the source (made absolute for HTML pages
    /// when the page says where it came from).
    pub url: String,
}

/// Everything but the text that an input format gives: see the module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markup {
    /// The format the article was read from.
    pub format: SourceFormat,
    /// The page's title (HTML `<title>` or headline; Markdown's first
    /// level-1 heading), when there is one.
    pub title: Option<String>,
    /// The author line, when the page has one.
    pub byline: Option<String>,
    /// Where the page says it lives (HTML `<link rel="canonical">` or
    /// `og:url`), when that is an absolute http(s) URL.
    pub url: Option<String>,
    /// Styled spans, sorted by start.
    pub spans: Vec<MarkupSpan>,
    /// Links in reading order.
    pub links: Vec<Link>,
}
