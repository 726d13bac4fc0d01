//! Exit statuses: the one place that turns how a run went into a number.

use std::process::ExitCode;

use crate::report::Tally;

/// The exit statuses, as `--help` documents them (the README quotes this).
pub const EXIT_STATUS_HELP: &str = "\
Exit status:
  0  every statement was checked and none conflicts with the corpus
  1  at least one statement conflicts (with --strict: or is not_enough_info)
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
    /// Nothing conflicts (status 0).
    Clean,
    /// A statement conflicts, or with `--strict` lacks evidence; for
    /// `eval`, a score is under its `--fail-under` value (status 1).
    Conflict,
    /// Usage or I/O error, or a statement could not be read or checked
    /// (status 2).
    Failure,
}

impl ExitStatus {
    /// The status for a run that checked statements.
    pub fn for_tally(tally: &Tally, strict: bool) -> ExitStatus {
        if tally.errors > 0 {
            ExitStatus::Failure
        } else if tally.conflicting > 0 || (strict && tally.not_enough_info > 0) {
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

    fn tally(conflicting: usize, not_enough_info: usize, errors: usize) -> Tally {
        Tally {
            supported: 3,
            conflicting,
            not_enough_info,
            errors,
            ..Tally::default()
        }
    }

    #[test]
    fn conflict_exits_1_and_errors_win() {
        assert_eq!(
            ExitStatus::for_tally(&tally(0, 2, 0), false),
            ExitStatus::Clean
        );
        assert_eq!(
            ExitStatus::for_tally(&tally(1, 0, 0), false),
            ExitStatus::Conflict
        );
        assert_eq!(
            ExitStatus::for_tally(&tally(1, 0, 1), false),
            ExitStatus::Failure
        );
    }

    #[test]
    fn strict_counts_not_enough_info_as_failure_to_support() {
        assert_eq!(
            ExitStatus::for_tally(&tally(0, 1, 0), true),
            ExitStatus::Conflict
        );
        assert_eq!(
            ExitStatus::for_tally(&tally(0, 0, 0), true),
            ExitStatus::Clean
        );
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
