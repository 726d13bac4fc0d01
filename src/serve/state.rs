//! The index being served, and how a rebuilt one replaces it.
//!
//! A request takes the current [`Loaded`] (an `Arc`) when it starts and
//! keeps it to the end: a swap under `--watch` changes what the next
//! request gets, never what a running one sees, and the old index is freed
//! when its last request ends.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use anyhow::Result;
use serde::Serialize;

use crate::cli::config::CorpusChoice;
use crate::cli::{load_corpus, open_index};
use crate::index::{fingerprint, MANIFEST_FILE};
use crate::retrieve::TantivyRetriever;
use crate::verify::{Verifier, VerifyOptions};

/// One loaded index and the verifier over it.
pub struct Loaded {
    pub verifier: Verifier<TantivyRetriever>,
    /// What `GET /v1/corpus` says of it.
    pub info: CorpusInfo,
}

/// What is indexed, as `GET /v1/corpus` writes it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CorpusInfo {
    /// 1 for the index loaded at start, one more at each swap.
    pub index_version: u64,
    /// The corpus folder as given to `--corpus`, or `(bundled)`.
    pub corpus: String,
    pub documents: usize,
    /// Sentences and headings (claims not included).
    pub passages: u64,
    /// Atomic claims extracted from sentences, and reviewed claims.
    pub claims: u64,
    /// The corpus fingerprint (32 hex digits) the index was built from.
    pub fingerprint: String,
    /// When the index was built (RFC 3339, UTC): its manifest's time when
    /// it was saved, else when it was built in RAM.
    pub built_at: String,
    /// When this server loaded it (RFC 3339, UTC).
    pub loaded_at: String,
    /// False when it could not be saved and lives in RAM only.
    pub persisted: bool,
}

/// Where the index comes from: the `--corpus`, `--index` and `--top-k` of
/// `serve`, fixed at start.
#[derive(Clone, Debug)]
pub struct Source {
    pub corpus: CorpusChoice,
    pub index_dir: Option<PathBuf>,
    pub top_k: usize,
}

impl Source {
    /// Reads the corpus and opens (or builds) its index, as `check` does.
    pub fn load(&self, index_version: u64) -> Result<Loaded> {
        let corpus = load_corpus(&self.corpus)?;
        let fingerprint = fingerprint(&corpus);
        let (index, status) = open_index(&corpus, self.index_dir.as_deref())?;
        let now = SystemTime::now();
        let built = status
            .dir()
            .and_then(|dir| std::fs::metadata(dir.join(MANIFEST_FILE)).ok())
            .and_then(|metadata| metadata.modified().ok())
            .unwrap_or(now);
        let claims = index.claim_count();
        let info = CorpusInfo {
            index_version,
            corpus: corpus.name.clone(),
            documents: corpus.documents.len(),
            passages: index.passage_count() - claims,
            claims,
            fingerprint,
            built_at: humantime::format_rfc3339_seconds(built).to_string(),
            loaded_at: humantime::format_rfc3339_seconds(now).to_string(),
            persisted: status.dir().is_some(),
        };
        let verifier = Verifier::new(index.retriever(), VerifyOptions { top_k: self.top_k });
        Ok(Loaded { verifier, info })
    }

    /// The fingerprint the corpus has now, without building anything: a
    /// change that leaves it alone (a touched file, an editor's swap file)
    /// needs no rebuild.
    pub fn fingerprint_now(&self) -> Result<String> {
        Ok(fingerprint(&self.corpus.load()?))
    }
}

/// The index every new request gets.
pub struct Served {
    current: RwLock<Arc<Loaded>>,
}

impl Served {
    pub fn new(loaded: Loaded) -> Served {
        Served {
            current: RwLock::new(Arc::new(loaded)),
        }
    }

    /// The index to answer a request with, kept by the caller to its end.
    pub fn current(&self) -> Arc<Loaded> {
        match self.current.read() {
            Ok(current) => Arc::clone(&current),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Makes `loaded` the index of every request from now on; requests
    /// already running keep theirs.
    pub fn replace(&self, loaded: Loaded) {
        let loaded = Arc::new(loaded);
        match self.current.write() {
            Ok(mut current) => *current = loaded,
            Err(poisoned) => *poisoned.into_inner() = loaded,
        }
    }
}
