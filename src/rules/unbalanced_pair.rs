use std::collections::HashMap;

use crate::finding::{Finding, Severity};

use super::marks::describe;
use super::pairing::{self, Group, Lone, Unpaired};
use super::{Context, Rule, RuleInfo};

pub struct UnbalancedPair;

static INFO: RuleInfo = RuleInfo {
    id: "unbalanced-pair",
    default_severity: Severity::Error,
    summary:
        "A bracket or quotation mark that nothing closes, or a closing one that nothing opened",
    needs_source: false,
    docs: r#"## What it finds

Brackets and quotation marks that do not pair up within a block (a paragraph, a heading, a list
item): `( )`, `[ ]`, `（ ）`, `【 】`, `《 》`, `“ ”`, `‘ ’`, `„ “`, `« »`, `「 」`, `『 』`, and
straight `"`. The finding points at the opening mark that is never closed, or at a closing
mark that nothing opened.

Quotation marks are read the way the language writes them: German `„…“`, Swedish and Finnish
`”…”`, Arabic and Urdu `”…“` pair up as well as English `“…”`. A mark's position decides first
(after a space and before a word it opens; after a word and before a space or punctuation it
closes), then the language's quotation pairs.

Not reported: apostrophes (`don't`, `l’homme`, `Guru’s`, `’90s`), inch marks after a number
(`15"`), list labels inside a sentence (`a) … b) …`), emoticons, code, URLs and file names, and
an imbalance that the aligned source block has too (a quotation that the source continues into
the next paragraph). A quotation opened with one style and closed with another (`“…"`) is
balanced: `mismatched-quotes` reports it.

## Why it matters

An unclosed quotation leaves the reader unsure where the quoted words end; an unclosed bracket
swallows the rest of the sentence. Both are usual traces of a translation engine or of an edit
that cut a sentence in two.

## Example

```text
hi.txt:22:120  error  quotation mark `"` (U+0022) is never closed in this paragraph
  ... प्रबंधक CX को इस तरह सोचती हैं "एक दीर्घकालिक समन्वय ... मदद करते हैं।
                                   ^
```

## How to fix

Close the quotation or the bracket where the quoted words or the aside end (the aligned source
block shows where), or delete the lone mark.
"#,
};

impl Rule for UnbalancedPair {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let source_data = ctx.source.as_ref().map(|s| s.locale.data());
        for (index, block) in ctx.document.blocks.iter().enumerate() {
            if !block.kind.is_prose() {
                continue;
            }
            let pairing = pairing::pair(block, ctx.locale_data);
            if pairing.unpaired.is_empty() {
                continue;
            }
            let mut excused = match (ctx.aligned_source_block(index), source_data) {
                (Some(source), Some(data)) => lone_counts(&pairing::pair(source, data).unpaired),
                _ => HashMap::new(),
            };
            let kind = block.kind.name();
            for unpaired in pairing.unpaired {
                // `ESC [` opens a terminal escape sequence, invisible-character's to report.
                if block.text[..unpaired.mark.range().start].ends_with('\u{1b}') {
                    continue;
                }
                let key = (category(unpaired.group), unpaired.lone);
                if let Some(n) = excused.get_mut(&key).filter(|n| **n > 0) {
                    *n -= 1;
                    continue;
                }
                let range = block.file_range(unpaired.mark.range());
                findings
                    .push(Finding::new(&INFO, range, message(&unpaired, kind)).fix(fix(&unpaired)));
            }
        }
    }
}

/// Quotation marks of either level count as one category: the source may quote with `"` where
/// the translation quotes with `‘`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Category {
    Quote,
    Bracket(pairing::BracketKind),
}

fn category(group: Group) -> Category {
    match group {
        Group::Quote(_) => Category::Quote,
        Group::Bracket(kind) => Category::Bracket(kind),
    }
}

fn lone_counts(unpaired: &[Unpaired]) -> HashMap<(Category, Lone), usize> {
    let mut counts = HashMap::new();
    for u in unpaired {
        *counts.entry((category(u.group), u.lone)).or_insert(0) += 1;
    }
    counts
}

fn message(unpaired: &Unpaired, kind: &str) -> String {
    let what = match unpaired.group {
        Group::Quote(_) => "quotation mark",
        Group::Bracket(_) => "bracket",
    };
    let mark = describe(unpaired.mark.ch);
    match unpaired.lone {
        Lone::Unclosed => format!("{what} {mark} is never closed in this {kind}"),
        Lone::Stray => format!("closing {what} {mark} has no opening mark in this {kind}"),
    }
}

fn fix(unpaired: &Unpaired) -> String {
    match (unpaired.group, unpaired.lone) {
        (Group::Quote(_), Lone::Unclosed) => {
            "close the quotation where the quoted words end, or delete the mark".into()
        }
        (Group::Bracket(_), Lone::Unclosed) => format!(
            "add \"{}\" where the aside ends, or delete the bracket",
            closing_bracket(unpaired.mark.ch)
        ),
        (_, Lone::Stray) => format!(
            "open the pair where it begins, or delete \"{}\"",
            unpaired.mark.ch
        ),
    }
}

fn closing_bracket(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        '（' => '）',
        '［' => '］',
        '【' => '】',
        '〔' => '〕',
        '《' => '》',
        '〈' => '〉',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_alone as check, check_with_source};

    fn lines(findings: &[Finding]) -> Vec<String> {
        findings.iter().map(|f| f.message.clone()).collect()
    }

    #[test]
    fn reports_the_opening_mark_of_an_unclosed_quotation() {
        let text = "शीर्षक\n\nवे इस तरह सोचती हैं \"एक दीर्घकालिक समन्वय है। यह एक दर्शन है।\n";
        let findings = check(&UnbalancedPair, "hi", text);
        assert_eq!(
            lines(&findings),
            vec!["quotation mark `\"` (U+0022) is never closed in this paragraph"]
        );
        let at = text.find('"').unwrap();
        assert_eq!(findings[0].range, at..at + 1);
    }

    #[test]
    fn reports_unclosed_and_stray_brackets() {
        let text = "Titre\n\nUn aparté (jamais fermé. Puis une parenthèse] de trop.\n";
        let findings = check(&UnbalancedPair, "fr", text);
        assert_eq!(
            lines(&findings),
            vec![
                "bracket `(` (U+0028) is never closed in this paragraph",
                "closing bracket `]` (U+005D) has no opening mark in this paragraph",
            ]
        );
    }

    #[test]
    fn balanced_text_in_many_conventions_passes() {
        for (locale, text) in [
            (
                "de",
                "Titel\n\nEr sagte „ja“ und sie »nein«, dann (leise) ‚vielleicht‘.\n",
            ),
            ("sv", "Titel\n\nHan sa ”ja” och hon ’kanske’ i går.\n"),
            ("ar", "عنوان\n\nقال ”نعم“ ثم قال كـ\"تنسيق\" و«لا» (مرة).\n"),
            ("ja", "題名\n\n彼は「はい『たぶん』」と言った（昨日）。\n"),
            (
                "en",
                "Title\n\nDon’t say the users’ data is “fine” (it isn’t): a) no, b) yes :)\n",
            ),
            ("fr", "Titre\n\nL’homme a dit « oui » et c’est tout.\n"),
        ] {
            assert!(
                check(&UnbalancedPair, locale, text).is_empty(),
                "{locale}: {text}"
            );
        }
    }

    #[test]
    fn an_imbalance_the_source_has_too_is_not_reported() {
        let source = "Title\n\nShe wrote: \"The first paragraph of a long quotation.\n";
        let target = "Titre\n\nElle a écrit : « Le premier paragraphe d’une longue citation.\n";
        assert!(check_with_source(&UnbalancedPair, "fr", target, source).is_empty());
        let closed = "Title\n\nShe wrote: \"The first paragraph of a long quotation.\"\n";
        assert_eq!(
            check_with_source(&UnbalancedPair, "fr", target, closed).len(),
            1
        );
    }

    #[test]
    fn masked_text_is_ignored() {
        let text = "Title\n\nHello ${user(} and %(name)s and more.\n";
        assert!(check(&UnbalancedPair, "en", text).is_empty());
    }
}
