//! Reading a corpus: the bundled article, or every `.txt`/`.md` file under a
//! folder, sorted by path so that results are deterministic, plus the
//! reviewed claims (`*.claims.jsonl`) kept beside them.
//!
//! Reading a large folder is most of a cold run's time, so a folder's files
//! are first only listed with their size and times, and their texts are read
//! when first needed (see [`Documents`] and [`Corpus::from_dir`]).

mod scan;

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use anyhow::{bail, Result};
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

use super::{ReviewedFile, REVIEWED_SUFFIX};
use crate::terminal::escape_control;
use scan::{FileStat, Record, Records};

/// The article the tool ships with (see `corpus/README.md`).
const BUNDLED: &[(&str, &str)] = &[(
    "russia-taliban-recognition.txt",
    include_str!("../../corpus/russia-taliban-recognition.txt"),
)];

/// One article: its path (relative to the corpus root) and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Path relative to the corpus root, with `/` separators.
    pub path: String,
    /// The full text. Invalid UTF-8 has been replaced (and warned about).
    pub text: String,
}

/// The documents a statement is checked against.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// What to call the corpus in messages: the folder, or `(bundled)`.
    pub name: String,
    /// The documents, sorted by path; their texts may be read only when
    /// first used (see [`Documents`]).
    pub documents: Documents,
    /// The reviewed-claims files (names ending in
    /// [`REVIEWED_SUFFIX`](crate::ingest::REVIEWED_SUFFIX)), sorted by
    /// path, parsed as they were read (see [`ReviewedFile::read`]); not part
    /// of [`Corpus::documents`].
    pub reviewed: Vec<ReviewedFile>,
    /// Problems met while reading that did not stop the run.
    pub warnings: Vec<String>,
}

/// The documents of a corpus: a slice of [`Document`] (it dereferences to
/// `[Document]`), whose texts may be read from disk only when first used.
///
/// [`Corpus::from_dir`] knows every document's path, and a digest of all
/// their texts, without reading them when the folder's files are unchanged
/// since an earlier run; [`Documents::len`], [`Documents::is_empty`] and the
/// index fingerprint then need no reading, and the texts are read on first
/// access to a document (a rebuild, an in-memory index). A file that can
/// no longer be read then is left out.
#[derive(Clone, Default)]
pub struct Documents {
    /// The documents with their texts, once read.
    texts: OnceLock<Vec<Document>>,
    /// [`Documents::digest`] of the texts, once computed.
    texts_digest: OnceLock<u128>,
    /// The documents known without reading them, and their digest as
    /// recorded (used until the texts are read).
    known: Option<Arc<(Vec<Known>, u128)>>,
}

/// A document known from an earlier run's record of an unchanged file.
#[derive(Clone, Debug)]
struct Known {
    path: String,
    file: PathBuf,
}

impl Documents {
    /// Documents whose texts are already read.
    fn read(documents: Vec<Document>) -> Documents {
        Documents {
            texts: OnceLock::from(documents),
            ..Documents::default()
        }
    }

    /// How many documents there are, without reading any.
    pub fn len(&self) -> usize {
        match (self.texts.get(), &self.known) {
            (Some(texts), _) => texts.len(),
            (None, Some(known)) => known.0.len(),
            (None, None) => 0,
        }
    }

    /// Whether there is no document, without reading any.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the texts have been read.
    pub fn is_loaded(&self) -> bool {
        self.texts.get().is_some()
    }

    /// The documents with their texts, reading them now if needed.
    pub fn load(&self) -> &[Document] {
        self.texts.get_or_init(|| match &self.known {
            Some(known) => read_known(&known.0),
            None => Vec::new(),
        })
    }

    /// An XXH3-128 digest of every document's path, text length and text
    /// hash, in order: from the texts once they are read, else as recorded
    /// for the unchanged files (the same value, without reading).
    pub fn digest(&self) -> u128 {
        match (self.texts.get(), &self.known) {
            (None, Some(known)) => known.1,
            _ => *self
                .texts_digest
                .get_or_init(|| digest_of(self.load().iter().map(|d| (d.path.as_str(), &*d.text)))),
        }
    }
}

/// [`Documents::digest`] of these (path, text) pairs.
fn digest_of<'a>(documents: impl ExactSizeIterator<Item = (&'a str, &'a str)>) -> u128 {
    digest_of_hashed(
        documents.map(|(path, text)| (path, text.len() as u64, xxh3_128(text.as_bytes()))),
    )
}

/// [`digest_of`] the texts whose length and XXH3-128 are given, as
/// (path, length, hash): a text hashed as it was read need not be kept.
fn digest_of_hashed<'a>(documents: impl ExactSizeIterator<Item = (&'a str, u64, u128)>) -> u128 {
    let mut hasher = Xxh3::new();
    hasher.update(&(documents.len() as u64).to_le_bytes());
    for (path, len, hash) in documents {
        hasher.update(&(path.len() as u64).to_le_bytes());
        hasher.update(path.as_bytes());
        hasher.update(&len.to_le_bytes());
        hasher.update(&hash.to_le_bytes());
    }
    hasher.digest128()
}

impl Deref for Documents {
    type Target = [Document];

    fn deref(&self) -> &[Document] {
        self.load()
    }
}

impl<'a> IntoIterator for &'a Documents {
    type Item = &'a Document;
    type IntoIter = std::slice::Iter<'a, Document>;

    fn into_iter(self) -> Self::IntoIter {
        self.load().iter()
    }
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.texts.get() {
            Some(texts) => f.debug_list().entries(texts).finish(),
            None => write!(f, "[{} documents, not read yet]", self.len()),
        }
    }
}

/// Reads the texts of documents known from a record, in parallel; a file
/// that cannot be read or is binary now is left out.
fn read_known(known: &[Known]) -> Vec<Document> {
    use rayon::prelude::*;
    known
        .par_iter()
        .filter_map(|k| match read_text(&k.file) {
            Ok(Read::Text { text, .. }) => Some(Document {
                path: k.path.clone(),
                text,
            }),
            _ => None,
        })
        .collect()
}

