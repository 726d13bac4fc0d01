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
