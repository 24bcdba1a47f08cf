use crate::document::{Block, BlockKind};
use crate::evidence::Habit;
use crate::finding::{Finding, Severity};
use crate::locale::{ForeignMark, InvertedMark, LocaleData, MarkPlace, SpacedMark};

use super::marks::{
    self, describe, is_cjk, is_closing_bracket, is_inner_full_stop, is_native_letter, is_quote,
    last_letter_before, mark_name, word_before, QUESTION_MARKS,
};
use super::{Context, Rule, RuleInfo};

pub struct LocalePunctuation;

static INFO: RuleInfo = RuleInfo {
    id: "locale-punctuation",
    default_severity: Severity::Warning,
    summary: "Sentence and clause punctuation of another language's convention",
    needs_source: false,
    docs: r#"## What it finds

Punctuation written the way another language writes it:

- a Latin full stop `.` ending a Hindi, Nepali, Bengali or Punjabi sentence, where the danda
  `।` is expected (Urdu: `۔`);
- Latin `?` `,` `;` in Arabic, Persian and Urdu prose, where `؟` `،` `؛` are expected;
- half-width `.` `,` `?` `!` `:` `;` in Chinese and Japanese prose, where the full-width marks
  are expected (`。` `，`/`、` `？` `！` `：` `；`);
- French `;` `:` `!` `?` `»` with no space before them, and `«` with none after (a narrow
  no-break space, or a no-break space before `:`; Canadian French only before `:` and inside
  guillemets);
- a Spanish question or exclamation without its opening `¿` or `¡`;
- a block whose source ends with a question mark while the translation does not (a
  translation ending in one of the language's question endings, Japanese `か` or a heading in
  `とは`, keeps its question without the mark).

What each language expects is data (`locales.toml`): Hindi legitimately uses `,` and `?`,
Arabic and Persian legitimately end sentences with `.`, and Marathi writes the Latin full stop.

Never reported: code, URLs, file names, numbers (`3.5`, `1,000`, `10:30`), ellipses,
abbreviations and initials (`e.g.`, `U.S.`, `डॉ.`), and marks after Latin-script names or
acronyms inside the text (`Node.js`, `(CX).`): a mark counts only after a letter of the
language's own script; emoticons (`:)`); factorials (`n!`); a mark between two words copied as
the source has them (a command, `zed: extensions`); a doubled colon, a separator of keys or
paths (`"::"`); a question the translation embeds in a statement (`誰が測るか、ではない`).

A habit the locale's translations follow throughout is the project's convention, not a slip:
a file that uses a foreign mark as often as its own, or a locale that does so across the run (or
as `loclint init` learned it), is not reported. A colon after a label that opens a block is
judged against the file's labels of the same kind, then against the locale's habit for labels.

## Why it matters

Readers notice the wrong punctuation at once: it marks the text as machine-made or
unedited. A full stop in Hindi is read as an abbreviation point; a question that lost its
question mark reads as a statement.

## Example

```text
hi.txt:6:420  warning  Latin full stop `.` (U+002E) ends a Hindi sentence
  ... उद्योग-अग्रणी कंपनियों के बीच का रुझान. लेकिन पर्दे के पीछे ...
                                      ^ replace `.` with `।`
```

## How to fix

Replace the mark with the one the fix names, insert the missing space or opening mark, or end
the sentence as the source does.
"#,
};

impl Rule for LocalePunctuation {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let data = ctx.locale_data;
        let mut foreign = ForeignMarks::default();
        for (index, block) in ctx.document.blocks.iter().enumerate() {
            if !block.kind.is_prose() {
                continue;
            }
            let source = ctx.aligned_source_block(index);
            foreign_marks(ctx, block, source, &mut foreign);
            missing_spaces(ctx, block, source, findings);
            missing_inverted_marks(ctx, block, findings);
            if let Some(source) = source {
                dropped_question(block, source, data, findings);
            }
        }
        foreign.report(ctx, findings);
    }
}

