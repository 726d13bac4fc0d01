//! Where the report goes: stdout, or a file that appears only when the run
//! succeeds.
//!
//! A regular file is written as a temporary file in the same folder and
//! renamed over the target by [`Output::commit`]; dropped without a commit
//! (an error, a full disk, a panic), the temporary file is deleted. So a
//! failed run never leaves a partial file that looks complete, and never
//! clobbers a good one.
//!
//! A target that exists and is not a regular file (`/dev/stdout`, a named
//! pipe, `/dev/full`) cannot be replaced by a rename, and must not be: it is
//! written in place, and a failed write is an error like any other.
//!
//! When the reader of stdout goes away (`factcheck batch f | head -1`) the
//! process ends at once with status 0: nobody is left to read the rest, and
//! nothing is pending (the index is built, no output file is open). Doing it
//! here, where the `BrokenPipe` error is first seen, works whatever a report
//! format wraps its I/O errors in (serde_json hides the `io::Error`).

use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use anyhow::{bail, Context, Result};
use tempfile::NamedTempFile;

use super::exit::ExitStatus;

/// The destination of a report.
pub enum Output {
    Stdout(io::StdoutLock<'static>),
    /// A regular file, written beside its target and renamed into place.
    File {
        file: BufWriter<NamedTempFile>,
        /// The path as given, for messages.
        path: PathBuf,
        /// The file to replace: `path` with symbolic links resolved.
        target: PathBuf,
        /// The target has other hard links: its content is replaced in
        /// place on commit, so that every name keeps seeing it.
        in_place: bool,
    },
    /// A device or pipe, or the process's own stdout or stderr, written in
    /// place.
    Device {
        file: BufWriter<File>,
        path: PathBuf,
    },
}

impl Output {
    /// Stdout when `path` is None, else a temporary file beside `path` (or
    /// `path` itself when it is a device or pipe, or names the process's
    /// own stdout or stderr).
    pub fn open(path: Option<&Path>) -> Result<Output> {
        let Some(path) = path else {
            return Ok(Output::Stdout(io::stdout().lock()));
        };
        let failed = || format!("failed to create output file '{}'", path.display());
        // Follow a symbolic link, so that the link stays and its target is
        // replaced.
        let metadata = std::fs::metadata(path);
        if let Ok(metadata) = &metadata {
            if metadata.is_dir() {
                bail!("output path '{}' is a folder", path.display())
            }
            // `--output /dev/stdout >> log` names the log itself: write
            // through the descriptor the shell gave (its append mode and
            // offset), never replace the file behind it.
            if let Some(file) = own_stream(metadata) {
                return Ok(Output::Device {
                    file: BufWriter::new(file),
                    path: path.to_path_buf(),
                });
            }
            if !metadata.is_file() {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .with_context(failed)?;
                return Ok(Output::Device {
                    file: BufWriter::new(file),
                    path: path.to_path_buf(),
                });
            }
        }
        let target = match &metadata {
            Ok(_) => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
            Err(_) => path.to_path_buf(),
        };
        let folder = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let file = temporary_beside(folder, metadata.as_ref().ok()).with_context(failed)?;
        Ok(Output::File {
            file: BufWriter::new(file),
            path: path.to_path_buf(),
            target,
            in_place: metadata.as_ref().is_ok_and(has_other_links),
        })
    }

    /// Flushes, and for a file renames it into place.
    pub fn commit(self) -> Result<()> {
        match self {
            Output::Stdout(mut stdout) => {
                quiet_on_broken_pipe(stdout.flush())?;
                Ok(())
            }
            Output::File {
                file,
                path,
                target,
                in_place,
            } => {
                let context = || format!("failed to write output file '{}'", path.display());
                let mut file = file
                    .into_inner()
                    .map_err(|err| err.into_error())
                    .with_context(context)?;
                if in_place {
                    copy_into(file.as_file_mut(), &target).with_context(context)?;
                    forget_pending(file.path());
                    return Ok(());
                }
                // Data on disk before the name: a crash after the rename
                // must not leave an empty file that looks complete.
                file.as_file().sync_all().with_context(context)?;
                let temporary = file.path().to_path_buf();
                file.persist(&target)
                    .map_err(|err| err.error)
                    .with_context(context)?;
                forget_pending(&temporary);
                Ok(())
            }
            Output::Device { mut file, path } => Ok(naming(&path, file.flush())?),
        }
    }
}

/// The process's stdout or stderr, as a new handle on the same open file,
/// when `metadata` is the file one of them writes to.
#[cfg(unix)]
fn own_stream(metadata: &std::fs::Metadata) -> Option<File> {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let same = |fd: std::os::fd::BorrowedFd<'_>| -> Option<File> {
        let file = File::from(fd.try_clone_to_owned().ok()?);
        let own = file.metadata().ok()?;
        (own.dev() == metadata.dev() && own.ino() == metadata.ino()).then_some(file)
    };
    same(io::stdout().as_fd()).or_else(|| same(io::stderr().as_fd()))
}

#[cfg(not(unix))]
fn own_stream(_metadata: &std::fs::Metadata) -> Option<File> {
    None
}

