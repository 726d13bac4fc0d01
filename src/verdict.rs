//! Findings in, one verdict out.

use serde::{Deserialize, Serialize};

use crate::compare::{Comparison, Effect, Finding, FindingKind, Span, Window};
use crate::ingest::{Passage, ReviewedClaim};

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
    /// The atomic claim (extracted from this passage, see
    /// [`crate::extract::Claim`]) that the statement was compared with,
    /// when it matched better than the whole sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
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
    /// For a compound statement, each atomic part with its own verdict;
    /// empty for an atomic statement. The whole is `conflicting` if any
    /// part conflicts, `supported` if every part is supported, and
    /// `not_enough_info` otherwise.
    pub parts: Vec<Part>,
    /// The reviewed claim the statement matched, when it matched one (see
    /// [`crate::ingest::ReviewedClaim`]).
    pub review: Option<ReviewedClaim>,
}

/// One atomic part of a compound statement, checked on its own.
#[derive(Clone, Debug, Serialize)]
pub struct Part {
    /// The part as checked, e.g. "Soviet forces withdrew in 1992".
    pub text: String,
    /// Its verdict; a part's verdict has no parts of its own.
    pub verdict: Verdict,
}

/// A candidate window and what comparing it with the statement found.
#[derive(Clone, Debug)]
pub struct Judged {
    pub window: std::sync::Arc<Window>,
    pub comparison: Comparison,
    /// The retriever's score for the window's focus passage.
    pub score: f32,
}

/// Share of the statement's units (IDF-weighted) the evidence must cover
/// for `supported`. Swept from 0.5 to 0.75 on the dev set and the three
/// external dev sets: 0.65 gave the best macro-F1 summed over the four
/// (a missing number, date or name blocks support whatever the coverage,
/// so the threshold only has to reject paraphrases of other facts).
pub const SUPPORT_MIN_COVERAGE: f32 = 0.65;

/// Statements with more units than this (content words, numbers, dates)
/// are long: quotes, multi-clause claims, claims with attribution ("To make
/// matters worse, ... said X of Y"). No single evidence sentence repeats
/// all their framing, so for them support needs [`LONG_SUPPORT_MIN_COVERAGE`]
/// and a missing detail does not block it (a detail that *differs* is still
/// a conflict). The dev statements all have ten units or fewer, so this
/// changes nothing there; on Climate-FEVER (long claims) it moved macro-F1
/// from 0.28 to 0.36 with supported precision 0.67 -> 0.65.
pub const LONG_STATEMENT_UNITS: usize = 10;

/// The coverage a long statement needs for `supported` (see
/// [`LONG_STATEMENT_UNITS`]); 0.4 and 0.5 were measured, 0.4 was better on
/// every set it touches.
pub const LONG_SUPPORT_MIN_COVERAGE: f32 = 0.4;

/// How many other candidates to quote as `related` beside the decisive one.
const RELATED_EVIDENCE: usize = 2;

/// Whether a comparison supports the statement: enough of it covered,
/// nothing contradicted, no name the corpus never mentions, and (for a
/// short statement) no detail missing and no cause the evidence does not
/// give.
pub fn is_supported(comparison: &Comparison) -> bool {
    if comparison.has_conflict() || comparison.has_unknown_name || comparison.has_substitution() {
        return false;
    }
    if comparison.units > LONG_STATEMENT_UNITS {
        return comparison.coverage >= LONG_SUPPORT_MIN_COVERAGE;
    }
    comparison.coverage >= SUPPORT_MIN_COVERAGE
        && !comparison.is_missing_detail
        && !comparison.has_unbacked_cause
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
        claim: None,
    }
}

