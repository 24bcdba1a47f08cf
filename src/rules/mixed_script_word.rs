use std::cmp::Reverse;
use std::ops::Range;

use unicode_script::UnicodeScript;

use crate::document::{is_acronym_like, name_form, starts_upper, Block, Token, TokenKind};
use crate::finding::{Finding, Severity};
use crate::locale::confusables::{has_look_alikes, look_alike};
use crate::locale::invisible::code_point;
use crate::locale::{is_unspaced_script, Script};

use super::untranslated_text::FragmentJudge;
use super::{Context, Rule, RuleInfo};

pub struct MixedScriptWord;

static INFO: RuleInfo = RuleInfo {
    id: "mixed-script-word",
    default_severity: Severity::Warning,
    summary: "One word mixes scripts: a look-alike letter of another script, or two scripts glued",
    needs_source: false,
    docs: r#"## What it finds

One word whose letters come from more than one script:

- a **homoglyph**: a letter of one script inside a word of another that it looks exactly like:
  a Latin `o` in a Russian word, a Cyrillic `а` in a Latin brand name, a Greek `ο` in either.
  The message names both code points, and the fix gives the letter of the word's own script.
  The look-alikes are a table of Latin, Cyrillic and Greek letters taken from Unicode's
  confusables (UTS #39), limited to letters that look the same in ordinary fonts;
- **glued scripts**: letters of two scripts with no space between them where the language does
  not write words that way: `उपCX`, a Bengali letter inside a Hindi word, a Devanagari syllable
  stuck to a French word.

Never reported, because they are correct writing:

- Japanese kanji with kana, and Korean hangul with hanja;
- a Latin name or acronym with an affix of the translation's script. A suffix is accepted in every
  language (`API를`, a case ending after a brand). A prefix is accepted where the language
  attaches prefixes and conjunctions to the next word: Arabic script (`وCS`, `بـGuru`), Hebrew
  (`לGoogle`; `ה-API` is two words anyway), Syriac, Thaana, and the scripts written without
  spaces (Thai, Lao, Khmer, Myanmar). The Arabic seed article's `وCS` ("and CS") is one of these;
- digits inside words (`4K`, `Windows11`), and words in code, URLs, file names and other masked
  text.

A glued Latin word that `untranslated-text` reports as untranslated is left to that rule, so
one defect gives one finding. In the Hindi seed article, `उत्पाद(उपProducts)` is reported once,
by `untranslated-text` (`untranslated English fragment "Products", glued to "उप"`), and not
here: translating the word removes the mix. A glued Latin word that `untranslated-text` accepts
(a name the source has, a `keep` word) is judged here by its affix, so `उपCX` is reported here.
A homoglyph is reported here only: `untranslated-text` does not read the `o` of `слoво` as an
English word. When `untranslated-text` is turned off for a file, this rule reports glued Latin
words itself.

## Why it matters

A homoglyph breaks search, spell checking, sorting and links: `слoво` is not `слово` to any
program, though no reader can see the difference. Glued scripts are a missing space, or text
typed with the wrong keyboard layout.

## Example

```text
warning[mixed-script-word]: Latin `o` (U+006F) inside Cyrillic word "пoиск"
 --> ru.txt:7:130
  |
7 | …читатель не заметит ничего странного, но пoиск на нашем сайте не сможет его найти.
  |                                            ^ o
  |
  = fix: replace with Cyrillic `о` (U+043E): "поиск"
```

## How to fix

Retype the letter in the word's own script (the fix names the character and shows the word), or
put a space between the two words.
"#,
};

impl Rule for MixedScriptWord {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let judge = FragmentJudge::new(ctx);
        let language_scripts = &ctx.locale_data.scripts;
        for (index, block) in ctx.document.blocks.iter().enumerate() {
            let source = ctx.source_block(index);
            for word in glued_words(block) {
                let tokens = &block.tokens[word];
                if tokens.iter().any(|t| t.masked) {
                    continue;
                }
                if let Some(homoglyphs) = Homoglyphs::find(block, tokens, language_scripts) {
                    findings.push(homoglyphs.finding(block));
                } else if !tokens.iter().any(|t| judge.reports(block, t, source))
                    && !is_legitimate_mix(block, tokens, language_scripts)
                {
                    findings.push(glued_scripts(block, tokens));
                }
            }
        }
    }
}

/// Whether `token` belongs to a word that [`Homoglyphs::find`] reports.
pub(super) fn is_homoglyph_part(block: &Block, token: &Token) -> bool {
    if !token.glued || token.kind != TokenKind::Word {
        return false;
    }
    let Some(index) = block.tokens.iter().position(|t| t.range == token.range) else {
        return false;
    };
    let start = (0..=index)
        .rev()
        .find(|&i| block.tokens[i].word_start)
        .unwrap_or(0);
    let end = word_end(&block.tokens, start);
    Homoglyphs::find(block, &block.tokens[start..end], &[]).is_some()
}

