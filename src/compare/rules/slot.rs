//! A figure of the evidence given to the wrong thing: "caps high-school
//! classes at 26 students" where the evidence says "caps class sizes at 26
//! students in kindergarten through third grade and 32 in high school".
//!
//! The statement's figure matches one figure of a coordination in the
//! evidence ("26 ... and 32 ..."), but the words the statement puts around
//! it are those of the other figure's part ("high school"), and the matched
//! figure's part has words of its own that the statement lacks
//! ("kindergarten", "third grade"). The statement then says the other
//! figure's thing has this figure: a conflict with the other figure.

use std::ops::Range;

use super::{Pair, Rule, RuleConflict};
use crate::compare::FindingKind;
use crate::extract::{compare_quantities, Analysis, Bound, Quantity, QuantityMatch, TokenKind};

/// How far a figure's part reaches before it (its noun and modifiers:
/// "its main processing cores 30% faster") when no separator comes first.
const PART_BEFORE: usize = 6;
/// How far a figure's part reaches after it ("26 students in kindergarten
/// through third grade").
const PART_AFTER: usize = 8;
/// How far around its figure the statement's own words are read.
const STATEMENT_REACH: usize = 6;

/// Words that end one part of a coordination and start the next.
fn is_separator(analysis: &Analysis, i: usize) -> bool {
    let token = &analysis.tokens[i];
    match token.kind {
        TokenKind::Punct => matches!(token.text.as_str(), "," | ";" | ":" | "(" | ")"),
        TokenKind::Word => matches!(
            token.lower.as_str(),
            "and" | "or" | "but" | "while" | "whereas" | "with"
        ),
        TokenKind::Number => false,
    }
}

/// The tokens of the part of the evidence that figure `q` belongs to:
/// back to the separator before it, on to the separator or figure after.
fn part_of(analysis: &Analysis, q: &Quantity) -> Range<usize> {
    let first = (q.first_token.saturating_sub(PART_BEFORE)..q.first_token)
        .rev()
        .find(|&i| is_separator(analysis, i))
        .map_or(q.first_token.saturating_sub(PART_BEFORE), |i| i + 1);
    let next_figure = analysis
        .quantities
        .iter()
        .map(|o| o.first_token)
        .find(|&t| t >= q.end_token)
        .unwrap_or(usize::MAX);
    let end = (q.end_token..(q.end_token + PART_AFTER).min(analysis.tokens.len()))
        .find(|&i| is_separator(analysis, i) || i >= next_figure)
        .unwrap_or((q.end_token + PART_AFTER).min(analysis.tokens.len()));
    first..end
}

/// Two figures of the evidence in one coordination: the second follows
/// the first's part, a separator between them.
fn coordinated(analysis: &Analysis, a: &Quantity, b: &Quantity) -> bool {
    let (first, second) = if a.first_token < b.first_token {
        (a, b)
    } else {
        (b, a)
    };
    let gap = first.end_token..second.first_token;
    gap.len() <= PART_AFTER + PART_BEFORE && gap.clone().any(|i| is_separator(analysis, i))
}

/// Whether evidence figure `other` counts what statement figure `q`
/// counts: the same unit, or no unit at all where the coordination leaves
/// it out ("26 students ... and 32 in high school"), but not a number
/// joined to another by a dash or colon (a score, "6-3"; a time, "6:10").
fn is_same_kind(evidence: &Analysis, q: &Quantity, other: &Quantity) -> bool {
    if other.unit.is_some() {
        return other.unit == q.unit;
    }
    let joined = |i: usize| {
        evidence
            .tokens
            .get(i)
            .is_some_and(|t| matches!(t.text.as_str(), "-" | "–" | ":" | "/"))
    };
    other.is_figure
        && !joined(other.end_token)
        && !(other.first_token > 0 && joined(other.first_token - 1))
}

/// The content lemmas of `range` of `analysis`, figures' own tokens left out.
fn content_lemmas(analysis: &Analysis, range: Range<usize>) -> Vec<&str> {
    range
        .filter(|&i| analysis.tokens[i].is_content() && analysis.tokens[i].kind == TokenKind::Word)
        .map(|i| analysis.tokens[i].lemma.as_str())
        .collect()
}

/// The statement's figure sits in the other figure's part.
pub struct OtherPart;

