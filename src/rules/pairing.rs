//! Pairing quotation marks and brackets within a block, for `unbalanced-pair` and
//! `mismatched-quotes`.
//!
//! Brackets have fixed roles. A quotation mark's role comes first from where it stands (after a
//! space and before a word it opens; after a word and before a space or punctuation it closes),
//! then from the language's quotation pairs, and for a straight `"` from whether a quotation is
//! open. So German `„…“`, Swedish `”…”` and Arabic `”…“` pair as well as English `“…”`.

use crate::document::Block;
use crate::locale::LocaleData;

use super::marks::{self, is_closing_bracket, is_dash, is_opening_bracket};

/// Double quotation marks (the outer level in most languages) or single ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Double,
    Single,
}

/// What a mark looks like, whatever its direction: two marks of one style make a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Straight,
    Curly,
    Guillemet,
    Corner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BracketKind {
    Round,
    Square,
    Lenticular,
    Tortoise,
    DoubleAngle,
    Angle,
}

/// A group of marks that pair with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    Quote(Level),
    Bracket(BracketKind),
}

/// A mark at a byte offset of the block text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub ch: char,
    pub at: usize,
}

impl Mark {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.at..self.at + self.ch.len_utf8()
    }
}

/// An opening and a closing quotation mark that pair up. `depth` counts the quotations of the
/// same level that enclose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotation {
    pub open: Mark,
    pub close: Mark,
    pub level: Level,
    pub depth: usize,
}

