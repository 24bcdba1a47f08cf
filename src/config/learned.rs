//! Writing what `loclint init` learned into `loclint.toml`: the `[practice.<locale>]` tables are
//! replaced, everything else in the file (keys, comments, layout) is kept as it was. The file
//! is written whole to a temporary file beside it and renamed over it, so that a failure leaves
//! the old file intact; a file that does not parse is never touched.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use toml_edit::{Array, DocumentMut, Item, Table};

use super::ConfigError;
use crate::evidence::Habit;
use crate::locale::Locale;

/// What was written: the locales and the habits they practise.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub locales: usize,
    pub habits: usize,
    /// Whether the file existed before.
    pub updated: bool,
}

/// Replaces the learned practice of the configuration at `path` (created if missing) with
/// `practised`. `translations` says how many translations it was learned from, for the
/// comment above the tables.
pub fn write_practice(
    path: &Path,
    practised: &BTreeMap<Locale, Vec<Habit>>,
    translations: usize,
    baseline: Option<&str>,
) -> Result<Written, ConfigError> {
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
        None => DocumentMut::new(),
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
    document.remove("practice");
    let mut practice = Table::new();
    practice.set_implicit(true);
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
            table.decor_mut().set_prefix(format!(
                "\n# What each locale's translations practise, learned by `loclint init` from {} \
                 translations:\n# findings against these habits are not reported. Run `loclint \
                 init` again to learn them anew.\n",
                translations
            ));
        }
    }
    if !practice.is_empty() {
        document.insert("practice", Item::Table(practice));
    }
    let text = document.to_string();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temporary = tempfile::NamedTempFile::new_in(dir)
        .map_err(|err| error(None, format!("cannot write beside it: {err}")))?;
    temporary
        .write_all(text.as_bytes())
        .and_then(|_| temporary.as_file().sync_all())
        .map_err(|err| error(None, format!("cannot write it: {err}")))?;
    temporary
        .persist(path)
        .map_err(|err| error(None, format!("cannot replace it: {}", err.error)))?;
    Ok(Written {
        locales: practised.len(),
        habits,
        updated: existing.is_some(),
    })
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
        let written = write_practice(&path, &practised, 12, None).unwrap();
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
        write_practice(&path, &practised, 3, None).unwrap();
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
        let err = write_practice(&path, &BTreeMap::new(), 0, None).unwrap_err();
        assert!(err.message.contains("left as it is"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    }
}