/// What reading one file gave: its text, or (a reviewed-claims file) what
/// was parsed from it.
enum Read<T = String> {
    /// Its text; `lossy` when invalid UTF-8 was replaced.
    Text { text: T, lossy: bool },
    /// A NUL byte near its start.
    Binary,
    /// Longer than [`MAX_DOCUMENT_BYTES`]; not read past the limit.
    TooLarge,
}

impl<T> Read<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Read<U> {
        match self {
            Read::Text { text, lossy } => Read::Text {
                text: f(text),
                lossy,
            },
            Read::Binary => Read::Binary,
            Read::TooLarge => Read::TooLarge,
        }
    }
}

/// A file's text, or a reviewed-claims file parsed.
enum Loaded {
    Document(String),
    Reviewed(ReviewedFile),
}

/// Files larger than this are skipped with a warning: no article is that
/// long, and reading one whole costs its size in memory several times over
/// (the text, its passages, the index).
pub const MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a file: its first [`BINARY_SNIFF_BYTES`] first, to tell a binary
/// file without reading the rest of it, then the rest, up to
/// [`MAX_DOCUMENT_BYTES`].
fn read_text(path: &Path) -> std::io::Result<Read> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(BINARY_SNIFF_BYTES);
    (&mut file)
        .take(BINARY_SNIFF_BYTES as u64)
        .read_to_end(&mut bytes)?;
    if is_binary(&bytes) {
        return Ok(Read::Binary);
    }
    if bytes.len() == BINARY_SNIFF_BYTES {
        let rest = MAX_DOCUMENT_BYTES + 1 - bytes.len() as u64;
        file.take(rest).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
            return Ok(Read::TooLarge);
        }
    }
    Ok(match String::from_utf8(bytes) {
        Ok(text) => Read::Text { text, lossy: false },
        Err(err) => Read::Text {
            text: String::from_utf8_lossy(err.as_bytes()).into_owned(),
            lossy: true,
        },
    })
}

/// Reads a reviewed-claims file as [`read_text`] reads a document (a NUL
/// byte in its first [`BINARY_SNIFF_BYTES`] makes it binary, more than
/// [`MAX_DOCUMENT_BYTES`] too large), but a line at a time, parsing each
/// line as it is read: its text is never held whole. `name` is its path
/// relative to the corpus root.
fn read_reviewed(path: &Path, name: &str) -> std::io::Result<Read<ReviewedFile>> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    let mut start = Vec::with_capacity(BINARY_SNIFF_BYTES);
    (&mut file)
        .take(BINARY_SNIFF_BYTES as u64)
        .read_to_end(&mut start)?;
    if is_binary(&start) {
        return Ok(Read::Binary);
    }
    let reader =
        std::io::BufReader::with_capacity(64 * 1024, std::io::Cursor::new(start).chain(file));
    Ok(
        match ReviewedFile::read(name, reader, MAX_DOCUMENT_BYTES)? {
            Some(reviewed) => Read::Text {
                lossy: reviewed.is_lossy(),
                text: reviewed,
            },
            None => Read::TooLarge,
        },
    )
}

/// What the walk of a corpus folder met, in walk order.
enum Walked {
    /// A problem to warn about (a link loop, a dangling link).
    Warning(String),
    /// A document or reviewed-claims file, with what `stat` says of it.
    File {
        path: PathBuf,
        name: String,
        reviewed: bool,
        stat: FileStat,
    },
    /// A file that is neither a document nor reviewed claims (`.html`,
    /// `.pdf`, ...), outside hidden folders; its extension, or "" for none.
    Other(String),
}

impl Corpus {
    /// One file as a corpus of one document, named by its file name: what
    /// `--corpus FILE` means. Read as the files of a folder are (invalid
    /// UTF-8 replaced, with a warning); a binary or unreadable file is an
    /// error, as a folder with nothing readable is.
    pub fn from_file(path: &Path) -> Result<Corpus> {
        let file = shown(path);
        let name = path.file_name().map_or_else(|| file.clone(), name_of);
        let mut warnings = Vec::new();
        let text = match read_text(path) {
            Ok(Read::Text { text, lossy }) => {
                if lossy {
                    warnings.push(lossy_warning(path));
                }
                text
            }
            Ok(Read::Binary) => bail!(
                "corpus file '{file}' is binary (it has NUL bytes)\n\nPass --corpus with a text file or a folder of .txt or .md files."
            ),
            Ok(Read::TooLarge) => bail!(
                "corpus file '{file}' is too large (the limit is {MAX_DOCUMENT_BYTES} bytes)\n\nPass --corpus with a smaller text file or a folder of .txt or .md files."
            ),
            Err(err) => bail!("failed to read corpus file '{file}': {err}"),
        };
        let mut corpus = Corpus::from_texts(vec![(name, text)]).named(&file);
        corpus.warnings = warnings;
        Ok(corpus)
    }

    /// The article bundled in the binary; needs no file system.
    pub fn bundled() -> Corpus {
        Corpus::from_texts(
            BUNDLED
                .iter()
                .map(|(path, text)| (path.to_string(), text.to_string()))
                .collect(),
        )
        .named("(bundled)")
    }

    /// A corpus made from borrowed (path, text) pairs, e.g. in tests and
    /// doctests.
    pub fn from_strs(texts: &[(&str, &str)]) -> Corpus {
        Corpus::from_texts(
            texts
                .iter()
                .map(|(path, text)| (path.to_string(), text.to_string()))
                .collect(),
        )
    }

