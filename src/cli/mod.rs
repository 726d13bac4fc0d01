//! Command-line arguments, resolved configuration, and dispatch.
//!
//! [`args`] holds what the user typed (clap), [`config`] what it means
//! here, [`exit`] the exit statuses, [`output`] where reports are written.
//! Each command below reads top to bottom: configuration, corpus, index,
//! verify, report.

pub mod args;
pub mod checker;
pub mod config;
pub mod exit;
pub mod output;
mod parse;

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::Path;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use anyhow::{anyhow, bail, Context, Result};

use crate::compare::RuleSwitches;
use crate::eval;
use crate::index::{IndexStatus, PassageIndex};
use crate::ingest::Corpus;
use crate::input::{self, InputError, InputFormat, ReadOptions, StatementInput};
use crate::report::{self, Checked, IndexSummary, Tally};
use crate::verify::{Verifier, VerifyOptions};

use crate::draft::{check_draft, DraftOptions};
use crate::report::draft::DraftFormat;
pub use args::Cli;
use args::{
    BatchArgs, CacheArgs, CacheCommand, CheckArgs, ClaimsArgs, ClaimsFormatArg, Command,
    CompletionsArgs, DraftArgs, DraftFormatArg, EvalArgs, IndexArgs, ManArgs,
};
use checker::Checker;
use config::{Config, CorpusChoice, Environment, Purpose};
pub use exit::{ExitStatus, Outcome};
use output::Output;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Result<Outcome> {
    let env = Environment::detect();
    crate::ingest::set_follow_links(!cli.no_follow_links);
    if let Some(threads) = cli.threads {
        // Before anything has used the pool; the only error is a pool
        // already built, which cannot happen here.
        rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(threads))
            .build_global()
            .context("failed to start the worker threads")?;
    }
    match cli.command {
        Command::Check(args) => check(args, &env),
        Command::Batch(args) => batch(args, &env),
        Command::Index(args) => index(args, &env),
        Command::Eval(args) => evaluate(args, &env),
        Command::Claims(args) => claims(args, &env),
        Command::Cache(args) => cache(args),
        Command::Draft(args) => draft(args, &env),
        Command::Serve(args) => crate::serve::run(args, &env),
        Command::Parse(args) => parse::parse(args, &env),
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
    let from_stdin = args.statements.is_empty() || args.statements == ["-"];
    if !from_stdin && args.statements.iter().any(|statement| statement == "-") {
        bail!("'-' reads the statements from stdin and must be given alone\n\nPass statements as arguments, or - alone to read them from stdin.");
    }
    let (verifier, _) = open_verifier(&config)?;
    let statements: Box<dyn Iterator<Item = Sourced>> = if from_stdin {
        if env.stdin_is_terminal && !config.quiet {
            warn!("factcheck: reading statements from stdin, one per line (Ctrl-D to end)");
        }
        let (format, reader) =
            input::sniff(io::stdin().lock()).context("failed to read statements from stdin")?;
        let source: Arc<str> = Arc::from("<stdin>");
        // Text typed or piped to check keeps a leading `#` (a hashtag is
        // a statement here, not a comment).
        let statements = match format {
            InputFormat::Text => input::statement_lines(reader),
            format => input::statements(reader, format),
        };
        Box::new(statements.map(move |statement| (Arc::clone(&source), statement)))
    } else {
        // The same checks as every reader: not empty, not over the length cap.
        let source: Arc<str> = Arc::from("argument");
        Box::new(
            args.statements
                .into_iter()
                .enumerate()
                .map(move |(i, claim)| {
                    let statement = input::statement(i as u64 + 1, None, &claim);
                    (Arc::clone(&source), statement)
                }),
        )
    };
    // Someone typing statements wants each answer before the next line.
    let chunk = if from_stdin && env.stdin_is_terminal {
        1
    } else {
        CHUNK_STATEMENTS
    };
    let tally = check_all(&verifier, statements, &config, chunk, &Progress::hidden())?;
    Ok(Outcome::new(ExitStatus::for_tally(&tally)))
}

