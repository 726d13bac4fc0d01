//! Records of corpus folders whose files are unchanged, so that a run can
//! know their texts' lengths and hashes (and their warnings) without reading
//! them.
//!
//! A record holds a hash of one folder's walk (every file's name, size,
//! modification time, change time and inode, in order) and what reading the
//! files gave: a digest of the documents' texts, and which files were
//! decoded lossily or skipped as binary (for the warnings). It is used only
//! when the header (record format, index schema and factcheck version), the
//! folder and the listing hash match exactly. The change time is in the
//! listing because tools that keep the modification time (`cp -p`,
//! `rsync -t`, `touch -d`) cannot set it. No record is written while a file
//! changed within [`RACY`] of the listing, as git treats "racily clean"
//! entries: the file system's clock is too coarse to tell a later change in
//! the same tick.
//!
//! Records live in the user's cache folder, one file per corpus folder
//! named by a hash of its absolute path, and are written to a temporary
//! file renamed into place, so concurrent runs never see half a record. A
//! record that is missing, damaged or stale only costs reading the files.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use xxhash_rust::xxh3::{xxh3_64, Xxh3};

use crate::index::SCHEMA_VERSION;

/// Version of the record format.
const FORMAT: u32 = 2;

/// Files changed this close to the listing are not trusted to a record.
const RACY: Duration = Duration::from_secs(2);

/// What `stat` says of a file, as far as telling a change goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct FileStat {
    size: u64,
    /// Modification time, nanoseconds since the epoch.
    modified: i128,
    /// Change time (of the inode), nanoseconds since the epoch; 0 where
    /// the platform has none.
    changed: i128,
    inode: u64,
    /// The device the inode is on (not in the listing: the inode tells a
    /// change, the pair tells a file).
    device: u64,
}

impl FileStat {
    /// A file whose `stat` failed: never recorded, never matched.
    pub(super) const UNKNOWN: FileStat = FileStat {
        size: u64::MAX,
        modified: i128::MIN,
        changed: i128::MIN,
        inode: u64::MAX,
        device: u64::MAX,
    };

    /// The file's size in bytes, as listed.
    pub(super) fn size(&self) -> u64 {
        self.size
    }

    /// The device and inode, which tell a file reached by two paths; none
    /// where the platform has no inodes or `stat` failed.
    pub(super) fn file_id(&self) -> Option<(u64, u64)> {
        (*self != FileStat::UNKNOWN && self.inode != 0).then_some((self.device, self.inode))
    }

    #[cfg(unix)]
    pub(super) fn of(metadata: &std::fs::Metadata) -> FileStat {
        use std::os::unix::fs::MetadataExt;
        let nanos = |secs: i64, nsecs: i64| i128::from(secs) * 1_000_000_000 + i128::from(nsecs);
        FileStat {
            size: metadata.len(),
            modified: nanos(metadata.mtime(), metadata.mtime_nsec()),
            changed: nanos(metadata.ctime(), metadata.ctime_nsec()),
            inode: metadata.ino(),
            device: metadata.dev(),
        }
    }

    #[cfg(not(unix))]
    pub(super) fn of(metadata: &std::fs::Metadata) -> FileStat {
        let modified = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
            .map_or(i128::MIN, |since| since.as_nanos() as i128);
        FileStat {
            size: metadata.len(),
            modified,
            changed: 0,
            inode: 0,
            device: 0,
        }
    }
}

/// What reading the documents of a listing gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::ingest) struct Record {
    /// [`super::Documents::digest`] of the documents read.
    pub(in crate::ingest) digest: u128,
    /// Positions in the listing of the files decoded lossily, ascending.
    pub(in crate::ingest) lossy: Vec<usize>,
    /// Positions in the listing of the files skipped as binary, ascending.
    pub(in crate::ingest) binary: Vec<usize>,
}

/// A folder's files as listed: how many, a hash of their names and `stat`
/// values, and the latest time one of them changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Listing {
    files: usize,
    hash: u128,
    latest_change: i128,
    complete: bool,
}

