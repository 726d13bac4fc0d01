//! Reading a corpus: the bundled article, or every `.txt`/`.md` file under a
//! folder, sorted by path so that results are deterministic.

use std::path::Path;

use anyhow::{Context, Result};

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
    pub fn from_dir(dir: &Path) -> Result<Corpus> {
        let mut texts = Vec::new();
        let entries = std::fs::read_dir(dir)
            .with_context(|| format!("failed to read corpus folder '{}'", dir.display()))?;
        for entry in entries {
            let path = entry?.path();
            let is_text = matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("txt") | Some("md")
            );
            if is_text {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("failed to read '{}'", path.display()))?;
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                texts.push((name, text));
            }
        }
        Ok(Corpus::from_texts(texts).named(&dir.display().to_string()))
    }

    fn named(mut self, name: &str) -> Corpus {
        self.name = name.to_string();
        self
    }
}
