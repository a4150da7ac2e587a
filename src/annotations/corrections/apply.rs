//! Replaying corrections on top of an analysis.

use std::collections::BTreeMap;
use std::ops::Range;

use super::{Correction, CorrectionAction};
use crate::analysis::entities::reason::{Evidence, Reason};
use crate::analysis::entities::slug::slug;
use crate::analysis::quotes::SpeakerEvidence;
use crate::analysis::{Analysis, Entity, EntityKind};
use crate::document::Document;

/// The `reason` of an entity the reader tagged (its `origin` is `user`).
pub fn tagged_reason() -> Reason {
    Reason::from_evidence(Evidence::ReaderTagged)
}

/// The `reason` of an entity the reader retyped.
fn retyped_reason() -> Reason {
    Reason::from_evidence(Evidence::ReaderRetyped)
}

/// Applies `corrections` in order to `analysis` (found in `doc`): entities
/// gain, lose or move mentions, change kind or name; entities left without
/// mentions are dropped, the rest stay in order of first mention, and each
/// quotation's speaker follows the speaker's mention nearest the quotation
/// (the one that named the speaker, as a rule): a quotation credited to
/// "Tories" goes to Labour when the reader joins that mention to Labour.
/// A speaker left with no entity loses its evidence too. Returns the
/// indices of corrections that found nothing to change (their text or
/// target entity is not there).
pub fn apply(analysis: &mut Analysis, corrections: &[Correction], doc: &Document) -> Vec<usize> {
    if corrections.is_empty() {
        return Vec::new();
    }
    let speakers: Vec<Option<(String, Range<usize>)>> = analysis
        .quotations
        .iter()
        .map(|q| {
            let e = analysis.entities.get(q.speaker?)?;
            let nearest = e.mentions.iter().min_by_key(|m| distance(m, &q.span))?;
            Some((e.id.clone(), nearest.clone()))
        })
        .collect();
    let entities = &mut analysis.entities;
    let skipped = (0..corrections.len())
        .filter(|&i| {
            !corrections
                .get(i)
                .is_some_and(|c| apply_one(entities, c, doc))
        })
        .collect();
    entities.retain(|e| !e.mentions.is_empty());
    entities.sort_by_key(|e| e.mentions.first().map_or(usize::MAX, |m| m.start));
    for (quotation, old) in analysis.quotations.iter_mut().zip(speakers) {
        let Some((id, nearest)) = old else {
            continue;
        };
        let entities = &analysis.entities;
        quotation.speaker = entities
            .iter()
            .position(|e| e.mentions.contains(&nearest))
            .or_else(|| entities.iter().position(|e| e.id == id));
        if quotation.speaker.is_none() && quotation.speaker_text.is_none() {
            quotation.evidence = SpeakerEvidence::None;
        }
    }
    skipped
}

/// How far apart two byte ranges are: 0 when they touch or overlap.
fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.start
        .saturating_sub(b.end)
        .max(b.start.saturating_sub(a.end))
}

