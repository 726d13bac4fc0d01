//! Dates: years, months, days, decades, year ranges and relative expressions
//! (`last year`, `on Monday`), each with the relation its preposition gives
//! it (`since 2003`, `before 1990`).
//!
//! Dates are found before quantities, so that `in 1979` is a year and not the
//! number 1979; [`super::find_quantities`] skips every token a date covers.
//! The rules are general English ones: a four-digit number is a year when a
//! preposition, a month or its position says so, and not when a counted noun
//! follows it (`1989 people`).

use super::{Token, TokenKind};

/// Lowest and highest numbers read as a year. Wide enough for history
/// articles (the Norman conquest) and plans a few decades ahead.
const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1000..=2100;

/// Years a bare four-digit number is taken to be when no context decides:
/// below 1500 a bare number is more often a count (`1200 soldiers`).
const BARE_YEAR_RANGE: std::ops::RangeInclusive<i32> = 1500..=2100;

/// How a date relates its event to the point in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateRelation {
    /// in 1979, on 3 May 2024, during the 1980s, between 1987 and 1991.
    At,
    /// since 2003, from 2003.
    Since,
    /// until 2024, through 2024, to 2024.
    Until,
    /// before 1990, by 1990, prior to 1990.
    Before,
    /// after 1750.
    After,
}

/// A date found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    /// Byte span of the date expression (relation word excluded; a modifier
    /// such as `late` in `late 2028` or a weekday before a date included).
    pub start: usize,
    pub end: usize,
    /// Index of the first token of the expression.
    pub first_token: usize,
    /// Index one past the last token of the expression.
    pub end_token: usize,
    pub year: Option<i32>,
    /// 1 to 12.
    pub month: Option<u32>,
    /// 1 to 31.
    pub day: Option<u32>,
    /// `the 1980s`: `year` is the first year of the decade.
    pub is_decade: bool,
    /// The last year of a range (`between 1987 and 1991`, `1987–91`).
    pub end_year: Option<i32>,
    /// `last year`, `this year`, `yesterday`, `monday`, `two years ago`:
    /// the expression as written, lower case. `year` is then `None`.
    pub relative: Option<String>,
    pub relation: DateRelation,
}

/// Whether a passage's date agrees with a statement's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateMatch {
    /// The same date, one inside the other's range, or a passage date that
    /// satisfies the statement's relation (`after 1750` and 1773).
    Same,
    /// Consistent, but the statement is more precise than the passage: it
    /// gives a day or month the passage does not (`February 1989` and
    /// `1989`), or a date the passage only bounds (`1980` and `before 1990`).
    MissingDetail,
    /// A year, month or day differs.
    Differs,
    /// They cannot be compared (e.g. a relative date with no document date).
    Unknown,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month a full month name or a capitalized abbreviation names.
fn month_name(token: &Token) -> Option<u32> {
    if token.kind != TokenKind::Word {
        return None;
    }
    if let Some(index) = MONTHS.iter().position(|m| *m == token.lower) {
        return u32::try_from(index + 1).ok();
    }
    if !token.is_capitalized {
        return None;
    }
    let month = match token.lower.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(month)
}

fn is_abbreviation(token: &Token) -> bool {
    token.kind == TokenKind::Word && !MONTHS.contains(&token.lower.as_str())
}

fn is_weekday(token: &Token) -> bool {
    token.kind == TokenKind::Word && WEEKDAYS.contains(&token.lower.as_str())
}

fn lower_at(tokens: &[Token], index: usize) -> &str {
    tokens.get(index).map_or("", |t| t.lower.as_str())
}

/// The word before `index`, lower case, or "" at the start.
fn lower_before(tokens: &[Token], index: usize) -> &str {
    index.checked_sub(1).map_or("", |i| lower_at(tokens, i))
}

/// `index` starts a sentence: first token, or after `.`, `!`, `?`, or a
/// quotation mark or bracket that itself starts a sentence.
fn starts_sentence(tokens: &[Token], index: usize) -> bool {
    let mut i = index;
    while let Some(p) = i.checked_sub(1) {
        match tokens[p].text.as_str() {
            "." | "!" | "?" | ":" | ";" => return true,
            "\"" | "“" | "(" | "'" | "‘" | "[" => i = p,
            _ => return false,
        }
    }
    true
}

/// A four-digit number token as written (no separators, no letters).
fn four_digits(token: &Token) -> Option<i32> {
    if token.kind != TokenKind::Number
        || token.text.len() != 4
        || !token.text.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    token.text.parse().ok().filter(|y| YEAR_RANGE.contains(y))
}

/// `1980s`: a four-digit year ending in 0 with an `s`.
fn decade(token: &Token) -> Option<i32> {
    let digits = token.text.strip_suffix('s')?;
    if token.kind != TokenKind::Number
        || digits.len() != 4
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    (YEAR_RANGE.contains(&year) && year % 10 == 0).then_some(year)
}

