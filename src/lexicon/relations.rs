//! Relations between lemmas: antonyms and exclusive alternatives,
//! synonyms, news paraphrases, derivations, and more general words.
//!
//! The comparison engine asks these questions of aligned words in a
//! statement and a passage: "banned" where the statement says "allowed" is
//! a conflict ([`are_antonyms`]); "purchased" where it says "bought" is the
//! same claim ([`are_synonyms`]).
//!
//! Precision comes first, since a false antonym turns a supported statement
//! into a conflicting one. WordNet pairs are kept only for senses that
//! carry a real share of a word's uses in WordNet's tagged corpus (so `go`
//! is not a synonym of `die`), and an antonym is widened only to words of
//! the very same synset, never a second hop. Curated tables add the
//! exclusive alternatives news text relies on (`allow`/`ban`,
//! `support`/`oppose`) and remove WordNet pairs that are not
//! incompatibilities in ordinary usage.
//!
//! The tables are keyed by Snowball stems, so they share the stemmer's
//! conflations: `supporter` and `supportable` stem to `support`, `stately`
//! to `state`, and a relation of one word holds for every word with its
//! stem. Within a word family that is what we want (`acceptance` and
//! `rejection` are as opposed as `accept` and `reject`); across families
//! it is a known source of noise, no worse than the token matching the
//! rest of the engine already does on the same stems.
//!
//! Two words that refer to the same event without meaning the same thing
//! (`died` / `killed`, `dead` / `killed`) are paraphrases, not synonyms:
//! [`are_paraphrases`] accepts them, [`are_synonyms`] does not. Use the
//! former to decide whether a passage covers a statement, the latter when
//! the exact predicate matters.
//!
//! One relation is directed: [`is_more_general`] says that `vehicle` is a
//! more general word for `truck`, `animal` for `dog`, `child` for
//! `daughter` (WordNet noun hypernyms, a couple of levels up and never as
//! far as `entity` or `object`). A passage about a truck covers a statement
//! about a vehicle, not the other way round. Synonym and antonym pairs are
//! never hypernym pairs (`car`/`vehicle` are curated synonyms).

use std::sync::OnceLock;

use super::tables;

/// A pair in one order, so that each relation is symmetric by construction.
fn ordered<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

type PairSet = tables::FxHashSet<(&'static str, &'static str)>;

/// Whether the pair table `text` holds the pair `a`, `b`.
///
/// The comparison asks this for every unaligned statement word against
/// every evidence word, tens of thousands of times a second in batch: a
/// binary search over the text was 35% of a batch's time (perf), so each
/// table becomes a hash set of borrowed pairs on first use (no allocation
/// per pair; a few milliseconds once).
fn holds(text: &'static str, cell: &'static OnceLock<PairSet>, a: &str, b: &str) -> bool {
    let set = cell.get_or_init(|| {
        tables::data_lines(text)
            .filter_map(tables::pair)
            .map(|(a, b)| ordered(a, b))
            .collect()
    });
    set.contains(&ordered(a, b))
}

/// Each word of a pair table with the words it is paired with.
type PartnerMap = tables::FxHashMap<&'static str, Vec<&'static str>>;

/// The words the pair table `text` pairs with `word` (either side).
fn partners_in(
    text: &'static str,
    cell: &'static OnceLock<PartnerMap>,
    word: &str,
) -> &'static [&'static str] {
    let map = cell.get_or_init(|| {
        let mut map = PartnerMap::default();
        for (a, b) in tables::data_lines(text).filter_map(tables::pair) {
            map.entry(a).or_default().push(b);
            map.entry(b).or_default().push(a);
        }
        map
    });
    map.get(word).map_or(&[], Vec::as_slice)
}

static SYNONYM_PARTNERS: OnceLock<PartnerMap> = OnceLock::new();
static PARAPHRASE_PARTNERS: OnceLock<PartnerMap> = OnceLock::new();
static DERIVED_PARTNERS: OnceLock<PartnerMap> = OnceLock::new();