/// Byte ranges where `exact` occurs in `text` as whole words (no letter or
/// digit right before or after it), in order.
pub fn occurrences(text: &str, exact: &str) -> Vec<Range<usize>> {
    if exact.trim().is_empty() {
        return Vec::new();
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(exact)
        .map(|(at, found)| at..at + found.len())
        .filter(|r| {
            let before = text.get(..r.start).and_then(|t| t.chars().next_back());
            let after = text.get(r.end..).and_then(|t| t.chars().next());
            let glued_before = word(before) && word(exact.chars().next());
            let glued_after = word(after) && word(exact.chars().next_back());
            !glued_before && !glued_after
        })
        .collect()
}

/// Applies one correction; false when it changed nothing.
fn apply_one(entities: &mut Vec<Entity>, c: &Correction, doc: &Document) -> bool {
    match c.action {
        CorrectionAction::Tag => tag(entities, c, doc),
        CorrectionAction::Retype => {
            let Some(kind) = c.kind else { return false };
            let found = targets(entities, c, doc);
            for (e, spans) in &found {
                let Some(entity) = entities.get_mut(*e) else {
                    continue;
                };
                if entity.mentions.iter().all(|m| holds(spans, m)) {
                    entity.kind = kind;
                    entity.reason = retyped_reason();
                } else {
                    entity.mentions.retain(|m| !holds(spans, m));
                    let to = named(entities, &c.exact, kind, retyped_reason());
                    add_mentions(entities, to, spans);
                }
            }
            !found.is_empty()
        }
        CorrectionAction::Remove => {
            let found = targets(entities, c, doc);
            for (e, spans) in &found {
                if let Some(entity) = entities.get_mut(*e) {
                    entity.mentions.retain(|m| !holds(spans, m));
                }
            }
            !found.is_empty()
        }
        CorrectionAction::Join => {
            let Some(to) = c.entity.as_ref().and_then(|id| by_id(entities, id)) else {
                return false;
            };
            let found = targets(entities, c, doc);
            for (e, spans) in &found {
                if *e != to
                    && let Some(entity) = entities.get_mut(*e)
                {
                    entity.mentions.retain(|m| !holds(spans, m));
                    add_mentions(entities, to, spans);
                }
            }
            !found.is_empty()
        }
        CorrectionAction::Rename => {
            let Some(name) = c.name.as_ref().filter(|n| !n.trim().is_empty()) else {
                return false;
            };
            let found = targets(entities, c, doc);
            for e in found.keys() {
                if let Some(entity) = entities.get_mut(*e) {
                    entity.name = name.trim().to_owned();
                }
            }
            !found.is_empty()
        }
    }
}

/// Makes the correction's span (or every whole-word occurrence of its text
/// that is not part of a longer mention) a mention of the target entity or of a new one; mentions it overlaps go.
fn tag(entities: &mut Vec<Entity>, c: &Correction, doc: &Document) -> bool {
    let spans = match &c.span {
        Some(span) if doc.slice(span.clone()) == c.exact => vec![span.clone()],
        Some(_) => Vec::new(),
        // Every occurrence, except those inside a longer mention: tagging
        // "Putin" leaves "Vladimir Putin" whole.
        None => {
            let mut all: Vec<&Range<usize>> = entities.iter().flat_map(|e| &e.mentions).collect();
            all.sort_by_key(|m| m.start);
            // Mentions do not overlap: only the last one starting at or
            // before the occurrence can hold it.
            let inside = |s: &Range<usize>| {
                let before = all.partition_point(|m| m.start <= s.start);
                before
                    .checked_sub(1)
                    .and_then(|i| all.get(i))
                    .is_some_and(|m| m.start <= s.start && s.end <= m.end && m.len() > s.len())
            };
            let mut spans = occurrences(doc.text(), &c.exact);
            spans.retain(|s| !inside(s));
            spans
        }
    };
    let target = match (&c.entity, c.kind) {
        (Some(id), _) => by_id(entities, id),
        (None, Some(_)) => Some(usize::MAX),
        (None, None) => None,
    };
    let Some(target) = target.filter(|_| !spans.is_empty()) else {
        return false;
    };
    // `spans` are sorted and apart: the first ending after `m` starts is
    // the only one that can overlap it.
    let overlaps = |m: &Range<usize>| {
        let i = spans.partition_point(|s| s.end <= m.start);
        spans.get(i).is_some_and(|s| s.start < m.end)
    };
    for entity in entities.iter_mut() {
        entity.mentions.retain(|m| !overlaps(m));
    }
    let to = match (target, c.kind) {
        (usize::MAX, Some(kind)) => {
            let name = c.name.as_deref().unwrap_or(&c.exact);
            named(entities, name, kind, tagged_reason())
        }
        (existing, _) => existing,
    };
    add_mentions(entities, to, &spans);
    true
}

/// The mentions a correction covers, by index of the entity holding them.
fn targets(
    entities: &[Entity],
    c: &Correction,
    doc: &Document,
) -> BTreeMap<usize, Vec<Range<usize>>> {
    let mut found: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
    for (e, entity) in entities.iter().enumerate() {
        for mention in &entity.mentions {
            let covered = match &c.span {
                Some(span) => mention == span,
                None => doc.slice(mention.clone()) == c.exact,
            };
            if covered {
                found.entry(e).or_default().push(mention.clone());
            }
        }
    }
    found
}

/// Whether `spans` (sorted by start) holds `mention`.
fn holds(spans: &[Range<usize>], mention: &Range<usize>) -> bool {
    spans
        .binary_search_by_key(&(mention.start, mention.end), |s| (s.start, s.end))
        .is_ok()
}

fn by_id(entities: &[Entity], id: &str) -> Option<usize> {
    entities.iter().position(|e| e.id == id)
}

/// The index of the entity called `name` of `kind`, made (with a fresh id
/// and `reason`) when there is none.
fn named(entities: &mut Vec<Entity>, name: &str, kind: EntityKind, reason: Reason) -> usize {
    if let Some(i) = entities
        .iter()
        .position(|e| e.name == name && e.kind == kind)
    {
        return i;
    }
    let base = slug(name);
    let mut id = base.clone();
    let mut n = 2;
    while entities.iter().any(|e| e.id == id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    entities.push(Entity {
        id,
        kind,
        name: name.to_owned(),
        mentions: Vec::new(),
        reason,
    });
    entities.len() - 1
}

/// Adds `spans` to entity `to`, keeping its mentions sorted and unique.
fn add_mentions(entities: &mut [Entity], to: usize, spans: &[Range<usize>]) {
    if let Some(entity) = entities.get_mut(to) {
        entity.mentions.extend(spans.iter().cloned());
        entity.mentions.sort_by_key(|m| (m.start, m.end));
        entity.mentions.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Progress, analyse};

    fn sample() -> (Document, Analysis) {
        let doc = Document::open(std::path::Path::new("samples/macron-moscow.txt")).unwrap();
        let analysis = analyse(&doc, &Progress::default());
        (doc, analysis)
    }

    fn entity<'a>(analysis: &'a Analysis, id: &str) -> Option<&'a Entity> {
        analysis.entities.iter().find(|e| e.id == id)
    }

    fn texts(doc: &Document, entity: &Entity) -> Vec<String> {
        let mentions = entity.mentions.iter();
        mentions.map(|m| doc.slice(m.clone()).to_owned()).collect()
    }

    fn with(action: CorrectionAction, exact: &str) -> Correction {
        Correction::new(action, exact, None)
    }

    #[test]
    fn retype_remove_and_rename_on_the_sample() {
        let (doc, mut analysis) = sample();
        let speaker_before = analysis.speaker_name(&analysis.quotations[2]);
        assert_eq!(speaker_before.as_deref(), Some("Emmanuel Macron"));
        let mut retype = with(CorrectionAction::Retype, "RT");
        retype.kind = Some(EntityKind::Misc);
        let mut rename = with(CorrectionAction::Rename, "Emmanuel Macron");
        rename.name = Some("President Macron".to_owned());
        let remove = with(CorrectionAction::Remove, "Kremlin");
        let skipped = apply(&mut analysis, &[retype, remove, rename], &doc);
        assert!(skipped.is_empty());
        let rt = entity(&analysis, "rt").unwrap();
        assert_eq!(
            (rt.kind, rt.reason.clone()),
            (EntityKind::Misc, retyped_reason())
        );
        assert!(entity(&analysis, "kremlin").is_none());
        let macron = entity(&analysis, "emmanuel-macron").unwrap();
        assert_eq!(macron.name, "President Macron");
        assert_eq!(macron.mentions.len(), 7);
        // Entity indices moved (Kremlin is gone); the speaker did not.
        assert_eq!(
            analysis.speaker_name(&analysis.quotations[2]).as_deref(),
            Some("President Macron")
        );
    }

    #[test]
    fn a_quotation_follows_the_mention_that_named_its_speaker() {
        let (doc, mut analysis) = sample();
        // “The geopolitical objective of Russia today …” is Macron's, named
        // by the "Macron" right after it.
        let quoted = analysis.quotations[2].span.clone();
        assert!(doc.slice(quoted.clone()).starts_with("“The geopolitical"));
        let macron = entity(&analysis, "emmanuel-macron").unwrap();
        let nearest = macron
            .mentions
            .iter()
            .find(|m| m.start == quoted.end + 1)
            .cloned()
            .unwrap();
        assert_eq!(doc.slice(nearest.clone()), "Macron");
        // The reader joins that one mention to Putin: the quotation goes
        // with it; the others Macron is credited with stay his.
        let mut join = Correction::new(CorrectionAction::Join, "Macron", Some(nearest));
        join.entity = Some("vladimir-putin".to_owned());
        assert!(apply(&mut analysis, &[join], &doc).is_empty());
        let speakers: Vec<Option<String>> = analysis
            .quotations
            .iter()
            .map(|q| analysis.speaker_name(q))
            .collect();
        assert_eq!(
            speakers,
            [
                Some("Emmanuel Macron".to_owned()),
                None,
                Some("Vladimir Putin".to_owned()),
                Some("Emmanuel Macron".to_owned()),
            ]
        );
    }

    #[test]
    fn a_speaker_removed_leaves_no_evidence_behind() {
        let (doc, mut analysis) = sample();
        assert_eq!(analysis.quotations[0].evidence.as_str(), "pronoun");
        let removed = [
            with(CorrectionAction::Remove, "Emmanuel Macron"),
            with(CorrectionAction::Remove, "Macron"),
        ];
        assert!(apply(&mut analysis, &removed, &doc).is_empty());
        for q in [0, 2, 3] {
            let quotation = &analysis.quotations[q];
            assert_eq!(
                (quotation.speaker, &quotation.evidence),
                (None, &SpeakerEvidence::None),
                "{q}"
            );
        }
    }

    #[test]
    fn tag_a_longer_span_and_join_putin_back() {
        let (doc, mut analysis) = sample();
        // "Putin" alone as its own (wrong) person, then joined to the full name.
        let mut split = with(CorrectionAction::Tag, "Putin");
        split.kind = Some(EntityKind::Person);
        let mut join = with(CorrectionAction::Join, "Putin");
        join.entity = Some("vladimir-putin".to_owned());
        let mut weekly = analysis.clone();
        apply(&mut analysis, std::slice::from_ref(&split), &doc);
        let putin = entity(&analysis, "putin").unwrap();
        assert_eq!(texts(&doc, putin), ["Putin"]);
        assert_eq!(putin.reason, tagged_reason());
        let full = entity(&analysis, "vladimir-putin").unwrap();
        assert_eq!(texts(&doc, full), ["Vladimir Putin", "Vladimir Putin"]);
        apply(&mut analysis, &[join], &doc);
        assert!(entity(&analysis, "putin").is_none());
        let full = entity(&analysis, "vladimir-putin").unwrap();
        assert_eq!(
            texts(&doc, full),
            ["Vladimir Putin", "Vladimir Putin", "Putin"]
        );

        // "the weekly Journal du Dimanche", this mention only, joins the paper.
        let at = doc.text().find("weekly Journal").unwrap();
        let exact = "weekly Journal du Dimanche";
        let mut longer = Correction::new(CorrectionAction::Tag, exact, Some(at..at + exact.len()));
        longer.entity = Some("journal-du-dimanche".to_owned());
        assert!(apply(&mut weekly, &[longer], &doc).is_empty());
        let paper = entity(&weekly, "journal-du-dimanche").unwrap();
        assert_eq!(texts(&doc, paper), [exact]);
        assert_eq!(paper.kind, EntityKind::Organisation);
    }

    #[test]
    fn a_mention_only_retype_splits_and_a_missing_target_is_skipped() {
        let (doc, mut analysis) = sample();
        let at = doc.text().rfind("Macron").unwrap();
        let mut one = Correction::new(CorrectionAction::Retype, "Macron", Some(at..at + 6));
        one.kind = Some(EntityKind::Organisation);
        let mut nowhere = with(CorrectionAction::Join, "Macron");
        nowhere.entity = Some("no-such-entity".to_owned());
        let removed_twice = with(CorrectionAction::Remove, "Zorro");
        assert_eq!(
            apply(&mut analysis, &[one, nowhere, removed_twice], &doc),
            [1, 2]
        );
        assert_eq!(
            entity(&analysis, "emmanuel-macron").unwrap().mentions.len(),
            6
        );
        let split = entity(&analysis, "macron").unwrap();
        assert_eq!(split.kind, EntityKind::Organisation);
        assert_eq!(split.mentions, vec![at..at + 6]);
    }

    #[test]
    fn occurrences_are_whole_words() {
        let text = "RT/Reuters, ARTS and RT.";
        assert_eq!(occurrences(text, "RT"), [0..2, 21..23]);
        assert_eq!(occurrences(text, " "), Vec::<Range<usize>>::new());
        assert_eq!(occurrences("«RT»", "«RT»"), vec![0..6]);
    }
}
