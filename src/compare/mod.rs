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
mod cause;
pub mod rules;
mod substitution;
mod window;

pub use align::{is_derived, MatchKind};
pub use rules::RuleSwitches;
pub use window::Window;

use serde::Serialize;

use crate::extract::{
    compare_dates, compare_quantities, is_negated, Analysis, Bound, DateMatch, Quantity,
    QuantityMatch, Token, TokenKind,
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
    /// Who did what to whom: the names on either side of a verb swapped.
    RoleSwap,
    /// A change the other way round (`rules::direction`).
    Direction,
    /// The other end of one scale (`rules::scale`).
    Scale,
    /// All against part (`rules::quantifier`).
    Quantifier,
    /// Another speaker for the same words (`rules::attribution`).
    Attribution,
    /// Another title for the same person (`rules::title`).
    Title,
    /// Two events in the other order (`rules::order`).
    TimeOrder,
    /// A cause the evidence does not give (`cause`).
    Cause,
    /// Another word in the statement's place between the same words
    /// (`substitution`).
    Substitution,
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
            FindingKind::RoleSwap => "role_swap",
            FindingKind::Direction => "direction",
            FindingKind::Scale => "scale",
            FindingKind::Quantifier => "quantifier",
            FindingKind::Attribution => "attribution",
            FindingKind::Title => "title",
            FindingKind::TimeOrder => "time_order",
            FindingKind::Cause => "cause",
            FindingKind::Substitution => "substitution",
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
    /// A name of the statement appears nowhere in the corpus.
    pub has_unknown_name: bool,
    /// The statement gives a cause the evidence does not ("because ...").
    pub has_unbacked_cause: bool,
    /// How many units (content words, quantities, dates) the statement has.
    pub units: usize,
    pub findings: Vec<Finding>,
}

impl Comparison {
    /// True when some finding is a conflict.
    pub fn has_conflict(&self) -> bool {
        self.findings.iter().any(|f| f.effect == Effect::Conflicts)
    }

    /// True when the evidence has another word in the place of one of the
    /// statement's ("provincial" where it says "federal").
    pub fn has_substitution(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.kind == FindingKind::Substitution)
    }
}

/// How much a unit of the statement weighs in coverage.
pub trait TermWeights {
    /// The weight of a content word, by lemma (IDF-like: rarer is heavier).
    fn weight(&self, lemma: &str) -> f32;

