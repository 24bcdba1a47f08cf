use std::collections::BTreeMap;
use std::ops::Range;

use crate::check::CheckedFile;
use crate::finding::{Finding, Severity};
use crate::locale::{char_script, Script};
use crate::terms::learned::{same_rendering, How, RenderingUse, TermKind, TermTable};
use crate::terms::Language;
use crate::terms::{fold, used_as_verb};

use super::{Context, Rule, RuleInfo};

pub struct InconsistentTerm;

pub static INFO: RuleInfo = RuleInfo {
    id: "inconsistent-term",
    default_severity: Severity::Warning,
    summary: "One source term rendered two ways in a translation or across a locale",
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

Not reported: a tie, forms of one word (`доске`, `доски`; `라인에`, `라인의`), a place where the
source uses the term as a verb (`to receive, process, and export`), a rendering inside the other
(`工作` and `工作区`), and renderings learned from co-occurrence alone (a word found in the
term's blocks and hardly anywhere else): on real translations those were another word of the
sentences or the term in another sense as often as not. `loclint terms` lists them. The term
left in English is `untranslated-text`'s. A block of a duplicated run counts once, and a
translation's 60 most repeated terms are compared.

## Across the translations of a locale

Once the run is over, the translations of each locale are compared: a term that three or more
of them transliterate one way, and that a translation renders only another way (a transliteration
or a gloss), is reported there once, with the translations that write the usual rendering:
"`channel` is `チャンネル` in 5 other ja translations (...) and `チャネル` in this one". The
usual rendering needs three translations or more, and the other must be this one's alone: two
translations that agree may speak of the term in another sense. A file checked alone (pre-commit)
or in a shard is compared with the translations of that run only: write the locale's usage as
a glossary (`loclint terms --write-glossary`) to hold every file to it.

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
        for table in compared_tables(ctx) {
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
                if !told_rendering(minority, non_latin)
                    || one_rendering(&majority.text, &minority.text, &ctx.term_words().language)
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
                    let source_place = table.pairs.iter().find(|(_, pt, _)| pt == t);
                    // The source uses the word as a verb here (`to receive, process, and
                    // export`): another word renders it, rightly.
                    if source_place
                        .is_some_and(|(s, _, r)| used_as_verb(&source.document.blocks[*s].text, r))
                    {
                        continue;
                    }
                    let source_range = source_place
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

/// The term tables this rule compares: a glossary entry with renderings for the locale is
/// `glossary-term`'s, a name `do-not-translate`'s.
fn compared_tables<'c>(ctx: &'c Context) -> impl Iterator<Item = &'c TermTable> + 'c {
    let terminology = &ctx.settings.terminology;
    ctx.term_tables().iter().filter(move |table| {
        table.kind != TermKind::Name
            && table.entry.is_none_or(|entry| {
                !terminology.glossary.entries[entry].do_not_translate
                    && terminology.renderings_for(entry, ctx.locale).is_empty()
            })
    })
}

/// A rendering sure to render the term: told by its form (a transliteration, or the word a gloss
/// explains), hardly used without the term, and in the translation's script. A word merely found
/// beside the term in a few blocks may be anything.
fn told_rendering(rendering: &RenderingUse, non_latin: bool) -> bool {
    matches!(rendering.how, How::Transliteration | How::Gloss)
        && rendering.elsewhere <= 1
        && !(non_latin
            && rendering
                .text
                .chars()
                .any(|c| char_script(c) == Script::Latin))
}

/// One is part of the other (`工作` and `工作区`), or both are one word's forms.
fn one_rendering(a: &str, b: &str, language: &Language) -> bool {
    let (a_key, b_key) = (fold(a, false), fold(b, false));
    a_key.contains(&b_key) || b_key.contains(&a_key) || same_rendering(a, b, language)
}

/// How one translation renders one term, by the renderings told by their form: what the run
/// compares across the translations of a locale.
#[derive(Debug, Clone)]
pub struct TermUsage {
    /// As the source writes it.
    pub term: String,
    /// Folded, the key across translations.
    pub key: String,
    /// Most used first.
    pub renderings: Vec<UsedRendering>,
    /// The rule's severity in this translation.
    pub severity: Severity,
}

#[derive(Debug, Clone)]
pub struct UsedRendering {
    pub text: String,
    /// A transliteration (a gloss otherwise).
    pub transliteration: bool,
    /// Where it first stands, in the file, and its line.
    pub first: Range<usize>,
    pub line: usize,
    /// The source place of that first use.
    pub source: Option<Range<usize>>,
    /// An inline suppression silences this rule at `first`.
    pub silenced: bool,
}

/// What the run needs to see of a translation to compare it with its locale's other
/// translations: each compared term and its told renderings (the translation's own usage).
pub fn term_usage(ctx: &Context, severity: Severity) -> Vec<TermUsage> {
    let Some(source) = &ctx.source else {
        return Vec::new();
    };
    let non_latin = !ctx.locale_data.scripts.contains(&Script::Latin);
    compared_tables(ctx)
        .filter_map(|table| {
            let renderings: Vec<UsedRendering> = table
                .renderings
                .iter()
                .filter(|r| told_rendering(r, non_latin))
                .filter_map(|r| {
                    let (t, range) = r.places.first()?;
                    // The source's verb (`to process`) is no use of the term.
                    let place = table.pairs.iter().find(|(_, pt, _)| pt == t);
                    if place.is_some_and(|(s, _, sr)| {
                        used_as_verb(&source.document.blocks[*s].text, sr)
                    }) {
                        return None;
                    }
                    let block = &ctx.document.blocks[*t];
                    let first = block.file_range(range.clone());
                    Some(UsedRendering {
                        text: r.text.clone(),
                        transliteration: r.how == How::Transliteration,
                        line: ctx.file.lines.line_of(first.start),
                        first,
                        source: place
                            .map(|(s, _, sr)| source.document.blocks[*s].file_range(sr.clone())),
                        silenced: false,
                    })
                })
                .collect();
            (!renderings.is_empty()).then(|| TermUsage {
                term: table.term.clone(),
                key: fold(&table.term, false),
                renderings,
                severity,
            })
        })
        .collect()
}

/// At most this many other translations are named in a finding.
const NAMED_FILES: usize = 3;

/// Compares each locale's translations: a term that three or more transliterate one way, and
/// that a translation renders only another way, is reported there (once, at its first use).
/// `files` are in path order, so the findings do not depend on how the run was split.
pub fn across_translations(files: &mut [CheckedFile]) {
    let mut by_locale: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (n, file) in files.iter().enumerate() {
        if !file.term_usage.is_empty() {
            by_locale
                .entry(file.locale.to_string())
                .or_default()
                .push(n);
        }
    }
    let mut found: Vec<(usize, Finding)> = Vec::new();
    for (locale, members) in &by_locale {
        if members.len() < 3 {
            continue;
        }
        let language = Language::of(&files[members[0]].locale);
        // Each term, with the translations that render it and how.
        let mut terms: BTreeMap<&str, Vec<(usize, &TermUsage)>> = BTreeMap::new();
        for &n in members {
            for usage in &files[n].term_usage {
                terms
                    .entry(usage.key.as_str())
                    .or_default()
                    .push((n, usage));
            }
        }
        for users in terms.values() {
            if users.len() < 3 {
                continue;
            }
            // The transliteration most translations use; a tie tells no usage.
            let mut counts: Vec<(&str, Vec<(usize, &UsedRendering)>)> = Vec::new();
            for &(n, usage) in users {
                for rendering in usage.renderings.iter().filter(|r| r.transliteration) {
                    match counts
                        .iter_mut()
                        .find(|(text, _)| one_rendering(text, &rendering.text, &language))
                    {
                        Some((_, uses)) => {
                            if uses.last().is_none_or(|(m, _)| *m != n) {
                                uses.push((n, rendering));
                            }
                        }
                        None => counts.push((rendering.text.as_str(), vec![(n, rendering)])),
                    }
                }
            }
            counts.sort_by_key(|c| std::cmp::Reverse(c.1.len()));
            let Some((usual, usual_files)) = counts.first() else {
                continue;
            };
            // Three translations or more write it, and no other rendering as many.
            if usual_files.len() < 3
                || counts
                    .get(1)
                    .is_some_and(|c| c.1.len() == usual_files.len())
            {
                continue;
            }
            for &(n, usage) in users {
                // A translation that uses the usual rendering at all is judged on its own.
                if usage
                    .renderings
                    .iter()
                    .any(|r| one_rendering(usual, &r.text, &language))
                {
                    continue;
                }
                let Some(own) = usage.renderings.first() else {
                    continue;
                };
                let sharing = counts
                    .iter()
                    .find(|(text, _)| one_rendering(text, &own.text, &language))
                    .map_or(1, |(_, uses)| uses.len());
                // The other rendering must be this translation's alone: two files that agree
                // may speak of another sense (a Go channel, a chat channel).
                if sharing > 1 || own.silenced {
                    continue;
                }
                let mut named: Vec<String> = usual_files
                    .iter()
                    .take(NAMED_FILES)
                    .map(|(m, r)| format!("{}:{}", files[*m].file.path.display(), r.line))
                    .collect();
                if usual_files.len() > NAMED_FILES {
                    named.push(format!("{} more", usual_files.len() - NAMED_FILES));
                }
                let mut finding = Finding::new(
                    &INFO,
                    own.first.clone(),
                    format!(
                        "`{}` is `{usual}` in {} other {locale} translations ({}) and `{}` in this one",
                        usage.term,
                        usual_files.len(),
                        named.join(", "),
                        own.text
                    ),
                )
                .severity(usage.severity)
                .fix(format!(
                    "use `{usual}` as the locale's other translations do, or record the choice in the glossary"
                ));
                if let Some(source) = &own.source {
                    finding = finding.source(source.clone());
                }
                found.push((n, finding));
            }
        }
    }
    let mut touched: Vec<usize> = found.iter().map(|(n, _)| *n).collect();
    touched.sort_unstable();
    touched.dedup();
    for (n, finding) in found {
        files[n].findings.push(finding);
    }
    for n in touched {
        crate::finding::sort_in_position_order(&mut files[n].findings);
    }
}
