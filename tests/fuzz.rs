//! Property tests: the sentence splitter, the quantity and date finders and
//! the whole statement check, fed text nobody would write on purpose.
//!
//! Each must hold for any input: no panic, no endless loop (every call runs
//! under a watchdog), and every byte offset it returns inside its text and on
//! a char boundary. The case counts are small so that `cargo test` stays
//! fast in a debug build; a long session sets `PROPTEST_CASES`, e.g.
//!
//! ```text
//! PROPTEST_CASES=200000 cargo test --profile fuzz --test tests fuzz::
//! ```

use std::sync::{mpsc, OnceLock};
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::Config;

use factcheck::extract::{find_dates, find_quantities, tokenize};
use factcheck::index::PassageIndex;
use factcheck::ingest::{segment, Corpus, Document};
use factcheck::input::{statements, InputFormat};
use factcheck::retrieve::TantivyRetriever;
use factcheck::verify::Verifier;

/// How long one call may take before it counts as an endless loop. Generous:
/// a debug build on a busy two-core machine is slow, a loop is forever.
const WATCHDOG: Duration = Duration::from_secs(20);

/// `default` cases, or `PROPTEST_CASES` when set.
fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        ..Config::default()
    }
}

/// Runs `f` on another thread and fails when it has not returned within
/// [`WATCHDOG`]; a panic in `f` fails too, with its message.
fn within_watchdog<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let _ = sender.send(f());
    });
    match receiver.recv_timeout(WATCHDOG) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what} did not return within {WATCHDOG:?}: an endless loop?")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => panic!("{what} ended without a result"),
        },
    }
}

/// Asserts `start..end` is a span of `text` that can be sliced.
fn assert_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what} {start}..{end} outside a text of {} bytes: {text:?}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} {start}..{end} not on char boundaries of {text:?}"
    );
}

/// Pieces that the splitter and the finders treat specially, so that random
/// text reaches their rules and not only their fallbacks.
const PIECES: &[&str] = &[
    "The",
    "attack",
    "killed",
    "149",
    "people",
    "in",
    "March",
    "2024",
    "U.S.",
    "Mr.",
    "Jan.",
    "J.",
    "K.",
    "Rowling",
    "1,200",
    "1.5",
    "-3",
    "½",
    "3/4",
    "10%",
    "per",
    "cent",
    "$",
    "€40",
    "£",
    "million",
    "billion",
    "bn",
    "km",
    "kilometres",
    "between",
    "and",
    "to",
    "from",
    "–",
    "—",
    "-",
    "more",
    "than",
    "at",
    "least",
    "about",
    "nearly",
    "the",
    "1980s",
    "'90s",
    "1987–91",
    "2.",
    "3rd",
    "21st",
    "century",
    "ago",
    "two",
    "years",
    "last",
    "year",
    "yesterday",
    "Monday",
    "on",
    "of",
    "not",
    "never",
    "no",
    "didn't",
    "Obama",
    "'s",
    "’s",
    "s'",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "...",
    "…",
    "\"",
    "“",
    "”",
    "(",
    ")",
    "[",
    "]",
    "#",
    "*",
    "-",
    "e.g.",
    "i.e.",
    "No.",
    "St.",
    "a.m.",
    "p.m.",
    "12:30",
    "12/03/2024",
    "2024-03-22",
    "22nd",
    "0",
    "00",
    "9999999999999999999999",
    "1e308",
    "1e400",
    "NaN",
    "inf",
    "٣",
    "๓",
    "Ⅻ",
    "١٢٣",
    "二〇二四年",
    "Москва",
    "погибли",
    "مرحبا",
    "שלום",
    "\u{200f}",
    "\u{200e}",
    "\u{202e}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "👍🏽",
    "👨‍👩‍👧",
    "🇷🇺",
    "e\u{301}",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{1b}]0;title\u{7}",
    "\u{9b}",
    "\u{85}",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\u{2028}",
    "\u{2029}",
    "\u{b}",
    "\u{c}",
    "# Heading",
    "## ",
    "> ",
    "* ",
    "1. ",
];

