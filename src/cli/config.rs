//! What the user's arguments mean here: [`Config`], resolved once from the
//! [`super::args`] types and the [`Environment`] (terminal, `NO_COLOR`,
//! `TERM`, today's date), so the commands never look at either again.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::args::{
    ColorArg, CorpusArgs, FailOnArg, FormatArg, InputFormatArg, OutputArgs, PolicyArgs, ReviewArgs,
};
use crate::ingest::Corpus;
use crate::input::InputFormat;
use crate::policy::{FailOn, Policy};
use crate::report::{claimreview, Format, ReportOptions, ReviewOptions};

/// The parts of the world that change what arguments mean.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Environment {
    pub stdout_is_terminal: bool,
    pub stdin_is_terminal: bool,
    /// `NO_COLOR` is set to something non-empty (<https://no-color.org>).
    pub no_color: bool,
    /// `TERM=dumb`: a terminal that understands no escape sequences.
    pub term_is_dumb: bool,
    /// Today in UTC, `YYYY-MM-DD` (a ClaimReview's default date).
    pub today: String,
    /// `FACTCHECK_CORPUS`, when set and not empty: the corpus to use when
    /// no `--corpus` is given.
    pub default_corpus: Option<PathBuf>,
}

impl Environment {
    /// The environment of this process.
    pub fn detect() -> Environment {
        Environment {
            stdout_is_terminal: std::io::stdout().is_terminal(),
            stdin_is_terminal: std::io::stdin().is_terminal(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            term_is_dumb: std::env::var_os("TERM").is_some_and(|v| v == "dumb"),
            today: claimreview::today_utc(),
            default_corpus: std::env::var_os(CORPUS_VARIABLE)
                .filter(|value| !value.is_empty())
                .map(PathBuf::from),
        }
    }
}

/// Which corpus to check against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CorpusChoice {
    /// The article compiled into the binary.
    Bundled,
    /// Every `.txt`/`.md` file in a folder, or one file of any name.
    Dir(PathBuf),
}

/// The variable naming the corpus to use without `--corpus`.
pub const CORPUS_VARIABLE: &str = "FACTCHECK_CORPUS";

impl CorpusChoice {
    pub fn new(dir: Option<&Path>) -> CorpusChoice {
        match dir {
            Some(dir) => CorpusChoice::Dir(dir.to_path_buf()),
            None => CorpusChoice::Bundled,
        }
    }

    /// `--corpus` if given, else `FACTCHECK_CORPUS`, else the bundled
    /// article.
    pub fn resolve(given: Option<&Path>, env: &Environment) -> CorpusChoice {
        CorpusChoice::new(given.or(env.default_corpus.as_deref()))
    }

    /// Reads the corpus; a folder that is missing or holds no articles is
    /// an error with a hint.
    pub fn load(&self) -> Result<Corpus> {
        let dir = match self {
            CorpusChoice::Bundled => return Ok(Corpus::bundled()),
            CorpusChoice::Dir(dir) => dir,
        };
        if dir.is_file() {
            return Corpus::from_file(dir);
        }
        if !dir.is_dir() {
            bail!("no corpus folder '{}'\n\n{}", dir.display(), CORPUS_HINT);
        }
        let corpus = Corpus::from_dir(dir)?;
        if corpus.documents.is_empty() {
            bail!(
                "no .txt or .md files in corpus folder '{}'\n\n{}",
                dir.display(),
                CORPUS_HINT
            );
        }
        Ok(corpus)
    }
}

const CORPUS_HINT: &str =
    "Pass --corpus DIR with a folder of .txt or .md articles, or leave it out to use the bundled article.";

