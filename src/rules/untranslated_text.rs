use std::collections::HashSet;
use std::ops::Range;

use similar::TextDiff;

use crate::config::RuleLevel;
use crate::document::{
    chunk_around, is_acronym_like, is_code_like, is_formula_function, is_unit, name_form,
    split_quantity, starts_upper, Anchor, AnchorKind, Block, BlockKind, Document, Token, TokenKind,
};
use crate::evidence::group::keeps_source;
use crate::evidence::Habit;
use crate::finding::{Finding, Severity};
use crate::locale::Script;

use super::marks::is_native_letter;
use super::mixed_script_word::is_homoglyph_part;
use super::{Context, Rule, RuleInfo};

pub struct UntranslatedText;

static INFO: RuleInfo = RuleInfo {
    id: "untranslated-text",
    default_severity: Severity::Error,
    summary: "Source-language text left in a translation: whole blocks or fragments",
    needs_source: false,
    docs: r#"## What it finds

Source-language text left in a translation:

- a whole block (title, heading, paragraph, list item, an image's alt text of two words or
  more, a prose field of the front matter such as `title` or `description`) identical to its
  source block, or written in the source language instead of the target's (error);
- a fragment: Latin-script words inside a non-Latin translation (Arabic, Hindi, Japanese,
  Russian...), including words glued to another script with no space, as in `उत्पाद(उपProducts)`.
  A fragment is a warning, or an error when it is four words or more, or a quarter of its block.

Never flagged: acronyms and names that the aligned source block has unchanged (`CX`, `SaaS`,
`Guru`, `Node.js`), units after numbers, spaced or glued (`4 GB`, `400ml`), image file names,
URLs, e-mail addresses, code, placeholders, and the words listed in `keep` in `loclint.toml`. A
capitalised word counts as a name where the source has it inside a sentence, or where the source
never writes it in lowercase (a brand that only starts sentences); a word that the source also
writes in lowercase (`Codes change...`, `your codes`) is an ordinary word. A Latin letter that is
a look-alike inside a Cyrillic or Greek word (the `o` of `слoво`) is a homoglyph, not English:
`mixed-script-word` reports it.

For Latin-script targets (French, Spanish, German...), a block is untranslated when it is the
same as its source block, nearly the same (90% of its words), or when language identification
finds the source language in a block long enough for it to be reliable.

Reported together: three or more untranslated blocks in a row are one finding (`untranslated
section: lines 40-52 (6 blocks) are in English`), and several untranslated rows of one table are
one finding for the table.

Also not flagged, because the evidence says they are kept on purpose: a block most of the
group's other translations keep as the source has it (a product name, a language menu); a word
the other translations keep, or that the group's code uses; a term the locale's translations keep
across the run (or as `loclint init` learned it), or that this translation writes three times or
more in its own sentences; a short heading whose words the translation's own sentences use
(`Shell script`); literals the source quotes or emphasises, and a whole emphasised label in a
non-Latin translation; the title of a page another site links to; short table-cell values
(`none`); formulas (`log(n)`); a name particle (`John von Neumann`); text no reader sees (hidden
elements, template comments).

## Why it matters

Machine translation leaves words it could not translate; vendors skip a title or a caption.
Readers of the translation meet a sentence they cannot read.

## Example

```text
hi.txt:6:126  warning  untranslated English fragment "Products", glued to "उप"
  उनका उत्पाद(उपProducts), बिक्री का अनुभव
                  ^^^^^^^^
```

## How to fix

Translate the fragment or block. If a word must stay in English everywhere (a brand or product
name), add it to `keep` in `loclint.toml`:

```toml
keep = ["Guru", "Acme Cloud"]
```
"#,
};

/// A fragment of at least this many words is an error, not a warning.
const ERROR_FRAGMENT_WORDS: usize = 4;
/// ...or one that holds at least this share of its block's letters.
const ERROR_FRAGMENT_SHARE: f64 = 0.25;
/// Language identification is trusted on prose of at least this many letters.
const LANGUAGE_ID_MIN_LETTERS: usize = 30;

/// English words that are never names and rarely stay in another language's text.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "and", "of", "to", "is", "are", "was", "were", "that", "this", "with", "for", "from",
    "your", "you", "it", "its", "be", "by", "or", "not", "but", "have", "has", "will", "can",
    "which", "what", "how", "when", "where", "who", "they", "their", "our", "we", "vs", "an", "at",
    "as", "if", "than", "then", "there", "these", "those", "into", "about", "also",
];

impl Rule for UntranslatedText {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let Some(checker) = Checker::new(ctx) else {
            return;
        };
        let mut fragments = Vec::new();
        let mut run = UntranslatedRun::default();
        let mut table = UntranslatedTable::default();
        for (index, block) in ctx.document.blocks.iter().enumerate() {
            if block.kind != BlockKind::TableRow {
                table.flush(ctx, findings);
            }
            let menu = ctx
                .source
                .as_ref()
                .is_some_and(|s| s.alignment.is_target_menu(index));
            // An image's alt text is read (aloud, or when the image fails) as the page's text.
            // One word (`clusterlocal`) is a name, not a description.
            let alt_text = block.kind == BlockKind::Image && block.words().nth(1).is_some();
            if !(block.kind.is_prose() || alt_text) || block.letter_count == 0 || menu {
                // A language menu names each language in its own tongue (`English`).
                continue;
            }
            let source_index = ctx
                .source
                .as_ref()
                .and_then(|s| s.alignment.source_of(index));
            let source_block = ctx.source_block(index);
            if block.kind == BlockKind::TableRow {
                // A table is reported as one: its rows are the cells of one thing.
                table.rows += 1;
                match checker.whole_block(index, block, source_block, source_index) {
                    Some(finding) => table.untranslated.push((index, finding)),
                    None if !checker.latin_target => {
                        checker.fragments(block, source_block, source_index, &mut fragments)
                    }
                    None => {}
                }
                continue;
            }
            if let Some(finding) = checker.whole_block(index, block, source_block, source_index) {
                run.blocks.push((index, finding));
            } else {
                // A block kept as the source has it (a name) does not end a run; a translated
                // one does.
                if source_block.is_none_or(|s| s.normalized != block.normalized) {
                    run.flush(ctx, findings);
                }
                if !checker.latin_target {
                    checker.fragments(block, source_block, source_index, &mut fragments);
                }
            }
        }
        run.flush(ctx, findings);
        table.flush(ctx, findings);
        // A translation that keeps many English terms keeps them on purpose: its register.
        let terms: HashSet<&Habit> = fragments.iter().filter_map(|f| f.habit.as_ref()).collect();
        if terms.len() >= REGISTER_MIN_TERMS {
            fragments.retain(|f| f.habit.is_none());
        }
        findings.extend(fragments);
    }
}

