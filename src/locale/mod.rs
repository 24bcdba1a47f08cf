//! Locales: BCP 47 tags, and what loclint knows of each language's writing (its data lives in
//! `locales.toml`, compiled into the binary: adding a language is adding a table there).

pub mod confusables;
mod data;
pub mod invisible;
mod script;

pub use data::{ForeignMark, InvertedMark, LocaleData, MarkPlace, QuotePair, SpacedMark};
pub use script::{char_script, dominant_script, is_rtl_script, Script};

use std::fmt;

/// A BCP 47 language tag, normalised (`pt_br` -> `pt-BR`, `ZH-hans` -> `zh-Hans`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Locale {
    tag: String,
}

impl Locale {
    /// Parses a tag whose language subtag is a known ISO 639-1 or 639-3 code in loclint's data or
    /// in the ISO 639-1 list. Returns `None` for anything else, so that `readme` or `index` is
    /// never taken for a locale.
    pub fn parse(raw: &str) -> Option<Locale> {
        let mut parts = raw.split(['-', '_']);
        let language = parts.next()?.to_ascii_lowercase();
        if !is_language_code(&language) {
            return None;
        }
        let mut tag = language;
        for part in parts {
            let normalised = match part.len() {
                4 if part.chars().all(|c| c.is_ascii_alphabetic()) => {
                    let mut s = part.to_ascii_lowercase();
                    s[..1].make_ascii_uppercase();
                    s
                }
                2 if part.chars().all(|c| c.is_ascii_alphabetic()) => part.to_ascii_uppercase(),
                3 if part.chars().all(|c| c.is_ascii_digit()) => part.to_string(),
                5..=8 if part.chars().all(|c| c.is_ascii_alphanumeric()) => {
                    part.to_ascii_lowercase()
                }
                _ => return None,
            };
            tag.push('-');
            tag.push_str(&normalised);
        }
        Some(Locale { tag })
    }

    pub fn as_str(&self) -> &str {
        &self.tag
    }

    pub fn language(&self) -> &str {
        self.tag.split('-').next().unwrap_or(&self.tag)
    }

    /// Same language, whatever the region or script (`en-US` matches `en`).
    pub fn same_language(&self, other: &Locale) -> bool {
        self.language() == other.language()
    }

    pub fn data(&self) -> &'static LocaleData {
        data::lookup(self)
    }

    /// A locale whose primary language the text's dominant script points to, for files whose
    /// path names no locale.
    pub fn guess_from_script(script: Script) -> Option<Locale> {
        data::language_for_script(script).and_then(Locale::parse)
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.tag)
    }
}

fn is_language_code(code: &str) -> bool {
    (code.len() == 2 && ISO_639_1.contains(&code)) || (code.len() == 3 && data::knows(code))
}

/// ISO 639-1 codes, so that any two-letter language is accepted, not only those in the data.
const ISO_639_1: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalised() {
        assert_eq!(Locale::parse("pt_br").unwrap().as_str(), "pt-BR");
        assert_eq!(Locale::parse("ZH-hans").unwrap().as_str(), "zh-Hans");
        assert_eq!(Locale::parse("es-419").unwrap().as_str(), "es-419");
        assert_eq!(Locale::parse("fil").unwrap().as_str(), "fil");
    }

    #[test]
    fn ordinary_words_are_not_locales() {
        for word in ["readme", "index", "post", "xx", "en-toolong-", "a", ""] {
            assert_eq!(Locale::parse(word), None, "{word}");
        }
    }
}
