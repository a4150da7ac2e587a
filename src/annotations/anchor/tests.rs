//! Re-anchoring against edited articles: each test stores claims on one text
//! and finds them again in an edited copy.

use super::super::export::to_file;
use super::super::selector::context;
use super::*;

fn claim(id: &str, span: Range<usize>) -> Claim {
    Claim {
        id: id.to_owned(),
        span,
        label: "checkable".to_owned(),
        verdict: "false".to_owned(),
        note: "see “source”".to_owned(),
        speaker: None,
        created: "2026-11-29T08:00:00Z".parse().unwrap(),
        modified: None,
    }
}

fn doc(text: &str) -> Document {
    Document::from_bytes(text.as_bytes(), None)
}

/// The annotation file for claims on each of `sentences` of `text`.
fn file_with_claims(text: &str, sentences: &[&str]) -> AnnotationFile {
    let before = doc(text);
    let claims = sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let at = text.find(s).unwrap();
            claim(&format!("c{}", i + 1), at..at + s.len())
        })
        .collect();
    to_file(&before, None, &Annotations::new(claims, vec![]))
}

/// The text each claim of `file` has in `edited` (by id), and the ids orphaned.
fn reanchor(file: &AnnotationFile, edited: &str) -> (Vec<(String, String)>, Vec<String>) {
    let edited = doc(edited);
    let annotations = claims_from_file(&edited, file);
    let mut found: Vec<(String, String)> = annotations
        .claims()
        .iter()
        .map(|c| (c.id.clone(), edited.slice(c.span.clone()).to_owned()))
        .collect();
    found.sort();
    let orphans = annotations.orphans().iter().map(|o| o.id.clone()).collect();
    (found, orphans)
}

fn found(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(id, text)| ((*id).to_owned(), (*text).to_owned()))
        .collect()
}

const PARAGRAPHS: &str = "Inflation rose to 5.2% in March, the statistics office said.\n\n\
     The central bank kept its main rate at 4% on Thursday.\n\n\
     Unions called for a strike over pay next week.\n";

#[test]
fn a_claim_round_trips_through_char_offsets() {
    let doc = doc("Ça va. “Kyiv” is far. The end.");
    let start = doc.text().find("“Kyiv").unwrap();
    let span = start..doc.text().find(" The").unwrap();
    let file = to_file(
        &doc,
        None,
        &Annotations::new(vec![claim("c1", span.clone())], vec![]),
    );
    let record = &file.claims[0];
    assert_eq!((record.start, record.end), (7, 21));
    assert_eq!(record.exact, "“Kyiv” is far.");
    assert_eq!(record.prefix, "Ça va. ");
    assert_eq!(record.suffix, " The end.");
    let again = claims_from_file(&doc, &file);
    assert_eq!(again.claims()[0].span, span);
    assert!(again.orphans().is_empty());
}

#[test]
fn context_is_32_chars_cut_at_char_boundaries() {
    let text = format!("{}Claim here.{}", "é".repeat(40), "ü".repeat(40));
    let d = doc(&text);
    let at = text.find("Claim").unwrap();
    let (prefix, suffix) = context(&d, &(at..at + "Claim here.".len()));
    assert_eq!(prefix, "é".repeat(32));
    assert_eq!(suffix, "ü".repeat(32));
}

