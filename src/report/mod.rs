//! Writing verdicts: the only module that writes output.
//!
//! The pipeline hands each checked statement to a [`Report`]; the format
//! behind it decides what the user sees:
//!
//! - [`Text`]: for people at a terminal (`--format text`): spans
//!   highlighted, every evidence passage quoted, one line per finding, and
//!   with `--diff` a word diff;
//! - [`JsonLines`]: one [`Record`] per line (`--format jsonl`);
//! - [`JsonArray`]: the same records as one pretty-printed JSON array
//!   (`--format json`);
//! - [`Csv`]: one row per statement (`--format csv`);
//! - [`Markdown`]: a report an editor can paste (`--format markdown`);
//! - [`ClaimReviews`]: schema.org ClaimReview JSON-LD
//!   (`--format claimreview`), its rating mapping in [`claimreview`].
//!
//! [`Tally`] counts the verdicts and conflict kinds as they pass; the run
//! summary and the exit status are computed from it. [`eval`] writes the
//! scores of `factcheck eval`; [`claims`] the listing of `factcheck
//! claims`; [`shell`] the completions and man pages.
//!
//! Writers return I/O errors rather than swallowing them, so that a closed
//! pipe reaches `main`, which ends quietly ([`is_broken_pipe`]).

pub mod claimreview;
pub mod claims;
mod csv;
pub mod draft;
pub mod eval;
mod json;
mod markdown;
pub mod shell;
mod spans;
mod text;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use anyhow::Result;

use crate::verdict::{Label, Verdict};

pub use self::csv::Csv;
pub use claimreview::{ClaimReviews, ReviewOptions};
pub use claims::{write_claims, ClaimsFormat, ListedClaim};
pub use json::{JsonArray, JsonLines, Record, RecordEvidence, RecordPart, RecordReview};
pub use markdown::Markdown;
pub use text::{escape_control, Text};

/// A statement as the user gave it, with what checking it gave.
#[derive(Debug)]
pub struct Checked {
    /// The id from the input, if it had one.
    pub id: Option<String>,
    /// The statement text.
    pub claim: String,
    /// The verdict, or why the statement could not be read or checked.
    pub outcome: std::result::Result<Verdict, String>,
}

/// One output format.
pub trait Report {
    /// Called once before the first statement.
    fn begin(&mut self) -> Result<()> {
        Ok(())
    }
    /// Called once per statement, in input order.
    fn verdict(&mut self, checked: &Checked) -> Result<()>;
    /// [`Report::verdict`] for a statement read with other input columns
    /// (CSV input, (header, value) in order): formats that carry them
    /// (CSV) write them beside the verdict; the others ignore them.
    fn verdict_with_columns(
        &mut self,
        checked: &Checked,
        columns: &[(String, String)],
    ) -> Result<()> {
        let _ = columns;
        self.verdict(checked)
    }
    /// Called once after the last statement; flushes.
    fn finish(&mut self) -> Result<()> {
        Ok(())
    }
}

/// The output formats (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// [`Text`]: for people at a terminal.
    Text,
    /// [`JsonArray`]: one pretty-printed array of records.
    Json,
    /// [`JsonLines`]: one record per line.
    Jsonl,
    /// [`Csv`]: one row per statement.
    Csv,
    /// [`Markdown`]: a report for editors, written at the end.
    Markdown,
    /// [`ClaimReviews`]: schema.org ClaimReview JSON-LD.
    ClaimReview,
}

/// Everything that shapes a report besides where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportOptions {
    pub format: Format,
    /// ANSI colour; only [`Format::Text`] ever uses it.
    pub color: bool,
    /// [`Format::Text`]: add a word diff of statement against evidence.
    pub diff: bool,
    /// Who publishes the reviews; needed by [`Format::ClaimReview`] only.
    pub review: Option<ReviewOptions>,
}

impl ReportOptions {
    /// Options for `format` with nothing extra: no colour, no diff, no
    /// review publisher.
    pub fn new(format: Format) -> ReportOptions {
        ReportOptions {
            format,
            color: false,
            diff: false,
            review: None,
        }
    }
}

