//! Atomic claims: the facts a sentence asserts, one self-contained clause
//! each.
//!
//! A sentence such as "Soviet forces invaded in 1979, fought for a decade
//! against the Mujahideen, and withdrew in 1989" makes three claims, each
//! with "Soviet forces" as its subject. Claims are indexed beside the
//! passages (so a statement is compared with the clause that states the
//! fact) and listed by `factcheck claims`, most check-worthy first.
//!
//! No parser is available offline, so clauses are found with a few general
//! rules over the tokens, tuned to be conservative (when unsure, a sentence
//! stays one claim):
//!
//! * **Subject and verb.** The subject is the words before the first finite
//!   verb: an auxiliary or modal (`has`, `will`, `cannot`), a past form
//!   (`invaded`, `fought`), an `-s` form of a word WordNet mostly uses as a
//!   verb (`maintains`, but not `forces`), or a plain verb after a plural
//!   (`diplomats say`). An opening phrase ending in a comma ("Since 2022,")
//!   is kept in front of every part.
//! * **Coordinated verb phrases** after `and`, `but` or a comma of a series
//!   split when the next verb is clearly finite: its own auxiliary, a past
//!   form after a past verb, an `-s` form after a present verb, or a plain
//!   verb after a modal (the modal is carried: "will cut X and reduce Y" gives
//!   "will reduce Y"). A negated or qualified ("only", "never") first verb
//!   is never split from a part without its own auxiliary. Noun lists,
//!   "between X and Y", "both X and Y" and names ("Pride and Prejudice")
//!   are not verbs and do not split.
//! * **Independent clauses** after ", and" / ", but" with their own subject.
//! * **Relative clauses** ("the attack that killed 149 people") give a claim
//!   with the antecedent as subject; a ", which X attributed to Y" object
//!   relative gives "X attributed <antecedent> to Y". Non-restrictive
//!   modifiers (", which ...", ", a move that ...") are cut from the main
//!   clause.
//! * **Appositions** after a name ("Zamir Kabulov, Russia's envoy, said")
//!   give "Zamir Kabulov is Russia's envoy" (`is` is the only word a claim
//!   may add).
//! * **Speech**: `"...," said X`, `X said (that) ...`, `..., according to X`
//!   give the reported content, with `X` as the speaker.
//! * **Pronouns** (`it`, `they`, `he`, `she`, `the group`) opening a claim
//!   are replaced by the subject set up earlier in the same paragraph, when
//!   there is exactly one such subject.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Serialize;

use super::{analyze, is_number_word, tokenize, Token, TokenKind};
use crate::ingest::{Passage, PassageKind};
use crate::lexicon;

/// One atomic claim of a document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Claim {
    /// The claim as a self-contained clause, e.g. "Soviet forces withdrew in
    /// 1989". Built from words of the source sentence (and, for a resolved
    /// pronoun, of the subject it refers to); never invented.
    pub text: String,
    /// The id of the passage (sentence) the claim was extracted from.
    pub passage: u64,
    /// Byte spans in the document of the pieces the claim is built from,
    /// in document order; each lies inside the source passage, except a
    /// resolved subject, which may lie in an earlier sentence of the same
    /// paragraph.
    pub spans: Vec<(usize, usize)>,
    /// The subject the claim states something about, when one was found.
    pub subject: Option<String>,
    /// Who said it, when the claim is a quotation or reported speech.
    pub speaker: Option<String>,
    /// The claim names a list of items ("Russia, China and Iran"); the list
    /// is kept together and is open: an item it lacks is not a conflict.
    pub is_list: bool,
    /// How worth checking the claim is, in [0, 1]: high for numbers, dates,
    /// named entities and factual verbs; low for opinions, questions,
    /// hedged forecasts and headings.
    pub check_worthiness: f32,
}

// ---------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------

const VERBS: &str = include_str!("../../data/lexicon/claims/verbs.tsv");
const SPEECH_VERBS: &str = include_str!("../../data/lexicon/claims/speech_verbs.txt");
const FACTUAL_VERBS: &str = include_str!("../../data/lexicon/claims/factual_verbs.txt");
const HEDGES: &str = include_str!("../../data/lexicon/claims/hedges.txt");
const OPINIONS: &str = include_str!("../../data/lexicon/claims/opinions.txt");

/// Tagged-corpus counts of a WordNet verb: uses as a verb, a noun, an adjective.
type Uses = [u32; 3];

struct Lists {
    verbs: HashMap<&'static str, Uses>,
    /// Nouns ending in "ed" that are not past tenses ("seed", "hundred").
    ed_nouns: HashSet<&'static str>,
    speech: HashSet<String>,
    factual: HashSet<String>,
    hedges: Vec<Vec<&'static str>>,
    opinions: HashSet<&'static str>,
}

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut verbs = HashMap::new();
        let mut ed_nouns = HashSet::new();
        for line in VERBS.lines() {
            if let Some(noun) = line.strip_prefix("#noun-ed\t") {
                ed_nouns.insert(noun.trim());
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let Some(word) = fields.next() else { continue };
            let mut uses = [0u32; 3];
            for slot in &mut uses {
                *slot = fields.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            }
            verbs.insert(word, uses);
        }
        Lists {
            verbs,
            ed_nouns,
            speech: data_lines(SPEECH_VERBS).map(lexicon::lemma).collect(),
            factual: data_lines(FACTUAL_VERBS).map(lexicon::lemma).collect(),
            hedges: data_lines(HEDGES)
                .map(|line| line.split_whitespace().collect())
                .collect(),
            opinions: data_lines(OPINIONS).collect(),
        }
    })
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "some", "all", "each", "every", "any", "no", "several", "many", "both", "few", "most",
    "more", "such", "another", "other",
];
const PREPOSITIONS: &[&str] = &[
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "to",
    "by",
    "about",
    "into",
    "onto",
    "over",
    "under",
    "against",
    "between",
    "among",
    "after",
    "before",
    "during",
    "since",
    "until",
    "through",
    "across",
    "toward",
    "towards",
    "without",
    "within",
    "per",
    "via",
    "amid",
    "around",
    "behind",
    "beyond",
    "near",
    "despite",
    "following",
    "like",
    "upon",
    "throughout",
];
/// Prepositions an antecedent noun phrase may contain ("the attack on a hall").
const NOUN_PHRASE_PREPOSITIONS: &[&str] = &["of", "on", "in", "at", "for", "from", "with"];
const SUBJECT_PRONOUNS: &[&str] = &["i", "you", "he", "she", "it", "we", "they"];
const OBJECT_PRONOUNS: &[&str] = &["me", "him", "her", "us", "them", "it", "you", "itself"];
const AUXILIARIES: &[&str] = &[
    "am", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
    "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "cannot",
];
const MODALS: &[&str] = &[
    "will", "would", "shall", "should", "can", "could", "may", "might", "must",
];
/// Words that open a subordinate or relative clause.
const SUBORDINATORS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "because", "although", "though", "while", "whereas",
    "if", "unless", "whether", "since", "as", "when", "whenever", "where", "until", "after",
    "before", "once", "so",
];
const RELATIVE_PRONOUNS: &[&str] = &["that", "which", "who"];
/// Adverbs that may stand inside a verb group ("has not yet approved").
const VERB_ADVERBS: &[&str] = &[
    "not", "never", "also", "already", "still", "just", "now", "yet", "always", "often", "only",
    "even", "then", "later", "again", "once", "first", "soon", "nearly", "almost", "no", "ever",
    "further", "jointly", "since",
];
/// Words before a verb that restrict it: a part split off without its own
/// auxiliary would lose them.
const QUALIFIERS: &[&str] = &[
    "not",
    "never",
    "only",
    "no",
    "hardly",
    "barely",
    "scarcely",
    "rarely",
    "seldom",
    "nearly",
    "almost",
    "partly",
    "partially",
    "reportedly",
    "allegedly",
];
/// Words that may open a sentence before a comma: "Meanwhile, ...".
const OPENERS: &[&str] = &[
    "meanwhile",
    "however",
    "moreover",
    "furthermore",
    "still",
    "instead",
    "today",
    "yesterday",
    "now",
    "then",
    "later",
    "earlier",
    "also",
    "nevertheless",
    "nonetheless",
    "yet",
    "so",
    "thus",
    "overall",
    "separately",
    "previously",
    "initially",
    "finally",
    "first",
    "second",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "by",
    "after",
    "before",
    "during",
    "since",
    "until",
    "under",
    "despite",
    "following",
    "amid",
    "among",
    "across",
    "over",
    "within",
    "without",
    "when",
    "while",
    "although",
    "though",
    "because",
    "if",
    "as",
    "once",
    "unlike",
    "like",
    "last",
    "this",
    "next",
];
const CONJUNCTION_OPENERS: &[&str] = &["but", "and", "yet", "so"];
const PARTICLES: &[&str] = &[
    "out", "up", "down", "off", "away", "back", "over", "forward",
];
/// Plural subjects without an "s": a plain verb may follow them ("women say").
const PLURAL_WORDS: &[&str] = &[
    "we", "they", "you", "i", "people", "police", "women", "men", "children", "staff", "media",
];
/// Short references resolved to an earlier subject.
const REFERRING_PRONOUNS: &[&str] = &["it", "they", "he", "she"];
const REFERRING_NOUNS: &[&str] = &["group"];

/// The longest subject (in tokens) looked for before a verb.
const MAX_SUBJECT_TOKENS: usize = 14;
/// The longest opening phrase before its comma.
const MAX_OPENER_TOKENS: usize = 12;
/// The longest speaker name after a quotation.
const MAX_SPEAKER_TOKENS: usize = 10;
/// How far an antecedent noun phrase may reach back.
const MAX_ANTECEDENT_TOKENS: usize = 12;
/// The longest apposition after a name.
const MAX_APPOSITION_TOKENS: usize = 8;

