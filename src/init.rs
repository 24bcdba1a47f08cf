//! What `loclint init` tells about a tree after one run over it: the layout it recognised, the
//! findings by rule and locale, and the rule levels that fit. A rule that fires in most of a
//! locale's translations follows a pattern of that locale (translations behind their source, a
//! house style), not a slip: failing every build on it would only get loclint switched off,
//! so init writes it as a warning for that locale. Findings in a few files of a locale are the
//! slips loclint is for, and stay errors.

use std::collections::{BTreeMap, BTreeSet};

use crate::check::Outcome;
use crate::config::Settings;
use crate::finding::Severity;
use crate::locale::Locale;
use crate::report::plural;

/// A rule found in at least this share of a locale's translations is the locale's pattern.
const PATTERN_SHARE: f64 = 0.5;
/// ... and in at least this many of them: two files of three are not a pattern yet.
const PATTERN_FILES: usize = 3;

/// A rule level `loclint init` proposes for one locale, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FittedLevel {
    pub locale: Locale,
    pub rule: &'static str,
    pub level: &'static str,
    /// How many of the locale's translations have an error of the rule, of how many.
    pub files: usize,
    pub translations: usize,
}

/// What the run saw, by locale: its translations, and for each rule the translations with an
/// error of it and its findings.
#[derive(Debug, Default)]
pub struct Tally {
    pub translations: BTreeMap<Locale, usize>,
    pub by_rule: BTreeMap<(Locale, &'static str), RuleTally>,
}

/// One rule in one locale.
#[derive(Debug, Default, Clone, Copy)]
pub struct RuleTally {
    /// Translations with an error of the rule.
    pub files: usize,
    pub findings: usize,
    pub errors: usize,
}

impl Tally {
    pub fn of(outcome: &Outcome) -> Tally {
        let mut tally = Tally::default();
        for file in &outcome.files {
            *tally.translations.entry(file.locale.clone()).or_default() += 1;
            let mut with_error = BTreeSet::new();
            for finding in &file.findings {
                let entry = tally
                    .by_rule
                    .entry((file.locale.clone(), finding.rule))
                    .or_default();
                entry.findings += 1;
                if finding.severity == Severity::Error {
                    entry.errors += 1;
                    if with_error.insert(finding.rule) {
                        entry.files += 1;
                    }
                }
            }
        }
        tally
    }

    /// The errors left once the `fitted` levels make theirs warnings.
    pub fn errors_left(&self, fitted: &[FittedLevel]) -> usize {
        self.by_rule
            .iter()
            .filter(|((locale, rule), _)| {
                !fitted
                    .iter()
                    .any(|f| &f.locale == locale && f.rule == *rule)
            })
            .map(|(_, counted)| counted.errors)
            .sum()
    }

    /// Findings by rule over the whole run, most first.
    pub fn rules_ranked(&self) -> Vec<(&'static str, usize)> {
        let mut by_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
        for ((_, rule), counted) in &self.by_rule {
            *by_rule.entry(rule).or_default() += counted.findings;
        }
        let mut ranked: Vec<_> = by_rule.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        ranked
    }