/// Text made of [`PIECES`] and arbitrary characters, joined by assorted
/// white space or nothing at all.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[0-9.,]{1,12}",
    ];
    let gap = proptest::sample::select(&[" ", " ", " ", "", "\n", "  ", "\u{a0}"][..]);
    proptest::collection::vec((piece, gap), 0..40).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(piece, gap)| [piece, gap.to_string()])
            .collect()
    })
}

/// Either [`texty`] text or any string at all.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => texty(), 1 => any::<String>()]
}

fn check_segment(path: &'static str, text: String) {
    let document = Document {
        path: path.to_string(),
        text,
    };
    let passages = within_watchdog("segment", {
        let document = document.clone();
        move || segment(&document)
    });
    let text = &document.text;
    let mut previous_end = 0;
    for passage in &passages {
        assert_span(text, passage.start, passage.end, "passage");
        assert_eq!(&text[passage.start..passage.end], passage.text);
        assert!(!passage.text.trim().is_empty(), "blank passage in {text:?}");
        assert!(
            passage.start >= previous_end,
            "passages overlap or go back in {text:?}: {passages:?}"
        );
        previous_end = passage.end;
    }
}

/// The parser's words and trees: every span slices the text, in order
/// without overlap, and a tree has one root and heads inside it.
fn check_syntax(text: String) {
    let tree = within_watchdog("syntax::parse", {
        let text = text.clone();
        move || factcheck::syntax::parse(&text)
    });
    let mut previous_end = 0;
    for word in tree.words() {
        assert_span(&text, word.start, word.end, "syntax word");
        assert!(
            word.start < word.end && word.start >= previous_end,
            "{text:?}"
        );
        assert!(
            !text[word.start..word.end].trim().is_empty(),
            "blank word in {text:?}"
        );
        assert!(word.head.is_none_or(|head| head < tree.len()));
        previous_end = word.end;
    }
    let roots = tree.words().iter().filter(|w| w.head.is_none()).count();
    assert_eq!(roots, usize::from(!tree.is_empty()), "roots of {text:?}");
}

fn check_mentions(text: String) {
    let (tokens, dates, quantities) = within_watchdog("tokenize, find_dates, find_quantities", {
        let text = text.clone();
        move || {
            let tokens = tokenize(&text);
            let dates = find_dates(&text, &tokens);
            let quantities = find_quantities(&text, &tokens, &dates);
            (tokens, dates, quantities)
        }
    });
    for token in &tokens {
        assert_span(&text, token.start, token.end, "token");
        assert_eq!(&text[token.start..token.end], token.text);
    }
    for date in &dates {
        assert_span(&text, date.start, date.end, "date");
        assert!(date.first_token <= date.end_token && date.end_token <= tokens.len());
        assert!(date.month.is_none_or(|month| (1..=12).contains(&month)));
        assert!(date.day.is_none_or(|day| (1..=31).contains(&day)));
    }
    for quantity in &quantities {
        assert_span(&text, quantity.start, quantity.end, "quantity");
        assert!(quantity.first_token < quantity.end_token && quantity.end_token <= tokens.len());
    }
}

/// A corpus with numbers, dates, names, negation and odd characters, so
/// that statements find candidates and the comparison runs.
const CORPUS: &[(&str, &str)] = &[
    (
        "attack.txt",
        "Concert hall attack\n\nThe attack on the concert hall near Moscow on 22 March 2024 killed 149 people, officials said. More than 500 were wounded.\nIt was not the first attack: in the 1990s, between 1995 and 1999, about 1,200 people died.\n",
    ),
    (
        "rail.md",
        "# Northwind Rail\n\nNorthwind Rail will buy 40 battery-electric trains from Aldermark for €1.2 billion. The trains seat 220 passengers and run 120 km on battery power.\nDelivery starts in late 2028, two years later than planned.\n",
    ),
    (
        "odd.txt",
        "Café \u{fffd} naïve — Москва: погибли 149 человек. مرحبا 2024.\nEmoji 👍🏽 stay, zero\u{200b}width too. Mr. J. K. Rowling didn't sign it.\n",
    ),
];

