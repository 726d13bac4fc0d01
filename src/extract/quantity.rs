//! Quantities: numbers in digits or words, with their scale (`1.2 billion`),
//! hedge (`more than`, `about`), range (`between 10 and 20`) and unit, the
//! thing counted (`149 people`, `$300 million`, `60%`, `18 months`).
//!
//! A quantity is read left to right: an optional hedge, an optional currency
//! symbol, the number (digits or words, then scale words), an optional
//! second number for a range, then a percent sign, a currency word or the
//! head noun. Durations are converted to years so that `18 months` and
//! `a year and a half` compare equal. Dates are found first
//! ([`super::find_dates`]) and their tokens are never quantities; ordinals
//! (`21st`, `third`) are not quantities either.
//!
//! Units are lemmas of the head noun (the same keys as the rest of the
//! engine), except a few normalised ones: `percent`, `percentage point`,
//! currency codes (`usd`, `eur`, `gbp`, `jpy`, `cny`, `inr`, `rub`) and `year`
//! for every duration. [`compare_quantities`] compares values only; check
//! units first with [`Quantity::has_compatible_unit`].

use super::{DateMention, Token, TokenKind};

/// Relative tolerance of an approximate value (`about 15,000`): 10%.
/// Round figures in reporting are usually given to two significant digits,
/// so a hedged figure may sit up to about 5% from the true one; 10% leaves
/// room for the two sides rounding in opposite directions without making
/// `nearly eight` fit `nearly four`.
const APPROXIMATE_TOLERANCE: f64 = 0.10;

/// Relative tolerance for two values to count as the same: only floating
/// point noise (`3 weeks` against `21 days` after conversion to years).
const EQUAL_TOLERANCE: f64 = 1e-9;

/// Days in a year, averaged over leap years, to convert days and weeks.
const DAYS_PER_YEAR: f64 = 365.25;

/// At most this many words are looked at after a number to find the noun it
/// counts: enough for `40 battery-electric trains` or `15,000 Soviet
/// soldiers`, short enough not to run into the next clause.
const MAX_HEAD_WORDS: usize = 3;

/// How a quantity is qualified by the words around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// No hedge: exactly this value.
    Exact,
    /// approximately, about, around, roughly, some, nearly, almost, close to,
    /// an estimated, circa; `or so` after the number.
    Approximate,
    /// more than, over, above, in excess of, upwards of.
    MoreThan,
    /// at least, no fewer than, no less than; `or more` after the number;
    /// a plural scale word alone (`billions`, `dozens`) is at least one of it
    /// and less than the next scale up (`high`: `hundreds` is below 1,000).
    AtLeast,
    /// fewer than, less than, under, below.
    LessThan,
    /// up to, at most, no more than, as many as; `or fewer` after the number.
    AtMost,
}

/// A number found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Byte span of the whole expression, hedge and unit included
    /// (`more than 140 people`).
    pub start: usize,
    pub end: usize,
    /// Index of the first token of the number itself (not the hedge nor a
    /// currency symbol; those are the tokens from `start` up to this one).
    pub first_token: usize,
    /// Index one past the last token of the expression (unit included).
    pub end_token: usize,
    /// The value, with scale words applied (`1.2 billion` = 1.2e9) and
    /// durations converted to years when the unit is a duration.
    pub value: f64,
    /// The upper end of a range (`between 10 and 20`), if any.
    pub high: Option<f64>,
    pub bound: Bound,
    /// What is counted, as a lemma (`train`), or a normalised unit
    /// (`percent`, `usd`, `year`).
    pub unit: Option<String>,
    /// The number is written in digits (`7 million`), not only in words
    /// (`thousands`, `one`): a precise figure rather than a rough one.
    pub is_figure: bool,
    /// The number names one exact count: a figure, or a cardinal word
    /// above one (`three`, `twenty`); not `one` (also a pronoun) nor a
    /// plural scale word (`thousands`).
    pub is_exact_count: bool,
    /// For a measure converted to its dimension's base unit (`unit` is
    /// then `metre`, `square metre`, `kilogram` or `litre`): the unit as
    /// written (`mile`, `hectare`) and its size in the base unit, so that
    /// a comparison knows the two sides were converted from different
    /// units and rounded, and can read the figure as written against a
    /// figure with no unit.
    pub written_unit: Option<(&'static str, f64)>,
    /// The tokens between the number and the counted noun, which say
    /// what kind of thing is counted: "Endurance" in "19 Endurance
    /// pickups", "electric" in "40 electric buses". Empty when there are
    /// none or no noun was found.
    pub modifiers: std::ops::Range<usize>,
}

impl Quantity {
    /// Whether the two values are within the rounding a hedge allows
    /// ([`APPROXIMATE_TOLERANCE`] of this one's): 188,134 for 188,000.
    pub fn is_near(&self, other: &Quantity) -> bool {
        (other.value - self.value).abs() <= APPROXIMATE_TOLERANCE * self.value.abs()
    }

    /// Whether two quantities count the same kind of thing, so that their
    /// values may be compared: the same unit, or no unit on either side
    /// (`killed 149` against `149 people`).
    pub fn has_compatible_unit(&self, other: &Quantity) -> bool {
        match (&self.unit, &other.unit) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }
}

/// Whether a passage's quantity agrees with a statement's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuantityMatch {
    /// The same value.
    Equal,
    /// Different words, but one fits the other's hedge or range.
    Fits,
    /// Incompatible values.
    Differs,
}

/// Hedges before a number, longest first so `no more than` wins over
/// `more than`. `between` is handled apart (it needs `and`).
const HEDGES: &[(&[&str], Bound)] = &[
    (&["no", "fewer", "than"], Bound::AtLeast),
    (&["no", "less", "than"], Bound::AtLeast),
    (&["not", "less", "than"], Bound::AtLeast),
    (&["no", "more", "than"], Bound::AtMost),
    (&["not", "more", "than"], Bound::AtMost),
    (&["as", "many", "as"], Bound::AtMost),
    (&["as", "much", "as"], Bound::AtMost),
    (&["in", "excess", "of"], Bound::MoreThan),
    (&["a", "minimum", "of"], Bound::AtLeast),
    (&["a", "maximum", "of"], Bound::AtMost),
    (&["more", "than"], Bound::MoreThan),
    (&["greater", "than"], Bound::MoreThan),
    (&["upwards", "of"], Bound::MoreThan),
    (&["upward", "of"], Bound::MoreThan),
    (&["just", "over"], Bound::MoreThan),
    (&["well", "over"], Bound::MoreThan),
    (&["well", "above"], Bound::MoreThan),
    (&["at", "least"], Bound::AtLeast),
    (&["fewer", "than"], Bound::LessThan),
    (&["less", "than"], Bound::LessThan),
    (&["just", "under"], Bound::LessThan),
    (&["well", "under"], Bound::LessThan),
    (&["well", "below"], Bound::LessThan),
    (&["up", "to"], Bound::AtMost),
    (&["at", "most"], Bound::AtMost),
    (&["close", "to"], Bound::Approximate),
    (&["an", "estimated"], Bound::Approximate),
    (&["c", "."], Bound::Approximate),
    (&["ca", "."], Bound::Approximate),
    (&["approx", "."], Bound::Approximate),
    (&["approximately"], Bound::Approximate),
    (&["approx"], Bound::Approximate),
    (&["about"], Bound::Approximate),
    (&["around"], Bound::Approximate),
    (&["roughly"], Bound::Approximate),
    (&["some"], Bound::Approximate),
    (&["nearly"], Bound::Approximate),
    (&["almost"], Bound::Approximate),
    (&["estimated"], Bound::Approximate),
    (&["circa"], Bound::Approximate),
    (&["over"], Bound::MoreThan),
    (&["above"], Bound::MoreThan),
    (&["exceeding"], Bound::MoreThan),
    (&["under"], Bound::LessThan),
    (&["below"], Bound::LessThan),
];

/// Words that end the search for a head noun: articles, prepositions,
/// conjunctions, pronouns, auxiliaries and a few adverbs.
fn is_function_word(word: &str) -> bool {
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
            | "from"
            | "by"
            | "with"
            | "into"
            | "onto"
            | "during"
            | "since"
            | "after"
            | "before"
            | "over"
            | "under"
            | "between"
            | "among"
            | "than"
            | "as"
            | "per"
            | "across"
            | "against"
            | "through"
            | "about"
            | "around"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "who"
            | "whom"
            | "whose"
            | "which"
            | "that"
            | "this"
            | "these"
            | "those"
            | "they"
            | "them"
            | "he"
            | "she"
            | "it"
            | "we"
            | "you"
            | "i"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "can"
            | "do"
            | "does"
            | "did"
            | "not"
            | "no"
            | "ago"
            | "later"
            | "earlier"
            | "each"
            | "apiece"
            | "respectively"
            | "so"
            | "too"
            | "also"
            | "only"
            | "just"
            | "when"
            | "where"
            | "while"
            | "if"
            | "there"
            | "here"
            | "then"
            | "said"
            | "says"
            | "say"
            | "according"
    )
}

