//! The document model: every file, whatever its format, becomes an ordered list of [`Block`]s.
//!
//! A block keeps its byte range in the file, its plain text (markup removed, soft line breaks
//! folded to spaces), the non-prose parts of that text ([`Mask`]s: code, URLs, file names,
//! placeholders, HTML), and what [`prepare`] derives once for every rule: tokens with their
//! script, anchors that survive translation, and a normalised form for comparisons.

mod code_tokens;
mod markdown;
mod markup;
mod normal_forms;
mod plain;
mod prepare;
mod words;

pub use code_tokens::{code_tokens, CodeToken, CodeTokenKind};
pub use markdown::PROSE_KEYS;
pub use markup::{
    changed_attributes, changed_attributes_in, is_free_attribute, Attribute, ChangedAttribute,
    ChangedInDocument, Tag,
};
pub use normal_forms::{code_skeleton, file_name_of, link_target, percent_decoded};
pub use prepare::{
    ascii_digit, normalize, number_value, Anchor, AnchorKind, Number, Token, TokenKind,
};
pub use words::{
    chunk_around, is_acronym_like, is_code_like, is_formula_function, is_unit, name_form,
    split_quantity, starts_upper,
};

use std::ops::Range;
use std::path::Path;

use crate::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Title,
    Heading(u8),
    Paragraph,
    ListItem,
    BlockQuote,
    Image,
    Code,
    TableRow,
    FrontMatter,
    Html,
}

impl BlockKind {
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Heading(_) => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list item",
            BlockKind::BlockQuote => "blockquote",
            BlockKind::Image => "image",
            BlockKind::Code => "code block",
            BlockKind::TableRow => "table row",
            BlockKind::FrontMatter => "front-matter field",
            BlockKind::Html => "HTML block",
        }
    }

    /// Blocks whose text a translator is expected to translate.
    pub fn is_prose(self) -> bool {
        matches!(
            self,
            BlockKind::Title
                | BlockKind::Heading(_)
                | BlockKind::Paragraph
                | BlockKind::ListItem
                | BlockKind::BlockQuote
                | BlockKind::TableRow
                | BlockKind::FrontMatter
        )
    }

    pub fn is_heading_like(self) -> bool {
        matches!(self, BlockKind::Title | BlockKind::Heading(_))
    }
}

/// What a masked piece of text is. Masked text is never prose: no rule reads it as words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MaskKind {
    InlineCode,
    Code,
    Url,
    Email,
    FileName,
    HtmlTag,
    Placeholder,
    Jsx,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mask {
    pub kind: MaskKind,
    /// Byte range in [`Block::text`].
    pub range: Range<usize>,
}

/// A piece of block text copied from one place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    text_start: usize,
    text_len: usize,
    file_start: usize,
    file_len: usize,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte range of the whole block in the file, markup included.
    pub range: Range<usize>,
    /// The block's plain text.
    pub text: String,
    /// Non-prose ranges of `text`, sorted and disjoint.
    pub masks: Vec<Mask>,
    /// For front-matter fields: the key (`title`, `description`).
    pub key: Option<String>,
    /// Links, in order: their text in [`Block::text`] and their destination (`/docs/start/`,
    /// `https://example.com`), which is not text but what a faithful translation keeps, apart
    /// from a locale segment.
    pub links: Vec<Link>,
    /// Images, in order.
    pub images: Vec<ImageRef>,
    /// The tags of its HTML and JSX markup, with their attributes, in order.
    pub tags: Vec<Tag>,
    /// Emphasised and strong spans of [`Block::text`] (`*…*`, `**…**`): a label, a term, the
    /// words of an interface or a program's output.
    pub emphasis: Vec<Range<usize>>,
    pieces: Vec<Piece>,
    /// Tokens of `text`, whitespace left out, in order.
    pub tokens: Vec<Token>,
    /// What survives translation: numbers, URLs, file names, code, Latin names and acronyms.
    pub anchors: Vec<Anchor>,
    /// The numbers of its prose, in order, where they stand.
    pub numbers: Vec<Number>,
    /// Capitalised Latin words (acronyms aside), sorted: weak evidence that two blocks match,
    /// wherever they stand in a sentence (`## Business` and `## Business`).
    pub capitalized: Vec<String>,
    /// Lowercase Latin words of four letters or more, sorted: the words a translation keeps
    /// when it leaves a phrase in English, which tie it to its source block.
    pub common_words: Vec<String>,
    /// The values of the hard anchors, sorted: what the aligner compares, again and again.
    pub hard_values: Vec<String>,
    /// The values of the link anchors, sorted.
    pub link_values: Vec<String>,
    /// NFC, whitespace collapsed, quotation marks unified: the form used to compare blocks.
    pub normalized: String,
    /// Letters in `text` outside masks.
    pub letter_count: usize,
    /// Letters weighted by what a letter of their script says: a Chinese or Japanese
    /// character counts for three, a Korean syllable for two. Lengths compare across scripts in
    /// this measure, also in blocks that mix kept English with translated text.
    pub length: usize,
}

