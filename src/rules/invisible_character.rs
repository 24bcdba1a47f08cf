use std::ops::Range;

use crate::finding::{Finding, Severity};
use crate::locale::invisible::{code_point, escape_invisible, invisible, Invisible, InvisibleKind};
use crate::locale::{char_script, is_rtl_script, Script};
use crate::source::SourceFile;

use super::encoding_damage::mojibake_spans;
use super::{Context, Rule, RuleInfo};

pub struct InvisibleCharacter;

static INFO: RuleInfo = RuleInfo {
    id: "invisible-character",
    default_severity: Severity::Error,
    summary: "Invisible characters: bidirectional controls, zero-width and control characters, stray byte order marks",
    needs_source: false,
    docs: r#"## What it finds

Characters that take no visible space, anywhere in the file (front matter and code included):

- **bidirectional controls**, always, as errors: the embeddings, overrides and isolates U+202A to
  U+202E and U+2066 to U+2069. They reorder what a reader sees without changing what the text
  says: the "Trojan Source" trick, where a reviewer approves text that displays otherwise than
  it reads to every program;
- **bidirectional marks** U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK and U+061C ARABIC
  LETTER MARK on a line with no right-to-left letters, where they do nothing, and two or more of
  the same mark in a row anywhere (one mark is all a position needs). A single mark on a line
  with Arabic, Hebrew or other right-to-left letters is how translators keep punctuation next
  to a Latin name in place, and is left alone;
- **zero-width joiner and non-joiner** U+200D and U+200C, unless next to a letter of a script that
  uses them (Arabic script for Arabic, Persian and Urdu; Syriac, N'Ko, Mongolian; Devanagari,
  Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala; Khmer,
  Myanmar) or between two emoji (`👩‍💻`);
- **zero-width space** U+200B, except between two letters of Thai, Lao, Khmer, Myanmar or Tibetan,
  written without spaces between words, where it marks a word break;
- the **word joiner** U+2060, the **soft hyphen** U+00AD, the invisible operators U+2061 to U+2064,
  the deprecated format characters U+206A to U+206F, the interlinear annotation characters
  U+FFF9 to U+FFFB, and the Hangul fillers U+3164 and U+FFA0;
- the **line and paragraph separators** U+2028 and U+2029, line breaks most editors do not show;
- **U+FEFF**: as the first character of the file it is a byte order mark (a warning with its own
  message); anywhere else it is stray, usually where two files were pasted together;
- **tag characters** U+E0000 to U+E007F, as errors: invisible copies of ASCII that can carry
  text no reader sees (a prompt hidden in a page that a machine translator or a model will
  read). A run of them is one finding, which spells out the hidden text. They are left alone
  only where they belong, in the flag of a region after U+1F3F4 WAVING BLACK FLAG
  (`🏴󠁧󠁢󠁳󠁣󠁴󠁿`);
- **terminal escape sequences**, as errors: U+001B ESCAPE with what follows it (`<U+001B>[31m`),
  one finding for the sequence, which can recolour, move or hide what a terminal shows;
- **control characters**: C0 (U+0000 to U+001F, except tab, line feed and carriage return),
  U+007F DELETE, and C1 (U+0080 to U+009F). C1 characters and soft hyphens inside a
  sequence that `encoding-damage` reports as mojibake (`Ã` + U+00AD is a damaged `í`) are left
  to that rule.

Bidirectional controls, tag characters and escape sequences are errors; everything else is a
warning. Each finding names the code
point and its Unicode name; a run of the same character is one finding. Reports show these
characters escaped: `<U+202E>` in the human format (the code frame too), `\u202e` in JSON.

Left alone: tabs and line breaks; no-break spaces, which are visible as spaces; variation
selectors, which are parts of emoji and of CJK ideographs.

## Why it matters

Nobody sees these characters, so nobody reviews them. A bidirectional override makes a
sentence, a number or a link display in an order that is not the order of its characters. A
zero-width space or a soft hyphen inside a word breaks search, spell checking and glossary
matching; a control character can break the tools that publish the text.

## Example

```text
error[invisible-character]: bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE
 --> he.txt:7:93
  |
7 | …במקום אחד. בדקו את רשימת התיקיות המשותפות<U+202E> פעם בחודש.
  |                                           ^^^^^^^^ <U+202E>
```

## How to fix

Delete the character (in most editors: put the cursor after it, press Backspace, and check
with the report that it is gone). If a Latin name inside right-to-left text pushes its
punctuation to the wrong side, one U+200F RIGHT-TO-LEFT MARK after the name fixes that;
never an override or an embedding. Save files as UTF-8 without a byte order mark.
"#,
};