/// Irregular plurals that do not end in `s`.
fn is_irregular_plural(word: &str) -> bool {
    matches!(
        word,
        "people" | "men" | "women" | "children" | "feet" | "teeth" | "mice" | "geese" | "oxen"
    )
}

/// A word that looks like a plural noun: `trains`, `soldiers`, `Russians`,
/// `people`; not `various`, `crisis`, `glass`.
fn looks_plural(token: &Token) -> bool {
    let word = token.lower.as_str();
    is_irregular_plural(word)
        || (word.len() > 3
            && word.ends_with('s')
            && !word.ends_with("ss")
            && !word.ends_with("us")
            && !word.ends_with("is"))
}

/// A word that writes a number or a scale: `one` to `ninety`, `dozen`,
/// `hundred` ... `trillion` (and `mn`, `bn`, `tn`), and the plural scale
/// words (`tens`, `dozens`, `thousands`, ...). The one list the quantity
/// reader, the comparison and the claim splitter share.
pub fn is_number_word(lower: &str) -> bool {
    small_number(lower).is_some()
        || scale_word(lower).is_some()
        || plural_scale_word(lower).is_some()
}

/// one..nineteen and the tens, as words.
pub fn small_number(word: &str) -> Option<f64> {
    let value = match word {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    };
    Some(value)
}

/// Words that multiply what comes before (`1.2 billion`, `two dozen`).
fn scale_word(word: &str) -> Option<f64> {
    let scale = match word {
        "dozen" => 12.0,
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mn" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    };
    Some(scale)
}

/// The value a plural scale word stays below: `dozens` is fewer than 200
/// (more would be `hundreds`), `hundreds` fewer than 1,000, `thousands`
/// fewer than a million (`tens of thousands` fewer than 100,000).
fn plural_scale_ceiling(word: &str) -> f64 {
    match word {
        "tens" => 1e2,
        "dozens" => 2e2,
        "hundreds" => 1e3,
        other => plural_scale_word(other).unwrap_or(1.0) * 1e3,
    }
}

/// Plural scale words that stand alone (`billions in assets`, `dozens of
/// people`): read as at least one of the scale.
fn plural_scale_word(word: &str) -> Option<f64> {
    let scale = match word {
        "tens" => 10.0,
        "dozens" => 12.0,
        "hundreds" => 1e2,
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        "trillions" => 1e12,
        _ => return None,
    };
    Some(scale)
}

/// Durations, as a number of years each.
fn duration_in_years(word: &str) -> Option<f64> {
    let years = match word {
        "year" | "years" | "yr" | "yrs" => 1.0,
        "month" | "months" => 1.0 / 12.0,
        "week" | "weeks" => 7.0 / DAYS_PER_YEAR,
        "day" | "days" => 1.0 / DAYS_PER_YEAR,
        "hour" | "hours" => 1.0 / (DAYS_PER_YEAR * 24.0),
        "minute" | "minutes" => 1.0 / (DAYS_PER_YEAR * 24.0 * 60.0),
        "decade" | "decades" => 10.0,
        "century" | "centuries" => 100.0,
        "millennium" | "millennia" => 1000.0,
        _ => return None,
    };
    Some(years)
}

/// The singular name of a unit of time other than the year.
fn duration_name(word: &str) -> Option<&'static str> {
    let name = match word {
        "month" | "months" => "month",
        "week" | "weeks" => "week",
        "day" | "days" => "day",
        "hour" | "hours" => "hour",
        "minute" | "minutes" => "minute",
        "decade" | "decades" => "decade",
        "century" | "centuries" => "century",
        "millennium" | "millennia" => "millennium",
        _ => return None,
    };
    Some(name)
}

/// A unit of measure: the base unit of its dimension, how many base units
/// it is, and its name as written (singular). `square` (or `sq`) before a
/// unit of length makes it one of area.
fn measure_unit(word: &str, before: &str) -> Option<(&'static str, f64, &'static str)> {
    let length = match word {
        "metre" | "metres" | "meter" | "meters" => Some((1.0, "metre")),
        "km" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => {
            Some((1000.0, "kilometre"))
        }
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => {
            Some((0.01, "centimetre"))
        }
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => {
            Some((0.001, "millimetre"))
        }
        "mile" | "miles" => Some((1609.344, "mile")),
        "foot" | "feet" | "ft" => Some((0.3048, "foot")),
        "yard" | "yards" | "yd" => Some((0.9144, "yard")),
        "inch" | "inches" => Some((0.0254, "inch")),
        _ => None,
    };
    if let Some((metres, name)) = length {
        if matches!(before, "square" | "sq") {
            return Some(("square metre", metres * metres, name));
        }
        return Some(("metre", metres, name));
    }
    let (base, size, name) = match word {
        "hectare" | "hectares" | "ha" => ("square metre", 10_000.0, "hectare"),
        "acre" | "acres" => ("square metre", 4_046.856_422_4, "acre"),
        "kg" | "kilogram" | "kilograms" | "kilo" | "kilos" => ("kilogram", 1.0, "kilogram"),
        "gram" | "grams" => ("kilogram", 0.001, "gram"),
        "tonne" | "tonnes" | "ton" | "tons" => ("kilogram", 1000.0, "tonne"),
        "pound" | "pounds" | "lb" | "lbs" => ("kilogram", 0.453_592_37, "pound"),
        "litre" | "litres" | "liter" | "liters" => ("litre", 1.0, "litre"),
        "gallon" | "gallons" => ("litre", 3.785_411_784, "gallon"),
        _ => return None,
    };
    Some((base, size, name))
}

/// How far apart two exact measures written in different units may be and
/// still fit: a conversion rounded to three figures ("656 feet" for 200
/// metres) is within 0.1%; "3.6 miles" for 3,600 metres is 60% off.
const CONVERSION_TOLERANCE: f64 = 0.02;

fn currency_symbol(text: &str) -> Option<&'static str> {
    let code = match text {
        "$" => "usd",
        "€" => "eur",
        "£" => "gbp",
        "¥" => "jpy",
        "₹" => "inr",
        "₽" => "rub",
        _ => return None,
    };
    Some(code)
}

fn currency_word(word: &str) -> Option<&'static str> {
    let code = match word {
        "dollar" | "dollars" | "usd" => "usd",
        "euro" | "euros" | "eur" => "eur",
        "pound" | "pounds" | "gbp" | "sterling" => "gbp",
        "yen" | "jpy" => "jpy",
        "yuan" | "renminbi" | "cny" => "cny",
        "rupee" | "rupees" | "inr" => "inr",
        "ruble" | "rubles" | "rouble" | "roubles" | "rub" => "rub",
        _ => return None,
    };
    Some(code)
}

/// Relative equality, tolerant of floating point noise only.
fn close(a: f64, b: f64) -> bool {
    if a.is_infinite() || b.is_infinite() {
        return a == b;
    }
    a == b || (a - b).abs() <= EQUAL_TOLERANCE * a.abs().max(b.abs())
}

/// Digits as written: `15,000`, `21.5`, `15k`, `5km`. Returns the value and
/// the letters glued after it; `None` for `1,2,3`, `1.2.3`, ordinals and
/// decades (`21st`, `1980s`).
/// The unit of an age ("a 36-year-old", "Sapp, 42,"): years of life, not
/// a span of time, so it is never compared with a duration.
const AGE: &str = "year of age";

/// One to three digits and nothing else: a number that may go on with
/// thousands groups ("3" of "3, 800").
fn is_thousands_head(text: &str) -> bool {
    (1..=3).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

fn parse_digits(text: &str) -> Option<(f64, String)> {
    let split = text.find(|c: char| c.is_alphabetic()).unwrap_or(text.len());
    let (number, suffix) = text.split_at(split);
    let suffix = suffix.to_lowercase();
    if matches!(suffix.as_str(), "st" | "nd" | "rd" | "th" | "s") {
        return None;
    }
    let (integer, fraction) = match number.split_once('.') {
        Some((i, f)) if !f.contains('.') && !f.contains(',') => (i, Some(f)),
        Some(_) => return None,
        None => (number, None),
    };
    let mut groups = integer.split(',');
    let first = groups.next()?;
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut digits = first.to_string();
    let mut grouped = false;
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        grouped = true;
        digits.push_str(group);
    }
    if grouped && first.len() > 3 {
        return None;
    }
    if let Some(fraction) = fraction {
        if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push('.');
        digits.push_str(fraction);
    }
    let value: f64 = digits.parse().ok()?;
    value.is_finite().then_some((value, suffix))
}

/// A number found at some token: its value so far, where it ends, the
/// scale last applied (to share with the low end of a range), whether it is
/// a plural scale (`thousands`), and letters glued to its digits.
#[derive(Clone, Debug)]
struct Number {
    value: f64,
    end: usize,
    scale: f64,
    is_plural_scale: bool,
    /// For a plural scale, the value it stays below (`hundreds`: 1,000).
    ceiling: Option<f64>,
    glued_suffix: Option<String>,
    /// A fraction of a whole (`two-thirds of`), read as a percentage.
    is_fraction: bool,
}

