//! A change said the other way round.
//!
//! [`FromToReversed`]: "from 35% to 33%" where the evidence says "from 33%
//! to 35%" (or "to 35% from 33%"): the same two figures, start and end
//! swapped. [`ChangeDirection`]: the same figure after a verb of change
//! that goes the other way ("fell 4.3%" vs "rose 4.3%"), from the word
//! lists in `data/lexicon/rules/change_verbs.tsv`.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{data_lines, lemma_set, Pair, Rule, RuleConflict};
use crate::compare::FindingKind;
use crate::extract::{compare_quantities, Analysis, Quantity, QuantityMatch};

const CHANGE_VERBS: &str = include_str!("../../../data/lexicon/rules/change_verbs.tsv");

/// How many tokens before its figure a verb of change may stand ("rose
/// by about 4.3%", "was cut by $1.2 million").
const VERB_REACH: usize = 5;

/// The index of the first token of a quantity's expression (its hedge or
/// currency sign, where it has one).
fn first_token(analysis: &Analysis, q: &Quantity) -> usize {
    analysis
        .tokens
        .iter()
        .position(|t| t.start >= q.start)
        .unwrap_or(q.first_token)
        .min(q.first_token)
}

/// How many words may stand between "from A" and "to B" ("from $212 a
/// tonne in April to $281").
const FROM_TO_GAP: usize = 5;

/// Every change from one figure to the next in a text, as (from, to)
/// indices into its quantities: "from A to B" (a few words may follow A),
/// "to B from A", and "B, up from A" / "B, down from A".
fn from_to_pairs(analysis: &Analysis) -> Vec<(usize, usize)> {
    let tokens = &analysis.tokens;
    let mut pairs = Vec::new();
    for (a, qa) in analysis.quantities.iter().enumerate() {
        let Some(b) = analysis.quantities.get(a + 1) else {
            continue;
        };
        let start_a = first_token(analysis, qa);
        let start_b = first_token(analysis, b);
        if start_a == 0 || start_b <= qa.end_token {
            continue;
        }
        let before = tokens[start_a - 1].lower.as_str();
        let gap: Vec<&str> = tokens[qa.end_token..start_b]
            .iter()
            .map(|t| t.lower.as_str())
            .collect();
        // The words between, but for the link itself ("to", ", up from"),
        // must not break the clause.
        let is_clause = |words: &[&str]| {
            words.len() > FROM_TO_GAP
                || words
                    .iter()
                    .any(|w| matches!(*w, "." | "," | ";" | ":" | "from" | "to" | "and" | "but"))
        };
        match (before, gap.as_slice()) {
            ("to", ["from"]) => pairs.push((a + 1, a)),
            (_, [rest @ .., ",", "up" | "down", "from"] | [rest @ .., "up" | "down", "from"])
                if !is_clause(rest) =>
            {
                pairs.push((a + 1, a))
            }
            ("from", [rest @ .., "to"]) if !is_clause(rest) => pairs.push((a, a + 1)),
            _ => {}
        }
    }
    pairs
}

fn agrees(statement: &Quantity, evidence: &Quantity) -> bool {
    statement.has_compatible_unit(evidence)
        && compare_quantities(statement, evidence) != QuantityMatch::Differs
}

/// "from A to B" where the evidence has "from B to A".
pub struct FromToReversed;

impl Rule for FromToReversed {
    fn name(&self) -> &'static str {
        "from_to"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let (statement, evidence) = (pair.statement, pair.evidence);
        for (sf, st) in from_to_pairs(statement) {
            let (from, to) = (&statement.quantities[sf], &statement.quantities[st]);
            if agrees(from, to) {
                continue;
            }
            for (ef, et) in from_to_pairs(evidence) {
                let (e_from, e_to) = (&evidence.quantities[ef], &evidence.quantities[et]);
                if !pair.in_focus[e_from.first_token] {
                    continue;
                }
                if agrees(from, e_to) && agrees(to, e_from) && !agrees(from, e_from) {
                    let start = from.start.min(to.start);
                    let end = from.end.max(to.end);
                    let e_start = e_from.start.min(e_to.start);
                    let e_end = e_from.end.max(e_to.end);
                    return Some(RuleConflict {
                        kind: FindingKind::Direction,
                        statement: (start, end),
                        evidence: (e_start, e_end),
                        note: format!(
                            "the statement goes from \"{}\" to \"{}\", the evidence the other way round (\"{}\")",
                            &statement.text[from.start..from.end],
                            &statement.text[to.start..to.end],
                            &evidence.text[e_start..e_end]
                        ),
                        explains: Vec::new(),
                    });
                }
            }
        }
        None
    }
}

/// Which way a verb of change goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Way {
    Up,
    Down,
}

struct ChangeWords {
    up: HashSet<String>,
    down: HashSet<String>,
}

