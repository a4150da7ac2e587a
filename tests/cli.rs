//! The non-interactive command line, run as a process: subcommands print
//! real values from the sample, offsets agree with `folio text`, bad input
//! fails with a clear message and a non-zero exit.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;

const SAMPLE: &str = "samples/macron-moscow.txt";

fn folio() -> Command {
    Command::cargo_bin("folio").unwrap()
}

/// Runs folio with `args`, expects success, returns standard output.
fn stdout_of(args: &[&str]) -> String {
    let output = folio().args(args).assert().success().get_output().clone();
    String::from_utf8(output.stdout).unwrap()
}

/// Runs folio with `args`, expects failure, returns standard error.
fn failure_of(args: &[&str]) -> String {
    let output = folio().args(args).assert().failure().get_output().clone();
    assert!(output.stdout.is_empty());
    String::from_utf8(output.stderr).unwrap()
}

/// Chars `[start, end)` of `text`.
fn chars(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[test]
fn text_prints_the_article_as_folio_reads_it() {
    let text = stdout_of(&["text", SAMPLE]);
    assert_eq!(text, std::fs::read_to_string(SAMPLE).unwrap());
}

#[test]
fn entities_table_lists_kind_count_name_id_and_why() {
    let table = stdout_of(&["entities", SAMPLE]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        "KIND          MENTIONS  NAME                 ID                   WHY"
    );
    assert_eq!(
        lines[2],
        "person        7         Emmanuel Macron      emmanuel-macron      title \"President\" + given name"
    );
    assert!(lines.contains(
        &"organisation  2         NATO                 nato                 gazetteer organisation + typed alike elsewhere"
    ));
    // The panel's "?" row: the model's guess, said as the panel says it.
    assert!(lines.contains(
        &"organisation  1         SWIFT                swift                a guess: word and context"
    ));
}

#[test]
fn quotes_table_gives_offsets_kind_and_speaker() {
    let table = stdout_of(&["quotes", SAMPLE]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 5, "{table}");
    assert_eq!(
        lines[0],
        "ID  START  END   KIND    SPEAKER          HOW      TEXT"
    );
    // "he called for a "new balance"": found through the pronoun.
    assert_eq!(
        lines[1],
        "q1  506    519   speech  Emmanuel Macron  pronoun  \"new balance\""
    );
    assert_eq!(
        lines[2],
        "q2  770    783   scare   -                -        \"Super April\""
    );
    assert!(
        lines[3].starts_with(
            "q3  868    999   speech  Emmanuel Macron  clause   “The geopolitical objective of Russia"
        ),
        "{}",
        lines[3]
    );
    assert!(lines[3].ends_with('…'));
}

#[test]
fn json_offsets_index_the_text_folio_prints() {
    let text = stdout_of(&["text", SAMPLE]);
    let entities: serde_json::Value =
        serde_json::from_str(&stdout_of(&["entities", SAMPLE, "--format", "json"])).unwrap();
    assert_eq!(entities["offset_unit"], "char");
    let list = entities["entities"].as_array().unwrap();
    let macron = list.iter().find(|e| e["id"] == "emmanuel-macron").unwrap();
    assert_eq!(macron["kind"], "person");
    assert_eq!(macron["mentions"][0]["start"], 17);
    let mut spans = 0;
    for entity in list {
        for m in entity["mentions"].as_array().unwrap() {
            let (start, end) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            assert_eq!(chars(&text, start, end), m["exact"].as_str().unwrap());
            spans += 1;
        }
    }
    assert!(spans > 50, "{spans} mentions");

    let quotes: serde_json::Value =
        serde_json::from_str(&stdout_of(&["quotes", SAMPLE, "-f", "json"])).unwrap();
    let q3 = &quotes["quotes"][2];
    assert_eq!(
        (q3["start"].as_u64(), q3["end"].as_u64()),
        (Some(868), Some(999))
    );
    assert_eq!(q3["speaker"], "emmanuel-macron");
    assert_eq!(chars(&text, 868, 999), q3["exact"].as_str().unwrap());
}

#[test]
fn toml_format_parses_and_names_the_article() {
    let out = stdout_of(&["quotes", SAMPLE, "--format", "toml"]);
    let value: toml::Value = toml::from_str(&out).unwrap();
    assert_eq!(value["article"]["path"].as_str(), Some(SAMPLE));
    assert_eq!(value["quotes"].as_array().unwrap().len(), 4);
    assert_eq!(
        value["quotes"][1]["exact"].as_str(),
        Some("\"Super April\"")
    );
}

#[test]
fn bad_input_fails_with_a_clear_message() {
    let missing = failure_of(&["entities", "no/such/article.txt"]);
    assert_eq!(
        missing,
        "folio: cannot read no/such/article.txt: No such file or directory (os error 2)\n"
    );
    assert_eq!(
        failure_of(&["export", "samples"]),
        "folio: samples is a folder: print one record per article with --format jsonl, \
         or write files with --output-dir DIR\n"
    );
    assert_eq!(
        failure_of(&["suggest", "--format", "json", "samples"]),
        "folio: samples is a folder: print one line per suggested sentence with --format \
         jsonl, or write files with --output-dir DIR\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("a.bin");
    std::fs::write(&binary, b"\x7fELF\x02\x01\x01\x00\x00\x00").unwrap();
    let binary = binary.to_str().unwrap();
    assert_eq!(
        failure_of(&["quotes", binary]),
        format!(
            "folio: {binary} looks like a binary file, not an article (a NUL byte at byte 7)\n"
        )
    );
    let bad_format = failure_of(&["entities", SAMPLE, "--format", "xml"]);
    assert!(bad_format.contains("invalid value 'xml'"), "{bad_format}");
}

#[test]
fn help_has_examples_and_version_is_printed() {
    let help = stdout_of(&["--help"]);
    assert!(help.contains("Examples:\n  folio samples/macron-moscow.txt"));
    for sub in ["export", "entities", "quotes", "text", "completions", "man"] {
        assert!(
            help.contains(&format!("\n  {sub} ")),
            "{sub} missing from\n{help}"
        );
    }
    assert_eq!(
        stdout_of(&["--version"]),
        format!("folio {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn completions_and_man_page_are_generated() {
    let bash = stdout_of(&["completions", "bash"]);
    assert!(bash.contains("_folio()"));
    assert!(bash.contains("entities"));
    let fish = stdout_of(&["completions", "fish"]);
    assert!(fish.contains("complete -c folio"));
    let man = stdout_of(&["man"]);
    assert!(man.contains(".TH folio 1"));
    assert!(man.contains("folio\\-entities"), "{man}");
}

#[test]
fn standard_input_is_read_by_every_subcommand() {
    let sample = std::fs::read(SAMPLE).unwrap();
    let piped = |args: &[&str], input: &[u8]| {
        let output = folio()
            .args(args)
            .write_stdin(input.to_vec())
            .assert()
            .success()
            .get_output()
            .clone();
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(piped(&["text", "-"], &sample), stdout_of(&["text", SAMPLE]));
    assert_eq!(
        piped(&["entities", "-"], &sample),
        stdout_of(&["entities", SAMPLE])
    );
    // An HTML page is recognised by its content, without a file name.
    let page = std::fs::read("tests/fixtures/news-page.html").unwrap();
    let text = piped(&["text", "-"], &page);
    assert!(text.starts_with("Macron flies to Moscow for talks with Putin\n\nBy Jane Doe"));
    assert_eq!(text, stdout_of(&["text", "tests/fixtures/news-page.html"]));
}

#[test]
fn export_in_a_pipe_uses_the_annotations_kept_for_that_text() {
    let data = tempfile::tempdir().unwrap();
    let sha = "cfd5f66062d0298d008fecd575ce504fd585d8aaec5a2fd2bf6bd3deadcc93b1";
    let folder = data.path().join("folio/annotations");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join(format!("{sha}.folio.toml")),
        format!(
            "schema = 1\noffset_unit = \"char\"\n\n[article]\npath = \"-\"\nsha256 = \"{sha}\"\n\n\
             [[claims]]\nid = \"c1\"\nstart = 770\nend = 783\nexact = '\"Super April\"'\n\
             label = \"checkable\"\nverdict = \"false\"\ncreated = 2026-11-29T08:00:00Z\n"
        ),
    )
    .unwrap();
    let output = folio()
        .args(["export", "-"])
        .env("XDG_DATA_HOME", data.path())
        .write_stdin(std::fs::read(SAMPLE).unwrap())
        .assert()
        .success()
        .get_output()
        .clone();
    let exported: toml::Value = toml::from_str(&String::from_utf8(output.stdout).unwrap()).unwrap();
    assert_eq!(exported["article"]["path"].as_str(), Some("-"));
    assert_eq!(exported["article"]["sha256"].as_str(), Some(sha));
    assert_eq!(exported["claims"][0]["verdict"].as_str(), Some("false"));
    assert_eq!(exported["claims"][0]["start"].as_integer(), Some(770));
    assert_eq!(exported["quotes"].as_array().unwrap().len(), 4);
}

#[test]
fn empty_standard_input_exports_an_empty_article() {
    let output = folio()
        .args(["entities", "-", "--format", "json"])
        .write_stdin(Vec::new())
        .assert()
        .success()
        .get_output()
        .clone();
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["entities"].as_array().map(Vec::len), Some(0));
}

#[test]
fn export_offsets_of_html_and_markdown_index_the_text_folio_prints() {
    for article in [
        "tests/fixtures/news-page.html",
        "tests/fixtures/briefing.md",
    ] {
        let text = stdout_of(&["text", article]);
        let exported: toml::Value = toml::from_str(&stdout_of(&["export", article])).unwrap();
        let mut spans = 0;
        let mut check = |span: &toml::Value| {
            let start = span["start"].as_integer().unwrap() as u64;
            let end = span["end"].as_integer().unwrap() as u64;
            assert_eq!(
                chars(&text, start, end),
                span["exact"].as_str().unwrap(),
                "{article}"
            );
            spans += 1;
        };
        for entity in exported["entities"].as_array().unwrap() {
            entity["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .for_each(&mut check);
        }
        exported["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .for_each(&mut check);
        assert!(spans >= 15, "{article}: {spans} spans");
    }
}

#[test]
fn standard_input_can_be_named_only_once() {
    let error = failure_of(&["-", "-"]);
    assert_eq!(error, "folio: standard input (-) can be read only once\n");
}

#[test]
fn suggest_ranks_sentences_with_label_reasons_and_offsets_of_folio_text() {
    let text = stdout_of(&["text", SAMPLE]);
    let out = stdout_of(&["suggest", SAMPLE, "--format", "jsonl", "--top", "3"]);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    let scores: Vec<f64> = rows.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]) && scores[2] >= 0.5,
        "{scores:?}"
    );
    for row in &rows {
        let (start, end) = (row["start"].as_u64().unwrap(), row["end"].as_u64().unwrap());
        assert_eq!(chars(&text, start, end), row["text"].as_str().unwrap());
        assert!(row["label"].is_string() && row["reasons"].is_array());
    }
    let table = stdout_of(&["suggest", SAMPLE, "--top", "2"]);
    assert!(table.starts_with("RANK  SCORE"), "{table}");
    assert_eq!(table.lines().count(), 3);
}

#[test]
fn suggest_each_line_prints_one_score_per_line_in_order() {
    let out = folio()
        .args(["suggest", "--each-line", "-"])
        .write_stdin(
            "Unemployment rose by 4 percent in Ohio last year.\n\nI think that's wonderful.\n",
        )
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let scores: Vec<f64> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    assert_eq!(scores.len(), 3);
    assert!(scores[0] > 0.5 && scores[2] < 0.5, "{scores:?}");
    // A binary file is no list of sentences.
    folio()
        .args(["suggest", "--each-line", "-"])
        .write_stdin(&b"\x7fELF\x02\x01\x01\x00\x00"[..])
        .assert()
        .failure()
        .stderr("folio: - looks like a binary file, not sentences (a NUL byte at byte 7)\n");
    // Plain numbers only: a format or a top-N is refused, not ignored.
    let refused = folio()
        .args(["suggest", "--each-line", "--format", "json", "-"])
        .write_stdin("Unemployment rose.\n")
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let refused = String::from_utf8(refused).unwrap();
    assert!(
        refused.contains("cannot be used with '--format"),
        "{refused}"
    );
}

#[test]
fn a_reader_that_closes_the_pipe_early_ends_the_export_quietly() {
    // A long article (the sample 300 times, 1.4 MB): its export fills the
    // pipe long before it is written.
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long.txt");
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    std::fs::write(&long, sample.repeat(300)).unwrap();
    for format in ["toml", "json", "markdown"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("folio"))
            .args(["export", "-f", format])
            .arg(&long)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut head = [0u8; 16];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut head).unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(141), "{format}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{format}");
    }
}
