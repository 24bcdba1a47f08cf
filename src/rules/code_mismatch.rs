use std::collections::{HashMap, HashSet};

use similar::{capture_diff_slices, get_diff_ratio, Algorithm, DiffOp};

use crate::document::{
    code_tokens, percent_decoded, Block, BlockKind, CodeToken, CodeTokenKind, MaskKind,
};
use crate::finding::{Finding, Severity};
use crate::source::SourceFile;

use super::{Context, Rule, RuleInfo};

pub struct CodeMismatch;

static INFO: RuleInfo = RuleInfo {
    id: "code-mismatch",
    default_severity: Severity::Error,
    summary: "Code of the source changed in its translation: a command, an option, a value",
    needs_source: true,
    docs: r#"## What it finds

A code block, or an inline code span of a sentence, whose code the translation changed: an
option misspelt (`--forse` for `--force`), a value or version left as it was before the source
changed, a command edited by hand.

Code is compared token by token, without what a translation may change:
- comments (`#`, `//`, `/* */`, `<!-- -->`) and string literals (`"…"`, `'…'`, `` `…` ``),
  but not an object's keys (`"includes":`);
- placeholders a reader replaces (`{{path/to/file}}`, `<your-name>`, `<ID OF THE PR>`, `{verb}`)
  compare by shape only; option placeholders (`{{[-v|--verbose]}}`, `{{-x}}`) and option names
  compare exactly;
- names the translator translated: a name written in the translation's letters (`Formaté`), or
  made of words its prose uses, inflected too (`nombre-de-tu-rama`, `datei.txt`,
  `/nejaky/jiny/adresar`); `latest` where the source has `main` is a change;
- spacing, line breaks, a quotation mark left unclosed, the closing slash of an empty
  element (`<img … />` and `<img … >`), and a comma before a closing bracket;
- a full stop, comma or colon of the sentence caught inside an inline code span (`otel.`,
  `traces:`).

Not compared:
- a code block whose translation holds translated words outside comments and strings (output
  or pseudo-code the translator translated), or whose language is text (`text`, `txt`,
  `plaintext`, `output`, `console`, `log`, `markdown`);
- a code block rewritten beyond recognition (under 60% of its tokens in common): another
  example, or another block paired with it;
- a code block that a source code block nearby (six blocks on either side) matches as well, when
  nothing else answers that block: two settings of one file may have been paired crosswise;
- a code block of more than 4,000 tokens, and a sentence with more than 64 code spans changed;
- an inline code span whose translation differs by more than an edit (`Save` translated in a
  label), or is found in the block beside (unless what stands instead is a slip of it that the
  source never writes: `--vxerbose` for `--verbose`);
- the reader's locale code where the source writes a placeholder for it (`layouts/xx` as
  `layouts/pt` in Portuguese), and a minus sign typeset in a formula (`252 − 105`);
- a file name of the translation's locale (`README.ja.md`, `README-pl.md` for `README.md`), and a
  type name without the plural a language does not mark (`Histogram` for `Histograms`).

One finding per code block, at its first difference, counting the others.

## Why it matters

Readers copy code. A command that differs from the source's fails, or does something else, and
nothing in the translated text hints at it; most often the source fixed or updated the command
and the translation kept the old one.

## Example

````text
source:      ```sh
             kubectl scale deployment web --replicas=3 --force
             ```
translation: ```sh
             kubectl scale deployment web --replicas=3 --forse
             ```
````

`--forse` is reported: the source has `--force`.

## How to fix

Copy the code from the source; translate only its comments and the strings meant for readers.
"#,
};

/// Past this many tokens, a block is not compared: a diff of two large, different blocks costs
/// the product of their sizes (here at most 16 million steps).
const MAX_TOKENS: usize = 4_000;

/// How many blocks on either side of a code block's counterpart are searched for a better one.
const NEARBY: usize = 6;

/// Languages of code blocks whose content is text: output, logs, prose.
const TEXT_LANGUAGES: &[&str] = &[
    "text",
    "txt",
    "plaintext",
    "plain",
    "output",
    "console",
    "log",
    "md",
    "markdown",
    "mdx",
];

