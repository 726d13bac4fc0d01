//! `--output FILE`: the file appears whole on success and not at all on
//! failure.

use factcheck::verdict::Label;

use crate::util::{data, TestEnv};

#[test]
fn output_file_gets_the_records_and_stdout_stays_empty() {
    let env = TestEnv::new();
    let run = env.run(&[
        "check",
        "--output",
        "verdicts.jsonl",
        "149 people died in the Moscow attack",
    ]);
    run.expect_code(0);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let written = std::fs::read_to_string(env.path().join("verdicts.jsonl")).unwrap();
    let record: factcheck::report::Record = serde_json::from_str(written.trim_end()).unwrap();
    assert_eq!(record.verdict, Some(Label::Supported));
    // Only the output file is left: no temporary file beside it.
    let names: Vec<String> = std::fs::read_dir(env.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "cache")
        .collect();
    assert_eq!(names, ["verdicts.jsonl"]);
}

#[test]
fn batch_output_file_in_json_format() {
    let env = TestEnv::new();
    let file = data("batch/mixed.csv").display().to_string();
    let run = env.run(&["batch", &file, "--format", "json", "-o", "out.json", "-q"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    let written = std::fs::read_to_string(env.path().join("out.json")).unwrap();
    let records: Vec<factcheck::report::Record> = serde_json::from_str(&written).unwrap();
    assert_eq!(records.len(), 4);
}

#[test]
fn failed_run_leaves_no_output_file() {
    let env = TestEnv::new();
    env.write("claims.csv", "id,sentence\n1,x\n");
    let run = env.run(&["batch", "claims.csv", "--output", "out.jsonl"]);
    run.expect_code(2);
    assert!(!env.path().join("out.jsonl").exists());
}

#[test]
fn output_into_missing_folder_exits_2() {
    let env = TestEnv::new();
    let run = env.run(&["check", "--output", "no/such/dir/out.jsonl", "x y z"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .starts_with("factcheck: failed to create output file 'no/such/dir/out.jsonl'"),
        "{}",
        run.stderr
    );
}
