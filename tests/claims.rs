//! `factcheck claims`, claims in the index, compound statements and
//! reviewed claims.

use serde_json::Value;

use crate::util::{assert_lines_eq, data, dev_corpus, TestEnv};

/// The JSON objects of a JSON Lines output.
fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// The full list of the bundled article's claims is a snapshot: a change
/// to the extractor shows here as a diff to review. Regenerate with
/// `FACTCHECK_UPDATE_SNAPSHOTS=1 cargo test claims_of_the_bundled_article`.
#[test]
fn claims_of_the_bundled_article_match_the_snapshot() {
    let env = TestEnv::new();
    let run = env.run(&["claims", "--format", "text", "--color", "never"]);
    run.expect_code(0);
    let snapshot = data("claims/bundled.txt");
    if std::env::var_os("FACTCHECK_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snapshot, &run.stdout).unwrap();
    }
    let expected = std::fs::read_to_string(&snapshot).unwrap();
    assert_lines_eq(&expected, &run.stdout);
}

#[test]
fn claims_come_most_check_worthy_first_with_their_sources() {
    let env = TestEnv::new();
    let run = env.run(&["claims", "--format", "jsonl"]);
    let claims = json_lines(&run.expect_code(0).stdout);
    assert!(claims.len() > 20, "{}", run.stdout);
    let scores: Vec<f64> = claims
        .iter()
        .map(|c| c["check_worthiness"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let article = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus/russia-taliban-recognition.txt"),
    )
    .unwrap();
    for claim in &claims {
        let (start, end) = (
            claim["source_start"].as_u64().unwrap() as usize,
            claim["source_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&article[start..end], claim["source"].as_str().unwrap());
        for span in claim["spans"].as_array().unwrap() {
            let (s, e) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            let words = &article[s..e];
            assert!(
                claim["claim"].as_str().unwrap().contains(words),
                "span {words:?} not in {claim}"
            );
        }
    }
    // The issue's own example: three claims from one sentence, each with
    // its subject.
    let texts: Vec<&str> = claims
        .iter()
        .map(|c| c["claim"].as_str().unwrap())
        .collect();
    let soviet: Vec<&&str> = texts
        .iter()
        .filter(|t| t.starts_with("Soviet forces"))
        .collect();
    assert!(soviet.len() >= 3, "{soviet:?}");
}

#[test]
fn min_score_drops_the_less_check_worthy() {
    let env = TestEnv::new();
    let all = json_lines(
        &env.run(&["claims", "--format", "jsonl"])
            .expect_code(0)
            .stdout,
    );
    let run = env.run(&["claims", "--format", "jsonl", "--min-score", "0.6"]);
    let some = json_lines(&run.expect_code(0).stdout);
    assert!(some.len() < all.len(), "{} of {}", some.len(), all.len());
    assert!(some
        .iter()
        .all(|c| c["check_worthiness"].as_f64().unwrap() >= 0.6 - 1e-4));
    let bad = env.run(&["claims", "--min-score", "2"]);
    bad.expect_code(2);
    assert!(bad.stderr.contains("outside 0 to 1"), "{}", bad.stderr);
}

/// Every claim extracted from a corpus, fed back through `batch`, is
/// supported by that same corpus: the extractor says only what the
/// articles say.
fn every_claim_is_supported_by(corpus: &str) {
    let env = TestEnv::new();
    let run = env.run(&["claims", "--corpus", corpus, "--format", "jsonl"]);
    let listed = run.expect_code(0).stdout.clone();
    let unsupported = batch_verdicts_other_than(&env, "claims.jsonl", &listed, corpus, "supported");
    assert!(unsupported.is_empty(), "{}", unsupported.join("\n"));
}

/// Runs `batch` over `statements` (written to `name`) against `corpus`,
/// checks one record came out per line, and describes every record whose
/// verdict is not `expected`.
fn batch_verdicts_other_than(
    env: &TestEnv,
    name: &str,
    statements: &str,
    corpus: &str,
    expected: &str,
) -> Vec<String> {
    let file = env.write(name, statements).display().to_string();
    let run = env.run(&["batch", &file, "--corpus", corpus, "-q"]);
    let records = json_lines(&run.stdout);
    assert_eq!(records.len(), statements.lines().count(), "{}", run.stderr);
    records
        .iter()
        .filter(|r| r["verdict"] != expected)
        .map(|r| format!("{} {}: {}", r["verdict"], r["claim"], r["explanation"]))
        .collect()
}

#[test]
fn every_claim_of_the_bundled_article_is_supported_by_it() {
    let env = TestEnv::new();
    let corpus = env.path().join("bundled");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus/russia-taliban-recognition.txt"),
        corpus.join("russia-taliban-recognition.txt"),
    )
    .unwrap();
    every_claim_is_supported_by(&corpus.display().to_string());
}

#[test]
fn every_claim_of_the_dev_articles_is_supported_by_them() {
    every_claim_is_supported_by(&dev_corpus());
}

#[test]
fn evidence_names_the_claim_that_matched() {
    let env = TestEnv::new();
    let corpus = env.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let article =
        "The mill opened in 1901, made chairs for sixty years, and closed in 1961 after a fire.\n";
    std::fs::write(corpus.join("mill.txt"), article).unwrap();
    let corpus = corpus.display().to_string();
    let run = env.run(&[
        "check",
        "--corpus",
        &corpus,
        "--format",
        "jsonl",
        "The mill closed in 1971.",
    ]);
    let record = &json_lines(&run.stdout)[0];
    assert_eq!(record["verdict"], "conflicting", "{}", run.stdout);
    let evidence = &record["evidence"][0];
    assert_eq!(evidence["text"], article.trim_end());
    let claim = evidence["claim"]
        .as_str()
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(claim.contains("closed in 1961"), "{claim}");
    let conflict = &record["conflicts"][0];
    let (s, e) = (
        conflict["evidence_start"].as_u64().unwrap() as usize,
        conflict["evidence_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&article[s..e], "1961");
}

#[test]
fn compound_statement_is_checked_part_by_part() {
    let env = TestEnv::new();
    let corpus = dev_corpus();
    let statement = "Soviet forces invaded Afghanistan in 1979 and withdrew in 1992";
    let run = env.run(&["check", "--corpus", &corpus, "--format", "jsonl", statement]);
    run.expect_code(1);
    let record = &json_lines(&run.stdout)[0];
    assert_eq!(record["verdict"], "conflicting", "{}", run.stdout);
    let parts = record["parts"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert_eq!(parts.len(), 2, "{}", run.stdout);
    assert_eq!(parts[0]["verdict"], "supported", "{}", run.stdout);
    assert_eq!(parts[1]["verdict"], "conflicting", "{}", run.stdout);
    let conflict = &record["conflicts"][0];
    assert_eq!(conflict["claim_text"], "1992");
    let (s, e) = (
        conflict["claim_start"].as_u64().unwrap() as usize,
        conflict["claim_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&statement[s..e], "1992");

    let run = env.run(&[
        "check",
        "--corpus",
        &corpus,
        "--format",
        "jsonl",
        "Soviet forces invaded Afghanistan in 1979 and withdrew in 1989",
    ]);
    let record = &json_lines(&run.expect_code(0).stdout)[0];
    assert_eq!(record["verdict"], "supported", "{}", run.stdout);
    assert_eq!(record["parts"].as_array().map(Vec::len), Some(2));
}

#[test]
fn atomic_statement_has_no_parts() {
    let env = TestEnv::new();
    let run = env.run(&[
        "check",
        "--format",
        "jsonl",
        "149 people died in the Moscow attack",
    ]);
    let record = &json_lines(&run.expect_code(0).stdout)[0];
    assert!(record.get("parts").is_none(), "{}", run.stdout);
}

#[test]
fn a_reviewed_claim_decides_a_matching_statement() {
    let env = TestEnv::new();
    let corpus = env.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("mill.txt"),
        "Harbour Mill\n\nThe mill made chairs for sixty years.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("desk.claims.jsonl"),
        concat!(
            "{\"claim\": \"The mill employed 300 workers in 1950.\", \"verdict\": \"conflicting\", \"source\": \"Town archive\", \"note\": \"Payroll shows 120.\"}\n",
            "{\"claim\": \"The mill burned down in 1961.\", \"verdict\": \"supported\"}\n",
            "{\"claim\": \"broken\"\n",
        ),
    )
    .unwrap();
    let corpus = corpus.display().to_string();
    let run = env.run(&[
        "check",
        "--corpus",
        &corpus,
        "--format",
        "jsonl",
        "The mill employed 300 workers in 1950",
        "The mill burned down in 1961",
        "The mill burned down in 1971",
    ]);
    assert!(run.stderr.contains("desk.claims.jsonl:3"), "{}", run.stderr);
    let records = json_lines(&run.stdout);
    assert_eq!(records[0]["verdict"], "conflicting", "{}", run.stdout);
    assert_eq!(records[0]["review"]["note"], "Payroll shows 120.");
    assert_eq!(records[0]["review"]["line"], 1);
    assert_eq!(records[0]["review"]["document"], "desk.claims.jsonl");
    assert_eq!(records[1]["verdict"], "supported", "{}", run.stdout);
    assert_eq!(records[1]["review"]["line"], 2);
    // Contradicting a claim reviewed as true conflicts with it.
    assert_eq!(records[2]["verdict"], "conflicting", "{}", run.stdout);
}

/// The claim with its first number changed: a year moved by one, any other
/// number doubled plus one ("149" -> "299", "15,000" -> "30,001").
fn with_a_number_changed(claim: &str) -> Option<String> {
    let start = claim.find(|c: char| c.is_ascii_digit())?;
    let end = claim[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == ','))
        .map_or(claim.len(), |n| start + n);
    let digits = claim[start..end].trim_end_matches(',');
    let end = start + digits.len();
    let value: u64 = digits.replace(',', "").parse().ok()?;
    let is_decimal =
        claim[end..].starts_with('.') && claim[end + 1..].starts_with(|c: char| c.is_ascii_digit());
    if is_decimal {
        return None;
    }
    let changed = if (1800..2100).contains(&value) && !digits.contains(',') {
        value + 1
    } else {
        value * 2 + 1
    };
    Some(format!("{}{changed}{}", &claim[..start], &claim[end..]))
}

/// Every claim of the dev articles with a number changed conflicts with
/// them: the other side of `every_claim_of_the_dev_articles_is_supported_by_them`.
#[test]
fn every_claim_with_a_changed_number_conflicts() {
    let env = TestEnv::new();
    let corpus = dev_corpus();
    let run = env.run(&["claims", "--corpus", &corpus, "--format", "jsonl"]);
    let changed: Vec<String> = json_lines(&run.expect_code(0).stdout)
        .iter()
        .filter_map(|c| with_a_number_changed(c["claim"].as_str().unwrap()))
        .collect();
    assert!(changed.len() >= 10, "{changed:?}");
    let missed = batch_verdicts_other_than(
        &env,
        "changed.txt",
        &changed.join("\n"),
        &corpus,
        "conflicting",
    );
    assert!(missed.is_empty(), "{}", missed.join("\n"));
}

#[test]
fn numbers_are_changed_as_documented() {
    assert_eq!(
        with_a_number_changed("The attack killed 149 people.").as_deref(),
        Some("The attack killed 299 people.")
    );
    assert_eq!(
        with_a_number_changed("They left in 1989, losing 15,000 soldiers").as_deref(),
        Some("They left in 1990, losing 15,000 soldiers")
    );
    assert_eq!(
        with_a_number_changed("losing 15,000 soldiers").as_deref(),
        Some("losing 30001 soldiers")
    );
    assert_eq!(with_a_number_changed("No numbers here"), None);
}
