//! `factcheck serve`: the HTTP API and the web page.
//!
//! One process loads (or builds) the index once and answers checks over
//! HTTP with the same [`Verifier`](crate::verify::Verifier) as the CLI, so
//! `POST /v1/check` gives the records of `check --format json` and
//! `POST /v1/batch` the lines of `batch`. The parts:
//!
//! - [`router`]: the route table and its body limits;
//! - [`handlers`]: what each route does;
//! - [`layers`]: the log line, the metrics, the bearer token and the bound
//!   on requests in flight, around every request;
//! - [`error`]: the JSON errors and their stable codes;
//! - [`metrics`]: `GET /metrics`;
//! - [`state`]: the index being served, swapped whole under `--watch`
//!   ([`watch`]) while running requests keep theirs;
//! - [`page`]: the web page, its files built into the binary.
//!
//! Safe by default: loopback only, body and time limits, 429 beyond
//! `--max-in-flight`, no request data ever used as a file path, and a
//! graceful shutdown on SIGINT/SIGTERM that lets in-flight requests finish
//! for up to `--shutdown-timeout` seconds.

pub mod error;
pub mod handlers;
pub mod layers;
pub mod metrics;
mod page;
pub mod router;
pub mod state;
pub mod watch;

use std::future::IntoFuture;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use axum::serve::ListenerExt;
use tokio::sync::Semaphore;

use crate::cli::args::ServeArgs;
use crate::cli::config::{self, CorpusChoice, Environment};
use crate::cli::{ExitStatus, Outcome};
use handlers::Limits;
use metrics::Metrics;
use state::{Served, Source};

/// Writes a line to stderr, ignoring failure (stderr may be gone).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}
pub(crate) use say;

/// What every handler shares.
pub struct App {
    pub served: Arc<Served>,
    pub metrics: Arc<Metrics>,
    pub limits: Limits,
    /// The bearer token required, if any.
    pub token: Option<String>,
    /// One permit per request in flight ([`layers::admit`]).
    pub in_flight: Arc<Semaphore>,
}

/// How many times the check time limit a batch may take.
const BATCH_TIMEOUT_FACTOR: u32 = 10;

/// `factcheck serve`: load the index, listen, answer until a signal.
pub fn run(args: ServeArgs, env: &Environment) -> Result<Outcome> {
    let top_k = usize::try_from(args.corpus.top_k)
        .with_context(|| format!("--top-k '{}' is too large", args.corpus.top_k))?;
    let source = Source {
        corpus: CorpusChoice::new(args.corpus.corpus.as_deref()),
        index_dir: config::index_dir(args.corpus.index.as_deref(), env),
        top_k,
    };
    let watched = watch::folder(&source);
    if args.watch && watched.is_none() {
        bail!("--watch needs --corpus DIR\n\nThe bundled corpus is built into the binary and never changes.");
    }
    if args
        .token
        .as_deref()
        .is_some_and(|token| token.trim().is_empty())
    {
        bail!("--token is empty\n\nGive a secret, or leave --token and FACTCHECK_TOKEN unset.");
    }
    let loaded = source.load(1)?;
    // The lexicons load on first use: the first request should not pay.
    let _ = crate::extract::analyze("150 people died in the attack in March 2024");
    let _ = loaded
        .verifier
        .check("150 people died in the attack in March 2024");
    say!("factcheck: serving {}", watch::describe(&loaded.info));
    let metrics = Arc::new(Metrics::new());
    metrics.set_index_version(1);
    let served = Arc::new(Served::new(loaded));
    let _watcher = match (&watched, args.watch) {
        (Some(dir), true) => Some(watch::start(
            dir,
            source.clone(),
            Arc::clone(&served),
            Arc::clone(&metrics),
        )?),
        _ => None,
    };
    let request_timeout = Duration::from_secs(args.request_timeout);
    let app = Arc::new(App {
        served,
        metrics,
        limits: Limits {
            max_in_flight: args.max_in_flight,
            request_timeout,
            batch_timeout: request_timeout * BATCH_TIMEOUT_FACTOR,
        },
        token: args.token.clone(),
        in_flight: Arc::new(Semaphore::new(args.max_in_flight as usize)),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(blocking_threads())
        .thread_name("factcheck-serve")
        .build()
        .context("failed to start the server runtime")?;
    let shutdown = Duration::from_secs(args.shutdown_timeout);
    let result = runtime.block_on(listen(app, args.addr, shutdown));
    // Checks cut off by the deadline are not waited for.
    runtime.shutdown_timeout(Duration::from_millis(100));
    result?;
    Ok(Outcome::new(ExitStatus::Clean))
}

/// Threads that run checks (tokio's blocking pool), a few per core.
/// Checks are CPU work, so more threads than that only take turns; and
/// each thread keeps its own allocator heap: with tokio's default of 512,
/// 32 clients grew the pool to 158 threads and the process to 530 MB
/// resident on the bundled corpus (BENCHMARKS.md, serve). Checks beyond
/// it wait in tokio's queue, within the in-flight bound.
fn blocking_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    (cores * 4).max(16)
}

/// Listens on `addr` and serves until SIGINT or SIGTERM, then lets
/// in-flight requests finish for up to `deadline`.
async fn listen(app: Arc<App>, addr: std::net::SocketAddr, deadline: Duration) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
        format!("failed to listen on {addr}\n\nIs another server using the port? Pick another with --addr, or port 0 for any free one.")
    })?;
    let local = listener
        .local_addr()
        .context("failed to read the listening address")?;
    if !local.ip().is_loopback() {
        say!("factcheck: warning: listening beyond loopback on {local}; anyone who can reach it can use it{}",
            if app.token.is_some() { " with the token" } else { " (consider --token)" });
    }
    say!("factcheck: listening on http://{local}");
    // Small responses go out at once rather than waiting for Nagle's
    // algorithm to fill a packet.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let signalled = Arc::new(tokio::sync::Notify::new());
    let on_signal = Arc::clone(&signalled);
    let server = axum::serve(listener, router::router(app))
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            say!("factcheck: shutting down; finishing requests in flight");
            on_signal.notify_one();
        })
        .into_future();
    tokio::select! {
        served = server => served.context("the server failed")?,
        () = async {
            signalled.notified().await;
            tokio::time::sleep(deadline).await;
        } => {
            say!("factcheck: requests still in flight after {} s; stopping anyway", deadline.as_secs());
        }
    }
    say!("factcheck: stopped");
    Ok(())
}

/// SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
