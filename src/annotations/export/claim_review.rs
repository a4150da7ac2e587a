//! `folio export --format claimreview`: schema.org ClaimReview
//! (<https://schema.org/ClaimReview>) as JSON-LD, one review per claim that
//! has a verdict, for fact-check pages and search engines.

use serde_json::{Value, json};

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

/// A JSON array with one `ClaimReview` per claim of `file` that
/// [`has_verdict`], in file order (orphaned claims included: they need no
/// offsets). Each has `claimReviewed` (the claim's text), `reviewRating`
/// (`Rating` whose `alternateName` is the verdict), `datePublished` (the
/// claim's `created` time), `reviewBody` (the note, when there is one) and
/// `itemReviewed`: a `Claim` whose `appearance` is the article (a
/// `CreativeWork` whose `url` is its path as an IRI reference) and whose
/// `author` is the speaker as a `Person`, when known.
///
/// Who published the review (`author`) and where (`url`) are not known to
/// folio; add them before publishing.
pub fn to_json(file: &AnnotationFile) -> Value {
    let names = names_by_id(file);
    let appearance = json!({
        "@type": "CreativeWork",
        "url": iri::from_path(&file.article.path),
    });
    let reviews = file
        .claims
        .iter()
        .filter(|claim| has_verdict(&claim.verdict))
        .map(|claim| {
            let mut item = json!({ "@type": "Claim", "appearance": appearance.clone() });
            if let Some(name) = speaker_name(&names, claim.speaker.as_deref(), None) {
                item["author"] = json!({ "@type": "Person", "name": name });
            }
            let mut review = json!({
                "@context": CONTEXT,
                "@type": "ClaimReview",
                "claimReviewed": claim.exact,
                "datePublished": claim.created.to_string(),
                "reviewRating": { "@type": "Rating", "alternateName": claim.verdict },
                "itemReviewed": item,
            });
            if !claim.note.is_empty() {
                review["reviewBody"] = Value::from(claim.note.as_str());
            }
            review
        })
        .collect();
    Value::Array(reviews)
}