/// Untranslated blocks one after another, with no translated block between them.
#[derive(Default)]
struct UntranslatedRun {
    blocks: Vec<(usize, Finding)>,
}

/// This many untranslated blocks in a row, most not a locale's habit, are one finding: a
/// section left in English.
const UNTRANSLATED_RUN_MIN: usize = 3;

impl UntranslatedRun {
    fn flush(&mut self, ctx: &Context, findings: &mut Vec<Finding>) {
        let blocks = std::mem::take(&mut self.blocks);
        let plain = blocks.iter().filter(|(_, f)| f.habit.is_none()).count();
        if blocks.len() < UNTRANSLATED_RUN_MIN || plain < 2 {
            findings.extend(blocks.into_iter().map(|(_, f)| f));
            return;
        }
        let count = blocks.len();
        findings.push(merged_finding(ctx, &blocks, |lines, language| {
            format!("untranslated section: {lines} ({count} blocks) are in {language}")
        }));
    }
}

/// The rows of one table, and those left untranslated.
#[derive(Default)]
struct UntranslatedTable {
    rows: usize,
    untranslated: Vec<(usize, Finding)>,
}

impl UntranslatedTable {
    /// One untranslated row is reported as it is; several, as one finding for the table.
    fn flush(&mut self, ctx: &Context, findings: &mut Vec<Finding>) {
        let rows = std::mem::take(&mut self.rows);
        let untranslated = std::mem::take(&mut self.untranslated);
        // Rows kept by a habit of the locale (a credit line) are each the practice's to judge.
        if untranslated.len() < 2 || untranslated.iter().all(|(_, f)| f.habit.is_some()) {
            findings.extend(untranslated.into_iter().map(|(_, f)| f));
            return;
        }
        let count = untranslated.len();
        findings.push(merged_finding(ctx, &untranslated, |lines, language| {
            format!("untranslated table: {count} of its {rows} rows are in {language} ({lines})")
        }));
    }
}

/// One finding for untranslated blocks that belong together (a section, a table): it spans
/// them and their sources; `message` is given their lines (`lines 12-30`) and the source's
/// language.
fn merged_finding(
    ctx: &Context,
    blocks: &[(usize, Finding)],
    message: impl FnOnce(&str, &str) -> String,
) -> Finding {
    let doc = &ctx.document.blocks;
    let (first, last) = (&doc[blocks[0].0], &doc[blocks[blocks.len() - 1].0]);
    let lines = &ctx.file.lines;
    let (a, b) = (
        lines.line_of(first.range.start),
        lines.line_of(last.range.end.saturating_sub(1).max(last.range.start)),
    );
    let source_language = ctx
        .source
        .as_ref()
        .map_or(&ctx.settings.source_locale, |s| s.locale)
        .data()
        .name
        .as_str();
    let whole = blocks[0].1.range.start..blocks[blocks.len() - 1].1.range.end;
    let mut finding = Finding::new(
        &INFO,
        whole,
        message(&format!("lines {a}-{b}"), source_language),
    )
    .fix(format!("translate lines {a}-{b}"));
    let sources = blocks.iter().filter_map(|(_, f)| f.source.as_ref());
    if let (Some(start), Some(end)) = (
        sources.clone().map(|r| r.start).min(),
        sources.map(|r| r.end).max(),
    ) {
        finding = finding.source(start..end);
    }
    finding
}

/// A translation that keeps this many headings of one level as they are keeps them on purpose.
const KEPT_HEADINGS_MIN: usize = 3;

/// A translation that keeps this many different English terms keeps them on purpose.
const REGISTER_MIN_TERMS: usize = 4;

/// Which Latin words this rule reports as untranslated fragments. `mixed-script-word` asks, so
/// that a glued word such as `उपProducts` is reported once, here.
pub(super) struct FragmentJudge<'a> {
    checker: Option<Checker<'a>>,
}

impl<'a> FragmentJudge<'a> {
    pub(super) fn new(ctx: &'a Context<'a>) -> Self {
        let off =
            ctx.settings.rule_level(INFO.id, &ctx.file.path, ctx.locale) == Some(RuleLevel::Off);
        let checker = Checker::new(ctx).filter(|checker| !off && !checker.latin_target);
        FragmentJudge { checker }
    }

    /// Whether `token` of `block` is a Latin word this rule reports as untranslated.
    pub(super) fn reports(&self, block: &Block, token: &Token, source: Option<&Block>) -> bool {
        self.checker.as_ref().is_some_and(|checker| {
            block.kind.is_prose()
                && token.kind == TokenKind::Word
                && token.script == Script::Latin
                && !token.masked
                && !is_homoglyph_part(block, token)
                && !checker.is_kept(block, token, source)
        })
    }
}

struct Checker<'a> {
    ctx: &'a Context<'a>,
    latin_target: bool,
    /// Whether the language writes spaces between words (so that a Latin word glued to a word
    /// of its script is a missing space or a leftover, not the way the language is written).
    spaced_script: bool,
    /// Names and acronyms anywhere in the source, for blocks with no aligned source block.
    source_names: HashSet<&'a str>,
    source_language: &'a str,
    /// The names of the article: the file's name without extension (`tar` of `tar.md`) and
    /// its folder's (`heap-sort` of `heap-sort/README.md`). A page about a command or an
    /// algorithm is titled by it in every language.
    article_names: Vec<String>,
    /// Latin words (lowercased) that this translation keeps inside blocks it translated, when
    /// its language is not written in Latin letters, with how often: the names it chose to keep
    /// (`OpenTelemetry in Focus` in a translated title), the terms it uses (`socket`).
    kept_in_translated: std::collections::HashMap<String, usize>,
    /// Lowercase words of the translation's prose blocks that differ from their source: the
    /// words its own sentences use. Gathered the first time a heading asks.
    words_in_translated: std::cell::OnceCell<HashSet<String>>,
    /// By level: how many headings the translation keeps as the source has them.
    kept_headings: [usize; 7],
}

