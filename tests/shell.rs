//! `factcheck completions SHELL` and `factcheck man`.

use crate::util::TestEnv;

#[test]
fn completions_for_bash_zsh_and_fish() {
    let env = TestEnv::new();
    for (shell, marker) in [
        ("bash", "complete -F _factcheck"),
        ("zsh", "#compdef factcheck"),
        ("fish", "complete -c factcheck"),
    ] {
        let run = env.run(&["completions", shell]);
        run.expect_code(0);
        assert!(run.stdout.contains(marker), "{shell}: {}", run.stdout);
        assert!(run.stdout.contains("claimreview"), "{shell}");
    }
    env.run(&["completions", "tcsh"]).expect_code(2);
}

#[test]
fn man_page_on_stdout_and_pages_in_a_folder() {
    let env = TestEnv::new();
    let run = env.run(&["man"]);
    run.expect_code(0);
    assert!(run.stdout.contains(".TH factcheck 1"), "{}", run.stdout);
    assert!(run.stdout.contains("completions"), "{}", run.stdout);
    let run = env.run(&["man", "--dir", "man1"]);
    run.expect_code(0);
    for page in [
        "factcheck.1",
        "factcheck-check.1",
        "factcheck-batch.1",
        "factcheck-man.1",
    ] {
        let path = env.path().join("man1").join(page);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no {page}"));
        assert!(text.contains(".TH "), "{page}");
    }
}
