//! Errors of the HTTP API: a status, a stable `error` code a client can
//! branch on, and a message for people. Written as JSON, never with a
//! stack trace:
//!
//! ```json
//! {"error":"bad_json","message":"expected `,` or `}` at line 1 column 14","line":1,"column":14}
//! ```
//!
//! | code | status | when |
//! |------|--------|------|
//! | `bad_json` | 400 | the body is not valid JSON (`line` and `column` say where) |
//! | `bad_request` | 400 | valid JSON of the wrong shape, or a bad query parameter |
//! | `empty_statement` | 400 | a statement is empty or only white space |
//! | `unauthorized` | 401 | `--token` is set and the request has no or a wrong bearer token |
//! | `not_found` | 404 | no such route |
//! | `method_not_allowed` | 405 | the route exists, not with this method |
//! | `payload_too_large` | 413 | the body is over the route's limit |
//! | `statement_too_long` | 413 | a statement is over 16 KiB |
//! | `too_many_statements` | 413 | a check request has more statements than it may |
//! | `too_many_requests` | 429 | more requests in flight than `--max-in-flight` (see `Retry-After`) |
//! | `timeout` | 503 | the request took longer than its time limit |
//! | `internal` | 500 | a bug: the message says what failed, the log has no more |

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An API error; see the module docs for the codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// Where in the body the problem is, for `bad_json`.
    pub position: Option<(usize, usize)>,
    /// Seconds for a `Retry-After` header.
    pub retry_after: Option<u64>,
}

#[derive(Serialize)]
struct Body<'a> {
    error: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            position: None,
            retry_after: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// A body that serde_json could not read: `bad_json` for broken JSON,
    /// `bad_request` for JSON of the wrong shape; both keep the position.
    pub fn from_json(err: &serde_json::Error) -> ApiError {
        let code = match err.classify() {
            serde_json::error::Category::Data => "bad_request",
            _ => "bad_json",
        };
        ApiError {
            position: Some((err.line(), err.column())),
            ..ApiError::new(StatusCode::BAD_REQUEST, code, err.to_string())
        }
    }

    pub fn too_large(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("the request body is over this route's limit of {limit} bytes"),
        )
    }

    pub fn not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "no such route; see GET / for the page and the README for the API",
        )
    }

    pub fn method_not_allowed() -> ApiError {
        ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "this route does not take that method",
        )
    }

    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "this server needs a bearer token: send 'Authorization: Bearer TOKEN'",
        )
    }

    pub fn too_many_requests(limit: u32) -> ApiError {
        ApiError {
            retry_after: Some(1),
            ..ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                format!("{limit} requests are being answered already; retry shortly"),
            )
        }
    }

    pub fn timeout(seconds: u64) -> ApiError {
        ApiError {
            retry_after: Some(1),
            ..ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                format!("the request took longer than its limit of {seconds} s"),
            )
        }
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    /// The JSON body, one line with a final newline.
    pub fn to_json(&self) -> String {
        let body = Body {
            error: self.code,
            message: &self.message,
            line: self.position.map(|(line, _)| line),
            column: self.position.map(|(_, column)| column),
        };
        let mut text = serde_json::to_string(&body).unwrap_or_default();
        text.push('\n');
        text
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            self.to_json(),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"factcheck\""),
            );
        }
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_json_names_line_and_column() {
        let err = serde_json::from_str::<serde_json::Value>("{\n  \"statement\": }").unwrap_err();
        let api = ApiError::from_json(&err);
        assert_eq!(api.code, "bad_json");
        let body: serde_json::Value = serde_json::from_str(&api.to_json()).unwrap();
        assert_eq!(body["error"], "bad_json");
        assert_eq!(body["line"], 2);
        assert!(body["message"].as_str().unwrap().contains("line 2"));
    }

    #[test]
    fn wrong_shape_is_a_bad_request_not_bad_json() {
        let err = serde_json::from_str::<Vec<String>>("[1]").unwrap_err();
        assert_eq!(ApiError::from_json(&err).code, "bad_request");
    }

    #[test]
    fn too_many_requests_says_when_to_retry() {
        let response = ApiError::too_many_requests(4).into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "1");
        let response = ApiError::unauthorized().into_response();
        assert!(response.headers().contains_key(header::WWW_AUTHENTICATE));
    }
}