impl Rule for InvisibleCharacter {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let text = &ctx.file.text;
        let mut mojibake: Option<Vec<Range<usize>>> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            let Some(found) = invisible(c) else {
                continue;
            };
            let mut run = start..start + c.len_utf8();
            if found.kind == InvisibleKind::Tag {
                while let Some(&(at, next)) = chars.peek() {
                    if invisible(next).is_none_or(|n| n.kind != InvisibleKind::Tag) {
                        break;
                    }
                    run.end = at + next.len_utf8();
                    chars.next();
                }
                findings.extend(judge_tags(text, run));
                continue;
            }
            if c == '\u{1b}' {
                if let Some(end) = escape_sequence_end(text, start) {
                    while chars.peek().is_some_and(|&(at, _)| at < end) {
                        chars.next();
                    }
                    findings.push(
                        Finding::new(
                            &INFO,
                            start..end,
                            format!(
                                "terminal escape sequence `{}`",
                                escape_invisible(&text[start..end])
                            ),
                        )
                        .severity(Severity::Error)
                        .fix("delete it: it changes what a terminal shows"),
                    );
                    continue;
                }
            }
            let mut count = 1;
            while let Some(&(at, next)) = chars.peek() {
                if next != c {
                    break;
                }
                run.end = at + next.len_utf8();
                count += 1;
                chars.next();
            }
            if windows_1252_range(c) {
                let spans =
                    mojibake.get_or_insert_with(|| mojibake_spans(text, &ctx.locale_data.scripts));
                if spans
                    .iter()
                    .any(|s| s.start <= run.start && run.end <= s.end)
                {
                    continue;
                }
            }
            if let Some(finding) = judge(ctx.file, run, c, found, count) {
                findings.push(finding);
            }
        }
    }
}

/// Where the escape sequence that opens at `start` (an ESC) ends: a control sequence
/// (`ESC [ params final`), an operating system command (`ESC ] … BEL` or `ESC ] … ESC \`), or
/// ESC and one character. `None` for an ESC that ends the text.
fn escape_sequence_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let at = start + 1;
    match bytes.get(at)? {
        b'[' => {
            let mut end = at + 1;
            while bytes.get(end).is_some_and(|b| (0x20..=0x3F).contains(b)) {
                end += 1;
            }
            Some(match bytes.get(end) {
                Some(b) if (0x40..=0x7E).contains(b) => end + 1,
                _ => end,
            })
        }
        b']' => {
            // To the terminator, within the line: a sequence never spans lines of an article.
            let rest = &text[at + 1..];
            let line_end = rest.find('\n').unwrap_or(rest.len());
            let body = &rest[..line_end];
            Some(match (body.find('\u{7}'), body.find("\u{1b}\\")) {
                (Some(bel), Some(st)) if st < bel => at + 1 + st + 2,
                (Some(bel), _) => at + 1 + bel + 1,
                (None, Some(st)) => at + 1 + st + 2,
                (None, None) => at + 1 + line_end,
            })
        }
        b if (0x20..=0x7E).contains(b) => Some(at + 1),
        _ => None,
    }
}

/// A run of tag characters: no finding in a region's flag (U+1F3F4, tags, CANCEL TAG),
/// otherwise one error that spells out the text they carry.
fn judge_tags(text: &str, run: Range<usize>) -> Option<Finding> {
    let tags = &text[run.clone()];
    if text[..run.start].ends_with('\u{1F3F4}') && tags.ends_with('\u{E007F}') {
        return None;
    }
    let hidden: String = tags
        .chars()
        .filter_map(|c| char::from_u32(c as u32 - 0xE0000).filter(|c| (' '..='~').contains(c)))
        .collect();
    let count = tags.chars().count();
    let first = tags.chars().next().map(code_point).unwrap_or_default();
    let message = if hidden.is_empty() {
        format!("tag characters from {first}, {count} in a row, outside an emoji flag")
    } else {
        format!("tag characters from {first}, {count} in a row, hiding the text `{hidden}`")
    };
    Some(
        Finding::new(&INFO, run, message)
            .severity(Severity::Error)
            .fix("delete them: they carry text that no reader sees"),
    )
}