    /// A corpus made from (path, text) pairs, e.g. in tests.
    pub fn from_texts(mut texts: Vec<(String, String)>) -> Corpus {
        texts.sort_by(|a, b| a.0.cmp(&b.0));
        Corpus {
            name: "(memory)".to_string(),
            documents: Documents::read(
                texts
                    .into_iter()
                    .map(|(path, text)| Document { path, text })
                    .collect(),
            ),
            reviewed: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Every `.txt` and `.md` file below `dir`, recursively, sorted by path,
    /// and every reviewed-claims file (`*.claims.jsonl`) into
    /// [`Corpus::reviewed`].
    ///
    /// Symbolic links are followed, and a link back to a folder already being
    /// walked is reported as a warning instead of being walked again. A file
    /// that is not valid UTF-8 is decoded lossily (byte offsets then refer to
    /// the decoded text); a file that cannot be read (it vanished after the
    /// folder was listed, a dangling link, no permission) or is binary (a NUL
    /// byte in its first 8 KiB) is skipped. Each is recorded in
    /// [`Corpus::warnings`], naming the file. It is an error when `dir` is
    /// not a folder or holds no readable `.txt` or `.md` file.
    ///
    /// The files are listed with their size, modification and change times
    /// and inode. When a record of an earlier run (kept in the user's cache
    /// folder, `$XDG_CACHE_HOME/factcheck/corpus-scans/`) lists exactly the
    /// same files with the same values, the documents are not read now: the
    /// record gives their lengths, content hashes and warnings, and their
    /// texts are read on first use (see [`Documents`]). Otherwise every
    /// file is read, whole, and the record is written again. Files changed
    /// in the two seconds before the listing are never trusted to the
    /// record (a change within the file system's time resolution would not
    /// show). Reviewed-claims files are always read, a line at a time,
    /// and parsed as they are read: only their reviews are kept.
    ///
    /// The index's fingerprint is taken from the texts read, or from the
    /// record of unchanged files: a file that changes afterwards cannot make
    /// the index disagree with the passages it was built from.
    pub fn from_dir(dir: &Path) -> Result<Corpus> {
        Corpus::from_dir_following(dir, FOLLOW_LINKS.load(Ordering::Relaxed))
    }

    /// [`Corpus::from_dir`], with symbolic links followed or (`false`)
    /// each skipped with a warning, whatever [`set_follow_links`] says.
    pub fn from_dir_following(dir: &Path, follow_links: bool) -> Result<Corpus> {
        Corpus::from_dir_recorded(dir, Records::in_cache().as_ref(), follow_links)
    }

    /// [`Corpus::from_dir`] with the records kept in `records` (none: read
    /// every file, write no record).
    fn from_dir_recorded(
        dir: &Path,
        records: Option<&Records>,
        follow_links: bool,
    ) -> Result<Corpus> {
        const HINT: &str = "Pass --corpus DIR with a folder of .txt or .md files.";
        let folder = shown(dir);
        if !dir.is_dir() {
            let what = if dir.exists() {
                " (it is not a folder)"
            } else {
                ""
            };
            bail!("no such corpus folder '{folder}'{what}\n\n{HINT}");
        }
        let listed_at = std::time::SystemTime::now();
        let walked = walk(dir, follow_links);
        let stats: Vec<(&str, &FileStat)> = walked
            .iter()
            .filter_map(|item| match item {
                Walked::File { name, stat, .. } => Some((name.as_str(), stat)),
                Walked::Warning(_) | Walked::Other(_) => None,
            })
            .collect();
        let listing = scan::Listing::of(&stats);
        let recorded = records.and_then(|records| scan::load(records, dir, &listing));
        drop(stats);
        let mut warnings = Vec::new();
        let mut documents = Vec::new();
        let mut known = Vec::new();
        let mut reviewed = Vec::new();
        let mut lossy = Vec::new();
        let mut binary = Vec::new();
        let mut recordable = true;
        let mut found = 0usize;
        let mut files = 0usize;
        // Extension -> how many files of it were skipped, for one warning.
        let mut others: BTreeMap<String, usize> = BTreeMap::new();
        for item in walked {
            let (path, name, is_reviewed, size) = match item {
                Walked::Warning(warning) => {
                    warnings.push(warning);
                    continue;
                }
                Walked::Other(extension) => {
                    *others.entry(extension).or_default() += 1;
                    continue;
                }
                Walked::File {
                    path,
                    name,
                    reviewed,
                    stat,
                } => (path, name, reviewed, stat.size()),
            };
            let index = files;
            files += 1;
            if !is_reviewed {
                found += 1;
            }
            // Told from the listing, without reading (a record or not).
            if size != FileStat::UNKNOWN.size() && size > MAX_DOCUMENT_BYTES {
                warnings.push(too_large_warning(&path, Some(size)));
                continue;
            }
            // A document the record knows is not read now.
            if let (Some(recorded), false) = (&recorded, is_reviewed) {
                if recorded.binary.binary_search(&index).is_ok() {
                    warnings.push(binary_warning(&path));
                    continue;
                }
                if recorded.lossy.binary_search(&index).is_ok() {
                    warnings.push(lossy_warning(&path));
                }
                known.push(Known {
                    path: name,
                    file: path,
                });
                continue;
            }
            let read = if is_reviewed {
                read_reviewed(&path, &name).map(|read| read.map(Loaded::Reviewed))
            } else {
                read_text(&path).map(|read| read.map(Loaded::Document))
            };
            let read = match read {
                Ok(read) => read,
                Err(err) => {
                    warnings.push(format!(
                        "skipped unreadable corpus file '{}': {err}",
                        shown(&path)
                    ));
                    // An unreadable file may be readable next time: no record.
                    recordable = false;
                    continue;
                }
            };
            match read {
                Read::TooLarge => {
                    warnings.push(too_large_warning(&path, None));
                    // It grew since it was listed.
                    recordable = false;
                }
                Read::Binary => {
                    warnings.push(binary_warning(&path));
                    binary.push(index);
                }
                Read::Text {
                    text,
                    lossy: replaced,
                } => {
                    if replaced {
                        warnings.push(lossy_warning(&path));
                        lossy.push(index);
                    }
                    match text {
                        Loaded::Document(text) => documents.push(Document { path: name, text }),
                        Loaded::Reviewed(file) => reviewed.push(file),
                    }
                }
            }
        }
        if !others.is_empty() {
            warnings.push(others_warning(&folder, &others));
        }
        if documents.is_empty() && known.is_empty() {
            if found == 0 {
                let skipped = match others_counted(&others) {
                    (0, _) => String::new(),
                    (total, kinds) => {
                        format!(", only {total} other {} ({kinds})", file_or_files(total))
                    }
                };
                bail!("no .txt or .md files in corpus folder '{folder}'{skipped}\n\n{HINT}");
            }
            bail!(
                "none of the {found} .txt or .md files in corpus folder '{folder}' could be read\n\n{}",
                warnings.join("\n")
            );
        }
        // The walk is sorted by file name within each folder; documents are
        // sorted by their whole path, as `from_texts` sorts them.
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        known.sort_by(|a, b| a.path.cmp(&b.path));
        reviewed.sort_by(|a, b| a.path.cmp(&b.path));
        let documents = match recorded {
            Some(recorded) => Documents {
                known: Some(Arc::new((known, recorded.digest))),
                ..Documents::default()
            },
            None => {
                let documents = Documents::read(documents);
                if let (Some(records), true) = (records, recordable) {
                    let record = Record {
                        digest: documents.digest(),
                        lossy,
                        binary,
                    };
                    // Failing to keep a record costs the next run time,
                    // nothing else.
                    let _ = scan::save(records, dir, &listing, &record, listed_at);
                }
                documents
            }
        };
        Ok(Corpus {
            name: folder,
            documents,
            reviewed,
            warnings,
        })
    }

    /// A digest of the reviewed-claims files, as [`Documents::digest`] is
    /// of the documents.
    pub(crate) fn reviewed_digest(&self) -> u128 {
        digest_of_hashed(self.reviewed.iter().map(ReviewedFile::hashed))
    }

    /// The folder `dir` read as a later run reads it when its files are
    /// unchanged: texts not read yet. The record is kept in `records`.
    #[cfg(test)]
    pub(crate) fn unread_for_tests(dir: &Path, records: &Path) -> Corpus {
        let records = Records {
            dir: records.to_path_buf(),
            racy: std::time::Duration::ZERO,
        };
        Corpus::from_dir_recorded(dir, Some(&records), true).unwrap();
        let corpus = Corpus::from_dir_recorded(dir, Some(&records), true).unwrap();
        assert!(!corpus.documents.is_loaded());
        corpus
    }

    fn named(mut self, name: &str) -> Corpus {
        self.name = name.to_string();
        self
    }
}

/// Lists the documents and reviewed-claims files below `dir` in walk order,
/// with what `stat` says of each, and the problems met.
///
/// The folders are walked in rounds. A round walks a folder and the real
/// folders below it (depth first, each folder's entries sorted by file
/// name) and sets aside the symbolic links to folders it meets; the next
/// rounds walk those links, in the order met, each only if its folder was
/// not walked already. So a folder is read once however many links lead to
/// it (a chain of folders each holding two links to the next costs one
/// walk per folder, not one per path), a link back to an ancestor is not a
/// loop, and which path wins is fixed. A file reached again by another path
/// (a link, a hard link: the same device and inode) is one document, under
/// the first path, and the later ones are named in a warning. Folders
/// deeper than [`MAX_DEPTH`] below the corpus are skipped with a warning.
///
/// Listing is most of a cold run on a large corpus, so it asks the file
/// system as little as it can: an entry's type comes from the folder
/// listing, each folder's files are `stat`ed relative to it (one path
/// component to look up, not the whole path), and files and subfolders are
/// handled on all cores, the results put back in walk order. A folder is
/// closed before the walk goes into its subfolders, so no more folders are
/// open than the depth of the tree times the threads.
fn walk(dir: &Path, follow_links: bool) -> Vec<Walked> {
    let mut walked = Vec::new();
    let mut seen: HashMap<FolderId, PathBuf> = HashMap::new();
    let mut links: VecDeque<Link> = VecDeque::new();
    match std::fs::metadata(dir) {
        Ok(metadata) => links.push_back(Link {
            path: dir.to_path_buf(),
            name: String::new(),
            id: FolderId::of(dir, &metadata),
            depth: 0,
        }),
        Err(err) => return vec![walk_warning(dir, &err)],
    }
    while let Some(link) = links.pop_front() {
        if let Some(first) = seen.get(&link.id) {
            walked.push(already_walked(&link.path, first));
            continue;
        }
        seen.insert(link.id.clone(), link.path.clone());
        let round = walk_folder(&link.path, &link.name, link.depth, &seen, follow_links);
        for (id, path) in round.folders {
            seen.entry(id).or_insert(path);
        }
        walked.extend(round.walked);
        links.extend(round.links);
    }
    one_walked_per_file(walked)
}

/// Folders deeper than this below the corpus folder are not walked: a
/// deeper tree is a hostile one (the walk recurses, one stack frame or so
/// per level), and no path that long is a document's.
pub(crate) const MAX_DEPTH: usize = 128;

/// Whether [`Corpus::from_dir`] follows symbolic links (the default) or
/// skips them: one setting for the process, made once from the command
/// line (`--no-follow-links`) before any corpus is read. Library callers
/// that want their own say use [`Corpus::from_dir_following`].
static FOLLOW_LINKS: AtomicBool = AtomicBool::new(true);

/// Sets whether corpus folders' symbolic links are followed.
pub fn set_follow_links(follow: bool) {
    FOLLOW_LINKS.store(follow, Ordering::Relaxed);
}

/// A symbolic link to a folder, walked in a later round.
struct Link {
    path: PathBuf,
    name: String,
    id: FolderId,
    depth: usize,
}

/// The warning for a folder reached again, by a link or a loop.
fn already_walked(path: &Path, first: &Path) -> Walked {
    Walked::Warning(format!(
        "skipped '{}': it leads to a folder already read, '{}'",
        shown(path),
        shown(first)
    ))
}

/// `walked` with every file after the first of its device and inode
/// replaced by a warning naming both paths.
fn one_walked_per_file(walked: Vec<Walked>) -> Vec<Walked> {
    let mut first_path: HashMap<(u64, u64), PathBuf> = HashMap::new();
    walked
        .into_iter()
        .map(|item| match item {
            Walked::File { ref path, stat, .. } => match stat.file_id() {
                Some(id) => match first_path.get(&id) {
                    Some(first) => Walked::Warning(format!(
                        "skipped '{}': it is the same file as '{}'",
                        shown(path),
                        shown(first)
                    )),
                    None => {
                        first_path.insert(id, path.clone());
                        item
                    }
                },
                None => item,
            },
            other => other,
        })
        .collect()
}

/// What tells two folders apart, to find links back to an ancestor.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum FolderId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FolderId {
    #[cfg(unix)]
    fn of(_path: &Path, metadata: &std::fs::Metadata) -> FolderId {
        use std::os::unix::fs::MetadataExt;
        FolderId::Inode(metadata.dev(), metadata.ino())
    }

    #[cfg(not(unix))]
    fn of(path: &Path, _metadata: &std::fs::Metadata) -> FolderId {
        FolderId::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// The walk warning for an I/O error at `path`, worded as walkdir words it.
fn walk_warning(path: &Path, err: &std::io::Error) -> Walked {
    let reason = format!("IO error for operation on {}: {err}", path.display());
    Walked::Warning(format!(
        "skipped '{}': {}",
        shown(path),
        escape_control(&reason)
    ))
}

/// An entry of one folder, in order, before the walk goes on.
enum Entry {
    Walked(Walked),
    Folder {
        path: PathBuf,
        name: String,
        id: FolderId,
        /// Reached through a symbolic link: walked in a later round.
        linked: bool,
    },
}

/// What walking one folder and the real folders below it gave.
#[derive(Default)]
struct Round {
    walked: Vec<Walked>,
    /// The folders walked, to walk none of them again.
    folders: Vec<(FolderId, PathBuf)>,
    /// Links to folders, for later rounds.
    links: Vec<Link>,
}

impl Round {
    fn extend(&mut self, other: Round) {
        self.walked.extend(other.walked);
        self.folders.extend(other.folders);
        self.links.extend(other.links);
    }
}

/// Walks `folder` (named `prefix` relative to the corpus root, `depth`
/// levels below it) and the real folders below it, depth first, skipping
/// those in `seen`.
fn walk_folder(
    folder: &Path,
    prefix: &str,
    depth: usize,
    seen: &HashMap<FolderId, PathBuf>,
    follow_links: bool,
) -> Round {
    let mut round = Round::default();
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(err) => {
            round.walked.push(walk_warning(folder, &err));
            return round;
        }
    };
    let mut listed: Vec<(std::ffi::OsString, std::fs::DirEntry)> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => listed.push((entry.file_name(), entry)),
            Err(err) => round.walked.push(walk_warning(folder, &err)),
        }
    }
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    use rayon::prelude::*;
    // Classifying an entry costs a `stat` only for files and links; it is
    // done while the folder is open, and the folder is closed (`listed`
    // consumed) before the walk goes deeper.
    let entries: Vec<Option<Entry>> = listed
        .into_par_iter()
        .with_min_len(64)
        .map(|(file_name, entry)| classify(file_name, entry, prefix, follow_links))
        .collect();
    let parts: Vec<Round> = entries
        .into_par_iter()
        .map(|entry| {
            let mut part = Round::default();
            match entry {
                None => {}
                Some(Entry::Walked(item)) => part.walked.push(item),
                Some(Entry::Folder {
                    path,
                    name,
                    id,
                    linked,
                }) => {
                    if let Some(first) = seen.get(&id) {
                        part.walked.push(already_walked(&path, first));
                    } else if depth + 1 > MAX_DEPTH {
                        part.walked.push(Walked::Warning(format!(
                            "skipped folder '{}': it is more than {MAX_DEPTH} levels below the corpus folder",
                            shown(&path)
                        )));
                    } else if linked {
                        part.links.push(Link {
                            path,
                            name,
                            id,
                            depth: depth + 1,
                        });
                    } else {
                        part.folders.push((id, path.clone()));
                        part.extend(walk_folder(&path, &name, depth + 1, seen, follow_links));
                    }
                }
            }
            part
        })
        .collect();
    for part in parts {
        round.extend(part);
    }
    round
}

