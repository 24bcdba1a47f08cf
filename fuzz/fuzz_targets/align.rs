//! Feeds two arbitrary documents to the aligner (Markdown, the richest parser): it may not
//! panic, and its pairs and moves must name real blocks. A translation block is paired once, or
//! with a run of neighbouring source blocks it merges (answering with the first), and is never
//! both paired and moved; a moved block that merges a run is one move for each of its blocks.

#![no_main]

use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use loclint::align::align_translation;
use loclint::document::{Document, Format};
use loclint::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The source, then the translation after the first U+0001 (or the whole input twice).
    let (source, target) = text.split_once('\u{1}').unwrap_or((&text, &text));
    let source = Document::parse(&SourceFile::new("en.md", source), Format::Markdown);
    let target = Document::parse(&SourceFile::new("fr.md", target), Format::Markdown);
    let files: HashSet<String> = ["en.md", "fr.md"].map(String::from).into();
    let (duplicates, alignment) = align_translation(Some(&source), &target, &files);
    for run in &duplicates {
        assert!(run.first.end <= target.blocks.len() && run.repeat.end <= target.blocks.len());
    }
    let alignment = alignment.expect("a source was given");
    let mut seen = HashSet::new();
    let mut previous_target = None;
    for pair in &alignment.pairs {
        if let Some(s) = pair.source {
            assert!(s < source.blocks.len(), "source {s} of {}", source.blocks.len());
        }
        if let Some(t) = pair.target {
            assert!(t < target.blocks.len(), "target {t} of {}", target.blocks.len());
            if seen.insert(t) {
                if pair.source.is_some() {
                    assert_eq!(alignment.source_of(t), pair.source);
                }
            } else {
                assert_eq!(previous_target, Some(t), "target {t} paired twice, apart");
            }
        }
        previous_target = pair.target;
    }
    let mut previous: Option<&loclint::align::Move> = None;
    for moved in &alignment.moves {
        assert!(moved.source < source.blocks.len() && moved.target < target.blocks.len());
        // A moved block that merges a run of source blocks is one move for each of them.
        let merges_previous =
            previous.is_some_and(|p| p.target == moved.target && p.source + 1 == moved.source);
        if !merges_previous {
            assert!(seen.insert(moved.target), "target {} moved and paired", moved.target);
        }
        previous = Some(moved);
    }
});
