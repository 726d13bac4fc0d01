//! Who did what to whom, read from the dependency parse: the statement's
//! subject and object of a predicate found the other way round in the
//! evidence. "Castle Rovers beat Riverside United" against "Riverside
//! United beat Castle Rovers"; "Brightline Controls took over Halvorsen"
//! against "Brightline Controls, a sensor maker that Halvorsen took over".
//!
//! Each side's roles are read by meaning, not position: the agent is the
//! subject of an active verb or the `by` phrase of a passive one, the
//! patient the object of an active verb or the subject of a passive one;
//! a relative pronoun ("that", "who") stands for the noun its clause
//! modifies, and an apposition ("a sensor maker") for the name it renames.
//! Predicates whose two roles can be swapped without changing the fact
//! ("met", "drew with": `data/lexicon/rules/symmetric_verbs.txt`) are left
//! alone.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{data_lines, Pair, Rule, RuleConflict};
use crate::compare::FindingKind;
use crate::extract::TokenKind;
use crate::syntax::{Tree, Upos};

const SYMMETRIC_VERBS: &str = include_str!("../../../data/lexicon/rules/symmetric_verbs.txt");

fn symmetric_verbs() -> &'static HashSet<&'static str> {
    static VERBS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    VERBS.get_or_init(|| data_lines(SYMMETRIC_VERBS).collect())
}

/// The agent and the patient of one predicate, as words of its tree.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Roles {
    agent: usize,
    patient: usize,
}

/// What an argument word stands for: a relative pronoun for the noun its
/// clause modifies, an apposition for the name it renames.
fn referent(tree: &Tree, verb: usize, mut word: usize) -> usize {
    if tree.is_relative_pronoun(word) {
        if let Some(noun) = tree.relative_antecedent(verb) {
            word = noun;
        }
    }
    if tree.word(word).rel.is("appos") {
        if let Some(head) = tree.head(word) {
            word = head;
        }
    }
    word
}

/// The agent and patient of `verb`, as far as the parse gives them.
fn some_roles(tree: &Tree, verb: usize) -> (Option<usize>, Option<usize>) {
    let subject = tree.subject_of(verb);
    let (agent, patient) = if tree.is_passive(verb) {
        let agent = tree.children_with(verb, "obl").find(|&c| {
            tree.word(c).rel.as_str() == "obl:agent"
                || tree.case_of(c).is_some_and(|m| tree.word(m).lemma == "by")
        });
        (agent, subject)
    } else {
        // An object relative clause without its pronoun ("the firm
        // Halvorsen bought"): the patient is the noun the clause modifies.
        let object = tree
            .object_of(verb)
            .or_else(|| subject.and_then(|_| tree.relative_antecedent(verb)));
        (subject, object)
    };
    (
        agent.map(|a| referent(tree, verb, a)),
        patient.map(|p| referent(tree, verb, p)),
    )
}

/// The agent and patient of `verb`, when it has both.
fn roles(tree: &Tree, verb: usize) -> Option<Roles> {
    let (agent, patient) = some_roles(tree, verb);
    let roles = Roles {
        agent: agent?,
        patient: patient?,
    };
    (roles.agent != roles.patient).then_some(roles)
}

/// Where the statement's argument `word` landed in the evidence: the
/// joined-text offsets of the evidence tokens its name's words aligned with.
fn landings(pair: &Pair, tree: &Tree, word: usize) -> Vec<usize> {
    let (start, end) = tree.name_span(word);
    pair.statement
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.start >= start && t.end <= end && t.is_content())
        .filter_map(|(i, _)| pair.alignment[i])
        .map(|(e, _)| pair.evidence.tokens[e].start)
        .collect()
}

/// Whether any of `offsets` (joined text) falls in the name of evidence
/// word `word` (focus-tree offsets shifted by `shift`).
fn lands_in(offsets: &[usize], tree: &Tree, word: usize, shift: usize) -> bool {
    let (start, end) = tree.name_span(word);
    offsets
        .iter()
        .any(|&o| o >= start + shift && o < end + shift)
}

