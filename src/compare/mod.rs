//! Statement vs evidence: alignment and findings.
//!
//! A [`Finding`] is one observation about one candidate window: a number
//! that matches, a year that differs, a predicate with the opposite
//! polarity, content the evidence does not cover. [`crate::verdict`] turns
//! the findings into a verdict.
//!
//! The comparison works on *units* of the statement: each content word, each
//! quantity, each date. A unit is covered when it aligns with the evidence
//! (same lemma, alias, derivation, synonym; a quantity or date that fits).
//! A mention that fills the same slot with an incompatible value (150 vs
//! 149, 1988 vs 1989, "Iraqi" vs "Afghan", "allow" vs "ban", a negation) is
//! a conflict, but only when the rest of the statement is about the same
//! event: enough of its other content is covered and no predicate of the
//! statement is left unexplained.

mod align;
mod window;

pub use align::{is_derived, MatchKind};
pub use window::Window;

use serde::Serialize;

use crate::extract::{
    compare_dates, compare_quantities, is_negated, Analysis, DateMatch, QuantityMatch, Token,
    TokenKind,
};
use crate::lexicon;

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A content word of the statement, found or not.
    Word,
    Number,
    Date,
    Entity,
    Negation,
    Antonym,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Word => "word",
            FindingKind::Number => "number",
            FindingKind::Date => "date",
            FindingKind::Entity => "entity",
            FindingKind::Negation => "negation",
            FindingKind::Antonym => "antonym",
        }
    }
}

/// Which way a finding points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    Supports,
    Conflicts,
    /// The evidence lacks something the statement says.
    Missing,
}

/// A byte span with its text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One observation about a statement and one candidate window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub effect: Effect,
    /// The passage (by id) the evidence span lies in.
    pub passage: Option<u64>,
    /// Where in the statement.
    pub statement: Option<Span>,
    /// Where in the evidence (offsets into the passage's document).
    pub evidence: Option<Span>,
    /// One line a person can read.
    pub note: String,
}

/// The result of comparing a statement with one window.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// Weighted share of the statement's units the evidence covers, in [0, 1].
    pub coverage: f32,
    /// For the strongest conflict: the coverage of everything else.
    pub conflict_coverage: f32,
    /// A quantity, date or name of the statement has no counterpart.
    pub is_missing_detail: bool,
    pub findings: Vec<Finding>,
}

impl Comparison {
    /// True when some finding is a conflict.
    pub fn has_conflict(&self) -> bool {
        self.findings.iter().any(|f| f.effect == Effect::Conflicts)
    }
}

/// How much a unit of the statement weighs in coverage.
pub trait TermWeights {
    /// The weight of a content word, by lemma (IDF-like: rarer is heavier).
    fn weight(&self, lemma: &str) -> f32;
}

/// Every word weighs the same.
pub struct UniformWeights;

impl TermWeights for UniformWeights {
    fn weight(&self, _lemma: &str) -> f32 {
        1.0
    }
}

/// A quantity or date weighs as much as a rare word: it is the detail a
/// statement is usually checked for.
const MENTION_WEIGHT_FACTOR: f32 = 1.5;

/// Share of the other units that must be covered before a different value
/// in the same slot (number, date, name) counts as a conflict. Below it the
/// evidence is more likely about another event ("100 people were injured"
/// vs "100 people were working inside"). Chosen on the dev set, where true
/// slot conflicts cover 0.8 or more and unrelated lookalikes 0.6 or less.
const SLOT_CONFLICT_MIN_COVERAGE: f32 = 0.7;

/// Share of the other units that must be covered before a negation or an
/// antonym counts as a conflict. Lower than for slots: the predicate itself
/// is what differs, and statements that deny something often rephrase it.
const POLARITY_CONFLICT_MIN_COVERAGE: f32 = 0.6;

/// What one statement unit is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum UnitKind {
    Word(usize),
    Quantity(usize),
    Date(usize),
}

