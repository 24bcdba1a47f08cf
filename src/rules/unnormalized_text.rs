use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc, UnicodeNormalization};

use crate::document::Block;
use crate::finding::{Finding, Severity};
use crate::locale::invisible::code_point;

use super::{Context, Rule, RuleInfo};

pub struct UnnormalizedText;

static INFO: RuleInfo = RuleInfo {
    id: "unnormalized-text",
    default_severity: Severity::Warning,
    summary: "Text not in Unicode NFC where its source is: decomposed letters and accents",
    needs_source: true,
    docs: r#"## What it finds

Text stored in another Unicode form than its source's NFC: a letter and its accent as two code
points (`e` + U+0301) where the composed `é` is expected, Hangul as separate jamo, a two-part
Indic vowel as its two parts. One finding for each translation: the first such place, and how
many other blocks have one.

Only blocks whose aligned source block is in NFC are read. Characters that NFC itself takes
apart, such as the precomposed Bengali `য়` (U+09DF) or Devanagari `क़` (U+0958), are what
keyboards type and are not reported.

## Why it matters

The text displays correctly, so no reader sees a difference, but search, sorting, spell
checking and comparison with a glossary or the source treat `é` and `e` + U+0301 as different
text. Decomposed text usually comes from a tool on the way (a file system, a copy from a PDF).

## Example

```text
warning[unnormalized-text]: text not in NFC: "é" written as U+0065 U+0301 (NFC: U+00E9), and 3 more blocks
 --> pt.txt:3:48
```

## How to fix

Normalise the file to NFC: most editors can, and `uconv -x any-nfc` does it on the command
line. Then find which tool decomposed it.
"#,
};

impl Rule for UnnormalizedText {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let mut first: Option<Finding> = None;
        let mut more = 0;
        for (index, block) in ctx.document.blocks.iter().enumerate() {
            let Some(source) = ctx.source_block(index) else {
                continue;
            };
            if let Some(finding) = not_nfc(block, source) {
                if first.is_none() {
                    first = Some(finding);
                } else {
                    more += 1;
                }
            }
        }
        if let Some(mut finding) = first {
            match more {
                0 => {}
                1 => finding.message.push_str(", and 1 more block"),
                n => finding.message.push_str(&format!(", and {n} more blocks")),
            }
            findings.push(finding);
        }
    }
}

/// The first place of `block` that is not in NFC, when its source block is in NFC, leaving out
/// characters NFC decomposes by itself (composition exclusions: keyboards type them).
fn not_nfc(block: &Block, source: &Block) -> Option<Finding> {
    if is_nfc(&block.text) || !is_nfc(&source.text) {
        return None;
    }
    let text = block.text.as_str();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let mut i = 0;
    while i < chars.len() {
        // A span: a starter and the characters that attach to it.
        let start = i;
        let mut end = i + 1;
        while end < chars.len()
            && (canonical_combining_class(chars[end].1) != 0
                || composes_into(&text[chars[start].0..offset(end)], chars[end].1))
        {
            end += 1;
        }
        i = end;
        let range = chars[start].0..offset(end);
        let written = &text[range.clone()];
        let normal: String = written.nfc().collect();
        if normal == written || is_excluded_precomposition(written) || block.is_masked(&range) {
            continue;
        }
        let code_points = |s: &str| s.chars().map(code_point).collect::<Vec<_>>().join(" ");
        return Some(
            Finding::new(
                &INFO,
                block.file_range(range),
                format!(
                    "text not in NFC: \"{normal}\" written as {} (NFC: {})",
                    code_points(written),
                    code_points(&normal)
                ),
            )
            .fix("normalise the file to NFC")
            .source(source.range.clone()),
        );
    }
    None
}

/// A span of precomposed characters that NFC takes apart (`য়` U+09DF, `क़` U+0958): the form a
/// keyboard types and a font shows the same.
fn is_excluded_precomposition(written: &str) -> bool {
    written
        .chars()
        .all(|c| std::iter::once(c).nfc().ne(std::iter::once(c)))
}

/// Whether canonical composition joins `next` to the end of `written` (Hangul jamo, two-part
/// Indic vowels), although both are starters.
fn composes_into(written: &str, next: char) -> bool {
    let alone = written.nfc().count();
    written.chars().chain([next]).nfc().count() <= alone
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check, excerpts};

    #[test]
    fn decomposed_text_is_reported_once_where_the_source_is_composed() {
        let source = "Title\n\nThe café opens at nine.\n\nThe café closes at six.\n";
        let text = "Título\n\nO cafe\u{301} abre às nove.\n\nO cafe\u{301} fecha às seis.\n";
        let findings = check(&UnnormalizedText, "pt", Some(source), text);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(
            findings[0].message,
            "text not in NFC: \"é\" written as U+0065 U+0301 (NFC: U+00E9), and 1 more block"
        );
        assert_eq!(excerpts(text, &findings), vec!["e\u{301}"]);
        // A decomposed source block sets the standard: nothing to report.
        let decomposed_source =
            "Title\n\nThe cafe\u{301} opens at nine.\n\nThe cafe\u{301} closes.\n";
        assert!(check(&UnnormalizedText, "pt", Some(decomposed_source), text).is_empty());
    }

    #[test]
    fn two_part_vowels_and_jamo_are_one_character() {
        let source = "Title\n\nA word.\n";
        // Bengali ো written as ে + া; Hangul 한 written as three jamo.
        let bengali = "শিরোনাম\n\nএকটি কে\u{9BE}থা।\n";
        let findings = check(&UnnormalizedText, "bn", Some(source), bengali);
        assert_eq!(excerpts(bengali, &findings), vec!["\u{9C7}\u{9BE}"]);
        let korean = "제목\n\n\u{1112}\u{1161}\u{11AB}글.\n";
        let findings = check(&UnnormalizedText, "ko", Some(source), korean);
        assert_eq!(
            excerpts(korean, &findings),
            vec!["\u{1112}\u{1161}\u{11AB}"]
        );
    }

    #[test]
    fn precomposed_letters_that_nfc_takes_apart_are_typed_text() {
        let source = "Title\n\nA word.\n";
        // `য়` (U+09DF) and `ড়` (U+09DC): NFC writes them in two code points, keyboards in one.
        let bengali = "শিরোনাম\n\nএছা\u{9DC}া ডেমোতে স্ব\u{9DF}ংক্রি\u{9DF}ভাবে।\n";
        assert!(check(&UnnormalizedText, "bn", Some(source), bengali).is_empty());
    }
}
