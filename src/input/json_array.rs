//! A JSON array of statement objects, as `--format json` writes it: what
//! `factcheck batch` wrote can be read back.
//!
//! The array is read whole (JSON gives no way to know where an element ends
//! without parsing it), then handed out one element at a time. Each
//! element goes through the same reading as a JSON Lines line, so a bad
//! element is an error in its place, named by the line it starts on; a
//! broken array (no `[`, a missing comma, text after the `]`) ends the
//! stream with a fatal error, as nothing after it can be trusted.

use std::io::Read;

use serde::de::IgnoredAny;

use super::{parse_json_object, InputError, InputErrorKind, StatementInput, BOM};

pub(super) struct JsonArrayStatements<R> {
    reader: Option<R>,
    text: String,
    /// Where reading goes on, a byte offset into `text`.
    at: usize,
    /// The 1-based line `at` is on.
    line: u64,
    /// Where `line` was counted up to.
    counted: usize,
    /// Past the `[` and at least one element.
    started: bool,
    first: bool,
    done: bool,
}

impl<R: Read> JsonArrayStatements<R> {
    pub(super) fn new(reader: R) -> JsonArrayStatements<R> {
        JsonArrayStatements {
            reader: Some(reader),
            text: String::new(),
            at: 0,
            line: 1,
            counted: 0,
            started: false,
            first: true,
            done: false,
        }
    }

    /// Reads the whole input into `text`.
    fn read_all(&mut self) -> Result<(), InputError> {
        let Some(mut reader) = self.reader.take() else {
            return Ok(());
        };
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|err| InputError::new(1, InputErrorKind::Io(err.to_string())))?;
        let bytes = bytes.strip_prefix(BOM).unwrap_or(&bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                self.text = text.to_string();
                Ok(())
            }
            Err(err) => {
                let line = 1 + bytes[..err.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count() as u64;
                Err(self.broken_at(line, "it is not valid UTF-8"))
            }
        }
    }

    fn broken_at(&self, line: u64, why: &str) -> InputError {
        InputError::new(line, InputErrorKind::BrokenJsonArray(why.to_string()))
    }

    /// Moves `at` past white space, keeping `line` up to date.
    fn skip_space(&mut self) {
        let rest = &self.text[self.at..];
        self.at += rest.len() - rest.trim_start().len();
        self.count_lines();
    }

    fn count_lines(&mut self) {
        self.line += self.text[self.counted..self.at]
            .bytes()
            .filter(|&b| b == b'\n')
            .count() as u64;
        self.counted = self.at;
    }

    /// The next byte after white space, without taking it.
    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.text.as_bytes().get(self.at).copied()
    }

    fn step(&mut self) -> Option<Result<StatementInput, InputError>> {
        if !self.started {
            if let Err(err) = self.read_all() {
                return Some(Err(err));
            }
            if self.peek() != Some(b'[') {
                return Some(Err(self.broken_at(self.line, "it does not start with '['")));
            }
            self.at += 1;
            self.started = true;
        }
        match self.peek() {
            Some(b']') => {
                self.at += 1;
                if self.peek().is_some() {
                    return Some(Err(self.broken_at(self.line, "text after its closing ']'")));
                }
                return None;
            }
            None => return Some(Err(self.broken_at(self.line, "it has no closing ']'"))),
            Some(b',') if !self.first => {
                self.at += 1;
                self.skip_space();
            }
            Some(_) if !self.first => {
                return Some(Err(self.broken_at(self.line, "expected ',' or ']'")));
            }
            Some(_) => {}
        }
        self.first = false;
        let rest = &self.text[self.at..];
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<IgnoredAny>();
        let line = self.line;
        match values.next() {
            Some(Ok(_)) => {}
            Some(Err(err)) => {
                let why = format!("element on line {line}: {err}");
                return Some(Err(self.broken_at(line, &why)));
            }
            None => return Some(Err(self.broken_at(line, "it has no closing ']'"))),
        }
        let end = self.at + values.byte_offset();
        let element = &self.text[self.at..end];
        let statement = parse_json_object(element)
            .map(|(statement, _)| statement)
            .map_err(|(id, kind)| InputError { line, id, kind });
        self.at = end;
        self.count_lines();
        Some(statement)
    }
}

impl<R: Read> Iterator for JsonArrayStatements<R> {
    type Item = Result<StatementInput, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.step();
        if item
            .as_ref()
            .is_none_or(|item| item.as_ref().is_err_and(InputError::is_fatal))
        {
            self.done = true;
        }
        item
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Vec<Result<StatementInput, InputError>> {
        JsonArrayStatements::new(input.as_bytes()).collect()
    }

    fn claims(got: &[Result<StatementInput, InputError>]) -> Vec<String> {
        got.iter()
            .map(|item| match item {
                Ok(statement) => format!("{:?} {}", statement.id, statement.claim),
                Err(err) => err.to_string(),
            })
            .collect()
    }

    #[test]
    fn reads_the_records_json_output_writes() {
        let input = "[\n  {\n    \"id\": \"a\",\n    \"claim\": \"one\",\n    \"verdict\": \"supported\"\n  },\n  {\n    \"id\": null,\n    \"claim\": \"two\",\n    \"evidence\": [{\"text\": \"x\"}]\n  }\n]\n";
        assert_eq!(claims(&read(input)), vec!["Some(\"a\") one", "None two"]);
    }

    #[test]
    fn bad_elements_are_errors_on_their_line_and_reading_goes_on() {
        let input = "[{\"claim\": \"one\"},\n 42,\n {\"id\": \"x\"},\n {\"claim\": \"\"}, {\"text\": \"last\"}]";
        assert_eq!(
            claims(&read(input)),
            vec![
                "None one".to_string(),
                "line 2: expected a JSON object with a \"claim\" field, found a number".to_string(),
                "line 3: missing \"claim\" field (\"statement\" or \"text\" also work)".to_string(),
                "line 4: the statement is empty".to_string(),
                "None last".to_string(),
            ]
        );
        let got = read(input);
        assert_eq!(got[2].as_ref().unwrap_err().id.as_deref(), Some("x"));
    }

    #[test]
    fn empty_array_gives_nothing_and_a_broken_one_a_fatal_error() {
        assert!(read(" [ ] ").is_empty());
        assert!(read("\u{feff}[]").is_empty());
        for (input, expected) in [
            (
                "",
                "line 1: malformed JSON array: it does not start with '['",
            ),
            (
                "[{\"claim\": \"a\"} {\"claim\": \"b\"}]",
                "line 1: malformed JSON array: expected ',' or ']'",
            ),
            (
                "[{\"claim\": \"a\"},\n",
                "line 2: malformed JSON array: it has no closing ']'",
            ),
            (
                "[{\"claim\": \"a\"}] x",
                "line 1: malformed JSON array: text after its closing ']'",
            ),
        ] {
            let got = read(input);
            let last = got.last().unwrap().as_ref().unwrap_err();
            assert!(last.is_fatal(), "{input}");
            assert_eq!(last.to_string(), expected, "{input}");
        }
        let got = read("[{\"claim\": \"a\"}, {\"claim\": ");
        assert_eq!(got.len(), 2);
        assert!(got[1].as_ref().unwrap_err().is_fatal());
    }
}
