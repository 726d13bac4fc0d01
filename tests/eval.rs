//! `factcheck eval`: scores over the labeled dev set.

use crate::util::{data, dev_corpus, TestEnv};

/// The dev-set accuracy the verifier must not fall below: the comparison
/// engine's target (0.90). Measured 0.938 when this was set.
const DEV_ACCURACY_FLOOR: f64 = 0.90;

/// Precision on `conflicting` the verifier must keep on the dev set: a
/// false alarm costs a fact-checker more than a miss. Measured 1.0.
const DEV_CONFLICT_PRECISION_FLOOR: f64 = 0.95;

#[test]
fn dev_set_scores_81_statements_above_the_floor() {
    let env = TestEnv::new();
    let claims = data("dev/claims.jsonl").display().to_string();
    let corpus = dev_corpus();
    let run = env.run(&["eval", &claims, "--corpus", &corpus, "--json"]);
    run.expect_code(0);
    let scores: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(scores["n"], 81, "{}", run.stdout);
    let accuracy = scores["accuracy"].as_f64().unwrap();
    assert!(
        accuracy >= DEV_ACCURACY_FLOOR,
        "dev accuracy {accuracy:.3} fell below the floor {DEV_ACCURACY_FLOOR}"
    );
    let conflict_precision = scores["per_class"]["conflicting"]["precision"]
        .as_f64()
        .unwrap();
    assert!(
        conflict_precision >= DEV_CONFLICT_PRECISION_FLOOR,
        "dev precision on conflicting {conflict_precision:.3} fell below {DEV_CONFLICT_PRECISION_FLOOR}"
    );
    let macro_f1 = scores["macro_f1"].as_f64().unwrap();
    assert!(macro_f1 >= DEV_ACCURACY_FLOOR, "dev macro-F1 {macro_f1:.3}");
    for label in ["supported", "conflicting", "not_enough_info"] {
        let class = &scores["per_class"][label];
        for metric in ["precision", "recall", "f1"] {
            let value = class[metric].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&value), "{label} {metric} {value}");
        }
    }
    let gold_total: u64 = scores["confusion"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|row| row.as_object().unwrap().values())
        .map(|count| count.as_u64().unwrap())
        .sum();
    assert_eq!(gold_total, 81);
    assert!(scores["by_kind"]["numeric"].is_number(), "{}", run.stdout);
    let wrong = scores["wrong"].as_array().unwrap().len() as f64;
    assert!((accuracy - (81.0 - wrong) / 81.0).abs() < 1e-9);
}

/// The macro-F1 on the 18 articles of `tests/data/articles` that the
/// verifier must keep. Measured 0.604 when this was set (0.485 before the
/// rules of `compare::rules`, 0.535 before the second round of them, 0.579
/// before the substitution check and the third, 0.587 before headlines of
/// up to 24 words were read as titles); the floor leaves room for ties.
const ARTICLES_MACRO_F1_FLOOR: f64 = 0.59;

#[test]
fn articles_set_scores_above_the_floor() {
    let env = TestEnv::new();
    let claims = data("articles/claims.jsonl").display().to_string();
    let corpus = data("articles/corpus").display().to_string();
    let run = env.run(&["eval", &claims, "--corpus", &corpus, "--json"]);
    run.expect_code(0);
    let scores: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(scores["n"], 546, "{}", run.stdout);
    let macro_f1 = scores["macro_f1"].as_f64().unwrap();
    assert!(
        macro_f1 >= ARTICLES_MACRO_F1_FLOOR,
        "articles macro-F1 {macro_f1:.3} fell below the floor {ARTICLES_MACRO_F1_FLOOR}"
    );
}

#[test]
fn a_rule_switched_off_is_worth_something_and_an_unknown_one_is_an_error() {
    let env = TestEnv::new();
    let claims = data("articles/claims.jsonl").display().to_string();
    let corpus = data("articles/corpus").display().to_string();
    let score = |extra: &[&str]| {
        let mut args = vec![
            "eval",
            claims.as_str(),
            "--corpus",
            corpus.as_str(),
            "--json",
            "-q",
        ];
        args.extend_from_slice(extra);
        let run = env.run(&args);
        run.expect_code(0);
        let scores: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        scores["macro_f1"].as_f64().unwrap()
    };
    let all = score(&[]);
    let without = score(&["--without", "attribution,quantifier"]);
    assert!(
        without < all,
        "switching rules off changed nothing: {without} vs {all}"
    );
    let run = env.run(&["eval", &claims, "--corpus", &corpus, "--without", "nope"]);
    run.expect_code(2);
    assert!(run.stderr.contains("unknown rule 'nope'"), "{}", run.stderr);
}

#[test]
fn text_report_has_headline_and_matrix() {
    let env = TestEnv::new();
    let claims = data("dev/claims.jsonl").display().to_string();
    let corpus = dev_corpus();
    let run = env.run(&["eval", &claims, "--corpus", &corpus]);
    run.expect_code(0);
    assert!(run.stdout.starts_with("n=81 accuracy="), "{}", run.stdout);
    assert!(run
        .stdout
        .contains("confusion (rows: gold, columns: predicted):"));
    assert!(run.stdout.contains("by kind: "));
}

#[test]
fn bad_labeled_line_is_reported_skipped_and_exits_2() {
    let env = TestEnv::new();
    env.write(
        "labeled.jsonl",
        "{\"id\": \"a\", \"claim\": \"149 people died in the Moscow attack\", \"label\": \"supported\"}\n{\"id\": \"b\", \"claim\": \"no label\"}\n",
    );
    let run = env.run(&["eval", "labeled.jsonl", "--json"]);
    run.expect_code(2);
    let scores: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(scores["n"], 1);
    assert_eq!(scores["accuracy"], 1.0);
    run.expect_stderr("factcheck: labeled.jsonl:2: missing \"label\" field");
}

