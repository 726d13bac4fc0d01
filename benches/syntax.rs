//! Tagger and parser speed: sentences a second on one core, and the time to
//! load the model, over the sentences of corpus folders (the bundled article
//! when none is given).
//!
//! ```text
//! cargo bench --bench syntax -- [--runs N] [DIR ...]
//! ```
//!
//! Each run parses every sentence once, on this thread; the best run counts.
//! Inside the loop it checks a known result (every sentence gets exactly one
//! root and every word a span of its sentence), so a broken parser cannot
//! look fast.

use std::path::PathBuf;
use std::time::Instant;

use factcheck::ingest::{self, Corpus, PassageKind};
use factcheck::syntax;

fn main() {
    let mut runs = 5;
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--bench" => {}
            dir => dirs.push(PathBuf::from(dir)),
        }
    }

    let started = Instant::now();
    let model = syntax::Model::from_bytes(syntax::MODEL_BYTES).expect("the shipped model reads");
    let load = started.elapsed();
    let corpora: Vec<(String, Corpus)> = if dirs.is_empty() {
        vec![("bundled".to_string(), Corpus::bundled())]
    } else {
        dirs.iter()
            .map(|d| {
                (
                    d.display().to_string(),
                    Corpus::from_dir(d).expect("a corpus folder"),
                )
            })
            .collect()
    };
    println!(
        "model: {} bytes, loaded in {:.3} ms",
        syntax::MODEL_BYTES.len(),
        load.as_secs_f64() * 1e3
    );
    println!("| corpus | sentences | words | best run | sentences/s | words/s |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, corpus) in &corpora {
        let sentences: Vec<String> = ingest::passages(corpus)
            .into_iter()
            .filter(|p| p.kind == PassageKind::Sentence)
            .map(|p| p.text)
            .collect();
        // Tokenising is part of the cost a caller pays; it is timed too.
        let mut best = f64::INFINITY;
        let mut words = 0;
        for _ in 0..runs {
            let started = Instant::now();
            words = 0;
            for sentence in &sentences {
                let spans = syntax::words(sentence);
                let tree = model.parse_spans(sentence, &spans);
                let roots = tree.words().iter().filter(|w| w.head.is_none()).count();
                assert!(tree.is_empty() || roots == 1, "one root in {sentence:?}");
                assert!(tree.words().iter().all(|w| w.end <= sentence.len()));
                words += tree.len();
            }
            best = best.min(started.elapsed().as_secs_f64());
        }
        println!(
            "| {name} | {} | {words} | {:.1} ms | {:.0} | {:.0} |",
            sentences.len(),
            best * 1e3,
            sentences.len() as f64 / best,
            words as f64 / best
        );
    }
}
