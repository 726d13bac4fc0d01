//! Reading statements: plain text, JSON Lines or CSV.

/// A statement to check, as read from the input.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementInput {
    pub id: Option<String>,
    pub claim: String,
}
