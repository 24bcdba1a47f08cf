//! Inline suppressions: comments in a translation that silence findings, read once per file
//! into line ranges and applied after every rule has run.
//!
//! ```markdown
//! <!-- loclint-disable untranslated-text -- product names in this table -->
//! ...
//! <!-- loclint-enable untranslated-text -->
//! <!-- loclint-disable-next-line spacing -->
//! <!-- loclint-disable-file structure-mismatch -->
//! {/* loclint-disable-next-line repeated-word */}   (MDX)
//! ```
//!
//! A directive with no rule silences every rule. A directive that silences nothing, or names a
//! rule that does not exist, is itself reported (`unused-suppression`): a stale exception must
//! not hide the next real defect.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::{BlockKind, Document, MaskKind};
use crate::finding::Finding;
use crate::rules;
use crate::source::SourceFile;

/// `<!-- loclint-… -->` and MDX's `{/* loclint-… */}`.
static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"(?s)(?:<!--|\{/\*)[ \t]*loclint-(disable-next-line|disable-file|disable|enable)\b(.*?)(?:-->|\*/\})",
    )
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
    File,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Disable => "loclint-disable",
            Kind::Enable => "loclint-enable",
            Kind::NextLine => "loclint-disable-next-line",
            Kind::File => "loclint-disable-file",
        }
    }
}

/// One comment as written.
#[derive(Debug)]
struct Directive {
    kind: Kind,
    /// The rules named; empty for all of them.
    rules: Vec<String>,
    /// The comment, in the file.
    range: Range<usize>,
}

/// Lines where one rule (or every rule) is silenced, and the directive that silenced them.
#[derive(Debug)]
struct Silence {
    directive: usize,
    rule: Option<String>,
    lines: Range<usize>,
    used: bool,
}

/// A file's suppressions.
#[derive(Debug, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
    silences: Vec<Silence>,
    /// `loclint-enable` directives that ended no silence.
    idle_enables: Vec<usize>,
}

impl Suppressions {
    /// Reads the directives of `file`. Comments inside code (an example of loclint's own
    /// syntax in a code block or a code span) are text, not directives.
    pub fn read(file: &SourceFile, document: &Document) -> Suppressions {
        let mut found = Suppressions::default();
        if !file.text.contains("loclint-") {
            return found;
        }
        let code: Vec<Range<usize>> = document
            .blocks
            .iter()
            .flat_map(|block| {
                let whole = (block.kind == BlockKind::Code).then(|| block.range.clone());
                let spans = block
                    .masks
                    .iter()
                    .filter(|m| m.kind == MaskKind::InlineCode)
                    .map(|m| block.file_range(m.range.clone()));
                whole.into_iter().chain(spans)
            })
            .collect();
        for caps in DIRECTIVE.captures_iter(&file.text) {
            let Some(whole) = caps.get(0) else { continue };
            if code
                .iter()
                .any(|c| c.start <= whole.start() && whole.end() <= c.end)
            {
                continue;
            }
            let kind = match &caps[1] {
                "disable-next-line" => Kind::NextLine,
                "disable-file" => Kind::File,
                "disable" => Kind::Disable,
                _ => Kind::Enable,
            };
            // `RULE, RULE -- why`: the reason is for readers.
            let body = caps[2].split(" --").next().unwrap_or_default();
            let rules = body
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect();
            found.directives.push(Directive {
                kind,
                rules,
                range: whole.range(),
            });
        }
        found.silence(file);
        found
    }

    /// Turns directives into silenced line ranges.
    fn silence(&mut self, file: &SourceFile) {
        let last_line = file.lines.line_count();
        let line_of = |offset: usize| file.lines.line_of(offset);
        // Open `loclint-disable` silences, by index into `silences`.
        let mut open: Vec<usize> = Vec::new();
        for (n, directive) in self.directives.iter().enumerate() {
            let first = line_of(directive.range.start);
            let targets: Vec<Option<String>> = if directive.rules.is_empty() {
                vec![None]
            } else {
                directive.rules.iter().cloned().map(Some).collect()
            };
            match directive.kind {
                Kind::File => self
                    .silences
                    .extend(targets.into_iter().map(|rule| Silence {
                        directive: n,
                        rule,
                        lines: 1..last_line + 1,
                        used: false,
                    })),
                Kind::NextLine => {
                    // The next line with text on it: Markdown may want a blank line between.
                    let after = line_of(directive.range.end.saturating_sub(1)) + 1;
                    let line = (after..=last_line)
                        .find(|&l| !file.line_text(l).trim().is_empty())
                        .unwrap_or(after);
                    self.silences
                        .extend(targets.into_iter().map(|rule| Silence {
                            directive: n,
                            rule,
                            lines: line..line + 1,
                            used: false,
                        }));
                }
                Kind::Disable => {
                    for rule in targets {
                        open.push(self.silences.len());
                        self.silences.push(Silence {
                            directive: n,
                            rule,
                            lines: first..last_line + 1,
                            used: false,
                        });
                    }
                }
                Kind::Enable => {
                    let before = open.len();
                    open.retain(|&s| {
                        let silence = &mut self.silences[s];
                        let ends = directive.rules.is_empty()
                            || silence
                                .rule
                                .as_ref()
                                .is_some_and(|r| directive.rules.contains(r));
                        if ends {
                            silence.lines.end = first + 1;
                        }
                        !ends
                    });
                    if open.len() == before {
                        self.idle_enables.push(n);
                    }
                }
            }
        }
    }

