//! `folio export --format claimreview`: schema.org ClaimReview
//! (<https://schema.org/ClaimReview>) as JSON-LD, one review per claim that
//! has a verdict, for fact-check pages and search engines.

use serde::Serialize;

use super::{iri, names_by_id, speaker_name};
use crate::annotations::file::AnnotationFile;

/// The JSON-LD context of schema.org.
pub const CONTEXT: &str = "https://schema.org";

/// Whether a claim with `verdict` has been reviewed: any verdict but an
/// empty one or `unverified`.
pub fn has_verdict(verdict: &str) -> bool {
    let verdict = verdict.trim();
    !verdict.is_empty() && verdict != "unverified"
}

/// One schema.org `ClaimReview`; serialise it with serde.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimReview<'f> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    claim_reviewed: &'f str,
    date_published: String,
    review_rating: Rating<'f>,
    item_reviewed: Claim<'f>,
    #[serde(skip_serializing_if = "Option::is_none")]
    review_body: Option<&'f str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating<'f> {
    #[serde(rename = "@type")]
    kind: &'static str,
    alternate_name: &'f str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Claim<'f> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    appearance: Option<CreativeWork>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Person<'f>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct CreativeWork {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Person<'f> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'f str,
}

/// One `ClaimReview` per claim of `file` that [`has_verdict`], in file
/// order (orphaned claims included: they need no offsets), to be written as
/// a JSON array. Each has `claimReviewed` (the words the verdict was given
/// on: `changed_from` when the article has changed them since, else the
/// claim's text),
/// `datePublished` (the claim's `created` time), `reviewRating` (a `Rating`
/// whose `alternateName` is the verdict), `itemReviewed` (a `Claim` whose
/// `appearance` is the article — a `CreativeWork` whose `url` is where the
/// page says it lives (`article.url`) or else its path as an IRI
/// reference, left out for an orphaned claim, which the article no
/// longer shows — and whose `author` is the speaker as a `Person`, when
/// known and not only folio's guess ([`author_is_a_guess`])) and
/// `reviewBody` (the note, when there is one).
///
/// Who published the review (`author`) and where (`url`) are not known to
/// folio; add them before publishing.
pub fn reviews(file: &AnnotationFile) -> Vec<ClaimReview<'_>> {
    let names = names_by_id(file);
    let url = file
        .article
        .url
        .clone()
        .unwrap_or_else(|| iri::from_path(&file.article.path));
    file.claims
        .iter()
        .filter(|claim| has_verdict(&claim.verdict))
        .map(|claim| ClaimReview {
            context: CONTEXT,
            kind: "ClaimReview",
            claim_reviewed: claim.changed_from.as_deref().unwrap_or(&claim.exact),
            date_published: claim.created.to_string(),
            review_rating: Rating {
                kind: "Rating",
                alternate_name: &claim.verdict,
            },
            item_reviewed: Claim {
                kind: "Claim",
                appearance: (!claim.orphaned).then(|| CreativeWork {
                    kind: "CreativeWork",
                    url: url.clone(),
                }),
                author: author(file, &names, claim)
                    .filter(|_| !author_is_a_guess(file, claim))
                    .map(|name| Person {
                        kind: "Person",
                        name,
                    }),
            },
            review_body: (!claim.note.is_empty()).then_some(claim.note.as_str()),
        })
        .collect()
}

/// Who made `claim`: the reader's speaker for the quotation holding it
/// (`[[speakers]]`, an entity's name or the name as typed), else the
/// claim's own `speaker`.
pub fn author<'f>(
    file: &'f AnnotationFile,
    names: &std::collections::HashMap<&str, &'f str>,
    claim: &'f super::super::file::ClaimRecord,
) -> Option<&'f str> {
    let fix = file
        .speakers
        .iter()
        .find(|f| f.start <= claim.start && claim.end <= f.end);
    match fix {
        Some(fix) => speaker_name(names, fix.speaker.as_deref(), fix.speaker_text.as_deref()),
        None => speaker_name(names, claim.speaker.as_deref(), None),
    }
}

/// Whether [`author`] of `claim` is folio's weak guess: no speaker set by
/// the reader for the quotation holding it, and the quotation's speaker,
/// the claim's, found on weak evidence (`speaker_weak`: the subject of a
/// paraphrase, a name nearby). Such guesses are right about half as often
/// as the others: on PolNeAR train's 840 articles, 47.6% of 424 weak
/// entity speakers against 94.2% of 5,733 (gold surname in the entity's
/// name), so a review should not name them as the claim's author
/// unchecked.
pub fn author_is_a_guess(file: &AnnotationFile, claim: &super::super::file::ClaimRecord) -> bool {
    let holds = |start: usize, end: usize| start <= claim.start && claim.end <= end;
    if file.speakers.iter().any(|f| holds(f.start, f.end)) {
        return false;
    }
    file.quotes
        .iter()
        .filter(|q| q.nested_in.is_none() && holds(q.start, q.end))
        .any(|q| q.speaker_weak && q.speaker.is_some() && q.speaker == claim.speaker)
}
