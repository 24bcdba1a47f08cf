//! MDX's JavaScript side: JSX tags and `{expressions}` among the Markdown, and `import` /
//! `export` statements at the top level. loclint never reads them as prose, so only their extent
//! matters: a scanner that follows quotes, comments and bracket depth is enough to find it.

use std::ops::Range;

/// Quotes, comments and bracket depth of JavaScript text, fed one character at a time so that
/// the state can carry over from one Markdown text event to the next.
#[derive(Debug, Clone, Copy, Default)]
struct JsLexer {
    depth: usize,
    quote: Option<char>,
    comment: Option<JsComment>,
    escaped: bool,
    previous: Option<char>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsComment {
    Line,
    Block,
}

impl JsLexer {
    /// Outside strings, comments and brackets.
    fn at_rest(&self) -> bool {
        self.depth == 0 && self.quote.is_none() && self.comment.is_none()
    }

    /// `comments_at_top`: whether `//` and `/*` start comments outside brackets too (they do in
    /// JavaScript statements, not among a JSX tag's attributes).
    fn feed(&mut self, c: char, comments_at_top: bool) {
        let previous = self.previous.replace(c);
        if let Some(comment) = self.comment {
            let ends = match comment {
                JsComment::Line => c == '\n',
                JsComment::Block => previous == Some('*') && c == '/',
            };
            if ends {
                self.comment = None;
                self.previous = None;
            }
            return;
        }
        if let Some(quote) = self.quote {
            if self.escaped {
                self.escaped = false;
            } else if c == '\\' {
                self.escaped = true;
            } else if c == quote || (c == '\n' && quote != '`') {
                // A newline ends a stray apostrophe too, so that one typo cannot mask a page.
                self.quote = None;
            }
            return;
        }
        if previous == Some('/') && (self.depth > 0 || comments_at_top) {
            match c {
                '*' => {
                    self.comment = Some(JsComment::Block);
                    // So that the `*` of `/*` cannot also close the comment as `*/`.
                    self.previous = None;
                    return;
                }
                '/' => {
                    self.comment = Some(JsComment::Line);
                    return;
                }
                _ => {}
            }
        }
        match c {
            '"' | '\'' | '`' => self.quote = Some(c),
            '{' | '(' | '[' => self.depth += 1,
            '}' | ')' | ']' => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum State {
    #[default]
    Prose,
    Tag,
    Expression,
    HtmlComment {
        dashes: u8,
    },
}

/// Splits MDX text into prose and markup (JSX tags, `{expressions}`, HTML comments). The state
/// carries over between calls, so a tag that Markdown cut into several text events (at `[` or
/// `*`, say) is still masked whole.
#[derive(Debug, Default)]
pub(super) struct JsxScanner {
    state: State,
    lexer: JsLexer,
}

impl JsxScanner {
    /// Inside a tag, an expression or a comment that has not closed yet.
    pub(super) fn is_inside(&self) -> bool {
        self.state != State::Prose
    }

    /// The parts of `file[range]`, each `(is_markup, range)`, in order. `file` after `range` is
    /// looked at only to tell whether a `<` at the very end opens a tag.
    pub(super) fn split(&mut self, file: &str, range: Range<usize>) -> Vec<(bool, Range<usize>)> {
        let mut parts = Vec::new();
        let Some(text) = file.get(range.clone()) else {
            return parts;
        };
        let mut part_start = range.start;
        for (i, c) in text.char_indices() {
            let at = range.start + i;
            let end = at + c.len_utf8();
            if self.state == State::Prose {
                let escaped = i == 0 && is_escaped(file, at);
                if let Some(state) = self.opening(file, at, c).filter(|_| !escaped) {
                    push_part(&mut parts, false, part_start..at);
                    part_start = at;
                    self.state = state;
                    self.lexer = JsLexer::default();
                    if state == State::Expression {
                        self.lexer.feed(c, true);
                    }
                }
                continue;
            }
            if self.closes_with(c) {
                push_part(&mut parts, true, part_start..end);
                part_start = end;
                self.state = State::Prose;
            }
        }
        push_part(&mut parts, self.is_inside(), part_start..range.end);
        parts
    }

    /// The state that `c` at `at` opens, if it opens markup.
    fn opening(&self, file: &str, at: usize, c: char) -> Option<State> {
        match c {
            '{' => Some(State::Expression),
            '<' => {
                let rest = &file[at + 1..];
                if rest.starts_with("!--") {
                    return Some(State::HtmlComment { dashes: 0 });
                }
                let next = rest.chars().next()?;
                (next.is_ascii_alphabetic() || matches!(next, '/' | '>' | '!'))
                    .then_some(State::Tag)
            }
            _ => None,
        }
    }

    /// Feeds one character of markup; true when it closes the markup.
    fn closes_with(&mut self, c: char) -> bool {
        match &mut self.state {
            State::Prose => false,
            State::Tag => {
                if c == '>' && self.lexer.at_rest() {
                    return true;
                }
                self.lexer.feed(c, false);
                false
            }
            State::Expression => {
                self.lexer.feed(c, true);
                self.lexer.at_rest()
            }
            State::HtmlComment { dashes } => {
                // Counting from the `!` of `<!--`: the two opening dashes do not count.
                let closes = c == '>' && *dashes >= 2;
                *dashes = if c == '-' {
                    dashes.saturating_add(1)
                } else {
                    0
                };
                closes
            }
        }
    }
}

fn push_part(parts: &mut Vec<(bool, Range<usize>)>, markup: bool, range: Range<usize>) {
    if !range.is_empty() {
        parts.push((markup, range));
    }
}

/// Whether the character at `at` follows an odd number of backslashes (Markdown escaped it, so
/// it opens nothing).
fn is_escaped(file: &str, at: usize) -> bool {
    let backslashes = file[..at].bytes().rev().take_while(|&b| b == b'\\').count();
    backslashes % 2 == 1
}

/// What a stretch of an HTML block in MDX holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stretch {
    /// Lines of JSX tags and expressions only.
    Markup,
    /// Lines with text, from their first character of text: Markdown to parse again.
    Prose,
}

/// Cuts an HTML block of an MDX file into markup and prose stretches. Markdown sees
/// `<Note>\nSome text\n</Note>` as one HTML block; MDX sees a component wrapping a paragraph.
/// Lines that hold text outside tags are grouped into prose stretches, everything else into
/// markup stretches (blank stretches left out).
pub(super) fn layout(file: &str, range: Range<usize>) -> Vec<(Stretch, Range<usize>)> {
    let parts = JsxScanner::default().split(file, range.clone());
    let mut stretches = Vec::new();
    let mut markup_start = range.start;
    let mut prose: Option<Range<usize>> = None;
    let mut line_prose: Option<usize> = None;
    let mut part = 0;
    let text = &file[range.clone()];
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\n')))
    {
        let at = range.start + i;
        if c == '\n' {
            match (line_prose.take(), prose.as_mut()) {
                (Some(first), None) => {
                    push_stretch(file, &mut stretches, Stretch::Markup, markup_start..first);
                    prose = Some(first..at);
                }
                (Some(_), Some(group)) => group.end = at,
                (None, Some(_)) => {
                    if let Some(group) = prose.take() {
                        markup_start = group.end;
                        push_stretch(file, &mut stretches, Stretch::Prose, group);
                    }
                }
                (None, None) => {}
            }
            continue;
        }
        while parts.get(part).is_some_and(|(_, r)| r.end <= at) {
            part += 1;
        }
        let in_prose = parts.get(part).is_some_and(|(markup, _)| !markup);
        if in_prose && !c.is_whitespace() && line_prose.is_none() {
            line_prose = Some(at);
        }
    }
    match prose {
        Some(group) => push_stretch(file, &mut stretches, Stretch::Prose, group),
        None => push_stretch(
            file,
            &mut stretches,
            Stretch::Markup,
            markup_start..range.end,
        ),
    }
    stretches
}

/// Adds a stretch trimmed of surrounding whitespace, unless nothing is left.
fn push_stretch(
    file: &str,
    stretches: &mut Vec<(Stretch, Range<usize>)>,
    stretch: Stretch,
    range: Range<usize>,
) {
    let Some(text) = file.get(range.clone()) else {
        return;
    };
    let start = range.start + (text.len() - text.trim_start().len());
    let end = range.start + text.trim_end().len();
    if start < end {
        stretches.push((stretch, start..end));
    }
}

/// Whether text that starts a top-level paragraph is an ESM `import` or `export` statement.
pub(super) fn starts_esm(text: &str) -> bool {
    ["import", "export"].iter().any(|keyword| {
        text.strip_prefix(keyword)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c.is_whitespace() || c == '{' || c == '*')
    })
}

/// Where the ESM statements that start at `range.start` end: at the first blank line outside
/// brackets, strings and comments (an object literal may hold blank lines), or at `range.end`.
pub(super) fn esm_end(file: &str, range: Range<usize>) -> usize {
    let Some(text) = file.get(range.clone()) else {
        return range.end;
    };
    let mut lexer = JsLexer::default();
    let mut offset = range.start;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() && lexer.at_rest() {
            return offset;
        }
        for c in line.chars() {
            lexer.feed(c, true);
        }
        offset += line.len();
    }
    range.end
}

/// `text` with each JSX comment (`{/* ... */}`) outside fenced code replaced by spaces, line
/// breaks kept: every offset stays where it was.
pub(super) fn blank_comments(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("{/*") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut fence: Option<&str> = None;
    let mut offset = 0;
    let mut open_comment: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        let in_code = match (fence, marker) {
            (None, Some(m)) if open_comment.is_none() => {
                fence = Some(m);
                true
            }
            (Some(open), Some(m)) if open == m => {
                fence = None;
                true
            }
            (Some(_), _) => true,
            _ => false,
        };
        if !in_code {
            let mut i = 0;
            while i < line.len() {
                match open_comment {
                    None => match line[i..].find("{/*") {
                        Some(start) => {
                            open_comment = Some(offset + i + start);
                            i += start + 3;
                        }
                        None => break,
                    },
                    Some(start) => match line[i..].find("*/") {
                        Some(end) => {
                            let after = &line[i + end + 2..];
                            let close = after.len() - after.trim_start_matches([' ', '\t']).len();
                            if after[close..].starts_with('}') {
                                let stop = offset + i + end + 2 + close + 1;
                                for b in &mut bytes[start..stop] {
                                    if *b != b'\n' {
                                        *b = b' ';
                                    }
                                }
                                open_comment = None;
                                i += end + 2 + close + 1;
                            } else {
                                i += end + 2;
                            }
                        }
                        None => break,
                    },
                }
            }
        }
        offset += line.len();
    }
    // A comment begins with `{` and ends with `}`: its bytes, replaced whole, leave UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
}

