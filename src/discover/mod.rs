//! Discovery: the paths a user gives become article groups, one English source and its
//! translations, found without configuration in the layouts of [`Layout::built_in`]:
//!
//! - folder per article: `post/en.md`, `post/ar.md`, `post/hi.txt`;
//! - locale suffix: `post.md` or `post.en.md` beside `post.ar.md` or `post.zh-CN.md`;
//! - dash suffix: `README.md` beside `README-ja.md`;
//! - folder suffix: `pages/a.md` beside `pages.ja/a.md`;
//! - locale folders: `content/en/a/b.md` beside `content/ar/a/b.md`;
//! - the source at the root: `docs/guide.mdx` beside `docs/ja/guide.mdx`;
//!
//! and any other through `[[layout]]` patterns in `loclint.toml`. Locale tags are checked
//! against the IANA language subtag registry, so that `az-account.md` is no Azerbaijani page.
//!
//! Every group is completed from disk: a translation given alone (as a pre-commit hook passes
//! it) is checked with its source and beside its sibling translations, so that it is judged
//! as in a run over the whole tree. Only the files given, or found below the folders given,
//! are reported.

mod layout;

pub use layout::{Disk, Layout, Role};

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::config::Settings;
use crate::document::Format;
use crate::locale::Locale;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub path: PathBuf,
    /// From the path; `None` when the path names no locale (guessed later from the script).
    pub locale: Option<Locale>,
    /// Whether findings in this file are reported: false for the members of a group that were
    /// read from disk only to judge the files given.
    pub reported: bool,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub source: Option<Member>,
    pub translations: Vec<Member>,
    /// Where the source was looked for, when it was not found (for the error message).
    pub missing_source: Option<Vec<PathBuf>>,
}

/// A path that could not be used, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub groups: Vec<Group>,
    pub problems: Vec<Problem>,
    /// Sources given that have no translation.
    pub sources_without_translations: Vec<PathBuf>,
    /// How many article files were found under the paths given.
    pub files_found: usize,
    /// The layouts tried, for the message when no group is found.
    pub layouts_tried: Vec<String>,
    /// The layouts the groups were found in, described, with how many groups each.
    pub layouts_used: BTreeMap<String, usize>,
    /// What the user should know of the walk: an `exclude` pattern that matched nothing.
    pub notes: Vec<String>,
}

/// Shard `index` of `count` (1-based), for spreading one run over a CI matrix: whole article
/// groups, each in exactly one shard by a hash of its path, so that the shards' findings add up
/// to one full run's. Problems and sources without translations go with their paths too.
impl Discovery {
    pub fn shard(&mut self, index: usize, count: usize) {
        let mine = |path: &Path| {
            let key = path.to_string_lossy().replace('\\', "/");
            let key = key.trim_start_matches("./");
            (crate::stable_hash::stable_hash([key.as_bytes()]) % count as u64) as usize + 1 == index
        };
        self.groups.retain(|group| {
            let path = group
                .source
                .as_ref()
                .or(group.translations.first())
                .map(|member| member.path.as_path());
            path.is_none_or(mine)
        });
        self.problems.retain(|problem| mine(&problem.path));
        self.sources_without_translations.retain(|path| mine(path));
    }
}

/// A group being assembled, keyed by its source's path.
#[derive(Default)]
struct Builder {
    layout: Option<Layout>,
    source: Option<Member>,
    source_given: bool,
    translation_given: bool,
    translations: Vec<Member>,
    /// Where the source was looked for, when none of the candidates exists.
    candidates: Option<Vec<PathBuf>>,
}