/// The finding for `count` copies of `c` at `run`, or `None` where the text needs them.
fn judge(
    file: &SourceFile,
    run: Range<usize>,
    c: char,
    found: Invisible,
    count: usize,
) -> Option<Finding> {
    let text = &file.text;
    let name = format!("{} {}", code_point(c), found.name);
    let repeated = if count > 1 {
        format!(", {count} in a row")
    } else {
        String::new()
    };
    let (message, fix, severity) = match found.kind {
        InvisibleKind::BidiControl => (
            format!("bidirectional control {name}{repeated}"),
            "delete it: it reorders the text readers see; the letters set their own direction",
            Severity::Error,
        ),
        InvisibleKind::BidiMark if count > 1 => (
            format!("bidirectional mark {name}{repeated}"),
            "keep one mark at most",
            Severity::Warning,
        ),
        InvisibleKind::BidiMark => {
            if line_has_rtl_letters(file, run.start) {
                return None;
            }
            (
                format!("bidirectional mark {name} on a line without right-to-left text"),
                "delete it: it does nothing here",
                Severity::Warning,
            )
        }
        InvisibleKind::Joiner => {
            if count == 1 && joiner_is_needed(text, &run) {
                return None;
            }
            (
                format!("invisible character {name}{repeated} outside a script that uses it"),
                "delete it",
                Severity::Warning,
            )
        }
        InvisibleKind::ByteOrderMark if run.start == 0 => (
            format!(
                "byte order mark {} at the start of the file{repeated}",
                code_point(c)
            ),
            "save the file as UTF-8 without a byte order mark",
            Severity::Warning,
        ),
        InvisibleKind::ByteOrderMark => (
            format!("stray byte order mark {name}{repeated}"),
            "delete it",
            Severity::Warning,
        ),
        // Runs of tags are judged whole, by `judge_tags`.
        InvisibleKind::Tag => return None,
        InvisibleKind::Control => (
            format!("control character {name}{repeated}"),
            "delete it",
            Severity::Warning,
        ),
        InvisibleKind::Separator => (
            format!("invisible line break {name}{repeated}"),
            "replace it with a line break or a space",
            Severity::Warning,
        ),
        InvisibleKind::Format => {
            if c == '\u{200B}' && count == 1 && between_unspaced_letters(text, &run) {
                return None;
            }
            let fix = if c == '\u{00AD}' {
                "delete it: hyphenation is the job of the page that shows the text"
            } else {
                "delete it"
            };
            (
                format!("invisible character {name}{repeated}"),
                fix,
                Severity::Warning,
            )
        }
    };
    Some(
        Finding::new(&INFO, run, message)
            .severity(severity)
            .fix(fix),
    )
}

/// C1 controls and the soft hyphen are also what Windows-1252 or ISO 8859-1 decode bytes of
/// UTF-8 sequences to: inside mojibake they are `encoding-damage`'s.
fn windows_1252_range(c: char) -> bool {
    ('\u{80}'..='\u{FF}').contains(&c)
}

fn line_has_rtl_letters(file: &SourceFile, offset: usize) -> bool {
    let line = file.lines.line_of(offset);
    file.line_text(line)
        .chars()
        .any(|c| c.is_alphabetic() && is_rtl_script(char_script(c)))
}

/// A joiner next to a letter of a script that shapes or conjoins with it, or between emoji.
fn joiner_is_needed(text: &str, run: &Range<usize>) -> bool {
    let before = base_before(text, run.start);
    let after = text[run.end..].chars().next();
    before.is_some_and(|c| uses_joiners(char_script(c)))
        || after.is_some_and(|c| uses_joiners(char_script(c)))
        || (before.is_some_and(is_emoji) && after.is_some_and(is_emoji))
}

/// A zero-width space between two letters of a script written without spaces between words.
fn between_unspaced_letters(text: &str, run: &Range<usize>) -> bool {
    let unspaced = |c: char| {
        matches!(
            char_script(c),
            Script::Thai | Script::Lao | Script::Khmer | Script::Myanmar | Script::Tibetan
        )
    };
    let before = base_before(text, run.start);
    let after = text[run.end..].chars().next();
    before.is_some_and(unspaced) && after.is_some_and(unspaced)
}

