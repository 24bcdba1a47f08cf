//! Work done once per block for every rule: masking what is not prose, word segmentation with
//! the script of each token, anchors, and the normalised text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::{IsNormalized, UnicodeNormalization};
use unicode_script::{Script, UnicodeScript};
use unicode_segmentation::UnicodeSegmentation;

use super::normal_forms::{code_skeleton, link_target};
use super::words::{is_acronym_like, name_form, split_quantity, starts_upper};
use super::{Block, BlockBuilder, BlockKind, ImageRef, Link, Mask, MaskKind};
use crate::locale::invisible::invisible;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with their marks, and digits or apostrophes inside the word).
    Word,
    Number,
    Punctuation,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Byte range in the block text.
    pub range: Range<usize>,
    /// The script of a word's letters; `Common` for numbers and punctuation.
    pub script: Script,
    /// Inside a masked range (code, URL, file name...).
    pub masked: bool,
    /// Part of a word whose letters change script with no space (`उपProducts`, `وCS`).
    pub glued: bool,
    /// The first token of a word (a glued word yields one token per script run).
    pub word_start: bool,
    /// Letters in the token (characters of a script other than Common and Inherited).
    pub letters: u32,
}

impl Token {
    pub fn text<'a>(&self, block_text: &'a str) -> &'a str {
        &block_text[self.range.clone()]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AnchorKind {
    Number,
    Url,
    FileName,
    Code,
    Placeholder,
    /// An acronym or a Latin-script token with inner capitals or digits (`CX`, `SaaS`, `iOS`).
    Acronym,
    /// A capitalised Latin-script word: a likely name (`Guru`, `Apple`). Weak: names are often
    /// transliterated.
    Name,
    /// The id of a heading, written out (`{#configure-csps}`) or generated from its text: kept
    /// so that links still land.
    HeadingId,
    /// A link target without its locale (`/docs/start`). Weak: translations may point to pages
    /// in their own language.
    Link,
}

impl AnchorKind {
    /// Anchors that every faithful translation keeps verbatim.
    pub fn is_hard(self) -> bool {
        // Heading ids are weighed on their own: some projects translate them.
        !matches!(
            self,
            AnchorKind::Name | AnchorKind::Link | AnchorKind::HeadingId
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Anchor {
    pub kind: AnchorKind,
    pub value: String,
}

/// A number of a block's prose (not of its code), where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// Byte range in [`Block::text`](super::Block::text).
    pub range: Range<usize>,
    /// Its digits, in ASCII, separators left out: `1,000`, `1 000`, `١٬٠٠٠` and `1.000` are one
    /// value, as are `3.5` and `3,5`.
    pub value: String,
    /// The unit glued to it (`GB` of `4GB`).
    pub unit: Option<String>,
}

// ASCII word boundaries and classes keep these regexes on the fast DFA engines: a Unicode `\b`
// sends the regex crate to its slower backtracking engines on non-ASCII text.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r#"(?i)(?:https?://|ftp://|www\.)[^\s<>"'“”«»()\[\]（）【】「」『』、，。：；！？]+[^\s<>"'“”«»()\[\]（）【】「」『』、，。：；！？.,;:!?।،؟]"#,
    )
});
/// Template markup that is not prose: Hugo shortcodes (`{{< figure ... >}}`, `{{% alert %}}`),
/// the fences of Markdown directives (`:::note`, `:::`) and GitHub's alert markers
/// (`[!NOTE]`).
static TEMPLATE_MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"\{\{[<%].*?[%>]\}\}|:::+[A-Za-z0-9_-]*(?:\[[^\]\n]*\])?|^\[![A-Za-z]+\]")
});
/// An alert's title (`[!NOTE] Help wanted`) has this many words at most.
const ALERT_TITLE_MAX_WORDS: usize = 5;

/// GitHub's emoji shortcodes (`:warning:`, `:+1:`): markup a site renders as a picture.
static EMOJI_SHORTCODE: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(r":[a-z0-9_+-]{2,32}:"));
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"(?-u:\b)[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?-u:\b)")
});
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"\{\{[^{}]*\}\}|\$\{[^{}]*\}|\{[A-Za-z_][A-Za-z0-9_.]*\}|%(?:[0-9]+\$)?[sdif@]|%\([A-Za-z0-9_]+\)[sdif]",
    )
});
static FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"(?i)(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_.-]*[A-Za-z0-9_]\.(?:png|jpe?g|gif|svg|webp|avif|bmp|ico|pdf|mp4|webm|mov|mp3|wav|zip|csv|tsv|xlsx?|docx?|pptx?|json|ya?ml|toml|xml|html?|css|js|ts|tsx|jsx|py|rs|go|rb|java|kt|swift|sh|md|mdx|txt|log|ini|cfg|conf)(?-u:\b)",
    )
});

