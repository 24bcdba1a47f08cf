//! What each source term became in one translation, learned from its aligned blocks: the term
//! table that `inconsistent-term` and `loclint terms` read.
//!
//! The source terms are the glossary's, and without one those loclint finds itself in an
//! English source: names (capitalised words and acronyms in two blocks or more), words of
//! content repeated in three blocks or more, and two-word phrases repeated in two. A term's
//! renderings are told apart by:
//! - the glossary's renderings for the locale;
//! - co-occurrence: a word (or, in Chinese, Japanese and Thai, a run of two to four
//!   characters) found in the translated counterparts of the term's blocks and hardly
//!   anywhere else (Dice coefficient over aligned blocks);
//! - a transliteration of the term (`प्रोडक्ट` for `product`);
//! - a gloss: the word before the English term in brackets (`उत्पाद (product)`);
//! - the term kept as the source writes it.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{kept_in, transliteration_in, BlockWords, DocumentWords, Status, Terminology};
use crate::document::{is_acronym_like, name_form, starts_upper, Block, Document, TokenKind};
use crate::locale::{char_script, is_unspaced_script, Locale, Script};

/// How a source term was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TermKind {
    /// A glossary entry.
    Glossary,
    /// A capitalised word or an acronym.
    Name,
    /// Two words of content, repeated.
    Phrase,
    /// A word of content, repeated.
    Word,
}

/// How a rendering was told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    Glossary(Status),
    Cooccurrence,
    Transliteration,
    Gloss,
    Kept,
}

#[derive(Debug, Clone)]
pub struct RenderingUse {
    /// As the translation first writes it.
    pub text: String,
    pub how: How,
    /// (translation block, range in its text), one a block.
    pub places: Vec<(usize, Range<usize>)>,
    /// Translation blocks that use it without the term: a word of the language that only
    /// sounds like the term (`πριν` for `print`) is used everywhere.
    pub elsewhere: usize,
}

#[derive(Debug, Clone)]
pub struct TermTable {
    /// As the source writes it.
    pub term: String,
    pub kind: TermKind,
    /// The glossary entry, for glossary terms.
    pub entry: Option<usize>,
    /// The aligned pairs (source block, translation block) whose source holds the term, with
    /// where in the source block.
    pub pairs: Vec<(usize, usize, Range<usize>)>,
    /// Most used first.
    pub renderings: Vec<RenderingUse>,
}

/// What a translation's term table is learned from.
pub struct Inputs<'a> {
    pub source: &'a Document,
    pub source_words: &'a DocumentWords,
    pub source_locale: &'a Locale,
    pub target: &'a Document,
    pub target_words: &'a DocumentWords,
    pub locale: &'a Locale,
    /// Aligned prose pairs, (source block, translation block), duplicated copies left out.
    pub pairs: &'a [(usize, usize)],
    pub terminology: &'a Terminology,
    /// The whole table, for `loclint terms`: names, and renderings learned by co-occurrence.
    /// Without it, only what `inconsistent-term` reads: renderings told by their form.
    pub full: bool,
}

/// A rendering seen by co-occurrence needs this many blocks...
const MIN_COOCCURRENCE: usize = 2;
/// ...this Dice coefficient with the term...
const MIN_DICE: f64 = 0.5;
/// ...and this share of its blocks among the term's.
const MIN_PRECISION: f64 = 0.75;
/// Words of content repeated in this many source blocks are terms.
const MIN_WORD_BLOCKS: usize = 3;
/// Phrases and names repeated in this many.
const MIN_PHRASE_BLOCKS: usize = 2;
/// Terms learned in one translation, at most: the most repeated.
const MAX_TERMS: usize = 200;
/// Terms whose renderings a check compares, at most (glossary terms first, then the most
/// repeated): a rendering told apart twice needs a term in several blocks.
const CHECKED_TERMS: usize = 60;

