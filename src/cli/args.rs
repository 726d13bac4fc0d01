//! What the user typed: the clap types, and nothing that needs the world
//! (terminal, environment, file system) to decide. [`super::config`] turns
//! them into a [`super::config::Config`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::exit::{EVAL_EXIT_STATUS_HELP, EXIT_STATUS_HELP};

/// Checks statements against a corpus of articles, offline.
///
/// Each statement gets a verdict (supported, conflicting or not_enough_info),
/// a confidence, and the corpus passages that explain it, quoted verbatim
/// with their byte offsets. Output is text for people, or JSON, JSON Lines,
/// CSV, Markdown or schema.org ClaimReview for tools (--format).
///
/// Examples:
///
///   factcheck check "149 people died in the Moscow attack"
///
///   factcheck batch claims.jsonl --format markdown > report.md
///
///   factcheck draft story.md --format html --output report.html
#[derive(Debug, Parser)]
#[command(
    name = "factcheck",
    version,
    after_help = EXIT_STATUS_HELP,
    verbatim_doc_comment,
    max_term_width = 79
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Threads to check and index with [default: all cores].
    ///
    /// RAYON_NUM_THREADS works too; this flag wins. Example: factcheck batch -j 2 claims.jsonl
    #[arg(short = 'j', long, global = true, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// Do not follow symbolic links in a corpus folder.
    ///
    /// By default links are followed wherever they lead (a file reached
    /// twice is one document). With this flag each link is skipped, with
    /// a warning naming it. Example: factcheck check --no-follow-links --corpus shared/ "..."
    #[arg(long, global = true)]
    pub no_follow_links: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Check(CheckArgs),
    Batch(BatchArgs),
    Index(IndexArgs),
    Eval(EvalArgs),
    Claims(ClaimsArgs),
    Cache(CacheArgs),
    Draft(DraftArgs),
    Serve(ServeArgs),
    Parse(ParseArgs),
    Completions(CompletionsArgs),
    Man(ManArgs),
}

/// Check statements given as arguments, or read from stdin one per line.
///
/// Examples:
///
///   factcheck check "149 people died in the Moscow attack"
///
///   factcheck check --corpus articles/ "Russia recognized the Taliban" "Kabul is in Iran"
///
///   cat statements.txt | factcheck check - --format jsonl
#[derive(Debug, Args)]
#[command(after_help = EXIT_STATUS_HELP, verbatim_doc_comment, args_override_self = true)]
pub struct CheckArgs {
    /// Statements to check; `-` or none reads them from stdin.
    ///
    /// Stdin is read as batch reads it: JSON Lines when its first non-blank
    /// line starts with {, a JSON array when it starts with [{, else one
    /// statement a line (blank lines skipped). Quote each statement in the
    /// shell: factcheck check "The attack killed 149 people" "It happened in 2024"
    #[arg(value_name = "STATEMENT")]
    pub statements: Vec<String>,

    #[command(flatten)]
    pub corpus: CorpusArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Check every statement of files (text, JSON Lines, JSON or CSV).
///
/// One output record per input statement, in input order, the files one
/// after the other. A line that cannot be read is reported on stderr as
/// PATH:LINE: REASON and gives an error record in its place; the run goes
/// on and exits with status 2.
///
/// Examples:
///
///   factcheck batch claims.jsonl > verdicts.jsonl
///
///   factcheck batch --input-format csv --output verdicts.jsonl - < claims.csv
///
///   factcheck batch monday.txt tuesday.csv --format csv > verdicts.csv
#[derive(Debug, Args)]
#[command(after_help = EXIT_STATUS_HELP, verbatim_doc_comment, args_override_self = true)]
pub struct BatchArgs {
    /// Files of statements, or `-` for stdin.
    ///
    /// The format follows the extension: .txt (one statement a line; blank
    /// lines and lines starting with # are skipped), .jsonl/.ndjson
    /// ({"id": "a1", "claim": "..."}; "statement" or "text" also work),
    /// .csv (a header with a claim or statement column, and optionally id).
    /// .json, other names and stdin are sniffed: a JSON array (what
    /// --format json writes) when they start with [{, JSON Lines when the
    /// first non-blank line starts with {, else text.
    /// Example: factcheck batch claims.csv verdicts.json
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Read every FILE as this format, whatever its name or content.
    ///
    /// Example: factcheck batch --input-format jsonl claims.log
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormatArg>,