/// Whether some aligned statement word has aligned names before and
/// after it whose evidence positions are not in the same order around
/// its own, or a passive on either side: "A beat B" against "B beat A" or
/// "B was beaten by A", but not against "A beat B 4-3". A cheap test, done
/// before any parse; the parse then decides which word is the verb.
fn has_reordered_triple(pair: &Pair) -> bool {
    let landed: Vec<(usize, usize)> = pair
        .alignment
        .iter()
        .enumerate()
        .filter(|(s, _)| pair.statement.tokens[*s].is_content())
        .filter_map(|(s, a)| a.map(|(e, _)| (s, e)))
        // Only the focus is parsed, so only what landed there can swap.
        .filter(|&(_, e)| pair.in_focus[e])
        .collect();
    let by_after = |tokens: &[crate::extract::Token], i: usize| {
        tokens.iter().skip(i + 1).take(3).any(|t| t.lower == "by")
    };
    let in_name = |s: usize| pair.statement.is_in_entity(s);
    landed.iter().enumerate().any(|(k, &(s, middle))| {
        let before = landed[..k]
            .iter()
            .filter(|&&(s, _)| in_name(s))
            .map(|&(_, e)| e);
        let after = || {
            landed[k + 1..]
                .iter()
                .filter(|&&(s, _)| in_name(s))
                .map(|&(_, e)| e)
        };
        // One side passive, the other not: the same order may hide a swap.
        let is_passive =
            by_after(&pair.statement.tokens, s) != by_after(&pair.evidence.tokens, middle);
        let before: Vec<usize> = before.collect();
        let has_names = !before.is_empty() && after().next().is_some();
        // Any lower-case word may be the predicate: "beat", "buys" and
        // "leads" look like nothing else before the parse.
        let token = &pair.statement.tokens[s];
        let is_verb = !in_name(s) && token.kind == TokenKind::Word && !token.is_capitalized;
        has_names
            && is_verb
            && (is_passive
                || before
                    .iter()
                    .any(|&a| after().any(|p| !(a < middle && middle < p))))
    })
}

/// The statement's agent and patient of an aligned predicate are the
/// evidence's patient and agent.
pub struct SwappedRoles;

