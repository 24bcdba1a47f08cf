//! One block under construction: the inline events of a paragraph, heading, list item, table
//! row, code block or HTML block, turned into text, masks and pieces by a [`BlockBuilder`].

use std::ops::Range;

use pulldown_cmark::LinkType;

use super::jsx::{is_comment_only, JsxScanner};
use super::push_space;
use crate::document::{Block, BlockBuilder, BlockKind, MaskKind};

pub(super) struct Leaf {
    builder: BlockBuilder,
    start: usize,
    /// The end of the Markdown element, trailing blank lines included.
    element_end: usize,
    /// The end of the last piece pushed: the block never ends before it.
    content_end: usize,
    /// The gap between two table cells (the `|`), pushed as ` | ` before the next cell's text.
    pending_cell_gap: Option<Range<usize>>,
    last_cell_end: Option<usize>,
    /// Open links: their type, where their text began, and their destination.
    links: Vec<(LinkType, usize, String)>,
    /// Where the open emphasis spans (`*…*`, `**…**`) began in the block text.
    emphasis: Vec<usize>,
    /// How many HTML code elements (`<code>`, `<kbd>`...) are open: their text is code.
    open_code_elements: usize,
    image: Option<Image>,
    /// Set in MDX files, where text may hold JSX.
    jsx: Option<JsxScanner>,
    seen: Seen,
}

/// An image whose alt text is being read.
struct Image {
    range: Range<usize>,
    destination: String,
    alt_end: usize,
}

/// What the block held, to tell an image paragraph or a markup-only paragraph from prose.
#[derive(Default)]
struct Seen {
    /// Words outside images.
    prose: bool,
    /// Code, URLs and other masked text (not markup) outside images.
    masked: bool,
    images: usize,
}

impl Leaf {
    pub(super) fn new(kind: BlockKind, element: Range<usize>, mdx: bool) -> Leaf {
        Leaf {
            builder: BlockBuilder::new(kind, element.start..element.start),
            start: element.start,
            element_end: element.end,
            content_end: element.start,
            pending_cell_gap: None,
            last_cell_end: None,
            links: Vec::new(),
            emphasis: Vec::new(),
            open_code_elements: 0,
            image: None,
            jsx: mdx.then(JsxScanner::default),
            seen: Seen::default(),
        }
    }

    /// A text event: code, alt text, an autolink's address, or prose (with JSX masked in MDX).
    pub(super) fn text(&mut self, file: &str, text: &str, range: Range<usize>) {
        if self.builder.kind() == BlockKind::Code {
            return self.masked(text, range, MaskKind::Code);
        }
        if let Some(image) = &mut self.image {
            image.alt_end = image.alt_end.max(range.end);
            self.push(text, range, None);
            return;
        }
        match self.links.last().map(|(kind, ..)| kind) {
            Some(LinkType::Autolink) => return self.masked(text, range, MaskKind::Url),
            Some(LinkType::Email) => return self.masked(text, range, MaskKind::Email),
            _ => {}
        }
        let Some(scanner) = &mut self.jsx else {
            return self.prose(text, range);
        };
        if file.get(range.clone()) != Some(text) {
            // An escape or an entity: literal text, unless it stands inside a tag.
            return if scanner.is_inside() {
                self.masked(text, range, MaskKind::Jsx)
            } else {
                self.prose(text, range)
            };
        }
        for (markup, part) in scanner.split(file, range) {
            if markup {
                self.masked(&file[part.clone()], part, MaskKind::Jsx);
            } else {
                self.prose(&file[part.clone()], part);
            }
        }
    }

    /// A code span; JSX when it stands inside a JSX expression.
    pub(super) fn inline_code(&mut self, text: &str, range: Range<usize>) {
        self.masked(text, range, self.inline_mask(MaskKind::InlineCode));
    }

    /// An inline HTML tag (a JSX tag in MDX).
    pub(super) fn inline_html(&mut self, text: &str, range: Range<usize>) {
        let kind = if self.jsx.is_some() {
            MaskKind::Jsx
        } else {
            MaskKind::HtmlTag
        };
        self.masked(text, range, kind);
    }

    /// A line of a code block, or a stretch of JSX markup.
    pub(super) fn block_line(&mut self, text: &str, range: Range<usize>, kind: MaskKind) {
        self.masked(text, range, kind);
    }