/// `tests/data/eval/fever-labels.jsonl`: eight statements on the bundled
/// article whose verdicts are clear (supported e1 e2; conflicting e3 e4 e7;
/// not_enough_info e5 e6 e8), with gold labels in FEVER's and factcheck's
/// spellings, three of them deliberately wrong (e6, e7, e8), so that every
/// score differs from 0 and 1. The expected numbers are worked out below
/// from the confusion (rows gold, columns predicted: S C N):
///   supported       2 0 1   (e1 e2 | - | e6)
///   conflicting     0 2 1   (- | e3 e4 | e8)
///   not_enough_info 0 1 1   (- | e7 | e5)
#[test]
fn fever_labels_are_read_and_scored_as_worked_out_by_hand() {
    let env = TestEnv::new();
    let labeled = data("eval/fever-labels.jsonl").display().to_string();
    let run = env.run(&["eval", &labeled, "--json"]);
    run.expect_code(0);
    let scores: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let close = |key: &serde_json::Value, expected: f64| {
        let value = key.as_f64().unwrap();
        assert!((value - expected).abs() < 1e-9, "{value} != {expected}");
    };
    assert_eq!(scores["n"], 8);
    assert_eq!(
        scores["confusion"],
        serde_json::json!({
            "supported": {"supported": 2, "not_enough_info": 1},
            "conflicting": {"conflicting": 2, "not_enough_info": 1},
            "not_enough_info": {"conflicting": 1, "not_enough_info": 1},
        }),
        "the verdicts changed: {}",
        run.stdout
    );
    close(&scores["accuracy"], 5.0 / 8.0);
    // supported: tp 2, fp 0, fn 1.
    close(&scores["per_class"]["supported"]["precision"], 1.0);
    close(&scores["per_class"]["supported"]["recall"], 2.0 / 3.0);
    close(&scores["per_class"]["supported"]["f1"], 0.8);
    // conflicting: tp 2, fp 1 (e7), fn 1 (e8).
    close(&scores["per_class"]["conflicting"]["precision"], 2.0 / 3.0);
    close(&scores["per_class"]["conflicting"]["recall"], 2.0 / 3.0);
    // not_enough_info: tp 1, fp 2 (e6, e8), fn 1 (e7): F1 = 2/5.
    close(
        &scores["per_class"]["not_enough_info"]["precision"],
        1.0 / 3.0,
    );
    close(&scores["per_class"]["not_enough_info"]["f1"], 0.4);
    close(&scores["macro_f1"], (0.8 + 2.0 / 3.0 + 0.4) / 3.0);
    // Recall on gold supported 2/3; every one of the five other gold
    // labels was predicted something other than supported: 5/5.
    close(&scores["binary_balanced_accuracy"], (2.0 / 3.0 + 1.0) / 2.0);
    let text = env.run(&["eval", &labeled]);
    text.expect_code(0);
    assert!(
        text.stdout
            .starts_with("n=8 accuracy=0.625 macro_f1=0.622 binary_bacc=0.833\n"),
        "{}",
        text.stdout
    );
}

#[test]
fn unknown_gold_label_is_rejected_with_its_line_and_not_scored() {
    let env = TestEnv::new();
    env.write(
        "labeled.jsonl",
        "{\"id\": \"a\", \"claim\": \"149 people died in the Moscow attack\", \"label\": \"SUPPORTS\"}\n\n{\"id\": \"b\", \"claim\": \"Kabul is in Iran\", \"label\": \"supprted\"}\n{\"id\": \"c\", \"claim\": \"Kabul is in Iran\", \"label\": \"TRUE\"}\n",
    );
    let run = env.run(&["eval", "labeled.jsonl", "--json"]);
    run.expect_code(2);
    let scores: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(scores["n"], 1, "{}", run.stdout);
    for (line, label) in [(3, "supprted"), (4, "TRUE")] {
        let expected = format!("factcheck: labeled.jsonl:{line}: unknown label \"{label}\"; expected supported, conflicting or not_enough_info");
        run.expect_stderr(&expected);
    }
}

#[test]
fn fail_under_exits_1_after_writing_the_scores() {
    let env = TestEnv::new();
    let labeled = data("eval/fever-labels.jsonl").display().to_string();
    // accuracy is 0.625 and conflicting precision 2/3 on this file.
    let run = env.run(&[
        "eval",
        &labeled,
        "--json",
        "--fail-under",
        "accuracy=0.6",
        "--fail-under",
        "conflicting.precision=0.7",
    ]);
    run.expect_code(1);
    let scores: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(scores["n"], 8);
    run.expect_stderr(
        "factcheck: conflicting.precision is 0.6667, under --fail-under conflicting.precision=0.7",
    );
    assert!(!run.stderr.contains("accuracy is"), "{}", run.stderr);
    let passing = env.run(&[
        "eval",
        &labeled,
        "--fail-under",
        "binary_bacc=0.8",
        "--fail-under",
        "macro_f1=0.6",
    ]);
    passing.expect_code(0);
    for bad in ["accuracy", "recall=0.5", "accuracy=1.5", "supported.f2=0.5"] {
        let run = env.run(&["eval", &labeled, "--fail-under", bad]);
        run.expect_code(2);
        assert!(run.stderr.contains("--fail-under"), "{bad}: {}", run.stderr);
    }
}

#[test]
fn eval_help_describes_its_own_exit_statuses() {
    let env = TestEnv::new();
    let run = env.run(&["eval", "--help"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("1  a score is below its --fail-under value"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("conflicts with the corpus"),
        "{}",
        run.stdout
    );
}
