//! The layouts loclint recognises: how a path says which article it belongs to and in which
//! locale. Each layout answers two questions: what is this path (a source, a translation and
//! where its source would be, or nothing this layout knows), and which translations of a
//! source stand on disk.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use regex::Regex;

use crate::config::Settings;
use crate::document::Format;
use crate::locale::{Locale, TagCheck};

use super::Member;

/// File extensions loclint reads, in the order a source is looked for.
const EXTENSIONS: &[&str] = &["md", "mdx", "txt", "markdown"];

#[derive(Debug, Clone)]
pub enum Layout {
    /// `[[layout]]` patterns from the config, with their compiled regexes.
    Pattern {
        source: String,
        translation: String,
        source_re: Regex,
        translation_re: Regex,
    },
    /// `post/en.md` beside `post/ar.md`.
    FolderPerArticle,
    /// `post.md` or `post.en.md` beside `post.ar.md`, `README.md` beside `README.zh-CN.md`.
    LocaleSuffix,
    /// `README.md` beside `README-ja.md` or `README-zh-Hant.md`.
    DashSuffix,
    /// `pages/a.md` beside `pages.ja/a.md`.
    FolderSuffix,
    /// `content/en/a/b.md` beside `content/ar/a/b.md`.
    LocaleFolder,
    /// The source at the root of the tree and locale folders beside it: `docs/guide.mdx`
    /// beside `docs/ja/guide.mdx`.
    RootSource,
}

impl PartialEq for Layout {
    fn eq(&self, other: &Self) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// What a path is, in the first layout that describes it.
#[derive(Debug, Clone)]
pub enum Role {
    /// A file marked with the source locale (`post/en.md`, `x.en.md`, `content/en/x.md`).
    Source,
    /// A translation, and where its source would be (the first that exists is it).
    Translation {
        locale: Locale,
        sources: Vec<PathBuf>,
    },
    /// A path marked with a tag that names no language loclint can check.
    UnknownLocale { tag: String },
}

/// Answers "does this path exist", remembering the answers: discovery asks about the same
/// folders again and again.
#[derive(Debug, Default)]
pub struct Disk {
    known: Mutex<HashMap<PathBuf, Kind>>,
    mirrors: Mutex<HashMap<(PathBuf, String), bool>>,
    /// Each folder's entries, sorted, listed once: a folder of 100,000 pages is asked about
    /// once a page.
    listings: Mutex<HashMap<PathBuf, Arc<[OsString]>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Dir,
    Missing,
}

impl Disk {
    fn kind(&self, path: &Path) -> Kind {
        if let Some(kind) = self
            .known
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(path)
        {
            return *kind;
        }
        let kind = match std::fs::metadata(path) {
            Ok(m) if m.is_file() => Kind::File,
            Ok(m) if m.is_dir() => Kind::Dir,
            _ => Kind::Missing,
        };
        self.known
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.to_path_buf(), kind);
        kind
    }

    pub fn is_file(&self, path: &Path) -> bool {
        self.kind(path) == Kind::File
    }

    pub fn is_dir(&self, path: &Path) -> bool {
        self.kind(path) == Kind::Dir
    }

    /// The names in `dir`, sorted by their bytes.
    fn list(&self, dir: &Path) -> Arc<[OsString]> {
        if let Some(names) = self
            .listings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(dir)
        {
            return names.clone();
        }
        let names: Arc<[OsString]> = read_dir(dir).into();
        self.listings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(dir.to_path_buf(), names.clone());
        names
    }

    /// The names in `dir` that begin with `prefix`: a range of the sorted listing, found by
    /// binary search, so that asking for one page's translations costs no walk of the folder.
    fn starting_with(&self, dir: &Path, prefix: &str) -> Vec<OsString> {
        let names = self.list(dir);
        let prefix = prefix.as_bytes();
        let start = names.partition_point(|name| name.as_encoded_bytes() < prefix);
        names[start..]
            .iter()
            .take_while(|name| name.as_encoded_bytes().starts_with(prefix))
            .cloned()
            .collect()
    }

