//! Writing the scores of `factcheck eval`: a table for people, or one JSON
//! object ([`crate::eval::Scores`]) with `--json`.

use std::io::Write;

use anyhow::Result;

use super::escape_control;
use crate::eval::{Scores, MISSING};
use crate::verdict::Label;

/// The scores as one JSON object on one line.
pub fn write_json(out: &mut dyn Write, scores: &Scores) -> Result<()> {
    serde_json::to_writer(&mut *out, scores)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// The scores as text: the headline, per-class scores, the confusion
/// matrix, accuracy per kind, then every misclassified statement.
pub fn write_text(out: &mut dyn Write, scores: &Scores) -> Result<()> {
    writeln!(
        out,
        "n={} accuracy={:.3} macro_f1={:.3} binary_bacc={:.3}",
        scores.n, scores.accuracy, scores.macro_f1, scores.binary_balanced_accuracy
    )?;
    for (label, class) in &scores.per_class.0 {
        writeln!(
            out,
            "  {label:<16} P={:.3} R={:.3} F1={:.3}",
            class.precision, class.recall, class.f1
        )?;
    }
    let mut columns: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
    for (_, row) in &scores.confusion.0 {
        for (predicted, _) in &row.0 {
            if !columns.contains(&predicted.as_str()) {
                columns.push(predicted);
            }
        }
    }
    // `missing` only earns a column when something was missing.
    columns.retain(|c| {
        *c != MISSING
            || scores
                .confusion
                .0
                .iter()
                .any(|(_, row)| row.get(MISSING).is_some())
    });
    writeln!(out, "confusion (rows: gold, columns: predicted):")?;
    write!(out, "  {:<16}", "")?;
    for column in &columns {
        write!(out, " {column:>16}")?;
    }
    writeln!(out)?;
    for (gold, row) in &scores.confusion.0 {
        write!(out, "  {gold:<16}")?;
        for column in &columns {
            write!(out, " {:>16}", row.get(column).copied().unwrap_or(0))?;
        }
        writeln!(out)?;
    }
    let kinds: Vec<String> = scores
        .by_kind
        .0
        .iter()
        .map(|(kind, accuracy)| format!("{}={accuracy:.2}", escape_control(kind)))
        .collect();
    writeln!(out, "by kind: {}", kinds.join(", "))?;
    if !scores.wrong.is_empty() {
        writeln!(out, "misclassified ({}):", scores.wrong.len())?;
        for wrong in &scores.wrong {
            writeln!(
                out,
                "  {} | gold {} | predicted {} | {}",
                escape_control(wrong.id.as_deref().unwrap_or("-")),
                escape_control(&wrong.gold),
                escape_control(&wrong.predicted),
                escape_control(&wrong.claim)
            )?;
            if !wrong.explanation.is_empty() {
                writeln!(out, "      because: {}", escape_control(&wrong.explanation))?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{score, Prediction};

    #[test]
    fn text_shows_headline_matrix_and_mistakes() {
        let prediction = |gold: &str, predicted: &str| Prediction {
            id: Some("d1".to_string()),
            claim: "150 died".to_string(),
            gold: gold.to_string(),
            predicted: predicted.to_string(),
            kind: "numeric".to_string(),
            explanation: "no passage".to_string(),
        };
        let scores = score(&[
            prediction("supported", "supported"),
            prediction("conflicting", "not_enough_info"),
        ]);
        let mut out = Vec::new();
        write_text(&mut out, &scores).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("n=2 accuracy=0.500 macro_f1="), "{text}");
        assert!(text.contains("by kind: numeric=0.50\n"), "{text}");
        assert!(
            text.contains(
                "  d1 | gold conflicting | predicted not_enough_info | 150 died\n      because: no passage\n"
            ),
            "{text}"
        );
        assert!(!text.contains(MISSING), "{text}");
    }
}
