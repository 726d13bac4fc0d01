//! `factcheck batch` streams: records come out in input order while input
//! is still being written, and memory does not grow with the input.
//!
//! A million generated statements go through the debug binary's stdin
//! against a one-document corpus, as CI runs it (2 cores). What a
//! statement costs is its verification, so most of them are cheap to
//! check: statements without a word to search for ("?", "..."), which go
//! through reading, analysis, retrieval (no query), the verdict, the
//! report and the ordered writer like any other. One in a hundred is a
//! real statement (supported, changed number, unrelated) whose verdict is
//! checked too. Peak RSS is read from `/proc/<pid>/status` (`VmHWM`) while
//! the process runs, once after a tenth of the output and again at nine
//! tenths: if the input or the output were held, the late peak would be
//! far above the early one (the input is about 40 MB, the output 200 MB).

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use crate::util::TestEnv;

/// Statements fed through the binary.
const STATEMENTS: usize = 1_000_000;

/// How much the peak RSS may grow after the first tenth of the run.
const GROWTH_ALLOWED_KIB: u64 = 8 * 1024;

/// Claims without a word to search for: checked, and found to be about
/// nothing in the corpus, without a search.
const WORDLESS: [&str; 5] = ["?", "...", "!", "?!", "--"];

/// Writes the statement of input line `i`.
fn write_statement(out: &mut impl Write, i: usize) -> std::io::Result<()> {
    match i % 100 {
        0 => writeln!(
            out,
            "{{\"id\": {i}, \"claim\": \"The mill made 40 chairs in 1990.\"}}"
        ),
        33 => writeln!(
            out,
            "{{\"id\": {i}, \"claim\": \"The mill made 41 chairs in 1990.\"}}"
        ),
        66 => writeln!(
            out,
            "{{\"id\": {i}, \"claim\": \"Owls hunt at night {i}.\"}}"
        ),
        n => writeln!(
            out,
            "{{\"id\": {i}, \"claim\": \"{}\"}}",
            WORDLESS[n % WORDLESS.len()]
        ),
    }
}

/// The verdict the statement of line `i` must get, for the real ones.
fn expected_verdict(i: usize) -> Option<&'static str> {
    match i % 100 {
        0 => Some("supported"),
        33 => Some("conflicting"),
        66 => Some("not_enough_info"),
        _ => None,
    }
}

/// Peak resident memory of a running process, in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn batch_streams_a_large_input_with_flat_memory() {
    let env = TestEnv::new();
    let corpus = env.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("mill.txt"),
        "The mill made 40 chairs in 1990. It closed in 2001.\n",
    )
    .unwrap();
    let corpus = corpus.display().to_string();
    let mut child = env
        .command(&[
            "batch",
            "-",
            "--input-format",
            "jsonl",
            "--corpus",
            &corpus,
            "-q",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let mut stdin = std::io::BufWriter::new(&mut stdin);
        for i in 0..STATEMENTS {
            write_statement(&mut stdin, i).unwrap();
        }
    });
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut records = 0usize;
    let mut early_peak = None;
    let mut late_peak = 0;
    let mut id = String::new();
    for line in stdout.lines() {
        let line = line.unwrap();
        // Records come out in input order, each with its statement's id
        // (checked on the text: parsing a million records in a debug
        // build would cost more than producing them).
        id.clear();
        write!(id, "{{\"id\":\"{records}\",").unwrap();
        assert!(line.starts_with(&id), "expected {id}: {line}");
        if let Some(verdict) = expected_verdict(records) {
            let record: serde_json::Value = serde_json::from_str(&line).unwrap();
            assert_eq!(record["verdict"], verdict, "{line}");
        }
        records += 1;
        if records == STATEMENTS / 10 {
            early_peak = peak_rss_kib(pid);
        }
        // At nine tenths the process still has chunks to check, so it is
        // surely running (at the very end it may be gone already).
        if records == STATEMENTS / 10 * 9 {
            late_peak = peak_rss_kib(pid).unwrap_or(0);
        }
    }
    writer.join().unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(records, STATEMENTS);
    // Without /proc (not Linux) there is nothing to compare.
    if let Some(early) = early_peak {
        assert!(late_peak > 0, "no peak RSS read at nine tenths");
        assert!(
            late_peak <= early + GROWTH_ALLOWED_KIB,
            "peak RSS grew from {early} KiB to {late_peak} KiB"
        );
    }
}