/// A day of the month: `3`, `03`, `3rd`, `21st`.
fn day_number(token: &Token) -> Option<(u32, bool)> {
    if token.kind != TokenKind::Number {
        return None;
    }
    let digits_end = token
        .text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(token.text.len());
    let (digits, suffix) = token.text.split_at(digits_end);
    let is_ordinal = matches!(suffix.to_lowercase().as_str(), "st" | "nd" | "rd" | "th");
    if digits.is_empty() || digits.len() > 2 || !(suffix.is_empty() || is_ordinal) {
        return None;
    }
    let day: u32 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some((day, is_ordinal))
}

/// Words before a year that make it one even before a counted noun.
fn is_strong_year_context(word: &str) -> bool {
    matches!(
        word,
        "in" | "since"
            | "until"
            | "till"
            | "during"
            | "before"
            | "after"
            | "year"
            | "circa"
            | "early"
            | "late"
            | "mid"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
    )
}

/// Words before a number that make it a count, not a year (`than 2000`).
fn is_quantity_context(word: &str) -> bool {
    matches!(
        word,
        "than"
            | "about"
            | "around"
            | "approximately"
            | "roughly"
            | "nearly"
            | "almost"
            | "some"
            | "over"
            | "under"
            | "estimated"
            | "least"
            | "most"
            | "additional"
            | "another"
            | "$"
            | "€"
            | "£"
            | "¥"
            | "#"
            | "no"
    )
}

/// Words after a number that make it a count: scale, unit, currency and
/// common counted nouns. General English, not tied to any article.
fn is_counted_word(word: &str) -> bool {
    matches!(
        word,
        "%" | "percent"
            | "per"
            | "hundred"
            | "thousand"
            | "million"
            | "billion"
            | "trillion"
            | "dollars"
            | "euros"
            | "pounds"
            | "people"
            | "persons"
            | "men"
            | "women"
            | "children"
            | "soldiers"
            | "troops"
            | "victims"
            | "deaths"
            | "casualties"
            | "residents"
            | "workers"
            | "employees"
            | "members"
            | "refugees"
            | "civilians"
            | "cases"
            | "votes"
            | "homes"
            | "houses"
            | "jobs"
            | "years"
            | "months"
            | "weeks"
            | "days"
            | "hours"
            | "km"
            | "kilometres"
            | "kilometers"
            | "miles"
            | "metres"
            | "meters"
            | "feet"
            | "tonnes"
            | "tons"
    )
}

/// A lower-case word that looks like a plural noun (`lives`, `elections`).
fn looks_plural(token: &Token) -> bool {
    token.kind == TokenKind::Word
        && !token.is_capitalized
        && token.lower.len() > 3
        && token.lower.ends_with('s')
        && !token.lower.ends_with("ss")
        && !token.lower.ends_with("us")
        && !token.lower.ends_with("is")
}

/// Whether the four-digit number at `index` is a year in its context.
fn is_year_in_context(tokens: &[Token], index: usize, year: i32) -> bool {
    let before = lower_before(tokens, index);
    let next = tokens.get(index + 1);
    let next_lower = lower_at(tokens, index + 1);
    // A unit or scale right after is never a year: `2000 years`, `1500%`.
    if matches!(
        next_lower,
        "%" | "percent"
            | "hundred"
            | "thousand"
            | "million"
            | "billion"
            | "years"
            | "months"
            | "weeks"
            | "days"
    ) {
        return false;
    }
    // `1980 s` is not a thing, but `1,980` and `$2000` are counts.
    if is_quantity_context(before) {
        return false;
    }
    if is_strong_year_context(before)
        || index
            .checked_sub(1)
            .and_then(|p| month_name(&tokens[p]))
            .is_some()
    {
        return true;
    }
    if is_counted_word(next_lower) {
        return false;
    }
    let after_determiner = matches!(
        before,
        "the" | "a" | "an" | "this" | "that" | "its" | "their"
    );
    if !after_determiner && next.is_some_and(looks_plural) {
        return false;
    }
    let weak = matches!(
        before,
        "between" | "from" | "of" | "to" | "and" | "through" | "by" | "c" | "ca" | "the"
    );
    weak || BARE_YEAR_RANGE.contains(&year)
}

