//! Markdown output: a batch report an editor can paste into a document.
//!
//! ```markdown
//! # Fact-check report
//!
//! 3 statements: 0 supported, 1 conflicting, 1 not_enough_info, 1 error.
//!
//! | Verdict | Statements |
//! ...
//! ## Statements
//!
//! | # | Id | Statement | Verdict | Confidence | Evidence |
//! ...
//! ## Conflicting statements
//!
//! ### 1. d011: **150** people died in the Moscow attack
//!
//! - number: "150" in the statement, "149" in the evidence
//!
//! > The attack on a Moscow hall killed **149** people.
//! >
//! > — a.txt, paragraph 12, sentence 2
//! ```
//!
//! A conflicting compound statement lists its atomic parts first, each
//! with its verdict and, nested, its conflicts; a statement that matched a
//! fact-checker's reviewed claim gives it next; evidence compared through
//! an atomic claim of the passage names that claim after its place:
//!
//! ```markdown
//! ### 1. c1: Soviet forces invaded Afghanistan in 1979 and withdrew in **1992**
//!
//! - part 1: supported — "Soviet forces invaded Afghanistan in 1979"
//! - part 2: conflicting — "Soviet forces withdrew in **1992**"
//!   - date: "1992" in the statement, "1989" in the evidence
//! - reviewed: conflicting — "The Soviet Union left Afghanistan in 1992" (Example Checks, the withdrawal ended in February 1989; reviews.claims.jsonl, line 3)
//! - date: "1992" in the statement, "1989" in the evidence
//!
//! > Soviet forces invaded Afghanistan in 1979, fought for a decade against the Mujahideen, and withdrew in **1989**.
//! >
//! > — afghanistan.txt, paragraph 1, sentence 1; matched claim: "Soviet forces withdrew in 1989"
//! ```
//!
//! The summary (counts per verdict and per conflict kind) comes first, so
//! the whole report is written at [`Report::finish`]; the statements are
//! kept until then. Text from the input and the corpus is escaped for
//! Markdown (`*`, `|`, `[`, ... lose their meaning) and its control
//! characters are written as escapes, so a table row stays one line.

use std::io::Write;

use anyhow::Result;

use super::spans::{self, MarkKind};
use super::{escape_control, Checked, Report, Tally};
use crate::ingest::ReviewedClaim;
use crate::verdict::{Conflict, Label, Role, Verdict};

/// The Markdown report; see the module docs.
pub struct Markdown<W> {
    out: W,
    checked: Vec<Checked>,
    tally: Tally,
}

impl<W: Write> Markdown<W> {
    pub fn new(out: W) -> Markdown<W> {
        Markdown {
            out,
            checked: Vec::new(),
            tally: Tally::default(),
        }
    }

    fn write_summary(&mut self) -> Result<()> {
        let tally = &self.tally;
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        writeln!(self.out, "# Fact-check report\n")?;
        writeln!(
            self.out,
            "{}: {} supported, {} conflicting, {} not_enough_info, {}.\n",
            plural(tally.total(), "statement"),
            tally.supported,
            tally.conflicting,
            tally.not_enough_info,
            plural(tally.errors, "error"),
        )?;
        writeln!(self.out, "| Verdict | Statements |\n|---|---:|")?;
        for label in Label::ALL {
            writeln!(self.out, "| {} | {} |", label.as_str(), tally.count(label))?;
        }
        writeln!(self.out, "| error | {} |\n", tally.errors)?;
        if !tally.conflict_kinds.is_empty() {
            writeln!(self.out, "| Conflict kind | Statements |\n|---|---:|")?;
            let mut kinds: Vec<(&String, &usize)> = tally.conflict_kinds.iter().collect();
            kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (kind, n) in kinds {
                writeln!(self.out, "| {} | {n} |", escape_markdown(kind))?;
            }
            writeln!(self.out)?;
        }
        Ok(())
    }

    fn write_table(&mut self) -> Result<()> {
        writeln!(self.out, "## Statements\n")?;
        writeln!(
            self.out,
            "| # | Id | Statement | Verdict | Confidence | Evidence |\n|---:|---|---|---|---:|---|"
        )?;
        for (i, checked) in self.checked.iter().enumerate() {
            let id = escape_markdown(checked.id.as_deref().unwrap_or(""));
            let claim = escape_markdown(&checked.claim);
            let (verdict, confidence, evidence) = match &checked.outcome {
                Ok(verdict) => (
                    verdict.label.as_str().to_string(),
                    format!("{:.2}", verdict.confidence),
                    verdict
                        .evidence
                        .first()
                        .map(evidence_place)
                        .unwrap_or_default(),
                ),
                Err(error) => (
                    format!("error: {}", escape_markdown(error)),
                    String::new(),
                    String::new(),
                ),
            };
            writeln!(
                self.out,
                "| {} | {id} | {claim} | {verdict} | {confidence} | {evidence} |",
                i + 1
            )?;
        }
        writeln!(self.out)?;
        Ok(())
    }

