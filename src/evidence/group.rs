//! What the whole article group says about each of its translations: how many translations
//! keep a source block as it is, which Latin words they keep, and which words are code.

use std::collections::{HashMap, HashSet};

use crate::align::Alignment;
use crate::document::{name_form, starts_upper, Block, Document, MaskKind};
use crate::locale::names::LocalizedNames;
use crate::locale::{Locale, Script};

/// One translation of the group, as the evidence step reads it.
pub struct Member<'a> {
    pub document: &'a Document,
    /// Whether the translation's language is written in Latin script.
    pub latin_script: bool,
    pub locale: &'a Locale,
    /// Its alignment with the source, when the source was found.
    pub alignment: Option<&'a Alignment>,
}

/// Compact counts over every translation of a group: memory grows with the source and the
/// words, never with the number of documents.
#[derive(Debug, Default)]
pub struct GroupEvidence {
    /// How many translations were read (the files checked and their siblings on disk).
    pub translations: usize,
    /// Per source block: how many translations have a block aligned with it that keeps it as
    /// it is: the same text, or nearly all of its words.
    kept: Vec<u16>,
    /// Per source block: how many translations have a block aligned with it.
    present: Vec<u16>,
    /// Lowercase Latin words of the prose of translations in other scripts, with how many
    /// translations use each.
    latin_words: HashMap<String, u16>,
    /// Per source block: how many translations in other scripts have a block aligned with it.
    present_other_script: Vec<u16>,
    /// (source block, capitalised Latin word of it, lower case): how many translations in other
    /// scripts keep the word in their block aligned with it.
    kept_names: HashMap<(usize, String), u16>,
    /// Lowercase words of the group's code, URLs, file names and link targets.
    code_words: HashSet<String>,
    /// Front-matter keys (lower case, `-` as `_`), with how many translations have each.
    front_matter_keys: HashMap<String, u16>,
    /// Image file names (lower case), with how many translations show each.
    images: HashMap<String, u16>,
}

impl GroupEvidence {
    pub fn gather(source: Option<&Document>, members: &[Member]) -> GroupEvidence {
        let blocks = source.map_or(0, |s| s.blocks.len());
        let mut evidence = GroupEvidence {
            translations: members.len(),
            kept: vec![0; blocks],
            present: vec![0; blocks],
            present_other_script: vec![0; blocks],
            ..GroupEvidence::default()
        };
        if let Some(source) = source {
            add_code_words(source, &mut evidence.code_words);
        }
        // Each source block's capitalised words, once for every translation.
        let source_names: Vec<Vec<String>> = source.map_or_else(Vec::new, |source| {
            source
                .blocks
                .iter()
                .map(|block| {
                    let mut names: Vec<String> = block
                        .words()
                        .filter(|t| t.script == Script::Latin)
                        .map(|t| name_form(t.text(&block.text)))
                        .filter(|w| starts_upper(w))
                        .map(str::to_lowercase)
                        .collect();
                    names.sort_unstable();
                    names.dedup();
                    names
                })
                .collect()
        });
        for member in members {
            add_code_words(member.document, &mut evidence.code_words);
            let keys: HashSet<String> = member
                .document
                .front_matter
                .iter()
                .map(|f| crate::config::front_matter_key(&f.key))
                .collect();
            for key in keys {
                *evidence.front_matter_keys.entry(key).or_default() += 1;
            }
            let images: HashSet<String> = member
                .document
                .blocks
                .iter()
                .flat_map(|b| b.images.iter())
                .map(|i| {
                    // The translation's own copy (`flow.ja.png`) counts as the image.
                    let name = image_name(&i.destination);
                    LocalizedNames::default()
                        .unlocalized(&name, member.locale)
                        .unwrap_or(name)
                })
                .collect();
            for image in images {
                *evidence.images.entry(image).or_default() += 1;
            }
            let mut words: HashSet<String> = HashSet::new();
            // In a Latin-script translation an English-looking word may be its own (`argument`
            // in French): only translations in other scripts say that a word is kept.
            let blocks = if member.latin_script {
                &[][..]
            } else {
                &member.document.blocks[..]
            };
            for block in blocks {
                for token in block.words().filter(|t| t.script == Script::Latin) {
                    words.insert(token.text(&block.text).to_lowercase());
                }
            }
            for word in words {
                *evidence.latin_words.entry(word).or_default() += 1;
            }
            let (Some(source), Some(alignment)) = (source, member.alignment) else {
                continue;
            };
            for (t, block) in member.document.blocks.iter().enumerate() {
                let Some(s) = alignment.source_of(t) else {
                    continue;
                };
                evidence.present[s] += 1;
                if keeps_source(block, &source.blocks[s]) {
                    evidence.kept[s] += 1;
                }
                if !member.latin_script {
                    evidence.present_other_script[s] += 1;
                    let names = &source_names[s];
                    if names.is_empty() {
                        continue;
                    }
                    let here: HashSet<String> = block
                        .words()
                        .filter(|t| t.script == Script::Latin)
                        .map(|t| name_form(t.text(&block.text)).to_lowercase())
                        .collect();
                    for name in names.iter().filter(|n| here.contains(*n)) {
                        *evidence.kept_names.entry((s, name.clone())).or_default() += 1;
                    }
                }
            }
        }
        evidence
    }

