//! `factcheck batch FILE`: one record per statement, in input order, and a
//! bad line becomes an error record without stopping the run.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use factcheck::verdict::Label;

use crate::util::{assert_lines_eq, data, dev_corpus, outline_without_verdicts, TestEnv};

fn batch(env: &TestEnv, file: &str, extra: &[&str]) -> crate::util::Run {
    let corpus = dev_corpus();
    let mut args = vec!["batch", file, "--corpus", &corpus];
    args.extend_from_slice(extra);
    env.run(&args)
}

#[test]
fn text_file_gives_one_record_per_statement_in_order() {
    let env = TestEnv::new();
    let file = data("batch/mixed.txt").display().to_string();
    let run = batch(&env, &file, &[]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert_lines_eq(
        "- | 149 people died in the Moscow attack | checked
- | Northwind Rail will buy 40 battery-electric trains from Aldermark. | checked
- | The Eiffel Tower is in Paris | checked
- | 150 people died in the Moscow attack | checked
",
        &outline_without_verdicts(&run.records()),
    );
}

#[test]
fn jsonl_malformed_lines_become_error_records_in_place() {
    let env = TestEnv::new();
    let file = data("batch/mixed.jsonl").display().to_string();
    let run = batch(&env, &file, &[]);
    run.expect_code(2);
    let records = run.records();
    assert_lines_eq(
        "m1 | 149 people died in the Moscow attack | checked
2 | Northwind Rail will buy 40 battery-electric trains from Aldermark. | checked
- |  | error
- | 150 people died in the Moscow attack | checked
- |  | error
m6 |  | error
m7 | Soviet forces withdrew from Afghanistan in 1989. | checked
",
        &outline_without_verdicts(&records),
    );
    assert_eq!(records[0].verdict, Some(Label::Supported));
    let error = records[2].error.as_deref().unwrap();
    assert!(
        error.ends_with(
            "mixed.jsonl:3: malformed JSON: EOF while parsing an object at line 1 column 52"
        ),
        "{error}"
    );
    for line in [3, 6, 7] {
        let expected = format!("mixed.jsonl:{line}: ");
        assert!(
            run.stderr.contains(&expected),
            "no {expected} in {}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("expected a JSON object"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("missing \"claim\" field"),
        "{}",
        run.stderr
    );
}

#[test]
fn csv_with_quoted_commas_keeps_ids_and_order() {
    let env = TestEnv::new();
    let file = data("batch/mixed.csv").display().to_string();
    let run = batch(&env, &file, &[]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert_lines_eq(
        "c1 | Northwind Rail, the operator, will buy 40 trains from Aldermark. | checked
c2 | 149 people died in the Moscow attack | checked
c3 | The trains will seat 220 passengers, and run 120 kilometres on battery power. | checked
c4 | A statement \"with quotes\" and a\nline break | checked
",
        &outline_without_verdicts(&run.records()),
    );
}

#[test]
fn bom_crlf_and_missing_final_newline_are_handled() {
    let env = TestEnv::new();
    env.write(
        "claims.jsonl",
        "\u{feff}{\"id\": \"a\", \"claim\": \"149 people died in the Moscow attack\"}\r\n{\"id\": \"b\", \"claim\": \"The Eiffel Tower is in Paris\"}",
    );
    let run = batch(&env, "claims.jsonl", &[]);
    run.expect_code(0);
    let records = run.records();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].id.as_deref(), Some("a"));
    assert_eq!(records[0].verdict, Some(Label::Supported));
    assert_eq!(records[1].claim, "The Eiffel Tower is in Paris");
}

#[test]
fn invalid_utf8_line_is_an_error_record() {
    let env = TestEnv::new();
    env.write(
        "claims.txt",
        b"149 people died in the Moscow attack\nbad \xff byte\n",
    );
    let run = batch(&env, "claims.txt", &[]);
    run.expect_code(2);
    assert_eq!(run.records().len(), 2);
    assert!(
        run.stderr.contains("claims.txt:2: line is not valid UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn stdin_with_input_format() {
    let env = TestEnv::new();
    let corpus = dev_corpus();
    let stdin = "claim,id\n149 people died in the Moscow attack,x1\n";
    let run = env.run_with_stdin(
        &["batch", "-", "--input-format", "csv", "--corpus", &corpus],
        stdin,
    );
    let record = run.expect_code(0).record();
    assert_eq!(record.id.as_deref(), Some("x1"));
}

#[test]
fn summary_on_stderr_unless_quiet() {
    let env = TestEnv::new();
    let file = data("batch/mixed.jsonl").display().to_string();
    let run = batch(&env, &file, &[]);
    let summary = run.stderr.lines().last().unwrap();
    assert!(
        summary.starts_with("factcheck: 7 statements: ") && summary.contains(", 3 errors in "),
        "{summary}"
    );
    assert!(summary.ends_with("statements/s)"), "{summary}");
    let run = batch(&env, &file, &["--quiet"]);
    assert!(!run.stderr.contains("statements/s"), "{}", run.stderr);
    // Errors still show.
    assert!(run.stderr.contains("mixed.jsonl:3: "), "{}", run.stderr);
}

#[test]
fn csv_without_claim_column_exits_2() {
    let env = TestEnv::new();
    env.write("claims.csv", "id,sentence\n1,x\n");
    let run = batch(&env, "claims.csv", &[]);
    run.expect_code(2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains(
            "factcheck: claims.csv:1: no 'claim' or 'statement' column in the CSV header ['id', 'sentence']"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_input_file_exits_2_naming_it() {
    let env = TestEnv::new();
    let run = batch(&env, "nope.jsonl", &[]);
    run.expect_code(2);
    assert!(
        run.stderr
            .starts_with("factcheck: failed to open input file 'nope.jsonl': "),
        "{}",
        run.stderr
    );
}

#[test]
fn closed_stdout_pipe_ends_quietly_with_0() {
    let env = TestEnv::new();
    let lines = "149 people died in the Moscow attack\n".repeat(3000);
    env.write("many.txt", lines);
    let mut child = env
        .command(&["batch", "many.txt", "--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    drop(stdout); // like `| head -1`
    let output = child.wait_with_output().unwrap();
    assert!(first.starts_with("{\"id\":null,"), "{first}");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
