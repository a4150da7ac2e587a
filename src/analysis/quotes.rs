//! Quotations: where they are, how they nest, what they are for and who
//! said them.
//!
//! [`find`] runs four small steps, each in its own module:
//!
//! - [`scanner`] finds every quotation span with a stack of open marks
//!   ([`marks`] tells quotation marks from apostrophes and inch signs):
//!   straight and curly marks, „German“, « French » and »German« guillemets,
//!   each level of nesting, news-style quotations re-opened in each paragraph
//!   and closed in the last, and unclosed quotations that end with their
//!   paragraph;
//! - [`attribution`] reads the reporting clause next to each quotation for
//!   its speaker: a person entity (through [`people`], which also resolves
//!   "he" and "she"), or the words of a nominal speaker ("a spokesman");
//! - [`kinds`] tells speech from scare quotes;
//! - finally nesting is recorded as parent indices, and a quotation with no
//!   reporting clause of its own inherits the speaker of the quotation before
//!   it when nothing else intervenes: the second half of a split quotation
//!   (`“First,” she said, “second.”`) or the next paragraph of quotation;
//!   failing that, it goes to the person mentioned last before it in its
//!   paragraph (or in the paragraph before, when the quotation opens its
//!   own) if a reporting verb follows that mention: `… Mr Howard said.` ⏎
//!   `"We watched …"`.

mod attribution;
mod kinds;
mod marks;
mod people;
mod scanner;

use std::ops::Range;

use super::{Entity, Quotation, QuoteKind};
use crate::document::Document;
use attribution::{Attribution, Context};
use people::People;
use scanner::Found;

/// Quotations of `doc`, sorted by start, an enclosing quotation before the
/// quotations nested in it. Each span is a byte range into
/// [`Document::text`], end-exclusive, from the opening mark through the
/// closing mark (or to the end of the paragraph where an unclosed quotation
/// stops). `speaker` indexes `entities` and always names a person; `parent`
/// indexes the returned list. Scare quotes get no speaker.
pub fn find(doc: &Document, entities: &[Entity]) -> Vec<Quotation> {
    let text = doc.text();
    let paragraphs = doc.paragraphs();
    let mut found = scanner::scan(text, paragraphs);
    found.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    let parents = parents(&found);
    let outermost: Vec<Range<usize>> = found
        .iter()
        .zip(&parents)
        .filter(|(_, p)| p.is_none())
        .map(|(f, _)| f.span.clone())
        .collect();
    let people = People::new(text, entities, &outermost);
    let context = Context {
        text,
        paragraphs,
        people: &people,
    };
    let mut quotations: Vec<(Quotation, Found, bool)> = found
        .into_iter()
        .zip(parents)
        .map(|(found, parent)| {
            let attribution = context.attribute(&found);
            let kind = kinds::classify(text, &found, &attribution);
            let Attribution {
                speaker,
                speaker_text,
                clause,
            } = if kind == QuoteKind::Speech {
                attribution
            } else {
                Attribution::default()
            };
            let quotation = Quotation {
                span: found.span.clone(),
                speaker,
                kind,
                parent,
                unclosed: !found.closed,
                speaker_text,
            };
            (quotation, found, clause)
        })
        .collect();
    inherit_speakers(paragraphs, &mut quotations, &people);
    for (q, found, clause) in &mut quotations {
        if q.parent.is_none()
            && q.kind == QuoteKind::Speech
            && !*clause
            && q.speaker.is_none()
            && q.speaker_text.is_none()
        {
            let paragraph = if opens_paragraph(paragraphs, found) {
                found.first_paragraph.saturating_sub(1)
            } else {
                found.first_paragraph
            };
            let from = paragraphs.get(paragraph).map_or(0, |p| p.start);
            q.speaker = people.last_speaker(q.span.start, from);
        }
    }
    quotations.into_iter().map(|(q, _, _)| q).collect()
}

/// The index of the quotation enclosing each of `found` (sorted by start,
/// longer first), by span containment.
fn parents(found: &[Found]) -> Vec<Option<usize>> {
    let mut open: Vec<usize> = Vec::new();
    let mut parents = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        while let Some(&top) = open.last() {
            let contains = found
                .get(top)
                .is_some_and(|t| t.span.start <= f.span.start && f.span.end <= t.span.end);
            if contains {
                break;
            }
            open.pop();
        }
        parents.push(open.last().copied());
        open.push(i);
    }
    parents
}

