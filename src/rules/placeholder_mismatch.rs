use crate::document::{Block, MaskKind};
use crate::finding::{Finding, Severity};

use super::{Context, Rule, RuleInfo};

pub struct PlaceholderMismatch;

static INFO: RuleInfo = RuleInfo {
    id: "placeholder-mismatch",
    default_severity: Severity::Error,
    summary: "A placeholder or markup attribute of the source missing, added or renamed in its translation",
    needs_source: true,
    docs: r#"## What it finds

Placeholders of a source sentence that its translation lost, added or renamed, and attributes
of HTML or JSX tags that it changed:
- template and format placeholders: `{name}`, `{{var}}`, `${x}`, `%s`, `%1$d`, `%(count)d`;
- emoji shortcodes (`:warning:`) and numbered tags (`<0>…</0>`) of translation frameworks;
- attributes of HTML and JSX tags (`<Badge variant="tip">`, `<Tabs syncKey="pkg">`), the nth tag
  of a name in the source matched with the nth in the translation where both have as many
  (with a tag added or removed, order says nothing and the name is not compared), apart from
  those readers see or that name a place (`alt`, `title`, `aria-label`, `label`, `text`,
  `href`, `src`, `id` and their kind, `data-*`). An attribute the translation's tag lacks (or
  names otherwise: `varient`) is reported at the tag. Attribute values with digits (versions,
  sizes) are `number-mismatch`'s.

A placeholder named by a word (`{name}`, `{{file}}`) may be translated with its sentence
(`{nombre}`): it describes what the reader puts there. A format argument (`%s`, `%1$d`, `{0}`)
is compared exactly, and one more than the source has is reported.

Placeholders may move within the sentence: only their number and names are compared. A
placeholder found in the block beside is not lost.

## Why it matters

A renamed placeholder is never filled in: the reader sees `{nmae}` or nothing where a value
belongs, and a format string with a `%s` too few or too many fails when the page is built or
the message shown. A component attribute the translation changed renders another component.

## Example

```text
source:      Welcome back, %s! You have %d new messages.
translation: ¡Hola de nuevo, %s! Tienes %s mensajes nuevos.
```

The second `%s` is reported: the source has `%d` there.

## How to fix

Copy placeholders and attributes exactly as the source writes them; translate only the text
around them.
"#,
};

impl Rule for PlaceholderMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let Some(source) = &ctx.source else {
            return;
        };
        let in_source: Vec<&str> = source
            .document
            .blocks
            .iter()
            .flat_map(|b| placeholders(b).into_iter().map(|(_, t)| t))
            .collect();
        let source_tags: Vec<&crate::document::Tag> = source
            .document
            .blocks
            .iter()
            .flat_map(|b| &b.tags)
            .collect();
        // Pairs in place, not only sure ones: a renamed placeholder is what makes a pair unsure.
        for (s, t) in ctx.pairs_in_place() {
            let (sb, tb) = (&source.document.blocks[s], &ctx.document.blocks[t]);
            if !sb.kind.is_prose() || sb.kind != tb.kind {
                continue;
            }
            let beside = ctx.blocks_beside(t);
            compare_placeholders(sb, tb, &beside, &in_source, findings);
        }
        for changed in ctx.changed_attributes() {
            let (sb, tb) = (
                &source.document.blocks[changed.source_block],
                &ctx.document.blocks[changed.target_block],
            );
            if changed.missing {
                findings.push(
                    Finding::new(
                        &INFO,
                        tb.file_range(changed.target.range.clone()),
                        format!(
                            "attribute `{}` of `<{}>` is missing here (the source has `{}`)",
                            changed.source.name, changed.tag, changed.source.value
                        ),
                    )
                    .source(sb.file_range(changed.source.range.clone()))
                    .fix(format!(
                        "add `{}` with the source's value",
                        changed.source.name
                    )),
                );
                continue;
            }
            // Values with digits are versions and sizes: number-mismatch compares them.
            if changed.source.has_digits() {
                continue;
            }
            // A value that another tag of the name has in the source: tags in another
            // order (cards reordered or removed), not a value changed.
            let elsewhere = source_tags
                .iter()
                .filter(|tag| tag.name == changed.tag)
                .any(|tag| {
                    tag.attributes
                        .iter()
                        .any(|a| a.name == changed.source.name && a.value == changed.target.value)
                });
            if elsewhere {
                continue;
            }
            findings.push(
                Finding::new(
                    &INFO,
                    tb.file_range(changed.target.range.clone()),
                    format!(
                        "attribute `{}` of `<{}>` is `{}` where the source has `{}`",
                        changed.source.name,
                        changed.tag,
                        changed.target.value,
                        changed.source.value
                    ),
                )
                .source(sb.file_range(changed.source.range.clone()))
                .fix(format!("give `{}` the source's value", changed.source.name)),
            );
        }
    }
}

