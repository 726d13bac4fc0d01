//! Words put in the wrong mouth: "Tate told supporters that ..." where the
//! evidence has "... , Calloway told supporters". The speaker of a speech
//! verb (`data/lexicon/claims/speech_verbs.txt`) is the name right before
//! it ("Calloway said"), right after it ("said Calloway") or after
//! "according to". Where a clause or an apposition stands between them
//! ("Walter Brisco, who voted against it, said"; "its chair, Beatrix
//! Oyelaran, said"), the parse gives the speech verb's subject.
//!
//! A speaker can also be carried over from the sentence before: "she
//! wrote" after a sentence about Nadia Brenner is Brenner's, and a
//! sentence that is only a quotation continues the quotation the sentence
//! before attributes ("..., said Dr. Anika Mensah. \u{201c}When vaccination
//! rates drop ...\u{201d}").

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{
    data_lines, focus_tokens, is_personal_pronoun, opening_name, sentence_before_tokens, Pair,
    Rule, RuleConflict,
};
use crate::compare::FindingKind;
use crate::extract::{Analysis, Entity, EntityKind, TokenKind};
use crate::lexicon;

const SPEECH_VERBS: &str = include_str!("../../../data/lexicon/claims/speech_verbs.txt");

fn speech_verbs() -> &'static HashSet<String> {
    static VERBS: OnceLock<HashSet<String>> = OnceLock::new();
    VERBS.get_or_init(|| {
        let mut verbs: HashSet<String> = data_lines(SPEECH_VERBS).map(lexicon::lemma).collect();
        verbs.extend(
            [
                "call", "write", "testifi", "testify", "shout", "yell", "scream", "tweet", "ask",
                "urge", "concede", "complain", "boast", "comment",
            ]
            .map(lexicon::lemma),
        );
        verbs
    })
}

/// Tokens that may stand between a speaker and the speech verb: an
/// auxiliary or a comma-free adverb ("Tate has said", "Tate also said").
fn is_filler(lower: &str) -> bool {
    matches!(
        lower,
        "has"
            | "had"
            | "have"
            | "also"
            | "later"
            | "then"
            | "again"
            | "previously"
            // "It was Martin Feld who said": the relative pronoun stands
            // for the name.
            | "who"
    )
}

/// Whether a name can be a speaker where it stands: not a possessor
/// ("Domino's boss"), nor inside a phrase ("the boss of Domino's has
/// admitted").
fn can_speak(analysis: &Analysis, e: &Entity) -> bool {
    let heads_its_phrase = e.first_token == 0
        || !matches!(
            analysis.tokens[e.first_token - 1].lower.as_str(),
            "of" | "for" | "at" | "from" | "in" | "by" | "with" | "to" | "&"
        );
    !analysis.tokens[e.end_token - 1].is_possessive && heads_its_phrase
}

/// "Dr. Anika Mensah" read as "Dr" and "Anika Mensah": a name that is
/// only a title, with a period and a name after it, stands for that name.
fn past_honorific(analysis: &Analysis, g: usize) -> usize {
    let e = &analysis.entities[g];
    let is_title = analysis.tokens[e.first_token..e.end_token]
        .iter()
        .all(|t| super::is_title_word(&t.lower));
    let after_period = analysis
        .tokens
        .get(e.end_token)
        .is_some_and(|t| t.text == ".");
    let next = analysis
        .entities
        .iter()
        .position(|n| n.first_token == e.end_token + 1);
    match next {
        Some(n) if is_title && after_period => n,
        _ => g,
    }
}

/// A name that opens a sentence right before its speech verb ("Sterling
/// said on Wednesday ..."): the entity finder leaves a sentence's first
/// word alone, since any word is capitalised there, but a word that says
/// something is a name when no dictionary knows it or the text names it
/// elsewhere.
fn sentence_initial_speaker(analysis: &Analysis, v: usize) -> Option<Entity> {
    let i = (0..v)
        .rev()
        .find(|&i| !is_filler(&analysis.tokens[i].lower))?;
    let token = &analysis.tokens[i];
    let opens_sentence = i == 0
        || matches!(
            analysis.tokens[i - 1].text.as_str(),
            "." | "!" | "?" | "\u{201c}" | "\""
        );
    // A dictionary word ("Sterling") is a name when the text also
    // writes it as one ("hailed Sterling").
    let is_named_elsewhere = analysis.entities.iter().any(|e| {
        analysis.tokens[e.first_token..e.end_token]
            .iter()
            .any(|t| t.lower == token.lower)
    });
    let is_name = token.kind == TokenKind::Word
        && token.is_capitalized
        && !token.is_possessive
        && !lexicon::is_stop_word(&token.lower)
        && (!lexicon::is_known_word(&token.lemma) || is_named_elsewhere);
    (opens_sentence
        && is_name
        && analysis.tokens[i + 1..v]
            .iter()
            .all(|t| is_filler(&t.lower)))
    .then(|| Entity {
        start: token.start,
        end: token.end,
        first_token: i,
        end_token: i + 1,
        key: token.lower.clone(),
        kind: EntityKind::Name,
    })
}

