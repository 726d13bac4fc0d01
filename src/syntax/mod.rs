//! Sentence structure: part-of-speech tags, lemmas and a dependency tree in
//! Universal Dependencies relations for every sentence and statement.
//!
//! An averaged-perceptron tagger and a transition-based parser, both
//! trained on the UD English Web Treebank, the tagger with WordNet 3.0's
//! parts of speech for words the treebank rarely or never has (`cargo run
//! --release --bin train-syntax`, see `data/syntax/README.md`), whose
//! weights are built into the binary and read in place: [`model`] costs
//! nothing to load.
//!
//! ```
//! use factcheck::syntax;
//!
//! let tree = syntax::parse("The Castle Rovers beat Riverside.");
//! let verb = tree.root().unwrap();
//! assert_eq!(tree.form(verb), "beat");
//! let subject = tree.subject_of(verb).unwrap();
//! assert_eq!(tree.form(subject), "Rovers");
//! assert_eq!(tree.form(tree.object_of(verb).unwrap()), "Riverside");
//! let (start, end) = tree.name_span(subject);
//! assert_eq!(&tree.text()[start..end], "Castle Rovers");
//! ```
//!
//! Parse a passage once and keep its [`Tree`] (at index time, or cached on
//! first use): parsing is about as costly as the rest of the comparison.

mod conllu;
mod labels;
mod lemma;
mod model;
mod parser;
mod perceptron;
mod score;
mod tagger;
mod tokens;
mod train;
mod tree;
mod wordnet;

use std::sync::OnceLock;

pub use conllu::{read as read_conllu, ConlluError, GoldSentence, GoldWord};
pub use labels::{Deprel, Upos, Xpos, DEPRELS, UPOS, XPOS};
pub use model::{Model, ModelError};
pub use score::{evaluate, gold_text, Scores};
pub use tagger::WordNetClasses;
pub use tokens::words;
pub use train::{train, TrainOptions, Trained};
pub use tree::{Role, Tree, Word};
pub use wordnet::{WordNet, WordNetError};

/// The model file built into the binary (`data/syntax/model.bin`), on a
/// 128-byte boundary, where each bucket of its weight tables starts (see
/// `perceptron::Averaged::write`).
pub static MODEL_BYTES: &[u8] = &ALIGNED_MODEL.0;

#[repr(C, align(128))]
struct Aligned<T: ?Sized>(T);

static ALIGNED_MODEL: &Aligned<[u8]> = &Aligned(*include_bytes!("../../data/syntax/model.bin"));

/// The shipped model, read on first use.
///
/// # Panics
/// When the model built into the binary does not read, which a test of the
/// shipped model rules out.
pub fn model() -> &'static Model<'static> {
    static MODEL: OnceLock<Model<'static>> = OnceLock::new();
    MODEL.get_or_init(|| {
        Model::from_bytes(MODEL_BYTES).unwrap_or_else(|error| {
            panic!("{error}\n\nRebuild it with: cargo run --release --bin train-syntax")
        })
    })
}

/// Parses `text` as one sentence with the shipped model.
pub fn parse(text: &str) -> Tree {
    let spans = words(text);
    model().parse_spans(text, &spans)
}

/// Parses `text` as one claim, a sentence with a verb: where the tagger
/// finds none, the likeliest verb is made one (a statement to check, not a
/// passage: a heading or a caption may have no verb).
pub fn parse_claim(text: &str) -> Tree {
    let spans = words(text);
    model().parse_claim_spans(text, &spans)
}

/// Parses the words `spans` (byte spans of `text`, in order, not
/// overlapping) as one sentence, for a caller that has its own tokens.
pub fn parse_spans(text: &str, spans: &[(usize, usize)]) -> Tree {
    model().parse_spans(text, spans)
}

#[cfg(test)]
mod tests {
    //! Trees the shipped model must get right: each names the structure it
    //! checks, and asserts heads and relations.

    use super::*;

    /// The index of the word written `form` (the first one).
    fn at(tree: &Tree, form: &str) -> usize {
        (0..tree.len())
            .find(|&i| tree.form(i) == form)
            .unwrap_or_else(|| panic!("no word {form:?} in {}", tree.to_conllu()))
    }

    /// Asserts that `child` hangs from `head` with relation `rel`.
    fn assert_arc(tree: &Tree, child: &str, head: &str, rel: &str) {
        let (c, h) = (at(tree, child), at(tree, head));
        assert_eq!(
            (tree.head(c), tree.word(c).rel.as_str()),
            (Some(h), rel),
            "{child} <-{rel}- {head} in\n{}",
            tree.to_conllu()
        );
    }

