//! Acceptance test: the analysis of `samples/macron-moscow.txt` (people,
//! places, organisations, quotations with their byte and char offsets, the
//! first sentence), and a check that odd inputs never make `analyse` panic.

// A missing sample file is a broken checkout: failing loudly is right here.
#![allow(clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::Path;

use folio::analysis::{Analysis, EntityKind, Progress, QuoteKind, analyse};
use folio::document::Document;

fn sample() -> (Document, Analysis) {
    let doc = Document::open(Path::new("samples/macron-moscow.txt")).expect("the sample exists");
    let analysis = analyse(&doc, &Progress::default());
    (doc, analysis)
}

/// Name → mention count for every entity of `kind`.
fn counts(analysis: &Analysis, kind: EntityKind) -> BTreeMap<String, usize> {
    analysis
        .entities
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| (e.name.clone(), e.mentions.len()))
        .collect()
}

fn expected(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect()
}

#[test]
fn sample_people() {
    let (_, analysis) = sample();
    assert_eq!(
        counts(&analysis, EntityKind::Person),
        expected(&[
            ("Emmanuel Macron", 7),
            ("Vladimir Putin", 3),
            ("Joe Biden", 2),
            ("Volodymyr Zelensky", 1),
        ])
    );
    let macron = analysis
        .entities
        .iter()
        .find(|e| e.name == "Emmanuel Macron");
    assert_eq!(macron.map(|e| e.id.as_str()), Some("emmanuel-macron"));
}

#[test]
fn sample_places() {
    let (doc, analysis) = sample();
    assert_eq!(
        counts(&analysis, EntityKind::Place),
        expected(&[
            ("Ukraine", 7),
            ("Russia", 6),
            ("Moscow", 5),
            ("United States", 3),
            ("Europe", 1),
            ("Hungary", 1),
            ("Slovenia", 1),
            ("France", 1),
            ("USSR", 1),
            ("Poland", 1),
            ("Germany", 1),
            ("Romania", 1),
        ])
    );
    let us = analysis.entities.iter().find(|e| e.name == "United States");
    let us_mentions: Vec<&str> = us
        .map(|e| e.mentions.iter().map(|m| doc.slice(m.clone())).collect())
        .unwrap_or_default();
    assert_eq!(us_mentions, ["America", "US", "US"]);
}

#[test]
fn sample_organisations() {
    let (doc, analysis) = sample();
    assert_eq!(
        counts(&analysis, EntityKind::Organisation),
        expected(&[
            ("NATO", 2),
            ("Kremlin", 1),
            ("EU", 1),
            ("Journal du Dimanche", 1),
            ("SWIFT", 1),
            ("RT", 1),
            ("Reuters", 1),
        ])
    );
    let kremlin = analysis.entities.iter().find(|e| e.name == "Kremlin");
    let mention = kremlin
        .and_then(|e| e.mentions.first())
        .map(|m| doc.slice(m.clone()));
    assert_eq!(mention, Some("Kremlin"));
}

#[test]
fn sample_misc_and_forbidden_names() {
    let (doc, analysis) = sample();
    let misc = counts(&analysis, EntityKind::Misc);
    let demonyms = [
        "French",
        "Russian",
        "European",
        "Soviet",
        "Ukrainian",
        "Western",
    ];
    for name in misc.keys() {
        assert!(
            demonyms.contains(&name.as_str()),
            "unexpected misc entity {name}"
        );
    }
    let forbidden = ["Super April", "Monday", "Sunday", "Tuesday", "President"];
    for entity in &analysis.entities {
        assert!(
            !forbidden.iter().any(|f| entity.name.contains(f)),
            "{}",
            entity.name
        );
        for mention in &entity.mentions {
            let text = doc.slice(mention.clone());
            assert!(!forbidden.iter().any(|f| text.contains(f)), "{text}");
        }
    }
}

