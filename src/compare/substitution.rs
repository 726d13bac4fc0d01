//! A word swapped for another between the same words: "the provincial
//! government is banning" where the evidence has "the federal government is
//! banning", "yellow and white paint" where it has "yellow and blue paint".
//!
//! The statement word is not in the evidence, and in its place, between the
//! same neighbours, the evidence has a word the statement does not use. A
//! paraphrase would have been aligned (same lemma, an entity, a derivation,
//! a synonym of the lexicon), and a more general or more specific word
//! ("child" for "daughter", WordNet's hypernyms) is another way of saying
//! the same thing or less, so what is left is a detail the evidence
//! gives differently: it never supports the statement, however much of the
//! rest matches, and where the two words are exclusive alternatives it is a
//! conflict (the caller decides which).

use crate::extract::{Analysis, Token, TokenKind};
use crate::lexicon;
use crate::syntax::{Tree, Upos};

use super::{MatchKind, Window};

/// A statement word and the evidence word in its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Substitution {
    /// The statement token.
    pub statement: usize,
    /// The evidence token.
    pub evidence: usize,
}

/// The words of `statement` that the focus of the evidence replaces with
/// another word between the same neighbours. `alignment` maps statement
/// tokens to evidence tokens; `candidates` are the statement tokens to look
/// at (content words the evidence does not cover).
pub(super) fn substitutions(
    statement: &Analysis,
    window: &Window,
    alignment: &[Option<(usize, MatchKind)>],
    in_focus: &[bool],
    candidates: &[usize],
) -> Vec<Substitution> {
    let evidence = &window.analysis;
    let mut is_aligned = vec![false; evidence.tokens.len()];
    for &(e, _) in alignment.iter().flatten() {
        is_aligned[e] = true;
    }
    let statement_lemmas: Vec<&str> = statement.tokens.iter().map(|t| t.lemma.as_str()).collect();
    let mut found = Vec::new();
    for &s in candidates {
        if alignment[s].is_some() || !is_word(&statement.tokens[s]) {
            continue;
        }
        let in_place = (0..evidence.tokens.len()).find(|&e| {
            in_focus[e]
                && !is_aligned[e]
                && is_word(&evidence.tokens[e])
                && !statement_lemmas.contains(&evidence.tokens[e].lemma.as_str())
                && !is_other_form(&statement.tokens[s], &evidence.tokens[e])
                && !lexicon::are_hypernym_related(
                    &statement.tokens[s].lemma,
                    &evidence.tokens[e].lemma,
                )
                && same_neighbours(&statement.tokens, s, &evidence.tokens, e)
        });
        let Some(e) = in_place else {
            continue;
        };
        // Parsed only now: few statements get this far.
        let stated = tag_at(statement.tree(), statement.tokens[s].start);
        let given = evidence.tokens[e]
            .start
            .checked_sub(window.focus_start())
            .and_then(|offset| tag_at(window.focus_tree(), offset));
        if stated.is_some_and(is_swappable) && stated == given {
            found.push(Substitution {
                statement: s,
                evidence: e,
            });
        }
    }
    found
}

/// Whether one word is the other with an ending: "highest" for "high",
/// "Canadians" for "Canadian" (degrees and inflections the stemmer keeps
/// apart are the same word, not a swap).
fn is_other_form(a: &Token, b: &Token) -> bool {
    let (short, long) = if a.lower.len() <= b.lower.len() {
        (&a.lower, &b.lower)
    } else {
        (&b.lower, &a.lower)
    };
    short.len() >= MIN_FORM_PREFIX && long.starts_with(short.as_str())
}

/// The shortest word [`is_other_form`] extends ("high", not "in").
const MIN_FORM_PREFIX: usize = 3;

/// The part of speech of the word at byte `offset` of `tree`'s text.
/// A gerund after a preposition, a determiner or an adjective ("a loss of
/// steering", "a pause from posting", "a specific braking issue") names a
/// thing as a noun does, whatever the tagger calls it; after an auxiliary
/// ("is trying") it is a verb.
fn tag_at(tree: &Tree, offset: usize) -> Option<Upos> {
    tree.word_at(offset).map(|w| {
        let word = tree.word(w);
        // Penn's IN: the treebank tags "from" before a gerund SCONJ.
        let is_nominal = w > 0 && {
            let before = tree.word(w - 1);
            before.xpos.as_str() == "IN" || matches!(before.upos, Upos::Det | Upos::Adj)
        };
        if word.upos == Upos::Verb && word.xpos.as_str() == "VBG" && is_nominal {
            Upos::Noun
        } else {
            word.upos
        }
    })
}

