//! The part-of-speech tagger: a greedy left-to-right averaged perceptron
//! over word, affix and shape features of a five-word window and the two
//! tags before (Collins 2002; the design of Honnibal's "A good part-of-speech
//! tagger in about 200 lines of Python"), with a dictionary that tags
//! frequent unambiguous words without scoring them.
//!
//! Its classes are the (universal, fine) tag pairs of the treebank, so one
//! pass gives both `NOUN` and `NNS`.

use std::collections::HashMap;

use super::labels::Upos;
use super::perceptron::{feature, find_record, hash_str, mix, Table, Training};

/// What the tagger knows about one word, hashed once per sentence.
#[derive(Clone, Copy, Default)]
pub(crate) struct WordHashes {
    /// Lower case, digits as 0, curly apostrophes straight.
    pub lower: u64,
    /// As written.
    pub form: u64,
    /// The last 1, 2, 3 and 4 characters of `lower`.
    pub suffix: [u64; 4],
    /// The first 1, 2 and 3 characters of `lower`.
    pub prefix: [u64; 3],
    /// Letters as X or x, digits as d, runs of one kind written once.
    pub shape: u64,
}

/// The normalised form the features look at: lower case, digits as `0`,
/// curly apostrophes and quotes straight.
pub(crate) fn normalise(form: &str) -> String {
    form.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '0'..='9' => '0',
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect()
}

impl WordHashes {
    pub fn of(form: &str) -> WordHashes {
        let lower = normalise(form);
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        let suffix = std::array::from_fn(|k| {
            let n = k + 1;
            let start = if chars.len() > n {
                chars[chars.len() - n].0
            } else {
                0
            };
            hash_str(&lower[start..]) ^ (n as u64)
        });
        let prefix = std::array::from_fn(|k| {
            let n = k + 1;
            let end = chars.get(n).map_or(lower.len(), |&(at, _)| at);
            hash_str(&lower[..end]) ^ ((n as u64) << 8)
        });
        let mut shape = String::new();
        for c in form.chars() {
            let kind = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            };
            if !shape.ends_with(kind) {
                shape.push(kind);
            }
        }
        WordHashes {
            lower: hash_str(&lower),
            form: hash_str(form),
            suffix,
            prefix,
            shape: hash_str(&shape),
        }
    }
}

const NONE: u64 = 0x5eed;
/// The hash of a tag class, as a feature value (`None` before the sentence).
fn tag_value(tag: Option<usize>) -> u64 {
    tag.map_or(NONE, |t| mix(t as u64 + 1))
}

/// The features of word `i`, given the tags chosen for the words before
/// and the ambiguity class of every word (see [`ambiguity`]).
pub(crate) fn features(
    words: &[WordHashes],
    classes: &[u64],
    tags: &[usize],
    i: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let class = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 {
            NONE ^ k as u64
        } else {
            classes.get(j as usize).copied().unwrap_or(NONE ^ k as u64)
        }
    };
    let at = |k: isize| -> Option<&WordHashes> {
        let j = i as isize + k;
        (j >= 0).then(|| words.get(j as usize)).flatten()
    };
    let lower = |k: isize| at(k).map_or(NONE ^ k as u64, |w| w.lower);
    let suffix3 = |k: isize| at(k).map_or(NONE ^ k as u64, |w| w.suffix[2]);
    let shape = |k: isize| at(k).map_or(NONE ^ k as u64, |w| w.shape);
    let t1 = tag_value(i.checked_sub(1).map(|j| tags[j]));
    let t2 = tag_value(i.checked_sub(2).map(|j| tags[j]));
    let w = &words[i];
    let first = (i == 0) as u64;
    out.extend_from_slice(&[
        feature(0, &[]),
        feature(1, &[w.lower]),
        feature(2, &[w.suffix[0]]),
        feature(3, &[w.suffix[1]]),
        feature(4, &[w.suffix[2]]),
        feature(5, &[w.suffix[3]]),
        feature(6, &[w.prefix[0]]),
        feature(7, &[w.prefix[1]]),
        feature(8, &[w.prefix[2]]),
        feature(9, &[w.shape]),
        feature(10, &[t1]),
        feature(11, &[t2, t1]),
        feature(12, &[t1, w.lower]),
        feature(13, &[lower(-1)]),
        feature(14, &[suffix3(-1)]),
        feature(15, &[lower(-2)]),
        feature(16, &[lower(1)]),
        feature(17, &[suffix3(1)]),
        feature(18, &[lower(2)]),
        feature(19, &[lower(-1), w.lower]),
        feature(20, &[w.lower, lower(1)]),
        feature(21, &[shape(1)]),
        feature(22, &[shape(-1)]),
        feature(23, &[first, w.shape]),
        feature(24, &[t1, w.suffix[2]]),
        feature(25, &[w.form]),
        feature(26, &[t1, lower(1)]),
        feature(27, &[w.shape, shape(1)]),
        feature(28, &[suffix3(2)]),
        feature(29, &[lower(-2), lower(-1), w.lower]),
        feature(30, &[class(0)]),
        feature(31, &[class(1)]),
        feature(32, &[class(2)]),
        feature(33, &[class(-1)]),
        feature(34, &[t1, class(0)]),
        feature(35, &[class(0), class(1)]),
        feature(36, &[w.suffix[2], class(1)]),
        feature(37, &[t1, class(0), class(1)]),
    ]);
}

