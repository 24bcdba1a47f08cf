use std::path::{Component, Path, PathBuf};

use regex::Regex;

use crate::config::Settings;
use crate::locale::Locale;

use super::Member;

const EXTENSIONS: &[&str] = &["md", "txt", "markdown", "mdx"];

/// How a path says which article it belongs to and in which locale.
#[derive(Debug, Clone)]
pub enum Layout {
    /// `[[layout]]` patterns from the config, with their compiled regexes.
    Pattern {
        source: String,
        translation: String,
        source_re: Regex,
        translation_re: Regex,
    },
    /// `post/en.md`, `post/ar.md`.
    FolderPerArticle,
    /// `post.md` or `post.en.md` beside `post.ar.md`.
    LocaleSuffix,
    /// `content/en/a/b.md` beside `content/ar/a/b.md`.
    LocaleFolder,
    /// A file on its own.
    Standalone,
}

impl PartialEq for Layout {
    fn eq(&self, other: &Self) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
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
        layouts.extend([
            Layout::FolderPerArticle,
            Layout::LocaleSuffix,
            Layout::LocaleFolder,
        ]);
        layouts
    }

    /// The group key of the suffix layout for `post.md` or `post.ar.md` (given as `post.md`).
    pub fn suffix_key(unmarked: &Path) -> String {
        format!("suffix:{}", unmarked.with_extension("").display())
    }

    /// In the suffix layout, `post.md` (no locale) is the source.
    pub fn unmarked_is_source(&self) -> bool {
        matches!(self, Layout::LocaleSuffix | Layout::Pattern { .. })
    }

    /// The article key and the locale of `path`, if this layout describes it.
    pub fn classify(&self, path: &Path, settings: &Settings) -> Option<(String, Option<Locale>)> {
        match self {
            Layout::Pattern {
                source_re,
                translation_re,
                ..
            } => {
                let relative = slash_path(&settings.relative(path));
                if let Some(caps) = translation_re.captures(&relative) {
                    let locale = Locale::parse(caps.name("locale")?.as_str())?;
                    let key = caps.name("path").map_or("", |m| m.as_str());
                    return Some((format!("pattern:{key}"), Some(locale)));
                }
                let caps = source_re.captures(&relative)?;
                let key = caps.name("path").map_or("", |m| m.as_str());
                Some((format!("pattern:{key}"), None))
            }
            Layout::FolderPerArticle => {
                let locale = Locale::parse(stem(path)?)?;
                let parent = path.parent().unwrap_or(Path::new(""));
                Some((format!("folder:{}", parent.display()), Some(locale)))
            }
            Layout::LocaleSuffix => {
                let stem = stem(path)?;
                let (name, suffix) = stem.rsplit_once('.')?;
                let locale = Locale::parse(suffix)?;
                Some((
                    Layout::suffix_key(&path.with_file_name(format!("{name}.md"))),
                    Some(locale),
                ))
            }
            Layout::LocaleFolder => {
                let (index, locale) = locale_component(path, settings)?;
                let key: Vec<String> = path
                    .with_extension("")
                    .components()
                    .enumerate()
                    .map(|(i, c)| {
                        if i == index {
                            "{locale}".to_string()
                        } else {
                            c.as_os_str().to_string_lossy().into_owned()
                        }
                    })
                    .collect();
                Some((format!("locale-folder:{}", key.join("/")), Some(locale)))
            }
            Layout::Standalone => None,
        }
    }

    /// Where the source of the translation at `path` would be.
    pub fn source_candidates(&self, path: &Path, settings: &Settings) -> Vec<PathBuf> {
        let source = settings.source_locale.as_str();
        let with_extensions = |base: PathBuf| -> Vec<PathBuf> {
            let own = path.extension().and_then(|e| e.to_str()).unwrap_or("md");
            std::iter::once(own)
                .chain(EXTENSIONS.iter().copied().filter(|e| *e != own))
                .map(|ext| {
                    let mut name = base.file_name().unwrap_or_default().to_os_string();
                    name.push(".");
                    name.push(ext);
                    base.with_file_name(name)
                })
                .collect()
        };
        match self {
            Layout::Pattern {
                source: source_pattern,
                translation_re,
                ..
            } => {
                let relative = slash_path(&settings.relative(path));
                let Some(caps) = translation_re.captures(&relative) else {
                    return Vec::new();
                };
                let key = caps.name("path").map_or("", |m| m.as_str());
                let candidate = source_pattern
                    .replace("{path}", key)
                    .replace("{locale}", source);
                vec![settings.root.join(candidate)]
            }
            Layout::FolderPerArticle => with_extensions(path.with_file_name(source)),
            Layout::LocaleSuffix => {
                let Some((name, _)) = stem(path).and_then(|s| s.rsplit_once('.')) else {
                    return Vec::new();
                };
                let mut candidates =
                    with_extensions(path.with_file_name(format!("{name}.{source}")));
                candidates.extend(with_extensions(path.with_file_name(name)));
                candidates
            }
            Layout::LocaleFolder => {
                let Some((index, _)) = locale_component(path, settings) else {
                    return Vec::new();
                };
                let replaced: PathBuf = path
                    .components()
                    .enumerate()
                    .map(|(i, c)| {
                        if i == index {
                            source.into()
                        } else {
                            c.as_os_str().to_os_string()
                        }
                    })
                    .collect();
                with_extensions(replaced.with_extension(""))
            }
            Layout::Standalone => Vec::new(),
        }
    }
}

