//! Where `batch` and `check` read statements from: stdin sniffed as JSON
//! Lines or a JSON array, what `--format json` wrote read back, several
//! files in one run, `check -`, and CSV with `--column` and its other
//! columns carried into CSV output.

use crate::util::{assert_lines_eq, data, outline_without_verdicts, TestEnv};

const JSONL: &str = "{\"id\": \"a\", \"claim\": \"149 people died in the Moscow attack\"}\n{\"id\": 7, \"claim\": \"150 people died in the Moscow attack\"}\n";

#[test]
fn batch_stdin_starting_with_a_brace_is_read_as_json_lines() {
    let env = TestEnv::new();
    // A blank line first: the first non-blank line decides.
    let run = env.run_with_stdin(&["batch", "-", "-q"], &format!("\n  \n{JSONL}"));
    run.expect_code(1);
    assert_lines_eq(
        "a | 149 people died in the Moscow attack | checked\n7 | 150 people died in the Moscow attack | checked\n",
        &outline_without_verdicts(&run.records()),
    );
}

#[test]
fn input_format_still_decides_for_stdin() {
    let env = TestEnv::new();
    let run = env.run_with_stdin(&["batch", "-", "-q", "--input-format", "text"], JSONL);
    let records = run.records();
    assert_eq!(records.len(), 2);
    assert!(
        records[0].claim.starts_with("{\"id\": \"a\""),
        "{}",
        run.stdout
    );
    assert_eq!(records[0].id, None);
}

#[test]
fn batch_stdin_of_plain_text_stays_text() {
    let env = TestEnv::new();
    let run = env.run_with_stdin(
        &["batch", "-", "-q"],
        "# a comment\n[citation needed] 149 people died in the Moscow attack\n",
    );
    run.expect_code(0);
    assert_lines_eq(
        "- | [citation needed] 149 people died in the Moscow attack | checked\n",
        &outline_without_verdicts(&run.records()),
    );
}

#[test]
fn batch_reads_back_what_format_json_wrote() {
    let env = TestEnv::new();
    let file = data("batch/mixed.jsonl").display().to_string();
    let first = env.run(&[
        "batch",
        &file,
        "--format",
        "json",
        "-q",
        "-o",
        "verdicts.json",
    ]);
    first.expect_code(2);
    let again = env.run(&["batch", "verdicts.json", "-q"]);
    again.expect_code(2);
    // Every record comes back in place with its id and claim; the error
    // records of the first run have an empty claim, and are errors again.
    let json = std::fs::read_to_string(env.path().join("verdicts.json")).unwrap();
    let written: Vec<factcheck::report::Record> = serde_json::from_str(&json).unwrap();
    assert_eq!(written.len(), 7);
    assert_lines_eq(
        &outline_without_verdicts(&written),
        &outline_without_verdicts(&again.records()),
    );
    assert_eq!(again.records()[0].id.as_deref(), Some("m1"));
    assert!(
        again.stderr.contains("verdicts.json:") && again.stderr.contains("the statement is empty"),
        "{}",
        again.stderr
    );
    // The same through stdin.
    let piped = env.run_with_stdin(&["batch", "-", "-q"], &json);
    assert_eq!(piped.records().len(), 7);
}

#[test]
fn broken_json_array_stops_the_run_naming_its_line() {
    let env = TestEnv::new();
    env.write(
        "broken.json",
        "[\n  {\"claim\": \"149 people died in the Moscow attack\"}\n  {\"claim\": \"x\"}\n]\n",
    );
    let run = env.run(&["batch", "broken.json", "-q"]);
    run.expect_code(2);
    assert_eq!(run.records().len(), 1);
    run.expect_stderr("factcheck: broken.json:3: malformed JSON array: expected ',' or ']'");
}

