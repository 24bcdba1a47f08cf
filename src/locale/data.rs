use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{Locale, Script};

/// What loclint knows of one language's writing. Every field has a script-level or general
/// default, so a language missing from `locales.toml` still gets sensible checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LocaleData {
    /// The language's English name, for messages.
    pub name: String,
    /// The scripts its prose is written in; Latin words outside them are candidates for
    /// untranslated text.
    #[serde(deserialize_with = "scripts")]
    pub scripts: Vec<Script>,
    /// Characters that end a sentence.
    #[serde(default = "default_terminators")]
    pub sentence_terminators: Vec<String>,
    /// Quotation marks, primary first, as CLDR's delimiters give them.
    #[serde(default)]
    pub quotes: Vec<QuotePair>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct QuotePair {
    pub open: String,
    pub close: String,
}

fn default_terminators() -> Vec<String> {
    [".", "!", "?"].iter().map(|s| s.to_string()).collect()
}

fn scripts<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Script>, D::Error> {
    let names = Vec::<String>::deserialize(d)?;
    names
        .iter()
        .map(|name| {
            Script::from_full_name(name)
                .ok_or_else(|| serde::de::Error::custom(format!("unknown script `{name}`")))
        })
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    #[serde(rename = "language")]
    languages: HashMap<String, LocaleData>,
}

static TABLE: OnceLock<HashMap<String, LocaleData>> = OnceLock::new();
static FALLBACK: OnceLock<LocaleData> = OnceLock::new();

fn table() -> &'static HashMap<String, LocaleData> {
    TABLE.get_or_init(|| {
        let table: Table = toml::from_str(include_str!("locales.toml"))
            .expect("locales.toml is checked by the test suite");
        table.languages
    })
}

/// Full tag first (`zh-Hant`), then the language (`zh`), then a Latin-script default.
pub(super) fn lookup(locale: &Locale) -> &'static LocaleData {
    let table = table();
    table
        .get(locale.as_str())
        .or_else(|| table.get(locale.language()))
        .unwrap_or_else(|| {
            FALLBACK.get_or_init(|| LocaleData {
                name: "unknown language".into(),
                scripts: vec![Script::Latin],
                sentence_terminators: default_terminators(),
                quotes: Vec::new(),
            })
        })
}

pub(super) fn knows(language: &str) -> bool {
    table().contains_key(language)
}

/// The language most often written in `script`, for guessing a file's locale.
pub(super) fn language_for_script(script: Script) -> Option<&'static str> {
    Some(match script {
        Script::Devanagari => "hi",
        Script::Arabic => "ar",
        Script::Hebrew => "he",
        Script::Cyrillic => "ru",
        Script::Han => "zh",
        Script::Hiragana | Script::Katakana => "ja",
        Script::Hangul => "ko",
        Script::Thai => "th",
        Script::Greek => "el",
        Script::Bengali => "bn",
        Script::Tamil => "ta",
        Script::Telugu => "te",
        Script::Gujarati => "gu",
        Script::Gurmukhi => "pa",
        Script::Kannada => "kn",
        Script::Malayalam => "ml",
        Script::Georgian => "ka",
        Script::Armenian => "hy",
        Script::Ethiopic => "am",
        Script::Khmer => "km",
        Script::Lao => "lo",
        Script::Myanmar => "my",
        Script::Sinhala => "si",
        Script::Latin => "en",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_parses_and_every_language_has_a_script() {
        assert!(table().len() >= 30);
        for (code, data) in table() {
            assert!(!data.scripts.is_empty(), "{code} has no script");
            assert!(Locale::parse(code).is_some(), "{code} is not a valid tag");
        }
    }

    #[test]
    fn regional_variants_fall_back_to_their_language() {
        let hindi = Locale::parse("hi-IN").unwrap();
        assert_eq!(hindi.data().scripts, vec![Script::Devanagari]);
        let unknown = Locale::parse("wo").unwrap();
        assert_eq!(unknown.data().scripts, vec![Script::Latin]);
    }
}