pub fn term_tables(inputs: &Inputs) -> Vec<TermTable> {
    let mut tables = source_terms(inputs);
    if tables.is_empty() {
        return tables;
    }
    if !inputs.full {
        // What inconsistent-term reads: the terms repeated most, names aside.
        tables.retain(|t| t.kind != TermKind::Name);
        tables.sort_by(|a, b| {
            (b.entry.is_some(), b.pairs.len()).cmp(&(a.entry.is_some(), a.pairs.len()))
        });
        tables.truncate(CHECKED_TERMS);
    }
    let units = TargetUnits::new(inputs);
    for table in &mut tables {
        table.renderings = renderings(inputs, table, &units);
    }
    tables
}

/// The source terms with the pairs that hold them.
fn source_terms(inputs: &Inputs) -> Vec<TermTable> {
    let mut tables: Vec<TermTable> = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    // Glossary entries.
    let mut by_entry: HashMap<usize, Vec<(usize, usize, Range<usize>)>> = HashMap::new();
    for &(s, t) in inputs.pairs {
        for found in inputs
            .terminology
            .found_in(&inputs.source.blocks[s], &inputs.source_words.blocks[s])
        {
            by_entry
                .entry(found.entry)
                .or_default()
                .push((s, t, found.ranges[0].clone()));
        }
    }
    let mut entries: Vec<_> = by_entry.into_iter().collect();
    entries.sort_by_key(|(entry, _)| *entry);
    for (entry, pairs) in entries {
        let term = inputs.terminology.glossary.entries[entry].term.clone();
        taken.insert(term.to_lowercase());
        tables.push(TermTable {
            term,
            kind: TermKind::Glossary,
            entry: Some(entry),
            pairs,
            renderings: Vec::new(),
        });
    }
    if inputs.source_locale.language() != "en" {
        return tables;
    }
    // Learned: names, words and phrases of an English source, by key.
    struct Candidate {
        kind: TermKind,
        forms: HashMap<String, usize>,
        pairs: Vec<(usize, usize, Range<usize>)>,
    }
    let mut candidates: HashMap<String, Candidate> = HashMap::new();
    let language = &inputs.source_words.language;
    for &(s, t) in inputs.pairs {
        let block = &inputs.source.blocks[s];
        let mut seen_here: HashSet<String> = HashSet::new();
        let words = content_words(block);
        for (n, word) in words.iter().enumerate() {
            let Some(word) = word else { continue };
            let text = &block.text[word.range.clone()];
            let name = name_form(text);
            let (kind, key, form, range) =
                if is_acronym_like(name) || (starts_upper(name) && !word.sentence_start) {
                    (
                        TermKind::Name,
                        format!("name:{name}"),
                        name.to_string(),
                        word.range.start..word.range.start + name.len(),
                    )
                } else if starts_upper(name) || STOPWORDS.contains(&name.to_lowercase().as_str()) {
                    continue;
                } else {
                    let lower = name.to_lowercase();
                    if lower.chars().count() < 4 {
                        continue;
                    }
                    (
                        TermKind::Word,
                        format!("word:{}", language.stem(&lower)),
                        lower,
                        word.range.clone(),
                    )
                };
            add(
                &mut candidates,
                &mut seen_here,
                kind,
                key,
                form,
                s,
                t,
                range,
            );
            // Two words of content in a row, no punctuation between.
            if kind == TermKind::Word {
                if let Some(Some(next)) = words.get(n + 1) {
                    let next_text = name_form(&block.text[next.range.clone()]);
                    let between = &block.text[word.range.end..next.range.start];
                    if between.trim().is_empty()
                        && !starts_upper(next_text)
                        && next_text.chars().count() >= 3
                        && !STOPWORDS.contains(&next_text.to_lowercase().as_str())
                    {
                        let lower = next_text.to_lowercase();
                        let phrase = format!("{} {lower}", name.to_lowercase());
                        let key = format!(
                            "phrase:{} {}",
                            language.stem(&name.to_lowercase()),
                            language.stem(&lower)
                        );
                        add(
                            &mut candidates,
                            &mut seen_here,
                            TermKind::Phrase,
                            key,
                            phrase,
                            s,
                            t,
                            word.range.start..next.range.end,
                        );
                    }
                }
            }
        }
    }
    #[allow(clippy::too_many_arguments)]
    fn add(
        candidates: &mut HashMap<String, Candidate>,
        seen_here: &mut HashSet<String>,
        kind: TermKind,
        key: String,
        form: String,
        s: usize,
        t: usize,
        range: Range<usize>,
    ) {
        let candidate = candidates.entry(key.clone()).or_insert_with(|| Candidate {
            kind,
            forms: HashMap::new(),
            pairs: Vec::new(),
        });
        *candidate.forms.entry(form).or_default() += 1;
        if seen_here.insert(key) {
            candidate.pairs.push((s, t, range));
        }
    }
    let mut learned: Vec<(String, Candidate)> = candidates
        .into_iter()
        .filter(|(_, c)| {
            let min = match c.kind {
                TermKind::Word => MIN_WORD_BLOCKS,
                _ => MIN_PHRASE_BLOCKS,
            };
            c.pairs.len() >= min
        })
        .collect();
    // A word that mostly stands inside a repeated phrase is that phrase's.
    let phrase_words: HashMap<String, usize> = {
        let mut counts = HashMap::new();
        for (key, c) in &learned {
            if let Some(phrase) = key.strip_prefix("phrase:") {
                for stem in phrase.split(' ') {
                    *counts.entry(stem.to_string()).or_default() += c.pairs.len();
                }
            }
        }
        counts
    };
    learned.retain(|(key, c)| match key.strip_prefix("word:") {
        Some(stem) => 2 * phrase_words.get(stem).copied().unwrap_or(0) < c.pairs.len(),
        None => true,
    });
    learned.sort_by(|(ka, a), (kb, b)| b.pairs.len().cmp(&a.pairs.len()).then(ka.cmp(kb)));
    learned.truncate(MAX_TERMS);
    for (_, candidate) in learned {
        let term = candidate
            .forms
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(form, _)| form.clone())
            .unwrap_or_default();
        if !taken.insert(term.to_lowercase()) {
            continue;
        }
        tables.push(TermTable {
            term,
            kind: candidate.kind,
            entry: None,
            pairs: candidate.pairs,
            renderings: Vec::new(),
        });
    }
    tables
}

