//! Block alignment: which source block each translation block translates.
//!
//! 1. Duplicated runs are found first and left out, so they are not also extra blocks.
//! 2. Blocks whose signature (kind and hard anchors: numbers, URLs, file names, code, acronyms)
//!    is unique in both documents match; the heaviest chain of matches in document order
//!    (weighted by length) gives the length ratio of the language pair.
//! 3. Dynamic programming pairs blocks by kind, anchor overlap, a bonus for unique matches and
//!    a length score in the spirit of Gale and Church (1993). Very large documents are first cut
//!    at the chain's pins, so the programme stays small.
//! 4. Blocks that include a strong match, with the blocks they crossed left unpaired on both
//!    sides of them, are the blocks that moved. What stays unpaired is missing or extra, unless
//!    a block elsewhere matches it strongly: then it moved.

mod counterparts;
mod duplicates;
mod score;

pub use counterparts::{is_counterpart, COUNTERPART_RUN_MAX};
pub use duplicates::{
    all_shapes as repeat_shapes, find as find_duplicates, shape as repeat_shape, DuplicateRun,
};

use std::collections::{HashMap, HashSet};

use crate::document::{Block, BlockKind, Document, Format};
use crate::locale::{char_script, Script};
use score::Scorer;

/// One step of the alignment, in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub source: Option<usize>,
    pub target: Option<usize>,
}

/// A block found at another place than its source's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    pub source: usize,
    pub target: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// Paired, missing (`target: None`) and extra (`source: None`) blocks, in order. Blocks of
    /// duplicated runs and moved blocks are not in it.
    pub pairs: Vec<Pair>,
    pub moves: Vec<Move>,
    source_of: HashMap<usize, usize>,
    /// Target blocks whose pairing is sure: the blocks share what survives translation, or the
    /// pair stands between pairs and its lengths agree.
    sure: HashSet<usize>,
    pub drift: Drift,
    /// Language menus, by block index in the source and in the target: navigation, neither
    /// missing nor extra.
    source_menus: HashSet<usize>,
    target_menus: HashSet<usize>,
}

/// How far a translation has drifted from its source: blocks with text on each side, those
/// with no counterpart on the other, and the places where they stand apart (stretches of
/// unpaired blocks, and moved blocks). Markup without text (a tag, a shortcode) is left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drift {
    pub source_blocks: usize,
    pub missing: usize,
    pub target_blocks: usize,
    pub extra: usize,
    pub places: usize,
}

impl Drift {
    /// Unpaired blocks from this many on count as drift at all.
    const MIN_UNPAIRED: usize = 12;
    /// Unpaired blocks at this share of all blocks, in this many places or more: the
    /// translation follows an older source, and block-by-block findings would list most of
    /// the page (and pair many blocks wrongly).
    const OUTDATED_SHARE: f64 = 0.3;
    const OUTDATED_PLACES: usize = 5;
    /// Or a smaller share scattered over many places: a long page that follows an older
    /// source here and there, which a user wants summarised, not listed gap by gap.
    const SCATTERED_SHARE: f64 = 0.05;
    const SCATTERED_PLACES: usize = 8;

    /// Whether the translation is of another version of the source: many blocks on both sides
    /// have no counterpart, in many places.
    pub fn is_outdated(&self) -> bool {
        let unpaired = self.missing + self.extra;
        let share = unpaired as f64 / (self.source_blocks + self.target_blocks).max(1) as f64;
        unpaired >= Self::MIN_UNPAIRED
            && self.missing > 0
            && self.extra > 0
            && ((share >= Self::OUTDATED_SHARE && self.places >= Self::OUTDATED_PLACES)
                || (share >= Self::SCATTERED_SHARE && self.places >= Self::SCATTERED_PLACES))
    }
}

/// What one row of a side-by-side view holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RowKind {
    Paired,
    /// A source block with no counterpart.
    Missing,
    /// A translated block with no counterpart.
    Extra,
    /// A translated block whose counterpart stands elsewhere in the source.
    Moved,
    /// A block of a duplicated run: it repeats earlier blocks of the translation.
    Duplicate,
}

/// One row of a side-by-side view: block indices in the source and in the translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub source: Option<usize>,
    pub target: Option<usize>,
    pub kind: RowKind,
}

impl Alignment {
    /// The translation's blocks in order beside the source blocks they translate, with a gap
    /// on the other side for a missing or extra block, and moved and duplicated blocks where
    /// the translation has them.
    pub fn rows(&self, duplicates: &[DuplicateRun], target_blocks: usize) -> Vec<Row> {
        let duplicate = |t: usize| duplicates.iter().any(|run| run.repeat.contains(&t));
        let mut listed = vec![false; target_blocks];
        // Each row's place: the target index it holds, or for a missing block the last target
        // index before it, then its order among the rows so placed.
        let mut keyed: Vec<((isize, usize), Row)> = Vec::new();
        let mut last_target: isize = -1;
        for (order, pair) in self.pairs.iter().enumerate() {
            let kind = match (pair.source, pair.target) {
                (Some(_), Some(_)) => RowKind::Paired,
                (Some(_), None) => RowKind::Missing,
                _ => RowKind::Extra,
            };
            if let Some(t) = pair.target {
                last_target = t as isize;
                if let Some(seen) = listed.get_mut(t) {
                    *seen = true;
                }
            }
            let row = Row {
                source: pair.source,
                target: pair.target,
                kind,
            };
            keyed.push(((last_target, order + 1), row));
        }
        for (t, seen) in listed.iter().enumerate() {
            if *seen {
                continue;
            }
            let moved = self.moves.iter().find(|m| m.target == t);
            let row = match moved {
                Some(m) => Row {
                    source: Some(m.source),
                    target: Some(t),
                    kind: RowKind::Moved,
                },
                None => Row {
                    source: None,
                    target: Some(t),
                    kind: if duplicate(t) {
                        RowKind::Duplicate
                    } else {
                        RowKind::Extra
                    },
                },
            };
            keyed.push(((t as isize, 0), row));
        }
        keyed.sort_by_key(|(key, _)| *key);
        keyed.into_iter().map(|(_, row)| row).collect()
    }