impl Layout {
    /// The translations of the source at `path` that exist on disk.
    pub fn translations_on_disk(&self, path: &Path, settings: &Settings) -> Vec<Member> {
        let mut found: Vec<Member> = match self {
            Layout::FolderPerArticle | Layout::LocaleSuffix => {
                let Some(dir) = path.parent() else {
                    return Vec::new();
                };
                let dir = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                };
                let Ok(entries) = std::fs::read_dir(dir) else {
                    return Vec::new();
                };
                let key = self
                    .classify(path, settings)
                    .map(|(key, _)| key)
                    .or_else(|| {
                        matches!(self, Layout::LocaleSuffix).then(|| Layout::suffix_key(path))
                    });
                entries
                    .filter_map(Result::ok)
                    .map(|entry| {
                        let name = entry.file_name();
                        if dir == Path::new(".") && path.parent() == Some(Path::new("")) {
                            PathBuf::from(name)
                        } else {
                            dir.join(name)
                        }
                    })
                    .filter(|candidate| candidate != path && is_article(candidate))
                    .filter_map(|candidate| {
                        let (candidate_key, locale) = self.classify(&candidate, settings)?;
                        let locale = locale?;
                        (Some(&candidate_key) == key.as_ref()
                            && !locale.same_language(&settings.source_locale))
                        .then_some(Member {
                            path: candidate,
                            locale: Some(locale),
                        })
                    })
                    .collect()
            }
            Layout::LocaleFolder => {
                let Some((index, _)) = locale_component(path, settings) else {
                    return Vec::new();
                };
                let components: Vec<Component> = path.components().collect();
                let parent: PathBuf = components[..index].iter().collect();
                let rest: PathBuf = components[index + 1..].iter().collect();
                let Ok(entries) = std::fs::read_dir(if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    &parent
                }) else {
                    return Vec::new();
                };
                entries
                    .filter_map(Result::ok)
                    .filter_map(|entry| {
                        let locale = Locale::parse(entry.file_name().to_str()?)?;
                        let candidate = parent.join(entry.file_name()).join(&rest);
                        (!locale.same_language(&settings.source_locale) && candidate.is_file())
                            .then_some(Member {
                                path: candidate,
                                locale: Some(locale),
                            })
                    })
                    .collect()
            }
            Layout::Pattern { .. } | Layout::Standalone => Vec::new(),
        };
        found.retain(|m| !settings.is_excluded(&m.path));
        found.sort_by(|a, b| a.path.cmp(&b.path));
        found
    }
}

fn is_article(path: &Path) -> bool {
    path.is_file() && crate::document::Format::from_path(path).is_some()
}

fn stem(path: &Path) -> Option<&str> {
    path.file_stem()?.to_str()
}

/// The last folder of `path` named by a locale, when a sibling folder holds the source locale
/// (so that a folder that happens to be called `it` or `no` is not taken for a locale).
fn locale_component(path: &Path, settings: &Settings) -> Option<(usize, Locale)> {
    let components: Vec<Component> = path.components().collect();
    let folders = components.len().checked_sub(1)?;
    (0..folders).rev().find_map(|i| {
        let name = components[i].as_os_str().to_str()?;
        let locale = Locale::parse(name)?;
        let parent: PathBuf = components[..i].iter().collect();
        let source_dir = parent.join(settings.source_locale.as_str());
        (locale.same_language(&settings.source_locale) || source_dir.is_dir())
            .then_some((i, locale))
    })
}

fn slash_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
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
            let c = rest.chars().next().expect("rest is not empty");
            re.push_str(&regex::escape(&c.to_string()));
            rest = &rest[c.len_utf8()..];
        }
    }
    re.push('$');
    Regex::new(&re).expect("escaped pattern is a valid regex")
}
