//! What rules report.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::Serialize;

use crate::evidence::Habit;
use crate::rules::RuleInfo;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`, so that `{:<8}` aligns columns.
        f.pad(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}`: use `error` or `warning`"
            )),
        }
    }
}

/// Another place in the same file that a finding points to (the first copy of a duplicated run).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub range: Range<usize>,
    pub note: String,
}

/// One defect. Ranges are byte ranges: `range` in the checked file, `source` in the group's
/// source file. Messages are short phrases without a trailing period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub range: Range<usize>,
    pub message: String,
    pub source: Option<Range<usize>>,
    pub related: Vec<Related>,
    /// A one-line fix, for example "replace `.` with `।`".
    pub fix: Option<String>,
    /// The writing habit the finding depends on: it is dropped when the locale practises it.
    pub habit: Option<Habit>,
}

/// A file's findings in position order (then rule): how every output lists them.
pub fn sort_in_position_order(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.range.start, a.rule, a.range.end).cmp(&(b.range.start, b.rule, b.range.end))
    });
}

impl Finding {
    pub fn new(rule: &RuleInfo, range: Range<usize>, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.id,
            severity: rule.default_severity,
            range,
            message: message.into(),
            source: None,
            related: Vec::new(),
            fix: None,
            habit: None,
        }
    }

    /// Marks the finding as depending on `habit`: it stands unless the locale practises it.
    pub fn habit(mut self, habit: Habit) -> Self {
        self.habit = Some(habit);
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn source(mut self, range: Range<usize>) -> Self {
        self.source = Some(range);
        self
    }

    pub fn related(mut self, range: Range<usize>, note: impl Into<String>) -> Self {
        self.related.push(Related {
            range,
            note: note.into(),
        });
        self
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }
}