/// The end of a year range after a year at `index`: `–1991`, `-91`,
/// `to 1991`, `and 1991` (when `between` came before).
fn range_end(
    tokens: &[Token],
    index: usize,
    year: i32,
    after_between: bool,
) -> Option<(i32, usize)> {
    let link = tokens.get(index + 1)?;
    let is_dash = matches!(link.text.as_str(), "-" | "–" | "—");
    let is_word_link = match link.lower.as_str() {
        "and" => after_between,
        "to" | "until" | "till" | "through" | "thru" => !after_between,
        _ => false,
    };
    if !is_dash && !is_word_link {
        return None;
    }
    let end = tokens.get(index + 2)?;
    if end.kind != TokenKind::Number {
        return None;
    }
    let end_year = if let Some(full) = four_digits(end) {
        full
    } else if is_dash && end.text.len() == 2 && end.text.bytes().all(|b| b.is_ascii_digit()) {
        // `1987–91`: the century of the start year.
        let short: i32 = end.text.parse().ok()?;
        year - year % 100 + short
    } else {
        return None;
    };
    // A counted noun after the end makes it a quantity range (`1500-2000 people`).
    if tokens
        .get(index + 3)
        .is_some_and(|t| is_counted_word(&t.lower))
    {
        return None;
    }
    (end_year > year).then_some((end_year, index + 3))
}

/// The relation given by the words before the token at `index`.
fn relation_before(tokens: &[Token], index: usize, is_range: bool) -> DateRelation {
    let mut p = index;
    while p > 0
        && matches!(
            tokens[p - 1].lower.as_str(),
            "the" | "early" | "late" | "mid" | "-"
        )
    {
        p -= 1;
    }
    // "following the March 2024 attack", "after the 2003 ban": with a
    // determiner in between, the date names the noun after it, and the
    // word before relates some other event to that noun. A decade keeps
    // its relation ("since the 1980s").
    let has_determiner = tokens[p..index].iter().any(|t| t.lower == "the");
    let is_decade = tokens
        .get(index)
        .is_some_and(|t| t.kind == super::TokenKind::Number && t.lower.ends_with('s'));
    if has_determiner && !is_decade {
        return DateRelation::At;
    }
    let before = lower_before(tokens, p);
    let two_before = p.checked_sub(1).map_or("", |q| lower_before(tokens, q));
    match before {
        "since" => DateRelation::Since,
        "from" if is_range => DateRelation::At,
        "from" => DateRelation::Since,
        "to" if two_before == "prior" => DateRelation::Before,
        "until" | "till" | "til" | "through" | "thru" | "to" => DateRelation::Until,
        "before" | "by" => DateRelation::Before,
        "of" if two_before == "ahead" => DateRelation::Before,
        "after" | "following" => DateRelation::After,
        _ => DateRelation::At,
    }
}

/// What the date parsers return: the date's fields, its token range.
struct Parsed {
    first: usize,
    end: usize,
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    is_decade: bool,
    end_year: Option<i32>,
    is_relative: bool,
}

impl Parsed {
    fn new(first: usize, end: usize) -> Parsed {
        Parsed {
            first,
            end,
            year: None,
            month: None,
            day: None,
            is_decade: false,
            end_year: None,
            is_relative: false,
        }
    }
}

/// A following year for a month (`March 2024`, `May 3, 2024`, `March of 2024`).
fn year_after(tokens: &[Token], index: usize) -> Option<(i32, usize)> {
    let mut i = index;
    if matches!(lower_at(tokens, i), "," | "of") {
        i += 1;
    }
    let year = four_digits(tokens.get(i)?)?;
    Some((year, i + 1))
}

/// A month name at `index` is a month here (not the modal `may`, not the
/// verb `march` opening a sentence).
fn month_is_plausible(tokens: &[Token], index: usize, followed_by_date: bool) -> bool {
    let token = &tokens[index];
    if followed_by_date && (token.is_capitalized || token.lower != "may") {
        return true;
    }
    if is_abbreviation(token) {
        // `Jan.` alone could be a name; with its period it is a month.
        return tokens
            .get(index + 1)
            .is_some_and(|t| t.text == "." && t.is_joined);
    }
    if !token.is_capitalized {
        return false;
    }
    let ambiguous =
        token.lower == "may" || (token.lower == "march" && starts_sentence(tokens, index));
    if !ambiguous {
        return true;
    }
    matches!(
        lower_before(tokens, index),
        "in" | "on"
            | "since"
            | "of"
            | "last"
            | "next"
            | "this"
            | "early"
            | "late"
            | "mid"
            | "-"
            | "by"
            | "until"
            | "till"
            | "before"
            | "after"
            | "from"
            | "through"
            | "during"
    )
}

