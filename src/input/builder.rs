//! Building article text block by block, recording markup as byte ranges.
//! Shared by the Markdown and HTML readers, so both lay text out the same
//! way: blocks (paragraphs, headings, list items) separated by one blank
//! line, which is how [`crate::document::split_paragraphs`] reads them back.

use crate::document::markup::{Link, Markup, MarkupKind, MarkupSpan, SourceFormat};

/// Text under construction and its markup.
#[derive(Debug, Default)]
pub(super) struct TextBuilder {
    text: String,
    markup: Markup,
    /// Spans opened and not yet closed: (kind, start byte).
    open: Vec<(MarkupKind, usize)>,
    /// A list item's bullet was just written: the next block continues it.
    item_fresh: bool,
    /// Whitespace was seen and will become one space before the next word.
    space: bool,
}

impl TextBuilder {
    pub(super) fn new(format: SourceFormat) -> Self {
        Self {
            markup: Markup {
                format,
                ..Markup::default()
            },
            ..Self::default()
        }
    }

    /// Starts a new block: a blank line after any text so far.
    pub(super) fn block(&mut self) {
        self.space = false;
        if self.item_fresh {
            return;
        }
        let trimmed = self.text.trim_end_matches([' ', '\n']).len();
        self.text.truncate(trimmed);
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
    }

    /// Starts a list item with its marker (`• `, `3. `).
    pub(super) fn item(&mut self, marker: &str) {
        self.block();
        self.open(MarkupKind::ListItem);
        self.text.push_str(marker);
        self.item_fresh = true;
    }

    /// Appends `text` as it is (Markdown text, preformatted HTML).
    pub(super) fn push(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if std::mem::take(&mut self.space) && !self.at_line_start() {
            self.text.push(' ');
        }
        self.item_fresh = false;
        self.text.push_str(text);
    }

    /// Appends `text` with runs of whitespace collapsed to one space, and no
    /// space at the start of a block (HTML's rule for normal text).
    pub(super) fn push_collapsed(&mut self, text: &str) {
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.space = true;
            }
            self.push(word);
        }
    }

    /// A line break inside a block.
    pub(super) fn line_break(&mut self) {
        self.space = false;
        if !self.at_line_start() {
            self.text.push('\n');
        }
    }

    /// Opens a span of `kind` at the current end of the text.
    pub(super) fn open(&mut self, kind: MarkupKind) {
        // A pending space belongs before the span, not inside it.
        if std::mem::take(&mut self.space) && !self.at_line_start() {
            self.text.push(' ');
        }
        self.open.push((kind, self.text.len()));
    }

    /// Closes the innermost open span of `kind` (and records it if it holds
    /// any text).
    pub(super) fn close(&mut self, kind: impl Fn(MarkupKind) -> bool) {
        let Some(at) = self.open.iter().rposition(|(k, _)| kind(*k)) else {
            return;
        };
        let (kind, start) = self.open.remove(at);
        let end = self.text.trim_end_matches([' ', '\n']).len().max(start);
        if end > start {
            self.markup.spans.push(MarkupSpan {
                span: start..end,
                kind,
            });
        }
    }

    /// Opens a link to `url`; close it with [`Self::close`] on
    /// `MarkupKind::Link`.
    pub(super) fn open_link(&mut self, url: &str) {
        let index = self.markup.links.len();
        self.markup.links.push(Link {
            span: 0..0,
            url: url.to_owned(),
        });
        self.open(MarkupKind::Link(index));
    }

    /// Closes the innermost link and records where its text is.
    pub(super) fn close_link(&mut self) {
        let Some(at) = self
            .open
            .iter()
            .rposition(|(k, _)| matches!(k, MarkupKind::Link(_)))
        else {
            return;
        };
        let start = self.open.get(at).map_or(0, |(_, s)| *s);
        let end = self.text.trim_end_matches([' ', '\n']).len().max(start);
        if let Some((MarkupKind::Link(i), _)) = self.open.get(at)
            && let Some(link) = self.markup.links.get_mut(*i)
        {
            link.span = start..end;
        }
        self.close(|k| matches!(k, MarkupKind::Link(_)));
    }

    pub(super) fn set_title(&mut self, title: Option<String>) {
        self.markup.title = title.map(|t| collapse(&t)).filter(|t| !t.is_empty());
    }

    pub(super) fn set_byline(&mut self, byline: Option<String>) {
        self.markup.byline = byline.map(|t| collapse(&t)).filter(|t| !t.is_empty());
    }

    /// The text written so far.
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// The finished text (ending in one newline) and its markup; spans still
    /// open end here.
    pub(super) fn finish(mut self) -> (String, Markup) {
        while let Some((kind, _)) = self.open.last().copied() {
            self.close(move |k| k == kind);
        }
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        // Spans end before trailing whitespace; clamp anyway, so no span
        // can ever reach past the text.
        for span in self
            .markup
            .spans
            .iter_mut()
            .map(|m| &mut m.span)
            .chain(self.markup.links.iter_mut().map(|l| &mut l.span))
        {
            span.end = span.end.min(trimmed);
            span.start = span.start.min(span.end);
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.markup
            .spans
            .sort_by_key(|m| (m.span.start, m.span.end));
        (self.text, self.markup)
    }

    fn at_line_start(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n') || self.item_fresh
    }
}

/// `text` with whitespace runs collapsed to one space and trimmed.
pub(super) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The marker of the next item of the innermost list in `lists` (each the
/// next number of an ordered list, `None` for bullets): `3. `, `• `, or `◦ `
/// in a nested bulleted list.
pub(super) fn list_marker(lists: &mut [Option<u64>]) -> String {
    let nested = lists.len() > 1;
    match lists.last_mut() {
        Some(Some(n)) => {
            let marker = format!("{n}. ");
            *n += 1;
            marker
        }
        _ if nested => "◦ ".to_owned(),
        _ => "• ".to_owned(),
    }
}