/// What one folder entry is for the walk: a document or reviewed-claims
/// file with its `stat`, a folder to go into, a problem, or nothing.
fn classify(
    file_name: std::ffi::OsString,
    entry: std::fs::DirEntry,
    prefix: &str,
    follow_links: bool,
) -> Option<Entry> {
    let name = || {
        let file_name = name_of(&file_name);
        if prefix.is_empty() {
            file_name
        } else {
            format!("{prefix}/{file_name}")
        }
    };
    let file_type = match entry.file_type() {
        Ok(file_type) => file_type,
        Err(err) => return Some(Entry::Walked(walk_warning(&entry.path(), &err))),
    };
    if file_type.is_symlink() && !follow_links {
        return Some(Entry::Walked(Walked::Warning(format!(
            "skipped '{}': it is a symbolic link (--no-follow-links)",
            shown(&entry.path())
        ))));
    }
    // A link is followed: what it points to decides.
    let metadata = if file_type.is_symlink() {
        match std::fs::metadata(entry.path()) {
            Ok(metadata) => Some(metadata),
            Err(err) => return Some(Entry::Walked(walk_warning(&entry.path(), &err))),
        }
    } else {
        None
    };
    let is_dir = metadata.as_ref().map_or(file_type.is_dir(), |m| m.is_dir());
    if is_dir {
        let path = entry.path();
        let metadata = match metadata {
            Some(metadata) => metadata,
            None => match entry.metadata() {
                Ok(metadata) => metadata,
                Err(err) => return Some(Entry::Walked(walk_warning(&path, &err))),
            },
        };
        let id = FolderId::of(&path, &metadata);
        return Some(Entry::Folder {
            path,
            name: name(),
            id,
            linked: file_type.is_symlink(),
        });
    }
    let is_file = metadata
        .as_ref()
        .map_or(file_type.is_file(), |m| m.is_file());
    let reviewed = is_reviewed_file(Path::new(&file_name));
    if !(reviewed || is_text_file(Path::new(&file_name))) {
        if !is_file {
            // A socket, pipe or device not named as a document: not read,
            // and not worth a word.
            return None;
        }
        // Dot files and whatever lives in dot folders (.git) are not what
        // anyone meant as articles: not worth a word.
        let hidden = file_name.to_string_lossy().starts_with('.')
            || prefix.split('/').any(|part| part.starts_with('.'));
        if hidden {
            return None;
        }
        let extension = Path::new(&file_name)
            .extension()
            .map(|extension| format!(".{}", extension.to_string_lossy().to_lowercase()))
            .unwrap_or_default();
        return Some(Entry::Walked(Walked::Other(extension)));
    }
    if !is_file {
        // A named pipe or device with a document's name: reading it could
        // block or never end.
        return Some(Entry::Walked(Walked::Warning(format!(
            "skipped '{}': it is not a regular file",
            shown(&entry.path())
        ))));
    }
    let metadata = match metadata {
        Some(metadata) => Ok(metadata),
        None => entry.metadata(),
    };
    let stat = match metadata {
        Ok(metadata) => FileStat::of(&metadata),
        // Vanished since it was listed: reading it will say so.
        Err(_) => FileStat::UNKNOWN,
    };
    Some(Entry::Walked(Walked::File {
        path: entry.path(),
        name: name(),
        reviewed,
        stat,
    }))
}

