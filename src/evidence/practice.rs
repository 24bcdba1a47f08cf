//! What each locale practises across the run: a punctuation habit that a locale's own files
//! follow everywhere is the project's convention, not a translator's slip.
//!
//! Rules tag a finding that depends on such a habit with a [`Habit`], and record the uses of
//! what the language writes instead. After every group is checked, the tallies of each locale
//! decide: a habit the locale practises drops its findings. The tallies are small counts per
//! locale and habit, so memory does not grow with the run, and the decision waits for the
//! whole run, so findings are the same for any number of threads.
//!
//! `loclint init` writes what it learned into `loclint.toml` (`[practice.<locale>]`); a run
//! with learned practice reads it from there and ignores its own tallies, so that a file
//! checked alone is judged as in a run over its whole tree.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::locale::Locale;

/// A writing habit that a finding depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Habit {
    /// A punctuation mark of another convention in prose (`:` in Japanese, `,` in Chinese).
    Mark(char),
    /// The same after a label that opens a block (`デフォルト: `), where a locale's template
    /// may differ from its prose.
    LabelMark(char),
    /// A mark written with no space before it where the language puts one (French `:`).
    NoSpaceBefore(char),
    /// A mark written with a space before it where the language puts none (` ،`, ` :`).
    SpaceBefore(char),
    /// A question or an exclamation with no opening mark (Spanish `?` without `¿`).
    NoOpeningMark(char),
    /// Quotations in a style that is not the language's (`"…"` in Russian).
    QuoteStyle(char, char),
    /// A Latin word kept in the prose of translations (`push`, `span`); [`Habit::ANY_WORD`]
    /// stands for the habit of keeping technical terms in English at all.
    KeptWord(String),
    /// A short block kept as the source has it (`Made with okso.app`), by its text.
    KeptBlock(String),
    /// Titles and headings in title case kept in English (the names of series, talks, events).
    KeptTitles,
    /// A name written in the locale's script (`コレクター` for `Collector`) in many of its
    /// translations: the locale's choice, not a slip.
    TransliteratedName(String),
}

impl Habit {
    /// The word of [`Habit::KeptWord`] that stands for every word: a locale whose translations
    /// keep English terms in many of its files keeps them on purpose.
    pub const ANY_WORD: &'static str = "*";

    /// The habit as `loclint.toml` lists it under its kind.
    pub fn value(&self) -> String {
        match self {
            Habit::Mark(c)
            | Habit::LabelMark(c)
            | Habit::NoSpaceBefore(c)
            | Habit::SpaceBefore(c)
            | Habit::NoOpeningMark(c) => c.to_string(),
            Habit::QuoteStyle(open, close) => format!("{open}{close}"),
            Habit::KeptWord(word) | Habit::KeptBlock(word) | Habit::TransliteratedName(word) => {
                word.clone()
            }
            Habit::KeptTitles => "title case".into(),
        }
    }