    /// The source block that target block `target` translates (paired or moved).
    pub fn source_of(&self, target: usize) -> Option<usize> {
        self.source_of.get(&target).copied()
    }

    /// Whether source block `source` is a menu of the article's languages.
    pub fn is_source_menu(&self, source: usize) -> bool {
        self.source_menus.contains(&source)
    }

    /// Whether target block `target` is a menu of the article's languages.
    pub fn is_target_menu(&self, target: usize) -> bool {
        self.target_menus.contains(&target)
    }

    /// Whether target block `target` surely translates the source block it is paired with, so
    /// that a difference between them (a heading's level) is the translation's.
    pub fn is_sure(&self, target: usize) -> bool {
        self.sure.contains(&target)
    }
}

/// A translation's duplicated runs and its alignment with its source. A repeated run is a paste
/// only where the source does not account for both copies: when the source has the text twice
/// too (a note under two sections, the same options under two commands), both copies pair with
/// blocks of the source, and neither is a duplicate.
///
/// `group_files` are the lowercase file names of the article's group: a block that links to
/// them is a language menu, which pairs only with another menu.
pub fn align_translation(
    source: Option<&Document>,
    target: &Document,
    group_files: &HashSet<String>,
) -> (Vec<DuplicateRun>, Option<Alignment>) {
    let candidates = find_duplicates(target, source);
    let Some(source) = source else {
        // With no source to say what the page repeats (the options of two tabs, a note under
        // two sections), only a run pasted twice in a row is surely a paste.
        let adjacent = candidates
            .into_iter()
            .filter(|run| run.repeat.start == run.first.end)
            .collect();
        return (adjacent, None);
    };
    let full = align(source, target, &[], group_files);
    if candidates.is_empty() {
        return (candidates, Some(full));
    }
    // A translation of an older source may repeat what that source repeated, which the
    // current one no longer says: only a repeat that follows its first copy at once is
    // surely a paste there.
    let outdated = full.drift.is_outdated();
    let pasted: Vec<DuplicateRun> = candidates
        .into_iter()
        .filter(|run| !outdated || run.repeat.start == run.first.end)
        .filter(|run| !both_copies_paired(source, target, &full, run))
        .collect();
    let alignment = if pasted.is_empty() {
        full
    } else {
        align(source, target, &pasted, group_files)
    };
    (pasted, Some(alignment))
}

/// Whether the alignment pairs most blocks of both copies of `run` with source blocks that
/// could both read as the copy: the same source text twice, the same anchors twice, or a block
/// short enough (a label, an option) for two source blocks to translate alike. Two different
/// long paragraphs never translate to one text, so a pairing that says so is the paste's.
fn both_copies_paired(
    source: &Document,
    target: &Document,
    alignment: &Alignment,
    run: &DuplicateRun,
) -> bool {
    let both = run
        .first
        .clone()
        .zip(run.repeat.clone())
        .filter(|&(i, j)| {
            let (Some(a), Some(b)) = (alignment.source_of(i), alignment.source_of(j)) else {
                return false;
            };
            let (a, b) = (&source.blocks[a], &source.blocks[b]);
            a.normalized == b.normalized
                || duplicates::same_anchors(a, b)
                || !duplicates::is_long(&target.blocks[j])
        })
        .count();
    2 * both > run.len()
}

/// Documents up to this many source × target blocks are aligned by one dynamic programme over
/// all their blocks; larger ones are first cut at the pins.
const WHOLE_DP_CELLS: usize = 1_000_000;

