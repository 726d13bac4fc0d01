//! factcheck: an offline verifier for factual statements.
//!
//! The pipeline, one module a stage:
//!
//! 1. [`ingest`]: a **corpus** (a folder of articles) is read into
//!    **documents**, and each document is split into **passages**
//!    (sentences and headings), each with its byte **span** in the file.
//! 2. [`index`]: the passages go into a tantivy full-text index, kept in RAM
//!    or persisted in a cache directory under a fingerprint of the corpus.
//! 3. [`retrieve`]: a submitted **statement** is turned into a BM25 query,
//!    which returns the top **candidates**.
//! 4. [`extract`]: statement and candidates are analysed into tokens with
//!    lemmas and typed mentions: quantities, dates, entities, negation.
//! 5. [`compare`]: each candidate is aligned with the statement, and every
//!    observation is a **finding**: a number that matches, a year that
//!    differs, a predicate with the opposite polarity.
//! 6. [`verdict`]: the findings over all candidates become one **verdict**
//!    (`supported`, `conflicting`, `not_enough_info`), a confidence, and the
//!    **evidence** that explains it, with byte offsets.
//! 7. [`report`]: verdicts are written as text, JSON, JSON Lines, CSV,
//!    Markdown or schema.org ClaimReview.
//!
//! [`verify::Verifier`] runs stages 3 to 6 for one statement;
//! [`draft::check_draft`] runs it for every check-worthy claim of a whole
//! document (a **draft**), and [`policy::Policy`] says which verdicts fail
//! a run.
//!
//! [`serve`] answers the same checks over HTTP, with a web page.
//!
//! ```
//! use factcheck::{index::PassageIndex, ingest::Corpus, verify::Verifier};
//!
//! let corpus = Corpus::from_texts(vec![(
//!     "attack.txt".to_string(),
//!     "The attack on the concert hall killed 149 people.".to_string(),
//! )]);
//! let index = PassageIndex::build_in_ram(&corpus).unwrap();
//! let verifier = Verifier::new(index.retriever(), Default::default());
//! let verdict = verifier.check("150 people died in the concert hall attack").unwrap();
//! assert_eq!(verdict.label.as_str(), "conflicting");
//! ```

pub mod cli;
pub mod compare;
pub mod draft;
pub mod eval;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod input;
pub mod lexicon;
pub mod policy;
pub mod report;
pub mod retrieve;
pub mod serve;
pub mod syntax;
pub mod terminal;
pub mod verdict;
pub mod verify;