#[test]
fn edits_before_inside_and_after_spans() {
    let file = file_with_claims(
        PARAGRAPHS,
        &[
            "Inflation rose to 5.2% in March",
            "The central bank kept its main rate at 4% on Thursday.",
            "Unions called for a strike over pay next week.",
        ],
    );
    // A paragraph added before every claim: all move, none changes.
    let edited = format!("Updated at 10:00.\n\n{PARAGRAPHS}");
    let (claims, orphans) = reanchor(&file, &edited);
    assert_eq!(claims.len(), 3);
    assert!(orphans.is_empty());
    // Text added after the last claim: offsets still hold.
    let edited = format!("{PARAGRAPHS}\nMore to follow.\n");
    assert_eq!(reanchor(&file, &edited).0.len(), 3);
    // Inside the second claim, a figure corrected: found, flagged changed.
    let edited = PARAGRAPHS.replace("at 4% on", "at 4.25% on");
    let d = doc(&edited);
    let annotations = claims_from_file(&d, &file);
    let c2 = annotations.claims().iter().find(|c| c.id == "c2").unwrap();
    assert_eq!(
        d.slice(c2.span.clone()),
        "The central bank kept its main rate at 4.25% on Thursday."
    );
    assert_eq!(
        annotations.changed_from("c2"),
        Some("The central bank kept its main rate at 4% on Thursday.")
    );
    assert_eq!(annotations.changed_from("c1"), None);
    // The flag and the old words survive saving and reopening.
    let saved = to_file(&d, None, &annotations);
    let again = claims_from_file(&d, &saved);
    assert_eq!(
        again.changed_from("c2"),
        Some("The central bank kept its main rate at 4% on Thursday.")
    );
    assert_eq!(again.claims(), annotations.claims());
}

#[test]
fn a_claim_at_the_start_or_end_of_the_article_changes_in_place() {
    let file = file_with_claims(
        PARAGRAPHS,
        &[
            "Inflation rose to 5.2% in March",
            "Unions called for a strike over pay next week.",
        ],
    );
    let edited = PARAGRAPHS
        .replace("5.2%", "5.3%")
        .replace("next week", "next month");
    assert_eq!(
        reanchor(&file, &edited).0,
        found(&[
            ("c1", "Inflation rose to 5.3% in March"),
            ("c2", "Unions called for a strike over pay next month."),
        ])
    );
}

#[test]
fn duplicated_sentences_are_told_apart_by_context_or_orphaned() {
    let text = "Prices rose. Wages fell. Prices rose. Rents doubled.";
    let second = text.rfind("Prices rose.").unwrap();
    let before = doc(text);
    let file = to_file(
        &before,
        None,
        &Annotations::new(vec![claim("c1", second..second + 12)], vec![]),
    );
    // Text inserted in front: both copies move; the context picks the second.
    let edited = format!("Breaking. {text}");
    let d = doc(&edited);
    let again = claims_from_file(&d, &file);
    assert_eq!(
        again.claims()[0].span.start,
        edited.rfind("Prices rose.").unwrap()
    );
}

#[test]
fn copies_with_the_same_surroundings_are_orphaned() {
    let paragraph = "Figures out on Monday showed that over the year. Prices rose. Economists had expected a smaller rise in the summer.\n\n";
    let file = file_with_claims(paragraph, &["Prices rose."]);
    // The paragraph pasted twice: both copies fit equally well.
    let edited = format!("Updated.\n\n{paragraph}{paragraph}");
    assert_eq!(reanchor(&file, &edited).1, ["c1"]);
}

#[test]
fn a_deleted_paragraph_orphans_its_claim_only() {
    let file = file_with_claims(
        PARAGRAPHS,
        &[
            "Inflation rose to 5.2% in March",
            "The central bank kept its main rate at 4% on Thursday.",
        ],
    );
    let edited = PARAGRAPHS.replace(
        "The central bank kept its main rate at 4% on Thursday.\n\n",
        "",
    );
    let (claims, orphans) = reanchor(&file, &edited);
    assert_eq!(claims, found(&[("c1", "Inflation rose to 5.2% in March")]));
    assert_eq!(orphans, ["c2"]);
    // The orphan is written back exactly as it was read.
    let d = doc(&edited);
    let saved = to_file(&d, None, &claims_from_file(&d, &file));
    assert_eq!(saved.claims.get(1), file.claims.get(1));
}

#[test]
fn whitespace_only_changes_move_a_claim_without_flagging_it() {
    let text = "Intro line.\n\nThe minister said the plan would cost\nmore than £3bn over five years. Critics disagree.";
    let claimed = "The minister said the plan would cost\nmore than £3bn over five years.";
    let file = file_with_claims(text, &[claimed]);
    // Re-wrapped: the line break moved, a double space crept in.
    let edited = "Intro line.\n\nThe minister said the plan would\ncost more than  £3bn over five years. Critics disagree.";
    let d = doc(edited);
    let annotations = claims_from_file(&d, &file);
    assert_eq!(
        d.slice(annotations.claims()[0].span.clone()),
        "The minister said the plan would\ncost more than  £3bn over five years."
    );
    assert_eq!(annotations.changed_from("c1"), None);
}

