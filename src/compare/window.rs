//! Passages read together as evidence.
//!
//! A statement may need more than its best sentence: a subject set up by the
//! sentence before ("Soviet forces ..." then "They withdrew ..."), or by the
//! document's title. A [`Window`] is the candidate passage with that
//! context, analysed as one text, and it maps every span back to the byte
//! offsets of the document it came from.

use std::sync::OnceLock;

use crate::extract::{analyze, Analysis};
use crate::ingest::{Origin, Passage, PassageKind, Piece};

use super::Span;
use crate::syntax::{self, Tree};

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
    /// When the focus is an atomic claim: the sentence it was extracted
    /// from, which evidence quotes (see [`Window::with_source`]).
    pub source: Option<Passage>,
    /// The focus passage's dependency tree, parsed on first use: a window
    /// is cached by the verifier, so a passage is parsed once per run
    /// however many statements it is compared with.
    focus_tree: OnceLock<Tree>,
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
            source: None,
            focus_tree: OnceLock::new(),
        }
    }

    /// A window of one sentence, the whole of a document `doc.txt`: for
    /// tests of the comparison.
    #[cfg(test)]
    pub(crate) fn of_sentence(text: &str) -> Window {
        let passage = Passage {
            id: 0,
            document: "doc.txt".to_string(),
            paragraph: 1,
            sentence: 1,
            start: 0,
            end: text.len(),
            kind: PassageKind::Sentence,
            text: text.to_string(),
            origin: None,
        };
        Window::new(vec![passage], 0)
    }

    /// A window of a document's title heading and one sentence of it, the
    /// sentence in focus: for tests of the comparison.
    #[cfg(test)]
    pub(crate) fn of_titled_sentence(title: &str, text: &str) -> Window {
        let heading = Passage {
            id: 0,
            document: "doc.txt".to_string(),
            paragraph: 1,
            sentence: 1,
            start: 0,
            end: title.len(),
            kind: PassageKind::Heading,
            text: title.to_string(),
            origin: None,
        };
        let start = title.len() + 2;
        let sentence = Passage {
            id: 1,
            paragraph: 2,
            start,
            end: start + text.len(),
            kind: PassageKind::Sentence,
            text: text.to_string(),
            ..heading.clone()
        };
        Window::new(vec![heading, sentence], 1)
    }

    /// A window of two sentences of one paragraph of a document `doc.txt`,
    /// the second in focus and the first its context: for tests of the
    /// comparison.
    #[cfg(test)]
    pub(crate) fn of_sentence_after(before: &str, text: &str) -> Window {
        let first = Passage {
            id: 0,
            document: "doc.txt".to_string(),
            paragraph: 1,
            sentence: 1,
            start: 0,
            end: before.len(),
            kind: PassageKind::Sentence,
            text: before.to_string(),
            origin: None,
        };
        let start = before.len() + 1;
        let second = Passage {
            id: 1,
            sentence: 2,
            start,
            end: start + text.len(),
            text: text.to_string(),
            ..first.clone()
        };
        Window::new(vec![first, second], 1)
    }

    /// The same window, its focus being a claim extracted from `source`.
    pub fn with_source(mut self, source: Passage) -> Window {
        self.source = Some(source);
        self
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
        let text = passage.text[local_start..local_end].to_string();
        let (start, end) = match &passage.origin {
            None => (passage.start + local_start, passage.start + local_end),
            Some(Origin::Claim { pieces, .. }) => self.claim_offsets(pieces, local_start, &text),
            // A reviewed claim is quoted from its file as a whole line.
            Some(Origin::Reviewed(_)) => (passage.start, passage.end),
        };
        (part, Span { start, end, text })
    }

    /// Document offsets of `text`, found at `local` in a claim's text: in
    /// the piece of the document it was copied from, or else where it
    /// occurs in the source sentence, or else the whole source sentence.
    fn claim_offsets(&self, pieces: &[Piece], local: usize, text: &str) -> (usize, usize) {
        if let Some(piece) = pieces
            .iter()
            .find(|p| p.local <= local && local + text.len() <= p.local + p.len)
        {
            let start = piece.start + (local - piece.local);
            return (start, start + text.len());
        }
        match &self.source {
            Some(source) => match source.text.find(text) {
                Some(at) if !text.is_empty() => (source.start + at, source.start + at + text.len()),
                _ => (source.start, source.end),
            },
            None => (0, 0),
        }
    }

    /// The dependency tree of the focus passage. Its word spans are
    /// offsets into the passage's text: add [`Window::focus_start`] for
    /// offsets into the joined text.
    pub fn focus_tree(&self) -> &Tree {
        self.focus_tree
            .get_or_init(|| syntax::parse(&self.parts[self.focus].text))
    }

    /// Where the focus passage starts in the joined text.
    pub fn focus_start(&self) -> usize {
        self.starts[self.focus]
    }

    /// The part right before the focus, when it is a sentence (the
    /// sentence before the candidate in its paragraph, not the title).
    pub fn sentence_before_focus(&self) -> Option<usize> {
        let before = self.focus.checked_sub(1)?;
        (self.parts[before].kind == PassageKind::Sentence).then_some(before)
    }

    /// The candidate passage.
    pub fn focus_passage(&self) -> &Passage {
        &self.parts[self.focus]
    }

    /// The passage evidence quotes for the candidate: the sentence a claim
    /// came from, or the candidate itself.
    pub fn quoted_passage(&self) -> &Passage {
        self.source.as_ref().unwrap_or(&self.parts[self.focus])
    }

    /// The claim the statement was compared with, when the candidate is an
    /// atomic claim of a sentence.
    pub fn matched_claim(&self) -> Option<&str> {
        let focus = self.focus_passage();
        (focus.kind == PassageKind::Claim).then_some(focus.text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            origin: None,
        }
    }

    #[test]
    fn maps_spans_back_to_document_offsets() {
        let window = Window::new(
            vec![
                passage(0, 0, "Soviet forces invaded."),
                passage(1, 23, "They left in 1989."),
            ],
            1,
        );
        let offset = window.analysis.text.find("1989").unwrap();
        let (part, span) = window.document_span(offset, offset + 4);
        assert_eq!(part, 1);
        assert_eq!(span.text, "1989");
        assert_eq!(span.start, 23 + 13);
    }

    #[test]
    fn maps_claim_spans_through_its_pieces() {
        // "Soviet forces withdrew in 1989" from "Soviet forces invaded in
        // 1979 and withdrew in 1989." at document offset 100.
        let sentence = passage(
            0,
            100,
            "Soviet forces invaded in 1979 and withdrew in 1989.",
        );
        let claim = Passage {
            id: 9,
            kind: PassageKind::Claim,
            text: "Soviet forces withdrew in 1989".to_string(),
            origin: Some(Origin::Claim {
                source: 0,
                pieces: vec![
                    Piece {
                        local: 0,
                        start: 100,
                        len: 13,
                    },
                    Piece {
                        local: 14,
                        start: 134,
                        len: 16,
                    },
                ],
            }),
            ..sentence.clone()
        };
        let window = Window::new(vec![claim], 0).with_source(sentence.clone());
        let offset = window.analysis.text.find("1989").unwrap();
        let (_, span) = window.document_span(offset, offset + 4);
        assert_eq!(span.text, "1989");
        assert_eq!(&sentence.text[span.start - 100..span.end - 100], "1989");
        assert_eq!(window.quoted_passage(), &sentence);
        assert_eq!(
            window.matched_claim(),
            Some("Soviet forces withdrew in 1989")
        );
    }
}
