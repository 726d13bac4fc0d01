//! Reviewed claims: `*.claims.jsonl` files in a corpus folder.
//!
//! A fact-checker's earlier work: each line is
//! `{"claim": ..., "verdict": "supported" | "conflicting", "source": ..., "note": ...}`.
//! They are indexed beside the passages, and a statement that matches one
//! is reported with that review.

use serde::{Deserialize, Serialize};

use crate::verdict::Label;

/// The file name ending that marks a reviewed-claims file.
pub const REVIEWED_SUFFIX: &str = ".claims.jsonl";

/// One claim a fact-checker has reviewed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewedClaim {
    /// The claim as reviewed.
    pub claim: String,
    /// The reviewer's verdict: `supported` or `conflicting`.
    pub verdict: Label,
    /// Where the review came from (a URL, a publication), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The reviewer's note, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The reviewed-claims file, relative to the corpus root.
    #[serde(default)]
    pub document: String,
    /// 1-based line number in that file.
    #[serde(default)]
    pub line: u32,
}
