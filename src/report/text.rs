//! Text output, for people at a terminal.
//!
//! ```text
//! [d011] CONFLICTING (confidence 0.93): [[150]] people died in the Moscow attack
//!   number: "150" (statement) vs "149" (evidence)
//!   evidence: russia-taliban-recognition.txt, paragraph 12, sentence 2 (bytes 2098..2379), conflicts
//!     "... the March 2024 attack on a Moscow concert hall that killed [[149]] people ..."
//!   findings:
//!     conflicts number   the statement says "150 people" where the evidence says "149 people"
//!     supports  word     "Moscow": exact match
//!     missing   word     "died": not found in the evidence
//!   because: The corpus says 149 people, not 150.
//! ```
//!
//! A compound statement lists its atomic parts under the verdict, each
//! with its own verdict, conflicts, evidence and explanation; evidence that
//! was compared through an atomic claim of the passage names that claim;
//! and a statement that matched a fact-checker's reviewed claim says so:
//!
//! ```text
//! [c1] CONFLICTING (confidence 0.85): Soviet forces invaded Afghanistan in 1979 and withdrew in [[1992]]
//!   part 1: supported — "Soviet forces invaded Afghanistan in 1979"
//!     evidence: afghanistan.txt, paragraph 1, sentence 1 (bytes 0..108), supports
//!       "Soviet forces invaded Afghanistan in 1979, fought for a decade against the Mujahideen, and withdrew in 1989."
//!       matched claim: "Soviet forces invaded Afghanistan in 1979"
//!     because: afghanistan.txt (paragraph 1, sentence 1) covers 90% of the statement
//!   part 2: conflicting — "Soviet forces withdrew in [[1992]]"
//!     date: "1992" (statement) vs "1989" (evidence)
//!     evidence: afghanistan.txt, paragraph 1, sentence 1 (bytes 0..108), conflicts
//!       "Soviet forces invaded Afghanistan in 1979, fought for a decade against the Mujahideen, and withdrew in [[1989]]."
//!       matched claim: "Soviet forces withdrew in 1989"
//!     because: the statement says 1992 where the evidence says 1989
//!   reviewed: conflicting — "The Soviet Union left Afghanistan in 1992" (Example Checks, the withdrawal ended in February 1989) [reviews.claims.jsonl:3]
//!   date: "1992" (statement) vs "1989" (evidence)
//!   ...
//! ```
//!
//! A part's findings are not listed (the whole statement's are).
//!
//! Conflicting spans are marked `[[...]]` in the statement and in the
//! evidence, so the mark survives without colour; with colour they are
//! red, and the evidence words that match the statement are green. Every
//! evidence passage is quoted, with where it is (document, paragraph,
//! sentence, bytes) and what it does for the verdict. With `--diff` a word
//! diff follows, `[-only in the statement-]{+only in the evidence+}`,
//! against the part of the best passage the findings point at.
//!
//! Statement and corpus text may hold control characters (an escape
//! sequence in a corpus file could repaint the terminal), so every piece of
//! outside text is passed through [`escape_control`] first, after it is cut
//! at the byte offsets of the spans.

use std::borrow::Cow;
use std::io::Write;

use anstyle::{AnsiColor, Style};
use anyhow::Result;
use similar::{Algorithm, ChangeTag, DiffTag};

use super::spans::{self, MarkKind};
use super::{Checked, Report};
use crate::compare::{Effect, Finding};
use crate::ingest::ReviewedClaim;
use crate::verdict::{Evidence, Label, Part, Role, Verdict};

/// Human-readable verdicts, one block per statement.
pub struct Text<W> {
    out: W,
    color: bool,
    diff: bool,
    count: usize,
}

impl<W: Write> Text<W> {
    /// `color` turns on ANSI styles; the caller decides (terminal,
    /// `NO_COLOR`, `TERM=dumb`, `--color`).
    pub fn new(out: W, color: bool) -> Text<W> {
        Text {
            out,
            color,
            diff: false,
            count: 0,
        }
    }

