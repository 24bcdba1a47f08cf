use crate::align::{is_counterpart, Drift, Pair, COUNTERPART_RUN_MAX};
use crate::document::{Block, BlockKind, Format};
use crate::finding::{Finding, Severity};
use std::collections::HashSet;

use super::{Context, Rule, RuleInfo, SourceSide};

pub struct StructureMismatch;

static INFO: RuleInfo = RuleInfo {
    id: "structure-mismatch",
    default_severity: Severity::Error,
    summary: "A block missing, added or moved against the source, or a heading re-levelled",
    needs_source: true,
    docs: r#"## What it finds

Each translation is aligned block by block with its source, using block kinds and the anchors
that survive translation (numbers, URLs, image names, code, Latin names and acronyms), then block
lengths. One finding for each:

- **missing** block: a source block with no counterpart, reported where it should stand;
- **extra** block: a translated block with no counterpart in the source;
- **moved** block: a block whose counterpart stands at another place in the source;
- **re-levelled** heading: a heading whose level differs from its source heading's;
- **changed kind** (Markdown): a list item where the source has a paragraph, and so on.

Neighbouring blocks are reported together: `missing 6 blocks: source lines 40-52, section
"Configure the proxy"`. Where both sides lost and gained blocks at one place, the finding says
the translation follows an older source there (`outdated: lines 93-95 match nothing in the
source, which has source line 88 here`); a page that drifted in many places gets one finding
for the whole page (`outdated translation: 40 of the source's 120 blocks have no counterpart
here…`), with each place listed as a related location. A block moved with its neighbours is
reported once, at the first of them. Where an extra paragraph stands among paragraphs that only
their order pairs, the finding names the stretch (`lines 24-26 hold 2 paragraphs where the
source has 1`) rather than guess which one.

What is not a difference: a paragraph split in two or two merged into one; a language menu
(links to the article's other translations); markup whose tags match; source blocks that none
of the group's translations carries, a lone one anywhere (an English-only banner) or a run between
the title and the first content (a notice on top of the source); a lone block on each side at
one place, of one kind and fitting lengths (a reworded block and its translation; not code whose
commands changed); a code block where the source now renders a component; an alert's title
(`> [!TIP] …`) whose translation writes the alert as the site's shortcode, the title inside it
(`{{% alert title="…" %}}`); headings that
keep the source's id (`{#configure-csps}`). Blocks of a duplicated run are reported once, by
`duplicate-section`, not again here.

## Why it matters

A dropped paragraph or a missing image goes unnoticed by a reader, who cannot know what the
source says, and unnoticed by a reviewer, who reads the translation alone. A re-levelled heading
breaks the table of contents and the page's outline.

## Example

```text
en.md                        ar.md
## Pricing                   ## الأسعار
Plans start at $10.          (missing)        <- missing paragraph: source line 3
![chart](chart.png)          ![chart](chart.png)
```

## How to fix

Translate the missing block, remove the extra one (or add it to the source first), put a moved
block back in its place, and give headings the source's levels.
"#,
};

impl Rule for StructureMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let Some(source) = &ctx.source else { return };
        let (src_blocks, tgt_blocks) = (&source.document.blocks, &ctx.document.blocks);
        let pairs = &source.alignment.pairs;
        let strict =
            source.document.format != Format::PlainText && ctx.document.format != Format::PlainText;
        let reporter = Reporter { ctx, source };
        let total = |blocks: &[Block]| blocks.iter().map(|b| b.length).sum::<usize>() as f64;
        let ratio = (total(tgt_blocks) + 1.0) / (total(src_blocks) + 1.0);
        let mut paired = vec![false; src_blocks.len()];
        let mut target_of = vec![None; src_blocks.len()];
        for pair in pairs {
            if let (Some(s), Some(t)) = (pair.source, pair.target) {
                paired[s] = true;
                target_of[s].get_or_insert(t);
            }
        }
        // An alert's title (`> [!TIP] Use WALs`) whose body the translation writes in the
        // site's own markup (`{{% alert title="…" %}}`, `:::tip[…]`), the title inside it.
        let title_in_markup = |s: usize| {
            src_blocks[s].text.trim_start().starts_with("[!")
                && target_of
                    .get(s + 1)
                    .copied()
                    .flatten()
                    .is_some_and(|t: usize| {
                        // The shortcode opens the body's block, or stands alone before it.
                        [Some(t), t.checked_sub(1)].into_iter().flatten().any(|t| {
                            let text = tgt_blocks[t].text.trim_start();
                            ["{{%", "{{<", ":::"].iter().any(|m| text.starts_with(m))
                        })
                    })
        };
        let (transposed_sources, transposed_targets) =
            transposed_tables(src_blocks, tgt_blocks, pairs);
        let mut runs = Vec::new();
        for gap in gaps(pairs) {
            let missing: Vec<usize> = gap
                .missing
                .iter()
                .copied()
                .filter(|s| !transposed_sources.contains(s))
                .filter(|&s| !src_blocks[s].is_markup() && !source.alignment.is_source_menu(s))
                .filter(|&s| !is_label_of_kept_list(src_blocks, s, &paired))
                .filter(|&s| !title_in_markup(s))
                .collect();
            // Blocks that none of the group's translations carries are the source's own, not a
            // gap in this translation: a lone block anywhere (an English-only banner), or a run
            // in the page's preamble, between its title and its first content (a notice the
            // source put on top). A run further down that every translation lacks is a section
            // they all have yet to translate.
            let source_only = ctx.group.translations >= 2
                && !missing.is_empty()
                && missing.iter().all(|&s| ctx.group.present(s) == 0);
            let in_preamble = missing.first().is_some_and(|&first| {
                (0..first).all(|s| {
                    let block = &src_blocks[s];
                    matches!(
                        block.kind,
                        BlockKind::Title | BlockKind::Heading(1) | BlockKind::FrontMatter
                    ) || block.is_markup()
                        || source.alignment.is_source_menu(s)
                })
            });
            let missing = if source_only && (missing.len() == 1 || in_preamble) {
                Vec::new()
            } else {
                missing
            };
            let extra: Vec<usize> = gap
                .extra
                .iter()
                .copied()
                .filter(|t| !transposed_targets.contains(t))
                .filter(|&t| !tgt_blocks[t].is_markup() && !source.alignment.is_target_menu(t))
                .collect();
            // Code the source now renders with a component (`<PackageManagerCommand …/>`) where
            // the translation still has the code block: the same place in an older form.
            let extra = if missing.is_empty()
                && extra.iter().all(|&t| tgt_blocks[t].kind == BlockKind::Code)
                && gap.missing.iter().any(|&s| {
                    matches!(src_blocks[s].kind, BlockKind::Html) && src_blocks[s].is_markup()
                }) {
                Vec::new()
            } else {
                extra
            };
            let at = insertion_point(pairs, gap.end, tgt_blocks, ctx.file.text.len());
            match (missing.is_empty(), extra.is_empty()) {
                (true, true) => {}
                (false, true) => runs.push(reporter.missing(&missing, at)),
                (true, false) => {
                    let unsure =
                        unsure_neighbours(pairs, &gap, tgt_blocks, src_blocks, source, &extra);
                    runs.push(match unsure {
                        Some((sources, targets)) => {
                            reporter.extra_among(&extra, &sources, &targets)
                        }
                        None => reporter.extra(&extra),
                    })
                }
                (false, false)
                    if missing.len() == extra.len()
                        && (missing.len() == 1
                            || missing.len() <= COUNTERPART_RUN_MAX
                                && missing.iter().all(|&s| {
                                    src_blocks[s].kind == src_blocks[missing[0]].kind
                                        && matches!(
                                            src_blocks[s].kind,
                                            BlockKind::ListItem | BlockKind::Paragraph
                                        )
                                }))
                        && missing.iter().zip(&extra).all(|(&s, &t)| {
                            is_counterpart(&src_blocks[s], &tgt_blocks[t], ratio)
                        }) => {}
                (false, false) => runs.push(reporter.outdated(&missing, &extra)),
            }
        }
        // A page that follows an older source throughout gets one finding: its many gaps,
        // each reported, would list most of the page, and many would pair the wrong blocks.
        let drift = source.alignment.drift;
        if drift.is_outdated() {
            // Each place the page drifted stays at hand, as a related location.
            let mut finding = reporter.out_of_date(&drift);
            for run in runs.iter().take(OUTDATED_PLACES_LISTED) {
                finding = finding.related(run.range.clone(), run.message.clone());
            }
            findings.push(finding);
            return;
        }
        findings.append(&mut runs);
        for pair in pairs {
            let (Some(s), Some(t)) = (pair.source, pair.target) else {
                continue;
            };
            let (sb, tb) = (&src_blocks[s], &tgt_blocks[t]);
            if let (BlockKind::Heading(sl), BlockKind::Heading(tl)) = (sb.kind, tb.kind) {
                if sl != tl && source.alignment.is_sure(t) {
                    findings.push(
                        Finding::new(
                            &INFO,
                            first_line(ctx, tb),
                            format!("heading level {tl}, the source's is level {sl}"),
                        )
                        .source(sb.range.clone())
                        .fix(format!("make it a level {sl} heading")),
                    );
                }
            } else if strict
                && sb.kind != tb.kind
                && is_changed_kind(sb, tb)
                && source.alignment.is_sure(t)
            {
                findings.push(
                    Finding::new(
                        &INFO,
                        first_line(ctx, tb),
                        format!(
                            "{} where the source has a {}",
                            tb.kind.name(),
                            sb.kind.name()
                        ),
                    )
                    .source(sb.range.clone()),
                );
            }
        }
        let moves = &source.alignment.moves;
        for (n, moved) in moves.iter().enumerate() {
            // A block that follows its source neighbour moved with it: the run is reported
            // once, at its first block. So is a block that merges several source blocks and
            // moved: it is one move for each of them.
            let travels_with_previous = moved.source.checked_sub(1).is_some_and(|previous| {
                moved
                    .target
                    .checked_sub(1)
                    .and_then(|t| source.alignment.source_of(t))
                    == Some(previous)
            });
            let merges_previous = n.checked_sub(1).is_some_and(|m| {
                moves[m].target == moved.target && moves[m].source + 1 == moved.source
            });
            if travels_with_previous || merges_previous {
                continue;
            }
            let (sb, tb) = (&src_blocks[moved.source], &tgt_blocks[moved.target]);
            // Markup alone (`</div>`, a shortcode) has no place a reader would miss.
            if sb.is_markup() || tb.is_markup() {
                continue;
            }
            let after = match moved.source.checked_sub(1) {
                Some(previous) => format!(", after {}", reporter.place(&src_blocks[previous])),
                None => ", at the start".to_string(),
            };
            findings.push(
                Finding::new(
                    &INFO,
                    first_line(ctx, tb),
                    format!(
                        "moved {}: the source has it at {}{after}",
                        tb.kind.name(),
                        reporter.place(sb)
                    ),
                )
                .source(sb.range.clone())
                .fix("move it to where the source has it"),
            );
        }
    }
}

