//! How alike a source block and a target block are, and the gap alignment built on it.

use std::collections::HashSet;

use crate::document::{Anchor, Block, BlockKind};

use super::Pair;

/// The cost of leaving one block unpaired.
pub(super) const GAP: f64 = 1.0;
const FORBIDDEN: f64 = f64::NEG_INFINITY;

/// A block's identity across translation: its kind and its hard anchors. `None` for blocks
/// with nothing that survives translation verbatim (they are aligned by score, not pinned).
pub(super) fn signature(block: &Block) -> Option<String> {
    let hard: Vec<&str> = hard_anchors(block).map(|a| a.value.as_str()).collect();
    let kind = kind_class(block.kind);
    match (block.kind, block.key.as_deref()) {
        (BlockKind::Title, _) => Some(kind.to_string()),
        (BlockKind::FrontMatter, Some(key)) => Some(format!("{kind}|{key}|{}", hard.join("|"))),
        _ if hard.is_empty() => None,
        _ => Some(format!("{kind}|{}", hard.join("|"))),
    }
}

fn kind_class(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Heading(_) => "heading",
        other => other.name(),
    }
}

fn hard_anchors(block: &Block) -> impl Iterator<Item = &Anchor> {
    block.anchors.iter().filter(|a| a.kind.is_hard())
}

/// The expected ratio of target letters to source letters: the median over pinned pairs of
/// some length, or the whole documents' ratio when there are too few.
pub(super) fn length_ratio(
    source: &[Block],
    target: &[Block],
    src: &[usize],
    tgt: &[usize],
    pins: &[(usize, usize)],
) -> f64 {
    const MIN_LETTERS: usize = 20;
    let mut ratios: Vec<f64> = pins
        .iter()
        .map(|&(s, t)| (source[src[s]].letter_count, target[tgt[t]].letter_count))
        .filter(|&(s, t)| s >= MIN_LETTERS && t >= MIN_LETTERS)
        .map(|(s, t)| t as f64 / s as f64)
        .collect();
    let ratio = if ratios.len() >= 3 {
        ratios.sort_by(f64::total_cmp);
        ratios[ratios.len() / 2]
    } else {
        let total = |blocks: &[Block], idx: &[usize]| -> usize {
            idx.iter().map(|&i| blocks[i].letter_count).sum()
        };
        let (s, t) = (total(source, src), total(target, tgt));
        if s == 0 || t == 0 {
            1.0
        } else {
            t as f64 / s as f64
        }
    };
    ratio.clamp(0.1, 10.0)
}

/// The bonus for a pair whose signature is unique in both documents.
const UNIQUE_MATCH_BONUS: f64 = 3.0;

pub(super) struct Scorer {
    ratio: f64,
    /// Block index pairs (source, target) whose signature is unique in both documents.
    anchored: HashSet<(usize, usize)>,
    /// Markdown marks headings explicitly, so a heading never pairs with a paragraph there; in
    /// plain text, headings are recognised by their shape and may differ across languages.
    strict_kinds: bool,
}

impl Scorer {
    pub(super) fn new(ratio: f64, strict_kinds: bool, anchored: HashSet<(usize, usize)>) -> Self {
        Scorer {
            ratio,
            anchored,
            strict_kinds,
        }
    }

    fn kind_affinity(&self, s: &Block, t: &Block) -> f64 {
        use BlockKind::*;
        match (s.kind, t.kind) {
            (Title, Title) | (Image, Image) | (Code, Code) => 1.5,
            (Heading(a), Heading(b)) => {
                if a == b {
                    1.0
                } else {
                    0.5
                }
            }
            (FrontMatter, FrontMatter) => {
                if s.key == t.key {
                    2.0
                } else {
                    FORBIDDEN
                }
            }
            (a, b) if a == b => 1.0,
            (Title, Heading(_)) | (Heading(_), Title) => 0.0,
            (Paragraph, ListItem | BlockQuote) | (ListItem | BlockQuote, Paragraph) => -0.5,
            (Heading(_), Paragraph) | (Paragraph, Heading(_)) if !self.strict_kinds => -1.0,
            _ => FORBIDDEN,
        }
    }

