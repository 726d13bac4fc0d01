//! Where an index lives on disk, and when one can be reused.
//!
//! An index folder holds tantivy's files and a small manifest,
//! [`MANIFEST_FILE`], naming the corpus fingerprint it was built from. A new
//! index is always built in a temporary folder beside its final place and
//! renamed into place when complete, with its manifest written last: a
//! killed build leaves only a temporary folder (cleaned up by a later
//! build), never a half-written index, and of two concurrent builds one
//! wins the rename and the other uses the winner's index.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use tantivy::Index;

use super::fingerprint::{fingerprint, SCHEMA_VERSION};
use super::{schema, write_passages, PassageIndex};
use crate::ingest::Corpus;

/// Name of the manifest file in an index folder.
pub const MANIFEST_FILE: &str = "factcheck-index.json";

/// Prefix of the temporary folders a build writes into.
const BUILD_PREFIX: &str = ".factcheck-build-";

/// Prefix of the temporary folders a stale index is moved into for removal.
pub(super) const STALE_PREFIX: &str = ".factcheck-stale-";

/// Temporary folders older than this are left over from a killed build.
const ABANDONED_AFTER: Duration = Duration::from_secs(6 * 60 * 60);

/// How [`PassageIndex::open_or_build`] got its index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexStatus {
    /// An index built earlier for the same corpus was opened.
    Reused {
        /// The index folder.
        dir: PathBuf,
    },
    /// The index was built now and saved.
    Built {
        /// The index folder.
        dir: PathBuf,
    },
    /// An index was there but was damaged, or built by another version of
    /// factcheck; a new one was built and has replaced it.
    Rebuilt {
        /// The index folder.
        dir: PathBuf,
        /// What was wrong with the old one, for a warning.
        reason: String,
    },
    /// The index could not be saved and was built in RAM.
    InMemory {
        /// Why it could not be saved, for a warning.
        reason: String,
    },
}

impl IndexStatus {
    /// The index folder, unless the index is in RAM.
    pub fn dir(&self) -> Option<&Path> {
        match self {
            IndexStatus::Reused { dir }
            | IndexStatus::Built { dir }
            | IndexStatus::Rebuilt { dir, .. } => Some(dir),
            IndexStatus::InMemory { .. } => None,
        }
    }

    /// A warning to show the user, when the index could not be saved or
    /// had to be rebuilt.
    pub fn warning(&self) -> Option<String> {
        match self {
            IndexStatus::Rebuilt { dir, reason } => Some(format!(
                "index in '{}' was not usable ({reason}); built a new one",
                dir.display()
            )),
            IndexStatus::InMemory { reason } => {
                Some(format!("index kept in memory only: {reason}"))
            }
            _ => None,
        }
    }
}

impl fmt::Display for IndexStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexStatus::Reused { dir } => write!(f, "reused index in '{}'", dir.display()),
            IndexStatus::Built { dir } => write!(f, "built index in '{}'", dir.display()),
            IndexStatus::Rebuilt { dir, reason } => {
                write!(f, "rebuilt index in '{}' ({reason})", dir.display())
            }
            IndexStatus::InMemory { reason } => write!(f, "index in memory ({reason})"),
        }
    }
}

/// What an index folder says about itself.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    /// [`fingerprint`] of the corpus the index was built from.
    fingerprint: String,
    /// [`SCHEMA_VERSION`] at build time.
    schema_version: u32,
    /// How many passages were indexed.
    passages: u64,
    /// The factcheck version that built it, for people reading the file.
    factcheck_version: String,
    /// [`files_listing_at_boot`] of the index's files when their checksums last
    /// passed: while it is the same, they are not checked again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    verified_files: Option<String>,
}

/// See [`PassageIndex::open_or_build`].
/// With `failed`, the index there is not reused (searching it failed, for
/// that reason) but rebuilt.
pub(super) fn open_or_build(
    corpus: &Corpus,
    index_dir: Option<&Path>,
    failed: Option<String>,
) -> Result<(PassageIndex, IndexStatus)> {
    let cache = match index_dir {
        Some(_) => None,
        None => cache_root(),
    };
    open_or_build_with_cache(corpus, index_dir, cache, failed)
}