impl Block {
    /// Maps a byte offset in [`Block::text`] to a byte offset in the file.
    pub fn file_offset(&self, text_offset: usize) -> usize {
        let index = self
            .pieces
            .partition_point(|p| p.text_start + p.text_len <= text_offset)
            .min(self.pieces.len().saturating_sub(1));
        let Some(piece) = self.pieces.get(index) else {
            return self.range.start;
        };
        let within = text_offset.saturating_sub(piece.text_start);
        if piece.text_len == piece.file_len {
            piece.file_start + within.min(piece.file_len)
        } else if within == 0 {
            piece.file_start
        } else {
            piece.file_start + piece.file_len
        }
    }

    /// Maps a byte range in [`Block::text`] to a byte range in the file.
    pub fn file_range(&self, text_range: Range<usize>) -> Range<usize> {
        let start = self.file_offset(text_range.start);
        let end = if text_range.end > text_range.start {
            self.file_offset_end(text_range.end)
        } else {
            start
        };
        start..end.max(start)
    }

    fn file_offset_end(&self, text_end: usize) -> usize {
        let index = self
            .pieces
            .partition_point(|p| p.text_start + p.text_len < text_end)
            .min(self.pieces.len().saturating_sub(1));
        let Some(piece) = self.pieces.get(index) else {
            return self.range.end;
        };
        if piece.text_len == piece.file_len {
            piece.file_start + (text_end - piece.text_start).min(piece.file_len)
        } else {
            piece.file_start + piece.file_len
        }
    }

    /// Its sentences: marks that end one (`.`, `?`, `。`, `।`…) before a space or the end, and a
    /// last one without its mark.
    pub fn sentences(&self) -> usize {
        let text = self.text.trim_end();
        let mut chars = text.chars().peekable();
        let mut count = 0;
        let mut open = false;
        while let Some(c) = chars.next() {
            let ends = matches!(c, '。' | '！' | '？' | '।' | '؟' | '۔')
                || (matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()));
            if ends {
                count += 1;
                open = false;
            } else if c.is_alphanumeric() {
                open = true;
            }
        }
        count + usize::from(open)
    }

    /// Whether the block is markup only: no letters and nothing a translation keeps (a tag, a
    /// shortcode, an alert's marker and title), so that no content is lost or added with it.
    pub fn is_markup(&self) -> bool {
        !matches!(
            self.kind,
            BlockKind::Code | BlockKind::Image | BlockKind::FrontMatter | BlockKind::Title
        ) && self.letter_count == 0
            && self.hard_anchors().next().is_none()
    }

    /// Whether the block is a menu of the article's languages: links, most of them to the
    /// sibling files of its group (`[Русский](README.ru-RU.md)`), whose names are `file_names`
    /// (lowercase). Each version of a page carries its own menu, or none: it is the site's
    /// navigation, not the article.
    pub fn is_language_menu(&self, file_names: &std::collections::HashSet<String>) -> bool {
        let to_member = self
            .links
            .iter()
            .filter(|link| {
                // A sibling file by its name: `README.ru-RU.md` or `./README.ru-RU.md`, not
                // `src/queue/README.md`, which only shares a name.
                let path = link.destination.split(['?', '#']).next().unwrap_or("");
                let name = path.strip_prefix("./").unwrap_or(path);
                !name.contains('/') && file_names.contains(&name.to_lowercase())
            })
            .count();
        to_member >= 1 && 2 * to_member >= self.links.len()
    }

    /// The anchors every faithful translation keeps verbatim (names aside), in sorted order.
    pub fn hard_anchors(&self) -> impl Iterator<Item = &Anchor> {
        self.anchors.iter().filter(|a| a.kind.is_hard())
    }

    pub fn is_masked(&self, range: &Range<usize>) -> bool {
        // A binary search over the sorted, disjoint masks: rules ask this of every character.
        !prepare::overlapping(&self.masks, range).is_empty()
    }

    /// The prose words (letters, outside masks).
    pub fn words(&self) -> impl Iterator<Item = &Token> {
        self.tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word && !t.masked)
    }

    /// The first words of the block, for messages that point at it.
    pub fn opening_words(&self, max_chars: usize) -> String {
        let text = self.normalized.as_str();
        if text.chars().count() <= max_chars {
            return text.to_string();
        }
        let cut: String = text.chars().take(max_chars).collect();
        let cut = match cut.rfind(' ') {
            Some(space) if space > max_chars / 2 => &cut[..space],
            _ => cut.as_str(),
        };
        format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
    }
}