/// A date starting with a month: `May 3, 2024`, `March 2024`, `in March`.
fn parse_month_first(tokens: &[Token], index: usize) -> Option<Parsed> {
    let month = month_name(tokens.get(index)?)?;
    let mut next = index + 1;
    if is_abbreviation(&tokens[index]) && tokens.get(next).is_some_and(|t| t.text == ".") {
        next += 1;
    }
    let mut parsed = Parsed::new(index, next);
    parsed.month = Some(month);
    if let Some((day, is_ordinal)) = tokens.get(next).and_then(day_number) {
        // `In March 15 people died`: after a month-level preposition a plain
        // number before a noun is a count; `March 15 marks` and `on March 15`
        // are days.
        let after = tokens.get(next + 1);
        let month_preposition = matches!(
            lower_before(tokens, index),
            "in" | "during" | "since" | "by" | "until" | "through" | "of" | "early" | "late"
        );
        let is_count = !is_ordinal
            && month_preposition
            && after.is_some_and(|t| {
                t.kind == TokenKind::Word && !t.is_capitalized && !is_stop(&t.lower)
            });
        if !is_count {
            parsed.day = Some(day);
            parsed.end = next + 1;
        }
    }
    if let Some((year, end)) = year_after(tokens, parsed.end) {
        if parsed.day.is_some() || lower_at(tokens, parsed.end) != "," {
            parsed.year = Some(year);
            parsed.end = end;
        }
    }
    let followed_by_date = parsed.day.is_some() || parsed.year.is_some();
    month_is_plausible(tokens, index, followed_by_date).then_some(parsed)
}

/// A date starting with a day: `3 May 2024`, `3rd of May`.
fn parse_day_first(tokens: &[Token], index: usize) -> Option<Parsed> {
    let (day, _) = day_number(tokens.get(index)?)?;
    let mut m = index + 1;
    if lower_at(tokens, m) == "of" {
        m += 1;
    }
    let month_token = tokens.get(m)?;
    let month = month_name(month_token)?;
    if !month_token.is_capitalized {
        return None;
    }
    let mut parsed = Parsed::new(index, m + 1);
    if is_abbreviation(month_token) && tokens.get(m + 1).is_some_and(|t| t.text == ".") {
        parsed.end += 1;
    }
    parsed.day = Some(day);
    parsed.month = Some(month);
    if let Some((year, end)) = year_after(tokens, parsed.end) {
        parsed.year = Some(year);
        parsed.end = end;
    }
    Some(parsed)
}

/// A year, decade or year range at `index`.
fn parse_year(tokens: &[Token], index: usize) -> Option<Parsed> {
    let token = tokens.get(index)?;
    if let Some(start) = decade(token) {
        let mut parsed = Parsed::new(index, index + 1);
        parsed.year = Some(start);
        parsed.is_decade = true;
        return Some(parsed);
    }
    // `1980's`
    if let Some(start) = four_digits(token) {
        let apostrophe = tokens
            .get(index + 1)
            .is_some_and(|t| matches!(t.text.as_str(), "'" | "’") && t.is_joined);
        let s = tokens
            .get(index + 2)
            .is_some_and(|t| t.lower == "s" && t.is_joined);
        if apostrophe && s && start % 10 == 0 {
            let mut parsed = Parsed::new(index, index + 3);
            parsed.year = Some(start);
            parsed.is_decade = true;
            return Some(parsed);
        }
    }
    let year = four_digits(token)?;
    let after_between = lower_before(tokens, index) == "between";
    if let Some((end_year, end)) = range_end(tokens, index, year, after_between) {
        let mut parsed = Parsed::new(index, end);
        parsed.year = Some(year);
        parsed.end_year = Some(end_year);
        return Some(parsed);
    }
    let and_number = lower_at(tokens, index + 1) == "and"
        && tokens
            .get(index + 2)
            .is_some_and(|t| t.kind == TokenKind::Number);
    if after_between && and_number {
        // `between 1500 and 2000 people` is a quantity range.
        return None;
    }
    if !is_year_in_context(tokens, index, year) {
        return None;
    }
    let mut parsed = Parsed::new(index, index + 1);
    parsed.year = Some(year);
    Some(parsed)
}

fn is_stop(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "and"
            | "or"
            | "but"
            | "was"
            | "were"
            | "is"
            | "are"
            | "when"
            | "as"
            | "that"
            | "with"
            | "by"
    )
}

fn is_time_unit(word: &str) -> bool {
    matches!(
        word,
        "year"
            | "years"
            | "month"
            | "months"
            | "week"
            | "weeks"
            | "day"
            | "days"
            | "decade"
            | "decades"
    )
}

fn is_small_count_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "eleven"
            | "twelve"
            | "several"
            | "few"
            | "many"
            | "some"
    )
}

