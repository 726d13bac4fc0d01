//! Names of places and well-known organisations: aliases mapped to one
//! canonical name, demonyms mapped to their place.
//!
//! A statement about "the U.S." is supported by a passage about "the
//! United States", and one about "Afghan officials" speaks of
//! `afghanistan`, not `iraq`. Places are countries, former countries,
//! territories, continents, regions, capitals and other large cities, and
//! US states; "Georgia" is the country and "Washington" is neither the
//! city nor the state (both go by fuller names). The tables (`data/lexicon/places.tsv`,
//! `data/lexicon/aliases.tsv`) are general world knowledge, curated by
//! hand.
//!
//! Lookups take a lower-case phrase. Periods are removed, runs of white
//! space collapsed and a leading "the " ignored, so "the u.s." finds the
//! same name as "us". Some aliases are also common words (`us`, `is` for
//! the Islamic State, `who`, `fed`): callers should ask only about phrases
//! they already take to be names.

use std::sync::OnceLock;

use super::tables::{self, FxHashMap};

/// What the names tables know, built once.
pub(crate) struct Names {
    /// Canonical name or alias -> canonical name.
    canonical: FxHashMap<&'static str, &'static str>,
    /// Demonym -> canonical place name.
    demonyms: FxHashMap<&'static str, &'static str>,
    /// Canonical place name -> kind (`country`, `continent`, ...).
    places: FxHashMap<&'static str, &'static str>,
}

/// One row of `places.tsv`.
pub(crate) struct PlaceRow<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub aliases: Vec<&'a str>,
    pub demonyms: Vec<&'a str>,
}

/// The kinds of place `places.tsv` may name.
pub(crate) const PLACE_KINDS: [&str; 7] = [
    "country",
    "former country",
    "territory",
    "continent",
    "region",
    "city",
    "us state",
];

/// Parses one data line of `places.tsv`.
pub(crate) fn place_row(line: &str) -> Option<PlaceRow<'_>> {
    let mut fields = line.split('\t');
    let name = fields.next().filter(|f| is_name(f))?;
    let kind = fields.next().filter(|f| PLACE_KINDS.contains(f))?;
    let aliases: Vec<&str> = tables::list(fields.next()?).collect();
    let demonyms: Vec<&str> = tables::list(fields.next()?).collect();
    if fields.next().is_some() || !aliases.iter().chain(&demonyms).all(|f| is_name(f)) {
        return None;
    }
    Some(PlaceRow {
        name,
        kind,
        aliases,
        demonyms,
    })
}

/// Parses one data line of `aliases.tsv`: the name and its aliases.
pub(crate) fn alias_row(line: &str) -> Option<(&str, Vec<&str>)> {
    let mut fields = line.split('\t');
    let name = fields.next().filter(|f| is_name(f))?;
    let aliases: Vec<&str> = tables::list(fields.next()?).collect();
    if fields.next().is_some() || !aliases.iter().all(|f| is_name(f)) {
        return None;
    }
    Some((name, aliases))
}

/// A name as the tables must spell it: lower case, no periods, single
/// spaces, no leading "the ".
pub(crate) fn is_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_uppercase() || c == '.' || c == '\t')
        && name.trim() == name
        && !name.contains("  ")
}

/// A leading "the " removed; a slice, so table keys need no allocation.
fn without_article(name: &str) -> &str {
    name.strip_prefix("the ").unwrap_or(name)
}

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(build_names)
}

/// Builds the name maps; `pub(crate)` so that start-up cost can be timed.
pub(crate) fn build_names() -> Names {
    {
        let mut names = Names {
            canonical: FxHashMap::default(),
            demonyms: FxHashMap::default(),
            places: FxHashMap::default(),
        };
        for row in tables::data_lines(tables::PLACES).filter_map(place_row) {
            names.places.insert(row.name, row.kind);
            names.canonical.insert(without_article(row.name), row.name);
            for alias in row.aliases {
                names.canonical.insert(without_article(alias), row.name);
            }
            for demonym in row.demonyms {
                names.demonyms.insert(demonym, row.name);
            }
        }
        for (name, aliases) in tables::data_lines(tables::ALIASES).filter_map(alias_row) {
            names.canonical.insert(without_article(name), name);
            for alias in aliases {
                names.canonical.insert(without_article(alias), name);
            }
        }
        names
    }
}

/// `phrase` lower-cased, periods removed, white space collapsed, a
/// leading "the " removed: "The U.S." -> "us".
///
/// A phrase that is already so (one lower-case word, the common case) is
/// returned as is: this runs for every word the comparison looks up, and
/// building a new string each time was a quarter of a comparison's time.
fn normalize(phrase: &str) -> std::borrow::Cow<'_, str> {
    let is_plain = !phrase.is_empty()
        && phrase
            .chars()
            .all(|c| c != '.' && c != '’' && !c.is_whitespace() && !c.is_uppercase());
    if is_plain {
        return std::borrow::Cow::Borrowed(phrase);
    }
    let cleaned: String = phrase
        .chars()
        .filter(|&c| c != '.')
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    std::borrow::Cow::Owned(without_article(&collapsed).to_string())
}

