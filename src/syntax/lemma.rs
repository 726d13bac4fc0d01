//! Lemmas: the treebank's lemma of each (word, fine tag) pair seen in
//! training where suffix rules get it wrong, and suffix rules for the rest
//! (`attacks`/NNS -> `attack`, `stopped`/VBD -> `stop`).
//!
//! These are dictionary lemmas (`was` -> `be`, `children` -> `child`), not
//! the stemmed comparison keys of [`crate::extract::Token::lemma`].

use super::perceptron::{find_record, hash_str};

/// The lemma the suffix rules give `form` with fine tag `xpos`.
pub(crate) fn by_rule(form: &str, xpos: &str) -> String {
    let lower = form.to_lowercase().replace('’', "'");
    match xpos {
        "NNP" => form.to_string(),
        "NNPS" => form.strip_suffix('s').unwrap_or(form).to_string(),
        "NNS" | "VBZ" => plural(&lower),
        "VBD" | "VBN" => suffix(&lower, "ed").unwrap_or(lower),
        "VBG" => suffix(&lower, "ing").unwrap_or(lower),
        "JJR" | "RBR" => suffix(&lower, "er").unwrap_or(lower),
        "JJS" | "RBS" => suffix(&lower, "est").unwrap_or(lower),
        "CD" => form.to_string(),
        _ if form == "I" => form.to_string(),
        _ => lower,
    }
}

fn plural(word: &str) -> String {
    if word.len() > 4 {
        if let Some(stem) = word.strip_suffix("ies") {
            return format!("{stem}y");
        }
    }
    for ending in ["sses", "shes", "ches", "xes", "zes"] {
        if let Some(stem) = word.strip_suffix(ending) {
            return format!("{stem}{}", &ending[..ending.len() - 2]);
        }
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") || word.len() <= 3 {
        return word.to_string();
    }
    word.strip_suffix('s').unwrap_or(word).to_string()
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// `stopped` -> `stop`, `carried` -> `carry`, `created` -> `create`.
fn suffix(word: &str, ending: &str) -> Option<String> {
    let stem = word.strip_suffix(ending)?;
    let bytes = stem.as_bytes();
    if bytes.len() < 2 || !stem.is_ascii() {
        return None;
    }
    if ending != "ing" && bytes[bytes.len() - 1] == b'i' {
        return Some(format!("{}y", &stem[..stem.len() - 1]));
    }
    let (last, before) = (bytes[bytes.len() - 1], bytes[bytes.len() - 2]);
    if last == before && !is_vowel(last) && !matches!(last, b'l' | b's' | b'z' | b'f') {
        return Some(stem[..stem.len() - 1].to_string());
    }
    let wants_e = [
        "at", "iz", "uc", "bl", "pl", "dl", "tl", "gl", "rg", "dg", "ns", "rs", "ur",
    ]
    .iter()
    .any(|e| stem.ends_with(e))
        || matches!(last, b'v' | b'c')
        || (bytes.len() >= 3
            && !is_vowel(last)
            && !matches!(last, b'w' | b'x' | b'y' | b'r' | b'n')
            && is_vowel(before)
            && !is_vowel(bytes[bytes.len() - 3])
            && bytes.len() <= 4);
    Some(if wants_e {
        format!("{stem}e")
    } else {
        stem.to_string()
    })
}

/// The key of a (lower-case form, fine tag) pair in the lemma table.
pub(crate) fn key(lower: &str, xpos: &str) -> u64 {
    hash_str(lower) ^ hash_str(xpos).rotate_left(17)
}

/// Lemma exceptions read in place: sorted records (key u64, offset u32,
/// length u8) and a pool of lemma bytes.
#[derive(Clone, Copy)]
pub(crate) struct Lemmas<'a> {
    pub records: &'a [u8],
    pub pool: &'a [u8],
}

const RECORD: usize = 13;

impl Lemmas<'_> {
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        let lower = form.to_lowercase().replace('’', "'");
        let record = find_record(self.records, RECORD, key(&lower, xpos));
        if let Some(r) = record {
            let at = u32::from_le_bytes(r[..4].try_into().unwrap()) as usize;
            let len = r[4] as usize;
            if let Some(Ok(lemma)) = self.pool.get(at..at + len).map(std::str::from_utf8) {
                return lemma.to_string();
            }
        }
        by_rule(form, xpos)
    }
}

/// Writes the exceptions: (key, lemma) pairs, sorted by key.
pub(crate) fn write(exceptions: &[(u64, String)], out: &mut Vec<u8>) {
    let mut pool = Vec::new();
    out.extend_from_slice(&(exceptions.len() as u32).to_le_bytes());
    for (key, lemma) in exceptions {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&(pool.len() as u32).to_le_bytes());
        let bytes = &lemma.as_bytes()[..lemma.len().min(255)];
        out.push(bytes.len() as u8);
        pool.extend_from_slice(bytes);
    }
    out.extend_from_slice(&(pool.len() as u32).to_le_bytes());
    out.extend_from_slice(&pool);
}

pub(crate) fn read(bytes: &[u8]) -> Result<(Lemmas<'_>, &[u8]), String> {
    let count = read_u32(bytes, 0)? as usize;
    let records_end = 4 + count * RECORD;
    let pool_len = read_u32(bytes, records_end)? as usize;
    let pool_end = records_end + 4 + pool_len;
    if bytes.len() < pool_end {
        return Err("lemma table is cut short".to_string());
    }
    Ok((
        Lemmas {
            records: &bytes[4..records_end],
            pool: &bytes[records_end + 4..pool_end],
        },
        &bytes[pool_end..],
    ))
}

pub(crate) fn read_u32(bytes: &[u8], at: usize) -> Result<u32, String> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_le_bytes(b.try_into().unwrap()))
        .ok_or_else(|| "the syntax model is cut short".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_undo_regular_inflection() {
        assert_eq!(by_rule("attacks", "NNS"), "attack");
        assert_eq!(by_rule("cities", "NNS"), "city");
        assert_eq!(by_rule("stopped", "VBD"), "stop");
        assert_eq!(by_rule("carried", "VBN"), "carry");
        assert_eq!(by_rule("created", "VBN"), "create");
        assert_eq!(by_rule("recognized", "VBD"), "recognize");
        assert_eq!(by_rule("Russia", "NNP"), "Russia");
        assert_eq!(by_rule("The", "DT"), "the");
    }

    #[test]
    fn exceptions_come_before_rules() {
        let mut exceptions = vec![(key("was", "VBD"), "be".to_string())];
        exceptions.sort();
        let mut bytes = Vec::new();
        write(&exceptions, &mut bytes);
        let (lemmas, rest) = read(&bytes).unwrap();
        assert!(rest.is_empty());
        assert_eq!(lemmas.lemma("Was", "VBD"), "be");
        assert_eq!(lemmas.lemma("walked", "VBD"), "walk");
    }
}
