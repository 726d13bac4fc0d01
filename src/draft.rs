//! A whole draft, checked claim by claim: what `factcheck draft` runs,
//! and what a server calls as a library ([`check_draft`]).
//!
//! The draft is split the way the corpus is: into paragraphs and sentences
//! by [`crate::ingest::segment`], each sentence into atomic claims by
//! [`crate::extract::extract_claims`] (pronouns resolved within a
//! paragraph, speakers kept). Each claim is scored for check-worthiness;
//! those at or above [`DraftOptions::min_score`] are checked against the
//! corpus, and every sentence none of whose claims is checked is listed as
//! skipped, with why (a heading, a question, an opinion, a hedge, too
//! short, or simply too little to check).
//!
//! Every offset is a byte offset into the draft as given:
//! `&draft[claim.start..claim.end] == claim.source`. Lines and columns are
//! 1-based, columns counted in characters (Unicode scalar values), for
//! tools that point at a line (SARIF, GitHub annotations).
//!
//! The document score is FActScore's: the share of checked claims that are
//! supported, with the shares that conflict and that the corpus does not
//! settle beside it.
//!
//! ```
//! use factcheck::{draft::{check_draft, DraftOptions}, index::PassageIndex, ingest::Corpus, verify::Verifier};
//!
//! let corpus = Corpus::from_strs(&[("a.txt", "The attack on the concert hall in Moscow killed 149 people in March 2024.")]);
//! let index = PassageIndex::build_in_ram(&corpus).unwrap();
//! let verifier = Verifier::new(index.retriever(), Default::default());
//! let draft = "The Moscow concert hall attack killed 150 people in March 2024. Should we worry?";
//! let report = check_draft(&verifier, draft, &DraftOptions::default());
//! assert_eq!(report.claims.len(), 1);
//! let claim = &report.claims[0];
//! assert_eq!(&draft[claim.start..claim.end], claim.source);
//! assert_eq!(claim.verdict().unwrap().as_str(), "conflicting");
//! assert_eq!(report.skipped[0].text, "Should we worry?");
//! assert!(!report.summary.passed);
//! ```

use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use crate::extract::{explain_check_worthiness, extract_claims, Claim, Unworthy};
use crate::ingest::{segment, Document, Passage, PassageKind};
use crate::policy::Policy;
use crate::retrieve::Retriever;
use crate::verdict::{Label, Verdict};
use crate::verify::Verifier;

/// The check-worthiness a claim needs to be checked, by default. A plain
/// clause scores 0.4; a name, number, date or factual verb lifts it to 0.5
/// or more, and an opinion, hedge or question pulls it below. So the
/// default checks every clause that names something and is not an
/// opinion, hedge or question.
pub const DEFAULT_MIN_SCORE: f32 = 0.5;

/// What to check and how to name it.
#[derive(Clone, Debug)]
pub struct DraftOptions {
    /// Claims less check-worthy than this are skipped (0 to 1).
    pub min_score: f32,
    /// The draft's name in reports: its path, or `<stdin>`. A name ending
    /// in `.md` is read as Markdown (heading marks, list bullets).
    pub name: String,
    /// How the corpus is named in the summary.
    pub corpus: String,
    /// When the draft fails.
    pub policy: Policy,
}

impl Default for DraftOptions {
    fn default() -> DraftOptions {
        DraftOptions {
            min_score: DEFAULT_MIN_SCORE,
            name: "draft".to_string(),
            corpus: "(unnamed)".to_string(),
            policy: Policy::default(),
        }
    }
}

/// A 1-based line and column (in characters) of the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A span of the draft: `start..end` in bytes, and where it begins and
/// ends as lines and columns (`end` is the column just past the span).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Region {
    pub start: usize,
    pub end: usize,
    pub from: Position,
    pub to: Position,
}