/// A statement as read, with the name of the input it came from (a path,
/// `<stdin>` or `argument`), for `source:line: reason` messages.
type Sourced = (Arc<str>, Result<StatementInput, InputError>);

/// `factcheck batch FILE...`.
fn batch(args: BatchArgs, env: &Environment) -> Result<Outcome> {
    let config = Config::resolve(&args.corpus, &args.output, Purpose::Batch, env)?;
    let stdin = Path::new("-");
    if args.files.iter().filter(|file| *file == stdin).count() > 1 {
        bail!("'-' (stdin) is given more than once\n\nStdin can be read only once: name it once among the files.");
    }
    let formats: Vec<Option<InputFormat>> = args
        .files
        .iter()
        .map(|file| config::input_format(file, args.input_format))
        .collect();
    if args.column.is_some() && !formats.contains(&Some(InputFormat::Csv)) {
        bail!("--column names a CSV column, but no input is read as CSV\n\nName the files .csv, or pass --input-format csv.");
    }
    // Open the inputs before the (slower) index, so a typo fails fast.
    let bytes_read = Arc::new(AtomicU64::new(0));
    let mut input_bytes = Some(0u64);
    let mut inputs = Vec::with_capacity(args.files.len());
    for (file, format) in args.files.iter().zip(formats) {
        let (reader, size) = open_counted_input(file, Arc::clone(&bytes_read))?;
        input_bytes = input_bytes.zip(size).map(|(total, size)| total + size);
        let (format, reader) = match format {
            Some(format) => (format, reader),
            // As a reader would say it, had the file failed later.
            None => input::sniff(reader).map_err(|err| {
                anyhow!(
                    "{}:1: {}",
                    display_path(file),
                    input::InputErrorKind::Io(err.to_string())
                )
            })?,
        };
        inputs.push((Arc::<str>::from(display_path(file)), format, reader));
    }
    let options = ReadOptions {
        column: args.column.clone(),
        keep_columns: config.format == report::Format::Csv,
    };
    let statements = inputs
        .into_iter()
        .flat_map(move |(source, format, reader)| {
            input::statements_with(reader, format, &options)
                .map(move |statement| (Arc::clone(&source), statement))
        });
    let (verifier, corpus) = open_verifier(&config)?;
    let progress = if config.quiet {
        Progress::hidden()
    } else {
        Progress::on_stderr(input_bytes, bytes_read)
    };
    let started = Instant::now();
    let checked = check_all(&verifier, statements, &config, CHUNK_STATEMENTS, &progress);
    progress.finish();
    let tally = checked?;
    if !config.quiet {
        warn!("factcheck: corpus: {}", report::escape_control(&corpus));
        // With stderr's reader gone the summary has nowhere to go; the exit
        // status still says how the run went (only a closed stdout means
        // "the reader has enough").
        let _ = report::write_summary(&mut io::stderr().lock(), &tally, started.elapsed());
    }
    Ok(Outcome::new(ExitStatus::for_tally(&tally)))
}

/// How many statements are read, checked in parallel and written at a
/// time. Big enough to keep every core busy between the sequential read and
/// write steps, small enough that memory does not depend on the input size.
const CHUNK_STATEMENTS: usize = 2048;

/// The first chunk is this small, and chunks double up to
/// [`CHUNK_STATEMENTS`]: the first records come out at once (`| head`
/// sees them, and a closed pipe ends the run early).
const FIRST_CHUNK_STATEMENTS: usize = 16;

