//! A corpus from `examples/gen-corpus` (article groups in twelve locales with planted defects)
//! is checked by the real binary: every planted defect is found by the rule meant to find it,
//! and nothing else is reported. The generator is seeded, so the corpus is the same each run;
//! two layouts are tried.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::loclint;

/// The generator, which `cargo test` builds beside the binary.
fn generator() -> PathBuf {
    let bin = Path::new(env!("CARGO_BIN_EXE_loclint"));
    let name = format!("gen-corpus{}", std::env::consts::EXE_SUFFIX);
    let path = bin.parent().expect("a folder").join("examples").join(name);
    assert!(
        path.exists(),
        "{} is missing: build it with `cargo build --examples`",
        path.display()
    );
    path
}

fn check_generated(layout: &str, seed: &str) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("corpus");
    let status = Command::new(generator())
        .args([
            "--groups", "60", "--seed", seed, "--layout", layout, "--out",
        ])
        .arg(&out)
        .status()
        .expect("the generator runs");
    assert!(status.success());

    // (file, rule) -> planted defects.
    let planted_text = std::fs::read_to_string(out.join("defects.tsv")).expect("defects.tsv");
    let mut planted: BTreeMap<(String, String), usize> = BTreeMap::new();
    for line in planted_text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        *planted
            .entry((cols[0].to_string(), cols[3].to_string()))
            .or_default() += 1;
    }
    assert!(
        planted.len() >= 40,
        "too few defects planted: {}",
        planted.len()
    );

    let run = loclint(&out, &["check", ".", "--format", "json"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let mut found: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for finding in report["findings"].as_array().expect("findings") {
        let path = finding["path"]
            .as_str()
            .unwrap_or_default()
            .replace('\\', "/");
        let rule = finding["rule"].as_str().unwrap_or_default().to_string();
        found.entry((path, rule)).or_default().push(format!(
            "{}: {}",
            finding["line"],
            finding["message"].as_str().unwrap_or_default()
        ));
    }
    let missed: Vec<&(String, String)> =
        planted.keys().filter(|k| !found.contains_key(*k)).collect();
    let unplanted: Vec<(&(String, String), &Vec<String>)> = found
        .iter()
        .filter(|(k, _)| !planted.contains_key(*k))
        .collect();
    assert!(
        missed.is_empty() && unplanted.is_empty(),
        "planted defects missed: {missed:#?}\nfindings for no planted defect: {unplanted:#?}"
    );
}

#[test]
fn every_planted_defect_is_found_and_nothing_else_with_files_side_by_side() {
    check_generated("siblings", "11");
}

#[test]
fn every_planted_defect_is_found_and_nothing_else_in_locale_folders() {
    check_generated("folders", "12");
}