/// The rows of tables the translation turned sideways (platforms as columns where the source
/// has them as rows): a source table paired with a translated table of another number of rows
/// whose code, numbers and names are the same (one in ten may differ), in another order. Their rows are
/// neither missing nor extra. As (source blocks, translated blocks).
fn transposed_tables(
    source: &[Block],
    target: &[Block],
    pairs: &[Pair],
) -> (HashSet<usize>, HashSet<usize>) {
    let table_around = |blocks: &[Block], at: usize| {
        let is_row = |n: usize| blocks[n].kind == BlockKind::TableRow;
        let start = (0..=at)
            .rev()
            .take_while(|&n| is_row(n))
            .last()
            .unwrap_or(at);
        let end = (at..blocks.len())
            .take_while(|&n| is_row(n))
            .last()
            .unwrap_or(at);
        start..end + 1
    };
    fn anchors(blocks: &[Block], rows: std::ops::Range<usize>) -> Vec<&str> {
        let mut values: Vec<&str> = rows
            .flat_map(|n| blocks[n].hard_values.iter().map(String::as_str))
            .collect();
        values.sort_unstable();
        values
    }
    let (mut sources, mut targets) = (HashSet::new(), HashSet::new());
    let mut seen = HashSet::new();
    for pair in pairs {
        let (Some(s), Some(t)) = (pair.source, pair.target) else {
            continue;
        };
        if source[s].kind != BlockKind::TableRow
            || target[t].kind != BlockKind::TableRow
            || !seen.insert(table_around(source, s).start)
        {
            continue;
        }
        let (ours, theirs) = (table_around(source, s), table_around(target, t));
        let (a, b) = (
            anchors(source, ours.clone()),
            anchors(target, theirs.clone()),
        );
        // Cells in common, counted as a merge of the two sorted lists; a word or two of a
        // translated header may differ (`CPU`).
        let (mut i, mut j, mut common) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(b[j]) {
                std::cmp::Ordering::Equal => (common, i, j) = (common + 1, i + 1, j + 1),
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
        let differing = a.len() + b.len() - 2 * common;
        // Turned: as many rows as the other has columns, and the reverse.
        let columns = |blocks: &[Block], rows: &std::ops::Range<usize>| {
            blocks[rows.start].text.split('|').count()
        };
        let turned =
            ours.len() == columns(target, &theirs) && theirs.len() == columns(source, &ours);
        if ours.len() == theirs.len()
            || !turned
            || common < 4
            || differing * 10 > a.len().max(b.len())
        {
            continue;
        }
        // A row is accounted for when the other table holds each of its cells: a row dropped
        // from a long table takes cells no other row has.
        let held = |blocks: &[Block], n: usize, other: &[&str]| {
            !blocks[n].hard_values.is_empty()
                && blocks[n]
                    .hard_values
                    .iter()
                    .all(|v| other.binary_search(&v.as_str()).is_ok())
        };
        sources.extend(ours.filter(|&n| held(source, n, &b)));
        targets.extend(theirs.filter(|&n| held(target, n, &a)));
    }
    (sources, targets)
}

/// The most places an outdated page's finding lists.
const OUTDATED_PLACES_LISTED: usize = 50;

/// The pairs beside a gap of extra blocks that nothing but their order and lengths pairs
/// (paragraphs of the same kind, no code, number or URL in common): which of these blocks is
/// the extra one cannot be told, so the finding names them all. `None` when there are none.
fn unsure_neighbours(
    pairs: &[Pair],
    gap: &Gap,
    tgt_blocks: &[Block],
    src_blocks: &[Block],
    source: &SourceSide,
    extra: &[usize],
) -> Option<(Vec<usize>, Vec<usize>)> {
    let kind = tgt_blocks[*extra.first()?].kind;
    if !kind.is_prose() || extra.iter().any(|&t| tgt_blocks[t].kind != kind) {
        return None;
    }
    let unsure = |pair: &Pair| match (pair.source, pair.target) {
        (Some(s), Some(t)) => {
            let (sb, tb) = (&src_blocks[s], &tgt_blocks[t]);
            !source.alignment.is_sure(t)
                && sb.kind == kind
                && tb.kind == kind
                && sb.hard_values.is_empty()
                && tb.hard_values.is_empty()
        }
        _ => false,
    };
    let start = gap.end - gap.missing.len() - gap.extra.len();
    let before = pairs[..start]
        .iter()
        .rev()
        .take_while(|p| unsure(p))
        .take(UNSURE_MAX);
    let after = pairs[gap.end..]
        .iter()
        .take_while(|p| unsure(p))
        .take(UNSURE_MAX);
    let mut around: Vec<&Pair> = before.collect();
    around.reverse();
    around.extend(after);
    if around.is_empty() {
        return None;
    }
    let sources = around.iter().filter_map(|p| p.source).collect();
    let mut targets: Vec<usize> = around
        .iter()
        .filter_map(|p| p.target)
        .chain(extra.iter().copied())
        .collect();
    targets.sort_unstable();
    Some((sources, targets))
}

/// The most pairs beside extra blocks that the finding names with them.
const UNSURE_MAX: usize = 3;

/// The unpaired blocks between two pairs: source blocks the translation lacks, translation
/// blocks the source lacks. `end` is the index in the pairs just after the gap.
struct Gap {
    missing: Vec<usize>,
    extra: Vec<usize>,
    end: usize,
}

fn gaps(pairs: &[Pair]) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let mut current = Gap {
        missing: Vec::new(),
        extra: Vec::new(),
        end: 0,
    };
    for (n, pair) in pairs.iter().enumerate() {
        match (pair.source, pair.target) {
            (Some(_), Some(_)) => {
                if !current.missing.is_empty() || !current.extra.is_empty() {
                    current.end = n;
                    gaps.push(std::mem::replace(
                        &mut current,
                        Gap {
                            missing: Vec::new(),
                            extra: Vec::new(),
                            end: 0,
                        },
                    ));
                }
            }
            (Some(s), None) => current.missing.push(s),
            (None, Some(t)) => current.extra.push(t),
            (None, None) => {}
        }
    }
    if !current.missing.is_empty() || !current.extra.is_empty() {
        current.end = pairs.len();
        gaps.push(current);
    }
    gaps
}