    /// The key of `[practice.<locale>]` that lists habits of this kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Habit::Mark(_) => "marks",
            Habit::LabelMark(_) => "label-marks",
            Habit::NoSpaceBefore(_) => "no-space-before",
            Habit::SpaceBefore(_) => "space-before",
            Habit::NoOpeningMark(_) => "no-opening-mark",
            Habit::QuoteStyle(..) => "quotes",
            Habit::KeptWord(_) => "keep",
            Habit::KeptBlock(_) => "keep-blocks",
            Habit::KeptTitles => "keep-titles",
            Habit::TransliteratedName(_) => "transliterate",
        }
    }

    /// The habit a `loclint.toml` entry names, if the value fits the kind.
    pub fn from_config(kind: &str, value: &str) -> Option<Habit> {
        let mut chars = value.chars();
        let single = || {
            let mut chars = value.chars();
            let c = chars.next()?;
            chars.next().is_none().then_some(c)
        };
        Some(match kind {
            "marks" => Habit::Mark(single()?),
            "label-marks" => Habit::LabelMark(single()?),
            "no-space-before" => Habit::NoSpaceBefore(single()?),
            "space-before" => Habit::SpaceBefore(single()?),
            "no-opening-mark" => Habit::NoOpeningMark(single()?),
            "quotes" => {
                let (open, close) = (chars.next()?, chars.next()?);
                chars.next().is_none().then_some(())?;
                Habit::QuoteStyle(open, close)
            }
            "keep" if !value.trim().is_empty() => Habit::KeptWord(value.to_lowercase()),
            "keep-blocks" if !value.trim().is_empty() => Habit::KeptBlock(value.to_lowercase()),
            "keep-titles" if value == "title case" => Habit::KeptTitles,
            "transliterate" if !value.trim().is_empty() => {
                Habit::TransliteratedName(value.to_lowercase())
            }
            _ => return None,
        })
    }

    pub const KINDS: [&'static str; 10] = [
        "marks",
        "label-marks",
        "no-space-before",
        "space-before",
        "no-opening-mark",
        "quotes",
        "keep",
        "keep-blocks",
        "keep-titles",
        "transliterate",
    ];
}

impl fmt::Display for Habit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} `{}`", self.kind(), self.value())
    }
}

/// How often one translation used a habit, and what the language writes instead of it.
#[derive(Debug, Default, Clone)]
pub struct Observations {
    uses: BTreeMap<Habit, u32>,
    instead: BTreeMap<Habit, u32>,
}

impl Observations {
    /// One use of the habit (a finding that depends on it).
    pub fn used(&mut self, habit: &Habit) {
        *self.uses.entry(habit.clone()).or_default() += 1;
    }

    /// One use of the language's own form where the habit could have stood (`：` for `:`).
    pub fn instead(&mut self, habit: Habit) {
        *self.instead.entry(habit).or_default() += 1;
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Uses of the habit.
    pub uses: u32,
    /// Translations that use it.
    pub files: u32,
    /// Uses of the language's own form instead.
    pub instead: u32,
}

/// The tallies of a run, or the practice `loclint init` learned.
#[derive(Debug, Default, Clone)]
pub struct Practice {
    tallies: HashMap<Locale, HashMap<Habit, Tally>>,
    /// Per locale: translations checked, and those that keep a Latin word.
    files: HashMap<Locale, (u32, u32)>,
    /// Learned practice: habits listed in `loclint.toml`, and the run's tallies are ignored.
    learned: Option<HashMap<Locale, Vec<Habit>>>,
}

/// A habit is a locale's practice when its translations follow it at least as often as what
/// the language writes instead, in more than one translation and more than a few times.
const MIN_FILES: u32 = 2;
const MIN_USES: u32 = 5;
/// A Latin word is a locale's term when this many of its translations keep it.
const KEPT_WORD_MIN_FILES: u32 = 3;
/// A locale keeps English terms on purpose when this share of its translations keep some (and
/// at least [`KEPT_WORD_MIN_FILES`] do).
const KEPT_WORDS_MIN_SHARE: f64 = 0.1;

impl Practice {
    /// Practice learned by `loclint init`: the run's own tallies will not count.
    pub fn learned(habits: HashMap<Locale, Vec<Habit>>) -> Practice {
        Practice {
            learned: Some(habits),
            ..Practice::default()
        }
    }

    pub fn is_learned(&self) -> bool {
        self.learned.is_some()
    }

    /// Adds one translation's observations.
    pub fn add(&mut self, locale: &Locale, observations: &Observations) {
        let files = self.files.entry(locale.clone()).or_default();
        files.0 += 1;
        if observations
            .uses
            .keys()
            .any(|h| matches!(h, Habit::KeptWord(_)))
        {
            files.1 += 1;
        }
        let tallies = self.tallies.entry(locale.clone()).or_default();
        for (habit, &uses) in &observations.uses {
            let tally = tallies.entry(habit.clone()).or_default();
            tally.uses += uses;
            tally.files += 1;
        }
        for (habit, &instead) in &observations.instead {
            tallies.entry(habit.clone()).or_default().instead += instead;
        }
    }

