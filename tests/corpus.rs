//! loclint on real translated documentation: `../shared/corpora`, four public projects'
//! translations in their own layouts (see its README). Findings drawn from them were judged by
//! reading each translation beside its source; the verdicts are `tests/corpus/labels.tsv`
//! (`scripts/draw-sample.py`, `scripts/merge-labels.py`, and `docs/precision.md` for the
//! method). This test runs the real binary on each corpus and holds three things:
//!
//! - every finding judged TRUE is still reported (the same place, rule and first word of the
//!   message: `missing`, `extra`), or lies
//!   within a finding of that rule over several lines (an untranslated section), except the few
//!   listed in `tests/corpus/traded-true.tsv`: true findings of a class whose other findings were
//!   mostly false, given up with the class, each with why;
//! - no finding judged FALSE comes back, in the same sense (one judged DEBATABLE may: its
//!   claim holds, though an editor might not act on it), except the few listed in
//!   `tests/corpus/open-false.tsv` as not fixed yet: that list may only shrink;
//! - findings per 1,000 translated lines stay under each corpus's ceiling
//!   (`tests/corpus/ceilings.tsv`).
//!
//! The corpora are test data: no rule knows any of their files or words. A corpus with a file
//! `tests/corpus/<corpus>.toml` is checked with it as its configuration, as its team would (the
//! opentelemetry.io run reads a glossary of the renderings its Japanese glossary page gives);
//! the others with none.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// Where each corpus's tree starts: loclint runs there, as a user of that project would.
const CORPORA: &[(&str, &str)] = &[
    ("opentelemetry.io", "opentelemetry.io/content"),
    ("biome-website", "biome-website/src/content/docs"),
    ("javascript-algorithms", "javascript-algorithms"),
    ("the-art-of-command-line", "the-art-of-command-line"),
];

fn corpora_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora")
}

/// The places a list of findings names: corpus, path, line, column and rule.
fn places_listed(name: &str) -> HashSet<(String, String, String, String, String)> {
    table(name)
        .into_iter()
        .map(|row| {
            (
                row["corpus"].clone(),
                row["path"].clone(),
                row["line"].clone(),
                row["column"].clone(),
                row["rule"].clone(),
            )
        })
        .collect()
}

fn table(name: &str) -> Vec<HashMap<String, String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let mut lines = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    let header: Vec<&str> = lines.next().expect("a header row").split('\t').collect();
    lines
        .map(|line| {
            header
                .iter()
                .zip(line.split('\t'))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// A finding's place and kind: path, line, column, rule and the first word of its message
/// (`missing`, `extra`, `untranslated`), so that another finding at the same place is not
/// taken for it.
type Place = (String, u64, u64, String, String);

fn first_word(message: &str) -> String {
    message.split_whitespace().next().unwrap_or("").to_string()
}

struct Run {
    places: HashSet<Place>,
    /// Findings over several lines (an untranslated section): path, rule, first and last line.
    spans: Vec<(String, String, u64, u64)>,
    findings: usize,
    lines: u64,
}

fn run(corpus: &str, root: &Path) -> Run {
    let config = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(format!("{corpus}.toml"));
    let mut command = Command::cargo_bin("loclint").expect("the loclint binary is built");
    command
        .current_dir(root)
        .args(["check", ".", "--format", "json"]);
    if config.is_file() {
        command.arg("--config").arg(&config);
    } else {
        command.arg("--no-config");
    }
    let output = command.output().expect("loclint runs");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "{}: the output is not JSON ({err}); stderr:\n{}",
            root.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let findings = json["findings"].as_array().expect("findings");
    let places = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().expect("path").to_string(),
                f["line"].as_u64().expect("line"),
                f["column"].as_u64().expect("column"),
                f["rule"].as_str().expect("rule").to_string(),
                first_word(f["message"].as_str().expect("message")),
            )
        })
        .collect();
    let spans = findings
        .iter()
        .filter(|f| f["end_line"].as_u64() > f["line"].as_u64())
        .map(|f| {
            (
                f["path"].as_str().expect("path").to_string(),
                f["rule"].as_str().expect("rule").to_string(),
                f["line"].as_u64().expect("line"),
                f["end_line"].as_u64().expect("end_line"),
            )
        })
        .collect();
    let lines = json["summary"]["translations"]
        .as_array()
        .expect("summary.translations")
        .iter()
        .map(|t| t["lines"].as_u64().expect("lines"))
        .sum();
    Run {
        places,
        spans,
        findings: findings.len(),
        lines,
    }
}

#[test]
fn real_corpora_keep_their_judged_findings_and_their_ceilings() {
    let corpora = corpora_dir();
    assert!(
        corpora.is_dir(),
        "{} is missing: check out shared/ beside this repository",
        corpora.display()
    );
    let labels = table("labels.tsv");
    // False alarms judged and not fixed yet: each is listed until it is, and the list only
    // shrinks (a listed finding no longer reported must leave it).
    let open_false = places_listed("open-false.tsv");
    // True findings given up with a class of mostly false ones, each with why.
    let traded_true = places_listed("traded-true.tsv");
    let ceilings: HashMap<String, f64> = table("ceilings.tsv")
        .into_iter()
        .map(|row| {
            let ceiling = row["findings_per_1000_lines"].parse().expect("a number");
            (row["corpus"].clone(), ceiling)
        })
        .collect();
    let mut failures = Vec::new();
    for (corpus, root) in CORPORA {
        let run = run(corpus, &corpora.join(root));
        for label in labels.iter().filter(|l| l["corpus"] == *corpus) {
            let place: Place = (
                label["path"].clone(),
                label["line"].parse().expect("a line"),
                label["column"].parse().expect("a column"),
                label["rule"].clone(),
                first_word(&label["message"]),
            );
            let reported = run.places.contains(&place);
            // A true finding may now be part of a larger one: a run of untranslated blocks.
            let covered = run.spans.iter().any(|(path, rule, first, last)| {
                *path == place.0 && *rule == place.3 && (*first..=*last).contains(&place.1)
            });
            let what = format!(
                "{corpus} {}:{}:{} [{}] {} ({}): {}",
                place.0,
                place.1,
                place.2,
                place.3,
                label["verdict"],
                label["reason"],
                label["message"]
            );
            let listed = (
                corpus.to_string(),
                place.0.clone(),
                label["line"].clone(),
                label["column"].clone(),
                place.3.clone(),
            );
            match (label["verdict"].as_str(), reported) {
                ("TRUE", false) if !covered && !traded_true.contains(&listed) => {
                    failures.push(format!("a true finding is no longer reported: {what}"))
                }
                // A debatable finding (the claim holds, an editor may not act) may come back;
                // a false one may not.
                ("FALSE", reported) => {
                    let open = open_false.contains(&listed);
                    if reported && !open {
                        failures.push(format!("a finding judged wrong is reported again: {what}"))
                    } else if !reported && open {
                        failures.push(format!(
                            "fixed, so take it out of tests/corpus/open-false.tsv: {what}"
                        ))
                    }
                }
                _ => {}
            }
        }
        let per_thousand = 1000.0 * run.findings as f64 / run.lines.max(1) as f64;
        let ceiling = ceilings
            .get(*corpus)
            .unwrap_or_else(|| panic!("no ceiling for {corpus} in tests/corpus/ceilings.tsv"));
        if per_thousand > *ceiling {
            failures.push(format!(
                "{corpus}: {} findings in {} translated lines, {per_thousand:.2} per 1,000, above the ceiling of {ceiling}",
                run.findings, run.lines
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