    /// The CSV column holding the statements [default: claim or statement].
    ///
    /// Matched case-insensitively against the header. Example:
    /// factcheck batch quotes.csv --column quote
    #[arg(long, value_name = "NAME")]
    pub column: Option<String>,

    #[command(flatten)]
    pub corpus: CorpusArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Build the corpus index (or find it already built) and say where it is.
///
/// Later runs over the same corpus reuse the index instead of building it
/// again. It is kept under the user cache folder unless --index says where.
///
/// Example:
///
///   factcheck index --corpus articles/
#[derive(Debug, Args)]
#[command(verbatim_doc_comment, args_override_self = true)]
pub struct IndexArgs {
    /// Folder of .txt/.md articles, or one file [default: bundled].
    ///
    /// Without it, FACTCHECK_CORPUS names the corpus when set.
    /// Example: factcheck index --corpus articles/
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,

    /// Folder to keep the index in [default: user cache folder].
    ///
    /// Example: factcheck index --index /var/cache/factcheck
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
}

/// Check labeled statements and score the verdicts against the labels.
///
/// Reads JSON Lines of {"id", "claim", "label", "kind"} and reports accuracy,
/// macro-F1, binary balanced accuracy (supported against the rest),
/// per-class precision/recall/F1, the confusion matrix, accuracy per kind,
/// and every misclassified statement. Labels are supported, conflicting and
/// not_enough_info, or FEVER's SUPPORTS, REFUTES and NOT ENOUGH INFO; a line
/// with another label is reported as PATH:LINE: REASON and not scored.
///
/// Examples:
///
///   factcheck eval tests/data/dev/claims.jsonl --corpus tests/data/dev/corpus
///
///   factcheck eval labeled.jsonl --json --fail-under macro_f1=0.9
#[derive(Debug, Args)]
#[command(after_help = EVAL_EXIT_STATUS_HELP, verbatim_doc_comment, args_override_self = true)]
pub struct EvalArgs {
    /// Labeled JSON Lines file, or `-` for stdin.
    ///
    /// Each line: {"id": "d001", "claim": "...", "label": "supported",
    /// "kind": "paraphrase"}; kind is optional.
    #[arg(value_name = "LABELED")]
    pub file: PathBuf,

    #[command(flatten)]
    pub corpus: CorpusArgs,

    /// Print the scores as one JSON object instead of a table.
    ///
    /// Example: factcheck eval claims.jsonl --json | jq .accuracy
    #[arg(long)]
    pub json: bool,

    /// Write the scores to FILE instead of stdout.
    ///
    /// The file appears only when the run succeeds. Example: --output scores.json
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit 1 when a score is below VALUE; may be repeated.
    ///
    /// METRIC is accuracy, macro_f1, binary_balanced_accuracy (binary_bacc),
    /// or LABEL.precision, LABEL.recall, LABEL.f1 (conflicting.precision).
    /// The scores are written first. Example: --fail-under macro_f1=0.9
    #[arg(long, value_name = "METRIC=VALUE", value_parser = crate::eval::Gate::parse)]
    pub fail_under: Vec<crate::eval::Gate>,

    /// Print no notes on stderr (errors and warnings still show).
    #[arg(long, short)]
    pub quiet: bool,

