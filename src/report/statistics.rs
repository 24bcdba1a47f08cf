//! `--statistics`: counts instead of findings, for triage at volume: by rule, by locale, and by
//! rule and locale, most first.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::{counts, plural};
use crate::check::Outcome;

#[derive(Serialize)]
struct Statistics<'a> {
    total: usize,
    errors: usize,
    warnings: usize,
    translations: usize,
    by_rule: Vec<Count<'a>>,
    by_locale: Vec<Count<'a>>,
    by_rule_and_locale: Vec<Cell<'a>>,
}

#[derive(Serialize)]
struct Count<'a> {
    name: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct Cell<'a> {
    rule: &'a str,
    locale: &'a str,
    count: usize,
}

fn gather(outcome: &Outcome) -> Statistics<'_> {
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_locale: BTreeMap<&str, usize> = BTreeMap::new();
    let mut cells: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for file in &outcome.files {
        let locale = file.locale.as_str();
        for finding in &file.findings {
            *by_rule.entry(finding.rule).or_default() += 1;
            *by_locale.entry(locale).or_default() += 1;
            *cells.entry((finding.rule, locale)).or_default() += 1;
        }
    }
    fn ranked(map: BTreeMap<&str, usize>) -> Vec<Count<'_>> {
        let mut list: Vec<Count<'_>> = map
            .into_iter()
            .map(|(name, count)| Count { name, count })
            .collect();
        list.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(b.name)));
        list
    }
    let mut by_rule_and_locale: Vec<Cell<'_>> = cells
        .into_iter()
        .map(|((rule, locale), count)| Cell {
            rule,
            locale,
            count,
        })
        .collect();
    by_rule_and_locale.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.rule.cmp(b.rule))
            .then(a.locale.cmp(b.locale))
    });
    let counted = counts(&outcome.files);
    Statistics {
        total: counted.errors + counted.warnings,
        errors: counted.errors,
        warnings: counted.warnings,
        translations: outcome.files.len(),
        by_rule: ranked(by_rule),
        by_locale: ranked(by_locale),
        by_rule_and_locale,
    }
}

pub(super) fn render_text(outcome: &Outcome) -> String {
    let stats = gather(outcome);
    let mut out = String::new();
    let width = |names: &mut dyn Iterator<Item = usize>| names.max().unwrap_or(0).max(6);
    let rule_width = width(&mut stats.by_rule.iter().map(|c| c.name.len()));
    let locale_width = width(&mut stats.by_locale.iter().map(|c| c.name.len()));
    for (title, list, w) in [
        ("rule", &stats.by_rule, rule_width),
        ("locale", &stats.by_locale, locale_width),
    ] {
        let _ = writeln!(out, "{:<w$} {:>7}", title, "count");
        for count in list {
            let _ = writeln!(out, "{:<w$} {:>7}", count.name, count.count);
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{:<rule_width$} {:<locale_width$} {:>7}",
        "rule", "locale", "count"
    );
    for cell in &stats.by_rule_and_locale {
        let _ = writeln!(
            out,
            "{:<rule_width$} {:<locale_width$} {:>7}",
            cell.rule, cell.locale, cell.count
        );
    }
    let _ = writeln!(
        out,
        "\n{} ({}, {}) in {} checked",
        plural(stats.total, "finding", "findings"),
        plural(stats.errors, "error", "errors"),
        plural(stats.warnings, "warning", "warnings"),
        plural(stats.translations, "translation", "translations"),
    );
    out
}

#[allow(clippy::expect_used)] // loclint's own values, of strings and numbers, always serialise
pub(super) fn render_json(outcome: &Outcome) -> String {
    let mut json = serde_json::to_string_pretty(&gather(outcome)).expect("statistics serialise");
    json.push('\n');
    json
}