/// The report `options` ask for, writing to `out`. Machine formats are
/// never coloured; [`Format::ClaimReview`] without `options.review` is an
/// error (its author and url are required fields).
pub fn new_report<'a>(
    options: &ReportOptions,
    out: &'a mut dyn Write,
) -> Result<Box<dyn Report + 'a>> {
    Ok(match options.format {
        Format::Text => Box::new(Text::new(out, options.color).with_diff(options.diff)),
        Format::Json => Box::new(JsonArray::new(out)),
        Format::Jsonl => Box::new(JsonLines::new(out)),
        Format::Csv => Box::new(Csv::new(out)),
        Format::Markdown => Box::new(Markdown::new(out)),
        Format::ClaimReview => {
            let Some(review) = &options.review else {
                anyhow::bail!("{}", claimreview::MISSING_PUBLISHER);
            };
            Box::new(ClaimReviews::new(out, review.clone()))
        }
    })
}

/// How many statements got which verdict, how many failed, and which kinds
/// of conflict were found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub supported: usize,
    pub conflicting: usize,
    pub not_enough_info: usize,
    /// Statements that could not be read or checked.
    pub errors: usize,
    /// Statements whose verdict fails the run's policy
    /// ([`crate::policy::Policy`]); counted by [`Tally::add_under`].
    pub failing: usize,
    /// Conflict kind (`number`, `date`, ...) -> statements with at least
    /// one conflict of that kind. A statement may count under several.
    pub conflict_kinds: BTreeMap<String, usize>,
}

impl Tally {
    /// Counts one checked statement.
    pub fn add(&mut self, checked: &Checked) {
        match &checked.outcome {
            Ok(verdict) => {
                match verdict.label {
                    Label::Supported => self.supported += 1,
                    Label::Conflicting => self.conflicting += 1,
                    Label::NotEnoughInfo => self.not_enough_info += 1,
                }
                for kind in conflict_kinds(verdict) {
                    *self.conflict_kinds.entry(kind.to_string()).or_default() += 1;
                }
            }
            Err(_) => self.errors += 1,
        }
    }

    /// Counts one checked statement, and whether it fails `policy`.
    pub fn add_under(&mut self, checked: &Checked, policy: &crate::policy::Policy) {
        self.add(checked);
        if checked.outcome.as_ref().is_ok_and(|v| policy.fails(v)) {
            self.failing += 1;
        }
    }

    /// Statements with this verdict.
    pub fn count(&self, label: Label) -> usize {
        match label {
            Label::Supported => self.supported,
            Label::Conflicting => self.conflicting,
            Label::NotEnoughInfo => self.not_enough_info,
        }
    }

