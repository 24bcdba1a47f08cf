use crate::finding::{Finding, Severity};

use super::{Context, Rule, RuleInfo};

pub struct DuplicateSection;

static INFO: RuleInfo = RuleInfo {
    id: "duplicate-section",
    default_severity: Severity::Error,
    summary: "A run of blocks repeats an earlier run of the same translation",
    needs_source: false,
    docs: r#"## What it finds

A run of one or more consecutive blocks (paragraphs, headings, images, list items...) that
repeats an earlier run of the same translation, compared after normalising whitespace, Unicode
form (NFC) and quotation-mark styles. One finding per run, naming both ranges.

A run that the source repeats the same way (the same kinds and anchors) is not a defect. A lone
short block (a heading or a list item of a few words) is reported only when the source does not
repeat it, so a heading such as "Example" under two sections passes.

## Why it matters

Translation pipelines that retry a failed request, or that concatenate segments twice, paste
whole bodies again. Readers see the article twice; search engines see duplicate content.

## Example

```text
 6  When we picture some of the biggest brands...
    ...
24  Perhaps the best way to grasp the difference...
26  When we picture some of the biggest brands...   <- lines 26-44 repeat lines 6-24, 10 blocks
    ...
44  Perhaps the best way to grasp the difference...
```

## How to fix

Delete the second copy (the finding's range). Then re-run loclint: the structure check compares
what remains with the source block by block.
"#,
};

impl Rule for DuplicateSection {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let blocks = &ctx.document.blocks;
        for run in ctx.duplicates {
            let span = |range: &std::ops::Range<usize>| {
                blocks[range.start].range.start..blocks[range.end - 1].range.end
            };
            let (repeat, first) = (span(&run.repeat), span(&run.first));
            let lines = |range: &std::ops::Range<usize>| {
                let start = ctx.file.lines.line_of(range.start);
                let end = ctx
                    .file
                    .lines
                    .line_of(range.end.saturating_sub(1).max(range.start));
                if start == end {
                    format!("line {start}")
                } else {
                    format!("lines {start}-{end}")
                }
            };
            let (repeat_lines, first_lines) = (lines(&repeat), lines(&first));
            let verb = if repeat_lines.starts_with("lines") {
                "repeat"
            } else {
                "repeats"
            };
            let blocks_note = if run.len() == 1 {
                "1 block".to_string()
            } else {
                format!("{} blocks", run.len())
            };
            findings.push(
                Finding::new(
                    &INFO,
                    repeat.clone(),
                    format!("{repeat_lines} {verb} {first_lines}, {blocks_note}"),
                )
                .related(first, "first copy")
                .fix(format!("delete {repeat_lines}")),
            );
        }
    }
}
