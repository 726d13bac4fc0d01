//! `factcheck check`: statements as arguments or on stdin.

use factcheck::verdict::Label;

use crate::util::{assert_lines_eq, data, dev_corpus, Run, TestEnv};

const SUPPORTED: &str = "149 people died in the Moscow attack";
const CONFLICTING: &str = "150 people died in the Moscow attack";
const UNRELATED: &str = "The Eiffel Tower is in Paris";

#[test]
fn supported_statement_quotes_passage_with_byte_offsets() {
    let env = TestEnv::new();
    let corpus = dev_corpus();
    let run = env.run(&["check", "--corpus", &corpus, "--format", "jsonl", SUPPORTED]);
    let record = run.expect_code(0).record();
    assert_eq!(record.verdict, Some(Label::Supported), "{}", run.stdout);
    assert_eq!(record.claim, SUPPORTED);
    assert_eq!(record.id, None);
    let evidence = record
        .evidence
        .iter()
        .find(|e| e.text.contains("killed 149 people"))
        .unwrap_or_else(|| panic!("no evidence quotes the toll: {}", run.stdout));
    let file = std::fs::read(data("dev/corpus").join(&evidence.document)).unwrap();
    let slice = std::str::from_utf8(&file[evidence.start..evidence.end]).unwrap();
    assert_lines_eq(&evidence.text, slice);
    assert!(evidence.paragraph >= 1 && evidence.sentence >= 1);
    let confidence = record.confidence.unwrap();
    assert!((0.0..=1.0).contains(&confidence), "{confidence}");
}

/// Needs the comparison engine.
#[test]
fn changed_death_toll_conflicts_naming_both_numbers() {
    let env = TestEnv::new();
    let corpus = dev_corpus();
    let run = env.run(&[
        "check",
        "--corpus",
        &corpus,
        "--format",
        "jsonl",
        CONFLICTING,
    ]);
    let record = run.record();
    assert_eq!(record.verdict, Some(Label::Conflicting), "{}", run.stdout);
    run.expect_code(1);
    let conflict = record
        .conflicts
        .iter()
        .find(|c| c.kind == "number")
        .unwrap_or_else(|| panic!("no number conflict: {}", run.stdout));
    assert_eq!(conflict.claim_text, "150");
    assert_eq!(conflict.evidence_text, "149");
    assert_eq!(
        &CONFLICTING[conflict.claim_start..conflict.claim_end],
        "150"
    );
    let file = std::fs::read(data("dev/corpus").join(&conflict.document)).unwrap();
    assert_eq!(
        &file[conflict.evidence_start..conflict.evidence_end],
        b"149"
    );
}

/// Needs the comparison engine.
#[test]
fn conflict_in_text_format_shows_both_spans() {
    let env = TestEnv::new();
    let run = env.run(&["check", "--format", "text", CONFLICTING]);
    run.expect_code(1);
    assert!(
        run.stdout
            .contains(r#"number: "150" (statement) vs "149" (evidence)"#),
        "{}",
        run.stdout
    );
}

#[test]
fn unrelated_statement_is_not_enough_info_and_exits_0() {
    let env = TestEnv::new();
    let run = env.run(&["check", "--format", "jsonl", UNRELATED]);
    let record = run.expect_code(0).record();
    assert_eq!(record.verdict, Some(Label::NotEnoughInfo), "{}", run.stdout);
}

#[test]
fn strict_makes_not_enough_info_exit_1() {
    let env = TestEnv::new();
    let run = env.run(&["check", "--strict", "--format", "jsonl", UNRELATED]);
    run.expect_code(1);
    assert_eq!(run.record().verdict, Some(Label::NotEnoughInfo));
}

#[test]
fn several_statements_give_records_in_order() {
    let env = TestEnv::new();
    let run = env.run(&["check", "--format", "jsonl", SUPPORTED, UNRELATED]);
    let claims: Vec<String> = run.records().into_iter().map(|r| r.claim).collect();
    assert_eq!(claims, [SUPPORTED, UNRELATED]);
}

#[test]
fn reads_statements_from_stdin_skipping_blank_lines() {
    let env = TestEnv::new();
    let stdin = format!("{SUPPORTED}\r\n\n   \n{UNRELATED}");
    let run = env.run_with_stdin(&["check", "--format", "jsonl"], &stdin);
    run.expect_code(0);
    let claims: Vec<String> = run.records().into_iter().map(|r| r.claim).collect();
    assert_eq!(claims, [SUPPORTED, UNRELATED]);
}

#[test]
fn defaults_to_jsonl_when_stdout_is_not_a_terminal() {
    let env = TestEnv::new();
    let run = env.run(&["check", SUPPORTED]);
    assert_eq!(run.expect_code(0).record().verdict, Some(Label::Supported));
}

#[test]
fn text_format_shows_label_evidence_and_no_colour() {
    let env = TestEnv::new();
    let run = env.run(&["check", "--format", "text", SUPPORTED]);
    run.expect_code(0);
    let first = run.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("SUPPORTED (confidence ") && first.ends_with(SUPPORTED),
        "{first}"
    );
    assert!(
        run.stdout
            .contains("  evidence: russia-taliban-recognition.txt, paragraph "),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("killed 149 people"));
    assert!(!run.stdout.contains('\x1b'));
}

