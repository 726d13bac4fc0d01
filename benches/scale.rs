//! Scale benchmarks: index build, cold `check`, batch throughput, per-
//! statement latency and peak RSS, on generated corpora of N passages and
//! on the bundled corpus, with the BM25 Python peer run on the same batch.
//!
//! ```text
//! cargo bench --bench scale -- [--sizes 10000,100000,1000000] [--runs 3] [--batch-runs 2]
//!     [--batch-lines 10000] [--stream-lines 1000000] [--no-bundled]
//!     [--no-peer] [--latency-only] [--data DIR]
//! ```
//!
//! It runs the release `factcheck` binary (so timings include process
//! start, corpus reading and index opening, as a user sees them) and, for
//! per-statement latency, the library in this process. Peak RSS comes from
//! `/usr/bin/time -f %M`. Generated corpora are seeded and kept in
//! `target/bench-data/` so later runs skip generation. Results print as
//! Markdown, ready for BENCHMARKS.md. See `scripts/bench` for the runner.

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use factcheck::index::PassageIndex;
use factcheck::ingest::Corpus;
use factcheck::verdict::Label;
use factcheck::verify::{Verifier, VerifyOptions};

const BIN: &str = env!("CARGO_BIN_EXE_factcheck");
const PEER: &str = "/work/shared/peers/bm25_numbers.py";
const PEER_PYTHON: &str = "/tmp/peers-venv/bin/python";
const STATEMENTS: usize = 3000;

struct Options {
    sizes: Vec<usize>,
    runs: usize,
    /// Runs of the 100,000-line bundled batch (and its peer run).
    batch_runs: usize,
    batch_lines: usize,
    bundled: bool,
    peer: bool,
    stream_lines: usize,
    /// Only the in-process p50/p99, on the generated corpora as they are.
    latency_only: bool,
    data: PathBuf,
}

fn options() -> Options {
    let mut options = Options {
        sizes: vec![10_000, 100_000, 1_000_000],
        runs: 3,
        batch_runs: 2,
        batch_lines: 10_000,
        bundled: true,
        peer: true,
        stream_lines: 0,
        latency_only: false,
        data: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--sizes" => {
                options.sizes = args
                    .next()
                    .expect("--sizes N,N")
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(|s| s.parse().expect("a size"))
                    .collect()
            }
            "--runs" => options.runs = args.next().expect("--runs N").parse().unwrap(),
            "--batch-runs" => {
                options.batch_runs = args.next().expect("--batch-runs N").parse().unwrap()
            }
            "--batch-lines" => {
                options.batch_lines = args.next().expect("--batch-lines N").parse().unwrap()
            }
            "--stream-lines" => {
                options.stream_lines = args.next().expect("--stream-lines N").parse().unwrap()
            }
            "--no-bundled" => options.bundled = false,
            "--no-peer" => options.peer = false,
            // Cold `check` and p50/p99 only, on corpora and indexes built
            // by an earlier run.
            "--latency-only" => options.latency_only = true,
            "--data" => options.data = PathBuf::from(args.next().expect("--data DIR")),
            // `cargo bench` passes this to every bench target.
            "--bench" => {}
            other => panic!("unknown argument '{other}'"),
        }
    }
    options
}

/// One process run: wall time, peak RSS and stdout.
struct Run {
    wall: Duration,
    peak_rss_kib: u64,
    /// User + system CPU time: on a shared machine it moves less than wall.
    cpu: f64,
    stdout: Vec<u8>,
}