/// Marks of another convention found in one translation, and the language's own marks beside
/// them: a file that writes the other mark at least as often as its own, and more than a few
/// times, follows a style of its own rather than slipping.
#[derive(Default)]
struct ForeignMarks {
    findings: Vec<Finding>,
    uses: std::collections::HashMap<char, (usize, usize)>,
    /// Half-width colons after a block's opening label, with the kind of their block.
    labels: Vec<(BlockKind, Finding)>,
    /// By block kind: the file's half-width and full-width label colons.
    label_colons: std::collections::HashMap<BlockKind, (usize, usize)>,
}

/// A file uses a foreign mark on purpose when it does so this many times, at least as often as
/// the language's own mark.
const FILE_STYLE_MIN_USES: usize = 3;

impl ForeignMarks {
    fn report(self, ctx: &Context, findings: &mut Vec<Finding>) {
        // Labels follow the file's other labels of their kind (list items, quotes): a
        // half-width colon among as many full-width ones is a slip, reported whatever the
        // locale's habit. With none of its kind, the file's labels of every kind say whether it
        // may be one, and the locale's habit decides; labels the file writes mostly half-width
        // follow a template.
        let counts = self.label_colons;
        let (all_foreign, all_native) = counts
            .values()
            .fold((0, 0), |(f, n), &(a, b)| (f + a, n + b));
        for (kind, mut finding) in self.labels {
            let (foreign, native) = counts.get(&kind).copied().unwrap_or_default();
            if native > 0 && native >= foreign {
                finding.habit = None;
                findings.push(finding);
            } else if native == 0 && all_native > 0 && all_native >= all_foreign {
                findings.push(finding);
            } else if let Some(habit) = &finding.habit {
                ctx.used(habit);
            }
        }
        let uses = self.uses;
        findings.extend(self.findings.into_iter().filter(|finding| {
            let Some(habit @ Habit::Mark(mark)) = &finding.habit else {
                return true;
            };
            let (foreign, native) = uses.get(mark).copied().unwrap_or_default();
            let slip = foreign < FILE_STYLE_MIN_USES || foreign < native;
            if !slip {
                ctx.used(habit);
            }
            slip
        }));
    }
}

/// Marks of another convention after a word of the language's script. Each use of the
/// language's own mark counts against the habit, so that a locale whose files write `:` where
/// its convention has `：` is told from a slip.
fn foreign_marks(ctx: &Context, block: &Block, source: Option<&Block>, found: &mut ForeignMarks) {
    let data = ctx.locale_data;
    let text = block.text.as_str();
    let source_dots_names = source.is_some_and(|s| translates_dotted_name(&s.text, text));
    for (at, ch) in text.char_indices() {
        if let Some(native) = data
            .foreign_punctuation
            .iter()
            .find(|f| f.replacement == ch)
        {
            if !marks::masked(block, at, ch.len_utf8()) && follows_native_letter(text, at, data) {
                found.uses.entry(native.mark).or_default().1 += 1;
                if native.mark == ':' && is_label_colon(text, at) {
                    ctx.instead_of(Habit::LabelMark(native.mark));
                    found.label_colons.entry(block.kind).or_default().1 += 1;
                } else {
                    ctx.instead_of(Habit::Mark(native.mark));
                }
            }
            continue;
        }
        let Some(foreign) = data.foreign_punctuation.iter().find(|f| f.mark == ch) else {
            continue;
        };
        if marks::masked(block, at, ch.len_utf8())
            || marks::starts_emoticon(text, at)
            || !follows_native_letter(text, at, data)
            || (ch == '.' && is_inner_full_stop(text, at))
            // `类名.方法名` for the source's `ClassName.Method`: a separator inside a name.
            || (ch == '.'
                && source_dots_names
                && marks::at(text, at + 1).is_some_and(char::is_alphabetic))
            || marks::at(text, at + ch.len_utf8()).is_some_and(|c| c.is_ascii_digit())
            // `::`: a separator of keys or paths, quoted as a token, not punctuation.
            || (ch == ':'
                && (text[..at].ends_with(':') || text[at + 1..].starts_with(':')))
        {
            continue;
        }
        if foreign.at == MarkPlace::SentenceEnd && !ends_sentence(text, at, ch, data) {
            continue;
        }
        if ch == ',' && separates_links(block, at) {
            continue;
        }
        let finding = Finding::new(
            &INFO,
            block.file_range(at..at + ch.len_utf8()),
            foreign_message(foreign, data),
        )
        .fix(format!("replace `{}` with `{}`", ch, foreign.replacement))
        .habit(Habit::Mark(ch));
        if ch == ':' && is_label_colon(text, at) {
            // A label's colon is judged against the file's other labels, and the locale's.
            found.label_colons.entry(block.kind).or_default().0 += 1;
            found
                .labels
                .push((block.kind, finding.habit(Habit::LabelMark(ch))));
            continue;
        }
        found.uses.entry(ch).or_default().0 += 1;
        found.findings.push(finding);
    }
}