    /// Whether a directive silences `rule` on `line`; the directive counts as used. For
    /// findings that come after the file's check (a comparison across translations).
    pub fn silences(&mut self, rule: &str, line: usize) -> bool {
        let mut silenced = false;
        for silence in &mut self.silences {
            if silence.lines.contains(&line) && silence.rule.as_deref().is_none_or(|r| r == rule) {
                silence.used = true;
                silenced = true;
            }
        }
        silenced
    }

    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// Drops the findings a directive silences, then adds one `unused-suppression` finding for
    /// each directive (or rule named in one) that silenced nothing. `active` says whether a rule
    /// ran on this file: a suppression of a rule switched off is not reported as unused.
    pub fn apply(
        &mut self,
        file: &SourceFile,
        findings: &mut Vec<Finding>,
        active: impl Fn(&str) -> bool,
    ) {
        if self.is_empty() {
            return;
        }
        // A sweep down the lines: each silence enters once, when its first line comes, and is
        // marked used at most once, so many directives and many findings cost their sum, not
        // their product.
        let lines: Vec<usize> = findings
            .iter()
            .map(|f| file.lines.line_of(f.range.start))
            .collect();
        let mut order: Vec<usize> = (0..findings.len()).collect();
        order.sort_by_key(|&i| lines[i]);
        let mut by_start: Vec<usize> = (0..self.silences.len()).collect();
        by_start.sort_by_key(|&s| self.silences[s].lines.start);
        // By rule (`None`: every rule): the furthest end of the silences entered so far, and
        // those not marked used yet.
        let mut entered: HashMap<Option<String>, (usize, Vec<usize>)> = HashMap::new();
        let mut silenced = vec![false; findings.len()];
        let mut next = 0;
        for &i in &order {
            let line = lines[i];
            while let Some(&s) = by_start
                .get(next)
                .filter(|&&s| self.silences[s].lines.start <= line)
            {
                let silence = &self.silences[s];
                let (end, pending) = entered.entry(silence.rule.clone()).or_default();
                *end = (*end).max(silence.lines.end);
                pending.push(s);
                next += 1;
            }
            for key in [Some(findings[i].rule.to_string()), None] {
                let Some((end, pending)) = entered.get_mut(&key) else {
                    continue;
                };
                if *end > line {
                    silenced[i] = true;
                    // Those still open cover this line; those closed before it never will.
                    for s in pending.drain(..) {
                        if self.silences[s].lines.end > line {
                            self.silences[s].used = true;
                        }
                    }
                }
            }
        }
        let mut index = 0;
        findings.retain(|_| {
            index += 1;
            !silenced[index - 1]
        });
        if !active(rules::UNUSED_SUPPRESSION.id) {
            return;
        }
        for (n, directive) in self.directives.iter().enumerate() {
            let written = directive_text(directive);
            if directive.kind == Kind::Enable {
                if self.idle_enables.contains(&n) {
                    findings.push(unused(
                        directive,
                        format!("`{written}` ends no `loclint-disable` before it"),
                        "remove it, or name the rule a `loclint-disable` above silences",
                    ));
                }
                continue;
            }
            if directive.rules.is_empty() {
                let used = self.silences.iter().any(|s| s.directive == n && s.used);
                if !used {
                    findings.push(unused(
                        directive,
                        format!("`{written}` suppresses nothing"),
                        "remove it: nothing it covers is reported",
                    ));
                }
                continue;
            }
            for rule in &directive.rules {
                if rules::find(rule).is_none() {
                    let known: Vec<&str> = rules::ids().collect();
                    findings.push(unused(
                        directive,
                        format!("unknown rule `{rule}` in `{written}`"),
                        format!("name one of: {}", known.join(", ")),
                    ));
                    continue;
                }
                let used = self
                    .silences
                    .iter()
                    .any(|s| s.directive == n && s.used && s.rule.as_deref() == Some(rule));
                if !used && active(rule) {
                    findings.push(unused(
                        directive,
                        format!("`{written}` suppresses nothing for `{rule}`"),
                        format!("remove `{rule}` from it: nothing it covers is reported"),
                    ));
                }
            }
        }
    }
}

