//! `folio export --format markdown` (and `W` in the reader): a fact-check
//! report in CommonMark to paste into a CMS or a pull request — the
//! article's title and source, each claim in article order as a block quote
//! with its speaker, verdict, label and note, then the quotations with their
//! speakers, then the people and organisations mentioned.
//!
//! No HTML: every character of article or reader text that CommonMark would
//! read as markup (`*`, `_`, `<`, `&`, a `-` or `1.` opening a line, …) is
//! escaped with a backslash, so the report renders as the words it holds.

use std::fmt::Write as _;

use super::claim_review::{author, author_is_a_guess, has_verdict};
use super::{names_by_id, speaker_name};
use crate::analysis::{EntityKind, QuoteKind};
use crate::annotations::file::{AnnotationFile, ClaimRecord};

/// The report for `file` (an export: orphaned claims flagged), titled
/// `title` (the page's title when the article has one; else the file
/// name is used). Ends with one newline.
pub fn report(file: &AnnotationFile, title: Option<&str>) -> String {
    let names = names_by_id(file);
    let mut out = String::new();
    let path = file.article.path.as_str();
    let name = path.rsplit('/').next().unwrap_or(path);
    let title = title
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(name);
    let _ = writeln!(out, "# Fact-check: {}\n", inline(title));
    // The page's own address, when it gives one, else the path read.
    let source = match file.article.url.as_deref().filter(|u| is_web(u)) {
        Some(url) => format!("<{url}>"),
        None if is_web(path) => format!("<{path}>"),
        None => format!("`{}`", path.replace('`', "'")),
    };
    let _ = writeln!(out, "- Source: {source}");
    let _ = writeln!(out, "- SHA-256: `{}`", file.article.sha256);
    let reviewed = file
        .claims
        .iter()
        .filter(|c| has_verdict(&c.verdict))
        .count();
    let _ = writeln!(
        out,
        "- Claims: {} ({reviewed} with a verdict)",
        file.claims.len()
    );

    let _ = writeln!(out, "\n## Claims");
    if file.claims.is_empty() {
        let _ = writeln!(out, "\nNo claims marked.");
    }
    for claim in &file.claims {
        claim_section(&mut out, file, &names, claim);
    }

    let quotes: Vec<_> = file
        .quotes
        .iter()
        .filter(|q| q.kind != QuoteKind::Scare && q.nested_in.is_none())
        .collect();
    let _ = writeln!(out, "\n## Quotations\n");
    if quotes.is_empty() {
        let _ = writeln!(out, "No quotations found.");
    }
    for quote in quotes {
        let speaker = speaker_name(
            &names,
            quote.speaker.as_deref(),
            quote.speaker_text.as_deref(),
        )
        .map_or_else(|| "speaker unknown".to_owned(), inline);
        let guess = if quote.speaker_weak { " (a guess)" } else { "" };
        let _ = writeln!(out, "- {speaker}{guess}: {}", inline(&quote.exact));
    }

    for (kind, heading) in [
        (EntityKind::Person, "People"),
        (EntityKind::Organisation, "Organisations"),
    ] {
        let mut members: Vec<_> = file.entities.iter().filter(|e| e.kind == kind).collect();
        // Most mentioned first; ties in order of first mention.
        members.sort_by_key(|e| {
            (
                std::cmp::Reverse(e.mentions.len()),
                e.mentions.first().map_or(usize::MAX, |m| m.start),
            )
        });
        let _ = writeln!(out, "\n## {heading}\n");
        if members.is_empty() {
            let _ = writeln!(out, "None found.");
        }
        for entity in members {
            let count = entity.mentions.len();
            let plural = if count == 1 { "mention" } else { "mentions" };
            // The panel's "?": a kind no evidence backs, worth checking.
            let guessed = if entity.kind_guessed {
                ", kind guessed"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "- {} ({count} {plural}{guessed})",
                inline(&entity.name)
            );
        }
    }
    out
}