/// Adds the `<img src="…">` tags of the block's markup to its images, in text order.
fn html_images(text: &str, masks: &[Mask], images: &mut Vec<ImageRef>) {
    static IMG: LazyLock<Regex> = LazyLock::new(|| {
        crate::static_regex(
            r#"(?i)<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|\{["'`]([^"'`]*)["'`]\})"#,
        )
    });
    let before = images.len();
    for mask in masks
        .iter()
        .filter(|m| matches!(m.kind, MaskKind::HtmlTag | MaskKind::Jsx))
    {
        let Some(markup) = text.get(mask.range.clone()) else {
            continue;
        };
        if !markup.contains("src") {
            continue;
        }
        for found in IMG.captures_iter(markup) {
            let Some(src) = found.get(1).or(found.get(2)).or(found.get(3)) else {
                continue;
            };
            let Some(whole) = found.get(0) else { continue };
            images.push(ImageRef {
                at: mask.range.start + whole.start()..mask.range.start + src.end(),
                destination: src.as_str().trim().to_string(),
            });
        }
    }
    if images.len() > before {
        images.retain(|image| !image.destination.is_empty());
        images.sort_by_key(|image| image.at.start);
    }
}

pub(super) fn prepare(builder: BlockBuilder) -> Block {
    let BlockBuilder {
        mut kind,
        range,
        text,
        mut masks,
        pieces,
        key,
        links,
        mut images,
        mut emphasis,
    } = builder;
    emphasis.sort_by_key(|r| r.start);
    if kind == BlockKind::Html && has_prose_letters(&text, &masks) && !opens_hidden(&text) {
        // An HTML block with text between its tags (a pull quote, a table's cells) is read as
        // a paragraph: its words are the translation's like any other.
        kind = BlockKind::Paragraph;
    }
    if !matches!(kind, BlockKind::Code | BlockKind::Html | BlockKind::Image) {
        if matches!(kind, BlockKind::Heading(_)) {
            mask_heading_attributes(&text, &mut masks);
        }
        masks = mask_non_prose(&text, masks);
        if kind == BlockKind::Paragraph && only_markup(&text, &masks) {
            // `{{% alert %}}`, `:::note`, `</td></tr>`: a paragraph of template markup.
            kind = BlockKind::Html;
        }
    } else if masks.is_empty() && !text.is_empty() {
        let mask_kind = match kind {
            BlockKind::Code => MaskKind::Code,
            BlockKind::Html => MaskKind::HtmlTag,
            _ => MaskKind::FileName,
        };
        masks.push(Mask {
            kind: mask_kind,
            range: 0..text.len(),
        });
    }
    html_images(&text, &masks, &mut images);
    let tags = if text.contains('<') {
        super::markup::tags_of(&text, &masks)
    } else {
        Vec::new()
    };
    let tokens = tokenize(&text, &masks);
    let (mut anchors, numbers) = anchors(&text, &masks, &tokens, &links);
    if matches!(kind, BlockKind::Heading(_)) {
        // `## CSPの設定 {#configure-csps}`: the id a translation keeps so that links still land.
        // A heading with no id of its own gets the one a site generates from its text.
        let id = heading_id(&text);
        if !id.is_empty() {
            anchors.push(Anchor {
                kind: AnchorKind::HeadingId,
                value: id,
            });
            anchors.sort();
        }
    }
    let normalized = normalize(&without_markup(&text, &masks));
    let mut capitalized: Vec<String> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && t.script == Script::Latin && !t.masked)
        .map(|t| name_form(t.text(&text)))
        .filter(|w| starts_upper(w) && !is_acronym_like(w) && w.chars().count() >= 2)
        .map(str::to_string)
        .collect();
    capitalized.sort_unstable();
    let mut common_words: Vec<String> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && t.script == Script::Latin && !t.masked)
        .map(|t| t.text(&text))
        .filter(|w| w.chars().count() >= 4 && w.starts_with(|c: char| c.is_lowercase()))
        .map(str::to_string)
        .collect();
    common_words.sort_unstable();
    let letter_count = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && !t.masked)
        .map(|t| t.letters as usize)
        .sum();
    let length = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && !t.masked)
        .map(|t| {
            let weight = match t.script {
                Script::Han => 3,
                Script::Hangul => 2,
                _ => 1,
            };
            weight * t.letters as usize
        })
        .sum();
    let sorted_values = |wanted: &dyn Fn(AnchorKind) -> bool| {
        let mut values: Vec<String> = anchors
            .iter()
            .filter(|a| wanted(a.kind))
            .map(|a| a.value.clone())
            .collect();
        values.sort_unstable();
        values
    };
    let hard_values = sorted_values(&|kind| kind.is_hard());
    let link_values = sorted_values(&|kind| kind == AnchorKind::Link);
    Block {
        hard_values,
        link_values,
        kind,
        range,
        text,
        masks,
        key,
        links,
        images,
        tags,
        emphasis,
        pieces,
        tokens,
        anchors,
        numbers,
        capitalized,
        common_words,
        normalized,
        letter_count,
        length,
    }
}

