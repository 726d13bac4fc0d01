//! The verifier `check` and `batch` share, and what happens when its index
//! fails while searching.
//!
//! An index is checked when it is opened (checksums, passage count), but
//! damage can hide from those checks (a file damaged without a change to
//! its `stat`, between two full checks) and only show while searching: a
//! tantivy error, or a panic in its decoding. Either would cost records, or
//! the run, and every later run the same way. So a statement whose check
//! fails that way is not reported as failed: the index is rebuilt (once a
//! run), with a warning, and the statement checked again on the new one.
//! Only a failure on the rebuilt index is an error record.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use anyhow::{anyhow, Result};

use crate::index::{IndexStatus, PassageIndex};
use crate::ingest::Corpus;
use crate::retrieve::TantivyRetriever;
use crate::verdict::Verdict;
use crate::verify::{Verifier, VerifyOptions};

/// Checks statements, rebuilding the index once should searching it fail.
pub struct Checker {
    corpus: Corpus,
    index_dir: Option<PathBuf>,
    options: VerifyOptions,
    current: RwLock<Arc<Verifier<TantivyRetriever>>>,
    /// Whether the index was rebuilt already in this run.
    rebuilt: Mutex<bool>,
    /// Told what a rebuild gave, for the warning.
    on_rebuild: Box<dyn Fn(&IndexStatus) + Send + Sync>,
}

impl Checker {
    /// A checker over `index`, built from `corpus` and kept in `index_dir`
    /// (the cache folder when none); `on_rebuild` hears of a rebuild.
    pub fn new(
        corpus: Corpus,
        index_dir: Option<PathBuf>,
        index: &PassageIndex,
        options: VerifyOptions,
        on_rebuild: impl Fn(&IndexStatus) + Send + Sync + 'static,
    ) -> Checker {
        Checker {
            current: RwLock::new(Arc::new(Verifier::new(index.retriever(), options.clone()))),
            corpus,
            index_dir,
            options,
            rebuilt: Mutex::new(false),
            on_rebuild: Box::new(on_rebuild),
        }
    }

    /// The verdict for one statement; see the module's docs for what a
    /// failure of the index leads to.
    pub fn check(&self, statement: &str) -> Result<Verdict> {
        let verifier = self.current();
        let reason = match attempt(&verifier, statement) {
            Ok(verdict) => return Ok(verdict),
            Err(reason) => reason,
        };
        let verifier = self.rebuilt_after(&verifier, &reason)?;
        attempt(&verifier, statement).map_err(|reason| anyhow!(reason))
    }

    /// The verifier in use now.
    pub fn verifier(&self) -> Arc<Verifier<TantivyRetriever>> {
        self.current()
    }

    fn current(&self) -> Arc<Verifier<TantivyRetriever>> {
        match self.current.read() {
            Ok(current) => Arc::clone(&current),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// The verifier to try again with after `failed` failed for `reason`:
    /// one another thread rebuilt meanwhile, or one over an index rebuilt
    /// now. An error when the rebuilt index failed too.
    fn rebuilt_after(
        &self,
        failed: &Arc<Verifier<TantivyRetriever>>,
        reason: &str,
    ) -> Result<Arc<Verifier<TantivyRetriever>>> {
        let mut rebuilt = self.rebuilt.lock().unwrap_or_else(|p| p.into_inner());
        let current = self.current();
        if !Arc::ptr_eq(&current, failed) {
            return Ok(current);
        }
        if *rebuilt {
            return Err(anyhow!(reason.to_string()));
        }
        *rebuilt = true;
        let (index, status) = PassageIndex::rebuild(
            &self.corpus,
            self.index_dir.as_deref(),
            &format!("searching it failed: {reason}"),
        )?;
        (self.on_rebuild)(&status);
        let verifier = Arc::new(Verifier::new(index.retriever(), self.options.clone()));
        match self.current.write() {
            Ok(mut current) => *current = Arc::clone(&verifier),
            Err(poisoned) => *poisoned.into_inner() = Arc::clone(&verifier),
        }
        Ok(verifier)
    }
}

/// Checks `statement`, turning an error or a panic into its message.
fn attempt(verifier: &Verifier<TantivyRetriever>, statement: &str) -> Result<Verdict, String> {
    match catch_unwind(AssertUnwindSafe(|| verifier.check(statement))) {
        Ok(Ok(verdict)) => Ok(verdict),
        Ok(Err(err)) => Err(format!("{err:#}")),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|m| m.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".to_string());
            Err(format!("searching the index panicked ({message})"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retrieve::Retriever;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn index_failing_while_searching_is_rebuilt_and_the_statement_checked_again() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("index");
        let corpus = Corpus::from_strs(&[(
            "a.txt",
            "The mill made 40 chairs in 1990. The river flooded the town.",
        )]);
        PassageIndex::open_or_build(&corpus, Some(&dir)).unwrap();
        // Opened as a run does that trusts the files' checksums (their stat
        // did not change since they last passed).
        let index = crate::index::damaged_for_tests(&dir);
        assert!(index.retriever().candidates("mill chairs", 5).is_err());
        let rebuilds = Arc::new(AtomicUsize::new(0));
        let heard = Arc::clone(&rebuilds);
        let checker = Checker::new(
            corpus,
            Some(dir.clone()),
            &index,
            VerifyOptions::default(),
            move |status| {
                assert!(matches!(status, IndexStatus::Rebuilt { .. }), "{status:?}");
                heard.fetch_add(1, Ordering::SeqCst);
            },
        );
        let verdict = checker.check("The mill made 40 chairs").unwrap();
        assert_eq!(verdict.label.as_str(), "supported");
        assert_eq!(rebuilds.load(Ordering::SeqCst), 1);
        // The rebuilt index serves the next statements.
        checker.check("The river flooded the town").unwrap();
        assert_eq!(rebuilds.load(Ordering::SeqCst), 1);
    }
}
