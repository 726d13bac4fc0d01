//! Splitting a document into paragraphs and sentences with byte spans.
//!
//! Every line is a paragraph: the corpora this tool reads put one paragraph
//! per line, and news text often puts a heading line straight above its
//! paragraph. Blank lines break paragraphs too. A short line (at most
//! [`HEADING_MAX_WORDS`] words) without final punctuation is a heading and
//! is one passage; any other line is split into sentences.
//!
//! The sentence splitter is small and explicit rather than Unicode's
//! sentence rules, because news text needs an abbreviation list
//! (`U.S.`, `Mr.`, `Jan.`), initials (`J. K. Rowling`), and text that is
//! already tokenised with spaces (`executive .`, `Obama 's`) as the external
//! Wikipedia data is. Every span is trimmed of surrounding whitespace, so
//! `&document.text[start..end] == passage.text` always holds.

use super::{Document, Passage, PassageKind};

/// A line of at most this many words without final punctuation is a heading.
pub const HEADING_MAX_WORDS: usize = 12;

/// The first line of a document is its title when it has no final
/// punctuation and at most this many words: news headlines run longer than
/// subheadings ("Drought cuts Carrow wheat harvest by more than a quarter as
/// prices hit record" is 14 words).
pub const TITLE_MAX_WORDS: usize = 24;

/// Splits one document into passages. Ids are left at 0; [`super::passages`]
/// numbers them across the corpus.
pub fn segment(document: &Document) -> Vec<Passage> {
    let text = document.text.as_str();
    let is_markdown = document.path.to_ascii_lowercase().ends_with(".md");
    let mut passages = Vec::new();
    let mut paragraph = 0u32;
    for (line_start, line_end) in lines(text) {
        let Some((start, end, marked_heading)) =
            strip_line(text, line_start, line_end, is_markdown)
        else {
            continue;
        };
        paragraph += 1;
        let line = &text[start..end];
        let push = |passages: &mut Vec<Passage>, start, end, sentence, kind| {
            passages.push(Passage {
                id: 0,
                document: document.path.clone(),
                paragraph,
                sentence,
                start,
                end,
                kind,
                text: text[start..end].to_string(),
                origin: None,
            })
        };
        let max_words = if paragraph == 1 {
            TITLE_MAX_WORDS
        } else {
            HEADING_MAX_WORDS
        };
        if marked_heading || is_heading(line, max_words) {
            push(&mut passages, start, end, 1, PassageKind::Heading);
            continue;
        }
        let mut sentence = 0u32;
        for (from, to) in sentence_spans(line)
            .into_iter()
            .flat_map(|(from, to)| bounded_pieces(line, from, to))
        {
            sentence += 1;
            push(
                &mut passages,
                start + from,
                start + to,
                sentence,
                PassageKind::Sentence,
            );
        }
    }
    passages
}

/// Sentences longer than this are cut into passages of at most this many
/// bytes, at a blank where there is one. No sentence of real prose is that
/// long (the longest in the development sets is far shorter); a hostile
/// one (a 10 MB line without a full stop) would otherwise be one passage
/// that every check compares word by word, and whose evidence is the
/// whole line.
pub const MAX_PASSAGE_BYTES: usize = 4096;

/// `from..to` of `line` as pieces of at most [`MAX_PASSAGE_BYTES`], each
/// ending at the last blank before the limit (or at the limit, on a
/// character boundary, when there is none), trimmed.
fn bounded_pieces(line: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    if to - from <= MAX_PASSAGE_BYTES {
        return vec![(from, to)];
    }
    let mut pieces = Vec::new();
    let mut start = from;
    while to - start > MAX_PASSAGE_BYTES {
        let mut limit = start + MAX_PASSAGE_BYTES;
        while !line.is_char_boundary(limit) {
            limit -= 1;
        }
        let end = match line[start..limit].rfind(is_blank) {
            Some(at) if at > 0 => start + at,
            _ => limit,
        };
        pieces.extend(trim_span(line, start, end));
        start = end;
    }
    pieces.extend(trim_span(line, start, to));
    pieces
}

/// The byte ranges of the lines of `text`, without their line breaks.
/// `\r\n`, a lone `\r` and the Unicode line and paragraph separators all
/// end a line; `\r\n` leaves an empty line behind, which is harmless.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if matches!(
            c,
            '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{2028}' | '\u{2029}'
        ) {
            ranges.push((start, at));
            start = at + c.len_utf8();
        }
    }
    ranges.push((start, text.len()));
    ranges
}

