//! What every request goes through before and after its handler, outermost
//! first: [`observe`] (the log line and the metrics), [`authorize`] (the
//! bearer token) and [`admit`] (the bound on requests in flight).
//!
//! A response body can outlive its handler (a batch streams for as long as
//! it checks), so what must last until the client has the whole answer, the
//! log line, the latency and the in-flight slot, is held by the body
//! ([`Guarded`]) and let go when it is dropped.

use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::{Frame, SizeHint};

use super::error::ApiError;
use super::say;
use super::App;
use crate::report::escape_control;

/// How many statements a request checked, counted by its handler and read
/// when the log line is written.
#[derive(Clone, Default)]
pub struct StatementCount(pub Arc<AtomicU64>);

impl StatementCount {
    pub fn add(&self, n: u64) {
        self.0.fetch_add(n, Ordering::Relaxed);
    }
}

/// Paths answered without a token and outside the in-flight bound: the
/// health check (for load balancers and orchestrators) and the page with
/// its assets, which hold no corpus data (a browser cannot send a bearer
/// token when it opens a page; the page sends it on its API calls).
fn is_open(path: &str) -> bool {
    path == "/healthz" || path == "/" || path.starts_with("/page/")
}

/// Writes one log line per request on stderr when its response body is
/// done (`factcheck: POST /v1/check 200 statements=1 ms=3.2`), and counts
/// it in the metrics.
pub async fn observe(State(app): State<Arc<App>>, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|matched| matched.as_str().to_string());
    let path = request.uri().path().to_string();
    let count = StatementCount::default();
    request.extensions_mut().insert(count.clone());
    let in_flight = app.metrics.in_flight();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let app = Arc::clone(&app);
    let done = Done(Some(Box::new(move || {
        let elapsed = started.elapsed();
        // Unmatched paths are logged as sent (escaped, cut short) but
        // counted under one label.
        let logged = route.clone().unwrap_or_else(|| {
            let shown: String = path.chars().take(200).collect();
            escape_control(&shown).into_owned()
        });
        app.metrics
            .request(route.as_deref().unwrap_or("unmatched"), status, elapsed);
        say!(
            "factcheck: {method} {logged} {status} statements={} ms={:.1}",
            count.0.load(Ordering::Relaxed),
            elapsed.as_secs_f64() * 1000.0
        );
        drop(in_flight);
    })));
    guard(response, done)
}

/// With `--token`: every route but the open ones needs
/// `Authorization: Bearer TOKEN`.
pub async fn authorize(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let Some(token) = &app.token else {
        return next.run(request).await;
    };
    if is_open(request.uri().path()) {
        return next.run(request).await;
    }
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        Some(given) if same_secret(given.as_bytes(), token.as_bytes()) => next.run(request).await,
        _ => ApiError::unauthorized().into_response(),
    }
}

/// Compares in time that depends on the lengths only, not on where the
/// first difference is.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// At most `--max-in-flight` requests are answered at once; one more gets
/// 429 with `Retry-After` at once rather than waiting in a queue.
pub async fn admit(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    if is_open(request.uri().path()) || request.uri().path() == "/metrics" {
        return next.run(request).await;
    }
    let Ok(permit) = Arc::clone(&app.in_flight).try_acquire_owned() else {
        return ApiError::too_many_requests(app.limits.max_in_flight).into_response();
    };
    let response = next.run(request).await;
    guard(response, Done(Some(Box::new(move || drop(permit)))))
}

/// Something to run when a response body is dropped (sent or abandoned).
struct Done(Option<Box<dyn FnOnce() + Send>>);

impl Drop for Done {
    fn drop(&mut self) {
        if let Some(done) = self.0.take() {
            done();
        }
    }
}

/// A response body that runs [`Done`] when it is dropped.
struct Guarded {
    inner: Body,
    _done: Done,
}

fn guard(response: Response, done: Done) -> Response {
    response.map(|inner| Body::new(Guarded { inner, _done: done }))
}

impl http_body::Body for Guarded {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_must_match_whole() {
        assert!(same_secret(b"s3cret", b"s3cret"));
        assert!(!same_secret(b"s3cre", b"s3cret"));
        assert!(!same_secret(b"s3creT", b"s3cret"));
        assert!(!same_secret(b"", b"s3cret"));
    }

    #[test]
    fn only_health_and_page_are_open() {
        for open in ["/healthz", "/", "/page/app.js"] {
            assert!(is_open(open), "{open}");
        }
        for closed in ["/v1/check", "/v1/corpus", "/metrics", "/pages"] {
            assert!(!is_open(closed), "{closed}");
        }
    }
}
