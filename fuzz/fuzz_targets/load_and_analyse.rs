//! Any bytes as an article: decoding, paragraphs, offsets and the whole
//! analysis must not panic, and every span must index the text on char
//! boundaries.
#![no_main]

use folio::analysis::{Progress, analyse};
use folio::document::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let doc = Document::from_bytes(bytes, None);
    let analysis = analyse(&doc, &Progress::default());
    let text = doc.text();
    let spans = analysis
        .sentences
        .iter()
        .chain(analysis.entities.iter().flat_map(|e| e.mentions.iter()))
        .chain(analysis.quotations.iter().map(|q| &q.span));
    for span in spans {
        assert!(text.get(span.clone()).is_some(), "span {span:?} is not on char boundaries");
        let (start, end) = (doc.char_offset(span.start), doc.char_offset(span.end));
        assert_eq!(doc.byte_offset(start), Some(span.start));
        assert_eq!(doc.byte_offset(end), Some(span.end));
    }
});