/// A file name as a document's path shows it: valid UTF-8 as it is, each
/// invalid byte as `\xFF`, so that names that differ only in invalid bytes
/// stay apart (a lossy decoding would make both `\u{fffd}`).
fn name_of(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut shown = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            shown.push_str(chunk.valid());
            for byte in chunk.invalid() {
                shown.push_str(&format!("\\x{byte:02X}"));
            }
        }
        shown
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

/// The warning for the files a folder walk skipped, by extension:
/// `skipped 3 files in corpus folder 'x' that are not .txt or .md (.html 2, .pdf 1)`.
fn others_warning(folder: &str, others: &BTreeMap<String, usize>) -> String {
    let (total, kinds) = others_counted(others);
    let are = if total == 1 { "is" } else { "are" };
    format!(
        "skipped {total} {} in corpus folder '{folder}' that {are} not .txt or .md ({kinds})",
        file_or_files(total)
    )
}

/// How many files `others` counts, and the count per extension, most
/// first: `.html 2, .pdf 1`.
fn others_counted(others: &BTreeMap<String, usize>) -> (usize, String) {
    let total: usize = others.values().sum();
    let mut kinds: Vec<(&String, &usize)> = others.iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let kinds: Vec<String> = kinds
        .iter()
        .map(|(extension, count)| {
            let extension = if extension.is_empty() {
                "no extension"
            } else {
                extension
            };
            format!("{} {count}", escape_control(extension))
        })
        .collect();
    (total, kinds.join(", "))
}

