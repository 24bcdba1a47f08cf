//! Every output format, snapshotted on one fixture group with findings of several rules and
//! both severities (`fixtures/hi-onboarding-calls`). A change in a format fails the test until
//! its snapshot is reviewed (`INSTA_UPDATE=always cargo test --test formats`, then read the
//! diff of `tests/snapshots/formats__*.snap`).

use std::path::Path;

use assert_cmd::Command;

fn output(format: &str) -> String {
    output_of("hi-onboarding-calls", format)
}

fn output_of(group: &str, format: &str) -> String {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let out = Command::cargo_bin("loclint")
        .expect("the loclint binary")
        .current_dir(&fixtures)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .args(["check", group, "--no-config", "--color", "never"])
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

#[test]
fn csv() {
    let text = output("csv");
    let mut reader = csv_reader(&text);
    let header = reader.headers().expect("a header").clone();
    assert_eq!(&header[0], "path");
    assert_eq!(&header[13], "translation_text");
    for record in reader.records() {
        let record = record.expect("a well-formed row");
        assert_eq!(record.len(), header.len());
        // Each finding comes with the text of the translated block that holds it.
        assert!(
            !record[13].is_empty() || record[6].starts_with("structure"),
            "{record:?}"
        );
    }
    insta::assert_snapshot!(text);
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::Reader::from_reader(text.as_bytes())
}

#[test]
fn html() {
    let text = output("html");
    // The version changes with every release; the rest must not.
    insta::assert_snapshot!(text.replace(env!("CARGO_PKG_VERSION"), "VERSION"));
}

/// A translation is untrusted input: whatever markup it holds reaches the page as text.
#[test]
fn html_shows_hostile_markup_as_text() {
    let text = output_of("fr-hostile-markup", "html");
    for raw in [
        "<script>window.loclintPwned",
        "<img src=x onerror",
        "href=\"javascript:",
    ] {
        assert!(!text.contains(raw), "`{raw}` reached the page unescaped");
    }
    for escaped in [
        "&lt;script&gt;window.loclintPwned = 1&lt;&#x2f;script&gt;",
        "&lt;img src=x onerror=",
        "javascript:window.loclintPwned=3",
    ] {
        assert!(text.contains(escaped), "`{escaped}` is not shown");
    }
    let policy = text
        .lines()
        .find(|l| l.contains("Content-Security-Policy"))
        .expect("a Content-Security-Policy");
    assert!(policy.contains("default-src &#x27;none&#x27;"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    // The page's only scripts are its own: one, allowed by its hash.
    assert_eq!(text.matches("<script>").count(), 1);
}
