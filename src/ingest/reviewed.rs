//! Reviewed claims: `*.claims.jsonl` files in a corpus folder.
//!
//! A fact-checker's earlier work: each line is
//! `{"claim": ..., "verdict": "supported" | "conflicting", "source": ..., "note": ...}`.
//! They are indexed beside the passages, and a statement that matches one
//! is reported with that review.

use serde::{Deserialize, Serialize};

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

/// The reviewed claims of every reviewed-claims file of `corpus` as
/// passages of kind [`PassageKind::Reviewed`] numbered from `first_id`, and
/// a warning for every line that is not a usable review.
pub fn reviewed_passages(corpus: &Corpus, first_id: u64) -> (Vec<Passage>, Vec<String>) {
    let mut passages = Vec::new();
    let mut warnings = Vec::new();
    for file in &corpus.reviewed {
        let (claims, file_warnings) = parse_reviewed(&file.path, &file.text);
        warnings.extend(file_warnings);
        for (review, start, end) in claims {
            passages.push(Passage {
                id: first_id + passages.len() as u64,
                document: file.path.clone(),
                paragraph: review.line,
                sentence: 1,
                start,
                end,
                kind: PassageKind::Reviewed,
                text: review.claim.clone(),
                origin: Some(Origin::Reviewed(review)),
            });
        }
    }
    (passages, warnings)
}

/// A reviewed-claims file gets at most this many warnings for its bad lines,
/// then one that counts the rest: a file of a million bad lines must not
/// print (and hold) a million warnings.
const MAX_WARNINGS_PER_FILE: usize = 20;

/// The reviewed claims of one `*.claims.jsonl` file, with the byte span of
/// the line each came from, and a warning (`file:line: reason`) for every
/// line that is not a usable review. Blank lines are skipped.
fn parse_reviewed(path: &str, text: &str) -> (Vec<(ReviewedClaim, usize, usize)>, Vec<String>) {
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

    #[test]
    fn warnings_for_bad_lines_are_capped_per_file() {
        let text = "not json\n".repeat(1000) + "{\"claim\": \"A\", \"verdict\": \"supported\"}\n";
        let (claims, warnings) = parse_reviewed("r.claims.jsonl", &text);
        assert_eq!(claims.len(), 1);
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
        let (claims, warnings) = parse_reviewed("checks.claims.jsonl", text);
        assert_eq!(claims.len(), 2);
        let (first, start, end) = &claims[0];
        assert_eq!(first.verdict, Label::Supported);
        assert_eq!(first.source.as_deref(), Some("Gazette"));
        assert_eq!((first.line, *start), (1, 0));
        assert_eq!(&text[*start..*end], text.lines().next().unwrap());
        let (second, start, end) = &claims[1];
        assert_eq!(second.verdict, Label::Conflicting);
        assert_eq!(second.note.as_deref(), Some("It closed in 2001."));
        assert_eq!(second.line, 3);
        assert!(text[*start..*end].ends_with('}'));
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings[0].starts_with("checks.claims.jsonl:4: verdict \"maybe\""));
        assert!(warnings[1].contains(":5: malformed JSON"));
        assert!(warnings[2].contains(":6: no \"claim\""));
    }
}
