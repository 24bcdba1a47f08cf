//! Bad input, run through the real binary: encodings and line endings, odd files, what the file
//! system does, resource limits and a failing check. Each case gets a clear message naming the
//! path, the rest of the run goes on, and a file that could not be checked makes the exit status
//! 2. Never a panic.

use std::path::Path;

mod common;
use common::{assert_no_panic, loclint, loclint_with, native, tree, Run};

const EN: &str = "# Getting started\n\nInstall the tool with the installer. It takes 5 minutes.\n\nThen run it on your articles.\n";

/// The French translation with the count changed: one finding, at line 3, column 51.
const FR: &str = "# Bien démarrer\n\nInstallez l’outil avec l’installateur. Cela prend 3 minutes.\n\nLancez-le ensuite sur vos articles.\n";

/// A good group beside the case under test, whose one finding shows the run went on.
const GOOD: [(&str, &[u8]); 2] = [
    ("good/en/a.md", EN.as_bytes()),
    ("good/fr/a.md", FR.as_bytes()),
];

fn check(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["check", ".", "--color", "never", "--no-config"];
    args.extend_from_slice(extra);
    loclint(dir, &args)
}

/// The lines `path:line:column` of the human report's findings.
fn places(run: &Run) -> Vec<String> {
    run.stdout
        .lines()
        .filter_map(|line| line.strip_prefix(" --> "))
        .map(str::to_string)
        .collect()
}

fn assert_good_group_checked(run: &Run) {
    assert!(
        places(run).contains(&format!("{}:3:51", native("good/fr/a.md"))),
        "the good group was not checked:\n{}\n{}",
        run.stdout,
        run.stderr
    );
}

