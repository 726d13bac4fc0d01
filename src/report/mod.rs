//! Writing verdicts: the only module that writes output.

use std::io::Write;

use anyhow::Result;

use crate::verdict::Verdict;

/// A statement as the user gave it, with what checking it gave.
#[derive(Debug)]
pub struct Checked {
    /// The id from the input, if it had one.
    pub id: Option<String>,
    pub claim: String,
    /// The verdict, or why the statement could not be checked.
    pub outcome: std::result::Result<Verdict, String>,
}

/// One output format.
pub trait Report {
    fn begin(&mut self) -> Result<()> {
        Ok(())
    }
    fn verdict(&mut self, checked: &Checked) -> Result<()>;
    fn finish(&mut self) -> Result<()> {
        Ok(())
    }
}

/// JSON Lines: one object per statement.
pub struct JsonLines<W> {
    out: W,
}

impl<W: Write> JsonLines<W> {
    pub fn new(out: W) -> JsonLines<W> {
        JsonLines { out }
    }
}

impl<W: Write> Report for JsonLines<W> {
    fn verdict(&mut self, checked: &Checked) -> Result<()> {
        let value = match &checked.outcome {
            Ok(v) => serde_json::json!({"id": checked.id, "claim": checked.claim,
                "verdict": v.label, "confidence": v.confidence, "evidence": v.evidence,
                "conflicts": v.conflicts, "explanation": v.explanation}),
            Err(e) => serde_json::json!({"id": checked.id, "claim": checked.claim,
                "verdict": null, "error": e}),
        };
        writeln!(self.out, "{value}")?;
        Ok(())
    }
    fn finish(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// True when `err` is, at bottom, a closed output pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
