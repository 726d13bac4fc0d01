//! Conflict rules that read more than one slot: a registry.
//!
//! The comparison in [`super::compare`] aligns the statement's words with
//! the evidence and finds values that differ in a slot (a number, a date, a
//! name). The rules here look for conflicts of another shape, each in a
//! file of its own with its tests beside it:
//!
//! - [`direction`]: a change the other way round ("slipped from 35% to
//!   33%" vs "rose from 33% to 35%");
//! - [`scale`]: the other end of one scale ("the smallest share" vs "the
//!   highest share");
//! - [`quantifier`]: all against part ("all 180 slots" vs "96 of the 180");
//! - [`attribution`]: words put in the wrong mouth;
//! - [`title`]: a person given another's role ("chief executive X" where X
//!   is the chief financial officer);
//! - [`antonym`]: an opposite predicate found through its arguments
//!   ("rejected the proposal" vs "the proposal was endorsed");
//! - [`order`]: two events in the other order ("held a hearing before
//!   adopting the budget" vs "adopted it on April 8 and held a hearing
//!   three weeks later");
//! - [`slot`]: a figure given to the other part of a coordination ("caps
//!   high-school classes at 26" vs "26 in kindergarten ... and 32 in high
//!   school");
//! - [`argument`]: a figure given to another argument of the verb, from
//!   the parse ("received 210 millimetres" vs "received 94 millimetres,
//!   less than half the average of 210 millimetres");
//! - [`negation`]: a predicate affirmed where the evidence denies another
//!   in its place ("allowed Hollin to build" vs "did not approve Hollin's
//!   request to build");
//! - [`roles`]: who did what to whom, from the dependency parse ("Castle
//!   Rovers beat Riverside" vs "Riverside beat Castle Rovers");
//! - [`exchange`]: two names that trade places in any slot, from the
//!   parse ("the United States was the largest donor, followed by the EU"
//!   vs "the EU was the largest donor, followed by the United States").
//!
//! Every rule sees one [`Pair`] (the statement, the window's analysis and
//! the word alignment) and may report one [`RuleConflict`]. The comparison
//! gates every rule's conflict the same way (the rest of the statement must
//! be about the same thing), so a rule only says *what* differs. Each rule,
//! and each of the comparison's own checks, can be switched off by name
//! ([`RuleSwitches`]) so that `factcheck eval --without RULE` measures what
//! it is worth.

mod antonym;
mod argument;
mod attribution;
mod direction;
mod exchange;
mod negation;
mod order;
mod quantifier;
mod roles;
mod scale;
mod slot;
mod title;
pub use title::is_title_word;

use std::collections::HashSet;

use super::{FindingKind, MatchKind, Window};
use crate::extract::{Analysis, Entity, EntityKind};
use crate::lexicon;

/// A statement and one window of evidence, as every rule sees them.
pub struct Pair<'a> {
    pub statement: &'a Analysis,
    /// The window's analysis (context passages and the focus, joined).
    pub evidence: &'a Analysis,
    /// The window itself, for its focus passage's parse.
    pub window: &'a Window,
    /// For each statement token, the evidence token it aligned with.
    pub alignment: &'a [Option<(usize, MatchKind)>],
    /// For each evidence token, whether it lies in the window's focus
    /// passage (not in the title or the sentence before).
    pub in_focus: &'a [bool],
}

impl Pair<'_> {
    /// The word of the focus passage's tree that evidence token `e` is.
    fn focus_word(&self, e: usize) -> Option<usize> {
        let offset = self.evidence.tokens[e]
            .start
            .checked_sub(self.window.focus_start())?;
        self.window.focus_tree().word_at(offset)
    }

    /// The word of the focus passage's tree that the statement word
    /// starting at byte `start` aligned with, when it aligned in the focus.
    fn aligned_focus_word(&self, start: usize) -> Option<usize> {
        let s = self.statement.token_starting_at(start)?;
        let (e, _) = self.alignment[s].filter(|&(e, _)| self.in_focus[e])?;
        self.focus_word(e)
    }
}

/// What a rule found: the two spans that disagree and why.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleConflict {
    pub kind: FindingKind,
    /// Byte span in the statement.
    pub statement: (usize, usize),
    /// Byte span in the window's joined text.
    pub evidence: (usize, usize),
    pub note: String,
    /// Statement tokens the conflict explains: they are left out of the
    /// coverage the conflict's gate measures.
    pub explains: Vec<usize>,
}

