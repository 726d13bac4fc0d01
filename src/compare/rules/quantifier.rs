//! All against part: "all 180 slots" where the evidence says "96 of the
//! 180", "won every ward" where it says "carried 19 of the city's 27
//! wards", "approved unanimously" where the vote was 5-2, "the full $300
//! million" where it says half. The words are in
//! `data/lexicon/rules/quantifiers.tsv`. The partial expression must stand
//! near where a word next to the statement's quantifier aligned.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{data_lines, word_set, Pair, Rule, RuleConflict};
use crate::compare::FindingKind;
use crate::extract::{is_negated, small_number, Analysis, TokenKind};
use crate::lexicon;

const QUANTIFIERS: &str = include_str!("../../../data/lexicon/rules/quantifiers.tsv");

/// How far from the quantifier its noun may stand ("all of the new daily
/// slots"), and how far from that noun's counterpart the partial
/// expression may stand ("19 of the city's 27 wards").
const REACH: usize = 4;

/// How far after its quantifier the quantified noun may stand.
const NOUN_REACH: usize = 6;

struct Quantifiers {
    all: HashSet<String>,
    part: HashSet<String>,
}

/// Whether a word (lower case) says all of a group: "every", "all",
/// "unanimously".
pub(in crate::compare) fn is_universal(lower: &str) -> bool {
    quantifiers().all.contains(lower)
}

fn quantifiers() -> &'static Quantifiers {
    static WORDS: OnceLock<Quantifiers> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = Quantifiers {
            all: HashSet::new(),
            part: HashSet::new(),
        };
        for line in data_lines(QUANTIFIERS) {
            match line.split_once('\t') {
                Some(("all", list)) => words.all = word_set(list),
                Some(("part", list)) => words.part = word_set(list),
                _ => {}
            }
        }
        words
    })
}

fn number_at(analysis: &Analysis, i: usize) -> Option<f64> {
    let token = analysis.tokens.get(i)?;
    if token.kind != TokenKind::Number {
        return None;
    }
    token.text.replace(',', "").parse().ok()
}

/// A partial expression that covers evidence token `anchor` (the word a
/// quantified statement word aligned with), as a token span: a part word
/// right before it ("only 12 turbines"), "N of (the ...) M" with N < M
/// right before it ("19 of the city's 27 wards"), or, for `is_vote` (the
/// statement says "unanimous"), a split vote "N-M" / "N to M" near it.
fn partial_before(analysis: &Analysis, anchor: usize, is_vote: bool) -> Option<(usize, usize)> {
    let tokens = &analysis.tokens;
    let reach = anchor.saturating_sub(REACH + 2);
    if is_vote {
        let around = reach..(anchor + REACH + 1).min(tokens.len());
        return around.into_iter().find_map(|i| {
            let n = number_at(analysis, i)?;
            let is_split = tokens
                .get(i + 1)
                .is_some_and(|t| t.text == "-" || t.lower == "to");
            let m = number_at(analysis, i + 2)?;
            (is_split && m > 0.0 && m < n && n < 1000.0).then_some((i, i + 3))
        });
    }
    if let Some(span) = of_the_m_then_n(analysis, anchor) {
        return Some(span);
    }
    for i in (reach..anchor).rev() {
        // "most" and the fractions count only before "of": "the most
        // populous" is a superlative, "the third set" an ordinal.
        let needs_of = matches!(
            tokens[i].lower.as_str(),
            "most" | "third" | "thirds" | "quarter" | "quarters" | "fifth" | "fifths"
        );
        let is_part_word = quantifiers().part.contains(&tokens[i].lower)
            && (!needs_of || tokens.get(i + 1).is_some_and(|t| t.lower == "of"));
        if is_part_word && anchor - i <= REACH {
            return Some((i, i + 1));
        }
        // "N of the ... M" whose M stands right before the anchor (or
        // before a modifier or two of it: "180 new daily slots").
        let Some(n) = number_at(analysis, i) else {
            continue;
        };
        if tokens.get(i + 1).is_some_and(|t| t.lower == "of") {
            let m = (i + 2..=anchor).find_map(|j| number_at(analysis, j).map(|m| (j, m)));
            if let Some((j, m)) = m {
                if n < m && anchor - j <= 3 {
                    return Some((i, j + 1));
                }
            }
        }
    }
    None
}

