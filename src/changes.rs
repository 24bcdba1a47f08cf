//! What a change touched, asked of git: the files changed since the merge base with a
//! reference (a pull request's base branch), and the lines of each, so that a run reports the
//! findings a change brought and not the repository's older ones.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Files changed since the merge base, as paths from the current folder.
#[derive(Debug, Default)]
pub struct Changes {
    pub files: Vec<PathBuf>,
    /// Lines each changed file has new or changed (1-based); a file git does not track yet is
    /// new in every line, and has no entry.
    lines: HashMap<PathBuf, Vec<RangeInclusive<usize>>>,
}

impl Changes {
    /// Asks git in the current folder what changed since the merge base of `reference` and
    /// `HEAD`: committed, staged and unstaged changes, and files not tracked yet. Deleted files
    /// are left out.
    pub fn since(reference: &str) -> Result<Changes, String> {
        let root = PathBuf::from(
            git(None, &["rev-parse", "--show-toplevel"])
                .map_err(|err| format!("--changed-since needs a git repository: {err}"))?
                .trim_end(),
        );
        let base = git(Some(&root), &["merge-base", reference, "HEAD"]).map_err(|_| {
            format!(
                "--changed-since: `{reference}` is not in this clone, or shares no history with \
                 HEAD. A shallow CI clone lacks it: fetch it first (`git fetch --no-tags \
                 origin {reference}`, or check out with fetch-depth 0)"
            )
        })?;
        let base = base.trim();
        let changed = git(
            Some(&root),
            &[
                "diff",
                "--name-only",
                "--no-renames",
                "--diff-filter=d",
                "-z",
                base,
            ],
        )?;
        let untracked = git(
            Some(&root),
            &["ls-files", "--others", "--exclude-standard", "-z"],
        )?;
        let cwd = std::env::current_dir().map_err(|err| format!("the current folder: {err}"))?;
        let from_cwd = |name: &str| relative_to(&root.join(name), &cwd);
        let mut changes = Changes::default();
        let diff = git(
            Some(&root),
            &["diff", "-U0", "--no-color", "--no-renames", base],
        )?;
        for (name, lines) in hunks(&diff) {
            changes.lines.insert(from_cwd(&name), lines);
        }
        for name in changed.split('\0').filter(|n| !n.is_empty()) {
            changes.files.push(from_cwd(name));
        }
        for name in untracked.split('\0').filter(|n| !n.is_empty()) {
            let path = from_cwd(name);
            changes.lines.remove(&path);
            changes.files.push(path);
        }
        changes.files.sort();
        changes.files.dedup();
        Ok(changes)
    }

    /// Whether a change touched any of `lines` of `path` (a file new to git, all of them).
    pub fn touches(&self, path: &Path, lines: RangeInclusive<usize>) -> bool {
        let path = path.strip_prefix(".").unwrap_or(path);
        match self.lines.get(path) {
            Some(changed) => changed
                .iter()
                .any(|c| c.start() <= lines.end() && lines.start() <= c.end()),
            None => self.files.iter().any(|f| f == path),
        }
    }
}

fn git(dir: Option<&Path>, args: &[&str]) -> Result<String, String> {
    let mut command = Command::new("git");
    // Paths as they are, not quoted octal escapes (`"docs/\\346\\227\\245.md"`).
    command.args(["-c", "core.quotepath=false"]);
    if let Some(dir) = dir {
        command.arg("-C").arg(dir);
    }
    let output = command
        .args(args)
        .output()
        .map_err(|err| format!("cannot run git: {err}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
    }
    String::from_utf8(output.stdout).map_err(|_| "git printed a path that is not UTF-8".into())
}

/// `path` relative to `folder` when it lies below it, else as it is.
fn relative_to(path: &Path, folder: &Path) -> PathBuf {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (path_abs, folder_abs) = (canonical(path), canonical(folder));
    path_abs
        .strip_prefix(&folder_abs)
        .map(Path::to_path_buf)
        .unwrap_or(path_abs)
}

/// The new-side lines of each file in a `git diff -U0`: `@@ -a,b +c,d @@` gives lines c to
/// c+d-1; a pure deletion (d = 0) touches the line it left, c (the line before the gap) and the
/// next, where a finding about the gap would stand.
fn hunks(diff: &str) -> Vec<(String, Vec<RangeInclusive<usize>>)> {
    let mut files: Vec<(String, Vec<RangeInclusive<usize>>)> = Vec::new();
    for line in diff.lines() {
        if let Some(name) = line.strip_prefix("+++ b/") {
            files.push((name.to_string(), Vec::new()));
        } else if let Some(header) = line.strip_prefix("@@ ") {
            let Some(new) = header.split_whitespace().find(|p| p.starts_with('+')) else {
                continue;
            };
            let mut parts = new[1..].split(',');
            let start: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(1);
            let count: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(1);
            let range = if count == 0 {
                start.max(1)..=start + 1
            } else {
                start..=start + count - 1
            };
            if let Some((_, ranges)) = files.last_mut() {
                ranges.push(range);
            }
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_the_new_lines() {
        let diff = "diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n@@ -3 +3 @@\n-a\n+b\n@@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,2 +21,0 @@\n-e\n-f\n";
        assert_eq!(
            hunks(diff),
            vec![("x.md".to_string(), vec![3..=3, 11..=12, 21..=22])]
        );
    }
}
