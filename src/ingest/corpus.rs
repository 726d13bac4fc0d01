//! Reading a corpus: the bundled article, or every `.txt`/`.md` file under a
//! folder, sorted by path so that results are deterministic.

use std::path::Path;

use anyhow::{bail, Result};
use walkdir::WalkDir;

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
    /// The documents, sorted by path.
    pub documents: Vec<Document>,
    /// Problems met while reading that did not stop the run.
    pub warnings: Vec<String>,
}

impl Corpus {
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
            documents: texts
                .into_iter()
                .map(|(path, text)| Document { path, text })
                .collect(),
            warnings: Vec::new(),
        }
    }

    /// Every `.txt` and `.md` file below `dir`, recursively, sorted by path.
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
    /// Every file is read once, whole, and the index's fingerprint is taken
    /// from the text read: a file that changes afterwards cannot make the
    /// index disagree with the passages it was built from.
    pub fn from_dir(dir: &Path) -> Result<Corpus> {
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
        let mut texts = Vec::new();
        let mut warnings = Vec::new();
        let mut found = 0usize;
        let walker = WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = shown(err.path().unwrap_or(dir));
                    let reason = escape_control(&err.to_string());
                    warnings.push(format!("skipped '{path}': {reason}"));
                    continue;
                }
            };
            if !entry.file_type().is_file() || !is_text_file(entry.path()) {
                continue;
            }
            found += 1;
            let path = entry.path();
            let name = relative_name(dir, path);
            let bytes = match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(err) => {
                    warnings.push(format!(
                        "skipped unreadable corpus file '{}': {err}",
                        shown(path)
                    ));
                    continue;
                }
            };
            if is_binary(&bytes) {
                warnings.push(format!(
                    "skipped binary corpus file '{}' (it has NUL bytes)",
                    shown(path)
                ));
                continue;
            }
            let text = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(err) => {
                    warnings.push(format!(
                        "corpus file '{}' is not valid UTF-8; invalid bytes were replaced",
                        shown(path)
                    ));
                    String::from_utf8_lossy(err.as_bytes()).into_owned()
                }
            };
            texts.push((name, text));
        }
        if texts.is_empty() {
            if found == 0 {
                bail!("no .txt or .md files in corpus folder '{folder}'\n\n{HINT}");
            }
            bail!(
                "none of the {found} .txt or .md files in corpus folder '{folder}' could be read\n\n{}",
                warnings.join("\n")
            );
        }
        let mut corpus = Corpus::from_texts(texts).named(&folder);
        corpus.warnings = warnings;
        Ok(corpus)
    }

    fn named(mut self, name: &str) -> Corpus {
        self.name = name.to_string();
        self
    }
}

/// A path as messages show it: control characters (an escape sequence in a
/// file name) are written as `\u{1b}` and never reach the terminal raw.
fn shown(path: &Path) -> String {
    escape_control(&path.display().to_string())
}

fn escape_control(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            escaped.extend(c.escape_unicode());
        } else {
            escaped.push(c);
        }
    }
    escaped
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

/// `path` relative to `root`, with `/` separators on every platform.
fn relative_name(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
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
        let corpus = Corpus::from_dir(dir.path()).unwrap();
        assert_eq!(paths(&corpus), ["a.txt", "a/deep/y.TXT", "a/z.md", "b.txt"]);
        assert!(corpus.warnings.is_empty());
        assert_eq!(corpus.documents[0].text, "A.");
    }

    #[test]
    fn decodes_invalid_utf8_lossily_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "bad.txt", b"Caf\xe9 open.");
        let corpus = Corpus::from_dir(dir.path()).unwrap();
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
        let err = Corpus::from_dir(&missing).unwrap_err().to_string();
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
        let err = Corpus::from_dir(&dir.path().join("a.txt")).unwrap_err();
        assert!(err.to_string().contains("is not a folder"), "{err}");
    }

    #[test]
    fn folder_without_text_files_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "data.csv", b"a,b");
        let err = Corpus::from_dir(dir.path()).unwrap_err();
        assert!(err.to_string().starts_with("no .txt or .md files"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_a_warning_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "sub/a.txt", b"A.");
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        let corpus = Corpus::from_dir(dir.path()).unwrap();
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
        let corpus = Corpus::from_dir(dir.path()).unwrap();
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
        let corpus = Corpus::from_dir(dir.path()).unwrap();
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
    fn only_binary_files_is_an_error_listing_them() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "utf16.txt", b"\xff\xfeA\0.\0");
        let err = Corpus::from_dir(dir.path()).unwrap_err().to_string();
        assert!(
            err.starts_with("none of the 1 .txt or .md files in corpus folder")
                && err.contains("utf16.txt"),
            "{err}"
        );
    }

    #[test]
    fn empty_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = Corpus::from_dir(dir.path()).unwrap_err();
        assert!(err.to_string().starts_with("no .txt or .md files"), "{err}");
    }

    #[test]
    fn empty_file_is_a_document_without_passages() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "empty.txt", b"");
        let corpus = Corpus::from_dir(dir.path()).unwrap();
        assert_eq!(paths(&corpus), ["empty.txt"]);
        assert!(super::super::passages(&corpus).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn vanished_file_behind_a_dangling_link_is_skipped_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", b"A.");
        std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("b.txt")).unwrap();
        let corpus = Corpus::from_dir(dir.path()).unwrap();
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
        let corpus = Corpus::from_dir(dir.path()).unwrap();
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
        let corpus = Corpus::from_dir(dir.path()).unwrap();
        assert_eq!(corpus.warnings.len(), 1);
        assert!(
            !corpus.warnings[0].contains('\x1b'),
            "{:?}",
            corpus.warnings
        );
        assert!(corpus.warnings[0].contains("\\u{1b}[31mred.txt"));
    }
}
