//! Reading statements: plain text, JSON Lines or CSV.
//!
//! Batch input can be large, so every reader streams: it pulls one line (or
//! one CSV record) at a time from a [`BufRead`] and never holds the whole
//! input. A bad line does not end the stream: it comes out as an
//! [`InputError`] that keeps the line number, so the caller can report it as
//! `path:line: reason`, write an error record in its place and go on. Only
//! [`InputError::is_fatal`] errors (the input cannot be read at all any more)
//! end the stream.
//!
//! All readers accept CRLF line ends, a UTF-8 byte order mark at the start,
//! and a missing final newline.
//!
//! Two limits keep one bad line from costing the whole run: a line longer
//! than [`MAX_LINE_BYTES`] is skipped without being held in memory, and a
//! statement longer than [`MAX_STATEMENT_BYTES`] is an error rather than a
//! check (no claim is that long, and checking costs more than linear time in
//! the statement's length). Both come out as errors in the statement's
//! place.

mod json_array;

use std::cell::Cell;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};

/// The longest statement checked, in bytes (16 KiB, some 2,500 words); a
/// longer one is an [`InputErrorKind::StatementTooLong`] error.
pub const MAX_STATEMENT_BYTES: usize = 16 * 1024;

/// The longest input line read, in bytes (4 MiB), line end excluded. A
/// longer line is skipped as it is read, never held whole, and is an
/// [`InputErrorKind::LineTooLong`] error. JSON lines may carry fields beside
/// the claim, so this is well above [`MAX_STATEMENT_BYTES`].
pub const MAX_LINE_BYTES: usize = 4 * 1024 * 1024;

/// A statement to check, as read from the input.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementInput {
    /// The id the input gave, as a string (JSON numbers are kept as written).
    pub id: Option<String>,
    /// The statement text, trimmed.
    pub claim: String,
    /// The other columns of a CSV row, (header, value) in column order,
    /// when [`ReadOptions::keep_columns`] asks for them; else empty.
    pub extra: Vec<(String, String)>,
}

/// The formats statements can be read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// One statement per line; blank lines and lines starting with `#` are
    /// skipped.
    Text,
    /// One JSON object per line: `{"id": ..., "claim": ...}`.
    Jsonl,
    /// One JSON array of such objects, as `--format json` writes it; read
    /// whole.
    Json,
    /// A header row with a `claim` (or `statement`) column and an optional
    /// `id` column.
    Csv,
}

impl InputFormat {
    /// The format a file name implies, if its extension is a known one:
    /// `.txt`, `.jsonl`/`.ndjson`, `.csv` (case-insensitive). A `.json`
    /// file may be an array or JSON Lines, so it implies none: [`sniff`]
    /// tells.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "text" => Some(InputFormat::Text),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "csv" => Some(InputFormat::Csv),
            _ => None,
        }
    }
}

/// Why one line (or the whole input) could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    /// 1-based line number where the problem is (for CSV, where the record
    /// starts).
    pub line: u64,
    /// The statement's id, when the line was readable enough to give one
    /// (a JSON object without a claim), so the error record keeps it.
    pub id: Option<String>,
    pub kind: InputErrorKind,
}

/// What was wrong with a line.
#[derive(Clone, Debug, PartialEq)]
pub enum InputErrorKind {
    /// The line is not valid UTF-8.
    InvalidUtf8,
    /// The line is not valid JSON; the parser's message.
    MalformedJson(String),
    /// The line is JSON but not an object; what it is instead.
    NotAnObject(&'static str),
    /// The object has none of the claim fields.
    MissingClaim,
    /// A labeled line (for `factcheck eval`) has no string `label` field.
    MissingLabel,
    /// A labeled line's `label` is not one `factcheck eval` knows; the
    /// label as written.
    UnknownLabel(String),
    /// A claim field is there but is not a string; the field name.
    ClaimNotString(String),
    /// The claim is empty or only white space.
    EmptyClaim,
    /// The claim is longer than [`MAX_STATEMENT_BYTES`]; its length.
    StatementTooLong(usize),
    /// The line is longer than [`MAX_LINE_BYTES`] and was skipped.
    LineTooLong,
    /// The id is neither a string, a number nor null; what it is instead.
    BadId(&'static str),
    /// A CSV record could not be parsed; the parser's message.
    Csv(String),
    /// The CSV header has no claim column; the header as read. Fatal.
    NoClaimColumn(Vec<String>),
    /// The CSV header has no column of the name `--column` gave; the name
    /// and the header as read. Fatal.
    NoSuchColumn(String, Vec<String>),
    /// Reading failed; the system's message. Fatal.
    Io(String),
    /// A CSV record is longer than [`MAX_LINE_BYTES`]: it was not read
    /// further, nor was the rest of the input (the end of a quoted field
    /// cannot be found without reading it). Fatal.
    RecordTooLong,
    /// A JSON array input is not one (no `[`, a missing comma, text after
    /// the `]`); what is wrong. Fatal.
    BrokenJsonArray(String),
}

impl InputError {
    pub fn new(line: u64, kind: InputErrorKind) -> InputError {
        InputError {
            line,
            id: None,
            kind,
        }
    }

    /// True when the input cannot be read any further, so the run must stop
    /// rather than go on to the next line.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self.kind,
            InputErrorKind::NoClaimColumn(_)
                | InputErrorKind::NoSuchColumn(..)
                | InputErrorKind::Io(_)
                | InputErrorKind::RecordTooLong
                | InputErrorKind::BrokenJsonArray(_)
        )
    }
}

