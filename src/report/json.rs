//! JSON output: one [`Record`] per statement, as JSON Lines or as an array.
//!
//! # Format
//!
//! Each statement gives one JSON object, keys in this order:
//!
//! | key | type | meaning |
//! |-----|------|---------|
//! | `id` | string or null | the id from the input (numbers kept as written), null when it gave none |
//! | `claim` | string | the statement as read (trimmed) |
//! | `verdict` | `"supported"`, `"conflicting"`, `"not_enough_info"` or null | null when the statement could not be read or checked (see `error`) |
//! | `confidence` | number in [0, 1] or null | how sure the verdict is, rounded to 4 decimals |
//! | `evidence` | array | the passages that explain the verdict, best first (below) |
//! | `conflicts` | array | the exact disagreements behind a `conflicting` verdict (below) |
//! | `explanation` | string or null | one sentence a person can read |
//! | `parts` | array | only present for a compound statement: each atomic part with its own verdict (below) |
//! | `review` | object | only present when the statement matched a fact-checker's reviewed claim (below) |
//! | `findings` | array | every observation the comparison made ([`crate::compare::Finding`], serialized as is) |
//! | `error` | string | only present when `verdict` is null: why |
//!
//! An `evidence` item: `document` (path relative to the corpus root),
//! `paragraph` and `sentence` (1-based), `start` and `end` (byte offsets of
//! the passage in the document file, so `file[start..end] == text`), `text`
//! (the passage, verbatim), `score` (BM25, 4 decimals), `role`
//! (`"supports"`, `"conflicts"` or `"related"`), and `claim`, only present
//! when the statement was compared with an atomic claim extracted from the
//! passage rather than with the whole sentence: that claim's text (e.g.
//! `"Soviet forces withdrew in 1989"` out of a sentence that also tells of
//! the invasion).
//!
//! A `conflicts` item: `kind` (`number`, `date`, `entity`, `negation`,
//! `antonym`, `role_swap`), `claim_text` with `claim_start`/`claim_end`
//! (byte offsets in the statement), `evidence_text` with
//! `evidence_start`/`evidence_end` (byte offsets in the document), and
//! `document`.
//!
//! A `parts` item: `claim` (the part as checked, e.g. `"Soviet forces
//! withdrew in 1992"` out of "Soviet forces invaded Afghanistan in 1979 and
//! withdrew in 1992"), then `verdict`, `confidence`, `evidence`,
//! `conflicts` and `explanation` as for a whole statement; a part's
//! conflict offsets (`claim_start`, `claim_end`) are in the part's text. The
//! whole is `conflicting` if any part conflicts, `supported` if every part
//! is supported, and `not_enough_info` otherwise.
//!
//! `review`: `claim` (the claim as the fact-checker reviewed it),
//! `verdict` (theirs: `"supported"` or `"conflicting"`), `source` and
//! `note` (string or null), `document` (the `*.claims.jsonl` file, relative
//! to the corpus root) and `line` (1-based line in it).
//!
//! ```json
//! {"id":"d011","claim":"150 people died in the Moscow attack","verdict":"conflicting",
//!  "confidence":0.93,
//!  "evidence":[{"document":"russia-taliban-recognition.txt","paragraph":12,"sentence":2,
//!               "start":2101,"end":2379,"text":"...","score":11.2,"role":"conflicts"}],
//!  "conflicts":[{"kind":"number","claim_text":"150","claim_start":0,"claim_end":3,
//!                "evidence_text":"149","evidence_start":2300,"evidence_end":2303,
//!                "document":"russia-taliban-recognition.txt"}],
//!  "explanation":"The corpus says 149 people, not 150.","findings":[...]}
//! ```
//!
//! A compound statement that matched a reviewed claim (`evidence` and
//! `conflicts` shortened):
//!
//! ```json
//! {"id":"c1","claim":"Soviet forces invaded Afghanistan in 1979 and withdrew in 1992",
//!  "verdict":"conflicting","confidence":0.85,
//!  "evidence":[{"document":"afghanistan.txt",...,"role":"conflicts",
//!               "claim":"Soviet forces withdrew in 1989"}],
//!  "conflicts":[...],"explanation":"...",
//!  "parts":[{"claim":"Soviet forces invaded Afghanistan in 1979","verdict":"supported",
//!            "confidence":0.9,"evidence":[...],"conflicts":[],"explanation":"..."},
//!           {"claim":"Soviet forces withdrew in 1992","verdict":"conflicting",
//!            "confidence":0.85,"evidence":[...],"conflicts":[...],"explanation":"..."}],
//!  "review":{"claim":"The Soviet Union left Afghanistan in 1992","verdict":"conflicting",
//!            "source":"Example Checks","note":"the withdrawal ended in February 1989",
//!            "document":"reviews.claims.jsonl","line":3},
//!  "findings":[...]}
//! ```
//!
//! `--format jsonl` writes one record per line; `--format json` writes the
//! same records as one pretty-printed array.

