//! The cache of indexes: one folder per corpus version under the user's
//! cache folder (`$XDG_CACHE_HOME/factcheck/<fingerprint>/`), and pruning
//! it, so that a corpus edited every day does not leave an index a day
//! behind.
//!
//! An index's last use is its folder's modification time: a run that
//! reuses an index sets it ([`mark_used`]), a build sets it by writing the
//! folder. [`prune`] removes the indexes unused for longer than an age and
//! those beyond a count, the most recently used kept; every build into the
//! cache prunes with [`AUTO_PRUNE`]. Only folders with a factcheck manifest
//! are touched; anything else in the cache folder is left alone.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::store::{MANIFEST_FILE, STALE_PREFIX};

/// How a build into the cache prunes it: indexes unused for 30 days go,
/// and at most 10 are kept.
pub const AUTO_PRUNE: Prune = Prune {
    older_than: Duration::from_secs(30 * 24 * 60 * 60),
    keep: 10,
};

/// A use is noted at most this often, so that most runs write nothing.
const MARK_EVERY: Duration = Duration::from_secs(60 * 60);

/// What to remove: indexes unused for longer than `older_than`, and all
/// but the `keep` most recently used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prune {
    pub older_than: Duration,
    pub keep: usize,
}

/// One index in the cache.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedIndex {
    pub dir: PathBuf,
    /// Bytes of its files.
    pub bytes: u64,
    /// When it was last used (built or reused).
    pub last_used: SystemTime,
}

/// What [`prune`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    pub removed: Vec<CachedIndex>,
    pub kept: Vec<CachedIndex>,
}

/// The indexes in the cache folder `root`, the most recently used first.
pub fn list(root: &Path) -> Vec<CachedIndex> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut indexes: Vec<CachedIndex> = entries
        .flatten()
        .filter(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        .map(|entry| entry.path())
        .filter(|dir| dir.join(MANIFEST_FILE).is_file())
        .filter_map(|dir| {
            let last_used = std::fs::metadata(&dir).ok()?.modified().ok()?;
            let bytes = folder_bytes(&dir);
            Some(CachedIndex {
                dir,
                bytes,
                last_used,
            })
        })
        .collect();
    indexes.sort_by(|a, b| b.last_used.cmp(&a.last_used).then(a.dir.cmp(&b.dir)));
    indexes
}

fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|entry| entry.metadata().ok())
                .filter(|metadata| metadata.is_file())
                .map(|metadata| metadata.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Removes the indexes of `root` that `rule` says go, never `spare` (the
/// index in use). An index that cannot be removed is kept and listed so.
pub fn prune(root: &Path, rule: Prune, spare: Option<&Path>, now: SystemTime) -> Pruned {
    let mut pruned = Pruned::default();
    for index in list(root) {
        let is_spared = spare.is_some_and(|spare| spare == index.dir);
        let age = now.duration_since(index.last_used).unwrap_or_default();
        let goes = !is_spared && (age > rule.older_than || pruned.kept.len() >= rule.keep);
        if goes && remove(root, &index.dir) {
            pruned.removed.push(index);
        } else {
            pruned.kept.push(index);
        }
    }
    pruned
}

/// Moves `dir` aside, then deletes it: a run opening it at that moment
/// finds it absent and builds, never half an index. (One that has it open
/// already keeps reading its files.)
fn remove(root: &Path, dir: &Path) -> bool {
    let Ok(stale) = tempfile::Builder::new()
        .prefix(STALE_PREFIX)
        .tempdir_in(root)
    else {
        return false;
    };
    if std::fs::rename(dir, stale.path().join("index")).is_err() {
        return false;
    }
    // Dropping `stale` deletes it and what was moved into it.
    stale.close().is_ok()
}

/// Notes that the index in `dir` was used now, unless that was noted
/// within the hour. Failing to note it only makes it look older.
pub(super) fn mark_used(dir: &Path) {
    let now = SystemTime::now();
    let recent = std::fs::metadata(dir)
        .and_then(|metadata| metadata.modified())
        .is_ok_and(|modified| {
            now.duration_since(modified)
                .is_ok_and(|age| age < MARK_EVERY)
        });
    if !recent {
        if let Ok(folder) = std::fs::File::open(dir) {
            let _ = folder.set_modified(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Duration = Duration::from_secs(24 * 60 * 60);

    /// A fake index folder used `days` ago.
    fn index(root: &Path, name: &str, days: u64) -> PathBuf {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(MANIFEST_FILE), "{}").unwrap();
        std::fs::write(dir.join("data"), vec![0u8; 100]).unwrap();
        let used = SystemTime::now() - DAY * days as u32;
        std::fs::File::open(&dir)
            .unwrap()
            .set_modified(used)
            .unwrap();
        dir
    }

    fn names(indexes: &[CachedIndex]) -> Vec<String> {
        indexes
            .iter()
            .map(|i| i.dir.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn prunes_by_age_and_count_keeping_the_most_recent_and_the_spared() {
        let root = tempfile::tempdir().unwrap();
        index(root.path(), "new", 0);
        index(root.path(), "week", 7);
        index(root.path(), "month", 20);
        let old = index(root.path(), "old", 40);
        std::fs::create_dir(root.path().join("corpus-scans")).unwrap();
        std::fs::create_dir(root.path().join("not-an-index")).unwrap();
        let listed = list(root.path());
        assert_eq!(names(&listed), ["new", "week", "month", "old"]);
        assert_eq!(listed[0].bytes, 102);
        let rule = Prune {
            older_than: DAY * 30,
            keep: 2,
        };
        let pruned = prune(root.path(), rule, Some(&old), SystemTime::now());
        assert_eq!(names(&pruned.removed), ["month"]);
        assert_eq!(names(&pruned.kept), ["new", "week", "old"]);
        let pruned = prune(root.path(), rule, None, SystemTime::now());
        assert_eq!(names(&pruned.removed), ["old"]);
        assert!(!old.exists());
        // What is not an index, and no temporary folder, is left.
        let mut left: Vec<String> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["corpus-scans", "new", "not-an-index", "week"]);
    }

    #[test]
    fn a_use_moves_an_index_to_the_front() {
        let root = tempfile::tempdir().unwrap();
        let old = index(root.path(), "old", 10);
        index(root.path(), "newer", 1);
        mark_used(&old);
        assert_eq!(names(&list(root.path())), ["old", "newer"]);
    }
}
