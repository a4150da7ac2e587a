//! Corpus runs as a process: `--format jsonl` over folders and
//! `--files-from`, in input order, each record equal to the single-article
//! output; failed articles as error records with exit status 3;
//! `--output-dir`; `--glob`; Ctrl-C ends after complete lines.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use serde_json::Value;

fn folio() -> Command {
    Command::cargo_bin("folio").unwrap()
}

/// A corpus of real articles in a temporary folder: the sample, the test
/// fixtures (Markdown, HTML), a short text of ours, a binary file and an
/// annotation file (not an article).
fn corpus() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("b/c")).unwrap();
    let copy = |from: &str, to: &str| std::fs::copy(from, root.join(to)).unwrap();
    copy("samples/macron-moscow.txt", "a.txt");
    copy("tests/fixtures/briefing.md", "b/briefing.md");
    copy("tests/fixtures/news-page.html", "b/c/page.html");
    std::fs::write(
        root.join("b/short.txt"),
        "Angela Merkel met Olaf Scholz in Berlin. \"We agree,\" Scholz said.\n",
    )
    .unwrap();
    std::fs::write(root.join("b/z.bin"), b"\x7fELF\x02\x01\x01\x00\x00\x00\x00").unwrap();
    std::fs::write(root.join("gone.txt.folio.toml"), "not read as an article").unwrap();
    // In walk order: names sorted in each folder, depth first.
    let articles = [
        "a.txt",
        "b/briefing.md",
        "b/c/page.html",
        "b/short.txt",
        "b/z.bin",
    ]
    .iter()
    .map(|p| root.join(p))
    .collect();
    (dir, articles)
}