/// One claim of the draft that was checked.
#[derive(Clone, Debug, Serialize)]
pub struct DraftClaim {
    /// `c1`, `c2`, ... in draft order.
    pub id: String,
    /// The claim as checked: a self-contained clause made of the draft's
    /// words (a resolved pronoun gets its subject's words).
    pub claim: String,
    /// The bytes of the draft the claim's words span, within its sentence.
    pub start: usize,
    pub end: usize,
    /// `draft[start..end]`, verbatim.
    pub source: String,
    /// Lines and columns of `start..end`.
    pub region: Region,
    /// The part of the draft highlighted for this claim in the text and
    /// HTML reports: inside `start..end`, and not overlapping another
    /// claim's (two claims of one sentence share their subject).
    pub highlight: Range<usize>,
    /// The sentence the claim comes from: byte span and paragraph and
    /// sentence numbers (1-based).
    pub sentence_start: usize,
    pub sentence_end: usize,
    pub paragraph: u32,
    pub sentence: u32,
    /// Byte spans of the draft the claim's words come from.
    pub spans: Vec<(usize, usize)>,
    pub subject: Option<String>,
    /// Who said it, for a quotation or reported speech.
    pub speaker: Option<String>,
    pub check_worthiness: f32,
    /// Where the words the corpus contradicts are in the draft.
    pub conflict_spans: Vec<(usize, usize)>,
    /// The claim fails the policy.
    pub fails: bool,
    /// The verdict, evidence, conflicts and explanation (the fields of
    /// [`Verdict`], `label` being the verdict); absent with `error`.
    #[serde(flatten)]
    pub result: Option<Verdict>,
    /// Why the claim could not be checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl DraftClaim {
    /// The verdict, unless checking failed.
    pub fn verdict(&self) -> Option<Label> {
        self.result.as_ref().map(|verdict| verdict.label)
    }
}

/// What was not checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipKind {
    /// A heading line.
    Heading,
    /// A sentence none of whose claims is worth checking.
    Sentence,
    /// A claim less check-worthy than the threshold, of a sentence another
    /// claim of which was checked.
    Claim,
}

/// A sentence (or claim) not checked, and why.
#[derive(Clone, Debug, Serialize)]
pub struct Skipped {
    pub kind: SkipKind,
    pub start: usize,
    pub end: usize,
    /// `draft[start..end]`, verbatim.
    pub text: String,
    pub region: Region,
    /// For [`SkipKind::Claim`], the claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
    /// The best check-worthiness of its claims; none for a heading or a
    /// sentence without claims.
    pub check_worthiness: Option<f32>,
    /// What lowered it (question, opinion, hedge, ...).
    pub lowered_by: Vec<Unworthy>,
    /// One line a person can read.
    pub reason: String,
}

/// The counts and the document score.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DraftSummary {
    /// Sentences and headings of the draft.
    pub sentences: usize,
    /// Claims checked (at or above the threshold).
    pub checked: usize,
    pub supported: usize,
    pub conflicting: usize,
    pub not_enough_info: usize,
    /// Claims that could not be checked.
    pub errors: usize,
    /// Sentences and headings skipped.
    pub skipped_sentences: usize,
    /// Claims of checked sentences skipped as not check-worthy.
    pub skipped_claims: usize,
    /// Shares of the checked claims (0 when none was checked): FActScore's
    /// "% supported", and beside it conflicting and not settled.
    pub supported_share: f32,
    pub conflicting_share: f32,
    pub unsupported_share: f32,
    /// Claims that fail the policy.
    pub failing: usize,
    /// The draft passes the policy (no failing claim, no error).
    pub passed: bool,
}

/// A draft, checked.
#[derive(Clone, Debug, Serialize)]
pub struct DraftReport {
    /// The draft's name.
    pub draft: String,
    /// The corpus it was checked against.
    pub corpus: String,
    pub min_score: f32,
    pub policy: Policy,
    pub summary: DraftSummary,
    /// Checked claims, in draft order.
    pub claims: Vec<DraftClaim>,
    /// Sentences and claims not checked, in draft order.
    pub skipped: Vec<Skipped>,
    /// The draft as given (not serialized: the caller has it).
    #[serde(skip)]
    pub text: String,
    /// For a draft read from HTML, its text as read (see
    /// [`crate::ingest::html_to_text`]): the text the offsets refer to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extracted_text: Option<String>,
}

