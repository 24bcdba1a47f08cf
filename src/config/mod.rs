//! `loclint.toml`: found from the current directory upward; every key optional; unknown keys are
//! errors naming the key and its line. Command-line options override the file.

mod learned;

pub use learned::{write_learned, Learned, Written};

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::evidence::{Habit, Practice};
use crate::finding::Severity;
use crate::locale::names::LocalizedNames;
use crate::locale::Locale;
use crate::rules;
use crate::terms::{Glossary, InlineTerm, Terminology};

pub const FILE_NAME: &str = "loclint.toml";

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    source_locale: Option<Spanned<String>>,
    fail_on: Option<Spanned<String>>,
    /// A baseline file (relative to this file) whose findings are not reported.
    baseline: Option<String>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    keep: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// `[[ignore]]`: path globs, and the rules silenced there (all of them when none is named).
    #[serde(default)]
    ignore: Vec<IgnoreFile>,
    /// `[locale.<tag>.rules]`: rule levels for one locale's translations.
    #[serde(default)]
    locale: BTreeMap<Spanned<String>, LocaleFile>,
    #[serde(default)]
    layout: Vec<LayoutFile>,
    /// What each locale practises, as `loclint init` learned it: `[practice.ja] marks = [":"]`.
    #[serde(default)]
    practice: BTreeMap<Spanned<String>, PracticeFile>,
    /// `[images]`: how localized copies of images are named.
    images: Option<ImagesFile>,
    /// `[links]`: targets that are one page under two addresses.
    links: Option<LinksFile>,
    /// `[front-matter]`: fields whose values a translation keeps.
    front_matter: Option<FrontMatterFile>,
    /// `[terminology]`: glossary files and inline entries.
    terminology: Option<TerminologyFile>,
    /// `[limits]`: the largest file and the most blocks a file may have to be checked.
    limits: Option<LimitsFile>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LimitsFile {
    /// Bytes, or a size with its unit: `"16 MiB"`, `"500 KB"`.
    max_file_size: Option<Spanned<SizeValue>>,
    max_blocks: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum SizeValue {
    Bytes(i64),
    Text(String),
}

/// What a file may be to be checked. Past these it is reported as too large, never skipped in
/// silence: memory stays bounded whatever a delivery holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_file_size: u64,
    pub max_blocks: usize,
}

impl Default for Limits {
    fn default() -> Self {
        // Far above any real article (the largest pages of documentation sites are a few
        // hundred kilobytes and a few thousand blocks).
        Limits {
            max_file_size: 64 * 1024 * 1024,
            max_blocks: 200_000,
        }
    }
}

