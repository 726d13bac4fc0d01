//! Two names that trade places, read from the dependency parse: the
//! statement puts one name in a slot the evidence gives another name that
//! the statement also mentions, elsewhere. "The United States was the
//! largest single donor, followed by the European Union" against "The
//! European Union was the largest single donor, followed by the United
//! States"; "Tessaline complained that the allocation entrenches
//! Brightwing's dominance" against "Brightwing filed a complaint, arguing
//! that the allocation entrenches Tessaline's dominance".
//!
//! A slot is a word and a role there, voice undone ([`Tree::role_of`]):
//! the subject of "donor", the possessor of "dominance", the object of
//! "took over". Conjuncts and appositions share the slot of the word they
//! join, so a list ("the EU and the United States were the largest
//! donors") is no exchange. The test is strict on purpose: both names are
//! in both texts, the evidence's filler of the slot is the statement's
//! other name, and the statement's name is not among that slot's fillers.

use super::{
    focus_tokens, is_personal_pronoun, opening_name, sentence_before_tokens, Pair, Rule,
    RuleConflict,
};
use crate::compare::FindingKind;
use crate::extract::{Entity, Token};
use crate::syntax::{Role, Tree, Upos};

/// The word a name is an argument or a modifier of, and its role there;
/// a name that a copula equates with a noun fills that noun's subject slot.
/// Conjuncts and appositions take the slot of the word they join.
fn slot_of(tree: &Tree, word: usize) -> Option<(usize, Role)> {
    // "The top scorer was Karim Odeh" says what "Karim Odeh was the top
    // scorer" says: the name fills the subject slot of the noun.
    let equated = |w: usize| {
        let noun = tree
            .subject_of(w)
            .filter(|&s| tree.word(s).upos == Upos::Noun)?;
        tree.children_with(w, "cop")
            .next()
            .map(|_| (noun, Role::Agent))
    };
    let name = tree.name_head(word);
    if let Some(slot) = equated(name) {
        return Some(slot);
    }
    let argument = joined(tree, name);
    if let Some(slot) = equated(argument) {
        return Some(slot);
    }
    Some((tree.head(argument)?, tree.role_of(argument)?))
}

/// The word a conjunct or an apposition joins, climbed to the first of
/// a chain ("the chair, Lena Morrow, and Oren Pike": `chair`), or `word`.
fn joined(tree: &Tree, mut word: usize) -> usize {
    while tree.word(word).rel.is("conj") || tree.word(word).rel.is("appos") {
        match tree.head(word) {
            Some(head) => word = head,
            None => break,
        }
    }
    word
}

/// The names of `tree` that fill `role` of word `head`: its own
/// arguments (a relative pronoun among them standing for its name), and
/// for a verb without a subject of its own, its first conjunct's subject
/// ("Halvorsen agreed to buy it and took it over": `Halvorsen` is the
/// subject of both).
fn fillers(tree: &Tree, names: &[usize], head: usize, role: &Role) -> Vec<usize> {
    let mut found: Vec<usize> = names
        .iter()
        .copied()
        .filter(|&w| slot_of(tree, w).is_some_and(|(h, r)| h == head && r == *role))
        .collect();
    // A relative pronoun in the slot stands for the name its clause
    // modifies: "the Eastern Shipping Company, which won the contract".
    let relative = tree
        .children(head)
        .iter()
        .copied()
        .find(|&c| tree.is_relative_pronoun(c) && tree.role_of(c).as_ref() == Some(role));
    if let Some(pronoun) = relative {
        found.extend(antecedent(tree, names, head, pronoun).filter(|a| !found.contains(a)));
    }
    let word = tree.word(head);
    let borrows_subject = found.is_empty()
        && *role == Role::Agent
        && word.rel.is("conj")
        && tree.subject_of(head).is_some();
    match word.head {
        Some(first) if borrows_subject && tree.is_passive(first) == tree.is_passive(head) => {
            fillers(tree, names, first, role)
        }
        _ => found,
    }
}

/// The name a relative clause headed by `verb` modifies
/// ([`Tree::relative_antecedent`]), through an apposition: `Brightline`
/// for "Brightline Controls, a sensor maker that Halvorsen took over".
/// Where the parse hangs the clause elsewhere, the name right before the
/// relative pronoun `pronoun` (and a comma) is the one.
fn antecedent(tree: &Tree, names: &[usize], verb: usize, pronoun: usize) -> Option<usize> {
    let named = tree.relative_antecedent(verb).and_then(|mut noun| {
        if tree.word(noun).rel.is("appos") {
            noun = tree.head(noun)?;
        }
        Some(tree.name_head(noun)).filter(|n| names.contains(n))
    });
    named.or_else(|| {
        let before = (0..pronoun)
            .rev()
            .find(|&w| tree.word(w).upos != Upos::Punct)?;
        Some(tree.name_head(before)).filter(|n| names.contains(n))
    })
}