/// Checks each statement and hands it to the report, in input order. A bad
/// line is reported on stderr as `source:line: reason` and becomes an error
/// record; a fatal read error stops the run.
///
/// Statements are read lazily, up to [`CHUNK_STATEMENTS`] at a time; each
/// chunk is checked on all cores (rayon, one shared verifier) and written
/// in input order before the next is read, so at most one chunk is held in
/// memory whatever the size of the input.
fn check_all(
    verifier: &Checker,
    statements: impl Iterator<Item = Sourced>,
    config: &Config,
    chunk_statements: usize,
    progress: &Progress,
) -> Result<Tally> {
    let mut statements = statements.fuse();
    let mut output = Output::open(config.output.as_deref())?;
    let mut tally = Tally::default();
    let chunk_statements = chunk_statements.max(1);
    {
        // The report writes into a buffer that is emptied into the output
        // after each chunk: one write per chunk rather than one system call
        // per record (stdout is line-buffered), and a reader downstream
        // still gets every chunk as soon as it is checked.
        let buffer = ChunkBuffer::default();
        let mut sink = buffer.clone();
        let mut report = report::new_report(&config.report_options(), &mut sink)?;
        report.begin()?;
        let mut chunk = Vec::with_capacity(chunk_statements);
        let mut size = FIRST_CHUNK_STATEMENTS.min(chunk_statements);
        loop {
            chunk.clear();
            let mut fatal = None;
            for (source, statement) in statements.by_ref() {
                match statement {
                    Err(err) if err.is_fatal() => {
                        fatal = Some((source, err));
                        break;
                    }
                    statement => chunk.push((source, statement)),
                }
                if chunk.len() == size {
                    break;
                }
            }
            let results: Vec<CheckedOne> = chunk
                .par_drain(..)
                .map(|(source, statement)| check_one(verifier, statement, &source))
                .collect();
            let last_chunk = results.len() < size || fatal.is_some();
            size = (size * 2).min(chunk_statements);
            for (checked, message, columns) in results {
                if let Some(message) = message {
                    progress.suspend(|| {
                        warn!("factcheck: {}", crate::terminal::escape_message(&message))
                    });
                }
                tally.add_under(&checked, &config.policy);
                report.verdict_with_columns(&checked, &columns)?;
            }
            buffer.drain_into(&mut output)?;
            progress.advance(&tally);
            if let Some((source, err)) = fatal {
                bail!("{source}:{}: {}", err.line, err.kind)
            }
            if last_chunk {
                break;
            }
        }
        report.finish()?;
        buffer.drain_into(&mut output)?;
    }
    output.commit()?;
    Ok(tally)
}

/// Where the report writes one chunk's records before they go out.
#[derive(Clone, Default)]
pub(crate) struct ChunkBuffer(Rc<RefCell<Vec<u8>>>);

impl ChunkBuffer {
    /// What was buffered, leaving the buffer empty.
    pub(crate) fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.borrow_mut())
    }

    /// Writes what was buffered to `output`, flushes it, and empties the
    /// buffer.
    fn drain_into(&self, output: &mut Output) -> Result<()> {
        let mut bytes = self.0.borrow_mut();
        output.write_all(&bytes)?;
        output.flush()?;
        bytes.clear();
        Ok(())
    }
}

impl Write for ChunkBuffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A statement checked: its record, the message for stderr when it
/// failed, and the input columns read with it.
type CheckedOne = (Checked, Option<String>, Vec<(String, String)>);

/// What checks one statement for [`check_one`]: the CLI's [`Checker`],
/// which rebuilds an index that fails while searching, or a plain
/// [`Verifier`] (`serve`, which reloads its index its own way).
pub(crate) trait CheckStatement: Sync {
    /// The verdict for `statement`.
    fn check_statement(&self, statement: &str) -> Result<crate::verdict::Verdict>;
}

impl CheckStatement for Checker {
    fn check_statement(&self, statement: &str) -> Result<crate::verdict::Verdict> {
        self.check(statement)
    }
}

impl<R: crate::retrieve::Retriever> CheckStatement for Verifier<R> {
    fn check_statement(&self, statement: &str) -> Result<crate::verdict::Verdict> {
        self.check(statement)
    }
}

