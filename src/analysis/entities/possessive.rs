//! Names with a possessive inside: "Mother's Day", "New Year's Eve"
//! (after "New Year"), "People's Party", "Fisherman's Terminal".
//!
//! The tagger ends a name at a possessive ("America's President" is two
//! things), so such a name comes out as two mentions, the first often of
//! the wrong kind ("Mother" a person, "Day" misc). They are joined here,
//! once the whole article's mentions are known: the word before the
//! possessive must be a common English word that no list names and that
//! the article never names apart from such a name. "Trump's Republican
//! Party" stays two names: "Trump" is named elsewhere.

use std::ops::Range;

use super::super::EntityKind;
use super::super::gazetteer::{self, HashMap};
use super::memory::Mention;

/// The bytes that may join the two parts: a possessive `'s` (straight or
/// curly apostrophe) or a plural's apostrophe ("Veterans' Day"), then one
/// space.
const JOINS: [&str; 4] = ["'s ", "\u{2019}s ", "' ", "\u{2019} "];

/// `mentions` (in reading order, spans byte offsets into `text`,
/// end-exclusive) with each possessive name joined into one mention that
/// has the kind and reason of its second part. A pair is joined when:
/// - only a possessive and a space lie between them (see [`JOINS`]);
/// - the first is one common English word ([`gazetteer::is_common_word`]:
///   nobody's given name or frequent surname) that is no listed place or
///   organisation, and every mention with its text in the article is the
///   first part of such a pair;
/// - the second is no person ("the Post's Scott Clement") and no listed
///   place ("the Democrat's Brooklyn headquarters").
pub fn join<'a>(text: &'a str, mentions: Vec<Mention<'a>>) -> Vec<Mention<'a>> {
    let pairs: Vec<bool> = (0..mentions.len())
        .map(|k| {
            let (Some(first), Some(second)) = (mentions.get(k), mentions.get(k + 1)) else {
                return false;
            };
            second.kind != EntityKind::Person
                && gazetteer::place(second.surface).is_none()
                && joined_by_possessive(text, &first.span, &second.span)
                && possessor_word(first.surface)
        })
        .collect();
    if !pairs.contains(&true) {
        return mentions;
    }
    // Per surface that opens a pair: (mentions, mentions that open one).
    let mut counts: HashMap<&str, (usize, usize)> = mentions
        .iter()
        .zip(&pairs)
        .filter(|(_, pair)| **pair)
        .map(|(m, _)| (m.surface, (0, 0)))
        .collect();
    for (m, &pair) in mentions.iter().zip(&pairs) {
        if let Some(count) = counts.get_mut(m.surface) {
            count.0 += 1;
            count.1 += usize::from(pair);
        }
    }
    let only_as_possessor = |surface: &str| {
        counts
            .get(surface)
            .is_some_and(|&(all, paired)| all == paired)
    };
    let mut out = Vec::with_capacity(mentions.len());
    let mut mentions = mentions.into_iter().zip(pairs).peekable();
    while let Some((first, pair)) = mentions.next() {
        if pair
            && only_as_possessor(first.surface)
            && let Some((second, _)) = mentions.next()
        {
            let span = first.span.start..second.span.end;
            let surface = text.get(span.clone()).unwrap_or(second.surface);
            out.push(Mention {
                span,
                surface,
                ..second
            });
            continue;
        }
        out.push(first);
    }
    out
}

/// Whether only a possessive and a space lie between `first` and `second`.
fn joined_by_possessive(text: &str, first: &Range<usize>, second: &Range<usize>) -> bool {
    text.get(first.end..second.start)
        .is_some_and(|between| JOINS.contains(&between))
}

/// Whether `surface` may own a name's second part: one common word that
/// names nothing by itself ("Mother", "People", "Fisherman"; not
/// "Turkey", "Trump", "Emily" or "American").
fn possessor_word(surface: &str) -> bool {
    !surface.contains(char::is_whitespace)
        && gazetteer::is_unlisted_common_word(surface)
        && !gazetteer::is_demonym(surface)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, word: &str, n: usize, kind: EntityKind) -> Mention<'static> {
        let text: &'static str = text.to_owned().leak();
        let start = text.match_indices(word).nth(n).map(|(k, _)| k).unwrap();
        Mention {
            span: start..start + word.len(),
            surface: text.get(start..start + word.len()).unwrap(),
            kind,
            reason: None,
        }
    }

    #[test]
    fn a_common_word_and_a_name_after_its_possessive_are_one_name() {
        let text = "Flowers for Mother\u{2019}s Day and Veterans' Day.";
        let found = join(
            text,
            vec![
                mention(text, "Mother", 0, EntityKind::Person),
                mention(text, "Day", 0, EntityKind::Misc),
                mention(text, "Veterans", 0, EntityKind::Organisation),
                mention(text, "Day", 1, EntityKind::Misc),
            ],
        );
        let found: Vec<(&str, EntityKind)> = found.iter().map(|m| (m.surface, m.kind)).collect();
        assert_eq!(
            found,
            [
                ("Mother\u{2019}s Day", EntityKind::Misc),
                ("Veterans' Day", EntityKind::Misc)
            ]
        );
    }

    #[test]
    fn a_possessor_named_elsewhere_a_listed_one_or_a_person_after_stays_apart() {
        let text = "Trump's Republican Party met. Trump spoke. Turkey's Foreign Ministry, \
                    the Post's Scott Clement and the Democrat's Brooklyn office agreed.";
        let mentions = vec![
            mention(text, "Trump", 0, EntityKind::Person),
            mention(text, "Republican Party", 0, EntityKind::Organisation),
            mention(text, "Trump", 1, EntityKind::Person),
            mention(text, "Turkey", 0, EntityKind::Place),
            mention(text, "Foreign Ministry", 0, EntityKind::Organisation),
            mention(text, "Post", 0, EntityKind::Organisation),
            mention(text, "Scott Clement", 0, EntityKind::Person),
            mention(text, "Democrat", 0, EntityKind::Misc),
            mention(text, "Brooklyn", 0, EntityKind::Misc),
        ];
        let found = join(text, mentions);
        assert_eq!(found.len(), 9, "{found:?}");
    }
}
