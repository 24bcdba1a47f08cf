//! The command line: arguments in, an exit status out. Everything else is in the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anstream::ColorChoice;
use clap::{Parser, Subcommand, ValueEnum};

use crate::baseline::{self, Baseline};
use crate::changes::Changes;
use crate::check;
use crate::config::{RuleLevel, Settings};
use crate::discover;
use crate::finding::Severity;
use crate::report::{self, OutputFormat, RenderOptions};
use crate::rules::{self, RULES};

/// A fast linter for translated articles: aligns each translation with its English source and
/// reports duplicated sections, untranslated text and structure drift.
#[derive(Debug, Parser)]
#[command(name = "loclint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

// Parsed once a run: the size of its largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
    /// Check article groups found under PATHS (files or folders; default: the current folder).
    Check(CheckArgs),
    /// Learn each locale's practice from the translations under PATHS and write it into
    /// loclint.toml, so that every run (a pre-commit hook checking one file, too) judges by it.
    Init(InitArgs),
    /// List the terms of the sources under PATHS and how each locale renders them (learned
    /// from the aligned blocks, and the glossary's); or write them as a starter glossary.
    Terms(TermsArgs),
    /// List the rules.
    Rules,
    /// Print a rule's documentation (or, with `config`, the configuration's).
    Explain {
        /// A rule id, as `loclint rules` lists them, or `config`.
        rule: String,
    },
    /// Show how loclint reads a file (its blocks), or pairs a translation with its source.
    #[command(hide = true)]
    Debug {
        /// One file: its blocks. Two files (source, translation): their alignment.
        #[arg(num_args = 1..=2, required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files or folders to check.
    paths: Vec<PathBuf>,
    /// Check PATHS as translations of this source file (one article group given by hand).
    #[arg(long, value_name = "FILE")]
    source: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Exit with status 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Read this configuration file instead of looking for loclint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore any loclint.toml.
    #[arg(long)]
    no_config: bool,
    /// The locale of the sources (default: `en`, or `source-locale` in loclint.toml).
    #[arg(long, value_name = "LOCALE")]
    source_locale: Option<String>,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    /// How many threads check article groups (default: one per core). Findings are the same
    /// for any number.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Report only the findings that this baseline file does not hold.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every finding of this run in FILE (see --baseline) instead of reporting them.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Run only these rules (comma-separated ids).
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    select: Vec<String>,
    /// Do not run these rules (comma-separated ids).
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Counts per rule, per locale and per rule and locale, instead of the findings (text, or
    /// JSON with --format json).
    #[arg(long)]
    statistics: bool,
    /// Print the findings only: no notes and no closing summary.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Write the report to FILE (replaced atomically) instead of the standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Check the article files changed since the merge base with REF (a pull request's base
    /// branch: `origin/main`), each with its group, and report findings in those files only.
    #[arg(long, value_name = "REF")]
    changed_since: Option<String>,
    /// With --changed-since: report only findings on the lines the change touched.
    #[arg(long, requires = "changed_since")]
    changed_lines: bool,
    /// For writers of the source: findings in translations that were not given, but reached
    /// through a source given (the translations an edit of the English made stale), are
    /// reported as warnings, so that they do not fail the run.
    #[arg(long)]
    translations_only: bool,
    /// The most results a SARIF report holds; the most severe are kept, and the report says
    /// how many it left out.
    #[arg(long, value_name = "N", default_value_t = report::DEFAULT_MAX_RESULTS)]
    max_results: usize,
    /// In --format markdown, how many findings of a file are listed before the rest are folded.
    #[arg(long, value_name = "N", default_value_t = 10)]
    fold_after: usize,
    /// Check shard I of N (`2/4`): whole article groups, split by a hash of their paths, so
    /// that N runs on a CI matrix report together what one run reports.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    shard: Option<(usize, usize)>,
}

fn parse_shard(raw: &str) -> Result<(usize, usize), String> {
    let parsed = raw.split_once('/').and_then(|(i, n)| {
        let (i, n) = (
            i.trim().parse::<usize>().ok()?,
            n.trim().parse::<usize>().ok()?,
        );
        (1..=n).contains(&i).then_some((i, n))
    });
    parsed.ok_or_else(|| format!("`{raw}` is not a shard: write I/N with 1 <= I <= N, as `2/4`"))
}

#[derive(Debug, clap::Args)]
struct InitArgs {
    /// Files or folders to learn from (default: the current folder).
    paths: Vec<PathBuf>,
    /// The configuration file to write (default: the loclint.toml that runs here read, or
    /// ./loclint.toml). Its other settings are kept.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// How many threads read article groups (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Also record today's findings in FILE, and name it in the configuration, so that
    /// `loclint check` reports only new ones from now on.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct TermsArgs {
    /// Files or folders to read (default: the current folder).
    paths: Vec<PathBuf>,
    /// Only this locale's translations (`hi`, `pt-BR`).
    #[arg(long, value_name = "LOCALE")]
    locale: Option<String>,
    #[arg(long, value_enum, default_value_t = TermsFormat::Human)]
    format: TermsFormat,
    /// Write the table as a starter glossary to FILE (`.csv`, `.tsv` or `.tbx`), for the team
    /// to review and then name in `[terminology] glossaries`. An existing file is not replaced.
    #[arg(long, value_name = "FILE")]
    write_glossary: Option<PathBuf>,
    /// Read this configuration file instead of looking for loclint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore any loclint.toml.
    #[arg(long)]
    no_config: bool,
    /// How many threads read article groups (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TermsFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// `loclint explain config`: the configuration's documentation, reachable wherever loclint is.
const CONFIGURATION_DOCS: &str = include_str!("../docs/configuration.md");

/// Exit statuses.
pub const CLEAN: u8 = 0;
pub const FINDINGS: u8 = 1;
pub const TROUBLE: u8 = 2;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Init(args) => init(args),
        Command::Terms(args) => terms(args),
        Command::Rules => {
            let mut out = std::io::stdout().lock();
            for rule in RULES {
                let info = rule.info();
                writeln!(
                    out,
                    "{:<22} {:<8} {}",
                    info.id, info.default_severity, info.summary
                )?;
            }
            Ok(ExitCode::from(CLEAN))
        }
        Command::Debug { files } => {
            let mut out = std::io::stdout().lock();
            out.write_all(crate::check::debug_view(&files)?.as_bytes())?;
            Ok(ExitCode::from(CLEAN))
        }
        Command::Explain { rule } if matches!(rule.as_str(), "config" | "configuration") => {
            let mut out = std::io::stdout().lock();
            out.write_all(CONFIGURATION_DOCS.as_bytes())?;
            Ok(ExitCode::from(CLEAN))
        }
        Command::Explain { rule } => match rules::find(&rule) {
            Some(rule) => {
                let info = rule.info();
                let mut out = std::io::stdout().lock();
                writeln!(
                    out,
                    "# {}\n\nDefault severity: {}\n",
                    info.id, info.default_severity
                )?;
                writeln!(out, "{}", info.docs.trim_end())?;
                Ok(ExitCode::from(CLEAN))
            }
            None => {
                let known: Vec<&str> = rules::ids().collect();
                eprintln!(
                    "error: no rule `{rule}`; the rules are: {} (and `loclint explain config` \
                     documents loclint.toml)",
                    known.join(", ")
                );
                Ok(ExitCode::from(TROUBLE))
            }
        },
    }
}

fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    // A broken configuration stops the run before anything is checked: findings judged by
    // settings the user did not mean would mislead.
    let mut settings = match load_settings(&args) {
        Ok(settings) => settings,
        Err(problem) => {
            eprintln!("error: {}", problem_line(&problem));
            return Ok(ExitCode::from(TROUBLE));
        }
    };
    if let Some(fail_on) = args.fail_on {
        settings.fail_on = match fail_on {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
        };
    }
    if let Some(raw) = &args.source_locale {
        match crate::locale::Locale::parse(raw) {
            Some(locale) => settings.source_locale = locale,
            None => {
                eprintln!("error: --source-locale: `{raw}` is not a BCP 47 locale tag");
                return Ok(ExitCode::from(TROUBLE));
            }
        }
    }
    for (flag, ids) in [("--select", &args.select), ("--ignore", &args.ignore)] {
        if let Some(unknown) = ids.iter().find(|id| rules::find(id).is_none()) {
            let known: Vec<&str> = rules::ids().collect();
            eprintln!(
                "error: {flag}: no rule `{unknown}`; the rules are: {}",
                known.join(", ")
            );
            return Ok(ExitCode::from(TROUBLE));
        }
    }
    for id in rules::ids() {
        let selected = args.select.is_empty() || args.select.iter().any(|s| s == id);
        if !selected || args.ignore.iter().any(|i| i == id) {
            settings.rule_levels.insert(id.to_string(), RuleLevel::Off);
        }
    }
    if args.statistics && !matches!(args.format, OutputFormat::Human | OutputFormat::Json) {
        eprintln!("error: --statistics writes text or JSON (--format human or json)");
        return Ok(ExitCode::from(TROUBLE));
    }
    // The baseline named on the command line, or in loclint.toml; none while writing one.
    let baseline_path = match &args.write_baseline {
        Some(_) => None,
        None => args.baseline.clone().or_else(|| settings.baseline.clone()),
    };
    let baseline = match baseline_path.as_deref().map(Baseline::read).transpose() {
        Ok(baseline) => baseline,
        Err(message) => {
            eprintln!("error: {message}");
            return Ok(ExitCode::from(TROUBLE));
        }
    };
    let mut paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let changes = match &args.changed_since {
        Some(reference) => match Changes::since(reference) {
            Ok(changes) => {
                // The article files changed under the paths given.
                let under = |file: &std::path::Path| {
                    paths.iter().any(|p| {
                        let p = p.strip_prefix(".").unwrap_or(p);
                        p.as_os_str().is_empty() || file.starts_with(p)
                    })
                };
                let files: Vec<PathBuf> = changes
                    .files
                    .iter()
                    .filter(|f| f.is_file() && under(f))
                    .filter(|f| crate::document::Format::from_path(f).is_some())
                    .cloned()
                    .collect();
                if files.is_empty() {
                    if !args.quiet {
                        eprintln!("no article file changed since {reference}: nothing to check");
                    }
                    return Ok(ExitCode::from(CLEAN));
                }
                paths = files;
                Some(changes)
            }
            Err(message) => {
                eprintln!("error: {message}");
                return Ok(ExitCode::from(TROUBLE));
            }
        },
        None => None,
    };
    let mut discovery = match &args.source {
        Some(source) => discover::explicit(source, &args.paths, &settings),
        None => discover::discover(&paths, &settings),
    };
    if discovery.groups.is_empty() && discovery.problems.is_empty() {
        eprintln!("{}", nothing_found(&discovery, &paths));
    }
    if let Some((index, count)) = args.shard {
        discovery.shard(index, count);
        if !settings.practice.is_learned() && !args.quiet {
            eprintln!(
                "note: shard {index}/{count} learns each locale's practice from its own files; \
                 run `loclint init` so that every shard reads the same practice from \
                 loclint.toml and the shards add up to one run exactly"
            );
        }
    }
    let mut outcome = run_checks(discovery, &settings, args.jobs, args.quiet)?;
    if args.translations_only {
        let canonical = |p: &std::path::Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let given: Vec<PathBuf> = paths.iter().map(|p| canonical(p)).collect();
        for checked in &mut outcome.files {
            let path = canonical(&checked.file.path);
            if !given.iter().any(|g| path.starts_with(g)) {
                for finding in &mut checked.findings {
                    finding.severity = Severity::Warning;
                }
            }
        }
    }
    if let (Some(changes), true) = (&changes, args.changed_lines) {
        for checked in &mut outcome.files {
            let file = &checked.file;
            checked.findings.retain(|finding| {
                let first = file.lines.line_of(finding.range.start);
                let last = file
                    .lines
                    .line_of(finding.range.end.max(finding.range.start));
                changes.touches(&file.path, first..=last)
            });
        }
    }
    if let Some(path) = &args.write_baseline {
        for problem in &outcome.problems {
            eprintln!("error: {}", problem_line(problem));
        }
        let written = baseline::write(path, &outcome).map_err(|err| {
            anyhow::anyhow!("{}: cannot write the baseline: {err}", path.display())
        })?;
        eprintln!(
            "wrote {}: {}; run with --baseline {} to report only new ones",
            path.display(),
            report::plural(written, "finding", "findings"),
            path.display()
        );
        return Ok(ExitCode::from(if outcome.problems.is_empty() {
            CLEAN
        } else {
            TROUBLE
        }));
    }
    if let (Some(baseline), Some(path)) = (&baseline, &baseline_path) {
        let filtered = baseline.filter(&mut outcome);
        if filtered.known > 0 {
            let shown = std::env::current_dir()
                .ok()
                .and_then(|cwd| {
                    path.strip_prefix(cwd)
                        .ok()
                        .map(std::path::Path::to_path_buf)
                })
                .unwrap_or_else(|| path.clone());
            outcome.notes.push(format!(
                "{} already in {} not reported",
                report::plural(filtered.known, "finding", "findings"),
                shown.display()
            ));
        }
    }

    if !args.quiet {
        for note in &outcome.notes {
            eprintln!("note: {note}");
        }
    }
    for problem in &outcome.problems {
        eprintln!("error: {}", problem_line(problem));
    }
    let color = match (args.format, args.color, &args.output) {
        // Machine formats and files never carry colour, and need no escape-code filtering.
        (
            OutputFormat::Json
            | OutputFormat::Sarif
            | OutputFormat::Github
            | OutputFormat::Gitlab
            | OutputFormat::Html
            | OutputFormat::Csv
            | OutputFormat::Jsonl
            | OutputFormat::Markdown
            | OutputFormat::Junit,
            _,
            _,
        )
        | (_, ColorWhen::Never, _)
        | (_, ColorWhen::Auto, Some(_)) => ColorChoice::Never,
        (_, ColorWhen::Always, _) => ColorChoice::Always,
        (_, ColorWhen::Auto, None) => ColorChoice::Auto,
    };
    let mut stdout = anstream::AutoStream::new(std::io::stdout().lock(), color);
    let options = RenderOptions {
        color: !matches!(stdout.current_choice(), ColorChoice::Never),
        fail_on: settings.fail_on,
        quiet: args.quiet,
        max_results: args.max_results,
        fold_after: args.fold_after,
        changed_files: annotations_first(args.format, changes.as_ref()),
    };
    let rendered = if args.statistics {
        report::render_statistics(args.format, &outcome).unwrap_or_default()
    } else {
        report::render(args.format, &outcome, &options)
    };
    if let Some(path) = &args.output {
        crate::atomic_file::replace(path, rendered.as_bytes())
            .map_err(|err| anyhow::anyhow!("{}: cannot write the report: {err}", path.display()))?;
    } else if let Err(err) = stdout
        .write_all(rendered.as_bytes())
        .and_then(|_| stdout.flush())
    {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::from(CLEAN));
        }
        return Err(err.into());
    }

    let failing = outcome
        .files
        .iter()
        .flat_map(|f| &f.findings)
        .any(|f| f.severity >= settings.fail_on);
    Ok(ExitCode::from(if !outcome.problems.is_empty() {
        TROUBLE
    } else if failing {
        FINDINGS
    } else {
        CLEAN
    }))
}