pub fn align(
    source: &Document,
    target: &Document,
    duplicates: &[DuplicateRun],
    group_files: &HashSet<String>,
) -> Alignment {
    let src: Vec<usize> = (0..source.blocks.len()).collect();
    let tgt: Vec<usize> = (0..target.blocks.len())
        .filter(|t| !duplicates.iter().any(|run| run.repeat.contains(t)))
        .collect();
    let (pins, crossing) = pins(&source.blocks, &src, &target.blocks, &tgt);
    let ratio = score::length_ratio(&source.blocks, &target.blocks, &src, &tgt, &pins);
    let strict_kinds = source.format != Format::PlainText && target.format != Format::PlainText;
    let anchored = pins
        .iter()
        .chain(&crossing)
        .map(|&(s, t)| (src[s], tgt[t]))
        .collect();
    let menus = |blocks: &[Block]| -> HashSet<usize> {
        (0..blocks.len())
            .filter(|&i| blocks[i].is_language_menu(group_files))
            .collect()
    };
    let (source_menus, target_menus) = (menus(&source.blocks), menus(&target.blocks));
    let scorer = Scorer::new(ratio, strict_kinds, anchored)
        .with_menus(source_menus.clone(), target_menus.clone());

    let mut pairs = Vec::new();
    if src.len() * tgt.len() <= WHOLE_DP_CELLS {
        // Unique anchor matches weigh heavily but do not bind: a short block that moved must
        // not drag its neighbours into missing and extra.
        pairs = scorer.align_gap(&source.blocks, &src, &target.blocks, &tgt);
    } else {
        let (mut si, mut ti) = (0, 0);
        for &(ps, pt) in pins.iter().chain(std::iter::once(&(src.len(), tgt.len()))) {
            pairs.extend(scorer.align_gap(
                &source.blocks,
                &src[si..ps],
                &target.blocks,
                &tgt[ti..pt],
            ));
            if ps < src.len() {
                pairs.push(Pair {
                    source: Some(src[ps]),
                    target: Some(tgt[pt]),
                });
            }
            (si, ti) = (ps + 1, pt + 1);
        }
    }
    unpair_banners(&source.blocks, &target.blocks, &mut pairs, &scorer);
    join_split_blocks(&source.blocks, &target.blocks, &mut pairs, &scorer);
    let mut moves =
        moves_across_crossed_blocks(&source.blocks, &target.blocks, &mut pairs, &scorer);
    moves.extend(find_moves(
        &source.blocks,
        &target.blocks,
        &mut pairs,
        &scorer,
    ));
    // How far the page drifted is measured before: a page of another version keeps its lone
    // blocks that fit each other by chance, and is still reported once as a whole.
    let before_counterparts = pairs.clone();
    counterparts::pair_lone_counterparts(
        &source.blocks,
        &target.blocks,
        &mut pairs,
        ratio,
        |s, t| {
            s.is_some_and(|s| source_menus.contains(&s))
                || t.is_some_and(|t| target_menus.contains(&t))
        },
    );
    moves.sort_by_key(|m| m.target);
    let mut source_of = HashMap::new();
    for (t, s) in pairs
        .iter()
        .filter_map(|p| Some((p.target?, p.source?)))
        .chain(moves.iter().map(|m| (m.target, m.source)))
    {
        // A block that translates two merged source blocks answers with the first.
        source_of.entry(t).or_insert(s);
    }
    let paired = |p: Option<&Pair>| p.is_none_or(|p| p.source.is_some() && p.target.is_some());
    let sure = pairs
        .iter()
        .enumerate()
        .filter_map(|(n, pair)| {
            let (s, t) = (pair.source?, pair.target?);
            let (sb, tb) = (&source.blocks[s], &target.blocks[t]);
            let between_pairs =
                paired(n.checked_sub(1).and_then(|m| pairs.get(m))) && paired(pairs.get(n + 1));
            (scorer.is_strong_match(sb, tb) || (between_pairs && scorer.pair_score(sb, tb) >= 0.0))
                .then_some(t)
        })
        .collect();
    let has_text = |b: &Block| !b.is_markup();
    let unpaired_text = |p: &Pair| match (p.source, p.target) {
        (Some(s), None) => has_text(&source.blocks[s]) && !source_menus.contains(&s),
        (None, Some(t)) => has_text(&target.blocks[t]) && !target_menus.contains(&t),
        _ => false,
    };
    let stretches = before_counterparts
        .iter()
        .enumerate()
        .filter(|&(n, p)| {
            unpaired_text(p) && (n == 0 || !unpaired_text(&before_counterparts[n - 1]))
        })
        .count();
    let drift = Drift {
        source_blocks: source.blocks.iter().filter(|b| has_text(b)).count(),
        missing: before_counterparts
            .iter()
            .filter(|p| p.target.is_none() && unpaired_text(p))
            .count(),
        target_blocks: tgt.iter().filter(|&&t| has_text(&target.blocks[t])).count(),
        extra: before_counterparts
            .iter()
            .filter(|p| p.source.is_none() && unpaired_text(p))
            .count(),
        places: stretches + moves.len(),
    };
    Alignment {
        pairs,
        moves,
        source_of,
        sure,
        drift,
        source_menus,
        target_menus,
    }
}

/// A length fit must improve by this much for a block to join its neighbour's pair.
const JOIN_MARGIN: f64 = 0.35;
/// The gain in fit that joins a part of one sentence.
const JOIN_SENTENCE_MARGIN: f64 = 0.08;
/// A joined pair must fit at least this well (about a third off the expected length).
const JOIN_MIN_FIT: f64 = -0.4;

