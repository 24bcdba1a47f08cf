use crate::document::{Block, Token, TokenKind};
use crate::finding::{Finding, Severity};
use crate::locale::LocaleData;

use super::{Context, Rule, RuleInfo};

pub struct RepeatedWord;

static INFO: RuleInfo = RuleInfo {
    id: "repeated-word",
    default_severity: Severity::Warning,
    summary: "The same word twice in a row",
    needs_source: false,
    docs: r#"## What it finds

The same word twice in a row, whatever its case, separated only by spaces: `the the`,
`का का`, `de de`.

Where a language doubles words grammatically, the doubling is allowed, as `locales.toml` lists:

- Hindi, Urdu, Marathi, Nepali, Bengali, Persian, Turkish and Vietnamese reduplicate freely
  (`धीरे धीरे`, `अलग अलग`, `बार बार`, `کم کم`, `yavaş yavaş`, `dần dần`): only their
  postpositions, particles and auxiliaries are reported when doubled (`का का`, `है है`,
  `में में`, `ve ve`); Punjabi, Gujarati and the Dravidian languages are not checked yet;
- listed words: English `had had`, `that that`; French `vous vous`, `nous nous`; German
  `die die`; Dutch `dat dat`.

Never reported: words split by punctuation (`Well. Well`), by code or a URL, hyphenated
doubles (`anak-anak`, `बार-बार`), two capitalised words (names such as `Bora Bora`), and
characters of CJK text, which puts no spaces between words.

## Why it matters

A doubled word is the trace of an edit that inserted a word without deleting the old one, or of
two machine-translated segments joined at the seam. Readers stumble on it; spell checkers
usually accept it.

## Example

```text
hi.txt:4:17  warning  "का" twice in a row
  ग्राहक अनुभव का का महत्व
                 ^^ delete the second "का"
```

## How to fix

Delete the second word, or, where the doubling is meant, add a `loclint.toml` rule override
for the file.
"#,
};

impl Rule for RepeatedWord {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        for block in ctx.document.blocks.iter().filter(|b| b.kind.is_prose()) {
            let tokens = &block.tokens;
            let mut i = 0;
            while i + 1 < tokens.len() {
                let Some(word) = repeated(block, &tokens[i], &tokens[i + 1], ctx.locale_data)
                else {
                    i += 1;
                    continue;
                };
                // A run of the same word is one finding: `the the the`.
                let mut end = i + 1;
                while end + 1 < tokens.len()
                    && repeated(block, &tokens[end], &tokens[end + 1], ctx.locale_data).is_some()
                {
                    end += 1;
                }
                let times = end - i + 1;
                let (message, fix) = if times == 2 {
                    (
                        format!("\"{word}\" twice in a row"),
                        format!("delete the second \"{word}\""),
                    )
                } else {
                    (
                        format!("\"{word}\" {times} times in a row"),
                        format!("keep one \"{word}\""),
                    )
                };
                let range = tokens[i + 1].range.start..tokens[end].range.end;
                findings.push(Finding::new(&INFO, block.file_range(range), message).fix(fix));
                i = end + 1;
            }
        }
    }
}

/// The word that `first` and `second` repeat, if the repetition is not grammatical.
fn repeated<'a>(
    block: &'a Block,
    first: &Token,
    second: &Token,
    data: &LocaleData,
) -> Option<&'a str> {
    let whole_word = |t: &Token| t.kind == TokenKind::Word && !t.masked && !t.glued;
    if !whole_word(first) || !whole_word(second) {
        return None;
    }
    let gap = &block.text[first.range.end..second.range.start];
    if gap.is_empty() || !gap.chars().all(char::is_whitespace) {
        return None;
    }
    // Part of a hyphenated word (`segunda segunda-feira`, `CRI-O o`), or the whole of a quoted
    // term (`"inconnus inconnus"`, a translation of "unknown unknowns").
    let text = block.text.as_str();
    let hyphenated = text[second.range.end..].starts_with(['-', '‑'])
        || text[..first.range.start].ends_with(['-', '‑']);
    let before = text[..first.range.start].chars().next_back();
    let after = text[second.range.end..].chars().next();
    let quoted_term =
        before.is_some_and(super::marks::is_quote) && after.is_some_and(super::marks::is_quote);
    if hyphenated || quoted_term {
        return None;
    }
    let (a, b) = (first.text(&block.text), second.text(&block.text));
    // Compared lazily: most neighbours differ at their first letter, and need no lowercase copy.
    let same = a == b
        || a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase));
    if !same || (is_capitalised(a) && is_capitalised(b)) {
        return None;
    }
    let lowercase = a.to_lowercase();
    let grammatical = data.is_doubled_word(&lowercase)
        || (data.reduplication && !data.is_never_doubled(&lowercase));
    (!grammatical).then_some(b)
}

