//! Sentence structure: part-of-speech tags, lemmas and a dependency tree in
//! Universal Dependencies relations for every sentence and statement.
//!
//! An averaged-perceptron tagger and a transition-based parser, both
//! trained on the UD English Web Treebank (`cargo run --release --bin
//! train-syntax`, see `data/syntax/README.md`), whose weights are built into
//! the binary and read in place: [`model`] costs nothing to load.
//!
//! ```
//! use factcheck::syntax;
//!
//! let tree = syntax::parse("Castle Rovers beat Riverside.");
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

use std::sync::OnceLock;

pub use conllu::{read as read_conllu, ConlluError, GoldSentence, GoldWord};
pub use labels::{Deprel, Upos, Xpos, DEPRELS, UPOS, XPOS};
pub use model::{Model, ModelError};
pub use score::{evaluate, gold_text, Scores};
pub use tokens::words;
pub use train::{train, TrainOptions, Trained};
pub use tree::{Tree, Word};

/// The model file built into the binary (`data/syntax/model.bin`).
pub static MODEL_BYTES: &[u8] = include_bytes!("../../data/syntax/model.bin");

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

/// Parses the words `spans` (byte spans of `text`, in order, not
/// overlapping) as one sentence, for a caller that has its own tokens.
pub fn parse_spans(text: &str, spans: &[(usize, usize)]) -> Tree {
    model().parse_spans(text, spans)
}
