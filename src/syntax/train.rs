//! Training the tagger and parser from a CoNLL-U treebank: deterministic
//! (a fixed seed, fixed iteration counts, sorted output), so the same
//! treebank always gives the same model file.
//!
//! The parser learns from tags the tagger predicted, not gold tags: the
//! training set is tagged by jackknifing (each fold by a tagger trained on
//! the other folds), so the parser sees the tagger's real mistakes.

use std::collections::HashMap;

use super::conllu::GoldSentence;
use super::labels::{Deprel, Upos, Xpos, DEPRELS};
use super::lemma;
use super::model::{write_names, MAGIC};
use super::parser::{self, GoldTree, ParseWord};
use super::perceptron::hash_str;
use super::perceptron::{Averaged, Training};
use super::tagger::{self, TaggedSentence, WordHashes, WordNetClasses};
use super::wordnet::WordNet;

/// A small deterministic random number generator (xorshift64*).
pub(crate) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// How to train.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub tagger_iterations: usize,
    pub parser_iterations: usize,
    /// Folds for jackknifed training tags; 1 trains the parser on gold tags.
    pub folds: usize,
    pub seed: u64,
    /// Features touched by fewer updates are left out of the model file.
    pub prune: u32,
    /// WordNet, for the tagger's ambiguity classes of rare and unseen words
    /// and the lemmas of inflections the treebank does not have.
    pub wordnet: Option<WordNet>,
    /// How its classes join the treebank's.
    pub wordnet_classes: WordNetClasses,
    /// Whether the jackknife taggers (the parser's training tags) use
    /// WordNet too. Off by default: the parser then learns from the tags
    /// of the treebank-only tagger, as before WordNet was added, so it is
    /// the same parser (the same bytes), and only where the tagger's tags
    /// change does a parse change (data/syntax/README.md, runs 10 and 12).
    pub jackknife_wordnet: bool,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            tagger_iterations: 8,
            parser_iterations: 15,
            folds: 4,
            seed: 20_111_028,
            prune: 3,
            wordnet: None,
            wordnet_classes: WordNetClasses::Rare,
            jackknife_wordnet: false,
        }
    }
}

fn tag_class_name(upos: &str, xpos: &str) -> String {
    let upos = Upos::from_name(upos).map_or("X", |u| u.as_str());
    let xpos = Xpos::from_name(xpos).map_or("_", |x| x.as_str());
    format!("{upos}|{xpos}")
}

