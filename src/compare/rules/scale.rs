//! The other end of one scale: "the smallest share" where the evidence
//! says "the highest share", "a pricier alternative" where it says "a
//! cheaper model", "half" where it says "twice". The scales are in
//! `data/lexicon/rules/scales.tsv`, as written (comparatives and
//! superlatives listed); a word and its opposite must stand in the same
//! slot (next to words that align), and a negation on one side only
//! ("not cheap" vs "expensive") makes them agree.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{data_lines, focus_tokens, same_slot, word_set, Pair, Rule, RuleConflict};
use crate::compare::FindingKind;
use crate::extract::is_negated;

const SCALES: &str = include_str!("../../../data/lexicon/rules/scales.tsv");

/// Each scale word, with its scale's number and its end (false: low).
fn scale_words() -> &'static HashMap<String, (usize, bool)> {
    static WORDS: OnceLock<HashMap<String, (usize, bool)>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = HashMap::new();
        for (scale, line) in data_lines(SCALES).enumerate() {
            let mut fields = line.split('\t').skip(1);
            let (Some(low), Some(high)) = (fields.next(), fields.next()) else {
                continue;
            };
            for word in word_set(low) {
                words.insert(word, (scale, false));
            }
            for word in word_set(high) {
                words.insert(word, (scale, true));
            }
        }
        words
    })
}

/// Whether a comparison is said from the other side: "Orrin shipped twice
/// as many as Kestrel" and "Kestrel shipped half as many as Orrin" agree.
/// True when the name nearest before the statement's word aligns with a
/// name after the evidence's word.
fn is_comparison_reversed(pair: &Pair, s: usize, e: usize) -> bool {
    let Some(subject) = pair
        .statement
        .entities
        .iter()
        .rev()
        .find(|n| n.end_token <= s)
    else {
        return false;
    };
    (subject.first_token..subject.end_token).any(|i| pair.alignment[i].is_some_and(|(a, _)| a > e))
}

/// A statement word at one end of a scale, the evidence at the other.
pub struct OppositeEnd;

impl Rule for OppositeEnd {
    fn name(&self) -> &'static str {
        "scale"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let words = scale_words();
        let (statement, evidence) = (pair.statement, pair.evidence);
        for (s, token) in statement.tokens.iter().enumerate() {
            if pair.alignment[s].is_some() {
                continue;
            }
            let Some(&(scale, end)) = words.get(&token.lower) else {
                continue;
            };
            let opposite = focus_tokens(pair).find(|&e| {
                words.get(&evidence.tokens[e].lower) == Some(&(scale, !end))
                    && same_slot(pair, s, e)
                    && is_negated(&statement.negations, s) == is_negated(&evidence.negations, e)
            });
            if let Some(e) = opposite.filter(|&e| !is_comparison_reversed(pair, s, e)) {
                return Some(RuleConflict::words(FindingKind::Scale, pair, s, e));
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
    fn smallest_vs_highest_share_is_a_conflict() {
        let statement = "Eastgate has the smallest share of low-income students.";
        let evidence = "Eastgate has the highest share of low-income students in the district.";
        let conflict = check(&OppositeEnd, statement, evidence).unwrap();
        assert_eq!(
            spans(statement, evidence, &conflict),
            ("smallest".into(), "highest".into())
        );
    }

    #[test]
    fn half_vs_twice_is_a_conflict() {
        let evidence =
            "Annual sales are roughly $1.2 billion, about twice what it reported a decade ago.";
        assert!(check(
            &OppositeEnd,
            "Annual sales are about half what it reported a decade ago.",
            evidence
        )
        .is_some());
        assert!(check(
            &OppositeEnd,
            "Annual sales are about twice what it reported a decade ago.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn a_comparison_from_the_other_side_agrees() {
        let evidence = "Kestrel shipped 41 million phones, about half as many as its rival, Orrin.";
        assert!(check(
            &OppositeEnd,
            "Orrin shipped about twice as many phones as Kestrel.",
            evidence
        )
        .is_none());
        assert!(check(
            &OppositeEnd,
            "Kestrel shipped about twice as many phones as Orrin.",
            evidence
        )
        .is_some());
    }

    #[test]
    fn opposite_word_elsewhere_in_the_sentence_is_not_a_conflict() {
        // "more" belongs to another slot ("more people"), far from "prices".
        let evidence = "Prices stayed low this year, and more people than ever travelled by train to the coast.";
        assert!(check(&OppositeEnd, "Prices stayed low this year.", evidence).is_none());
        assert!(check(
            &OppositeEnd,
            "Train prices were high this year.",
            "Train prices were not high this year."
        )
        .is_none());
    }
}
