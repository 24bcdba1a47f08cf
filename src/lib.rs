//! loclint: a linter for translated articles.
//!
//! The pipeline, one module a stage:
//! [`changes`] (what a change touched, asked of git, for `--changed-since`) -> [`discover`] (paths to article groups) -> [`source`] (read, decode, line index) ->
//! [`document`] (parse into blocks, prepare tokens and anchors) -> [`align`] (translation blocks
//! to source blocks) -> [`evidence`] (what the group and the locale say) -> [`terms`] (glossaries, term matching
//! by script, renderings learned over aligned blocks) -> [`rules`] (one file
//! a rule, over a shared context) -> [`suppress`] (inline suppressions in a translation's
//! comments) -> [`check`] (the run, in parallel, with configured severities and the locales'
//! practice) -> [`baseline`] (findings already known, left out) -> [`report`] (one module a
//! format). [`init`] reads a run to propose a configuration.

pub mod align;
pub mod atomic_file;
pub mod baseline;
pub mod changes;
pub mod check;
pub mod cli;
pub mod config;
pub mod discover;
pub mod document;
pub mod evidence;
pub mod finding;
pub mod init;
pub mod locale;
pub mod report;
pub mod rules;
pub mod source;
pub mod stable_hash;
pub mod suppress;
pub mod terms;
