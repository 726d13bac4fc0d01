//! `--format sarif`: SARIF 2.1.0 (the OASIS standard that code-scanning
//! tools read), one result per conflicting or unsupported claim.
//!
//! The run has two rules, `conflicting` and `unsupported`
//! (`not_enough_info`). A result's level is `error` when the claim fails
//! the policy and `warning` otherwise. Its location is the claim's region
//! in the draft (lines and columns, `columnKind` `unicodeCodePoints`, and
//! `byteOffset`/`byteLength`), with the claim's words as the snippet; each
//! evidence passage is a related location in its corpus document. The
//! run's `properties` hold the corpus, the policy and the summary.
//! Validated against the published schema in the test suite
//! (`tests/data/sarif/`).

use std::io::Write;

use anyhow::Result;
use serde_json::{json, Value};

use super::github::message;
use crate::draft::DraftReport;
use crate::verdict::Label;

/// Where the SARIF 2.1.0 schema is published.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub(super) fn write(out: &mut dyn Write, report: &DraftReport) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(report))?;
    writeln!(out)?;
    Ok(())
}

fn log(report: &DraftReport) -> Value {
    let uri = uri(&report.draft);
    let results: Vec<Value> = report
        .claims
        .iter()
        .filter_map(|claim| {
            let verdict = claim.result.as_ref()?;
            let (rule, rule_id) = match verdict.label {
                Label::Supported => return None,
                Label::Conflicting => (0, "conflicting"),
                Label::NotEnoughInfo => (1, "unsupported"),
            };
            let related: Vec<Value> = verdict
                .evidence
                .iter()
                .enumerate()
                .map(|(i, evidence)| {
                    json!({
                        "id": i + 1,
                        "message": {"text": format!(
                            "evidence ({}), paragraph {}, sentence {}",
                            serde_json::to_value(evidence.role).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
                            evidence.paragraph,
                            evidence.sentence
                        )},
                        "physicalLocation": {
                            "artifactLocation": {"uri": self::uri(&evidence.document), "uriBaseId": "CORPUS"},
                            "region": {
                                "byteOffset": evidence.start,
                                "byteLength": evidence.end - evidence.start,
                                "snippet": {"text": evidence.text},
                            },
                        },
                    })
                })
                .collect();
            Some(json!({
                "ruleId": rule_id,
                "ruleIndex": rule,
                "level": if claim.fails { "error" } else { "warning" },
                "message": {"text": format!("{}: {}", claim.id, message(claim))},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri, "index": 0},
                        "region": {
                            "startLine": claim.region.from.line,
                            "startColumn": claim.region.from.column,
                            "endLine": claim.region.to.line,
                            "endColumn": claim.region.to.column,
                            "byteOffset": claim.start,
                            "byteLength": claim.end - claim.start,
                            "snippet": {"text": claim.source},
                        },
                    },
                }],
                "relatedLocations": related,
                "properties": {
                    "claimId": claim.id,
                    "claim": claim.claim,
                    "confidence": verdict.confidence,
                    "checkWorthiness": claim.check_worthiness,
                    "explanation": verdict.explanation,
                },
            }))
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": [
                    {
                        "id": "conflicting",
                        "name": "Conflicting",
                        "shortDescription": {"text": "The corpus contradicts this claim."},
                        "fullDescription": {"text": "A number, date, name, negation or antonym of the claim differs from what a corpus passage about the same event says."},
                        "defaultConfiguration": {"level": "error"},
                    },
                    {
                        "id": "unsupported",
                        "name": "Unsupported",
                        "shortDescription": {"text": "The corpus does not settle this claim."},
                        "fullDescription": {"text": "No corpus passage says enough to support the claim (not_enough_info)."},
                        "defaultConfiguration": {"level": "warning"},
                    },
                ],
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": [{
                "location": {"uri": uri},
                "length": report.text.len(),
                "roles": ["analysisTarget"],
            }],
            "results": results,
            "properties": {
                "corpus": report.corpus,
                "policy": report.policy,
                "minScore": report.min_score,
                "summary": report.summary,
            },
        }],
    })
}

/// A path as a relative URI reference: every byte outside the unreserved
/// set and `/` percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::draft::test_support;

    #[test]
    fn one_result_per_conflicting_or_unsupported_claim() {
        let log = log(&test_support::report());
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 2);
        assert_eq!(results[0]["ruleId"], "conflicting");
        assert_eq!(results[0]["level"], "error");
        let region = &results[0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], 3);
        assert_eq!(
            region["snippet"]["text"],
            "The Moscow concert hall attack killed 150 people"
        );
        assert_eq!(results[1]["ruleId"], "unsupported");
        assert_eq!(results[1]["level"], "warning");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("drafts/a b.md"), "drafts/a%20b.md");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
    }
}
