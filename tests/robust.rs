//! Bad input, end to end: every case of "Never crash, never lose a
//! statement" run through the real binary. Each test names the behaviour
//! the README's "Bad input" section documents.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Duration;

use factcheck::input::MAX_STATEMENT_BYTES;

use crate::util::{dev_corpus, Run, TestEnv};

fn batch(env: &TestEnv, file: &str) -> Run {
    let corpus = dev_corpus();
    env.run(&["batch", file, "--corpus", &corpus])
}

/// Asserts no byte of `text` is a control character other than a line
/// break: nothing that a terminal would act on.
fn assert_no_raw_control(text: &str, what: &str) {
    let raw: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(
        raw.is_empty(),
        "raw control characters {raw:?} in {what}: {text:?}"
    );
}

// Statements.

#[test]
fn empty_and_blank_statements_are_error_records() {
    let env = TestEnv::new();
    let run = env.run(&["check", "", "   \t ", "a"]);
    run.expect_code(2);
    let records = run.records();
    assert_eq!(records.len(), 3, "{}", run.stdout);
    for record in &records[..2] {
        assert!(record
            .error
            .as_deref()
            .unwrap()
            .ends_with("the statement is empty"));
        assert_eq!(record.verdict, None);
    }
    // A single character is a statement like any other.
    assert_eq!(records[2].claim, "a");
    assert!(records[2].verdict.is_some(), "{:?}", records[2]);
}

#[test]
fn punctuation_digits_and_stop_words_get_a_verdict() {
    let env = TestEnv::new();
    let statements = ["?!...,;:", "1234567890", "the of and to in is it was"];
    let mut args = vec!["check"];
    args.extend(statements);
    let run = env.run(&args);
    assert_ne!(run.code, 2, "{}", run.stderr);
    let records = run.records();
    let claims: Vec<&str> = records.iter().map(|r| r.claim.as_str()).collect();
    assert_eq!(claims, statements);
    for record in &records {
        assert!(
            record.error.is_none() && record.verdict.is_some(),
            "{record:?}"
        );
    }
}

#[test]
fn statement_of_a_megabyte_is_an_error_record_and_the_run_goes_on() {
    let env = TestEnv::new();
    let long = "149 people died ".repeat(1024 * 1024 / 16);
    env.write(
        "claims.txt",
        format!("The Eiffel Tower is in Paris\n{long}\n149 people died in the Moscow attack\n"),
    );
    let run = batch(&env, "claims.txt");
    run.expect_code(2);
    let records = run.records();
    assert_eq!(records.len(), 3);
    assert!(records[0].verdict.is_some());
    let error = records[1].error.as_deref().unwrap();
    let expected = format!(
        "claims.txt:2: the statement is {} bytes long; the limit is {MAX_STATEMENT_BYTES}",
        long.trim().len()
    );
    assert_eq!(error, expected);
    assert!(records[2].verdict.is_some());
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
}

#[test]
fn statement_at_the_length_limit_is_checked() {
    let env = TestEnv::new();
    let words = "Moscow attack ".repeat(MAX_STATEMENT_BYTES / 14);
    env.write("claims.txt", format!("{}\n", words.trim()));
    let run = batch(&env, "claims.txt");
    let record = run.record();
    assert!(record.verdict.is_some(), "{:?}", record.error);
}

const CONTROL_STATEMENT: &str =
    "\u{1b}[31m149 people\u{1b}[0m died \u{7}in the \u{9b}2JMoscow\u{7f} attack\u{0}";

/// Asserts no C0 control character (ESC, BEL, NUL...) other than a line
/// break is in `text`: what starts an escape sequence in a UTF-8 terminal.
fn assert_no_raw_c0(text: &str, what: &str) {
    let raw: Vec<char> = text
        .chars()
        .filter(|c| (*c as u32) < 0x20 && *c != '\n')
        .collect();
    assert!(
        raw.is_empty(),
        "raw control characters {raw:?} in {what}: {text:?}"
    );
}