/// Checks a draft against the corpus behind `verifier` (claims are
/// checked on all cores). A claim that fails to check gets an `error` and
/// the report goes on; nothing in the draft is dropped: every sentence is
/// either the source of a checked claim or listed in `skipped`.
pub fn check_draft<R: Retriever>(
    verifier: &Verifier<R>,
    text: &str,
    options: &DraftOptions,
) -> DraftReport {
    let lines = LineIndex::new(text);
    let document = Document {
        path: options.name.clone(),
        text: text.to_string(),
    };
    let mut passages: Vec<Passage> = segment(&document);
    for (id, passage) in passages.iter_mut().enumerate() {
        passage.id = id as u64;
    }
    let claims = extract_claims(&passages);
    let mut chosen: Vec<(&Claim, &Passage)> = Vec::new();
    let mut skipped = Vec::new();
    let mut summary = DraftSummary {
        sentences: passages.len(),
        ..DraftSummary::default()
    };
    for passage in &passages {
        let region = lines.region(passage.start, passage.end);
        let own: Vec<&Claim> = claims.iter().filter(|c| c.passage == passage.id).collect();
        let worthy: Vec<&Claim> = own
            .iter()
            .copied()
            .filter(|c| c.check_worthiness >= options.min_score)
            .collect();
        if passage.kind == PassageKind::Heading {
            skipped.push(Skipped {
                kind: SkipKind::Heading,
                start: passage.start,
                end: passage.end,
                text: passage.text.clone(),
                region,
                claim: None,
                check_worthiness: None,
                lowered_by: Vec::new(),
                reason: "a heading".to_string(),
            });
            summary.skipped_sentences += 1;
            continue;
        }
        if worthy.is_empty() {
            let best = own
                .iter()
                .copied()
                .max_by(|a, b| a.check_worthiness.total_cmp(&b.check_worthiness));
            let (score, lowered) = match best {
                Some(claim) => (Some(claim.check_worthiness), why_unworthy(claim, passage)),
                None => (None, Vec::new()),
            };
            let reason = skip_reason(score, &lowered, best, options.min_score);
            skipped.push(Skipped {
                kind: SkipKind::Sentence,
                start: passage.start,
                end: passage.end,
                text: passage.text.clone(),
                region,
                claim: None,
                check_worthiness: score,
                lowered_by: lowered,
                reason,
            });
            summary.skipped_sentences += 1;
            continue;
        }
        for claim in own {
            if claim.check_worthiness >= options.min_score {
                chosen.push((claim, passage));
                continue;
            }
            let (start, end) = extent(claim, passage);
            let lowered = why_unworthy(claim, passage);
            let reason = skip_reason(
                Some(claim.check_worthiness),
                &lowered,
                Some(claim),
                options.min_score,
            );
            skipped.push(Skipped {
                kind: SkipKind::Claim,
                start,
                end,
                text: text[start..end].to_string(),
                region: lines.region(start, end),
                claim: Some(claim.text.clone()),
                check_worthiness: Some(claim.check_worthiness),
                lowered_by: lowered,
                reason,
            });
            summary.skipped_claims += 1;
        }
    }
    let results: Vec<Result<Verdict, String>> = chosen
        .par_iter()
        .map(|(claim, _)| {
            verifier
                .check(&claim.text)
                .map_err(|err| format!("failed to check claim: {err:#}"))
        })
        .collect();
    let mut drafted: Vec<DraftClaim> = Vec::with_capacity(chosen.len());
    for (n, ((claim, passage), result)) in chosen.iter().zip(results).enumerate() {
        let (start, end) = extent(claim, passage);
        let (result, error) = match result {
            Ok(verdict) => (Some(verdict), None),
            Err(err) => (None, Some(err)),
        };
        let conflict_spans = result
            .as_ref()
            .map(|verdict| conflict_spans(verdict, claim, text))
            .unwrap_or_default();
        let fails = result.as_ref().is_some_and(|v| options.policy.fails(v));
        drafted.push(DraftClaim {
            id: format!("c{}", n + 1),
            claim: claim.text.clone(),
            start,
            end,
            source: text[start..end].to_string(),
            region: lines.region(start, end),
            highlight: start..end,
            sentence_start: passage.start,
            sentence_end: passage.end,
            paragraph: passage.paragraph,
            sentence: passage.sentence,
            spans: claim.spans.clone(),
            subject: claim.subject.clone(),
            speaker: claim.speaker.clone(),
            check_worthiness: claim.check_worthiness,
            conflict_spans,
            fails,
            result,
            error,
        });
    }
    assign_highlights(&mut drafted, text);
    skipped.sort_by_key(|s| (s.start, s.end));
    for claim in &drafted {
        match (&claim.result, claim.error.is_some()) {
            (Some(verdict), _) => match verdict.label {
                Label::Supported => summary.supported += 1,
                Label::Conflicting => summary.conflicting += 1,
                Label::NotEnoughInfo => summary.not_enough_info += 1,
            },
            (None, _) => summary.errors += 1,
        }
        summary.failing += usize::from(claim.fails);
    }
    summary.checked = drafted.len();
    let share = |n: usize| {
        if summary.checked == 0 {
            0.0
        } else {
            n as f32 / summary.checked as f32
        }
    };
    summary.supported_share = share(summary.supported);
    summary.conflicting_share = share(summary.conflicting);
    summary.unsupported_share = share(summary.not_enough_info);
    summary.passed = summary.failing == 0 && summary.errors == 0;
    DraftReport {
        draft: options.name.clone(),
        corpus: options.corpus.clone(),
        min_score: options.min_score,
        policy: options.policy,
        summary,
        claims: drafted,
        skipped,
        text: text.to_string(),
        extracted_text: None,
    }
}

