//! Front matter: the YAML (`---`) or TOML (`+++`) block at the top of a Markdown file.
//!
//! Only top-level string fields whose value is prose become blocks ([`BlockKind::FrontMatter`],
//! keyed by the lower-cased field name): see [`PROSE_KEYS`]. The other fields (dates, slugs,
//! tags, layouts, URLs, weights, flags) are left out rather than masked: translations localise
//! slugs and URLs, reformat dates and add or drop fields of their own, so those fields would
//! only make `structure-mismatch` report missing and extra fields, and since front-matter
//! blocks are aligned by key, their anchors would pin nothing that the key does not.
//!
//! YAML is read line by line, enough for front matter: top-level `key: value` scalars, plain,
//! single- or double-quoted (over several lines too), and block scalars (`|`, `>`), whose lines
//! are joined into one field. Nested mappings, sequences, flow collections, anchors, aliases
//! and tags are skipped. TOML goes through the `toml` crate, which gives each value's span.

use std::ops::Range;

use pulldown_cmark::MetadataBlockKind;
use toml::de::{DeTable, DeValue};

use super::push_space;
use crate::document::{Block, BlockBuilder, BlockKind, FrontMatterField};

/// Front-matter keys whose values readers see as text (compared in lower case, `-` read as
/// `_`): titles, descriptions and summaries, and their SEO and social-card variants.
pub const PROSE_KEYS: &[&str] = &[
    "title",
    "subtitle",
    "description",
    "summary",
    "excerpt",
    "abstract",
    "lead",
    "tagline",
    "caption",
    "alt",
    "linktitle",
    "sidebar_label",
    "seo_title",
    "seo_description",
    "meta_title",
    "meta_description",
    "og_title",
    "og_description",
    "twitter_title",
    "twitter_description",
];

/// The blocks of the prose fields of a front-matter block whose body (between the delimiter
/// lines) is `file[body]`, in file order.
pub(super) fn fields(
    file: &str,
    body: Range<usize>,
    kind: MetadataBlockKind,
    more_keys: &[String],
) -> Vec<Block> {
    let scalars = match kind {
        MetadataBlockKind::YamlStyle => yaml_scalars(file, body),
        MetadataBlockKind::PlusesStyle => toml_scalars(file, body),
    };
    scalars
        .into_iter()
        .filter_map(|field| {
            let key = prose_key(&field.key, more_keys)?;
            let mut builder = BlockBuilder::new(BlockKind::FrontMatter, field.range.clone());
            builder.set_key(key);
            push_value(&mut builder, file, &field.value);
            builder.mask_backtick_spans();
            (!builder.is_empty()).then(|| builder.finish())
        })
        .collect()
}

/// Every top-level field of the front matter whose body is `file[body]`, in file order: scalar
/// values decoded, flow collections as written, nested mappings and block lists without a value.
pub(super) fn all_fields(
    file: &str,
    body: Range<usize>,
    kind: MetadataBlockKind,
) -> Vec<FrontMatterField> {
    match kind {
        MetadataBlockKind::YamlStyle => yaml_fields(file, body),
        MetadataBlockKind::PlusesStyle => toml_fields(file, body),
    }
}

/// A scalar field's value as a string, and where it stands.
fn decoded(file: &str, field: &Field) -> (String, Range<usize>) {
    let mut builder = BlockBuilder::new(BlockKind::FrontMatter, field.range.clone());
    push_value(&mut builder, file, &field.value);
    let range = match &field.value {
        Value::Lines(lines) => match (lines.first(), lines.last()) {
            (Some(first), Some(last)) => first.start..last.end,
            _ => field.range.end..field.range.end,
        },
        Value::Quoted(inside, _) => inside.clone(),
    };
    (builder.text().trim().to_string(), range)
}

