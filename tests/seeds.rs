//! The real article group in `../shared/seeds/know-your-terminology` (see its README): what the
//! three headline rules must find there, exactly, and what they must leave alone.
//!
//! The repository is checked out with `shared/` beside it, locally and in CI.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/know-your-terminology"
);

const RULES: &[&str] = &[
    "duplicate-section",
    "untranslated-text",
    "structure-mismatch",
];

/// Latin-script tokens that belong in both translations.
const LEGITIMATE: &[&str] = &[
    "CX",
    "CS",
    "CSM",
    "SaaS",
    "Guru",
    "cx-cs-part-of-whole-blog.png",
];

const TITLE: &str = "Know Your Terminology: Customer Support vs Customer Experience";

struct Run {
    status: i32,
    findings: Vec<Value>,
}

fn check_seed() -> Run {
    assert!(
        Path::new(SEED).is_dir(),
        "{SEED} is missing: check out shared/ beside this repository"
    );
    let output = Command::cargo_bin("loclint")
        .expect("the loclint binary is built")
        // The defaults, whatever loclint.toml lies above the working folder.
        .args(["check", SEED, "--format", "json", "--no-config"])
        .output()
        .expect("loclint runs");
    let json: Value = serde_json::from_slice(&output.stdout).expect("the output is JSON");
    let findings = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| RULES.contains(&f["rule"].as_str().unwrap_or("")))
        .cloned()
        .collect();
    Run {
        status: output.status.code().expect("an exit status"),
        findings,
    }
}

fn file_name(finding: &Value) -> &str {
    let path = finding["path"].as_str().expect("path");
    Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a file name")
}

/// `file line:column-end_line:end_column rule severity excerpt-or-message`.
fn summary(finding: &Value) -> String {
    let n = |key: &str| finding[key].as_u64().expect("a number");
    let s = |key: &str| finding[key].as_str().expect("a string");
    let what = if s("rule") == "duplicate-section" {
        s("message")
    } else {
        s("excerpt")
    };
    format!(
        "{} {}:{}-{}:{} {} {} {what}",
        file_name(finding),
        n("line"),
        n("column"),
        n("end_line"),
        n("end_column"),
        s("rule"),
        s("severity"),
    )
}

#[test]
fn the_seed_defects_are_found_exactly() {
    let run = check_seed();
    let found: Vec<String> = run.findings.iter().map(summary).collect();
    let title_end = TITLE.chars().count() + 1;
    // A duplicated run ends at the end of line 44 (Arabic: 250 characters, Hindi: 281).
    let expected = vec![
        format!("ar.txt 1:1-1:{title_end} untranslated-text error {TITLE}"),
        "ar.txt 26:1-44:251 duplicate-section error lines 26-44 repeat lines 6-24, 10 blocks"
            .to_string(),
        format!("hi.txt 1:1-1:{title_end} untranslated-text error {TITLE}"),
        "hi.txt 6:126-6:134 untranslated-text warning Products".to_string(),
        "hi.txt 26:1-44:282 duplicate-section error lines 26-44 repeat lines 6-24, 10 blocks"
            .to_string(),
    ];
    // A defect inside the pasted copy is reported once, in the copy that stays: deleting the
    // copy removes its twin.
    assert_eq!(found, expected);
    assert_eq!(run.status, 1, "findings at error level exit with 1");
}

#[test]
fn the_titles_and_fragments_point_at_the_source() {
    let run = check_seed();
    for finding in &run.findings {
        let rule = finding["rule"].as_str().unwrap();
        let line = finding["line"].as_u64().unwrap();
        let message = finding["message"].as_str().unwrap();
        match (rule, line) {
            ("untranslated-text", 1) => {
                assert_eq!(
                    message,
                    "untranslated title: identical to the English source"
                );
                assert_eq!(finding["source"]["line"], 1);
                assert!(finding["source"]["path"]
                    .as_str()
                    .unwrap()
                    .ends_with("en.txt"));
            }
            ("untranslated-text", _) => {
                assert!(message.contains("\"Products\""), "{message}");
                assert!(message.contains("glued to \"उप\""), "{message}");
            }
            ("duplicate-section", _) => {
                let related = finding["related"].as_array().unwrap();
                assert_eq!(related.len(), 1, "{finding}");
                assert_eq!(related[0]["line"], 6);
                assert_eq!(related[0]["end_line"], 24);
            }
            _ => panic!("unexpected finding {finding}"),
        }
    }
    // The fragment in the first copy is aligned with source line 6; the second copy is the
    // duplicate, which has no source block of its own.
    let first_fragment = run
        .findings
        .iter()
        .find(|f| f["line"] == 6)
        .expect("the fragment on line 6");
    assert_eq!(first_fragment["source"]["line"], 6);
}

#[test]
fn legitimate_latin_tokens_are_not_flagged() {
    let run = check_seed();
    for finding in &run.findings {
        let message = finding["message"].as_str().unwrap();
        // A duplicate-section excerpt is the whole repeated run, which holds every token.
        let excerpt = if finding["rule"] == "duplicate-section" {
            ""
        } else {
            finding["excerpt"].as_str().unwrap()
        };
        for token in LEGITIMATE {
            let mentions = |text: &str| {
                text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
                    .any(|word| word.trim_end_matches('.') == *token)
            };
            assert!(
                !mentions(excerpt) && !mentions(message),
                "`{token}` is legitimate, yet: {}",
                summary(finding)
            );
        }
    }
}

#[test]
fn the_structure_matches_the_source() {
    let run = check_seed();
    let structure: Vec<String> = run
        .findings
        .iter()
        .filter(|f| f["rule"] == "structure-mismatch")
        .map(summary)
        .collect();
    assert_eq!(structure, Vec::<String>::new());
}
