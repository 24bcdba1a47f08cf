//! The editors' report: one self-contained HTML page. An overview (a heatmap of locales by
//! rule, each locale's status, the articles ranked by findings), then each translation with
//! findings beside its source, block by block, every finding marked at its characters.
//!
//! The page is rendered by a template engine with automatic HTML escaping: translations are
//! untrusted input, and no text of theirs reaches the page unescaped. Its script and style are
//! inline, allowed by their hashes in a strict Content-Security-Policy, so the page needs no
//! server and makes no request. Each translation's side-by-side view sits in a `<template>`,
//! which the browser parses but neither lays out nor renders until it is opened: a report of
//! thousands of translations opens as fast as its overview.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use base64::Engine;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::side_by_side::RowIndex;
use super::{locate, show_hidden};
use crate::align::RowKind;
use crate::check::{CheckedFile, Outcome};
use crate::finding::{Finding, Severity};
use crate::locale::is_rtl_script;

const TEMPLATE: &str = include_str!("report.html");
const SCRIPT: &str = include_str!("report.js");
const STYLE: &str = include_str!("report.css");

/// When the report was made, as RFC 3339: `SOURCE_DATE_EPOCH` when set (for reproducible
/// reports and tests), or now.
fn generated_at() -> String {
    let time = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .map(|secs| std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
        .unwrap_or_else(std::time::SystemTime::now);
    humantime::format_rfc3339_seconds(time).to_string()
}

#[derive(Serialize)]
struct Page<'a> {
    version: &'static str,
    generated: String,
    csp: String,
    script: &'static str,
    style: &'static str,
    totals: Totals,
    rules: Vec<&'static str>,
    locales: Vec<LocaleRow>,
    articles: Vec<Article>,
    translations: Vec<TranslationView<'a>>,
    sources_without_translations: Vec<String>,
    problems: Vec<ProblemRow>,
}

#[derive(Serialize, Default)]
struct Totals {
    errors: usize,
    warnings: usize,
    translations: usize,
    with_findings: usize,
}

/// One locale's line of the overview: its status and a heatmap row.
#[derive(Serialize)]
struct LocaleRow {
    tag: String,
    translations: usize,
    with_errors: usize,
    /// Missing, extra and outdated runs of blocks: translations behind their source.
    outdated_runs: usize,
    findings: usize,
    cells: Vec<Cell>,
}

#[derive(Serialize, Default, Clone)]
struct Cell {
    rule: &'static str,
    errors: usize,
    warnings: usize,
    /// 0 (none) to 4: how dark the cell is, by its count against the largest.
    shade: usize,
}

#[derive(Serialize)]
struct Article {
    source: String,
    findings: usize,
    errors: usize,
    locales: Vec<String>,
}

#[derive(Serialize)]
struct ProblemRow {
    path: String,
    message: String,
}

#[derive(Serialize)]
struct TranslationView<'a> {
    id: usize,
    path: String,
    source: Option<String>,
    locale: String,
    lang: &'a str,
    dir: &'static str,
    errors: usize,
    warnings: usize,
    rules: String,
    findings: Vec<FindingRow>,
    rows: Vec<RowView>,
    /// Without a source: the translation's text alone, marked.
    alone: Vec<Segment>,
}

#[derive(Serialize)]
struct FindingRow {
    id: String,
    rule: &'static str,
    severity: &'static str,
    line: usize,
    column: usize,
    message: String,
    fix: Option<String>,
    excerpt: String,
}

#[derive(Serialize)]
struct RowView {
    kind: RowKind,
    source_line: Option<usize>,
    target_line: Option<usize>,
    source: Vec<Segment>,
    target: Vec<Segment>,
    /// Findings about a gap: a missing block has no text of the translation to mark.
    gap_findings: Vec<String>,
}

/// A run of text, marked by the findings that cover it (none: plain text).
#[derive(Serialize, Default)]
struct Segment {
    text: String,
    findings: Vec<String>,
    severity: Option<&'static str>,
    title: String,
}

#[allow(clippy::expect_used)] // the embedded template is rendered by the test suite
pub(super) fn render(outcome: &Outcome) -> String {
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.add_template("report.html", TEMPLATE)
        .expect("the report template is valid");
    let page = page(outcome);
    env.get_template("report.html")
        .and_then(|template| template.render(&page))
        .expect("the report renders")
}

fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