    /// `number 2, date 1`: the conflict kinds, most frequent first (ties
    /// by name); empty when there were none.
    pub fn conflict_kinds_line(&self) -> String {
        let mut kinds: Vec<(&String, &usize)> = self.conflict_kinds.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        kinds
            .iter()
            .map(|(kind, n)| format!("{kind} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every statement counted.
    pub fn total(&self) -> usize {
        self.supported + self.conflicting + self.not_enough_info + self.errors
    }
}

/// The distinct conflict kinds of a verdict, in the order first met.
pub(crate) fn conflict_kinds(verdict: &Verdict) -> Vec<&str> {
    let mut kinds: Vec<&str> = Vec::new();
    for conflict in &verdict.conflicts {
        if !kinds.contains(&conflict.kind.as_str()) {
            kinds.push(&conflict.kind);
        }
    }
    kinds
}

/// Writes the one-line run summary, e.g. `factcheck: 3 statements: 1
/// supported, 1 conflicting (number 1), 1 not_enough_info, 0 errors in
/// 0.21 s (14.3 statements/s)`. The parenthesis after `conflicting` counts
/// statements per conflict kind; it is left out when there are none.
pub fn write_summary(out: &mut dyn Write, tally: &Tally, elapsed: Duration) -> Result<()> {
    let seconds = elapsed.as_secs_f64();
    let rate = if seconds > 0.0 {
        tally.total() as f64 / seconds
    } else {
        0.0
    };
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    writeln!(
        out,
        "factcheck: {}: {} supported, {} conflicting{}, {} not_enough_info, {} in {seconds:.2} s ({rate:.1} statements/s)",
        plural(tally.total(), "statement"),
        tally.supported,
        tally.conflicting,
        match tally.conflict_kinds_line() {
            kinds if kinds.is_empty() => String::new(),
            kinds => format!(" ({kinds})"),
        },
        tally.not_enough_info,
        plural(tally.errors, "error"),
    )?;
    Ok(())
}

/// What `factcheck index` found or built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexSummary<'a> {
    /// The index folder; None for an index kept in RAM.
    pub location: Option<&'a Path>,
    /// The index was already there and up to date.
    pub reused: bool,
    /// The corpus name: its folder, or `(bundled)`.
    pub corpus: &'a str,
    pub documents: usize,
    /// Sentences and headings.
    pub passages: usize,
    /// Atomic claims extracted from the sentences, and reviewed claims.
    pub claims: usize,
}

/// Writes two lines: where the index is (and whether it was reused), and
/// what is in it.
pub fn write_index_summary(out: &mut dyn Write, summary: &IndexSummary) -> Result<()> {
    match summary.location {
        Some(location) => writeln!(
            out,
            "index: {} ({})",
            escape_control(&location.display().to_string()),
            if summary.reused { "reused" } else { "built" }
        )?,
        None => writeln!(out, "index: in memory (not persisted)")?,
    }
    writeln!(
        out,
        "corpus: {}, {} document{}, {} passage{}, {} claim{}",
        escape_control(summary.corpus),
        summary.documents,
        if summary.documents == 1 { "" } else { "s" },
        summary.passages,
        if summary.passages == 1 { "" } else { "s" },
        summary.claims,
        if summary.claims == 1 { "" } else { "s" },
    )?;
    out.flush()?;
    Ok(())
}

/// Writes what `factcheck cache prune` did: a line per index removed, then
/// one for what is left in `root`.
pub fn write_pruned(
    out: &mut dyn Write,
    root: &std::path::Path,
    pruned: &crate::index::cache::Pruned,
    now: std::time::SystemTime,
) -> Result<()> {
    let days = |index: &crate::index::cache::CachedIndex| {
        now.duration_since(index.last_used)
            .unwrap_or_default()
            .as_secs()
            / (24 * 60 * 60)
    };
    for index in &pruned.removed {
        writeln!(
            out,
            "removed {} ({}, last used {} days ago)",
            escape_control(&index.dir.display().to_string()),
            megabytes(index.bytes),
            days(index)
        )?;
    }
    let kept: u64 = pruned.kept.iter().map(|index| index.bytes).sum();
    writeln!(
        out,
        "kept {} index{} ({}) in {}",
        pruned.kept.len(),
        if pruned.kept.len() == 1 { "" } else { "es" },
        megabytes(kept),
        escape_control(&root.display().to_string())
    )?;
    out.flush()?;
    Ok(())
}

/// A size for people: `20 KB`, `12.3 MB`.
fn megabytes(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    }
}

/// True when `err` is, at bottom, a closed output pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    // Writers wrap the io::Error: serde_json and csv keep it inside their
    // own error types, so look through those too.
    err.chain().any(|cause| {
        let io_kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            })
            .or_else(|| {
                cause
                    .downcast_ref::<::csv::Error>()
                    .and_then(|e| match e.kind() {
                        ::csv::ErrorKind::Io(io) => Some(io.kind()),
                        _ => None,
                    })
            });
        io_kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Fixtures shared by the format tests: the Moscow death toll, checked.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{Checked, Report};