fn directive_text(directive: &Directive) -> String {
    if directive.rules.is_empty() {
        directive.kind.name().to_string()
    } else {
        format!("{} {}", directive.kind.name(), directive.rules.join(", "))
    }
}

fn unused(directive: &Directive, message: String, fix: impl Into<String>) -> Finding {
    Finding::new(&rules::UNUSED_SUPPRESSION, directive.range.clone(), message).fix(fix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn finding(file: &SourceFile, rule: &'static str, line: usize) -> Finding {
        let start = file.lines.line_start(line);
        Finding {
            rule,
            severity: Severity::Error,
            range: start..start + 1,
            message: String::new(),
            source: None,
            related: Vec::new(),
            fix: None,
            habit: None,
        }
    }

    /// The findings left, as (rule, line, message).
    fn applied(text: &str, reported: &[(&'static str, usize)]) -> Vec<(String, usize, String)> {
        let file = SourceFile::new("fr.md", text);
        let document = crate::document::Document::parse(&file, crate::document::Format::Markdown);
        let mut suppressions = Suppressions::read(&file, &document);
        let mut findings: Vec<Finding> = reported
            .iter()
            .map(|&(rule, line)| finding(&file, rule, line))
            .collect();
        suppressions.apply(&file, &mut findings, |_| true);
        findings
            .iter()
            .map(|f| {
                (
                    f.rule.to_string(),
                    file.lines.line_of(f.range.start),
                    f.message.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn next_line_silences_the_next_line_with_text() {
        let text = "# Titre\n\n<!-- loclint-disable-next-line spacing -- voulu -->\n\nUn paragraphe .\n\nUn autre .\n";
        let left = applied(text, &[("spacing", 5), ("spacing", 7)]);
        assert_eq!(left, vec![("spacing".to_string(), 7, String::new())]);
    }

    #[test]
    fn disable_until_enable_for_the_rules_named() {
        let text = "<!-- loclint-disable spacing, repeated-word -->\nA\n<!-- loclint-enable spacing -->\nB\n";
        let left = applied(
            text,
            &[
                ("spacing", 2),
                ("repeated-word", 2),
                ("spacing", 4),
                ("repeated-word", 4),
            ],
        );
        assert_eq!(left, vec![("spacing".to_string(), 4, String::new())]);
    }

    #[test]
    fn overlapping_silences_are_each_used_and_a_closed_one_is_not() {
        let text = "<!-- loclint-disable spacing -->\nA\n<!-- loclint-disable-next-line spacing -->\nB\n<!-- loclint-enable spacing -->\nC\n<!-- loclint-disable-next-line repeated-word -->\nD\nE\n";
        // Line 4 is covered twice; line 9's finding comes after the next-line silence of 8.
        let left = applied(text, &[("spacing", 4), ("repeated-word", 9)]);
        assert_eq!(
            left,
            vec![
                ("repeated-word".to_string(), 9, String::new()),
                (
                    "unused-suppression".to_string(),
                    7,
                    "`loclint-disable-next-line repeated-word` suppresses nothing for `repeated-word`"
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn mdx_comments_and_whole_files() {
        let text = "{/* loclint-disable-file */}\n\nA\n\nB\n";
        assert!(applied(text, &[("spacing", 3), ("structure-mismatch", 5)]).is_empty());
    }

    #[test]
    fn unused_and_unknown_suppressions_are_reported() {
        let text = "<!-- loclint-disable-next-line spacing, no-such-rule -->\nA\n<!-- loclint-enable -->\n";
        let left = applied(text, &[]);
        let messages: Vec<&str> = left.iter().map(|(_, _, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "`loclint-disable-next-line spacing, no-such-rule` suppresses nothing for `spacing`",
                "unknown rule `no-such-rule` in `loclint-disable-next-line spacing, no-such-rule`",
                "`loclint-enable` ends no `loclint-disable` before it",
            ]
        );
        assert!(left
            .iter()
            .all(|(rule, line, _)| rule == "unused-suppression" && *line != 2));
    }

    #[test]
    fn comments_inside_code_are_text() {
        let text = "Write `<!-- loclint-disable spacing -->` above it:\n\n```markdown\n<!-- loclint-disable-file -->\n```\n\nA .\n";
        let left = applied(text, &[("spacing", 7)]);
        assert_eq!(left, vec![("spacing".to_string(), 7, String::new())]);
    }
}