impl Quotation {
    /// Opened and closed with marks of different styles (`“…"`).
    pub fn is_mismatched(&self) -> bool {
        quote_style(self.open.ch) != quote_style(self.close.ch)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lone {
    /// An opening mark that nothing closes.
    Unclosed,
    /// A closing mark that nothing opened.
    Stray,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unpaired {
    pub mark: Mark,
    pub group: Group,
    pub lone: Lone,
}

#[derive(Debug, Default)]
pub struct Pairing {
    pub quotations: Vec<Quotation>,
    pub unpaired: Vec<Unpaired>,
}

pub fn quote_style(c: char) -> Option<Style> {
    Some(match c {
        '"' | '＂' | '\'' => Style::Straight,
        '“' | '”' | '„' | '‟' | '‘' | '’' | '‚' | '‛' => Style::Curly,
        '«' | '»' | '‹' | '›' => Style::Guillemet,
        '「' | '」' | '『' | '』' => Style::Corner,
        _ => return None,
    })
}

fn quote_level(c: char) -> Option<Level> {
    match c {
        '"' | '＂' | '“' | '”' | '„' | '‟' | '«' | '»' | '「' | '」' => {
            Some(Level::Double)
        }
        '‘' | '’' | '‚' | '‛' | '‹' | '›' | '『' | '』' => Some(Level::Single),
        _ => None,
    }
}

fn bracket(c: char) -> Option<(BracketKind, bool)> {
    Some(match c {
        '(' | '（' => (BracketKind::Round, true),
        ')' | '）' => (BracketKind::Round, false),
        '[' | '［' => (BracketKind::Square, true),
        ']' | '］' => (BracketKind::Square, false),
        '【' => (BracketKind::Lenticular, true),
        '】' => (BracketKind::Lenticular, false),
        '〔' => (BracketKind::Tortoise, true),
        '〕' => (BracketKind::Tortoise, false),
        '《' => (BracketKind::DoubleAngle, true),
        '》' => (BracketKind::DoubleAngle, false),
        '〈' => (BracketKind::Angle, true),
        '〉' => (BracketKind::Angle, false),
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Either: decided by whether a quotation of its level is open.
    Toggle,
}

/// Pairs the quotation marks and brackets of a block's prose (masked text is skipped).
pub fn pair(block: &Block, data: &LocaleData) -> Pairing {
    let text = block.text.as_str();
    let mut pairing = Pairing::default();
    let mut quotes: [Vec<Mark>; 2] = [Vec::new(), Vec::new()];
    let mut brackets: Vec<(BracketKind, Mark)> = Vec::new();
    for (at, ch) in text.char_indices() {
        if marks::masked(block, at, ch.len_utf8()) {
            continue;
        }
        let mark = Mark { ch, at };
        if let Some((kind, opens)) = bracket(ch) {
            let open_of_kind = brackets.iter().any(|(k, _)| *k == kind);
            // `:)` is a face only where no bracket waits for it, and its eyes are prose.
            let emoticon = ch.is_ascii()
                && !open_of_kind
                && is_emoticon(text, at)
                && !marks::masked(block, at.saturating_sub(1), 1);
            if emoticon || (!opens && is_list_label(text, at, &brackets, kind)) {
                continue;
            }
            if opens {
                brackets.push((kind, mark));
            } else if let Some(i) = brackets.iter().rposition(|(k, _)| *k == kind) {
                brackets.remove(i);
            } else if opened_in_code(block, at, kind) {
                // `(see `a`, `b (c`)`: a misplaced backtick put the opening bracket in code;
                // the bracket pairs in the text, and the fault is the backtick's.
            } else {
                pairing.unpaired.push(Unpaired {
                    mark,
                    group: Group::Bracket(kind),
                    lone: Lone::Stray,
                });
            }
            continue;
        }
        let Some(level) = quote_level(ch) else {
            continue;
        };
        // Hebrew joins a one-letter prefix to a quotation (`כ"ביקור הושלם"`): that mark opens;
        // between the letters of an abbreviation (`צה"ל`) it belongs to the word.
        let after_prefix = data.word_internal_quotes.contains(&ch)
            && data
                .attached_prefixes
                .iter()
                .any(|p| p.as_str() == marks::word_before(text, at));
        if (matches!(ch, '’' | '‘') && is_apostrophe(text, at))
            || (data.word_internal_quotes.contains(&ch)
                && between_letters(text, at)
                && !after_prefix)
        {
            continue;
        }
        let stack = &mut quotes[level as usize];
        if is_unit_mark(text, at, stack) {
            continue;
        }
        let open = if after_prefix && stack.is_empty() {
            true
        } else {
            match role(text, at, ch, data) {
                Role::Open => true,
                Role::Close => false,
                Role::Toggle => stack.is_empty(),
            }
        };
        if open {
            stack.push(mark);
        } else if let Some(opening) = stack.pop() {
            pairing.quotations.push(Quotation {
                open: opening,
                close: mark,
                level,
                depth: stack.len(),
            });
        } else if level == Level::Double {
            pairing.unpaired.push(Unpaired {
                mark,
                group: Group::Quote(level),
                lone: Lone::Stray,
            });
        }
    }
    for (level, stack) in [Level::Double, Level::Single].into_iter().zip(quotes) {
        for mark in stack {
            // A lone `’` opening a word is an elided letter as often as a quotation.
            if mark.ch != '’' {
                pairing.unpaired.push(Unpaired {
                    mark,
                    group: Group::Quote(level),
                    lone: Lone::Unclosed,
                });
            }
        }
    }
    for (kind, mark) in brackets {
        pairing.unpaired.push(Unpaired {
            mark,
            group: Group::Bracket(kind),
            lone: Lone::Unclosed,
        });
    }
    pairing.unpaired.sort_by_key(|u| u.mark.at);
    pairing.quotations.sort_by_key(|q| q.open.at);
    pairing
}

/// Whether masked text before byte `at` holds an opening bracket of `kind` that its own text
/// does not close.
fn opened_in_code(block: &Block, at: usize, kind: BracketKind) -> bool {
    block.masks.iter().filter(|m| m.range.end <= at).any(|m| {
        let mut depth = 0i32;
        for c in block.text[m.range.clone()].chars() {
            match bracket(c) {
                Some((k, true)) if k == kind => depth += 1,
                Some((k, false)) if k == kind => depth -= 1,
                _ => {}
            }
        }
        depth > 0
    })
}

/// A quotation mark's role: fixed for low and corner marks, else from where it stands, else from
/// the language's pairs, else from the usual direction of the mark.
fn role(text: &str, at: usize, ch: char, data: &LocaleData) -> Role {
    match ch {
        '„' | '‚' | '「' | '『' => return Role::Open,
        '」' | '』' => return Role::Close,
        _ => {}
    }
    // Chinese and Japanese put no spaces between words, so where a mark stands says little: a
    // mark the language uses in one direction only is read that way (`“ now ”`).
    if data.scripts.contains(&crate::locale::Script::Han) {
        match (data.opens_quote(ch), data.closes_quote(ch)) {
            (true, false) => return Role::Open,
            (false, true) => return Role::Close,
            // A straight mark has no direction, and no space tells one here: it toggles.
            _ if matches!(ch, '"' | '＂') => return Role::Toggle,
            _ => {}
        }
    }
    let prev = marks::before(text, at);
    let next = marks::at(text, at + ch.len_utf8());
    let opens_here = !marks::is_space(next)
        && prev.is_none_or(|p| p.is_whitespace() || is_opening_context(p))
        && !next.is_some_and(is_closing_context);
    let closes_here = !marks::is_space(prev)
        && next.is_none_or(|n| n.is_whitespace() || is_closing_context(n))
        && !prev.is_some_and(is_opening_context);
    match (opens_here, closes_here) {
        (true, false) => return Role::Open,
        (false, true) => return Role::Close,
        _ => {}
    }
    match (data.opens_quote(ch), data.closes_quote(ch)) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        (true, true) => Role::Toggle,
        (false, false) => match ch {
            '“' | '‘' | '«' | '‹' => Role::Open,
            '”' | '’' | '»' | '›' => Role::Close,
            _ => Role::Toggle,
        },
    }
}

/// What may stand right before an opening quotation mark.
fn is_opening_context(c: char) -> bool {
    is_opening_bracket(c)
        || is_dash(c)
        || matches!(c, '“' | '„' | '«' | '‘' | '‚' | '‹' | '¿' | '¡')
}

/// What may stand right after a closing quotation mark.
fn is_closing_context(c: char) -> bool {
    is_closing_bracket(c)
        || marks::is_clause_punctuation(c)
        || is_dash(c)
        || matches!(c, '”' | '»' | '’' | '›' | '"' | '\'')
}

/// `’` or `‘` inside a word (`don’t`, `l’homme`, `Guru’s`), or before a digit (`’90s`).
fn is_apostrophe(text: &str, at: usize) -> bool {
    let ch_len = marks::at(text, at).map_or(1, char::len_utf8);
    between_letters(text, at) || marks::at(text, at + ch_len).is_some_and(|c| c.is_ascii_digit())
}

fn between_letters(text: &str, at: usize) -> bool {
    let ch_len = marks::at(text, at).map_or(1, char::len_utf8);
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || marks::is_mark(c));
    letter(marks::before(text, at)) && letter(marks::at(text, at + ch_len))
}

/// `"` after a number, with no quotation open: inches or seconds (`15" screen`).
fn is_unit_mark(text: &str, at: usize, open: &[Mark]) -> bool {
    matches!(marks::at(text, at), Some('"' | '＂'))
        && open.is_empty()
        && marks::before(text, at).is_some_and(|c| c.is_ascii_digit())
}

/// `:)`, `:-(`, `;)`.
fn is_emoticon(text: &str, at: usize) -> bool {
    let before: Vec<char> = text[..at].chars().rev().take(2).collect();
    matches!(
        before.as_slice(),
        [':' | ';' | '=', ..] | ['-', ':' | ';', ..]
    )
}

/// The `)` of a list label inside a sentence (`a) first, b) second`), with no round bracket
/// open.
fn is_list_label(text: &str, at: usize, open: &[(BracketKind, Mark)], kind: BracketKind) -> bool {
    if kind != BracketKind::Round || open.iter().any(|(k, _)| *k == kind) {
        return false;
    }
    let label = marks::word_before(text, at);
    let count = label.chars().count();
    (1..=2).contains(&count) && marks::is_space(marks::before(text, at - label.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Locale;

    fn block(text: &str) -> Block {
        Block::paragraph(text)
    }

    fn pairs(text: &str, locale: &str) -> (Vec<String>, Vec<(char, Lone)>) {
        let data = Locale::parse(locale).unwrap().data();
        let b = block(text);
        let p = pair(&b, data);
        let quotations = p
            .quotations
            .iter()
            .map(|q| format!("{}{}", q.open.ch, q.close.ch))
            .collect();
        let lone = p.unpaired.iter().map(|u| (u.mark.ch, u.lone)).collect();
        (quotations, lone)
    }

    #[test]
    fn quotes_pair_in_each_convention() {
        assert_eq!(pairs("He said “yes” today.", "en").0, vec!["“”"]);
        assert_eq!(pairs("Er sagte „ja“ heute.", "de").0, vec!["„“"]);
        assert_eq!(pairs("Han sa ”ja” i dag.", "sv").0, vec!["””"]);
        assert_eq!(pairs("Il a dit « oui » hier.", "fr").0, vec!["«»"]);
        assert_eq!(pairs("قال ”نعم“ اليوم.", "ar").0, vec!["”“"]);
        assert_eq!(pairs("彼は「はい」と言った。", "ja").0, vec!["「」"]);
        assert_eq!(pairs("『本』を読む。", "ja").0, vec!["『』"]);
        assert_eq!(pairs("Er sagte »ja« heute.", "de").0, vec!["»«"]);
    }

    #[test]
    fn nested_and_mismatched_quotes_pair() {
        let (q, lone) = pairs("« Il a dit “non” hier », dit-elle.", "fr");
        assert_eq!(q, vec!["«»", "“”"]);
        assert!(lone.is_empty());
        let (q, lone) = pairs("हैं, “एक ब्रांड है।\" एक", "hi");
        assert_eq!(q, vec!["“\""]);
        assert!(lone.is_empty());
    }

    #[test]
    fn straight_quotes_glued_to_a_tatweel_pair() {
        let (q, lone) = pairs("في CX كـ\"تنسيق طويل الأمد (من ممثل) المشكلة.\"", "ar");
        assert_eq!(q, vec!["\"\""]);
        assert!(lone.is_empty(), "{lone:?}");
        let (q, lone) = pairs("بهذه الطريقة: \"[تجربة العملاء] ليست خدمة.\"", "ar");
        assert_eq!(q, vec!["\"\""]);
        assert!(lone.is_empty(), "{lone:?}");
    }

    #[test]
    fn lone_marks() {
        assert_eq!(
            pairs("वे सोचती हैं \"एक दीर्घकालिक समन्वय है।", "hi").1,
            vec![('"', Lone::Unclosed)]
        );
        assert_eq!(
            pairs("an aside (never closed.", "en").1,
            vec![('(', Lone::Unclosed)]
        );
        assert_eq!(pairs("closed) twice.", "en").1, vec![(')', Lone::Stray)]);
        assert_eq!(
            pairs("said hello” today.", "en").1,
            vec![('”', Lone::Stray)]
        );
        assert_eq!(pairs("said ”hello.", "en").1, vec![('”', Lone::Unclosed)]);
    }

    #[test]
    fn hebrew_gershayim_typed_as_a_straight_quote() {
        let text = "ארה\"ב וצה\"ל אמרו \"כן\" היום.";
        assert_eq!(pairs(text, "he"), (vec!["\"\"".to_string()], vec![]));
        assert_eq!(pairs("ארה\"ב", "en").1, vec![('"', Lone::Unclosed)]);
    }

    #[test]
    fn apostrophes_units_labels_and_emoticons_are_not_pairs() {
        for text in [
            "don’t and l’homme and Guru’s team and the users’ data",
            "the ’90s were fun",
            "a 15\" screen",
            "choose a) one or b) two",
            "nice :) and sad :-(",
            "‘it’s fine’ she said",
        ] {
            assert!(pairs(text, "en").1.is_empty(), "{text}");
        }
    }

    #[test]
    fn hebrew_prefixes_open_quotations_and_abbreviations_keep_theirs() {
        let (quotations, lone) = pairs("הצומת סומן כ\"ביקור הושלם\". צה\"ל ו\"לא מוגבל\".", "he");
        assert_eq!(quotations, vec!["\"\"", "\"\""]);
        assert!(lone.is_empty(), "{lone:?}");
    }

    #[test]
    fn chinese_quotes_read_by_their_shape() {
        let (quotations, lone) = pairs("它们分别被假定为“ now ”和“ forever ”。", "zh");
        assert_eq!(quotations, vec!["“”", "“”"]);
        assert!(lone.is_empty());
    }

    #[test]
    fn a_face_needs_prose_eyes_and_no_open_bracket() {
        let text = "不支持设置包含等号（=）的键，见 (a =) 和 :)";
        let b = block(text);
        let data = Locale::parse("zh").unwrap().data();
        assert!(
            pair(&b, data).unpaired.is_empty(),
            "{:?}",
            pair(&b, data).unpaired
        );
    }
}
