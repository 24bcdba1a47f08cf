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
