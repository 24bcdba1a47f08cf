use std::ops::Range;

use crate::document::{chunk_around, is_code_like, Block, BlockKind, Format};
use crate::evidence::Habit;
use crate::finding::{Finding, Severity};
use crate::locale::LocaleData;

use super::marks::{
    self, describe, is_cjk, is_closing_bracket, is_native_letter, is_opening_bracket, is_quote,
};
use super::{Context, Rule, RuleInfo};

pub struct Spacing;

static INFO: RuleInfo = RuleInfo {
    id: "spacing",
    default_severity: Severity::Warning,
    summary: "Doubled, missing or misplaced spaces around punctuation, and trailing spaces",
    needs_source: false,
    docs: r#"## What it finds

- two or more spaces in a row inside prose;
- a space before `,` `.` `)` `]` `;` `:` `!` `?` (and `،` `؛` `؟` `।` `۔`, and CJK full-width
  marks), except where the language puts one: French before `;` `:` `!` `?` `»`;
- no space after a comma or a sentence mark before the next word (`word,next`, `end.Next`,
  `है।अब`, `합니다.수석`);
- no space between a word and an opening bracket: `उत्पाद(उप` (Korean, which attaches
  brackets to the word, excepted);
- spaces or tabs at the end of a line.

Left alone: numbers (`1,000`, `3.5`), initials and names (`e.g.`, `Node.js`), code, URLs and
file names, CJK text (which puts no spaces between words or after its full-width marks),
brackets that belong to the word (`product(s)`, `f(x)`, `[1]`, `call()`) or follow a one-letter
prefix (Arabic `و(SaaS)`), and in Markdown the two trailing spaces of a hard line break. Also
left alone: spacing the source has too, after the same word (a formula, `( 1 - e )`), and a full
stop named between spaces in a sentence that goes on (`split on . and -`).

## Why it matters

Doubled and missing spaces are the commonest trace of a careless edit or of text stitched from
machine-translated segments. A word glued to a bracket is also a word a spell checker, a search
or a hyphenation dictionary no longer finds.

## Example

```text
hi.txt:6:123  warning  no space before `(` (U+0028)
  उनका मार्केटिंग, उनका उत्पाद(उपProducts), बिक्री का अनुभव
                         ^ insert a space before `(`
```

## How to fix

Apply the one-line fix: delete or insert the space the finding points at.
"#,
};

/// Marks that take no space before them (unless the language's `space-before` says so).
const NO_SPACE_BEFORE: &[char] = &[
    ',', '.', ')', ']', ';', ':', '!', '?', '،', '؛', '؟', '।', '۔', '。', '，', '、', '！', '？',
    '：', '；', '）',
];

/// Marks that a space follows before the next word.
const SPACE_AFTER: &[char] = &[',', '.', '!', '?', '،', '؟', '।', '۔'];

/// Bracket contents this short belong to the word before them: `product(s)`, `f(x)`.
const WORD_SUFFIX_MAX_CHARS: usize = 3;

impl Rule for Spacing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let mut spaced_marks = SpacedMarks::default();
        for (index, block) in ctx.document.blocks.iter().enumerate() {
            if !block.kind.is_prose() {
                continue;
            }
            let mut found = Vec::new();
            let source = ctx.aligned_source_block(index);
            space_runs(ctx, block, source, &mut found, &mut spaced_marks);
            if ctx.document.format != Format::PlainText {
                // Markdown renders a run of spaces as one: no reader sees it.
                found.retain(|(_, message, _)| !message.ends_with("spaces in a row"));
            }
            missing_space_after(block, ctx.locale_data, &mut found);
            if !ctx.locale_data.brackets_attach {
                glued_brackets(block, ctx.locale_data, &mut found);
            }
            findings.extend(found.into_iter().map(|(range, message, fix)| {
                Finding::new(&INFO, block.file_range(range), message).fix(fix)
            }));
        }
        spaced_marks.report(ctx, findings);
        if ctx.document.format == Format::PlainText {
            // In Markdown, trailing spaces are invisible, or a hard line break.
            trailing_spaces(ctx, findings);
        }
    }
}

type Found = (Range<usize>, String, String);

/// Spaces before marks that take none, and how often the translation writes each mark with and
/// without one: a file (or a locale) that puts a space before `،` every time has a style, not a
/// slip.
#[derive(Default)]
struct SpacedMarks {
    findings: Vec<Finding>,
    uses: std::collections::HashMap<char, (usize, usize)>,
}