/// A heading's attribute block, `{#anchor}` or `{.class}` at its end, is markup. (pulldown-cmark
/// can read them, but its reading panics on some setext headings.)
fn mask_heading_attributes(text: &str, masks: &mut Vec<Mask>) {
    let Some((range, _)) = heading_attributes(text) else {
        return;
    };
    masks.retain(|m| !(range.start <= m.range.start && m.range.end <= range.end));
    if !masks
        .iter()
        .any(|m| m.range.start < range.end && range.start < m.range.end)
    {
        masks.push(Mask {
            kind: MaskKind::HtmlTag,
            range,
        });
        masks.sort_by_key(|m| m.range.start);
    }
}

/// A Markdown attribute list, `{#intro .wide key=value}`: the text between its braces.
pub(super) fn attribute_list(text: &str) -> Option<&str> {
    let inner = text.trim().strip_prefix('{')?.strip_suffix('}')?;
    let attributes = inner.starts_with(['#', '.'])
        && !inner.contains(['{', '}'])
        && inner
            .split_whitespace()
            .all(|part| part.starts_with(['#', '.']) || part.contains('='));
    attributes.then_some(inner)
}

/// The attribute list that ends a heading: its byte range in `text`, and its content.
fn heading_attributes(text: &str) -> Option<(Range<usize>, &str)> {
    let trimmed = text.trim_end();
    let open = trimmed.rfind('{')?;
    let inner = attribute_list(&trimmed[open..])?;
    Some((open..trimmed.len(), inner))
}

/// A heading's id: its own (`configure-csps` of `## Configure CSPs {#configure-csps}`), or the
/// one a site generates from its text.
fn heading_id(text: &str) -> String {
    match heading_attributes(text) {
        Some((range, inner)) => inner
            .split_whitespace()
            .find_map(|part| part.strip_prefix('#'))
            .filter(|id| !id.is_empty())
            .map_or_else(|| slug(&text[..range.start]), str::to_string),
        None => slug(text),
    }
}

/// The id a site generator gives a heading: lowercase letters and digits, a dash for each run
/// of spaces and dashes, other marks dropped.
fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' {
            slug.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-') && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// `text` with its markup (HTML and JSX tags, shortcodes, heading attributes) blanked out, for
/// comparing blocks by what they say.
fn without_markup<'t>(text: &'t str, masks: &[Mask]) -> std::borrow::Cow<'t, str> {
    let markup: Vec<&Mask> = masks
        .iter()
        .filter(|m| matches!(m.kind, MaskKind::HtmlTag | MaskKind::Jsx))
        .collect();
    if markup.is_empty() || markup.iter().all(|m| m.range == (0..text.len())) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for mask in markup {
        out.push_str(&text[at..mask.range.start.max(at)]);
        out.push(' ');
        at = at.max(mask.range.end);
    }
    out.push_str(&text[at..]);
    std::borrow::Cow::Owned(out)
}

/// Whether an HTML block opens with an element no reader sees (`<div style="display: none">`,
/// `<span hidden>`): search keywords, machine-read data.
pub(super) fn opens_hidden(text: &str) -> bool {
    let Some(tag) = text
        .trim_start()
        .strip_prefix('<')
        .and_then(|rest| rest.split_once('>'))
        .map(|(tag, _)| tag.to_ascii_lowercase())
    else {
        return false;
    };
    let compact: String = tag.chars().filter(|c| !c.is_whitespace()).collect();
    compact.contains("display:none")
        || tag
            .split_whitespace()
            .skip(1)
            .any(|attribute| attribute == "hidden")
        || compact.contains("aria-hidden=\"true\"")
}