fn file_or_files(count: usize) -> &'static str {
    if count == 1 {
        "file"
    } else {
        "files"
    }
}

fn lossy_warning(path: &Path) -> String {
    format!(
        "corpus file '{}' is not valid UTF-8; invalid bytes were replaced",
        shown(path)
    )
}

/// The warning for a file over [`MAX_DOCUMENT_BYTES`], of `size` bytes
/// when known (none: it grew past the limit while being read).
fn too_large_warning(path: &Path, size: Option<u64>) -> String {
    let size = match size {
        Some(size) => format!("{size} bytes"),
        None => "more bytes than that".to_string(),
    };
    format!(
        "skipped corpus file '{}': it is too large ({size}; the limit is {MAX_DOCUMENT_BYTES})",
        shown(path)
    )
}

fn binary_warning(path: &Path) -> String {
    format!(
        "skipped binary corpus file '{}' (it has NUL bytes)",
        shown(path)
    )
}

/// A path as messages show it: invalid UTF-8 bytes as `\xFF` and control
/// characters (an escape sequence in a file name) as `\u{1b}`, never raw.
fn shown(path: &Path) -> String {
    escape_control(&name_of(path.as_os_str())).into_owned()
}

/// How far into a file to look for a NUL byte.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// Whether a file is binary rather than text: a NUL byte near its start,
/// the test git and ripgrep use. Text in UTF-16 looks binary too, and is
/// better skipped than indexed as garbage.
fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0)
}

/// Whether the file is one the corpus reads: `.txt` or `.md`, in any case.
fn is_text_file(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            extension.eq_ignore_ascii_case("txt") || extension.eq_ignore_ascii_case("md")
        })
}

