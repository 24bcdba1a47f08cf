//! Locales: BCP 47 tags, and what loclint knows of each language's writing (its data lives in
//! `locales.toml`, compiled into the binary: adding a language is adding a table there).

pub mod confusables;
mod data;
pub mod invisible;
pub mod names;
mod script;
pub mod transliteration;

pub use data::{ForeignMark, InvertedMark, LocaleData, MarkPlace, QuotePair, SpacedMark};
pub use script::{char_script, dominant_script, is_rtl_script, is_unspaced_script, Script};

use std::fmt;

use language_tags::{LanguageTag, ValidationError};

/// A BCP 47 language tag, registered in the IANA language subtag registry and normalised
/// (`pt_br` -> `pt-BR`, `ZH-hans` -> `zh-Hans`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Locale {
    tag: String,
}

/// What a file or folder name says as a language tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagCheck {
    /// A registered tag of a natural language.
    Known(Locale),
    /// Shaped like a tag, but naming no language loclint can check: not in the registry,
    /// private use (`x-pirate`, `qaa`), or a special code (`und`, `mul`, `zxx`).
    Unknown(String),
    /// Not a language tag at all (`readme`, `no-client-only-hint`).
    NotATag,
}

impl Locale {
    /// Parses a registered language tag; `None` for anything else, so that `readme`, `index`
    /// or `az-account` is never taken for a locale.
    pub fn parse(raw: &str) -> Option<Locale> {
        match Locale::check(raw) {
            TagCheck::Known(locale) => Some(locale),
            TagCheck::Unknown(_) | TagCheck::NotATag => None,
        }
    }

    /// Checks `raw` against the IANA language subtag registry. A region the registry lacks
    /// (`fa-FA`, a common slip for `fa-IR`) does not stop a registered language from being
    /// read; an unregistered language, script or variant does.
    pub fn check(raw: &str) -> TagCheck {
        let raw = raw.replace('_', "-");
        if raw.is_empty()
            || raw.len() > 35
            || !raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return TagCheck::NotATag;
        }
        let Ok(tag) = LanguageTag::parse(&raw) else {
            return TagCheck::NotATag;
        };
        let language = tag.primary_language();
        // The registry's private-use range `qaa..qtz`, compared as text, also takes two-letter
        // codes (`qq`) the registry lacks: of those only `qu` (Quechua) is a language.
        let special = matches!(language, "und" | "mul" | "mis" | "zxx")
            || (language.len() == 3 && ("qaa"..="qtz").contains(&language))
            || (language.len() == 2 && language.starts_with('q') && language != "qu");
        if tag.private_use().is_some() && language.starts_with('x')
            || language.starts_with("i-")
            || special
        {
            return TagCheck::Unknown(tag.to_string());
        }
        match tag.validate() {
            Ok(()) => {}
            Err(ValidationError::RegionNotInRegistry) if registered_language(language) => {}
            Err(ValidationError::PrimaryLanguageNotInRegistry) => {
                // A word that only has a tag's shape (`readme`, `index`) is no tag at all;
                // a two- or three-letter code is a tag the registry does not know.
                return if (2..=3).contains(&language.len()) && tag.variant().is_none() {
                    TagCheck::Unknown(tag.to_string())
                } else {
                    TagCheck::NotATag
                };
            }
            Err(ValidationError::VariantNotInRegistry) => return TagCheck::NotATag,
            Err(_) => return TagCheck::Unknown(tag.to_string()),
        }
        if tag.extension().is_some() || tag.private_use().is_some() {
            return TagCheck::Unknown(tag.to_string());
        }
        TagCheck::Known(Locale {
            tag: tag.to_string(),
        })
    }

    /// English, `en`: the source language when none is configured.
    pub fn english() -> Locale {
        Locale {
            tag: "en".to_string(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.tag
    }

    pub fn language(&self) -> &str {
        self.tag.split('-').next().unwrap_or(&self.tag)
    }

    /// The script subtag (`Hant` of `zh-Hant-TW`), if the tag has one.
    pub fn script_subtag(&self) -> Option<&str> {
        self.tag
            .split('-')
            .skip(1)
            .find(|part| part.len() == 4 && part.chars().all(|c| c.is_ascii_alphabetic()))
    }

    /// The region subtag (`BR` of `pt-BR`, `419` of `es-419`), if the tag has one.
    pub fn region(&self) -> Option<&str> {
        self.tag.split('-').skip(1).find(|part| {
            (part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()))
                || (part.len() == 3 && part.chars().all(|c| c.is_ascii_digit()))
        })
    }

    /// Same language, whatever the region or script (`en-US` matches `en`).
    pub fn same_language(&self, other: &Locale) -> bool {
        self.language() == other.language()
    }

    /// A bare language tag (`pt`), with no script, region or variant.
    pub fn is_language_only(&self) -> bool {
        self.tag == self.language()
    }

    pub fn data(&self) -> &'static LocaleData {
        data::lookup(self)
    }

    /// Whether loclint has data for this locale's language (otherwise it is checked with the
    /// conventions of its script, and told so).
    pub fn has_data(&self) -> bool {
        data::knows(self)
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

fn registered_language(language: &str) -> bool {
    LanguageTag::parse(language).is_ok_and(|tag| tag.validate().is_ok())
}

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

    #[test]
    fn two_letter_codes_inside_the_private_use_range_are_unknown() {
        assert_eq!(Locale::check("qq"), TagCheck::Unknown("qq".to_string()));
        assert_eq!(Locale::check("qaa"), TagCheck::Unknown("qaa".to_string()));
        assert_eq!(Locale::parse("qu").unwrap().as_str(), "qu");
    }
}