/// Checks one statement read from the input (or turns a bad line into an
/// error record), with the message to print on stderr when it failed and
/// the input columns read with it.
pub(crate) fn check_one<C: CheckStatement + ?Sized>(
    verifier: &C,
    statement: Result<StatementInput, InputError>,
    source: &str,
) -> CheckedOne {
    match statement {
        Ok(mut statement) => {
            let columns = std::mem::take(&mut statement.extra);
            let mut shown = None;
            let outcome = verifier.check_statement(&statement.claim).map_err(|err| {
                let message = format!("failed to check statement: {err:#}");
                shown = Some(format!(
                    "{}: {message}",
                    report::escape_control(&statement.claim)
                ));
                message
            });
            let checked = Checked {
                id: statement.id,
                claim: statement.claim,
                outcome,
            };
            (checked, shown, columns)
        }
        Err(err) => {
            let message = format!("{source}:{}: {}", err.line, err.kind);
            let checked = Checked {
                id: err.id,
                claim: String::new(),
                outcome: Err(message.clone()),
            };
            (checked, Some(message), Vec::new())
        }
    }
}

/// The progress bar of `batch` on stderr: statements done, rate and (for a
/// file) time left, estimated from the share of the file read so far. It
/// draws nothing when stderr is not a terminal or with `--quiet`.
struct Progress {
    bar: ProgressBar,
    /// Bytes of the input read so far, when the input is a file of known
    /// size; the bar's position.
    bytes_read: Option<Arc<AtomicU64>>,
    started: Instant,
}

impl Progress {
    /// A bar that never draws.
    fn hidden() -> Progress {
        Progress {
            bar: ProgressBar::hidden(),
            bytes_read: None,
            started: Instant::now(),
        }
    }

    /// A bar on stderr if it is a terminal; `input_bytes` is the input's
    /// size and `bytes_read` counts how much of it was read.
    fn on_stderr(input_bytes: Option<u64>, bytes_read: Arc<AtomicU64>) -> Progress {
        if !io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let target = ProgressDrawTarget::stderr_with_hz(4);
        let (bar, bytes_read) = match input_bytes {
            Some(total) => {
                let bar = ProgressBar::with_draw_target(Some(total), target);
                let style = ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] [{wide_bar}] {percent:>3}% {msg}, ETA {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
                bar.set_style(style);
                (bar, Some(bytes_read))
            }
            None => {
                let bar = ProgressBar::with_draw_target(None, target);
                let style = ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner());
                bar.set_style(style);
                (bar, None)
            }
        };
        bar.set_message("0 statements");
        bar.enable_steady_tick(Duration::from_millis(250));
        Progress {
            bar,
            bytes_read,
            started: Instant::now(),
        }
    }

    /// Shows what has been done after a chunk.
    fn advance(&self, tally: &Tally) {
        if self.bar.is_hidden() {
            return;
        }
        if let Some(bytes_read) = &self.bytes_read {
            self.bar.set_position(bytes_read.load(Ordering::Relaxed));
        }
        let seconds = self.started.elapsed().as_secs_f64();
        let rate = if seconds > 0.0 {
            tally.total() as f64 / seconds
        } else {
            0.0
        };
        self.bar
            .set_message(format!("{} statements, {rate:.0}/s", tally.total()));
    }

    /// Runs `f` (which prints on stderr) with the bar out of the way.
    fn suspend(&self, f: impl FnOnce()) {
        if self.bar.is_hidden() {
            f()
        } else {
            self.bar.suspend(f)
        }
    }

    /// Removes the bar, before the summary is printed.
    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A reader that counts the bytes read through it, for the progress bar.
struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// `factcheck index`: build or reuse the persisted index and say where.
fn index(args: IndexArgs, env: &Environment) -> Result<Outcome> {
    let corpus = load_corpus(&CorpusChoice::resolve(args.corpus.as_deref(), env))?;
    let index_dir = config::index_dir(args.index.as_deref(), env);
    let (index, status) = open_index(&corpus, index_dir.as_deref())?;
    let (location, reused) = (status.dir(), matches!(status, IndexStatus::Reused { .. }));
    let summary = IndexSummary {
        location,
        reused,
        corpus: &corpus.name,
        documents: corpus.documents.len(),
        // The index holds one document per passage and per claim:
        // counting them again would segment the whole corpus a second time.
        passages: (index.passage_count() - index.claim_count()) as usize,
        claims: index.claim_count() as usize,
    };
    let mut stdout = io::stdout().lock();
    report::write_index_summary(&mut stdout, &summary)?;
    Ok(Outcome::new(ExitStatus::Clean))
}

/// `factcheck eval LABELED.jsonl`.
fn evaluate(args: EvalArgs, env: &Environment) -> Result<Outcome> {
    let corpus_choice = CorpusChoice::resolve(args.corpus.corpus.as_deref(), env);
    let top_k = usize::try_from(args.corpus.top_k)
        .with_context(|| format!("--top-k '{}' is too large", args.corpus.top_k))?;
    let reader = open_input(&args.file)?;
    let corpus = load_corpus(&corpus_choice)?;
    let index_dir = config::index_dir(args.corpus.index.as_deref(), env);
    let (index, _) = open_index(&corpus, index_dir.as_deref())?;
    let rules = RuleSwitches::without(&args.without).map_err(|err| anyhow!("{err}"))?;
    let verifier = Verifier::new(index.retriever(), VerifyOptions { top_k }).with_rules(rules);
    let source = display_path(&args.file);
    let evaluation = eval::evaluate(&verifier, eval::labeled_statements(reader), |err| {
        let message = format!("{source}:{}: {}", err.line, err.kind);
        warn!("factcheck: {}", crate::terminal::escape_message(&message));
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
    let failed_gates: Vec<String> = args
        .fail_under
        .iter()
        .filter_map(|gate| gate.failure(&scores))
        .collect();
    for failure in &failed_gates {
        warn!("factcheck: {failure}");
    }
    let status = if evaluation.bad_lines + evaluation.failed > 0 {
        ExitStatus::Failure
    } else if !failed_gates.is_empty() {
        ExitStatus::Conflict
    } else {
        ExitStatus::Clean
    };
    Ok(Outcome::new(status))
}

/// `factcheck cache prune`: remove cached indexes old or too many.
fn cache(args: CacheArgs) -> Result<Outcome> {
    let CacheCommand::Prune(prune) = args.command;
    let Some(root) = crate::index::cache_root() else {
        bail!("no cache folder could be found for this user\n\nSet XDG_CACHE_HOME (or HOME) to say where it is.");
    };
    let rule = match prune.all {
        true => crate::index::cache::Prune {
            older_than: Duration::ZERO,
            keep: 0,
        },
        false => crate::index::cache::Prune {
            older_than: Duration::from_secs(prune.older_than.saturating_mul(24 * 60 * 60)),
            keep: prune.keep,
        },
    };
    let now = std::time::SystemTime::now();
    let pruned = crate::index::cache::prune(&root, rule, None, now);
    report::write_pruned(&mut io::stdout().lock(), &root, &pruned, now)?;
    Ok(Outcome::new(ExitStatus::Clean))
}

/// `factcheck draft FILE`: every check-worthy claim of a draft, checked.
fn draft(args: DraftArgs, env: &Environment) -> Result<Outcome> {
    let to_terminal = args.output.is_none() && env.stdout_is_terminal;
    let format = match args.format {
        Some(DraftFormatArg::Text) => DraftFormat::Text,
        Some(DraftFormatArg::Json) => DraftFormat::Json,
        Some(DraftFormatArg::Jsonl) => DraftFormat::Jsonl,
        Some(DraftFormatArg::Markdown) => DraftFormat::Markdown,
        Some(DraftFormatArg::Html) => DraftFormat::Html,
        Some(DraftFormatArg::Sarif) => DraftFormat::Sarif,
        Some(DraftFormatArg::Github) => DraftFormat::Github,
        None if to_terminal => DraftFormat::Text,
        None => DraftFormat::Jsonl,
    };
    let color = format == DraftFormat::Text && config::wants_color(args.color, to_terminal, env);
    // Read the draft before the (slower) index, so a typo fails fast.
    let (name, mut text) = read_draft(&args.file)?;
    let from_html = is_html(&args.file);
    if from_html {
        text = crate::ingest::html_to_text(&text);
    }
    let config = Config {
        corpus: CorpusChoice::resolve(args.corpus.corpus.as_deref(), env),
        index_dir: config::index_dir(args.corpus.index.as_deref(), env),
        top_k: usize::try_from(args.corpus.top_k)
            .with_context(|| format!("--top-k '{}' is too large", args.corpus.top_k))?,
        format: report::Format::Jsonl,
        output: args.output.clone(),
        policy: config::policy(&args.policy, false),
        color,
        quiet: args.quiet,
        diff: false,
        review: None,
    };
    let (verifier, corpus) = open_verifier(&config)?;
    let options = DraftOptions {
        min_score: args.min_score,
        name,
        corpus,
        policy: config.policy,
    };
    // A draft is checked on the index as opened (no rebuild on failure).
    let mut checked = check_draft(&verifier.verifier(), &text, &options);
    if from_html {
        checked.extracted_text = Some(text);
    }
    for claim in &checked.claims {
        if let Some(error) = &claim.error {
            warn!(
                "factcheck: {}:{}:{}: {}",
                report::escape_control(&checked.draft),
                claim.region.from.line,
                claim.region.from.column,
                report::escape_control(error)
            );
        }
    }
    let mut output = Output::open(config.output.as_deref())?;
    report::draft::write_draft(&mut output, &checked, format, color)?;
    output.commit()?;
    // Text ends with the summary; other formats get it on stderr.
    if !config.quiet && format != DraftFormat::Text {
        warn!("factcheck: {}", report::draft::summary_line(&checked));
    }
    let summary = &checked.summary;
    Ok(Outcome::new(ExitStatus::for_counts(
        summary.errors,
        summary.failing,
    )))
}

/// The draft's name in reports and its text: a file, or stdin for `-`.
fn read_draft(path: &Path) -> Result<(String, String)> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("failed to read the draft from stdin")?;
        return Ok(("<stdin>".to_string(), draft_text(bytes, "<stdin>")?));
    }
    let shown = path.display().to_string();
    if path.is_dir() {
        bail!("the draft '{shown}' is a folder\n\nPass one .txt or .md file, or `-` for stdin.");
    }
    bytes = std::fs::read(path).with_context(|| format!("failed to read draft '{shown}'"))?;
    let text = draft_text(bytes, &shown)?;
    Ok((shown, text))
}

