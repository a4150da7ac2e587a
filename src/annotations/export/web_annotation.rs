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
//! `TextQuoteSelector`, so a reader of the export can still search for it.

use serde_json::{Map, Value, json};

use super::{context, iri, locate, names_by_id, speaker_name};
use crate::annotations::file::AnnotationFile;
use crate::document::Document;

/// The JSON-LD context every Web Annotation names.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The Web Annotation collection for `file`, whose spans are chars of `doc`.
/// Ids are `urn:folio:SHA256` (the collection), `…:mention:ENTITY-ID:N`
/// (N from 1), `…:quote:qN` and `…:claim:cN`.
pub fn to_json(doc: &Document, file: &AnnotationFile) -> Value {
    let sha = file.article.sha256.as_str();
    let source = iri::from_path(&file.article.path);
    let names = names_by_id(file);
    let mut items = Vec::new();
    for entity in &file.entities {
        for (n, mention) in entity.mentions.iter().enumerate() {
            let number = (n + 1).to_string();
            items.push(json!({
                "@context": CONTEXT,
                "id": iri::urn(sha, &["mention", &entity.id, &number]),
                "type": "Annotation",
                "motivation": "identifying",
                "body": [
                    body("classifying", entity.kind.as_str()),
                    body("identifying", &entity.name),
                ],
                "target": target(doc, &source, mention.start, mention.end, &mention.exact, None),
            }));
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
        items.push(json!({
            "@context": CONTEXT,
            "id": iri::urn(sha, &["quote", &quote.id]),
            "type": "Annotation",
            "motivation": "classifying",
            "body": bodies,
            "target": target(doc, &source, quote.start, quote.end, &quote.exact, None),
        }));
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
        items.push(json!({
            "@context": CONTEXT,
            "id": iri::urn(sha, &["claim", &claim.id]),
            "type": "Annotation",
            "motivation": "assessing",
            "created": claim.created.to_string(),
            "body": bodies,
            "target": target(doc, &source, claim.start, claim.end, &claim.exact, Some(stored)),
        }));
    }
    json!({
        "@context": CONTEXT,
        "id": iri::urn(sha, &[]),
        "type": "AnnotationCollection",
        "label": format!("folio annotations of {}", file.article.path),
        "total": items.len(),
        "first": {
            "id": iri::urn(sha, &["page", "1"]),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}

fn body(purpose: &str, value: &str) -> Value {
    json!({ "type": "TextualBody", "purpose": purpose, "value": value })
}

/// The target of a span: both selectors when chars `[start, end)` of `doc`
/// are `exact`; otherwise the quote selector alone, with `stored` context.
fn target(
    doc: &Document,
    source: &str,
    start: usize,
    end: usize,
    exact: &str,
    stored: Option<(&str, &str)>,
) -> Value {
    let located = locate(doc, start, end, exact);
    let (prefix, suffix) = match &located {
        Some(bytes) => context(doc, bytes),
        None => stored.unwrap_or(("", "")),
    };
    let mut quote = Map::new();
    quote.insert("type".into(), "TextQuoteSelector".into());
    quote.insert("exact".into(), exact.into());
    for (key, text) in [("prefix", prefix), ("suffix", suffix)] {
        if !text.is_empty() {
            quote.insert(key.into(), text.into());
        }
    }
    let mut selectors = vec![Value::Object(quote)];
    if located.is_some() {
        selectors.push(json!({ "type": "TextPositionSelector", "start": start, "end": end }));
    }
    json!({ "source": source, "selector": selectors })
}
