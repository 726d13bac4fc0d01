use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = factcheck::cli::Cli::parse();
    match factcheck::cli::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) => {
            if factcheck::report::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("factcheck: {err:#}");
            ExitCode::from(2)
        }
    }
}
