//! Feeds arbitrary UTF-8 to the plain-text, Markdown and MDX parsers: none may panic, and each
//! must return blocks in file order, apart, on char boundaries, with every token mapping into
//! its block.

#![no_main]

use libfuzzer_sys::fuzz_target;
use loclint::document::{Document, Format};
use loclint::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    // Invalid bytes become U+FFFD, so that every input exercises the parsers.
    let text = String::from_utf8_lossy(data);
    let file = SourceFile::new("fuzz.md", text.as_ref());
    for format in [Format::PlainText, Format::Markdown, Format::Mdx] {
        let document = Document::parse(&file, format);
        let mut previous_end = 0;
        for block in &document.blocks {
            let range = block.range.clone();
            assert!(
                previous_end <= range.start,
                "{format:?}: {range:?} overlaps"
            );
            assert!(
                file.text.get(range.clone()).is_some(),
                "{format:?}: {range:?}"
            );
            for token in &block.tokens {
                assert!(block.text.get(token.range.clone()).is_some());
                let mapped = block.file_range(token.range.clone());
                assert!(range.start <= mapped.start && mapped.end <= range.end);
                assert!(file.text.get(mapped).is_some());
            }
            previous_end = range.end;
        }
    }
});
