//! Text output, for people at a terminal.
//!
//! ```text
//! [d011] CONFLICTING (confidence 0.93): 150 people died in the Moscow attack
//!   number: "150" (statement) vs "149" (evidence)
//!   evidence: russia-taliban-recognition.txt, paragraph 12, sentence 2 (bytes 2101..2379)
//!     "... the March 2024 attack on a Moscow concert hall that killed 149 people ..."
//!   because: The corpus says 149 people, not 150.
//! ```
//!
//! Statement and corpus text may hold control characters (an escape
//! sequence in a corpus file could repaint the terminal), so every piece of
//! outside text is passed through [`escape_control`] first.

use std::borrow::Cow;
use std::io::Write;

use anstyle::{AnsiColor, Style};
use anyhow::Result;

use super::{Checked, Report};
use crate::verdict::{Label, Verdict};

/// Human-readable verdicts, one block per statement.
pub struct Text<W> {
    out: W,
    color: bool,
    count: usize,
}

impl<W: Write> Text<W> {
    /// `color` turns on ANSI styles; the caller decides (terminal,
    /// `NO_COLOR`, `--color`).
    pub fn new(out: W, color: bool) -> Text<W> {
        Text {
            out,
            color,
            count: 0,
        }
    }

    /// `text` in `style` when colour is on.
    fn paint<'t>(&self, style: Style, text: &'t str) -> Cow<'t, str> {
        if self.color {
            Cow::Owned(format!("{style}{text}{style:#}"))
        } else {
            Cow::Borrowed(text)
        }
    }

    fn write_verdict(&mut self, verdict: &Verdict) -> Result<()> {
        let dim = Style::new().dimmed();
        for conflict in &verdict.conflicts {
            let kind = self.paint(dim, &conflict.kind).into_owned();
            let claim = self
                .paint(LABEL_CONFLICTING, &escape_control(&conflict.claim_text))
                .into_owned();
            let evidence = self
                .paint(LABEL_SUPPORTED, &escape_control(&conflict.evidence_text))
                .into_owned();
            writeln!(
                self.out,
                "  {kind}: \"{claim}\" (statement) vs \"{evidence}\" (evidence)"
            )?;
        }
        if let Some(best) = verdict.evidence.first() {
            let heading = self.paint(dim, "evidence").into_owned();
            writeln!(
                self.out,
                "  {heading}: {}, paragraph {}, sentence {} (bytes {}..{})",
                escape_control(&best.document),
                best.paragraph,
                best.sentence,
                best.start,
                best.end
            )?;
            writeln!(self.out, "    \"{}\"", escape_control(best.text.trim()))?;
            if verdict.evidence.len() > 1 {
                let more = verdict.evidence.len() - 1;
                writeln!(
                    self.out,
                    "    (and {more} more passage{}; --format json lists them)",
                    if more == 1 { "" } else { "s" }
                )?;
            }
        }
        if !verdict.explanation.is_empty() {
            let heading = self.paint(dim, "because").into_owned();
            writeln!(
                self.out,
                "  {heading}: {}",
                escape_control(&verdict.explanation)
            )?;
        }
        Ok(())
    }
}

const LABEL_SUPPORTED: Style = AnsiColor::Green.on_default().bold();
const LABEL_CONFLICTING: Style = AnsiColor::Red.on_default().bold();
const LABEL_NOT_ENOUGH_INFO: Style = AnsiColor::Yellow.on_default().bold();
const LABEL_ERROR: Style = AnsiColor::Magenta.on_default().bold();

