//! factcheck as a library: check statements against a folder of articles
//! from Rust, with the same index cache as the command line.
//!
//!     cargo run --example library -- examples/desk "Soviet forces withdrew from Afghanistan in 1988"

use anyhow::Result;
use factcheck::index::PassageIndex;
use factcheck::ingest::Corpus;
use factcheck::verify::{Verifier, VerifyOptions};

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let corpus_dir = args.next().unwrap_or_else(|| "examples/desk".to_string());
    // `Corpus::from_file` reads one file; `Corpus::bundled()` is the
    // article compiled into the binary.
    let corpus = Corpus::from_dir(std::path::Path::new(&corpus_dir))?;
    // None: the user cache folder, one index per corpus version, reused
    // while the files are unchanged. `PassageIndex::build_in_ram` keeps it
    // in memory instead.
    let (index, _status) = PassageIndex::open_or_build(&corpus, None)?;
    let verifier = Verifier::new(index.retriever(), VerifyOptions { top_k: 5 });
    for statement in args {
        let verdict = verifier.check(&statement)?;
        println!("{}: {statement}", verdict.label.as_str());
        for conflict in &verdict.conflicts {
            println!(
                "  {}: \"{}\" vs \"{}\" ({} bytes {}..{})",
                conflict.kind,
                conflict.claim_text,
                conflict.evidence_text,
                conflict.document,
                conflict.evidence_start,
                conflict.evidence_end
            );
        }
        if let Some(best) = verdict.evidence.first() {
            println!("  evidence: {} ({})", best.text, best.document);
        }
        println!("  because: {}", verdict.explanation);
    }
    Ok(())
}
