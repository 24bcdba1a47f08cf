//! Discovery: the paths a user gives become article groups, one English source and its
//! translations, found without configuration for the common layouts:
//!
//! - folder per article: `post/en.md`, `post/ar.md`, `post/hi.txt`;
//! - locale suffix: `post.md` or `post.en.md` beside `post.ar.md`;
//! - locale folder: `content/en/a/b.md` beside `content/ar/a/b.md`;
//! - any other, through `[[layout]]` patterns in `loclint.toml`.
//!
//! A translation given alone is grouped with its source found on disk, so that a pre-commit
//! hook that passes only changed files still checks them against their source.

mod layout;

pub use layout::Layout;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::document::Format;
use crate::locale::Locale;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub path: PathBuf,
    /// From the path; `None` when the path names no locale (guessed later from the script).
    pub locale: Option<Locale>,
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
    /// Sources given or found that have no translation.
    pub sources_without_translations: Vec<PathBuf>,
}

/// Walks `paths` (files or folders) and groups the article files found.
pub fn discover(paths: &[PathBuf], settings: &Settings) -> Discovery {
    let mut discovery = Discovery::default();
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, settings, &mut files, &mut discovery.problems);
        } else if path.is_file() {
            if Format::from_path(path).is_some() {
                files.push((path.clone(), true));
            } else {
                discovery.problems.push(Problem {
                    path: path.clone(),
                    message: "not an article file: loclint reads .txt, .md, .markdown and .mdx"
                        .into(),
                });
            }
        } else {
            discovery.problems.push(Problem {
                path: path.clone(),
                message: if path.exists() {
                    "not a regular file or folder".into()
                } else {
                    "no such file or folder; check the path".into()
                },
            });
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);

    let layouts = Layout::all(settings);
    let mut groups: BTreeMap<String, (Layout, Vec<(Member, bool)>)> = BTreeMap::new();
    let mut standalone = Vec::new();
    for (path, given) in files {
        let placed = layouts.iter().find_map(|layout| {
            let (key, locale) = layout.classify(&path, settings)?;
            Some((layout.clone(), key, locale))
        });
        match placed {
            Some((layout, key, locale)) => groups
                .entry(key)
                .or_insert_with(|| (layout, Vec::new()))
                .1
                .push((Member { path, locale }, given)),
            None => standalone.push((path, given)),
        }
    }
    // `post.md` beside `post.ar.md` is the source of the suffix layout's group.
    for (path, given) in standalone {
        let member = (
            Member {
                path: path.clone(),
                locale: None,
            },
            given,
        );
        let key = Layout::suffix_key(&path);
        match groups.get_mut(&key) {
            Some((_, members)) => members.push(member),
            None if given => {
                // `post.md` given alone: its `post.<locale>.md` translations are on disk.
                let found = Layout::LocaleSuffix.translations_on_disk(&path, settings);
                let (layout, key) = if found.is_empty() {
                    (Layout::Standalone, format!("file:{}", path.display()))
                } else {
                    (Layout::LocaleSuffix, key)
                };
                let mut members = vec![member];
                members.extend(found.into_iter().map(|m| (m, false)));
                groups.insert(key, (layout, members));
            }
            None => {
                groups.insert(
                    format!("file:{}", path.display()),
                    (Layout::Standalone, vec![member]),
                );
            }
        }
    }

    for (_, (layout, members)) in groups {
        let source_locale = &settings.source_locale;
        // `en` is the source; `en-GB` beside it is a translation (a regional adaptation), unless
        // the group has no exact match, where any `en-*` is taken for the source.
        let exact = members
            .iter()
            .any(|(m, _)| m.locale.as_ref() == Some(source_locale));
        let is_source = |m: &Member| match &m.locale {
            Some(locale) if exact => locale == source_locale,
            Some(locale) => locale.same_language(source_locale),
            None => layout.unmarked_is_source(),
        };
        let (sources, translations): (Vec<_>, Vec<_>) =
            members.into_iter().partition(|(m, _)| is_source(m));
        let given_source = sources.iter().any(|(_, given)| *given);
        let source = sources.into_iter().next().map(|(m, _)| m);
        let mut translations: Vec<Member> = translations.into_iter().map(|(m, _)| m).collect();
        if translations.is_empty() && given_source {
            // A changed source alone (a pre-commit hook): check its translations against it.
            if let Some(source) = &source {
                translations = layout.translations_on_disk(&source.path, settings);
            }
        }
        if translations.is_empty() {
            if let Some(source) = source {
                if given_source || layout != Layout::Standalone {
                    discovery.sources_without_translations.push(source.path);
                }
            }
            continue;
        }
        let mut group = Group {
            source,
            translations,
            missing_source: None,
        };
        if group.source.is_none() && layout != Layout::Standalone {
            let candidates = layout.source_candidates(&group.translations[0].path, settings);
            match candidates.iter().find(|c| c.is_file()) {
                Some(found) => {
                    group.source = Some(Member {
                        path: found.clone(),
                        locale: Some(source_locale.clone()),
                    })
                }
                None => group.missing_source = Some(candidates),
            }
        }
        discovery.groups.push(group);
    }
    discovery
}

/// One group given by hand: `loclint check --source en.md ar.md hi.md`.
pub fn explicit(source: &Path, translations: &[PathBuf], settings: &Settings) -> Discovery {
    let mut discovery = Discovery::default();
    let layouts = Layout::all(settings);
    let members = translations
        .iter()
        .map(|path| Member {
            path: path.clone(),
            locale: layouts
                .iter()
                .find_map(|layout| layout.classify(path, settings)?.1),
        })
        .collect();
    discovery.groups.push(Group {
        source: Some(Member {
            path: source.to_path_buf(),
            locale: Some(settings.source_locale.clone()),
        }),
        translations: members,
        missing_source: None,
    });
    discovery
}

fn walk(
    root: &Path,
    settings: &Settings,
    files: &mut Vec<(PathBuf, bool)>,
    problems: &mut Vec<Problem>,
) {
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if entry.file_type().is_some_and(|t| t.is_file())
                    && Format::from_path(path).is_some()
                    && !settings.is_excluded(path)
                {
                    files.push((path.to_path_buf(), false));
                }
            }
            Err(err) => problems.push(Problem {
                path: root.to_path_buf(),
                message: format!("cannot walk the folder: {err}"),
            }),
        }
    }
}

#[cfg(test)]
mod tests;