impl Rule for CodeMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let Some(source) = &ctx.source else {
            return;
        };
        let own_words = OwnWords::of(ctx);
        let paired_sources: HashSet<usize> = source
            .alignment
            .pairs
            .iter()
            .filter(|p| p.target.is_some())
            .filter_map(|p| p.source)
            .collect();
        let same_name = |a: &str, b: &str| own_copy(a, b, ctx);
        // Any pair of code blocks: a changed command is what makes the aligner unsure of it, and
        // a pair of different code is told by how few tokens the blocks share.
        for pair in &source.alignment.pairs {
            let (Some(s), Some(t)) = (pair.source, pair.target) else {
                continue;
            };
            if ctx.is_duplicate_copy(t) {
                continue;
            }
            let (sb, tb) = (&source.document.blocks[s], &ctx.document.blocks[t]);
            if sb.kind != BlockKind::Code || tb.kind != BlockKind::Code {
                continue;
            }
            // A source code block nearby that the translated block matches better is its real
            // counterpart: the aligner paired two similar blocks (two settings of one file).
            let nearby =
                s.saturating_sub(NEARBY)..(s + NEARBY + 1).min(source.document.blocks.len());
            let others: Vec<(&Block, bool)> = nearby
                .filter(|&n| n != s)
                .filter(|&n| source.document.blocks[n].kind == BlockKind::Code)
                .map(|n| (&source.document.blocks[n], !paired_sources.contains(&n)))
                .collect();
            let sides = Sides {
                source_file: source.file,
                target_file: ctx.file,
                same_name: &same_name,
                own_words: &own_words,
            };
            compare_blocks(sb, tb, &others, &sides, findings);
        }
        // Pairs in place, not only sure ones: a changed option is what makes a pair unsure.
        let source_spans = SourceSpans::new();
        for (s, t) in ctx.pairs_in_place() {
            let (sb, tb) = (&source.document.blocks[s], &ctx.document.blocks[t]);
            if !sb.kind.is_prose() || sb.kind != tb.kind {
                continue;
            }
            let beside = ctx.blocks_beside(t);
            let source_side = (source.document.blocks.as_slice(), &source_spans);
            compare_spans(sb, tb, &beside, source_side, ctx, &own_words, findings);
        }
    }
}

/// The language a fenced code block names (```` ```sh ````), lower case.
fn fence_language(file: &SourceFile, block: &Block) -> Option<String> {
    let text = file.text.get(block.range.clone())?;
    let first = text.lines().next()?.trim_start();
    let info = first
        .strip_prefix("```")
        .or_else(|| first.strip_prefix("~~~"))?
        .trim_start_matches(['`', '~'])
        .trim();
    let language = info
        .split(|c: char| c.is_whitespace() || c == '{' || c == ',')
        .next()?
        .trim_start_matches('.')
        .to_ascii_lowercase();
    (!language.is_empty()).then_some(language)
}

/// A token as compared: what a translation may change reduced to its shape.
fn compared<'a>(token: &CodeToken, code: &'a str) -> Option<&'a str> {
    let text = token.text(code);
    match token.kind {
        CodeTokenKind::Comment => None,
        CodeTokenKind::String => Some("\"\""),
        CodeTokenKind::Placeholder => {
            let inner = text
                .trim_start_matches(['{', '<'])
                .trim_end_matches(['}', '>'])
                .trim();
            if inner.starts_with('-') || inner.starts_with("[-") {
                Some(text)
            } else {
                Some("{{}}")
            }
        }
        CodeTokenKind::Word | CodeTokenKind::Punct => Some(text),
    }
}

struct Compared<'a> {
    tokens: Vec<CodeToken>,
    forms: Vec<&'a str>,
}

fn prepare(code: &str) -> Compared<'_> {
    // Comments may be translated; a quote left unclosed (`parent-span"`) is a slip of either
    // side's prose, not code.
    let tokens: Vec<CodeToken> = code_tokens(code)
        .into_iter()
        .filter(|t| t.kind != CodeTokenKind::Comment)
        .filter(|t| !(t.kind == CodeTokenKind::Punct && matches!(t.text(code), "\"" | "'" | "`")))
        .collect();
    // `<img … />` and `<img … >` are one tag: the closing slash of an empty element is a
    // formatter's choice, as is a comma before a closing bracket (`100,\n}`, `…,\n)`).
    let tokens: Vec<CodeToken> = tokens
        .iter()
        .enumerate()
        .filter(|&(n, t)| {
            let next = tokens.get(n + 1).map(|next| next.text(code));
            !(t.text(code) == "/" && next == Some(">")
                || t.text(code) == ","
                    && next.is_some_and(|next| next.starts_with([')', ']', '}'])))
        })
        .map(|(_, t)| t.clone())
        .collect();
    let forms = tokens
        .iter()
        .enumerate()
        .filter_map(|(n, t)| {
            // A string before a colon is an object's key (`"includes": […]` in JSON): code,
            // which no translation changes.
            let is_key = t.kind == CodeTokenKind::String
                && tokens.get(n + 1).is_some_and(|next| next.text(code) == ":");
            if is_key {
                Some(t.text(code))
            } else {
                compared(t, code)
            }
        })
        .map(|form| if form == "/>" { ">" } else { form })
        .collect();
    Compared { tokens, forms }
}

/// What comparing a pair of code blocks reads beside the blocks.
struct Sides<'a> {
    source_file: &'a SourceFile,
    target_file: &'a SourceFile,
    /// Whether two file names are one file, the second the translation's copy.
    same_name: &'a dyn Fn(&str, &str) -> bool,
    own_words: &'a OwnWords<'a>,
}

/// The most file names of a code block looked for among the translation's own copies.
const MAX_RENAMED_FILES: usize = 32;