/// A translated block of another kind than its source block, where that is the translation's
/// doing: a paragraph made a list item or the reverse, between blocks that are surely one
/// another's (the same code, numbers, names). Notes move between Markdown's blockquote and a
/// site's alert markup as the source's conventions change, so a quote against a paragraph is
/// not reported.
fn is_changed_kind(source: &Block, target: &Block) -> bool {
    use BlockKind::*;
    let sure = {
        let (a, b) = (
            source.hard_anchors().collect::<Vec<_>>(),
            target.hard_anchors().collect::<Vec<_>>(),
        );
        !a.is_empty() && a == b
    };
    matches!(
        (source.kind, target.kind),
        (Paragraph, ListItem) | (ListItem, Paragraph)
    ) && sure
}

struct Reporter<'a, 'c> {
    ctx: &'a Context<'c>,
    source: &'a SourceSide<'c>,
}

impl Reporter<'_, '_> {
    /// `source line 12 "Opening words…"`.
    fn place(&self, block: &Block) -> String {
        format!(
            "source line {} \"{}\"",
            self.source.file.lines.line_of(block.range.start),
            block.opening_words(48)
        )
    }

    /// `source lines 40-52, section "Configure the proxy"`.
    fn source_run(&self, blocks: &[usize]) -> String {
        let src = &self.source.document.blocks;
        let lines = &self.source.file.lines;
        let first = &src[blocks[0]];
        let last = &src[blocks[blocks.len() - 1]];
        let (a, b) = (
            lines.line_of(first.range.start),
            lines.line_of(last.range.end.saturating_sub(1).max(last.range.start)),
        );
        let mut text = if a == b {
            format!("source line {a}")
        } else {
            format!("source lines {a}-{b}")
        };
        if let Some(heading) = src[..=blocks[0]]
            .iter()
            .rev()
            .find(|b| b.kind.is_heading_like())
        {
            text.push_str(&format!(", section \"{}\"", heading.opening_words(48)));
        }
        text
    }