    /// Whether `locale` practises `habit`, so that findings depending on it are dropped.
    pub fn practises(&self, locale: &Locale, habit: &Habit) -> bool {
        let any_word = Habit::KeptWord(Habit::ANY_WORD.into());
        if let Some(learned) = &self.learned {
            return learned.get(locale).is_some_and(|habits| {
                habits.contains(habit)
                    || (matches!(habit, Habit::KeptWord(_)) && habits.contains(&any_word))
            });
        }
        if *habit == any_word {
            let (files, keeping) = self.files.get(locale).copied().unwrap_or_default();
            return keeping >= KEPT_WORD_MIN_FILES
                && f64::from(keeping) >= KEPT_WORDS_MIN_SHARE * f64::from(files);
        }
        let tally = self
            .tallies
            .get(locale)
            .and_then(|t| t.get(habit))
            .copied()
            .unwrap_or_default();
        match habit {
            Habit::KeptWord(_) => {
                tally.files >= KEPT_WORD_MIN_FILES || self.practises(locale, &any_word)
            }
            // Written in the locale's script in three files, a name is so on purpose, though
            // other files keep it.
            Habit::KeptBlock(_) | Habit::TransliteratedName(_) => {
                tally.files >= KEPT_WORD_MIN_FILES
            }
            Habit::KeptTitles => {
                let (files, _) = self.files.get(locale).copied().unwrap_or_default();
                tally.files >= KEPT_WORD_MIN_FILES
                    && f64::from(tally.files) >= KEPT_WORDS_MIN_SHARE * f64::from(files)
            }
            _ => tally.files >= MIN_FILES && tally.uses >= MIN_USES && tally.uses >= tally.instead,
        }
    }

