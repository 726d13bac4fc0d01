//! Trains the tagger and parser on the UD English Web Treebank and writes
//! `data/syntax/model.bin` (see `data/syntax/README.md`).
//!
//! ```text
//! cargo run --release --bin train-syntax -- [--treebank DIR] [--output FILE]
//!     [--tagger-iterations N] [--parser-iterations N] [--folds N] [--limit N]
//!     [--prune N] [--try-prune N,N,...] [--seed N] [--score MODEL]
//! ```

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use factcheck::syntax::{self, Model, TrainOptions};

fn main() -> Result<()> {
    let mut treebank = PathBuf::from("/work/shared/treebanks/ud-english-ewt");
    let mut output = PathBuf::from("data/syntax/model.bin");
    let mut options = TrainOptions::default();
    let mut limit = usize::MAX;
    let mut try_prune: Vec<u32> = Vec::new();
    let mut score_only: Option<PathBuf> = None;
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
            // Score an existing model file on dev and test, and stop.
            "--score" => score_only = Some(PathBuf::from(value()?)),
            "--prune" => options.prune = value()?.parse()?,
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
        for split in ["dev", "test"] {
            eprintln!("{split}: {}", syntax::evaluate(&model, &read(split)?));
        }
        return Ok(());
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