#[test]
fn a_reflowed_article_with_blank_lines_added_keeps_claims_off_the_paragraph_breaks() {
    let text = "Macron flew to Moscow on Monday for talks with Putin about Ukraine.\n\
        The geopolitical objective of Russia today is clearly not Ukraine, he said.\n\
        Macron also spoke with Joe Biden on Sunday about deterrence efforts.\n";
    let claimed = [
        "The geopolitical objective of Russia today is clearly not Ukraine, he said.",
        "Macron also spoke with Joe Biden on Sunday about deterrence efforts.",
    ];
    let file = file_with_claims(text, &claimed);
    // `sed 's/$/\n/' | fmt -w 40`: a blank line after each line, then
    // every paragraph wrapped anew.
    let edited = "Macron flew to Moscow on Monday for\ntalks with Putin about Ukraine.\n\n\
        The geopolitical objective of Russia\ntoday is clearly not Ukraine, he said.\n\n\
        Macron also spoke with Joe Biden on\nSunday about deterrence efforts.\n";
    let d = doc(edited);
    let annotations = claims_from_file(&d, &file);
    let spans: Vec<&str> = annotations
        .claims()
        .iter()
        .map(|c| d.slice(c.span.clone()))
        .collect();
    assert_eq!(
        spans,
        [
            "The geopolitical objective of Russia\ntoday is clearly not Ukraine, he said.",
            "Macron also spoke with Joe Biden on\nSunday about deterrence efforts.",
        ]
    );
    assert_eq!(annotations.changed_from("c1"), None);
    assert_eq!(annotations.changed_from("c2"), None);
}

#[test]
fn a_claim_whose_words_stand_elsewhere_among_other_words_is_reported_moved() {
    let text = "In January the mayor spoke at the town hall. Crime fell by 20 percent last year.\n\n\
        Residents were sceptical of the figure.\n\n\
        In a later interview in June, she repeated it. Crime fell by 20 percent last year.\n";
    let first = text.find("Crime fell").unwrap();
    let claims = vec![claim(
        "c1",
        first..first + "Crime fell by 20 percent last year.".len(),
    )];
    let file = to_file(&doc(text), None, &Annotations::new(claims, vec![]));
    // The January sentence is deleted: its words stand only in June's.
    let edited = text.replacen(" Crime fell by 20 percent last year.", "", 1);
    let (annotations, moved) = super::reanchor(&doc(&edited), &file);
    assert_eq!(annotations.claims().len(), 1);
    assert_eq!(moved, ["c1"]);
    // A paragraph added before it moves it too, but among the same words:
    // nothing to report.
    let edited = format!("Editor's note: updated.\n\n{text}");
    let (annotations, moved) = super::reanchor(&doc(&edited), &file);
    assert_eq!(annotations.claims().len(), 1);
    assert!(moved.is_empty(), "{moved:?}");
}

const NEAR_TWINS: &str = "Officials gave an update on Monday. \
    The unemployment rate rose to 5.2% in March, the highest in two years. \
    The unemployment rate rose to 5.4% in April, the highest in two years. \
    Ministers blamed energy prices.";

#[test]
fn near_identical_sentences_never_swap() {
    let march = "The unemployment rate rose to 5.2% in March, the highest in two years.";
    let april = "The unemployment rate rose to 5.4% in April, the highest in two years.";
    let file = file_with_claims(NEAR_TWINS, &[march]);
    // The annotated sentence removed: its twin still matches fuzzily, but the
    // claim is orphaned rather than moved onto it.
    let removed = NEAR_TWINS.replace(&format!("{march} "), "");
    assert_eq!(reanchor(&file, &removed), (vec![], vec!["c1".to_owned()]));
    // The same for a claim on the second twin.
    let file = file_with_claims(NEAR_TWINS, &[april]);
    let removed = NEAR_TWINS.replace(&format!("{april} "), "");
    assert_eq!(reanchor(&file, &removed), (vec![], vec!["c1".to_owned()]));
    // The annotated twin edited: found and flagged, its twin left alone.
    let file = file_with_claims(NEAR_TWINS, &[march]);
    let edited = NEAR_TWINS.replace("5.2%", "5.3%");
    assert_eq!(
        reanchor(&file, &edited).0,
        found(&[("c1", &march.replace("5.2%", "5.3%"))])
    );
}