impl Number {
    fn new(value: f64, end: usize) -> Number {
        Number {
            value,
            end,
            scale: 1.0,
            is_plural_scale: false,
            ceiling: None,
            glued_suffix: None,
            is_fraction: false,
        }
    }
}

struct Reader<'a> {
    tokens: &'a [Token],
    /// Tokens inside a date: never part of a quantity.
    covered: Vec<bool>,
}

impl Reader<'_> {
    fn lower(&self, index: usize) -> &str {
        self.tokens.get(index).map_or("", |t| t.lower.as_str())
    }

    fn is_free(&self, index: usize) -> bool {
        index < self.tokens.len() && !self.covered.get(index).copied().unwrap_or(true)
    }

    fn is_word(&self, index: usize) -> bool {
        self.is_free(index) && self.tokens[index].kind == TokenKind::Word
    }

    /// `and a half` at `index`.
    fn is_and_a_half(&self, index: usize) -> bool {
        self.lower(index) == "and"
            && self.lower(index + 1) == "a"
            && self.lower(index + 2) == "half"
    }

    /// A hyphen joined to the words on both sides (`four-car`).
    fn is_joining_hyphen(&self, index: usize) -> bool {
        self.tokens
            .get(index)
            .is_some_and(|t| t.text == "-" && t.is_joined)
            && self.tokens.get(index + 1).is_some_and(|t| t.is_joined)
    }

    /// The hedge at `index`, and where the number after it starts.
    fn hedge(&self, index: usize) -> Option<(Bound, usize)> {
        HEDGES.iter().find_map(|(words, bound)| {
            let matches = words
                .iter()
                .enumerate()
                .all(|(k, w)| self.is_free(index + k) && self.lower(index + k) == *w);
            matches.then_some((*bound, index + words.len()))
        })
    }

    /// Scale words after a number: `million`, `hundred thousand`.
    fn apply_scales(&self, mut number: Number) -> Number {
        while self.is_word(number.end) {
            let Some(scale) = scale_word(self.lower(number.end)) else {
                break;
            };
            number.value *= scale;
            number.scale *= scale;
            number.end += 1;
        }
        number
    }

    /// Number words: `twenty-one`, `one hundred and five`, `two thousand`.
    fn word_number(&self, index: usize) -> Option<Number> {
        let first = small_number(self.lower(index)).filter(|_| self.is_word(index))?;
        if first == 1.0 && !self.one_is_a_number(index) {
            return None;
        }
        let (mut total, mut current, mut scale) = (0.0, first, 1.0);
        // What the previous word was: a tens word can take a unit
        // (`twenty-one`), a scale word can take any small number.
        let mut previous_tens = first >= 20.0;
        let mut previous_scale = false;
        let mut end = index + 1;
        while self.is_free(end) {
            let word = self.lower(end);
            if let Some(unit) = small_number(word).filter(|_| self.is_word(end)) {
                let is_unit = unit > 0.0 && unit < 10.0;
                if !(previous_scale || (previous_tens && is_unit)) {
                    break;
                }
                current += unit;
                previous_tens = previous_scale && unit >= 20.0;
                previous_scale = false;
                end += 1;
            } else if word == "-" && previous_tens && self.is_joining_hyphen(end) {
                let unit = small_number(self.lower(end + 1)).filter(|v| *v > 0.0 && *v < 10.0);
                let Some(unit) = unit else { break };
                current += unit;
                previous_tens = false;
                end += 2;
            } else if word == "hundred" && self.is_word(end) {
                current *= 100.0;
                scale = 100.0;
                previous_tens = false;
                previous_scale = true;
                end += 1;
            } else if let Some(big) = scale_word(word).filter(|s| *s >= 1e3 && self.is_word(end)) {
                total += current * big;
                current = 0.0;
                scale = big;
                previous_tens = false;
                previous_scale = true;
                end += 1;
            } else if word == "and"
                && previous_scale
                && small_number(self.lower(end + 1)).is_some()
                && !self.is_and_a_half(end)
            {
                end += 1;
            } else {
                break;
            }
        }
        let mut number = Number::new(total + current, end);
        number.scale = scale;
        Some(self.apply_scales(number))
    }

    /// `one` is a number except in `no one`, `the one`, `one another`...
    fn one_is_a_number(&self, index: usize) -> bool {
        let before = index.checked_sub(1).map_or("", |p| self.lower(p));
        let after = self.lower(index + 1);
        let idiom_before = matches!(
            before,
            "no" | "the"
                | "this"
                | "that"
                | "every"
                | "any"
                | "each"
                | "which"
                | "some"
                | "someone"
        );
        let idiom_after = matches!(after, "another" | "day" | "way")
            || (after == "-"
                && matches!(
                    self.lower(index + 2),
                    "off" | "time" | "way" | "sided" | "on"
                ));
        !idiom_before && !idiom_after
    }

    /// A share written as a fraction of a whole: `a quarter of`, `two-thirds
    /// of`, `half of`, `three-quarters of`, as a percentage (`a quarter of
    /// the sales` is 25% of them). Not `a quarter of a century`, nor `the
    /// first half of the year`.
    fn fraction(&self, index: usize) -> Option<Number> {
        let (share, at) = match self.lower(index) {
            "a" | "an" | "one" => (1.0, index + 1),
            "half" => (1.0, index),
            word => {
                let count = small_number(word).filter(|v| (2.0..10.0).contains(v))?;
                if !self.is_joining_hyphen(index + 1) {
                    return None;
                }
                (count, index + 2)
            }
        };
        if !self.is_word(at) {
            return None;
        }
        let part = match self.lower(at) {
            "half" if at == index => 2.0,
            "third" | "thirds" => 3.0,
            "quarter" | "quarters" => 4.0,
            "fifth" | "fifths" => 5.0,
            "tenth" | "tenths" => 10.0,
            _ => return None,
        };
        let plural = self.lower(at).ends_with('s');
        if plural != (share > 1.0) {
            return None;
        }
        let is_ordinal_before = index > 0
            && matches!(
                self.lower(index - 1),
                "first" | "second" | "third" | "fourth" | "last" | "final" | "latter" | "former"
            );
        let is_of_a_whole = self.lower(at + 1) == "of" && !matches!(self.lower(at + 2), "a" | "an");
        if is_ordinal_before || !is_of_a_whole {
            return None;
        }
        let mut number = Number::new(100.0 * share / part, at + 1);
        number.is_fraction = true;
        Some(number)
    }

    /// `a dozen`, `a million`, `a decade`, `a year and a half`, `a couple of`,
    /// `half a dozen`: the article read as one only where it works as a number.
    fn article_number(&self, index: usize) -> Option<Number> {
        let word = self.lower(index);
        if word == "half" && self.lower(index + 1) == "a" {
            let mut inner = self.article_number(index + 1)?;
            inner.value *= 0.5;
            return Some(inner);
        }
        if !matches!(word, "a" | "an") || !self.is_word(index + 1) {
            return None;
        }
        let next = self.lower(index + 1);
        if let Some(scale) = scale_word(next) {
            let mut number = Number::new(scale, index + 2);
            number.scale = scale;
            return Some(self.apply_scales(number));
        }
        if matches!(next, "couple" | "pair") && self.lower(index + 2) == "of" {
            return Some(Number::new(2.0, index + 2));
        }
        let years = duration_in_years(next)?;
        // `a decade`, `a century`: a number; `a year`, `a week`: only with
        // `and a half` (`once a year` is a rate, not a quantity).
        if years >= 10.0 || self.is_and_a_half(index + 2) {
            return Some(Number::new(1.0, index + 1));
        }
        None
    }

    /// `billions`, `dozens`, `tens of thousands`, `hundreds of millions`.
    fn plural_scale(&self, index: usize) -> Option<Number> {
        let scale = plural_scale_word(self.lower(index)).filter(|_| self.is_word(index))?;
        let mut number = Number::new(scale, index + 1);
        number.is_plural_scale = true;
        number.ceiling = Some(plural_scale_ceiling(self.lower(index)));
        if self.lower(index + 1) == "of" {
            if let Some(more) =
                plural_scale_word(self.lower(index + 2)).filter(|_| self.is_word(index + 2))
            {
                number.value *= more;
                number.ceiling = number.ceiling.map(|c| c * more);
                number.end = index + 3;
            }
        }
        // `tens` alone is not a quantity.
        (number.value != 10.0).then_some(number)
    }

    /// The number starting at `index`, digits or words, with scale words.
    fn number(&self, index: usize) -> Option<Number> {
        if !self.is_free(index) {
            return None;
        }
        let token = &self.tokens[index];
        if token.kind == TokenKind::Number {
            let (mut value, suffix) = parse_digits(&token.text)?;
            let mut end = index + 1;
            // "3, 800 km", "$ 800, 000": thousands written with a blank
            // after the separator, as detokenised news text has them.
            if suffix.is_empty() && is_thousands_head(&token.text) {
                while let Some(group) = self.spaced_thousands_group(end) {
                    value = value * 1000.0 + group;
                    end += 2;
                }
                // "98. 7 per cent": the decimal point written the same way.
                if let Some((fraction, digits)) = self.spaced_group(end, ".") {
                    value += fraction / 10f64.powi(digits as i32);
                    end += 2;
                }
            }
            let mut number = Number::new(value, end);
            let glued_scale = match suffix.as_str() {
                "k" => Some(1e3),
                "mn" => Some(1e6),
                "bn" | "b" => Some(1e9),
                "tn" => Some(1e12),
                _ => None,
            };
            if let Some(scale) = glued_scale {
                number.value *= scale;
                number.scale = scale;
            } else if !suffix.is_empty() {
                number.glued_suffix = Some(suffix);
                return Some(number);
            }
            return Some(self.apply_scales(number));
        }
        self.fraction(index)
            .or_else(|| self.word_number(index))
            .or_else(|| self.article_number(index))
            .or_else(|| self.plural_scale(index))
    }

    /// The rest of a compound span of time after `and` at `at`: a number
    /// and a smaller unit of time ("and 51 minutes" after "two hours"), in
    /// years, and where it ends.
    fn and_smaller_duration(&self, at: usize, unit_years: f64) -> Option<(f64, usize)> {
        if self.lower(at) != "and" {
            return None;
        }
        let number = self.number(at + 1)?;
        let unit = self.tokens.get(number.end)?;
        let years = duration_in_years(&unit.lower).filter(|&y| y < unit_years)?;
        Some((number.value * years, number.end + 1))
    }

    /// A bare number between commas right after a name: "Sapp, 42, was
    /// charged" gives the person's age.
    fn is_age_apposition(&self, first: usize, end: usize) -> bool {
        let text = |i: usize| self.tokens.get(i).map_or("", |t| t.text.as_str());
        let is_small = self.tokens[first].kind == TokenKind::Number
            && end == first + 1
            && parse_digits(&self.tokens[first].text)
                .is_some_and(|(v, s)| s.is_empty() && v < 130.0);
        is_small
            && first >= 2
            && text(first - 1) == ","
            && text(end) == ","
            && self.tokens[first - 2].is_capitalized
            && self.tokens[first - 2].kind == TokenKind::Word
    }

    /// The three-digit group after a comma at `comma` ("3, 800"): the
    /// comma joined to the number before it, one blank, exactly three
    /// digits, and no further list after it ("3, 800 and 5" is a list).
    fn spaced_thousands_group(&self, comma: usize) -> Option<f64> {
        let is_group = self
            .spaced_group(comma, ",")
            .is_some_and(|(_, digits)| digits == 3);
        let is_list = self
            .tokens
            .get(comma + 2)
            .is_some_and(|next| matches!(next.lower.as_str(), "and" | "or"))
            || self
                .tokens
                .get(comma + 2)
                .is_some_and(|next| next.text == ",")
                && self
                    .tokens
                    .get(comma + 3)
                    .is_some_and(|n| n.kind == TokenKind::Number && n.text.len() != 3);
        (is_group && !is_list)
            .then(|| self.spaced_group(comma, ",").map(|(group, _)| group))
            .flatten()
    }

    /// The digits after separator `separator` at `at` when written with
    /// one blank after it: the separator joined to the number before, then
    /// one to three digits. Their value and how many digits.
    fn spaced_group(&self, at: usize, separator: &str) -> Option<(f64, usize)> {
        let (mark, group) = (self.tokens.get(at)?, self.tokens.get(at + 1)?);
        let is_group = mark.text == separator
            && mark.is_joined
            && !group.is_joined
            && group.start == mark.end + 1
            && group.kind == TokenKind::Number
            && (1..=3).contains(&group.text.len())
            && group.text.bytes().all(|b| b.is_ascii_digit())
            && self.is_free(at + 1);
        is_group
            .then(|| group.text.parse().ok().map(|v| (v, group.text.len())))
            .flatten()
    }

    /// A second number after `link` making a range with `low`.
    fn range_high(
        &self,
        low: &mut Number,
        link: usize,
        after_between: bool,
        after_from: bool,
    ) -> Option<f64> {
        let word = self.lower(link);
        let is_link = match word {
            "and" => after_between,
            "-" | "–" | "—" => !after_between,
            "to" => !after_between && !after_from,
            "or" => {
                !after_between && !matches!(self.lower(link + 1), "more" | "so" | "fewer" | "less")
            }
            _ => false,
        };
        if !is_link || !self.is_free(link) || low.is_plural_scale || low.glued_suffix.is_some() {
            return None;
        }
        let mut start = link + 1;
        // `$1-2 billion` or `$1 to $2 billion`
        if self
            .tokens
            .get(start)
            .is_some_and(|t| currency_symbol(&t.text).is_some())
        {
            start += 1;
        }
        let high = self.number(start)?;
        if high.is_plural_scale || high.glued_suffix.is_some() {
            return None;
        }
        let mut low_value = low.value;
        if low.scale == 1.0 && high.scale > 1.0 {
            low_value *= high.scale;
        }
        if high.value <= low_value {
            return None;
        }
        low.value = low_value;
        low.end = high.end;
        Some(high.value)
    }

    /// `or so`, `or more`, `or fewer`, `plus`, `+` after a number or unit.
    fn postfix_hedge(&self, index: usize) -> Option<(Bound, usize)> {
        if !self.is_free(index) {
            return None;
        }
        match (self.lower(index), self.lower(index + 1)) {
            ("or", "so") => Some((Bound::Approximate, index + 2)),
            ("or", "more") => Some((Bound::AtLeast, index + 2)),
            ("or", "fewer" | "less") => Some((Bound::AtMost, index + 2)),
            ("+", _) if self.tokens[index].is_joined => Some((Bound::AtLeast, index + 1)),
            ("-", "plus") if self.tokens[index].is_joined => Some((Bound::AtLeast, index + 2)),
            _ => None,
        }
    }

    /// A percent sign or word at `index`: the unit and where it ends.
    fn percent(&self, index: usize) -> Option<(String, usize)> {
        if !self.is_free(index) {
            return None;
        }
        match (self.lower(index), self.lower(index + 1)) {
            ("%", _) | ("percent", _) => Some(("percent".to_string(), index + 1)),
            ("per", "cent") => Some(("percent".to_string(), index + 2)),
            ("percentage", "point" | "points") => Some(("percentage point".to_string(), index + 2)),
            _ => None,
        }
    }

    /// A currency word at `index` (`dollars`, `US dollars`, `USD`).
    fn currency_after(&self, index: usize) -> Option<(&'static str, usize)> {
        if !self.is_word(index) {
            return None;
        }
        if matches!(self.lower(index), "us" | "u.s") && self.is_word(index + 1) {
            if let Some(code) = currency_word(self.lower(index + 1)) {
                return Some((code, index + 2));
            }
        }
        currency_word(self.lower(index)).map(|code| (code, index + 1))
    }

    /// The noun a number counts, from `index`: a hyphen-joined word
    /// (`four-car`, `18-month`), the noun after `of the` (`dozens of the
    /// men`), or the first plural among the next few words (`40
    /// battery-electric trains`), else the first of them.
    fn head_noun(&self, index: usize, value: f64) -> Option<(usize, usize)> {
        if self.is_joining_hyphen(index) && self.is_word(index + 1) {
            let word = index + 1;
            let mut end = index + 2;
            // `28-year-old`
            if self.is_joining_hyphen(end) && self.is_word(end + 1) && self.lower(end + 1) == "old"
            {
                end += 2;
            }
            return Some((word, end));
        }
        let mut start = index;
        if self.lower(start) == "of" {
            start += 1;
            if matches!(
                self.lower(start),
                "the" | "these" | "those" | "his" | "her" | "their" | "its" | "our" | "my" | "your"
            ) {
                start += 1;
            }
        }
        let mut candidates = Vec::new();
        let mut next = start;
        while candidates.len() < MAX_HEAD_WORDS && self.is_word(next) {
            // A model designation before the noun ("36 CA-210 jets",
            // "two F-35 fighters") names the thing, it is not what is counted.
            if self.tokens[next].is_capitalized
                && self.is_joining_hyphen(next + 1)
                && self
                    .tokens
                    .get(next + 2)
                    .is_some_and(|t| t.kind == TokenKind::Number)
            {
                next += 3;
                continue;
            }
            let word = self.lower(next);
            if is_function_word(word)
                || small_number(word).is_some()
                || scale_word(word).is_some()
                || self.tokens[next].is_possessive && next > start
            {
                break;
            }
            // `battery-electric`: the compound counts as its last part.
            let mut last = next;
            while self.is_joining_hyphen(last + 1) && self.is_word(last + 2) {
                last += 2;
            }
            candidates.push(last);
            next = last + 1;
            if self.tokens[last].is_possessive {
                break;
            }
        }
        let first = *candidates.first()?;
        let head = if value == 1.0 {
            first
        } else {
            // A lower-case plural first: `5 Texas towns` counts towns, but
            // `3 Russians` counts Russians.
            let plural = |c: &usize| looks_plural(&self.tokens[*c]);
            let lower_plural = |c: &usize| plural(c) && !self.tokens[*c].is_capitalized;
            candidates
                .iter()
                .copied()
                .find(lower_plural)
                .or_else(|| candidates.iter().copied().find(plural))
                .unwrap_or(first)
        };
        Some((head, head + 1))
    }

    /// The quantity starting at `index` (at its hedge, if any).
    fn quantity(&self, index: usize) -> Option<Quantity> {
        let (mut bound, mut at) = self.hedge(index).unwrap_or((Bound::Exact, index));
        let after_between = self.is_free(index) && self.lower(index) == "between";
        if after_between {
            at = index + 1;
        }
        let after_from = index
            .checked_sub(1)
            .is_some_and(|p| self.lower(p) == "from");
        let mut currency = None;
        // `US$`: `US` joined to `$`.
        if matches!(self.lower(at), "us" | "u.s")
            && self
                .tokens
                .get(at + 1)
                .is_some_and(|t| t.text == "$" && t.is_joined)
        {
            at += 1;
        }
        if let Some(code) = self.tokens.get(at).and_then(|t| currency_symbol(&t.text)) {
            currency = Some(code.to_string());
            at += 1;
        }
        let first_token = at;
        let mut number = self.number(at)?;
        let mut end = number.end;
        // `$5m`: with a currency, a glued `m` is million, not metres.
        if currency.is_some() && number.glued_suffix.as_deref() == Some("m") {
            number.value *= 1e6;
            number.glued_suffix = None;
        }
        if currency.is_some() && matches!(self.lower(end), "m") && self.is_word(end) {
            number.value *= 1e6;
            number.scale = 1e6;
            end += 1;
            number.end = end;
        }
        let high = self.range_high(&mut number, end, after_between, after_from);
        if after_between && high.is_none() {
            return None;
        }
        end = number.end;
        let mut high = high;
        if number.is_plural_scale && bound == Bound::Exact {
            bound = Bound::AtLeast;
            high = high.or(number.ceiling);
        }
        if self.is_and_a_half(end) && high.is_none() {
            number.value += 0.5;
            end += 3;
        }
        let mut value = number.value;
        if let Some((postfix, after)) = self.postfix_hedge(end) {
            if bound == Bound::Exact {
                bound = postfix;
            }
            end = after;
        }
        let mut unit = number.glued_suffix.clone();
        let mut unit_word = None;
        let mut modifiers = 0..0;
        if number.is_fraction {
            unit = Some("percent".to_string());
        } else if let Some((percent, after)) = self.percent(end) {
            unit = Some(percent);
            end = after;
        } else if let Some((code, after)) = self.currency_after(end) {
            unit = Some(code.to_string());
            end = after;
        } else if currency.is_some() {
            unit = currency.clone();
        } else if unit.is_none() {
            if let Some((head, after)) = self.head_noun(end, value) {
                unit_word = Some(head);
                modifiers = end..head;
                end = after;
            }
        }
        let mut written_unit = None;
        if let Some(head) = unit_word {
            let token = &self.tokens[head];
            let before = head.checked_sub(1).map_or("", |b| self.lower(b));
            if let Some((base, size, name)) = measure_unit(&token.lower, before) {
                value *= size;
                high = high.map(|h| h * size);
                unit = Some(base.to_string());
                written_unit = Some((name, size));
            } else if token.lower == "year"
                && self.lower(head + 1) == "-"
                && self.lower(head + 2) == "old"
            {
                // `a 36-year-old`: an age, not a span of time.
                unit = Some(AGE.to_string());
            } else if let Some(years) = duration_in_years(&token.lower) {
                // `a year and a half`: the half comes after the unit.
                if self.is_and_a_half(end) && high.is_none() {
                    value += 0.5;
                    end += 3;
                }
                value *= years;
                high = high.map(|h| h * years);
                unit = Some("year".to_string());
                // Converted to years: a bare figure is read against it as
                // written ("a two-minute trailer" against "two").
                if years != 1.0 {
                    written_unit = duration_name(&token.lower).map(|name| (name, years));
                }
                // `two hours and 51 minutes`: one span of time.
                if high.is_none() {
                    if let Some((more, after)) = self.and_smaller_duration(end, years) {
                        value += more;
                        end = after;
                    }
                }
            } else if let Some(code) = currency_word(&token.lower) {
                unit = Some(code.to_string());
            } else {
                unit = Some(token.lemma.clone());
            }
        }
        if let Some(glued) = number.glued_suffix.as_deref() {
            // `5km`, `20kg` (a glued `m` stays ambiguous: metres or million).
            if let Some((base, size, name)) = measure_unit(glued, "").filter(|_| glued != "m") {
                value *= size;
                high = high.map(|h| h * size);
                unit = Some(base.to_string());
                written_unit = Some((name, size));
            }
            if let Some(years) = duration_in_years(glued) {
                value *= years;
                high = high.map(|h| h * years);
                unit = Some("year".to_string());
            }
        }
        if let Some((postfix, after)) = self.postfix_hedge(end) {
            if bound == Bound::Exact {
                bound = postfix;
                end = after;
            }
        }
        if !value.is_finite() || high.is_some_and(|h| !h.is_finite()) {
            return None;
        }
        if unit.is_none() && bound == Bound::Exact && self.is_age_apposition(first_token, end) {
            unit = Some(AGE.to_string());
        }
        let end_token = end.clamp(first_token + 1, self.tokens.len());
        let is_figure = self.tokens[first_token].kind == TokenKind::Number;
        Some(Quantity {
            start: self.tokens[index].start,
            end: self.tokens[end_token - 1].end,
            first_token,
            end_token,
            value,
            high,
            bound,
            unit,
            is_figure,
            is_exact_count: is_figure
                || small_number(&self.tokens[first_token].lower).is_some_and(|v| v >= 2.0),
            written_unit,
            modifiers,
        })
    }
}

