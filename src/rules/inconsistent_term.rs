use crate::finding::{Finding, Severity};
use crate::locale::{char_script, Script};
use crate::terms::fold;
use crate::terms::learned::{same_rendering, How, TermKind};

use super::{Context, Rule, RuleInfo};

pub struct InconsistentTerm;

static INFO: RuleInfo = RuleInfo {
    id: "inconsistent-term",
    default_severity: Severity::Warning,
    summary: "One source term rendered two ways in one translation",
    needs_source: true,
    docs: r#"## What it finds

A term of the source that the translation renders one way in most of its blocks and another way
in a few: `product` is `प्रोडक्ट` three times and `उत्पाद` once. Each minority rendering is
reported, with the majority's count and places.

The terms are the glossary's entries that give no rendering for the translation's locale (those
that do are `glossary-term`'s), and, in an English source, the terms loclint finds itself: words
of content repeated in three blocks or more, and two-word phrases repeated in two. Names are
`do-not-translate`'s.

What a term became is learned over the aligned blocks, and reported only when both renderings
are told by their form:
- the usual one, standing in two blocks or more, is a transliteration of the term
  (`प्रोडक्ट` for `product`);
- the other is another transliteration (a misspelt one) or a gloss (the word before the English
  term in brackets: `उत्पाद (product)`), used at most once elsewhere in the translation without
  the term, and absent from the blocks where the usual one stands.

Not reported: a tie, forms of one word (`доске`, `доски`), a rendering inside the other
(`工作` and `工作区`), and renderings learned from co-occurrence alone (a word found in the
term's blocks and hardly anywhere else): on real translations those were another word of the
sentences or the term in another sense as often as not. `loclint terms` lists them. The term
left in English is `untranslated-text`'s. A block of a duplicated run counts once, and a
translation's 60 most repeated terms are compared.

loclint reports what it learned with `loclint terms`, which can also write it as a starter
glossary.

## Why it matters

Readers take two words for two things. A help article that calls the same screen
`प्रोडक्ट` here and `उत्पाद` there sends them looking for a second screen, and a term
base built from such translations inherits the split.

## Example

```text
source:      their product(s) ... the product team ... our product tour
translation: उनका उत्पाद (product) ... प्रोडक्ट टीम ... प्रोडक्ट टूर
```

`उत्पाद` is reported: `product` is `प्रोडक्ट` 2 times in this translation (lines 22, 46).

## How to fix

Use one rendering throughout, the team's choice; record it in the glossary so that
`glossary-term` holds it from then on.
"#,
};

impl Rule for InconsistentTerm {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let Some(source) = &ctx.source else {
            return;
        };
        let terminology = &ctx.settings.terminology;
        for table in ctx.term_tables() {
            if table.kind == TermKind::Name {
                continue;
            }
            if let Some(entry) = table.entry {
                let entry_data = &terminology.glossary.entries[entry];
                if entry_data.do_not_translate
                    || !terminology.renderings_for(entry, ctx.locale).is_empty()
                {
                    continue;
                }
            }
            let uses: Vec<_> = table
                .renderings
                .iter()
                .filter(|u| u.how != How::Kept)
                .collect();
            let Some((majority, others)) = uses.split_first() else {
                continue;
            };
            // The usage must be told by its form (a transliteration; the glossary's renderings
            // for this locale are glossary-term's): a word merely found in the term's blocks
            // (by co-occurrence) is as often another word of those sentences, or the term in
            // another sense (`list` the verb, `the list`). `loclint terms` lists those.
            // A gloss tells one place's rendering, not the translation's usage.
            if majority.how != How::Transliteration || majority.places.len() < 2 {
                continue;
            }
            let majority_key = fold(&majority.text, false);
            let non_latin = !ctx.locale_data.scripts.contains(&Script::Latin);
            let lines: Vec<String> = majority
                .places
                .iter()
                .map(|(t, range)| {
                    let block = &ctx.document.blocks[*t];
                    ctx.file
                        .lines
                        .line_of(block.file_offset(range.start))
                        .to_string()
                })
                .collect();
            for minority in others {
                if minority.places.len() >= majority.places.len() {
                    continue;
                }
                // Only a rendering told by its form is sure to render the term: a word merely
                // found beside it in a few blocks may be anything.
                if !matches!(minority.how, How::Transliteration | How::Gloss)
                    || minority.elsewhere > 1
                    || (non_latin
                        && minority
                            .text
                            .chars()
                            .any(|c| char_script(c) == Script::Latin))
                {
                    continue;
                }
                // One is part of the other (`工作` and `工作区`), or both are one word's forms.
                let key = fold(&minority.text, false);
                if key.contains(&majority_key)
                    || majority_key.contains(&key)
                    || same_rendering(&majority.text, &minority.text, &ctx.term_words().language)
                {
                    continue;
                }
                for (t, range) in &minority.places {
                    let block = &ctx.document.blocks[*t];
                    // The usual rendering stands in this block too (`イシューラベル`): the
                    // other word renders another word of the sentence.
                    if majority.places.iter().any(|(m, _)| m == t)
                        || block.text.contains(majority.text.as_str())
                    {
                        continue;
                    }
                    let source_range = table
                        .pairs
                        .iter()
                        .find(|(_, pt, _)| pt == t)
                        .map(|(s, _, r)| source.document.blocks[*s].file_range(r.clone()));
                    let times = majority.places.len();
                    let mut finding = Finding::new(
                        &INFO,
                        block.file_range(range.clone()),
                        format!(
                            "`{}` is `{}` {times} times in this translation (lines {}) and `{}` here",
                            table.term,
                            majority.text,
                            lines.join(", "),
                            minority.text
                        ),
                    )
                    .fix(format!("use `{}` as elsewhere, or record the choice in the glossary", majority.text));
                    if let Some(source_range) = source_range {
                        finding = finding.source(source_range);
                    }
                    for (m, m_range) in &majority.places {
                        let other = &ctx.document.blocks[*m];
                        finding = finding.related(
                            other.file_range(m_range.clone()),
                            format!("`{}` here", majority.text),
                        );
                    }
                    findings.push(finding);
                }
            }
        }
    }
}
