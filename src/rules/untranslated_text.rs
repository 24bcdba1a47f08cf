use std::collections::HashSet;
use std::ops::Range;

use similar::TextDiff;

use crate::config::RuleLevel;
use crate::document::{
    is_acronym_like, is_unit, name_form, split_quantity, starts_upper, Anchor, Block, Document,
    Token, TokenKind,
};
use crate::finding::{Finding, Severity};
use crate::locale::Script;

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

- a whole block (title, heading, paragraph, list item) identical to its source block, or
  written in the source language instead of the target's (error);
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
/// Language identification is trusted on blocks with at least this many letters.
const LANGUAGE_ID_MIN_LETTERS: usize = 40;

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
        for (index, block) in ctx.document.blocks.iter().enumerate() {
            if !block.kind.is_prose() || block.letter_count == 0 {
                continue;
            }
            let source_block = ctx.source_block(index);
            if let Some(finding) = checker.whole_block(block, source_block) {
                findings.push(finding);
            } else if !checker.latin_target {
                checker.fragments(block, source_block, findings);
            }
        }
    }
}

/// Which Latin words this rule reports as untranslated fragments. `mixed-script-word` asks, so
/// that a glued word such as `उपProducts` is reported once, here.
pub(super) struct FragmentJudge<'a> {
    checker: Option<Checker<'a>>,
}

impl<'a> FragmentJudge<'a> {
    pub(super) fn new(ctx: &'a Context<'a>) -> Self {
        let off = ctx.settings.rule_level(INFO.id, &ctx.file.path) == Some(RuleLevel::Off);
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
    /// Names and acronyms anywhere in the source, for blocks with no aligned source block.
    source_names: HashSet<&'a str>,
    source_language: &'a str,
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
        Some(Checker {
            ctx,
            latin_target: ctx.locale_data.scripts.contains(&Script::Latin),
            source_names,
            source_language: source_language.data().name.as_str(),
        })
    }

    fn whole_block(&self, block: &Block, source: Option<&Block>) -> Option<Finding> {
        let kind = block.kind.name();
        let words: Vec<&str> = block.words().map(|t| t.text(&block.text)).collect();
        let range = trimmed_range(block);
        if let Some(source) = source {
            if block.normalized == source.normalized && !names_only(&words) {
                return Some(
                    Finding::new(
                        &INFO,
                        range,
                        format!(
                            "untranslated {kind}: identical to the {} source",
                            self.source_language
                        ),
                    )
                    .source(source.range.clone())
                    .fix(format!("translate the {kind}")),
                );
            }
        }
        let in_source_language = if self.latin_target {
            self.latin_block_in_source_language(block, source, &words)
        } else {
            latin_share(block) >= 0.6 && words.iter().filter(|w| is_common_word(w)).count() >= 2
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

    /// For Latin-script targets: nearly the same words as the source, or identified as the
    /// source language. Language identification runs only where the cheap tests cannot decide.
    fn latin_block_in_source_language(
        &self,
        block: &Block,
        source: Option<&Block>,
        words: &[&str],
    ) -> bool {
        if words.len() >= 4 {
            if let Some(source) = source {
                let diff =
                    TextDiff::from_words(source.normalized.as_str(), block.normalized.as_str());
                if diff.ratio() >= 0.9 {
                    return true;
                }
            }
        }
        if block.letter_count < LANGUAGE_ID_MIN_LETTERS || words.len() < 6 {
            return false;
        }
        let function_words = words.iter().filter(|w| is_english_function_word(w)).count();
        if (function_words as f64) < 0.15 * words.len() as f64 {
            return false;
        }
        whatlang::detect(&block.text)
            .is_some_and(|info| info.lang() == whatlang::Lang::Eng && info.confidence() >= 0.5)
    }

    fn fragments(&self, block: &Block, source: Option<&Block>, findings: &mut Vec<Finding>) {
        for run in latin_runs(block) {
            let tokens = &block.tokens[run.clone()];
            let flagged: Vec<&Token> = tokens
                .iter()
                .filter(|t| {
                    t.kind == TokenKind::Word
                        && !is_homoglyph_part(block, t)
                        && !self.is_kept(block, t, source)
                })
                .collect();
            let (Some(first), Some(last)) = (flagged.first(), flagged.last()) else {
                continue;
            };
            let text_range = first.range.start..last.range.end;
            let fragment = &block.text[text_range.clone()];
            let words = tokens
                .iter()
                .filter(|t| {
                    t.kind == TokenKind::Word
                        && t.range.start >= first.range.start
                        && t.range.end <= last.range.end
                })
                .count();
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
            if let Some(neighbour) = glued_neighbour(block, first) {
                message.push_str(&format!(", glued to \"{neighbour}\""));
            }
            let mut finding = Finding::new(&INFO, block.file_range(text_range), message)
                .severity(severity)
                .fix("translate it, or add it to `keep` in loclint.toml if it is a name");
            if let Some(source) = source {
                finding = finding.source(source.range.clone());
            }
            findings.push(finding);
        }
    }

    /// A Latin word that belongs in the translation: a listed keep word, a unit after a
    /// number, or a name or acronym that the source has too.
    fn is_kept(&self, block: &Block, token: &Token, source: Option<&Block>) -> bool {
        let word = name_form(token.text(&block.text));
        if self
            .ctx
            .settings
            .keep
            .iter()
            .any(|k| k.split_whitespace().any(|kw| kw == word))
        {
            return true;
        }
        if (is_unit(word) && follows_number(block, token)) || split_quantity(word).is_some() {
            return true;
        }
        let name_like = is_acronym_like(word) || starts_upper(word);
        if !name_like {
            return false;
        }
        match (&self.ctx.source, source) {
            (None, _) => !token.glued || is_acronym_like(word),
            // A name the source writes sentence-initially in this block ("Acme Sync keeps...")
            // is still a name if the source uses it as one elsewhere.
            (Some(_), Some(source)) => {
                has_anchor(&source.anchors, word)
                    || (self.source_names.contains(word) && has_word(source, word))
            }
            (Some(_), None) => self.source_names.contains(word),
        }
    }
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

/// A short run of names (`Guru`, `SaaS CX`) may legitimately read the same in every language.
fn names_only(words: &[&str]) -> bool {
    words.len() <= 2 && words.iter().all(|w| is_acronym_like(w) || starts_upper(w))
}

fn is_common_word(word: &str) -> bool {
    word.chars().all(|c| c.is_lowercase()) && word.chars().count() > 1
}

fn is_english_function_word(word: &str) -> bool {
    ENGLISH_FUNCTION_WORDS.contains(&word.to_lowercase().as_str())
}

/// Share of Latin letters among the block's prose letters.
fn latin_share(block: &Block) -> f64 {
    let latin: usize = block
        .words()
        .filter(|t| t.script == Script::Latin)
        .map(|t| {
            t.text(&block.text)
                .chars()
                .filter(|c| c.is_alphabetic())
                .count()
        })
        .sum();
    latin as f64 / block.letter_count.max(1) as f64
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
}