/// The tagger of a loaded model.
#[derive(Clone, Copy)]
pub(crate) struct Tagger<'a> {
    /// Frequent unambiguous words: sorted (form hash u64, class u8) records.
    pub dictionary: &'a [u8],
    /// Ambiguity classes: sorted (lower-case hash u64, UPOS bit set u32),
    /// see [`ambiguity`].
    pub lexicon: &'a [u8],
    pub weights: Table<'a>,
}

const LEXICON_RECORD: usize = 12;

/// Set in a lexicon record whose class is WordNet's (a word the treebank
/// saw fewer than three times): a value space of its own, so the tagger
/// learns how far to trust a dictionary class apart from a treebank one.
pub(crate) const WORDNET_CLASS: u32 = 1 << 31;

/// The ambiguity class of a word, as a feature value: the set of universal
/// tags the treebank gives it (the word's known readings, left and right of
/// the word being tagged), or for a word the treebank saw too rarely the
/// set WordNet gives it (NOUN, VERB, ADJ, ADV, flagged [`WORDNET_CLASS`]),
/// or a mark for a word unknown to both.
pub(crate) fn ambiguity(lexicon: &[u8], lower: u64) -> u64 {
    match lexicon_bits(lexicon, lower) {
        Some(bits) => mix(bits as u64 + 77),
        None => NONE ^ 0xa,
    }
}

/// The UPOS bits of the word hashed `lower` in the lexicon records.
fn lexicon_bits(lexicon: &[u8], lower: u64) -> Option<u32> {
    find_record(lexicon, LEXICON_RECORD, lower)
        .map(|bits| u32::from_le_bytes(bits.try_into().unwrap()))
}

/// How the lexicon uses WordNet's classes beside the treebank's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum WordNetClasses {
    /// WordNet's class only for words the treebank saw fewer than three
    /// times; the treebank's class for the others.
    #[default]
    Rare,
    /// As `Rare`, and the treebank's class of a frequent word is widened by
    /// WordNet's readings too.
    Union,
}

