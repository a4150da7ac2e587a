//! Reading CoNLL-2003 files: documents, sentences, tokens and their named
//! entity chunks.
//!
//! The format (Tjong Kim Sang & De Meulder, 2003): one token a line with
//! space-separated columns `token POS chunk NE`, a blank line between
//! sentences, a `-DOCSTART-` line between documents. Only the first and last
//! columns are read, so files with fewer columns (`token NE`) work too. NE
//! tags may be IOB1 (`I-X` inside a chunk, `B-X` only where a chunk directly
//! follows another of the same type) or IOB2 (`B-X` opens every chunk);
//! [`chunks`] reads both.

use std::ops::Range;

/// One token of a sentence with its gold tag (`O`, `I-PER`, `B-LOC`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The token text.
    pub text: String,
    /// The named entity tag, the line's last column.
    pub tag: String,
}

/// One document: its sentences, each a list of tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllDocument {
    /// Sentences in order; none is empty.
    pub sentences: Vec<Vec<Token>>,
}

/// Splits CoNLL text into documents. Lines that hold no token (blank,
/// `-DOCSTART-`) end a sentence; text before the first `-DOCSTART-` forms a
/// document of its own; documents without sentences are dropped.
pub fn parse(text: &str) -> Vec<ConllDocument> {
    let mut documents = Vec::new();
    let mut current = ConllDocument::default();
    let mut sentence: Vec<Token> = Vec::new();
    for line in text.lines() {
        let mut columns = line.split_whitespace();
        let first = columns.next();
        let last = columns.next_back();
        match (first, last) {
            (Some("-DOCSTART-"), _) => {
                end_sentence(&mut current, &mut sentence);
                if !current.sentences.is_empty() {
                    documents.push(std::mem::take(&mut current));
                }
            }
            (Some(token), Some(tag)) => sentence.push(Token {
                text: token.to_owned(),
                tag: tag.to_owned(),
            }),
            (Some(token), None) => sentence.push(Token {
                text: token.to_owned(),
                tag: "O".to_owned(),
            }),
            (None, _) => end_sentence(&mut current, &mut sentence),
        }
    }
    end_sentence(&mut current, &mut sentence);
    if !current.sentences.is_empty() {
        documents.push(current);
    }
    documents
}

fn end_sentence(document: &mut ConllDocument, sentence: &mut Vec<Token>) {
    if !sentence.is_empty() {
        document.sentences.push(std::mem::take(sentence));
    }
}

/// The chunks of a tag sequence as `(token range, type)`, end-exclusive, in
/// order. A chunk opens at `B-X`, or at `I-X` when the previous tag is not of
/// type X; it closes at `O`, at a tag of another type or at the next `B-`.
/// Tags without a `B-`/`I-` prefix (other than `O`) are read as `I-`.
pub fn chunks<'t>(tags: impl IntoIterator<Item = &'t str>) -> Vec<(Range<usize>, String)> {
    let mut out: Vec<(Range<usize>, String)> = Vec::new();
    let mut open: Option<(usize, String)> = None;
    let mut n = 0;
    for (i, tag) in tags.into_iter().enumerate() {
        n = i + 1;
        let (begins, kind) = match tag.split_once('-') {
            Some(("B", kind)) => (true, Some(kind)),
            Some((_, kind)) => (false, Some(kind)),
            None if tag == "O" => (false, None),
            None => (false, Some(tag)),
        };
        let continues =
            !begins && matches!((&open, kind), (Some((_, open_kind)), Some(k)) if open_kind == k);
        if continues {
            continue;
        }
        if let Some((start, open_kind)) = open.take() {
            out.push((start..i, open_kind));
        }
        if let Some(k) = kind {
            open = Some((i, k.to_owned()));
        }
    }
    if let Some((start, kind)) = open {
        out.push((start..n, kind));
    }
    out
}

/// A document's text as folio will read it: tokens joined by single spaces,
/// sentences by newlines; with the byte range of every token, sentence by
/// sentence.
pub fn rebuild(document: &ConllDocument) -> (String, Vec<Vec<Range<usize>>>) {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(document.sentences.len());
    for (s, sentence) in document.sentences.iter().enumerate() {
        if s > 0 {
            text.push('\n');
        }
        let mut sentence_ranges = Vec::with_capacity(sentence.len());
        for (t, token) in sentence.iter().enumerate() {
            if t > 0 {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(&token.text);
            sentence_ranges.push(start..text.len());
        }
        ranges.push(sentence_ranges);
    }
    (text, ranges)
}

/// Whether a sentence is "prose": at least 6 tokens, of which at least 30%
/// are lower-case words (start with a lower-case letter). Tables and
/// all-caps headlines are not.
pub fn is_prose(sentence: &[Token]) -> bool {
    let lower = sentence
        .iter()
        .filter(|t| t.text.chars().next().is_some_and(char::is_lowercase))
        .count();
    sentence.len() >= 6 && lower * 10 >= sentence.len() * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_iob2_chunks() {
        let iob1 = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG", "I-ORG"];
        assert_eq!(
            chunks(iob1),
            [
                (0..2, "PER".to_owned()),
                (2..3, "PER".to_owned()),
                (4..5, "LOC".to_owned()),
                (5..7, "ORG".to_owned()),
            ]
        );
        let iob2 = ["B-PER", "I-PER", "B-PER", "O", "B-LOC"];
        assert_eq!(
            chunks(iob2),
            [
                (0..2, "PER".to_owned()),
                (2..3, "PER".to_owned()),
                (4..5, "LOC".to_owned()),
            ]
        );
        assert!(chunks(["O", "O"]).is_empty());
    }

    #[test]
    fn parse_and_rebuild() {
        let text = "-DOCSTART- -X- -X- O\n\nZorba NNP I-NP I-PER\nsang VBD I-VP O\n\n\
                    Hi UH O O\n-DOCSTART- -X- -X- O\n\nOk UH O O\n";
        let docs = parse(text);
        assert_eq!(docs.len(), 2);
        let (rebuilt, ranges) = rebuild(&docs[0]);
        assert_eq!(rebuilt, "Zorba sang\nHi");
        let expected: Vec<Vec<Range<usize>>> = vec![vec![0..5, 6..10], vec![(11..13)]];
        assert_eq!(ranges, expected);
    }
}
