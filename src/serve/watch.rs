//! `--watch`: notice changed corpus files and swap in a rebuilt index.
//!
//! The `notify` watcher reports file events on a channel; a thread waits
//! until the corpus has been quiet for [`QUIET`] (an editor's save, a
//! `git pull` or an `rsync` is many events), compares the corpus's
//! fingerprint with the served one, and only when it differs builds the
//! new index beside the old and swaps it in ([`Served::replace`]).
//! Requests never wait for a build: they keep being answered with the old
//! index until the new one is ready. A corpus that cannot be read or
//! indexed (every file removed, say) leaves the old index in place.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use notify::{EventKind, RecursiveMode, Watcher};

use super::metrics::Metrics;
use super::say;
use super::state::{Served, Source};

/// How long the corpus must be quiet before it is read again.
pub const QUIET: Duration = Duration::from_millis(300);

/// Watches `dir` until the returned watcher is dropped.
pub fn start(
    dir: &Path,
    source: Source,
    served: Arc<Served>,
    metrics: Arc<Metrics>,
) -> Result<notify::RecommendedWatcher> {
    let (events, received) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(events)
        .context("failed to start watching the corpus folder")?;
    watcher
        .watch(dir, RecursiveMode::Recursive)
        .with_context(|| format!("failed to watch corpus folder '{}'", dir.display()))?;
    // An index kept inside the corpus folder must not wake the watcher
    // with its own writes.
    let ignored = source
        .index_dir
        .as_ref()
        .map(|index| index.canonicalize().unwrap_or_else(|_| index.clone()));
    std::thread::Builder::new()
        .name("factcheck-watch".to_string())
        .spawn(move || {
            let is_relevant = |event: &notify::Result<notify::Event>| match event {
                Ok(event) => {
                    !matches!(event.kind, EventKind::Access(_))
                        && !event
                            .paths
                            .iter()
                            .all(|path| is_under(path, ignored.as_deref()))
                }
                Err(_) => true,
            };
            // The channel closes when the watcher is dropped.
            while let Ok(event) = received.recv() {
                if !is_relevant(&event) {
                    continue;
                }
                loop {
                    match received.recv_timeout(QUIET) {
                        Ok(_) => continue,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                reload(&source, &served, &metrics);
            }
        })
        .context("failed to start the watch thread")?;
    Ok(watcher)
}

/// Whether `path` lies in `folder`.
fn is_under(path: &Path, folder: Option<&Path>) -> bool {
    folder.is_some_and(|folder| path.starts_with(folder))
}

/// Rebuilds and swaps in the index if the corpus's fingerprint changed.
fn reload(source: &Source, served: &Served, metrics: &Metrics) {
    let current = served.current();
    let fingerprint = match source.fingerprint_now() {
        Ok(fingerprint) => fingerprint,
        Err(err) => {
            say!(
                "factcheck: corpus changed but cannot be read: {err:#}; still serving index version {}",
                current.info.index_version
            );
            return;
        }
    };
    if fingerprint == current.info.fingerprint {
        return;
    }
    let version = current.info.index_version + 1;
    // The old index stays in use (and in memory) until the build is done.
    drop(current);
    match source.load(version) {
        Ok(loaded) => {
            say!("factcheck: corpus changed; now serving {}", describe(&loaded.info));
            metrics.set_index_version(version);
            served.replace(loaded);
        }
        Err(err) => say!(
            "factcheck: corpus changed but the index could not be rebuilt: {err:#}; still serving index version {}",
            version - 1
        ),
    }
}

/// `index version 2 (5 documents, 120 passages, 80 claims, fingerprint ...)`.
pub fn describe(info: &super::state::CorpusInfo) -> String {
    format!(
        "index version {} of {} ({} documents, {} passages, {} claims, fingerprint {})",
        info.index_version,
        info.corpus,
        info.documents,
        info.passages,
        info.claims,
        info.fingerprint
    )
}

/// A watched folder given as typed, for messages.
pub fn folder(source: &Source) -> Option<PathBuf> {
    match &source.corpus {
        crate::cli::config::CorpusChoice::Dir(dir) => Some(dir.clone()),
        crate::cli::config::CorpusChoice::Bundled => None,
    }
}