    /// Whether no passage of the corpus has the word at all. A name of the
    /// statement that the corpus never mentions keeps it from support,
    /// however long the statement and however much else matches.
    fn is_unknown(&self, _lemma: &str) -> bool {
        false
    }
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
/// vs "100 people were working inside"). Swept over 0.6 and 0.7: 0.6 finds
/// two more dev conflicts but drops conflict precision on the external
/// sets from 0.83 to 0.79 (FEVER) and 0.67 to 0.62 (VitaminC).
const SLOT_CONFLICT_MIN_COVERAGE: f32 = 0.7;

/// The coverage a statement needs for a word swapped between the same
/// neighbours to count against it ([`substitution`]). Below it most
/// swaps measured on the development sets were paraphrases: at 0.65 the
/// blocked statements were 29 unsupported to 14 supported, at 0.8 18 to 6.
const SUBSTITUTION_MIN_COVERAGE: f32 = 0.8;

/// The rest coverage a number conflict needs when its slot is pinned: the
/// same unit and the same verb right before both numbers. 0.5 and 0.6 found
/// the same dev conflicts; 0.5 added a false one on Climate-FEVER.
const PINNED_SLOT_MIN_COVERAGE: f32 = 0.6;

/// The context score of a mention whose verb aligned (see
/// [`mention_context_score`]).
const VERB_CONTEXT: i32 = 4;

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
            // A name that says what kind of thing is counted ("19
            // Endurance pickups") is a name of its own, for the evidence to
            // back.
            let is_modifier =
                q.modifiers.contains(&i) && t.kind == TokenKind::Word && t.is_capitalized;
            if t.start >= q.start && t.end <= q.end && !is_modifier {
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
    for (i, flag) in inside.iter_mut().enumerate() {
        if is_light_verb(&analysis.tokens, i) {
            *flag = true;
        }
    }
    inside
}

/// "Harlan Middle School and three other schools" against "four schools,
/// including Harlan Middle School": a count of *other* members leaves out
/// the one named, so it is one less than the whole group's count (on
/// either side).
fn counts_the_named_one(
    statement: &Analysis,
    q: &Quantity,
    evidence: &Analysis,
    e: &Quantity,
) -> bool {
    let is_other = |analysis: &Analysis, quantity: &Quantity| {
        analysis
            .tokens
            .get(quantity.first_token + 1)
            .is_some_and(|t| t.lower == "other")
    };
    let exact = |quantity: &Quantity| quantity.bound == Bound::Exact && quantity.high.is_none();
    exact(q)
        && exact(e)
        && ((is_other(statement, q) && e.value == q.value + 1.0)
            || (is_other(evidence, e) && q.value == e.value + 1.0))
}

/// Whether the corpus lacks the word in every form it may take there: as
/// written, as the lower-case word (a capitalised first word, "Sending"),
/// and for a demonym as the place ("Alaskan", "Alaska").
fn is_unknown_word(token: &Token, weights: &dyn TermWeights) -> bool {
    weights.is_unknown(&token.lemma)
        && weights.is_unknown(&lexicon::lemma(&token.lower))
        && lexicon::demonym_place(&token.lower)
            .is_none_or(|place| weights.is_unknown(&lexicon::lemma(place)))
}

/// Verbs that only say an event happened ("took place", "happened",
/// "occurred"): the event itself is the content, not these words.
fn is_light_verb(tokens: &[Token], index: usize) -> bool {
    let lemma = tokens[index].lemma.as_str();
    let next_is_place = tokens.get(index + 1).is_some_and(|t| t.lower == "place");
    let previous_is_take = index > 0 && tokens[index - 1].lemma == "take";
    matches!(lemma, "happen" | "occur")
        || (lemma == "take" && next_is_place)
        || (tokens[index].lower == "place" && previous_is_take)
}

/// Auxiliaries and modals that announce a verb after them.
fn is_auxiliary(lower: &str) -> bool {
    matches!(
        lower,
        "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "shall"
            | "should"
            | "to"
            | "did"
            | "does"
            | "do"
            | "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "be"
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

/// How many units (content words, quantities, dates) a statement has: the
/// [`Comparison::units`] any comparison of it reports.
pub fn unit_count(statement: &Analysis) -> usize {
    let in_mention = mention_tokens(statement);
    let words = statement
        .tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| !in_mention[*i] && t.is_content())
        .count();
    words + statement.quantities.len() + statement.dates.len()
}

/// Compares an analysed statement with a window of evidence, every rule on.
pub fn compare(statement: &Analysis, window: &Window, weights: &dyn TermWeights) -> Comparison {
    compare_with(statement, window, weights, &RuleSwitches::default())
}

/// Compares an analysed statement with a window of evidence, with only
/// the rules `switches` leaves on.
pub fn compare_with(
    statement: &Analysis,
    window: &Window,
    weights: &dyn TermWeights,
    switches: &RuleSwitches,
) -> Comparison {
    let evidence = &window.analysis;
    let in_mention = mention_tokens(statement);
    let word_units: Vec<usize> = statement
        .tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| !in_mention[*i] && t.is_content())
        .map(|(i, _)| i)
        .collect();
    // Context passages (the title, the sentence before) may lend names
    // only: "Afghanistan" or the page's subject, not the claim's other words.
    let focus = window.focus;
    let is_context: Vec<bool> = evidence
        .tokens
        .iter()
        .map(|t| window.part_at(t.start) != focus)
        .collect();
    let alignment = align::align(statement, evidence, &word_units, &is_context);
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
    let mut has_unknown_name = false;
    // Each slot conflict with the statement units it explains and the
    // coverage of the rest it needs.
    let mut slot_conflicts: Vec<(Finding, Vec<usize>, f32)> = Vec::new();
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
        let quantity_verb = mention_verb(statement, q.first_token, &alignment);
        let comparable: Vec<_> = evidence
            .quantities
            .iter()
            .filter(|e| {
                q.has_compatible_unit(e) || units_compatible(q.unit.as_deref(), e.unit.as_deref())
            })
            .collect();
        // Where the evidence counts the statement's unit ("the three men"),
        // a bare figure vouches for it only by its value ("a margin of
        // 188,134" for "188,000 votes"), not by fitting a bound: the "19"
        // of an age is not "at least six men".
        let has_unit = |e: &Quantity| q.unit.is_some() && e.unit.is_some();
        let counted_alike = comparable.iter().any(|e| has_unit(e));
        let matching = comparable
            .iter()
            .filter(|e| !counted_alike || has_unit(e) || q.is_near(e))
            .find(|e| {
                compare_quantities(q, e) != QuantityMatch::Differs
                    || counts_the_named_one(statement, q, evidence, e)
            });
        let covered = matching.is_some();
        units.push(Unit {
            kind: UnitKind::Quantity(qi),
            weight: mention_weight,
            covered,
        });
        if let Some(e) = matching {
            for (a, anchor) in anchors
                .iter_mut()
                .enumerate()
                .take(q.end_token)
                .skip(q.first_token)
            {
                let _ = a;
                *anchor = Some(e.first_token);
            }
            let (passage, span) = evidence_span(e.start, e.end);
            findings.push(Finding {
                kind: FindingKind::Number,
                effect: Effect::Supports,
                passage: Some(passage),
                statement: Some(statement_span(q.start, q.end)),
                note: format!(
                    "\"{}\" fits \"{}\"",
                    &statement.text[q.start..q.end],
                    span.text
                ),
                evidence: Some(span),
            });
        } else if let Some((e, context)) = comparable
            .iter()
            // A figure of the title or the sentence before is the context's,
            // not a rival in the candidate's slot.
            .filter(|e| !is_context[e.first_token])
            .map(|e| {
                let context = mention_context_score(
                    statement,
                    q.first_token,
                    q.end_token,
                    evidence,
                    e.first_token,
                    e.end_token,
                    &alignment,
                    quantity_verb,
                );
                (e, context)
            })
            .max_by_key(|(_, context)| *context)
            .filter(|(e, context)| {
                // With no unit on one side, only the words around the two
                // numbers can tell that they count the same thing.
                let both_units = q.unit.is_some() && e.unit.is_some();
                both_units || *context >= MIN_MENTION_CONTEXT
            })
        {
            // Same unit and the same verb right before both numbers ("will
            // seat 320 passengers" vs "will seat 220 passengers") pin the
            // slot down; the rest of the statement may then differ more.
            let is_pinned = q.unit.is_some()
                && q.unit == e.unit
                && (context >= VERB_CONTEXT
                    || (q.is_figure && e.is_figure && context >= MIN_MENTION_CONTEXT));
            let gate = if is_pinned {
                PINNED_SLOT_MIN_COVERAGE
            } else {
                SLOT_CONFLICT_MIN_COVERAGE
            };
            // The conflict names the numbers themselves ("150" vs "149");
            // the note quotes the whole expressions.
            let (stated_start, stated_end) = number_span(statement, q);
            let (evidence_start, evidence_end) = number_span(evidence, e);
            let (passage, span) = evidence_span(evidence_start, evidence_end);
            let (_, whole) = evidence_span(e.start, e.end);
            let finding = Finding {
                kind: FindingKind::Number,
                effect: Effect::Conflicts,
                passage: Some(passage),
                statement: Some(statement_span(stated_start, stated_end)),
                note: format!(
                    "the statement says \"{}\" where the evidence says \"{}\"",
                    &statement.text[q.start..q.end],
                    whole.text
                ),
                evidence: Some(span),
            };
            slot_conflicts.push((finding, vec![unit_index], gate));
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
        // Without a verb, the word right before the date stands for the
        // event: "go on sale on September 12" is dated by "sale".
        let verb = mention_verb(statement, d.first_token, &alignment)
            .or_else(|| word_before_mention(statement, d.first_token, &alignment));
        for (ei, e) in evidence.dates.iter().enumerate() {
            let outcome = compare_dates(d, e);
            let score = mention_context_score(
                statement,
                d.first_token,
                d.end_token,
                evidence,
                e.first_token,
                e.end_token,
                &alignment,
                verb,
            ) + if outcome == DateMatch::Same { 1 } else { 0 };
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
            Some((ei, context, outcome)) => {
                // A different date with nothing of the statement around it
                // is about another event.
                let outcome = if outcome == DateMatch::Differs && context < MIN_MENTION_CONTEXT {
                    DateMatch::Unknown
                } else {
                    outcome
                };
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
                        slot_conflicts.push((
                            finding,
                            vec![unit_index],
                            SLOT_CONFLICT_MIN_COVERAGE,
                        ));
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
    let unit_of_token =
        |token: usize, units: &[Unit]| units.iter().position(|u| u.kind == UnitKind::Word(token));
    let is_entity_aligned =
        |e: &crate::extract::Entity| (e.first_token..e.end_token).any(|i| alignment[i].is_some());
    for entity in &statement.entities {
        // A rival name is only a conflict when the statement is anchored to
        // the same story by another name it shares with the evidence.
        let is_anchored = statement
            .entities
            .iter()
            .any(|other| other != entity && is_entity_aligned(other));
        let tokens: Vec<usize> = (entity.first_token..entity.end_token)
            .filter(|&i| !in_mention[i] && statement.tokens[i].is_content())
            .collect();
        // A title says nothing of which person a name names: "Councillor
        // Walter Brisco" is not present through "Councillor Priya Anand".
        let naming: Vec<usize> = tokens
            .iter()
            .copied()
            .filter(|&i| !rules::is_title_word(&statement.tokens[i].lower))
            .collect();
        let tokens = if naming.is_empty() { tokens } else { naming };
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
            .filter(|e| e.kind == entity.kind)
            // A weekday or a month is a date, never a rival name.
            .filter(|e| {
                !evidence
                    .dates
                    .iter()
                    .any(|d| (d.first_token..d.end_token).contains(&e.first_token))
            })
            .collect();
        let is_list = rivals.len() >= 2
            && slot.iter().any(|&i| {
                let lower = evidence.tokens[i].lower.as_str();
                lower == "," || lower == "and" || lower == "or"
            });
        let is_unknown = tokens
            .iter()
            .all(|&i| is_unknown_word(&statement.tokens[i], weights));
        has_unknown_name |= is_unknown;
        match rivals.first() {
            Some(rival) if !is_list && is_anchored => {
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
                let unit_indices = tokens
                    .iter()
                    .filter_map(|&t| unit_of_token(t, &units))
                    .collect();
                slot_conflicts.push((finding, unit_indices, SLOT_CONFLICT_MIN_COVERAGE));
            }
            Some(_) => findings.push(missing(
                FindingKind::Entity,
                stated,
                "the evidence lists others here, not this one",
            )),
            None if is_unknown => {
                findings.push(missing(FindingKind::Entity, stated, "no article names it"))
            }
            None => findings.push(missing(
                FindingKind::Entity,
                stated,
                "the evidence does not name it",
            )),
        }
    }

    // A statement written without capitals ("liam bennett has said ...")
    // shows no names by their case: a word the lexicon does not know
    // stands for one. The evidence must give it, as it must any name; no
    // article at all knowing it is a name no article mentions.
    if !statement.text.chars().any(char::is_uppercase) {
        for &s in &word_units {
            let token = &statement.tokens[s];
            let is_name_like = token.kind == TokenKind::Word
                && alignment[s].is_none()
                && token.lemma.len() >= 3
                && token.lemma.chars().all(char::is_alphabetic)
                && !lexicon::is_known_word(&token.lemma)
                && !lexicon::is_stop_word(&token.lower);
            if !is_name_like {
                continue;
            }
            let is_unknown = is_unknown_word(token, weights);
            has_unknown_name |= is_unknown;
            is_missing_detail = true;
            findings.push(missing(
                FindingKind::Entity,
                statement_span(token.start, token.end),
                if is_unknown {
                    "no article names it"
                } else {
                    "the evidence does not name it"
                },
            ));
        }
    }

    // Roles: "A acquired B" against "B acquired A". Two names on either
    // side of an aligned predicate that change sides in the evidence have
    // swapped roles, unless exactly one side is passive ("B was acquired by A").
    // The swap must be read in the candidate itself: a name the title
    // lends says nothing of the candidate's word order.
    let is_in_focus = |(start, end): (usize, usize)| {
        window.part_at(start) == focus && window.part_at(end.saturating_sub(1)) == focus
    };
    if let Some(finding) =
        role_swap(statement, evidence, &alignment).filter(|finding| is_in_focus(finding.1))
    {
        let (passage, span) = evidence_span(finding.1 .0, finding.1 .1);
        let stated = statement_span(finding.0 .0, finding.0 .1);
        slot_conflicts.push((
            Finding {
                kind: FindingKind::RoleSwap,
                effect: Effect::Conflicts,
                passage: Some(passage),
                note: format!(
                    "the statement has \"{}\" the other way round from the evidence (\"{}\")",
                    stated.text, span.text
                ),
                statement: Some(stated),
                evidence: Some(span),
            },
            Vec::new(),
            SLOT_CONFLICT_MIN_COVERAGE,
        ));
    }

    // Polarity on aligned words: negated on one side only.
    let mut negation_seen = false;
    for &s in &word_units {
        let Some((e, _)) = alignment[s] else { continue };
        // Only the head of a negation's scope (its predicate) counts: in
        // "did not ban cars", "ban" is denied, "cars" only rides along.
        let stated_negated = is_negation_head(&statement.negations, s);
        let evidence_negated = is_negation_head(&evidence.negations, e);
        if stated_negated == evidence_negated || negation_seen {
            continue;
        }
        // Denied on both sides, through another predicate on one of them:
        // "would not impose limits" against "would not restrict".
        let is_denied_too = if stated_negated {
            is_in_negation_scope(&evidence.negations, e)
        } else {
            is_in_negation_scope(&statement.negations, s)
        };
        if is_denied_too {
            continue;
        }
        // A name or a quantifier at the head of the scope is not what is
        // denied: "neither Tessaline nor Corvid revealed", "have not had
        // both doses".
        let is_predicate = |analysis: &Analysis, i: usize| {
            let token = &analysis.tokens[i];
            !analysis.is_in_entity(i) && !rules::is_universal(&token.lower) && token.lower != "both"
        };
        // The statement's word decides (the evidence may capitalise it in a
        // name: "small Solar System body" for "solar body").
        let is_quantifier = |t: &Token| rules::is_universal(&t.lower) || t.lower == "both";
        if !is_predicate(statement, s) || is_quantifier(&evidence.tokens[e]) {
            continue;
        }
        negation_seen = true;
        let token = &statement.tokens[s];
        let cue = if stated_negated {
            statement
                .negations
                .iter()
                .find(|n| n.scope.contains(&s))
                .map(|n| n.token)
        } else {
            evidence
                .negations
                .iter()
                .find(|n| n.scope.contains(&e))
                .map(|n| n.token)
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
            _ => (
                (token.start, token.end),
                (evidence.tokens[e].start, evidence.tokens[e].end),
            ),
        };
        let (passage, span) =
            evidence_span(evidence_range.0, evidence_range.1.max(evidence_range.0));
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
                    if stated_negated {
                        "negated"
                    } else {
                        "affirmed"
                    },
                    if evidence_negated {
                        "negated"
                    } else {
                        "affirmed"
                    },
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
        let token = &statement.tokens[s];
        if alignment[s].is_some() || lexicon::antonyms_of(&token.lemma).is_empty() {
            continue;
        }
        // The opposite must stand where the statement word would: "allows
        // girls" against "has banned girls", not anywhere in the passage.
        let slot = slot_in_evidence(&anchors, s, s + 1, evidence);
        let opposite = evidence.tokens.iter().enumerate().find(|(j, e)| {
            slot.contains(j)
                && e.kind == TokenKind::Word
                && lexicon::are_antonyms(&token.lemma, &e.lemma)
        });
        let Some((e, evidence_token)) = opposite else {
            continue;
        };
        let Some(unit_index) = unit_of_token(s, &units) else {
            continue;
        };
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

    // The registered rules (`rules`): conflicts of other shapes, gated
    // like a polarity conflict.
    let in_focus: Vec<bool> = is_context.iter().map(|c| !c).collect();
    let pair = rules::Pair {
        statement,
        evidence,
        window,
        alignment: &alignment,
        in_focus: &in_focus,
    };
    for rule in rules::RULES.iter().filter(|r| switches.is_on(r.name())) {
        let Some(conflict) = rule.check(&pair) else {
            continue;
        };
        // A conflict another check already found on the same words is not
        // reported twice.
        let is_known = polarity_conflicts
            .iter()
            .map(|(f, _)| f)
            .chain(slot_conflicts.iter().map(|(f, _, _)| f))
            .filter_map(|f| f.statement.as_ref())
            .any(|known| known.start < conflict.statement.1 && conflict.statement.0 < known.end);
        if is_known {
            continue;
        }
        let (passage, span) = evidence_span(conflict.evidence.0, conflict.evidence.1);
        let unit_indices = conflict
            .explains
            .iter()
            .filter_map(|&t| unit_of_token(t, &units))
            .collect();
        polarity_conflicts.push((
            Finding {
                kind: conflict.kind,
                effect: Effect::Conflicts,
                passage: Some(passage),
                statement: Some(statement_span(conflict.statement.0, conflict.statement.1)),
                evidence: Some(span),
                note: conflict.note,
            },
            unit_indices,
        ));
    }

    // A cause the evidence does not give keeps the statement from support.
    let unbacked_cause = switches
        .is_on("cause")
        .then(|| cause::unbacked_cause(statement, evidence, &alignment, &in_focus))
        .flatten();
    if let Some((start, end)) = unbacked_cause {
        findings.push(missing(
            FindingKind::Cause,
            statement_span(start, end),
            "the evidence gives no such cause",
        ));
    }

    // Words already explained by a finding of their own (an antonym, a
    // name) are neither swaps nor listed again as missing.
    let explained: Vec<usize> = polarity_conflicts
        .iter()
        .map(|(_, unit_indices)| unit_indices)
        .chain(
            slot_conflicts
                .iter()
                .map(|(_, unit_indices, _)| unit_indices),
        )
        .flat_map(|unit_indices| unit_indices.iter().copied())
        .collect();
    let total: f32 = units.iter().map(|u| u.weight).sum();
    let covered: f32 = units.iter().filter(|u| u.covered).map(|u| u.weight).sum();
    let coverage = if total > 0.0 { covered / total } else { 0.0 };
    // A word the evidence replaces with another between the same words,
    // in a statement that otherwise repeats the evidence: a near copy with
    // one word changed is an edit, while in a free paraphrase a swapped
    // word is more often a paraphrase the lexicon does not know.
    let uncovered: Vec<usize> = word_units
        .iter()
        .enumerate()
        .filter(|&(i, _)| !units[i].covered && !explained.contains(&i))
        .map(|(_, &s)| s)
        .collect();
    let substituted = if switches.is_on("substitution") && coverage >= SUBSTITUTION_MIN_COVERAGE {
        substitution::substitutions(statement, window, &alignment, &in_focus, &uncovered)
    } else {
        Vec::new()
    };
    for sub in &substituted {
        let token = &statement.tokens[sub.statement];
        let found = &evidence.tokens[sub.evidence];
        let (passage, span) = evidence_span(found.start, found.end);
        findings.push(Finding {
            kind: FindingKind::Substitution,
            effect: Effect::Missing,
            passage: Some(passage),
            statement: Some(statement_span(token.start, token.end)),
            note: format!(
                "the statement says \"{}\" where the evidence says \"{}\"",
                token.text, span.text
            ),
            evidence: Some(span),
        });
    }

    let in_entity = |s: usize| statement.is_in_entity(s);
    for (i, &s) in word_units.iter().enumerate() {
        let token = &statement.tokens[s];
        let is_substituted = substituted.iter().any(|sub| sub.statement == s);
        if units[i].covered || explained.contains(&i) || in_entity(s) || is_substituted {
            continue;
        }
        // "won every ward", "all three segments": a claim about the whole
        // of a group is a detail of its own, which the evidence must say.
        if rules::is_universal(&token.lower) {
            is_missing_detail = true;
            findings.push(missing(
                FindingKind::Quantifier,
                statement_span(token.start, token.end),
                "the evidence does not say it of all of them",
            ));
            continue;
        }
        findings.push(missing(
            FindingKind::Word,
            statement_span(token.start, token.end),
            "not found in the evidence",
        ));
    }

    // A denial of something the evidence does not mention is not backed by
    // it: "Phoenix is not in the southwestern United States" against a
    // sentence that never says where in the country Phoenix lies.
    for negation in &statement.negations {
        let Some(&head) = negation.scope.first() else {
            continue;
        };
        let Some(i) = word_units.iter().position(|&s| s == head) else {
            continue;
        };
        // Denied on both sides in other words: "would not impose limits on
        // wheat exports" against "would not restrict wheat exports".
        let is_denied_too = negation.scope.iter().any(|&s| {
            alignment[s].is_some_and(|(e, _)| is_in_negation_scope(&evidence.negations, e))
        });
        if units[i].covered || explained.contains(&i) || is_denied_too {
            continue;
        }
        is_missing_detail = true;
        let cue = &statement.tokens[negation.token];
        let token = &statement.tokens[head];
        findings.push(missing(
            FindingKind::Negation,
            statement_span(cue.start.min(token.start), cue.end.max(token.end)),
            "the evidence does not mention what the statement denies",
        ));
    }

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
    let is_switched_on = |kind: FindingKind| {
        !rules::BUILT_IN.contains(&kind.as_str()) || switches.is_on(kind.as_str())
    };
    for (mut finding, excluded, gate) in slot_conflicts {
        let rest = coverage_without(&excluded);
        if rest >= gate && !has_unexplained_predicate && is_switched_on(finding.kind) {
            conflict_coverage = conflict_coverage.max(rest);
        } else {
            is_missing_detail = true;
            finding.effect = Effect::Missing;
            finding.note = format!(
                "{} (but the evidence may be about something else)",
                finding.note
            );
        }
        findings.push(finding);
    }
    for (mut finding, excluded) in polarity_conflicts {
        let rest = coverage_without(&excluded);
        if rest >= POLARITY_CONFLICT_MIN_COVERAGE && is_switched_on(finding.kind) {
            conflict_coverage = conflict_coverage.max(rest);
        } else {
            finding.effect = Effect::Missing;
            finding.note = format!(
                "{} (but the evidence may be about something else)",
                finding.note
            );
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
                    statement: Some(statement_span(
                        statement.tokens[s].start,
                        statement.tokens[s].end,
                    )),
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
        has_unknown_name,
        has_unbacked_cause: unbacked_cause.is_some(),
        units: units.len(),
        findings,
    }
}

/// True when token `index` is the first word in some negation's scope.
fn is_negation_head(negations: &[crate::extract::Negation], index: usize) -> bool {
    negations.iter().any(|n| n.scope.first() == Some(&index))
}

/// True when token `index` is anywhere in some negation's scope.
fn is_in_negation_scope(negations: &[crate::extract::Negation], index: usize) -> bool {
    negations.iter().any(|n| n.scope.contains(&index))
}

/// The byte span of a quantity's number, without hedge and unit: "$2.1
/// billion" in "worth $2.1 billion", "150" in "150 people".
fn number_span(analysis: &Analysis, quantity: &crate::extract::Quantity) -> (usize, usize) {
    let tokens = &analysis.tokens;
    let Some(first) = tokens.get(quantity.first_token) else {
        return (quantity.start, quantity.end);
    };
    let mut start = first.start;
    if let Some(previous) = quantity
        .first_token
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
    {
        if matches!(previous.text.as_str(), "$" | "€" | "£" | "¥")
            && previous.start >= quantity.start
        {
            start = previous.start;
        }
    }
    let mut end = first.end;
    for token in tokens
        .iter()
        .take(quantity.end_token)
        .skip(quantity.first_token + 1)
    {
        let is_number_part = token.kind == TokenKind::Number
            || token.text == "%"
            || is_number_part_word(&token.lower)
            || (token.text == "-" && token.is_joined);
        if !is_number_part {
            break;
        }
        end = token.end;
    }
    (start, end.max(start))
}

/// Words that belong to a written number: "one hundred and five",
/// "twenty-one", "1.2 billion", "60 percent".
fn is_number_part_word(lower: &str) -> bool {
    crate::extract::is_number_word(lower)
        || matches!(lower, "and" | "half" | "percent" | "per" | "cent" | "point")
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
fn slot_in_evidence(
    anchors: &[Option<usize>],
    first: usize,
    end: usize,
    evidence: &Analysis,
) -> Vec<usize> {
    let left = anchors[..first].iter().rev().find_map(|a| *a);
    // The right anchor is the next aligned word that lands after the left
    // one: a word aligned into the title or an earlier sentence says
    // nothing about where this slot is.
    let right = anchors[end.min(anchors.len())..]
        .iter()
        .find_map(|a| a.filter(|&r| left.is_none_or(|l| r > l)));
    let len = evidence.tokens.len();
    let after_left = |l: usize| {
        // Reading on from the left anchor stops at a sentence end.
        (l + 1..(l + 1 + SLOT_REACH).min(len))
            .take_while(|&i| evidence.tokens[i].text != ".")
            .collect::<Vec<_>>()
    };
    let before_right = |r: usize| {
        let mut slot: Vec<usize> = (r.saturating_sub(SLOT_REACH)..r)
            .rev()
            .take_while(|&i| evidence.tokens[i].text != ".")
            .collect();
        slot.reverse();
        slot
    };
    match (left, right) {
        (Some(l), Some(r)) if r - l <= 2 * SLOT_REACH + 2 => (l + 1..r).collect(),
        // Far apart: the words just after the left anchor and just before
        // the right one are both candidates.
        (Some(l), Some(r)) => {
            let mut slot = after_left(l);
            slot.extend(before_right(r));
            slot
        }
        (None, Some(r)) => before_right(r),
        (Some(l), None) => after_left(l),
        (None, None) => Vec::new(),
    }
}

/// The verb of a statement mention starting at token `s_first` (the
/// nearest aligned predicate before it) and where it aligned in the
/// evidence, for [`mention_context_score`]: found once per mention, not
/// once per pair of mentions.
fn mention_verb(
    statement: &Analysis,
    s_first: usize,
    alignment: &[Option<(usize, MatchKind)>],
) -> Option<(usize, usize)> {
    statement.tokens[..s_first]
        .iter()
        .enumerate()
        .rev()
        .find(|(i, t)| {
            t.is_content() && is_predicate_like(&statement.tokens, *i) && alignment[*i].is_some()
        })
        .and_then(|(i, _)| alignment[i].map(|(e, _)| (i, e)))
}

/// The aligned content word right before a statement mention (a
/// preposition or two between), and where it aligned: the event a date
/// belongs to when no verb names it.
fn word_before_mention(
    statement: &Analysis,
    s_first: usize,
    alignment: &[Option<(usize, MatchKind)>],
) -> Option<(usize, usize)> {
    let i = (s_first.saturating_sub(3)..s_first)
        .rev()
        .find(|&i| statement.tokens[i].is_content())?;
    alignment[i].map(|(e, _)| (i, e))
}

/// How well the words around a statement date (or quantity) match the
/// words around an evidence one; `verb` is the statement mention's
/// [`mention_verb`]. The event's verb counts most: in "invaded in 1979, ...
/// and withdrew in 1989", 1989 is the date that follows *withdrew*, so a
/// statement date after "withdrew" goes with it.
#[allow(clippy::too_many_arguments)]
fn mention_context_score(
    statement: &Analysis,
    s_first: usize,
    s_end: usize,
    evidence: &Analysis,
    e_first: usize,
    e_end: usize,
    alignment: &[Option<(usize, MatchKind)>],
    verb: Option<(usize, usize)>,
) -> i32 {
    let mut score = 0;
    if let Some((verb_index, verb_position)) = verb {
        // The k-th date after the verb goes with the k-th date after it in
        // the evidence: "aired from September 9, 2010 to December 27, 2013"
        // pairs the second date with the second, "won in 2014, 2015 and
        // 2017" the third with the third.
        // Dates are in text order: counted by binary search, not by a scan
        // of every date for every pair of dates.
        let dates_between = |analysis: &Analysis, from: usize, to: usize| {
            let dates = &analysis.dates;
            let after = dates.partition_point(|d| d.first_token <= from);
            let before = dates.partition_point(|d| d.first_token < to);
            before.saturating_sub(after)
        };
        let rank = dates_between(statement, verb_index, s_first);
        let evidence_rank = dates_between(evidence, verb_position, e_first);
        let follows_verb = e_first > verb_position
            && e_first - verb_position <= DATE_VERB_REACH * (1 + evidence_rank)
            && evidence_rank == rank;
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

/// The least context score (see [`mention_context_score`]) at which a
/// different date, or a number without a unit, is taken to fill the same
/// slot: one aligned word near it.
const MIN_MENTION_CONTEXT: i32 = 1;

/// How many tokens after its verb a date may stand ("withdrew from
/// Afghanistan in February 1989"), and after each date before it.
const DATE_VERB_REACH: usize = 8;

/// True when a passive "by" follows the verb at `verb` within two tokens.
fn is_passive_at(analysis: &Analysis, verb: usize) -> bool {
    analysis.tokens[verb + 1..]
        .iter()
        .take(2)
        .any(|t| t.lower == "by")
}

/// The statement and evidence spans of a role swap, if there is one: an
/// aligned predicate with an aligned name before and after it in the
/// statement, whose evidence counterparts stand the other way round.
#[allow(clippy::type_complexity)]
fn role_swap(
    statement: &Analysis,
    evidence: &Analysis,
    alignment: &[Option<(usize, MatchKind)>],
) -> Option<((usize, usize), (usize, usize))> {
    let aligned_entity = |e: &crate::extract::Entity| {
        (e.first_token..e.end_token)
            .find_map(|i| alignment.get(i).copied().flatten().map(|(p, _)| p))
    };
    for (v, token) in statement.tokens.iter().enumerate() {
        if !is_predicate_like(&statement.tokens, v) {
            continue;
        }
        // The evidence's counterpart must be a predicate too: "played"
        // aligned with the noun "player" ("baseball player Babe Ruth, who
        // is portrayed by John Goodman") orders no roles.
        let Some((ev, _)) = alignment[v].filter(|&(ev, _)| is_predicate_like(&evidence.tokens, ev))
        else {
            continue;
        };
        let Some(before) = statement.entities.iter().rev().find(|e| e.end_token <= v) else {
            continue;
        };
        let Some(after) = statement.entities.iter().find(|e| e.first_token > v) else {
            continue;
        };
        // Only a plain "A verb B": A right before the verb (auxiliaries
        // aside) and B its direct object, so "tests were performed in
        // Massachusetts" is not read as a swap of roles.
        let is_subject = statement.tokens[before.end_token..v]
            .iter()
            .all(|t| is_auxiliary(&t.lower) || !t.is_content());
        let is_object = statement.tokens[v + 1..after.first_token]
            .iter()
            .all(|t| matches!(t.lower.as_str(), "the" | "a" | "an"));
        if !is_subject || !is_object {
            continue;
        }
        let (Some(pb), Some(pa)) = (aligned_entity(before), aligned_entity(after)) else {
            continue;
        };
        let swapped = pb > ev && pa < ev;
        let voice_differs = is_passive_at(statement, v) != is_passive_at(evidence, ev);
        if swapped && !voice_differs && before.key != after.key {
            let _ = token;
            let start = evidence.tokens[pa].start.min(evidence.tokens[pb].start);
            let end = evidence.tokens[pa].end.max(evidence.tokens[pb].end);
            return Some(((before.start, after.end), (start, end)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::analyze;

    fn window(text: &str) -> Window {
        Window::of_sentence(text)
    }

    fn run(statement: &str, evidence: &str) -> Comparison {
        compare(&analyze(statement), &window(evidence), &UniformWeights)
    }

    fn conflict_kinds(comparison: &Comparison) -> Vec<FindingKind> {
        comparison
            .findings
            .iter()
            .filter(|f| f.effect == Effect::Conflicts)
            .map(|f| f.kind)
            .collect()
    }

    /// Every word weighs the same, and the corpus knows only the words of
    /// `known`.
    struct KnownWords(&'static str);

    impl TermWeights for KnownWords {
        fn weight(&self, _lemma: &str) -> f32 {
            1.0
        }

        fn is_unknown(&self, lemma: &str) -> bool {
            !analyze(self.0).tokens.iter().any(|t| t.lemma == lemma)
        }
    }

    #[test]
    fn a_word_swapped_between_the_same_words_is_a_substitution() {
        let c = run(
            "The river barge carried yellow and white paint to the old mill.",
            "The river barge carried yellow and blue paint to the old mill.",
        );
        assert!(c.has_substitution() && !c.has_conflict(), "{c:?}");
        let swap = c
            .findings
            .iter()
            .find(|f| f.kind == FindingKind::Substitution)
            .unwrap();
        assert_eq!(swap.statement.as_ref().unwrap().text, "white");
        assert_eq!(swap.evidence.as_ref().unwrap().text, "blue");
        // A free paraphrase is not read as an edit.
        let c = run(
            "A barge took white paint to the mill.",
            "The river barge carried yellow and blue paint to the old mill.",
        );
        assert!(!c.has_substitution(), "{c:?}");
    }

    #[test]
    fn a_bare_figure_does_not_vouch_for_a_count_the_evidence_gives_otherwise() {
        let number_support = |c: &Comparison| {
            c.findings
                .iter()
                .find(|f| f.kind == FindingKind::Number && f.effect == Effect::Supports)
                .and_then(|f| f.evidence.as_ref().map(|e| e.text.clone()))
        };
        // "19" is an age; the evidence counts the men as three.
        let c = run(
            "At least six men were stopped at the airport with hamza ahmed.",
            "The three men were stopped at the airport with hamza ahmed, 19, in november.",
        );
        assert_eq!(number_support(&c), None, "{c:#?}");
        // A bare figure of the same value still does.
        let c = run(
            "The Yes side won by roughly 188,000 votes.",
            "Yes won 1,203,551 votes to 1,015,417 for No, a margin of 188,134.",
        );
        assert_eq!(number_support(&c).as_deref(), Some("188,134"), "{c:#?}");
    }

    #[test]
    fn a_name_inside_a_count_is_checked_as_a_name() {
        let evidence = "The automaker will recall 19 Endurance pickups to fix a wiring fault.";
        let statement =
            analyze("The automaker will recall 19 Cybertruck pickups to fix a wiring fault.");
        let comparison = compare(&statement, &window(evidence), &KnownWords(evidence));
        assert!(comparison.has_unknown_name, "{:#?}", comparison.findings);
        assert!(!crate::verdict::is_supported(&comparison));
        // The name the evidence has is backed like any other word.
        let same = analyze("The automaker will recall 19 Endurance pickups to fix a wiring fault.");
        let comparison = compare(&same, &window(evidence), &KnownWords(evidence));
        assert!(
            crate::verdict::is_supported(&comparison),
            "{:#?}",
            comparison.findings
        );
    }

    #[test]
    fn a_name_no_article_has_is_flagged_and_named() {
        let evidence = "Binance transferred the funds to several hedge funds in August, the report said, and the exchange's customers were not told.";
        let statement = analyze("A report found that Bitfinex transferred the funds to several hedge funds in August, and the exchange's customers were not told.");
        let comparison = compare(&statement, &window(evidence), &KnownWords(evidence));
        assert!(comparison.has_unknown_name, "{:#?}", comparison.findings);
        // Here the evidence has another name in its place, which is what
        // the finding names; with nothing in its place, the note says the
        // articles lack it.
        assert!(comparison
            .findings
            .iter()
            .any(|f| f.effect != Effect::Supports
                && f.statement.as_ref().is_some_and(|s| s.text == "Bitfinex")));
        let alone = analyze("Bitfinex transferred the funds to several hedge funds in August.");
        let comparison = compare(
            &alone,
            &window("The funds went to several hedge funds in August."),
            &KnownWords(evidence),
        );
        assert!(
            comparison
                .findings
                .iter()
                .any(|f| f.effect == Effect::Missing
                    && f.statement.as_ref().is_some_and(|s| s.text == "Bitfinex")
                    && f.note.ends_with("no article names it")),
            "{:#?}",
            comparison.findings
        );
        // The same statement with a name the corpus has elsewhere.
        let elsewhere = "Bitfinex is another exchange.";
        let comparison = compare(
            &statement,
            &window(evidence),
            &KnownWords(format!("{evidence} {elsewhere}").leak()),
        );
        assert!(!comparison.has_unknown_name);
    }

    #[test]
    fn a_lower_case_name_the_evidence_does_not_give_blocks_support() {
        let evidence = "nau's brother, austin, died at age 17 in a 2011 automobile accident.";
        let corpus =
            "nau's brother, austin, died at age 17 in a 2011 automobile accident. the illini lost.";
        let statement =
            analyze("illini's brother, austin, died at age 17 in a 2011 automobile accident.");
        let comparison = compare(&statement, &window(evidence), &KnownWords(corpus));
        // An article knows the word, so it is not unknown, but this
        // evidence does not give it.
        assert!(!comparison.has_unknown_name);
        assert!(comparison.is_missing_detail);
        assert!(!crate::verdict::is_supported(&comparison));
        let statement =
            analyze("nau's brother, austin, died at age 17 in a 2011 automobile accident.");
        let comparison = compare(&statement, &window(evidence), &KnownWords(corpus));
        assert!(
            crate::verdict::is_supported(&comparison),
            "{:#?}",
            comparison.findings
        );
    }

    #[test]
    fn a_lower_case_statement_shows_unknown_names_by_the_corpus() {
        let evidence =
            "Conor McGregor said he was coming sprinting at you with bricks after his last fight.";
        let comparison = compare(
            &analyze("ufc champion liam bennett said he was coming sprinting at you with bricks after his last fight."),
            &window(evidence),
            &KnownWords(evidence),
        );
        assert!(comparison.has_unknown_name);
        let named: Vec<&str> = comparison
            .findings
            .iter()
            .filter(|f| f.note.ends_with("no article names it"))
            .filter_map(|f| f.statement.as_ref().map(|s| s.text.as_str()))
            .collect();
        assert_eq!(named, ["ufc", "liam", "bennett"]);
        // Every word known: no name is missing.
        let comparison = compare(
            &analyze("conor mcgregor said he was coming sprinting at you with bricks."),
            &window(evidence),
            &KnownWords(evidence),
        );
        assert!(!comparison.has_unknown_name);
    }

    #[test]
    fn a_universal_the_evidence_does_not_say_is_a_missing_detail() {
        let comparison = run(
            "Calloway won every ward in the city.",
            "Calloway won wards across the city on Tuesday.",
        );
        assert!(comparison.is_missing_detail);
        assert!(comparison
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::Quantifier
                && f.statement.as_ref().is_some_and(|s| s.text == "every")));
        assert!(
            !run(
                "Calloway won wards in the city.",
                "Calloway won wards across the city on Tuesday."
            )
            .is_missing_detail
        );
    }

    #[test]
    fn a_name_at_the_head_of_a_negation_is_not_what_is_denied() {
        let comparison = run(
            "Neither Tessaline nor Corvid revealed the price Tessaline will pay.",
            "Tessaline did not say what price Tessaline will pay for the jets, and neither did Corvid.",
        );
        assert!(
            !conflict_kinds(&comparison).contains(&FindingKind::Negation),
            "{:#?}",
            comparison.findings
        );
        // A common word at the head still is.
        assert!(conflict_kinds(&run(
            "The board did not approve the plan.",
            "The board approved the plan."
        ))
        .contains(&FindingKind::Negation));
    }

    #[test]
    fn a_date_goes_with_the_word_before_it_when_no_verb_names_the_event() {
        let evidence = "Pre-orders open on Friday, September 12, and the phones go on sale a week later, on September 19.";
        assert!(
            conflict_kinds(&run("The phones go on sale on September 12.", evidence))
                .contains(&FindingKind::Date)
        );
        assert!(!run("The phones go on sale on September 19.", evidence).has_conflict());
    }

    #[test]
    fn three_other_schools_and_the_named_one_are_four() {
        let evidence = "Scores at four schools, including Harlan Middle School, declined, and the district has yet to explain why.";
        let comparison = run(
            "Scores declined at Harlan Middle School and three other schools.",
            evidence,
        );
        assert!(!comparison.has_conflict(), "{:#?}", comparison.findings);
        assert!(comparison
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::Number && f.effect == Effect::Supports));
        assert!(run("Scores declined at three schools.", evidence).has_conflict());
    }

    const ATTACK: &str = "The attack on a Moscow concert hall killed 149 people.";
    const WAR: &str = "Soviet forces invaded in 1979, fought for a decade against the Mujahideen, and withdrew in 1989 after losing approximately 15,000 soldiers.";

    #[test]
    fn supports_same_number_through_paraphrase() {
        let c = run("149 people died in the Moscow attack.", ATTACK);
        assert!(c.coverage > 0.9, "{c:?}");
        assert!(!c.has_conflict() && !c.is_missing_detail);
    }

    #[test]
    fn conflicts_on_changed_number() {
        let c = run("150 people died in the Moscow attack.", ATTACK);
        assert_eq!(conflict_kinds(&c), [FindingKind::Number]);
        let conflict = c
            .findings
            .iter()
            .find(|f| f.effect == Effect::Conflicts)
            .unwrap();
        assert_eq!(conflict.evidence.as_ref().unwrap().text, "149");
        assert_eq!(conflict.statement.as_ref().unwrap().text, "150");
    }

    #[test]
    fn supports_more_than_comparator() {
        let c = run(
            "More than 140 people were killed in the Moscow concert hall attack.",
            ATTACK,
        );
        assert!(!c.has_conflict() && !c.is_missing_detail, "{c:?}");
    }

    #[test]
    fn pinned_number_slot_conflicts_despite_other_words() {
        let c = run(
            "Each new train will seat 320 passengers.",
            "Each four-car train will seat 220 passengers and can run up to 120 kilometres.",
        );
        assert_eq!(conflict_kinds(&c), [FindingKind::Number]);
    }

    #[test]
    fn conflicts_on_less_than_comparator() {
        let c = run("Less than 100 people died in the Moscow attack.", ATTACK);
        assert_eq!(conflict_kinds(&c), [FindingKind::Number]);
    }

    #[test]
    fn conflicts_on_changed_year() {
        let c = run("Soviet forces invaded Afghanistan in 1980.", WAR);
        assert_eq!(conflict_kinds(&c), [FindingKind::Date]);
    }

    #[test]
    fn dates_after_one_verb_pair_in_order() {
        let aired = "The series aired on the network from September 9, 2010 to December 27, 2013.";
        let c = run(aired, aired);
        assert!(!c.has_conflict(), "{c:?}");
        let c = run(
            "The series aired on the network from September 9, 2010 to December 27, 2014.",
            aired,
        );
        assert_eq!(conflict_kinds(&c), [FindingKind::Date]);
        let cups = "Giroud won the cup with Arsenal in 2014, 2015 and 2017.";
        assert!(!run(cups, cups).has_conflict());
    }

    #[test]
    fn date_goes_with_its_verb() {
        let c = run("Soviet forces withdrew in 1989.", WAR);
        assert!(!c.has_conflict(), "{c:?}");
        let c = run("Soviet forces withdrew in 1979.", WAR);
        assert_eq!(conflict_kinds(&c), [FindingKind::Date]);
    }

    #[test]
    fn supports_approximate_number() {
        let c = run("Around 15,000 Soviet soldiers were lost.", WAR);
        assert!(!c.has_conflict() && !c.is_missing_detail, "{c:?}");
    }

    #[test]
    fn nei_on_missing_qualifier() {
        let c = run(
            "The Moscow concert hall attack wounded hundreds of people.",
            ATTACK,
        );
        assert!(!c.has_conflict(), "{c:?}");
    }

    #[test]
    fn no_conflict_across_different_events() {
        let c = run(
            "100 people were injured in the factory fire.",
            "About 300 people were working inside the new office tower.",
        );
        assert!(!c.has_conflict(), "{c:?}");
    }

    #[test]
    fn conflicts_on_other_name_in_same_slot() {
        let c = run(
            "Officials attributed the attack to the Iraqi branch of Islamic State.",
            "Officials attributed the attack to the Afghan branch of Islamic State.",
        );
        assert_eq!(conflict_kinds(&c), [FindingKind::Entity]);
    }

    #[test]
    fn name_missing_from_open_list_is_not_a_conflict() {
        let c = run(
            "Turkmenistan appointed an ambassador to Kabul.",
            "China, the United Arab Emirates, Uzbekistan, and Pakistan appointed ambassadors to Kabul.",
        );
        assert!(!c.has_conflict(), "{c:?}");
        assert!(c.is_missing_detail);
    }

    #[test]
    fn a_shared_title_does_not_make_a_name_present() {
        let c = run(
            "The ordinance was sponsored by Councillor Walter Brisco.",
            "The ordinance was sponsored by Councillor Priya Anand.",
        );
        assert!(c.is_missing_detail, "{c:?}");
        assert!(!crate::verdict::is_supported(&c), "{c:?}");
    }

    #[test]
    fn a_name_of_title_words_alone_is_still_checked() {
        let c = run(
            "The Chief Justice wrote the opinion.",
            "The Chief Justice wrote the opinion.",
        );
        assert!(!c.is_missing_detail, "{c:?}");
    }

    #[test]
    fn a_figure_of_the_title_is_not_a_rival() {
        let window = Window::of_titled_sentence(
            "Harlow County measles outbreak reaches 47 cases",
            "The county has opened free walk-in vaccination clinics at three sites \u{2014} \
             the Old Mill Community Center, the Eastbrook Public Library and the fairgrounds.",
        );
        let statement = analyze(
            "The Eastbrook Public Library is one of the three sites where Harlow County \
             has opened free walk-in vaccination clinics.",
        );
        let c = compare(&statement, &window, &UniformWeights);
        assert!(!c.has_conflict(), "{c:?}");
    }

    #[test]
    fn names_the_title_lends_do_not_swap_roles() {
        let window = Window::of_titled_sentence(
            "Veloria and Santhera sign trade pact cutting car tariffs",
            "\u{201c}Our government has traded away the beet farmer so that car makers can sell \
             more cars,\u{201d} said Helga Marrin, the federation\u{2019}s president.",
        );
        let statement = analyze(
            "Federation president Helga Marrin said the Velorian government had traded away \
             the beet farmer so that car makers could sell more cars.",
        );
        let c = compare(&statement, &window, &UniformWeights);
        assert!(!c.has_conflict(), "{c:?}");
    }

    #[test]
    fn a_percentage_against_a_fraction_of_the_whole() {
        let c = run(
            "About 40% of the votes were cast early or by mail.",
            "Nearly two-thirds of the votes were cast early or by mail.",
        );
        assert_eq!(conflict_kinds(&c), [FindingKind::Number]);
        let c = run(
            "Europe accounts for roughly 25% of the company's sales.",
            "Europe accounts for about a quarter of the company's sales.",
        );
        assert!(!c.has_conflict() && !c.is_missing_detail, "{c:?}");
    }

    #[test]
    fn conflicts_on_negation() {
        let c = run(
            "The authority has approved the timetable changes.",
            "The authority has not yet approved the timetable changes.",
        );
        assert_eq!(conflict_kinds(&c), [FindingKind::Negation]);
    }

    #[test]
    fn refused_to_is_a_negation() {
        let c = run(
            "Russia has refused to recognize the Taliban government.",
            "Russia became the first nation to formally recognize the Taliban government.",
        );
        assert_eq!(conflict_kinds(&c), [FindingKind::Negation]);
    }

    #[test]
    fn conflicts_on_antonym() {
        let c = run(
            "The Taliban allows girls to attend high schools.",
            "The Taliban has banned girls and women from high schools and universities.",
        );
        assert_eq!(conflict_kinds(&c), [FindingKind::Antonym]);
    }

    #[test]
    fn antonym_of_the_second_of_two_like_names() {
        let c = run(
            "Voters approved Measure C.",
            "Voters approved Measure B but rejected Measure C.",
        );
        assert_eq!(conflict_kinds(&c), [FindingKind::Antonym]);
    }

    #[test]
    fn denied_on_both_sides_through_another_verb_agrees() {
        let c = run(
            "Fenn said the province would not impose limits on wheat exports.",
            "Fenn also said the province would not restrict wheat exports.",
        );
        assert!(!c.has_conflict(), "{c:?}");
    }

    #[test]
    fn negated_antonym_agrees() {
        let c = run("The city did not ban cars.", "The city allowed cars.");
        assert!(!c.has_conflict(), "{c:?}");
    }

    #[test]
    fn a_denial_the_evidence_does_not_mention_is_missing() {
        let c = run(
            "Phoenix is not in the southwestern United States.",
            "Phoenix is the capital of the U.S. state of Arizona.",
        );
        assert!(c.is_missing_detail && !c.has_conflict(), "{c:?}");
        let denial = c
            .findings
            .iter()
            .find(|f| f.kind == FindingKind::Negation && f.effect == Effect::Missing)
            .expect("a missing negation");
        assert_eq!(
            denial.statement.as_ref().unwrap().text,
            "not in the southwestern"
        );
        // Denied in the evidence too, through other words: not missing.
        let c = run(
            "Fenn said the province would not impose limits on wheat exports.",
            "Fenn also said the province would not restrict wheat exports.",
        );
        assert!(
            !c.findings.iter().any(|f| f.kind == FindingKind::Negation),
            "{c:?}"
        );
    }

    #[test]
    fn conflicts_on_role_swap() {
        let c = run("Google acquired YouTube.", "YouTube acquired Google.");
        assert_eq!(conflict_kinds(&c), [FindingKind::RoleSwap]);
        let c = run(
            "Google acquired YouTube.",
            "YouTube was acquired by Google.",
        );
        assert!(!c.has_conflict(), "{c:?}");
    }
}