/// A source paragraph the translator split in two (or three) comes out of the alignment as a
/// pair and extra blocks beside it; two merged into one, as a pair and a missing block. Where
/// the unpaired blocks are of their neighbour's kind, bring no anchor its partner lacks, and
/// make the lengths fit clearly better, they join that pair: one source block, several
/// translated ones, or the reverse. A run joins at once, since each of its parts alone may
/// still be far short of the whole.
fn join_split_blocks(source: &[Block], target: &[Block], pairs: &mut [Pair], scorer: &Scorer) {
    // Letters and sentences on each side of a pair so far, by its source and by its target block.
    let mut target_side: HashMap<usize, (usize, usize)> = HashMap::new();
    let mut source_side: HashMap<usize, (usize, usize)> = HashMap::new();
    let measure = |b: &Block| (b.length, sentences(b));
    // A menu or markup that one side alone has (the source's language menu, a closing tag)
    // stands between a split part and its pair without parting them.
    let between = |p: &Pair, part_in_target: bool| {
        let lone = if part_in_target {
            p.target.is_none() && p.source.is_some_and(|s| source[s].is_markup())
        } else {
            p.source.is_none() && p.target.is_some_and(|t| target[t].is_markup())
        };
        let one_sided = p.source.is_none() != p.target.is_none();
        one_sided && (lone || (scorer.is_menu(p) && (p.source.is_none() != part_in_target)))
    };
    for n in 0..pairs.len() {
        let part_in_target = pairs[n].source.is_none();
        let beyond = |mut m: usize, step: isize| -> Option<usize> {
            while between(pairs.get(m)?, part_in_target) {
                m = m.checked_add_signed(step)?;
            }
            Some(m)
        };
        let neighbours = [
            n.checked_sub(1).and_then(|m| beyond(m, -1)),
            beyond(n + 1, 1),
        ];
        for neighbour in neighbours.into_iter().flatten() {
            let Some(&Pair {
                source: Some(s),
                target: Some(t),
            }) = pairs.get(neighbour)
            else {
                continue;
            };
            let step: isize = if neighbour < n { 1 } else { -1 };
            let have_s = *source_side.get(&t).unwrap_or(&measure(&source[s]));
            let have_t = *target_side.get(&s).unwrap_or(&measure(&target[t]));
            let before = scorer.length_fit(have_s.0, have_t.0);
            match (pairs[n].source, pairs[n].target) {
                (None, Some(_)) => {
                    let run = one_sided_run(pairs, n, step, t, |p| {
                        p.source.is_none().then_some(p.target).flatten()
                    })
                    .into_iter()
                    .take_while(|&(_, b)| joins(&target[b], &target[t], &source[s]))
                    .collect::<Vec<_>>();
                    let parts = run.iter().map(|&(_, b)| measure(&target[b]));
                    // Sentences are weighed block against block, as the translator split them.
                    let have = (have_t.0, sentences(&target[t]));
                    if let Some(k) = best_join(
                        have,
                        parts,
                        before,
                        |joined| scorer.length_fit(have_s.0, joined.0),
                        sentences(&source[s]),
                        target[t].kind == BlockKind::Paragraph,
                    ) {
                        let mut joined = have_t;
                        for &(m, b) in &run[..k] {
                            pairs[m].source = Some(s);
                            joined = (
                                joined.0 + target[b].length,
                                joined.1 + sentences(&target[b]),
                            );
                        }
                        target_side.insert(s, joined);
                        bring_beside(pairs, n, neighbour, k);
                        break;
                    }
                }
                (Some(_), None) => {
                    let run = one_sided_run(pairs, n, step, s, |p| {
                        p.target.is_none().then_some(p.source).flatten()
                    })
                    .into_iter()
                    .take_while(|&(_, b)| joins(&source[b], &source[s], &target[t]))
                    .collect::<Vec<_>>();
                    let parts = run.iter().map(|&(_, b)| measure(&source[b]));
                    let have = (have_s.0, sentences(&source[s]));
                    if let Some(k) = best_join(
                        have,
                        parts,
                        before,
                        |joined| scorer.length_fit(joined.0, have_t.0),
                        sentences(&target[t]),
                        false,
                    ) {
                        let mut joined = have_s;
                        for &(m, b) in &run[..k] {
                            pairs[m].target = Some(t);
                            joined = (
                                joined.0 + source[b].length,
                                joined.1 + sentences(&source[b]),
                            );
                        }
                        source_side.insert(t, joined);
                        bring_beside(pairs, n, neighbour, k);
                        break;
                    }
                }
                _ => {}
            }
        }
    }
}

/// Moves the rows that stood between a joined run of `k` parts (starting at `n`, stepping away
/// from `neighbour`) and its pair at `neighbour` to the run's other side, so that both sides
/// stay in document order.
fn bring_beside(pairs: &mut [Pair], n: usize, neighbour: usize, k: usize) {
    if neighbour > n {
        let start = n + 1 - k;
        pairs[start..neighbour].rotate_right(neighbour - n - 1);
    } else {
        pairs[neighbour + 1..n + k].rotate_left(n - neighbour - 1);
    }
}

/// Whether an unpaired block may be a part of `partner`, the split counterpart of `whole`.
fn joins(block: &Block, partner: &Block, whole: &Block) -> bool {
    block.kind == partner.kind
        && block.kind.is_prose()
        && anchors_within(block, whole)
        && !links_apart(block, whole)
}

/// Whether two blocks each link to pages the other does not: they say different things (two
/// list items naming two tools, each with its link), and neither is a part of the other.
fn links_apart(a: &Block, b: &Block) -> bool {
    // A page is known by its last name and fragment: the source may link it relatively
    // (`../concepts/primer/#what`) where the translation links it from the root.
    let page = |link: &str| -> String {
        let link = link.split('?').next().unwrap_or(link);
        let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
        let name = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or("");
        format!("{}#{fragment}", name.to_lowercase())
    };
    let pages: HashSet<String> = b.link_values.iter().map(|v| page(v)).collect();
    let shared = a.link_values.iter().any(|v| pages.contains(&page(v)));
    !a.link_values.is_empty() && !b.link_values.is_empty() && !shared
}

