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