/// Text made only of HTML comments and JSX comments (`{/* ... */}`), which no reader sees.
pub(super) fn is_comment_only(text: &str) -> bool {
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let (opening, closing) = if rest.starts_with("<!--") {
            ("<!--", "-->")
        } else if rest.starts_with("{/*") {
            ("{/*", "*/}")
        } else {
            return false;
        };
        match rest[opening.len()..].find(closing) {
            Some(end) => rest = rest[opening.len() + end + closing.len()..].trim_start(),
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markup(text: &str) -> Vec<&str> {
        JsxScanner::default()
            .split(text, 0..text.len())
            .into_iter()
            .filter(|(markup, _)| *markup)
            .map(|(_, r)| &text[r])
            .collect()
    }

    #[test]
    fn tags_and_expressions_are_markup() {
        assert_eq!(
            markup(r#"Use <Badge items={["a", "b"]} /> and {x * y} with a < b."#),
            vec![r#"<Badge items={["a", "b"]} />"#, "{x * y}"]
        );
        assert_eq!(
            markup("<>frag</> {/* it's */}"),
            vec!["<>", "</>", "{/* it's */}"]
        );
    }

    #[test]
    fn state_carries_over_between_pieces() {
        let text = "before <Tab value={[1]}> after";
        let mut scanner = JsxScanner::default();
        let first = scanner.split(text, 0..16);
        assert!(scanner.is_inside());
        let second = scanner.split(text, 16..text.len());
        assert_eq!(first, vec![(false, 0..7), (true, 7..16)]);
        assert_eq!(second, vec![(true, 16..24), (false, 24..30)]);
    }

    #[test]
    fn escaped_brace_is_prose() {
        let text = r"a \{b}";
        let mut scanner = JsxScanner::default();
        assert_eq!(scanner.split(text, 3..6), vec![(false, 3..6)]);
    }

    #[test]
    fn layout_separates_wrapper_lines_from_text() {
        let text = "<Tabs>\n  <Tab value=\"x\">\n    Some **text**\n    more.\n  </Tab>\n</Tabs>\n";
        let stretches: Vec<(Stretch, &str)> = layout(text, 0..text.len())
            .into_iter()
            .map(|(s, r)| (s, &text[r]))
            .collect();
        assert_eq!(
            stretches,
            vec![
                (Stretch::Markup, "<Tabs>\n  <Tab value=\"x\">"),
                (Stretch::Prose, "Some **text**\n    more."),
                (Stretch::Markup, "</Tab>\n</Tabs>"),
            ]
        );
    }

    #[test]
    fn esm_runs_to_a_blank_line_outside_brackets() {
        let text = "export const meta = {\n  a: 1,\n\n  b: 'x',\n}\n\nProse.\n";
        assert_eq!(
            &text[..esm_end(text, 0..text.len())],
            "export const meta = {\n  a: 1,\n\n  b: 'x',\n}\n"
        );
        assert!(starts_esm("import X from 'y'"));
        assert!(starts_esm("export{a}"));
        assert!(!starts_esm("important news"));
    }

    #[test]
    fn comments_are_blanked_outside_code() {
        let text = "{/* a */}\nText.\n{/* b\nc */}\n```jsx\n{/* kept */}\n```\n";
        let blanked = blank_comments(text);
        assert_eq!(blanked.len(), text.len());
        assert_eq!(
            blanked,
            "         \nText.\n     \n     \n```jsx\n{/* kept */}\n```\n"
        );
        assert_eq!(blank_comments("no comment {x}"), "no comment {x}");
    }

    #[test]
    fn comments_only() {
        assert!(is_comment_only(" <!-- a --> {/* b */}\n"));
        assert!(!is_comment_only("<!-- a --> text"));
        assert!(!is_comment_only("<!-- open"));
    }
}
