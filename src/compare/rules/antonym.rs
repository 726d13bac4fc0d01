//! An opposite predicate found through its arguments.
//!
//! The comparison's own antonym check looks for the opposite of an
//! unaligned statement word where the word would stand. Two shapes escape
//! it, and these rules read them from the words next to the predicate:
//!
//! - [`OppositeBesideArgument`]: the opposite stands next to the same
//!   argument, in the other voice too: "the commission rejected the
//!   proposal" where the evidence says "the proposal was endorsed by the
//!   commission".
//! - [`OppositeBeforeObject`]: the statement's verb aligned with the same
//!   verb elsewhere in the sentence, while its object follows the
//!   opposite verb: "voters approved Measure C" where the evidence says
//!   "approved Measure B ... but rejected Measure C".
//!
//! Opposites are the lexicon's ([`lexicon::are_antonyms`]); a negation on
//! one side only ("did not reject") makes them agree.

use super::{focus_tokens, Pair, Rule, RuleConflict, SLOT_REACH};
use crate::compare::{is_predicate_like, FindingKind};
use crate::extract::{is_negated, Analysis, TokenKind};
use crate::lexicon;
use crate::syntax::Tree;

/// A form of "be" right before a participle: the passive voice.
fn is_passive(analysis: &Analysis, e: usize) -> bool {
    e > 0
        && matches!(
            analysis.tokens[e - 1].lower.as_str(),
            "was" | "were" | "is" | "are" | "been" | "be" | "being"
        )
}

/// Evidence positions of the content words within [`SLOT_REACH`] after
/// (`after`) or before statement token `s`.
fn landed(pair: &Pair, s: usize, after: bool) -> Vec<usize> {
    let range = if after {
        s + 1..(s + SLOT_REACH + 1).min(pair.statement.tokens.len())
    } else {
        s.saturating_sub(SLOT_REACH)..s
    };
    range
        .filter(|&i| pair.statement.tokens[i].is_content())
        .filter_map(|i| pair.alignment[i].map(|(e, _)| e))
        .collect()
}

fn conflict(pair: &Pair, s: usize, e: usize) -> RuleConflict {
    RuleConflict::words(FindingKind::Antonym, pair, s, e)
}

/// The statement names both ends itself ("wet and dry regions", "primary
/// and secondary schools"): its word is one of a pair, not a claim.
fn says_both(statement: &Analysis, s: usize) -> bool {
    let lemma = &statement.tokens[s].lemma;
    statement
        .tokens
        .iter()
        .any(|t| lexicon::are_antonyms(lemma, &t.lemma))
}

/// Whether the lexicon knows an opposite of `lemma` at all: most words
/// have none, and are not looked for in the evidence.
fn has_opposite(lemma: &str) -> bool {
    !lexicon::antonyms_of(lemma).is_empty()
}

/// [`lexicon::are_antonyms`] through the word's short list of opposites:
/// the rules ask it of one statement word against every evidence word, and
/// a scan of a few lemmas is cheaper than hashing each pair.
fn is_opposite(lemma: &str, other: &str) -> bool {
    lemma != other && lexicon::antonyms_of(lemma).contains(&other)
}

fn agree_in_polarity(pair: &Pair, s: usize, e: usize) -> bool {
    is_negated(&pair.statement.negations, s) == is_negated(&pair.evidence.negations, e)
}

/// The opposite of an unaligned statement word, next to the same argument.
pub struct OppositeBesideArgument;

