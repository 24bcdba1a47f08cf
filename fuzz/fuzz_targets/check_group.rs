//! Checks an arbitrary article group, as a run over files would: an English source and one or
//! two translations in locales of different scripts, every rule on. No check may fail inside,
//! and every finding must point at whole characters of its file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use loclint::check::check_texts;
use loclint::config::Settings;
use loclint::locale::Locale;
use loclint::source::SourceFile;

/// Locales of every script loclint knows conventions for, picked by the input's first byte.
const LOCALES: [&str; 12] = [
    "ar", "hi", "ja", "zh", "ko", "ru", "fa", "fr", "de", "th", "he", "bn",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut parts = text.splitn(3, '\u{1}');
    let source = parts.next().unwrap_or_default();
    let translations: Vec<(SourceFile, Locale)> = parts
        .enumerate()
        .map(|(i, part)| {
            let tag = LOCALES[(pick as usize + i * 5) % LOCALES.len()];
            let locale = Locale::parse(tag).expect("a registered tag");
            (SourceFile::new(format!("{tag}/page.md"), part), locale)
        })
        .collect();
    let outcome = check_texts(
        Some(SourceFile::new("en/page.md", source)),
        translations,
        &Settings::default(),
    );
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    for checked in &outcome.files {
        let text = &checked.file.text;
        for finding in &checked.findings {
            assert!(
                text.get(finding.range.clone()).is_some(),
                "{}: {:?} is not on character boundaries",
                finding.rule,
                finding.range
            );
            if let (Some(range), Some(source)) = (&finding.source, &checked.source) {
                assert!(source.text.get(range.clone()).is_some(), "{}", finding.rule);
            }
        }
    }
});
