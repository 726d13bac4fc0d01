//! The `factcheck` binary: parse arguments, run, turn the outcome into an
//! exit status (all of which `cli::exit` decides).

use std::process::ExitCode;

use clap::Parser;

use factcheck::cli::{self, Cli, ExitStatus};

fn main() -> ExitCode {
    match cli::run(Cli::parse()) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) if factcheck::report::is_broken_pipe(&err) => ExitStatus::Clean.exit_code(),
        Err(err) => {
            eprintln!("factcheck: {err:#}");
            ExitStatus::Failure.exit_code()
        }
    }
}