/// Whether the source joins two words with a full stop and no space (`ClassName.Method`) in a
/// name the translation does not keep as it is: a name whose parts were translated, dot and
/// all (`类名.方法名`). A name kept (`Node.js`) says nothing of the translation's other dots.
fn translates_dotted_name(source: &str, translation: &str) -> bool {
    source
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_'))
        .filter(|word| {
            word.char_indices().any(|(at, c)| {
                c == '.'
                    && marks::before(word, at).is_some_and(char::is_alphabetic)
                    && marks::at(word, at + 1).is_some_and(char::is_alphabetic)
            })
        })
        .any(|name| !translation.contains(name))
}

/// Where a colon ends the label that opens a block (`**推奨事項**:`, `` `message`（必須）: ``): a
/// term before its definition, where technical writing often keeps the half-width colon of a
/// template.
fn is_label_colon(text: &str, at: usize) -> bool {
    const LABEL_MAX_CHARS: usize = 24;
    let Some(colon) = text[at..].chars().next() else {
        return false;
    };
    let label = text[..at].trim_start();
    label.chars().count() <= LABEL_MAX_CHARS
        && !label.chars().any(marks::is_clause_punctuation)
        && (colon == '：'
            || text[at + colon.len_utf8()..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace))
}

/// A comma between two links (`[決済サービス](…), [商品カタログ](…)`): a list of names.
fn separates_links(block: &Block, at: usize) -> bool {
    let ends_link = block.links.iter().any(|l| l.text.end == at);
    let starts_link = block
        .links
        .iter()
        .any(|l| l.text.start > at && block.text[at + 1..l.text.start].trim().is_empty());
    ends_link && starts_link
}

/// The mark follows a word of the language's own script (through closing quotes and brackets,
/// and through a space: `العملاء ?`), not a number or a Latin name.
fn follows_native_letter(text: &str, at: usize, data: &LocaleData) -> bool {
    let before = text[..at].trim_end();
    last_letter_before(before, before.len()).is_some_and(|c| is_native_letter(c, data))
}

/// A mark followed by a space or the end of the block (through closing quotes and brackets),
/// after a word that is not one of the language's abbreviations.
fn ends_sentence(text: &str, at: usize, ch: char, data: &LocaleData) -> bool {
    let rest = &text[at + ch.len_utf8()..];
    let after = rest
        .chars()
        .find(|&c| !(is_closing_bracket(c) || is_quote(c)));
    if after.is_some_and(|c| !c.is_whitespace()) {
        return false;
    }
    let word = word_before(text, at);
    !data.abbreviations.iter().any(|a| a == word) && !in_initials(text, at, word)
}