impl RuleConflict {
    /// One statement word against one evidence word ("smallest" vs
    /// "highest"): the shape most rules report.
    fn words(kind: FindingKind, pair: &Pair, s: usize, e: usize) -> RuleConflict {
        let (token, found) = (&pair.statement.tokens[s], &pair.evidence.tokens[e]);
        RuleConflict {
            kind,
            statement: (token.start, token.end),
            evidence: (found.start, found.end),
            note: format!(
                "the statement says \"{}\" where the evidence says \"{}\"",
                token.text, found.text
            ),
            explains: vec![s],
        }
    }
}

/// One kind of conflict.
pub trait Rule: Sync {
    /// The name `--without` takes.
    fn name(&self) -> &'static str;
    /// The first conflict of this kind in the pair, if any.
    fn check(&self, pair: &Pair) -> Option<RuleConflict>;
}

/// Every registered rule, in the order they are tried.
pub const RULES: &[&dyn Rule] = &[
    &direction::FromToReversed,
    &direction::ChangeDirection,
    &scale::OppositeEnd,
    &quantifier::AllVersusPart,
    &attribution::OtherSpeaker,
    &title::OtherTitle,
    &antonym::OppositeBesideArgument,
    &antonym::OppositeBeforeObject,
    &antonym::OppositeOverSameObject,
    &roles::SwappedRoles,
    &exchange::ExchangedNames,
    &order::WrongOrder,
    &slot::OtherPart,
    &argument::OtherArgument,
    &negation::DeniedInItsPlace,
];

pub(super) use quantifier::is_universal;

/// The comparison's own checks, which can be switched off like the rules.
pub const BUILT_IN: &[&str] = &[
    "number",
    "date",
    "entity",
    "role_swap",
    "negation",
    "antonym",
    "cause",
    "substitution",
];

/// Every name [`RuleSwitches::without`] accepts.
pub fn rule_names() -> Vec<&'static str> {
    BUILT_IN
        .iter()
        .copied()
        .chain(RULES.iter().map(|r| r.name()))
        .collect()
}

/// Which rules are on. All are, by default.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleSwitches {
    off: Vec<String>,
}

impl RuleSwitches {
    /// Every rule on but `names`; an unknown name is an error that lists
    /// the known ones.
    pub fn without<S: AsRef<str>>(names: &[S]) -> Result<RuleSwitches, String> {
        let known = rule_names();
        let mut off = Vec::new();
        for name in names {
            let name = name.as_ref().trim();
            if !known.contains(&name) {
                return Err(format!(
                    "unknown rule '{name}'\n\nKnown rules: {}",
                    known.join(", ")
                ));
            }
            off.push(name.to_string());
        }
        Ok(RuleSwitches { off })
    }

    pub fn is_on(&self, name: &str) -> bool {
        !self.off.iter().any(|n| n == name)
    }
}

use crate::lexicon::data_lines;

/// A comma-separated word list as a set of lower-case words.
fn word_set(list: &str) -> HashSet<String> {
    list.split(',')
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The same list as a set of lemmas.
fn lemma_set(list: &str) -> HashSet<String> {
    word_set(list).iter().map(|w| lexicon::lemma(w)).collect()
}

/// How far apart (in tokens) a rule's word and an aligned word may stand
/// to be in one slot: a determiner and a modifier or two.
const SLOT_REACH: usize = 3;

/// Whether statement token `s` and evidence token `e` stand in the same
/// place: a content word on one side of `s` (within [`SLOT_REACH`])
/// aligned with an evidence word on the same side of `e` (within
/// [`SLOT_REACH`]): "the smallest share" and "the highest share" share the
/// word after them.
fn same_slot(pair: &Pair, s: usize, e: usize) -> bool {
    let aligned = |i: usize| {
        pair.statement.tokens[i]
            .is_content()
            .then(|| pair.alignment[i].map(|(a, _)| a))
            .flatten()
    };
    let after = (s + 1..(s + SLOT_REACH + 1).min(pair.alignment.len()))
        .filter_map(aligned)
        .any(|a| a > e && a - e <= SLOT_REACH);
    let before = (s.saturating_sub(SLOT_REACH)..s)
        .filter_map(aligned)
        .any(|a| a < e && e - a <= SLOT_REACH);
    after || before
}

/// Evidence tokens of the focus passage.
fn focus_tokens<'a>(pair: &'a Pair) -> impl Iterator<Item = usize> + 'a {
    (0..pair.evidence.tokens.len()).filter(|&e| pair.in_focus[e])
}

