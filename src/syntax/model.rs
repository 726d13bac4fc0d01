//! The model file: tagger and parser weights, tag dictionary and lemma
//! exceptions in one flat little-endian layout, read in place.
//!
//! ```text
//! "FCSYNTX2"
//! tag classes    u32 count, then per class: u8 length, "UPOS|XPOS"
//! dictionary     u32 count, then records (form hash u64, class u8)
//! lexicon        u32 count, then records (lower-case hash u64, UPOS bits u32;
//!                bit 31 set: the bits are WordNet's, see tagger::ambiguity)
//! tagger         weight table (see perceptron::Averaged::write)
//! labels         u32 count, then per label: u8 length, name
//! parser         weight table
//! lemmas         exceptions (see lemma::write)
//! ```

use std::fmt;

use super::labels::{Deprel, Upos, Xpos};
use super::lemma::{self, read_u32, Lemmas};
use super::parser::{ParseWord, Parser};
use super::perceptron::Table;
use super::tagger::{Tagger, WordHashes};
use super::tree::{Tree, Word};

pub(crate) const MAGIC: &[u8; 8] = b"FCSYNTX2";

/// A syntax model that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    pub reason: String,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read the syntax model: {}", self.reason)
    }
}

impl std::error::Error for ModelError {}

/// A claim of fewer words is tagged as it is: "Riverside, again" has no
/// verb to find.
const CLAIM_MIN_WORDS: usize = 3;

/// A loaded tagger and parser.
pub struct Model<'a> {
    tag_classes: Vec<(Upos, Xpos)>,
    /// Whether each tag class is a verb or an auxiliary.
    is_verb: Vec<bool>,
    tagger: Tagger<'a>,
    labels: Vec<Deprel>,
    parser: Parser<'a>,
    lemmas: Lemmas<'a>,
}

fn read_names(bytes: &[u8]) -> Result<(Vec<&str>, &[u8]), String> {
    let count = read_u32(bytes, 0)? as usize;
    let mut at = 4;
    let mut names = Vec::with_capacity(count);
    for _ in 0..count {
        let len = *bytes.get(at).ok_or("a name list is cut short")? as usize;
        let name = bytes
            .get(at + 1..at + 1 + len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .ok_or("a name in the model is not UTF-8")?;
        names.push(name);
        at += 1 + len;
    }
    Ok((names, &bytes[at..]))
}

pub(crate) fn write_names<'n>(names: impl ExactSizeIterator<Item = &'n str>, out: &mut Vec<u8>) {
    out.extend_from_slice(&(names.len() as u32).to_le_bytes());
    for name in names {
        out.push(name.len() as u8);
        out.extend_from_slice(name.as_bytes());
    }
}