impl fmt::Display for InputErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputErrorKind::InvalidUtf8 => write!(f, "line is not valid UTF-8"),
            InputErrorKind::MalformedJson(message) => write!(f, "malformed JSON: {message}"),
            InputErrorKind::NotAnObject(what) => {
                write!(
                    f,
                    "expected a JSON object with a \"claim\" field, found {what}"
                )
            }
            InputErrorKind::MissingClaim => {
                write!(
                    f,
                    "missing \"claim\" field (\"statement\" or \"text\" also work)"
                )
            }
            InputErrorKind::MissingLabel => write!(f, "missing \"label\" field (a string)"),
            InputErrorKind::UnknownLabel(label) => write!(
                f,
                "unknown label {label:?}; expected supported, conflicting or not_enough_info (or FEVER's SUPPORTS, REFUTES, NOT ENOUGH INFO)"
            ),
            InputErrorKind::ClaimNotString(field) => {
                write!(f, "field \"{field}\" must be a string")
            }
            InputErrorKind::EmptyClaim => write!(f, "the statement is empty"),
            InputErrorKind::StatementTooLong(bytes) => write!(
                f,
                "the statement is {bytes} bytes long; the limit is {MAX_STATEMENT_BYTES}"
            ),
            InputErrorKind::LineTooLong => {
                write!(f, "the line is longer than {MAX_LINE_BYTES} bytes; skipped")
            }
            InputErrorKind::BadId(what) => {
                write!(f, "field \"id\" must be a string or a number, found {what}")
            }
            InputErrorKind::Csv(message) => write!(f, "malformed CSV: {message}"),
            InputErrorKind::NoClaimColumn(header) => {
                let header: Vec<String> = header.iter().map(|h| format!("'{h}'")).collect();
                write!(
                    f,
                    "no 'claim' or 'statement' column in the CSV header [{}]",
                    header.join(", ")
                )
            }
            InputErrorKind::NoSuchColumn(column, header) => {
                let header: Vec<String> = header.iter().map(|h| format!("'{h}'")).collect();
                write!(
                    f,
                    "no column '{column}' (--column) in the CSV header [{}]",
                    header.join(", ")
                )
            }
            InputErrorKind::Io(message) => write!(f, "failed to read input: {message}"),
            InputErrorKind::RecordTooLong => write!(
                f,
                "the CSV record is longer than {MAX_LINE_BYTES} bytes; the rest of the input was not read"
            ),
            InputErrorKind::BrokenJsonArray(why) => write!(f, "malformed JSON array: {why}"),
        }
    }
}

impl fmt::Display for InputError {
    /// `line N: reason`; the caller puts the path in front.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.kind)
    }
}

impl std::error::Error for InputError {}

/// A stream of statements read from `reader` in `format`.
pub fn statements<'a, R: BufRead + 'a>(
    reader: R,
    format: InputFormat,
) -> Box<dyn Iterator<Item = Result<StatementInput, InputError>> + 'a> {
    statements_with(reader, format, &ReadOptions::default())
}

/// How to read CSV beyond the defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The header of the statement column (case-insensitive), instead of
    /// `claim` or `statement`.
    pub column: Option<String>,
    /// Keep the other columns of each row in [`StatementInput::extra`].
    pub keep_columns: bool,
}

/// [`statements`], with CSV read as `options` say.
pub fn statements_with<'a, R: BufRead + 'a>(
    reader: R,
    format: InputFormat,
    options: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<StatementInput, InputError>> + 'a> {
    let reader = decoded(reader);
    match format {
        InputFormat::Text => Box::new(TextStatements {
            lines: Lines::new(reader),
            skip_comments: true,
        }),
        InputFormat::Jsonl => Box::new(JsonStatements {
            lines: Lines::new(reader),
        }),
        InputFormat::Json => Box::new(json_array::JsonArrayStatements::new(reader)),
        InputFormat::Csv => Box::new(CsvStatements::new(reader, options.clone())),
    }
}

/// Tells what an input of no known format holds from its first
/// non-blank bytes: `[` then `{` or `]` is a JSON array, `{` JSON Lines,
/// anything else text. Returns the format and a reader that still yields
/// every byte, the ones looked at included.
pub fn sniff<'a, R: Read + 'a>(
    mut reader: R,
) -> std::io::Result<(InputFormat, Box<dyn BufRead + 'a>)> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 8 * 1024];
    let format = loop {
        if head.len() < BOM.len() && !head.is_empty() && BOM.starts_with(&head)
            || head == [0xFF]
            || head == [0xFE]
        {
            // Perhaps the start of a byte order mark: read on.
        } else if let Some(format) = sniffed(&head) {
            break format;
        }
        let read = match reader.read(&mut chunk) {
            Ok(read) => read,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if read == 0 {
            break InputFormat::Text;
        }
        head.extend_from_slice(&chunk[..read]);
    };
    let reader = std::io::Cursor::new(head).chain(reader);
    Ok((
        format,
        Box::new(std::io::BufReader::with_capacity(64 * 1024, reader)),
    ))
}

/// What [`sniff`] decides from the bytes read so far; None to read more.
fn sniffed(head: &[u8]) -> Option<InputFormat> {
    // UTF-16, which the readers decode (see `decoded`): told from its code
    // units, each non-ASCII one as a letter.
    let units = |rest: &[u8], unit: fn([u8; 2]) -> u16| -> Vec<u8> {
        rest.chunks_exact(2)
            .map(|pair| match unit([pair[0], pair[1]]) {
                unit @ 0..=0x7F => unit as u8,
                _ => b'x',
            })
            .collect()
    };
    let utf16 = match head {
        [0xFF, 0xFE, rest @ ..] => Some(units(rest, u16::from_le_bytes)),
        [0xFE, 0xFF, rest @ ..] => Some(units(rest, u16::from_be_bytes)),
        _ => None,
    };
    let text = match &utf16 {
        Some(units) => units.as_slice(),
        None => head.strip_prefix(BOM).unwrap_or(head),
    };
    let mut seen = text.iter().filter(|byte| !byte.is_ascii_whitespace());
    match (seen.next(), seen.next()) {
        (Some(b'{'), _) => Some(InputFormat::Jsonl),
        (Some(b'['), Some(b'{' | b']')) => Some(InputFormat::Json),
        (Some(b'['), None) | (None, _) => None,
        (Some(_), _) => Some(InputFormat::Text),
    }
}

/// One statement per line, blank lines skipped; unlike
/// [`InputFormat::Text`] a `#` at the start is part of the statement. This
/// is what `factcheck check` reads from stdin.
pub fn statement_lines<'a, R: BufRead + 'a>(
    reader: R,
) -> Box<dyn Iterator<Item = Result<StatementInput, InputError>> + 'a> {
    Box::new(TextStatements {
        lines: Lines::new(decoded(reader)),
        skip_comments: false,
    })
}

/// `reader` as UTF-8: a file that starts with a UTF-16 byte order mark
/// (what Windows tools write) is decoded from UTF-16 as it is read; any
/// other input is passed through byte for byte, so that a line that is not
/// valid UTF-8 is still reported as such.
fn decoded<R: BufRead>(reader: R) -> BufReader<DecodeReaderBytes<R, Vec<u8>>> {
    let decoder = DecodeReaderBytesBuilder::new()
        .bom_sniffing(true)
        .utf8_passthru(true)
        // Whole: the csv crate takes a lone BOM read for the end of input.
        .strip_bom(true)
        .build(reader);
    BufReader::with_capacity(64 * 1024, decoder)
}

