//! The listing of `factcheck claims`: a corpus's atomic claims, most
//! check-worthy first.
//!
//! The caller extracts the claims ([`crate::extract::extract_claims`]),
//! sorts them, gives each an id and pairs it with its source passage as a
//! [`ListedClaim`]; [`write_claims`] writes them in one of two formats.
//!
//! # Text
//!
//! One block per claim, blocks separated by a blank line: the check
//! worthiness and the claim, then, indented, the id, where the claim is
//! (`document:paragraph:sentence`) and what it mentions:
//!
//! ```text
//! 0.92  Soviet forces withdrew 15,000 troops in 1989
//!       [c1] afghanistan.txt:1:2 · numbers: 15,000 troops · dates: 1989 · names: Soviet
//!
//! 0.40  He did not say so
//!       [c2] afghanistan.txt:3:1 · negations: not · speaker: Gorbachev · list
//! ```
//!
//! `speaker: NAME` is there for a quotation or reported speech, `list` for
//! a claim naming an open list of items. A mention is shown once however
//! often it occurs. Control characters are written as escapes (see
//! [`escape_control`]).
//!
//! # JSON Lines
//!
//! One [`ClaimRecord`] per line, keys in this order:
//!
//! | key | type | meaning |
//! |-----|------|---------|
//! | `id` | string | the claim's id |
//! | `claim` | string | the claim, a self-contained clause |
//! | `check_worthiness` | number in [0, 1] | how worth checking it is, 4 decimals |
//! | `document` | string | the document, relative to the corpus root |
//! | `paragraph`, `sentence` | number | 1-based place of the source sentence |
//! | `source` | string | the source sentence, verbatim |
//! | `source_start`, `source_end` | number | its byte offsets in the document |
//! | `spans` | array of `[start, end]` | byte offsets in the document of the pieces the claim is built from |
//! | `subject` | string or null | what the claim is about, when found |
//! | `speaker` | string or null | who said it, for a quotation or reported speech |
//! | `is_list` | bool | the claim names an open list of items |
//! | `mentions` | object | `quantities`, `dates`, `entities`, `negations`: arrays of the texts found in the claim |
//!
//! A line carries `id` and `claim`, so the listing is a valid input for
//! `factcheck batch` (which ignores the other keys):
//!
//! ```text
//! factcheck claims --format jsonl > claims.jsonl
//! factcheck batch claims.jsonl
//! ```

use std::borrow::Cow;
use std::io::Write;

use anstyle::Style;
use anyhow::Result;
use serde::{Deserialize, Serialize};

use super::json::escape_c1_controls;
use super::{escape_control, round4};
use crate::extract::{analyze, Claim};
use crate::ingest::Passage;

/// The formats of the claims listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimsFormat {
    /// For people: two lines per claim.
    Text,
    /// One [`ClaimRecord`] per line, readable by `factcheck batch`.
    Jsonl,
}

/// One claim to list, with its id and the passage it was extracted from
/// (`passage.id == claim.passage`).
#[derive(Clone, Debug)]
pub struct ListedClaim<'a> {
    /// The id written for the claim; `factcheck batch` reports its verdict
    /// under this id.
    pub id: String,
    pub claim: &'a Claim,
    pub passage: &'a Passage,
}