/// Words seen at least three times: (lower-case hash, UPOS bit set); and,
/// with WordNet's classes (lower-case hash -> UPOS bits), the other words
/// it knows, their bits flagged [`WORDNET_CLASS`].
pub(crate) fn build_lexicon(
    sentences: &[TaggedSentence],
    upos_bit: &[u32],
    wordnet: Option<&HashMap<u64, u32>>,
    mode: WordNetClasses,
) -> Vec<(u64, u32)> {
    let mut seen: HashMap<u64, (u32, u32)> = HashMap::new();
    for sentence in sentences {
        for (w, &t) in sentence.words.iter().zip(&sentence.tags) {
            let entry = seen.entry(w.lower).or_default();
            entry.0 += 1;
            entry.1 |= upos_bit[t];
        }
    }
    let mut lexicon: Vec<(u64, u32)> = seen
        .iter()
        .filter(|(_, (count, _))| *count >= 3)
        .map(|(&lower, &(_, bits))| {
            let extra = match (wordnet, mode) {
                (Some(w), WordNetClasses::Union) => w.get(&lower).copied().unwrap_or(0),
                _ => 0,
            };
            (lower, bits | extra)
        })
        .collect();
    if let Some(wordnet) = wordnet {
        lexicon.extend(
            wordnet
                .iter()
                .filter(|(lower, _)| seen.get(lower).is_none_or(|(count, _)| *count < 3))
                .map(|(&lower, &bits)| (lower, bits | WORDNET_CLASS)),
        );
    }
    lexicon.sort();
    lexicon
}

pub(crate) fn write_lexicon(lexicon: &[(u64, u32)], out: &mut Vec<u8>) {
    out.extend_from_slice(&(lexicon.len() as u32).to_le_bytes());
    for &(lower, bits) in lexicon {
        out.extend_from_slice(&lower.to_le_bytes());
        out.extend_from_slice(&bits.to_le_bytes());
    }
}

const DICTIONARY_RECORD: usize = 9;

/// Looks `form_hash` up in sorted dictionary records.
pub(crate) fn dictionary_class(dictionary: &[u8], form_hash: u64) -> Option<usize> {
    find_record(dictionary, DICTIONARY_RECORD, form_hash).map(|class| class[0] as usize)
}

/// What [`Tagger::tag_from`] tells of each word it tags: its position,
/// the scores of every class and the class chosen.
type Watch<'w> = dyn FnMut(usize, &[f32], usize) + 'w;

impl Tagger<'_> {
    /// The tag class of every word.
    pub fn tag(&self, words: &[WordHashes]) -> Vec<usize> {
        self.tag_from(words, Vec::with_capacity(words.len()), None)
    }

    /// The tag class of every word of a sentence that needs a verb (a
    /// claim, not a heading or a caption): where greedy tagging gives
    /// no tag of `is_verb`, the word whose verb reading came closest to its
    /// tag (among the words the lexicon has as verbs) is made a verb, and
    /// the words after it are tagged again. "Revenue rose 4.3%" has `rose`
    /// as a noun otherwise.
    pub fn tag_with_a_verb(&self, words: &[WordHashes], is_verb: &[bool]) -> Vec<usize> {
        let mut closest: Option<(usize, usize, f32)> = None;
        let tags = self.tag_from(
            words,
            Vec::with_capacity(words.len()),
            Some(&mut |i: usize, scores: &[f32], chosen: usize| {
                if !self.may_be_verb(&words[i]) {
                    return;
                }
                let verb = (0..scores.len())
                    .filter(|&c| is_verb[c])
                    .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
                if let Some(verb) = verb {
                    let margin = scores[chosen] - scores[verb];
                    if closest.is_none_or(|(_, _, m)| margin < m) {
                        closest = Some((i, verb, margin));
                    }
                }
            }),
        );
        if tags.iter().any(|&t| is_verb[t]) {
            return tags;
        }
        let Some((at, verb, _)) = closest else {
            return tags;
        };
        let mut fixed = tags;
        fixed.truncate(at);
        fixed.push(verb);
        self.tag_from(words, fixed, None)
    }

    /// Whether the lexicon has the word as a verb (in the treebank or in
    /// WordNet).
    fn may_be_verb(&self, word: &WordHashes) -> bool {
        lexicon_bits(self.lexicon, word.lower)
            .is_some_and(|bits| bits & (1 << Upos::Verb as u32) != 0)
    }

    /// Tags the words after `tags` greedily, telling `watch` each word's
    /// scores and chosen tag.
    fn tag_from(
        &self,
        words: &[WordHashes],
        mut tags: Vec<usize>,
        mut watch: Option<&mut Watch>,
    ) -> Vec<usize> {
        let mut features_buf = Vec::with_capacity(32);
        let mut scores = vec![0f32; self.weights.classes];
        let classes: Vec<u64> = words
            .iter()
            .map(|w| ambiguity(self.lexicon, w.lower))
            .collect();
        for i in tags.len()..words.len() {
            if let Some(class) = dictionary_class(self.dictionary, words[i].form) {
                tags.push(class);
                continue;
            }
            features(words, &classes, &tags, i, &mut features_buf);
            self.weights.score(&features_buf, &mut scores);
            let best = argmax(&scores);
            if let Some(watch) = watch.as_mut() {
                watch(i, &scores, best);
            }
            tags.push(best);
        }
        tags
    }
}

