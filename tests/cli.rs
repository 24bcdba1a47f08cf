//! The command line as users run it: bad input, exit statuses, rule documentation, colour and
//! the JSON schema. Each test builds its own tree of articles in a temporary folder and runs the
//! real binary there (loclint looks for `loclint.toml` from the current folder upward).

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{assert_no_panic, loclint, loclint_with, native, tree, Run};

const RULE_IDS: &[&str] = &[
    "duplicate-section",
    "untranslated-text",
    "structure-mismatch",
];

const EN: &str = "Reset your password\n\nOpen the sign-in page and choose Forgot password. We send a link to your e-mail address within 5 minutes.\n\nThe link works for 24 hours. After that, ask for a new one from the same page.\n";

/// The Arabic translation with its title left in English: one error.
const AR_TITLE_LEFT: &str = "Reset your password\n\nافتح صفحة تسجيل الدخول واختر «نسيت كلمة المرور». نرسل رابطًا إلى بريدك الإلكتروني خلال ٥ دقائق.\n\nيعمل الرابط لمدة ٢٤ ساعة. بعد ذلك، اطلب رابطًا جديدًا من الصفحة نفسها.\n";

/// The Arabic translation with two English words left in it: one warning.
const AR_FRAGMENT: &str = "إعادة تعيين كلمة المرور\n\nافتح صفحة تسجيل الدخول واختر «forgot password». نرسل رابطًا إلى بريدك الإلكتروني خلال ٥ دقائق.\n\nيعمل الرابط لمدة ٢٤ ساعة. بعد ذلك، اطلب رابطًا جديدًا من الصفحة نفسها.\n";

/// A tree with a good group, `good/`, whose Arabic title was left in English, and `extra` files.
fn beside_a_good_group(extra: &[(&str, &[u8])]) -> TempDir {
    let mut files: Vec<(&str, &[u8])> = vec![
        ("good/en.txt", EN.as_bytes()),
        ("good/ar.txt", AR_TITLE_LEFT.as_bytes()),
    ];
    files.extend_from_slice(extra);
    tree(&files)
}

/// Exit status 2, a message on standard error that names `file` and says `what`, no panic, and
/// the good group still checked: its finding is on standard output.
fn assert_trouble_reported(run: &Run, file: &str, what: &str) {
    assert_eq!(run.status, 2, "stderr:\n{}", run.stderr);
    let error = run
        .stderr
        .lines()
        .find(|line| line.contains(&native(file)))
        .unwrap_or_else(|| panic!("no message names {file}:\n{}", run.stderr));
    assert!(
        error.contains(what),
        "the message on {file} does not say `{what}`: {error}"
    );
    assert_no_panic(run);
    assert!(
        run.stdout.contains(&native("good/ar.txt"))
            && run
                .stdout
                .contains("untranslated title: identical to the English source"),
        "the good file was not checked:\n{}",
        run.stdout
    );
}

fn check(dir: &TempDir, extra_args: &[&str]) -> Run {
    let mut args = vec!["check", ".", "--color", "never"];
    args.extend_from_slice(extra_args);
    loclint(dir.path(), &args)
}

#[test]
fn invalid_utf8_is_located_and_the_rest_checked() {
    let dir = beside_a_good_group(&[
        ("bad/en.txt", EN.as_bytes()),
        ("bad/ar.txt", b"\xd8\xb9\xd9\x86\n\nab\xffcd\n"),
    ]);
    let run = check(&dir, &[]);
    assert_trouble_reported(&run, "bad/ar.txt", "invalid UTF-8");
    assert!(run
        .stderr
        .contains(&format!("{}:3:3:", native("bad/ar.txt"))));
}

#[test]
fn an_empty_file_is_reported_and_the_rest_checked() {
    let dir = beside_a_good_group(&[("bad/en.txt", EN.as_bytes()), ("bad/hi.txt", b"")]);
    let run = check(&dir, &[]);
    assert_trouble_reported(&run, "bad/hi.txt", "the file is empty");
}

#[test]
fn a_binary_file_is_reported_and_the_rest_checked() {
    let dir = beside_a_good_group(&[
        ("bad/en.txt", EN.as_bytes()),
        ("bad/ja.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0"),
    ]);
    let run = check(&dir, &[]);
    assert_trouble_reported(&run, "bad/ja.txt", "binary file");
}

