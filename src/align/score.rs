//! How alike a source block and a target block are, and the gap alignment built on it.

use std::collections::HashSet;

use crate::document::{AnchorKind, Block, BlockKind};

use super::Pair;

/// A gap of more block pairs than this is aligned in proportional slices of [`CHUNK_BLOCKS`].
const GAP_CELLS_MAX: usize = 1_000_000;
const CHUNK_BLOCKS: usize = 1_000;

/// The cost of leaving one block unpaired.
pub(super) const GAP: f64 = 1.0;
const FORBIDDEN: f64 = f64::NEG_INFINITY;

/// A block's identity across translation: its kind and its hard anchors. `None` for blocks
/// with nothing that survives translation verbatim (they are aligned by score, not pinned).
pub(super) fn signature(block: &Block) -> Option<String> {
    let hard: Vec<&str> = block
        .anchors
        .iter()
        .filter(|a| a.kind.is_hard() || a.kind == AnchorKind::Link)
        .map(|a| a.value.as_str())
        .collect();
    let kind = kind_class(block.kind);
    match (block.kind, block.key.as_deref()) {
        (BlockKind::Title, _) => Some(kind.to_string()),
        (BlockKind::FrontMatter, Some(key)) => Some(format!("{kind}|{key}|{}", hard.join("|"))),
        // A heading with nothing else that survives translation is known by its id.
        (BlockKind::Heading(_), _) if hard.is_empty() => block
            .anchors
            .iter()
            .find(|a| a.kind == AnchorKind::HeadingId)
            .map(|a| format!("{kind}|#{}", a.value)),
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
        .map(|&(s, t)| (source[src[s]].length, target[tgt[t]].length))
        .filter(|&(s, t)| s >= MIN_LETTERS && t >= MIN_LETTERS)
        .map(|(s, t)| t as f64 / s as f64)
        .collect();
    let ratio = if ratios.len() >= 3 {
        ratios.sort_by(f64::total_cmp);
        ratios[ratios.len() / 2]
    } else {
        let total = |blocks: &[Block], idx: &[usize]| -> usize {
            idx.iter().map(|&i| blocks[i].length).sum()
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

/// The score of a pair where one block carries hard anchors and the other none.
const ONE_SIDED_ANCHORS: f64 = -0.5;

/// The score of a pair whose blocks both carry hard anchors and share none.
const DISJOINT_ANCHORS: f64 = -3.0;

/// What shared lowercase words are worth, when both blocks have this many at least.
const COMMON_WORDS_WEIGHT: f64 = 1.5;
const COMMON_WORDS_MIN: usize = 3;

/// What shared capitalised words are worth: names that stayed in Latin.
const NAMES_WEIGHT: f64 = 1.0;

/// What the link targets both blocks have say: shared ones match them, disjoint ones weigh a
/// little against (a translation may link to pages in its own language).
fn link_score(dice: f64) -> f64 {
    if dice == 0.0 {
        -0.5
    } else {
        1.5 * dice
    }
}

/// Both headings carry the same id: written out (`{#configure-csps}`), or the one a site
/// generates from the heading (`### Language SDKs` and `### 言語SDK {#language-sdks}`). Ids that
/// differ say nothing: some projects translate them.
fn same_heading_id(s: &Block, t: &Block) -> bool {
    fn id(b: &Block) -> Option<&str> {
        b.anchors
            .iter()
            .find(|a| a.kind == AnchorKind::HeadingId)
            .map(|a| a.value.as_str())
    }
    id(s).is_some_and(|a| id(t) == Some(a))
}

/// How far the lengths of two blocks may differ (the log of their ratio, whatever the page's)
/// for the links they share to pair them: a link to a site's home page is in many blocks.
const LINKED_MOVE_MAX_SKEW: f64 = 0.5;

/// The weight of two headings sharing their id.
const HEADING_ID_MATCH: f64 = 3.0;

/// The bonus for pairing the block that follows a paired heading with the block that follows
/// its counterpart: it breaks ties between look-alike headings in favour of whole sections.
const SECTION_BONUS: f64 = 0.3;

/// The bonus for a pair whose signature is unique in both documents.
const UNIQUE_MATCH_BONUS: f64 = 3.0;

pub(super) struct Scorer {
    ratio: f64,
    /// Block index pairs (source, target) whose signature is unique in both documents.
    anchored: HashSet<(usize, usize)>,
    /// Markdown marks headings explicitly, so a heading never pairs with a paragraph there; in
    /// plain text, headings are recognised by their shape and may differ across languages.
    strict_kinds: bool,
    /// Language menus of each side, by block index: a menu pairs only with a menu.
    source_menus: HashSet<usize>,
    target_menus: HashSet<usize>,
}

impl Scorer {
    pub(super) fn new(ratio: f64, strict_kinds: bool, anchored: HashSet<(usize, usize)>) -> Self {
        Scorer {
            ratio,
            anchored,
            strict_kinds,
            source_menus: HashSet::new(),
            target_menus: HashSet::new(),
        }
    }

    pub(super) fn with_menus(mut self, source: HashSet<usize>, target: HashSet<usize>) -> Self {
        self.source_menus = source;
        self.target_menus = target;
        self
    }

    /// Whether a one-sided row holds a language menu.
    pub(super) fn is_menu(&self, pair: &super::Pair) -> bool {
        pair.source.is_some_and(|s| self.source_menus.contains(&s))
            || pair.target.is_some_and(|t| self.target_menus.contains(&t))
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
        if s.kind == BlockKind::Html && s.letter_count == 0 && t.letter_count == 0 {
            // Markup pairs with markup of the same tags, whatever its attributes' text says
            // (`<Card title="Fast">`, `<Card title="Rápido">`).
            return if same_markup(&s.text, &t.text) {
                MARKUP_MATCH
            } else {
                MARKUP_MISMATCH
            };
        }
        let hard = sorted_dice(&s.hard_values, &t.hard_values);
        // Anchors on one side only (a number the translation spelled out, a code span it
        // dropped) weigh a little against the pair; disjoint anchors on both, a lot.
        let one_sided = matches!(hard, Some(d) if d == 0.0)
            && (s.hard_values.is_empty() || t.hard_values.is_empty());
        let names = word_dice(&s.capitalized, &t.capitalized);
        // A phrase left in English (`shortest possible route that visits each city`) names
        // its source block; a word or two in common says nothing.
        let words = (s.common_words.len() >= COMMON_WORDS_MIN
            && t.common_words.len() >= COMMON_WORDS_MIN)
            .then(|| word_dice(&s.common_words, &t.common_words))
            .flatten();
        let links = sorted_dice(&s.link_values, &t.link_values)
            .filter(|_| !s.link_values.is_empty() && !t.link_values.is_empty());
        let hard_score = if one_sided {
            ONE_SIDED_ANCHORS
        } else {
            hard.map_or(0.0, hard_anchor_score)
        };
        let anchors = hard_score
            + if same_heading_id(s, t) {
                HEADING_ID_MATCH
            } else {
                0.0
            }
            + names.map_or(0.0, |d| NAMES_WEIGHT * d)
            + links.map_or(0.0, link_score)
            + words.map_or(0.0, |d| COMMON_WORDS_WEIGHT * d);
        let expected = (s.length as f64 + 3.0) * self.ratio;
        let length = -((t.length as f64 + 3.0) / expected).ln().abs().min(4.0);
        kind + anchors + length
    }

    /// How well `target_letters` fit as the translation of `source_letters`: 0 at the expected
    /// length, down to -4 far from it.
    pub(super) fn length_fit(&self, source_letters: usize, target_letters: usize) -> f64 {
        let expected = (source_letters as f64 + 3.0) * self.ratio;
        -((target_letters as f64 + 3.0) / expected)
            .ln()
            .abs()
            .min(4.0)
    }

    /// Same kind and the same hard anchors (or the same text, for blocks without any).
    pub(super) fn is_strong_match(&self, s: &Block, t: &Block) -> bool {
        if self.kind_affinity(s, t) < 1.0 {
            return false;
        }
        if same_heading_id(s, t) {
            return true;
        }
        let one_sided = s.hard_values.is_empty() || t.hard_values.is_empty();
        match sorted_dice(&s.hard_values, &t.hard_values) {
            Some(d) if d >= 0.75 => true,
            // Code spans on one side only (`bash` marked as code by the translator) say nothing
            // against the links both keep.
            Some(_) if !one_sided => false,
            _ => {
                (!s.normalized.is_empty() && s.normalized == t.normalized)
                    // The same pages of other sites linked (`[Cash](https://github.com/…)`):
                    // few blocks share them.
                    || (((t.length as f64 + 3.0) / (s.length as f64 + 3.0)).ln().abs()
                        <= LINKED_MOVE_MAX_SKEW
                        && s.link_values.iter().any(|v| v.contains("://"))
                        && sorted_dice(&s.link_values, &t.link_values)
                            .is_some_and(|d| d >= 0.75))
            }
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
        // Two states a cell: the best alignment of the prefixes that ends with a pair, and the
        // best that ends with an unpaired block. The first lets a pair know that the pair before
        // it was a heading's, so whole sections win ties between look-alike headings.
        const PAIRED: usize = 0;
        const UNPAIRED: usize = 1;
        if n * m > GAP_CELLS_MAX {
            return self.align_in_chunks(source, src, target, tgt);
        }
        // 12 bytes a cell: a programme over 1,000 × 1,000 blocks takes 12 MB.
        #[derive(Clone, Copy)]
        struct Cell {
            score: [f32; 2],
            /// For each state, the state of the cell it came from.
            from: [u8; 2],
            /// For the unpaired state: whether the source block (not the target's) is unpaired.
            skipped_source: bool,
        }
        let width = m + 1;
        let blank = Cell {
            score: [f32::NEG_INFINITY, f32::NEG_INFINITY],
            from: [UNPAIRED as u8; 2],
            skipped_source: false,
        };
        let mut cells = vec![blank; (n + 1) * width];
        cells[0].score[UNPAIRED] = 0.0;
        let better = |cell: &Cell| -> (f32, usize) {
            if cell.score[PAIRED] >= cell.score[UNPAIRED] {
                (cell.score[PAIRED], PAIRED)
            } else {
                (cell.score[UNPAIRED], UNPAIRED)
            }
        };
        // Looked up once a block, not once a cell.
        let source_menu: Vec<bool> = src.iter().map(|s| self.source_menus.contains(s)).collect();
        let target_menu: Vec<bool> = tgt.iter().map(|t| self.target_menus.contains(t)).collect();
        let mut anchored_with: Vec<Vec<usize>> = vec![Vec::new(); n];
        if !self.anchored.is_empty() {
            let position: std::collections::HashMap<usize, usize> =
                src.iter().enumerate().map(|(i, &s)| (s, i)).collect();
            for &(s, t) in &self.anchored {
                if let Some(&i) = position.get(&s) {
                    anchored_with[i].push(t);
                }
            }
        }
        for i in 0..=n {
            for j in 0..=m {
                if i == 0 && j == 0 {
                    continue;
                }
                let mut cell = blank;
                if i > 0 && j > 0 {
                    let (s, t) = (src[i - 1], tgt[j - 1]);
                    let mut pair = if source_menu[i - 1] == target_menu[j - 1] {
                        self.pair_score(&source[s], &target[t])
                    } else {
                        FORBIDDEN
                    };
                    if anchored_with[i - 1].contains(&t) {
                        pair += UNIQUE_MATCH_BONUS;
                    }
                    let pair = pair as f32;
                    let previous = &cells[(i - 1) * width + j - 1];
                    let after_heading = i >= 2 && source[src[i - 2]].kind.is_heading_like();
                    let from_pair = previous.score[PAIRED]
                        + if after_heading {
                            SECTION_BONUS as f32
                        } else {
                            0.0
                        };
                    let (score, from) = if from_pair >= previous.score[UNPAIRED] {
                        (from_pair, PAIRED)
                    } else {
                        (previous.score[UNPAIRED], UNPAIRED)
                    };
                    cell.score[PAIRED] = score + pair;
                    cell.from[PAIRED] = from as u8;
                }
                let skip_source = (i > 0).then(|| better(&cells[(i - 1) * width + j]));
                let skip_target = (j > 0).then(|| better(&cells[i * width + j - 1]));
                let (score, from, skipped_source) = match (skip_source, skip_target) {
                    (Some(s), Some(t)) if s.0 >= t.0 => (s.0, s.1, true),
                    (_, Some(t)) => (t.0, t.1, false),
                    (Some(s), None) => (s.0, s.1, true),
                    (None, None) => unreachable!("the origin cell is skipped"),
                };
                cell.score[UNPAIRED] = score - GAP as f32;
                cell.from[UNPAIRED] = from as u8;
                cell.skipped_source = skipped_source;
                cells[i * width + j] = cell;
            }
        }
        let mut pairs = Vec::with_capacity(n.max(m));
        let (mut i, mut j) = (n, m);
        let mut state = better(&cells[n * width + m]).1;
        while i > 0 || j > 0 {
            let cell = &cells[i * width + j];
            let from = usize::from(cell.from[state]);
            if state == PAIRED {
                pairs.push(Pair {
                    source: Some(src[i - 1]),
                    target: Some(tgt[j - 1]),
                });
                i -= 1;
                j -= 1;
            } else if cell.skipped_source {
                pairs.push(Pair {
                    source: Some(src[i - 1]),
                    target: None,
                });
                i -= 1;
            } else {
                pairs.push(Pair {
                    source: None,
                    target: Some(tgt[j - 1]),
                });
                j -= 1;
            }
            state = from;
        }
        pairs.reverse();
        pairs
    }

    /// Aligns a gap too large for one programme piece by piece: both runs are cut into the same
    /// number of proportional slices, so memory stays bounded whatever the documents' size.
    fn align_in_chunks(
        &self,
        source: &[Block],
        src: &[usize],
        target: &[Block],
        tgt: &[usize],
    ) -> Vec<Pair> {
        let (n, m) = (src.len(), tgt.len());
        let chunks = n.max(m).div_ceil(CHUNK_BLOCKS);
        (0..chunks)
            .flat_map(|k| {
                let s = k * n / chunks..(k + 1) * n / chunks;
                let t = k * m / chunks..(k + 1) * m / chunks;
                self.align_gap(source, &src[s], target, &tgt[t])
            })
            .collect()
    }
}

/// What a pair of text-less markup blocks scores: the same tags, or others.
const MARKUP_MATCH: f64 = 1.5;
const MARKUP_MISMATCH: f64 = -1.5;

/// Whether two stretches of markup have the same tags and attributes, with the text of quoted
/// attribute values and whitespace left out.
fn same_markup(a: &str, b: &str) -> bool {
    fn skeleton(text: &str) -> impl Iterator<Item = char> + '_ {
        let mut quote: Option<char> = None;
        text.chars().filter(move |&c| match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                    true
                } else {
                    false
                }
            }
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                !c.is_whitespace()
            }
        })
    }
    skeleton(a).eq(skeleton(b))
}

/// What the shared hard anchors say of a pair. Two blocks that both carry numbers, acronyms or
/// URLs and share none of them are almost never a translation of each other: that costs more
/// than leaving both unpaired, unless nothing else fits them.
fn hard_anchor_score(dice: f64) -> f64 {
    if dice == 0.0 {
        DISJOINT_ANCHORS
    } else {
        2.0 * dice - 0.5
    }
}

/// Dice coefficient of two sorted word lists; `None` when both are empty.
fn word_dice(a: &[String], b: &[String]) -> Option<f64> {
    sorted_dice(a, b)
}

/// Dice coefficient of two sorted multisets; `None` when both are empty.
fn sorted_dice<A: AsRef<str>, B: AsRef<str>>(a: &[A], b: &[B]) -> Option<f64> {
    if a.is_empty() && b.is_empty() {
        return None;
    }
    let total = (a.len() + b.len()) as f64;
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].as_ref().cmp(b[j].as_ref()) {
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
