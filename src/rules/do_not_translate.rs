use std::collections::{HashMap, HashSet};

use crate::document::{name_form, starts_upper};
use crate::evidence::Habit;
use crate::finding::{Finding, Severity};
use crate::locale::Script;
use crate::terms::learned::{gloss_of, names_of};
use crate::terms::{fold, latin_words, transliteration_in};

use super::{Context, Rule, RuleInfo};

pub struct DoNotTranslate;

static INFO: RuleInfo = RuleInfo {
    id: "do-not-translate",
    default_severity: Severity::Warning,
    summary: "A name to keep as it is, transliterated or translated in the translation",
    needs_source: true,
    docs: r#"## What it finds

A name of the source (a brand, a product, a project) that its translated block does not keep,
writing it in its own script instead: `गुरु` for `Guru`, `لومورا` for `Lumora`, `Люмора`,
`ルモラ`.

Which names are kept:
- with a glossary, the entries marked do-not-translate (`do-not-translate = true` in
  `[[terminology.term]]`, a `do-not-translate` or `translatable` column in CSV, a "do not
  translate" note in TBX; see `loclint explain glossary-term`);
- without one, the evidence decides: a name of the source (a Latin word it capitalises inside
  its sentences and never writes in lower case, so not `Default` or `Install` of a heading; not
  a word of a run of capitals, such as a person's name or a title, which locales write in their
  script or translate) that most of the group's other translations in non-Latin scripts keep
  in Latin in their block aligned with this one. When only one other translation can tell, it
  must keep the name in every block, and the source must have it in two blocks or more.

Without a glossary entry, a transliteration is a deliberate choice, and not reported:
- of the translation, when it writes it five times or more, or introduces the name with the
  original in brackets (`컬렉터(Collector)`);
- of the locale, when at least 3 of its translations write the name in their script
  (`コレクター` for `Collector`): the run's tally says so, or `loclint init` records it as
  `transliterate = ["collector"]` under `[practice.<locale>]`.
Say otherwise in the glossary. A term the glossary renders (`tracer`, `トレーサー`) is no name.

A transliteration is recognised by how it sounds: both words are romanized and compared
consonant by consonant, vowels aside where a script writes few of them (Arabic, Hebrew).
A name the block does not mention at all is not reported: a sentence may be rephrased around
it. The translation's own copy of the name in Latin anywhere in the block is no finding.

## Why it matters

A brand written two ways is two brands to a reader, and a search for the product's name no
longer finds its documentation. When the Arabic translation keeps `Guru` and the Hindi one
writes `गुरु`, the locales disagree on the product's name.

## Example

```text
source:      Experience the power of the Guru platform
translation: गुरु प्लेटफॉर्म की शक्ति का अनुभव करें
```

`गुरु` is reported: the Arabic translation keeps `Guru`.

## How to fix

Write the name as the source does. If the locale's style is to transliterate this name, say so
in the glossary with an approved rendering instead of do-not-translate.
"#,
};

impl Rule for DoNotTranslate {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let (Some(source), Some(source_words)) = (&ctx.source, ctx.source_term_words()) else {
            return;
        };
        // Transliteration is writing in another script: a Latin-script translation keeps or
        // translates names, which other rules read.
        if ctx.locale_data.scripts.contains(&Script::Latin) {
            return;
        }
        let terminology = &ctx.settings.terminology;
        let words = ctx.term_words();
        // Without a glossary, a name is a word the source writes as one: capitalised inside
        // its sentences, never in lower case.
        let source_names = names_of(source.document);
        // Counted once a translation: by rendering, and by name.
        let mut uses: HashMap<String, usize> = HashMap::new();
        let mut glossed: HashMap<String, bool> = HashMap::new();
        for (s, t) in ctx.pairs_in_place() {
            let (source_block, block) = (&source.document.blocks[s], &ctx.document.blocks[t]);
            if !source_block.kind.is_prose() {
                continue;
            }
            let target = &words.blocks[t];
            // (name as the source writes it, where, why it is kept)
            let mut names: Vec<(String, std::ops::Range<usize>, String, bool)> = Vec::new();
            let mut glossary_names = HashSet::new();
            for found in terminology.found_in(source_block, &source_words.blocks[s]) {
                let entry = &terminology.glossary.entries[found.entry];
                // The glossary says how the term is rendered: it is no name to keep.
                glossary_names.insert(fold(&entry.term, false));
                if entry.do_not_translate {
                    glossary_names.insert(fold(&entry.term, false));
                    names.push((
                        entry.term.clone(),
                        found.ranges[0].clone(),
                        format!("the glossary keeps it as it is ({})", entry.origin),
                        true,
                    ));
                }
            }
            for token in source_block.words() {
                let word = name_form(token.text(&source_block.text));
                if token.script != Script::Latin
                    || word.chars().count() < 3
                    || !starts_upper(word)
                    || !source_names.contains(&word.to_lowercase())
                    || glossary_names.contains(&fold(word, false))
                    || names.iter().any(|(n, _, _, _)| n == word)
                {
                    continue;
                }
                // The other translations in other scripts keep it in this very block.
                let (keeping, others) = ctx.group.name_kept_in_block(s, word, true);
                if keeping == 0 || 2 * keeping <= others {
                    continue;
                }
                // One other translation is thin evidence: it must keep the name wherever the
                // source has it, in two blocks at least.
                if others == 1 && !kept_throughout(ctx, source.document, word) {
                    continue;
                }
                names.push((
                    word.to_string(),
                    token.range.start..token.range.start + word.len(),
                    format!(
                        "{keeping} of the group's {others} other translations in other scripts keep it"
                    ),
                    false,
                ));
            }
            if names.is_empty() {
                continue;
            }
            let kept: HashSet<&str> = target.words().map(|(_, w)| w).collect();
            for (name, source_range, why, from_glossary) in names {
                // A name the locale's translations write in its script, file after file, is
                // the locale's choice (`コレクター`); the glossary's names are the team's.
                let habit =
                    (!from_glossary).then(|| Habit::TransliteratedName(name.to_lowercase()));
                let folded: Vec<String> = name.split_whitespace().map(|w| fold(w, false)).collect();
                if folded.iter().all(|w| kept.contains(w.as_str())) {
                    continue;
                }
                let Some(range) =
                    transliteration_in(block, target, &name, &latin_words(source_block))
                else {
                    continue;
                };
                let written = &block.text[range.clone()];
                // A rendering the translation uses again and again is its deliberate choice
                // (`OpenTelemetry デモ` throughout a site): a glossary entry says otherwise.
                // So is one the translation introduces with the name in brackets
                // (`컬렉터(Collector)`).
                let uses = *uses
                    .entry(written.to_string())
                    .or_insert_with(|| uses_of(ctx, written));
                let glossed = *glossed
                    .entry(name.clone())
                    .or_insert_with(|| is_glossed_anywhere(ctx.document, words, &name));
                if !from_glossary && (uses >= ESTABLISHED_USES || glossed) {
                    if let Some(habit) = &habit {
                        ctx.used(habit);
                    }
                    continue;
                }
                let mut finding = Finding::new(
                    &INFO,
                    block.file_range(range),
                    format!("`{written}` writes the name `{name}` in another script; {why}"),
                )
                .source(source_block.file_range(source_range))
                .fix(format!("replace `{written}` with `{name}`"));
                if let Some(habit) = habit {
                    finding = finding.habit(habit);
                }
                findings.push(finding);
            }
        }
    }
}