/// Pairs from `n` on, stepping `step`, that hold one side only (`side`), each holding the block
/// next to the one before it, starting next to `from`: (pair position, block).
fn one_sided_run(
    pairs: &[Pair],
    n: usize,
    step: isize,
    from: usize,
    side: impl Fn(&Pair) -> Option<usize>,
) -> Vec<(usize, usize)> {
    let mut run = Vec::new();
    let mut last = from;
    let mut m = Some(n);
    while let Some(pair) = m.and_then(|m| pairs.get(m)) {
        let Some(b) = side(pair) else { break };
        if last.checked_add_signed(step) != Some(b) {
            break;
        }
        run.push((m.unwrap_or_default(), b));
        last = b;
        m = m.and_then(|m| m.checked_add_signed(step));
    }
    run
}

/// How many of a run's parts (letters, sentences) to join to a pair's side `have`: the count
/// that fits the other side's length best, if that fit is good and clearly better than
/// `before`, or no worse and it supplies the sentences the side lacks against `whole`, or (where
/// `sentence_apart`) a single sentence that makes the fit better at all.
fn best_join(
    have: (usize, usize),
    parts: impl Iterator<Item = (usize, usize)>,
    before: f64,
    fit: impl Fn((usize, usize)) -> f64,
    whole: usize,
    sentence_apart: bool,
) -> Option<usize> {
    let mut joined = have;
    let mut best: Option<(usize, f64, usize)> = None;
    for (k, part) in parts.enumerate() {
        joined = (joined.0 + part.0, joined.1 + part.1);
        let f = fit(joined);
        if best.is_none_or(|(_, b, _)| f > b) {
            best = Some((k + 1, f, joined.1));
        }
    }
    let (k, f, sentences) = best?;
    // Translators keep sentences: a side short of sentences that the parts supply is the split.
    let sentences_fit = have.1 < whole && sentences.abs_diff(whole) < whole - have.1;
    // A translated paragraph's last sentence set apart as a paragraph of its own adds little
    // length, so any clear gain in fit tells it. (A source block left out is never joined so:
    // a short item or note missing is the defect most often found.)
    let one_sentence =
        sentence_apart && sentences <= have.1 + 1 && f >= before + JOIN_SENTENCE_MARGIN;
    let better =
        f >= before + JOIN_MARGIN || (f >= before - JOIN_MARGIN && sentences_fit) || one_sentence;
    (better && f >= JOIN_MIN_FIT).then_some(k)
}

/// Takes a source block out of a weak pair when the translation block it holds is the first
/// part of the next source block, split in two: the source block is its own (a banner the
/// translations left out, `This page was updated for version 2.1`) and shares none of its
/// numbers, code or addresses with the block it was paired with.
fn unpair_banners(source: &[Block], target: &[Block], pairs: &mut Vec<Pair>, scorer: &Scorer) {
    let mut n = 0;
    while n + 1 < pairs.len() {
        let (
            Pair {
                source: Some(s1),
                target: Some(t1),
            },
            Pair {
                source: Some(s2),
                target: Some(t2),
            },
        ) = (pairs[n], pairs[n + 1])
        else {
            n += 1;
            continue;
        };
        let (banner, first, whole, rest) = (&source[s1], &target[t1], &source[s2], &target[t2]);
        let kind = first.kind;
        let foreign_anchors = !banner.hard_values.is_empty()
            && !banner
                .hard_values
                .iter()
                .any(|v| first.hard_values.contains(v));
        let before = scorer.length_fit(whole.length, rest.length);
        let joined = scorer.length_fit(whole.length, rest.length + first.length);
        if s2 == s1 + 1
            && t2 == t1 + 1
            && kind.is_prose()
            && banner.kind == kind
            && whole.kind == kind
            && rest.kind == kind
            && foreign_anchors
            && anchors_within(first, whole)
            && scorer.is_strong_match(whole, rest)
            && joined >= before + JOIN_MARGIN
            && joined >= JOIN_MIN_FIT
        {
            pairs[n].target = None;
            pairs.insert(
                n + 1,
                Pair {
                    source: Some(s2),
                    target: Some(t1),
                },
            );
            n += 3;
        } else {
            n += 1;
        }
    }
}

fn sentences(block: &Block) -> usize {
    block.sentences()
}

/// Whether every hard anchor of `part` is one of `whole`'s.
fn anchors_within(part: &Block, whole: &Block) -> bool {
    part.hard_values.iter().all(|v| {
        whole.hard_values.binary_search(v).is_ok()
            // A word the translator set as code (`peek`) that the source writes as plain text.
            || (v.chars().count() >= 3
                && v.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                && v.chars().any(char::is_alphabetic)
                && whole.text.contains(v.as_str()))
            // Code the translator translated (`로그 레코드`) cannot be the source's.
            || v.chars().any(|c| {
                c.is_alphabetic()
                    && !matches!(
                        char_script(c),
                        Script::Latin | Script::Common
                    )
            })
    })
}

/// A pair of positions: in the source sequence and in the target sequence.
type Position = (usize, usize);

