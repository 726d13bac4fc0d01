//! `--format text`: the draft with each checked claim marked, then the
//! details of each claim (as `factcheck check` prints a verdict), the
//! skipped sentences and the summary.
//!
//! ```text
//! draft: notes.md
//!   [Soviet forces withdrew from Afghanistan in 1989]{c1 supported}. [The Moscow concert hall attack killed [[150]] people]{c2 conflicting}.
//!
//! c1, line 3, column 1 (bytes 9..56):
//! SUPPORTED (confidence 1.00): Soviet forces withdrew from Afghanistan in 1989
//!   evidence: ...
//! ```

use std::borrow::Cow;
use std::io::Write;

use anstyle::Style;
use anyhow::Result;

use super::{segments, summary_line, verdict_words, Segment};
use crate::draft::{DraftClaim, DraftReport};
use crate::report::text::{
    escape_control, CONFLICT, DIM, LABEL_CONFLICTING, LABEL_ERROR, LABEL_NOT_ENOUGH_INFO,
    LABEL_SUPPORTED,
};
use crate::report::{Checked, Report, Text};
use crate::verdict::Label;

pub(super) fn write(out: &mut dyn Write, report: &DraftReport, color: bool) -> Result<()> {
    let paint = |style: Style, text: &str| -> String {
        if color && !text.is_empty() {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    };
    writeln!(
        out,
        "{} {}",
        paint(DIM, "draft:"),
        escape_control(&report.draft)
    )?;
    let mut marked = String::new();
    for segment in segments(report) {
        match segment {
            Segment::Plain(text) => marked.push_str(&escape_lines(text)),
            Segment::Claim(claim, runs) => {
                let style = label_style(claim);
                marked.push('[');
                for (conflict, run) in runs {
                    let run = escape_lines(run);
                    if conflict {
                        marked.push_str("[[");
                        marked.push_str(&paint(CONFLICT, &run));
                        marked.push_str("]]");
                    } else {
                        marked.push_str(&paint(style, &run));
                    }
                }
                let tag = format!("{} {}", claim.id, verdict_words(claim));
                marked.push_str(&format!("]{{{}}}", paint(style, &tag)));
            }
        }
    }
    for line in marked.trim_end().lines() {
        writeln!(out, "  {line}")?;
    }
    for claim in &report.claims {
        writeln!(out)?;
        let place = format!(
            "{}, line {}, column {} (bytes {}..{}){}:",
            claim.id,
            claim.region.from.line,
            claim.region.from.column,
            claim.start,
            claim.end,
            match &claim.speaker {
                Some(speaker) => format!(", said by {}", escape_control(speaker)),
                None => String::new(),
            }
        );
        writeln!(out, "{}", paint(DIM, &place))?;
        let checked = Checked {
            id: None,
            claim: claim.claim.clone(),
            outcome: match (&claim.result, &claim.error) {
                (Some(verdict), _) => Ok(verdict.clone()),
                (None, error) => Err(error.clone().unwrap_or_default()),
            },
        };
        let mut details = Text::new(&mut *out, color);
        details.verdict(&checked)?;
    }
    if !report.skipped.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paint(DIM, "skipped:"))?;
        for skipped in &report.skipped {
            let what: Cow<str> = match &skipped.claim {
                Some(claim) => Cow::Owned(format!("claim \"{}\"", escape_control(claim))),
                None => Cow::Owned(format!("\"{}\"", escape_control(&skipped.text))),
            };
            writeln!(
                out,
                "  line {}: {what}: {}",
                skipped.region.from.line,
                escape_control(&skipped.reason)
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{} {}", paint(DIM, "summary:"), summary_line(report))?;
    Ok(())
}

/// The style of a claim's verdict.
fn label_style(claim: &DraftClaim) -> Style {
    match claim.verdict() {
        Some(Label::Supported) => LABEL_SUPPORTED,
        Some(Label::Conflicting) => LABEL_CONFLICTING,
        Some(Label::NotEnoughInfo) => LABEL_NOT_ENOUGH_INFO,
        None => LABEL_ERROR,
    }
}

/// Draft text with its line breaks kept and every other control
/// character escaped.
fn escape_lines(text: &str) -> String {
    text.split('\n')
        .map(|line| escape_control(line.trim_end_matches('\r')).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::draft::test_support;

    #[test]
    fn marks_each_claim_with_its_verdict_in_words() {
        let report = test_support::report();
        let mut out = Vec::new();
        write(&mut out, &report, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("[Soviet forces withdrew from Afghanistan in 1989]{c1 supported}"),
            "{text}"
        );
        assert!(
            text.contains("[The Moscow concert hall attack killed [[150]] people]{c2 conflicting}"),
            "{text}"
        );
        assert!(text.contains("{c3 not enough info}"), "{text}");
        assert!(
            text.contains("c2, line 3, column 50 (bytes 58..106):\nCONFLICTING"),
            "{text}"
        );
        assert!(
            text.contains("  line 4: \"Should we worry?\": a question"),
            "{text}"
        );
        assert!(!text.contains('\u{1b}'));
    }
}
