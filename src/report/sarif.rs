//! SARIF 2.1.0, for code-scanning dashboards. Columns are Unicode code points
//! (`columnKind: unicodeCodePoints`), as everywhere in loclint.

use serde_json::{json, Value};

use super::{json_escape_invisible, locate};
use crate::check::Outcome;
use crate::rules::RULES;

/// GitHub code scanning takes 25,000 results a run; the default cap stays well below.
pub const DEFAULT_MAX_RESULTS: usize = 10_000;

#[allow(clippy::expect_used)] // loclint's own values, of strings and numbers, always serialise
pub(super) fn render(outcome: &Outcome, max_results: usize) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            let info = rule.info();
            json!({
                "id": info.id,
                "name": info.id,
                "shortDescription": { "text": info.summary },
                "fullDescription": { "text": info.summary },
                "help": { "text": info.docs, "markdown": info.docs },
                "defaultConfiguration": { "level": info.default_severity.as_str() },
            })
        })
        .collect();
    // The most severe first when the cap cuts: errors, then warnings, each in path order.
    let mut ordered: Vec<(&crate::check::CheckedFile, &crate::finding::Finding)> = outcome
        .files
        .iter()
        .flat_map(|checked| checked.findings.iter().map(move |f| (checked, f)))
        .collect();
    ordered.sort_by_key(|(_, f)| std::cmp::Reverse(f.severity));
    let dropped = ordered.len().saturating_sub(max_results);
    ordered.truncate(max_results);
    let mut results = Vec::new();
    for (checked, finding) in ordered {
        let file = &checked.file;
        {
            let at = locate(file, finding);
            let rule_index = RULES.iter().position(|r| r.info().id == finding.rule);
            let mut related = Vec::new();
            if let (Some(source), Some(range)) = (&checked.source, &finding.source) {
                let start = source.position(range.start);
                let end = source.position(range.end);
                related.push(json!({
                    "id": related.len(),
                    "message": { "text": "the matching place in the source" },
                    "physicalLocation": location(&source.display_path(), start, end, None),
                }));
            }
            for other in &finding.related {
                let start = file.position(other.range.start);
                let end = file.position(other.range.end);
                related.push(json!({
                    "id": related.len(),
                    "message": { "text": other.note },
                    "physicalLocation": location(&file.display_path(), start, end, None),
                }));
            }
            let mut message = finding.message.clone();
            if let Some(fix) = &finding.fix {
                message.push_str(&format!(" (fix: {fix})"));
            }
            results.push(json!({
                // Stable when lines move: the same key as a baseline's.
                "partialFingerprints": {
                    "loclintFingerprint/v1": crate::baseline::fingerprint(&file.text, finding),
                },
                "ruleId": finding.rule,
                "ruleIndex": rule_index,
                "level": finding.severity.as_str(),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": location(&file.display_path(), at.start, at.end, Some(at.excerpt)),
                }],
                "relatedLocations": related,
                "properties": { "locale": checked.locale.as_str() },
            }));
        }
    }
    let mut notifications: Vec<Value> = outcome
        .problems
        .iter()
        .map(|problem| {
            json!({
                "level": "error",
                "message": { "text": problem.message },
                "locations": [{
                    "physicalLocation": { "artifactLocation": {
                        "uri": uri(&problem.path.display().to_string()),
                        "uriBaseId": BASE,
                    } }
                }],
            })
        })
        .collect();
    if dropped > 0 {
        notifications.push(json!({
            "level": "warning",
            "message": { "text": format!(
                "{dropped} less severe results were left out to stay under --max-results {max_results}; \
                 run with --format json or a higher --max-results for all of them"
            ) },
        }));
    }
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "loclint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": outcome.problems.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }]
    });
    let mut out =
        json_escape_invisible(serde_json::to_string_pretty(&document).expect("SARIF serialises"));
    out.push('\n');
    out
}

fn location(
    path: &str,
    start: crate::source::Position,
    end: crate::source::Position,
    snippet: Option<&str>,
) -> Value {
    let mut region = json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    });
    if let Some(text) = snippet {
        region["snippet"] = json!({ "text": text });
    }
    json!({ "artifactLocation": { "uri": uri(path), "uriBaseId": BASE }, "region": region })
}

/// Paths are relative to where loclint ran, which code-scanning tools call the source root.
const BASE: &str = "%SRCROOT%";

/// A relative URI reference: forward slashes, no leading `./`, and every byte outside RFC 3986's
/// unreserved set percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in super::repository_path(path).bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("docs/my post/hi.txt"), "docs/my%20post/hi.txt");
        assert_eq!(uri("a\\b\\é.md"), "a/b/%C3%A9.md");
        assert_eq!(uri("./docs/a.md"), "docs/a.md");
    }
}
