//! GitHub Actions workflow commands: one `::error` or `::warning` line a finding, which GitHub
//! shows as an annotation on the pull request's changed lines.

use std::collections::HashSet;
use std::fmt::Write;
use std::path::PathBuf;

use super::{is_hidden, locate, repository_path, totals};
use crate::check::Outcome;
use crate::finding::Severity;

pub(super) fn render(outcome: &Outcome, changed_files: &[PathBuf]) -> String {
    let mut out = String::new();
    let changed: HashSet<String> = changed_files
        .iter()
        .map(|p| repository_path(&p.display().to_string()))
        .collect();
    let (touched, untouched): (Vec<_>, Vec<_>) = outcome
        .files
        .iter()
        .partition(|checked| changed.contains(&repository_path(&checked.file.display_path())));
    // GitHub shows ten annotations of each kind per step: errors first, so none is hidden
    // behind warnings, and of each kind those in the files the change touched first.
    for severity in [Severity::Error, Severity::Warning] {
        for checked in touched.iter().chain(&untouched) {
            let path = repository_path(&checked.file.display_path());
            for finding in checked.findings.iter().filter(|f| f.severity == severity) {
                let at = locate(&checked.file, finding);
                let command = match finding.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                let mut message = finding.message.clone();
                if let Some(fix) = &finding.fix {
                    message.push_str(&format!("\nfix: {fix}"));
                }
                let _ = writeln!(
                    out,
                    "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                    property(&path),
                    at.start.line,
                    at.start.column,
                    at.end.line,
                    at.end.column,
                    property(&format!("loclint {}", finding.rule)),
                    data(&message),
                );
            }
        }
    }
    for problem in &outcome.problems {
        let _ = writeln!(
            out,
            "::error file={},title=loclint::{}",
            property(&repository_path(&problem.path.display().to_string())),
            data(&problem.message)
        );
    }
    let _ = writeln!(out, "::notice title=loclint::{}", data(&totals(outcome)));
    out
}

/// Escapes a command's message, and invisible characters that the annotation would hide.
fn data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if is_hidden(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a command's property value (`file=`, `title=`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(data("x\u{202E}y"), "x<U+202E>y");
        assert_eq!(repository_path("./docs/./a.md"), "docs/./a.md");
        assert_eq!(repository_path("docs\\a.md"), "docs/a.md");
    }
}
