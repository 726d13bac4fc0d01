//! The API's handlers: each reads its request, checks with the index the
//! request started with, and answers in the format asked for.
//!
//! Checking is CPU work, so it runs on the blocking pool (a statement takes
//! milliseconds; a batch chunk is spread over all cores with rayon), under
//! the request's time limit. Nothing a request sends is ever used as a file
//! path: statements go to the verifier, and the format names are matched
//! against a fixed list.

use std::convert::Infallible;
use std::io::Cursor;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Extension, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rayon::prelude::*;
use serde::Deserialize;

use super::error::ApiError;
use super::layers::StatementCount;
use super::metrics::Metrics;
use super::state::{CorpusInfo, Loaded};
use super::App;
use crate::cli::{check_one, ChunkBuffer};
use crate::input::{self, InputError, InputErrorKind, InputFormat, StatementInput};
use crate::report::{self, claimreview, Checked, Format, ReportOptions, ReviewOptions};

/// The body limit of `POST /v1/check`: room for
/// [`MAX_CHECK_STATEMENTS`] statements of a few kilobytes, or one of the
/// longest (16 KiB, [`input::MAX_STATEMENT_BYTES`]) with room to spare.
pub const CHECK_BODY_BYTES: usize = 1024 * 1024;

/// How many statements one `POST /v1/check` may carry; more belong in a
/// batch.
pub const MAX_CHECK_STATEMENTS: usize = 256;

/// The body limit of `POST /v1/batch` (16 MiB, some 100,000 statements);
/// a longer file is sent in parts, or checked with `factcheck batch`.
pub const BATCH_BODY_BYTES: usize = 16 * 1024 * 1024;

/// How a batch's input is named in its error records (`<request>:3: ...`).
const BATCH_SOURCE: &str = "<request>";

/// A batch is checked in chunks that start this small and double up to
/// [`BATCH_CHUNK`], so that the first records go out at once.
const FIRST_BATCH_CHUNK: usize = 16;

/// The largest batch chunk: enough to keep every core busy, small enough
/// that a request holds little memory and sees its deadline often.
const BATCH_CHUNK: usize = 256;

/// The response header naming the index a request was answered with.
pub const INDEX_VERSION_HEADER: &str = "factcheck-index-version";

/// The response header with that index's corpus fingerprint.
pub const INDEX_FINGERPRINT_HEADER: &str = "factcheck-index-fingerprint";

/// The time limits of requests.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_in_flight: u32,
    /// For `POST /v1/check`.
    pub request_timeout: Duration,
    /// For `POST /v1/batch`, from the request to the last record.
    pub batch_timeout: Duration,
}

/// The query parameters of the check routes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportQuery {
    /// `json`, `jsonl`, `csv`, `markdown`, `text` or `claimreview`.
    format: Option<String>,
    /// For a batch: `jsonl` (the default), `text` or `csv`.
    input: Option<String>,
    /// ClaimReview publisher and page (`--author`, `--url`), and date.
    author: Option<String>,
    url: Option<String>,
    date: Option<String>,
}

/// The report options and input format a request's query asks for.
fn read_query(uri: &Uri, default: Format) -> Result<(ReportOptions, InputFormat), ApiError> {
    let Query(query) = Query::<ReportQuery>::try_from_uri(uri)
        .map_err(|err| ApiError::bad_request(format!("bad query: {}", err.body_text())))?;
    let format = match query.format.as_deref() {
        None => default,
        Some("json") => Format::Json,
        Some("jsonl") => Format::Jsonl,
        Some("csv") => Format::Csv,
        Some("markdown") => Format::Markdown,
        Some("text") => Format::Text,
        Some("claimreview") => Format::ClaimReview,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "unknown format '{other}'; use json, jsonl, csv, markdown, text or claimreview"
            )))
        }
    };
    let input = match query.input.as_deref() {
        None | Some("jsonl") => InputFormat::Jsonl,
        Some("text") => InputFormat::Text,
        Some("csv") => InputFormat::Csv,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "unknown input format '{other}'; use jsonl, text or csv"
            )))
        }
    };
    let mut options = ReportOptions::new(format);
    if format == Format::ClaimReview {
        let (Some(author), Some(url)) = (query.author, query.url) else {
            return Err(ApiError::bad_request(
                "format=claimreview needs the author and url parameters (the publisher and its page; {id} in url becomes each statement's id)",
            ));
        };
        options.review = Some(ReviewOptions {
            author,
            url,
            date: query.date.unwrap_or_else(claimreview::today_utc),
            claim_author: None,
            appearance: None,
        });
    }
    Ok((options, input))
}