    /// Switch off a comparison rule, to measure what it is worth.
    ///
    /// Repeat it or separate names with commas. The rules: number, date,
    /// entity, role_swap, negation, antonym, cause, substitution, from_to,
    /// change_direction, scale, quantifier, attribution, title,
    /// antonym_argument, antonym_object, antonym_object_parse, roles,
    /// exchanged_names, time_order, number_slot, argument_figure,
    /// negated_slot.
    /// Example: --without scale,quantifier
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub without: Vec<String>,
}

/// Manage the index cache: one index per corpus version.
///
/// Every corpus (and every version of it) gets its own index under the user
/// cache folder. A build prunes it by itself (indexes unused for 30 days go,
/// at most 10 are kept); `cache prune` does it when you ask, with your limits.
///
/// Examples:
///
///   factcheck cache prune
///
///   factcheck cache prune --older-than 7 --keep 3
///
///   factcheck cache prune --all
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CacheArgs {
    #[command(subcommand)]
    pub command: CacheCommand,
}

#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    Prune(PruneArgs),
}

/// Remove cached indexes unused for a while, or beyond a count.
///
/// Only folders factcheck made are removed; a run that has an index open
/// goes on reading it. Example:
///
///   factcheck cache prune --older-than 7 --keep 3
#[derive(Debug, Args)]
#[command(verbatim_doc_comment, args_override_self = true)]
pub struct PruneArgs {
    /// Remove indexes unused for more than DAYS.
    ///
    /// Example: factcheck cache prune --older-than 7
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    pub older_than: u64,

    /// Keep at most N indexes, the most recently used.
    ///
    /// Example: factcheck cache prune --keep 3
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub keep: usize,

    /// Remove every cached index.
    #[arg(long, conflicts_with_all = ["older_than", "keep"])]
    pub all: bool,
}

/// Print a shell completion script (bash, zsh, fish, elvish, powershell).
///
/// The script is generated from the same definitions as the parser, so it
/// knows every subcommand, flag and format.
///
/// Examples:
///
///   source <(factcheck completions bash)
///
///   factcheck completions zsh > ~/.zfunc/_factcheck
///
///   factcheck completions fish > ~/.config/fish/completions/factcheck.fish
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    ///
    /// Example: factcheck completions zsh
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: ShellArg,
}

/// Print the man page, or write one page per subcommand with --dir.
///
/// The pages are roff, generated from the same definitions as --help.
/// Without --dir, prints factcheck(1) to stdout; with it, writes
/// factcheck.1 and one page per subcommand (factcheck-check.1, ...) there.
///
/// Examples:
///
///   factcheck man > ~/.local/share/man/man1/factcheck.1
///
///   factcheck man --dir ~/.local/share/man/man1
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ManArgs {
    /// Write every page into DIR instead of factcheck.1 to stdout.
    ///
    /// Example: factcheck man --dir ~/.local/share/man/man1
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// List the atomic claims the corpus makes, the most check-worthy first.
///
/// Each sentence is split into self-contained claims (coordinated verbs
/// sharing a subject, relative clauses, quotations with their speaker,
/// pronouns resolved within a paragraph), scored for check-worthiness in
/// [0, 1] and listed with their numbers, dates and names. The jsonl output
/// can be fed straight back into `factcheck batch`.
///
/// Examples:
///
///   factcheck claims --min-score 0.6
///
///   factcheck claims --corpus articles/ --format jsonl > claims.jsonl
///
///   factcheck batch claims.jsonl --corpus articles/
#[derive(Debug, Args)]
#[command(verbatim_doc_comment, args_override_self = true)]
pub struct ClaimsArgs {
    /// Folder of .txt/.md articles, or one file [default: bundled].
    ///
    /// Without it, FACTCHECK_CORPUS names the corpus when set.
    /// Example: factcheck claims --corpus articles/
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,

    /// Output format [default: text on a terminal, else jsonl].
    ///
    /// Example: factcheck claims --format jsonl
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ClaimsFormatArg>,

    /// List only claims at least this check-worthy (0 to 1).
    ///
    /// Example: factcheck claims --min-score 0.5
    #[arg(long, value_name = "X", default_value_t = 0.0, value_parser = parse_score)]
    pub min_score: f32,

    /// Write the list to FILE instead of stdout.
    ///
    /// Written to a temporary file next to it and renamed when done.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// When to colour text output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

/// Check a draft: every check-worthy claim of a document, with offsets.
///
/// The draft (.txt, .md or .html; `-` reads stdin) is split into sentences and
/// atomic claims the way the corpus is, each claim scored for
/// check-worthiness, and those at or above --min-score checked. Every
/// claim is reported with its byte span, line and column in the draft,
/// its verdict, evidence and conflicts; sentences that make no checkable
/// claim (opinions, questions, headings) are listed as skipped, with why.
/// The summary gives the share of checked claims that are supported,
/// conflicting and not settled, and names the corpus.
///
/// Examples:
///
///   factcheck draft story.md
///
///   factcheck draft answer.txt --corpus sources/ --fail-on unsupported --format github
///
///   factcheck draft story.md --format html --output report.html
#[derive(Debug, Args)]
#[command(after_help = EXIT_STATUS_HELP, verbatim_doc_comment, args_override_self = true)]
pub struct DraftArgs {
    /// The draft: a .txt, .md or .html file, or `-` for stdin (read as text).
    ///
    /// A .md file is read as Markdown: heading marks and list bullets are
    /// not part of a sentence. An .html file is read as its visible text,
    /// which offsets then refer to (JSON: extracted_text). Example:
    /// factcheck draft story.md
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    #[command(flatten)]
    pub corpus: CorpusArgs,

    /// Output format [default: text on a terminal, else jsonl].
    ///
    /// Example: factcheck draft story.md --format sarif > draft.sarif
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<DraftFormatArg>,

    /// Check only claims at least this check-worthy (0 to 1) [default: 0.5].
    ///
    /// A plain clause scores 0.4; a number, date, name or factual verb
    /// raises it, an opinion, hedge or question lowers it. Example:
    /// --min-score 0.7 checks only claims with numbers, dates or names.
    #[arg(long, value_name = "X", default_value_t = crate::draft::DEFAULT_MIN_SCORE,
          value_parser = parse_score, hide_default_value = true)]
    pub min_score: f32,

    #[command(flatten)]
    pub policy: PolicyArgs,

    /// Write the report to FILE instead of stdout.
    ///
    /// Written to a temporary file next to it and renamed when done.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// When to colour text output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// Print no summary or notes on stderr (errors still show).
    #[arg(long, short)]
    pub quiet: bool,
}

