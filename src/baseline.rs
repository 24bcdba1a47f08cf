//! Baselines: the findings a repository already has, recorded so that a run reports only new
//! ones. A repository with thousands of old findings can turn loclint on without failing every
//! build, and pay the debt down file by file.
//!
//! Each finding is keyed by a fingerprint of what it is about, not where: the rule, the file
//! (relative to the baseline's folder), its locale, the message with its numbers masked (line
//! numbers and counts shift), and the first line of the offending text, whitespace collapsed.
//! Edits elsewhere in the file leave it unchanged. Identical findings in one file are counted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::check::{CheckedFile, Outcome};
use crate::finding::Finding;
use crate::stable_hash::stable_hash;

/// The format's version, written as `loclint-baseline`.
const VERSION: u32 = 1;
/// Characters of the offending text kept in an entry, for the people who read the file.
const TEXT_SHOWN: usize = 80;

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    path: String,
    locale: String,
    rule: String,
    fingerprint: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: usize,
    /// What the finding was about, for readers; not compared.
    #[serde(default)]
    text: String,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    #[serde(rename = "loclint-baseline")]
    version: u32,
    findings: Vec<Entry>,
}

/// What identifies one finding in a baseline.
type Key = (String, String, String);

/// A baseline read from its file.
#[derive(Debug)]
pub struct Baseline {
    folder: PathBuf,
    counts: BTreeMap<Key, usize>,
}

/// How many findings a baseline covered in a run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Filtered {
    pub known: usize,
    pub new: usize,
}

impl Baseline {
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|err| {
            format!(
                "{}: cannot read the baseline: {err}; write one with --write-baseline",
                path.display()
            )
        })?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|err| {
            format!(
                "{}:{}: not a loclint baseline: {err}; write it again with --write-baseline",
                path.display(),
                err.line()
            )
        })?;
        if file.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not one this loclint reads ({VERSION}); write it \
                 again with --write-baseline",
                path.display(),
                file.version
            ));
        }
        let mut counts = BTreeMap::new();
        for entry in file.findings {
            *counts
                .entry((entry.path, entry.rule, entry.fingerprint))
                .or_insert(0) += entry.count.max(1);
        }
        Ok(Baseline {
            folder: folder_of(path),
            counts,
        })
    }

    /// Drops from `outcome` the findings the baseline holds, and counts what it did.
    pub fn filter(&self, outcome: &mut Outcome) -> Filtered {
        let mut left = self.counts.clone();
        let mut filtered = Filtered::default();
        for file in &mut outcome.files {
            let path = relative_path(&file.file.path, &self.folder);
            let CheckedFile {
                file: source,
                findings,
                ..
            } = file;
            findings.retain(|finding| {
                let key = (
                    path.clone(),
                    finding.rule.to_string(),
                    fingerprint(&source.text, finding),
                );
                match left.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        filtered.known += 1;
                        false
                    }
                    _ => {
                        filtered.new += 1;
                        true
                    }
                }
            });
        }
        filtered
    }
}

/// Writes every finding of `outcome` to `path`, atomically: sorted, one finding a line, so that
/// a rewritten baseline diffs as the findings fixed and added. Returns how many it holds.
#[allow(clippy::expect_used)] // loclint's own entries, of strings and numbers, always serialise
pub fn write(path: &Path, outcome: &Outcome) -> std::io::Result<usize> {
    let folder = folder_of(path);
    let mut entries: BTreeMap<(String, String, String), Entry> = BTreeMap::new();
    let mut total = 0;
    for file in &outcome.files {
        let relative = relative_path(&file.file.path, &folder);
        for finding in &file.findings {
            total += 1;
            let print = fingerprint(&file.file.text, finding);
            let key = (relative.clone(), finding.rule.to_string(), print.clone());
            entries
                .entry(key)
                .and_modify(|e| e.count += 1)
                .or_insert_with(|| Entry {
                    path: relative.clone(),
                    locale: file.locale.as_str().to_string(),
                    rule: finding.rule.to_string(),
                    fingerprint: print,
                    count: 1,
                    text: first_line(&file.file.text, finding)
                        .chars()
                        .take(TEXT_SHOWN)
                        .collect(),
                });
        }
    }
    let mut out = format!("{{\"loclint-baseline\": {VERSION}, \"findings\": [\n");
    let lines: Vec<String> = entries
        .values()
        .map(|e| serde_json::to_string(e).expect("entries serialise"))
        .collect();
    out.push_str(&lines.join(",\n"));
    out.push_str("\n]}\n");
    crate::atomic_file::replace(path, out.as_bytes())?;
    Ok(total)
}

/// The folder a baseline's paths are relative to.
fn folder_of(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `path` relative to `folder`, with `/` between parts on every system.
fn relative_path(path: &Path, folder: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let relative = absolute.strip_prefix(folder).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The first line of the text a finding is about, whitespace collapsed.
fn first_line<'a>(text: &'a str, finding: &Finding) -> String {
    let excerpt: &'a str = text.get(finding.range.clone()).unwrap_or("");
    let line = excerpt
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(excerpt);
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a finding is about, independent of where it is: see the module documentation.
pub fn fingerprint(text: &str, finding: &Finding) -> String {
    let message: String = finding
        .message
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    let line = first_line(text, finding);
    let hash = stable_hash([finding.rule.as_bytes(), message.as_bytes(), line.as_bytes()]);
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn finding(range: std::ops::Range<usize>, message: &str) -> Finding {
        Finding {
            rule: "duplicate-section",
            severity: Severity::Error,
            range,
            message: message.to_string(),
            source: None,
            related: Vec::new(),
            fix: None,
            habit: None,
        }
    }

    #[test]
    fn fingerprints_survive_line_shifts_and_tell_texts_apart() {
        let before = "A\n\nB repeated\n";
        let after = "New line.\n\nA\n\nB repeated\n";
        let a = fingerprint(before, &finding(3..13, "line 3 repeats line 1"));
        let b = fingerprint(after, &finding(14..24, "line 5 repeats line 3"));
        assert_eq!(a, b);
        let c = fingerprint(after, &finding(0..9, "line 5 repeats line 3"));
        assert_ne!(a, c);
        assert_eq!(a.len(), 16);
    }
}