    /// Everything a report writes for `checked`, begin to finish.
    pub(crate) fn render(
        checked: &[Checked],
        make: impl for<'a> FnOnce(&'a mut Vec<u8>) -> Box<dyn Report + 'a>,
    ) -> String {
        let mut out = Vec::new();
        {
            let mut report = make(&mut out);
            report.begin().unwrap();
            for c in checked {
                report.verdict(c).unwrap();
            }
            report.finish().unwrap();
        }
        String::from_utf8(out).unwrap()
    }
    use crate::compare::{Effect, Finding, FindingKind, Span};
    use crate::ingest::ReviewedClaim;
    use crate::verdict::{Conflict, Evidence, Label, Part, Role, Verdict};

    /// The passage of the fixture, at byte 100 of `a.txt`.
    pub const PASSAGE: &str = "The attack on a Moscow hall killed 149 people.";
    pub const PASSAGE_START: usize = 100;

    fn span(text: &str, start: usize) -> Span {
        Span {
            start,
            end: start + text.len(),
            text: text.to_string(),
        }
    }

    /// `offset` of `needle` in the passage, as a document offset.
    fn at(needle: &str) -> usize {
        PASSAGE_START + PASSAGE.find(needle).unwrap()
    }

    /// "150 people died in the Moscow attack" against "... killed 149
    /// people": a number conflict, two matched words, one missing.
    pub fn conflicting_verdict() -> Verdict {
        Verdict {
            label: Label::Conflicting,
            confidence: 0.93,
            evidence: vec![
                Evidence {
                    document: "a.txt".to_string(),
                    paragraph: 12,
                    sentence: 2,
                    start: PASSAGE_START,
                    end: PASSAGE_START + PASSAGE.len(),
                    text: PASSAGE.to_string(),
                    score: 9.5,
                    role: Role::Conflicts,
                    claim: None,
                },
                Evidence {
                    document: "b.txt".to_string(),
                    paragraph: 1,
                    sentence: 1,
                    start: 0,
                    end: 20,
                    text: "Moscow is in Russia.".to_string(),
                    score: 2.0,
                    role: Role::Related,
                    claim: None,
                },
            ],
            conflicts: vec![Conflict {
                kind: "number".to_string(),
                claim_text: "150".to_string(),
                claim_start: 0,
                claim_end: 3,
                evidence_text: "149".to_string(),
                evidence_start: at("149"),
                evidence_end: at("149") + 3,
                document: "a.txt".to_string(),
            }],
            findings: vec![
                Finding {
                    kind: FindingKind::Number,
                    effect: Effect::Conflicts,
                    passage: Some(7),
                    statement: Some(span("150 people", 0)),
                    evidence: Some(span("149 people", at("149"))),
                    note:
                        "the statement says \"150 people\" where the evidence says \"149 people\""
                            .to_string(),
                },
                Finding {
                    kind: FindingKind::Word,
                    effect: Effect::Supports,
                    passage: Some(7),
                    statement: Some(span("Moscow", 23)),
                    evidence: Some(span("Moscow", at("Moscow"))),
                    note: "exact match".to_string(),
                },
                Finding {
                    kind: FindingKind::Word,
                    effect: Effect::Supports,
                    passage: Some(7),
                    statement: Some(span("attack", 30)),
                    evidence: Some(span("attack", at("attack"))),
                    note: "exact match".to_string(),
                },
                Finding {
                    kind: FindingKind::Word,
                    effect: Effect::Missing,
                    passage: None,
                    statement: Some(span("died", 11)),
                    evidence: None,
                    note: "\"died\": not found in the evidence".to_string(),
                },
            ],
            explanation: "The corpus says 149 people, not 150.".to_string(),
            parts: Vec::new(),
            review: None,
        }
    }

    /// The compound statement of [`compound_verdict`].
    pub const COMPOUND: &str = "Soviet forces invaded Afghanistan in 1979 and withdrew in 1992";
    /// The passage of [`compound_verdict`], at byte 0 of `afghanistan.txt`.
    pub const COMPOUND_PASSAGE: &str = "Soviet forces invaded Afghanistan in 1979, fought for a decade against the Mujahideen, and withdrew in 1989.";

    /// The passage of [`compound_verdict`] quoted with `role`, compared
    /// through the atomic claim `claim`.
    fn afghanistan_evidence(role: Role, claim: &str) -> Evidence {
        Evidence {
            document: "afghanistan.txt".to_string(),
            paragraph: 1,
            sentence: 1,
            start: 0,
            end: COMPOUND_PASSAGE.len(),
            text: COMPOUND_PASSAGE.to_string(),
            score: 8.25,
            role,
            claim: Some(claim.to_string()),
        }
    }

    /// The date conflict of [`compound_verdict`]: "1992" at `claim_start`
    /// of the statement against "1989" in the passage.
    fn withdrawal_conflict(claim_start: usize) -> Conflict {
        let evidence_start = COMPOUND_PASSAGE.find("1989").unwrap();
        Conflict {
            kind: "date".to_string(),
            claim_text: "1992".to_string(),
            claim_start,
            claim_end: claim_start + 4,
            evidence_text: "1989".to_string(),
            evidence_start,
            evidence_end: evidence_start + 4,
            document: "afghanistan.txt".to_string(),
        }
    }

    /// [`COMPOUND`], checked: two parts (the invasion supported, the
    /// withdrawal conflicting on its date), evidence compared through an
    /// atomic claim, and a fact-checker's review that matched.
    pub fn compound_verdict() -> Verdict {
        let invaded = "Soviet forces invaded Afghanistan in 1979";
        let withdrew = "Soviet forces withdrew in 1992";
        let supported = Verdict {
            label: Label::Supported,
            confidence: 0.9,
            evidence: vec![afghanistan_evidence(Role::Supports, invaded)],
            conflicts: Vec::new(),
            findings: Vec::new(),
            explanation: "afghanistan.txt (paragraph 1, sentence 1) covers 90% of the statement"
                .to_string(),
            parts: Vec::new(),
            review: None,
        };
        let conflicting = Verdict {
            label: Label::Conflicting,
            confidence: 0.85,
            evidence: vec![afghanistan_evidence(
                Role::Conflicts,
                "Soviet forces withdrew in 1989",
            )],
            conflicts: vec![withdrawal_conflict(withdrew.find("1992").unwrap())],
            findings: Vec::new(),
            explanation: "the statement says 1992 where the evidence says 1989".to_string(),
            parts: Vec::new(),
            review: None,
        };
        Verdict {
            label: Label::Conflicting,
            confidence: 0.85,
            evidence: vec![afghanistan_evidence(
                Role::Conflicts,
                "Soviet forces withdrew in 1989",
            )],
            conflicts: vec![withdrawal_conflict(COMPOUND.find("1992").unwrap())],
            findings: Vec::new(),
            explanation: "part 2 conflicts: 1992 vs 1989".to_string(),
            parts: vec![
                Part {
                    text: invaded.to_string(),
                    verdict: supported,
                },
                Part {
                    text: withdrew.to_string(),
                    verdict: conflicting,
                },
            ],
            review: Some(ReviewedClaim {
                claim: "The Soviet Union left Afghanistan in 1992".to_string(),
                verdict: Label::Conflicting,
                source: Some("Example Checks".to_string()),
                note: Some("the withdrawal ended in February 1989".to_string()),
                document: "reviews.claims.jsonl".to_string(),
                line: 3,
            }),
        }
    }

    /// [`COMPOUND`] as statement `c1`, checked.
    pub fn compound() -> Checked {
        Checked {
            id: Some("c1".to_string()),
            claim: COMPOUND.to_string(),
            outcome: Ok(compound_verdict()),
        }
    }

    /// Asserts two texts are equal, showing a line diff when they are not.
    pub fn assert_text_eq(expected: &str, actual: &str) {
        if expected != actual {
            let diff = similar::TextDiff::from_lines(expected, actual)
                .unified_diff()
                .header("expected", "actual")
                .to_string();
            panic!("output differs:\n{diff}");
        }
    }

    /// The fixture verdict for statement `d011`, then one that could not
    /// be read.
    pub fn batch() -> Vec<Checked> {
        vec![
            Checked {
                id: Some("d011".to_string()),
                claim: "150 people died in the Moscow attack".to_string(),
                outcome: Ok(conflicting_verdict()),
            },
            Checked {
                id: Some("d012".to_string()),
                claim: "Kabul is in Iran".to_string(),
                outcome: Ok(Verdict {
                    label: Label::NotEnoughInfo,
                    confidence: 0.5,
                    evidence: Vec::new(),
                    conflicts: Vec::new(),
                    findings: Vec::new(),
                    explanation: "nothing in the corpus speaks to it".to_string(),
                    parts: Vec::new(),
                    review: None,
                }),
            },
            Checked {
                id: None,
                claim: String::new(),
                outcome: Err("in.jsonl:3: malformed JSON".to_string()),
            },
        ]
    }
}

