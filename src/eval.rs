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
//! - `binary_balanced_accuracy`: supported against not supported, where
//!   `conflicting`, `not_enough_info` and `missing` predictions alike count
//!   as not supported: the mean of the recall on gold `supported` and the
//!   recall on the other gold labels; 0 when either side has no statement
//!   (the primary metric of sets whose gold labels are binary);
//! - `confusion`: gold label → predicted label → count (only counts above
//!   zero, as the script's `Counter`s); a statement that could not be checked
//!   is predicted `missing`;
//! - `by_kind`: accuracy per `kind` (`?` when a line has none), sorted by
//!   kind;
//! - `wrong`: every misclassified statement with its explanation.
//!
//! Gold labels are read as [`gold_label`] reads them: the three label names,
//! or FEVER's spellings (`SUPPORTS`, `REFUTES`, `NOT ENOUGH INFO`), in any
//! case. A line with another label is an error naming its line, and is not
//! scored: a typo must not quietly count as a wrong answer.

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
    /// The gold label.
    pub label: Label,
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
    let Some(written) = object.get("label").and_then(|label| label.as_str()) else {
        return Err((statement.id, InputErrorKind::MissingLabel));
    };
    let Some(label) = gold_label(written) else {
        return Err((
            statement.id,
            InputErrorKind::UnknownLabel(written.to_string()),
        ));
    };
    let kind = object
        .get("kind")
        .and_then(|kind| kind.as_str())
        .unwrap_or("?");
    Ok(LabeledStatement {
        id: statement.id,
        claim: statement.claim,
        label,
        kind: kind.to_string(),
    })
}

/// The label a gold `label` field names: `supported`, `conflicting`,
/// `not_enough_info`, or FEVER's `SUPPORTS`, `REFUTES`, `NOT ENOUGH INFO`,
/// in any case, with spaces, `_` or `-` between the words. None for
/// anything else.
pub fn gold_label(written: &str) -> Option<Label> {
    let words: Vec<String> = written
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    match words.join("_").as_str() {
        "supported" | "supports" => Some(Label::Supported),
        "conflicting" | "refutes" => Some(Label::Conflicting),
        "not_enough_info" => Some(Label::NotEnoughInfo),
        _ => None,
    }
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
    pub binary_balanced_accuracy: f64,
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
    // Supported against the rest, as the script computes it: any
    // prediction but `supported` is right for a gold label that is not.
    let row_total = |gold: &str| confusion.get(gold).map_or(0, |row| row.values().sum());
    let supported_n = row_total(Label::Supported.as_str());
    let unsupported_n = n - supported_n;
    let unsupported_right: usize = labels
        .iter()
        .filter(|&&gold| gold != Label::Supported.as_str())
        .filter_map(|gold| confusion.get(gold))
        .flat_map(|row| row.iter())
        .filter(|(predicted, _)| **predicted != Label::Supported.as_str())
        .map(|(_, count)| count)
        .sum();
    let binary_balanced_accuracy = if supported_n > 0 && unsupported_n > 0 {
        (ratio(count("supported", "supported"), supported_n)
            + ratio(unsupported_right, unsupported_n))
            / 2.0
    } else {
        0.0
    };
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
        binary_balanced_accuracy,
        per_class: Ordered(per_class),
        confusion: Ordered(confusion_out),
        by_kind: Ordered(by_kind),
        wrong,
    }
}

impl Scores {
    /// The score `--fail-under` names: `accuracy`, `macro_f1`,
    /// `binary_balanced_accuracy` (or `binary_bacc`), or
    /// `LABEL.precision`, `LABEL.recall`, `LABEL.f1` for one of the three
    /// labels (`conflicting.precision`). None for another name.
    pub fn metric(&self, name: &str) -> Option<f64> {
        match name {
            "accuracy" => return Some(self.accuracy),
            "macro_f1" => return Some(self.macro_f1),
            "binary_balanced_accuracy" | "binary_bacc" => {
                return Some(self.binary_balanced_accuracy)
            }
            _ => {}
        }
        let (label, measure) = name.split_once('.')?;
        let class = self.per_class.get(label)?;
        match measure {
            "precision" => Some(class.precision),
            "recall" => Some(class.recall),
            "f1" => Some(class.f1),
            _ => None,
        }
    }
}

/// `--fail-under METRIC=VALUE`: the run fails when the score is below.
#[derive(Clone, Debug, PartialEq)]
pub struct Gate {
    /// A name [`Scores::metric`] knows.
    pub metric: String,
    /// The lowest passing score, in [0, 1].
    pub minimum: f64,
}

/// The names `--fail-under` takes, for its messages.
pub const METRIC_NAMES: &str = "accuracy, macro_f1, binary_balanced_accuracy (binary_bacc), \
     or LABEL.precision, LABEL.recall, LABEL.f1 with LABEL supported, conflicting or not_enough_info";