    /// Adds a word diff of the statement against the evidence.
    pub fn with_diff(mut self, diff: bool) -> Text<W> {
        self.diff = diff;
        self
    }

    /// `text` in `style` when colour is on.
    fn paint<'t>(&self, style: Style, text: &'t str) -> Cow<'t, str> {
        if self.color && !text.is_empty() {
            Cow::Owned(format!("{style}{text}{style:#}"))
        } else {
            Cow::Borrowed(text)
        }
    }

    /// `text` escaped, with its marks: conflicts in `[[...]]` (and red),
    /// matches green when colour is on.
    fn highlight(&self, text: &str, marks: &[spans::Mark]) -> String {
        let mut line = String::with_capacity(text.len() + 16);
        for (kind, piece) in spans::segments(text, marks) {
            let piece = escape_control(piece);
            match kind {
                None => line.push_str(&piece),
                Some(MarkKind::Match) => line.push_str(&self.paint(MATCH, &piece)),
                Some(MarkKind::Conflict) => {
                    line.push_str("[[");
                    line.push_str(&self.paint(CONFLICT, &piece));
                    line.push_str("]]");
                }
            }
        }
        line
    }

    /// Everything under a verdict's first line: its parts, the review it
    /// matched, then its own conflicts, evidence, findings and explanation.
    /// A compound statement's evidence and findings are its parts', shown
    /// under each part, so the whole adds only its explanation.
    fn write_verdict(&mut self, verdict: &Verdict) -> Result<()> {
        for (i, part) in verdict.parts.iter().enumerate() {
            self.write_part(i + 1, part)?;
        }
        if let Some(review) = &verdict.review {
            self.write_review(review)?;
        }
        if verdict.parts.is_empty() {
            self.write_details(verdict, "  ", true)
        } else {
            let whole = Verdict {
                conflicts: Vec::new(),
                evidence: Vec::new(),
                ..verdict.clone()
            };
            self.write_details(&whole, "  ", false)
        }
    }

    /// `part 2: conflicting — "Soviet forces withdrew in [[1992]]"`, then
    /// the part's conflicts, evidence and explanation, indented.
    fn write_part(&mut self, number: usize, part: &Part) -> Result<()> {
        let heading = self.paint(DIM, &format!("part {number}")).into_owned();
        let label = self.paint_label(part.verdict.label);
        let text = self.highlight(
            &part.text,
            &spans::statement_marks(&part.verdict, &part.text),
        );
        writeln!(self.out, "  {heading}: {label} — \"{text}\"")?;
        self.write_details(&part.verdict, "    ", false)
    }

    /// `reviewed: conflicting — "claim" (source, note) [file:line]`; the
    /// parenthesis and the place are left out when not known.
    fn write_review(&mut self, review: &ReviewedClaim) -> Result<()> {
        let heading = self.paint(DIM, "reviewed").into_owned();
        let label = self.paint_label(review.verdict);
        let mut line = format!(
            "  {heading}: {label} — \"{}\"",
            escape_control(&review.claim)
        );
        let about: Vec<Cow<str>> = [&review.source, &review.note]
            .into_iter()
            .flatten()
            .map(|text| escape_control(text))
            .collect();
        if !about.is_empty() {
            line.push_str(&format!(" ({})", about.join(", ")));
        }
        if !review.document.is_empty() {
            let place = if review.line > 0 {
                format!("[{}:{}]", escape_control(&review.document), review.line)
            } else {
                format!("[{}]", escape_control(&review.document))
            };
            line.push(' ');
            line.push_str(&self.paint(DIM, &place));
        }
        writeln!(self.out, "{line}")?;
        Ok(())
    }

    /// A verdict's label in lower case (`not enough info`), coloured.
    fn paint_label(&self, label: Label) -> String {
        let style = match label {
            Label::Supported => LABEL_SUPPORTED,
            Label::Conflicting => LABEL_CONFLICTING,
            Label::NotEnoughInfo => LABEL_NOT_ENOUGH_INFO,
        };
        self.paint(style, &label.as_str().replace('_', " "))
            .into_owned()
    }

    /// Conflicts, evidence, findings (when `findings`) and explanation,
    /// each line led by `indent`.
    fn write_details(&mut self, verdict: &Verdict, indent: &str, findings: bool) -> Result<()> {
        for conflict in &verdict.conflicts {
            let kind = self.paint(DIM, &conflict.kind).into_owned();
            let claim = self
                .paint(CONFLICT, &escape_control(&conflict.claim_text))
                .into_owned();
            let evidence = self
                .paint(MATCH, &escape_control(&conflict.evidence_text))
                .into_owned();
            writeln!(
                self.out,
                "{indent}{kind}: \"{claim}\" (statement) vs \"{evidence}\" (evidence)"
            )?;
        }
        for evidence in &verdict.evidence {
            self.write_evidence(verdict, evidence, indent)?;
        }
        if findings && !verdict.findings.is_empty() {
            let heading = self.paint(DIM, "findings").into_owned();
            writeln!(self.out, "{indent}{heading}:")?;
            for finding in &verdict.findings {
                self.write_finding(finding)?;
            }
        }
        if !verdict.explanation.is_empty() {
            let heading = self.paint(DIM, "because").into_owned();
            writeln!(
                self.out,
                "{indent}{heading}: {}",
                escape_control(&verdict.explanation)
            )?;
        }
        Ok(())
    }

    fn write_evidence(
        &mut self,
        verdict: &Verdict,
        evidence: &Evidence,
        indent: &str,
    ) -> Result<()> {
        let heading = self.paint(DIM, "evidence").into_owned();
        let role = match evidence.role {
            Role::Supports => self.paint(LABEL_SUPPORTED, "supports"),
            Role::Conflicts => self.paint(LABEL_CONFLICTING, "conflicts"),
            Role::Related => self.paint(DIM, "related"),
        }
        .into_owned();
        writeln!(
            self.out,
            "{indent}{heading}: {}, paragraph {}, sentence {} (bytes {}..{}), {role}",
            escape_control(&evidence.document),
            evidence.paragraph,
            evidence.sentence,
            evidence.start,
            evidence.end,
        )?;
        let text = evidence.text.trim_end();
        let marks = spans::passage_marks(verdict, evidence);
        writeln!(self.out, "{indent}  \"{}\"", self.highlight(text, &marks))?;
        if let Some(claim) = &evidence.claim {
            let heading = self.paint(DIM, "matched claim").into_owned();
            writeln!(
                self.out,
                "{indent}  {heading}: \"{}\"",
                escape_control(claim)
            )?;
        }
        Ok(())
    }

    fn write_finding(&mut self, finding: &Finding) -> Result<()> {
        let (style, effect) = match finding.effect {
            Effect::Supports => (MATCH, "supports"),
            Effect::Conflicts => (CONFLICT, "conflicts"),
            _ => (LABEL_NOT_ENOUGH_INFO, "missing"),
        };
        let effect = self.paint(style, &format!("{effect:<9}")).into_owned();
        writeln!(
            self.out,
            "    {effect} {:<8} {}",
            finding.kind.as_str(),
            escape_control(&finding_line(finding))
        )?;
        Ok(())
    }

    /// `diff: [-150-]{+149+} people ...` against the best passage.
    fn write_diff(&mut self, claim: &str, verdict: &Verdict) -> Result<()> {
        let best = verdict
            .evidence
            .iter()
            .find(|evidence| evidence.role != Role::Related)
            .or(verdict.evidence.first());
        let Some(best) = best else {
            return Ok(());
        };
        let focus = spans::focus(verdict, best);
        let evidence = best.text.get(focus).unwrap_or(&best.text);
        let heading = self.paint(DIM, "diff").into_owned();
        let diff = render_word_diff(&word_diff(claim, evidence), |tag, text| {
            let style = if tag == ChangeTag::Delete {
                CONFLICT
            } else {
                MATCH
            };
            self.paint(style, text).into_owned()
        });
        writeln!(
            self.out,
            "  {heading} (statement -> {}, paragraph {}, sentence {}): {diff}",
            escape_control(&best.document),
            best.paragraph,
            best.sentence
        )?;
        Ok(())
    }
}

