//! ClaimReview output: schema.org `ClaimReview` JSON-LD, one object per
//! statement, in one JSON array (`--format claimreview`), ready for a
//! `<script type="application/ld+json">` element of the page that
//! publishes the fact checks.
//!
//! # Rating mapping
//!
//! `reviewRating` is a `Rating` on a 1-to-5 scale (`worstRating` 1,
//! `bestRating` 5), the verdict in `alternateName` (the short text search
//! engines show) and the verdict's explanation in `ratingExplanation`:
//!
//! | verdict | `ratingValue` | `alternateName` |
//! |---------|---------------|-----------------|
//! | `supported` | 5 | `Supported` |
//! | `not_enough_info` | 3 | `Not enough info` |
//! | `conflicting` | 1 | `Conflicting` |
//!
//! 3 means "the corpus does not settle it", not "half true": read
//! `alternateName`, not the number, to tell the three apart.
//!
//! # Fields
//!
//! Google's ClaimReview documentation requires `claimReviewed`,
//! `reviewRating` (with `alternateName`; `ratingValue`, `bestRating` and
//! `worstRating` recommended), `url` and `author`, and recommends
//! `datePublished` and `itemReviewed` (a `Claim`, with its `author`,
//! `datePublished` and `appearance`). This writer gives:
//!
//! - `claimReviewed`: the statement;
//! - `reviewRating`: as above;
//! - `itemReviewed`: `{"@type": "Claim"}`, with `author` from
//!   `--claim-author` and `appearance` from `--appearance` when given (the
//!   claim's own date is not known, so it has no `datePublished`);
//! - `author`: `{"@type": "Organization", "name": --author}`;
//! - `datePublished`: `--date`, or today in UTC, as `YYYY-MM-DD`;
//! - `url`: `--url`, with `{id}` replaced by the statement's id
//!   (percent-encoded), or its 1-based position when it has none.
//!
//! - `isBasedOn`: only when the statement matched a fact-checker's
//!   reviewed claim (a `*.claims.jsonl` line of the corpus): that review,
//!   as a `ClaimReview` with its `claimReviewed`, its `reviewRating`
//!   (mapped as above, the reviewer's note in `ratingExplanation`), and its
//!   source as `url` when it is an `http(s)` URL, else as the `author`
//!   organisation's name.
//!
//! A compound statement's parts have no ClaimReview field; the rating is
//! the whole statement's.
//!
//! A statement that could not be read or checked has no rating, so it
//! gives no ClaimReview (its error is on stderr, as in every format).

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Result;
use serde::{Deserialize, Serialize};

use super::{Checked, Report};
use crate::ingest::ReviewedClaim;
use crate::verdict::Label;

/// Why `--format claimreview` cannot run without a publisher.
pub const MISSING_PUBLISHER: &str = "--format claimreview needs --author NAME and --url URL\n\n\
Google requires both in a ClaimReview: who publishes the fact check, and the page it is on. \
Example: --author \"Example Checks\" --url \"https://example.org/checks/{id}\"";

/// The worst and best `ratingValue`.
pub const WORST_RATING: u8 = 1;
pub const BEST_RATING: u8 = 5;

/// The rating of a verdict: `ratingValue` and `alternateName` (see the
/// module docs for the mapping).
pub fn rating(label: Label) -> (u8, &'static str) {
    match label {
        Label::Supported => (5, "Supported"),
        Label::NotEnoughInfo => (3, "Not enough info"),
        Label::Conflicting => (1, "Conflicting"),
    }
}

/// Who publishes the reviews, when, and about whose claims.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewOptions {
    /// The fact-checking organisation (`author.name`).
    pub author: String,
    /// The page of the review; `{id}` is replaced per statement.
    pub url: String,
    /// `datePublished`, `YYYY-MM-DD`.
    pub date: String,
    /// Who made the claims (`itemReviewed.author.name`).
    pub claim_author: Option<String>,
    /// Where the claims appeared (`itemReviewed.appearance.url`).
    pub appearance: Option<String>,
}