fn page(outcome: &Outcome) -> Page<'_> {
    let counted = super::counts(&outcome.files);
    let rules: Vec<&'static str> = outcome
        .files
        .iter()
        .flat_map(|f| f.findings.iter().map(|x| x.rule))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let translations: Vec<TranslationView> = outcome
        .files
        .iter()
        .filter(|f| !f.findings.is_empty())
        .enumerate()
        .map(|(id, file)| translation_view(id, file))
        .collect();
    Page {
        version: env!("CARGO_PKG_VERSION"),
        generated: generated_at(),
        csp: format!(
            "default-src 'none'; script-src {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
            hash(SCRIPT),
            hash(STYLE)
        ),
        script: SCRIPT,
        style: STYLE,
        totals: Totals {
            errors: counted.errors,
            warnings: counted.warnings,
            translations: outcome.files.len(),
            with_findings: counted.files_with_findings,
        },
        locales: locale_rows(outcome, &rules),
        articles: articles(outcome),
        rules,
        translations,
        sources_without_translations: outcome
            .sources_without_translations
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        problems: outcome
            .problems
            .iter()
            .map(|p| ProblemRow {
                path: p.path.display().to_string(),
                message: p.message.clone(),
            })
            .collect(),
    }
}

/// Whether a structure finding says the translation is behind its source.
fn is_outdated_run(finding: &Finding) -> bool {
    finding.rule == "structure-mismatch"
        && ["missing", "extra", "outdated"]
            .iter()
            .any(|w| finding.message.starts_with(w))
}

