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
/// (256 KiB: seven times the longest of the 840 PolNeAR articles, so real
/// articles are analysed whole; small enough that a section's working
/// memory keeps `folio suggest` on 100 MB under three times the text plus
/// 30 MB). A paragraph longer than this is cut into pieces at sentence ends.
pub(super) const SECTION_BYTES: usize = 1 << 18;

/// A paragraph, or a piece of one too long for a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Piece {
    /// Byte range in the text, end-exclusive.
    pub(super) bytes: Range<usize>,
    /// Index of the paragraph it is (part of) in the document's paragraphs.
    pub(super) paragraph: usize,
}

/// The paragraphs of `text` (byte ranges, in order) as pieces of at most
/// `max_bytes`: each paragraph whole, or, when longer, cut after the last
/// ". " (else the last space, else the last char) before each limit.
pub(super) fn pieces(text: &str, paragraphs: &[Range<usize>], max_bytes: usize) -> Vec<Piece> {
    let mut out = Vec::with_capacity(paragraphs.len());
    for (paragraph, range) in paragraphs.iter().enumerate() {
        let mut start = range.start;
        while range.end - start > max_bytes {
            let mut limit = start + max_bytes.max(1);
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let window = text.get(start..limit).unwrap_or("");
            let (end, next) = match (window.rfind(". "), window.rfind(' ')) {
                (Some(k), _) if k > 0 => (start + k + 1, start + k + 2),
                (_, Some(k)) if k > 0 => (start + k, start + k + 1),
                _ if limit > start => (limit, limit),
                // Not even one char fits: keep the rest whole.
                _ => break,
            };
            out.push(Piece {
                bytes: start..end,
                paragraph,
            });
            start = next;
        }
        out.push(Piece {
            bytes: start..range.end,
            paragraph,
        });
    }
    out
}

/// Groups `pieces` (in order) into sections: index ranges into `pieces`,
/// end-exclusive, in order, covering them all. A section ends at the first
/// piece that takes it to `max_bytes` or beyond, so each holds at least one.
pub(super) fn split(pieces: &[Piece], max_bytes: usize) -> Vec<Range<usize>> {
    let mut sections = Vec::new();
    let mut first = 0;
    for (k, piece) in pieces.iter().enumerate() {
        let start = pieces.get(first).map_or(0, |p| p.bytes.start);
        if piece.bytes.end - start >= max_bytes {
            sections.push(first..k + 1);
            first = k + 1;
        }
    }
    if first < pieces.len() {
        sections.push(first..pieces.len());
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

    /// Adds the analysis of the section made of `pieces` (of the whole
    /// text), whose offsets start at the first piece's start. Sections
    /// must come in text order.
    pub(super) fn push(&mut self, part: Analysis, pieces: &[Piece]) {
        let offset = pieces.first().map_or(0, |p| p.bytes.start);
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
            if let SpeakerEvidence::FollowsParagraph { paragraph, .. } = &mut quotation.evidence
                && let Some(piece) = pieces.get(*paragraph)
            {
                *paragraph = piece.paragraph;
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
    fn a_text_on_one_line_is_analysed_in_pieces() {
        let line = SAMPLE.split_whitespace().collect::<Vec<_>>().join(" ");
        let doc = Document::from_bytes(line.as_bytes(), None);
        assert_eq!(doc.paragraphs().len(), 1);
        let whole = analyse(&doc, &Progress::default());
        let cut = analyse_in_sections(&doc, &Progress::default(), Scope::All, line.len() / 3);
        assert!(pieces(&line, doc.paragraphs(), line.len() / 3).len() >= 3);
        // Sentences end where the cuts are, so they are the same.
        assert_eq!(cut.sentences, whole.sentences);
        let mentions = |a: &Analysis, id: &str| {
            let entity = a.entities.iter().find(|e| e.id == id);
            entity.map(|e| {
                e.mentions
                    .iter()
                    .map(|m| line.get(m.clone()).unwrap_or(""))
                    .collect::<Vec<_>>()
            })
        };
        let macron = mentions(&cut, "emmanuel-macron").unwrap_or_default();
        assert!(macron.len() >= 5, "{macron:?}");
        assert!(macron.iter().all(|m| m.contains("Macron")), "{macron:?}");
        for q in &cut.quotations {
            let text = line.get(q.span.clone()).unwrap_or("");
            assert!(text.starts_with(['"', '“', '‘', '\'']), "{text}");
        }
    }

    fn whole(paragraphs: &[Range<usize>]) -> Vec<Piece> {
        (paragraphs.iter().cloned().enumerate())
            .map(|(paragraph, bytes)| Piece { bytes, paragraph })
            .collect()
    }

    #[test]
    fn sections_hold_whole_pieces_up_to_the_size() {
        let paragraphs = whole(&[0..40, 42..80, 82..120, 122..400, 402..410]);
        // 0..80 reaches 80 bytes: the first section ends there.
        assert_eq!(split(&paragraphs, 80), vec![0..2, 2..4, 4..5]);
        // A piece longer than the size is a section alone.
        assert_eq!(split(&paragraphs[3..], 100), vec![0..1, 1..2]);
        assert_eq!(split(&paragraphs, 1 << 20), vec![0..5]);
        assert!(split(&[], 100).is_empty());
    }

    #[test]
    fn a_long_paragraph_is_cut_after_sentences_then_spaces() {
        let text = "One two. Three four. Five six seven eight nine.\n\nTen.";
        let paragraphs = [0..47, 49..53];
        let cut = pieces(text, &paragraphs, 22);
        let texts: Vec<(&str, usize)> = (cut.iter())
            .map(|p| (text.get(p.bytes.clone()).unwrap_or(""), p.paragraph))
            .collect();
        assert_eq!(
            texts,
            [
                ("One two. Three four.", 0),
                ("Five six seven eight", 0),
                ("nine.", 0),
                ("Ten.", 1),
            ]
        );
        assert_eq!(pieces(text, &paragraphs, 100), whole(&paragraphs));
    }
}