/// Finds the quantities in `text`, in order, without overlaps. Tokens
/// inside `dates` are skipped, so years are not quantities.
pub fn find_quantities(_text: &str, tokens: &[Token], dates: &[DateMention]) -> Vec<Quantity> {
    let mut covered = vec![false; tokens.len()];
    for date in dates {
        let end = date.end_token.min(tokens.len());
        for flag in covered.iter_mut().take(end).skip(date.first_token) {
            *flag = true;
        }
    }
    let reader = Reader { tokens, covered };
    let mut quantities = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        match reader.quantity(index) {
            Some(quantity) => {
                index = quantity.end_token.max(index + 1);
                quantities.push(quantity);
            }
            None => index += 1,
        }
    }
    share_range_units(tokens, &mut quantities);
    quantities
}

/// The most words between the two ends of "from 38 takeoffs and landings
/// an hour to 56".
const RANGE_GAP: usize = 8;

/// "from 38 takeoffs an hour to 56", "from 38 to 56 takeoffs": the end
/// written without a unit counts what the other end counts. Units that
/// scale the value (durations, converted measures) are left alone: the
/// bare end would need converting too.
fn share_range_units(tokens: &[Token], quantities: &mut [Quantity]) {
    let word_before = |q: &Quantity| {
        q.first_token
            .checked_sub(1)
            .map(|i| tokens[i].lower.as_str())
    };
    for i in 1..quantities.len() {
        let (before, after) = quantities.split_at_mut(i);
        let (from, to) = (&mut before[i - 1], &mut after[0]);
        let is_range = word_before(from) == Some("from")
            && word_before(to) == Some("to")
            && to.first_token - from.end_token <= RANGE_GAP + 1
            && !tokens[from.end_token..to.first_token]
                .iter()
                .any(|t| matches!(t.text.as_str(), "." | ";" | "!" | "?"));
        let (bare, counted) = match (&from.unit, &to.unit) {
            (None, Some(_)) => (from, &*to),
            (Some(_), None) => (to, &*from),
            _ => continue,
        };
        let scales = counted.written_unit.is_some() || counted.unit.as_deref() == Some("year");
        if is_range && !scales {
            bare.unit = counted.unit.clone();
        }
    }
}