    fn source_span(&self, blocks: &[usize]) -> std::ops::Range<usize> {
        let src = &self.source.document.blocks;
        src[blocks[0]].range.start..src[blocks[blocks.len() - 1]].range.end
    }

    fn target_lines(&self, blocks: &[usize]) -> String {
        let tgt = &self.ctx.document.blocks;
        let lines = &self.ctx.file.lines;
        let last = &tgt[blocks[blocks.len() - 1]];
        let (a, b) = (
            lines.line_of(tgt[blocks[0]].range.start),
            lines.line_of(last.range.end.saturating_sub(1).max(last.range.start)),
        );
        if a == b {
            format!("line {a}")
        } else {
            format!("lines {a}-{b}")
        }
    }

    fn missing(&self, missing: &[usize], at: usize) -> Finding {
        let src = &self.source.document.blocks;
        if let [only] = missing {
            let block = &src[*only];
            return Finding::new(
                &INFO,
                at..at,
                format!("missing {}: {}", block.kind.name(), self.place(block)),
            )
            .source(block.range.clone())
            .fix(format!("translate {} here", self.place(block)));
        }
        let run = self.source_run(missing);
        Finding::new(
            &INFO,
            at..at,
            format!("missing {} blocks: {run}", missing.len()),
        )
        .source(self.source_span(missing))
        .fix(format!(
            "translate {} here",
            run.split(", section").next().unwrap_or(&run)
        ))
    }

    fn extra(&self, extra: &[usize]) -> Finding {
        let tgt = &self.ctx.document.blocks;
        let first = &tgt[extra[0]];
        if let [_] = extra {
            return Finding::new(
                &INFO,
                first_line(self.ctx, first),
                format!("extra {}: no counterpart in the source", first.kind.name()),
            )
            .fix("remove it, or add it to the source first");
        }
        Finding::new(
            &INFO,
            first_line(self.ctx, first),
            format!(
                "extra {} blocks: {} have no counterpart in the source",
                extra.len(),
                self.target_lines(extra)
            ),
        )
        .fix("remove them, or add them to the source first")
    }