/// The names of a document: Latin words written with a capital inside a sentence of its prose
/// (headings aside, whose words are capitalised by style) and never in lower case
/// (`Guru's strategic team`, `the Guru platform`; not `Default`, which the prose writes
/// `default`).
pub fn names_of(document: &Document) -> HashSet<String> {
    let mut capitalised: HashSet<String> = HashSet::new();
    let mut lower: HashSet<String> = HashSet::new();
    // Words of a run of capitalised words (`Edsger Dijkstra`, `Technical Committee`): a
    // person's name, which locales write in their own script, or a title whose words are
    // translated.
    let mut in_runs: HashSet<String> = HashSet::new();
    for block in document.blocks.iter().filter(|b| b.kind.is_prose()) {
        let heading = block.kind.is_heading_like();
        let mut previous: Option<(usize, String)> = None;
        for word in content_words(block) {
            let Some(word) = word else {
                previous = None;
                continue;
            };
            let text = name_form(&block.text[word.range.clone()]);
            let folded = text.to_lowercase();
            if !starts_upper(text) {
                lower.insert(folded);
                previous = None;
                continue;
            }
            if let Some((end, before)) = &previous {
                let between = &block.text[*end..word.range.start];
                if between
                    .trim_matches(|c: char| c.is_whitespace() || c == '.')
                    .is_empty()
                {
                    in_runs.insert(before.clone());
                    in_runs.insert(folded.clone());
                }
            }
            // `The Pinloft app`: a sentence's first word, capitalised as such, starts no run.
            let common = word.sentence_start && STOPWORDS.contains(&folded.as_str());
            previous =
                (!is_acronym_like(text) && !common).then(|| (word.range.end, folded.clone()));
            if !heading && !word.sentence_start {
                capitalised.insert(folded);
            }
        }
    }
    capitalised.retain(|w| !lower.contains(w) && !in_runs.contains(w));
    capitalised
}