/// `last year`, `yesterday`, `on Monday`, `two years ago`.
fn parse_relative(tokens: &[Token], index: usize) -> Option<Parsed> {
    let token = tokens.get(index)?;
    let word = token.lower.as_str();
    let mut parsed = Parsed::new(index, index + 1);
    parsed.is_relative = true;
    if matches!(word, "yesterday" | "today" | "tomorrow" | "tonight") {
        return Some(parsed);
    }
    if is_weekday(token)
        && (token.is_capitalized
            || matches!(lower_before(tokens, index), "on" | "last" | "next" | "this"))
    {
        return Some(parsed);
    }
    if matches!(
        word,
        "last" | "this" | "next" | "past" | "coming" | "previous"
    ) {
        let next = tokens.get(index + 1)?;
        let unit = matches!(
            next.lower.as_str(),
            "year"
                | "month"
                | "week"
                | "weekend"
                | "spring"
                | "summer"
                | "autumn"
                | "fall"
                | "winter"
        );
        if unit || is_weekday(next) {
            parsed.end = index + 2;
            return Some(parsed);
        }
        if let Some(month) = month_name(next).filter(|_| next.is_capitalized) {
            parsed.month = Some(month);
            parsed.end = index + 2;
            return Some(parsed);
        }
        return None;
    }
    // `two years ago`, `3 months ago`
    let count = token.kind == TokenKind::Number || is_small_count_word(word);
    if count && is_time_unit(lower_at(tokens, index + 1)) && lower_at(tokens, index + 2) == "ago" {
        parsed.end = index + 3;
        return Some(parsed);
    }
    None
}

/// Any date starting at `index`, modifiers (`late`, `mid-`) included.
fn parse_at(tokens: &[Token], index: usize) -> Option<Parsed> {
    let word = lower_at(tokens, index);
    if matches!(word, "early" | "late" | "mid") {
        let core = if lower_at(tokens, index + 1) == "-" {
            index + 2
        } else {
            index + 1
        };
        if let Some(mut parsed) = parse_absolute(tokens, core) {
            parsed.first = index;
            return Some(parsed);
        }
    }
    if is_weekday(&tokens[index]) {
        let mut next = index + 1;
        if lower_at(tokens, next) == "," {
            next += 1;
        }
        if let Some(mut parsed) = parse_absolute(tokens, next) {
            parsed.first = index;
            return Some(parsed);
        }
    }
    parse_relative(tokens, index).or_else(|| parse_absolute(tokens, index))
}

fn parse_absolute(tokens: &[Token], index: usize) -> Option<Parsed> {
    parse_day_first(tokens, index)
        .or_else(|| parse_month_first(tokens, index))
        .or_else(|| parse_year(tokens, index))
}

/// Finds the dates in `text`, in order, without overlaps.
pub fn find_dates(text: &str, tokens: &[Token]) -> Vec<DateMention> {
    let mut dates = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let Some(parsed) = parse_at(tokens, index) else {
            index += 1;
            continue;
        };
        let end_token = parsed.end.clamp(index + 1, tokens.len());
        let start = tokens[parsed.first].start;
        let end = tokens[end_token - 1].end;
        let relative = parsed
            .is_relative
            .then(|| text.get(start..end).unwrap_or_default().to_lowercase());
        dates.push(DateMention {
            start,
            end,
            first_token: parsed.first,
            end_token,
            year: parsed.year,
            month: parsed.month,
            day: parsed.day,
            is_decade: parsed.is_decade,
            end_year: parsed.end_year,
            relative,
            relation: relation_before(tokens, parsed.first, parsed.end_year.is_some()),
        });
        index = end_token;
    }
    dates
}

/// A date as a sortable key: year, month and day in one number.
fn key(year: i32, month: u32, day: u32) -> i64 {
    i64::from(year) * 10_000 + i64::from(month) * 100 + i64::from(day)
}

/// The days a date may stand for, as an inclusive range of keys: a year is
/// all its days, a decade ten years, a range from its first to its last year.
fn span_of(date: &DateMention, year: i32) -> (i64, i64) {
    let last_year = if date.is_decade {
        year + 9
    } else {
        date.end_year.unwrap_or(year)
    };
    match (date.month, date.day) {
        (Some(m), Some(d)) if date.end_year.is_none() && !date.is_decade => {
            (key(year, m, d), key(year, m, d))
        }
        (Some(m), _) if date.end_year.is_none() && !date.is_decade => {
            (key(year, m, 1), key(year, m, 31))
        }
        _ => (key(year, 1, 1), key(last_year, 12, 31)),
    }
}

/// The range of days a date allows: `before 1990` is everything up to the
/// last day of 1989. `since` and `until` name a point (the start or end of
/// something), so they keep the date's own span and compare like `in`.
fn constraint(date: &DateMention, year: i32) -> (i64, i64) {
    let (low, high) = span_of(date, year);
    match date.relation {
        DateRelation::Before => (i64::MIN, low - 1),
        DateRelation::After => (high + 1, i64::MAX),
        DateRelation::At | DateRelation::Since | DateRelation::Until => (low, high),
    }
}

