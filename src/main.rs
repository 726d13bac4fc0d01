//! The `factcheck` binary: parse arguments, run, turn the outcome into an
//! exit status (all of which `cli::exit` decides).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use factcheck::cli::{self, Cli, ExitStatus};

/// Analysing text allocates many small strings (tokens, lemmas, spans):
/// with the system allocator, malloc and free were a fifth of a batch's
/// time (perf); mimalloc serves them from per-thread pages.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run(Cli::parse()) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) if factcheck::report::is_broken_pipe(&err) => ExitStatus::Clean.exit_code(),
        Err(err) => {
            // With stderr closed there is nowhere to say it; don't panic.
            // Messages quote what the user gave (paths, lines): escaped, as
            // every text that reaches a terminal is.
            let message = format!("{err:#}");
            let _ = writeln!(
                std::io::stderr().lock(),
                "factcheck: {}",
                factcheck::terminal::escape_message(&message)
            );
            ExitStatus::Failure.exit_code()
        }
    }
}
