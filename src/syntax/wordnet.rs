//! WordNet 3.0 as a training-time dictionary for the tagger: which of
//! NOUN / VERB / ADJ / ADV each word form can be, for words the treebank
//! rarely or never saw (`withdrew`, `maintains`, `rose` as a form of
//! `rise`), and the base forms of the inflections it lists or that regular
//! rules give (`withdrew`/VBD -> `withdraw`), for the lemma exceptions.
//!
//! Read from the files of the Debian package `wordnet-base`
//! (`/usr/share/wordnet`: `index.noun`, `index.verb`, `index.adj`,
//! `index.adv` and the `*.exc` exception lists) by `train-syntax` only; what
//! is learnt from it is baked into the model file, so the binary does not
//! need WordNet.
//!
//! Forms are generated with simple rules, and over-generate a little (a
//! plural of a mass noun, `singed` from `sing`): a form nobody writes is
//! never looked up, and one that is a real word of another kind only adds a
//! reading to its class, a feature the tagger learns how far to trust.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use super::labels::Upos;

/// What WordNet says about word forms.
#[derive(Clone, Default)]
pub struct WordNet {
    /// Lower-case word form -> UPOS bits (`1 << Upos as u32`) of NOUN, VERB,
    /// ADJ and ADV.
    pub(crate) classes: BTreeMap<String, u32>,
    /// (lower-case form, fine tag) -> the base forms it may be an
    /// inflection of, irregular ones (the `*.exc` lists) apart.
    pub(crate) lemmas: BTreeMap<(String, &'static str), Bases>,
}

/// The base forms of one (form, fine tag) pair.
#[derive(Clone, Default, Debug)]
pub(crate) struct Bases {
    /// From the exception lists.
    pub irregular: BTreeSet<String>,
    /// From the regular rules.
    pub regular: BTreeSet<String>,
}

impl fmt::Debug for WordNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "WordNet {{ {} forms, {} inflections }}",
            self.classes.len(),
            self.lemmas.len()
        )
    }
}

/// WordNet files that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordNetError {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for WordNetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read WordNet file {}: {}\n\nWordNet 3.0 comes with the Debian package \
             wordnet-base (apt-get install wordnet-base, into /usr/share/wordnet); or pass \
             --wordnet DIR for a folder with index.noun, index.verb, index.adj, index.adv \
             and noun.exc, verb.exc, adj.exc, adv.exc",
            self.path.display(),
            self.reason
        )
    }
}

impl std::error::Error for WordNetError {}

const NOUN: u32 = 1 << Upos::Noun as u32;
const VERB: u32 = 1 << Upos::Verb as u32;
const ADJ: u32 = 1 << Upos::Adj as u32;
const ADV: u32 = 1 << Upos::Adv as u32;

/// A word the tagger can meet as one word: no multiword lemmas
/// (`give_up`), no hyphens (a word of their own in UD English), no digits
/// (written `0` by the tagger's normalised form).
fn usable(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '.')
        && word.chars().any(char::is_alphabetic)
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Groups of vowels (`y` after a consonant counts): syllables, roughly.
fn syllables(word: &[u8]) -> usize {
    let mut count = 0;
    let mut in_vowel = false;
    for (i, &c) in word.iter().enumerate() {
        let vowel = is_vowel(c) || (c == b'y' && i > 0 && !is_vowel(word[i - 1]));
        if vowel && !in_vowel {
            count += 1;
        }
        in_vowel = vowel;
    }
    count
}

/// One syllable ending consonant-vowel-consonant (`stop`, `plan`): the
/// last letter doubles before `-ed`, `-ing`, `-er`.
fn doubles(word: &str) -> bool {
    let b = word.as_bytes();
    let n = b.len();
    n >= 3
        && word.is_ascii()
        && syllables(b) == 1
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

fn ends_consonant_y(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 2 && b[b.len() - 1] == b'y' && !is_vowel(b[b.len() - 2])
}

/// `cats`, `boxes`, `cities`: plural of a noun, third person of a verb.
pub(crate) fn s_form(word: &str) -> String {
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| word.ends_with(e))
    {
        format!("{word}es")
    } else if ends_consonant_y(word) {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    }
}

