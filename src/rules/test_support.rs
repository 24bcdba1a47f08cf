//! Running one rule over texts, for the rules' unit tests: the same preparation as a real run
//! (parse, find duplicates, align), without files on disk.

use crate::check::{check_translation, gather_evidence, Parsed, Translation};
use crate::config::Settings;
use crate::finding::Finding;
use crate::locale::Locale;
use crate::source::SourceFile;

use super::Rule;

/// The findings of `rule` on the plain-text translation `text` in `locale`, with `source` as its
/// English source when given.
pub(crate) fn check(
    rule: &dyn Rule,
    locale: &str,
    source: Option<&str>,
    text: &str,
) -> Vec<Finding> {
    check_with(rule, locale, source, text, &Settings::default())
}

pub(crate) fn check_with(
    rule: &dyn Rule,
    locale: &str,
    source: Option<&str>,
    text: &str,
    settings: &Settings,
) -> Vec<Finding> {
    check_file(
        rule,
        &format!("{locale}.txt"),
        locale,
        source,
        text,
        settings,
    )
}

/// The findings of `rule` on the translation `text` read as the file `name` (its extension
/// chooses the format), with `source` in the same format as its English source when given.
/// The translation is prepared as in a real run: parsed, aligned, its group's evidence gathered.
pub(crate) fn check_file(
    rule: &dyn Rule,
    name: &str,
    locale: &str,
    source: Option<&str>,
    text: &str,
    settings: &Settings,
) -> Vec<Finding> {
    let locale = Locale::parse(locale).expect("a known locale");
    let extension = name.rsplit('.').next().unwrap_or("txt");
    let source = source.map(|text| Parsed::new(SourceFile::new(format!("en.{extension}"), text)));
    // The group's files, as a real run finds them on disk: a language menu links them.
    let group_files = [format!("en.{extension}"), name.to_lowercase()].into();
    let translation = Translation::new(
        Parsed::new(SourceFile::new(name, text)),
        locale,
        source.as_ref(),
        true,
        &group_files,
    );
    let translations = [translation];
    let evidence = gather_evidence(source.as_ref(), &translations);
    check_translation(
        &translations[0],
        source.as_ref(),
        &evidence,
        None,
        &[rule],
        settings,
    )
    .findings
}

/// The text each finding points at.
pub(crate) fn excerpts<'a>(text: &'a str, findings: &[Finding]) -> Vec<&'a str> {
    findings.iter().map(|f| &text[f.range.clone()]).collect()
}

/// The findings of `rule` on a plain-text translation with no source, in position order.
pub(crate) fn check_alone(rule: &dyn Rule, locale: &str, text: &str) -> Vec<Finding> {
    let mut findings = check(rule, locale, None, text);
    findings.sort_by_key(|f| f.range.start);
    findings
}

/// The findings of `rule` on a plain-text translation of `source`, in position order.
pub(crate) fn check_with_source(
    rule: &dyn Rule,
    locale: &str,
    text: &str,
    source: &str,
) -> Vec<Finding> {
    let mut findings = check(rule, locale, Some(source), text);
    findings.sort_by_key(|f| f.range.start);
    findings
}

mod properties {
    use proptest::prelude::*;

    use super::check_alone as check;
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
            for rule in RULES {
                let typography = TYPOGRAPHY.contains(&rule.info().id);
                for finding in check(*rule, locale, &text) {
                    prop_assert!(finding.range.start <= finding.range.end);
                    prop_assert!(text.get(finding.range.clone()).is_some(), "{:?}", finding);
                    prop_assert!(!finding.message.ends_with('.'));
                    prop_assert!(!typography || finding.fix.is_some(), "{:?}", finding);
                }
            }
        }
    }
}