/// `ए. आर. रहमान`: initials, a letter or two each with its full stop, one after another.
fn in_initials(text: &str, at: usize, word: &str) -> bool {
    let letters = |w: &str| w.chars().filter(|&c| !marks::is_mark(c)).count();
    if !(1..=2).contains(&letters(word)) {
        return false;
    }
    let before = &text[..at - word.len()];
    let previous_is_initial = before.ends_with(' ') && {
        let before = before.trim_end();
        before.ends_with('.') && {
            let previous = word_before(before, before.len() - 1);
            (1..=2).contains(&letters(previous))
        }
    };
    let after = &text[at + 1..];
    let next_is_initial = after.starts_with(' ') && {
        let after = after.trim_start();
        let next: String = after
            .chars()
            .take_while(|&c| c.is_alphanumeric() || marks::is_mark(c))
            .collect();
        (1..=2).contains(&letters(&next)) && after[next.len()..].starts_with('.')
    };
    previous_is_initial || next_is_initial
}

fn foreign_message(foreign: &ForeignMark, data: &LocaleData) -> String {
    let width = if is_cjk(foreign.replacement) {
        "half-width"
    } else {
        "Latin"
    };
    let mark = format!(
        "{width} {} {}",
        mark_name(foreign.mark),
        describe(foreign.mark)
    );
    match foreign.at {
        MarkPlace::SentenceEnd => {
            format!("{mark} ends {} {} sentence", article(&data.name), data.name)
        }
        MarkPlace::AfterLetter => format!("{mark} in {} text", data.name),
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

/// French `;` `:` `!` `?` `»` with no space before, `«` with none after. A mark written with
/// its space counts against the habit of leaving it out.
fn missing_spaces(
    ctx: &Context,
    block: &Block,
    source: Option<&Block>,
    findings: &mut Vec<Finding>,
) {
    let data = ctx.locale_data;
    if data.space_before.is_empty() && data.space_after.is_empty() {
        return;
    }
    let text = block.text.as_str();
    for (at, ch) in text.char_indices() {
        if marks::masked(block, at, ch.len_utf8()) {
            continue;
        }
        let end = at + ch.len_utf8();
        if let Some(spaced) = data.space_before.iter().find(|s| s.mark == ch) {
            if needs_space_before(text, at, ch)
                && !marks::is_factorial(text, at)
                && !source
                    .is_some_and(|s| marks::copied_from_source(block, at, ch.len_utf8(), &s.text))
            {
                findings.push(
                    space_finding(block, at..end, spaced, "before", data)
                        .habit(Habit::NoSpaceBefore(ch)),
                );
            } else if marks::before(text, at).is_some_and(char::is_whitespace) {
                ctx.instead_of(Habit::NoSpaceBefore(ch));
            }
        }
        if let Some(spaced) = data.space_after.iter().find(|s| s.mark == ch) {
            let next = marks::at(text, end);
            if next.is_some_and(|c| c.is_alphanumeric() || is_quote(c)) {
                findings.push(space_finding(block, at..end, spaced, "after", data));
            }
        }
    }
}

/// The mark follows a word or a closing mark directly, and stands as punctuation (a space, the
/// end, or closing marks after it): not in `10:30`, `?!` (one space before the pair), `:)`.
fn needs_space_before(text: &str, at: usize, ch: char) -> bool {
    let Some(prev) = marks::before(text, at) else {
        return false;
    };
    if ch == '»' {
        return !prev.is_whitespace();
    }
    let glued_to_word = prev.is_alphanumeric()
        || marks::is_mark(prev)
        || is_closing_bracket(prev)
        || matches!(prev, '»' | '”' | '"');
    if !glued_to_word {
        return false;
    }
    let next = marks::at(text, at + ch.len_utf8());
    next.is_none_or(|c| {
        c.is_whitespace() || is_quote(c) || matches!(c, '!' | '?' | '.' | '…' | ']')
    }) && !(matches!(ch, ':' | ';') && next == Some(')'))
}

fn space_finding(
    block: &Block,
    range: std::ops::Range<usize>,
    spaced: &SpacedMark,
    side: &str,
    data: &LocaleData,
) -> Finding {
    let space = space_name(spaced.space);
    Finding::new(
        &INFO,
        block.file_range(range),
        format!(
            "no space {side} {}: {} puts a {space} there",
            describe(spaced.mark),
            data.name
        ),
    )
    .fix(format!("insert a {space} {side} `{}`", spaced.mark))
}

fn space_name(space: char) -> String {
    match space {
        '\u{202F}' => "narrow no-break space (U+202F)".into(),
        '\u{A0}' => "no-break space (U+00A0)".into(),
        other => format!("space (U+{:04X})", other as u32),
    }
}

/// A Spanish `?` or `!` whose sentence has no `¿` or `¡` before it. An opening mark written
/// counts against the habit of leaving them out.
fn missing_inverted_marks(ctx: &Context, block: &Block, findings: &mut Vec<Finding>) {
    let data = ctx.locale_data;
    if data.inverted_marks.is_empty() {
        return;
    }
    let text = block.text.as_str();
    let is_close = |c: char| data.inverted_marks.iter().any(|m| m.close == c);
    let is_open = |c: char| data.inverted_marks.iter().any(|m| m.open == c);
    for (at, ch) in text.char_indices() {
        if let Some(mark) = data.inverted_marks.iter().find(|m| m.open == ch) {
            ctx.instead_of(Habit::NoOpeningMark(mark.close));
            continue;
        }
        let Some(mark) = data.inverted_marks.iter().find(|m| m.close == ch) else {
            continue;
        };
        if marks::masked(block, at, ch.len_utf8())
            || marks::is_factorial(text, at)
            || marks::before(text, at).is_some_and(is_close)
            || in_external_link_text(block, at)
        {
            continue;
        }
        let start = sentence_start(text, at);
        let sentence = &text[start..at];
        if sentence.chars().any(is_open) || !sentence.chars().any(char::is_alphabetic) {
            continue;
        }
        findings.push(inverted_finding(block, at, mark, data).habit(Habit::NoOpeningMark(ch)));
    }
}

/// Whether byte `at` lies in the text of a link to another site: the title of a page in
/// another language (`[So You Want to Write Memory with eBPF?](…)`).
fn in_external_link_text(block: &Block, at: usize) -> bool {
    block
        .links
        .iter()
        .any(|l| l.text.contains(&at) && l.destination.contains("://"))
}

/// The byte offset where the sentence holding byte `at` begins: after the last sentence mark
/// before it that is not inside a number or an abbreviation.
fn sentence_start(text: &str, at: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, '!' | '?' | '…' | '\n') || (c == '.' && !is_inner_full_stop(text, i))
        })
        .map_or(0, |(i, c)| i + c.len_utf8())
}