/// One `ClaimReview` object.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimReview {
    #[serde(rename = "@context")]
    pub context: String,
    #[serde(rename = "@type")]
    pub kind: String,
    pub url: String,
    pub claim_reviewed: String,
    pub item_reviewed: Claim,
    pub author: Thing,
    pub date_published: String,
    pub review_rating: Rating,
    /// The fact-checker's earlier review the statement matched, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_based_on: Option<PriorReview>,
}

/// A fact-checker's earlier review ([`ReviewedClaim`]) as the `isBasedOn`
/// of a [`ClaimReview`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriorReview {
    #[serde(rename = "@type")]
    pub kind: String,
    pub claim_reviewed: String,
    pub review_rating: Rating,
    /// The review's source, when it is an `http(s)` URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The review's source, when it is a name rather than a URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Thing>,
}

impl PriorReview {
    pub fn new(review: &ReviewedClaim) -> PriorReview {
        let (value, name) = rating(review.verdict);
        let source = review.source.as_deref().map(str::trim);
        let is_url = |text: &str| text.starts_with("https://") || text.starts_with("http://");
        PriorReview {
            kind: "ClaimReview".to_string(),
            claim_reviewed: review.claim.clone(),
            review_rating: Rating {
                kind: "Rating".to_string(),
                rating_value: value,
                best_rating: BEST_RATING,
                worst_rating: WORST_RATING,
                alternate_name: name.to_string(),
                rating_explanation: match &review.note {
                    Some(note) if !note.trim().is_empty() => note.clone(),
                    _ => name.to_string(),
                },
            },
            url: source.filter(|s| is_url(s)).map(str::to_string),
            author: source
                .filter(|s| !s.is_empty() && !is_url(s))
                .map(|name| Thing {
                    kind: "Organization".to_string(),
                    name: Some(name.to_string()),
                    url: None,
                }),
        }
    }
}

/// The `itemReviewed` of a review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    #[serde(rename = "@type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Thing>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appearance: Option<Thing>,
}

/// A typed thing with a name or a url: an `Organization`, a `Person`, a
/// `CreativeWork`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thing {
    #[serde(rename = "@type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The `reviewRating` of a review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rating {
    #[serde(rename = "@type")]
    pub kind: String,
    pub rating_value: u8,
    pub best_rating: u8,
    pub worst_rating: u8,
    pub alternate_name: String,
    pub rating_explanation: String,
}

impl ClaimReview {
    /// The review of one checked statement, `position` 1-based; None when
    /// it has no verdict.
    pub fn new(checked: &Checked, position: usize, options: &ReviewOptions) -> Option<ClaimReview> {
        let verdict = checked.outcome.as_ref().ok()?;
        let (value, name) = rating(verdict.label);
        let id = match &checked.id {
            Some(id) => percent_encode(id),
            None => position.to_string(),
        };
        Some(ClaimReview {
            context: "https://schema.org".to_string(),
            kind: "ClaimReview".to_string(),
            url: options.url.replace("{id}", &id),
            claim_reviewed: checked.claim.clone(),
            item_reviewed: Claim {
                kind: "Claim".to_string(),
                author: options.claim_author.as_ref().map(|name| Thing {
                    kind: "Person".to_string(),
                    name: Some(name.clone()),
                    url: None,
                }),
                appearance: options.appearance.as_ref().map(|url| Thing {
                    kind: "CreativeWork".to_string(),
                    name: None,
                    url: Some(url.clone()),
                }),
            },
            author: Thing {
                kind: "Organization".to_string(),
                name: Some(options.author.clone()),
                url: None,
            },
            date_published: options.date.clone(),
            review_rating: Rating {
                kind: "Rating".to_string(),
                rating_value: value,
                best_rating: BEST_RATING,
                worst_rating: WORST_RATING,
                alternate_name: name.to_string(),
                rating_explanation: if verdict.explanation.is_empty() {
                    name.to_string()
                } else {
                    verdict.explanation.clone()
                },
            },
            is_based_on: verdict.review.as_ref().map(PriorReview::new),
        })
    }
}

/// Every byte but ASCII letters, digits and `-._~` as `%XX`, so an id is
/// safe in a URL path or fragment.
fn percent_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today_utc() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    date_of_unix_day(seconds / 86_400)
}