/// One line for a finding: its note, led by the statement's words unless
/// the note already quotes them.
fn finding_line(finding: &Finding) -> String {
    match &finding.statement {
        Some(span) if !finding.note.contains(&format!("\"{}\"", span.text)) => {
            format!("\"{}\": {}", span.text, finding.note)
        }
        _ => finding.note.clone(),
    }
}

/// The word diff of `old` against `new`: runs of equal words, and hunks
/// of deleted and inserted words. Words are compared without case and
/// without the punctuation at their edges ("people," equals "People"), and
/// equal runs are shown as the evidence (`new`) writes them. Whitespace
/// is not diffed: with it, a diff of two sentences mostly matches spaces.
pub(crate) fn word_diff(old: &str, new: &str) -> Vec<(ChangeTag, String)> {
    let key = |word: &str| {
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() { word } else { core }.to_lowercase()
    };
    let old_words: Vec<&str> = old.split_whitespace().collect();
    let new_words: Vec<&str> = new.split_whitespace().collect();
    let old_keys: Vec<String> = old_words.iter().map(|w| key(w)).collect();
    let new_keys: Vec<String> = new_words.iter().map(|w| key(w)).collect();
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let pieces = match tag {
            DiffTag::Equal => vec![(ChangeTag::Equal, new_words[new_range].join(" "))],
            DiffTag::Delete => vec![(ChangeTag::Delete, old_words[old_range].join(" "))],
            DiffTag::Insert => vec![(ChangeTag::Insert, new_words[new_range].join(" "))],
            DiffTag::Replace => vec![
                (ChangeTag::Delete, old_words[old_range].join(" ")),
                (ChangeTag::Insert, new_words[new_range].join(" ")),
            ],
        };
        for (tag, text) in pieces {
            match runs.last_mut() {
                Some((last, run)) if *last == tag => {
                    run.push(' ');
                    run.push_str(&text);
                }
                _ => runs.push((tag, text)),
            }
        }
    }
    runs
}