/// Whether `text` has letters outside its masks.
fn has_prose_letters(text: &str, masks: &[Mask]) -> bool {
    let mut at = 0;
    for mask in masks {
        if text[at..mask.range.start.max(at)]
            .chars()
            .any(char::is_alphabetic)
        {
            return true;
        }
        at = at.max(mask.range.end);
    }
    text[at..].chars().any(char::is_alphabetic)
}

/// Whether every non-space character of `text` lies in a markup mask.
fn only_markup(text: &str, masks: &[Mask]) -> bool {
    let mut covered = 0;
    for mask in masks {
        if !matches!(mask.kind, MaskKind::HtmlTag | MaskKind::Jsx) {
            return false;
        }
        covered += text[mask.range.clone()]
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
    }
    covered > 0 && covered == text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Adds masks for template markup, URLs, e-mail addresses, placeholders and file names found
/// in prose.
fn mask_non_prose(text: &str, mut masks: Vec<Mask>) -> Vec<Mask> {
    if text.contains("{{") || text.contains(":::") || text.starts_with("[!") {
        for m in TEMPLATE_MARKUP.find_iter(text) {
            let range = m.range();
            // Code inside a shortcode's attributes is part of the markup.
            masks.retain(|inner| {
                !(range.start <= inner.range.start && inner.range.end <= range.end)
            });
            if !masks.iter().any(|existing| {
                existing.range.start < range.end && range.start < existing.range.end
            }) {
                masks.push(Mask {
                    kind: MaskKind::HtmlTag,
                    range,
                });
            }
        }
    }
    if let Some(rest) = text
        .strip_prefix("[!")
        .and_then(|r| r.find(']').map(|end| &r[end + 1..]))
    {
        // `[!NOTE] Help wanted`: an alert's marker and its title, a label of the site's
        // markup rather than a sentence.
        // Counted as Unicode words, so that a title in a script without spaces is measured
        // as the source's is (`Spring が環境変数と YAML キーを揃える方法` is no label).
        let title_words = unicode_segmentation::UnicodeSegmentation::unicode_words(rest).count();
        if title_words <= ALERT_TITLE_MAX_WORDS && !rest.contains(['.', '?', '!', '。']) {
            masks.retain(|m| m.range.end > text.len());
            masks.push(Mask {
                kind: MaskKind::HtmlTag,
                range: 0..text.len(),
            });
        }
    }
    if text.contains(':') {
        for m in EMOJI_SHORTCODE.find_iter(text) {
            let range = m.range();
            let alone = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            if alone(text[..range.start].chars().next_back())
                && alone(text[range.end..].chars().next())
                && text[range.clone()].chars().any(|c| c.is_ascii_lowercase())
                && !masks
                    .iter()
                    .any(|m| m.range.start < range.end && range.start < m.range.end)
            {
                masks.push(Mask {
                    kind: MaskKind::HtmlTag,
                    range,
                });
            }
        }
    }
    let found = [
        (
            &*URL,
            MaskKind::Url,
            text.contains("://") || text.contains("www."),
        ),
        (&*EMAIL, MaskKind::Email, text.contains('@')),
        (
            &*PLACEHOLDER,
            MaskKind::Placeholder,
            text.contains(['{', '%']),
        ),
        (&*FILE_NAME, MaskKind::FileName, text.contains('.')),
    ];
    masks.sort_by_key(|m| m.range.start);
    for (regex, kind, _) in found.into_iter().filter(|(_, _, possible)| *possible) {
        // One pattern's matches never overlap each other: each is checked against the masks
        // before this pattern, by binary search, and all are added at once.
        let added: Vec<Mask> = regex
            .find_iter(text)
            .map(|m| m.range())
            .filter(|range| overlapping(&masks, range).is_empty())
            .map(|range| Mask { kind, range })
            .collect();
        if !added.is_empty() {
            masks.extend(added);
            masks.sort_by_key(|m| m.range.start);
        }
    }
    masks
}

/// The masks that overlap `range`, of masks sorted and disjoint: a slice found by binary search.
pub(super) fn overlapping<'a>(masks: &'a [Mask], range: &Range<usize>) -> &'a [Mask] {
    let first = masks.partition_point(|m| m.range.end <= range.start);
    let count = masks[first..].partition_point(|m| m.range.start < range.end);
    &masks[first..first + count]
}