/// The lemmas [`are_paraphrases`] joins with `lemma` (itself excluded), as
/// two lists: its synonyms, and its other paraphrases. The alignment looks
/// them up once per statement word and then scans a few words per evidence
/// word, instead of hashing every pair.
pub fn paraphrases_of(lemma: &str) -> [&'static [&'static str]; 2] {
    [
        partners_in(tables::SYNONYMS, &SYNONYM_PARTNERS, lemma),
        partners_in(tables::PARAPHRASES, &PARAPHRASE_PARTNERS, lemma),
    ]
}

/// The lemmas [`are_derived`] joins with `lemma`.
pub fn derived_of(lemma: &str) -> &'static [&'static str] {
    partners_in(tables::DERIVED, &DERIVED_PARTNERS, lemma)
}

static ANTONYM_PARTNERS: OnceLock<PartnerMap> = OnceLock::new();

/// The lemmas [`are_antonyms`] pairs with `lemma`: empty for most words,
/// which lets a rule skip a word before it scans the evidence for its
/// opposite.
pub fn antonyms_of(lemma: &str) -> &'static [&'static str] {
    partners_in(tables::ANTONYMS, &ANTONYM_PARTNERS, lemma)
}

static ANTONYM_SET: OnceLock<PairSet> = OnceLock::new();
static SYNONYM_SET: OnceLock<PairSet> = OnceLock::new();
static PARAPHRASE_SET: OnceLock<PairSet> = OnceLock::new();
static DERIVED_SET: OnceLock<PairSet> = OnceLock::new();

/// Two lemmas that cannot both be true of the same thing: `allow`/`ban`,
/// `support`/`oppose`, `rise`/`fall`, `win`/`lose`. Symmetric.
///
/// ```
/// use factcheck::lexicon::{are_antonyms, lemma};
/// assert!(are_antonyms(&lemma("allowed"), &lemma("banned")));
/// assert!(!are_antonyms(&lemma("killed"), &lemma("died")));
/// ```
pub fn are_antonyms(a: &str, b: &str) -> bool {
    a != b && holds(tables::ANTONYMS, &ANTONYM_SET, a, b)
}

/// Two lemmas that mean the same in their common senses: `buy`/`purchase`,
/// `nation`/`country`, `begin`/`start`. Symmetric; true when `a == b`.
///
/// ```
/// use factcheck::lexicon::{are_synonyms, lemma};
/// assert!(are_synonyms(&lemma("bought"), &lemma("purchased")));
/// assert!(!are_synonyms(&lemma("go"), &lemma("die")));
/// ```
pub fn are_synonyms(a: &str, b: &str) -> bool {
    a == b || holds(tables::SYNONYMS, &SYNONYM_SET, a, b)
}

/// Two lemmas that news text uses for the same event: every synonym pair,
/// plus pairs such as `die`/`kill` or `dead`/`kill` ("30 people died" and
/// "killed 30 people"). Symmetric; true when `a == b`.
pub fn are_paraphrases(a: &str, b: &str) -> bool {
    are_synonyms(a, b) || holds(tables::PARAPHRASES, &PARAPHRASE_SET, a, b)
}

/// Two lemmas of which one is derived from the other across parts of
/// speech: `recognition`/`recognize`, `invasion`/`invade`. Pairs the
/// stemmer already joins (`withdrawal`/`withdraw`) share one lemma and are
/// not listed.
/// Symmetric; false when `a == b`.
pub fn are_derived(a: &str, b: &str) -> bool {
    a != b && holds(tables::DERIVED, &DERIVED_SET, a, b)
}

static HYPERNYM_SET: OnceLock<PairSet> = OnceLock::new();

/// The hypernym table as a set of `(specific, general)` pairs, built on
/// first use like [`holds`]'s sets (no allocation per pair). The table is
/// the largest (~71,000 pairs), so the set is sized up front: that halves
/// the build, to ~7 ms optimised (a stand-alone `rustc -O` measurement).
fn hypernym_pairs() -> &'static PairSet {
    HYPERNYM_SET.get_or_init(|| {
        let mut set = PairSet::with_capacity_and_hasher(
            tables::count_lines(tables::HYPERNYMS),
            tables::BuildFx::default(),
        );
        set.extend(tables::data_lines(tables::HYPERNYMS).filter_map(tables::pair));
        set
    })
}

