//! Analysis of a statement or passage: tokens with lemmas, and the typed
//! mentions the comparison works with (quantities, dates, entities, negation).

mod date;
mod entity;
mod polarity;
mod quantity;
mod tokens;

pub use date::{compare_dates, find_dates, DateMatch, DateMention, DateRelation};
pub use entity::{find_entities, Entity, EntityKind};
pub use polarity::{find_negations, is_negated, Negation};
pub use quantity::{compare_quantities, find_quantities, Bound, Quantity, QuantityMatch};
pub use tokens::{tokenize, Token, TokenKind};

/// Everything the comparison needs to know about one text.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// The analysed text; all spans below are byte offsets into it.
    pub text: String,
    pub tokens: Vec<Token>,
    pub quantities: Vec<Quantity>,
    pub dates: Vec<DateMention>,
    pub entities: Vec<Entity>,
    pub negations: Vec<Negation>,
}

/// Analyses `text` into tokens and mentions.
pub fn analyze(text: &str) -> Analysis {
    let tokens = tokenize(text);
    let dates = find_dates(text, &tokens);
    let quantities = find_quantities(text, &tokens, &dates);
    let entities = find_entities(text, &tokens);
    let negations = find_negations(&tokens);
    Analysis {
        text: text.to_string(),
        tokens,
        quantities,
        dates,
        entities,
        negations,
    }
}