fn tokenize(text: &str, masks: &[Mask]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut runs = Vec::new();
    for (start, segment) in text.split_word_bound_indices() {
        if segment.starts_with(char::is_whitespace) {
            continue;
        }
        let range = start..start + segment.len();
        // Only code splits a segment: a URL glued to a label (`UI：http://…`) stays one chunk.
        let near = overlapping(masks, &range);
        let mut edges: Vec<usize> = near
            .iter()
            .filter(|m| m.kind == MaskKind::InlineCode)
            .flat_map(|m| [m.range.start, m.range.end])
            .filter(|&edge| range.start < edge && edge < range.end)
            .collect();
        if edges.is_empty() {
            let masked = !near.is_empty();
            push_segment(&mut tokens, &mut runs, start, segment, masked);
            continue;
        }
        // Word segmentation keeps `socat：socket` together (a colon joins letters): the part
        // outside the code span is prose of its own.
        edges.sort_unstable();
        edges.dedup();
        let mut from = range.start;
        for to in edges.into_iter().chain(std::iter::once(range.end)) {
            let inside = near
                .iter()
                .any(|m| m.range.start <= from && to <= m.range.end);
            for (offset, piece) in text[from..to].split_word_bound_indices() {
                if !piece.starts_with(char::is_whitespace) {
                    push_segment(&mut tokens, &mut runs, from + offset, piece, inside);
                }
            }
            from = to;
        }
    }
    tokens
}

/// Appends the tokens of one segment of word segmentation: its script runs, or one number or
/// punctuation token.
fn push_segment(
    tokens: &mut Vec<Token>,
    runs: &mut Vec<Run>,
    start: usize,
    segment: &str,
    masked: bool,
) {
    let range = start..start + segment.len();
    // Word segmentation keeps invisible format characters with the word before them
    // (`Drive` + U+200F in Hebrew text): they are not part of the word.
    let word = segment.trim_matches(|c| invisible(c).is_some());
    let lead = segment.len() - segment.trim_start_matches(|c| invisible(c).is_some()).len();
    script_runs(word, runs);
    if runs.iter().any(|run| run.letters > 0) {
        let glued = runs.len() > 1;
        let start = start + lead;
        for (n, run) in runs.iter().enumerate() {
            tokens.push(Token {
                kind: TokenKind::Word,
                range: start + run.start..start + run.end,
                script: run.script,
                masked,
                glued,
                word_start: n == 0,
                letters: run.letters,
            });
        }
    } else {
        let kind = if segment.chars().any(|c| c.is_numeric()) {
            TokenKind::Number
        } else {
            TokenKind::Punctuation
        };
        tokens.push(Token {
            kind,
            range,
            script: Script::Common,
            masked,
            glued: false,
            word_start: true,
            letters: 0,
        });
    }
}

struct Run {
    start: usize,
    end: usize,
    script: Script,
    letters: u32,
}

/// Splits one word into runs of one script each; marks, digits and joiners stay with their run.
fn script_runs(word: &str, runs: &mut Vec<Run>) {
    runs.clear();
    for (i, c) in word.char_indices() {
        let end = i + c.len_utf8();
        let script = letter_script(c);
        match runs.last_mut() {
            Some(run) if script.is_none() || Some(run.script) == script || run.letters == 0 => {
                run.end = end;
                if let Some(script) = script {
                    run.script = script;
                    run.letters += 1;
                }
            }
            _ => runs.push(Run {
                start: i,
                end,
                script: script.unwrap_or(Script::Common),
                letters: u32::from(script.is_some()),
            }),
        }
    }
}

/// The script of a letter; `None` for characters that take the script of their neighbours
/// (digits, marks, joiners, punctuation inside a word). Han, Hiragana and Katakana count as one
/// script here: Japanese mixes them within words.
fn letter_script(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    // Property lookups are binary searches; text repeats a few hundred code points, so a small
    // direct-mapped cache answers most of them.
    const SLOTS: usize = 1024;
    thread_local! {
        static CACHE: std::cell::RefCell<Vec<(char, Option<Script>)>> =
            std::cell::RefCell::new(vec![('\0', None); SLOTS]);
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let slot = &mut cache[c as usize % SLOTS];
        if slot.0 != c {
            *slot = (c, letter_script_uncached(c));
        }
        slot.1
    })
}

fn letter_script_uncached(c: char) -> Option<Script> {
    // Native digits and separators (Arabic-Indic `١٬٢`) carry their script but are not letters.
    if !c.is_alphabetic() {
        return None;
    }
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        Script::Hiragana | Script::Katakana => Some(Script::Han),
        script => Some(script),
    }
}