/// The bytes of the claim's words inside its sentence (a resolved subject
/// may come from an earlier sentence; it is not part of the extent).
fn extent(claim: &Claim, passage: &Passage) -> (usize, usize) {
    let inside = claim
        .spans
        .iter()
        .filter(|(s, e)| *s >= passage.start && *e <= passage.end && s < e);
    let start = inside.clone().map(|(s, _)| *s).min();
    let end = inside.map(|(_, e)| *e).max();
    match (start, end) {
        (Some(start), Some(end)) => (start, end),
        _ => (passage.start, passage.end),
    }
}

/// What lowered a claim's check-worthiness, with the sentence's own
/// question mark (a claim cut from a question may have lost it).
fn why_unworthy(claim: &Claim, passage: &Passage) -> Vec<Unworthy> {
    let (_, mut lowered) = explain_check_worthiness(&claim.text);
    lowered.retain(|l| *l != Unworthy::Question);
    if claim.text.trim_end().ends_with('?') || passage.text.trim_end().ends_with('?') {
        lowered.insert(0, Unworthy::Question);
    }
    lowered
}

/// "an opinion ("should"); check-worthiness 0.25, below 0.50".
fn skip_reason(
    score: Option<f32>,
    lowered: &[Unworthy],
    claim: Option<&Claim>,
    min_score: f32,
) -> String {
    let Some(score) = score else {
        return "makes no claim".to_string();
    };
    let mut why: Vec<String> = lowered.iter().map(ToString::to_string).collect();
    let is_opinion = lowered
        .iter()
        .any(|l| matches!(l, Unworthy::Opinion(_) | Unworthy::FirstPerson(_)));
    if let Some(speaker) = claim.and_then(|c| c.speaker.as_deref()) {
        if is_opinion {
            why.insert(0, format!("a quotation of opinion ({speaker})"));
        }
    }
    if why.is_empty() {
        why.push("no number, date, name or checkable event".to_string());
    }
    format!(
        "{}; check-worthiness {score:.2}, below {min_score:.2}",
        why.join(", ")
    )
}

/// The draft spans of the words the verdict's conflicts name in the claim
/// text, found through the claim's pieces (the claim is its pieces joined
/// by spaces, in draft order, perhaps with an added "is").
fn conflict_spans(verdict: &Verdict, claim: &Claim, draft: &str) -> Vec<(usize, usize)> {
    let mut located: Vec<(usize, usize, usize)> = Vec::new(); // (local, start, len)
    let mut cursor = 0;
    for &(start, end) in &claim.spans {
        let Some(piece) = draft.get(start..end) else {
            continue;
        };
        if let Some(at) = claim.text.get(cursor..).and_then(|rest| rest.find(piece)) {
            located.push((cursor + at, start, end - start));
            cursor += at + piece.len();
        }
    }
    let mut spans: Vec<(usize, usize)> = verdict
        .conflicts
        .iter()
        .filter(|c| claim.text.get(c.claim_start..c.claim_end) == Some(c.claim_text.as_str()))
        .filter_map(|c| {
            let (local, start, _) = located
                .iter()
                .find(|(local, _, len)| *local <= c.claim_start && c.claim_end <= local + len)?;
            let from = start + (c.claim_start - local);
            Some((from, from + (c.claim_end - c.claim_start)))
        })
        .collect();
    spans.sort_unstable();
    spans.dedup();
    spans
}

