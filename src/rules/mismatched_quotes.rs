use std::collections::HashMap;

use crate::document::{is_code_like, Block};
use crate::evidence::Habit;
use crate::finding::{Finding, Severity};
use crate::locale::LocaleData;

use super::marks::{describe, is_native_letter};
use super::pairing::{self, Level, Quotation};
use super::{Context, Rule, RuleInfo};

pub struct MismatchedQuotes;

static INFO: RuleInfo = RuleInfo {
    id: "mismatched-quotes",
    default_severity: Severity::Warning,
    summary: "Quotation marks of different styles in one quotation, or mixed in one translation",
    needs_source: false,
    docs: r#"## What it finds

- A quotation opened with one style of quotation mark and closed with another: `“…"`, `"…”`,
  `«…”`, `「…”`.
- Quotation styles mixed within one translation: `« … »` in most quotations and `“ … ”` or
  `" … "` in a few. The quotations in the less used style are reported, once each. Quotations
  nested inside another one are left alone: they are expected to use the language's other
  pair (`« il a dit “non” »`).

Which marks open and close follows the language: German `„…“`, Swedish `”…”` and Arabic `”…“`
are one style each, not a mismatch. A quotation that is never closed is reported by
`unbalanced-pair` instead.

## Why it matters

Mixed marks are the trace of an edit or of a translation engine that copied the source's
quotes; readers see them as sloppiness, and tools that convert quotes (or search for a quoted
phrase) miss them.

## Example

```text
hi.txt:12:131  warning  quotation opened with `“` (U+201C) and closed with `"` (U+0022)
  ... पसंद करती हैं, “एक ब्रांड केवल ... बनाए रखना।" एक ब्रांड ...
                     ^
```

## How to fix

Use one pair of the language's quotation marks for each quotation (the fix names the mark to
replace), and one style throughout the translation.
"#,
};

impl Rule for MismatchedQuotes {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let data = ctx.locale_data;
        let mut outer: Vec<(&Block, Quotation)> = Vec::new();
        for (index, block) in ctx.document.blocks.iter().enumerate() {
            if !block.kind.is_prose() {
                continue;
            }
            let source = ctx.aligned_source_block(index);
            for quotation in pairing::pair(block, data).quotations {
                if quotation.is_mismatched() {
                    findings.push(mismatch(block, &quotation, data));
                } else if quotation.level == Level::Double
                    && quotation.depth == 0
                    && !quotes_a_literal(block, &quotation, data, source)
                {
                    outer.push((block, quotation));
                }
            }
        }
        report_mixed_styles(&outer, data, findings);
    }
}

fn mismatch(block: &Block, quotation: &Quotation, data: &LocaleData) -> Finding {
    let (open, close) = (quotation.open.ch, quotation.close.ch);
    Finding::new(
        &INFO,
        block.file_range(quotation.open.range()),
        format!(
            "quotation opened with {} and closed with {}",
            describe(open),
            describe(close)
        ),
    )
    .related(block.file_range(quotation.close.range()), "closed here")
    .fix(mismatch_fix(open, close, data))
}

/// Keeps the mark that belongs to the language's pairs and replaces the other.
fn mismatch_fix(open: char, close: char, data: &LocaleData) -> String {
    if let Some(pair) = data.quotes.iter().find(|q| q.open == open) {
        return format!("replace the closing `{close}` with `{}`", pair.close);
    }
    if let Some(pair) = data.quotes.iter().find(|q| q.close == close) {
        return format!("replace the opening `{open}` with `{}`", pair.open);
    }
    match data.quotes.first() {
        Some(primary) => format!(
            "use \"{}\" and \"{}\" for this quotation",
            primary.open, primary.close
        ),
        None => "use one style of quotation mark for both ends".into(),
    }
}

/// Reports the outer quotations whose style is not the one most used in the translation.
/// In a translation that quotes in more than one style: quotations in a style that is not the
/// language's, when the translation also uses the language's own (whatever the majority); the
/// language's alternate style where its primary one dominates; else the minority style. A style
/// that the locale practises is its convention.
fn report_mixed_styles(
    outer: &[(&Block, Quotation)],
    data: &LocaleData,
    findings: &mut Vec<Finding>,
) {
    let mut counts: HashMap<(char, char), usize> = HashMap::new();
    for (_, q) in outer {
        *counts.entry((q.open.ch, q.close.ch)).or_insert(0) += 1;
    }
    if counts.len() < 2 {
        return;
    }
    let rank = |&(open, close): &(char, char)| data.quote_rank(open, close);
    let preference = |style: &(char, char)| {
        rank(style).unwrap_or(if style.0 == '"' {
            data.quotes.len()
        } else {
            usize::MAX
        })
    };
    let by_count = |a: &&(char, char), b: &&(char, char)| {
        counts[*a]
            .cmp(&counts[*b])
            .then_with(|| preference(b).cmp(&preference(a)))
            .then_with(|| b.cmp(a))
    };
    let own: Vec<&(char, char)> = counts.keys().filter(|s| rank(s).is_some()).collect();
    let Some(&main) = (if own.is_empty() {
        counts.keys().max_by(by_count)
    } else {
        own.iter().copied().max_by(by_count)
    }) else {
        return;
    };
    let total = outer.len();
    let main_count = counts[&main];
    // Foreign quotations as many as the language's own, or more: the file mixes two styles
    // and most of it is in the foreign one. One finding says so, where the language's own style
    // holds a fair share (twice, or a fifth of the quotations; once in a Chinese or Japanese
    // file, whose running text has no typewriter habit); a lone quotation in the language's
    // style among many foreign ones leaves the file to its style.
    let own_count: usize = counts
        .iter()
        .filter(|(style, _)| rank(style).is_some())
        .map(|(_, &n)| n)
        .sum();
    let han = data.scripts.contains(&crate::locale::Script::Han);
    if let Some((&foreign, &count)) = counts
        .iter()
        .filter(|(style, _)| rank(style).is_none())
        .max_by_key(|(&style, &count)| (count, std::cmp::Reverse(style)))
    {
        let mixed = total >= 3 && (han || own_count >= 2 || 5 * own_count >= total);
        // One quotation each way: the language's own style decides, as below, against a
        // foreign typographic style; a typewriter `"` beside one quotation in the language's
        // style is no habit yet, except in Chinese or Japanese text, which never takes it.
        let tie = !mixed && count == own_count && (foreign.0 != '"' || han);
        if count >= own_count && own_count > 0 && !tie {
            if !mixed {
                return;
            }
            if let Some((block, q)) = outer
                .iter()
                .find(|(_, q)| (q.open.ch, q.close.ch) == foreign)
            {
                findings.push(
                    Finding::new(
                        &INFO,
                        block.file_range(q.open.range()),
                        format!(
                            "this translation quotes with {}…{} ({count} of {total} quotations); {} quotes with {}…{}",
                            foreign.0, foreign.1, data.name, main.0, main.1
                        ),
                    )
                    .fix(format!(
                        "replace `{}` and `{}` with `{}` and `{}` throughout",
                        foreign.0, foreign.1, main.0, main.1
                    ))
                    .habit(Habit::QuoteStyle(foreign.0, foreign.1)),
                );
            }
            return;
        }
    }
    for (block, q) in outer {
        let style = (q.open.ch, q.close.ch);
        // The language's primary style is never the one to replace.
        if style == main || rank(&style) == Some(0) {
            continue;
        }
        findings.push(
            Finding::new(
                &INFO,
                block.file_range(q.open.range()),
                format!(
                    "quotation in {}…{} while this translation quotes with {}…{} ({main_count} of {total} quotations)",
                    q.open.ch, q.close.ch, main.0, main.1
                ),
            )
            .related(block.file_range(q.close.range()), "closed here")
            .fix(format!(
                "replace `{}` and `{}` with `{}` and `{}`",
                q.open.ch, q.close.ch, main.0, main.1
            ))
            .habit(Habit::QuoteStyle(q.open.ch, q.close.ch)),
        );
    }
}

