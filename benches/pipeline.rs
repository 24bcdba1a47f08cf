//! Throughput of each pipeline stage on the seed article group, and of a whole run.
//!
//! `cargo bench --bench pipeline`; see docs/performance.md for the figures and for the
//! repository-scale benchmark (scripts/bench-corpus.sh).

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use loclint::align;
use loclint::check;
use loclint::config::Settings;
use loclint::discover;
use loclint::document::{Document, Format};
use loclint::source::SourceFile;

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/know-your-terminology")
}

fn read(name: &str) -> SourceFile {
    SourceFile::read(&seeds().join(name), u64::MAX).expect("the seed files are readable")
}

fn stages(c: &mut Criterion) {
    let en = read("en.txt");
    let hi = read("hi.txt");
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(hi.text.len() as u64));
    group.bench_function("parse+prepare hi.txt", |b| {
        b.iter(|| Document::parse(&hi, Format::PlainText))
    });
    let en_doc = Document::parse(&en, Format::PlainText);
    let hi_doc = Document::parse(&hi, Format::PlainText);
    group.bench_function("duplicates+align hi.txt", |b| {
        b.iter(|| {
            let files = std::collections::HashSet::new();
            align::align_translation(Some(&en_doc), &hi_doc, &files)
        })
    });
    group.finish();
}

fn whole_run(c: &mut Criterion) {
    let settings = Settings::default();
    let paths = vec![seeds()];
    let bytes: u64 = ["en.txt", "ar.txt", "hi.txt"]
        .iter()
        .map(|f| read(f).text.len() as u64)
        .sum();
    let mut group = c.benchmark_group("run");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("check seed group (read, parse, align, all rules)", |b| {
        b.iter(|| check::run(discover::discover(&paths, &settings), &settings))
    });
    group.finish();
}

criterion_group!(benches, stages, whole_run);
criterion_main!(benches);
