//! Terminology: the team's glossary compiled for matching, each document's words keyed once for
//! every term looked for, and the renderings a translation gives a source term, learned from
//! aligned blocks when no glossary says them.

pub mod glossary;
pub mod learned;
mod matching;
pub mod table;
mod tbx;

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

pub use glossary::{Entry, Glossary, GlossaryError, InlineTerm, Rendering, Status};
pub use matching::{fold, variant_in, BlockWords, Language, Pattern};

use crate::document::Document;
use crate::locale::Locale;

/// The glossary with every term and rendering compiled for matching, once per run.
pub struct Terminology {
    pub glossary: Glossary,
    source_language: Language,
    /// Per entry: its source forms.
    source_patterns: Vec<Vec<Pattern>>,
    /// Per entry: its renderings, compiled in their own language.
    rendering_patterns: Vec<Vec<Pattern>>,
    /// Entries by the key of their first source word.
    by_first_word: HashMap<String, Vec<usize>>,
    /// Entries written in a script without spaces, looked for in every block.
    unspaced: Vec<usize>,
    source_is_english: bool,
}

impl fmt::Debug for Terminology {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Terminology")
            .field("entries", &self.glossary.entries.len())
            .finish()
    }
}

impl Default for Terminology {
    fn default() -> Self {
        Terminology::new(Glossary::default(), &Locale::english())
    }
}

/// A glossary entry found in a source block.
pub struct Found {
    pub entry: usize,
    /// Where, in the block text.
    pub ranges: Vec<Range<usize>>,
}

impl Terminology {
    pub fn new(glossary: Glossary, source_locale: &Locale) -> Terminology {
        let source_language = Language::of(source_locale);
        let mut terminology = Terminology {
            source_patterns: Vec::new(),
            rendering_patterns: Vec::new(),
            by_first_word: HashMap::new(),
            unspaced: Vec::new(),
            source_is_english: source_locale.language() == "en",
            source_language,
            glossary: Glossary::default(),
        };
        for (n, entry) in glossary.entries.iter().enumerate() {
            let patterns: Vec<Pattern> = entry
                .forms()
                .map(|form| Pattern::new(form, &terminology.source_language, entry.case_sensitive))
                .filter(|p| !p.is_empty())
                .collect();
            for pattern in &patterns {
                match pattern.first_key() {
                    Some(key) => terminology
                        .by_first_word
                        .entry(key.to_string())
                        .or_default()
                        .push(n),
                    None => terminology.unspaced.push(n),
                }
            }
            terminology.source_patterns.push(patterns);
            terminology.rendering_patterns.push(
                entry
                    .renderings
                    .iter()
                    .map(|r| Pattern::new(&r.text, &Language::of(&r.locale), entry.case_sensitive))
                    .collect(),
            );
        }
        for list in terminology.by_first_word.values_mut() {
            list.dedup();
        }
        terminology.unspaced.dedup();
        terminology.glossary = glossary;
        terminology
    }

    pub fn is_empty(&self) -> bool {
        self.glossary.is_empty()
    }

    pub fn source_language(&self) -> &Language {
        &self.source_language
    }

    /// The glossary entries a source block holds, with where.
    ///
    /// An occurrence inside an identifier (`kube-state-metrics`, `span_exporter`) is not the
    /// term, nor, in an English source, a noun term used as a verb (`that span`, `to signal`).
    pub fn found_in(&self, block: &crate::document::Block, words: &BlockWords) -> Vec<Found> {
        let mut candidates: Vec<usize> = words
            .keys()
            .filter_map(|key| self.by_first_word.get(key))
            .flatten()
            .copied()
            .chain(self.unspaced.iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|entry| {
                let mut ranges: Vec<Range<usize>> = self.source_patterns[entry]
                    .iter()
                    .flat_map(|p| words.find(p, &self.source_language))
                    .filter(|range| {
                        !(in_identifier(&block.text, range)
                            || (self.source_is_english && used_as_verb(&block.text, range)))
                    })
                    .collect();
                ranges.sort_by_key(|r| r.start);
                ranges.dedup();
                (!ranges.is_empty()).then_some(Found { entry, ranges })
            })
            .collect()
    }

