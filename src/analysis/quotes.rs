//! Quotations: where they are, how they nest, what they are for and who
//! said them.
//!
//! [`find`] runs four small steps, each in its own module:
//!
//! - `scanner` finds every quotation span with a stack of open marks
//!   (`marks` tells quotation marks from apostrophes and inch signs):
//!   straight and curly marks, „German“, « French » and »German« guillemets,
//!   each level of nesting, news-style quotations re-opened in each paragraph
//!   and closed in the last, and unclosed quotations that end with their
//!   paragraph;
//! - `attribution` reads the reporting clause next to each quotation for
//!   its speaker: a person entity (through `people`, which also resolves
//!   "he" and "she"), or the words of a nominal speaker ("a spokesman");
//! - `kinds` tells speech from scare quotes;
//! - finally nesting is recorded as parent indices, and a quotation with no
//!   reporting clause of its own inherits the speaker of the quotation before
//!   it when nothing else intervenes: the second half of a split quotation
//!   (`“First,” she said, “second.”`) or the next paragraph of quotation;
//!   failing that, it goes to the person mentioned last before it in its
//!   paragraph (or in the paragraph before, when the quotation opens its
//!   own) if a reporting verb follows that mention: `… Mr Howard said.` ⏎
//!   `"We watched …"`.

mod attribution;
pub mod candidates;
mod evidence;
mod genders;
mod kinds;
mod marks;
mod people;
pub mod ranking;
mod scanner;
mod speech_verbs;

use std::ops::Range;

use super::{Entity, Quotation, QuoteKind};
use crate::document::Document;
use attribution::{Attribution, Context};
use candidates::{Candidate, Region, Scene, Target, Via};
pub use evidence::SpeakerEvidence;
use people::People;
use scanner::Found;

/// Below this probability (of the ranker's softmax) a ranked speaker is
/// shown as weak evidence.
const WEAK_BELOW: f32 = 0.6;

/// Quotations of `doc`, sorted by start, an enclosing quotation before the
/// quotations nested in it. Each span is a byte range into
/// [`Document::text`], end-exclusive, from the opening mark through the
/// closing mark (or to the end of the paragraph where an unclosed quotation
/// stops). `sentences` are the document's sentences (byte ranges, sorted).
/// `speaker` indexes `entities` and names a person or an organisation;
/// `parent` indexes the returned list; `evidence` says how the speaker was
/// found. Scare quotes get no speaker.
pub fn find(doc: &Document, sentences: &[Range<usize>], entities: &[Entity]) -> Vec<Quotation> {
    let mut stage = Stage::new(doc, sentences, entities);
    // Each quotation's best candidate, kept as its list is ranked: the
    // lists of all quotations at once could take far more memory than the
    // text.
    let mut ranked: Vec<(usize, Candidate, f32)> = Vec::new();
    stage.for_each_ranking_example(|k, candidates| {
        if let Some((best, probability)) = ranking::best(&candidates) {
            ranked.push((k, best.clone(), probability));
        }
    });
    for (k, best, probability) in ranked {
        let weak = probability < WEAK_BELOW;
        let Some((q, _, _)) = stage.quotations.get_mut(k) else {
            continue;
        };
        if let Via::Description(words) = &best.via {
            q.speaker_text = Some(words.clone());
            q.kind = QuoteKind::Speech;
            q.evidence = SpeakerEvidence::Description;
            continue;
        }
        let Some(entity) = best.entity else {
            continue;
        };
        q.speaker = Some(entity);
        q.kind = QuoteKind::Speech;
        q.evidence = match (&best.via, best.region) {
            (Via::Pronoun(pronoun), _) => SpeakerEvidence::Pronoun {
                pronoun: pronoun.clone(),
                weak,
            },
            (Via::Follows(paragraph), _) => SpeakerEvidence::FollowsParagraph {
                paragraph: *paragraph,
                weak,
            },
            (_, Region::SameSentenceBefore | Region::SameSentenceAfter) => {
                SpeakerEvidence::ClauseSubject { weak }
            }
            _ => SpeakerEvidence::Nearby { weak },
        };
    }
    refer_back(&mut stage.quotations, &stage.refers_back);
    stage.quotations.into_iter().map(|(q, _, _)| q).collect()
}

