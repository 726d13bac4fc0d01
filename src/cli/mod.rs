//! Command-line arguments, resolved configuration, and dispatch.
//!
//! [`args`] holds what the user typed (clap), [`config`] what it means
//! here, [`exit`] the exit statuses, [`output`] where reports are written.
//! Each command below reads top to bottom: configuration, corpus, index,
//! verify, report.

pub mod args;
pub mod config;
pub mod exit;
pub mod output;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::{anyhow, bail, Context, Result};

use crate::eval;
use crate::index::{IndexStatus, PassageIndex};
use crate::ingest::{self, Corpus};
use crate::input::{self, InputError, InputErrorKind, StatementInput};
use crate::report::{self, Checked, IndexSummary, Tally};
use crate::retrieve::Retriever;
use crate::verify::{Verifier, VerifyOptions};

pub use args::Cli;
use args::{BatchArgs, CheckArgs, Command, CompletionsArgs, EvalArgs, IndexArgs, ManArgs};
use config::{Config, CorpusChoice, Environment, Purpose};
pub use exit::{ExitStatus, Outcome};
use output::Output;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Result<Outcome> {
    let env = Environment::detect();
    match cli.command {
        Command::Check(args) => check(args, &env),
        Command::Batch(args) => batch(args, &env),
        Command::Index(args) => index(args, &env),
        Command::Eval(args) => evaluate(args, &env),
        Command::Completions(args) => completions(args),
        Command::Man(args) => man(args),
    }
}

/// Writes a line to stderr, ignoring failure: with stderr's reader gone
/// there is nowhere left to report anything, and `eprintln!` would panic.
macro_rules! warn {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

/// `factcheck completions SHELL`: the completion script on stdout.
fn completions(args: CompletionsArgs) -> Result<Outcome> {
    use clap::CommandFactory;
    let mut stdout = io::stdout().lock();
    report::shell::write_completions(args.shell.into(), Cli::command(), &mut stdout)?;
    Ok(Outcome::new(ExitStatus::Clean))
}

/// `factcheck man [--dir DIR]`: factcheck(1) on stdout, or every page in DIR.
fn man(args: ManArgs) -> Result<Outcome> {
    use clap::CommandFactory;
    match args.dir {
        Some(dir) => {
            for page in report::shell::write_man_pages(Cli::command(), &dir)? {
                warn!(
                    "factcheck: wrote {}",
                    report::escape_control(&page.display().to_string())
                );
            }
        }
        None => report::shell::write_man(Cli::command(), &mut io::stdout().lock())?,
    }
    Ok(Outcome::new(ExitStatus::Clean))
}

/// `factcheck check`: statements from the arguments, or stdin.
fn check(args: CheckArgs, env: &Environment) -> Result<Outcome> {
    let config = Config::resolve(&args.corpus, &args.output, Purpose::Check, env)?;
    let verifier = open_verifier(&config)?;
    let from_stdin = args.statements.is_empty();
    let statements: Box<dyn Iterator<Item = Result<StatementInput, InputError>>> = if from_stdin {
        if env.stdin_is_terminal && !config.quiet {
            warn!("factcheck: reading statements from stdin, one per line (Ctrl-D to end)");
        }
        input::statement_lines(io::stdin().lock())
    } else {
        Box::new(args.statements.into_iter().enumerate().map(|(i, claim)| {
            if claim.trim().is_empty() {
                Err(InputError::new(i as u64 + 1, InputErrorKind::EmptyClaim))
            } else {
                Ok(StatementInput {
                    id: None,
                    claim: claim.trim().to_string(),
                })
            }
        }))
    };
    let source = if from_stdin { "<stdin>" } else { "argument" };
    let tally = check_all(&verifier, statements, source, &config)?;
    Ok(Outcome::new(ExitStatus::for_tally(&tally, config.strict)))
}

/// `factcheck batch FILE`.
fn batch(args: BatchArgs, env: &Environment) -> Result<Outcome> {
    let config = Config::resolve(&args.corpus, &args.output, Purpose::Batch, env)?;
    let format = config::input_format(&args.file, args.input_format);
    // Open the input before the (slower) index, so a typo fails fast.
    let reader = open_input(&args.file)?;
    let verifier = open_verifier(&config)?;
    let started = Instant::now();
    let source = display_path(&args.file);
    let tally = check_all(
        &verifier,
        input::statements(reader, format),
        &source,
        &config,
    )?;
    if !config.quiet {
        report::write_summary(&mut io::stderr().lock(), &tally, started.elapsed())?;
    }
    Ok(Outcome::new(ExitStatus::for_tally(&tally, config.strict)))
}

/// Checks each statement and hands it to the report, in input order. A bad
/// line is reported on stderr as `source:line: reason` and becomes an error
/// record; a fatal read error stops the run.
fn check_all<R: Retriever>(
    verifier: &Verifier<R>,
    statements: impl Iterator<Item = Result<StatementInput, InputError>>,
    source: &str,
    config: &Config,
) -> Result<Tally> {
    let mut output = Output::open(config.output.as_deref())?;
    let mut tally = Tally::default();
    {
        let mut report = report::new_report(&config.report_options(), &mut output)?;
        report.begin()?;
        for statement in statements {
            let checked = match statement {
                Ok(statement) => {
                    let outcome = verifier.check(&statement.claim).map_err(|err| {
                        let message = format!("failed to check statement: {err:#}");
                        warn!(
                            "factcheck: {}: {message}",
                            report::escape_control(&statement.claim)
                        );
                        message
                    });
                    Checked {
                        id: statement.id,
                        claim: statement.claim,
                        outcome,
                    }
                }
                Err(err) if err.is_fatal() => {
                    bail!("{source}:{}: {}", err.line, err.kind)
                }
                Err(err) => {
                    let message = format!("{source}:{}: {}", err.line, err.kind);
                    warn!("factcheck: {message}");
                    Checked {
                        id: err.id,
                        claim: String::new(),
                        outcome: Err(message),
                    }
                }
            };
            tally.add(&checked);
            report.verdict(&checked)?;
        }
        report.finish()?;
    }
    output.commit()?;
    Ok(tally)
}

/// `factcheck index`: build or reuse the persisted index and say where.
fn index(args: IndexArgs, env: &Environment) -> Result<Outcome> {
    let corpus = load_corpus(&CorpusChoice::new(args.corpus.as_deref()))?;
    let index_dir = config::index_dir(args.index.as_deref(), env);
    let (_index, status) = open_index(&corpus, index_dir.as_deref())?;
    let (location, reused) = (status.dir(), matches!(status, IndexStatus::Reused { .. }));
    let summary = IndexSummary {
        location,
        reused,
        corpus: &corpus.name,
        documents: corpus.documents.len(),
        passages: ingest::passages(&corpus).len(),
    };
    let mut stdout = io::stdout().lock();
    report::write_index_summary(&mut stdout, &summary)?;
    Ok(Outcome::new(ExitStatus::Clean))
}

/// `factcheck eval LABELED.jsonl`.
fn evaluate(args: EvalArgs, env: &Environment) -> Result<Outcome> {
    let corpus_choice = CorpusChoice::new(args.corpus.corpus.as_deref());
    let top_k = usize::try_from(args.corpus.top_k)
        .with_context(|| format!("--top-k '{}' is too large", args.corpus.top_k))?;
    let reader = open_input(&args.file)?;
    let corpus = load_corpus(&corpus_choice)?;
    let index_dir = config::index_dir(args.corpus.index.as_deref(), env);
    let (index, _) = open_index(&corpus, index_dir.as_deref())?;
    let verifier = Verifier::new(index.retriever(), VerifyOptions { top_k });
    let source = display_path(&args.file);
    let evaluation = eval::evaluate(&verifier, eval::labeled_statements(reader), |err| {
        warn!("factcheck: {source}:{}: {}", err.line, err.kind);
    })
    .map_err(|err| anyhow!("{source}:{}: {}", err.line, err.kind))?;
    let scores = eval::score(&evaluation.predictions);
    let mut output = Output::open(args.output.as_deref())?;
    if args.json {
        report::eval::write_json(&mut output, &scores)?;
    } else {
        report::eval::write_text(&mut output, &scores)?;
    }
    output.commit()?;
    if !args.quiet && evaluation.failed > 0 {
        warn!(
            "factcheck: {} statement(s) could not be checked (scored as missing)",
            evaluation.failed
        );
    }
    let status = if evaluation.bad_lines + evaluation.failed > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Clean
    };
    Ok(Outcome::new(status))
}

