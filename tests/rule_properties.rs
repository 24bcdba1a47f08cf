//! Whatever a source and its translation hold, every rule runs to the end: loclint exits with 0
//! or 1 (never a crash, never "could not check"), and every finding points inside its file.
//!
//! The pairs are made of what the content rules compare (code blocks and spans, images, links,
//! numbers, placeholders, tags and their attributes, front matter) in several scripts: a source,
//! and a translation that is the source with some lines replaced, dropped or repeated.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use assert_cmd::Command;
use proptest::prelude::*;
use serde_json::Value;

const LINES: &[&str] = &[
    "# Sizing the gateway",
    "## Limits {#limits}",
    "Run at least 3 replicas with 1,500 MB each, under 0.5% errors.",
    "Запустите не менее ٣ реплик по 1 500 МБ, ошибок меньше 0,5 %.",
    "دست‌کم ۳ نسخه با ۱٬۵۰۰ مگابایت اجرا کنید.",
    "少なくとも 3 つのレプリカを実行します。",
    "Use `gatewayctl scale --replicas=3` and `{{path/to/file}}`.",
    "Use `gatewayctl scale --replica=3` and `<your-name>`.",
    "![Diagram](img/flow-v2.png) <img src=\"/img/a.svg\" alt=\"a\">",
    "![Схема](img/flow-v1.ja.png)",
    "<Since v=\"4.1.0\" />",
    "<Since v=\"3.0\" /><Badge variant=\"tip\" text={\"x\"} />",
    "<Card icon=\"rocket\" title=\"Fast\">",
    "</Card>",
    "Welcome, ${user.name}! %1$s of %d :tada: <0>go</0> {count} {verb}",
    "See the [guide](/en/docs/guide/) and [notes](https://example.org/v4.1).",
    "```sh",
    "```",
    "~~~",
    "gatewayctl drain replica-1 --timeout=30s --force # drain it",
    "echo \"done\" 'x' `y` \"unclosed",
    "/* a comment",
    "*/ {{ {{ << <a-b> <<< \"\"\" ''' {x}",
    "- item with `code` and a [link](../x.md)",
    "| a | `b` | 3 |",
    "> quoted 2 times",
    "",
    "",
];

const FRONT: &[&str] = &[
    "",
    "---\ntitle: Sizing\ndate: 2026-03-14\nslug: sizing\nimage: /img/c.png\ncascade:\n  # do not copy to non-en pages\n  type: docs\n---\n",
    "---\ntitle: Размер\ndate: 2026-03-02T10:00:00Z\ntags: [a, b]\n---\n",
    "+++\ntitle = \"Sizing\"\ndate = 2026-03-14\nweight = 3\n+++\n",
    "---\n# DO NOT COPY the following config to non-en pages\nx: 1\n---\n",
];

fn article() -> impl Strategy<Value = (usize, Vec<usize>)> {
    (0..FRONT.len(), prop::collection::vec(0..LINES.len(), 0..40))
}

/// A translation made from the source: each line kept, replaced, dropped or repeated.
fn edits() -> impl Strategy<Value = Vec<(u8, usize)>> {
    prop::collection::vec((0u8..6, 0..LINES.len()), 0..40)
}

/// An article: front matter, a title (an empty file is refused on purpose), its lines.
fn render(front: usize, lines: &[usize]) -> String {
    let mut text = FRONT[front].to_string();
    text.push_str("# Article\n\n");
    for &line in lines {
        text.push_str(LINES[line]);
        text.push('\n');
    }
    text
}

fn translate(lines: &[usize], edits: &[(u8, usize)]) -> Vec<usize> {
    let mut out = Vec::new();
    for (n, &line) in lines.iter().enumerate() {
        match edits.get(n).copied().unwrap_or((0, 0)) {
            (1, other) => out.push(other),
            (2, _) => {}
            (3, _) => {
                out.push(line);
                out.push(line);
            }
            _ => out.push(line),
        }
    }
    out
}

static RUN: AtomicUsize = AtomicUsize::new(0);

fn scratch() -> PathBuf {
    let n = RUN.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "loclint-rule-properties-{}-{n}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn check_pair(extension: &str, source: &str, translation: &str) -> Result<(), TestCaseError> {
    let dir = scratch();
    std::fs::write(dir.join(format!("en.{extension}")), source).unwrap();
    std::fs::write(dir.join(format!("fr.{extension}")), translation).unwrap();
    std::fs::write(
        dir.join(format!("ja.{extension}")),
        source.replace("Sizing", "サイズ"),
    )
    .unwrap();
    let output = Command::cargo_bin("loclint")
        .unwrap()
        .current_dir(&dir)
        .args([
            "check",
            ".",
            "--format",
            "json",
            "--no-config",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    let status = output.status.code();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    let _ = std::fs::remove_dir_all(&dir);
    prop_assert!(
        matches!(status, Some(0 | 1)),
        "exit {status:?}\nsource:\n{source}\ntranslation:\n{translation}\nstderr:\n{stderr}"
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    for finding in json["findings"].as_array().unwrap() {
        let text = if finding["path"].as_str().unwrap().starts_with("fr") {
            translation.to_string()
        } else {
            source.replace("Sizing", "サイズ")
        };
        let lines = text.lines().count().max(1) as u64;
        let line = finding["line"].as_u64().unwrap();
        prop_assert!(
            line >= 1 && line <= lines + 1,
            "line {line} of {lines}: {finding}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_rule_runs_on_any_pair(
        (front, lines) in article(),
        edits in edits(),
        other_front in 0..FRONT.len(),
        mdx in any::<bool>(),
    ) {
        let source = render(front, &lines);
        let translation = render(if edits.len() % 2 == 0 { front } else { other_front }, &translate(&lines, &edits));
        check_pair(if mdx { "mdx" } else { "md" }, &source, &translation)?;
    }
}