fn locale_rows(outcome: &Outcome, rules: &[&'static str]) -> Vec<LocaleRow> {
    let mut rows: BTreeMap<String, LocaleRow> = BTreeMap::new();
    for file in &outcome.files {
        let row = rows
            .entry(file.locale.as_str().to_string())
            .or_insert_with(|| LocaleRow {
                tag: file.locale.as_str().to_string(),
                translations: 0,
                with_errors: 0,
                outdated_runs: 0,
                findings: 0,
                cells: rules
                    .iter()
                    .map(|&rule| Cell {
                        rule,
                        ..Cell::default()
                    })
                    .collect(),
            });
        row.translations += 1;
        row.findings += file.findings.len();
        if file.findings.iter().any(|f| f.severity == Severity::Error) {
            row.with_errors += 1;
        }
        for finding in &file.findings {
            if is_outdated_run(finding) {
                row.outdated_runs += 1;
            }
            if let Some(cell) = row.cells.iter_mut().find(|c| c.rule == finding.rule) {
                match finding.severity {
                    Severity::Error => cell.errors += 1,
                    Severity::Warning => cell.warnings += 1,
                }
            }
        }
    }
    let largest = rows
        .values()
        .flat_map(|r| r.cells.iter().map(|c| c.errors + c.warnings))
        .max()
        .unwrap_or(0);
    for row in rows.values_mut() {
        for cell in &mut row.cells {
            let count = cell.errors + cell.warnings;
            cell.shade = match count {
                0 => 0,
                _ if largest <= 1 => 4,
                // Log scale: one finding and a thousand must both be seen.
                _ => 1 + (3.0 * (count as f64).ln() / (largest as f64).ln()).round() as usize,
            }
            .min(4);
        }
    }
    rows.into_values().collect()
}

fn articles(outcome: &Outcome) -> Vec<Article> {
    let mut by_source: BTreeMap<String, Article> = BTreeMap::new();
    for file in outcome.files.iter().filter(|f| !f.findings.is_empty()) {
        let source = file
            .source
            .as_ref()
            .map_or_else(|| file.file.display_path(), |s| s.display_path());
        let article = by_source.entry(source.clone()).or_insert_with(|| Article {
            source,
            findings: 0,
            errors: 0,
            locales: Vec::new(),
        });
        article.findings += file.findings.len();
        article.errors += file
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        article.locales.push(file.locale.as_str().to_string());
    }
    let mut ranked: Vec<Article> = by_source.into_values().collect();
    ranked.sort_by(|a, b| {
        (b.errors, b.findings)
            .cmp(&(a.errors, a.findings))
            .then(a.source.cmp(&b.source))
    });
    ranked
}

fn translation_view(id: usize, file: &CheckedFile) -> TranslationView<'_> {
    let data = file.locale.data();
    let rtl = data.scripts.first().is_some_and(|s| is_rtl_script(*s));
    let finding_id = |n: usize| format!("f{id}-{n}");
    let findings: Vec<FindingRow> = file
        .findings
        .iter()
        .enumerate()
        .map(|(n, finding)| {
            let at = locate(&file.file, finding);
            FindingRow {
                id: finding_id(n),
                rule: finding.rule,
                severity: finding.severity.as_str(),
                line: at.start.line,
                column: at.start.column,
                message: show_hidden(&finding.message),
                fix: finding.fix.as_deref().map(show_hidden),
                excerpt: show_hidden(&first_line(at.excerpt)),
            }
        })
        .collect();
    let mut marks: Vec<Mark> = file
        .findings
        .iter()
        .enumerate()
        .map(|(n, f)| {
            let title = match &f.fix {
                Some(fix) => format!("{}: {} (fix: {fix})", f.rule, f.message),
                None => format!("{}: {}", f.rule, f.message),
            };
            Mark {
                range: f.range.clone(),
                id: finding_id(n),
                severity: f.severity,
                title: show_hidden(&title),
            }
        })
        .collect();
    marks.sort_by_key(|m| m.range.start);
    // A missing block's findings point at the source block it lacks.
    let index = RowIndex::new(file);
    let mut gap_findings: Vec<Vec<String>> = vec![Vec::new(); file.rows.len()];
    for (n, finding) in file.findings.iter().enumerate() {
        if let Some(source) = &finding.source {
            for row in index.missing_over(source) {
                gap_findings[row].push(finding_id(n));
            }
        }
    }
    let text = file.file.text.as_str();
    // Rows come in the translation's order: one sweep over the marks serves them all.
    let mut sweep = Sweep::new(&marks);
    let rows: Vec<RowView> = file
        .rows
        .iter()
        .zip(gap_findings)
        .map(|(row, gap_findings)| {
            let source_text = file.source.as_ref().map(|s| s.text.as_str());
            let source = match (&row.source, source_text) {
                (Some(range), Some(source)) => vec![plain(&source[range.clone()])],
                _ => Vec::new(),
            };
            let target = match &row.target {
                Some(range) => segments(text, range.clone(), &sweep.over(range.clone())),
                None => Vec::new(),
            };
            RowView {
                kind: row.kind,
                source_line: row
                    .source
                    .as_ref()
                    .zip(file.source.as_ref())
                    .map(|(r, s)| s.position(r.start).line),
                target_line: row
                    .target
                    .as_ref()
                    .map(|r| file.file.position(r.start).line),
                source,
                target,
                gap_findings,
            }
        })
        .collect();
    let alone = if file.rows.is_empty() {
        let all: Vec<&Mark> = marks.iter().collect();
        segments(text, 0..text.len(), &all)
    } else {
        Vec::new()
    };
    let rules: BTreeSet<&str> = file.findings.iter().map(|f| f.rule).collect();
    TranslationView {
        id,
        path: file.file.display_path(),
        source: file.source.as_ref().map(|s| s.display_path()),
        locale: file.locale.as_str().to_string(),
        lang: file.locale.as_str(),
        dir: if rtl { "rtl" } else { "ltr" },
        errors: file
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count(),
        warnings: file
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count(),
        rules: rules.into_iter().collect::<Vec<_>>().join(" "),
        findings,
        rows,
        alone,
    }
}

fn plain(text: &str) -> Segment {
    Segment {
        text: show_hidden(text),
        ..Segment::default()
    }
}

/// A finding as the page marks it.
struct Mark {
    range: Range<usize>,
    id: String,
    severity: Severity,
    title: String,
}

/// The marks over each of a series of ranges that come in order: each mark enters once, and
/// stays only while it reaches the ranges asked for.
struct Sweep<'a> {
    marks: &'a [Mark],
    next: usize,
    active: Vec<&'a Mark>,
}

impl<'a> Sweep<'a> {
    fn new(marks: &'a [Mark]) -> Self {
        Sweep {
            marks,
            next: 0,
            active: Vec::new(),
        }
    }

    /// The marks that overlap `range`, or of no width and inside it, by start.
    fn over(&mut self, range: Range<usize>) -> Vec<&'a Mark> {
        while let Some(mark) = self.marks.get(self.next) {
            if mark.range.start >= range.end {
                break;
            }
            self.active.push(mark);
            self.next += 1;
        }
        self.active.retain(|m| {
            m.range.end > range.start || (m.range.is_empty() && m.range.start >= range.start)
        });
        self.active.clone()
    }
}

