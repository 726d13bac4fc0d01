//! Reviewed claims: `*.claims.jsonl` files in a corpus folder.
//!
//! A fact-checker's earlier work: each line is
//! `{"claim": ..., "verdict": "supported" | "conflicting", "source": ..., "note": ...}`.
//! They are indexed beside the passages, and a statement that matches one
//! is reported with that review.
//!
//! A file is read a line at a time and parsed as it is read, once per run
//! ([`ReviewedFile::read`]): what is kept is its reviews, each with the byte
//! span of its line, its first warnings, and the length and hash of its
//! text for the index fingerprint, never the file's text itself.

use std::borrow::Cow;
use std::io::{self, BufRead};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::{Corpus, Origin, Passage, PassageKind};
use crate::verdict::Label;

/// The file name ending that marks a reviewed-claims file.
pub const REVIEWED_SUFFIX: &str = ".claims.jsonl";

/// One claim a fact-checker has reviewed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewedClaim {
    /// The claim as reviewed.
    pub claim: String,
    /// The reviewer's verdict: `supported` or `conflicting`.
    pub verdict: Label,
    /// Where the review came from (a URL, a publication), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The reviewer's note, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The reviewed-claims file, relative to the corpus root.
    #[serde(default)]
    pub document: String,
    /// 1-based line number in that file.
    #[serde(default)]
    pub line: u32,
}

/// One reviewed-claims file, read: its reviews, the warnings for its bad
/// lines, and a digest of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewedFile {
    /// Path relative to the corpus root, with `/` separators.
    pub path: String,
    /// The usable lines, in file order.
    reviews: Vec<Review>,
    /// `file:line: reason` for the first bad lines, then a count of the rest.
    warnings: Vec<String>,
    /// Bytes of the text (invalid UTF-8 replaced, as offsets count them).
    len: u64,
    /// XXH3-128 of that text.
    hash: u128,
    /// Whether invalid UTF-8 was replaced.
    lossy: bool,
}

/// A usable line: a [`ReviewedClaim`] kept small (a file may hold
/// hundreds of thousands; the file's path is kept once, in
/// [`ReviewedFile::path`]) and the byte span of the line, trimmed.
#[derive(Clone, Debug, PartialEq)]
struct Review {
    claim: Box<str>,
    verdict: Label,
    source: Option<Box<str>>,
    note: Option<Box<str>>,
    line: u32,
    start: usize,
    end: usize,
}

impl Review {
    /// The review as a [`ReviewedClaim`] of the file `document`.
    fn to_claim(&self, document: &str) -> ReviewedClaim {
        ReviewedClaim {
            claim: self.claim.to_string(),
            verdict: self.verdict,
            source: self.source.as_deref().map(str::to_string),
            note: self.note.as_deref().map(str::to_string),
            document: document.to_string(),
            line: self.line,
        }
    }
}