    /// Whether `base/<folder>` mirrors `base`: most of its entries stand in `base` too, as a
    /// locale folder's do (`docs/ja/guides` beside `docs/guides`), unlike a folder that only
    /// happens to be named like a language (`docs/ml/`, `docs/api/`).
    fn mirrors(&self, base: &Path, folder: &str) -> bool {
        let key = (base.to_path_buf(), folder.to_string());
        if let Some(&known) = self
            .mirrors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return known;
        }
        let listing = self.list(&base.join(folder));
        let entries: Vec<_> = listing
            .iter()
            .filter(|name| {
                let path = Path::new(name);
                Format::from_path(path).is_some() || !name.to_string_lossy().contains('.')
            })
            .collect();
        let shared = entries
            .iter()
            .filter(|name| self.kind(&base.join(name)) != Kind::Missing)
            .count();
        let mirrors = shared > 0 && 2 * shared >= entries.len();
        self.mirrors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, mirrors);
        mirrors
    }
}

fn read_dir(dir: &Path) -> Vec<std::ffi::OsString> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    names.sort_by(|a, b| a.as_encoded_bytes().cmp(b.as_encoded_bytes()));
    names
}

impl Layout {
    pub fn all(settings: &Settings) -> Vec<Layout> {
        let mut layouts: Vec<Layout> = settings
            .layouts
            .iter()
            .map(|p| Layout::Pattern {
                source: p.source.clone(),
                translation: p.translation.clone(),
                source_re: pattern_regex(&p.source),
                translation_re: pattern_regex(&p.translation),
            })
            .collect();
        layouts.extend(Layout::built_in());
        layouts
    }

    pub fn built_in() -> [Layout; 6] {
        [
            Layout::FolderPerArticle,
            Layout::LocaleSuffix,
            Layout::DashSuffix,
            Layout::FolderSuffix,
            Layout::LocaleFolder,
            Layout::RootSource,
        ]
    }

    /// How the layout is named in messages.
    pub fn describe(&self) -> String {
        match self {
            Layout::Pattern {
                source,
                translation,
                ..
            } => format!("`{source}` beside `{translation}` (loclint.toml)"),
            Layout::FolderPerArticle => "folder per article (`post/en.md`, `post/ar.md`)".into(),
            Layout::LocaleSuffix => {
                "locale suffix (`post.md` or `post.en.md` beside `post.ar.md`)".into()
            }
            Layout::DashSuffix => "dash suffix (`README.md` beside `README-ja.md`)".into(),
            Layout::FolderSuffix => "folder suffix (`pages/a.md` beside `pages.ja/a.md`)".into(),
            Layout::LocaleFolder => {
                "locale folders (`content/en/a.md` beside `content/ar/a.md`)".into()
            }
            Layout::RootSource => "source at the root (`docs/a.md` beside `docs/ja/a.md`)".into(),
        }
    }