/// Whether the group's other translations in other scripts keep `name` in every block aligned
/// with a source block that has it, and the source has it in two blocks or more.
fn kept_throughout(ctx: &Context, source: &crate::document::Document, name: &str) -> bool {
    let lower = name.to_lowercase();
    let blocks: Vec<usize> = source
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            b.words()
                .any(|t| name_form(t.text(&b.text)).to_lowercase() == lower)
        })
        .map(|(s, _)| s)
        .collect();
    blocks.len() >= 2
        && blocks.iter().all(|&s| {
            let own = ctx.source.as_ref().is_some_and(|side| {
                side.alignment
                    .pairs
                    .iter()
                    .any(|p| p.source == Some(s) && p.target.is_some())
            });
            let (kept, others) = ctx.group.name_kept_in_block(s, name, own);
            kept >= others
        })
}

/// Uses of a transliteration in one translation from which on it is the translation's choice.
const ESTABLISHED_USES: usize = 5;

/// How many times `written` stands in the translation's prose.
fn uses_of(ctx: &Context, written: &str) -> usize {
    ctx.document
        .blocks
        .iter()
        .filter(|b| b.kind.is_prose())
        .map(|b| b.text.matches(written).count())
        .sum()
}

/// Whether the translation writes the name in brackets after a word of its own, somewhere.
fn is_glossed_anywhere(
    document: &crate::document::Document,
    words: &crate::terms::DocumentWords,
    name: &str,
) -> bool {
    document
        .blocks
        .iter()
        .zip(&words.blocks)
        .any(|(block, block_words)| gloss_of(block, block_words, name).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::rules::test_support::check_with;

    #[test]
    fn a_glossary_name_transliterated_is_reported() {
        let settings = Settings::from_toml(
            "[[terminology.term]]\nsource = \"Lumora\"\ndo-not-translate = true\n",
            std::path::Path::new("loclint.toml"),
            ".".into(),
        )
        .unwrap();
        let found = check_with(
            &DoNotTranslate,
            "hi",
            Some("Open Lumora today."),
            "आज ही लुमोरा खोलें।",
            &settings,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message.contains("`लुमोरा`"));
        let kept = check_with(
            &DoNotTranslate,
            "hi",
            Some("Open Lumora today."),
            "आज ही Lumora खोलें।",
            &settings,
        );
        assert!(kept.is_empty());
    }

    #[test]
    fn without_evidence_nothing_is_reported() {
        let found = crate::rules::test_support::check(
            &DoNotTranslate,
            "hi",
            Some("Open Lumora today."),
            "आज ही लुमोरा खोलें।",
        );
        assert!(found.is_empty());
    }
}
