//! Words put in the wrong mouth: "Tate told supporters that ..." where the
//! evidence has "... , Calloway told supporters". The speaker of a speech
//! verb (`data/lexicon/claims/speech_verbs.txt`) is the name right before
//! it ("Calloway said"), right after it ("said Calloway") or after
//! "according to". When the evidence gives a pronoun ("she wrote"), its
//! speaker is unknown here and the rule says nothing.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{data_lines, Pair, Rule, RuleConflict};
use crate::compare::FindingKind;
use crate::extract::{Analysis, Entity};
use crate::lexicon;

const SPEECH_VERBS: &str = include_str!("../../../data/lexicon/claims/speech_verbs.txt");

fn speech_verbs() -> &'static HashSet<String> {
    static VERBS: OnceLock<HashSet<String>> = OnceLock::new();
    VERBS.get_or_init(|| {
        let mut verbs: HashSet<String> = data_lines(SPEECH_VERBS).map(lexicon::lemma).collect();
        verbs.extend(["call", "write", "testifi", "testify"].map(lexicon::lemma));
        verbs
    })
}

/// Tokens that may stand between a speaker and the speech verb: an
/// auxiliary or a comma-free adverb ("Tate has said", "Tate also said").
fn is_filler(lower: &str) -> bool {
    matches!(
        lower,
        "has" | "had" | "have" | "also" | "later" | "then" | "again" | "previously"
    )
}

/// The speakers of a text: for each speech verb, the named speaker, as an
/// index into `analysis.entities`, and the verb's token.
fn speakers(analysis: &Analysis, tokens: impl Iterator<Item = usize>) -> Vec<(usize, usize)> {
    let verbs = speech_verbs();
    let mut found = Vec::new();
    for v in tokens {
        let token = &analysis.tokens[v];
        let is_according = token.lower == "according"
            && analysis.tokens.get(v + 1).is_some_and(|t| t.lower == "to");
        if !is_according && !verbs.contains(&token.lemma) {
            continue;
        }
        // "the boss of Domino's has admitted": the name is not the speaker.
        let heads_its_phrase = |e: &Entity| {
            e.first_token == 0
                || !matches!(
                    analysis.tokens[e.first_token - 1].lower.as_str(),
                    "of" | "for" | "at" | "from" | "in" | "by" | "with" | "to"
                )
        };
        let ends_before = |e: &Entity| {
            e.end_token <= v
                && analysis.tokens[e.end_token..v]
                    .iter()
                    .all(|t| is_filler(&t.lower))
                && !analysis.tokens[e.end_token - 1].is_possessive
                && heads_its_phrase(e)
        };
        // "..., said Calloway" (after a comma or a closing quote): in
        // "said Corvallen had spent", the name begins the reported clause.
        let is_inverted = v > 0
            && matches!(
                analysis.tokens[v - 1].text.as_str(),
                "," | "\u{201d}" | "\"" | "'"
            );
        let starts_after = |e: &Entity| {
            if is_according {
                e.first_token == v + 2
            } else {
                is_inverted && e.first_token == v + 1
            }
        };
        let speaker = if is_according {
            analysis.entities.iter().position(starts_after)
        } else {
            analysis
                .entities
                .iter()
                .position(ends_before)
                .or_else(|| analysis.entities.iter().position(starts_after))
        };
        if let Some(speaker) = speaker {
            found.push((speaker, v));
        }
    }
    found
}

/// "Marta Helland" and "Helland": one ends with the other's last word.
fn is_same_person(statement: &Analysis, a: &Entity, evidence: &Analysis, b: &Entity) -> bool {
    let last = |analysis: &Analysis, e: &Entity| analysis.tokens[e.end_token - 1].lower.clone();
    last(statement, a) == last(evidence, b)
}

/// The statement names one speaker, the evidence another for the same words.
pub struct OtherSpeaker;