    /// A line of an HTML block: its tags, comments and entities are markup, the text between
    /// them prose (a pull quote, a table cell), except inside code elements.
    pub(super) fn html_line(&mut self, text: &str, range: Range<usize>) {
        let mut at = 0;
        while at < text.len() {
            let rest = &text[at..];
            let markup_len = if rest.starts_with("<!--") {
                rest.find("-->").map_or(rest.len(), |end| end + 3)
            } else if rest.starts_with("<?") {
                // A processing instruction (`<?code-excerpt "a.java"?>`): for the site's tools.
                rest.find("?>").map_or(rest.len(), |end| end + 2)
            } else if rest.strip_prefix('<').is_some_and(|r| {
                r.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
            }) {
                rest.find('>').map_or(rest.len(), |end| end + 1)
            } else if let Some(entity) = rest.strip_prefix('&') {
                entity
                    .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
                    .filter(|&end| end > 0 && entity[end..].starts_with(';'))
                    .map_or(0, |end| end + 2)
            } else {
                0
            };
            if markup_len > 0 {
                let piece = at..at + markup_len;
                self.masked(
                    &text[piece.clone()],
                    range.start + piece.start..range.start + piece.end,
                    MaskKind::HtmlTag,
                );
                at += markup_len;
                continue;
            }
            let first = rest.chars().next().map_or(1, char::len_utf8);
            let next = rest[first..]
                .find(['<', '&'])
                .map_or(text.len(), |i| at + first + i);
            let piece = at..next;
            self.prose(
                &text[piece.clone()],
                range.start + piece.start..range.start + piece.end,
            );
            at = next;
        }
    }

    /// A soft or hard line break, or any place where words must not run together.
    pub(super) fn space(&mut self, file: &str, offset: usize) {
        push_space(&mut self.builder, file, offset);
    }

    pub(super) fn start_link(&mut self, link_type: LinkType, destination: &str) {
        let start = self.builder.text().len();
        self.links.push((link_type, start, destination.to_string()));
    }

    pub(super) fn end_link(&mut self) {
        if let Some((link_type, start, destination)) = self.links.pop() {
            if !matches!(link_type, LinkType::Autolink | LinkType::Email) {
                self.builder.push_link(start, &destination);
            }
        }
    }

    pub(super) fn start_emphasis(&mut self) {
        self.emphasis.push(self.builder.text().len());
    }

    pub(super) fn end_emphasis(&mut self) {
        if let Some(start) = self.emphasis.pop() {
            self.builder.push_emphasis(start);
        }
    }

    pub(super) fn start_image(&mut self, file: &str, range: Range<usize>, destination: &str) {
        self.space(file, range.start);
        let alt_start = (range.start + 2).min(range.end);
        self.image = Some(Image {
            range,
            destination: destination.to_string(),
            alt_end: alt_start,
        });
        self.seen.images += 1;
    }

    /// Closes an image: after its alt text comes its file name (or URL), masked, so that it
    /// becomes an anchor. The link destination itself is never text.
    pub(super) fn end_image(&mut self, file: &str) {
        let Some(image) = self.image.take() else {
            return;
        };
        let destination = image.destination.trim();
        if destination.is_empty() {
            return;
        }
        let tail = image.alt_end.min(image.range.end)..image.range.end;
        let tail = match file.get(tail.clone()) {
            Some(_) => tail,
            None => image.range.end..image.range.end,
        };
        let written = file[tail.clone()]
            .find(destination)
            .map(|at| tail.start + at..tail.start + at + destination.len());
        // A reference image's destination stands in its definition, outside the block: the
        // text then maps to the `][label]` part.
        let name = file_name_within(destination);
        let range = match written {
            Some(range) => range.start + name.start..range.start + name.end,
            None => tail,
        };
        let text = &destination[name];
        let kind = if is_url(destination) {
            MaskKind::Url
        } else {
            MaskKind::FileName
        };
        // Masked text inside the image counts as part of the image, not as other content.
        self.space(file, range.start);
        let at = self.builder.text().len();
        self.push(text, range, Some(kind));
        let end = self.builder.text().len();
        self.builder.push_image(at..end, destination);
    }

    pub(super) fn start_cell(&mut self, range: Range<usize>) {
        if let Some(previous_end) = self.last_cell_end {
            if !self.builder.text().is_empty() {
                self.pending_cell_gap = Some(previous_end.min(range.start)..range.start);
            }
        }
    }

