//! `factcheck eval`: run labeled statements and score the verdicts.
//!
//! The numbers are the ones the benchmark script (`bench/score.py`)
//! computes, so that `factcheck eval` and the script never disagree:
//!
//! - `n`: labeled statements read; `accuracy`: share whose verdict equals the
//!   gold label;
//! - per class (`supported`, `conflicting`, `not_enough_info`): precision,
//!   recall and F1, each 0 rather than NaN when its denominator is 0;
//! - `macro_f1`: the mean of the three F1s;
//! - `confusion`: gold label → predicted label → count (only counts above
//!   zero, as the script's `Counter`s); a statement that could not be checked
//!   is predicted `missing`;
//! - `by_kind`: accuracy per `kind` (`?` when a line has none), sorted by
//!   kind;
//! - `wrong`: every misclassified statement with its explanation.
//!
//! Gold labels are compared as written, as the script does: a label outside
//! the three counts in `n` but can never be right.

use std::collections::BTreeMap;
use std::io::BufRead;

use anyhow::Result;
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::input::{parse_json_object, InputError, InputErrorKind, Lines};
use crate::retrieve::Retriever;
use crate::verdict::Label;
use crate::verify::Verifier;

/// What a statement that could not be checked is predicted as.
pub const MISSING: &str = "missing";

/// One line of a labeled file: `{"id", "claim", "label", "kind"?}`.
#[derive(Clone, Debug, PartialEq)]
pub struct LabeledStatement {
    pub id: Option<String>,
    pub claim: String,
    /// The gold label, as written.
    pub label: String,
    /// What the statement tests (`numeric`, `date`, ...); `?` when absent.
    pub kind: String,
}

/// Reads labeled JSON Lines, one [`LabeledStatement`] or error per
/// non-blank line; fields other than `id`, `claim` (or `statement`/`text`),
/// `label` and `kind` are ignored.
pub fn labeled_statements<'a, R: BufRead + 'a>(
    reader: R,
) -> impl Iterator<Item = Result<LabeledStatement, InputError>> + 'a {
    Lines::new(reader).filter_map(|line| {
        let (number, text) = match line {
            Ok(line) => line,
            Err(err) => return Some(Err(err)),
        };
        if text.trim().is_empty() {
            return None;
        }
        Some(parse_labeled(&text).map_err(|(id, kind)| InputError {
            line: number,
            id,
            kind,
        }))
    })
}

fn parse_labeled(text: &str) -> Result<LabeledStatement, (Option<String>, InputErrorKind)> {
    let (statement, object) = parse_json_object(text)?;
    let Some(label) = object.get("label").and_then(|label| label.as_str()) else {
        return Err((statement.id, InputErrorKind::MissingLabel));
    };
    let kind = object
        .get("kind")
        .and_then(|kind| kind.as_str())
        .unwrap_or("?");
    Ok(LabeledStatement {
        id: statement.id,
        claim: statement.claim,
        label: label.to_string(),
        kind: kind.to_string(),
    })
}

/// A labeled statement with the verdict factcheck gave it.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    pub id: Option<String>,
    pub claim: String,
    pub gold: String,
    /// A label name, or [`MISSING`].
    pub predicted: String,
    pub kind: String,
    /// The verdict's explanation, or why the statement could not be checked.
    pub explanation: String,
}

/// Precision, recall and F1 of one label.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct ClassScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// A misclassified statement.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Misclassified {
    pub id: Option<String>,
    pub gold: String,
    pub predicted: String,
    pub claim: String,
    pub explanation: String,
}

/// A map that serializes its entries in the order given (JSON objects
/// whose keys read in label order, not alphabetically).
#[derive(Clone, Debug, PartialEq)]
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<T> Ordered<T> {
    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// Everything `factcheck eval` reports (see the module docs).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Scores {
    pub n: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub per_class: Ordered<ClassScores>,
    /// gold → predicted → count.
    pub confusion: Ordered<Ordered<usize>>,
    pub by_kind: Ordered<f64>,
    pub wrong: Vec<Misclassified>,
}