/// The CI policy: which verdicts make the run exit 1.
#[derive(Debug, Args)]
pub struct PolicyArgs {
    /// Which verdicts fail the run with exit status 1.
    ///
    /// conflicting (the default) fails when a statement conflicts with the
    /// corpus; unsupported also when it is not_enough_info. Example:
    /// --fail-on unsupported
    #[arg(long, value_enum, value_name = "WHAT", default_value_t = FailOnArg::Conflicting)]
    pub fail_on: FailOnArg,

    /// Count verdicts less confident than X (0 to 1) as not_enough_info.
    ///
    /// With --fail-on conflicting, only confident conflicts fail; with
    /// --fail-on unsupported, only confident support passes. Example:
    /// --min-confidence 0.8
    #[arg(long, value_name = "X", default_value_t = 0.0, value_parser = parse_score)]
    pub min_confidence: f32,
}

/// What fails a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    /// A statement conflicts with the corpus.
    Conflicting,
    /// A statement conflicts or is not_enough_info.
    Unsupported,
}

/// The output formats of `factcheck draft`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DraftFormatArg {
    /// For people: the draft with claims marked, then each claim's evidence.
    Text,
    /// One JSON object: summary, claims (with offsets) and skipped sentences.
    Json,
    /// JSON Lines: a claim or skipped sentence a line, then the summary.
    Jsonl,
    /// A Markdown report: the draft marked, a table, each conflict quoted.
    Markdown,
    /// One self-contained HTML page, claims highlighted and expandable.
    Html,
    /// SARIF 2.1.0 for code scanning: one result per flagged claim.
    Sarif,
    /// GitHub Actions annotations (::error file=...,line=...::...).
    Github,
}

