//! `--format html`: one self-contained page (no network: its style and
//! its one small script are inline).
//!
//! At the top, the summary; then the draft, each checked claim a `<mark
//! class="claim VERDICT" id="mark-c1">` that says its verdict in words
//! (a badge, not colour alone; each verdict has its own underline style
//! too) and links to its details, with the words the corpus contradicts in
//! `<span class="conflict">`; then one `<details id="c1">` per claim,
//! expandable to its conflicts and evidence, the contradicting words
//! marked in the evidence as well; then the skipped sentences.

use std::io::Write;

use anyhow::Result;

use super::{segments, summary_line, verdict_name, verdict_words, Segment};
use crate::draft::DraftReport;
use crate::report::spans::{self, MarkKind};
use crate::verdict::Role;

const STYLE: &str = r#"
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
.summary { padding: .75rem 1rem; border: 1px solid #999; border-radius: .4rem; background: #f6f6f6; }
.summary.failed { border-color: #b00020; }
.counts td, .counts th { padding: .1rem .8rem .1rem 0; text-align: left; }
.draft { white-space: pre-wrap; border-left: 3px solid #ccc; padding-left: 1rem; }
mark.claim { background: none; padding: 0 .1rem; border-bottom: 3px solid; }
mark.claim a { color: inherit; text-decoration: none; }
mark.supported { background: #e3f4e1; border-bottom-style: solid; border-color: #1e7b34; }
mark.conflicting { background: #fbe0e0; border-bottom-style: double; border-color: #b00020; }
mark.not_enough_info { background: #fdf3d0; border-bottom-style: dashed; border-color: #8a6d00; }
mark.error { background: #eee; border-bottom-style: dotted; border-color: #555; }
.badge { font-size: .75em; font-weight: 600; padding: 0 .3rem; margin-left: .2rem; border-radius: .3rem; border: 1px solid currentColor; white-space: nowrap; }
.conflict { font-weight: 700; text-decoration: underline wavy #b00020; }
.match { text-decoration: underline #1e7b34; }
details { margin: .5rem 0; padding: .4rem .8rem; border: 1px solid #ccc; border-radius: .4rem; }
details.conflicting { border-color: #b00020; }
details:target { outline: 3px solid #3367d6; }
blockquote { margin: .4rem 0 .4rem 1rem; padding-left: .8rem; border-left: 3px solid #ccc; }
cite { display: block; font-size: .85em; color: #555; font-style: normal; }
"#;

/// Opens a claim's details when its mark is followed; marks the page
/// ready (`data-ready`), which the browser test looks for.
const SCRIPT: &str = r#"
function openTarget() {
  var id = decodeURIComponent(location.hash.slice(1));
  var target = id && document.getElementById(id);
  if (target && target.tagName === "DETAILS") { target.open = true; }
}
window.addEventListener("hashchange", openTarget);
openTarget();
document.documentElement.setAttribute("data-ready", "yes");
"#;

pub(super) fn write(out: &mut dyn Write, report: &DraftReport) -> Result<()> {
    let summary = &report.summary;
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<title>Fact-check of {}</title>",
        escape(&report.draft)
    )?;
    writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>")?;
    writeln!(
        out,
        "<header>\n<h1>Fact-check of {}</h1>",
        escape(&report.draft)
    )?;
    let outcome = if summary.passed { "passed" } else { "failed" };
    writeln!(
        out,
        "<section class=\"summary {outcome}\" id=\"summary\">\n<p><strong>{}: {}</strong></p>",
        escape(&report.policy.describe()),
        outcome
    )?;
    writeln!(out, "<p>{}</p>", escape(&summary_line(report)))?;
    writeln!(
        out,
        "<table class=\"counts\"><tr><th>Verdict</th><th>Claims</th><th>Share</th></tr>"
    )?;
    for (name, count, share) in [
        ("supported", summary.supported, summary.supported_share),
        (
            "conflicting",
            summary.conflicting,
            summary.conflicting_share,
        ),
        (
            "not enough info",
            summary.not_enough_info,
            summary.unsupported_share,
        ),
    ] {
        writeln!(
            out,
            "<tr><td>{name}</td><td>{count}</td><td>{:.0}%</td></tr>",
            share * 100.0
        )?;
    }
    writeln!(out, "</table>\n</section>\n</header>\n<main>")?;
    writeln!(
        out,
        "<section id=\"draft\">\n<h2>The draft</h2>\n<div class=\"draft\">"
    )?;
    let mut body = String::new();
    for segment in segments(report) {
        match segment {
            Segment::Plain(text) => body.push_str(&escape(text)),
            Segment::Claim(claim, runs) => {
                let name = verdict_name(claim);
                let words = verdict_words(claim);
                body.push_str(&format!(
                    "<mark class=\"claim {name}\" id=\"mark-{id}\" data-claim=\"{id}\" data-verdict=\"{name}\" title=\"{id}: {words}\"><a href=\"#{id}\">",
                    id = claim.id
                ));
                for (conflict, run) in runs {
                    if conflict {
                        body.push_str(&format!("<span class=\"conflict\">{}</span>", escape(run)));
                    } else {
                        body.push_str(&escape(run));
                    }
                }
                body.push_str(&format!(
                    "<span class=\"badge\">{} {words}</span></a></mark>",
                    claim.id
                ));
            }
        }
    }
    writeln!(out, "{}</div>\n</section>", body.trim_end())?;
    writeln!(out, "<section id=\"claims\">\n<h2>Claims</h2>")?;
    for claim in &report.claims {
        let name = verdict_name(claim);
        writeln!(out, "<details class=\"{name}\" id=\"{}\">", claim.id)?;
        let confidence = claim
            .result
            .as_ref()
            .map(|v| format!(", confidence {:.2}", v.confidence))
            .unwrap_or_default();
        writeln!(
            out,
            "<summary><span class=\"badge\">{} {}</span> {} <small>(line {}, column {}{confidence})</small></summary>",
            claim.id,
            verdict_words(claim),
            escape(&claim.claim),
            claim.region.from.line,
            claim.region.from.column,
        )?;
        if let Some(speaker) = &claim.speaker {
            writeln!(out, "<p>Said by {}.</p>", escape(speaker))?;
        }
        match &claim.result {
            None => writeln!(
                out,
                "<p>{}</p>",
                escape(claim.error.as_deref().unwrap_or("not checked"))
            )?,
            Some(verdict) => {
                if !verdict.conflicts.is_empty() {
                    writeln!(out, "<ul class=\"conflicts\">")?;
                    for c in &verdict.conflicts {
                        writeln!(
                            out,
                            "<li>{}: <span class=\"conflict\">{}</span> in the draft, <span class=\"conflict\">{}</span> in {}</li>",
                            escape(&c.kind),
                            escape(&c.claim_text),
                            escape(&c.evidence_text),
                            escape(&c.document)
                        )?;
                    }
                    writeln!(out, "</ul>")?;
                }
                for evidence in &verdict.evidence {
                    let marks = spans::passage_marks(verdict, evidence);
                    let mut quoted = String::new();
                    for (kind, piece) in spans::segments(evidence.text.trim_end(), &marks) {
                        match kind {
                            Some(MarkKind::Conflict) => quoted.push_str(&format!(
                                "<span class=\"conflict\">{}</span>",
                                escape(piece)
                            )),
                            Some(MarkKind::Match) => quoted.push_str(&format!(
                                "<span class=\"match\">{}</span>",
                                escape(piece)
                            )),
                            None => quoted.push_str(&escape(piece)),
                        }
                    }
                    let role = match evidence.role {
                        Role::Supports => "supports",
                        Role::Conflicts => "conflicts",
                        Role::Related => "related",
                    };
                    writeln!(
                        out,
                        "<blockquote>{quoted}<cite>{}, paragraph {}, sentence {} (bytes {}..{}): {role}</cite></blockquote>",
                        escape(&evidence.document),
                        evidence.paragraph,
                        evidence.sentence,
                        evidence.start,
                        evidence.end
                    )?;
                }
                writeln!(out, "<p>Because {}</p>", escape(&verdict.explanation))?;
            }
        }
        writeln!(out, "</details>")?;
    }
    writeln!(out, "</section>")?;
    if !report.skipped.is_empty() {
        writeln!(out, "<section id=\"skipped\">\n<h2>Skipped</h2>\n<ul>")?;
        for skipped in &report.skipped {
            let what = skipped.claim.as_deref().unwrap_or(&skipped.text);
            writeln!(
                out,
                "<li>line {}: “{}”: {}</li>",
                skipped.region.from.line,
                escape(what),
                escape(&skipped.reason)
            )?;
        }
        writeln!(out, "</ul>\n</section>")?;
    }
    writeln!(out, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>")?;
    Ok(())
}

/// Text safe in HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::draft::test_support;

    #[test]
    fn page_marks_every_claim_and_escapes_text() {
        let mut out = Vec::new();
        write(&mut out, &test_support::report()).unwrap();
        let page = String::from_utf8(out).unwrap();
        assert_eq!(page.matches("<mark class=\"claim ").count(), 3);
        assert!(page.contains("<mark class=\"claim conflicting\" id=\"mark-c2\""));
        assert!(page.contains("killed <span class=\"conflict\">150</span> people"));
        assert!(page.contains("<details class=\"conflicting\" id=\"c2\">"));
        assert!(!page.contains("http://") && !page.contains("https://"));
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