/// A quotation of a literal rather than of words: its content has no letter of the
/// translation's own script (`"/todo"`, `"OTEPs"`, `"::"`), is code, or is a value the source
/// quotes as it is (`"off"`), so its marks are the code's.
fn quotes_a_literal(
    block: &Block,
    quotation: &Quotation,
    data: &LocaleData,
    source: Option<&Block>,
) -> bool {
    let content = &block.text[quotation.open.at + quotation.open.ch.len_utf8()..quotation.close.at];
    let content = content.trim();
    !content.chars().any(|c| is_native_letter(c, data))
        || (!content.contains(char::is_whitespace) && is_code_like(content))
        || source.is_some_and(|s| {
            ["\"", "'", "“", "”"]
                .iter()
                .any(|q| s.text.contains(&format!("{q}{content}")))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::check_alone as check;

    fn messages(locale: &str, text: &str) -> Vec<String> {
        check(&MismatchedQuotes, locale, text)
            .into_iter()
            .map(|f| format!("{} | {}", f.message, f.fix.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn a_quotation_closed_with_another_style() {
        assert_eq!(
            messages("hi", "शीर्षक\n\nवे कहती हैं, “एक ब्रांड केवल लोगो नहीं है।\" एक ब्रांड।\n"),
            vec!["quotation opened with `“` (U+201C) and closed with `\"` (U+0022) | replace the closing `\"` with `”`"]
        );
        assert_eq!(
            messages("ar", "عنوان\n\nتحب أن تشير إلى أن، \"العلامة التجارية أكثر من شعار.” تضع العلامة.\n"),
            vec!["quotation opened with `\"` (U+0022) and closed with `”` (U+201D) | replace the opening `\"` with `“`"]
        );
    }

    #[test]
    fn the_minority_style_is_reported_once_per_quotation() {
        let text = "Titre\n\nIl a dit « oui » puis « non ».\n\nElle a dit “peut-être” hier.\n\nEt « enfin » ce soir.\n";
        let findings = check(&MismatchedQuotes, "fr", text);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "quotation in “…” while this translation quotes with «…» (3 of 4 quotations)"
        );
        let at = text.find('“').unwrap();
        assert_eq!(findings[0].range, at..at + '“'.len_utf8());
    }

    #[test]
    fn nested_quotes_in_the_alternate_pair_pass() {
        let text = "Titre\n\n« Il m’a dit “non” hier », raconte-t-elle. Puis « oui ».\n";
        assert!(messages("fr", text).is_empty());
        let text = "Titel\n\nEr sagte „sie rief ‚Hilfe‘ laut“ und „ja“.\n";
        assert!(messages("de", text).is_empty());
    }

    #[test]
    fn each_convention_is_one_style() {
        for (locale, text) in [
            ("de", "Titel\n\nEr sagte „ja“ und „nein“.\n"),
            ("sv", "Titel\n\nHan sa ”ja” och ”nej”.\n"),
            ("ar", "عنوان\n\nقال ”نعم“ ثم قال ”لا“.\n"),
            ("en", "Title\n\nShe said \"yes\" and \"no\".\n"),
        ] {
            assert!(messages(locale, text).is_empty(), "{locale}");
        }
    }

    #[test]
    fn the_languages_own_style_is_never_the_one_to_replace() {
        // Russian quotes with «»: a few straight quotations among many «» are slips, each one.
        let text =
            "Заголовок\n\nОн сказал «да», потом «нет», «может быть» и «снова».\n\nИ \"вот\".\n";
        assert_eq!(
            messages("ru", text),
            vec!["quotation in \"…\" while this translation quotes with «…» (4 of 5 quotations) | replace `\"` and `\"` with `«` and `»`"]
        );
        // Mostly straight quotes, the language's own among them: one finding for the file.
        let text = "Заголовок\n\n\"Один\" и \"два\", \"три\", «четыре» и «пять».\n";
        assert_eq!(
            messages("ru", text),
            vec!["this translation quotes with \"…\" (3 of 5 quotations); Russian quotes with «…» | replace `\"` and `\"` with `«` and `»` throughout"]
        );
        // A lone «» among many straight quotes: the file's style is the straight one.
        let text =
            "Заголовок\n\n\"Один\", \"два\", \"три\", \"четыре\", \"пять\", \"шесть\" и «семь».\n";
        assert!(
            messages("ru", text).is_empty(),
            "{:?}",
            messages("ru", text)
        );
    }

    #[test]
    fn quoted_literals_are_the_codes_marks() {
        // A path, an identifier, a value the source quotes too: not prose quotations.
        let text = "題名\n\n「設定」を開き、\"/todo\" と \"OTEPs\" を確認します。\n";
        assert!(
            messages("ja", text).is_empty(),
            "{:?}",
            messages("ja", text)
        );
        let source = "Title\n\nSet it to \"off\" or \"force\", as «the guide» says.\n";
        let es = "Título\n\nPonlo en \"off\" o \"force\", como dice «la guía».\n";
        assert!(
            crate::rules::test_support::check_with_source(&MismatchedQuotes, "es", es, source)
                .is_empty()
        );
    }
}