impl Rule for OppositeBesideArgument {
    fn name(&self) -> &'static str {
        "antonym_argument"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let (statement, evidence) = (pair.statement, pair.evidence);
        for (s, token) in statement.tokens.iter().enumerate() {
            if pair.alignment[s].is_some()
                || token.kind != TokenKind::Word
                || !token.is_content()
                || token.is_capitalized
                || !has_opposite(&token.lemma)
                || says_both(statement, s)
            {
                continue;
            }
            let (before, after) = (landed(pair, s, false), landed(pair, s, true));
            if before.is_empty() && after.is_empty() {
                continue;
            }
            let opposite = focus_tokens(pair).find(|&e| {
                let word = &evidence.tokens[e];
                if word.kind != TokenKind::Word || !is_opposite(&token.lemma, &word.lemma) {
                    return false;
                }
                let near_before = |a: &usize| *a < e && e - *a <= SLOT_REACH;
                let near_after = |a: &usize| *a > e && *a - e <= SLOT_REACH;
                // In the passive the object stands before the verb.
                let flipped = is_passive(evidence, e)
                    && (after.iter().any(near_before) || before.iter().any(|a| *a > e));
                let same_side = before.iter().any(near_before) || after.iter().any(near_after);
                (same_side || flipped) && agree_in_polarity(pair, s, e)
            });
            if let Some(e) = opposite {
                return Some(conflict(pair, s, e));
            }
        }
        None
    }
}

/// The object follows the opposite of the statement's verb.
pub struct OppositeBeforeObject;

impl Rule for OppositeBeforeObject {
    fn name(&self) -> &'static str {
        "antonym_object"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let (statement, evidence) = (pair.statement, pair.evidence);
        for (s, token) in statement.tokens.iter().enumerate() {
            let Some((verb_at, _)) = pair.alignment[s] else {
                continue;
            };
            if token.kind != TokenKind::Word || !token.is_content() || !has_opposite(&token.lemma) {
                continue;
            }
            // Where the words after the verb (its object) landed: all of
            // them (two at least, when it has two) must follow the opposite
            // verb, so that one shared word ("increases" in "followed
            // increases in temperature" / "led to an increase in CO2") is
            // not read as the same object.
            let object: Vec<usize> = landed(pair, s, true)
                .into_iter()
                .filter(|&a| a > verb_at && pair.in_focus[a])
                .collect();
            let needed = object.len().min(2);
            let opposite = object.iter().find_map(|&object_at| {
                (object_at.saturating_sub(SLOT_REACH)..object_at)
                    .filter(|&e| e > verb_at)
                    .find(|&e| {
                        let word = &evidence.tokens[e];
                        let follows = object
                            .iter()
                            .filter(|&&a| a > e && a - e <= SLOT_REACH + 2)
                            .count();
                        word.kind == TokenKind::Word
                            && follows >= needed
                            && is_opposite(&token.lemma, &word.lemma)
                            && agree_in_polarity(pair, s, e)
                    })
            });
            if let Some(e) = opposite {
                return Some(conflict(pair, s, e));
            }
        }
        None
    }
}

/// The opposite verb over the same object, read from both parses: "the
/// court upheld the Court of Appeal's 2022 decision" where the evidence
/// says "the judgment overturns a 2022 decision of the Court of Appeal".
/// In the evidence's parse, the object is the verb's `obj` or its passive
/// subject; the statement's is read from the words after its verb.
pub struct OppositeOverSameObject;

/// How many tokens after the statement's verb its object phrase may reach
/// ("upheld the Court of Appeal's 2022 decision").
const OBJECT_REACH: usize = 8;

/// The verb whose object word `w` is, if it is one.
fn verb_over(tree: &Tree, w: usize) -> Option<usize> {
    let rel = tree.word(w).rel;
    (rel.is("obj") || rel.as_str() == "nsubj:pass")
        .then(|| tree.head(w))
        .flatten()
}

