//! Runs of consecutive blocks that repeat an earlier run of the same file.

use std::collections::HashMap;
use std::ops::Range;

use crate::document::{Block, Document};

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

/// A lone repeated block shorter than this (in letters) may be a legitimate repeat, such as a
/// heading "Example" under two sections; it is reported only against a source that does not
/// repeat it.
const LONE_BLOCK_MIN_LETTERS: usize = 60;

/// Finds maximal repeated runs in `document`, leaving out those the source repeats too.
pub fn find(document: &Document, source: Option<&Document>) -> Vec<DuplicateRun> {
    let source_runs = source.map(|s| repeated_runs(&s.blocks)).unwrap_or_default();
    repeated_runs(&document.blocks)
        .into_iter()
        .filter(|run| {
            let source_repeats = source.is_some_and(|s| {
                source_runs
                    .iter()
                    .any(|r| same_shape(&s.blocks, r, &document.blocks, run))
            });
            let lone_short = run.len() == 1
                && document.blocks[run.repeat.start].letter_count < LONE_BLOCK_MIN_LETTERS;
            let unconfirmed_lone_repeat = lone_short && source.is_none();
            !source_repeats && !unconfirmed_lone_repeat
        })
        .collect()
}

fn repeated_runs(blocks: &[Block]) -> Vec<DuplicateRun> {
    let keys: Vec<&str> = blocks.iter().map(|b| b.normalized.as_str()).collect();
    let mut seen: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut runs = Vec::new();
    let mut j = 0;
    while j < keys.len() {
        let mut best: Option<(usize, usize)> = None;
        for &i in seen.get(keys[j]).map(Vec::as_slice).unwrap_or_default() {
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
            seen.entry(key).or_default().push(k);
        }
        j += step;
    }
    runs
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
        let plain = doc("T\n\nOne thing.\n\nAnother.\n");
        let target = doc("T\n\nBeispiel\n\nEine Sache.\n\nBeispiel\n\nNoch eine.\n");
        assert_eq!(find(&target, Some(&plain)).len(), 1);
    }

    #[test]
    fn lone_short_repeats_need_a_source_to_be_reported() {
        let target = doc("T\n\nBeispiel\n\nEine Sache.\n\nBeispiel\n\nNoch eine.\n");
        assert_eq!(find(&target, None), vec![]);
    }
}
