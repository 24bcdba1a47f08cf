//! Work done once per block for every rule: masking what is not prose, word segmentation with
//! the script of each token, anchors, and the normalised text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};
use unicode_segmentation::UnicodeSegmentation;

use super::{Block, BlockBuilder, BlockKind, Mask, MaskKind};
use crate::locale::invisible::invisible;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with their marks, and digits or apostrophes inside the word).
    Word,
    Number,
    Punctuation,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Byte range in the block text.
    pub range: Range<usize>,
    /// The script of a word's letters; `Common` for numbers and punctuation.
    pub script: Script,
    /// Inside a masked range (code, URL, file name...).
    pub masked: bool,
    /// Part of a word whose letters change script with no space (`उपProducts`, `وCS`).
    pub glued: bool,
    /// The first token of a word (a glued word yields one token per script run).
    pub word_start: bool,
}

impl Token {
    pub fn text<'a>(&self, block_text: &'a str) -> &'a str {
        &block_text[self.range.clone()]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AnchorKind {
    Number,
    Url,
    FileName,
    Code,
    Placeholder,
    /// An acronym or a Latin-script token with inner capitals or digits (`CX`, `SaaS`, `iOS`).
    Acronym,
    /// A capitalised Latin-script word: a likely name (`Guru`, `Apple`). Weak: names are often
    /// transliterated.
    Name,
}

impl AnchorKind {
    /// Anchors that every faithful translation keeps verbatim.
    pub fn is_hard(self) -> bool {
        !matches!(self, AnchorKind::Name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Anchor {
    pub kind: AnchorKind,
    pub value: String,
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\b(?:https?://|ftp://|www\.)[^\s<>"'“”«»()\[\]]+[^\s<>"'“”«»()\[\].,;:!?।،؟。]"#,
    )
    .unwrap()
});
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b").unwrap());
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\{\{[^{}]*\}\}|\$\{[^{}]*\}|\{[A-Za-z_][\w.]*\}|%(?:\d+\$)?[sdif@]|%\([\w]+\)[sdif]",
    )
    .unwrap()
});
static FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:[\w-]+/)*[\w.-]*\w\.(?:png|jpe?g|gif|svg|webp|avif|bmp|ico|pdf|mp4|webm|mov|mp3|wav|zip|csv|tsv|xlsx?|docx?|pptx?|json|ya?ml|toml|xml|html?|css|js|ts|tsx|jsx|py|rs|go|rb|java|kt|swift|sh|md|mdx|txt|log|ini|cfg|conf)\b")
        .unwrap()
});

pub(super) fn prepare(builder: BlockBuilder) -> Block {
    let BlockBuilder {
        kind,
        range,
        text,
        mut masks,
        pieces,
        key,
    } = builder;
    if !matches!(kind, BlockKind::Code | BlockKind::Html | BlockKind::Image) {
        masks = mask_non_prose(&text, masks);
    } else if masks.is_empty() && !text.is_empty() {
        let mask_kind = match kind {
            BlockKind::Code => MaskKind::Code,
            BlockKind::Html => MaskKind::HtmlTag,
            _ => MaskKind::FileName,
        };
        masks.push(Mask {
            kind: mask_kind,
            range: 0..text.len(),
        });
    }
    let tokens = tokenize(&text, &masks);
    let anchors = anchors(&text, &masks, &tokens);
    let normalized = normalize(&text);
    let letter_count = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && !t.masked)
        .map(|t| {
            text[t.range.clone()]
                .chars()
                .filter(|c| c.is_alphabetic())
                .count()
        })
        .sum();
    Block {
        kind,
        range,
        text,
        masks,
        key,
        pieces,
        tokens,
        anchors,
        normalized,
        letter_count,
    }
}

/// Adds masks for URLs, e-mail addresses, placeholders and file names found in prose.
fn mask_non_prose(text: &str, mut masks: Vec<Mask>) -> Vec<Mask> {
    let found = [
        (&*URL, MaskKind::Url),
        (&*EMAIL, MaskKind::Email),
        (&*PLACEHOLDER, MaskKind::Placeholder),
        (&*FILE_NAME, MaskKind::FileName),
    ];
    for (regex, kind) in found {
        for m in regex.find_iter(text) {
            let range = m.range();
            if !masks.iter().any(|existing| {
                existing.range.start < range.end && range.start < existing.range.end
            }) {
                masks.push(Mask { kind, range });
            }
        }
    }
    masks.sort_by_key(|m| m.range.start);
    masks
}