/// Gives an outermost speech quotation with no reporting clause the speaker
/// of the outermost quotation before it when no person is named between
/// them and either both share a paragraph (`“One,” Lopez said. “Two.”`) or
/// this one opens the paragraph right after the one the other ends in.
fn inherit_speakers(
    paragraphs: &[Range<usize>],
    quotations: &mut [(Quotation, Found, bool)],
    people: &People,
) {
    // (end, speaker, speaker text, last paragraph) of the previous outermost speech quotation.
    let mut previous: Option<(usize, Option<usize>, Option<String>, usize)> = None;
    for (q, found, clause) in quotations.iter_mut() {
        if q.parent.is_some() || q.kind != QuoteKind::Speech {
            continue;
        }
        if q.speaker.is_none()
            && q.speaker_text.is_none()
            && !*clause
            && let Some((end, speaker, speaker_text, paragraph)) = &previous
        {
            let same = *paragraph == found.first_paragraph;
            let opens_next =
                *paragraph + 1 == found.first_paragraph && opens_paragraph(paragraphs, found);
            let nobody_between = people
                .first_in(*end..q.span.start)
                .is_none_or(|(_, p)| Some(p) == *speaker);
            if (same || opens_next) && nobody_between {
                q.speaker = *speaker;
                q.speaker_text.clone_from(speaker_text);
            }
        }
        previous = Some((
            q.span.end,
            q.speaker,
            q.speaker_text.clone(),
            found.last_paragraph,
        ));
    }
}

/// Whether `found`'s opening mark starts its paragraph.
fn opens_paragraph(paragraphs: &[Range<usize>], found: &Found) -> bool {
    paragraphs
        .get(found.first_paragraph)
        .is_some_and(|p| p.start == found.span.start)
}

#[cfg(test)]
mod tests {
    use super::super::{Progress, analyse};
    use super::*;

    /// Quotation texts and speakers (entity name or speaker text) of `text`.
    fn quotes(text: &str) -> Vec<(String, Option<String>)> {
        let doc = Document::from_bytes(text.as_bytes(), None);
        let analysis = analyse(&doc, &Progress::default());
        analysis
            .quotations
            .iter()
            .map(|q| {
                (
                    doc.slice(q.span.clone()).to_owned(),
                    analysis.speaker_name(q),
                )
            })
            .collect()
    }

    fn spans(text: &str) -> Vec<String> {
        quotes(text).into_iter().map(|(s, _)| s).collect()
    }

    fn owned(pairs: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        pairs
            .iter()
            .map(|(q, s)| ((*q).to_owned(), s.map(str::to_owned)))
            .collect()
    }

    #[test]
    fn apostrophes_are_not_quotation_marks() {
        assert_eq!(
            spans("America's teachers’ union said It’s the ’90s and rock ’n’ roll's back."),
            Vec::<String>::new()
        );
        assert_eq!(
            spans("She called it 'a farce' and the teachers' pay ‘a scandal’."),
            ["'a farce'", "‘a scandal’"]
        );
    }

    #[test]
    fn every_level_of_nesting_is_a_quotation() {
        let text = "He wrote: “They told me ‘never again’ twice,” then left. «Oui» „Ja“";
        assert_eq!(
            spans(text),
            [
                "“They told me ‘never again’ twice,”",
                "‘never again’",
                "«Oui»",
                "„Ja“"
            ]
        );
        let doc = Document::from_bytes(text.as_bytes(), None);
        let analysis = analyse(&doc, &Progress::default());
        let parents: Vec<Option<usize>> = analysis.quotations.iter().map(|q| q.parent).collect();
        assert_eq!(parents, [None, Some(0), None, None]);
    }

    #[test]
    fn a_quotation_continues_into_a_paragraph_opening_with_the_same_mark() {
        let text =
            "Nadia Brandt said: “We came early.\n“We stayed late,” she added.\nAfter that, quiet.";
        assert_eq!(
            quotes(text),
            owned(&[("“We came early.\n“We stayed late,”", Some("Nadia Brandt"))])
        );
    }

    #[test]
    fn an_unclosed_quotation_ends_with_its_paragraph() {
        assert_eq!(
            spans("He said \"this never ends\nNext paragraph \"is fine\" here."),
            ["\"this never ends", "\"is fine\""]
        );
    }

    #[test]
    fn speakers_after_and_before_the_quotation() {
        let text = "Senator Maria Lopez met Carl Weber.\n\
                    “We agree,” Lopez explained. “Maybe,” said Weber. \
                    Weber said: “No.” “Fine,” he replied. “Who knows,” the Kremlin said.";
        assert_eq!(
            quotes(text),
            owned(&[
                ("“We agree,”", Some("Maria Lopez")),
                ("“Maybe,”", Some("Carl Weber")),
                ("“No.”", Some("Carl Weber")),
                ("“Fine,”", Some("Carl Weber")),
                ("“Who knows,”", Some("the Kremlin")),
            ])
        );
    }

    #[test]
    fn a_following_quotation_in_the_paragraph_keeps_the_speaker() {
        let text = "“One,” Maria Lopez said. “Two.” Then Carl Weber arrived. “Three.”";
        assert_eq!(
            quotes(text),
            owned(&[
                ("“One,”", Some("Maria Lopez")),
                ("“Two.”", Some("Maria Lopez")),
                ("“Three.”", None),
            ])
        );
    }

    #[test]
    fn a_pronoun_needs_a_person_in_reach() {
        let text = "Zara Quill spoke.\nThe weather turned.\n“Rain,” he said.";
        assert_eq!(quotes(text), owned(&[("“Rain,”", None)]));
    }
}