/// Gives each outermost quotation whose clause says "it" (`refers_back`,
/// per quotation) the speaker of the outermost quotation right before it,
/// when that one is speech with a speaker and ends in the same or the
/// previous paragraph: `In a statement the Harbour Trust said it had
/// “serious doubts” … “…,” it said.` Runs after ranking, which may have
/// found that speaker.
fn refer_back(quotations: &mut [(Quotation, Found, bool)], refers_back: &[bool]) {
    let mut previous: Option<(Option<usize>, Option<String>, usize, QuoteKind)> = None;
    for ((q, found, _), &it_clause) in quotations.iter_mut().zip(refers_back) {
        if q.parent.is_some() {
            continue;
        }
        if it_clause
            && q.speaker.is_none()
            && q.speaker_text.is_none()
            && let Some((speaker, speaker_text, paragraph, QuoteKind::Speech)) = &previous
            && (speaker.is_some() || speaker_text.is_some())
            && *paragraph + 1 >= found.first_paragraph
        {
            q.speaker = *speaker;
            q.speaker_text.clone_from(speaker_text);
            q.evidence = match (speaker, *paragraph == found.first_paragraph) {
                (None, _) => SpeakerEvidence::Description,
                (Some(_), true) => SpeakerEvidence::Continues,
                (Some(_), false) => SpeakerEvidence::FollowsParagraph {
                    paragraph: *paragraph,
                    weak: false,
                },
            };
        }
        previous = Some((
            q.speaker,
            q.speaker_text.clone(),
            found.last_paragraph,
            q.kind,
        ));
    }
}

/// For training the ranker: each outermost quotation the ranker decides
/// (no reporting clause named its speaker), as its byte span and its
/// candidates, "nobody" first. Arguments as for [`find`].
pub fn ranking_examples(
    doc: &Document,
    sentences: &[Range<usize>],
    entities: &[Entity],
) -> Vec<(Range<usize>, Vec<Candidate>)> {
    let stage = Stage::new(doc, sentences, entities);
    let mut examples = Vec::new();
    stage.for_each_ranking_example(|k, candidates| {
        if let Some((q, _, _)) = stage.quotations.get(k) {
            examples.push((q.span.clone(), candidates));
        }
    });
    examples
}

/// Quotations with the speakers their reporting clauses give, before ranking.
struct Stage<'a> {
    scene: Scene<'a>,
    /// (quotation, what the scanner found, whether a reporting clause is attached).
    quotations: Vec<(Quotation, Found, bool)>,
    /// Per quotation: whether its clause's subject is "it" (see
    /// [`refer_back`]).
    refers_back: Vec<bool>,
}

impl<'a> Stage<'a> {
    fn new(doc: &'a Document, sentences: &'a [Range<usize>], entities: &'a [Entity]) -> Self {
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
        let people = People::new(text, entities, &outermost, sentences);
        let (quotations, refers_back) = clause_speakers(text, paragraphs, &people, found, parents);
        let mut spoke = vec![false; entities.len()];
        for (q, _, _) in &quotations {
            if q.evidence == SpeakerEvidence::Clause
                && let Some(slot) = q.speaker.and_then(|i| spoke.get_mut(i))
            {
                *slot = true;
            }
        }
        let mentions = Scene::mentions_outside(entities, &outermost);
        let scene = Scene {
            text,
            paragraphs,
            sentences,
            entities,
            people,
            mentions,
            spoke,
            word_starts: std::cell::OnceCell::new(),
            speech_verbs: candidates::SpeechVerbs::new(text),
        };
        Self {
            scene,
            quotations,
            refers_back,
        }
    }

    /// Calls `each` with every quotation the ranker decides, by index, and
    /// its candidates, in order: outermost ones that no reporting clause,
    /// split quotation or description gave a speaker.
    fn for_each_ranking_example(&self, mut each: impl FnMut(usize, Vec<Candidate>)) {
        let mut previous: Option<(usize, usize, usize)> = None;
        for (k, (q, found, clause)) in self.quotations.iter().enumerate() {
            if q.parent.is_some() {
                continue;
            }
            // A scare quote in title case is a name or a slogan ("Super
            // April"), nobody's words.
            let name = q.kind == QuoteKind::Scare
                && candidates::title_case(self.scene.text.get(q.span.clone()).unwrap_or(""));
            if q.speaker.is_none() && q.speaker_text.is_none() && !*clause && !name {
                let target = Target {
                    span: q.span.clone(),
                    first_paragraph: found.first_paragraph,
                    last_paragraph: found.last_paragraph,
                    scare: q.kind == QuoteKind::Scare,
                    previous,
                };
                each(k, self.scene.candidates(&target));
            }
            if q.kind == QuoteKind::Speech {
                previous = q
                    .speaker
                    .map(|speaker| (speaker, found.last_paragraph, q.span.end));
            }
        }
    }
}

