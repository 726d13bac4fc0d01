//! A cause the evidence does not give: "cut its parks budget because fewer
//! people are visiting" where the evidence says only that the budget was
//! cut. The cause is a claim of its own; a statement that gives one is
//! supported only when the evidence states a cause too (a word such as
//! "because", "after", "blamed": `data/lexicon/rules/cause_words.tsv`) and
//! the cause's own words are there.

use std::sync::OnceLock;

use crate::extract::{Analysis, TokenKind};
use crate::lexicon::data_lines;

use super::MatchKind;

const CAUSE_WORDS: &str = include_str!("../../data/lexicon/rules/cause_words.tsv");

/// Share of the cause's content words the evidence must have.
const CAUSE_MIN_COVERAGE: f32 = 0.5;

struct CauseWords {
    /// Phrases that introduce a cause, as lower-case words.
    connectors: Vec<Vec<&'static str>>,
    /// Words that tell a text gives a cause (the connectors' words too).
    cues: Vec<&'static str>,
}

fn cause_words() -> &'static CauseWords {
    static WORDS: OnceLock<CauseWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = CauseWords {
            connectors: Vec::new(),
            cues: Vec::new(),
        };
        for line in data_lines(CAUSE_WORDS) {
            let Some((usage, phrase)) = line.split_once('\t') else {
                continue;
            };
            let phrase: Vec<&str> = phrase.split_whitespace().collect();
            if usage == "connector" {
                words.connectors.push(phrase.clone());
            }
            words.cues.extend(phrase);
        }
        // The longest phrase first: "because of", then "because".
        words
            .connectors
            .sort_by_key(|phrase| std::cmp::Reverse(phrase.len()));
        words
    })
}

/// The token range of the statement's cause: the words after a connector,
/// up to the end of the clause.
fn stated_cause(statement: &Analysis) -> Option<std::ops::Range<usize>> {
    let tokens = &statement.tokens;
    for (i, _) in tokens.iter().enumerate() {
        for phrase in &cause_words().connectors {
            let matches = phrase
                .iter()
                .enumerate()
                .all(|(k, word)| tokens.get(i + k).is_some_and(|t| t.lower == *word));
            if matches {
                let first = i + phrase.len();
                let end = (first..tokens.len())
                    .find(|&j| tokens[j].kind == TokenKind::Punct)
                    .unwrap_or(tokens.len());
                return (end > first).then_some(first..end);
            }
        }
    }
    None
}

/// The statement's cause (its byte span) when the evidence does not back
/// it: no cause word in the focus, or too few of the cause's words.
pub(super) fn unbacked_cause(
    statement: &Analysis,
    evidence: &Analysis,
    alignment: &[Option<(usize, MatchKind)>],
    in_focus: &[bool],
) -> Option<(usize, usize)> {
    let cause = stated_cause(statement)?;
    let content: Vec<usize> = cause
        .clone()
        .filter(|&i| statement.tokens[i].is_content())
        .collect();
    let covered = content.iter().filter(|&&i| alignment[i].is_some()).count();
    let has_cue = evidence
        .tokens
        .iter()
        .zip(in_focus)
        .any(|(t, &focus)| focus && cause_words().cues.contains(&t.lower.as_str()));
    let is_covered =
        content.is_empty() || covered as f32 / content.len() as f32 >= CAUSE_MIN_COVERAGE;
    let span = (
        statement.tokens[cause.start].start,
        statement.tokens[cause.end - 1].end,
    );
    (!has_cue || !is_covered).then_some(span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::rules::testing::with_pair;

    fn unbacked(statement: &str, evidence: &str) -> Option<String> {
        with_pair(statement, evidence, |pair, _| {
            unbacked_cause(pair.statement, pair.evidence, pair.alignment, pair.in_focus)
        })
        .map(|(s, e)| statement[s..e].to_string())
    }

    #[test]
    fn a_cause_the_evidence_does_not_give_is_unbacked() {
        assert_eq!(
            unbacked(
                "The county cut its parks budget because fewer people are visiting parks.",
                "The parks department's budget was cut by $1.2 million."
            ),
            Some("fewer people are visiting parks".into())
        );
    }

    #[test]
    fn a_cause_the_evidence_gives_is_backed() {
        assert_eq!(
            unbacked(
                "Permits fell because of higher interest rates.",
                "Permits fell after interest rates rose to their highest level since 2008."
            ),
            None
        );
    }

    #[test]
    fn another_cause_than_the_evidence_gives_is_unbacked() {
        assert_eq!(
            unbacked(
                "Scores declined because of a teacher shortage.",
                "Scores declined after the district changed its reading program."
            ),
            Some("a teacher shortage".into())
        );
    }

    #[test]
    fn a_statement_without_a_cause_is_left_alone() {
        assert_eq!(
            unbacked(
                "Scores declined at four schools.",
                "Scores declined at four schools."
            ),
            None
        );
    }
}
