use std::fmt::Write;

use anstyle::{AnsiColor, Effects, Style};

use super::frame::{Frame, Styles};
use super::{counts, locate, plural, tally, RenderOptions};
use crate::check::{CheckedFile, Outcome};
use crate::finding::{Finding, Severity};
use crate::locale::invisible::escape_invisible;

/// A longer underline (a whole paragraph) is cut to its start, so the frame stays one screen.
const MAX_UNDERLINE_CHARS: usize = 100;
const CUT_UNDERLINE_CHARS: usize = 40;
const LABEL_MAX_CHARS: usize = 30;

pub(super) fn render(outcome: &Outcome, options: &RenderOptions) -> String {
    let mut out = String::new();
    for checked in outcome.files.iter().filter(|f| !f.findings.is_empty()) {
        let _ = writeln!(out, "{}", file_header(checked, options.color));
        for finding in &checked.findings {
            render_finding(&mut out, checked, finding, options.color);
            out.push('\n');
        }
    }
    if !options.quiet {
        out.push_str(&summary(outcome, options));
    }
    out
}

fn file_header(checked: &CheckedFile, color: bool) -> String {
    let source = checked
        .source
        .as_ref()
        .map_or("no source".to_string(), |s| {
            format!("source {}", s.display_path())
        });
    let path = checked.file.display_path();
    let details = format!("({}, {source})", checked.locale);
    if color {
        format!("\x1b[1;4m{path}\x1b[0m {details}")
    } else {
        format!("{path} {details}")
    }
}

/// A finding as rustc shows an error: a title, the place, the line with the text underlined,
/// then notes (the source line, related places, the fix).
fn render_finding(out: &mut String, checked: &CheckedFile, finding: &Finding, color: bool) {
    let file = &checked.file;
    let at = locate(file, finding);
    let line_range = file.lines.line_range(&file.text, at.start.line);
    let line = &file.text[line_range.clone()];
    let start = finding.range.start - line_range.start;
    let end = finding
        .range
        .end
        .min(line_range.end)
        .max(finding.range.start)
        - line_range.start;
    let label = label(at.excerpt, at.end.line > at.start.line);
    let frame = Frame {
        line_number: at.start.line,
        line,
        underline: start..clip(line, start, end),
        label: &label,
    };
    let accent = match finding.severity {
        Severity::Error => AnsiColor::BrightRed,
        Severity::Warning => AnsiColor::BrightYellow,
    };
    let styles = Styles::new(color, accent);
    let bold = if color {
        Style::new().effects(Effects::BOLD)
    } else {
        Style::new()
    };
    let (a, g) = (styles.accent, styles.gutter);
    let gutter = frame.gutter_width();
    let _ = writeln!(
        out,
        "{a}{}[{}]{a:#}{bold}: {}{bold:#}",
        finding.severity,
        finding.rule,
        escape_invisible(&finding.message)
    );
    let _ = writeln!(
        out,
        "{:gutter$}{g}-->{g:#} {}:{}:{}",
        "",
        file.display_path(),
        at.start.line,
        at.start.column
    );
    let _ = writeln!(out, "{:gutter$} {g}|{g:#}", "");
    frame.render(out, gutter, &styles);
    let notes = notes(checked, finding);
    if !notes.is_empty() {
        let _ = writeln!(out, "{:gutter$} {g}|{g:#}", "");
    }
    for note in notes {
        let _ = writeln!(out, "{:gutter$} {g}={g:#} {note}", "");
    }
}

fn notes(checked: &CheckedFile, finding: &Finding) -> Vec<String> {
    let file = &checked.file;
    let mut notes = Vec::new();
    if let (Some(source), Some(range)) = (&checked.source, &finding.source) {
        let line = source.lines.line_of(range.start);
        notes.push(format!(
            "source: {}:{line}: {}",
            source.display_path(),
            shorten(&escape_invisible(source.line_text(line)), 80)
        ));
    }
    for related in &finding.related {
        notes.push(format!(
            "{} (line {})",
            related.note,
            file.lines.line_of(related.range.start)
        ));
    }
    if let Some(fix) = &finding.fix {
        notes.push(format!("fix: {}", escape_invisible(fix)));
    }
    notes
}

/// The end of the underline: `end`, or [`CUT_UNDERLINE_CHARS`] after `start` for a long one.
fn clip(line: &str, start: usize, end: usize) -> usize {
    let mut chars = line[start..end].char_indices();
    if chars.clone().nth(MAX_UNDERLINE_CHARS).is_none() {
        return end;
    }
    chars
        .nth(CUT_UNDERLINE_CHARS)
        .map_or(end, |(i, _)| start + i)
}

