//! Writing a checked draft ([`DraftReport`]), one file per format:
//!
//! - `text`: the draft with each checked claim marked `[...]{c1
//!   conflicting}` (conflicting words in `[[...]]`), then each claim's
//!   verdict and evidence, the skipped sentences and the summary;
//! - `json`: the [`DraftReport`] as one pretty-printed object;
//! - `jsonl`: one object a line, `"type"` first: `claim` and `skipped`
//!   lines in draft order, then one `summary` line;
//! - `markdown`: a report to paste: summary, the draft with claims in
//!   bold and their verdicts, a table, each conflicting or unsupported
//!   claim with its evidence, the skipped sentences;
//! - `html`: one self-contained page (no script or style from elsewhere);
//! - `sarif`: SARIF 2.1.0, one result per conflicting or unsupported claim;
//! - `github`: GitHub Actions workflow commands (`::error file=...`).
//!
//! Offsets are bytes of the draft; lines and columns are 1-based, columns
//! in characters.

mod github;
mod html;
mod json;
mod markdown;
mod sarif;
mod text;

use std::io::Write;

use anyhow::Result;

use crate::draft::{DraftClaim, DraftReport};
use crate::verdict::Label;

/// The formats of `factcheck draft`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftFormat {
    Text,
    Json,
    Jsonl,
    Markdown,
    Html,
    Sarif,
    Github,
}

/// Writes `report` as `format`; `color` is for text only.
pub fn write_draft(
    out: &mut dyn Write,
    report: &DraftReport,
    format: DraftFormat,
    color: bool,
) -> Result<()> {
    match format {
        DraftFormat::Text => text::write(out, report, color)?,
        DraftFormat::Json => json::write_json(out, report)?,
        DraftFormat::Jsonl => json::write_jsonl(out, report)?,
        DraftFormat::Markdown => markdown::write(out, report)?,
        DraftFormat::Html => html::write(out, report)?,
        DraftFormat::Sarif => sarif::write(out, report)?,
        DraftFormat::Github => github::write(out, report)?,
    }
    out.flush()?;
    Ok(())
}

/// `supported`, `conflicting`, `not enough info`, or `error`.
pub(crate) fn verdict_words(claim: &DraftClaim) -> &'static str {
    match claim.verdict() {
        Some(Label::Supported) => "supported",
        Some(Label::Conflicting) => "conflicting",
        Some(Label::NotEnoughInfo) => "not enough info",
        None => "error",
    }
}

/// The CSS-class-like name of a claim's verdict: `supported`,
/// `conflicting`, `not_enough_info` or `error`.
pub(crate) fn verdict_name(claim: &DraftClaim) -> &'static str {
    claim.verdict().map_or("error", Label::as_str)
}

/// The one-line summary: counts, document score, corpus and policy, e.g.
/// `3 claims checked: 1 supported (33%), 1 conflicting (33%), 1
/// not_enough_info (33%), 0 errors; 2 sentences skipped; corpus: the
/// bundled article (no --corpus given); --fail-on conflicting: failed (1
/// claim)`.
pub fn summary_line(report: &DraftReport) -> String {
    let s = &report.summary;
    let percent = |share: f32| format!("{:.0}%", share * 100.0);
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let outcome = if s.passed {
        "passed".to_string()
    } else if s.errors > 0 && s.failing == 0 {
        format!("failed ({})", plural(s.errors, "error"))
    } else {
        format!("failed ({})", plural(s.failing, "claim"))
    };
    format!(
        "{} checked: {} supported ({}), {} conflicting ({}), {} not_enough_info ({}), {}; {} skipped; corpus: {}; {}: {outcome}",
        plural(s.checked, "claim"),
        s.supported,
        percent(s.supported_share),
        s.conflicting,
        percent(s.conflicting_share),
        s.not_enough_info,
        percent(s.unsupported_share),
        plural(s.errors, "error"),
        plural(s.skipped_sentences, "sentence"),
        report.corpus,
        report.policy.describe(),
    )
}