/// Whether the file holds reviewed claims: its name ends in
/// [`REVIEWED_SUFFIX`].
fn is_reviewed_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.ends_with(REVIEWED_SUFFIX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, name: &str, bytes: &[u8]) {
        let path = root.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, bytes).unwrap();
    }

    /// Reads `dir` with no record of earlier runs.
    fn read(dir: &Path) -> Result<Corpus> {
        Corpus::from_dir_recorded(dir, None, true)
    }

    fn paths(corpus: &Corpus) -> Vec<&str> {
        corpus.documents.iter().map(|d| d.path.as_str()).collect()
    }

    #[test]
    fn reads_txt_and_md_recursively_sorted_by_path() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.txt", b"B.");
        write(dir.path(), "a/z.md", b"Z.");
        write(dir.path(), "a/deep/y.TXT", b"Y.");
        write(dir.path(), "notes.json", b"{}");
        write(dir.path(), "a.txt", b"A.");
        let corpus = read(dir.path()).unwrap();
        assert_eq!(paths(&corpus), ["a.txt", "a/deep/y.TXT", "a/z.md", "b.txt"]);
        assert_eq!(
            corpus.warnings,
            [format!(
                "skipped 1 file in corpus folder '{}' that is not .txt or .md (.json 1)",
                dir.path().display()
            )]
        );
        assert_eq!(corpus.documents[0].text, "A.");
    }

    #[test]
    fn decodes_invalid_utf8_lossily_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "bad.txt", b"Caf\xe9 open.");
        let corpus = read(dir.path()).unwrap();
        assert_eq!(corpus.documents[0].text, "Caf\u{fffd} open.");
        assert_eq!(corpus.warnings.len(), 1);
        assert!(
            corpus.warnings[0].contains("bad.txt"),
            "{:?}",
            corpus.warnings
        );
    }

    #[test]
    fn missing_folder_is_an_error_with_a_hint() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        let err = read(&missing).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "no such corpus folder '{}'\n\nPass --corpus DIR with a folder of .txt or .md files.",
                missing.display()
            )
        );
    }

    #[test]
    fn file_instead_of_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", b"A.");
        let err = read(&dir.path().join("a.txt")).unwrap_err();
        assert!(err.to_string().contains("is not a folder"), "{err}");
    }

    #[test]
    fn folder_without_text_files_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "data.csv", b"a,b");
        let err = read(dir.path()).unwrap_err();
        assert!(err.to_string().starts_with("no .txt or .md files"), "{err}");
        assert!(
            err.to_string()
                .contains("', only 1 other file (.csv 1)\n\n"),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_a_warning_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "sub/a.txt", b"A.");
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        let corpus = read(dir.path()).unwrap();
        assert_eq!(paths(&corpus), ["sub/a.txt"]);
        assert!(!corpus.warnings.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_file_is_skipped_with_a_warning() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", b"A.");
        write(dir.path(), "secret.txt", b"S.");
        let secret = dir.path().join("secret.txt");
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
        let corpus = read(dir.path()).unwrap();
        // Root reads any file, so only check the warning when the read failed.
        if corpus.documents.len() == 1 {
            assert!(corpus.warnings[0].contains("secret.txt"));
        }
        assert_eq!(corpus.documents[0].path, "a.txt");
    }

    #[test]
    fn bundled_corpus_needs_no_file_system() {
        let corpus = Corpus::bundled();
        assert_eq!(corpus.name, "(bundled)");
        assert_eq!(paths(&corpus), ["russia-taliban-recognition.txt"]);
        assert!(corpus.documents[0].text.starts_with("Russia just became"));
    }

    #[test]
    fn binary_file_is_skipped_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", b"A.");
        write(dir.path(), "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        let corpus = read(dir.path()).unwrap();
        assert_eq!(paths(&corpus), ["a.txt"]);
        assert_eq!(corpus.warnings.len(), 1);
        assert!(
            corpus.warnings[0].starts_with("skipped binary corpus file '")
                && corpus.warnings[0].contains("image.txt"),
            "{:?}",
            corpus.warnings
        );
    }

    #[test]
    fn binary_file_is_told_from_its_start_without_reading_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("disk.txt");
        let file = std::fs::File::create(&path).unwrap();
        // Sparse: 200 MB of zeros, under the size cap.
        file.set_len(200 << 20).unwrap();
        let started = std::time::Instant::now();
        assert!(matches!(read_text(&path).unwrap(), Read::Binary));
        assert!(started.elapsed() < std::time::Duration::from_millis(50));
        // Text is read whole.
        std::fs::write(&path, "x".repeat(BINARY_SNIFF_BYTES + 5)).unwrap();
        match read_text(&path).unwrap() {
            Read::Text { text, lossy } => {
                assert_eq!(text.len(), BINARY_SNIFF_BYTES + 5);
                assert!(!lossy);
            }
            _ => panic!("not text"),
        }
    }

    #[test]
    fn only_binary_files_is_an_error_listing_them() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "utf16.txt", b"\xff\xfeA\0.\0");
        let err = read(dir.path()).unwrap_err().to_string();
        assert!(
            err.starts_with("none of the 1 .txt or .md files in corpus folder")
                && err.contains("utf16.txt"),
            "{err}"
        );
    }

    #[test]
    fn empty_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = read(dir.path()).unwrap_err();
        assert!(err.to_string().starts_with("no .txt or .md files"), "{err}");
    }

    #[test]
    fn empty_file_is_a_document_without_passages() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "empty.txt", b"");
        let corpus = read(dir.path()).unwrap();
        assert_eq!(paths(&corpus), ["empty.txt"]);
        assert!(super::super::passages(&corpus).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn vanished_file_behind_a_dangling_link_is_skipped_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", b"A.");
        std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("b.txt")).unwrap();
        let corpus = read(dir.path()).unwrap();
        assert_eq!(paths(&corpus), ["a.txt"]);
        assert!(
            corpus.warnings.iter().any(|w| w.contains("b.txt")),
            "{:?}",
            corpus.warnings
        );
    }

    /// A file root cannot read either: `/proc/self/mem` fails with EIO.
    #[cfg(target_os = "linux")]
    #[test]
    fn file_that_fails_to_read_is_skipped_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", b"A.");
        std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("mem.txt")).unwrap();
        let corpus = read(dir.path()).unwrap();
        assert_eq!(paths(&corpus), ["a.txt"]);
        assert!(
            corpus.warnings[0].starts_with("skipped unreadable corpus file '")
                && corpus.warnings[0].contains("mem.txt"),
            "{:?}",
            corpus.warnings
        );
    }

    #[cfg(unix)]
    #[test]
    fn control_characters_in_file_names_are_escaped_in_warnings() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", b"A.");
        write(dir.path(), "\x1b[31mred.txt", b"bad \xff");
        let corpus = read(dir.path()).unwrap();
        assert_eq!(corpus.warnings.len(), 1);
        assert!(
            !corpus.warnings[0].contains('\x1b'),
            "{:?}",
            corpus.warnings
        );
        assert!(corpus.warnings[0].contains("\\u{1b}[31mred.txt"));
    }

    #[test]
    fn reviewed_claims_files_are_read_apart_from_documents() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.txt", b"B.");
        write(dir.path(), "z/old.claims.jsonl", b"{\"claim\": \"Z\"}\n");
        write(dir.path(), "a.claims.jsonl", b"{\"claim\": \"A\"}\n");
        write(dir.path(), "claims.jsonl", b"{}");
        let corpus = read(dir.path()).unwrap();
        assert_eq!(paths(&corpus), ["b.txt"]);
        let reviewed: Vec<&str> = corpus.reviewed.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(reviewed, ["a.claims.jsonl", "z/old.claims.jsonl"]);
        assert_eq!(
            corpus.reviewed[0].warnings(),
            ["a.claims.jsonl:1: no \"verdict\"; line skipped"]
        );
        // Only reviewed claims are not a corpus.
        let only = tempfile::tempdir().unwrap();
        write(only.path(), "a.claims.jsonl", b"{}");
        let err = read(only.path()).unwrap_err();
        assert!(err.to_string().starts_with("no .txt or .md files"), "{err}");
        assert!(Corpus::bundled().reviewed.is_empty());
        assert!(Corpus::from_strs(&[("a.txt", "A.")]).reviewed.is_empty());
    }

    #[test]
    fn reviewed_claims_file_streamed_keeps_the_digest_of_its_whole_text() {
        // Larger than the binary sniff and the reader's buffer, CRLF, and
        // invalid UTF-8 after the first 8 KiB.
        let line = "{\"claim\": \"The mill made 40 chairs.\", \"verdict\": \"supported\"}\r\n";
        let mut bytes = line.repeat(2000).into_bytes();
        bytes.extend_from_slice(b"{\"claim\": \"Caf\xe9\", \"verdict\": \"supported\"}\n\xff\n");
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", b"A.");
        write(dir.path(), "r.claims.jsonl", &bytes);
        write(dir.path(), "nul.claims.jsonl", b"{}\n\0\n");
        let corpus = read(dir.path()).unwrap();
        assert_eq!(corpus.reviewed.len(), 1);
        assert_eq!(corpus.reviewed[0].len(), 2001);
        assert_eq!(
            corpus.reviewed[0].warnings(),
            ["r.claims.jsonl:2002: malformed JSON (expected value at line 1 column 1); line skipped"]
        );
        assert_eq!(corpus.warnings.len(), 2, "{:?}", corpus.warnings);
        assert!(corpus.warnings[0].starts_with("skipped binary corpus file"));
        assert!(corpus.warnings[1].ends_with("is not valid UTF-8; invalid bytes were replaced"));
        // What the digest was when the file was read whole: the index built
        // before streaming is still reused.
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(
            corpus.reviewed_digest(),
            digest_of([("r.claims.jsonl", &*text)].into_iter())
        );
        let passages = crate::ingest::reviewed_passages(&corpus, 7);
        assert_eq!(passages.len(), 2001);
        assert_eq!(
            (passages[0].id, passages[0].start, passages[0].end),
            (7, 0, line.len() - 2)
        );
        match &passages[0].origin {
            Some(crate::ingest::Origin::Reviewed(review)) => {
                assert_eq!(
                    (review.document.as_str(), review.line),
                    ("r.claims.jsonl", 1)
                );
            }
            other => panic!("{other:?}"),
        }
        let last = &passages[2000];
        assert_eq!(last.paragraph, 2001);
        assert_eq!(
            &text[last.start..last.end],
            "{\"claim\": \"Caf\u{fffd}\", \"verdict\": \"supported\"}"
        );
    }

    /// Records kept in `root`, trusting files changed up to the listing.
    fn records(root: &Path) -> Records {
        Records {
            dir: root.join("records"),
            racy: std::time::Duration::ZERO,
        }
    }

    /// A folder of two documents (one not UTF-8), a binary file and a
    /// reviewed-claims file.
    fn mixed_folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.txt", b"The mill made 40 chairs.");
        write(dir.path(), "a/bad.md", b"Caf\xe9 open.");
        write(dir.path(), "photo.txt", b"\x89PNG\0\0");
        write(dir.path(), "r.claims.jsonl", b"{}");
        dir
    }

    #[test]
    fn unchanged_folder_is_not_read_again() {
        let dir = mixed_folder();
        let cache = tempfile::tempdir().unwrap();
        let records = records(cache.path());
        let first = Corpus::from_dir_recorded(dir.path(), Some(&records), true).unwrap();
        assert!(first.documents.is_loaded());
        let second = Corpus::from_dir_recorded(dir.path(), Some(&records), true).unwrap();
        assert!(!second.documents.is_loaded());
        assert_eq!(second.documents.len(), 2);
        assert_eq!(second.warnings, first.warnings);
        assert_eq!(second.warnings.len(), 2, "{:?}", second.warnings);
        assert_eq!(second.reviewed, first.reviewed);
        let fingerprint = crate::index::fingerprint(&first);
        assert_eq!(crate::index::fingerprint(&second), fingerprint);
        assert!(!second.documents.is_loaded());
        // Read on first use, the same texts.
        assert_eq!(second.documents[..], first.documents[..]);
        assert_eq!(crate::index::fingerprint(&second), fingerprint);
    }

    #[test]
    fn changed_or_touched_file_is_read_again() {
        let dir = mixed_folder();
        let cache = tempfile::tempdir().unwrap();
        let records = records(cache.path());
        let first = Corpus::from_dir_recorded(dir.path(), Some(&records), true).unwrap();
        let fingerprint = crate::index::fingerprint(&first);
        // Touched, same text: read again, same fingerprint, new record.
        let file = std::fs::File::options()
            .write(true)
            .open(dir.path().join("b.txt"))
            .unwrap();
        let earlier = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        file.set_modified(earlier).unwrap();
        let touched = Corpus::from_dir_recorded(dir.path(), Some(&records), true).unwrap();
        assert!(touched.documents.is_loaded());
        assert_eq!(crate::index::fingerprint(&touched), fingerprint);
        let again = Corpus::from_dir_recorded(dir.path(), Some(&records), true).unwrap();
        assert!(!again.documents.is_loaded());
        // A new file, and a changed one.
        write(dir.path(), "c.txt", b"C.");
        let added = Corpus::from_dir_recorded(dir.path(), Some(&records), true).unwrap();
        assert!(added.documents.is_loaded());
        assert_eq!(added.documents.len(), 3);
        write(
            dir.path(),
            "b.txt",
            b"The mill made 41 chairs, then stopped.",
        );
        let changed = Corpus::from_dir_recorded(dir.path(), Some(&records), true).unwrap();
        assert!(changed.documents.is_loaded());
        assert_ne!(
            crate::index::fingerprint(&changed),
            crate::index::fingerprint(&added)
        );
    }

    #[test]
    fn file_changed_just_before_the_listing_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", b"The mill made 40 chairs.");
        let cache = tempfile::tempdir().unwrap();
        let records = Records {
            dir: cache.path().to_path_buf(),
            racy: std::time::Duration::from_secs(2),
        };
        Corpus::from_dir_recorded(dir.path(), Some(&records), true).unwrap();
        // Same size, maybe in the same clock tick: only the racy rule
        // tells it apart.
        write(dir.path(), "a.txt", b"The mill made 41 chairs.");
        let corpus = Corpus::from_dir_recorded(dir.path(), Some(&records), true).unwrap();
        assert!(corpus.documents.is_loaded());
        assert_eq!(corpus.documents[0].text, "The mill made 41 chairs.");
    }

    #[test]
    fn damaged_record_means_reading_again() {
        let dir = mixed_folder();
        let cache = tempfile::tempdir().unwrap();
        let records = records(cache.path());
        let first = Corpus::from_dir_recorded(dir.path(), Some(&records), true).unwrap();
        for entry in std::fs::read_dir(&records.dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let damaged = text.replace("\ndigest ", "\ndigest z");
            assert_ne!(damaged, text);
            std::fs::write(&path, damaged).unwrap();
        }
        let second = Corpus::from_dir_recorded(dir.path(), Some(&records), true).unwrap();
        assert!(second.documents.is_loaded());
        assert_eq!(second.warnings, first.warnings);
    }
}