    /// Every habit each locale practises, for `loclint init` to write down.
    pub fn practised(&self) -> BTreeMap<Locale, Vec<Habit>> {
        let mut practised = BTreeMap::new();
        let any_word = Habit::KeptWord(Habit::ANY_WORD.into());
        for (locale, tallies) in &self.tallies {
            let keeps_any = self.practises(locale, &any_word);
            let mut habits: Vec<Habit> = tallies
                .keys()
                .filter(|habit| !(keeps_any && matches!(habit, Habit::KeptWord(_))))
                .filter(|habit| self.practises(locale, habit))
                .cloned()
                .collect();
            if keeps_any {
                habits.push(any_word.clone());
            }
            habits.sort();
            if !habits.is_empty() {
                practised.insert(locale.clone(), habits);
            }
        }
        practised
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn observed(uses: &[(Habit, u32)], instead: &[(Habit, u32)]) -> Observations {
        let mut observations = Observations::default();
        for (habit, n) in uses {
            for _ in 0..*n {
                observations.used(habit);
            }
        }
        for (habit, n) in instead {
            for _ in 0..*n {
                observations.instead(habit.clone());
            }
        }
        observations
    }

    #[test]
    fn a_habit_most_files_follow_is_practice() {
        let ja = Locale::parse("ja").unwrap();
        let colon = Habit::Mark(':');
        let mut practice = Practice::default();
        practice.add(&ja, &observed(&[(colon.clone(), 4)], &[(colon.clone(), 1)]));
        assert!(!practice.practises(&ja, &colon), "one file is no practice");
        practice.add(&ja, &observed(&[(colon.clone(), 3)], &[(colon.clone(), 2)]));
        assert!(practice.practises(&ja, &colon));
        let zh = Locale::parse("zh").unwrap();
        assert!(!practice.practises(&zh, &colon), "practice is per locale");
    }

    #[test]
    fn a_slip_against_the_locale_majority_is_no_practice() {
        let zh = Locale::parse("zh").unwrap();
        let comma = Habit::Mark(',');
        let mut practice = Practice::default();
        for _ in 0..3 {
            practice.add(
                &zh,
                &observed(&[(comma.clone(), 3)], &[(comma.clone(), 40)]),
            );
        }
        assert!(!practice.practises(&zh, &comma));
    }

    #[test]
    fn a_word_kept_in_three_translations_is_a_term() {
        let ko = Locale::parse("ko").unwrap();
        let push = Habit::KeptWord("push".into());
        let mut practice = Practice::default();
        for _ in 0..40 {
            practice.add(&ko, &Observations::default());
        }
        practice.add(&ko, &observed(&[(push.clone(), 1)], &[]));
        practice.add(&ko, &observed(&[(push.clone(), 1)], &[]));
        assert!(!practice.practises(&ko, &push));
        practice.add(&ko, &observed(&[(push.clone(), 2)], &[]));
        assert!(practice.practises(&ko, &push));
        assert_eq!(practice.practised()[&ko], vec![push]);
    }

    #[test]
    fn a_locale_that_keeps_terms_in_many_files_keeps_them_all() {
        let ja = Locale::parse("ja").unwrap();
        let word = |w: &str| Habit::KeptWord(w.into());
        let mut practice = Practice::default();
        for w in ["tarball", "egress", "shell"] {
            practice.add(&ja, &observed(&[(word(w), 1)], &[]));
        }
        for _ in 0..20 {
            practice.add(&ja, &Observations::default());
        }
        assert!(
            practice.practises(&ja, &word("gzip")),
            "3 of 23 files keep terms"
        );
        for _ in 0..10 {
            practice.add(&ja, &Observations::default());
        }
        assert!(
            !practice.practises(&ja, &word("gzip")),
            "3 of 33 files is too few"
        );
        assert!(!practice.practises(&ja, &word("tarball")));
    }

    #[test]
    fn a_name_three_translations_write_in_the_locale_s_script_is_its_choice() {
        let ja = Locale::parse("ja").unwrap();
        let collector = Habit::TransliteratedName("collector".into());
        let mut practice = Practice::default();
        for _ in 0..30 {
            practice.add(&ja, &Observations::default());
        }
        practice.add(&ja, &observed(&[(collector.clone(), 2)], &[]));
        practice.add(&ja, &observed(&[(collector.clone(), 1)], &[]));
        assert!(!practice.practises(&ja, &collector), "two translations");
        practice.add(&ja, &observed(&[(collector.clone(), 1)], &[]));
        assert!(practice.practises(&ja, &collector));
        assert_eq!(practice.practised()[&ja], vec![collector]);
    }

    #[test]
    fn learned_practice_replaces_the_tallies() {
        let ja = Locale::parse("ja").unwrap();
        let colon = Habit::Mark(':');
        let mut practice = Practice::learned(HashMap::from([(ja.clone(), vec![colon.clone()])]));
        practice.add(&ja, &observed(&[(Habit::Mark('!'), 9)], &[]));
        practice.add(&ja, &observed(&[(Habit::Mark('!'), 9)], &[]));
        assert!(practice.practises(&ja, &colon));
        assert!(!practice.practises(&ja, &Habit::Mark('!')));
    }

    #[test]
    fn habits_round_trip_through_their_config_form() {
        for habit in [
            Habit::Mark(':'),
            Habit::NoSpaceBefore('?'),
            Habit::SpaceBefore('،'),
            Habit::NoOpeningMark('¿'),
            Habit::QuoteStyle('"', '"'),
            Habit::KeptWord("push".into()),
            Habit::KeptBlock("made with okso.app".into()),
            Habit::KeptTitles,
            Habit::TransliteratedName("collector".into()),
        ] {
            assert_eq!(
                Habit::from_config(habit.kind(), &habit.value()),
                Some(habit)
            );
        }
        assert_eq!(Habit::from_config("marks", "::"), None);
        assert_eq!(Habit::from_config("nope", ":"), None);
    }
}
