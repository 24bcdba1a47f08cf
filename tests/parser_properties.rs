//! Whatever the input, every parser returns blocks in file order, apart, on char boundaries, and
//! every token of a block maps back into that block's range.

use loclint::document::{Document, Format};
use loclint::source::SourceFile;
use proptest::prelude::*;

const FORMATS: [Format; 3] = [Format::PlainText, Format::Markdown, Format::Mdx];

/// Pieces of Markdown, MDX and front-matter syntax, and words in several scripts (with
/// combining marks, multi-byte spaces and emoji), to be strung together at random.
const FRAGMENTS: &[&str] = &[
    "# ",
    "## ",
    "###### ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "> ",
    ">> ",
    "|",
    " | ",
    "|---|",
    ":-:",
    "---",
    "+++",
    "***",
    "___",
    "\n",
    "\n\n",
    "\r\n",
    "  ",
    "    ",
    "\t",
    "`",
    "``",
    "```",
    "~~~",
    "*",
    "**",
    "_",
    "__",
    "~~",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "[^1]",
    "[^1]: ",
    "<",
    ">",
    "</",
    "/>",
    "<Tab value=\"x\">",
    "</Tab>",
    "<Note />",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "{",
    "}",
    "{/* c */}",
    "{x}",
    "&amp;",
    "&#x938;",
    "&nbsp;",
    "&ngE;",
    "\\",
    "\\*",
    "\\{",
    "import x from 'y'",
    "export const a = {",
    "title: ",
    "description: |",
    "title = \"",
    "\"",
    "'",
    "=",
    ":",
    "#",
    "https://example.com/a.png",
    "img/cx-cs.png",
    "mail@example.com",
    "{{name}}",
    "%s",
    "word",
    "Word",
    "CX",
    "1,200",
    " ",
    "नमस्ते",
    "हिन्दी",
    "ु",
    "१२",
    "العربية",
    "مرحبا",
    "ٌ",
    "١٬٢٠٠",
    "中文",
    "日本語です",
    "한국어",
    "😀",
    "👍🏽",
    "\u{200d}",
    "\u{feff}",
    "\u{3000}",
    "\u{a0}",
    "\u{85}",
    "\u{2028}",
];

fn markdownish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..80).prop_map(|parts| parts.concat())
}

const INDENTS: &[&str] = &["", "", "  ", "   ", "    ", "      ", "\t", "\u{3000}"];
const MARKERS: &[&str] = &[
    "",
    "",
    "",
    "# ",
    "## ",
    "- ",
    "* ",
    "1. ",
    "> ",
    "> - ",
    "- > ",
    "| ",
    "```",
    "~~~",
    "---",
    "===",
    "+++",
    "<Tab value=\"x\">",
    "</Tab>",
    "<div>",
    "{",
    "import x from 'y'",
    "export ",
    "title: ",
    "[^1]: ",
    "[a]: ",
    "- [ ] ",
];

/// Lines of Markdown: indentation, a block marker, inline fragments; lines joined by single
/// line breaks or blank lines, so that lists, quotes, tables and code blocks nest and wrap.
fn markdown_lines() -> impl Strategy<Value = String> {
    let inline = prop::collection::vec(prop::sample::select(FRAGMENTS), 0..6);
    let line = (
        prop::sample::select(INDENTS),
        prop::sample::select(MARKERS),
        inline,
        prop::sample::select(&["\n", "\n", "\n\n", "\r\n"][..]),
    )
        .prop_map(|(indent, marker, inline, end)| {
            let inline: String = inline.concat().replace('\n', " ");
            format!("{indent}{marker}{inline}{end}")
        });
    prop::collection::vec(line, 0..24).prop_map(|lines| lines.concat())
}

/// Checks the invariants for one text in every format; returns a description of the first
/// violation.
fn check(text: &str) -> Result<(), TestCaseError> {
    let file = SourceFile::new("article.md", text);
    for format in FORMATS {
        let document = Document::parse(&file, format);
        let mut previous_end = 0;
        for block in &document.blocks {
            let range = block.range.clone();
            prop_assert!(
                range.start <= range.end && range.end <= text.len(),
                "{format:?}: block range {range:?} outside a text of {} bytes",
                text.len()
            );
            prop_assert!(
                text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
                "{format:?}: block range {range:?} splits a character"
            );
            prop_assert!(
                previous_end <= range.start,
                "{format:?}: block {range:?} starts before the previous one ends ({previous_end})"
            );
            previous_end = range.end;
            for token in &block.tokens {
                prop_assert!(block.text.get(token.range.clone()).is_some());
                let mapped = block.file_range(token.range.clone());
                prop_assert!(
                    range.start <= mapped.start && mapped.end <= range.end,
                    "{format:?}: token {:?} maps to {mapped:?}, outside its block {range:?}",
                    token.text(&block.text)
                );
                prop_assert!(
                    text.is_char_boundary(mapped.start) && text.is_char_boundary(mapped.end),
                    "{format:?}: token {:?} maps to {mapped:?}, which splits a character",
                    token.text(&block.text)
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn markdown_like_text(text in markdownish()) {
        check(&text)?;
    }

    #[test]
    fn markdown_lines_nest(text in markdown_lines()) {
        check(&text)?;
    }

    #[test]
    fn front_matter_then_markdown(
        delimiter in prop::sample::select(&["---", "+++"][..]),
        front in markdownish(),
        body in markdownish(),
    ) {
        check(&format!("{delimiter}\n{front}\n{delimiter}\n{body}"))?;
    }
}

#[test]
fn known_tricky_inputs() {
    for text in [
        "",
        "\u{feff}",
        "---\n---\n",
        "---\ntitle: \"unterminated\n---\n",
        "+++\ntitle = \"\"\"\n+++\n",
        "<Tab\n\n>{",
        "- a\n  - b\n    - c\n- ![x](",
        "| a |\n|---|\n| \u{3000} |",
        "import {\n\n",
        "\u{3000}\u{3000}\u{3000}\u{3000}code?\n",
        "![](<>)",
        "[a]: <\u{a0}>\n![b][a]",
        "- > <Tab value=\"x\">\n\t- [ ] # \n",
        "\n\n- # \n  | \n   {/* c */}\n  ---\n",
    ] {
        check(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
}