fn yaml_fields(file: &str, body: Range<usize>) -> Vec<FrontMatterField> {
    let lines = lines(file, body);
    let reader = YamlReader {
        file,
        lines: &lines,
    };
    let mut fields = Vec::new();
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n].clone();
        let Some((key, after_colon)) = top_level_key(&file[line.clone()]) else {
            n += 1;
            continue;
        };
        let key_range = line.start..line.start + after_colon;
        let (value, next) = reader.value(n, line.start + after_colon);
        let field = match value {
            Some((value, end)) => {
                let field = Field {
                    key: key.clone(),
                    range: line.start..end,
                    value,
                };
                let (text, value_range) = decoded(file, &field);
                FrontMatterField {
                    key,
                    range: field.range,
                    value: Some(text),
                    value_range,
                }
            }
            None => {
                // A flow collection on the key's line (`tags: [a, b]`) is kept as written.
                let rest = without_comment(file, line.start + after_colon..line.end);
                let written = file[rest.clone()].trim();
                let value_range = rest.end - written.len()..rest.end;
                FrontMatterField {
                    key,
                    range: line.clone(),
                    value: (!written.is_empty()).then(|| written.to_string()),
                    value_range: if written.is_empty() {
                        key_range
                    } else {
                        value_range
                    },
                }
            }
        };
        fields.push(field);
        n = next.max(n + 1);
    }
    fields
}

fn toml_fields(file: &str, body: Range<usize>) -> Vec<FrontMatterField> {
    let source = &file[body.clone()];
    let (table, _errors) = DeTable::parse_recoverable(source);
    let mut fields: Vec<FrontMatterField> = table
        .get_ref()
        .iter()
        .filter_map(|(key, value)| {
            let key_start = body.start + key.span().start;
            let raw = value.span();
            let raw = body.start + raw.start..body.start + raw.end;
            file.get(key_start..raw.end)?;
            let (text, value_range) = match value.get_ref() {
                DeValue::String(_) => {
                    let (inside, quoting) = toml_string_inside(file, raw.clone())?;
                    let field = Field {
                        key: key.get_ref().to_string(),
                        range: key_start..raw.end,
                        value: match quoting {
                            Quoting::Literal => Value::Lines(literal_lines(file, inside)),
                            _ => Value::Quoted(inside, quoting),
                        },
                    };
                    let (text, range) = decoded(file, &field);
                    (Some(text), range)
                }
                DeValue::Table(_) => (None, key_start..key_start + key.get_ref().len()),
                _ => (Some(file[raw.clone()].trim().to_string()), raw.clone()),
            };
            Some(FrontMatterField {
                key: key.get_ref().to_string(),
                range: key_start..raw.end,
                value: text,
                value_range,
            })
        })
        .collect();
    fields.sort_by_key(|field| field.range.start);
    fields
}

/// The key as blocks carry it, if its value is prose.
fn prose_key(key: &str, more_keys: &[String]) -> Option<String> {
    let key = key.trim().to_lowercase().replace('-', "_");
    (PROSE_KEYS.contains(&key.as_str()) || more_keys.contains(&key)).then_some(key)
}

/// A top-level scalar field.
#[derive(Debug)]
struct Field {
    key: String,
    /// From the key to the end of the value, closing quote included.
    range: Range<usize>,
    value: Value,
}

/// Where a field's value stands in the file, and how to read it.
#[derive(Debug)]
enum Value {
    /// Lines taken as they are, joined with spaces (plain and block scalars, TOML literal
    /// strings).
    Lines(Vec<Range<usize>>),
    /// The inside of a quoted string, with its escapes and line folding.
    Quoted(Range<usize>, Quoting),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    /// `"..."` in YAML, `"..."` and `"""..."""` in TOML: backslash escapes.
    Double,
    /// `'...'` in YAML: `''` is a quote.
    Single,
    /// `'...'` and `'''...'''` in TOML: no escapes at all.
    Literal,
}

/// Pushes a value's text, folding line breaks (and the indentation around them) into spaces.
fn push_value(builder: &mut BlockBuilder, file: &str, value: &Value) {
    match value {
        Value::Lines(lines) => {
            let mut previous_end = None;
            for line in lines {
                if let Some(end) = previous_end {
                    push_space(builder, file, end);
                }
                builder.push_text(&file[line.clone()], line.clone());
                previous_end = Some(line.end);
            }
        }
        Value::Quoted(inside, quoting) => push_quoted(builder, file, inside.clone(), *quoting),
    }
}

