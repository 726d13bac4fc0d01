//! A figure given to the wrong argument of a predicate, read from the
//! dependency parse: "Carrow received 210 millimetres of rain" where the
//! evidence says "The province received 94 millimetres of rain ..., less
//! than half the long-term average of 210 millimetres". The 210 is in the
//! evidence, but as the average's; what was received is 94.
//!
//! For each figure of the statement that is an argument of a verb (its
//! subject, object or an oblique, directly or as the number of the noun
//! that is), the verb aligned in the evidence is looked up there: if the
//! evidence's verb has the same argument (the same role, the same
//! preposition) with a figure of the same kind that differs, and no figure
//! of that argument is the statement's, the statement gives the verb
//! another figure than the evidence does. Passive and active voice give
//! the same roles (the object of an active verb is the subject of a
//! passive one).

use super::{Pair, Rule, RuleConflict};
use crate::compare::FindingKind;
use crate::extract::{compare_quantities, Bound, Quantity, QuantityMatch};
use crate::syntax::{Role, Tree, Upos};

/// The predicate a figure at tree word `number` is an argument of, and the
/// role: the figure itself ("voted 1,612"), or the noun it numbers ("210
/// millimetres", "38 of the patients"), or a conjunct of either ("5% in
/// Europe and 8% in Asia"). `None` when the figure is a
/// modifier of something else ("the average of 210 millimetres"). The
/// third value is the argument's own word (the noun, or the figure).
fn argument_of(tree: &Tree, number: usize) -> Option<(usize, Role, usize)> {
    let word = tree.word(number);
    let mut argument = if word.rel.is("nummod") {
        word.head?
    } else {
        number
    };
    // "5% in Europe and 8% in Asia": each conjunct is the argument.
    while tree.word(argument).rel.is("conj") {
        argument = tree.head(argument)?;
    }
    let verb = tree.head(argument)?;
    if tree.word(verb).upos != Upos::Verb {
        return None;
    }
    let role = tree.role_of(argument)?;
    Some((verb, role, argument))
}

/// Whether two figures count the same kind of thing: the same unit, or
/// both written as bare figures.
fn same_kind(a: &Quantity, b: &Quantity) -> bool {
    a.unit == b.unit
}

/// A figure that may be placed: exact (a hedged one fits too many others),
/// with a unit (a bare one may be a score or a time).
fn is_placeable(q: &Quantity) -> bool {
    q.bound == Bound::Exact && q.high.is_none() && q.unit.is_some()
}

/// The statement gives a predicate's argument another figure than the
/// evidence does.
pub struct OtherArgument;