#[test]
fn color_always_colours_text_but_never_json() {
    let env = TestEnv::new();
    let mut command = env.command(&["check", "--format", "text", SUPPORTED]);
    // The later --color wins over the helper's --color never.
    command.args(["--color", "always"]);
    let output = command.output().unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("\x1b["));
    let mut command = env.command(&["check", "--format", "jsonl", SUPPORTED]);
    command.args(["--color", "always"]);
    let output = command.output().unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains('\x1b'));
}

#[test]
fn json_format_is_one_array() {
    let env = TestEnv::new();
    let run = env.run(&["check", "--format", "json", SUPPORTED, UNRELATED]);
    run.expect_code(0);
    assert!(run.stdout.starts_with("[\n  {\n"), "{}", run.stdout);
    let records: Vec<factcheck::report::Record> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[1].verdict, Some(Label::NotEnoughInfo));
}

#[test]
fn control_characters_are_escaped_in_text() {
    let env = TestEnv::new();
    let run = env.run(&["check", "--format", "text", "evil \x1b[31m statement"]);
    assert!(!run.stdout.contains('\x1b'), "{:?}", run.stdout);
    assert!(
        run.stdout.contains("evil \\u{1b}[31m statement"),
        "{}",
        run.stdout
    );
}

#[test]
fn empty_statement_is_an_error_record_and_exits_2() {
    let env = TestEnv::new();
    let run = env.run(&["check", "--format", "jsonl", SUPPORTED, "  "]);
    run.expect_code(2);
    let records = run.records();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].verdict, Some(Label::Supported));
    assert_eq!(records[1].verdict, None);
    assert!(records[1].error.as_deref().unwrap().contains("empty"));
}

#[test]
fn dev_corpus_folder_is_used() {
    let env = TestEnv::new();
    let corpus = dev_corpus();
    let statement = "Northwind Rail will buy 40 battery-electric trains from Aldermark";
    let run = env.run(&["check", "--corpus", &corpus, statement]);
    let record = run.expect_code(0).record();
    assert_eq!(record.verdict, Some(Label::Supported), "{}", run.stdout);
    assert_eq!(record.evidence[0].document, "northwind-rail.txt");
}

#[test]
fn missing_corpus_folder_exits_2_naming_it() {
    let env = TestEnv::new();
    let run = env.run(&["check", "--corpus", "no-such-corpus", SUPPORTED]);
    run.expect_code(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_lines_eq(
        "factcheck: no corpus folder 'no-such-corpus'\n\nPass --corpus DIR with a folder of .txt or .md articles, or leave it out to use the bundled article.\n",
        &run.stderr,
    );
}

#[test]
fn corpus_folder_without_articles_exits_2() {
    let env = TestEnv::new();
    std::fs::create_dir(env.path().join("empty")).unwrap();
    let run = env.run(&["check", "--corpus", "empty", SUPPORTED]);
    run.expect_code(2);
    assert!(
        run.stderr
            .starts_with("factcheck: no .txt or .md files in corpus folder 'empty'"),
        "{}",
        run.stderr
    );
}

#[test]
fn works_from_another_cwd_with_the_bundled_corpus() {
    let env = TestEnv::new();
    let elsewhere = env.path().join("somewhere/else");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let output = env
        .command(&["check", SUPPORTED])
        .current_dir(&elsewhere)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let record: factcheck::report::Record = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record.verdict, Some(Label::Supported));
    assert_eq!(
        record.evidence[0].document,
        "russia-taliban-recognition.txt"
    );
}

/// An article alone in a corpus of its own, to check statements against.
struct Article {
    env: TestEnv,
}

impl Article {
    fn new(text: &str) -> Article {
        let env = TestEnv::new();
        std::fs::create_dir(env.path().join("corpus")).unwrap();
        env.write("corpus/article.txt", text);
        Article { env }
    }

    fn check(&self, statement: &str) -> Run {
        self.env.run(&[
            "check", "--corpus", "corpus", "--format", "jsonl", statement,
        ])
    }

    /// Asserts `changed` conflicts with the article through a conflict of
    /// `kind` naming `claim_text` (and `evidence_text`, when given), and
    /// `kept` is supported.
    fn assert_conflict(
        &self,
        changed: &str,
        kind: &str,
        claim_text: &str,
        evidence_text: Option<&str>,
        kept: &str,
    ) {
        let run = self.check(changed);
        let record = run.record();
        assert_eq!(record.verdict, Some(Label::Conflicting), "{}", run.stdout);
        let conflict = record
            .conflicts
            .iter()
            .find(|c| c.kind == kind)
            .unwrap_or_else(|| panic!("no {kind} conflict: {}", run.stdout));
        assert_eq!(conflict.claim_text, claim_text);
        if let Some(evidence_text) = evidence_text {
            assert_eq!(conflict.evidence_text, evidence_text);
        }
        let run = self.check(kept);
        assert_eq!(
            run.record().verdict,
            Some(Label::Supported),
            "{}",
            run.stdout
        );
    }
}

