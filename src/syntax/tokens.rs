//! Words as the treebank has them, from the tokens of
//! [`crate::extract::tokenize`]: clitics split off (`don't` -> `do` `n't`,
//! `Russia's` -> `Russia` `'s`), abbreviations and initials kept whole
//! (`U.S.`, `St.`, `J.`), times and fractions one word (`10:30`, `3/4`),
//! runs of dots one word (`...`). Hyphens stay words of their own, as in
//! UD English (`F-16` is `F` `-` `16`).
//!
//! Every word is a byte span of the text, so a tree's words always slice
//! the text they were parsed from.

use crate::extract::{self, TokenKind};

/// Words that end in a period when abbreviated, so the period is theirs.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "sen", "rep", "gov", "lt", "col",
    "capt", "sgt", "cpl", "adm", "maj", "rev", "hon", "pres", "inc", "corp", "co", "ltd", "bros",
    "vs", "etc", "no", "nos", "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd", "rd", "dept", "univ", "approx", "est",
    "fig", "pp", "ph", "messrs", "mme", "mssrs",
];

/// Clitics split off the end of a word, as the treebank splits them.
const CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/// The byte spans of the words of `text`.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let tokens = extract::tokenize(text);
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(tokens.len() + 4);
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let joined_next = |k: usize| tokens.get(k).is_some_and(|t| t.is_joined);
        let is_dot = |k: usize| tokens.get(k).is_some_and(|t| t.text == ".");
        // Initials and dotted abbreviations: U.S., a.m., J.
        if token.kind == TokenKind::Word && token.text.chars().count() == 1 && is_dot(i + 1) {
            let mut j = i + 2;
            while j + 1 < tokens.len()
                && joined_next(j)
                && tokens[j].kind == TokenKind::Word
                && tokens[j].text.chars().count() == 1
                && is_dot(j + 1)
                && joined_next(j + 1)
            {
                j += 2;
            }
            // A lone capital with a period that ends the text ("Plan B.")
            // keeps its period as the sentence's end.
            let ends_text = j == i + 2 && j >= tokens.len();
            if joined_next(i + 1) && !ends_text {
                spans.push((token.start, tokens[j - 1].end));
                i = j;
                continue;
            }
        }
        if token.kind == TokenKind::Word
            && is_dot(i + 1)
            && joined_next(i + 1)
            && ABBREVIATIONS.contains(&token.lower.as_str())
            && (token.is_capitalized || matches!(token.lower.as_str(), "etc" | "vs"))
        {
            spans.push((token.start, tokens[i + 1].end));
            i += 2;
            continue;
        }
        // 10:30, 3/4, 12/25/2010: numbers joined by a colon or slash.
        if token.kind == TokenKind::Number {
            let mut j = i + 1;
            while j + 1 < tokens.len()
                && joined_next(j)
                && matches!(tokens[j].text.as_str(), ":" | "/")
                && joined_next(j + 1)
                && tokens[j + 1].kind == TokenKind::Number
            {
                j += 2;
            }
            if j > i + 1 {
                spans.push((token.start, tokens[j - 1].end));
                i = j;
                continue;
            }
        }
        // Runs of dots or dashes: "...", "--".
        if token.kind == TokenKind::Punct && matches!(token.text.as_str(), "." | "-") {
            let mut j = i + 1;
            while j < tokens.len() && joined_next(j) && tokens[j].text == token.text {
                j += 1;
            }
            spans.push((token.start, tokens[j - 1].end));
            i = j;
            continue;
        }
        if token.kind == TokenKind::Word {
            split_clitics(text, token.start, token.end, &mut spans);
        } else {
            spans.push((token.start, token.end));
        }
        i += 1;
    }
    spans
}

/// Pushes the word `start..end`, with a clitic at its end split off.
fn split_clitics(text: &str, start: usize, end: usize, spans: &mut Vec<(usize, usize)>) {
    let word = &text[start..end];
    let lower = word.to_lowercase().replace('’', "'");
    if lower == "cannot" {
        spans.push((start, start + 3));
        spans.push((start + 3, end));
        return;
    }
    for clitic in CLITICS {
        // The clitic's bytes in the text may be longer (a curly apostrophe).
        if lower.ends_with(clitic) && lower.len() > clitic.len() {
            let chars = clitic.chars().count();
            let cut = word
                .char_indices()
                .rev()
                .nth(chars - 1)
                .map_or(0, |(at, _)| at);
            if cut > 0 {
                spans.push((start, start + cut));
                spans.push((start + cut, end));
                return;
            }
        }
    }
    spans.push((start, end));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn splits_clitics_as_the_treebank_does() {
        assert_eq!(texts("I don't know"), ["I", "do", "n't", "know"]);
        assert_eq!(texts("Russia’s envoy"), ["Russia", "’s", "envoy"]);
        assert_eq!(
            texts("We can't, we cannot"),
            ["We", "ca", "n't", ",", "we", "can", "not"]
        );
        assert_eq!(texts("they'll go"), ["they", "'ll", "go"]);
    }

    #[test]
    fn keeps_abbreviations_and_initials_whole() {
        assert_eq!(
            texts("St. Aldric's Hospital in the U.S. at 10:30 a.m."),
            ["St.", "Aldric", "'s", "Hospital", "in", "the", "U.S.", "at", "10:30", "a.m."]
        );
        assert_eq!(texts("J. R. Smith"), ["J.", "R.", "Smith"]);
        assert_eq!(texts("Wait..."), ["Wait", "..."]);
    }

    #[test]
    fn hyphens_are_words() {
        assert_eq!(
            texts("COVID-19 and F-16"),
            ["COVID", "-", "19", "and", "F", "-", "16"]
        );
    }
}
