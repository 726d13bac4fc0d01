//! Word alignment between a statement and a window of evidence.
//!
//! Each content word of the statement is matched to at most one word of the
//! evidence: the same lemma first, then the same entity (aliases and
//! demonyms included), then a derivation (`recognition`/`recognize`), then a
//! synonym from the lexicon. Among equal matches the one nearest to where the
//! previous match leads is taken, so word order helps without being required.

use crate::extract::{Analysis, Token, TokenKind};
use crate::lexicon;

/// How a statement word matched an evidence word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    Exact,
    Entity,
    Derived,
    Synonym,
}

/// Shortest lemma that may match a longer one by prefix (`recogn` in
/// `recognit`). Six keeps `state`/`statement` apart while joining
/// `recognize`/`recognition` and `govern`/`government`.
const MIN_DERIVED_PREFIX: usize = 6;

/// True when two lemmas look like derivations of one another.
pub fn is_derived(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= MIN_DERIVED_PREFIX && long.starts_with(short)
}

/// The entity key that token `index` belongs to, if any.
pub fn entity_key(analysis: &Analysis, index: usize) -> Option<&str> {
    analysis
        .entities
        .iter()
        .find(|e| (e.first_token..e.end_token).contains(&index))
        .map(|e| e.key.as_str())
}

/// What the alignment needs to know of one statement word, looked up once.
struct StatementWord<'a> {
    token: &'a Token,
    /// The entity it belongs to.
    entity: Option<&'a str>,
    /// The place it names as a demonym ([`lexicon::demonym_place`]).
    place: Option<&'static str>,
    /// The lemmas the lexicon relates to it.
    derived: &'static [&'static str],
    paraphrases: [&'static [&'static str]; 2],
}

impl<'a> StatementWord<'a> {
    fn new(statement: &'a Analysis, s: usize) -> StatementWord<'a> {
        let token = &statement.tokens[s];
        StatementWord {
            token,
            entity: entity_key(statement, s),
            place: lexicon::demonym_place(&token.lower),
            derived: lexicon::derived_of(&token.lemma),
            paraphrases: lexicon::paraphrases_of(&token.lemma),
        }
    }
}

/// The same for every evidence word, looked up once per alignment: the
/// inner loop of [`align`] asks them of every evidence word for every
/// statement word not aligned by the diff.
struct EvidenceWords<'a> {
    is_content: Vec<bool>,
    entity: Vec<Option<&'a str>>,
    place: Vec<Option<&'static str>>,
}

impl<'a> EvidenceWords<'a> {
    fn new(evidence: &'a Analysis) -> EvidenceWords<'a> {
        let tokens = &evidence.tokens;
        EvidenceWords {
            is_content: tokens.iter().map(Token::is_content).collect(),
            entity: (0..tokens.len()).map(|e| entity_key(evidence, e)).collect(),
            place: tokens
                .iter()
                .map(|t| lexicon::demonym_place(&t.lower))
                .collect(),
        }
    }
}

/// How a statement word can match evidence token `e`, best kind first.
fn match_kind(
    word: &StatementWord,
    evidence: &Analysis,
    words: &EvidenceWords,
    e: usize,
) -> Option<MatchKind> {
    let st = word.token;
    let et = &evidence.tokens[e];
    if st.kind == TokenKind::Punct || et.kind == TokenKind::Punct || !words.is_content[e] {
        return None;
    }
    if st.lemma == et.lemma || st.lower == et.lower {
        return Some(MatchKind::Exact);
    }
    if let (Some(a), Some(b)) = (word.entity, words.entity[e]) {
        if a == b {
            return Some(MatchKind::Entity);
        }
    }
    if st.kind != TokenKind::Word || et.kind != TokenKind::Word {
        return None;
    }
    // A demonym matches its place written out: "Afghan" ~ "Afghanistan".
    if let (Some(a), Some(b)) = (word.place, words.entity[e]) {
        if a == b {
            return Some(MatchKind::Entity);
        }
    }
    if let (Some(a), Some(b)) = (word.entity, words.place[e]) {
        if a == b {
            return Some(MatchKind::Entity);
        }
    }
    let lemma = et.lemma.as_str();
    if is_derived(&st.lemma, lemma) || word.derived.contains(&lemma) {
        return Some(MatchKind::Derived);
    }
    if word.paraphrases.iter().any(|list| list.contains(&lemma)) {
        return Some(MatchKind::Synonym);
    }
    None
}

/// For each statement token in `wanted`, the evidence token it aligns to.
///
/// Evidence tokens marked in `is_context` (from context passages) take only
/// names: capitalised statement words.
pub fn align(
    statement: &Analysis,
    evidence: &Analysis,
    wanted: &[usize],
    is_context: &[bool],
) -> Vec<Option<(usize, MatchKind)>> {
    let mut alignment = vec![None; statement.tokens.len()];
    // First the words both sides say in the same order, by a diff of the
    // lemma sequences (`similar`): where a word occurs more than once in
    // the evidence, this picks the occurrence that keeps the order.
    let evidence_content: Vec<usize> = (0..evidence.tokens.len())
        .filter(|&e| {
            evidence.tokens[e].is_content() && !is_context.get(e).copied().unwrap_or(false)
        })
        .collect();
    let statement_lemmas: Vec<&str> = wanted
        .iter()
        .map(|&s| statement.tokens[s].lemma.as_str())
        .collect();
    let evidence_lemmas: Vec<&str> = evidence_content
        .iter()
        .map(|&e| evidence.tokens[e].lemma.as_str())
        .collect();
    for op in similar::capture_diff_slices(
        similar::Algorithm::Patience,
        &statement_lemmas,
        &evidence_lemmas,
    ) {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                alignment[wanted[old_index + k]] =
                    Some((evidence_content[new_index + k], MatchKind::Exact));
            }
        }
    }
    pull_to_neighbours(
        &mut alignment,
        statement,
        evidence,
        wanted,
        &evidence_content,
    );
    let mut expected = 0usize;
    let mut evidence_words: Option<EvidenceWords> = None;
    for &s in wanted {
        if let Some((e, _)) = alignment[s] {
            expected = e + 1;
            continue;
        }
        let words = evidence_words.get_or_insert_with(|| EvidenceWords::new(evidence));
        let word = StatementWord::new(statement, s);
        let mut best: Option<(usize, MatchKind, usize)> = None;
        let is_name = word.token.is_capitalized;
        for e in 0..evidence.tokens.len() {
            if is_context.get(e).copied().unwrap_or(false) && !is_name {
                continue;
            }
            let Some(kind) = match_kind(&word, evidence, words, e) else {
                continue;
            };
            let distance = e.abs_diff(expected);
            let better = match best {
                None => true,
                Some((_, best_kind, best_distance)) => {
                    rank(kind) < rank(best_kind)
                        || (rank(kind) == rank(best_kind) && distance < best_distance)
                }
            };
            if better {
                best = Some((e, kind, distance));
            }
        }
        if let Some((e, kind, _)) = best {
            alignment[s] = Some((e, kind));
            expected = e + 1;
        }
    }
    alignment
}