/// `walked`, `created`, `carried`, `stopped`.
pub(crate) fn ed_form(word: &str) -> String {
    if word.ends_with('e') {
        format!("{word}d")
    } else if ends_consonant_y(word) {
        format!("{}ied", &word[..word.len() - 1])
    } else if doubles(word) {
        format!("{word}{}ed", &word[word.len() - 1..])
    } else {
        format!("{word}ed")
    }
}

/// `walking`, `creating`, `dying`, `stopping`, `seeing`.
pub(crate) fn ing_form(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ie") {
        format!("{stem}ying")
    } else if word.len() > 2
        && word.ends_with('e')
        && !["ee", "oe", "ye"].iter().any(|e| word.ends_with(e))
    {
        format!("{}ing", &word[..word.len() - 1])
    } else if doubles(word) {
        format!("{word}{}ing", &word[word.len() - 1..])
    } else {
        format!("{word}ing")
    }
}

/// `cheaper`/`cheapest`, `larger`, `happier`, `bigger`: for adjectives of
/// one syllable, or two ending in `-y`.
fn comparatives(word: &str) -> Option<[String; 2]> {
    let b = word.as_bytes();
    let short = syllables(b) == 1 || (syllables(b) == 2 && ends_consonant_y(word));
    if !short || b.len() < 3 {
        return None;
    }
    Some(if word.ends_with('e') {
        [format!("{word}r"), format!("{word}st")]
    } else if ends_consonant_y(word) {
        let stem = &word[..word.len() - 1];
        [format!("{stem}ier"), format!("{stem}iest")]
    } else if doubles(word) {
        let last = &word[word.len() - 1..];
        [format!("{word}{last}er"), format!("{word}{last}est")]
    } else {
        [format!("{word}er"), format!("{word}est")]
    })
}

fn read_file(dir: &Path, name: &str) -> Result<String, WordNetError> {
    let path = dir.join(name);
    std::fs::read_to_string(&path).map_err(|e| WordNetError {
        path: path.clone(),
        reason: e.to_string(),
    })
}

/// The lemmas of an `index.*` file (its lines not starting with spaces).
fn index_lemmas(dir: &Path, name: &str) -> Result<Vec<String>, WordNetError> {
    let text = read_file(dir, name)?;
    let lemmas: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split(' ').next())
        .map(str::to_lowercase)
        .collect();
    if lemmas.is_empty() {
        return Err(WordNetError {
            path: dir.join(name),
            reason: "it lists no words".to_string(),
        });
    }
    Ok(lemmas)
}

/// The (inflected form, base forms) lines of a `*.exc` file.
fn exceptions(dir: &Path, name: &str) -> Result<Vec<(String, Vec<String>)>, WordNetError> {
    let text = read_file(dir, name)?;
    Ok(text
        .lines()
        .filter_map(|l| {
            let mut fields = l.split(' ').filter(|f| !f.is_empty());
            let form = fields.next()?.to_lowercase();
            let bases: Vec<String> = fields.map(str::to_lowercase).collect();
            (!bases.is_empty()).then_some((form, bases))
        })
        .collect())
}

