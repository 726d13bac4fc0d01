//! Where the report goes: stdout, or a file that appears only when the run
//! succeeds.
//!
//! A file is written as a temporary file in the same folder and renamed
//! over the target by [`Output::commit`]; dropped without a commit (an
//! error, a panic), the temporary file is deleted. So a failed run never
//! leaves a partial file that looks complete, and never clobbers a good one.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tempfile::NamedTempFile;

/// The destination of a report.
pub enum Output {
    Stdout(io::StdoutLock<'static>),
    File {
        file: BufWriter<NamedTempFile>,
        path: PathBuf,
    },
}

impl Output {
    /// Stdout when `path` is None, else a temporary file beside `path`.
    pub fn open(path: Option<&Path>) -> Result<Output> {
        let Some(path) = path else {
            return Ok(Output::Stdout(io::stdout().lock()));
        };
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let file = NamedTempFile::new_in(folder)
            .with_context(|| format!("failed to create output file '{}'", path.display()))?;
        Ok(Output::File {
            file: BufWriter::new(file),
            path: path.to_path_buf(),
        })
    }

    /// Flushes, and for a file renames it into place.
    pub fn commit(self) -> Result<()> {
        match self {
            Output::Stdout(mut stdout) => {
                stdout.flush()?;
                Ok(())
            }
            Output::File { file, path } => {
                let context = || format!("failed to write output file '{}'", path.display());
                let file = file
                    .into_inner()
                    .map_err(|err| err.into_error())
                    .with_context(context)?;
                file.persist(&path)
                    .map_err(|err| err.error)
                    .with_context(context)?;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::File { file, .. } => file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.write_all(buf),
            Output::File { file, .. } => file.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File { file, .. } => file.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let mut output = Output::open(Some(&path)).unwrap();
        output.write_all(b"{}\n").unwrap();
        assert!(!path.exists());
        output.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}\n");
    }

    #[test]
    fn dropped_output_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let mut output = Output::open(Some(&path)).unwrap();
        output.write_all(b"partial").unwrap();
        drop(output);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn missing_folder_is_named() {
        let err = Output::open(Some(Path::new("/no/such/dir/out.jsonl")))
            .err()
            .unwrap();
        assert!(
            format!("{err:#}").starts_with("failed to create output file '/no/such/dir/out.jsonl'")
        );
    }
}