fn records(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn single_json(sub: &str, path: &Path) -> Value {
    let out = folio()
        .args([sub, path.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn jsonl_records_equal_the_single_article_json_in_walk_order_and_a_bad_article_is_an_error_record()
{
    let (dir, articles) = corpus();
    for sub in ["entities", "quotes"] {
        let out = folio()
            .args([
                sub,
                dir.path().to_str().unwrap(),
                "--format",
                "jsonl",
                "--jobs",
                "2",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "some articles failed");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let binary = articles[4].display().to_string();
        assert_eq!(
            stderr,
            format!(
                "folio: {binary} looks like a binary file, not an article (a NUL byte at byte 7)\nfolio: 1 of 5 articles failed\n"
            )
        );
        let records = records(&out.stdout);
        let paths: Vec<&str> = records
            .iter()
            .map(|r| r["path"].as_str().unwrap())
            .collect();
        let expected: Vec<String> = articles.iter().map(|p| p.display().to_string()).collect();
        assert_eq!(paths, expected);
        for (record, path) in records.iter().zip(&articles).take(4) {
            let mut record = record.as_object().unwrap().clone();
            record.remove("path");
            let sha256 = record.remove("sha256").unwrap();
            let single = single_json(sub, path);
            assert_eq!(sha256, single["article"]["sha256"]);
            assert_eq!(Value::Object(record), single, "{sub} {}", path.display());
        }
        assert!(!records[0][sub].as_array().unwrap().is_empty());
        assert_eq!(
            records[4],
            serde_json::json!({
                "path": binary,
                "error": format!("{binary} looks like a binary file, not an article (a NUL byte at byte 7)"),
            })
        );
    }
}

#[test]
fn a_list_on_standard_input_keeps_its_order_and_a_missing_file_is_an_error_record() {
    let (_dir, articles) = corpus();
    let missing = articles[0].with_file_name("missing.txt");
    let list = [&articles[3], &missing, &articles[0], &articles[1]];
    let stdin: String = list.iter().map(|p| format!("{}\n", p.display())).collect();
    let out = folio()
        .args(["text", "--format", "jsonl", "--files-from", "-", "-j", "2"])
        .write_stdin(stdin)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .ends_with("folio: 1 of 4 articles failed\n")
    );
    let records = records(&out.stdout);
    assert_eq!(records.len(), 4);
    for (record, path) in records.iter().zip(list) {
        assert_eq!(record["path"], path.display().to_string());
        if path == &missing {
            assert!(record["error"].as_str().unwrap().starts_with("cannot read"));
            continue;
        }
        let text = folio()
            .args(["text", path.to_str().unwrap()])
            .output()
            .unwrap()
            .stdout;
        assert_eq!(record["text"].as_str().unwrap().as_bytes(), text.as_slice());
        assert_eq!(record["sha256"].as_str().unwrap().len(), 64);
    }
}

#[test]
fn export_jsonl_of_one_article_is_the_annotation_file_with_path_and_sha256() {
    let sample = "samples/macron-moscow.txt";
    let out = folio()
        .args(["export", sample, "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let records = records(&out.stdout);
    assert_eq!(records.len(), 1);
    let toml_text = folio().args(["export", sample]).output().unwrap().stdout;
    let file: toml::Value = toml::from_str(std::str::from_utf8(&toml_text).unwrap()).unwrap();
    let file = serde_json::to_value(file).unwrap();
    let mut record = records[0].as_object().unwrap().clone();
    assert_eq!(record.remove("path").unwrap(), sample);
    assert_eq!(record.remove("sha256").unwrap(), file["article"]["sha256"]);
    assert_eq!(Value::Object(record), file);
}

#[test]
fn output_dir_writes_each_articles_single_output_under_its_path() {
    let (dir, articles) = corpus();
    let out_dir = tempfile::tempdir().unwrap();
    let out = folio()
        .args([
            "export",
            "--output-dir",
            out_dir.path().to_str().unwrap(),
            "--glob",
            "*.txt",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    for article in [&articles[0], &articles[3]] {
        let mut written = out_dir.path().to_path_buf();
        written.extend(article.components().skip(1));
        let written = PathBuf::from(format!("{}.folio.toml", written.display()));
        let single = folio()
            .args(["export", article.to_str().unwrap()])
            .output()
            .unwrap()
            .stdout;
        assert_eq!(
            std::fs::read(&written).unwrap(),
            single,
            "{}",
            written.display()
        );
    }
    // --glob '*.txt' left out the Markdown, HTML and binary articles.
    let count = walk_count(out_dir.path());
    assert_eq!(count, 2);
}

#[test]
fn tables_and_texts_of_many_articles_follow_one_another_under_their_paths() {
    let (dir, articles) = corpus();
    for sub in ["entities", "quotes", "suggest", "text"] {
        let out = folio().args([sub, "-q"]).arg(dir.path()).output().unwrap();
        // The binary file fails: said on standard error, status 3.
        assert_eq!(out.status.code(), Some(3), "{sub}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("z.bin looks like a binary file"),
            "{stderr}"
        );
        let mut expected = String::new();
        for article in articles.iter().filter(|a| !a.ends_with("z.bin")) {
            let single = folio().arg(sub).arg(article).output().unwrap();
            assert!(single.status.success());
            expected.push_str(&format!(
                "==> {} <==\n{}\n",
                article.display(),
                String::from_utf8(single.stdout).unwrap()
            ));
        }
        assert_eq!(String::from_utf8(out.stdout).unwrap(), expected, "{sub}");
    }
}

#[test]
fn output_dir_refuses_tables_before_making_the_folder() {
    let (dir, _) = corpus();
    let parent = tempfile::tempdir().unwrap();
    let out_dir = parent.path().join("out");
    let out = folio()
        .args(["entities", "--format", "table", "--output-dir"])
        .args([&out_dir, dir.path()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--output-dir writes --format json, toml or jsonl, not tables"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !out_dir.exists(),
        "the refused run made {}",
        out_dir.display()
    );
}

#[test]
fn output_dir_of_entities_as_json_holds_what_one_article_prints() {
    let (dir, articles) = corpus();
    let out_dir = tempfile::tempdir().unwrap();
    let out = folio()
        // No --format: files are written as JSON unless it says otherwise.
        .args(["entities", "-q", "--output-dir"])
        .args([out_dir.path(), &articles[1], &articles[2]])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for article in &articles[1..3] {
        let mut written = out_dir.path().to_path_buf();
        written.extend(article.components().skip(1));
        let written = PathBuf::from(format!("{}.entities.json", written.display()));
        let single = folio()
            .args(["entities", article.to_str().unwrap(), "--format", "json"])
            .output()
            .unwrap()
            .stdout;
        assert_eq!(
            std::fs::read(&written).unwrap(),
            single,
            "{}",
            written.display()
        );
    }
    assert_eq!(walk_count(out_dir.path()), 2);
    drop(dir);
}

fn walk_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            if path.is_dir() { walk_count(&path) } else { 1 }
        })
        .sum()
}

#[test]
fn many_articles_without_jsonl_or_an_output_folder_are_refused() {
    // TOML documents cannot follow one another as tables can.
    let out = folio()
        .args([
            "entities",
            "--format",
            "toml",
            "samples/macron-moscow.txt",
            "samples/macron-moscow.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("--format jsonl")
    );
}

#[test]
fn ctrl_c_ends_the_run_after_complete_lines_with_status_130() {
    let (_dir, articles) = corpus();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["entities", "--format", "jsonl", "--files-from", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Two articles, then the list stays open: folio waits for more.
    writeln!(
        stdin,
        "{}\n{}",
        articles[0].display(),
        articles[3].display()
    )
    .unwrap();
    stdin.flush().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    for _ in 0..2 {
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        lines.push(line);
    }
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert_eq!(rest, "");
    for line in &lines {
        assert!(line.ends_with('\n'));
        let record: Value = serde_json::from_str(line).unwrap();
        assert!(record["entities"].is_array());
    }
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(stderr, "folio: interrupted after 2 articles\n");
    drop(stdin);
}

#[test]
fn a_job_count_out_of_range_is_refused_before_any_work() {
    let (dir, _) = corpus();
    let out = folio()
        .args(["text", "--format", "jsonl", "-j", "99999999999"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a usage error, no abort");
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("not in 1..=1024"), "{stderr}");
}

#[test]
fn a_glob_that_matches_nothing_says_so() {
    let (dir, _) = corpus();
    let out = folio()
        .args(["text", "--format", "jsonl", "--glob", "nowhere/*.txt"])
        .arg(dir.path())
        .output()
        .unwrap();
    // The run did nothing: a script sees it in the status too.
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "folio: no article found (--glob nowhere/*.txt matched no file)\n"
    );
}

#[test]
fn nothing_to_do_is_said_before_anything_about_the_output() {
    let (dir, _) = corpus();
    let empty = dir.path().join("empty.list");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.path().join("binary.list");
    std::fs::write(&binary, b"\x7fELF\x02\x01\x01\x00 binary").unwrap();
    let cases: [(Vec<&std::ffi::OsStr>, String); 3] = [
        // No --format jsonl: the empty list, not the missing format, is
        // what the reader needs to hear.
        (
            vec!["text".as_ref(), "--files-from".as_ref(), empty.as_os_str()],
            "folio: no article found\n".to_owned(),
        ),
        (
            vec![
                "quotes".as_ref(),
                dir.path().as_os_str(),
                "--glob".as_ref(),
                "zzz".as_ref(),
            ],
            "folio: no article found (--glob zzz matched no file)\n".to_owned(),
        ),
        // A binary list fails the run (status 1), not one "article".
        (
            vec![
                "text".as_ref(),
                "--format".as_ref(),
                "jsonl".as_ref(),
                "--files-from".as_ref(),
                binary.as_os_str(),
            ],
            format!(
                "folio: the list of paths {} is not text (a NUL byte at byte 7)\n",
                binary.display()
            ),
        ),
    ];
    for (args, expected) in cases {
        let out = folio().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(String::from_utf8(out.stderr).unwrap(), expected, "{args:?}");
    }
}

#[test]
fn a_second_run_into_an_output_folder_inside_the_corpus_reads_no_output() {
    let (dir, _) = corpus();
    let out_dir = dir.path().join("out");
    let run = || {
        let out = folio()
            .args(["entities", "--format", "json", "--output-dir"])
            .arg(&out_dir)
            .arg(dir.path())
            .output()
            .unwrap();
        // The corpus's binary file is its one error record.
        assert_eq!(out.status.code(), Some(3), "{out:?}");
    };
    let count = || walk_count(&out_dir);
    run();
    let first = count();
    assert!(first > 0);
    // The first run's JSON files are no articles of the second.
    run();
    assert_eq!(count(), first);
}

#[test]
fn suggest_over_a_folder_prints_each_articles_best_sentences_with_its_path() {
    let (dir, articles) = corpus();
    let out = folio()
        .args([
            "suggest",
            dir.path().to_str().unwrap(),
            "--format",
            "jsonl",
            "--top",
            "2",
            "-j",
            "2",
            "-q",
        ])
        .output()
        .unwrap();
    // The binary file is an error record; the run says some failed.
    assert_eq!(out.status.code(), Some(3));
    let lines = records(&out.stdout);
    let path_of = |v: &Value| v["path"].as_str().unwrap().to_owned();
    // Each article's lines are what `folio suggest FILE --format jsonl`
    // prints for it alone, in walk order.
    let mut expected = Vec::new();
    for article in &articles {
        let one = folio()
            .args(["suggest", article.to_str().unwrap(), "--format", "jsonl"])
            .args(["--top", "2"])
            .output()
            .unwrap();
        if one.status.success() {
            expected.extend(records(&one.stdout));
        } else {
            expected.push(serde_json::json!({
                "path": article.to_str().unwrap(),
                "error": lines.iter().find(|l| l["error"].is_string()).unwrap()["error"],
            }));
        }
    }
    assert_eq!(lines, expected);
    // The sample's two best: the NATO sentence, then Biden's troops.
    let sample: Vec<&Value> = lines
        .iter()
        .filter(|l| path_of(l).ends_with("a.txt"))
        .collect();
    assert_eq!(sample.len(), 2);
    assert_eq!(
        (sample[0]["rank"].as_u64(), sample[0]["start"].as_u64()),
        (Some(1), Some(1109))
    );
    assert_eq!(
        (sample[1]["label"].as_str(), sample[1]["start"].as_u64()),
        (Some("statistic"), Some(1522))
    );
    // One file per article with --output-dir, as one article's JSON.
    let out_dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    folio()
        .args([
            "suggest",
            a.to_str().unwrap(),
            "--top",
            "2",
            "-f",
            "json",
            "-q",
        ])
        .arg("--output-dir")
        .arg(out_dir.path())
        .assert()
        .success();
    let written = walk_files(out_dir.path());
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(
        written[0]
            .to_str()
            .unwrap()
            .ends_with("a.txt.suggestions.json")
    );
    let file: Value = serde_json::from_slice(&std::fs::read(&written[0]).unwrap()).unwrap();
    let alone: Value = serde_json::from_slice(
        &folio()
            .args(["suggest", a.to_str().unwrap(), "--top", "2", "-f", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(file, alone);
}

/// Every file below `dir`.
fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_named_pipe_given_by_name_is_an_error_record_not_a_wait_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        // No mkfifo here: nothing to test.
        return;
    }
    let article = dir.path().join("a.txt");
    std::fs::copy("samples/macron-moscow.txt", &article).unwrap();
    let list = format!("{}\n{}\n", fifo.display(), article.display());
    // Before, the run waited for a writer to the pipe for ever, and the
    // article after it waited too.
    let out = folio()
        .args(["entities", "--files-from", "-", "--format", "jsonl", "-q"])
        .write_stdin(list)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let lines = records(&out.stdout);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["path"], fifo.to_str().unwrap());
    assert!(
        lines[0]["error"]
            .as_str()
            .unwrap()
            .ends_with("is a pipe, a device or a socket, not a file: in a run of many articles folio reads only files (give it alone, or on standard input as -)"),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1]["entities"][1]["name"], "Emmanuel Macron");
}
