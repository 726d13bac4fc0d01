//! `factcheck serve` over HTTP: a real server on an ephemeral loopback
//! port, every route, the error codes, streaming, the index swap under
//! `--watch`, graceful shutdown, and the page in headless Chromium.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use factcheck::report::Record;

use crate::util::{dev_corpus, TestEnv};

/// A running `factcheck serve`, stopped when dropped.
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    addr: String,
    /// Every stderr line so far.
    log: Arc<Mutex<Vec<String>>>,
    agent: ureq::Agent,
}

impl Server {
    /// Starts `factcheck serve --addr 127.0.0.1:0 ARGS` in `env` and waits
    /// until it listens.
    fn start(env: &TestEnv, args: &[&str]) -> Server {
        let mut command = env.command(&["serve", "--addr", "127.0.0.1:0"]);
        command
            .args(args)
            .env_remove("FACTCHECK_TOKEN")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = command.spawn().unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (found, listening) = std::sync::mpsc::channel();
        {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    if let Some(addr) = line.strip_prefix("factcheck: listening on http://") {
                        let _ = found.send(addr.to_string());
                    }
                    log.lock().unwrap().push(line);
                }
            });
        }
        let addr = listening
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_else(|_| panic!("server did not start: {:?}", log.lock().unwrap()));
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        Server {
            child,
            addr,
            log,
            agent,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn get(&self, path: &str) -> Answer {
        Answer::from(self.agent.get(&self.url(path)).call().unwrap())
    }

    fn post(&self, path: &str, body: &str) -> Answer {
        Answer::from(self.agent.post(&self.url(path)).send(body).unwrap())
    }

    fn post_with(&self, path: &str, header: (&str, &str), body: &str) -> Answer {
        let request = self.agent.post(&self.url(path)).header(header.0, header.1);
        Answer::from(request.send(body).unwrap())
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// Sends SIGTERM.
    fn signal_term(&self) {
        let status = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Sends SIGTERM and waits for the exit status.
    fn terminate(self) -> (i32, String) {
        self.signal_term();
        self.wait_exit()
    }

    /// Waits for the process to exit; its status and the whole log.
    fn wait_exit(mut self) -> (i32, String) {
        let code = self.child.wait().unwrap().code().unwrap_or(-1);
        // Let the reader thread take the last lines.
        std::thread::sleep(Duration::from_millis(100));
        (code, self.log())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response, read whole.
struct Answer {
    status: u16,
    headers: ureq::http::HeaderMap,
    body: String,
}

impl From<ureq::http::Response<ureq::Body>> for Answer {
    fn from(response: ureq::http::Response<ureq::Body>) -> Answer {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .unwrap();
        Answer {
            status,
            headers,
            body,
        }
    }
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|err| panic!("not JSON ({err}): {}", self.body))
    }

    /// Asserts an API error: this status and code, JSON, no trace.
    fn expect_error(&self, status: u16, code: &str) -> serde_json::Value {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.header("content-type"), "application/json");
        let error = self.json();
        assert_eq!(error["error"], code, "{}", self.body);
        assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(!self.body.contains("panicked") && !self.body.contains("backtrace"));
        error
    }
}

const MOSCOW: &str = "150 people died in the Moscow attack";

#[test]
fn check_answers_with_the_records_of_check_json() {
    let env = TestEnv::new();
    let corpus = dev_corpus();
    let server = Server::start(&env, &["--corpus", &corpus]);
    let statements = [
        MOSCOW,
        "The attack on a Moscow concert hall killed 149 people",
    ];
    let expected = env
        .run(&[
            "check",
            "--corpus",
            &corpus,
            "--format",
            "json",
            statements[0],
            statements[1],
        ])
        .stdout;
    let body = serde_json::json!({ "statements": statements }).to_string();
    let answer = server.post("/v1/check", &body);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("content-type"), "application/json");
    assert_eq!(answer.header("factcheck-index-version"), "1");
    crate::util::assert_lines_eq(&expected, &answer.body);
    let records: Vec<Record> = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(records[0].verdict.unwrap().as_str(), "conflicting");
    // One statement alone: the same record in an array of one.
    let one = server.post(
        "/v1/check",
        &serde_json::json!({ "statement": MOSCOW }).to_string(),
    );
    let one: Vec<Record> = serde_json::from_str(&one.body).unwrap();
    assert_eq!(one, records[..1]);
    // Another format, as the CLI writes it.
    let markdown = server.post(
        "/v1/check?format=markdown",
        &serde_json::json!({ "statement": MOSCOW }).to_string(),
    );
    assert_eq!(
        markdown.header("content-type"),
        "text/markdown; charset=utf-8"
    );
    let expected = env
        .run(&["check", "--corpus", &corpus, "--format", "markdown", MOSCOW])
        .stdout;
    assert_eq!(markdown.body, expected);
    wait_for_log(&server, "factcheck: POST /v1/check 200 statements=2 ms=");
}

