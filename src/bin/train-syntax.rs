//! Trains the tagger and parser on the UD English Web Treebank and writes
//! `data/syntax/model.bin` (see `data/syntax/README.md`).
//!
//! ```text
//! cargo run --release --bin train-syntax -- [--treebank DIR] [--output FILE]
//!     [--tagger-iterations N] [--parser-iterations N] [--folds N] [--limit N]
//!     [--prune N] [--try-prune N,N,...] [--seed N] [--score MODEL]
//!     [--splits dev,test] [--breakdown] [--wordnet DIR | --no-wordnet]
//!     [--wordnet-classes rare|union] [--jackknife-wordnet]
//! ```
//!
//! `--wordnet DIR` (default `/usr/share/wordnet`, the Debian package
//! `wordnet-base`) is read at training time only: the tagger's ambiguity
//! classes of words the treebank rarely or never saw, and lemmas of
//! inflections it never saw, are baked into the model file.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use factcheck::syntax::{self, Model, TrainOptions, WordNet, WordNetClasses};

fn main() -> Result<()> {
    let mut treebank = PathBuf::from("/work/shared/treebanks/ud-english-ewt");
    let mut output = PathBuf::from("data/syntax/model.bin");
    let mut options = TrainOptions::default();
    let mut limit = usize::MAX;
    let mut try_prune: Vec<u32> = Vec::new();
    let mut score_only: Option<PathBuf> = None;
    let mut wordnet = Some(PathBuf::from("/usr/share/wordnet"));
    let mut splits = vec!["dev".to_string(), "test".to_string()];
    let mut breakdown = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--treebank" => treebank = PathBuf::from(value()?),
            "--output" => output = PathBuf::from(value()?),
            "--tagger-iterations" => options.tagger_iterations = value()?.parse()?,
            "--parser-iterations" => options.parser_iterations = value()?.parse()?,
            "--folds" => options.folds = value()?.parse()?,
            "--seed" => options.seed = value()?.parse()?,
            "--limit" => limit = value()?.parse()?,
            // Score an existing model file on --splits, and stop.
            "--score" => score_only = Some(PathBuf::from(value()?)),
            // The splits --score reads (dev,test).
            "--splits" => splits = value()?.split(',').map(str::to_string).collect(),
            // With --score: tag accuracy by gold UPOS and by how often the
            // training set has the word.
            "--breakdown" => breakdown = true,
            "--prune" => options.prune = value()?.parse()?,
            "--wordnet" => wordnet = Some(PathBuf::from(value()?)),
            "--no-wordnet" => wordnet = None,
            // The parser's training tags from a tagger with WordNet too.
            "--jackknife-wordnet" => options.jackknife_wordnet = true,
            "--wordnet-classes" => {
                options.wordnet_classes = match value()?.as_str() {
                    "rare" => WordNetClasses::Rare,
                    "union" => WordNetClasses::Union,
                    other => bail!("--wordnet-classes is rare or union, not '{other}'"),
                }
            }
            // Scores on dev for other pruning thresholds, to choose one.
            "--try-prune" => {
                for threshold in value()?.split(',') {
                    try_prune.push(threshold.parse()?);
                }
            }
            other => bail!("unknown argument '{other}'\n\nSee the top of src/bin/train-syntax.rs."),
        }
    }
    let read = |split: &str| -> Result<Vec<syntax::GoldSentence>> {
        let path = treebank.join(format!("en_ewt-ud-{split}.conllu"));
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("failed to read treebank file {}", path.display()))?;
        syntax::read_conllu(&text).with_context(|| format!("failed to read {}", path.display()))
    };
    if let Some(path) = score_only {
        let bytes = std::fs::read(&path)
            .with_context(|| format!("failed to read model {}", path.display()))?;
        let model = Model::from_bytes(&bytes)?;
        for split in &splits {
            let gold = read(split)?;
            let scores = syntax::evaluate(&model, &gold);
            eprintln!(
                "{split}: {scores} (right: UPOS {}, UAS {}, LAS {})",
                scores.upos_right, scores.heads_right, scores.labeled_right
            );
            if breakdown {
                print_breakdown(&model, &read("train")?, &gold);
            }
        }
        return Ok(());
    }
    if let Some(dir) = &wordnet {
        let read = WordNet::read(dir)?;
        eprintln!("WordNet {}: {} word forms", dir.display(), read.len());
        options.wordnet = Some(read);
    }
    let mut train = read("train")?;
    train.truncate(limit);
    let dev = read("dev")?;
    let started = Instant::now();
    let trained = syntax::train(&train, &options, |message| {
        eprintln!("[{:6.1} s] {message}", started.elapsed().as_secs_f64())
    });
    for threshold in try_prune {
        let bytes = trained.to_bytes(threshold);
        let scores = syntax::evaluate(&Model::from_bytes(&bytes)?, &dev);
        eprintln!("prune {threshold}: {} bytes, dev: {scores}", bytes.len());
    }
    let bytes = trained.to_bytes(options.prune);
    let model = Model::from_bytes(&bytes)?;
    let scores = syntax::evaluate(&model, &dev);
    eprintln!("dev: {scores}");
    std::fs::write(&output, &bytes)
        .with_context(|| format!("failed to write model {}", output.display()))?;
    eprintln!(
        "wrote {} ({} bytes) in {:.0} s",
        output.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Tag accuracy of `gold` by gold UPOS, and by the count in `train` of the
/// word's lower-case form (unseen, 1-2, 3 or more).
fn print_breakdown(
    model: &Model<'_>,
    train: &[syntax::GoldSentence],
    gold: &[syntax::GoldSentence],
) {
    use std::collections::{BTreeMap, HashMap};
    let mut seen: HashMap<String, usize> = HashMap::new();
    for word in train.iter().flat_map(|s| &s.words) {
        *seen.entry(word.form.to_lowercase()).or_default() += 1;
    }
    let mut by_upos: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut by_count: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for sentence in gold {
        let (text, spans) = syntax::gold_text(sentence);
        let tree = model.parse_spans(&text, &spans);
        for (word, gold_word) in tree.words().iter().zip(&sentence.words) {
            let right = (word.upos.as_str() == gold_word.upos) as usize;
            let entry = by_upos.entry(gold_word.upos.clone()).or_default();
            entry.0 += right;
            entry.1 += 1;
            let count = match seen
                .get(&gold_word.form.to_lowercase())
                .copied()
                .unwrap_or(0)
            {
                0 => "unseen in train",
                1 | 2 => "seen 1-2 times",
                _ => "seen 3+ times",
            };
            let entry = by_count.entry(count).or_default();
            entry.0 += right;
            entry.1 += 1;
        }
    }
    for (name, (right, total)) in by_count
        .iter()
        .map(|(k, v)| (k.to_string(), v))
        .chain(by_upos.iter().map(|(k, v)| (k.clone(), v)))
    {
        eprintln!(
            "  {name:16} {right:6} / {total:6} = {:.4}",
            *right as f64 / (*total).max(1) as f64
        );
    }
}