    /// Of the other translations that have a counterpart of source block `source`, how many
    /// keep it as the source has it, and how many have one at all. `own` says whether the
    /// translation asking keeps it too, so that it does not count itself.
    pub fn kept_elsewhere_block(&self, source: usize, own: bool) -> (usize, usize) {
        let kept = usize::from(self.kept.get(source).copied().unwrap_or(0));
        let present = usize::from(self.present.get(source).copied().unwrap_or(0));
        (
            kept.saturating_sub(usize::from(own)),
            present.saturating_sub(1),
        )
    }

    /// How many translations have a block aligned with source block `source`.
    pub fn present(&self, source: usize) -> usize {
        usize::from(self.present.get(source).copied().unwrap_or(0))
    }

    /// How many other translations of the group use the Latin word `word` in their prose.
    pub fn kept_elsewhere(&self, word: &str) -> usize {
        let count = self
            .latin_words
            .get(&word.to_lowercase())
            .copied()
            .unwrap_or(0);
        usize::from(count).saturating_sub(1)
    }

    /// Of the group's other translations in scripts other than Latin that have a counterpart of
    /// source block `source`, how many keep its capitalised word `word` there, and how many
    /// there are. `own`: whether the translation asking is one of them and keeps it.
    pub fn name_kept_in_block(
        &self,
        source: usize,
        word: &str,
        own_present: bool,
    ) -> (usize, usize) {
        let kept = usize::from(
            self.kept_names
                .get(&(source, word.to_lowercase()))
                .copied()
                .unwrap_or(0),
        );
        let present = usize::from(self.present_other_script.get(source).copied().unwrap_or(0));
        (kept, present.saturating_sub(usize::from(own_present)))
    }

    /// How many other translations of the group have the front-matter key `key` (normalised),
    /// the translation asking having it (`own`) or not.
    pub fn front_matter_key_elsewhere(&self, key: &str, own: bool) -> usize {
        let count = usize::from(self.front_matter_keys.get(key).copied().unwrap_or(0));
        count.saturating_sub(usize::from(own))
    }

    /// How many other translations of the group show the image `destination` (by file name),
    /// the translation asking showing it (`own`) or not.
    pub fn image_elsewhere(&self, destination: &str, own: bool) -> usize {
        let count = usize::from(
            self.images
                .get(&image_name(destination))
                .copied()
                .unwrap_or(0),
        );
        count.saturating_sub(usize::from(own))
    }

    /// Whether `word` appears in the group's code, URLs, file names or link targets.
    pub fn in_code(&self, word: &str) -> bool {
        self.code_words.contains(&word.to_lowercase())
    }
}

/// An image's file name as the group counts it: lower case, without folders or query.
fn image_name(destination: &str) -> String {
    crate::document::file_name_of(destination).to_lowercase()
}

/// Whether a translated block keeps its source block as it is: the same text, or at least
/// [`KEPT_WORDS_SHARE`] of its words taken from the source block's.
pub fn keeps_source(block: &Block, source: &Block) -> bool {
    if block.normalized == source.normalized {
        return true;
    }
    let source_words: HashSet<String> = source
        .words()
        .map(|t| t.text(&source.text).to_lowercase())
        .collect();
    let words: Vec<String> = block
        .words()
        .map(|t| t.text(&block.text).to_lowercase())
        .collect();
    !words.is_empty()
        && words.iter().filter(|w| source_words.contains(*w)).count() as f64
            >= KEPT_WORDS_SHARE * words.len() as f64
}

const KEPT_WORDS_SHARE: f64 = 0.8;

/// The words of a document's code spans and blocks, URLs, file names, placeholders, and link
/// targets: `node-fetch`, `npx`, `README` are names wherever prose repeats them.
fn add_code_words(document: &Document, words: &mut HashSet<String>) {
    for block in &document.blocks {
        for mask in &block.masks {
            if matches!(mask.kind, MaskKind::HtmlTag) {
                continue;
            }
            add_words(&block.text[mask.range.clone()], words);
        }
        for link in &block.links {
            add_words(&link.destination, words);
        }
    }
}

/// Splits code into its words (`node-fetch` gives `node-fetch`, `node` and `fetch`).
fn add_words(code: &str, words: &mut HashSet<String>) {
    for part in code.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.')) {
        let part = part.trim_matches(|c: char| !c.is_alphanumeric());
        if part.is_empty() || part.len() > 64 {
            continue;
        }
        words.insert(part.to_lowercase());
        if part.contains(['-', '_', '.']) {
            for piece in part.split(['-', '_', '.']).filter(|p| !p.is_empty()) {
                words.insert(piece.to_lowercase());
            }
        }
    }
}
