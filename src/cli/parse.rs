//! `factcheck parse`: tags and trees of sentences, or scores on a gold file.

use std::io::{self, BufRead, Write};

use anyhow::{Context, Result};

use super::args::{ParseArgs, ParseFormatArg};
use super::config::Environment;
use super::output::Output;
use super::{ExitStatus, Outcome};
use crate::syntax;

pub(super) fn parse(args: ParseArgs, env: &Environment) -> Result<Outcome> {
    let mut output = Output::open(None)?;
    if let Some(gold) = &args.eval {
        let text = std::fs::read_to_string(gold)
            .with_context(|| format!("failed to read gold file '{}'", gold.display()))?;
        let sentences = syntax::read_conllu(&text)
            .with_context(|| format!("'{}' is not CoNLL-U", gold.display()))?;
        let scores = syntax::evaluate(syntax::model(), &sentences);
        writeln!(output, "{scores}")?;
        output.commit()?;
        return Ok(Outcome::new(ExitStatus::Clean));
    }
    let format = match args.format {
        Some(format) => format,
        None if env.stdout_is_terminal => ParseFormatArg::Tree,
        None => ParseFormatArg::Conllu,
    };
    let write = |sentence: &str, output: &mut Output| -> Result<()> {
        let tree = syntax::parse(sentence);
        match format {
            ParseFormatArg::Conllu => output.write_all(tree.to_conllu().as_bytes())?,
            ParseFormatArg::Tree => {
                writeln!(output, "{}", crate::report::escape_control(sentence))?;
                for line in tree.to_indented().lines() {
                    writeln!(output, "{}", crate::report::escape_control(line))?;
                }
                writeln!(output)?;
            }
        }
        Ok(())
    };
    if args.sentences.is_empty() {
        for (number, line) in io::stdin().lock().lines().enumerate() {
            let line = line.with_context(|| format!("failed to read stdin line {}", number + 1))?;
            if !line.trim().is_empty() {
                write(&line, &mut output)?;
            }
        }
    } else {
        for sentence in &args.sentences {
            write(sentence, &mut output)?;
        }
    }
    output.commit()?;
    Ok(Outcome::new(ExitStatus::Clean))
}
