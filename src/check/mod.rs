//! The run: every article group read, parsed and aligned once, its evidence gathered, its
//! translations checked; groups in parallel. Then each locale's practice, tallied over the
//! whole run, drops the findings that depend on a habit the locale follows.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::align::{self, Alignment, DuplicateRun, RowKind};
use crate::config::{Limits, RuleLevel, Settings};
use crate::discover::{Discovery, Group, Member, Problem};
use crate::document::{Document, Format};
use crate::evidence::{group, GroupEvidence, Observations, Practice};
use crate::finding::Finding;
use crate::locale::invisible::{escape_invisible, invisible};
use crate::locale::{dominant_script, Locale, Script};
use crate::rules::{Context, Rule, SourceSide, TermUsage, INCONSISTENT_TERM, RULES};
use crate::source::SourceFile;
use crate::suppress::Suppressions;
use crate::terms::learned::{RenderingSummary, TermSummary};

/// One checked translation and what was found in it.
#[derive(Debug)]
pub struct CheckedFile {
    pub file: Arc<SourceFile>,
    pub locale: Locale,
    pub source: Option<Arc<SourceFile>>,
    pub findings: Vec<Finding>,
    /// The blocks side by side with the source's (byte ranges), for the editors' report;
    /// empty when there is no source.
    pub rows: Vec<AlignedRow>,
    /// What each source term became, when the run collects terms (`loclint terms`).
    pub terms: Vec<TermSummary>,
    /// How it renders the source's terms, for comparing it with its locale's other
    /// translations (`inconsistent-term`).
    pub term_usage: Vec<TermUsage>,
}

/// One row of the side-by-side view: a source block and the translated block that translates
/// it, either missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlignedRow {
    pub source: Option<std::ops::Range<usize>>,
    pub target: Option<std::ops::Range<usize>>,
    pub kind: RowKind,
}

#[derive(Debug, Default)]
pub struct Outcome {
    /// In path order; findings in position order.
    pub files: Vec<CheckedFile>,
    /// What stopped loclint from doing its whole job (exit status 2).
    pub problems: Vec<Problem>,
    pub sources_without_translations: Vec<PathBuf>,
    /// What the user should know but that did not stop the run (a locale without data).
    pub notes: Vec<String>,
    /// Each locale's practice: the one learned from `loclint.toml`, or the run's tallies.
    pub practice: Practice,
}

/// What one group gave.
#[derive(Default)]
struct GroupResult {
    files: Vec<CheckedFile>,
    problems: Vec<Problem>,
    observations: Vec<(Locale, Observations)>,
}

/// The run's files in path order, with what only the whole run can tell (a term rendered
/// otherwise across a locale's translations), and every message and fix that quotes a file
/// written escaped: no file can make a report, in any format, display otherwise than it holds.
fn finish_files(files: &mut [CheckedFile]) {
    files.sort_by(|a, b| a.file.path.cmp(&b.file.path));
    crate::rules::inconsistent_terms_across_translations(files);
    let hidden = |text: &str| text.chars().any(|c| invisible(c).is_some());
    for finding in files.iter_mut().flat_map(|f| f.findings.iter_mut()) {
        if hidden(&finding.message) {
            finding.message = escape_invisible(&finding.message);
        }
        if let Some(fix) = finding.fix.as_mut().filter(|fix| hidden(fix)) {
            *fix = escape_invisible(fix);
        }
    }
}

/// The rules the settings leave on.
fn enabled_rules(settings: &Settings) -> Vec<&'static dyn Rule> {
    RULES
        .iter()
        .copied()
        .filter(|rule| settings.rule_levels.get(rule.info().id) != Some(&RuleLevel::Off))
        .collect()
}

pub fn run(discovery: Discovery, settings: &Settings) -> Outcome {
    run_with_progress(discovery, settings, &|| {})
}