fn is_in(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

fn is_quote(text: &str) -> bool {
    matches!(text, "\"" | "“" | "”" | "‘" | "’" | "«" | "»")
}

fn is_opening_quote(text: &str) -> bool {
    matches!(text, "\"" | "“" | "«")
}

fn is_closing_quote(text: &str) -> bool {
    matches!(text, "\"" | "”" | "»")
}

fn verb_uses(word: &str) -> Option<Uses> {
    lists().verbs.get(word).copied()
}

/// A word WordNet's tagged corpus uses as a verb at least as often as a noun.
fn is_verb_dominant(word: &str) -> bool {
    verb_uses(word).is_some_and(|[v, n, _]| v > 0 && v >= n)
}

fn s_bases(word: &str) -> Vec<String> {
    let n = word.len();
    if n <= 3
        || !word.ends_with('s')
        || word.ends_with("ss")
        || word.ends_with("us")
        || word.ends_with("is")
        || !word.is_ascii()
    {
        return Vec::new();
    }
    let mut bases = vec![word[..n - 1].to_string()];
    if word.ends_with("es") {
        bases.push(word[..n - 2].to_string());
    }
    if word.ends_with("ies") {
        bases.push(format!("{}y", &word[..n - 3]));
    }
    bases
}

fn suffix_bases(word: &str, suffix: &str) -> Vec<String> {
    let n = word.len();
    if !word.is_ascii() || !word.ends_with(suffix) || n < suffix.len() + 2 {
        return Vec::new();
    }
    let stem = &word[..n - suffix.len()];
    let mut bases = vec![stem.to_string(), format!("{stem}e")];
    if suffix == "ed" {
        if let Some(y) = stem.strip_suffix('i') {
            bases.push(format!("{y}y"));
        }
    }
    let bytes = stem.as_bytes();
    if bytes.len() >= 3 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2] {
        bases.push(stem[..stem.len() - 1].to_string());
    }
    bases
}

// ---------------------------------------------------------------------------
// One sentence, tokenised
// ---------------------------------------------------------------------------

/// A verb group: auxiliaries, adverbs and the main verb.
#[derive(Clone, Debug)]
struct VerbGroup {
    /// Position (in the clause) of the first word of the group.
    start: usize,
    /// Position of the main verb (or of the last auxiliary, for a copula).
    head: usize,
    /// Token indices of the modals, carried into a split-off plain verb.
    modals: Vec<usize>,
    /// Token indices of all the auxiliaries ("has been"), carried into a
    /// split-off participle ("was born in X and raised in Y").
    auxes: Vec<usize>,
    /// The group contains a negation or a restricting adverb.
    qualified: bool,
    /// The group is in the present singular (`has`, `is`, `maintains`).
    present_singular: bool,
}

/// A claim in the making, as token indices of its sentence.
#[derive(Clone, Debug, Default)]
struct Draft {
    opener: Vec<usize>,
    subject: Vec<usize>,
    /// The one word a claim may add: "is"/"are" of an apposition.
    copula: Option<&'static str>,
    body: Vec<usize>,
    speaker: Option<Speaker>,
}

/// Who said a claim: the name as written, and its tokens.
type Speaker = (String, Vec<usize>);

struct Sentence<'a> {
    text: &'a str,
    toks: Vec<Token>,
    /// Quotation and bracket depth of every token.
    depth: Vec<u8>,
}

fn quote_depths(toks: &[Token]) -> Vec<u8> {
    let mut depths = Vec::with_capacity(toks.len());
    let mut depth: u8 = 0;
    let mut straight_open = false;
    for token in toks {
        match token.text.as_str() {
            "“" | "(" | "«" => {
                depths.push(depth);
                depth = depth.saturating_add(1);
            }
            "”" | ")" | "»" => {
                depth = depth.saturating_sub(1);
                depths.push(depth);
            }
            "\"" => {
                if straight_open {
                    depth = depth.saturating_sub(1);
                    depths.push(depth);
                } else {
                    depths.push(depth);
                    depth = depth.saturating_add(1);
                }
                straight_open = !straight_open;
            }
            _ => depths.push(depth),
        }
    }
    depths
}