/// Everything `check`, `batch` and `eval` need to know, resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub corpus: CorpusChoice,
    /// Where the index is kept; None keeps it in RAM.
    pub index_dir: Option<PathBuf>,
    pub top_k: usize,
    pub format: Format,
    /// None writes to stdout.
    pub output: Option<PathBuf>,
    /// When the run fails (`--fail-on`, `--min-confidence`, `--strict`).
    pub policy: Policy,
    /// Colour the (text) output.
    pub color: bool,
    pub quiet: bool,
    /// Text: add a word diff of statement against evidence.
    pub diff: bool,
    /// Who publishes ClaimReviews; Some exactly for [`Format::ClaimReview`].
    pub review: Option<ReviewOptions>,
}

/// Which command the output is for: it picks the default format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// `check`: text on a terminal, else JSON Lines.
    Check,
    /// `batch`: always JSON Lines unless told.
    Batch,
}

impl Config {
    /// Resolves the shared options of `check` and `batch`.
    pub fn resolve(
        corpus: &CorpusArgs,
        output: &OutputArgs,
        purpose: Purpose,
        env: &Environment,
    ) -> Result<Config> {
        let to_terminal = output.output.is_none() && env.stdout_is_terminal;
        let format = match (output.format, purpose) {
            (Some(FormatArg::Text), _) => Format::Text,
            (Some(FormatArg::Json), _) => Format::Json,
            (Some(FormatArg::Jsonl), _) => Format::Jsonl,
            (Some(FormatArg::Csv), _) => Format::Csv,
            (Some(FormatArg::Markdown), _) => Format::Markdown,
            (Some(FormatArg::Claimreview), _) => Format::ClaimReview,
            (None, Purpose::Check) if to_terminal => Format::Text,
            (None, _) => Format::Jsonl,
        };
        let color = format == Format::Text && wants_color(output.color, to_terminal, env);
        let review = match format {
            Format::ClaimReview => Some(review_options(&output.review, env)?),
            _ => None,
        };
        let top_k = usize::try_from(corpus.top_k)
            .with_context(|| format!("--top-k '{}' is too large", corpus.top_k))?;
        Ok(Config {
            corpus: CorpusChoice::resolve(corpus.corpus.as_deref(), env),
            index_dir: index_dir(corpus.index.as_deref(), env),
            top_k,
            format,
            output: output.output.clone(),
            policy: policy(&output.policy, output.strict),
            color,
            quiet: output.quiet,
            diff: output.diff,
            review,
        })
    }

    /// What the report needs to know.
    pub fn report_options(&self) -> ReportOptions {
        ReportOptions {
            format: self.format,
            color: self.color,
            diff: self.diff,
            review: self.review.clone(),
        }
    }
}

/// The policy `--fail-on` and `--min-confidence` ask for; `--strict` is
/// `--fail-on unsupported`.
pub fn policy(args: &PolicyArgs, strict: bool) -> Policy {
    let fail_on = match args.fail_on {
        _ if strict => FailOn::Unsupported,
        FailOnArg::Conflicting => FailOn::Conflicting,
        FailOnArg::Unsupported => FailOn::Unsupported,
    };
    Policy {
        fail_on,
        min_confidence: args.min_confidence,
    }
}

/// How the summary names the corpus: the bundled article is named as
/// such, so nobody mistakes it for their own corpus.
pub fn describe_corpus(choice: &CorpusChoice, corpus: &Corpus) -> String {
    match choice {
        CorpusChoice::Bundled => "the bundled article (no --corpus given)".to_string(),
        CorpusChoice::Dir(dir) => format!(
            "'{}' ({} document{})",
            dir.display(),
            corpus.documents.len(),
            if corpus.documents.len() == 1 { "" } else { "s" }
        ),
    }
}

/// The ClaimReview publisher: `--author` and `--url` are required (Google
/// requires both fields), the date defaults to today.
fn review_options(args: &ReviewArgs, env: &Environment) -> Result<ReviewOptions> {
    let (Some(author), Some(url)) = (&args.author, &args.url) else {
        bail!("{}", claimreview::MISSING_PUBLISHER);
    };
    Ok(ReviewOptions {
        author: author.clone(),
        url: url.clone(),
        date: args.date.clone().unwrap_or_else(|| env.today.clone()),
        claim_author: args.claim_author.clone(),
        appearance: args.appearance.clone(),
    })
}