/// The word diff written out: `[-deleted-]{+inserted+}` with spaces between
/// runs, except between a deletion and the insertion that replaces it.
/// `paint` styles the marked words.
fn render_word_diff(
    runs: &[(ChangeTag, String)],
    paint: impl Fn(ChangeTag, &str) -> String,
) -> String {
    let mut line = String::new();
    let mut previous: Option<ChangeTag> = None;
    for (tag, text) in runs {
        let joined = previous == Some(ChangeTag::Delete) && *tag == ChangeTag::Insert;
        if previous.is_some() && !joined {
            line.push(' ');
        }
        let text = escape_control(text);
        match tag {
            ChangeTag::Equal => line.push_str(&text),
            ChangeTag::Delete => line.push_str(&format!("[-{}-]", paint(*tag, &text))),
            ChangeTag::Insert => line.push_str(&format!("{{+{}+}}", paint(*tag, &text))),
        }
        previous = Some(*tag);
    }
    line
}

pub(crate) const LABEL_SUPPORTED: Style = AnsiColor::Green.on_default().bold();
pub(crate) const LABEL_CONFLICTING: Style = AnsiColor::Red.on_default().bold();
pub(crate) const LABEL_NOT_ENOUGH_INFO: Style = AnsiColor::Yellow.on_default().bold();
pub(crate) const LABEL_ERROR: Style = AnsiColor::Magenta.on_default().bold();
/// Evidence words that match the statement.
const MATCH: Style = AnsiColor::Green.on_default();
/// A conflicting span, in statement or evidence.
pub(crate) const CONFLICT: Style = AnsiColor::Red.on_default().bold().underline();
pub(crate) const DIM: Style = Style::new().dimmed();

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
        match &checked.outcome {
            Ok(verdict) => {
                let (style, name) = match verdict.label {
                    Label::Supported => (LABEL_SUPPORTED, "SUPPORTED"),
                    Label::Conflicting => (LABEL_CONFLICTING, "CONFLICTING"),
                    Label::NotEnoughInfo => (LABEL_NOT_ENOUGH_INFO, "NOT ENOUGH INFO"),
                };
                let label = self.paint(style, name).into_owned();
                let claim = self.highlight(
                    &checked.claim,
                    &spans::statement_marks(verdict, &checked.claim),
                );
                writeln!(
                    self.out,
                    "{id}{label} (confidence {:.2}): {claim}",
                    verdict.confidence
                )?;
                self.write_verdict(verdict)?;
                if self.diff {
                    self.write_diff(&checked.claim, verdict)?;
                }
            }
            Err(error) => {
                let label = self.paint(LABEL_ERROR, "ERROR").into_owned();
                let claim = escape_control(&checked.claim);
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

pub use crate::terminal::escape_control;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support::{self, conflicting_verdict};

    fn conflicting() -> Checked {
        test_support::batch().remove(0)
    }

    fn render_with(checked: &[Checked], color: bool, diff: bool) -> String {
        let mut out = Vec::new();
        let mut report = Text::new(&mut out, color).with_diff(diff);
        for c in checked {
            report.verdict(c).unwrap();
        }
        report.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    fn render(checked: &[Checked], color: bool) -> String {
        render_with(checked, color, false)
    }

    #[test]
    fn conflict_marks_spans_quotes_every_passage_and_explains_findings() {
        let text = render(&[conflicting()], false);
        let expected = "\
[d011] CONFLICTING (confidence 0.93): [[150]] people died in the Moscow attack
  number: \"150\" (statement) vs \"149\" (evidence)
  evidence: a.txt, paragraph 12, sentence 2 (bytes 100..146), conflicts
    \"The attack on a Moscow hall killed [[149]] people.\"
  evidence: b.txt, paragraph 1, sentence 1 (bytes 0..20), related
    \"Moscow is in Russia.\"
  findings:
    conflicts number   the statement says \"150 people\" where the evidence says \"149 people\"
    supports  word     \"Moscow\": exact match
    supports  word     \"attack\": exact match
    missing   word     \"died\": not found in the evidence
  because: The corpus says 149 people, not 150.
";
        assert_eq!(text, expected, "{text}");
    }

    #[test]
    fn colour_paints_matches_green_and_conflicts_red() {
        let text = render(&[conflicting()], true);
        let green = format!("{MATCH}Moscow{MATCH:#}");
        let red = format!("[[{CONFLICT}149{CONFLICT:#}]]");
        assert!(text.contains(&green), "{text:?}");
        assert!(text.contains(&red), "{text:?}");
        assert!(text.contains(&format!("{LABEL_CONFLICTING}CONFLICTING")));
    }

    #[test]
    fn diff_compares_the_statement_with_the_focus_of_the_best_passage() {
        let text = render_with(&[conflicting()], false, true);
        let diff = text.lines().last().unwrap();
        assert_eq!(
            diff,
            "  diff (statement -> a.txt, paragraph 12, sentence 2): [-150 people died in the Moscow-] attack {+on a Moscow hall killed 149 people+}"
        );
        assert!(!render(&[conflicting()], false).contains("diff"));
    }

    #[test]
    /// The whole's evidence is its parts': shown under each part only.
    fn compound_statement_lists_parts_matched_claims_and_review() {
        let text = render(&[test_support::compound()], false);
        let expected = "\
[c1] CONFLICTING (confidence 0.85): Soviet forces invaded Afghanistan in 1979 and withdrew in [[1992]]
  part 1: supported — \"Soviet forces invaded Afghanistan in 1979\"
    evidence: afghanistan.txt, paragraph 1, sentence 1 (bytes 0..108), supports
      \"Soviet forces invaded Afghanistan in 1979, fought for a decade against the Mujahideen, and withdrew in 1989.\"
      matched claim: \"Soviet forces invaded Afghanistan in 1979\"
    because: afghanistan.txt (paragraph 1, sentence 1) covers 90% of the statement
  part 2: conflicting — \"Soviet forces withdrew in [[1992]]\"
    date: \"1992\" (statement) vs \"1989\" (evidence)
    evidence: afghanistan.txt, paragraph 1, sentence 1 (bytes 0..108), conflicts
      \"Soviet forces invaded Afghanistan in 1979, fought for a decade against the Mujahideen, and withdrew in [[1989]].\"
      matched claim: \"Soviet forces withdrew in 1989\"
    because: the statement says 1992 where the evidence says 1989
  reviewed: conflicting — \"The Soviet Union left Afghanistan in 1992\" (Example Checks, the withdrawal ended in February 1989) [reviews.claims.jsonl:3]
  because: part 2 conflicts: 1992 vs 1989
";
        test_support::assert_text_eq(expected, &text);
    }

    #[test]
    fn compound_statement_colours_part_and_review_verdicts() {
        let text = render(&[test_support::compound()], true);
        assert!(
            text.contains(&format!("{LABEL_SUPPORTED}supported{LABEL_SUPPORTED:#}")),
            "{text:?}"
        );
        assert!(
            text.contains(&format!(
                "{DIM}reviewed{DIM:#}: {LABEL_CONFLICTING}conflicting{LABEL_CONFLICTING:#}"
            )),
            "{text:?}"
        );
        assert!(
            text.contains(&format!("withdrew in [[{CONFLICT}1992{CONFLICT:#}]]\"")),
            "{text:?}"
        );
    }

    #[test]
    fn review_without_source_note_or_place_is_one_short_line() {
        let mut verdict = test_support::compound_verdict();
        verdict.parts.clear();
        let review = verdict.review.as_mut().unwrap();
        review.source = None;
        review.note = Some("left\x1b[2J in 1989".to_string());
        review.document = String::new();
        review.line = 0;
        review.claim = "The Soviet Union\nleft".to_string();
        let checked = Checked {
            id: None,
            claim: test_support::COMPOUND.to_string(),
            outcome: Ok(verdict),
        };
        let text = render(&[checked], false);
        assert!(
            text.contains(
                "\n  reviewed: conflicting — \"The Soviet Union\\nleft\" (left\\u{1b}[2J in 1989)\n"
            ),
            "{text}"
        );
        assert!(!text.contains("part 1"), "{text}");
    }

    #[test]
    fn atomic_statement_has_no_part_review_or_matched_claim_lines() {
        let text = render(&[conflicting()], false);
        for word in ["part ", "reviewed", "matched claim"] {
            assert!(!text.contains(word), "{word}: {text}");
        }
    }

    #[test]
    fn word_diff_marks_a_changed_number() {
        let runs = word_diff("150 people died", "149 People died.");
        let shown = render_word_diff(&runs, |_, text| text.to_string());
        assert_eq!(shown, "[-150-]{+149+} People died.");
        let runs = word_diff("it rained", "it  rained  hard");
        let shown = render_word_diff(&runs, |_, text| text.to_string());
        assert_eq!(shown, "it rained {+hard+}");
    }

    #[test]
    fn corpus_control_characters_are_escaped_around_marks() {
        let mut verdict = conflicting_verdict();
        verdict.evidence[1].text = "Moscow\x1b[2J is in Russia.".to_string();
        verdict.evidence[1].end = verdict.evidence[1].text.len();
        let checked = Checked {
            id: None,
            claim: "150 people died in the Moscow attack".to_string(),
            outcome: Ok(verdict),
        };
        let text = render_with(&[checked], false, true);
        assert!(!text.contains('\x1b'), "{text:?}");
        assert!(text.contains("Moscow\\u{1b}[2J is in Russia."), "{text}");
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