/// Gives each claim a highlight that overlaps no other. Claims of one
/// sentence share words (a subject, an antecedent), so a claim with words
/// of its own (that no other claim of the sentence has) is first given
/// their hull, taken in draft order, each starting where the one before it
/// ends; the first of a sentence reaches back over the shared words before
/// it ("Soviet forces" of "Soviet forces invaded in 1979 and withdrew in
/// 1989"). A claim made only of words other claims have then gets the
/// longest stretch of its extent that no highlight has taken; one left
/// with nothing is empty, and is shown as its verdict alone.
fn assign_highlights(claims: &mut [DraftClaim], text: &str) {
    let mut own_hulls: Vec<Option<(usize, usize)>> = Vec::with_capacity(claims.len());
    for (i, claim) in claims.iter().enumerate() {
        let shared = |(s, e): (usize, usize)| {
            claims.iter().enumerate().any(|(j, other)| {
                j != i
                    && other.sentence_start == claim.sentence_start
                    && other.spans.iter().any(|&(os, oe)| os <= s && e <= oe)
            })
        };
        let own: Vec<(usize, usize)> = claim
            .spans
            .iter()
            .copied()
            .filter(|&(s, e)| s >= claim.start && e <= claim.end && s < e && !shared((s, e)))
            .collect();
        own_hulls.push(
            own.iter()
                .map(|p| p.0)
                .min()
                .zip(own.iter().map(|p| p.1).max()),
        );
    }
    let mut order: Vec<usize> = (0..claims.len())
        .filter(|&i| own_hulls[i].is_some())
        .collect();
    order.sort_by_key(|&i| (own_hulls[i].map(|h| h.0), i));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut previous_sentence = None;
    let mut previous_end = 0;
    for i in order {
        let Some((mut start, end)) = own_hulls[i] else {
            continue;
        };
        if previous_sentence != Some(claims[i].sentence_start) {
            start = start.min(claims[i].start);
        }
        let start = start.max(previous_end).min(end);
        claims[i].highlight = start..end;
        taken.push((start, end));
        previous_end = previous_end.max(end);
        previous_sentence = Some(claims[i].sentence_start);
    }
    for i in 0..claims.len() {
        if own_hulls[i].is_some() {
            continue;
        }
        let (from, to) = (claims[i].start, claims[i].end);
        taken.sort_unstable();
        let mut best = to..to;
        let mut at = from;
        for &(s, e) in taken.iter().chain([&(to, to)]) {
            let gap = trimmed(text, at, s.clamp(at, to));
            if gap.len() > best.len() {
                best = gap;
            }
            at = at.max(e).min(to);
        }
        taken.push((best.start, best.end));
        claims[i].highlight = best;
    }
}

/// `start..end` without the white space and punctuation at its ends.
fn trimmed(text: &str, start: usize, end: usize) -> Range<usize> {
    let Some(piece) = text.get(start..end) else {
        return end..end;
    };
    let is_edge = |c: char| c.is_whitespace() || c.is_ascii_punctuation();
    let left = piece.len() - piece.trim_start_matches(is_edge).len();
    let right = piece.trim_end_matches(is_edge).len();
    if right <= left {
        return end..end;
    }
    start + left..start + right
}