/// The lemma `general` is a more general word for the lemma `specific`:
/// `vehicl`/`truck`, `anim`/`dog`, `child`/`daughter`, `person`/`player`
/// (WordNet noun hypernyms of a main sense, at most two words up). Directed:
/// a dog is an animal, an animal need not be a dog. Siblings (`dog`/`cat`)
/// are not related, and nothing is more general than itself.
///
/// ```
/// use factcheck::lexicon::{is_more_general, lemma};
/// assert!(is_more_general(&lemma("animal"), &lemma("dogs")));
/// assert!(!is_more_general(&lemma("dog"), &lemma("animals")));
/// ```
pub fn is_more_general(general: &str, specific: &str) -> bool {
    general != specific && hypernym_pairs().contains(&(specific, general))
}

/// One of the lemmas `a`, `b` is a more general word for the other
/// ([`is_more_general`] in either direction). Symmetric; false when
/// `a == b`.
pub fn are_hypernym_related(a: &str, b: &str) -> bool {
    a != b && {
        let pairs = hypernym_pairs();
        pairs.contains(&(a, b)) || pairs.contains(&(b, a))
    }
}

/// True for a lemma that some relation table lists: an ordinary English
/// word that WordNet or the curated tables know, as opposed to a name.
/// Built on first use from the compiled tables (a few milliseconds).
pub fn is_known_word(lemma: &str) -> bool {
    static WORDS: std::sync::OnceLock<tables::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            [
                tables::SYNONYMS,
                tables::ANTONYMS,
                tables::DERIVED,
                tables::PARAPHRASES,
            ]
            .into_iter()
            .flat_map(tables::data_lines)
            .filter_map(tables::pair)
            .flat_map(|(a, b)| [a, b])
            .collect()
        })
        .contains(lemma)
}

/// Rebuilds `data/lexicon/compiled/` from the source tables: every word
/// reduced to the lemma that [`super::lemma`] gives the tokens it stands for.
#[cfg(test)]
pub(crate) mod compile {
    use std::collections::BTreeSet;

    use super::super::forms::{lemma, stem};
    use super::super::tables;
    use super::ordered;

    pub const SYNONYMS_WORDNET: &str = include_str!("../../data/lexicon/synonyms_wordnet.tsv");
    pub const SYNONYMS_CURATED: &str = include_str!("../../data/lexicon/synonyms_curated.tsv");
    pub const PARAPHRASES_CURATED: &str =
        include_str!("../../data/lexicon/paraphrases_curated.tsv");
    pub const ANTONYMS_WORDNET: &str = include_str!("../../data/lexicon/antonyms_wordnet.tsv");
    pub const ANTONYMS_CURATED: &str = include_str!("../../data/lexicon/antonyms_curated.tsv");
    pub const ANTONYMS_REJECTED: &str = include_str!("../../data/lexicon/antonyms_rejected.tsv");
    pub const DERIVED_WORDNET: &str = include_str!("../../data/lexicon/derived_wordnet.tsv");
    pub const HYPERNYMS_WORDNET: &str = include_str!("../../data/lexicon/hypernyms_wordnet.tsv");

    /// WordNet lists base forms, so their lemma is their stem (`left`, the
    /// adjective, stays `left`). Curated tables are written as people
    /// write, so they go through the full `lemma` (irregular forms too).
    type Normalize = fn(&str) -> String;
    const WORDNET: Normalize = stem;
    const CURATED: Normalize = lemma;

    const HEADER: &str = "# Generated from the tables in data/lexicon/ by \
        `FACTCHECK_WRITE_LEXICON=1 cargo test --lib lexicon`; do not edit.\n\
        # Words are lemmas as produced by lexicon::lemma; a<TAB>b with a < b,\n\
        # lines sorted byte-wise (lookups are binary searches).\n";

    const DIRECTED_HEADER: &str = "# Generated from the tables in data/lexicon/ by \
        `FACTCHECK_WRITE_LEXICON=1 cargo test --lib lexicon`; do not edit.\n\
        # Words are lemmas as produced by lexicon::lemma; specific<TAB>general\n\
        # (a directed relation), lines sorted byte-wise.\n";

    fn groups(sources: &[(&str, Normalize)]) -> BTreeSet<Vec<String>> {
        let mut out = BTreeSet::new();
        for (text, normalize) in sources {
            for words in tables::data_lines(text).filter_map(tables::group) {
                let lemmas: BTreeSet<String> = words.iter().map(|w| normalize(w)).collect();
                if lemmas.len() >= 2 {
                    out.insert(lemmas.into_iter().collect());
                }
            }
        }
        out
    }