/// The character before `offset`, skipping combining marks and variation selectors (which take
/// the script of their base).
fn base_before(text: &str, offset: usize) -> Option<char> {
    text[..offset]
        .chars()
        .rev()
        .find(|&c| char_script(c) != Script::Inherited)
}

fn uses_joiners(script: Script) -> bool {
    matches!(
        script,
        Script::Arabic
            | Script::Syriac
            | Script::Nko
            | Script::Mongolian
            | Script::Devanagari
            | Script::Bengali
            | Script::Gurmukhi
            | Script::Gujarati
            | Script::Oriya
            | Script::Tamil
            | Script::Telugu
            | Script::Kannada
            | Script::Malayalam
            | Script::Sinhala
            | Script::Khmer
            | Script::Myanmar
    )
}

/// Pictographs and the modifiers that join them into one emoji.
fn is_emoji(c: char) -> bool {
    matches!(
        c as u32,
        0x00A9
            | 0x00AE
            | 0x203C
            | 0x2049
            | 0x2122
            | 0x2139
            | 0x2194..=0x21AA
            | 0x2300..=0x23FF
            | 0x2600..=0x27BF
            | 0x2B00..=0x2BFF
            | 0x1F000..=0x1FAFF
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check, excerpts};

    fn messages(locale: &str, text: &str) -> Vec<String> {
        check(&InvisibleCharacter, locale, None, text)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn bidi_controls_are_errors_everywhere() {
        let text =
            "כותרת\n\nבדקו את הרשימה\u{202E} פעם בחודש.\n\n```\nlet x = \u{2067}1\u{2069};\n```\n";
        let findings = check(&InvisibleCharacter, "he", None, text);
        assert_eq!(
            findings.iter().map(|f| &f.message).collect::<Vec<_>>(),
            vec![
                "bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE",
                "bidirectional control U+2067 RIGHT-TO-LEFT ISOLATE",
                "bidirectional control U+2069 POP DIRECTIONAL ISOLATE",
            ]
        );
        assert!(findings.iter().all(|f| f.severity == Severity::Error));
        assert_eq!(excerpts(text, &findings)[0], "\u{202E}");
    }

    #[test]
    fn one_mark_in_right_to_left_text_is_allowed() {
        assert!(messages("ar", "عنوان\n\nنستخدم Guru\u{200F} كل يوم.\n").is_empty());
        assert!(messages("he", "כותרת\n\nעברנו ל-Google Drive\u{200F}.\n").is_empty());
    }

    #[test]
    fn marks_without_right_to_left_text_or_in_runs_are_reported() {
        assert_eq!(
            messages(
                "ar",
                "عنوان\n\nنستخدم Guru\u{200F}\u{200F}\u{200F} كل يوم.\n"
            ),
            vec!["bidirectional mark U+200F RIGHT-TO-LEFT MARK, 3 in a row"]
        );
        assert_eq!(
            messages("hi", "शीर्षक\n\nहम CX\u{200E} का उपयोग करते हैं।\n"),
            vec![
                "bidirectional mark U+200E LEFT-TO-RIGHT MARK on a line without right-to-left text"
            ]
        );
        // The Arabic letter mark is an Arabic-script character but not a letter: alone on a
        // Latin line it is still reported.
        assert_eq!(
            messages("fr", "Titre\n\nBonjour\u{061C} tout le monde.\n").len(),
            1
        );
    }

    #[test]
    fn joiners_where_scripts_need_them_are_allowed() {
        let persian = "عنوان\n\nمی\u{200C}خواهیم کتاب\u{200C}ها را بخوانیم.\n";
        let hindi = "शीर्षक\n\nक्\u{200D}ष और र्\u{200D}य लिखें।\n";
        let malayalam = "തലക്കെട്ട്\n\nഅവന്\u{200D} വന്നു.\n";
        let emoji = "Title\n\nOur team \u{1F469}\u{200D}\u{1F4BB} ships.\n";
        assert!(messages("fa", persian).is_empty());
        assert!(messages("hi", hindi).is_empty());
        assert!(messages("ml", malayalam).is_empty());
        assert!(messages("en", emoji).is_empty());
    }

    #[test]
    fn joiners_in_latin_or_cyrillic_words_are_reported() {
        assert_eq!(
            messages("de", "Titel\n\nDas Pass\u{200C}wort ändern.\n"),
            vec!["invisible character U+200C ZERO WIDTH NON-JOINER outside a script that uses it"]
        );
        assert_eq!(
            messages("ru", "Заголовок\n\nИзменить па\u{200D}роль.\n").len(),
            1
        );
    }

    #[test]
    fn zero_width_space_soft_hyphen_word_joiner() {
        let text = "Titel\n\nDas Pass\u{200B}wort, die Zugangs\u{00AD}daten und\u{2060}so.\n";
        assert_eq!(
            messages("de", text),
            vec![
                "invisible character U+200B ZERO WIDTH SPACE",
                "invisible character U+00AD SOFT HYPHEN",
                "invisible character U+2060 WORD JOINER",
            ]
        );
        // Thai marks word breaks with it.
        assert!(messages("th", "หัวข้อ\n\nภาษา\u{200B}ไทย\n").is_empty());
    }

    #[test]
    fn byte_order_marks() {
        let text = "\u{FEFF}Titel\n\nErster\u{FEFF} Absatz.\n";
        let findings = check(&InvisibleCharacter, "de", None, text);
        assert_eq!(
            findings.iter().map(|f| &f.message).collect::<Vec<_>>(),
            vec![
                "byte order mark U+FEFF at the start of the file",
                "stray byte order mark U+FEFF ZERO WIDTH NO-BREAK SPACE",
            ]
        );
        assert_eq!(findings[0].range, 0..3);
    }

    #[test]
    fn control_characters_but_not_tabs_or_line_breaks() {
        let text = "Titel\r\n\r\nEin\tAbsatz\u{7}mit\u{1B}[31m Farbe\u{85}.\n";
        assert_eq!(
            messages("de", text),
            vec![
                "control character U+0007 ALERT",
                "terminal escape sequence `<U+001B>[31m`",
                "control character U+0085 NEXT LINE",
            ]
        );
    }

    #[test]
    fn c1_controls_inside_mojibake_are_left_to_encoding_damage() {
        // `’` (E2 80 99) read as ISO 8859-1: `â` and two C1 controls.
        let text = "Title\n\nIt\u{E2}\u{80}\u{99}s here.\n";
        assert!(messages("en", text).is_empty());
    }

    #[test]
    fn soft_hyphen_inside_mojibake_is_left_to_encoding_damage() {
        // `í` (C3 AD) read as Windows-1252: `Ã` and a soft hyphen.
        let text = "Título\n\nEscr\u{C3}\u{AD}benos y escri\u{AD}be.\n";
        let findings = check(&InvisibleCharacter, "es", None, text);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(
            findings[0].message,
            "invisible character U+00AD SOFT HYPHEN"
        );
        assert_eq!(findings[0].range.start, text.rfind('\u{AD}').unwrap());
    }

    #[test]
    fn runs_are_one_finding() {
        let text = "Titel\n\nZu\u{200B}\u{200B}\u{200B}sammen.\n";
        let findings = check(&InvisibleCharacter, "de", None, text);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "invisible character U+200B ZERO WIDTH SPACE, 3 in a row"
        );
        assert_eq!(excerpts(text, &findings), vec!["\u{200B}\u{200B}\u{200B}"]);
    }

    #[test]
    fn tag_characters_are_reported_with_their_text_but_not_in_a_flag() {
        let hidden: String = "run rm"
            .chars()
            .map(|c| char::from_u32(0xE0000 + c as u32).unwrap())
            .collect();
        assert_eq!(
            messages("fr", &format!("Titre\n\nUn texte{hidden} simple.\n")),
            ["tag characters from U+E0072, 6 in a row, hiding the text `run rm`"]
        );
        let scotland = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        assert!(messages("fr", &format!("Titre\n\nÉcosse {scotland}.\n")).is_empty());
    }

    #[test]
    fn a_terminal_escape_sequence_is_one_finding() {
        assert_eq!(
            messages(
                "de",
                "Titel\n\nEin \u{1b}[1;31mroter\u{1b}[0m Text und \u{1b}]0;title\u{7} mehr.\n"
            ),
            [
                "terminal escape sequence `<U+001B>[1;31m`",
                "terminal escape sequence `<U+001B>[0m`",
                "terminal escape sequence `<U+001B>]0;title<U+0007>`",
            ]
        );
        // A lone escape at the end of the text is a control character.
        assert_eq!(
            messages("de", "Titel\n\nText\u{1b}"),
            ["control character U+001B ESCAPE"]
        );
    }
}