    pub(super) fn pair_score(&self, s: &Block, t: &Block) -> f64 {
        let kind = self.kind_affinity(s, t);
        if kind == FORBIDDEN {
            return FORBIDDEN;
        }
        let hard = dice(hard_anchors(s), hard_anchors(t));
        let names = dice(
            s.anchors.iter().filter(|a| !a.kind.is_hard()),
            t.anchors.iter().filter(|a| !a.kind.is_hard()),
        );
        let anchors = hard.map_or(0.0, |d| 2.0 * d - 0.5) + names.map_or(0.0, |d| 0.5 * d);
        let expected = (s.letter_count as f64 + 3.0) * self.ratio;
        let length = -((t.letter_count as f64 + 3.0) / expected)
            .ln()
            .abs()
            .min(4.0);
        kind + anchors + length
    }

    /// Same kind and the same hard anchors (or the same text, for blocks without any).
    pub(super) fn is_strong_match(&self, s: &Block, t: &Block) -> bool {
        if self.kind_affinity(s, t) < 1.0 {
            return false;
        }
        match dice(hard_anchors(s), hard_anchors(t)) {
            Some(d) => d >= 0.75,
            None => !s.normalized.is_empty() && s.normalized == t.normalized,
        }
    }

    /// Aligns two runs of blocks in order by dynamic programming: each block is paired or left
    /// unpaired at a cost of [`GAP`].
    pub(super) fn align_gap(
        &self,
        source: &[Block],
        src: &[usize],
        target: &[Block],
        tgt: &[usize],
    ) -> Vec<Pair> {
        let (n, m) = (src.len(), tgt.len());
        if n == 0 || m == 0 {
            return src
                .iter()
                .map(|&s| Pair {
                    source: Some(s),
                    target: None,
                })
                .chain(tgt.iter().map(|&t| Pair {
                    source: None,
                    target: Some(t),
                }))
                .collect();
        }
        #[derive(Clone, Copy)]
        enum Step {
            Pair,
            SkipSource,
            SkipTarget,
        }
        let width = m + 1;
        let mut best = vec![0.0f64; (n + 1) * width];
        let mut step = vec![Step::Pair; (n + 1) * width];
        for i in 1..=n {
            best[i * width] = -(i as f64) * GAP;
            step[i * width] = Step::SkipSource;
        }
        for j in 1..=m {
            best[j] = -(j as f64) * GAP;
            step[j] = Step::SkipTarget;
        }
        for i in 1..=n {
            for j in 1..=m {
                let (s, t) = (src[i - 1], tgt[j - 1]);
                let bonus = if self.anchored.contains(&(s, t)) {
                    UNIQUE_MATCH_BONUS
                } else {
                    0.0
                };
                let paired =
                    best[(i - 1) * width + j - 1] + self.pair_score(&source[s], &target[t]) + bonus;
                let skip_s = best[(i - 1) * width + j] - GAP;
                let skip_t = best[i * width + j - 1] - GAP;
                let (score, how) = if paired >= skip_s && paired >= skip_t {
                    (paired, Step::Pair)
                } else if skip_s >= skip_t {
                    (skip_s, Step::SkipSource)
                } else {
                    (skip_t, Step::SkipTarget)
                };
                best[i * width + j] = score;
                step[i * width + j] = how;
            }
        }
        let mut pairs = Vec::with_capacity(n.max(m));
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            match step[i * width + j] {
                Step::Pair if i > 0 && j > 0 => {
                    pairs.push(Pair {
                        source: Some(src[i - 1]),
                        target: Some(tgt[j - 1]),
                    });
                    i -= 1;
                    j -= 1;
                }
                Step::SkipSource | Step::Pair if i > 0 => {
                    pairs.push(Pair {
                        source: Some(src[i - 1]),
                        target: None,
                    });
                    i -= 1;
                }
                _ => {
                    pairs.push(Pair {
                        source: None,
                        target: Some(tgt[j - 1]),
                    });
                    j -= 1;
                }
            }
        }
        pairs.reverse();
        pairs
    }
}

/// Dice coefficient of two anchor multisets; `None` when both are empty.
fn dice<'a>(
    a: impl Iterator<Item = &'a Anchor>,
    b: impl Iterator<Item = &'a Anchor>,
) -> Option<f64> {
    let mut a: Vec<&str> = a.map(|x| x.value.as_str()).collect();
    let mut b: Vec<&str> = b.map(|x| x.value.as_str()).collect();
    if a.is_empty() && b.is_empty() {
        return None;
    }
    let total = (a.len() + b.len()) as f64;
    a.sort_unstable();
    b.sort_unstable();
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(b[j]) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    Some(2.0 * common as f64 / total)
}
