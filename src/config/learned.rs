//! Writing what `loclint init` learned into `loclint.toml`: the `[practice.<locale>]` tables are
//! replaced, rule levels that fit are added where nothing sets one, and everything else in the
//! file (keys, comments, layout) is kept as it was. The file
//! is written whole to a temporary file beside it and renamed over it, so that a failure leaves
//! the old file intact; a file that does not parse is never touched.

use std::collections::BTreeMap;
use std::path::Path;

use toml_edit::{Array, DocumentMut, Item, Table};

use super::ConfigError;
use crate::evidence::Habit;
use crate::init::{FittedLevel, COUNTS_MARK, LEVELS_COMMENT};
use crate::locale::Locale;

/// The start of the comment above the learned practice, by which init finds it again.
const PRACTICE_MARK: &str = "# What each locale's translations practise";

/// What was written: the locales and the habits they practise.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub locales: usize,
    pub habits: usize,
    /// Whether the file existed before.
    pub updated: bool,
}

/// What `loclint init` writes.
#[derive(Debug, Default)]
pub struct Learned<'a> {
    /// The habits each locale practises, replacing those the file has.
    pub practised: BTreeMap<Locale, Vec<Habit>>,
    /// How many translations they were learned from, for the comment above the tables.
    pub translations: usize,
    /// The baseline file, relative to the configuration.
    pub baseline: Option<&'a str>,
    /// Comment lines for the head of a new file.
    pub header: Option<&'a str>,
    /// Rule levels for one locale each: added where the file sets none, the first with
    /// `LEVELS_COMMENT` above it.
    pub levels: &'a [FittedLevel],
    /// The comment at the end of the file, replacing the one an earlier init left there.
    pub counts: Option<&'a str>,
}

/// Writes `learned` into the configuration at `path`, created if missing.
pub fn write_learned(path: &Path, learned: &Learned) -> Result<Written, ConfigError> {
    let Learned {
        practised,
        translations,
        baseline,
        ..
    } = learned;
    let (translations, baseline) = (*translations, *baseline);
    let error = |line: Option<usize>, message: String| ConfigError {
        path: path.to_path_buf(),
        line,
        message,
    };
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(error(None, format!("cannot read it: {err}"))),
    };
    let mut document: DocumentMut = match &existing {
        Some(text) => text.parse().map_err(|err: toml_edit::TomlError| {
            let line = err
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            error(
                line,
                format!(
                    "{}; it was left as it is: fix it, then run `loclint init` again",
                    err.message()
                ),
            )
        })?,
        None => {
            let mut document = DocumentMut::new();
            if let Some(header) = learned.header {
                document.decor_mut().set_prefix(header);
            }
            document
        }
    };
    if let Some(baseline) = baseline {
        // Root keys stand before the tables; a comment says what the file is for.
        document.insert("baseline", toml_edit::value(baseline));
        if let Some(mut key) = document.key_mut("baseline") {
            key.leaf_decor_mut().set_prefix(
                "\n# Findings recorded by `loclint init --baseline`: `loclint check` reports only new\n\
                 # ones. Write it again with `loclint check --write-baseline FILE` as they are fixed.\n",
            );
        }
    }
    // The old tables go, but their place in the file stays, and so do the comments above them
    // that init did not write (the file's own head, most often).
    let old = document.get("practice").and_then(Item::as_table);
    let position = old.and_then(|table| {
        table
            .iter()
            .filter_map(|(_, item)| item.as_table()?.position())
            .min()
            .or(table.position())
    });
    let kept_prefix = old
        .and_then(|table| {
            let first = table
                .iter()
                .filter_map(|(_, item)| item.as_table())
                .min_by_key(|t| t.position())?;
            let prefix = first.decor().prefix()?.as_str()?;
            Some(
                prefix
                    .find(PRACTICE_MARK)
                    .map_or(prefix, |at| &prefix[..at])
                    .to_string(),
            )
        })
        .unwrap_or_default();
    document.remove("practice");
    let mut practice = Table::new();
    practice.set_implicit(true);
    practice.set_position(position);
    let mut habits = 0;
    for (locale, practised) in practised {
        let mut kinds: BTreeMap<&'static str, Array> = BTreeMap::new();
        for habit in practised {
            kinds.entry(habit.kind()).or_default().push(habit.value());
            habits += 1;
        }
        let mut table = Table::new();
        for (kind, values) in kinds {
            table.insert(kind, Item::Value(values.into()));
        }
        practice.insert(locale.as_str(), Item::Table(table));
    }
    if let Some((_, first)) = practice.iter_mut().next() {
        if let Some(table) = first.as_table_mut() {
            let kept = kept_prefix.trim_end_matches('\n');
            let kept = if kept.is_empty() {
                String::new()
            } else {
                format!("{kept}\n")
            };
            table.decor_mut().set_prefix(format!(
                "{kept}\n{PRACTICE_MARK}, learned by `loclint init` from {} \
                 translations:\n# findings against these habits are not reported. Run `loclint \
                 init` again to learn them anew.\n",
                translations
            ));
        }
    }
    if !practice.is_empty() {
        document.insert("practice", Item::Table(practice));
    }
    add_levels(&mut document, learned);
    let text = document.to_string();
    crate::atomic_file::replace(path, text.as_bytes())
        .map_err(|err| error(None, format!("cannot write it: {err}")))?;
    Ok(Written {
        locales: practised.len(),
        habits,
        updated: existing.is_some(),
    })
}