    fn write_conflicts(&mut self) -> Result<()> {
        let conflicting: Vec<(usize, &Checked, &Verdict)> = self
            .checked
            .iter()
            .enumerate()
            .filter_map(|(i, checked)| match &checked.outcome {
                Ok(verdict) if verdict.label == Label::Conflicting => Some((i, checked, verdict)),
                _ => None,
            })
            .collect();
        if conflicting.is_empty() {
            return Ok(());
        }
        let mut text = String::from("## Conflicting statements\n");
        for (i, checked, verdict) in conflicting {
            let id = match &checked.id {
                Some(id) => format!("{}: ", escape_markdown(id)),
                None => String::new(),
            };
            let claim = emphasize(
                &checked.claim,
                &spans::statement_marks(verdict, &checked.claim),
            );
            text.push_str(&format!("\n### {}. {id}{claim}\n\n", i + 1));
            for (number, part) in verdict.parts.iter().enumerate() {
                let part_text = emphasize(
                    &part.text,
                    &spans::statement_marks(&part.verdict, &part.text),
                );
                text.push_str(&format!(
                    "- part {}: {} — \"{part_text}\"\n",
                    number + 1,
                    part.verdict.label.as_str().replace('_', " "),
                ));
                for conflict in &part.verdict.conflicts {
                    text.push_str(&format!("  {}", conflict_item(conflict)));
                }
            }
            if let Some(review) = &verdict.review {
                text.push_str(&review_item(review));
            }
            for conflict in &verdict.conflicts {
                text.push_str(&conflict_item(conflict));
            }
            let quoted: Vec<_> = verdict
                .evidence
                .iter()
                .filter(|e| e.role != Role::Related)
                .collect();
            let quoted = if quoted.is_empty() {
                verdict.evidence.iter().take(1).collect()
            } else {
                quoted
            };
            for evidence in quoted {
                let passage = emphasize(
                    evidence.text.trim_end(),
                    &spans::passage_marks(verdict, evidence)
                        .into_iter()
                        .filter(|mark| mark.kind == MarkKind::Conflict)
                        .collect::<Vec<_>>(),
                );
                let matched = match &evidence.claim {
                    Some(claim) => format!("; matched claim: \"{}\"", escape_markdown(claim)),
                    None => String::new(),
                };
                text.push_str(&format!(
                    "\n> {passage}\n>\n> — {}, paragraph {}, sentence {}{matched}\n",
                    escape_markdown(&evidence.document),
                    evidence.paragraph,
                    evidence.sentence
                ));
            }
            if !verdict.explanation.is_empty() {
                text.push_str(&format!("\n{}\n", escape_markdown(&verdict.explanation)));
            }
        }
        self.out.write_all(text.as_bytes())?;
        Ok(())
    }
}

impl<W: Write> Report for Markdown<W> {
    fn verdict(&mut self, checked: &Checked) -> Result<()> {
        self.tally.add(checked);
        self.checked.push(Checked {
            id: checked.id.clone(),
            claim: checked.claim.clone(),
            outcome: checked.outcome.clone(),
        });
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.write_summary()?;
        self.write_table()?;
        self.write_conflicts()?;
        self.out.flush()?;
        Ok(())
    }
}

/// `- number: "150" in the statement, "149" in the evidence`, a line.
pub(crate) fn conflict_item(conflict: &Conflict) -> String {
    format!(
        "- {}: \"{}\" in the statement, \"{}\" in the evidence\n",
        escape_markdown(&conflict.kind),
        escape_markdown(&conflict.claim_text),
        escape_markdown(&conflict.evidence_text),
    )
}

/// `- reviewed: conflicting — "claim" (source, note; file, line 3)`, a
/// line; the parenthesis holds what is known.
fn review_item(review: &ReviewedClaim) -> String {
    let said: Vec<String> = [&review.source, &review.note]
        .into_iter()
        .flatten()
        .map(|text| escape_markdown(text))
        .collect();
    let mut about = Vec::new();
    if !said.is_empty() {
        about.push(said.join(", "));
    }
    if !review.document.is_empty() {
        let document = escape_markdown(&review.document);
        about.push(if review.line > 0 {
            format!("{document}, line {}", review.line)
        } else {
            document
        });
    }
    let about = if about.is_empty() {
        String::new()
    } else {
        format!(" ({})", about.join("; "))
    };
    format!(
        "- reviewed: {} — \"{}\"{about}\n",
        review.verdict.as_str().replace('_', " "),
        escape_markdown(&review.claim),
    )
}