/// Writes `claims` in `format`, in the order given. `color` adds ANSI
/// styles to [`ClaimsFormat::Text`]; JSON Lines are never coloured.
pub fn write_claims(
    out: &mut dyn Write,
    claims: &[ListedClaim],
    format: ClaimsFormat,
    color: bool,
) -> Result<()> {
    for (i, listed) in claims.iter().enumerate() {
        match format {
            ClaimsFormat::Jsonl => {
                let line = escape_c1_controls(serde_json::to_string(&ClaimRecord::new(listed))?);
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")?;
            }
            ClaimsFormat::Text => {
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                write_text_block(out, listed, color)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// One claim as a JSON line; see the module docs for every field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub id: String,
    pub claim: String,
    /// In [0, 1], 4 decimals.
    pub check_worthiness: f64,
    pub document: String,
    pub paragraph: u32,
    pub sentence: u32,
    /// The source passage, verbatim.
    pub source: String,
    pub source_start: usize,
    pub source_end: usize,
    /// Byte spans in the document of the claim's pieces.
    pub spans: Vec<(usize, usize)>,
    pub subject: Option<String>,
    pub speaker: Option<String>,
    pub is_list: bool,
    pub mentions: Mentions,
}

/// What a claim mentions, as the texts found in it, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentions {
    /// Numbers with their hedges and units: `more than 140 people`.
    pub quantities: Vec<String>,
    /// Date expressions: `March 2024`, `last year`.
    pub dates: Vec<String>,
    /// Named entities: `Soviet`, `Bank of England`; not a capitalised
    /// word inside a date or quantity (`February` of `February 1989`).
    pub entities: Vec<String>,
    /// Negation cues: `not`, `never`.
    pub negations: Vec<String>,
}

impl Mentions {
    /// The mentions [`analyze`] finds in `text`.
    pub fn of(text: &str) -> Mentions {
        let analysis = analyze(text);
        let cut = |start: usize, end: usize| text.get(start..end).unwrap_or("").to_string();
        Mentions {
            quantities: analysis
                .quantities
                .iter()
                .map(|q| cut(q.start, q.end))
                .collect(),
            dates: analysis.dates.iter().map(|d| cut(d.start, d.end)).collect(),
            entities: analysis
                .entities
                .iter()
                .filter(|e| {
                    let inside = |start: usize, end: usize| start <= e.start && e.end <= end;
                    !analysis.dates.iter().any(|d| inside(d.start, d.end))
                        && !analysis.quantities.iter().any(|q| inside(q.start, q.end))
                })
                .map(|e| cut(e.start, e.end))
                .collect(),
            negations: analysis
                .negations
                .iter()
                .map(|n| cut(n.start, n.end))
                .collect(),
        }
    }
}

impl ClaimRecord {
    /// The record of one listed claim.
    pub fn new(listed: &ListedClaim) -> ClaimRecord {
        let claim = listed.claim;
        let passage = listed.passage;
        ClaimRecord {
            id: listed.id.clone(),
            claim: claim.text.clone(),
            check_worthiness: round4(claim.check_worthiness),
            document: passage.document.clone(),
            paragraph: passage.paragraph,
            sentence: passage.sentence,
            source: passage.text.clone(),
            source_start: passage.start,
            source_end: passage.end,
            spans: claim.spans.clone(),
            subject: claim.subject.clone(),
            speaker: claim.speaker.clone(),
            is_list: claim.is_list,
            mentions: Mentions::of(&claim.text),
        }
    }
}

const SCORE: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

/// `0.92  claim`, then the indented line of id, place and mentions.
fn write_text_block(out: &mut dyn Write, listed: &ListedClaim, color: bool) -> Result<()> {
    let paint = |style: Style, text: &str| -> String {
        if color && !text.is_empty() {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    };
    let claim = listed.claim;
    let passage = listed.passage;
    writeln!(
        out,
        "{}  {}",
        paint(SCORE, &format!("{:.2}", claim.check_worthiness)),
        escape_control(&claim.text)
    )?;
    let mut items = vec![format!(
        "[{}] {}:{}:{}",
        escape_control(&listed.id),
        escape_control(&passage.document),
        passage.paragraph,
        passage.sentence
    )];
    let mentions = Mentions::of(&claim.text);
    for (name, texts) in [
        ("numbers", &mentions.quantities),
        ("dates", &mentions.dates),
        ("names", &mentions.entities),
        ("negations", &mentions.negations),
    ] {
        let mut shown: Vec<Cow<str>> = Vec::new();
        for text in texts {
            let text = escape_control(text);
            if !shown.contains(&text) {
                shown.push(text);
            }
        }
        if !shown.is_empty() {
            items.push(format!("{name}: {}", shown.join(", ")));
        }
    }
    if let Some(speaker) = &claim.speaker {
        items.push(format!("speaker: {}", escape_control(speaker)));
    }
    if claim.is_list {
        items.push("list".to_string());
    }
    writeln!(out, "      {}", paint(DIM, &items.join(" · ")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::PassageKind;

    const SOURCE: &str =
        "After a decade of war, Soviet forces withdrew 15,000 troops in February 1989.";

    fn passage() -> Passage {
        Passage {
            id: 7,
            document: "afghanistan.txt".to_string(),
            paragraph: 1,
            sentence: 2,
            start: 120,
            end: 120 + SOURCE.len(),
            kind: PassageKind::Sentence,
            text: SOURCE.to_string(),
            origin: None,
        }
    }

    fn withdrawal() -> Claim {
        let start = 120 + SOURCE.find("Soviet").unwrap();
        Claim {
            text: "Soviet forces withdrew 15,000 troops in February 1989".to_string(),
            passage: 7,
            spans: vec![(start, 120 + SOURCE.len() - 1)],
            subject: Some("Soviet forces".to_string()),
            speaker: None,
            is_list: false,
            check_worthiness: 0.923_456,
        }
    }

    fn denial() -> Claim {
        Claim {
            text: "The army did not\x07 retreat".to_string(),
            passage: 7,
            spans: vec![(120, 130), (140, 150)],
            subject: None,
            speaker: Some("Gorbachev".to_string()),
            is_list: true,
            check_worthiness: 0.4,
        }
    }

    fn write(claims: &[Claim], format: ClaimsFormat, color: bool) -> String {
        let passage = passage();
        let listed: Vec<ListedClaim> = claims
            .iter()
            .enumerate()
            .map(|(i, claim)| ListedClaim {
                id: format!("c{}", i + 1),
                claim,
                passage: &passage,
            })
            .collect();
        let mut out = Vec::new();
        write_claims(&mut out, &listed, format, color).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_gives_score_claim_place_and_mentions() {
        let text = write(&[withdrawal(), denial()], ClaimsFormat::Text, false);
        let expected = "\
0.92  Soviet forces withdrew 15,000 troops in February 1989
      [c1] afghanistan.txt:1:2 · numbers: 15,000 troops · dates: February 1989 · names: Soviet

0.40  The army did not\\u{7} retreat
      [c2] afghanistan.txt:1:2 · negations: not · speaker: Gorbachev · list
";
        crate::report::test_support::assert_text_eq(expected, &text);
    }

    #[test]
    fn text_colours_only_when_asked() {
        let plain = write(&[withdrawal()], ClaimsFormat::Text, false);
        assert!(!plain.contains('\x1b'));
        let coloured = write(&[withdrawal()], ClaimsFormat::Text, true);
        assert!(
            coloured.starts_with(&format!("{SCORE}0.92{SCORE:#}  Soviet")),
            "{coloured:?}"
        );
        assert!(coloured.contains(&format!("{DIM}[c1]")), "{coloured:?}");
    }

    #[test]
    fn jsonl_lines_have_every_key() {
        let text = write(&[withdrawal(), denial()], ClaimsFormat::Jsonl, false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(
            lines[0].starts_with(
                r#"{"id":"c1","claim":"Soviet forces withdrew 15,000 troops in February 1989","check_worthiness":0.9235,"document":"afghanistan.txt","paragraph":1,"sentence":2,"source":"After a decade"#
            ),
            "{}",
            lines[0]
        );
        let value: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(value["source"], SOURCE);
        assert_eq!(value["source_start"], 120);
        assert_eq!(value["source_end"], 120 + SOURCE.len());
        let start = 120 + SOURCE.find("Soviet").unwrap();
        assert_eq!(
            value["spans"],
            serde_json::json!([[start, 120 + SOURCE.len() - 1]])
        );
        assert_eq!(value["subject"], "Soviet forces");
        assert_eq!(value["speaker"], serde_json::Value::Null);
        assert_eq!(value["is_list"], false);
        assert_eq!(
            value["mentions"],
            serde_json::json!({
                "quantities": ["15,000 troops"],
                "dates": ["February 1989"],
                "entities": ["Soviet"],
                "negations": []
            })
        );
        let value: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(value["speaker"], "Gorbachev");
        assert_eq!(value["is_list"], true);
        assert_eq!(value["subject"], serde_json::Value::Null);
        assert_eq!(value["mentions"]["negations"], serde_json::json!(["not"]));
        assert_eq!(value["claim"], "The army did not\x07 retreat");
        let record: ClaimRecord = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(record.spans, [(120, 130), (140, 150)]);
    }

    #[test]
    fn jsonl_lines_are_batch_input() {
        let text = write(&[withdrawal(), denial()], ClaimsFormat::Jsonl, false);
        let (statement, _) = crate::input::parse_json_object(text.lines().next().unwrap())
            .map_err(|(_, kind)| kind.to_string())
            .unwrap();
        assert_eq!(statement.id.as_deref(), Some("c1"));
        assert_eq!(
            statement.claim,
            "Soviet forces withdrew 15,000 troops in February 1989"
        );
        let read: Vec<_> =
            crate::input::statements(text.as_bytes(), crate::input::InputFormat::Jsonl)
                .map(|statement| statement.map_err(|err| err.to_string()).unwrap())
                .collect();
        assert_eq!(read.len(), 2);
        assert_eq!(read[1].id.as_deref(), Some("c2"));
        assert_eq!(read[1].claim, "The army did not\x07 retreat");
    }

    #[test]
    fn jsonl_escapes_c1_controls() {
        let mut claim = withdrawal();
        claim.text = "Soviet\u{9b}2J forces".to_string();
        let text = write(&[claim], ClaimsFormat::Jsonl, false);
        assert!(!text.contains('\u{9b}'), "{text:?}");
        assert!(
            text.contains(r#""claim":"Soviet\u009b2J forces""#),
            "{text}"
        );
        let value: serde_json::Value = serde_json::from_str(text.trim_end()).unwrap();
        assert_eq!(value["claim"], "Soviet\u{9b}2J forces");
    }

    #[test]
    fn nothing_to_list_writes_nothing() {
        assert_eq!(write(&[], ClaimsFormat::Text, false), "");
        assert_eq!(write(&[], ClaimsFormat::Jsonl, false), "");
    }
}
