//! What `--corpus` (and `FACTCHECK_CORPUS`) may name: a folder, whose
//! other files are counted in a warning, or one file; and `-j/--threads`.

use crate::util::{data, dev_corpus, TestEnv};

const SUPPORTED: &str = "149 people died in the Moscow attack";

#[test]
fn corpus_file_is_a_one_document_corpus() {
    let env = TestEnv::new();
    let file = data("dev/corpus/northwind-rail.txt").display().to_string();
    let run = env.run(&["check", "--corpus", &file, SUPPORTED]);
    run.expect_code(0);
    // The statement is about the other dev article: not in this corpus.
    let record = run.record();
    assert_eq!(record.verdict.map(|l| l.as_str()), Some("not_enough_info"));
    let russia = data("dev/corpus/russia-taliban-recognition.txt")
        .display()
        .to_string();
    let run = env.run(&["check", "--corpus", &russia, SUPPORTED]);
    let record = run.record();
    assert_eq!(record.verdict.map(|l| l.as_str()), Some("supported"));
    assert_eq!(
        record.evidence[0].document,
        "russia-taliban-recognition.txt"
    );
    // Any name will do when the file is given by name; binary will not.
    env.write("notes.log", "Kabul is the capital of Afghanistan.\n");
    env.run(&[
        "check",
        "--corpus",
        "notes.log",
        "Kabul is the capital of Afghanistan",
    ])
    .expect_code(0);
    env.write("image.txt", b"\x89PNG\x00\x00");
    let binary = env.run(&["check", "--corpus", "image.txt", SUPPORTED]);
    binary.expect_code(2);
    binary.expect_stderr("corpus file 'image.txt' is binary (it has NUL bytes)");
}

#[test]
fn folder_says_how_many_files_it_skipped() {
    let env = TestEnv::new();
    let folder = env.path().join("articles");
    std::fs::create_dir_all(folder.join("sub")).unwrap();
    std::fs::create_dir_all(folder.join(".git")).unwrap();
    std::fs::copy(
        data("dev/corpus/russia-taliban-recognition.txt"),
        folder.join("russia.txt"),
    )
    .unwrap();
    for name in [
        "a.html",
        "sub/b.HTML",
        "c.pdf",
        "README",
        ".DS_Store",
        ".git/config",
    ] {
        std::fs::write(folder.join(name), "x").unwrap();
    }
    let run = env.run(&["check", "--corpus", "articles", SUPPORTED]);
    run.expect_code(0);
    run.expect_stderr("factcheck: warning: skipped 4 files in corpus folder 'articles' that are not .txt or .md (.html 2, no extension 1, .pdf 1)");
    // Dot files are not counted.
    let clean = env.path().join("only");
    std::fs::create_dir(&clean).unwrap();
    std::fs::write(clean.join("a.txt"), "Kabul is a city.").unwrap();
    std::fs::write(clean.join(".hidden"), "x").unwrap();
    let run = env.run(&["check", "--corpus", "only", "Kabul is a city"]);
    assert!(!run.stderr.contains("skipped"), "{}", run.stderr);
}

#[test]
fn factcheck_corpus_is_the_default_corpus_and_the_flag_wins() {
    let env = TestEnv::new();
    let corpus = dev_corpus();
    let statement = "Northwind Rail will buy 40 battery-electric trains from Aldermark.";
    let mut command = env.command(&["check", statement]);
    let from_env =
        crate::util::Run::from(command.env("FACTCHECK_CORPUS", &corpus).output().unwrap());
    from_env.expect_code(0);
    let record = from_env.record();
    assert_eq!(record.evidence[0].document, "northwind-rail.txt");
    // --corpus wins over the variable.
    let bundled = data("dev/corpus/russia-taliban-recognition.txt")
        .display()
        .to_string();
    let mut command = env.command(&["check", "--corpus", &bundled, statement]);
    let flag = crate::util::Run::from(command.env("FACTCHECK_CORPUS", &corpus).output().unwrap());
    assert_ne!(
        flag.record().evidence.first().map(|e| e.document.as_str()),
        Some("northwind-rail.txt")
    );
    // eval and index read it too.
    let mut command = env.command(&["index"]);
    let index = crate::util::Run::from(command.env("FACTCHECK_CORPUS", &corpus).output().unwrap());
    index.expect_code(0);
    assert!(index.stdout.contains("2 documents"), "{}", index.stdout);
    let mut command = env.command(&["check", statement]);
    let missing = crate::util::Run::from(
        command
            .env("FACTCHECK_CORPUS", "no-such-folder")
            .output()
            .unwrap(),
    );
    missing.expect_code(2);
    missing.expect_stderr("no-such-folder");
}

#[test]
fn threads_flag_gives_the_same_records_before_or_after_the_command() {
    let env = TestEnv::new();
    let file = data("batch/mixed.txt").display().to_string();
    let all = env.run(&["batch", &file, "-q"]);
    let one = env.run(&["batch", &file, "-q", "-j", "1"]);
    let mut command = env.command(&["--threads", "2"]);
    command.args(["batch", "--color", "never", &file, "-q"]);
    let two = crate::util::Run::from(command.output().unwrap());
    assert_eq!(all.records().len(), 4);
    assert_eq!(one.stdout, all.stdout);
    assert_eq!(two.stdout, all.stdout);
    let zero = env.run(&["batch", &file, "-j", "0"]);
    zero.expect_code(2);
    zero.expect_stderr("--threads");
}

/// `--no-follow-links`: a link in the corpus folder is skipped, with a
/// warning naming it; without the flag the linked file is a document.
#[cfg(unix)]
#[test]
fn no_follow_links_skips_each_link_with_a_warning() {
    let env = TestEnv::new();
    for folder in ["corpus", "elsewhere"] {
        std::fs::create_dir_all(env.path().join(folder)).unwrap();
    }
    env.write("corpus/local.txt", "The bridge opened in 1932.\n");
    let outside = env.write(
        "elsewhere/attack.txt",
        "The attack on the concert hall killed 149 people.\n",
    );
    std::os::unix::fs::symlink(&outside, env.path().join("corpus/linked.txt")).unwrap();
    let statement = "The attack on the concert hall killed 149 people";
    let followed = env.run(&["check", "--corpus", "corpus", statement]);
    followed.expect_code(0);
    assert_eq!(
        followed.record().verdict.map(|l| l.as_str()),
        Some("supported")
    );
    let skipped = env.run(&[
        "check",
        "--no-follow-links",
        "--corpus",
        "corpus",
        statement,
    ]);
    skipped.expect_code(0);
    assert_eq!(
        skipped.record().verdict.map(|l| l.as_str()),
        Some("not_enough_info")
    );
    assert!(
        skipped
            .stderr
            .contains("linked.txt': it is a symbolic link (--no-follow-links)"),
        "{}",
        skipped.stderr
    );
}