fn compare_blocks(
    source: &Block,
    target: &Block,
    others: &[(&Block, bool)],
    sides: &Sides,
    findings: &mut Vec<Finding>,
) {
    let (source_file, target_file, same_name, own_words) = (
        sides.source_file,
        sides.target_file,
        sides.same_name,
        sides.own_words,
    );
    for language in [
        fence_language(source_file, source),
        fence_language(target_file, target),
    ]
    .into_iter()
    .flatten()
    {
        if TEXT_LANGUAGES.contains(&language.as_str()) {
            return;
        }
    }
    let ours = prepare(&source.text);
    let theirs = prepare(&target.text);
    if ours.forms == theirs.forms
        || ours.forms.len() > MAX_TOKENS
        || theirs.forms.len() > MAX_TOKENS
    {
        return;
    }
    // Words the translation wrote in its own language, outside comments and strings: output or
    // pseudo-code translated on purpose.
    let translated = theirs
        .forms
        .iter()
        .any(|form| !form.is_ascii() && !ours.forms.contains(form));
    if translated {
        return;
    }
    if !may_match(&ours.forms, &theirs.forms) {
        return;
    }
    // `README-pl.md` for `README.md`, even inside a URL: the translation's own copy of a file is
    // the source's file, so that a change beside it is told alone.
    let source_forms: HashSet<&str> = ours.forms.iter().copied().collect();
    let source_only: Vec<&str> = {
        let target_forms: HashSet<&str> = theirs.forms.iter().copied().collect();
        let mut names: Vec<&str> = ours
            .forms
            .iter()
            .copied()
            .filter(|f| f.contains(['.', '/']) && !target_forms.contains(f))
            .collect();
        // Each is compared with each new form: a block of many new names is left as it is.
        names.truncate(MAX_RENAMED_FILES);
        names
    };
    let their_forms: Vec<&str> = theirs
        .forms
        .iter()
        .map(|&form| {
            if source_forms.contains(form) {
                return form;
            }
            source_only
                .iter()
                .copied()
                .find(|&s| same_name(s, form))
                .unwrap_or(form)
        })
        .collect();
    let ops = capture_diff_slices(Algorithm::Myers, &ours.forms, &their_forms);
    let ratio = get_diff_ratio(&ops, ours.forms.len(), their_forms.len());
    if ratio < 0.6 {
        return;
    }
    let better_elsewhere = others.iter().any(|(other, unpaired)| {
        let forms = prepare(&other.text).forms;
        forms.len() <= MAX_TOKENS && may_match(&forms, &theirs.forms) && {
            let ops = capture_diff_slices(Algorithm::Myers, &forms, &theirs.forms);
            let theirs_ratio = get_diff_ratio(&ops, forms.len(), theirs.forms.len());
            // As good a match that nothing else answers is as good a counterpart: the pair
            // is not sure.
            theirs_ratio > ratio || (*unpaired && theirs_ratio >= ratio)
        }
    });
    if better_elsewhere {
        return;
    }
    let changes: Vec<&DiffOp> = ops
        .iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .filter(|op| {
            let (old, new) = (&ours.forms[op.old_range()], &their_forms[op.new_range()]);
            // `README-pl.md` for `README.md`: the translation's own copy of a file.
            let own_copy = matches!((old, new), ([a], [b]) if same_name(a, b));
            !is_translated_name(old, new, own_words) && !own_copy
        })
        .collect();
    let Some(first) = changes.first() else {
        return;
    };
    let (old, new) = (first.old_range(), first.new_range());
    let span = |c: &Compared, range: std::ops::Range<usize>| -> Option<std::ops::Range<usize>> {
        if range.is_empty() {
            return None;
        }
        let first = c.tokens.get(range.start)?;
        let last = c.tokens.get(range.end - 1)?;
        Some(first.range.start..last.range.end)
    };
    let source_span = span(&ours, old.clone());
    let target_span = span(&theirs, new.clone());
    let more = match changes.len() - 1 {
        0 => String::new(),
        1 => " (and 1 more difference in this block)".to_string(),
        n => format!(" (and {n} more differences in this block)"),
    };
    let quoted = |text: &str| {
        let line = text.lines().next().unwrap_or("");
        if line.chars().count() > 60 {
            format!("{}…", line.chars().take(60).collect::<String>())
        } else {
            line.to_string()
        }
    };
    // Where each side's change stands: its tokens, or the point between two tokens. Code that
    // the other side has on a line of its own stands before the next token; code that ends a
    // line there (a dropped last option) after the token before it, on that line.
    let on_own_line =
        |c: &Compared, text: &str, span: &Option<std::ops::Range<usize>>, at: usize| {
            let Some(span) = span else { return true };
            let before = at.checked_sub(1).and_then(|b| c.tokens.get(b));
            before.is_none_or(|t| text[t.range.end.min(span.start)..span.start].contains('\n'))
        };
    let point = |c: &Compared, at: usize, text_len: usize, own_line: bool| {
        let before = at.checked_sub(1).and_then(|b| c.tokens.get(b));
        let next = c.tokens.get(at);
        match (before, next) {
            (Some(b), Some(n)) if own_line => n.range.start.max(b.range.end),
            (Some(b), _) => b.range.end,
            (None, Some(n)) => n.range.start,
            (None, None) => 0,
        }
        .min(text_len)
    };
    let small = old.len() <= 3 && new.len() <= 3;
    let (at, message) = match (&source_span, &target_span) {
        (Some(s), Some(t)) if small => (
            t.clone(),
            format!(
                "code `{}` where the source has `{}`{more}",
                quoted(&target.text[t.clone()]),
                quoted(&source.text[s.clone()])
            ),
        ),
        _ => {
            // A larger change reads best as lines: the translation's line where it starts,
            // and the source's.
            let t = target_span.clone().unwrap_or_else(|| {
                let own_line = on_own_line(&ours, &source.text, &source_span, old.start);
                let p = point(&theirs, new.start, target.text.len(), own_line);
                p..p
            });
            let s_at = source_span.as_ref().map_or_else(
                || {
                    let own_line = on_own_line(&theirs, &target.text, &target_span, new.start);
                    point(&ours, old.start, source.text.len(), own_line)
                },
                |s| s.start,
            );
            let (target_line, source_line) =
                (line_at(&target.text, t.start), line_at(&source.text, s_at));
            let what = if target_span.is_none() {
                "code missing"
            } else if source_span.is_none() {
                "code added"
            } else {
                "code changed"
            };
            let message = match (&source_span, &target_span) {
                // What the translation lacks, quoted as the source has it.
                (Some(s), None) => format!(
                    "{what}: `{}` of the source is not here{more}",
                    quoted(&source.text[s.clone()])
                ),
                _ => format!(
                    "{what}: the line reads `{}` where the source's reads `{}`{more}",
                    quoted(target_line),
                    quoted(source_line)
                ),
            };
            (t, message)
        }
    };
    let mut finding = Finding::new(&INFO, target.file_range(at), message);
    if let Some(s) = source_span {
        finding = finding.source(source.file_range(s));
    }
    findings.push(finding.fix("copy the code from the source"));
}