impl<'a> Checker<'a> {
    /// `None` when the translation is in the source language: there is nothing to find.
    fn new(ctx: &'a Context<'a>) -> Option<Self> {
        let source_language = ctx
            .source
            .as_ref()
            .map_or(&ctx.settings.source_locale, |s| s.locale);
        if ctx.locale.same_language(source_language) {
            return None;
        }
        let source_names = ctx
            .source
            .as_ref()
            .map(|s| names_in(s.document))
            .unwrap_or_default();
        let path = ctx.file.path.as_path();
        let article_names = [path.file_stem(), path.parent().and_then(|p| p.file_name())]
            .into_iter()
            .flatten()
            .filter_map(|name| name.to_str())
            .map(|name| name.split('.').next().unwrap_or(name).to_string())
            .collect();
        let latin_target = ctx.locale_data.scripts.contains(&Script::Latin);
        let mut kept_in_translated = std::collections::HashMap::new();
        if !latin_target {
            for word in ctx
                .document
                .blocks
                .iter()
                .filter(|b| b.words().any(|t| t.script != Script::Latin))
                .flat_map(|b| {
                    b.words()
                        .filter(|t| t.script == Script::Latin)
                        .map(|t| t.text(&b.text).to_lowercase())
                })
            {
                *kept_in_translated.entry(word).or_insert(0) += 1;
            }
        }
        let mut kept_headings = [0; 7];
        for (i, block) in ctx.document.blocks.iter().enumerate() {
            if let BlockKind::Heading(level) = block.kind {
                if ctx
                    .source_block(i)
                    .is_some_and(|s| s.normalized == block.normalized)
                {
                    kept_headings[usize::from(level).min(6)] += 1;
                }
            }
        }
        Some(Checker {
            kept_in_translated,
            words_in_translated: std::cell::OnceCell::new(),
            kept_headings,
            ctx,
            latin_target,
            spaced_script: ctx.locale_data.spaces_words(),
            source_names,
            source_language: source_language.data().name.as_str(),
            article_names,
        })
    }

    fn whole_block(
        &self,
        index: usize,
        block: &Block,
        source: Option<&Block>,
        source_index: Option<usize>,
    ) -> Option<Finding> {
        let kind = block.kind.name();
        let range = trimmed_range(block);
        let prose: Vec<&str> = block
            .words()
            .filter(|t| !self.is_name_word(block, t, source))
            .map(|t| t.text(&block.text))
            .collect();
        // A short block or a title a locale keeps in English in file after file (a credit
        // line, the name of a series) is the locale's choice: every kept one counts, whether
        // or not other evidence already explains it here.
        let kept_habit = source
            .filter(|source| block.normalized == source.normalized)
            .and_then(|_| {
                if is_title_case(block)
                    && (block.kind.is_heading_like() || block.kind == BlockKind::FrontMatter)
                {
                    Some(Habit::KeptTitles)
                } else {
                    (prose.len() <= SHORT_BLOCK_WORDS)
                        .then(|| Habit::KeptBlock(block.normalized.to_lowercase()))
                }
            });
        if self.is_name_block(index, block, &prose, source, source_index) {
            if let Some(habit) = &kept_habit {
                self.ctx.used(habit);
            }
            return None;
        }
        if let Some(source) = source {
            if block.normalized == source.normalized {
                let mut finding = Finding::new(
                    &INFO,
                    range,
                    format!(
                        "untranslated {kind}: identical to the {} source",
                        self.source_language
                    ),
                )
                .source(source.range.clone())
                .fix(format!("translate the {kind}"));
                if let Some(habit) = kept_habit {
                    finding = finding.habit(habit);
                }
                return Some(finding);
            }
        }
        let in_source_language = if self.latin_target {
            self.latin_block_in_source_language(block, source, &prose)
        } else {
            prose_latin_share(block, &prose) >= 0.6 && reads_as_english(&prose)
        };
        in_source_language.then(|| {
            let mut finding = Finding::new(
                &INFO,
                range,
                format!(
                    "untranslated {kind}: written in {}, not {}",
                    self.source_language, self.ctx.locale_data.name
                ),
            )
            .fix(format!("translate the {kind}"));
            if let Some(source) = source {
                finding = finding.source(source.range.clone());
            }
            finding
        })
    }

    /// A block that reads the same in every language: nothing but names, code and numbers; a
    /// heading that names the page's article or command; a table row of data; or a short block
    /// that most of the group's other translations keep as the source has it.
    fn is_name_block(
        &self,
        index: usize,
        block: &Block,
        prose: &[&str],
        source: Option<&Block>,
        source_index: Option<usize>,
    ) -> bool {
        if prose.is_empty() {
            return true;
        }
        // One word that a Latin-script language shares with English (`Options`, `Installation`,
        // `Instrumentations` in French) reads as translated.
        if self.latin_target && prose.len() == 1 {
            return true;
        }
        // A short heading whose every word the translation writes in its own translated
        // sentences (`Shell script` over a text that speaks of `shell script`): a term the
        // language has borrowed.
        if block.kind.is_heading_like()
            && prose.len() <= LABEL_MAX_WORDS
            && prose
                .iter()
                .all(|w| self.words_in_translated().contains(&w.to_lowercase()))
        {
            return true;
        }
        let function_words = prose.iter().filter(|w| is_english_function_word(w)).count();
        if block.kind == BlockKind::TableRow && prose.len() < TABLE_ROW_MIN_PROSE_WORDS {
            return true;
        }
        let short = prose.len() <= SHORT_BLOCK_WORDS && function_words <= 2;
        if block.kind.is_heading_like() && short && self.names_the_article(block) {
            return true;
        }
        // Headings of one level kept as the source has them, again and again, in a translated
        // page: the names of the things the page lists (rule groups, commands).
        if let BlockKind::Heading(level) = block.kind {
            if prose.len() == 1
                && self.kept_headings[usize::from(level).min(6)] >= KEPT_HEADINGS_MIN
            {
                return true;
            }
        }
        // `Jaeger UI: http://localhost:16686`: a short label of an address or a command.
        let labels_an_anchor = block
            .hard_anchors()
            .any(|a| matches!(a.kind, AnchorKind::Url | AnchorKind::Code));
        if prose.len() <= LABEL_MAX_WORDS && labels_an_anchor {
            return true;
        }
        // `[Using OpAMP to modify service telemetry](https://…)`: the title of an English page
        // it links to, in a list of resources.
        if block
            .words()
            .filter(|t| !self.is_name_word(block, t, source))
            .all(|t| in_external_link_text(block, &t.range))
        {
            return true;
        }
        // `**Action**: Open a link`: a field and its value, as a program shows them.
        if prose.len() <= SHORT_BLOCK_WORDS && opens_with_bold_label(block) {
            return true;
        }
        if block.kind == BlockKind::ListItem
            && prose.len() <= LABEL_MAX_WORDS
            && self.in_list_of_terms(index)
        {
            return true;
        }
        // `OTel in Focus 2023/09` in a page titled `OpenTelemetry in Focus、2023年9月`: every
        // word is one the translation keeps where it translated the rest.
        if !self.kept_in_translated.is_empty()
            && prose.len() <= SHORT_BLOCK_WORDS
            && prose
                .iter()
                .all(|w| self.kept_in_translated.contains_key(&w.to_lowercase()))
        {
            return true;
        }
        self.group_keeps(block, source, source_index) && !reads_as_english(prose)
    }