    /// Extra blocks among paragraphs that only their order pairs: `lines 22-26 hold 3
    /// paragraphs where the source has 2`, at the first of them.
    fn extra_among(&self, extra: &[usize], sources: &[usize], targets: &[usize]) -> Finding {
        let tgt = &self.ctx.document.blocks;
        let first = &tgt[targets[0]];
        let name = first.kind.name();
        let last = &tgt[targets[targets.len() - 1]];
        let range = first.range.start..last.range.end;
        Finding::new(
            &INFO,
            range,
            format!(
                "extra {name}: {} hold {} {name}s where the source has {} ({})",
                self.target_lines(targets),
                targets.len(),
                targets.len() - extra.len(),
                self.source_run(sources),
            ),
        )
        .source(self.source_span(sources))
        .fix("find the block the source does not have, and remove it or add it to the source first")
    }

    /// A translation that follows an older version of its source throughout: one finding for
    /// the page, in place of one for each of its many gaps.
    fn out_of_date(&self, drift: &Drift) -> Finding {
        // The finding is the whole page's: it spans it, from its first block after the
        // front matter to the end.
        let tgt = &self.ctx.document.blocks;
        let at = tgt
            .iter()
            .find(|b| b.kind != BlockKind::FrontMatter)
            .or(tgt.first())
            .map_or(0..0, |a| a.range.start..self.ctx.file.text.len());
        let src = &self.source.document.blocks;
        let whole = src
            .first()
            .zip(src.last())
            .map(|(a, b)| a.range.start..b.range.end);
        let mut finding = Finding::new(
            &INFO,
            at,
            format!(
                "outdated translation: {} of the source's {} blocks have no counterpart here, and {} of these {} none in the source",
                drift.missing, drift.source_blocks, drift.extra, drift.target_blocks
            ),
        )
        .fix("translate the page again from the current source");
        if let Some(whole) = whole {
            finding = finding.source(whole);
        }
        finding
    }

    /// Translation blocks with no counterpart where the source has blocks the translation
    /// lacks: the translation of an older version of the source.
    fn outdated(&self, missing: &[usize], extra: &[usize]) -> Finding {
        let tgt = &self.ctx.document.blocks;
        let run = self.source_run(missing);
        let count = |n: usize| {
            if n == 1 {
                "1 block".to_string()
            } else {
                format!("{n} blocks")
            }
        };
        Finding::new(
            &INFO,
            first_line(self.ctx, &tgt[extra[0]]),
            format!(
                "outdated: {} ({}) {} nothing in the source, which has {run} ({}) here",
                self.target_lines(extra),
                count(extra.len()),
                if extra.len() == 1 { "matches" } else { "match" },
                count(missing.len()),
            ),
        )
        .source(self.source_span(missing))
        .fix(format!(
            "translate {} again, in place of {}",
            run.split(", section").next().unwrap_or(&run),
            self.target_lines(extra)
        ))
    }
}

/// Where missing blocks belong: the start of the next target block from pair `n` on, in
/// alignment order, or the end of the file.
fn insertion_point(pairs: &[Pair], n: usize, blocks: &[Block], end: usize) -> usize {
    pairs[n.min(pairs.len())..]
        .iter()
        .find_map(|p| p.target)
        .map_or(end, |t| blocks[t].range.start)
}

/// The block's range cut at its first line, so that a long block is underlined once.
fn first_line(ctx: &Context, block: &Block) -> std::ops::Range<usize> {
    let line = ctx.file.lines.line_of(block.range.start);
    let line_end = ctx.file.lines.line_range(&ctx.file.text, line).end;
    block.range.start..block.range.end.min(line_end)
}

