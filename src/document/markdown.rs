//! Markdown (CommonMark with GFM tables, strikethrough, task lists, footnotes and alerts; YAML
//! or TOML front matter) and MDX, parsed with pulldown-cmark into the same blocks as plain text.
//!
//! - Headings, paragraphs, blockquote paragraphs, code blocks and table rows (cells joined by
//!   ` | `) are one block each. Each list item is one block holding the item's own text; its
//!   nested items are blocks of their own, after it.
//! - A paragraph of nothing but images (links around images allowed) is an image block: the alt
//!   text, then the file name, masked, so it becomes an anchor.
//! - Code (spans, blocks, and the text of HTML `<code>` or `<kbd>` elements), HTML, autolinks
//!   and image names are masked; link destinations are left out.
//! - Front matter: the prose fields only, see [`front_matter`].
//! - MDX: `import` / `export` statements are skipped, JSX tags and `{expressions}` masked.
//!   Markdown inside a JSX component is parsed again as Markdown, and indented lines are text,
//!   not code, as MDX has no indented code blocks.
//!
//! Every range comes from the parser's offsets into the file, so a finding points at the very
//! characters it is about.

mod front_matter;
pub use front_matter::PROSE_KEYS;
mod jsx;
mod leaf;
#[cfg(test)]
mod tests;

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use pulldown_cmark::{CodeBlockKind, Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::{Block, BlockBuilder, BlockKind, FrontMatterField, MaskKind};
use jsx::Stretch;
use leaf::Leaf;

/// How deep Markdown found inside MDX components (or stray metadata blocks) is parsed again;
/// deeper, it is kept as an HTML or code block.
const MAX_NESTED_PARSES: usize = 16;

const BOM: char = '\u{feff}';

pub(super) fn parse(
    text: &str,
    mdx: bool,
    prose_keys: &[String],
) -> (Vec<Block>, Vec<FrontMatterField>) {
    // MDX comments (`{/* textlint-disable */}`) are blanked before Markdown reads the file:
    // their `*` would otherwise pair as emphasis with a later comment's, across the text between.
    let blanked = if mdx {
        jsx::blank_comments(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    // Hugo's `{{% comment %}}…{{% /comment %}}` holds what no reader sees.
    let blanked = match blank_template_comments(&blanked) {
        Some(text) => std::borrow::Cow::Owned(text),
        None => blanked,
    };
    let text = blanked.as_ref();
    let mut output = Output {
        file: text,
        mdx,
        blocks: Vec::new(),
        front_matter: Vec::new(),
        prose_keys,
    };
    let start = if text.starts_with(BOM) {
        BOM.len_utf8()
    } else {
        0
    };
    walk(&mut output, start..text.len(), 0);
    (output.blocks, output.front_matter)
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// Where a file's front matter opens: its first line, after blank lines only, is a delimiter
/// line. pulldown-cmark reads a `---` line anywhere as the start of a metadata block, so the
/// option is only turned on for such files, and a metadata block after the first is parsed
/// again without it.
fn front_matter_start(text: &str) -> Option<usize> {
    let blank = text.len() - text.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    let line_start = text[..blank].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[line_start..];
    ["---", "+++"]
        .iter()
        .any(|delimiter| {
            rest.strip_prefix(delimiter)
                .and_then(|rest| rest.lines().next())
                .is_some_and(|rest| rest.trim().is_empty())
        })
        .then_some(line_start)
}

/// The blocks found so far, shared by the nested parses.
struct Output<'a> {
    file: &'a str,
    mdx: bool,
    blocks: Vec<Block>,
    front_matter: Vec<FrontMatterField>,
    /// Front-matter keys read as prose beside [`front_matter::PROSE_KEYS`].
    prose_keys: &'a [String],
}

/// Parses `file[range]` and appends its blocks. `depth` counts the parses this one is nested in.
fn walk(output: &mut Output, range: Range<usize>, depth: usize) {
    let file = output.file;
    let Some(text) = file.get(range.clone()) else {
        return;
    };
    let mut options = options();
    let front_matter = (depth == 0).then(|| front_matter_start(text)).flatten();
    if front_matter.is_some() {
        options |= Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    }
    let mut walker = Walker {
        range: range.clone(),
        depth,
        front_matter_at: front_matter.map(|at| range.start + at),
        containers: Vec::new(),
        leaf: None,
        skipping: 0,
        skip_until: range.start,
        metadata: None,
    };
    for (event, local) in Parser::new_ext(text, options).into_offset_iter() {
        let shifted = snap(file, range.start + local.start..range.start + local.end);
        walker.event(output, event, shifted);
    }
    walker.flush(output);
}

/// `range` moved onto char boundaries inside `file`, so that no slice can panic whatever the
/// parser reports.
fn snap(file: &str, range: Range<usize>) -> Range<usize> {
    let floor = |mut at: usize| {
        at = at.min(file.len());
        while !file.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = floor(range.start);
    start..floor(range.end).max(start)
}

/// Pushes a space standing for the character at `offset` (a line break, the `!` of an image),
/// unless the text is empty or already ends with a space.
fn push_space(builder: &mut BlockBuilder, file: &str, offset: usize) {
    if builder.text().is_empty() || builder.text().ends_with(char::is_whitespace) {
        return;
    }
    let Some(rest) = file.get(offset..) else {
        return;
    };
    let len = rest.chars().next().map_or(0, char::len_utf8);
    builder.push_text(" ", offset..offset + len);
}

/// A block-level element that holds other blocks.
enum Container {
    Item(Item),
    BlockQuote,
    /// Lists, tables, footnote definitions: they say nothing about their blocks' kinds.
    Other,
}

struct Item {
    start: usize,
    /// How many blocks there were when the item began: none of its own yet if still as many.
    blocks_before: usize,
    /// Whether the item's own text has begun.
    has_text: bool,
}

/// The front matter being read.
struct Metadata {
    kind: MetadataBlockKind,
    body: Option<Range<usize>>,
}

/// The state of one parse: where in the block structure the events are.
struct Walker {
    range: Range<usize>,
    depth: usize,
    /// Where front matter may stand (the start of the file), if it opens with a delimiter.
    front_matter_at: Option<usize>,
    containers: Vec<Container>,
    leaf: Option<Leaf>,
    /// Events of a skipped element still to pass over (its nesting depth).
    skipping: usize,
    /// Top-level blocks that start before this offset belong to MDX `import`/`export` code.
    skip_until: usize,
    metadata: Option<Metadata>,
}

impl Walker {
    fn event(&mut self, output: &mut Output, event: Event, range: Range<usize>) {
        if self.skipping > 0 {
            match event {
                Event::Start(_) => self.skipping += 1,
                Event::End(_) => self.skipping -= 1,
                _ => {}
            }
            return;
        }
        let file = output.file;
        match event {
            Event::Start(tag) => self.start(output, tag, range),
            Event::End(tag) => self.end(output, tag, range),
            Event::Text(text) => match &mut self.metadata {
                Some(metadata) => {
                    let body = metadata.body.get_or_insert(range.clone());
                    body.end = body.end.max(range.end);
                }
                None => self.inline_leaf(output, &range).text(file, &text, range),
            },
            Event::Code(code) => self.inline_leaf(output, &range).inline_code(&code, range),
            Event::InlineHtml(html) => self.inline_leaf(output, &range).inline_html(&html, range),
            Event::Html(html) => self.inline_leaf(output, &range).html_line(&html, range),
            Event::InlineMath(math) | Event::DisplayMath(math) => {
                self.inline_leaf(output, &range).inline_code(&math, range)
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(leaf) = &mut self.leaf {
                    leaf.space(file, range.start);
                }
            }
            Event::Rule => self.flush(output),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, output: &mut Output, tag: Tag, range: Range<usize>) {
        let top_level = self.leaf.is_none() && self.containers.is_empty();
        if top_level && range.start < self.skip_until {
            self.skipping = 1;
            return;
        }
        let file = output.file;
        match tag {
            Tag::Paragraph => {
                self.flush(output);
                if top_level && self.is_esm(output, &range) {
                    self.skip_until = jsx::esm_end(file, range.start..self.range.end);
                    self.skipping = 1;
                    return;
                }
                self.open_text(output, range);
            }
            Tag::Heading { level, .. } => {
                self.flush(output);
                let start = self.block_start(output, range.start);
                self.open(output, BlockKind::Heading(level as u8), start..range.end);
            }
            Tag::CodeBlock(kind) => {
                self.flush(output);
                let indented = matches!(kind, CodeBlockKind::Indented);
                // MDX has no indented code; and an indented block that holds a site's template
                // markup (`{{% /tab %}}`) is a list item's continuation that a fence cut off,
                // prose and markup rather than code.
                let not_code = output.mdx || holds_template_markup(&output.file[range.clone()]);
                if not_code && indented && self.depth < MAX_NESTED_PARSES {
                    self.unindent_code(output, range);
                    self.skipping = 1;
                    return;
                }
                let start = self.block_start(output, range.start);
                self.open(output, BlockKind::Code, start..range.end);
            }
            Tag::HtmlBlock => {
                self.flush(output);
                if output.mdx && self.depth < MAX_NESTED_PARSES {
                    self.split_mdx_html(output, range);
                    self.skipping = 1;
                    return;
                }
                let start = self.block_start(output, range.start);
                self.open(output, BlockKind::Html, start..range.end);
            }
            Tag::TableHead | Tag::TableRow => {
                self.flush(output);
                self.open(output, BlockKind::TableRow, range);
            }
            Tag::TableCell => {
                if let Some(leaf) = &mut self.leaf {
                    leaf.start_cell(range);
                }
            }
            Tag::BlockQuote(_) => {
                self.flush(output);
                self.containers.push(Container::BlockQuote);
            }
            Tag::Item => {
                self.flush(output);
                self.containers.push(Container::Item(Item {
                    start: range.start,
                    blocks_before: output.blocks.len(),
                    has_text: false,
                }));
            }
            Tag::List(_)
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {
                self.flush(output);
                self.containers.push(Container::Other);
            }
            Tag::MetadataBlock(kind) => {
                self.flush(output);
                if self.front_matter_at == Some(range.start) {
                    self.metadata = Some(Metadata { kind, body: None });
                } else {
                    walk(output, range, self.depth + 1);
                    self.skipping = 1;
                }
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => self
                .inline_leaf(output, &range)
                .start_link(link_type, &dest_url),
            Tag::Image { dest_url, .. } => self
                .inline_leaf(output, &range)
                .start_image(file, range, &dest_url),
            Tag::Emphasis | Tag::Strong => self.inline_leaf(output, &range).start_emphasis(),
            Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {}
        }
    }

    fn end(&mut self, output: &mut Output, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::TableHead
            | TagEnd::TableRow => self.flush(output),
            TagEnd::TableCell => {
                if let Some(leaf) = &mut self.leaf {
                    leaf.end_cell(range);
                }
            }
            TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Table
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {
                self.flush(output);
                self.containers.pop();
            }
            TagEnd::Link => {
                if let Some(leaf) = &mut self.leaf {
                    leaf.end_link();
                }
            }
            TagEnd::Image => {
                if let Some(leaf) = &mut self.leaf {
                    leaf.end_image(output.file);
                }
            }
            TagEnd::MetadataBlock(_) => self.finish_front_matter(output),
            TagEnd::Emphasis | TagEnd::Strong => {
                if let Some(leaf) = &mut self.leaf {
                    leaf.end_emphasis();
                }
            }
            TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript => {}
        }
    }

    /// Ends the block being built, if any, and keeps it if it holds anything.
    fn flush(&mut self, output: &mut Output) {
        if let Some(block) = self.leaf.take().and_then(|leaf| leaf.finish(output.file)) {
            output.blocks.push(block);
        }
    }

    /// Starts a block. It never starts before the previous block ends: with tabs in list
    /// indentation, pulldown-cmark may start an item at the line break that ended the block
    /// before it.
    fn open(&mut self, output: &Output, kind: BlockKind, element: Range<usize>) {
        let previous_end = output.blocks.last().map_or(0, |block| block.range.end);
        let start = element.start.max(previous_end);
        let mdx = output.mdx && !matches!(kind, BlockKind::Code | BlockKind::Html);
        self.leaf = Some(Leaf::new(kind, start..element.end.max(start), mdx));
    }

    /// Opens a block for running text: a paragraph, a list item's text, a quote.
    fn open_text(&mut self, output: &Output, element: Range<usize>) {
        let start = self.block_start(output, element.start);
        let kind = self.text_kind();
        self.open(output, kind, start..element.end);
    }

    /// The block that inline content goes to. A tight list item's text comes with no paragraph
    /// around it: its block opens with the first inline event.
    fn inline_leaf(&mut self, output: &Output, range: &Range<usize>) -> &mut Leaf {
        if self.leaf.is_none() {
            self.open_text(output, range.clone());
        }
        self.leaf
            .get_or_insert_with(|| Leaf::new(BlockKind::Paragraph, range.clone(), output.mdx))
    }

    /// The kind of a block of running text here: the first one of a list item is the item's
    /// text; paragraphs in a blockquote are quotes.
    fn text_kind(&mut self) -> BlockKind {
        if let Some(Container::Item(item)) = self.containers.last_mut() {
            if !item.has_text {
                item.has_text = true;
                return BlockKind::ListItem;
            }
        }
        if self
            .containers
            .iter()
            .any(|c| matches!(c, Container::BlockQuote))
        {
            BlockKind::BlockQuote
        } else {
            BlockKind::Paragraph
        }
    }

    /// Where a block starting at `start` begins: a list item's first block takes in its marker.
    fn block_start(&self, output: &Output, start: usize) -> usize {
        match self.containers.last() {
            Some(Container::Item(item)) if item.blocks_before == output.blocks.len() => {
                item.start.min(start)
            }
            _ => start,
        }
    }

    fn is_esm(&self, output: &Output, range: &Range<usize>) -> bool {
        output.mdx && self.depth == 0 && jsx::starts_esm(&output.file[range.start..])
    }

    fn finish_front_matter(&mut self, output: &mut Output) {
        let Some(Metadata {
            kind,
            body: Some(body),
        }) = self.metadata.take()
        else {
            return;
        };
        output.blocks.extend(front_matter::fields(
            output.file,
            body.clone(),
            kind,
            output.prose_keys,
        ));
        output.front_matter = front_matter::all_fields(output.file, body, kind);
    }

    /// An HTML block in MDX: its lines of JSX tags become masked HTML blocks, its text is parsed
    /// again as Markdown.
    fn split_mdx_html(&mut self, output: &mut Output, range: Range<usize>) {
        if opens_code_element(&output.file[range.clone()]) {
            // `<pre><code>…</code></pre>`: a program's output rendered as HTML, code whatever
            // text it holds.
            let mut leaf = Leaf::new(BlockKind::Code, range.clone(), false);
            leaf.block_line(&output.file[range.clone()], range, MaskKind::Code);
            if let Some(block) = leaf.finish(output.file) {
                output.blocks.push(block);
            }
            return;
        }
        if super::prepare::opens_hidden(&output.file[range.clone()]) {
            // `<div style="display: none">keywords</div>`: text no reader sees.
            let mut leaf = Leaf::new(BlockKind::Html, range.clone(), false);
            leaf.block_line(&output.file[range.clone()], range, MaskKind::Jsx);
            if let Some(block) = leaf.finish(output.file) {
                output.blocks.push(block);
            }
            return;
        }
        for (stretch, part) in jsx::layout(output.file, range) {
            match stretch {
                Stretch::Prose => walk(output, part, self.depth + 1),
                Stretch::Markup => {
                    let mut leaf = Leaf::new(BlockKind::Html, part.clone(), false);
                    leaf.block_line(&output.file[part.clone()], part, MaskKind::Jsx);
                    if let Some(block) = leaf.finish(output.file) {
                        output.blocks.push(block);
                    }
                }
            }
        }
    }

    /// An indented code block that is not code (in MDX, which has none, or holding template
    /// markup): its paragraphs are parsed again from their first character, so that the
    /// indentation no longer makes them code.
    fn unindent_code(&mut self, output: &mut Output, range: Range<usize>) {
        for chunk in paragraphs(output.file, range) {
            walk(output, chunk, self.depth + 1);
        }
    }
}

/// `text` with each template comment (`{{% comment %}}` to `{{% /comment %}}`, or with `<`
/// `>`) blanked to spaces, line breaks kept so that every
/// offset stays. `None` when there is none.
fn blank_template_comments(text: &str) -> Option<String> {
    if !text.contains("comment") {
        return None;
    }
    static OPEN: LazyLock<Regex> =
        LazyLock::new(|| crate::static_regex(r"\{\{[<%]\s*comment\s*[>%]\}\}"));
    static CLOSE: LazyLock<Regex> =
        LazyLock::new(|| crate::static_regex(r"\{\{[<%]\s*/comment\s*[>%]\}\}"));
    let mut bytes = text.as_bytes().to_vec();
    let mut any = false;
    let mut at = 0;
    while let Some(open) = OPEN.find_at(text, at) {
        let Some(close) = CLOSE.find_at(text, open.end()) else {
            break;
        };
        for b in &mut bytes[open.start()..close.end()] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        any = true;
        at = close.end();
    }
    // Every byte of a character in the range became a space: the text is still UTF-8.
    if any {
        String::from_utf8(bytes).ok()
    } else {
        None
    }
}

/// Whether text holds a Hugo shortcode (`{{% tab %}}`, `{{< tabpane >}}`).
fn holds_template_markup(text: &str) -> bool {
    text.contains("{{%") || text.contains("{{<")
}

/// Whether an HTML block opens with an element whose content is code (`<pre>`, `<script>`).
fn opens_code_element(html: &str) -> bool {
    let html = html.trim_start();
    ["<pre", "<script", "<style"].iter().any(|tag| {
        html.get(..tag.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(tag))
            && html[tag.len()..].starts_with(['>', ' ', '\n', '\t'])
    })
}

/// Runs of non-blank lines in `file[range]`, each from its first non-blank character.
fn paragraphs(file: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut chunks = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut offset = range.start;
    for line in file[range].split_inclusive('\n') {
        let content = line.trim();
        if content.is_empty() {
            chunks.extend(current.take());
        } else {
            let start = offset + (line.len() - line.trim_start().len());
            let end = start + content.len();
            current.get_or_insert(start..end).end = end;
        }
        offset += line.len();
    }
    chunks.extend(current);
    chunks
}