/// Nouns and adjectives name the things and qualities a summary gets
/// wrong; verbs are swapped for paraphrases the lexicon does not know
/// ("poured" for "dumped") too often to tell.
fn is_swappable(tag: Upos) -> bool {
    matches!(tag, Upos::Noun | Upos::Adj | Upos::Propn)
}

/// A content word: what can be swapped.
fn is_word(token: &Token) -> bool {
    token.kind == TokenKind::Word && token.is_content()
}

/// Whether `s` and `e` stand between the same words: the word before and
/// the word after are the same, or the two words before, or the two after;
/// and at least one of those shared words is a content word (`the X of`
/// says nothing about which slot X fills, nor does a number: "a total of
/// 126.3 million" and "a population of 126.3 million").
fn same_neighbours(statement: &[Token], s: usize, evidence: &[Token], e: usize) -> bool {
    let same = |ds: isize| -> Option<bool> {
        let (a, b) = (offset(s, ds)?, offset(e, ds)?);
        let (a, b) = (statement.get(a)?, evidence.get(b)?);
        (a.lemma == b.lemma && a.kind != TokenKind::Punct).then_some(is_word(a))
    };
    let contexts: [&[isize]; 3] = [&[-1, 1], &[-2, -1], &[1, 2]];
    contexts.iter().any(|offsets| {
        let shared: Option<Vec<bool>> = offsets.iter().map(|&d| same(d)).collect();
        shared.is_some_and(|content| content.contains(&true))
    })
}

fn offset(i: usize, by: isize) -> Option<usize> {
    i.checked_add_signed(by)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::rules::testing::with_pair;

    /// The statement and evidence words swapped, as text.
    fn swapped(statement: &str, evidence: &str) -> Vec<(String, String)> {
        with_pair(statement, evidence, |pair, units| {
            substitutions(
                pair.statement,
                pair.window,
                pair.alignment,
                pair.in_focus,
                units,
            )
            .into_iter()
            .map(|sub| {
                (
                    pair.statement.tokens[sub.statement].text.clone(),
                    pair.evidence.tokens[sub.evidence].text.clone(),
                )
            })
            .collect()
        })
    }

    #[test]
    fn a_word_between_the_same_neighbours_is_swapped() {
        assert_eq!(
            swapped(
                "The provincial government is banning the app.",
                "The federal government is banning the app on phones."
            ),
            [("provincial".to_string(), "federal".to_string())]
        );
        assert_eq!(
            swapped(
                "Activists poured yellow and white paint on the road.",
                "Activists poured yellow and blue paint in front of the embassy."
            ),
            [("white".to_string(), "blue".to_string())]
        );
    }

    #[test]
    fn two_shared_words_on_one_side_are_enough() {
        assert_eq!(
            swapped(
                "The fault could cause a loss of steering.",
                "The fault could cause a loss of propulsion while driving."
            ),
            [("steering".to_string(), "propulsion".to_string())]
        );
    }

    #[test]
    fn a_synonym_or_an_added_word_is_no_swap() {
        assert!(swapped(
            "The council bought the old mill.",
            "The council purchased the old mill."
        )
        .is_empty());
        assert!(swapped(
            "The council bought the old stone mill.",
            "The council bought the old mill."
        )
        .is_empty());
    }

    #[test]
    fn a_more_general_or_more_specific_word_is_no_swap() {
        assert!(swapped(
            "The owner's daughter revealed she had been bullied.",
            "The owner's child revealed she had been bullied online."
        )
        .is_empty());
    }

    #[test]
    fn a_gerund_after_a_preposition_counts_as_a_noun_a_progressive_does_not() {
        assert_eq!(
            swapped(
                "Singh is taking a pause from reposting on the app.",
                "Singh is taking a pause from posting on the app, aides said."
            ),
            [("reposting".to_string(), "posting".to_string())]
        );
        assert!(swapped(
            "She said she is trying to turn the comments into a positive.",
            "She said she is going to turn the comments into a positive."
        )
        .is_empty());
    }

    #[test]
    fn a_degree_of_the_same_word_is_no_swap() {
        assert!(swapped(
            "Musala is a high peak in the range.",
            "Musala is the highest peak in the range."
        )
        .is_empty());
    }

    #[test]
    fn only_function_words_around_it_say_nothing() {
        assert!(
            swapped("It was the end of the war.", "It was the start of the war.")
                .iter()
                .all(|(s, _)| s != "end")
        );
    }
}
