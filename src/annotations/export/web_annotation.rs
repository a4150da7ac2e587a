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
#[derive(Debug, Clone, Serialize)]
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

#[derive(Debug, Clone, Serialize)]
struct Page<'f> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Items<'f>,
}

/// Every annotation of a file, made one at a time as it is written: a long
/// article has hundreds of thousands, and holding them all at once took
/// many times the article's size.
#[derive(Clone)]
struct Items<'f> {
    doc: &'f Document,
    file: &'f AnnotationFile,
    source: String,
    names: std::collections::HashMap<&'f str, &'f str>,
}

impl std::fmt::Debug for Items<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Items({})", self.len())
    }
}

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
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
    let items = Items {
        doc,
        file,
        source: iri::from_path(&file.article.path),
        names: names_by_id(file),
    };
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

impl<'f> Items<'f> {
    /// How many annotations there are: one per mention, quotation and claim.
    fn len(&self) -> usize {
        let mentions: usize = self.file.entities.iter().map(|e| e.mentions.len()).sum();
        mentions + self.file.quotes.len() + self.file.claims.len()
    }

    /// The annotations in order: mentions (by entity), quotations, claims.
    fn iter(&self) -> impl Iterator<Item = Annotation<'f>> + '_ {
        let file = self.file;
        let mentions = file.entities.iter().flat_map(move |entity| {
            entity.mentions.iter().enumerate().map(move |(n, mention)| {
                let number = (n + 1).to_string();
                self.annotation(
                    iri::urn(self.sha(), &["mention", &entity.id, &number]),
                    "identifying",
                    vec![
                        body("classifying", entity.kind.as_str()),
                        body("identifying", &entity.name),
                    ],
                    self.target(mention.start, mention.end, &mention.exact, None),
                )
            })
        });
        let quotes = file.quotes.iter().map(move |quote| {
            let mut bodies = vec![
                body("classifying", "quotation"),
                body("tagging", quote.kind.as_str()),
            ];
            let speaker = speaker_name(
                &self.names,
                quote.speaker.as_deref(),
                quote.speaker_text.as_deref(),
            );
            bodies.extend(speaker.map(|name| body("describing", name)));
            self.annotation(
                iri::urn(self.sha(), &["quote", &quote.id]),
                "classifying",
                bodies,
                self.target(quote.start, quote.end, &quote.exact, None),
            )
        });
        let claims = file.claims.iter().map(move |claim| {
            let mut bodies = vec![
                body("tagging", &claim.label),
                body("assessing", &claim.verdict),
            ];
            if !claim.note.is_empty() {
                bodies.push(body("commenting", &claim.note));
            }
            // The reader's speaker for the quotation holding the claim
            // wins, as in the report and ClaimReview.
            let speaker = super::claim_review::author(file, &self.names, claim);
            bodies.extend(speaker.map(|name| body("describing", name)));
            let stored = (claim.prefix.as_str(), claim.suffix.as_str());
            let claim_target = if claim.orphaned {
                Target {
                    source: self.source.clone(),
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
                self.target(claim.start, claim.end, &claim.exact, Some(stored))
            };
            Annotation {
                created: Some(claim.created.to_string()),
                ..self.annotation(
                    iri::urn(self.sha(), &["claim", &claim.id]),
                    "assessing",
                    bodies,
                    claim_target,
                )
            }
        });
        mentions.chain(quotes).chain(claims)
    }

    fn sha(&self) -> &'f str {
        self.file.article.sha256.as_str()
    }

    fn annotation(
        &self,
        id: String,
        motivation: &'static str,
        body: Vec<Body<'f>>,
        target: Target<'f>,
    ) -> Annotation<'f> {
        Annotation {
            context: CONTEXT,
            id,
            kind: "Annotation",
            motivation,
            created: None,
            body,
            target,
        }
    }

    fn target(
        &self,
        start: usize,
        end: usize,
        exact: &'f str,
        stored: Option<(&'f str, &'f str)>,
    ) -> Target<'f> {
        Target {
            source: self.source.clone(),
            state: None,
            selector: selectors(self.doc, start, end, exact, stored),
        }
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