/// [`run`], calling `group_done` as each article group is checked (from any thread): what a
/// progress bar counts.
pub fn run_with_progress(
    discovery: Discovery,
    settings: &Settings,
    group_done: &(dyn Fn() + Sync),
) -> Outcome {
    let rules = enabled_rules(settings);
    let results: Vec<GroupResult> = discovery
        .groups
        .par_iter()
        .map(|group| {
            let result = catch_unwind(AssertUnwindSafe(|| check_group(group, &rules, settings)))
                .unwrap_or_else(|panic| internal_error(group, panic.as_ref()));
            group_done();
            result
        })
        .collect();
    let mut outcome = Outcome {
        problems: discovery.problems,
        notes: discovery.notes,
        sources_without_translations: discovery.sources_without_translations,
        ..Outcome::default()
    };
    let mut practice = settings.practice.clone();
    for result in results {
        if !practice.is_learned() {
            for (locale, observations) in &result.observations {
                practice.add(locale, observations);
            }
        }
        outcome.files.extend(result.files);
        outcome.problems.extend(result.problems);
    }
    let mut without_data = BTreeSet::new();
    for file in &mut outcome.files {
        file.findings.retain(|finding| {
            finding
                .habit
                .as_ref()
                .is_none_or(|habit| !practice.practises(&file.locale, habit))
        });
        if !file.locale.has_data() {
            without_data.insert(file.locale.clone());
        }
    }
    outcome.notes.extend(without_data.into_iter().map(|locale| {
        format!(
            "loclint has no data on how `{locale}` is written: its translations were checked \
             with the conventions of Latin-script text"
        )
    }));
    finish_files(&mut outcome.files);
    outcome.problems.sort_by(|a, b| a.path.cmp(&b.path));
    outcome.practice = practice;
    outcome
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

fn internal_error(group: &Group, panic: &(dyn std::any::Any + Send)) -> GroupResult {
    let what = panic_message(panic);
    let path = group
        .translations
        .iter()
        .find(|m| m.reported)
        .or(group.translations.first())
        .map(|m| m.path.clone())
        .unwrap_or_default();
    GroupResult {
        problems: vec![Problem {
            path,
            message: format!(
                "internal error while checking this article ({what}); please report it with the files"
            ),
        }],
        ..GroupResult::default()
    }
}

/// A file read and parsed.
pub struct Parsed {
    pub file: Arc<SourceFile>,
    pub document: Document,
    /// Its words keyed for term matching, made once when a rule first asks: a source's serve
    /// every translation of its group.
    term_words: std::sync::OnceLock<crate::terms::DocumentWords>,
}

impl Parsed {
    /// Reads and parses a file; `prose_keys` are front-matter keys read as prose beside the
    /// usual ones (`[front-matter] translate`).
    pub fn read(path: &Path, prose_keys: &[String], limits: Limits) -> Result<Parsed, Problem> {
        let problem = |message: String| Problem {
            path: path.to_path_buf(),
            message,
        };
        let file =
            SourceFile::read(path, limits.max_file_size).map_err(|err| problem(err.to_string()))?;
        let parsed = Parsed::with_prose_keys(file, prose_keys);
        let blocks = parsed.document.blocks.len();
        if blocks > limits.max_blocks {
            return Err(problem(format!(
                "too many blocks to check ({blocks}, the limit is {}); raise `max-blocks` under `[limits]` in loclint.toml, or exclude the file",
                limits.max_blocks
            )));
        }
        Ok(parsed)
    }

    pub fn new(file: SourceFile) -> Parsed {
        Parsed::with_prose_keys(file, &[])
    }

    pub fn with_prose_keys(file: SourceFile, prose_keys: &[String]) -> Parsed {
        let format = Format::from_path(&file.path).unwrap_or(Format::PlainText);
        let document = Document::parse_with(&file, format, prose_keys);
        Parsed {
            file: Arc::new(file),
            document,
            term_words: std::sync::OnceLock::new(),
        }
    }

    /// The document's words keyed for finding terms in `locale`, its language.
    pub fn term_words(&self, locale: &Locale) -> &crate::terms::DocumentWords {
        self.term_words
            .get_or_init(|| crate::terms::DocumentWords::new(&self.document, locale))
    }
}

/// A translation parsed and aligned with its source: what the evidence and the rules read.
pub struct Translation {
    pub parsed: Parsed,
    pub locale: Locale,
    pub duplicates: Vec<DuplicateRun>,
    pub alignment: Option<Alignment>,
    pub reported: bool,
}

impl Translation {
    /// `group_files`: the lowercase file names of the group, which its language menus link to.
    pub fn new(
        parsed: Parsed,
        locale: Locale,
        source: Option<&Parsed>,
        reported: bool,
        group_files: &HashSet<String>,
    ) -> Self {
        let (duplicates, alignment) =
            align::align_translation(source.map(|s| &s.document), &parsed.document, group_files);
        Translation {
            parsed,
            locale,
            duplicates,
            alignment,
            reported,
        }
    }
}

/// A repeat that most of the group's other translations (two at least) have too is the page's
/// (a note under two sections, an older source that repeated it), not a paste: it is no longer
/// a duplicate, and the translation is aligned again without it.
fn drop_shared_repeats(
    translations: &mut [Translation],
    source: Option<&Parsed>,
    group_files: &HashSet<String>,
) {
    if translations.iter().all(|t| t.duplicates.is_empty()) {
        return;
    }
    let shapes: Vec<HashSet<String>> = translations
        .iter()
        .map(|t| align::repeat_shapes(&t.parsed.document))
        .collect();
    let others = translations.len().saturating_sub(1);
    for (n, translation) in translations.iter_mut().enumerate() {
        let document = &translation.parsed.document;
        let before = translation.duplicates.len();
        translation.duplicates.retain(|run| {
            let shape = align::repeat_shape(document, run);
            let sharing = shapes
                .iter()
                .enumerate()
                .filter(|&(m, set)| m != n && set.contains(&shape))
                .count();
            !(sharing >= SHARED_REPEAT_MIN && 2 * sharing > others)
        });
        if translation.duplicates.len() != before {
            if let Some(source) = source {
                translation.alignment = Some(align::align(
                    &source.document,
                    document,
                    &translation.duplicates,
                    group_files,
                ));
            }
        }
    }
}

/// Translations besides this one that must repeat a run for it to be the page's.
const SHARED_REPEAT_MIN: usize = 2;

/// The group's evidence, gathered over all its translations.
pub fn gather_evidence(source: Option<&Parsed>, translations: &[Translation]) -> GroupEvidence {
    let members: Vec<group::Member> = translations
        .iter()
        .map(|t| group::Member {
            document: &t.parsed.document,
            latin_script: t.locale.data().scripts.contains(&Script::Latin),
            locale: &t.locale,
            alignment: t.alignment.as_ref(),
        })
        .collect();
    GroupEvidence::gather(source.map(|s| &s.document), &members)
}

/// Checks a group's translations, read, parsed and aligned: the evidence of the group, then each
/// reported translation, its findings and rows added to `result`.
fn check_prepared(
    source: Option<&Parsed>,
    mut translations: Vec<Translation>,
    looked_for_source: Option<&[PathBuf]>,
    group_files: &HashSet<String>,
    rules: &[&dyn Rule],
    settings: &Settings,
    result: &mut GroupResult,
) {
    drop_shared_repeats(&mut translations, source, group_files);
    let evidence = gather_evidence(source, &translations);
    for translation in translations.into_iter().filter(|t| t.reported) {
        // One translation that trips a bug costs its own findings, not its group's.
        let checked = catch_unwind(AssertUnwindSafe(|| {
            // The tests' way to see a failing check reported and the run going on.
            if std::env::var_os("LOCLINT_PANIC_ON")
                .is_some_and(|name| translation.parsed.file.path.ends_with(name))
            {
                panic!("LOCLINT_PANIC_ON names this file");
            }
            check_translation(
                &translation,
                source,
                &evidence,
                looked_for_source,
                rules,
                settings,
            )
        }));
        let Checked {
            findings,
            observations,
            terms,
            term_usage,
        } = match checked {
            Ok(checked) => checked,
            Err(panic) => {
                result.problems.push(Problem {
                    path: translation.parsed.file.path.clone(),
                    message: format!(
                        "internal error while checking this file ({}); please report it with the file and its source",
                        panic_message(panic.as_ref())
                    ),
                });
                continue;
            }
        };
        result
            .observations
            .push((translation.locale.clone(), observations));
        let rows = side_by_side(&translation, source);
        result.files.push(CheckedFile {
            file: translation.parsed.file,
            locale: translation.locale,
            source: source.map(|s| s.file.clone()),
            findings,
            rows,
            terms,
            term_usage,
        });
    }
}

/// Checks one article group given as texts, as a run over files would (every rule on, the
/// settings' levels): what the fuzz targets and property tests drive, with no file system.
pub fn check_texts(
    source: Option<SourceFile>,
    translations: Vec<(SourceFile, Locale)>,
    settings: &Settings,
) -> Outcome {
    let rules = enabled_rules(settings);
    let source = source.map(Parsed::new);
    let group_files = group_file_names(
        source
            .iter()
            .map(|s| s.file.path.as_path())
            .chain(translations.iter().map(|(file, _)| file.path.as_path())),
    );
    let group_files_ref = &group_files;
    let prepared: Vec<Translation> = translations
        .into_iter()
        .map(|(file, locale)| {
            Translation::new(
                Parsed::new(file),
                locale,
                source.as_ref(),
                true,
                group_files_ref,
            )
        })
        .collect();
    let mut result = GroupResult::default();
    check_prepared(
        source.as_ref(),
        prepared,
        None,
        &group_files,
        &rules,
        settings,
        &mut result,
    );
    let mut outcome = Outcome {
        files: result.files,
        problems: result.problems,
        ..Outcome::default()
    };
    finish_files(&mut outcome.files);
    outcome
}

/// The lowercase file names of a group's source and translations: what its language menus
/// link to.
fn group_file_names<'a>(paths: impl Iterator<Item = &'a Path>) -> HashSet<String> {
    paths
        .filter_map(|p| p.file_name()?.to_str())
        .map(str::to_lowercase)
        .collect()
}

