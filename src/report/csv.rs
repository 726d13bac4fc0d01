//! CSV output: one row per statement, for spreadsheets and scripts.
//!
//! # Format
//!
//! A header row, then one row per statement in input order, quoted by the
//! `csv` crate (RFC 4180: a field holding a comma, quote or line break is
//! quoted, quotes doubled). Text is written verbatim, corpus text included.
//!
//! | column | meaning |
//! |--------|---------|
//! | `id` | the id from the input; empty when it gave none |
//! | `claim` | the statement as read |
//! | `verdict` | `supported`, `conflicting`, `not_enough_info`; empty on error |
//! | `confidence` | in [0, 1], 4 decimals; empty on error |
//! | `evidence_document` | the document of the best evidence passage |
//! | `evidence_paragraph` | its 1-based paragraph number |
//! | `evidence_sentence` | its 1-based sentence number in the paragraph |
//! | `evidence_text` | the passage, verbatim |
//! | `conflict_kinds` | the kinds of conflict (`number`, `date`, ...), `;`-separated |
//! | `conflicts` | each conflict as `kind: "statement" vs "evidence"`, `; `-separated |
//! | `explanation` | one sentence a person can read |
//! | `error` | why there is no verdict; empty otherwise |
//!
//! The evidence columns are empty when no passage was quoted.
//!
//! The header is a fixed interface, so a compound statement's parts, the
//! reviewed claim a statement matched and the atomic claim an evidence
//! passage was compared through are not in the CSV; the JSON formats have
//! them (`parts`, `review`, `evidence[].claim`).

use std::io::Write;

use anyhow::Result;

use super::{conflict_kinds, round4, Checked, Report};

/// The header row, in column order.
pub const HEADER: [&str; 12] = [
    "id",
    "claim",
    "verdict",
    "confidence",
    "evidence_document",
    "evidence_paragraph",
    "evidence_sentence",
    "evidence_text",
    "conflict_kinds",
    "conflicts",
    "explanation",
    "error",
];

/// CSV rows, one per statement, after a header.
pub struct Csv<W: Write> {
    writer: ::csv::Writer<W>,
}

impl<W: Write> Csv<W> {
    pub fn new(out: W) -> Csv<W> {
        Csv {
            writer: ::csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(out),
        }
    }
}

/// The fields of one row, in [`HEADER`] order.
fn row(checked: &Checked) -> Vec<String> {
    let id = checked.id.clone().unwrap_or_default();
    let verdict = match &checked.outcome {
        Ok(verdict) => verdict,
        Err(error) => {
            let mut fields = vec![String::new(); HEADER.len()];
            fields[0] = id;
            fields[1] = checked.claim.clone();
            fields[11] = error.clone();
            return fields;
        }
    };
    let best = verdict.evidence.first();
    let conflicts = verdict
        .conflicts
        .iter()
        .map(|c| {
            format!(
                "{}: \"{}\" vs \"{}\"",
                c.kind, c.claim_text, c.evidence_text
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        id,
        checked.claim.clone(),
        verdict.label.as_str().to_string(),
        round4(verdict.confidence).to_string(),
        best.map(|e| e.document.clone()).unwrap_or_default(),
        best.map(|e| e.paragraph.to_string()).unwrap_or_default(),
        best.map(|e| e.sentence.to_string()).unwrap_or_default(),
        best.map(|e| e.text.clone()).unwrap_or_default(),
        conflict_kinds(verdict).join(";"),
        conflicts,
        verdict.explanation.clone(),
        String::new(),
    ]
}

impl<W: Write> Report for Csv<W> {
    fn begin(&mut self) -> Result<()> {
        self.writer.write_record(HEADER)?;
        Ok(())
    }

    fn verdict(&mut self, checked: &Checked) -> Result<()> {
        self.writer.write_record(row(checked))?;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.writer.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support;

    fn write(checked: &[Checked]) -> String {
        test_support::render(checked, |out| Box::new(Csv::new(out)))
    }

    #[test]
    fn one_row_per_statement_after_a_header() {
        let text = write(&test_support::batch());
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().unwrap(), HEADER.as_slice());
        let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(&rows[0][0], "d011");
        assert_eq!(&rows[0][2], "conflicting");
        assert_eq!(&rows[0][3], "0.93");
        assert_eq!(&rows[0][4], "a.txt");
        assert_eq!(&rows[0][7], test_support::PASSAGE);
        assert_eq!(&rows[0][8], "number");
        assert_eq!(&rows[0][9], r#"number: "150" vs "149""#);
        assert_eq!(&rows[1][2], "not_enough_info");
        assert_eq!(&rows[1][4], "");
        assert_eq!(&rows[2][2], "");
        assert_eq!(&rows[2][11], "in.jsonl:3: malformed JSON");
    }

    #[test]
    fn commas_quotes_and_newlines_are_quoted() {
        let checked = Checked {
            id: Some("x,1".to_string()),
            claim: "He said \"no\",\nthen left".to_string(),
            outcome: Err("bad".to_string()),
        };
        let text = write(&[checked]);
        assert!(
            text.ends_with("\"x,1\",\"He said \"\"no\"\",\nthen left\",,,,,,,,,,bad\n"),
            "{text}"
        );
    }

    #[test]
    fn empty_run_still_has_the_header() {
        assert_eq!(
            write(&[]),
            "id,claim,verdict,confidence,evidence_document,evidence_paragraph,evidence_sentence,evidence_text,conflict_kinds,conflicts,explanation,error\n"
        );
    }
}