/// A file spaces a mark on purpose when it does so this many times, at least as often as not.
const FILE_STYLE_MIN_USES: usize = 3;

impl SpacedMarks {
    fn report(self, ctx: &Context, findings: &mut Vec<Finding>) {
        for finding in self.findings {
            let Some(habit @ Habit::SpaceBefore(mark)) = &finding.habit else {
                continue;
            };
            let (spaced, unspaced) = self.uses.get(mark).copied().unwrap_or_default();
            if spaced >= FILE_STYLE_MIN_USES && spaced >= unspaced {
                ctx.used(habit);
            } else {
                findings.push(finding);
            }
        }
    }
}

/// Runs of spaces inside prose: a space before punctuation, or several spaces in a row (unless
/// the source block has them too: copied whitespace is not the translation's defect).
fn space_runs(
    ctx: &Context,
    block: &Block,
    source: Option<&Block>,
    found: &mut Vec<Found>,
    spaced_marks: &mut SpacedMarks,
) {
    let data = ctx.locale_data;
    let text = block.text.as_str();
    let source_doubles = source.is_some_and(|s| s.text.contains("  "));
    for (at, mark) in text.char_indices() {
        if NO_SPACE_BEFORE.contains(&mark)
            && !block.is_masked(&(at..at + mark.len_utf8()))
            && marks::before(text, at).is_some_and(|c| !c.is_whitespace())
        {
            let uses = spaced_marks.uses.entry(mark).or_default();
            uses.1 += 1;
            ctx.instead_of(Habit::SpaceBefore(mark));
        }
    }
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut count = 1;
        while let Some(&(i, next)) = chars.peek() {
            if !next.is_whitespace() {
                break;
            }
            end = i + next.len_utf8();
            count += 1;
            chars.next();
        }
        if start == 0 || end == text.len() || block.is_masked(&(start..end)) {
            continue;
        }
        let before = marks::before(text, start);
        let after = marks::at(text, end);
        let mark_is_code = after.is_some_and(|m| block.is_masked(&(end..end + m.len_utf8())));
        // A line break before a full-width mark, where a formatter wrapped the line: Chinese
        // and Japanese text does not show it as a space.
        let wrapped = after.is_some_and(is_cjk)
            && ctx
                .file
                .text
                .get(block.file_range(start..end))
                .is_some_and(|s| s.contains('\n'));
        if wrapped {
            continue;
        }
        // The source spaces the mark the same way after the same word (a formula, a literal
        // copied as it stands): the spacing is the source's.
        let copied = |mark: char| {
            let word_start = text[..start].rfind(char::is_whitespace).map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
            let chunk = &text[word_start..end + mark.len_utf8()];
            word_start < start && source.is_some_and(|s| s.text.contains(chunk))
        };
        if let Some(mark) = after.filter(|&m| {
            !mark_is_code && space_is_wrong_before(text, end, m, before, data) && !copied(m)
        }) {
            spaced_marks.uses.entry(mark).or_default().0 += 1;
            spaced_marks.findings.push(
                Finding::new(
                    &INFO,
                    block.file_range(start..end),
                    format!("space before {}", describe(mark)),
                )
                .fix(format!("delete the space before `{mark}`"))
                .habit(Habit::SpaceBefore(mark)),
            );
        } else if count >= 2 && !source_doubles && !after_sentence_end(before) {
            found.push((
                start..end,
                format!("{count} spaces in a row"),
                "replace them with one space".into(),
            ));
        }
    }
}

/// Two spaces after a full stop are an old typing convention, not a slip.
fn after_sentence_end(before: Option<char>) -> bool {
    before.is_some_and(|c| matches!(c, '.' | '!' | '?' | ':' | '。' | '！' | '？'))
}

/// Whether the mark at byte `at`, after a space, should follow its word directly.
fn space_is_wrong_before(
    text: &str,
    at: usize,
    mark: char,
    before: Option<char>,
    data: &LocaleData,
) -> bool {
    if !NO_SPACE_BEFORE.contains(&mark) || data.space_before.iter().any(|s| s.mark == mark) {
        return false;
    }
    if before.is_some_and(|c| is_opening_bracket(c) || marks::is_dash(c) || is_quote(c)) {
        return false;
    }
    let next = marks::at(text, at + mark.len_utf8());
    match mark {
        ')' | ']' | '）' => true,
        // `dividindo em . e convertendo`: a full stop between spaces that the sentence goes on
        // after, in lower case, is the character named, not the end of a sentence.
        '.' => {
            let named = next.is_some_and(char::is_whitespace)
                && text[at + 1..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase);
            !named && next.is_none_or(|c| c.is_whitespace() || is_quote(c) || is_closing_bracket(c))
        }
        ':' | ';' => {
            next.is_none_or(|c| c.is_whitespace() || is_quote(c)) && !matches!(next, Some(')'))
        }
        ',' | '!' | '?' => next.is_none_or(|c| !c.is_alphanumeric() && c != '='),
        _ => true,
    }
}