/// `a.txt, paragraph 12, sentence 2`: where an evidence passage is.
pub(crate) fn evidence_place(evidence: &crate::verdict::Evidence) -> String {
    format!(
        "{}, paragraph {}, sentence {}",
        escape_markdown(&evidence.document),
        evidence.paragraph,
        evidence.sentence
    )
}

/// `text` escaped, with its conflicting spans in bold.
pub(crate) fn emphasize(text: &str, marks: &[spans::Mark]) -> String {
    spans::segments(text, marks)
        .into_iter()
        .map(|(kind, piece)| match kind {
            Some(MarkKind::Conflict) => format!("**{}**", escape_markdown(piece)),
            _ => escape_markdown(piece),
        })
        .collect()
}

/// `text` safe to put in a Markdown paragraph or table cell: control
/// characters written as escapes (`\n`, `\u{1b}`), and the characters that
/// mean something to Markdown backslash-escaped.
pub(crate) fn escape_markdown(text: &str) -> String {
    let text = escape_control(text);
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~'
        ) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support;

    fn write(checked: &[Checked]) -> String {
        test_support::render(checked, |out| Box::new(Markdown::new(out)))
    }

    #[test]
    fn report_has_counts_table_and_quoted_conflicts() {
        let text = write(&test_support::batch());
        let expected = "\
# Fact-check report

3 statements: 0 supported, 1 conflicting, 1 not_enough_info, 1 error.

| Verdict | Statements |
|---|---:|
| supported | 0 |
| conflicting | 1 |
| not_enough_info | 1 |
| error | 1 |

| Conflict kind | Statements |
|---|---:|
| number | 1 |

## Statements

| # | Id | Statement | Verdict | Confidence | Evidence |
|---:|---|---|---|---:|---|
| 1 | d011 | 150 people died in the Moscow attack | conflicting | 0.93 | a.txt, paragraph 12, sentence 2 |
| 2 | d012 | Kabul is in Iran | not_enough_info | 0.50 |  |
| 3 |  |  | error: in.jsonl:3: malformed JSON |  |  |

## Conflicting statements

### 1. d011: **150** people died in the Moscow attack

- number: \"150\" in the statement, \"149\" in the evidence

> The attack on a Moscow hall killed **149** people.
>
> — a.txt, paragraph 12, sentence 2

The corpus says 149 people, not 150.
";
        crate::report::test_support::assert_text_eq(expected, &text);
    }

    #[test]
    fn compound_statement_lists_parts_review_and_matched_claim() {
        let text = write(&[test_support::compound()]);
        let section = &text[text.find("## Conflicting statements").unwrap()..];
        let expected = "\
## Conflicting statements

### 1. c1: Soviet forces invaded Afghanistan in 1979 and withdrew in **1992**

- part 1: supported — \"Soviet forces invaded Afghanistan in 1979\"
- part 2: conflicting — \"Soviet forces withdrew in **1992**\"
  - date: \"1992\" in the statement, \"1989\" in the evidence
- reviewed: conflicting — \"The Soviet Union left Afghanistan in 1992\" (Example Checks, the withdrawal ended in February 1989; reviews.claims.jsonl, line 3)
- date: \"1992\" in the statement, \"1989\" in the evidence

> Soviet forces invaded Afghanistan in 1979, fought for a decade against the Mujahideen, and withdrew in **1989**.
>
> — afghanistan.txt, paragraph 1, sentence 1; matched claim: \"Soviet forces withdrew in 1989\"

part 2 conflicts: 1992 vs 1989
";
        test_support::assert_text_eq(expected, section);
        assert!(
            text.contains("| 1 | c1 | Soviet forces invaded Afghanistan in 1979 and withdrew in 1992 | conflicting | 0.85 | afghanistan.txt, paragraph 1, sentence 1 |"),
            "{text}"
        );
    }

    #[test]
    fn review_item_says_what_is_known() {
        let mut review = test_support::compound_verdict().review.unwrap();
        review.note = None;
        review.line = 0;
        assert_eq!(
            review_item(&review),
            "- reviewed: conflicting — \"The Soviet Union left Afghanistan in 1992\" (Example Checks; reviews.claims.jsonl)\n"
        );
        review.source = None;
        review.document = String::new();
        review.claim = "a *b* | c".to_string();
        assert_eq!(
            review_item(&review),
            "- reviewed: conflicting — \"a \\*b\\* \\| c\"\n"
        );
    }

    #[test]
    fn table_cells_cannot_break_the_table() {
        assert_eq!(
            escape_markdown("a|b *c*\nd \x1b[1m"),
            "a\\|b \\*c\\*\\\\nd \\\\u{1b}\\[1m"
        );
    }

    #[test]
    fn empty_report_still_has_counts() {
        let text = write(&[]);
        assert!(
            text.starts_with("# Fact-check report\n\n0 statements: "),
            "{text}"
        );
        assert!(!text.contains("## Conflicting statements"));
    }
}