    #[test]
    fn subject_and_object_of_beat_follow_word_order() {
        // A known miss of the shipped model, kept out of this test and
        // listed in data/syntax/README.md: "Riverside beat Rovers in the
        // final." (beat tagged as a noun).
        let tree = parse("Rovers beat Riverside 3-1 on Saturday.");
        let beat = at(&tree, "beat");
        assert_eq!(tree.root(), Some(beat));
        assert_eq!(tree.subject_of(beat), Some(at(&tree, "Rovers")));
        assert_eq!(tree.object_of(beat), Some(at(&tree, "Riverside")));
        assert_eq!(tree.obliques_of(beat), [at(&tree, "Saturday")]);
        let tree = parse("The Castle Rovers beat Riverside.");
        let beat = at(&tree, "beat");
        assert_eq!(tree.subject_of(beat), Some(at(&tree, "Rovers")));
        assert_eq!(tree.object_of(beat), Some(at(&tree, "Riverside")));
        assert_arc(&tree, "Castle", "Rovers", "compound");
        let (start, end) = tree.name_span(at(&tree, "Rovers"));
        assert_eq!(&tree.text()[start..end], "Castle Rovers");
        // Without "The", `Castle` was the root before WordNet's classes
        // (its tags are still NOUN, not PROPN: see data/syntax/README.md).
        let tree = parse("Castle Rovers beat Riverside in the final.");
        let beat = at(&tree, "beat");
        assert_eq!(tree.root(), Some(beat));
        assert_eq!(tree.subject_of(beat), Some(at(&tree, "Rovers")));
        assert_eq!(tree.object_of(beat), Some(at(&tree, "Riverside")));
        assert_arc(&tree, "Castle", "Rovers", "compound");
        assert_arc(&tree, "final", "beat", "obl");
    }

    #[test]
    fn a_claim_gets_a_verb() {
        // Tagged alone, `beat` after a name reads as a noun ("Riverside
        // beat"); a claim states something, so its likeliest verb is one.
        for (claim, subject, object) in [
            ("Riverside beat Rovers in the final.", "Riverside", "Rovers"),
            ("Rovers beat Riverside in the final.", "Rovers", "Riverside"),
        ] {
            let tree = parse_claim(claim);
            let beat = at(&tree, "beat");
            assert_eq!(tree.word(beat).upos, Upos::Verb, "{claim}");
            assert_eq!(tree.root(), Some(beat), "{claim}");
            assert_eq!(tree.subject_of(beat), Some(at(&tree, subject)), "{claim}");
            assert_eq!(tree.object_of(beat), Some(at(&tree, object)), "{claim}");
        }
        // A claim with a verb is tagged as a passage is.
        let text = "Castle Rovers beat Riverside in the final.";
        let (claim, passage) = (parse_claim(text), parse(text));
        for w in 0..claim.len() {
            assert_eq!(
                claim.word(w).upos,
                passage.word(w).upos,
                "{}",
                claim.form(w)
            );
            assert_eq!(claim.head(w), passage.head(w), "{}", claim.form(w));
        }
    }

    #[test]
    fn verbs_the_treebank_rarely_saw_are_tagged_as_verbs() {
        // `withdrew` and `maintains` are in the training set twice each, too
        // few for the treebank's ambiguity class; WordNet's class says they
        // can be verbs (data/syntax/README.md). Tagged as nouns, they were
        // `conj` of a noun and lost their obliques and objects.
        let tree = parse(
            "Soviet forces invaded in 1979, fought for a decade against the Mujahideen \
             insurgents, and withdrew in 1989 after losing approximately 15,000 soldiers.",
        );
        let withdrew = at(&tree, "withdrew");
        assert_eq!(tree.word(withdrew).upos, Upos::Verb);
        assert_arc(&tree, "withdrew", "invaded", "conj");
        assert_arc(&tree, "and", "withdrew", "cc");
        assert_arc(&tree, "1989", "withdrew", "obl");
        assert_eq!(tree.subject_of(withdrew), Some(at(&tree, "forces")));
        // Lemmas of inflections the treebank never saw, from WordNet too.
        assert_eq!(tree.word(withdrew).lemma, "withdraw");
        assert_eq!(tree.word(at(&tree, "fought")).lemma, "fight");
        assert_eq!(tree.word(at(&tree, "invaded")).lemma, "invade");

        let tree = parse(
            "Meanwhile, the US has frozen billions in Afghanistan’s central bank assets \
             and maintains sanctions on Taliban leaders.",
        );
        let maintains = at(&tree, "maintains");
        assert_eq!(tree.word(maintains).upos, Upos::Verb);
        assert_arc(&tree, "maintains", "frozen", "conj");
        assert_eq!(tree.object_of(maintains), Some(at(&tree, "sanctions")));
        let tree = parse("The US maintains sanctions on Taliban leaders.");
        let maintains = at(&tree, "maintains");
        assert_eq!(tree.root(), Some(maintains));
        assert_eq!(tree.subject_of(maintains), Some(at(&tree, "US")));
        assert_eq!(tree.object_of(maintains), Some(at(&tree, "sanctions")));

        // `rose` has a verb's reading in the treebank; as a verb its lemma
        // is `rise`, whichever tense the tagger gives it.
        let tree = parse("Shares rose sharply on Monday.");
        let rose = at(&tree, "rose");
        assert_eq!(tree.word(rose).upos, Upos::Verb);
        assert_eq!(tree.word(rose).lemma, "rise");
    }