#[test]
fn sample_mentions_are_sorted_and_disjoint() {
    let (_, analysis) = sample();
    let all = analysis.mentions();
    for pair in all.windows(2) {
        if let [(a, _), (b, _)] = pair {
            assert!(a.end <= b.start, "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn sample_quotations() {
    let (doc, analysis) = sample();
    // Byte and char ranges computed once from the file with python3.
    let expected = [
        (506..519, 506..519, "\"new balance\""),
        (770..783, 770..783, "\"Super April\""),
        (
            868..1003,
            868..999,
            "“The geopolitical objective of Russia today is clearly not Ukraine, but to \
             clarify the rules of cohabitation with NATO and the EU,”",
        ),
        (
            1389..1436,
            1383..1426,
            "“ongoing diplomatic and deterrence efforts”",
        ),
    ];
    assert_eq!(analysis.quotations.len(), expected.len());
    for (q, (bytes, chars, text)) in analysis.quotations.iter().zip(expected) {
        assert_eq!(q.span, bytes);
        assert_eq!(
            doc.char_offset(q.span.start)..doc.char_offset(q.span.end),
            chars
        );
        assert_eq!(doc.slice(q.span.clone()), text);
    }
    let speakers: Vec<Option<&str>> = analysis
        .quotations
        .iter()
        .map(|q| {
            q.speaker
                .and_then(|i| analysis.entities.get(i))
                .map(|e| e.name.as_str())
        })
        .collect();
    // "he called for a "new balance"" and Macron "discussing “ongoing …”"
    // are Macron's words; "Super April" is a name, nobody's.
    assert_eq!(
        speakers,
        [
            Some("Emmanuel Macron"),
            None,
            Some("Emmanuel Macron"),
            Some("Emmanuel Macron")
        ]
    );
    let kinds: Vec<QuoteKind> = analysis.quotations.iter().map(|q| q.kind).collect();
    assert_eq!(
        kinds,
        [
            QuoteKind::Speech,
            QuoteKind::Scare,
            QuoteKind::Speech,
            QuoteKind::Speech
        ]
    );
    assert!(
        analysis
            .quotations
            .iter()
            .all(|q| q.parent.is_none() && !q.unclosed && q.speaker_text.is_none())
    );
}

#[test]
fn sample_first_sentence() {
    let (doc, analysis) = sample();
    assert_eq!(analysis.sentences.first(), Some(&(0..178)));
    assert_eq!(
        analysis.sentences.first().map(|s| doc.slice(s.clone())),
        Some(
            "French President Emmanuel Macron has said he thinks a deal to avoid full scale war \
             in Ukraine is possible and that it is legitimate for Russia to raise its own \
             security concerns."
        )
    );
    assert_eq!(analysis.sentences.get(1), Some(&(179..417)));
}

#[test]
fn odd_inputs_never_panic() {
    let long_line = "Mr. Obi said “ok' ‘no’ \"yes ".repeat(200_000 / 28 + 1);
    let caps_line = "Bob Bob NATO U.S. ".repeat(12_000);
    let inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\"\"\"\xe2\x80\x9c\xe2\x80\x98\xe2\x80\x99".to_vec(),
        (0u8..=255).cycle().take(4096).collect(),
        long_line.into_bytes(),
        caps_line.into_bytes(),
        "😀 Zoë ﬁnds e\u{301}\u{301} 中文 «Ελλάδα» ’’ ‘‘ „“ President\n\n\""
            .as_bytes()
            .to_vec(),
        "\u{200d}\u{fe0f}' '\n'\n\"\n\r\n“".as_bytes().to_vec(),
    ];
    for bytes in inputs {
        let doc = Document::from_bytes(&bytes, None);
        let progress = Progress::default();
        let analysis = analyse(&doc, &progress);
        assert_eq!(progress.get(), 1000);
        let len = doc.text().len();
        for s in &analysis.sentences {
            assert!(s.start < s.end && s.end <= len);
        }
        for (m, _) in analysis.mentions() {
            assert!(m.start < m.end && m.end <= len && !doc.slice(m).is_empty());
        }
        for q in &analysis.quotations {
            assert!(q.span.end <= len && !doc.slice(q.span.clone()).is_empty());
        }
    }
}