/// The content type of a format's output.
fn content_type(format: Format) -> &'static str {
    match format {
        Format::Json => "application/json",
        Format::Jsonl => "application/x-ndjson",
        Format::Csv => "text/csv; charset=utf-8",
        Format::Markdown => "text/markdown; charset=utf-8",
        Format::Text => "text/plain; charset=utf-8",
        Format::ClaimReview => "application/ld+json",
    }
}

/// The request's body, at most `limit` bytes. A body whose announced
/// length is over the limit is refused before any of it is read; one that
/// grows over it as it comes is refused when it does.
pub(super) async fn read_body(request: Request, limit: usize) -> Result<Bytes, ApiError> {
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if announced.is_some_and(|length| length > limit as u64) {
        return Err(ApiError::too_large(limit));
    }
    axum::body::to_bytes(request.into_body(), limit)
        .await
        .map_err(|err| {
            let is_too_long = std::error::Error::source(&err)
                .is_some_and(|source| source.is::<http_body_util::LengthLimitError>());
            if is_too_long {
                ApiError::too_large(limit)
            } else {
                ApiError::bad_request(format!("failed to read the request body: {err}"))
            }
        })
}

/// The body of `POST /v1/check`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckRequest {
    statement: Option<String>,
    statements: Option<Vec<String>>,
}

/// The statements of a check request, each through the same checks as
/// every reader (not empty, at most 16 KiB).
fn check_statements(body: &[u8]) -> Result<Vec<StatementInput>, ApiError> {
    let request: CheckRequest =
        serde_json::from_slice(body).map_err(|err| ApiError::from_json(&err))?;
    let texts = match (request.statement, request.statements) {
        (Some(statement), None) => vec![statement],
        (None, Some(statements)) if !statements.is_empty() => statements,
        (None, Some(_)) => return Err(ApiError::bad_request("\"statements\" is empty")),
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "give \"statement\" or \"statements\", not both",
            ))
        }
        (None, None) => {
            return Err(ApiError::bad_request(
                "the body needs {\"statement\": \"...\"} or {\"statements\": [\"...\", ...]}",
            ))
        }
    };
    if texts.len() > MAX_CHECK_STATEMENTS {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_many_statements",
            format!(
                "{} statements; one request checks at most {MAX_CHECK_STATEMENTS} (send more to POST /v1/batch)",
                texts.len()
            ),
        ));
    }
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            input::statement(i as u64 + 1, None, text).map_err(|err| statement_error(&err))
        })
        .collect()
}

/// A statement the API refuses, naming its position (1-based).
fn statement_error(err: &InputError) -> ApiError {
    let message = format!("statement {}: {}", err.line, err.kind);
    match err.kind {
        InputErrorKind::StatementTooLong(_) => {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "statement_too_long", message)
        }
        InputErrorKind::EmptyClaim => {
            ApiError::new(StatusCode::BAD_REQUEST, "empty_statement", message)
        }
        _ => ApiError::bad_request(message),
    }
}

/// `POST /v1/check`: `{"statement": "..."}` or `{"statements": [...]}`;
/// the records of `check --format json` (or `?format=`).
pub async fn check(
    State(app): State<Arc<App>>,
    Extension(count): Extension<StatementCount>,
    request: Request,
) -> Result<Response, ApiError> {
    // The body first: see `draft` on answering while the client sends.
    let uri = request.uri().clone();
    let body = read_body(request, CHECK_BODY_BYTES).await?;
    let (options, _) = read_query(&uri, Format::Json)?;
    let statements = check_statements(&body)?;
    count.add(statements.len() as u64);
    let loaded = app.served.current();
    let work = {
        let (loaded, app) = (Arc::clone(&loaded), Arc::clone(&app));
        let options = options.clone();
        tokio::task::spawn_blocking(move || {
            let check = |statement| check_one(&loaded.verifier, Ok(statement), "statement").0;
            let checked: Vec<Checked> = if statements.len() == 1 {
                statements.into_iter().map(check).collect()
            } else {
                statements.into_par_iter().map(check).collect()
            };
            count_verdicts(&app.metrics, &checked);
            render(&options, &checked)
        })
    };
    let limit = app.limits.request_timeout;
    let rendered = tokio::time::timeout(limit, work)
        .await
        .map_err(|_| ApiError::timeout(limit.as_secs()))?
        .map_err(|err| ApiError::internal(format!("the check failed: {err}")))?
        .map_err(|err| ApiError::internal(format!("failed to write the records: {err:#}")))?;
    Ok(answer(Body::from(rendered), options.format, &loaded.info))
}