/// Rounds a score or confidence for output: four decimals say all there is
/// to say, and `0.800000011920929` (an `f32` widened) says less.
pub(crate) fn round4(value: f32) -> f64 {
    (f64::from(value) * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_and_rates() {
        let tally = Tally {
            supported: 2,
            conflicting: 1,
            not_enough_info: 0,
            errors: 1,
            failing: 1,
            conflict_kinds: BTreeMap::new(),
        };
        let mut out = Vec::new();
        write_summary(&mut out, &tally, Duration::from_secs(2)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "factcheck: 4 statements: 2 supported, 1 conflicting, 0 not_enough_info, 1 error in 2.00 s (2.0 statements/s)\n"
        );
    }

    #[test]
    fn summary_counts_conflict_kinds_most_frequent_first() {
        let tally = Tally {
            conflicting: 3,
            conflict_kinds: BTreeMap::from([
                ("date".to_string(), 1),
                ("number".to_string(), 2),
                ("entity".to_string(), 1),
            ]),
            ..Tally::default()
        };
        let mut out = Vec::new();
        write_summary(&mut out, &tally, Duration::from_secs(1)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "factcheck: 3 statements: 0 supported, 3 conflicting (number 2, date 1, entity 1), 0 not_enough_info, 0 errors in 1.00 s (3.0 statements/s)\n"
        );
    }

    #[test]
    fn tally_counts_each_kind_once_per_statement() {
        let mut verdict = test_support::conflicting_verdict();
        verdict.conflicts.push(verdict.conflicts[0].clone());
        let checked = Checked {
            id: None,
            claim: "150 people died in the Moscow attack".to_string(),
            outcome: Ok(verdict),
        };
        let mut tally = Tally::default();
        tally.add(&checked);
        tally.add(&checked);
        assert_eq!(tally.conflicting, 2);
        assert_eq!(tally.conflict_kinds_line(), "number 2");
    }

    #[test]
    fn claimreview_without_publisher_is_an_error() {
        let mut out = Vec::new();
        let err = new_report(&ReportOptions::new(Format::ClaimReview), &mut out)
            .err()
            .unwrap();
        assert!(err.to_string().contains("--author"), "{err}");
    }

    #[test]
    fn index_summary_says_where_and_what() {
        let mut out = Vec::new();
        let summary = IndexSummary {
            location: Some(Path::new("/cache/factcheck/index/abc")),
            reused: true,
            corpus: "(bundled)",
            documents: 1,
            passages: 24,
            claims: 1,
        };
        write_index_summary(&mut out, &summary).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "index: /cache/factcheck/index/abc (reused)\ncorpus: (bundled), 1 document, 24 passages, 1 claim\n"
        );
    }

    #[test]
    fn round4_drops_float_noise() {
        assert_eq!(round4(0.8), 0.8);
        assert_eq!(round4(7.173_099), 7.1731);
    }

    #[test]
    fn broken_pipe_is_found_under_context() {
        let io = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "closed");
        let err = anyhow::Error::new(io).context("failed to write");
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
