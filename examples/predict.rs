//! Quick predictions for a labeled file, for tuning: `cargo run --release
//! --example predict -- CORPUS_DIR CLAIMS.jsonl > out.jsonl`.

use std::io::{BufRead, Write};

use factcheck::{index::PassageIndex, ingest::Corpus, verify::Verifier};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let corpus = Corpus::from_dir(std::path::Path::new(&args[1]))?;
    let index = PassageIndex::build_in_ram(&corpus)?;
    let verifier = Verifier::new(index.retriever(), Default::default());
    let file = std::io::BufReader::new(std::fs::File::open(&args[2])?);
    let mut out = std::io::stdout().lock();
    for line in file.lines() {
        let row: serde_json::Value = serde_json::from_str(&line?)?;
        let claim = row["claim"].as_str().unwrap_or_default();
        let verdict = verifier.check(claim)?;
        let record = serde_json::json!({"id": row["id"], "claim": claim, "verdict": verdict.label,
            "explanation": verdict.explanation, "conflicts": verdict.conflicts});
        writeln!(out, "{record}")?;
    }
    Ok(())
}
