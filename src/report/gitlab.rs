//! GitLab's Code Quality report: a JSON array of issues, which GitLab shows in the merge
//! request's widget and in the changes view, new ones apart from those the target branch
//! already had. GitLab tells them apart by fingerprint, so each is the baseline's fingerprint
//! of the finding (stable when lines move) with its file, made unique within the report.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::{locate, repository_path};
use crate::check::Outcome;
use crate::finding::Severity;
use crate::stable_hash::stable_hash;

#[allow(clippy::expect_used)] // loclint's own values, of strings and numbers, always serialise
pub(super) fn render(outcome: &Outcome) -> String {
    let mut issues: Vec<Value> = Vec::new();
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let mut unique = |key: u64| {
        let count = seen.entry(key).or_default();
        *count += 1;
        // The second finding with the same fingerprint in a file (a word left twice) is
        // another issue, not the same one.
        let key = if *count == 1 {
            key
        } else {
            stable_hash([&key.to_le_bytes()[..], &count.to_le_bytes()[..]])
        };
        format!("{key:016x}")
    };
    for checked in &outcome.files {
        let path = repository_path(&checked.file.display_path());
        for finding in &checked.findings {
            let at = locate(&checked.file, finding);
            let mut description = finding.message.clone();
            if let Some(fix) = &finding.fix {
                description.push_str(&format!(" (fix: {fix})"));
            }
            let fingerprint = crate::baseline::fingerprint(&checked.file.text, finding);
            let key = stable_hash([path.as_bytes(), fingerprint.as_bytes()]);
            issues.push(json!({
                "type": "issue",
                "check_name": finding.rule,
                "description": description,
                "categories": ["Style"],
                "severity": match finding.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                "fingerprint": unique(key),
                "location": {
                    "path": path,
                    "lines": { "begin": at.start.line, "end": at.end.line },
                },
            }));
        }
    }
    for problem in &outcome.problems {
        let path = repository_path(&problem.path.display().to_string());
        let key = stable_hash([path.as_bytes(), problem.message.as_bytes()]);
        issues.push(json!({
            "type": "issue",
            "check_name": "loclint",
            "description": problem.message,
            "categories": ["Bug Risk"],
            "severity": "critical",
            "fingerprint": unique(key),
            "location": { "path": path, "lines": { "begin": 1 } },
        }));
    }
    let mut out = serde_json::to_string_pretty(&issues).expect("JSON values serialise");
    out.push('\n');
    out
}
