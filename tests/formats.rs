//! `--format csv|markdown|claimreview` and the text format's highlights,
//! for `check` and `batch`. Only the stable verdicts are asserted
//! (149 deaths: supported); the rest checks shape, not verdicts.

use factcheck::report::claimreview::ClaimReview;

use crate::util::{data, TestEnv};

const SUPPORTED: &str = "149 people died in the Moscow attack";
const UNRELATED: &str = "The Eiffel Tower is in Paris";

const CSV_HEADER: &str = "id,claim,verdict,confidence,evidence_document,evidence_paragraph,evidence_sentence,evidence_text,conflict_kinds,conflicts,explanation,error";

#[test]
fn csv_has_a_header_and_one_row_per_statement() {
    let env = TestEnv::new();
    let file = data("batch/mixed.csv").display().to_string();
    let run = env.run(&["batch", &file, "--format", "csv", "-q"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    // The input's own column (Source) comes after the verdict's.
    let header = format!("{CSV_HEADER},Source");
    assert_eq!(run.stdout.lines().next(), Some(header.as_str()));
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4, "{}", run.stdout);
    let ids: Vec<&str> = rows.iter().map(|row| &row[0]).collect();
    assert_eq!(ids, ["c1", "c2", "c3", "c4"]);
    // The quoted line break of the input survives the round trip.
    assert_eq!(&rows[3][1], "A statement \"with quotes\" and a\nline break");
    assert_eq!(&rows[1][2], "supported");
    assert_eq!(&rows[1][4], "russia-taliban-recognition.txt");
    assert!(rows[1][7].contains("killed 149 people"), "{:?}", &rows[1]);
}

#[test]
fn csv_for_check_too() {
    let env = TestEnv::new();
    let run = env.run(&["check", "--format", "csv", SUPPORTED, UNRELATED]);
    run.expect_code(0);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][1], SUPPORTED);
    assert_eq!(&rows[0][2], "supported");
}

#[test]
fn markdown_report_has_counts_and_a_table() {
    let env = TestEnv::new();
    let file = data("batch/mixed.jsonl").display().to_string();
    let run = env.run(&["batch", &file, "--format", "markdown"]);
    run.expect_code(2);
    let report = &run.stdout;
    assert!(
        report.starts_with("# Fact-check report\n\n7 statements: "),
        "{report}"
    );
    assert!(report.contains(", 3 errors.\n"), "{report}");
    assert!(report.contains("| error | 3 |\n"), "{report}");
    assert!(
        report.contains("| # | Id | Statement | Verdict | Confidence | Evidence |\n"),
        "{report}"
    );
    let rows = report
        .lines()
        .filter(|line| line.starts_with("| ") && line.ends_with(" |"))
        .filter(|line| line.split(" | ").count() == 6)
        .count();
    // Header row plus one per statement.
    assert_eq!(rows, 1 + 7, "{report}");
    // The summary still goes to stderr.
    assert!(
        run.stderr.contains("factcheck: 7 statements: "),
        "{}",
        run.stderr
    );
}

#[test]
fn claimreview_has_the_fields_google_requires() {
    let env = TestEnv::new();
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
        SUPPORTED,
        UNRELATED,
    ]);
    run.expect_code(0);
    let reviews: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let reviews = reviews.as_array().unwrap();
    assert_eq!(reviews.len(), 2);
    for review in reviews {
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert!(review["claimReviewed"].is_string());
        assert_eq!(review["author"]["name"], "Example Checks");
        assert_eq!(review["datePublished"], "2026-03-01");
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        let rating = &review["reviewRating"];
        assert!(rating["alternateName"].is_string(), "{rating}");
        assert!(rating["ratingExplanation"].is_string(), "{rating}");
        assert_eq!(rating["bestRating"], 5);
        assert_eq!(rating["worstRating"], 1);
    }
    // No ids on the command line: {id} is the position.
    assert_eq!(reviews[0]["url"], "https://example.org/checks/1");
    assert_eq!(reviews[1]["url"], "https://example.org/checks/2");
    assert_eq!(reviews[0]["claimReviewed"], SUPPORTED);
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "Supported");
    assert_eq!(reviews[0]["reviewRating"]["ratingValue"], 5);
    let typed: Vec<ClaimReview> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(typed[1].claim_reviewed, UNRELATED);
}

#[test]
fn claimreview_in_batch_uses_the_input_ids_and_skips_errors() {
    let env = TestEnv::new();
    let file = data("batch/mixed.jsonl").display().to_string();
    let run = env.run(&[
        "batch",
        &file,
        "--format",
        "claimreview",
        "--author",
        "Example Checks",
        "--url",
        "https://example.org/checks#{id}",
        "-q",
    ]);
    run.expect_code(2);
    let reviews: Vec<ClaimReview> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(reviews.len(), 4, "{}", run.stdout);
    assert!(
        reviews
            .iter()
            .all(|r| r.url.starts_with("https://example.org/checks#")),
        "{}",
        run.stdout
    );
    // datePublished defaults to today.
    assert_eq!(reviews[0].date_published.len(), 10);
}

