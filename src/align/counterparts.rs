//! Blocks left unpaired on both sides at one place that are each other's translation: the
//! aligner could not confirm them (their anchors differ), but their place, kind and length say
//! they are one block. They become pairs, so that the rules that compare a pair's content see
//! what changed inside them (an option misspelt, a number changed).

use std::collections::HashSet;

use crate::document::{code_skeleton, Block, BlockKind};
use crate::locale::{char_script, Script};

use super::Pair;

/// One source block and one translated block left unpaired at the same place, of one kind and
/// of lengths that fit: the translation of that block, which the aligner could not confirm (an
/// example renamed in the translation's language, a diagram with its labels translated, a list
/// item reworded, a product renamed in the source since). Judged on real translations, claiming
/// it matches nothing was wrong in 16 of 17 cases; what changed inside such a pair is for the
/// rules that compare a pair's content.
/// Code is the exception: its translation changes comments and strings only, so a code block
/// whose skeleton differs is another version of the code (an option dropped in the source
/// since), unless the translator wrote in the code itself: letters of a script the source's
/// code lacks, outside comments and strings (a diagram's labels, a note, a placeholder
/// translated), say that this is the block translated.
pub fn is_counterpart(source: &Block, target: &Block, ratio: f64) -> bool {
    if source.kind != target.kind {
        return false;
    }
    if source.kind == BlockKind::Code {
        let target_skeleton = code_skeleton(&target.text);
        return code_skeleton(&source.text) == target_skeleton
            || written_in(&target_skeleton, &source.text);
    }
    let expected = (source.length as f64 + 3.0) * ratio;
    ((target.length as f64 + 3.0) / expected).ln().abs() <= COUNTERPART_MAX_SKEW
}

/// Whether `target` has letters of a script that `source` has none of.
fn written_in(target: &str, source: &str) -> bool {
    let scripts = |text: &str| -> HashSet<Script> {
        text.chars()
            .filter(|c| c.is_alphabetic())
            .map(char_script)
            .filter(|s| !matches!(s, Script::Common | Script::Inherited))
            .collect()
    };
    let source = scripts(source);
    scripts(target).iter().any(|s| !source.contains(s))
}

/// How far the length of a lone unpaired block may stray from its lone counterpart's, as the
/// log of the ratio, for the two to be taken as one block: about twice or half as long.
const COUNTERPART_MAX_SKEW: f64 = 0.7;

/// The longest run of unpaired blocks at one place taken block by block as counterparts: a
/// list of two or three items whose placeholders were translated (`{verbo}` for `{verb}`).
/// Only items or paragraphs, all of one kind: a heading and its paragraph unpaired together
/// were an older section in every such case judged.
pub const COUNTERPART_RUN_MAX: usize = 3;

/// Turns each gap of the alignment (a run of unpaired blocks between two pairs) that holds as
/// many source blocks as translated ones, counterparts one for one, into pairs. A gap with
/// markup or a language menu in it stays as it is.
pub(super) fn pair_lone_counterparts(
    source: &[Block],
    target: &[Block],
    pairs: &mut Vec<Pair>,
    ratio: f64,
    is_menu: impl Fn(Option<usize>, Option<usize>) -> bool,
) {
    let unpaired = |p: &Pair| p.source.is_none() || p.target.is_none();
    let mut out = Vec::with_capacity(pairs.len());
    let mut k = 0;
    while k < pairs.len() {
        if !unpaired(&pairs[k]) {
            out.push(pairs[k]);
            k += 1;
            continue;
        }
        let end = k + pairs[k..].iter().take_while(|p| unpaired(p)).count();
        let gap = &pairs[k..end];
        let missing: Vec<usize> = gap.iter().filter_map(|p| p.source).collect();
        let extra: Vec<usize> = gap.iter().filter_map(|p| p.target).collect();
        let plain = gap.iter().all(|p| {
            !is_menu(p.source, p.target)
                && p.source.is_none_or(|s| !source[s].is_markup())
                && p.target.is_none_or(|t| !target[t].is_markup())
        });
        let one_kind = missing.len() == 1
            || missing.iter().all(|&s| {
                source[s].kind == source[missing[0]].kind
                    && matches!(source[s].kind, BlockKind::ListItem | BlockKind::Paragraph)
            });
        if plain
            && !missing.is_empty()
            && missing.len() == extra.len()
            && missing.len() <= COUNTERPART_RUN_MAX
            && one_kind
            && missing
                .iter()
                .zip(&extra)
                .all(|(&s, &t)| is_counterpart(&source[s], &target[t], ratio))
        {
            out.extend(missing.iter().zip(&extra).map(|(&s, &t)| Pair {
                source: Some(s),
                target: Some(t),
            }));
        } else {
            out.extend_from_slice(gap);
        }
        k = end;
    }
    *pairs = out;
}