use std::io::Write;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::{round4, Checked, Report};
use crate::ingest::ReviewedClaim;
use crate::verdict::{Conflict, Evidence, Label, Part, Role};

/// One statement's result as written by the JSON formats; see the module
/// docs for every field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The input's id (numbers as written); null when it gave none.
    pub id: Option<String>,
    /// The statement as read, trimmed.
    pub claim: String,
    /// Null when the statement could not be read or checked.
    pub verdict: Option<Label>,
    /// In [0, 1], 4 decimals; null with `verdict`.
    pub confidence: Option<f64>,
    /// The passages behind the verdict, best first.
    #[serde(default)]
    pub evidence: Vec<RecordEvidence>,
    /// The exact disagreements behind a `conflicting` verdict.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    /// One sentence a person can read; null with `verdict`.
    pub explanation: Option<String>,
    /// A compound statement's atomic parts, each with its own verdict;
    /// left out when empty (an atomic statement).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<RecordPart>,
    /// The fact-checker's reviewed claim the statement matched; left out
    /// when none did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<RecordReview>,
    /// Every observation the comparison made, as serialized by
    /// [`crate::compare::Finding`].
    #[serde(default)]
    pub findings: Vec<serde_json::Value>,
    /// Why there is no verdict; only present when `verdict` is null.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// An evidence passage as written in a [`Record`]: [`Evidence`] with its
/// score rounded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordEvidence {
    /// Path relative to the corpus root, `/`-separated.
    pub document: String,
    /// 1-based paragraph number in the document.
    pub paragraph: u32,
    /// 1-based sentence number in the paragraph.
    pub sentence: u32,
    /// Byte offset of the passage in the document file.
    pub start: usize,
    /// Byte offset one past the passage: `file[start..end] == text`.
    pub end: usize,
    /// The passage, verbatim.
    pub text: String,
    /// BM25 score, 4 decimals.
    pub score: f64,
    /// What the passage does for the verdict.
    pub role: Role,
    /// The atomic claim of the passage the statement was compared with;
    /// left out when it was compared with the whole passage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
}

/// One atomic part of a compound statement as written in a [`Record`]:
/// the part's text and its verdict, in the record's own shapes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordPart {
    /// The part as checked.
    pub claim: String,
    pub verdict: Label,
    /// In [0, 1], 4 decimals.
    pub confidence: f64,
    /// The passages behind the part's verdict, best first.
    #[serde(default)]
    pub evidence: Vec<RecordEvidence>,
    /// The exact disagreements; offsets of the statement side are in the
    /// part's text.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    pub explanation: String,
}

impl From<&Part> for RecordPart {
    fn from(part: &Part) -> RecordPart {
        let verdict = &part.verdict;
        RecordPart {
            claim: part.text.clone(),
            verdict: verdict.label,
            confidence: round4(verdict.confidence),
            evidence: verdict.evidence.iter().map(RecordEvidence::from).collect(),
            conflicts: verdict.conflicts.clone(),
            explanation: verdict.explanation.clone(),
        }
    }
}