impl ReviewedFile {
    /// Reads the reviewed-claims file `path` (named so in warnings) from
    /// `reader`, a line at a time, and parses each line as it is read.
    /// Invalid UTF-8 is replaced line by line, which replaces exactly what
    /// decoding the whole file would (no invalid sequence spans a `\n`), and
    /// byte offsets count the text so decoded, as a document's do. Blank
    /// lines are skipped; a line that is not a usable review gets a warning,
    /// `file:line: reason; line skipped`, the first few of them and a count.
    ///
    /// `None` when `reader` holds more than `limit` bytes: it is not read
    /// past `limit + 1`, and what was parsed is dropped.
    ///
    /// ```
    /// use factcheck::ingest::ReviewedFile;
    ///
    /// let text = "{\"claim\": \"A\", \"verdict\": \"supported\"}\nnot json\n";
    /// let file = ReviewedFile::read("a.claims.jsonl", text.as_bytes(), 1 << 20)
    ///     .unwrap()
    ///     .unwrap();
    /// assert_eq!(file.len(), 1);
    /// assert!(file.warnings()[0].starts_with("a.claims.jsonl:2: malformed JSON"));
    /// ```
    pub fn read(path: &str, reader: impl BufRead, limit: u64) -> io::Result<Option<ReviewedFile>> {
        let mut file = ReviewedFile {
            path: path.to_string(),
            reviews: Vec::new(),
            warnings: Vec::new(),
            len: 0,
            hash: 0,
            lossy: false,
        };
        let mut hasher = Xxh3::new();
        let mut skipped = 0usize;
        let mut reader = reader.take(limit.saturating_add(1));
        let mut bytes = Vec::new();
        let mut read = 0u64;
        for number in 1usize.. {
            bytes.clear();
            let count = reader.read_until(b'\n', &mut bytes)?;
            if count == 0 {
                break;
            }
            read += count as u64;
            if read > limit {
                return Ok(None);
            }
            let raw = String::from_utf8_lossy(&bytes);
            file.lossy |= matches!(raw, Cow::Owned(_));
            hasher.update(raw.as_bytes());
            let line_start = file.len as usize;
            file.len += raw.len() as u64;
            let line = raw.trim_end_matches(['\n', '\r']);
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            match parse_line(trimmed) {
                Ok(claim) => {
                    let start = line_start + (line.len() - line.trim_start().len());
                    file.reviews.push(Review {
                        claim: claim.claim.into_boxed_str(),
                        verdict: claim.verdict,
                        source: claim.source.map(String::into_boxed_str),
                        note: claim.note.map(String::into_boxed_str),
                        line: number as u32,
                        start,
                        end: start + trimmed.len(),
                    });
                }
                Err(reason) => {
                    skipped += 1;
                    if skipped <= MAX_WARNINGS_PER_FILE {
                        file.warnings
                            .push(format!("{path}:{number}: {reason}; line skipped"));
                    }
                }
            }
        }
        if skipped > MAX_WARNINGS_PER_FILE {
            file.warnings.push(format!(
                "{path}: {} more lines skipped (not shown)",
                skipped - MAX_WARNINGS_PER_FILE
            ));
        }
        file.hash = hasher.digest128();
        Ok(Some(file))
    }

    /// How many usable reviews the file holds.
    pub fn len(&self) -> usize {
        self.reviews.len()
    }

    /// Whether the file holds no usable review.
    pub fn is_empty(&self) -> bool {
        self.reviews.is_empty()
    }

    /// The warnings for the file's bad lines: the first 20 as
    /// `file:line: reason; line skipped`, then one that counts the rest.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Whether invalid UTF-8 was replaced.
    pub(super) fn is_lossy(&self) -> bool {
        self.lossy
    }

    /// The path, the length of the text and its XXH3-128: what a
    /// document's digest is made of.
    pub(super) fn hashed(&self) -> (&str, u64, u128) {
        (&self.path, self.len, self.hash)
    }
}

/// The reviewed claims of every reviewed-claims file of `corpus` as
/// passages of kind [`PassageKind::Reviewed`] numbered from `first_id`
/// (their warnings are in [`ReviewedFile::warnings`]).
pub fn reviewed_passages(corpus: &Corpus, first_id: u64) -> Vec<Passage> {
    let mut passages = Vec::new();
    for file in &corpus.reviewed {
        for review in &file.reviews {
            let claim = review.to_claim(&file.path);
            passages.push(Passage {
                id: first_id + passages.len() as u64,
                document: file.path.clone(),
                paragraph: claim.line,
                sentence: 1,
                start: review.start,
                end: review.end,
                kind: PassageKind::Reviewed,
                text: claim.claim.clone(),
                origin: Some(Origin::Reviewed(claim)),
            });
        }
    }
    passages
}

