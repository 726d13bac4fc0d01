//! Exit statuses: the one place that turns how a run went into a number.

use std::process::ExitCode;

use crate::report::Tally;

/// The exit statuses, as `--help` documents them (the README quotes this).
pub const EXIT_STATUS_HELP: &str = "\
Exit status:
  0  every statement was checked and the --fail-on policy holds
  1  the policy fails: a statement conflicts (--fail-on unsupported: or is
     not_enough_info); verdicts below --min-confidence are not_enough_info
  2  usage or I/O error, or a statement could not be read or checked
A closed output pipe (factcheck batch f | head -1) ends quietly with 0.";

/// The exit statuses of `factcheck eval`, as its `--help` documents them.
pub const EVAL_EXIT_STATUS_HELP: &str = "\
Exit status:
  0  every line was scored and no --fail-under score is below its value
  1  a score is below its --fail-under value
  2  usage or I/O error, or a line could not be read or checked";

/// How a run ended, from best to worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// The policy holds: nothing conflicts (status 0).
    Clean,
    /// The policy fails: a statement conflicts, or with `--fail-on
    /// unsupported` lacks evidence; for `eval`, a score is under its
    /// `--fail-under` value (status 1).
    Conflict,
    /// Usage or I/O error, or a statement could not be read or checked
    /// (status 2).
    Failure,
}

impl ExitStatus {
    /// The status for a run that checked statements: errors first, then
    /// the statements that fail the policy ([`Tally::failing`]).
    pub fn for_tally(tally: &Tally) -> ExitStatus {
        ExitStatus::for_counts(tally.errors, tally.failing)
    }

    /// The status for a run with `errors` statements (or claims) that
    /// could not be checked and `failing` that fail the policy.
    pub fn for_counts(errors: usize, failing: usize) -> ExitStatus {
        if errors > 0 {
            ExitStatus::Failure
        } else if failing > 0 {
            ExitStatus::Conflict
        } else {
            ExitStatus::Clean
        }
    }

    /// The number the process exits with.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Clean => 0,
            ExitStatus::Conflict => 1,
            ExitStatus::Failure => 2,
        }
    }

    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(self.code())
    }
}

/// How a run ended: what `cli::run` returns to `main`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub status: ExitStatus,
}

impl Outcome {
    pub fn new(status: ExitStatus) -> Outcome {
        Outcome { status }
    }

    pub fn exit_code(&self) -> ExitCode {
        self.status.exit_code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(failing: usize, errors: usize) -> Tally {
        Tally {
            supported: 3,
            conflicting: failing,
            errors,
            failing,
            ..Tally::default()
        }
    }

    #[test]
    fn a_failing_statement_exits_1_and_errors_win() {
        assert_eq!(ExitStatus::for_tally(&tally(0, 0)), ExitStatus::Clean);
        assert_eq!(ExitStatus::for_tally(&tally(1, 0)), ExitStatus::Conflict);
        assert_eq!(ExitStatus::for_tally(&tally(1, 1)), ExitStatus::Failure);
    }

    #[test]
    fn codes_match_the_help() {
        assert_eq!(ExitStatus::Clean.code(), 0);
        assert_eq!(ExitStatus::Conflict.code(), 1);
        assert_eq!(ExitStatus::Failure.code(), 2);
        for code in 0..3 {
            assert!(EXIT_STATUS_HELP.contains(&format!("  {code}  ")));
        }
    }
}