#[cfg(test)]
impl Block {
    /// A paragraph holding `text`, as if `text` were the whole file: for unit tests.
    pub(crate) fn paragraph(text: &str) -> Block {
        let mut builder = BlockBuilder::new(BlockKind::Paragraph, 0..text.len());
        builder.push_text(text, 0..text.len());
        builder.finish()
    }
}

/// Collects a block's text piece by piece while a parser walks the file.
#[derive(Debug)]
pub struct BlockBuilder {
    kind: BlockKind,
    range: Range<usize>,
    text: String,
    masks: Vec<Mask>,
    pieces: Vec<Piece>,
    key: Option<String>,
    links: Vec<Link>,
    images: Vec<ImageRef>,
    emphasis: Vec<Range<usize>>,
}

/// An image of a block: Markdown's `![alt](diagram.png)` or HTML's `<img src="diagram.png">`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// Where its file name (or its tag) stands in [`Block::text`].
    pub at: Range<usize>,
    /// As written: `../img/diagram.png`, `https://example.com/a.png`.
    pub destination: String,
}

/// A link of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Byte range of the link's text in [`Block::text`].
    pub text: Range<usize>,
    pub destination: String,
}

impl BlockBuilder {
    pub fn new(kind: BlockKind, range: Range<usize>) -> Self {
        BlockBuilder {
            kind,
            range,
            text: String::new(),
            masks: Vec::new(),
            pieces: Vec::new(),
            key: None,
            links: Vec::new(),
            images: Vec::new(),
            emphasis: Vec::new(),
        }
    }

    /// Records an image whose file name stands at `at` in the block text.
    pub fn push_image(&mut self, at: Range<usize>, destination: &str) {
        let destination = destination.trim();
        if !destination.is_empty() {
            self.images.push(ImageRef {
                at,
                destination: destination.to_string(),
            });
        }
    }

    /// Records an emphasised span that began at byte `text_start` and ends here.
    pub fn push_emphasis(&mut self, text_start: usize) {
        let end = self.text.len();
        if text_start < end {
            self.emphasis.push(text_start..end);
        }
    }

    /// Records a link whose text began at byte `text_start` of the block text and ends here.
    pub fn push_link(&mut self, text_start: usize, destination: &str) {
        let destination = destination.trim();
        if !destination.is_empty() {
            self.links.push(Link {
                text: text_start.min(self.text.len())..self.text.len(),
                destination: destination.to_string(),
            });
        }
    }

    pub fn kind(&self) -> BlockKind {
        self.kind
    }

    pub fn set_kind(&mut self, kind: BlockKind) {
        self.kind = kind;
    }

    pub fn set_key(&mut self, key: impl Into<String>) {
        self.key = Some(key.into());
    }

    pub fn extend_range(&mut self, end: usize) {
        self.range.end = self.range.end.max(end);
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Adds prose that stands at `file_range` in the file (its text may differ from the file's
    /// bytes where the parser resolved an escape or entity).
    pub fn push_text(&mut self, text: &str, file_range: Range<usize>) {
        if text.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            text_start: self.text.len(),
            text_len: text.len(),
            file_start: file_range.start,
            file_len: file_range.len(),
        });
        self.text.push_str(text);
    }

