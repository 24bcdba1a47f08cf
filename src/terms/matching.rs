//! Finding a term in a block, the way each language writes words: whole words by Unicode
//! segmentation, inflected forms by a stemmer, Arabic clitics, German compounds, Korean
//! particles, and Chinese, Japanese or Thai by substring.

use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::document::{Block, TokenKind};
use crate::locale::{char_script, Locale, Script};

/// How the words of one language compare.
pub struct Language {
    stemmer: Option<Stemmer>,
    english: bool,
    /// Japanese: the genitive `の` may stand inside a compound term (`コンテキストの伝搬` for
    /// `コンテキスト伝搬`), so unspaced text and terms are compared without it.
    no_particle: bool,
    hindi: bool,
    clitics: bool,
    compounds: bool,
}

impl Language {
    pub fn of(locale: &Locale) -> Language {
        let language = locale.language();
        let algorithm = match language {
            "ar" => Some(Algorithm::Arabic),
            "da" => Some(Algorithm::Danish),
            "nl" => Some(Algorithm::Dutch),
            // English inflects little and derives much: Snowball's `exporter`, `specification`
            // and `receiver` would be `export`, `specific` and `receive`. Its endings are
            // stripped by hand (`english_inflection`).
            "en" => None,
            "fi" => Some(Algorithm::Finnish),
            "fr" => Some(Algorithm::French),
            "de" => Some(Algorithm::German),
            "el" => Some(Algorithm::Greek),
            "hu" => Some(Algorithm::Hungarian),
            "it" => Some(Algorithm::Italian),
            "no" | "nb" | "nn" => Some(Algorithm::Norwegian),
            "pt" => Some(Algorithm::Portuguese),
            "ro" => Some(Algorithm::Romanian),
            "ru" | "uk" | "be" => Some(Algorithm::Russian),
            "es" | "ca" | "gl" => Some(Algorithm::Spanish),
            "sv" => Some(Algorithm::Swedish),
            "ta" => Some(Algorithm::Tamil),
            "tr" => Some(Algorithm::Turkish),
            _ => None,
        };
        Language {
            stemmer: algorithm.map(Stemmer::create),
            english: language == "en",
            no_particle: language == "ja",
            hindi: matches!(language, "hi" | "mr" | "ne"),
            clitics: matches!(language, "ar" | "fa" | "ur" | "ps"),
            compounds: matches!(
                language,
                "de" | "nl" | "sv" | "da" | "no" | "nb" | "nn" | "fi" | "is"
            ),
        }
    }

    /// Words written without spaces, matched as they are.
    pub fn of_unspaced() -> Language {
        Language {
            stemmer: None,
            english: false,
            no_particle: false,
            hindi: false,
            clitics: false,
            compounds: false,
        }
    }

    /// A folded word without its Arabic prefixes, in languages that write them on.
    pub fn bare<'a>(&self, folded: &'a str) -> &'a str {
        if self.clitics {
            strip_arabic_prefixes(folded)
        } else {
            folded
        }
    }

    /// The stem of a folded word.
    pub fn stem(&self, folded: &str) -> String {
        self.key(folded)
    }

    /// The key two forms of one word share: folded, then stemmed.
    fn key(&self, folded: &str) -> String {
        if self.english {
            return english_inflection(folded).to_string();
        }
        if self.hindi {
            return hindi_stem(folded).to_string();
        }
        match &self.stemmer {
            Some(stemmer) => stemmer.stem(folded).into_owned(),
            None => folded.to_string(),
        }
    }
}

/// One word of a term or a text: its folded form and its key.
#[derive(Debug, Clone, PartialEq, Eq)]
struct WordKey {
    folded: String,
    key: String,
}

/// A term or rendering ready to be found in text of one language.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// As written in the glossary.
    pub text: String,
    words: Vec<WordKey>,
    /// Written in a script without spaces: found as a substring.
    unspaced: Option<String>,
    case_sensitive: bool,
}