/// `word,next`, `end.Next`, `है।अब`: a clause or sentence mark glued to the next word.
fn missing_space_after(block: &Block, data: &LocaleData, found: &mut Vec<Found>) {
    let text = block.text.as_str();
    for (at, mark) in text.char_indices() {
        if !SPACE_AFTER.contains(&mark) {
            continue;
        }
        let end = at + mark.len_utf8();
        let (Some(prev), Some(next)) = (marks::before(text, at), marks::at(text, end)) else {
            continue;
        };
        if !next.is_alphabetic()
            || marks::is_mark(next)
            || is_cjk(prev)
            || is_cjk(next)
            || block.is_masked(&(at.saturating_sub(prev.len_utf8())..end + next.len_utf8()))
            || in_identifier(text, at)
            || (prev.is_ascii_alphabetic()
                && !data.scripts.contains(&crate::locale::Script::Latin)
                && is_code_like(chunk_around(text, at..end)))
        {
            continue;
        }
        let between_native_words = data.space_after_full_stop
            && is_native_letter(prev, data)
            && is_native_letter(next, data);
        if mark == '.' && !between_native_words && !sentence_like(text, at) {
            continue;
        }
        if mark == ',' && (prev.is_numeric() || single_letters_around(text, at)) {
            continue;
        }
        if data
            .comma_words
            .iter()
            .any(|w| word_around(text, at) == w.as_str())
        {
            continue;
        }
        found.push((
            at..end,
            format!("no space after {}", describe(mark)),
            format!("insert a space after `{mark}`"),
        ));
    }
}

/// The word holding the mark at byte `at`, the mark included (`ό,τι`).
fn word_around(text: &str, at: usize) -> &str {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || marks::is_mark(*c)))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at + 1..]
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || marks::is_mark(*c)))
        .map_or(text.len(), |(i, _)| at + 1 + i);
    &text[start..end]
}

/// `end.Next`: a lowercase word of two letters or more before the stop, a capitalised word of
/// two letters or more after it (not `Node.js`, `e.g.`, `ASP.NET`).
fn sentence_like(text: &str, at: usize) -> bool {
    let before = marks::word_before(text, at);
    let after: String = text[at + 1..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    before.chars().count() >= 2
        && before.chars().all(char::is_lowercase)
        && after.chars().count() >= 2
        && after.starts_with(char::is_uppercase)
        && after.chars().skip(1).all(char::is_lowercase)
}

/// `(x,y)`, `a,b`: single letters around a comma are coordinates or variables.
fn single_letters_around(text: &str, at: usize) -> bool {
    let before = marks::word_before(text, at);
    let after: String = text[at + 1..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    before.chars().count() == 1 && after.chars().count() == 1
}

/// The mark sits in a run of non-space text that looks like a path, a query or an identifier
/// (`index.php?id`, `a_b,c`, `user@host`).
fn in_identifier(text: &str, at: usize) -> bool {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i);
    let chunk = &text[start..end];
    // A path, a query, an address, markup, or a dotted name (`io.reactivex.Maybe`).
    chunk.contains(['/', '=', '@', '_', '\\', '#', '<', '>']) || chunk.matches('.').count() >= 2
}

/// `उत्पाद(उप`: an opening bracket glued to a word of the language's script, before words.
/// Not math or code (`O(N)`, `log(n)`, `` `split`(by size) ``), nor a one-letter prefix.
fn glued_brackets(block: &Block, data: &LocaleData, found: &mut Vec<Found>) {
    if !data.spaces_words() {
        // Chinese or Japanese put no space before a bracket, after any word (`diff(デルタ)`).
        return;
    }
    let text = block.text.as_str();
    for (at, bracket) in text.char_indices() {
        if !matches!(bracket, '(' | '[') || block.is_masked(&(at..at + 1)) {
            continue;
        }
        let Some(prev) = marks::before(text, at) else {
            continue;
        };
        if !(prev.is_alphabetic() || marks::is_mark(prev))
            || is_cjk(prev)
            || block.is_masked(&(at - prev.len_utf8()..at))
        {
            continue;
        }
        let word = marks::word_before(text, at);
        let native_letters = word.chars().filter(|&c| is_native_letter(c, data)).count();
        if native_letters < 2 {
            continue;
        }
        if belongs_to_word(text, at, bracket) || data.attached_prefixes.iter().any(|p| p == word) {
            continue;
        }
        found.push((
            at..at + 1,
            format!("no space before {}", describe(bracket)),
            format!("insert a space before `{bracket}`"),
        ));
    }
}

/// `product(s)`, `f(x)`, `शब्द(ों)`, `call()`, `note[1]`, `print("hi")`, `len(items)`,
/// `useState(`: brackets that are part of the word or of code. Not `experience(CX)`.
fn belongs_to_word(text: &str, at: usize, bracket: char) -> bool {
    let close = if bracket == '(' { ')' } else { ']' };
    let inside = &text[at + 1..];
    let content = inside.find(close).map_or(inside, |end| &inside[..end]);
    let one_word = !content.contains(char::is_whitespace);
    let letters = content.chars().filter(|c| c.is_alphabetic()).count();
    // `ключ(A)`, `f(x)`: an argument of one letter is notation.
    let suffix = one_word
        && content.chars().count() <= WORD_SUFFIX_MAX_CHARS
        && (!content.contains(char::is_uppercase) || letters <= 1);
    let word = marks::word_before(text, at);
    let code_like = word.chars().skip(1).any(char::is_uppercase)
        || matches!(marks::before(text, at - word.len()), Some('.' | '_' | ':'))
        || (one_word && word.is_ascii() && is_identifier(content));
    suffix || !content.starts_with(char::is_alphabetic) || code_like
}

/// `items`, `user_id`, `a.b`: an argument list rather than an aside.
fn is_identifier(content: &str) -> bool {
    content
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | ','))
}

