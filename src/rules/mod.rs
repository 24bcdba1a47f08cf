//! The rules. Each lives in its own file: its [`RuleInfo`] (id, default severity, the user
//! documentation that `loclint explain` prints) and one check function over the shared
//! [`Context`].

mod code_mismatch;
mod context;
mod do_not_translate;
mod duplicate_section;
mod encoding_damage;
mod front_matter_mismatch;
mod glossary_term;
mod image_mismatch;
mod inconsistent_term;
mod invisible_character;
mod length_outlier;
mod link_mismatch;
mod locale_punctuation;
mod marks;
mod mismatched_quotes;
mod missing_source;
mod mixed_script_word;
mod number_mismatch;
mod pairing;
mod placeholder_mismatch;
mod repeated_word;
mod spacing;
mod structure_mismatch;
#[cfg(test)]
mod test_support;
mod unbalanced_pair;
mod unnormalized_text;
mod untranslated_text;
mod unused_suppression;

pub use context::{Context, SourceSide};
/// `inconsistent-term` also compares the translations of a locale, after the run.
pub use inconsistent_term::{
    across_translations as inconsistent_terms_across_translations, term_usage, TermUsage,
    INFO as INCONSISTENT_TERM,
};
/// The rule the suppression step reports under.
pub use unused_suppression::INFO as UNUSED_SUPPRESSION;

use crate::finding::{Finding, Severity};

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct RuleInfo {
    /// Kebab-case, naming the defect.
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line for `loclint rules`.
    pub summary: &'static str,
    /// Whether the rule needs the English source (it is skipped for files checked alone).
    pub needs_source: bool,
    /// Markdown: What it finds / Why it matters / Example / How to fix.
    pub docs: &'static str,
}

pub trait Rule: Sync {
    fn info(&self) -> &'static RuleInfo;
    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>);
}

/// Every rule, in the order `loclint rules` lists them.
pub static RULES: &[&dyn Rule] = &[
    &duplicate_section::DuplicateSection,
    &untranslated_text::UntranslatedText,
    &structure_mismatch::StructureMismatch,
    &missing_source::MissingSource,
    &number_mismatch::NumberMismatch,
    &link_mismatch::LinkMismatch,
    &code_mismatch::CodeMismatch,
    &image_mismatch::ImageMismatch,
    &front_matter_mismatch::FrontMatterMismatch,
    &placeholder_mismatch::PlaceholderMismatch,
    &length_outlier::LengthOutlier,
    &glossary_term::GlossaryTerm,
    &do_not_translate::DoNotTranslate,
    &inconsistent_term::InconsistentTerm,
    &mixed_script_word::MixedScriptWord,
    &invisible_character::InvisibleCharacter,
    &encoding_damage::EncodingDamage,
    &unnormalized_text::UnnormalizedText,
    &unbalanced_pair::UnbalancedPair,
    &mismatched_quotes::MismatchedQuotes,
    &locale_punctuation::LocalePunctuation,
    &spacing::Spacing,
    &repeated_word::RepeatedWord,
    &unused_suppression::UnusedSuppression,
];

pub fn find(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|rule| rule.info().id == id)
}

pub fn ids() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|rule| rule.info().id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = HashSet::new();
        for id in ids() {
            assert!(seen.insert(id), "duplicate rule id {id}");
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    && !id.starts_with('-')
                    && !id.ends_with('-'),
                "{id} is not kebab-case"
            );
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in RULES {
            let info = rule.info();
            for section in [
                "## What it finds",
                "## Why it matters",
                "## Example",
                "## How to fix",
            ] {
                assert!(info.docs.contains(section), "{} lacks `{section}`", info.id);
            }
            assert!(
                !info.summary.ends_with('.'),
                "{}: summary ends with a period",
                info.id
            );
        }
    }
}