fn check_group(group: &Group, rules: &[&dyn Rule], settings: &Settings) -> GroupResult {
    let mut result = GroupResult::default();
    let source = group.source.as_ref().and_then(|member| {
        Parsed::read(
            &member.path,
            &settings.front_matter_translate,
            settings.limits,
        )
        .map_err(|problem| result.problems.push(problem))
        .ok()
    });
    let source_locale = &settings.source_locale;
    let group_files = group_file_names(
        group
            .source
            .iter()
            .chain(&group.translations)
            .map(|m| m.path.as_path()),
    );
    // The group's files are read, parsed and aligned side by side: a file checked alone waits
    // for its siblings, which are its evidence. The order stays the group's.
    let prepared: Vec<Option<Result<Translation, Problem>>> = group
        .translations
        .par_iter()
        .map(|member| {
            let parsed = match Parsed::read(
                &member.path,
                &settings.front_matter_translate,
                settings.limits,
            ) {
                Ok(parsed) => parsed,
                Err(problem) if member.reported => return Some(Err(problem)),
                // A sibling read only as evidence is not the user's concern here.
                Err(_) => return None,
            };
            let locale = member_locale(member, &parsed.document, source_locale);
            if member.locale.is_none()
                && group.source.is_none()
                && locale.same_language(source_locale)
            {
                // A file on its own, written in the source language: nothing to compare it with.
                return None;
            }
            Some(Ok(Translation::new(
                parsed,
                locale,
                source.as_ref(),
                member.reported,
                &group_files,
            )))
        })
        .collect();
    let mut translations = Vec::new();
    for outcome in prepared.into_iter().flatten() {
        match outcome {
            Ok(translation) => translations.push(translation),
            Err(problem) => result.problems.push(problem),
        }
    }
    check_prepared(
        source.as_ref(),
        translations,
        group.missing_source.as_deref(),
        &group_files,
        rules,
        settings,
        &mut result,
    );
    result
}