impl<'a> Model<'a> {
    /// Reads a model from its bytes, without copying the weights.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Model<'a>, ModelError> {
        Self::read(bytes).map_err(|reason| ModelError { reason })
    }

    fn read(bytes: &'a [u8]) -> Result<Model<'a>, String> {
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or("it does not start with FCSYNTX2 (empty, or not a factcheck model)")?;
        let (class_names, rest) = read_names(rest)?;
        let mut tag_classes = Vec::with_capacity(class_names.len());
        for name in class_names {
            let (upos, xpos) = name
                .split_once('|')
                .ok_or_else(|| format!("tag class '{name}' is not UPOS|XPOS"))?;
            tag_classes.push((
                Upos::from_name(upos).ok_or_else(|| format!("unknown UPOS '{upos}'"))?,
                Xpos::from_name(xpos).ok_or_else(|| format!("unknown XPOS '{xpos}'"))?,
            ));
        }
        let count = read_u32(rest, 0)? as usize;
        let dictionary = rest
            .get(4..4 + count * 9)
            .ok_or("the tag dictionary is cut short")?;
        let rest = &rest[4 + count * 9..];
        let count = read_u32(rest, 0)? as usize;
        let lexicon = rest
            .get(4..4 + count * 12)
            .ok_or("the ambiguity lexicon is cut short")?;
        let rest = &rest[4 + count * 12..];
        let (tagger_weights, rest) = Table::read(rest)?;
        let (label_names, rest) = read_names(rest)?;
        let labels = label_names
            .iter()
            .map(|&name| {
                Deprel::from_name(name).ok_or_else(|| format!("unknown relation '{name}'"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let root = labels
            .iter()
            .position(|&l| l == Deprel::ROOT)
            .ok_or("the parser has no root label")? as u8;
        let (parser_weights, rest) = Table::read(rest)?;
        let (lemmas, rest) = lemma::read(rest)?;
        if !rest.is_empty() {
            return Err(format!("{} bytes left over after the lemmas", rest.len()));
        }
        if tagger_weights.classes != tag_classes.len()
            || parser_weights.classes != super::parser::classes(labels.len())
        {
            return Err("the weight tables do not match the class lists".to_string());
        }
        let is_verb = tag_classes
            .iter()
            .map(|&(upos, _)| matches!(upos, Upos::Verb | Upos::Aux))
            .collect();
        Ok(Model {
            tag_classes,
            is_verb,
            tagger: Tagger {
                dictionary,
                lexicon,
                weights: tagger_weights,
            },
            labels,
            parser: Parser {
                weights: parser_weights,
                root,
            },
            lemmas,
        })
    }

    /// Tags, lemmatises and parses the words `spans` of `text`.
    pub fn parse_spans(&self, text: &str, spans: &[(usize, usize)]) -> Tree {
        self.parse_words(text, spans, false)
    }

    /// As [`Model::parse_spans`], for a claim: a statement of fact, which
    /// has a verb. Where the tagger finds none ("Rovers beat Riverside in
    /// the final.", `beat` as a noun), the likeliest verb is made one (see
    /// `Tagger::tag_with_a_verb`). Passages are parsed as they are: a
    /// heading or a caption may have no verb.
    pub fn parse_claim_spans(&self, text: &str, spans: &[(usize, usize)]) -> Tree {
        self.parse_words(text, spans, true)
    }

    fn parse_words(&self, text: &str, spans: &[(usize, usize)], is_claim: bool) -> Tree {
        let forms: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
        let hashes: Vec<WordHashes> = forms.iter().map(|f| WordHashes::of(f)).collect();
        let tags = if is_claim && forms.len() >= CLAIM_MIN_WORDS {
            self.tagger.tag_with_a_verb(&hashes, &self.is_verb)
        } else {
            self.tagger.tag(&hashes)
        };
        self.build(text, spans, &forms, &hashes, &tags)
    }

    fn build(
        &self,
        text: &str,
        spans: &[(usize, usize)],
        forms: &[&str],
        hashes: &[WordHashes],
        tags: &[usize],
    ) -> Tree {
        let parse_words: Vec<ParseWord> = hashes
            .iter()
            .zip(tags)
            .map(|(h, &t)| ParseWord::new(h.lower, t, self.tag_classes[t].0 == Upos::Punct))
            .collect();
        let parsed = self.parser.parse(&parse_words);
        let n = spans.len() as u32;
        let words = spans
            .iter()
            .enumerate()
            .map(|(i, &(start, end))| {
                let (upos, xpos) = self.tag_classes[tags[i]];
                let head = parsed.heads[i];
                Word {
                    start,
                    end,
                    upos,
                    xpos,
                    lemma: self.lemmas.lemma(forms[i], xpos.as_str()),
                    head: (head != n).then_some(head as usize),
                    rel: self.labels[parsed.labels[i] as usize],
                }
            })
            .collect();
        Tree::new(text, words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parser's input for `line`: its words, tagged.
    fn parse_words(model: &Model, line: &str) -> Vec<ParseWord> {
        let hashes: Vec<WordHashes> = super::super::tokens::words(line)
            .iter()
            .map(|&(s, e)| WordHashes::of(&line[s..e]))
            .collect();
        let tags = model.tagger.tag(&hashes);
        hashes
            .iter()
            .zip(&tags)
            .map(|(h, &t)| ParseWord::new(h.lower, t, model.tag_classes[t].0 == Upos::Punct))
            .collect()
    }

    #[test]
    fn kept_sums_parse_as_looking_every_feature_up() {
        let model = crate::syntax::model();
        let mut lines: Vec<String> = Vec::new();
        for entry in std::fs::read_dir("tests/data/dev/corpus").unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            lines.extend(
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(String::from),
            );
        }
        // Runs of paragraphs (long inputs, deep stacks), and paragraphs
        // backwards (configurations no model was trained on).
        let joined: Vec<String> = lines.chunks(4).map(|c| c.join(" ")).collect();
        let reversed: Vec<String> = lines
            .iter()
            .map(|l| l.split(' ').rev().collect::<Vec<_>>().join(" "))
            .collect();
        lines.extend(joined.into_iter().chain(reversed));
        lines.extend(
            [
                "",
                ".",
                "Rovers beat Riverside 3-1, and the bridge, built by the army in 1932, stood.",
                "The the the of of , , ; ( ) \" and or but.",
            ]
            .map(String::from),
        );
        let mut words = 0;
        for line in &lines {
            let input = parse_words(model, line);
            let (kept, plain) = (model.parser.parse(&input), model.parser.parse_plain(&input));
            assert_eq!(kept.heads, plain.heads, "{line}");
            assert_eq!(kept.labels, plain.labels, "{line}");
            words += input.len();
        }
        assert!(words > 2200, "{words} words");
    }
}