/// Characters trimmed off both ends of a span: whitespace and a byte order
/// mark, which is not whitespace to Rust but is invisible in a file.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// Trims a line and strips leading Markdown markers (`# `, `> `, `- `,
/// `* `, and in `.md` files `1. `). Returns the span and whether a `#`
/// marker made it a heading; `None` for a blank line.
fn strip_line(
    text: &str,
    start: usize,
    end: usize,
    is_markdown: bool,
) -> Option<(usize, usize, bool)> {
    let (mut start, end) = trim_span(text, start, end)?;
    let mut heading = false;
    loop {
        let line = &text[start..end];
        let hashes = line.len() - line.trim_start_matches('#').len();
        let marker = if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            heading = true;
            hashes
        } else if line.starts_with("> ")
            || line.starts_with("- ")
            || line.starts_with("* ")
            || line.starts_with("+ ")
        {
            1
        } else if line.starts_with("• ") {
            '•'.len_utf8()
        } else if is_markdown {
            ordered_list_marker(line)
        } else {
            0
        };
        if marker == 0 {
            return Some((start, end, heading));
        }
        start = trim_span(text, start + marker, end)?.0;
    }
}

/// Length of a Markdown ordered-list marker (`12.` or `3)`) followed by a
/// space at the start of `line`, or 0.
fn ordered_list_marker(line: &str) -> usize {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &line[digits..];
    if (1..=3).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") ")) {
        digits + 1
    } else {
        0
    }
}

/// `start..end` with blanks trimmed from both ends, or `None` if nothing is
/// left.
fn trim_span(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let span = &text[start..end];
    let trimmed_start = span.trim_start_matches(is_blank);
    let trimmed = trimmed_start.trim_end_matches(is_blank);
    if trimmed.is_empty() {
        return None;
    }
    let from = start + (span.len() - trimmed_start.len());
    Some((from, from + trimmed.len()))
}

/// A short line without final punctuation: a title or section heading.
fn is_heading(line: &str, max_words: usize) -> bool {
    let words = line.split_whitespace().count();
    let ends_with_punctuation = line.chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '.' | '!'
                | '?'
                | ':'
                | ';'
                | ','
                | '…'
                | '"'
                | '\''
                | '”'
                | '’'
                | '»'
                | '—'
                | '–'
                | '-'
        )
    });
    words <= max_words && !ends_with_punctuation
}

/// Characters that end a sentence.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '。' | '！' | '？')
}

/// Characters that, right after a terminator, still belong to the sentence.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '*' | '_'
    )
}

/// Tokens that, standing alone after a tokenised full stop (`hello . ''`),
/// can only close the sentence, never open the next one.
const CLOSING_TOKENS: &[&str] = &["''", "”", "’", "»", ")", "]", "-RRB-", "-RSB-"];

/// Characters that may open a sentence before its first word.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '`' | '¿' | '¡'
    )
}

/// Abbreviations that come before a name or a number and so never end a
/// sentence: `Mr. Smith`, `Gen. Milley`, `No. 5`, `e.g. the`.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "sen", "sens", "rep", "reps", "gov", "lt",
    "col", "capt", "cpt", "sgt", "maj", "cmdr", "adm", "rev", "hon", "pres", "supt", "vs", "v",
    "e.g", "i.e", "cf", "nos", "fig", "figs", "vol", "pp", "mt", "approx", "ca", "viz",
];

/// Abbreviations that can also end a sentence (`moved to the U.S. He ...`):
/// they end one only when a common sentence opener follows.
const AMBIGUOUS: &[&str] = &[
    "st", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "bros", "al", "dept", "est", "ave",
    "blvd", "rd", "no", "ft",
];

/// Month and weekday abbreviations: ambiguous like [`AMBIGUOUS`], but only
/// when capitalised, since several are also words (`The cat sat.`).
const CALENDAR: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
];

/// Words that commonly open a sentence; after an ambiguous abbreviation they
/// mark a sentence end.
const OPENERS: &[&str] = &[
    "a",
    "an",
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "but",
    "and",
    "so",
    "yet",
    "however",
    "meanwhile",
    "in",
    "on",
    "at",
    "after",
    "before",
    "when",
    "while",
    "since",
    "as",
    "if",
    "although",
    "though",
    "many",
    "some",
    "most",
    "no",
    "not",
    "what",
    "why",
    "how",
    "who",
    "where",
];