#[test]
fn control_characters_and_ansi_escapes_are_never_printed_raw() {
    let env = TestEnv::new();
    // From stdin: an argument cannot hold a NUL.
    let run = env.run_with_stdin(&["check", "--format", "text"], CONTROL_STATEMENT);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert_no_raw_control(&run.stdout, "--format text stdout");
    assert_no_raw_control(&run.stderr, "--format text stderr");
    for format in ["jsonl", "json"] {
        let run = env.run_with_stdin(&["check", "--format", format], CONTROL_STATEMENT);
        assert_no_raw_c0(&run.stdout, &format!("--format {format} stdout"));
        assert_no_raw_control(&run.stderr, &format!("--format {format} stderr"));
    }
    // The JSON record keeps the statement exactly, escaped by JSON.
    let run = env.run_with_stdin(&["check"], CONTROL_STATEMENT);
    assert_eq!(run.record().claim, CONTROL_STATEMENT);
}

/// serde_json escapes only U+0000 to U+001F: DEL and the C1 controls (U+009B
/// is a one-character CSI) reach a terminal raw when JSON is printed to one.
#[test]

fn json_output_escapes_c1_controls_and_del() {
    let env = TestEnv::new();
    for format in ["jsonl", "json"] {
        let run = env.run_with_stdin(&["check", "--format", format], CONTROL_STATEMENT);
        assert_no_raw_control(&run.stdout, &format!("--format {format} stdout"));
    }
}

#[test]
fn control_characters_in_a_bad_line_are_not_echoed() {
    let env = TestEnv::new();
    env.write(
        "claims.jsonl",
        "{\"claim\": \"\u{1b}[2J\" \u{1b}]0;pwned\u{7}\n",
    );
    let run = batch(&env, "claims.jsonl");
    run.expect_code(2);
    assert_no_raw_control(&run.stderr, "stderr");
    assert_no_raw_control(&run.stdout, "stdout");
}

#[test]
fn right_to_left_zero_width_emoji_and_other_scripts_are_checked_verbatim() {
    let env = TestEnv::new();
    let statements = [
        "\u{202e}149 people died in the Moscow attack\u{202c}",
        "149\u{200b} people died in the Moscow\u{200d} attack",
        "👍🏽 149 people died in the Moscow attack 🇷🇺",
        "В теракте в Москве погибли 149 человек",
        "مرحبا ١٤٩ שלום",
        "莫斯科袭击事件造成149人死亡",
    ];
    let mut args = vec!["check"];
    args.extend(statements);
    let run = env.run(&args);
    assert_ne!(run.code, 2, "{}", run.stderr);
    let records = run.records();
    let claims: Vec<&str> = records.iter().map(|r| r.claim.as_str()).collect();
    assert_eq!(claims, statements);
    for record in &records {
        assert!(record.verdict.is_some(), "{record:?}");
        for evidence in &record.evidence {
            assert!(evidence.end >= evidence.start);
        }
    }
}

// Statement files.

#[test]
fn invalid_utf8_in_jsonl_and_csv_names_file_and_line_and_goes_on() {
    let env = TestEnv::new();
    env.write(
        "claims.jsonl",
        b"{\"id\": 1, \"claim\": \"The Eiffel Tower is in Paris\"}\n{\"id\": 2, \"claim\": \"b\xffd\"}\n{\"id\": 3, \"claim\": \"149 people died\"}\n",
    );
    env.write(
        "claims.csv",
        b"id,claim\n1,The Eiffel Tower is in Paris\n2,b\xffd\n3,149 people died\n",
    );
    for (file, line) in [("claims.jsonl", 2), ("claims.csv", 3)] {
        let run = batch(&env, file);
        run.expect_code(2);
        let records = run.records();
        assert_eq!(records.len(), 3, "{file}");
        assert!(records[1].error.is_some(), "{file}");
        assert!(records[2].verdict.is_some(), "{file}");
        let expected = format!("factcheck: {file}:{line}: line is not valid UTF-8");
        assert!(run.stderr.contains(&expected), "{}", run.stderr);
    }
}

