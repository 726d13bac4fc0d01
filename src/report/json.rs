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
//! | `findings` | array | every observation the comparison made ([`crate::compare::Finding`], serialized as is) |
//! | `error` | string | only present when `verdict` is null: why |
//!
//! An `evidence` item: `document` (path relative to the corpus root),
//! `paragraph` and `sentence` (1-based), `start` and `end` (byte offsets of
//! the passage in the document file, so `file[start..end] == text`), `text`
//! (the passage, verbatim), `score` (BM25, 4 decimals), `role`
//! (`"supports"`, `"conflicts"` or `"related"`).
//!
//! A `conflicts` item: `kind` (`number`, `date`, `entity`, `negation`,
//! `antonym`, `role_swap`), `claim_text` with `claim_start`/`claim_end`
//! (byte offsets in the statement), `evidence_text` with
//! `evidence_start`/`evidence_end` (byte offsets in the document), and
//! `document`.
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
//! `--format jsonl` writes one record per line; `--format json` writes the
//! same records as one pretty-printed array.

use std::io::Write;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::{round4, Checked, Report};
use crate::verdict::{Conflict, Evidence, Label, Role};

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
fn escape_c1_controls(json: String) -> String {
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
    fn empty_json_array_is_valid() {
        let mut out = Vec::new();
        let mut report = JsonArray::new(&mut out);
        report.begin().unwrap();
        report.finish().unwrap();
        assert_eq!(out, b"[]\n");
    }
}
