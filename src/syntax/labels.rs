//! The closed label sets of Universal Dependencies English: the universal
//! part-of-speech tags, the Penn Treebank fine tags of the English Web
//! Treebank, and the dependency relations (with their English subtypes).
//!
//! The model file names its classes by these strings; loading maps each to
//! its index here, so a [`super::Tree`] holds small copyable values and no
//! borrow of the model.

use std::fmt;

/// A universal part-of-speech tag (<https://universaldependencies.org/u/pos/>).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    /// Adjective: `big`, `old`, `first`.
    Adj,
    /// Adposition: `in`, `of`, `to` (before a noun).
    Adp,
    /// Adverb: `very`, `not`, `tomorrow`.
    Adv,
    /// Auxiliary: `is`, `has`, `will`, `was` (in a passive).
    Aux,
    /// Coordinating conjunction: `and`, `or`, `but`.
    Cconj,
    /// Determiner: `the`, `a`, `all`, `no`.
    Det,
    /// Interjection: `oh`, `yes`.
    Intj,
    /// Common noun: `attack`, `people`.
    Noun,
    /// Numeral: `149`, `three`.
    Num,
    /// Particle: `not` in some uses, possessive `'s`, infinitive `to`.
    Part,
    /// Pronoun: `he`, `it`, `who`.
    Pron,
    /// Proper noun: `Russia`, `Boeing`.
    Propn,
    /// Punctuation.
    Punct,
    /// Subordinating conjunction: `that`, `because`, `if`.
    Sconj,
    /// Symbol: `$`, `%`.
    Sym,
    /// Verb: `beat`, `recognized`.
    Verb,
    /// Other: foreign words, typos the treebank could not tag.
    X,
}

/// Every [`Upos`], in the order of its variants.
pub const UPOS: [Upos; 17] = [
    Upos::Adj,
    Upos::Adp,
    Upos::Adv,
    Upos::Aux,
    Upos::Cconj,
    Upos::Det,
    Upos::Intj,
    Upos::Noun,
    Upos::Num,
    Upos::Part,
    Upos::Pron,
    Upos::Propn,
    Upos::Punct,
    Upos::Sconj,
    Upos::Sym,
    Upos::Verb,
    Upos::X,
];

impl Upos {
    /// The tag as CoNLL-U writes it: `NOUN`, `PROPN`.
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// The tag named `name` (`NOUN`), if it is one.
    pub fn from_name(name: &str) -> Option<Upos> {
        UPOS.iter().copied().find(|upos| upos.as_str() == name)
    }

    /// A noun, proper noun, pronoun or numeral: what can head a subject or
    /// object.
    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num)
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The Penn Treebank tags of the English Web Treebank (the XPOS column).
pub const XPOS: [&str; 51] = [
    "NN", "IN", "DT", "NNP", "PRP", "JJ", ".", "RB", "VB", "NNS", ",", "CC", "VBP", "VBD", "VBZ",
    "CD", "VBN", "VBG", "MD", "TO", "PRP$", "-RRB-", "-LRB-", "WDT", ":", "WRB", "``", "WP", "''",
    "RP", "UH", "HYPH", "POS", "NNPS", "JJS", "JJR", "NFP", "ADD", "EX", "RBR", "GW", "$", "SYM",
    "PDT", "FW", "RBS", "LS", "AFX", "WP$", "XX", "_",
];

/// A dependency relation, with its subtype when it has one: `nsubj`,
/// `nsubj:pass`, `acl:relcl`, `obl:tmod`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Deprel(u8);

/// The relations of UD English (EWT v2.15), and the universal relations it
/// does not use, so that any UD file reads.
pub const DEPRELS: [&str; 61] = [
    "root",
    "punct",
    "case",
    "nsubj",
    "det",
    "advmod",
    "obj",
    "amod",
    "obl",
    "conj",
    "compound",
    "mark",
    "nmod",
    "cc",
    "aux",
    "cop",
    "advcl",
    "nmod:poss",
    "xcomp",
    "ccomp",
    "acl:relcl",
    "flat",
    "parataxis",
    "nummod",
    "appos",
    "acl",
    "aux:pass",
    "nsubj:pass",
    "obl:unmarked",
    "nmod:unmarked",
    "discourse",
    "compound:prt",
    "iobj",
    "list",
    "expl",
    "fixed",
    "nmod:desc",
    "obl:agent",
    "csubj",
    "nsubj:outer",
    "det:predet",
    "vocative",
    "goeswith",
    "advcl:relcl",
    "cc:preconj",
    "reparandum",
    "orphan",
    "csubj:pass",
    "dislocated",
    "dep",
    "csubj:outer",
    "obl:tmod",
    "obl:npmod",
    "nmod:tmod",
    "nmod:npmod",
    "flat:foreign",
    "clf",
    "flat:name",
    "compound:lvc",
    "nummod:gov",
    "expl:pv",
];

impl Deprel {
    /// The root of the sentence (its head is the virtual root).
    pub const ROOT: Deprel = Deprel(0);
    /// Punctuation.
    pub const PUNCT: Deprel = Deprel(1);
    /// The catch-all relation `dep`.
    pub const DEP: Deprel = Deprel(49);

    /// The relation named `name` (`nsubj:pass`), if UD English has it.
    pub fn from_name(name: &str) -> Option<Deprel> {
        DEPRELS
            .iter()
            .position(|&known| known == name)
            .map(|i| Deprel(i as u8))
    }

    /// The relation as CoNLL-U writes it: `nsubj:pass`.
    pub fn as_str(self) -> &'static str {
        DEPRELS[self.0 as usize]
    }

    /// The universal relation without its subtype: `nsubj` for `nsubj:pass`.
    pub fn base(self) -> &'static str {
        let name = self.as_str();
        name.split_once(':').map_or(name, |(base, _)| base)
    }

    /// The subtype, if any: `pass` for `nsubj:pass`.
    pub fn subtype(self) -> Option<&'static str> {
        self.as_str().split_once(':').map(|(_, sub)| sub)
    }

    /// The relation is `name`, or a subtype of it: `nsubj:pass`.is("nsubj").
    pub fn is(self, name: &str) -> bool {
        self.as_str() == name || self.base() == name
    }

    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for Deprel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Deprel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A fine (Penn Treebank) tag: `NNS`, `VBD`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Xpos(u8);

impl Xpos {
    /// The tag named `name`, if it is one of [`XPOS`].
    pub fn from_name(name: &str) -> Option<Xpos> {
        XPOS.iter()
            .position(|&known| known == name)
            .map(|i| Xpos(i as u8))
    }

    /// The tag as written in the XPOS column: `VBD`.
    pub fn as_str(self) -> &'static str {
        XPOS[self.0 as usize]
    }
}

impl fmt::Display for Xpos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Xpos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_split_into_base_and_subtype() {
        let passive = Deprel::from_name("nsubj:pass").unwrap();
        assert_eq!(passive.base(), "nsubj");
        assert_eq!(passive.subtype(), Some("pass"));
        assert!(passive.is("nsubj") && !passive.is("obj"));
        assert_eq!(Deprel::from_name("dep"), Some(Deprel::DEP));
        assert_eq!(Deprel::from_name("punct"), Some(Deprel::PUNCT));
        assert_eq!(Deprel::from_name("root"), Some(Deprel::ROOT));
    }

    #[test]
    fn tags_round_trip_through_their_names() {
        for upos in UPOS {
            assert_eq!(Upos::from_name(upos.as_str()), Some(upos));
        }
        for name in XPOS {
            assert_eq!(Xpos::from_name(name).unwrap().as_str(), name);
        }
    }
}