#[test]
fn batch_streams_one_record_per_line_in_order() {
    let env = TestEnv::new();
    let corpus = dev_corpus();
    let server = Server::start(&env, &["--corpus", &corpus]);
    // Enough lines for several chunks (16, 32, ...), a bad line among them.
    let mut input = String::new();
    for i in 0..60 {
        if i == 7 {
            input.push_str("{\"id\": \"bad\", \"claim\": \n");
            continue;
        }
        let claim = if i % 2 == 0 {
            MOSCOW
        } else {
            "Northwind Rail opened a line"
        };
        input.push_str(&format!(
            "{{\"id\": \"s{i}\", \"claim\": \"{claim} {i}\"}}\n"
        ));
    }
    let file = env.write("statements.jsonl", &input);
    let expected = env
        .run(&[
            "batch",
            "--corpus",
            &corpus,
            "--quiet",
            file.to_str().unwrap(),
        ])
        .stdout;
    let response = server
        .agent
        .post(&server.url("/v1/batch"))
        .send(&input)
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "application/x-ndjson");
    // Streamed: no length known in advance.
    assert!(headers.get("content-length").is_none(), "{headers:?}");
    assert_eq!(headers["transfer-encoding"], "chunked");
    let mut lines = Vec::new();
    let reader = BufReader::new(response.into_body().into_reader());
    for line in reader.lines() {
        lines.push(line.unwrap());
    }
    assert_eq!(lines.len(), 60);
    let ids: Vec<String> = lines
        .iter()
        .map(|line| {
            let record: Record = serde_json::from_str(line).unwrap();
            record.id.unwrap_or_else(|| "-".to_string())
        })
        .collect();
    assert_eq!(ids[6], "s6");
    assert_eq!(ids[7], "-", "the bad line is an error record in its place");
    assert_eq!(ids[59], "s59");
    // Byte for byte what `factcheck batch` writes, but for the source name
    // of the error record.
    let served = lines.join("\n") + "\n";
    crate::util::assert_lines_eq(
        &expected.replace(file.to_str().unwrap(), "<request>"),
        &served,
    );
    wait_for_log(&server, "POST /v1/batch 200 statements=60 ms=");
}

#[test]
fn corpus_health_and_metrics_describe_the_service() {
    let env = TestEnv::new();
    let server = Server::start(&env, &["--corpus", &dev_corpus()]);
    let corpus = server.get("/v1/corpus");
    assert_eq!(corpus.status, 200);
    let info = corpus.json();
    assert_eq!(info["documents"], 2);
    assert_eq!(info["index_version"], 1);
    assert!(info["passages"].as_u64().unwrap() > 10);
    assert!(info["claims"].as_u64().unwrap() > 0);
    assert_eq!(info["fingerprint"].as_str().unwrap().len(), 32);
    assert!(info["built_at"].as_str().unwrap().ends_with('Z'));
    let health = server.get("/healthz");
    assert_eq!(
        (health.status, health.json()["status"].clone()),
        (200, "ok".into())
    );
    server.post(
        "/v1/check",
        &serde_json::json!({ "statement": MOSCOW }).to_string(),
    );
    let metrics = server.get("/metrics");
    assert_eq!(metrics.status, 200);
    assert!(metrics
        .header("content-type")
        .starts_with("application/openmetrics-text"));
    for line in [
        "factcheck_statements_checked_total 1",
        "factcheck_verdicts_total{verdict=\"conflicting\"} 1",
        "factcheck_index_version 1",
        "factcheck_http_requests_total{route=\"/v1/check\",status=\"200\"} 1",
        "factcheck_http_request_duration_seconds_count{route=\"/v1/check\"} 1",
    ] {
        assert!(metrics.body.contains(line), "{line}\n{}", metrics.body);
    }
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<label for=\"statement\">"));
    assert!(page
        .header("content-security-policy")
        .contains("default-src 'none'"));
    assert_eq!(server.get("/page/app.js").status, 200);
    assert_eq!(server.get("/page/app.css").status, 200);
}