/// `range` of `text` cut where findings start and end, each piece with the findings over it.
/// A finding of no width (a place where something is missing) becomes a marker of its own.
/// `inside` holds the marks over the range, by start.
fn segments(text: &str, range: Range<usize>, inside: &[&Mark]) -> Vec<Segment> {
    let mut cuts: BTreeSet<usize> = BTreeSet::from([range.start, range.end]);
    for mark in inside {
        cuts.insert(mark.range.start.clamp(range.start, range.end));
        cuts.insert(mark.range.end.clamp(range.start, range.end));
    }
    let cuts: Vec<usize> = cuts
        .into_iter()
        .filter(|&c| text.is_char_boundary(c))
        .collect();
    let mut out = Vec::new();
    let mut next = 0;
    let mut over: Vec<&Mark> = Vec::new();
    for window in cuts.windows(2) {
        let (start, end) = (window[0], window[1]);
        while let Some(mark) = inside.get(next).filter(|m| m.range.start <= start) {
            next += 1;
            if mark.range.is_empty() {
                if mark.range.start == start {
                    out.push(marker(mark));
                }
            } else {
                over.push(mark);
            }
        }
        // Every edge is a cut: a mark that reaches past `start` covers the whole piece.
        over.retain(|m| m.range.end > start);
        out.push(Segment {
            text: show_hidden(&text[start..end]),
            findings: over.iter().map(|m| m.id.clone()).collect(),
            severity: over.iter().map(|m| m.severity).max().map(Severity::as_str),
            title: over
                .iter()
                .map(|m| m.title.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        });
    }
    for mark in &inside[next..] {
        if mark.range.is_empty() && mark.range.start == range.end {
            out.push(marker(mark));
        }
    }
    out
}

fn marker(mark: &Mark) -> Segment {
    Segment {
        text: "\u{25B8}".into(),
        findings: vec![mark.id.clone()],
        severity: Some(mark.severity.as_str()),
        title: mark.title.clone(),
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let mut out: String = line.chars().take(120).collect();
    if line.chars().count() > 120 || text.lines().nth(1).is_some() {
        out.push('\u{2026}');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cut_at_every_finding_edge() {
        let text = "abcdefghij";
        let mark = |range: Range<usize>, id: &str, severity| Mark {
            range,
            id: id.to_string(),
            severity,
            title: String::new(),
        };
        let marks = [
            mark(2..5, "a", Severity::Warning),
            mark(4..7, "b", Severity::Error),
            mark(9..9, "c", Severity::Error),
        ];
        let mut sweep = Sweep::new(&marks);
        let cut = segments(text, 0..10, &sweep.over(0..10));
        let pieces: Vec<(&str, Vec<&str>)> = cut
            .iter()
            .map(|s| {
                (
                    s.text.as_str(),
                    s.findings.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            pieces,
            [
                ("ab", vec![]),
                ("cd", vec!["a"]),
                ("e", vec!["a", "b"]),
                ("fg", vec!["b"]),
                ("hi", vec![]),
                ("\u{25B8}", vec!["c"]),
                ("j", vec![]),
            ]
        );
        assert_eq!(cut[2].severity, Some("error"));
    }

    #[test]
    fn a_sweep_gives_each_range_the_marks_over_it() {
        let mark = |range: Range<usize>, id: &str| Mark {
            range,
            id: id.to_string(),
            severity: Severity::Warning,
            title: String::new(),
        };
        // A run over two blocks, a mark in the first, a gap at the second's start.
        let marks = [mark(0..15, "run"), mark(2..4, "in"), mark(10..10, "gap")];
        let mut sweep = Sweep::new(&marks);
        let ids = |over: Vec<&Mark>| over.iter().map(|m| m.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(sweep.over(0..8)), ["run", "in"]);
        assert_eq!(ids(sweep.over(10..15)), ["run", "gap"]);
        assert_eq!(ids(sweep.over(20..25)), Vec::<String>::new());
    }

    #[test]
    fn hidden_characters_are_written_out() {
        assert_eq!(
            show_hidden("a\u{202E}b\u{200B}c\n"),
            "a<U+202E>b<U+200B>c\n"
        );
    }
}
