//! Plain-text articles: line 1 is the title, blank lines separate blocks, a line that is only an
//! image file name is an image, a short line without sentence punctuation (or ending in a
//! question mark) is a heading, `- ` / `* ` / `1. ` lines are list items. Lines of one block
//! that wrap a sentence are joined into one paragraph, so hard wrapping never changes blocks.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Block, BlockBuilder, BlockKind, MaskKind};
use crate::locale::{dominant_script, Script};

static IMAGE_LINE: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(r"(?i)^\S+\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?)$"));
static LIST_MARKER: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(r"^(?:[-*•‣–]|\d{1,3}[.)])\s+"));

const HEADING_MAX_CHARS: usize = 90;
const HEADING_MAX_WORDS: usize = 14;
const SPACED_SCRIPT_HEADING_MAX_CHARS: usize = 40;
/// A line at least this long that ends mid-sentence continues on the next line.
const WRAP_MIN_CHARS: usize = 50;

pub(super) fn parse(text: &str) -> Vec<Block> {
    let lines = lines_with_ranges(text);
    let mut blocks = Vec::new();
    let mut current: Option<BlockBuilder> = None;
    let mut previous: Option<&str> = None;
    let mut seen_title = false;
    for (line, range) in lines {
        // A byte order mark is no part of the title (invisible-character reports it).
        let (line, range) = match line.strip_prefix('\u{FEFF}') {
            Some(rest) if range.start == 0 => (rest, 3..range.end),
            _ => (line, range),
        };
        let trimmed = line.trim();
        if trimmed.is_empty() {
            finish(&mut current, &mut blocks);
            previous = None;
            continue;
        }
        let start = range.start + (line.len() - line.trim_start().len());
        let content = start..start + trimmed.len();
        if !seen_title {
            seen_title = true;
            let mut title = BlockBuilder::new(BlockKind::Title, content.clone());
            title.push_text(trimmed, content);
            blocks.push(title.finish());
            previous = None;
            continue;
        }
        let continues = previous.is_some_and(wraps_onto_next_line) && !starts_new_block(trimmed);
        match current.as_mut() {
            Some(block) if continues => {
                block.set_kind(BlockKind::Paragraph);
                // The separator stands for the line break, which ends the previous line.
                block.push_separator(" ", range.start - 1);
                block.push_text(trimmed, content.clone());
                block.extend_range(content.end);
            }
            _ => {
                finish(&mut current, &mut blocks);
                current = Some(start_block(trimmed, content));
            }
        }
        previous = Some(trimmed);
    }
    finish(&mut current, &mut blocks);
    blocks
}

fn start_block(line: &str, range: Range<usize>) -> BlockBuilder {
    if IMAGE_LINE.is_match(line) {
        let mut block = BlockBuilder::new(BlockKind::Image, range.clone());
        block.push_masked(line, range, MaskKind::FileName);
        return block;
    }
    if let Some(marker) = LIST_MARKER.find(line) {
        let mut block = BlockBuilder::new(BlockKind::ListItem, range.clone());
        let start = range.start + marker.end();
        block.push_text(&line[marker.end()..], start..range.end);
        return block;
    }
    let kind = if looks_like_heading(line) {
        BlockKind::Heading(2)
    } else {
        BlockKind::Paragraph
    };
    let mut block = BlockBuilder::new(kind, range.clone());
    block.push_text(line, range);
    block
}

fn finish(current: &mut Option<BlockBuilder>, blocks: &mut Vec<Block>) {
    if let Some(builder) = current.take() {
        let mut builder = builder;
        if builder.kind() == BlockKind::Heading(2) && !looks_like_heading(builder.text()) {
            builder.set_kind(BlockKind::Paragraph);
        }
        blocks.push(builder.finish());
    }
}

fn looks_like_heading(line: &str) -> bool {
    // No script takes more than four bytes a character: a longer line is no heading.
    if line.len() > HEADING_MAX_CHARS * 4 {
        return false;
    }
    let chars = line.chars().count();
    let words = line.split_whitespace().count();
    if chars > HEADING_MAX_CHARS || words > HEADING_MAX_WORDS {
        return false;
    }
    if ends_sentences_with_spaces(line) {
        // No mark ends a Thai, Lao or Khmer sentence: a space does. A heading is then a short
        // line of one clause.
        return chars <= SPACED_SCRIPT_HEADING_MAX_CHARS && line.matches(' ').count() <= 1;
    }
    let last = line.chars().next_back().unwrap_or(' ');
    is_question_mark(last) || !ends_sentence(last)
}