impl Rule for OtherSpeaker {
    fn name(&self) -> &'static str {
        "attribution"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let (statement, evidence) = (pair.statement, pair.evidence);
        let stated = speakers(statement, 0..statement.tokens.len());
        if stated.is_empty() {
            return None;
        }
        let focus: Vec<usize> = (0..evidence.tokens.len())
            .filter(|&e| pair.in_focus[e])
            .collect();
        let given = speakers(evidence, focus.iter().copied());
        for &(s, _) in &stated {
            let speaker = &statement.entities[s];
            // The statement's speaker named anywhere in the focus: it may be
            // a second speaker, or the addressee; not a clear conflict.
            let is_in_focus = (speaker.first_token..speaker.end_token)
                .any(|i| pair.alignment[i].is_some_and(|(e, _)| pair.in_focus[e]));
            if is_in_focus {
                continue;
            }
            for &(g, _) in &given {
                let other = &evidence.entities[g];
                if other.key == speaker.key || is_same_person(statement, speaker, evidence, other) {
                    continue;
                }
                return Some(RuleConflict {
                    kind: FindingKind::Attribution,
                    statement: (speaker.start, speaker.end),
                    evidence: (other.start, other.end),
                    note: format!(
                        "the statement has \"{}\" say it, the evidence \"{}\"",
                        &statement.text[speaker.start..speaker.end],
                        &evidence.text[other.start..other.end]
                    ),
                    explains: (speaker.first_token..speaker.end_token).collect(),
                });
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
    fn other_speaker_of_the_same_words_is_a_conflict() {
        let statement =
            "Raymond Tate told supporters that Port Carrick had decided it was done waiting.";
        let evidence = "\u{201c}Tonight Port Carrick decided it was done waiting,\u{201d} Calloway told several hundred supporters.";
        let conflict = check(&OtherSpeaker, statement, evidence).unwrap();
        assert_eq!(conflict.kind, FindingKind::Attribution);
        assert_eq!(
            spans(statement, evidence, &conflict),
            ("Raymond Tate".into(), "Calloway".into())
        );
    }

    #[test]
    fn same_speaker_agrees() {
        let evidence = "\u{201c}Tonight Port Carrick decided it was done waiting,\u{201d} Calloway told supporters.";
        assert!(check(
            &OtherSpeaker,
            "Calloway told supporters that Port Carrick was done waiting.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn pronoun_speaker_says_nothing() {
        let evidence = "\u{201c}The water business is going to carry this company,\u{201d} she wrote in a note.";
        assert!(check(
            &OtherSpeaker,
            "Ivan Marsh wrote that the water business will carry the company.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn a_name_inside_a_phrase_or_after_said_is_not_the_speaker() {
        let evidence = "The boss of pizza giant Domino's has admitted the company failed to get the balance right.";
        assert!(check(
            &OtherSpeaker,
            "Boss Don Meij admitted the company failed to get the balance right.",
            evidence
        )
        .is_none());
        let evidence = "\u{201c}We have spent 70 years zoning teachers out of this city,\u{201d} said Councillor Priya Anand.";
        assert!(check(
            &OtherSpeaker,
            "Priya Anand said Corvallen had spent 70 years zoning teachers out of the city.",
            evidence
        )
        .is_none());
        assert!(check(
            &OtherSpeaker,
            "Walter Brisco said Corvallen had spent 70 years zoning teachers out of the city.",
            evidence
        )
        .is_some());
    }

    #[test]
    fn a_surname_is_the_same_speaker() {
        let evidence = "\u{201c}Last year she would have double-faulted in that tiebreak,\u{201d} Helland said.";
        assert!(check(
            &OtherSpeaker,
            "Marta Helland said that she would have double-faulted in that tiebreak.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn according_to_names_the_speaker() {
        let evidence = "According to Okafor, the board trimmed $11 million from requests.";
        let conflict = check(
            &OtherSpeaker,
            "According to Whitcombe, the board trimmed $11 million from requests.",
            evidence,
        );
        assert!(conflict.is_some());
    }
}