fn verifier() -> &'static Verifier<TantivyRetriever> {
    static VERIFIER: OnceLock<Verifier<TantivyRetriever>> = OnceLock::new();
    VERIFIER.get_or_init(|| {
        let corpus = Corpus::from_texts(
            CORPUS
                .iter()
                .map(|(path, text)| (path.to_string(), text.to_string()))
                .collect(),
        );
        let index = PassageIndex::build_in_ram(&corpus).unwrap();
        Verifier::new(index.retriever(), Default::default())
    })
}

fn document_text(path: &str) -> &'static str {
    CORPUS
        .iter()
        .find(|(name, _)| *name == path)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("evidence from unknown document {path:?}"))
}

fn check_statement(statement: String) {
    let verdict = within_watchdog("Verifier::check", {
        let statement = statement.clone();
        move || verifier().check(&statement)
    });
    // An error is an answer (the record carries it); a panic is not.
    let Ok(verdict) = verdict else { return };
    assert!((0.0..=1.0).contains(&verdict.confidence), "{verdict:?}");
    for evidence in &verdict.evidence {
        let document = document_text(&evidence.document);
        assert_span(document, evidence.start, evidence.end, "evidence");
        assert_eq!(&document[evidence.start..evidence.end], evidence.text);
    }
    for conflict in &verdict.conflicts {
        assert_span(
            &statement,
            conflict.claim_start,
            conflict.claim_end,
            "conflict claim",
        );
        let document = document_text(&conflict.document);
        assert_span(
            document,
            conflict.evidence_start,
            conflict.evidence_end,
            "conflict evidence",
        );
    }
    for finding in &verdict.findings {
        if let Some(span) = &finding.statement {
            assert_span(&statement, span.start, span.end, "finding statement span");
        }
    }
}

/// Checks `statement` against a corpus made of `documents`, fuzzing the
/// passages the evidence comes from as well as the statement.
fn check_against_documents(documents: Vec<(String, String)>, statement: String) {
    let corpus = Corpus::from_texts(documents.clone());
    let verdict = within_watchdog("index and check", move || {
        let index = PassageIndex::build_in_ram(&corpus).map_err(|err| format!("{err:#}"))?;
        Verifier::new(index.retriever(), Default::default())
            .check(&statement)
            .map_err(|err| format!("{err:#}"))
    });
    let Ok(verdict) = verdict else { return };
    let text_of = |path: &str| -> String {
        documents
            .iter()
            .find(|(name, _)| name == path)
            .map(|(_, text)| text.clone())
            .unwrap_or_else(|| panic!("evidence from unknown document {path:?}"))
    };
    for evidence in &verdict.evidence {
        let text = text_of(&evidence.document);
        assert_span(&text, evidence.start, evidence.end, "evidence");
        assert_eq!(&text[evidence.start..evidence.end], evidence.text);
    }
    for conflict in &verdict.conflicts {
        let text = text_of(&conflict.document);
        assert_span(
            &text,
            conflict.evidence_start,
            conflict.evidence_end,
            "conflict evidence",
        );
    }
}

/// How many records `bytes` must give as JSON Lines: one per line that is
/// not blank (a line that is not UTF-8 counts: it is an error record).
/// `\n`, `\r\n` and a lone `\r` end a line. None for input that starts
/// with a UTF-16 byte order mark, which is decoded first.
fn expected_jsonl_records(bytes: &[u8]) -> Option<usize> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return None;
    }
    let mut lines: Vec<&[u8]> = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\n' => {
                lines.push(&bytes[start..at]);
                start = at + 1;
            }
            b'\r' => {
                lines.push(&bytes[start..at]);
                if bytes.get(at + 1) == Some(&b'\n') {
                    at += 1;
                }
                start = at + 1;
            }
            _ => {}
        }
        at += 1;
    }
    if start < bytes.len() {
        lines.push(&bytes[start..]);
    }
    let count = lines
        .iter()
        .enumerate()
        .filter(|(i, line)| {
            let mut line: &[u8] = line;
            if *i == 0 {
                if let Some(rest) = line.strip_prefix(b"\xEF\xBB\xBF") {
                    line = rest;
                }
            }
            std::str::from_utf8(line).map_or(true, |text| !text.trim().is_empty())
        })
        .count();
    Some(count)
}