impl Gate {
    /// Reads `METRIC=VALUE`, e.g. `macro_f1=0.9`.
    pub fn parse(text: &str) -> Result<Gate, String> {
        let Some((metric, value)) = text.split_once('=') else {
            return Err(format!(
                "'{text}' is not METRIC=VALUE; for example --fail-under macro_f1=0.9"
            ));
        };
        let metric = metric.trim();
        if score(&[]).metric(metric).is_none() {
            return Err(format!("unknown metric '{metric}'; use {METRIC_NAMES}"));
        }
        let minimum: f64 = value
            .trim()
            .parse()
            .ok()
            .filter(|v: &f64| (0.0..=1.0).contains(v))
            .ok_or_else(|| format!("'{value}' is not a score from 0 to 1, e.g. {metric}=0.9"))?;
        Ok(Gate {
            metric: metric.to_string(),
            minimum,
        })
    }

    /// Why `scores` fail this gate, or None when they pass.
    pub fn failure(&self, scores: &Scores) -> Option<String> {
        let value = scores.metric(&self.metric)?;
        (value < self.minimum).then(|| {
            format!(
                "{} is {value:.4}, under --fail-under {}={}",
                self.metric, self.metric, self.minimum
            )
        })
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
            gold: statement.label.as_str().to_string(),
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
            "\"binary_balanced_accuracy\"",
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
    fn binary_balanced_accuracy_counts_every_other_prediction_as_not_supported() {
        // Gold supported: 1 of 2 right. Gold not supported: conflicting
        // predicted not_enough_info and missing both count as right, the
        // one predicted supported does not: 2 of 3.
        let scores = score(&[
            prediction("supported", "supported", "?"),
            prediction("supported", "conflicting", "?"),
            prediction("conflicting", "not_enough_info", "?"),
            prediction("not_enough_info", MISSING, "?"),
            prediction("not_enough_info", "supported", "?"),
        ]);
        assert!(close(
            scores.binary_balanced_accuracy,
            (0.5 + 2.0 / 3.0) / 2.0
        ));
        // One side empty: 0, as the script has it.
        let one_sided = score(&[prediction("supported", "supported", "?")]);
        assert_eq!(one_sided.binary_balanced_accuracy, 0.0);
    }

    #[test]
    fn gold_labels_in_fever_spellings_are_read_and_others_are_not() {
        for (written, label) in [
            ("supported", Label::Supported),
            ("SUPPORTS", Label::Supported),
            ("Supports", Label::Supported),
            ("REFUTES", Label::Conflicting),
            ("conflicting", Label::Conflicting),
            ("NOT ENOUGH INFO", Label::NotEnoughInfo),
            ("not_enough_info", Label::NotEnoughInfo),
            (" Not Enough Info ", Label::NotEnoughInfo),
        ] {
            assert_eq!(gold_label(written), Some(label), "{written}");
        }
        for unknown in ["", "true", "supprted", "NOT ENOUGH", "refuted info"] {
            assert_eq!(gold_label(unknown), None, "{unknown}");
        }
        let got: Vec<_> =
            labeled_statements(&b"{\"claim\": \"x\", \"label\": \"REFUTES\"}\n{\"claim\": \"y\", \"label\": \"maybe\"}\n"[..])
                .collect();
        assert_eq!(got[0].as_ref().unwrap().label, Label::Conflicting);
        assert_eq!(
            got[1],
            Err(InputError {
                line: 2,
                id: None,
                kind: InputErrorKind::UnknownLabel("maybe".to_string())
            })
        );
    }

    #[test]
    fn gates_name_a_known_metric_and_a_score() {
        let gate = Gate::parse("conflicting.precision=0.9").unwrap();
        assert_eq!(gate.metric, "conflicting.precision");
        assert_eq!(gate.minimum, 0.9);
        let scores = score(&hand_made());
        // conflicting is never predicted: precision 0.
        assert_eq!(
            gate.failure(&scores).as_deref(),
            Some("conflicting.precision is 0.0000, under --fail-under conflicting.precision=0.9")
        );
        assert_eq!(Gate::parse("accuracy=0.5").unwrap().failure(&scores), None);
        assert_eq!(
            scores.metric("binary_bacc"),
            Some(scores.binary_balanced_accuracy)
        );
        assert_eq!(scores.metric("not_enough_info.recall"), Some(1.0));
        for bad in [
            "accuracy",
            "f1=0.5",
            "accuracy=2",
            "accuracy=x",
            "supported.f2=0.1",
        ] {
            assert!(Gate::parse(bad).is_err(), "{bad}");
        }
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
                label: Label::Supported,
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