/// [`open_or_build`] with the cache folder given, for tests.
fn open_or_build_with_cache(
    corpus: &Corpus,
    index_dir: Option<&Path>,
    cache: Option<PathBuf>,
    failed: Option<String>,
) -> Result<(PassageIndex, IndexStatus)> {
    let fingerprint = fingerprint(corpus);
    let (dir, in_cache) = match index_dir {
        // Absolute, so that `.` or `index/` has a parent to build beside.
        Some(dir) => (
            std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()),
            false,
        ),
        None => match &cache {
            Some(root) => (root.join(&fingerprint), true),
            None => {
                return in_memory(
                    corpus,
                    "no cache folder could be found for this user".into(),
                )
            }
        },
    };
    let damage = match (&failed, open_valid(&dir, &fingerprint)) {
        (Some(reason), _) => Some(reason.clone()),
        (None, Ok(index)) => {
            if in_cache {
                super::cache::mark_used(&dir);
            }
            return Ok((index, IndexStatus::Reused { dir }));
        }
        (None, Err(Unusable::Absent)) => None,
        (None, Err(Unusable::Damaged(reason))) => Some(reason),
    };
    // A build needs the texts. When they were not read yet (the files were
    // unchanged since an earlier run), read them now; should one have
    // changed since it was listed, the index is named after what was read.
    if !corpus.documents.is_loaded() {
        corpus.documents.load();
        if super::fingerprint(corpus) != fingerprint {
            return open_or_build_with_cache(corpus, index_dir, cache, failed);
        }
    }
    // Never delete what factcheck did not make.
    if !in_cache && dir.exists() {
        let foreign = foreign_entries(&dir);
        if !foreign.is_empty() {
            bail!(
                "index folder '{}' holds files not made by factcheck ({}), which a rebuild would delete\n\n\
                 Pass --index with a new or empty folder, or one factcheck made.",
                crate::report::escape_control(&dir.display().to_string()),
                crate::report::escape_control(&quoted_list(&foreign)),
            );
        }
    }
    let parent = match dir.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let staged = match stage(corpus, &parent, &fingerprint) {
        Ok(staged) => staged,
        Err(err) => {
            let reason = format!("cannot write an index in '{}': {err:#}", parent.display());
            return in_memory(corpus, reason);
        }
    };
    remove_abandoned(&parent);
    for _ in 0..3 {
        if std::fs::rename(staged.path(), &dir).is_ok() {
            // The folder is in place now; keep it from being cleaned up.
            let _kept = staged.keep();
            let index = open_valid(&dir, &fingerprint).map_err(|unusable| {
                anyhow::anyhow!(
                    "failed to open new index in '{}': {unusable:?}",
                    dir.display()
                )
            })?;
            if in_cache {
                // One index per corpus version: drop the ones long unused.
                let now = SystemTime::now();
                super::cache::prune(&parent, super::cache::AUTO_PRUNE, Some(&dir), now);
            }
            let status = match damage {
                Some(reason) => IndexStatus::Rebuilt { dir, reason },
                None => IndexStatus::Built { dir },
            };
            return Ok((index, status));
        }
        // Another build may have won the race (not when the index there
        // is the one that failed).
        if failed.is_none() {
            if let Ok(index) = open_valid(&dir, &fingerprint) {
                return Ok((index, IndexStatus::Reused { dir }));
            }
        }
        // A stale or corrupted index is in the way: move it aside, then
        // remove it (moving first keeps the swap atomic for readers).
        if dir.exists() {
            if let Ok(stale) = tempfile::Builder::new()
                .prefix(STALE_PREFIX)
                .tempdir_in(&parent)
            {
                let _ = std::fs::rename(&dir, stale.path().join("index"));
            }
        }
    }
    let reason = format!("could not move a new index into '{}'", dir.display());
    in_memory(corpus, reason)
}

/// The per-user cache folder for indexes, e.g. `~/.cache/factcheck`.
pub fn cache_root() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "factcheck").map(|dirs| dirs.cache_dir().to_path_buf())
}

/// Builds the index in RAM after saving it failed.
fn in_memory(corpus: &Corpus, reason: String) -> Result<(PassageIndex, IndexStatus)> {
    let index = PassageIndex::build_in_ram(corpus)?;
    Ok((index, IndexStatus::InMemory { reason }))
}

/// Builds the corpus's index and manifest in a new temporary folder in
/// `parent`; the folder is removed again if anything fails.
fn stage(corpus: &Corpus, parent: &Path, fingerprint: &str) -> Result<tempfile::TempDir> {
    std::fs::create_dir_all(parent)
        .with_context(|| format!("failed to create folder '{}'", parent.display()))?;
    let staged = tempfile::Builder::new()
        .prefix(BUILD_PREFIX)
        .tempdir_in(parent)
        .with_context(|| format!("failed to create a folder in '{}'", parent.display()))?;
    let passages = super::passages_in_parallel(corpus);
    {
        let (schema, fields) = schema();
        let index =
            Index::create_in_dir(staged.path(), schema).context("failed to create index files")?;
        write_passages(&index, &fields, &passages)?;
    }
    let manifest = Manifest {
        fingerprint: fingerprint.to_string(),
        schema_version: SCHEMA_VERSION,
        passages: passages.len() as u64,
        factcheck_version: env!("CARGO_PKG_VERSION").to_string(),
        verified_files: None,
    };
    let json = serde_json::to_string_pretty(&manifest).context("failed to encode manifest")?;
    std::fs::write(staged.path().join(MANIFEST_FILE), json + "\n")
        .context("failed to write index manifest")?;
    Ok(staged)
}

