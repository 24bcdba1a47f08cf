//! SARIF output validated against the official SARIF 2.1.0 JSON schema (OASIS, final
//! `2.1.0-rtm.5`), kept in `tests/schemas/sarif-2.1.0.json`. It was taken from the npm package
//! `@microsoft/jest-sarif` 1.0.0-beta.0 (MIT), `lib/schemas/sarif-2.1.0-rtm.5.json`.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn sarif(dir: &Path, args: &[&str]) -> Value {
    let out = Command::cargo_bin("loclint")
        .expect("the loclint binary")
        .current_dir(dir)
        .args(["check", "--no-config", "--format", "sarif"])
        .args(args)
        .output()
        .expect("loclint runs");
    serde_json::from_slice(&out.stdout).expect("SARIF is JSON")
}

/// Rewrites `…{2}]?$` patterns to `…{2}\\]?$`, returning how many it rewrote.
fn escape_bare_brackets(value: &mut Value) -> usize {
    const BARE: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match value {
        Value::Object(map) => {
            let mut fixed = 0;
            for (key, child) in map.iter_mut() {
                if key == "pattern" && child == BARE {
                    *child = Value::from(BARE.replace("}]?$", "}\\]?$"));
                    fixed += 1;
                } else {
                    fixed += escape_bare_brackets(child);
                }
            }
            fixed
        }
        Value::Array(items) => items.iter_mut().map(escape_bare_brackets).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_of_every_fixture_and_the_seed_group_is_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/schemas/sarif-2.1.0.json")).unwrap(),
    )
    .unwrap();
    // The published `language` patterns end in a bare `]`, which ECMA-262 reads as a literal
    // and Rust's regex refuses: escaped here, in memory, with the same meaning.
    let fixed = escape_bare_brackets(&mut schema);
    assert!(
        fixed >= 1,
        "the schema changed: look at its `language` patterns again"
    );
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    for (dir, args) in [
        (root.join("fixtures"), vec!["."]),
        (root.join("../shared/seeds"), vec!["know-your-terminology"]),
        // A capped report, with its notification of what it left out.
        (root.join("fixtures"), vec![".", "--max-results", "3"]),
    ] {
        let document = sarif(&dir, &args);
        let results = document["runs"][0]["results"].as_array().unwrap();
        assert!(!results.is_empty(), "{}", dir.display());
        let errors: Vec<String> = validator
            .iter_errors(&document)
            .take(10)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{} {args:?}:\n{}",
            dir.display(),
            errors.join("\n")
        );
    }
    // The schema is strict enough to catch a broken document.
    let mut broken = sarif(&root.join("fixtures"), &["."]);
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
}