/// Counts each statement's verdict in the metrics.
fn count_verdicts(metrics: &Metrics, checked: &[Checked]) {
    for one in checked {
        metrics.statement(one.outcome.as_ref().ok().map(|verdict| verdict.label));
    }
}

/// The whole report of these checked statements.
fn render(options: &ReportOptions, checked: &[Checked]) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    {
        let mut report = report::new_report(options, &mut bytes)?;
        report.begin()?;
        for one in checked {
            report.verdict(one)?;
        }
        report.finish()?;
    }
    Ok(bytes)
}

/// A 200 response in `format`, naming the index it was answered with.
fn answer(body: Body, format: Format, info: &CorpusInfo) -> Response {
    let mut response = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(content_type(format)),
        )],
        body,
    )
        .into_response();
    name_index(&mut response, info);
    response
}

pub(super) fn name_index(response: &mut Response, info: &CorpusInfo) {
    let headers = response.headers_mut();
    headers.insert(INDEX_VERSION_HEADER, HeaderValue::from(info.index_version));
    if let Ok(value) = HeaderValue::from_str(&info.fingerprint) {
        headers.insert(INDEX_FINGERPRINT_HEADER, value);
    }
}

/// `POST /v1/batch`: JSON Lines in (`?input=text|csv` for the other
/// formats), JSON Lines out (or `?format=`), one record per input line in
/// input order, streamed as each chunk is checked.
///
/// A bad line gives an error record in its place, as `factcheck batch`
/// does. When the batch cannot go on (its time limit passed, or a CSV has
/// no claim column) the stream ends with one JSON line
/// `{"error": "timeout" | "bad_input", "message": ...}` instead of the
/// records left, and without the format's closing (a JSON array's `]`), so
/// that a cut-off answer is never taken for a whole one.
pub async fn batch(
    State(app): State<Arc<App>>,
    Extension(count): Extension<StatementCount>,
    request: Request,
) -> Result<Response, ApiError> {
    // The body first: see `draft` on answering while the client sends.
    let uri = request.uri().clone();
    let body = read_body(request, BATCH_BODY_BYTES).await?;
    let (options, input_format) = read_query(&uri, Format::Jsonl)?;
    let loaded = app.served.current();
    let (sender, receiver) = tokio::sync::mpsc::channel::<Bytes>(4);
    let job = BatchJob {
        loaded: Arc::clone(&loaded),
        app: Arc::clone(&app),
        options: options.clone(),
        input_format,
        deadline: Instant::now() + app.limits.batch_timeout,
        count,
        sender,
    };
    tokio::task::spawn_blocking(move || job.run(&body));
    let chunks = futures_util::stream::unfold(receiver, |mut receiver| async move {
        let chunk = receiver.recv().await?;
        Some((Ok::<Bytes, Infallible>(chunk), receiver))
    });
    Ok(answer(
        Body::from_stream(chunks),
        options.format,
        &loaded.info,
    ))
}

/// One batch request being checked, its records sent chunk by chunk.
struct BatchJob {
    loaded: Arc<Loaded>,
    app: Arc<App>,
    options: ReportOptions,
    input_format: InputFormat,
    deadline: Instant,
    count: StatementCount,
    sender: tokio::sync::mpsc::Sender<Bytes>,
}

impl BatchJob {
    fn run(self, body: &[u8]) {
        let buffer = ChunkBuffer::default();
        let mut sink = buffer.clone();
        // The options were checked when the query was read.
        let Ok(mut report) = report::new_report(&self.options, &mut sink) else {
            return;
        };
        let mut statements = input::statements(Cursor::new(body), self.input_format).fuse();
        let mut size = FIRST_BATCH_CHUNK;
        let mut done = 0usize;
        let mut stopped = None;
        if report.begin().is_err() {
            return;
        }
        loop {
            if Instant::now() >= self.deadline {
                stopped = Some(("timeout", format!(
                    "the batch took longer than its limit of {} s; {done} statement(s) were checked, the rest were not",
                    self.app.limits.batch_timeout.as_secs()
                )));
                break;
            }
            let mut chunk = Vec::with_capacity(size);
            for statement in statements.by_ref() {
                match statement {
                    Err(err) if err.is_fatal() => {
                        stopped = Some(("bad_input", format!("{BATCH_SOURCE}:{err}")));
                        break;
                    }
                    statement => chunk.push(statement),
                }
                if chunk.len() == size {
                    break;
                }
            }
            let is_last = chunk.len() < size || stopped.is_some();
            let checked: Vec<Checked> = chunk
                .into_par_iter()
                .map(|statement| check_one(&self.loaded.verifier, statement, BATCH_SOURCE).0)
                .collect();
            count_verdicts(&self.app.metrics, &checked);
            self.count.add(checked.len() as u64);
            done += checked.len();
            for one in &checked {
                if report.verdict(one).is_err() {
                    return;
                }
            }
            if is_last && stopped.is_none() && report.finish().is_err() {
                return;
            }
            // A closed channel: the client has gone, stop checking.
            if self.sender.blocking_send(buffer.take().into()).is_err() || is_last {
                break;
            }
            size = (size * 2).min(BATCH_CHUNK);
        }
        if let Some((code, message)) = stopped {
            let error = ApiError::new(StatusCode::OK, code, message);
            let _ = self.sender.blocking_send(error.to_json().into());
        }
    }
}