    /// Whether the list items around item `index` are kept as the source has them too: a list
    /// of identifiers (`cpu`, `load`, `memory`; `counter`, `async gauge`).
    fn in_list_of_terms(&self, index: usize) -> bool {
        let blocks = &self.ctx.document.blocks;
        let kind = blocks[index].kind;
        let kept = |i: usize| {
            blocks.get(i).is_some_and(|b| {
                b.kind == kind
                    && self
                        .ctx
                        .source_block(i)
                        .is_some_and(|s| s.normalized == b.normalized)
            })
        };
        let before = index.checked_sub(1).is_some_and(kept);
        let after = kept(index + 1);
        (before && (after || index.checked_sub(2).is_some_and(kept))) || (after && kept(index + 2))
    }

    /// Whether most of the group's other translations, two at least, keep the source block of
    /// `block` as the source has it: the project keeps it in English on purpose.
    fn group_keeps(
        &self,
        block: &Block,
        source: Option<&Block>,
        source_index: Option<usize>,
    ) -> bool {
        let (Some(s), Some(source)) = (source_index, source) else {
            return false;
        };
        let (kept, others) = self
            .ctx
            .group
            .kept_elsewhere_block(s, keeps_source(block, source));
        kept >= GROUP_KEPT_MIN && 2 * kept >= others
    }

    /// A heading that is the name of what the page documents: the file's or its folder's name
    /// (`# tar` in `tar.md`, `# Heap Sort` in `heap-sort/README.md`), or a word of its code
    /// (`#### Get Bit` over `getBit()`).
    fn names_the_article(&self, block: &Block) -> bool {
        let squeeze = |text: &str| -> String {
            text.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let heading = squeeze(&block.text);
        !heading.is_empty()
            && (self
                .article_names
                .iter()
                .any(|name| squeeze(name) == heading)
                || self.ctx.group.in_code(&heading))
    }

    /// A word every language writes as the source does: an acronym, code, a name of the source,
    /// a word of the group's code, a `keep` word, a number with its unit, a letter, or a word of
    /// the title of an English page that a link points to.
    fn is_name_word(&self, block: &Block, token: &Token, source: Option<&Block>) -> bool {
        if token.script != Script::Latin {
            return false;
        }
        let word = name_form(token.text(&block.text));
        word.chars().count() == 1
            || is_acronym_like(word)
            || is_code_shaped(block, token)
            || is_code_use(block, token)
            || self.ctx.group.in_code(word)
            || self.in_keep_list(word)
            || (starts_upper(word)
                && (self.source_names.contains(word)
                    || source.is_some_and(|s| has_anchor(&s.anchors, word))))
            || (is_unit(word) && follows_number(block, token))
            || split_quantity(word).is_some()
            || in_external_link_text(block, &token.range)
    }

    fn in_keep_list(&self, word: &str) -> bool {
        self.ctx
            .settings
            .keep
            .iter()
            .any(|k| k.split_whitespace().any(|kw| kw == word))
    }

    /// For Latin-script targets: nearly the same words as the source, or identified as the
    /// source language. Language identification runs only where the cheap tests cannot decide.
    fn latin_block_in_source_language(
        &self,
        block: &Block,
        source: Option<&Block>,
        prose: &[&str],
    ) -> bool {
        if prose.len() >= 4 {
            if let Some(source) = source {
                // Compared by their prose words: numbers, code and names stay the same in any
                // language and say nothing of it.
                let lower = |w: &&str| w.to_lowercase();
                let ours: Vec<String> = prose.iter().map(lower).collect();
                let theirs: Vec<String> = source
                    .words()
                    .filter(|t| !self.is_name_word(source, t, Some(source)))
                    .map(|t| t.text(&source.text).to_lowercase())
                    .collect();
                let ours: Vec<&str> = ours.iter().map(String::as_str).collect();
                let theirs: Vec<&str> = theirs.iter().map(String::as_str).collect();
                let diff = TextDiff::from_slices(&theirs, &ours);
                if diff.ratio() >= 0.9 {
                    return true;
                }
            }
        }
        let letters: usize = prose
            .iter()
            .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
            .sum();
        if letters < LANGUAGE_ID_MIN_LETTERS || prose.len() < 6 || !reads_as_english(prose) {
            return false;
        }
        let _ = block;
        whatlang::detect(&prose.join(" "))
            .is_some_and(|info| info.lang() == whatlang::Lang::Eng && info.confidence() >= 0.5)
    }

    /// Latin runs in a non-Latin translation. A run that reads as an English sentence is
    /// reported whole; in other runs, each word may be a name, code, a term the group keeps,
    /// or a gloss. A term left alone is tagged as one the locale may keep on purpose.
    fn fragments(
        &self,
        block: &Block,
        source: Option<&Block>,
        source_index: Option<usize>,
        findings: &mut Vec<Finding>,
    ) {
        if self.group_keeps(block, source, source_index) {
            // A block most of the group keeps in English is the project's (a language menu).
            return;
        }
        for run in latin_runs(block) {
            let tokens: Vec<&Token> = block.tokens[run.clone()]
                .iter()
                .filter(|t| t.kind == TokenKind::Word && !is_homoglyph_part(block, t))
                .collect();
            let (Some(run_first), Some(run_last)) = (tokens.first(), tokens.last()) else {
                continue;
            };
            let run_range = run_first.range.start..run_last.range.end;
            let run_words: Vec<&str> = tokens.iter().map(|t| t.text(&block.text)).collect();
            let sentence = run_words.len() >= SENTENCE_MIN_WORDS && reads_as_english(&run_words)
                || run_words.len() >= 2 * SENTENCE_MIN_WORDS
                    && run_words.iter().any(|w| is_english_function_word(w));
            let flagged: Vec<&&Token> = tokens
                .iter()
                .filter(|t| {
                    if sentence {
                        !self.is_name_shaped(block, t)
                    } else {
                        !self.is_kept(block, t, source)
                    }
                })
                .collect();
            let (Some(first), Some(last)) = (flagged.first(), flagged.last()) else {
                continue;
            };
            let text_range = first.range.start..last.range.end;
            let fragment = &block.text[text_range.clone()];
            // One capitalised word inside a sentence of the translation's own script (`типа
            // Finder`): the name of a product, not English left behind.
            // A word the source writes in lower case (`codes`) or one glued to the translation's
            // own letters (`उपProducts`) is English all the same.
            let lowercase = fragment.to_lowercase();
            let source_has_it_lowercase = source.is_some_and(|s| {
                s.text
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == lowercase)
            });
            if !sentence
                && flagged.len() == 1
                && tokens.len() == 1
                && self.glued_neighbour(block, first).is_none()
                && !source_has_it_lowercase
                && is_name_anchor(block, fragment)
            {
                continue;
            }
            let glued = self.glued_neighbour(block, first);
            let run_text = &block.text[run_range.clone()];
            // The quotation or emphasis that holds the run and nothing of the translation's
            // script (`「You build it, you run it」` holds two runs).
            let marked = latin_quotation_around(block, &run_range, self.ctx.locale_data)
                .or_else(|| is_emphasised(block, &run_range).then(|| run_range.clone()));
            let literal = marked.is_some_and(|span| {
                source.is_some_and(|source| marks_off(source, &block.text[span]))
            }) || (is_whole_emphasis(block, &run_range)
                && run_words.len() <= LABEL_EMPHASIS_MAX_WORDS)
                || (is_quoted(block, &run_range)
                    && source.is_some_and(|source| marks_off(source, run_text)));
            // `| none |`, `| yes |`: a short value filling a table cell is data, as in the
            // source's cell.
            let whole_cell = block.kind == BlockKind::TableRow
                && run_words.len() <= CELL_VALUE_MAX_WORDS
                && fills_cell(&block.text, &run_range);
            if whole_cell {
                continue;
            }
            if glued.is_none()
                && (in_external_link_text(block, &run_range)
                    || literal
                    || is_title(&run_words)
                    || glossed_after(block, &run_range, self.ctx.locale_data))
            {
                // The title of an English page it links to; a literal the source quotes or
                // emphasises too (an error message, a program's output, a slogan); a name in
                // title case (`Module for Apache HTTP Server`); a term its translation follows
                // in brackets (`stableな(安定した)`).
                continue;
            }
            // A term the translation writes again and again in its own sentences (`socket`) is
            // the translator's choice of term, not a word left behind.
            if glued.is_none()
                && !sentence
                && flagged.len() == 1
                && self
                    .kept_in_translated
                    .get(&lowercase)
                    .copied()
                    .unwrap_or(0)
                    >= TERM_MIN_USES
            {
                continue;
            }
            let words = flagged.len();
            let letters = fragment.chars().filter(|c| c.is_alphabetic()).count();
            let share = letters as f64 / block.letter_count.max(1) as f64;
            let severity = if words >= ERROR_FRAGMENT_WORDS || share >= ERROR_FRAGMENT_SHARE {
                Severity::Error
            } else {
                Severity::Warning
            };
            let mut message = format!(
                "untranslated {} fragment \"{fragment}\"",
                self.source_language
            );
            if let Some(neighbour) = glued {
                message.push_str(&format!(", glued to \"{neighbour}\""));
            }
            let mut finding = Finding::new(&INFO, block.file_range(text_range), message)
                .severity(severity)
                .fix("translate it, or add it to `keep` in loclint.toml if it is a name");
            if let Some(source) = source {
                finding = finding.source(source.range.clone());
            }
            // A word or a short term, not glued and not a sentence, that the locale's
            // translations keep again and again is the locale's term.
            if glued.is_none() && !sentence {
                finding = finding.habit(Habit::KeptWord(fragment.to_lowercase()));
            }
            findings.push(finding);
        }
    }