/// Status 2, a message naming `file` that says `what`, the good group checked, no panic.
fn assert_trouble(run: &Run, file: &str, what: &str) {
    assert_no_panic(run);
    assert_eq!(run.status, 2, "{}\n{}", run.stdout, run.stderr);
    let message = run
        .stderr
        .lines()
        .find(|line| line.contains(&native(file)))
        .unwrap_or_else(|| panic!("no message names {file}:\n{}", run.stderr));
    assert!(message.contains(what), "{message}");
    assert_good_group_checked(run);
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    for unit in units {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn utf16_files_are_read_with_or_without_a_byte_order_mark() {
    let le = utf16(FR, false, true);
    let be = utf16(FR, true, true);
    let bare = utf16(FR, false, false);
    let dir = tree(&[
        ("en/a.md", EN.as_bytes()),
        ("fr/a.md", &le),
        ("en/b.md", EN.as_bytes()),
        ("fr/b.md", &be),
        ("en/c.md", EN.as_bytes()),
        ("fr/c.md", &bare),
    ]);
    let run = check(dir.path(), &[]);
    assert_no_panic(&run);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(
        places(&run),
        ["fr/a.md:3:51", "fr/b.md:3:51", "fr/c.md:3:51"].map(native)
    );
}

#[test]
fn utf16_with_an_unpaired_surrogate_is_refused_by_name() {
    let mut broken = utf16(FR, false, true);
    broken.extend([0x00, 0xD8, b'x', 0x00]);
    let mut files = GOOD.to_vec();
    files.extend([("en/a.md", EN.as_bytes()), ("fr/a.md", &broken[..])]);
    let dir = tree(&files);
    assert_trouble(
        &check(dir.path(), &[]),
        "fr/a.md",
        "read as UTF-16LE, but it holds an unpaired surrogate",
    );
}

#[test]
fn a_utf8_byte_order_mark_is_read_and_not_counted_as_a_column() {
    let ar = "\u{FEFF}# Getting started\n\nثبّت الأداة باستخدام المثبت. يستغرق ذلك 3 دقائق.\n\nثم شغّله على مقالاتك.\n";
    let dir = tree(&[("en/a.md", EN.as_bytes()), ("ar/a.md", ar.as_bytes())]);
    let run = check(dir.path(), &["--ignore", "invisible-character"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    // The untranslated heading's text begins at the third character after the mark.
    assert_eq!(places(&run), ["ar/a.md:1:3", "ar/a.md:3:41"].map(native));
}

#[test]
fn crlf_and_lone_cr_line_ends_count_lines_as_editors_do() {
    let crlf = FR.replace('\n', "\r\n");
    let cr = FR.replace('\n', "\r");
    let dir = tree(&[
        ("en/a.md", EN.as_bytes()),
        ("fr/a.md", crlf.as_bytes()),
        ("en/b.md", EN.replace('\n', "\r").as_bytes()),
        ("fr/b.md", cr.as_bytes()),
    ]);
    let run = check(dir.path(), &[]);
    assert_no_panic(&run);
    assert_eq!(
        places(&run),
        ["fr/a.md:3:51", "fr/b.md:3:51"].map(native),
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_of_only_front_matter_is_checked_without_trouble() {
    let en = format!("---\ntitle: Getting started\n---\n\n{}", &EN[18..]);
    let dir = tree(&[
        ("en/a.md", en.as_bytes()),
        ("fr/a.md", b"---\ntitle: Bien d\xc3\xa9marrer\n---\n"),
    ]);
    let run = check(dir.path(), &["--format", "json"]);
    assert_no_panic(&run);
    assert_eq!(run.status, 1, "{}", run.stderr);
    // The body is missing: that is what the translation lacks, reported where it should be.
    assert!(run.stdout.contains("structure-mismatch"), "{}", run.stdout);
}

#[test]
fn a_file_larger_than_the_limit_is_reported_never_skipped() {
    let big = FR.repeat(200);
    let mut files = GOOD.to_vec();
    files.extend([
        ("en/a.md", EN.as_bytes()),
        ("fr/a.md", big.as_bytes()),
        ("loclint.toml", b"[limits]\nmax-file-size = \"4 KiB\"\n"),
    ]);
    let dir = tree(&files);
    let run = loclint(dir.path(), &["check", ".", "--color", "never"]);
    assert_trouble(
        &run,
        "fr/a.md",
        "too large to check (24000 bytes, the limit is 4096); raise `max-file-size`",
    );
}

#[test]
fn a_file_with_more_blocks_than_the_limit_is_reported() {
    let many = format!("{FR}{}", "Un paragraphe.\n\n".repeat(40));
    let mut files = GOOD.to_vec();
    files.extend([
        ("en/a.md", EN.as_bytes()),
        ("fr/a.md", many.as_bytes()),
        ("loclint.toml", b"[limits]\nmax-blocks = 20\n"),
    ]);
    let dir = tree(&files);
    let run = loclint(dir.path(), &["check", ".", "--color", "never"]);
    assert_trouble(
        &run,
        "fr/a.md",
        "too many blocks to check (42, the limit is 20); raise `max-blocks`",
    );
}

#[test]
fn limits_that_are_no_sizes_stop_the_run_with_the_line() {
    for (limits, said) in [
        ("max-file-size = \"lots\"", "`lots` is not a size"),
        (
            "max-file-size = \"3 parsecs\"",
            "`parsecs` is not a unit of size",
        ),
        ("max-file-size = 0", "`max-file-size` must be more than 0"),
        ("max-blocks = -1", "`max-blocks` must be a number of blocks"),
        ("max-blocks = \"many\"", "invalid type"),
    ] {
        let config = format!("[limits]\n{limits}\n");
        let mut files = GOOD.to_vec();
        files.push(("loclint.toml", config.as_bytes()));
        let dir = tree(&files);
        let run = loclint(dir.path(), &["check", "."]);
        assert_no_panic(&run);
        assert_eq!(run.status, 2, "{limits}");
        assert!(
            run.stderr.contains("loclint.toml:2: ") && run.stderr.contains(said),
            "{limits}: {}",
            run.stderr
        );
    }
}

#[test]
fn config_files_missing_empty_or_of_wrong_types() {
    let dir = tree(&GOOD);
    let missing = loclint(dir.path(), &["check", ".", "--config", "absent.toml"]);
    assert_no_panic(&missing);
    assert_eq!(missing.status, 2);
    assert!(
        missing
            .stderr
            .contains("absent.toml: cannot read the configuration"),
        "{}",
        missing.stderr
    );

    let mut files = GOOD.to_vec();
    files.push(("loclint.toml", b""));
    let empty = tree(&files);
    let run = loclint(empty.path(), &["check", ".", "--color", "never"]);
    assert_eq!(
        run.status, 1,
        "an empty config is the defaults: {}",
        run.stderr
    );
    assert_good_group_checked(&run);

    let mut files = GOOD.to_vec();
    files.push((
        "loclint.toml",
        b"[terminology]\nglossaries = [\"terms.csv\"]\n".as_slice(),
    ));
    let glossary = tree(&files);
    let run = loclint(glossary.path(), &["check", "."]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("loclint.toml:2: the glossary `terms.csv` is not a file"),
        "{}",
        run.stderr
    );

    let mut files = GOOD.to_vec();
    files.push(("loclint.toml", b"fail-on = 3\n"));
    let typed = tree(&files);
    let run = loclint(typed.path(), &["check", "."]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("loclint.toml:1: invalid type: integer `3`, expected a string"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_exclude_pattern_that_matches_nothing_is_named_in_a_whole_tree_run() {
    let mut files = GOOD.to_vec();
    files.extend([
        ("drafts/fr/a.md", FR.as_bytes()),
        (
            "loclint.toml",
            b"exclude = [\"drafts\", \"archive/**\"]\n".as_slice(),
        ),
    ]);
    let dir = tree(&files);
    let run = loclint(dir.path(), &["check", ".", "--color", "never"]);
    assert_good_group_checked(&run);
    let notes: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("note: "))
        .collect();
    assert_eq!(
        notes,
        ["note: the `exclude` pattern `archive/**` in loclint.toml matches no file; correct it or remove it"]
    );
    // A run on one file, as a pre-commit hook makes, leaves the patterns alone.
    let one = loclint(dir.path(), &["check", "good/fr/a.md", "--color", "never"]);
    assert!(!one.stderr.contains("matches no file"), "{}", one.stderr);
}

#[test]
fn paths_with_spaces_and_names_that_are_not_utf8_are_checked() {
    let dir = tree(&[
        ("en/getting started.md", EN.as_bytes()),
        ("fr/getting started.md", FR.as_bytes()),
    ]);
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
        std::fs::write(dir.path().join("en").join(name), EN).unwrap();
        std::fs::write(dir.path().join("fr").join(name), FR).unwrap();
    }
    let run = check(dir.path(), &[]);
    assert_no_panic(&run);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let mut expected = vec![native("fr/getting started.md:3:51")];
    if cfg!(unix) {
        // The name is shown with U+FFFD for the byte that is no UTF-8, as the platform shows it.
        expected.insert(0, native("fr/caf\u{FFFD}.md:3:51"));
    }
    assert_eq!(places(&run), expected);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_does_not_stop_the_walk() {
    let dir = tree(&GOOD);
    std::os::unix::fs::symlink("..", dir.path().join("good").join("loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.md", dir.path().join("good/fr/dangling.md")).unwrap();
    let run = check(dir.path(), &[]);
    assert_no_panic(&run);
    assert_eq!(run.status, 1, "{}", run.stderr);
    // Symbolic links are not followed (as git and ripgrep do by default): the loop is no
    // trouble, and each file is checked once.
    assert_eq!(places(&run), [native("good/fr/a.md:3:51")]);
}

/// Runs loclint as a user the permissions apply to: `nobody` when the tests run as root (who
/// reads every file), the test's own user otherwise.
#[cfg(unix)]
fn check_as_unprivileged(dir: &Path) -> Run {
    use std::os::unix::fs::PermissionsExt;
    let root = running_as_root();
    if root {
        // The temporary folder is private to its owner; `nobody` needs to enter it.
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let binary = assert_cmd::cargo::cargo_bin("loclint");
        let output = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(binary)
            .args(["check", ".", "--color", "never", "--no-config"])
            .current_dir(dir)
            .output()
            .expect("setpriv (util-linux) runs");
        Run {
            status: output.status.code().expect("an exit status"),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    } else {
        check(dir, &[])
    }
}

#[cfg(unix)]
fn running_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_named_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let mut files = GOOD.to_vec();
    files.extend([
        ("en/a.md", EN.as_bytes()),
        ("fr/a.md", FR.as_bytes()),
        ("de/a.md", FR.as_bytes()),
    ]);
    let dir = tree(&files);
    for (path, mode) in [("fr/a.md", 0o000), ("de", 0o000)] {
        std::fs::set_permissions(dir.path().join(path), std::fs::Permissions::from_mode(mode))
            .unwrap();
    }
    let run = check_as_unprivileged(dir.path());
    // Give the folder back, so that the temporary folder can be removed.
    std::fs::set_permissions(
        dir.path().join("de"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    assert_trouble(
        &run,
        "fr/a.md",
        "cannot read the file: permission denied; make the file readable",
    );
    assert_trouble(
        &run,
        "de",
        "cannot read the folder: permission denied; make it readable, or exclude it",
    );
}

#[test]
fn files_deleted_while_the_run_goes_on_are_named_and_the_rest_checked() {
    // Many groups, deleted from the end while loclint walks and reads them: whichever it
    // reaches after their deletion is named as gone; none is a panic.
    let mut files = Vec::new();
    let names: Vec<(String, String)> = (0..1500)
        .map(|i| (format!("en/{i:04}.md"), format!("fr/{i:04}.md")))
        .collect();
    for (en, fr) in &names {
        files.push((en.as_str(), EN.as_bytes()));
        files.push((fr.as_str(), FR.as_bytes()));
    }
    let dir = tree(&files);
    let binary = assert_cmd::cargo::cargo_bin("loclint");
    let child = std::process::Command::new(binary)
        .args(["check", ".", "--format", "json", "--no-config"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    for (_, fr) in names.iter().rev() {
        std::fs::remove_file(dir.path().join(fr)).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let status = output.status.code().unwrap();
    assert!(status == 1 || status == 2, "{status}: {stderr}");
    for line in stderr.lines().filter(|l| l.starts_with("error: ")) {
        assert!(
            line.contains(&native("fr/"))
                && (line.contains("no such file") || line.contains("removed")),
            "{line}"
        );
    }
    // What was read before its deletion was checked: the report is whole JSON.
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(report["findings"].is_array());
}

#[test]
fn a_folder_of_100000_files_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    // 50,000 pages and their French translations side by side, `page.fr.md` beside `page.md`.
    for i in 0..50_000 {
        std::fs::write(
            docs.join(format!("p{i:05}.md")),
            "# Title\n\nA short page.\n",
        )
        .unwrap();
        std::fs::write(
            docs.join(format!("p{i:05}.fr.md")),
            "# Titre\n\nUne page courte.\n",
        )
        .unwrap();
    }
    let run = loclint(
        dir.path(),
        &["check", ".", "--no-config", "--format", "json", "--quiet"],
    );
    assert_no_panic(&run);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["summary"]["files_checked"], 50_000);
    // The run lasts over a second, but standard error is a pipe: no progress bar in it.
    assert!(!run.stderr.contains("article groups"), "{}", run.stderr);
}

#[test]
fn a_check_that_fails_inside_is_reported_by_file_and_the_run_goes_on() {
    let mut files = GOOD.to_vec();
    files.extend([("en/b.md", EN.as_bytes()), ("fr/b.md", FR.as_bytes())]);
    let dir = tree(&files);
    let run = loclint_with(
        dir.path(),
        &["check", ".", "--color", "never", "--no-config"],
        &[("LOCLINT_PANIC_ON", "fr/b.md"), ("RUST_BACKTRACE", "0")],
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    let error = run
        .stderr
        .lines()
        .find(|l| l.starts_with("error: "))
        .unwrap_or_default();
    assert!(
        error.contains(&native("fr/b.md"))
            && error.contains("internal error")
            && error.contains("please report it"),
        "{}",
        run.stderr
    );
    assert_good_group_checked(&run);
}