impl Rule for SwappedRoles {
    fn name(&self) -> &'static str {
        "roles"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let statement = pair.statement;
        // Only aligned words on either side of an aligned word that the
        // evidence does not keep in the same order (a swap, a passive, a
        // relative clause) can have changed roles: looked for before
        // anything is parsed.
        if !has_reordered_triple(pair) {
            return None;
        }
        let stated = statement.tree();
        let shift = pair.window.focus_start();
        for verb in 0..stated.len() {
            let word = stated.word(verb);
            if word.upos != Upos::Verb || symmetric_verbs().contains(word.lemma.as_str()) {
                continue;
            }
            let Some(found) = pair.aligned_focus_word(word.start) else {
                continue;
            };
            let Some(stated_roles) = roles(stated, verb) else {
                continue;
            };
            let agent_lands = landings(pair, stated, stated_roles.agent);
            let patient_lands = landings(pair, stated, stated_roles.patient);
            if agent_lands.is_empty() || patient_lands.is_empty() {
                continue;
            }
            let tree = pair.window.focus_tree();
            // The evidence's parse may miss one role ("Riverside United
            // beat Castle Rovers" read with `beat` joined to the first
            // name): the one it gives decides, if it is the other way round.
            let (found_agent, found_patient) = some_roles(tree, found);
            let lands = |offsets: &[usize], role: Option<usize>| {
                role.is_some_and(|w| lands_in(offsets, tree, w, shift))
            };
            let agent_received = lands(&agent_lands, found_patient)
                && !lands(&agent_lands, found_agent)
                && (found_agent.is_none() || lands(&patient_lands, found_agent));
            let patient_acted = lands(&patient_lands, found_agent)
                && !lands(&patient_lands, found_patient)
                && (found_patient.is_none() || lands(&agent_lands, found_patient));
            if !(agent_received || patient_acted) {
                continue;
            }
            let name = |w: usize| {
                let (start, end) = tree.name_span(w);
                (start, end, &tree.text()[start..end])
            };
            let (stated_start, stated_end) = stated.name_span(stated_roles.agent);
            let verb_text = &statement.text[word.start..word.end];
            let mut note = format!(
                "who did it, by \"{verb_text}\": \"{}\" in the statement",
                &statement.text[stated_start..stated_end]
            );
            if let Some(agent) = found_agent {
                note.push_str(&format!(", \"{}\" in the evidence", name(agent).2));
            }
            if let Some(patient) = found_patient {
                let joint = if found_agent.is_some() {
                    ", which has"
                } else {
                    ", while the evidence has"
                };
                note.push_str(&format!(
                    "{joint} \"{}\" on the receiving end",
                    name(patient).2
                ));
            }
            // The evidence's agent, or where the statement's agent landed.
            let Some((start, end, _)) = found_agent.or(found_patient).map(name) else {
                continue;
            };
            return Some(RuleConflict {
                kind: FindingKind::RoleSwap,
                statement: (stated_start, stated_end),
                evidence: (start + shift, end + shift),
                note,
                explains: Vec::new(),
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, spans};
    use super::*;

    fn swapped(statement: &str, evidence: &str) -> Option<(String, String)> {
        check(&SwappedRoles, statement, evidence).map(|c| spans(statement, evidence, &c))
    }

    #[test]
    fn defeated_reversed_is_a_conflict() {
        let statement = "Tate defeated Calloway in the mayoral race.";
        let evidence = "Calloway defeated Tate by nearly 9,000 votes in the mayoral race.";
        assert_eq!(
            swapped(statement, evidence),
            Some(("Tate".into(), "Calloway".into()))
        );
    }

    #[test]
    fn passive_with_agent_gives_the_same_roles() {
        // The same fact in the passive is no conflict; the roles reversed are.
        let agrees = "The Harlow Group acquired Denby Foods in March.";
        let evidence = "Denby Foods was acquired by the Harlow Group in March.";
        assert_eq!(swapped(agrees, evidence), None);
        let reversed = "Denby Foods acquired the Harlow Group in March.";
        assert_eq!(
            swapped(reversed, evidence),
            Some(("Denby Foods".into(), "Harlow Group".into()))
        );
    }

    #[test]
    fn relative_clause_stands_for_its_noun() {
        let statement = "Brightline Controls took over Halvorsen in June.";
        let evidence =
            "Sales came from Brightline Controls, a sensor maker that Halvorsen took over in June.";
        assert_eq!(
            swapped(statement, evidence),
            Some(("Brightline Controls".into(), "Halvorsen".into()))
        );
    }

    #[test]
    fn a_verb_like_any_other_word_is_found() {
        // "beat" has no ending that marks it a verb; the parse does.
        let statement = "Castle Rovers beat Riverside United.";
        let evidence =
            "Riverside United beat Castle Rovers 4-3 on penalties in the county cup final.";
        let found = swapped(statement, evidence).expect("a role swap");
        assert_eq!(found.0, "Castle Rovers");
        assert!(found.1.starts_with("Castle Rovers"), "{found:?}");
    }

    #[test]
    fn one_role_of_the_evidence_decides_when_the_parse_misses_the_other() {
        // Read as `beat` joined to "Riverside United", the evidence's verb
        // has an object and no subject: the statement's agent on the
        // receiving end is enough.
        let evidence =
            "Riverside United beat Castle Rovers 4-3 on penalties in the county cup final.";
        let tree = crate::syntax::parse(evidence);
        let beat = (0..tree.len()).find(|&w| tree.form(w) == "beat").unwrap();
        let (agent, patient) = some_roles(&tree, beat);
        assert_eq!(agent, None, "the parse this test is about has no subject");
        assert_eq!(tree.form(patient.unwrap()), "Rovers");
        let agrees = "Riverside United beat Castle Rovers.";
        assert_eq!(swapped(agrees, evidence), None);
    }

    #[test]
    fn same_roles_are_no_conflict() {
        assert_eq!(
            swapped(
                "Castle Rovers beat Riverside United.",
                "Castle Rovers beat Riverside United 4-3 on penalties."
            ),
            None
        );
    }

    #[test]
    fn symmetric_predicates_may_swap() {
        assert_eq!(
            swapped(
                "Ines Calloway met Raymond Tate on Monday.",
                "Raymond Tate met Ines Calloway on Monday."
            ),
            None
        );
    }
}
