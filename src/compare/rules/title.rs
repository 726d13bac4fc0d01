//! A person given another's role: "chief executive Rafael Okonjo" where
//! the evidence has "Chief Financial Officer Rafael Okonjo", "Santheran
//! trade minister Kasimir Dobrev" where it has "Velorian trade minister
//! Kasimir Dobrev", "challenger Raymond Tate" where it has "incumbent
//! Raymond Tate". The title is the run of title words
//! (`data/lexicon/rules/titles.txt`) and demonyms right before the name.
//! Titles conflict when each side has a word the other lacks ("chief
//! executive" and "chief executive officer" agree; "president" and "NFF
//! president" agree).

use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;

use super::{data_lines, Pair, Rule, RuleConflict};
use crate::compare::FindingKind;
use crate::extract::Analysis;
use crate::lexicon;

const TITLES: &str = include_str!("../../../data/lexicon/rules/titles.txt");

fn title_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| data_lines(TITLES).collect())
}

/// Whether `lower` is a word of a title or role ("councillor", "chief"):
/// a name's title says nothing of which person it names.
pub fn is_title_word(lower: &str) -> bool {
    title_words().contains(lower)
}

/// The title written right before token `name`: its words (demonyms as
/// the place they name) and the token where it starts.
fn title_before(analysis: &Analysis, name: usize) -> (BTreeSet<String>, usize) {
    let mut words = BTreeSet::new();
    let mut first = name;
    for i in (0..name).rev() {
        let token = &analysis.tokens[i];
        let lower = token.lower.as_str();
        if title_words().contains(lower) {
            words.insert(lower.to_string());
        } else if let Some(place) = lexicon::demonym_place(lower) {
            words.insert(place.to_string());
        } else if token.is_capitalized && first < name && !token.is_possessive {
            // A name that qualifies the title: "Velorian trade minister",
            // "NFF president". One word, and only before a title word;
            // a demonym may stand before it ("Icelandic Fisheries
            // Minister").
            words.insert(lower.to_string());
            first = i;
            let demonym = i
                .checked_sub(1)
                .and_then(|d| lexicon::demonym_place(&analysis.tokens[d].lower).map(|p| (d, p)));
            if let Some((d, place)) = demonym {
                words.insert(place.to_string());
                first = d;
            }
            break;
        } else {
            break;
        }
        first = i;
    }
    (words, first)
}

/// The first token of a name: the entity's first token after its title
/// words (a capitalised title is part of the entity, with what qualifies
/// it: "Velorian Trade Minister Kasimir Dobrev").
fn name_start(analysis: &Analysis, token: usize) -> Option<usize> {
    let entity = analysis
        .entities
        .iter()
        .find(|e| (e.first_token..e.end_token).contains(&token))?;
    let is_title = |i: &usize| title_words().contains(analysis.tokens[*i].lower.as_str());
    let after_title = (entity.first_token..entity.end_token)
        .filter(is_title)
        .last()
        .map_or(entity.first_token, |t| t + 1);
    (after_title < entity.end_token).then_some(after_title)
}

/// The same name with titles that say different roles.
pub struct OtherTitle;

impl Rule for OtherTitle {
    fn name(&self) -> &'static str {
        "title"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let (statement, evidence) = (pair.statement, pair.evidence);
        for entity in &statement.entities {
            let Some(s) = name_start(statement, entity.first_token) else {
                continue;
            };
            let Some((e, _)) = pair.alignment[s] else {
                continue;
            };
            if !pair.in_focus[e] || !statement.tokens[s].is_capitalized {
                continue;
            }
            let Some(e) = name_start(evidence, e) else {
                continue;
            };
            let (stated, stated_first) = title_before(statement, s);
            let (given, given_first) = title_before(evidence, e);
            let only_stated = stated.difference(&given).next().is_some();
            let only_given = given.difference(&stated).next().is_some();
            if !only_stated || !only_given {
                continue;
            }
            let (start, end) = (
                statement.tokens[stated_first].start,
                statement.tokens[s].start,
            );
            let (e_start, e_end) = (evidence.tokens[given_first].start, evidence.tokens[e].start);
            let stated_text = statement.text[start..end].trim_end();
            let given_text = evidence.text[e_start..e_end].trim_end();
            return Some(RuleConflict {
                kind: FindingKind::Title,
                statement: (start, start + stated_text.len()),
                evidence: (e_start, e_start + given_text.len()),
                note: format!(
                    "the statement calls \"{}\" \"{}\" where the evidence says \"{}\"",
                    &statement.text[entity.start..entity.end],
                    stated_text,
                    given_text
                ),
                explains: (stated_first..s).collect(),
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, spans};
    use super::*;

    #[test]
    fn other_holder_of_a_one_holder_role() {
        let statement = "Halvorsen chief executive Rafael Okonjo blamed steel costs.";
        let evidence = "Chief Financial Officer Rafael Okonjo blamed the cost of steel.";
        let conflict = check(&OtherTitle, statement, evidence).unwrap();
        assert_eq!(conflict.kind, FindingKind::Title);
        assert_eq!(
            spans(statement, evidence, &conflict),
            (
                "Halvorsen chief executive".into(),
                "Chief Financial Officer".into()
            )
        );
    }

    #[test]
    fn a_longer_form_of_the_same_title_agrees() {
        let evidence = "Chief Executive Officer Karin Lindqvist spoke to analysts.";
        assert!(check(
            &OtherTitle,
            "Chief executive Karin Lindqvist spoke to analysts.",
            evidence
        )
        .is_none());
        assert!(check(&OtherTitle, "Karin Lindqvist spoke to analysts.", evidence).is_none());
    }

    #[test]
    fn another_country_s_minister_is_a_conflict() {
        let evidence = "The deal was signed by Velorian trade minister Kasimir Dobrev.";
        assert!(check(
            &OtherTitle,
            "The deal was signed by Santheran trade minister Kasimir Dobrev.",
            evidence
        )
        .is_some());
        // A demonym before a qualifying name.
        let evidence = "Norwegian Fisheries Minister Anders Lund signed the agreement.";
        let statement = "Icelandic Fisheries Minister Anders Lund signed the agreement.";
        let conflict = check(&OtherTitle, statement, evidence).unwrap();
        assert_eq!(
            spans(statement, evidence, &conflict),
            (
                "Icelandic Fisheries Minister".into(),
                "Norwegian Fisheries Minister".into()
            )
        );
        assert!(check(
            &OtherTitle,
            "Fisheries Minister Anders Lund signed the agreement.",
            evidence
        )
        .is_none());
        // The title capitalised, and so inside the name.
        let evidence = "The deal was signed by Velorian Trade Minister Kasimir Dobrev.";
        let statement = "The deal was signed by Santheran trade minister Kasimir Dobrev.";
        let conflict = check(&OtherTitle, statement, evidence).unwrap();
        assert_eq!(
            spans(statement, evidence, &conflict),
            (
                "Santheran trade minister".into(),
                "Velorian Trade Minister".into()
            )
        );
        assert!(check(
            &OtherTitle,
            "The deal was signed by Velorian trade minister Kasimir Dobrev.",
            evidence
        )
        .is_none());
    }
}