#[derive(Clone, Debug)]
struct Unit {
    kind: UnitKind,
    weight: f32,
    covered: bool,
}

/// Tokens that only mark polarity or are part of a mention: not content units.
fn mention_tokens(analysis: &Analysis) -> Vec<bool> {
    let mut inside = vec![false; analysis.tokens.len()];
    for q in &analysis.quantities {
        for (i, t) in analysis.tokens.iter().enumerate() {
            if t.start >= q.start && t.end <= q.end {
                inside[i] = true;
            }
        }
    }
    for d in &analysis.dates {
        for flag in inside.iter_mut().take(d.end_token).skip(d.first_token) {
            *flag = true;
        }
    }
    for n in &analysis.negations {
        inside[n.token] = true;
    }
    inside
}

/// Auxiliaries and modals that announce a verb after them.
fn is_auxiliary(lower: &str) -> bool {
    matches!(
        lower,
        "will" | "would" | "can" | "could" | "may" | "might" | "must" | "shall" | "should" | "to"
            | "did" | "does" | "do" | "has" | "have" | "had" | "was" | "were" | "is" | "are" | "be"
            | "been"
    )
}

/// A guess, without a tagger, that a statement word is its predicate: an
/// inflected verb form or a word right after an auxiliary.
fn is_predicate_like(tokens: &[Token], index: usize) -> bool {
    let token = &tokens[index];
    if token.kind != TokenKind::Word || token.is_capitalized {
        return false;
    }
    let lower = token.lower.as_str();
    let inflected = (lower.len() >= 5 && lower.ends_with("ed"))
        || (lower.len() >= 6 && lower.ends_with("ing"))
        || lexicon::is_irregular_verb_form(lower);
    let after_auxiliary = index > 0 && is_auxiliary(&tokens[index - 1].lower);
    inflected || after_auxiliary
}