/// The lines of a stream with their 1-based numbers, decoded as UTF-8,
/// without the line end (`\n`, `\r\n` or a lone `\r`) and without a leading byte order
/// mark. Blank lines are kept; an I/O error ends the stream.
pub struct Lines<R> {
    reader: R,
    line: u64,
    buffer: Vec<u8>,
    done: bool,
    /// The last line ended with `\r`: a `\n` right after belongs to it.
    after_cr: bool,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R) -> Lines<R> {
        Lines {
            reader,
            line: 0,
            buffer: Vec::new(),
            done: false,
            after_cr: false,
        }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<(u64, String), InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.buffer.clear();
        let line = self.line + 1;
        match read_line_bounded(
            &mut self.reader,
            &mut self.buffer,
            MAX_LINE_BYTES,
            &mut self.after_cr,
        ) {
            Ok(LineRead::End) => {
                self.done = true;
                return None;
            }
            Ok(LineRead::TooLong) => {
                self.line = line;
                return Some(Err(InputError::new(line, InputErrorKind::LineTooLong)));
            }
            Ok(LineRead::Line) => {}
            Err(err) => {
                self.done = true;
                return Some(Err(InputError::new(
                    line,
                    InputErrorKind::Io(err.to_string()),
                )));
            }
        }
        self.line = line;
        let mut bytes: &[u8] = &self.buffer;
        if let Some(rest) = bytes.strip_suffix(b"\n") {
            bytes = rest;
        }
        if let Some(rest) = bytes.strip_suffix(b"\r") {
            bytes = rest;
        }
        if line == 1 {
            if let Some(rest) = bytes.strip_prefix(BOM) {
                bytes = rest;
            }
        }
        Some(match std::str::from_utf8(bytes) {
            Ok(text) => Ok((line, text.to_string())),
            Err(_) => Err(InputError::new(line, InputErrorKind::InvalidUtf8)),
        })
    }
}

/// What [`read_line_bounded`] found.
#[derive(Debug, PartialEq)]
enum LineRead {
    /// A line, in the buffer with its line end.
    Line,
    /// A line longer than the limit, read past and dropped.
    TooLong,
    /// The end of the input.
    End,
}

/// `BufRead::read_until(b'\n')` that holds at most `limit` bytes (plus the
/// line end): the rest of a longer line is read and dropped.
fn read_line_bounded<R: BufRead>(
    reader: &mut R,
    buffer: &mut Vec<u8>,
    limit: usize,
    after_cr: &mut bool,
) -> std::io::Result<LineRead> {
    // Room for "\r\n" after `limit` bytes of text.
    let room = limit + 2;
    let mut read_any = false;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            break;
        }
        read_any = true;
        // A `\n` after a `\r` that ended the line before is that line's end.
        if std::mem::take(after_cr) && available[0] == b'\n' {
            reader.consume(1);
            continue;
        }
        // `\n`, `\r\n` and a lone `\r` (old Mac files) end a line.
        let (used, is_line_end) = match available.iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(at) if available[at] == b'\r' && available.get(at + 1) == Some(&b'\n') => {
                (at + 2, true)
            }
            Some(at) => {
                *after_cr = available[at] == b'\r';
                (at + 1, true)
            }
            None => (available.len(), false),
        };
        if !too_long {
            if buffer.len() + used > room {
                too_long = true;
                buffer.clear();
            } else {
                buffer.extend_from_slice(&available[..used]);
            }
        }
        reader.consume(used);
        if is_line_end {
            break;
        }
    }
    let mut text = buffer.as_slice();
    if let Some(rest) = text.strip_suffix(b"\n") {
        text = rest;
    }
    if let Some(rest) = text.strip_suffix(b"\r") {
        text = rest;
    }
    if too_long || text.len() > limit {
        buffer.clear();
        return Ok(LineRead::TooLong);
    }
    Ok(if read_any {
        LineRead::Line
    } else {
        LineRead::End
    })
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

struct TextStatements<R> {
    lines: Lines<R>,
    skip_comments: bool,
}

impl<R: BufRead> Iterator for TextStatements<R> {
    type Item = Result<StatementInput, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (line, text) = match self.lines.next()? {
                Ok(line) => line,
                Err(err) => return Some(Err(err)),
            };
            let claim = text.trim();
            if claim.is_empty() || (self.skip_comments && claim.starts_with('#')) {
                continue;
            }
            return Some(statement(line, None, claim));
        }
    }
}

struct JsonStatements<R> {
    lines: Lines<R>,
}

/// The fields a JSON line may carry its statement in, by preference.
const CLAIM_FIELDS: [&str; 3] = ["claim", "statement", "text"];

impl<R: BufRead> Iterator for JsonStatements<R> {
    type Item = Result<StatementInput, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (line, text) = match self.lines.next()? {
                Ok(line) => line,
                Err(err) => return Some(Err(err)),
            };
            if text.trim().is_empty() {
                continue;
            }
            return Some(parse_json_line(&text).map_err(|(id, kind)| InputError {
                line,
                id,
                kind,
            }));
        }
    }
}

fn parse_json_line(text: &str) -> Result<StatementInput, (Option<String>, InputErrorKind)> {
    parse_json_object(text).map(|(statement, _)| statement)
}

/// A JSON object as parsed.
pub type JsonObject = serde_json::Map<String, serde_json::Value>;

/// Parses one JSON line into its statement and the whole object, for
/// readers that need more fields (`factcheck eval` reads `label`, `kind`).
pub fn parse_json_object(
    text: &str,
) -> Result<(StatementInput, JsonObject), (Option<String>, InputErrorKind)> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|err| (None, InputErrorKind::MalformedJson(err.to_string())))?;
    let object = match value {
        serde_json::Value::Object(object) => object,
        other => return Err((None, InputErrorKind::NotAnObject(json_type(&other)))),
    };
    let id = match object.get("id") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(id)) => Some(id.clone()),
        // As written: parsed, a long number would become a float
        // (12345678901234567890123 as 1.2345678901234568e+22), and two ids
        // could collide.
        Some(serde_json::Value::Number(id)) => {
            Some(number_text(text, "id").map_or_else(|| id.to_string(), str::to_string))
        }
        Some(other) => return Err((None, InputErrorKind::BadId(json_type(other)))),
    };
    let Some((field, value)) = CLAIM_FIELDS
        .iter()
        .find_map(|field| object.get(*field).map(|value| (*field, value)))
    else {
        return Err((id, InputErrorKind::MissingClaim));
    };
    let Some(claim) = value.as_str() else {
        return Err((id, InputErrorKind::ClaimNotString(field.to_string())));
    };
    match nonempty(id.clone(), claim) {
        Ok(statement) => Ok((statement, object)),
        Err(kind) => Err((id, kind)),
    }
}

