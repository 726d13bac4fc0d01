//! Arguments, help and usage errors.

use crate::util::TestEnv;

#[test]
fn help_documents_the_exit_statuses() {
    let env = TestEnv::new();
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["batch", "--help"],
        &["draft", "--help"],
    ] {
        let run = env.run(args);
        run.expect_code(0);
        assert!(
            run.stdout.contains(
                "Exit status:\n  0  every statement was checked and the --fail-on policy holds\n"
            ),
            "{args:?}: {}",
            run.stdout
        );
    }
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    let env = TestEnv::new();
    for subcommand in ["check", "batch", "index", "eval", "draft"] {
        let run = env.run(&[subcommand, "--help"]);
        run.expect_code(0);
        assert!(
            run.stdout.contains(&format!("  factcheck {subcommand} ")),
            "{subcommand}: {}",
            run.stdout
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let env = TestEnv::new();
    env.run(&["check", "--top-k", "0", "x"]).expect_code(2);
    env.run(&["check", "--format", "xml", "x"]).expect_code(2);
    env.run(&["batch"]).expect_code(2);
    env.run(&["frobnicate"]).expect_code(2);
}

#[test]
fn version_prints() {
    let env = TestEnv::new();
    let run = env.run(&["--version"]);
    run.expect_code(0);
    assert!(run.stdout.starts_with("factcheck "), "{}", run.stdout);
}
