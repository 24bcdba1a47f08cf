use crate::document::BlockKind;
use crate::finding::{Finding, Severity};

use super::{Context, Rule, RuleInfo};

pub struct LengthOutlier;

static INFO: RuleInfo = RuleInfo {
    id: "length-outlier",
    default_severity: Severity::Warning,
    summary: "A translated block far shorter or longer than its source, for this translation",
    needs_source: true,
    docs: r#"## What it finds

A translated paragraph, list item or quote far shorter or far longer than its source block,
measured against how long this translation's blocks run: a truncated paragraph (a sentence or
two lost in a vendor's file), or one that holds text the source does not.

Lengths are counted in letters, code, links and markup left out, with a Chinese or Japanese
character counted as three and a Korean syllable as two, so that scripts compare. The ratio
expected is the median of the translation's own paired blocks (its language and its
translator's style: German and Hindi run longer than English, Chinese shorter). A block is
reported when its ratio is under 40% of that median (31% in Chinese and Japanese, whose blocks
vary more around their norm) or over 290%; a long one must also hold 200 letters or more.

Not reported:
- headings, table rows and front-matter fields, where a translation may well be terse;
- blocks under 60 letters in the source;
- translations with fewer than 6 paired blocks of prose: too few to know their ratio;
- blocks the aligner did not pair, which `structure-mismatch` reports (a block it paired
  without confidence is judged when it stands in place, between two pairs, with a source
  block of its kind, and reported under 30% of the norm: a paragraph cut to a fifth is too
  short for the aligner to be sure of, and one a little short may be an older version);
- a short block whose next block is not the counterpart of its source's next: the translation
  may have split the paragraph or list item in two.

## Why it matters

A truncated paragraph reads well: nothing tells the reader that the second half of the
instructions is missing. It is the defect a reviewer misses most, and a length far from the
translation's own norm is how it shows.

## Example

```text
source:      Before you upgrade, back up the database, stop the workers, and drain the
             queue. Then run the migration and start the workers again, one at a time.
translation: Avant la mise à jour, sauvegardez la base de données.
```

The translation is 27% of its source's length, where this translation's blocks run at 112%.

## How to fix

Compare the block with its source, and translate what is missing (or remove what the source
does not say).
"#,
};

/// Under this share of the norm, a block paired without confidence is cut short.
const SHORT_UNSURE: f64 = 0.3;

/// Pairs needed to know a translation's ratio.
const MIN_PAIRS: usize = 6;
/// Source blocks shorter than this (in weighted letters) are not judged.
const MIN_SOURCE_LENGTH: usize = 60;
const SHORT: f64 = 0.4;
const SHORT_CJK: f64 = 0.31;
const LONG: f64 = 2.9;

