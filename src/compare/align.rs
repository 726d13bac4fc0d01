//! Word alignment between a statement and a window of evidence.
//!
//! Each content word of the statement is matched to at most one word of the
//! evidence: the same lemma first, then the same entity (aliases and
//! demonyms included), then a derivation (`recognition`/`recognize`), then a
//! synonym from the lexicon. Among equal matches the one nearest to where the
//! previous match leads is taken, so word order helps without being required.

use crate::extract::{Analysis, TokenKind};
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

/// How statement token `s` can match evidence token `e`, best kind first.
pub fn match_kind(statement: &Analysis, s: usize, evidence: &Analysis, e: usize) -> Option<MatchKind> {
    let st = &statement.tokens[s];
    let et = &evidence.tokens[e];
    if st.kind == TokenKind::Punct || et.kind == TokenKind::Punct {
        return None;
    }
    if st.lemma == et.lemma || st.lower == et.lower {
        return Some(MatchKind::Exact);
    }
    if let (Some(a), Some(b)) = (entity_key(statement, s), entity_key(evidence, e)) {
        if a == b {
            return Some(MatchKind::Entity);
        }
    }
    if st.kind != TokenKind::Word || et.kind != TokenKind::Word {
        return None;
    }
    // A demonym matches its place written out: "Afghan" ~ "Afghanistan".
    let place_of = |lower: &str| lexicon::demonym_place(lower).map(str::to_string);
    if let (Some(a), Some(b)) = (place_of(&st.lower), entity_key(evidence, e)) {
        if a == b {
            return Some(MatchKind::Entity);
        }
    }
    if let (Some(a), Some(b)) = (entity_key(statement, s), place_of(&et.lower)) {
        if a == b {
            return Some(MatchKind::Entity);
        }
    }
    if is_derived(&st.lemma, &et.lemma) {
        return Some(MatchKind::Derived);
    }
    if lexicon::are_synonyms(&st.lemma, &et.lemma) {
        return Some(MatchKind::Synonym);
    }
    None
}

/// For each statement token in `wanted`, the evidence token it aligns to.
pub fn align(statement: &Analysis, evidence: &Analysis, wanted: &[usize]) -> Vec<Option<(usize, MatchKind)>> {
    let mut alignment = vec![None; statement.tokens.len()];
    let mut expected = 0usize;
    for &s in wanted {
        let mut best: Option<(usize, MatchKind, usize)> = None;
        for e in 0..evidence.tokens.len() {
            let Some(kind) = match_kind(statement, s, evidence, e) else {
                continue;
            };
            let distance = e.abs_diff(expected);
            let better = match best {
                None => true,
                Some((_, best_kind, best_distance)) => {
                    rank(kind) < rank(best_kind) || (rank(kind) == rank(best_kind) && distance < best_distance)
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
        let alignment = align(&statement, &evidence, &[0, 1, 2]);
        assert_eq!(alignment[1], Some((2, MatchKind::Exact)));
        assert_eq!(alignment[2], Some((3, MatchKind::Exact)));
    }

    #[test]
    fn derived_forms_match_by_prefix() {
        assert!(is_derived("recogn", "recognit"));
        assert!(!is_derived("state", "statement"));
    }
}