#[test]
fn in_a_list_of_look_alikes_a_deleted_item_is_orphaned() {
    // Twelve look-alikes: around the claim, the context repeats too, so only
    // the deletion check (would the old context fit if the claim were
    // gone?) tells a deleted item from an edited one.
    let months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let items: Vec<String> = months
        .iter()
        .enumerate()
        .map(|(i, m)| format!("Sales rose {}% in {m}.", i + 3))
        .collect();
    let text = items.join(" ");
    let file = file_with_claims(&text, &[&items[5]]);
    assert_eq!(items[5], "Sales rose 8% in June.");
    let removed = text.replace(&format!("{} ", items[5]), "");
    assert_eq!(reanchor(&file, &removed), (vec![], vec!["c1".to_owned()]));
    let edited = text.replace("8% in June", "8.5% in June");
    assert_eq!(
        reanchor(&file, &edited).0,
        found(&[("c1", "Sales rose 8.5% in June.")])
    );
}

#[test]
fn a_rewritten_sentence_is_orphaned() {
    let file = file_with_claims(
        PARAGRAPHS,
        &["The central bank kept its main rate at 4% on Thursday."],
    );
    let edited = PARAGRAPHS.replace(
        "The central bank kept its main rate at 4% on Thursday.",
        "Rates were left alone by policymakers this week.",
    );
    assert_eq!(reanchor(&file, &edited).1, ["c1"]);
}

#[test]
fn records_without_context_are_found_verbatim_but_never_fuzzily() {
    let mut file = file_with_claims(
        PARAGRAPHS,
        &["The central bank kept its main rate at 4% on Thursday."],
    );
    for claim in &mut file.claims {
        claim.prefix.clear();
        claim.suffix.clear();
    }
    let moved = format!("Updated.\n\n{PARAGRAPHS}");
    assert_eq!(reanchor(&file, &moved).0.len(), 1);
    let edited = PARAGRAPHS.replace("at 4% on", "at 4.25% on");
    assert_eq!(reanchor(&file, &edited).1, ["c1"]);
}

#[test]
fn speaker_fixes_are_reanchored_with_their_context() {
    let text = "The minister spoke at length on Monday. “We will not back down,” she said. End.";
    let d = doc(text);
    let at = text.find('“').unwrap();
    let span = at..text.find(" she").unwrap();
    let annotations = Annotations::default().with_speakers(
        vec![SpeakerFix {
            span,
            speaker: None,
            speaker_text: Some("Jane Doe".to_owned()),
        }],
        vec![],
    );
    let file = to_file(&d, None, &annotations);
    assert_eq!(file.speakers[0].prefix, "ster spoke at length on Monday. ");
    assert_eq!(file.speakers[0].suffix, " she said. End.");
    let edited =
        "Updated. The minister spoke at length on Monday. “We won't back down,” she said. End.";
    let again = claims_from_file(&doc(edited), &file);
    assert_eq!(
        doc(edited).slice(again.speakers()[0].span.clone()),
        "“We won't back down,”"
    );
}