/// Compares an analysed statement with a window of evidence.
pub fn compare(statement: &Analysis, window: &Window, weights: &dyn TermWeights) -> Comparison {
    let evidence = &window.analysis;
    let in_mention = mention_tokens(statement);
    let word_units: Vec<usize> = statement
        .tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| !in_mention[*i] && t.is_content())
        .map(|(i, _)| i)
        .collect();
    let alignment = align::align(statement, evidence, &word_units);
    let max_word_weight = word_units
        .iter()
        .map(|&i| weights.weight(&statement.tokens[i].lemma))
        .fold(1.0f32, f32::max);
    let mention_weight = max_word_weight * MENTION_WEIGHT_FACTOR;

    let mut units: Vec<Unit> = word_units
        .iter()
        .map(|&i| Unit {
            kind: UnitKind::Word(i),
            weight: weights.weight(&statement.tokens[i].lemma),
            covered: alignment[i].is_some(),
        })
        .collect();
    // Where each statement token landed in the evidence, for slot finding.
    let mut anchors: Vec<Option<usize>> = alignment.iter().map(|a| a.map(|(e, _)| e)).collect();
    let mut findings = Vec::new();
    let mut is_missing_detail = false;
    let mut slot_conflicts: Vec<(Finding, Vec<usize>)> = Vec::new();
    let mut polarity_conflicts: Vec<(Finding, Vec<usize>)> = Vec::new();

    let statement_span = |start: usize, end: usize| Span {
        start,
        end,
        text: statement.text[start..end].to_string(),
    };
    let evidence_span = |start: usize, end: usize| {
        let (part, span) = window.document_span(start, end);
        (window.parts[part].id, span)
    };

    // Quantities.
    for (qi, q) in statement.quantities.iter().enumerate() {
        let unit_index = units.len();
        let comparable: Vec<_> = evidence
            .quantities
            .iter()
            .filter(|e| q.has_compatible_unit(e) || units_compatible(q.unit.as_deref(), e.unit.as_deref()))
            .collect();
        let matching = comparable
            .iter()
            .find(|e| compare_quantities(q, e) != QuantityMatch::Differs);
        let covered = matching.is_some();
        units.push(Unit {
            kind: UnitKind::Quantity(qi),
            weight: mention_weight,
            covered,
        });
        if let Some(e) = matching {
            for (a, anchor) in anchors.iter_mut().enumerate().take(q.end_token).skip(q.first_token) {
                let _ = a;
                *anchor = Some(e.first_token);
            }
            let (passage, span) = evidence_span(e.start, e.end);
            findings.push(Finding {
                kind: FindingKind::Number,
                effect: Effect::Supports,
                passage: Some(passage),
                statement: Some(statement_span(q.start, q.end)),
                note: format!("\"{}\" fits \"{}\"", &statement.text[q.start..q.end], span.text),
                evidence: Some(span),
            });
        } else if let Some(e) = comparable.first() {
            let (passage, span) = evidence_span(e.start, e.end);
            let finding = Finding {
                kind: FindingKind::Number,
                effect: Effect::Conflicts,
                passage: Some(passage),
                statement: Some(statement_span(q.start, q.end)),
                note: format!(
                    "the statement says \"{}\" where the evidence says \"{}\"",
                    &statement.text[q.start..q.end],
                    span.text
                ),
                evidence: Some(span),
            };
            slot_conflicts.push((finding, vec![unit_index]));
        } else {
            is_missing_detail = true;
            findings.push(missing(
                FindingKind::Number,
                statement_span(q.start, q.end),
                "the evidence gives no such quantity",
            ));
        }
    }

    // Dates: a date is compared with the evidence date whose context (the
    // words around it, the verb before it above all) best matches its own.
    for (di, d) in statement.dates.iter().enumerate() {
        let unit_index = units.len();
        let mut best: Option<(usize, i32, DateMatch)> = None;
        for (ei, e) in evidence.dates.iter().enumerate() {
            let outcome = compare_dates(d, e);
            let score = date_context_score(statement, d.first_token, d.end_token, evidence, e.first_token, e.end_token, &alignment)
                + if outcome == DateMatch::Same { 1 } else { 0 };
            if best.is_none_or(|(_, s, _)| score > s) {
                best = Some((ei, score, outcome));
            }
        }
        let covered = matches!(best, Some((_, _, DateMatch::Same)));
        units.push(Unit {
            kind: UnitKind::Date(di),
            weight: mention_weight,
            covered,
        });
        match best {
            Some((ei, _, outcome)) => {
                let e = &evidence.dates[ei];
                let (passage, span) = evidence_span(e.start, e.end);
                let stated = statement_span(d.start, d.end);
                match outcome {
                    DateMatch::Same => {
                        for anchor in anchors.iter_mut().take(d.end_token).skip(d.first_token) {
                            *anchor = Some(e.first_token);
                        }
                        findings.push(Finding {
                            kind: FindingKind::Date,
                            effect: Effect::Supports,
                            passage: Some(passage),
                            note: format!("\"{}\" matches \"{}\"", stated.text, span.text),
                            statement: Some(stated),
                            evidence: Some(span),
                        });
                    }
                    DateMatch::Differs => {
                        let finding = Finding {
                            kind: FindingKind::Date,
                            effect: Effect::Conflicts,
                            passage: Some(passage),
                            note: format!(
                                "the statement says \"{}\" where the evidence says \"{}\"",
                                stated.text, span.text
                            ),
                            statement: Some(stated),
                            evidence: Some(span),
                        };
                        slot_conflicts.push((finding, vec![unit_index]));
                    }
                    DateMatch::MissingDetail | DateMatch::Unknown => {
                        is_missing_detail = true;
                        findings.push(missing(
                            FindingKind::Date,
                            stated,
                            "the evidence does not give this date in full",
                        ));
                    }
                }
            }
            None => {
                is_missing_detail = true;
                findings.push(missing(
                    FindingKind::Date,
                    statement_span(d.start, d.end),
                    "the evidence gives no date",
                ));
            }
        }
    }

    // Names with no counterpart: another name in the same slot conflicts,
    // a slot holding a list is open (the list may simply not name it).
    let unit_of_token = |token: usize, units: &[Unit]| {
        units
            .iter()
            .position(|u| u.kind == UnitKind::Word(token))
    };
    for entity in &statement.entities {
        let tokens: Vec<usize> = (entity.first_token..entity.end_token)
            .filter(|&i| !in_mention[i] && statement.tokens[i].is_content())
            .collect();
        if tokens.is_empty() || tokens.iter().any(|&i| alignment[i].is_some()) {
            continue;
        }
        is_missing_detail = true;
        let stated = statement_span(entity.start, entity.end);
        let slot = slot_in_evidence(&anchors, entity.first_token, entity.end_token, evidence);
        let rivals: Vec<&crate::extract::Entity> = evidence
            .entities
            .iter()
            .filter(|e| slot.contains(&e.first_token))
            .filter(|e| !(e.first_token..e.end_token).any(|i| anchors.contains(&Some(i))))
            .collect();
        let is_list = rivals.len() >= 2
            && slot.clone().any(|i| {
                let lower = evidence.tokens[i].lower.as_str();
                lower == "," || lower == "and" || lower == "or"
            });
        match rivals.first() {
            Some(rival) if !is_list => {
                let (passage, span) = evidence_span(rival.start, rival.end);
                let finding = Finding {
                    kind: FindingKind::Entity,
                    effect: Effect::Conflicts,
                    passage: Some(passage),
                    note: format!(
                        "the statement names \"{}\" where the evidence names \"{}\"",
                        stated.text, span.text
                    ),
                    statement: Some(stated),
                    evidence: Some(span),
                };
                let unit_indices = tokens.iter().filter_map(|&t| unit_of_token(t, &units)).collect();
                slot_conflicts.push((finding, unit_indices));
            }
            Some(_) => findings.push(missing(
                FindingKind::Entity,
                stated,
                "the evidence lists others here, not this one",
            )),
            None => findings.push(missing(FindingKind::Entity, stated, "the evidence does not name it")),
        }
    }

    // Polarity on aligned words: negated on one side only.
    let mut negation_seen = false;
    for &s in &word_units {
        let Some((e, _)) = alignment[s] else { continue };
        let stated_negated = is_negated(&statement.negations, s);
        let evidence_negated = is_negated(&evidence.negations, e);
        if stated_negated == evidence_negated || negation_seen {
            continue;
        }
        negation_seen = true;
        let token = &statement.tokens[s];
        let cue = if stated_negated {
            statement.negations.iter().find(|n| n.scope.contains(&s)).map(|n| n.token)
        } else {
            evidence.negations.iter().find(|n| n.scope.contains(&e)).map(|n| n.token)
        };
        let (statement_range, evidence_range) = match (stated_negated, cue) {
            (true, Some(c)) => (
                (statement.tokens[c].start, token.end),
                (evidence.tokens[e].start, evidence.tokens[e].end),
            ),
            (false, Some(c)) => (
                (token.start, token.end),
                (evidence.tokens[c].start, evidence.tokens[e].end),
            ),
            _ => ((token.start, token.end), (evidence.tokens[e].start, evidence.tokens[e].end)),
        };
        let (passage, span) = evidence_span(evidence_range.0, evidence_range.1.max(evidence_range.0));
        let stated = statement_span(statement_range.0, statement_range.1.max(statement_range.0));
        let unit_index = unit_of_token(s, &units).into_iter().collect();
        polarity_conflicts.push((
            Finding {
                kind: FindingKind::Negation,
                effect: Effect::Conflicts,
                passage: Some(passage),
                note: format!(
                    "\"{}\" is {} in the statement but {} in the evidence (\"{}\")",
                    token.text,
                    if stated_negated { "negated" } else { "affirmed" },
                    if evidence_negated { "negated" } else { "affirmed" },
                    span.text
                ),
                statement: Some(stated),
                evidence: Some(span),
            },
            unit_index,
        ));
    }

    // Antonyms: an uncovered statement word whose opposite the evidence
    // says. Said with a negation ("not banned" vs "allowed") it agrees.
    for &s in &word_units {
        if alignment[s].is_some() {
            continue;
        }
        let token = &statement.tokens[s];
        let opposite = evidence.tokens.iter().enumerate().find(|(_, e)| {
            e.kind == TokenKind::Word && lexicon::are_antonyms(&token.lemma, &e.lemma)
        });
        let Some((e, evidence_token)) = opposite else { continue };
        let Some(unit_index) = unit_of_token(s, &units) else { continue };
        if is_negated(&statement.negations, s) != is_negated(&evidence.negations, e) {
            units[unit_index].covered = true;
            continue;
        }
        let (passage, span) = evidence_span(evidence_token.start, evidence_token.end);
        polarity_conflicts.push((
            Finding {
                kind: FindingKind::Antonym,
                effect: Effect::Conflicts,
                passage: Some(passage),
                note: format!(
                    "the statement says \"{}\" where the evidence says \"{}\"",
                    token.text, span.text
                ),
                statement: Some(statement_span(token.start, token.end)),
                evidence: Some(span),
            },
            vec![unit_index],
        ));
    }

    for (i, &s) in word_units.iter().enumerate() {
        let token = &statement.tokens[s];
        if units[i].covered {
            continue;
        }
        findings.push(missing(
            FindingKind::Word,
            statement_span(token.start, token.end),
            "not found in the evidence",
        ));
    }

    let total: f32 = units.iter().map(|u| u.weight).sum();
    let covered: f32 = units.iter().filter(|u| u.covered).map(|u| u.weight).sum();
    let coverage = if total > 0.0 { covered / total } else { 0.0 };
    let coverage_without = |excluded: &[usize]| {
        let rest: f32 = units
            .iter()
            .enumerate()
            .filter(|(i, _)| !excluded.contains(i))
            .map(|(_, u)| u.weight)
            .sum();
        let rest_covered: f32 = units
            .iter()
            .enumerate()
            .filter(|(i, u)| !excluded.contains(i) && u.covered)
            .map(|(_, u)| u.weight)
            .sum();
        if rest > 0.0 {
            rest_covered / rest
        } else {
            0.0
        }
    };
    // A predicate of the statement that the evidence does not mention means
    // the evidence is about another event: "wounded" where it says "killed".
    let has_unexplained_predicate = units.iter().any(|u| match u.kind {
        UnitKind::Word(i) => !u.covered && is_predicate_like(&statement.tokens, i),
        _ => false,
    });

    let mut conflict_coverage = 0.0f32;
    for (mut finding, excluded) in slot_conflicts {
        let rest = coverage_without(&excluded);
        if rest >= SLOT_CONFLICT_MIN_COVERAGE && !has_unexplained_predicate {
            conflict_coverage = conflict_coverage.max(rest);
        } else {
            is_missing_detail = true;
            finding.effect = Effect::Missing;
            finding.note = format!("{} (but the evidence may be about something else)", finding.note);
        }
        findings.push(finding);
    }
    for (mut finding, excluded) in polarity_conflicts {
        let rest = coverage_without(&excluded);
        if rest >= POLARITY_CONFLICT_MIN_COVERAGE {
            conflict_coverage = conflict_coverage.max(rest);
        } else {
            finding.effect = Effect::Missing;
            finding.note = format!("{} (but the evidence may be about something else)", finding.note);
        }
        findings.push(finding);
    }
    for (unit, &s) in units.iter().zip(&word_units) {
        if unit.covered {
            if let Some((e, kind)) = alignment[s] {
                let token = &evidence.tokens[e];
                let (passage, span) = evidence_span(token.start, token.end);
                findings.push(Finding {
                    kind: FindingKind::Word,
                    effect: Effect::Supports,
                    passage: Some(passage),
                    statement: Some(statement_span(statement.tokens[s].start, statement.tokens[s].end)),
                    note: format!("{:?} match", kind).to_lowercase(),
                    evidence: Some(span),
                });
            }
        }
    }

    Comparison {
        coverage,
        conflict_coverage,
        is_missing_detail,
        findings,
    }
}