/// The values a quantity allows, with open or closed ends.
#[derive(Clone, Copy, Debug)]
struct Interval {
    low: f64,
    low_open: bool,
    high: f64,
    high_open: bool,
}

fn interval(quantity: &Quantity, tolerance: f64) -> Interval {
    let low = quantity.value;
    let top = quantity.high.unwrap_or(low).max(low);
    let closed = |low: f64, high: f64| Interval {
        low,
        low_open: false,
        high,
        high_open: false,
    };
    match quantity.bound {
        Bound::Exact => closed(low, top),
        Bound::Approximate => closed(low - tolerance * low.abs(), top + tolerance * top.abs()),
        Bound::MoreThan => Interval {
            low,
            low_open: true,
            high: f64::INFINITY,
            high_open: false,
        },
        // A plural scale word stays below the next scale up.
        Bound::AtLeast => Interval {
            low,
            low_open: false,
            high: quantity.high.unwrap_or(f64::INFINITY),
            high_open: quantity.high.is_some(),
        },
        Bound::LessThan => Interval {
            low: f64::NEG_INFINITY,
            low_open: false,
            high: top,
            high_open: true,
        },
        Bound::AtMost => closed(f64::NEG_INFINITY, top),
    }
}

/// `a` lies wholly below `b`.
fn is_below(a: &Interval, b: &Interval) -> bool {
    if close(a.high, b.low) {
        a.high_open || b.low_open
    } else {
        a.high < b.low
    }
}

