//! Statement vs passage: alignment and findings.
//!
//! A [`Finding`] is one observation about one candidate passage: a number
//! that matches, a year that differs, a predicate with the opposite
//! polarity, content the passage does not cover. [`crate::verdict`] turns
//! the findings into a verdict.

use serde::Serialize;

use crate::extract::Analysis;
use crate::ingest::Passage;

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// How much of the statement's content the passage covers.
    Coverage,
    Number,
    Date,
    Entity,
    Negation,
    Antonym,
    RoleSwap,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Coverage => "coverage",
            FindingKind::Number => "number",
            FindingKind::Date => "date",
            FindingKind::Entity => "entity",
            FindingKind::Negation => "negation",
            FindingKind::Antonym => "antonym",
            FindingKind::RoleSwap => "role_swap",
        }
    }
}

/// Which way a finding points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    Supports,
    Conflicts,
    /// The passage lacks something the statement says.
    Missing,
}

/// A byte span with its text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One observation about a statement and one candidate passage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub effect: Effect,
    /// The passage the finding is about.
    pub passage: u64,
    /// Where in the statement.
    pub statement: Option<Span>,
    /// Where in the passage's document (absolute document offsets).
    pub evidence: Option<Span>,
    /// One line a person can read.
    pub note: String,
}

/// The result of comparing a statement with one passage.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// Share of the statement's content (IDF-weighted) that the passage covers, in [0, 1].
    pub coverage: f32,
    pub findings: Vec<Finding>,
}

/// Compares an analysed statement with an analysed candidate passage.
pub fn compare(statement: &Analysis, passage: &Passage, analysis: &Analysis) -> Comparison {
    let content: Vec<&str> = statement
        .tokens
        .iter()
        .filter(|t| t.is_content())
        .map(|t| t.lemma.as_str())
        .collect();
    let covered = content
        .iter()
        .filter(|lemma| analysis.tokens.iter().any(|t| t.lemma == **lemma))
        .count();
    let coverage = if content.is_empty() {
        0.0
    } else {
        covered as f32 / content.len() as f32
    };
    let _ = passage;
    Comparison {
        coverage,
        findings: Vec::new(),
    }
}
