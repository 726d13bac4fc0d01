//! Running the binary in isolation and comparing its output readably.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use factcheck::report::Record;

/// The path of a fixture under `tests/data/`.
pub fn data(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(relative)
}

/// The two-article fixture corpus (copied from the dev bench).
pub fn dev_corpus() -> String {
    data("dev/corpus").display().to_string()
}

/// A fresh temporary folder to run the binary in, with its own cache.
pub struct TestEnv {
    dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The temporary folder (the binary's working directory).
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `contents` to `name` in the temporary folder.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// The binary with a clean environment: cwd in the temp dir, the cache
    /// inside it, no backtraces, no NO_COLOR, no FACTCHECK_CORPUS. `check` and `batch` get
    /// `--color never`.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_factcheck"));
        command
            .current_dir(self.path())
            .env("XDG_CACHE_HOME", self.path().join("cache"))
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE")
            .env_remove("NO_COLOR")
            .env_remove("FACTCHECK_CORPUS")
            .env_remove("RAYON_NUM_THREADS")
            .stdin(Stdio::null());
        let mut args = args.iter();
        if let Some(subcommand) = args.next() {
            command.arg(subcommand);
            if matches!(*subcommand, "check" | "batch") {
                command.args(["--color", "never"]);
            }
        }
        command.args(args);
        command
    }

    /// Runs to completion.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().unwrap())
    }

    /// Runs to completion with `stdin` as input.
    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        Run::from(child.wait_with_output().unwrap())
    }
}

/// What a run gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }
}

impl Run {
    /// Panics, showing both streams, unless the exit status is `code`.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit status {} (wanted {code})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// Panics, showing stderr, unless it contains `expected`.
    pub fn expect_stderr(&self, expected: &str) -> &Run {
        assert!(
            self.stderr.contains(expected),
            "stderr has no {expected:?}:\n{}",
            self.stderr
        );
        self
    }

    /// stdout as JSON Lines records.
    pub fn records(&self) -> Vec<Record> {
        self.stdout
            .lines()
            .map(|line| {
                serde_json::from_str(line)
                    .unwrap_or_else(|err| panic!("not a record ({err}): {line}"))
            })
            .collect()
    }

    /// The one record a single-statement run gave.
    pub fn record(&self) -> Record {
        let mut records = self.records();
        assert_eq!(records.len(), 1, "{}", self.stdout);
        records.remove(0)
    }
}

/// Asserts two texts are equal, showing a line diff when they are not.
pub fn assert_lines_eq(expected: &str, actual: &str) {
    if expected != actual {
        let diff = similar::TextDiff::from_lines(expected, actual)
            .unified_diff()
            .header("expected", "actual")
            .to_string();
        panic!("output differs:\n{diff}");
    }
}

/// `outline` without the verdicts, for tests that must not depend on the
/// comparison engine.
pub fn outline_without_verdicts(records: &[Record]) -> String {
    records
        .iter()
        .map(|r| {
            let kind = if r.error.is_some() {
                "error"
            } else {
                "checked"
            };
            format!(
                "{} | {} | {kind}\n",
                r.id.as_deref().unwrap_or("-"),
                r.claim
            )
        })
        .collect()
}
