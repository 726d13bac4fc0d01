//! Tokens with byte spans, lower-cased forms and lemmas.

use crate::lexicon;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits, internal apostrophes): `Taliban`, `won't`, `F-16` is three tokens.
    Word,
    /// Digits, with thousands separators and a decimal point: `15,000`, `21.5`.
    Number,
    /// Anything else that is not white space, one character a token: `$`, `%`, `—`, `"`.
    Punct,
}

/// One token of an analysed text.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// The token as written.
    pub text: String,
    /// Byte offset of the token in the analysed text.
    pub start: usize,
    /// Byte offset one past the token.
    pub end: usize,
    pub kind: TokenKind,
    /// Lower case, curly apostrophes made straight, a possessive `'s` removed.
    pub lower: String,
    /// The comparison key: irregular forms mapped to their base, then stemmed
    /// (`fought` -> `fight`, `attacks` -> `attack`).
    pub lemma: String,
    /// The first letter is upper case.
    pub is_capitalized: bool,
    /// The token was written with a possessive `'s` or `s'`.
    pub is_possessive: bool,
    /// No white space between this token and the one before.
    pub is_joined: bool,
}

impl Token {
    /// A word that carries content: not punctuation, not a stop word.
    pub fn is_content(&self) -> bool {
        match self.kind {
            TokenKind::Word => !lexicon::is_stop_word(&self.lower),
            TokenKind::Number => true,
            TokenKind::Punct => false,
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut previous_end = usize::MAX;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let kind = if c.is_ascii_digit() {
            // Digits with internal separators: 15,000 or 21.5 (but not "1979," at a clause end).
            while j < chars.len() {
                let d = chars[j].1;
                let next_is_digit = chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit());
                if d.is_ascii_digit() || ((d == ',' || d == '.') && next_is_digit) {
                    j += 1;
                } else {
                    break;
                }
            }
            // "1980s", "21st", "3rd": letters glued to the digits stay in the token.
            while j < chars.len() && chars[j].1.is_alphabetic() {
                j += 1;
            }
            TokenKind::Number
        } else if c.is_alphanumeric() {
            while j < chars.len() {
                let d = chars[j].1;
                let next_is_letter = chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
                if d.is_alphanumeric() || (is_apostrophe(d) && next_is_letter) {
                    j += 1;
                } else {
                    break;
                }
            }
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let end = chars.get(j).map_or(text.len(), |&(offset, _)| offset);
        let raw = &text[start..end];
        let mut lower = raw.to_lowercase().replace('’', "'");
        let mut is_possessive = false;
        if kind == TokenKind::Word {
            if let Some(stem) = lower.strip_suffix("'s") {
                lower = stem.to_string();
                is_possessive = true;
            }
            // A plural possessive (`governments'`) ends before the apostrophe.
            if chars.get(j).is_some_and(|&(_, d)| is_apostrophe(d))
                && lower.ends_with('s')
                && chars.get(j + 1).is_none_or(|n| !n.1.is_alphanumeric())
            {
                is_possessive = true;
            }
        }
        let lemma = match kind {
            TokenKind::Word => lexicon::lemma(&lower),
            _ => lower.clone(),
        };
        tokens.push(Token {
            text: raw.to_string(),
            start,
            end,
            kind,
            is_capitalized: c.is_uppercase(),
            is_possessive,
            is_joined: previous_end == start,
            lower,
            lemma,
        });
        previous_end = end;
        i = j;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn keeps_separators_inside_numbers() {
        assert_eq!(
            texts("lost 15,000 soldiers"),
            ["lost", "15,000", "soldiers"]
        );
        assert_eq!(texts("$1.2 billion."), ["$", "1.2", "billion", "."]);
        assert_eq!(texts("in 1979, they"), ["in", "1979", ",", "they"]);
    }

    #[test]
    fn strips_possessives_from_lower_form() {
        let tokens = tokenize("Afghanistan’s new ambassador");
        assert_eq!(tokens[0].lower, "afghanistan");
        assert!(tokens[0].is_possessive);
        assert_eq!(tokens[0].text, "Afghanistan’s");
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "Russia—nearly “four” years";
        for token in tokenize(text) {
            assert_eq!(&text[token.start..token.end], token.text);
        }
    }

    #[test]
    fn marks_joined_tokens() {
        let tokens = tokenize("four-car train");
        assert_eq!(tokens[1].text, "-");
        assert!(tokens[1].is_joined && tokens[2].is_joined);
        assert!(!tokens[3].is_joined);
    }
}
