//! A stable fingerprint of a corpus, naming the on-disk index built from it.
//!
//! The fingerprint must not change between runs, builds or platforms, so it
//! uses XXH3 (a specified hash) rather than std's `DefaultHasher`, whose
//! output is allowed to change between Rust releases. It covers everything
//! that decides the index's contents: each document's path, size and
//! content hash (and each reviewed-claims file's, when there are any), the
//! schema and segmentation version, and the versions of this crate and
//! tantivy. The documents' sizes and hashes come from an earlier run's
//! record when their files are unchanged, so that reusing an index reads
//! no document.

use xxhash_rust::xxh3::Xxh3;

use crate::ingest::Corpus;

/// Version of the index schema and of the way documents become passages.
/// Bump it whenever either changes, so that old indexes are rebuilt.
pub const SCHEMA_VERSION: u32 = 4;

/// The corpus's fingerprint: 32 lower-case hex digits.
///
/// ```
/// use factcheck::{index::fingerprint, ingest::Corpus};
///
/// let corpus = Corpus::from_texts(vec![("a.txt".into(), "A cat.".into())]);
/// assert_eq!(fingerprint(&corpus), fingerprint(&corpus.clone()));
/// assert_eq!(fingerprint(&corpus).len(), 32);
/// ```
pub fn fingerprint(corpus: &Corpus) -> String {
    let mut hasher = Xxh3::new();
    let add_str = |hasher: &mut Xxh3, text: &str| {
        hasher.update(&(text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    };
    add_str(&mut hasher, "factcheck passage index");
    hasher.update(&SCHEMA_VERSION.to_le_bytes());
    add_str(&mut hasher, env!("CARGO_PKG_VERSION"));
    add_str(&mut hasher, tantivy::version_string());
    // Documents known from a record need not be read for their digest.
    hasher.update(&corpus.documents.digest().to_le_bytes());
    // Only a corpus with reviewed claims hashes this part.
    if !corpus.reviewed.is_empty() {
        add_str(&mut hasher, "reviewed claims");
        hasher.update(&corpus.reviewed_digest().to_le_bytes());
    }
    format!("{:032x}", hasher.digest128())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(texts: &[(&str, &str)]) -> Corpus {
        Corpus::from_strs(texts)
    }

    #[test]
    fn fingerprint_is_hex_and_stable() {
        let a = fingerprint(&corpus(&[("a.txt", "A cat sat.")]));
        assert_eq!(a, fingerprint(&corpus(&[("a.txt", "A cat sat.")])));
        assert_eq!(a.len(), 32);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_uppercase()));
    }

    #[test]
    fn fingerprint_changes_with_content_path_and_split() {
        let base = fingerprint(&corpus(&[("a.txt", "A cat sat.")]));
        assert_ne!(base, fingerprint(&corpus(&[("a.txt", "A cat sad.")])));
        assert_ne!(base, fingerprint(&corpus(&[("b.txt", "A cat sat.")])));
        // Moving text between documents changes it too.
        assert_ne!(
            fingerprint(&corpus(&[("a.txt", "ab"), ("b.txt", "c")])),
            fingerprint(&corpus(&[("a.txt", "a"), ("b.txt", "bc")]))
        );
    }

    #[test]
    fn fingerprint_covers_reviewed_claims() {
        let plain = corpus(&[("a.txt", "A cat sat.")]);
        let file = |text: &str| {
            crate::ingest::ReviewedFile::read("a.claims.jsonl", text.as_bytes(), u64::MAX)
                .unwrap()
                .unwrap()
        };
        let mut reviewed = plain.clone();
        reviewed.reviewed.push(file("{}"));
        assert_ne!(fingerprint(&plain), fingerprint(&reviewed));
        let mut changed = reviewed.clone();
        changed.reviewed[0] = file("{ }");
        assert_ne!(fingerprint(&reviewed), fingerprint(&changed));
    }

    #[test]
    fn fingerprint_ignores_corpus_name() {
        let mut renamed = corpus(&[("a.txt", "A cat sat.")]);
        renamed.name = "elsewhere".to_string();
        assert_eq!(
            fingerprint(&renamed),
            fingerprint(&corpus(&[("a.txt", "A cat sat.")]))
        );
    }
}