/// Byte offsets to lines and columns.
struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset of each line's first byte.
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    fn new(text: &'t str) -> LineIndex<'t> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    fn position(&self, offset: usize) -> Position {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        Position { line, column }
    }

    fn region(&self, start: usize, end: usize) -> Region {
        Region {
            start,
            end,
            from: self.position(start),
            to: self.position(end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::PassageIndex;
    use crate::ingest::Corpus;
    use crate::policy::FailOn;

    const ARTICLE: &str = "The attack on a Moscow concert hall killed 149 people in March 2024.\nSoviet forces withdrew from Afghanistan in 1989.\n";

    fn report(draft: &str, policy: Policy) -> DraftReport {
        let corpus = Corpus::from_strs(&[("a.txt", ARTICLE)]);
        let index = PassageIndex::build_in_ram(&corpus).unwrap();
        let verifier = Verifier::new(index.retriever(), Default::default());
        let options = DraftOptions {
            policy,
            ..DraftOptions::default()
        };
        check_draft(&verifier, draft, &options)
    }

    #[test]
    fn offsets_slice_the_draft() {
        let draft = "# Notes\n\nThe Moscow concert hall attack killed 150 people.\nSoviet forces withdrew from Afghanistan in 1989, and we think that was wise.\n";
        let report = report(draft, Policy::default());
        assert!(!report.claims.is_empty());
        for claim in &report.claims {
            assert_eq!(&draft[claim.start..claim.end], claim.source);
            assert!(claim.sentence_start <= claim.start && claim.end <= claim.sentence_end);
            assert!(claim.highlight.start >= claim.start && claim.highlight.end <= claim.end);
        }
        for skipped in &report.skipped {
            assert_eq!(&draft[skipped.start..skipped.end], skipped.text);
        }
        assert_eq!(report.skipped[0].kind, SkipKind::Heading);
    }

    #[test]
    fn a_false_sentence_fails_and_true_ones_pass() {
        let report_false = report(
            "The Moscow concert hall attack killed 150 people.",
            Policy::default(),
        );
        assert_eq!(report_false.summary.conflicting, 1);
        assert!(!report_false.summary.passed);
        let claim = &report_false.claims[0];
        assert_eq!(claim.conflict_spans.len(), 1);
        let (s, e) = claim.conflict_spans[0];
        assert_eq!(&report_false.text[s..e], "150");
        let report_true = report(
            "Soviet forces withdrew from Afghanistan in 1989.",
            Policy::default(),
        );
        assert_eq!(report_true.summary.supported, 1);
        assert_eq!(report_true.summary.supported_share, 1.0);
        assert!(report_true.summary.passed);
    }

    #[test]
    fn unsupported_policy_fails_on_what_the_corpus_does_not_say() {
        let draft = "Turkmenistan opened an embassy in Kabul in 2023.";
        assert!(report(draft, Policy::default()).summary.passed);
        let strict = Policy {
            fail_on: FailOn::Unsupported,
            min_confidence: 0.0,
        };
        let report = report(draft, strict);
        assert_eq!(report.summary.not_enough_info, 1);
        assert!(!report.summary.passed);
    }

    #[test]
    fn opinions_and_questions_are_skipped_with_why() {
        let report = report(
            "Is the Taliban government legitimate? Officials should be more courageous.",
            Policy::default(),
        );
        assert!(report.claims.is_empty());
        assert_eq!(report.skipped.len(), 2);
        assert!(
            report.skipped[0].reason.starts_with("a question"),
            "{}",
            report.skipped[0].reason
        );
        assert!(
            report.skipped[1].reason.contains("an opinion"),
            "{}",
            report.skipped[1].reason
        );
        assert_eq!(report.summary.supported_share, 0.0);
    }

    #[test]
    fn every_claim_gets_its_own_highlight() {
        let draft = "The attack that killed 149 people shocked Moscow in March 2024. Soviet forces invaded Afghanistan in 1979 and withdrew from Afghanistan in 1989.";
        let report = report(draft, Policy::default());
        assert!(report.claims.len() >= 3, "{:#?}", report.claims);
        let mut highlights: Vec<std::ops::Range<usize>> =
            report.claims.iter().map(|c| c.highlight.clone()).collect();
        for claim in &report.claims {
            assert!(claim.start <= claim.highlight.start && claim.highlight.end <= claim.end);
            // Only a claim made wholly of another's words may be left
            // with an empty highlight (shown as its verdict alone).
            let is_copy = report.claims.iter().any(|other| {
                other.id != claim.id
                    && claim
                        .spans
                        .iter()
                        .all(|&(s, e)| other.spans.iter().any(|&(os, oe)| os <= s && e <= oe))
            });
            assert!(!claim.highlight.is_empty() || is_copy, "{claim:#?}");
        }
        highlights.sort_by_key(|h| h.start);
        for pair in highlights.windows(2) {
            assert!(pair[0].end <= pair[1].start, "{highlights:?}");
        }
        let soviet = report
            .claims
            .iter()
            .find(|c| c.claim.contains("invaded"))
            .unwrap();
        assert!(draft[soviet.highlight.clone()].starts_with("Soviet forces invaded"));
    }

    #[test]
    fn lines_and_columns_count_characters() {
        let lines = LineIndex::new("ab\n“é” x\n");
        assert_eq!(lines.position(0), Position { line: 1, column: 1 });
        let x = "ab\n“é” x\n".find('x').unwrap();
        assert_eq!(lines.position(x), Position { line: 2, column: 5 });
    }
}
