//! `factcheck draft`: a whole draft checked against the bundled article,
//! in every format, with the CI policy's exit statuses.
//!
//! The drafts in `tests/data/draft/` (see its README) are written for
//! these tests: `one-false.md` has one false sentence ("withdrew ... in
//! 1988"; the article says 1989) among supported ones, a heading and a
//! question; `supported.txt` only sentences the article supports.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::util::{data, TestEnv};

const FALSE_SENTENCE: &str = "Soviet forces withdrew from Afghanistan in 1988";

fn draft_path(name: &str) -> String {
    data(&format!("draft/{name}")).display().to_string()
}

fn json_report(env: &TestEnv, name: &str, code: i32) -> (String, Value) {
    let path = draft_path(name);
    let run = env.run(&["draft", &path, "--format", "json"]);
    run.expect_code(code);
    let text = std::fs::read_to_string(&path).unwrap();
    (text, serde_json::from_str(&run.stdout).unwrap())
}

fn usize_at(value: &Value, key: &str) -> usize {
    value[key]
        .as_u64()
        .unwrap_or_else(|| panic!("no {key} in {value}")) as usize
}

#[test]
fn offsets_slice_the_draft_exactly() {
    let env = TestEnv::new();
    let (text, report) = json_report(&env, "one-false.md", 1);
    let claims = report["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 3, "{report:#}");
    for claim in claims {
        let (start, end) = (usize_at(claim, "start"), usize_at(claim, "end"));
        assert_eq!(&text[start..end], claim["source"].as_str().unwrap());
        let sentence = &text[usize_at(claim, "sentence_start")..usize_at(claim, "sentence_end")];
        assert!(sentence.contains(&text[start..end]), "{sentence}");
        for span in claim["spans"].as_array().unwrap() {
            let piece =
                &text[span[0].as_u64().unwrap() as usize..span[1].as_u64().unwrap() as usize];
            assert!(claim["claim"].as_str().unwrap().contains(piece), "{piece}");
        }
        // Lines and columns point at the same place as the bytes.
        let line = claim["region"]["from"]["line"].as_u64().unwrap() as usize;
        let column = claim["region"]["from"]["column"].as_u64().unwrap() as usize;
        let line_start: usize = text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum();
        assert_eq!(text[line_start..start].chars().count() + 1, column);
    }
    let skipped = report["skipped"].as_array().unwrap();
    let reasons: Vec<(&str, &str)> = skipped
        .iter()
        .map(|s| {
            assert_eq!(
                &text[usize_at(s, "start")..usize_at(s, "end")],
                s["text"].as_str().unwrap()
            );
            (s["text"].as_str().unwrap(), s["reason"].as_str().unwrap())
        })
        .collect();
    assert_eq!(reasons[0], ("Russia and the Taliban", "a heading"));
    assert_eq!(reasons[1].0, "Should Washington follow Moscow's lead?");
    assert!(reasons[1].1.starts_with("a question"), "{}", reasons[1].1);
    assert_eq!(report["corpus"], "the bundled article (no --corpus given)");
}

#[test]
fn a_false_sentence_fails_and_is_named_in_every_format() {
    let env = TestEnv::new();
    let path = draft_path("one-false.md");
    let text = env.run(&["draft", &path, "--format", "text", "--color", "never"]);
    text.expect_code(1);
    assert!(
        text.stdout
            .contains("[Soviet forces withdrew from Afghanistan in [[1988]]]{c2 conflicting}"),
        "{}",
        text.stdout
    );
    assert!(text
        .stdout
        .contains("--fail-on conflicting: failed (1 claim)"));

    let (_, json) = json_report(&env, "one-false.md", 1);
    let conflicting: Vec<&str> = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["label"] == "conflicting")
        .map(|c| c["claim"].as_str().unwrap())
        .collect();
    assert_eq!(conflicting, [FALSE_SENTENCE]);
    assert_eq!(json["summary"]["passed"], false);

    let sarif = env.run(&["draft", &path, "--format", "sarif"]);
    sarif.expect_code(1);
    let sarif: Value = serde_json::from_str(&sarif.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{sarif:#}");
    assert_eq!(results[0]["level"], "error");
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["snippet"]["text"], FALSE_SENTENCE);
    assert_eq!(region["startLine"], 3);

    let github = env.run(&["draft", &path, "--format", "github"]);
    github.expect_code(1);
    let first = github.stdout.lines().next().unwrap();
    assert!(
        first.starts_with(&format!(
            "::error file={},line=3,col=78,",
            path.replace(':', "%3A").replace(',', "%2C")
        )),
        "{first}"
    );
    assert!(first.contains(FALSE_SENTENCE), "{first}");
    // The summary goes to stderr for machine formats.
    assert!(
        github.stderr.contains("3 claims checked"),
        "{}",
        github.stderr
    );
}

#[test]
fn a_draft_of_supported_sentences_exits_0() {
    let env = TestEnv::new();
    let (_, report) = json_report(&env, "supported.txt", 0);
    assert_eq!(report["summary"]["supported"], 3);
    assert_eq!(report["summary"]["supported_share"], 1.0);
    // Every supported: even the strict policy holds.
    let path = draft_path("supported.txt");
    env.run(&["draft", &path, "--fail-on", "unsupported", "-q"])
        .expect_code(0);
}

#[test]
fn fail_on_unsupported_and_min_confidence_gate_draft_check_and_batch() {
    let env = TestEnv::new();
    let unsettled = "Turkmenistan appointed an ambassador to Kabul.";
    let draft = env.write("unsettled.txt", unsettled);
    let draft = draft.display().to_string();
    env.run(&["draft", &draft, "-q"]).expect_code(0);
    env.run(&["draft", &draft, "-q", "--fail-on", "unsupported"])
        .expect_code(1);
    env.run(&["check", unsettled]).expect_code(0);
    env.run(&["check", "--fail-on", "unsupported", unsettled])
        .expect_code(1);
    let supported = "149 people died in the Moscow attack";
    env.run(&["check", "--fail-on", "unsupported", supported])
        .expect_code(0);
    // "allows" vs "banned" is a conflict of confidence 0.76 (README):
    // below --min-confidence 0.8 it counts as not_enough_info, which no
    // longer fails --fail-on conflicting but still fails --fail-on unsupported.
    let hedged_conflict = "The Taliban allows girls to attend high schools.";
    let run = env.run(&["check", "--format", "json", hedged_conflict]);
    let record = &serde_json::from_str::<Value>(&run.stdout).unwrap()[0];
    assert_eq!(record["verdict"], "conflicting");
    assert!(record["confidence"].as_f64().unwrap() < 0.8, "{record}");
    run.expect_code(1);
    env.run(&["check", "--min-confidence", "0.8", hedged_conflict])
        .expect_code(0);
    env.run(&[
        "check",
        "--min-confidence",
        "0.8",
        "--fail-on",
        "unsupported",
        hedged_conflict,
    ])
    .expect_code(1);
    let run = env.run(&["check", "--min-confidence", "1.5", hedged_conflict]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("'1.5' is outside 0 to 1"),
        "{}",
        run.stderr
    );
    let statements = env.write("statements.txt", format!("{unsettled}\n{supported}\n"));
    let statements = statements.display().to_string();
    env.run(&["batch", &statements, "-q"]).expect_code(0);
    env.run(&["batch", &statements, "-q", "--fail-on", "unsupported"])
        .expect_code(1);
    env.run(&["batch", &statements, "-q", "--strict"])
        .expect_code(1);
    let run = env.run(&["batch", &statements, "--strict", "--fail-on", "conflicting"]);
    run.expect_code(2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

#[test]
fn batch_summary_names_the_corpus() {
    let env = TestEnv::new();
    let statements = env.write("s.txt", "149 people died in the Moscow attack\n");
    let run = env.run(&["batch", &statements.display().to_string()]);
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("factcheck: corpus: the bundled article (no --corpus given)\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn errors_exit_2_with_a_message() {
    let env = TestEnv::new();
    let run = env.run(&["draft", "no-such-draft.md"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("failed to read draft 'no-such-draft.md'"),
        "{}",
        run.stderr
    );
    let bad = env.write("bad.txt", b"Soviet forces \xff withdrew.");
    let run = env.run(&["draft", &bad.display().to_string()]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("is not valid UTF-8 (at byte 14)"),
        "{}",
        run.stderr
    );
}

#[test]
fn reads_an_html_draft_as_its_text() {
    let env = TestEnv::new();
    let html = env.write(
        "story.html",
        "<html><head><title>x</title><script>var a = 1988;</script></head><body>\
         <h1>Moscow</h1><p>Soviet forces <em>withdrew</em> from Afghanistan\n in 1988.</p></body></html>",
    );
    let run = env.run(&["draft", &html.display().to_string(), "--format", "json"]);
    run.expect_code(1);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let text = report["extracted_text"].as_str().unwrap();
    assert_eq!(
        text,
        "Moscow\n\nSoviet forces withdrew from Afghanistan in 1988.\n"
    );
    let claim = &report["claims"][0];
    assert_eq!(claim["label"], "conflicting");
    assert_eq!(
        &text[usize_at(claim, "start")..usize_at(claim, "end")],
        FALSE_SENTENCE
    );
}

#[test]
fn reads_the_draft_from_stdin() {
    let env = TestEnv::new();
    let run = env.run_with_stdin(
        &["draft", "-", "--format", "jsonl"],
        "Soviet forces withdrew from Afghanistan in 1988.\n",
    );
    run.expect_code(1);
    let last: Value = serde_json::from_str(run.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["type"], "summary");
    assert_eq!(last["draft"], "<stdin>");
    assert_eq!(last["conflicting"], 1);
}

#[test]
fn sarif_validates_against_the_published_schema() {
    let env = TestEnv::new();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(data("sarif/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    for name in ["one-false.md", "supported.txt"] {
        let run = env.run(&["draft", &draft_path(name), "--format", "sarif"]);
        let log: Value = serde_json::from_str(&run.stdout).unwrap();
        let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    // The validator does reject what the schema forbids.
    let mut broken: Value = serde_json::from_str(
        &env.run(&["draft", &draft_path("one-false.md"), "--format", "sarif"])
            .stdout,
    )
    .unwrap();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

/// The number of `mark.claim` elements of a page, and their badges.
fn marks(page: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse("mark.claim .badge").unwrap();
    document
        .select(&selector)
        .map(|badge| badge.text().collect())
        .collect()
}

#[test]
fn html_report_parses_and_marks_each_checked_claim() {
    let env = TestEnv::new();
    let path = draft_path("one-false.md");
    let run = env.run(&["draft", &path, "--format", "html"]);
    run.expect_code(1);
    let document = scraper::Html::parse_document(&run.stdout);
    assert!(document.errors.is_empty(), "{:?}", document.errors);
    assert_eq!(
        marks(&run.stdout),
        ["c1 supported", "c2 conflicting", "c3 supported"]
    );
    let details = scraper::Selector::parse("details#c2 .conflict").unwrap();
    let conflicting: Vec<String> = document
        .select(&details)
        .map(|e| e.text().collect())
        .collect();
    assert!(conflicting.contains(&"1988".to_string()), "{conflicting:?}");
    assert!(conflicting.contains(&"1989".to_string()), "{conflicting:?}");
    assert!(!run.stdout.contains("src=\"http") && !run.stdout.contains("href=\"http"));
}

/// Chromium as Debian installs it, if it is there.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|out| out.status.success())
        })
}

#[test]
fn html_report_loads_in_a_headless_browser_without_console_errors() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no chromium installed (apt-get install chromium; .ci/run does)");
        return;
    };
    let env = TestEnv::new();
    let report = env.path().join("report.html");
    env.run(&[
        "draft",
        &draft_path("one-false.md"),
        "--format",
        "html",
        "--output",
        &report.display().to_string(),
    ])
    .expect_code(1);
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", absolute(&report).display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&output.stdout);
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{log}");
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    // The page's script ran to its end, and the browser built one mark
    // per checked claim.
    assert!(dom.contains("data-ready=\"yes\""), "{dom}");
    assert_eq!(marks(&dom).len(), 3, "{dom}");
}

fn absolute(path: &Path) -> std::path::PathBuf {
    std::fs::canonicalize(path).unwrap()
}