/// Moves a word the diff matched with one occurrence of its lemma to
/// another occurrence that stands right next to where its neighbour in
/// the statement landed: in "approved Measure B ... but rejected Measure
/// C", the statement's "Measure C" is the second "Measure", not the first.
/// A diff matches a repeated lemma with its first occurrence in order; the
/// neighbour says which occurrence the phrase is.
fn pull_to_neighbours(
    alignment: &mut [Option<(usize, MatchKind)>],
    statement: &Analysis,
    evidence: &Analysis,
    wanted: &[usize],
    evidence_content: &[usize],
) {
    let position = |e: usize| evidence_content.binary_search(&e).ok();
    let landing = |alignment: &[Option<(usize, MatchKind)>], k: usize| {
        wanted
            .get(k)
            .and_then(|&s| alignment[s])
            .and_then(|(e, _)| position(e))
    };
    // Right to left, so that a phrase follows its last word ("Measure" the
    // "C" after it); then left to right, for a phrase led by its first.
    for pass in 0..2 {
        for step in 0..wanted.len().saturating_sub(1) {
            let (k, neighbour) = if pass == 0 {
                let k = wanted.len() - 2 - step;
                (k, k + 1)
            } else {
                (step + 1, step)
            };
            let s = wanted[k];
            let Some((e, MatchKind::Exact)) = alignment[s] else {
                continue;
            };
            let Some(p) = landing(alignment, neighbour) else {
                continue;
            };
            // Already beside one of its neighbours: the phrase is placed.
            let here = position(e);
            let beside = |other: Option<usize>| matches!((here, other), (Some(a), Some(b)) if a.abs_diff(b) == 1);
            // Words of one name ("Measure C") hold together before
            // anything else; other words move only when neither neighbour
            // is beside them.
            let n = wanted[neighbour];
            let tokens = &statement.tokens;
            let one_name =
                s.abs_diff(n) == 1 && tokens[s].is_capitalized && tokens[n].is_capitalized;
            let placed = beside(Some(p))
                || (!one_name
                    && (beside(k.checked_sub(1).and_then(|j| landing(alignment, j)))
                        || beside(landing(alignment, k + 1))));
            if placed {
                continue;
            }
            let q = if neighbour > k {
                p.checked_sub(1)
            } else {
                Some(p + 1)
            };
            let Some(&candidate) = q.and_then(|q| evidence_content.get(q)) else {
                continue;
            };
            let is_taken = alignment
                .iter()
                .any(|a| a.is_some_and(|(x, _)| x == candidate));
            if evidence.tokens[candidate].lemma == statement.tokens[s].lemma && !is_taken {
                alignment[s] = Some((candidate, MatchKind::Exact));
            }
        }
    }
}

fn rank(kind: MatchKind) -> u8 {
    match kind {
        MatchKind::Exact => 0,
        MatchKind::Entity => 1,
        MatchKind::Derived => 2,
        MatchKind::Synonym => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::analyze;

    #[test]
    fn aligns_inflected_forms() {
        let statement = analyze("Soviet forces invaded");
        let evidence = analyze("the Soviet force invades");
        let alignment = align(&statement, &evidence, &[0, 1, 2], &[]);
        assert_eq!(alignment[1], Some((2, MatchKind::Exact)));
        assert_eq!(alignment[2], Some((3, MatchKind::Exact)));
    }

    #[test]
    fn a_repeated_word_of_a_name_follows_its_neighbour() {
        let statement = analyze("approved Measure C");
        let evidence = analyze("approved Measure B but rejected Measure C");
        let alignment = align(&statement, &evidence, &[0, 1, 2], &[]);
        // "Measure" is the one before "C", not the first one in order.
        assert_eq!(alignment[1], Some((5, MatchKind::Exact)));
        assert_eq!(alignment[2], Some((6, MatchKind::Exact)));
    }

    #[test]
    fn a_word_beside_its_neighbour_stays() {
        let statement = analyze("approved Measure B");
        let evidence = analyze("approved Measure B but rejected Measure C");
        let alignment = align(&statement, &evidence, &[0, 1, 2], &[]);
        assert_eq!(alignment[1], Some((1, MatchKind::Exact)));
        assert_eq!(alignment[2], Some((2, MatchKind::Exact)));
    }

    #[test]
    fn derived_forms_match_by_prefix() {
        assert!(is_derived("recogn", "recognit"));
        assert!(!is_derived("state", "statement"));
    }
}