/// Serve the HTTP API and the web page, with the index loaded once.
///
/// Routes: POST /v1/check, POST /v1/batch, GET /v1/corpus, GET /healthz,
/// GET /metrics, and the page at GET /. Binds to loopback unless --addr
/// says otherwise; stop it with Ctrl-C (in-flight requests finish first).
///
/// Examples:
///
///   factcheck serve
///
///   factcheck serve --corpus articles/ --watch --addr 127.0.0.1:9000
///
///   FACTCHECK_TOKEN=s3cret factcheck serve --addr 0.0.0.0:8080
#[derive(Debug, Args)]
#[command(verbatim_doc_comment, args_override_self = true)]
pub struct ServeArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,

    /// Address to listen on [default: loopback only].
    ///
    /// Port 0 picks a free port (the log says which). Listening beyond
    /// loopback is for a trusted network, ideally with --token.
    /// Example: --addr 0.0.0.0:8080
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,

    /// Rebuild the index when corpus files change, and swap it in.
    ///
    /// Requests keep the index they started with. Needs --corpus DIR.
    #[arg(long)]
    pub watch: bool,

    /// Require "Authorization: Bearer TOKEN" (all but /healthz and the page).
    ///
    /// Or set FACTCHECK_TOKEN. Example: --token "$(cat /etc/factcheck.token)"
    #[arg(
        long,
        value_name = "TOKEN",
        env = "FACTCHECK_TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,

    /// Requests handled at once; more get 429 with Retry-After.
    ///
    /// Example: --max-in-flight 128
    #[arg(long, value_name = "N", default_value_t = 64,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_in_flight: u32,

    /// Seconds a check request may take (a batch gets 10 times this).
    ///
    /// Example: --request-timeout 5
    #[arg(long, value_name = "SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub request_timeout: u64,

    /// Seconds to let in-flight requests finish after SIGINT/SIGTERM.
    ///
    /// Example: --shutdown-timeout 30
    #[arg(long, value_name = "SECS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(0..=86_400))]
    pub shutdown_timeout: u64,
}

/// `--min-score`: a number from 0 to 1.
fn parse_score(text: &str) -> Result<f32, String> {
    let score: f32 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number; give a score from 0 to 1, e.g. 0.5"))?;
    if (0.0..=1.0).contains(&score) {
        Ok(score)
    } else {
        Err(format!("'{text}' is outside 0 to 1; give a score like 0.5"))
    }
}

/// The output formats of `factcheck claims`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ClaimsFormatArg {
    /// For people: score, claim, where it is, its mentions.
    Text,
    /// JSON Lines, one claim a line, readable by `factcheck batch`.
    Jsonl,
}

/// Where to look: corpus, index and how many candidates.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// Folder of .txt/.md articles, or one file [default: bundled].
    ///
    /// Every .txt and .md file in the folder (and below) is a document;
    /// other files are skipped, with a warning saying how many. A file
    /// given here is a corpus of one document, whatever its name. Without
    /// --corpus, FACTCHECK_CORPUS names the corpus when set. Example:
    /// factcheck check --corpus articles/ "Kabul is the capital"
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,

    /// Folder to keep the index in [default: user cache folder].
    ///
    /// An index built for the same corpus is reused. Example: --index ./.factcheck-index
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// Candidate passages to compare with each statement.
    ///
    /// More finds evidence phrased further from the statement, at some speed.
    /// Example: --top-k 10
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub top_k: u64,
}

/// How to write the verdicts.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: text on a terminal for check, else jsonl].
    ///
    /// Example: factcheck check --format json "149 people died"
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

    /// Write the verdicts to FILE instead of stdout.
    ///
    /// The file appears only when the run finishes: it is written to a
    /// temporary file next to it and renamed. Example: --output verdicts.jsonl
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit 1 when a statement is not_enough_info, too (--fail-on unsupported).
    ///
    /// For CI-style gates where every statement must be supported.
    #[arg(long, conflicts_with = "fail_on")]
    pub strict: bool,

    #[command(flatten)]
    pub policy: PolicyArgs,

    /// When to colour text output.
    ///
    /// auto colours only a terminal and respects NO_COLOR; JSON output is
    /// never coloured. Example: --color never
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// Print no run summary or notes on stderr (errors still show).
    #[arg(long, short)]
    pub quiet: bool,

    /// Add a word diff of statement and evidence (text format).
    ///
    /// Words only the statement has show as [-150-], words only the
    /// evidence has as {+149+}. Example: factcheck check --diff "150 people died"
    #[arg(long)]
    pub diff: bool,

    #[command(flatten)]
    pub review: ReviewArgs,
}

/// Who publishes the ClaimReviews, and where (`--format claimreview`).
// These doc comments are --help text, where <https://...> would show as is.
#[allow(rustdoc::bare_urls)]
#[derive(Debug, Args)]
#[command(next_help_heading = "ClaimReview")]
pub struct ReviewArgs {
    /// The fact-checking organisation publishing the reviews.
    ///
    /// Required with --format claimreview. Example: --author "Example Checks"
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,