/// The figure of a number written at token `i`, in digits or in words
/// ("ten", "seven").
fn value_at(analysis: &Analysis, i: usize) -> Option<f64> {
    number_at(analysis, i).or_else(|| small_number(&analysis.tokens.get(i)?.lower))
}

/// "Of the (...) M <anchor ...>, N ...", with N < M, as the span from "of"
/// to N: "Of the valley's ten hottest days on record, seven have come
/// since 2015".
fn of_the_m_then_n(analysis: &Analysis, anchor: usize) -> Option<(usize, usize)> {
    let tokens = &analysis.tokens;
    let of = (anchor.saturating_sub(REACH + 2)..anchor)
        .rev()
        .find(|&i| {
            tokens[i].lower == "of"
                && (i == 0 || matches!(tokens[i - 1].text.as_str(), "," | ";" | ":" | "—" | "."))
        })?;
    let m = (of + 1..anchor).find_map(|j| value_at(analysis, j))?;
    let comma =
        (anchor + 1..(anchor + NOUN_REACH).min(tokens.len())).find(|&j| tokens[j].text == ",")?;
    let n = value_at(analysis, comma + 1)?;
    (n < m).then_some((of, comma + 2))
}

/// The lemma of "vote", stemmed once.
fn vote_lemma() -> &'static String {
    static LEMMA: OnceLock<String> = OnceLock::new();
    LEMMA.get_or_init(|| lexicon::lemma("voted"))
}

/// A universal quantifier in the statement, a partial one in the evidence.
pub struct AllVersusPart;

