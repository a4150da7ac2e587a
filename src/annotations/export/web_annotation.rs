//! `folio export --format json`: the W3C Web Annotation Data Model
//! (<https://www.w3.org/TR/annotation-model/>) as JSON-LD.
//!
//! One `AnnotationCollection` whose first (and only) `AnnotationPage` holds
//! an `Annotation` per entity mention, quotation and claim, in that order.
//! Each targets the article (`source`, its path as an IRI reference) through a
//! `TextQuoteSelector` (`exact`, `prefix`, `suffix`) and a
//! `TextPositionSelector` (`start`, `end`: chars, end-exclusive). Bodies are
//! `TextualBody`s told apart by `purpose`:
//!
//! - mention (motivation `identifying`): `classifying` = entity kind
//!   (`person`, `place`, `organisation`, `misc`), `identifying` = the
//!   entity's canonical name;
//! - quotation (motivation `classifying`): `classifying` = `quotation`,
//!   `tagging` = `speech` or `scare`, `describing` = the speaker's name;
//! - claim (motivation `assessing`, `created` = when it was made): `tagging` =
//!   label, `assessing` = verdict, `commenting` = note, `describing` = the
//!   speaker's name.
//!
//! A claim that is no longer in the article (orphaned) keeps only its
//! `TextQuoteSelector` (with the context it was made in), so a reader of the
//! export can still search for it, and its target says which version of the
//! article held it: a `TimeState` whose `sourceDate` is when the claim was
//! made (the model's way to name the source as it was at a time).
//! Keys are written in the order the specification's examples use.

use serde::Serialize;

use super::{context, iri, locate, names_by_id, speaker_name};
use crate::annotations::file::AnnotationFile;
use crate::document::Document;

/// The JSON-LD context every Web Annotation names.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// An `AnnotationCollection` with its one page; serialise it with serde.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collection<'f> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    first: Page<'f>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Page<'f> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation<'f>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Annotation<'f> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    body: Vec<Body<'f>>,
    target: Target<'f>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Body<'f> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: &'f str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Target<'f> {
    source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<State>,
    selector: Vec<Selector<'f>>,
}

/// The version of the source a target was made on (W3C `TimeState`).
#[derive(Debug, Clone, PartialEq, Serialize)]
struct State {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "sourceDate")]
    source_date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type")]
enum Selector<'f> {
    TextQuoteSelector {
        exact: &'f str,
        #[serde(skip_serializing_if = "str::is_empty")]
        prefix: &'f str,
        #[serde(skip_serializing_if = "str::is_empty")]
        suffix: &'f str,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

/// The Web Annotation collection for `file`, whose spans are chars of `doc`.
/// Ids are `urn:folio:SHA256` (the collection), `…:mention:ENTITY-ID:N`
/// (N from 1), `…:quote:qN` and `…:claim:cN`.
pub fn collection<'f>(doc: &'f Document, file: &'f AnnotationFile) -> Collection<'f> {
    let sha = file.article.sha256.as_str();
    let source = iri::from_path(&file.article.path);
    let names = names_by_id(file);
    let annotation = |id: String, motivation, body, target| Annotation {
        context: CONTEXT,
        id,
        kind: "Annotation",
        motivation,
        created: None,
        body,
        target,
    };
    let target = |start, end, exact, stored| Target {
        source: source.clone(),
        state: None,
        selector: selectors(doc, start, end, exact, stored),
    };
    let mut items = Vec::new();
    for entity in &file.entities {
        for (n, mention) in entity.mentions.iter().enumerate() {
            let number = (n + 1).to_string();
            items.push(annotation(
                iri::urn(sha, &["mention", &entity.id, &number]),
                "identifying",
                vec![
                    body("classifying", entity.kind.as_str()),
                    body("identifying", &entity.name),
                ],
                target(mention.start, mention.end, &mention.exact, None),
            ));
        }
    }
    for quote in &file.quotes {
        let mut bodies = vec![
            body("classifying", "quotation"),
            body("tagging", quote.kind.as_str()),
        ];
        let speaker = speaker_name(
            &names,
            quote.speaker.as_deref(),
            quote.speaker_text.as_deref(),
        );
        bodies.extend(speaker.map(|name| body("describing", name)));
        items.push(annotation(
            iri::urn(sha, &["quote", &quote.id]),
            "classifying",
            bodies,
            target(quote.start, quote.end, &quote.exact, None),
        ));
    }
    for claim in &file.claims {
        let mut bodies = vec![
            body("tagging", &claim.label),
            body("assessing", &claim.verdict),
        ];
        if !claim.note.is_empty() {
            bodies.push(body("commenting", &claim.note));
        }
        let speaker = speaker_name(&names, claim.speaker.as_deref(), None);
        bodies.extend(speaker.map(|name| body("describing", name)));
        let stored = (claim.prefix.as_str(), claim.suffix.as_str());
        let claim_target = if claim.orphaned {
            Target {
                source: source.clone(),
                state: Some(State {
                    kind: "TimeState",
                    source_date: claim.created.to_string(),
                }),
                selector: vec![Selector::TextQuoteSelector {
                    exact: &claim.exact,
                    prefix: stored.0,
                    suffix: stored.1,
                }],
            }
        } else {
            target(claim.start, claim.end, &claim.exact, Some(stored))
        };
        items.push(Annotation {
            created: Some(claim.created.to_string()),
            ..annotation(
                iri::urn(sha, &["claim", &claim.id]),
                "assessing",
                bodies,
                claim_target,
            )
        });
    }
    Collection {
        context: CONTEXT,
        id: iri::urn(sha, &[]),
        kind: "AnnotationCollection",
        label: format!("folio annotations of {}", file.article.path),
        total: items.len(),
        first: Page {
            id: iri::urn(sha, &["page", "1"]),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    }
}

fn body<'f>(purpose: &'static str, value: &'f str) -> Body<'f> {
    Body {
        kind: "TextualBody",
        purpose,
        value,
    }
}

/// The selectors of a span: both when chars `[start, end)` of `doc` are
/// `exact`; otherwise the quote selector alone, with `stored` context.
fn selectors<'f>(
    doc: &'f Document,
    start: usize,
    end: usize,
    exact: &'f str,
    stored: Option<(&'f str, &'f str)>,
) -> Vec<Selector<'f>> {
    match locate(doc, start, end, exact) {
        Some(bytes) => {
            let (prefix, suffix) = context(doc, &bytes);
            vec![
                Selector::TextQuoteSelector {
                    exact,
                    prefix,
                    suffix,
                },
                Selector::TextPositionSelector { start, end },
            ]
        }
        None => {
            let (prefix, suffix) = stored.unwrap_or(("", ""));
            vec![Selector::TextQuoteSelector {
                exact,
                prefix,
                suffix,
            }]
        }
    }
}