/// The translation's blocks beside the source's, as byte ranges.
fn side_by_side(translation: &Translation, source: Option<&Parsed>) -> Vec<AlignedRow> {
    let (Some(alignment), Some(source)) = (&translation.alignment, source) else {
        return Vec::new();
    };
    let target_blocks = &translation.parsed.document.blocks;
    let source_blocks = &source.document.blocks;
    alignment
        .rows(&translation.duplicates, target_blocks.len())
        .into_iter()
        .map(|row| AlignedRow {
            source: row
                .source
                .and_then(|s| source_blocks.get(s))
                .map(|b| b.range.clone()),
            target: row
                .target
                .and_then(|t| target_blocks.get(t))
                .map(|b| b.range.clone()),
            kind: row.kind,
        })
        .collect()
}

/// Runs `rules` on one translation, with the configured severities, in position order; and
/// what it practises, for its locale's tally.
pub fn check_translation(
    translation: &Translation,
    source: Option<&Parsed>,
    evidence: &GroupEvidence,
    looked_for_source: Option<&[PathBuf]>,
    rules: &[&dyn Rule],
    settings: &Settings,
) -> Checked {
    let observations = RefCell::new(Observations::default());
    let target = &translation.parsed;
    let ctx = Context {
        file: &target.file,
        document: &target.document,
        locale: &translation.locale,
        locale_data: translation.locale.data(),
        duplicates: &translation.duplicates,
        source: source
            .zip(translation.alignment.as_ref())
            .map(|(s, alignment)| SourceSide {
                file: &s.file,
                document: &s.document,
                parsed: s,
                locale: &settings.source_locale,
                alignment,
            }),
        looked_for_source,
        group: evidence,
        observations: &observations,
        settings,
        changed_attributes: std::cell::OnceCell::new(),
        term_words: std::cell::OnceCell::new(),
        term_tables: std::cell::OnceCell::new(),
    };
    let mut findings = Vec::new();
    for rule in rules {
        if rule.info().needs_source && ctx.source.is_none() {
            continue;
        }
        rule.check(&ctx, &mut findings);
    }
    // A defect inside a pasted copy is reported once, in the copy that stays: deleting the
    // copy (what `duplicate-section` asks) removes its twin.
    let copies: Vec<std::ops::Range<usize>> = translation
        .duplicates
        .iter()
        .map(|run| {
            let blocks = &target.document.blocks;
            blocks[run.repeat.start].range.start..blocks[run.repeat.end - 1].range.end
        })
        .collect();
    findings.retain(|finding| {
        finding.rule == "duplicate-section"
            || !copies
                .iter()
                .any(|copy| copy.start <= finding.range.start && finding.range.end <= copy.end)
    });
    // Inline suppressions: after every rule, since only then is it known what each silenced.
    let mut suppressions = Suppressions::read(&target.file, &target.document);
    // What the comparison across a locale's translations reads, where inconsistent-term runs.
    let runs_here =
        ctx.source.is_some() && rules.iter().any(|r| r.info().id == INCONSISTENT_TERM.id);
    let severity = runs_here
        .then(|| settings.rule_level(INCONSISTENT_TERM.id, &target.file.path, &translation.locale))
        .and_then(|level| match level {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::Severity(severity)) => Some(severity),
            None => Some(INCONSISTENT_TERM.default_severity),
        });
    let mut term_usage = severity
        .map(|severity| crate::rules::term_usage(&ctx, severity))
        .unwrap_or_default();
    // A directive over a rendering silences what the comparison across translations would
    // report there, and is used.
    for rendering in term_usage.iter_mut().flat_map(|u| u.renderings.iter_mut()) {
        rendering.silenced = suppressions.silences(INCONSISTENT_TERM.id, rendering.line);
    }
    suppressions.apply(&target.file, &mut findings, |id| {
        rules.iter().any(|rule| {
            let info = rule.info();
            info.id == id && (!info.needs_source || ctx.source.is_some())
        }) && settings.rule_level(id, &target.file.path, &translation.locale)
            != Some(RuleLevel::Off)
    });
    findings.retain_mut(|finding| {
        match settings.rule_level(finding.rule, &target.file.path, &translation.locale) {
            Some(RuleLevel::Off) => false,
            Some(RuleLevel::Severity(severity)) => {
                finding.severity = severity;
                true
            }
            None => true,
        }
    });
    crate::finding::sort_in_position_order(&mut findings);
    findings.dedup();
    let terms = if settings.collect_terms {
        term_summaries(&ctx)
    } else {
        Vec::new()
    };
    drop(ctx);
    let mut observations = observations.into_inner();
    for habit in findings.iter().filter_map(|f| f.habit.as_ref()) {
        observations.used(habit);
    }
    Checked {
        findings,
        observations,
        terms,
        term_usage,
    }
}