    fn pairs(sources: &[(&str, Normalize)]) -> BTreeSet<(String, String)> {
        let mut out = BTreeSet::new();
        for (text, normalize) in sources {
            for (a, b) in tables::data_lines(text).filter_map(tables::pair) {
                let (a, b) = (normalize(a), normalize(b));
                if a != b {
                    let (a, b) = ordered(&a, &b);
                    out.insert((a.to_string(), b.to_string()));
                }
            }
        }
        out
    }

    /// Directed pairs as listed (`specific<TAB>general`), not reordered;
    /// pairs whose two words share a lemma are dropped.
    fn directed_pairs(text: &str, normalize: Normalize) -> BTreeSet<(String, String)> {
        tables::data_lines(text)
            .filter_map(tables::pair)
            .map(|(a, b)| (normalize(a), normalize(b)))
            .filter(|(a, b)| a != b)
            .collect()
    }

    /// Every pair within each group, in order (groups hold sorted words).
    fn group_pairs(groups: &BTreeSet<Vec<String>>) -> BTreeSet<(String, String)> {
        let mut out = BTreeSet::new();
        for group in groups {
            for (i, a) in group.iter().enumerate() {
                for b in &group[i + 1..] {
                    out.insert((a.clone(), b.clone()));
                }
            }
        }
        out
    }

    fn write_pairs(pairs: &BTreeSet<(String, String)>) -> String {
        write_pairs_with(HEADER, pairs)
    }

    fn write_pairs_with(header: &str, pairs: &BTreeSet<(String, String)>) -> String {
        let mut text = header.to_string();
        for (a, b) in pairs {
            text.push_str(&format!("{a}\t{b}\n"));
        }
        text
    }

