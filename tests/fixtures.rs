//! Expected findings for every article group under `fixtures/`, checked exactly.
//!
//! Each folder of `fixtures/` is one article group: an English source and its translations. The
//! harness runs the real binary on each group (`loclint check <group> --format json --color
//! never`), turns the JSON into a listing of one line per finding,
//!
//! ```text
//! ar-two-step-sign-in/ar.txt:7:1 structure-mismatch error missing paragraph: ... (source ar-two-step-sign-in/en.txt:7)
//! ```
//!
//! and compares it with the group's snapshot, `tests/snapshots/fixtures__<group>.snap`. Groups
//! whose name ends in `-clean` are faithful translations: they must have no finding at all.
//! Groups are found when the test runs, so a new folder is checked without touching this file.
//!
//! A new group, or a change in what loclint reports, fails the test until its snapshot is
//! reviewed and accepted:
//!
//! ```sh
//! INSTA_UPDATE=always cargo test --test fixtures   # write the new listings
//! git diff tests/snapshots/                        # read every changed line, then commit
//! ```
//!
//! or, with cargo-insta installed, `cargo insta test --review`. Where the `CI` variable is set
//! (CI), insta writes nothing and a group without an accepted snapshot fails.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn snapshots_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// The group folders, sorted by name.
fn groups() -> Vec<String> {
    let mut groups: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures/ is readable")
        .map(|entry| entry.expect("a readable fixtures/ entry").path())
        .filter(|path| path.is_dir())
        .map(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .expect("group folder names are UTF-8")
                .to_string()
        })
        .collect();
    groups.sort();
    groups
}

/// What one run of loclint on a group gave.
struct Run {
    status: i32,
    findings: Vec<Value>,
    problems: Vec<Value>,
}

fn check(group: &str) -> Run {
    let config = fixtures_dir().join(group).join("loclint.toml");
    // From `fixtures/`, so that paths read `group/ja.txt`; a `loclint.toml` placed in the group
    // applies to it alone.
    let mut command = Command::cargo_bin("loclint").expect("the loclint binary is built");
    command
        .current_dir(fixtures_dir())
        .arg("check")
        .arg(group)
        .args(["--format", "json", "--color", "never"]);
    if config.is_file() {
        command.arg("--config").arg(&config);
    } else {
        command.arg("--no-config");
    }
    let output = command.output().expect("loclint runs");
    let stdout = String::from_utf8(output.stdout).expect("JSON output is UTF-8");
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|err| {
        panic!(
            "{group}: the output is not JSON ({err}); stderr:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    Run {
        status: output.status.code().expect("loclint exits with a status"),
        findings: json["findings"].as_array().expect("findings").clone(),
        problems: json["summary"]["problems"]
            .as_array()
            .expect("summary.problems")
            .clone(),
    }
}

/// A path from the output, relative to `fixtures/`, with forward slashes.
fn relative(path: &str) -> String {
    let path = Path::new(path);
    let relative = path.strip_prefix(fixtures_dir()).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is a string in {value}"))
}

fn number(value: &Value, key: &str) -> u64 {
    value[key]
        .as_u64()
        .unwrap_or_else(|| panic!("`{key}` is a number in {value}"))
}

/// One line per finding, in loclint's order (path, then position).
fn listing(findings: &[Value]) -> String {
    let mut out = String::new();
    for finding in findings {
        out.push_str(&format!(
            "{}:{}:{} {} {} {}",
            relative(text(finding, "path")),
            number(finding, "line"),
            number(finding, "column"),
            text(finding, "rule"),
            text(finding, "severity"),
            text(finding, "message"),
        ));
        let source = &finding["source"];
        if !source.is_null() {
            let (line, end_line) = (number(source, "line"), number(source, "end_line"));
            let lines = if line == end_line {
                line.to_string()
            } else {
                format!("{line}-{end_line}")
            };
            out.push_str(&format!(
                " (source {}:{lines})",
                relative(text(source, "path"))
            ));
        }
        out.push('\n');
    }
    out
}

fn expected_status(findings: &[Value]) -> i32 {
    let errors = findings.iter().any(|f| text(f, "severity") == "error");
    i32::from(errors)
}

#[test]
fn every_group_matches_its_snapshot() {
    let groups = groups();
    assert!(!groups.is_empty(), "no group found in fixtures/");
    let mut failures = Vec::new();
    for group in &groups {
        let run = check(group);
        if !run.problems.is_empty() {
            failures.push(format!(
                "{group}: loclint could not check it fully: {:?}",
                run.problems
            ));
            continue;
        }
        let expected = expected_status(&run.findings);
        if run.status != expected {
            failures.push(format!(
                "{group}: exit status {}, expected {expected}",
                run.status
            ));
        }
        let listing = listing(&run.findings);
        let snapshot = snapshots_dir().join(format!("fixtures__{group}.snap"));
        let accepted = snapshot.is_file();
        let compared = catch_unwind(AssertUnwindSafe(|| {
            insta::with_settings!({
                prepend_module_to_snapshot => true,
                omit_expression => true,
                description => format!("loclint check fixtures/{group}"),
            }, {
                insta::assert_snapshot!(group.as_str(), listing);
            });
        }));
        if compared.is_err() {
            failures.push(if accepted {
                format!("{group}: the findings differ from tests/snapshots/fixtures__{group}.snap")
            } else {
                format!(
                    "{group}: no accepted snapshot yet (tests/snapshots/fixtures__{group}.snap)"
                )
            });
        }
    }
    assert!(
        failures.is_empty(),
        "\n{}\n\nReview the listings above, then accept them with \
         `INSTA_UPDATE=always cargo test --test fixtures` (or `cargo insta review`) and commit \
         tests/snapshots/.\n",
        failures.join("\n")
    );
}

#[test]
fn clean_groups_have_no_finding() {
    let clean: Vec<String> = groups()
        .into_iter()
        .filter(|g| g.ends_with("-clean"))
        .collect();
    assert!(!clean.is_empty(), "no `-clean` group in fixtures/");
    for group in clean {
        let run = check(&group);
        assert!(
            run.findings.is_empty() && run.problems.is_empty(),
            "{group} is a faithful translation, yet loclint reports:\n{}{:?}",
            listing(&run.findings),
            run.problems
        );
        assert_eq!(run.status, 0, "{group}: exit status");
    }
}

#[test]
fn every_snapshot_belongs_to_a_group() {
    let groups = groups();
    let stale: Vec<String> = std::fs::read_dir(snapshots_dir())
        .expect("tests/snapshots/ is readable")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| {
            let group = name
                .strip_prefix("fixtures__")?
                .strip_suffix(".snap")?
                .to_string();
            (!groups.contains(&group)).then_some(name)
        })
        .collect();
    assert!(
        stale.is_empty(),
        "snapshots without a group in fixtures/: {stale:?}; delete them from tests/snapshots/"
    );
}
