//! `factcheck index`: build or reuse the persisted index.

use crate::util::{dev_corpus, TestEnv};

#[test]
fn index_reports_corpus_and_passages() {
    let env = TestEnv::new();
    let corpus = dev_corpus();
    let run = env.run(&["index", "--corpus", &corpus]);
    run.expect_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(lines[0].starts_with("index: "), "{}", run.stdout);
    let expected = format!("corpus: {corpus}, 2 documents, ");
    assert!(lines[1].starts_with(&expected), "{}", run.stdout);
    assert!(lines[1].contains(" passages, "), "{}", run.stdout);
    assert!(lines[1].ends_with(" claims"), "{}", run.stdout);
}

/// Needs `PassageIndex::open_or_build` (the index branch).
#[test]
fn second_index_run_reuses_the_index_in_the_given_folder() {
    let env = TestEnv::new();
    let corpus = dev_corpus();
    let first = env.run(&["index", "--corpus", &corpus, "--index", "idx"]);
    first.expect_code(0);
    assert!(first.stdout.contains("(built)"), "{}", first.stdout);
    assert!(first.stdout.contains("idx"), "{}", first.stdout);
    let second = env.run(&["index", "--corpus", &corpus, "--index", "idx"]);
    assert!(second.stdout.contains("(reused)"), "{}", second.stdout);
    assert!(env.path().join("idx").is_dir());
}

/// Needs `PassageIndex::open_or_build` (the index branch).
#[test]
fn default_index_lives_in_the_cache_folder() {
    let env = TestEnv::new();
    let run = env.run(&["index"]);
    run.expect_code(0);
    let cache = env.path().join("cache/factcheck");
    assert!(
        run.stdout.contains(&cache.display().to_string()),
        "{}",
        run.stdout
    );
    assert!(cache.is_dir());
}