impl Rule for OppositeOverSameObject {
    fn name(&self) -> &'static str {
        "antonym_object_parse"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let (statement, evidence) = (pair.statement, pair.evidence);
        // The statement's verb: an unaligned word that looks like one
        // (inflected, or after an auxiliary) whose antonym is in the focus.
        // Its object is read from the words after it, up to the end of the
        // clause; only the evidence is parsed.
        let shift = pair.window.focus_start();
        for (s, t) in statement.tokens.iter().enumerate() {
            let is_candidate = t.kind == TokenKind::Word
                && t.is_content()
                && pair.alignment[s].is_none()
                && has_opposite(&t.lemma)
                && is_predicate_like(&statement.tokens, s)
                && focus_tokens(pair).any(|e| is_opposite(&t.lemma, &evidence.tokens[e].lemma));
            if !is_candidate {
                continue;
            }
            let object_words = (s + 1..(s + 1 + OBJECT_REACH).min(statement.tokens.len()))
                .take_while(|&o| statement.tokens[o].kind != TokenKind::Punct)
                .filter(|&o| statement.tokens[o].is_content());
            let tree = pair.window.focus_tree();
            let opposite = object_words.into_iter().find_map(|o| {
                let (e_object, _) = pair.alignment[o]?;
                if !pair.in_focus[e_object] {
                    return None;
                }
                let found_object =
                    tree.word_at(evidence.tokens[e_object].start.checked_sub(shift)?)?;
                let found_verb = verb_over(tree, found_object)?;
                let e = evidence.token_starting_at(tree.word(found_verb).start + shift)?;
                let found = &evidence.tokens[e];
                let opposite = lexicon::are_antonyms(&t.lemma, &found.lemma)
                    && is_negated(&statement.negations, s) == is_negated(&evidence.negations, e);
                opposite.then_some(e)
            });
            let Some(e) = opposite else {
                continue;
            };
            return Some(RuleConflict::words(FindingKind::Antonym, pair, s, e));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, spans};
    use super::*;

    #[test]
    fn rejected_vs_endorsed_in_the_passive() {
        let statement = "The Planning Commission rejected the zoning proposal on February 6.";
        let evidence = "The proposal was endorsed by the Planning Commission on February 6.";
        let conflict = check(&OppositeBesideArgument, statement, evidence).unwrap();
        assert_eq!(
            spans(statement, evidence, &conflict),
            ("rejected".into(), "endorsed".into())
        );
        let agreeing = "The proposal was not endorsed by the Planning Commission on February 6.";
        assert!(check(&OppositeBesideArgument, statement, agreeing).is_none());
    }

    #[test]
    fn a_pair_named_in_the_statement_is_not_a_claim_of_one_end() {
        let evidence = "Tablets are used in 68% of primary and 69% of secondary schools.";
        assert!(check(
            &OppositeBesideArgument,
            "Tablets are used in primary and secondary schools.",
            evidence
        )
        .is_none());
        let names = "It is larger than the North Island.";
        assert!(check(
            &OppositeBesideArgument,
            "It is larger than the South Island.",
            names
        )
        .is_none());
    }

    #[test]
    fn opposite_far_from_the_argument_is_not_a_conflict() {
        let evidence = "The commission endorsed the budget in May, and in a separate vote the council later rejected a plan for parking.";
        assert!(check(
            &OppositeBesideArgument,
            "The commission rejected the budget.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn voted_for_vs_voted_against() {
        // "approved" aligns with the first "approved"; the measure follows "rejected".
        let statement = "Voters approved the term-limit measure on Tuesday.";
        let evidence =
            "Voters approved a bond for repairs but rejected the term-limit measure on Tuesday.";
        let conflict = check(&OppositeBeforeObject, statement, evidence).unwrap();
        assert_eq!(
            spans(statement, evidence, &conflict),
            ("approved".into(), "rejected".into())
        );
        assert!(check(
            &OppositeBeforeObject,
            "Voters approved a bond for repairs on Tuesday.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn one_shared_word_is_not_the_same_object() {
        let evidence = "Higher CO2 concentrations have led to an increase in dissolved CO2.";
        assert!(check(
            &OppositeBeforeObject,
            "CO2 followed increases in temperature.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn opposite_verb_over_the_same_object_from_the_parse() {
        let statement = "The Supreme Court upheld the appeals court's 2022 decision.";
        let evidence = "The judgment overturns a 2022 decision of the appeals court.";
        let conflict = check(&OppositeOverSameObject, statement, evidence).expect("a conflict");
        assert_eq!(
            spans(statement, evidence, &conflict),
            ("upheld".to_string(), "overturns".to_string())
        );
        assert!(check(
            &OppositeOverSameObject,
            "The Supreme Court reviewed the appeals court's 2022 decision.",
            evidence
        )
        .is_none());
    }
}