/// The speakers of a text: for each speech verb, the named speaker and the
/// verb's token.
fn speakers(analysis: &Analysis, tokens: impl Iterator<Item = usize>) -> Vec<(Entity, usize)> {
    let mut found = Vec::new();
    for v in tokens {
        if !is_speech_verb(analysis, v) {
            continue;
        }
        let is_according = analysis.tokens[v].lower == "according";
        let ends_before = |e: &Entity| {
            e.end_token <= v
                && analysis.tokens[e.end_token..v]
                    .iter()
                    .all(|t| is_filler(&t.lower))
                && can_speak(analysis, e)
        };
        // A name set off by commas right before the verb: an apposition
        // ("its chair, Beatrix Oyelaran, said") or a name with a relative
        // clause ("Walter Brisco, who voted against it, said").
        let set_off_before = |e: &Entity| {
            let tokens = &analysis.tokens;
            let is_comma = |i: usize| tokens[i].text == ",";
            if e.end_token + 1 > v || !is_comma(e.end_token) || !is_comma(v - 1) {
                return false;
            }
            let is_apposition =
                e.end_token + 1 == v && e.first_token > 0 && is_comma(e.first_token - 1);
            let is_relative = e.end_token + 2 < v
                && tokens[e.end_token + 1].lower == "who"
                && !(e.end_token + 2..v - 1).any(is_comma);
            (is_apposition || is_relative) && e.kind == EntityKind::Name && can_speak(analysis, e)
        };
        // "..., said Calloway" (after a comma or a closing quote): in
        // "said Corvallen had spent", the name begins the reported clause.
        let is_inverted = v > 0
            && matches!(
                analysis.tokens[v - 1].text.as_str(),
                "," | "\u{201d}" | "\"" | "'"
            );
        let starts_after = |e: &Entity| {
            if is_according {
                e.first_token == v + 2
            } else {
                is_inverted && e.first_token == v + 1
            }
        };
        let speaker = if is_according {
            analysis.entities.iter().position(starts_after)
        } else {
            analysis
                .entities
                .iter()
                .position(ends_before)
                .or_else(|| analysis.entities.iter().position(set_off_before))
                .or_else(|| analysis.entities.iter().position(starts_after))
        };
        let speaker = speaker
            .map(|g| analysis.entities[past_honorific(analysis, g)].clone())
            .or_else(|| {
                (!is_according)
                    .then(|| sentence_initial_speaker(analysis, v))
                    .flatten()
            });
        if let Some(speaker) = speaker {
            found.push((speaker, v));
        }
    }
    found
}

/// Whether token `t` is a speech verb, or "according" of "according to".
fn is_speech_verb(analysis: &Analysis, t: usize) -> bool {
    let token = &analysis.tokens[t];
    speech_verbs().contains(&token.lemma)
        || (token.lower == "according"
            && analysis.tokens.get(t + 1).is_some_and(|n| n.lower == "to"))
}

/// The focus's speakers that only its parse shows: the named subject of a
/// speech verb, or the name in apposition to it ("its chair, Beatrix
/// Oyelaran, said").
fn parsed_speakers(pair: &Pair) -> Vec<Entity> {
    let evidence = pair.evidence;
    let has_speech_verb =
        (0..evidence.tokens.len()).any(|e| pair.in_focus[e] && is_speech_verb(evidence, e));
    if !has_speech_verb {
        return Vec::new();
    }
    let tree = pair.window.focus_tree();
    let start = pair.window.focus_start();
    let token_of = |w: usize| evidence.token_starting_at(start + tree.word(w).start);
    let mut found = Vec::new();
    for w in 0..tree.len() {
        let Some(verb) = token_of(w) else { continue };
        if !pair.in_focus[verb] || !is_speech_verb(evidence, verb) {
            continue;
        }
        // The verb's own subject: one shared with a conjoined verb is too
        // often a misread coordination.
        let Some(subject) = tree.children_with(w, "nsubj").next() else {
            continue;
        };
        let named = std::iter::once(subject)
            .chain(tree.children_with(subject, "appos"))
            .filter_map(token_of)
            .filter_map(|t| evidence.entity_at(t))
            .find(|&g| can_speak(evidence, &evidence.entities[g]));
        found.extend(named.map(|g| evidence.entities[g].clone()));
    }
    found
}

