//! Passages read together as evidence.
//!
//! A statement may need more than its best sentence: a subject set up by the
//! sentence before ("Soviet forces ..." then "They withdrew ..."), or by the
//! document's title. A [`Window`] is the candidate passage with that
//! context, analysed as one text, and it maps every span back to the byte
//! offsets of the document it came from.

use crate::extract::{analyze, Analysis};
use crate::ingest::Passage;

use super::Span;

/// Put between passages so that no clause runs across them.
const JOINER: &str = " .\n";

/// A candidate passage with its context, analysed as one text.
#[derive(Clone, Debug)]
pub struct Window {
    /// The passages, in document order.
    pub parts: Vec<Passage>,
    /// Which part is the candidate the retriever found.
    pub focus: usize,
    /// The analysis of the parts joined together.
    pub analysis: Analysis,
    /// Where each part starts in the joined text.
    starts: Vec<usize>,
}

impl Window {
    /// Joins `parts` (in document order) and analyses them; `focus` is the
    /// index of the candidate among them.
    pub fn new(parts: Vec<Passage>, focus: usize) -> Window {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(parts.len());
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                text.push_str(JOINER);
            }
            starts.push(text.len());
            text.push_str(&part.text);
        }
        Window {
            analysis: analyze(&text),
            parts,
            focus,
            starts,
        }
    }

    /// The part that holds the joined-text offset `offset`.
    pub fn part_at(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The span of the joined text `start..end`, as document offsets of
    /// the part it lies in.
    pub fn document_span(&self, start: usize, end: usize) -> (usize, Span) {
        let part = self.part_at(start);
        let local_start = start - self.starts[part];
        let passage = &self.parts[part];
        let local_end = (end - self.starts[part]).min(passage.text.len());
        (
            part,
            Span {
                start: passage.start + local_start,
                end: passage.start + local_end,
                text: passage.text[local_start..local_end].to_string(),
            },
        )
    }

    /// The candidate passage.
    pub fn focus_passage(&self) -> &Passage {
        &self.parts[self.focus]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::PassageKind;

    fn passage(id: u64, start: usize, text: &str) -> Passage {
        Passage {
            id,
            document: "doc.txt".to_string(),
            paragraph: 1,
            sentence: id as u32 + 1,
            start,
            end: start + text.len(),
            kind: PassageKind::Sentence,
            text: text.to_string(),
        }
    }

    #[test]
    fn maps_spans_back_to_document_offsets() {
        let window = Window::new(
            vec![passage(0, 0, "Soviet forces invaded."), passage(1, 23, "They left in 1989.")],
            1,
        );
        let offset = window.analysis.text.find("1989").unwrap();
        let (part, span) = window.document_span(offset, offset + 4);
        assert_eq!(part, 1);
        assert_eq!(span.text, "1989");
        assert_eq!(span.start, 23 + 13);
    }
}