/// Is this draft HTML (by its extension)?
fn is_html(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| e == "html" || e == "htm")
}

/// The draft as text: UTF-8, or an error; a lossy decoding would move
/// every offset after the bad byte.
fn draft_text(bytes: Vec<u8>, shown: &str) -> Result<String> {
    String::from_utf8(bytes).map_err(|err| {
        anyhow!(
            "the draft '{shown}' is not valid UTF-8 (at byte {})\n\nSave it as UTF-8 and try again.",
            err.utf8_error().valid_up_to()
        )
    })
}

/// `factcheck claims`: the corpus's atomic claims, most check-worthy first.
fn claims(args: ClaimsArgs, env: &Environment) -> Result<Outcome> {
    let corpus = load_corpus(&CorpusChoice::resolve(args.corpus.as_deref(), env))?;
    let passages = crate::ingest::passages(&corpus);
    let claims = crate::extract::extract_claims(&passages);
    // Ids follow document order, so a claim keeps its id whatever the
    // scores; the list is then ordered by score (ties in document order).
    let width = claims.len().to_string().len().max(4);
    let mut listed: Vec<report::ListedClaim> = claims
        .iter()
        .enumerate()
        .filter(|(_, claim)| claim.check_worthiness >= args.min_score)
        .filter_map(|(i, claim)| {
            let passage = passages.get(usize::try_from(claim.passage).ok()?)?;
            Some(report::ListedClaim {
                id: format!("c{:0width$}", i + 1),
                claim,
                passage,
            })
        })
        .collect();
    listed.sort_by(|a, b| {
        b.claim
            .check_worthiness
            .total_cmp(&a.claim.check_worthiness)
    });
    let to_terminal = args.output.is_none() && env.stdout_is_terminal;
    let format = match args.format {
        Some(ClaimsFormatArg::Text) => report::ClaimsFormat::Text,
        Some(ClaimsFormatArg::Jsonl) => report::ClaimsFormat::Jsonl,
        None if to_terminal => report::ClaimsFormat::Text,
        None => report::ClaimsFormat::Jsonl,
    };
    let color =
        format == report::ClaimsFormat::Text && config::wants_color(args.color, to_terminal, env);
    let mut output = Output::open(args.output.as_deref())?;
    report::write_claims(&mut output, &listed, format, color)?;
    output.commit()?;
    Ok(Outcome::new(ExitStatus::Clean))
}