/// Runs `factcheck` (or `program`) under `/usr/bin/time` to get its peak RSS.
fn run(program: &str, args: &[&str], envs: &[(&str, &str)], keep_stdout: bool) -> Run {
    let rss_file = tempfile_path("rss");
    let mut command = Command::new("/usr/bin/time");
    command
        .args(["-f", "%M %U %S", "-o"])
        .arg(&rss_file)
        .arg(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    for (key, value) in envs {
        command.env(key, value);
    }
    command.stdout(if keep_stdout {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let started = Instant::now();
    let output = command.output().expect("failed to run /usr/bin/time");
    let wall = started.elapsed();
    assert!(
        output.status.success() || output.status.code() == Some(1),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let measured = std::fs::read_to_string(&rss_file).unwrap_or_default();
    let _ = std::fs::remove_file(&rss_file);
    let fields: Vec<f64> = measured
        .lines()
        .last()
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|field| field.parse().ok())
        .collect();
    Run {
        wall,
        peak_rss_kib: fields.first().copied().unwrap_or(0.0) as u64,
        cpu: fields.get(1).copied().unwrap_or(0.0) + fields.get(2).copied().unwrap_or(0.0),
        stdout: output.stdout,
    }
}

fn tempfile_path(what: &str) -> PathBuf {
    std::env::temp_dir().join(format!("factcheck-bench-{what}-{}", std::process::id()))
}

/// Median, min and max of `values`.
fn spread(values: &mut [f64]) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let median = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    (median, values[0], values[n - 1])
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn dir_size(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let metadata = entry.metadata().unwrap();
        total += if metadata.is_dir() {
            dir_size(&entry.path())
        } else {
            metadata.len()
        };
    }
    total
}

fn count_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

fn fmt_spread((median, min, max): (f64, f64, f64), unit: &str, decimals: usize) -> String {
    format!("{median:.decimals$} {unit} ({min:.decimals$}–{max:.decimals$})")
}

/// Cold `check`: a new process per run, index on disk, warm file cache.
fn cold_check(corpus: &[&str], index: &str, statement: &str, runs: usize) -> (f64, f64, f64) {
    let mut args = vec!["check", "--format", "jsonl", "-q"];
    args.extend_from_slice(corpus);
    args.extend_from_slice(&["--index", index, statement]);
    // One unmeasured run makes sure the index exists and is in the cache.
    run(BIN, &args, &[], false);
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let status = Command::new(BIN)
                .args(&args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(status.code() != Some(2));
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    spread(&mut times)
}

/// Batch throughput on `threads` threads: statements/s over whole runs
/// (process start to exit), and the largest peak RSS.
fn batch(
    corpus: &[&str],
    index: &str,
    file: &Path,
    lines: usize,
    threads: usize,
    runs: usize,
) -> ((f64, f64, f64), u64, f64) {
    let file = file.display().to_string();
    let mut args = vec!["batch", file.as_str(), "-q"];
    args.extend_from_slice(corpus);
    args.extend_from_slice(&["--index", index]);
    let threads = threads.to_string();
    let mut rates = Vec::new();
    let mut cpu_rates = Vec::new();
    let mut rss = 0;
    for _ in 0..runs {
        let result = run(BIN, &args, &[("RAYON_NUM_THREADS", &threads)], true);
        // Known result inside the loop: one record per statement.
        assert_eq!(count_lines(&result.stdout), lines, "batch lost records");
        rates.push(lines as f64 / result.wall.as_secs_f64());
        cpu_rates.push(lines as f64 / result.cpu.max(0.01));
        rss = rss.max(result.peak_rss_kib);
    }
    (spread(&mut rates), rss, spread(&mut cpu_rates).0)
}

/// Per-statement latencies in this process, one thread, in ms: p50 and
/// p99 of the first round, and of each statement's fastest of
/// [`LATENCY_ROUNDS`] rounds (each round with a new verifier, so nothing is
/// cached between rounds), which a loaded machine moves far less.
struct Latencies {
    p50: f64,
    p99: f64,
    best_p50: f64,
    best_p99: f64,
    supported: usize,
}

const LATENCY_ROUNDS: usize = 3;

/// p50 and p99 of one statement's `check` in this process, one thread.
fn latencies(corpus_dir: &Path, index: &Path, statements: &[String]) -> Latencies {
    let corpus = Corpus::from_dir(corpus_dir).unwrap();
    let (index, _) = PassageIndex::open_or_build(&corpus, Some(index)).unwrap();
    let claims: Vec<String> = statements
        .iter()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            value["claim"].as_str().unwrap().to_string()
        })
        .collect();
    let mut first = Vec::new();
    let mut best = vec![f64::INFINITY; claims.len()];
    let mut supported = 0;
    for round in 0..LATENCY_ROUNDS {
        let verifier = Verifier::new(index.retriever(), VerifyOptions::default());
        for (i, claim) in claims.iter().enumerate() {
            let started = Instant::now();
            let verdict = verifier.check(claim).unwrap();
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            best[i] = best[i].min(ms);
            if round == 0 {
                first.push(ms);
                if verdict.label == Label::Supported {
                    supported += 1;
                }
            }
        }
    }
    first.sort_by(f64::total_cmp);
    best.sort_by(f64::total_cmp);
    Latencies {
        p50: percentile(&first, 50.0),
        p99: percentile(&first, 99.0),
        best_p50: percentile(&best, 50.0),
        best_p99: percentile(&best, 99.0),
        supported,
    }
}

fn scale(options: &Options, size: usize) {
    let root = options.data.join(format!("scale-{size}"));
    let corpus_dir = root.join("corpus");
    let statements_file = root.join("statements.jsonl");
    let done = root.join("generated");
    let started = Instant::now();
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&corpus_dir).unwrap();
        let generated = corpus_gen::generate(&corpus_dir, size, STATEMENTS, size as u64);
        let lines: Vec<String> = generated
            .statements
            .iter()
            .map(|(line, _)| line.clone())
            .collect();
        corpus_gen::write_repeated(&statements_file, &lines, lines.len());
        std::fs::write(
            &done,
            format!(
                "{} documents, {} bytes\n",
                generated.documents, generated.bytes
            ),
        )
        .unwrap();
        eprintln!(
            "generated {} passages in {:.1?}",
            generated.passages,
            started.elapsed()
        );
    }
    let statements: Vec<String> = std::fs::read_to_string(&statements_file)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    if options.latency_only {
        let corpus = corpus_dir.display().to_string();
        let index = root.join("index").display().to_string();
        let first_claim: String = {
            let value: serde_json::Value = serde_json::from_str(&statements[0]).unwrap();
            value["claim"].as_str().unwrap().to_string()
        };
        let cold_runs = (options.runs * 3).max(5);
        let cold = cold_check(&["--corpus", &corpus], &index, &first_claim, cold_runs);
        println!(
            "\n{size} passages: cold `check` ({cold_runs} runs) {}",
            fmt_spread(cold, "ms", 1)
        );
        let l = latencies(&corpus_dir, &root.join("index"), &statements);
        println!(
            "\n{size} passages: per-statement p50 / p99 (1 thread, {} statements) {:.2} ms / {:.2} ms first round, {:.2} ms / {:.2} ms best of {LATENCY_ROUNDS}, {} supported",
            statements.len(), l.p50, l.p99, l.best_p50, l.best_p99, l.supported
        );
        return;
    }
    let batch_file = root.join("batch.jsonl");
    corpus_gen::write_repeated(&batch_file, &statements, options.batch_lines);
    let corpus = corpus_dir.display().to_string();
    let corpus_args = ["--corpus", corpus.as_str()];
    let index_dir = root.join("index");
    let index = index_dir.display().to_string();

    // Build: 1 run at 1M passages (it is long and steady), `runs` below.
    let build_runs = if size >= 1_000_000 { 1 } else { options.runs };
    let mut build_times = Vec::new();
    let mut build_rss = 0;
    let mut passages = 0usize;
    for _ in 0..build_runs {
        let _ = std::fs::remove_dir_all(&index_dir);
        let result = run(
            BIN,
            &["index", "--corpus", &corpus, "--index", &index],
            &[],
            true,
        );
        let out = String::from_utf8_lossy(&result.stdout).to_string();
        assert!(out.contains("(built)"), "{out}");
        passages = out
            .split(", ")
            .find(|part| part.ends_with("passages\n") || part.ends_with("passages"))
            .and_then(|part| part.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .expect("passage count in `factcheck index` output");
        build_times.push(result.wall.as_secs_f64());
        build_rss = build_rss.max(result.peak_rss_kib);
    }
    let build = spread(&mut build_times);
    let size_mib = dir_size(&index_dir) as f64 / (1024.0 * 1024.0);
    let reuse = {
        let started = Instant::now();
        let result = run(
            BIN,
            &["index", "--corpus", &corpus, "--index", &index],
            &[],
            true,
        );
        assert!(String::from_utf8_lossy(&result.stdout).contains("(reused)"));
        started.elapsed().as_secs_f64()
    };

    let first_claim: String = {
        let value: serde_json::Value = serde_json::from_str(&statements[0]).unwrap();
        value["claim"].as_str().unwrap().to_string()
    };
    let cold_runs = (options.runs * 3).max(5);
    let cold = cold_check(&corpus_args, &index, &first_claim, cold_runs);
    let (one, rss_one, cpu_one) = batch(
        &corpus_args,
        &index,
        &batch_file,
        options.batch_lines,
        1,
        options.runs,
    );
    let (two, rss_two, _) = batch(
        &corpus_args,
        &index,
        &batch_file,
        options.batch_lines,
        2,
        options.runs,
    );
    let latency = latencies(&corpus_dir, &index_dir, &statements);
    let supported = latency.supported;
    assert!(supported > 0, "no statement was supported");

    println!("\n### {size} passages requested ({passages} indexed)\n");
    println!("| measure | median (min–max) |");
    println!("|---|---|");
    println!(
        "| index build (`factcheck index`, {build_runs} run(s)) | {} |",
        fmt_spread(build, "s", 2)
    );
    println!(
        "| build rate | {:.0} passages/s |",
        passages as f64 / build.0
    );
    println!("| build peak RSS | {:.0} MiB |", build_rss as f64 / 1024.0);
    println!("| index size on disk | {size_mib:.1} MiB |");
    println!(
        "| `factcheck index` reusing it | {:.0} ms |",
        reuse * 1000.0
    );
    println!(
        "| cold `check` ({cold_runs} runs) | {} |",
        fmt_spread(cold, "ms", 1)
    );
    println!(
        "| batch, 1 thread ({} statements × {}) | {} |",
        options.batch_lines,
        options.runs,
        fmt_spread(one, "statements/s", 0)
    );
    println!(
        "| batch, 2 threads | {} |",
        fmt_spread(two, "statements/s", 0)
    );
    println!("| batch, statements per CPU second (1 thread) | {cpu_one:.0} |");
    println!(
        "| per-statement p50 / p99 (1 thread, {} statements) | {:.2} ms / {:.2} ms |",
        statements.len(),
        latency.p50,
        latency.p99
    );
    println!(
        "| the same, each statement's best of {LATENCY_ROUNDS} rounds | {:.2} ms / {:.2} ms |",
        latency.best_p50, latency.best_p99
    );
    println!(
        "| batch peak RSS (1 / 2 threads) | {:.0} / {:.0} MiB |",
        rss_one as f64 / 1024.0,
        rss_two as f64 / 1024.0
    );
    println!(
        "| supported among the {} statements | {supported} |",
        statements.len()
    );
}

