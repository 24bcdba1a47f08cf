//! Running one rule on texts in memory, for the rules' unit tests.

use std::path::Path;

use crate::align;
use crate::config::Settings;
use crate::document::{Document, Format};
use crate::finding::Finding;
use crate::locale::Locale;
use crate::source::SourceFile;

use super::{Context, Rule, SourceSide};

/// Runs `rule` on `target` (a file name such as `hi.txt` or `ar.md`, and its text), aligned
/// with `source` when given, and returns the findings with the text each one covers.
pub(crate) fn run(
    rule: &dyn Rule,
    source: Option<&str>,
    target: (&str, &str),
    locale: &str,
) -> Vec<(Finding, String)> {
    let settings = Settings::default();
    let locale = Locale::parse(locale).expect("a valid locale");
    let format = Format::from_path(Path::new(target.0)).expect("a known extension");
    let file = SourceFile::new(target.0, target.1);
    let document = Document::parse(&file, format);
    let source_file = source.map(|text| {
        SourceFile::new(
            format!("en.{}", target.0.rsplit('.').next().unwrap_or("txt")),
            text,
        )
    });
    let source_document = source_file.as_ref().map(|f| Document::parse(f, format));
    let duplicates = align::find_duplicates(&document, source_document.as_ref());
    let alignment = source_document
        .as_ref()
        .map(|s| align::align(s, &document, &duplicates));
    let ctx = Context {
        file: &file,
        document: &document,
        locale: &locale,
        locale_data: locale.data(),
        duplicates: &duplicates,
        source: source_file
            .as_ref()
            .zip(source_document.as_ref())
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
    findings
        .into_iter()
        .map(|f| {
            let text = file.text[f.range.clone()].to_string();
            (f, text)
        })
        .collect()
}
