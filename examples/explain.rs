//! Prints the analysis of a text, for debugging rules:
//! `cargo run --example explain -- "TEXT"`.
fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let analysis = factcheck::extract::analyze(&text);
    println!("quantities: {:#?}", analysis.quantities);
    println!("dates: {:#?}", analysis.dates);
    println!("entities: {:#?}", analysis.entities);
    println!("negations: {:#?}", analysis.negations);
    if let Some(evidence) = std::env::args().nth(2) {
        let passage = factcheck::ingest::Passage {
            id: 0,
            document: "evidence".to_string(),
            paragraph: 1,
            sentence: 1,
            start: 0,
            end: evidence.len(),
            kind: factcheck::ingest::PassageKind::Sentence,
            text: evidence.clone(),
            origin: None,
        };
        let window = factcheck::compare::Window::new(vec![passage], 0);
        let comparison =
            factcheck::compare::compare(&analysis, &window, &factcheck::compare::UniformWeights);
        println!("{comparison:#?}");
    }
}
