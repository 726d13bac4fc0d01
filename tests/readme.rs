//! The README's usage block is `factcheck --help`, verbatim. When this
//! fails, run `scripts/update-readme-usage.sh`.

use crate::util::{assert_lines_eq, TestEnv};

/// The text between the `<!-- usage -->` markers, without its fence.
fn readme_usage() -> String {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("<!-- usage -->\n```text\n")
        .expect("README has no <!-- usage --> block; run scripts/update-readme-usage.sh")
        + "<!-- usage -->\n```text\n".len();
    let end = readme[start..]
        .find("```\n<!-- /usage -->")
        .expect("README usage block is not closed")
        + start;
    readme[start..end].to_string()
}

#[test]
fn readme_usage_block_is_the_help_output() {
    let env = TestEnv::new();
    let mut command = env.command(&["--help"]);
    command.env_remove("COLUMNS");
    let output = command.output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    assert_lines_eq(&readme_usage(), &help);
}

#[test]
fn readme_has_the_format_and_completion_sections() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let install = readme.find("## Install").unwrap();
    for marker in [
        "<!-- formats -->",
        "<!-- /formats -->",
        "<!-- completions -->",
        "<!-- /completions -->",
    ] {
        let at = readme.find(marker).unwrap_or_else(|| panic!("no {marker}"));
        assert!(at < install, "{marker} after ## Install");
    }
}

/// The `$ ...` command lines between `start` and `end`.
fn readme_commands(start: &str, end: &str) -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let from = readme.find(start).unwrap_or_else(|| panic!("no {start}"));
    let to = readme[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end}"))
        + from;
    readme[from..to]
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("$ "))
        .filter(|command| !command.starts_with("echo $?"))
        .map(str::to_string)
        .collect()
}

/// Every command of the tour (and of the inputs section) runs from the root
/// of a clone: the files it names are in the repository, and it ends with
/// a verdict's status (0 or 1), not a usage or I/O error (2).
#[cfg(unix)]
#[test]
fn readme_tour_commands_run_from_a_clone() {
    let env = TestEnv::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["examples", "corpus", "tests"] {
        std::os::unix::fs::symlink(root.join(folder), env.path().join(folder)).unwrap();
    }
    let binary = std::path::Path::new(env!("CARGO_BIN_EXE_factcheck"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut commands = readme_commands("<!-- tour -->", "<!-- /tour -->");
    commands.extend(readme_commands("<!-- inputs -->", "<!-- /inputs -->"));
    assert!(commands.len() >= 10, "{commands:?}");
    for command in commands {
        let output = std::process::Command::new("sh")
            .args(["-c", &command])
            .current_dir(env.path())
            .env("PATH", &path)
            .env("XDG_CACHE_HOME", env.path().join("cache"))
            .env_remove("RUST_BACKTRACE")
            .env_remove("FACTCHECK_CORPUS")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let code = output.status.code().unwrap_or(-1);
        assert!(
            code == 0 || code == 1,
            "`{command}` exited {code}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
