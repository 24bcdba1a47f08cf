//! Punctuation marks, as the typography rules read them: how a mark is named in a message, what
//! stands around it in a block's text, and whether it belongs to a number or an abbreviation.

use unicode_script::{Script, UnicodeScript};

use crate::document::Block;
use crate::locale::LocaleData;

/// Question marks of every script, for comparing a translation's sentence with its source's.
pub const QUESTION_MARKS: &[char] = &['?', '？', '؟', '\u{37E}', '፧', '⸮', '՞'];

/// A mark as messages show it: `` `.` (U+002E) ``. Backticks, not quotes: the mark is often a
/// quotation mark itself.
pub fn describe(c: char) -> String {
    format!("`{c}` (U+{:04X})", c as u32)
}

/// The English name of a punctuation mark, for messages.
pub fn mark_name(c: char) -> &'static str {
    match c {
        '.' | '。' | '．' | '۔' => "full stop",
        ',' | '，' | '、' | '،' => "comma",
        '?' | '？' | '؟' => "question mark",
        '!' | '！' => "exclamation mark",
        ':' | '：' => "colon",
        ';' | '；' | '؛' => "semicolon",
        '।' => "danda",
        _ => "mark",
    }
}

/// The character just before byte offset `at`.
pub fn before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// The character at byte offset `at`.
pub fn at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Whitespace, or the edge of the block.
pub fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

pub fn is_opening_bracket(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '（' | '［' | '【' | '〔' | '《' | '〈')
}

pub fn is_closing_bracket(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '）' | '］' | '】' | '〕' | '》' | '〉')
}

/// Quotation marks of every convention (straight, curly, low, guillemets, corner brackets).
pub fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '＂'
            | '“'
            | '”'
            | '„'
            | '‟'
            | '«'
            | '»'
            | '「'
            | '」'
            | '『'
            | '』'
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '‹'
            | '›'
            | '\''
    )
}

/// Marks that can close a sentence or a clause, in any script.
pub fn is_clause_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '…'
            | '।'
            | '॥'
            | '،'
            | '؛'
            | '؟'
            | '۔'
            | '。'
            | '，'
            | '、'
            | '！'
            | '？'
            | '：'
            | '；'
    )
}

/// Dashes and slashes, after which a quotation or an aside may open with no space.
/// Whether the mark at `at` begins an emoticon (`:)`, `:-(`, `;D`): a picture, not punctuation.
pub fn starts_emoticon(text: &str, at: usize) -> bool {
    let mut rest = text[at..].chars();
    if !matches!(rest.next(), Some(':' | ';' | '=')) {
        return false;
    }
    let mut face = rest.next();
    if face == Some('-') {
        face = rest.next();
    }
    matches!(
        face,
        Some(')' | '(' | 'D' | 'P' | 'p' | 'O' | 'o' | '3' | '|' | '/')
    ) && rest.next().is_none_or(|c| !c.is_alphanumeric())
}

pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '―' | '/' | '‐')
}

/// CJK ideographs, kana and full-width forms: text written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(
        c.script(),
        Script::Han | Script::Hiragana | Script::Katakana | Script::Bopomofo
    ) || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF60 | 0x30FC)
}

/// Whether `c` is a letter (with its marks) of one of the language's scripts. Japanese counts
/// Han, Hiragana and Katakana; the prolonged sound mark and iteration marks count with them.
pub fn is_native_letter(c: char, data: &LocaleData) -> bool {
    if c.is_numeric() {
        return false;
    }
    let script = c.script();
    if matches!(script, Script::Common | Script::Inherited) {
        return is_cjk(c) && c.is_alphabetic() && data.scripts.contains(&Script::Han);
    }
    data.scripts.contains(&script)
}

/// The last letter or digit before byte offset `at`, looking through closing quotes and
/// brackets and through combining marks: `न` for `रुझान.`, `X` for `(CX).`.
pub fn last_letter_before(text: &str, at: usize) -> Option<char> {
    text[..at]
        .chars()
        .rev()
        .skip_while(|&c| is_closing_bracket(c) || (is_quote(c) && c != '\''))
        .find(|&c| !is_mark(c))
        .filter(|c| c.is_alphanumeric())
}

/// The word (letters, digits and marks) that ends at byte offset `at`.
pub fn word_before(text: &str, at: usize) -> &str {
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || is_mark(c))
        .last()
        .map_or(at, |(i, _)| i);
    &text[start..at]
}

