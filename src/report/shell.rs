//! Shell integration: completion scripts and man pages, generated from the
//! clap definitions of [`crate::cli::args::Cli`] so they never drift from
//! the binary (`factcheck completions SHELL`, `factcheck man`).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Command;
use clap_complete::Shell;

/// Writes the completion script of `command` for `shell`.
pub fn write_completions(shell: Shell, mut command: Command, out: &mut dyn Write) -> Result<()> {
    let name = command.get_name().to_string();
    // clap_complete panics on a write error: generate in memory, then write
    // with errors reported like any other (a full disk is status 2).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut script);
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}

/// Writes the man page of `command` itself (section 1, roff).
pub fn write_man(command: Command, out: &mut dyn Write) -> Result<()> {
    clap_mangen::Man::new(command).render(out)?;
    out.flush()?;
    Ok(())
}

/// Writes `NAME.1` and one page per subcommand (`NAME-check.1`, ...) into
/// `dir`, creating it if needed; returns the files written, sorted.
pub fn write_man_pages(command: Command, dir: &Path) -> Result<Vec<PathBuf>> {
    let failed = || format!("failed to write man pages to '{}'", dir.display());
    std::fs::create_dir_all(dir).with_context(failed)?;
    clap_mangen::generate_to(command, dir).with_context(failed)?;
    let mut written: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(failed)?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "1"))
        .collect();
    written.sort();
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    #[test]
    fn completions_know_the_subcommands_and_formats() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let mut out = Vec::new();
            write_completions(shell, Cli::command(), &mut out).unwrap();
            let script = String::from_utf8(out).unwrap();
            for word in ["check", "batch", "claimreview", "format"] {
                assert!(script.contains(word), "{shell}: no {word}");
            }
        }
    }

    #[test]
    fn man_page_has_name_and_options() {
        let mut out = Vec::new();
        write_man(Cli::command(), &mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(page.starts_with(".ie \\n(.g .ds Aq \\(aq"), "{page}");
        assert!(page.contains(".TH factcheck 1"), "{page}");
        assert!(page.contains("completions"), "{page}");
    }

    #[test]
    fn man_pages_one_per_subcommand() {
        let dir = tempfile::tempdir().unwrap();
        let written = write_man_pages(Cli::command(), &dir.path().join("man1")).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert!(names.contains(&"factcheck.1".to_string()), "{names:?}");
        assert!(
            names.contains(&"factcheck-check.1".to_string()),
            "{names:?}"
        );
        assert!(
            names.contains(&"factcheck-batch.1".to_string()),
            "{names:?}"
        );
    }
}
