//! `POST /v1/draft`: the report of `factcheck draft` for the document in
//! the body (UTF-8 text or Markdown), in any of its formats.
//!
//! `?format=json|jsonl|markdown|html|sarif|github|text` (default json),
//! `?min_score=X` (0 to 1, default [`DEFAULT_MIN_SCORE`]) and `?name=N`
//! (the draft's name in the report; a name ending in `.md` reads the body
//! as Markdown). The body may be at most [`DRAFT_BODY_BYTES`].

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Extension, Query, Request, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::error::ApiError;
use super::handlers::{name_index, read_body};
use super::layers::StatementCount;
use super::App;
use crate::draft::{check_draft, DraftOptions, DEFAULT_MIN_SCORE};
use crate::report::draft::{write_draft, DraftFormat};

/// The largest draft body: a long feature story is well under 100 KB.
pub const DRAFT_BODY_BYTES: usize = 1 << 20;

#[derive(Debug, Default, Deserialize)]
struct DraftQuery {
    format: Option<String>,
    min_score: Option<f32>,
    name: Option<String>,
}

/// The format and its content type.
fn draft_format(name: Option<&str>) -> Result<(DraftFormat, &'static str), ApiError> {
    Ok(match name {
        None | Some("json") => (DraftFormat::Json, "application/json"),
        Some("jsonl") => (DraftFormat::Jsonl, "application/x-ndjson"),
        Some("markdown") => (DraftFormat::Markdown, "text/markdown; charset=utf-8"),
        Some("html") => (DraftFormat::Html, "text/html; charset=utf-8"),
        Some("sarif") => (DraftFormat::Sarif, "application/sarif+json"),
        Some("github") => (DraftFormat::Github, "text/plain; charset=utf-8"),
        Some("text") => (DraftFormat::Text, "text/plain; charset=utf-8"),
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "unknown draft format '{other}'; use json, jsonl, markdown, html, sarif, github or text"
            )))
        }
    })
}

pub async fn draft(
    State(app): State<Arc<App>>,
    Extension(count): Extension<StatementCount>,
    request: Request,
) -> Result<Response, ApiError> {
    // The body is read before the query is judged: answering a bad query
    // while the client is still sending would close the connection under
    // it, and the client would see a reset instead of the error.
    let uri = request.uri().clone();
    let body = read_body(request, DRAFT_BODY_BYTES).await?;
    let Query(query): Query<DraftQuery> = Query::try_from_uri(&uri)
        .map_err(|err| ApiError::bad_request(format!("bad query: {err}")))?;
    let (format, content_type) = draft_format(query.format.as_deref())?;
    let min_score = query.min_score.unwrap_or(DEFAULT_MIN_SCORE);
    if !(0.0..=1.0).contains(&min_score) {
        return Err(ApiError::bad_request(
            "min_score must be a number from 0 to 1",
        ));
    }
    let text = String::from_utf8(body.to_vec())
        .map_err(|_| ApiError::bad_request("the draft is not UTF-8 text"))?;
    let loaded = app.served.current();
    let work = {
        let (loaded, app) = (Arc::clone(&loaded), Arc::clone(&app));
        let options = DraftOptions {
            min_score,
            name: query.name.unwrap_or_else(|| "draft".to_string()),
            corpus: loaded.info.corpus.clone(),
            ..DraftOptions::default()
        };
        tokio::task::spawn_blocking(move || {
            let report = check_draft(&loaded.verifier, &text, &options);
            count.add(report.claims.len() as u64);
            for claim in &report.claims {
                app.metrics
                    .statement(claim.result.as_ref().map(|verdict| verdict.label));
            }
            let mut bytes = Vec::new();
            write_draft(&mut bytes, &report, format, false).map(|()| bytes)
        })
    };
    let limit = app.limits.request_timeout;
    let rendered = tokio::time::timeout(limit, work)
        .await
        .map_err(|_| ApiError::timeout(limit.as_secs()))?
        .map_err(|err| ApiError::internal(format!("the draft check failed: {err}")))?
        .map_err(|err| ApiError::internal(format!("failed to write the report: {err:#}")))?;
    let mut response = (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        Body::from(rendered),
    )
        .into_response();
    name_index(&mut response, &loaded.info);
    Ok(response)
}