/// Why an index folder could not be used as it is.
#[derive(Debug, PartialEq)]
enum Unusable {
    /// No index there yet (no manifest), or one of another corpus: build
    /// one, nothing to tell.
    Absent,
    /// An index is there but is damaged or from another factcheck version:
    /// rebuild it, and say why.
    Damaged(String),
}

/// The index in `dir` if its manifest matches `fingerprint` and it opens
/// with intact checksums and the expected number of passages.
fn open_valid(dir: &Path, fingerprint: &str) -> std::result::Result<PassageIndex, Unusable> {
    open_valid_at_boot(dir, fingerprint, &boot_id(), RACY)
}

/// [`open_valid`] during the boot `boot`, trusting files changed more than
/// `racy` ago (see [`files_listing_at_boot`]).
fn open_valid_at_boot(
    dir: &Path,
    fingerprint: &str,
    boot: &str,
    racy: Duration,
) -> std::result::Result<PassageIndex, Unusable> {
    let damaged = |reason: String| Unusable::Damaged(reason);
    let json = match std::fs::read(dir.join(MANIFEST_FILE)) {
        Ok(json) => json,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Err(Unusable::Absent),
        Err(err) => return Err(damaged(format!("its manifest cannot be read: {err}"))),
    };
    // Read the version alone first, so that a manifest of another shape
    // (an older factcheck) is told apart from a damaged one.
    let value: serde_json::Value = serde_json::from_slice(&json)
        .map_err(|err| damaged(format!("its manifest is damaged: {err}")))?;
    let version = value.get("schema_version").and_then(|v| v.as_u64());
    if version != Some(u64::from(SCHEMA_VERSION)) {
        let found = version.map_or("none".to_string(), |v| v.to_string());
        return Err(damaged(format!(
            "it was built by another factcheck version (index schema {found}, this one uses {SCHEMA_VERSION})"
        )));
    }
    let manifest: Manifest = serde_json::from_value(value)
        .map_err(|err| damaged(format!("its manifest is damaged: {err}")))?;
    if manifest.fingerprint != fingerprint {
        return Err(Unusable::Absent);
    }
    // Checking every file's checksum reads the whole index, a large part of
    // a cold run: it is skipped while the files are exactly as they were
    // (names, sizes, times, inodes) when their checksums last passed.
    let listing = files_listing_at_boot(dir, boot, racy);
    let verified = listing.is_some() && listing == manifest.verified_files;
    // tantivy reports damage as errors; a panic on some truncated file
    // would end the run, so it is caught and treated the same way.
    let opened =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> Result<PassageIndex> {
            let index = Index::open_in_dir(dir)?;
            let broken = if verified {
                Default::default()
            } else {
                index.validate_checksum()?
            };
            if !broken.is_empty() {
                bail!("{} of its files fail their checksum", broken.len());
            }
            let index = PassageIndex::from_index(index)?;
            if index.passage_count() != manifest.passages {
                bail!(
                    "it holds {} passages, its manifest says {}",
                    index.passage_count(),
                    manifest.passages
                );
            }
            Ok(index)
        }));
    match opened {
        Ok(Ok(index)) => {
            if !verified && listing.is_some() {
                // Failing to note it costs the next run the check, nothing else.
                let _ = note_verified(dir, manifest, listing);
            }
            Ok(index)
        }
        Ok(Err(err)) => Err(damaged(format!("it is damaged: {err:#}"))),
        Err(_) => Err(damaged("it is damaged (reading it failed)".to_string())),
    }
}

/// Files changed this close to now are not trusted to stay as checked: the
/// file system's clock is too coarse to tell a later change in the same
/// tick.
const RACY: Duration = Duration::from_secs(2);

/// This boot of the system, as Linux names it; empty where unknown.
fn boot_id() -> String {
    std::fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .map(|id| id.trim().to_string())
        .unwrap_or_default()
}

