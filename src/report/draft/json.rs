//! `--format json` and `--format jsonl` for a draft.
//!
//! `json` is the [`DraftReport`] as one object: `draft`, `corpus`,
//! `min_score`, `policy` (`fail_on`, `min_confidence`), `summary`,
//! `claims` and `skipped` (fields documented on
//! [`crate::draft::DraftClaim`], [`crate::draft::Skipped`] and
//! [`crate::draft::DraftSummary`]). A claim has the byte span of its words
//! in the draft (`start`, `end`, `source == draft[start..end]`), its
//! `region` in lines and columns, its sentence's span, its
//! `check_worthiness`, and the fields of a verdict: `label` (the verdict),
//! `confidence`, `evidence`, `conflicts`, `findings`, `explanation`,
//! `parts`, `review`; with `error` instead when it could not be checked.
//!
//! `jsonl` writes one object a line, `"type"` first: a `"claim"` or
//! `"skipped"` line for each in draft order, then one `"summary"` line
//! with `draft`, `corpus`, `min_score`, `policy` and the summary's fields.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::draft::{DraftClaim, DraftReport, DraftSummary, Skipped};
use crate::policy::Policy;

pub(super) fn write_json(out: &mut dyn Write, report: &DraftReport) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)?;
    Ok(())
}

/// One line of `--format jsonl`.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Line<'r> {
    Claim(&'r DraftClaim),
    Skipped(&'r Skipped),
    Summary {
        draft: &'r str,
        corpus: &'r str,
        min_score: f32,
        policy: Policy,
        #[serde(flatten)]
        summary: &'r DraftSummary,
    },
}

pub(super) fn write_jsonl(out: &mut dyn Write, report: &DraftReport) -> Result<()> {
    let mut lines: Vec<(usize, Line)> = report
        .claims
        .iter()
        .map(|claim| (claim.start, Line::Claim(claim)))
        .chain(
            report
                .skipped
                .iter()
                .map(|skipped| (skipped.start, Line::Skipped(skipped))),
        )
        .collect();
    lines.sort_by_key(|(start, _)| *start);
    lines.push((
        usize::MAX,
        Line::Summary {
            draft: &report.draft,
            corpus: &report.corpus,
            min_score: report.min_score,
            policy: report.policy,
            summary: &report.summary,
        },
    ));
    for (_, line) in lines {
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::draft::test_support;

    #[test]
    fn jsonl_lines_are_typed_in_draft_order_and_end_with_the_summary() {
        let report = test_support::report();
        let mut out = Vec::new();
        write_jsonl(&mut out, &report).unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        let types: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
        assert_eq!(
            types,
            ["skipped", "claim", "claim", "claim", "skipped", "summary"]
        );
        assert_eq!(lines[2]["label"], "conflicting");
        let (start, end) = (
            lines[2]["start"].as_u64().unwrap() as usize,
            lines[2]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(lines[2]["source"], test_support::DRAFT[start..end]);
        assert_eq!(lines[5]["passed"], false);
        assert_eq!(lines[5]["policy"]["fail_on"], "conflicting");
    }
}