fn inverted_finding(block: &Block, at: usize, mark: &InvertedMark, data: &LocaleData) -> Finding {
    let what = if QUESTION_MARKS.contains(&mark.close) {
        "question"
    } else {
        "exclamation"
    };
    Finding::new(
        &INFO,
        block.file_range(at..at + mark.close.len_utf8()),
        format!(
            "{} {what} without its opening {}",
            data.name,
            describe(mark.open)
        ),
    )
    .fix(format!("insert `{}` where the {what} begins", mark.open))
}

/// The source block ends with a question mark and the translation does not.
fn dropped_question(block: &Block, source: &Block, data: &LocaleData, findings: &mut Vec<Finding>) {
    let Some(question) = data.question_marks.first() else {
        return;
    };
    let Some((_, source_end)) = final_char(source) else {
        return;
    };
    if !QUESTION_MARKS.contains(&source_end) || !source.kind.is_prose() {
        return;
    }
    let Some((at, end)) = final_char(block) else {
        return;
    };
    if QUESTION_MARKS.contains(&end)
        || data.question_marks.contains(&end)
        || !asks(&block.text[..at], data)
        || embeds_question(&block.text[..at], data)
    {
        return;
    }
    let last_word_end = if end.is_alphanumeric() || marks::is_mark(end) {
        at + end.len_utf8()
    } else {
        at
    };
    let last_word = word_before(&block.text, last_word_end);
    if data
        .question_endings
        .iter()
        .any(|e| last_word.ends_with(e.as_str()))
    {
        return;
    }
    let range = block.file_range(at..at + end.len_utf8());
    let finding = if marks::is_clause_punctuation(end) {
        Finding::new(
            &INFO,
            range,
            format!(
                "the source ends with a question mark, the translation with {}",
                describe(end)
            ),
        )
        .fix(format!("replace `{end}` with `{question}`"))
    } else {
        Finding::new(
            &INFO,
            range,
            "the source ends with a question mark, the translation with no punctuation",
        )
        .fix(format!("add `{question}` at the end"))
    };
    findings.push(finding.source(source.range.clone()));
}