fn missing(kind: FindingKind, statement: Span, note: &str) -> Finding {
    Finding {
        kind,
        effect: Effect::Missing,
        passage: None,
        note: format!("\"{}\": {note}", statement.text),
        statement: Some(statement),
        evidence: None,
    }
}

/// Units also count the same thing when they are derived forms or
/// synonyms (`soldier`/`troop`), beyond [`crate::extract::Quantity::has_compatible_unit`].
fn units_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => is_derived(a, b) || lexicon::are_synonyms(a, b),
        _ => false,
    }
}

/// How many tokens before or after an anchor a slot reaches when the other
/// side has no anchor: a determiner, a modifier or two, and the name.
const SLOT_REACH: usize = 4;

/// The evidence tokens that fill the same slot as statement tokens
/// `first..end`: between the evidence positions of the nearest aligned
/// statement tokens on either side.
fn slot_in_evidence(anchors: &[Option<usize>], first: usize, end: usize, evidence: &Analysis) -> std::ops::Range<usize> {
    let left = anchors[..first].iter().rev().find_map(|a| *a);
    let right = anchors[end.min(anchors.len())..].iter().find_map(|a| *a);
    let len = evidence.tokens.len();
    let range = match (left, right) {
        (Some(l), Some(r)) if l < r && r - l <= 2 * SLOT_REACH + 2 => l + 1..r,
        (_, Some(r)) => r.saturating_sub(SLOT_REACH)..r,
        (Some(l), None) => l + 1..(l + 1 + SLOT_REACH).min(len),
        (None, None) => 0..0,
    };
    // A slot does not run across a sentence end.
    let mut start = range.start;
    let mut stop = range.end;
    for i in range.clone() {
        if evidence.tokens[i].text == "." {
            if i < range.end.saturating_sub(1) && right.is_some() {
                start = i + 1;
            } else {
                stop = i;
                break;
            }
        }
    }
    start..stop.max(start)
}

