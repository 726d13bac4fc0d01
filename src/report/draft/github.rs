//! `--format github`: GitHub Actions workflow commands, which the Actions
//! runner turns into annotations on the draft's lines.
//!
//! ```text
//! ::error file=notes.md,line=3,col=50,endLine=3,endColumn=98,title=factcheck: c2 conflicting::The Moscow ... (number: "150" in the draft, "149" in a.txt)
//! ::warning file=notes.md,line=4,col=1,...,title=factcheck: c3 not enough info::Turkmenistan ...
//! ::notice title=factcheck::3 claims checked: ...
//! ```
//!
//! A claim that fails the policy is an `error`; one that conflicts or is
//! not settled but does not fail it (below `--min-confidence`, or
//! `not_enough_info` under `--fail-on conflicting`) is a `warning`;
//! supported claims give nothing. The summary is a `notice`. Values are
//! escaped as the runner requires (`%`, CR, LF; and `:` `,` in properties).

use std::io::Write;

use anyhow::Result;

use super::{summary_line, verdict_words};
use crate::draft::{DraftClaim, DraftReport};
use crate::verdict::Label;

pub(super) fn write(out: &mut dyn Write, report: &DraftReport) -> Result<()> {
    for claim in &report.claims {
        let level = if claim.fails || claim.error.is_some() {
            "error"
        } else if claim.verdict() == Some(Label::Supported) {
            continue;
        } else {
            "warning"
        };
        let region = &claim.region;
        let title = format!("factcheck: {} {}", claim.id, verdict_words(claim));
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&report.draft),
            region.from.line,
            region.from.column,
            region.to.line,
            region.to.column,
            property(&title),
            data(&message(claim)),
        )?;
    }
    writeln!(
        out,
        "::notice title=factcheck::{}",
        data(&summary_line(report))
    )?;
    Ok(())
}

/// The claim, then why: its conflicts, or the explanation.
pub(super) fn message(claim: &DraftClaim) -> String {
    let Some(verdict) = &claim.result else {
        return format!(
            "{}: {}",
            claim.claim,
            claim.error.as_deref().unwrap_or("not checked")
        );
    };
    let why: Vec<String> = verdict
        .conflicts
        .iter()
        .map(|c| {
            format!(
                "{}: \"{}\" in the draft, \"{}\" in {}",
                c.kind, c.claim_text, c.evidence_text, c.document
            )
        })
        .collect();
    let why = if why.is_empty() {
        verdict.explanation.clone()
    } else {
        why.join("; ")
    };
    format!(
        "\"{}\" is {} (confidence {:.2}): {why}",
        claim.claim,
        verdict_words(claim),
        verdict.confidence
    )
}

/// A message escaped for a workflow command.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value escaped for a workflow command.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::draft::test_support;

    #[test]
    fn conflicts_are_errors_on_their_line_and_the_rest_warnings() {
        let report = test_support::report();
        let mut out = Vec::new();
        write(&mut out, &report).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(
            lines[0].starts_with("::error file=notes.md,line=3,col=50,endLine=3,endColumn=98,title=factcheck%3A c2 conflicting::\"The Moscow concert hall attack killed 150 people\" is conflicting"),
            "{text}"
        );
        assert!(
            lines[0].contains("\"150\" in the draft, \"149\" in a.txt"),
            "{text}"
        );
        assert!(
            lines[1].starts_with("::warning file=notes.md,line=4,col=1,"),
            "{text}"
        );
        assert!(lines[2].starts_with("::notice title=factcheck::3 claims checked"));
    }

    #[test]
    fn escapes_what_the_runner_reads() {
        assert_eq!(data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