impl WordNet {
    /// Reads WordNet from `dir` (`/usr/share/wordnet`).
    pub fn read(dir: &Path) -> Result<WordNet, WordNetError> {
        let mut wordnet = WordNet::default();
        let nouns = index_lemmas(dir, "index.noun")?;
        let verbs = index_lemmas(dir, "index.verb")?;
        let adjectives = index_lemmas(dir, "index.adj")?;
        let adverbs = index_lemmas(dir, "index.adv")?;
        let noun_exc = exceptions(dir, "noun.exc")?;
        let verb_exc = exceptions(dir, "verb.exc")?;
        let adj_exc = exceptions(dir, "adj.exc")?;
        let adv_exc = exceptions(dir, "adv.exc")?;

        // Which inflections of a verb the exception list gives: those are
        // not generated by rule too (`rise` has `rose`, not `rised`).
        let mut irregular_verb: HashMap<&str, (bool, bool, bool)> = HashMap::new();
        for (form, bases) in &verb_exc {
            for base in bases {
                let entry = irregular_verb.entry(base.as_str()).or_default();
                if form.ends_with("ing") {
                    entry.2 = true;
                } else if form.ends_with('s') && !base.ends_with('s') {
                    entry.1 = true;
                } else {
                    entry.0 = true;
                }
            }
        }
        let irregular_plural: BTreeSet<&str> = noun_exc
            .iter()
            .flat_map(|(_, bases)| bases.iter().map(String::as_str))
            .collect();

        for noun in nouns.iter().filter(|w| usable(w)) {
            wordnet.add(noun, NOUN);
            if !irregular_plural.contains(noun.as_str()) {
                wordnet.inflection(&s_form(noun), NOUN, &["NNS"], noun, false);
            }
        }
        for verb in verbs.iter().filter(|w| usable(w)) {
            wordnet.add(verb, VERB);
            let (past, third, gerund) = irregular_verb
                .get(verb.as_str())
                .copied()
                .unwrap_or_default();
            if !third {
                wordnet.inflection(&s_form(verb), VERB, &["VBZ"], verb, false);
            }
            if !past {
                wordnet.inflection(&ed_form(verb), VERB, &["VBD", "VBN"], verb, false);
            }
            if !gerund {
                wordnet.inflection(&ing_form(verb), VERB, &["VBG"], verb, false);
            }
        }
        for adjective in adjectives.iter().filter(|w| usable(w)) {
            wordnet.add(adjective, ADJ);
            if let Some([more, most]) = comparatives(adjective) {
                wordnet.inflection(&more, ADJ, &["JJR"], adjective, false);
                wordnet.inflection(&most, ADJ, &["JJS"], adjective, false);
            }
        }
        for adverb in adverbs.iter().filter(|w| usable(w)) {
            wordnet.add(adverb, ADV);
        }
        for (form, bases) in &noun_exc {
            for base in bases {
                wordnet.inflection(form, NOUN, &["NNS"], base, true);
            }
        }
        let verb_lemmas: BTreeSet<&str> = verbs.iter().map(String::as_str).collect();
        for (form, bases) in &verb_exc {
            let tags: &[&'static str] = if form.ends_with("ing") {
                &["VBG"]
            } else if form.ends_with('s') && !bases.iter().any(|b| b.ends_with('s')) {
                &["VBZ"]
            } else if verb_lemmas.contains(form.as_str()) {
                &["VBD", "VBN"]
            } else {
                // Only ever a past form (`rose`, `withdrew`): its lemma is
                // the same when the tagger takes it for a present.
                &["VBD", "VBN", "VBP", "VB"]
            };
            for base in bases {
                wordnet.inflection(form, VERB, tags, base, true);
            }
        }
        for (form, bases) in &adj_exc {
            let tags: &[&'static str] = if form.ends_with("est") {
                &["JJS"]
            } else {
                &["JJR"]
            };
            for base in bases {
                wordnet.inflection(form, ADJ, tags, base, true);
            }
        }
        for (form, bases) in &adv_exc {
            let tags: &[&'static str] = if form.ends_with("est") {
                &["RBS"]
            } else {
                &["RBR"]
            };
            for base in bases {
                wordnet.inflection(form, ADV, tags, base, true);
            }
        }
        Ok(wordnet)
    }

    fn add(&mut self, form: &str, bits: u32) {
        if usable(form) {
            *self.classes.entry(form.to_string()).or_default() |= bits;
        }
    }

