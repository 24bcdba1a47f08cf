//! The shapes of words: names, acronyms, units, and words that are code rather than prose.

use std::ops::Range;

/// Units of measure, written after a number with a space or without one (`4 GB`, `400ml`).
const UNITS: &[&str] = &[
    "km", "m", "cm", "mm", "kg", "g", "mg", "l", "ml", "kb", "mb", "gb", "tb", "ms", "s", "h",
    "min", "px", "pt", "em", "rem", "x", "fps", "kbps", "mbps", "ghz", "mhz", "hz", "kw", "w", "v",
    "mah",
];

pub fn is_unit(word: &str) -> bool {
    UNITS.contains(&word.to_lowercase().as_str())
}

/// A quantity written as one word, its unit glued to its number (`400ml`, `1.5kg`, `4GB`, as
/// Japanese and Chinese write them): the number and the unit.
pub fn split_quantity(word: &str) -> Option<(&str, &str)> {
    let at = word.find(char::is_alphabetic)?;
    let (number, unit) = word.split_at(at);
    let numeric = number.starts_with(char::is_numeric)
        && number
            .chars()
            .all(|c| c.is_numeric() || c == '.' || c == ',');
    (numeric && is_unit(unit)).then_some((number, unit))
}

/// The form of a word to compare names by: without a possessive (`Guru's`, `Guru’s` -> `Guru`)
/// or an elided article or preposition (`l’API`, `d'Apple`, `dell’iPhone` -> `API`, `Apple`,
/// `iPhone`).
pub fn name_form(word: &str) -> &str {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    match word.find(['\'', '’']) {
        Some(at) => {
            let (prefix, rest) = (&word[..at], &word[at..]);
            let rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
            let elided = (1..=4).contains(&prefix.chars().count())
                && prefix.chars().all(char::is_lowercase)
                && (starts_upper(rest) || is_acronym_like(rest));
            if elided {
                rest
            } else {
                word
            }
        }
        None => word,
    }
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

/// The run of non-space text around `range` in `text`, brackets and quotes around it and
/// punctuation after it left out: the chunk whose shape says whether a word is code
/// (`node-fetch`, `v1.x`, `@handle`, `config.yaml`, `--force`).
pub fn chunk_around(text: &str, range: Range<usize>) -> &str {
    let start = text[..range.start]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || is_chunk_edge(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[range.end..]
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || is_chunk_edge(c))
        .map_or(text.len(), |(i, _)| range.end + i);
    text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?'])
}

/// Characters that bound a chunk: brackets, quotes and the punctuation of non-Latin scripts.
fn is_chunk_edge(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '"'
            | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '（'
            | '）'
            | '「'
            | '」'
            | '『'
            | '』'
            | '、'
            | '，'
            | '。'
            | '：'
            | '；'
            | '،'
            | '।'
    ) || (!c.is_ascii() && !c.is_alphanumeric())
}

/// Whether a chunk of text is code or a name, not prose: an identifier with inner punctuation
/// (`snake_case`, `v1.x`, `a/b`, `k=v`), an option (`--force`, `-v`), a handle
/// (`@user`), a function call (`log()`), or a word with inner capitals or digits.
pub fn is_code_like(chunk: &str) -> bool {
    if chunk.len() > 2 && chunk.ends_with("()") {
        return true;
    }
    if chunk.starts_with('-')
        && chunk
            .trim_start_matches('-')
            .starts_with(char::is_alphanumeric)
        || chunk.starts_with(['@', '$', '#', '/', '.', '~'])
            && chunk[1..].starts_with(char::is_alphanumeric)
    {
        return true;
    }
    let chars: Vec<char> = chunk.chars().collect();
    let inner_code = chars.windows(3).any(|w| {
        let between = w[0].is_alphanumeric() && w[2].is_alphanumeric();
        between
            && matches!(
                w[1],
                '_' | '.' | '/' | '@' | ':' | '=' | '#' | '\\' | '+' | '*' | '<' | '>' | '|'
            )
    });
    inner_code || {
        let letters = chars.iter().filter(|c| c.is_alphabetic()).count();
        letters > 0 && chars.iter().all(|c| c.is_ascii_alphanumeric()) && is_acronym_like(chunk)
    }
}

/// Whether the word that ends at `end` is a function of a short argument in a formula:
/// `log(n)`, `O(N!)`, `f(x)`.
pub fn is_formula_function(text: &str, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix('(') else {
        return false;
    };
    let Some(close) = rest.find(')') else {
        return false;
    };
    let argument = &rest[..close];
    (1..=6).contains(&argument.chars().count())
        && argument
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-*/^!".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_in_formulas() {
        assert!(is_formula_function("n log(n)", 5));
        assert!(is_formula_function("O(N!)", 1));
        assert!(!is_formula_function("the log (of it)", 7));
        assert!(!is_formula_function("see logs(every single one)", 8));
    }

    #[test]
    fn code_and_names_are_told_from_prose() {
        for code in [
            "snake_case",
            "v1.x",
            "config.yaml",
            "--force",
            "-v",
            "@trekhleb",
            "log()",
            "a/b",
            "k=v",
            "PRs",
            "SaaS",
            "H2O",
            "README",
            "$HOME",
        ] {
            assert!(is_code_like(code), "{code}");
        }
        // A hyphenated name (`node-fetch`) has the shape of an English compound: only the
        // page's code tells it is a package.
        for prose in [
            "refund",
            "Products",
            "well-known",
            "node-fetch",
            "Web",
            "push",
        ] {
            assert!(!is_code_like(prose), "{prose}");
        }
    }

    #[test]
    fn chunks_stop_at_spaces_brackets_and_native_punctuation() {
        let text = "使用 node-fetch（推荐）、或 `x` 和 v1.x。";
        let at = text.find("fetch").unwrap();
        assert_eq!(chunk_around(text, at..at + 5), "node-fetch");
        let at = text.find("v1").unwrap();
        assert_eq!(chunk_around(text, at..at + 2), "v1.x");
        let text = "उत्पाद(उपProducts), और";
        let at = text.find("Products").unwrap();
        assert_eq!(chunk_around(text, at..at + 8), "उपProducts");
    }
}