    /// Lowercase words of the translation's own sentences (see the field).
    fn words_in_translated(&self) -> &HashSet<String> {
        self.words_in_translated.get_or_init(|| {
            let ctx = self.ctx;
            ctx.document
                .blocks
                .iter()
                .enumerate()
                .filter(|(i, b)| {
                    b.kind.is_prose()
                        && !b.kind.is_heading_like()
                        && ctx
                            .source_block(*i)
                            .is_some_and(|s| s.normalized != b.normalized)
                })
                .flat_map(|(_, b)| b.words().map(|t| t.text(&b.text).to_lowercase()))
                .collect()
        })
    }

    /// A word whose shape makes it a name or code whatever stands around it.
    fn is_name_shaped(&self, block: &Block, token: &Token) -> bool {
        let word = name_form(token.text(&block.text));
        self.in_keep_list(word)
            || word.chars().count() == 1
            || is_acronym_like(word)
            || is_code_shaped(block, token)
            || split_quantity(word).is_some()
    }

    /// A Latin word that belongs in the translation: a listed keep word, a unit after a number,
    /// a name or acronym that the source has too, code, a word of the group's code or one the
    /// group's other translations keep, a gloss in brackets after the translated term, or a
    /// letter.
    fn is_kept(&self, block: &Block, token: &Token, source: Option<&Block>) -> bool {
        let word = name_form(token.text(&block.text));
        if self.in_keep_list(word)
            || (is_unit(word) && follows_number(block, token))
            || split_quantity(word).is_some()
            || word.chars().count() == 1
            || is_code_shaped(block, token)
            || self.ctx.group.in_code(word)
            || self.ctx.group.kept_elsewhere(word) > 0
            || in_gloss(block, token, self.ctx.locale_data)
            || is_mnemonic_part(block, token)
            || is_name_particle(block, token)
        {
            return true;
        }
        let name_like = is_acronym_like(word) || starts_upper(word);
        if !name_like {
            return false;
        }
        if is_acronym_like(word) {
            return true;
        }
        match (&self.ctx.source, source) {
            (None, _) => !token.glued,
            // A name the source writes sentence-initially in this block ("Acme Sync keeps...")
            // is still a name if the source uses it as one elsewhere.
            (Some(_), Some(source)) => {
                has_anchor(&source.anchors, word)
                    || (self.source_names.contains(word) && has_word(source, word))
            }
            (Some(_), None) => self.source_names.contains(word),
        }
    }

    /// The other-script part of the word a glued token belongs to, when the glue is a missing
    /// space: in a language that spaces its words, after a word of its script longer than a
    /// one-letter prefix (`उपProducts`, not Arabic `وCS`).
    fn glued_neighbour<'b>(&self, block: &'b Block, token: &Token) -> Option<&'b str> {
        if !token.glued || !self.spaced_script {
            return None;
        }
        let neighbour = glued_neighbour(block, token)?;
        (neighbour.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some(neighbour)
    }
}

/// A block of this many prose words or fewer, with at most two function words, may be a name.
const SHORT_BLOCK_WORDS: usize = 6;

/// How many of the group's other translations must keep a block in English, and at least half
/// of them, for it to be the project's choice.
const GROUP_KEPT_MIN: usize = 2;

/// A table row with fewer prose words than this is data (types, values, names), not text.
const TABLE_ROW_MIN_PROSE_WORDS: usize = 4;

/// A label (of an address, of a list of terms) has this many prose words at most.
/// The longest emphasised Latin run read as a quoted label.
const LABEL_EMPHASIS_MAX_WORDS: usize = 6;
const LABEL_MAX_WORDS: usize = 3;

/// `**Action**: …`: the block opens with a bold label and its colon.
fn opens_with_bold_label(block: &Block) -> bool {
    let lead = block.text.len() - block.text.trim_start().len();
    block.emphasis.iter().any(|span| {
        span.start <= lead + 1
            && block.text[span.end..]
                .trim_start_matches(['*', '_'])
                .starts_with([':', '：'])
    })
}

