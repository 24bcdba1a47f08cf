//! Runs of consecutive blocks that repeat an earlier run of the same file.

use std::collections::HashMap;
use std::ops::Range;

use crate::document::{AnchorKind, Block, BlockKind, Document};

/// `repeat` (block indices) repeats `first` block for block, after normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateRun {
    pub first: Range<usize>,
    pub repeat: Range<usize>,
}

impl DuplicateRun {
    pub fn len(&self) -> usize {
        self.repeat.len()
    }

    pub fn is_empty(&self) -> bool {
        self.repeat.is_empty()
    }
}

/// A lone repeated block shorter than this (in letters, a CJK character counting for three),
/// apart from its first copy, may be a legitimate repeat, such as a short note under two
/// sections: it is not reported.
const LONE_BLOCK_MIN_LETTERS: usize = 60;

/// A block that stands this many times in a translation is part of its pattern.
const PATTERN_MIN_OCCURRENCES: usize = 3;

/// Finds maximal repeated runs in `document`, leaving out those the source repeats too, those
/// of markup and code only, and lone short or heading blocks.
pub fn find(document: &Document, source: Option<&Document>) -> Vec<DuplicateRun> {
    let source_runs = source.map(|s| repeated_runs(&s.blocks)).unwrap_or_default();
    let mut occurrences: HashMap<String, usize> = HashMap::new();
    for block in &document.blocks {
        *occurrences.entry(repeat_key(block)).or_default() += 1;
    }
    repeated_runs(&document.blocks)
        .into_iter()
        .filter(|run| {
            let blocks = &document.blocks[run.repeat.clone()];
            if blocks.iter().all(|b| !is_text(b))
                || blocks.iter().any(|b| b.kind == BlockKind::FrontMatter)
            {
                return false;
            }
            // Blocks that stand three times or more are a pattern of the page (the options
            // every command of a reference shares), not a paste.
            let patterned = blocks
                .iter()
                .filter(|b| occurrences[&repeat_key(b)] >= PATTERN_MIN_OCCURRENCES)
                .count();
            if 2 * patterned >= blocks.len() {
                return false;
            }
            if let [block] = blocks {
                // One block pasted twice in a row is a slip whatever it is; apart, only a long
                // paragraph is (a short note may well stand under two sections).
                let adjacent = run.repeat.start == run.first.end;
                let prose = matches!(
                    block.kind,
                    BlockKind::Paragraph | BlockKind::ListItem | BlockKind::BlockQuote
                );
                if !adjacent && (!prose || !is_long(block)) {
                    return false;
                }
            }
            let source_repeats = source.is_some_and(|s| {
                source_runs
                    .iter()
                    .any(|r| same_shape(&s.blocks, r, &document.blocks, run))
                    || repeated_in(&s.blocks, blocks)
            });
            !source_repeats
        })
        .collect()
}

/// Blocks a reader reads: prose or images, not code, markup, a block of names only, or a
/// front-matter field (a `linkTitle` equal to its `title` is no paste).
fn is_text(block: &Block) -> bool {
    block.kind == BlockKind::Image
        || (block.kind.is_prose() && block.kind != BlockKind::FrontMatter && block.letter_count > 0)
}

/// Whether two blocks share their kind and their hard anchors, at least one.
pub(super) fn same_anchors(a: &Block, b: &Block) -> bool {
    anchor_key(a).is_some_and(|key| anchor_key(b) == Some(key))
}

/// Whether a block is long enough that a repeat of it alone, apart from its first copy, is no
/// coincidence.
pub(super) fn is_long(block: &Block) -> bool {
    block.length >= LONE_BLOCK_MIN_LETTERS
}

/// Whether every block of a translated run that carries anchors (code, numbers, link targets)
/// has two or more blocks with the same anchors in the source: the source lists the same
/// options or items in several places, and so does its translation.
fn repeated_in(source: &[Block], run: &[Block]) -> bool {
    let anchored: Vec<String> = run.iter().filter_map(anchor_key).collect();
    !anchored.is_empty()
        && anchored.iter().all(|key| {
            source
                .iter()
                .filter(|b| anchor_key(b).as_ref() == Some(key))
                .nth(1)
                .is_some()
        })
}

fn anchor_key(block: &Block) -> Option<String> {
    let values: Vec<&str> = block
        .anchors
        .iter()
        .filter(|a| a.kind.is_hard() || a.kind == AnchorKind::Link)
        .map(|a| a.value.as_str())
        .collect();
    (!values.is_empty()).then(|| format!("{}|{}", block.kind.name(), values.join("|")))
}

/// What two blocks must share to be one repeated: their kind, their text, their link targets.
fn repeat_key(block: &Block) -> String {
    let kind = match block.kind {
        BlockKind::Heading(_) | BlockKind::Title => "heading",
        other => other.name(),
    };
    let links: Vec<&str> = block.links.iter().map(|l| l.destination.as_str()).collect();
    format!(
        "{kind}\u{1}{}\u{1}{}",
        block.normalized,
        links.join("\u{1}")
    )
}

