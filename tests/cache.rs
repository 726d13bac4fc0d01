//! `factcheck cache prune`, and the pruning every build into the cache does:
//! one index per corpus version must not pile up.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::util::{dev_corpus, TestEnv};

/// The index folder `factcheck index` reports (first line `index: DIR (...)`).
fn index_dir(env: &TestEnv, corpus: Option<&str>) -> PathBuf {
    let mut args = vec!["index"];
    if let Some(corpus) = corpus {
        args.extend(["--corpus", corpus]);
    }
    let run = env.run(&args);
    run.expect_code(0);
    let line = run.stdout.lines().next().unwrap();
    let dir = line.strip_prefix("index: ").unwrap();
    PathBuf::from(&dir[..dir.rfind(" (").unwrap()])
}

fn age(dir: &Path, days: u64) {
    let used = SystemTime::now() - Duration::from_secs(days * 24 * 60 * 60);
    std::fs::File::open(dir)
        .unwrap()
        .set_modified(used)
        .unwrap();
}

#[test]
fn prune_keeps_the_most_recently_used_and_says_what_it_removed() {
    let env = TestEnv::new();
    let bundled = index_dir(&env, None);
    let dev = index_dir(&env, Some(&dev_corpus()));
    assert!(bundled.starts_with(env.path().join("cache")), "{bundled:?}");
    age(&bundled, 3);
    let run = env.run(&["cache", "prune", "--keep", "1"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .starts_with(&format!("removed {} (", bundled.display()))
            && run
                .stdout
                .contains(", last used 3 days ago)\nkept 1 index ("),
        "{}",
        run.stdout
    );
    assert!(!bundled.exists() && dev.exists());
    // Reusing an index marks it used: aged, then reused, it is kept.
    age(&dev, 10);
    assert_eq!(index_dir(&env, Some(&dev_corpus())), dev);
    let run = env.run(&["cache", "prune", "--older-than", "5"]);
    assert!(run.stdout.starts_with("kept 1 index"), "{}", run.stdout);
    let run = env.run(&["cache", "prune", "--all"]);
    run.expect_code(0);
    assert!(run.stdout.contains("kept 0 indexes"), "{}", run.stdout);
    assert!(!dev.exists());
    // The folder of scan records is not an index, and stays.
    assert!(env.path().join("cache/factcheck").is_dir());
}

#[test]
fn a_build_into_the_cache_removes_indexes_unused_for_30_days() {
    let env = TestEnv::new();
    let bundled = index_dir(&env, None);
    age(&bundled, 29);
    let dev = index_dir(&env, Some(&dev_corpus()));
    assert!(bundled.exists(), "29 days is not too old");
    age(&bundled, 31);
    env.write("one.txt", "Kabul is a city in Afghanistan.\n");
    let folder = env.path().join("small");
    std::fs::create_dir(&folder).unwrap();
    std::fs::rename(env.path().join("one.txt"), folder.join("one.txt")).unwrap();
    let small = index_dir(&env, Some("small"));
    assert!(!bundled.exists(), "an index unused for 31 days stayed");
    assert!(dev.exists() && small.exists());
}
