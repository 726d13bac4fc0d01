//! The typed dependency tree of one sentence: what the comparison reads.

use std::fmt::Write as _;

use super::labels::{Deprel, Upos, Xpos};

/// One word of a parsed sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    /// Byte offset of the word in the parsed text.
    pub start: usize,
    /// Byte offset one past the word.
    pub end: usize,
    pub upos: Upos,
    /// The fine (Penn Treebank) tag: `NNS`, `VBD`.
    pub xpos: Xpos,
    /// The dictionary lemma: `be` for `was`, `child` for `children`.
    pub lemma: String,
    /// The head word's index, `None` for the root of the sentence.
    pub head: Option<usize>,
    /// The relation to the head (`root` for the root).
    pub rel: Deprel,
}

/// The part an argument plays for the word it depends on, voice undone
/// (see [`Tree::role_of`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// Who does it: the subject of an active verb, the `by` phrase of a
    /// passive one.
    Agent,
    /// Who or what it is done to: the object, or a passive subject.
    Patient,
    /// The indirect object ("gave *the city* a grant").
    Recipient,
    /// An oblique of a verb, by its preposition (empty for none).
    Oblique(String),
    /// A possessor ("*Tessaline's* dominance").
    Possessor,
    /// A noun's modifier, by its preposition ("the dominance *of Tessaline*").
    Modifier(String),
}

impl Role {
    /// The role in words, for a note: `subject`, `object`, `"in" phrase`.
    pub fn describe(&self) -> String {
        match self {
            Role::Agent => "subject".to_string(),
            Role::Patient => "object".to_string(),
            Role::Recipient => "indirect object".to_string(),
            Role::Possessor => "possessor".to_string(),
            Role::Oblique(p) if p.is_empty() => "oblique".to_string(),
            Role::Modifier(p) if p.is_empty() => "modifier".to_string(),
            Role::Oblique(p) => format!("\"{p}\" phrase"),
            Role::Modifier(p) => format!("\"{p}\" modifier"),
        }
    }
}

/// A parsed sentence: words in text order, each with its head and relation.
///
/// Indices are 0-based positions in [`Tree::words`]; spans are byte offsets
/// into the text that was parsed, which the tree keeps.
#[derive(Clone, Debug, PartialEq)]
pub struct Tree {
    text: String,
    words: Vec<Word>,
    /// Children of each word, in text order.
    children: Vec<Vec<usize>>,
}

impl Tree {
    pub(crate) fn new(text: &str, words: Vec<Word>) -> Tree {
        let mut children = vec![Vec::new(); words.len()];
        for (i, word) in words.iter().enumerate() {
            if let Some(head) = word.head {
                children[head].push(i);
            }
        }
        Tree {
            text: text.to_string(),
            words,
            children,
        }
    }

    /// The text the tree was parsed from.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn words(&self) -> &[Word] {
        &self.words
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn word(&self, i: usize) -> &Word {
        &self.words[i]
    }

    /// The word `i` as written.
    pub fn form(&self, i: usize) -> &str {
        let word = &self.words[i];
        &self.text[word.start..word.end]
    }

    /// The root word (the main predicate), if the sentence has words.
    pub fn root(&self) -> Option<usize> {
        self.words.iter().position(|w| w.head.is_none())
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.words[i].head
    }

