//! A binary file is refused by the reader exactly as by `folio export`: one
//! line on standard error, a failing exit status, and the terminal untouched.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;

/// The start of an x86-64 ELF executable followed by zeroed header fields and
/// some machine code: what `/bin/ls` begins with.
fn elf_bytes() -> Vec<u8> {
    let mut bytes = b"\x7fELF\x02\x01\x01\x00".to_vec();
    bytes.extend([0u8; 8]);
    bytes.extend(b"\x03\x00\x3e\x00\x01\x00\x00\x00");
    bytes.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    bytes
}

fn stderr_of_failure(args: &[&str], dir: &std::path::Path, stdin: &[u8]) -> String {
    let output = Command::cargo_bin("folio")
        .unwrap()
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", "/nonexistent-folio-test")
        .args(args)
        .write_stdin(stdin)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        output.stdout.is_empty(),
        "{args:?} wrote to standard output"
    );
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn the_reader_refuses_a_binary_file_with_the_line_export_gives() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ls"), elf_bytes()).unwrap();
    let line = "folio: ls looks like a binary file, not an article (a NUL byte at byte 7)\n";
    assert_eq!(stderr_of_failure(&["export", "ls"], dir.path(), b""), line);
    assert_eq!(stderr_of_failure(&["ls"], dir.path(), b""), line);
    assert_eq!(
        stderr_of_failure(&["--no-mouse", "ls", "ls"], dir.path(), b""),
        line
    );
}

#[test]
fn binary_standard_input_is_refused_with_the_same_line() {
    // The reader reads standard input off the UI thread, so only the
    // subcommand's refusal is timing-free to test here.
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        stderr_of_failure(&["export", "-"], dir.path(), &elf_bytes()),
        "folio: - looks like a binary file, not an article (a NUL byte at byte 7)\n"
    );
}

/// A device that never ends is judged by its first bytes, not read to its
/// end (which filled memory without limit).
#[cfg(unix)]
#[test]
fn an_endless_binary_device_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    for subcommand in ["export", "text", "entities"] {
        let stderr = stderr_of_failure(&[subcommand, "/dev/zero"], dir.path(), b"");
        assert_eq!(
            stderr,
            "folio: /dev/zero looks like a binary file, not an article (a NUL byte at byte 0)\n"
        );
    }
    // The same for standard input: a megabyte of NULs stops at the first.
    let stderr = stderr_of_failure(&["text", "-"], dir.path(), &vec![0u8; 1 << 20]);
    assert!(stderr.contains("a NUL byte at byte 0"), "{stderr}");
}
