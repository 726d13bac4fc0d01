//! Negation cues and their scope.
//!
//! A cue (`not`, `n't`, `never`, `no`, `without`, `has yet to`, and the
//! implicative verbs `refuse to`, `fail to`, `decline to`) negates the few
//! content words after it, up to a clause boundary. The comparison flags a
//! conflict when a predicate is negated on one side only.

use super::{Token, TokenKind};
use crate::lexicon;

/// How many content words after a cue it negates.
///
/// Two covers a verb and its object or a verb and an adverb (`not accept
/// credentials`, `cannot move freely`) without reaching into the next clause.
const SCOPE_CONTENT_WORDS: usize = 2;

/// A negation cue and the tokens it negates.
#[derive(Clone, Debug, PartialEq)]
pub struct Negation {
    /// Byte span of the cue.
    pub start: usize,
    pub end: usize,
    /// The token index of the cue.
    pub token: usize,
    /// Token indices of the content words in its scope.
    pub scope: Vec<usize>,
}

/// Words that negate what follows them.
fn is_plain_cue(lower: &str) -> bool {
    matches!(
        lower,
        "not"
            | "never"
            | "no"
            | "none"
            | "nor"
            | "neither"
            | "without"
            | "cannot"
            | "nobody"
            | "nothing"
            | "nowhere"
    ) || lower.ends_with("n't")
}

/// Verbs that, followed by `to`, assert that the next verb did not happen:
/// "refused to recognize" means "did not recognize".
fn is_implicative_negator(lemma: &str) -> bool {
    const NEGATORS: [&str; 5] = ["refuse", "fail", "declin", "decline", "neglect"];
    NEGATORS.contains(&lemma) || NEGATORS.iter().any(|n| lexicon::lemma(n) == lemma)
}

/// Words that end a negation's scope: clause boundaries.
fn ends_scope(token: &Token) -> bool {
    match token.kind {
        TokenKind::Punct => !matches!(token.text.as_str(), "-" | "'" | "’"),
        TokenKind::Word => matches!(
            token.lower.as_str(),
            "but"
                | "and"
                | "or"
                | "which"
                | "who"
                | "that"
                | "because"
                | "while"
                | "although"
                | "until"
                | "unless"
        ),
        TokenKind::Number => false,
    }
}

/// Adverbs that sit between a cue and its predicate without being negated
/// themselves in any interesting way.
fn is_transparent(lower: &str) -> bool {
    matches!(
        lower,
        "yet"
            | "even"
            | "ever"
            | "also"
            | "always"
            | "still"
            | "necessarily"
            | "be"
            | "been"
            | "being"
            | "have"
            | "has"
            | "had"
            | "to"
    )
}

fn scope_after(tokens: &[Token], cue: usize) -> Vec<usize> {
    let mut scope = Vec::new();
    for (i, token) in tokens.iter().enumerate().skip(cue + 1) {
        if ends_scope(token) {
            break;
        }
        if is_transparent(&token.lower) || !token.is_content() {
            continue;
        }
        scope.push(i);
        if scope.len() == SCOPE_CONTENT_WORDS {
            break;
        }
    }
    scope
}

/// Whether token `i` is a verb a "no" after it denies: an inflected
/// content word ("found", "has", "reported"), not a preposition or a name.
fn is_verb_before(tokens: &[Token], i: usize) -> bool {
    let token = &tokens[i];
    let lower = token.lower.as_str();
    token.kind == TokenKind::Word
        && token.is_content()
        && !token.is_capitalized
        && (lower.ends_with("ed")
            || lexicon::is_irregular_verb_form(lower)
            || matches!(lower, "has" | "have" | "had"))
}

/// Finds the negation cues in a token list, with their scopes.
pub fn find_negations(tokens: &[Token]) -> Vec<Negation> {
    let mut negations = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != TokenKind::Word {
            continue;
        }
        let next = tokens.get(i + 1).map(|t| t.lower.as_str());
        // "the No campaign", "a No vote": capitalised inside a sentence,
        // "No" names a side.
        let is_name = i > 0 && token.text == "No";
        let is_cue = if is_name {
            false
        } else if is_plain_cue(&token.lower) {
            // "not only", "no more than", "no fewer than", "no less than" are not negations.
            !matches!(
                (token.lower.as_str(), next),
                ("not", Some("only"))
                    | ("no", Some("more" | "fewer" | "less" | "later" | "sooner"))
                    | ("not", Some("least"))
            )
        } else if token.lower == "yet" && next == Some("to") {
            // "has yet to approve"
            i > 0
                && matches!(
                    tokens[i - 1].lower.as_str(),
                    "has" | "have" | "had" | "is" | "are"
                )
        } else {
            is_implicative_negator(&token.lemma) && next == Some("to")
        };
        if is_cue {
            let mut scope = scope_after(tokens, i);
            // "found no evidence" says "did not find evidence": a "no"
            // right after a verb denies the verb.
            let after_verb = i > 0
                && matches!(token.lower.as_str(), "no" | "nothing" | "none")
                && is_verb_before(tokens, i - 1);
            if after_verb {
                scope.insert(0, i - 1);
                scope.truncate(SCOPE_CONTENT_WORDS);
            }
            negations.push(Negation {
                start: token.start,
                end: token.end,
                token: i,
                scope,
            });
        }
    }
    negations
}

/// True when the token at `index` lies in the scope of some negation.
pub fn is_negated(negations: &[Negation], index: usize) -> bool {
    negations.iter().any(|n| n.scope.contains(&index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokenize;

    fn negated_words(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let negations = find_negations(&tokens);
        (0..tokens.len())
            .filter(|&i| is_negated(&negations, i))
            .map(|i| tokens[i].lower.clone())
            .collect()
    }

    #[test]
    fn negates_the_verb_after_not() {
        assert_eq!(
            negated_words("Russia did not accept credentials."),
            ["accept", "credentials"]
        );
    }

    #[test]
    fn skips_yet_between_cue_and_verb() {
        assert_eq!(
            negated_words("The authority has not yet approved the changes."),
            ["approved", "changes"]
        );
    }

    #[test]
    fn reads_contracted_negation() {
        assert_eq!(
            negated_words("Women cannot move freely."),
            ["move", "freely"]
        );
        assert_eq!(negated_words("Recognition won’t happen."), ["happen"]);
    }

    #[test]
    fn implicative_verbs_negate_their_complement() {
        assert_eq!(
            negated_words("Russia has refused to recognize the government."),
            ["recognize", "government"]
        );
        assert_eq!(negated_words("The bill failed to pass."), ["pass"]);
    }

    #[test]
    fn scope_stops_at_clause_boundary() {
        assert_eq!(
            negated_words("They did not win, but the team played well."),
            ["win"]
        );
    }

    #[test]
    fn comparator_no_is_not_negation() {
        assert!(negated_words("No more than 20 people came.").is_empty());
        assert!(negated_words("It was not only cheap.").is_empty());
    }

    #[test]
    fn a_capitalised_no_inside_a_sentence_is_a_name() {
        assert!(negated_words("The No campaign's biggest backer gave 600,000 marks.").is_empty());
        assert_eq!(negated_words("No one came."), ["one", "came"]);
    }

    #[test]
    fn no_after_a_verb_denies_the_verb() {
        assert_eq!(
            negated_words("The authorities have found no evidence of poison."),
            ["found", "evidence"]
        );
        assert_eq!(negated_words("There was no evidence."), ["evidence"]);
    }

    #[test]
    fn has_yet_to_is_negation() {
        assert_eq!(
            negated_words("The board has yet to approve the deal."),
            ["approve", "deal"]
        );
    }
}
