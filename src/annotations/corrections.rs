//! Entity corrections: the reader's fixes to what the recogniser found —
//! tag a span as an entity, retype or remove a mention, join it to another
//! entity, rename an entity.
//!
//! Corrections are kept in order and replayed on top of every fresh analysis
//! ([`apply()`]), so a removed automatic entity stays removed when the article
//! is opened again. In memory a one-mention correction holds a byte range;
//! in the file ([`CorrectionRecord`]) it holds char offsets and its text and
//! is re-anchored like a claim.

mod apply;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::selector;
use crate::analysis::EntityKind;
use crate::document::Document;
pub use apply::{apply, occurrences, tagged_reason};

/// What a correction does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CorrectionAction {
    /// Make the text an entity mention of `kind`: a new entity, or one more
    /// mention of the entity `entity`. Mentions it overlaps are dropped.
    Tag,
    /// Give the mentions another `kind`.
    Retype,
    /// The text is no entity: drop the mentions.
    Remove,
    /// The mentions belong to the entity `entity` (`Putin` → `vladimir-putin`).
    Join,
    /// The entity of the mentions is called `name`.
    Rename,
}

impl CorrectionAction {
    /// Lower-case name as written in the file (`tag`, `retype`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            CorrectionAction::Tag => "tag",
            CorrectionAction::Retype => "retype",
            CorrectionAction::Remove => "remove",
            CorrectionAction::Join => "join",
            CorrectionAction::Rename => "rename",
        }
    }
}

/// Which mentions a correction covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Every mention of the same text (for `tag`: every place the text
    /// occurs as whole words).
    All,
    /// Only the one mention at `start`..`end`.
    Mention,
}

/// One correction, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// What it does.
    pub action: CorrectionAction,
    /// The mention text it applies to, as it appears in the article.
    pub exact: String,
    /// For a one-mention correction, the byte range of that mention
    /// (end-exclusive); `None` for every mention of `exact`.
    pub span: Option<Range<usize>>,
    /// The new kind (`tag`, `retype`).
    pub kind: Option<EntityKind>,
    /// Id of the entity joined to (`join`, or `tag` onto an existing entity).
    pub entity: Option<String>,
    /// The new canonical name (`rename`), or the name of a newly tagged
    /// entity when it differs from `exact`.
    pub name: Option<String>,
}

impl Correction {
    /// A correction of `action` on every mention of `exact`, or on the one
    /// at byte range `span` when it is given.
    pub fn new(action: CorrectionAction, exact: &str, span: Option<Range<usize>>) -> Self {
        Self {
            action,
            exact: exact.to_owned(),
            span,
            kind: None,
            entity: None,
            name: None,
        }
    }

    /// Whether it covers one mention only.
    pub fn scope(&self) -> Scope {
        if self.span.is_some() {
            Scope::Mention
        } else {
            Scope::All
        }
    }
}

/// A correction as the annotation file holds it (`[[corrections]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionRecord {
    /// `tag`, `retype`, `remove`, `join` or `rename`.
    pub action: CorrectionAction,
    /// `all` (every mention of `exact`) or `mention` (the one at `start`..`end`).
    pub scope: Scope,
    /// The mention text.
    pub exact: String,
    /// First char of the one mention (scope `mention` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// One past its last char (scope `mention` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// The new kind (`tag`, `retype`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EntityKind>,
    /// Entity id joined to (`join`, `tag` onto an existing entity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// New canonical name (`rename`, or a tagged entity's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The file records of `corrections` in `doc`, in order.
pub fn to_records(doc: &Document, corrections: &[Correction]) -> Vec<CorrectionRecord> {
    corrections
        .iter()
        .map(|c| CorrectionRecord {
            action: c.action,
            scope: c.scope(),
            exact: c.exact.clone(),
            start: c.span.as_ref().map(|s| doc.char_offset(s.start)),
            end: c.span.as_ref().map(|s| doc.char_offset(s.end)),
            kind: c.kind,
            entity: c.entity.clone(),
            name: c.name.clone(),
        })
        .collect()
}

/// The corrections of `records` anchored in `doc`, and the records of
/// one-mention corrections whose text is gone (orphans, kept verbatim so
/// they are written back). Corrections of every mention need no anchor.
pub fn from_records(
    doc: &Document,
    records: &[CorrectionRecord],
) -> (Vec<Correction>, Vec<CorrectionRecord>) {
    let mut found = Vec::new();
    let mut orphans = Vec::new();
    for record in records {
        let span = match (record.scope, record.start, record.end) {
            (Scope::All, _, _) => None,
            (Scope::Mention, Some(start), Some(end)) => {
                let selector = selector::Selector {
                    start,
                    end,
                    exact: &record.exact,
                    prefix: "",
                    suffix: "",
                };
                match selector::locate(doc, &selector) {
                    Some((span, _)) => Some(span),
                    None => {
                        orphans.push(record.clone());
                        continue;
                    }
                }
            }
            (Scope::Mention, _, _) => {
                orphans.push(record.clone());
                continue;
            }
        };
        found.push(Correction {
            action: record.action,
            exact: record.exact.clone(),
            span,
            kind: record.kind,
            entity: record.entity.clone(),
            name: record.name.clone(),
        });
    }
    (found, orphans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_a_lost_mention_is_kept_as_orphan() {
        let doc = Document::from_bytes("“Ça” said RT. RT again.".as_bytes(), None);
        let second = doc.text().rfind("RT").unwrap();
        let mut one = Correction::new(CorrectionAction::Remove, "RT", Some(second..second + 2));
        one.kind = None;
        let mut all = Correction::new(CorrectionAction::Retype, "RT", None);
        all.kind = Some(EntityKind::Misc);
        let records = to_records(&doc, &[one.clone(), all.clone()]);
        assert_eq!((records[0].start, records[0].end), (Some(14), Some(16)));
        assert_eq!(records[0].scope, Scope::Mention);
        assert_eq!((records[1].scope, records[1].start), (Scope::All, None));
        assert_eq!(from_records(&doc, &records), (vec![one, all], vec![]));

        let edited = Document::from_bytes("“Ça” said nothing.".as_bytes(), None);
        let (kept, orphans) = from_records(&edited, &records);
        assert_eq!(kept.len(), 1);
        assert_eq!(orphans, records[..1]);
    }
}