/// Scores predictions exactly as `bench/score.py` does.
pub fn score(predictions: &[Prediction]) -> Scores {
    let mut confusion: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    for p in predictions {
        *confusion
            .entry(&p.gold)
            .or_default()
            .entry(&p.predicted)
            .or_default() += 1;
        let is_right = p.predicted == p.gold;
        let (right, total) = kinds.entry(&p.kind).or_default();
        *total += 1;
        if is_right {
            *right += 1;
        } else {
            wrong.push(Misclassified {
                id: p.id.clone(),
                gold: p.gold.clone(),
                predicted: p.predicted.clone(),
                claim: p.claim.clone(),
                explanation: p.explanation.clone(),
            });
        }
    }
    let count = |gold: &str, predicted: &str| {
        confusion
            .get(gold)
            .and_then(|row| row.get(predicted))
            .copied()
            .unwrap_or(0)
    };
    let labels = Label::ALL.map(Label::as_str);
    let n = predictions.len();
    let correct: usize = labels.iter().map(|l| count(l, l)).sum();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let per_class: Vec<(String, ClassScores)> = labels
        .iter()
        .map(|&label| {
            let tp = count(label, label);
            let fp: usize = labels
                .iter()
                .filter(|&&other| other != label)
                .map(|other| count(other, label))
                .sum();
            let gold_total: usize = confusion.get(label).map_or(0, |row| row.values().sum());
            let fn_ = gold_total - tp;
            let precision = ratio(tp, tp + fp);
            let recall = ratio(tp, tp + fn_);
            let f1 = if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            };
            (
                label.to_string(),
                ClassScores {
                    precision,
                    recall,
                    f1,
                },
            )
        })
        .collect();
    let macro_f1 = per_class.iter().map(|(_, s)| s.f1).sum::<f64>() / labels.len() as f64;
    // Predicted columns in label order, then `missing`, then anything else.
    let rank = |predicted: &str| {
        labels
            .iter()
            .position(|l| *l == predicted)
            .unwrap_or(if predicted == MISSING { 3 } else { 4 })
    };
    let confusion_out = labels
        .iter()
        .map(|&gold| {
            let mut row: Vec<(String, usize)> = confusion
                .get(gold)
                .map(|row| row.iter().map(|(p, c)| (p.to_string(), *c)).collect())
                .unwrap_or_default();
            row.sort_by(|a, b| rank(&a.0).cmp(&rank(&b.0)).then(a.0.cmp(&b.0)));
            (gold.to_string(), Ordered(row))
        })
        .collect();
    let by_kind = kinds
        .into_iter()
        .map(|(kind, (right, total))| (kind.to_string(), ratio(right, total)))
        .collect();
    Scores {
        n,
        accuracy: ratio(correct, n),
        macro_f1,
        per_class: Ordered(per_class),
        confusion: Ordered(confusion_out),
        by_kind: Ordered(by_kind),
        wrong,
    }
}

/// What running a labeled file gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub predictions: Vec<Prediction>,
    /// Lines that could not be read (reported through the callback, not
    /// scored, as the script skips them).
    pub bad_lines: usize,
    /// Statements the verifier failed on (scored as [`MISSING`]).
    pub failed: usize,
}