    pub(super) fn end_cell(&mut self, range: Range<usize>) {
        self.last_cell_end = Some(range.end);
    }

    /// The block, with its kind settled by what it held; `None` when it holds nothing a rule
    /// could read (an empty paragraph, HTML comments).
    pub(super) fn finish(mut self, file: &str) -> Option<Block> {
        let kind = self.builder.kind();
        let nothing_but_markup = !self.seen.prose && !self.seen.masked;
        if matches!(kind, BlockKind::Paragraph | BlockKind::BlockQuote) && nothing_but_markup {
            if self.seen.images == 0 {
                self.builder.set_kind(BlockKind::Html);
            } else if kind == BlockKind::Paragraph {
                self.builder.set_kind(BlockKind::Image);
            }
        }
        let comments_only =
            self.builder.kind() == BlockKind::Html && is_comment_only(self.builder.text());
        if self.builder.is_empty() || comments_only {
            return None;
        }
        let trimmed = file
            .get(self.start..self.element_end)
            .map_or(self.start, |text| self.start + text.trim_end().len());
        self.builder.extend_range(trimmed.max(self.content_end));
        Some(self.builder.finish())
    }

    fn inline_mask(&self, kind: MaskKind) -> MaskKind {
        match &self.jsx {
            Some(scanner) if scanner.is_inside() => MaskKind::Jsx,
            _ => kind,
        }
    }

    fn prose(&mut self, text: &str, range: Range<usize>) {
        if self.open_code_elements > 0 {
            return self.masked(text, range, MaskKind::InlineCode);
        }
        if crate::document::prepare::attribute_list(text).is_some() {
            // `{.border-0}` after an image: attributes for the renderer, not text.
            return self.masked(text, range, MaskKind::HtmlTag);
        }
        if self.image.is_none() && !text.trim().is_empty() {
            self.seen.prose = true;
        }
        self.push(text, range, None);
    }

    fn masked(&mut self, text: &str, range: Range<usize>, kind: MaskKind) {
        let markup = matches!(kind, MaskKind::HtmlTag | MaskKind::Jsx);
        if markup {
            match code_element_tag(text) {
                Some(true) => self.open_code_elements += 1,
                Some(false) => self.open_code_elements = self.open_code_elements.saturating_sub(1),
                None => {}
            }
        }
        if self.image.is_none() && !markup && !text.trim().is_empty() {
            self.seen.masked = true;
        }
        self.push(text, range, Some(kind));
    }

    fn push(&mut self, text: &str, range: Range<usize>, mask: Option<MaskKind>) {
        if text.is_empty() {
            return;
        }
        if let Some(gap) = self.pending_cell_gap.take() {
            self.builder.push_text(" | ", gap);
        }
        self.content_end = self.content_end.max(range.end);
        match mask {
            Some(kind) => self.builder.push_masked(text, range, kind),
            None => self.builder.push_text(text, range),
        }
    }
}

/// HTML elements whose text is code, not prose.
const CODE_ELEMENTS: &[&str] = &["code", "kbd", "samp", "var", "tt", "pre", "script", "style"];

/// For a tag of a [`CODE_ELEMENTS`] element: `Some(true)` if it opens it, `Some(false)` if it
/// closes it. `None` for any other tag, and for a self-closing one.
fn code_element_tag(tag: &str) -> Option<bool> {
    let tag = tag.trim();
    let inner = tag.strip_prefix('<')?.strip_suffix('>')?;
    if inner.ends_with('/') {
        return None;
    }
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name_end = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    CODE_ELEMENTS.contains(&name.as_str()).then_some(!closing)
}

/// The part of an image destination that names the file: `img/cx-cs.png?raw=1` -> `cx-cs.png`.
/// Paths are often localised (`/ar/img/`), file names rarely. URLs are kept whole.
fn file_name_within(destination: &str) -> Range<usize> {
    if is_url(destination) {
        return 0..destination.len();
    }
    let end = destination.find(['?', '#']).unwrap_or(destination.len());
    let start = destination[..end].rfind('/').map_or(0, |slash| slash + 1);
    if start < end {
        start..end
    } else {
        0..destination.len()
    }
}

fn is_url(destination: &str) -> bool {
    destination.contains("://")
        || destination.starts_with("//")
        || destination.starts_with("data:")
        || destination.starts_with("mailto:")
}