/// Evidence tokens of the sentence right before the focus
/// ([`Window::sentence_before_focus`]); empty when there is none.
fn sentence_before_tokens(pair: &Pair) -> Vec<usize> {
    let Some(before) = pair.window.sentence_before_focus() else {
        return Vec::new();
    };
    (0..pair.evidence.tokens.len())
        .filter(|&e| pair.window.part_at(pair.evidence.tokens[e].start) == before)
        .collect()
}

/// The name (not a place) that `tokens` open with: the sentence before's
/// subject, more often than not, which "he" or "she" after it stands for.
fn opening_name<'a>(analysis: &'a Analysis, tokens: &[usize]) -> Option<&'a Entity> {
    let first = *tokens.first()?;
    analysis
        .entities
        .iter()
        .find(|e| e.first_token == first && e.kind == EntityKind::Name)
}

/// Whether `lower` is "he" or "she": a pronoun that stands for one person.
fn is_personal_pronoun(lower: &str) -> bool {
    matches!(lower, "he" | "she")
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs one rule on a statement and a one-sentence evidence text.
    use super::*;
    use crate::compare::align;
    use crate::extract::analyze;

    pub fn check(rule: &dyn Rule, statement: &str, evidence: &str) -> Option<RuleConflict> {
        with_pair(statement, evidence, |pair, _| rule.check(pair))
    }

    /// Runs `rule` on `statement` and a window of `evidence` with the
    /// sentence `before` it as its context.
    pub fn check_after(
        rule: &dyn Rule,
        statement: &str,
        before: &str,
        evidence: &str,
    ) -> Option<RuleConflict> {
        with_window(
            statement,
            Window::of_sentence_after(before, evidence),
            |pair, _| rule.check(pair),
        )
    }

    /// Calls `f` with the pair of `statement` and a one-sentence window of
    /// `evidence` (all of it the focus), and the statement's content words.
    pub fn with_pair<T>(
        statement: &str,
        evidence: &str,
        f: impl FnOnce(&Pair, &[usize]) -> T,
    ) -> T {
        with_window(statement, Window::of_sentence(evidence), f)
    }

    /// Calls `f` with the pair of `statement` and `window`, whose parts
    /// other than the focus are context, and the statement's content words.
    pub fn with_window<T>(
        statement: &str,
        window: Window,
        f: impl FnOnce(&Pair, &[usize]) -> T,
    ) -> T {
        let statement = analyze(statement);
        let evidence = &window.analysis;
        let units: Vec<usize> = statement
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.is_content())
            .map(|(i, _)| i)
            .collect();
        let is_context: Vec<bool> = evidence
            .tokens
            .iter()
            .map(|t| window.part_at(t.start) != window.focus)
            .collect();
        let alignment = align::align(&statement, evidence, &units, &is_context);
        let in_focus: Vec<bool> = is_context.iter().map(|c| !c).collect();
        let pair = Pair {
            statement: &statement,
            evidence,
            window: &window,
            alignment: &alignment,
            in_focus: &in_focus,
        };
        f(&pair, &units)
    }

    /// The statement text and the evidence text a conflict from
    /// [`check_after`] names (the evidence span is in the joined window).
    pub fn spans_after(
        statement: &str,
        before: &str,
        evidence: &str,
        conflict: &RuleConflict,
    ) -> (String, String) {
        let joined = Window::of_sentence_after(before, evidence).analysis.text;
        (
            statement[conflict.statement.0..conflict.statement.1].to_string(),
            joined[conflict.evidence.0..conflict.evidence.1].to_string(),
        )
    }

    /// The statement text and the evidence text a conflict names.
    pub fn spans(statement: &str, evidence: &str, conflict: &RuleConflict) -> (String, String) {
        (
            statement[conflict.statement.0..conflict.statement.1].to_string(),
            evidence[conflict.evidence.0..conflict.evidence.1].to_string(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_rule_is_an_error_listing_the_known_ones() {
        let error = RuleSwitches::without(&["nope"]).unwrap_err();
        assert!(error.contains("unknown rule 'nope'"), "{error}");
        assert!(error.contains("quantifier"), "{error}");
    }

    #[test]
    fn switched_off_rule_is_off_and_others_stay_on() {
        let switches = RuleSwitches::without(&["scale", "number"]).unwrap();
        assert!(!switches.is_on("scale"));
        assert!(!switches.is_on("number"));
        assert!(switches.is_on("date"));
        assert!(RuleSwitches::default().is_on("scale"));
    }

    #[test]
    fn rule_names_are_unique() {
        let names = rule_names();
        let unique: HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
    }
}