/// Whether `name` is equated by a copula with `noun`, a singular definite
/// noun ("the chair", "the jury's chair"): a role one holder fills.
fn is_one_holder(tree: &Tree, noun: usize, name: usize, role: &Role) -> bool {
    let word = tree.word(noun);
    let is_definite = tree.children(noun).iter().any(|&c| {
        let child = tree.word(c);
        (child.rel.is("det") && child.lemma == "the") || child.rel.as_str() == "nmod:poss"
    });
    let argument = joined(tree, tree.name_head(name));
    let has_copula = |w: usize| tree.children_with(w, "cop").next().is_some();
    *role == Role::Agent
        && word.upos == Upos::Noun
        && word.xpos.as_str() == "NN"
        && is_definite
        && (has_copula(noun) || has_copula(argument))
        && !tree
            .children(argument)
            .iter()
            .any(|&c| tree.word(c).rel.is("conj"))
}

/// A role that compares rather than places: the `than` or `as` phrase.
fn is_comparison(role: &Role) -> bool {
    matches!(role, Role::Oblique(p) | Role::Modifier(p) if p == "than" || p == "as")
}

/// The heads of the names of `tree`: proper nouns, and capitalised nouns
/// after the first word ("the Rural Landowners' Association", with
/// `Association` tagged a common noun), each name once.
fn names(tree: &Tree) -> impl Iterator<Item = usize> + '_ {
    let is_capitalized = |w: usize| tree.form(w).chars().next().is_some_and(char::is_uppercase);
    let is_name = move |w: usize| match tree.word(w).upos {
        Upos::Propn => true,
        Upos::Noun => w > 0 && is_capitalized(w),
        _ => false,
    };
    (0..tree.len()).filter(move |&w| {
        let inside_another = tree
            .head(w)
            .is_some_and(|h| is_name(h) && tree.name_words(h).contains(&w));
        is_name(w) && tree.name_head(w) == w && !inside_another
    })
}

/// The capitalised words of the name headed by `word`, lower-cased.
fn name_key(tree: &Tree, word: usize) -> Vec<String> {
    tree.name_words(word)
        .into_iter()
        .map(|w| tree.form(w))
        .filter(|f| f.len() > 1 && f.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .collect()
}

/// One name of the statement: its head word and where it landed in the
/// evidence (joined-text offsets of the evidence tokens its words aligned
/// with).
struct Name {
    word: usize,
    key: Vec<String>,
    landings: Vec<usize>,
}

impl Name {
    /// Whether evidence word `found` (focus tree, offsets shifted by
    /// `shift`) names this name: a word of it aligned there, or a
    /// capitalised word of both.
    fn is(&self, tree: &Tree, found: usize, shift: usize) -> bool {
        let (start, end) = tree.name_span(found);
        self.landings
            .iter()
            .any(|&o| o >= start + shift && o < end + shift)
            || name_key(tree, found).iter().any(|k| self.key.contains(k))
    }

    /// Whether two names of the statement may be one (an alias, a surname).
    fn overlaps(&self, other: &Name) -> bool {
        self.key.iter().any(|k| other.key.contains(k))
            || self.landings.iter().any(|o| other.landings.contains(o))
    }
}

/// The statement's names (`stated_names` of its tree) that landed in the
/// focus (of tree `tree`, with the names `focus_names`).
fn landed_names(
    pair: &Pair,
    (stated, stated_names): (&Tree, &[usize]),
    (tree, focus_names): (&Tree, &[usize]),
    stand_in: Option<&StandIn>,
) -> Vec<Name> {
    let statement = pair.statement;
    stated_names
        .iter()
        .filter_map(|&word| {
            let (start, end) = stated.name_span(word);
            let landings: Vec<usize> = statement
                .tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| t.start < end && t.end > start && t.is_content())
                .filter_map(|(i, _)| pair.alignment[i])
                .filter(|&(e, _)| pair.in_focus[e])
                .map(|(e, _)| pair.evidence.tokens[e].start)
                .collect();
            let key = name_key(stated, word);
            // A name the alignment placed in the title may be in the focus
            // too.
            let in_focus = !landings.is_empty()
                || focus_names
                    .iter()
                    .any(|&f| name_key(tree, f).iter().any(|k| key.contains(k)))
                || stand_in.is_some_and(|p| p.key.iter().any(|k| key.contains(k)));
            (in_focus && !key.is_empty()).then_some(Name {
                word,
                key,
                landings,
            })
        })
        .collect()
}

