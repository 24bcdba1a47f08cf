//! Prints how loclint aligns one translation with its source, block by block: a debugging aid
//! for the aligner. `cargo run --release --example align-dump -- SOURCE TRANSLATION`
//!
//! Each row: the kind of row, the source block (line and kind), the translated block (line and
//! kind), whether the pairing is sure, and the start of each block's text.

use std::collections::HashSet;
use std::path::Path;

use loclint::align::{align_translation, RowKind};
use loclint::document::{Document, Format};
use loclint::source::SourceFile;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source_path, target_path] = args.as_slice() else {
        eprintln!("usage: align-dump SOURCE TRANSLATION");
        std::process::exit(2);
    };
    let read = |path: &str| {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        });
        let format = Format::from_path(Path::new(path)).unwrap_or(Format::Markdown);
        (SourceFile::new(path, text), format)
    };
    let (source_file, source_format) = read(source_path);
    let (target_file, target_format) = read(target_path);
    let source = Document::parse(&source_file, source_format);
    let target = Document::parse(&target_file, target_format);
    let name = |p: &str| {
        Path::new(p)
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default()
    };
    // The group's files: every file beside the two, as a language menu links them.
    let mut files: HashSet<String> = [name(source_path), name(target_path)].into();
    if let Some(dir) = Path::new(target_path).parent() {
        if let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        }) {
            files.extend(
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().to_lowercase()),
            );
        }
    }
    let (duplicates, alignment) = align_translation(Some(&source), &target, &files);
    let alignment = alignment.expect("a source was given");
    println!("{:?}", alignment.drift);
    let excerpt = |text: &str| -> String {
        text.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(50)
            .collect()
    };
    for row in alignment.rows(&duplicates, target.blocks.len()) {
        let side = |doc: &Document, file: &SourceFile, i: Option<usize>| match i {
            Some(i) => {
                let block = &doc.blocks[i];
                let line = file.position(block.range.start).line;
                format!(
                    "{line:>4} {:<10} {:<50}",
                    format!("{:?}", block.kind),
                    excerpt(&block.text)
                )
            }
            None => format!("{:<66}", ""),
        };
        let sure = row.target.is_some_and(|t| alignment.is_sure(t));
        let kind = match row.kind {
            RowKind::Paired if sure => "sure",
            RowKind::Paired => "pair",
            RowKind::Missing => "MISS",
            RowKind::Extra => "XTRA",
            RowKind::Moved => "move",
            RowKind::Duplicate => "dupl",
        };
        println!(
            "{kind} | {} | {}",
            side(&source, &source_file, row.source),
            side(&target, &target_file, row.target)
        );
    }
}
