use crate::config::front_matter_key;
use crate::document::{FrontMatterField, PROSE_KEYS};
use crate::finding::{Finding, Severity};

use super::{Context, Rule, RuleInfo};

pub struct FrontMatterMismatch;

static INFO: RuleInfo = RuleInfo {
    id: "front-matter-mismatch",
    default_severity: Severity::Warning,
    summary: "A front-matter field of the source missing in its translation, or a value it must keep changed",
    needs_source: true,
    docs: r#"## What it finds

The front matter (the YAML `---` or TOML `+++` block at the top) of a translation that lacks a
field of its source's, or gives another value to a field whose value must stay as the source
has it: a publication date, a slug, a layout, an image, an id.

The fields whose values are kept, by default: `date`, `publishDate`, `published`, `expiryDate`,
`slug`, `layout`, `type`, `image`, `images`, `cover`, `thumbnail`, `featured_image`, `og_image`,
`hero_image`, `id`, `uuid`, `canonical` (in any case, `-` read as `_`). Dates compare by day
when one of them gives no time; images by file name, a localized copy (`cover.ja.png`)
allowed.

A missing field is not reported when:
- a comment of the source's front matter reserves it for the source (`# DO NOT COPY the
  following config to non-en pages`, `# do not duplicate this block in non-en files`);
- a comment of the translation's front matter names it (`# cascade is omitted: en only`);
- a third or more of the group's other translations lack it too: the team does not carry it over (a
  field for the source's locale alone, a page's own redirects, a passing banner).

Not reported:
- the prose fields (`title`, `description`, `linkTitle` and their kind, and those `[front-matter]
  translate` names): they are translated, and a missing one is a missing block of
  `structure-mismatch`; one left in English is `untranslated-text`'s;
- fields the translation adds;
- fields that tools read, not readers, whose keys hold a `:` (`cSpell:ignore`), and `aliases`,
  `lastmod`, `translationKey` and `draft`, which each translation keeps its own way.

Tune it in `loclint.toml`:

```toml
[front-matter]
keep = ["date", "slug", "weight"]   # replaces the list of kept fields
free = ["redirects", "params"]      # fields a translation may leave out or change
```

## Why it matters

Front matter is what the site generator reads: a translation with another date is published on
another day (and sorted elsewhere in the blog), one with another slug at another address, one
without the source's `layout` or `cascade` is rendered differently.

## Example

```text
source:      date: 2024-05-14
translation: date: 2024-05-02
```

`2024-05-02` is reported: the source has `2024-05-14`.

## How to fix

Copy the field from the source's front matter.
"#,
};

/// Keys that each translation keeps its own way: the page's own redirects and its edit date.
const ALWAYS_FREE: &[&str] = &["aliases", "lastmod", "translationkey", "draft"];

