use serde::Serialize;

use super::{counts, json_escape_invisible, locate};
use crate::check::Outcome;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary<'a>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    path: String,
    locale: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    excerpt: &'a str,
    source: Option<SourceRef>,
    related: Vec<RelatedRef<'a>>,
    fix: Option<&'a str>,
}

#[derive(Serialize)]
struct SourceRef {
    path: String,
    line: usize,
    end_line: usize,
}

#[derive(Serialize)]
struct RelatedRef<'a> {
    line: usize,
    end_line: usize,
    note: &'a str,
}

#[derive(Serialize)]
struct Summary<'a> {
    files_checked: usize,
    files_with_findings: usize,
    findings: usize,
    errors: usize,
    warnings: usize,
    problems: Vec<Problem<'a>>,
    sources_without_translations: Vec<String>,
    /// Every translation checked, with or without findings.
    translations: Vec<TranslationRef<'a>>,
}

#[derive(Serialize)]
struct TranslationRef<'a> {
    path: String,
    locale: &'a str,
    source: Option<String>,
    lines: usize,
}

#[derive(Serialize)]
struct Problem<'a> {
    path: String,
    message: &'a str,
}

/// JSON Lines: one finding a line, the same fields as in the JSON document, for streaming into
/// other tools.
#[allow(clippy::expect_used)] // loclint's own values, of strings and numbers, always serialise
pub(super) fn render_lines(outcome: &Outcome) -> String {
    let mut out = String::new();
    for finding in json_findings(outcome) {
        out.push_str(&json_escape_invisible(
            serde_json::to_string(&finding).expect("findings serialise"),
        ));
        out.push('\n');
    }
    out
}

fn json_findings(outcome: &Outcome) -> Vec<JsonFinding<'_>> {
    let mut findings = Vec::new();
    for checked in &outcome.files {
        let file = &checked.file;
        for finding in &checked.findings {
            let at = locate(file, finding);
            let source =
                checked
                    .source
                    .as_ref()
                    .zip(finding.source.as_ref())
                    .map(|(source, range)| SourceRef {
                        path: source.display_path(),
                        line: source.lines.line_of(range.start),
                        end_line: source
                            .lines
                            .line_of(range.end.saturating_sub(1).max(range.start)),
                    });
            findings.push(JsonFinding {
                rule: finding.rule,
                severity: finding.severity.as_str(),
                path: file.display_path(),
                locale: checked.locale.as_str(),
                line: at.start.line,
                column: at.start.column,
                end_line: at.end.line,
                end_column: at.end.column,
                message: &finding.message,
                excerpt: at.excerpt,
                source,
                related: finding
                    .related
                    .iter()
                    .map(|r| RelatedRef {
                        line: file.lines.line_of(r.range.start),
                        end_line: file
                            .lines
                            .line_of(r.range.end.saturating_sub(1).max(r.range.start)),
                        note: &r.note,
                    })
                    .collect(),
                fix: finding.fix.as_deref(),
            });
        }
    }
    findings
}

#[allow(clippy::expect_used)] // loclint's own values, of strings and numbers, always serialise
pub(super) fn render(outcome: &Outcome) -> String {
    let findings = json_findings(outcome);
    let counts = counts(&outcome.files);
    let document = Document {
        version: 1,
        summary: Summary {
            files_checked: outcome.files.len(),
            files_with_findings: counts.files_with_findings,
            findings: findings.len(),
            errors: counts.errors,
            warnings: counts.warnings,
            problems: outcome
                .problems
                .iter()
                .map(|p| Problem {
                    path: p.path.display().to_string(),
                    message: &p.message,
                })
                .collect(),
            sources_without_translations: outcome
                .sources_without_translations
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
            translations: outcome
                .files
                .iter()
                .map(|checked| TranslationRef {
                    path: checked.file.display_path(),
                    locale: checked.locale.as_str(),
                    source: checked.source.as_ref().map(|s| s.display_path()),
                    lines: checked.file.lines.line_count(),
                })
                .collect(),
        },
        findings,
    };
    let mut out =
        json_escape_invisible(serde_json::to_string_pretty(&document).expect("findings serialise"));
    out.push('\n');
    out
}