impl<'a> Sentence<'a> {
    fn new(text: &'a str) -> Sentence<'a> {
        let toks = tokenize(text);
        let depth = quote_depths(&toks);
        Sentence { text, toks, depth }
    }

    fn w(&self, i: usize) -> &str {
        &self.toks[i].lower
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks[i].kind == TokenKind::Word
    }

    fn is_punct(&self, i: usize, text: &str) -> bool {
        self.toks[i].kind == TokenKind::Punct && self.toks[i].text == text
    }

    fn is_comma(&self, i: usize) -> bool {
        self.is_punct(i, ",") || self.is_punct(i, ";")
    }

    /// A plain lower-case word (not a name, not a possessive).
    fn is_plain(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.kind == TokenKind::Word && !t.is_capitalized && !t.is_possessive
    }

    fn is_determiner(&self, i: usize) -> bool {
        self.is_word(i) && (is_in(DETERMINERS, self.w(i)) || self.toks[i].is_possessive)
    }

    /// A determiner before an adjective ("the armed forces"), not "that".
    fn is_article(&self, i: usize) -> bool {
        self.is_determiner(i) && self.w(i) != "that"
    }

    fn is_preposition(&self, i: usize) -> bool {
        self.is_word(i) && is_in(PREPOSITIONS, self.w(i))
    }

    fn is_aux(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.kind == TokenKind::Word
            && !t.is_possessive
            && (is_in(AUXILIARIES, &t.lower) || t.lower.ends_with("n't"))
    }

    fn is_modal(&self, i: usize) -> bool {
        self.is_word(i) && (is_in(MODALS, self.w(i)) || self.w(i) == "cannot")
    }

    fn is_negation(&self, i: usize) -> bool {
        let w = self.w(i);
        self.is_word(i) && (matches!(w, "not" | "never" | "no" | "cannot") || w.ends_with("n't"))
    }

    fn is_adverb(&self, i: usize) -> bool {
        self.is_plain(i) && {
            let w = self.w(i);
            is_in(VERB_ADVERBS, w) || (w.len() > 4 && w.ends_with("ly") && !is_verb_dominant(w))
        }
    }

    /// A past tense or participle: `fought`, `invaded`.
    fn is_past(&self, i: usize) -> bool {
        if !self.is_plain(i) || self.is_aux(i) {
            return false;
        }
        let w = self.w(i);
        if lists().ed_nouns.contains(w) {
            return false;
        }
        lexicon::is_irregular_verb_form(w)
            || w == "born"
            || suffix_bases(w, "ed").iter().any(|b| verb_uses(b).is_some())
    }

    /// An irregular past tense that is not also a participle used as an
    /// adjective ("went", "fought"; not "broken", "frozen").
    fn is_simple_past(&self, i: usize) -> bool {
        self.is_plain(i) && lexicon::is_irregular_verb_form(self.w(i)) && !self.w(i).ends_with("en")
    }

    /// A present-tense `-s` form of a word mostly used as a verb.
    fn is_s_form(&self, i: usize) -> bool {
        self.is_plain(i)
            && !self.is_aux(i)
            && s_bases(self.w(i)).iter().any(|b| is_verb_dominant(b))
    }

    fn is_ing(&self, i: usize) -> bool {
        self.is_plain(i)
            && suffix_bases(self.w(i), "ing")
                .iter()
                .any(|b| verb_uses(b).is_some())
    }

    /// A plain (base) form of a word mostly used as a verb.
    fn is_base_verb(&self, i: usize) -> bool {
        self.is_plain(i) && !self.is_aux(i) && is_verb_dominant(self.w(i))
    }

    /// Clearly a finite verb, whatever came before.
    fn is_clear_verb(&self, i: usize) -> bool {
        self.is_aux(i) || self.is_past(i) || self.is_s_form(i)
    }

    fn is_plural_like(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.kind == TokenKind::Word
            && !t.is_possessive
            && (is_in(PLURAL_WORDS, &t.lower)
                || ((!t.is_capitalized || i == 0)
                    && t.lower.ends_with('s')
                    && !t.lower.ends_with("ss")))
    }

    fn is_speech_verb(&self, i: usize) -> bool {
        self.is_word(i) && lists().speech.contains(&self.toks[i].lemma)
    }

    /// The depth of a clause: the shallowest of its tokens.
    fn base_depth(&self, seq: &[usize]) -> u8 {
        seq.iter().map(|&i| self.depth[i]).min().unwrap_or(0)
    }

    /// Drops punctuation (other than `?` and `!`) and unbalanced quotes from
    /// both ends of a clause.
    fn trim(&self, seq: &[usize]) -> Vec<usize> {
        let mut lo = 0;
        let mut hi = seq.len();
        while lo < hi
            && self.toks[seq[lo]].kind == TokenKind::Punct
            && !matches!(self.toks[seq[lo]].text.as_str(), "$" | "£" | "€" | "(")
        {
            lo += 1;
        }
        while hi > lo
            && self.toks[seq[hi - 1]].kind == TokenKind::Punct
            && !matches!(self.toks[seq[hi - 1]].text.as_str(), "?" | "!" | "%" | ")")
        {
            hi -= 1;
        }
        seq[lo..hi].to_vec()
    }

    // -- Subject and verb ----------------------------------------------------

    /// The verb group starting at position `p` of `seq`.
    fn verb_group(&self, seq: &[usize], p: usize) -> VerbGroup {
        let mut start = p;
        let mut qualified = false;
        // Adverbs just before the verb belong to it: "Russia just became".
        while start > 1 && self.is_adverb(seq[start - 1]) {
            start -= 1;
        }
        for &i in &seq[start..p] {
            qualified |= is_in(QUALIFIERS, self.w(i)) || self.is_negation(i);
        }
        let mut q = p;
        let mut modals = Vec::new();
        let mut auxes = Vec::new();
        let mut last_aux = None;
        while q < seq.len() {
            let i = seq[q];
            if self.is_aux(i) {
                auxes.push(i);
                if self.is_modal(i) {
                    modals.push(i);
                }
                qualified |= self.is_negation(i);
                last_aux = Some(q);
                q += 1;
            } else if !auxes.is_empty() && q + 1 < seq.len() && self.is_adverb(i) {
                qualified |= is_in(QUALIFIERS, self.w(i)) || self.is_negation(i);
                q += 1;
            } else {
                break;
            }
        }
        let head = match last_aux {
            None => p,
            Some(last) => {
                if q < seq.len()
                    && (self.is_past(seq[q]) || self.is_ing(seq[q]) || self.is_base_verb(seq[q]))
                {
                    q
                } else {
                    last
                }
            }
        };
        let first = seq[p];
        let present_singular = matches!(self.w(first), "is" | "has" | "does")
            || (auxes.is_empty() && self.is_s_form(first));
        VerbGroup {
            start,
            head,
            modals: if qualified { Vec::new() } else { modals },
            auxes: if qualified { Vec::new() } else { auxes },
            qualified,
            present_singular,
        }
    }

    /// The first finite verb of a clause, after a subject of at least one
    /// word.
    fn find_verb(&self, seq: &[usize]) -> Option<VerbGroup> {
        let limit = seq.len().min(MAX_SUBJECT_TOKENS + 1);
        let first = *seq.first()?;
        if self.is_preposition(first)
            || (self.is_word(first)
                && is_in(SUBORDINATORS, self.w(first))
                && self.w(first) != "that")
            || self.toks[first].kind == TokenKind::Punct
        {
            return None;
        }
        let base = self.base_depth(seq);
        for p in 1..limit {
            let i = seq[p];
            let t = &self.toks[i];
            if self.depth[i] != base {
                return None;
            }
            if t.kind == TokenKind::Punct {
                if is_quote(&t.text) || matches!(t.text.as_str(), "(" | ":" | ";" | "—" | "–") {
                    return None;
                }
                continue;
            }
            if t.kind != TokenKind::Word {
                continue;
            }
            if is_in(SUBORDINATORS, &t.lower) || is_in(RELATIVE_PRONOUNS, &t.lower) {
                return None;
            }
            let prev = seq[p - 1];
            let next = seq.get(p + 1).copied();
            // "This represents ...": a lone demonstrative is the subject.
            let lone_demonstrative =
                p == 1 && matches!(self.w(prev), "this" | "that" | "these" | "those");
            let prev_blocks =
                (self.is_determiner(prev) || self.is_preposition(prev)) && !lone_demonstrative;
            let next_is_verb = next.is_some_and(|n| self.is_clear_verb(n));
            let next_is_aux = next.is_some_and(|n| self.is_aux(n));
            let verb = if self.is_aux(i) {
                true
            } else if self.is_past(i) {
                // "bought shares": an "-s" word after a past verb is its object.
                !prev_blocks && !next_is_aux
            } else if self.is_s_form(i) {
                !prev_blocks && !next_is_verb
            } else if self.is_plain(i)
                && p == 1
                && is_in(SUBJECT_PRONOUNS, self.w(prev))
                && verb_uses(self.w(i)).is_some()
            {
                true
            } else if self.is_base_verb(i) {
                self.is_plural_like(prev) && !prev_blocks && !next_is_verb
            } else {
                false
            };
            if verb {
                let group = self.verb_group(seq, p);
                if !self.subject_is_plausible(&seq[..group.start]) {
                    return None;
                }
                return Some(group);
            }
        }
        None
    }

    /// A subject: words, no clause of its own; commas only in a list.
    fn subject_is_plausible(&self, subject: &[usize]) -> bool {
        if subject.is_empty() {
            return false;
        }
        if let [only] = subject {
            return self.is_word(*only);
        }
        let last = subject[subject.len() - 1];
        if self.is_word(last) && matches!(self.w(last), "and" | "or" | "but" | "nor") {
            return false;
        }
        let has_comma = subject.iter().any(|&i| self.is_comma(i));
        let has_and = subject
            .iter()
            .any(|&i| self.is_word(i) && matches!(self.w(i), "and" | "or"));
        (!has_comma || has_and)
            && subject
                .iter()
                .any(|&i| self.toks[i].kind != TokenKind::Punct && !self.is_determiner(i))
    }

    fn subject_is_singular(&self, subject: &[usize]) -> bool {
        let Some(&last) = subject.iter().rev().find(|&&i| self.is_word(i)) else {
            return false;
        };
        !subject
            .iter()
            .any(|&i| self.is_word(i) && matches!(self.w(i), "and"))
            && !self.is_plural_like(last)
    }

    /// Words that may start what a verb takes: "withdrew in 1989",
    /// "rejected them", "invaded Afghanistan".
    fn starts_complement(&self, seq: &[usize], p: usize) -> bool {
        let Some(&i) = seq.get(p) else { return true };
        let t = &self.toks[i];
        match t.kind {
            TokenKind::Number => true,
            TokenKind::Punct => matches!(t.text.as_str(), "," | "“" | "\"" | "$" | "£" | "€" | "."),
            TokenKind::Word => {
                t.is_capitalized
                    || self.is_determiner(i)
                    || self.is_preposition(i)
                    || is_in(OBJECT_PRONOUNS, &t.lower)
                    || is_in(SUBJECT_PRONOUNS, &t.lower)
                    || is_in(PARTICLES, &t.lower)
                    || matches!(t.lower.as_str(), "that" | "to" | "as" | "up")
                    || is_number_word(&t.lower)
                    || self.is_adverb(i)
            }
        }
    }

    /// A subordinator at `p` that opens a finite clause ("as the Taliban had
    /// been", "that killed"), not a phrase ("after losing").
    fn opens_finite_clause(&self, seq: &[usize], p: usize) -> bool {
        let base = self.depth[seq[p]];
        for &i in seq.iter().skip(p + 1).take(10) {
            if self.depth[i] != base || self.is_comma(i) {
                return false;
            }
            if self.is_aux(i) || self.is_past(i) || self.is_s_form(i) {
                return true;
            }
        }
        false
    }

    // -- Noun phrases ---------------------------------------------------------

    /// The noun phrase ending just before position `end` of `seq`, e.g.
    /// "the March 2024 attack on a Moscow concert hall" before "that killed".
    /// A phrase that ends in a relative clause of its own ("the attack that
    /// killed 149 people, which ...") gives that clause's antecedent.
    fn antecedent(&self, seq: &[usize], end: usize, follow_relatives: bool) -> Vec<usize> {
        let mut k = end;
        let mut steps = 0;
        while k > 0 && steps < MAX_ANTECEDENT_TOKENS {
            let i = seq[k - 1];
            let t = &self.toks[i];
            let fits = match t.kind {
                TokenKind::Number => true,
                TokenKind::Punct => t.text == "-" && t.is_joined,
                TokenKind::Word => {
                    if self.is_preposition(i) {
                        is_in(NOUN_PHRASE_PREPOSITIONS, &t.lower)
                            && seq
                                .get(k)
                                .is_some_and(|&n| self.toks[n].kind == TokenKind::Word && k < end)
                    } else {
                        !self.is_aux(i)
                            && !is_in(SUBORDINATORS, &t.lower)
                            && !is_in(RELATIVE_PRONOUNS, &t.lower)
                            && !is_in(SUBJECT_PRONOUNS, &t.lower)
                            && !(self.is_past(i) && !(k >= 2 && self.is_article(seq[k - 2])))
                            && !(self.is_ing(i) && !(k >= 2 && self.is_article(seq[k - 2])))
                            && !(self.is_s_form(i)
                                && seq.get(k).is_some_and(|&n| self.is_determiner(n)))
                            && !(t.lower == "and" || t.lower == "or" || t.lower == "but")
                    }
                }
            };
            if !fits {
                break;
            }
            k -= 1;
            steps += 1;
        }
        // A relative clause stopped the walk: "the attack that killed 149 people".
        if follow_relatives && k > 0 && k < end {
            let stop = seq[k - 1];
            if self.is_clear_verb(stop) || self.is_past(stop) {
                let mut r = k - 1;
                while r > 0 && (self.is_aux(seq[r - 1]) || self.is_adverb(seq[r - 1])) {
                    r -= 1;
                }
                if r > 0 && is_in(RELATIVE_PRONOUNS, self.w(seq[r - 1])) {
                    let outer = self.antecedent(seq, r - 1, false);
                    if !outer.is_empty() {
                        return outer;
                    }
                }
            }
        }
        let mut phrase: Vec<usize> = seq[k..end].to_vec();
        while phrase
            .first()
            .is_some_and(|&i| self.is_preposition(i) || self.toks[i].kind == TokenKind::Punct)
        {
            phrase.remove(0);
        }
        let has_noun = phrase
            .iter()
            .any(|&i| self.is_word(i) && !self.is_determiner(i) && !self.is_preposition(i));
        if has_noun {
            phrase
        } else {
            Vec::new()
        }
    }

    // -- Claims ----------------------------------------------------------------

    /// Claims of a whole sentence.
    fn claims(&self, full: bool) -> Vec<Draft> {
        let all: Vec<usize> = (0..self.toks.len()).collect();
        let mut drafts = Vec::new();
        if self.toks.last().is_some_and(|t| t.text == "?") {
            // A question asserts nothing to split.
            drafts.push(Draft {
                body: self.trim(&all),
                ..Draft::default()
            });
            return drafts;
        }
        self.clause(&all, None, full, 0, &mut drafts);
        if full {
            self.relative_claims(&all, &mut drafts);
        }
        drafts
    }

    /// Claims of one clause (`seq`, token indices in order).
    fn clause(
        &self,
        seq: &[usize],
        speaker: Option<Speaker>,
        full: bool,
        level: u8,
        out: &mut Vec<Draft>,
    ) {
        let seq = self.trim(seq);
        if seq.is_empty() {
            return;
        }
        if level > 4 {
            out.push(Draft {
                body: seq,
                speaker,
                ..Draft::default()
            });
            return;
        }
        if full {
            if let Some((content, who)) = self.postposed_speech(&seq) {
                self.clause(&content, Some(who), full, level + 1, out);
                return;
            }
        }
        let (opener, rest) = self.opener(&seq);
        if full
            && opener.len() >= 2
            && self.w(opener[0]) == "according"
            && self.w(opener[1]) == "to"
        {
            let who = self.trim(&opener[2..]);
            if !who.is_empty() {
                let text = self.piece_text(&who);
                self.clause(&rest, Some((text, who)), full, level + 1, out);
                return;
            }
        }
        let main = if full {
            self.cut_modifiers(&rest, &opener, &speaker, out)
        } else {
            rest.clone()
        };
        let Some(group) = self.find_verb(&main) else {
            out.push(Draft {
                opener: Vec::new(),
                subject: Vec::new(),
                copula: None,
                body: self.trim(&[opener.as_slice(), main.as_slice()].concat()),
                speaker,
            });
            return;
        };
        let subject = main[..group.start].to_vec();
        let singular = self.subject_is_singular(&subject);
        // Split the verb phrases.
        let splits = self.split_points(&main, &group, singular);
        let mut parts: Vec<(usize, usize, Vec<usize>)> = Vec::new(); // (from, to, carried)
        let mut from = group.start;
        let mut carried = Vec::new();
        let mut new_clause = None;
        for split in &splits {
            parts.push((from, split.at, std::mem::take(&mut carried)));
            if split.new_clause {
                new_clause = Some(split.resume);
                from = main.len();
                break;
            }
            from = split.resume;
            carried = match split.carry {
                Carry::Nothing => Vec::new(),
                Carry::Modals => group.modals.clone(),
                Carry::Auxiliaries => group.auxes.clone(),
            };
        }
        if from < main.len() {
            parts.push((from, main.len(), carried));
        }
        for (n, (from, to, carried)) in parts.into_iter().enumerate() {
            let vp: Vec<usize> = main[from..to].to_vec();
            let head = if n == 0 { group.head - group.start } else { 0 };
            if full && self.reported_speech(&subject, &vp, head, level, out) {
                continue;
            }
            let body = self.trim(&[carried, vp].concat());
            if body.is_empty() {
                continue;
            }
            out.push(Draft {
                opener: opener.clone(),
                subject: subject.clone(),
                copula: None,
                body,
                speaker: speaker.clone(),
            });
        }
        if let Some(resume) = new_clause {
            let next = [opener.as_slice(), &main[resume..]].concat();
            self.clause(&next, speaker, full, level + 1, out);
        }
    }

    /// "X said (that) ...": the content, recursed with X as speaker.
    /// `head` is the position of the verb in `vp`.
    fn reported_speech(
        &self,
        subject: &[usize],
        vp: &[usize],
        head: usize,
        level: u8,
        out: &mut Vec<Draft>,
    ) -> bool {
        if subject.is_empty() {
            return false;
        }
        let Some(content) = self.speech_content(vp, head) else {
            return false;
        };
        let who = (self.piece_text(subject), subject.to_vec());
        self.clause(&content, Some(who), true, level + 1, out);
        true
    }

    /// What a speech verb at position `head` of `vp` reports: the clause
    /// after it ("said (on Monday) (that) the plan was ..."), if any.
    fn speech_content(&self, vp: &[usize], head: usize) -> Option<Vec<usize>> {
        let &verb = vp.get(head)?;
        if !self.is_speech_verb(verb)
            || vp[..head].iter().any(|&i| self.is_negation(i))
            || !(self.is_past(verb) || self.is_s_form(verb) || self.is_base_verb(verb))
        {
            return None;
        }
        let mut start = head + 1;
        // "told reporters that ...", "said on Monday that ...".
        if let Some(offset) = vp[start..]
            .iter()
            .take(6)
            .position(|&i| self.is_word(i) && self.w(i) == "that")
        {
            let between = &vp[start..start + offset];
            if !between
                .iter()
                .any(|&i| self.is_clear_verb(i) || self.is_comma(i))
            {
                start += offset + 1;
            }
        }
        while start < vp.len()
            && self.toks[vp[start]].kind == TokenKind::Punct
            && matches!(self.toks[vp[start]].text.as_str(), ":" | "," | "“" | "\"")
        {
            start += 1;
        }
        let content = self.trim(&vp[start..]);
        (!content.is_empty() && self.find_verb(&content).is_some()).then_some(content)
    }

    /// `"...," said X.` / `"...," X said.` / `..., X said.` /
    /// `..., according to X.`: the content and the speaker.
    fn postposed_speech(&self, seq: &[usize]) -> Option<(Vec<usize>, Speaker)> {
        let base = self.base_depth(seq);
        // The last comma (or closing quote) at the clause's own depth.
        let mut cut = None;
        for p in (1..seq.len()).rev() {
            let i = seq[p];
            if self.depth[i] == base && self.is_comma(i) {
                cut = Some((p, p + 1));
                break;
            }
            if self.depth[i] == base && is_closing_quote(&self.toks[i].text) && p + 1 < seq.len() {
                cut = Some((p + 1, p + 1));
                break;
            }
        }
        let (content_end, tail_start) = cut?;
        let tail = self.trim(&seq[tail_start..]);
        if tail.is_empty() || tail.len() > MAX_SPEAKER_TOKENS + 1 {
            return None;
        }
        let speaker: Vec<usize> =
            if tail.len() >= 3 && self.w(tail[0]) == "according" && self.w(tail[1]) == "to" {
                tail[2..].to_vec()
            } else if self.is_speech_verb(tail[0]) && self.is_past_or_present(tail[0]) {
                tail[1..].to_vec()
            } else if self.is_speech_verb(tail[tail.len() - 1])
                && self.is_past_or_present(tail[tail.len() - 1])
            {
                tail[..tail.len() - 1].to_vec()
            } else {
                return None;
            };
        let looks_like_name = !speaker.is_empty()
            && speaker.iter().all(|&i| {
                self.toks[i].kind != TokenKind::Punct
                    || self.is_punct(i, "-")
                    || self.is_punct(i, ".")
            })
            && !speaker
                .iter()
                .any(|&i| self.is_aux(i) || self.is_past(i) || self.is_s_form(i));
        if !looks_like_name {
            return None;
        }
        let mut content = seq[..content_end].to_vec();
        // Quotation marks around the content.
        if content
            .first()
            .is_some_and(|&i| is_opening_quote(&self.toks[i].text))
        {
            content.remove(0);
        }
        let content = self.trim(&content);
        if content.len() < 3 {
            return None;
        }
        Some((content, (self.piece_text(&speaker), speaker)))
    }

    fn is_past_or_present(&self, i: usize) -> bool {
        self.is_past(i) || self.is_s_form(i) || matches!(self.w(i), "say" | "said" | "says")
    }

    /// An opening phrase and the rest: "Since 2022," + "Afghanistan has ...".
    fn opener(&self, seq: &[usize]) -> (Vec<usize>, Vec<usize>) {
        let mut at = 0;
        if seq.len() > 2
            && self.is_word(seq[0])
            && is_in(CONJUNCTION_OPENERS, self.w(seq[0]))
            && !self.is_comma(seq[1])
        {
            at = 1;
        }
        let base = self.base_depth(seq);
        if at < seq.len() && self.is_word(seq[at]) {
            let first = self.w(seq[at]);
            let opens = is_in(OPENERS, first)
                || (first == "according")
                || (first.ends_with("ly") && first.len() > 4)
                || self.w(seq[at]) == "more";
            if opens {
                let comma = seq
                    .iter()
                    .enumerate()
                    .skip(at + 1)
                    .take(MAX_OPENER_TOKENS)
                    .find(|&(_, &i)| self.depth[i] == base && self.is_comma(i))
                    .map(|(p, _)| p);
                if let Some(c) = comma {
                    if c + 2 < seq.len() {
                        at = c + 1;
                    }
                }
            }
        }
        (seq[..at].to_vec(), seq[at..].to_vec())
    }

    /// Cuts non-restrictive modifiers out of a clause: an apposition after
    /// the subject ("Zamir Kabulov, Russia's envoy, said": gives the claim
    /// "Zamir Kabulov is Russia's envoy"), ", which ..." relatives and
    /// ", a move that ..." appositions (their claims come from
    /// [`Sentence::relative_claims`]).
    fn cut_modifiers(
        &self,
        seq: &[usize],
        opener: &[usize],
        speaker: &Option<Speaker>,
        out: &mut Vec<Draft>,
    ) -> Vec<usize> {
        let base = self.base_depth(seq);
        let commas: Vec<usize> = (0..seq.len())
            .filter(|&p| self.depth[seq[p]] == base && self.is_comma(seq[p]))
            .collect();
        let mut cut = vec![false; seq.len()];
        // An aside after the subject: "Zamir Kabulov, Russia's special
        // envoy, said" (an apposition, which gives a claim) or "The report,
        // published on Monday, found" (a participle phrase, cut).
        if commas.len() >= 2 {
            let (c1, c2) = (commas[0], commas[1]);
            let subject = &seq[..c1];
            let aside = &seq[c1 + 1..c2];
            let subject_ok = !subject.is_empty()
                && subject.len() <= 5
                && subject.iter().all(|&i| {
                    let t = &self.toks[i];
                    t.kind == TokenKind::Word && !self.is_clear_verb(i) && !t.is_possessive
                })
                && (self.toks[subject[0]].is_capitalized || self.is_determiner(subject[0]))
                && !subject.iter().any(|&i| {
                    is_in(SUBORDINATORS, self.w(i))
                        || is_in(PREPOSITIONS, self.w(i)) && self.w(i) != "of"
                });
            let plain_aside = !aside.is_empty()
                && aside.len() <= MAX_APPOSITION_TOKENS
                && aside.iter().all(|&i| {
                    !self.is_aux(i)
                        && !self.is_s_form(i)
                        && !(self.is_word(i)
                            && (matches!(self.w(i), "and" | "or")
                                || is_in(SUBORDINATORS, self.w(i))))
                        && (self.toks[i].kind != TokenKind::Punct || self.is_punct(i, "-"))
                });
            let participle = plain_aside && (self.is_past(aside[0]) || self.is_ing(aside[0]));
            let apposition = plain_aside
                && !participle
                && (self.toks[aside[0]].is_capitalized || self.is_determiner(aside[0]))
                && !aside.iter().any(|&i| self.is_past(i))
                // "Paris, France, hosted": a place, not a description.
                && aside.iter().any(|&i| self.is_plain(i) && !self.is_determiner(i));
            let verb_follows = seq
                .get(c2 + 1)
                .is_some_and(|&i| self.is_clear_verb(i) || self.is_adverb(i));
            if subject_ok && (apposition || participle) && verb_follows {
                if apposition {
                    let plural = subject.iter().any(|&i| self.w(i) == "and");
                    out.push(Draft {
                        opener: Vec::new(),
                        subject: subject.to_vec(),
                        copula: Some(if plural { "are" } else { "is" }),
                        body: aside.to_vec(),
                        speaker: speaker.clone(),
                    });
                }
                for flag in &mut cut[c1..=c2] {
                    *flag = true;
                }
            }
        }
        let _ = opener;
        // ", which ..." and ", a move that ...": to the next comma or the end.
        for (n, &c) in commas.iter().enumerate() {
            let Some(&next) = seq.get(c + 1) else {
                continue;
            };
            let end = commas.get(n + 1).copied().unwrap_or(seq.len());
            let w = self.w(next);
            let relative = self.is_word(next) && matches!(w, "which" | "who" | "whom" | "whose");
            let apposition = self.is_word(next)
                && matches!(w, "a" | "an")
                && c > 0
                && seq[c + 1..end]
                    .iter()
                    .position(|&i| self.is_word(i) && is_in(RELATIVE_PRONOUNS, self.w(i)))
                    .is_some_and(|r| {
                        r <= 6 && !seq[c + 1..c + 1 + r].iter().any(|&i| self.is_clear_verb(i))
                    });
            if relative || apposition {
                // Keep a closing comma only when the clause goes on.
                let last = if end < seq.len() { end } else { seq.len() - 1 };
                for flag in &mut cut[c..=last] {
                    *flag = true;
                }
            }
        }
        seq.iter()
            .zip(&cut)
            .filter(|(_, &cut)| !cut)
            .map(|(&i, _)| i)
            .collect()
    }

    /// Where the verb phrases of a clause split.
    fn split_points(&self, main: &[usize], group: &VerbGroup, singular: bool) -> Vec<Split> {
        let mut splits: Vec<Split> = Vec::new();
        let base = self.base_depth(main);
        let head = main[group.head];
        if self.speech_content(main, group.head).is_some() {
            // The verbs after a speech verb belong to what it reports.
            return splits;
        }
        let mut pairing = false; // "between X and Y", "both X and Y"
        let mut p = group.head + 1;
        while p < main.len() {
            let i = main[p];
            if self.depth[i] != base {
                p += 1;
                continue;
            }
            let w = self.w(i).to_string();
            if self.is_word(i) {
                if matches!(
                    w.as_str(),
                    "between" | "both" | "either" | "neither" | "from"
                ) {
                    pairing = true;
                }
                if (is_in(SUBORDINATORS, &w) || is_in(RELATIVE_PRONOUNS, &w))
                    && self.opens_finite_clause(main, p)
                {
                    break;
                }
                if self.is_speech_verb(i) && self.is_past_or_present(i) {
                    // Reported content follows; its own verbs are not ours.
                    if !matches!(w.as_str(), "and" | "but") {
                        // fall through: a later "and warned" may still split
                    }
                }
            }
            let conj = self.is_word(i) && matches!(w.as_str(), "and" | "but");
            let semicolon = self.is_punct(i, ";");
            let comma = self.is_punct(i, ",");
            if conj && pairing && w == "and" {
                pairing = false;
                p += 1;
                continue;
            }
            if !(conj || semicolon || comma) {
                p += 1;
                continue;
            }
            let comma_before = p > 0 && self.is_comma(main[p - 1]);
            let mut q = p + 1;
            if conj && q < main.len() && self.is_comma(main[q]) {
                // ", and, God willing, it will ...": an aside; leave it.
                p += 1;
                continue;
            }
            let mut adverbs = 0;
            while q < main.len()
                && adverbs < 2
                && self.is_adverb(main[q])
                && !self.is_negation(main[q])
            {
                q += 1;
                adverbs += 1;
            }
            let Some(&v) = main.get(q) else { break };
            if comma && q < main.len() && self.is_word(v) && matches!(self.w(v), "and" | "but") {
                // ", and": decided at the conjunction.
                p += 1;
                continue;
            }
            // The next part has its own auxiliary ("and will maintain").
            let own_aux = self.is_aux(v) && !self.is_possessive_like(v);
            // A past verb after a past verb ("invaded ..., and withdrew in").
            let past_after_past = self.is_past(v)
                && !group.qualified
                && self.is_past(head)
                && (self.starts_complement(main, q + 1) || self.is_simple_past(v));
            // A present verb after a present one ("has frozen ... and maintains").
            let present_after_present = self.is_s_form(v)
                && !group.qualified
                && group.present_singular
                && singular
                && main.get(q + 1).is_some_and(|&n| {
                    !self.is_preposition(n) && self.toks[n].kind != TokenKind::Punct
                });
            let kind = if own_aux || present_after_present {
                Some(Carry::Nothing)
            } else if past_after_past {
                // "had considered X but rejected Y": the participle shares
                // the auxiliaries; a simple past ("and went") does not. After
                // a passive ("was born in X and served as Y") an "-ed" form
                // may be either: no split.
                let passive = group.auxes.iter().any(|&a| {
                    matches!(
                        self.w(a),
                        "is" | "are" | "was" | "were" | "be" | "been" | "being"
                    )
                });
                if self.is_simple_past(v) || group.auxes.is_empty() {
                    Some(Carry::Nothing)
                } else if passive {
                    None
                } else {
                    Some(Carry::Auxiliaries)
                }
            } else if conj
                && !group.modals.is_empty()
                && !group.qualified
                && adverbs == 0
                && self.is_base_verb(v)
                && q + 1 < main.len()
                && (self.starts_complement(main, q + 1)
                    || verb_uses(self.w(v)).is_some_and(|[_, noun, _]| noun == 0))
            {
                Some(Carry::Modals)
            } else {
                None
            };
            // "arrested and charged him": the verbs share what follows.
            let shared = p == group.head + 1;
            if let (Some(carry), false) = (kind, shared) {
                splits.push(Split {
                    at: p,
                    resume: p + 1,
                    carry,
                    new_clause: false,
                    tentative: comma,
                });
                p = q + 1;
                continue;
            }
            // ", and the company said ...": a clause with its own subject.
            if (conj && comma_before) || semicolon {
                let next: Vec<usize> = main[p + 1..].to_vec();
                if let Some(other) = self.find_verb(&next) {
                    let other_subject = &next[..other.start];
                    if other_subject.len() <= 8 && !other_subject.iter().any(|&i| self.is_comma(i))
                    {
                        splits.push(Split {
                            at: if comma_before { p - 1 } else { p },
                            resume: p + 1,
                            carry: Carry::Nothing,
                            new_clause: true,
                            tentative: false,
                        });
                        break;
                    }
                }
            }
            p += 1;
        }
        // A comma splits only in a series that ends in "and"/"but".
        while splits.last().is_some_and(|s| s.tentative) {
            splits.pop();
        }
        // A conjunction right after a comma splits at the comma.
        for split in &mut splits {
            if !split.new_clause && split.at > 0 && self.is_comma(main[split.at - 1]) {
                split.at -= 1;
            }
        }
        splits
    }

    fn is_possessive_like(&self, i: usize) -> bool {
        self.toks[i].is_possessive
    }

    /// Claims of relative clauses: "the attack that killed 149 people" gives
    /// "the attack killed 149 people"; ", which US officials attributed to
    /// Y" gives "US officials attributed the attack to Y".
    fn relative_claims(&self, seq: &[usize], out: &mut Vec<Draft>) {
        let base = self.base_depth(seq);
        for p in 1..seq.len() {
            let i = seq[p];
            if self.depth[i] != base || !self.is_word(i) || !is_in(RELATIVE_PRONOUNS, self.w(i)) {
                continue;
            }
            let comma_before = self.is_comma(seq[p - 1]);
            if self.w(i) == "that" && comma_before {
                continue;
            }
            let end = (p + 1..seq.len())
                .find(|&q| self.depth[seq[q]] == base && self.is_comma(seq[q]))
                .unwrap_or(seq.len());
            let clause = self.trim(&seq[p + 1..end]);
            if clause.is_empty() {
                continue;
            }
            let antecedent = if comma_before {
                self.antecedent(seq, p - 1, true)
            } else {
                self.antecedent(seq, p, false)
            };
            if antecedent.is_empty() {
                continue;
            }
            // ", a characterization that ...": an aside on a whole clause.
            let first = antecedent[0];
            let at = seq.iter().position(|&j| j == first).unwrap_or(0);
            if at > 0
                && self.is_comma(seq[at - 1])
                && matches!(self.w(first), "a" | "an")
                && !comma_before
            {
                continue;
            }
            // A year or number just before ", which" is a date, not a thing.
            if comma_before && self.toks[seq[p - 2]].kind == TokenKind::Number {
                continue;
            }
            let mut q = 0;
            while q < clause.len() && self.is_adverb(clause[q]) {
                q += 1;
            }
            let Some(&verb) = clause.get(q) else { continue };
            if self.is_clear_verb(verb) {
                // Subject relative.
                out.push(Draft {
                    subject: antecedent,
                    body: clause,
                    ..Draft::default()
                });
                continue;
            }
            if !comma_before || self.w(i) == "that" {
                continue;
            }
            // Object relative: "which US officials attributed to Y".
            let Some(group) = self.find_verb(&clause) else {
                continue;
            };
            let head = clause[group.head];
            if self.is_speech_verb(head) || group.head < group.start {
                continue;
            }
            let after = group.head + 1;
            let gap_here = after == clause.len()
                || (self.is_preposition(clause[after]) && self.w(clause[after]) != "of");
            if !gap_here {
                continue;
            }
            let head_np: Vec<usize> = antecedent
                .iter()
                .copied()
                .take_while(|&j| !(self.is_preposition(j) && self.w(j) != "of"))
                .collect();
            if head_np.is_empty() {
                continue;
            }
            let mut body = clause[group.start..after].to_vec();
            body.extend(&head_np);
            body.extend(&clause[after..]);
            out.push(Draft {
                subject: clause[..group.start].to_vec(),
                body,
                ..Draft::default()
            });
        }
    }

    // -- Text ---------------------------------------------------------------

    /// Contiguous runs of tokens as byte ranges of the sentence.
    fn runs(&self, seq: &[usize]) -> Vec<(usize, usize)> {
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut previous: Option<usize> = None;
        for &i in seq {
            let t = &self.toks[i];
            match (previous, runs.last_mut()) {
                (Some(p), Some(run)) if p + 1 == i => run.1 = t.end,
                _ => runs.push((t.start, t.end)),
            }
            previous = Some(i);
        }
        runs
    }

    fn piece_text(&self, seq: &[usize]) -> String {
        self.runs(seq)
            .iter()
            .map(|&(s, e)| &self.text[s..e])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// What a split-off verb phrase takes from the first one's verb group.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Carry {
    Nothing,
    /// "will cut X and reduce Y": "will reduce Y".
    Modals,
    /// "was born in X and raised in Y": "was raised in Y".
    Auxiliaries,
}

#[derive(Clone, Debug)]
struct Split {
    /// Position of the comma or conjunction that ends the previous part.
    at: usize,
    /// Position where the next part starts.
    resume: usize,
    /// What the next part takes from the first part's verb group.
    carry: Carry,
    /// The next part is a clause with its own subject.
    new_clause: bool,
    /// A bare comma: splits only in a series that ends in a conjunction.
    tentative: bool,
}

/// A claim's text and its pieces, as byte ranges of the sentence (`None`
/// for an added copula).
struct Built {
    pieces: Vec<Option<(usize, usize)>>,
}

impl Built {
    fn new(sentence: &Sentence, draft: &Draft, subject: Option<()>) -> Built {
        let mut pieces = Vec::new();
        let mut all: Vec<usize> = draft.opener.clone();
        if subject.is_some() {
            all.extend(&draft.subject);
        }
        let trimmed_front: Vec<usize> = all;
        pieces.extend(sentence.runs(&trimmed_front).into_iter().map(Some));
        if let Some(_copula) = draft.copula {
            pieces.push(None);
        }
        pieces.extend(sentence.runs(&draft.body).into_iter().map(Some));
        Built { pieces }
    }
}

/// Does the claim list three or more items ("gas, oil, and wheat")?
fn has_series(tokens: &[Token]) -> bool {
    for (k, t) in tokens.iter().enumerate() {
        if !(t.kind == TokenKind::Word && matches!(t.lower.as_str(), "and" | "or")) {
            continue;
        }
        if k + 1 >= tokens.len()
            || tokens[k + 1].kind != TokenKind::Word && tokens[k + 1].kind != TokenKind::Number
        {
            continue;
        }
        // Walk back over "item ," groups.
        let mut items = 1;
        let mut j = k;
        if j > 0 && tokens[j - 1].text == "," {
            j -= 1;
        }
        loop {
            let mut len = 0;
            let mut found_comma = false;
            while j > 0 && len <= 6 {
                let prev = &tokens[j - 1];
                if prev.text == "," {
                    found_comma = true;
                    break;
                }
                if prev.kind == TokenKind::Punct && prev.text != "-" && prev.text != "’" {
                    break;
                }
                j -= 1;
                len += 1;
            }
            if len == 0 {
                break;
            }
            items += 1;
            if !found_comma {
                break;
            }
            j -= 1; // the comma
        }
        if items >= 3 {
            return true;
        }
    }
    false
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/// A subject that later pronouns may refer to.
#[derive(Clone, Debug)]
struct Antecedent {
    text: String,
    span: (usize, usize),
    plural: bool,
    named: bool,
}

/// The atomic claims of these passages, in passage order. `passages` are in
/// corpus order (as [`crate::ingest::passages`] returns them), so that a
/// pronoun can be resolved to a subject set up earlier in its paragraph.
/// Headings give no claims.
pub fn extract_claims(passages: &[Passage]) -> Vec<Claim> {
    let mut claims = extract_claims_unscored(passages);
    for claim in &mut claims {
        claim.check_worthiness = check_worthiness(&claim.text);
    }
    claims
}

/// [`extract_claims`] with every `check_worthiness` left at 0: indexing
/// needs only the claims, and scoring them was over a third of extracting
/// them.
pub(crate) fn extract_claims_unscored(passages: &[Passage]) -> Vec<Claim> {
    let mut claims = Vec::new();
    let mut paragraph: Option<(&str, u32)> = None;
    let mut antecedents: Vec<Antecedent> = Vec::new();
    for passage in passages {
        if passage.kind != PassageKind::Sentence {
            continue;
        }
        let here = (passage.document.as_str(), passage.paragraph);
        if paragraph != Some(here) {
            paragraph = Some(here);
            antecedents.clear();
        }
        let sentence = Sentence::new(&passage.text);
        let mut drafts = sentence.claims(true);
        drafts.sort_by_key(|d| d.body.first().copied().unwrap_or(0));
        let mut seen = HashSet::new();
        for draft in drafts {
            let claim = build_claim(&sentence, passage, &draft, &mut antecedents);
            if let Some(claim) = claim {
                if seen.insert(claim.text.clone()) {
                    claims.push(claim);
                }
            }
        }
    }
    claims
}

/// Is this subject a pronoun or short reference ("it", "the group")?
fn referring(sentence: &Sentence, subject: &[usize]) -> Option<bool> {
    match subject {
        [i] if sentence.is_word(*i)
            && !sentence.toks[*i].is_possessive
            && is_in(
                REFERRING_PRONOUNS,
                sentence.toks[*i].text.to_lowercase().as_str(),
            ) =>
        {
            Some(sentence.w(*i) == "they")
        }
        [the, noun] if sentence.w(*the) == "the" && is_in(REFERRING_NOUNS, sentence.w(*noun)) => {
            Some(false)
        }
        _ => None,
    }
}

fn build_claim(
    sentence: &Sentence,
    passage: &Passage,
    draft: &Draft,
    antecedents: &mut Vec<Antecedent>,
) -> Option<Claim> {
    let offset = passage.start;
    let speaker_first = draft
        .speaker
        .as_ref()
        .filter(|(_, tokens)| tokens.first() < draft.subject.first().or(draft.body.first()));
    if let Some((_, tokens)) = speaker_first {
        register(sentence, offset, tokens, antecedents);
    }
    let mut resolved: Option<Antecedent> = None;
    if let Some(plural) = referring(sentence, &draft.subject) {
        let mut distinct: Vec<&Antecedent> = Vec::new();
        for a in antecedents.iter() {
            if !distinct
                .iter()
                .any(|d| d.text.eq_ignore_ascii_case(&a.text))
            {
                distinct.push(a);
            }
        }
        if let [only] = distinct.as_slice() {
            let agrees = if plural {
                only.plural || only.named
            } else {
                !only.plural
            };
            if agrees {
                resolved = Some((*only).clone());
            }
        }
    }
    let built = Built::new(sentence, draft, resolved.is_none().then_some(()));
    let mut texts: Vec<String> = Vec::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    // The opener comes before the subject.
    let opener_runs = sentence.runs(&draft.opener).len();
    for (n, piece) in built.pieces.iter().enumerate() {
        if n == opener_runs {
            if let Some(a) = &resolved {
                texts.push(a.text.clone());
                spans.push(a.span);
            }
        }
        match piece {
            Some((s, e)) => {
                texts.push(sentence.text[*s..*e].to_string());
                spans.push((s + offset, e + offset));
            }
            None => texts.push(draft.copula.unwrap_or("is").to_string()),
        }
    }
    if built.pieces.len() == opener_runs {
        if let Some(a) = &resolved {
            texts.push(a.text.clone());
            spans.push(a.span);
        }
    }
    let text = texts.join(" ").trim().to_string();
    if text.is_empty() || !text.chars().any(char::is_alphanumeric) {
        return None;
    }
    spans.sort_unstable();
    spans.dedup();
    let subject = match &resolved {
        Some(a) => Some(a.text.clone()),
        None if !draft.subject.is_empty() => Some(sentence.piece_text(&draft.subject)),
        None => None,
    };
    // Later pronouns may refer to this subject (or to the speaker).
    if resolved.is_none() {
        register(sentence, offset, &draft.subject, antecedents);
    }
    if let Some((_, tokens)) = &draft.speaker {
        if speaker_first.is_none() {
            register(sentence, offset, tokens, antecedents);
        }
    }
    let tokens = tokenize(&text);
    Some(Claim {
        check_worthiness: 0.0,
        is_list: has_series(&tokens),
        text,
        passage: passage.id,
        spans,
        subject,
        speaker: draft.speaker.as_ref().map(|(text, _)| text.clone()),
    })
}

/// Remembers a subject (or speaker) later pronouns of the paragraph may
/// refer to: a contiguous noun phrase, not itself a pronoun.
fn register(
    sentence: &Sentence,
    offset: usize,
    tokens: &[usize],
    antecedents: &mut Vec<Antecedent>,
) {
    let Some(&first) = tokens.first() else { return };
    if referring(sentence, tokens).is_some() {
        return;
    }
    let single = tokens.len() == 1;
    let demonstrative = matches!(sentence.w(first), "this" | "that" | "these" | "those");
    let pronoun = single
        && (is_in(SUBJECT_PRONOUNS, sentence.w(first))
            || sentence.toks[first].text.contains(['\'', '’']));
    let runs = sentence.runs(tokens);
    if demonstrative || pronoun || runs.len() != 1 {
        return;
    }
    let (s, e) = runs[0];
    let last = *tokens.last().unwrap_or(&first);
    antecedents.push(Antecedent {
        text: sentence.text[s..e].to_string(),
        span: (s + offset, e + offset),
        plural: !sentence.subject_is_singular(tokens),
        named: sentence.toks[last].is_capitalized,
    });
}

/// Splits a submitted statement into the atomic statements it makes, the
/// same way [`extract_claims`] splits a sentence: "Soviet forces invaded
/// Afghanistan in 1979 and withdrew in 1992" gives "Soviet forces invaded
/// Afghanistan in 1979" and "Soviet forces withdrew in 1992". An atomic
/// statement gives itself, alone.
pub fn split_statement(statement: &str) -> Vec<String> {
    let sentence = Sentence::new(statement);
    let drafts = sentence.claims(false);
    if drafts.len() < 2 {
        return vec![statement.to_string()];
    }
    let parts: Vec<String> = drafts
        .iter()
        .map(|draft| {
            let mut pieces: Vec<String> = Vec::new();
            let front = [draft.opener.as_slice(), draft.subject.as_slice()].concat();
            for (s, e) in sentence.runs(&front) {
                pieces.push(statement[s..e].to_string());
            }
            for (s, e) in sentence.runs(&draft.body) {
                pieces.push(statement[s..e].to_string());
            }
            pieces.join(" ")
        })
        .filter(|part| !part.trim().is_empty())
        .collect();
    if parts.len() < 2 {
        vec![statement.to_string()]
    } else {
        parts
    }
}

/// Check-worthiness starts here, before any feature.
const WORTH_BASE: f32 = 0.4;
/// A number or quantity (not a date): "149 people", "$1.2 billion".
const WORTH_QUANTITY: f32 = 0.2;
/// A date or year.
const WORTH_DATE: f32 = 0.15;
/// A named entity; two or more count a little more.
const WORTH_ENTITY: f32 = 0.1;
const WORTH_MORE_ENTITIES: f32 = 0.05;
/// A verb of a checkable event: killed, won, signed, recognised.
const WORTH_FACTUAL_VERB: f32 = 0.15;
/// An opinion word: should, believe, courageous.
const WORTH_OPINION: f32 = -0.25;
/// A hedge or forecast: may, might, could, is expected to.
const WORTH_HEDGE: f32 = -0.2;
/// A question.
const WORTH_QUESTION: f32 = -0.6;
/// A first-person view: "I think", "we believe".
const WORTH_FIRST_PERSON: f32 = -0.05;
/// Fewer words than this is heading-like.
const SHORT_WORDS: usize = 5;
const WORTH_SHORT: f32 = -0.25;

/// How worth checking a clause is, in [0, 1] (see [`Claim::check_worthiness`]).
///
/// A weighted sum of features, in the spirit of ClaimBuster: numbers, dates,
/// named entities and factual verbs raise it; opinion words, hedges,
/// questions and very short, heading-like texts lower it.
pub fn check_worthiness(text: &str) -> f32 {
    explain_check_worthiness(text).0
}

/// What lowered a clause's check-worthiness (see [`explain_check_worthiness`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "word", rename_all = "snake_case")]
pub enum Unworthy {
    /// An opinion word ("should", "believe", "courageous").
    Opinion(String),
    /// A hedge or forecast ("may", "is expected to").
    Hedge(String),
    /// A first-person view ("I think").
    FirstPerson(String),
    /// The clause is a question.
    Question,
    /// Fewer than a few words: heading-like.
    Short,
}

impl std::fmt::Display for Unworthy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unworthy::Opinion(word) => write!(f, "an opinion (\"{word}\")"),
            Unworthy::Hedge(word) => write!(f, "hedged (\"{word}\")"),
            Unworthy::FirstPerson(words) => write!(f, "a personal view (\"{words}\")"),
            Unworthy::Question => write!(f, "a question"),
            Unworthy::Short => write!(f, "too short to state a fact"),
        }
    }
}