/// A fact-checker's reviewed claim as written in a [`Record`]; every key
/// is always there (`source` and `note` null when not given).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordReview {
    /// The claim as reviewed.
    pub claim: String,
    /// The reviewer's verdict.
    pub verdict: Label,
    /// Where the review came from (a URL, a publication).
    #[serde(default)]
    pub source: Option<String>,
    /// The reviewer's note.
    #[serde(default)]
    pub note: Option<String>,
    /// The reviewed-claims file, relative to the corpus root.
    #[serde(default)]
    pub document: String,
    /// 1-based line in that file.
    #[serde(default)]
    pub line: u32,
}

impl From<&ReviewedClaim> for RecordReview {
    fn from(review: &ReviewedClaim) -> RecordReview {
        RecordReview {
            claim: review.claim.clone(),
            verdict: review.verdict,
            source: review.source.clone(),
            note: review.note.clone(),
            document: review.document.clone(),
            line: review.line,
        }
    }
}

impl From<&Evidence> for RecordEvidence {
    fn from(evidence: &Evidence) -> RecordEvidence {
        RecordEvidence {
            document: evidence.document.clone(),
            paragraph: evidence.paragraph,
            sentence: evidence.sentence,
            start: evidence.start,
            end: evidence.end,
            text: evidence.text.clone(),
            score: round4(evidence.score),
            role: evidence.role,
            claim: evidence.claim.clone(),
        }
    }
}

impl Record {
    /// The record for one checked statement.
    pub fn new(checked: &Checked) -> Result<Record> {
        let record = match &checked.outcome {
            Ok(verdict) => Record {
                id: checked.id.clone(),
                claim: checked.claim.clone(),
                verdict: Some(verdict.label),
                confidence: Some(round4(verdict.confidence)),
                evidence: verdict.evidence.iter().map(RecordEvidence::from).collect(),
                conflicts: verdict.conflicts.clone(),
                explanation: Some(verdict.explanation.clone()),
                parts: verdict.parts.iter().map(RecordPart::from).collect(),
                review: verdict.review.as_ref().map(RecordReview::from),
                findings: verdict
                    .findings
                    .iter()
                    .map(serde_json::to_value)
                    .collect::<serde_json::Result<_>>()
                    .context("failed to serialize findings")?,
                error: None,
            },
            Err(error) => Record {
                id: checked.id.clone(),
                claim: checked.claim.clone(),
                verdict: None,
                confidence: None,
                evidence: Vec::new(),
                conflicts: Vec::new(),
                explanation: None,
                parts: Vec::new(),
                review: None,
                findings: Vec::new(),
                error: Some(error.clone()),
            },
        };
        Ok(record)
    }
}

/// JSON Lines: one [`Record`] per line.
pub struct JsonLines<W> {
    out: W,
}

/// serde_json escapes the C0 controls but writes DEL and the C1 controls
/// (U+007F to U+009F; U+009B starts a terminal escape on its own) raw.
/// They can only occur inside JSON strings, so escaping them in the
/// serialized text keeps it valid JSON with the same value.
pub(crate) fn escape_c1_controls(json: String) -> String {
    if !json.chars().any(|c| ('\u{7f}'..='\u{9f}').contains(&c)) {
        return json;
    }
    let mut escaped = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if ('\u{7f}'..='\u{9f}').contains(&c) {
            escaped.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            escaped.push(c);
        }
    }
    escaped
}

impl<W: Write> JsonLines<W> {
    pub fn new(out: W) -> JsonLines<W> {
        JsonLines { out }
    }
}

