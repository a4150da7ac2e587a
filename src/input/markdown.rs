//! Markdown (CommonMark, via pulldown-cmark) rendered to prose: headings,
//! paragraphs, list items (with `•` or their number) and block quotes become
//! blocks; emphasis, code and links become markup. GitHub tables become a
//! block per row, cells apart as in HTML; a footnote reference reads `[1]`
//! and its text is a block opening with `[1]`. Raw HTML (with what a
//! `<script>` or `<style>` element inside a paragraph holds), images, rules
//! and front matter (a `---` YAML or `+++` TOML block at the top) are left
//! out; the text keeps no Markdown syntax, so analysis reads it as prose.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::builder::{TextBuilder, list_marker};
use crate::document::markup::{Markup, MarkupKind, SourceFormat};

/// The article text of the Markdown `source` and its markup.
pub fn render(source: &str) -> (String, Markup) {
    let mut out = TextBuilder::new(SourceFormat::Markdown);
    // Per open list: the next item's number (`None` for bullets).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut title: Option<String> = None;
    let mut heading_start: Option<usize> = None;
    // Inside an image (its alt text) or front matter: no article text.
    let mut hidden = 0_usize;
    // The label of the footnote whose text comes next.
    let mut footnote: Option<String> = None;
    // Inside an inline `<script>` or `<style>` element: code, not text.
    // (A block of raw HTML is left out whole by the parser itself.)
    let mut raw_code = 0_usize;
    // Just after such an element: the spaces on its two sides make one.
    let mut after_code = false;
    // No smart punctuation: the author's quotation marks stay as written.
    let options = Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    out.block();
                    // A footnote's text opens with its label, in its
                    // first paragraph.
                    if let Some(label) = footnote.take() {
                        out.push(&format!("[{label}] "));
                    }
                }
                Tag::HtmlBlock | Tag::Table(_) | Tag::TableHead | Tag::TableRow => out.block(),
                Tag::TableCell => out.push_collapsed(" "),
                Tag::FootnoteDefinition(label) => {
                    out.block();
                    footnote = Some(label.to_string());
                }
                Tag::MetadataBlock(_) => hidden += 1,
                Tag::Heading { level, .. } => {
                    out.block();
                    out.open(MarkupKind::Heading(level_number(level)));
                    heading_start = Some(out.text().len());
                }
                Tag::BlockQuote(_) => {
                    out.block();
                    out.open(MarkupKind::Quote);
                }
                Tag::CodeBlock(_) => {
                    out.block();
                    out.open(MarkupKind::Code);
                }
                Tag::List(first) => lists.push(first),
                Tag::Item => {
                    let marker = list_marker(&mut lists);
                    out.item(&marker);
                }
                Tag::Emphasis => out.open(MarkupKind::Emphasis),
                Tag::Strong => out.open(MarkupKind::Strong),
                Tag::Link { dest_url, .. } => out.open_link(&dest_url),
                Tag::Image { .. } => hidden += 1,
                _ => {}
            },
            Event::InlineHtml(html) => match code_element_tag(&html) {
                Some(CodeTag::Open) => raw_code += 1,
                Some(CodeTag::Close) => {
                    raw_code = raw_code.saturating_sub(1);
                    after_code = raw_code == 0;
                }
                None => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => (raw_code, after_code) = (0, false),
                TagEnd::Heading(level) => {
                    if level == HeadingLevel::H1
                        && title.is_none()
                        && let Some(start) = heading_start
                    {
                        title = out.text().get(start..).map(str::to_owned);
                    }
                    out.close(|k| matches!(k, MarkupKind::Heading(_)));
                    out.block();
                }
                TagEnd::BlockQuote(_) => {
                    out.close(|k| k == MarkupKind::Quote);
                    out.block();
                }
                TagEnd::CodeBlock => {
                    out.close(|k| k == MarkupKind::Code);
                    out.block();
                }
                TagEnd::List(_) => {
                    lists.pop();
                }
                TagEnd::Item => {
                    out.close(|k| k == MarkupKind::ListItem);
                    out.block();
                }
                TagEnd::Emphasis => out.close(|k| k == MarkupKind::Emphasis),
                TagEnd::Strong => out.close(|k| k == MarkupKind::Strong),
                TagEnd::Link => out.close_link(),
                TagEnd::Image | TagEnd::MetadataBlock(_) => hidden = hidden.saturating_sub(1),
                TagEnd::TableCell => out.push_collapsed(" "),
                TagEnd::TableHead | TagEnd::TableRow | TagEnd::FootnoteDefinition => out.block(),
                _ => {}
            },
            Event::Text(text) if hidden == 0 && raw_code == 0 => {
                let text = if std::mem::take(&mut after_code) && out.text().ends_with(' ') {
                    text.trim_start_matches(' ')
                } else {
                    &text
                };
                out.push(text);
            }
            Event::Code(code) if hidden == 0 && raw_code == 0 => {
                out.open(MarkupKind::Code);
                out.push(&code);
                out.close(|k| k == MarkupKind::Code);
            }
            Event::FootnoteReference(label) if hidden == 0 => out.push(&format!("[{label}]")),
            Event::SoftBreak => out.push_collapsed(" "),
            Event::HardBreak => out.line_break(),
            _ => {}
        }
    }
    out.set_title(title);
    out.finish()
}

/// An inline HTML tag that opens or closes an element whose content is
/// code ([`code_element_tag`]).
#[derive(Debug, PartialEq, Eq)]
enum CodeTag {
    Open,
    Close,
}

/// Whether the inline HTML `tag` opens or closes a `<script>` or `<style>`
/// element (any case, with or without attributes); `None` for any other
/// tag, and for a self-closed `<script … />`, which holds nothing.
fn code_element_tag(tag: &str) -> Option<CodeTag> {
    let inner = tag.trim().strip_prefix('<')?.strip_suffix('>')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name_end = inner
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(inner.len());
    let name = inner.get(..name_end)?;
    if !(name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
        return None;
    }
    match (closing, inner.trim_end().ends_with('/')) {
        (true, _) => Some(CodeTag::Close),
        (false, false) => Some(CodeTag::Open),
        (false, true) => None,
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
