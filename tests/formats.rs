//! Every output format, snapshotted on one fixture group with findings of several rules and
//! both severities (`fixtures/hi-onboarding-calls`). A change in a format fails the test until
//! its snapshot is reviewed (`INSTA_UPDATE=always cargo test --test formats`, then read the
//! diff of `tests/snapshots/formats__*.snap`).

use std::path::Path;

use assert_cmd::Command;

fn output(format: &str) -> String {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let out = Command::cargo_bin("loclint")
        .expect("the loclint binary")
        .current_dir(&fixtures)
        .args([
            "check",
            "hi-onboarding-calls",
            "--no-config",
            "--color",
            "never",
        ])
        .args(["--format", format])
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .env_remove("GITHUB_BASE_REF")
        .output()
        .expect("loclint runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{format}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn human() {
    insta::assert_snapshot!(output("human"));
}

#[test]
fn json() {
    insta::assert_snapshot!(output("json"));
}

#[test]
fn jsonl() {
    let text = output("jsonl");
    for line in text.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("each line is JSON");
    }
    insta::assert_snapshot!(text);
}

#[test]
fn sarif() {
    // The version changes with every release; the rest must not.
    let text = output("sarif").replace(env!("CARGO_PKG_VERSION"), "VERSION");
    insta::assert_snapshot!(text);
}

#[test]
fn github() {
    insta::assert_snapshot!(output("github"));
}

#[test]
fn markdown() {
    insta::assert_snapshot!(output("markdown"));
}

#[test]
fn junit() {
    insta::assert_snapshot!(output("junit"));
}

#[test]
fn gitlab() {
    let text = output("gitlab");
    let issues: Vec<serde_json::Value> = serde_json::from_str(&text).expect("a JSON array");
    assert!(!issues.is_empty());
    // What GitLab's Code Quality report needs of each issue, and fingerprints it can tell apart.
    let mut fingerprints = std::collections::HashSet::new();
    for issue in &issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key} in {issue}");
        }
        assert!(["info", "minor", "major", "critical", "blocker"]
            .contains(&issue["severity"].as_str().unwrap()));
        assert!(issue["location"]["path"].is_string(), "{issue}");
        assert!(!issue["location"]["path"]
            .as_str()
            .unwrap()
            .starts_with("./"));
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_string()));
    }
    insta::assert_snapshot!(text);
}