impl<W: Write> Report for JsonLines<W> {
    fn verdict(&mut self, checked: &Checked) -> Result<()> {
        let record = Record::new(checked)?;
        let line = escape_c1_controls(serde_json::to_string(&record)?);
        self.out.write_all(line.as_bytes())?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// One pretty-printed JSON array of [`Record`]s, written as the statements
/// come (nothing is held back but the closing bracket).
pub struct JsonArray<W> {
    out: W,
    count: usize,
}

impl<W: Write> JsonArray<W> {
    pub fn new(out: W) -> JsonArray<W> {
        JsonArray { out, count: 0 }
    }
}

impl<W: Write> Report for JsonArray<W> {
    fn begin(&mut self) -> Result<()> {
        self.out.write_all(b"[")?;
        Ok(())
    }

    fn verdict(&mut self, checked: &Checked) -> Result<()> {
        let record = Record::new(checked)?;
        let pretty = escape_c1_controls(serde_json::to_string_pretty(&record)?);
        self.out
            .write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        // JSON strings hold no raw newlines, so indenting lines is safe.
        for (i, line) in pretty.lines().enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
            }
            write!(self.out, "  {line}")?;
        }
        self.count += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.out
            .write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?;
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support;
    use crate::verdict::Verdict;

    fn checked() -> Vec<Checked> {
        vec![
            Checked {
                id: Some("d1".to_string()),
                claim: "150 people died".to_string(),
                outcome: Ok(Verdict {
                    label: Label::Conflicting,
                    confidence: 0.8,
                    evidence: vec![Evidence {
                        document: "a.txt".to_string(),
                        paragraph: 2,
                        sentence: 1,
                        start: 10,
                        end: 27,
                        text: "149 people died.".to_string(),
                        score: 7.173_099,
                        role: Role::Conflicts,
                        claim: None,
                    }],
                    conflicts: vec![Conflict {
                        kind: "number".to_string(),
                        claim_text: "150".to_string(),
                        claim_start: 0,
                        claim_end: 3,
                        evidence_text: "149".to_string(),
                        evidence_start: 10,
                        evidence_end: 13,
                        document: "a.txt".to_string(),
                    }],
                    findings: Vec::new(),
                    explanation: "149, not 150.".to_string(),
                    parts: Vec::new(),
                    review: None,
                }),
            },
            Checked {
                id: None,
                claim: "broken".to_string(),
                outcome: Err("line 2: malformed JSON".to_string()),
            },
        ]
    }

    fn write(report: &mut dyn Report) {
        report.begin().unwrap();
        for checked in checked() {
            report.verdict(&checked).unwrap();
        }
        report.finish().unwrap();
    }

    #[test]
    fn jsonl_keys_come_in_documented_order() {
        let mut out = Vec::new();
        write(&mut JsonLines::new(&mut out));
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(
            lines[0].starts_with(
                r#"{"id":"d1","claim":"150 people died","verdict":"conflicting","confidence":0.8,"evidence":[{"document":"a.txt","paragraph":2,"sentence":1,"start":10,"end":27,"text":"149 people died.","score":7.1731,"role":"conflicts"}],"conflicts":[{"kind":"number","#
            ),
            "{}",
            lines[0]
        );
        assert!(lines[0].ends_with(r#""explanation":"149, not 150.","findings":[]}"#));
        assert_eq!(
            lines[1],
            r#"{"id":null,"claim":"broken","verdict":null,"confidence":null,"evidence":[],"conflicts":[],"explanation":null,"findings":[],"error":"line 2: malformed JSON"}"#
        );
    }

    #[test]
    fn jsonl_records_round_trip() {
        let mut out = Vec::new();
        write(&mut JsonLines::new(&mut out));
        let records: Vec<Record> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        let expected: Vec<Record> = checked().iter().map(|c| Record::new(c).unwrap()).collect();
        assert_eq!(records, expected);
        assert_eq!(records[0].conflicts[0].evidence_text, "149");
        assert_eq!(records[1].error.as_deref(), Some("line 2: malformed JSON"));
    }

    #[test]
    fn json_array_parses_as_the_same_records() {
        let mut out = Vec::new();
        write(&mut JsonArray::new(&mut out));
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("[\n  {\n    \"id\": \"d1\""), "{text}");
        let records: Vec<Record> = serde_json::from_str(&text).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].verdict, None);
    }

