//! Two events in the wrong order: "held its first hearing before the board
//! adopted a tentative budget" where the evidence says "adopted a tentative
//! budget on April 8 and held its first public hearing three weeks later".
//!
//! The statement's two events are the verbs on either side of `before` or
//! `after`; each must align with the evidence. The evidence orders them by
//! the dates that follow them ("on April 8" ... "on April 29"), by a word
//! that puts the later one after the earlier ("three weeks later",
//! "then", "followed"), or by its own `before` or `after` between them.
//! Evidence that orders them neither way says nothing here.

use std::cmp::Ordering;

use super::{Pair, Rule, RuleConflict};
use crate::compare::is_predicate_like;
use crate::compare::FindingKind;
use crate::extract::{Analysis, DateMention, TokenKind};
use crate::syntax::Upos;

/// How many tokens after its verb a date may stand and still date it
/// ("adopted a tentative budget on April 8").
const DATE_REACH: usize = 8;

/// How many tokens after its verb a word like "later" may stand ("held its
/// first public hearing three weeks later").
const LATER_REACH: usize = 8;

/// The order a text gives two events: which comes first in time, and the
/// token that says so.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Order {
    /// `Less`: the first event happened before the second.
    first_vs_second: Ordering,
    /// The byte span of what tells (a date, "later", "after").
    cue: (usize, usize),
}

/// The statement's connector and the words its events may be: the
/// aligned content words of the clause on either side, nearest first (a
/// comma or other mark ends a clause), and the order the connector states
/// (`Less`: the first event happened before the second, "before").
struct Candidates {
    connector: usize,
    stated: Ordering,
    first: Vec<usize>,
    second: Vec<usize>,
}

fn event_candidates(pair: &Pair) -> Option<Candidates> {
    let tokens = &pair.statement.tokens;
    let connector = tokens
        .iter()
        .position(|t| matches!(t.lower.as_str(), "before" | "after"))?;
    let aligned = |i: &usize| pair.alignment[*i].is_some() && tokens[*i].is_content();
    let is_boundary = |i: &usize| tokens[*i].kind == TokenKind::Punct;
    Some(Candidates {
        connector,
        stated: if tokens[connector].lower == "before" {
            Ordering::Less
        } else {
            Ordering::Greater
        },
        first: (0..connector)
            .rev()
            .take_while(|i| !is_boundary(i))
            .filter(aligned)
            .collect(),
        second: (connector + 1..tokens.len())
            .take_while(|i| !is_boundary(i))
            .filter(aligned)
            .collect(),
    })
}

/// The events among the candidates: on each side the nearest verb, or
/// failing that the nearest candidate (the tagger may read "cut" as a
/// noun; "forecast" in "cut its forecast" stands for the same event).
fn stated_events(pair: &Pair, candidates: &Candidates) -> Option<(usize, usize)> {
    let tokens = &pair.statement.tokens;
    let tree = pair.statement.tree();
    let is_verb = |i: usize| {
        tree.word_at(tokens[i].start)
            .is_some_and(|w| tree.word(w).upos == Upos::Verb)
            || is_predicate_like(tokens, i)
    };
    let pick = |side: &[usize]| {
        side.iter()
            .copied()
            .find(|&i| is_verb(i))
            .or_else(|| side.first().copied())
    };
    Some((pick(&candidates.first)?, pick(&candidates.second)?))
}

/// How the evidence orders the statement's events `first` and `second`,
/// when it is the other way round from `stated`.
fn contrary_order(pair: &Pair, first: usize, second: usize, stated: Ordering) -> Option<Order> {
    let (e_first, e_second) = (pair.alignment[first]?.0, pair.alignment[second]?.0);
    if e_first == e_second {
        return None;
    }
    let (a, b) = (e_first.min(e_second), e_first.max(e_second));
    let found = evidence_order(pair.evidence, a, b)?;
    // In the statement's terms: does its first event come first?
    let found_first_vs_second = if e_first < e_second {
        found.first_vs_second
    } else {
        found.first_vs_second.reverse()
    };
    (found_first_vs_second != stated).then_some(found)
}

/// Year, month and day of a date, for ordering two dates of one text; a
/// date without a year is taken to be in the year of the other.
fn date_key(date: &DateMention) -> Option<(Option<i32>, u32, u32)> {
    if date.relative.is_some() || date.is_decade {
        return None;
    }
    match (date.year, date.month) {
        (None, None) => None,
        (year, month) => Some((year, month.unwrap_or(0), date.day.unwrap_or(0))),
    }
}

fn compare_dates(a: &DateMention, b: &DateMention) -> Option<Ordering> {
    let (ka, kb) = (date_key(a)?, date_key(b)?);
    let years = match (ka.0, kb.0) {
        (Some(x), Some(y)) => x.cmp(&y),
        // Months alone order only within one year.
        _ => Ordering::Equal,
    };
    let order = years.then((ka.1, ka.2).cmp(&(kb.1, kb.2)));
    // Same day or a date too coarse to tell: no order.
    (order != Ordering::Equal && ka.1 != 0 && kb.1 != 0 || years != Ordering::Equal)
        .then_some(order)
}

/// The date right after verb `e` (within [`DATE_REACH`]), not past `stop`.
fn date_after(evidence: &Analysis, e: usize, stop: usize) -> Option<&DateMention> {
    evidence
        .dates
        .iter()
        .find(|d| d.first_token > e && d.first_token <= e + DATE_REACH && d.first_token < stop)
}

