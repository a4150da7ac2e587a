//! Dropping whole blocks from extracted text after it is built, with its
//! markup moved to match: for page furniture that is only recognisable by
//! its words once laid out (a gallery's "Image 1 of 8", "Close").

use std::collections::HashSet;
use std::ops::Range;

use crate::document::markup::{Markup, MarkupKind};

/// `text` (blocks separated by blank lines, as the builder lays them out)
/// without the blocks for which `drop(block, earlier_kept_blocks)` is true, and
/// `markup` with every span and link moved to the kept text; spans and
/// links wholly inside dropped blocks are gone. `text` ends in one newline
/// when it is not empty, and so does the result.
pub(super) fn without_blocks(
    text: &str,
    markup: Markup,
    mut drop: impl FnMut(&str, &HashSet<&str>) -> bool,
) -> (String, Markup) {
    let body = text.trim_end_matches('\n');
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    for block in body.split("\n\n") {
        ranges.push(at..at + block.len());
        at += block.len() + 2;
    }
    let mut kept: Vec<(Range<usize>, usize)> = Vec::new(); // (old range, new start)
    let mut seen: HashSet<&str> = HashSet::new();
    let mut dropped = 0;
    let mut out = String::with_capacity(text.len());
    for range in ranges {
        let block = body.get(range.clone()).unwrap_or_default();
        if !block.trim().is_empty() && drop(block, &seen) {
            dropped += 1;
            continue;
        }
        seen.insert(block);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        kept.push((range, out.len()));
        out.push_str(block);
    }
    if dropped == 0 {
        return (text.to_owned(), markup);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    let map = |span: &Range<usize>| -> Option<Range<usize>> {
        let start = kept
            .iter()
            .find(|(r, _)| r.end > span.start || (r.end == span.start && span.is_empty()))?;
        let new_start = start.1 + span.start.saturating_sub(start.0.start).min(start.0.len());
        let end = kept.iter().rev().find(|(r, _)| r.start <= span.end)?;
        let new_end = end.1 + span.end.saturating_sub(end.0.start).min(end.0.len());
        (new_start < new_end || (span.is_empty() && new_start == new_end))
            .then_some(new_start..new_end)
    };
    let mut link_index = Vec::with_capacity(markup.links.len());
    let mut links = Vec::new();
    for mut link in markup.links {
        match map(&link.span) {
            Some(span) => {
                link.span = span;
                link_index.push(Some(links.len()));
                links.push(link);
            }
            None => link_index.push(None),
        }
    }
    let spans = markup
        .spans
        .into_iter()
        .filter_map(|mut s| {
            if let MarkupKind::Link(i) = s.kind {
                s.kind = MarkupKind::Link(link_index.get(i).copied().flatten()?);
            }
            s.span = map(&s.span)?;
            Some(s)
        })
        .collect();
    (
        out,
        Markup {
            spans,
            links,
            ..markup
        },
    )
}

/// Whether `block` is a gallery or player control standing alone: a
/// counter ("Image 1 of 8", "Photo 3/10", "1 / 5") or a control's label
/// ("Caption", "Close", "Hide caption", "Enlarge this image", "Next").
pub(super) fn is_gallery_control(block: &str) -> bool {
    const LABELS: &[&str] = &[
        "caption",
        "hide caption",
        "show caption",
        "toggle caption",
        "close",
        "close gallery",
        "expand",
        "enlarge",
        "enlarge this image",
        "fullscreen",
        "full screen",
        "view fullscreen",
        "previous",
        "prev",
        "next",
        "previous image",
        "next image",
        "previous slide",
        "next slide",
        "open gallery",
        "view gallery",
        "launch gallery",
        "play",
        "pause",
        "replay",
        "play video",
    ];
    let words: Vec<String> = block
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let phrase = words.join(" ");
    if LABELS.contains(&phrase.trim_end_matches(['.', ':']).trim()) {
        return true;
    }
    // A counter: an optional noun, a number, "of" or "/", a number.
    let numbers: Vec<&str> = block
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .collect();
    let rest: String = block
        .chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    numbers.len() == 2
        && ["/", "of"].iter().any(|sep| {
            ["", "image", "photo", "picture", "slide", "item"]
                .iter()
                .any(|noun| rest == format!("{noun}{sep}"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::markup::{Link, MarkupSpan};

    #[test]
    fn gallery_counters_and_controls_are_recognised_alone() {
        for control in [
            "Image 1 of 8",
            "1 / 5",
            "Photo 3/10",
            "Caption",
            "Close",
            "Hide caption",
            "Enlarge this image",
            "NEXT",
            "Slide 2 of 12",
        ] {
            assert!(is_gallery_control(control), "{control}");
        }
        for prose in [
            "Close to 3,000 people came.",
            "1 of 8 people asked said no.",
            "Next year the bridge reopens.",
            "Caption competition: send us yours",
            "2024",
        ] {
            assert!(!is_gallery_control(prose), "{prose}");
        }
    }

    #[test]
    fn dropped_blocks_take_their_markup_and_links_with_them() {
        let text = "Head\n\nImage 1 of 8\n\nSee the map here.\n";
        let map_at = text.find("map").unwrap();
        let counter_at = text.find("Image").unwrap();
        let markup = Markup {
            spans: vec![
                MarkupSpan {
                    span: 0..4,
                    kind: MarkupKind::Heading(1),
                },
                MarkupSpan {
                    span: counter_at..counter_at + 5,
                    kind: MarkupKind::Link(0),
                },
                MarkupSpan {
                    span: map_at..map_at + 3,
                    kind: MarkupKind::Link(1),
                },
            ],
            links: vec![
                Link {
                    span: counter_at..counter_at + 5,
                    url: "#gallery".to_owned(),
                },
                Link {
                    span: map_at..map_at + 3,
                    url: "https://maps.example/".to_owned(),
                },
            ],
            ..Markup::default()
        };
        let (out, markup) = without_blocks(text, markup, |b, _| is_gallery_control(b));
        assert_eq!(out, "Head\n\nSee the map here.\n");
        let map_now = out.find("map").unwrap();
        assert_eq!(markup.links.len(), 1);
        assert_eq!(markup.links[0].span, map_now..map_now + 3);
        assert_eq!(markup.links[0].url, "https://maps.example/");
        let kinds: Vec<_> = markup
            .spans
            .iter()
            .map(|s| (s.kind, s.span.clone()))
            .collect();
        assert_eq!(
            kinds,
            [
                (MarkupKind::Heading(1), 0..4),
                (MarkupKind::Link(0), map_now..map_now + 3)
            ]
        );
    }
}
