//! Running one rule over text in unit tests, as `check` runs every rule over files.

use crate::align;
use crate::config::Settings;
use crate::document::{Document, Format};
use crate::finding::Finding;
use crate::locale::Locale;
use crate::source::SourceFile;

use super::{Context, Rule, SourceSide};

/// The findings of `rule` on a plain-text translation with no source.
pub fn check(rule: &dyn Rule, locale: &str, text: &str) -> Vec<Finding> {
    run(rule, locale, text, None)
}

/// The findings of `rule` on a plain-text translation of an English source.
pub fn check_with_source(rule: &dyn Rule, locale: &str, text: &str, source: &str) -> Vec<Finding> {
    run(rule, locale, text, Some(source))
}

fn run(rule: &dyn Rule, locale: &str, text: &str, source: Option<&str>) -> Vec<Finding> {
    let locale = Locale::parse(locale).expect("a valid locale");
    let settings = Settings::default();
    let file = SourceFile::new(format!("{locale}.txt"), text);
    let document = Document::parse(&file, Format::PlainText);
    let source = source.map(|text| {
        let file = SourceFile::new("en.txt", text);
        let document = Document::parse(&file, Format::PlainText);
        (file, document)
    });
    let duplicates = align::find_duplicates(&document, source.as_ref().map(|(_, d)| d));
    let alignment = source
        .as_ref()
        .map(|(_, d)| align::align(d, &document, &duplicates));
    let ctx = Context {
        file: &file,
        document: &document,
        locale: &locale,
        locale_data: locale.data(),
        duplicates: &duplicates,
        source: source
            .as_ref()
            .zip(alignment.as_ref())
            .map(|((file, document), alignment)| SourceSide {
                file,
                document,
                locale: &settings.source_locale,
                alignment,
            }),
        settings: &settings,
    };
    let mut findings = Vec::new();
    rule.check(&ctx, &mut findings);
    findings.sort_by_key(|f| f.range.start);
    findings
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::check;
    use crate::rules::RULES;

    const TYPOGRAPHY: &[&str] = &[
        "locale-punctuation",
        "unbalanced-pair",
        "mismatched-quotes",
        "spacing",
        "repeated-word",
    ];

    /// Text made of the characters the typography rules look at, in many scripts.
    fn article() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "Word",
            " ",
            "  ",
            "\n",
            "\n\n",
            ".",
            ",",
            "?",
            "!",
            ":",
            ";",
            "(",
            ")",
            "[",
            "]",
            "\"",
            "“",
            "”",
            "„",
            "«",
            "»",
            "‘",
            "’",
            "「",
            "」",
            "（",
            "）",
            "¿",
            "¡",
            "।",
            "،",
            "؟",
            "。",
            "，",
            "3",
            "3.5",
            "1,000",
            "e.g.",
            "Node.js",
            "है",
            "का",
            "ـ",
            "\u{202F}",
            "\u{A0}",
            "\t",
            "कि",
            "عند",
            "中文",
            "한국",
            "Ж",
            "https://a.io/x?y",
            "f.png",
            "é",
        ]);
        prop::collection::vec(pieces, 1..60).prop_map(|p| format!("Title\n\n{}", p.concat()))
    }

    proptest! {
        #[test]
        fn rules_never_panic_and_ranges_stay_on_characters(
            text in article(),
            locale in prop::sample::select(vec!["hi", "ar", "fa", "ur", "zh", "ja", "ko", "ru", "fr", "es", "de", "sv", "he", "en"]),
        ) {
            for rule in RULES.iter().filter(|r| TYPOGRAPHY.contains(&r.info().id)) {
                for finding in check(*rule, locale, &text) {
                    prop_assert!(finding.range.start <= finding.range.end);
                    prop_assert!(text.get(finding.range.clone()).is_some(), "{:?}", finding);
                    prop_assert!(!finding.message.ends_with('.'));
                    prop_assert!(finding.fix.is_some());
                }
            }
        }
    }
}
