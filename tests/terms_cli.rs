//! Terminology through the real binary: the seed group with a glossary and without one,
//! `loclint terms`, starter glossaries, and broken glossaries.
//!
//! The seed group is read from `../shared/seeds/know-your-terminology`.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/know-your-terminology"
);

const TERM_RULES: &[&str] = &["glossary-term", "do-not-translate", "inconsistent-term"];

/// The seed group copied into a fresh folder, with `files` (name, text) beside it.
fn seed_copy(files: &[(&str, &str)]) -> tempfile::TempDir {
    assert!(
        Path::new(SEED).is_dir(),
        "{SEED} is missing: check out shared/ beside this repository"
    );
    let dir = tempfile::tempdir().expect("a temporary folder");
    for name in ["en.txt", "ar.txt", "hi.txt"] {
        std::fs::copy(Path::new(SEED).join(name), dir.path().join(name)).expect("copied");
    }
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("written");
    }
    dir
}

fn loclint(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("loclint")
        .expect("the loclint binary is built")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("loclint runs")
}

/// `file line rule`, for the terminology rules.
fn term_findings(dir: &Path) -> Vec<(String, u64, String, String)> {
    let output = loclint(dir, &["check", ".", "--format", "json"]);
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| TERM_RULES.contains(&f["rule"].as_str().unwrap_or("")))
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
                f["excerpt"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn row(path: &str, line: u64, rule: &str, excerpt: &str) -> (String, u64, String, String) {
    (path.into(), line, rule.into(), excerpt.into())
}

#[test]
fn the_seed_with_a_glossary() {
    let dir = seed_copy(&[
        (
            "loclint.toml",
            "[terminology]\nglossaries = [\"terms.csv\"]\n",
        ),
        (
            "terms.csv",
            "en,hi,do-not-translate\nproduct,उत्पाद,no\nGuru,,yes\n",
        ),
    ]);
    let found = term_findings(dir.path());
    assert_eq!(
        found,
        vec![
            row("hi.txt", 10, "glossary-term", "प्रोडक्ट"),
            row("hi.txt", 22, "do-not-translate", "गुरु"),
            row("hi.txt", 22, "glossary-term", "प्रोडक्ट"),
            row("hi.txt", 46, "do-not-translate", "गुरु"),
            row("hi.txt", 46, "glossary-term", "प्रोडक्ट"),
        ]
    );
}

#[test]
fn the_seed_without_a_glossary() {
    let dir = seed_copy(&[]);
    let found = term_findings(dir.path());
    assert_eq!(
        found,
        vec![
            row("hi.txt", 6, "inconsistent-term", "उत्पाद"),
            row("hi.txt", 22, "do-not-translate", "गुरु"),
            row("hi.txt", 46, "do-not-translate", "गुरु"),
        ]
    );
    let output = loclint(dir.path(), &["check", "hi.txt", "--format", "json"]);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let inconsistency = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "inconsistent-term")
        .expect("the inconsistency");
    // The duplicated copy (lines 26-44) counts once: three places, not five.
    assert_eq!(
        inconsistency["message"],
        "`product` is `प्रोडक्ट` 3 times in this translation (lines 10, 22, 46) and `उत्पाद` here"
    );
    assert_eq!(inconsistency["related"].as_array().unwrap().len(), 3);
}

#[test]
fn terms_lists_the_names_and_renderings_of_the_seed() {
    let dir = seed_copy(&[]);
    let output = loclint(dir.path(), &["terms", "--locale", "hi", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let terms = json[0]["terms"].as_array().unwrap();
    let term = |name: &str| {
        terms
            .iter()
            .find(|t| t["term"] == name)
            .unwrap_or_else(|| panic!("`{name}` is listed"))
    };
    for name in ["Guru", "CX", "CS", "SaaS"] {
        assert_eq!(term(name)["kind"], "name");
    }
    let product: Vec<(String, u64)> = term("product")["renderings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["text"].as_str().unwrap().to_string(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        product,
        vec![("प्रोडक्ट".to_string(), 3), ("उत्पाद".to_string(), 1)]
    );
    let human = loclint(dir.path(), &["terms"]);
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains("hi: "), "{text}");
    assert!(text.contains("प्रोडक्ट  3x  transliteration"), "{text}");
}

#[test]
fn a_starter_glossary_reads_back_and_is_never_overwritten() {
    let dir = seed_copy(&[]);
    for name in ["starter.csv", "starter.tbx"] {
        let output = loclint(dir.path(), &["terms", "--write-glossary", name]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let written = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(written.contains("प्रोडक्ट"), "{written}");
        // The glossary is read back by check: the minority rendering is now deprecated.
        std::fs::write(
            dir.path().join("loclint.toml"),
            format!("[terminology]\nglossaries = [\"{name}\"]\n"),
        )
        .unwrap();
        let found = term_findings(dir.path());
        assert!(
            found.contains(&row("hi.txt", 6, "glossary-term", "उत्पाद")),
            "{name}: {found:?}"
        );
        std::fs::remove_file(dir.path().join("loclint.toml")).unwrap();
        let again = loclint(dir.path(), &["terms", "--write-glossary", name]);
        assert_eq!(again.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&again.stderr).contains("exists"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
            written
        );
    }
}

/// The error a broken glossary gives: its exit status and message.
fn broken(glossary_name: &str, glossary: &str) -> (Option<i32>, String) {
    let dir = seed_copy(&[
        (
            "loclint.toml",
            &format!("[terminology]\nglossaries = [\"{glossary_name}\"]\n"),
        ),
        (glossary_name, glossary),
    ]);
    let output = loclint(dir.path(), &["check", "."]);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_broken_glossary_names_its_file_and_line() {
    let (status, message) = broken("terms.csv", "en,hi\nproduct,उत्पाद\nbrand,ब्रांड,extra\n");
    assert_eq!(status, Some(2));
    assert!(message.contains("terms.csv:3:"), "{message}");
    assert!(message.contains("3 cells"), "{message}");

    let (status, message) = broken("terms.tsv", "en\tzz\nproduct\tx\n");
    assert_eq!(status, Some(2));
    assert!(message.contains("terms.tsv:1:"), "{message}");
    assert!(message.contains("`zz`"), "{message}");

    let (status, message) = broken(
        "terms.tbx",
        "<martif type=\"TBX-Basic\">\n<text><body>\n<termEntry>\n</langSet>\n</body></text></martif>\n",
    );
    assert_eq!(status, Some(2));
    assert!(message.contains("terms.tbx:4:"), "{message}");
    assert!(message.contains("not well-formed XML"), "{message}");
}

#[test]
fn a_missing_glossary_is_named() {
    let dir = seed_copy(&[(
        "loclint.toml",
        "[terminology]\nglossaries = [\"nowhere.csv\"]\n",
    )]);
    let output = loclint(dir.path(), &["check", "."]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("nowhere.csv"), "{message}");
}
