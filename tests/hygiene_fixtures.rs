//! The fixture article groups of the character-level rules (`mixed-script-word`,
//! `invisible-character`, `encoding-damage`): every finding the binary reports on each, so that a
//! rule that starts firing on correct text, or stops firing on a defect, fails here.

use assert_cmd::Command;
use serde_json::Value;

/// (file, line, rule, message) of every expected finding; an empty list means a clean group.
type Expected = &'static [(&'static str, u64, &'static str, &'static str)];

fn findings(fixture: &str) -> Vec<(String, u64, String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(fixture);
    let output = Command::cargo_bin("loclint")
        .unwrap()
        .args(["check", "--no-config", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "{fixture}: not JSON ({err}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    assert_eq!(
        report["summary"]["problems"],
        Value::Array(Vec::new()),
        "{fixture}"
    );
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let file = path.rsplit(['/', '\\']).next().unwrap().to_string();
            (
                file,
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn assert_findings(fixture: &str, expected: Expected) {
    let expected: Vec<(String, u64, String, String)> = expected
        .iter()
        .map(|&(file, line, rule, message)| (file.into(), line, rule.into(), message.into()))
        .collect();
    assert_eq!(findings(fixture), expected, "{fixture}");
}

#[test]
fn homoglyphs_in_russian() {
    assert_findings(
        "homoglyph-ru",
        &[
            (
                "ru.txt",
                7,
                "mixed-script-word",
                "Latin `o` (U+006F) inside Cyrillic word \"пoиск\"",
            ),
            (
                "ru.txt",
                7,
                "mixed-script-word",
                "Cyrillic `е` (U+0435) inside Latin word \"Zеndesk\"",
            ),
        ],
    );
}

#[test]
fn korean_particles_on_latin_acronyms() {
    assert_findings("particle-ko", &[]);
}

#[test]
fn hebrew_with_a_stray_override() {
    // `לGoogle` and `ה-API` are Hebrew prefixes on names; the RIGHT-TO-LEFT MARK after
    // `Google Drive` keeps the full stop in place. Only the override is a defect.
    assert_findings(
        "rlo-he",
        &[(
            "he.txt",
            7,
            "invisible-character",
            "bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE",
        )],
    );
}

#[test]
fn persian_zero_width_non_joiners() {
    assert_findings("zwnj-fa", &[]);
}

#[test]
fn mojibake_and_decomposed_text_beside_real_accents() {
    // German, French (no-break spaces inside guillemets) and Icelandic are clean; the C1
    // control and the soft hyphen inside the Spanish mojibake are not reported again.
    assert_findings(
        "cafe-accents",
        &[
            (
                "es.txt",
                3,
                "encoding-damage",
                "mojibake \"Ã©\" for \"é\" (UTF-8 read as Windows-1252)",
            ),
            (
                "es.txt",
                7,
                "encoding-damage",
                "mojibake \"â€œ\" for \"“\" (UTF-8 read as Windows-1252)",
            ),
            (
                "es.txt",
                7,
                "encoding-damage",
                "mojibake \"â€<U+009D>\" for \"”\" (UTF-8 read as Windows-1252)",
            ),
            (
                "es.txt",
                9,
                "encoding-damage",
                "mojibake \"Ã<U+00AD>\" for \"í\" (UTF-8 read as Windows-1252)",
            ),
            (
                "pt.txt",
                3,
                "unnormalized-text",
                "text not in NFC: \"ã\" written as U+0061 U+0303 (NFC: U+00E3)",
            ),
        ],
    );
}
