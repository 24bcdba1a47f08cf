use crate::document::{link_target, percent_decoded, Block, Link};
use crate::finding::{Finding, Severity};

use super::{Context, Rule, RuleInfo};

pub struct LinkMismatch;

static INFO: RuleInfo = RuleInfo {
    id: "link-mismatch",
    default_severity: Severity::Warning,
    summary: "A link target of the source changed in its translation (a page moved, a version not updated, a target edited by hand)",
    needs_source: true,
    docs: r#"## What it finds

A link of a source block whose target its translation changed: a path edited by hand
(`/docs/instal` for `/docs/install`), or a page the source has since moved
(`/docs/collector/install` where the translation still links `/docs/collector/installation`). A
link the translation lacks is left to the structure and number rules: most often the source
added the sentence since, and a translation may drop a link on purpose.

Link text is translatable; the target is not. Targets are compared without what a translation
legitimately changes:

- a locale segment: `/en/docs/x`, `/docs/x`, `/ja/docs/x` are one page, as are
  `README.md` and `README.ja-JP.md`, `en.wikipedia.org` and `ar.wikipedia.org`, `?hl=en` and
  `?hl=ar`;
- a fragment (`#configure`): anchors of translated headings change with their text;
- a trailing slash, a query (`?link-check=no` is a directive to the site's tools), percent-encoding
  (`%28` is `(`, `+` a space), a leading `./`;
- a folder's `README.md`, which a link to the folder shows (`src/heap` and
  `src/heap/README.zh-CN.md`), and a commit written short or in full.

Targets written in different forms (`/docs/start/` from the site's root, `../start/` from the
page) are not compared: only the site knows whether they are one page.

Addresses that are one place under two forms can be configured, `{locale}` standing for the
translation's tag:

```toml
[links]
equivalent = [["/help/", "/{locale}/support/"], ["https://example.com/en-us/", "https://example.com/{locale}/"]]
```

A changed target is reported when both are links within the documentation (relative), or when an
outside target differs from the source's by a small edit (a typo, a version): another page of an
outside site (a Wikipedia article or a video in the translation's language) is a translator's
choice. Only blocks the aligner paired with confidence are compared, and language menus not at
all. A target that a block beside has (two on either side) says the aligner paired the wrong
blocks (an item the translation lacks shifts a list), and is not reported.

## Why it matters

A link edited by hand breaks silently: the page reads fine and the reader lands on a 404. A link
the source moved since leads readers of the translation to a page the project no longer keeps.

## Example

```text
source:      Read the [installation guide](/docs/collector/install/) first.
translation: Lisez d'abord le [guide d'installation](/fr/docs/collector/installation/).
```

The translation's link is reported: the source links `/docs/collector/install` there.

## How to fix

Point the link where the source's points, keeping the translation's locale segment if the site
has one.
"#,
};

impl Rule for LinkMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let Some(source) = &ctx.source else {
            return;
        };
        // `[links] equivalent` of the configuration: the translation's own address of a place.
        let equivalents: Vec<(String, String)> = ctx
            .settings
            .link_equivalents
            .iter()
            .map(|(from, to)| (from.clone(), to.replace("{locale}", ctx.locale.as_str())))
            .collect();
        for (s, t) in ctx.sure_prose_pairs() {
            let (sb, tb) = (&source.document.blocks[s], &ctx.document.blocks[t]);
            if sb.links.is_empty() {
                continue;
            }
            // A target found in the blocks beside, on either side, says the pair is the wrong
            // one (an item the translation lacks shifts the list), not that a link changed.
            let near = |blocks: &'_ [Block], at: usize| -> Vec<String> {
                (at.saturating_sub(2)..=at + 2)
                    .filter(|&i| i != at)
                    .filter_map(|i| blocks.get(i))
                    .flat_map(|b| targets(b).into_iter().map(|(_, t)| t))
                    .collect()
            };
            let beside = Beside {
                source: near(&source.document.blocks, s),
                target: near(&ctx.document.blocks, t),
            };
            compare(sb, tb, &beside, &equivalents, findings);
        }
    }
}

/// Each link with the form its target is compared in; links to a place in the same page left
/// out.
fn targets(block: &Block) -> Vec<(&Link, String)> {
    block
        .links
        .iter()
        .filter_map(|link| Some((link, comparable(&link_target(&link.destination)?))))
        .collect()
}

