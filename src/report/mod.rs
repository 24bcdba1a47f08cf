//! Rendering an [`Outcome`]: one module per output format. Positions become 1-based lines and
//! character columns here, and only here.

mod csv;
mod frame;
mod github;
mod gitlab;
mod html;
mod human;
mod json;
mod junit;
mod markdown;
mod sarif;
mod side_by_side;
pub use sarif::DEFAULT_MAX_RESULTS;
mod statistics;

use crate::check::{CheckedFile, Outcome};
use crate::finding::{Finding, Severity};
use crate::locale::invisible::invisible;
use crate::source::{Position, SourceFile};

use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Findings grouped by file, with a code frame under each.
    Human,
    /// One JSON document (see docs/json-output.md).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions annotations (`::error file=...`).
    Github,
    /// GitLab Code Quality JSON, for the merge request's code quality widget.
    Gitlab,
    /// The editors' report: one self-contained HTML page (see docs/report.md).
    Html,
    /// One row per finding, with the source and translation text of its block.
    Csv,
    /// JSON Lines: one finding a line, for streaming into other tools.
    Jsonl,
    /// A Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
    Markdown,
    /// JUnit XML: one test case per translation.
    Junit,
}

pub struct RenderOptions {
    pub color: bool,
    pub fail_on: Severity,
    /// Findings only: no closing summary.
    pub quiet: bool,
    /// The most results a SARIF report holds (the most severe kept).
    pub max_results: usize,
    /// In Markdown, the findings listed per file before the rest are folded.
    pub fold_after: usize,
    /// Files a change touched, whose annotations come first (GitHub shows only ten of each
    /// kind per step).
    pub changed_files: Vec<std::path::PathBuf>,
}

pub fn render(format: OutputFormat, outcome: &Outcome, options: &RenderOptions) -> String {
    match format {
        OutputFormat::Human => human::render(outcome, options),
        OutputFormat::Json => json::render(outcome),
        OutputFormat::Sarif => sarif::render(outcome, options.max_results),
        OutputFormat::Github => github::render(outcome, &options.changed_files),
        OutputFormat::Gitlab => gitlab::render(outcome),
        OutputFormat::Html => html::render(outcome),
        OutputFormat::Csv => csv::render(outcome),
        OutputFormat::Jsonl => json::render_lines(outcome),
        OutputFormat::Markdown => markdown::render(outcome, options.fold_after),
        OutputFormat::Junit => junit::render(outcome),
    }
}

/// Counts per rule, per locale and per rule and locale instead of the findings: text, or JSON.
/// `None` for formats that carry findings one by one (SARIF, GitHub annotations).
pub fn render_statistics(format: OutputFormat, outcome: &Outcome) -> Option<String> {
    match format {
        OutputFormat::Human => Some(statistics::render_text(outcome)),
        OutputFormat::Json => Some(statistics::render_json(outcome)),
        OutputFormat::Sarif
        | OutputFormat::Github
        | OutputFormat::Gitlab
        | OutputFormat::Html
        | OutputFormat::Csv
        | OutputFormat::Jsonl
        | OutputFormat::Markdown
        | OutputFormat::Junit => None,
    }
}

/// A path as code hosts match it to a repository's files: `/` between parts and no leading
/// `./` (GitHub drops an annotation whose path has one).
pub(crate) fn repository_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut path = path.as_str();
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    path.to_string()
}

/// Characters a reader cannot see, or that reorder what is shown: controls other than line
/// breaks and tabs, and the invisible characters loclint names.
pub(crate) fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || invisible(c).is_some()
}

/// `text` with each hidden character written out as `<U+202E>`: no file can make a report show
/// something other than what it holds.
pub(crate) fn show_hidden(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A finding's place in human terms.
pub(crate) struct Located<'a> {
    pub start: Position,
    /// Exclusive: the position just after the last character.
    pub end: Position,
    pub excerpt: &'a str,
}

pub(crate) fn locate<'a>(file: &'a SourceFile, finding: &Finding) -> Located<'a> {
    let range = finding.range.clone();
    Located {
        start: file.position(range.start),
        end: file.position(range.end),
        excerpt: file.text.get(range).unwrap_or(""),
    }
}

/// Counts for the closing summary.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub files_with_findings: usize,
}

pub(crate) fn counts(files: &[CheckedFile]) -> Counts {
    let mut counts = Counts::default();
    for file in files {
        if !file.findings.is_empty() {
            counts.files_with_findings += 1;
        }
        for finding in &file.findings {
            match finding.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
            }
        }
    }
    counts
}

/// "2 errors and 1 warning in 1 file (3 translations checked)": the totals every format that
/// summarises ends with.
pub(crate) fn totals(outcome: &Outcome) -> String {
    let counted = counts(&outcome.files);
    format!(
        "{} and {} in {} ({} checked)",
        plural(counted.errors, "error", "errors"),
        plural(counted.warnings, "warning", "warnings"),
        plural(counted.files_with_findings, "file", "files"),
        plural(outcome.files.len(), "translation", "translations"),
    )
}

/// Findings counted by rule and locale, and by locale alone.
pub(crate) type Tally<'a> = (
    std::collections::BTreeMap<&'a str, std::collections::BTreeMap<&'a str, usize>>,
    std::collections::BTreeMap<&'a str, usize>,
);

pub(crate) fn tally(outcome: &Outcome) -> Tally<'_> {
    let mut table: Tally<'_> = Default::default();
    for file in &outcome.files {
        let locale = file.locale.as_str();
        for finding in &file.findings {
            *table
                .0
                .entry(finding.rule)
                .or_default()
                .entry(locale)
                .or_default() += 1;
            *table.1.entry(locale).or_default() += 1;
        }
    }
    table
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// serde_json writes characters as they are; invisible ones (a bidirectional override, a
/// zero-width space) become `\u` escapes, so that a terminal or log viewer showing the report
/// cannot hide or reorder them while the parsed strings keep them. Outside strings JSON is ASCII,
/// so every such character is inside a string.
pub(crate) fn json_escape_invisible(json: String) -> String {
    if !json.chars().any(|c| invisible(c).is_some()) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if invisible(c).is_some() {
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}