impl Pattern {
    pub fn new(text: &str, language: &Language, case_sensitive: bool) -> Pattern {
        let text = text.trim();
        let unspaced = text
            .chars()
            .any(|c| crate::locale::is_unspaced_script(char_script(c)))
            .then(|| {
                fold(text, false)
                    .chars()
                    .filter(|c| !(c.is_whitespace() || (language.no_particle && *c == 'の')))
                    .collect()
            });
        let words = text
            .unicode_words()
            .map(|w| {
                let folded = fold(w, case_sensitive);
                WordKey {
                    key: language.key(&fold(w, false)),
                    folded,
                }
            })
            .collect();
        Pattern {
            text: text.to_string(),
            words,
            unspaced,
            case_sensitive,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.unspaced.as_deref().is_none_or(str::is_empty)
    }

    /// The key of its first word, for an index of terms; `None` for an unspaced term.
    pub fn first_key(&self) -> Option<&str> {
        if self.unspaced.is_some() {
            return None;
        }
        self.words.first().map(|w| w.key.as_str())
    }
}

/// A block's prose words, folded and keyed once for every term looked for in it.
pub struct BlockWords {
    words: Vec<TextWord>,
    /// The block's text outside masks, folded, with each char's byte offset in the block text:
    /// where unspaced terms are looked for.
    unspaced: Option<(String, Vec<usize>)>,
}

struct TextWord {
    range: Range<usize>,
    /// As written, with case: for case-sensitive terms.
    exact: String,
    folded: String,
    key: String,
    /// The word's forms without Arabic prefixes (`وال`, `بال`, `لل`), folded.
    bare: Vec<String>,
}

impl BlockWords {
    pub fn new(block: &Block, language: &Language) -> BlockWords {
        let mut words = Vec::new();
        let mut unspaced_script = false;
        for token in &block.tokens {
            if token.kind != TokenKind::Word || token.masked {
                continue;
            }
            unspaced_script |= crate::locale::is_unspaced_script(token.script);
            let text = token.text(&block.text);
            let folded = fold(text, false);
            let bare = if language.clitics {
                arabic_bare_forms(&folded)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            } else {
                Vec::new()
            };
            words.push(TextWord {
                range: token.range.clone(),
                exact: fold(text, true),
                key: language.key(&folded),
                folded,
                bare,
            });
        }
        let unspaced = unspaced_script.then(|| {
            let mut folded = String::new();
            let mut offsets = Vec::new();
            for (at, c) in block.text.char_indices() {
                if c.is_whitespace()
                    || (language.no_particle && c == 'の')
                    || block.is_masked(&(at..at + c.len_utf8()))
                {
                    continue;
                }
                // Letters of unspaced scripts and ASCII fold as themselves or their lower
                // case: only the rest pays for normalization.
                if c.is_ascii() {
                    folded.push(c.to_ascii_lowercase());
                    offsets.push(at);
                    continue;
                }
                if crate::locale::is_unspaced_script(char_script(c)) {
                    folded.push(c);
                    offsets.push(at);
                    continue;
                }
                for f in fold(c.encode_utf8(&mut [0; 4]), false).chars() {
                    folded.push(f);
                    offsets.push(at);
                }
            }
            offsets.push(block.text.len());
            (folded, offsets)
        });
        BlockWords { words, unspaced }
    }

    /// Where `pattern` stands in the block, as byte ranges of the block text.
    pub fn find(&self, pattern: &Pattern, language: &Language) -> Vec<Range<usize>> {
        if let Some(needle) = &pattern.unspaced {
            return self.find_unspaced(needle);
        }
        let n = pattern.words.len();
        if n == 0 || self.words.len() < n {
            return Vec::new();
        }
        let mut found = Vec::new();
        let mut start = 0;
        while start + n <= self.words.len() {
            let matched = (0..n).all(|i| {
                self.words[start + i].matches(
                    &pattern.words[i],
                    language,
                    pattern.case_sensitive,
                    i == 0,
                    i + 1 == n,
                )
            });
            if matched {
                found.push(self.words[start].range.start..self.words[start + n - 1].range.end);
                start += n;
            } else {
                start += 1;
            }
        }
        found
    }