/// A Latin word of a source block's prose, and whether it opens a sentence.
struct ContentWord {
    range: Range<usize>,
    sentence_start: bool,
}

/// The block's Latin words in order; `None` where punctuation or anything else breaks the run.
fn content_words(block: &Block) -> Vec<Option<ContentWord>> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    for token in &block.tokens {
        if token.masked {
            out.push(None);
            continue;
        }
        match token.kind {
            TokenKind::Word if token.script == Script::Latin && !token.glued => {
                out.push(Some(ContentWord {
                    range: token.range.clone(),
                    sentence_start,
                }));
                sentence_start = false;
            }
            TokenKind::Punctuation => {
                let text = token.text(&block.text);
                if text.contains(['.', '!', '?', ':', '"', '“', '(', '-', '—', '*']) {
                    sentence_start = true;
                }
                out.push(None);
            }
            _ => out.push(None),
        }
    }
    out
}

/// The translation's units of meaning, per block: its word keys, and in unspaced scripts the
/// runs of two to four characters. Counted once, read for every term.
struct TargetUnits {
    /// Per translation block, its units (for the whole table only).
    per_block: Vec<HashSet<String>>,
    /// Per unit, in how many blocks it stands.
    blocks_with: HashMap<String, usize>,
    /// The aligned pairs by translation block: its source block's word keys.
    source_keys: HashMap<usize, HashSet<String>>,
    /// Per source word key, in how many aligned pairs it stands.
    pairs_with_key: HashMap<String, usize>,
}

impl TargetUnits {
    fn new(inputs: &Inputs) -> TargetUnits {
        let mut per_block = Vec::with_capacity(inputs.target.blocks.len());
        let mut blocks_with: HashMap<String, usize> = HashMap::new();
        for (block, words) in inputs.target.blocks.iter().zip(&inputs.target_words.blocks) {
            let units = if block.kind.is_prose() {
                block_units(block, words, inputs.full)
            } else {
                HashSet::new()
            };
            for unit in &units {
                *blocks_with.entry(unit.clone()).or_default() += 1;
            }
            // Each block's units and the source's keys serve co-occurrence, which only the
            // whole table learns; a check reads the counts alone.
            if inputs.full {
                per_block.push(units);
            }
        }
        let mut source_keys: HashMap<usize, HashSet<String>> = HashMap::new();
        let mut pairs_with_key: HashMap<String, usize> = HashMap::new();
        let pairs: &[(usize, usize)] = if inputs.full { inputs.pairs } else { &[] };
        for &(s, t) in pairs {
            let keys: HashSet<String> = inputs.source_words.blocks[s]
                .keys()
                .filter(|k| k.chars().count() >= 3)
                .map(str::to_string)
                .collect();
            for key in &keys {
                *pairs_with_key.entry(key.clone()).or_default() += 1;
            }
            source_keys.insert(t, keys);
        }
        TargetUnits {
            per_block,
            blocks_with,
            source_keys,
            pairs_with_key,
        }
    }

    /// Competitive linking: whether `unit` goes with the term standing in `term_blocks` (and
    /// made of the source words `term_keys`) at least as well as with any other source word.
    /// `コレクター` standing wherever `security` does, in a page about the collector's
    /// security, goes with `collector`.
    fn links_to(&self, unit: &str, term_blocks: &[usize], term_keys: &[String]) -> bool {
        let with_unit: Vec<usize> = self
            .source_keys
            .keys()
            .copied()
            .filter(|t| self.per_block[*t].contains(unit))
            .collect();
        if with_unit.is_empty() {
            return false;
        }
        let together = with_unit.iter().filter(|t| term_blocks.contains(t)).count();
        let term_dice = 2.0 * together as f64 / (with_unit.len() + term_blocks.len()) as f64;
        let mut counts: HashMap<&String, usize> = HashMap::new();
        for t in &with_unit {
            for key in &self.source_keys[t] {
                *counts.entry(key).or_default() += 1;
            }
        }
        counts.into_iter().all(|(key, c)| {
            if term_keys.contains(key) {
                return true;
            }
            // Another word found with the unit more often, or as often and more closely.
            let n = self.pairs_with_key.get(key).copied().unwrap_or(c);
            let dice = 2.0 * c as f64 / (with_unit.len() + n) as f64;
            c < together || (c == together && dice <= term_dice + 1e-9)
        })
    }
}

