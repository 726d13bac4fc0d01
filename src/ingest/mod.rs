//! Documents in, passages out.
//!
//! A corpus is a folder of `.txt` and `.md` files (or the article bundled in
//! the binary). Each document is split into paragraphs at line breaks (the
//! corpora put one paragraph per line; blank lines break too) and each
//! paragraph into sentences; a short line without final punctuation is a
//! heading. Every passage keeps its byte span, so `&text[start..end]` is
//! the passage, verbatim.

mod corpus;
mod html;
mod reviewed;
mod segment;

pub use corpus::{set_follow_links, Corpus, Document, Documents};
pub use html::html_to_text;
pub use reviewed::{reviewed_passages, ReviewedClaim, ReviewedFile, REVIEWED_SUFFIX};
pub use segment::segment;

use serde::{Deserialize, Serialize};

/// What a passage is: a sentence of running text, a heading, or (from the
/// claims layer) an atomic claim extracted from a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PassageKind {
    /// A sentence of running text.
    Sentence,
    /// A short line without final punctuation: a title or section heading.
    Heading,
    /// An atomic claim extracted from a sentence ([`crate::extract::Claim`]);
    /// its [`Origin::Claim`] links it to the sentence.
    Claim,
    /// A claim a fact-checker has reviewed, from a `*.claims.jsonl` file of
    /// the corpus ([`Origin::Reviewed`]).
    Reviewed,
}

impl PassageKind {
    /// The name stored in the index and printed in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            PassageKind::Sentence => "sentence",
            PassageKind::Heading => "heading",
            PassageKind::Claim => "claim",
            PassageKind::Reviewed => "reviewed",
        }
    }

    /// The inverse of [`PassageKind::as_str`].
    pub fn parse(name: &str) -> Option<PassageKind> {
        match name {
            "sentence" => Some(PassageKind::Sentence),
            "heading" => Some(PassageKind::Heading),
            "claim" => Some(PassageKind::Claim),
            "reviewed" => Some(PassageKind::Reviewed),
            _ => None,
        }
    }
}

/// A sentence or heading of one document, with where it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// Position of the passage in the whole corpus, in document order: 0, 1, 2, ...
    /// Adjacent passages of one document have adjacent ids.
    pub id: u64,
    /// The document's path relative to the corpus root, with `/` separators.
    pub document: String,
    /// 1-based paragraph number within the document.
    pub paragraph: u32,
    /// 1-based sentence number within the paragraph.
    pub sentence: u32,
    /// Byte offset of the first byte of the passage in the document.
    pub start: usize,
    /// Byte offset one past the last byte of the passage in the document.
    pub end: usize,
    /// Sentence or heading.
    pub kind: PassageKind,
    /// The passage text: exactly `document_text[start..end]` for a sentence
    /// or heading; for a claim, the claim (built from pieces of the
    /// document, see [`Origin::Claim`]); for a reviewed claim, the claim
    /// as the reviewer wrote it.
    pub text: String,
    /// Where a claim comes from; `None` for sentences and headings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// Where a claim passage comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Extracted from a sentence of the corpus. `document`, `paragraph`,
    /// `sentence`, `start` and `end` of the claim passage are those of that
    /// sentence.
    Claim {
        /// The id of the sentence passage.
        source: u64,
        /// Where the claim's words are in the document.
        pieces: Vec<Piece>,
    },
    /// Read from a reviewed-claims file; `document` is that file,
    /// `paragraph` the line number, `start..end` the line's bytes.
    Reviewed(ReviewedClaim),
}

/// A run of a claim's text copied verbatim from its document:
/// `claim.text[local..local + len] == document_text[start..start + len]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    /// Byte offset in the claim text.
    pub local: usize,
    /// Byte offset in the document.
    pub start: usize,
    /// Length in bytes.
    pub len: usize,
}

/// Splits every document of a corpus into passages, numbering them in
/// corpus order.
pub fn passages(corpus: &Corpus) -> Vec<Passage> {
    let mut all = Vec::new();
    for document in &corpus.documents {
        for mut passage in segment(document) {
            passage.id = all.len() as u64;
            all.push(passage);
        }
    }
    all
}