/// Spaces and tabs at the ends of lines, except in code blocks and, in Markdown, the two or more
/// spaces of a hard line break.
fn trailing_spaces(ctx: &Context, findings: &mut Vec<Finding>) {
    let text = ctx.file.text.as_str();
    let lines = &ctx.file.lines;
    let code: Vec<&Block> = ctx
        .document
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Code | BlockKind::Html))
        .collect();
    let markdown = ctx.document.format != Format::PlainText;
    for line in 1..=lines.line_count() {
        let range = lines.line_range(text, line);
        let content = &text[range.clone()];
        let kept = content.trim_end_matches([' ', '\t', '\u{A0}', '\u{202F}', '\u{3000}']);
        if kept.len() == content.len() {
            continue;
        }
        let spaces = range.start + kept.len()..range.end;
        if code.iter().any(|b| b.range.contains(&spaces.start)) {
            continue;
        }
        let next_line_has_text =
            line < lines.line_count() && !text[lines.line_range(text, line + 1)].trim().is_empty();
        let hard_break = markdown
            && !kept.trim().is_empty()
            && content[kept.len()..].chars().all(|c| c == ' ')
            && spaces.len() >= 2
            && next_line_has_text;
        if hard_break {
            continue;
        }
        let what = if kept.trim().is_empty() {
            "a line of only spaces"
        } else {
            "trailing spaces"
        };
        findings.push(
            Finding::new(&INFO, spaces, what).fix("delete the spaces at the end of the line"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::check_alone as check;

    fn found(locale: &str, text: &str) -> Vec<(String, String)> {
        check(&Spacing, locale, text)
            .into_iter()
            .map(|f| (text[f.range].to_string(), f.message))
            .collect()
    }

    #[test]
    fn a_word_glued_to_a_bracket() {
        let text = "शीर्षक\n\nउनका मार्केटिंग, उनका उत्पाद(उपProducts), बिक्री का अनुभव।\n";
        let findings = check(&Spacing, "hi", text);
        assert_eq!(findings.len(), 1);
        let at = text.find('(').unwrap();
        assert_eq!(findings[0].range, at..at + 1);
        assert_eq!(findings[0].message, "no space before `(` (U+0028)");
        assert_eq!(
            findings[0].fix.as_deref(),
            Some("insert a space before `(`")
        );
    }

    #[test]
    fn arabic_prefixes_join_the_bracket() {
        assert!(found("ar", "عنوان\n\nتجربة العملاء (CX) و(SaaS) ب(الكامل).\n").is_empty());
        assert_eq!(found("ar", "عنوان\n\nالمنتج(المنتجات) جيد.\n").len(), 1);
    }

    #[test]
    fn korean_attaches_brackets_to_the_word() {
        assert!(found("ko", "제목\n\n고객 경험(CX)과 이유(예를 들어 버그 보고).\n").is_empty());
        assert_eq!(
            found("en", "Title\n\nCustomer experience(the whole journey).\n").len(),
            1
        );
    }

    #[test]
    fn brackets_that_belong_to_the_word_pass() {
        let text = "Title\n\nOur product(s) and f(x) and call() and note[1] and print(\"hi\") \
                    and useState(initial value) and obj.method(some arg) and len(items), \
                    中文（注释）.\n";
        assert!(found("en", text).is_empty(), "{:?}", found("en", text));
        assert!(found("hi", "शीर्षक\n\nसभी शब्द(ों) देखें।\n").is_empty());
        assert_eq!(
            found("en", "Title\n\nCustomer experience(CX) matters.\n").len(),
            1
        );
    }

    #[test]
    fn spaces_before_punctuation_and_doubled() {
        assert_eq!(
            found("en", "Title\n\nOne , two  three ( yes ) and end .\n"),
            vec![
                (" ".into(), "space before `,` (U+002C)".into()),
                ("  ".into(), "2 spaces in a row".into()),
                (" ".into(), "space before `)` (U+0029)".into()),
                (" ".into(), "space before `.` (U+002E)".into()),
            ]
        );
        assert_eq!(
            found("hi", "शीर्षक\n\nयह ठीक है ।\n"),
            vec![(" ".into(), "space before `।` (U+0964)".into())]
        );
        // A full stop named in the sentence, between spaces.
        assert!(found("pt", "Título\n\nDivida em . e troque - por _.\n").is_empty());
    }

    #[test]
    fn spacing_the_source_has_is_the_source_s() {
        let source = "Title\n\nThe rate is ( 1 - e ) squared.\n";
        let copied = "Título\n\nA taxa é ( 1 - e ) ao quadrado.\n";
        let findings =
            crate::rules::test_support::check_with_source(&Spacing, "pt", copied, source);
        assert!(findings.is_empty(), "{findings:?}");
        let own = "Título\n\nA taxa é ( 1 - x ) ao quadrado.\n";
        let findings = crate::rules::test_support::check_with_source(&Spacing, "pt", own, source);
        assert_eq!(findings.len(), 1, "{findings:?}");
    }

    #[test]
    fn french_spaces_before_high_marks_pass() {
        let text = "Titre\n\nVraiment ? Oui ! Il a dit : « non » ; voilà.\n";
        assert!(found("fr", text).is_empty(), "{:?}", found("fr", text));
        assert_eq!(found("fr", "Titre\n\nUn , deux.\n").len(), 1);
        assert_eq!(found("en", "Title\n\nReally ? Yes.\n").len(), 1);
    }

    #[test]
    fn missing_space_after_marks() {
        assert_eq!(
            found("en", "Title\n\nOne,two and the end.Next one.\n"),
            vec![
                (",".into(), "no space after `,` (U+002C)".into()),
                (".".into(), "no space after `.` (U+002E)".into()),
            ]
        );
        assert_eq!(found("hi", "शीर्षक\n\nयह ठीक है।अब आगे।\n").len(), 1);
        assert_eq!(found("ar", "عنوان\n\nتسويقها،المنتج جيد.\n").len(), 1);
        assert_eq!(found("ko", "제목\n\n수정합니다.수석 엔지니어.\n").len(), 1);
    }

    #[test]
    fn numbers_names_and_cjk_pass() {
        let text = "Title\n\n1,000 users, 3.5 points, e.g. Node.js and ASP.NET, (x,y), \
                    see index.php?id=1 today.\n";
        assert!(found("en", text).is_empty(), "{:?}", found("en", text));
        assert!(found("zh", "标题\n\n我们知道，客户体验很重要。版本3.5很好。\n").is_empty());
        assert!(found("ja", "題名\n\nこれは、CXです。次に進みます。\n").is_empty());
    }

    #[test]
    fn trailing_spaces_at_line_ends() {
        let text = "Title \n\nA paragraph.\t\n\nClean line.\n";
        let findings = check(&Spacing, "en", text);
        let at: Vec<&str> = findings.iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(at, vec![" ", "\t"]);
        assert_eq!(findings[0].message, "trailing spaces");
    }
}