/// A hash of the names, sizes, modification and change times and inodes of
/// the index's files (not the manifest, not hidden files), and of the
/// system's boot id, or none when they cannot all be read, one changed in
/// the last `racy` ([`RACY`] on open), or the platform has no change times.
///
/// The boot id makes the first run after a restart check every checksum
/// again: damage that leaves a file's `stat` as it was (a disk's bit rot, a
/// write below the file system) is found at least then. The full check
/// costs reading the whole index once (a 21 MB index: a run of about 1 s
/// instead of 0.5 s, see BENCHMARKS.md): once a boot is cheap, once a run
/// is not, and damage found while searching leads to a rebuild anyway.
fn files_listing_at_boot(dir: &Path, boot: &str, racy: Duration) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let racy_from = SystemTime::now()
            .checked_sub(racy)?
            .duration_since(SystemTime::UNIX_EPOCH)
            .ok()?
            .as_nanos() as i128;
        let nanos = |secs: i64, nsecs: i64| i128::from(secs) * 1_000_000_000 + i128::from(nsecs);
        let mut entries: Vec<(String, std::fs::Metadata)> = std::fs::read_dir(dir)
            .ok()?
            .map(|entry| {
                let entry = entry.ok()?;
                let name = entry.file_name().into_string().ok()?;
                Some((name, entry.metadata().ok()?))
            })
            .collect::<Option<Vec<_>>>()?;
        entries.retain(|(name, _)| name != MANIFEST_FILE && !name.starts_with('.'));
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(&(boot.len() as u64).to_le_bytes());
        hasher.update(boot.as_bytes());
        for (name, metadata) in &entries {
            let modified = nanos(metadata.mtime(), metadata.mtime_nsec());
            let changed = nanos(metadata.ctime(), metadata.ctime_nsec());
            if modified >= racy_from || changed >= racy_from {
                return None;
            }
            hasher.update(&(name.len() as u64).to_le_bytes());
            hasher.update(name.as_bytes());
            for value in [
                metadata.len() as i64,
                metadata.mtime(),
                metadata.mtime_nsec(),
                metadata.ctime(),
                metadata.ctime_nsec(),
                metadata.ino() as i64,
            ] {
                hasher.update(&value.to_le_bytes());
            }
        }
        Some(format!("{:032x}", hasher.digest128()))
    }
    #[cfg(not(unix))]
    {
        let _ = (dir, boot, racy);
        None
    }
}

/// Notes the index in `dir` as verified as its files are now, as if its
/// checksums had passed: what damage that leaves `stat` unchanged looks
/// like, for tests.
#[cfg(test)]
pub(crate) fn mark_verified_for_tests(dir: &Path) {
    let json = std::fs::read(dir.join(MANIFEST_FILE)).unwrap();
    let manifest: Manifest = serde_json::from_slice(&json).unwrap();
    let listing = files_listing_at_boot(dir, &boot_id(), Duration::ZERO);
    assert!(listing.is_some());
    note_verified(dir, manifest, listing).unwrap();
}

/// Damages every `.store` file (the stored passages) of the index in `dir`
/// in place (same size, bytes in the middle garbled), for tests: opening
/// the index still works, fetching a passage does not.
#[cfg(test)]
pub(crate) fn damage_for_tests(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "store") {
            let mut bytes = std::fs::read(&path).unwrap();
            let len = bytes.len();
            for byte in &mut bytes[len / 4..len / 2] {
                *byte = byte.wrapping_mul(31).wrapping_add(7);
            }
            std::fs::write(&path, bytes).unwrap();
        }
    }
}

/// Writes the manifest again with `listing` as its verified files, through
/// a hidden temporary file renamed into place.
fn note_verified(dir: &Path, mut manifest: Manifest, listing: Option<String>) -> Result<()> {
    manifest.verified_files = listing;
    let json = serde_json::to_string_pretty(&manifest)? + "\n";
    let mut file = tempfile::Builder::new()
        .prefix(".manifest-")
        .tempfile_in(dir)?;
    std::io::Write::write_all(&mut file, json.as_bytes())?;
    file.persist(dir.join(MANIFEST_FILE))?;
    Ok(())
}

/// The entries of `dir` that a rebuild must not delete: all of them when
/// it has no manifest, else those whose names are not ones factcheck or
/// tantivy give to an index's files. Empty for an empty folder.
fn foreign_entries(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        // Not a folder (or unreadable): all of it is someone else's.
        return vec![dir.display().to_string()];
    };
    let names: Vec<String> = entries
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    let has_manifest = names.iter().any(|name| name == MANIFEST_FILE);
    let mut foreign: Vec<String> = names
        .into_iter()
        .filter(|name| !has_manifest || !is_index_file(name))
        .collect();
    foreign.sort();
    foreign
}