/// Whether two token lists share enough tokens, in any order, for a diff to find them 60%
/// alike: counted in linear time, so that unlike blocks cost no diff.
fn may_match(a: &[&str], b: &[&str]) -> bool {
    let mut counts: std::collections::HashMap<&str, isize> = std::collections::HashMap::new();
    for token in a {
        *counts.entry(token).or_default() += 1;
    }
    let common = b
        .iter()
        .filter(|token| match counts.get_mut(*token) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count();
    2 * common * 10 >= 6 * (a.len() + b.len())
}

/// The line of `text` that holds byte `at`, trimmed.
fn line_at(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text[start..end].trim()
}

/// Whether a change replaces names by other names, none like another: `your-branch-name`
/// written `nombre-de-tu-rama`, `$file` written `$fichier`. Words a reader replaces, which the
/// translator translated; a changed option, value, path or version has digits, dots or dashes
/// in front, or stays close to the source's.
fn is_translated_name(old: &[&str], new: &[&str], own_words: &OwnWords) -> bool {
    if old.is_empty() || new.is_empty() || old.len() > 6 || new.len() > 6 {
        return false;
    }
    // Each token in pieces: names, and the separators of paths, keys and variables between
    // them (`/some/other/dir` and `/nejaky/jiny/adresar` have one shape).
    let pieces = |side: &[&str]| -> Vec<String> {
        let mut out = Vec::new();
        for (n, token) in side.iter().enumerate() {
            if n > 0 {
                out.push(" ".to_string());
            }
            let mut current = String::new();
            for c in token.chars() {
                if "/.:=$%@".contains(c) {
                    if !current.is_empty() {
                        out.push(std::mem::take(&mut current));
                    }
                    out.push(c.to_string());
                } else {
                    current.push(c);
                }
            }
            if !current.is_empty() {
                out.push(current);
            }
        }
        out
    };
    let is_name = |piece: &str| {
        piece.chars().next().is_some_and(char::is_alphabetic)
            && piece
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    };
    let decoded: Vec<String> = new.iter().map(|t| percent_decoded(t)).collect();
    let new: Vec<&str> = decoded.iter().map(String::as_str).collect();
    let (a, b) = (pieces(old), pieces(&new));
    let mut changed = 0;
    let same_shape = a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| {
            x == y || {
                changed += 1;
                // A name in the translation's letters (`Formaté`), or made of words its prose
                // uses (`nombre-de-tu-rama`, `datei`): `latest` for `main` in a Spanish page
                // is a value left behind, not a translation.
                own_words.is_own_locale_for(x, y)
                    || is_name(x)
                        && is_name(y)
                        && (x.is_ascii() && !y.is_ascii()
                            || own_words.holds(y) && own_words.weight(y) > own_words.weight(x))
            }
        });
    same_shape && changed > 0
}

/// The lowercase words of a translation's prose, without accents: what its translated names
/// are made of. Gathered on first use: most translations never ask.
struct OwnWords<'a> {
    document: &'a crate::document::Document,
    locale: &'a crate::locale::Locale,
    words: std::cell::OnceCell<std::collections::BTreeSet<String>>,
}

