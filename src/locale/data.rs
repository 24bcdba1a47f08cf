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
    /// Marks that end a question. An empty list means the language marks questions elsewhere
    /// than at their end (Armenian), and loclint does not compare them with the source.
    #[serde(default = "default_question_marks")]
    pub question_marks: Vec<char>,
    /// Endings that make a sentence a question without a question mark (Japanese `か。`, and
    /// `とは` in headings): such a sentence may translate a source question.
    #[serde(default)]
    pub question_endings: Vec<String>,
    /// Interrogative words: a translation of a source question must hold one to be held to a
    /// question mark. Without them, loclint does not compare questions.
    #[serde(default)]
    pub question_words: Vec<String>,
    /// Punctuation of another writing convention, and what this language writes instead
    /// (Hindi `.` ending a sentence: `।`; Arabic `,`: `،`).
    #[serde(default)]
    pub foreign_punctuation: Vec<ForeignMark>,
    /// Abbreviations in the language's own script that end with a full stop (`डॉ`), which
    /// therefore does not end a sentence.
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Marks preceded by a (no-break) space (French `;` `:` `!` `?` `»`).
    #[serde(default)]
    pub space_before: Vec<SpacedMark>,
    /// Marks followed by a (no-break) space (French `«`).
    #[serde(default)]
    pub space_after: Vec<SpacedMark>,
    /// Whether an opening bracket follows its word with no space (Korean `경험(CX)`).
    #[serde(default)]
    pub brackets_attach: bool,
    /// Quotation marks that belong to a word when they stand between two letters (Hebrew
    /// gershayim typed as `"`: `צה"ל`).
    #[serde(default)]
    pub word_internal_quotes: Vec<char>,
    /// One-letter words written joined to the next word, even to a bracket (Arabic `و(SaaS)`).
    #[serde(default)]
    pub attached_prefixes: Vec<String>,
    /// Whether a full stop glued to the next word of the language's script is a missing space:
    /// true where the script has no capitals to tell a sentence from an abbreviation, and the
    /// language writes no abbreviations with inner stops (Korean `합니다.수석`).
    #[serde(default)]
    pub space_after_full_stop: bool,
    /// Opening marks that a question or exclamation needs (Spanish `¿...?`, `¡...!`).
    #[serde(default)]
    pub inverted_marks: Vec<InvertedMark>,
    /// Whether any word may be doubled grammatically (Hindi `धीरे धीरे`): only the words in
    /// `never-doubled` are then reported when doubled.
    #[serde(default)]
    pub reduplication: bool,
    /// With `reduplication`: postpositions, particles and auxiliaries, never doubled.
    #[serde(default)]
    pub never_doubled: Vec<String>,
    /// Words spelled with a comma inside (Greek `ό,τι`): no missing space.
    #[serde(default)]
    pub comma_words: Vec<String>,
    /// Words that are grammatical when doubled (English `had had`, French `vous vous`).
    #[serde(default)]
    pub doubled_words: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct QuotePair {
    pub open: char,
    pub close: char,
}

/// A mark that belongs to another convention, and its replacement in this language.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ForeignMark {
    pub mark: char,
    pub replacement: char,
    /// Where the mark is wrong.
    #[serde(default)]
    pub at: MarkPlace,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum MarkPlace {
    /// After a letter of the language's script, wherever it stands.
    #[default]
    AfterLetter,
    /// Only where it ends a sentence (not in abbreviations).
    SentenceEnd,
}

/// A mark and the space that goes with it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SpacedMark {
    pub mark: char,
    pub space: char,
}

/// An opening mark that its closing mark requires (`¿` for `?`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct InvertedMark {
    pub open: char,
    pub close: char,
}

impl LocaleData {
    /// Whether the language puts spaces between its words (not Chinese, Japanese, Thai).
    pub fn spaces_words(&self) -> bool {
        !self
            .scripts
            .iter()
            .any(|s| super::script::is_unspaced_script(*s))
    }

    /// The quotation marks that open a quotation in this language.
    pub fn opens_quote(&self, c: char) -> bool {
        self.quotes.iter().any(|q| q.open == c)
    }

    /// The quotation marks that close a quotation in this language.
    pub fn closes_quote(&self, c: char) -> bool {
        self.quotes.iter().any(|q| q.close == c)
    }

    /// Whether `(open, close)` is one of this language's quotation pairs.
    pub fn is_quote_pair(&self, open: char, close: char) -> bool {
        self.quotes
            .iter()
            .any(|q| q.open == open && q.close == close)
    }