    fn inflection(
        &mut self,
        form: &str,
        bits: u32,
        tags: &[&'static str],
        base: &str,
        irregular: bool,
    ) {
        self.add(form, bits);
        if !usable(form) || form == base {
            return;
        }
        for &tag in tags {
            let bases = self.lemmas.entry((form.to_string(), tag)).or_default();
            if irregular {
                bases.irregular.insert(base.to_string());
            } else {
                bases.regular.insert(base.to_string());
            }
        }
    }

    /// The UPOS bits of a lower-case form, 0 for a form WordNet lacks.
    pub fn class_of(&self, form: &str) -> u32 {
        self.classes.get(form).copied().unwrap_or(0)
    }

    /// Forms with a class.
    pub fn len(&self) -> usize {
        self.classes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.classes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_inflections() {
        assert_eq!(s_form("maintain"), "maintains");
        assert_eq!(s_form("box"), "boxes");
        assert_eq!(s_form("city"), "cities");
        assert_eq!(s_form("day"), "days");
        assert_eq!(ed_form("create"), "created");
        assert_eq!(ed_form("carry"), "carried");
        assert_eq!(ed_form("stop"), "stopped");
        assert_eq!(ed_form("visit"), "visited");
        assert_eq!(ed_form("beat"), "beated");
        assert_eq!(ed_form("play"), "played");
        assert_eq!(ing_form("create"), "creating");
        assert_eq!(ing_form("die"), "dying");
        assert_eq!(ing_form("see"), "seeing");
        assert_eq!(ing_form("stop"), "stopping");
        assert_eq!(ing_form("fix"), "fixing");
        assert_eq!(
            comparatives("big"),
            Some(["bigger".to_string(), "biggest".to_string()])
        );
        assert_eq!(
            comparatives("happy"),
            Some(["happier".to_string(), "happiest".to_string()])
        );
        assert_eq!(comparatives("important"), None);
    }

    #[test]
    fn reads_classes_and_irregular_forms() {
        let dir = std::env::temp_dir().join(format!("factcheck-wordnet-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let header = "  1 This software and database is being provided\n";
        let files = [
            ("index.noun", "rose n 3 5 @ ~ 3 1 12620196\nbeat n 1 1 @ 1 0 1\ngive_up n 1 1 @ 1 0 1\n"),
            ("index.verb", "rise v 1 1 @ 1 0 1\nmaintain v 1 1 @ 1 0 1\nbeat v 1 1 @ 1 0 1\nwithdraw v 1 1 @ 1 0 1\n"),
            ("index.adj", "big a 1 1 & 1 0 1\n"),
            ("index.adv", "well r 1 1 & 1 0 1\n"),
            ("noun.exc", "mice mouse\n"),
            ("verb.exc", "rose rise\nrisen rise\nwithdrew withdraw\nbeaten beat\n"),
            ("adj.exc", "bigger big\n"),
            ("adv.exc", "better well\n"),
        ];
        for (name, text) in files {
            std::fs::write(dir.join(name), format!("{header}{text}")).unwrap();
        }
        let wordnet = WordNet::read(&dir).unwrap();
        assert_eq!(wordnet.class_of("rose"), NOUN | VERB);
        assert_eq!(wordnet.class_of("maintains"), VERB);
        assert_eq!(wordnet.class_of("maintained"), VERB);
        assert_eq!(wordnet.class_of("withdrew"), VERB);
        assert_eq!(wordnet.class_of("beat"), NOUN | VERB);
        assert_eq!(wordnet.class_of("beats"), NOUN | VERB);
        assert_eq!(wordnet.class_of("rised"), 0);
        assert_eq!(wordnet.class_of("give_up"), 0);
        assert_eq!(wordnet.class_of("bigger"), ADJ);
        assert_eq!(wordnet.class_of("better"), ADV);
        let rose = &wordnet.lemmas[&("rose".to_string(), "VBD")];
        assert!(rose.irregular.contains("rise"));
        assert!(wordnet.lemmas[&("rose".to_string(), "VBP")]
            .irregular
            .contains("rise"));
        assert!(!wordnet.lemmas.contains_key(&("beat".to_string(), "VBP")));
        assert!(wordnet.lemmas[&("maintained".to_string(), "VBN")]
            .regular
            .contains("maintain"));
        std::fs::remove_dir_all(&dir).unwrap();
        let error = WordNet::read(&dir).err().unwrap();
        assert!(error.to_string().contains("apt-get install wordnet-base"));
    }
}