impl Rule for OtherArgument {
    fn name(&self) -> &'static str {
        "argument_figure"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let (statement, evidence) = (pair.statement, pair.evidence);
        // Before any parse: a placeable figure of the statement that some
        // figure of the focus contradicts.
        let differs = |q: &Quantity| {
            evidence.quantities.iter().any(|e| {
                pair.in_focus[e.first_token]
                    && same_kind(q, e)
                    && compare_quantities(q, e) == QuantityMatch::Differs
            })
        };
        if !statement
            .quantities
            .iter()
            .any(|q| is_placeable(q) && differs(q))
        {
            return None;
        }
        let stated = statement.tree();
        let tree = pair.window.focus_tree();
        let evidence_word = |e: &Quantity| pair.focus_word(e.first_token);
        for q in statement
            .quantities
            .iter()
            .filter(|q| is_placeable(q) && differs(q))
        {
            let Some(number) = stated.word_at(statement.tokens[q.first_token].start) else {
                continue;
            };
            let Some((verb, role, _)) = argument_of(stated, number) else {
                continue;
            };
            let verb_word = stated.word(verb);
            let Some(found_verb) = pair.aligned_focus_word(verb_word.start) else {
                continue;
            };
            if tree.word(found_verb).upos != Upos::Verb
                || tree.is_negated(found_verb) != stated.is_negated(verb)
            {
                continue;
            }
            // The evidence's figures of the same argument of the same verb,
            // with the argument's word.
            let in_focus = || {
                evidence
                    .quantities
                    .iter()
                    .filter(|o| pair.in_focus[o.first_token] && same_kind(q, o))
            };
            let same_argument: Vec<(&Quantity, usize)> = in_focus()
                .filter_map(|o| {
                    let (v, r, node) = evidence_word(o).and_then(|w| argument_of(tree, w))?;
                    (v == found_verb && r == role).then_some((o, node))
                })
                .collect();
            if same_argument
                .iter()
                .any(|(o, _)| compare_quantities(q, o) != QuantityMatch::Differs)
            {
                continue;
            }
            let Some(&(other, _)) = same_argument.first() else {
                continue;
            };
            // The statement's figure inside that argument's phrase ("5% in
            // Europe and 8% in Asia", with the second figure parsed under
            // "Europe") may be one of its conjuncts: not placed elsewhere.
            let is_inside = |m: &Quantity| {
                evidence_word(m).is_some_and(|w| {
                    same_argument
                        .iter()
                        .any(|&(_, node)| tree.subtree(node).contains(&w))
                })
            };
            if in_focus()
                .any(|m| compare_quantities(q, m) != QuantityMatch::Differs && is_inside(m))
            {
                continue;
            }
            let found = &evidence.tokens[other.first_token];
            return Some(RuleConflict {
                kind: FindingKind::Number,
                statement: (q.start, q.end),
                evidence: (other.start, other.end),
                note: format!(
                    "the {} of \"{}\": \"{}\" in the statement, \"{}\" in the evidence",
                    role.describe(),
                    &statement.text[verb_word.start..verb_word.end],
                    &statement.text[q.start..q.end],
                    &evidence.text[other.start..other.end.max(found.end)],
                ),
                explains: vec![q.first_token],
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, spans};
    use super::*;

    fn other_argument(statement: &str, evidence: &str) -> Option<(String, String)> {
        check(&OtherArgument, statement, evidence).map(|c| spans(statement, evidence, &c))
    }

    const RAIN: &str = "The province received 94 millimetres of rain between April and July, less than half the long-term average of 210 millimetres for those months.";

    #[test]
    fn number_on_another_noun_conflicts_with_the_verbs_own() {
        assert_eq!(
            other_argument(
                "Carrow received 210 millimetres of rain between April and July.",
                RAIN
            ),
            Some(("210 millimetres".into(), "94 millimetres".into()))
        );
    }

    #[test]
    fn the_note_names_the_role_and_both_figures() {
        let conflict = check(
            &OtherArgument,
            "Carrow received 210 millimetres of rain between April and July.",
            RAIN,
        )
        .expect("a conflict");
        assert_eq!(
            conflict.note,
            "the object of \"received\": \"210 millimetres\" in the statement, \"94 millimetres\" in the evidence"
        );
    }

    #[test]
    fn the_verbs_own_figure_is_no_conflict() {
        assert_eq!(
            other_argument(
                "Carrow received 94 millimetres of rain between April and July.",
                RAIN
            ),
            None
        );
    }

    #[test]
    fn a_figure_coordinated_with_the_verbs_own_is_no_conflict() {
        let sales = "Sales rose 5% in Europe and 8% in Asia during the quarter.";
        assert_eq!(
            other_argument("Sales rose 8% in Asia during the quarter.", sales),
            None
        );
        assert_eq!(
            other_argument(
                "Rangers signed 5 players in January.",
                "Rangers signed 3 players in January after selling 5 players to rival clubs."
            ),
            Some(("5 players".into(), "3 players".into()))
        );
    }

    #[test]
    fn passive_and_active_give_the_same_role() {
        assert_eq!(
            other_argument(
                "The city sold 40 buses.",
                "Forty buses were sold by the city, and 12 trams were kept."
            ),
            None
        );
        assert_eq!(
            other_argument(
                "The city sold 40 buses.",
                "Twelve buses were sold by the city."
            ),
            Some(("40 buses".into(), "Twelve buses".into()))
        );
    }
}