    /// The page publishing the reviews; {id} becomes each statement's id.
    ///
    /// Required with --format claimreview. {id} becomes the statement's id
    /// (or its 1-based position), to give each review its own page.
    /// Example: --url "https://example.org/checks/{id}"
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// The review date, YYYY-MM-DD [default: today, in UTC].
    ///
    /// Example: --date 2026-03-01
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<String>,

    /// Who made the claims (itemReviewed.author).
    ///
    /// Example: --claim-author "Jane Doe"
    #[arg(long, value_name = "NAME")]
    pub claim_author: Option<String>,

    /// Where the claims appeared (itemReviewed.appearance).
    ///
    /// Example: --appearance "https://example.com/speech"
    #[arg(long, value_name = "URL")]
    pub appearance: Option<String>,
}

/// Accepts a calendar date written YYYY-MM-DD.
fn parse_date(text: &str) -> Result<String, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let valid = match parts.as_slice() {
        [year, month, day] => {
            let digits = |part: &str, len: usize| {
                part.len() == len && part.bytes().all(|b| b.is_ascii_digit())
            };
            digits(year, 4)
                && digits(month, 2)
                && digits(day, 2)
                && (1..=12).contains(&month.parse::<u32>().unwrap_or(0))
                && (1..=31).contains(&day.parse::<u32>().unwrap_or(0))
        }
        _ => false,
    };
    if valid {
        Ok(text.to_string())
    } else {
        Err(format!("'{text}' is not a date written YYYY-MM-DD"))
    }
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// For people: verdict, spans highlighted, evidence quoted, findings.
    Text,
    /// One pretty-printed JSON array of records.
    Json,
    /// JSON Lines: one record per statement per line.
    Jsonl,
    /// CSV: one row per statement, with a header row.
    Csv,
    /// A Markdown report: counts, a table, each conflict quoted.
    Markdown,
    /// schema.org ClaimReview JSON-LD (needs --author and --url).
    Claimreview,
}

/// Shells to write completions for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShellArg {
    /// GNU Bash.
    Bash,
    /// Z shell.
    Zsh,
    /// The friendly interactive shell.
    Fish,
    /// Elvish.
    Elvish,
    /// PowerShell.
    Powershell,
}

/// When to colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour text output on a terminal, unless NO_COLOR is set.
    Auto,
    /// Colour text output, wherever it goes.
    Always,
    /// Never colour.
    Never,
}

impl From<ShellArg> for clap_complete::Shell {
    fn from(shell: ShellArg) -> clap_complete::Shell {
        match shell {
            ShellArg::Bash => clap_complete::Shell::Bash,
            ShellArg::Zsh => clap_complete::Shell::Zsh,
            ShellArg::Fish => clap_complete::Shell::Fish,
            ShellArg::Elvish => clap_complete::Shell::Elvish,
            ShellArg::Powershell => clap_complete::Shell::PowerShell,
        }
    }
}