/// Lost placeholders past which a pair is not compared: pairing them with the added ones costs
/// the product of the two.
const MAX_LOST: usize = 64;

/// The placeholders of a block's prose, with where they stand.
fn placeholders(block: &Block) -> Vec<(std::ops::Range<usize>, &str)> {
    block
        .masks
        .iter()
        .filter_map(|m| {
            let text = &block.text[m.range.clone()];
            let wanted = match m.kind {
                MaskKind::Placeholder => true,
                MaskKind::HtmlTag => is_shortcode(text) || is_numbered_tag(text),
                _ => false,
            };
            wanted.then(|| (m.range.clone(), text))
        })
        .collect()
}

/// `:warning:`.
fn is_shortcode(text: &str) -> bool {
    text.len() > 2
        && text.starts_with(':')
        && text.ends_with(':')
        && text[1..text.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_+-".contains(&b))
}

/// `<0>`, `</1>`, `<2/>`: the numbered tags of i18n frameworks.
fn is_numbered_tag(text: &str) -> bool {
    let inner = text
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .map(|t| t.trim_start_matches('/').trim_end_matches('/').trim());
    inner.is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
}

fn compare_placeholders(
    source: &Block,
    target: &Block,
    beside: &[&Block],
    in_source: &[&str],
    findings: &mut Vec<Finding>,
) {
    let ours = placeholders(source);
    let theirs = placeholders(target);
    if ours.is_empty() && theirs.is_empty() {
        return;
    }
    // Multisets: each of the translation's placeholders answers one of the source's.
    // Each placeholder of the translation, by text, in order: matched in linear time.
    let mut unmatched: std::collections::HashMap<&str, std::collections::VecDeque<usize>> =
        std::collections::HashMap::new();
    for (k, (_, text)) in theirs.iter().enumerate() {
        unmatched.entry(text).or_default().push_back(k);
    }
    let mut used = vec![false; theirs.len()];
    let mut lost = Vec::new();
    for (range, text) in &ours {
        match unmatched.get_mut(text).and_then(|ks| ks.pop_front()) {
            Some(k) => used[k] = true,
            None => lost.push((range.clone(), *text)),
        }
    }
    // Past a few dozen, a block's placeholders are not its translation's: nothing to pair.
    if lost.len() > MAX_LOST {
        return;
    }
    let near: Vec<&str> = beside
        .iter()
        .flat_map(|b| placeholders(b))
        .map(|(_, t)| t)
        .collect();
    let ours_texts: Vec<&str> = ours.iter().map(|(_, t)| *t).collect();
    let mut added: Vec<(std::ops::Range<usize>, &str)> = theirs
        .iter()
        .enumerate()
        .filter(|(k, _)| !used[*k])
        .map(|(_, p)| p.clone())
        .collect();
    lost.retain(|(_, text)| !near.contains(text));
    for (range, text) in lost {
        let renamed = added.iter().position(|(_, other)| same_kind(text, other));
        match renamed {
            // `{verbo}` for `{verb}`: a placeholder that describes what a reader puts there
            // (`{verb} {object}`), translated with the words around it.
            Some(at) if is_translated(text, added[at].1) => {
                added.remove(at);
            }
            Some(at) => {
                let (other_range, other) = added.remove(at);
                findings.push(
                    Finding::new(
                        &INFO,
                        target.file_range(other_range),
                        format!("placeholder `{other}` where the source has `{text}`"),
                    )
                    .source(source.file_range(range))
                    .fix(format!("write the source's `{text}`")),
                );
            }
            None => findings.push(
                Finding::new(
                    &INFO,
                    target.file_range(0..0),
                    format!("placeholder `{text}` of the source is missing here"),
                )
                .source(source.file_range(range))
                .fix(format!("add `{text}` where the sentence needs it")),
            ),
        }
    }
    for (range, text) in added {
        // One the source has elsewhere is a repeat or moved, not a new one; one named by a word
        // is text (`'{verbo} {objeto}'` where the source shows the pattern as code).
        // A format placeholder is an argument: one more `%s` than the source's is one
        // argument too many, unless the block beside lost it (a merged sentence).
        let format = is_format_placeholder(text);
        if is_word_placeholder(text)
            || (!format && (ours_texts.contains(&text) || in_source.contains(&text)))
            || (format && near.contains(&text))
        {
            continue;
        }
        findings.push(
            Finding::new(
                &INFO,
                target.file_range(range),
                if ours_texts.contains(&text) {
                    format!("placeholder `{text}` once more than the source has it")
                } else {
                    format!("placeholder `{text}` that the source does not have")
                },
            )
            .fix("remove it, or use the source's placeholder"),
        );
    }
}

/// A printf or positional placeholder (`%s`, `%1$d`, `{0}`): an argument of a format string.
fn is_format_placeholder(text: &str) -> bool {
    text.starts_with('%')
        || text
            .strip_prefix('{')
            .and_then(|t| t.strip_suffix('}'))
            .is_some_and(|inner| !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a renamed placeholder may be its name translated: a placeholder named by a word
/// (`{verb}`, `{{file}}`) describes what the reader puts there, and in an article it is text a
/// translator translates with its sentence (`{verbo}`, cognates included). Format and
/// template placeholders (`%s`, `{0}`, `${user.name}`) are compared exactly.
fn is_translated(source: &str, target: &str) -> bool {
    is_word_placeholder(source) && is_word_placeholder(target)
}

/// `{verb}`, `{{file}}`: a placeholder named by a word.
fn is_word_placeholder(placeholder: &str) -> bool {
    let name = placeholder.trim_matches(|c: char| "{} ".contains(c));
    placeholder.starts_with('{')
        && name.chars().count() >= 2
        && name
            .chars()
            .all(|c| c.is_alphabetic() || c == '_' || c == '-')
}

/// Whether two placeholders are written in one syntax (`{a}` and `{b}`, `%s` and `%d`).
fn same_kind(a: &str, b: &str) -> bool {
    let kind = |p: &str| {
        if p.starts_with("{{") {
            1
        } else if p.starts_with("${") {
            2
        } else if p.starts_with('{') {
            3
        } else if p.starts_with('%') {
            4
        } else if p.starts_with(':') {
            5
        } else {
            6
        }
    };
    kind(a) == kind(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::rules::test_support::check_file;

    const EN: &str = "# Notifications\n\nWelcome back, ${user.name}! You have {count} new messages :tada:\n\n<Badge variant=\"tip\" text=\"New\" />\n\nThe digest is sent at %s every day.\n";

    fn findings_of(locale: &str, text: &str) -> Vec<(String, String)> {
        check_file(
            &PlaceholderMismatch,
            &format!("{locale}.md"),
            locale,
            Some(EN),
            text,
            &Settings::default(),
        )
        .into_iter()
        .map(|f| (text[f.range.clone()].to_string(), f.message))
        .collect()
    }

    #[test]
    fn renamed_lost_and_changed_are_reported() {
        let es = "# Notificaciones\n\n¡Hola de nuevo, ${user.nmae}! Tienes {cuenta} mensajes nuevos :tada:\n\n<Badge variant=\"note\" text=\"Nuevo\" />\n\nEl resumen se envía todos los días.\n";
        assert_eq!(
            findings_of("es", es),
            [
                (
                    "${user.nmae}".to_string(),
                    "placeholder `${user.nmae}` where the source has `${user.name}`".to_string()
                ),
                (
                    "note".to_string(),
                    "attribute `variant` of `<Badge>` is `note` where the source has `tip`"
                        .to_string()
                ),
                (
                    "".to_string(),
                    "placeholder `%s` of the source is missing here".to_string()
                ),
            ]
        );
    }

    /// The findings in translation `text` of source `en`, in a file named `path` (its locale the
    /// name's).
    fn check_pair(path: &str, en: &str, text: &str) -> Vec<Finding> {
        let locale = path.split('.').next().unwrap_or("de");
        check_file(
            &PlaceholderMismatch,
            path,
            locale,
            Some(en),
            text,
            &Settings::default(),
        )
    }

    #[test]
    fn an_attribute_lost_or_misspelt_is_reported_at_the_tag() {
        let en = "# Badges\n\nNew features carry a badge: <Badge variant=\"tip\" text=\"New\" />\n";
        let de = "# Abzeichen\n\nNeue Funktionen tragen ein Abzeichen: <Badge varient=\"tip\" text=\"Neu\" />\n";
        let found = check_pair("de.mdx", en, de);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            ["attribute `variant` of `<Badge>` is missing here (the source has `tip`)"]
        );
        assert_eq!(&de[found[0].range.clone()], "Badge");
    }

    #[test]
    fn one_format_argument_too_many_is_reported() {
        let en = "# Messages\n\nThe app shows: \"You have %d new messages, sent at %s.\"\n";
        let de = "# Nachrichten\n\nDie App zeigt: „Sie haben %d neue Nachrichten, gesendet am %s um %s.“\n";
        let found = check_pair("de.md", en, de);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            ["placeholder `%s` once more than the source has it"]
        );
        assert_eq!(
            found[0].range,
            de.rfind("%s").unwrap()..de.rfind("%s").unwrap() + 2
        );
    }

    #[test]
    fn moved_placeholders_and_translated_attributes_are_no_difference() {
        let ko = "# 알림\n\n${user.name}님, 다시 오신 것을 환영합니다! 새 메시지가 {count}개 있습니다 :tada:\n\n<Badge variant=\"tip\" text=\"새 기능\" />\n\n요약은 매일 %s에 전송됩니다.\n";
        assert_eq!(findings_of("ko", ko), Vec::<(String, String)>::new());
    }
}