fn push_quoted(builder: &mut BlockBuilder, file: &str, inside: Range<usize>, quoting: Quoting) {
    let text = &file[inside.clone()];
    let mut run = 0;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        match c {
            '\r' | '\n' => {
                let line = text[run..i].trim_end();
                builder.push_text(line, inside.start + run..inside.start + run + line.len());
                push_space(builder, file, inside.start + i);
                i = skip_whitespace(text, i);
                run = i;
            }
            '\\' if quoting == Quoting::Double => {
                builder.push_text(&text[run..i], inside.start + run..inside.start + i);
                let (decoded, len) = escape(&text[i..]);
                let escape_range = inside.start + i..inside.start + i + len;
                match decoded {
                    Escape::Char(c) => builder.push_text(c.encode_utf8(&mut [0; 4]), escape_range),
                    Escape::LineJoin => {}
                    Escape::Raw => builder.push_text(&text[i..i + len], escape_range),
                }
                i += len;
                if decoded == Escape::LineJoin {
                    i = skip_whitespace(text, i);
                }
                run = i;
            }
            '\'' if quoting == Quoting::Single && text[i + 1..].starts_with('\'') => {
                builder.push_text(&text[run..i], inside.start + run..inside.start + i);
                builder.push_text("'", inside.start + i..inside.start + i + 2);
                i += 2;
                run = i;
            }
            _ => i += c.len_utf8(),
        }
    }
    builder.push_text(&text[run..], inside.start + run..inside.end);
}

fn skip_whitespace(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    from + (rest.len() - rest.trim_start().len())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Escape {
    Char(char),
    /// A backslash before a line break joins the lines.
    LineJoin,
    /// Not an escape loclint knows: kept as written.
    Raw,
}

/// Decodes the backslash escape at the start of `text` (YAML double-quoted and TOML basic
/// strings share most of them) and tells how many bytes it takes.
fn escape(text: &str) -> (Escape, usize) {
    let mut chars = text.chars();
    chars.next();
    let Some(c) = chars.next() else {
        return (Escape::Raw, text.len());
    };
    let simple = |decoded: char| (Escape::Char(decoded), 1 + c.len_utf8());
    match c {
        '\r' | '\n' => (Escape::LineJoin, 1 + c.len_utf8()),
        'n' | 't' | 'r' | 'N' | 'L' | 'P' | ' ' | '\t' => simple(' '),
        '_' => simple('\u{a0}'),
        '"' | '\\' | '/' | '\'' => simple(c),
        'x' => hex_escape(text, 2),
        'u' => hex_escape(text, 4),
        'U' => hex_escape(text, 8),
        _ => (Escape::Raw, 1 + c.len_utf8()),
    }
}

fn hex_escape(text: &str, digits: usize) -> (Escape, usize) {
    let decoded = text
        .get(2..2 + digits)
        .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
        .and_then(char::from_u32);
    match decoded {
        Some(c) => (Escape::Char(c), 2 + digits),
        None => (Escape::Raw, 2),
    }
}

// ---------------------------------------------------------------------------------------------
// YAML

/// The lines of `file[body]`, without their line breaks.
fn lines(file: &str, body: Range<usize>) -> Vec<Range<usize>> {
    let mut offset = body.start;
    file[body]
        .split_inclusive('\n')
        .map(|raw| {
            let start = offset;
            offset += raw.len();
            start..start + raw.trim_end_matches(['\n', '\r']).len()
        })
        .collect()
}

fn yaml_scalars(file: &str, body: Range<usize>) -> Vec<Field> {
    let lines = lines(file, body);
    let mut fields = Vec::new();
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n].clone();
        let Some((key, after_colon)) = top_level_key(&file[line.clone()]) else {
            n += 1;
            continue;
        };
        let reader = YamlReader {
            file,
            lines: &lines,
        };
        let (value, next) = reader.value(n, line.start + after_colon);
        if let Some((value, end)) = value {
            fields.push(Field {
                key,
                range: line.start..end,
                value,
            });
        }
        n = next.max(n + 1);
    }
    fields
}

/// A `key:` at the start of a line, and the offset just after its colon.
fn top_level_key(line: &str) -> Option<(String, usize)> {
    let first = line.chars().next()?;
    if first.is_whitespace() || "#-?[]{},&*!|>%@`".contains(first) {
        return None;
    }
    let (key, rest_at) = if first == '"' || first == '\'' {
        let close = line[1..].find(first)? + 1;
        (line[1..close].to_string(), close + 1)
    } else {
        let colon = line
            .match_indices(':')
            .map(|(i, _)| i)
            .find(|&i| line[i + 1..].chars().next().is_none_or(char::is_whitespace))?;
        (line[..colon].trim_end().to_string(), colon)
    };
    let after = line[rest_at..].strip_prefix(':')?;
    if !after.chars().next().is_none_or(char::is_whitespace) {
        return None;
    }
    Some((key, rest_at + 1))
}

