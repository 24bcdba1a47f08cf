use crate::document::{starts_upper, BlockKind};
use crate::finding::{Finding, Severity};
use crate::terms::{kept_in, latin_words, transliteration_in, variant_in, Status};

use super::{Context, Rule, RuleInfo};

pub struct GlossaryTerm;

static INFO: RuleInfo = RuleInfo {
    id: "glossary-term",
    default_severity: Severity::Warning,
    summary: "A glossary term of the source rendered otherwise than the glossary approves",
    needs_source: true,
    docs: r#"## What it finds

A source block holds a term of the team's glossary, and its translated block holds none of the
renderings the glossary approves for the translation's locale (a warning), or holds a rendering
the glossary forbids (an error) or deprecates (a warning). The finding names the term, the
approved renderings, and what the translation has instead: a transliteration of the term
(`प्रोडक्ट` for `product`), the term left in English, or a variant of an approved rendering
(most of its beginning where a word starts, or one of its words: `Arbeitsumgebung` for
`Arbeitsbereich`, `セマンティックな規約` for `セマンティック規約`).

A block where nothing stands for the term is not reported by default: judged on real
translations, the source's word was as often used in another sense (`by any metric`, `a scarce
resource`, `could signal`) or rightly paraphrased as dropped. With `missing-renderings = "all"`
under `[terminology]`, every block without an approved rendering is reported, on its first line.

Glossaries are configured in `loclint.toml`:

```toml
[terminology]
glossaries = ["terms.csv", "brand.tbx"]   # relative to loclint.toml

[[terminology.term]]
source = "workspace"
variants = ["work space"]
approved = { ar = "مساحة العمل", de = ["Arbeitsbereich"] }
forbidden = { de = "Workspace" }
```

- CSV or TSV: a header row of locale codes (`en`, `hi`, `pt-BR`); the source locale's column
  holds the terms. Several renderings in a cell are separated by `|`. A column
  `<locale>:forbidden` (or `:deprecated`) lists renderings not to use. Optional columns:
  `variants`, `case-sensitive`, `do-not-translate` (yes/no), `translatable` (no: do not
  translate) and `description`. Crowdin (`Term [hi]`) and Lokalise (`hi_translation`) headers
  are read too.
- TBX (ISO 30042), TBX-Basic and TBX v3: each entry's terms by language, with
  `administrativeStatus` or `normativeAuthorization` (`preferred` and `admitted` approve,
  `deprecated` and `superseded` deprecate, `forbidden` forbids). A note saying "do not
  translate" marks a name.

A glossary that cannot be read stops the run with its file and line (exit status 2): XML that is
not well-formed, a row with the wrong number of cells, an unknown locale code.

Terms are found the way each language writes words: whole words by Unicode segmentation,
inflected forms by a stemmer (`рабочего пространства` for `рабочее пространство`), Arabic
prefixes and clitics (`والمنتج`, `بالمنتج`, `للمنتج`) and tatweel, Hindi inflections and nukta
variants, German compounds (`Arbeitsbereichseinstellungen`), Korean particles
(`대시보드에서`), Chinese, Japanese and Thai by substring; case and accents folded in Latin,
Cyrillic and Greek, unless the entry is case-sensitive.

Only blocks whose place says they translate each other are compared; a term a name stands for
(`do-not-translate`) is that rule's. Not reported:
- a term inside an identifier (`kube-state-metrics`, `span_exporter`), and in an English source
  a noun term used as a verb (`traces that span services`, `to signal`); English terms match
  their plural and possessive only (`exporter` is not `export`);
- a term that is a word of a name: in a run of capitalised words (`Kubelet Stats Receiver`) or
  in a link's text;
- the term kept in English in a table's cells, capitalised as a name (`the Instrumentation
  resource`), or with the source's neighbouring word kept beside it (`node exporter`);
- a missing rendering that stands in a block beside that is no translation of another use of
  the term (a paragraph split in two or three).

In Japanese, `の` inside a compound term is read through (`コンテキストの伝搬` for
`コンテキスト伝搬`). One part of a compound rendering is no variant of it by itself
(`コンテキスト` alone is a word of its own), unless the rest follows close by.

## Why it matters

An approved term is a promise to the reader: the word in the interface, the help centre and the
contract is one word. Each translation that strays makes readers wonder whether two words mean
two things.

## Example

```text
glossary:    product -> hi उत्पाद
source:      take our interactive product tour
translation: हमारे इंटरैक्टिव प्रोडक्ट टूर को लें
```

`प्रोडक्ट` is reported: the glossary approves `उत्पाद`.

## How to fix

Use the approved rendering, or, if the glossary is out of date, update the glossary.
"#,
};

impl Rule for GlossaryTerm {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let terminology = &ctx.settings.terminology;
        let (Some(source), Some(source_words)) = (&ctx.source, ctx.source_term_words()) else {
            return;
        };
        if terminology.is_empty() {
            return;
        }
        let words = ctx.term_words();
        for (s, t) in ctx.pairs_in_place() {
            let (source_block, block) = (&source.document.blocks[s], &ctx.document.blocks[t]);
            if !source_block.kind.is_prose() {
                continue;
            }
            for found in terminology.found_in(source_block, &source_words.blocks[s]) {
                let entry = &terminology.glossary.entries[found.entry];
                if entry.do_not_translate {
                    continue;
                }
                let renderings = terminology.renderings_for(found.entry, ctx.locale);
                if renderings.is_empty() {
                    continue;
                }
                let approved: Vec<&str> = renderings
                    .iter()
                    .filter(|(r, _)| r.status == Status::Approved)
                    .map(|(r, _)| r.text.as_str())
                    .collect();
                let approved_list = approved
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(" or ");
                let term_text = &source_block.text[found.ranges[0].clone()];
                let source_range = source_block.file_range(found.ranges[0].clone());
                let target = &words.blocks[t];
                let mut banned = false;
                for (rendering, pattern) in renderings
                    .iter()
                    .filter(|(r, _)| r.status != Status::Approved)
                {
                    for hit in target.find(pattern, &words.language) {
                        banned = true;
                        let (what, severity) = match rendering.status {
                            Status::Forbidden => ("forbidden", Severity::Error),
                            _ => ("deprecated", Severity::Warning),
                        };
                        let used = &block.text[hit.clone()];
                        let mut message = format!(
                            "`{used}` is a {what} rendering of `{term_text}` ({})",
                            entry.origin
                        );
                        if !approved.is_empty() {
                            message.push_str(&format!("; the glossary approves {approved_list}"));
                        }
                        let mut finding = Finding::new(&INFO, block.file_range(hit), message)
                            .severity(severity)
                            .source(source_range.clone());
                        if let Some(first) = approved.first() {
                            finding = finding.fix(format!("replace `{used}` with `{first}`"));
                        }
                        findings.push(finding);
                    }
                }
                if banned || approved.is_empty() {
                    continue;
                }
                let has_approved = renderings
                    .iter()
                    .filter(|(r, _)| r.status == Status::Approved)
                    .any(|(_, pattern)| !target.find(pattern, &words.language).is_empty());
                if has_approved {
                    continue;
                }
                // A word of a name (`Kubelet Stats Receiver`, `Tracer` linking to its API page)
                // is the name's, not the term.
                let occurrence = &found.ranges[0];
                if in_capitalised_run(source_block, occurrence)
                    || source_block
                        .links
                        .iter()
                        .any(|l| l.text.start <= occurrence.start && occurrence.end <= l.text.end)
                {
                    continue;
                }
                let kept = kept_in(block, target, &entry.term);
                // The term kept as the source writes it: in a table's cells (labels and values
                // kept on purpose as often as not), capitalised as a name (`the Instrumentation
                // resource`, a heading naming a class), or with the source's next or previous
                // word kept beside it (`node exporter`): a name the translation keeps.
                if let Some(kept_range) = &kept {
                    let capitalised = starts_upper(&source_block.text[occurrence.clone()]);
                    if block.kind == BlockKind::TableRow
                        || capitalised
                        || kept_with_neighbour(source_block, occurrence, block, kept_range)
                    {
                        continue;
                    }
                }
                // A paragraph split in two or three: the term went to another part, a block
                // beside unpaired, paired with this source block too, or with one that has no
                // such term (a block that translates its own term is no part of this one).
                let part_of_this = |index: usize| match source.alignment.source_of(index) {
                    None => true,
                    Some(other) => {
                        other == s
                            || terminology
                                .found_in(
                                    &source.document.blocks[other],
                                    &source_words.blocks[other],
                                )
                                .iter()
                                .all(|f| f.entry != found.entry)
                    }
                };
                let beside = [t.checked_sub(1), Some(t + 1)]
                    .into_iter()
                    .flatten()
                    .any(|index| {
                        index < words.blocks.len()
                            && part_of_this(index)
                            && renderings
                                .iter()
                                .filter(|(r, _)| r.status == Status::Approved)
                                .any(|(_, pattern)| {
                                    !words.blocks[index]
                                        .find(pattern, &words.language)
                                        .is_empty()
                                })
                    });
                if beside && kept.is_none() {
                    continue;
                }
                let instead = entry
                    .forms()
                    .find_map(|form| {
                        transliteration_in(block, target, form, &latin_words(source_block))
                    })
                    .or(kept);
                let (range, message) = match instead {
                    Some(range) => {
                        let used = &block.text[range.clone()];
                        (
                            range,
                            format!(
                                "`{term_text}` is rendered `{used}`; the glossary approves {approved_list} ({})",
                                entry.origin
                            ),
                        )
                    }
                    None => {
                        // A variant of an approved rendering, most of it kept (`セマンティック規則`
                        // for `セマンティック規約`): the term, rendered not quite as approved.
                        if let Some(range) =
                            approved.iter().find_map(|a| variant_in(&block.text, a))
                        {
                            let used = &block.text[range.clone()];
                            findings.push(
                                Finding::new(
                                    &INFO,
                                    block.file_range(range.clone()),
                                    format!(
                                        "`{term_text}` is rendered `{used}`; the glossary approves {approved_list} ({})",
                                        entry.origin
                                    ),
                                )
                                .source(source_range),
                            );
                            continue;
                        }
                        // Nothing stands for the term: judged on real translations, the
                        // word was as often used in another sense (`by any metric`, `a scarce
                        // resource`) or paraphrased as dropped; reported only when asked.
                        if !ctx.settings.all_missing_renderings {
                            continue;
                        }
                        // The block's first line: no word of it stands for the term.
                        if target.is_empty() {
                            continue;
                        }
                        let end = block.text.find('\n').unwrap_or(block.text.len());
                        let first = 0..end;
                        (
                            first,
                            format!(
                                "`{term_text}` has none of its approved renderings here: {approved_list} ({})",
                                entry.origin
                            ),
                        )
                    }
                };
                findings.push(
                    Finding::new(&INFO, block.file_range(range), message).source(source_range),
                );
            }
        }
    }
}

