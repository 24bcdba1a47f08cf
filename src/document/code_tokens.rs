//! Code as the rules compare it: tokens, with comments, string literals and placeholders told
//! apart, since a translation may translate those and nothing else.
//!
//! One pass over the text, each character looked at a bounded number of times: an unclosed
//! quote is found unclosed once per line, not once per quote.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeTokenKind {
    /// A run of letters, digits and `_-.:/@=+%~`: a command, an option, a path, a value.
    Word,
    /// One other visible character.
    Punct,
    /// A string literal, quotes included: its text may be translated.
    String,
    /// A `#`, `//`, `/* */` or `<!-- -->` comment: translated freely.
    Comment,
    /// `{{path/to/file}}`: a placeholder a command reference's reader replaces.
    Placeholder,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeToken {
    pub kind: CodeTokenKind,
    pub range: Range<usize>,
}

impl CodeToken {
    pub fn text<'a>(&self, code: &'a str) -> &'a str {
        &code[self.range.clone()]
    }
}

/// Element names that `<name>` in code means as a tag, not a placeholder.
const HTML_ELEMENTS: &[&str] = &[
    "a", "abbr", "b", "body", "br", "button", "code", "div", "em", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "img", "input", "kbd", "label",
    "li", "link", "main", "meta", "nav", "ol", "option", "p", "pre", "script", "section", "select",
    "small", "span", "strong", "style", "sub", "sup", "table", "tbody", "td", "template",
    "textarea", "th", "thead", "title", "tr", "u", "ul", "video", "svg", "slot",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || "_-.:/@=+%~$".contains(c)
}

