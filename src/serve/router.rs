//! The route table: one line a route, then the layers every request goes
//! through ([`super::layers`]). Each handler reads its body under its own
//! limit ([`handlers::CHECK_BODY_BYTES`], [`handlers::BATCH_BODY_BYTES`]).
//!
//! `POST /v1/draft` (the report of `factcheck draft`) is not here yet: that
//! command is being built on another branch. Adding it is one `.route`
//! line below and a handler beside `check` that reads its body with
//! `read_body(request, DRAFT_BODY_BYTES)`.

use std::sync::Arc;

use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;

use super::handlers;
use super::layers::{admit, authorize, observe};
use super::page;
use super::App;

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/v1/check", post(handlers::check))
        .route("/v1/batch", post(handlers::batch))
        .route("/v1/corpus", get(handlers::corpus))
        .route("/healthz", get(handlers::healthz))
        .route("/metrics", get(handlers::metrics))
        .route("/", get(page::index))
        .route("/page/app.css", get(page::css))
        .route("/page/app.js", get(page::js))
        .fallback(handlers::not_found)
        .method_not_allowed_fallback(handlers::method_not_allowed)
        // The last layer added runs first: observe, authorize, admit.
        .layer(from_fn_with_state(Arc::clone(&app), admit))
        .layer(from_fn_with_state(Arc::clone(&app), authorize))
        .layer(from_fn_with_state(Arc::clone(&app), observe))
        .with_state(app)
}
