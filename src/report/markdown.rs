//! A Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the totals, counts
//! by rule and locale, then the findings grouped by file, each file's list folded past a number.
//! Translations are untrusted text: what they bring is escaped, never rendered as markup.

use std::fmt::Write;

use super::{locate, plural, tally, totals};
use crate::check::Outcome;
use crate::finding::Severity;

pub(super) fn render(outcome: &Outcome, fold_after: usize) -> String {
    let mut out = String::from("## loclint\n\n");
    let _ = writeln!(out, "{}.\n", totals(outcome));
    if !outcome.problems.is_empty() {
        let _ = writeln!(
            out,
            "**{} could not be checked fully.**\n",
            plural(outcome.problems.len(), "file", "files")
        );
    }
    // Counts by rule (rows) and locale (columns).
    let (table, locales) = tally(outcome);
    if !table.is_empty() {
        let _ = write!(out, "| rule |");
        for locale in locales.keys() {
            let _ = write!(out, " {locale} |");
        }
        out.push_str(" total |\n| --- |");
        out.push_str(&" ---: |".repeat(locales.len() + 1));
        out.push('\n');
        for (rule, by_locale) in &table {
            let _ = write!(out, "| `{rule}` |");
            for locale in locales.keys() {
                match by_locale.get(locale) {
                    Some(n) => {
                        let _ = write!(out, " {n} |");
                    }
                    None => out.push_str(" |"),
                }
            }
            let _ = writeln!(out, " {} |", by_locale.values().sum::<usize>());
        }
        out.push('\n');
    }
    for checked in outcome.files.iter().filter(|f| !f.findings.is_empty()) {
        let _ = writeln!(
            out,
            "### `{}` ({})\n",
            code(&checked.file.display_path()),
            checked.locale
        );
        let line = |finding: &crate::finding::Finding| {
            let at = locate(&checked.file, finding);
            let mark = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            format!(
                "- line {}, column {}: **{mark}** `{}`: {}\n",
                at.start.line,
                at.start.column,
                finding.rule,
                text(&finding.message)
            )
        };
        for finding in checked.findings.iter().take(fold_after) {
            out.push_str(&line(finding));
        }
        let folded = checked.findings.len().saturating_sub(fold_after);
        if folded > 0 {
            let _ = writeln!(
                out,
                "\n<details><summary>{} more</summary>\n",
                plural(folded, "finding", "findings")
            );
            for finding in checked.findings.iter().skip(fold_after) {
                out.push_str(&line(finding));
            }
            out.push_str("\n</details>\n");
        }
        out.push('\n');
    }
    out
}

/// Text from a translation or a message, made inert: outside code spans HTML is escaped and
/// the marks that could open a link or emphasis get a backslash; inside them (where Markdown
/// shows every character as it is) nothing needs it. Line breaks become spaces.
fn text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut in_code = false;
    for c in raw.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ if in_code => out.push(c),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' | ']' | '*' | '_' | '|' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    // An unclosed code span would swallow what follows: close it.
    if in_code {
        out.push('`');
    }
    out
}

/// A path inside a code span: backticks can not close it early.
fn code(raw: &str) -> String {
    raw.replace('`', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_text_stays_text() {
        assert_eq!(
            text("<script>x</script> [a](javascript:b) `(<c>)` `d"),
            "&lt;script&gt;x&lt;/script&gt; \\[a\\](javascript:b) `(<c>)` `d`"
        );
    }
}