/// Checks the groups found, on `jobs` threads (default: one per core), with a progress bar on
/// standard error when the run lasts (see [`Progress`]).
fn run_checks(
    discovery: discover::Discovery,
    settings: &Settings,
    jobs: Option<u16>,
    quiet: bool,
) -> anyhow::Result<check::Outcome> {
    let progress = Progress::new(discovery.groups.len() as u64, quiet);
    let done = || progress.tick();
    let outcome = match jobs {
        Some(jobs) => rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs))
            .build()?
            .install(|| check::run_with_progress(discovery, settings, &done)),
        None => check::run_with_progress(discovery, settings, &done),
    };
    progress.finish();
    Ok(outcome)
}

/// A progress bar of article groups, shown on standard error once a run has lasted a second,
/// and only on a terminal: never in CI logs or when standard error is piped, and never with
/// `--quiet`.
struct Progress {
    bar: indicatif::ProgressBar,
    shown: std::sync::atomic::AtomicBool,
    can_show: bool,
}

impl Progress {
    const AFTER: std::time::Duration = std::time::Duration::from_secs(1);

    fn new(groups: u64, quiet: bool) -> Progress {
        use std::io::IsTerminal;
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(groups),
            indicatif::ProgressDrawTarget::hidden(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:30} {pos}/{len} article groups, {eta} left",
        ) {
            bar.set_style(style);
        }
        let can_show =
            !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        Progress {
            bar,
            shown: std::sync::atomic::AtomicBool::new(false),
            can_show,
        }
    }

    fn tick(&self) {
        use std::sync::atomic::Ordering;
        self.bar.inc(1);
        if self.can_show
            && self.bar.elapsed() >= Self::AFTER
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The files whose GitHub annotations come first: those `--changed-since` named, or in a
/// pull request's workflow (`GITHUB_BASE_REF` set) those changed since its base branch. When git
/// cannot tell, the order is the path order.
fn annotations_first(format: OutputFormat, changes: Option<&Changes>) -> Vec<PathBuf> {
    if format != OutputFormat::Github {
        return Vec::new();
    }
    if let Some(changes) = changes {
        return changes.files.clone();
    }
    match std::env::var("GITHUB_BASE_REF") {
        Ok(base) if !base.is_empty() => Changes::since(&format!("origin/{base}"))
            .map(|changes| changes.files)
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// `loclint init`: a run over the tree with the practice the configuration may hold set
/// aside, whose tallies are written into the configuration.
fn terms(args: TermsArgs) -> anyhow::Result<ExitCode> {
    let mut settings = match load_settings_from(args.config.as_ref(), args.no_config) {
        Ok(settings) => settings,
        Err(problem) => {
            eprintln!("error: {}", problem_line(&problem));
            return Ok(ExitCode::from(TROUBLE));
        }
    };
    settings.collect_terms = true;
    let only = match &args.locale {
        Some(tag) => match crate::locale::Locale::parse(tag) {
            Some(locale) => Some(locale),
            None => {
                eprintln!("error: `{tag}` is not a locale the IANA registry knows");
                return Ok(ExitCode::from(TROUBLE));
            }
        },
        None => None,
    };
    let Some(discovery) = discover_groups(&args.paths, &settings) else {
        return Ok(ExitCode::from(TROUBLE));
    };
    let outcome = run_checks(discovery, &settings, args.jobs, false)?;
    for problem in &outcome.problems {
        eprintln!("error: {}", problem_line(problem));
    }
    let locales = crate::terms::table::gather(&outcome, &settings, only.as_ref());
    if let Some(path) = &args.write_glossary {
        let written =
            crate::terms::table::starter_glossary(path, &locales, &settings.source_locale)
                .and_then(|text| crate::terms::table::write_new(path, &text));
        match written {
            Ok(path) => eprintln!(
                "wrote {}: review it, then name it in `[terminology] glossaries`",
                path.display()
            ),
            Err(message) => {
                eprintln!("error: {message}");
                return Ok(ExitCode::from(TROUBLE));
            }
        }
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        TermsFormat::Human => {
            out.write_all(crate::terms::table::render_text(&locales).as_bytes())?
        }
        TermsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &locales)?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::from(if outcome.problems.is_empty() {
        CLEAN
    } else {
        TROUBLE
    }))
}

fn init(args: InitArgs) -> anyhow::Result<ExitCode> {
    let path = match &args.config {
        Some(path) => path.clone(),
        None => {
            let cwd = std::env::current_dir()?;
            Settings::discover(&cwd).unwrap_or_else(|| PathBuf::from(crate::config::FILE_NAME))
        }
    };
    let mut settings = if path.is_file() {
        match Settings::load(&path) {
            Ok(settings) => settings,
            Err(err) => {
                eprintln!(
                    "error: {err}\n  {} was left as it is: fix it, then run `loclint init` again",
                    path.display()
                );
                return Ok(ExitCode::from(TROUBLE));
            }
        }
    } else {
        Settings::default()
    };
    // Learn anew: what the file says now must not decide what the run finds.
    settings.practice = crate::evidence::Practice::default();
    let Some(discovery) = discover_groups(&args.paths, &settings) else {
        return Ok(ExitCode::from(TROUBLE));
    };
    let layouts_used = discovery.layouts_used.clone();
    let outcome = run_checks(discovery, &settings, args.jobs, false)?;
    for problem in &outcome.problems {
        eprintln!("error: {}", problem_line(problem));
    }
    let tally = crate::init::Tally::of(&outcome);
    let practised = outcome.practice.practised();
    let translations = outcome.files.len();
    // The baseline, written first: the configuration names it only once it exists.
    let baseline_key = match &args.baseline {
        Some(file) => {
            let recorded = baseline::write(file, &outcome).map_err(|err| {
                anyhow::anyhow!("{}: cannot write the baseline: {err}", file.display())
            })?;
            let config_dir = std::path::absolute(&path)?
                .parent()
                .map(std::path::Path::to_path_buf)
                .unwrap_or_default();
            let file_abs = std::path::absolute(file)?;
            let relative = file_abs
                .strip_prefix(&config_dir)
                .unwrap_or(&file_abs)
                .to_string_lossy()
                .replace('\\', "/");
            eprintln!(
                "wrote {}: {}",
                file.display(),
                report::plural(recorded, "finding", "findings")
            );
            Some(relative)
        }
        None => None,
    };
    let header = crate::init::header(&layouts_used, &tally, &settings.source_locale);
    let fitted = if args.baseline.is_some() {
        Vec::new()
    } else {
        tally.fitted_levels(&settings)
    };
    let counts = crate::init::counts_comment(&tally, args.baseline.is_some());
    let learned = crate::config::Learned {
        practised: practised.clone(),
        translations,
        baseline: baseline_key.as_deref(),
        header: Some(&header),
        levels: &fitted,
        counts: (!tally.by_rule.is_empty()).then_some(counts.as_str()),
    };
    let written = match crate::config::write_learned(&path, &learned) {
        Ok(written) => written,
        Err(err) => {
            eprintln!("error: {err}");
            return Ok(ExitCode::from(TROUBLE));
        }
    };
    let mut out = std::io::stdout().lock();
    for (layout, groups) in &layouts_used {
        writeln!(
            out,
            "layout: {layout}, {}",
            report::plural(*groups, "group", "groups")
        )?;
    }
    let ranked = tally.rules_ranked();
    if !ranked.is_empty() {
        let listed: Vec<String> = ranked.iter().map(|(r, n)| format!("{r} {n}")).collect();
        writeln!(
            out,
            "findings today: {} (`loclint check --statistics` for each locale)",
            listed.join(", ")
        )?;
    }
    for fitted in &fitted {
        writeln!(
            out,
            "{}: {} as a warning ({})",
            fitted.locale,
            fitted.rule,
            fitted.why()
        )?;
    }
    for (locale, habits) in &practised {
        let listed: Vec<String> = habits.iter().map(ToString::to_string).collect();
        writeln!(out, "{locale}: {}", listed.join(", "))?;
    }
    writeln!(
        out,
        "{} {}: {} in {}, learned from {}",
        if written.updated { "updated" } else { "wrote" },
        path.display(),
        report::plural(written.habits, "habit", "habits"),
        report::plural(written.locales, "locale", "locales"),
        report::plural(translations, "translation", "translations"),
    )?;
    if args.baseline.is_none() {
        let errors = tally.errors_left(&fitted);
        if errors > 0 {
            writeln!(
                out,
                "`loclint check` fails on {} today; to turn loclint on before they are fixed, \
                 record them: `loclint init --baseline loclint-baseline.json`",
                report::plural(errors, "error", "errors")
            )?;
        }
    }
    Ok(ExitCode::from(if outcome.problems.is_empty() {
        CLEAN
    } else {
        TROUBLE
    }))
}

/// What loclint says when the paths hold no article group: what it found and what it tried.
/// The article groups under `paths` (the current folder when none is given), or `None` when
/// there are none, having said which layouts were tried (`init`, `terms`).
fn discover_groups(paths: &[PathBuf], settings: &Settings) -> Option<discover::Discovery> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let discovery = discover::discover(&paths, settings);
    if discovery.groups.is_empty() {
        eprintln!("{}", nothing_found(&discovery, &paths));
        return None;
    }
    Some(discovery)
}

fn nothing_found(discovery: &discover::Discovery, paths: &[PathBuf]) -> String {
    let places: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let found = match discovery.files_found {
        0 => "no article file (.md, .mdx, .markdown, .txt)".to_string(),
        1 => "1 article file, but no translation beside its source".to_string(),
        n => format!("{n} article files, but no translation beside a source"),
    };
    let mut message = format!(
        "loclint found {found} under {}; it looked for these layouts:",
        places.join(", ")
    );
    for layout in &discovery.layouts_tried {
        message.push_str(&format!("\n  - {layout}"));
    }
    message.push_str(
        "\nname the source with `--source FILE`, or describe the layout with [[layout]] in \
         loclint.toml",
    );
    message
}

fn problem_line(problem: &discover::Problem) -> String {
    let path = problem.path.display().to_string();
    if problem.message.starts_with(&path) {
        problem.message.clone()
    } else {
        format!("{path}: {}", problem.message)
    }
}

fn load_settings(args: &CheckArgs) -> Result<Settings, discover::Problem> {
    load_settings_from(args.config.as_ref(), args.no_config)
}

fn load_settings_from(
    config: Option<&PathBuf>,
    no_config: bool,
) -> Result<Settings, discover::Problem> {
    if no_config {
        return Ok(Settings::default());
    }
    let path = match config {
        Some(path) => Some(path.clone()),
        None => {
            let cwd = std::env::current_dir().map_err(|e| discover::Problem {
                path: PathBuf::from("."),
                message: format!("cannot read the current folder: {e}"),
            })?;
            Settings::discover(&cwd)
        }
    };
    match path {
        Some(path) => Settings::load(&path).map_err(|err| discover::Problem {
            path: err.path.clone(),
            message: format!(
                "{err}\n  nothing was checked; fix the configuration, or run with --no-config to \
                 ignore it"
            ),
        }),
        None => Ok(Settings::default()),
    }
}