/// Corpus, index and verifier for `check` and `batch`.
fn open_verifier(config: &Config) -> Result<Verifier<impl Retriever>> {
    let corpus = load_corpus(&config.corpus)?;
    let (index, _) = open_index(&corpus, config.index_dir.as_deref())?;
    Ok(Verifier::new(
        index.retriever(),
        VerifyOptions {
            top_k: config.top_k,
        },
    ))
}

/// Reads the corpus and prints its warnings.
fn load_corpus(choice: &CorpusChoice) -> Result<Corpus> {
    let corpus = choice.load()?;
    let mut stderr = io::stderr().lock();
    for warning in &corpus.warnings {
        // Nothing useful to do if stderr itself is gone.
        let _ = writeln!(stderr, "factcheck: warning: {warning}");
    }
    Ok(corpus)
}

/// A buffered reader over FILE, or stdin for `-`.
fn open_input(path: &Path) -> Result<Box<dyn BufRead>> {
    if path == Path::new("-") {
        return Ok(Box::new(io::stdin().lock()));
    }
    let file = File::open(path)
        .with_context(|| format!("failed to open input file '{}'", path.display()))?;
    Ok(Box::new(BufReader::new(file)))
}

/// How an input path is named in `path:line: reason` messages.
fn display_path(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Opens the index kept in `index_dir` (or the cache folder) for this
/// corpus, building it first if needed, and warns when it had to stay in
/// RAM.
fn open_index(corpus: &Corpus, index_dir: Option<&Path>) -> Result<(PassageIndex, IndexStatus)> {
    let (index, status) = PassageIndex::open_or_build(corpus, index_dir)?;
    if let Some(warning) = status.warning() {
        let _ = writeln!(io::stderr().lock(), "factcheck: warning: {warning}");
    }
    Ok((index, status))
}
