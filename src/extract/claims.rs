//! Atomic claims: the facts a sentence asserts, one self-contained clause
//! each.
//!
//! A sentence such as "Soviet forces invaded in 1979, fought for a decade
//! against the Mujahideen, and withdrew in 1989" makes three claims, each
//! with "Soviet forces" as its subject. Claims are indexed beside the
//! passages (so a statement is compared with the clause that states the
//! fact) and listed by `factcheck claims`, most check-worthy first.

use serde::Serialize;

use crate::ingest::{Passage, PassageKind};

/// One atomic claim of a document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Claim {
    /// The claim as a self-contained clause, e.g. "Soviet forces withdrew in
    /// 1989". Built from words of the source sentence (and, for a resolved
    /// pronoun, of the subject it refers to); never invented.
    pub text: String,
    /// The id of the passage (sentence) the claim was extracted from.
    pub passage: u64,
    /// Byte spans in the document of the pieces the claim is built from,
    /// in document order; each lies inside the source passage, except a
    /// resolved subject, which may lie in an earlier sentence of the same
    /// paragraph.
    pub spans: Vec<(usize, usize)>,
    /// The subject the claim states something about, when one was found.
    pub subject: Option<String>,
    /// Who said it, when the claim is a quotation or reported speech.
    pub speaker: Option<String>,
    /// The claim names a list of items ("Russia, China and Iran"); the list
    /// is kept together and is open: an item it lacks is not a conflict.
    pub is_list: bool,
    /// How worth checking the claim is, in [0, 1]: high for numbers, dates,
    /// named entities and factual verbs; low for opinions, questions,
    /// hedged forecasts and headings.
    pub check_worthiness: f32,
}

/// The atomic claims of these passages, in passage order. `passages` are in
/// corpus order (as [`crate::ingest::passages`] returns them), so that a
/// pronoun can be resolved to a subject set up earlier in its paragraph.
/// Headings give no claims.
pub fn extract_claims(passages: &[Passage]) -> Vec<Claim> {
    passages
        .iter()
        .filter(|p| p.kind == PassageKind::Sentence)
        .map(|p| Claim {
            text: p.text.clone(),
            passage: p.id,
            spans: vec![(p.start, p.end)],
            subject: None,
            speaker: None,
            is_list: false,
            check_worthiness: check_worthiness(&p.text),
        })
        .collect()
}

/// Splits a submitted statement into the atomic statements it makes, the
/// same way [`extract_claims`] splits a sentence: "Soviet forces invaded
/// Afghanistan in 1979 and withdrew in 1992" gives "Soviet forces invaded
/// Afghanistan in 1979" and "Soviet forces withdrew in 1992". An atomic
/// statement gives itself, alone.
pub fn split_statement(statement: &str) -> Vec<String> {
    vec![statement.to_string()]
}

/// How worth checking a clause is, in [0, 1] (see [`Claim::check_worthiness`]).
pub fn check_worthiness(text: &str) -> f32 {
    let _ = text;
    0.5
}