/// Whether `text` (up to its final mark) is one sentence that holds an interrogative word of the
/// language: a translation that still asks. One rephrased as a statement ("What next?" as
/// "Next steps") is not held to a question mark.
fn asks(text: &str, data: &LocaleData) -> bool {
    let one_sentence = !text.char_indices().any(|(i, c)| {
        QUESTION_MARKS.contains(&c)
            || (c != '.' && data.sentence_terminators.iter().any(|t| t.starts_with(c)))
            || (c == '.' && !is_inner_full_stop(text, i) && text[i + 1..].starts_with(' '))
    });
    let lowercase = text.to_lowercase();
    one_sentence
        && data.question_words.iter().any(|word| {
            lowercase.match_indices(word.as_str()).any(|(i, _)| {
                let spaced = word.chars().next().is_some_and(|c| !is_cjk(c));
                let before = lowercase[..i].chars().next_back();
                let after = lowercase[i + word.len()..].chars().next();
                !spaced
                    || (before.is_none_or(|c| !c.is_alphanumeric() && !marks::is_mark(c))
                        && after.is_none_or(|c| !c.is_alphanumeric() && !marks::is_mark(c)))
            })
        })
}

/// A question ending followed by a clause mark and more text (`誰が計測しているか、ではない`,
/// "not who is measuring"): the question is embedded in a statement.
fn embeds_question(text: &str, data: &LocaleData) -> bool {
    data.question_endings.iter().any(|ending| {
        text.match_indices(ending.as_str()).any(|(i, _)| {
            let rest = &text[i + ending.len()..];
            let mut chars = rest.chars();
            chars.next().is_some_and(|c| matches!(c, '、' | '，' | ','))
                && chars.as_str().chars().any(char::is_alphanumeric)
        })
    })
}