/// What survives translation in a block, and where its numbers stand.
fn anchors(
    text: &str,
    masks: &[Mask],
    tokens: &[Token],
    links: &[Link],
) -> (Vec<Anchor>, Vec<Number>) {
    let mut numbers = Vec::new();
    // The lines of a code block nested in a list come as one mask each: they are one piece of
    // code, as a block at the margin is.
    let mut merged: Vec<Mask> = Vec::with_capacity(masks.len());
    for mask in masks {
        match merged.last_mut() {
            Some(last)
                if last.kind == MaskKind::Code
                    && mask.kind == MaskKind::Code
                    && last.range.end <= mask.range.start
                    && text[last.range.end..mask.range.start].trim().is_empty() =>
            {
                last.range.end = mask.range.end;
            }
            _ => merged.push(mask.clone()),
        }
    }
    let mut anchors: Vec<Anchor> = merged
        .iter()
        .filter_map(|m| {
            let kind = match m.kind {
                MaskKind::Url | MaskKind::Email => AnchorKind::Url,
                MaskKind::FileName => AnchorKind::FileName,
                MaskKind::InlineCode | MaskKind::Code => AnchorKind::Code,
                MaskKind::Placeholder => AnchorKind::Placeholder,
                MaskKind::HtmlTag | MaskKind::Jsx => return None,
            };
            let value = text[m.range.clone()].trim();
            let value = match kind {
                // A one-letter code span is a label (`B` for beginner), translated as text.
                AnchorKind::Code if value.chars().count() <= 1 => return None,
                AnchorKind::Code => code_skeleton(value),
                _ => value.to_string(),
            };
            (!value.is_empty()).then_some(Anchor { kind, value })
        })
        .chain(links.iter().filter_map(|link| {
            Some(Anchor {
                kind: AnchorKind::Link,
                value: link_target(&link.destination)?,
            })
        }))
        .collect();
    let mut sentence_start = true;
    let mut next = 0;
    for (i, token) in tokens.iter().enumerate() {
        if i < next {
            continue;
        }
        let word = token.text(text);
        if token.masked {
            sentence_start = false;
            continue;
        }
        match token.kind {
            TokenKind::Number => {
                next = grouped_number_end(text, tokens, i);
                let number: String = tokens[i..next].iter().map(|t| t.text(text)).collect();
                if let Some(value) = number_value(&number) {
                    numbers.push(Number {
                        range: token.range.start..tokens[next - 1].range.end,
                        value: value.clone(),
                        unit: None,
                    });
                    anchors.push(Anchor {
                        kind: AnchorKind::Number,
                        value,
                    });
                }
            }
            TokenKind::Word if token.script == Script::Latin => {
                if let Some((number, unit)) = split_quantity(word) {
                    // `400ml` anchors like `400 ml`, `4GB` like `4 GB`.
                    if let Some(value) = number_value(number) {
                        numbers.push(Number {
                            range: token.range.start..token.range.start + number.len(),
                            value: value.clone(),
                            unit: Some(unit.to_string()),
                        });
                        anchors.push(Anchor {
                            kind: AnchorKind::Number,
                            value,
                        });
                    }
                    if is_acronym_like(unit) {
                        anchors.push(Anchor {
                            kind: AnchorKind::Acronym,
                            value: unit.to_string(),
                        });
                    }
                    sentence_start = false;
                    continue;
                }
                let word = name_form(word);
                if is_acronym_like(word) {
                    anchors.push(Anchor {
                        kind: AnchorKind::Acronym,
                        value: word.to_string(),
                    });
                } else if starts_upper(word) && (!sentence_start || token.glued) {
                    anchors.push(Anchor {
                        kind: AnchorKind::Name,
                        value: word.to_string(),
                    });
                }
            }
            // `15분`, `3个`, `第3章`: digits glued to a word of a script without spaces are a
            // number all the same.
            TokenKind::Word if token.script != Script::Latin => {
                for (at, digits) in glued_numbers(word) {
                    // Not an anchor: the aligner weighs such words by their letters.
                    if let Some(value) = number_value(digits) {
                        let start = token.range.start + at;
                        numbers.push(Number {
                            range: start..start + digits.len(),
                            value,
                            unit: None,
                        });
                    }
                }
            }
            _ => {}
        }
        // Opening quotes and brackets after a full stop keep the next word sentence-initial.
        sentence_start =
            token.kind == TokenKind::Punctuation && (sentence_start || is_sentence_end(word));
    }
    anchors.sort();
    (anchors, numbers)
}