/// Corpus, index and checker for `check`, `batch` and `draft`, with how
/// the summary names the corpus.
fn open_verifier(config: &Config) -> Result<(Checker, String)> {
    let corpus = load_corpus(&config.corpus)?;
    let (index, _) = open_index(&corpus, config.index_dir.as_deref())?;
    let name = config::describe_corpus(&config.corpus, &corpus);
    let checker = Checker::new(
        corpus,
        config.index_dir.clone(),
        &index,
        VerifyOptions {
            top_k: config.top_k,
        },
        |status| {
            if let Some(warning) = status.warning() {
                warn!(
                    "factcheck: warning: {}",
                    crate::terminal::escape_message(&warning)
                );
            }
        },
    );
    Ok((checker, name))
}

/// Reads the corpus and prints its warnings.
pub(crate) fn load_corpus(choice: &CorpusChoice) -> Result<Corpus> {
    let corpus = choice.load()?;
    let review_warnings = corpus.reviewed.iter().flat_map(|file| file.warnings());
    let mut stderr = io::stderr().lock();
    for warning in corpus.warnings.iter().chain(review_warnings) {
        // Nothing useful to do if stderr itself is gone. Warnings quote
        // file names and lines of reviewed-claims files: escaped.
        let _ = writeln!(
            stderr,
            "factcheck: warning: {}",
            crate::terminal::escape_message(warning)
        );
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

/// [`open_input`] for `batch`: the bytes read from a file are counted in
/// `bytes_read`, and its size is returned too, for the progress bar.
fn open_counted_input(
    path: &Path,
    bytes_read: Arc<AtomicU64>,
) -> Result<(Box<dyn BufRead>, Option<u64>)> {
    if path == Path::new("-") {
        return Ok((open_input(path)?, None));
    }
    let file = File::open(path)
        .with_context(|| format!("failed to open input file '{}'", path.display()))?;
    let size = file
        .metadata()
        .ok()
        .filter(|metadata| metadata.is_file())
        .map(|metadata| metadata.len());
    let reader = CountingReader {
        inner: file,
        count: bytes_read,
    };
    Ok((Box::new(BufReader::with_capacity(64 * 1024, reader)), size))
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
pub(crate) fn open_index(
    corpus: &Corpus,
    index_dir: Option<&Path>,
) -> Result<(PassageIndex, IndexStatus)> {
    let (index, status) = PassageIndex::open_or_build(corpus, index_dir)?;
    if let Some(warning) = status.warning() {
        let _ = writeln!(
            io::stderr().lock(),
            "factcheck: warning: {}",
            crate::terminal::escape_message(&warning)
        );
    }
    Ok((index, status))
}