fn tokenize(text: &str, masks: &[Mask]) -> Vec<Token> {
    let mut tokens = Vec::new();
    for (start, segment) in text.split_word_bound_indices() {
        let first = segment.chars().next().unwrap_or(' ');
        if first.is_whitespace() {
            continue;
        }
        let range = start..start + segment.len();
        let masked = masks
            .iter()
            .any(|m| m.range.start < range.end && range.start < m.range.end);
        if segment.chars().any(char::is_alphabetic) {
            // Word segmentation keeps invisible format characters with the word before them
            // (`Drive` + U+200F in Hebrew text): they are not part of the word.
            let word = segment.trim_matches(|c| invisible(c).is_some());
            let lead = segment.len() - segment.trim_start_matches(|c| invisible(c).is_some()).len();
            push_script_runs(word, start + lead, masked, &mut tokens);
        } else {
            let kind = if segment.chars().any(|c| c.is_numeric()) {
                TokenKind::Number
            } else {
                TokenKind::Punctuation
            };
            tokens.push(Token {
                kind,
                range,
                script: Script::Common,
                masked,
                glued: false,
                word_start: true,
            });
        }
    }
    tokens
}

/// Splits one word into runs of one script each; marks and joiners stay with their run.
fn push_script_runs(word: &str, offset: usize, masked: bool, tokens: &mut Vec<Token>) {
    let mut runs: Vec<(usize, usize, Script)> = Vec::new();
    for (i, c) in word.char_indices() {
        let script = letter_script(c);
        match runs.last_mut() {
            Some(run) if script.is_none() || Some(run.2) == script || run.2 == Script::Common => {
                run.1 = i + c.len_utf8();
                if let (Script::Common, Some(s)) = (run.2, script) {
                    run.2 = s;
                }
            }
            _ => runs.push((i, i + c.len_utf8(), script.unwrap_or(Script::Common))),
        }
    }
    let glued = runs.len() > 1;
    for (n, (start, end, script)) in runs.into_iter().enumerate() {
        tokens.push(Token {
            kind: TokenKind::Word,
            range: offset + start..offset + end,
            script,
            masked,
            glued,
            word_start: n == 0,
        });
    }
}

/// The script of a letter; `None` for characters that take the script of their neighbours.
/// Han, Hiragana and Katakana count as one script here: Japanese mixes them within words.
fn letter_script(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        Script::Hiragana | Script::Katakana => Some(Script::Han),
        script => Some(script),
    }
}

fn anchors(text: &str, masks: &[Mask], tokens: &[Token]) -> Vec<Anchor> {
    let mut anchors: Vec<Anchor> = masks
        .iter()
        .filter_map(|m| {
            let kind = match m.kind {
                MaskKind::Url | MaskKind::Email => AnchorKind::Url,
                MaskKind::FileName => AnchorKind::FileName,
                MaskKind::InlineCode | MaskKind::Code => AnchorKind::Code,
                MaskKind::Placeholder => AnchorKind::Placeholder,
                MaskKind::HtmlTag | MaskKind::Jsx => return None,
            };
            let value = text[m.range.clone()].trim().to_string();
            (!value.is_empty()).then_some(Anchor { kind, value })
        })
        .collect();
    let mut sentence_start = true;
    for token in tokens {
        let word = token.text(text);
        if token.masked {
            sentence_start = false;
            continue;
        }
        match token.kind {
            TokenKind::Number => {
                if let Some(value) = number_value(word) {
                    anchors.push(Anchor {
                        kind: AnchorKind::Number,
                        value,
                    });
                }
            }
            TokenKind::Word if token.script == Script::Latin => {
                let word = strip_possessive(word);
                if is_acronym_like(word) {
                    anchors.push(Anchor {
                        kind: AnchorKind::Acronym,
                        value: word.to_string(),
                    });
                } else if starts_upper(word) && (!sentence_start || token.glued) {
                    anchors.push(Anchor {
                        kind: AnchorKind::Name,
                        value: word.to_string(),
                    });
                }
            }
            _ => {}
        }
        // Opening quotes and brackets after a full stop keep the next word sentence-initial.
        sentence_start =
            token.kind == TokenKind::Punctuation && (sentence_start || is_sentence_end(word));
    }
    anchors.sort();
    anchors
}

fn is_sentence_end(punctuation: &str) -> bool {
    punctuation.chars().any(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ':' | '।' | '؟' | '。' | '！' | '？' | '۔'
        )
    })
}