/// One claim: a heading with its id and verdict, its words as a block
/// quote, then speaker, verdict, label, note and state as a list.
fn claim_section(
    out: &mut String,
    file: &AnnotationFile,
    names: &std::collections::HashMap<&str, &str>,
    claim: &ClaimRecord,
) {
    let _ = writeln!(
        out,
        "\n### Claim {}: {}\n",
        inline(&claim.id),
        inline(&claim.verdict)
    );
    for line in claim.exact.lines() {
        let line = block_line(line);
        if line.is_empty() {
            let _ = writeln!(out, ">");
        } else {
            let _ = writeln!(out, "> {line}");
        }
    }
    let _ = writeln!(out);
    if let Some(speaker) = author(file, names, claim) {
        let guess = if author_is_a_guess(file, claim) {
            " (folio's guess from weak evidence: check it)"
        } else {
            ""
        };
        let _ = writeln!(out, "- Speaker: {}{guess}", inline(speaker));
    }
    let _ = writeln!(out, "- Verdict: **{}**", inline(&claim.verdict));
    let _ = writeln!(out, "- Label: {}", inline(&claim.label));
    let note = note_markdown(&claim.note);
    if !note.is_empty() {
        let _ = writeln!(out, "- Note: {note}");
    }
    if let Some(was) = &claim.changed_from {
        let _ = writeln!(
            out,
            "- Changed: the article's words have changed since the verdict; it was given on: {}",
            inline(was)
        );
    }
    if claim.orphaned {
        let _ = writeln!(out, "- Orphaned: these words are no longer in the article");
    }
}

/// A claim's note as the text of a list item: each line on a line of its
/// own (a hard break, `\` at the end), and the paragraphs that blank lines
/// separate as paragraphs of the item (indented by two spaces, so that
/// they stay in it). Empty for a blank note.
fn note_markdown(note: &str) -> String {
    let mut paragraphs: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in note.lines().map(block_line) {
        if !line.is_empty() {
            current.push(line);
        } else if !current.is_empty() {
            paragraphs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
        .iter()
        .map(|lines| lines.join("\\\n  "))
        .collect::<Vec<_>>()
        .join("\n\n  ")
}

/// Whether `path` is a web address (shown as an autolink).
fn is_web(path: &str) -> bool {
    (path.starts_with("https://") || path.starts_with("http://"))
        && !path
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
}

/// `text` on one line (line breaks as spaces), escaped.
fn inline(text: &str) -> String {
    let joined: Vec<&str> = text.split_whitespace().collect();
    block_line(&joined.join(" "))
}

/// One line of text escaped for CommonMark: markup characters get a
/// backslash; so does what would open a block at the start of a line (a
/// list marker, a heading, a thematic break, an ordered list number); tabs
/// become spaces and control characters are dropped.
fn block_line(line: &str) -> String {
    let line = line.trim();
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    // A line that would open a list, a heading underline or a thematic
    // break: escape its first character.
    let opens_block = matches!(out.chars().next(), Some('-' | '+' | '='));
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    let ordered = digits > 0 && digits < 10 && matches!(out.chars().nth(digits), Some('.' | ')'));
    if opens_block {
        out.insert(0, '\\');
    } else if ordered {
        let at = out.char_indices().nth(digits).map_or(out.len(), |(i, _)| i);
        out.insert(at, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            block_line("a *b* <i>c</i> & [d](e)"),
            r"a \*b\* \<i\>c\</i\> \& \[d\](e)"
        );
        assert_eq!(block_line("- not a list"), r"\- not a list");
        assert_eq!(block_line("1999. A year"), r"1999\. A year");
        assert_eq!(block_line("3,000 troops."), "3,000 troops.");
        assert_eq!(block_line("# no heading"), r"\# no heading");
        assert_eq!(inline("two\nlines\u{1b}"), "two lines");
    }
}
