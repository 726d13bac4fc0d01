//! Findings in, one verdict out.

use serde::{Deserialize, Serialize};

use crate::compare::{Comparison, Effect, Finding, Window};
use crate::ingest::Passage;

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

/// A candidate window and what comparing it with the statement found.
#[derive(Clone, Debug)]
pub struct Judged {
    pub window: Window,
    pub comparison: Comparison,
    /// The retriever's score for the window's focus passage.
    pub score: f32,
}

/// Share of the statement's units (IDF-weighted) the evidence must cover
/// for `supported`. Chosen on the dev set: supported paraphrases there
/// cover 0.75 and more, while statements adding a detail the article
/// lacks ("wounded", "Gul Hassan", "next year") stay below.
pub const SUPPORT_MIN_COVERAGE: f32 = 0.75;

/// How many other candidates to quote as `related` beside the decisive one.
const RELATED_EVIDENCE: usize = 2;

fn is_supported(comparison: &Comparison) -> bool {
    comparison.coverage >= SUPPORT_MIN_COVERAGE
        && !comparison.is_missing_detail
        && !comparison.has_conflict()
}

fn evidence_of(passage: &Passage, score: f32, role: Role) -> Evidence {
    Evidence {
        document: passage.document.clone(),
        paragraph: passage.paragraph,
        sentence: passage.sentence,
        start: passage.start,
        end: passage.end,
        text: passage.text.clone(),
        score,
        role,
    }
}

/// Combines the comparisons of all candidate windows into one verdict.
///
/// A window that covers the statement with nothing missing supports it; a
/// window with a conflict refutes it. When both occur the stronger wins
/// (coverage against the conflict's coverage of everything else); when
/// neither does, the corpus does not settle the statement.
pub fn decide(judged: Vec<Judged>) -> Verdict {
    let best_support = judged
        .iter()
        .enumerate()
        .filter(|(_, j)| is_supported(&j.comparison))
        .max_by(|a, b| a.1.comparison.coverage.total_cmp(&b.1.comparison.coverage).then(b.0.cmp(&a.0)));
    let best_conflict = judged
        .iter()
        .enumerate()
        .filter(|(_, j)| j.comparison.has_conflict())
        .max_by(|a, b| {
            a.1.comparison
                .conflict_coverage
                .total_cmp(&b.1.comparison.conflict_coverage)
                .then(b.0.cmp(&a.0))
        });
    let best_covering = judged
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.comparison.coverage.total_cmp(&b.1.comparison.coverage).then(b.0.cmp(&a.0)));

    let (label, chosen) = match (best_support, best_conflict) {
        (Some(s), Some(c)) if c.1.comparison.conflict_coverage > s.1.comparison.coverage => {
            (Label::Conflicting, Some(c))
        }
        (Some(s), _) => (Label::Supported, Some(s)),
        (None, Some(c)) => (Label::Conflicting, Some(c)),
        (None, None) => (Label::NotEnoughInfo, best_covering),
    };

    let mut evidence = Vec::new();
    let mut conflicts = Vec::new();
    let mut findings = Vec::new();
    let mut explanation = String::from("no passage of the corpus is about this statement");
    if let Some((chosen_index, judged_one)) = chosen {
        let window = &judged_one.window;
        let focus = window.focus_passage();
        let role = match label {
            Label::Supported => Role::Supports,
            Label::Conflicting => Role::Conflicts,
            Label::NotEnoughInfo => Role::Related,
        };
        evidence.push(evidence_of(focus, judged_one.score, role));
        findings = judged_one.comparison.findings.clone();
        // Context passages that a decisive finding points into.
        for part in &window.parts {
            let is_used = findings.iter().any(|f| {
                f.effect != Effect::Missing && f.passage == Some(part.id)
            });
            if part.id != focus.id && is_used && evidence.iter().all(|e| e.start != part.start || e.document != part.document) {
                evidence.push(evidence_of(part, judged_one.score, role));
            }
        }
        for finding in findings.iter().filter(|f| f.effect == Effect::Conflicts) {
            if let (Some(stated), Some(found)) = (&finding.statement, &finding.evidence) {
                let document = finding
                    .passage
                    .and_then(|id| window.parts.iter().find(|p| p.id == id))
                    .map_or_else(|| focus.document.clone(), |p| p.document.clone());
                conflicts.push(Conflict {
                    kind: finding.kind.as_str().to_string(),
                    claim_text: stated.text.clone(),
                    claim_start: stated.start,
                    claim_end: stated.end,
                    evidence_text: found.text.clone(),
                    evidence_start: found.start,
                    evidence_end: found.end,
                    document,
                });
            }
        }
        explanation = explain(label, &judged_one.comparison, focus);
        for (i, other) in judged.iter().enumerate() {
            if evidence.len() > RELATED_EVIDENCE || i == chosen_index {
                continue;
            }
            let passage = other.window.focus_passage();
            if evidence.iter().all(|e| e.start != passage.start || e.document != passage.document) {
                evidence.push(evidence_of(passage, other.score, Role::Related));
            }
        }
    }
    let confidence = match (label, chosen) {
        (Label::Supported, Some((_, j))) => j.comparison.coverage,
        (Label::Conflicting, Some((_, j))) => j.comparison.conflict_coverage,
        (_, Some((_, j))) => 1.0 - 0.5 * j.comparison.coverage,
        (_, None) => 1.0,
    };
    Verdict {
        label,
        confidence: confidence.clamp(0.0, 1.0),
        evidence,
        conflicts,
        findings,
        explanation,
    }
}

fn explain(label: Label, comparison: &Comparison, focus: &Passage) -> String {
    let place = format!("{} (paragraph {}, sentence {})", focus.document, focus.paragraph, focus.sentence);
    match label {
        Label::Supported => format!(
            "{place} covers {:.0}% of the statement and contradicts none of it",
            comparison.coverage * 100.0
        ),
        Label::Conflicting => {
            let notes: Vec<&str> = comparison
                .findings
                .iter()
                .filter(|f| f.effect == Effect::Conflicts)
                .map(|f| f.note.as_str())
                .collect();
            format!("{place} is about the same thing, but {}", notes.join("; "))
        }
        Label::NotEnoughInfo => {
            let missing: Vec<&str> = comparison
                .findings
                .iter()
                .filter(|f| f.effect == Effect::Missing)
                .filter_map(|f| f.statement.as_ref().map(|s| s.text.as_str()))
                .take(4)
                .collect();
            if missing.is_empty() {
                format!("the closest passage, {place}, covers too little of the statement")
            } else {
                format!(
                    "the closest passage, {place}, does not say: {}",
                    missing.join(", ")
                )
            }
        }
    }
}
