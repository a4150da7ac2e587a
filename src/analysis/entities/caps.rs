//! All-capitals lines ("RUSSIA BEATS POLAND IN WORLD CUP QUALIFIER"): their
//! capitals say nothing about names, so only gazetteer names found
//! regardless of case, and a listed given name followed by another word
//! ("JOHN SMITH"), are typed there.

use std::ops::Range;

use super::super::EntityKind;
use super::super::gazetteer::{self, Listed};
use super::classify::Typed;
use super::tokens::{Gap, Word};

/// Whether the sentence at `range` of `text` is written in capitals: at
/// least four cased letters, and at most one in ten of them lower case.
pub(crate) fn is_caps_line(text: &str, range: Range<usize>) -> bool {
    let Some(sentence) = text.get(range) else {
        return false;
    };
    let (mut upper, mut lower) = (0usize, 0usize);
    // Every sentence passes here: count ASCII letters by byte, decode the rest.
    for (i, byte) in sentence.bytes().enumerate() {
        // Settled once even all the bytes left as capitals could not outweigh
        // the lower-case letters already seen (most sentences, early on).
        if lower * 10 > upper + (sentence.len() - i) {
            return false;
        }
        match byte {
            b'A'..=b'Z' => upper += 1,
            b'a'..=b'z' => lower += 1,
            0..=0xBF => {}
            _ => match sentence.get(i..).and_then(|s| s.chars().next()) {
                Some(c) if c.is_uppercase() => upper += 1,
                Some(c) if c.is_lowercase() => lower += 1,
                _ => {}
            },
        }
    }
    upper >= 4 && lower * 10 <= upper
}

/// `word` in title case ("SMITH" → "Smith").
pub(crate) fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
}

/// Typed names of the all-capitals sentence at `range`, whose `words` are given.
pub(crate) fn typed<'a>(text: &'a str, range: Range<usize>, words: &[Word<'_>]) -> Vec<Typed<'a>> {
    let Some(sentence) = text.get(range.clone()) else {
        return Vec::new();
    };
    let mut out: Vec<Typed> = Vec::new();
    for (found, listed) in gazetteer::find_ignoring_case(sentence) {
        let span = range.start + found.start..range.start + found.end;
        let Some(surface) = text.get(span.clone()) else {
            continue;
        };
        let (kind, key, reason) = match listed {
            Listed::Place(canonical, kind) => (EntityKind::Place, canonical, kind.reason()),
            Listed::Organisation(c) => (EntityKind::Organisation, c, "gazetteer: organisation"),
            Listed::Demonym(d) => (EntityKind::Misc, d, "gazetteer: demonym"),
        };
        out.push(Typed {
            span,
            surface,
            kind: Some(kind),
            key,
            initial: false,
            reason: format!("{reason} (capitals)").into(),
        });
    }
    out.extend(people(text, words, &out));
    out.sort_by_key(|t| t.span.start);
    out
}

/// "JOHN SMITH": a listed given name and the word after it, outside the
/// gazetteer names already found.
fn people<'a>(text: &'a str, words: &[Word<'_>], found: &[Typed<'_>]) -> Vec<Typed<'a>> {
    let free = |w: &Word<'_>| {
        !found
            .iter()
            .any(|t| t.span.start < w.span.end && w.span.start < t.span.end)
    };
    let mut out = Vec::new();
    for pair in words.windows(2) {
        let [first, last] = pair else { continue };
        let name_like = |w: &Word<'_>| w.text.chars().all(char::is_alphabetic) && w.text.len() > 1;
        if last.gap != Gap::Space || !name_like(first) || !name_like(last) {
            continue;
        }
        if !free(first) || !free(last) || !gazetteer::is_first_name(&title_case(first.text)) {
            continue;
        }
        if !gazetteer::is_last_name(&title_case(last.text)) {
            continue;
        }
        let span = first.span.start..last.span.end;
        if let Some(surface) = text.get(span.clone()) {
            out.push(Typed {
                span,
                surface,
                kind: Some(EntityKind::Person),
                key: surface,
                initial: false,
                reason: "gazetteer: given name and surname (capitals)".into(),
            });
        }
    }
    out
}