/// The numbers inside a word (byte offset, text): runs of digits with the separators between
/// them (`2,500` of `2,500개`).
fn glued_numbers(word: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut start = None;
    let mut end = 0;
    for (at, c) in word.char_indices() {
        if ascii_digit(c).is_some() {
            start.get_or_insert(at);
            end = at + c.len_utf8();
        } else if start.is_some() && matches!(c, '.' | ',' | '٫' | '٬') {
            continue;
        } else if let Some(from) = start.take() {
            found.push((from, &word[from..end]));
        }
    }
    if let Some(from) = start {
        found.push((from, &word[from..end]));
    }
    found
}

/// The end (exclusive) of the number that starts at `tokens[start]`: French, Russian and many
/// other languages group digits with a space (`10 000`, often a no-break one) where English
/// writes `10,000`, and the groups are separate tokens.
fn grouped_number_end(text: &str, tokens: &[Token], start: usize) -> usize {
    let digits_only = |t: &Token, max: usize| {
        let word = t.text(text);
        word.chars().all(char::is_numeric) && (1..=max).contains(&word.chars().count())
    };
    let mut end = start + 1;
    if !digits_only(&tokens[start], 3) {
        return end;
    }
    while let Some(group) = tokens.get(end) {
        let gap = &text[tokens[end - 1].range.end..group.range.start];
        let mut gap_chars = gap.chars();
        let one_space = matches!(
            (gap_chars.next(), gap_chars.next()),
            (
                Some(' ' | '\u{A0}' | '\u{202F}' | '\u{2009}' | '\u{2007}'),
                None
            )
        );
        let three_digits = digits_only(group, 3) && group.text(text).chars().count() == 3;
        if !(one_space && three_digits && group.kind == TokenKind::Number && !group.masked) {
            break;
        }
        end += 1;
    }
    end
}

fn is_sentence_end(punctuation: &str) -> bool {
    punctuation.chars().any(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ':' | '।' | '؟' | '。' | '！' | '？' | '۔'
        )
    })
}

/// A number's digits in ASCII, whatever the digit script, with group and decimal separators
/// dropped: `1,000`, `1.000` and `١٬٠٠٠` all become `1000`.
pub fn number_value(token: &str) -> Option<String> {
    let digits: String = token.chars().filter_map(ascii_digit).collect();
    (!digits.is_empty()).then_some(digits)
}

const DIGIT_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0xFF10,
];

/// The ASCII digit of a decimal digit of any script (`٣`, `३`, `３` -> `3`).
pub fn ascii_digit(c: char) -> Option<char> {
    let code = c as u32;
    DIGIT_ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&code))
        .and_then(|&zero| char::from_digit(code - zero, 10))
}

