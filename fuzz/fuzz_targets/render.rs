//! Renders the findings of an arbitrary Arabic translation in every output format, findings and
//! statistics. No renderer may panic, and none may pass on a character that would make the
//! output display otherwise than the file: bidirectional controls, terminal escapes, tag
//! characters.

#![no_main]

use clap::ValueEnum;
use libfuzzer_sys::fuzz_target;
use loclint::check::check_texts;
use loclint::config::Settings;
use loclint::finding::Severity;
use loclint::locale::Locale;
use loclint::report::{render, render_statistics, OutputFormat, RenderOptions};
use loclint::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (source, translation) = text.split_once('\u{1}').unwrap_or((&text, &text));
    let locale = Locale::parse("ar").expect("a registered tag");
    let outcome = check_texts(
        Some(SourceFile::new("en/page.md", source)),
        vec![(SourceFile::new("ar/page.md", translation), locale)],
        &Settings::default(),
    );
    let options = RenderOptions {
        color: false,
        fail_on: Severity::Error,
        quiet: false,
        max_results: 1000,
        fold_after: 10,
        changed_files: Vec::new(),
    };
    for &format in OutputFormat::value_variants() {
        let mut outputs = vec![render(format, &outcome, &options)];
        outputs.extend(render_statistics(format, &outcome));
        for output in outputs {
            for c in output.chars() {
                let hiding = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{1B}' | '\u{E0000}'..='\u{E007F}');
                assert!(!hiding, "{format:?} prints U+{:04X} raw", c as u32);
            }
        }
    }
});