/// [`check_worthiness`], with the features that lowered it, in a fixed
/// order (opinion, hedge, first person, question, short): why a sentence
/// of a draft is not checked.
pub fn explain_check_worthiness(text: &str) -> (f32, Vec<Unworthy>) {
    let analysis = analyze(text);
    let lists = lists();
    let words: Vec<&Token> = analysis
        .tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .collect();
    let mut lowered = Vec::new();
    let mut score = WORTH_BASE;
    if !analysis.quantities.is_empty() {
        score += WORTH_QUANTITY;
    }
    if !analysis.dates.is_empty() {
        score += WORTH_DATE;
    }
    if !analysis.entities.is_empty() {
        score += WORTH_ENTITY;
    }
    if analysis.entities.len() >= 2 {
        score += WORTH_MORE_ENTITIES;
    }
    if words
        .iter()
        .any(|t| t.kind == TokenKind::Word && lists.factual.contains(&t.lemma))
    {
        score += WORTH_FACTUAL_VERB;
    }
    if let Some(word) = words
        .iter()
        .find(|t| lists.opinions.contains(t.lower.as_str()))
    {
        score += WORTH_OPINION;
        lowered.push(Unworthy::Opinion(word.text.clone()));
    }
    let lower: Vec<&str> = words.iter().map(|t| t.lower.as_str()).collect();
    let hedge = lists.hedges.iter().find_map(|phrase| {
        lower
            .windows(phrase.len())
            .position(|w| w == phrase.as_slice())
            .map(|at| {
                let found: Vec<&str> = words[at..at + phrase.len()]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect();
                found.join(" ")
            })
    });
    if let Some(hedge) = hedge {
        score += WORTH_HEDGE;
        lowered.push(Unworthy::Hedge(hedge));
    }
    if let Some(at) = lower.windows(2).position(|w| {
        matches!(w[0], "i" | "we")
            && matches!(w[1], "think" | "believe" | "feel" | "hope" | "value")
    }) {
        score += WORTH_FIRST_PERSON;
        lowered.push(Unworthy::FirstPerson(format!(
            "{} {}",
            words[at].text,
            words[at + 1].text
        )));
    }
    if text.trim_end().ends_with('?') {
        score += WORTH_QUESTION;
        lowered.push(Unworthy::Question);
    }
    if words.len() < SHORT_WORDS {
        score += WORTH_SHORT;
        lowered.push(Unworthy::Short);
    }
    (score.clamp(0.0, 1.0), lowered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{passages, Corpus};

    const NORTHWIND: &str = include_str!("../../tests/data/dev/corpus/northwind-rail.txt");

    fn claims_of(texts: &[(&str, &str)]) -> Vec<Claim> {
        extract_claims(&passages(&Corpus::from_strs(texts)))
    }

    fn bundled() -> Vec<Claim> {
        extract_claims(&passages(&Corpus::bundled()))
    }

    fn find<'a>(claims: &'a [Claim], text: &str) -> &'a Claim {
        claims.iter().find(|c| c.text == text).unwrap_or_else(|| {
            let all: Vec<&str> = claims.iter().map(|c| c.text.as_str()).collect();
            panic!("no claim {text:?} in {all:#?}")
        })
    }

    #[test]
    fn coordinated_verb_phrases_share_their_subject() {
        let claims = bundled();
        for text in [
            "Soviet forces invaded in 1979",
            "Soviet forces fought for a decade against the Mujahideen insurgents",
            "Soviet forces withdrew in 1989 after losing approximately 15,000 soldiers",
        ] {
            let claim = find(&claims, text);
            assert_eq!(claim.subject.as_deref(), Some("Soviet forces"));
            assert!(!claim.is_list);
        }
        // A present verb after a perfect one keeps the opener and subject.
        find(
            &claims,
            "Meanwhile, the US maintains sanctions on Taliban leaders",
        );
    }

    #[test]
    fn relative_clauses_become_claims() {
        let claims = bundled();
        let attack = find(
            &claims,
            "the March 2024 attack on a Moscow concert hall killed 149 people",
        );
        assert_eq!(
            attack.subject.as_deref(),
            Some("the March 2024 attack on a Moscow concert hall")
        );
        let attributed = find(
            &claims,
            "US officials attributed the March 2024 attack to the Afghan branch of Islamic State",
        );
        assert_eq!(attributed.subject.as_deref(), Some("US officials"));
        // The main clause loses its non-restrictive asides.
        find(
            &claims,
            "President Vladimir Putin described the Taliban last year as an ally in fighting terrorism",
        );
        let claims = claims_of(&[("n.txt", NORTHWIND)]);
        find(&claims, "The regional transport authority owns the tracks");
        find(
            &claims,
            "The regional transport authority has not yet approved the timetable changes needed for the new fleet",
        );
    }

    #[test]
    fn appositions_give_an_is_claim() {
        let claims = claims_of(&[(
            "a.txt",
            "Zamir Kabulov, Russia's special envoy, said the decision was final.\n",
        )]);
        find(&claims, "Zamir Kabulov is Russia's special envoy");
        let reported = find(&claims, "the decision was final");
        assert_eq!(reported.speaker.as_deref(), Some("Zamir Kabulov"));
    }

    #[test]
    fn lists_stay_together() {
        let claims = bundled();
        let list = find(
            &claims,
            "Since 2022, Afghanistan has imported gas, oil, and wheat from Russia",
        );
        assert!(list.is_list);
        assert_eq!(list.subject.as_deref(), Some("Afghanistan"));
        let countries = find(
            &claims,
            "China, the United Arab Emirates, Uzbekistan, and Pakistan appointed ambassadors to Kabul—steps toward recognition without full diplomatic acknowledgment",
        );
        assert!(countries.is_list);
        assert_eq!(countries.speaker.as_deref(), Some("Reuters"));
        assert!(!find(&claims, "Soviet forces invaded in 1979").is_list);
    }

    #[test]
    fn quotations_carry_their_speaker() {
        let claims = bundled();
        let quote = claims
            .iter()
            .find(|c| c.text.starts_with("We value this courageous step"))
            .expect("the quotation");
        assert_eq!(
            quote.speaker.as_deref(),
            Some("Afghanistan’s Foreign Minister Amir Khan Muttaqi")
        );
        assert!(!quote.text.contains('“') && !quote.text.contains("said"));
        let reported = find(
            &claims,
            "broader recognition won’t happen until these policies change",
        );
        assert_eq!(reported.speaker.as_deref(), Some("Western diplomats"));
        let claims = claims_of(&[(
            "q.txt",
            "\"Prices will fall next year,\" the minister said.\nThe bank said that rates rose in May.\n",
        )]);
        assert_eq!(
            find(&claims, "Prices will fall next year")
                .speaker
                .as_deref(),
            Some("the minister")
        );
        assert_eq!(
            find(&claims, "rates rose in May").speaker.as_deref(),
            Some("The bank")
        );
    }

    #[test]
    fn pronouns_resolve_within_a_paragraph_only() {
        let text =
            "The army entered the city in 1980. It withdrew in 1989.\n\nIt returned in 1995.\n";
        let claims = claims_of(&[("p.txt", text)]);
        let resolved = find(&claims, "The army withdrew in 1989");
        assert_eq!(resolved.subject.as_deref(), Some("The army"));
        // The subject's span lies in the earlier sentence, verbatim.
        assert_eq!(resolved.spans.len(), 2);
        assert_eq!(&text[resolved.spans[0].0..resolved.spans[0].1], "The army");
        assert!(resolved.spans[0].1 <= text.find("It withdrew").unwrap());
        // A new paragraph starts without a subject.
        find(&claims, "It returned in 1995");
        // Two candidate subjects: left alone.
        let claims = claims_of(&[(
            "two.txt",
            "The army entered the city. The rebels fled. It withdrew in 1989.\n",
        )]);
        find(&claims, "It withdrew in 1989");
        // Reported speech: the speaker is the subject set up earlier.
        let claims = claims_of(&[("n.txt", NORTHWIND)]);
        let buy = claims
            .iter()
            .find(|c| {
                c.text
                    .starts_with("Northwind Rail will buy 40 battery-electric trains")
            })
            .expect("resolved 'it'");
        assert_eq!(buy.speaker.as_deref(), Some("Northwind Rail"));
    }

    #[test]
    fn negation_carries_into_every_part() {
        let claims = claims_of(&[(
            "n.txt",
            "Russia did not recognise the government and did not open an embassy.\n",
        )]);
        find(&claims, "Russia did not recognise the government");
        find(&claims, "Russia did not open an embassy");
        // A negated verb does not lend itself to a part without its own auxiliary.
        for sentence in [
            "Russia did not recognise the government and opened an embassy.",
            "Russia never recognised the government and opened an embassy.",
            "Russia only recognised the government and opened an embassy.",
        ] {
            let claims = claims_of(&[("n.txt", sentence)]);
            assert_eq!(claims.len(), 1, "{claims:#?}");
            assert_eq!(claims[0].text, sentence.trim_end_matches('.'));
        }
    }

    #[test]
    fn modals_carry_into_plain_verbs() {
        let claims = claims_of(&[("n.txt", NORTHWIND)]);
        let cut = find(
            &claims,
            "the switch will cut the line's carbon emissions by about 60 percent",
        );
        assert_eq!(cut.speaker.as_deref(), Some("Northwind"));
        find(&claims, "the switch will reduce noise at stations");
        find(&claims, "Each four-car train will seat 220 passengers");
        find(
            &claims,
            "Aldermark will maintain them for 15 years under a separate contract",
        );
    }

    #[test]
    fn auxiliaries_carry_into_participles_but_not_after_a_passive() {
        assert_eq!(
            split_statement("The company had considered hydrogen trains but rejected them"),
            [
                "The company had considered hydrogen trains",
                "The company had rejected them"
            ]
        );
        assert_eq!(
            split_statement("The company was founded in 1998 and went public in 2004"),
            [
                "The company was founded in 1998",
                "The company went public in 2004"
            ]
        );
        // "served" may be active or passive after "was born": no split.
        let passive = "Barack Obama was born in Hawaii and served as president";
        assert_eq!(split_statement(passive), [passive]);
        // A place after a place is not an apposition.
        let claims = claims_of(&[("p.txt", "Paris, France, hosted the games in 2024.\n")]);
        assert!(
            claims.iter().all(|c| !c.text.contains(" is ")),
            "{claims:#?}"
        );
    }

    #[test]
    fn atomic_sentences_and_headings() {
        let text = "A short title\n\nRussia has been quietly building economic ties with the Taliban for years.\n";
        let claims = claims_of(&[("a.txt", text)]);
        assert_eq!(claims.len(), 1);
        assert_eq!(
            claims[0].text,
            "Russia has been quietly building economic ties with the Taliban for years"
        );
        assert_eq!(claims[0].subject.as_deref(), Some("Russia"));
    }

    /// Every word of a claim comes from its sentence, or from the subject a
    /// pronoun was resolved to; only an apposition's "is"/"are" is added.
    fn assert_faithful(documents: &[(&str, &str)]) {
        let corpus = Corpus::from_strs(documents);
        let all = passages(&corpus);
        let claims = extract_claims(&all);
        assert!(!claims.is_empty());
        for claim in &claims {
            assert!(!claim.text.trim().is_empty());
            let passage = &all[claim.passage as usize];
            let doc = &corpus
                .documents
                .iter()
                .find(|d| d.path == passage.document)
                .unwrap()
                .text;
            let mut allowed: HashSet<String> = tokenize(&passage.text)
                .into_iter()
                .map(|t| t.text)
                .collect();
            for &(s, e) in &claim.spans {
                assert!(s < e && e <= doc.len(), "{claim:?}");
                let piece = &doc[s..e];
                assert!(claim.text.contains(piece), "{piece:?} not in {claim:?}");
                if s < passage.start || e > passage.end {
                    let subject = claim.subject.as_deref().unwrap_or_default();
                    assert_eq!(piece, subject, "{claim:?}");
                    allowed.extend(tokenize(piece).into_iter().map(|t| t.text));
                }
            }
            for token in tokenize(&claim.text) {
                assert!(
                    allowed.contains(&token.text) || matches!(token.text.as_str(), "is" | "are"),
                    "{:?} in {claim:?}",
                    token.text
                );
            }
            assert!((0.0..=1.0).contains(&claim.check_worthiness));
        }
    }

    #[test]
    fn claims_are_faithful_to_their_sentences() {
        let bundled = Corpus::bundled();
        let documents: Vec<(&str, &str)> = bundled
            .documents
            .iter()
            .map(|d| (d.path.as_str(), d.text.as_str()))
            .collect();
        assert_faithful(&documents);
        assert_faithful(&[("northwind-rail.txt", NORTHWIND)]);
    }

    #[test]
    fn split_statement_splits_coordinated_verbs_only() {
        assert_eq!(
            split_statement("Soviet forces invaded Afghanistan in 1979 and withdrew in 1992"),
            [
                "Soviet forces invaded Afghanistan in 1979",
                "Soviet forces withdrew in 1992"
            ]
        );
        assert_eq!(
            split_statement("Russia signed the treaty, and China refused to sign it."),
            ["Russia signed the treaty", "China refused to sign it"]
        );
        for atomic in [
            "Soviet forces invaded Afghanistan in 1979.",
            "Afghanistan imported gas, oil and wheat from Russia",
            "Russia, China and Iran recognised the Taliban",
            "The trains were built between 1987 and 1991",
            "Both Russia and China appointed ambassadors",
            "Pride and Prejudice was written by Jane Austen",
            "Russia did not recognise the government and opened an embassy",
            "Is the Taliban recognised by Russia and China?",
        ] {
            assert_eq!(split_statement(atomic), [atomic], "{atomic}");
        }
    }

    #[test]
    fn check_worthiness_prefers_facts() {
        let fact = check_worthiness(
            "Soviet forces withdrew from Afghanistan in 1989 after losing 15,000 soldiers",
        );
        let plain = check_worthiness("The decision also comes as Russia faces security challenges");
        let opinion = check_worthiness("I think the government should be more courageous");
        let hedge = check_worthiness("Prices may rise next year, analysts believe");
        let question = check_worthiness("Will other countries recognize the government?");
        let heading = check_worthiness("Western strategy crumbles");
        assert!(fact > plain, "{fact} {plain}");
        assert!(plain > opinion, "{plain} {opinion}");
        assert!(opinion > question, "{opinion} {question}");
        assert!(fact > hedge && plain > heading, "{hedge} {heading}");
        assert!(fact <= 1.0 && question >= 0.0);
        assert_eq!(
            fact,
            check_worthiness(
                "Soviet forces withdrew from Afghanistan in 1989 after losing 15,000 soldiers"
            )
        );
    }
}
