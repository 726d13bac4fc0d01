//! Negation cues and their scope.

use super::Token;

/// A negation cue (`not`, `n't`, `never`, `no`, `without`, `has yet to`).
#[derive(Clone, Debug, PartialEq)]
pub struct Negation {
    pub start: usize,
    pub end: usize,
    /// The token index of the cue.
    pub token: usize,
}

/// Finds the negation cues in a token list.
pub fn find_negations(tokens: &[Token]) -> Vec<Negation> {
    tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            matches!(t.lower.as_str(), "not" | "never" | "no") || t.lower.ends_with("n't")
        })
        .map(|(i, t)| Negation {
            start: t.start,
            end: t.end,
            token: i,
        })
        .collect()
}