impl<'a> OwnWords<'a> {
    fn of(ctx: &Context<'a>) -> OwnWords<'a> {
        OwnWords {
            document: ctx.document,
            locale: ctx.locale,
            words: std::cell::OnceCell::new(),
        }
    }

    /// A locale code the source writes for the reader's own (`xx` or `en` in
    /// `layouts/_shortcodes/xx`), and the translation writes as its locale (`pt`).
    fn is_own_locale_for(&self, old: &str, new: &str) -> bool {
        let placeholder = old.eq_ignore_ascii_case("en")
            || old.len() == 2 && old.chars().all(|c| c.eq_ignore_ascii_case(&'x'));
        placeholder
            && crate::locale::Locale::parse(new)
                .is_some_and(|l| l.language().eq_ignore_ascii_case(self.locale.language()))
    }

    fn words(&self) -> &std::collections::BTreeSet<String> {
        self.words.get_or_init(|| {
            self.document
                .blocks
                .iter()
                .filter(|b| b.kind.is_prose())
                .flat_map(|b| b.words().map(|t| folded(t.text(&b.text))))
                .collect()
        })
    }

    /// Whether a name holds a word of the prose (`nombre` of `nombre-de-tu-rama`), inflected
    /// maybe (`adresar` for `adresáře`: a word of five letters or more, the same but for its
    /// last two).
    fn holds(&self, name: &str) -> bool {
        name_words(name).any(|w| {
            let w = folded(w);
            let chars: Vec<char> = w.chars().collect();
            if chars.len() < 3 {
                return false;
            }
            if chars.len() < 5 {
                return self.words().contains(&w);
            }
            let stem: String = chars[..chars.len() - 2].iter().collect();
            self.words()
                .range(stem.clone()..)
                .take_while(|word| word.starts_with(&stem))
                .any(|word| word.chars().count() <= chars.len() + 3)
                || self.compounds(&chars)
        })
    }

    /// Whether a name written as one word begins or ends with a word of the prose of four
    /// letters or more (`mujsoubor`, `miarchivo`, `andererhost`): two words run together, as
    /// command lines write names.
    fn compounds(&self, chars: &[char]) -> bool {
        (4..=chars.len().saturating_sub(2)).any(|n| {
            let head: String = chars[..n].iter().collect();
            let tail: String = chars[chars.len() - n..].iter().collect();
            self.words().contains(&head) || self.words().contains(&tail)
        })
    }
}

/// The words of a name: between dashes and underscores, and at a capital after a small letter
/// (`operacaoQueDeveriaFalhar`).
fn name_words(name: &str) -> impl Iterator<Item = &str> {
    name.split(['-', '_']).flat_map(|part| {
        let mut starts = vec![0];
        let mut previous_lower = false;
        for (i, c) in part.char_indices() {
            if c.is_uppercase() && previous_lower {
                starts.push(i);
            }
            previous_lower = c.is_lowercase();
        }
        starts.push(part.len());
        starts
            .windows(2)
            .map(|w| &part[w[0]..w[1]])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
    })
}

impl OwnWords<'_> {
    /// How much of a name the prose holds: 2 for each of its words the prose writes as it is,
    /// 1 for one it writes inflected (`jiny-prikaz` 4 in a Czech page, `other-command` 1).
    fn weight(&self, name: &str) -> usize {
        name_words(name)
            .map(|w| {
                if self.words().contains(&folded(w)) && w.chars().count() >= 3 {
                    2
                } else {
                    usize::from(self.holds(w))
                }
            })
            .sum()
    }
}