#[test]
fn several_files_are_read_one_after_the_other() {
    let env = TestEnv::new();
    env.write("one.txt", "149 people died in the Moscow attack\n");
    env.write(
        "two.jsonl",
        "{\"id\": \"t1\", \"claim\": \"Kabul is in Iran\"}\n{\"claim\": \n",
    );
    let csv = data("batch/mixed.csv").display().to_string();
    let run = env.run(&["batch", "one.txt", "two.jsonl", &csv, "-q"]);
    run.expect_code(2);
    let records = run.records();
    assert_eq!(records.len(), 1 + 2 + 4, "{}", run.stdout);
    assert_eq!(records[0].claim, "149 people died in the Moscow attack");
    assert_eq!(records[1].id.as_deref(), Some("t1"));
    assert!(records[2]
        .error
        .as_deref()
        .unwrap()
        .starts_with("two.jsonl:2: "));
    assert_eq!(records[3].id.as_deref(), Some("c1"));
    run.expect_stderr("two.jsonl:2: malformed JSON");
    let missing = env.run(&["batch", "one.txt", "nope.txt"]);
    missing.expect_code(2);
    missing.expect_stderr("failed to open input file 'nope.txt'");
    let twice = env.run(&["batch", "-", "-"]);
    twice.expect_code(2);
    twice.expect_stderr("more than once");
}

#[test]
fn check_dash_reads_stdin_as_batch_does() {
    let env = TestEnv::new();
    let run = env.run_with_stdin(&["check", "-", "--format", "jsonl"], JSONL);
    run.expect_code(1);
    assert_lines_eq(
        "a | 149 people died in the Moscow attack | checked\n7 | 150 people died in the Moscow attack | checked\n",
        &outline_without_verdicts(&run.records()),
    );
    // Text keeps a leading # in check: a hashtag is a statement.
    let text = env.run_with_stdin(
        &["check", "-", "--format", "jsonl"],
        "#Moscow attack killed 149\n",
    );
    assert_eq!(text.record().claim, "#Moscow attack killed 149");
    let mixed = env.run(&["check", "-", "Kabul is in Iran"]);
    mixed.expect_code(2);
    mixed.expect_stderr("must be given alone");
}

#[test]
fn csv_column_picks_the_statement_column() {
    let env = TestEnv::new();
    env.write(
        "quotes.csv",
        "id,speaker,quote,claim\nq1,Ann,149 people died in the Moscow attack,not this\nq2,Bob,150 people died in the Moscow attack,nor this\n",
    );
    let run = env.run(&["batch", "quotes.csv", "--column", "QUOTE", "-q"]);
    run.expect_code(1);
    assert_lines_eq(
        "q1 | 149 people died in the Moscow attack | checked\nq2 | 150 people died in the Moscow attack | checked\n",
        &outline_without_verdicts(&run.records()),
    );
    let missing = env.run(&["batch", "quotes.csv", "--column", "text"]);
    missing.expect_code(2);
    missing.expect_stderr("quotes.csv:1: no column 'text' (--column) in the CSV header ['id', 'speaker', 'quote', 'claim']");
    env.write("plain.txt", "x\n");
    let not_csv = env.run(&["batch", "plain.txt", "--column", "quote"]);
    not_csv.expect_code(2);
    not_csv.expect_stderr("no input is read as CSV");
}

#[test]
fn csv_input_columns_are_carried_into_csv_output() {
    let env = TestEnv::new();
    let csv = data("batch/mixed.csv").display().to_string();
    let run = env.run(&["batch", &csv, "--format", "csv", "-q"]);
    run.expect_code(0);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(
        header.iter().collect::<Vec<_>>()[10..],
        ["explanation", "error", "Source"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let carried: Vec<(&str, &str)> = rows.iter().map(|row| (&row[0], &row[12])).collect();
    assert_eq!(
        carried,
        [
            ("c1", "press"),
            ("c2", "wire"),
            ("c3", "press"),
            ("c4", "test")
        ]
    );
    // JSON output keeps its fields as they were.
    let jsonl = env.run(&["batch", &csv, "-q"]);
    assert!(!jsonl.stdout.contains("press"), "{}", jsonl.stdout);
}
