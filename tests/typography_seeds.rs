//! The typography rules on the seed article, through the real binary: every defect a careful
//! editor finds there, and nothing else.

use assert_cmd::Command;
use serde_json::Value;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/know-your-terminology"
);

const TYPOGRAPHY_RULES: &[&str] = &[
    "locale-punctuation",
    "unbalanced-pair",
    "mismatched-quotes",
    "spacing",
    "repeated-word",
];

/// (file, line, column, rule) of each typography finding, sorted.
fn typography_findings() -> Vec<(String, u64, u64, String)> {
    let output = Command::cargo_bin("loclint")
        .unwrap()
        .args(["check", SEED, "--format", "json", "--no-config"])
        .output()
        .unwrap();
    assert!(
        output.status.code().is_some_and(|code| code <= 1),
        "loclint failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    assert_eq!(report["summary"]["files_checked"], 2);
    let mut findings: Vec<(String, u64, u64, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| TYPOGRAPHY_RULES.contains(&f["rule"].as_str().unwrap()))
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let file = path.rsplit(['/', '\\']).next().unwrap().to_string();
            (
                file,
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    findings.sort();
    findings
}

#[test]
fn exactly_the_seed_defects() {
    let mut found: Vec<(String, u64, String)> = typography_findings()
        .into_iter()
        .map(|(file, line, _, rule)| (file, line, rule))
        .collect();
    found.sort();
    // Lines 26-44 repeat lines 6-24: their defects are reported once, in the copy that stays.
    let expected: Vec<(String, u64, String)> = [
        ("ar.txt", 12, "mismatched-quotes"),
        ("hi.txt", 6, "locale-punctuation"),
        ("hi.txt", 6, "spacing"),
        ("hi.txt", 12, "mismatched-quotes"),
        ("hi.txt", 22, "unbalanced-pair"),
    ]
    .into_iter()
    .map(|(file, line, rule)| (file.to_string(), line, rule.to_string()))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn the_findings_point_at_the_defective_character() {
    let findings = typography_findings();
    let at = |file: &str, line: u64, rule: &str| {
        findings
            .iter()
            .find(|f| f.0 == file && f.1 == line && f.3 == rule)
            .map(|f| f.2)
    };
    // `रुझान.`: the full stop.
    assert_eq!(at("hi.txt", 6, "locale-punctuation"), Some(420));
    // `उत्पाद(उप`: the bracket.
    assert_eq!(at("hi.txt", 6, "spacing"), Some(123));
    // `हैं "एक`: the quotation mark that is never closed.
    assert_eq!(at("hi.txt", 22, "unbalanced-pair"), Some(120));
    // `, “एक`: the opening mark of the mismatched quotation.
    assert_eq!(at("hi.txt", 12, "mismatched-quotes"), Some(131));
    // `، "العلامة`: the opening mark of the mismatched quotation.
    assert_eq!(at("ar.txt", 12, "mismatched-quotes"), Some(108));
}

#[test]
fn messages_name_the_character_and_the_fix() {
    let output = Command::cargo_bin("loclint")
        .unwrap()
        .args(["check", SEED, "--format", "json", "--no-config"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "locale-punctuation" && f["line"] == 6)
        .expect("the Hindi full stop is reported");
    assert_eq!(
        finding["message"],
        "Latin full stop `.` (U+002E) ends a Hindi sentence"
    );
    assert_eq!(finding["fix"], "replace `.` with `।`");
    assert_eq!(finding["excerpt"], ".");
}
