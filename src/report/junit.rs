//! JUnit XML, for CI systems that show test reports: one test case per translation (an article
//! group's locale), failing with its findings; translations without findings pass.

use std::fmt::Write;

use super::locate;
use crate::check::Outcome;

pub(super) fn render(outcome: &Outcome) -> String {
    let failing = outcome
        .files
        .iter()
        .filter(|f| !f.findings.is_empty())
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"loclint\" tests=\"{}\" failures=\"{failing}\" errors=\"{}\">",
        outcome.files.len(),
        outcome.problems.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"loclint\" tests=\"{}\" failures=\"{failing}\" errors=\"{}\">",
        outcome.files.len(),
        outcome.problems.len()
    );
    for checked in &outcome.files {
        let path = checked.file.display_path();
        let source = checked
            .source
            .as_ref()
            .map_or(String::new(), |s| s.display_path());
        let _ = write!(
            out,
            "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"",
            xml(&format!("{source} ({})", checked.locale)),
            xml(&path),
            xml(&path)
        );
        if checked.findings.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        let mut details = String::new();
        for finding in &checked.findings {
            let at = locate(&checked.file, finding);
            let _ = writeln!(
                details,
                "{path}:{}:{}: {}[{}]: {}",
                at.start.line, at.start.column, finding.severity, finding.rule, finding.message
            );
        }
        let _ = writeln!(
            out,
            "      <failure message=\"{}\" type=\"loclint\">{}</failure>",
            xml(&format!("{} findings", checked.findings.len())),
            xml(&details)
        );
        out.push_str("    </testcase>\n");
    }
    for problem in &outcome.problems {
        let path = problem.path.display().to_string();
        let _ = writeln!(
            out,
            "    <testcase classname=\"loclint\" name=\"{}\"><error message=\"{}\"/></testcase>",
            xml(&path),
            xml(&problem.message)
        );
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Escapes text for an XML attribute or element; characters XML 1.0 cannot hold at all
/// (controls other than tab and line breaks) become `U+XXXX`.
fn xml(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "U+{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_is_escaped() {
        assert_eq!(
            xml("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;U+0001"
        );
    }
}