fn is_strict(bound: Bound) -> bool {
    matches!(bound, Bound::MoreThan | Bound::LessThan)
}

/// Compares a statement's quantity with a passage's (values only: check
/// [`Quantity::has_compatible_unit`] first).
///
/// * `Equal`: the same value (and range end), unless one side is a strict
///   comparator the other is not (`more than 140` against 140 differs).
/// * Otherwise both become intervals (an approximate value widened by
///   [`APPROXIMATE_TOLERANCE`], a comparator open on one side, a range its
///   ends) and any overlap `Fits`: the passage value inside the statement's
///   hedge (`more than 140` against 149), the statement inside the passage's
///   (149 against `more than 140`), or two consistent comparators (`more
///   than 100` against `more than 140`). No overlap `Differs`. A bound
///   stronger than the passage's in the same direction differs (`more than
///   7 million` against `more than 3 million`).
/// * Two maxima (`up to`, `as many as`) fit only when equal: each names
///   the largest value, so `up to 241` and `up to 120` differ.
/// * Exact values get no tolerance at all: 150 against 149 differs.
/// * When both sides are approximate the tolerance is applied once (to the
///   statement), so `about 100` and `about 115` differ.
pub fn compare_quantities(statement: &Quantity, passage: &Quantity) -> QuantityMatch {
    let same_high = match (statement.high, passage.high) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    };
    let strict_mismatch = (is_strict(statement.bound) || is_strict(passage.bound))
        && statement.bound != passage.bound;
    if close(statement.value, passage.value) && same_high && !strict_mismatch {
        return QuantityMatch::Equal;
    }
    // Exact measures written in different units were converted, and one
    // side rounded: "656 feet" fits 200 metres.
    // A measure against a bare figure ("10-foot" against "10"): as written.
    let as_written = |q: &Quantity| {
        let size = q.written_unit.map_or(1.0, |(_, size)| size);
        Quantity {
            value: q.value / size,
            high: q.high.map(|h| h / size),
            written_unit: None,
            ..q.clone()
        }
    };
    let is_bare = |q: &Quantity| q.unit.is_none();
    if (is_bare(statement) && passage.written_unit.is_some())
        || (is_bare(passage) && statement.written_unit.is_some())
    {
        return compare_quantities(&as_written(statement), &as_written(passage));
    }
    let is_conversion = matches!(
        (statement.written_unit, passage.written_unit),
        (Some((a, _)), Some((b, _))) if a != b
    );
    let is_plain = |q: &Quantity| q.bound == Bound::Exact && q.high.is_none();
    if is_conversion && is_plain(statement) && is_plain(passage) {
        let scale = statement.value.abs().max(passage.value.abs());
        return if (statement.value - passage.value).abs() <= CONVERSION_TOLERANCE * scale {
            QuantityMatch::Fits
        } else {
            QuantityMatch::Differs
        };
    }
    // "up to 241 km" against "up to 120 km": each names the maximum, and
    // they name different ones.
    let both_counts = statement.is_exact_count && passage.is_exact_count;
    if both_counts && statement.bound == Bound::AtMost && passage.bound == Bound::AtMost {
        return QuantityMatch::Differs;
    }
    // Two bounds in the same direction: the statement's may be weaker than
    // the passage's ("more than 100" against "more than 140" follows from
    // it) but not stronger: "more than 7 million" against "more than 3
    // million" claims more than the passage says, and a passage that knew
    // of 7 million would have said so.
    let is_lower = |b: Bound| matches!(b, Bound::MoreThan | Bound::AtLeast);
    let is_upper = |b: Bound| matches!(b, Bound::LessThan | Bound::AtMost);
    if both_counts
        && is_lower(statement.bound)
        && is_lower(passage.bound)
        && statement.value > passage.value
    {
        return QuantityMatch::Differs;
    }
    if both_counts
        && is_upper(statement.bound)
        && is_upper(passage.bound)
        && statement.value < passage.value
    {
        return QuantityMatch::Differs;
    }
    let both_approximate =
        statement.bound == Bound::Approximate && passage.bound == Bound::Approximate;
    let passage_tolerance = if both_approximate {
        0.0
    } else {
        APPROXIMATE_TOLERANCE
    };
    let s = interval(statement, APPROXIMATE_TOLERANCE);
    let p = interval(passage, passage_tolerance);
    if is_below(&s, &p) || is_below(&p, &s) {
        QuantityMatch::Differs
    } else {
        QuantityMatch::Fits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{find_dates, tokenize};
    use crate::lexicon::lemma;

    fn quantities(text: &str) -> Vec<Quantity> {
        let tokens = tokenize(text);
        let dates = find_dates(text, &tokens);
        find_quantities(text, &tokens, &dates)
    }

    fn only(text: &str) -> Quantity {
        let found = quantities(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn value(text: &str) -> f64 {
        only(text).value
    }

    fn unit(text: &str) -> Option<String> {
        only(text).unit
    }

    fn compare(statement: &str, passage: &str) -> QuantityMatch {
        compare_quantities(&only(statement), &only(passage))
    }

    fn assert_close(a: f64, b: f64) {
        assert!(
            (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
            "{a} != {b}"
        );
    }

    #[test]
    fn thousands_with_a_blank_after_the_comma() {
        assert_eq!(value("about 3, 800 km from moscow"), 3_800_000.0);
        assert_eq!(
            value("to secure more than $ 800, 000 for the property"),
            800_000.0
        );
        assert_eq!(value("a village of 3, 000 people"), 3_000.0);
        assert_eq!(value("paid 1, 200, 000 dollars"), 1_200_000.0);
        assert!((value("right in 98. 7 per cent of cases") - 98.7).abs() < 1e-9);
        assert!((value("a deal for $ 1. 7 million") - 1.7e6).abs() < 1e-3);
        // A list stays a list.
        assert_eq!(quantities("scores of 3, 400 and 5").len(), 3);
    }

    #[test]
    fn hours_and_minutes_are_one_span() {
        assert_eq!(
            compare("lasted 171 minutes", "after two hours and 51 minutes"),
            QuantityMatch::Equal
        );
        assert_eq!(quantities("after two hours and 51 minutes").len(), 1);
        assert_eq!(
            compare("lasted 171 minutes", "after two hours"),
            QuantityMatch::Differs
        );
        assert_eq!(
            compare("a nearly two-minute trailer", "nearly two"),
            QuantityMatch::Equal
        );
    }

    #[test]
    fn an_age_is_not_a_duration() {
        assert_eq!(unit("The 36-year-old retired."), Some(AGE.into()));
        assert_eq!(
            quantities("Sapp, 42, was charged with two counts.")[0]
                .unit
                .as_deref(),
            Some(AGE)
        );
        assert_eq!(unit("He served 15 years at the club."), Some("year".into()));
        assert!(
            !only("The 36-year-old retired.").has_compatible_unit(&only("He played for 36 years."))
        );
    }

    #[test]
    fn the_words_before_the_counted_noun_are_its_modifiers() {
        let text = "The automaker will recall 19 Endurance pickups.";
        let tokens = tokenize(text);
        let found = only(text);
        let words: Vec<&str> = found.modifiers.map(|i| tokens[i].text.as_str()).collect();
        assert_eq!(words, ["Endurance"]);
        assert_eq!(found.unit.as_deref(), Some(lemma("pickups").as_str()));
        assert!(only("It bought 40 buses.").modifiers.is_empty());
        assert!(only("The fare rose 12%.").modifiers.is_empty());
    }

    #[test]
    fn a_model_designation_is_not_the_unit() {
        assert_eq!(unit("The order covers 36 CA-210 jets."), Some("jet".into()));
    }

    #[test]
    fn parses_thousands_separator() {
        assert_eq!(value("lost 15,000 soldiers"), 15_000.0);
        assert_eq!(value("grew 21.5 times"), 21.5);
        assert_eq!(value("1,234,567 votes"), 1_234_567.0);
        assert!(quantities("1,2,3").is_empty());
        assert!(quantities("version 1.2.3").is_empty());
    }

    #[test]
    fn parses_number_words() {
        assert_eq!(value("seven people"), 7.0);
        assert_eq!(value("twenty-one people"), 21.0);
        assert_eq!(value("ninety nine problems"), 99.0);
        assert_eq!(value("one hundred and five people"), 105.0);
        assert_eq!(value("two thousand three hundred soldiers"), 2300.0);
        assert_eq!(value("a dozen of the men"), 12.0);
        assert_eq!(value("half a dozen eggs"), 6.0);
        assert_eq!(value("a couple of days"), 2.0 / DAYS_PER_YEAR);
    }

    #[test]
    fn the_article_alone_is_not_one() {
        assert!(quantities("a man was arrested").is_empty());
        assert!(quantities("once a year").is_empty());
        assert!(quantities("no one was hurt").is_empty());
    }

    #[test]
    fn applies_scale_words() {
        assert_eq!(value("1.2 billion people"), 1.2e9);
        assert_eq!(value("two million people"), 2e6);
        assert_eq!(value("a million people"), 1e6);
        assert_eq!(value("15k people"), 15e3);
        assert_eq!(value("three hundred thousand people"), 3e5);
    }

    #[test]
    fn plural_scale_is_at_least_one_of_it() {
        let billions = only("frozen billions in assets");
        assert_eq!((billions.value, billions.bound), (1e9, Bound::AtLeast));
        let tens = only("tens of thousands of people");
        assert_eq!((tens.value, tens.bound), (1e4, Bound::AtLeast));
        assert_eq!(tens.unit, Some(lemma("people")));
        assert_eq!(only("dozens of the men").unit, Some(lemma("men")));
    }

    #[test]
    fn plural_scale_stays_below_the_next_scale_up() {
        assert_eq!(only("hundreds of homes").high, Some(1e3));
        assert_eq!(only("tens of thousands of people").high, Some(1e5));
        assert_eq!(only("dozens of ships").high, Some(2e2));
        assert_eq!(only("billions of dollars").high, Some(1e12));
    }

    #[test]
    fn reads_a_fraction_of_a_whole_as_a_percentage() {
        for (text, value) in [
            ("about a quarter of the company's sales", 25.0),
            ("Nearly two-thirds of the votes", 200.0 / 3.0),
            ("half of the schools", 50.0),
            ("three-quarters of the members", 75.0),
            ("a tenth of the harvest", 10.0),
        ] {
            let found = quantities(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert!((found[0].value - value).abs() < 1e-9, "{text}: {found:?}");
            assert_eq!(found[0].unit.as_deref(), Some("percent"), "{text}");
        }
    }

    #[test]
    fn a_fraction_of_a_span_or_a_period_is_not_a_share() {
        for text in [
            "a quarter of a century",
            "the first half of the year",
            "the third quarter of 2024",
            "a third runway",
        ] {
            let found = quantities(text);
            assert!(
                found.iter().all(|q| q.unit.as_deref() != Some("percent")),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn reads_money_and_percent() {
        let money = only("a $1.2 billion deal");
        assert_eq!((money.value, money.unit.as_deref()), (1.2e9, Some("usd")));
        assert_eq!(unit("1.2 billion dollars"), Some("usd".to_string()));
        assert_eq!(unit("1.2 billion US dollars"), Some("usd".to_string()));
        assert_eq!(value("$300 million"), 3e8);
        assert_eq!(value("$5m"), 5e6);
        assert_eq!(unit("€40 million"), Some("eur".to_string()));
        assert_eq!(unit("£3bn"), Some("gbp".to_string()));
        for text in ["60 percent", "60%", "60 per cent", "sixty percent"] {
            let q = only(text);
            assert_eq!(
                (q.value, q.unit.as_deref()),
                (60.0, Some("percent")),
                "{text}"
            );
        }
        assert_eq!(
            unit("rose 2 percentage points"),
            Some("percentage point".to_string())
        );
    }

    #[test]
    fn finds_head_noun() {
        assert_eq!(unit("149 people died"), Some(lemma("people")));
        assert_eq!(
            unit("40 battery-electric trains were ordered"),
            Some(lemma("trains"))
        );
        assert_eq!(unit("15,000 Soviet soldiers"), Some(lemma("soldiers")));
        assert_eq!(unit("a four-car train"), Some(lemma("car")));
        assert_eq!(unit("5 Texas towns"), Some(lemma("towns")));
        assert_eq!(unit("3 Russians"), Some(lemma("russians")));
        assert_eq!(unit("one man dies"), Some(lemma("man")));
        assert_eq!(unit("149 of the passengers"), Some(lemma("passengers")));
        assert_eq!(unit("they counted 149 in total"), None);
        // A measure is read in its dimension's base unit.
        assert_eq!(unit("5km"), Some("metre".to_string()));
    }

    #[test]
    fn span_covers_hedge_number_and_unit() {
        let text = "Officials said more than 140 people died.";
        let q = only(text);
        assert_eq!(&text[q.start..q.end], "more than 140 people");
        assert_eq!(tokenize(text)[q.first_token].text, "140");
        assert_eq!(
            tokenize(text)[q.first_token].start,
            q.start + "more than ".len()
        );
        let money = "cost about $1.2 billion.";
        let q = only(money);
        assert_eq!(&money[q.start..q.end], "about $1.2 billion");
    }

    #[test]
    fn reads_hedges() {
        let cases = [
            ("approximately 15,000", Bound::Approximate),
            ("around 15,000", Bound::Approximate),
            ("some 15,000 troops", Bound::Approximate),
            ("nearly four years", Bound::Approximate),
            ("an estimated 15,000", Bound::Approximate),
            ("c. 150 ships", Bound::Approximate),
            ("more than 140 people", Bound::MoreThan),
            ("over 140 people", Bound::MoreThan),
            ("in excess of 140", Bound::MoreThan),
            ("at least 140", Bound::AtLeast),
            ("no fewer than 140", Bound::AtLeast),
            ("140 or more", Bound::AtLeast),
            ("fewer than 140", Bound::LessThan),
            ("under 140", Bound::LessThan),
            ("up to 140", Bound::AtMost),
            ("no more than 140", Bound::AtMost),
            ("as many as 140", Bound::AtMost),
            ("140 or so", Bound::Approximate),
            ("140 people", Bound::Exact),
        ];
        for (text, bound) in cases {
            let q = only(text);
            assert_eq!(q.bound, bound, "{text}");
            assert!([140.0, 15_000.0, 4.0, 150.0].contains(&q.value), "{text}");
        }
    }

    #[test]
    fn reads_ranges() {
        for text in [
            "between 10 and 20 people",
            "10 to 20 people",
            "10-20 people",
            "ten or twenty people",
        ] {
            let q = only(text);
            assert_eq!((q.value, q.high), (10.0, Some(20.0)), "{text}");
            assert_eq!(q.unit, Some(lemma("people")), "{text}");
        }
        let scaled = only("between 10 and 20 million people");
        assert_eq!((scaled.value, scaled.high), (1e7, Some(2e7)));
        assert_eq!(quantities("rose from 10 to 20").len(), 2);
    }

    #[test]
    fn converts_durations() {
        assert_close(value("18 months"), 1.5);
        assert_close(value("a year and a half"), 1.5);
        assert_close(value("one and a half years"), 1.5);
        assert_close(value("6 months"), 0.5);
        assert_close(value("a decade"), 10.0);
        assert_close(value("two centuries"), 200.0);
        assert_close(value("an 18-month delay"), 1.5);
        assert_close(value("a one-year ban"), 1.0);
        assert!(quantities("a one-off payment").is_empty());
        assert!((value("3 weeks") - 0.0575).abs() < 1e-4);
        assert_eq!(unit("18 months"), Some("year".to_string()));
        assert_eq!(unit("a decade"), Some("year".to_string()));
        assert_eq!(
            compare("18 months", "a year and a half"),
            QuantityMatch::Equal
        );
        assert_eq!(compare("3 weeks", "21 days"), QuantityMatch::Equal);
        let old = only("a 28-year-old man");
        assert_eq!((old.value, old.unit.as_deref()), (28.0, Some(AGE)));
    }

    #[test]
    fn converts_measures_to_one_unit() {
        assert_eq!(
            compare("3.6 kilometres", "3,600 metres"),
            QuantityMatch::Equal
        );
        assert_eq!(compare("656 feet", "200 metres"), QuantityMatch::Fits);
        assert_eq!(compare("200 feet", "200 metres"), QuantityMatch::Differs);
        assert_eq!(
            compare("roughly 3.6 miles", "3,600 metres"),
            QuantityMatch::Differs
        );
        assert_eq!(
            compare("about 8 square kilometres", "800 hectares"),
            QuantityMatch::Equal
        );
        assert_eq!(
            compare("12 million kilograms", "12,000 tonnes"),
            QuantityMatch::Equal
        );
        assert_eq!(unit("5km"), Some("metre".to_string()));
        assert_eq!(unit("20 acres"), Some("square metre".to_string()));
        // Against a figure with no unit, the measure is read as written.
        assert_eq!(
            compare("a 10-foot-deep pit", "it was 10 ."),
            QuantityMatch::Equal
        );
    }

    #[test]
    fn skips_years() {
        assert!(quantities("in 1989").is_empty());
        assert!(quantities("between 1987 and 1991").is_empty());
        let found = quantities("In 1989, 149 people died");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value, 149.0);
        assert_eq!(value("1989 people died"), 1989.0);
    }

    #[test]
    fn the_ends_of_a_range_count_the_same_thing() {
        let units = |text: &str| -> Vec<Option<String>> {
            quantities(text).into_iter().map(|q| q.unit).collect()
        };
        let takeoff = Some(lemma("takeoffs"));
        assert_eq!(
            units("capacity from 38 takeoffs and landings an hour to 56"),
            [takeoff.clone(), takeoff.clone()]
        );
        assert_eq!(units("from 38 to 56 takeoffs"), [takeoff.clone(), takeoff]);
        // Not a range: the bare figure stays bare.
        assert_eq!(units("38 takeoffs, up 56"), [Some(lemma("takeoffs")), None]);
    }

    #[test]
    fn skips_ordinals() {
        assert!(quantities("the 21st century").is_empty());
        assert!(quantities("the third attempt").is_empty());
        assert!(quantities("in the 1980s").is_empty());
    }

    #[test]
    fn a_stronger_bound_than_the_passage_differs() {
        assert_eq!(
            compare("more than 7 million", "more than 3 million"),
            QuantityMatch::Differs
        );
        assert_eq!(
            compare("at least 200", "more than 100"),
            QuantityMatch::Differs
        );
        assert_eq!(
            compare("fewer than 50", "fewer than 100"),
            QuantityMatch::Differs
        );
        assert_eq!(
            compare("fewer than 100", "fewer than 50"),
            QuantityMatch::Fits
        );
        // A count in words is as exact as one in digits.
        assert_eq!(
            compare("at least three people", "at least two people"),
            QuantityMatch::Differs
        );
        assert_eq!(
            compare("at least two people", "at least three people"),
            QuantityMatch::Fits
        );
        // Rough amounts in words are not figures to hold to.
        assert_eq!(
            compare("tens of thousands of times", "thousands of times"),
            QuantityMatch::Fits
        );
    }

    #[test]
    fn two_maxima_fit_only_when_equal() {
        assert_eq!(
            compare("up to 241 km", "up to 120 km"),
            QuantityMatch::Differs
        );
        assert_eq!(
            compare("up to 100 km", "up to 120 km"),
            QuantityMatch::Differs
        );
        assert_eq!(
            compare("up to 120 km", "up to 120 km"),
            QuantityMatch::Equal
        );
        assert_eq!(compare("100 km", "up to 120 km"), QuantityMatch::Fits);
    }

    #[test]
    fn supports_more_than_comparator() {
        assert_eq!(
            compare("more than 140 people", "149 people"),
            QuantityMatch::Fits
        );
        assert_eq!(
            compare("149 people", "more than 140 people"),
            QuantityMatch::Fits
        );
        assert_eq!(
            compare("more than 140 people", "140 people"),
            QuantityMatch::Differs
        );
        assert_eq!(
            compare("more than 140", "more than 140"),
            QuantityMatch::Equal
        );
        assert_eq!(compare("less than 100", "149"), QuantityMatch::Differs);
        assert_eq!(compare("at least 140", "140"), QuantityMatch::Equal);
        assert_eq!(
            compare("more than 100", "more than 140"),
            QuantityMatch::Fits
        );
        assert_eq!(
            compare("up to 100", "more than 140"),
            QuantityMatch::Differs
        );
    }

    #[test]
    fn approximate_tolerance() {
        assert_eq!(
            compare("around 15,000", "approximately 15,000"),
            QuantityMatch::Equal
        );
        assert_eq!(
            compare("approximately 15,000", "14,700"),
            QuantityMatch::Fits
        );
        assert_eq!(
            compare("14,700", "approximately 15,000"),
            QuantityMatch::Fits
        );
        assert_eq!(
            compare("approximately 15,000", "12,000"),
            QuantityMatch::Differs
        );
        assert_eq!(
            compare("nearly four years", "nearly four years"),
            QuantityMatch::Equal
        );
        assert_eq!(
            compare("nearly eight years", "nearly four years"),
            QuantityMatch::Differs
        );
        assert_eq!(compare("about 100", "about 115"), QuantityMatch::Differs);
    }

    #[test]
    fn exact_values_differ() {
        assert_eq!(compare("150 people", "149 people"), QuantityMatch::Differs);
        assert_eq!(
            compare("$1.2 billion", "$2.1 billion"),
            QuantityMatch::Differs
        );
        assert_eq!(compare("149 people", "149 people"), QuantityMatch::Equal);
    }

    #[test]
    fn value_inside_range_fits() {
        assert_eq!(
            compare("15 people", "between 10 and 20 people"),
            QuantityMatch::Fits
        );
        assert_eq!(
            compare("between 10 and 20 people", "15 people"),
            QuantityMatch::Fits
        );
        assert_eq!(compare("25 people", "10-20 people"), QuantityMatch::Differs);
        assert_eq!(
            compare("10-20 people", "10 to 20 people"),
            QuantityMatch::Equal
        );
    }

    #[test]
    fn plural_scale_fits_larger_values() {
        assert_eq!(
            compare("billions in assets", "$300 billion"),
            QuantityMatch::Fits
        );
        assert_eq!(
            compare("billions in assets", "$500 million"),
            QuantityMatch::Differs
        );
        assert_eq!(
            compare("1,612 ships", "dozens of ships"),
            QuantityMatch::Differs
        );
        assert_eq!(compare("40 ships", "dozens of ships"), QuantityMatch::Fits);
        assert_eq!(
            compare("billions of dollars", "millions of dollars"),
            QuantityMatch::Differs
        );
        assert_eq!(
            compare("hundreds of people", "hundreds of people"),
            QuantityMatch::Equal
        );
    }

    #[test]
    fn units_compatibility() {
        let people = only("149 people");
        let trains = only("149 trains");
        let bare = only("killed 149");
        assert!(!people.has_compatible_unit(&trains));
        assert!(people.has_compatible_unit(&bare));
        assert!(people.has_compatible_unit(&only("150 people")));
    }

    #[test]
    fn no_panic_and_spans_in_text() {
        let nasty = [
            "",
            " ",
            "...",
            "1,2,3",
            "999999999999999999999",
            "999999999999999999999 billion trillion dollars",
            "1e308",
            "$",
            "$ $ $",
            "between",
            "between 10 and",
            "more than",
            "a",
            "half a",
            "and a half",
            "twenty-",
            "-5",
            "10-",
            "10 - - 20",
            "1.",
            ".5",
            "1,000,00",
            "tens of",
            "US$",
            "50%%",
            "Ünïcödé 15 € — 中文 20年 “30”",
            "nearly four-year-old",
            "a year and a",
            "12345678901234567890123456789012345678901234567890 people",
        ];
        for text in nasty {
            let tokens = tokenize(text);
            let dates = find_dates(text, &tokens);
            for q in find_quantities(text, &tokens, &dates) {
                assert!(q.start <= q.end && q.end <= text.len(), "{text}");
                assert!(
                    text.is_char_boundary(q.start) && text.is_char_boundary(q.end),
                    "{text}"
                );
                assert!(q.first_token < q.end_token, "{text}");
                assert!(q.end_token <= tokens.len(), "{text}");
                assert!(q.value.is_finite(), "{text}");
            }
        }
        assert_eq!(value("999999999999999999999"), 1e21);
    }

    #[test]
    fn no_panic_on_generated_input() {
        // Deterministic mixes of fragments that exercise every branch.
        let pieces = [
            "a", "half", "and", "between", "more", "than", "$", "US", "€", "1,200", "1.5", "15k",
            "21st", "1989", "1980s", "-", "–", "twenty", "one", "hundred", "million", "billions",
            "of", "the", "people", "years", "months", "or", "so", "%", "per", "cent", "May", "3",
            ",", ".", "last", "year", "ago", "mid", "to", "+", "Monday", "dozen", "decade",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..8 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                let piece = pieces[(state >> 33) as usize % pieces.len()];
                text.push_str(piece);
                if state & 1 == 0 {
                    text.push(' ');
                }
            }
            let tokens = tokenize(&text);
            let dates = find_dates(&text, &tokens);
            for q in find_quantities(&text, &tokens, &dates) {
                assert!(q.end <= text.len() && q.start <= q.end, "{text}");
                assert!(
                    q.value.is_finite() && q.high.is_none_or(f64::is_finite),
                    "{text}"
                );
                let _ = compare_quantities(&q, &q);
            }
        }
    }
}