/// Trains tagger and parser on `train` and returns the model file's bytes.
pub fn train(train: &[GoldSentence], options: &TrainOptions, mut log: impl FnMut(&str)) -> Trained {
    let mut rng = Rng::new(options.seed);

    // Tag classes, most frequent first (ties by name).
    let mut class_counts: HashMap<String, usize> = HashMap::new();
    for sentence in train {
        for word in &sentence.words {
            *class_counts
                .entry(tag_class_name(&word.upos, &word.xpos))
                .or_default() += 1;
        }
    }
    let mut class_names: Vec<(String, usize)> = class_counts.into_iter().collect();
    class_names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    class_names.truncate(255);
    let class_index: HashMap<&str, usize> = class_names
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (name.as_str(), i))
        .collect();

    let tagged: Vec<TaggedSentence> = train
        .iter()
        .map(|sentence| TaggedSentence {
            words: sentence
                .words
                .iter()
                .map(|w| WordHashes::of(&w.form))
                .collect(),
            tags: sentence
                .words
                .iter()
                .map(|w| {
                    let name = tag_class_name(&w.upos, &w.xpos);
                    class_index.get(name.as_str()).copied().unwrap_or(0)
                })
                .collect(),
        })
        .collect();
    let classes = class_names.len();
    let dictionary = tagger::build_dictionary(&tagged);
    let upos_bit: Vec<u32> = class_names
        .iter()
        .map(|(name, _)| {
            let upos = name.split('|').next().and_then(Upos::from_name);
            upos.map_or(0, |u| 1 << (u as u32))
        })
        .collect();
    let wordnet_classes: Option<HashMap<u64, u32>> = options.wordnet.as_ref().map(|wordnet| {
        let mut hashed: HashMap<u64, u32> = HashMap::new();
        for (form, &bits) in &wordnet.classes {
            *hashed
                .entry(hash_str(&tagger::normalise(form)))
                .or_default() |= bits;
        }
        hashed
    });
    let lexicon = tagger::build_lexicon(
        &tagged,
        &upos_bit,
        wordnet_classes.as_ref(),
        options.wordnet_classes,
    );
    let from_wordnet = lexicon
        .iter()
        .filter(|(_, bits)| bits & tagger::WORDNET_CLASS != 0)
        .count();
    log(&format!(
        "{} sentences, {} tag classes, {} dictionary words, {} lexicon words ({} from WordNet)",
        train.len(),
        classes,
        dictionary.len(),
        lexicon.len(),
        from_wordnet
    ));

    // Jackknifed tags for the parser's training set.
    let jackknife_lexicon = if options.jackknife_wordnet {
        lexicon.clone()
    } else {
        tagger::build_lexicon(&tagged, &upos_bit, None, options.wordnet_classes)
    };
    let mut predicted: Vec<Vec<usize>> = tagged.iter().map(|s| s.tags.clone()).collect();
    if options.folds > 1 {
        for fold in 0..options.folds {
            let rest: Vec<TaggedSentence> = tagged
                .iter()
                .enumerate()
                .filter(|(i, _)| i % options.folds != fold)
                .map(|(_, s)| s.clone())
                .collect();
            let weights = tagger::train(
                &rest,
                classes,
                &dictionary,
                &jackknife_lexicon,
                options.tagger_iterations,
                &mut rng,
            );
            let frozen = freeze(&weights, 0);
            let (table, _) = super::perceptron::Table::read(&frozen).unwrap();
            let mut dictionary_bytes = Vec::new();
            tagger::write_dictionary(&dictionary, &mut dictionary_bytes);
            let mut lexicon_bytes = Vec::new();
            tagger::write_lexicon(&jackknife_lexicon, &mut lexicon_bytes);
            let fold_tagger = tagger::Tagger {
                dictionary: &dictionary_bytes[4..],
                lexicon: &lexicon_bytes[4..],
                weights: table,
            };
            let (mut right, mut total) = (0usize, 0usize);
            for (i, sentence) in tagged.iter().enumerate() {
                if i % options.folds == fold {
                    predicted[i] = fold_tagger.tag(&sentence.words);
                    right += predicted[i]
                        .iter()
                        .zip(&sentence.tags)
                        .filter(|(a, b)| a == b)
                        .count();
                    total += sentence.tags.len();
                }
            }
            log(&format!(
                "jackknife fold {}/{}: tag accuracy {:.4}",
                fold + 1,
                options.folds,
                right as f64 / total.max(1) as f64
            ));
        }
    }

    let tagger_weights = tagger::train(
        &tagged,
        classes,
        &dictionary,
        &lexicon,
        options.tagger_iterations,
        &mut rng,
    );
    log("tagger trained");

    // Parser labels: those of the treebank, in the order of DEPRELS.
    let mut seen = vec![false; DEPRELS.len()];
    seen[Deprel::ROOT.index()] = true;
    for sentence in train {
        for word in &sentence.words {
            if let Some(rel) = Deprel::from_name(&word.deprel) {
                seen[rel.index()] = true;
            }
        }
    }
    let labels: Vec<Deprel> = DEPRELS
        .iter()
        .filter_map(|name| Deprel::from_name(name))
        .filter(|rel| seen[rel.index()])
        .collect();
    let label_index: HashMap<Deprel, u8> = labels
        .iter()
        .enumerate()
        .map(|(i, &l)| (l, i as u8))
        .collect();
    let dep = label_index.get(&Deprel::DEP).copied().unwrap_or(0);
    let root = label_index[&Deprel::ROOT];
    let is_punct: Vec<bool> = class_names
        .iter()
        .map(|(name, _)| name.starts_with("PUNCT|"))
        .collect();
    let trees: Vec<GoldTree> = train
        .iter()
        .zip(&tagged)
        .zip(&predicted)
        .map(|((sentence, hashes), tags)| {
            let n = sentence.words.len() as u32;
            GoldTree {
                words: hashes
                    .words
                    .iter()
                    .zip(tags)
                    .map(|(h, &t)| ParseWord::new(h.lower, t, is_punct[t]))
                    .collect(),
                heads: sentence
                    .words
                    .iter()
                    .map(|w| if w.head == 0 { n } else { w.head as u32 - 1 })
                    .collect(),
                labels: sentence
                    .words
                    .iter()
                    .map(|w| {
                        if w.head == 0 {
                            root
                        } else {
                            Deprel::from_name(&w.deprel)
                                .and_then(|r| label_index.get(&r).copied())
                                .unwrap_or(dep)
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let started = std::time::Instant::now();
    let parser_weights = parser::train(
        &trees,
        labels.len(),
        root,
        options.parser_iterations,
        &mut rng,
        |iteration| {
            log(&format!(
                "parser iteration {}/{} done ({:.0} s)",
                iteration + 1,
                options.parser_iterations,
                started.elapsed().as_secs_f64()
            ))
        },
    );

    // Lemma exceptions: where the rules miss the treebank's usual lemma.
    let mut lemma_counts: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
    let mut rule_right: HashMap<(String, String), u32> = HashMap::new();
    for sentence in train {
        for word in &sentence.words {
            let xpos = Xpos::from_name(&word.xpos)
                .map_or("_", |x| x.as_str())
                .to_string();
            let key = (word.form.to_lowercase().replace('’', "'"), xpos.clone());
            *lemma_counts
                .entry(key.clone())
                .or_default()
                .entry(word.lemma.clone())
                .or_default() += 1;
            if lemma::by_rule(&word.form, &xpos) == word.lemma {
                *rule_right.entry(key).or_default() += 1;
            }
        }
    }
    let mut exceptions: Vec<(u64, String)> = lemma_counts
        .iter()
        .filter_map(|(key, lemmas)| {
            let (best, &count) = lemmas
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
            let by_rule = rule_right.get(key).copied().unwrap_or(0);
            (count > by_rule).then(|| (lemma::key(&key.0, &key.1), best.clone()))
        })
        .collect();
    // Inflections the treebank never saw, from WordNet: irregular forms
    // (`withdrew`/VBD -> `withdraw`) and regular ones the rules get wrong
    // (`invaded`/VBD -> `invade`, `prizes`/NNS -> `prize`). One base, or
    // the first in order when a form has several and the rule gives none
    // of them.
    let mut from_wordnet = 0;
    if let Some(wordnet) = &options.wordnet {
        for ((form, xpos), bases) in &wordnet.lemmas {
            if lemma_counts.contains_key(&(form.clone(), xpos.to_string())) {
                continue;
            }
            let bases = if bases.irregular.is_empty() {
                &bases.regular
            } else {
                &bases.irregular
            };
            let rule = lemma::by_rule(form, xpos);
            if bases.contains(&rule) {
                continue;
            }
            if let Some(base) = bases.first() {
                exceptions.push((lemma::key(form, xpos), base.clone()));
                from_wordnet += 1;
            }
        }
    }
    exceptions.sort();
    exceptions.dedup_by_key(|(k, _)| *k);
    log(&format!(
        "{} lemma exceptions ({from_wordnet} from WordNet)",
        exceptions.len()
    ));

    Trained {
        class_names: class_names.into_iter().map(|(n, _)| n).collect(),
        dictionary,
        lexicon,
        tagger: tagger_weights.average(),
        labels,
        parser: parser_weights.average(),
        exceptions,
    }
}

/// A trained model, before it is written.
pub struct Trained {
    class_names: Vec<String>,
    dictionary: Vec<(u64, u8)>,
    lexicon: Vec<(u64, u32)>,
    tagger: Averaged,
    labels: Vec<Deprel>,
    parser: Averaged,
    exceptions: Vec<(u64, String)>,
}

impl Trained {
    /// The model file, without the features fewer than `prune` updates touched.
    pub fn to_bytes(&self, prune: u32) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        write_names(self.class_names.iter().map(|n| n.as_str()), &mut out);
        tagger::write_dictionary(&self.dictionary, &mut out);
        tagger::write_lexicon(&self.lexicon, &mut out);
        self.tagger.write(prune, &mut out);
        write_names(self.labels.iter().map(|l| l.as_str()), &mut out);
        self.parser.write(prune, &mut out);
        lemma::write(&self.exceptions, &mut out);
        out
    }
}

fn freeze(weights: &Training, prune: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    weights.average().write(prune, &mut bytes);
    bytes
}