    /// What `path` is in this layout, if the layout describes it.
    pub fn classify(&self, path: &Path, settings: &Settings, disk: &Disk) -> Option<Role> {
        let source_locale = &settings.source_locale;
        match self {
            Layout::Pattern {
                source,
                source_re,
                translation_re,
                ..
            } => {
                let relative = slash_path(&settings.relative(path));
                if let Some(caps) = translation_re.captures(&relative) {
                    let tag = caps.name("locale")?.as_str();
                    let key = caps.name("path").map_or("", |m| m.as_str());
                    let candidate = source
                        .replace("{path}", key)
                        .replace("{locale}", source_locale.as_str());
                    return Some(match Locale::check(tag) {
                        TagCheck::Known(locale) if locale == *source_locale => Role::Source,
                        TagCheck::Known(locale) => Role::Translation {
                            locale,
                            sources: vec![settings.root.join(candidate)],
                        },
                        TagCheck::Unknown(tag) => Role::UnknownLocale { tag },
                        TagCheck::NotATag => return None,
                    });
                }
                source_re.is_match(&relative).then_some(Role::Source)
            }
            Layout::FolderPerArticle => {
                let locale = Locale::parse(stem(path)?)?;
                let dir = parent(path);
                let sources = source_files(disk, &dir, source_locale.as_str(), "", |name| {
                    Locale::parse(name).is_some_and(|l| l.same_language(source_locale))
                });
                // `ar.md` alone in a folder is a page about the `ar` command, not Arabic.
                marked(disk, true, path, locale, source_locale, sources)
            }
            Layout::LocaleSuffix => {
                let (name, tag) = stem(path)?.rsplit_once('.')?;
                if name.is_empty() {
                    return None;
                }
                let dir = parent(path);
                match Locale::check(tag) {
                    TagCheck::Known(locale) => {
                        let mut sources =
                            with_extensions(&dir.join(format!("{name}.{source_locale}")), path);
                        sources.extend(with_extensions(&dir.join(name), path));
                        let prefix = format!("{name}.");
                        sources.extend(source_files(disk, &dir, "", &prefix, |stem| {
                            stem.strip_prefix(name)
                                .and_then(|rest| rest.strip_prefix('.'))
                                .and_then(Locale::parse)
                                .is_some_and(|l| l.same_language(source_locale))
                        }));
                        marked(disk, false, path, locale, source_locale, sources)
                    }
                    // `post.xx.md` beside `post.md`: meant as a locale, but none loclint knows.
                    TagCheck::Unknown(tag)
                        if with_extensions(&dir.join(name), path)
                            .iter()
                            .any(|p| disk.is_file(p)) =>
                    {
                        Some(Role::UnknownLocale { tag })
                    }
                    _ => None,
                }
            }
            Layout::DashSuffix => {
                let stem = stem(path)?;
                let dir = parent(path);
                // The longest tag after a dash whose unmarked source stands beside it
                // (`README-zh-Hant.md` beside `README.md`).
                stem.match_indices('-').find_map(|(at, _)| {
                    let (name, tag) = (&stem[..at], &stem[at + 1..]);
                    let locale = Locale::parse(tag).filter(|_| !name.is_empty())?;
                    let sources = with_extensions(&dir.join(name), path);
                    sources.iter().any(|p| disk.is_file(p)).then(|| {
                        if locale == *source_locale {
                            Role::Source
                        } else {
                            Role::Translation { locale, sources }
                        }
                    })
                })
            }
            Layout::FolderSuffix => {
                let components: Vec<Component> = path.components().collect();
                (0..components.len().saturating_sub(1))
                    .rev()
                    .find_map(|i| {
                        let name = components[i].as_os_str().to_str()?;
                        let (base, tag) = name.rsplit_once('.')?;
                        let locale = Locale::parse(tag).filter(|_| !base.is_empty())?;
                        let base_dir: PathBuf = components[..i].iter().collect();
                        disk.is_dir(&base_dir.join(base)).then(|| {
                            let source = replace_component(&components, i, OsStr::new(base));
                            (locale, source)
                        })
                    })
                    .map(|(locale, source)| Role::Translation {
                        locale,
                        sources: with_extensions(&source.with_extension(""), path),
                    })
            }
            Layout::LocaleFolder => {
                let components: Vec<Component> = path.components().collect();
                (0..components.len().saturating_sub(1)).rev().find_map(|i| {
                    let name = components[i].as_os_str().to_str()?;
                    let parent: PathBuf = components[..i].iter().collect();
                    // A folder is a locale folder only beside the source locale's, so
                    // that a folder that happens to be called `it` or `no` is not one.
                    let beside_source = || disk.is_dir(&parent.join(source_locale.as_str()));
                    match Locale::check(name) {
                        TagCheck::Known(locale) if locale == *source_locale => Some(Role::Source),
                        TagCheck::Known(locale) if beside_source() => {
                            let source = replace_component(
                                &components,
                                i,
                                OsStr::new(source_locale.as_str()),
                            );
                            Some(Role::Translation {
                                locale,
                                sources: with_extensions(&source.with_extension(""), path),
                            })
                        }
                        TagCheck::Unknown(tag) if beside_source() => {
                            Some(Role::UnknownLocale { tag })
                        }
                        _ => None,
                    }
                })
            }
            Layout::RootSource => {
                let components: Vec<Component> = path.components().collect();
                (0..components.len().saturating_sub(1)).rev().find_map(|i| {
                    let name = components[i].as_os_str().to_str()?;
                    let locale = Locale::parse(name)?;
                    if locale.same_language(source_locale) {
                        return None;
                    }
                    let base: PathBuf = components[..i].iter().collect();
                    let rest: PathBuf = components[i + 1..].iter().collect();
                    let source = base.join(&rest);
                    let sources = with_extensions(&source.with_extension(""), path);
                    // A translation whose source is gone (renamed, deleted) still stands in
                    // the mirror of the source's folder: a translation with no source, which
                    // is worth saying, rather than a file of its own.
                    let exists = sources.iter().any(|p| disk.is_file(p))
                        || source.parent().is_some_and(|dir| {
                            !dir.as_os_str().is_empty() && dir != base && disk.is_dir(dir)
                        });
                    (exists && disk.mirrors(&base, name))
                        .then_some(Role::Translation { locale, sources })
                })
            }
        }
    }