/// Whether the file has hard links besides the name given.
#[cfg(unix)]
fn has_other_links(metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    metadata.nlink() > 1
}

#[cfg(not(unix))]
fn has_other_links(_metadata: &std::fs::Metadata) -> bool {
    false
}

/// A new temporary file in `folder` with the mode the output file should
/// have: an existing file's own mode, else what the umask gives a new file
/// (as `>` in a shell would). The file is removed should the process get
/// SIGINT, SIGTERM or SIGHUP before it is committed.
fn temporary_beside(
    folder: &Path,
    existing: Option<&std::fs::Metadata>,
) -> io::Result<NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with 0666, less the umask.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    watch_signals();
    let file = builder.tempfile_in(folder)?;
    remember_pending(file.path());
    if let Some(existing) = existing {
        // Not subject to the umask: exactly the mode the file had.
        file.as_file().set_permissions(existing.permissions())?;
    }
    Ok(file)
}

/// Writes the temporary file's content over `target` in place (the same
/// inode, so its other hard links see it too).
fn copy_into(temporary: &mut File, target: &Path) -> io::Result<()> {
    temporary.flush()?;
    temporary.rewind()?;
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(target)?;
    io::copy(temporary, &mut out)?;
    out.sync_all()
}

/// Temporary output files not committed yet, removed on a fatal signal. A
/// dropped output's file is deleted by `tempfile` and its name may stay
/// here: removing a name that is gone does nothing.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn remember_pending(path: &Path) {
    if let Ok(mut pending) = PENDING.lock() {
        pending.push(path.to_path_buf());
    }
}

fn forget_pending(path: &Path) {
    if let Ok(mut pending) = PENDING.lock() {
        pending.retain(|p| p != path);
    }
}

/// Starts, once, a thread that on SIGINT, SIGTERM or SIGHUP removes the
/// pending temporary files, then ends the process as the signal would
/// have. SIGKILL cannot be caught: it leaves the temporary file (named
/// `.tmpXXXXXX`, beside the output).
fn watch_signals() {
    #[cfg(unix)]
    {
        static WATCHING: OnceLock<()> = OnceLock::new();
        WATCHING.get_or_init(|| {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            let _ = std::thread::Builder::new()
                .name("signals".into())
                .spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        if let Ok(pending) = PENDING.lock() {
                            for path in pending.iter() {
                                let _ = std::fs::remove_file(path);
                            }
                        }
                        let _ = signal_hook::low_level::emulate_default_handler(signal);
                        std::process::exit(128 + signal);
                    }
                });
        });
    }
}

/// Ends the process quietly with status 0 when stdout's reader is gone.
fn quiet_on_broken_pipe<T>(result: io::Result<T>) -> io::Result<T> {
    if let Err(err) = &result {
        if err.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(i32::from(ExitStatus::Clean.code()));
        }
    }
    result
}

/// Names the output file in a write error, which reaches the user through
/// the report's own error types.
fn naming(path: &Path, result: io::Result<()>) -> io::Result<()> {
    result.map_err(|err| {
        io::Error::new(
            err.kind(),
            format!("failed to write output file '{}': {err}", path.display()),
        )
    })
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut written = 0;
        let result = match self {
            Output::Stdout(out) => return quiet_on_broken_pipe(out.write(buf)),
            Output::File { file, path, .. } => {
                let result = file.write(buf).map(|n| written = n);
                naming(path, result)
            }
            Output::Device { file, path } => {
                let result = file.write(buf).map(|n| written = n);
                naming(path, result)
            }
        };
        result.map(|()| written)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(out) => quiet_on_broken_pipe(out.write_all(buf)),
            Output::File { file, path, .. } => naming(path, file.write_all(buf)),
            Output::Device { file, path } => naming(path, file.write_all(buf)),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => quiet_on_broken_pipe(out.flush()),
            Output::File { file, path, .. } => naming(path, file.flush()),
            Output::Device { file, path } => naming(path, file.flush()),
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

    #[test]
    fn folder_as_output_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = Output::open(Some(dir.path())).err().unwrap();
        assert_eq!(
            err.to_string(),
            format!("output path '{}' is a folder", dir.path().display())
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn full_device_is_written_in_place_and_fails_on_commit() {
        let path = Path::new("/dev/full");
        let mut output = Output::open(Some(path)).unwrap();
        assert!(matches!(output, Output::Device { .. }));
        // The buffer may take a small write; flushing it cannot succeed.
        let written = output.write_all(&[b'x'; 64 * 1024]);
        let committed = output.commit();
        assert!(written.is_err() || committed.is_err());
        assert!(Path::new("/dev/full").exists());
    }

    #[cfg(unix)]
    #[test]
    fn symlinked_output_replaces_the_target_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.jsonl");
        std::fs::write(&target, "old\n").unwrap();
        let link = dir.path().join("link.jsonl");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let mut output = Output::open(Some(&link)).unwrap();
        output.write_all(b"new\n").unwrap();
        output.commit().unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new\n");
    }
}