impl Rule for FrontMatterMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let Some(source) = &ctx.source else {
            return;
        };
        let ours = &source.document.front_matter;
        if ours.is_empty() {
            return;
        }
        let theirs = &ctx.document.front_matter;
        let settings = ctx.settings;
        let is_free = |key: &str| {
            key.contains(':')
                || ALWAYS_FREE.contains(&key)
                || PROSE_KEYS.contains(&key)
                || settings.front_matter_translate.iter().any(|k| k == key)
                || settings.front_matter_free.iter().any(|k| k == key)
        };
        let here = theirs.first().map_or(0..0, |f| f.range.clone());
        // A field the group's other translations mostly leave out too is left out on purpose
        // (a field for the source's locale alone, a page's own redirects): a missing field is
        // reported only where two thirds of them have it.
        let others = ctx.group.translations.saturating_sub(1);
        let kept_elsewhere = |key: &str| {
            others == 0 || 3 * ctx.group.front_matter_key_elsewhere(key, false) >= 2 * others
        };
        let source_only = source_only_fields(&source.file.text, ours);
        let own_comments = comments(&ctx.file.text, theirs);
        let missing: Vec<&FrontMatterField> = ours
            .iter()
            .filter(|f| {
                let key = front_matter_key(&f.key);
                !is_free(&key)
                    && !theirs.iter().any(|t| front_matter_key(&t.key) == key)
                    && kept_elsewhere(&key)
                    && !source_only.contains(&key)
                    && !own_comments
                        .iter()
                        .any(|word| front_matter_key(word) == key)
            })
            .collect();
        if theirs.is_empty() {
            // No front matter at all: one finding, not one per field.
            if let Some(first) = missing.first() {
                findings.push(
                    Finding::new(
                        &INFO,
                        0..0,
                        format!(
                            "no front matter, where the source has {} field{}",
                            ours.len(),
                            if ours.len() == 1 { "" } else { "s" }
                        ),
                    )
                    .source(first.range.clone())
                    .fix("copy the source's front matter and translate its prose fields"),
                );
            }
            return;
        }
        for field in missing {
            // Where it belongs: after the field that comes before it in the source.
            let before = ours
                .iter()
                .take_while(|f| f.range.start < field.range.start)
                .filter_map(|f| {
                    theirs
                        .iter()
                        .find(|t| front_matter_key(&t.key) == front_matter_key(&f.key))
                })
                .last();
            let at = match before {
                Some(previous) => {
                    let text = &ctx.file.text;
                    let end = previous.range.end.min(text.len());
                    let next_line = text[end..].find('\n').map_or(end, |i| end + i + 1);
                    next_line..next_line
                }
                None => here.start..here.start,
            };
            findings.push(
                Finding::new(
                    &INFO,
                    at,
                    format!(
                        "front-matter field `{}` of the source is missing",
                        field.key
                    ),
                )
                .source(field.range.clone())
                .fix(format!(
                    "add `{}` as the source has it",
                    source.file.text[field.range.clone()]
                        .lines()
                        .next()
                        .unwrap_or("")
                )),
            );
        }
        for field in ours {
            let key = front_matter_key(&field.key);
            if !settings.front_matter_keep.contains(&key) || is_free(&key) {
                continue;
            }
            let Some(wanted) = &field.value else {
                continue;
            };
            let Some(other) = theirs.iter().find(|t| front_matter_key(&t.key) == key) else {
                continue;
            };
            let Some(value) = &other.value else {
                continue;
            };
            if same_value(&key, wanted, value, ctx) {
                continue;
            }
            findings.push(
                Finding::new(
                    &INFO,
                    other.value_range.clone(),
                    format!(
                        "front-matter `{}` is `{value}` where the source has `{wanted}`",
                        other.key
                    ),
                )
                .source(field.value_range.clone())
                .fix(format!(
                    "give `{}` the source's value `{wanted}`",
                    other.key
                )),
            );
        }
    }
}

/// The words of the comment lines of a front matter (`cascade`, `link_check_exclude_path`):
/// the region from the file's start to the end of its last field.
fn comments<'t>(text: &'t str, fields: &[FrontMatterField]) -> Vec<&'t str> {
    let end = fields.last().map_or(0, |f| f.range.end).min(text.len());
    text[..end]
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix('#'))
        .flat_map(|comment| comment.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')))
        .filter(|word| !word.is_empty())
        .collect()
}

/// Whether a comment tells translations not to carry what follows (`DO NOT COPY the following
/// config to non-en pages`, `do NOT DUPLICATE this block in non-en files`).
fn is_source_only_note(comment: &str) -> bool {
    let comment = comment.to_lowercase();
    let forbids = [
        "do not copy",
        "don't copy",
        "do not include",
        "don't include",
        "do not duplicate",
        "don't duplicate",
        "not be copied",
        "not be translated",
    ]
    .iter()
    .any(|p| comment.contains(p));
    let to_translations = [
        "non-en",
        "non-english",
        "locale",
        "translation",
        "other language",
    ]
    .iter()
    .any(|p| comment.contains(p));
    forbids && to_translations
}

/// Keys (normalised) of the source's fields that a comment reserves for the source: the field
/// the comment stands above or inside, and every field after a comment about what is "below"
/// or "following".
fn source_only_fields(text: &str, fields: &[FrontMatterField]) -> Vec<String> {
    let mut keys = Vec::new();
    let mut all_after = false;
    let mut previous_end = 0;
    for (n, field) in fields.iter().enumerate() {
        let next_start = fields.get(n + 1).map_or(field.range.end, |f| f.range.start);
        // Comments above the key, and the indented ones inside its value.
        let above = text.get(previous_end..field.range.start).unwrap_or("");
        let inside = text
            .get(field.range.start..next_start.max(field.range.start))
            .unwrap_or("");
        let notes = above
            .lines()
            .chain(inside.lines().filter(|l| l.starts_with([' ', '\t'])))
            .filter_map(|line| line.trim_start().strip_prefix('#'));
        for comment in notes {
            if is_source_only_note(comment) {
                let comment = comment.to_lowercase();
                if comment.contains("below") || comment.contains("following") {
                    all_after = true;
                }
                keys.push(front_matter_key(&field.key));
            }
        }
        if all_after {
            keys.push(front_matter_key(&field.key));
        }
        previous_end = field.range.end.max(previous_end);
    }
    keys
}