/// The evidence a window gives: its candidate verbatim, or for an atomic
/// claim the sentence it came from, naming the claim.
fn quoted_evidence(window: &Window, score: f32, role: Role) -> Evidence {
    Evidence {
        claim: window.matched_claim().map(str::to_string),
        ..evidence_of(window.quoted_passage(), score, role)
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
        .max_by(|a, b| {
            a.1.comparison
                .coverage
                .total_cmp(&b.1.comparison.coverage)
                .then(b.0.cmp(&a.0))
        });
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
    let best_covering = judged.iter().enumerate().max_by(|a, b| {
        a.1.comparison
            .coverage
            .total_cmp(&b.1.comparison.coverage)
            .then(b.0.cmp(&a.0))
    });

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
        evidence.push(quoted_evidence(window, judged_one.score, role));
        findings = judged_one.comparison.findings.clone();
        // Context passages that a decisive finding points into.
        for part in &window.parts {
            let is_used = findings
                .iter()
                .any(|f| f.effect != Effect::Missing && f.passage == Some(part.id));
            if part.id != focus.id
                && is_used
                && evidence
                    .iter()
                    .all(|e| e.start != part.start || e.document != part.document)
            {
                // A context passage conflicts only if a conflict lies in it;
                // otherwise it lent a name and is quoted as related.
                let holds_conflict = findings
                    .iter()
                    .any(|f| f.effect == Effect::Conflicts && f.passage == Some(part.id));
                let part_role = match (label, holds_conflict) {
                    (Label::Conflicting, false) => Role::Related,
                    _ => role,
                };
                evidence.push(evidence_of(part, judged_one.score, part_role));
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
            let passage = other.window.quoted_passage();
            if evidence
                .iter()
                .all(|e| e.start != passage.start || e.document != passage.document)
            {
                evidence.push(quoted_evidence(&other.window, other.score, Role::Related));
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
        parts: Vec::new(),
        review: None,
    }
}

/// The verdict of a compound statement from the verdicts of its parts:
/// `conflicting` if any part conflicts, `supported` if every part is
/// supported, `not_enough_info` otherwise. The evidence and conflicts are
/// those of the parts (conflict offsets are re-found in `statement`, where
/// the part's words are); the parts are kept, each with its verdict.
pub fn combine_parts(statement: &str, parts: Vec<Part>) -> Verdict {
    let any_conflict = parts.iter().any(|p| p.verdict.label == Label::Conflicting);
    let all_supported = parts.iter().all(|p| p.verdict.label == Label::Supported);
    let label = if any_conflict {
        Label::Conflicting
    } else if all_supported {
        Label::Supported
    } else {
        Label::NotEnoughInfo
    };
    // The parts that decide: the conflicting ones, every one when all are
    // supported, and the unsettled ones otherwise.
    // With the 1-based number of each, for the explanation.
    let deciding: Vec<(usize, &Part)> = (1..)
        .zip(&parts)
        .filter(|(_, p)| match label {
            Label::Supported => true,
            other => p.verdict.label == other,
        })
        .collect();
    let confidence = match label {
        Label::Conflicting => deciding
            .iter()
            .map(|(_, p)| p.verdict.confidence)
            .fold(0.0, f32::max),
        _ => deciding
            .iter()
            .map(|(_, p)| p.verdict.confidence)
            .fold(1.0, f32::min),
    };
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut conflicts = Vec::new();
    let mut findings = Vec::new();
    // The deciding parts' evidence first, so that a passage quoted by
    // several parts keeps the role it has for the verdict.
    let (first, rest): (Vec<&Part>, Vec<&Part>) =
        parts.iter().partition(|p| p.verdict.label == label);
    for part in first.into_iter().chain(rest) {
        for item in &part.verdict.evidence {
            let is_new = evidence
                .iter()
                .all(|e| e.start != item.start || e.document != item.document);
            if is_new {
                let role = if part.verdict.label == label {
                    item.role
                } else {
                    Role::Related
                };
                evidence.push(Evidence {
                    role,
                    ..item.clone()
                });
            }
        }
        for conflict in &part.verdict.conflicts {
            let (claim_start, claim_end) = match statement.find(&conflict.claim_text) {
                Some(at) if !conflict.claim_text.is_empty() => (at, at + conflict.claim_text.len()),
                _ => (0, statement.len()),
            };
            conflicts.push(Conflict {
                claim_start,
                claim_end,
                ..conflict.clone()
            });
        }
        // A part's findings are placed in the statement: by where the part
        // stands in it, or else by their own words; a finding whose words
        // the statement does not have keeps no statement span.
        let base = statement.find(&part.text);
        findings.extend(part.verdict.findings.iter().map(|finding| {
            let mut finding = finding.clone();
            finding.statement = finding.statement.and_then(|span| {
                let shifted = base.map(|b| (b + span.start, b + span.end));
                let at = shifted
                    .filter(|&(start, end)| statement.get(start..end) == Some(span.text.as_str()))
                    .or_else(|| {
                        statement
                            .find(&span.text)
                            .map(|at| (at, at + span.text.len()))
                    })?;
                Some(Span {
                    start: at.0,
                    end: at.1,
                    text: span.text,
                })
            });
            finding
        }));
    }
    let count = parts.len();
    let explanation = match label {
        Label::Supported => format!("each of the {count} parts is supported"),
        _ => {
            let what = if label == Label::Conflicting {
                "conflicts"
            } else {
                "is not settled"
            };
            let reasons: Vec<String> = deciding
                .iter()
                .map(|(number, p)| {
                    format!("part {number} of {count} {what}: {}", p.verdict.explanation)
                })
                .collect();
            reasons.join("; ")
        }
    };
    Verdict {
        label,
        confidence: confidence.clamp(0.0, 1.0),
        evidence,
        conflicts,
        findings,
        explanation,
        parts,
        review: None,
    }
}

/// `verdict` (from the corpus) after the statement matched `review`, a
/// claim a fact-checker has reviewed, with `coverage` of the statement.
/// The review decides the label; the corpus's evidence stays, quoted as
/// related where it says otherwise, and the explanation says both.
pub fn apply_review(verdict: Verdict, review: ReviewedClaim, coverage: f32) -> Verdict {
    let agrees = verdict.label == review.verdict;
    let corpus_says = verdict.label;
    let evidence = verdict
        .evidence
        .into_iter()
        .map(|e| {
            if agrees {
                e
            } else {
                Evidence {
                    role: Role::Related,
                    ..e
                }
            }
        })
        .collect();
    let mut explanation = format!(
        "matches the claim reviewed as {} in {}:{}: \"{}\"",
        review.verdict.as_str(),
        review.document,
        review.line,
        review.claim
    );
    if let Some(note) = &review.note {
        explanation.push_str(&format!(" ({note})"));
    }
    if !agrees {
        explanation.push_str(&format!(
            "; the articles alone give {}",
            corpus_says.as_str()
        ));
    }
    Verdict {
        label: review.verdict,
        confidence: coverage.clamp(0.0, 1.0),
        evidence,
        conflicts: if agrees {
            verdict.conflicts
        } else {
            Vec::new()
        },
        findings: verdict.findings,
        explanation,
        parts: verdict.parts,
        review: Some(review),
    }
}

fn explain(label: Label, comparison: &Comparison, focus: &Passage) -> String {
    let place = format!(
        "{} (paragraph {}, sentence {})",
        focus.document, focus.paragraph, focus.sentence
    );
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
            // A word the evidence gives differently is named first.
            let is_swap = |f: &&Finding| f.kind == FindingKind::Substitution;
            let (swaps, rest): (Vec<&Finding>, Vec<&Finding>) = comparison
                .findings
                .iter()
                .filter(|f| f.effect == Effect::Missing)
                .partition(is_swap);
            // Each part of the statement once, however many findings
            // name it (a name is missing as a name and as a word).
            let mut named: Vec<(usize, usize)> = Vec::new();
            let missing: Vec<String> = swaps
                .into_iter()
                .chain(rest)
                .filter(|f| {
                    f.statement.as_ref().is_some_and(|s| {
                        let span = (s.start, s.end);
                        let is_new = !named.contains(&span);
                        named.push(span);
                        is_new
                    })
                })
                .filter_map(|f| {
                    let stated = &f.statement.as_ref()?.text;
                    Some(match (&f.kind, &f.evidence) {
                        (FindingKind::Substitution, Some(found)) => {
                            format!("{stated} (it says \"{}\" there)", found.text)
                        }
                        _ => stated.clone(),
                    })
                })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{FindingKind, Span};
    use crate::ingest::PassageKind;

    fn judged(
        coverage: f32,
        units: usize,
        is_missing_detail: bool,
        conflict: Option<f32>,
    ) -> Judged {
        let text = "The attack killed 149 people.".to_string();
        let passage = Passage {
            id: 0,
            document: "a.txt".to_string(),
            paragraph: 1,
            sentence: 1,
            start: 0,
            end: text.len(),
            kind: PassageKind::Sentence,
            text,
            origin: None,
        };
        let findings = conflict
            .map(|_| Finding {
                kind: FindingKind::Number,
                effect: Effect::Conflicts,
                passage: Some(0),
                statement: Some(Span {
                    start: 0,
                    end: 3,
                    text: "150".to_string(),
                }),
                evidence: Some(Span {
                    start: 18,
                    end: 21,
                    text: "149".to_string(),
                }),
                note: "150 vs 149".to_string(),
            })
            .into_iter()
            .collect();
        Judged {
            window: std::sync::Arc::new(Window::new(vec![passage], 0)),
            comparison: Comparison {
                coverage,
                conflict_coverage: conflict.unwrap_or(0.0),
                is_missing_detail,
                has_unknown_name: false,
                has_unbacked_cause: false,
                units,
                findings,
            },
            score: 1.0,
        }
    }

    #[test]
    fn supports_when_covered_with_nothing_missing() {
        assert_eq!(
            decide(vec![judged(0.8, 5, false, None)]).label,
            Label::Supported
        );
        assert_eq!(
            decide(vec![judged(0.8, 5, true, None)]).label,
            Label::NotEnoughInfo
        );
        assert_eq!(
            decide(vec![judged(0.5, 5, false, None)]).label,
            Label::NotEnoughInfo
        );
    }

    #[test]
    fn a_part_missing_twice_is_named_once() {
        let mut unsettled = judged(0.5, 5, true, None);
        let missing = |kind: FindingKind| Finding {
            kind,
            effect: Effect::Missing,
            passage: None,
            statement: Some(Span {
                start: 4,
                end: 10,
                text: "sierra".to_string(),
            }),
            evidence: None,
            note: String::new(),
        };
        unsettled.comparison.findings =
            vec![missing(FindingKind::Entity), missing(FindingKind::Word)];
        let verdict = decide(vec![unsettled]);
        assert_eq!(verdict.label, Label::NotEnoughInfo);
        assert!(
            verdict.explanation.ends_with("does not say: sierra"),
            "{}",
            verdict.explanation
        );
    }

    #[test]
    fn long_statement_needs_less_coverage() {
        assert_eq!(
            decide(vec![judged(0.45, 14, true, None)]).label,
            Label::Supported
        );
        assert_eq!(
            decide(vec![judged(0.3, 14, false, None)]).label,
            Label::NotEnoughInfo
        );
    }

    #[test]
    fn a_name_no_article_has_blocks_support_of_a_long_statement() {
        let mut long = judged(0.9, 14, true, None);
        assert_eq!(decide(vec![long.clone()]).label, Label::Supported);
        long.comparison.has_unknown_name = true;
        assert_eq!(decide(vec![long]).label, Label::NotEnoughInfo);
    }

    #[test]
    fn conflict_names_both_spans_with_offsets() {
        let verdict = decide(vec![judged(0.7, 5, false, Some(0.9))]);
        assert_eq!(verdict.label, Label::Conflicting);
        assert_eq!(verdict.conflicts[0].claim_text, "150");
        assert_eq!(verdict.conflicts[0].evidence_start, 18);
        assert_eq!(verdict.evidence[0].role, Role::Conflicts);
    }

    #[test]
    fn full_support_beats_weaker_conflict() {
        let verdict = decide(vec![
            judged(0.7, 5, false, Some(0.8)),
            judged(1.0, 5, false, None),
        ]);
        assert_eq!(verdict.label, Label::Supported);
    }

    #[test]
    fn no_candidates_is_not_enough_info() {
        let verdict = decide(Vec::new());
        assert_eq!(verdict.label, Label::NotEnoughInfo);
        assert!(verdict.evidence.is_empty());
    }

    fn part(text: &str, verdict: Verdict) -> Part {
        Part {
            text: text.to_string(),
            verdict,
        }
    }

    #[test]
    fn any_conflicting_part_makes_the_whole_conflict() {
        let statement = "The attack killed 149 people and 150 died";
        let whole = combine_parts(
            statement,
            vec![
                part(
                    "The attack killed 149 people",
                    decide(vec![judged(1.0, 4, false, None)]),
                ),
                part("150 died", decide(vec![judged(0.7, 2, false, Some(0.9))])),
            ],
        );
        assert_eq!(whole.label, Label::Conflicting);
        assert_eq!(whole.parts.len(), 2);
        // The conflict's offsets are re-found in the whole statement.
        let conflict = &whole.conflicts[0];
        assert_eq!(&statement[conflict.claim_start..conflict.claim_end], "150");
        // The passage both parts quote keeps the deciding part's role.
        assert_eq!(whole.evidence[0].role, Role::Conflicts);
        assert!(
            whole.explanation.starts_with("part 2 of 2 conflicts"),
            "{}",
            whole.explanation
        );
    }

    #[test]
    fn every_part_must_be_supported() {
        let supported = || decide(vec![judged(1.0, 4, false, None)]);
        let unsettled = || decide(vec![judged(0.3, 4, false, None)]);
        let whole = combine_parts(
            "a and b",
            vec![part("a", supported()), part("b", supported())],
        );
        assert_eq!(whole.label, Label::Supported);
        let whole = combine_parts(
            "a and b",
            vec![part("a", supported()), part("b", unsettled())],
        );
        assert_eq!(whole.label, Label::NotEnoughInfo);
        assert!(whole.explanation.starts_with("part 2 of 2 is not settled"));
    }

    fn review(verdict: Label) -> ReviewedClaim {
        ReviewedClaim {
            claim: "The attack killed 150 people.".to_string(),
            verdict,
            source: Some("Desk".to_string()),
            note: Some("The toll was 149.".to_string()),
            document: "desk.claims.jsonl".to_string(),
            line: 3,
        }
    }

    #[test]
    fn a_review_decides_and_says_what_the_articles_give() {
        let corpus_says = decide(vec![judged(0.3, 4, false, None)]);
        let verdict = apply_review(corpus_says, review(Label::Conflicting), 0.9);
        assert_eq!(verdict.label, Label::Conflicting);
        assert_eq!(verdict.review.as_ref().map(|r| r.line), Some(3));
        assert!(
            verdict.explanation.contains("desk.claims.jsonl:3"),
            "{}",
            verdict.explanation
        );
        assert!(verdict.explanation.contains("The toll was 149."));
        assert!(verdict
            .explanation
            .contains("the articles alone give not_enough_info"));
        assert!(verdict.evidence.iter().all(|e| e.role == Role::Related));

        let corpus_agrees = decide(vec![judged(1.0, 4, false, None)]);
        let verdict = apply_review(corpus_agrees, review(Label::Supported), 1.0);
        assert_eq!(verdict.label, Label::Supported);
        assert_eq!(verdict.evidence[0].role, Role::Supports);
        assert!(!verdict.explanation.contains("alone"));
    }
}