/// The tokens among `tokens` that stand inside quotation marks.
fn quoted_tokens(analysis: &Analysis, tokens: &[usize]) -> Vec<usize> {
    let mut inside = false;
    let mut quoted = Vec::new();
    for &t in tokens {
        match analysis.tokens[t].text.as_str() {
            "\u{201c}" => inside = true,
            "\u{201d}" => inside = false,
            "\"" => inside = !inside,
            _ if inside => quoted.push(t),
            _ => {}
        }
    }
    quoted
}

/// The speaker the focus carries over from the sentence before it: when
/// the focus's speech verb has "he" or "she" for its speaker and no name
/// comes before that pronoun, or when the focus is a quotation with no
/// speech verb at all. The sentence before gives the speaker: its own
/// speaker, or failing that (for a pronoun) the name it opens with.
fn carried_speaker(pair: &Pair) -> Option<Entity> {
    let evidence = pair.evidence;
    let context = sentence_before_tokens(pair);
    if context.is_empty() {
        return None;
    }
    let focus: Vec<usize> = focus_tokens(pair).collect();
    let first = *focus.first()?;
    let pronoun = focus.iter().copied().find(|&e| {
        is_personal_pronoun(&evidence.tokens[e].lower)
            && (is_speech_verb(evidence, e + 1) || e > first && is_speech_verb(evidence, e - 1))
    });
    let is_quotation = matches!(evidence.tokens[first].text.as_str(), "\u{201c}" | "\"")
        && !focus.iter().any(|&e| is_speech_verb(evidence, e));
    match pronoun {
        Some(p) => {
            // A name before the pronoun, outside the quotation: "Marsh
            // disagreed, and he said".
            let quoted = quoted_tokens(evidence, &focus);
            let named_before = evidence
                .entities
                .iter()
                .any(|e| (first..p).contains(&e.first_token) && !quoted.contains(&e.first_token));
            if named_before {
                return None;
            }
        }
        None if is_quotation => {}
        None => return None,
    }
    if let Some((speaker, _)) = speakers(evidence, context.iter().copied())
        .into_iter()
        .next()
    {
        return Some(speaker);
    }
    // "Nadia Brenner of Pollard & Finch, who rates the stock a buy, called
    // the earnings miss noise. ... she wrote": the name a sentence that
    // reports speech opens with.
    let reports_speech = context.iter().any(|&e| is_speech_verb(evidence, e));
    opening_name(evidence, &context)
        .filter(|_| pronoun.is_some() && reports_speech)
        .cloned()
}

/// "Marta Helland" and "Helland": one ends with the other's last word.
fn is_same_person(statement: &Analysis, a: &Entity, evidence: &Analysis, b: &Entity) -> bool {
    let last = |analysis: &Analysis, e: &Entity| analysis.tokens[e.end_token - 1].lower.clone();
    last(statement, a) == last(evidence, b)
}

/// The statement names one speaker, the evidence another for the same words.
pub struct OtherSpeaker;

