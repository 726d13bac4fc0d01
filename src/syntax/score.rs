//! Scoring a model against a gold treebank the standard way: the gold
//! tokens, predicted tags, and every word counted (punctuation included).

use std::fmt;

use super::conllu::GoldSentence;
use super::model::Model;

/// Tagging and attachment scores over a set of sentences.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    pub sentences: usize,
    pub tokens: usize,
    /// Words whose universal tag is right.
    pub upos_right: usize,
    /// Words whose head is right.
    pub heads_right: usize,
    /// Words whose head and relation are right.
    pub labeled_right: usize,
}

impl Scores {
    fn ratio(&self, right: usize) -> f64 {
        right as f64 / self.tokens.max(1) as f64
    }
    pub fn upos(&self) -> f64 {
        self.ratio(self.upos_right)
    }
    pub fn uas(&self) -> f64 {
        self.ratio(self.heads_right)
    }
    pub fn las(&self) -> f64 {
        self.ratio(self.labeled_right)
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "UPOS={:.3} UAS={:.3} LAS={:.3} sentences={} tokens={}",
            self.upos(),
            self.uas(),
            self.las(),
            self.sentences,
            self.tokens
        )
    }
}

/// The text and word spans of a gold sentence: its forms joined by spaces.
pub fn gold_text(sentence: &GoldSentence) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(sentence.words.len());
    for word in &sentence.words {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(&word.form);
        spans.push((start, text.len()));
    }
    (text, spans)
}

/// Parses every gold sentence from its gold tokens and scores the result.
pub fn evaluate(model: &Model<'_>, gold: &[GoldSentence]) -> Scores {
    let mut scores = Scores::default();
    for sentence in gold {
        let (text, spans) = gold_text(sentence);
        let tree = model.parse_spans(&text, &spans);
        scores.sentences += 1;
        for (word, gold_word) in tree.words().iter().zip(&sentence.words) {
            scores.tokens += 1;
            scores.upos_right += (word.upos.as_str() == gold_word.upos) as usize;
            let head = word.head.map_or(0, |h| h + 1);
            if head == gold_word.head {
                scores.heads_right += 1;
                scores.labeled_right += (word.rel.as_str() == gold_word.deprel) as usize;
            }
        }
    }
    scores
}