/// "He" or "she" opening the focus sentence, standing for the name the
/// sentence before opens with ("Ferrante had looked in control ... . She
/// led 5-4 in the second"): the pronoun's word in the focus tree, and the
/// name's capitalised words and its span in the joined text.
struct StandIn {
    word: usize,
    key: Vec<String>,
    span: (usize, usize),
}

fn opening_pronoun(pair: &Pair, tree: &Tree) -> Option<StandIn> {
    let evidence = pair.evidence;
    let word = (0..tree.len()).find(|&w| tree.word(w).upos != Upos::Punct)?;
    let is_subject_pronoun =
        is_personal_pronoun(&tree.form(word).to_lowercase()) && tree.word(word).rel.is("nsubj");
    if !is_subject_pronoun {
        return None;
    }
    let name = opening_name(evidence, &sentence_before_tokens(pair))?;
    let key = evidence.tokens[name.first_token..name.end_token]
        .iter()
        .filter(|t| t.is_capitalized && t.text.len() > 1)
        .map(|t| t.lower.clone())
        .collect();
    Some(StandIn {
        word,
        key,
        span: (name.start, name.end),
    })
}

/// The statement gives a slot one of its names where the evidence gives
/// it another, which the statement puts elsewhere.
pub struct ExchangedNames;