impl Rule for OtherSpeaker {
    fn name(&self) -> &'static str {
        "attribution"
    }

    fn check(&self, pair: &Pair) -> Option<RuleConflict> {
        let (statement, evidence) = (pair.statement, pair.evidence);
        let stated = speakers(statement, 0..statement.tokens.len());
        if stated.is_empty() {
            return None;
        }
        let mut given: Vec<Entity> = speakers(evidence, focus_tokens(pair))
            .into_iter()
            .map(|(g, _)| g)
            .collect();
        given.extend(parsed_speakers(pair));
        let carried = carried_speaker(pair);
        for (speaker, _) in &stated {
            // The statement's speaker named anywhere in the focus: it may be
            // a second speaker, or the addressee; not a clear conflict. A
            // speaker carried over from the sentence before is set against
            // one the window does not name at all.
            // Its title ("Councillor") names no one.
            let named_in = |in_focus_only: bool| {
                (speaker.first_token..speaker.end_token)
                    .filter(|&i| !super::is_title_word(&statement.tokens[i].lower))
                    .any(|i| {
                        pair.alignment[i].is_some_and(|(e, _)| pair.in_focus[e] || !in_focus_only)
                    })
            };
            if named_in(true) {
                continue;
            }
            let carried = carried.as_ref().filter(|_| !named_in(false));
            for other in given.iter().chain(carried) {
                if other.key == speaker.key || is_same_person(statement, speaker, evidence, other) {
                    continue;
                }
                return Some(RuleConflict {
                    kind: FindingKind::Attribution,
                    statement: (speaker.start, speaker.end),
                    evidence: (other.start, other.end),
                    note: format!(
                        "the statement has \"{}\" say it, the evidence \"{}\"",
                        &statement.text[speaker.start..speaker.end],
                        &evidence.text[other.start..other.end]
                    ),
                    explains: (speaker.first_token..speaker.end_token).collect(),
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, check_after, spans, spans_after};
    use super::*;

    #[test]
    fn a_clause_between_the_name_and_the_verb_still_names_the_speaker() {
        let statement =
            "Councillor Priya Anand warned that the change would overload sewers and schools.";
        let evidence = "Councillor Walter Brisco, who voted against it, said the change would overload sewers and schools.";
        let conflict = check(&OtherSpeaker, statement, evidence).unwrap();
        assert_eq!(
            spans(statement, evidence, &conflict),
            (
                "Councillor Priya Anand".into(),
                "Councillor Walter Brisco".into()
            )
        );
    }

    #[test]
    fn a_name_set_off_by_commas_before_the_verb_is_the_speaker() {
        let statement = "Dana Pike said the company would order two new vessels next year.";
        let evidence = "Its chief executive, Paul Adebayo, said the company would order two new vessels next year.";
        let conflict = check(&OtherSpeaker, statement, evidence).unwrap();
        assert_eq!(
            spans(statement, evidence, &conflict),
            ("Dana Pike".into(), "Paul Adebayo".into())
        );
        let statement = "Helen Varga warned that the terminal would push up taxes.";
        let evidence = "Councillor Omar Reyes, who voted against the plan, warned that the terminal would push up taxes.";
        let conflict = check(&OtherSpeaker, statement, evidence).unwrap();
        assert_eq!(
            spans(statement, evidence, &conflict),
            ("Helen Varga".into(), "Councillor Omar Reyes".into())
        );
        // A place set off by commas is where, not who.
        let evidence = "Officials in Kabul, Afghanistan, said the terminal would push up taxes.";
        assert!(check(
            &OtherSpeaker,
            "Helen Varga said the terminal would push up taxes.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn a_name_that_opens_the_sentence_before_its_verb_is_the_speaker() {
        let statement = "Scholes says he is not ready to sign a new deal.";
        // Unknown to the dictionary: a name.
        let evidence = "Okonkwo said on Wednesday that he was not ready to sign a new deal.";
        let conflict = check(&OtherSpeaker, statement, evidence).unwrap();
        assert_eq!(
            spans(statement, evidence, &conflict),
            ("Scholes".into(), "Okonkwo".into())
        );
        // A dictionary word is a name when the text names it elsewhere.
        let before = "Scholes praised Sterling as a good player.";
        let evidence = "Sterling said on Wednesday that he was not ready to sign a new deal.";
        assert!(check_after(&OtherSpeaker, statement, before, evidence).is_some());
        let evidence = "Sterling said on Wednesday that he was not ready to sign a new deal.";
        assert!(check(&OtherSpeaker, statement, evidence).is_none());
        // "Officials said": no name.
        let evidence = "Officials said on Wednesday that he was not ready to sign a new deal.";
        assert!(check(&OtherSpeaker, statement, evidence).is_none());
    }

    #[test]
    fn shouting_urging_and_complaining_report_speech_too() {
        let evidence = "Analyst Rosa Lind complained that the merger terms were unfair.";
        let statement = "Marco Brandt complained that the merger terms were unfair.";
        assert!(check(&OtherSpeaker, statement, evidence).is_some());
        let evidence = "Chairman Marco Brandt urged shareholders to back the merger.";
        let statement = "Rosa Lind urged shareholders to back the merger.";
        assert!(check(&OtherSpeaker, statement, evidence).is_some());
    }

    #[test]
    fn she_in_the_next_sentence_is_the_person_named_before() {
        let before =
            "Nadia Brenner of Pollard & Finch, who rates the stock a buy, called the miss noise.";
        let evidence = "\u{201c}The U.S. water business is going to carry this company,\u{201d} she wrote in a note.";
        let statement = "Ivan Marsh wrote that the U.S. water business will carry the company.";
        let conflict = check_after(&OtherSpeaker, statement, before, evidence).unwrap();
        assert_eq!(
            spans_after(statement, before, evidence, &conflict),
            ("Ivan Marsh".into(), "Nadia Brenner of Pollard".into())
        );
        // The same person, by her surname: no conflict.
        let statement = "Brenner wrote that the U.S. water business will carry the company.";
        assert!(check_after(&OtherSpeaker, statement, before, evidence).is_none());
    }

    #[test]
    fn a_quotation_alone_continues_the_quotation_before_it() {
        let before = "\u{201c}Measles is the most contagious virus we know of,\u{201d} said Dr. Anika Mensah, the county health officer.";
        let evidence = "\u{201c}When vaccination rates drop into the seventies, the only question is how far it spreads.\u{201d}";
        let wrong = "Gerald Tuttle said that when vaccination rates drop into the seventies, the only question is how far it spreads.";
        assert!(check_after(&OtherSpeaker, wrong, before, evidence).is_some());
        let right = "Anika Mensah said that when vaccination rates drop into the seventies, the only question is how far it spreads.";
        assert!(check_after(&OtherSpeaker, right, before, evidence).is_none());
    }

    #[test]
    fn a_pronoun_after_a_sentence_that_reports_no_speech_is_not_carried_over() {
        let before = "Northline Ferries has grown since 2020.";
        let evidence = "He said the company would order two new vessels.";
        let statement = "Paul Adebayo said the company would order two new vessels.";
        assert!(check_after(&OtherSpeaker, statement, before, evidence).is_none());
    }

    #[test]
    fn a_pronoun_after_a_name_of_its_own_sentence_is_not_carried_over() {
        let before = "Nadia Brenner called the miss noise.";
        let evidence = "Ivan Marsh disagreed, and he said the water business would struggle.";
        let statement = "Ivan Marsh said the water business would struggle.";
        assert!(check_after(&OtherSpeaker, statement, before, evidence).is_none());
    }

    #[test]
    fn other_speaker_of_the_same_words_is_a_conflict() {
        let statement =
            "Raymond Tate told supporters that Port Carrick had decided it was done waiting.";
        let evidence = "\u{201c}Tonight Port Carrick decided it was done waiting,\u{201d} Calloway told several hundred supporters.";
        let conflict = check(&OtherSpeaker, statement, evidence).unwrap();
        assert_eq!(conflict.kind, FindingKind::Attribution);
        assert_eq!(
            spans(statement, evidence, &conflict),
            ("Raymond Tate".into(), "Calloway".into())
        );
    }

    #[test]
    fn same_speaker_agrees() {
        let evidence = "\u{201c}Tonight Port Carrick decided it was done waiting,\u{201d} Calloway told supporters.";
        assert!(check(
            &OtherSpeaker,
            "Calloway told supporters that Port Carrick was done waiting.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn pronoun_speaker_says_nothing() {
        let evidence = "\u{201c}The water business is going to carry this company,\u{201d} she wrote in a note.";
        assert!(check(
            &OtherSpeaker,
            "Ivan Marsh wrote that the water business will carry the company.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn a_name_inside_a_phrase_or_after_said_is_not_the_speaker() {
        let evidence = "The boss of pizza giant Domino's has admitted the company failed to get the balance right.";
        assert!(check(
            &OtherSpeaker,
            "Boss Don Meij admitted the company failed to get the balance right.",
            evidence
        )
        .is_none());
        let evidence = "\u{201c}We have spent 70 years zoning teachers out of this city,\u{201d} said Councillor Priya Anand.";
        assert!(check(
            &OtherSpeaker,
            "Priya Anand said Corvallen had spent 70 years zoning teachers out of the city.",
            evidence
        )
        .is_none());
        assert!(check(
            &OtherSpeaker,
            "Walter Brisco said Corvallen had spent 70 years zoning teachers out of the city.",
            evidence
        )
        .is_some());
    }

    #[test]
    fn a_surname_is_the_same_speaker() {
        let evidence = "\u{201c}Last year she would have double-faulted in that tiebreak,\u{201d} Helland said.";
        assert!(check(
            &OtherSpeaker,
            "Marta Helland said that she would have double-faulted in that tiebreak.",
            evidence
        )
        .is_none());
    }

    #[test]
    fn according_to_names_the_speaker() {
        let evidence = "According to Okafor, the board trimmed $11 million from requests.";
        let conflict = check(
            &OtherSpeaker,
            "According to Whitcombe, the board trimmed $11 million from requests.",
            evidence,
        );
        assert!(conflict.is_some());
    }
}