/// Walks `paths` (files or folders) and groups the article files found.
pub fn discover(paths: &[PathBuf], settings: &Settings) -> Discovery {
    let mut discovery = Discovery::default();
    let disk = Disk::default();
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    let mut walked_roots = Vec::new();
    let mut patterns_used = vec![false; settings.exclude_patterns.len()];
    for path in paths {
        let path = tidy(path);
        if path.is_dir() {
            walk(
                &path,
                settings,
                &mut files,
                &mut discovery.problems,
                &mut patterns_used,
            );
            walked_roots.push(path);
        } else if path.is_file() {
            if Format::from_path(&path).is_some() {
                files.push((path, true));
            } else {
                discovery.problems.push(Problem {
                    path,
                    message: "not an article file: loclint reads .txt, .md, .markdown and .mdx"
                        .into(),
                });
            }
        } else {
            discovery.problems.push(Problem {
                message: if path.exists() {
                    "not a regular file or folder".into()
                } else {
                    "no such file or folder; check the path".into()
                },
                path,
            });
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    discovery.files_found = files.len();
    // A pattern that matched nothing in a walk of the whole tree is a typo or a leftover; in a
    // run on some files (a pre-commit hook's) most patterns match nothing, rightly.
    let whole_tree = settings.config_path.is_some()
        && std::path::absolute(&settings.root).is_ok_and(|root| {
            walked_roots
                .iter()
                .filter_map(|walked| std::path::absolute(walked).ok())
                .any(|walked| root.starts_with(walked))
        });
    if whole_tree {
        for (pattern, used) in settings.exclude_patterns.iter().zip(&patterns_used) {
            if !used {
                discovery.notes.push(format!(
                    "the `exclude` pattern `{pattern}` in loclint.toml matches no file; correct it or remove it"
                ));
            }
        }
    }

    let layouts = Layout::all(settings);
    discovery.layouts_tried = layouts.iter().map(Layout::describe).collect();
    let mut builders: BTreeMap<PathBuf, Builder> = BTreeMap::new();
    let mut unknown: BTreeMap<String, (PathBuf, usize)> = BTreeMap::new();
    let mut unmarked = Vec::new();
    for (path, given) in files {
        let placed = layouts
            .iter()
            .find_map(|layout| Some((layout, layout.classify(&path, settings, &disk)?)));
        match placed {
            Some((layout, Role::Source)) => {
                let builder = builders.entry(path.clone()).or_default();
                builder.layout.get_or_insert_with(|| layout.clone());
                builder.source_given |= given;
                builder.source = Some(Member {
                    path,
                    locale: Some(settings.source_locale.clone()),
                    reported: false,
                });
            }
            Some((layout, Role::Translation { locale, sources })) => {
                let found = sources.iter().find(|p| disk.is_file(p)).cloned();
                let key = found.clone().unwrap_or_else(|| sources[0].clone());
                let builder = builders.entry(key).or_default();
                builder.layout.get_or_insert_with(|| layout.clone());
                builder.translation_given |= given;
                if found.is_none() {
                    builder.candidates = Some(sources);
                }
                builder.translations.push(Member {
                    path,
                    locale: Some(locale),
                    reported: true,
                });
            }
            Some((_, Role::UnknownLocale { tag })) => {
                unknown.entry(tag).or_insert((path, 0)).1 += 1;
            }
            None => unmarked.push((path, given)),
        }
    }
    for (tag, (path, count)) in unknown {
        let files = if count == 1 {
            "this file was".to_string()
        } else {
            format!("this file and {} more were", count - 1)
        };
        discovery.problems.push(Problem {
            path,
            message: format!(
                "`{tag}` names no language loclint can check (it is not a registered BCP 47 \
                 tag, or it is private use): {files} not checked; name the locale by a \
                 registered tag, or exclude it in loclint.toml"
            ),
        });
    }
    for (path, given) in unmarked {
        if let Some(builder) = builders.get_mut(&path) {
            // `post.md` beside `post.ar.md`: the unmarked file is the source.
            builder.source_given |= given;
            builder.source = Some(Member {
                path,
                locale: None,
                reported: false,
            });
            continue;
        }
        let mut builder = Builder {
            source: Some(Member {
                path: path.clone(),
                locale: None,
                reported: false,
            }),
            source_given: given,
            ..Builder::default()
        };
        if given {
            // A source given alone: its translations stand on disk in some layout.
            for layout in layouts.iter().filter(|l| **l != Layout::FolderPerArticle) {
                let found = layout.translations_on_disk(&path, settings, &disk);
                if !found.is_empty() {
                    builder.layout.get_or_insert_with(|| layout.clone());
                    builder.translations.extend(found);
                }
            }
        }
        if builder.layout.is_none() {
            // A file no layout places: checked on its own, with the checks that need no source.
            discovery.groups.push(Group {
                source: None,
                translations: vec![Member {
                    path,
                    locale: None,
                    reported: true,
                }],
                missing_source: None,
            });
            continue;
        }
        for member in &mut builder.translations {
            member.reported = true;
        }
        builders.insert(path, builder);
    }

    for (key, builder) in builders {
        if let Some(group) = assemble(key, builder, settings, &disk, &walked_roots, &mut discovery)
        {
            discovery.groups.push(group);
        }
    }
    discovery
        .groups
        .sort_by(|a, b| group_path(a).cmp(group_path(b)));
    discovery
}

/// A builder's group: its source found on disk if the walk did not bring it, its other
/// translations read from disk when the walk did not cover them.
fn assemble(
    key: PathBuf,
    mut builder: Builder,
    settings: &Settings,
    disk: &Disk,
    walked_roots: &[PathBuf],
    discovery: &mut Discovery,
) -> Option<Group> {
    let source_exists = builder.candidates.is_none();
    if builder.source.is_none() && source_exists {
        builder.source = Some(Member {
            path: key.clone(),
            locale: Some(settings.source_locale.clone()),
            reported: false,
        });
    }
    let walked = walked_roots
        .iter()
        .any(|root| root == Path::new(".") || key.starts_with(root));
    let complete = builder.source_given || builder.translation_given || !walked;
    if let (true, true, Some(layout)) = (complete, source_exists, &builder.layout) {
        for mut member in layout.translations_on_disk(&key, settings, disk) {
            if builder.translations.iter().all(|m| m.path != member.path) {
                member.reported = builder.source_given;
                builder.translations.push(member);
            }
        }
    }
    if builder.translations.is_empty() {
        if builder.source_given {
            discovery.sources_without_translations.push(key);
        }
        return None;
    }
    builder.translations.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(layout) = &builder.layout {
        *discovery.layouts_used.entry(layout.describe()).or_default() += 1;
    }
    Some(Group {
        source: builder.source.filter(|_| source_exists),
        translations: builder.translations,
        missing_source: builder.candidates,
    })
}

fn group_path(group: &Group) -> &Path {
    group
        .source
        .as_ref()
        .or(group.translations.first())
        .map_or(Path::new(""), |m| &m.path)
}

/// One group given by hand: `loclint check --source en.md ar.md hi.md`.
pub fn explicit(source: &Path, translations: &[PathBuf], settings: &Settings) -> Discovery {
    let mut discovery = Discovery::default();
    let disk = Disk::default();
    let layouts = Layout::all(settings);
    let members = translations
        .iter()
        .map(|path| {
            let path = tidy(path);
            let locale = layouts.iter().find_map(|layout| {
                match layout.classify(&path, settings, &disk)? {
                    Role::Translation { locale, .. } => Some(locale),
                    _ => None,
                }
            });
            Member {
                path,
                locale,
                reported: true,
            }
        })
        .collect();
    discovery.files_found = translations.len() + 1;
    discovery.groups.push(Group {
        source: Some(Member {
            path: tidy(source),
            locale: Some(settings.source_locale.clone()),
            reported: false,
        }),
        translations: members,
        missing_source: None,
    });
    discovery
}

/// `path` as reports show it: relative to the current folder where it lies below it, without
/// a leading `./`.
pub fn tidy(path: &Path) -> PathBuf {
    let relative = if path.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    let tidied: PathBuf = relative
        .components()
        .skip_while(|c| matches!(c, Component::CurDir))
        .collect();
    if tidied.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        tidied
    }
}

/// Walks `root` for article files, marking in `patterns_used` each `exclude` pattern that
/// matched a file.
fn walk(
    root: &Path,
    settings: &Settings,
    files: &mut Vec<(PathBuf, bool)>,
    problems: &mut Vec<Problem>,
    patterns_used: &mut [bool],
) {
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let excluded_by = settings.excluded_by(path);
                for &pattern in &excluded_by {
                    patterns_used[pattern] = true;
                }
                if excluded_by.is_empty() && Format::from_path(path).is_some() {
                    files.push((tidy(path), false));
                }
            }
            Err(err) => problems.push(walk_problem(root, &err)),
        }
    }
}

/// A folder or file the walk could not enter, named by its own path and what to do.
fn walk_problem(root: &Path, err: &ignore::Error) -> Problem {
    let mut path = None;
    let mut inner = err;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path.get_or_insert_with(|| p.clone());
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err;
            }
            _ => break,
        }
    }
    let message = match (inner, err.io_error().map(std::io::Error::kind)) {
        (ignore::Error::Loop { child, .. }, _) => {
            path.get_or_insert_with(|| child.clone());
            "a symbolic link loop; it was not followed".to_string()
        }
        (_, Some(std::io::ErrorKind::PermissionDenied)) => {
            "cannot read the folder: permission denied; make it readable, or exclude it in loclint.toml".to_string()
        }
        (_, Some(std::io::ErrorKind::NotFound)) => {
            "it was removed while the run went on".to_string()
        }
        _ => format!("cannot read the folder: {inner}"),
    };
    Problem {
        path: tidy(&path.unwrap_or_else(|| root.to_path_buf())),
        message,
    }
}

#[cfg(test)]
mod tests;