/// Token ranges of the words that change script with no space (one token per script run).
fn glued_words(block: &Block) -> impl Iterator<Item = Range<usize>> + '_ {
    let tokens = &block.tokens;
    (0..tokens.len())
        .filter(|&i| tokens[i].kind == TokenKind::Word && tokens[i].glued && tokens[i].word_start)
        .map(|start| start..word_end(tokens, start))
        .filter(|word| word.len() >= 2)
}

fn word_end(tokens: &[Token], start: usize) -> usize {
    (start + 1..tokens.len())
        .find(|&i| tokens[i].word_start)
        .unwrap_or(tokens.len())
}

/// A letter to retype in the word's script.
struct Swap {
    /// Byte range in the block text.
    range: Range<usize>,
    from: char,
    from_script: Script,
    to: char,
}

/// A Latin, Cyrillic or Greek word with letters of another of these scripts that look exactly
/// like letters of its own.
struct Homoglyphs {
    /// Byte range of the word in the block text.
    word: Range<usize>,
    script: Script,
    swaps: Vec<Swap>,
}

impl Homoglyphs {
    /// The word's script is the one most of its letters are in (on a tie, one of the language's
    /// scripts); failing that, any other script all its foreign letters have look-alikes in.
    fn find(block: &Block, tokens: &[Token], language_scripts: &[Script]) -> Option<Homoglyphs> {
        let word = tokens.first()?.range.start..tokens.last()?.range.end;
        let letters: Vec<(usize, char, Script)> = block.text[word.clone()]
            .char_indices()
            .filter_map(|(i, c)| letter_script(c).map(|script| (word.start + i, c, script)))
            .collect();
        let mut scripts: Vec<(Script, usize)> = Vec::new();
        for &(_, _, script) in &letters {
            match scripts.iter_mut().find(|(s, _)| *s == script) {
                Some((_, n)) => *n += 1,
                None => scripts.push((script, 1)),
            }
        }
        if scripts.len() < 2 || !scripts.iter().all(|&(s, _)| has_look_alikes(s)) {
            return None;
        }
        scripts.sort_by_key(|&(script, n)| (Reverse(n), !language_scripts.contains(&script)));
        scripts.iter().find_map(|&(script, _)| {
            let swaps: Option<Vec<Swap>> = letters
                .iter()
                .filter(|&&(_, _, s)| s != script)
                .map(|&(at, from, from_script)| {
                    look_alike(from, script).map(|to| Swap {
                        range: at..at + from.len_utf8(),
                        from,
                        from_script,
                        to,
                    })
                })
                .collect();
            swaps.map(|swaps| Homoglyphs {
                word: word.clone(),
                script,
                swaps,
            })
        })
    }

    fn finding(&self, block: &Block) -> Finding {
        let word = &block.text[self.word.clone()];
        let mut distinct: Vec<&Swap> = Vec::new();
        for swap in &self.swaps {
            if !distinct.iter().any(|d| d.from == swap.from) {
                distinct.push(swap);
            }
        }
        let mut previous_script = None;
        let found: Vec<String> = distinct
            .iter()
            .map(|swap| {
                let script = if previous_script == Some(swap.from_script) {
                    String::new()
                } else {
                    format!("{} ", swap.from_script.full_name())
                };
                previous_script = Some(swap.from_script);
                format!("{script}`{}` ({})", swap.from, code_point(swap.from))
            })
            .collect();
        let replacements: Vec<String> = distinct
            .iter()
            .map(|swap| format!("`{}` ({})", swap.to, code_point(swap.to)))
            .collect();
        let mut fixed = word.to_string();
        for swap in self.swaps.iter().rev() {
            let at = swap.range.start - self.word.start;
            fixed.replace_range(
                at..at + swap.from.len_utf8(),
                swap.to.encode_utf8(&mut [0; 4]),
            );
        }
        let script = self.script.full_name();
        let first = self
            .swaps
            .first()
            .map_or(self.word.start, |s| s.range.start);
        let last = self.swaps.last().map_or(self.word.end, |s| s.range.end);
        Finding::new(
            &INFO,
            block.file_range(first..last),
            format!("{} inside {script} word \"{word}\"", join_and(&found)),
        )
        .fix(format!(
            "replace with {script} {}: \"{fixed}\"",
            join_and(&replacements)
        ))
    }
}