/// Whether every word of the block of more than three letters is capitalised, with two or
/// more such words: a title in title case (`Humans of OpenTelemetry`).
fn is_title_case(block: &Block) -> bool {
    let words: Vec<&str> = block
        .words()
        .map(|t| t.text(&block.text))
        .filter(|w| !is_english_function_word(w))
        .collect();
    words.len() >= 2 && words.iter().all(|w| starts_upper(w) || is_acronym_like(w))
}

/// Share of Latin letters among the letters of a block's prose words.
fn prose_latin_share(block: &Block, prose: &[&str]) -> f64 {
    let letters = |w: &&str| w.chars().filter(|c| c.is_alphabetic()).count();
    let latin: usize = prose
        .iter()
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .map(letters)
        .sum();
    let _ = block;
    let all: usize = prose.iter().map(letters).sum();
    latin as f64 / all.max(1) as f64
}

/// A word used as code in prose: called (`log(n)`), or assigned (`value = 2`, `count: 10`).
fn is_code_use(block: &Block, token: &Token) -> bool {
    let after = block.text[token.range.end..].trim_start_matches(' ');
    after.starts_with('(') && !after.starts_with("( ") || after.starts_with('=')
}

/// A run of this many words or more with a function word is a sentence, never a kept term.
const SENTENCE_MIN_WORDS: usize = 3;

/// Whether `range` of the block text lies in the text of a link to another site: the English
/// title of the page it links to (`[Learn how to instrument NGINX][]`).
fn in_external_link_text(block: &Block, range: &Range<usize>) -> bool {
    block.links.iter().any(|link| {
        link.text.start <= range.start
            && range.end <= link.text.end
            && (link.destination.contains("://") || link.destination.starts_with("//"))
    })
}

/// A Latin word kept this many times in a translation's own sentences is its term.
const TERM_MIN_USES: usize = 3;

/// The most words of a table cell's value read as data.
const CELL_VALUE_MAX_WORDS: usize = 2;

/// Whether `range` is all a table cell holds, between its `|` separators.
fn fills_cell(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].trim_end_matches([' ', '\u{a0}']);
    let after = text[range.end..].trim_start_matches([' ', '\u{a0}']);
    (before.is_empty() || before.ends_with('|')) && (after.is_empty() || after.starts_with('|'))
}

/// A particle inside a person's name, between two capitalised words: `von` of `John von
/// Neumann`, `van` of `Vincent van Gogh`.
fn is_name_particle(block: &Block, token: &Token) -> bool {
    const PARTICLES: &[&str] = &[
        "von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "la", "le", "bin",
        "ibn", "al",
    ];
    if !PARTICLES.contains(&token.text(&block.text)) {
        return false;
    }
    let words: Vec<&Token> = block
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    let Some(i) = words.iter().position(|t| t.range == token.range) else {
        return false;
    };
    let capitalised_latin =
        |t: &&Token| t.script == Script::Latin && starts_upper(t.text(&block.text));
    i > 0
        && words.get(i - 1).is_some_and(capitalised_latin)
        && words.get(i + 1).is_some_and(capitalised_latin)
}

/// A token that is code by its shape, with what touches it (`node-fetch`, `v1.x`, `log(n)`).
fn is_code_shaped(block: &Block, token: &Token) -> bool {
    is_code_like(chunk_around(&block.text, token.range.clone()))
        || is_formula_function(&block.text, token.range.end)
}

/// Whether `word` is capitalised where a sentence does not begin: a name.
fn is_name_anchor(block: &Block, word: &str) -> bool {
    block
        .anchors
        .iter()
        .any(|a| a.kind == AnchorKind::Name && a.value == word)
}

/// Whether `range` of the block text is all a quotation holds.
fn is_quoted(block: &Block, range: &Range<usize>) -> bool {
    quoted_at(&block.text, range)
}

/// Whether `block` quotes or emphasises `fragment`, or nearly it (half its words or more, in
/// any case): the source's literal, a slogan it cites (`“you build, you run it”`).
fn marks_off(block: &Block, fragment: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let wanted = words(fragment);
    let spans = quoted_spans(&block.text).chain(block.emphasis.iter().cloned());
    spans.into_iter().any(|span| {
        let inside = words(&block.text[span]);
        let shared = wanted.iter().filter(|w| inside.contains(w)).count();
        !wanted.is_empty() && 2 * shared >= wanted.len() && 2 * shared >= inside.len()
    })
}

/// The contents of the quotations of `text`, roughly: between an opening quotation mark and the
/// next closing one.
fn quoted_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let opens = ['"', '“', '„', '«', '「', '『', '‘'];
    let closes = ['"', '”', '“', '»', '」', '』', '’'];
    text.char_indices()
        .filter(move |(_, c)| opens.contains(c))
        .filter_map(move |(at, c)| {
            let start = at + c.len_utf8();
            let end = text[start..].find(closes).map(|i| start + i)?;
            (end > start).then_some(start..end)
        })
}

/// The quotation of the block that holds `range` and no letter of the translation's script.
fn latin_quotation_around(
    block: &Block,
    range: &Range<usize>,
    data: &crate::locale::LocaleData,
) -> Option<Range<usize>> {
    quoted_spans(&block.text).find(|span| {
        span.start <= range.start
            && range.end <= span.end
            && !block.text[span.clone()]
                .chars()
                .any(|c| is_native_letter(c, data))
    })
}

/// Whether `range` of the block text lies in an emphasised span that holds little else.
fn is_emphasised(block: &Block, range: &Range<usize>) -> bool {
    block.emphasis.iter().any(|span| {
        span.start <= range.start && range.end <= span.end && 2 * range.len() >= span.len()
    })
}

/// The run is the whole of an emphasis span (`将 **Changes not staged for commit** 下列出`): in a
/// translation not written in Latin letters, that marks a label or an output quoted as it is.
fn is_whole_emphasis(block: &Block, range: &Range<usize>) -> bool {
    block.emphasis.iter().any(|span| {
        let inside = &block.text[span.clone()];
        span.start <= range.start
            && range.end <= span.end
            && inside[..range.start - span.start]
                .chars()
                .chain(inside[range.end - span.start..].chars())
                .all(|c| !c.is_alphanumeric())
    })
}

/// A run in title case with two capitalised words or more (`Module for Apache HTTP Server`,
/// `The Art of Command Line`): the name of a product, a talk, a book.
fn is_title(words: &[&str]) -> bool {
    let content: Vec<&&str> = words
        .iter()
        .filter(|w| !is_english_function_word(w))
        .collect();
    content.len() >= 2
        && content
            .iter()
            .all(|w| starts_upper(w) || is_acronym_like(w))
}