    /// The rules with errors in most of a locale's translations, which nothing configured
    /// sets a level for: each a warning for that locale. What the user set is left alone.
    pub fn fitted_levels(&self, settings: &Settings) -> Vec<FittedLevel> {
        let mut fitted = Vec::new();
        for ((locale, rule), counted) in &self.by_rule {
            let files = counted.files;
            let translations = self.translations.get(locale).copied().unwrap_or(0);
            let pattern =
                files >= PATTERN_FILES && files as f64 >= PATTERN_SHARE * translations as f64;
            if pattern && settings.configured_level(rule, locale).is_none() {
                fitted.push(FittedLevel {
                    locale: locale.clone(),
                    rule,
                    level: "warn",
                    files,
                    translations,
                });
            }
        }
        fitted
    }
}

/// The comment on top of a new `loclint.toml`: what was recognised, so that a reader knows
/// what loclint will check without running it.
pub fn header(layouts_used: &BTreeMap<String, usize>, tally: &Tally, source: &Locale) -> String {
    let mut text = String::from(
        "# loclint.toml, written by `loclint init`. `loclint explain config` documents every key.\n#\n",
    );
    let groups: usize = layouts_used.values().sum();
    text.push_str(&format!(
        "# Recognised: {} with their `{source}` source, laid out as\n",
        plural(groups, "article group", "article groups")
    ));
    for (layout, count) in layouts_used {
        text.push_str(&format!("#   {layout}: {count}\n"));
    }
    text.push_str(
        "# loclint finds these layouts by itself; describe another with [[layout]].\n#\n",
    );
    let locales: Vec<String> = tally
        .translations
        .iter()
        .map(|(locale, n)| format!("{locale} {n}"))
        .collect();
    text.push_str(&wrap_comment(&format!(
        "Translations by locale: {}.",
        locales.join(", ")
    )));
    text
}

/// The first line of the counts comment, by which a later `loclint init` finds and replaces it.
pub const COUNTS_MARK: &str = "# Findings when `loclint init` last ran";

/// The comment at the end of the file: every rule's count when init ran.
pub fn counts_comment(tally: &Tally, baseline: bool) -> String {
    let mut text = format!("\n{COUNTS_MARK}, by rule (`loclint check --statistics` by locale):\n");
    for (rule, count) in tally.rules_ranked() {
        text.push_str(&format!("#   {rule:<22} {count}\n"));
    }
    if baseline {
        text.push_str("# The baseline holds them: only new findings are reported.\n");
    }
    text
}

/// The comment above the fitted levels: why they are warnings.
pub const LEVELS_COMMENT: &str =
    "\n# A rule with errors in most of a locale's translations follows a pattern of the\n\
# locale (translations behind their source, a house style), not a slip: it is a\n\
# warning there, so that the build fails only on new slips. Delete a line to make\n\
# the rule an error again once the locale has caught up; or keep every level and\n\
# record today's findings with `loclint init --baseline loclint-baseline.json`.\n";

fn wrap_comment(text: &str) -> String {
    let mut out = String::new();
    let mut line = String::from("#");
    for word in text.split(' ') {
        if line.len() + 1 + word.len() > 98 && line.len() > 1 {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#  ");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

impl FittedLevel {
    /// The trailing comment of its line in `loclint.toml`.
    pub fn why(&self) -> String {
        format!(
            "errors in {} of {} translations",
            self.files, self.translations
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RuleLevel;

    fn is_warning(level: Option<RuleLevel>) -> bool {
        level == Some(RuleLevel::Severity(Severity::Warning))
    }

    fn locale(tag: &str) -> Locale {
        Locale::parse(tag).unwrap()
    }

    fn tally(entries: &[(&str, usize, &'static str, usize)]) -> Tally {
        let mut tally = Tally::default();
        for (tag, translations, rule, files) in entries {
            tally.translations.insert(locale(tag), *translations);
            tally.by_rule.insert(
                (locale(tag), rule),
                RuleTally {
                    files: *files,
                    findings: *files * 2,
                    errors: *files * 2,
                },
            );
        }
        tally
    }

    #[test]
    fn a_rule_in_most_of_a_locales_translations_is_a_warning_there() {
        let tally = tally(&[
            ("fr", 10, "structure-mismatch", 6),
            ("ja", 10, "structure-mismatch", 2),
            ("ja", 10, "untranslated-text", 5),
        ]);
        let fitted = tally.fitted_levels(&Settings::default());
        let pairs: Vec<(&str, &str)> = fitted.iter().map(|f| (f.locale.as_str(), f.rule)).collect();
        assert_eq!(
            pairs,
            [("fr", "structure-mismatch"), ("ja", "untranslated-text")]
        );
        assert_eq!(fitted[0].why(), "errors in 6 of 10 translations");
        // ja's 2 files of structure-mismatch stay errors: 4 findings.
        assert_eq!(tally.errors_left(&fitted), 4);
    }

    #[test]
    fn a_few_files_are_slips_not_a_pattern() {
        // Two of two is every translation, but two files tell no pattern.
        let tally = tally(&[("fr", 2, "structure-mismatch", 2)]);
        assert!(tally.fitted_levels(&Settings::default()).is_empty());
    }

    #[test]
    fn a_level_the_user_set_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loclint.toml");
        std::fs::write(&path, "[locale.fr.rules]\nstructure-mismatch = \"warn\"\n").unwrap();
        let settings = Settings::load(&path).unwrap();
        assert!(is_warning(
            settings.configured_level("structure-mismatch", &locale("fr"))
        ));
        let tally = tally(&[("fr", 10, "structure-mismatch", 9)]);
        assert!(tally.fitted_levels(&settings).is_empty());
    }

    #[test]
    fn the_header_names_the_layout_and_the_locales() {
        let layouts = BTreeMap::from([("locale folders (`content/en/a.md`)".to_string(), 12)]);
        let tally = tally(&[("fr", 10, "spacing", 1), ("ja", 2, "spacing", 1)]);
        let header = header(&layouts, &tally, &locale("en"));
        assert!(
            header.contains("12 article groups with their `en` source"),
            "{header}"
        );
        assert!(
            header.contains("#   locale folders (`content/en/a.md`): 12\n"),
            "{header}"
        );
        assert!(
            header.contains("Translations by locale: fr 10, ja 2."),
            "{header}"
        );
    }
}