/// Writing that is correct although the word changes script: a Latin name with an affix of the
/// translation's script. (Japanese kana with kanji never get here: the tokenizer counts them as
/// one script; nor do Korean hanja, which word segmentation keeps apart from hangul.)
fn is_legitimate_mix(block: &Block, tokens: &[Token], language_scripts: &[Script]) -> bool {
    let mut latin = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.script == Script::Latin);
    let (Some((at, name)), None) = (latin.next(), latin.next()) else {
        return false;
    };
    let affixes_ok = tokens
        .iter()
        .enumerate()
        .all(|(i, t)| i == at || language_scripts.contains(&t.script));
    let prefix_ok = tokens[..at].iter().all(|t| attaches_prefixes(t.script));
    let name = name_form(name.text(&block.text));
    // A suffix (a particle, a case ending) attaches to any word; whether the word itself should
    // be English is for `untranslated-text` to say.
    let suffix_only = at == 0;
    affixes_ok && prefix_ok && (suffix_only || is_acronym_like(name) || starts_upper(name))
}

/// Scripts of languages that write prefixes, conjunctions and prepositions joined to the next
/// word, a foreign name included, and scripts written without spaces between words.
fn attaches_prefixes(script: Script) -> bool {
    matches!(
        script,
        Script::Arabic | Script::Hebrew | Script::Syriac | Script::Thaana | Script::Nko
    ) || is_unspaced_script(script)
}

fn glued_scripts(block: &Block, tokens: &[Token]) -> Finding {
    let word = tokens[0].range.start..tokens[tokens.len() - 1].range.end;
    let mut scripts: Vec<&str> = Vec::new();
    for token in tokens {
        let name = token.script.full_name();
        if !scripts.contains(&name) {
            scripts.push(name);
        }
    }
    let fix = match tokens {
        [first, second] => format!(
            "write \"{}\" and \"{}\" as two words, or the whole word in one script",
            first.text(&block.text),
            second.text(&block.text)
        ),
        _ => "write the word in one script".to_string(),
    };
    let scripts: Vec<String> = scripts.into_iter().map(String::from).collect();
    Finding::new(
        &INFO,
        block.file_range(word.clone()),
        format!(
            "word \"{}\" mixes {} letters",
            &block.text[word],
            join_and(&scripts)
        ),
    )
    .fix(fix)
}