/// A term followed by its translation in brackets, after a particle at most
/// (`stableな(安定した)`, `cache（キャッシュ）`).
fn glossed_after(block: &Block, range: &Range<usize>, data: &crate::locale::LocaleData) -> bool {
    let rest = &block.text[range.end..];
    let particle = rest
        .chars()
        .take_while(|&c| is_native_letter(c, data))
        .take(3)
        .map(char::len_utf8)
        .sum::<usize>();
    let rest = rest[particle..].trim_start();
    let Some(inner) = rest.strip_prefix(['(', '（']) else {
        return false;
    };
    inner
        .chars()
        .take_while(|c| !matches!(c, ')' | '）'))
        .any(|c| is_native_letter(c, data))
}

fn quoted_at(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start]
        .trim_end_matches(' ')
        .chars()
        .next_back();
    let after = text[range.end..].trim_start_matches(' ').chars().next();
    matches!(
        (before, after),
        (
            Some('"' | '“' | '„' | '«' | '「' | '『' | '\'' | '‘'),
            Some('"' | '”' | '“' | '»' | '」' | '』' | '\'' | '’')
        )
    )
}

/// Whether `token` stands in brackets that follow a word of the translation's script: the
/// English term given beside its translation (`内보내기(export)`, `ميزة (multi-tenancy)`).
fn in_gloss(block: &Block, token: &Token, data: &crate::locale::LocaleData) -> bool {
    let text = block.text.as_str();
    let before = &text[..token.range.start];
    let mut depth = 0usize;
    for (at, c) in before.char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' if depth > 0 => depth -= 1,
            '(' | '（' => {
                // The brackets hold the English term alone, not a word of the translation.
                if before[at..].chars().any(|c| is_native_letter(c, data)) {
                    return false;
                }
                let outside = text[..at].trim_end();
                return outside
                    .chars()
                    .next_back()
                    .is_some_and(|c| is_native_letter(c, data))
                    && text[token.range.end..].contains([')', '）']);
            }
            _ => {}
        }
    }
    false
}

/// `([v]erbose)`: a letter in square brackets marks the mnemonic of an option's name, so the
/// word stays in English on purpose.
fn is_mnemonic_part(block: &Block, token: &Token) -> bool {
    let text = block.text.as_str();
    text[..token.range.start].ends_with(']') || text[token.range.end..].starts_with('[')
}

/// Whether a run of words reads as English sentences rather than names: two different English
/// function words at least, and a fair share of them.
fn reads_as_english(words: &[&str]) -> bool {
    let function: Vec<String> = words
        .iter()
        .filter(|w| is_english_function_word(w))
        .map(|w| w.to_lowercase())
        .collect();
    let distinct: HashSet<&String> = function.iter().collect();
    distinct.len() >= 2 && function.len() as f64 >= 0.15 * words.len() as f64
}

/// The names and acronyms of a source: its anchors, and the capitalised words it never writes in
/// lowercase, such as a brand that only ever starts sentences (`Lumora keeps your data safe`).
fn names_in(document: &Document) -> HashSet<&str> {
    let mut names: HashSet<&str> = document
        .blocks
        .iter()
        .flat_map(|b| b.anchors.iter())
        .map(|a| a.value.as_str())
        .collect();
    let mut capitalised = Vec::new();
    let mut lowercase = HashSet::new();
    for block in &document.blocks {
        for token in block.words().filter(|t| t.script == Script::Latin) {
            let word = name_form(token.text(&block.text));
            if starts_upper(word) {
                capitalised.push(word);
            } else {
                lowercase.insert(word.to_lowercase());
            }
        }
    }
    names.extend(capitalised.into_iter().filter(|word| {
        !is_english_function_word(word) && !lowercase.contains(&word.to_lowercase())
    }));
    names
}

fn has_word(block: &Block, word: &str) -> bool {
    block
        .words()
        .any(|t| name_form(t.text(&block.text)) == word)
}

fn has_anchor(anchors: &[Anchor], word: &str) -> bool {
    anchors.iter().any(|a| a.value == word)
}

/// Token index ranges of consecutive Latin words, joined by spaces, hyphens, `&` or `/`.
fn latin_runs(block: &Block) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    let mut last = 0;
    for (i, token) in block.tokens.iter().enumerate() {
        let latin = token.kind == TokenKind::Word && token.script == Script::Latin && !token.masked;
        let joined = start.is_some() && {
            let gap = &block.text[block.tokens[last].range.end..token.range.start];
            gap.chars().all(|c| c.is_whitespace()) || gap.trim().chars().all(|c| "-&/".contains(c))
        };
        match (latin, start) {
            (true, Some(_)) if joined => last = i,
            (true, _) => {
                if let Some(s) = start {
                    runs.push(s..last + 1);
                }
                start = Some(i);
                last = i;
            }
            (false, Some(_))
                if token.kind == TokenKind::Punctuation
                    && "-&/".contains(token.text(&block.text)) => {}
            (false, Some(s)) => {
                runs.push(s..last + 1);
                start = None;
            }
            (false, None) => {}
        }
    }
    if let Some(s) = start {
        runs.push(s..last + 1);
    }
    runs
}

/// The other-script part of the word a glued token belongs to.
fn glued_neighbour<'a>(block: &'a Block, token: &Token) -> Option<&'a str> {
    if !token.glued {
        return None;
    }
    let index = block.tokens.iter().position(|t| t.range == token.range)?;
    let neighbour = if token.word_start {
        block.tokens.get(index + 1)
    } else {
        block.tokens.get(index.checked_sub(1)?)
    }?;
    (neighbour.glued && neighbour.range.end == token.range.start
        || neighbour.range.start == token.range.end)
        .then(|| neighbour.text(&block.text))
}

fn follows_number(block: &Block, token: &Token) -> bool {
    let index = block.tokens.iter().position(|t| t.range == token.range);
    index
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| block.tokens.get(i))
        .is_some_and(|t| t.kind == TokenKind::Number)
}

/// The block's range without surrounding whitespace.
fn trimmed_range(block: &Block) -> Range<usize> {
    let lead = block.text.len() - block.text.trim_start().len();
    let trail = block.text.trim_end().len();
    block.file_range(lead..trail.max(lead))
}