#[test]
fn errors_are_json_with_stable_codes() {
    let env = TestEnv::new();
    let server = Server::start(&env, &[]);
    let error = server
        .post(
            "/v1/check",
            "{\n  \"statement\": \"150 people\",\n  oops\n}",
        )
        .expect_error(400, "bad_json");
    assert_eq!(error["line"], 3);
    assert!(error["column"].as_u64().is_some());
    server
        .post("/v1/check", r#"{"statements": "one"}"#)
        .expect_error(400, "bad_request");
    server
        .post("/v1/check", r#"{"statement": "   "}"#)
        .expect_error(400, "empty_statement");
    let long = "word ".repeat(4000);
    server
        .post(
            "/v1/check",
            &serde_json::json!({ "statement": long }).to_string(),
        )
        .expect_error(413, "statement_too_long");
    // A body over the limit is refused on its announced length, before
    // it is read (a client sending all of it would see the connection
    // closed under it once the answer is out).
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    write!(
        stream,
        "POST /v1/check HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{{\"statement\": \"aaaa",
        server.addr,
        2 * 1024 * 1024
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    assert!(
        response.contains("{\"error\":\"payload_too_large\""),
        "{response}"
    );
    // One that grows over the limit as it comes (no length announced).
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    let chunk = "a".repeat(1024 * 1024 + 1);
    write!(
        stream,
        "POST /v1/check HTTP/1.1\r\nHost: {}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{chunk}\r\n",
        server.addr,
        chunk.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    server
        .post("/v1/check?format=xml", r#"{"statement": "a b"}"#)
        .expect_error(400, "bad_request");
    server.get("/v1/nothing").expect_error(404, "not_found");
    server
        .get("/../../etc/passwd")
        .expect_error(404, "not_found");
    server
        .get("/v1/check")
        .expect_error(405, "method_not_allowed");
    server
        .post("/v1/draft?format=xml", "A draft.")
        .expect_error(400, "bad_request");
    server
        .post("/v1/draft?min_score=2", "A draft.")
        .expect_error(400, "bad_request");
    wait_for_log(&server, "GET /v1/nothing 404 statements=0 ms=");
}

#[test]
fn token_is_required_everywhere_but_health_and_page() {
    let env = TestEnv::new();
    let server = Server::start(&env, &["--token", "s3cret"]);
    let body = serde_json::json!({ "statement": MOSCOW }).to_string();
    let answer = server.post("/v1/check", &body);
    answer.expect_error(401, "unauthorized");
    assert!(answer.header("www-authenticate").starts_with("Bearer"));
    server
        .post_with("/v1/check", ("authorization", "Bearer wrong"), &body)
        .expect_error(401, "unauthorized");
    server.get("/v1/corpus").expect_error(401, "unauthorized");
    server.get("/metrics").expect_error(401, "unauthorized");
    server.get("/nowhere").expect_error(401, "unauthorized");
    assert_eq!(server.get("/healthz").status, 200);
    assert_eq!(server.get("/").status, 200);
    let answer = server.post_with("/v1/check", ("authorization", "Bearer s3cret"), &body);
    assert_eq!(answer.status, 200, "{}", answer.body);
}

#[test]
fn token_can_come_from_the_environment() {
    let env = TestEnv::new();
    let mut command = env.command(&["serve", "--addr", "127.0.0.1:0", "--token", ""]);
    let run = command.output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--token is empty"));
    // FACTCHECK_TOKEN is read (Server::start removes it, so set it here).
    let mut command = env.command(&["serve", "--addr", "127.0.0.1:0"]);
    command.env("FACTCHECK_TOKEN", " ");
    let run = command.output().unwrap();
    assert!(String::from_utf8_lossy(&run.stderr).contains("--token is empty"));
}

/// Sends a request's head and half its body, and keeps the connection:
/// the request is in flight until the rest is sent.
fn half_sent(server: &Server, body: &str) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    let (first, rest) = body.split_at(body.len() / 2);
    write!(
        stream,
        "POST /v1/check HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{first}",
        server.addr,
        body.len()
    )
    .unwrap();
    stream.flush().unwrap();
    (stream, rest.to_string())
}

/// Waits until the server has admitted `n` requests besides the
/// `/metrics` request that asks (which counts itself).
fn wait_in_flight(server: &Server, n: usize) {
    let needle = format!("factcheck_http_requests_in_flight {}", n + 1);
    let started = Instant::now();
    while !server.get("/metrics").body.contains(&needle) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the server never had {n} request(s) in flight"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Sends the rest and reads the whole response.
fn finish(mut stream: TcpStream, rest: &str) -> String {
    stream.write_all(rest.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// Waits until the log has `needle`.
fn wait_for_log(server: &Server, needle: &str) {
    let started = Instant::now();
    while !server.log().contains(needle) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no '{needle}' in\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn requests_over_the_in_flight_limit_get_429() {
    let env = TestEnv::new();
    let server = Server::start(&env, &["--max-in-flight", "1"]);
    let body = serde_json::json!({ "statement": MOSCOW }).to_string();
    let (stream, rest) = half_sent(&server, &body);
    // The first request holds the only slot until its body is complete;
    // a request sent before the server admitted it would take the slot
    // instead (seen under load: the half-sent one got the 429).
    wait_in_flight(&server, 1);
    let started = Instant::now();
    let answer = loop {
        let answer = server.post("/v1/check", &body);
        if answer.status == 429 || started.elapsed() > Duration::from_secs(30) {
            break answer;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    answer.expect_error(429, "too_many_requests");
    assert_eq!(answer.header("retry-after"), "1");
    assert_eq!(
        server.get("/healthz").status,
        200,
        "health is never refused"
    );
    let response = finish(stream, &rest);
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert_eq!(
        server.post("/v1/check", &body).status,
        200,
        "the slot is free again"
    );
}

#[test]
fn shutdown_lets_requests_in_flight_finish() {
    let env = TestEnv::new();
    let server = Server::start(&env, &[]);
    let body = serde_json::json!({ "statement": MOSCOW }).to_string();
    let (stream, rest) = half_sent(&server, &body);
    // The server has read the head before the signal comes.
    wait_in_flight(&server, 1);
    server.signal_term();
    wait_for_log(&server, "shutting down");
    // A new connection is no longer served...
    let refused = TcpStream::connect(&server.addr).is_err()
        || server.agent.get(&server.url("/healthz")).call().is_err();
    assert!(refused, "a new request was answered after the signal");
    // ...but the one in flight is answered in full.
    let response = finish(stream, &rest);
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response.contains("\"verdict\": \"conflicting\""),
        "{response}"
    );
    let (code, log) = server.wait_exit();
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("factcheck: stopped"), "{log}");
}

#[test]
fn shutdown_has_a_deadline() {
    let env = TestEnv::new();
    let server = Server::start(&env, &["--shutdown-timeout", "1"]);
    let body = serde_json::json!({ "statement": MOSCOW }).to_string();
    // A client that never sends the rest of its body.
    let (_stream, _rest) = half_sent(&server, &body);
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let (code, log) = server.terminate();
    assert_eq!(code, 0, "{log}");
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(log.contains("still in flight after 1 s"), "{log}");
}

#[test]
fn watch_swaps_the_index_while_requests_run() {
    let env = TestEnv::new();
    let corpus = env.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let article = corpus.join("attack.txt");
    std::fs::write(
        &article,
        "The attack on the Moscow concert hall killed 149 people.\n",
    )
    .unwrap();
    let server = Server::start(&env, &["--corpus", corpus.to_str().unwrap(), "--watch"]);
    let body = serde_json::json!({ "statement": MOSCOW }).to_string();
    let first = server.post("/v1/check", &body);
    assert_eq!(first.header("factcheck-index-version"), "1");
    let records: Vec<Record> = serde_json::from_str(&first.body).unwrap();
    assert_eq!(records[0].verdict.unwrap().as_str(), "conflicting");
    // Requests keep coming while the corpus changes and the index is rebuilt.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let client = {
        let (agent, url, body, stop) = (
            server.agent.clone(),
            server.url("/v1/check"),
            body.clone(),
            Arc::clone(&stop),
        );
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let answer = Answer::from(agent.post(&url).send(&body).unwrap());
                assert_eq!(answer.status, 200, "{}", answer.body);
                let records: Vec<Record> = serde_json::from_str(&answer.body).unwrap();
                let verdict = records[0].verdict.unwrap().as_str();
                seen.push((
                    answer.header("factcheck-index-version").to_string(),
                    verdict,
                ));
            }
            seen
        })
    };
    std::thread::sleep(Duration::from_millis(200));
    std::fs::write(
        &article,
        "The attack on the Moscow concert hall killed 150 people.\n",
    )
    .unwrap();
    let started = Instant::now();
    while server.get("/v1/corpus").json()["index_version"] != 2 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no swap:\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(200));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let seen = client.join().unwrap();
    // Every request was answered, by one index or the other, never a mix:
    // version 1 says conflicting, version 2 supported, and 2 never before 1.
    assert!(seen.len() >= 2, "{seen:?}");
    let mut last = "1".to_string();
    for (version, verdict) in &seen {
        assert!(version.as_str() >= last.as_str(), "{seen:?}");
        let expected = if version == "1" {
            "conflicting"
        } else {
            "supported"
        };
        assert_eq!(*verdict, expected, "{seen:?}");
        last = version.clone();
    }
    assert_eq!(last, "2", "{seen:?}");
    wait_for_log(&server, "corpus changed; now serving index version 2");
    let metrics = server.get("/metrics");
    assert!(metrics.body.contains("factcheck_index_version 2"));
}

#[test]
fn watch_needs_a_corpus_folder() {
    let env = TestEnv::new();
    let run = env.run(&["serve", "--watch", "--addr", "127.0.0.1:0"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .starts_with("factcheck: --watch needs --corpus DIR\n\n"),
        "{}",
        run.stderr
    );
}

/// Headless Chromium's flags that work on these machines.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=15000",
];

/// The page in a real browser: it checks the statement given in its URL,
/// says the verdict in words and marks the conflicting numbers on both
/// sides. Skipped (and says so) without `chromium`, except under CI,
/// whose `.ci/run` installs it.
#[test]
fn page_shows_the_conflict_in_chromium() {
    let has_chromium = std::process::Command::new("chromium")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !has_chromium {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium (.ci/run installs it)"
        );
        eprintln!("SKIPPED page_shows_the_conflict_in_chromium: no `chromium` on PATH (apt-get install chromium)");
        return;
    }
    let env = TestEnv::new();
    let server = Server::start(&env, &[]);
    let url = server.url(&format!("/?statement={}", MOSCOW.replace(' ', "%20")));
    let browse_url = |url: &str, extra: &[&str]| {
        let profile = tempfile::tempdir().unwrap();
        let output = std::process::Command::new("chromium")
            .args(CHROMIUM_FLAGS)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .arg(url)
            .current_dir(env.path())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let browse = |extra: &[&str]| browse_url(&url, extra);
    let dom = browse(&["--dump-dom"]);
    assert!(dom.contains("Conflicting</span>"), "{dom}");
    assert!(dom.contains("<mark class=\"conflict\">150</mark>"), "{dom}");
    assert!(dom.contains("<mark class=\"conflict\">149</mark>"), "{dom}");
    assert!(dom.contains("(conflicts with the corpus: 149)"), "{dom}");
    // A picture for people to look at (the README's is docs/serve-page.png).
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let shot = target.join("serve-page.png");
    browse(&[
        "--window-size=1000,1250",
        "--hide-scrollbars",
        &format!("--screenshot={}", shot.display()),
    ]);
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG"),
        "no screenshot at {}",
        shot.display()
    );
    wait_for_log(&server, "POST /v1/check 200 statements=1");
    // A draft: its claims marked in the text by verdict, in words too.
    let draft = "Soviet forces withdrew from Afghanistan in 1988.";
    let dom = browse_url(
        &server.url(&format!("/?draft={}", draft.replace(' ', "%20"))),
        &["--dump-dom"],
    );
    assert!(dom.contains("class=\"claim conflicting\""), "{dom}");
    assert!(dom.contains("(Conflicting)"), "{dom}");
    wait_for_log(&server, "POST /v1/draft 200");
}

#[test]
fn draft_route_gives_the_draft_report() {
    let env = TestEnv::new();
    let server = Server::start(&env, &[]);
    let draft = "Soviet forces withdrew from Afghanistan in 1988. The attack on a Moscow concert hall killed 149 people.\n";
    let answer = server.post("/v1/draft", draft);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(!answer.header("factcheck-index-version").is_empty());
    let report = answer.json();
    let claims = report["claims"].as_array().unwrap();
    assert!(!claims.is_empty(), "{}", answer.body);
    for claim in claims {
        let (start, end) = (
            claim["start"].as_u64().unwrap() as usize,
            claim["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &draft[start..end],
            claim["source"].as_str().unwrap(),
            "{claim}"
        );
    }
    let labels: Vec<&str> = claims.iter().filter_map(|c| c["label"].as_str()).collect();
    assert!(labels.contains(&"conflicting"), "{labels:?}");
    let html = server.post("/v1/draft?format=html", draft);
    assert_eq!(html.status, 200);
    assert!(html.header("content-type").starts_with("text/html"));
    assert!(html.body.contains("1988"));
}