struct YamlReader<'a> {
    file: &'a str,
    lines: &'a [Range<usize>],
}

impl YamlReader<'_> {
    /// The value of the key on line `n`, which starts after the colon at `from`, with the end
    /// of the field; and the line after the field.
    fn value(&self, n: usize, from: usize) -> (Option<(Value, usize)>, usize) {
        let on_line = self.file[from..self.lines[n].end].trim_start();
        let start = self.lines[n].end - on_line.len();
        if on_line.is_empty() || on_line.starts_with('#') {
            return self.value_below(n);
        }
        match on_line.chars().next() {
            Some('"') => self.quoted(n, start, Quoting::Double),
            Some('\'') => self.quoted(n, start, Quoting::Single),
            Some('|' | '>') if is_block_scalar_header(on_line) => self.block_scalar(n),
            Some('[' | '{' | '&' | '*' | '!' | '%' | '@' | '`') => (None, self.after_indented(n)),
            _ => self.plain(n, start),
        }
    }

    /// A value that starts on the next lines: a plain or quoted scalar, or (skipped) a nested
    /// mapping or sequence.
    fn value_below(&self, n: usize) -> (Option<(Value, usize)>, usize) {
        let Some(next) = (n + 1..self.lines.len()).find(|&k| !self.is_blank(k)) else {
            return (None, self.lines.len());
        };
        if !self.is_indented(next) {
            return (None, next);
        }
        let line = &self.file[self.lines[next].clone()];
        let content = line.trim_start();
        let start = self.lines[next].end - content.len();
        let is_sequence =
            content.starts_with('-') && content[1..].chars().next().is_none_or(char::is_whitespace);
        if is_sequence || top_level_key(content).is_some() {
            return (None, self.after_indented(n));
        }
        match content.chars().next() {
            Some('"') => self.quoted(next, start, Quoting::Double),
            Some('\'') => self.quoted(next, start, Quoting::Single),
            Some('[' | '{' | '&' | '*' | '!' | '%' | '@' | '`') => (None, self.after_indented(n)),
            _ => self.plain(next, start),
        }
    }

    /// A quoted scalar opening at `open`, which may run over several lines.
    fn quoted(&self, n: usize, open: usize, quoting: Quoting) -> (Option<(Value, usize)>, usize) {
        let body_end = self.lines.last().map_or(open, |l| l.end);
        let text = &self.file[open + 1..body_end];
        let mut chars = text.char_indices();
        let close = loop {
            let Some((i, c)) = chars.next() else {
                return (None, n + 1);
            };
            match (quoting, c) {
                (Quoting::Double, '\\') => {
                    chars.next();
                }
                (Quoting::Double, '"') => break i,
                (Quoting::Single, '\'') if text[i + 1..].starts_with('\'') => {
                    chars.next();
                }
                (Quoting::Single, '\'') => break i,
                _ => {}
            }
        };
        let inside = open + 1..open + 1 + close;
        let end = inside.end + 1;
        let next = self.lines.partition_point(|l| l.start <= inside.end);
        (Some((Value::Quoted(inside, quoting), end)), next)
    }

    /// A plain scalar from `start` on line `n`, continued on more indented lines.
    fn plain(&self, n: usize, start: usize) -> (Option<(Value, usize)>, usize) {
        let first = without_comment(self.file, start..self.lines[n].end);
        let mut parts = vec![first];
        let mut next = n + 1;
        while next < self.lines.len() && (self.is_blank(next) || self.is_indented(next)) {
            let line = self.lines[next].clone();
            let content = self.file[line.clone()].trim_start();
            if content.starts_with('#') {
                break;
            }
            parts.push(without_comment(
                self.file,
                line.end - content.len()..line.end,
            ));
            next += 1;
        }
        self.lines_value(parts, next)
    }

    /// A `|` or `>` block scalar: the more indented lines after line `n`.
    fn block_scalar(&self, n: usize) -> (Option<(Value, usize)>, usize) {
        let next = self.after_indented(n);
        let parts = self.lines[n + 1..next]
            .iter()
            .map(|line| {
                let text = &self.file[line.clone()];
                line.end - text.trim_start().len()..line.start + text.trim_end().len()
            })
            .collect();
        self.lines_value(parts, next)
    }

    fn lines_value(
        &self,
        parts: Vec<Range<usize>>,
        next: usize,
    ) -> (Option<(Value, usize)>, usize) {
        let parts: Vec<Range<usize>> = parts.into_iter().filter(|p| p.start < p.end).collect();
        let value = parts
            .last()
            .map(|last| last.end)
            .map(|end| (Value::Lines(parts), end));
        (value, next)
    }

    /// The first line after line `n` that is neither blank nor indented.
    fn after_indented(&self, n: usize) -> usize {
        (n + 1..self.lines.len())
            .find(|&k| !self.is_blank(k) && !self.is_indented(k))
            .unwrap_or(self.lines.len())
    }

    fn is_blank(&self, n: usize) -> bool {
        self.file[self.lines[n].clone()].trim().is_empty()
    }

    fn is_indented(&self, n: usize) -> bool {
        self.file[self.lines[n].clone()].starts_with([' ', '\t'])
    }
}