/// Who beat whom: the loser named as the winner conflicts.
#[test]
fn swapped_winner_and_loser_conflict() {
    Article::new(
        "Riverside United win the county cup\n\n\
         Riverside United beat Castle Rovers 4-3 on penalties in the county cup final on Saturday.\n",
    )
    .assert_conflict(
        "Castle Rovers beat Riverside United.",
        "role_swap",
        "Castle Rovers",
        None,
        "Riverside United beat Castle Rovers.",
    );
}

/// A figure the evidence gives to another noun: "received 210 mm" where
/// 210 mm is the average and 94 mm what was received conflicts, with the
/// evidence's own figure named; the right figure is supported.
#[test]
fn figure_of_another_noun_conflicts_with_the_verbs_own() {
    Article::new(
        "Drought grips Carrow\n\n\
         The province received 94 millimetres of rain between April and July, less than half \
         the long-term average of 210 millimetres for those months.\n",
    )
    .assert_conflict(
        "Carrow received 210 millimetres of rain between April and July.",
        "number",
        "210 millimetres",
        Some("94 millimetres"),
        "Carrow received 94 millimetres of rain between April and July.",
    );
}

/// Two names in each other's place: the company a founder founded and the
/// one whose board he joins.
#[test]
fn names_that_trade_places_conflict() {
    Article::new(
        "Glenmoor buys Pell\n\n\
         Glenmoor Energy agreed to buy Pell Solar for $80 million in May, and Pell's founder, \
         Ruth Adair, will join Glenmoor's board.\n",
    )
    .assert_conflict(
        "Glenmoor's founder, Ruth Adair, will join Pell's board.",
        "role_swap",
        "Glenmoor",
        Some("Pell"),
        "Pell's founder, Ruth Adair, will join Glenmoor's board.",
    );
}

/// A name the alignment places in the title ("Port authority budget") is
/// still read where the sentence has it: who criticised whom is checked.
#[test]
fn names_matched_in_the_title_still_trade_places() {
    Article::new(
        "Port authority budget\n\n\
         The Maritime Safety Board criticised the Port Authority for delays, and the \
         Authority blamed the City Council.\n",
    )
    .assert_conflict(
        "The Port Authority criticised the Maritime Safety Board for delays.",
        "role_swap",
        "Port Authority",
        None,
        "The Maritime Safety Board criticised the Port Authority for delays.",
    );
}

/// Words put in the wrong mouth across sentences: "she said" is the
/// speaker of the sentence before, and a quotation alone continues the
/// quotation before it.
#[test]
fn a_speaker_carried_over_from_the_sentence_before_conflicts() {
    let article = Article::new(
        "Lakeport approves ferry terminal\n\n\
         The council voted 7-2 on Tuesday to build a new ferry terminal.\n\n\
         Mayor Helen Varga, who first proposed the terminal in 2023, said the vote was a turning \
         point. \u{201c}People on the islands will finally have a proper way to reach the \
         mainland,\u{201d} she said.\n\n\
         \u{201c}This is money we do not have,\u{201d} said Councillor Dana Pike. \u{201c}We will \
         be paying for it for thirty years.\u{201d}\n",
    );
    article.assert_conflict(
        "Dana Pike said people on the islands will finally have a proper way to reach the mainland.",
        "attribution",
        "Dana Pike",
        Some("Mayor Helen Varga"),
        "Helen Varga said people on the islands will finally have a proper way to reach the mainland.",
    );
    article.assert_conflict(
        "Helen Varga said, \"We will be paying for it for thirty years.\"",
        "attribution",
        "Helen Varga",
        Some("Councillor Dana Pike"),
        "Dana Pike said, \"We will be paying for it for thirty years.\"",
    );
}

/// Who did what across a pronoun and a split statement: "she" opening a
/// sentence is the name the sentence before opens with, and a compound
/// statement whose parts each name one player is checked whole too.
#[test]
fn names_trade_places_across_a_pronoun_and_a_split_statement() {
    let article = Article::new(
        "Okafor edges Varga in five-set final\n\n\
         Marta Varga won the first two sets comfortably. She then lost her serve three \
         times, and Ana Okafor took the next three sets to win the title.\n",
    );
    article.assert_conflict(
        "Ana Okafor lost her serve three times before Marta Varga took the next three sets.",
        "role_swap",
        "Ana Okafor",
        Some("Marta Varga"),
        "Marta Varga lost her serve three times before Ana Okafor took the next three sets.",
    );
    article.assert_conflict(
        "Ana Okafor lost her serve three times, and Marta Varga took the next three sets.",
        "role_swap",
        "Ana Okafor",
        Some("Marta Varga"),
        "Marta Varga lost her serve three times, and Ana Okafor took the next three sets.",
    );
}