/// `full`: also the runs and pairs that co-occurrence reads; without, the words alone.
fn block_units(block: &Block, words: &BlockWords, full: bool) -> HashSet<String> {
    let mut units: HashSet<String> = HashSet::new();
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, units: &mut HashSet<String>| {
        if !full {
            run.clear();
            return;
        }
        for len in 2..=4 {
            for window in run.windows(len) {
                units.insert(format!("cjk:{}", window.iter().collect::<String>()));
            }
        }
        run.clear();
    };
    let mut previous: Option<(usize, &str)> = None;
    for ((range, _), key) in words.words().zip(words.keys()) {
        let text = &block.text[range.clone()];
        // Han and Thai write words without spaces and segmentation cuts them into letters:
        // their runs are read by n-grams. Kana words stand whole.
        let unspaced = text.chars().all(|c| {
            let script = char_script(c);
            is_unspaced_script(script) && !matches!(script, Script::Hiragana | Script::Katakana)
        });
        if unspaced {
            run.extend(text.chars());
            previous = None;
            continue;
        }
        flush(&mut run, &mut units);
        // Hiragana are particles and endings, not terms.
        let hiragana = text.chars().all(|c| char_script(c) == Script::Hiragana);
        if !key.is_empty() && text.chars().count() >= 2 && !hiragana {
            units.insert(format!("word:{key}"));
            // Two words in a row, nothing but space between: a phrase's rendering.
            if let Some((end, before)) = previous.filter(|_| full) {
                if block.text[end..range.start].trim().is_empty() {
                    units.insert(format!("pair:{before} {key}"));
                }
            }
            previous = Some((range.end, key));
        } else {
            previous = None;
        }
    }
    flush(&mut run, &mut units);
    units
}