#[test]
fn a_changed_claim_is_found_even_where_copies_of_its_old_words_remain() {
    let text = "The report, published on Monday by the ministry, says this. The deficit was 5% of output. Critics called it optimistic.\n\n\
        In summary: The deficit was 5% of output. Next year looks worse.\n\n\
        Recap for readers: The deficit was 5% of output. That is all.";
    let first = text.find("The deficit").unwrap();
    let before = doc(text);
    let file = to_file(
        &before,
        None,
        &Annotations::new(vec![claim("c1", first..first + 29)], vec![]),
    );
    assert_eq!(file.claims[0].exact, "The deficit was 5% of output.");
    // The claimed sentence corrected; the summary and recap still say 5%,
    // in other surroundings.
    let edited = text.replacen("was 5% of", "was 5.4% of", 1);
    let d = doc(&edited);
    let annotations = claims_from_file(&d, &file);
    let span = annotations.claims()[0].span.clone();
    assert_eq!(span.start, first);
    assert_eq!(d.slice(span), "The deficit was 5.4% of output.");
    assert_eq!(
        annotations.changed_from("c1"),
        Some("The deficit was 5% of output.")
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any stored selector against any edited text: no panic, and a
        /// span found is a non-empty range on char boundaries.
        #[test]
        fn locate_returns_valid_spans(
            text in "(\\PC|\\s){0,120}",
            from in 0usize..130,
            len in 0usize..40,
            edit_at in 0usize..130,
            insert in "(\\PC|\\s){0,8}",
            start in 0usize..200,
        ) {
            let chars: Vec<char> = text.chars().collect();
            let take = |a: usize, b: usize| -> String {
                chars[a.min(chars.len())..b.min(chars.len())].iter().collect()
            };
            let exact = take(from, from + len);
            let prefix = take(from.saturating_sub(32), from);
            let suffix = take(from + len, from + len + 32);
            let mut edited: Vec<char> = chars.clone();
            let at = edit_at.min(edited.len());
            edited.splice(at..at, insert.chars());
            let edited: String = edited.into_iter().collect();
            let d = doc(&edited);
            let selector = Selector {
                start,
                end: start + len,
                exact: &exact,
                prefix: &prefix,
                suffix: &suffix,
            };
            if let Some((span, _)) = locate(&d, &selector) {
                prop_assert!(span.start < span.end);
                prop_assert!(d.text().get(span).is_some());
            }
        }
    }
}

#[test]
fn a_claim_too_long_for_the_fuzzy_step_survives_new_line_endings() {
    // The whole sample article, over 2,000 chars, claimed; the file is then
    // saved with Windows line endings. Its words are all there, so the
    // claim is found, unflagged; the words of an edit are not.
    let text = std::fs::read_to_string("samples/macron-moscow.txt").unwrap();
    let words = text.trim();
    assert!(words.chars().count() > 2_000);
    let file = file_with_claims(&text, &[words]);
    let crlf = text.replace('\n', "\r\n");
    let (found, orphans) = reanchor(&file, &crlf);
    assert_eq!(found, [("c1".to_owned(), crlf.trim().to_owned())]);
    assert!(orphans.is_empty());
    let annotations = claims_from_file(&doc(&crlf), &file);
    assert_eq!(annotations.changed_from("c1"), None);
    // One word changed: a long claim stays orphaned, as before.
    let edited = crlf.replace("Vladimir Putin", "Vladimir V. Putin");
    let (found, orphans) = reanchor(&file, &edited);
    assert!(found.is_empty());
    assert_eq!(orphans, ["c1"]);
}

#[test]
fn a_changed_claim_never_takes_in_the_end_of_the_paragraph_before_it() {
    // Shaped like the trial's BBC article: a headline, then the claim as
    // the first sentence. The headline's last words and a figure in the
    // claim change in one edit; the fuzzy step once began the claim at
    // the headline's last letter ("t\n\nMaternity pay…").
    let text = "Labour plans maternity pay rise\n\n\
        Maternity pay for new mothers is to rise by £1,400 as part of new proposals announced by the Trade and Industry Secretary.\n\n\
        The plans were set out on Monday.\n";
    let claimed = "Maternity pay for new mothers is to rise by £1,400 as part of new proposals announced by the Trade and Industry Secretary.";
    let file = file_with_claims(text, &[claimed]);
    let edited = text
        .replace("plans maternity pay rise", "unveils maternity pay boost")
        .replace("£1,400", "£1,600");
    let (found_now, orphans) = reanchor(&file, &edited);
    assert!(orphans.is_empty());
    assert_eq!(
        found_now,
        found(&[("c1", &claimed.replace("£1,400", "£1,600"))])
    );
}
