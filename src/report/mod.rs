//! Writing verdicts: the only module that writes output.
//!
//! The pipeline hands each checked statement to a [`Report`]; the format
//! behind it decides what the user sees:
//!
//! - [`Text`]: for people at a terminal (`--format text`);
//! - [`JsonLines`]: one [`Record`] per line (`--format jsonl`);
//! - [`JsonArray`]: the same records as one pretty-printed JSON array
//!   (`--format json`).
//!
//! [`Tally`] counts the verdicts as they pass; the run summary and the exit
//! status are computed from it. [`eval`] writes the scores of `factcheck
//! eval`.
//!
//! Writers return I/O errors rather than swallowing them, so that a closed
//! pipe reaches `main`, which ends quietly ([`is_broken_pipe`]).

pub mod eval;
mod json;
mod text;

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use anyhow::Result;

use crate::verdict::{Label, Verdict};

pub use json::{JsonArray, JsonLines, Record, RecordEvidence};
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
    /// Called once after the last statement; flushes.
    fn finish(&mut self) -> Result<()> {
        Ok(())
    }
}

/// The output formats (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Jsonl,
}

/// The report for `format`, writing to `out`. `color` only matters for
/// [`Format::Text`]: machine formats are never coloured.
pub fn new_report<'a>(format: Format, out: &'a mut dyn Write, color: bool) -> Box<dyn Report + 'a> {
    match format {
        Format::Text => Box::new(Text::new(out, color)),
        Format::Json => Box::new(JsonArray::new(out)),
        Format::Jsonl => Box::new(JsonLines::new(out)),
    }
}

/// How many statements got which verdict, and how many failed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub supported: usize,
    pub conflicting: usize,
    pub not_enough_info: usize,
    /// Statements that could not be read or checked.
    pub errors: usize,
}

impl Tally {
    /// Counts one checked statement.
    pub fn add(&mut self, checked: &Checked) {
        match &checked.outcome {
            Ok(verdict) => match verdict.label {
                Label::Supported => self.supported += 1,
                Label::Conflicting => self.conflicting += 1,
                Label::NotEnoughInfo => self.not_enough_info += 1,
            },
            Err(_) => self.errors += 1,
        }
    }

    /// Every statement counted.
    pub fn total(&self) -> usize {
        self.supported + self.conflicting + self.not_enough_info + self.errors
    }
}

/// Writes the one-line run summary, e.g. `factcheck: 3 statements: 1
/// supported, 1 conflicting, 1 not_enough_info, 0 errors in 0.21 s (14.3
/// statements/s)`.
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
        "factcheck: {}: {} supported, {} conflicting, {} not_enough_info, {} in {seconds:.2} s ({rate:.1} statements/s)",
        plural(tally.total(), "statement"),
        tally.supported,
        tally.conflicting,
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
    pub passages: usize,
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
        "corpus: {}, {} document{}, {} passage{}",
        escape_control(summary.corpus),
        summary.documents,
        if summary.documents == 1 { "" } else { "s" },
        summary.passages,
        if summary.passages == 1 { "" } else { "s" },
    )?;
    out.flush()?;
    Ok(())
}

/// True when `err` is, at bottom, a closed output pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
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
        };
        let mut out = Vec::new();
        write_summary(&mut out, &tally, Duration::from_secs(2)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "factcheck: 4 statements: 2 supported, 1 conflicting, 0 not_enough_info, 1 error in 2.00 s (2.0 statements/s)\n"
        );
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
        };
        write_index_summary(&mut out, &summary).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "index: /cache/factcheck/index/abc (reused)\ncorpus: (bundled), 1 document, 24 passages\n"
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