/// How the evidence orders its events at tokens `a` and `b` (`a` the one
/// written first).
fn evidence_order(evidence: &Analysis, a: usize, b: usize) -> Option<Order> {
    let tokens = &evidence.tokens;
    // A connector of the evidence's own right before the second: "A after
    // B" (within the reach of a date: the clause it opens).
    if let Some(cue) = (a + 1..b)
        .filter(|&i| b - i <= DATE_REACH)
        .find(|&i| matches!(tokens[i].lower.as_str(), "before" | "after"))
    {
        let first_vs_second = if tokens[cue].lower == "before" {
            Ordering::Less
        } else {
            Ordering::Greater
        };
        return Some(Order {
            first_vs_second,
            cue: (tokens[cue].start, tokens[cue].end),
        });
    }
    // Dates after each.
    if let (Some(da), Some(db)) = (
        date_after(evidence, a, b),
        date_after(evidence, b, usize::MAX),
    ) {
        if let Some(first_vs_second) = compare_dates(da, db) {
            return Some(Order {
                first_vs_second,
                cue: (db.start, db.end),
            });
        }
    }
    // "... and B three weeks later", "and then B", "followed by B".
    let later = (b + 1..(b + LATER_REACH + 1).min(tokens.len()))
        .find(|&i| {
            matches!(
                tokens[i].lower.as_str(),
                "later" | "afterwards" | "afterward"
            )
        })
        .or_else(|| {
            (a + 1..b).find(|&i| {
                matches!(
                    tokens[i].lower.as_str(),
                    "then" | "followed" | "subsequently"
                )
            })
        });
    later.map(|cue| Order {
        first_vs_second: Ordering::Less,
        cue: (tokens[cue].start, tokens[cue].end),
    })
}

/// Whether the evidence has anything [`evidence_order`] reads: a
/// connector, two dates, or a word such as "later" or "then".
fn has_order_cue(evidence: &Analysis) -> bool {
    evidence.dates.len() >= 2
        || evidence.tokens.iter().any(|t| {
            matches!(
                t.lower.as_str(),
                "before"
                    | "after"
                    | "later"
                    | "afterwards"
                    | "afterward"
                    | "then"
                    | "followed"
                    | "subsequently"
            )
        })
}

/// "A before B" where the evidence has B first.
pub struct WrongOrder;

impl Rule for WrongOrder {
    fn name(&self) -> &'static str {
        "time_order"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let (statement, evidence) = (pair.statement, pair.evidence);
        // Parsing is the cost. A statement without the words, evidence with
        // nothing that orders events, or candidates no pair of which the
        // evidence orders the other way (the parse only chooses among
        // them) are not parsed.
        let candidates = event_candidates(pair)?;
        if !has_order_cue(evidence) {
            return None;
        }
        let may_conflict = candidates.first.iter().any(|&f| {
            candidates
                .second
                .iter()
                .any(|&s| contrary_order(pair, f, s, candidates.stated).is_some())
        });
        if !may_conflict {
            return None;
        }
        let (first, second) = stated_events(pair, &candidates)?;
        let found = contrary_order(pair, first, second, candidates.stated)?;
        let connector = candidates.connector;
        let token = &statement.tokens[connector];
        let (said, other) = (&statement.tokens[first], &statement.tokens[second]);
        Some(RuleConflict {
            kind: FindingKind::TimeOrder,
            statement: (token.start, token.end),
            evidence: found.cue,
            note: format!(
                "the statement has \"{}\" {} \"{}\"; the evidence has them the other way round (\"{}\")",
                said.text,
                token.lower,
                other.text,
                &evidence.text[found.cue.0..found.cue.1]
            ),
            explains: vec![connector],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, spans};
    use super::*;

    fn wrong(statement: &str, evidence: &str) -> Option<(String, String)> {
        check(&WrongOrder, statement, evidence).map(|c| spans(statement, evidence, &c))
    }

    #[test]
    fn later_after_the_second_event_orders_them() {
        let evidence = "The council adopted a draft plan on March 3 and held its first public hearing two weeks later.";
        assert_eq!(
            wrong(
                "The council held its first public hearing before it adopted a draft plan.",
                evidence
            ),
            Some(("before".into(), "later".into()))
        );
        assert_eq!(
            wrong(
                "The council held its first public hearing after it adopted a draft plan.",
                evidence
            ),
            None
        );
    }

    #[test]
    fn dates_order_the_events() {
        let evidence =
            "The union members ratified the deal on Sept. 4, and the board approved it on Sept. 9.";
        assert_eq!(
            wrong(
                "The board approved the deal before the union members ratified it.",
                evidence
            ),
            Some(("before".into(), "Sept. 9".into()))
        );
        assert_eq!(
            wrong(
                "The board approved the deal after the union members ratified it.",
                evidence
            ),
            None
        );
    }

    #[test]
    fn the_evidence_connector_orders_them() {
        let evidence = "The airline cut its forecast after fuel prices rose.";
        assert_eq!(
            wrong(
                "The airline cut its forecast before fuel prices rose.",
                evidence
            ),
            Some(("before".into(), "after".into()))
        );
        assert_eq!(
            wrong(
                "Fuel prices rose before the airline cut its forecast.",
                evidence
            ),
            None
        );
    }

    #[test]
    fn evidence_without_an_order_says_nothing() {
        assert_eq!(
            wrong(
                "The board approved the deal before the members ratified it.",
                "The members ratified the deal and the board approved it."
            ),
            None
        );
    }
}
