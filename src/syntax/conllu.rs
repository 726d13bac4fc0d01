//! Reading CoNLL-U (<https://universaldependencies.org/format.html>): the
//! treebank files the tagger and parser are trained and scored on.
//!
//! Multiword-token lines (`3-4`) and empty nodes (`5.1`) are not words of
//! the basic tree and are skipped; comments other than `# text =` too.

use std::fmt;

/// One word of a gold sentence, as the file gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldWord {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// 0 for the root, else the 1-based number of the head word.
    pub head: usize,
    pub deprel: String,
}

/// One sentence of a CoNLL-U file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoldSentence {
    /// The `# text =` comment, when there is one.
    pub text: Option<String>,
    pub words: Vec<GoldWord>,
}

/// A line of a CoNLL-U file that does not read as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for ConlluError {}

/// Reads every sentence of a CoNLL-U text.
pub fn read(text: &str) -> Result<Vec<GoldSentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut current = GoldSentence::default();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.words.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            current.text = None;
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if let Some(text) = comment.trim_start().strip_prefix("text =") {
                current.text = Some(text.trim().to_string());
            }
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let error = |reason: String| ConlluError {
            line: number + 1,
            reason,
        };
        if columns.len() != 10 {
            return Err(error(format!(
                "expected 10 tab-separated columns, found {}",
                columns.len()
            )));
        }
        if columns[0].contains(['-', '.']) {
            continue;
        }
        let id: usize = columns[0]
            .parse()
            .map_err(|_| error(format!("word number '{}' is not a number", columns[0])))?;
        if id != current.words.len() + 1 {
            return Err(error(format!(
                "word number {id} out of order (expected {})",
                current.words.len() + 1
            )));
        }
        let head = match columns[6] {
            "_" => 0,
            head => head
                .parse()
                .map_err(|_| error(format!("head '{head}' is not a number")))?,
        };
        current.words.push(GoldWord {
            form: columns[1].to_string(),
            lemma: columns[2].to_string(),
            upos: columns[3].to_string(),
            xpos: columns[4].to_string(),
            head,
            deprel: columns[7].to_string(),
        });
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    for sentence in &sentences {
        let n = sentence.words.len();
        if let Some(word) = sentence.words.iter().find(|w| w.head > n) {
            return Err(ConlluError {
                line: 0,
                reason: format!(
                    "head {} of '{}' is past the end of its sentence",
                    word.head, word.form
                ),
            });
        }
    }
    Ok(sentences)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_multiword_tokens_and_keeps_the_text() {
        let text = "# text = I don't.\n\
            1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
            2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
            2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n\
            3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\t_\n\
            4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
        let sentences = read(text).unwrap();
        assert_eq!(sentences.len(), 1);
        assert_eq!(sentences[0].text.as_deref(), Some("I don't."));
        let forms: Vec<&str> = sentences[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["I", "do", "n't", "."]);
        assert_eq!(sentences[0].words[0].head, 3);
    }

    #[test]
    fn reports_the_line_of_a_short_row() {
        let error = read("1\tI\tI\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 1: expected 10 tab-separated columns, found 3"
        );
    }
}