/// Batch input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// One statement a line; blank lines and `#` lines skipped.
    Text,
    /// One JSON object a line, with "claim" (or "statement", "text") and optional "id".
    Jsonl,
    /// One JSON array of such objects (what --format json writes).
    Json,
    /// A header row with a claim (or statement) column and optional id column.
    Csv,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn without_help_names_every_rule() {
        let mut command = Cli::command();
        let eval = command
            .find_subcommand_mut("eval")
            .expect("an eval subcommand");
        let help = eval.render_long_help().to_string().replace('\n', " ");
        let words: Vec<&str> = help
            .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
            .collect();
        for name in crate::compare::rules::rule_names() {
            assert!(
                words.contains(&name),
                "--without's help does not name {name}"
            );
        }
    }

    #[test]
    fn a_later_flag_overrides_an_earlier_one() {
        let cli = Cli::try_parse_from([
            "factcheck",
            "check",
            "--color",
            "never",
            "--color",
            "always",
        ])
        .unwrap();
        let Command::Check(args) = cli.command else {
            panic!("not check")
        };
        assert_eq!(args.output.color, ColorArg::Always);
    }

    #[test]
    fn top_k_must_be_positive() {
        assert!(Cli::try_parse_from(["factcheck", "check", "--top-k", "0", "x"]).is_err());
        assert!(Cli::try_parse_from(["factcheck", "check", "--top-k", "3", "x"]).is_ok());
    }

    /// Every flag and argument of every command, with its command's name.
    fn all_args() -> Vec<(String, clap::Arg)> {
        fn walk(command: &clap::Command, path: &str, out: &mut Vec<(String, clap::Arg)>) {
            for arg in command.get_arguments() {
                out.push((path.to_string(), arg.clone()));
            }
            for sub in command.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), out);
            }
        }
        let mut command = Cli::command();
        command.build();
        let mut out = Vec::new();
        walk(&command, "factcheck", &mut out);
        out
    }

    #[test]
    fn every_flag_has_a_one_line_help() {
        for (path, arg) in all_args() {
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            assert!(!help.is_empty(), "{path} {}: no help", arg.get_id());
            assert!(!help.contains('\n'), "{path} {}: {help}", arg.get_id());
        }
    }

    #[test]
    fn every_command_long_help_gives_an_example() {
        let mut command = Cli::command();
        command.build();
        let mut commands = vec![command.clone()];
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            commands.push(sub.clone());
            commands.extend(
                sub.get_subcommands()
                    .filter(|s| s.get_name() != "help")
                    .cloned(),
            );
        }
        for command in commands {
            let about = command
                .get_long_about()
                .map(|a| a.to_string())
                .unwrap_or_default();
            assert!(
                about.contains("Example") && about.contains("  factcheck "),
                "{}: {about}",
                command.get_name()
            );
        }
    }

    #[test]
    fn short_help_fits_79_columns() {
        let mut command = Cli::command();
        command.build();
        let mut helps = vec![command.render_help().to_string()];
        for sub in command.get_subcommands_mut() {
            helps.push(sub.render_help().to_string());
        }
        for help in helps {
            for line in help.lines() {
                assert!(line.chars().count() <= 79, "{line}");
            }
        }
    }

    #[test]
    fn dates_must_be_written_yyyy_mm_dd() {
        assert_eq!(parse_date("2026-03-01").as_deref(), Ok("2026-03-01"));
        for bad in [
            "2026-3-1",
            "2026-13-01",
            "01-03-2026",
            "yesterday",
            "2026-03-00",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn help_documents_exit_status() {
        let help = Cli::command().render_long_help().to_string();
        assert!(help.contains("Exit status:"), "{help}");
    }
}

/// Print the part-of-speech tags and dependency tree of sentences.
///
/// Each argument, or each line of stdin, is one sentence. Output is CoNLL-U
/// (the default off a terminal) or an indented tree (on a terminal). With
/// --eval, parses the sentences of a gold CoNLL-U file from their gold words
/// and prints the tagging and attachment scores instead.
///
/// Examples:
///
///   factcheck parse "Castle Rovers beat Riverside 3-1."
///
///   factcheck parse --format tree "The bridge was built in 1932."
///
///   factcheck parse --eval en_ewt-ud-test.conllu
#[derive(Debug, Args)]
#[command(verbatim_doc_comment, args_override_self = true)]
pub struct ParseArgs {
    /// Sentences to parse; without any, read them from stdin, one per line.
    ///
    /// Blank lines on stdin are skipped. Example: factcheck parse "It rained."
    #[arg(value_name = "SENTENCE", conflicts_with = "eval")]
    pub sentences: Vec<String>,

    /// Output format [default: tree on a terminal, else conllu].
    ///
    /// Example: factcheck parse --format conllu "It rained." > it.conllu
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ParseFormatArg>,

    /// Score the parser on a gold CoNLL-U file instead (UPOS, UAS, LAS).
    ///
    /// Gold words, predicted tags, punctuation counted; multiword-token and
    /// empty-node lines are skipped. Example: --eval en_ewt-ud-test.conllu
    #[arg(long, value_name = "GOLD")]
    pub eval: Option<PathBuf>,
}

/// The output formats of `factcheck parse`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ParseFormatArg {
    /// CoNLL-U: one word a line, ten tab-separated columns.
    Conllu,
    /// Each word under its head, indented: relation, word, tag, [lemma].
    Tree,
}