impl Rule for OtherPart {
    fn name(&self) -> &'static str {
        "number_slot"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let (statement, evidence) = (pair.statement, pair.evidence);
        if statement.quantities.is_empty() || evidence.quantities.len() < 2 {
            return None;
        }
        for q in &statement.quantities {
            let near = q.first_token.saturating_sub(STATEMENT_REACH)
                ..(q.end_token + STATEMENT_REACH).min(statement.tokens.len());
            let stated_lemmas = content_lemmas(statement, near.clone());
            let landed: Vec<usize> = near
                .filter(|&i| statement.tokens[i].is_content())
                .filter_map(|i| pair.alignment[i].map(|(e, _)| e))
                .collect();
            // A figure with a hedge ("more than 50") fits too many others
            // to be placed; a figure with no unit may be a score or a time.
            if q.bound != Bound::Exact || q.unit.is_none() {
                continue;
            }
            for matched in evidence.quantities.iter().filter(|e| {
                pair.in_focus[e.first_token]
                    && e.unit == q.unit
                    && compare_quantities(q, e) == QuantityMatch::Equal
            }) {
                let own = part_of(evidence, matched);
                for other in evidence.quantities.iter().filter(|o| {
                    !std::ptr::eq(*o, matched)
                        && pair.in_focus[o.first_token]
                        && is_same_kind(evidence, q, o)
                        && compare_quantities(q, o) == QuantityMatch::Differs
                        && coordinated(evidence, matched, o)
                        // A statement that gives both figures places them itself.
                        && !statement
                            .quantities
                            .iter()
                            .any(|s| s.has_compatible_unit(o) && compare_quantities(s, o) != QuantityMatch::Differs)
                }) {
                    let theirs = part_of(evidence, other);
                    let own_lemmas = content_lemmas(evidence, own.clone());
                    let their_lemmas = content_lemmas(evidence, theirs.clone());
                    // Statement words that landed in the other part only.
                    let points_there = landed.iter().any(|&e| {
                        theirs.contains(&e)
                            && !own.contains(&e)
                            && !own_lemmas.contains(&evidence.tokens[e].lemma.as_str())
                    });
                    // Words of the matched figure's own part the statement lacks.
                    let lacks_own = own_lemmas
                        .iter()
                        .any(|l| !their_lemmas.contains(l) && !stated_lemmas.contains(l)
                            && !landed.iter().any(|&e| evidence.tokens[e].lemma == *l));
                    if points_there && lacks_own {
                        let (start, end) = (
                            statement.tokens[q.first_token].start,
                            statement.tokens[q.first_token].end,
                        );
                        let found = &evidence.tokens[other.first_token];
                        return Some(RuleConflict {
                            kind: FindingKind::Number,
                            statement: (start, end),
                            evidence: (found.start, found.end),
                            note: format!(
                                "the statement gives \"{}\" to what the evidence gives \"{}\" (\"{}\" is for {})",
                                &statement.text[q.start..q.end],
                                &evidence.text[other.start..other.end],
                                &evidence.text[matched.start..matched.end],
                                &evidence.text[evidence.tokens[own.start].start..evidence.tokens[own.end - 1].end],
                            ),
                            explains: Vec::new(),
                        });
                    }
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, spans};
    use super::*;

    fn other_part(statement: &str, evidence: &str) -> Option<(String, String)> {
        check(&OtherPart, statement, evidence).map(|c| spans(statement, evidence, &c))
    }

    const CAPS: &str = "The contract caps class sizes at 26 students in kindergarten through third grade and 32 in high school.";

    #[test]
    fn number_on_another_noun_is_a_conflict() {
        assert_eq!(
            other_part(
                "The contract caps high school classes at 26 students.",
                CAPS
            ),
            Some(("26".into(), "32".into()))
        );
    }

    #[test]
    fn number_on_its_own_noun_is_no_conflict() {
        assert_eq!(
            other_part(
                "The contract caps kindergarten classes at 26 students.",
                CAPS
            ),
            None
        );
        assert_eq!(
            other_part("The contract caps high school classes at 32.", CAPS),
            None
        );
    }

    #[test]
    fn modifiers_before_the_figures_count_too() {
        let evidence = "The chip runs its main cores 30% faster and its graphics 40% faster.";
        assert_eq!(
            other_part("The chip runs its main cores 40% faster.", evidence),
            Some(("40".into(), "30".into()))
        );
        assert_eq!(
            other_part("The chip runs its graphics 40% faster.", evidence),
            None
        );
    }
}
