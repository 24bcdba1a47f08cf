//! The floor a checker of Markdown translations cannot go under on this machine: walk a tree,
//! read each `.md`/`.mdx`/`.txt` file, parse it with pulldown-cmark, and segment the text of
//! its prose once into Unicode words (UAX #29), on one thread. loclint's throughput is stated
//! against it in docs/performance.md.
//!
//! ```sh
//! cargo run --release --example floor -- CORPUS
//! ```

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use pulldown_cmark::{Event, Options, Parser};
use unicode_segmentation::UnicodeSegmentation;

fn main() -> Result<()> {
    let roots: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    anyhow::ensure!(!roots.is_empty(), "give the folders to read");
    let started = Instant::now();
    let (mut files, mut bytes, mut words) = (0usize, 0usize, 0usize);
    for root in &roots {
        for entry in ignore::WalkBuilder::new(root).build() {
            let entry = entry?;
            let path = entry.path();
            let wanted = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "md" | "mdx" | "txt"));
            if !wanted || !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let text = std::fs::read_to_string(path)?;
            files += 1;
            bytes += text.len();
            let options = Options::ENABLE_TABLES
                | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
                | Options::ENABLE_FOOTNOTES;
            for event in Parser::new_ext(&text, options) {
                if let Event::Text(prose) = event {
                    words += prose.unicode_words().count();
                }
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{files} files, {:.1} MB, {words} words in {seconds:.3} s: {:.1} MB/s on one thread",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds
    );
    Ok(())
}