impl Rule for ExchangedNames {
    fn name(&self) -> &'static str {
        "exchanged_names"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let statement = pair.statement;
        // Before any parse: two names of the statement that landed in the
        // window (in the title, a name may be in the focus too), or one
        // next to a copula ("the chair was Lena Morrow", a role with one
        // holder) with a copula in the focus too.
        let landed: Vec<_> = statement
            .entities
            .iter()
            .filter(|name| (name.first_token..name.end_token).any(|s| pair.alignment[s].is_some()))
            .collect();
        let is_copula = |t: Option<&Token>| t.is_some_and(|t| t.lemma == "be");
        let equated = |name: &&Entity| {
            let tokens = &statement.tokens;
            (name.first_token > 0 && is_copula(tokens.get(name.first_token - 1)))
                || is_copula(tokens.get(name.end_token))
        };
        let one_holder = || {
            landed.first().is_some_and(equated)
                && focus_tokens(pair).any(|e| is_copula(pair.evidence.tokens.get(e)))
        };
        if landed.is_empty() || (landed.len() == 1 && !one_holder()) {
            return None;
        }
        let stated = statement.tree();
        let tree = pair.window.focus_tree();
        let (stated_words, mut focus_names): (Vec<usize>, Vec<usize>) =
            (names(stated).collect(), names(tree).collect());
        // A pronoun opening the focus fills its slot with the name it
        // stands for.
        let stand_in = opening_pronoun(pair, tree);
        let stated_names = landed_names(
            pair,
            (stated, &stated_words),
            (tree, &focus_names),
            stand_in.as_ref(),
        );
        let shift = pair.window.focus_start();
        focus_names.extend(stand_in.as_ref().map(|p| p.word));
        let names_it = |name: &Name, found: usize| match &stand_in {
            Some(p) if p.word == found => p.key.iter().any(|k| name.key.contains(k)),
            _ => name.is(tree, found, shift),
        };
        for name in &stated_names {
            let Some((head, role)) = slot_of(stated, name.word) else {
                continue;
            };
            let head_word = stated.word(head);
            if head_word.upos == Upos::Propn {
                continue;
            }
            let Some(found_head) = pair.aligned_focus_word(head_word.start) else {
                continue;
            };
            if tree.is_negated(found_head) != stated.is_negated(head) {
                continue;
            }
            let found = fillers(tree, &focus_names, found_head, &role);
            if found.is_empty() || found.iter().any(|&f| names_it(name, f)) {
                continue;
            }
            // The statement's name is in the evidence, in another slot.
            let placed_elsewhere = focus_names.iter().any(|&g| {
                !found.contains(&g)
                    && names_it(name, g)
                    && slot_of(tree, g).is_some_and(|(_, r)| !is_comparison(&r))
            });
            if !placed_elsewhere {
                continue;
            }
            // The evidence's filler is another name of the statement, which
            // the statement puts in another slot, not in a comparison
            // ("twice as many as Kestrel" may restate "half as many as
            // Orrin").
            let in_slot = fillers(stated, &stated_words, head, &role);
            let other = stated_names.iter().find_map(|other| {
                let elsewhere = !in_slot.contains(&other.word)
                    && !other.overlaps(name)
                    && slot_of(stated, other.word).is_some_and(|(_, r)| !is_comparison(&r));
                let filler = found.iter().find(|&&f| names_it(other, f))?;
                elsewhere.then_some(*filler)
            });
            // A role with one holder ("the jury's chair was Oren Pike") is
            // another's in the evidence even if the statement does not name
            // that other.
            let other = other.or_else(|| {
                let sole = is_one_holder(stated, head, name.word, &role)
                    && is_one_holder(tree, found_head, found[0], &role);
                sole.then_some(found[0])
            });
            let Some(other) = other else {
                continue;
            };
            let (stated_start, stated_end) = stated.name_span(name.word);
            // Joined-text offsets: a pronoun's name is in the sentence
            // before.
            let (start, end) = match &stand_in {
                Some(p) if p.word == other => p.span,
                _ => {
                    let (start, end) = tree.name_span(other);
                    (start + shift, end + shift)
                }
            };
            let explains = statement
                .tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| t.start < stated_end && t.end > stated_start)
                .map(|(i, _)| i)
                .collect();
            return Some(RuleConflict {
                kind: FindingKind::RoleSwap,
                statement: (stated_start, stated_end),
                evidence: (start, end),
                note: format!(
                    "the {} of \"{}\": \"{}\" in the statement, \"{}\" in the evidence",
                    role.describe(),
                    &statement.text[head_word.start..head_word.end],
                    &statement.text[stated_start..stated_end],
                    &pair.evidence.text[start..end],
                ),
                explains,
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, check_after, spans, spans_after};
    use super::*;

    #[test]
    fn a_pronoun_opening_the_sentence_stands_for_the_name_before() {
        let before = "Ferrante had looked in control after taking the first set.";
        let evidence = "She led 5-4 in the second, but Lindqvist forced a tiebreak.";
        let statement = "Lindqvist led 5-4 in the second set before Ferrante forced a tiebreak.";
        let conflict = check_after(&ExchangedNames, statement, before, evidence).unwrap();
        assert_eq!(
            spans_after(statement, before, evidence, &conflict),
            ("Lindqvist".into(), "Ferrante".into())
        );
        let statement = "Ferrante led 5-4 in the second set before Lindqvist forced a tiebreak.";
        assert!(check_after(&ExchangedNames, statement, before, evidence).is_none());
        // A name before the pronoun's sentence that is not its opening
        // word stands for nothing.
        let before = "After the first set, Ferrante looked in control.";
        let statement = "Lindqvist led 5-4 in the second set before Ferrante forced a tiebreak.";
        assert!(check_after(&ExchangedNames, statement, before, evidence).is_none());
    }

    fn exchanged(statement: &str, evidence: &str) -> Option<(String, String)> {
        check(&ExchangedNames, statement, evidence).map(|c| spans(statement, evidence, &c))
    }

    const DONORS: &str = "The European Union was the largest single donor, pledging 520 million euros, followed by the United States with 410 million dollars.";

    #[test]
    fn subject_of_a_nominal_predicate_exchanged_is_a_conflict() {
        let found = exchanged(
            "The United States was the largest single donor, followed by the European Union.",
            DONORS,
        )
        .expect("an exchange");
        assert_eq!(found.0, "United States");
        assert!(found.1.contains("European Union"), "{found:?}");
    }

    #[test]
    fn a_name_a_copula_equates_with_a_noun_fills_its_subject_slot() {
        let evidence = "The league's top scorer was Karim Odeh of Northfield, with 19 goals, ahead of Wexley's Luis Marr with 15.";
        let found = exchanged(
            "The league's top scorer was Luis Marr, ahead of Karim Odeh.",
            evidence,
        )
        .expect("an exchange");
        assert_eq!(found, ("Luis Marr".into(), "Karim Odeh".into()));
        assert_eq!(
            exchanged("Karim Odeh was the league's top scorer.", evidence),
            None
        );
    }

    #[test]
    fn another_holder_of_a_one_holder_role_is_a_conflict() {
        let evidence = "The jury's chair was the sculptor Oren Pike, who replaced Lena Morrow after she stepped down in March.";
        let found = exchanged("The jury's chair was Lena Morrow.", evidence).expect("a conflict");
        assert_eq!(found, ("Lena Morrow".into(), "Oren Pike".into()));
        assert_eq!(
            exchanged("The chair of the jury was Oren Pike.", evidence),
            None
        );
        // A member of a jury is one of several.
        assert_eq!(
            exchanged(
                "Lena Morrow was a member of the jury.",
                "Oren Pike was a member of the jury, with Lena Morrow."
            ),
            None
        );
    }

    #[test]
    fn a_name_equated_in_a_relative_clause_fills_the_nouns_slot() {
        let evidence = "Costa, whose teacher was Brandt, thanked the Ferris Foundation.";
        assert_eq!(
            exchanged("Brandt's teacher was Costa.", evidence),
            Some(("Costa".into(), "Brandt".into()))
        );
        assert_eq!(exchanged("Costa's teacher was Brandt.", evidence), None);
    }

    #[test]
    fn a_name_ending_in_a_common_noun_is_one_name() {
        // `Association` is tagged a common noun, `Landowners` its possessor.
        let evidence = "The largest single donor to the Yes campaign was the Aldravan Federation of Trade Unions; the No campaign's biggest backer was the Rural Landowners' Association.";
        let found = exchanged(
            "The Rural Landowners' Association was the biggest single donor to the Yes campaign.",
            evidence,
        )
        .expect("another holder");
        assert!(found.0.ends_with("Association"), "{found:?}");
        assert!(found.1.contains("Federation"), "{found:?}");
    }

    #[test]
    fn a_relative_pronoun_stands_for_the_name_it_follows() {
        let evidence = "The new terminal will be run by the Eastern Shipping Company, which won the contract over Baltic Freight Services.";
        let found = exchanged(
            "Baltic Freight Services won the contract over the Eastern Shipping Company.",
            evidence,
        )
        .expect("an exchange");
        assert_eq!(found.0, "Baltic Freight Services");
        assert!(found.1.contains("Eastern Shipping Company"), "{found:?}");
        assert_eq!(
            exchanged(
                "The Eastern Shipping Company won the contract over Baltic Freight Services.",
                evidence
            ),
            None
        );
    }

    #[test]
    fn the_same_slots_are_no_conflict() {
        assert_eq!(
            exchanged(
                "The European Union was the largest single donor, followed by the United States.",
                DONORS
            ),
            None
        );
    }

    #[test]
    fn possessor_exchanged_is_a_conflict() {
        let evidence = "Brightwing has filed a complaint with the regulator, arguing that the allocation entrenches Tessaline's dominance.";
        let found = exchanged(
            "Tessaline has complained to the regulator that the allocation entrenches Brightwing's dominance.",
            evidence,
        )
        .expect("an exchange");
        assert!(found.0.starts_with("Brightwing"), "{found:?}");
        assert!(found.1.starts_with("Tessaline"), "{found:?}");
    }

    #[test]
    fn a_name_listed_with_the_filler_is_no_conflict() {
        assert_eq!(
            exchanged(
                "Ferrante and Lindqvist reached the final after Ferrante beat Osei.",
                "Lindqvist reached the final, and Ferrante beat Osei."
            ),
            None
        );
    }

    #[test]
    fn a_name_the_evidence_does_not_mention_is_left_to_other_checks() {
        // Osei is not in the evidence: a substitution, not an exchange.
        assert_eq!(
            exchanged(
                "Osei beat Lindqvist in the final.",
                "Ferrante beat Lindqvist in the final."
            ),
            None
        );
    }

    #[test]
    fn a_comparison_turned_round_is_no_conflict() {
        assert_eq!(
            exchanged(
                "Orrin shipped about twice as many phones as Kestrel last year.",
                "She estimated that Kestrel shipped 41 million phones last year, about half as many as its largest rival, Orrin."
            ),
            None
        );
    }

    #[test]
    fn a_conjoined_verb_borrows_its_first_conjuncts_subject() {
        let evidence = "Sales came from Brightline Controls, a sensor maker that Halvorsen agreed to buy in April and took over in June.";
        let found = exchanged("Brightline Controls took over Halvorsen in June.", evidence)
            .expect("an exchange");
        assert_eq!(found, ("Brightline Controls".into(), "Halvorsen".into()));
        assert_eq!(
            exchanged("Halvorsen took over Brightline Controls in June.", evidence),
            None
        );
    }

    #[test]
    fn passive_and_active_fill_the_same_slots() {
        let evidence = "Denby Foods was acquired by the Harlow Group in March.";
        assert_eq!(
            exchanged("The Harlow Group acquired Denby Foods in March.", evidence),
            None
        );
        assert!(exchanged("Denby Foods acquired the Harlow Group in March.", evidence).is_some());
    }

    #[test]
    fn the_note_names_the_role_and_both_names() {
        let conflict = check(
            &ExchangedNames,
            "The United States was the largest single donor, followed by the European Union.",
            DONORS,
        )
        .expect("a conflict");
        assert!(
            conflict
                .note
                .starts_with("the subject of \"donor\": \"United States\" in the statement"),
            "{}",
            conflict.note
        );
    }
}