/// A list item that only names the items nested under it (`- Finding documentation:`), whose
/// next item the translation has: the translator flattened the nested list into its parent,
/// and nothing a reader needs is gone.
fn is_label_of_kept_list(blocks: &[Block], s: usize, paired: &[bool]) -> bool {
    let block = &blocks[s];
    let text = block.text.trim_end();
    block.kind == BlockKind::ListItem
        && (text.ends_with(':') || text.ends_with('：'))
        && text.split_whitespace().count() <= 5
        && blocks
            .get(s + 1)
            .is_some_and(|next| next.kind == BlockKind::ListItem && paired[s + 1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::rules::test_support::check_file;

    const EN: &str = "Pricing\n\nPlans start at 10 dollars a month for 3 users.\n\nTeams\n\nEvery team gets a shared inbox and the API.\n\nchart.png\n\nSupport\n\nWrite to us any time, day or night.\n";

    fn messages(target: &str) -> Vec<String> {
        md_messages("fr.txt", EN, target)
    }

    #[test]
    fn a_faithful_translation_has_no_finding() {
        let fr = "Tarifs\n\nLes offres commencent à 10 dollars par mois pour 3 personnes.\n\nÉquipes\n\nChaque équipe reçoit une boîte partagée et l’API.\n\nchart.png\n\nAssistance\n\nÉcrivez-nous à toute heure, de jour comme de nuit.\n";
        assert_eq!(messages(fr), Vec::<String>::new());
    }

    #[test]
    fn missing_extra_and_moved_blocks() {
        let fr = "Tarifs\n\nchart.png\n\nÉquipes\n\nChaque équipe reçoit une boîte partagée et l’API.\n\nUn paragraphe ajouté qui n’existe pas dans la source anglaise, assez long pour compter.\n\nAssistance\n\nÉcrivez-nous à toute heure, de jour comme de nuit.\n";
        assert_eq!(
            messages(fr),
            vec![
                "moved image: the source has it at source line 9 \"chart.png\", after source line 7 \"Every team gets a shared inbox and the API.\"",
                "missing paragraph: source line 3 \"Plans start at 10 dollars a month for 3 users.\"",
                "extra paragraph: no counterpart in the source",
            ]
        );
    }

    #[test]
    fn a_moved_block_that_merges_two_is_one_move() {
        // The last section's heading and paragraph, left in English as one paragraph (with a
        // line of the title pasted on) and put before the section it follows.
        let en = "Three habits for calmer video calls\n\nMost of us spend hours a week on video calls. Small habits make them less tiring, and none of them needs new equipment.\n\nTest your setup before you join\n\nOpen the preview in Callbox a minute early. Check that the right microphone is selected and that your face is lit from the front, not from behind.\n\ncallbox-preview.png\n\nMute when you are not speaking\n\nBackground noise tires everyone on the call. Press M to mute or unmute yourself, and keep the microphone off while others present.\n\nTake a break every 50 minutes\n\nLong meetings drain attention. If a call runs longer than 50 minutes, suggest a 5-minute break so that people can stand up and rest their eyes.\n";
        let fr = "덜 피곤한 화상 통화를 위한 세 가지 습관\n\n우리 대부분은 일주일에 몇 시간씩 화상 통화를 합니다. 작은 습관만으로도 통화가 덜 피곤해지며, 새 장비는전혀 필요하지 않습니다.\n\n참여하기 전에 설정을 확인하세요\n\n1분 pend hours a week on video calls. Small habits make them less tiring, and none of them needs new equipment.\n\nTest your set닌 앞에서 비치는지 확인하세요.\n\ncallbox-preview.png\n\ncallntion. If a call runs longer than 50 minutes, suggest a 5-minute break so that people can stand up and rest their eyes.\n덜 피곤한 화상 통화를 위한 세 가지 습관\n\n우리 대부분은 일주일에 몇 시간씩 화상 통화를 합니다. 작은 습관만으로도 통화가 덜 피곤해지며, 새 장비는 전혀 필요하지 않습니다.\n\n참여하기 전에 설정을 확인수 있도록 하세요.\n";
        let messages = md_messages("ko.md", en, fr);
        let moved: Vec<&String> = messages.iter().filter(|m| m.starts_with("moved")).collect();
        assert_eq!(moved.len(), 1, "{messages:#?}");
    }

    #[test]
    fn a_table_turned_sideways_is_neither_missing_nor_extra() {
        let en = "# Builds\n\nPick the build for your system.\n\n| System | `arm64` | `x64` |\n| --- | --- | --- |\n| Windows | `win-arm64` | `win-x64` |\n| macOS | `mac-arm64` | `mac-x64` |\n| Linux | `linux-arm64` | `linux-x64` |\n";
        let fr = "# Versions\n\nChoisissez la version de votre système.\n\n| Processeur | Windows | macOS | Linux |\n| --- | --- | --- | --- |\n| `arm64` | `win-arm64` | `mac-arm64` | `linux-arm64` |\n| `x64` | `win-x64` | `mac-x64` | `linux-x64` |\n";
        assert_eq!(md_messages("fr.md", en, fr), Vec::<String>::new());
        // A row really dropped is still missing.
        let short = "# Versions\n\nChoisissez la version de votre système.\n\n| Système | `arm64` | `x64` |\n| --- | --- | --- |\n| Windows | `win-arm64` | `win-x64` |\n| macOS | `mac-arm64` | `mac-x64` |\n";
        let messages = md_messages("fr.md", en, short);
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].starts_with("missing table row"), "{messages:?}");
    }

    #[test]
    fn a_relevelled_markdown_heading() {
        let en =
            "# Pricing\n\nPlans start at 10 dollars.\n\n## Teams\n\nEvery team gets the API.\n";
        let fr = "# Tarifs\n\nLes offres commencent à 10 dollars.\n\n### Équipes\n\nChaque équipe reçoit l’API.\n";
        let findings = check_file(
            &StructureMismatch,
            "fr.md",
            "fr",
            Some(en),
            fr,
            &Settings::default(),
        );
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages, vec!["heading level 3, the source's is level 2"]);
        assert_eq!(&fr[findings[0].range.clone()], "### Équipes");
    }

    /// The messages for translation `text` of source `en`, in a file named `path` (`fr.md`:
    /// its locale and format are the name's).
    fn md_messages(path: &str, en: &str, text: &str) -> Vec<String> {
        let locale = path.split('.').next().unwrap_or("fr");
        check_file(
            &StructureMismatch,
            path,
            locale,
            Some(en),
            text,
            &Settings::default(),
        )
        .into_iter()
        .map(|f| f.message)
        .collect()
    }

    #[test]
    fn an_alert_written_as_the_site_s_shortcode_keeps_its_title() {
        let en = "# Storage\n\nKeep the queue on disk for the collectors that matter most.\n\n> [!TIP] Use a write-ahead log for the critical collectors\n>\n> Give the storage directory enough space and the right permissions before you turn it on.\n\nThe queue then survives a restart of the collector.\n";
        let pt = "# Armazenamento\n\nMantenha a fila em disco para os coletores mais importantes.\n\n{{% alert title=\"Use um log de escrita antecipada nos coletores críticos\" %}}\n\nDê ao diretório de armazenamento espaço suficiente e as permissões certas antes de ativá-lo.\n\n{{% /alert %}}\n\nA fila então sobrevive a uma reinicialização do coletor.\n";
        assert_eq!(md_messages("pt.md", en, pt), Vec::<String>::new());
        // Without the shortcode, the title is missing.
        let bare = pt.replace("{{% alert title=\"Use um log de escrita antecipada nos coletores críticos\" %}}\n\n", "").replace("{{% /alert %}}\n\n", "");
        assert_eq!(md_messages("pt.md", en, &bare).len(), 1);
    }

    #[test]
    fn a_paragraph_split_in_three_is_no_extra_block() {
        let en = "# Queues\n\nA queue keeps its items in order.\n\nItems leave a queue in the order they came, first in and first out. A peek operation reads the front item without taking it. The name comes from people waiting in a line at a shop, where the first to come is served first.\n\n![Queue](queue.png)\n";
        // The translator split the long paragraph into three and set `peek` as code.
        let fr = "# Files\n\nUne file garde ses éléments dans l’ordre.\n\nLes éléments quittent une file dans l’ordre d’arrivée, premier entré, premier sorti.\n\nUne opération `peek` lit l’élément de tête sans le retirer.\n\nLe nom vient des personnes qui attendent en ligne dans un magasin, où le premier arrivé est servi le premier.\n\n![File](queue.png)\n";
        assert_eq!(md_messages("fr.md", en, fr), Vec::<String>::new());
    }

    #[test]
    fn a_split_half_with_translated_code_is_no_extra_block() {
        let en = "# Notes\n\nA note keeps one idea. Where the word is unclear, say `Short note` to mean a single line of text that stands alone.\n\n## Lists\n\nA list holds notes.\n";
        let ko = "# 노트\n\n노트는 하나의 생각을 담는다.\n\n뜻이 모호한 경우에는 혼자 서 있는 한 줄의 글을 뜻하도록 `짧은 노트`라고 말한다.\n\n## 목록\n\n목록은 노트를 담는다.\n";
        assert_eq!(md_messages("ko.md", en, ko), Vec::<String>::new());
    }

    #[test]
    fn a_split_paragraph_beside_the_source_s_language_menu_is_no_extra_block() {
        // The source's language menu, which the translation leaves out, stands between the
        // halves of the split paragraph and the pair they belong to.
        let en = "# Stacks\n\n_Read this in other languages:_ [_Français_](fr.md)\n\nA stack keeps its items in the order they came, and the last item put on it is the first taken off. Pushing adds an item on top, and popping takes the top item away. A peek operation reads the top item without taking it, and many programs use a stack to undo their steps.\n\n![Stack](stack.png)\n";
        let fr = "# Piles\n\nUne pile garde ses éléments dans l’ordre d’arrivée, et le dernier élément posé est le premier retiré.\n\nEmpiler ajoute un élément au sommet, et dépiler retire l’élément du sommet. Une opération de consultation lit l’élément du sommet sans le retirer, et bien des programmes se servent d’une pile pour annuler leurs étapes.\n\n![Pile](stack.png)\n";
        assert_eq!(md_messages("fr.md", en, fr), Vec::<String>::new());
    }

    #[test]
    fn a_last_sentence_set_apart_is_no_extra_block() {
        let en = "# Caches\n\nA cache keeps the answers to recent questions close at hand. When a question comes again, the cache answers it at once instead of asking the slow store. When the cache is full, it drops the answer that was used least recently. A cache is an example of trading memory for speed.\n\n## Sizes\n\nA larger cache answers more questions.\n";
        // The first sentence is two in Korean, and the last one stands apart.
        let ko = "# 캐시\n\n캐시는 일종의 저장소입니다. 캐시는 최근 질문의 답을 가까이에 둡니다. 같은 질문이 다시 오면 캐시는 느린 저장소에 묻지 않고 바로 답합니다. 캐시가 가득 차면 가장 오래전에 쓰인 답을 버립니다.\n\n캐시는 메모리를 속도와 바꾸는 예입니다.\n\n## 크기\n\n캐시가 클수록 더 많은 질문에 답합니다.\n";
        assert_eq!(md_messages("ko.md", en, ko), Vec::<String>::new());
    }

    #[test]
    fn an_item_linking_its_own_page_is_missing_not_merged() {
        // The translation lacks the first tool's item; the second item, longer in French, must
        // not take it in: each links its own page.
        let en = "# Tools\n\n- Install [Alpha](https://alpha.example/) for the shell.\n- Another option is [Beta](https://beta.example/), which has fewer commands.\n\n## Tips\n\nKeep both up to date.\n";
        let fr = "# Outils\n\n- Une autre possibilité est [Beta](https://beta.example/), qui offre bien moins de commandes que les autres outils de ce genre.\n\n## Conseils\n\nTenez-les tous deux à jour.\n";
        assert_eq!(
            md_messages("fr.md", en, fr),
            vec!["missing list item: source line 3 \"Install Alpha for the shell.\""]
        );
    }

    #[test]
    fn a_nested_list_flattened_without_its_label() {
        let en = "# Basics\n\n- Learn one editor well, and use it every day.\n- Reading the manual:\n  - Read manual pages with `man`, and search them with `apropos`.\n  - Ask the shell about its builtins with `help`.\n- Learn about redirection with `>` and `<`.\n";
        let fr = "# Bases\n\n- Apprenez bien un éditeur, et servez-vous-en chaque jour.\n- Lisez les pages de manuel avec `man`, et cherchez-les avec `apropos`.\n- Interrogez le shell sur ses commandes internes avec `help`.\n- Apprenez la redirection avec `>` et `<`.\n";
        assert_eq!(md_messages("fr.md", en, fr), Vec::<String>::new());
        // Its items gone too, the label goes with them, reported as the run it heads.
        let fr = "# Bases\n\n- Apprenez bien un éditeur, et servez-vous-en chaque jour.\n- Apprenez la redirection avec `>` et `<`.\n";
        assert_eq!(
            md_messages("fr.md", en, fr),
            vec!["missing 3 blocks: source lines 4-6, section \"Basics\""]
        );
    }

    /// The blocks of a Markdown text.
    fn blocks(text: &str) -> Vec<Block> {
        let file = crate::source::SourceFile::new("a.md", text);
        crate::document::Document::parse(&file, Format::Markdown).blocks
    }

    #[test]
    fn a_lone_block_at_one_place_is_its_counterpart_unless_its_code_changed() {
        // The example's name translated (`faire_travail` for `do_work`): the same paragraph.
        let en = blocks("The function `do_work` makes a child span of the current one.\n");
        let fr = blocks("La fonction `faire_travail` crée un span enfant du span courant.\n");
        assert!(is_counterpart(&en[0], &fr[0], 1.0));
        // Far longer or shorter, or of another kind: another block.
        let long = blocks(&"Une phrase bien plus longue que la source, répétée. ".repeat(6));
        assert!(!is_counterpart(&en[0], &long[0], 1.0));
        let item = blocks("- La fonction `faire_travail` crée un span enfant du span courant.\n");
        assert!(!is_counterpart(&en[0], &item[0], 1.0));
        // Code: a translated comment keeps it the same; a changed command does not.
        let code = blocks("```sh\n# check every file\nlinter check --write .\n```\n");
        let commented = blocks("```sh\n# vérifier chaque fichier\nlinter check --write .\n```\n");
        let changed = blocks("```sh\nlinter check --write --colors=off .\n```\n");
        assert!(is_counterpart(&code[0], &commented[0], 1.0));
        assert!(!is_counterpart(&code[0], &changed[0], 1.0));
        // A diagram whose labels the translator wrote in Japanese is the diagram translated,
        // though no skeleton matches.
        let diagram = blocks(
            "```mermaid
flowchart LR
  A[Open a branch] --> B[Ask for review]
```
",
        );
        let translated = blocks(
            "```mermaid
flowchart LR
  A[ブランチを作る] --> B[レビューを頼む]
```
",
        );
        assert!(is_counterpart(&diagram[0], &translated[0], 1.0));
        // A Japanese note in a code block whose source has one too tells nothing.
        let noted = blocks(
            "```sh
linter check .  # 注意
```
",
        );
        let noted_changed = blocks(
            "```sh
linter check --fix .  # 注意
```
",
        );
        assert!(!is_counterpart(&noted[0], &noted_changed[0], 1.0));
    }

    #[test]
    fn a_code_block_the_source_now_renders_with_a_component() {
        let en = "# Install\n\nInstall the package:\n\n<PackageCommand package=\"linter\" dev />\n\nThen run it.\n";
        let fr = "# Installation\n\nInstallez le paquet :\n\n```sh\nnpm install --save-dev linter\n```\n\nPuis lancez-le.\n";
        assert_eq!(md_messages("fr.mdx", en, fr), Vec::<String>::new());
    }

    #[test]
    fn two_items_whose_placeholders_were_translated_are_their_counterparts() {
        let en = "# Naming\n\nUse the pattern below for every span you create.\n\n- **{verb}**: what the span does, such as send or render.\n- **{object}**: what it acts on, such as an invoice.\n\nHere are some examples.\n";
        let es = "# Nombres\n\nUsa el patrón siguiente para cada span que crees.\n\n- **{verbo}**: lo que hace el span, como enviar o mostrar.\n- **{objeto}**: sobre qué actúa, como una factura.\n\nVeamos algunos ejemplos.\n";
        assert_eq!(md_messages("es.md", en, es), Vec::<String>::new());
        // Replaced by items of other lengths, they are another list.
        let replaced = "# Nombres\n\nUsa el patrón siguiente para cada span que crees.\n\n- **{verbo}**: lo que hace el span.\n- **{objeto}**: sobre qué actúa el span, como una factura, un carrito, un anuncio, un pago o un envío de correo a un cliente.\n\nVeamos algunos ejemplos.\n";
        assert_eq!(md_messages("es.md", en, replaced).len(), 1);
    }
}