/// `Guru's` -> `Guru`, `Guru’s` -> `Guru`.
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// Two or more capitals (`CX`, `SaaS`, `McCue`), a capital after the first letter (`iOS`), or
/// letters with digits (`H2O`, `4GB`).
pub fn is_acronym_like(word: &str) -> bool {
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let inner_upper = word.chars().skip(1).any(|c| c.is_uppercase());
    let digits = word.chars().any(|c| c.is_ascii_digit());
    upper >= 2 || inner_upper || (digits && word.chars().any(char::is_alphabetic))
}

pub fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A number's digits in ASCII, whatever the digit script, with group and decimal separators
/// dropped: `1,000`, `1.000` and `١٬٠٠٠` all become `1000`.
pub fn number_value(token: &str) -> Option<String> {
    let digits: String = token.chars().filter_map(ascii_digit).collect();
    (!digits.is_empty()).then_some(digits)
}

const DIGIT_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0xFF10,
];

fn ascii_digit(c: char) -> Option<char> {
    let code = c as u32;
    DIGIT_ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&code))
        .and_then(|&zero| char::from_digit(code - zero, 10))
}

/// NFC, quotation marks unified, whitespace collapsed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfc() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(match c {
            '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '＂' | '「' | '」' | '『' | '』' => {
                '"'
            }
            '‘' | '’' | '‚' | '‛' | '‹' | '›' | '′' => '\'',
            c => c,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Block {
        let mut builder = BlockBuilder::new(BlockKind::Paragraph, 0..text.len());
        builder.push_text(text, 0..text.len());
        builder.finish()
    }

    fn words(block: &Block) -> Vec<(&str, Script, bool)> {
        block
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| (t.text(&block.text), t.script, t.glued))
            .collect()
    }

    #[test]
    fn glued_words_split_by_script() {
        let b = block("उनका उत्पाद(उपProducts), और");
        assert_eq!(
            words(&b),
            vec![
                ("उनका", Script::Devanagari, false),
                ("उत्पाद", Script::Devanagari, false),
                ("उप", Script::Devanagari, true),
                ("Products", Script::Latin, true),
                ("और", Script::Devanagari, false),
            ]
        );
    }

    #[test]
    fn format_characters_at_word_edges_are_not_part_of_the_word() {
        let b = block("עברנו לGoogle Drive\u{200F}. בסדר\u{200C}");
        let texts: Vec<&str> = b
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(&b.text))
            .collect();
        assert_eq!(texts, vec!["עברנו", "ל", "Google", "Drive", "בסדר"]);
        // Inside a word, a joiner stays (Persian writes it between parts of one word).
        let b = block("می\u{200C}خواهیم");
        assert_eq!(b.tokens.len(), 1);
        assert_eq!(b.tokens[0].text(&b.text), "می\u{200C}خواهیم");
    }

    #[test]
    fn japanese_kana_and_kanji_are_one_script() {
        let b = block("東京へ行きます");
        assert!(b.tokens.iter().all(|t| !t.glued), "{:?}", b.tokens);
    }

    #[test]
    fn non_prose_is_masked() {
        let b = block(
            "See https://example.com/a?b=1, mail ops@example.org, open cx-cs.png or {{name}}.",
        );
        let masked: Vec<&str> = b.masks.iter().map(|m| &b.text[m.range.clone()]).collect();
        assert_eq!(
            masked,
            vec![
                "https://example.com/a?b=1",
                "ops@example.org",
                "cx-cs.png",
                "{{name}}"
            ]
        );
    }

    #[test]
    fn anchors_survive_translation() {
        let en = block("Our CX team at Guru's office handles 1,200 tickets.");
        let ar = block("يتعامل فريق CX في مكتب Guru مع ١٬٢٠٠ تذكرة.");
        let hard = |b: &Block| -> Vec<String> {
            b.anchors
                .iter()
                .filter(|a| a.kind.is_hard())
                .map(|a| a.value.clone())
                .collect()
        };
        assert_eq!(hard(&en), vec!["1200", "CX"]);
        assert_eq!(hard(&ar), vec!["1200", "CX"]);
        assert!(en.anchors.iter().any(|a| a.value == "Guru"));
        assert!(ar.anchors.iter().any(|a| a.value == "Guru"));
    }

    #[test]
    fn normalization_unifies_quotes_and_space() {
        assert_eq!(normalize("  “a”  ‘b’\n c "), "\"a\" 'b' c");
    }
}