/// A piece of the draft as the marked-up formats show it.
pub(crate) enum Segment<'r> {
    /// Text outside every highlight.
    Plain(&'r str),
    /// A claim's highlight, cut into runs; `true` marks a run the corpus
    /// contradicts.
    Claim(&'r DraftClaim, Vec<(bool, &'r str)>),
}

/// The draft cut into plain text and claim highlights, in order.
pub(crate) fn segments(report: &DraftReport) -> Vec<Segment<'_>> {
    let text = report.text.as_str();
    let mut out = Vec::new();
    let mut at = 0;
    let mut claims: Vec<&DraftClaim> = report.claims.iter().collect();
    claims.sort_by_key(|claim| claim.highlight.start);
    for claim in claims {
        let range = claim.highlight.clone();
        if range.start < at || text.get(range.clone()).is_none() {
            continue;
        }
        if at < range.start {
            out.push(Segment::Plain(&text[at..range.start]));
        }
        let mut runs = Vec::new();
        let mut inner = range.start;
        for &(s, e) in &claim.conflict_spans {
            if s < inner || e > range.end || text.get(s..e).is_none() {
                continue;
            }
            if inner < s {
                runs.push((false, &text[inner..s]));
            }
            runs.push((true, &text[s..e]));
            inner = e;
        }
        if inner < range.end {
            runs.push((false, &text[inner..range.end]));
        }
        out.push(Segment::Claim(claim, runs));
        at = range.end;
    }
    if at < text.len() {
        out.push(Segment::Plain(&text[at..]));
    }
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::draft::{check_draft, DraftOptions, DraftReport};
    use crate::index::PassageIndex;
    use crate::ingest::Corpus;
    use crate::verify::Verifier;

    pub const ARTICLE: &str = "The attack on a Moscow concert hall killed 149 people in March 2024.\nSoviet forces withdrew from Afghanistan in 1989.\n";

    /// One supported, one conflicting, one unsupported sentence, a
    /// question, and a heading.
    pub const DRAFT: &str = "# Notes\n\nSoviet forces withdrew from Afghanistan in 1989. The Moscow concert hall attack killed 150 people.\nTurkmenistan opened an embassy in Kabul in 2023. Should we worry?\n";

    pub fn report() -> DraftReport {
        let corpus = Corpus::from_strs(&[("a.txt", ARTICLE)]);
        let index = PassageIndex::build_in_ram(&corpus).unwrap();
        let verifier = Verifier::new(index.retriever(), Default::default());
        let options = DraftOptions {
            name: "notes.md".to_string(),
            corpus: "a test corpus".to_string(),
            ..DraftOptions::default()
        };
        check_draft(&verifier, DRAFT, &options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cover_the_draft_once() {
        let report = test_support::report();
        let rebuilt: String = segments(&report)
            .iter()
            .map(|segment| match segment {
                Segment::Plain(text) => text.to_string(),
                Segment::Claim(_, runs) => runs.iter().map(|(_, t)| *t).collect(),
            })
            .collect();
        assert_eq!(rebuilt, report.text);
        let conflicting: Vec<&str> = segments(&report)
            .iter()
            .flat_map(|segment| match segment {
                Segment::Claim(_, runs) => {
                    runs.iter().filter(|(c, _)| *c).map(|(_, t)| *t).collect()
                }
                Segment::Plain(_) => Vec::new(),
            })
            .collect();
        assert_eq!(conflicting, ["150"]);
    }

    #[test]
    fn summary_names_counts_corpus_and_policy() {
        let report = test_support::report();
        assert_eq!(
            summary_line(&report),
            "3 claims checked: 1 supported (33%), 1 conflicting (33%), 1 not_enough_info (33%), 0 errors; 2 sentences skipped; corpus: a test corpus; --fail-on conflicting: failed (1 claim)"
        );
    }
}
