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
//! When the statements were read from CSV, the input's other columns (all
//! but the statement and `id`) follow `error`, with their own headers (one
//! that is already a column name above gets `input_` in front), so a
//! spreadsheet keeps what it had. Their names are those of the first row
//! read well; rows before it are held back until it comes. A row that could
//! not be read leaves them empty.
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
    /// The input's columns written after [`HEADER`], once known (from the
    /// first statement read well).
    columns: Option<Vec<String>>,
    /// Rows of statements that could not be read, before the columns were
    /// known.
    held: Vec<Vec<String>>,
}

impl<W: Write> Csv<W> {
    pub fn new(out: W) -> Csv<W> {
        Csv {
            writer: ::csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(out),
            columns: None,
            held: Vec::new(),
        }
    }

    /// Writes the header with `columns` after it, then the rows held back.
    fn write_header(&mut self, columns: Vec<String>) -> Result<()> {
        let mut header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
        header.extend(columns.iter().map(|name| {
            if HEADER.contains(&name.as_str()) {
                format!("input_{name}")
            } else {
                name.clone()
            }
        }));
        self.writer.write_record(&header)?;
        for mut row in std::mem::take(&mut self.held) {
            row.resize(header.len(), String::new());
            self.writer.write_record(row)?;
        }
        self.columns = Some(columns);
        Ok(())
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
    fn verdict(&mut self, checked: &Checked) -> Result<()> {
        self.verdict_with_columns(checked, &[])
    }

    fn verdict_with_columns(
        &mut self,
        checked: &Checked,
        input: &[(String, String)],
    ) -> Result<()> {
        let mut fields = row(checked);
        if self.columns.is_none() {
            if checked.outcome.is_err() && input.is_empty() {
                self.held.push(fields);
                return Ok(());
            }
            self.write_header(input.iter().map(|(name, _)| name.clone()).collect())?;
        }
        if let Some(columns) = &self.columns {
            fields.extend(columns.iter().map(|name| {
                input
                    .iter()
                    .find(|(column, _)| column == name)
                    .map(|(_, value)| value.clone())
                    .unwrap_or_default()
            }));
        }
        self.writer.write_record(fields)?;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        if self.columns.is_none() {
            self.write_header(Vec::new())?;
        }
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
    fn input_columns_follow_the_verdict_columns() {
        let batch = test_support::batch();
        let mut out = Vec::new();
        {
            let mut csv = Csv::new(&mut out);
            let columns = |source: &str| {
                vec![
                    ("source".to_string(), source.to_string()),
                    ("verdict".to_string(), "true".to_string()),
                ]
            };
            // The error row comes first and is held until the header is known.
            csv.verdict(&batch[2]).unwrap();
            csv.verdict_with_columns(&batch[0], &columns("tv")).unwrap();
            csv.verdict_with_columns(&batch[1], &columns("radio, late"))
                .unwrap();
            csv.finish().unwrap();
        }
        let mut reader = ::csv::Reader::from_reader(&out[..]);
        let header = reader.headers().unwrap().clone();
        assert_eq!(header.len(), HEADER.len() + 2);
        assert_eq!(&header[12], "source");
        assert_eq!(&header[13], "input_verdict");
        let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(&rows[0][11], "in.jsonl:3: malformed JSON");
        assert_eq!((&rows[0][12], &rows[0][13]), ("", ""));
        assert_eq!(
            (&rows[1][0], &rows[1][12], &rows[1][13]),
            ("d011", "tv", "true")
        );
        assert_eq!(&rows[2][12], "radio, late");
    }

    #[test]
    fn empty_run_still_has_the_header() {
        assert_eq!(
            write(&[]),
            "id,claim,verdict,confidence,evidence_document,evidence_paragraph,evidence_sentence,evidence_text,conflict_kinds,conflicts,explanation,error\n"
        );
    }
}