/// Bytes that look like JSON Lines, CSV or text, with damage.
fn input_bytes() -> impl Strategy<Value = Vec<u8>> {
    let line = prop_oneof![
        3 => texty().prop_map(|claim| serde_json::json!({ "id": 1, "claim": claim }).to_string()),
        1 => texty().prop_map(|text| format!("{{\"claim\": \"{text}")),
        1 => texty().prop_map(|text| format!("id,claim\n1,\"{text}\"")),
        2 => texty(),
    ]
    .prop_map(String::into_bytes);
    let damage = proptest::collection::vec(any::<u8>(), 0..4);
    let end = proptest::sample::select(&["\n", "\r\n", "", "\r"][..]);
    proptest::collection::vec((line, damage, end), 0..12).prop_map(|lines| {
        let mut bytes = Vec::new();
        for (line, damage, end) in lines {
            bytes.extend(line);
            bytes.extend(damage);
            bytes.extend(end.as_bytes());
        }
        bytes
    })
}

fn check_readers(bytes: Vec<u8>) {
    for format in [InputFormat::Text, InputFormat::Jsonl, InputFormat::Csv] {
        let items: Vec<_> = within_watchdog("statements", {
            let bytes = bytes.clone();
            move || statements(&bytes[..], format).collect::<Vec<_>>()
        });
        let mut previous = 0;
        for item in &items {
            if let Err(err) = item {
                assert!(err.line >= 1, "{format:?}: line 0 in {err:?}");
                assert!(err.line > previous || format == InputFormat::Csv);
                previous = err.line;
            }
        }
        let fatal = items
            .iter()
            .filter(|i| i.as_ref().is_err_and(|e| e.is_fatal()))
            .count();
        assert!(fatal <= 1, "{format:?}: more than one fatal error");
        if let (InputFormat::Jsonl, Some(expected)) = (format, expected_jsonl_records(&bytes)) {
            assert_eq!(
                items.len(),
                expected,
                "a JSON line lost or invented in {:?}",
                String::from_utf8_lossy(&bytes)
            );
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn readers_give_one_item_per_statement_line(bytes in input_bytes()) {
        check_readers(bytes);
    }

    #[test]
    fn splitter_spans_slice_the_document(text in any_text()) {
        check_segment("doc.txt", text);
    }

    #[test]
    fn splitter_spans_slice_a_markdown_document(text in any_text()) {
        check_segment("doc.md", text);
    }

    #[test]
    fn quantity_and_date_spans_slice_the_text(text in any_text()) {
        check_mentions(text);
    }

    #[test]
    fn syntax_word_spans_slice_the_text(text in any_text()) {
        check_syntax(text);
    }
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn check_against_fuzzed_documents_never_panics_and_spans_slice(
        documents in proptest::collection::vec(
            (proptest::sample::select(&["a.txt", "b.md", "c/d.txt"][..]), any_text()),
            1..4,
        ),
        statement in any_text(),
    ) {
        let mut documents: Vec<(String, String)> = documents
            .into_iter()
            .map(|(path, text)| (path.to_string(), text))
            .collect();
        documents.sort();
        documents.dedup_by(|a, b| a.0 == b.0);
        check_against_documents(documents, statement);
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn statement_check_never_panics_and_spans_slice(statement in any_text()) {
        check_statement(statement);
    }
}

/// Inputs that once broke something, or that the issue names.
#[test]
fn named_inputs_hold_the_properties() {
    let long_number = "9".repeat(5000);
    let inputs = [
        "",
        " ",
        "a",
        ".",
        "...",
        "?!.,;:",
        "0",
        "1234567890",
        "the of and a to in is",
        "\u{1b}[31mred\u{1b}[0m 149 people",
        "\u{202e}149 people died\u{202c}",
        "zero\u{200b}width\u{200d}joiner",
        "👨‍👩‍👧 👍🏽 🇷🇺",
        "Москва 2024",
        "二〇二四年三月",
        "مرحبا ١٤٩",
        long_number.as_str(),
        "1e400 people",
        "between 5 and",
        "from 2024 to",
        "the 1980s",
        "12/31/",
        "$",
        "-",
        "–",
    ];
    for input in inputs {
        check_segment("doc.txt", input.to_string());
        check_mentions(input.to_string());
        check_syntax(input.to_string());
        check_statement(input.to_string());
    }
}