/// The byte spans of the sentences of one paragraph, trimmed, relative to
/// the paragraph.
fn sentence_spans(paragraph: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut sentence_start = 0;
    // Kept as the scan goes, so that a megabyte paragraph without a
    // sentence end stays linear.
    let mut has_letter = false;
    let mut open_quote = false;
    let mut at = 0;
    while at < paragraph.len() {
        let Some(c) = paragraph[at..].chars().next() else {
            break;
        };
        if !is_terminator(c) {
            has_letter |= c.is_alphabetic();
            open_quote ^= c == '"';
            at += c.len_utf8();
            continue;
        }
        let terminator_at = at;
        // The run of terminators and closers: `?!`, `...`, `.”`, `?).`
        let mut end = at;
        let mut last_terminator = c;
        let mut run_length = 0;
        for next in paragraph[at..].chars() {
            if is_terminator(next) {
                last_terminator = next;
                run_length += 1;
            } else if !is_closer(next) {
                break;
            }
            open_quote ^= next == '"';
            end += next.len_utf8();
        }
        at = end;
        let followed_by_space = paragraph[end..].chars().next().is_none_or(is_blank);
        if !followed_by_space {
            continue;
        }
        // A lone closing token after a tokenised full stop: `hello . ''`,
        // or `hello . "` when a straight quote is open.
        let after_space = paragraph[end..].trim_start_matches(is_blank);
        let token = after_space.split(is_blank).next().unwrap_or_default();
        if CLOSING_TOKENS.contains(&token) || (open_quote && token == "\"") {
            open_quote ^= token == "\"";
            end = paragraph.len() - after_space.len() + token.len();
            at = end;
        }
        let next_start =
            end + (paragraph[end..].len() - paragraph[end..].trim_start_matches(is_blank).len());
        if next_start >= paragraph.len() {
            break;
        }
        let single_full_stop = last_terminator == '.' && run_length == 1;
        let word = word_before(&paragraph[sentence_start..terminator_at]);
        let next = &paragraph[next_start..];
        // `1.` at the start of a line or `(a)` is not a sentence on its own.
        if has_letter && is_boundary(word, single_full_stop, next) {
            spans.push((sentence_start, end));
            sentence_start = next_start;
            has_letter = false;
            open_quote = false;
        }
    }
    spans.push((sentence_start, paragraph.len()));
    spans
        .into_iter()
        .filter_map(|(from, to)| trim_span(paragraph, from, to))
        .collect()
}

/// The word right before a terminator, without opening quotes or
/// brackets; empty when the terminator stands alone (`executive .`).
fn word_before(text: &str) -> &str {
    if text.ends_with(is_blank) {
        return "";
    }
    let word = text.rsplit(is_blank).next().unwrap_or_default();
    word.trim_start_matches(|c: char| is_opener(c) || c == '—' || c == '–')
}

/// The first word of `text`, without opening quotes or brackets and without
/// trailing punctuation.
fn first_word(text: &str) -> &str {
    let word = text.split(is_blank).next().unwrap_or_default();
    word.trim_start_matches(is_opener)
        .trim_end_matches(|c: char| !c.is_alphanumeric())
}

/// Whether the sentence ends at a terminator after `word`, given the text
/// that follows the space.
/// A decimal point with a blank after it, as detokenised news text writes
/// them: `98. 7 per cent`, `$ 1. 7 million`. One to three digits before the
/// stop, one to three after the blank, then no more digits or stop.
fn is_spaced_decimal(word: &str, next: &str) -> bool {
    let is_digits =
        |text: &str| (1..=3).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    let fraction: String = next.chars().take_while(char::is_ascii_digit).collect();
    let after = &next[fraction.len()..];
    is_digits(word)
        && is_digits(&fraction)
        && after
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || c == '%')
}