fn is_english_function_word(word: &str) -> bool {
    ENGLISH_FUNCTION_WORDS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::rules::test_support::check_file;

    const EN: &str = "Getting started with Acme Sync\n\nAcme Sync keeps your files in step. The API token is made for you.\n\nOpen the Applications folder to find it.\n";

    fn flagged(target: (&str, &str), locale: &str) -> Vec<String> {
        let (name, text) = target;
        check_file(
            &UntranslatedText,
            name,
            locale,
            Some(EN),
            text,
            &Settings::default(),
        )
        .iter()
        .map(|f| text[f.range.clone()].to_string())
        .collect()
    }

    #[test]
    fn names_and_acronyms_from_the_source_are_kept() {
        let ja = "Acme Sync を使い始める\n\nAcme Sync はファイルを同期します。API トークンは自動で作成されます。\n\nApplications フォルダーを開いてください。\n";
        assert_eq!(flagged(("ja.txt", ja), "ja"), Vec::<String>::new());
    }

    #[test]
    fn lowercase_words_and_glued_fragments_are_reported() {
        let ja = "Acme Sync を使い始める\n\nAcme Sync はファイルを同期します。API トークンはforyouです。\n\nApplications folder を開いてください。\n";
        assert_eq!(flagged(("ja.txt", ja), "ja"), vec!["foryou", "folder"]);
    }

    #[test]
    fn a_table_left_in_english_is_one_finding_and_cell_values_are_data() {
        let en = "# Plans\n\nEach plan comes with its own limits and support.\n\n| Plan | Seats | Support |\n| --- | --- | --- |\n| Starter | 5 | Email support during office hours only |\n| Team | 50 | Chat and email support on every working day |\n| Scale | 500 | A named manager who answers within one hour |\n| Free | 1 | none |\n";
        let ja = "# プラン\n\n各プランには独自の上限とサポートがあります。\n\n| プラン | 席数 | サポート |\n| --- | --- | --- |\n| Starter | 5 | Email support during office hours only |\n| Team | 50 | Chat and email support on every working day |\n| Scale | 500 | 専任の担当者が1時間以内に回答します |\n| Free | 1 | none |\n";
        let findings = check_file(
            &UntranslatedText,
            "ja.md",
            "ja",
            Some(en),
            ja,
            &Settings::default(),
        );
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            ["untranslated table: 2 of its 5 rows are in English (lines 7-8)"]
        );
    }

    #[test]
    fn a_heading_in_a_term_the_translation_uses_is_not_english_left_behind() {
        let en = "# Hooks\n\nHooks run checks before each commit.\n\n## Shell script\n\nWrite a shell script that runs the linter on staged files.\n\n## Install the hooks\n\nRead the guide on continuous integration for more.\n";
        let pt = "# Hooks\n\nOs hooks executam verificações antes de cada commit.\n\n## Shell script\n\nEscreva um shell script que executa o linter nos arquivos preparados.\n\n## Install the hooks\n\nLeia o guia de integração contínua para saber mais.\n";
        let findings = check_file(
            &UntranslatedText,
            "pt.md",
            "pt",
            Some(en),
            pt,
            &Settings::default(),
        );
        let flagged: Vec<&str> = findings.iter().map(|f| &pt[f.range.clone()]).collect();
        assert_eq!(flagged, ["Install the hooks"]);
    }

    #[test]
    fn a_title_left_in_english_is_one_error() {
        let hi = "Getting started with Acme Sync\n\nAcme Sync आपकी फ़ाइलें साथ रखता है। API टोकन आपके लिए बनता है।\n\nइसे ढूँढने के लिए Applications फ़ोल्डर खोलें।\n";
        let findings = check_file(
            &UntranslatedText,
            "hi.txt",
            "hi",
            Some(EN),
            hi,
            &Settings::default(),
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Error);
        assert_eq!(
            &hi[findings[0].range.clone()],
            "Getting started with Acme Sync"
        );
    }

    #[test]
    fn quantities_with_glued_units_are_not_fragments() {
        let en = "Miso soup\n\nYou need 400 ml of dashi, 150 g of tofu and a 4 GB card.\n";
        let ja = "味噌汁\n\nだし400ml、豆腐150g、4GBのカードを用意します。\n";
        let flagged = |ja: &str| -> Vec<String> {
            check_file(
                &UntranslatedText,
                "ja.txt",
                "ja",
                Some(en),
                ja,
                &Settings::default(),
            )
            .iter()
            .map(|f| ja[f.range.clone()].to_string())
            .collect()
        };
        assert_eq!(flagged(ja), Vec::<String>::new());
        let left = "味噌汁\n\nだし400ml、tofu 150g、4GBのカードを用意します。\n";
        assert_eq!(flagged(left), vec!["tofu"]);
    }

    #[test]
    fn a_brand_that_only_starts_sentences_is_a_name() {
        let en = "Sign in safely\n\nLumora keeps your account safe. Lumora never shares your data.\n\nCodes change every 30 seconds, so old codes stop working.\n";
        let flagged = |ar: &str| -> Vec<String> {
            check_file(
                &UntranslatedText,
                "ar.txt",
                "ar",
                Some(en),
                ar,
                &Settings::default(),
            )
            .iter()
            .map(|f| ar[f.range.clone()].to_string())
            .collect()
        };
        let ar = "سجّل الدخول بأمان\n\nيحافظ Lumora على أمان حسابك. لا يشارك Lumora بياناتك أبدًا.\n\nتتغير الرموز كل ٣٠ ثانية، لذا تتوقف الرموز القديمة عن العمل.\n";
        assert_eq!(flagged(ar), Vec::<String>::new());
        // `Codes` is an ordinary word: the source also writes it in lowercase.
        let left = "سجّل الدخول بأمان\n\nيحافظ Lumora على أمان حسابك. لا يشارك Lumora بياناتك أبدًا.\n\nتتغير Codes كل ٣٠ ثانية، لذا تتوقف الرموز القديمة عن العمل.\n";
        assert_eq!(flagged(left), vec!["Codes"]);
    }

    #[test]
    fn an_english_paragraph_in_a_french_translation() {
        let fr = "Bien démarrer avec Acme Sync\n\nAcme Sync keeps your files in step. The API token is made for you.\n\nOuvrez le dossier Applications pour le trouver.\n";
        assert_eq!(
            flagged(("fr.txt", fr), "fr"),
            vec!["Acme Sync keeps your files in step. The API token is made for you."]
        );
    }

    #[test]
    fn alt_text_left_in_english_is_untranslated_but_a_one_word_name_is_not() {
        let en = "# Tour\n\nThe overview page shows every service.\n\n![The overview page with every service](img/overview.png)\n\n![clusterlocal](img/cluster.png)\n";
        let ru = "# Обзор\n\nНа странице обзора видны все сервисы.\n\n![The overview page with every service](img/overview.png)\n\n![clusterlocal](img/cluster.png)\n";
        let findings = check_file(
            &UntranslatedText,
            "ru.md",
            "ru",
            Some(en),
            ru,
            &Settings::default(),
        );
        let flagged: Vec<&str> = findings.iter().map(|f| &ru[f.range.clone()]).collect();
        assert_eq!(flagged.len(), 1, "{findings:?}");
        assert!(
            flagged[0].contains("The overview page with every service"),
            "{flagged:?}"
        );
    }
}