/// Whether `name` is one factcheck or tantivy gives a file of an index:
/// the manifest and its temporary files, tantivy's `meta.json`,
/// `.managed.json` and lock files, and segment files (`<32 hex>.<ext>`,
/// `<32 hex>.<opstamp>.del`).
fn is_index_file(name: &str) -> bool {
    const NAMES: &[&str] = &[
        MANIFEST_FILE,
        "meta.json",
        ".managed.json",
        ".tantivy-meta.lock",
        ".tantivy-writer.lock",
    ];
    const SEGMENT_EXTENSIONS: &[&str] =
        &["idx", "term", "store", "pos", "fast", "fieldnorm", "del"];
    if NAMES.contains(&name) || name.starts_with(".manifest-") {
        return true;
    }
    let Some((segment, rest)) = name.split_once('.') else {
        return false;
    };
    let extension = match rest.rsplit_once('.') {
        Some((opstamp, "del")) if opstamp.bytes().all(|b| b.is_ascii_digit()) => "del",
        Some(_) => return false,
        None => rest,
    };
    segment.len() == 32
        && segment.bytes().all(|b| b.is_ascii_hexdigit())
        && SEGMENT_EXTENSIONS.contains(&extension)
}

/// `'a', 'b', 'c'` and how many more, for a message.
fn quoted_list(names: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut list: Vec<String> = names.iter().take(SHOWN).map(|n| format!("'{n}'")).collect();
    if names.len() > SHOWN {
        list.push(format!("{} more", names.len() - SHOWN));
    }
    list.join(", ")
}

