//! The typography fixtures through the real binary: one article in ten languages, with
//! typographic defects (`fixtures/typography`) and without (`fixtures/typography-clean`).

use assert_cmd::Command;
use serde_json::Value;

fn findings(group: &str) -> (Value, Vec<(String, u64, String)>) {
    let path = format!("{}/fixtures/{group}", env!("CARGO_MANIFEST_DIR"));
    let output = Command::cargo_bin("loclint")
        .unwrap()
        .args(["check", &path, "--format", "json", "--no-config"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    let mut found: Vec<(String, u64, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            (
                path.rsplit(['/', '\\']).next().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    (report, found)
}

#[test]
fn the_clean_article_has_no_findings_in_any_language() {
    let (report, found) = findings("typography-clean");
    assert_eq!(report["summary"]["files_checked"], 10);
    assert_eq!(found, vec![]);
}

#[test]
fn each_defect_is_reported_once_and_nothing_else() {
    let (report, found) = findings("typography");
    assert_eq!(report["summary"]["files_checked"], 10);
    let expected: Vec<(String, u64, String)> = [
        ("ar.txt", 3, "locale-punctuation"),  // Latin `?`
        ("ar.txt", 5, "locale-punctuation"),  // question ending in `.`
        ("ar.txt", 7, "locale-punctuation"),  // Latin `,`
        ("ar.txt", 7, "mismatched-quotes"),   // `«…"`
        ("ar.txt", 7, "unbalanced-pair"),     // `(` never closed
        ("ar.txt", 11, "spacing"),            // `،واجعل`
        ("ar.txt", 15, "repeated-word"),      // `إلى إلى`
        ("de.txt", 3, "spacing"),             // `wichtig ?`
        ("de.txt", 7, "mismatched-quotes"),   // `„…"`
        ("de.txt", 7, "unbalanced-pair"),     // `(` never closed
        ("de.txt", 11, "repeated-word"),      // `jeden jeden`
        ("es.txt", 3, "locale-punctuation"),  // no `¿`
        ("es.txt", 7, "mismatched-quotes"),   // `«…"`
        ("es.txt", 7, "spacing"),             // double space
        ("es.txt", 13, "locale-punctuation"), // question heading without `?`
        ("es.txt", 15, "locale-punctuation"), // no `¡`
        ("fa.txt", 3, "locale-punctuation"),  // Latin `?`
        ("fa.txt", 7, "locale-punctuation"),  // Latin `,`
        ("fa.txt", 7, "repeated-word"),       // `را را`
        ("fa.txt", 7, "spacing"),             // `خطا )`
        ("fr.txt", 3, "locale-punctuation"),  // `elles?`
        ("fr.txt", 7, "locale-punctuation"),  // `simplement:`
        ("fr.txt", 7, "locale-punctuation"),  // `«Une`
        ("fr.txt", 7, "locale-punctuation"),  // `eux.»`
        ("fr.txt", 7, "spacing"),             // `Reyes ,`
        ("fr.txt", 11, "mismatched-quotes"),  // `“…”` among `«…»`
        ("fr.txt", 11, "repeated-word"),      // `les les`
        ("fr.txt", 11, "spacing"),            // trailing spaces
        ("hi.txt", 3, "locale-punctuation"),  // Latin `.`
        ("hi.txt", 5, "locale-punctuation"),  // question ending in `।`
        ("hi.txt", 7, "spacing"),             // `कारण(उदाहरण`
        ("hi.txt", 7, "unbalanced-pair"),     // `"` never closed
        ("hi.txt", 11, "mismatched-quotes"),  // `“…"`
        ("hi.txt", 11, "repeated-word"),      // `को को`
        ("hi.txt", 15, "spacing"),            // double space
        ("hi.txt", 15, "spacing"),            // `चाहिए ?`
        ("hi.txt", 15, "spacing"),            // trailing space
        ("ja.txt", 5, "locale-punctuation"),  // question heading without `？`
        ("ja.txt", 7, "locale-punctuation"),  // half-width `,`
        ("ja.txt", 7, "mismatched-quotes"),   // `「…”`
        ("ja.txt", 7, "spacing"),             // double space
        ("ja.txt", 15, "locale-punctuation"), // half-width `!`
        ("ko.txt", 7, "mismatched-quotes"),   // `“…"`
        ("ko.txt", 7, "spacing"),             // `수정합니다.수석`
        ("ko.txt", 7, "unbalanced-pair"),     // `(` never closed
        ("ko.txt", 11, "repeated-word"),      // `각 각`
        ("ko.txt", 15, "spacing"),            // `필요하신가요 ?`
        ("ru.txt", 3, "spacing"),             // `команд ,`
        ("ru.txt", 7, "repeated-word"),       // `любое любое`
        ("ru.txt", 7, "spacing"),             // `сбоев.Наш`
        ("ru.txt", 7, "unbalanced-pair"),     // `))`
        ("ru.txt", 11, "mismatched-quotes"),  // `“…”` among `«…»`
        ("zh.txt", 5, "locale-punctuation"),  // half-width `?`
        ("zh.txt", 7, "locale-punctuation"),  // half-width `.`
        ("zh.txt", 7, "locale-punctuation"),  // half-width `,`
        ("zh.txt", 7, "unbalanced-pair"),     // `（` never closed
        ("zh.txt", 11, "mismatched-quotes"),  // `「…」` among `“…”`
    ]
    .into_iter()
    .map(|(file, line, rule)| (file.to_string(), line, rule.to_string()))
    .collect();
    assert_eq!(found, expected);
}