/// A term's renderings in the translation, most used first.
fn renderings(inputs: &Inputs, table: &TermTable, units: &TargetUnits) -> Vec<RenderingUse> {
    let target = inputs.target;
    let words = inputs.target_words;
    let latin_target = inputs.locale.data().scripts.contains(&Script::Latin);
    let mut uses: Vec<RenderingUse> = Vec::new();
    let mut explained: HashSet<usize> = HashSet::new();
    let record = |uses: &mut Vec<RenderingUse>,
                  explained: &mut HashSet<usize>,
                  how: How,
                  t: usize,
                  range: Range<usize>| {
        let text = target.blocks[t].text[range.clone()].to_string();
        explained.insert(t);
        match uses
            .iter_mut()
            .find(|u| same_rendering(&u.text, &text, &words.language))
        {
            Some(used) => {
                if !used.places.iter().any(|(b, _)| *b == t) {
                    used.places.push((t, range));
                }
                // What its form tells outweighs what co-occurrence found.
                if used.how == How::Cooccurrence
                    && matches!(how, How::Transliteration | How::Glossary(_))
                {
                    used.how = how;
                }
            }
            None => uses.push(RenderingUse {
                text,
                how,
                places: vec![(t, range)],
                elsewhere: 0,
            }),
        }
    };
    // The glossary's renderings for the locale.
    if let Some(entry) = table.entry {
        for (rendering, pattern) in inputs.terminology.renderings_for(entry, inputs.locale) {
            for (_, t, _) in &table.pairs {
                if let Some(hit) = words.blocks[*t]
                    .find(pattern, &words.language)
                    .into_iter()
                    .next()
                {
                    record(
                        &mut uses,
                        &mut explained,
                        How::Glossary(rendering.status),
                        *t,
                        hit,
                    );
                }
            }
        }
    }
    // Co-occurrence: the best unit, then the best among the blocks it leaves unexplained.
    let mut remaining: Vec<usize> = table.pairs.iter().map(|(_, t, _)| *t).collect();
    remaining.sort_unstable();
    remaining.dedup();
    if !inputs.full {
        remaining.clear();
    }
    let term_blocks: Vec<usize> = remaining.clone();
    let term_keys: Vec<String> = {
        use unicode_segmentation::UnicodeSegmentation;
        table
            .term
            .unicode_words()
            .map(|w| inputs.source_words.language.stem(&super::fold(w, false)))
            .collect()
    };
    for _ in 0..2 {
        if remaining.len() < MIN_COOCCURRENCE {
            break;
        }
        let Some(unit) = best_unit(&remaining, units) else {
            break;
        };
        // A word the source keeps (`system` for `system`) is the term left as it is.
        let kept_latin = !latin_target
            && unit
                .strip_prefix("word:")
                .is_some_and(|w| w.chars().any(|c| char_script(c) == Script::Latin));
        if kept_latin || !units.links_to(&unit, &term_blocks, &term_keys) {
            break;
        }
        let mut covered = Vec::new();
        for &t in &remaining {
            if units.per_block[t].contains(&unit) {
                if let Some(range) = locate(&target.blocks[t], &words.blocks[t], &unit) {
                    record(&mut uses, &mut explained, How::Cooccurrence, t, range);
                    covered.push(t);
                }
            }
        }
        remaining.retain(|t| !covered.contains(t));
        if remaining.len() < MIN_COOCCURRENCE {
            break;
        }
    }
    // An acronym is spelled out, not transliterated, and its gloss is what it stands for.
    let name = table.kind == TermKind::Name;
    let acronym = is_acronym_like(&table.term);
    for (s, t, _) in &table.pairs {
        let (block, block_words) = (&target.blocks[*t], &words.blocks[*t]);
        if !latin_target && !acronym {
            if let Some(range) = transliteration_in(
                block,
                block_words,
                &table.term,
                &super::latin_words(&inputs.source.blocks[*s]),
            ) {
                record(&mut uses, &mut explained, How::Transliteration, *t, range);
                continue;
            }
        }
        if let Some(range) = gloss_of(block, block_words, &table.term).filter(|_| !name) {
            record(&mut uses, &mut explained, How::Gloss, *t, range);
            continue;
        }
        if let Some(range) = kept_in(block, block_words, &table.term) {
            if !explained.contains(t) {
                record(&mut uses, &mut explained, How::Kept, *t, range);
            }
        }
    }
    // A gloss tells the rendering once: the same word in the term's other blocks renders it
    // too (`कार्यक्षेत्र (workspace)`, then `कार्यक्षेत्र`).
    let glossed: Vec<String> = uses
        .iter()
        .filter(|u| u.how == How::Gloss)
        .filter_map(|u| word_key(words, &u.places[0]))
        .collect();
    for key in glossed {
        let unit = format!("word:{key}");
        for (_, t, _) in &table.pairs {
            if explained.contains(t) {
                continue;
            }
            if let Some(range) = locate(&target.blocks[*t], &words.blocks[*t], &unit) {
                record(&mut uses, &mut explained, How::Gloss, *t, range);
            }
        }
    }
    for used in &mut uses {
        if let Some(key) = word_key(words, &used.places[0]).map(|k| format!("word:{k}")) {
            let with = units.blocks_with.get(&key).copied().unwrap_or(0);
            used.elsewhere = with.saturating_sub(used.places.len());
        }
    }
    // A rendering the term's blocks have in common with another source word (`コンポーネント`
    // where the blocks speak of components) writes that word.
    let term_words: Vec<String> = table
        .term
        .split_whitespace()
        .map(|w| super::fold(w, false))
        .collect();
    uses.retain(|used| {
        if used.how != How::Cooccurrence {
            return true;
        }
        let (t, range) = &used.places[0];
        let text = &target.blocks[*t].text[range.clone()];
        !used.places.iter().any(|(t, _)| {
            let Some((s, _, _)) = table.pairs.iter().find(|(_, pt, _)| pt == t) else {
                return false;
            };
            let others = super::latin_words(&inputs.source.blocks[*s]);
            text.split_whitespace().any(|part| {
                others.iter().any(|other| {
                    !term_words.contains(&super::fold(other, false))
                        && crate::locale::transliteration::is_transliteration(other, part)
                })
            })
        })
    });
    uses.sort_by(|a, b| b.places.len().cmp(&a.places.len()).then(a.how.cmp(&b.how)));
    uses
}

