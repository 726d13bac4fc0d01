//! Hostile input, second round: each test is a defect a hostile user found
//! (issue 14), run through the real binary, and named after what broke.
//! The README's "Bad input" section says what a user gets in each case.

use std::io::Write as _;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::util::{dev_corpus, Run, TestEnv};

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Runs `factcheck ARGS` through `sh -c 'umask UMASK; exec ...'`.
#[cfg(unix)]
fn run_with_umask(env: &TestEnv, umask: &str, args: &[&str]) -> Run {
    let command = env.command(args);
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
    let mut shell = std::process::Command::new("sh");
    shell
        .arg("-c")
        .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
        .arg(program)
        .args(args)
        .current_dir(env.path())
        .env("XDG_CACHE_HOME", env.path().join("cache"))
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null());
    Run::from(shell.output().unwrap())
}

// Data loss.

#[test]
fn rebuild_keeps_other_files_in_the_index_folder() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.path().join("a")).unwrap();
    env.write("a/one.txt", "The mill made 40 chairs in 1990.");
    let run = env.run(&["index", "--corpus", "a", "--index", "idx"]);
    run.expect_code(0);
    env.write("idx/notes.txt", "mine");
    // The corpus changes: the index must be rebuilt, and the folder holds
    // a file factcheck did not make.
    env.write("a/one.txt", "The mill made 41 chairs in 1991.");
    let run = env.run(&["index", "--corpus", "a", "--index", "idx"]);
    assert_eq!(
        std::fs::read_to_string(env.path().join("idx/notes.txt")).unwrap(),
        "mine"
    );
    run.expect_code(2);
    assert!(
        run.stderr.contains("notes.txt") && run.stderr.contains("not made by factcheck"),
        "{}",
        run.stderr
    );
    // `--index .` in a working folder: nothing of it is touched.
    let work = env.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(work.join("draft.md"), "keep").unwrap();
    let corpus = env.path().join("a");
    let mut command = env.command(&[
        "index",
        "--corpus",
        corpus.to_str().unwrap(),
        "--index",
        ".",
    ]);
    let run = Run::from(command.current_dir(&work).output().unwrap());
    run.expect_code(2);
    assert_eq!(names_in(&work), ["draft.md"]);
}

#[cfg(unix)]
#[test]
fn output_to_dev_stdout_appends_to_the_redirected_log() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let log = env.write("log", "earlier line\n");
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o644)).unwrap();
    let appended = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    let output = env
        .command(&["check", "Moscow", "--output", "/dev/stdout"])
        .stdout(appended)
        .output()
        .unwrap();
    assert!(output.status.code().is_some_and(|c| c != 2), "{output:?}");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.starts_with("earlier line\n{"), "{text}");
    assert_eq!(mode_of(&log), 0o644);
}

#[cfg(unix)]
#[test]
fn output_file_mode_follows_the_umask_and_an_existing_file() {
    let env = TestEnv::new();
    run_with_umask(&env, "022", &["check", "Moscow", "--output", "new.jsonl"]);
    assert_eq!(mode_of(&env.path().join("new.jsonl")), 0o644);
    run_with_umask(
        &env,
        "077",
        &["check", "Moscow", "--output", "private.jsonl"],
    );
    assert_eq!(mode_of(&env.path().join("private.jsonl")), 0o600);
    // An existing file keeps its mode, and its other hard links.
    use std::os::unix::fs::PermissionsExt;
    let old = env.write("old.jsonl", "old\n");
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::hard_link(&old, env.path().join("other-name.jsonl")).unwrap();
    run_with_umask(&env, "022", &["check", "Moscow", "--output", "old.jsonl"]);
    assert_eq!(mode_of(&old), 0o640);
    let other = std::fs::read_to_string(env.path().join("other-name.jsonl")).unwrap();
    assert!(other.starts_with('{'), "{other}");
}