/// NFC, quotation marks unified, whitespace collapsed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let nfc: Box<dyn Iterator<Item = char>> =
        if unicode_normalization::is_nfc_quick(text.chars()) == IsNormalized::Yes {
            Box::new(text.chars())
        } else {
            Box::new(text.nfc())
        };
    for c in nfc {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(match c {
            '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '＂' | '「' | '」' | '『' | '』' => {
                '"'
            }
            '‘' | '’' | '‚' | '‛' | '‹' | '›' | '′' => '\'',
            c => c,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hard(block: &Block) -> Vec<String> {
        block.hard_anchors().map(|a| a.value.clone()).collect()
    }

    fn block(text: &str) -> Block {
        Block::paragraph(text)
    }

    fn words(block: &Block) -> Vec<(&str, Script, bool)> {
        block
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| (t.text(&block.text), t.script, t.glued))
            .collect()
    }

    #[test]
    fn glued_words_split_by_script() {
        let b = block("उनका उत्पाद(उपProducts), और");
        assert_eq!(
            words(&b),
            vec![
                ("उनका", Script::Devanagari, false),
                ("उत्पाद", Script::Devanagari, false),
                ("उप", Script::Devanagari, true),
                ("Products", Script::Latin, true),
                ("और", Script::Devanagari, false),
            ]
        );
    }

    #[test]
    fn format_characters_at_word_edges_are_not_part_of_the_word() {
        let b = block("עברנו לGoogle Drive\u{200F}. בסדר\u{200C}");
        let texts: Vec<&str> = b
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(&b.text))
            .collect();
        assert_eq!(texts, vec!["עברנו", "ל", "Google", "Drive", "בסדר"]);
        // Inside a word, a joiner stays (Persian writes it between parts of one word).
        let b = block("می\u{200C}خواهیم");
        assert_eq!(b.tokens.len(), 1);
        assert_eq!(b.tokens[0].text(&b.text), "می\u{200C}خواهیم");
    }

    #[test]
    fn japanese_kana_and_kanji_are_one_script() {
        let b = block("東京へ行きます");
        assert!(b.tokens.iter().all(|t| !t.glued), "{:?}", b.tokens);
    }

    #[test]
    fn non_prose_is_masked() {
        let b = block(
            "See https://example.com/a?b=1, mail ops@example.org, open cx-cs.png or {{name}}.",
        );
        let masked: Vec<&str> = b.masks.iter().map(|m| &b.text[m.range.clone()]).collect();
        assert_eq!(
            masked,
            vec![
                "https://example.com/a?b=1",
                "ops@example.org",
                "cx-cs.png",
                "{{name}}"
            ]
        );
    }

    #[test]
    fn urls_stop_at_full_width_punctuation() {
        let b = block("详见（https://example.com/docs/a）。或 https://example.com/b，谢谢");
        let masked: Vec<&str> = b.masks.iter().map(|m| &b.text[m.range.clone()]).collect();
        assert_eq!(
            masked,
            vec!["https://example.com/docs/a", "https://example.com/b"]
        );
    }

    #[test]
    fn template_markup_and_heading_attributes_are_not_prose() {
        let b = block("[!NOTE] {{% alert title=\"Note\" %}} :::caution");
        assert!(b.words().next().is_none(), "{:?}", b.tokens);
    }

    #[test]
    fn anchors_survive_translation() {
        let en = block("Our CX team at Guru's office handles 1,200 tickets.");
        let ar = block("يتعامل فريق CX في مكتب Guru مع ١٬٢٠٠ تذكرة.");
        assert_eq!(hard(&en), vec!["1200", "CX"]);
        assert_eq!(hard(&ar), vec!["1200", "CX"]);
        assert!(en.anchors.iter().any(|a| a.value == "Guru"));
        assert!(ar.anchors.iter().any(|a| a.value == "Guru"));
    }

    #[test]
    fn quantities_with_glued_units_anchor_like_spaced_ones() {
        let spaced = block("Use 400 ml of dashi, a 1.5 kg bag and a 4 GB card.");
        let glued = block("だし400ml、1.5kgの袋、4GBのカードを使います。");
        assert_eq!(hard(&spaced), vec!["15", "4", "400", "GB"]);
        assert_eq!(hard(&glued), hard(&spaced));
        assert_eq!(split_quantity("400ml"), Some(("400", "ml")));
        assert_eq!(split_quantity("2fa"), None);
        assert_eq!(split_quantity("ml"), None);
    }

    #[test]
    fn numbers_grouped_with_spaces_are_one_number() {
        let numbers = |b: &Block| -> Vec<String> {
            b.anchors
                .iter()
                .filter(|a| a.kind == AnchorKind::Number)
                .map(|a| a.value.clone())
                .collect()
        };
        let en = block("Up to 10,000 rows, 1,250,000 cells and 5 sheets.");
        let ru = block("До 10\u{A0}000 строк, 1\u{202F}250\u{202F}000 ячеек и 5 листов.");
        let fr = block("Jusqu’à 10 000 lignes, 1 250 000 cellules et 5 feuilles.");
        assert_eq!(numbers(&en), vec!["10000", "1250000", "5"]);
        assert_eq!(numbers(&ru), numbers(&en));
        assert_eq!(numbers(&fr), numbers(&en));
        let apart = block("Page 2024 100 times, and 5  100 more.");
        assert_eq!(numbers(&apart), vec!["100", "100", "2024", "5"]);
    }

    #[test]
    fn names_lose_possessives_and_elisions() {
        assert_eq!(name_form("Guru's"), "Guru");
        assert_eq!(name_form("l’API"), "API");
        assert_eq!(name_form("d'Apple"), "Apple");
        assert_eq!(name_form("dell’iPhone"), "iPhone");
        assert_eq!(name_form("don't"), "don't");
        assert_eq!(name_form("O'Brien"), "O'Brien");
    }

    #[test]
    fn normalization_unifies_quotes_and_space() {
        assert_eq!(normalize("  “a”  ‘b’\n c "), "\"a\" 'b' c");
    }
}
