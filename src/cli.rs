//! Command-line arguments, resolved configuration, and dispatch.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::index::PassageIndex;
use crate::ingest::Corpus;
use crate::report::{Checked, JsonLines, Report};
use crate::verdict::Label;
use crate::verify::{Verifier, VerifyOptions};

/// Offline fact-check claim verifier.
#[derive(Debug, Parser)]
#[command(name = "factcheck", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check statements given on the command line.
    Check {
        /// The statements.
        statements: Vec<String>,
    },
}

/// How a run ended.
pub struct Outcome {
    pub conflicts: usize,
}

impl Outcome {
    pub fn exit_code(&self) -> ExitCode {
        if self.conflicts > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Check { statements } => {
            let corpus = Corpus::bundled();
            let index = PassageIndex::build_in_ram(&corpus)?;
            let verifier = Verifier::new(index.retriever(), VerifyOptions::default());
            let mut report = JsonLines::new(std::io::stdout().lock());
            let mut conflicts = 0;
            for claim in statements {
                let outcome = verifier.check(&claim).map_err(|e| format!("{e:#}"));
                if matches!(&outcome, Ok(v) if v.label == Label::Conflicting) {
                    conflicts += 1;
                }
                report.verdict(&Checked {
                    id: None,
                    claim,
                    outcome,
                })?;
            }
            report.finish()?;
            Ok(Outcome { conflicts })
        }
    }
}