fn bundled(options: &Options) {
    let root = options.data.join("bundled");
    std::fs::create_dir_all(&root).unwrap();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dev: Vec<String> = std::fs::read_to_string(manifest.join("tests/data/dev/claims.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    let lines = 100_000;
    let batch_file = root.join("dev-100k.jsonl");
    corpus_gen::write_repeated(&batch_file, &dev, lines);
    let index_dir = root.join("index");
    let index = index_dir.display().to_string();
    let cold_runs = (options.runs * 5).max(5);
    let cold = cold_check(
        &[],
        &index,
        "149 people died in the Moscow attack",
        cold_runs,
    );
    let (one, rss_one, cpu_one) = batch(&[], &index, &batch_file, lines, 1, options.batch_runs);
    let (two, rss_two, _) = batch(&[], &index, &batch_file, lines, 2, options.batch_runs);
    println!("\n### Bundled corpus, dev statements repeated to {lines} lines\n");
    println!("| measure | median (min–max) |");
    println!("|---|---|");
    println!(
        "| cold `check` ({cold_runs} runs) | {} |",
        fmt_spread(cold, "ms", 1)
    );
    println!(
        "| factcheck batch, 1 thread ({} runs) | {} |",
        options.batch_runs,
        fmt_spread(one, "statements/s", 0)
    );
    println!(
        "| factcheck batch, 2 threads | {} |",
        fmt_spread(two, "statements/s", 0)
    );
    println!("| factcheck batch, statements per CPU second (1 thread) | {cpu_one:.0} |");
    println!(
        "| factcheck batch peak RSS (1 / 2 threads) | {:.0} / {:.0} MiB |",
        rss_one as f64 / 1024.0,
        rss_two as f64 / 1024.0
    );
    if options.peer && Path::new(PEER_PYTHON).exists() && Path::new(PEER).exists() {
        // The peer reads every .txt in a folder: give it the bundled article.
        let peer_corpus = root.join("peer-corpus");
        std::fs::create_dir_all(&peer_corpus).unwrap();
        std::fs::copy(
            manifest.join("corpus/russia-taliban-recognition.txt"),
            peer_corpus.join("russia-taliban-recognition.txt"),
        )
        .unwrap();
        let corpus = peer_corpus.display().to_string();
        let claims = batch_file.display().to_string();
        let mut rates = Vec::new();
        let mut cpu_rates = Vec::new();
        let mut rss = 0;
        for _ in 0..options.batch_runs {
            let result = run(
                PEER_PYTHON,
                &[PEER, "--corpus", &corpus, "--claims", &claims],
                &[],
                true,
            );
            assert_eq!(count_lines(&result.stdout), lines, "peer lost records");
            rates.push(lines as f64 / result.wall.as_secs_f64());
            cpu_rates.push(lines as f64 / result.cpu.max(0.01));
            rss = rss.max(result.peak_rss_kib);
        }
        let peer = spread(&mut rates);
        let peer_cpu = spread(&mut cpu_rates).0;
        println!(
            "| peer `bm25_numbers.py` (same file, {} runs) | {} |",
            options.batch_runs,
            fmt_spread(peer, "statements/s", 0)
        );
        println!("| peer, statements per CPU second | {peer_cpu:.0} |");
        println!("| peer peak RSS | {:.0} MiB |", rss as f64 / 1024.0);
        println!("| factcheck (2 threads) / peer | {:.1}× |", two.0 / peer.0);
    }
}

/// Peak resident memory of a running process, in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `--stream-lines N` statements piped through `batch -` on the bundled
/// corpus: every record comes out, and peak RSS after a tenth and after
/// nine tenths of the run shows whether memory stays flat. Run it alone: it is a
/// memory check, its rate says little (most statements find nothing).
fn stream(options: &Options) {
    use std::io::{BufRead, BufReader, Write};
    let lines = options.stream_lines;
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dev: Vec<String> = std::fs::read_to_string(manifest.join("tests/data/dev/claims.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            value["claim"].as_str().unwrap().to_string()
        })
        .collect();
    let index = options.data.join("bundled/index").display().to_string();
    let started = Instant::now();
    let mut child = Command::new(BIN)
        .args(["batch", "-", "-q", "--index", &index])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let mut stdin = std::io::BufWriter::new(&mut stdin);
        // One dev statement in 100; the rest name nothing the corpus
        // knows, so they go through analysis and retrieval but find no
        // candidate, and a million of them take minutes, not half an hour.
        for (i, line) in dev.iter().cycle().take(lines).enumerate() {
            if i % 100 == 0 {
                writeln!(stdin, "{line}").unwrap();
            } else {
                writeln!(
                    stdin,
                    "Qzx{i} frobnicated {} wugs in 19{:02}.",
                    i % 977,
                    i % 100
                )
                .unwrap();
            }
        }
    });
    let mut records = 0usize;
    let (mut early, mut late) = (0, 0);
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        line.unwrap();
        records += 1;
        if records == lines / 10 {
            early = peak_rss_kib(pid).unwrap_or(0);
        }
        if records == lines / 10 * 9 {
            late = peak_rss_kib(pid).unwrap_or(0);
        }
    }
    writer.join().unwrap();
    child.wait().unwrap();
    let wall = started.elapsed().as_secs_f64();
    assert_eq!(records, lines, "streaming lost records");
    println!("\n### Streaming {lines} statements through `batch -` (bundled corpus, 2 threads)\n");
    println!("| measure | value |");
    println!("|---|---|");
    println!("| records out | {records} (= lines in) |");
    println!(
        "| wall time | {wall:.1} s ({:.0} statements/s) |",
        lines as f64 / wall
    );
    println!(
        "| peak RSS after 10% / after 90% | {:.1} / {:.1} MiB |",
        early as f64 / 1024.0,
        late as f64 / 1024.0
    );
}

fn main() {
    let options = options();
    std::fs::create_dir_all(&options.data).unwrap();
    println!(
        "factcheck scale benchmark: {} cores, {} (runs: {})",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|m| m.lines().next().map(|l| l
                .split_whitespace()
                .skip(1)
                .collect::<Vec<_>>()
                .join(" ")))
            .map(|m| format!("MemTotal {m}"))
            .unwrap_or_default(),
        options.runs
    );
    if options.bundled {
        bundled(&options);
    }
    for &size in &options.sizes {
        scale(&options, size);
    }
    if options.stream_lines > 0 {
        stream(&options);
    }
}