/// The underline's label: the exact text, escaped where it holds invisible characters.
fn label(excerpt: &str, multi_line: bool) -> String {
    if multi_line {
        let lines = excerpt.lines().count();
        return format!("… and {} more lines", lines.saturating_sub(1));
    }
    // A short excerpt is repeated beside its underline, where a cut or right-to-left line
    // could hide it; a long one is already plain to see.
    if excerpt.is_empty() || excerpt.chars().count() > LABEL_MAX_CHARS {
        return String::new();
    }
    escape_invisible(excerpt).escape_debug().to_string()
}

/// How many locales get a column of their own in the table of counts; the rest are summed.
const TABLE_LOCALES: usize = 8;

/// The findings counted by rule and by locale, as a table, when there are findings in more than
/// one rule or locale.
fn by_rule_and_locale(outcome: &Outcome) -> String {
    let (table, per_locale) = tally(outcome);
    if table.len() < 2 && per_locale.len() < 2 {
        return String::new();
    }
    let mut locales: Vec<(&str, usize)> = per_locale.into_iter().collect();
    locales.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let others = locales.len() > TABLE_LOCALES + 1;
    let shown: Vec<&str> = locales
        .iter()
        .take(if others { TABLE_LOCALES } else { locales.len() })
        .map(|(l, _)| *l)
        .collect();
    let mut header: Vec<String> = shown.iter().map(|l| l.to_string()).collect();
    if others {
        header.push("others".into());
    }
    header.push("total".into());
    let width = table.keys().map(|r| r.len()).max().unwrap_or(5).max(5);
    let column = |name: &str| name.chars().count().max(5);
    let mut out = String::from("\nFindings by rule and locale:\n");
    let _ = write!(out, "  {:<width$}", "rule");
    for name in &header {
        let _ = write!(out, " {:>w$}", name, w = column(name));
    }
    out.push('\n');
    let mut totals = vec![0usize; header.len()];
    let mut rows: Vec<(&str, Vec<usize>)> = table
        .iter()
        .map(|(rule, by_locale)| {
            let mut cells: Vec<usize> = shown
                .iter()
                .map(|l| by_locale.get(l).copied().unwrap_or(0))
                .collect();
            let total: usize = by_locale.values().sum();
            if others {
                cells.push(total - cells.iter().sum::<usize>());
            }
            cells.push(total);
            (*rule, cells)
        })
        .collect();
    rows.sort_by(|a, b| b.1.last().cmp(&a.1.last()).then(a.0.cmp(b.0)));
    for (rule, cells) in &rows {
        let _ = write!(out, "  {rule:<width$}");
        for (i, (cell, name)) in cells.iter().zip(&header).enumerate() {
            totals[i] += cell;
            let text = if *cell == 0 {
                ".".to_string()
            } else {
                cell.to_string()
            };
            let _ = write!(out, " {:>w$}", text, w = column(name));
        }
        out.push('\n');
    }
    let _ = write!(out, "  {:<width$}", "total");
    for (total, name) in totals.iter().zip(&header) {
        let _ = write!(out, " {:>w$}", total, w = column(name));
    }
    out.push_str("\n\n");
    out
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

fn summary(outcome: &Outcome, options: &RenderOptions) -> String {
    let counts = counts(&outcome.files);
    let mut out = String::new();
    match outcome.sources_without_translations.as_slice() {
        [] => {}
        [path] => {
            let _ = writeln!(
                out,
                "note: {}: a source with no translation",
                path.display()
            );
        }
        paths => {
            let shown: Vec<String> = paths
                .iter()
                .take(3)
                .map(|p| p.display().to_string())
                .collect();
            let more = if paths.len() > shown.len() {
                format!(" and {} more", paths.len() - shown.len())
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "note: {} sources have no translation: {}{more}",
                paths.len(),
                shown.join(", ")
            );
        }
    }
    out.push_str(&by_rule_and_locale(outcome));
    let checked = plural(outcome.files.len(), "translation", "translations");
    if counts.errors + counts.warnings == 0 {
        let _ = write!(out, "No findings in {checked}");
    } else {
        let _ = write!(
            out,
            "Found {} and {} in {} ({checked} checked)",
            plural(counts.errors, "error", "errors"),
            plural(counts.warnings, "warning", "warnings"),
            plural(counts.files_with_findings, "file", "files"),
        );
    }
    if !outcome.problems.is_empty() {
        let _ = write!(
            out,
            "; {} could not be checked fully (see above)",
            plural(outcome.problems.len(), "file", "files")
        );
    }
    if options.fail_on == Severity::Warning && counts.warnings > 0 && counts.errors == 0 {
        out.push_str("; warnings fail this run (--fail-on warning)");
    }
    out.push('\n');
    out
}
