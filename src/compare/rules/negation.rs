//! A predicate affirmed where the evidence denies another in its place:
//! "The board allowed Hollin to build a road" against "The board did not
//! approve Hollin's request to build a road"; "the companies intend to
//! recover the cost" against "the companies would not seek to recover the
//! costs".
//!
//! The comparison's own negation check needs the two predicates to align
//! (the same word, a synonym); here they differ, and what ties them is the
//! slot: the statement's predicate has no counterpart, and the evidence
//! word between the same neighbours is a verb under a negation.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{data_lines, Pair, Rule, RuleConflict};
use crate::compare::{is_negation_head, is_predicate_like, slot_in_evidence, FindingKind};
use crate::extract::{is_negated, Token, TokenKind};
use crate::lexicon;
use crate::syntax::Upos;

const NEGATIVE_VERBS: &str = include_str!("../../../data/lexicon/rules/negative_verbs.txt");

/// The list, each verb as the tokenizer's lemma ("declin" for "decline")
/// with its particle, if any.
fn negative_verbs() -> &'static HashSet<String> {
    static VERBS: OnceLock<HashSet<String>> = OnceLock::new();
    VERBS.get_or_init(|| {
        data_lines(NEGATIVE_VERBS)
            .map(|line| match line.split_once(' ') {
                Some((verb, particle)) => format!("{} {particle}", lexicon::lemma(verb)),
                None => lexicon::lemma(line),
            })
            .collect()
    })
}

/// Whether the verb at `s` says that something did not happen ("rejected",
/// "turned down"): it agrees with a denial rather than conflicting.
fn is_negative_verb(tokens: &[Token], s: usize) -> bool {
    let lemma = tokens[s].lemma.as_str();
    let phrasal = tokens
        .get(s + 1)
        .map(|next| format!("{lemma} {}", next.lower));
    negative_verbs().contains(lemma) || phrasal.is_some_and(|p| negative_verbs().contains(&p))
}

/// How far from the predicate its aligned neighbours may stand, on each
/// side, in tokens: a determiner and a word or two.
const NEIGHBOUR_REACH: usize = 4;

/// An affirmed statement predicate against a denied one in its slot.
pub struct DeniedInItsPlace;

impl Rule for DeniedInItsPlace {
    fn name(&self) -> &'static str {
        "negated_slot"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let (statement, evidence) = (pair.statement, pair.evidence);
        if evidence.negations.is_empty() {
            return None;
        }
        let anchors: Vec<Option<usize>> =
            pair.alignment.iter().map(|a| a.map(|(e, _)| e)).collect();
        let is_aligned_to = |e: usize| anchors.contains(&Some(e));
        for (s, token) in statement.tokens.iter().enumerate() {
            if token.kind != TokenKind::Word
                || !token.is_content()
                || pair.alignment[s].is_some()
                || statement.is_in_entity(s)
                || is_negated(&statement.negations, s)
                || !statement.negations.is_empty()
                || is_negative_verb(&statement.tokens, s)
            {
                continue;
            }
            // Both neighbours must be aligned and near, on both sides: the
            // predicate's own arguments ("the board [allowed] Hollin" and
            // "the board [did not approve] Hollin's request").
            let near =
                |i: &usize| s.abs_diff(*i) <= NEIGHBOUR_REACH && statement.tokens[*i].is_content();
            let left = (0..s).rev().filter(near).find_map(|i| anchors[i]);
            let right = (s + 1..anchors.len()).filter(near).find_map(|i| anchors[i]);
            let (Some(l), Some(r)) = (left, right) else {
                continue;
            };
            if r <= l || r - l > 2 * NEIGHBOUR_REACH + 2 {
                continue;
            }
            let slot = slot_in_evidence(&anchors, s, s + 1, evidence);
            let denied = slot.iter().copied().filter(|&e| l < e && e < r).find(|&e| {
                pair.in_focus[e]
                    && evidence.tokens[e].kind == TokenKind::Word
                    && is_negation_head(&evidence.negations, e)
                    && !is_aligned_to(e)
            });
            let Some(e) = denied else {
                continue;
            };
            // Only now the parse: the tagger's verb, or an inflected form
            // it did not call a noun or an adjective ("cooling" in "periods
            // of cooling" is not).
            let tree = statement.tree();
            let upos = tree.word_at(token.start).map(|w| tree.word(w).upos);
            let is_verb = upos == Some(Upos::Verb)
                || (is_predicate_like(&statement.tokens, s)
                    && !matches!(upos, Some(Upos::Noun | Upos::Adj | Upos::Propn)));
            if !is_verb {
                continue;
            }
            let cue = evidence
                .negations
                .iter()
                .find(|n| n.scope.first() == Some(&e))
                .map_or(e, |n| n.token);
            let found = &evidence.tokens[e];
            let (start, end) = (evidence.tokens[cue].start.min(found.start), found.end);
            return Some(RuleConflict {
                kind: FindingKind::Negation,
                statement: (token.start, token.end),
                evidence: (start, end),
                note: format!(
                    "the statement says \"{}\" where the evidence says \"{}\"",
                    token.text,
                    &evidence.text[start..end]
                ),
                explains: vec![s],
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, spans};
    use super::*;

    fn denied(statement: &str, evidence: &str) -> Option<(String, String)> {
        check(&DeniedInItsPlace, statement, evidence).map(|c| spans(statement, evidence, &c))
    }

    #[test]
    fn affirmed_where_another_verb_is_denied_is_a_conflict() {
        assert_eq!(
            denied(
                "The board allowed Hollin to build a new access road.",
                "The board did not approve Hollin's request to build a new access road."
            ),
            Some(("allowed".into(), "not approve".into()))
        );
    }

    #[test]
    fn a_negative_verb_agrees_with_a_denial() {
        assert_eq!(
            denied(
                "The board turned down Hollin's request to build a road.",
                "The board did not approve Hollin's request to build a road."
            ),
            None
        );
    }

    #[test]
    fn a_denial_without_the_same_arguments_is_no_conflict() {
        assert_eq!(
            denied(
                "The owners have said they are confident about the pension scheme.",
                "There had been fears that the new owners would not take on the existing pension scheme."
            ),
            None
        );
    }

    #[test]
    fn a_denial_elsewhere_in_the_sentence_is_no_conflict() {
        assert_eq!(
            denied(
                "The board approved the budget.",
                "The board approved the budget, and the mayor did not object."
            ),
            None
        );
    }

    #[test]
    fn a_statement_that_denies_too_is_left_to_the_negation_check() {
        assert_eq!(
            denied(
                "The board refused to allow the road.",
                "The board did not approve the road."
            ),
            None
        );
    }
}