    /// An entry's renderings for `locale`, with their compiled patterns.
    pub fn renderings_for(&self, entry: usize, locale: &Locale) -> Vec<(&Rendering, &Pattern)> {
        let chosen = self.glossary.entries[entry].renderings_for(locale);
        self.glossary.entries[entry]
            .renderings
            .iter()
            .zip(&self.rendering_patterns[entry])
            .filter(|(r, _)| chosen.iter().any(|c| std::ptr::eq(*c, *r)))
            .collect()
    }
}

/// Whether `range` of `text` is part of an identifier: joined to letters by `-`, `_`, `.` or
/// `/` on either side.
fn in_identifier(text: &str, range: &Range<usize>) -> bool {
    let joined = |c: Option<char>, next: Option<char>| {
        matches!(c, Some('-' | '_' | '.' | '/')) && next.is_some_and(char::is_alphanumeric)
    };
    let mut before = text[..range.start].chars().rev();
    let mut after = text[range.end..].chars();
    let (b1, b2) = (before.next(), before.next());
    let (a1, a2) = (after.next(), after.next());
    joined(b1, b2) || joined(a1, a2) || b1.is_some_and(|c| c == '_') || a1.is_some_and(|c| c == '_')
}

/// Whether the English word at `range` follows a word after which a verb stands (`to`, a
/// modal, a relative pronoun): `traces that span services`, `to signal`.
pub fn used_as_verb(text: &str, range: &Range<usize>) -> bool {
    used_as_verb_within(text, range, 3)
}

/// [`used_as_verb`], also through a list of verbs (`to receive, process, and export`):
/// `depth` words back at most.
fn used_as_verb_within(text: &str, range: &Range<usize>, depth: usize) -> bool {
    if depth > 0 {
        let before = &text[..range.start];
        let trimmed = before.trim_end();
        let listed = trimmed
            .strip_suffix(" and")
            .or_else(|| trimmed.strip_suffix(" or"))
            .map(|t| t.trim_end_matches(',').trim_end())
            .or_else(|| trimmed.strip_suffix(',').map(str::trim_end));
        if let Some(listed) = listed {
            let start = listed
                .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
                .map_or(0, |i| {
                    i + listed[i..].chars().next().map_or(1, char::len_utf8)
                });
            if start < listed.len() && used_as_verb_within(text, &(start..listed.len()), depth - 1)
            {
                return true;
            }
        }
    }
    const BEFORE_VERBS: &[&str] = &[
        "to", "can", "could", "will", "would", "may", "might", "must", "should", "shall", "that",
        "which", "who", "they", "we", "you", "i", "it", "don't", "doesn't", "didn't", "not",
    ];
    let previous = text[..range.start]
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .rev()
        .find(|w| !w.is_empty());
    let gap = &text[..range.start];
    let directly = gap
        .trim_end_matches(|c: char| c.is_whitespace())
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || c == '\'');
    if !directly {
        return false;
    }
    let Some(previous) = previous.map(|w| w.to_lowercase().replace('’', "'")) else {
        return false;
    };
    if BEFORE_VERBS.contains(&previous.as_str()) {
        return true;
    }
    let word = text[range.clone()].to_lowercase();
    let next = text[range.end..]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .map(str::to_lowercase);
    // `this signals`: no noun follows `this` in the plural. `examples span a range`: a plural
    // subject, then an article.
    let third_person = word.ends_with('s') && !word.ends_with("ss");
    (previous == "this" && third_person)
        // `the SIG signals that`, `signals to the team`: a plural noun takes no `that`.
        || (third_person
            && text[range.end..].starts_with(' ')
            && next.as_deref().is_some_and(|n| n == "that"))
        || (previous.len() > 3
            && previous.ends_with('s')
            && !previous.ends_with("ss")
            && text[range.end..].starts_with(' ')
            && next.is_some_and(|n| matches!(n.as_str(), "a" | "an" | "the")))
}

/// A document's blocks, their words keyed once in the document's language.
pub struct DocumentWords {
    pub language: Language,
    pub blocks: Vec<BlockWords>,
}

impl DocumentWords {
    pub fn new(document: &Document, locale: &Locale) -> DocumentWords {
        let language = Language::of(locale);
        let blocks = document
            .blocks
            .iter()
            .map(|block| BlockWords::new(block, &language))
            .collect();
        DocumentWords { language, blocks }
    }
}