/// `"16 MiB"`, `"500 KB"`, `"2048"`: a size in bytes.
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = (text[..split].trim(), text[split..].trim());
    let number: f64 = number.parse().map_err(|_| {
        format!("`{text}` is not a size: write bytes, or a number and a unit such as \"16 MiB\"")
    })?;
    let scale: u64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" | "k" => 1_000,
        "kib" => 1_024,
        "mb" | "m" => 1_000_000,
        "mib" => 1_024 * 1_024,
        "gb" | "g" => 1_000_000_000,
        "gib" => 1_024 * 1_024 * 1_024,
        _ => {
            return Err(format!(
                "`{unit}` is not a unit of size: use B, KB, KiB, MB, MiB, GB or GiB"
            ))
        }
    };
    Ok((number * scale as f64) as u64)
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TerminologyFile {
    /// Glossary files (CSV, TSV, TBX), relative to this file.
    #[serde(default)]
    glossaries: Vec<Spanned<String>>,
    /// `[[terminology.term]]` entries.
    #[serde(default)]
    term: Vec<Spanned<InlineTerm>>,
    /// Which blocks without an approved rendering `glossary-term` reports: `told` or `all`.
    #[serde(default, rename = "missing-renderings")]
    missing_renderings: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImagesFile {
    localized: Spanned<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinksFile {
    /// `[[source prefix, translation prefix]]`: `{locale}` stands for the translation's tag.
    equivalent: Vec<Spanned<(String, String)>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatterFile {
    /// Keys whose values must stay as the source has them; replaces the default list.
    keep: Option<Vec<String>>,
    /// Keys a translation may leave out or change, beside the prose keys.
    #[serde(default)]
    free: Vec<String>,
    /// Keys whose values are prose to translate, beside `title`, `description` and their kind.
    #[serde(default)]
    translate: Vec<String>,
}

/// `[practice.<locale>]`: habit kinds, each with the values the locale practises.
type PracticeFile = BTreeMap<Spanned<String>, Vec<Spanned<String>>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IgnoreFile {
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LocaleFile {
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LayoutFile {
    source: Spanned<String>,
    translation: Spanned<String>,
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    Severity(Severity),
}

/// A layout given by path patterns: `{locale}` stands for a locale tag, `{path}` for any path.
#[derive(Debug, Clone)]
pub struct PatternLayout {
    pub source: String,
    pub translation: String,
}

/// Settings in force for a run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The folder that relative patterns in the config are relative to.
    pub root: PathBuf,
    pub config_path: Option<PathBuf>,
    pub source_locale: Locale,
    pub fail_on: Severity,
    pub exclude: GlobSet,
    /// The `exclude` patterns as written, and for each glob of `exclude` the pattern it came
    /// from (a folder pattern makes two globs).
    pub exclude_patterns: Vec<String>,
    exclude_owner: Vec<usize>,
    /// Words that are never untranslated text (brands, product names).
    pub keep: Vec<String>,
    pub rule_levels: BTreeMap<String, RuleLevel>,
    /// Rule levels for one locale's translations, over `rule_levels`.
    locale_rule_levels: Vec<(Locale, BTreeMap<String, RuleLevel>)>,
    /// Path globs and the rules silenced there; an empty list silences every rule.
    per_file_ignores: Vec<(GlobSet, Vec<String>)>,
    pub layouts: Vec<PatternLayout>,
    /// The baseline the configuration names, relative to where loclint runs.
    pub baseline: Option<PathBuf>,
    /// Each locale's practice: learned from `loclint.toml`, or empty to be tallied by the run.
    pub practice: Practice,
    /// How localized copies of images are named (`diagram.ar.png`).
    pub localized_names: LocalizedNames,
    /// Link target prefixes that are one place: (source prefix, translation prefix with
    /// `{locale}`).
    pub link_equivalents: Vec<(String, String)>,
    /// Front-matter keys (lower case, `-` as `_`) whose values translations keep.
    pub front_matter_keep: Vec<String>,
    /// Front-matter keys translations may leave out or change.
    pub front_matter_free: Vec<String>,
    /// Front-matter keys read as prose beside the usual ones (lower case, `-` as `_`).
    pub front_matter_translate: Vec<String>,
    /// The team's glossary, compiled for matching (empty without `[terminology]`).
    pub terminology: Arc<Terminology>,
    /// Whether `glossary-term` reports every block without an approved rendering, not only
    /// those where what stands instead can be told (`missing-renderings = "all"`).
    pub all_missing_renderings: bool,
    /// Whether the run keeps each translation's term table (`loclint terms`).
    pub collect_terms: bool,
    pub limits: Limits,
}

/// The front-matter keys whose values a translation keeps, unless configured: dates, slugs,
/// layouts, images and ids. A translation that changes them publishes the page at another date
/// or address, or shows another picture.
pub const FRONT_MATTER_KEEP: &[&str] = &[
    "date",
    "publishdate",
    "published",
    "expirydate",
    "slug",
    "layout",
    "type",
    "image",
    "images",
    "cover",
    "thumbnail",
    "featured_image",
    "og_image",
    "hero_image",
    "id",
    "uuid",
    "canonical",
];

/// Normalised front-matter key: lower case, `-` as `_`.
pub fn front_matter_key(key: &str) -> String {
    key.trim().to_lowercase().replace('-', "_")
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            root: PathBuf::from("."),
            config_path: None,
            source_locale: Locale::english(),
            fail_on: Severity::Error,
            exclude: GlobSet::empty(),
            exclude_patterns: Vec::new(),
            exclude_owner: Vec::new(),
            keep: Vec::new(),
            rule_levels: BTreeMap::new(),
            locale_rule_levels: Vec::new(),
            per_file_ignores: Vec::new(),
            layouts: Vec::new(),
            baseline: None,
            practice: Practice::default(),
            localized_names: LocalizedNames::default(),
            link_equivalents: Vec::new(),
            front_matter_keep: FRONT_MATTER_KEEP.iter().map(|k| k.to_string()).collect(),
            front_matter_free: Vec::new(),
            front_matter_translate: Vec::new(),
            terminology: Arc::new(Terminology::default()),
            all_missing_renderings: false,
            collect_terms: false,
            limits: Limits::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Settings {
    /// Finds `loclint.toml` in `start` or the nearest folder above it.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }

    pub fn load(path: &Path) -> Result<Settings, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|err| ConfigError {
            path: path.to_path_buf(),
            line: None,
            message: format!("cannot read the configuration: {err}"),
        })?;
        let root = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Settings::from_toml(&text, path, root)
    }

    pub fn from_toml(text: &str, path: &Path, root: PathBuf) -> Result<Settings, ConfigError> {
        let error = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
            path: path.to_path_buf(),
            line: span.map(|s| line_of(text, s.start)),
            message,
        };
        let file: ConfigFile = toml::from_str(text).map_err(|err| {
            let message = err.message().to_string();
            error(
                err.span(),
                format!("{message}; `loclint explain config` lists the keys loclint reads"),
            )
        })?;
        let mut settings = Settings {
            root,
            config_path: Some(path.to_path_buf()),
            ..Settings::default()
        };
        if let Some(locale) = file.source_locale {
            settings.source_locale = Locale::parse(locale.get_ref()).ok_or_else(|| {
                error(
                    Some(locale.span()),
                    format!("`{}` is not a BCP 47 locale tag", locale.get_ref()),
                )
            })?;
        }
        if let Some(level) = file.fail_on {
            settings.fail_on = level
                .get_ref()
                .parse()
                .map_err(|message| error(Some(level.span()), message))?;
        }
        if let Some(limits) = file.limits {
            if let Some(size) = limits.max_file_size {
                let bytes = match size.get_ref() {
                    SizeValue::Bytes(n) => {
                        u64::try_from(*n).map_err(|_| "a size is not negative".to_string())
                    }
                    SizeValue::Text(text) => parse_size(text),
                };
                settings.limits.max_file_size = bytes
                    .and_then(|n| {
                        (n > 0)
                            .then_some(n)
                            .ok_or_else(|| "`max-file-size` must be more than 0".to_string())
                    })
                    .map_err(|m| error(Some(size.span()), m))?;
            }
            if let Some(blocks) = limits.max_blocks {
                settings.limits.max_blocks = usize::try_from(*blocks.get_ref())
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| {
                        error(
                            Some(blocks.span()),
                            "`max-blocks` must be a number of blocks, more than 0".to_string(),
                        )
                    })?;
            }
        }
        (settings.exclude, settings.exclude_owner) =
            glob_set(&file.exclude).map_err(|(span, m)| error(Some(span), m))?;
        settings.exclude_patterns = file.exclude.iter().map(|p| p.get_ref().clone()).collect();
        settings.keep = file.keep;
        settings.baseline = file.baseline.map(|b| settings.root.join(b));
        settings.rule_levels = rule_levels(file.rules).map_err(|(span, m)| error(Some(span), m))?;
        for (tag, table) in file.locale {
            let locale = Locale::parse(tag.get_ref()).ok_or_else(|| {
                error(
                    Some(tag.span()),
                    format!("`{}` is not a BCP 47 locale tag", tag.get_ref()),
                )
            })?;
            let levels = rule_levels(table.rules).map_err(|(span, m)| error(Some(span), m))?;
            settings.locale_rule_levels.push((locale, levels));
        }
        for ignore in file.ignore {
            for rule in &ignore.rules {
                check_rule_id(rule).map_err(|m| error(Some(rule.span()), m))?;
            }
            let (set, _) = glob_set(&ignore.paths).map_err(|(span, m)| error(Some(span), m))?;
            settings.per_file_ignores.push((
                set,
                ignore.rules.into_iter().map(Spanned::into_inner).collect(),
            ));
        }
        for (pattern, ignored) in file.per_file_ignores {
            for rule in &ignored {
                check_rule_id(rule).map_err(|m| error(Some(rule.span()), m))?;
            }
            let (set, _) = glob_set(std::slice::from_ref(&pattern))
                .map_err(|(span, m)| error(Some(span), m))?;
            settings
                .per_file_ignores
                .push((set, ignored.into_iter().map(Spanned::into_inner).collect()));
        }
        for layout in file.layout {
            for pattern in [&layout.source, &layout.translation] {
                if !pattern.get_ref().contains("{path}") && !pattern.get_ref().contains('*') {
                    return Err(error(
                        Some(pattern.span()),
                        format!("layout pattern `{}` needs `{{path}}`", pattern.get_ref()),
                    ));
                }
            }
            for pattern in [&layout.source, &layout.translation] {
                for part in ["{locale}", "{path}"] {
                    if pattern.get_ref().matches(part).count() > 1 {
                        return Err(error(
                            Some(pattern.span()),
                            format!("layout pattern `{}` has `{part}` twice", pattern.get_ref()),
                        ));
                    }
                }
            }
            if !layout.translation.get_ref().contains("{locale}") {
                return Err(error(
                    Some(layout.translation.span()),
                    "a translation pattern needs `{locale}`".to_string(),
                ));
            }
            settings.layouts.push(PatternLayout {
                source: layout.source.into_inner(),
                translation: layout.translation.into_inner(),
            });
        }
        if let Some(images) = file.images {
            let span = images.localized.span();
            settings.localized_names = LocalizedNames::new(images.localized.into_inner())
                .map_err(|message| error(Some(span), message))?;
        }
        if let Some(links) = file.links {
            for pair in links.equivalent {
                let span = pair.span();
                let (from, to) = pair.into_inner();
                if from.trim().is_empty() || to.trim().is_empty() {
                    return Err(error(
                        Some(span),
                        "a link equivalence needs two non-empty prefixes".to_string(),
                    ));
                }
                settings.link_equivalents.push((from, to));
            }
        }
        if let Some(front_matter) = file.front_matter {
            if let Some(keep) = front_matter.keep {
                settings.front_matter_keep = keep.iter().map(|k| front_matter_key(k)).collect();
            }
            settings.front_matter_free = front_matter
                .free
                .iter()
                .map(|k| front_matter_key(k))
                .collect();
            settings.front_matter_translate = front_matter
                .translate
                .iter()
                .map(|k| front_matter_key(k))
                .collect();
        }
        if !file.practice.is_empty() {
            let mut learned: HashMap<Locale, Vec<Habit>> = HashMap::new();
            for (tag, kinds) in file.practice {
                let locale = Locale::parse(tag.get_ref()).ok_or_else(|| {
                    error(
                        Some(tag.span()),
                        format!("`{}` is not a registered locale tag", tag.get_ref()),
                    )
                })?;
                let habits = learned.entry(locale).or_default();
                for (kind, values) in kinds {
                    if !Habit::KINDS.contains(&kind.get_ref().as_str()) {
                        return Err(error(
                            Some(kind.span()),
                            format!(
                                "unknown practice `{}`; the kinds are: {}",
                                kind.get_ref(),
                                Habit::KINDS.join(", ")
                            ),
                        ));
                    }
                    for value in values {
                        let habit = Habit::from_config(kind.get_ref(), value.get_ref())
                            .ok_or_else(|| {
                                error(
                                    Some(value.span()),
                                    format!(
                                        "`{}` is not a value of `{}`",
                                        value.get_ref(),
                                        kind.get_ref()
                                    ),
                                )
                            })?;
                        habits.push(habit);
                    }
                }
            }
            settings.practice = Practice::learned(learned);
        }
        if let Some(terminology) = file.terminology {
            if let Some(missing) = &terminology.missing_renderings {
                settings.all_missing_renderings = match missing.get_ref().as_str() {
                    "told" => false,
                    "all" => true,
                    other => {
                        return Err(error(
                            Some(missing.span()),
                            format!("`missing-renderings` is `told` or `all`, not `{other}`"),
                        ))
                    }
                };
            }
            let mut glossary = Glossary::default();
            for name in &terminology.glossaries {
                let glossary_path = settings.root.join(name.get_ref());
                if !glossary_path.is_file() {
                    return Err(error(
                        Some(name.span()),
                        format!(
                            "the glossary `{}` is not a file (paths are relative to this file)",
                            name.get_ref()
                        ),
                    ));
                }
                let read =
                    Glossary::read(&glossary_path, &settings.source_locale).map_err(|err| {
                        ConfigError {
                            path: err.path,
                            line: err.line,
                            message: err.message,
                        }
                    })?;
                glossary.extend(read);
            }
            let config_name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            for term in terminology.term {
                let span = term.span();
                let origin = format!("{config_name}:{}", line_of(text, span.start));
                let entry = term
                    .into_inner()
                    .entry(origin)
                    .map_err(|message| error(Some(span), message))?;
                glossary.entries.push(entry);
            }
            settings.terminology = Arc::new(Terminology::new(glossary, &settings.source_locale));
        }
        Ok(settings)
    }

    /// The level of `rule` for `path` (relative to the config root where possible), a
    /// translation into `locale`.
    pub fn rule_level(&self, rule: &str, path: &Path, locale: &Locale) -> Option<RuleLevel> {
        if !self.per_file_ignores.is_empty() {
            let relative = self.relative(path);
            if self.per_file_ignores.iter().any(|(set, rules)| {
                (rules.is_empty() || rules.iter().any(|r| r == rule)) && set.is_match(&relative)
            }) {
                return Some(RuleLevel::Off);
            }
        }
        self.configured_level(rule, locale)
    }

    /// The level the configuration sets for `rule` in `locale`'s translations, path ignores
    /// aside. The most specific locale table wins (`pt-BR` over `pt`), then `[rules]`.
    pub fn configured_level(&self, rule: &str, locale: &Locale) -> Option<RuleLevel> {
        let for_locale = self
            .locale_rule_levels
            .iter()
            .filter(|(tag, _)| {
                tag == locale || (tag.is_language_only() && tag.same_language(locale))
            })
            .max_by_key(|(tag, _)| !tag.is_language_only())
            .and_then(|(_, levels)| levels.get(rule).copied());
        for_locale.or_else(|| self.rule_levels.get(rule).copied())
    }

    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclude.is_match(self.relative(path))
    }

    /// The `exclude` patterns (indices into `exclude_patterns`) that match `path`.
    pub fn excluded_by(&self, path: &Path) -> Vec<usize> {
        if self.exclude_patterns.is_empty() {
            return Vec::new();
        }
        let mut owners: Vec<usize> = self
            .exclude
            .matches(self.relative(path))
            .into_iter()
            .map(|glob| self.exclude_owner[glob])
            .collect();
        owners.dedup();
        owners
    }

    /// `path` relative to the config root, when it lies below it.
    pub fn relative(&self, path: &Path) -> PathBuf {
        let absolute = absolute(path);
        let root = absolute_root(&self.root);
        absolute
            .strip_prefix(&root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn absolute_root(root: &Path) -> PathBuf {
    absolute(root)
}

/// `[rules]` tables: rule ids and levels (`error`, `warning` or `warn`, `off`).
fn rule_levels(
    table: BTreeMap<Spanned<String>, Spanned<String>>,
) -> Result<BTreeMap<String, RuleLevel>, (std::ops::Range<usize>, String)> {
    let mut levels = BTreeMap::new();
    for (rule, level) in table {
        check_rule_id(&rule).map_err(|m| (rule.span(), m))?;
        let parsed = match level.get_ref().as_str() {
            "off" => RuleLevel::Off,
            "warn" => RuleLevel::Severity(Severity::Warning),
            other => RuleLevel::Severity(other.parse().map_err(|_| {
                (
                    level.span(),
                    format!(
                        "unknown level `{other}` for `{}`: use `error`, `warning` (or `warn`) or `off`",
                        rule.get_ref()
                    ),
                )
            })?),
        };
        levels.insert(rule.into_inner(), parsed);
    }
    Ok(levels)
}

fn check_rule_id(rule: &Spanned<String>) -> Result<(), String> {
    if rules::find(rule.get_ref()).is_some() {
        Ok(())
    } else {
        let known: Vec<&str> = rules::ids().collect();
        Err(format!(
            "unknown rule `{}`; the rules are: {}",
            rule.get_ref(),
            known.join(", ")
        ))
    }
}

/// The glob set of `patterns`, and for each of its globs the pattern it came from.
type Globs = (GlobSet, Vec<usize>);

fn glob_set(patterns: &[Spanned<String>]) -> Result<Globs, (std::ops::Range<usize>, String)> {
    let mut builder = GlobSetBuilder::new();
    let mut owner = Vec::new();
    for (index, pattern) in patterns.iter().enumerate() {
        let glob = Glob::new(pattern.get_ref()).map_err(|err| {
            (
                pattern.span(),
                format!("bad glob `{}`: {err}", pattern.get_ref()),
            )
        })?;
        builder.add(glob);
        owner.push(index);
        if !pattern.get_ref().ends_with("/**") {
            // A folder pattern also matches everything below the folder.
            if let Ok(glob) = Glob::new(&format!("{}/**", pattern.get_ref())) {
                builder.add(glob);
                owner.push(index);
            }
        }
    }
    builder
        .build()
        .map(|set| (set, owner))
        .map_err(|err| (0..0, format!("bad glob: {err}")))
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_example_parses_with_every_section() {
        let docs = include_str!("../../docs/configuration.md");
        let start = docs.find("```toml\n").expect("a TOML example") + 8;
        let end = start + docs[start..].find("```").expect("its end");
        let settings = parse(&docs[start..end]).expect("the documented example parses");
        assert_eq!(
            settings.link_equivalents,
            [("/help/".to_string(), "/{locale}/support/".to_string())]
        );
        assert!(settings.front_matter_keep.contains(&"weight".to_string()));
        assert_eq!(settings.front_matter_free, ["redirects"]);
        assert_eq!(settings.front_matter_translate, ["hero_text"]);
        let entries = &settings.terminology.glossary.entries;
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].renderings.len(), 3);
        assert!(entries[1].do_not_translate);
        let ja = Locale::parse("ja").unwrap();
        let en = Locale::parse("en").unwrap();
        assert!(settings
            .localized_names
            .same_file("a.png", &en, "a_ja.png", &ja));
        assert!(parse("[images]\nlocalized = [\"{stem}.png\"]\n").is_err());
    }

    fn parse(text: &str) -> Result<Settings, ConfigError> {
        Settings::from_toml(text, Path::new("loclint.toml"), PathBuf::from("."))
    }

    #[test]
    fn full_config() {
        let settings = parse(
            r#"
source-locale = "en-US"
fail-on = "warning"
exclude = ["drafts"]
keep = ["Guru"]
[rules]
structure-mismatch = "off"
untranslated-text = "warning"
[per-file-ignores]
"legacy/**" = ["duplicate-section"]
[[ignore]]
paths = ["vendor/**"]
rules = ["spacing"]
[[ignore]]
paths = ["generated"]
[locale.ar.rules]
spacing = "warn"
[locale.ar-EG.rules]
spacing = "off"
[[layout]]
source = "_articles/{path}.md"
translation = "_articles/{locale}/{path}.md"
"#,
        )
        .unwrap();
        assert_eq!(settings.source_locale.as_str(), "en-US");
        assert_eq!(settings.fail_on, Severity::Warning);
        assert!(settings.is_excluded(Path::new("drafts/a/b.md")));
        let fr = Locale::parse("fr").unwrap();
        let level = |rule: &str, path: &str, locale: &str| {
            settings.rule_level(rule, Path::new(path), &Locale::parse(locale).unwrap())
        };
        assert_eq!(
            settings.rule_level("structure-mismatch", Path::new("a.md"), &fr),
            Some(RuleLevel::Off)
        );
        assert_eq!(
            level("duplicate-section", "legacy/x/ar.md", "ar"),
            Some(RuleLevel::Off)
        );
        assert_eq!(level("duplicate-section", "x/ar.md", "ar"), None);
        assert_eq!(
            level("spacing", "vendor/a/fr.md", "fr"),
            Some(RuleLevel::Off)
        );
        assert_eq!(level("repeated-word", "vendor/a/fr.md", "fr"), None);
        assert_eq!(
            level("repeated-word", "generated/a/fr.md", "fr"),
            Some(RuleLevel::Off)
        );
        // A locale's table, the most specific first; other locales keep the defaults.
        assert_eq!(
            level("spacing", "a/ar.md", "ar"),
            Some(RuleLevel::Severity(Severity::Warning))
        );
        assert_eq!(
            level("spacing", "a/ar-EG.md", "ar-EG"),
            Some(RuleLevel::Off)
        );
        assert_eq!(
            level("spacing", "a/ar-SA.md", "ar-SA"),
            Some(RuleLevel::Severity(Severity::Warning))
        );
        assert_eq!(level("spacing", "a/fr.md", "fr"), None);
        assert_eq!(settings.layouts.len(), 1);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = parse("fail-on = \"error\"\n\nfial-on = \"x\"\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("fial-on"), "{}", err.message);
    }

    #[test]
    fn unknown_rule_names_rule_and_line() {
        let err = parse("[rules]\nno-such-rule = \"off\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("no-such-rule"));
    }

    #[test]
    fn syntax_errors_are_located() {
        let err = parse("keep = [\"a\"\nfail-on = 1\n").unwrap_err();
        assert!(err.line.is_some());
    }

    #[test]
    fn a_layout_pattern_names_each_part_once() {
        let err = parse(
            "[[layout]]\nsource = \"en/{path}.md\"\ntranslation = \"{locale}/{locale}/{path}.md\"\n",
        )
        .unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(
            err.message.contains("has `{locale}` twice"),
            "{}",
            err.message
        );
    }

    #[test]
    fn limits_read_sizes_with_units() {
        let settings = parse("[limits]\nmax-file-size = \"2 MiB\"\nmax-blocks = 500\n").unwrap();
        assert_eq!(settings.limits.max_file_size, 2 * 1024 * 1024);
        assert_eq!(settings.limits.max_blocks, 500);
        assert_eq!(parse_size("1.5 KB"), Ok(1500));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert!(parse_size("MB").is_err());
    }
}
