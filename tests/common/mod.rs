//! What the command-line tests share: a tree of files in a temporary folder, and the real
//! binary run in it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A folder with `files` (relative path, bytes) in it.
pub fn tree(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, bytes) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

pub fn native(path: &str) -> String {
    path.split('/').collect::<PathBuf>().display().to_string()
}

pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs loclint in `dir` with `args`, colour settings from the environment left out.
pub fn loclint(dir: &Path, args: &[&str]) -> Run {
    loclint_with(dir, args, &[])
}

pub fn loclint_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::cargo_bin("loclint").expect("the loclint binary is built");
    command
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("GITHUB_BASE_REF");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("loclint runs");
    Run {
        status: output.status.code().expect("an exit status"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 errors"),
    }
}

pub fn assert_no_panic(run: &Run) {
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("panicked"), "a panic:\n{text}");
    }
}