/// Whether two renderings are one word in two forms: the same stems, or, prefixes of Arabic
/// script aside, a common beginning of most of the shorter (`доске` and `доски`, `ouvrez` and
/// `ouvriez`, `دعوة` and `الدعوات`).
pub fn same_rendering(a: &str, b: &str, language: &super::Language) -> bool {
    let forms = |text: &str| -> Vec<String> {
        use unicode_segmentation::UnicodeSegmentation;
        text.unicode_words()
            .map(|w| language.bare(&super::fold(w, false)).to_string())
            .collect()
    };
    let (a, b) = (forms(a), forms(b));
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| {
            if x == y || language.stem(x) == language.stem(y) {
                return true;
            }
            let common = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
            let (x_len, y_len) = (x.chars().count(), y.chars().count());
            let shorter = x_len.min(y_len);
            // Korean writes its particles onto the word (`라인에`, `라인의`): two syllables in
            // common, at most two after them.
            let hangul = |w: &str| {
                w.chars()
                    .all(|c| crate::locale::char_script(c) == crate::locale::Script::Hangul)
            };
            (common >= 3 && common * 5 >= shorter * 3)
                || (common >= 2
                    && x_len - common <= 2
                    && y_len - common <= 2
                    && hangul(x)
                    && hangul(y))
        })
}

/// The unit standing in most of `blocks`, specific to them (Dice and precision over the whole
/// translation), in two blocks at least; the longest among equals.
fn best_unit(blocks: &[usize], units: &TargetUnits) -> Option<String> {
    let mut counts: HashMap<&String, usize> = HashMap::new();
    for &t in blocks {
        for unit in &units.per_block[t] {
            *counts.entry(unit).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, c)| c >= MIN_COOCCURRENCE)
        .filter_map(|(unit, c)| {
            let n = units.blocks_with.get(unit).copied().unwrap_or(c);
            let dice = 2.0 * c as f64 / (blocks.len() + n) as f64;
            let precision = c as f64 / n as f64;
            (dice >= MIN_DICE && precision >= MIN_PRECISION).then_some((unit, c, dice))
        })
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then(a.2.total_cmp(&b.2))
                .then(a.0.chars().count().cmp(&b.0.chars().count()))
                .then(b.0.cmp(a.0))
        })
        .map(|(unit, _, _)| unit.clone())
}

/// Where a unit stands in a block.
fn locate(block: &Block, words: &BlockWords, unit: &str) -> Option<Range<usize>> {
    if let Some(run) = unit.strip_prefix("cjk:") {
        let pattern = super::Pattern::new(run, &super::Language::of_unspaced(), false);
        return words
            .find(&pattern, &super::Language::of_unspaced())
            .into_iter()
            .next();
    }
    let list: Vec<(&Range<usize>, &str)> =
        words.words().map(|(r, _)| r).zip(words.keys()).collect();
    if let Some(pair) = unit.strip_prefix("pair:") {
        let (first, second) = pair.split_once(' ')?;
        return list.windows(2).find_map(|w| {
            (w[0].1 == first
                && w[1].1 == second
                && block.text[w[0].0.end..w[1].0.start].trim().is_empty())
            .then(|| w[0].0.start..w[1].0.end)
        });
    }
    let key = unit.strip_prefix("word:")?;
    list.iter()
        .find(|(_, k)| *k == key)
        .map(|(range, _)| (*range).clone())
}