/// Whether the configuration says the translation's target is the source's: the source's
/// target begins with a configured prefix, and the translation's is it with the prefix the
/// configuration gives for this locale.
fn configured_equivalent(source: &str, target: &str, equivalents: &[(String, String)]) -> bool {
    equivalents.iter().any(|(from, to)| {
        source
            .strip_prefix(from.as_str())
            .zip(target.strip_prefix(to.as_str()))
            .is_some_and(|(a, b)| a.trim_end_matches('/') == b.trim_end_matches('/'))
    })
}

/// The site a target is on: its scheme and host, or nothing for a relative link.
fn site(target: &str) -> &str {
    match target.find("://") {
        Some(at) => {
            let rest = &target[at + 3..];
            &target[..at + 3 + rest.find('/').unwrap_or(rest.len())]
        }
        None => "",
    }
}

/// Whether two targets are written the same way: both from the site's root, both relative to the
/// page, or both absolute. `/docs/start/` and `../start/` may be one page; only the site knows.
fn same_form(a: &str, b: &str) -> bool {
    let form = |t: &str| (t.contains("://"), t.starts_with('/'));
    form(a) == form(b)
}

/// Whether two comparable targets are one: equal, or equal but for a commit written short in
/// one and in full in the other (`/blob/9bd13bd/` and `/blob/9bd13bd4e…/`).
fn same(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split('/').collect(), b.split('/').collect());
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| {
            x == y || {
                let (short, long) = if x.len() < y.len() { (x, y) } else { (y, x) };
                short.len() >= 7
                    && long.starts_with(short)
                    && long.chars().all(|c| c.is_ascii_hexdigit())
            }
        })
}

/// A target as this rule compares it: percent-decoded, without a folder's `README.md` (which
/// the folder's link shows: `linked-list` and `linked-list/README.zh-CN.md` are one page) and
/// without a query (`?link-check=no`: a directive to the site's tools, not another page).
fn comparable(target: &str) -> String {
    let target = percent_decoded(target).replace('+', " ");
    let target = target.split('?').next().unwrap_or("");
    let target = target.strip_prefix("./").unwrap_or(target);
    let target = target.trim_end_matches("/README.md");
    let target = if target == "README.md" { "" } else { target };
    target.trim_end_matches('/').to_string()
}

/// The locale a link's host names (`fr` of `fr.wikipedia.org`).
fn host_locale(destination: &str) -> Option<&str> {
    let rest = &destination[destination.find("://")? + 3..];
    let host = &rest[..rest.find('/').unwrap_or(rest.len())];
    let (first, domain) = host.split_once('.')?;
    (domain.contains('.') && crate::locale::Locale::parse(first).is_some()).then_some(first)
}

/// Whether two targets differ by a small edit: a typo, a version, a renamed last segment.
fn edited(a: &str, b: &str) -> bool {
    similar::TextDiff::from_chars(a, b).ratio() >= 0.85
}

/// The link targets of the blocks beside a pair, in the source and in the translation.
struct Beside {
    source: Vec<String>,
    target: Vec<String>,
}