/// The text of the number that is the value of the top-level `key` of the
/// JSON object `json`, as written; none when it cannot be found that way
/// (a key written with escapes). `json` is known to be a valid object.
fn number_text<'a>(json: &'a str, key: &str) -> Option<&'a str> {
    let bytes = json.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    // The last string read at depth 1, which a ':' makes a key.
    let mut last_string: Option<&str> = None;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                let start = at + 1;
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                if depth == 1 {
                    last_string = json.get(start..at);
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b':' if depth == 1 && last_string == Some(key) => {
                let value = json[at + 1..].trim_start();
                let end = value
                    .find(|c: char| matches!(c, ',' | '}') || c.is_whitespace())
                    .unwrap_or(value.len());
                return Some(&value[..end]);
            }
            b':' | b',' => last_string = None,
            _ => {}
        }
        at += 1;
    }
    None
}

/// The statement `claim` (trimmed) with its `id`, or why it cannot be
/// checked: it is empty, or longer than [`MAX_STATEMENT_BYTES`]. Every
/// reader goes through this; so should statements from anywhere else (the
/// command line), with `line` their position.
pub fn statement(line: u64, id: Option<String>, claim: &str) -> Result<StatementInput, InputError> {
    nonempty(id.clone(), claim).map_err(|kind| InputError { line, id, kind })
}

fn nonempty(id: Option<String>, claim: &str) -> Result<StatementInput, InputErrorKind> {
    let claim = claim.trim();
    if claim.is_empty() {
        return Err(InputErrorKind::EmptyClaim);
    }
    if claim.len() > MAX_STATEMENT_BYTES {
        return Err(InputErrorKind::StatementTooLong(claim.len()));
    }
    Ok(StatementInput {
        id,
        claim: claim.to_string(),
        extra: Vec::new(),
    })
}

fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// A reader that fails once more than [`MAX_LINE_BYTES`] (and the CSV
/// parser's buffer) were read since `used` was last reset: the CSV reader
/// holds a whole record in memory, so a 300 MB quoted field would be held
/// whole. Reset before each record.
struct Budgeted<R> {
    inner: R,
    used: Rc<Cell<u64>>,
}

/// The error [`Budgeted`] fails with.
#[derive(Debug)]
struct OverBudget;

impl fmt::Display for OverBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "record longer than {MAX_LINE_BYTES} bytes")
    }
}

impl std::error::Error for OverBudget {}

impl<R: std::io::Read> std::io::Read for Budgeted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // Room for the parser's read-ahead beyond the record itself.
        const SLACK: u64 = 64 * 1024;
        if self.used.get() > MAX_LINE_BYTES as u64 + SLACK {
            return Err(std::io::Error::other(OverBudget));
        }
        let n = self.inner.read(buf)?;
        self.used.set(self.used.get() + n as u64);
        Ok(n)
    }
}

struct CsvStatements<R> {
    reader: csv::Reader<Budgeted<R>>,
    /// Bytes read since the last record began (see [`Budgeted`]).
    used: Rc<Cell<u64>>,
    /// (claim column, id column), once the header has been read.
    columns: Option<(usize, Option<usize>)>,
    record: csv::ByteRecord,
    done: bool,
    options: ReadOptions,
    /// The header, kept for [`ReadOptions::keep_columns`].
    header: Vec<String>,
}

impl<R: BufRead> CsvStatements<R> {
    fn new(reader: R, options: ReadOptions) -> CsvStatements<R> {
        let used = Rc::new(Cell::new(0));
        let reader = Budgeted {
            inner: reader,
            used: Rc::clone(&used),
        };
        CsvStatements {
            reader: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(reader),
            used,
            columns: None,
            record: csv::ByteRecord::new(),
            done: false,
            options,
            header: Vec::new(),
        }
    }

    /// The columns of the current row other than the statement and the id,
    /// with their headers (empty unless [`ReadOptions::keep_columns`]).
    fn extra(&self, claim: usize, id: Option<usize>) -> Vec<(String, String)> {
        if !self.options.keep_columns {
            return Vec::new();
        }
        self.header
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != claim && Some(*i) != id)
            .map(|(i, name)| {
                let value = self.record.get(i).unwrap_or_default();
                (name.clone(), String::from_utf8_lossy(value).into_owned())
            })
            .collect()
    }

    /// Reads the header and finds the claim and id columns.
    fn read_header(&mut self) -> Result<Option<(usize, Option<usize>)>, InputError> {
        if !self.read_record()? {
            return Ok(None);
        }
        let header: Vec<String> = self
            .record
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let field = if i == 0 {
                    field.strip_prefix(BOM).unwrap_or(field)
                } else {
                    field
                };
                String::from_utf8_lossy(field).trim().to_string()
            })
            .collect();
        let find = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
        let claim = match &self.options.column {
            Some(column) => find(column.trim())
                .ok_or_else(|| InputErrorKind::NoSuchColumn(column.clone(), header.clone())),
            None => find("claim")
                .or_else(|| find("statement"))
                .ok_or_else(|| InputErrorKind::NoClaimColumn(header.clone())),
        }
        .map_err(|kind| InputError::new(1, kind))?;
        let id = find("id").filter(|&id| id != claim);
        self.header = header;
        Ok(Some((claim, id)))
    }

    /// Reads the next record into `self.record`; false at the end.
    fn read_record(&mut self) -> Result<bool, InputError> {
        let line = self.reader.position().line();
        self.used.set(0);
        self.reader
            .read_byte_record(&mut self.record)
            .map_err(|err| {
                let line = err.position().map_or(line, |p| p.line());
                let kind = match err.kind() {
                    csv::ErrorKind::Io(io)
                        if io.get_ref().is_some_and(|e| e.is::<OverBudget>()) =>
                    {
                        InputErrorKind::RecordTooLong
                    }
                    csv::ErrorKind::Io(io) => InputErrorKind::Io(io.to_string()),
                    _ => InputErrorKind::Csv(err.to_string()),
                };
                InputError::new(line, kind)
            })
    }

    fn statement(&self, claim: usize, id: Option<usize>) -> Result<StatementInput, InputError> {
        let line = self.record.position().map_or(0, |p| p.line());
        let field = |column: usize| -> Result<Option<&str>, InputError> {
            self.record
                .get(column)
                .map(std::str::from_utf8)
                .transpose()
                .map_err(|_| InputError::new(line, InputErrorKind::InvalidUtf8))
        };
        let id = match id {
            Some(column) => field(column)?
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_string),
            None => None,
        };
        let error = |kind| InputError {
            line,
            id: id.clone(),
            kind,
        };
        let text = field(claim)?.ok_or_else(|| error(InputErrorKind::MissingClaim))?;
        nonempty(id.clone(), text).map_err(error)
    }
}

