//! `factcheck batch` streams: records come out in input order while input
//! is still being written, and memory does not grow with the input.
//!
//! The suite runs the debug binary on 2 cores within CI's budget, so this
//! test feeds 100,000 generated statements through stdin against a
//! one-document corpus; the 1,000,000-statement run is part of the release
//! benchmark (`cargo bench --bench scale -- --stream-lines 1000000`, see
//! BENCHMARKS.md). Peak RSS is read from `/proc/<pid>/status` (`VmHWM`)
//! while the process runs, once after a tenth of the output and again at
//! the end: if the input were held, the late peak would be far above the
//! early one.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use crate::util::TestEnv;

/// Statements fed through the binary. At 100,000 the input is about 5 MB
/// and the records about 40 MB, far above what the bound below allows to
/// grow, while a debug build still finishes in well under a minute.
const STATEMENTS: usize = 100_000;

/// How much the peak RSS may grow after the first tenth of the run.
const GROWTH_ALLOWED_KIB: u64 = 8 * 1024;

/// The statement on input line `i`: three kinds in turn, so supported,
/// conflicting and unrelated statements all pass through.
fn statement(i: usize) -> String {
    match i % 3 {
        0 => format!("{{\"id\": {i}, \"claim\": \"The mill made 40 chairs in 1990.\"}}"),
        1 => format!("{{\"id\": {i}, \"claim\": \"The mill made 41 chairs in 1990.\"}}"),
        _ => format!("{{\"id\": {i}, \"claim\": \"Owls hunt at night {i}.\"}}"),
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
            writeln!(stdin, "{}", statement(i)).unwrap();
        }
    });
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut records = 0usize;
    let mut early_peak = None;
    let mut late_peak = 0;
    for line in stdout.lines() {
        let line = line.unwrap();
        // Records come out in input order, each with its statement's id.
        let record: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(record["id"], records.to_string(), "{line}");
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