fn compare(
    source: &Block,
    target: &Block,
    beside: &Beside,
    equivalents: &[(String, String)],
    findings: &mut Vec<Finding>,
) {
    let theirs = targets(target);
    let ours = targets(source);
    let lost: Vec<&(&Link, String)> = ours
        .iter()
        .filter(|(link, t)| {
            theirs.iter().all(|(other, u)| {
                !same(u, t)
                    && !configured_equivalent(&link.destination, &other.destination, equivalents)
            })
        })
        .filter(|(_, t)| beside.target.iter().all(|u| !same(u, t)))
        .collect();
    if lost.is_empty() {
        return;
    }
    let mut added: Vec<&(&Link, String)> = theirs
        .iter()
        .filter(|(_, u)| ours.iter().all(|(_, t)| !same(t, u)))
        .filter(|(_, u)| beside.source.iter().all(|t| !same(t, u)))
        .collect();
    for (link, wanted) in lost {
        // The translation's link that the source lacks, to a page of the same documentation
        // (a relative link), or to a target that differs by an edit (`/instal` for `/install`):
        // the same link, changed. Another page of an outside site (a Wikipedia article, a video
        // in the translation's language) is a translator's choice.
        let changed = added.iter().position(|(instead, u)| {
            // `fr.wikipedia.org` for `en.wikipedia.org`: the article in the translation's
            // language, under its own title.
            host_locale(&instead.destination) == host_locale(&link.destination)
                && site(u) == site(wanted)
                && same_form(u, wanted)
                && (site(u).is_empty() || edited(u, wanted))
        });
        // A link the translation lacks is most often a sentence the source added since:
        // structure and number findings tell of it, and a translation may drop a link on
        // purpose. Only a changed target is this rule's.
        if let Some(at) = changed {
            let (instead, _) = added.remove(at);
            findings.push(
                Finding::new(
                    &INFO,
                    target.file_range(instead.text.clone()),
                    format!(
                        "link to `{}` where the source links to `{}`",
                        instead.destination, link.destination
                    ),
                )
                .source(source.file_range(link.text.clone()))
                .fix(format!(
                    "point it to `{}` (with this locale's segment, if the site has one)",
                    link.destination
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::rules::test_support::check_file;

    fn messages(path: &str, locale: &str, en: &str, text: &str) -> Vec<String> {
        check_file(
            &LinkMismatch,
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

    const EN: &str = "# Installing the collector\n\nRead the [installation guide](/docs/collector/install/) and the [release notes](https://example.org/releases/v2) first, then see [Configure it](#configure).\n\n## Configure it\n\nEdit `config.yaml` as the [reference](/docs/reference/) says, and ask on the [forum](https://forum.example.org/).\n";

    #[test]
    fn a_target_edited_or_moved_is_reported_at_the_translation_s_link() {
        let fr = "# Installer le collecteur\n\nLisez d'abord le [guide d'installation](/fr/docs/collector/installation/) et les [notes de version](https://example.org/releases/v2), puis voyez [Le configurer](#le-configurer).\n\n## Le configurer\n\nModifiez `config.yaml` comme l'indique la [référence](/fr/docs/reference/) et posez vos questions sur le [forum](https://forum.example.org/).\n";
        let findings = check_file(
            &LinkMismatch,
            "fr.md",
            "fr",
            Some(EN),
            fr,
            &Settings::default(),
        );
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(&fr[findings[0].range.clone()], "guide d'installation");
        assert_eq!(
            findings[0].message,
            "link to `/fr/docs/collector/installation/` where the source links to `/docs/collector/install/`"
        );
    }

    #[test]
    fn locale_segments_fragments_and_sites_of_the_translation_s_language_are_no_change() {
        let ja = "# コレクターのインストール\n\nまず[インストールガイド](/ja/docs/collector/install)と[リリースノート](https://example.org/releases/v2)を読み、[設定](#設定)を参照してください。\n\n## 設定\n\n[リファレンス](/ja/docs/reference/)のとおりに `config.yaml` を編集し、質問は[日本語フォーラム](https://forum.example.jp/)へどうぞ。\n";
        assert_eq!(messages("ja.md", "ja", EN, ja), Vec::<String>::new());
    }

    #[test]
    fn configured_equivalents_are_one_place() {
        let en = "# Help\n\nAsk on the [help pages](/help/articles/42/) for more.\n";
        let ja = "# ヘルプ\n\n詳しくは[ヘルプ](/ja/support/articles/42/)で質問してください。\n";
        let plain = check_file(
            &LinkMismatch,
            "ja.md",
            "ja",
            Some(en),
            ja,
            &Settings::default(),
        );
        assert_eq!(plain.len(), 1, "{plain:?}");
        let mut settings = Settings::default();
        settings.link_equivalents = vec![("/help/".to_string(), "/{locale}/support/".to_string())];
        assert!(check_file(&LinkMismatch, "ja.md", "ja", Some(en), ja, &settings).is_empty());
    }

    #[test]
    fn a_link_dropped_or_written_another_way_is_not_a_changed_target() {
        let de = "# Den Collector installieren\n\nLesen Sie zuerst die [Installationsanleitung](../collector/install/) und die Versionshinweise, dann [Konfigurieren](#konfigurieren).\n\n## Konfigurieren\n\nBearbeiten Sie `config.yaml` wie in der [Referenz](/de/docs/reference/) beschrieben, und fragen Sie im [Forum](https://forum.example.org/).\n";
        assert_eq!(messages("de.md", "de", EN, de), Vec::<String>::new());
        assert_eq!(
            percent_decoded("https://w.org/wiki/Perf_%28Linux%29"),
            "https://w.org/wiki/Perf_(Linux)"
        );
    }
}