/// Whether a source word beside the term (`node` of `node exporter`) stands beside the kept
/// term in the translation too.
fn kept_with_neighbour(
    source: &crate::document::Block,
    occurrence: &std::ops::Range<usize>,
    block: &crate::document::Block,
    kept: &std::ops::Range<usize>,
) -> bool {
    // The Latin word next to the range, across spaces only: in a text without spaces
    // (`ソース（node exporter`) it is the Latin run alone.
    let latin = |c: &char| c.is_ascii_alphanumeric() || *c == '-' || *c == '_';
    let neighbour = |text: &str, range: &std::ops::Range<usize>, after: bool| -> Option<String> {
        let word: String = if after {
            text[range.end..]
                .trim_start()
                .chars()
                .take_while(latin)
                .collect()
        } else {
            let before: Vec<char> = text[..range.start]
                .trim_end()
                .chars()
                .rev()
                .take_while(latin)
                .collect();
            before.into_iter().rev().collect()
        };
        (!word.is_empty()).then(|| word.to_lowercase())
    };
    [true, false].into_iter().any(|after| {
        match (
            neighbour(&source.text, occurrence, after),
            neighbour(&block.text, kept, after),
        ) {
            (Some(a), Some(b)) => a == b && a.len() > 2,
            _ => false,
        }
    })
}