/// Compares a statement's date with a passage's.
///
/// Both dates become ranges of days ([`constraint`]). The passage range
/// inside the statement's is `Same` (`after 1750` and 1773; `1980s` and
/// 1985); no overlap is `Differs`; a statement month or day the passage
/// lacks is `MissingDetail`; a statement year inside a passage range or
/// decade is `Same`, and one inside an open passage bound (`before 1990`)
/// is `MissingDetail`. Relative dates are `Unknown`, unless both say the
/// same one ("last year" and "last year"): without the documents' dates
/// that is all that can be said, and it is enough to call them the same.
pub fn compare_dates(statement: &DateMention, passage: &DateMention) -> DateMatch {
    if let (Some(s), Some(p)) = (&statement.relative, &passage.relative) {
        return if s == p && statement.relation == passage.relation {
            DateMatch::Same
        } else {
            DateMatch::Unknown
        };
    }
    let (Some(s_year), Some(p_year)) = (statement.year, passage.year) else {
        // A statement month without a year ("born in July") is compared with
        // the passage's month whether or not the passage gives a year; a
        // passage without a year only with a statement without one.
        let both_month_only = statement.year.is_none()
            && statement.relative.is_none()
            && passage.relative.is_none()
            && (passage.year.is_none()
                || (statement.relation == DateRelation::At
                    && passage.relation == DateRelation::At));
        return match (statement.month, passage.month) {
            (Some(s), Some(p)) if both_month_only && s != p => DateMatch::Differs,
            (Some(_), Some(_)) if both_month_only => match (statement.day, passage.day) {
                (Some(s), Some(p)) if s != p => DateMatch::Differs,
                (Some(_), None) => DateMatch::MissingDetail,
                _ => DateMatch::Same,
            },
            _ => DateMatch::Unknown,
        };
    };
    let (s_low, s_high) = constraint(statement, s_year);
    let (p_low, p_high) = constraint(passage, p_year);
    if p_high < s_low || s_high < p_low {
        return DateMatch::Differs;
    }
    // Two periods ("from 1861 to 1865", "1983–1997") are the same only
    // with the same ends: a war "fought from 1861 to 1868" did not end in
    // 1865, though one range holds the other.
    let is_period =
        |d: &DateMention| d.end_year.is_some() && !d.is_decade && d.relation == DateRelation::At;
    if is_period(statement) && is_period(passage) {
        return if (s_low, s_high) == (p_low, p_high) {
            DateMatch::Same
        } else {
            DateMatch::Differs
        };
    }
    if s_low <= p_low && p_high <= s_high {
        return DateMatch::Same;
    }
    let statement_more_precise = (statement.month.is_some() && passage.month.is_none())
        || (statement.day.is_some() && passage.day.is_none());
    let passage_open = matches!(passage.relation, DateRelation::Before | DateRelation::After);
    if statement_more_precise || passage_open {
        DateMatch::MissingDetail
    } else {
        DateMatch::Same
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_without_year_compares_with_a_full_date() {
        let parse = |text: &str| find_dates(text, &crate::extract::tokenize(text)).remove(0);
        let born = parse("born 16 March 1963");
        assert_eq!(
            compare_dates(&parse("born in July"), &born),
            DateMatch::Differs
        );
        assert_eq!(
            compare_dates(&parse("born in March"), &born),
            DateMatch::Same
        );
        // A passage without the year does not settle the statement's year.
        let outcome = compare_dates(&parse("born in March 1963"), &parse("born in March"));
        assert!(
            matches!(outcome, DateMatch::MissingDetail | DateMatch::Unknown),
            "{outcome:?}"
        );
    }

    #[test]
    fn date_after_determiner_names_the_noun() {
        let text = "a view that gained ground following the March 2024 attack";
        let dates = find_dates(text, &crate::extract::tokenize(text));
        assert_eq!(dates[0].relation, DateRelation::At);
        let text = "It has grown since the 1980s.";
        let dates = find_dates(text, &crate::extract::tokenize(text));
        assert_eq!(dates[0].relation, DateRelation::Since);
    }
    use crate::extract::tokenize;

    fn dates(text: &str) -> Vec<DateMention> {
        find_dates(text, &tokenize(text))
    }

    fn only(text: &str) -> DateMention {
        let found = dates(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn compare(statement: &str, passage: &str) -> DateMatch {
        compare_dates(&only(statement), &only(passage))
    }

    #[test]
    fn finds_year_after_preposition() {
        let date = only("The wall fell in 1989, they said.");
        assert_eq!(date.year, Some(1989));
        assert_eq!(date.relation, DateRelation::At);
        assert_eq!(
            &"The wall fell in 1989, they said."[date.start..date.end],
            "1989"
        );
    }

    #[test]
    fn counted_number_is_not_a_year() {
        assert!(dates("1989 people died").is_empty());
        assert!(dates("more than 2000 were hurt").is_empty());
        assert!(dates("the 1500 soldiers").is_empty());
        assert!(dates("cost $2000 in total").is_empty());
        assert!(dates("it lasted 2000 years").is_empty());
    }

    #[test]
    fn modifier_year_is_a_year() {
        assert_eq!(only("the 2003 ban on smoking").year, Some(2003));
        assert_eq!(only("2003 was a hard year").year, Some(2003));
    }

    #[test]
    fn reads_day_month_year_both_orders() {
        let a = only("It opened on 3 May 2024.");
        let b = only("It opened on May 3, 2024.");
        for date in [&a, &b] {
            assert_eq!(
                (date.year, date.month, date.day),
                (Some(2024), Some(5), Some(3))
            );
        }
        let c = only("on the 3rd of May");
        assert_eq!((c.year, c.month, c.day), (None, Some(5), Some(3)));
        let d = only("since May 3rd");
        assert_eq!(
            (d.month, d.day, d.relation),
            (Some(5), Some(3), DateRelation::Since)
        );
    }

    #[test]
    fn reads_month_year_and_abbreviations() {
        let date = only("in March 2024");
        assert_eq!(
            (date.year, date.month, date.day),
            (Some(2024), Some(3), None)
        );
        let abbreviated = only("on Sept. 11, 2001");
        assert_eq!(
            (abbreviated.year, abbreviated.month, abbreviated.day),
            (Some(2001), Some(9), Some(11))
        );
        assert_eq!(only("Feb 2020").month, Some(2));
    }

    #[test]
    fn may_the_modal_is_not_a_month() {
        assert!(dates("The talks may resume soon.").is_empty());
        assert!(dates("May we begin?").is_empty());
        assert!(dates("Jan said hello").is_empty());
        assert_eq!(only("It happened in May.").month, Some(5));
        assert_eq!(only("May 2024 was warm").month, Some(5));
    }

    #[test]
    fn month_before_count_keeps_the_count() {
        let date = only("In March 15 people died");
        assert_eq!((date.month, date.day), (Some(3), None));
        assert_eq!(date.end_token, 2);
        let day = only("March 15 marks the anniversary");
        assert_eq!((day.month, day.day), (Some(3), Some(15)));
    }

    #[test]
    fn reads_decades() {
        let date = only("in the 1980s");
        assert!(date.is_decade);
        assert_eq!(date.year, Some(1980));
        assert!(only("during the 1970's").is_decade);
    }

    #[test]
    fn keeps_year_of_early_and_late() {
        let date = only("expected by late 2028");
        assert_eq!(date.year, Some(2028));
        assert_eq!(date.relation, DateRelation::Before);
        assert_eq!(&"expected by late 2028"[date.start..date.end], "late 2028");
        assert_eq!(only("in mid-2020").year, Some(2020));
    }

    #[test]
    fn reads_year_ranges() {
        for text in [
            "built between 1987 and 1991",
            "from 1987 to 1991",
            "in 1987–1991",
            "in 1987-91",
        ] {
            let date = only(text);
            assert_eq!(
                (date.year, date.end_year),
                (Some(1987), Some(1991)),
                "{text}"
            );
            assert_eq!(date.relation, DateRelation::At, "{text}");
        }
        assert!(dates("between 1500 and 2000 people").is_empty());
        let open = only("between 2003 and the end of the war");
        assert_eq!((open.year, open.end_year), (Some(2003), None));
    }

    #[test]
    fn reads_relative_dates() {
        assert_eq!(
            only("It rained last year.").relative.as_deref(),
            Some("last year")
        );
        assert_eq!(
            only("He left yesterday").relative.as_deref(),
            Some("yesterday")
        );
        let monday = only("They met on Monday");
        assert_eq!(monday.relative.as_deref(), Some("monday"));
        assert_eq!(monday.year, None);
        assert_eq!(
            only("two years ago").relative.as_deref(),
            Some("two years ago")
        );
    }

    #[test]
    fn weekday_before_a_date_is_part_of_it() {
        let date = only("on Friday, 22 March 2024");
        assert_eq!((date.year, date.day), (Some(2024), Some(22)));
        assert!(date.relative.is_none());
    }

    #[test]
    fn reads_relations() {
        assert_eq!(only("since 2003").relation, DateRelation::Since);
        assert_eq!(only("from 2003").relation, DateRelation::Since);
        assert_eq!(only("until 2024").relation, DateRelation::Until);
        assert_eq!(only("before 1990").relation, DateRelation::Before);
        assert_eq!(only("prior to 1990").relation, DateRelation::Before);
        assert_eq!(only("by 1990").relation, DateRelation::Before);
        assert_eq!(only("after 1750").relation, DateRelation::After);
        assert_eq!(only("during the 1980s").relation, DateRelation::At);
    }

    #[test]
    fn conflicts_on_changed_year() {
        assert_eq!(compare("in 1989", "in 1979"), DateMatch::Differs);
        assert_eq!(compare("in 1989", "in 1989"), DateMatch::Same);
    }

    #[test]
    fn conflicts_on_changed_month_or_day() {
        assert_eq!(compare("in May 2024", "in March 2024"), DateMatch::Differs);
        assert_eq!(
            compare("on 3 May 2024", "on 4 May 2024"),
            DateMatch::Differs
        );
        assert_eq!(compare("in May", "in March"), DateMatch::Differs);
    }

    #[test]
    fn year_inside_range_is_same() {
        assert_eq!(
            compare("built in 1989", "between 1987 and 1991"),
            DateMatch::Same
        );
        assert_eq!(
            compare("built in 1993", "between 1987 and 1991"),
            DateMatch::Differs
        );
    }

    #[test]
    fn decade_contains_year() {
        assert_eq!(compare("in the 1980s", "in 1985"), DateMatch::Same);
        assert_eq!(compare("in the 1980s", "in 1991"), DateMatch::Differs);
    }

    #[test]
    fn month_detail_missing() {
        assert_eq!(
            compare("in February 1989", "in 1989"),
            DateMatch::MissingDetail
        );
        assert_eq!(compare("in 1989", "in February 1989"), DateMatch::Same);
        assert_eq!(
            compare("on 3 May 2024", "in May 2024"),
            DateMatch::MissingDetail
        );
    }

    #[test]
    fn after_relation_fits_later_year() {
        assert_eq!(compare("after 1750", "in 1773"), DateMatch::Same);
        assert_eq!(compare("after 1750", "in 1700"), DateMatch::Differs);
        assert_eq!(compare("after 1750", "in 1750"), DateMatch::Differs);
    }

    #[test]
    fn before_relation_fits_earlier_year() {
        assert_eq!(compare("before 1990", "in 1980"), DateMatch::Same);
        assert_eq!(compare("before 1990", "in 1995"), DateMatch::Differs);
        assert_eq!(compare("in 1980", "before 1990"), DateMatch::MissingDetail);
    }

    #[test]
    fn since_compares_its_start() {
        assert_eq!(compare("since 2003", "since 2003"), DateMatch::Same);
        assert_eq!(compare("since 2003", "since 2005"), DateMatch::Differs);
        assert_eq!(compare("since 2003", "in 2003"), DateMatch::Same);
    }

    #[test]
    fn periods_match_only_with_the_same_ends() {
        assert_eq!(
            compare("from 1861 to 1865", "from 1861 to 1865"),
            DateMatch::Same
        );
        assert_eq!(
            compare("from 1861 to 1868", "from 1861 to 1865"),
            DateMatch::Differs
        );
        assert_eq!(
            compare("between 1855 and 1856", "from 1855 to 1857"),
            DateMatch::Differs
        );
        // A year inside a period, or a period inside a decade, still fits.
        assert_eq!(compare("in 1863", "from 1861 to 1865"), DateMatch::Same);
        assert_eq!(
            compare("in the 1860s", "from 1861 to 1865"),
            DateMatch::Same
        );
    }

    #[test]
    fn relative_dates_are_unknown() {
        assert_eq!(compare("last year", "in 2023"), DateMatch::Unknown);
        assert_eq!(compare("on Monday", "on Tuesday"), DateMatch::Unknown);
        assert_eq!(compare("last year", "yesterday"), DateMatch::Unknown);
        assert_eq!(compare("last year", "last year"), DateMatch::Same);
        assert_eq!(compare("on Monday", "on Monday"), DateMatch::Same);
    }

    #[test]
    fn spans_stay_in_text_on_nasty_input() {
        let nasty = [
            "",
            " ",
            "...",
            "1,2,3",
            "999999999999999999999",
            "May",
            "may",
            "in",
            "between 1987 and",
            "from 1987 to",
            "1987–",
            "–91",
            "the 1980",
            "Sept.",
            "31 Feb",
            "99 May",
            "last",
            "mid-",
            "late",
            "Monday,",
            "2024’s 1980’",
            "Ünïcödé 2003 — 中文 1999年 “2001”",
            "in 0000 and 9999 and 2101",
        ];
        for text in nasty {
            for date in dates(text) {
                assert!(date.start <= date.end && date.end <= text.len(), "{text}");
                assert!(text.is_char_boundary(date.start) && text.is_char_boundary(date.end));
                assert!(date.first_token < date.end_token);
            }
        }
        assert!(dates("in 0000 and 9999 and 2101").is_empty());
    }

    #[test]
    fn compares_any_pair_without_panic() {
        let texts = [
            "in 1989",
            "in the 1980s",
            "between 1987 and 1991",
            "after 1750",
            "before 1990",
            "since 2003",
            "in May",
            "on 3 May 2024",
            "last year",
            "on Monday",
            "in 1000",
            "in 2100",
            "until 2024",
        ];
        let all: Vec<DateMention> = texts.iter().flat_map(|t| dates(t)).collect();
        assert_eq!(all.len(), texts.len());
        for a in &all {
            assert_ne!(compare_dates(a, a), DateMatch::Differs, "{a:?}");
            for b in &all {
                let _ = compare_dates(a, b);
            }
        }
    }
}