/// Checks every labeled statement with `verifier`. Each unreadable line is
/// passed to `on_bad_line` and skipped; a fatal read error ends the run.
pub fn evaluate<R: Retriever>(
    verifier: &Verifier<R>,
    statements: impl Iterator<Item = Result<LabeledStatement, InputError>>,
    mut on_bad_line: impl FnMut(&InputError),
) -> Result<Evaluation, InputError> {
    let mut evaluation = Evaluation {
        predictions: Vec::new(),
        bad_lines: 0,
        failed: 0,
    };
    for statement in statements {
        let statement = match statement {
            Ok(statement) => statement,
            Err(err) if err.is_fatal() => return Err(err),
            Err(err) => {
                on_bad_line(&err);
                evaluation.bad_lines += 1;
                continue;
            }
        };
        let (predicted, explanation) = match verifier.check(&statement.claim) {
            Ok(verdict) => (verdict.label.as_str().to_string(), verdict.explanation),
            Err(err) => {
                evaluation.failed += 1;
                (MISSING.to_string(), format!("error: {err:#}"))
            }
        };
        evaluation.predictions.push(Prediction {
            id: statement.id,
            claim: statement.claim,
            gold: statement.label,
            predicted,
            kind: statement.kind,
            explanation,
        });
    }
    Ok(evaluation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prediction(gold: &str, predicted: &str, kind: &str) -> Prediction {
        Prediction {
            id: Some(format!("{gold}-{predicted}")),
            claim: "c".to_string(),
            gold: gold.to_string(),
            predicted: predicted.to_string(),
            kind: kind.to_string(),
            explanation: String::new(),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// gold → predicted:
    /// supported: 2 supported, 1 not_enough_info;
    /// conflicting: 1 supported, 1 not_enough_info (never predicted);
    /// not_enough_info: 1 not_enough_info.
    fn hand_made() -> Vec<Prediction> {
        vec![
            prediction("supported", "supported", "numeric"),
            prediction("supported", "supported", "date"),
            prediction("supported", "not_enough_info", "date"),
            prediction("conflicting", "supported", "numeric"),
            prediction("conflicting", "not_enough_info", "numeric"),
            prediction("not_enough_info", "not_enough_info", "topic"),
        ]
    }

    #[test]
    fn scores_a_hand_made_confusion() {
        let scores = score(&hand_made());
        assert_eq!(scores.n, 6);
        assert!(close(scores.accuracy, 0.5));
        // supported: tp 2, fp 1, fn 1.
        let supported = scores.per_class.get("supported").unwrap();
        assert!(close(supported.precision, 2.0 / 3.0));
        assert!(close(supported.recall, 2.0 / 3.0));
        assert!(close(supported.f1, 2.0 / 3.0));
        // not_enough_info: tp 1, fp 2, fn 0.
        let nei = scores.per_class.get("not_enough_info").unwrap();
        assert!(close(nei.precision, 1.0 / 3.0));
        assert!(close(nei.recall, 1.0));
        assert!(close(nei.f1, 0.5));
        assert!(close(scores.macro_f1, (2.0 / 3.0 + 0.0 + 0.5) / 3.0));
        assert_eq!(scores.wrong.len(), 3);
        assert_eq!(scores.wrong[0].gold, "supported");
        assert_eq!(scores.wrong[0].predicted, "not_enough_info");
    }

    #[test]
    fn class_never_predicted_scores_zero_not_nan() {
        let scores = score(&hand_made());
        let conflicting = scores.per_class.get("conflicting").unwrap();
        assert_eq!(conflicting.precision, 0.0);
        assert_eq!(conflicting.recall, 0.0);
        assert_eq!(conflicting.f1, 0.0);
        let json = serde_json::to_string(&scores).unwrap();
        assert!(!json.contains("NaN") && !json.contains("null"), "{json}");
    }

    #[test]
    fn confusion_and_kinds_match_the_script() {
        let scores = score(&hand_made());
        let json = serde_json::to_value(&scores).unwrap();
        assert_eq!(
            json["confusion"],
            serde_json::json!({
                "supported": {"supported": 2, "not_enough_info": 1},
                "conflicting": {"supported": 1, "not_enough_info": 1},
                "not_enough_info": {"not_enough_info": 1},
            })
        );
        assert_eq!(
            json["by_kind"],
            serde_json::json!({"date": 0.5, "numeric": 1.0 / 3.0, "topic": 1.0})
        );
        // Keys in the script's order (serde_json::Value would sort them).
        let text = serde_json::to_string(&scores).unwrap();
        let positions: Vec<usize> = [
            "\"n\"",
            "\"accuracy\"",
            "\"macro_f1\"",
            "\"per_class\"",
            "\"confusion\"",
            "\"by_kind\"",
            "\"wrong\"",
        ]
        .iter()
        .map(|key| text.find(key).unwrap())
        .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert!(text.contains(r#""confusion":{"supported":{"supported":2,"not_enough_info":1}"#));
    }

    #[test]
    fn missing_predictions_count_against_recall() {
        let scores = score(&[
            prediction("supported", "supported", "?"),
            prediction("supported", MISSING, "?"),
        ]);
        let supported = scores.per_class.get("supported").unwrap();
        assert!(close(supported.precision, 1.0));
        assert!(close(supported.recall, 0.5));
        assert_eq!(
            scores.confusion.get("supported").unwrap().0,
            vec![("supported".to_string(), 1), (MISSING.to_string(), 1)]
        );
    }

    #[test]
    fn empty_input_scores_zero() {
        let scores = score(&[]);
        assert_eq!(scores.n, 0);
        assert_eq!(scores.accuracy, 0.0);
        assert_eq!(scores.macro_f1, 0.0);
    }

    #[test]
    fn reads_labeled_lines_and_reports_bad_ones() {
        let input = b"{\"id\": \"a\", \"claim\": \"x\", \"label\": \"supported\", \"kind\": \"date\"}\n\n{\"id\": 2, \"claim\": \"y\"}\n{\"claim\": \"z\", \"label\": \"conflicting\"}\n";
        let got: Vec<_> = labeled_statements(&input[..]).collect();
        assert_eq!(
            got[0],
            Ok(LabeledStatement {
                id: Some("a".to_string()),
                claim: "x".to_string(),
                label: "supported".to_string(),
                kind: "date".to_string(),
            })
        );
        assert_eq!(
            got[1],
            Err(InputError {
                line: 3,
                id: Some("2".to_string()),
                kind: InputErrorKind::MissingLabel
            })
        );
        assert_eq!(got[2].as_ref().unwrap().kind, "?");
        assert_eq!(got.len(), 3);
    }
}
