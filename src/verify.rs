//! One statement through retrieval, comparison and verdict.

use anyhow::Result;

use crate::compare::compare;
use crate::extract::analyze;
use crate::retrieve::Retriever;
use crate::verdict::{Evidence, Label, Role, Verdict};

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

/// Checks statements against one retriever.
pub struct Verifier<R> {
    retriever: R,
    options: VerifyOptions,
}

impl<R: Retriever> Verifier<R> {
    pub fn new(retriever: R, options: VerifyOptions) -> Verifier<R> {
        Verifier { retriever, options }
    }

    /// The verdict for one statement.
    pub fn check(&self, statement: &str) -> Result<Verdict> {
        let analysis = analyze(statement);
        let candidates = self.retriever.candidates(statement, self.options.top_k)?;
        let mut best: Option<(f32, Evidence)> = None;
        for candidate in &candidates {
            let passage_analysis = analyze(&candidate.passage.text);
            let comparison = compare(&analysis, &candidate.passage, &passage_analysis);
            if best.as_ref().is_none_or(|(c, _)| comparison.coverage > *c) {
                let p = &candidate.passage;
                best = Some((
                    comparison.coverage,
                    Evidence {
                        document: p.document.clone(),
                        paragraph: p.paragraph,
                        sentence: p.sentence,
                        start: p.start,
                        end: p.end,
                        text: p.text.clone(),
                        score: candidate.score,
                        role: Role::Supports,
                    },
                ));
            }
        }
        let (label, evidence, confidence) = match best {
            Some((coverage, evidence)) if coverage >= 0.75 => {
                (Label::Supported, vec![evidence], coverage)
            }
            _ => (Label::NotEnoughInfo, Vec::new(), 0.5),
        };
        Ok(Verdict {
            label,
            confidence,
            evidence,
            conflicts: Vec::new(),
            findings: Vec::new(),
            explanation: String::new(),
        })
    }
}
