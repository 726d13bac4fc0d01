//! Splitting a document into paragraphs and sentences with byte spans.

use super::{Document, Passage, PassageKind};

/// Splits one document into passages. Ids are left at 0; [`super::passages`]
/// numbers them across the corpus.
pub fn segment(document: &Document) -> Vec<Passage> {
    // Placeholder: one passage per non-empty line.
    let mut passages = Vec::new();
    let mut offset = 0;
    let mut paragraph = 0;
    for line in document.text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            paragraph += 1;
            let start = offset + (line.len() - line.trim_start().len());
            passages.push(Passage {
                id: 0,
                document: document.path.clone(),
                paragraph,
                sentence: 1,
                start,
                end: start + trimmed.len(),
                kind: PassageKind::Sentence,
                text: trimmed.to_string(),
            });
        }
        offset += line.len();
    }
    passages
}