/// The first word of a block, or a run of words, that writes the Latin name `name` in another
/// script (`गुरु` for `Guru`), as a range of the block text. A word that writes one of
/// `others` (the source block's other words) more closely is that word's (`トリガー` is
/// `trigger`, not `trace`).
pub fn transliteration_in(
    block: &crate::document::Block,
    words: &BlockWords,
    name: &str,
    others: &[&str],
) -> Option<Range<usize>> {
    use crate::locale::transliteration::transliteration_distance;
    let parts: Vec<&str> = name.split_whitespace().collect();
    let n = parts.len().max(1);
    let list: Vec<(&Range<usize>, &str)> = words.words().collect();
    list.windows(n).find_map(|window| {
        let all = window.iter().zip(&parts).all(|((range, _), part)| {
            let word = &block.text[(*range).clone()];
            let Some(distance) = transliteration_distance(part, word) else {
                return false;
            };
            !others.iter().any(|other| {
                let other = crate::document::name_form(other);
                // The name itself, possessive or plural (`Guru's`, `Gurus`), is no other word;
                // `builder` and `locales` are.
                let (other_lower, part_lower) = (other.to_lowercase(), part.to_lowercase());
                let same = other_lower == part_lower
                    || ["s", "es"].iter().any(|ending| {
                        other_lower.strip_suffix(ending) == Some(part_lower.as_str())
                    });
                !same
                    && english_forms(other).into_iter().any(|form| {
                        // As close or closer: the word is as much the other's.
                        transliteration_distance(form, word).is_some_and(|d| d <= distance)
                    })
            })
        });
        all.then(|| window[0].0.start..window[n - 1].0.end)
    })
}

/// A word and its forms without an English ending (`triggers`, `triggered`: `trigger`).
fn english_forms(word: &str) -> Vec<&str> {
    let mut forms = vec![word];
    for ending in ["ing", "ed", "es", "s", "er", "ly"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if stem.len() >= 3 {
                forms.push(stem);
            }
        }
    }
    forms
}

/// The Latin words of a source block, for [`transliteration_in`]'s comparison.
pub fn latin_words(block: &crate::document::Block) -> Vec<&str> {
    block
        .words()
        .filter(|t| t.script == crate::locale::Script::Latin)
        .map(|t| t.text(&block.text))
        .collect()
}

/// Where the source term `term` stands in a translated block as the source writes it (left
/// in Latin), as a range of the block text.
pub fn kept_in(
    block: &crate::document::Block,
    words: &BlockWords,
    term: &str,
) -> Option<Range<usize>> {
    let folded: Vec<String> = term.split_whitespace().map(|w| fold(w, false)).collect();
    let list: Vec<(&Range<usize>, &str)> = words.words().collect();
    let n = folded.len().max(1);
    list.windows(n).find_map(|window| {
        let range = window[0].0.start..window[n - 1].0.end;
        // A word of an identifier (`kube-state-metrics`) is not the term kept.
        (window
            .iter()
            .zip(&folded)
            .all(|((_, word), part)| word.trim_end_matches('s') == part.trim_end_matches('s'))
            && !in_identifier(&block.text, &range))
        .then_some(range)
    })
}

#[cfg(test)]
mod verb_tests {
    use super::used_as_verb;

    fn verb(text: &str, word: &str) -> bool {
        let start = text.find(word).unwrap();
        used_as_verb(text, &(start..start + word.len()))
    }

    #[test]
    fn nouns_used_as_verbs_are_told() {
        assert!(verb("Traces that span services", "span"));
        assert!(verb("This signals to the team that", "signals"));
        assert!(verb("The SIG signals that merging waits", "signals"));
        assert!(verb("The examples span a range of cases", "span"));
        assert!(!verb("Each span has a name", "span"));
        assert!(!verb(
            "The three signals are traces, metrics and logs",
            "signals"
        ));
        assert!(!verb("Export the spans the collector receives", "spans"));
        assert!(verb("how to receive, process, and export data", "process"));
        assert!(verb("how to receive, process, and export data", "export"));
        assert!(!verb("traces, metrics, and logs", "logs"));
    }
}