/// What checking one translation gave.
pub struct Checked {
    pub findings: Vec<Finding>,
    /// What it practises, for its locale's tally.
    pub observations: Observations,
    pub terms: Vec<TermSummary>,
    pub term_usage: Vec<TermUsage>,
}

/// The translation's term tables, places as lines.
fn term_summaries(ctx: &Context) -> Vec<TermSummary> {
    let glossary = &ctx.settings.terminology.glossary;
    ctx.term_tables()
        .iter()
        .map(|table| TermSummary {
            term: table.term.clone(),
            kind: table.kind,
            do_not_translate: table
                .entry
                .is_some_and(|e| glossary.entries[e].do_not_translate),
            renderings: table
                .renderings
                .iter()
                .map(|r| RenderingSummary {
                    text: r.text.clone(),
                    how: r.how,
                    lines: r
                        .places
                        .iter()
                        .map(|(t, range)| {
                            let block = &ctx.document.blocks[*t];
                            ctx.file.lines.line_of(block.file_offset(range.start))
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// How loclint reads `files`: one file's blocks, or a source and a translation side by side as
/// the aligner pairs them. For diagnosing a finding.
pub fn debug_view(files: &[PathBuf]) -> anyhow::Result<String> {
    use std::fmt::Write;
    let parse = |path: &PathBuf| -> anyhow::Result<Parsed> {
        Parsed::read(path, &[], Limits::default())
            .map_err(|p| anyhow::anyhow!("{}: {}", p.path.display(), p.message))
    };
    let line = |parsed: &Parsed, block: &crate::document::Block| {
        let text: String = block.normalized.chars().take(70).collect();
        format!(
            "{:>5} {:<12} {text}",
            parsed.file.lines.line_of(block.range.start),
            block.kind.name()
        )
    };
    let mut out = String::new();
    match files {
        [file] => {
            let parsed = parse(file)?;
            for block in &parsed.document.blocks {
                let anchors: Vec<&str> = block.hard_anchors().map(|a| a.value.as_str()).collect();
                writeln!(out, "{}  [{}]", line(&parsed, block), anchors.join(" | "))?;
            }
        }
        [source, target] => {
            let source = parse(source)?;
            let target = parse(target)?;
            let files = group_file_names(
                [source.file.path.as_path(), target.file.path.as_path()].into_iter(),
            );
            let (_, alignment) =
                align::align_translation(Some(&source.document), &target.document, &files);
            let Some(alignment) = alignment else {
                anyhow::bail!(
                    "no alignment of {} with {}",
                    target.file.path.display(),
                    source.file.path.display()
                );
            };
            let blank = format!("{:>5} {:<12} {:<70}", "", "", "");
            for pair in &alignment.pairs {
                let left = pair.source.map_or(blank.clone(), |s| {
                    format!("{:<89}", line(&source, &source.document.blocks[s]))
                });
                let right = pair
                    .target
                    .map_or(String::new(), |t| line(&target, &target.document.blocks[t]));
                writeln!(out, "{left} | {right}")?;
            }
            for moved in &alignment.moves {
                writeln!(
                    out,
                    "moved: {} | {}",
                    line(&source, &source.document.blocks[moved.source]),
                    line(&target, &target.document.blocks[moved.target])
                )?;
            }
        }
        _ => anyhow::bail!("give one file, or a source and a translation"),
    }
    Ok(out)
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