    /// The compiled tables: (file name, contents).
    pub fn compiled() -> Vec<(&'static str, String)> {
        let synonyms = groups(&[(SYNONYMS_WORDNET, WORDNET), (SYNONYMS_CURATED, CURATED)]);
        let synonym_pairs: BTreeSet<(String, String)> = synonyms
            .iter()
            .flat_map(|g| {
                g.iter()
                    .enumerate()
                    .flat_map(move |(i, a)| g[i + 1..].iter().map(move |b| (a.clone(), b.clone())))
            })
            .collect();
        let rejected = pairs(&[(ANTONYMS_REJECTED, CURATED)]);
        let mut antonyms = pairs(&[(ANTONYMS_WORDNET, WORDNET), (ANTONYMS_CURATED, CURATED)]);
        // A stem shared by unrelated words could make a pair both synonyms
        // and antonyms; such a pair is dropped from the antonyms.
        antonyms.retain(|pair| !rejected.contains(pair) && !synonym_pairs.contains(pair));
        let paraphrases = group_pairs(&groups(&[(PARAPHRASES_CURATED, CURATED)]));
        let derived = pairs(&[(DERIVED_WORDNET, WORDNET)]);
        let mut hypernyms = directed_pairs(HYPERNYMS_WORDNET, WORDNET);
        // Stemming can join what the script kept apart: a pair that is now
        // also a synonym or antonym pair, or that now holds both ways (two
        // words sharing a stem, one above the other's sense), is dropped.
        let both_ways: BTreeSet<(String, String)> = hypernyms
            .iter()
            .filter(|(s, g)| hypernyms.contains(&(g.clone(), s.clone())))
            .cloned()
            .collect();
        hypernyms.retain(|(s, g)| {
            let (a, b) = ordered(s, g);
            let key = (a.to_string(), b.to_string());
            !both_ways.contains(&(s.clone(), g.clone()))
                && !synonym_pairs.contains(&key)
                && !antonyms.contains(&key)
        });
        vec![
            ("synonyms.tsv", write_pairs(&synonym_pairs)),
            ("paraphrases.tsv", write_pairs(&paraphrases)),
            ("antonyms.tsv", write_pairs(&antonyms)),
            ("derived.tsv", write_pairs(&derived)),
            (
                "hypernyms.tsv",
                write_pairs_with(DIRECTED_HEADER, &hypernyms),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::super::forms::lemma;
    use super::*;

    fn antonyms_l(a: &str, b: &str) -> bool {
        are_antonyms(&lemma(a), &lemma(b))
    }

    fn synonyms_l(a: &str, b: &str) -> bool {
        are_synonyms(&lemma(a), &lemma(b))
    }

    #[test]
    fn compiled_tables_are_fresh() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/compiled");
        let write = std::env::var_os("FACTCHECK_WRITE_LEXICON").is_some();
        let embedded = [
            tables::SYNONYMS,
            tables::PARAPHRASES,
            tables::ANTONYMS,
            tables::DERIVED,
            tables::HYPERNYMS,
        ];
        for ((name, text), current) in compile::compiled().into_iter().zip(embedded) {
            if write {
                std::fs::write(format!("{dir}/{name}"), &text).expect("write compiled table");
            } else {
                assert!(
                    text == current,
                    "data/lexicon/compiled/{name} is stale\n\n\
                     Run FACTCHECK_WRITE_LEXICON=1 cargo test --lib lexicon"
                );
            }
        }
    }

    #[test]
    fn allow_and_ban_are_antonyms() {
        assert!(antonyms_l("allow", "ban"));
        assert!(antonyms_l("allowed", "banned"));
        assert!(antonyms_l("permits", "bans"));
        assert!(antonyms_l("allow", "forbid"));
        assert!(antonyms_l("allow", "prohibit"));
    }

    #[test]
    fn support_and_oppose_are_antonyms() {
        assert!(antonyms_l("support", "oppose"));
        assert!(antonyms_l("supported", "opposes"));
        assert!(antonyms_l("won", "lost"));
        assert!(antonyms_l("rose", "fell"));
        assert!(antonyms_l("increased", "decreased"));
        assert!(antonyms_l("accepted", "rejected"));
        assert!(antonyms_l("ally", "enemy"));
        assert!(antonyms_l("legal", "illegal"));
    }

    #[test]
    fn antonyms_are_symmetric() {
        for line in tables::data_lines(tables::ANTONYMS) {
            let (a, b) = tables::pair(line).expect("well-formed");
            assert!(are_antonyms(a, b) && are_antonyms(b, a), "{a} {b}");
        }
        assert!(antonyms_l("ban", "allow"));
    }

    #[test]
    fn kill_is_not_antonym_of_die() {
        assert!(!antonyms_l("kill", "die"));
        assert!(!antonyms_l("killed", "died"));
        assert!(!antonyms_l("kill", "kill"));
        assert!(!antonyms_l("buy", "purchase"));
    }

    #[test]
    fn no_pair_is_both_synonym_and_antonym() {
        for line in tables::data_lines(tables::ANTONYMS) {
            let (a, b) = tables::pair(line).expect("well-formed");
            assert!(!are_synonyms(a, b), "{a} {b}");
        }
    }

    #[test]
    fn synonyms_are_precise() {
        assert!(synonyms_l("buy", "purchase"));
        assert!(synonyms_l("bought", "purchased"));
        assert!(synonyms_l("nation", "country"));
        assert!(synonyms_l("begin", "start"));
        assert!(synonyms_l("said", "stated"));
        assert!(synonyms_l("biggest", "largest"));
        assert!(synonyms_l("attack", "attack"));
        assert!(!synonyms_l("go", "die"));
        assert!(!synonyms_l("buy", "steal"));
        assert!(!synonyms_l("die", "kill"));
        assert!(!synonyms_l("say", "country"));
    }

    #[test]
    fn paraphrases_join_death_and_killing() {
        assert!(are_paraphrases(&lemma("died"), &lemma("killed")));
        assert!(are_paraphrases(&lemma("dead"), &lemma("killed")));
        assert!(are_paraphrases(&lemma("bought"), &lemma("purchased")));
        assert!(!are_paraphrases(&lemma("won"), &lemma("lost")));
    }

    #[test]
    fn derived_words_are_related() {
        assert!(are_derived(&lemma("recognition"), &lemma("recognize")));
        assert!(are_derived(&lemma("invasion"), &lemma("invade")));
        assert!(are_derived(&lemma("invaded"), &lemma("invasions")));
        // The stemmer already joins these: one lemma, nothing to relate.
        assert_eq!(lemma("withdrawal"), lemma("withdraw"));
        assert!(!are_derived(&lemma("attack"), &lemma("attack")));
        assert!(!are_derived(&lemma("invade"), &lemma("recognize")));
    }

    fn more_general_l(general: &str, specific: &str) -> bool {
        is_more_general(&lemma(general), &lemma(specific))
    }

    #[test]
    fn more_general_words_are_found() {
        assert!(more_general_l("child", "daughter"));
        assert!(more_general_l("children", "daughters"));
        assert!(more_general_l("vehicle", "truck"));
        assert!(more_general_l("vehicles", "tanks"));
        assert!(more_general_l("animal", "dog"));
        assert!(more_general_l("animals", "dogs"));
        assert!(more_general_l("mammal", "dog"));
        assert!(more_general_l("person", "player"));
        assert!(more_general_l("persons", "players"));
        assert!(more_general_l("offspring", "son"));
        // Curated synonyms, so not hypernyms: the synonym relation has them.
        assert!(synonyms_l("vehicle", "car"));
        assert!(!more_general_l("vehicle", "car"));
    }

    #[test]
    fn more_general_is_directed_and_strict() {
        // Not the reverse direction.
        assert!(!more_general_l("daughter", "child"));
        assert!(!more_general_l("truck", "vehicle"));
        assert!(!more_general_l("dog", "animal"));
        assert!(!more_general_l("player", "person"));
        // Not siblings.
        assert!(!more_general_l("cat", "dog"));
        assert!(!more_general_l("dog", "cat"));
        assert!(!more_general_l("son", "daughter"));
        assert!(!are_hypernym_related(&lemma("dog"), &lemma("cat")));
        // Not unrelated words, nor the abstract top of the hierarchy.
        assert!(!more_general_l("vehicle", "dog"));
        assert!(!more_general_l("animal", "truck"));
        assert!(!more_general_l("entity", "dog"));
        assert!(!more_general_l("object", "truck"));
        assert!(!more_general_l("zzzz", "dog"));
        // Nothing is more general than itself.
        for word in ["dog", "animal", "person", "child", "vehicle"] {
            assert!(!more_general_l(word, word), "{word}");
            assert!(!are_hypernym_related(&lemma(word), &lemma(word)), "{word}");
        }
    }

    #[test]
    fn hypernym_relation_either_way() {
        for (a, b) in [
            ("animal", "dog"),
            ("child", "daughter"),
            ("vehicle", "truck"),
        ] {
            let (a, b) = (lemma(a), lemma(b));
            assert!(
                are_hypernym_related(&a, &b) && are_hypernym_related(&b, &a),
                "{a} {b}"
            );
        }
        assert!(!are_hypernym_related(&lemma("vehicle"), &lemma("daughter")));
    }

    #[test]
    fn hypernym_table_is_directed_and_apart_from_the_others() {
        let lines: Vec<&str> = tables::data_lines(tables::HYPERNYMS).collect();
        assert!(lines.len() > 10_000, "{} lines", lines.len());
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "unsorted table");
        for line in lines {
            let (specific, general) = tables::pair(line).expect("a pair");
            assert!(is_more_general(general, specific), "{line:?}");
            assert!(!is_more_general(specific, general), "both ways: {line:?}");
            assert!(!are_synonyms(specific, general), "a synonym: {line:?}");
            assert!(!are_antonyms(specific, general), "an antonym: {line:?}");
        }
    }

    #[test]
    fn partner_lists_agree_with_the_pair_relations() {
        for word in ["die", "kill", "buy", "recogn", "invad", "attack", "nation"] {
            let [synonyms, others] = paraphrases_of(word);
            for partner in synonyms.iter().chain(others) {
                assert!(are_paraphrases(word, partner), "{word} {partner}");
            }
            for partner in derived_of(word) {
                assert!(are_derived(word, partner), "{word} {partner}");
            }
        }
        let died = lemma("died");
        let killed = lemma("killed");
        assert!(paraphrases_of(&died)
            .iter()
            .any(|list| list.contains(&killed.as_str())));
        let invade = lemma("invade");
        assert!(derived_of(&lemma("invasion")).contains(&invade.as_str()));
        assert!(derived_of("zzzz").is_empty());
    }
}
