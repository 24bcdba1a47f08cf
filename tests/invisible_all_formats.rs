//! A translation carrying U+202E RIGHT-TO-LEFT OVERRIDE is reported with the code point in every
//! output format, and the override itself never reaches the output raw, where it would reorder
//! the report on a terminal or in a log viewer.
//!
//! The formats are the ones `--format` accepts, read from `OutputFormat`: a new format is checked
//! here without editing this file. Checks that only hold for one format go in `format_checks`.

use assert_cmd::Command;
use clap::ValueEnum;
use loclint::report::OutputFormat;
use serde_json::Value;

const RLO: char = '\u{202E}';

/// An article group: an English source and an Arabic translation with an override in it.
fn article() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let group = dir.path().join("reset-password");
    std::fs::create_dir(&group).unwrap();
    std::fs::write(
        group.join("en.txt"),
        "Resetting Your Password\n\nOpen the account page and choose a new password.\n",
    )
    .unwrap();
    std::fs::write(
        group.join("ar.txt"),
        format!("إعادة تعيين كلمة المرور\n\nافتح صفحة الحساب واختر كلمة {RLO}مرور جديدة.\n"),
    )
    .unwrap();
    dir
}

fn run(dir: &tempfile::TempDir, format: &str) -> String {
    let output = Command::cargo_bin("loclint")
        .unwrap()
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "--format",
            format,
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{format}: an override is an error\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

fn format_names() -> Vec<String> {
    OutputFormat::value_variants()
        .iter()
        .map(|f| f.to_possible_value().unwrap().get_name().to_string())
        .collect()
}

#[test]
fn every_format_names_the_override_and_never_prints_it() {
    let dir = article();
    let names = format_names();
    assert!(names.len() >= 2, "{names:?}");
    for format in &names {
        let out = run(&dir, format);
        assert!(out.contains("invisible-character"), "{format}:\n{out}");
        assert!(
            out.contains("bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE"),
            "{format}:\n{out}"
        );
        assert!(
            !out.contains(RLO),
            "{format} prints the raw override:\n{out}"
        );
        format_checks(format, &out);
    }
}

fn format_checks(format: &str, out: &str) {
    match format {
        "human" => human_frame_shows_the_override_escaped(out),
        "json" => json_excerpt_holds_the_character(out),
        _ => {}
    }
}

/// The code frame shows `<U+202E>` in place of the override, underlined where it stands.
fn human_frame_shows_the_override_escaped(out: &str) {
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("| ") && l.contains("<U+202E>"))
        .unwrap_or_else(|| panic!("no code frame line with <U+202E>:\n{out}"));
    let column = |line: &str, needle: &str| line[..line.find(needle).unwrap()].chars().count();
    assert_eq!(
        column(lines[at], "<U+202E>"),
        column(lines[at + 1], "^^^^^^^^"),
        "underline not under the escape:\n{}\n{}",
        lines[at],
        lines[at + 1]
    );
}

/// The excerpt holds the override itself, written as a JSON escape.
fn json_excerpt_holds_the_character(out: &str) {
    assert!(out.contains(r#""excerpt": "\u202e""#), "{out}");
    let report: Value = serde_json::from_str(out).unwrap();
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "invisible-character")
        .unwrap();
    assert_eq!(finding["excerpt"], RLO.to_string());
    assert_eq!(finding["severity"], "error");
}

/// Text that would display otherwise than the file holds: a terminal escape sequence that
/// recolours, tag characters that carry hidden words, an invisible separator. Each is reported
/// by name and none reaches any output raw.
#[test]
fn every_format_escapes_terminal_sequences_and_hidden_text() {
    let dir = tempfile::tempdir().unwrap();
    let group = dir.path().join("sign-in");
    std::fs::create_dir(&group).unwrap();
    std::fs::write(
        group.join("en.txt"),
        "Signing In\n\nOpen the account page and sign in.\n\nChoose a new password.\n",
    )
    .unwrap();
    let hidden: String = "ignore this"
        .chars()
        .map(|c| char::from_u32(0xE0000 + c as u32).unwrap())
        .collect();
    std::fs::write(
        group.join("ar.txt"),
        format!(
            "تسجيل الدخول\n\nافتح صفحة الحساب \u{1b}[31mوسجّل\u{1b}[0m الدخول.\n\nاختر كلمة{hidden} مرور\u{2063} جديدة.\n"
        ),
    )
    .unwrap();
    let raw = ['\u{1b}', '\u{E0069}', '\u{2063}'];
    for format in &format_names() {
        let out = run(&dir, format);
        for c in raw {
            assert!(
                !out.contains(c),
                "{format} prints U+{:04X} raw:\n{out}",
                c as u32
            );
        }
        for said in [
            "terminal escape sequence",
            "hiding the text",
            "U+2063 INVISIBLE SEPARATOR",
        ] {
            assert!(out.contains(said), "{format} does not say {said:?}:\n{out}");
        }
    }
}

/// A message that quotes the source (a paragraph the translation lacks) quotes it escaped: the
/// escape sequence in the source reaches no format raw. Found by the `render` fuzz target.
#[test]
fn every_format_escapes_what_a_message_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let group = dir.path().join("boards");
    std::fs::create_dir(&group).unwrap();
    std::fs::write(
        group.join("en.txt"),
        "Boards\n\nA board for every project.\n\nA board for every pro\u{1b}[2Jduct.\n\nShare boards with your team.\n",
    )
    .unwrap();
    std::fs::write(
        group.join("ar.txt"),
        "اللوحات\n\nلوحة لكل مشروع.\n\nشارك اللوحات مع فريقك.\n",
    )
    .unwrap();
    for format in &format_names() {
        let out = run(&dir, format);
        assert!(out.contains("missing paragraph"), "{format}:\n{out}");
        assert!(!out.contains('\u{1b}'), "{format} prints ESC raw:\n{out}");
    }
}
