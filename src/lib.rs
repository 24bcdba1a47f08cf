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

#![forbid(unsafe_code)]
// Input must never panic loclint: library code handles what it is given, and states its own
// invariants where it relies on them.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

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

/// A regex from a pattern written in loclint's code, compiled once where it is used. The
/// pattern is a literal, so its validity is the code's, proven by the tests that run it, not
/// the input's.
#[allow(clippy::expect_used)]
pub(crate) fn static_regex(pattern: &'static str) -> regex::Regex {
    regex::Regex::new(pattern).expect("a pattern of loclint's own is valid")
}