    /// The rank of a quotation pair among this language's (0: primary), if it is one.
    pub fn quote_rank(&self, open: char, close: char) -> Option<usize> {
        self.quotes
            .iter()
            .position(|q| q.open == open && q.close == close)
    }

    pub fn is_doubled_word(&self, lowercase: &str) -> bool {
        self.doubled_words.iter().any(|w| w == lowercase)
    }

    pub fn is_never_doubled(&self, lowercase: &str) -> bool {
        self.never_doubled.iter().any(|w| w == lowercase)
    }
}

fn default_terminators() -> Vec<String> {
    [".", "!", "?"].iter().map(|s| s.to_string()).collect()
}

fn default_question_marks() -> Vec<char> {
    vec!['?']
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

#[allow(clippy::expect_used)] // the embedded table is parsed by the test suite
fn table() -> &'static HashMap<String, LocaleData> {
    TABLE.get_or_init(|| {
        let table: Table = toml::from_str(include_str!("locales.toml"))
            .expect("locales.toml is checked by the test suite");
        table.languages
    })
}

/// Full tag first (`zh-Hant`), then the language with its script (`zh-Hant` of `zh-Hant-TW`, or
/// of `zh-TW`, whose region writes Traditional characters), then the language (`zh`), then a
/// Latin-script default.
#[allow(clippy::expect_used)] // the fallback is a literal, parsed by the test suite
pub(super) fn lookup(locale: &Locale) -> &'static LocaleData {
    find(locale).unwrap_or_else(|| {
        FALLBACK.get_or_init(|| {
            toml::from_str("name = \"unknown language\"\nscripts = [\"Latin\"]")
                .expect("the fallback locale data parses")
        })
    })
}

fn find(locale: &Locale) -> Option<&'static LocaleData> {
    let table = table();
    let language = match locale.language() {
        // Norwegian without a written standard named is read as Bokmål.
        "no" => "nb",
        other => other,
    };
    let script = locale
        .script_subtag()
        .or(match (language, locale.region()) {
            ("zh", Some("TW" | "HK" | "MO")) => Some("Hant"),
            _ => None,
        });
    table
        .get(locale.as_str())
        .or_else(|| script.and_then(|s| table.get(&format!("{language}-{s}"))))
        .or_else(|| table.get(language))
}

pub(super) fn knows(locale: &Locale) -> bool {
    find(locale).is_some()
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
    fn punctuation_data_is_consistent() {
        for (code, data) in table() {
            for foreign in &data.foreign_punctuation {
                assert_ne!(foreign.mark, foreign.replacement, "{code}");
                assert!(
                    !data
                        .foreign_punctuation
                        .iter()
                        .any(|f| f.mark == foreign.replacement),
                    "{code}: {} is both wrong and the replacement",
                    foreign.replacement
                );
            }
            for spaced in data.space_before.iter().chain(&data.space_after) {
                assert!(spaced.space.is_whitespace(), "{code}: {:?}", spaced.space);
            }
            assert!(
                data.never_doubled.is_empty() || data.reduplication,
                "{code}: never-doubled without reduplication"
            );
        }
    }

    #[test]
    fn quotes_follow_cldr_delimiters() {
        let primary = |code: &str| {
            let q = table()[code].quotes[0];
            format!("{}{}", q.open, q.close)
        };
        for (code, pair) in [
            ("en", "“”"),
            ("fr", "«»"),
            ("de", "„“"),
            ("sv", "””"),
            ("fi", "””"),
            ("pl", "„”"),
            ("ru", "«»"),
            ("ar", "”“"),
            ("ur", "”“"),
            ("ja", "「」"),
            ("zh", "“”"),
            ("zh-Hant", "「」"),
        ] {
            assert_eq!(primary(code), pair, "{code}");
        }
        let german = &table()["de"];
        assert!(german.opens_quote('„') && german.closes_quote('“'));
        assert!(!german.opens_quote('“'));
        assert_eq!(german.quote_rank('‚', '‘'), Some(1));
    }

    #[test]
    fn regional_tags_are_looked_up_before_their_language() {
        let canada = Locale::parse("fr-CA").unwrap();
        assert!(!canada.data().space_before.iter().any(|s| s.mark == '?'));
        let france = Locale::parse("fr-FR").unwrap();
        assert!(france.data().space_before.iter().any(|s| s.mark == '?'));
    }

    #[test]
    fn regional_variants_fall_back_to_their_language() {
        let hindi = Locale::parse("hi-IN").unwrap();
        assert_eq!(hindi.data().scripts, vec![Script::Devanagari]);
        let unknown = Locale::parse("wo").unwrap();
        assert_eq!(unknown.data().scripts, vec![Script::Latin]);
    }
}
