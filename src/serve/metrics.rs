//! What `GET /metrics` reports, in the Prometheus (OpenMetrics) text
//! format: requests by route and status, their latency, statements
//! checked, verdicts by kind, the index version and requests in flight.
//!
//! Routes are labelled by their pattern (`/v1/check`), never by the path a
//! client sent, so that no client can make the label set grow.

use std::sync::atomic::AtomicU64;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

use crate::verdict::Label;

/// The label of a request counter.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    status: u16,
}

/// The label of a latency histogram.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

/// The label of a verdict counter.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct VerdictLabels {
    verdict: &'static str,
}

type LatencyFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

/// Every metric of the service, and the registry that writes them out.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: LatencyFamily,
    statements: Counter,
    verdicts: Family<VerdictLabels, Counter>,
    index_version: Gauge<u64, AtomicU64>,
    in_flight: Gauge,
}

/// Latency buckets: 0.5 ms doubling to about 16 s, which covers a
/// one-statement check (milliseconds) and a long batch alike.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.0005, 2.0, 16))
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("factcheck");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by route and status",
            requests.clone(),
        );
        let latency: LatencyFamily = Family::new_with_constructor(latency_histogram);
        registry.register(
            "http_request_duration_seconds",
            "Time from request to the end of the response body, by route",
            latency.clone(),
        );
        let statements = Counter::default();
        registry.register(
            "statements_checked",
            "Statements checked (each statement of a request or batch line)",
            statements.clone(),
        );
        let verdicts = Family::<VerdictLabels, Counter>::default();
        registry.register(
            "verdicts",
            "Verdicts given, by kind (error: the statement could not be read or checked)",
            verdicts.clone(),
        );
        let index_version = Gauge::<u64, AtomicU64>::default();
        registry.register(
            "index_version",
            "Version of the index being served (1 at start, +1 per swap)",
            index_version.clone(),
        );
        let in_flight = Gauge::default();
        registry.register(
            "http_requests_in_flight",
            "Requests being answered now",
            in_flight.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            statements,
            verdicts,
            index_version,
            in_flight,
        }
    }

    /// Counts one answered request.
    pub fn request(&self, route: &str, status: u16, elapsed: Duration) {
        let route = route.to_string();
        self.requests
            .get_or_create(&RequestLabels {
                route: route.clone(),
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels { route })
            .observe(elapsed.as_secs_f64());
    }

    /// Counts one checked statement and its verdict (None: it could not be
    /// read or checked).
    pub fn statement(&self, verdict: Option<Label>) {
        self.statements.inc();
        let verdict = verdict.map_or("error", |label| label.as_str());
        self.verdicts
            .get_or_create(&VerdictLabels { verdict })
            .inc();
    }

    pub fn set_index_version(&self, version: u64) {
        self.index_version.set(version);
    }

    /// One more request in flight; the returned guard counts it out.
    pub fn in_flight(&self) -> InFlight {
        self.in_flight.inc();
        InFlight(self.in_flight.clone())
    }

    /// All metrics in the OpenMetrics text format (which Prometheus reads).
    pub fn encode(&self) -> String {
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new()
    }
}

/// A request in flight, counted until dropped.
pub struct InFlight(Gauge);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.dec();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_requests_statements_and_verdicts() {
        let metrics = Metrics::new();
        metrics.request("/v1/check", 200, Duration::from_millis(3));
        metrics.statement(Some(Label::Conflicting));
        metrics.statement(None);
        metrics.set_index_version(2);
        let guard = metrics.in_flight();
        let text = metrics.encode();
        assert!(
            text.contains(r#"factcheck_http_requests_total{route="/v1/check",status="200"} 1"#),
            "{text}"
        );
        assert!(
            text.contains("factcheck_statements_checked_total 2"),
            "{text}"
        );
        assert!(
            text.contains(r#"factcheck_verdicts_total{verdict="conflicting"} 1"#),
            "{text}"
        );
        assert!(text.contains(r#"factcheck_verdicts_total{verdict="error"} 1"#));
        assert!(text.contains("factcheck_index_version 2"), "{text}");
        assert!(
            text.contains("factcheck_http_requests_in_flight 1"),
            "{text}"
        );
        drop(guard);
        assert!(metrics
            .encode()
            .contains("factcheck_http_requests_in_flight 0"));
        assert!(text.contains("factcheck_http_request_duration_seconds_bucket"));
        assert!(text.ends_with("# EOF\n"), "{text}");
    }
}