fn ends_sentences_with_spaces(line: &str) -> bool {
    matches!(
        dominant_script(line),
        Some(Script::Thai | Script::Lao | Script::Khmer)
    )
}

fn wraps_onto_next_line(line: &str) -> bool {
    let last = line.chars().next_back().unwrap_or(' ');
    line.chars().count() >= WRAP_MIN_CHARS && !ends_sentence(last) && !is_question_mark(last)
}

fn starts_new_block(line: &str) -> bool {
    IMAGE_LINE.is_match(line) || LIST_MARKER.is_match(line)
}

fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | ';' | ':' | '…' | '।' | '॥' | '۔' | '。' | '！' | '．' | '։' | '።' | '။'
    ) || is_question_mark(c)
        || is_closing_quote(c)
}

fn is_question_mark(c: char) -> bool {
    matches!(c, '?' | '؟' | '？' | '՞' | ';')
}

fn is_closing_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '»' | '’' | '」' | '』')
}

/// Each line with its byte range, without the line break.
fn lines_with_ranges(text: &str) -> impl Iterator<Item = (&str, Range<usize>)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        (line, start..start + line.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BlockKind, String)> {
        parse(text).into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn seed_format_blocks() {
        let text = "A Title\n\nA subtitle sentence that ends here.\nTable of contents\n\nWhat is it?\n\npicture-1.png\n\n- first item\n- second item\n";
        assert_eq!(
            kinds(text),
            vec![
                (BlockKind::Title, "A Title".into()),
                (
                    BlockKind::Paragraph,
                    "A subtitle sentence that ends here.".into()
                ),
                (BlockKind::Heading(2), "Table of contents".into()),
                (BlockKind::Heading(2), "What is it?".into()),
                (BlockKind::Image, "picture-1.png".into()),
                (BlockKind::ListItem, "first item".into()),
                (BlockKind::ListItem, "second item".into()),
            ]
        );
    }

    #[test]
    fn wrapped_lines_are_one_paragraph() {
        let text =
            "T\n\nThis paragraph was wrapped by an editor at a fixed\nwidth and goes on here.\n";
        let blocks = parse(text);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1].kind, BlockKind::Paragraph);
        assert_eq!(
            blocks[1].text,
            "This paragraph was wrapped by an editor at a fixed width and goes on here."
        );
        let width = blocks[1].text.find("width").unwrap();
        assert_eq!(&text[blocks[1].file_range(width..width + 5)], "width");
    }

    #[test]
    fn a_wrapped_line_may_start_with_a_wide_space() {
        let text = "T\n\nこの段落はとても長くて、編集者が固定の幅で折り返したものです。読みやすさのために、そして次の行へと続く\n\u{3000}続きます。\n";
        let blocks = parse(text);
        assert_eq!(blocks.len(), 2);
        let block = &blocks[1];
        for token in &block.tokens {
            let range = block.file_range(token.range.clone());
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        }
        let space = block.text.find("続く ").unwrap() + "続く".len();
        let separator = block.file_range(space..space + 1);
        assert_eq!(&text[separator], "\n");
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_title() {
        let blocks = parse("\u{FEFF}Title\n\nBody.\n");
        assert_eq!(blocks[0].text, "Title");
        assert_eq!(blocks[0].range, 3..8);
    }

    #[test]
    fn a_wrapped_line_indented_with_a_wide_space_maps_to_whole_characters() {
        let text = "T\n\nThis paragraph was wrapped by an editor at a fixed\n\u{202F}width here.\n";
        let blocks = parse(text);
        let space = blocks[1].text.find(" width").unwrap();
        let range = blocks[1].file_range(space..space + 1);
        assert_eq!(&text[range], "\n");
    }

    #[test]
    fn thai_headings_are_short_single_clauses() {
        let text = "ชื่อเรื่อง\n\nโดยรถบัส\n\nควรพกเงินสดติดตัวไว้บ้าง เพราะแท็กซี่บางคันไม่รับบัตร\n";
        let kinds: Vec<BlockKind> = parse(text).iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Title,
                BlockKind::Heading(2),
                BlockKind::Paragraph
            ]
        );
    }

    #[test]
    fn crlf_line_ends() {
        let blocks = parse("Title\r\n\r\nBody text.\r\n");
        assert_eq!(blocks[1].text, "Body text.");
        assert_eq!(blocks[1].range, 9..19);
    }
}