/// The canonical name of a place or well-known organisation, from any of
/// its names: `us`, `u.s.`, `usa`, `america` and `united states of
/// america` all give `united states`; `ussr` gives `soviet union`.
///
/// ```
/// use factcheck::lexicon::canonical_name;
/// assert_eq!(canonical_name("u.s."), Some("united states"));
/// assert_eq!(canonical_name("great britain"), Some("united kingdom"));
/// assert_eq!(canonical_name("isil"), Some("islamic state"));
/// assert_eq!(canonical_name("banana"), None);
/// ```
pub fn canonical_name(phrase_lower: &str) -> Option<&'static str> {
    names()
        .canonical
        .get(normalize(phrase_lower).as_ref())
        .copied()
}

/// The place a demonym or proper adjective refers to, as a canonical name:
/// `afghan` and `afghans` give `afghanistan`, `soviet` gives `soviet
/// union`, `american` gives `united states`.
///
/// ```
/// use factcheck::lexicon::demonym_place;
/// assert_eq!(demonym_place("iraqis"), Some("iraq"));
/// assert_eq!(demonym_place("british"), Some("united kingdom"));
/// ```
pub fn demonym_place(word_lower: &str) -> Option<&'static str> {
    let word = normalize(word_lower);
    let demonyms = &names().demonyms;
    if let Some(place) = demonyms.get(word.as_ref()) {
        return Some(place);
    }
    // Plurals: "afghans", "iraqis"; "swiss" and "chinese" are found above.
    word.strip_suffix('s')
        .and_then(|singular| demonyms.get(singular))
        .copied()
}

impl Names {
    /// Number of names known (canonical names and aliases).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.canonical.len()
    }
}

/// Whether a name (canonical or alias) is a place: a country, a former
/// country, a territory, a continent, a region, a capital or other large
/// city, or a US state. Two different canonical places are different
/// places, though one may contain the other (`kabul` is in
/// `afghanistan`); the tables do not record containment.
pub fn is_place(name_lower: &str) -> bool {
    canonical_name(name_lower).is_some_and(|name| names().places.contains_key(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_share_a_canonical_name() {
        for alias in [
            "U.S.",
            "us",
            "usa",
            "America",
            "united states",
            "the United States",
            "united states of america",
        ] {
            assert_eq!(canonical_name(alias), Some("united states"), "{alias}");
        }
        for alias in ["uk", "u.k.", "britain", "great britain", "united kingdom"] {
            assert_eq!(canonical_name(alias), Some("united kingdom"), "{alias}");
        }
        assert_eq!(canonical_name("ussr"), Some("soviet union"));
        assert_eq!(canonical_name("un"), Some("united nations"));
        assert_eq!(canonical_name("dprk"), Some("north korea"));
        assert_eq!(canonical_name("rok"), Some("south korea"));
        assert_eq!(canonical_name("prc"), Some("china"));
        assert_eq!(canonical_name("isis"), Some("islamic state"));
        assert_eq!(
            canonical_name("world  health   organization"),
            Some("world health organization")
        );
        assert_ne!(canonical_name("north korea"), canonical_name("south korea"));
        assert_eq!(canonical_name("banana"), None);
        assert_eq!(canonical_name(""), None);
    }

    #[test]
    fn demonyms_map_to_places() {
        assert_eq!(demonym_place("afghan"), Some("afghanistan"));
        assert_eq!(demonym_place("afghans"), Some("afghanistan"));
        assert_eq!(demonym_place("iraqi"), Some("iraq"));
        assert_eq!(demonym_place("soviet"), Some("soviet union"));
        assert_eq!(demonym_place("americans"), Some("united states"));
        assert_eq!(demonym_place("swiss"), Some("switzerland"));
        assert_eq!(demonym_place("chinese"), Some("china"));
        assert_eq!(demonym_place("european"), Some("europe"));
        assert_ne!(demonym_place("afghan"), demonym_place("iraqi"));
        assert_eq!(demonym_place("table"), None);
        assert_eq!(demonym_place("s"), None);
    }

    #[test]
    fn every_demonym_place_is_a_place() {
        for row in tables::data_lines(tables::PLACES).filter_map(place_row) {
            for demonym in row.demonyms {
                let place = demonym_place(demonym).expect("demonym found");
                assert!(is_place(place), "{demonym} -> {place}");
            }
        }
    }

    #[test]
    fn places_are_told_apart_from_other_names() {
        assert!(is_place("afghanistan"));
        assert!(is_place("the u.s."));
        assert!(is_place("africa"));
        assert!(is_place("soviet union"));
        assert!(!is_place("united nations"));
        assert!(!is_place("nato"));
        assert!(!is_place("banana"));
        assert!(is_place("kabul"));
        assert!(is_place("kiev"));
        assert_eq!(canonical_name("kiev"), Some("kyiv"));
        assert!(is_place("texas"));
        assert_eq!(canonical_name("georgia"), Some("georgia"));
    }

    #[test]
    fn lookups_accept_any_input() {
        for phrase in ["", ".", " . ", "the", "the ", "'", "日本", "s", "ß"] {
            let _ = canonical_name(phrase);
            let _ = demonym_place(phrase);
            let _ = is_place(phrase);
        }
    }
}