impl Rule for LengthOutlier {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let Some(source) = &ctx.source else {
            return;
        };
        let judged = |kind: BlockKind| {
            matches!(
                kind,
                BlockKind::Paragraph | BlockKind::ListItem | BlockKind::BlockQuote
            )
        };
        // A block paired with two (a paragraph the translation merged or split) is measured by
        // neither: its length answers for more than its pair.
        let mut uses: std::collections::HashMap<(bool, usize), usize> = Default::default();
        for pair in &source.alignment.pairs {
            if let (Some(s), Some(t)) = (pair.source, pair.target) {
                *uses.entry((true, s)).or_default() += 1;
                *uses.entry((false, t)).or_default() += 1;
            }
        }
        let single = |s: usize, t: usize| {
            uses.get(&(true, s)) == Some(&1) && uses.get(&(false, t)) == Some(&1)
        };
        // A short block followed by one that is not its source's next block's counterpart (an
        // extra block, a nested item) may be the first half of a split: the pair measures half.
        let split_after = |t: usize, s: usize, median: f64| {
            let (Some(next), Some(sb)) = (
                ctx.document.blocks.get(t + 1),
                source.document.blocks.get(s),
            ) else {
                return false;
            };
            if source.alignment.source_of(t + 1) != Some(s + 1) {
                return true;
            }
            // Paired with the next source block, but the two together are the length of this
            // one's source, and the next is no length for its own.
            let Some(next_source) = source.document.blocks.get(s + 1) else {
                return true;
            };
            let block = ctx.document.blocks[t].length as f64;
            let together = (block + next.length as f64) / sb.length.max(1) as f64 / median;
            let alone = next.length as f64 / next_source.length.max(1) as f64 / median;
            (0.6..=1.6).contains(&together) && !(0.6..=1.6).contains(&alone)
        };
        let all = &source.alignment.pairs;
        let paired = |n: usize| {
            all.get(n)
                .is_none_or(|p| p.source.is_some() && p.target.is_some())
        };
        let in_place: std::collections::HashSet<usize> = all
            .iter()
            .enumerate()
            .filter(|&(n, _)| (n == 0 || paired(n - 1)) && paired(n + 1))
            .filter_map(|(_, p)| p.target)
            .collect();
        let measured = |(s, t): (usize, usize)| {
            let (sb, tb) = (&source.document.blocks[s], &ctx.document.blocks[t]);
            (single(s, t) && judged(sb.kind) && sb.length >= MIN_SOURCE_LENGTH)
                .then(|| (s, t, tb.length as f64 / sb.length as f64))
        };
        // The norm comes from the pairs the aligner is sure of; the blocks judged against it
        // also from those that stand in place between two pairs, of one kind: a block cut to a
        // third is too short for the aligner to be sure of, yet its place pairs it.
        let sure: Vec<(usize, usize, f64)> = ctx.sure_prose_pairs().filter_map(measured).collect();
        if sure.len() < MIN_PAIRS {
            return;
        }
        let pairs: Vec<(usize, usize, f64)> = ctx
            .pairs_in_place()
            .filter(|&(s, t)| {
                source.document.blocks[s].kind == ctx.document.blocks[t].kind
                    && source.document.blocks[s].kind.is_prose()
            })
            .filter_map(measured)
            .collect();
        let sure_targets: std::collections::HashSet<usize> =
            sure.iter().map(|&(_, t, _)| t).collect();
        let mut ratios: Vec<f64> = sure.iter().map(|&(_, _, r)| r).collect();
        ratios.sort_by(f64::total_cmp);
        let median = ratios[ratios.len() / 2];
        if median <= 0.0 {
            return;
        }
        // Chinese and Japanese blocks vary more around their norm: a terse sentence there
        // reads at a third of its source without losing a word.
        let cjk = matches!(ctx.locale.language(), "zh" | "ja" | "yue");
        let short_limit = if cjk { SHORT_CJK } else { SHORT };
        for (s, t, ratio) in pairs {
            // A pair whose neighbours are unpaired may be the wrong one: the block's length
            // then says nothing of its translation.
            if !in_place.contains(&t) {
                continue;
            }
            let (sb, tb) = (&source.document.blocks[s], &ctx.document.blocks[t]);
            let relative = ratio / median;
            // A pair the aligner was not sure of may be an old version of the block, not a cut
            // one: only a block far shorter than the norm is taken for cut.
            let sure_pair = sure_targets.contains(&t);
            let limit = if sure_pair {
                short_limit
            } else {
                SHORT_UNSURE.min(short_limit)
            };
            let short = relative < limit && tb.length >= 1 && !split_after(t, s, median);
            let long = sure_pair && relative > LONG && tb.length >= 200;
            if !short && !long {
                continue;
            }
            findings.push(
                Finding::new(
                    &INFO,
                    tb.file_range(0..0),
                    format!(
                        "{} block: {:.0}% of its source's length, where this translation's blocks run at {:.0}%",
                        if short { "short" } else { "long" },
                        ratio * 100.0,
                        median * 100.0
                    ),
                )
                .source(sb.file_range(0..0))
                .fix(if short {
                    "compare it with its source and translate what is missing"
                } else {
                    "compare it with its source and remove what the source does not say"
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::rules::test_support::check_file;

    fn en() -> String {
        let mut text = String::from("# Upgrading\n\n");
        for n in 0..7 {
            text.push_str(&format!("Step {n}: before you upgrade, back up the database, stop the workers and drain the queue of pending jobs.\n\n"));
        }
        text
    }

    #[test]
    fn a_truncated_paragraph_stands_out_from_the_translation_s_own_ratio() {
        let mut de = String::from("# Aktualisieren\n\n");
        for n in 0..7 {
            if n == 3 {
                de.push_str(&format!("Schritt {n}: Sichern Sie die Datenbank.\n\n"));
            } else {
                de.push_str(&format!("Schritt {n}: Sichern Sie vor dem Aktualisieren die Datenbank, halten Sie die Worker an und leeren Sie die Warteschlange ausstehender Aufträge.\n\n"));
            }
        }
        let findings = check_file(
            &LengthOutlier,
            "de.md",
            "de",
            Some(&en()),
            &de,
            &Settings::default(),
        );
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(de[findings[0].range.start..].starts_with("Schritt 3"));
        assert!(
            findings[0].message.starts_with("short block: "),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn a_language_that_runs_shorter_throughout_is_no_outlier() {
        let mut zh = String::from("# 升级\n\n");
        for n in 0..7 {
            zh.push_str(&format!(
                "第 {n} 步：升级前请备份数据库，停止工作进程并清空队列。\n\n"
            ));
        }
        assert!(check_file(
            &LengthOutlier,
            "zh.md",
            "zh",
            Some(&en()),
            &zh,
            &Settings::default()
        )
        .is_empty());
    }
}
