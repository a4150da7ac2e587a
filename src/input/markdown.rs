//! Markdown (CommonMark, via pulldown-cmark) rendered to prose: headings,
//! paragraphs, list items (with `•` or their number) and block quotes become
//! blocks; emphasis, code and links become markup. Raw HTML, images and
//! rules are left out; the text keeps no Markdown syntax, so analysis reads
//! it as prose.

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
    // Inside an image: its alt text is no article text.
    let mut image = 0_usize;
    // No smart punctuation: the author's quotation marks stay as written.
    let options = Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::HtmlBlock | Tag::Table(_) | Tag::TableRow => out.block(),
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
                Tag::Image { .. } => image += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
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
                TagEnd::Image => image = image.saturating_sub(1),
                _ => {}
            },
            Event::Text(text) if image == 0 => out.push(&text),
            Event::Code(code) if image == 0 => {
                out.open(MarkupKind::Code);
                out.push(&code);
                out.close(|k| k == MarkupKind::Code);
            }
            Event::SoftBreak => out.push_collapsed(" "),
            Event::HardBreak => out.line_break(),
            _ => {}
        }
    }
    out.set_title(title);
    out.finish()
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
