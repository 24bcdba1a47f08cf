//! Punctuation marks, as the typography rules read them: how a mark is named in a message, what
//! stands around it in a block's text, and whether it belongs to a number or an abbreviation.

use crate::document::Block;

/// A mark as messages show it: `"." (U+002E)`.
pub fn describe(c: char) -> String {
    format!("\"{c}\" (U+{:04X})", c as u32)
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
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '―' | '/' | '‐')
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

/// Whether a byte range of the block is masked (code, URL, file name, placeholder).
pub fn masked(block: &Block, at: usize, len: usize) -> bool {
    block.is_masked(&(at..at + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_described_with_their_code_point() {
        assert_eq!(describe('.'), "\".\" (U+002E)");
        assert_eq!(describe('।'), "\"।\" (U+0964)");
    }
}