impl Listing {
    pub(super) fn of(stats: &[(&str, &FileStat)]) -> Listing {
        let mut hasher = Xxh3::new();
        let mut latest_change = i128::MIN;
        for (name, stat) in stats {
            hasher.update(&(name.len() as u64).to_le_bytes());
            hasher.update(name.as_bytes());
            hasher.update(&stat.size.to_le_bytes());
            hasher.update(&stat.modified.to_le_bytes());
            hasher.update(&stat.changed.to_le_bytes());
            hasher.update(&stat.inode.to_le_bytes());
            latest_change = latest_change.max(stat.modified).max(stat.changed);
        }
        Listing {
            files: stats.len(),
            hash: hasher.digest128(),
            latest_change,
            complete: stats.iter().all(|(_, stat)| **stat != FileStat::UNKNOWN),
        }
    }

    /// The line a record keeps of it.
    fn line(&self) -> String {
        format!("files {} listing {:032x}", self.files, self.hash)
    }
}

fn positions(line: &str, label: &str) -> Option<Vec<usize>> {
    let rest = line.strip_prefix(label)?;
    rest.split_whitespace().map(|n| n.parse().ok()).collect()
}

fn write_positions(out: &mut String, label: &str, positions: &[usize]) {
    out.push_str(label);
    for position in positions {
        let _ = write!(out, " {position}");
    }
    out.push('\n');
}

/// Where records are kept, and how recent a change makes a file untrusted.
#[derive(Clone, Debug)]
pub(super) struct Records {
    pub(super) dir: PathBuf,
    pub(super) racy: Duration,
}

impl Records {
    /// `corpus-scans` in the user's cache folder for factcheck.
    pub(super) fn in_cache() -> Option<Records> {
        directories::ProjectDirs::from("", "", "factcheck").map(|dirs| Records {
            dir: dirs.cache_dir().join("corpus-scans"),
            racy: RACY,
        })
    }
}

/// The corpus folder as a record names it: absolute, links resolved.
fn root_of(dir: &Path) -> Option<String> {
    let root = std::fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .ok()?;
    serde_json::to_string(&root.to_string_lossy()).ok()
}

/// The record file of the folder named `root`.
fn record_path(records: &Path, root: &str) -> PathBuf {
    records.join(format!("{:016x}.scan", xxh3_64(root.as_bytes())))
}

fn header() -> String {
    format!(
        "factcheck corpus scan {FORMAT} schema {SCHEMA_VERSION} factcheck {}",
        env!("CARGO_PKG_VERSION")
    )
}

/// The record of `dir` if it was made of exactly this listing.
pub(super) fn load(records: &Records, dir: &Path, listing: &Listing) -> Option<Record> {
    let root = root_of(dir)?;
    let text = std::fs::read_to_string(record_path(&records.dir, &root)).ok()?;
    let mut lines = text.lines();
    if lines.next()? != header() || lines.next()? != root || lines.next()? != listing.line() {
        return None;
    }
    let digest = u128::from_str_radix(lines.next()?.strip_prefix("digest ")?, 16).ok()?;
    let lossy = positions(lines.next()?, "lossy")?;
    let binary = positions(lines.next()?, "binary")?;
    let sorted = |p: &[usize]| p.windows(2).all(|w| w[0] < w[1]);
    if lines.next().is_some() || !sorted(&lossy) || !sorted(&binary) {
        return None;
    }
    Some(Record {
        digest,
        lossy,
        binary,
    })
}

/// Writes the record of `dir`: its files as listed at `listed_at`, and what
/// reading them gave. Nothing is written when a file changed within
/// [`Records::racy`] of the listing, or could not be `stat`ed.
pub(super) fn save(
    records: &Records,
    dir: &Path,
    listing: &Listing,
    record: &Record,
    listed_at: SystemTime,
) -> std::io::Result<()> {
    let unusable = || std::io::Error::other("nothing to record");
    let racy_from = listed_at
        .checked_sub(records.racy)
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map_or(i128::MIN, |since| since.as_nanos() as i128);
    if !listing.complete || listing.latest_change >= racy_from {
        return Err(unusable());
    }
    let root = root_of(dir).ok_or_else(unusable)?;
    let mut text = format!(
        "{}\n{root}\n{}\ndigest {:032x}\n",
        header(),
        listing.line(),
        record.digest
    );
    write_positions(&mut text, "lossy", &record.lossy);
    write_positions(&mut text, "binary", &record.binary);
    std::fs::create_dir_all(&records.dir)?;
    let mut file = tempfile::NamedTempFile::new_in(&records.dir)?;
    file.write_all(text.as_bytes())?;
    file.persist(record_path(&records.dir, &root))
        .map_err(|err| err.error)?;
    Ok(())
}
