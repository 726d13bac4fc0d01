//! `--format markdown`: a report an editor can paste.
//!
//! ```markdown
//! # Fact-check of notes.md
//!
//! 3 claims checked: 1 supported (33%), ...
//!
//! ## The draft
//!
//! > **Soviet forces withdrew from Afghanistan in 1989** *(c1: supported)*. ...
//!
//! ## Claims
//!
//! | # | Line | Claim | Verdict | Confidence | Evidence |
//! ...
//! ## Conflicting and unsupported claims
//!
//! ### c2 (line 3): The Moscow concert hall attack killed **150** people
//! ...
//! ## Skipped
//!
//! - line 4: "Should we worry?": a question; ...
//! ```

use std::io::Write;

use anyhow::Result;

use super::{segments, summary_line, verdict_words, Segment};
use crate::draft::DraftReport;
use crate::report::markdown::{conflict_item, emphasize, escape_markdown, evidence_place};
use crate::report::spans;
use crate::verdict::{Label, Role};

pub(super) fn write(out: &mut dyn Write, report: &DraftReport) -> Result<()> {
    writeln!(out, "# Fact-check of {}\n", escape_markdown(&report.draft))?;
    writeln!(out, "{}\n", escape_markdown(&summary_line(report)))?;
    writeln!(out, "## The draft\n")?;
    let mut marked = String::new();
    for segment in segments(report) {
        match segment {
            Segment::Plain(text) => marked.push_str(&escape_paragraphs(text)),
            Segment::Claim(claim, runs) => {
                let text: String = runs.iter().map(|(_, run)| *run).collect();
                marked.push_str(&format!(
                    "**{}** *({}: {})*",
                    escape_markdown(&text),
                    claim.id,
                    verdict_words(claim)
                ));
            }
        }
    }
    for line in marked.trim_end().lines() {
        if line.trim().is_empty() {
            writeln!(out, ">")?;
        } else {
            writeln!(out, "> {line}")?;
        }
    }
    writeln!(out)?;
    if !report.claims.is_empty() {
        writeln!(out, "## Claims\n")?;
        writeln!(
            out,
            "| # | Line | Claim | Verdict | Confidence | Evidence |\n|---|---|---|---|---|---|"
        )?;
        for claim in &report.claims {
            let (confidence, evidence) = match &claim.result {
                Some(verdict) => (
                    format!("{:.2}", verdict.confidence),
                    verdict
                        .evidence
                        .iter()
                        .find(|e| e.role != Role::Related)
                        .or(verdict.evidence.first())
                        .map(evidence_place)
                        .unwrap_or_default(),
                ),
                None => (
                    String::new(),
                    escape_markdown(claim.error.as_deref().unwrap_or("")),
                ),
            };
            writeln!(
                out,
                "| {} | {} | {} | {} | {confidence} | {evidence} |",
                claim.id,
                claim.region.from.line,
                escape_markdown(&claim.claim),
                verdict_words(claim),
            )?;
        }
        writeln!(out)?;
    }
    let flagged: Vec<_> = report
        .claims
        .iter()
        .filter(|c| c.verdict() != Some(Label::Supported))
        .collect();
    if !flagged.is_empty() {
        writeln!(out, "## Conflicting and unsupported claims\n")?;
        for claim in flagged {
            let Some(verdict) = &claim.result else {
                continue;
            };
            let heading = emphasize(&claim.claim, &spans::statement_marks(verdict, &claim.claim));
            writeln!(
                out,
                "### {} (line {}): {heading}\n",
                claim.id, claim.region.from.line
            )?;
            writeln!(
                out,
                "{} (confidence {:.2}). {}\n",
                verdict_words(claim),
                verdict.confidence,
                escape_markdown(&verdict.explanation)
            )?;
            for conflict in &verdict.conflicts {
                write!(
                    out,
                    "{}",
                    conflict_item(conflict).replace(" in the statement", " in the draft")
                )?;
            }
            if !verdict.conflicts.is_empty() {
                writeln!(out)?;
            }
            for evidence in verdict.evidence.iter().filter(|e| e.role != Role::Related) {
                let marks = spans::passage_marks(verdict, evidence);
                writeln!(out, "> {}\n>", emphasize(evidence.text.trim_end(), &marks))?;
                writeln!(out, "> — {}\n", evidence_place(evidence))?;
            }
        }
    }
    if !report.skipped.is_empty() {
        writeln!(out, "## Skipped\n")?;
        for skipped in &report.skipped {
            let what = match &skipped.claim {
                Some(claim) => format!("claim \"{}\"", escape_markdown(claim)),
                None => format!("\"{}\"", escape_markdown(&skipped.text)),
            };
            writeln!(
                out,
                "- line {}: {what}: {}",
                skipped.region.from.line,
                escape_markdown(&skipped.reason)
            )?;
        }
    }
    Ok(())
}

/// Draft text escaped for Markdown, its line breaks kept.
fn escape_paragraphs(text: &str) -> String {
    text.split('\n')
        .map(|line| escape_markdown(line.trim_end_matches('\r')))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::draft::test_support;

    #[test]
    fn report_marks_the_draft_and_quotes_the_conflict() {
        let mut out = Vec::new();
        write(&mut out, &test_support::report()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("# Fact-check of notes.md\n"), "{text}");
        assert!(
            text.contains(
                "**The Moscow concert hall attack killed 150 people** *(c2: conflicting)*"
            ),
            "{text}"
        );
        assert!(
            text.contains("### c2 (line 3): The Moscow concert hall attack killed **150** people"),
            "{text}"
        );
        assert!(
            text.contains("- number: \"150\" in the draft, \"149\" in the evidence"),
            "{text}"
        );
        assert!(
            text.contains("- line 4: \"Should we worry?\": a question"),
            "{text}"
        );
    }
}
