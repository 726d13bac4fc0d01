//! When a run fails: the CI policy of `check`, `batch` and `draft`
//! (`--fail-on`, `--min-confidence`).
//!
//! A verdict less confident than `--min-confidence` counts as
//! `not_enough_info`: it neither fails a `--fail-on conflicting` gate nor
//! passes a `--fail-on unsupported` one. So `--fail-on conflicting
//! --min-confidence 0.8` fails only on confident conflicts, and `--fail-on
//! unsupported --min-confidence 0.8` asks every statement to be confidently
//! supported.

use serde::Serialize;

use crate::verdict::{Label, Verdict};

/// Which verdicts fail the run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailOn {
    /// A statement conflicts with the corpus.
    #[default]
    Conflicting,
    /// A statement is not supported: it conflicts, or the corpus does not
    /// settle it (`not_enough_info`).
    Unsupported,
}

impl FailOn {
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Conflicting => "conflicting",
            FailOn::Unsupported => "unsupported",
        }
    }
}

/// The gate a run's verdicts must pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Policy {
    pub fail_on: FailOn,
    /// Verdicts below this confidence count as `not_enough_info`.
    pub min_confidence: f32,
}

impl Policy {
    /// The label the policy reads `verdict` as: its own, or
    /// `not_enough_info` when it is less confident than required.
    pub fn label(&self, verdict: &Verdict) -> Label {
        if verdict.confidence < self.min_confidence {
            Label::NotEnoughInfo
        } else {
            verdict.label
        }
    }

    /// Does this verdict fail the run?
    pub fn fails(&self, verdict: &Verdict) -> bool {
        matches!(
            (self.fail_on, self.label(verdict)),
            (_, Label::Conflicting) | (FailOn::Unsupported, Label::NotEnoughInfo)
        )
    }

    /// `--fail-on conflicting` or `--fail-on unsupported --min-confidence
    /// 0.8`: the policy as typed, for summaries.
    pub fn describe(&self) -> String {
        let mut text = format!("--fail-on {}", self.fail_on.as_str());
        if self.min_confidence > 0.0 {
            text.push_str(&format!(" --min-confidence {}", self.min_confidence));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::decide;

    fn verdict(label: Label, confidence: f32) -> Verdict {
        let mut verdict = decide(Vec::new());
        verdict.label = label;
        verdict.confidence = confidence;
        verdict
    }

    #[test]
    fn conflicting_fails_only_on_conflicts() {
        let policy = Policy::default();
        assert!(policy.fails(&verdict(Label::Conflicting, 0.9)));
        assert!(!policy.fails(&verdict(Label::NotEnoughInfo, 0.9)));
        assert!(!policy.fails(&verdict(Label::Supported, 0.9)));
    }

    #[test]
    fn unsupported_fails_on_not_enough_info_too() {
        let policy = Policy {
            fail_on: FailOn::Unsupported,
            min_confidence: 0.0,
        };
        assert!(policy.fails(&verdict(Label::Conflicting, 0.9)));
        assert!(policy.fails(&verdict(Label::NotEnoughInfo, 0.9)));
        assert!(!policy.fails(&verdict(Label::Supported, 0.9)));
    }

    #[test]
    fn low_confidence_counts_as_not_enough_info() {
        let conflicts = Policy {
            fail_on: FailOn::Conflicting,
            min_confidence: 0.8,
        };
        assert!(!conflicts.fails(&verdict(Label::Conflicting, 0.7)));
        assert!(conflicts.fails(&verdict(Label::Conflicting, 0.8)));
        let unsupported = Policy {
            fail_on: FailOn::Unsupported,
            min_confidence: 0.8,
        };
        assert!(unsupported.fails(&verdict(Label::Supported, 0.7)));
        assert!(!unsupported.fails(&verdict(Label::Supported, 0.95)));
        assert_eq!(
            unsupported.describe(),
            "--fail-on unsupported --min-confidence 0.8"
        );
    }
}
