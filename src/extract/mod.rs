//! Analysis of a statement or passage: tokens with lemmas, and the typed
//! mentions the comparison works with (quantities, dates, entities, negation).

mod claims;
mod date;
mod entity;
mod polarity;
mod quantity;
mod tokens;

pub(crate) use claims::extract_claims_unscored;
pub use claims::{
    check_worthiness, explain_check_worthiness, extract_claims, split_statement, Claim, Unworthy,
};
pub use date::{compare_dates, find_dates, DateMatch, DateMention, DateRelation};
pub use entity::{find_entities, Entity, EntityKind};
pub use polarity::{find_negations, is_negated, Negation};
pub use quantity::{
    compare_quantities, find_quantities, is_number_word, small_number, Bound, Quantity,
    QuantityMatch,
};
pub use tokens::{tokenize, Token, TokenKind};

use std::sync::OnceLock;

use crate::syntax::{self, Tree};

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
    /// The text's dependency tree, read as one sentence: parsed on first
    /// use ([`Analysis::tree`]), so a statement is parsed once however many
    /// windows it is compared with, and never when no rule asks.
    tree: OnceLock<Tree>,
}

impl Analysis {
    /// The dependency tree of the text, read as one claim (a sentence with
    /// a verb, [`syntax::parse_claim`]): the rules ask it of statements
    /// only; a window parses its passages itself.
    pub fn tree(&self) -> &Tree {
        self.tree.get_or_init(|| syntax::parse_claim(&self.text))
    }

    /// Whether token `i` is part of a name ([`Analysis::entities`]).
    pub fn is_in_entity(&self, i: usize) -> bool {
        self.entity_at(i).is_some()
    }

    /// The index of the name ([`Analysis::entities`]) token `i` is part of.
    pub fn entity_at(&self, i: usize) -> Option<usize> {
        self.entities
            .iter()
            .position(|e| (e.first_token..e.end_token).contains(&i))
    }

    /// The index of the token that starts at byte `offset`, if one does.
    pub fn token_starting_at(&self, offset: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.start < offset);
        (self.tokens.get(i)?.start == offset).then_some(i)
    }
}

/// Analyses `text` into tokens and mentions.
pub fn analyze(text: &str) -> Analysis {
    let tokens = tokenize(text);
    let dates = find_dates(text, &tokens);
    let mut quantities = find_quantities(text, &tokens, &dates);
    quantities.retain(|q| !is_name_part(&tokens, q));
    let entities = find_entities(text, &tokens);
    let negations = find_negations(&tokens);
    Analysis {
        text: text.to_string(),
        tokens,
        quantities,
        dates,
        entities,
        negations,
        tree: OnceLock::new(),
    }
}

/// A bare number right after a capitalised word is part of a name
/// ("Cars 3", "Team Fortress 2", "Apollo 11"), not a count.
fn is_name_part(tokens: &[Token], quantity: &Quantity) -> bool {
    quantity.unit.is_none()
        && quantity.end_token == quantity.first_token + 1
        && quantity.first_token > 0
        && tokens[quantity.first_token].kind == TokenKind::Number
        && {
            let previous = &tokens[quantity.first_token - 1];
            previous.kind == TokenKind::Word && previous.is_capitalized && !previous.is_joined
        }
        && tokens[quantity.first_token].start > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_found_by_offset_and_by_name() {
        let analysis = analyze("Yesterday Ines Calloway won.");
        let at = analysis.token_starting_at(10).unwrap();
        assert_eq!(analysis.tokens[at].text, "Ines");
        assert_eq!(analysis.token_starting_at(11), None);
        assert!(analysis.is_in_entity(at));
        assert!(!analysis.is_in_entity(at + 2));
    }

    #[test]
    fn numbers_in_titles_are_not_quantities() {
        assert!(analyze("The Incredibles 2 is scheduled for June.")
            .quantities
            .is_empty());
        assert_eq!(analyze("They bought 40 trains.").quantities.len(), 1);
    }
}
