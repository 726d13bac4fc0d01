//! Quantities: numbers in digits or words, with scale, unit and hedge.

use super::{DateMention, Token};

/// How a quantity is qualified by the words before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// No hedge: exactly this value.
    Exact,
    /// approximately, about, around, roughly, some, nearly, almost.
    Approximate,
    /// more than, over.
    MoreThan,
    /// at least.
    AtLeast,
    /// less than, fewer than, under.
    LessThan,
    /// up to, at most.
    AtMost,
}

/// A number found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Byte span of the whole expression, hedge included (`more than 140 people`).
    pub start: usize,
    pub end: usize,
    /// Index of the first token of the number itself (not the hedge).
    pub first_token: usize,
    /// Index one past the last token of the expression (unit included).
    pub end_token: usize,
    /// The value, with scale words applied (`1.2 billion` = 1.2e9) and
    /// durations converted to years when the unit is a duration.
    pub value: f64,
    /// The upper end of a range (`between 10 and 20`), if any.
    pub high: Option<f64>,
    pub bound: Bound,
    /// What is counted, as a lemma (`person`, `train`, `percent`, `usd`, `year`).
    pub unit: Option<String>,
}

/// Whether a passage's quantity agrees with a statement's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuantityMatch {
    /// The same value.
    Equal,
    /// Different words, but one fits the other's hedge or range.
    Fits,
    /// Incompatible values.
    Differs,
}

/// Finds the quantities in `text` (dates already found are not quantities).
pub fn find_quantities(_text: &str, tokens: &[Token], _dates: &[DateMention]) -> Vec<Quantity> {
    // Placeholder: plain digits only.
    tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == super::TokenKind::Number)
        .filter_map(|(i, t)| {
            let value: f64 = t.text.replace(',', "").parse().ok()?;
            Some(Quantity {
                start: t.start,
                end: t.end,
                first_token: i,
                end_token: i + 1,
                value,
                high: None,
                bound: Bound::Exact,
                unit: None,
            })
        })
        .collect()
}

/// Compares a statement's quantity with a passage's.
pub fn compare_quantities(statement: &Quantity, passage: &Quantity) -> QuantityMatch {
    if statement.value == passage.value {
        QuantityMatch::Equal
    } else {
        QuantityMatch::Differs
    }
}
