//! An HTML document as the text a reader sees: what `factcheck draft`
//! checks when given a `.html` file.
//!
//! Parsed with html5ever (through `scraper`), as a browser would: block
//! elements (`p`, `h1`..`h6`, `li`, `div`, table rows, ...) become
//! paragraphs separated by a blank line, `br` a line break, runs of white
//! space one space (except in `pre`), character references decoded, and
//! `head`, `script`, `style`, `template` and `noscript` left out. Offsets
//! into the result are offsets into this text, not into the HTML source.

use scraper::{ElementRef, Html, Node};

/// Elements whose content a reader does not see.
const HIDDEN: &[&str] = &["head", "script", "style", "template", "noscript", "svg"];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "body",
    "html",
    "title",
];

/// The visible text of an HTML document, one paragraph a line, paragraphs
/// separated by a blank line.
pub fn html_to_text(html: &str) -> String {
    let document = Html::parse_document(html);
    let mut raw = String::new();
    walk(document.root_element(), false, &mut raw);
    let mut paragraphs: Vec<String> = Vec::new();
    for block in raw.split("\n\n") {
        let lines: Vec<&str> = block
            .split('\n')
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect();
        if !lines.is_empty() {
            paragraphs.push(lines.join("\n"));
        }
    }
    let mut text = paragraphs.join("\n\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

fn walk(element: ElementRef, in_pre: bool, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                if in_pre {
                    out.push_str(text);
                } else {
                    push_collapsed(text, out);
                }
            }
            Node::Element(tag) => {
                let name = tag.name();
                if HIDDEN.contains(&name) {
                    continue;
                }
                if name == "br" {
                    out.push('\n');
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.push_str("\n\n");
                }
                if let Some(inner) = ElementRef::wrap(child) {
                    walk(inner, in_pre || name == "pre", out);
                }
                if block {
                    out.push_str("\n\n");
                }
            }
            _ => {}
        }
    }
}

/// `text` with each run of white space as one space, and no space at the
/// start of a line.
fn push_collapsed(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !(out.is_empty() || out.ends_with([' ', '\n'])) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs_and_hidden_text_goes() {
        let html = "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head>\
            <body><h1>Moscow and the Taliban</h1>\n<p>Soviet forces   withdrew\n from <b>Afghanistan</b> in 1989.</p>\
            <script>alert(1)</script><ul><li>One &amp; two.</li><li>Three.<br>Four.</li></ul></body></html>";
        assert_eq!(
            html_to_text(html),
            "Moscow and the Taliban\n\nSoviet forces withdrew from Afghanistan in 1989.\n\nOne & two.\n\nThree.\nFour.\n"
        );
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        assert_eq!(html_to_text("<pre>a  b\nc</pre>"), "a  b\nc\n");
        assert_eq!(html_to_text(""), "");
    }
}