impl<R: BufRead> Iterator for CsvStatements<R> {
    type Item = Result<StatementInput, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let (claim, id) = match self.columns {
            Some(columns) => columns,
            None => match self.read_header() {
                Ok(Some(columns)) => {
                    self.columns = Some(columns);
                    columns
                }
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(err) => {
                    self.done = true;
                    return Some(Err(err));
                }
            },
        };
        loop {
            match self.read_record() {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {}
                Err(err) => {
                    self.done = err.is_fatal();
                    return Some(Err(err));
                }
            }
            // A line with nothing on it is not a statement.
            if self
                .record
                .iter()
                .all(|field| field.trim_ascii().is_empty())
            {
                continue;
            }
            return Some(self.statement(claim, id).map(|mut statement| {
                statement.extra = self.extra(claim, id);
                statement
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(format: InputFormat, input: &[u8]) -> Vec<Result<StatementInput, InputError>> {
        statements(input, format).collect()
    }

    fn ok(id: Option<&str>, claim: &str) -> Result<StatementInput, InputError> {
        Ok(StatementInput {
            id: id.map(str::to_string),
            claim: claim.to_string(),
            extra: Vec::new(),
        })
    }

    fn err(line: u64, kind: InputErrorKind) -> Result<StatementInput, InputError> {
        Err(InputError::new(line, kind))
    }

    #[test]
    fn text_skips_blank_and_comment_lines() {
        let got = read(
            InputFormat::Text,
            b"# header\none\n\n   \n  two  \n#three\n",
        );
        assert_eq!(got, vec![ok(None, "one"), ok(None, "two")]);
    }

    #[test]
    fn text_handles_bom_crlf_and_missing_final_newline() {
        let got = read(InputFormat::Text, b"\xEF\xBB\xBFone\r\ntwo\r\nthree");
        assert_eq!(
            got,
            vec![ok(None, "one"), ok(None, "two"), ok(None, "three")]
        );
    }

    #[test]
    fn text_reports_invalid_utf8_with_its_line_and_goes_on() {
        let got = read(InputFormat::Text, b"one\nbad \xFF byte\nthree\n");
        assert_eq!(
            got,
            vec![
                ok(None, "one"),
                err(2, InputErrorKind::InvalidUtf8),
                ok(None, "three")
            ]
        );
    }

    #[test]
    fn statement_lines_keep_hash_lines() {
        let got: Vec<_> = statement_lines(&b"#1 claim\n\nsecond"[..]).collect();
        assert_eq!(got, vec![ok(None, "#1 claim"), ok(None, "second")]);
    }

    #[test]
    fn jsonl_accepts_claim_statement_and_text_fields() {
        let input = br#"{"id": "a", "claim": "one", "label": "x"}
{"id": 7, "statement": "two"}
{"text": "three"}
{"id": null, "claim": "four", "text": "ignored"}
"#;
        let got = read(InputFormat::Jsonl, input);
        assert_eq!(
            got,
            vec![
                ok(Some("a"), "one"),
                ok(Some("7"), "two"),
                ok(None, "three"),
                ok(None, "four")
            ]
        );
    }

    #[test]
    fn utf16_statement_files_are_decoded() {
        let utf16 = |text: &str, little: bool| -> Vec<u8> {
            let mut bytes = if little {
                vec![0xff, 0xfe]
            } else {
                vec![0xfe, 0xff]
            };
            for unit in text.encode_utf16() {
                let pair = if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                };
                bytes.extend(pair);
            }
            bytes
        };
        for little in [true, false] {
            let text = "First \u{e9}t\u{e9}\r\nSecond\r\n";
            assert_eq!(
                read(InputFormat::Text, &utf16(text, little)),
                [ok(None, "First \u{e9}t\u{e9}"), ok(None, "Second")]
            );
            let jsonl = "{\"id\": \"a\", \"claim\": \"J\"}\n";
            assert_eq!(
                read(InputFormat::Jsonl, &utf16(jsonl, little)),
                [ok(Some("a"), "J")]
            );
            let csv = "id,claim\nc,\"C, too\"\n";
            assert_eq!(
                read(InputFormat::Csv, &utf16(csv, little)),
                [ok(Some("c"), "C, too")]
            );
        }
    }

    #[test]
    fn overlong_csv_field_stops_the_run_without_holding_it() {
        let mut input = b"id,claim\na,First\nb,\"".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_LINE_BYTES + 200_000));
        input.extend(b"\"\nc,Third\n");
        assert_eq!(
            read(InputFormat::Csv, &input),
            [
                ok(Some("a"), "First"),
                err(3, InputErrorKind::RecordTooLong)
            ]
        );
        // A record just under the limit is read.
        let mut input = b"claim\n\"".to_vec();
        input.extend(std::iter::repeat_n(b'y', MAX_STATEMENT_BYTES));
        input.extend(b"\"\nNext\n");
        let read = read(InputFormat::Csv, &input);
        assert_eq!(read.len(), 2);
        assert_eq!(read[1], ok(None, "Next"));
    }

    #[test]
    fn carriage_returns_alone_end_lines() {
        assert_eq!(
            read(InputFormat::Text, b"One\rTwo\r\rThree\r\nFour\r"),
            [
                ok(None, "One"),
                ok(None, "Two"),
                ok(None, "Three"),
                ok(None, "Four")
            ]
        );
        // Line numbers count a lone CR as a line end, CRLF as one.
        let lines: Vec<u64> = Lines::new(&b"a\rb\r\nc\n\rd"[..])
            .map(|line| line.unwrap().0)
            .collect();
        assert_eq!(lines, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn jsonl_keeps_long_numeric_ids_exactly_as_written() {
        let input = b"{\"id\": 12345678901234567890123, \"claim\": \"A\"}\n\
            {\"claim\": \"B\", \"x\": {\"id\": 1}, \"id\":12345678901234567890124}\n\
            {\"id\": 1.50e3, \"claim\": \"C\"}\n";
        assert_eq!(
            read(InputFormat::Jsonl, input),
            [
                ok(Some("12345678901234567890123"), "A"),
                ok(Some("12345678901234567890124"), "B"),
                ok(Some("1.50e3"), "C"),
            ]
        );
    }

    #[test]
    fn jsonl_keeps_numeric_id_as_written() {
        let got = read(InputFormat::Jsonl, br#"{"id": 1.5, "claim": "x"}"#);
        assert_eq!(got, vec![ok(Some("1.5"), "x")]);
    }

    #[test]
    fn jsonl_reports_bad_lines_and_goes_on() {
        let input = b"{\"claim\": \"one\"}\r\n{not json\r\n[1, 2]\r\n{\"id\": \"x\"}\r\n\r\n{\"claim\": 5}\r\n{\"claim\": \"  \"}\r\n{\"id\": true, \"claim\": \"y\"}\r\n{\"claim\": \"last\"}";
        let got = read(InputFormat::Jsonl, input);
        assert_eq!(got.len(), 8);
        assert_eq!(got[0], ok(None, "one"));
        assert!(
            matches!(
                &got[1],
                Err(InputError {
                    line: 2,
                    kind: InputErrorKind::MalformedJson(_),
                    ..
                })
            ),
            "{:?}",
            got[1]
        );
        assert_eq!(got[2], err(3, InputErrorKind::NotAnObject("an array")));
        assert_eq!(
            got[3],
            Err(InputError {
                line: 4,
                id: Some("x".to_string()),
                kind: InputErrorKind::MissingClaim
            })
        );
        assert_eq!(
            got[4],
            err(6, InputErrorKind::ClaimNotString("claim".to_string()))
        );
        assert_eq!(got[5], err(7, InputErrorKind::EmptyClaim));
        assert_eq!(got[6], err(8, InputErrorKind::BadId("a boolean")));
        assert_eq!(got[7], ok(None, "last"));
    }

    #[test]
    fn jsonl_handles_bom() {
        let got = read(InputFormat::Jsonl, b"\xEF\xBB\xBF{\"claim\": \"one\"}\n");
        assert_eq!(got, vec![ok(None, "one")]);
    }

    #[test]
    fn csv_handles_quoted_commas_and_newlines() {
        let input =
            b"id,Claim,source\n1,\"Russia, not China, did it\",x\n2,\"two\nlines\",y\n3,plain,z\n";
        let got = read(InputFormat::Csv, input);
        assert_eq!(
            got,
            vec![
                ok(Some("1"), "Russia, not China, did it"),
                ok(Some("2"), "two\nlines"),
                ok(Some("3"), "plain")
            ]
        );
    }

    #[test]
    fn csv_accepts_statement_column_bom_crlf_and_no_id() {
        let input = b"\xEF\xBB\xBFStatement\r\none\r\n\r\n\"two, too\"";
        let got = read(InputFormat::Csv, input);
        assert_eq!(got, vec![ok(None, "one"), ok(None, "two, too")]);
    }

    #[test]
    fn csv_bom_before_claim_header_is_ignored() {
        let got = read(InputFormat::Csv, b"\xEF\xBB\xBFclaim,id\nx,1\n");
        assert_eq!(got, vec![ok(Some("1"), "x")]);
    }

    #[test]
    fn csv_reports_short_record_and_invalid_utf8_with_lines() {
        let input = b"id,claim\n1,one\n2\n3,bad \xFF\n4,four\n";
        let got = read(InputFormat::Csv, input);
        assert_eq!(
            got,
            vec![
                ok(Some("1"), "one"),
                Err(InputError {
                    line: 3,
                    id: Some("2".to_string()),
                    kind: InputErrorKind::MissingClaim
                }),
                err(4, InputErrorKind::InvalidUtf8),
                ok(Some("4"), "four")
            ]
        );
    }

    #[test]
    fn csv_without_claim_column_is_fatal() {
        let got = read(InputFormat::Csv, b"id,sentence\n1,x\n");
        assert_eq!(got.len(), 1);
        let error = got[0].clone().unwrap_err();
        assert!(error.is_fatal());
        assert_eq!(
            error.to_string(),
            "line 1: no 'claim' or 'statement' column in the CSV header ['id', 'sentence']"
        );
    }

    #[test]
    fn empty_inputs_give_no_statements() {
        for format in [InputFormat::Text, InputFormat::Jsonl, InputFormat::Csv] {
            assert!(read(format, b"").is_empty(), "{format:?}");
        }
    }

    #[test]
    fn sniff_tells_json_lines_arrays_and_text_and_keeps_every_byte() {
        let sniffed = |input: &[u8]| {
            let (format, mut reader) = sniff(input).unwrap();
            let mut kept = Vec::new();
            reader.read_to_end(&mut kept).unwrap();
            assert_eq!(kept, input);
            format
        };
        assert_eq!(sniffed(b"\n  \n{\"claim\": \"a\"}\n"), InputFormat::Jsonl);
        assert_eq!(
            sniffed(b"\xEF\xBB\xBF{\"claim\": \"a\"}"),
            InputFormat::Jsonl
        );
        assert_eq!(sniffed(b"[\n  {\n"), InputFormat::Json);
        assert_eq!(sniffed(b"[]"), InputFormat::Json);
        assert_eq!(sniffed(b"[citation needed] a claim\n"), InputFormat::Text);
        assert_eq!(sniffed(b"a claim {x}\n"), InputFormat::Text);
        assert_eq!(sniffed(b""), InputFormat::Text);
        assert_eq!(sniffed(b"  \n"), InputFormat::Text);
        // Leading blank space longer than one read.
        let mut long = vec![b'\n'; 20_000];
        long.extend_from_slice(b"{\"claim\": \"a\"}");
        assert_eq!(sniffed(&long), InputFormat::Jsonl);
        // UTF-16, which the readers decode, is told by its characters.
        let utf16 = |text: &str, big_endian: bool| -> Vec<u8> {
            let mut bytes = if big_endian {
                vec![0xFE, 0xFF]
            } else {
                vec![0xFF, 0xFE]
            };
            for unit in text.encode_utf16() {
                if big_endian {
                    bytes.extend(unit.to_be_bytes());
                } else {
                    bytes.extend(unit.to_le_bytes());
                }
            }
            bytes
        };
        let line = "\n{\"claim\": \"a\"}\n";
        assert_eq!(sniffed(&utf16(line, false)), InputFormat::Jsonl);
        assert_eq!(sniffed(&utf16(line, true)), InputFormat::Jsonl);
        assert_eq!(sniffed(&utf16("[{}]", false)), InputFormat::Json);
        assert_eq!(sniffed(&utf16("Ärger {x}", false)), InputFormat::Text);
        assert_eq!(sniffed(b"\xFF\xFE"), InputFormat::Text);
    }

    #[test]
    fn csv_column_picks_the_statement_and_keeps_the_others_when_asked() {
        let input = b"id,Speaker,Quote,claim\n1,Ann,one,not this\n";
        let options = ReadOptions {
            column: Some("quote".to_string()),
            keep_columns: true,
        };
        let got: Vec<_> = statements_with(&input[..], InputFormat::Csv, &options).collect();
        let statement = got[0].as_ref().unwrap();
        assert_eq!(statement.claim, "one");
        assert_eq!(
            statement.extra,
            vec![
                ("Speaker".to_string(), "Ann".to_string()),
                ("claim".to_string(), "not this".to_string())
            ]
        );
        let options = ReadOptions {
            column: Some("text".to_string()),
            keep_columns: false,
        };
        let got: Vec<_> = statements_with(&input[..], InputFormat::Csv, &options).collect();
        let error = got[0].as_ref().unwrap_err();
        assert!(error.is_fatal());
        assert_eq!(
            error.to_string(),
            "line 1: no column 'text' (--column) in the CSV header ['id', 'Speaker', 'Quote', 'claim']"
        );
    }

    #[test]
    fn format_follows_extension() {
        let of = |name: &str| InputFormat::from_path(Path::new(name));
        assert_eq!(of("a.txt"), Some(InputFormat::Text));
        assert_eq!(of("a.JSONL"), Some(InputFormat::Jsonl));
        assert_eq!(of("a.json"), None);
        assert_eq!(of("a.ndjson"), Some(InputFormat::Jsonl));
        assert_eq!(of("dir/a.csv"), Some(InputFormat::Csv));
        assert_eq!(of("a.tsv"), None);
        assert_eq!(of("-"), None);
    }

    #[test]
    fn errors_display_their_reason() {
        let cases = [
            (
                InputErrorKind::InvalidUtf8,
                "line 3: line is not valid UTF-8",
            ),
            (
                InputErrorKind::NotAnObject("a string"),
                "line 3: expected a JSON object with a \"claim\" field, found a string",
            ),
            (
                InputErrorKind::MissingClaim,
                "line 3: missing \"claim\" field (\"statement\" or \"text\" also work)",
            ),
            (
                InputErrorKind::ClaimNotString("text".to_string()),
                "line 3: field \"text\" must be a string",
            ),
            (InputErrorKind::EmptyClaim, "line 3: the statement is empty"),
            (
                InputErrorKind::StatementTooLong(20000),
                "line 3: the statement is 20000 bytes long; the limit is 16384",
            ),
            (
                InputErrorKind::LineTooLong,
                "line 3: the line is longer than 4194304 bytes; skipped",
            ),
            (
                InputErrorKind::MissingLabel,
                "line 3: missing \"label\" field (a string)",
            ),
            (
                InputErrorKind::UnknownLabel("TRUE".to_string()),
                "line 3: unknown label \"TRUE\"; expected supported, conflicting or not_enough_info (or FEVER's SUPPORTS, REFUTES, NOT ENOUGH INFO)",
            ),
            (
                InputErrorKind::BadId("an array"),
                "line 3: field \"id\" must be a string or a number, found an array",
            ),
            (
                InputErrorKind::MalformedJson("eof".to_string()),
                "line 3: malformed JSON: eof",
            ),
            (
                InputErrorKind::Csv("bad quote".to_string()),
                "line 3: malformed CSV: bad quote",
            ),
            (
                InputErrorKind::Io("disk on fire".to_string()),
                "line 3: failed to read input: disk on fire",
            ),
        ];
        for (kind, expected) in cases {
            let error = InputError::new(3, kind);
            assert_eq!(error.to_string(), expected);
        }
    }

    /// A `Read` that makes up `total` lines as it is read, and counts the
    /// bytes handed out, so a test can see how far ahead a reader pulled.
    struct GeneratedLines {
        format: InputFormat,
        next: u64,
        total: u64,
        pending: Vec<u8>,
        read_at: usize,
        handed_out: std::rc::Rc<std::cell::Cell<u64>>,
    }

    /// Line `n` (0-based) of a generated input.
    fn generated_line(format: InputFormat, n: u64) -> String {
        match format {
            InputFormat::Text => format!("statement number {n}\n"),
            // Read whole, not streamed: not generated.
            InputFormat::Jsonl | InputFormat::Json => {
                format!("{{\"id\": {n}, \"claim\": \"statement number {n}\"}}\n")
            }
            InputFormat::Csv if n == 0 => "id,claim\n".to_string(),
            InputFormat::Csv => format!("{n},\"statement, number {n}\"\n"),
        }
    }

    impl std::io::Read for GeneratedLines {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.read_at == self.pending.len() {
                if self.next == self.total {
                    return Ok(0);
                }
                self.pending = generated_line(self.format, self.next).into_bytes();
                self.read_at = 0;
                self.next += 1;
            }
            let n = buf.len().min(self.pending.len() - self.read_at);
            buf[..n].copy_from_slice(&self.pending[self.read_at..self.read_at + n]);
            self.read_at += n;
            self.handed_out.set(self.handed_out.get() + n as u64);
            Ok(n)
        }
    }

    /// Reads `total` generated lines and asserts that when each statement
    /// comes out, the reader has pulled at most one buffer beyond it: the
    /// input is streamed, whatever its length (a 10-million-line file works
    /// the same, only for longer).
    fn assert_streams(format: InputFormat, total: u64) {
        let handed_out = std::rc::Rc::new(std::cell::Cell::new(0));
        let generated = GeneratedLines {
            format,
            next: 0,
            total,
            pending: Vec::new(),
            read_at: 0,
            handed_out: handed_out.clone(),
        };
        const BUFFER: u64 = 8 * 1024;
        let mut consumed = 0u64;
        let mut count = 0u64;
        let first = u64::from(format == InputFormat::Csv);
        let lines = std::io::BufReader::with_capacity(BUFFER as usize, generated);
        if first == 1 {
            consumed += generated_line(format, 0).len() as u64;
        }
        for (i, statement) in statements(lines, format).enumerate() {
            let n = i as u64 + first;
            let statement = statement.unwrap();
            assert!(statement.claim.ends_with(&format!("number {n}")));
            consumed += generated_line(format, n).len() as u64;
            let ahead = handed_out.get() - consumed;
            assert!(
                ahead <= BUFFER,
                "{format:?}: {ahead} bytes read ahead of statement {n}"
            );
            count += 1;
        }
        assert_eq!(count, total - first);
    }

    #[test]
    fn text_input_is_streamed() {
        assert_streams(InputFormat::Text, 300_000);
    }

    #[test]
    fn jsonl_input_is_streamed() {
        assert_streams(InputFormat::Jsonl, 100_000);
    }

    #[test]
    fn csv_input_is_streamed() {
        assert_streams(InputFormat::Csv, 100_000);
    }

    #[test]
    fn crlf_bom_and_no_final_newline_in_every_format() {
        let text = read(InputFormat::Text, b"\xEF\xBB\xBFone\r\ntwo");
        assert_eq!(text, vec![ok(None, "one"), ok(None, "two")]);
        let jsonl = read(
            InputFormat::Jsonl,
            b"\xEF\xBB\xBF{\"claim\": \"one\"}\r\n{\"claim\": \"two\"}",
        );
        assert_eq!(jsonl, vec![ok(None, "one"), ok(None, "two")]);
        let csv = read(InputFormat::Csv, b"\xEF\xBB\xBFclaim\r\none\r\ntwo");
        assert_eq!(csv, vec![ok(None, "one"), ok(None, "two")]);
    }

    #[test]
    fn jsonl_scalars_and_null_are_not_objects() {
        let got = read(InputFormat::Jsonl, b"\"a claim\"\n42\nnull\ntrue\n");
        assert_eq!(
            got,
            vec![
                err(1, InputErrorKind::NotAnObject("a string")),
                err(2, InputErrorKind::NotAnObject("a number")),
                err(3, InputErrorKind::NotAnObject("null")),
                err(4, InputErrorKind::NotAnObject("a boolean")),
            ]
        );
    }

    #[test]
    fn duplicate_ids_are_kept_each_in_place() {
        let got = read(
            InputFormat::Jsonl,
            b"{\"id\": 1, \"claim\": \"one\"}\n{\"id\": 1, \"claim\": \"two\"}\n{\"id\": \"1\", \"claim\": \"three\"}\n",
        );
        assert_eq!(
            got,
            vec![
                ok(Some("1"), "one"),
                ok(Some("1"), "two"),
                ok(Some("1"), "three")
            ]
        );
    }

    #[test]
    fn invalid_utf8_in_jsonl_names_its_line() {
        let jsonl = read(
            InputFormat::Jsonl,
            b"{\"claim\": \"one\"}\n{\"claim\": \"b\xFFd\"}\n{\"claim\": \"three\"}\n",
        );
        assert_eq!(
            jsonl,
            vec![
                ok(None, "one"),
                err(2, InputErrorKind::InvalidUtf8),
                ok(None, "three")
            ]
        );
    }

    #[test]
    fn csv_unclosed_quote_runs_to_the_end_of_the_input() {
        let got = read(InputFormat::Csv, b"id,claim\n1,\"open\n2,two\n");
        assert_eq!(got, vec![ok(Some("1"), "open\n2,two")]);
    }

    #[test]
    fn read_error_ends_the_stream_with_a_fatal_error() {
        struct Failing;
        impl std::io::Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk on fire"))
            }
        }
        for format in [InputFormat::Text, InputFormat::Jsonl, InputFormat::Csv] {
            let got: Vec<_> = statements(std::io::BufReader::new(Failing), format).collect();
            assert_eq!(got.len(), 1, "{format:?}");
            let error = got[0].clone().unwrap_err();
            assert!(error.is_fatal(), "{format:?}: {error}");
            assert_eq!(
                error.to_string(),
                "line 1: failed to read input: disk on fire"
            );
        }
    }

    #[test]
    fn lone_characters_punctuation_and_digits_are_statements() {
        let got = read(
            InputFormat::Text,
            "a\n.\n1234567890\n?!\n\u{200b}\n".as_bytes(),
        );
        assert_eq!(
            got,
            vec![
                ok(None, "a"),
                ok(None, "."),
                ok(None, "1234567890"),
                ok(None, "?!"),
                ok(None, "\u{200b}")
            ]
        );
    }

    #[test]
    fn bounded_read_keeps_lines_up_to_the_limit_and_skips_longer() {
        let input = b"12345\n123456\r\n1234567\n1234\r\n123456";
        let mut reader = std::io::BufReader::with_capacity(2, &input[..]);
        let mut buffer = Vec::new();
        let mut next = || {
            buffer.clear();
            let read = read_line_bounded(&mut reader, &mut buffer, 6, &mut false).unwrap();
            (read, String::from_utf8(buffer.clone()).unwrap())
        };
        assert_eq!(next(), (LineRead::Line, "12345\n".to_string()));
        assert_eq!(next(), (LineRead::Line, "123456\r\n".to_string()));
        assert_eq!(next(), (LineRead::TooLong, String::new()));
        assert_eq!(next(), (LineRead::Line, "1234\r\n".to_string()));
        assert_eq!(next(), (LineRead::Line, "123456".to_string()));
        assert_eq!(next(), (LineRead::End, String::new()));
    }

    #[test]
    fn overlong_line_is_an_error_in_place_and_reading_goes_on() {
        let mut input = b"one\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_LINE_BYTES + 1));
        input.extend(b"\nthree\n");
        let got = read(InputFormat::Text, &input);
        assert_eq!(
            got,
            vec![
                ok(None, "one"),
                err(2, InputErrorKind::LineTooLong),
                ok(None, "three")
            ]
        );
    }

    #[test]
    fn overlong_statement_is_an_error_keeping_its_id() {
        let long = "word ".repeat(MAX_STATEMENT_BYTES / 5 + 2);
        let length = long.trim().len();
        let text = format!("short\n{long}\n");
        assert_eq!(
            read(InputFormat::Text, text.as_bytes()),
            vec![
                ok(None, "short"),
                err(2, InputErrorKind::StatementTooLong(length))
            ]
        );
        let jsonl = format!("{{\"id\": \"x\", \"claim\": \"{long}\"}}\n");
        assert_eq!(
            read(InputFormat::Jsonl, jsonl.as_bytes()),
            vec![Err(InputError {
                line: 1,
                id: Some("x".to_string()),
                kind: InputErrorKind::StatementTooLong(length)
            })]
        );
        let csv = format!("id,claim\ny,{long}\n");
        assert_eq!(
            read(InputFormat::Csv, csv.as_bytes()),
            vec![Err(InputError {
                line: 2,
                id: Some("y".to_string()),
                kind: InputErrorKind::StatementTooLong(length)
            })]
        );
        // At the limit is fine.
        let at_limit = "x".repeat(MAX_STATEMENT_BYTES);
        assert_eq!(
            statement(1, None, &at_limit).map(|s| s.claim.len()),
            Ok(MAX_STATEMENT_BYTES)
        );
    }
}