/// The calendar date of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`), so a date needs no dependency.
fn date_of_unix_day(days: u64) -> String {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// One pretty-printed JSON array of [`ClaimReview`]s, written as the
/// statements come.
pub struct ClaimReviews<W> {
    out: W,
    options: ReviewOptions,
    position: usize,
    written: usize,
}

impl<W: Write> ClaimReviews<W> {
    pub fn new(out: W, options: ReviewOptions) -> ClaimReviews<W> {
        ClaimReviews {
            out,
            options,
            position: 0,
            written: 0,
        }
    }
}

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` (which
/// could close the element, `</script>`, or open a comment) and the C1
/// controls, DEL and U+2028/U+2029 written as `\u003c` and so on. These
/// characters occur only inside JSON strings, where the escape means the
/// same character.
fn script_safe(json: &str) -> String {
    let mut safe = String::with_capacity(json.len());
    for c in json.chars() {
        if matches!(
            c,
            '<' | '>' | '&' | '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}'
        ) {
            safe.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            safe.push(c);
        }
    }
    safe
}

impl<W: Write> Report for ClaimReviews<W> {
    fn begin(&mut self) -> Result<()> {
        self.out.write_all(b"[")?;
        Ok(())
    }

    fn verdict(&mut self, checked: &Checked) -> Result<()> {
        self.position += 1;
        let Some(review) = ClaimReview::new(checked, self.position, &self.options) else {
            return Ok(());
        };
        let pretty = script_safe(&serde_json::to_string_pretty(&review)?);
        self.out
            .write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        // JSON strings hold no raw newlines, so indenting lines is safe.
        for (i, line) in pretty.lines().enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
            }
            write!(self.out, "  {line}")?;
        }
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.out
            .write_all(if self.written == 0 { b"]\n" } else { b"\n]\n" })?;
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support;

    fn options() -> ReviewOptions {
        ReviewOptions {
            author: "Example Checks".to_string(),
            url: "https://example.org/checks/{id}".to_string(),
            date: "2026-03-01".to_string(),
            claim_author: None,
            appearance: None,
        }
    }

    #[test]
    fn statement_cannot_close_the_script_element() {
        let hostile = "</script><script>alert(1)</script> & <!-- \u{9b}31m \u{2028}";
        assert_eq!(
            script_safe(&serde_json::to_string(hostile).unwrap()),
            "\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\u003c!-- \\u009b31m \\u2028\""
        );
        let back: String =
            serde_json::from_str(&script_safe(&serde_json::to_string(hostile).unwrap())).unwrap();
        assert_eq!(back, hostile);
    }

    fn write(options: ReviewOptions) -> serde_json::Value {
        let mut out = Vec::new();
        {
            let mut report = ClaimReviews::new(&mut out, options);
            report.begin().unwrap();
            for checked in test_support::batch() {
                report.verdict(&checked).unwrap();
            }
            report.finish().unwrap();
        }
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn has_every_field_google_requires_and_recommends() {
        let reviews = write(options());
        let reviews = reviews.as_array().unwrap();
        // The statement that could not be read gives no review.
        assert_eq!(reviews.len(), 2);
        for review in reviews {
            assert_eq!(review["@context"], "https://schema.org");
            assert_eq!(review["@type"], "ClaimReview");
            for field in ["claimReviewed", "url", "datePublished"] {
                assert!(review[field].is_string(), "{field}: {review}");
            }
            assert_eq!(review["author"]["@type"], "Organization");
            assert_eq!(review["author"]["name"], "Example Checks");
            assert_eq!(review["itemReviewed"]["@type"], "Claim");
            let rating = &review["reviewRating"];
            assert_eq!(rating["@type"], "Rating");
            for field in ["alternateName", "ratingExplanation"] {
                assert!(rating[field].is_string(), "{field}: {rating}");
            }
            for field in ["ratingValue", "bestRating", "worstRating"] {
                assert!(rating[field].is_u64(), "{field}: {rating}");
            }
            assert!(rating["worstRating"].as_u64() <= rating["ratingValue"].as_u64());
            assert!(rating["ratingValue"].as_u64() <= rating["bestRating"].as_u64());
        }
        assert_eq!(
            reviews[0]["claimReviewed"],
            "150 people died in the Moscow attack"
        );
        assert_eq!(reviews[0]["url"], "https://example.org/checks/d011");
        assert_eq!(reviews[0]["datePublished"], "2026-03-01");
        assert_eq!(reviews[0]["reviewRating"]["alternateName"], "Conflicting");
        assert_eq!(reviews[0]["reviewRating"]["ratingValue"], 1);
        assert_eq!(
            reviews[0]["reviewRating"]["ratingExplanation"],
            "The corpus says 149 people, not 150."
        );
        assert_eq!(
            reviews[1]["reviewRating"]["alternateName"],
            "Not enough info"
        );
    }

    #[test]
    fn claim_author_and_appearance_fill_item_reviewed() {
        let mut options = options();
        options.claim_author = Some("Jane Doe".to_string());
        options.appearance = Some("https://example.com/speech".to_string());
        let reviews = write(options);
        let claim = &reviews[0]["itemReviewed"];
        assert_eq!(claim["author"]["name"], "Jane Doe");
        assert_eq!(claim["appearance"]["url"], "https://example.com/speech");
        let typed: Vec<ClaimReview> = serde_json::from_value(reviews).unwrap();
        assert_eq!(typed[0].item_reviewed.kind, "Claim");
    }

    #[test]
    fn matched_review_becomes_is_based_on() {
        let review = ClaimReview::new(&test_support::compound(), 1, &options()).unwrap();
        let value = serde_json::to_value(&review).unwrap();
        assert_eq!(
            value["isBasedOn"],
            serde_json::json!({
                "@type": "ClaimReview",
                "claimReviewed": "The Soviet Union left Afghanistan in 1992",
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": 1,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": "Conflicting",
                    "ratingExplanation": "the withdrawal ended in February 1989"
                },
                "author": {"@type": "Organization", "name": "Example Checks"}
            })
        );
        let typed: ClaimReview = serde_json::from_value(value).unwrap();
        assert_eq!(typed, review);
        // Statements without a review have no isBasedOn at all.
        assert!(write(options())[0].get("isBasedOn").is_none());
    }

    #[test]
    fn review_source_url_becomes_the_url() {
        let mut reviewed = test_support::compound_verdict().review.unwrap();
        reviewed.source = Some("https://example.org/checks/42".to_string());
        reviewed.note = None;
        let prior = PriorReview::new(&reviewed);
        assert_eq!(prior.url.as_deref(), Some("https://example.org/checks/42"));
        assert_eq!(prior.author, None);
        assert_eq!(prior.review_rating.rating_explanation, "Conflicting");
        reviewed.source = None;
        let prior = PriorReview::new(&reviewed);
        assert_eq!((prior.url, prior.author), (None, None));
    }

    #[test]
    fn mapping_orders_the_verdicts() {
        let value = |label| rating(label).0;
        assert_eq!(value(Label::Supported), BEST_RATING);
        assert_eq!(value(Label::Conflicting), WORST_RATING);
        assert!(value(Label::NotEnoughInfo) > WORST_RATING);
        assert!(value(Label::NotEnoughInfo) < BEST_RATING);
    }

    #[test]
    fn url_gets_the_encoded_id_or_the_position() {
        let checked = Checked {
            id: Some("a b/1".to_string()),
            claim: "x".to_string(),
            outcome: Ok(test_support::conflicting_verdict()),
        };
        let review = ClaimReview::new(&checked, 4, &options()).unwrap();
        assert_eq!(review.url, "https://example.org/checks/a%20b%2F1");
        let checked = Checked {
            id: None,
            ..checked
        };
        let review = ClaimReview::new(&checked, 4, &options()).unwrap();
        assert_eq!(review.url, "https://example.org/checks/4");
    }

    #[test]
    fn unix_days_become_calendar_dates() {
        assert_eq!(date_of_unix_day(0), "1970-01-01");
        assert_eq!(date_of_unix_day(11_016), "2000-02-29");
        assert_eq!(date_of_unix_day(20_513), "2026-03-01");
        assert_eq!(today_utc().len(), 10);
    }
}