/// Whether a kept field's value in the translation is the source's.
fn same_value(key: &str, wanted: &str, value: &str, ctx: &Context) -> bool {
    let unquoted = |v: &str| v.trim().trim_matches(['"', '\'']).trim().to_string();
    let (wanted, value) = (unquoted(wanted), unquoted(value));
    if wanted == value {
        return true;
    }
    // `2024-05-14` and `2024-05-14T09:00:00Z`: the same day, one with its time.
    if let (Some(a), Some(b)) = (day(&wanted), day(&value)) {
        let one_without_time = wanted.len() == 10 || value.len() == 10;
        return a == b && one_without_time;
    }
    if is_image_key(key) || looks_like_file(&wanted) {
        let Some(source_locale) = ctx.source.as_ref().map(|s| s.locale) else {
            return false;
        };
        let name = |v: &str| v.rsplit('/').next().unwrap_or(v).to_string();
        return ctx.settings.localized_names.same_file(
            &name(&wanted),
            source_locale,
            &name(&value),
            ctx.locale,
        );
    }
    false
}

/// The day a date value names (`2024-05-14`), if it is one.
fn day(value: &str) -> Option<&str> {
    let day = value.get(..10)?;
    let bytes = day.as_bytes();
    let shaped = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    shaped.then_some(day)
}

fn is_image_key(key: &str) -> bool {
    key.contains("image") || matches!(key, "cover" | "thumbnail")
}

fn looks_like_file(value: &str) -> bool {
    value.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (2..=4).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    }) && !value.contains(' ')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::rules::test_support::check_file;

    const EN: &str = "---\ntitle: Release notes\ndate: 2024-05-14\nslug: release-notes\nimage: /img/cover.png\nbanner: true\ncSpell:ignore: otel\naliases: [/old]\n---\n\nText.\n";

    fn messages(locale: &str, text: &str) -> Vec<String> {
        check_file(
            &FrontMatterMismatch,
            &format!("{locale}.md"),
            locale,
            Some(EN),
            text,
            &Settings::default(),
        )
        .into_iter()
        .map(|f| f.message)
        .collect()
    }

    #[test]
    fn a_changed_date_and_a_missing_field_are_reported() {
        let hi = "---\ntitle: रिलीज़ नोट्स\ndate: 2024-05-02\nslug: release-notes\nimage: /img/cover.png\n---\n\nपाठ।\n";
        let findings = check_file(
            &FrontMatterMismatch,
            "hi.md",
            "hi",
            Some(EN),
            hi,
            &Settings::default(),
        );
        let listed: Vec<(&str, &str)> = findings
            .iter()
            .map(|f| (&hi[f.range.clone()], f.message.as_str()))
            .collect();
        assert_eq!(
            listed,
            [
                (
                    "2024-05-02",
                    "front-matter `date` is `2024-05-02` where the source has `2024-05-14`"
                ),
                ("", "front-matter field `banner` of the source is missing"),
            ]
        );
        assert_eq!(&EN[findings[0].source.clone().unwrap()], "2024-05-14");
        // Where the field belongs: the line after the field before it in the source.
        assert!(hi[findings[1].range.start..].starts_with("---"));
    }

    #[test]
    fn times_localized_images_and_tool_fields_are_no_difference() {
        let ja = "---\ntitle: リリースノート\ndate: 2024-05-14T09:00:00+09:00\nslug: 'release-notes'\nimage: /ja/img/cover.ja.png\nbanner: true\n---\n\n本文。\n";
        assert_eq!(messages("ja", ja), Vec::<String>::new());
    }

    #[test]
    fn a_field_a_comment_of_the_translation_names_is_left_out_on_purpose() {
        let pl = "---\ntitle: Wydano bramę 4.1\n# banner: only for the English announcement\ndate: 2024-05-14\nimage: /img/cover.png\n# the id of the page stays\n---\n\nTekst.\n";
        // `banner` is named; `slug` is not, though `id` and `page` stand in a comment.
        assert_eq!(
            messages("pl", pl),
            ["front-matter field `slug` of the source is missing"]
        );
    }

    #[test]
    fn no_front_matter_is_one_finding() {
        assert_eq!(
            messages("ru", "# Примечания к выпуску\n\nТекст.\n"),
            ["no front matter, where the source has 7 fields"]
        );
    }
}