#[test]
fn duplicate_ids_give_one_record_each_in_input_order() {
    let env = TestEnv::new();
    env.write(
        "claims.jsonl",
        "{\"id\": \"a\", \"claim\": \"The Eiffel Tower is in Paris\"}\n{\"id\": \"a\", \"claim\": \"149 people died in the Moscow attack\"}\n",
    );
    let run = batch(&env, "claims.jsonl");
    assert_ne!(run.code, 2, "{}", run.stderr);
    let records = run.records();
    let got: Vec<(Option<&str>, &str)> = records
        .iter()
        .map(|r| (r.id.as_deref(), r.claim.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some("a"), "The Eiffel Tower is in Paris"),
            (Some("a"), "149 people died in the Moscow attack")
        ]
    );
}

#[test]
fn empty_statement_file_gives_no_records_and_exits_0() {
    let env = TestEnv::new();
    for name in ["empty.txt", "empty.jsonl", "empty.csv"] {
        env.write(name, "");
        let run = batch(&env, name);
        run.expect_code(0);
        assert_eq!(run.stdout, "");
        // After the line naming the corpus.
        assert!(
            run.stderr
                .lines()
                .last()
                .is_some_and(|l| l.starts_with("factcheck: 0 statements: ")),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn folder_given_as_statement_file_exits_2_naming_it() {
    let env = TestEnv::new();
    std::fs::create_dir(env.path().join("claims")).unwrap();
    let run = batch(&env, "claims");
    run.expect_code(2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .starts_with("factcheck: claims:1: failed to read input: "),
        "{}",
        run.stderr
    );
}

/// `/proc/self/mem` opens but fails to read (EIO), even for root.
#[cfg(target_os = "linux")]
#[test]
fn statement_file_that_cannot_be_read_exits_2_naming_it() {
    let env = TestEnv::new();
    let run = batch(&env, "/proc/self/mem");
    run.expect_code(2);
    assert!(
        run.stderr
            .starts_with("factcheck: /proc/self/mem:1: failed to read input: "),
        "{}",
        run.stderr
    );
}

#[test]
fn every_statement_gives_one_record_in_order_and_the_summary_counts_failures() {
    let env = TestEnv::new();
    let long = "x".repeat(MAX_STATEMENT_BYTES + 1);
    let lines = [
        "{\"id\": 1, \"claim\": \"The Eiffel Tower is in Paris\"}".to_string(),
        "{\"id\": 2, \"claim\": \"\"}".to_string(),
        "not json".to_string(),
        "{\"id\": 4, \"claim\": \"149 people died in the Moscow attack\"}".to_string(),
        format!("{{\"id\": 5, \"claim\": \"{long}\"}}"),
        "[\"an\", \"array\"]".to_string(),
        "{\"id\": 7, \"text\": \"Soviet forces withdrew from Afghanistan in 1989.\"}".to_string(),
    ];
    env.write("claims.jsonl", lines.join("\r\n"));
    let run = batch(&env, "claims.jsonl");
    run.expect_code(2);
    let records = run.records();
    let ids: Vec<Option<&str>> = records.iter().map(|r| r.id.as_deref()).collect();
    assert_eq!(
        ids,
        [
            Some("1"),
            Some("2"),
            None,
            Some("4"),
            Some("5"),
            None,
            Some("7")
        ]
    );
    let failed: Vec<bool> = records.iter().map(|r| r.error.is_some()).collect();
    assert_eq!(failed, [false, true, true, false, true, true, false]);
    let summary = run.stderr.lines().last().unwrap();
    assert!(
        summary.starts_with("factcheck: 7 statements: ") && summary.contains(", 4 errors in "),
        "{summary}"
    );
}

// Corpora.

#[test]
fn empty_corpus_folder_exits_2_with_a_hint() {
    let env = TestEnv::new();
    std::fs::create_dir(env.path().join("articles")).unwrap();
    std::fs::write(env.path().join("articles/notes.pdf"), b"%PDF").unwrap();
    // First with a file that is not an article, then with nothing at all.
    for remove in [false, true] {
        if remove {
            std::fs::remove_file(env.path().join("articles/notes.pdf")).unwrap();
        }
        let run = env.run(&["check", "--corpus", "articles", "149 people died"]);
        run.expect_code(2);
        let others = if remove {
            ""
        } else {
            ", only 1 other file (.pdf 1)"
        };
        assert_eq!(
            run.stderr,
            format!("factcheck: no .txt or .md files in corpus folder 'articles'{others}\n\nPass --corpus DIR with a folder of .txt or .md files.\n")
        );
    }
}

#[test]
fn binary_and_invalid_utf8_corpus_files_are_named_in_warnings() {
    let env = TestEnv::new();
    let articles = env.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(
        articles.join("attack.txt"),
        b"The attack killed 149 people in Moscow. Caf\xe9 owners fled.\n",
    )
    .unwrap();
    std::fs::write(articles.join("photo.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let run = env.run(&[
        "check",
        "--corpus",
        "articles",
        "149 people died in the Moscow attack",
    ]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "factcheck: warning: corpus file 'articles/attack.txt' is not valid UTF-8; invalid bytes were replaced"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("factcheck: warning: skipped binary corpus file 'articles/photo.txt'"),
        "{}",
        run.stderr
    );
    let record = run.record();
    let evidence = &record.evidence[0];
    assert_eq!(evidence.document, "attack.txt");
}

#[cfg(unix)]
#[test]
fn symlink_loop_in_corpus_is_a_warning_and_the_run_goes_on() {
    let env = TestEnv::new();
    let articles = env.path().join("articles");
    std::fs::create_dir_all(articles.join("sub")).unwrap();
    std::fs::write(
        articles.join("sub/a.txt"),
        "The attack killed 149 people.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&articles, articles.join("sub/loop")).unwrap();
    let run = env.run(&["check", "--corpus", "articles", "149 people died"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("factcheck: warning: skipped '"),
        "{}",
        run.stderr
    );
    assert_eq!(run.records().len(), 1);
}

// Index.

#[test]
fn corrupted_index_is_reported_and_rebuilt() {
    let env = TestEnv::new();
    let corpus = dev_corpus();
    env.run(&["index", "--corpus", &corpus, "--index", "idx"])
        .expect_code(0);
    for entry in std::fs::read_dir(env.path().join("idx")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "idx" || e == "store") {
            let bytes = std::fs::read(&path).unwrap();
            std::fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
        }
    }
    let run = env.run(&[
        "check",
        "--corpus",
        &corpus,
        "--index",
        "idx",
        "149 people died in the Moscow attack",
    ]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("factcheck: warning: index in '")
            && run.stderr.contains("was not usable (it is damaged")
            && run.stderr.contains("built a new one"),
        "{}",
        run.stderr
    );
    assert!(run.record().verdict.is_some());
    let again = env.run(&["index", "--corpus", &corpus, "--index", "idx"]);
    assert!(again.stdout.contains("(reused)"), "{}", again.stdout);
    assert_eq!(again.stderr, "");
}

#[test]
fn index_of_an_older_version_is_rebuilt() {
    let env = TestEnv::new();
    let corpus = dev_corpus();
    env.run(&["index", "--corpus", &corpus, "--index", "idx"])
        .expect_code(0);
    let manifest = env.path().join("idx").join(factcheck::index::MANIFEST_FILE);
    let text = std::fs::read_to_string(&manifest).unwrap();
    let current = format!("\"schema_version\": {}", factcheck::index::SCHEMA_VERSION);
    assert!(text.contains(&current), "{text}");
    std::fs::write(&manifest, text.replace(&current, "\"schema_version\": 0")).unwrap();
    let run = env.run(&["index", "--corpus", &corpus, "--index", "idx"]);
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("built by another factcheck version (index schema 0, this one uses"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("(built)"), "{}", run.stdout);
}

/// Nobody, not even root, can create a folder in `/proc`.
#[cfg(target_os = "linux")]
#[test]
fn read_only_cache_falls_back_to_ram_with_a_warning() {
    let env = TestEnv::new();
    let run = env
        .command(&["check", "149 people died in the Moscow attack"])
        .env("XDG_CACHE_HOME", "/proc/factcheck-cache")
        .output()
        .unwrap();
    let run = Run::from(run);
    run.expect_code(0);
    assert!(
        run.stderr
            .starts_with("factcheck: warning: index kept in memory only: cannot write an index in '/proc/factcheck-cache/factcheck'"),
        "{}",
        run.stderr
    );
    assert!(run.record().verdict.is_some());
}

#[test]
fn two_processes_building_the_same_index_both_succeed() {
    let env = TestEnv::new();
    let corpus = dev_corpus();
    let children: Vec<_> = (0..2)
        .map(|_| {
            env.command(&["index", "--corpus", &corpus, "--index", "idx"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let run = Run::from(child.wait_with_output().unwrap());
        run.expect_code(0);
        assert_eq!(run.stderr, "");
    }
    let again = env.run(&["index", "--corpus", &corpus, "--index", "idx"]);
    assert!(again.stdout.contains("(reused)"), "{}", again.stdout);
    let names: Vec<String> = std::fs::read_dir(env.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "cache")
        .collect();
    assert_eq!(names, ["idx"], "temporary folders left behind");
}

#[test]
fn build_killed_half_way_is_never_read_and_the_next_run_builds() {
    let env = TestEnv::new();
    let articles = env.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    // Big enough that the build takes a while in a debug build.
    let paragraph = "The attack on the concert hall killed 149 people in March 2024. ".repeat(20);
    for i in 0..40 {
        let text = format!("Report {i}\n{}\n", paragraph.repeat(25));
        std::fs::write(articles.join(format!("{i:02}.txt")), text).unwrap();
    }
    for delay in [50, 300] {
        let _ = std::fs::remove_dir_all(env.path().join("idx"));
        let mut child = env
            .command(&["index", "--corpus", "articles", "--index", "idx"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        // Either nothing is in place yet, or a whole index.
        let idx = env.path().join("idx");
        assert!(
            !idx.exists() || idx.join(factcheck::index::MANIFEST_FILE).is_file(),
            "half-written index in place after a kill at {delay} ms"
        );
        let run = env.run(&["index", "--corpus", "articles", "--index", "idx"]);
        run.expect_code(0);
        assert_eq!(run.stderr, "");
        assert!(run.stdout.contains("passages"), "{}", run.stdout);
    }
}

// Output.

#[cfg(target_os = "linux")]
#[test]
fn full_disk_while_writing_output_exits_2() {
    let env = TestEnv::new();
    let file = crate::util::data("batch/mixed.csv").display().to_string();
    let run = env.run(&["batch", &file, "--output", "/dev/full", "--quiet"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("failed to write output file '/dev/full'"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn folder_as_output_exits_2_and_is_left_alone() {
    let env = TestEnv::new();
    std::fs::create_dir(env.path().join("out")).unwrap();
    let run = env.run(&["check", "--output", "out", "149 people died"]);
    run.expect_code(2);
    assert_eq!(run.stderr, "factcheck: output path 'out' is a folder\n");
    assert_eq!(
        std::fs::read_dir(env.path().join("out")).unwrap().count(),
        0
    );
}

#[test]
fn closed_pipe_with_text_output_ends_quietly_with_0() {
    let env = TestEnv::new();
    let lines = "149 people died in the Moscow attack\n".repeat(3000);
    env.write("many.txt", lines);
    let mut child = env
        .command(&["batch", "many.txt", "--format", "text"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

/// `eprintln!` panics when stderr's reader is gone (`2>&1 >/dev/null |
/// head -1`, or `2>&1 | head -1` when a message comes before the next
/// record): the first bad line after the pipe closes ends the run with
/// status 101 at `src/cli/mod.rs:129` (`check_all`,
/// `eprintln!("factcheck: {message}")`).
#[test]

fn closed_stderr_pipe_is_not_a_panic() {
    let env = TestEnv::new();
    let mut lines = String::new();
    for _ in 0..200 {
        lines.push_str("{\"claim\": \"149 people died in the Moscow attack\"}\n{\"id\": 2}\n");
    }
    env.write("many.jsonl", lines);
    let mut child = env
        .command(&["batch", "many.jsonl", "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    drop(stderr); // like `2>&1 >/dev/null | head -1`
    let status = child.wait().unwrap();
    assert_ne!(status.code(), Some(101), "panicked");
}