#[test]
fn a_translation_without_its_source_is_a_finding_and_the_rest_checked() {
    let dir = beside_a_good_group(&[(
        "news/launch.hi.txt",
        "पासवर्ड बदलें\n\nसाइन-इन पेज खोलें।\n".as_bytes(),
    )]);
    let run = check(&dir, &[]);
    assert_eq!(run.status, 1, "stderr:\n{}", run.stderr);
    assert_no_panic(&run);
    assert!(
        run.stdout.contains("error[missing-source]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&native("news/launch.hi.txt:1:1")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&native("news/launch.en.txt")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("untranslated title"), "{}", run.stdout);
}

/// A broken `loclint.toml` stops the run before anything is checked: exit 2, one message that
/// names the file, its line and what is wrong, and no findings judged by unmeant settings.
fn assert_config_stops_the_run(run: &Run, what: &str) {
    assert_eq!(run.status, 2, "stderr:\n{}", run.stderr);
    assert_no_panic(run);
    let error = run
        .stderr
        .lines()
        .find(|line| line.contains("loclint.toml:"))
        .unwrap_or_else(|| panic!("no message names loclint.toml:\n{}", run.stderr));
    assert!(error.contains(what), "{error}");
    assert!(run.stderr.contains("nothing was checked"), "{}", run.stderr);
    assert!(
        run.stdout.is_empty(),
        "something was checked:\n{}",
        run.stdout
    );
}

#[test]
fn an_unknown_config_key_names_the_key_and_its_line() {
    let dir = beside_a_good_group(&[(
        "loclint.toml",
        b"fail-on = \"error\"\n\nfial-on = \"warning\"\n",
    )]);
    let run = check(&dir, &[]);
    assert_config_stops_the_run(&run, "loclint.toml:3: unknown field `fial-on`");
}

#[test]
fn a_config_syntax_error_stops_the_run_and_points_at_reachable_docs() {
    let dir =
        beside_a_good_group(&[("loclint.toml", b"keep = [\"Lumora\"\nfail-on = \"error\"\n")]);
    let run = check(&dir, &[]);
    assert_config_stops_the_run(&run, "loclint.toml:2:");
    assert!(
        run.stderr.contains("loclint explain config"),
        "{}",
        run.stderr
    );
    // The documentation it points at is in the binary.
    let explained = loclint(dir.path(), &["explain", "config"]);
    assert_eq!(explained.status, 0);
    assert!(
        explained.stdout.contains("[per-file-ignores]"),
        "{}",
        explained.stdout
    );
}

#[test]
fn warn_is_a_level_and_ignore_tables_silence_rules() {
    let config = "[rules]\nuntranslated-text = \"warn\"\n\n[[ignore]]\npaths = [\"good\"]\nrules = [\"structure-mismatch\"]\n";
    let dir = beside_a_good_group(&[("loclint.toml", config.as_bytes())]);
    let run = check(&dir, &["--format", "json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert!(findings
        .iter()
        .all(|f| f["rule"] == "untranslated-text" && f["severity"] == "warning"));
    let config = "[locale.ar.rules]\nuntranslated-text = \"off\"\n";
    let dir = beside_a_good_group(&[("loclint.toml", config.as_bytes())]);
    let run = check(&dir, &["--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["rule"] != "untranslated-text"));
}

#[test]
fn a_path_that_does_not_exist_is_reported_and_the_rest_checked() {
    let dir = beside_a_good_group(&[]);
    let run = loclint(
        dir.path(),
        &["check", "good", "no-such-folder", "--color", "never"],
    );
    assert_trouble_reported(&run, "no-such-folder", "no such file or folder");
}

#[test]
fn explaining_an_unknown_rule_lists_the_rules() {
    let dir = tree(&[]);
    let run = loclint(dir.path(), &["explain", "no-such-rule"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("`no-such-rule`"), "{}", run.stderr);
    for id in RULE_IDS {
        assert!(run.stderr.contains(id), "{}", run.stderr);
    }
    assert!(run.stdout.is_empty());
    assert_no_panic(&run);
}

#[test]
fn rules_lists_every_rule() {
    let dir = tree(&[]);
    let run = loclint(dir.path(), &["rules"]);
    assert_eq!(run.status, 0);
    let listed: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    for id in RULE_IDS {
        assert!(listed.contains(id), "`{id}` is not listed:\n{}", run.stdout);
    }
}

#[test]
fn explain_prints_the_rule_documentation() {
    let dir = tree(&[]);
    let run = loclint(dir.path(), &["explain", "duplicate-section"]);
    assert_eq!(run.status, 0);
    assert!(
        run.stdout.starts_with("# duplicate-section"),
        "{}",
        run.stdout
    );
    let what = run
        .stdout
        .split("## What it finds")
        .nth(1)
        .unwrap_or_else(|| panic!("no `What it finds` section:\n{}", run.stdout));
    assert!(what.contains("repeats an earlier run"), "{what}");
    assert!(run.stdout.contains("## How to fix"));
}

#[test]
fn fail_on_warning_fails_a_warnings_only_run() {
    let dir = tree(&[
        ("reset/en.txt", EN.as_bytes()),
        ("reset/ar.txt", AR_FRAGMENT.as_bytes()),
    ]);
    let by_default = check(&dir, &[]);
    assert_eq!(by_default.status, 0, "{}", by_default.stdout);
    assert!(
        by_default.stdout.contains(
            "warning[untranslated-text]: untranslated English fragment \"forgot password\""
        ),
        "{}",
        by_default.stdout
    );
    assert!(
        !by_default.stdout.contains("error["),
        "{}",
        by_default.stdout
    );
    let strict = check(&dir, &["--fail-on", "warning"]);
    assert_eq!(strict.status, 1, "{}", strict.stdout);
}

#[test]
fn colour_follows_the_option_and_no_color() {
    let dir = beside_a_good_group(&[]);
    let escape = "\x1b[";
    let forced = [("CLICOLOR_FORCE", "1")];
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["check", "."];
        all.extend_from_slice(args);
        let run = loclint_with(dir.path(), &all, env);
        assert_eq!(run.status, 1, "{}", run.stderr);
        run.stdout
    };
    assert!(run(&["--color", "always"], &[]).contains(escape));
    assert!(run(&[], &forced).contains(escape));
    let never = run(&["--color", "never"], &forced);
    assert!(!never.contains(escape), "{never:?}");
    assert!(never.contains("untranslated title"));
    let no_color = run(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!no_color.contains(escape), "{no_color:?}");
    assert!(no_color.contains("untranslated title"));
}

fn assert_kind(value: &Value, key: &str, is: fn(&Value) -> bool, kind: &str) {
    assert!(is(&value[key]), "`{key}` is not {kind} in {value}");
}

#[test]
fn json_output_has_the_documented_fields() {
    // The title left in English has a source line; the repeated paragraph has none.
    let ar = format!(
        "{AR_TITLE_LEFT}\n{}",
        AR_TITLE_LEFT.split("\n\n").nth(1).unwrap()
    );
    let dir = tree(&[
        ("reset/en.txt", EN.as_bytes()),
        ("reset/ar.txt", ar.as_bytes()),
    ]);
    let run = check(&dir, &["--format", "json"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).expect("the output is one JSON document");
    assert_eq!(json["version"], 1);
    let findings = json["findings"].as_array().expect("findings is an array");
    assert!(findings.len() >= 2, "{findings:?}");
    for finding in findings {
        for key in ["rule", "severity", "path", "locale", "message", "excerpt"] {
            assert_kind(finding, key, Value::is_string, "a string");
        }
        for key in ["line", "column", "end_line", "end_column"] {
            assert_kind(finding, key, Value::is_u64, "a number");
        }
        assert!(RULE_IDS.contains(&finding["rule"].as_str().unwrap()));
        assert!(["error", "warning"].contains(&finding["severity"].as_str().unwrap()));
        assert_eq!(finding["locale"], "ar");
        assert!(finding["path"].as_str().unwrap().ends_with("ar.txt"));
        let source = &finding["source"];
        if !source.is_null() {
            assert_kind(source, "path", Value::is_string, "a string");
            assert_kind(source, "line", Value::is_u64, "a number");
            assert_kind(source, "end_line", Value::is_u64, "a number");
            assert!(source["path"].as_str().unwrap().ends_with("en.txt"));
        }
        assert_kind(finding, "related", Value::is_array, "an array");
        assert!(finding["fix"].is_null() || finding["fix"].is_string());
    }
    assert!(findings.iter().any(|f| f["source"].is_object()));
    assert!(findings.iter().any(|f| f["source"].is_null()));
    let title = &findings[0];
    assert_eq!(title["rule"], "untranslated-text");
    assert_eq!(
        (&title["line"], &title["column"]),
        (&Value::from(1), &Value::from(1))
    );
    assert_eq!(title["excerpt"], "Reset your password");
    assert_eq!(title["source"]["line"], 1);

    let summary = &json["summary"];
    for key in [
        "files_checked",
        "files_with_findings",
        "findings",
        "errors",
        "warnings",
    ] {
        assert_kind(summary, key, Value::is_u64, "a number");
    }
    assert_kind(summary, "problems", Value::is_array, "an array");
    assert_kind(
        summary,
        "sources_without_translations",
        Value::is_array,
        "an array",
    );
    assert_eq!(summary["files_checked"], 1);
    assert_eq!(summary["findings"], findings.len());
}

/// Three French articles that write `Remarque:` with no space before the colon, as their
/// project does throughout: a practice of the locale, not a slip.
fn french_practice_tree(config: &str) -> TempDir {
    let mut files: Vec<(String, String)> = vec![("loclint.toml".into(), config.into())];
    for n in 1..=3 {
        files.push((
            format!("a{n}/en.txt"),
            format!("Title number {n}\n\nNote: the queue holds tasks. Tip: retry later. Warning: slow disks.\n\nSummary: done here, in paragraph {n}.\n"),
        ));
        files.push((
            format!("a{n}/fr.txt"),
            format!("Titre numéro {n}\n\nRemarque: la file garde les tâches. Astuce: réessayez plus tard. Attention: disques lents.\n\nRésumé: terminé ici, au paragraphe {n}.\n"),
        ));
    }
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_bytes()))
        .collect();
    tree(&files)
}

/// The findings of a JSON run as `path:line:column rule message` lines, sorted.
fn finding_lines(run: &Run) -> Vec<String> {
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON output");
    let mut lines: Vec<String> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {} {}",
                f["path"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["rule"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    lines.sort();
    lines
}

#[test]
fn init_learns_the_locale_practice_and_keeps_the_rest_of_the_config() {
    let config = "# Our settings, kept by init.\nsource-locale = \"en\"\n";
    let dir = french_practice_tree(config);
    // Alone, a file cannot tell a practice from a slip: each colon is reported.
    let alone = loclint(dir.path(), &["check", "a1/fr.txt", "--format", "json"]);
    assert_no_panic(&alone);
    assert_eq!(finding_lines(&alone).len(), 4, "{}", alone.stdout);

    let init = loclint(dir.path(), &["init", "."]);
    assert_eq!(init.status, 0, "stderr:\n{}", init.stderr);
    assert!(
        init.stdout.contains("fr: no-space-before `:`"),
        "{}",
        init.stdout
    );
    assert!(
        init.stdout
            .contains("1 habit in 1 locale, learned from 3 translations"),
        "{}",
        init.stdout
    );
    let written = std::fs::read_to_string(dir.path().join("loclint.toml")).unwrap();
    assert!(
        written.starts_with(config),
        "the rest was not kept:\n{written}"
    );
    assert!(
        written.contains("[practice.fr]\nno-space-before = [\":\"]"),
        "{written}"
    );

    // With the practice in the config, a file alone gets what the run over its tree gets.
    let whole = loclint(dir.path(), &["check", ".", "--format", "json"]);
    let mut one_by_one = Vec::new();
    for n in 1..=3 {
        let path = format!("a{n}/fr.txt");
        let run = loclint(dir.path(), &["check", &path, "--format", "json"]);
        one_by_one.extend(finding_lines(&run));
    }
    one_by_one.sort();
    assert_eq!(finding_lines(&whole), one_by_one);
    assert!(one_by_one.is_empty(), "{one_by_one:?}");

    // Learning again replaces the practice, not adds to it.
    let again = loclint(dir.path(), &["init", "."]);
    assert_eq!(again.status, 0, "stderr:\n{}", again.stderr);
    let rewritten = std::fs::read_to_string(dir.path().join("loclint.toml")).unwrap();
    assert_eq!(rewritten.matches("[practice.fr]").count(), 1, "{rewritten}");
    assert!(rewritten.starts_with(config), "{rewritten}");
}

#[test]
fn init_leaves_a_config_it_cannot_parse_as_it_is() {
    let broken = "source-locale = \"en\n[practice.fr\n";
    let dir = french_practice_tree(broken);
    let run = loclint(dir.path(), &["init", "."]);
    assert_eq!(run.status, 2, "stdout:\n{}", run.stdout);
    assert!(run.stderr.contains("loclint.toml"), "{}", run.stderr);
    assert_no_panic(&run);
    let after = std::fs::read_to_string(dir.path().join("loclint.toml")).unwrap();
    assert_eq!(after, broken);
}

#[test]
fn findings_are_the_same_for_any_number_of_jobs() {
    let dir = french_practice_tree("source-locale = \"en\"\n");
    let runs: Vec<String> = ["1", "2", "7"]
        .iter()
        .map(|jobs| {
            let run = loclint(
                dir.path(),
                &["check", ".", "--format", "json", "--jobs", jobs],
            );
            assert_no_panic(&run);
            let json: Value = serde_json::from_str(&run.stdout).expect("JSON output");
            serde_json::to_string(&json["findings"]).unwrap()
        })
        .collect();
    assert_eq!(runs[0], runs[1]);
    assert_eq!(runs[0], runs[2]);
}

#[test]
fn a_translation_whose_source_is_gone_is_a_finding_a_baseline_can_hold() {
    let dir = tree(&[
        ("content/en/docs/a.md", b"# Hello\n\nSome words here.\n"),
        ("content/fr/docs/a.md", b"# Bonjour\n\nDes mots ici.\n"),
        (
            "content/fr/docs/gone.md",
            b"# Vieux\n\nUne page sans source.\n",
        ),
    ]);
    let run = check(&dir, &["--format", "json"]);
    assert_eq!(run.status, 1, "stderr:\n{}", run.stderr);
    assert_no_panic(&run);
    let findings: Value = serde_json::from_str(&run.stdout).unwrap();
    let orphan: Vec<&Value> = findings["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "missing-source")
        .collect();
    assert_eq!(orphan.len(), 1, "{}", run.stdout);
    assert_eq!(orphan[0]["path"], "content/fr/docs/gone.md");
    assert!(orphan[0]["message"]
        .as_str()
        .unwrap()
        .contains("content/en/docs/gone.md"));

    // A repository adopting loclint records it in a baseline: the next run is green.
    let written = check(&dir, &["--write-baseline", "base.json"]);
    assert_eq!(written.status, 0, "stderr:\n{}", written.stderr);
    let again = check(&dir, &["--baseline", "base.json"]);
    assert_eq!(again.status, 0, "{}\n{}", again.stdout, again.stderr);
}

#[test]
fn a_tree_without_articles_says_which_layouts_were_looked_for() {
    let dir = tree(&[("notes.csv", b"a,b\n")]);
    let run = check(&dir, &[]);
    assert_eq!(run.status, 0, "stderr:\n{}", run.stderr);
    assert!(
        run.stderr.contains("found no article file"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("locale folders"), "{}", run.stderr);
}

const EN_MD: &str = "# Reset your password\n\nOpen the sign-in page and choose Forgot password. We send a link to your e-mail address within 5 minutes.\n\nThe link works for 24 hours. After that, ask for a new one from the same page.\n";

/// The Arabic translation with `forgot password` left in English, the line after `comment`.
fn ar_md_with(comment: &str, second_comment: &str) -> String {
    format!(
        "# إعادة تعيين كلمة المرور\n\n{comment}\nافتح صفحة تسجيل الدخول واختر «forgot password». نرسل رابطًا إلى بريدك الإلكتروني خلال ٥ دقائق.\n\n{second_comment}\nيعمل الرابط لمدة ٢٤ ساعة. بعد ذلك، اطلب رابطًا جديدًا من الصفحة نفسها.\n"
    )
}

fn rules_reported(run: &Run) -> Vec<(String, u64)> {
    let json: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr);
    });
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn an_inline_suppression_silences_one_finding_and_an_unused_one_is_reported() {
    let unsuppressed = ar_md_with("", "");
    let dir = tree(&[
        ("good/en.md", EN_MD.as_bytes()),
        ("good/ar.md", unsuppressed.as_bytes()),
    ]);
    let run = check(&dir, &["--format", "json"]);
    assert_eq!(
        rules_reported(&run),
        vec![("untranslated-text".to_string(), 4)]
    );

    let suppressed = ar_md_with(
        "<!-- loclint-disable-next-line untranslated-text -- the button as the site labels it -->",
        "<!-- loclint-disable-next-line spacing -->",
    );
    std::fs::write(dir.path().join("good/ar.md"), suppressed).unwrap();
    let run = check(&dir, &["--format", "json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        rules_reported(&run),
        vec![("unused-suppression".to_string(), 6)]
    );
    let human = check(&dir, &[]);
    assert!(
        human
            .stdout
            .contains("`loclint-disable-next-line spacing` suppresses nothing for `spacing`"),
        "{}",
        human.stdout
    );
    // Switched off in the configuration, the unused one is not reported either.
    std::fs::write(
        dir.path().join("loclint.toml"),
        "[rules]\nunused-suppression = \"off\"\n",
    )
    .unwrap();
    let run = check(&dir, &["--format", "json"]);
    assert!(rules_reported(&run).is_empty(), "{}", run.stdout);
}

#[test]
fn a_baseline_reports_only_new_findings_and_survives_line_shifts() {
    let dir = tree(&[
        ("good/en.md", EN_MD.as_bytes()),
        ("good/ar.md", ar_md_with("", "").as_bytes()),
    ]);
    let run = loclint(
        dir.path(),
        &["check", ".", "--write-baseline", "baseline.json"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("wrote baseline.json: 1 finding"),
        "{}",
        run.stderr
    );
    let written = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert!(written.contains("\"path\":\"good/ar.md\""), "{written}");

    // Known findings are left out, also after lines moved; a new one is reported.
    let shifted =
        ar_md_with("\n\n", "").replacen("# إعادة تعيين كلمة المرور", "# Reset your password", 1);
    std::fs::write(dir.path().join("good/ar.md"), shifted).unwrap();
    let run = check(&dir, &["--format", "json", "--baseline", "baseline.json"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(
        rules_reported(&run),
        vec![("untranslated-text".to_string(), 1)]
    );
    assert!(
        run.stderr
            .contains("1 finding already in baseline.json not reported"),
        "{}",
        run.stderr
    );

    // Written again, it holds what the tree has now: the fixed finding is gone from it.
    let fixed = ar_md_with("", "").replace("«forgot password»", "«نسيت كلمة المرور»");
    std::fs::write(dir.path().join("good/ar.md"), fixed).unwrap();
    let run = loclint(
        dir.path(),
        &["check", ".", "--write-baseline", "baseline.json"],
    );
    assert!(
        run.stderr.contains("wrote baseline.json: 0 findings"),
        "{}",
        run.stderr
    );

    // A baseline that is not one stops the run, and is left as it was.
    std::fs::write(dir.path().join("baseline.json"), "not json").unwrap();
    let run = check(&dir, &["--baseline", "baseline.json"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("baseline.json:1: not a loclint baseline"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    assert_no_panic(&run);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("baseline.json")).unwrap(),
        "not json"
    );
}

#[test]
fn select_ignore_statistics_quiet_and_output() {
    let title_and_fragment =
        ar_md_with("", "").replacen("# إعادة تعيين كلمة المرور", "# Reset your password", 1);
    let dir = tree(&[
        ("good/en.md", EN_MD.as_bytes()),
        ("good/ar.md", title_and_fragment.as_bytes()),
    ]);
    let all = rules_reported(&check(&dir, &["--format", "json"]));
    assert_eq!(all.len(), 2, "{all:?}");

    let selected = check(&dir, &["--format", "json", "--select", "untranslated-text"]);
    assert_eq!(rules_reported(&selected).len(), 2);
    let ignored = check(
        &dir,
        &["--format", "json", "--ignore", "untranslated-text,spacing"],
    );
    assert!(rules_reported(&ignored).is_empty());
    assert_eq!(ignored.status, 0);
    let unknown = check(&dir, &["--select", "untranslated-txt"]);
    assert_eq!(unknown.status, 2);
    assert!(
        unknown.stderr.contains("no rule `untranslated-txt`"),
        "{}",
        unknown.stderr
    );

    let stats = check(&dir, &["--statistics"]);
    assert!(
        stats
            .stdout
            .lines()
            .any(|l| l.split_whitespace().eq(["untranslated-text", "2"])),
        "{}",
        stats.stdout
    );
    assert!(stats
        .stdout
        .contains("2 findings (1 error, 1 warning) in 1 translation checked"));
    assert!(!stats.stdout.contains("-->"), "{}", stats.stdout);
    let json_stats = check(&dir, &["--statistics", "--format", "json"]);
    let json: Value = serde_json::from_str(&json_stats.stdout).unwrap();
    assert_eq!(json["total"], 2);
    assert_eq!(json["by_rule_and_locale"][0]["locale"], "ar");

    let quiet = check(&dir, &["--quiet"]);
    assert!(
        quiet.stdout.contains("untranslated heading"),
        "{}",
        quiet.stdout
    );
    assert!(!quiet.stdout.contains("Found "), "{}", quiet.stdout);

    let written = check(&dir, &["--format", "sarif", "--output", "report.sarif"]);
    assert_eq!(written.status, 1);
    assert!(written.stdout.is_empty(), "{}", written.stdout);
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);
}

#[test]
fn shards_add_up_to_one_full_run() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let findings = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["check", ".", "--no-config", "--format", "json"];
        args.extend_from_slice(extra);
        let run = loclint(&fixtures, &args);
        let json: Value = serde_json::from_str(&run.stdout).unwrap();
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            // A comparison across a locale's translations sees the translations of the run:
            // a shard's are fewer (docs/terminology.md; a glossary makes it whole).
            .filter(|f| {
                !(f["rule"] == "inconsistent-term"
                    && f["message"].as_str().unwrap().contains(" translations ("))
            })
            .map(|f| format!("{} {} {} {}", f["path"], f["line"], f["rule"], f["message"]))
            .collect()
    };
    let mut full = findings(&[]);
    assert!(full.len() > 50, "{}", full.len());
    let mut shards = Vec::new();
    let mut sizes = Vec::new();
    for shard in ["1/3", "2/3", "3/3"] {
        let found = findings(&["--shard", shard]);
        sizes.push(found.len());
        shards.extend(found);
    }
    full.sort();
    shards.sort();
    assert_eq!(full, shards);
    assert!(sizes.iter().filter(|&&n| n > 0).count() >= 2, "{sizes:?}");
    let bad = loclint(&fixtures, &["check", ".", "--shard", "4/3"]);
    assert_eq!(bad.status, 2);
    assert!(bad.stderr.contains("is not a shard"), "{}", bad.stderr);
}

#[test]
fn github_annotations_of_the_seed_group_have_repository_paths_errors_first_and_totals() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let run = loclint(
        &seeds,
        &["check", "./know-your-terminology", "--format", "github"],
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines.len() >= 3, "{}", run.stdout);
    assert!(lines
        .iter()
        .all(|l| !l.contains("file=./") && !l.contains("file=.%2F")));
    assert!(
        lines[0].starts_with("::error file=know-your-terminology/"),
        "{}",
        lines[0]
    );
    let first_warning = lines.iter().position(|l| l.starts_with("::warning"));
    let last_error = lines.iter().rposition(|l| l.starts_with("::error"));
    assert!(first_warning > last_error, "{}", run.stdout);
    let notice = lines.last().unwrap();
    assert!(notice.starts_with("::notice title=loclint::"), "{notice}");
    assert!(notice.contains("errors and"), "{notice}");
    // The duplicated Hindi run, at its line.
    assert!(
        lines
            .iter()
            .any(|l| l.contains("file=know-your-terminology/hi.txt")
                && l.contains("title=loclint duplicate-section")),
        "{}",
        run.stdout
    );
}

#[test]
fn sarif_fingerprints_survive_line_shifts_and_the_cap_keeps_errors() {
    let title_and_fragment =
        ar_md_with("", "").replacen("# إعادة تعيين كلمة المرور", "# Reset your password", 1);
    let dir = tree(&[
        ("good/en.md", EN_MD.as_bytes()),
        ("good/ar.md", title_and_fragment.as_bytes()),
    ]);
    let sarif = |extra: &[&str]| -> Value {
        let mut args = vec!["--format", "sarif"];
        args.extend_from_slice(extra);
        serde_json::from_str(&check(&dir, &args).stdout).unwrap()
    };
    let prints = |doc: &Value| -> Vec<String> {
        doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["loclintFingerprint/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let before = sarif(&[]);
    let result = &before["runs"][0]["results"][0];
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
        "%SRCROOT%"
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "good/ar.md"
    );
    let shifted = title_and_fragment.replacen("\n\n", "\n\n\n\n\n", 1);
    std::fs::write(dir.path().join("good/ar.md"), shifted).unwrap();
    let after = sarif(&[]);
    assert_eq!(prints(&before), prints(&after));
    assert_ne!(
        before["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"],
        after["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"]
    );
    let capped = sarif(&["--max-results", "1"]);
    let results = capped["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["level"], "error");
    let notes = capped["runs"][0]["invocations"][0]["toolExecutionNotifications"].to_string();
    assert!(
        notes.contains("1 less severe results were left out"),
        "{notes}"
    );
}

/// Runs git in `dir`, as a test's scratch repository, with a fixed identity.
fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn changed_since_reports_the_changed_files_and_lines_only() {
    let title_left =
        ar_md_with("", "").replacen("# إعادة تعيين كلمة المرور", "# Reset your password", 1);
    let dir = tree(&[
        ("good/en.md", EN_MD.as_bytes()),
        ("good/ar.md", title_left.as_bytes()),
        ("other/en.md", EN_MD.as_bytes()),
        ("other/ar.md", ar_md_with("", "").as_bytes()),
    ]);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "articles"]);
    git(dir.path(), &["checkout", "-q", "-b", "change"]);
    // The change leaves a second English phrase in good/ar.md's last paragraph.
    let changed = title_left.replace("من الصفحة نفسها", "from the same page");
    std::fs::write(dir.path().join("good/ar.md"), changed).unwrap();
    git(dir.path(), &["commit", "-q", "-am", "edit"]);

    let run = check(&dir, &["--format", "json", "--changed-since", "main"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let paths: HashSet<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, HashSet::from(["good/ar.md"]), "{}", run.stdout);
    let all_lines = rules_reported(&run);
    assert!(
        all_lines.iter().any(|(_, line)| *line == 1),
        "{all_lines:?}"
    );

    let lines = check(
        &dir,
        &[
            "--format",
            "json",
            "--changed-since",
            "main",
            "--changed-lines",
        ],
    );
    let reported = rules_reported(&lines);
    assert!(!reported.is_empty());
    assert!(reported.iter().all(|(_, line)| *line == 7), "{reported:?}");

    let missing = check(&dir, &["--changed-since", "no-such-branch"]);
    assert_eq!(missing.status, 2);
    assert!(
        missing
            .stderr
            .contains("`no-such-branch` is not in this clone"),
        "{}",
        missing.stderr
    );
    assert_no_panic(&missing);
}

#[test]
fn translations_only_turns_stale_translations_of_a_given_source_into_warnings() {
    let title_left =
        ar_md_with("", "").replacen("# إعادة تعيين كلمة المرور", "# Reset your password", 1);
    let dir = tree(&[
        ("good/en.md", EN_MD.as_bytes()),
        ("good/ar.md", title_left.as_bytes()),
    ]);
    let strict = loclint(dir.path(), &["check", "good/en.md", "--format", "json"]);
    assert_eq!(strict.status, 1, "{}", strict.stderr);
    let lenient = loclint(
        dir.path(),
        &[
            "check",
            "good/en.md",
            "--format",
            "json",
            "--translations-only",
        ],
    );
    assert_eq!(lenient.status, 0, "{}", lenient.stderr);
    let json: Value = serde_json::from_str(&lenient.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    assert!(findings.iter().all(|f| f["severity"] == "warning"));
    // A translation given itself keeps its errors.
    let given = loclint(
        dir.path(),
        &[
            "check",
            "good/ar.md",
            "--format",
            "json",
            "--translations-only",
        ],
    );
    assert_eq!(given.status, 1);
}

#[test]
fn init_with_a_baseline_makes_check_green_until_a_new_defect_comes() {
    let dir = tree(&[
        ("good/en.md", EN_MD.as_bytes()),
        ("good/ar.md", ar_md_with("", "").as_bytes()),
    ]);
    let before = check(&dir, &["--format", "json"]);
    assert_eq!(rules_reported(&before).len(), 1);
    let init = loclint(dir.path(), &["init", "--baseline", "loclint-baseline.json"]);
    assert_eq!(init.status, 0, "{}", init.stderr);
    assert!(
        init.stdout.contains("findings today: untranslated-text 1"),
        "{}",
        init.stdout
    );
    let config = std::fs::read_to_string(dir.path().join("loclint.toml")).unwrap();
    assert!(
        config.contains("baseline = \"loclint-baseline.json\""),
        "{config}"
    );

    let green = check(&dir, &[]);
    assert_eq!(green.status, 0, "{}\n{}", green.stdout, green.stderr);
    assert!(green
        .stderr
        .contains("1 finding already in loclint-baseline.json not reported"));

    let title_left =
        ar_md_with("", "").replacen("# إعادة تعيين كلمة المرور", "# Reset your password", 1);
    std::fs::write(dir.path().join("good/ar.md"), title_left).unwrap();
    let red = check(&dir, &["--format", "json"]);
    assert_eq!(red.status, 1);
    assert_eq!(
        rules_reported(&red),
        vec![("untranslated-text".to_string(), 1)]
    );
}

#[test]
fn a_notice_atop_the_source_that_no_translation_carries_is_the_source_s_own() {
    let en = "# Release notes\n\n> Our office is closed on Friday for the move.\n\n> Support answers again on Monday.\n\nThe new release syncs boards twice as fast and keeps your filters.\n\n## Upgrading\n\nInstall the update from the settings page and restart the app.\n\n## Known issues\n\nSearch may miss cards created offline.\n\nA fix ships next week.\n";
    let fr = "# Notes de version\n\nLa nouvelle version synchronise les tableaux deux fois plus vite et garde vos filtres.\n\n## Mise à jour\n\nInstallez la mise à jour depuis la page des réglages et redémarrez l’application.\n";
    let de = "# Versionshinweise\n\nDie neue Version synchronisiert Boards doppelt so schnell und behält Ihre Filter.\n\n## Aktualisieren\n\nInstallieren Sie das Update über die Einstellungen und starten Sie die App neu.\n";
    let dir = tree(&[
        ("notes/en.md", en.as_bytes()),
        ("notes/fr.md", fr.as_bytes()),
        ("notes/de.md", de.as_bytes()),
    ]);
    let run = check(&dir, &["--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let messages: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["path"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    // The section both lack is reported in each; the notice on top, in neither.
    assert_eq!(
        messages,
        vec![
            "notes/de.md missing 3 blocks: source lines 13-17, section \"Known issues\"",
            "notes/fr.md missing 3 blocks: source lines 13-17, section \"Known issues\"",
        ],
        "{}",
        run.stdout
    );
}

/// Four articles in locale folders: French behind its source in every one (the last paragraph
/// never translated), German complete but for one paragraph left in English.
fn locale_folder_tree() -> TempDir {
    let topics = ["boards", "cards", "labels", "members"];
    let mut files: Vec<(String, String)> = Vec::new();
    for (n, topic) in topics.iter().enumerate() {
        files.push((
            format!("content/en/docs/{topic}.md"),
            format!(
                "# Sharing {topic}\n\nOpen the settings of your {topic} and choose who may see them.\n\nEveryone you invite gets an e-mail with a link that works for {} days.\n\nYou can take an invitation back at any time from the same page.\n",
                n + 2
            ),
        ));
        files.push((
            format!("content/fr/docs/{topic}.md"),
            format!(
                "# Partager les {topic}\n\nOuvrez les réglages de vos {topic} et choisissez qui peut les voir.\n\nChaque personne invitée reçoit un courriel avec un lien valable {} jours.\n",
                n + 2
            ),
        ));
        let last = if n == 0 {
            "You can take an invitation back at any time from the same page.".to_string()
        } else {
            "Sie können eine Einladung jederzeit auf derselben Seite zurücknehmen.".to_string()
        };
        files.push((
            format!("content/de/docs/{topic}.md"),
            format!(
                "# {topic} teilen\n\nÖffnen Sie die Einstellungen Ihrer {topic} und wählen Sie, wer sie sehen darf.\n\nJede eingeladene Person erhält eine E-Mail mit einem Link, der {} Tage gilt.\n\n{last}\n",
                n + 2
            ),
        ));
    }
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_bytes()))
        .collect();
    tree(&files)
}

#[test]
fn init_names_the_layout_and_makes_a_locales_pattern_a_warning_but_not_a_slip() {
    let dir = locale_folder_tree();
    let before = loclint(dir.path(), &["check", ".", "--format", "json"]);
    let lines = finding_lines(&before);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("content/de/docs/boards.md") && l.contains("untranslated-text")),
        "{lines:#?}"
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("content/fr/") && l.contains("structure-mismatch"))
            .count(),
        4,
        "{lines:#?}"
    );

    let init = loclint(dir.path(), &["init"]);
    assert_eq!(init.status, 0, "stderr:\n{}", init.stderr);
    assert!(
        init.stdout.contains("layout: locale folders"),
        "{}",
        init.stdout
    );
    assert!(
        init.stdout
            .contains("fr: structure-mismatch as a warning (errors in 4 of 4 translations)"),
        "{}",
        init.stdout
    );
    assert!(
        init.stdout
            .contains("`loclint check` fails on 1 error today"),
        "{}",
        init.stdout
    );
    let config = std::fs::read_to_string(dir.path().join("loclint.toml")).unwrap();
    assert!(
        config.starts_with("# loclint.toml, written by `loclint init`."),
        "{config}"
    );
    assert!(config.contains("locale folders"), "{config}");
    assert!(
        config.contains("[locale.fr.rules]\nstructure-mismatch = \"warn\""),
        "{config}"
    );
    assert!(!config.contains("[locale.de.rules]"), "{config}");

    // The French pattern is now a warning; the German slip still fails the build.
    let after = loclint(dir.path(), &["check", "--format", "json"]);
    assert_eq!(after.status, 1, "{}", after.stdout);
    let json: Value = serde_json::from_str(&after.stdout).unwrap();
    let errors: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| format!("{} {}", f["path"], f["rule"]))
        .collect();
    assert_eq!(
        errors,
        ["\"content/de/docs/boards.md\" \"untranslated-text\""],
        "{}",
        after.stdout
    );
}

#[test]
fn github_annotations_in_a_pull_request_put_the_changed_files_first() {
    let title_left =
        ar_md_with("", "").replacen("# إعادة تعيين كلمة المرور", "# Reset your password", 1);
    let dir = tree(&[
        ("a/en.md", EN_MD.as_bytes()),
        ("a/ar.md", title_left.as_bytes()),
        ("z/en.md", EN_MD.as_bytes()),
        ("z/ar.md", title_left.as_bytes()),
    ]);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "articles"]);
    // What `actions/checkout` leaves: the base branch as a remote-tracking branch.
    git(
        dir.path(),
        &["update-ref", "refs/remotes/origin/main", "HEAD"],
    );
    git(dir.path(), &["checkout", "-q", "-b", "change"]);
    let changed = title_left.replace("من الصفحة نفسها", "from the same page");
    std::fs::write(dir.path().join("z/ar.md"), changed).unwrap();
    git(dir.path(), &["commit", "-q", "-am", "edit"]);

    let first_error = |run: &Run| {
        run.stdout
            .lines()
            .find(|l| l.starts_with("::error"))
            .unwrap_or_else(|| panic!("no error annotation:\n{}", run.stdout))
            .to_string()
    };
    let plain = loclint(dir.path(), &["check", "--format", "github"]);
    assert!(
        first_error(&plain).contains("file=a/ar.md"),
        "{}",
        plain.stdout
    );
    let pull_request = loclint_with(
        dir.path(),
        &["check", "--format", "github"],
        &[("GITHUB_BASE_REF", "main")],
    );
    assert!(
        first_error(&pull_request).contains("file=z/ar.md"),
        "{}",
        pull_request.stdout
    );
    // Every annotation is still there, in another order.
    let mut a: Vec<&str> = plain.stdout.lines().collect();
    let mut b: Vec<&str> = pull_request.stdout.lines().collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
}
