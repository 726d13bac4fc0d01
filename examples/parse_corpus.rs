//! Prints the tree of every sentence of a corpus folder (the bundled article
//! when none is given), as CoNLL-U or indented trees, with each sentence's
//! document and byte span, for reading the parser's output on real articles.
//!
//! ```text
//! cargo run --release --example parse_corpus -- [--tree] [DIR]
//! ```

use factcheck::ingest::{self, Corpus, PassageKind};
use factcheck::syntax;

fn main() -> anyhow::Result<()> {
    let mut tree_format = false;
    let mut dir = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--tree" => tree_format = true,
            _ => dir = Some(std::path::PathBuf::from(arg)),
        }
    }
    let corpus = match &dir {
        Some(dir) => Corpus::from_dir(dir)?,
        None => Corpus::bundled(),
    };
    for passage in ingest::passages(&corpus) {
        if passage.kind != PassageKind::Sentence {
            continue;
        }
        let tree = syntax::parse(&passage.text);
        println!("# {} {}..{}", passage.document, passage.start, passage.end);
        if tree_format {
            println!("{}\n{}", passage.text, tree.to_indented());
        } else {
            print!("{}", tree.to_conllu());
        }
    }
    Ok(())
}
