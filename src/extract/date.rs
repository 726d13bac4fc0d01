//! Dates: years, months, days, decades, and relative expressions.

use super::Token;

/// How a date relates its event to the point in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateRelation {
    /// in 1979, on 3 May 2024.
    At,
    /// since 2003, from 2003.
    Since,
    /// until 2024, through 2024.
    Until,
    /// before 1990.
    Before,
    /// after 1750.
    After,
}

/// A date found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    /// Byte span of the date expression (relation word excluded).
    pub start: usize,
    pub end: usize,
    pub first_token: usize,
    pub end_token: usize,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// `the 1980s`: `year` is the first year of the decade.
    pub is_decade: bool,
    /// The last year of a range (`between 1987 and 1991`).
    pub end_year: Option<i32>,
    /// `last year`, `this year`, `next month`: kept as written, lower case.
    pub relative: Option<String>,
    pub relation: DateRelation,
}

/// Whether a passage's date agrees with a statement's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateMatch {
    /// The same date, or one inside the other's range.
    Same,
    /// The statement gives a detail (day, month) the passage does not.
    MissingDetail,
    /// A year, month or day differs.
    Differs,
    /// They cannot be compared (e.g. a relative date with no document date).
    Unknown,
}

/// Finds the dates in `text`.
pub fn find_dates(_text: &str, tokens: &[Token]) -> Vec<DateMention> {
    // Placeholder: four-digit years only.
    tokens
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let year: i32 = t.text.parse().ok()?;
            (t.text.len() == 4 && (1000..=2100).contains(&year)).then(|| DateMention {
                start: t.start,
                end: t.end,
                first_token: i,
                end_token: i + 1,
                year: Some(year),
                month: None,
                day: None,
                is_decade: false,
                end_year: None,
                relative: None,
                relation: DateRelation::At,
            })
        })
        .collect()
}

/// Compares a statement's date with a passage's.
pub fn compare_dates(statement: &DateMention, passage: &DateMention) -> DateMatch {
    if statement.year == passage.year {
        DateMatch::Same
    } else {
        DateMatch::Differs
    }
}