/// Combining marks (Devanagari vowel signs, virama, Arabic harakat), joiners and the Arabic
/// tatweel: parts of a letter, never letters of their own.
pub fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c) || matches!(c, '\u{200C}' | '\u{200D}' | 'ـ')
}

/// A full stop that is part of a number (`3.5`), an ellipsis (`...`), a chain of initials
/// (`U.S.`, `e.g.`, `ई.पू.`) or a name (`Node.js`): one followed by a letter, except in CJK
/// text, which puts no space after its sentences.
pub fn is_inner_full_stop(text: &str, at: usize) -> bool {
    let prev = before(text, at);
    let next = self::at(text, at + 1);
    let digits = prev.is_some_and(|c| c.is_numeric()) && next.is_some_and(|c| c.is_numeric());
    let ellipsis = matches!(prev, Some('.' | '…')) || matches!(next, Some('.' | '…'));
    let initials = next.is_some_and(|c| c.is_alphanumeric() && !is_cjk(c)) || {
        let word = word_before(text, at);
        let before_word = before(text, at - word.len());
        before_word == Some('.') && word.chars().filter(|c| !is_mark(*c)).count() <= 2
    };
    digits || ellipsis || initials
}

/// Whether the `!` at `at` is a factorial (`n!`, `O(N!)`): it follows a word of one letter or
/// digit, not a sentence.
pub fn is_factorial(text: &str, at: usize) -> bool {
    let word = word_before(text, at);
    text[at..].starts_with('!')
        && word.chars().count() == 1
        && word.chars().all(char::is_alphanumeric)
}

/// The mark at `at` stands between two words exactly as the source has them (`zed: extensions`,
/// a command's name): it belongs to a literal the translation copied, not to its own prose.
pub fn copied_from_source(block: &Block, at: usize, len: usize, source: &str) -> bool {
    let text = block.text.as_str();
    let before = word_before(text, at);
    let after_start = at + len;
    let rest = &text[after_start..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\u{A0}']).len();
    let next_word: &str = {
        let word_start = after_start + spaces;
        let end = text[word_start..]
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || is_mark(c)))
            .map_or(text.len(), |(i, _)| word_start + i);
        &text[word_start..end]
    };
    // Both words are prose of the line: a label before code (`FQN:` and a class name) is not
    // a literal.
    !before.is_empty()
        && !next_word.is_empty()
        && !block.is_masked(&(after_start + spaces..after_start + spaces + next_word.len()))
        && source.contains(&text[at - before.len()..after_start + spaces + next_word.len()])
}

/// Whether a byte range of the block is masked (code, URL, file name, placeholder).
pub fn masked(block: &Block, at: usize, len: usize) -> bool {
    block.is_masked(&(at..at + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_inside_a_literal_of_the_source() {
        let source = "select git: clone from the palette";
        let check = |text: &str, at: usize| {
            let file = crate::source::SourceFile::new("t.txt", format!("Title\n\n{text}\n"));
            let document =
                crate::document::Document::parse(&file, crate::document::Format::PlainText);
            let block = &document.blocks[1];
            assert_eq!(&block.text[at..at + 1], ":");
            copied_from_source(block, at, 1, source)
        };
        assert!(check("choisissez git: clone", 14));
        assert!(!check("note: voici", 4));
        assert!(!check("git: cloner", 3));
    }

    #[test]
    fn marks_are_described_with_their_code_point() {
        assert_eq!(describe('.'), "`.` (U+002E)");
        assert_eq!(describe('।'), "`।` (U+0964)");
    }

    #[test]
    fn last_letter_looks_through_closing_marks() {
        let text = "शब्द (CX).";
        assert_eq!(last_letter_before(text, text.len() - 1), Some('X'));
        let text = "रुझान.";
        assert_eq!(last_letter_before(text, text.len() - 1), Some('न'));
        let text = "वाला.";
        assert_eq!(last_letter_before(text, text.len() - 1), Some('ल'));
        assert_eq!(last_letter_before("3.", 1), Some('3'));
        assert_eq!(last_letter_before("— .", 4), None);
    }

    #[test]
    fn inner_full_stops() {
        let stop = |text: &str| is_inner_full_stop(text, text.rfind('.').unwrap());
        assert!(stop("3.5"));
        assert!(stop("wait..."));
        assert!(stop("U.S."));
        assert!(stop("e.g"));
        assert!(stop("ई.पू."));
        assert!(!stop("रुझान."));
        assert!(!stop("है."));
    }
}