    #[test]
    fn atomic_statements_write_no_parts_review_or_matched_claim() {
        let mut out = Vec::new();
        write(&mut JsonLines::new(&mut out));
        for line in String::from_utf8(out).unwrap().lines() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(value.get("parts").is_none(), "{line}");
            assert!(value.get("review").is_none(), "{line}");
            for evidence in value["evidence"].as_array().unwrap() {
                assert!(evidence.get("claim").is_none(), "{line}");
            }
        }
        // Records written before these keys existed still read.
        let old = r#"{"id":null,"claim":"x","verdict":"supported","confidence":1.0,"evidence":[{"document":"a.txt","paragraph":1,"sentence":1,"start":0,"end":2,"text":"x.","score":1.0,"role":"supports"}],"conflicts":[],"explanation":"e","findings":[]}"#;
        let record: Record = serde_json::from_str(old).unwrap();
        assert!(record.parts.is_empty() && record.review.is_none());
        assert_eq!(record.evidence[0].claim, None);
    }

    #[test]
    fn compound_statement_writes_parts_review_and_matched_claims() {
        let mut out = Vec::new();
        let mut report = JsonLines::new(&mut out);
        report.verdict(&test_support::compound()).unwrap();
        report.finish().unwrap();
        let line = String::from_utf8(out).unwrap();
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        // Keys in documented order: parts and review after explanation.
        assert!(
            line.contains(
                r#""explanation":"part 2 conflicts: 1992 vs 1989","parts":[{"claim":"Soviet forces invaded Afghanistan in 1979","verdict":"supported","confidence":0.9,"evidence":[{"document":"afghanistan.txt","#
            ),
            "{line}"
        );
        assert!(
            line.contains(r#""role":"supports","claim":"Soviet forces invaded Afghanistan in 1979"}],"conflicts":[],"explanation":"#),
            "{line}"
        );
        assert!(
            line.ends_with(
                r#""review":{"claim":"The Soviet Union left Afghanistan in 1992","verdict":"conflicting","source":"Example Checks","note":"the withdrawal ended in February 1989","document":"reviews.claims.jsonl","line":3},"findings":[]}
"#
            ),
            "{line}"
        );
        assert_eq!(
            value["evidence"][0]["claim"],
            "Soviet forces withdrew in 1989"
        );
        let parts = value["parts"].as_array().unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(
            parts[0]["claim"],
            "Soviet forces invaded Afghanistan in 1979"
        );
        assert_eq!(parts[0]["verdict"], "supported");
        assert_eq!(parts[0]["confidence"], 0.9);
        assert_eq!(
            parts[0]["evidence"][0]["claim"],
            "Soviet forces invaded Afghanistan in 1979"
        );
        assert_eq!(parts[0]["conflicts"], serde_json::json!([]));
        assert_eq!(parts[1]["verdict"], "conflicting");
        assert_eq!(parts[1]["conflicts"][0]["kind"], "date");
        assert_eq!(parts[1]["conflicts"][0]["claim_start"], 26);
        assert_eq!(
            value["review"],
            serde_json::json!({
                "claim": "The Soviet Union left Afghanistan in 1992",
                "verdict": "conflicting",
                "source": "Example Checks",
                "note": "the withdrawal ended in February 1989",
                "document": "reviews.claims.jsonl",
                "line": 3
            })
        );
        let record: Record = serde_json::from_str(&line).unwrap();
        assert_eq!(record, Record::new(&test_support::compound()).unwrap());
    }

    #[test]
    fn review_without_source_or_note_has_nulls() {
        let mut checked = test_support::compound();
        if let Ok(verdict) = &mut checked.outcome {
            let review = verdict.review.as_mut().unwrap();
            review.source = None;
            review.note = None;
        }
        let record = Record::new(&checked).unwrap();
        let value = serde_json::to_value(&record).unwrap();
        assert_eq!(value["review"]["source"], serde_json::Value::Null);
        assert_eq!(value["review"]["note"], serde_json::Value::Null);
    }

    #[test]
    fn json_array_round_trips_a_compound_statement() {
        let mut out = Vec::new();
        let mut report = JsonArray::new(&mut out);
        report.begin().unwrap();
        report.verdict(&test_support::compound()).unwrap();
        report.finish().unwrap();
        let records: Vec<Record> = serde_json::from_slice(&out).unwrap();
        assert_eq!(records, [Record::new(&test_support::compound()).unwrap()]);
        assert_eq!(records[0].parts[1].claim, "Soviet forces withdrew in 1992");
    }

    #[test]
    fn empty_json_array_is_valid() {
        let mut out = Vec::new();
        let mut report = JsonArray::new(&mut out);
        report.begin().unwrap();
        report.finish().unwrap();
        assert_eq!(out, b"[]\n");
    }
}