/// The script of a letter; `None` for digits, marks and characters shared by scripts.
fn letter_script(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        script => Some(script),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{RuleLevel, Settings};
    use crate::rules::test_support::{check, check_with, excerpts};

    fn messages(locale: &str, source: Option<&str>, text: &str) -> Vec<String> {
        check(&MixedScriptWord, locale, source, text)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn latin_letter_in_a_russian_word_is_a_homoglyph() {
        let text = "Заголовок\n\nЭто одно сл\u{006F}во в тексте.\n";
        let findings = check(&MixedScriptWord, "ru", None, text);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(
            findings[0].message,
            "Latin `o` (U+006F) inside Cyrillic word \"слoво\""
        );
        assert_eq!(
            findings[0].fix.as_deref(),
            Some("replace with Cyrillic `о` (U+043E): \"слово\"")
        );
        assert_eq!(excerpts(text, &findings), vec!["o"]);
        assert_eq!(findings[0].severity, Severity::Warning);
    }

    #[test]
    fn cyrillic_letters_in_a_latin_name_are_homoglyphs() {
        // Cyrillic а and о inside the Latin brand name "Cloudpanel".
        let text = "Заголовок\n\nМы выбрали Cl\u{043E}udp\u{0430}nel для работы.\n";
        let findings = check(&MixedScriptWord, "ru", None, text);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(
            findings[0].message,
            "Cyrillic `о` (U+043E) and `а` (U+0430) inside Latin word \"Clоudpаnel\""
        );
        assert_eq!(
            findings[0].fix.as_deref(),
            Some("replace with Latin `o` (U+006F) and `a` (U+0061): \"Cloudpanel\"")
        );
    }

    #[test]
    fn a_word_mostly_in_the_wrong_script_is_named_by_its_look_alikes() {
        // "open" typed with Cyrillic о, р, е and a Latin n: only Latin can spell it.
        let text = "Заголовок\n\nНажмите \u{043E}\u{0440}\u{0435}n в меню.\n";
        let messages = messages("ru", None, text);
        assert_eq!(
            messages,
            vec!["Cyrillic `о` (U+043E), `р` (U+0440) and `е` (U+0435) inside Latin word \"ореn\""]
        );
    }

    #[test]
    fn greek_letter_in_a_latin_word() {
        let text = "Titre\n\nLe mot gl\u{03BF}bal est ici.\n";
        assert_eq!(
            messages("fr", None, text),
            vec!["Greek `ο` (U+03BF) inside Latin word \"glοbal\""]
        );
    }

    #[test]
    fn untranslated_text_does_not_report_a_homoglyph() {
        let text = "Заголовок\n\nЭто одно сл\u{006F}во в тексте.\n";
        let findings = check(
            &super::super::untranslated_text::UntranslatedText,
            "ru",
            None,
            text,
        );
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn affixes_on_latin_names_are_correct_writing() {
        let cases = [
            (
                "ko",
                "Title\n\nWe call the API first.\n",
                "제목\n\n먼저 API를 호출합니다.\n",
            ),
            (
                "ar",
                "Title\n\nThe difference between CX and CS.\n",
                "عنوان\n\nالفرق بين CX وCS واضح.\n",
            ),
            (
                "ar",
                "Title\n\nWe trust Guru every day.\n",
                "عنوان\n\nنثق بـGuru كل يوم.\n",
            ),
            (
                "he",
                "Title\n\nWe moved to Google and to the API.\n",
                "כותרת\n\nעברנו לGoogle ועברנו ה-API.\n",
            ),
            (
                "ja",
                "Title\n\nThe CX team.\n",
                "タイトル\n\nCXのチームです。\n",
            ),
        ];
        for (locale, source, text) in cases {
            let findings = check(&MixedScriptWord, locale, Some(source), text);
            assert!(findings.is_empty(), "{locale}: {findings:?}");
        }
        // The cases do reach the affix test: each holds a glued word (Japanese particles are
        // separate words already).
        for (locale, _, text) in &cases[..4] {
            let file = crate::source::SourceFile::new("t.txt", *text);
            let document =
                crate::document::Document::parse(&file, crate::document::Format::PlainText);
            assert_eq!(glued_words(&document.blocks[1]).count(), 1, "{locale}");
        }
    }

    #[test]
    fn japanese_and_korean_mixed_writing_is_correct() {
        assert!(messages("ja", None, "題名\n\n東京へ行きます。\n").is_empty());
        assert!(messages("ko", None, "제목\n\n韓國語를 배웁니다.\n").is_empty());
    }

    #[test]
    fn untranslated_glued_word_is_left_to_untranslated_text() {
        // The Hindi seed article's `उपProducts`: `Products` is untranslated English.
        let source = "Title\n\nTheir marketing, their product(s), the sales experience.\n";
        let text = "शीर्षक\n\nउनका मार्केटिंग, उनका उत्पाद(उपProducts), बिक्री का अनुभव।\n";
        assert!(messages("hi", Some(source), text).is_empty());
        let untranslated = check(
            &super::super::untranslated_text::UntranslatedText,
            "hi",
            Some(source),
            text,
        );
        assert_eq!(excerpts(text, &untranslated), vec!["Products"]);
    }

    #[test]
    fn glued_word_is_reported_when_untranslated_text_is_off() {
        let source = "Title\n\nTheir marketing, their product(s), the sales experience.\n";
        let text = "शीर्षक\n\nउनका मार्केटिंग, उनका उत्पाद(उपProducts), बिक्री का अनुभव।\n";
        let mut settings = Settings::default();
        settings
            .rule_levels
            .insert("untranslated-text".into(), RuleLevel::Off);
        let findings = check_with(&MixedScriptWord, "hi", Some(source), text, &settings);
        assert_eq!(excerpts(text, &findings), vec!["उपProducts"]);
    }

    #[test]
    fn a_name_glued_after_a_devanagari_prefix_is_reported() {
        let source = "Title\n\nThe CX team grows.\n";
        let text = "शीर्षक\n\nउपCX टीम बढ़ती है।\n";
        let findings = check(&MixedScriptWord, "hi", Some(source), text);
        assert_eq!(
            findings.iter().map(|f| &f.message).collect::<Vec<_>>(),
            vec!["word \"उपCX\" mixes Devanagari and Latin letters"]
        );
        assert_eq!(
            findings[0].fix.as_deref(),
            Some("write \"उप\" and \"CX\" as two words, or the whole word in one script")
        );
        // The same name with a suffix is a postposition written close: accepted.
        assert!(messages("hi", Some(source), "शीर्षक\n\nCXवाली टीम बढ़ती है।\n").is_empty());
    }

    #[test]
    fn two_non_latin_scripts_in_one_word_are_reported() {
        // A Bengali letter (ম) typed inside the Hindi word कमल.
        let text = "शीर्षक\n\nयह कমल है।\n";
        assert_eq!(
            messages("hi", None, text),
            vec!["word \"कমल\" mixes Devanagari and Bengali letters"]
        );
    }

    #[test]
    fn digits_and_masked_words_are_not_mixes() {
        let text =
            "Заголовок\n\nКупите 4K экран Windows11 и откройте https://пример.рф/pаge сейчас.\n";
        assert!(messages("ru", None, text).is_empty());
    }
}