/// `Bora`, not `BORA` or `bora`: a name when both words are written so.
fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::check_alone as check;

    fn repeats(locale: &str, text: &str) -> Vec<String> {
        check(&RepeatedWord, locale, text)
            .into_iter()
            .map(|f| text[f.range].to_string())
            .collect()
    }

    #[test]
    fn doubled_words_are_reported_once_each() {
        assert_eq!(
            repeats(
                "en",
                "Title\n\nThe the team said that the the tool works.\n"
            ),
            vec!["the", "the"]
        );
        let text = "Title\n\nIt is is fine.\n";
        let findings = check(&RepeatedWord, "en", text);
        assert_eq!(findings[0].message, "\"is\" twice in a row");
        assert_eq!(findings[0].fix.as_deref(), Some("delete the second \"is\""));
        let at = text.rfind("is").unwrap();
        assert_eq!(findings[0].range, at..at + 2);
    }

    #[test]
    fn hindi_reduplication_is_grammatical_but_particles_are_not() {
        let text = "शीर्षक\n\nधीरे धीरे अलग अलग कभी कभी साथ साथ बार बार, पर ग्राहक का का अनुभव में में है।\n";
        assert_eq!(repeats("hi", text), vec!["का", "में"]);
        assert_eq!(repeats("ur", "عنوان\n\nآہستہ آہستہ کا کا\n"), vec!["کا"]);
        // The same words in a language whose data allows no reduplication.
        assert_eq!(
            repeats("sa", "शीर्षक\n\nधीरे धीरे अलग अलग\n"),
            vec!["धीरे", "अलग"]
        );
    }

    #[test]
    fn other_reduplicating_languages() {
        assert_eq!(
            repeats("tr", "Başlık\n\nYavaş yavaş ve ve bir bir ilerledik.\n"),
            vec!["ve"]
        );
        assert_eq!(
            repeats("vi", "Tiêu đề\n\nDần dần các các nhóm học từ từ.\n"),
            vec!["các"]
        );
        assert!(repeats("ta", "தலைப்பு\n\nமெல்ல மெல்ல நடந்தான்.\n").is_empty());
    }

    #[test]
    fn listed_doubles_pass() {
        assert!(repeats("en", "Title\n\nShe had had enough, and that that works.\n").is_empty());
        assert!(repeats("fr", "Titre\n\nVous vous trompez, nous nous levons.\n").is_empty());
        assert!(repeats("de", "Titel\n\nKunden, die die App nutzen.\n").is_empty());
        assert_eq!(repeats("fr", "Titre\n\nLe le chat.\n"), vec!["le"]);
    }

    #[test]
    fn separated_hyphenated_named_and_cjk_words_pass() {
        for (locale, text) in [
            ("en", "Title\n\nWell. Well, well-well, Bora Bora is far.\n"),
            ("id", "Judul\n\nAnak-anak bermain di taman.\n"),
            ("zh", "标题\n\n人人都说谢谢。\n"),
            ("en", "Title\n\nSee https://a.com/the the end.\n"),
        ] {
            assert!(repeats(locale, text).is_empty(), "{locale}: {text}");
        }
    }

    #[test]
    fn hyphenated_quoted_and_grammatical_doublings_pass() {
        for (locale, text) in [
            (
                "pt",
                "Título\n\nNa segunda segunda-feira do mês, nome e e-mail.\n",
            ),
            ("es", "Título\n\nUsa **CRI-O** o **Docker**.\n"),
            (
                "fr",
                "Titre\n\nLes nouveaux \"inconnus inconnus\" du système.\n",
            ),
            ("de", "Titel\n\nWenn Sie sie öffnen, sehen Sie das.\n"),
        ] {
            assert!(
                repeats(locale, text).is_empty(),
                "{locale}: {:?}",
                repeats(locale, text)
            );
        }
    }

    #[test]
    fn a_run_of_one_word_is_one_finding() {
        let text = "Title\n\nIt is very very very very good.\n";
        let findings = check(&RepeatedWord, "en", text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "\"very\" 4 times in a row");
        assert_eq!(&text[findings[0].range.clone()], "very very very");
    }
}