/// The key of the word that starts at `place`.
fn word_key(words: &DocumentWords, place: &(usize, Range<usize>)) -> Option<String> {
    let block = &words.blocks[place.0];
    block
        .words()
        .zip(block.keys())
        .find(|((r, _), _)| r.start == place.1.start)
        .map(|(_, k)| k.to_string())
}

/// The word before the English term in brackets: `उत्पाद (product)`, `उत्पाद(उपProducts)`.
pub fn gloss_of(block: &Block, words: &BlockWords, term: &str) -> Option<Range<usize>> {
    let first = term.split_whitespace().next()?;
    let folded = super::fold(first, false);
    let list: Vec<(&Range<usize>, &str)> = words.words().collect();
    for (n, (range, word)) in list.iter().enumerate() {
        let same = word.trim_end_matches('s') == folded.trim_end_matches('s');
        if !same || n == 0 {
            continue;
        }
        // The bracket opens before the term, after the word before it, with at most one short
        // word between (a glued fragment).
        let opening = block.text[..range.start].rfind(['(', '（'])?;
        let (before_range, before) = list[..n].iter().rev().find(|(r, _)| r.end <= opening)?;
        // In a script without spaces the word before is a letter of a longer word; one
        // letter or syllable is no rendering.
        let written = &block.text[(*before_range).clone()];
        if before.chars().count() < 2
            || written
                .chars()
                .any(|c| is_unspaced_script(char_script(c)) || char_script(c) == Script::Latin)
        {
            continue;
        }
        let inside = &block.text[opening..range.start];
        if inside.chars().filter(|c| c.is_alphabetic()).count() > 4 {
            continue;
        }
        if block.text[before_range.end..opening].trim().chars().count() > 0 {
            continue;
        }
        return Some((*before_range).clone());
    }
    None
}

/// English words that are not terms.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "always",
    "am",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "away",
    "back",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "best",
    "better",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "did",
    "different",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "every",
    "everything",
    "few",
    "first",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "give",
    "given",
    "goes",
    "going",
    "good",
    "great",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "keep",
    "know",
    "last",
    "later",
    "least",
    "less",
    "like",
    "likely",
    "long",
    "look",
    "made",
    "make",
    "makes",
    "making",
    "many",
    "may",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "need",
    "needs",
    "never",
    "new",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "old",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "part",
    "perhaps",
    "put",
    "quite",
    "rather",
    "really",
    "right",
    "same",
    "says",
    "see",
    "seen",
    "several",
    "shall",
    "she",
    "should",
    "show",
    "shows",
    "simply",
    "since",
    "so",
    "some",
    "something",
    "sometimes",
    "still",
    "such",
    "sure",
    "take",
    "takes",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "time",
    "times",
    "to",
    "today",
    "together",
    "too",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "use",
    "used",
    "uses",
    "using",
    "usually",
    "very",
    "want",
    "wants",
    "was",
    "way",
    "ways",
    "we",
    "well",
    "were",
    "what",
    "whatever",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whole",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "example",
    "following",
    "follow",
    "three",
    "four",
    "five",
    "able",
    "already",
    "either",
    "else",
    "enough",
    "instead",
    "let",
    "lets",
    "means",
    "mean",
    "run",
    "runs",
    "set",
    "sets",
    "work",
    "works",
    "call",
    "called",
    "find",
    "found",
    "help",
    "include",
    "includes",
    "including",
    "learn",
    "read",
    "start",
    "stop",
    "try",
    "note",
    "notes",
    "page",
    "pages",
    "section",
];

/// A term table as `loclint terms` reports it: places as lines of the translation.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TermSummary {
    pub term: String,
    pub kind: TermKind,
    /// The glossary marks the term do-not-translate.
    pub do_not_translate: bool,
    pub renderings: Vec<RenderingSummary>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RenderingSummary {
    pub text: String,
    pub how: How,
    /// 1-based lines of the translation, one a block.
    pub lines: Vec<usize>,
}