/// Lower case without accents: `nejaky` written for `nějaký` in code.
fn folded(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The inline code spans of a block, with their text.
fn spans(block: &Block) -> Vec<(std::ops::Range<usize>, &str)> {
    // One element's code broken over lines (`<kbd>Ctrl +` / `C</kbd>`) comes as pieces with
    // only a space between them: one span.
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for mask in block
        .masks
        .iter()
        .filter(|m| m.kind == MaskKind::InlineCode)
    {
        match merged.last_mut() {
            // Nothing hidden between them in the file: two spans of a link and the text
            // after it (`[`a.yml`](#a) `schedule``) are two.
            Some(last)
                if block.text[last.end..mask.range.start].trim().is_empty()
                    && last.end < mask.range.start
                    && block.file_range(mask.range.clone()).start
                        == block.file_range(last.clone()).end + (mask.range.start - last.end) =>
            {
                last.end = mask.range.end;
            }
            _ => merged.push(mask.range.clone()),
        }
    }
    merged
        .into_iter()
        .map(|range| (range.clone(), block.text[range].trim()))
        .filter(|(_, text)| !text.is_empty())
        .collect()
}

/// A code span as compared, spacing aside. A sentence's full stop, comma or colon caught inside
/// the span (`otel.`, `traces:`) is no code, and a minus sign (`252 − 105`) is the hyphen-minus
/// a formula typeset.
fn span_key(code: &str) -> String {
    let code = code.strip_suffix(['.', ',', ':']).unwrap_or(code);
    let code = code.replace('\u{2212}', "-");
    prepare(&code).forms.join(" ")
}

/// Every code span of the source, as compared: gathered on first use, once a translation.
type SourceSpans = std::cell::OnceCell<HashSet<String>>;

#[allow(clippy::too_many_arguments)]
fn compare_spans(
    source: &Block,
    target: &Block,
    beside: &[&Block],
    (source_blocks, source_spans): (&[Block], &SourceSpans),
    ctx: &Context,
    own_words: &OwnWords<'_>,
    findings: &mut Vec<Finding>,
) {
    let ours = spans(source);
    if ours.is_empty() {
        return;
    }
    let theirs = spans(target);
    // Each span's code as compared (spacing aside), computed once: lookups, not a comparison of
    // every span with every other.
    let key = span_key;
    let source_spans = || {
        source_spans.get_or_init(|| {
            source_blocks
                .iter()
                .flat_map(|b| spans(b))
                .map(|(_, c)| span_key(c))
                .collect()
        })
    };
    let ours_keys: std::collections::HashSet<String> = ours.iter().map(|(_, c)| key(c)).collect();
    // Kept spans are counted: a span the source writes twice and the translation once, beside
    // a slip of it (`--all` and `--axll`), is lost once.
    let mut kept: HashMap<String, usize> = HashMap::new();
    for (_, code) in &theirs {
        *kept.entry(key(code)).or_default() += 1;
    }
    // Two spans the source writes side by side (`` `http/json` `OTEL_…` ``) are read as one;
    // the translation may set words between them.
    for pair in theirs.windows(2) {
        *kept
            .entry(key(&format!("{} {}", pair[0].1, pair[1].1)))
            .or_default() += 1;
    }
    let beside_keys: std::collections::HashSet<String> = beside
        .iter()
        .flat_map(|b| spans(b))
        .map(|(_, c)| key(c))
        .collect();
    let lost: Vec<&(std::ops::Range<usize>, &str)> = ours
        .iter()
        .filter(|(_, code)| match kept.get_mut(&key(code)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect();
    // Past a few dozen spans lost, the blocks are not each other's: pairing the lost with the
    // added would cost the product of the two.
    if lost.is_empty() || lost.len() > 64 {
        return;
    }
    let mut added: Vec<&(std::ops::Range<usize>, &str)> = theirs
        .iter()
        .filter(|(_, code)| code.is_ascii() && !ours_keys.contains(&key(code)))
        .take(64)
        .collect();
    for (range, code) in lost {
        let Some(at) = added.iter().position(|(_, other)| {
            let (ours, theirs) = (prepare(code), prepare(other));
            let ops = capture_diff_slices(Algorithm::Myers, &ours.forms, &theirs.forms);
            // Only names translated (`${plik%.pdf}` for `${var%.pdf}`): the translator's.
            // Beside names translated, an option changed is still a change (`scp -p
            // miarchivo` for `scp -r myfile`).
            let mut translated = true;
            let mut options_changed = false;
            for op in ops.iter().filter(|op| !matches!(op, DiffOp::Equal { .. })) {
                let (old, new) = (&ours.forms[op.old_range()], &theirs.forms[op.new_range()]);
                if is_translated_name(old, new, own_words) {
                    continue;
                }
                translated = false;
                let option = |t: &&str| t.starts_with('-') && t.len() >= 2;
                options_changed |= old.len() == new.len()
                    && old
                        .iter()
                        .zip(new)
                        .any(|(o, n)| o != n && option(o) && option(n))
                    && old.iter().zip(new).all(|(o, n)| {
                        o == n
                            || option(o) && option(n)
                            || is_translated_name(&[o], &[n], own_words)
                    });
            }
            let options_changed = options_changed && !translated;
            // A span the blocks beside hold may have moved there (blocks split or paired
            // crosswise), unless what stands here instead is a slip of it that the source
            // never writes (`--vxerbose` for `--verbose`).
            let moved_beside =
                beside_keys.contains(&key(code)) && source_spans().contains(&key(other));
            !translated
                && (edited(code, other) || options_changed)
                && !own_copy(code, other, ctx)
                && !moved_beside
        }) else {
            continue;
        };
        let (other_range, other) = added.remove(at);
        findings.push(
            Finding::new(
                &INFO,
                target.file_range(other_range.clone()),
                format!("code `{other}` where the source has `{code}`"),
            )
            .source(source.file_range(range.clone()))
            .fix(format!("give the source's `{code}`")),
        );
    }
}

/// Whether two code spans differ by a small edit: a typo, a changed digit, a renamed option,
/// not another word.
fn edited(a: &str, b: &str) -> bool {
    // `Histogram` for `Histograms`: a language that does not mark the plural.
    // An option (`--replica` for `--replicas`) is code, whatever its grammar.
    let plural = |x: &str, y: &str| {
        x.starts_with(char::is_alphabetic)
            && y.strip_suffix('s').or_else(|| y.strip_suffix("es")) == Some(x)
    };
    if plural(a, b) || plural(b, a) {
        return false;
    }
    // A short option (`-nx` for `-n`) is as much code as a long one; other two-letter spans
    // are too short to tell an edit from another word.
    let option = |x: &str| x.starts_with('-') && x.is_ascii();
    let shortest = if option(a) && option(b) { 2 } else { 3 };
    let short = a.chars().count().min(b.chars().count());
    short >= shortest && similar::TextDiff::from_chars(a, b).ratio() >= 0.8
}

/// Whether `other` is `code`'s file for the translation: its localized copy in the same folder
/// (`README.md` and `README-pl.md`, `README.ja.md`), or the same path but for a locale segment
/// (`docs/en/x` and `docs/ja/x`).
fn own_copy(code: &str, other: &str, ctx: &Context) -> bool {
    let Some(source) = &ctx.source else {
        return false;
    };
    // A command (`ls -R` for `ls -r`) is neither a file's name nor an address.
    if code.contains(char::is_whitespace) || other.contains(char::is_whitespace) {
        return false;
    }
    fn split(v: &str) -> (&str, &str) {
        v.rsplit_once('/').unwrap_or(("", v))
    }
    let ((folder, name), (other_folder, other_name)) = (split(code), split(other));
    (folder == other_folder
        && ctx
            .settings
            .localized_names
            .same_file(name, source.locale, other_name, ctx.locale))
        || crate::document::link_target(code) == crate::document::link_target(other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::rules::test_support::check_file;

    const EN: &str = "# Scaling\n\nScale the deployment with `--replicas` and `--force`:\n\n```sh\n# scale the web tier\nkubectl scale deployment web --replicas=3 --force\necho \"done\"\n```\n\nThen read `README.md`.\n";

    fn findings_of(locale: &str, text: &str) -> Vec<(String, String)> {
        check_file(
            &CodeMismatch,
            &format!("{locale}.md"),
            locale,
            Some(EN),
            text,
            &Settings::default(),
        )
        .into_iter()
        .map(|f| (text[f.range.clone()].to_string(), f.message))
        .collect()
    }

    #[test]
    fn a_changed_option_in_a_code_block_is_reported_once() {
        let ru = "# Масштабирование\n\nМасштабируйте развёртывание с `--replicas` и `--force`:\n\n```sh\n# масштабировать веб-уровень\nkubectl scale deployment web --replicas=3 --forse\necho \"готово\"\n```\n\nЗатем прочитайте `README.ru.md`.\n";
        assert_eq!(
            findings_of("ru", ru),
            [(
                "--forse".to_string(),
                "code `--forse` where the source has `--force`".to_string()
            )]
        );
    }

    #[test]
    fn an_option_dropped_at_the_end_of_a_line_is_reported_on_that_line() {
        let ko = "# 스케일링\n\n`--replicas`와 `--force`로 배포를 스케일합니다.\n\n```sh\n# 웹 계층 스케일\nkubectl scale deployment web --replicas=3\necho \"완료\"\n```\n\n그다음 `README.md`를 읽으세요.\n";
        let found = check_file(
            &CodeMismatch,
            "ko.md",
            "ko",
            Some(EN),
            ko,
            &Settings::default(),
        );
        assert_eq!(found.len(), 1);
        let at = found[0].range.start;
        assert_eq!(
            &ko[ko[..at].rfind('\n').unwrap() + 1..at],
            "kubectl scale deployment web --replicas=3"
        );
        assert!(
            found[0]
                .message
                .starts_with("code missing: `--force` of the source is not here"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_self_closing_slash_and_a_link_between_two_spans_are_no_difference() {
        let en = "# Badges\n\nThe [`labels.yml`](#labels) `schedule` trigger adds it:\n\n```html\n<a href=\"https://example.org\"><img alt=\"Checked\" src=\"https://example.org/badge.svg\"></a>\n```\n";
        let ja = "# バッジ\n\n[`labels.yml`](#labels) の `schedule` トリガーが追加します。\n\n```html\n<a href=\"https://example.org\"\n  ><img\n    alt=\"Checked\"\n    src=\"https://example.org/badge.svg\"\n/></a>\n```\n";
        let found = check_file(
            &CodeMismatch,
            "ja.md",
            "ja",
            Some(en),
            ja,
            &Settings::default(),
        );
        assert_eq!(found.len(), 0, "{found:?}");
    }

    #[test]
    fn a_changed_inline_span_is_reported() {
        let fa = "# مقیاس‌بندی\n\nاستقرار را با `--replica` و `--force` مقیاس دهید:\n\n```sh\nkubectl scale deployment web --replicas=3 --force\necho \"تمام\"\n```\n\nسپس `README.md` را بخوانید.\n";
        assert_eq!(
            findings_of("fa", fa),
            [(
                "`--replica`".to_string(),
                "code `--replica` where the source has `--replicas`".to_string()
            )]
        );
    }

    #[test]
    fn an_option_changed_in_a_block_the_aligner_could_not_confirm_is_reported() {
        // The changed option is what keeps the two paragraphs from pairing by their anchors;
        // their place, kind and length pair them, and each change is found.
        let en = "# Sync\n\nRun the sync with `--dry-run` to see what it would change first.\n\nThen run it with `--force` once you agree with the list.\n";
        let ru = "# Синхронизация\n\nЗапустите синхронизацию с `--dry-rum`, чтобы увидеть, что она изменит.\n\nЗатем запустите её с `--forse`, когда согласитесь со списком.\n";
        let found: Vec<String> = check_file(
            &CodeMismatch,
            "ru.md",
            "ru",
            Some(en),
            ru,
            &Settings::default(),
        )
        .into_iter()
        .map(|f| f.message)
        .collect();
        assert_eq!(
            found,
            [
                "code `--dry-rum` where the source has `--dry-run`",
                "code `--forse` where the source has `--force`"
            ]
        );
    }

    #[test]
    fn a_slip_is_reported_though_the_span_stands_beside_it_or_twice_in_the_source() {
        let en = "# Export\n\nUse `--verbose` to see each file as it is written.\n\nExport with `--all` or without `--all`, and add `--verbose` when a file fails.\n\nKeep `--verbose` off in scripts.\n";
        let de = "# Export\n\nMit `--verbose` sehen Sie jede Datei, während sie geschrieben wird.\n\nExportieren Sie mit `--axll` oder ohne `--all`, und fügen Sie `--vxerbose` hinzu, wenn eine Datei fehlschlägt.\n\nLassen Sie `--verbose` in Skripten aus.\n";
        let found: Vec<String> = check_file(
            &CodeMismatch,
            "de.md",
            "de",
            Some(en),
            de,
            &Settings::default(),
        )
        .into_iter()
        .map(|f| f.message)
        .collect();
        assert_eq!(
            found,
            [
                "code `--axll` where the source has `--all`",
                "code `--vxerbose` where the source has `--verbose`"
            ]
        );
    }

    #[test]
    fn two_spans_side_by_side_in_the_source_may_stand_apart() {
        let en = "# Export\n\nSet the protocol to `http/json` `ENDPOINT=http://localhost:4318` before you start.\n";
        let ja = "# エクスポート\n\n開始する前に、プロトコルを `http/json` に、`ENDPOINT=http://localhost:4318` を設定します。\n";
        let found = check_file(
            &CodeMismatch,
            "ja.md",
            "ja",
            Some(en),
            ja,
            &Settings::default(),
        );
        assert_eq!(found.len(), 0, "{found:?}");
    }

    #[test]
    fn a_comma_before_a_closing_bracket_is_no_difference() {
        let en =
            "# Format\n\n```json\n{\n  \"formatter\": {\n    \"lineWidth\": 100,\n  },\n}\n```\n";
        let zh = "# 格式\n\n```json\n{\n  \"formatter\": {\n    \"lineWidth\": 100\n  }\n}\n```\n";
        let found = check_file(
            &CodeMismatch,
            "zh.md",
            "zh",
            Some(en),
            zh,
            &Settings::default(),
        );
        assert_eq!(found.len(), 0, "{found:?}");
        let changed = zh.replace("100", "120");
        let found = check_file(
            &CodeMismatch,
            "zh.md",
            "zh",
            Some(en),
            &changed,
            &Settings::default(),
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn the_reader_s_locale_code_and_a_sentence_s_colon_are_no_difference() {
        let en = "# Shortcodes\n\nPut your shortcodes in `layouts/_shortcodes/xx` and list the `traces` pipeline, where `252 \u{2212} 105 = 147`.\n";
        let pt = "# Shortcodes\n\nColoque seus shortcodes em `layouts/_shortcodes/pt` e liste o pipeline `traces:`, onde `252 - 105 = 147`.\n";
        let found = check_file(
            &CodeMismatch,
            "pt.md",
            "pt",
            Some(en),
            pt,
            &Settings::default(),
        );
        assert_eq!(found.len(), 0, "{found:?}");
        // Another locale's code is a change.
        let es = "# Shortcodes\n\nPon tus shortcodes en `layouts/_shortcodes/fr` y lista el pipeline `traces`, donde `252 - 105 = 147`.\n";
        let found = check_file(
            &CodeMismatch,
            "es.md",
            "es",
            Some(en),
            es,
            &Settings::default(),
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn names_run_together_or_in_camel_case_translated_are_no_difference() {
        let en = "# Files\n\nCopy a file to another host with `scp -r myfile somehost:` first.\n\nThen call `operationThatCouldFail()` and read its error.\n";
        let es = "# Archivos\n\nCopie primero un archivo a otro servidor con `scp -r miarchivo otroservidor:`.\n\nLuego llame a `operacionQuePodriaFallar()`, la operación que podría fallar, y lea su error.\n";
        let found = check_file(
            &CodeMismatch,
            "es.md",
            "es",
            Some(en),
            es,
            &Settings::default(),
        );
        assert!(found.is_empty(), "{found:#?}");
        // An option changed beside them is still reported, in its case too.
        for option in ["-p", "-R"] {
            let slip = es.replace("scp -r miarchivo", &format!("scp {option} miarchivo"));
            let found = check_file(
                &CodeMismatch,
                "es.md",
                "es",
                Some(en),
                &slip,
                &Settings::default(),
            );
            assert_eq!(found.len(), 1, "{found:#?}");
        }
    }

    #[test]
    fn translated_comments_strings_and_output_are_no_difference() {
        let ja = "# スケーリング\n\n`--replicas` と `--force` でデプロイメントをスケールします。\n\n```sh\n# Web 層をスケールする\nkubectl scale deployment web \\\n  --replicas=3 --force\necho \"完了\"\n```\n\n次に `README.ja.md` を読みます。\n";
        assert_eq!(findings_of("ja", ja), Vec::<(String, String)>::new());
    }

    #[test]
    fn a_line_dropped_beside_the_translation_s_own_file_is_reported_alone() {
        let en = "# Tips\n\n```sh\ncurl -s https://example.org/docs/README.md |\n  sed '/logo[.]png/d' |\n  pandoc -f markdown -t html\n```\n";
        let pl = "# Porady\n\n```sh\ncurl -s https://example.org/docs/README-pl.md |\n  pandoc -f markdown -t html\n```\n";
        let found: Vec<String> = check_file(
            &CodeMismatch,
            "README-pl.md",
            "pl",
            Some(en),
            pl,
            &Settings::default(),
        )
        .into_iter()
        .map(|f| f.message)
        .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`sed '/logo[.]png/d' |`"), "{found:?}");
        assert!(!found[0].contains("and 1 more"), "{found:?}");
    }
}
