//! What may reach a terminal: one escaping function for every text from
//! outside (statements, corpus text, file names, messages that quote them)
//! before it is printed, so that no input can move the cursor, restyle or
//! retitle a terminal, or reorder what it shows.

use std::borrow::Cow;

/// `text` with every control character (C0, DEL, C1: newline, tab, escape,
/// the one-character CSI U+009B) and every bidirectional override or
/// isolate written as a Rust-style escape such as `\n` or `\u{1b}`. Text
/// without them is returned as it is; escaping twice changes nothing more.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    // Bidirectional overrides and isolates are not control characters to
    // Rust, but they reorder what a terminal shows.
    let is_unsafe = |c: char| {
        c.is_control()
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            escaped.extend(c.escape_default());
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

/// A message (an error, a warning) for stderr: [`escape_control`] on each
/// of its lines, the line breaks kept (a hint follows a blank line).
pub fn escape_message(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') {
        return escape_control(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(escape_control).collect();
    Cow::Owned(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_c0_del_c1_and_bidi_controls() {
        assert_eq!(
            escape_control("a\u{1b}[31mb\u{7f}c\u{9b}2Jd\u{202e}e\n"),
            "a\\u{1b}[31mb\\u{7f}c\\u{9b}2Jd\\u{202e}e\\n"
        );
    }

    #[test]
    fn messages_keep_their_line_breaks() {
        assert_eq!(
            escape_message("no file '\u{1b}]0;x'\n\nPass --corpus DIR"),
            "no file '\\u{1b}]0;x'\n\nPass --corpus DIR"
        );
    }

    #[test]
    fn escaping_twice_changes_nothing_more() {
        let once = escape_control("x\u{1b}y").into_owned();
        assert_eq!(escape_control(&once), once);
        assert!(matches!(escape_control("plain"), Cow::Borrowed("plain")));
    }
}
