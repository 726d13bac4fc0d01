//! One statement through retrieval, comparison and verdict.

use anyhow::Result;

use crate::compare::{compare, TermWeights, Window};
use crate::extract::analyze;
use crate::ingest::{Passage, PassageKind};
use crate::retrieve::Retriever;
use crate::verdict::{decide, Judged, Verdict};

/// Tuning a user can set.
#[derive(Clone, Debug)]
pub struct VerifyOptions {
    /// How many BM25 candidates to compare.
    pub top_k: usize,
}

impl Default for VerifyOptions {
    fn default() -> VerifyOptions {
        VerifyOptions { top_k: 5 }
    }
}

/// How far back to look for a document's title heading. Titles are the
/// first passage of a document; this bounds the walk in long documents.
const TITLE_LOOKBACK: u64 = 64;

/// Checks statements against one retriever.
pub struct Verifier<R> {
    retriever: R,
    options: VerifyOptions,
}

impl<R: Retriever> Verifier<R> {
    pub fn new(retriever: R, options: VerifyOptions) -> Verifier<R> {
        Verifier { retriever, options }
    }

    /// The retriever this verifier searches with.
    pub fn retriever(&self) -> &R {
        &self.retriever
    }

    /// The verdict for one statement.
    pub fn check(&self, statement: &str) -> Result<Verdict> {
        self.check_with(statement, &CorpusWeights(&self.retriever))
    }

    /// The verdict for one statement, with custom term weights.
    pub fn check_with(&self, statement: &str, weights: &dyn TermWeights) -> Result<Verdict> {
        let analysis = analyze(statement);
        let candidates = self.retriever.candidates(statement, self.options.top_k)?;
        let mut judged = Vec::with_capacity(candidates.len());
        for candidate in candidates {
            let window = self.window_for(candidate.passage)?;
            let comparison = compare(&analysis, &window, weights);
            judged.push(Judged {
                window,
                comparison,
                score: candidate.score,
            });
        }
        Ok(decide(judged))
    }

    /// The candidate with its context: the sentence before it in the same
    /// paragraph, and the document's title heading.
    fn window_for(&self, passage: Passage) -> Result<Window> {
        let mut parts = Vec::new();
        if let Some(title) = self.title_of(&passage)? {
            parts.push(title);
        }
        if passage.sentence > 1 && passage.id > 0 {
            if let Some(previous) = self.retriever.passage(passage.id - 1)? {
                let is_same_paragraph = previous.document == passage.document
                    && previous.paragraph == passage.paragraph;
                if is_same_paragraph && parts.iter().all(|p: &Passage| p.id != previous.id) {
                    parts.push(previous);
                }
            }
        }
        let focus = parts.len();
        parts.push(passage);
        Ok(Window::new(parts, focus))
    }

    /// The heading that opens the passage's document, if any.
    fn title_of(&self, passage: &Passage) -> Result<Option<Passage>> {
        let mut first: Option<Passage> = None;
        let lowest = passage.id.saturating_sub(TITLE_LOOKBACK);
        let mut id = passage.id;
        while id > lowest {
            id -= 1;
            match self.retriever.passage(id)? {
                Some(p) if p.document == passage.document => first = Some(p),
                _ => break,
            }
        }
        Ok(first.filter(|p| p.kind == PassageKind::Heading && p.paragraph == 1))
    }
}

/// Term weights from the retriever's corpus statistics.
struct CorpusWeights<'a, R>(&'a R);

impl<R: Retriever> TermWeights for CorpusWeights<'_, R> {
    fn weight(&self, lemma: &str) -> f32 {
        // The square root tempers IDF: on the dev and external sets raw IDF
        // let one rare word outweigh the rest of the statement.
        self.0.term_weight(lemma).sqrt()
    }
}