    /// Adds text that is not prose (inline code, an HTML tag, a URL).
    pub fn push_masked(&mut self, text: &str, file_range: Range<usize>, kind: MaskKind) {
        let start = self.text.len();
        self.push_text(text, file_range);
        if self.text.len() > start {
            self.masks.push(Mask {
                kind,
                range: start..self.text.len(),
            });
        }
    }

    /// Adds a separator with no text of its own in the file (a soft line break becomes a space).
    pub fn push_separator(&mut self, separator: &str, file_offset: usize) {
        if self.text.is_empty() || self.text.ends_with(' ') {
            return;
        }
        self.push_text(separator, file_offset..file_offset + separator.len());
    }

    /// Marks the code spans written with backticks in text that no Markdown parser read (a
    /// front-matter description: `` Run `--verbose` ``) as inline code, the backticks aside.
    pub fn mask_backtick_spans(&mut self) {
        let mut spans = Vec::new();
        let mut open: Option<usize> = None;
        for (i, c) in self.text.char_indices() {
            match (c, open) {
                ('`', None) => open = Some(i + 1),
                ('`', Some(start)) => {
                    if i > start {
                        spans.push(start..i);
                    }
                    open = None;
                }
                ('\n', Some(_)) => open = None,
                _ => {}
            }
        }
        if spans.is_empty() {
            return;
        }
        self.masks.extend(spans.into_iter().map(|range| Mask {
            kind: MaskKind::InlineCode,
            range,
        }));
        self.masks.sort_by_key(|m| m.range.start);
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn finish(self) -> Block {
        prepare::prepare(self)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    PlainText,
    Markdown,
    Mdx,
}

impl Format {
    /// The format a file's extension names, if loclint reads it.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::PlainText),
            "md" | "markdown" => Some(Format::Markdown),
            "mdx" => Some(Format::Mdx),
            _ => None,
        }
    }
}

#[derive(Debug)]
pub struct Document {
    pub format: Format,
    pub blocks: Vec<Block>,
    /// Every top-level field of the front matter, prose or not, in file order.
    pub front_matter: Vec<FrontMatterField>,
}

/// A top-level field of a file's front matter: what a translation must keep of it is compared
/// field by field, apart from the blocks its prose fields become.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterField {
    /// As written (`date`, `linkTitle`).
    pub key: String,
    /// From the key to the end of its value (its first line for a nested table or list).
    pub range: Range<usize>,
    /// A string value decoded, any other scalar as written (`2024-05-01`, `12`, `[a, b]`);
    /// `None` for a nested mapping or a block list.
    pub value: Option<String>,
    /// Where the value stands in the file (the key's range when it has none).
    pub value_range: Range<usize>,
}

impl Document {
    pub fn parse(file: &SourceFile, format: Format) -> Document {
        Document::parse_with(file, format, &[])
    }

    /// Parses with `prose_keys`: front-matter keys read as prose (translated, compared) beside
    /// the usual `title`, `description` and their kind.
    pub fn parse_with(file: &SourceFile, format: Format, prose_keys: &[String]) -> Document {
        let (blocks, front_matter) = match format {
            Format::PlainText => (plain::parse(&file.text), Vec::new()),
            Format::Markdown => markdown::parse(&file.text, false, prose_keys),
            Format::Mdx => markdown::parse(&file.text, true, prose_keys),
        };
        Document {
            format,
            blocks,
            front_matter,
        }
    }

    /// The whole prose text of the document, for guessing its language or script.
    pub fn prose_sample(&self, max_bytes: usize) -> String {
        let mut sample = String::new();
        for block in self.blocks.iter().filter(|b| b.kind.is_prose()) {
            if sample.len() >= max_bytes {
                break;
            }
            sample.push_str(&block.text);
            sample.push('\n');
        }
        sample
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_through_pieces_of_different_length() {
        // `a &amp; b` parsed as `a & b`: the entity is one text byte for five file bytes.
        let mut builder = BlockBuilder::new(BlockKind::Paragraph, 0..9);
        builder.push_text("a ", 0..2);
        builder.push_text("&", 2..7);
        builder.push_text(" b", 7..9);
        let block = builder.finish();
        assert_eq!(block.text, "a & b");
        assert_eq!(block.file_offset(0), 0);
        assert_eq!(block.file_range(2..3), 2..7);
        assert_eq!(block.file_range(4..5), 8..9);
    }
}