/// Removes temporary folders in `parent` left by builds that were killed
/// long ago. Failures do not matter: the next build tries again.
fn remove_abandoned(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !name.starts_with(BUILD_PREFIX) && !name.starts_with(STALE_PREFIX) {
            continue;
        }
        let abandoned = entry
            .metadata()
            .and_then(|metadata| metadata.modified())
            .is_ok_and(|modified| {
                now.duration_since(modified)
                    .is_ok_and(|age| age > ABANDONED_AFTER)
            });
        if abandoned {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retrieve::Retriever;

    fn corpus(text: &str) -> Corpus {
        Corpus::from_texts(vec![("a.txt".to_string(), text.to_string())])
    }

    #[test]
    fn builds_then_reuses_index_when_fingerprint_matches() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        let corpus = corpus("The cat sat on the mat. The dog slept.");
        let (index, status) = PassageIndex::open_or_build(&corpus, Some(&dir)).unwrap();
        assert_eq!(status, IndexStatus::Built { dir: dir.clone() });
        assert_eq!(index.passage_count(), 2);
        assert!(dir.join(MANIFEST_FILE).is_file());
        let (index, status) = PassageIndex::open_or_build(&corpus, Some(&dir)).unwrap();
        assert_eq!(status, IndexStatus::Reused { dir: dir.clone() });
        let found = index.retriever().candidates("dog", 1).unwrap();
        assert_eq!(found[0].passage.text, "The dog slept.");
    }

    #[test]
    fn uses_cache_folder_named_by_fingerprint_by_default() {
        let cache = tempfile::tempdir().unwrap();
        let corpus = corpus("The cat sat.");
        let root = Some(cache.path().to_path_buf());
        let (_, status) = open_or_build_with_cache(&corpus, None, root.clone(), None).unwrap();
        let dir = cache.path().join(fingerprint(&corpus));
        assert_eq!(status, IndexStatus::Built { dir: dir.clone() });
        let (_, status) = open_or_build_with_cache(&corpus, None, root, None).unwrap();
        assert_eq!(status, IndexStatus::Reused { dir });
    }

    #[test]
    fn falls_back_to_memory_without_a_cache_folder() {
        let (index, status) =
            open_or_build_with_cache(&corpus("A cat."), None, None, None).unwrap();
        assert!(matches!(status, IndexStatus::InMemory { .. }));
        assert_eq!(index.passage_count(), 1);
    }

    #[test]
    fn cache_root_is_named_after_the_tool() {
        if let Some(root) = cache_root() {
            assert!(root.ends_with("factcheck"), "{}", root.display());
        }
    }

    #[test]
    fn rebuilds_when_corpus_changes() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        PassageIndex::open_or_build(&corpus("The cat sat."), Some(&dir)).unwrap();
        let changed = corpus("The cat sat. The cow mooed.");
        let (index, status) = PassageIndex::open_or_build(&changed, Some(&dir)).unwrap();
        assert_eq!(status, IndexStatus::Built { dir: dir.clone() });
        assert_eq!(index.passage_count(), 2);
        let (_, status) = PassageIndex::open_or_build(&changed, Some(&dir)).unwrap();
        assert_eq!(status, IndexStatus::Reused { dir });
    }

    /// Builds the index of `corpus` in `dir`, damages it with `damage`, and
    /// returns what the next run says.
    fn status_after(corpus: &Corpus, dir: &Path, damage: impl Fn(&Path)) -> IndexStatus {
        PassageIndex::open_or_build(corpus, Some(dir)).unwrap();
        damage(dir);
        let (index, status) = PassageIndex::open_or_build(corpus, Some(dir)).unwrap();
        assert_eq!(
            index.passage_count(),
            crate::ingest::passages(corpus).len() as u64
        );
        let (_, again) = PassageIndex::open_or_build(corpus, Some(dir)).unwrap();
        assert_eq!(
            again,
            IndexStatus::Reused {
                dir: dir.to_path_buf()
            }
        );
        status
    }

    /// The tantivy files of an index folder (not the manifest).
    fn index_files(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| {
                let name = path.file_name().unwrap().to_string_lossy();
                name != MANIFEST_FILE && !name.starts_with('.')
            })
            .collect()
    }

    fn assert_rebuilt(status: &IndexStatus, dir: &Path, why: &str) {
        match status {
            IndexStatus::Rebuilt {
                dir: rebuilt,
                reason,
            } => {
                assert_eq!(rebuilt, dir);
                assert!(reason.contains(why), "{reason}");
                let warning = status.warning().unwrap();
                assert!(warning.contains("built a new one"), "{warning}");
            }
            other => panic!("expected a rebuild, got {other:?}"),
        }
    }

    #[test]
    fn rebuilds_corrupted_index() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        let corpus = corpus("The cat sat on the mat. The dog slept.");
        // Flip a byte in the middle of every segment file.
        let status = status_after(&corpus, &dir, |dir| {
            for path in index_files(dir) {
                let mut bytes = std::fs::read(&path).unwrap();
                if bytes.len() > 2 {
                    let middle = bytes.len() / 2;
                    bytes[middle] ^= 0xff;
                    std::fs::write(&path, bytes).unwrap();
                }
            }
        });
        assert_rebuilt(&status, &dir, "damaged");
    }

    #[test]
    fn rebuilds_truncated_index() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        let corpus = corpus("The cat sat on the mat. The dog slept.");
        let status = status_after(&corpus, &dir, |dir| {
            for path in index_files(dir) {
                let bytes = std::fs::read(&path).unwrap();
                std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
            }
        });
        assert_rebuilt(&status, &dir, "damaged");
    }

    #[test]
    fn rebuilds_index_with_emptied_files() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        let corpus = corpus("The cat sat on the mat. The dog slept.");
        let status = status_after(&corpus, &dir, |dir| {
            for path in index_files(dir) {
                std::fs::write(&path, b"").unwrap();
            }
        });
        assert_rebuilt(&status, &dir, "damaged");
    }

    #[test]
    fn rebuilds_index_with_garbage_manifest() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        let corpus = corpus("The cat sat.");
        let status = status_after(&corpus, &dir, |dir| {
            std::fs::write(dir.join(MANIFEST_FILE), b"{\"fingerprint\": \"ab").unwrap();
        });
        assert_rebuilt(&status, &dir, "its manifest is damaged");
    }

    #[test]
    fn rebuilds_index_of_an_older_schema() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        let corpus = corpus("The cat sat.");
        let status = status_after(&corpus, &dir, |dir| {
            let path = dir.join(MANIFEST_FILE);
            let mut manifest: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            manifest["schema_version"] = serde_json::json!(SCHEMA_VERSION - 1);
            std::fs::write(&path, manifest.to_string()).unwrap();
        });
        let expected = format!(
            "another factcheck version (index schema {}, this one uses {SCHEMA_VERSION})",
            SCHEMA_VERSION - 1
        );
        assert_rebuilt(&status, &dir, &expected);
    }

    #[test]
    fn rebuilds_index_whose_manifest_has_no_schema_version() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        let corpus = corpus("The cat sat.");
        let status = status_after(&corpus, &dir, |dir| {
            std::fs::write(dir.join(MANIFEST_FILE), r#"{"fingerprint": "x"}"#).unwrap();
        });
        assert_rebuilt(&status, &dir, "index schema none");
    }

    #[test]
    fn rebuilds_index_missing_its_meta_file() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        let corpus = corpus("The cat sat.");
        let status = status_after(&corpus, &dir, |dir| {
            std::fs::remove_file(dir.join("meta.json")).unwrap();
        });
        assert_rebuilt(&status, &dir, "damaged");
    }

    #[test]
    fn killed_build_leaves_no_index_and_the_next_run_builds() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        let corpus = corpus("The cat sat. The dog slept.");
        // What a build killed half-way leaves: a temporary folder with some
        // of tantivy's files and no manifest.
        let killed = temp.path().join(format!("{BUILD_PREFIX}killed"));
        std::fs::create_dir(&killed).unwrap();
        std::fs::write(killed.join("meta.json"), b"{\"segments\": [").unwrap();
        let (index, status) = PassageIndex::open_or_build(&corpus, Some(&dir)).unwrap();
        assert_eq!(status, IndexStatus::Built { dir: dir.clone() });
        assert_eq!(index.passage_count(), 2);
        // A recent leftover may belong to a build still running: kept.
        assert!(killed.is_dir());
    }

    #[test]
    fn builds_into_existing_empty_folder() {
        let temp = tempfile::tempdir().unwrap();
        let (_, status) =
            PassageIndex::open_or_build(&corpus("A cat."), Some(temp.path())).unwrap();
        assert_eq!(
            status,
            IndexStatus::Built {
                dir: temp.path().to_path_buf()
            }
        );
    }

    #[test]
    fn relative_index_dir_is_made_absolute() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("a/../index/");
        let (_, status) = PassageIndex::open_or_build(&corpus("A cat."), Some(&dir)).unwrap();
        let built = status.dir().unwrap();
        assert!(built.is_absolute());
        assert!(built.join(MANIFEST_FILE).is_file());
    }

    #[test]
    fn damage_hidden_from_stat_is_found_after_a_restart() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        let corpus = corpus("The cat sat on the mat. The dog slept on the rug.");
        let fingerprint = fingerprint(&corpus);
        PassageIndex::open_or_build(&corpus, Some(&dir)).unwrap();
        damage_for_tests(&dir);
        mark_verified_for_tests(&dir);
        // The same boot trusts the verified listing: the damage hides.
        let same_boot = open_valid_at_boot(&dir, &fingerprint, &boot_id(), Duration::ZERO);
        assert!(same_boot.is_ok(), "{:?}", same_boot.err());
        // The first open after a restart checks every checksum again.
        match open_valid_at_boot(&dir, &fingerprint, "another boot", Duration::ZERO) {
            Err(Unusable::Damaged(reason)) => assert!(reason.contains("checksum"), "{reason}"),
            other => panic!("not found damaged: {:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn refuses_to_replace_a_foreign_folder() {
        let temp = tempfile::tempdir().unwrap();
        std::fs::write(temp.path().join("thesis.txt"), "precious").unwrap();
        let err = PassageIndex::open_or_build(&corpus("A cat."), Some(temp.path())).unwrap_err();
        assert!(
            err.to_string()
                .contains("not made by factcheck ('thesis.txt')"),
            "{err}"
        );
        assert!(temp.path().join("thesis.txt").is_file());
    }

    #[test]
    fn rebuild_refuses_an_index_folder_holding_other_files() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        PassageIndex::open_or_build(&corpus("A cat."), Some(&dir)).unwrap();
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        // Reused as it is: nothing to delete.
        let (_, status) = PassageIndex::open_or_build(&corpus("A cat."), Some(&dir)).unwrap();
        assert!(matches!(status, IndexStatus::Reused { .. }), "{status:?}");
        let err = PassageIndex::open_or_build(&corpus("A dog."), Some(&dir)).unwrap_err();
        assert!(err.to_string().contains("('notes.txt')"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn index_file_names_are_told_from_others() {
        for name in [
            MANIFEST_FILE,
            "meta.json",
            ".managed.json",
            ".tantivy-writer.lock",
            "7a03c10ab49b4fc6aaf0930632489a54.store",
            "7a03c10ab49b4fc6aaf0930632489a54.12.del",
        ] {
            assert!(is_index_file(name), "{name}");
        }
        for name in [
            "notes.txt",
            "7a03c10ab49b4fc6aaf0930632489a54.txt",
            "7a03c10ab49b4fc6.store",
            "7a03c10ab49b4fc6aaf0930632489a54.x.del",
            "meta.json.bak",
        ] {
            assert!(!is_index_file(name), "{name}");
        }
    }

    #[test]
    fn falls_back_to_memory_when_folder_cannot_be_created() {
        let temp = tempfile::tempdir().unwrap();
        let file = temp.path().join("file");
        std::fs::write(&file, "not a folder").unwrap();
        let (index, status) =
            PassageIndex::open_or_build(&corpus("A cat sat."), Some(&file.join("index"))).unwrap();
        assert!(matches!(status, IndexStatus::InMemory { .. }), "{status:?}");
        assert!(status.warning().is_some());
        assert_eq!(index.passage_count(), 1);
    }

    #[test]
    fn concurrent_builds_agree() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        let corpus = corpus("The cat sat on the mat. The dog slept. A bird sang.");
        let statuses: Vec<IndexStatus> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| PassageIndex::open_or_build(&corpus, Some(&dir))))
                .collect();
            handles
                .into_iter()
                .map(|handle| {
                    let (index, status) = handle.join().unwrap().unwrap();
                    assert_eq!(index.passage_count(), 3);
                    status
                })
                .collect()
        });
        assert!(statuses
            .iter()
            .all(|status| status.dir() == Some(dir.as_path())));
        let (_, status) = PassageIndex::open_or_build(&corpus, Some(&dir)).unwrap();
        assert_eq!(status, IndexStatus::Reused { dir: dir.clone() });
        // No temporary folders are left behind.
        let leftovers: Vec<_> = std::fs::read_dir(temp.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .filter(|name| name != "index")
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn unchanged_corpus_folder_reuses_the_index_without_reading_it() {
        let temp = tempfile::tempdir().unwrap();
        let folder = temp.path().join("corpus");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("a.txt"), "The cat sat. The dog slept.").unwrap();
        let records = temp.path().join("records");
        let dir = temp.path().join("index");
        // Nothing built yet: the texts are read to build.
        let corpus = Corpus::unread_for_tests(&folder, &records);
        let (index, status) = PassageIndex::open_or_build(&corpus, Some(&dir)).unwrap();
        assert_eq!(status, IndexStatus::Built { dir: dir.clone() });
        assert_eq!(index.passage_count(), 2);
        assert!(corpus.documents.is_loaded());
        // Built: reused, and no document is read.
        let corpus = Corpus::unread_for_tests(&folder, &records);
        let (index, status) = PassageIndex::open_or_build(&corpus, Some(&dir)).unwrap();
        assert_eq!(status, IndexStatus::Reused { dir: dir.clone() });
        assert_eq!(index.passage_count(), 2);
        assert!(!corpus.documents.is_loaded());
        // Damaged: rebuilt from the texts, read now.
        std::fs::remove_file(dir.join("meta.json")).unwrap();
        let corpus = Corpus::unread_for_tests(&folder, &records);
        let (index, status) = PassageIndex::open_or_build(&corpus, Some(&dir)).unwrap();
        assert_rebuilt(&status, &dir, "damaged");
        assert_eq!(index.passage_count(), 2);
    }

    #[test]
    fn checksums_are_checked_again_only_after_a_file_changes() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        let corpus = corpus("The cat sat on the mat. The dog slept.");
        PassageIndex::open_or_build(&corpus, Some(&dir)).unwrap();
        let verified = || -> Option<String> {
            let json = std::fs::read_to_string(dir.join(MANIFEST_FILE)).unwrap();
            let manifest: Manifest = serde_json::from_str(&json).unwrap();
            manifest.verified_files
        };
        // Files this new are not trusted to stay as checked.
        let (_, status) = PassageIndex::open_or_build(&corpus, Some(&dir)).unwrap();
        assert_eq!(status, IndexStatus::Reused { dir: dir.clone() });
        assert_eq!(verified(), None);
        std::thread::sleep(RACY + Duration::from_millis(100));
        PassageIndex::open_or_build(&corpus, Some(&dir)).unwrap();
        let noted = verified();
        assert!(noted.is_some());
        let (_, status) = PassageIndex::open_or_build(&corpus, Some(&dir)).unwrap();
        assert_eq!(status, IndexStatus::Reused { dir: dir.clone() });
        assert_eq!(verified(), noted);
        // A byte flipped after the check: its times changed, so it is
        // checked again and found.
        for path in index_files(&dir) {
            let mut bytes = std::fs::read(&path).unwrap();
            if bytes.len() > 2 {
                let middle = bytes.len() / 2;
                bytes[middle] ^= 0xff;
                std::fs::write(&path, bytes).unwrap();
            }
        }
        let (_, status) = PassageIndex::open_or_build(&corpus, Some(&dir)).unwrap();
        assert_rebuilt(&status, &dir, "damaged");
    }

    #[test]
    fn status_names_what_happened() {
        let dir = PathBuf::from("/tmp/x");
        assert_eq!(
            IndexStatus::Reused { dir: dir.clone() }.to_string(),
            "reused index in '/tmp/x'"
        );
        assert_eq!(IndexStatus::Built { dir }.warning(), None);
        let memory = IndexStatus::InMemory {
            reason: "read-only".to_string(),
        };
        assert_eq!(
            memory.warning().as_deref(),
            Some("index kept in memory only: read-only")
        );
        assert_eq!(memory.dir(), None);
    }
}
