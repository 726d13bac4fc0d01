//! Named entities: capitalised spans, demonyms, aliases.

use super::Token;

/// What sort of name an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityKind {
    /// A capitalised name of unknown type.
    Name,
    /// A country, or its demonym (`Afghan` is the place Afghanistan).
    Place,
}

/// A named entity found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub first_token: usize,
    pub end_token: usize,
    /// The canonical key: aliases and demonyms mapped to one name, lower case.
    pub key: String,
    pub kind: EntityKind,
}

/// Finds the named entities in `text`.
pub fn find_entities(_text: &str, _tokens: &[Token]) -> Vec<Entity> {
    Vec::new()
}
