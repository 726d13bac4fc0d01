//! The embedded lexicon tables and the one line format they share.
//!
//! Every table is UTF-8 text: `#` starts a comment line, blank lines are
//! skipped, fields are separated by a tab, and list fields by `|` (names)
//! or a space (word groups). Parsing never panics: a malformed line is
//! skipped at run time, and `tables_parse_without_errors` keeps the
//! committed files free of them.

/// Inflected form -> base form, from WordNet's exception lists.
pub(crate) const IRREGULAR: &str = include_str!("../../data/lexicon/irregular.tsv");
/// One stop word a line, hand-curated.
pub(crate) const STOP_WORDS: &str = include_str!("../../data/lexicon/stop_words.txt");
/// Lemma pairs: synonyms (WordNet + curated), reduced to lemmas.
pub(crate) const SYNONYMS: &str = include_str!("../../data/lexicon/compiled/synonyms.tsv");
/// Lemma pairs: news paraphrases (`die`/`kill`), reduced to lemmas.
pub(crate) const PARAPHRASES: &str = include_str!("../../data/lexicon/compiled/paraphrases.tsv");
/// Lemma pairs: antonyms and exclusive alternatives, reduced to lemmas.
pub(crate) const ANTONYMS: &str = include_str!("../../data/lexicon/compiled/antonyms.tsv");
/// Lemma pairs: derivationally related words, reduced to lemmas.
pub(crate) const DERIVED: &str = include_str!("../../data/lexicon/compiled/derived.tsv");
/// Directed lemma pairs `specific<TAB>general`: WordNet noun hypernyms.
pub(crate) const HYPERNYMS: &str = include_str!("../../data/lexicon/compiled/hypernyms.tsv");
/// Places: canonical name, kind, aliases, demonyms.
pub(crate) const PLACES: &str = include_str!("../../data/lexicon/places.tsv");
/// Other well-known names: canonical name, aliases.
pub(crate) const ALIASES: &str = include_str!("../../data/lexicon/aliases.tsv");

/// A fast, non-cryptographic hasher for the lexicon maps (the FxHash
/// function of rustc and Firefox). The keys are static words of our own
/// tables, so hash flooding is not a concern, and SipHash made building
/// the maps several times slower at start-up.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Hash maps and sets of the lexicon, with [`FxHasher`].
pub(crate) type BuildFx = std::hash::BuildHasherDefault<FxHasher>;
pub(crate) type FxHashMap<K, V> = std::collections::HashMap<K, V, BuildFx>;
pub(crate) type FxHashSet<T> = std::collections::HashSet<T, BuildFx>;

/// The number of data lines of a table: a capacity hint.
pub(crate) fn count_lines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

/// Whether the line `a<TAB>b` is in `text`, a table whose data lines are
/// sorted byte-wise: a binary search over the text itself. Lookups at run
/// time go through hash sets now (see `relations::holds`: the search was
/// 35% of a batch); the tests keep this to check the compiled tables are
/// sorted and complete. Comment lines start with `#`, which sorts before
/// every word, so a header does not disturb the order.
#[cfg(test)]
pub(crate) fn contains_pair(text: &str, a: &str, b: &str) -> bool {
    use std::cmp::Ordering;

    let bytes = text.as_bytes();
    let (a, b) = (a.as_bytes(), b.as_bytes());
    // `low` and `high` are always line starts (or the end of the text).
    let (mut low, mut high) = (0, bytes.len());
    while low < high {
        let mid = low + (high - low) / 2;
        let start = bytes[low..mid]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(low, |p| low + p + 1);
        let end = bytes[start..high]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(high, |p| start + p);
        let line = &bytes[start..end];
        // Byte order of "a<TAB>b" lines is the order of (a, b): the tab
        // sorts before every byte a word may hold.
        let order = match line.iter().position(|&c| c == b'\t') {
            Some(tab) => line[..tab].cmp(a).then_with(|| line[tab + 1..].cmp(b)),
            None => line.cmp(a).then(Ordering::Less), // a comment or stray line
        };
        match order {
            Ordering::Equal => return true,
            Ordering::Less => low = (end + 1).min(high),
            Ordering::Greater => high = start,
        }
    }
    false
}

/// The data lines of a table: no comments, no blank lines.
pub(crate) fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

/// A line of exactly two non-empty tab-separated fields.
pub(crate) fn pair(line: &str) -> Option<(&str, &str)> {
    let mut fields = line.split('\t');
    let a = fields.next()?;
    let b = fields.next()?;
    if fields.next().is_some() || !is_word(a) || !is_word(b) {
        return None;
    }
    Some((a, b))
}

/// A line of two or more space-separated words (the source tables; the
/// compiled ones hold pairs).
#[cfg(test)]
pub(crate) fn group(line: &str) -> Option<Vec<&str>> {
    let words: Vec<&str> = line.split(' ').collect();
    if words.len() < 2 || !words.iter().all(|w| is_word(w)) {
        return None;
    }
    Some(words)
}

/// A single lower-case word: letters, possibly an apostrophe.
pub(crate) fn is_word(word: &str) -> bool {
    if word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
        return !word.is_empty(); // the common case, checked cheaply
    }
    word.chars()
        .all(|c| c == '\'' || (c.is_alphabetic() && !c.is_uppercase()))
}

/// A `|`-separated list field; an empty field is an empty list.
pub(crate) fn list(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').filter(|item| !item.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pairs_and_groups() {
        assert_eq!(pair("allow\tban"), Some(("allow", "ban")));
        assert_eq!(pair("allow ban"), None);
        assert_eq!(pair("allow\tban\tx"), None);
        assert_eq!(pair("Allow\tban"), None);
        assert_eq!(group("buy purchas"), Some(vec!["buy", "purchas"]));
        assert_eq!(group("buy"), None);
        assert_eq!(group("buy  purchas"), None);
        assert_eq!(data_lines("# c\n\na\tb\n").count(), 1);
    }

    #[test]
    fn finds_pairs_in_sorted_text() {
        let text = "# header, any text\n# more\nab\tx\nabc\ta\nb\tc\nb\tcd\nzed\tzz";
        for (a, b) in [
            ("ab", "x"),
            ("abc", "a"),
            ("b", "c"),
            ("b", "cd"),
            ("zed", "zz"),
        ] {
            assert!(contains_pair(text, a, b), "{a} {b}");
        }
        for (a, b) in [
            ("ab", "y"),
            ("a", "bx"),
            ("b", "d"),
            ("", ""),
            ("zz", "z"),
            ("#", "x"),
        ] {
            assert!(!contains_pair(text, a, b), "{a} {b}");
        }
        assert!(!contains_pair("", "a", "b"));
        assert!(contains_pair("a\tb\n", "a", "b"));
    }

    #[test]
    fn compiled_tables_are_sorted_and_ordered() {
        for text in [SYNONYMS, PARAPHRASES, ANTONYMS, DERIVED] {
            let lines: Vec<&str> = data_lines(text).collect();
            assert!(lines.windows(2).all(|w| w[0] < w[1]), "unsorted table");
            for line in lines {
                let (a, b) = pair(line).expect("a pair");
                assert!(a < b, "{line:?}");
                assert!(contains_pair(text, a, b), "{line:?}");
            }
        }
    }
}
