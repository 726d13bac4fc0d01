//! Named entities: capitalised spans, demonyms, aliases.
//!
//! No tagger is available offline, so entities are found the way a reader
//! skims: runs of capitalised words (allowing `of`, `the`, `de` inside, as in
//! "Bank of England"), and known demonyms and aliases from
//! [`crate::lexicon`]. A capitalised word that opens a sentence counts only
//! when it is not a stop word, so "The" and "It" are not names.

use super::{Token, TokenKind};
use crate::lexicon;

/// What sort of name an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityKind {
    /// A capitalised name of unknown type.
    Name,
    /// A country, region or continent, or its demonym (`Afghan` is the place Afghanistan).
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

/// Lower-case words allowed inside a capitalised name: "Bank of England".
fn is_name_connector(lower: &str) -> bool {
    matches!(
        lower,
        "of" | "de" | "del" | "da" | "van" | "von" | "al" | "bin" | "la" | "le"
    )
}

fn is_sentence_start(tokens: &[Token], index: usize) -> bool {
    index == 0
        || tokens[..index].iter().rev().take(2).any(|t| {
            t.kind == TokenKind::Punct
                && matches!(t.text.as_str(), "." | "!" | "?" | ":" | "“" | "\"")
        }) && tokens[index - 1].kind == TokenKind::Punct
}

fn is_name_word(tokens: &[Token], index: usize) -> bool {
    let token = &tokens[index];
    let starts_upper = token.is_capitalized
        || (token.kind == TokenKind::Word
            && token.text.chars().filter(|c| c.is_uppercase()).count() >= 2);
    token.kind == TokenKind::Word && starts_upper && !lexicon::is_stop_word(&token.lower)
}

/// The canonical key and kind for an entity's words.
fn canonical(words: &str) -> (String, EntityKind) {
    let plain = words.replace('.', "");
    if let Some(place) = lexicon::demonym_place(&plain) {
        return (place.to_string(), EntityKind::Place);
    }
    let key = lexicon::canonical_name(&plain)
        .unwrap_or(&plain)
        .to_string();
    let kind = if lexicon::is_place(&key) {
        EntityKind::Place
    } else {
        EntityKind::Name
    };
    (key, kind)
}

/// The words of a name, lower case and one space apart, for looking it up:
/// initials are one word ("U.K." is "uk", as the lexicon writes it), and
/// punctuation other than "&" is dropped.
fn name_phrase(tokens: &[Token]) -> String {
    let mut phrase = String::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.kind == TokenKind::Punct && token.text != "&" {
            continue;
        }
        let follows_initial = i >= 2
            && token.is_joined
            && tokens[i - 1].text == "."
            && tokens[i - 2].text.chars().count() == 1;
        if !phrase.is_empty() && !follows_initial {
            phrase.push(' ');
        }
        phrase.push_str(&token.lower);
    }
    phrase
}

/// Finds the named entities in `text`.
pub fn find_entities(_text: &str, tokens: &[Token]) -> Vec<Entity> {
    let mut entities = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_name_word(tokens, i) {
            i += 1;
            continue;
        }
        let first = i;
        let mut end = i + 1;
        loop {
            // "U.S." is U, ., S, .: keep joined letters and dots together.
            if end < tokens.len()
                && tokens[end].is_joined
                && matches!(tokens[end].text.as_str(), "." | "-" | "&")
            {
                let next_is_initial = tokens.get(end + 1).is_some_and(|t| {
                    t.is_joined && t.is_capitalized && t.text.chars().count() == 1
                });
                if next_is_initial
                    || (end + 1 < tokens.len()
                        && tokens[end + 1].is_joined
                        && is_name_word(tokens, end + 1))
                {
                    end += 2;
                    continue;
                }
                if tokens[end].text == "." && tokens[end - 1].text.chars().count() == 1 {
                    end += 1;
                    continue;
                }
            }
            if end < tokens.len() && is_name_word(tokens, end) {
                end += 1;
                continue;
            }
            if end + 1 < tokens.len()
                && is_name_connector(&tokens[end].lower)
                && is_name_word(tokens, end + 1)
            {
                end += 2;
                continue;
            }
            break;
        }
        let phrase = name_phrase(&tokens[first..end]);
        let (key, kind) = canonical(&phrase);
        let single_common_opener = end - first == 1
            && is_sentence_start(tokens, first)
            && kind == EntityKind::Name
            && lexicon::canonical_name(&phrase).is_none();
        // A lone capitalised word opening a sentence is a name unless it is
        // an ordinary English word ("Several nations ...", "Officials said").
        if !single_common_opener || !lexicon::is_known_word(&tokens[first].lemma) {
            entities.push(Entity {
                start: tokens[first].start,
                end: tokens[end - 1].end,
                first_token: first,
                end_token: end,
                key,
                kind,
            });
        }
        i = end;
    }
    entities
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokenize;

    fn names(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        find_entities(text, &tokens)
            .into_iter()
            .map(|e| text[e.start..e.end].to_string())
            .collect()
    }

    #[test]
    fn joins_capitalised_words() {
        assert_eq!(
            names("said Foreign Minister Amir Khan Muttaqi on Monday"),
            ["Foreign Minister Amir Khan Muttaqi", "Monday"]
        );
    }

    fn keys(text: &str) -> Vec<String> {
        find_entities(text, &tokenize(text))
            .into_iter()
            .map(|e| e.key)
            .collect()
    }

    #[test]
    fn initials_are_looked_up_as_one_word() {
        assert_eq!(keys("U.K. activists"), ["united kingdom"]);
        assert_eq!(keys("UK activists"), ["united kingdom"]);
        assert_eq!(
            keys("activists in the U.S. and Britain"),
            ["united states", "united kingdom"]
        );
        assert_eq!(keys("Bank of England"), ["bank of england"]);
    }

    #[test]
    fn allows_of_inside_a_name() {
        assert_eq!(
            names("the Afghan branch of Islamic State"),
            ["Afghan", "Islamic State"]
        );
        assert_eq!(names("the Bank of England said"), ["Bank of England"]);
    }

    #[test]
    fn skips_stop_words_at_sentence_start() {
        assert_eq!(names("The Taliban has banned girls."), ["Taliban"]);
    }

    #[test]
    fn keeps_dotted_abbreviations_together() {
        assert_eq!(names("officials in the U.S. said"), ["U.S."]);
    }
}