fn is_boundary(word: &str, single_full_stop: bool, next: &str) -> bool {
    // `"Why?" he asked`, `etc. and`, `Yahoo! is`: a lower-case word goes
    // on, and so do a comma, a dash or a closing bracket.
    let Some(first) = next.trim_start_matches(is_opener).chars().next() else {
        return false;
    };
    if first.is_lowercase()
        || matches!(
            first,
            ',' | ';' | ':' | '—' | '–' | '-' | ')' | ']' | '}' | '%'
        )
    {
        return false;
    }
    if !single_full_stop || word.is_empty() {
        return true;
    }
    if is_spaced_decimal(word, next) {
        return false;
    }
    let lower = word.to_lowercase();
    let bare = lower.trim_end_matches('.');
    // Initials: `J. K. Rowling`, `George W. Bush`.
    let mut letters = word.chars();
    if let (Some(initial), None) = (letters.next(), letters.next()) {
        if initial.is_uppercase() {
            return false;
        }
    }
    if TITLES.contains(&bare) {
        return false;
    }
    let is_calendar =
        CALENDAR.contains(&bare) && word.chars().next().is_some_and(char::is_uppercase);
    if AMBIGUOUS.contains(&bare) || is_calendar || is_dotted_acronym(bare) {
        let next_word = first_word(next).to_lowercase();
        return OPENERS.contains(&next_word.as_str());
    }
    true
}