pub(crate) fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// A tagged training sentence: word hashes and gold classes.
#[derive(Clone)]
pub(crate) struct TaggedSentence {
    pub words: Vec<WordHashes>,
    pub tags: Vec<usize>,
}

/// Frequent words seen with one class nearly always: (form hash, class).
pub(crate) fn build_dictionary(sentences: &[TaggedSentence]) -> Vec<(u64, u8)> {
    let mut counts: HashMap<u64, HashMap<usize, u32>> = HashMap::new();
    for sentence in sentences {
        for (w, &t) in sentence.words.iter().zip(&sentence.tags) {
            *counts.entry(w.form).or_default().entry(t).or_default() += 1;
        }
    }
    let mut dictionary: Vec<(u64, u8)> = counts
        .into_iter()
        .filter_map(|(form, classes)| {
            let total: u32 = classes.values().sum();
            let (&class, &count) = classes.iter().max_by_key(|&(c, n)| (*n, usize::MAX - c))?;
            (total >= 20 && count as f64 / total as f64 >= 0.995).then_some((form, class as u8))
        })
        .collect();
    dictionary.sort();
    dictionary
}

pub(crate) fn write_dictionary(dictionary: &[(u64, u8)], out: &mut Vec<u8>) {
    out.extend_from_slice(&(dictionary.len() as u32).to_le_bytes());
    for &(form, class) in dictionary {
        out.extend_from_slice(&form.to_le_bytes());
        out.push(class);
    }
}

/// Trains the tagger weights; the dictionary words are skipped, as when tagging.
pub(crate) fn train(
    sentences: &[TaggedSentence],
    classes: usize,
    dictionary: &[(u64, u8)],
    lexicon: &[(u64, u32)],
    iterations: usize,
    rng: &mut super::train::Rng,
) -> Training {
    let mut dictionary_bytes = Vec::new();
    write_dictionary(dictionary, &mut dictionary_bytes);
    let dictionary_bytes = &dictionary_bytes[4..];
    let mut lexicon_bytes = Vec::new();
    write_lexicon(lexicon, &mut lexicon_bytes);
    let ambiguities: Vec<Vec<u64>> = sentences
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| ambiguity(&lexicon_bytes[4..], w.lower))
                .collect()
        })
        .collect();
    let mut model = Training::new(classes);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut features_buf = Vec::new();
    let mut scores = vec![0f32; classes];
    for _ in 0..iterations {
        rng.shuffle(&mut order);
        for &s in &order {
            let sentence = &sentences[s];
            let mut tags = Vec::with_capacity(sentence.words.len());
            for i in 0..sentence.words.len() {
                if let Some(class) = dictionary_class(dictionary_bytes, sentence.words[i].form) {
                    tags.push(class);
                    continue;
                }
                features(
                    &sentence.words,
                    &ambiguities[s],
                    &tags,
                    i,
                    &mut features_buf,
                );
                model.score(&features_buf, &mut scores);
                let guess = argmax(&scores);
                model.tick();
                model.update(sentence.tags[i], guess, &features_buf);
                tags.push(guess);
            }
        }
    }
    model
}