/// Blocks whose signature is unique in both documents, split into pins (the heaviest chain that
/// keeps document order, weighted by block length so that long blocks anchor the alignment) and
/// moves (unique matches that cross the chain). Positions are into `src` and `tgt`.
fn pins(
    source: &[Block],
    src: &[usize],
    target: &[Block],
    tgt: &[usize],
) -> (Vec<Position>, Vec<Position>) {
    let mut by_signature: HashMap<String, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (pos, &i) in src.iter().enumerate() {
        if let Some(sig) = score::signature(&source[i]) {
            by_signature.entry(sig).or_default().0.push(pos);
        }
    }
    for (pos, &i) in tgt.iter().enumerate() {
        if let Some(sig) = score::signature(&target[i]) {
            by_signature.entry(sig).or_default().1.push(pos);
        }
    }
    let mut matches: Vec<(usize, usize)> = by_signature
        .values()
        .filter(|(s, t)| s.len() == 1 && t.len() == 1)
        .map(|(s, t)| (s[0], t[0]))
        .collect();
    matches.sort_unstable();
    let weight = |&(s, t): &(usize, usize)| {
        1 + source[src[s]].length.min(2000) + target[tgt[t]].length.min(2000)
    };
    // Heaviest increasing subsequence of target positions, O(k²) over k unique matches.
    let mut best = vec![0usize; matches.len()];
    let mut back = vec![usize::MAX; matches.len()];
    for i in 0..matches.len() {
        best[i] = weight(&matches[i]);
        for j in 0..i {
            if matches[j].1 < matches[i].1 && best[j] + weight(&matches[i]) > best[i] {
                best[i] = best[j] + weight(&matches[i]);
                back[i] = j;
            }
        }
    }
    let mut chain = Vec::new();
    let mut at = (0..matches.len()).max_by_key(|&i| best[i]);
    while let Some(i) = at {
        chain.push(i);
        at = (back[i] != usize::MAX).then_some(back[i]);
    }
    chain.reverse();
    let pinned: Vec<(usize, usize)> = chain.iter().map(|&i| matches[i]).collect();
    let crossing = matches
        .into_iter()
        .filter(|m| !pinned.contains(m))
        .collect();
    (pinned, crossing)
}

/// Blocks that moved past blocks with no anchors stay paired where the translation put them
/// when one of them has a strong match (an image, a paragraph with numbers), and the blocks they
/// crossed come out unpaired on both sides: n extra just before them and n missing just after,
/// or the reverse. When those pair up one for one, and the run of pairs between is shorter than
/// the 2n findings they would make, that run is what moved: its pairs become moves, and the
/// crossed blocks become pairs.
fn moves_across_crossed_blocks(
    source: &[Block],
    target: &[Block],
    pairs: &mut Vec<Pair>,
    scorer: &Scorer,
) -> Vec<Move> {
    let paired = |p: &Pair| p.source.is_some() && p.target.is_some();
    let extra = |p: &Pair| p.source.is_none();
    let missing = |p: &Pair| p.target.is_none();
    let mut moves = Vec::new();
    let mut k = 0;
    while k < pairs.len() {
        let run = k..k + pairs[k..].iter().take_while(|p| paired(p)).count();
        if run.is_empty() {
            k += 1;
            continue;
        }
        let strong = pairs[run.clone()]
            .iter()
            .any(|p| match (p.source, p.target) {
                (Some(s), Some(t)) => scorer.is_strong_match(&source[s], &target[t]),
                _ => false,
            });
        let before = |is: &dyn Fn(&Pair) -> bool| {
            pairs[..run.start]
                .iter()
                .rev()
                .take_while(|p| is(p))
                .count()
        };
        let after =
            |is: &dyn Fn(&Pair) -> bool| pairs[run.end..].iter().take_while(|p| is(p)).count();
        // Moved later in the translation (extra before, missing after), or earlier.
        let crossed = [
            (before(&extra), after(&missing)),
            (before(&missing), after(&extra)),
        ]
        .into_iter()
        .find(|&(b, a)| b > 0 && b == a && run.len() < 2 * b)
        .map(|(n, _)| n);
        let Some(n) = crossed.filter(|_| strong) else {
            k = run.end;
            continue;
        };
        let span = run.start - n..run.end + n;
        let crossed_sources = pairs[span.clone()].iter().filter(|p| missing(p));
        let crossed_targets = pairs[span.clone()].iter().filter(|p| extra(p));
        let repaired: Vec<Pair> = crossed_sources
            .zip(crossed_targets)
            .map(|(a, b)| Pair {
                source: a.source,
                target: b.target,
            })
            .collect();
        let acceptable = repaired.iter().all(|p| match (p.source, p.target) {
            (Some(a), Some(b)) => scorer.pair_score(&source[a], &target[b]) > -2.0 * score::GAP,
            _ => false,
        });
        if !acceptable {
            k = run.end;
            continue;
        }
        moves.extend(pairs[run.clone()].iter().filter_map(|p| {
            Some(Move {
                source: p.source?,
                target: p.target?,
            })
        }));
        k = span.start + repaired.len();
        pairs.splice(span, repaired);
    }
    moves
}