/// `u.s`, `d.c`, `a.m`, `u.s.a`: single letters joined by full stops.
fn is_dotted_acronym(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(text: &str) -> Document {
        Document {
            path: "doc.txt".to_string(),
            text: text.to_string(),
        }
    }

    /// The passages' texts, after checking that every span slices back to
    /// its text.
    fn texts(text: &str) -> Vec<String> {
        let passages = segment(&document(text));
        for passage in &passages {
            assert_eq!(&text[passage.start..passage.end], passage.text);
        }
        passages.into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn a_decimal_point_with_a_blank_after_it_is_no_sentence_end() {
        let text = "Dog one got it right in 98. 7 per cent of cases. Dog two did not.";
        assert_eq!(
            sentence_spans(text)
                .iter()
                .map(|&(s, e)| &text[s..e])
                .collect::<Vec<_>>(),
            [
                "Dog one got it right in 98. 7 per cent of cases.",
                "Dog two did not."
            ]
        );
        let text = "They won in 2012. 7 people came back.";
        assert_eq!(sentence_spans(text).len(), 2);
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            texts("The cat sat. The dog ran! Did it? Yes."),
            ["The cat sat.", "The dog ran!", "Did it?", "Yes."]
        );
    }

    #[test]
    fn keeps_us_abbreviation() {
        assert_eq!(
            texts("The U.S. Senate voted on Tuesday. It passed."),
            ["The U.S. Senate voted on Tuesday.", "It passed."]
        );
    }

    #[test]
    fn splits_after_us_at_sentence_end_before_an_opener() {
        assert_eq!(
            texts("He moved to the U.S. He liked it."),
            ["He moved to the U.S.", "He liked it."]
        );
    }

    #[test]
    fn keeps_titles_and_other_abbreviations() {
        let text = "Mr. Smith met Mrs. Jones and Dr. Who on St. Mark's Place. \
                    Gen. Milley, Sen. Warren, Rep. Lee and Prof. Xu came, e.g. to talk, \
                    i.e. to argue, etc. and more. Apple Inc. and Acme Ltd. and Foo Co. \
                    signed vs. Bar No. 5 on Jan. 5 and Feb. 6. Done.";
        assert_eq!(
            texts(text),
            [
                "Mr. Smith met Mrs. Jones and Dr. Who on St. Mark's Place.",
                "Gen. Milley, Sen. Warren, Rep. Lee and Prof. Xu came, e.g. to talk, \
                 i.e. to argue, etc. and more.",
                "Apple Inc. and Acme Ltd. and Foo Co. signed vs. Bar No. 5 on Jan. 5 and Feb. 6.",
                "Done.",
            ]
        );
    }

    #[test]
    fn keeps_initials() {
        assert_eq!(
            texts("J. K. Rowling wrote it. George W. Bush read it."),
            ["J. K. Rowling wrote it.", "George W. Bush read it."]
        );
    }

    #[test]
    fn keeps_decimals_and_thousands() {
        assert_eq!(
            texts("Prices rose 21.5 percent. About 15,000 people came."),
            ["Prices rose 21.5 percent.", "About 15,000 people came."]
        );
    }

    #[test]
    fn splits_after_closing_quote() {
        assert_eq!(
            texts("He said “it is over.” Then he left. She wrote \"done.\" It was."),
            [
                "He said “it is over.”",
                "Then he left.",
                "She wrote \"done.\"",
                "It was."
            ]
        );
    }

    #[test]
    fn keeps_quoted_question_before_lowercase() {
        assert_eq!(
            texts("“Why now?” he asked. (It was late.) Nobody knew."),
            ["“Why now?” he asked.", "(It was late.)", "Nobody knew."]
        );
    }

    #[test]
    fn keeps_em_dash_inside_sentence() {
        assert_eq!(
            texts("Russia recognised the Taliban—nearly four years later. It was first."),
            [
                "Russia recognised the Taliban—nearly four years later.",
                "It was first."
            ]
        );
    }

    #[test]
    fn splits_question_and_exclamation() {
        assert_eq!(
            texts("Will others follow? Nobody knows! Wait... Really?! Yes."),
            [
                "Will others follow?",
                "Nobody knows!",
                "Wait...",
                "Really?!",
                "Yes."
            ]
        );
    }

    #[test]
    fn splits_tokenised_text() {
        assert_eq!(
            texts(
                "Tom Rothman ( born 1965 ) is an American film executive . \
                 He worked on Obama 's campaign . It ended ."
            ),
            [
                "Tom Rothman ( born 1965 ) is an American film executive .",
                "He worked on Obama 's campaign .",
                "It ended ."
            ]
        );
    }

    #[test]
    fn keeps_tokenised_closing_quote() {
        assert_eq!(
            texts("He said `` it is over . '' Then he left ."),
            ["He said `` it is over . ''", "Then he left ."]
        );
    }

    #[test]
    fn heading_is_its_own_paragraph() {
        let text = "Russia seeks trade from Taliban\nThe ministry said so. It was clear.\n";
        let passages = segment(&document(text));
        let kinds: Vec<_> = passages
            .iter()
            .map(|p| (p.kind, p.paragraph, p.sentence))
            .collect();
        assert_eq!(
            kinds,
            [
                (PassageKind::Heading, 1, 1),
                (PassageKind::Sentence, 2, 1),
                (PassageKind::Sentence, 2, 2)
            ]
        );
    }

    #[test]
    fn long_line_without_punctuation_is_a_sentence() {
        let text = "Title\none two three four five six seven eight nine ten eleven twelve thirteen";
        let passages = segment(&document(text));
        assert_eq!(passages[1].kind, PassageKind::Sentence);
    }

    #[test]
    fn a_long_headline_on_the_first_line_is_a_title() {
        let text = "Drought cuts Carrow wheat harvest by more than a quarter as prices hit record\n\
                    The harvest fell. Prices rose.\n\
                    Drought cuts Carrow wheat harvest by more than a quarter as prices hit record\n";
        let kinds: Vec<_> = segment(&document(text))
            .iter()
            .map(|p| (p.kind, p.paragraph))
            .collect();
        assert_eq!(
            kinds,
            [
                (PassageKind::Heading, 1),
                (PassageKind::Sentence, 2),
                (PassageKind::Sentence, 2),
                (PassageKind::Sentence, 3)
            ]
        );
    }

    #[test]
    fn a_first_line_longer_than_a_headline_is_a_sentence() {
        let line = ["word"; TITLE_MAX_WORDS + 1].join(" ");
        assert_eq!(segment(&document(&line))[0].kind, PassageKind::Sentence);
    }

    #[test]
    fn question_line_is_a_sentence() {
        let passages = segment(&document("Will other countries recognize Taliban?"));
        assert_eq!(passages[0].kind, PassageKind::Sentence);
    }

    #[test]
    fn blank_lines_and_single_newlines_break_paragraphs() {
        let text = "First one.\nSecond one.\n\n\r\nThird one.";
        let passages = segment(&document(text));
        let paragraphs: Vec<u32> = passages.iter().map(|p| p.paragraph).collect();
        assert_eq!(paragraphs, [1, 2, 3]);
        assert_eq!(texts(text), ["First one.", "Second one.", "Third one."]);
    }

    #[test]
    fn spans_skip_whitespace_and_crlf() {
        let text = "\u{feff}  Title here\r\n\r\n\t A sentence.   Another one. \r\n";
        assert_eq!(texts(text), ["Title here", "A sentence.", "Another one."]);
    }

    #[test]
    fn strips_markdown_markers() {
        let text = "# A title.\n\n- First item here.\n1. Second item.\n> Quoted text.";
        let passages = Document {
            path: "notes.md".to_string(),
            text: text.to_string(),
        };
        let passages = segment(&passages);
        let got: Vec<_> = passages.iter().map(|p| (p.kind, p.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (PassageKind::Heading, "A title."),
                (PassageKind::Sentence, "First item here."),
                (PassageKind::Sentence, "Second item."),
                (PassageKind::Sentence, "Quoted text."),
            ]
        );
        for passage in &passages {
            assert_eq!(&text[passage.start..passage.end], passage.text);
        }
    }

    #[test]
    fn empty_and_blank_documents_have_no_passages() {
        assert!(texts("").is_empty());
        assert!(texts(" \n\n\t\r\n").is_empty());
    }

    #[test]
    fn odd_text_never_panics_and_spans_hold() {
        for text in [
            ".",
            "...",
            "?!",
            "a.b.c. d",
            "“”",
            "é. É. 漢字。次の文。",
            "— . — .",
            "1. 2. 3.",
            "Mr.",
            "U.S.",
            "\" . \"",
            "🎉! 🎉. Done.",
        ] {
            texts(text);
        }
    }

    #[test]
    fn segments_bundled_article_into_sentences_and_headings() {
        let corpus = crate::ingest::Corpus::bundled();
        let text = &corpus.documents[0].text;
        let passages = crate::ingest::passages(&corpus);
        for passage in &passages {
            assert_eq!(&text[passage.start..passage.end], passage.text);
        }
        let headings: Vec<&str> = passages
            .iter()
            .filter(|p| p.kind == PassageKind::Heading)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(
            headings,
            [
                "Russia seeks trade and economic opportunities from Taliban",
                "Western isolation strategy crumbles"
            ]
        );
        assert!(passages.iter().any(
            |p| p.text == "This isn’t sudden diplomacy." && (p.paragraph, p.sentence) == (6, 1)
        ));
    }

    #[test]
    fn keeps_straight_closing_quote_token() {
        assert_eq!(
            texts("He said \" it is over . \" Then he left ."),
            ["He said \" it is over . \"", "Then he left ."]
        );
    }

    #[test]
    fn long_paragraph_without_sentence_end_is_linear() {
        for unit in ["a. ", "1. ", "x . \" ", "Mr. "] {
            let text = unit.repeat(100_000);
            let started = std::time::Instant::now();
            let passages = segment(&document(&text));
            assert!(!passages.is_empty());
            assert!(started.elapsed().as_secs() < 10, "{unit:?} took too long");
        }
    }

    #[test]
    fn overlong_sentence_is_cut_into_bounded_passages_at_blanks() {
        let text =
            "word ".repeat(3 * MAX_PASSAGE_BYTES / 5) + "é".repeat(MAX_PASSAGE_BYTES).as_str();
        let passages = segment(&document(&text));
        assert!(passages.len() > 3, "{}", passages.len());
        for passage in &passages {
            assert!(passage.text.len() <= MAX_PASSAGE_BYTES);
            assert_eq!(&text[passage.start..passage.end], passage.text);
            assert!(!passage.text.starts_with(' ') && !passage.text.ends_with(' '));
        }
        // Nothing is lost: the pieces hold every word, in order.
        let words: Vec<&str> = passages
            .iter()
            .flat_map(|p| p.text.split_whitespace())
            .collect();
        let all: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(words[..all.len() - 1], all[..all.len() - 1]);
    }

    #[test]
    fn splits_after_words_that_look_like_abbreviations() {
        assert_eq!(
            texts("The cat sat. Mary left. Did it work? No. The test failed. It was modern art. Critics loved it."),
            [
                "The cat sat.",
                "Mary left.",
                "Did it work?",
                "No.",
                "The test failed.",
                "It was modern art.",
                "Critics loved it."
            ]
        );
    }

    #[test]
    fn keeps_month_and_number_abbreviations_before_numbers() {
        assert_eq!(
            texts(
                "It opened on Mar. 5 as No. 1 in St. Petersburg. Then it closed at 5 p.m. The end."
            ),
            [
                "It opened on Mar. 5 as No. 1 in St. Petersburg.",
                "Then it closed at 5 p.m.",
                "The end."
            ]
        );
    }
}