impl<W: Write> Report for Text<W> {
    fn verdict(&mut self, checked: &Checked) -> Result<()> {
        if self.count > 0 {
            writeln!(self.out)?;
        }
        self.count += 1;
        let id = match &checked.id {
            Some(id) => format!("[{}] ", escape_control(id)),
            None => String::new(),
        };
        let claim = escape_control(&checked.claim);
        match &checked.outcome {
            Ok(verdict) => {
                let (style, name) = match verdict.label {
                    Label::Supported => (LABEL_SUPPORTED, "SUPPORTED"),
                    Label::Conflicting => (LABEL_CONFLICTING, "CONFLICTING"),
                    Label::NotEnoughInfo => (LABEL_NOT_ENOUGH_INFO, "NOT ENOUGH INFO"),
                };
                let label = self.paint(style, name).into_owned();
                writeln!(
                    self.out,
                    "{id}{label} (confidence {:.2}): {claim}",
                    verdict.confidence
                )?;
                self.write_verdict(verdict)?;
            }
            Err(error) => {
                let label = self.paint(LABEL_ERROR, "ERROR").into_owned();
                writeln!(self.out, "{id}{label}: {claim}")?;
                writeln!(self.out, "  {}", escape_control(error))?;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// `text` with every control character (newline, tab, escape, ...) written
/// as a Rust-style escape such as `\n` or `\u{1b}`, so that outside text
/// cannot move the cursor or restyle a terminal.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            escaped.extend(c.escape_default());
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::{Conflict, Evidence, Role};

    fn conflicting() -> Checked {
        Checked {
            id: Some("d011".to_string()),
            claim: "150 people died in the Moscow attack".to_string(),
            outcome: Ok(Verdict {
                label: Label::Conflicting,
                confidence: 0.93,
                evidence: vec![Evidence {
                    document: "a.txt".to_string(),
                    paragraph: 12,
                    sentence: 2,
                    start: 100,
                    end: 140,
                    text: "The attack killed 149 people.".to_string(),
                    score: 9.5,
                    role: Role::Conflicts,
                }],
                conflicts: vec![Conflict {
                    kind: "number".to_string(),
                    claim_text: "150".to_string(),
                    claim_start: 0,
                    claim_end: 3,
                    evidence_text: "149".to_string(),
                    evidence_start: 118,
                    evidence_end: 121,
                    document: "a.txt".to_string(),
                }],
                findings: Vec::new(),
                explanation: "The corpus says 149, not 150.".to_string(),
            }),
        }
    }

    fn render(checked: &[Checked], color: bool) -> String {
        let mut out = Vec::new();
        let mut report = Text::new(&mut out, color);
        for c in checked {
            report.verdict(c).unwrap();
        }
        report.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn conflict_shows_both_spans_side_by_side() {
        let text = render(&[conflicting()], false);
        assert_eq!(
            text,
            "[d011] CONFLICTING (confidence 0.93): 150 people died in the Moscow attack\n  number: \"150\" (statement) vs \"149\" (evidence)\n  evidence: a.txt, paragraph 12, sentence 2 (bytes 100..140)\n    \"The attack killed 149 people.\"\n  because: The corpus says 149, not 150.\n"
        );
    }

    #[test]
    fn error_and_blank_line_between_statements() {
        let failed = Checked {
            id: None,
            claim: "x".to_string(),
            outcome: Err("in.jsonl:3: malformed JSON".to_string()),
        };
        let text = render(&[conflicting(), failed], false);
        assert!(
            text.ends_with("\n\nERROR: x\n  in.jsonl:3: malformed JSON\n"),
            "{text}"
        );
    }

    #[test]
    fn no_escape_codes_without_color() {
        assert!(!render(&[conflicting()], false).contains('\x1b'));
        assert!(render(&[conflicting()], true).contains("\x1b["));
    }

    #[test]
    fn control_characters_in_statements_are_escaped() {
        let checked = Checked {
            id: None,
            claim: "evil\x1b[2Jclaim\nsecond".to_string(),
            outcome: Err("bad".to_string()),
        };
        let text = render(&[checked], false);
        assert!(
            text.starts_with("ERROR: evil\\u{1b}[2Jclaim\\nsecond\n"),
            "{text}"
        );
        assert!(!text.contains('\x1b'));
    }

    #[test]
    fn escape_control_leaves_plain_text_alone() {
        assert!(matches!(
            escape_control("Moscow’s “trade”"),
            Cow::Borrowed(_)
        ));
        assert_eq!(escape_control("a\tb"), "a\\tb");
    }
}