/// `GET /v1/corpus`: what is indexed.
pub async fn corpus(State(app): State<Arc<App>>) -> Response {
    let loaded = app.served.current();
    let mut response = axum::Json(&loaded.info).into_response();
    name_index(&mut response, &loaded.info);
    response
}

/// `GET /healthz`: 200 while the server answers, with the index version.
pub async fn healthz(State(app): State<Arc<App>>) -> Response {
    let version = app.served.current().info.index_version;
    axum::Json(serde_json::json!({"status": "ok", "index_version": version})).into_response()
}

/// `GET /metrics`: Prometheus (OpenMetrics) text.
pub async fn metrics(State(app): State<Arc<App>>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        app.metrics.encode(),
    )
        .into_response()
}

/// Any other path.
pub async fn not_found() -> ApiError {
    ApiError::not_found()
}

/// A known path with a method it does not take.
pub async fn method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_statement_or_a_list() {
        let one = check_statements(br#"{"statement": " 150 people died "}"#).unwrap();
        assert_eq!(one[0].claim, "150 people died");
        let two = check_statements(br#"{"statements": ["a b", "c d"]}"#).unwrap();
        assert_eq!(two.len(), 2);
    }

    #[test]
    fn refuses_bodies_of_the_wrong_shape() {
        for (body, code) in [
            (
                &br#"{"statement": "a", "statements": ["b"]}"#[..],
                "bad_request",
            ),
            (br#"{}"#, "bad_request"),
            (br#"{"statements": []}"#, "bad_request"),
            (br#"{"claim": "a"}"#, "bad_request"),
            (br#"{"statement": 3}"#, "bad_request"),
            (br#"{"statement": "#, "bad_json"),
            (br#"{"statements": ["ok", "  "]}"#, "empty_statement"),
        ] {
            let err = check_statements(body).unwrap_err();
            assert_eq!(err.code, code, "{}", String::from_utf8_lossy(body));
        }
    }

    #[test]
    fn statement_cap_and_count_cap_are_413() {
        let long = "a".repeat(input::MAX_STATEMENT_BYTES + 1);
        let body = serde_json::json!({"statements": ["fine", long]}).to_string();
        let err = check_statements(body.as_bytes()).unwrap_err();
        assert_eq!((err.status.as_u16(), err.code), (413, "statement_too_long"));
        assert!(err.message.starts_with("statement 2: "), "{}", err.message);
        let many = vec!["x y"; MAX_CHECK_STATEMENTS + 1];
        let body = serde_json::json!({ "statements": many }).to_string();
        let err = check_statements(body.as_bytes()).unwrap_err();
        assert_eq!(
            (err.status.as_u16(), err.code),
            (413, "too_many_statements")
        );
    }

    #[test]
    fn query_picks_format_and_refuses_unknown_ones() {
        let uri: Uri = "/v1/check?format=markdown".parse().unwrap();
        assert_eq!(
            read_query(&uri, Format::Json).unwrap().0.format,
            Format::Markdown
        );
        let uri: Uri = "/v1/batch?input=csv".parse().unwrap();
        let (options, input) = read_query(&uri, Format::Jsonl).unwrap();
        assert_eq!((options.format, input), (Format::Jsonl, InputFormat::Csv));
        for bad in [
            "/x?format=xml",
            "/x?input=xml",
            "/x?path=/etc/passwd",
            "/x?format=claimreview",
        ] {
            let uri: Uri = bad.parse().unwrap();
            assert_eq!(
                read_query(&uri, Format::Json).unwrap_err().code,
                "bad_request",
                "{bad}"
            );
        }
    }
}