/// `--index DIR` if given. Without it the index module keeps one index
/// per corpus fingerprint in the platform cache folder
/// (`$XDG_CACHE_HOME/factcheck/<fingerprint>/`), or in RAM when there is none.
pub fn index_dir(given: Option<&Path>, _env: &Environment) -> Option<PathBuf> {
    given.map(Path::to_path_buf)
}

/// How to read a batch file: `--input-format`, else the extension; None
/// when neither tells (`.json`, other names, stdin), for
/// [`crate::input::sniff`] to decide from the content.
pub fn input_format(path: &Path, given: Option<InputFormatArg>) -> Option<InputFormat> {
    match given {
        Some(InputFormatArg::Text) => Some(InputFormat::Text),
        Some(InputFormatArg::Jsonl) => Some(InputFormat::Jsonl),
        Some(InputFormatArg::Json) => Some(InputFormat::Json),
        Some(InputFormatArg::Csv) => Some(InputFormat::Csv),
        None => InputFormat::from_path(path),
    }
}

/// Whether `--color` asks for colour: always, never, or (auto) on a
/// terminal unless `NO_COLOR` is set or `TERM=dumb`.
pub fn wants_color(color: ColorArg, to_terminal: bool, env: &Environment) -> bool {
    match color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => to_terminal && !env.no_color && !env.term_is_dumb,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(terminal: bool, no_color: bool) -> Environment {
        Environment {
            stdout_is_terminal: terminal,
            stdin_is_terminal: false,
            no_color,
            term_is_dumb: false,
            today: "2026-03-01".to_string(),
            default_corpus: None,
        }
    }

    fn corpus_args() -> CorpusArgs {
        CorpusArgs {
            corpus: None,
            index: None,
            top_k: 5,
        }
    }

    fn output_args(format: Option<FormatArg>, color: ColorArg) -> OutputArgs {
        OutputArgs {
            format,
            output: None,
            strict: false,
            policy: PolicyArgs {
                fail_on: FailOnArg::Conflicting,
                min_confidence: 0.0,
            },
            color,
            quiet: false,
            diff: false,
            review: ReviewArgs {
                author: None,
                url: None,
                date: None,
                claim_author: None,
                appearance: None,
            },
        }
    }

    fn resolve(output: OutputArgs, purpose: Purpose, env: Environment) -> Config {
        Config::resolve(&corpus_args(), &output, purpose, &env).unwrap()
    }

    #[test]
    fn check_defaults_to_coloured_text_on_a_terminal_only() {
        let config = resolve(
            output_args(None, ColorArg::Auto),
            Purpose::Check,
            env(true, false),
        );
        assert_eq!((config.format, config.color), (Format::Text, true));
        let config = resolve(
            output_args(None, ColorArg::Auto),
            Purpose::Check,
            env(false, false),
        );
        assert_eq!((config.format, config.color), (Format::Jsonl, false));
    }

    #[test]
    fn batch_defaults_to_jsonl_even_on_a_terminal() {
        let config = resolve(
            output_args(None, ColorArg::Auto),
            Purpose::Batch,
            env(true, false),
        );
        assert_eq!((config.format, config.color), (Format::Jsonl, false));
    }

    #[test]
    fn no_color_and_never_turn_colour_off() {
        let config = resolve(
            output_args(None, ColorArg::Auto),
            Purpose::Check,
            env(true, true),
        );
        assert!(!config.color);
        let config = resolve(
            output_args(None, ColorArg::Never),
            Purpose::Check,
            env(true, false),
        );
        assert!(!config.color);
    }

    #[test]
    fn dumb_terminal_gets_no_colour_unless_forced() {
        let mut dumb = env(true, false);
        dumb.term_is_dumb = true;
        let config = resolve(
            output_args(None, ColorArg::Auto),
            Purpose::Check,
            dumb.clone(),
        );
        assert_eq!((config.format, config.color), (Format::Text, false));
        let config = resolve(output_args(None, ColorArg::Always), Purpose::Check, dumb);
        assert!(config.color);
    }

    #[test]
    fn claimreview_needs_author_and_url_and_dates_today() {
        let mut output = output_args(Some(FormatArg::Claimreview), ColorArg::Always);
        let err = Config::resolve(&corpus_args(), &output, Purpose::Batch, &env(false, false))
            .unwrap_err();
        assert!(err
            .to_string()
            .starts_with("--format claimreview needs --author NAME and --url URL\n\n"));
        output.review.author = Some("Example Checks".to_string());
        output.review.url = Some("https://example.org/{id}".to_string());
        let config = resolve(output, Purpose::Batch, env(true, false));
        assert!(!config.color);
        let review = config.review.unwrap();
        assert_eq!(review.date, "2026-03-01");
        assert_eq!(review.author, "Example Checks");
    }

    #[test]
    fn new_formats_are_chosen_by_flag_and_never_coloured() {
        for (arg, format) in [
            (FormatArg::Csv, Format::Csv),
            (FormatArg::Markdown, Format::Markdown),
        ] {
            let config = resolve(
                output_args(Some(arg), ColorArg::Always),
                Purpose::Check,
                env(true, false),
            );
            assert_eq!((config.format, config.color), (format, false));
            assert_eq!(config.report_options().format, format);
        }
    }

    #[test]
    fn machine_formats_are_never_coloured() {
        let output = output_args(Some(FormatArg::Json), ColorArg::Always);
        assert!(!resolve(output, Purpose::Check, env(true, false)).color);
        let output = output_args(Some(FormatArg::Text), ColorArg::Always);
        assert!(resolve(output, Purpose::Batch, env(false, false)).color);
    }

    #[test]
    fn output_file_is_not_a_terminal() {
        let mut output = output_args(None, ColorArg::Auto);
        output.output = Some(PathBuf::from("out.jsonl"));
        let config = resolve(output, Purpose::Check, env(true, false));
        assert_eq!((config.format, config.color), (Format::Jsonl, false));
    }

    #[test]
    fn corpus_flag_beats_the_variable_and_the_variable_the_bundled_article() {
        let mut env = env(false, false);
        assert_eq!(CorpusChoice::resolve(None, &env), CorpusChoice::Bundled);
        env.default_corpus = Some(PathBuf::from("from-env"));
        assert_eq!(
            CorpusChoice::resolve(None, &env),
            CorpusChoice::Dir(PathBuf::from("from-env"))
        );
        assert_eq!(
            CorpusChoice::resolve(Some(Path::new("given")), &env),
            CorpusChoice::Dir(PathBuf::from("given"))
        );
    }

    #[test]
    fn index_flag_overrides_the_cache() {
        let env = env(false, false);
        assert_eq!(
            index_dir(Some(Path::new("idx")), &env),
            Some(PathBuf::from("idx"))
        );
        assert_eq!(index_dir(None, &env), None);
    }

    #[test]
    fn input_format_flag_beats_extension() {
        let path = Path::new("claims.csv");
        assert_eq!(input_format(path, None), Some(InputFormat::Csv));
        assert_eq!(
            input_format(path, Some(InputFormatArg::Jsonl)),
            Some(InputFormat::Jsonl)
        );
        assert_eq!(input_format(Path::new("-"), None), None);
        assert_eq!(input_format(Path::new("out.json"), None), None);
    }

    #[test]
    fn missing_corpus_folder_is_named_with_a_hint() {
        let err = CorpusChoice::Dir(PathBuf::from("/no/such/corpus"))
            .load()
            .unwrap_err();
        let message = format!("{err:#}");
        assert!(
            message.starts_with("no corpus folder '/no/such/corpus'\n\nPass --corpus DIR"),
            "{message}"
        );
    }
}
