use crate::align::Pair;
use crate::document::{Block, BlockKind, Format};
use crate::finding::{Finding, Severity};

use super::{Context, Rule, RuleInfo};

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

Blocks of a duplicated run are reported once, by `duplicate-section`, not again here.

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
        let source_place = |block: &Block| {
            format!(
                "source line {} \"{}\"",
                source.file.lines.line_of(block.range.start),
                block.opening_words(48)
            )
        };
        for (n, pair) in pairs.iter().enumerate() {
            match (pair.source, pair.target) {
                (Some(s), None) => {
                    let at = insertion_point(pairs, n, tgt_blocks, ctx.file.text.len());
                    let block = &src_blocks[s];
                    findings.push(
                        Finding::new(
                            &INFO,
                            at..at,
                            format!("missing {}: {}", block.kind.name(), source_place(block)),
                        )
                        .source(block.range.clone())
                        .fix(format!("translate {} here", source_place(block))),
                    );
                }
                (None, Some(t)) => {
                    let block = &tgt_blocks[t];
                    findings.push(
                        Finding::new(
                            &INFO,
                            first_line(ctx, block),
                            format!("extra {}: no counterpart in the source", block.kind.name()),
                        )
                        .fix("remove it, or add it to the source first"),
                    );
                }
                (Some(s), Some(t)) => {
                    let (sb, tb) = (&src_blocks[s], &tgt_blocks[t]);
                    if let (BlockKind::Heading(sl), BlockKind::Heading(tl)) = (sb.kind, tb.kind) {
                        if sl != tl {
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
                    } else if strict && sb.kind != tb.kind {
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
                (None, None) => {}
            }
        }
        for moved in &source.alignment.moves {
            let (sb, tb) = (&src_blocks[moved.source], &tgt_blocks[moved.target]);
            let after = match moved.source.checked_sub(1) {
                Some(previous) => format!(", after {}", source_place(&src_blocks[previous])),
                None => ", at the start".to_string(),
            };
            findings.push(
                Finding::new(
                    &INFO,
                    first_line(ctx, tb),
                    format!(
                        "moved {}: the source has it at {}{after}",
                        tb.kind.name(),
                        source_place(sb)
                    ),
                )
                .source(sb.range.clone())
                .fix("move it to where the source has it"),
            );
        }
    }
}

/// Where a missing block belongs: the start of the next target block in alignment order, or
/// the end of the file.
fn insertion_point(pairs: &[Pair], n: usize, blocks: &[Block], end: usize) -> usize {
    pairs[n + 1..]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::rules::test_support::check_file;

    const EN: &str = "Pricing\n\nPlans start at 10 dollars a month for 3 users.\n\nTeams\n\nEvery team gets a shared inbox and the API.\n\nchart.png\n\nSupport\n\nWrite to us any time, day or night.\n";

    fn messages(target: &str) -> Vec<String> {
        check_file(
            &StructureMismatch,
            "fr.txt",
            "fr",
            Some(EN),
            target,
            &Settings::default(),
        )
        .into_iter()
        .map(|f| f.message)
        .collect()
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
}
