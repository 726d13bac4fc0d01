//! Where to highlight: the spans of a statement or passage that a verdict's
//! findings and conflicts point at, turned into marks relative to that
//! text, for the text and Markdown formats.
//!
//! Finding and conflict spans are byte offsets into the *document*; a
//! passage sits at `evidence.start..evidence.end` of it, so a span inside
//! the passage is at `span.start - evidence.start`. A span is used only
//! when it lies inside the text, on character boundaries, and the text
//! there is the span's own text: findings do not name their document, and
//! offsets from another document could otherwise land anywhere.

use std::ops::Range;

use crate::compare::Effect;
use crate::verdict::{Evidence, Verdict};

/// What a mark says about its span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MarkKind {
    /// Evidence that matches the statement.
    Match,
    /// The statement and evidence disagree here.
    Conflict,
}

/// A span to highlight, relative to the text it is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mark {
    pub range: Range<usize>,
    pub kind: MarkKind,
}

/// `start..end` of a document, relative to `base`, if it lies in `text`
/// there and reads `expected`.
fn relative(
    text: &str,
    base: usize,
    start: usize,
    end: usize,
    expected: &str,
) -> Option<Range<usize>> {
    let range = start.checked_sub(base)?..end.checked_sub(base)?;
    (text.get(range.clone())? == expected && !range.is_empty()).then_some(range)
}

/// The conflicting spans of the statement.
pub(crate) fn statement_marks(verdict: &Verdict, claim: &str) -> Vec<Mark> {
    verdict
        .conflicts
        .iter()
        .filter_map(|conflict| {
            let range = relative(
                claim,
                0,
                conflict.claim_start,
                conflict.claim_end,
                &conflict.claim_text,
            )?;
            Some(Mark {
                range,
                kind: MarkKind::Conflict,
            })
        })
        .collect()
}

/// The matching and conflicting spans of one evidence passage.
pub(crate) fn passage_marks(verdict: &Verdict, evidence: &Evidence) -> Vec<Mark> {
    let conflicts = verdict
        .conflicts
        .iter()
        .filter(|conflict| conflict.document == evidence.document)
        .filter_map(|conflict| {
            let range = relative(
                &evidence.text,
                evidence.start,
                conflict.evidence_start,
                conflict.evidence_end,
                &conflict.evidence_text,
            )?;
            Some(Mark {
                range,
                kind: MarkKind::Conflict,
            })
        });
    let matches = verdict
        .findings
        .iter()
        .filter(|finding| finding.effect == Effect::Supports)
        .filter_map(|finding| {
            let span = finding.evidence.as_ref()?;
            let range = relative(
                &evidence.text,
                evidence.start,
                span.start,
                span.end,
                &span.text,
            )?;
            Some(Mark {
                range,
                kind: MarkKind::Match,
            })
        });
    conflicts.chain(matches).collect()
}

/// The part of the passage the findings point at, from the first span to
/// the last (the whole passage when none does): what `--diff` compares the
/// statement with, so a long sentence does not drown the difference.
pub(crate) fn focus(verdict: &Verdict, evidence: &Evidence) -> Range<usize> {
    let mut ranges: Vec<Range<usize>> = passage_marks(verdict, evidence)
        .into_iter()
        .map(|mark| mark.range)
        .collect();
    ranges.extend(verdict.findings.iter().filter_map(|finding| {
        let span = finding.evidence.as_ref()?;
        relative(
            &evidence.text,
            evidence.start,
            span.start,
            span.end,
            &span.text,
        )
    }));
    let start = ranges.iter().map(|r| r.start).min();
    let end = ranges.iter().map(|r| r.end).max();
    match (start, end) {
        (Some(start), Some(end)) => start..end,
        _ => 0..evidence.text.len(),
    }
}

/// `text` cut into pieces, each marked or not, in order. Overlapping marks
/// are resolved in favour of the earlier one, and at the same start a
/// conflict beats a match.
pub(crate) fn segments<'t>(text: &'t str, marks: &[Mark]) -> Vec<(Option<MarkKind>, &'t str)> {
    let mut marks: Vec<&Mark> = marks.iter().collect();
    marks.sort_by_key(|mark| (mark.range.start, mark.kind != MarkKind::Conflict));
    let mut pieces = Vec::new();
    let mut at = 0;
    for mark in marks {
        if mark.range.start < at {
            continue;
        }
        let (Some(before), Some(marked)) =
            (text.get(at..mark.range.start), text.get(mark.range.clone()))
        else {
            continue;
        };
        if !before.is_empty() {
            pieces.push((None, before));
        }
        pieces.push((Some(mark.kind), marked));
        at = mark.range.end;
    }
    if at < text.len() {
        pieces.push((None, &text[at..]));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support::{conflicting_verdict, PASSAGE};

    #[test]
    fn passage_marks_are_relative_to_the_passage() {
        let verdict = conflicting_verdict();
        let marks = passage_marks(&verdict, &verdict.evidence[0]);
        let pieces: Vec<(MarkKind, &str)> = marks
            .iter()
            .map(|mark| (mark.kind, &PASSAGE[mark.range.clone()]))
            .collect();
        assert_eq!(
            pieces,
            [
                (MarkKind::Conflict, "149"),
                (MarkKind::Match, "Moscow"),
                (MarkKind::Match, "attack")
            ]
        );
    }

    #[test]
    fn spans_of_another_document_are_ignored() {
        let verdict = conflicting_verdict();
        // b.txt starts at 0: the a.txt offsets would land outside it or on
        // other words.
        assert_eq!(passage_marks(&verdict, &verdict.evidence[1]), []);
    }

    #[test]
    fn statement_marks_the_conflicting_number() {
        let verdict = conflicting_verdict();
        let marks = statement_marks(&verdict, "150 people died in the Moscow attack");
        assert_eq!(
            marks,
            [Mark {
                range: 0..3,
                kind: MarkKind::Conflict
            }]
        );
        // A statement that does not read the same at the offsets is left alone.
        assert_eq!(statement_marks(&verdict, "15"), []);
    }

    #[test]
    fn segments_cover_the_text_and_skip_overlaps() {
        let marks = [
            Mark {
                range: 4..9,
                kind: MarkKind::Match,
            },
            Mark {
                range: 4..7,
                kind: MarkKind::Conflict,
            },
            Mark {
                range: 6..12,
                kind: MarkKind::Match,
            },
        ];
        let pieces = segments("the 149 people", &marks);
        assert_eq!(
            pieces,
            [
                (None, "the "),
                (Some(MarkKind::Conflict), "149"),
                (None, " people")
            ]
        );
    }

    #[test]
    fn focus_spans_the_findings() {
        let verdict = conflicting_verdict();
        let range = focus(&verdict, &verdict.evidence[0]);
        assert_eq!(&PASSAGE[range], "attack on a Moscow hall killed 149 people");
        assert_eq!(focus(&verdict, &verdict.evidence[1]), 0..20);
    }
}