/// Every quotation with the speaker its reporting clause names (see
/// [`attribution`]), a split quotation's or the next paragraph's speaker
/// carried over ([`inherit_speakers`]), and the last person who spoke right
/// before a quotation with no clause; with, per quotation, whether its
/// clause's subject is "it".
fn clause_speakers(
    text: &str,
    paragraphs: &[Range<usize>],
    people: &People,
    found: Vec<Found>,
    parents: Vec<Option<usize>>,
) -> (Vec<(Quotation, Found, bool)>, Vec<bool>) {
    let context = Context {
        text,
        paragraphs,
        people,
    };
    let mut refers_back = Vec::with_capacity(found.len());
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
                pronoun,
                unresolved,
                refers_back: it_clause,
            } = if kind == QuoteKind::Speech {
                attribution
            } else {
                Attribution::default()
            };
            let evidence = match (speaker, &speaker_text, pronoun) {
                (Some(_), _, Some(pronoun)) => SpeakerEvidence::Pronoun {
                    pronoun,
                    weak: false,
                },
                (Some(_), _, None) => SpeakerEvidence::Clause,
                (None, Some(_), _) => SpeakerEvidence::Description,
                (None, None, _) => SpeakerEvidence::None,
            };
            let quotation = Quotation {
                span: found.span.clone(),
                speaker,
                kind,
                parent,
                unclosed: !found.closed,
                speaker_text,
                evidence,
            };
            refers_back.push(it_clause);
            // A "he" with nobody in reach names no one: look further.
            (quotation, found, clause && !unresolved)
        })
        .collect();
    inherit_speakers(paragraphs, &mut quotations, people);
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
            if q.speaker.is_some() {
                q.evidence = SpeakerEvidence::Nearby { weak: false };
            }
        }
    }
    (quotations, refers_back)
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
                q.evidence = match (speaker, same) {
                    (None, _) if speaker_text.is_some() => SpeakerEvidence::Description,
                    (None, _) => SpeakerEvidence::None,
                    (Some(_), true) => SpeakerEvidence::Continues,
                    (Some(_), false) => SpeakerEvidence::FollowsParagraph {
                        paragraph: *paragraph,
                        weak: false,
                    },
                };
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
    fn a_quotation_in_a_long_sentence_weighs_only_the_names_and_pronouns_nearest_it() {
        // One sentence of 2,000 names, pronouns and quotations: each
        // quotation's candidates are its nearest names and pronouns, not
        // every one of the sentence (whose square took gigabytes).
        let text = "Ann Reyes met him and \"waved\" ".repeat(2000);
        let doc = Document::from_bytes(text.as_bytes(), None);
        let analysis = analyse(&doc, &Progress::default());
        let examples = ranking_examples(&doc, &analysis.sentences, &analysis.entities);
        assert!(
            examples.len() > 1000,
            "{} quotations ranked",
            examples.len()
        );
        let most = examples.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
        // Nobody, names before and after, pronouns of three stretches, a
        // description and the previous speaker.
        assert!(
            most <= 1 + 2 * candidates::MAX_NEAR + 3 * candidates::MAX_NEAR + 2,
            "{most}"
        );
        // The middle quotations do have the nearest of both.
        assert!(most > candidates::MAX_NEAR, "{most}");
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
    fn a_speaker_followed_by_of_and_a_place_is_still_the_speaker() {
        let text = "“Nobody likes this,” said Sen. Brian Schatz of Hawaii, who spoke to others.";
        assert_eq!(
            quotes(text),
            owned(&[("“Nobody likes this,”", Some("Brian Schatz"))])
        );
    }

    #[test]
    fn a_following_quotation_in_the_paragraph_keeps_the_speaker() {
        // Weber only arrives; the one who has been speaking goes on.
        let text = "“One,” Maria Lopez said. “Two.” Then Carl Weber arrived. “Three.”";
        assert_eq!(
            quotes(text),
            owned(&[
                ("“One,”", Some("Maria Lopez")),
                ("“Two.”", Some("Maria Lopez")),
                ("“Three.”", Some("Maria Lopez")),
            ])
        );
    }

    #[test]
    fn a_relative_clause_may_stand_between_the_name_and_the_verb() {
        let text = "“We never closed,” Mara Lindqvist, who has run the food bank in \
                    Harwick since 2009, said on Friday.";
        assert_eq!(
            quotes(text),
            owned(&[("“We never closed,”", Some("Mara Lindqvist"))])
        );
        let doc = Document::from_bytes(text.as_bytes(), None);
        let analysis = analyse(&doc, &Progress::default());
        assert_eq!(analysis.quotations[0].evidence, SpeakerEvidence::Clause);
    }

    #[test]
    fn quoted_words_in_a_paraphrase_belong_to_the_subject() {
        let text = "Tom Okafor deplored the “endless point scoring” at the council.";
        assert_eq!(
            quotes(text),
            owned(&[("“endless point scoring”", Some("Tom Okafor"))])
        );
        let doc = Document::from_bytes(text.as_bytes(), None);
        let analysis = analyse(&doc, &Progress::default());
        assert!(matches!(
            analysis.quotations[0].evidence,
            SpeakerEvidence::ClauseSubject { .. }
        ));
        assert_eq!(analysis.quotations[0].kind, QuoteKind::Speech);
    }

    #[test]
    fn she_skips_a_man_named_later() {
        let text = "Hillary Clinton met Donald Trump in the hall.\n“We disagree,” she said.";
        assert_eq!(
            quotes(text),
            owned(&[("“We disagree,”", Some("Hillary Clinton"))])
        );
        let doc = Document::from_bytes(text.as_bytes(), None);
        let analysis = analyse(&doc, &Progress::default());
        assert_eq!(
            analysis.quotations[0]
                .evidence
                .explain("Hillary Clinton")
                .as_deref(),
            Some("she → Hillary Clinton")
        );
    }

    #[test]
    fn a_pronoun_needs_a_person_in_reach() {
        // The ranker looks three paragraphs back, no further.
        let text = "Zara Quill spoke.\nThe weather turned.\nThe roads flooded.\nThe trains stopped.\nThe schools shut.\n“Rain,” he said.";
        assert_eq!(quotes(text), owned(&[("“Rain,”", None)]));
    }

    #[test]
    fn it_continues_the_statement_quoted_before() {
        let text = "In a statement the Harbour Trust said it had “serious doubts” about the plan. “We cannot support it,” it said.\n\nMr Pell's letter said: “The pier is unsafe.” It added: “Repairs will take a year.”";
        assert_eq!(
            quotes(text),
            owned(&[
                ("“serious doubts”", Some("Harbour Trust")),
                ("“We cannot support it,”", Some("Harbour Trust")),
                ("“The pier is unsafe.”", Some("Mr Pell's letter")),
                ("“Repairs will take a year.”", Some("Mr Pell's letter")),
            ])
        );
    }

    #[test]
    fn it_reaches_back_one_paragraph_only() {
        let text = "The Harbour Trust said: “We object.”\n\nThe tide rose.\n\nThe boats left.\n\n“Nothing changes,” it said.";
        let found = quotes(text);
        assert_eq!(found.last(), Some(&("“Nothing changes,”".to_owned(), None)));
    }

    #[test]
    fn a_statement_reads() {
        let text = "“The show was cancelled for safety reasons,” a council statement read.";
        assert_eq!(
            quotes(text),
            owned(&[(
                "“The show was cancelled for safety reasons,”",
                Some("a council statement")
            )])
        );
    }

    #[test]
    fn he_means_the_subject_of_the_sentence_before() {
        let text = "Mr Okoro was asked why Mr Vance had resigned. He replied: “It was time.”";
        assert_eq!(quotes(text), owned(&[("“It was time.”", Some("Okoro"))]));
    }

    #[test]
    fn a_subject_pronoun_keeps_its_person() {
        let text = "Lena Marsh spoke at the launch. She said the guest of honour would be Maria Costa. She said the former mayor was “a true original”.";
        assert_eq!(
            quotes(text),
            owned(&[("“a true original”", Some("Lena Marsh"))])
        );
    }

    #[test]
    fn she_may_mean_a_spokeswoman_with_no_name() {
        let text = "Anna Reed ran the museum for ten years. The museum spokeswoman said the doors would open at nine. “We expect a queue,” she added.";
        assert_eq!(
            quotes(text),
            owned(&[("“We expect a queue,”", Some("The museum spokeswoman"))])
        );
    }

    #[test]
    fn he_claimed_is_not_the_man_he_talks_about() {
        let text = "Mr Vance spoke at the hall. Mr Hale has failed the town, he claimed.\n\n“We need a new start,” he said.";
        assert_eq!(
            quotes(text),
            owned(&[("“We need a new start,”", Some("Vance"))])
        );
    }

    #[test]
    fn the_speaker_comes_before_a_relative_clause() {
        let text = "The veteran actor, whose films include Star Lagoon and Red Harbour, said: “I am home.”";
        assert_eq!(
            quotes(text),
            owned(&[("“I am home.”", Some("The veteran actor"))])
        );
    }
}