/// The fitted levels as `[locale.<tag>.rules]` keys, each with why in a trailing comment; a
/// key the file already has is kept as it is.
fn add_levels(document: &mut DocumentMut, learned: &Learned) {
    let mut first = true;
    for fitted in learned.levels {
        let locales = document
            .entry("locale")
            .or_insert_with(|| {
                let mut table = Table::new();
                table.set_implicit(true);
                Item::Table(table)
            })
            .as_table_mut();
        let Some(locales) = locales else { return };
        let Some(locale) = locales
            .entry(fitted.locale.as_str())
            .or_insert_with(|| {
                let mut table = Table::new();
                table.set_implicit(true);
                Item::Table(table)
            })
            .as_table_mut()
        else {
            continue;
        };
        let Some(rules) = locale
            .entry("rules")
            .or_insert_with(|| Item::Table(Table::new()))
            .as_table_mut()
        else {
            continue;
        };
        if rules.contains_key(fitted.rule) {
            continue;
        }
        if first {
            rules.decor_mut().set_prefix(LEVELS_COMMENT);
            first = false;
        }
        let mut value = toml_edit::Value::from(fitted.level);
        value
            .decor_mut()
            .set_suffix(format!("  # {}", fitted.why()));
        rules.insert(fitted.rule, Item::Value(value));
    }
    if let Some(counts) = learned.counts {
        let trailing = document.trailing().as_str().unwrap_or("").to_string();
        let kept = trailing
            .find(COUNTS_MARK)
            .map_or(trailing.as_str(), |at| &trailing[..at]);
        let kept = kept.trim_end_matches('\n');
        let glue = if kept.is_empty() { "" } else { "\n" };
        document.set_trailing(format!("{kept}{glue}{counts}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn locale(tag: &str) -> Locale {
        Locale::parse(tag).unwrap()
    }

    #[test]
    fn learned_practice_is_written_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loclint.toml");
        let practised = BTreeMap::from([
            (
                locale("ja"),
                vec![
                    Habit::Mark(':'),
                    Habit::KeptTitles,
                    Habit::KeptWord("push".into()),
                ],
            ),
            (locale("fr"), vec![Habit::NoSpaceBefore(':')]),
        ]);
        let written = write_learned(
            &path,
            &Learned {
                practised,
                translations: 12,
                ..Learned::default()
            },
        )
        .unwrap();
        assert_eq!(
            written,
            Written {
                locales: 2,
                habits: 4,
                updated: false
            }
        );
        let settings = Settings::load(&path).unwrap();
        assert!(settings.practice.is_learned());
        assert!(settings
            .practice
            .practises(&locale("ja"), &Habit::Mark(':')));
        assert!(settings
            .practice
            .practises(&locale("ja"), &Habit::KeptTitles));
        assert!(settings
            .practice
            .practises(&locale("fr"), &Habit::NoSpaceBefore(':')));
        assert!(!settings
            .practice
            .practises(&locale("fr"), &Habit::Mark(':')));
    }

    #[test]
    fn the_rest_of_the_file_is_kept_and_old_practice_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loclint.toml");
        let before = "# our settings\nkeep = [\"Acme\"]  # the brand\n\n[practice.ja]\nmarks = [\"!\"]\n\n[rules]\nspacing = \"off\"\n";
        std::fs::write(&path, before).unwrap();
        let practised = BTreeMap::from([(locale("ja"), vec![Habit::Mark(':')])]);
        write_learned(
            &path,
            &Learned {
                practised,
                translations: 3,
                ..Learned::default()
            },
        )
        .unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert!(after.starts_with("# our settings\nkeep = [\"Acme\"]  # the brand\n"));
        assert!(after.contains("[rules]\nspacing = \"off\"\n"));
        assert!(after.contains("[practice.ja]\nmarks = [\":\"]"));
        assert!(!after.contains("\"!\""));
        let settings = Settings::load(&path).unwrap();
        assert_eq!(settings.keep, vec!["Acme".to_string()]);
    }

    #[test]
    fn a_file_that_does_not_parse_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loclint.toml");
        let broken = "keep = [\"Acme\"\n\n[rules\n";
        std::fs::write(&path, broken).unwrap();
        let err = write_learned(&path, &Learned::default()).unwrap_err();
        assert!(err.message.contains("left as it is"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    }

    #[test]
    fn a_second_init_writes_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loclint.toml");
        let levels = [FittedLevel {
            locale: locale("fr"),
            rule: "structure-mismatch",
            level: "warn",
            files: 6,
            translations: 10,
        }];
        let learned = || Learned {
            practised: BTreeMap::from([(locale("ja"), vec![Habit::Mark(':')])]),
            translations: 10,
            baseline: None,
            header: Some("# Recognised: 10 groups\n"),
            levels: &levels,
            counts: Some("\n# Findings when `loclint init` last ran:\n#   spacing 3\n"),
        };
        write_learned(&path, &learned()).unwrap();
        let first = std::fs::read_to_string(&path).unwrap();
        assert!(
            first.starts_with("# Recognised: 10 groups\n\n# What each locale"),
            "{first}"
        );
        assert!(
            first.contains("[locale.fr.rules]\nstructure-mismatch = \"warn\"  # errors in 6 of 10 translations\n"),
            "{first}"
        );
        assert!(first.ends_with("#   spacing 3\n"), "{first}");
        write_learned(&path, &learned()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), first);
        let settings = Settings::load(&path).unwrap();
        assert_eq!(
            settings.configured_level("structure-mismatch", &locale("fr")),
            Some(crate::config::RuleLevel::Severity(
                crate::finding::Severity::Warning
            ))
        );
    }

    #[test]
    fn a_level_the_file_sets_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loclint.toml");
        std::fs::write(&path, "[locale.fr.rules]\nstructure-mismatch = \"off\"\n").unwrap();
        let levels = [FittedLevel {
            locale: locale("fr"),
            rule: "structure-mismatch",
            level: "warn",
            files: 6,
            translations: 10,
        }];
        write_learned(
            &path,
            &Learned {
                levels: &levels,
                ..Learned::default()
            },
        )
        .unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert!(after.contains("structure-mismatch = \"off\""), "{after}");
        assert!(!after.contains("warn"), "{after}");
    }
}
