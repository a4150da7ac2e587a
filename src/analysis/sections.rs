//! Long texts are analysed a section at a time: runs of whole paragraphs
//! of about [`SECTION_BYTES`] each, every one analysed as a document of its
//! own, the results shifted back to the whole text's offsets and merged.
//!
//! Why: the analysis holds several times its input while it runs (the
//! normalized copy, pass one's labels and scores, every mention before they
//! are grouped), so a 100 MB corpus analysed whole would need over half a
//! gigabyte. A section's working memory is freed before the next starts;
//! what stays is the result, which is smaller than the text.
//!
//! What changes for a text that long: document-level evidence (pass two of
//! the tagger, "Macron" joining "Emmanuel Macron", a speaker named in the
//! paragraph before) reaches only within a section. Entities of the same
//! type and name in different sections are merged into one. An article,
//! even a long one, is far below the section size and is analysed whole.

use std::collections::HashMap;
use std::ops::Range;

use super::entities::slug::Ids;
use super::{Analysis, Entity, EntityKind, SpeakerEvidence};

/// The size a section grows to before the next starts, in bytes of text
/// (1 MiB: thirty times the longest of the 840 PolNeAR articles). A
/// paragraph is never split, so one longer than this is a section alone.
pub(super) const SECTION_BYTES: usize = 1 << 20;

/// Groups `paragraphs` (byte ranges, in order) into sections of whole
/// paragraphs: index ranges into `paragraphs`, end-exclusive, in order,
/// covering them all. A section ends at the first paragraph that takes it
/// to `max_bytes` or beyond, so each holds at least one paragraph.
pub(super) fn split(paragraphs: &[Range<usize>], max_bytes: usize) -> Vec<Range<usize>> {
    let mut sections = Vec::new();
    let mut first = 0;
    for (k, paragraph) in paragraphs.iter().enumerate() {
        let start = paragraphs.get(first).map_or(0, |p| p.start);
        if paragraph.end - start >= max_bytes {
            sections.push(first..k + 1);
            first = k + 1;
        }
    }
    if first < paragraphs.len() {
        sections.push(first..paragraphs.len());
    }
    sections
}

/// The analyses of consecutive sections, merged as they come.
pub(super) struct Merged {
    analysis: Analysis,
    /// Index in the merged entities of each type and canonical name.
    entity_index: HashMap<(EntityKind, String), usize>,
    /// Bytes of the whole text, and of the sections merged so far.
    text_bytes: usize,
    done_bytes: usize,
}

/// Makes room in `list` for `adding` more items. When it must grow, it
/// grows to the length expected for the whole text at the rate seen so far
/// (`done` of `total` bytes), plus a sixteenth, rather than doubling: the
/// merged lists are the largest thing a long text's analysis keeps, and
/// doubling would leave up to half of each unused.
fn reserve_at_rate<T>(list: &mut Vec<T>, adding: usize, done: usize, total: usize) {
    let needed = list.len() + adding;
    if needed <= list.capacity() {
        return;
    }
    let expected = needed.saturating_mul(total) / done.max(1);
    let target = expected.saturating_add(expected / 16).max(needed);
    list.reserve_exact(target - list.len());
}

impl Merged {
    /// Merges the sections of a text of `text_bytes` bytes.
    pub(super) fn new(text_bytes: usize) -> Self {
        Self {
            analysis: Analysis::default(),
            entity_index: HashMap::new(),
            text_bytes,
            done_bytes: 0,
        }
    }

    /// Adds the analysis of the section made of paragraphs `first..` of
    /// `paragraphs` (the whole text's), whose offsets start at that
    /// paragraph's start. Sections must come in text order.
    pub(super) fn push(&mut self, part: Analysis, paragraphs: &[Range<usize>], first: usize) {
        let offset = paragraphs.get(first).map_or(0, |p| p.start);
        let section_end = part.sentences.last().map_or(offset, |s| s.end + offset);
        self.done_bytes = section_end.max(self.done_bytes);
        let (done, total) = (self.done_bytes, self.text_bytes);
        let shift = |r: Range<usize>| r.start + offset..r.end + offset;
        let Analysis {
            sentences,
            entities,
            quotations,
            suggestions,
        } = part;
        let merged = &mut self.analysis;
        reserve_at_rate(&mut merged.sentences, sentences.len(), done, total);
        merged.sentences.extend(sentences.into_iter().map(shift));
        let mut entity_at = Vec::with_capacity(entities.len());
        for entity in entities {
            let key = (entity.kind, entity.name.clone());
            let mentions = entity.mentions.into_iter().map(shift);
            let at = *self.entity_index.entry(key).or_insert_with(|| {
                merged.entities.push(Entity {
                    mentions: Vec::new(),
                    ..entity
                });
                merged.entities.len() - 1
            });
            if let Some(target) = merged.entities.get_mut(at) {
                // Sections come in order, so the mentions stay sorted.
                target.mentions.extend(mentions);
            }
            entity_at.push(at);
        }
        let quotation_base = merged.quotations.len();
        reserve_at_rate(&mut merged.quotations, quotations.len(), done, total);
        for mut quotation in quotations {
            quotation.span = shift(quotation.span);
            quotation.speaker = quotation.speaker.and_then(|i| entity_at.get(i).copied());
            quotation.parent = quotation.parent.map(|i| i + quotation_base);
            if let SpeakerEvidence::FollowsParagraph { paragraph, .. } = &mut quotation.evidence {
                *paragraph += first;
            }
            merged.quotations.push(quotation);
        }
        reserve_at_rate(&mut merged.suggestions, suggestions.len(), done, total);
        merged
            .suggestions
            .extend(suggestions.into_iter().map(|mut suggestion| {
                suggestion.span = shift(suggestion.span);
                suggestion
            }));
    }