    /// The dependents of `i`, in text order.
    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    /// The dependents of `i` whose relation is `rel` or a subtype of it.
    pub fn children_with<'a>(&'a self, i: usize, rel: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| self.words[c].rel.is(rel))
    }

    fn first_child(&self, i: usize, rels: &[&str]) -> Option<usize> {
        self.children[i]
            .iter()
            .copied()
            .find(|&c| rels.iter().any(|r| self.words[c].rel.is(r)))
    }

    /// The subject of predicate `i` (`nsubj`, `nsubj:pass`, `csubj`). A
    /// verb in a coordination without a subject of its own shares the first
    /// conjunct's: in "Rovers beat Riverside and won the cup", `won`'s
    /// subject is `Rovers`.
    pub fn subject_of(&self, i: usize) -> Option<usize> {
        self.first_child(i, &["nsubj", "csubj"]).or_else(|| {
            let word = &self.words[i];
            match word.head {
                Some(head) if word.rel.is("conj") => self.subject_of(head),
                _ => None,
            }
        })
    }

    /// The direct object of `i`.
    pub fn object_of(&self, i: usize) -> Option<usize> {
        self.first_child(i, &["obj"])
    }

    /// The indirect object of `i`.
    pub fn indirect_object_of(&self, i: usize) -> Option<usize> {
        self.first_child(i, &["iobj"])
    }

    /// The obliques of `i` (`obl`, `obl:tmod`, `obl:agent`, ...), in text order.
    pub fn obliques_of(&self, i: usize) -> Vec<usize> {
        self.children_with(i, "obl").collect()
    }

    /// The part word `i` plays for its head, voice undone: in "Rovers beat
    /// Riverside" and "Riverside was beaten by Rovers" alike, `Rovers` is
    /// the agent and `Riverside` the patient. An oblique or a noun's
    /// modifier is named by its preposition; the subject of a nominal
    /// predicate ("the EU was the largest donor") is its agent. `None` for
    /// a relation that is no argument (a determiner, a clause, a compound).
    pub fn role_of(&self, i: usize) -> Option<Role> {
        let head = self.head(i)?;
        let rel = self.words[i].rel;
        let preposition = || {
            self.case_of(i)
                .map(|c| self.words[c].lemma.clone())
                .unwrap_or_default()
        };
        if self.words[head].upos != Upos::Verb {
            return match rel.as_str() {
                "nsubj" => Some(Role::Agent),
                "nmod:poss" => Some(Role::Possessor),
                "nmod" => Some(Role::Modifier(preposition())),
                "obl" => Some(Role::Oblique(preposition())),
                _ => None,
            };
        }
        let passive = self.is_passive(head);
        match rel.as_str() {
            "nsubj:pass" => Some(Role::Patient),
            "nsubj" if passive => Some(Role::Patient),
            "nsubj" => Some(Role::Agent),
            "obj" => Some(Role::Patient),
            "iobj" => Some(Role::Recipient),
            "obl:agent" => Some(Role::Agent),
            "obl" | "obl:npmod" | "obl:tmod" => match preposition() {
                by if by == "by" && passive => Some(Role::Agent),
                other => Some(Role::Oblique(other)),
            },
            _ => None,
        }
    }

    /// The first conjunct of the coordination `i` is in ("agreed to buy in
    /// April and took over in June": `agreed` for `took`), or `i` itself.
    pub fn first_conjunct(&self, mut i: usize) -> usize {
        while self.words[i].rel.is("conj") {
            match self.words[i].head {
                Some(head) => i = head,
                None => break,
            }
        }
        i
    }

    /// Whether word `i` is a relative pronoun: `who`, `whom`, `which`,
    /// `that` tagged a pronoun.
    pub fn is_relative_pronoun(&self, i: usize) -> bool {
        self.words[i].upos == Upos::Pron
            && matches!(
                self.words[i].lemma.as_str(),
                "who" | "whom" | "which" | "that"
            )
    }

    /// The noun a relative clause headed by verb `i` (or by the first verb
    /// of its coordination) modifies: `maker` in "a sensor maker that
    /// Halvorsen took over".
    pub fn relative_antecedent(&self, i: usize) -> Option<usize> {
        let clause = self.first_conjunct(i);
        let word = &self.words[clause];
        (word.rel.as_str() == "acl:relcl")
            .then_some(word.head)
            .flatten()
    }

    /// The case marker (preposition) of `i`: `in` for `in Kabul`.
    pub fn case_of(&self, i: usize) -> Option<usize> {
        self.first_child(i, &["case"])
    }

    /// `i` is a passive predicate: it has a passive subject or auxiliary.
    pub fn is_passive(&self, i: usize) -> bool {
        self.first_child(i, &["nsubj:pass", "aux:pass", "csubj:pass"])
            .is_some()
    }

    /// `i` is negated by a dependent: `not`, `n't`, `never`, `no`.
    pub fn is_negated(&self, i: usize) -> bool {
        self.children[i].iter().any(|&c| {
            let lemma = self.words[c].lemma.as_str();
            (self.words[c].rel.is("advmod") || self.words[c].rel.is("det"))
                && matches!(lemma, "not" | "never" | "no" | "n't")
        })
    }

    /// The words coordinated with `i` (its `conj` dependents), not `i` itself.
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        self.children_with(i, "conj").collect()
    }

    /// All words of the subtree of `i`, in text order (`i` included).
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        let mut words = vec![i];
        let mut k = 0;
        while k < words.len() {
            words.extend_from_slice(&self.children[words[k]]);
            k += 1;
        }
        words.sort_unstable();
        words
    }

    /// The byte span from the first to the last word of `i`'s subtree.
    pub fn subtree_span(&self, i: usize) -> (usize, usize) {
        let words = self.subtree(i);
        (
            self.words[words[0]].start,
            self.words[*words.last().unwrap()].end,
        )
    }

    /// The words of the name headed by `i`, in text order: `i` with its
    /// `flat` and `compound` dependents (and theirs), a number right after
    /// it (`Apollo 11`, `Boeing 737`, `Route 66`), what joins them (`COVID`,
    /// `-`, `19`), and in a capitalised name its capitalised modifiers and
    /// possessors (`Second Officer Tomas Brenn`, `St. Aldric's Hospital`).
    pub fn name_words(&self, i: usize) -> Vec<usize> {
        let is_capitalized = |k: usize| self.form(k).chars().next().is_some_and(char::is_uppercase);
        let mut words = vec![i];
        let mut k = 0;
        while k < words.len() {
            let w = words[k];
            for &c in &self.children[w] {
                let rel = self.words[c].rel;
                let is_number_after = c > i
                    && (rel.is("nummod")
                        || rel.is("compound")
                        || rel.is("flat")
                        || rel.is("appos"))
                    && self.words[c].upos == Upos::Num;
                let is_name_part = rel.is("flat") || rel.is("compound");
                let is_hyphen = self.form(c) == "-" && rel.is("punct");
                let is_capital_modifier = is_capitalized(w)
                    && is_capitalized(c)
                    && (rel.is("amod") || rel.as_str() == "nmod:poss");
                let is_possessive_mark =
                    self.words[w].rel.as_str() == "nmod:poss" && w != i && rel.is("case");
                if is_name_part
                    || is_number_after
                    || is_hyphen
                    || is_capital_modifier
                    || is_possessive_mark
                {
                    words.push(c);
                }
            }
            k += 1;
        }
        words.sort_unstable();
        // Keep one contiguous run around `i`: a compound far away is a
        // different name.
        let at = words.iter().position(|&w| w == i).unwrap();
        let mut first = at;
        while first > 0 && words[first - 1] + 1 == words[first] {
            first -= 1;
        }
        let mut last = at;
        while last + 1 < words.len() && words[last + 1] == words[last] + 1 {
            last += 1;
        }
        words[first..=last].to_vec()
    }

    /// The byte span of the name headed by `i` (see [`Tree::name_words`]).
    pub fn name_span(&self, i: usize) -> (usize, usize) {
        let words = self.name_words(i);
        (
            self.words[words[0]].start,
            self.words[*words.last().unwrap()].end,
        )
    }

    /// The head of the name that word `i` is part of: `i` itself, or the
    /// word it is a `flat` part of, or a `compound` part of when that word
    /// is a name or a number too (in "a Boeing 737 last year", `Boeing` is
    /// a compound of `year`, which is not part of the name).
    pub fn name_head(&self, mut i: usize) -> usize {
        while let Some(head) = self.words[i].head {
            let rel = self.words[i].rel;
            let head_is_name = matches!(self.words[head].upos, Upos::Propn | Upos::Num)
                || self
                    .form(head)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
            let joins = rel.is("flat")
                || (rel.is("compound") && head_is_name)
                || (self.words[i].upos == Upos::Num && rel.is("nummod") && head < i);
            if !joins {
                break;
            }
            i = head;
        }
        i
    }

    /// The word whose span contains byte `offset`, if any.
    pub fn word_at(&self, offset: usize) -> Option<usize> {
        let i = self.words.partition_point(|w| w.end <= offset);
        (i < self.words.len() && self.words[i].start <= offset).then_some(i)
    }

    /// The words that overlap the byte span `start..end`.
    pub fn words_in(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let first = self.words.partition_point(|w| w.end <= start);
        let last = self.words.partition_point(|w| w.start < end);
        first..last.max(first)
    }

    /// The tree as CoNLL-U: one line a word, then a blank line.
    pub fn to_conllu(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# text = {}", self.text.replace('\n', " "));
        for (i, word) in self.words.iter().enumerate() {
            let joined = self
                .words
                .get(i + 1)
                .is_some_and(|next| next.start == word.end);
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
                i + 1,
                self.form(i),
                word.lemma,
                word.upos,
                word.xpos,
                word.head.map_or(0, |h| h + 1),
                word.rel,
                if joined { "SpaceAfter=No" } else { "_" },
            );
        }
        out.push('\n');
        out
    }

    /// The tree drawn for a terminal: each word under its head, indented.
    pub fn to_indented(&self) -> String {
        let mut out = String::new();
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for i in (0..self.len()).rev() {
            if self.words[i].head.is_none() {
                stack.push((i, 0));
            }
        }
        while let Some((i, depth)) = stack.pop() {
            let word = &self.words[i];
            let _ = writeln!(
                out,
                "{:indent$}{} {} {} [{}]",
                "",
                word.rel,
                self.form(i),
                word.upos,
                word.lemma,
                indent = depth * 2
            );
            for &c in self.children[i].iter().rev() {
                stack.push((c, depth + 1));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree from (word, upos, head as 1-based or 0, relation) rows, the
    /// words separated by single spaces.
    fn tree(rows: &[(&str, &str, usize, &str)]) -> Tree {
        let mut text = String::new();
        let mut words = Vec::new();
        for &(form, upos, head, rel) in rows {
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(form);
            words.push(Word {
                start,
                end: text.len(),
                upos: Upos::from_name(upos).unwrap(),
                xpos: Xpos::from_name("_").unwrap(),
                lemma: form.to_lowercase(),
                head: head.checked_sub(1),
                rel: Deprel::from_name(rel).unwrap(),
            });
        }
        Tree::new(&text, words)
    }

    #[test]
    fn finds_subject_object_and_shared_subject_of_a_conjunct() {
        let t = tree(&[
            ("Rovers", "PROPN", 2, "nsubj"),
            ("beat", "VERB", 0, "root"),
            ("Riverside", "PROPN", 2, "obj"),
            ("and", "CCONJ", 5, "cc"),
            ("won", "VERB", 2, "conj"),
            ("in", "ADP", 7, "case"),
            ("2024", "NUM", 5, "obl"),
        ]);
        assert_eq!(t.root(), Some(1));
        assert_eq!(t.subject_of(1), Some(0));
        assert_eq!(t.object_of(1), Some(2));
        assert_eq!(t.subject_of(4), Some(0));
        assert_eq!(t.obliques_of(4), [6]);
        assert_eq!(t.case_of(6), Some(5));
        assert_eq!(t.conjuncts(1), [4]);
        assert_eq!(t.subtree_span(4), (22, 37));
    }

    #[test]
    fn names_take_flat_and_compound_parts_and_a_following_number() {
        let t = tree(&[
            ("the", "DET", 3, "det"),
            ("Apollo", "PROPN", 3, "compound"),
            ("11", "NUM", 4, "nsubj"),
            ("landed", "VERB", 0, "root"),
        ]);
        // Parsed with the number as head: the name is still both words.
        assert_eq!(t.name_words(2), [1, 2]);
        let t = tree(&[
            ("Second", "ADJ", 2, "amod"),
            ("Officer", "PROPN", 0, "root"),
            ("Tomas", "PROPN", 2, "flat"),
            ("Brenn", "PROPN", 2, "flat"),
        ]);
        assert_eq!(t.name_words(1), [0, 1, 2, 3]);
        assert_eq!(t.name_head(3), 1);
        let t = tree(&[
            ("at", "ADP", 5, "case"),
            ("St.", "PROPN", 3, "compound"),
            ("Aldric", "PROPN", 5, "nmod:poss"),
            ("'s", "PART", 3, "case"),
            ("Hospital", "PROPN", 0, "root"),
        ]);
        assert_eq!(t.name_words(4), [1, 2, 3, 4]);
        // Not in a common noun: "Russia's army" is not one name.
        let t = tree(&[
            ("Russia", "PROPN", 3, "nmod:poss"),
            ("'s", "PART", 1, "case"),
            ("army", "NOUN", 0, "root"),
        ]);
        assert_eq!(t.name_words(2), [2]);
        let t = tree(&[("Boeing", "PROPN", 0, "root"), ("737", "NUM", 1, "nummod")]);
        let (start, end) = t.name_span(0);
        assert_eq!(&t.text()[start..end], "Boeing 737");
        assert_eq!(t.name_head(1), 0);
    }

    #[test]
    fn passive_and_negation_come_from_dependents() {
        let t = tree(&[
            ("It", "PRON", 4, "nsubj:pass"),
            ("was", "AUX", 4, "aux:pass"),
            ("not", "PART", 4, "advmod"),
            ("built", "VERB", 0, "root"),
        ]);
        assert!(t.is_passive(3));
        assert!(t.is_negated(3));
        assert_eq!(t.subject_of(3), Some(0));
        assert!(!t.is_passive(0));
    }

    #[test]
    fn roles_undo_the_voice() {
        // Riverside was beaten by Rovers in the final
        let t = tree(&[
            ("Riverside", "PROPN", 3, "nsubj:pass"),
            ("was", "AUX", 3, "aux:pass"),
            ("beaten", "VERB", 0, "root"),
            ("by", "ADP", 5, "case"),
            ("Rovers", "PROPN", 3, "obl:agent"),
            ("in", "ADP", 8, "case"),
            ("the", "DET", 8, "det"),
            ("final", "NOUN", 3, "obl"),
        ]);
        assert_eq!(t.role_of(0), Some(Role::Patient));
        assert_eq!(t.role_of(4), Some(Role::Agent));
        assert_eq!(t.role_of(7), Some(Role::Oblique("in".into())));
        assert_eq!(t.role_of(6), None);
        assert_eq!(t.role_of(2), None);
        assert_eq!(Role::Oblique("in".into()).describe(), "\"in\" phrase");
    }

    #[test]
    fn a_relative_clause_leads_back_to_its_noun() {
        // a maker that Halvorsen bought and sold
        let t = tree(&[
            ("a", "DET", 2, "det"),
            ("maker", "NOUN", 0, "root"),
            ("that", "PRON", 5, "obj"),
            ("Halvorsen", "PROPN", 5, "nsubj"),
            ("bought", "VERB", 2, "acl:relcl"),
            ("and", "CCONJ", 7, "cc"),
            ("sold", "VERB", 5, "conj"),
        ]);
        assert!(t.is_relative_pronoun(2));
        assert!(!t.is_relative_pronoun(3));
        assert_eq!(t.first_conjunct(6), 4);
        assert_eq!(t.relative_antecedent(6), Some(1));
        assert_eq!(t.relative_antecedent(1), None);
    }

    #[test]
    fn maps_byte_offsets_to_words() {
        let t = tree(&[("a", "DET", 2, "det"), ("cat", "NOUN", 0, "root")]);
        assert_eq!(t.word_at(0), Some(0));
        assert_eq!(t.word_at(1), None);
        assert_eq!(t.word_at(3), Some(1));
        assert_eq!(t.words_in(1, 5), 1..2);
        assert_eq!(t.words_in(0, 5), 0..2);
    }

    #[test]
    fn writes_conllu_with_one_based_heads() {
        let t = tree(&[("a", "DET", 2, "det"), ("cat", "NOUN", 0, "root")]);
        let conllu = t.to_conllu();
        let lines: Vec<&str> = conllu.lines().collect();
        assert_eq!(lines[0], "# text = a cat");
        assert_eq!(lines[1], "1\ta\ta\tDET\t_\t_\t2\tdet\t_\t_");
        assert_eq!(lines[2], "2\tcat\tcat\tNOUN\t_\t_\t0\troot\t_\t_");
        assert!(t
            .to_indented()
            .starts_with("root cat NOUN [cat]\n  det a DET"));
    }
}
