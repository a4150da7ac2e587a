use super::*;
use crate::analysis::{Progress, analyse};

const SAMPLE: &str = include_str!("../../../samples/macron-moscow.txt");

#[test]
fn the_embedded_weights_file_is_readable() {
    assert!(Model::from_bytes(WEIGHTS).is_ok());
}

#[test]
fn every_sentence_of_the_sample_is_scored_and_the_troop_figure_is_a_statistic() {
    let doc = Document::from_bytes(SAMPLE.as_bytes(), None);
    let analysis = analyse(&doc, &Progress::default());
    assert_eq!(analysis.suggestions.len(), analysis.sentences.len());
    let troops = analysis
        .suggestions
        .iter()
        .find(|s| doc.slice(s.span.clone()).contains("3,000 US troops"))
        .expect("the troops sentence is scored");
    assert!(troops.score >= THRESHOLD, "{}", troops.score);
    assert_eq!(troops.label, ClaimLabel::Statistic);
    assert_eq!(troops.reasons.first(), Some(&Reason::Number));
    let ranked = ranked(&analysis.suggestions);
    assert!(ranked.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn a_figure_that_changed_outscores_a_hedged_opinion() {
    let statistic = score_line("Unemployment rose by 4 percent in Ohio last year.");
    let opinion = score_line("I think that's wonderful.");
    assert!(statistic > 0.5 && opinion < 0.5, "{statistic} {opinion}");
}

#[test]
fn reasons_read_as_the_reader_sees_them() {
    let shown: Vec<String> = [
        Reason::NumberChange,
        Reason::Comparison,
        Reason::Prediction,
        Reason::Quotation("Emmanuel Macron".to_owned()),
        Reason::Words(vec!["agreement".to_owned(), "called".to_owned()]),
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(
        shown,
        [
            "number + change verb",
            "comparison",
            "prediction",
            "quotation by Emmanuel Macron",
            "words \"agreement\", \"called\""
        ]
    );
}

#[test]
fn a_suggestion_no_cue_explains_names_the_words_that_weigh_most() {
    let doc = Document::from_bytes(SAMPLE.as_bytes(), None);
    let analysis = analyse(&doc, &Progress::default());
    let best = ranked(&analysis.suggestions)[0];
    assert_eq!(
        doc.text().get(best.span.start..best.span.start + 40),
        Some("Russia has repeatedly called for NATO to")
    );
    // No cue fired; function words ("into", "since") are left out.
    assert_eq!(
        best.reasons,
        [Reason::Words(vec![
            "agreement".to_owned(),
            "called".to_owned(),
            "violated".to_owned()
        ])]
    );
    // Sentences below the threshold with no cue keep no reason.
    assert!(
        analysis
            .suggestions
            .iter()
            .filter(|s| s.score < THRESHOLD)
            .all(|s| !s.reasons.iter().any(|r| matches!(r, Reason::Words(_))))
    );
}

#[test]
fn a_quoted_prediction_names_its_speaker_and_is_labelled_a_prediction() {
    let text = "\u{201c}Prices will fall next year,\u{201d} said Emmanuel Macron.";
    let doc = Document::from_bytes(text.as_bytes(), None);
    let analysis = analyse(&doc, &Progress::default());
    let s = analysis.suggestions.first().expect("one sentence");
    assert!(s.reasons.contains(&Reason::Prediction), "{:?}", s.reasons);
    assert!(
        s.reasons
            .contains(&Reason::Quotation("Emmanuel Macron".to_owned())),
        "{:?}",
        s.reasons
    );
    assert_eq!(s.label, ClaimLabel::Prediction);
}