#[test]
fn claimreview_without_author_or_url_is_a_usage_error() {
    let env = TestEnv::new();
    let run = env.run(&[
        "check",
        "--format",
        "claimreview",
        "--url",
        "https://x",
        SUPPORTED,
    ]);
    run.expect_code(2);
    assert!(
        run.stderr
            .starts_with("factcheck: --format claimreview needs --author NAME and --url URL\n\n"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    env.run(&["check", "--date", "March 1", SUPPORTED])
        .expect_code(2);
}

#[test]
fn text_marks_matched_words_in_colour_and_quotes_every_passage() {
    let env = TestEnv::new();
    let mut command = env.command(&["check", "--format", "text", SUPPORTED]);
    command.args(["--color", "always"]);
    let output = command.output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    // "Moscow" of the evidence, painted as a match.
    assert!(stdout.contains("\x1b[32mMoscow\x1b[0m"), "{stdout:?}");
    let plain = TestEnv::new().run(&["check", "--format", "text", SUPPORTED]);
    let passages = plain
        .stdout
        .lines()
        .filter(|line| line.starts_with("  evidence: "))
        .count();
    assert!(passages >= 1, "{}", plain.stdout);
    assert!(plain.stdout.contains("\n  findings:\n"), "{}", plain.stdout);
    assert!(
        plain
            .stdout
            .contains("    supports  word     \"Moscow\": exact match\n"),
        "{}",
        plain.stdout
    );
}

#[test]
fn text_diff_shows_words_only_one_side_has() {
    let env = TestEnv::new();
    let run = env.run(&["check", "--format", "text", "--diff", SUPPORTED]);
    run.expect_code(0);
    let diff = run
        .stdout
        .lines()
        .find(|line| line.starts_with("  diff (statement -> russia-taliban-recognition.txt"))
        .unwrap_or_else(|| panic!("no diff line: {}", run.stdout));
    assert!(diff.contains("[-") && diff.contains("{+"), "{diff}");
}

#[test]
fn no_colour_under_no_color_or_dumb_terminal_or_off_a_terminal() {
    let env = TestEnv::new();
    // --color auto (the helper's --color never is overridden).
    for (name, value) in [("NO_COLOR", "1"), ("TERM", "dumb"), ("TERM", "xterm")] {
        let mut command = env.command(&["check", "--format", "text", SUPPORTED]);
        command.args(["--color", "auto"]).env(name, value);
        let output = command.output().unwrap();
        assert!(
            !String::from_utf8_lossy(&output.stdout).contains('\x1b'),
            "{name}={value}"
        );
    }
}

/// A corpus of one sentence, and statements that repeat it with the toll
/// changed: the plainest number conflict there is, so the test does not
/// hang on the tuning of the comparison engine.
fn conflict_env() -> (TestEnv, String) {
    let env = TestEnv::new();
    std::fs::create_dir(env.path().join("corpus")).unwrap();
    env.write(
        "corpus/moscow.txt",
        "The attack on the Moscow concert hall killed 149 people in March 2024.\n\n\
         The gunmen escaped in a white car.\n",
    );
    env.write(
        "claims.jsonl",
        "{\"id\": \"t1\", \"claim\": \"The attack on the Moscow concert hall killed 150 people.\"}\n\
         {\"id\": \"t2\", \"claim\": \"The attack on the Moscow concert hall killed 149 people.\"}\n",
    );
    (env, "corpus".to_string())
}

#[test]
fn conflict_is_marked_in_text() {
    let (env, corpus) = conflict_env();
    let run = env.run(&[
        "check",
        "--corpus",
        &corpus,
        "--format",
        "text",
        "The attack on the Moscow concert hall killed 150 people.",
    ]);
    run.expect_code(1);
    let first = run.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("CONFLICTING (confidence "),
        "{}",
        run.stdout
    );
    assert!(first.contains("killed [[150"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("\n    \"The attack on the Moscow concert hall killed [[149"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\n    conflicts number "),
        "{}",
        run.stdout
    );
}

#[test]
fn conflict_is_quoted_in_markdown_counted_in_csv_and_summary() {
    let (env, corpus) = conflict_env();
    let run = env.run(&[
        "batch",
        "claims.jsonl",
        "--corpus",
        &corpus,
        "--format",
        "markdown",
    ]);
    run.expect_code(1);
    assert!(
        run.stdout
            .contains("| Conflict kind | Statements |\n|---|---:|\n| number | 1 |\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("## Conflicting statements\n\n### 1. t1: The attack on the Moscow concert hall killed **150"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\n> The attack on the Moscow concert hall killed **149"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\n> — moscow.txt, paragraph 1, sentence 1\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains(" 1 conflicting (number 1), "),
        "{}",
        run.stderr
    );
    let run = env.run(&[
        "batch",
        "claims.jsonl",
        "--corpus",
        &corpus,
        "--format",
        "csv",
        "-q",
    ]);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][2], "conflicting");
    assert_eq!(&rows[0][8], "number");
    assert!(rows[0][9].starts_with("number: \"150"), "{:?}", &rows[0]);
    assert_eq!(&rows[1][8], "");
}

#[test]
fn conflict_rates_worst_in_claimreview() {
    let (env, corpus) = conflict_env();
    let run = env.run(&[
        "batch",
        "claims.jsonl",
        "--corpus",
        &corpus,
        "--format",
        "claimreview",
        "--author",
        "Example Checks",
        "--url",
        "https://example.org/checks/{id}",
        "-q",
    ]);
    run.expect_code(1);
    let reviews: Vec<ClaimReview> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(reviews.len(), 2);
    assert_eq!(reviews[0].url, "https://example.org/checks/t1");
    assert_eq!(reviews[0].review_rating.alternate_name, "Conflicting");
    assert_eq!(reviews[0].review_rating.rating_value, 1);
    assert!(reviews[0].review_rating.rating_explanation.contains("149"));
}