/// The tokens of `code`, whitespace left out.
pub fn code_tokens(code: &str) -> Vec<CodeToken> {
    let mut tokens = Vec::new();
    let mut line_start = 0;
    let mut in_block_comment: Option<(usize, &str)> = None;
    for line in code.split_inclusive('\n') {
        let end = line_start + line.len();
        let mut i = line_start;
        // Quotes found with no closing one later on this line.
        let mut unclosed: [bool; 3] = [false; 3];
        let mut at_line_start = true;
        let mut unclosed_placeholder = false;
        while i < end {
            let rest = &code[i..end];
            if let Some((start, close)) = in_block_comment {
                match rest.find(close) {
                    Some(at) => {
                        let stop = i + at + close.len();
                        tokens.push(CodeToken {
                            kind: CodeTokenKind::Comment,
                            range: start..stop,
                        });
                        in_block_comment = None;
                        i = stop;
                        continue;
                    }
                    None => {
                        i = end;
                        continue;
                    }
                }
            }
            let Some(c) = rest.chars().next() else { break };
            let after_space = i == line_start || code[..i].ends_with([' ', '\t']);
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            let first_on_line = std::mem::replace(&mut at_line_start, false);
            let comment_here = (c == '#'
                && !(first_on_line && rest.starts_with("#!"))
                && !rest[1..].starts_with('{')
                && (first_on_line || after_space))
                || (rest.starts_with("//") && (first_on_line || after_space));
            if comment_here {
                let stop = line_start + line.trim_end_matches(['\n', '\r']).len();
                tokens.push(CodeToken {
                    kind: CodeTokenKind::Comment,
                    range: i..stop.max(i),
                });
                i = end;
                continue;
            }
            if rest.starts_with("/*") || rest.starts_with("<!--") {
                let (open, close) = if rest.starts_with("/*") {
                    ("/*", "*/")
                } else {
                    ("<!--", "-->")
                };
                in_block_comment = Some((i, close));
                i += open.len();
                continue;
            }
            if let Some(inside) = rest.strip_prefix("{{").filter(|_| !unclosed_placeholder) {
                if let Some(at) = inside.find("}}") {
                    let stop = i + 2 + at + 2;
                    tokens.push(CodeToken {
                        kind: CodeTokenKind::Placeholder,
                        range: i..stop,
                    });
                    i = stop;
                    continue;
                }
                unclosed_placeholder = true;
            }
            // `<your-name>`, `<ID OF THE PR>`, `{verb}`: words a reader replaces.
            if c == '<' || c == '{' {
                let close = if c == '<' { '>' } else { '}' };
                let inner_len = rest[1..]
                    .char_indices()
                    .find(|&(_, d)| !(d.is_alphabetic() || d == '-' || d == '_' || d == ' '))
                    .map_or(rest.len() - 1, |(at, _)| at);
                let inner = &rest[1..1 + inner_len];
                if rest[1 + inner_len..].starts_with(close)
                    && inner.chars().next().is_some_and(char::is_alphabetic)
                    && !inner.ends_with(' ')
                    && (c == '{'
                        || inner.contains(['-', '_', ' '])
                        || !inner.is_ascii()
                        || !HTML_ELEMENTS.contains(&inner.to_ascii_lowercase().as_str()))
                {
                    let stop = i + 1 + inner_len + 1;
                    tokens.push(CodeToken {
                        kind: CodeTokenKind::Placeholder,
                        range: i..stop,
                    });
                    i = stop;
                    continue;
                }
            }
            let quote = match c {
                '"' => Some(0),
                '\'' => Some(1),
                '`' => Some(2),
                _ => None,
            };
            if let Some(q) = quote {
                // An apostrophe inside a word (`don't`) is no quote.
                let inside_word = c == '\''
                    && code[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                if !unclosed[q] && !inside_word {
                    let body = &code[i + 1..end];
                    let mut escaped = false;
                    let close = body.char_indices().find(|&(_, d)| {
                        let found = d == c && !escaped;
                        escaped = d == '\\' && !escaped;
                        found
                    });
                    match close {
                        Some((at, _)) => {
                            let stop = i + 1 + at + 1;
                            tokens.push(CodeToken {
                                kind: CodeTokenKind::String,
                                range: i..stop,
                            });
                            i = stop;
                            continue;
                        }
                        None => unclosed[q] = true,
                    }
                }
            }
            if is_word_char(c) {
                let len = rest
                    .char_indices()
                    .find(|&(_, d)| !is_word_char(d))
                    .map_or(rest.len(), |(at, _)| at);
                tokens.push(CodeToken {
                    kind: CodeTokenKind::Word,
                    range: i..i + len,
                });
                i += len;
            } else {
                tokens.push(CodeToken {
                    kind: CodeTokenKind::Punct,
                    range: i..i + c.len_utf8(),
                });
                i += c.len_utf8();
            }
        }
        line_start = end;
    }
    if let Some((start, _)) = in_block_comment {
        tokens.push(CodeToken {
            kind: CodeTokenKind::Comment,
            range: start..code.len(),
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(code: &str) -> Vec<(CodeTokenKind, &str)> {
        code_tokens(code)
            .iter()
            .map(|t| (t.kind, t.text(code)))
            .collect()
    }

    #[test]
    fn comments_strings_and_placeholders_are_told_apart() {
        use CodeTokenKind::*;
        assert_eq!(
            listed("tar -xf {{archive.tar}} # extract\necho \"hi there\" don't\n/* a\nb */ x"),
            [
                (Word, "tar"),
                (Word, "-xf"),
                (Placeholder, "{{archive.tar}}"),
                (Comment, "# extract"),
                (Word, "echo"),
                (String, "\"hi there\""),
                (Word, "don"),
                (Punct, "'"),
                (Word, "t"),
                (Comment, "/* a\nb */"),
                (Word, "x"),
            ]
        );
        assert_eq!(
            listed("a#b https://x.org/y"),
            [
                (Word, "a"),
                (Punct, "#"),
                (Word, "b"),
                (Word, "https://x.org/y")
            ]
        );
    }

    #[test]
    fn many_unclosed_quotes_cost_one_scan() {
        let code = "\"".repeat(100_001);
        let tokens = code_tokens(&code);
        assert_eq!(tokens.len(), 50_001);
    }
}