/// How well the words around a statement date match the words around an
/// evidence date. The event's verb counts most: in "invaded in 1979, ...
/// and withdrew in 1989", 1989 is the date that follows *withdrew*, so a
/// statement date after "withdrew" goes with it.
fn date_context_score(
    statement: &Analysis,
    s_first: usize,
    s_end: usize,
    evidence: &Analysis,
    e_first: usize,
    e_end: usize,
    alignment: &[Option<(usize, MatchKind)>],
) -> i32 {
    let mut score = 0;
    let verb = statement.tokens[..s_first]
        .iter()
        .enumerate()
        .rev()
        .find(|(i, t)| t.is_content() && is_predicate_like(&statement.tokens, *i) && alignment[*i].is_some())
        .and_then(|(i, _)| alignment[i].map(|(e, _)| e));
    if let Some(verb_position) = verb {
        let follows_verb = e_first > verb_position
            && e_first - verb_position <= DATE_VERB_REACH
            && !evidence
                .dates
                .iter()
                .any(|d| d.first_token > verb_position && d.first_token < e_first);
        if follows_verb {
            score += 4;
        }
    }
    // Other aligned words near the evidence date.
    let near = e_first.saturating_sub(6)..(e_end + 6).min(evidence.tokens.len());
    let statement_near = s_first.saturating_sub(6)..(s_end + 6).min(statement.tokens.len());
    for s in statement_near {
        if let Some((e, _)) = alignment[s] {
            if near.contains(&e) {
                score += 1;
            }
        }
    }
    score
}

/// How many tokens after its verb a date may stand ("withdrew from
/// Afghanistan in February 1989").
const DATE_VERB_REACH: usize = 8;
