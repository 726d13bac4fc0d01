//! Findings in, one verdict out.

use serde::{Deserialize, Serialize};

use crate::compare::Finding;

/// The three answers factcheck gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// The corpus says so.
    Supported,
    /// The corpus says something incompatible.
    Conflicting,
    /// The corpus does not settle it.
    NotEnoughInfo,
}

impl Label {
    pub const ALL: [Label; 3] = [Label::Supported, Label::Conflicting, Label::NotEnoughInfo];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Supported => "supported",
            Label::Conflicting => "conflicting",
            Label::NotEnoughInfo => "not_enough_info",
        }
    }

    /// Parses a label, accepting common synonyms (`refutes`, `nei`, ...).
    pub fn parse(name: &str) -> Option<Label> {
        match name.trim().to_lowercase().replace(['-', ' '], "_").as_str() {
            "supported" | "supports" | "support" | "true" => Some(Label::Supported),
            "conflicting" | "conflict" | "refutes" | "refuted" | "contradicted" | "false" => {
                Some(Label::Conflicting)
            }
            "not_enough_info" | "nei" | "not_enough_information" | "unknown" => {
                Some(Label::NotEnoughInfo)
            }
            _ => None,
        }
    }
}

/// What a quoted passage does for the verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Supports,
    Conflicts,
    Related,
}

/// A passage quoted to explain a verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub document: String,
    pub paragraph: u32,
    pub sentence: u32,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub score: f32,
    pub role: Role,
}

/// The exact disagreement behind a `conflicting` verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// number, date, entity, negation, antonym, role_swap.
    pub kind: String,
    pub claim_text: String,
    pub claim_start: usize,
    pub claim_end: usize,
    pub evidence_text: String,
    pub evidence_start: usize,
    pub evidence_end: usize,
    pub document: String,
}

/// The answer for one statement.
#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
    pub label: Label,
    /// How sure, in [0, 1].
    pub confidence: f32,
    pub evidence: Vec<Evidence>,
    pub conflicts: Vec<Conflict>,
    /// Every observation made, the reasons behind the verdict.
    pub findings: Vec<Finding>,
    /// One sentence a person can read.
    pub explanation: String,
}
