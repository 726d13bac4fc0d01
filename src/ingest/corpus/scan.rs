//! Records of corpus folders whose files are unchanged, so that a run can
//! know their texts' lengths and hashes (and their warnings) without reading
//! them.
//!
//! A record lists every file of one folder's walk with its size,
//! modification time, change time and inode, and what reading it gave (text
//! of this length and hash, lossily decoded or not, or binary). It is used
//! only when the header (record format, index schema and factcheck
//! version), the folder and every listed value match exactly. The change
//! time is in the list because tools that keep the modification time
//! (`cp -p`, `rsync -t`, `touch -d`) cannot set it. A file changed within
//! [`RACY`] of the listing is written with a time that never matches, as
//! git does with "racily clean" entries: the file system's clock is too
//! coarse to tell a later change in the same tick.
//!
//! Records live in the user's cache folder, one file per corpus folder
//! named by a hash of its absolute path, and are written to a temporary
//! file renamed into place, so concurrent runs never see half a record. A
//! record that is missing, damaged or stale only costs reading the files.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use xxhash_rust::xxh3::xxh3_64;

use crate::index::SCHEMA_VERSION;

/// Version of the record format.
const FORMAT: u32 = 1;

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
}

impl FileStat {
    /// A file whose `stat` failed: never recorded, never matched.
    pub(super) const UNKNOWN: FileStat = FileStat {
        size: u64::MAX,
        modified: i128::MIN,
        changed: i128::MIN,
        inode: u64::MAX,
    };

    #[cfg(unix)]
    pub(super) fn of(metadata: &std::fs::Metadata) -> FileStat {
        use std::os::unix::fs::MetadataExt;
        let nanos = |secs: i64, nsecs: i64| i128::from(secs) * 1_000_000_000 + i128::from(nsecs);
        FileStat {
            size: metadata.len(),
            modified: nanos(metadata.mtime(), metadata.mtime_nsec()),
            changed: nanos(metadata.ctime(), metadata.ctime_nsec()),
            inode: metadata.ino(),
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
        }
    }
}

/// What reading a file gave, as a record keeps it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Text of `len` bytes (after decoding) with this XXH3-128 hash;
    /// `lossy` when invalid UTF-8 was replaced.
    Text { len: u64, hash: u128, lossy: bool },
    /// Skipped as binary.
    Binary,
}

impl Outcome {
    fn write(self, out: &mut String) {
        let _ = match self {
            Outcome::Text { len, hash, lossy } => {
                let kind = if lossy { 'l' } else { 't' };
                writeln!(out, "{kind} {len} {hash:032x}")
            }
            Outcome::Binary => writeln!(out, "b"),
        };
    }

    fn parse(line: &str) -> Option<Outcome> {
        if line == "b" {
            return Some(Outcome::Binary);
        }
        let mut parts = line.split(' ');
        let lossy = match parts.next()? {
            "t" => false,
            "l" => true,
            _ => return None,
        };
        let len = parts.next()?.parse().ok()?;
        let hash = u128::from_str_radix(parts.next()?, 16).ok()?;
        parts
            .next()
            .is_none()
            .then_some(Outcome::Text { len, hash, lossy })
    }
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

/// The listing lines of `stats`: one per file, the modification time of a
/// file changed at or after `racy_from` (nanoseconds) written as `racy`.
fn listing(stats: &[(&str, &FileStat)], racy_from: Option<i128>) -> String {
    let mut out = String::with_capacity(stats.len() * 64);
    for (name, stat) in stats {
        let racy = racy_from.is_some_and(|from| stat.modified >= from || stat.changed >= from);
        let _ = write!(out, "{} ", stat.size);
        let _ = if racy {
            write!(out, "racy ")
        } else {
            write!(out, "{} ", stat.modified)
        };
        let name = serde_json::to_string(name).unwrap_or_default();
        let _ = writeln!(out, "{} {} {name}", stat.changed, stat.inode);
    }
    out
}

fn next_line<'a>(rest: &mut &'a str) -> Option<&'a str> {
    let (line, tail) = rest.split_once('\n')?;
    *rest = tail;
    Some(line)
}

/// The outcomes recorded for `dir`, one per file of `stats` in order, if a
/// record lists exactly these files with these values.
pub(super) fn load(
    records: &Records,
    dir: &Path,
    stats: &[(&str, &FileStat)],
) -> Option<Vec<Outcome>> {
    let root = root_of(dir)?;
    let text = std::fs::read_to_string(record_path(&records.dir, &root)).ok()?;
    let mut rest = text.as_str();
    if next_line(&mut rest)? != header() || next_line(&mut rest)? != root {
        return None;
    }
    if next_line(&mut rest)?.parse::<usize>().ok()? != stats.len() {
        return None;
    }
    rest = rest.strip_prefix(listing(stats, None).as_str())?;
    let outcomes = (0..stats.len())
        .map(|_| Outcome::parse(next_line(&mut rest)?))
        .collect::<Option<Vec<Outcome>>>()?;
    rest.is_empty().then_some(outcomes)
}

/// Writes the record of `dir`: `stats` as listed at `listed_at`, and what
/// reading each file gave.
pub(super) fn save(
    records: &Records,
    dir: &Path,
    stats: &[(&str, &FileStat)],
    outcomes: &[Outcome],
    listed_at: SystemTime,
) -> std::io::Result<()> {
    let unusable = || std::io::Error::other("nothing to record");
    if outcomes.len() != stats.len() || stats.iter().any(|(_, s)| **s == FileStat::UNKNOWN) {
        return Err(unusable());
    }
    let root = root_of(dir).ok_or_else(unusable)?;
    let racy_from = listed_at
        .checked_sub(records.racy)
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map_or(i128::MIN, |since| since.as_nanos() as i128);
    let mut text = format!("{}\n{root}\n{}\n", header(), stats.len());
    text.push_str(&listing(stats, Some(racy_from)));
    for outcome in outcomes {
        outcome.write(&mut text);
    }
    std::fs::create_dir_all(&records.dir)?;
    let mut file = tempfile::NamedTempFile::new_in(&records.dir)?;
    file.write_all(text.as_bytes())?;
    file.persist(record_path(&records.dir, &root))
        .map_err(|err| err.error)?;
    Ok(())
}