    fn find_unspaced(&self, needle: &str) -> Vec<Range<usize>> {
        let Some((haystack, offsets)) = &self.unspaced else {
            return Vec::new();
        };
        if needle.is_empty() {
            return Vec::new();
        }
        let char_starts: Vec<usize> = haystack.char_indices().map(|(at, _)| at).collect();
        let mut found = Vec::new();
        for (at, _) in haystack.match_indices(needle) {
            let first = char_starts.partition_point(|&s| s < at);
            let last = char_starts.partition_point(|&s| s < at + needle.len());
            let end = offsets
                .get(last)
                .copied()
                .unwrap_or_else(|| offsets[offsets.len() - 1]);
            found.push(offsets[first]..end.max(offsets[first] + 1));
        }
        found
    }

    /// Every word's key, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|w| w.key.as_str())
    }

    /// Every word's range in the block text and its folded form, in order.
    pub fn words(&self) -> impl Iterator<Item = (&Range<usize>, &str)> {
        self.words.iter().map(|w| (&w.range, w.folded.as_str()))
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

impl TextWord {
    fn matches(
        &self,
        word: &WordKey,
        language: &Language,
        case_sensitive: bool,
        first: bool,
        last: bool,
    ) -> bool {
        if case_sensitive {
            return self.exact == word.folded
                || (self.key == word.key && self.exact.starts_with(first_char(&word.folded)));
        }
        if self.folded == word.folded || (!self.key.is_empty() && self.key == word.key) {
            return true;
        }
        // Korean particles are written onto the word (`대시보드에서`).
        if is_hangul(&word.folded) {
            return self.folded.starts_with(&word.folded);
        }
        if language.clitics {
            let term = strip_arabic_prefixes(&word.folded);
            let stem = term.strip_suffix('ة').unwrap_or(term);
            return self.bare.iter().any(|bare| {
                if first && (bare == term || language.key(bare) == language.key(term)) {
                    return true;
                }
                if !first && bare != &self.folded {
                    return false;
                }
                // Suffixes: a plural or a pronoun (`منتجات`, `منتجها`); ة becomes ت before them.
                term.chars().count() >= 3
                    && bare
                        .strip_prefix(stem)
                        .is_some_and(|rest| ARABIC_SUFFIXES.contains(&rest))
            });
        }
        if language.compounds && word.folded.chars().count() >= 4 {
            // A compound holds the term at its head (`Arbeitsbereichseinstellungen`), or for the
            // phrase's last word at its tail, an inflection after it
            // (`Zahlungserinnerungen`, `Team-Arbeitsbereich`).
            if self.folded.starts_with(&word.folded) {
                return true;
            }
            if last {
                if let Some(at) = self.folded.rfind(&word.folded) {
                    return self.folded.len() - at - word.folded.len() <= 3;
                }
            }
            return false;
        }
        false
    }
}

fn first_char(text: &str) -> &str {
    text.char_indices()
        .nth(1)
        .map_or(text, |(at, _)| &text[..at])
}

fn is_hangul(text: &str) -> bool {
    text.chars().any(|c| char_script(c) == Script::Hangul)
}

/// Suffixes an Arabic-script noun takes: plurals, duals, attached pronouns, an accusative alef,
/// and Persian `ها`, `های` (folded: `ی` as `ي`, the joiner dropped).
const ARABIC_SUFFIXES: &[&str] = &[
    "", "ا", "ات", "ان", "ين", "ون", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا", "ي", "ته",
    "تها", "تك", "تنا", "تي", "تهم", "هاي", "اي", "ان",
];

/// The forms of an Arabic-script word without its prefixes: a conjunction (`و`, `ف`), a
/// preposition (`ب`, `ل`, `ك`), the article (`ال`, `لل`), alone or together.
fn arabic_bare_forms(word: &str) -> Vec<&str> {
    let long_enough = |rest: &str| rest.chars().count() >= 2;
    let mut forms = vec![word];
    let mut stage = vec![word];
    for prefixes in [&["و", "ف"][..], &["ب", "ل", "ك"][..], &["ال"][..]] {
        let mut next = stage.clone();
        for form in &stage {
            for prefix in prefixes {
                if let Some(rest) = form.strip_prefix(prefix) {
                    if long_enough(rest) {
                        next.push(rest);
                    }
                }
            }
            // `لل`: `ل` and the article, its alef dropped.
            if let Some(rest) = form.strip_prefix("لل") {
                if long_enough(rest) && prefixes.contains(&"ال") {
                    next.push(rest);
                }
            }
        }
        forms.extend(next.iter().copied());
        stage = next;
    }
    forms.sort_unstable();
    forms.dedup();
    forms
}

/// The word without its prefixes, the longest strip: how a term is indexed.
fn strip_arabic_prefixes(word: &str) -> &str {
    arabic_bare_forms(word)
        .into_iter()
        .min_by_key(|form| form.len())
        .unwrap_or(word)
}

/// An English noun without its plural or possessive ending (`workspaces`, `libraries`,
/// `Guru's` -> `workspace`, `library`, `guru`). Glossary terms are nouns: `exported`,
/// `sampling` and `signaling` are other words than `export`, `sample` and `signal`, and
/// Snowball's `exporter` -> `export` would be another word too.
fn english_inflection(word: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let word = word.strip_suffix("'s").unwrap_or(word);
    let long = |stem: &str| stem.chars().count() >= 3;
    if let Some(stem) = word.strip_suffix("ies").filter(|s| long(s)) {
        return Cow::Owned(format!("{stem}y"));
    }
    for ending in ["sses", "shes", "ches", "xes"] {
        if let Some(stem) = word.strip_suffix(ending).filter(|s| long(s)) {
            return Cow::Owned(format!("{stem}{}", &ending[..ending.len() - 2]));
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if long(stem) && !stem.ends_with(['s', 'u', 'i']) => Cow::Borrowed(stem),
        _ => Cow::Borrowed(word),
    }
}

/// A light Hindi stemmer: inflectional endings of nouns, adjectives and verbs, longest first.
fn hindi_stem(word: &str) -> &str {
    const SUFFIXES: &[&str] = &[
        "ाएंगी",
        "ाएंगे",
        "ाऊंगी",
        "ाऊंगा",
        "ाइयाँ",
        "ाइयों",
        "ाइयां",
        "ाएगी",
        "ाएगा",
        "ाओगी",
        "ाओगे",
        "एंगी",
        "ेंगी",
        "एंगे",
        "ेंगे",
        "ूंगी",
        "ूंगा",
        "ातीं",
        "नाओं",
        "नाएं",
        "ताओं",
        "ताएं",
        "ियाँ",
        "ियों",
        "ियां",
        "ाकर",
        "ाइए",
        "ाईं",
        "ाया",
        "ेगी",
        "ेगा",
        "ोगी",
        "ोगे",
        "ाने",
        "ाना",
        "ाते",
        "ाती",
        "ाता",
        "तीं",
        "ाओं",
        "ाएं",
        "ुओं",
        "ुएं",
        "ुआं",
        "ाओ",
        "िए",
        "ाई",
        "ाए",
        "ीं",
        "ाँ",
        "ां",
        "ों",
        "ें",
        "ो",
        "े",
        "ू",
        "ु",
        "ी",
        "ि",
        "ा",
    ];
    for suffix in SUFFIXES {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().count() >= 2 {
                return stem;
            }
        }
    }
    word
}

/// The form words compare in: NFC; tatweel, Arabic short vowels and Indic nukta dropped; the
/// Arabic and Persian forms of a letter made one; and, unless `case_sensitive`, lower case
/// without accents (Latin, Cyrillic, Greek) and French or Italian elision (`l'espace`) left out.
pub fn fold(text: &str, case_sensitive: bool) -> String {
    // Most words are plain ASCII or Chinese and Japanese letters: no normalization to do.
    if text
        .chars()
        .all(|c| crate::locale::is_unspaced_script(char_script(c)))
    {
        return text.to_string();
    }
    if text.is_ascii() && !text.contains('\'') {
        return if case_sensitive {
            text.to_string()
        } else {
            text.to_ascii_lowercase()
        };
    }
    let mut out = String::with_capacity(text.len());
    let text: String = if case_sensitive {
        text.nfc().collect()
    } else {
        text.nfd().collect()
    };
    for c in text.chars() {
        match c {
            '\u{0640}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{093C}'
            | '\u{09BC}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{00AD}' => {}
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ى' | 'ی' => out.push('ي'),
            'ک' => out.push('ك'),
            '\u{0901}' => out.push('\u{0902}'),
            '’' | 'ʼ' => out.push('\''),
            'ß' if !case_sensitive => out.push_str("ss"),
            '\u{0300}'..='\u{036F}' if !case_sensitive => {}
            c if !case_sensitive => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
    if case_sensitive {
        return out;
    }
    let out: String = out.nfc().collect();
    // `l'espace`, `d'équipe`, `qu'un`: the article is not part of the word.
    match out.split_once('\'') {
        Some((head, tail))
            if !tail.is_empty()
                && head.chars().count() <= 2
                && head.chars().all(|c| c.is_alphabetic()) =>
        {
            tail.to_string()
        }
        _ => match out.strip_suffix("'s") {
            Some(stem) if !stem.is_empty() => stem.to_string(),
            _ => out,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::source::SourceFile;

    fn found(locale: &str, term: &str, text: &str) -> Vec<String> {
        let locale = Locale::parse(locale).unwrap();
        let language = Language::of(&locale);
        let file = SourceFile::new("t.md", text);
        let document = Document::parse(&file, crate::document::Format::Markdown);
        let pattern = Pattern::new(term, &language, false);
        document
            .blocks
            .iter()
            .flat_map(|block| {
                let words = BlockWords::new(block, &language);
                words
                    .find(&pattern, &language)
                    .into_iter()
                    .map(|r| block.text[r].to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn arabic_clitics_and_suffixes() {
        for form in [
            "المنتج",
            "والمنتج",
            "بالمنتج",
            "للمنتج",
            "منتجات",
            "ومنتجها",
            "المنـتج",
            "لمنتج",
        ] {
            assert_eq!(
                found("ar", "منتج", &format!("هذا {form} جيد.")),
                [form],
                "{form}"
            );
        }
        assert!(found("ar", "منتج", "هذا منتدى جيد.").is_empty());
    }

    #[test]
    fn russian_cases_and_phrases() {
        let text = "Откройте рабочее пространство. Настройки рабочего пространства. В рабочем пространстве.";
        assert_eq!(found("ru", "рабочее пространство", text).len(), 3);
        assert!(found("ru", "рабочее пространство", "Рабочий стол.").is_empty());
    }

    #[test]
    fn german_compounds() {
        let text = "Die Arbeitsbereichseinstellungen und der Team-Arbeitsbereich.";
        assert_eq!(found("de", "Arbeitsbereich", text).len(), 2);
        assert_eq!(
            found("de", "Erinnerung", "Zahlungserinnerungen senden").len(),
            1
        );
        assert!(found("de", "Arbeitsbereich", "Der Bereich.").is_empty());
    }

    #[test]
    fn hindi_inflection_and_nukta() {
        assert_eq!(found("hi", "उत्पाद", "सभी उत्पादों की सूची।").len(), 1);
        assert_eq!(found("hi", "फ़ाइल", "यह फाइल खोलें।").len(), 1);
        assert!(found("hi", "उत्पाद", "उत्पादक से पूछें।").is_empty());
    }

    #[test]
    fn cjk_by_substring_and_korean_particles() {
        assert_eq!(
            found("ja", "ワークスペース", "ワークスペースを開きます。").len(),
            1
        );
        assert_eq!(found("zh", "工作区", "打开工作区设置。").len(), 1);
        assert_eq!(found("ko", "대시보드", "대시보드에서 확인하세요.").len(), 1);
        assert_eq!(
            found("ja", "コンテキスト伝搬", "コンテキストの伝搬を使います。").len(),
            1
        );
    }

    #[test]
    fn latin_folding_elision_and_english_plurals() {
        assert_eq!(
            found("fr", "espace", "Ouvrez l'espace de travail.").len(),
            1
        );
        assert_eq!(found("fr", "équipe", "Les equipes et l’équipe.").len(), 2);
        assert_eq!(found("en", "workspace", "Two workspaces.").len(), 1);
        assert!(found("en", "work", "A workspace.").is_empty());
        assert_eq!(found("en", "library", "Two libraries.").len(), 1);
        assert!(found("en", "exporter", "Export it.").is_empty());
        assert!(found("en", "specification", "A specific one.").is_empty());
        assert!(found("en", "sample", "Sampling.").is_empty());
    }
}

/// Where `text` holds a variant of `rendering`, the approved rendering nearly: most of its
/// beginning (half its letters, two at least) where a word starts (`Arbeitsumgebung` for
/// `Arbeitsbereich`, `セマンティック規則` for `セマンティック規約`), or, for a rendering of
/// several words, most of one of its words of four letters or more (`répertoire synchronisé`
/// for `dossier synchronisé`). The range runs on to the end of the word so found. Case is
/// folded.
pub fn variant_in(text: &str, rendering: &str) -> Option<Range<usize>> {
    let words: Vec<&str> = rendering.split_whitespace().collect();
    if let [word] = words.as_slice() {
        let letters = word.chars().count();
        return prefix_at_word_start(text, word, letters.div_ceil(2).max(2));
    }
    let (index, found) = words.iter().enumerate().find_map(|(index, w)| {
        (w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
            .then(|| prefix_at_word_start(text, w, (w.chars().count() * 2).div_ceil(3)))
            .flatten()
            .map(|found| (index, found))
    })?;
    // The words the rendering has around the one found stand around it in the variant too
    // (`répertoire synchronisé` for `dossier synchronisé`).
    let before = text[..found.start]
        .split_whitespace()
        .rev()
        .take(index)
        .last()
        .and_then(|w| text[..found.start].rfind(w));
    let after_words = words.len() - index - 1;
    let after = (after_words > 0)
        .then(|| {
            let rest = &text[found.end..];
            let word = rest.split_whitespace().take(after_words).last()?;
            let at = rest.find(word)?;
            Some(found.end + at + word.trim_end_matches(|c: char| !c.is_alphanumeric()).len())
        })
        .flatten();
    Some(before.unwrap_or(found.start)..after.unwrap_or(found.end))
}

/// The longest beginning of `word`, `min` characters or more, that stands in `text` where a
/// word starts (anywhere in Han, written without word breaks), run on to its word's end.
fn prefix_at_word_start(text: &str, word: &str, min: usize) -> Option<Range<usize>> {
    let word: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    if word.len() < min {
        return None;
    }
    let mut best: Option<(usize, Range<usize>)> = None;
    let mut previous: Option<char> = None;
    for (start, c) in text.char_indices() {
        let starts_word = match previous {
            None => true,
            Some(p) => {
                !p.is_alphabetic()
                    || char_script(p) != char_script(c)
                    || char_script(c) == Script::Han
            }
        };
        previous = Some(c);
        if !starts_word || !c.is_alphabetic() {
            continue;
        }
        let mut matched = 0;
        let mut end = start;
        for (offset, t) in text[start..].char_indices() {
            let mut lower = t.to_lowercase();
            if matched < word.len() && lower.next() == Some(word[matched]) && lower.next().is_none()
            {
                matched += 1;
                end = start + offset + t.len_utf8();
            } else {
                break;
            }
        }
        let Some(reach) = rest_follows(&word, matched, &text[end..]) else {
            continue;
        };
        if matched >= min && best.as_ref().is_none_or(|(m, _)| matched > *m) {
            let end = end + reach;
            let script = text[..end].chars().next_back().map(char_script);
            let run = text[end..]
                .char_indices()
                .find(|&(_, t)| {
                    !t.is_alphabetic()
                        || !matches!(char_script(t), s if Some(s) == script
                            || matches!(s, Script::Common | Script::Inherited))
                })
                .map_or(text.len(), |(offset, _)| end + offset);
            best = Some((matched, start..run));
        }
    }
    best.map(|(_, range)| range)
}

/// Whether a beginning of `word` that ends where one of its parts ends (`コンテキスト` of
/// `コンテキスト伝搬`: a word of its own) has the next part close after it in `after`
/// (`セマンティックな規約`): a part alone is another word, not a variant of the whole.
/// Gives how far the variant reaches past the beginning matched (bytes), or `None`.
fn rest_follows(word: &[char], matched: usize, after: &str) -> Option<usize> {
    let script =
        |c: char| Some(char_script(c)).filter(|s| !matches!(s, Script::Common | Script::Inherited));
    let (Some(&last), Some(&next)) = (word.get(matched.wrapping_sub(1)), word.get(matched)) else {
        return Some(0);
    };
    if script(last) == script(next) {
        return Some(0);
    }
    let part: String = word[matched..]
        .iter()
        .take_while(|&&c| script(c) == script(next))
        .collect();
    let window_end = after
        .char_indices()
        .nth(part.chars().count() + 2)
        .map_or(after.len(), |(i, _)| i);
    let at = after[..window_end].find(&part)?;
    Some(at + part.len())
}

#[cfg(test)]
mod variant_tests {
    use super::variant_in;

    fn variant<'a>(text: &'a str, rendering: &str) -> Option<&'a str> {
        variant_in(text, rendering).map(|r| &text[r])
    }

    #[test]
    fn a_variant_keeps_most_of_the_rendering_s_beginning() {
        assert_eq!(
            variant(
                "Mitglieder sehen alles in der Arbeitsumgebung.",
                "Arbeitsbereich"
            ),
            Some("Arbeitsumgebung")
        );
        assert_eq!(
            variant(
                "## Choisir un répertoire synchronisé",
                "dossier synchronisé"
            ),
            Some("répertoire synchronisé")
        );
        assert_eq!(
            variant("状況はセマンティック規則に従います。", "セマンティック規約"),
            Some("セマンティック規則")
        );
        assert_eq!(
            variant("バゲージプロセッサーを使います。", "バゲッジ"),
            Some("バゲージプロセッサー")
        );
    }

    #[test]
    fn another_word_is_no_variant() {
        // Another word for the same thing, or the word in another sense: nothing of it.
        assert_eq!(variant("将右侧面板中的图表拖到看板上。", "仪表板"), None);
        assert_eq!(variant("あらゆる指標において", "メトリクス"), None);
        // One part of a compound is a word of its own, unless the rest follows close by.
        assert_eq!(
            variant("正しいコンテキストを持つスパン", "コンテキスト伝搬"),
            None
        );
        assert_eq!(
            variant("セマンティックな規約に従う", "セマンティック規約"),
            Some("セマンティックな規約")
        );
        // A beginning inside a word is no word's beginning; too short a beginning says nothing.
        assert_eq!(
            variant("Die Zusammenarbeit beginnt.", "Arbeitsbereich"),
            None
        );
        assert_eq!(variant("Arbeiten Sie mit.", "Arbeitsbereich"), None);
    }
}