    /// The translations of the source at `source` that stand on disk.
    pub fn translations_on_disk(
        &self,
        source: &Path,
        settings: &Settings,
        disk: &Disk,
    ) -> Vec<Member> {
        let source_locale = &settings.source_locale;
        let dir = parent(source);
        let stem = stem(source).unwrap_or_default();
        let mut found: Vec<(PathBuf, Locale)> = match self {
            Layout::FolderPerArticle => disk
                .list(&dir)
                .iter()
                .filter_map(|name| {
                    let path = dir.join(name);
                    let locale = Locale::parse(Path::new(&name).file_stem()?.to_str()?)?;
                    Some((path, locale))
                })
                .collect(),
            Layout::LocaleSuffix | Layout::DashSuffix => {
                // The article's name: `post` of `post.md` or `post.en.md`.
                let name = match stem.rsplit_once('.') {
                    Some((name, tag))
                        if Locale::parse(tag).is_some_and(|l| l.same_language(source_locale)) =>
                    {
                        name
                    }
                    _ => stem,
                };
                let separator = if *self == Layout::LocaleSuffix {
                    '.'
                } else {
                    '-'
                };
                disk.starting_with(&dir, &format!("{name}{separator}"))
                    .into_iter()
                    .filter_map(|file| {
                        let path = dir.join(&file);
                        let file_stem = Path::new(&file).file_stem()?.to_str()?;
                        let tag = file_stem.strip_prefix(name)?.strip_prefix(separator)?;
                        Some((path, Locale::parse(tag)?))
                    })
                    .collect()
            }
            Layout::LocaleFolder => {
                let components: Vec<Component> = source.components().collect();
                let Some(i) = components.iter().rposition(|c| {
                    c.as_os_str().to_str().and_then(Locale::parse).as_ref() == Some(source_locale)
                }) else {
                    return Vec::new();
                };
                let parent: PathBuf = components[..i].iter().collect();
                let rest: PathBuf = components[i + 1..].iter().collect();
                locale_dirs(disk, &parent)
                    .into_iter()
                    .filter_map(|(name, locale)| {
                        let candidate = parent.join(name).join(&rest);
                        same_stem_file(disk, &candidate).map(|p| (p, locale))
                    })
                    .collect()
            }
            Layout::RootSource => {
                let components: Vec<Component> = source.components().collect();
                nearest_folders(&components)
                    .flat_map(|i| {
                        let base: PathBuf = components[..i].iter().collect();
                        let rest: PathBuf = components[i..].iter().collect();
                        locale_dirs(disk, &base)
                            .into_iter()
                            .filter_map(|(name, locale)| {
                                let candidate = base.join(&name).join(&rest);
                                let path = same_stem_file(disk, &candidate)?;
                                disk.mirrors(&base, name.to_str()?)
                                    .then_some((path, locale))
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect()
            }
            Layout::FolderSuffix => {
                let components: Vec<Component> = source.components().collect();
                nearest_folders(&components)
                    .filter(|&i| i + 1 < components.len())
                    .flat_map(|i| {
                        let base: PathBuf = components[..i].iter().collect();
                        let folder = components[i].as_os_str().to_string_lossy().to_string();
                        disk.starting_with(&base, &format!("{folder}."))
                            .into_iter()
                            .filter_map(|name| {
                                let tag =
                                    name.to_str()?.strip_prefix(&folder)?.strip_prefix('.')?;
                                let locale = Locale::parse(tag)?;
                                let candidate = replace_component(&components, i, name.as_os_str());
                                Some((same_stem_file(disk, &candidate)?, locale))
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect()
            }
            Layout::Pattern {
                translation,
                source_re,
                ..
            } => {
                let relative = slash_path(&settings.relative(source));
                let Some(caps) = source_re.captures(&relative) else {
                    return Vec::new();
                };
                let key = caps.name("path").map_or("", |m| m.as_str());
                pattern_translations(disk, &settings.root, &translation.replace("{path}", key))
            }
        };
        found.retain(|(path, locale)| {
            path != source
                && !locale.same_language(source_locale)
                && disk.is_file(path)
                && Format::from_path(path).is_some()
                && !settings.is_excluded(path)
        });
        found.sort();
        found.dedup_by(|a, b| a.0 == b.0);
        found
            .into_iter()
            .map(|(path, locale)| Member {
                path,
                locale: Some(locale),
                reported: false,
            })
            .collect()
    }
}

/// A file marked with a locale: the source when the locale is the source locale or when no
/// file with the exact source locale stands beside it, a translation otherwise. With
/// `needs_source`, a translation is one only when its source stands beside it.
fn marked(
    disk: &Disk,
    needs_source: bool,
    path: &Path,
    locale: Locale,
    source_locale: &Locale,
    sources: Vec<PathBuf>,
) -> Option<Role> {
    if locale == *source_locale {
        return Some(Role::Source);
    }
    let existing: Vec<&PathBuf> = sources.iter().filter(|p| disk.is_file(p)).collect();
    if locale.same_language(source_locale) && existing.iter().all(|p| *p == path) {
        // `en-US` with no `en` beside it is the source.
        return existing.first().map(|_| Role::Source);
    }
    if existing.is_empty() && needs_source {
        return None;
    }
    Some(Role::Translation { locale, sources })
}

/// Files in `dir` whose stem is `stem` (with any article extension), then those whose name
/// begins with `prefix` and whose stem `other` accepts (`en-US` when the source locale is `en`).
fn source_files(
    disk: &Disk,
    dir: &Path,
    stem: &str,
    prefix: &str,
    other: impl Fn(&str) -> bool,
) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = if stem.is_empty() {
        Vec::new()
    } else {
        EXTENSIONS
            .iter()
            .map(|ext| dir.join(format!("{stem}.{ext}")))
            .collect()
    };
    found.extend(
        disk.starting_with(dir, prefix)
            .into_iter()
            .filter_map(|name| {
                let path = dir.join(&name);
                let file_stem = path.file_stem()?.to_str()?;
                (file_stem != stem && other(file_stem) && Format::from_path(&path).is_some())
                    .then_some(path)
            }),
    );
    found
}

/// The subfolders of `dir` named by a registered locale tag.
fn locale_dirs(disk: &Disk, dir: &Path) -> Vec<(OsString, Locale)> {
    disk.list(dir)
        .iter()
        .filter_map(|name| {
            let locale = Locale::parse(name.to_str()?)?;
            Some((name.clone(), locale))
        })
        .collect()
}

/// `candidate`, or a file with its stem and another article extension.
fn same_stem_file(disk: &Disk, candidate: &Path) -> Option<PathBuf> {
    if disk.is_file(candidate) {
        return Some(candidate.to_path_buf());
    }
    with_extensions(&candidate.with_extension(""), candidate)
        .into_iter()
        .find(|p| disk.is_file(p))
}

/// `base` with each article extension, `like`'s own first.
fn with_extensions(base: &Path, like: &Path) -> Vec<PathBuf> {
    let own = like.extension().and_then(|e| e.to_str()).unwrap_or("md");
    std::iter::once(own)
        .chain(EXTENSIONS.iter().copied().filter(|e| *e != own))
        .map(|ext| {
            let mut name = base.file_name().unwrap_or_default().to_os_string();
            name.push(".");
            name.push(ext);
            base.with_file_name(name)
        })
        .collect()
}

/// How many folders above a source its locale folders are looked for.
const LOCALE_FOLDER_DEPTH: usize = 6;

/// Indices `i` of `components` such that the locale folders of a source at that path stand in
/// `components[..i]`: the nearest folders first, never the file system's root.
fn nearest_folders(components: &[Component]) -> impl Iterator<Item = usize> {
    let first = components
        .iter()
        .position(|c| matches!(c, Component::Normal(_)))
        .unwrap_or(0);
    let last = components.len().saturating_sub(1);
    (first.max(last.saturating_sub(LOCALE_FOLDER_DEPTH))..=last).rev()
}

fn replace_component(components: &[Component], index: usize, with: &OsStr) -> PathBuf {
    components
        .iter()
        .enumerate()
        .map(|(i, c)| if i == index { with } else { c.as_os_str() })
        .collect()
}

fn parent(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

fn stem(path: &Path) -> Option<&str> {
    path.file_stem()?.to_str()
}

fn slash_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The files that a translation pattern with its `{path}` filled in names, for every locale:
/// the folder before `{locale}` is listed, and each entry that is a locale tag fills it.
fn pattern_translations(disk: &Disk, root: &Path, pattern: &str) -> Vec<(PathBuf, Locale)> {
    let Some(at) = pattern.find("{locale}") else {
        return Vec::new();
    };
    let folder_end = pattern[..at].rfind('/').map_or(0, |i| i + 1);
    let folder = root.join(&pattern[..folder_end]);
    let component_end = pattern[at..].find('/').map_or(pattern.len(), |i| at + i);
    let component = &pattern[folder_end..component_end];
    let rest = &pattern[component_end..];
    let (before, after) = component.split_once("{locale}").unwrap_or((component, ""));
    disk.starting_with(&folder, before)
        .into_iter()
        .filter_map(|name| {
            let name_str = name.to_str()?;
            let tag = name_str.strip_prefix(before)?.strip_suffix(after)?;
            let locale = Locale::parse(tag)?;
            let path = folder.join(format!("{name_str}{rest}"));
            Some((path, locale))
        })
        .collect()
}

/// `_articles/{locale}/{path}.md` -> a regex with `locale` and `path` groups.
fn pattern_regex(pattern: &str) -> Regex {
    let mut re = String::from("^(?:\\./)?");
    let mut rest = pattern.trim_start_matches("./");
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("{locale}") {
            re.push_str(r"(?P<locale>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("{path}") {
            re.push_str("(?P<path>.+?)");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("**") {
            re.push_str(".*");
            rest = after;
        } else if let Some(after) = rest.strip_prefix('*') {
            re.push_str("[^/]*");
            rest = after;
        } else {
            let Some(c) = rest.chars().next() else { break };
            re.push_str(&regex::escape(&c.to_string()));
            rest = &rest[c.len_utf8()..];
        }
    }
    re.push('$');
    // All but the two groups is escaped, and the configuration allows each group once.
    #[allow(clippy::expect_used)]
    Regex::new(&re).expect("escaped pattern is a valid regex")
}