    /// The merged analysis, each entity given an id unique over the whole
    /// text (the same name in two types gets `x` and `x-2`, as in one
    /// analysis).
    pub(super) fn finish(self) -> Analysis {
        let mut analysis = self.analysis;
        let mut ids = Ids::default();
        for entity in &mut analysis.entities {
            entity.id = ids.id_for(&entity.name);
        }
        analysis
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Progress, Scope, analyse, analyse_in_sections};
    use crate::document::Document;

    const SAMPLE: &str = include_str!("../../samples/macron-moscow.txt");

    #[test]
    fn a_text_analysed_in_sections_is_the_sections_analyses_shifted_and_merged() {
        let sample = SAMPLE.trim();
        let doubled = format!("{sample}\n\n{sample}");
        let seam = sample.len() + 2;
        let one = analyse(
            &Document::from_bytes(sample.as_bytes(), None),
            &Progress::default(),
        );
        let progress = Progress::default();
        let doc = Document::from_bytes(doubled.as_bytes(), None);
        let both = analyse_in_sections(&doc, &progress, Scope::All, sample.len());
        assert_eq!(progress.get(), 1000);

        let shifted = |r: &Range<usize>| r.start + seam..r.end + seam;
        let sentences: Vec<_> = (one.sentences.iter().cloned())
            .chain(one.sentences.iter().map(shifted))
            .collect();
        assert_eq!(both.sentences, sentences);

        // Each entity once, with the mentions of both copies, same id.
        assert_eq!(both.entities.len(), one.entities.len());
        for (merged, alone) in both.entities.iter().zip(&one.entities) {
            assert_eq!((&merged.id, &merged.name), (&alone.id, &alone.name));
            let mentions: Vec<_> = (alone.mentions.iter().cloned())
                .chain(alone.mentions.iter().map(shifted))
                .collect();
            assert_eq!(merged.mentions, mentions, "{}", alone.name);
        }
        let macron = both.entities.iter().find(|e| e.id == "emmanuel-macron");
        assert!(macron.is_some_and(|e| e.kind == EntityKind::Person));

        // Quotations of the second copy keep their speakers and nesting.
        let n = one.quotations.len();
        assert!(n > 3);
        assert_eq!(both.quotations.len(), 2 * n);
        for (second, alone) in both.quotations[n..].iter().zip(&one.quotations) {
            assert_eq!(second.span, shifted(&alone.span));
            assert_eq!(second.speaker, alone.speaker);
            assert_eq!(second.parent, alone.parent.map(|p| p + n));
            assert_eq!(both.speaker_name(second), one.speaker_name(alone));
        }
        assert_eq!(both.suggestions.len(), 2 * one.suggestions.len());
        let last = both.suggestions.last().map(|s| s.span.clone());
        assert_eq!(last, one.suggestions.last().map(|s| shifted(&s.span)));
    }

    #[test]
    fn sections_hold_whole_paragraphs_up_to_the_size() {
        let paragraphs = [0..40, 42..80, 82..120, 122..400, 402..410];
        // 0..80 reaches 80 bytes: the first section ends there.
        assert_eq!(split(&paragraphs, 80), vec![0..2, 2..4, 4..5]);
        // A paragraph longer than the size is a section alone.
        assert_eq!(split(&paragraphs[3..], 100), vec![0..1, 1..2]);
        assert_eq!(split(&paragraphs, 1 << 20), vec![0..5]);
        assert!(split(&[], 100).is_empty());
    }
}