impl Rule for AllVersusPart {
    fn name(&self) -> &'static str {
        "quantifier"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let (statement, evidence) = (pair.statement, pair.evidence);
        for (s, token) in statement.tokens.iter().enumerate() {
            if !quantifiers().all.contains(&token.lower) || is_negated(&statement.negations, s) {
                continue;
            }
            // Where the quantified words (after the quantifier: "all 180
            // of the new daily slots"; around "unanimously") landed.
            // "unanimously", or "every commissioner voted": a vote whose
            // split the evidence may give.
            let is_vote = token.lower.starts_with("unanimous")
                || statement.tokens[s + 1..]
                    .iter()
                    .take(NOUN_REACH)
                    .any(|t| t.lemma == *vote_lemma());
            let from = if is_vote {
                s.saturating_sub(NOUN_REACH)
            } else {
                s + 1
            };
            let near = from..(s + NOUN_REACH + 1).min(statement.tokens.len());
            let mut landed: Vec<usize> = near
                .clone()
                .filter(|&i| i != s && statement.tokens[i].is_content())
                .filter_map(|i| pair.alignment[i].map(|(e, _)| e))
                .filter(|&e| pair.in_focus[e])
                .collect();
            // A counted noun is part of its quantity ("all 180 slots"): the
            // same figure in the evidence is where it landed.
            for q in statement
                .quantities
                .iter()
                .filter(|q| near.contains(&q.first_token))
            {
                landed.extend(
                    (0..evidence.tokens.len())
                        .filter(|&e| pair.in_focus[e] && number_at(evidence, e) == Some(q.value)),
                );
            }
            for &anchor in &landed {
                let partial = partial_before(evidence, anchor, is_vote)
                    .filter(|&(first, end)| (first..end).all(|e| pair.in_focus[e]));
                if let Some((first, end)) = partial {
                    let (start, stop) =
                        (evidence.tokens[first].start, evidence.tokens[end - 1].end);
                    return Some(RuleConflict {
                        kind: FindingKind::Quantifier,
                        statement: (token.start, token.end),
                        evidence: (start, stop),
                        note: format!(
                            "the statement says \"{}\" where the evidence says \"{}\"",
                            token.text,
                            &evidence.text[start..stop]
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
    fn all_vs_96_of_180() {
        let statement = "All 180 of the new daily slots were allocated to Tessaline.";
        let evidence = "Tessaline received 96 of the 180 new daily slots.";
        let conflict = check(&AllVersusPart, statement, evidence).unwrap();
        assert_eq!(
            spans(statement, evidence, &conflict),
            ("All".into(), "96 of the 180".into())
        );
    }

    #[test]
    fn every_ward_vs_19_of_27() {
        let evidence = "Calloway carried 19 of the city's 27 wards.";
        assert!(check(&AllVersusPart, "Calloway won every ward.", evidence).is_some());
        assert!(check(&AllVersusPart, "Calloway carried 19 wards.", evidence).is_none());
    }

    #[test]
    fn unanimously_vs_a_split_vote() {
        let evidence = "The board voted 5-2 to approve the contract.";
        let conflict = check(
            &AllVersusPart,
            "The board approved the contract unanimously.",
            evidence,
        )
        .unwrap();
        assert_eq!(conflict.kind, FindingKind::Quantifier);
        let unanimous = "The board voted 7-0 to approve the contract.";
        assert!(check(
            &AllVersusPart,
            "The board approved the contract unanimously.",
            unanimous
        )
        .is_none());
    }

    #[test]
    fn every_member_voted_vs_a_split_vote() {
        let evidence = "The Board of Commissioners voted 5-2 on Tuesday to approve the budget.";
        assert!(check(
            &AllVersusPart,
            "Every commissioner voted for the budget.",
            evidence
        )
        .is_some());
        assert!(check(
            &AllVersusPart,
            "Every commissioner voted for the budget.",
            "The Board of Commissioners voted 7-0 on Tuesday to approve the budget."
        )
        .is_none());
    }

    #[test]
    fn every_one_vs_a_fraction_of_them() {
        let evidence =
            "Nearly two-thirds of last year's permits were for buildings with 50 or more units.";
        let conflict = check(
            &AllVersusPart,
            "Every home permitted last year was in a building of 50 or more units.",
            evidence,
        )
        .unwrap();
        let statement = "Every home permitted last year was in a building of 50 or more units.";
        assert_eq!(spans(statement, evidence, &conflict).1, "thirds");
        assert!(check(
            &AllVersusPart,
            statement,
            "All of last year's permits were for buildings with 50 or more units."
        )
        .is_none());
        // An ordinal is no fraction.
        assert!(check(
            &AllVersusPart,
            "She won every set of the final.",
            "She won the third set of the final 6-3."
        )
        .is_none());
    }

    #[test]
    fn all_of_them_vs_of_the_ten_seven() {
        let evidence = "Of the valley's ten hottest days on record, seven have come since 2015, said a climatologist.";
        let statement = "All of the valley's ten hottest days on record have come since 2015.";
        let conflict = check(&AllVersusPart, statement, evidence).unwrap();
        assert_eq!(
            spans(statement, evidence, &conflict).1,
            "Of the valley's ten hottest days on record, seven"
        );
        assert!(check(
            &AllVersusPart,
            statement,
            "Of the valley's ten hottest days on record, ten have come since 2015."
        )
        .is_none());
    }

    #[test]
    fn a_partition_of_something_else_is_not_a_conflict() {
        let evidence = "The owner of a chain of clinics was found guilty on 11 of 13 counts.";
        assert!(check(
            &AllVersusPart,
            "All nine of the clinics were in Harwick County.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn not_all_is_not_a_universal() {
        let evidence = "Only 12 turbines must shut down.";
        assert!(check(&AllVersusPart, "Not all turbines must shut down.", evidence).is_none());
        assert!(check(&AllVersusPart, "All turbines must shut down.", evidence).is_some());
    }
}