fn repeated_runs(blocks: &[Block]) -> Vec<DuplicateRun> {
    let keys: Vec<String> = blocks.iter().map(repeat_key).collect();
    let mut seen: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut runs = Vec::new();
    let mut j = 0;
    while j < keys.len() {
        let mut best: Option<(usize, usize)> = None;
        for &i in seen
            .get(keys[j].as_str())
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let len = (0..)
                .take_while(|&l| j + l < keys.len() && i + l < j && keys[i + l] == keys[j + l])
                .count();
            if best.is_none_or(|(_, b)| len > b) {
                best = Some((i, len));
            }
        }
        let step = match best {
            Some((i, len)) if len > 0 => {
                runs.push(DuplicateRun {
                    first: i..i + len,
                    repeat: j..j + len,
                });
                len
            }
            _ => 1,
        };
        for (k, key) in keys.iter().enumerate().skip(j).take(step) {
            seen.entry(key.as_str()).or_default().push(k);
        }
        j += step;
    }
    runs
}

/// What a repeated run looks like whatever its language: the sections its two copies stand
/// in (counted by headings), and its blocks' kinds and hard anchors, block for block. Two
/// translations that repeat runs of one shape repeat the same part of the page.
pub fn shape(document: &Document, run: &DuplicateRun) -> String {
    let section = |index: usize| {
        document.blocks[..index]
            .iter()
            .filter(|b| b.kind.is_heading_like())
            .count()
    };
    let mut shape = format!("{}-{}", section(run.first.start), section(run.repeat.start));
    for block in &document.blocks[run.repeat.clone()] {
        shape.push('\u{2}');
        shape.push_str(block.kind.name());
        for anchor in block.hard_anchors() {
            shape.push('\u{1}');
            shape.push_str(&anchor.value);
        }
    }
    shape
}

/// The shapes of every repeated run of `document`, short and patterned ones included: what
/// another translation of the page may compare its own repeats with.
pub fn all_shapes(document: &Document) -> std::collections::HashSet<String> {
    repeated_runs(&document.blocks)
        .iter()
        .map(|run| shape(document, run))
        .collect()
}

/// Whether two repeated runs have the same block kinds and hard anchors, block for block.
fn same_shape(a: &[Block], a_run: &DuplicateRun, b: &[Block], b_run: &DuplicateRun) -> bool {
    a_run.len() == b_run.len()
        && a_run
            .repeat
            .clone()
            .zip(b_run.repeat.clone())
            .all(|(x, y)| a[x].kind == b[y].kind && a[x].hard_anchors().eq(b[y].hard_anchors()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::source::SourceFile;

    fn doc(text: &str) -> Document {
        Document::parse(&SourceFile::new("t.txt", text), Format::PlainText)
    }

    #[test]
    fn finds_the_longest_run_once() {
        let d = doc("T\n\nAlpha one is here.\n\nBeta two is here.\n\nGamma.\n\nAlpha one is here.\n\nBeta two is here.\n\nEnd.\n");
        let runs = find(&d, None);
        assert_eq!(
            runs,
            vec![DuplicateRun {
                first: 1..3,
                repeat: 4..6
            }]
        );
    }

    #[test]
    fn repeats_the_source_has_are_not_duplicates() {
        let source = doc("T\n\nExample\n\nOne thing.\n\nExample\n\nAnother.\n");
        let target = doc("T\n\nBeispiel\n\nEine Sache.\n\nBeispiel\n\nNoch eine.\n");
        assert_eq!(find(&target, Some(&source)), vec![]);
        let plain = doc("T\n\nExample\n\nOne thing to say here.\n\nAnother.\n");
        let target = doc("T\n\nBeispiel\n\nEine Sache, die wir hier sagen.\n\nBeispiel\n\nEine Sache, die wir hier sagen.\n");
        assert_eq!(find(&target, Some(&plain)).len(), 1);
    }

    #[test]
    fn lone_short_repeats_and_markup_are_not_reported() {
        let target = doc("T\n\nBeispiel\n\nEine Sache.\n\nBeispiel\n\nNoch eine.\n");
        assert_eq!(find(&target, None), vec![]);
        // Twice in a row, a short block is a slip.
        let target = doc("T\n\nBeispiel\n\nBeispiel\n\nNoch eine.\n");
        assert_eq!(find(&target, None).len(), 1);
        let long = "Dieser Absatz ist lang genug, um als eigener Abschnitt zu zählen, wirklich.";
        let target = doc(&format!("T\n\n{long}\n\nMitte.\n\n{long}\n"));
        assert_eq!(find(&target, None).len(), 1);
        // Chinese says as much in fewer characters.
        let zh = "包裹到达我们的仓库后，我们会在五个工作日内全额退款。";
        let target = doc(&format!("标题\n\n{zh}\n\n中间。\n\n{zh}\n"));
        assert_eq!(find(&target, None).len(), 1);
        let md = |text: &str| {
            Document::parse(
                &SourceFile::new("t.md", text),
                crate::document::Format::Markdown,
            )
        };
        let target = md("# T\n\n{{% alert %}}\n\nText one.\n\n{{% /alert %}}\n\n{{% alert %}}\n\nText two.\n\n{{% /alert %}}\n");
        assert_eq!(find(&target, None), vec![]);
    }
}
