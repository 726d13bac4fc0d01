//! `docs/record.schema.json` describes the records `check` and `batch`
//! really write: every kind of record (supported, conflicting,
//! not_enough_info, compound, matched review, error) is validated against
//! it, in JSON Lines and in the JSON array.

use crate::util::{data, TestEnv};

fn schema() -> jsonschema::Validator {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/record.schema.json");
    let text = std::fs::read_to_string(path).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft202012::new(&schema)
        .unwrap_or_else(|err| panic!("the schema does not compile: {err}"))
}

fn assert_valid(validator: &jsonschema::Validator, record: &serde_json::Value) {
    let errors: Vec<String> = validator
        .iter_errors(record)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "{record}\ndoes not match docs/record.schema.json:\n{errors:#?}"
    );
}

/// One statement of each kind, and two lines that cannot be read.
const STATEMENTS: &str = r#"{"id": "s", "claim": "149 people died in the Moscow attack"}
{"id": "c", "claim": "Soviet forces withdrew from Afghanistan in 1988."}
{"id": "n", "claim": "The Eiffel Tower is in Paris"}
{"id": 4, "claim": "Soviet forces invaded Afghanistan in 1979 and withdrew in 1992"}
{"id": "r", "claim": "Russia recognised the Taliban government in 2021"}
{"id": "e", "claim": ""}
{"claim": 
"#;

#[test]
fn every_kind_of_record_matches_the_schema() {
    let env = TestEnv::new();
    let corpus = env.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(
        data("dev/corpus/russia-taliban-recognition.txt"),
        corpus.join("russia.txt"),
    )
    .unwrap();
    std::fs::write(
        corpus.join("desk.claims.jsonl"),
        "{\"claim\": \"Russia recognised the Taliban government in 2021.\", \"verdict\": \"conflicting\", \"source\": \"Example Desk\", \"note\": null}\n",
    )
    .unwrap();
    env.write("statements.jsonl", STATEMENTS);
    let validator = schema();
    let run = env.run(&["batch", "statements.jsonl", "--corpus", "corpus", "-q"]);
    run.expect_code(2);
    let records: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(records.len(), 7, "{}", run.stdout);
    for record in &records {
        assert_valid(&validator, record);
    }
    // The kinds the test means to cover are all there.
    let has = |key: &str| records.iter().any(|r| r.get(key).is_some());
    assert!(
        has("parts") && has("review") && has("error"),
        "{}",
        run.stdout
    );
    let verdicts: Vec<&serde_json::Value> = records.iter().map(|r| &r["verdict"]).collect();
    for label in ["supported", "conflicting", "not_enough_info"] {
        assert!(
            verdicts.iter().any(|v| *v == label),
            "no {label}: {}",
            run.stdout
        );
    }
    assert!(
        records
            .iter()
            .flat_map(|r| r["evidence"].as_array().unwrap())
            .any(|e| e.get("claim").is_some()),
        "no evidence compared through a claim"
    );
    let array = env.run(&[
        "batch",
        "statements.jsonl",
        "--corpus",
        "corpus",
        "-q",
        "--format",
        "json",
    ]);
    let array: serde_json::Value = serde_json::from_str(&array.stdout).unwrap();
    assert_eq!(array.as_array().unwrap().len(), 7);
    for record in array.as_array().unwrap() {
        assert_valid(&validator, record);
    }
}

#[test]
fn the_schema_rejects_what_a_record_never_is() {
    let env = TestEnv::new();
    let run = env.run(&["check", "149 people died in the Moscow attack"]);
    let good: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    let validator = schema();
    assert_valid(&validator, &good);
    let broken = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut record = good.clone();
        change(&mut record);
        !validator.is_valid(&record)
    };
    assert!(broken(&|r| r["verdict"] = "maybe".into()));
    assert!(broken(&|r| r["confidence"] = 1.5.into()));
    assert!(broken(&|r| r["evidence"][0]["start"] = (-1).into()));
    assert!(broken(&|r| {
        r.as_object_mut().unwrap().remove("claim");
    }));
    // A verdict and an error never go together; no verdict needs one.
    assert!(broken(&|r| r["error"] = "x".into()));
    assert!(broken(&|r| r["verdict"] = serde_json::Value::Null));
}