    #[test]
    fn passive_subject_and_agent() {
        let tree = parse("The bridge was built by the army in 1932.");
        let built = at(&tree, "built");
        assert_arc(&tree, "bridge", "built", "nsubj:pass");
        assert_arc(&tree, "was", "built", "aux:pass");
        assert_arc(&tree, "army", "built", "obl:agent");
        assert_arc(&tree, "1932", "built", "obl");
        assert!(tree.is_passive(built));
        assert_eq!(tree.word(built).lemma, "build");
    }

    #[test]
    fn relative_clause_hangs_from_its_noun() {
        // A relative clause inside the subject ("The minister who signed the
        // deal resigned.") is a known miss; see data/syntax/README.md.
        let tree = parse("She met the minister who signed the deal.");
        assert_arc(&tree, "signed", "minister", "acl:relcl");
        assert_arc(&tree, "who", "signed", "nsubj");
        assert_arc(&tree, "deal", "signed", "obj");
        assert_arc(&tree, "minister", "met", "obj");
    }

    #[test]
    fn apposition_names_the_same_person() {
        let tree = parse("Maria Lopez, the mayor of Carrow, opened the bridge.");
        assert_arc(&tree, "mayor", "Maria", "appos");
        assert_arc(&tree, "Lopez", "Maria", "flat");
        assert_arc(&tree, "Maria", "opened", "nsubj");
    }

    #[test]
    fn coordinated_verbs_share_the_subject() {
        let tree = parse("The company closed the plant and cut 300 jobs.");
        let cut = at(&tree, "cut");
        assert_arc(&tree, "cut", "closed", "conj");
        assert_arc(&tree, "and", "cut", "cc");
        assert_eq!(tree.subject_of(cut), Some(at(&tree, "company")));
        assert_eq!(tree.object_of(cut), Some(at(&tree, "jobs")));
    }

    #[test]
    fn number_attaches_to_its_noun() {
        let tree = parse("The storm destroyed 96 of the 180 homes.");
        assert_arc(&tree, "180", "homes", "nummod");
        assert_arc(&tree, "96", "destroyed", "obj");
        assert_arc(&tree, "homes", "96", "nmod");
        let tree = parse("All 180 slots were filled.");
        assert_arc(&tree, "180", "slots", "nummod");
        assert_arc(&tree, "All", "slots", "det");
    }

    #[test]
    fn negation_modifies_its_verb() {
        let tree = parse("Russia did not recognize the government.");
        let recognize = at(&tree, "recognize");
        assert_arc(&tree, "not", "recognize", "advmod");
        assert!(tree.is_negated(recognize));
        let tree = parse("They didn't win.");
        assert_arc(&tree, "n't", "win", "advmod");
        assert!(tree.is_negated(at(&tree, "win")));
    }

    #[test]
    fn names_with_numbers_are_one_unit() {
        for (sentence, name) in [
            ("Apollo 11 landed on the Moon.", "Apollo 11"),
            ("The airline bought a Boeing 737 last year.", "Boeing 737"),
            ("COVID-19 spread quickly.", "COVID-19"),
            ("She drove along Route 66 for a week.", "Route 66"),
            ("Microsoft released Windows 11 in October.", "Windows 11"),
        ] {
            let tree = parse(sentence);
            let first = name.split([' ', '-']).next().unwrap();
            let head = tree.name_head(at(&tree, first));
            let (start, end) = tree.name_span(head);
            assert_eq!(&sentence[start..end], name, "in\n{}", tree.to_conllu());
        }
    }

    #[test]
    fn shipped_model_reads() {
        let model = Model::from_bytes(MODEL_BYTES).unwrap();
        let tree = model.parse_spans("It rained.", &words("It rained."));
        assert_eq!(tree.len(), 3);
    }

    #[test]
    fn a_broken_model_is_an_error_not_a_panic() {
        let error = Model::from_bytes(b"nonsense").err().unwrap();
        assert!(error
            .to_string()
            .starts_with("cannot read the syntax model: it does not start"));
        let cut = &MODEL_BYTES[..MODEL_BYTES.len() / 2];
        assert!(Model::from_bytes(cut).is_err());
    }
}
