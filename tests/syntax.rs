//! `factcheck parse`: CoNLL-U and trees of sentences, and scores on a gold
//! file (the first 150 sentences of EWT dev, see tests/data/README.md).

use crate::util::{data, TestEnv};

/// The scores `data/syntax/README.md` records for the shipped model on
/// `tests/data/syntax/ewt-dev-head150.conllu`. Retraining the model changes
/// them: update both.
const SLICE_SCORES: &str = "UPOS=0.962 UAS=0.838 LAS=0.808 sentences=150 tokens=3145";

/// (form, head form, relation) of each word of one CoNLL-U sentence.
fn arcs(conllu: &str) -> Vec<(String, String, String)> {
    let rows: Vec<Vec<&str>> = conllu
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    rows.iter()
        .map(|row| {
            assert_eq!(row.len(), 10, "{row:?}");
            let head: usize = row[6].parse().unwrap();
            let head_form = if head == 0 { "ROOT" } else { rows[head - 1][1] };
            (
                row[1].to_string(),
                head_form.to_string(),
                row[7].to_string(),
            )
        })
        .collect()
}

fn has_arc(arcs: &[(String, String, String)], form: &str, head: &str, rel: &str) -> bool {
    arcs.iter()
        .any(|(f, h, r)| f == form && h == head && r == rel)
}

#[test]
fn parse_prints_conllu_off_a_terminal() {
    let env = TestEnv::new();
    let run = env.run(&["parse", "Rovers beat Riverside 3-1 on Saturday."]);
    run.expect_code(0);
    assert!(run
        .stdout
        .starts_with("# text = Rovers beat Riverside 3-1 on Saturday.\n1\tRovers\t"));
    let arcs = arcs(&run.stdout);
    assert_eq!(arcs.len(), 9);
    assert!(has_arc(&arcs, "beat", "ROOT", "root"), "{arcs:?}");
    assert!(has_arc(&arcs, "Rovers", "beat", "nsubj"), "{arcs:?}");
    assert!(has_arc(&arcs, "Riverside", "beat", "obj"), "{arcs:?}");
    assert!(has_arc(&arcs, "Saturday", "beat", "obl"), "{arcs:?}");
    assert!(run
        .stdout
        .contains("\n8\tSaturday\tSaturday\tPROPN\tNNP\t_\t2\tobl\t_\tSpaceAfter=No\n"));
}

#[test]
fn parse_reads_stdin_one_sentence_a_line_and_draws_trees() {
    let env = TestEnv::new();
    let run = env.run_with_stdin(
        &["parse", "--format", "tree"],
        "The bridge was built in 1932.\n\nIt rained.\n",
    );
    run.expect_code(0);
    let drawn: Vec<&str> = run.stdout.split("\n\n").filter(|s| !s.is_empty()).collect();
    assert_eq!(drawn.len(), 2, "{}", run.stdout);
    assert!(drawn[0].starts_with("The bridge was built in 1932.\nroot built VERB [build]\n"));
    assert!(
        drawn[0].contains("\n  nsubj:pass bridge NOUN [bridge]\n"),
        "{}",
        drawn[0]
    );
    assert!(
        drawn[0].contains("\n  aux:pass was AUX [be]\n"),
        "{}",
        drawn[0]
    );
    assert!(drawn[1].starts_with("It rained.\nroot rained VERB [rain]\n"));
}

#[test]
fn parse_eval_reproduces_the_recorded_scores() {
    let env = TestEnv::new();
    let gold = data("syntax/ewt-dev-head150.conllu");
    let run = env.run(&["parse", "--eval", gold.to_str().unwrap()]);
    run.expect_code(0);
    assert_eq!(run.stdout.trim_end(), SLICE_SCORES);
}

#[test]
fn parse_eval_names_a_missing_or_broken_gold_file() {
    let env = TestEnv::new();
    let run = env.run(&["parse", "--eval", "missing.conllu"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .starts_with("factcheck: failed to read gold file 'missing.conllu'"),
        "{}",
        run.stderr
    );
    env.write("bad.conllu", "1\tword\n");
    let run = env.run(&["parse", "--eval", "bad.conllu"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr.trim_end(),
        "factcheck: 'bad.conllu' is not CoNLL-U: line 1: expected 10 tab-separated columns, found 2"
    );
}
