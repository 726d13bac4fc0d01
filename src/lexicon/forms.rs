//! Word forms: the comparison key of a word ([`lemma`]) and the words that
//! carry no content of their own ([`is_stop_word`]).
//!
//! `lemma` is called for every token of every statement and passage, so it
//! is one hash probe into WordNet's irregular forms and one Snowball stem.
//!
//! Only verb and noun irregulars are mapped (`fought` -> `fight`, `men` ->
//! `man`). Irregular comparatives are not (`better` is not `good`, `worst`
//! is not `bad`): a statement that something is the best is not supported
//! by a passage that calls it good. A form that is also a common word of
//! its own is mapped only when the inflected reading dominates in news:
//! `left` -> `leave` (so `left` the direction is lost), `found` -> `find`
//! (`founded` still stems to `found`), `won` -> `win`, `saw` -> `see`,
//! `rose` -> `rise`; `ground`, `wound`, `bound`, `lay`, `born`, `media`
//! and `lives` are left to the stemmer. The choices are listed in
//! `scripts/build_lexicon.py`.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::tables::{self, FxHashMap, FxHashSet};

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

pub(crate) fn build_irregular() -> FxHashMap<&'static str, &'static str> {
    let mut map = FxHashMap::default();
    map.reserve(tables::count_lines(tables::IRREGULAR));
    map.extend(tables::data_lines(tables::IRREGULAR).filter_map(tables::pair));
    map
}

fn irregular() -> &'static FxHashMap<&'static str, &'static str> {
    static MAP: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(build_irregular)
}

/// The Snowball stem of a word already in base form.
pub(crate) fn stem(word: &str) -> String {
    stemmer().stem(word).into_owned()
}

/// The comparison key of a lower-case word: its base form, stemmed.
///
/// `fought` -> `fight`, `withdrew` -> `withdraw`, `men` -> `man`,
/// `countries` -> `countri`. Any input is accepted, including `won't` and
/// non-ASCII words.
///
/// ```
/// use factcheck::lexicon::lemma;
/// assert_eq!(lemma("fought"), "fight");
/// assert_eq!(lemma("died"), lemma("dies"));
/// ```
pub fn lemma(word: &str) -> String {
    thread_local! {
        /// Lemmas already computed on this thread: words repeat (a few
        /// thousand make up most of any text), and the Snowball stemmer was
        /// the largest single cost of building an index with claims and of
        /// a batch (`perf`, see BENCHMARKS.md).
        static LEMMAS: std::cell::RefCell<FxHashMap<String, String>> =
            std::cell::RefCell::default();
    }
    if let Some(known) = LEMMAS.with(|lemmas| lemmas.borrow().get(word).cloned()) {
        return known;
    }
    let base = irregular().get(word).copied().unwrap_or(word);
    let lemma = stem(base);
    LEMMAS.with(|lemmas| {
        let mut lemmas = lemmas.borrow_mut();
        if lemmas.len() >= MAX_CACHED_LEMMAS {
            lemmas.clear();
        }
        lemmas.insert(word.to_string(), lemma.clone());
    });
    lemma
}

/// How many lemmas each thread remembers (about 100 bytes each); the
/// cache starts over when full.
const MAX_CACHED_LEMMAS: usize = 1 << 16;

/// True for an irregular verb form (`fought`, `withdrew`, `took`): a form
/// the irregular table maps to a base, that does not look like one of the
/// irregular noun plurals sharing the table (`men`, `children`, `wolves`,
/// `cacti`, `phenomena`, `mice`, `feet`, `geese`, `oxen`).
pub fn is_irregular_verb_form(word: &str) -> bool {
    const NOUN_PLURAL_ENDINGS: [&str; 12] = [
        "men", "ren", "ves", "ae", "i", "a", "ice", "eet", "eeth", "ese", "xen", "es",
    ];
    irregular().contains_key(word) && !NOUN_PLURAL_ENDINGS.iter().any(|e| word.ends_with(e))
}

pub(crate) fn build_stop_words() -> FxHashSet<&'static str> {
    tables::data_lines(tables::STOP_WORDS)
        .map(str::trim)
        .collect()
}

fn stop_words() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(build_stop_words)
}

/// Words that carry no content of their own: articles, prepositions,
/// pronouns, auxiliaries, conjunctions, determiners.
///
/// Negations (`not`, `no`, `never`, `nor`, `without`, `won't`) and
/// quantifiers (`all`, `none`, `only`, `more`, `most`, `few`, `first`)
/// are content: they change what a statement claims.
pub fn is_stop_word(word: &str) -> bool {
    stop_words().contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_irregular_verbs_from_irregular_plurals() {
        for verb in ["fought", "withdrew", "took", "lost", "won"] {
            assert!(is_irregular_verb_form(verb), "{verb}");
        }
        for noun in ["men", "children", "wolves", "feet", "killed", "soldiers"] {
            assert!(!is_irregular_verb_form(noun), "{noun}");
        }
    }

    #[test]
    fn maps_irregular_verbs() {
        assert_eq!(lemma("fought"), "fight");
        assert_eq!(lemma("withdrew"), "withdraw");
        assert_eq!(lemma("withdrawn"), "withdraw");
        assert_eq!(lemma("men"), "man");
        assert_eq!(lemma("children"), "child");
        assert_eq!(lemma("won"), "win");
        assert_eq!(lemma("was"), lemma("be"));
        assert_eq!(lemma("died"), lemma("dies"));
        assert_eq!(lemma("dying"), lemma("die"));
    }

    #[test]
    fn stems_regular_forms() {
        assert_eq!(lemma("killed"), "kill");
        assert_eq!(lemma("allows"), "allow");
        assert_eq!(lemma("banned"), "ban");
        assert_eq!(lemma("countries"), "countri");
        assert_eq!(lemma("country"), "countri");
    }

    #[test]
    fn keeps_comparatives_and_ambiguous_forms_apart() {
        assert_ne!(lemma("better"), lemma("good"));
        assert_ne!(lemma("worst"), lemma("bad"));
        assert_eq!(lemma("ground"), "ground");
        assert_eq!(lemma("wounded"), lemma("wound"));
        assert_eq!(lemma("media"), "media");
    }

    #[test]
    fn lemma_accepts_any_input() {
        for word in [
            "won't", "isn't", "'", "''", "", "über", "naïve", "日本", "a'b'c", "-",
        ] {
            let _ = lemma(word);
        }
        assert_eq!(lemma("won't"), "won't");
    }

    #[test]
    fn negation_words_are_not_stop_words() {
        for word in [
            "not", "no", "never", "n't", "nor", "without", "none", "won't", "isn't",
        ] {
            assert!(!is_stop_word(word), "{word}");
        }
    }

    #[test]
    fn quantifiers_are_not_stop_words() {
        for word in [
            "more", "less", "first", "only", "all", "few", "many", "most", "against",
        ] {
            assert!(!is_stop_word(word), "{word}");
        }
    }

    #[test]
    fn function_words_are_stop_words() {
        for word in [
            "the", "a", "of", "in", "is", "were", "has", "they", "which", "and",
        ] {
            assert!(is_stop_word(word), "{word}");
        }
        assert!(!is_stop_word("taliban"));
    }
}
