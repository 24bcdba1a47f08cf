use std::fmt::Write;
use std::ops::Range;

use annotate_snippets::{Level, Renderer, Snippet};

use super::{counts, locate, plural, RenderOptions};
use crate::check::{CheckedFile, Outcome};
use crate::finding::{Finding, Severity};
use crate::locale::invisible::{code_point, escape_invisible, invisible, InvisibleKind};

/// Long lines (a whole paragraph is one line in many translations) are cut to this width
/// around the underlined text.
const TERM_WIDTH: usize = 120;
/// A longer underline (a whole paragraph) is cut to its start, so the frame stays one screen.
const MAX_UNDERLINE_CHARS: usize = 100;
const CUT_UNDERLINE_CHARS: usize = 40;

pub(super) fn render(outcome: &Outcome, options: &RenderOptions) -> String {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(TERM_WIDTH);
    let mut out = String::new();
    for checked in outcome.files.iter().filter(|f| !f.findings.is_empty()) {
        let _ = writeln!(out, "{}", file_header(checked, options.color));
        for finding in &checked.findings {
            let _ = writeln!(out, "{}\n", render_finding(&renderer, checked, finding));
        }
    }
    out.push_str(&summary(outcome, options));
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

fn render_finding(renderer: &Renderer, checked: &CheckedFile, finding: &Finding) -> String {
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
    let end = clip(line, start, end);
    let (line, underline) = visible_line(line, start..end);
    let level = level(finding.severity);
    let path = file.display_path();
    let label = label(at.excerpt, at.end.line > at.start.line);
    let mut notes = Vec::new();
    if let (Some(source), Some(range)) = (&checked.source, &finding.source) {
        let line = source.lines.line_of(range.start);
        let text = source.line_text(line);
        notes.push(format!(
            "source: {}:{line}: {}",
            source.display_path(),
            shorten(&escape_invisible(text), 80)
        ));
    }
    for related in &finding.related {
        notes.push(format!(
            "{}: line {}",
            related.note,
            file.lines.line_of(related.range.start)
        ));
    }
    if let Some(fix) = &finding.fix {
        notes.push(format!("fix: {fix}"));
    }
    let title = escape_invisible(&finding.message);
    let mut message = level.title(&title).id(finding.rule).snippet(
        Snippet::source(&line)
            .line_start(at.start.line)
            .origin(&path)
            .annotation(level.span(underline).label(&label)),
    );
    for note in &notes {
        message = message.footer(Level::Note.title(note));
    }
    let rendered = renderer.render(message).to_string();
    rendered
}

/// The line as the terminal should show it: a character that would reorder or hide text there
/// (a bidirectional control, a control character, a zero-width space) becomes `<U+202E>`, and the
/// underline moves with the text. Joiners are escaped only inside the underline: elsewhere they
/// are part of correct Persian or Hindi text.
fn visible_line(line: &str, underline: Range<usize>) -> (String, Range<usize>) {
    let mut shown = String::with_capacity(line.len());
    let (mut start, mut end) = (None, None);
    for (i, c) in line.char_indices() {
        if i == underline.start {
            start = Some(shown.len());
        }
        if i == underline.end {
            end = Some(shown.len());
        }
        match invisible(c) {
            Some(found) if found.kind != InvisibleKind::Joiner || underline.contains(&i) => {
                let _ = write!(shown, "<{}>", code_point(c));
            }
            _ => shown.push(c),
        }
    }
    let start = start.unwrap_or(shown.len());
    let end = end.unwrap_or(shown.len()).max(start);
    (shown, start..end)
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

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
    }
}

/// The underline's label: the exact text, escaped where it holds invisible characters.
fn label(excerpt: &str, multi_line: bool) -> String {
    if multi_line {
        let lines = excerpt.lines().count();
        return format!("… and {} more lines", lines.saturating_sub(1));
    }
    if excerpt.is_empty() || excerpt.chars().count() > MAX_UNDERLINE_CHARS {
        return String::new();
    }
    escape_invisible(excerpt).escape_debug().to_string()
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
    for path in &outcome.sources_without_translations {
        let _ = writeln!(
            out,
            "note: {}: a source with no translation",
            path.display()
        );
    }
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