#[cfg(unix)]
#[test]
fn signal_mid_run_leaves_no_temporary_output_file() {
    let env = TestEnv::new();
    for signal in ["INT", "TERM", "HUP"] {
        let mut child = env
            .command(&["batch", "-", "--output", "out.jsonl", "--quiet"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"The Eiffel Tower is in Paris\n").unwrap();
        // Wait for the temporary file: the run is past opening its output
        // and waits for more statements.
        let started = Instant::now();
        while !names_in(env.path()).iter().any(|n| n.starts_with(".tmp")) {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "no temporary file"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let killed = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        // A process that ignores the signal (SIGINT is ignored in
        // background jobs) would never end: give it 30 s.
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > Duration::from_secs(30) {
                child.kill().unwrap();
                child.wait().unwrap();
                panic!("SIG{signal} did not end the run");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(!status.success(), "SIG{signal}: {status:?}");
        drop(stdin);
        let left: Vec<String> = names_in(env.path())
            .into_iter()
            .filter(|n| n.starts_with(".tmp") || n == "out.jsonl")
            .collect();
        assert!(left.is_empty(), "SIG{signal} left {left:?}");
    }
}

// Wrong exit status.

#[test]
fn batch_with_stderr_closed_still_exits_2_for_a_failed_line() {
    let env = TestEnv::new();
    env.write(
        "claims.jsonl",
        "{\"claim\": \"\"}\n{\"claim\": \"Moscow\"}\n",
    );
    let corpus = dev_corpus();
    let mut child = env
        .command(&["batch", "claims.jsonl", "--corpus", &corpus])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    assert_eq!(child.wait().unwrap().code(), Some(2));
}

#[cfg(target_os = "linux")]
#[test]
fn completions_to_a_full_disk_is_an_error_not_a_panic() {
    let env = TestEnv::new();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let run = Run::from(
        env.command(&["completions", "bash"])
            .stdout(full)
            .output()
            .unwrap(),
    );
    run.expect_code(2);
    assert!(run.stderr.contains("No space left"), "{}", run.stderr);
}

// Damaged or hostile corpora.

/// Runs to completion, or kills the run after `limit` and fails.
fn run_within(env: &TestEnv, args: &[&str], limit: Duration) -> Run {
    let child = env
        .command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    // Read both streams while waiting: a full pipe would stall the run.
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || sender.send(child.wait_with_output()));
    match receiver.recv_timeout(limit) {
        Ok(output) => Run::from(output.unwrap()),
        Err(_) => {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("factcheck {args:?} still running after {limit:?}");
        }
    }
}

#[test]
fn deep_folder_tree_is_capped_with_a_warning_not_a_stack_overflow() {
    let env = TestEnv::new();
    env.write("top.txt", "The mill made 40 chairs.");
    let mut deep = env.path().to_path_buf();
    for _ in 0..1100 {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("deep.txt"), "Deep down.").unwrap();
    let run = env.run(&["index", "--corpus", ".", "--index", "../idx"]);
    run.expect_code(0);
    assert!(run.stdout.contains("1 document"), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("more than 128 levels below the corpus folder"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn symlinks_cannot_multiply_a_file_into_many_documents() {
    let env = TestEnv::new();
    // c/0 holds two links to c/1, which holds two links to c/2, ...: 2^24
    // paths to the one file at the end.
    const LEVELS: usize = 24;
    for level in 0..=LEVELS {
        let folder = env.path().join(format!("c/{level}"));
        std::fs::create_dir_all(&folder).unwrap();
        if level < LEVELS {
            let next = env.path().join(format!("c/{}", level + 1));
            std::os::unix::fs::symlink(&next, folder.join("x")).unwrap();
            std::os::unix::fs::symlink(&next, folder.join("y")).unwrap();
        }
    }
    env.write(&format!("c/{LEVELS}/end.txt"), "The mill made 40 chairs.");
    std::os::unix::fs::symlink(
        env.path().join(format!("c/{LEVELS}/end.txt")),
        env.path().join("c/again.txt"),
    )
    .unwrap();
    let run = run_within(
        &env,
        &["index", "--corpus", "c", "--index", "idx"],
        Duration::from_secs(30),
    );
    run.expect_code(0);
    assert!(run.stdout.contains("1 document,"), "{}", run.stdout);
    assert!(run.stderr.contains("same file as"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn huge_sparse_binary_file_is_sniffed_not_read_and_big_text_is_capped() {
    let env = TestEnv::new();
    env.write("a.txt", "The mill made 40 chairs.");
    // 3 GB of zeros, taking no disk space.
    let binary = std::fs::File::create(env.path().join("disk.txt")).unwrap();
    binary.set_len(3 << 30).unwrap();
    // Text at its start, then 300 MB: over the document size cap.
    let mut text = std::fs::File::create(env.path().join("dump.txt")).unwrap();
    text.write_all("Word ".repeat(4000).as_bytes()).unwrap();
    text.set_len(300 << 20).unwrap();
    let run = run_within(
        &env,
        &["index", "--corpus", ".", "--index", "../idx"],
        Duration::from_secs(20),
    );
    run.expect_code(0);
    assert!(run.stdout.contains("1 document,"), "{}", run.stdout);
    // Over the cap, told from its size; were it under, from its first 8 KiB.
    assert!(
        run.stderr.contains("disk.txt': it is too large"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("dump.txt': it is too large (314572800 bytes"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn named_pipe_with_a_document_name_is_skipped_with_a_warning() {
    let env = TestEnv::new();
    env.write("a.txt", "The mill made 40 chairs.");
    let made = std::process::Command::new("mkfifo")
        .arg(env.path().join("pipe.txt"))
        .status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let run = run_within(
        &env,
        &["index", "--corpus", ".", "--index", "../idx"],
        Duration::from_secs(20),
    );
    run.expect_code(0);
    assert!(
        run.stderr.contains("pipe.txt': it is not a regular file"),
        "{}",
        run.stderr
    );
}

#[cfg(target_os = "linux")]
#[test]
fn file_names_differing_only_in_invalid_bytes_are_told_apart() {
    use std::os::unix::ffi::OsStrExt;
    let env = TestEnv::new();
    for byte in [0xff_u8, 0xfe] {
        let bytes = [b'a', byte, b'.', b't', b'x', b't'];
        let name = std::ffi::OsStr::from_bytes(&bytes);
        // Not UTF-8 inside either: each is named in a warning.
        std::fs::write(env.path().join(name), b"Caf\xe9 open.").unwrap();
    }
    let run = env.run(&["index", "--corpus", ".", "--index", "../idx"]);
    run.expect_code(0);
    assert!(run.stdout.contains("2 documents"), "{}", run.stdout);
    assert!(
        run.stderr.contains("a\\xFE.txt") && run.stderr.contains("a\\xFF.txt"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn terminal_escapes_in_a_reviewed_claims_file_never_reach_stderr_raw() {
    let env = TestEnv::new();
    env.write("a.txt", "The mill made 40 chairs.");
    env.write(
        "\u{1b}]0;owned\u{7}.claims.jsonl",
        "{\"claim\": \"The mill made chairs\", \"verdict\": \"\\u001b[2J\\u009b31mfalse\"}\n",
    );
    let run = env.run(&["check", "--corpus", ".", "chairs"]);
    assert!(
        run.stderr.contains("is not \"supported\""),
        "{}",
        run.stderr
    );
    let raw: Vec<char> = run
        .stderr
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(raw.is_empty(), "raw {raw:?} in {:?}", run.stderr);
}

// Time and memory bounds.

#[test]
fn statement_listing_years_against_a_passage_listing_years_is_checked_quickly() {
    let env = TestEnv::new();
    let years = |from: usize, n: usize, cycle: usize| -> String {
        (0..n)
            .map(|i| (from + i % cycle).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    std::fs::create_dir_all(env.path().join("c")).unwrap();
    // The case as found: 16,000 bytes listing 2,700 years against a
    // passage listing 3,000, half of them the same years. Rescanning every date for every pair of dates
    // took 44 s of CPU in a release build; now about 4 s in a debug one.
    env.write(
        "c/years.txt",
        format!("The mill was built in {}.\n", years(1000, 3000, 1000)),
    );
    let mut statement = format!("The mill was built in {}", years(1500, 2700, 500));
    statement.truncate(16_000);
    env.write("claims.txt", format!("{statement}\n"));
    env.run(&["index", "--corpus", "c", "--index", "idx"])
        .expect_code(0);
    let started = Instant::now();
    let run = run_within(
        &env,
        &["batch", "claims.txt", "--corpus", "c", "--index", "idx"],
        Duration::from_secs(60),
    );
    assert!(run.record().verdict.is_some(), "{}", run.stderr);
    eprintln!("checked in {:?}", started.elapsed());
}

#[test]
fn one_sentence_megabyte_passage_is_indexed_and_checked_quickly() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.path().join("c")).unwrap();
    let words = [
        "the", "mill", "made", "chairs", "in", "town", "river", "old",
    ];
    // 200 KB without a full stop (scaled down from 10 MB, see
    // BENCHMARKS.md): one passage before, its whole text the evidence.
    let sentence: Vec<&str> = (0..40_000).map(|i| words[(i * 7 + i / 8) % 8]).collect();
    env.write("c/long.txt", format!("{}.\n", sentence.join(" ")));
    let started = Instant::now();
    let run = run_within(
        &env,
        &[
            "check",
            "--corpus",
            "c",
            "--index",
            "idx",
            "The mill made chairs in the old town",
        ],
        Duration::from_secs(60),
    );
    let record = run.record();
    assert!(record.verdict.is_some(), "{}", run.stderr);
    // The evidence is a bounded piece of the line, not all of it.
    let evidence = &record.evidence;
    assert!(!evidence.is_empty());
    assert!(
        evidence.iter().all(|e| e.text.len() <= 4096),
        "{}",
        evidence[0].text.len()
    );
    eprintln!("indexed and checked in {:?}", started.elapsed());
}

#[test]
fn claimreview_output_cannot_close_its_script_element() {
    let env = TestEnv::new();
    let statement = "149 people died </script><script>alert(1)</script> & \u{9b}31m";
    let run = env.run(&[
        "check",
        "--format",
        "claimreview",
        "--author",
        "Example Checks",
        "--url",
        "https://example.org/checks/{id}",
        "--date",
        "2026-03-01",
        statement,
    ]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    for raw in ["<", ">", "&", "\u{9b}"] {
        assert!(!run.stdout.contains(raw), "{raw:?} in {}", run.stdout);
    }
    let reviews: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(reviews[0]["claimReviewed"], statement);
}

// Smaller.

#[test]
fn long_numeric_ids_are_written_back_as_given_and_stay_apart() {
    let env = TestEnv::new();
    env.write(
        "claims.jsonl",
        "{\"id\": 12345678901234567890123, \"claim\": \"Moscow\"}\n\
         {\"id\": 12345678901234567890124, \"claim\": \"Paris\"}\n",
    );
    let run = env.run(&["batch", "claims.jsonl"]);
    let ids: Vec<Option<String>> = run.records().into_iter().map(|r| r.id).collect();
    assert_eq!(
        ids,
        [
            Some("12345678901234567890123".to_string()),
            Some("12345678901234567890124".to_string())
        ]
    );
}

#[test]
fn utf16_statement_file_and_carriage_return_line_ends_are_read() {
    let env = TestEnv::new();
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "Moscow is big\r\nParis is old\r\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    env.write("utf16.txt", utf16);
    let run = env.run(&["batch", "utf16.txt"]);
    let claims: Vec<String> = run.records().into_iter().map(|r| r.claim).collect();
    assert_eq!(claims, ["Moscow is big", "Paris is old"]);
    env.write("mac.txt", "Moscow is big\rParis is old\r");
    let run = env.run(&["batch", "mac.txt"]);
    let claims: Vec<String> = run.records().into_iter().map(|r| r.claim).collect();
    assert_eq!(claims, ["Moscow is big", "Paris is old"]);
}
