use crate::finding::{Finding, Severity};

use super::{Context, Rule, RuleInfo};

/// Reported by the suppression step (`crate::suppress`), which runs after every rule: only
/// it sees which findings a suppression silenced. Its `check` therefore adds nothing.
pub struct UnusedSuppression;

pub static INFO: RuleInfo = RuleInfo {
    id: "unused-suppression",
    default_severity: Severity::Warning,
    summary: "An inline suppression that silences nothing, or names no rule loclint has",
    needs_source: false,
    docs: r#"## What it finds

Inline suppressions in a translation's comments that have nothing to do:

- `<!-- loclint-disable-next-line RULE -->`, `<!-- loclint-disable RULE -->` (up to the next
  `<!-- loclint-enable RULE -->`, or the end of the file) and `<!-- loclint-disable-file RULE -->`
  whose lines hold no finding of RULE;
- a rule id that loclint does not have (a typo: `<!-- loclint-disable spaceing -->`);
- a `loclint-enable` that ends no `loclint-disable` above it.

MDX files write the same directives as `{/* loclint-disable-next-line RULE */}`. A directive
without a rule silences every rule; several rules are separated by commas; a reason may follow
` -- `. Directives inside code blocks and code spans are text, not directives. A suppression of
a rule that is switched off for the file is not reported.

## Why it matters

A suppression outlives the finding it was written for. Left behind after the text was fixed or
rewritten, it silently hides the next real defect on those lines. A misspelt rule id silences
nothing, and the writer believes it does.

## Example

```markdown
<!-- loclint-disable-next-line spacing -- the French thin space before `:` is wanted here -->
Le mot de passe : au moins 12 caractères.
```

Once the line no longer has a `spacing` finding (its space was removed), the comment is
reported: `loclint-disable-next-line spacing` suppresses nothing for `spacing`.

## How to fix

Remove the suppression, or the rule it no longer needs; correct a misspelt rule id
(`loclint rules` lists them).
"#,
};

impl Rule for UnusedSuppression {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, _ctx: &Context, _findings: &mut Vec<Finding>) {}
}
