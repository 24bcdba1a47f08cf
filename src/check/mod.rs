//! The run: every article group read, parsed, aligned and checked once, in parallel.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::align::{self, Alignment};
use crate::config::{RuleLevel, Settings};
use crate::discover::{Discovery, Group, Member, Problem};
use crate::document::{Document, Format};
use crate::finding::Finding;
use crate::locale::{dominant_script, Locale, Script};
use crate::rules::{Context, Rule, SourceSide, RULES};
use crate::source::SourceFile;

/// One checked translation and what was found in it.
#[derive(Debug)]
pub struct CheckedFile {
    pub file: Arc<SourceFile>,
    pub locale: Locale,
    pub source: Option<Arc<SourceFile>>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Default)]
pub struct Outcome {
    /// In path order; findings in position order.
    pub files: Vec<CheckedFile>,
    /// What stopped loclint from doing its whole job (exit status 2).
    pub problems: Vec<Problem>,
    pub sources_without_translations: Vec<PathBuf>,
}

pub fn run(discovery: Discovery, settings: &Settings) -> Outcome {
    let rules: Vec<&dyn Rule> = RULES
        .iter()
        .copied()
        .filter(|rule| settings.rule_levels.get(rule.info().id) != Some(&RuleLevel::Off))
        .collect();
    let results: Vec<(Vec<CheckedFile>, Vec<Problem>)> = discovery
        .groups
        .par_iter()
        .map(|group| {
            catch_unwind(AssertUnwindSafe(|| check_group(group, &rules, settings))).unwrap_or_else(
                |panic| {
                    let what = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    let path = group
                        .translations
                        .first()
                        .map(|m| m.path.clone())
                        .unwrap_or_default();
                    let problem = Problem {
                        path,
                        message: format!(
                            "internal error while checking this article ({what}); please report it with the files"
                        ),
                    };
                    (Vec::new(), vec![problem])
                },
            )
        })
        .collect();
    let mut outcome = Outcome {
        problems: discovery.problems,
        sources_without_translations: discovery.sources_without_translations,
        ..Outcome::default()
    };
    for (files, problems) in results {
        outcome.files.extend(files);
        outcome.problems.extend(problems);
    }
    outcome.files.sort_by(|a, b| a.file.path.cmp(&b.file.path));
    outcome.problems.sort_by(|a, b| a.path.cmp(&b.path));
    outcome
}

struct Parsed {
    file: Arc<SourceFile>,
    document: Document,
}

fn read_and_parse(path: &std::path::Path) -> Result<Parsed, Problem> {
    let file = SourceFile::read(path).map_err(|err| Problem {
        path: path.to_path_buf(),
        message: err.to_string(),
    })?;
    let format = Format::from_path(path).unwrap_or(Format::PlainText);
    let document = Document::parse(&file, format);
    Ok(Parsed {
        file: Arc::new(file),
        document,
    })
}

fn check_group(
    group: &Group,
    rules: &[&dyn Rule],
    settings: &Settings,
) -> (Vec<CheckedFile>, Vec<Problem>) {
    let mut problems = Vec::new();
    if let Some(looked) = &group.missing_source {
        let names: Vec<String> = looked
            .iter()
            .take(4)
            .map(|p| p.display().to_string())
            .collect();
        for member in &group.translations {
            problems.push(Problem {
                path: member.path.clone(),
                message: format!(
                    "no source found (looked for {}); add the {} source or name it with `--source FILE`; checks that need no source still ran",
                    names.join(", "),
                    settings.source_locale
                ),
            });
        }
    }
    let source = group.source.as_ref().and_then(|member| {
        read_and_parse(&member.path)
            .map_err(|problem| problems.push(problem))
            .ok()
    });
    let source_locale = &settings.source_locale;
    let mut checked = Vec::new();
    for member in &group.translations {
        let target = match read_and_parse(&member.path) {
            Ok(parsed) => parsed,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let locale = member_locale(member, &target.document, source_locale);
        if member.locale.is_none() && group.source.is_none() && locale.same_language(source_locale)
        {
            // A file on its own, written in the source language: nothing to compare it with.
            continue;
        }
        let findings = check_translation(&target, &locale, source.as_ref(), rules, settings);
        checked.push(CheckedFile {
            file: target.file,
            locale,
            source: source.as_ref().map(|s| s.file.clone()),
            findings,
        });
    }
    (checked, problems)
}

fn check_translation(
    target: &Parsed,
    locale: &Locale,
    source: Option<&Parsed>,
    rules: &[&dyn Rule],
    settings: &Settings,
) -> Vec<Finding> {
    let duplicates = align::find_duplicates(&target.document, source.map(|s| &s.document));
    let alignment: Option<Alignment> =
        source.map(|s| align::align(&s.document, &target.document, &duplicates));
    let ctx = Context {
        file: &target.file,
        document: &target.document,
        locale,
        locale_data: locale.data(),
        duplicates: &duplicates,
        source: source
            .zip(alignment.as_ref())
            .map(|(s, alignment)| SourceSide {
                file: &s.file,
                document: &s.document,
                locale: &settings.source_locale,
                alignment,
            }),
        settings,
    };
    let mut findings = Vec::new();
    for rule in rules {
        if rule.info().needs_source && ctx.source.is_none() {
            continue;
        }
        rule.check(&ctx, &mut findings);
    }
    findings.retain_mut(
        |finding| match settings.rule_level(finding.rule, &target.file.path) {
            Some(RuleLevel::Off) => false,
            Some(RuleLevel::Severity(severity)) => {
                finding.severity = severity;
                true
            }
            None => true,
        },
    );
    findings.sort_by(|a, b| {
        (a.range.start, a.rule, a.range.end).cmp(&(b.range.start, b.rule, b.range.end))
    });
    findings.dedup();
    findings
}

/// The locale the path names, or the one its dominant script points to.
fn member_locale(member: &Member, document: &Document, source_locale: &Locale) -> Locale {
    if let Some(locale) = &member.locale {
        return locale.clone();
    }
    let sample = document.prose_sample(64 * 1024);
    match dominant_script(&sample) {
        Some(Script::Latin) | None => {
            latin_language(&sample).unwrap_or_else(|| source_locale.clone())
        }
        Some(script) => Locale::guess_from_script(script).unwrap_or_else(|| source_locale.clone()),
    }
}

/// The language of a Latin-script text, when language identification is confident.
fn latin_language(sample: &str) -> Option<Locale> {
    let info = whatlang::detect(sample).filter(|info| info.is_reliable())?;
    let code = match info.lang() {
        whatlang::Lang::Eng => "en",
        whatlang::Lang::Fra => "fr",
        whatlang::Lang::Deu => "de",
        whatlang::Lang::Spa => "es",
        whatlang::Lang::Por => "pt",
        whatlang::Lang::Ita => "it",
        whatlang::Lang::Nld => "nl",
        whatlang::Lang::Pol => "pl",
        whatlang::Lang::Tur => "tr",
        whatlang::Lang::Ind => "id",
        whatlang::Lang::Vie => "vi",
        whatlang::Lang::Swe => "sv",
        whatlang::Lang::Dan => "da",
        whatlang::Lang::Fin => "fi",
        whatlang::Lang::Ces => "cs",
        whatlang::Lang::Ron => "ro",
        whatlang::Lang::Hun => "hu",
        _ => return None,
    };
    Locale::parse(code)
}