/// `|`, `>`, with an optional chomping indicator and indentation digit, and maybe a comment.
fn is_block_scalar_header(text: &str) -> bool {
    let indicators =
        text[1..].trim_start_matches(['+', '-', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    let rest = indicators.trim_start();
    rest.is_empty() || (rest.starts_with('#') && rest.len() < indicators.len())
}

/// `range` cut before a ` #` comment and trimmed at the end.
fn without_comment(file: &str, range: Range<usize>) -> Range<usize> {
    let text = &file[range.clone()];
    let cut = text
        .match_indices('#')
        .map(|(i, _)| i)
        .find(|&i| text[..i].ends_with([' ', '\t']))
        .unwrap_or(text.len());
    range.start..range.start + text[..cut].trim_end().len()
}

// ---------------------------------------------------------------------------------------------
// TOML

fn toml_scalars(file: &str, body: Range<usize>) -> Vec<Field> {
    let source = &file[body.clone()];
    // A best-effort parse: one malformed line should not hide the title above it.
    let (table, _errors) = DeTable::parse_recoverable(source);
    let mut fields: Vec<Field> = table
        .get_ref()
        .iter()
        .filter_map(|(key, value)| {
            let DeValue::String(_) = value.get_ref() else {
                return None;
            };
            let key_start = body.start + key.span().start;
            let raw = value.span();
            let raw = body.start + raw.start..body.start + raw.end;
            let (inside, quoting) = toml_string_inside(file, raw.clone())?;
            file.get(key_start..raw.end)?;
            Some(Field {
                key: key.get_ref().to_string(),
                range: key_start..raw.end,
                value: match quoting {
                    Quoting::Literal => Value::Lines(literal_lines(file, inside)),
                    _ => Value::Quoted(inside, quoting),
                },
            })
        })
        .collect();
    fields.sort_by_key(|field| field.range.start);
    fields
}

/// The inside of a TOML string written at `file[raw]`, without its delimiters.
fn toml_string_inside(file: &str, raw: Range<usize>) -> Option<(Range<usize>, Quoting)> {
    let text = file.get(raw.clone())?;
    let delimiters = [
        ("\"\"\"", Quoting::Double),
        ("'''", Quoting::Literal),
        ("\"", Quoting::Double),
        ("'", Quoting::Literal),
    ];
    let (delimiter, quoting) = delimiters
        .into_iter()
        .find(|(d, _)| text.len() >= 2 * d.len() && text.starts_with(d) && text.ends_with(d))?;
    let inside = raw.start + delimiter.len()..raw.end - delimiter.len();
    file.get(inside.clone())?;
    Some((inside, quoting))
}

/// A literal string's lines, trimmed, as a [`Value::Lines`].
fn literal_lines(file: &str, inside: Range<usize>) -> Vec<Range<usize>> {
    lines(file, inside)
        .into_iter()
        .map(|line| {
            let text = &file[line.clone()];
            line.end - text.trim_start().len()..line.start + text.trim_end().len()
        })
        .filter(|line| line.start < line.end)
        .collect()
}
