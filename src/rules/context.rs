use std::cell::{OnceCell, RefCell};
use std::path::PathBuf;

use crate::align::{Alignment, DuplicateRun};
use crate::config::Settings;
use crate::document::{changed_attributes_in, Block, ChangedInDocument, Document};
use crate::evidence::{GroupEvidence, Habit, Observations};
use crate::locale::{Locale, LocaleData};
use crate::source::SourceFile;
use crate::terms::learned::{term_tables, Inputs, TermTable};
use crate::terms::DocumentWords;

/// Everything a rule may read about one translation: prepared once, shared by every rule.
pub struct Context<'a> {
    pub file: &'a SourceFile,
    pub document: &'a Document,
    pub locale: &'a Locale,
    pub locale_data: &'static LocaleData,
    /// Runs of blocks that repeat earlier runs of this translation.
    pub duplicates: &'a [DuplicateRun],
    /// The English source and the block alignment, when the source was found.
    pub source: Option<SourceSide<'a>>,
    /// Where the layout looked for the source, when it is not on disk (`missing-source`).
    pub looked_for_source: Option<&'a [PathBuf]>,
    /// What the article group's other translations say.
    pub group: &'a GroupEvidence,
    /// The uses of the language's own forms that the rules count, for the locale's practice.
    pub observations: &'a RefCell<Observations>,
    pub settings: &'a Settings,
    /// The tag attributes the translation changed, found once for the rules that read them.
    pub changed_attributes: OnceCell<Vec<ChangedInDocument>>,
    /// The translation's words keyed for term matching, made once for the rules that read them.
    pub term_words: OnceCell<DocumentWords>,
    /// What each source term became in this translation.
    pub term_tables: OnceCell<Vec<TermTable>>,
}

pub struct SourceSide<'a> {
    pub file: &'a SourceFile,
    pub document: &'a Document,
    /// The parsed source, which keeps what its group's translations share.
    pub parsed: &'a crate::check::Parsed,
    pub locale: &'a Locale,
    pub alignment: &'a Alignment,
}

impl<'a> Context<'a> {
    /// The source block that translation block `index` translates.
    pub fn source_block(&self, index: usize) -> Option<&'a Block> {
        let source = self.source.as_ref()?;
        let s = source.alignment.source_of(index)?;
        source.document.blocks.get(s)
    }

    /// The source block that block `index` translates, or for a block of a duplicated run the
    /// source block of its first copy: both copies read against the same source.
    pub fn aligned_source_block(&self, index: usize) -> Option<&'a Block> {
        self.source_block(index).or_else(|| {
            let run = self.duplicates.iter().find(|r| r.repeat.contains(&index))?;
            self.source_block(run.first.start + (index - run.repeat.start))
        })
    }

    /// The pairs the aligner made with confidence of prose blocks of one kind, as (source index,
    /// translation index): what the rules that compare a pair's content read. A duplicated copy
    /// and a language menu are left out.
    pub fn sure_prose_pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.source.iter().flat_map(move |source| {
            source.alignment.pairs.iter().filter_map(move |pair| {
                let (s, t) = (pair.source?, pair.target?);
                let (sb, tb) = (source.document.blocks.get(s)?, self.document.blocks.get(t)?);
                (sb.kind.is_prose()
                    && sb.kind == tb.kind
                    && source.alignment.is_sure(t)
                    && !source.alignment.is_target_menu(t)
                    && !self.is_duplicate_copy(t))
                .then_some((s, t))
            })
        })
    }

    /// The pairs whose place says they translate each other, of any kinds, as (source index,
    /// translation index): pairs the aligner made with confidence, and pairs of one kind that
    /// stand between two pairs, whatever their content. What the rules that compare what must
    /// survive (images, code) read: a changed file name or command is what made the pair
    /// unsure. A duplicated copy and a language menu are left out.
    pub fn pairs_in_place(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.source.iter().flat_map(move |source| {
            let pairs = &source.alignment.pairs;
            let paired = |n: Option<usize>| {
                n.and_then(|n| pairs.get(n))
                    .is_none_or(|p| p.source.is_some() && p.target.is_some())
            };
            pairs.iter().enumerate().filter_map(move |(n, pair)| {
                let (s, t) = (pair.source?, pair.target?);
                let (sb, tb) = (source.document.blocks.get(s)?, self.document.blocks.get(t)?);
                let in_place = source.alignment.is_sure(t)
                    || (sb.kind == tb.kind && paired(n.checked_sub(1)) && paired(Some(n + 1)));
                (in_place && !source.alignment.is_target_menu(t) && !self.is_duplicate_copy(t))
                    .then_some((s, t))
            })
        })
    }

    /// Counts one use of `habit` that the rule does not report (a file's own style): the
    /// locale's tally still hears of it. Reported findings with a habit count by themselves.
    pub fn used(&self, habit: &Habit) {
        self.observations.borrow_mut().used(habit);
    }

    /// Counts one use of what the language writes where `habit` could have stood.
    pub fn instead_of(&self, habit: Habit) {
        self.observations.borrow_mut().instead(habit);
    }

    /// The attributes of HTML and JSX tags that the translation changed, tags matched across
    /// the documents, duplicated copies left out (`number-mismatch` reads the values with
    /// digits, `placeholder-mismatch` the others).
    pub fn changed_attributes(&self) -> &[ChangedInDocument] {
        self.changed_attributes.get_or_init(|| match &self.source {
            Some(source) => {
                let mut changed =
                    changed_attributes_in(&source.document.blocks, &self.document.blocks);
                changed.retain(|c| !self.is_duplicate_copy(c.target_block));
                changed
            }
            None => Vec::new(),
        })
    }

    /// The translation's words, keyed for finding terms in its language.
    pub fn term_words(&self) -> &DocumentWords {
        self.term_words
            .get_or_init(|| DocumentWords::new(self.document, self.locale))
    }

    /// The source's words, keyed for finding terms in the source language: once a group,
    /// whichever translation asks first.
    pub fn source_term_words(&self) -> Option<&'a DocumentWords> {
        let source = self.source.as_ref()?;
        Some(source.parsed.term_words(source.locale))
    }

    /// What each source term became in this translation, learned over its aligned prose
    /// blocks (`inconsistent-term`, `loclint terms`).
    pub fn term_tables(&self) -> &[TermTable] {
        self.term_tables.get_or_init(|| {
            let (Some(source), Some(source_words)) = (&self.source, self.source_term_words())
            else {
                return Vec::new();
            };
            let pairs: Vec<(usize, usize)> = self
                .pairs_in_place()
                .filter(|&(s, t)| {
                    source.document.blocks[s].kind.is_prose()
                        && self.document.blocks[t].kind.is_prose()
                })
                .collect();
            term_tables(&Inputs {
                source: source.document,
                source_words,
                source_locale: source.locale,
                target: self.document,
                target_words: self.term_words(),
                locale: self.locale,
                pairs: &pairs,
                terminology: &self.settings.terminology,
                full: self.settings.collect_terms,
            })
        })
    }

    /// The translation's blocks on either side of block `index`: where a number, a code span or
    /// a placeholder goes when a sentence moves across a split.
    pub fn blocks_beside(&self, index: usize) -> Vec<&'a Block> {
        [index.checked_sub(1), Some(index + 1)]
            .into_iter()
            .flatten()
            .filter_map(|i| self.document.blocks.get(i))
            .collect()
    }

    /// Whether block `index` lies inside a duplicated run (its second or later copy).
    pub fn is_duplicate_copy(&self, index: usize) -> bool {
        self.duplicates
            .iter()
            .any(|run| run.repeat.contains(&index))
    }
}
