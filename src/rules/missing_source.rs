use crate::finding::{Finding, Severity};

use super::{Context, Rule, RuleInfo};

/// A translation whose English source is not on disk: the source was renamed, moved or deleted
/// after the translation was made. A finding rather than a stop, so that a repository can
/// record it in a baseline, silence it, or switch it off by path like any other.
pub struct MissingSource;

static INFO: RuleInfo = RuleInfo {
    id: "missing-source",
    default_severity: Severity::Error,
    summary:
        "A translation whose source is not where the layout puts it: renamed, moved or deleted",
    needs_source: false,
    docs: r#"## What it finds

A translation for which the layout names a source file that does not exist:
`content/fr/docs/setup.md` with no `content/en/docs/setup.md`, or `guide.ja.md` with no
`guide.md`. The finding is on the translation's first line and lists where the source was looked
for. The checks that need no source (invisible characters, punctuation, repeated words...) still
run on the file; those that compare it with its source cannot.

## Why it matters

A page whose source was renamed or removed is published in its old form in that locale and
nowhere else: readers reach a page the project no longer has, and no update will ever reach it.
Most often the source was moved (`docs/analyzer/sorting.md` became `docs/assist/sorting.md`)
and the translation was left behind under the old name.

## Example

```text
content/en/docs/install.md
content/fr/docs/install.md
content/fr/docs/setup.md      <- no content/en/docs/setup.md
```

## How to fix

Move the translation to where its source now is, delete it if the page is gone, or name its
source with `--source FILE`. To keep such files while they are dealt with, record them in a
baseline (`loclint init --baseline loclint-baseline.json`) or switch the rule off for their
folder in `loclint.toml` (`[[ignore]]`).
"#,
};

impl Rule for MissingSource {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let Some(looked) = ctx.looked_for_source else {
            return;
        };
        let text = ctx.file.text.as_str();
        let end = text.find('\n').unwrap_or(text.len());
        let range = 0..text[..end].trim_end().len();
        let places: Vec<String> = looked
            .iter()
            .take(4)
            .map(|path| format!("`{}`", path.display()))
            .collect();
        let mut finding = Finding::new(
            &INFO,
            range,
            format!(
                "no source for this translation: looked for {}",
                places.join(", ")
            ),
        );
        if let Some(first) = looked.first() {
            finding.fix = Some(format!(
                "move this translation to where its source now is, delete it, or add `{}`",
                first.display()
            ));
        }
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::check::{check_translation, gather_evidence, Parsed, Translation};
    use crate::config::Settings;
    use crate::locale::Locale;
    use crate::source::SourceFile;

    fn findings(text: &str, looked: Option<&[PathBuf]>) -> Vec<Finding> {
        let translation = Translation::new(
            Parsed::new(SourceFile::new("fr/setup.md", text)),
            Locale::parse("fr").unwrap(),
            None,
            true,
            &Default::default(),
        );
        let translations = [translation];
        let evidence = gather_evidence(None, &translations);
        check_translation(
            &translations[0],
            None,
            &evidence,
            looked,
            &[&MissingSource],
            &Settings::default(),
        )
        .findings
    }

    #[test]
    fn fires_on_the_first_line_naming_where_it_looked() {
        let looked = [PathBuf::from("en/setup.md"), PathBuf::from("en/setup.mdx")];
        let found = findings("# Installer  \n\nTexte.\n", Some(&looked));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].range, 0..11);
        assert_eq!(
            found[0].message,
            "no source for this translation: looked for `en/setup.md`, `en/setup.mdx`"
        );
        assert!(found[0].fix.as_deref().unwrap().contains("en/setup.md"));
    }

    #[test]
    fn silent_when_the_source_was_found_or_not_sought() {
        assert!(findings("# Installer\n\nTexte.\n", None).is_empty());
    }

    #[test]
    fn an_empty_file_is_reported_at_its_start() {
        let looked = [PathBuf::from("en/setup.md")];
        let found = findings("", Some(&looked));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].range, 0..0);
    }
}