/// The last character of a block's prose, closing quotes and brackets and spaces left out.
fn final_char(block: &Block) -> Option<(usize, char)> {
    let text = block.text.as_str();
    text.char_indices().rev().find(|&(at, c)| {
        !(c.is_whitespace()
            || is_closing_bracket(c)
            || is_quote(c)
            || marks::masked(block, at, c.len_utf8()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_alone as check, check_with_source};

    fn messages(locale: &str, text: &str) -> Vec<String> {
        check(&LocalePunctuation, locale, text)
            .into_iter()
            .map(|f| format!("{} | {}", f.message, f.fix.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn latin_full_stop_ending_a_hindi_sentence() {
        let text = "शीर्षक\n\nयह उद्योग का रुझान. लेकिन पर्दे के पीछे, चीजें उलझ जाती हैं।\n";
        assert_eq!(
            messages("hi", text),
            vec!["Latin full stop `.` (U+002E) ends a Hindi sentence | replace `.` with `।`"]
        );
        let findings = check(&LocalePunctuation, "hi", text);
        let at = text.find("रुझान").unwrap() + "रुझान".len();
        assert_eq!(findings[0].range, at..at + 1);
    }

    #[test]
    fn a_short_word_still_ends_a_sentence() {
        let text = "शीर्षक\n\nयह ठीक है. वह भी था.\n";
        assert_eq!(messages("hi", text).len(), 2);
    }

    #[test]
    fn hindi_full_stops_that_are_not_sentence_ends() {
        let text = "शीर्षक\n\nडॉ. शर्मा ने Node.js और U.S. के बारे में, 3.5 प्रतिशत पर बात की (CX). \
                    क्या यह ठीक है? ई.पू. में... और फिर CS. ए. आर. रहमान ने गाया। अंत।\n";
        assert!(
            messages("hi", text).is_empty(),
            "{:?}",
            messages("hi", text)
        );
    }

    #[test]
    fn arabic_clause_punctuation() {
        let text =
            "عنوان\n\nما هو دعم العملاء? إنه جزء, كما نرى; من التجربة. رقم 1,000 و SaaS, أيضًا.\n";
        assert_eq!(
            messages("ar", text),
            vec![
                "Latin question mark `?` (U+003F) in Arabic text | replace `?` with `؟`",
                "Latin comma `,` (U+002C) in Arabic text | replace `,` with `،`",
                "Latin semicolon `;` (U+003B) in Arabic text | replace `;` with `؛`",
            ]
        );
        assert_eq!(
            messages("ar", "عنوان\n\nما هو دعم العملاء ? لا شيء.\n"),
            vec!["Latin question mark `?` (U+003F) in Arabic text | replace `?` with `؟`"]
        );
        let correct = "عنوان\n\nما هو دعم العملاء؟ إنه جزء، كما نرى؛ من التجربة.\n";
        assert!(messages("ar", correct).is_empty());
        assert!(messages("hi", "शीर्षक\n\nक्या, कैसे? ठीक है।\n").is_empty());
    }

    #[test]
    fn half_width_punctuation_in_chinese_and_japanese() {
        assert_eq!(
            messages(
                "zh",
                "标题\n\n客户体验很重要,我们知道.版本 3.5 使用 Node.js。\n"
            ),
            vec![
                "half-width comma `,` (U+002C) in Chinese text | replace `,` with `，`",
                "half-width full stop `.` (U+002E) in Chinese text | replace `.` with `。`",
            ]
        );
        assert_eq!(
            messages("ja", "題名\n\nサーバー,クライアント!\n"),
            vec![
                "half-width comma `,` (U+002C) in Japanese text | replace `,` with `、`",
                "half-width exclamation mark `!` (U+0021) in Japanese text | replace `!` with `！`",
            ]
        );
        assert!(messages("ja", "題名\n\nこれは、CXです。何ですか？\n").is_empty());
        // A doubled colon is a separator of keys, quoted as a token.
        assert!(messages("zh", "标题\n\n配置键分隔符是\"::\"。\n").is_empty());
    }

    #[test]
    fn a_dotted_name_translated_keeps_its_dot() {
        let source = "Title\n\nThe default name is ClassName.method of the call.\n";
        let translated = "标题\n\n默认名称是调用的类名.方法名。\n";
        assert!(check_with_source(&LocalePunctuation, "zh", translated, source).is_empty());
        // A dotted name kept as it is says nothing of the other dots.
        let kept = "Title\n\nThe Node.js client is fixed. Then it is sent.\n";
        let glued_beside = "标题\n\nNode.js 客户端已修复.然后发送。\n";
        assert_eq!(
            check_with_source(&LocalePunctuation, "zh", glued_beside, kept).len(),
            1
        );
        // Without a dotted name in the source, a full stop glued to the next sentence is one.
        let plain = "Title\n\nThe name is set. Then it is sent.\n";
        let glued = "标题\n\n名称已设置.然后发送。\n";
        assert_eq!(
            check_with_source(&LocalePunctuation, "zh", glued, plain).len(),
            1
        );
    }

    #[test]
    fn label_colons_follow_the_file_s_labels_of_their_kind() {
        // A half-width label among full-width ones of its kind is a slip.
        let slip = "題名\n\n頑健性： 解析を続けます。\n\n回復性： 位置を理解します。\n\n前方トリビア: 改行まで。\n";
        let findings = check(&LocalePunctuation, "ja", slip);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(findings[0].habit.is_none(), "the file's labels decide");
        // Labels the file writes half-width throughout follow a template.
        let template = "題名\n\nデフォルト: なし\n\n種類: 文字列\n";
        assert!(check(&LocalePunctuation, "ja", template).is_empty());
    }

    #[test]
    fn french_spaces_before_high_marks() {
        assert_eq!(
            messages("fr", "Titre\n\nVraiment? Oui! Il a dit «non.»\n"),
            vec![
                "no space before `?` (U+003F): French puts a narrow no-break space (U+202F) there | insert a narrow no-break space (U+202F) before `?`",
                "no space before `!` (U+0021): French puts a narrow no-break space (U+202F) there | insert a narrow no-break space (U+202F) before `!`",
                "no space after `«` (U+00AB): French puts a narrow no-break space (U+202F) there | insert a narrow no-break space (U+202F) after `«`",
                "no space before `»` (U+00BB): French puts a narrow no-break space (U+202F) there | insert a narrow no-break space (U+202F) before `»`",
            ]
        );
        let correct =
            "Titre\n\nVraiment\u{202F}? Oui\u{202F}!? À 10:30, ceci\u{A0}: « non » :) https://a.fr/x?y=1\n";
        assert!(
            messages("fr", correct).is_empty(),
            "{:?}",
            messages("fr", correct)
        );
        assert_eq!(messages("fr-CA", "Titre\n\nVraiment? Oui!\n").len(), 0);
    }

    #[test]
    fn spanish_opening_marks() {
        assert_eq!(
            messages("es", "Título\n\nQué es CX? Si llueve, ¿vendrás? Qué bien!\n"),
            vec![
                "Spanish question without its opening `¿` (U+00BF) | insert `¿` where the question begins",
                "Spanish exclamation without its opening `¡` (U+00A1) | insert `¡` where the exclamation begins",
            ]
        );
        assert!(messages(
            "es",
            "Título\n\n¡Hola! ¿Qué tal?! Dijo: ¿vienes? ¡Qué dices?\n"
        )
        .is_empty());
        // A factorial in a formula.
        assert!(messages("es", "Título\n\nEl coste es O(N!) en el peor caso.\n").is_empty());
        assert!(messages("fr", "Titre\n\nLe calcul de n! est récursif.\n").is_empty());
    }

    #[test]
    fn a_question_in_the_source_stays_a_question() {
        let source = "Title\n\nWhat is customer experience (CX)?\n\nIt is the whole journey.\n";
        let dropped = "शीर्षक\n\nग्राहक अनुभव (CX) क्या है।\n\nयह पूरी यात्रा है।\n";
        let findings = check_with_source(&LocalePunctuation, "hi", dropped, source);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "the source ends with a question mark, the translation with `।` (U+0964)"
        );
        assert_eq!(findings[0].fix.as_deref(), Some("replace `।` with `?`"));
        let kept = "शीर्षक\n\nग्राहक अनुभव (CX) क्या है?\n\nयह पूरी यात्रा है।\n";
        assert!(check_with_source(&LocalePunctuation, "hi", kept, source).is_empty());
        let arabic = "عنوان\n\nما هي تجربة العملاء (CX)؟\n\nإنها الرحلة كلها.\n";
        assert!(check_with_source(&LocalePunctuation, "ar", arabic, source).is_empty());
        let japanese = "題名\n\nカスタマーエクスペリエンス（CX）とは\n\nそれは旅全体です。\n";
        assert!(check_with_source(&LocalePunctuation, "ja", japanese, source).is_empty());
        let asks = "題名\n\n誰が顧客体験を測るのでしょう。\n\nそれは旅全体です。\n";
        assert_eq!(
            check_with_source(&LocalePunctuation, "ja", asks, source).len(),
            1
        );
        // "Not who measures it": the question is embedded in a statement.
        let embedded = "題名\n\n誰が測るか、ではない。\n\nそれは旅全体です。\n";
        assert!(check_with_source(&LocalePunctuation, "ja", embedded, source).is_empty());
    }
}