/// Pairs an unpaired target block with an unpaired source block elsewhere when they match
/// strongly (same kind, same hard anchors), and takes both out of the missing/extra lists.
fn find_moves(
    source: &[Block],
    target: &[Block],
    pairs: &mut Vec<Pair>,
    scorer: &Scorer,
) -> Vec<Move> {
    let missing: Vec<usize> = pairs
        .iter()
        .filter(|p| p.target.is_none())
        .filter_map(|p| p.source)
        .collect();
    let mut taken = Vec::new();
    let mut moves = Vec::new();
    for pair in pairs.iter().filter(|p| p.source.is_none()) {
        let Some(t) = pair.target else { continue };
        let best = missing
            .iter()
            .filter(|s| !taken.contains(*s))
            .filter(|&&s| scorer.is_strong_match(&source[s], &target[t]))
            .max_by(|&&a, &&b| {
                scorer
                    .pair_score(&source[a], &target[t])
                    .total_cmp(&scorer.pair_score(&source[b], &target[t]))
            });
        if let Some(&s) = best {
            taken.push(s);
            moves.push(Move {
                source: s,
                target: t,
            });
        }
    }
    pairs.retain(|p| match (p.source, p.target) {
        (Some(s), None) => !taken.contains(&s),
        (None, Some(t)) => !moves.iter().any(|m| m.target == t),
        _ => true,
    });
    moves
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn doc(text: &str) -> Document {
        Document::parse(&SourceFile::new("t.txt", text), Format::PlainText)
    }

    fn shape(alignment: &Alignment) -> Vec<(Option<usize>, Option<usize>)> {
        alignment
            .pairs
            .iter()
            .map(|p| (p.source, p.target))
            .collect()
    }

    const EN: &str = "Title here\n\nIntro with 3 points about CX and more words here.\n\nWhy it matters\n\nA long paragraph about the matter at hand, with many words and no anchors at all.\n\nimage-1.png\n\nClosing words about SaaS tools and people.\n";

    #[test]
    fn identical_structure_pairs_one_to_one() {
        let fr = doc("Titre ici\n\nIntro avec 3 points sur CX et plus de mots ici.\n\nPourquoi c'est important\n\nUn long paragraphe sur le sujet en question, avec beaucoup de mots et aucune ancre.\n\nimage-1.png\n\nMots de clôture sur les outils SaaS et les gens.\n");
        let a = align(&doc(EN), &fr, &[], &HashSet::new());
        let expected: Vec<_> = (0..6).map(|i| (Some(i), Some(i))).collect();
        assert_eq!(shape(&a), expected);
        assert!(a.moves.is_empty());
    }

    #[test]
    fn missing_and_extra_blocks() {
        let fr = doc("Titre ici\n\nIntro avec 3 points sur CX et plus de mots ici.\n\nimage-1.png\n\nUn paragraphe ajouté par le traducteur, qui n'existe pas dans la source.\n\nMots de clôture sur les outils SaaS et les gens.\n");
        let a = align(&doc(EN), &fr, &[], &HashSet::new());
        assert_eq!(
            shape(&a),
            vec![
                (Some(0), Some(0)),
                (Some(1), Some(1)),
                (Some(2), None),
                (Some(3), None),
                (Some(4), Some(2)),
                (None, Some(3)),
                (Some(5), Some(4)),
            ]
        );
    }

    #[test]
    fn moved_block_is_a_move_not_missing_plus_extra() {
        let fr = doc("Titre ici\n\nimage-1.png\n\nIntro avec 3 points sur CX et plus de mots ici.\n\nPourquoi c'est important\n\nUn long paragraphe sur le sujet en question, avec beaucoup de mots et aucune ancre.\n\nMots de clôture sur les outils SaaS et les gens.\n");
        let a = align(&doc(EN), &fr, &[], &HashSet::new());
        assert_eq!(
            a.moves,
            vec![Move {
                source: 4,
                target: 1
            }]
        );
        assert!(a
            .pairs
            .iter()
            .all(|p| p.source.is_some() && p.target.is_some()));
        assert_eq!(a.source_of(1), Some(4));
    }

    #[test]
    fn an_image_moved_past_blocks_without_anchors_is_the_move() {
        // Earlier than in the source, then later: either way it crosses a heading and a
        // paragraph that have no anchors.
        let earlier = doc("Titre ici\n\nIntro avec 3 points sur CX et plus de mots ici.\n\nimage-1.png\n\nPourquoi c'est important\n\nUn long paragraphe sur le sujet en question, avec beaucoup de mots et aucune ancre.\n\nMots de clôture sur les outils SaaS et les gens.\n");
        let en = "Title here\n\nIntro with 3 points about CX and more words here.\n\nimage-1.png\n\nWhy it matters\n\nA long paragraph about the matter at hand, with many words and no anchors at all.\n\nClosing words about SaaS tools and people.\n";
        let later = doc("Titre ici\n\nIntro avec 3 points sur CX et plus de mots ici.\n\nPourquoi c'est important\n\nUn long paragraphe sur le sujet en question, avec beaucoup de mots et aucune ancre.\n\nimage-1.png\n\nMots de clôture sur les outils SaaS et les gens.\n");
        for (source, target, moved) in [
            (
                doc(EN),
                earlier,
                Move {
                    source: 4,
                    target: 2,
                },
            ),
            (
                doc(en),
                later,
                Move {
                    source: 2,
                    target: 4,
                },
            ),
        ] {
            let a = align(&source, &target, &[], &HashSet::new());
            assert_eq!(a.moves, vec![moved]);
            assert!(
                a.pairs
                    .iter()
                    .all(|p| p.source.is_some() && p.target.is_some()),
                "{:?}",
                shape(&a)
            );
            assert_eq!(a.pairs.len(), 5);
        }
    }

    #[test]
    fn a_section_moved_past_an_unanchored_section_is_the_move() {
        // The heading and the paragraph with numbers moved together past a section with no
        // anchors.
        let en = doc("Tasklane 3.0 brings boards to every team\n\nTasklane 3.0 is out today. The biggest change is the new board view, which many of you have been asking for since last year.\n\nA board for every project\n\nEvery project now has a board next to its list. Drag a task to the next column to change its status, or add your own columns for review and testing.\n\ntasklane-board.png\n\nFaster with large projects\n\nWe rewrote the way projects load. A project with 1,500 tasks now opens in 2 seconds instead of 9.\n\nIncluded in every plan\n\nThe board view comes with every plan at no extra cost, from the free plan to Enterprise. Update the app or reload the page to start using it.\n");
        let de = doc("Tasklane 3.0 bringt Boards für jedes Team\n\nTasklane 3.0 ist ab heute verfügbar. Die größte Neuerung ist die Board-Ansicht, die sich viele von Ihnen seit letztem Jahr gewünscht haben.\n\nEin Board für jedes Projekt\n\nJedes Projekt hat jetzt neben seiner Liste auch ein Board. Ziehen Sie eine Aufgabe in die nächste Spalte, um ihren Status zu ändern, oder legen Sie eigene Spalten für Review und Tests an.\n\ntasklane-board.png\n\nIn jedem Tarif enthalten\n\nDie Board-Ansicht ist ohne Aufpreis in jedem Tarif enthalten, vom kostenlosen Tarif bis Enterprise. Aktualisieren Sie die App oder laden Sie die Seite neu, um sie zu nutzen.\n\nSchneller bei großen Projekten\n\nWir haben das Laden von Projekten neu geschrieben. Ein Projekt mit 1.500 Aufgaben öffnet sich jetzt in 2 statt in 9 Sekunden.\n");
        let a = align(&en, &de, &[], &HashSet::new());
        assert_eq!(
            a.moves,
            vec![
                Move {
                    source: 5,
                    target: 7
                },
                Move {
                    source: 6,
                    target: 8
                }
            ]
        );
        assert!(
            a.pairs
                .iter()
                .all(|p| p.source.is_some() && p.target.is_some()),
            "{:?}",
            shape(&a)
        );
        assert_eq!(a.pairs.len(), 7);
    }

    #[test]
    fn a_moved_paragraph_with_space_grouped_numbers_is_a_move() {
        let en = doc("Release notes\n\nFaster budgets\n\nBudgets shared by more than 5 people now open in under 1 second, even with 10,000 transactions.\n\nExport to CSV\n\nAny budget can now be exported to a CSV file from its menu.\n");
        let ru = doc("Заметки о выпуске\n\nБыстрые бюджеты\n\nЭкспорт в CSV\n\nЛюбой бюджет теперь можно выгрузить в файл CSV из его меню.\n\nБюджеты, которыми пользуются больше 5 человек, открываются меньше чем за 1 секунду, даже если в них 10\u{A0}000 операций.\n");
        let a = align(&en, &ru, &[], &HashSet::new());
        assert_eq!(
            a.moves,
            vec![Move {
                source: 2,
                target: 4
            }]
        );
        assert!(a
            .pairs
            .iter()
            .all(|p| p.source.is_some() && p.target.is_some()));
    }

    #[test]
    fn two_swapped_sections_are_one_section_moved() {
        let md = |text: &str| Document::parse(&SourceFile::new("t.md", text), Format::Markdown);
        let en = md("# Plans\n\n## Starter\n\nThe Starter plan costs 9 dollars a month and covers 3 users.\n\n## Business\n\nThe Business plan costs 49 dollars a month and covers 25 users with SSO.\n\n## Support\n\nWrite to us at any time.\n");
        let fr = md("# Offres\n\n## Business\n\nL’offre Business coûte 49 dollars par mois et couvre 25 personnes avec SSO.\n\n## Starter\n\nL’offre Starter coûte 9 dollars par mois et couvre 3 personnes.\n\n## Assistance\n\nÉcrivez-nous à tout moment.\n");
        let a = align(&en, &fr, &[], &HashSet::new());
        assert_eq!(
            a.moves,
            vec![
                Move {
                    source: 1,
                    target: 3
                },
                Move {
                    source: 2,
                    target: 4
                }
            ]
        );
        assert!(a
            .pairs
            .iter()
            .all(|p| p.source.is_some() && p.target.is_some()));
    }

    #[test]
    fn a_large_document_without_anchors_is_aligned_in_bounded_slices() {
        let paragraphs = |word: &str| -> String {
            let body: Vec<String> = (0..2500)
                .map(|i| format!("{} {word}.", "word ".repeat(5 + i % 7)))
                .collect();
            format!("Title\n\n{}\n", body.join("\n\n"))
        };
        let (en, fr) = (doc(&paragraphs("end")), doc(&paragraphs("fin")));
        let a = align(&en, &fr, &[], &HashSet::new());
        let sources: Vec<usize> = a.pairs.iter().filter_map(|p| p.source).collect();
        let targets: Vec<usize> = a.pairs.iter().filter_map(|p| p.target).collect();
        assert_eq!(sources, (0..en.blocks.len()).collect::<Vec<_>>());
        assert_eq!(targets, (0..fr.blocks.len()).collect::<Vec<_>>());
        let paired = a
            .pairs
            .iter()
            .filter(|p| p.source.is_some() && p.target.is_some())
            .count();
        assert!(paired > 2400, "{paired} of 2501 paired");
    }
}