fn change_words() -> &'static ChangeWords {
    static WORDS: OnceLock<ChangeWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = ChangeWords {
            up: HashSet::new(),
            down: HashSet::new(),
        };
        for line in data_lines(CHANGE_VERBS) {
            let Some((way, list)) = line.split_once('\t') else {
                continue;
            };
            match way {
                "up" => words.up = lemma_set(list),
                "down" => words.down = lemma_set(list),
                _ => {}
            }
        }
        words
    })
}

/// The verb of change nearest before a quantity, within [`VERB_REACH`]
/// tokens and not past another figure or a clause break.
fn way_before(analysis: &Analysis, q: &Quantity) -> Option<(usize, Way)> {
    let words = change_words();
    let start = first_token(analysis, q);
    for i in (start.saturating_sub(VERB_REACH)..start).rev() {
        let token = &analysis.tokens[i];
        if matches!(token.text.as_str(), "," | ";" | "." | ":") {
            return None;
        }
        if words.up.contains(&token.lemma) {
            return Some((i, Way::Up));
        }
        if words.down.contains(&token.lemma) {
            return Some((i, Way::Down));
        }
    }
    None
}

/// The same figure after verbs of change that go opposite ways.
pub struct ChangeDirection;

impl Rule for ChangeDirection {
    fn name(&self) -> &'static str {
        "change_direction"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let (statement, evidence) = (pair.statement, pair.evidence);
        for q in &statement.quantities {
            let Some((s, way)) = way_before(statement, q) else {
                continue;
            };
            for e in evidence
                .quantities
                .iter()
                .filter(|e| pair.in_focus[e.first_token])
            {
                // Only figures that count the same thing: a unit on both sides.
                if q.unit.is_none() || q.unit != e.unit || !agrees(q, e) {
                    continue;
                }
                let Some((v, evidence_way)) = way_before(evidence, e) else {
                    continue;
                };
                if evidence_way != way {
                    let token = &statement.tokens[s];
                    let verb = &evidence.tokens[v];
                    return Some(RuleConflict {
                        kind: FindingKind::Direction,
                        statement: (token.start, token.end),
                        evidence: (verb.start, verb.end),
                        note: format!(
                            "the statement says \"{}\" {} where the evidence says \"{}\" {}",
                            token.text,
                            &statement.text[q.start..q.end],
                            verb.text,
                            &evidence.text[e.start..e.end]
                        ),
                        explains: vec![s],
                    });
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

    #[test]
    fn reversed_from_to_is_a_conflict() {
        let statement = "Math proficiency slipped from 35% to 33%.";
        let evidence = "Math proficiency rose from 33% to 35% this year.";
        let conflict = check(&FromToReversed, statement, evidence).unwrap();
        assert_eq!(conflict.kind, FindingKind::Direction);
        let (stated, found) = spans(statement, evidence, &conflict);
        assert_eq!(stated, "35% to 33%");
        assert_eq!(found, "33% to 35%");
    }

    #[test]
    fn to_from_order_is_read_too() {
        let evidence = "Gross margin narrowed to 31.2% from 33.5% a year earlier.";
        assert!(check(
            &FromToReversed,
            "Gross margin went from 31.2% to 33.5%.",
            evidence
        )
        .is_some());
        assert!(check(
            &FromToReversed,
            "Gross margin went from 33.5% to 31.2%.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn up_from_and_a_gap_before_to_are_read_too() {
        let evidence = "Gulf states and private foundations together pledged $230 million, up from $150 million.";
        let statement = "Gulf states and foundations pledged $150 million for aid, down from $230 million a year earlier.";
        let conflict = check(&FromToReversed, statement, evidence).unwrap();
        assert_eq!(
            spans(statement, evidence, &conflict),
            (
                "$150 million for aid, down from $230 million".into(),
                "$230 million, up from $150 million".into()
            )
        );
        assert!(check(
            &FromToReversed,
            "Gulf states pledged $230 million, up from $150 million a year earlier.",
            evidence
        )
        .is_none());
        let evidence = "The price of wheat rose from $212 a tonne in April to $281 last week.";
        assert!(check(
            &FromToReversed,
            "The price of wheat fell from $281 a tonne to $212.",
            evidence
        )
        .is_some());
        assert!(check(
            &FromToReversed,
            "The price of wheat went from $212 to $281.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn change_verb_the_other_way_is_a_conflict() {
        let statement = "Revenue fell 4.3% in the quarter.";
        let evidence = "Revenue rose 4.3% to $312 million in the quarter.";
        let conflict = check(&ChangeDirection, statement, evidence).unwrap();
        assert_eq!(
            spans(statement, evidence, &conflict),
            ("fell".into(), "rose".into())
        );
        assert!(check(
            &ChangeDirection,
            "Revenue grew 4.3% in the quarter.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn another_figure_is_not_read_as_a_direction() {
        // 40% is a share, not a change: no verb of change before it.
        let evidence = "Steel accounts for about 40% of material costs.";
        assert!(check(&ChangeDirection, "Steel costs fell 40%.", evidence).is_none());
    }
}