/// Whether the words at `range` of a block stand in a run of capitalised words: a name of
/// which the term is a word (`Kubelet Stats Receiver`, `OpenTelemetry Semantic Conventions`).
fn in_capitalised_run(block: &crate::document::Block, range: &std::ops::Range<usize>) -> bool {
    let words: Vec<&crate::document::Token> = block.words().collect();
    let Some(first) = words.iter().position(|t| t.range.start >= range.start) else {
        return false;
    };
    let last = words
        .iter()
        .rposition(|t| t.range.end <= range.end)
        .unwrap_or(first);
    let capital = |t: &&crate::document::Token| {
        crate::document::starts_upper(t.text(&block.text))
            && t.script == crate::locale::Script::Latin
    };
    let adjacent = |a: &crate::document::Token, b: &crate::document::Token| {
        block.text[a.range.end..b.range.start].trim().is_empty()
    };
    capital(&words[first])
        && (first
            .checked_sub(1)
            .is_some_and(|p| capital(&words[p]) && adjacent(words[p], words[first]))
            || words
                .get(last + 1)
                .is_some_and(|n| capital(n) && adjacent(words[last], n)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::rules::test_support::check_with;

    fn settings(toml: &str) -> Settings {
        Settings::from_toml(toml, std::path::Path::new("loclint.toml"), ".".into()).unwrap()
    }

    const GLOSSARY: &str = r#"
[[terminology.term]]
source = "product"
approved = { hi = "उत्पाद", ar = "منتج" }
forbidden = { hi = "माल" }
"#;

    #[test]
    fn fires_on_a_transliteration_and_a_forbidden_rendering() {
        let settings = settings(GLOSSARY);
        let found = check_with(
            &GlossaryTerm,
            "hi",
            Some("Our product is new.\n\nThe product tour."),
            "हमारा प्रोडक्ट नया है।\n\nमाल का टूर।",
            &settings,
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].message.contains("`प्रोडक्ट`"),
            "{}",
            found[0].message
        );
        assert_eq!(found[1].severity, Severity::Error);
    }

    #[test]
    fn silent_on_inflected_and_clitic_forms() {
        let settings = settings(GLOSSARY);
        let hi = check_with(
            &GlossaryTerm,
            "hi",
            Some("All products are listed."),
            "सभी उत्पादों की सूची है।",
            &settings,
        );
        assert!(hi.is_empty(), "{hi:#?}");
        let ar = check_with(
            &GlossaryTerm,
            "ar",
            Some("Open the product page."),
            "افتح صفحة المنتج.",
            &settings,
        );
        assert!(ar.is_empty(), "{ar:#?}");
    }

    const WORKSPACE: &str = r#"
[[terminology.term]]
source = "workspace"
approved = { de = "Arbeitsbereich" }
"#;

    #[test]
    fn a_variant_is_told_and_nothing_telling_is_reported_only_when_asked() {
        let told = settings(WORKSPACE);
        let source = Some("Open the workspace settings.\n\nBy any measure, a workspace is small.");
        let de =
            "Öffnen Sie die Einstellungen der Arbeitsumgebung.\n\nIn jeder Hinsicht ist er klein.";
        let found = check_with(&GlossaryTerm, "de", source, de, &told);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            ["`workspace` is rendered `Arbeitsumgebung`; the glossary approves `Arbeitsbereich` (loclint.toml:2)"]
        );
        let all = settings(&format!(
            "[terminology]\nmissing-renderings = \"all\"\n{WORKSPACE}"
        ));
        let found = check_with(&GlossaryTerm, "de", source, de, &all);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[1]
            .message
            .contains("has none of its approved renderings"));
        let wrong = Settings::from_toml(
            "[terminology]\nmissing-renderings = \"some\"\n",
            std::path::Path::new("loclint.toml"),
            ".".into(),
        );
        assert!(wrong.is_err());
    }
}