/// A reviewed-claims file gets at most this many warnings for its bad lines,
/// then one that counts the rest: a file of a million bad lines must not
/// print (and hold) a million warnings.
const MAX_WARNINGS_PER_FILE: usize = 20;
/// One line of a reviewed-claims file.
fn parse_line(line: &str) -> Result<ReviewedClaim, String> {
    #[derive(Deserialize)]
    struct Line {
        claim: Option<String>,
        verdict: Option<String>,
        source: Option<String>,
        note: Option<String>,
    }
    let parsed: Line = serde_json::from_str(line).map_err(|e| format!("malformed JSON ({e})"))?;
    let claim = parsed
        .claim
        .filter(|c| !c.trim().is_empty())
        .ok_or("no \"claim\"")?;
    let verdict_name = parsed.verdict.ok_or("no \"verdict\"")?;
    let verdict = match Label::parse(&verdict_name) {
        Some(label @ (Label::Supported | Label::Conflicting)) => label,
        _ => {
            return Err(format!(
                "verdict \"{verdict_name}\" is not \"supported\" or \"conflicting\""
            ))
        }
    };
    Ok(ReviewedClaim {
        claim: claim.trim().to_string(),
        verdict,
        source: parsed.source.filter(|s| !s.trim().is_empty()),
        note: parsed.note.filter(|s| !s.trim().is_empty()),
        document: String::new(),
        line: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` read as a reviewed-claims file named `path`, without a limit.
    fn read(path: &str, text: &[u8]) -> ReviewedFile {
        ReviewedFile::read(path, text, u64::MAX).unwrap().unwrap()
    }

    /// The reviews with their spans, as the parser before streaming gave
    /// them.
    fn spans(file: &ReviewedFile) -> Vec<(ReviewedClaim, usize, usize)> {
        file.reviews
            .iter()
            .map(|review| (review.to_claim(&file.path), review.start, review.end))
            .collect()
    }

    /// The parser before streaming, kept as the reference: the whole text
    /// (decoded lossily) in memory, split at `\n`.
    fn parse_whole(path: &str, text: &str) -> (Vec<(ReviewedClaim, usize, usize)>, Vec<String>) {
        let mut claims = Vec::new();
        let mut warnings = Vec::new();
        let mut skipped = 0usize;
        let mut start = 0;
        for (i, raw) in text.split_inclusive('\n').enumerate() {
            let line_start = start;
            start += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            let number = i + 1;
            match parse_line(trimmed) {
                Ok(mut claim) => {
                    claim.document = path.to_string();
                    claim.line = number as u32;
                    let offset = line_start + (line.len() - line.trim_start().len());
                    claims.push((claim, offset, offset + trimmed.len()));
                }
                Err(reason) => {
                    skipped += 1;
                    if skipped <= MAX_WARNINGS_PER_FILE {
                        warnings.push(format!("{path}:{number}: {reason}; line skipped"));
                    }
                }
            }
        }
        if skipped > MAX_WARNINGS_PER_FILE {
            warnings.push(format!(
                "{path}: {} more lines skipped (not shown)",
                skipped - MAX_WARNINGS_PER_FILE
            ));
        }
        (claims, warnings)
    }

    #[test]
    fn warnings_for_bad_lines_are_capped_per_file() {
        let text = "not json\n".repeat(1000) + "{\"claim\": \"A\", \"verdict\": \"supported\"}\n";
        let file = read("r.claims.jsonl", text.as_bytes());
        assert_eq!(file.len(), 1);
        let warnings = file.warnings();
        assert_eq!(warnings.len(), MAX_WARNINGS_PER_FILE + 1);
        assert!(warnings[0].starts_with("r.claims.jsonl:1: malformed JSON"));
        assert_eq!(
            warnings.last().unwrap(),
            &format!(
                "r.claims.jsonl: {} more lines skipped (not shown)",
                1000 - MAX_WARNINGS_PER_FILE
            )
        );
    }

    #[test]
    fn reads_reviews_and_warns_about_bad_lines() {
        let text = concat!(
            "{\"claim\": \"The mill made 40 chairs.\", \"verdict\": \"supported\", \"source\": \"Gazette\"}\n",
            "\n",
            "{\"claim\": \"The mill closed in 1999.\", \"verdict\": \"false\", \"note\": \"It closed in 2001.\"}\r\n",
            "{\"claim\": \"x\", \"verdict\": \"maybe\"}\n",
            "not json\n",
            "{\"verdict\": \"supported\"}\n",
        );
        let file = read("checks.claims.jsonl", text.as_bytes());
        let claims = spans(&file);
        assert_eq!(claims.len(), 2);
        let (first, start, end) = &claims[0];
        assert_eq!(first.verdict, Label::Supported);
        assert_eq!(first.source.as_deref(), Some("Gazette"));
        assert_eq!(first.document, "checks.claims.jsonl");
        assert_eq!((first.line, *start), (1, 0));
        assert_eq!(&text[*start..*end], text.lines().next().unwrap());
        let (second, start, end) = &claims[1];
        assert_eq!(second.verdict, Label::Conflicting);
        assert_eq!(second.note.as_deref(), Some("It closed in 2001."));
        assert_eq!(second.line, 3);
        assert!(text[*start..*end].ends_with('}'));
        let warnings = file.warnings();
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings[0].starts_with("checks.claims.jsonl:4: verdict \"maybe\""));
        assert!(warnings[1].contains(":5: malformed JSON"));
        assert!(warnings[2].contains(":6: no \"claim\""));
    }

    /// Every line ending and decoding case the parser meets: CRLF, a lone
    /// CR inside a line and at its end, blank and white-space lines,
    /// invalid UTF-8 inside a claim and cut off before a `\n`, indented
    /// lines, bad lines, and a last line without `\n`.
    const MIXED: &[u8] = b"{\"claim\": \"The mill made 40 chairs.\", \"verdict\": \"supported\"}\r\n\
        \r\n\
        \t \n\
        {\"claim\": \"Caf\xe9 \xe2\x82 closed\", \"verdict\": \"conflicting\"}\n\
        not json \xff\n\
        \x20 {\"claim\": \"Indented\", \"verdict\": \"supported\", \"note\": \"n\"}  \r\r\n\
        {\"claim\": \"a\rb\", \"verdict\": \"supported\"}\n\
        {\"claim\": \"cut\", \"verdict\": \"supported\"} \xe2\x82\n\
        {\"claim\": \"\xc3\xa9t\xc3\xa9 \xe2\x80\x94 fine\", \"verdict\": \"supported\", \"source\": \"S\"}\n\
        \r\
        {\"verdict\": \"maybe\"}\n\
        {\"claim\": \"Last\", \"verdict\": \"conflicting\"}";

    #[test]
    fn streamed_file_matches_the_whole_text_parser() {
        let text = String::from_utf8_lossy(MIXED);
        let (claims, warnings) = parse_whole("m.claims.jsonl", &text);
        assert_eq!(claims.len(), 5, "{claims:?}");
        // Lines cut across the reader's buffer, and not.
        for capacity in [1, 7, 64, 8192] {
            let reader = io::BufReader::with_capacity(capacity, MIXED);
            let file = ReviewedFile::read("m.claims.jsonl", reader, u64::MAX)
                .unwrap()
                .unwrap();
            assert_eq!(spans(&file), claims, "capacity {capacity}");
            assert_eq!(file.warnings(), &warnings[..]);
            assert!(file.is_lossy());
            assert_eq!(
                file.hashed(),
                (
                    "m.claims.jsonl",
                    text.len() as u64,
                    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
                )
            );
        }
        // Each span is its line of the decoded text, trimmed.
        for (claim, start, end) in &claims {
            let line = &text[*start..*end];
            assert_eq!(parse_line(line).unwrap().claim, claim.claim, "{line:?}");
            assert!(!line.starts_with(char::is_whitespace) && line.ends_with('}'));
        }
    }

    #[test]
    fn spans_slice_the_bytes_of_a_valid_file() {
        let bytes: Vec<u8> = String::from_utf8_lossy(MIXED)
            .replace('\u{fffd}', "")
            .into_bytes();
        let file = read("v.claims.jsonl", &bytes);
        assert!(!file.is_lossy());
        assert_eq!(file.len(), 6);
        for review in &file.reviews {
            let line = std::str::from_utf8(&bytes[review.start..review.end]).unwrap();
            assert_eq!(parse_line(line).unwrap(), {
                let mut claim = review.to_claim("");
                claim.line = 0;
                claim
            });
        }
    }

    #[test]
    fn a_file_longer_than_the_limit_is_not_read() {
        let text = b"{\"claim\": \"A\", \"verdict\": \"supported\"}\n";
        let limit = text.len() as u64;
        assert!(ReviewedFile::read("r", &text[..], limit).unwrap().is_some());
        assert!(ReviewedFile::read("r", &text[..], limit - 1)
            .unwrap()
            .is_none());
    }
}
